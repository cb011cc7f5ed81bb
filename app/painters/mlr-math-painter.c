/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formula layout (see mlr-math-painter.h). A box is a list of items, each placed relative to
 * the box's origin on its baseline: text (a Pango layout), a rule (fraction bars, overlines),
 * a stroked path (radicals, arrows) or another box. Layout works bottom-up from the tree;
 * drawing walks the items.
 */
#include "config.h"

#include "mlr-math-painter.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "mlr-plot.h"

typedef enum {
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_BOX,
  ITEM_RADICAL,
  ITEM_STRETCHED,   /* a delimiter's glyph scaled vertically to a height */
  ITEM_ARROW,       /* \vec: y is the arrow's middle, w its length, h the head's size */
} ItemKind;

typedef struct {
  ItemKind     kind;
  double       x, y;        /* the item's origin: its baseline's left end (RULE: top left) */
  double       w, h;        /* RULE: size; RADICAL: the body's width and height + depth;
                             * STRETCHED: the scale in y */
  PangoLayout *layout;      /* TEXT, STRETCHED */
  MlrMathBox  *box;         /* BOX */
  double       thickness;   /* RADICAL */
  double       sign_w;      /* RADICAL: the width of the sign before the body */
} Item;

struct _MlrMathBox
{
  double     width, height, depth;
  MlrMathClass cls;
  gboolean   limits;       /* a big operator whose scripts go above and below */
  double     italic;       /* how far the last glyph leans past the width (for superscripts) */
  double     ink_top, ink_bottom;  /* a text box's ink, from its baseline (up is negative) */
  GArray    *items;        /* Item */
};

typedef struct {
  cairo_t  *cr;
  double    size;      /* the em of the current style, px */
  double    base;      /* the formula's text size */
  gboolean  display;
  int       level;     /* 0 text/display, 1 script, 2 scriptscript */
  MlrMathFont font;
} Ctx;

/* ---------------------------------------------------------------- boxes */

static MlrMathBox *
box_new (void)
{
  MlrMathBox *b = g_new0 (MlrMathBox, 1);

  b->items = g_array_new (FALSE, TRUE, sizeof (Item));
  return b;
}

void
mlr_math_box_free (MlrMathBox *box)
{
  if (box == NULL)
    return;
  for (guint i = 0; i < box->items->len; i++)
    {
      Item *it = &g_array_index (box->items, Item, i);
      g_clear_object (&it->layout);
      g_clear_pointer (&it->box, mlr_math_box_free);
    }
  g_array_unref (box->items);
  g_free (box);
}

static void
add_box (MlrMathBox *parent,
         MlrMathBox *child,
         double      x,
         double      y)
{
  Item it = { .kind = ITEM_BOX, .x = x, .y = y, .box = child };

  g_array_append_val (parent->items, it);
}

static void
add_rule (MlrMathBox *b,
          double      x,
          double      top,
          double      w,
          double      h)
{
  Item it = { .kind = ITEM_RULE, .x = x, .y = top, .w = w, .h = h };

  g_array_append_val (b->items, it);
}

void
mlr_math_box_extents (const MlrMathBox *box,
                      double           *width,
                      double           *height,
                      double           *depth)
{
  if (width)
    *width = box->width;
  if (height)
    *height = box->height;
  if (depth)
    *depth = box->depth;
}

/* ---------------------------------------------------------------- glyphs */

/* Latin letters and lowercase Greek in math italic, blackboard, bold or script, as the
 * Mathematical Alphanumeric Symbols block has them (with the older letterlike holes). */
static gunichar
styled (gunichar    c,
        MlrMathFont font,
        gboolean    italic)
{
  static const struct { gunichar from, to; } holes[] = {
    { 0x1D455, 0x210E },                      /* italic h */
    { 0x1D53A, 0x2102 }, { 0x1D53F, 0x210D }, { 0x1D545, 0x2115 }, { 0x1D547, 0x2119 },
    { 0x1D548, 0x211A }, { 0x1D549, 0x211D }, { 0x1D551, 0x2124 },   /* ℂ ℍ ℕ ℙ ℚ ℝ ℤ */
    { 0x1D49D, 0x212C }, { 0x1D4A0, 0x2130 }, { 0x1D4A1, 0x2131 }, { 0x1D4A3, 0x210B },
    { 0x1D4A4, 0x2110 }, { 0x1D4A7, 0x2112 }, { 0x1D4A8, 0x2133 }, { 0x1D4AD, 0x211B },
  };
  gunichar out = c;

  if (font == MLR_MATH_FONT_ROMAN)
    return c;
  if (c >= 'A' && c <= 'Z')
    {
      if (font == MLR_MATH_FONT_BLACKBOARD)
        out = 0x1D538 + (c - 'A');
      else if (font == MLR_MATH_FONT_CALLIGRAPHIC)
        out = 0x1D49C + (c - 'A');
      else if (font == MLR_MATH_FONT_BOLD)
        out = 0x1D400 + (c - 'A');
      else if (italic)
        out = 0x1D434 + (c - 'A');
    }
  else if (c >= 'a' && c <= 'z')
    {
      if (font == MLR_MATH_FONT_BOLD)
        out = 0x1D41A + (c - 'a');
      else if (font == MLR_MATH_FONT_DEFAULT && italic)
        out = 0x1D44E + (c - 'a');
    }
  else if (c >= 0x3B1 && c <= 0x3C9 && font == MLR_MATH_FONT_DEFAULT && italic)
    out = 0x1D6FC + (c - 0x3B1);
  else if (c >= '0' && c <= '9' && font == MLR_MATH_FONT_BOLD)
    out = 0x1D7CE + (c - '0');
  for (guint i = 0; i < G_N_ELEMENTS (holes); i++)
    if (holes[i].from == out)
      return holes[i].to;
  return out;
}

static PangoLayout *
text_layout (Ctx        *ctx,
             const char *text,
             gboolean    upright_text)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);
  PangoFontDescription *font = pango_font_description_from_string (upright_text ? "DejaVu Serif"
                                                                                 : MLR_MATH_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, ctx->size * PANGO_SCALE);
  if (upright_text && ctx->font == MLR_MATH_FONT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* A run of text as a box: the width is the logical one, height and depth the ink's (as TeX
 * uses a glyph's own height), at least the x-height, so "a" and "x" line up. */
static MlrMathBox *
text_box (Ctx        *ctx,
          const char *text,
          gboolean    upright_text)
{
  MlrMathBox *b = box_new ();
  Item it = { .kind = ITEM_TEXT };
  PangoRectangle ink, logical;
  double baseline;

  it.layout = text_layout (ctx, text, upright_text);
  pango_layout_get_pixel_extents (it.layout, &ink, &logical);
  baseline = pango_layout_get_baseline (it.layout) / (double) PANGO_SCALE;
  b->width = logical.width;
  b->height = MAX (baseline - ink.y, ctx->size * 0.45);
  b->depth = MAX (ink.y + ink.height - baseline, 0);
  b->italic = MAX (0, ink.x + ink.width - logical.width);
  b->ink_top = ink.y - baseline;
  b->ink_bottom = ink.y + ink.height - baseline;
  it.x = 0;
  it.y = 0;
  g_array_append_val (b->items, it);
  return b;
}

static MlrMathBox *
symbol_box (Ctx               *ctx,
            const MlrMathNode *n)
{
  GString *s = g_string_new (NULL);
  gboolean italic = !n->number && n->cls != MLR_MATH_OP;
  MlrMathBox *b;

  for (const char *p = n->text; *p; p = g_utf8_next_char (p))
    g_string_append_unichar (s, styled (g_utf8_get_char (p), ctx->font, italic));
  /* a big operator in display style is larger */
  if (n->cls == MLR_MATH_OP && g_utf8_strlen (n->text, -1) == 1 && ctx->display &&
      ctx->level == 0)
    {
      double saved = ctx->size;
      ctx->size *= 1.5;
      b = text_box (ctx, s->str, FALSE);
      ctx->size = saved;
    }
  else
    b = text_box (ctx, s->str, FALSE);
  b->cls = n->cls;
  b->limits = n->limits && ctx->display && ctx->level == 0;
  g_string_free (s, TRUE);
  return b;
}

/* ---------------------------------------------------------------- spacing */

/* TeX's inter-atom spacing in mu: 0 none, 3 thin, 4 medium, 5 thick; negative: only in text
 * and display style (not in scripts). Rows: left class; columns: right class. */
static const int spacing[8][8] = {
  /*          ord  op  bin  rel open close punct inner */
  /* ord */  { 0,   3, -4,  -5,  0,   0,    0,   -3 },
  /* op */   { 3,   3,  0,  -5,  0,   0,    0,   -3 },
  /* bin */  { -4, -4,  0,   0, -4,   0,    0,   -4 },
  /* rel */  { -5, -5,  0,   0, -5,   0,    0,   -5 },
  /* open */ { 0,   0,  0,   0,  0,   0,    0,    0 },
  /* close */{ 0,   3, -4,  -5,  0,   0,    0,   -3 },
  /* punct */{ -3, -3,  0,  -3, -3,  -3,   -3,   -3 },
  /* inner */{ -3,  3, -4,  -5, -3,   0,   -3,   -3 },
};

static MlrMathBox *layout_node (Ctx *ctx, const MlrMathNode *n);

static MlrMathBox *
layout_row (Ctx               *ctx,
            const MlrMathNode *n)
{
  MlrMathBox *row = box_new ();
  double x = 0;
  int prev = -1;

  row->cls = MLR_MATH_ORD;
  for (guint i = 0; n->kids != NULL && i < n->kids->len; i++)
    {
      const MlrMathNode *kid = g_ptr_array_index (n->kids, i);
      MlrMathBox *b = layout_node (ctx, kid);
      int cls = b->cls;

      /* a binary operator with nothing to its left, or after an operator, relation, opening
       * or punctuation, is an ordinary (TeX's rule: −x is a sign) */
      if (cls == MLR_MATH_BIN && (prev < 0 || prev == MLR_MATH_BIN || prev == MLR_MATH_OP ||
                                  prev == MLR_MATH_REL || prev == MLR_MATH_OPEN ||
                                  prev == MLR_MATH_PUNCT))
        cls = MLR_MATH_ORD;
      if (prev >= 0 && kid->kind != MLR_MATH_SPACE)
        {
          int mu = spacing[prev][cls];
          if (mu < 0)
            mu = ctx->level == 0 ? -mu : 0;
          x += mu * ctx->size / 18;
        }
      add_box (row, b, x, 0);
      x += b->width;
      row->height = MAX (row->height, b->height);
      row->depth = MAX (row->depth, b->depth);
      if (kid->kind != MLR_MATH_SPACE)
        prev = cls;
    }
  /* (TeX also makes a trailing binary operator ordinary; here it keeps its space on the left) */
  row->width = x;
  if (n->kids != NULL && n->kids->len == 1 && !n->braced)
    {
      const Item *only = &g_array_index (row->items, Item, 0);
      row->cls = only->box->cls;
      row->limits = only->box->limits;
      row->italic = only->box->italic;
    }
  return row;
}

/* ---------------------------------------------------------------- structures */

static MlrMathBox *
at_level (Ctx               *ctx,
          const MlrMathNode *n,
          int                level)
{
  int saved_level = ctx->level;
  double saved_size = ctx->size;
  MlrMathBox *b;

  ctx->level = MIN (level, 2);
  ctx->size = ctx->base * (ctx->level == 0 ? 1 : ctx->level == 1 ? 0.7 : 0.5);
  b = layout_node (ctx, n);
  ctx->level = saved_level;
  ctx->size = saved_size;
  return b;
}

static double
axis (Ctx *ctx)
{
  return ctx->size * 0.25;
}

static double
rule_thickness (Ctx *ctx)
{
  return MAX (1.0, ctx->size * 0.06);
}

static MlrMathBox *
layout_frac (Ctx               *ctx,
             const MlrMathNode *n)
{
  gboolean display = n->frac_style == MLR_MATH_FRAC_DISPLAY ||
                     (n->frac_style == MLR_MATH_FRAC_AUTO && ctx->display && ctx->level == 0);
  int level = display ? ctx->level : ctx->level + 1;
  MlrMathBox *num, *den, *b = box_new ();
  double t = rule_thickness (ctx), gap = display ? 3 * t : t * 1.5, w, pad = ctx->size * 0.12;
  gboolean saved_display = ctx->display;

  if (n->frac_style == MLR_MATH_FRAC_TEXT)
    level = ctx->level + 1;
  ctx->display = FALSE;  /* inside a fraction, text style (a \dfrac keeps its own size) */
  num = at_level (ctx, g_ptr_array_index (n->kids, 0), level);
  den = at_level (ctx, g_ptr_array_index (n->kids, 1), level);
  ctx->display = saved_display;
  w = MAX (num->width, den->width) + 2 * pad;
  b->width = w;
  b->cls = MLR_MATH_INNER;
  b->height = axis (ctx) + t / 2 + gap + num->depth + num->height;
  b->depth = -(axis (ctx) - t / 2 - gap - den->height) + den->depth;
  add_box (b, num, (w - num->width) / 2, -(axis (ctx) + t / 2 + gap + num->depth));
  add_box (b, den, (w - den->width) / 2, -(axis (ctx) - t / 2 - gap - den->height));
  add_rule (b, pad / 2, -(axis (ctx) + t / 2), w - pad, t);
  return b;
}

static MlrMathBox *
layout_sqrt (Ctx               *ctx,
             const MlrMathNode *n)
{
  MlrMathBox *body = layout_node (ctx, g_ptr_array_index (n->kids, 0));
  const MlrMathNode *index_node = g_ptr_array_index (n->kids, 1);
  MlrMathBox *b = box_new ();
  double t = rule_thickness (ctx), gap = 2 * t, index_w = 0;
  /* the sign widens a little as the body grows taller, so its long stroke stays left of the
   * body (a fraction under the root is twice a line's height) */
  double total = body->height + gap + t + body->depth;
  double sign_w = ctx->size * 0.55 + MAX (0, total - 1.3 * ctx->size) * 0.15;
  Item it = { .kind = ITEM_RADICAL };

  if (index_node != NULL)
    {
      MlrMathBox *index = at_level (ctx, index_node, ctx->level + 2);
      index_w = MAX (0, index->width - sign_w * 0.5);
      add_box (b, index, 0, -(body->height * 0.5 + index->depth));
      b->height = MAX (b->height, body->height * 0.5 + index->depth + index->height);
    }
  it.x = index_w;
  it.y = body->height + gap + t;          /* from the baseline up to the overline */
  it.w = sign_w + body->width + t;
  it.h = body->height + gap + t + body->depth;
  it.thickness = t;
  it.sign_w = sign_w;
  g_array_append_val (b->items, it);
  add_box (b, body, index_w + sign_w, 0);
  b->width = index_w + sign_w + body->width + t;
  b->height = MAX (b->height, body->height + gap + 2 * t);
  b->depth = body->depth;
  return b;
}

static gboolean
is_primes (const MlrMathNode *n)
{
  return n != NULL && n->kind == MLR_MATH_SYMBOL && n->text != NULL &&
         (g_str_equal (n->text, "′") || g_str_equal (n->text, "′′") ||
          g_str_equal (n->text, "′′′"));
}

/* Scripts: beside the base, or (limits) centred above and below it. */
static MlrMathBox *
layout_scripts (Ctx               *ctx,
                const MlrMathNode *n)
{
  MlrMathBox *base = layout_node (ctx, g_ptr_array_index (n->kids, 0));
  const MlrMathNode *sub_node = g_ptr_array_index (n->kids, 1);
  const MlrMathNode *sup_node = g_ptr_array_index (n->kids, 2);
  MlrMathBox *primes = NULL, *sub, *sup;
  MlrMathBox *b = box_new ();
  double gap = ctx->size * 0.12;

  /* The parser hangs primes on the superscript (f'^2 is a row of ′ then 2). The font's ′ is
   * already a raised mark, so it is set at the base's size on the baseline, as f′ is in
   * print; only what follows it is a superscript. */
  if (sup_node != NULL && sup_node->kind == MLR_MATH_ROW && sup_node->kids != NULL &&
      sup_node->kids->len > 0 && is_primes (g_ptr_array_index (sup_node->kids, 0)))
    {
      primes = layout_node (ctx, g_ptr_array_index (sup_node->kids, 0));
      sup_node = sup_node->kids->len > 1 ? g_ptr_array_index (sup_node->kids, 1) : NULL;
      if (primes->width > 0)
        {
          /* the base and its primes become one base for the scripts */
          MlrMathBox *joined = box_new ();

          joined->cls = base->cls;
          add_box (joined, base, 0, 0);
          /* the prime's glyph has its own left bearing: a third of the italic correction
           * keeps f′ from leaving a gap after a leaning f */
          add_box (joined, primes, base->width + base->italic / 3, 0);
          joined->width = base->width + base->italic / 3 + primes->width;
          joined->height = MAX (base->height, primes->height);
          joined->depth = MAX (base->depth, primes->depth);
          base = joined;
        }
    }
  sub = sub_node ? at_level (ctx, sub_node, ctx->level + 1) : NULL;
  sup = sup_node ? at_level (ctx, sup_node, ctx->level + 1) : NULL;

  b->cls = base->cls;
  if (base->limits)
    {
      double w = MAX (base->width, MAX (sub ? sub->width : 0, sup ? sup->width : 0));
      b->width = w;
      b->height = base->height;
      b->depth = base->depth;
      if (sup != NULL)
        {
          add_box (b, sup, (w - sup->width) / 2, -(base->height + gap + sup->depth));
          b->height = base->height + gap + sup->depth + sup->height;
        }
      if (sub != NULL)
        {
          add_box (b, sub, (w - sub->width) / 2, base->depth + gap + sub->height);
          b->depth = base->depth + gap + sub->height + sub->depth;
        }
      add_box (b, base, (w - base->width) / 2, 0);
      return b;
    }
  {
    double x = base->width, shift_up = 0, shift_down = 0, w = 0;

    if (sup != NULL)
      shift_up = MAX (ctx->size * 0.42, base->height - sup->height * 0.5);
    if (sub != NULL)
      shift_down = MAX (ctx->size * 0.18, sub->height - ctx->size * 0.35);
    if (sup != NULL && sub != NULL)
      {
        /* keep a gap between the two */
        double clash = (shift_up - sup->depth) - (sub->height - shift_down);
        if (clash < ctx->size * 0.15)
          shift_down += ctx->size * 0.15 - clash;
      }
    b->width = base->width;
    b->height = base->height;
    b->depth = base->depth;
    add_box (b, base, 0, 0);
    if (sup != NULL)
      {
        add_box (b, sup, x + base->italic, -shift_up);
        w = MAX (w, base->italic + sup->width);
        b->height = MAX (b->height, shift_up + sup->height);
      }
    if (sub != NULL)
      {
        add_box (b, sub, x, shift_down);
        w = MAX (w, sub->width);
        b->depth = MAX (b->depth, shift_down + sub->depth);
      }
    b->width = x + w + ctx->size * 0.05;
  }
  return b;
}

static MlrMathBox *
layout_accent (Ctx               *ctx,
               const MlrMathNode *n)
{
  MlrMathBox *body = layout_node (ctx, g_ptr_array_index (n->kids, 0));
  MlrMathBox *b = box_new ();
  double t = rule_thickness (ctx), gap = ctx->size * 0.1;

  b->width = body->width;
  b->depth = body->depth;
  b->cls = MLR_MATH_ORD;
  add_box (b, body, 0, 0);
  if (g_str_equal (n->text, "¯"))
    {
      add_rule (b, body->width * 0.05, -(body->height + gap + t), body->width * 0.9, t);
      b->height = body->height + gap + t;
    }
  else if (g_str_equal (n->text, "→"))
    {
      /* an arrow as wide as the body (at least half an em), drawn */
      double w = MAX (body->width, ctx->size * 0.5), head = ctx->size * 0.15;
      Item it = { .kind = ITEM_ARROW, .x = (body->width - w) / 2 + body->italic * 0.5,
                  .y = -(body->height + gap + head), .w = w, .h = head, .thickness = t };
      g_array_append_val (b->items, it);
      b->height = body->height + gap + 2 * head;
    }
  else
    {
      /* a mark from the font, its ink's bottom just above the body, centred on it (leaning
       * with an italic body) */
      MlrMathBox *mark = text_box (ctx, n->text, FALSE);
      double dx = (body->width - mark->width) / 2 + body->italic * 0.5;

      add_box (b, mark, dx, -(body->height + gap) - mark->ink_bottom);
      b->height = body->height + gap + (mark->ink_bottom - mark->ink_top);
    }
  return b;
}

/* A delimiter grown to cover height + depth around the axis: its glyph scaled vertically. */
static MlrMathBox *
delimiter (Ctx        *ctx,
           const char *text,
           double      height,
           double      depth)
{
  MlrMathBox *b;
  Item *it;
  PangoRectangle ink, logical;
  double baseline, want, have, scale, a = axis (ctx);

  if (text == NULL || *text == '\0')
    {
      b = box_new ();
      b->width = ctx->size * 0.1;
      return b;
    }
  b = text_box (ctx, text, FALSE);
  it = &g_array_index (b->items, Item, 0);
  pango_layout_get_pixel_extents (it->layout, &ink, &logical);
  baseline = pango_layout_get_baseline (it->layout) / (double) PANGO_SCALE;
  have = ink.height;
  want = 2 * MAX (height - a, depth + a) + ctx->size * 0.1;
  if (have <= 0 || want <= have * 1.05)
    return b;
  scale = want / have;
  it->kind = ITEM_STRETCHED;
  it->h = scale;
  /* centre the scaled ink on the axis: ink's middle, in layout units from the top */
  {
    double mid = ink.y + ink.height / 2.0;
    /* drawn at y so that (mid * scale) lands on -axis relative to the baseline */
    it->y = -a - mid * scale + baseline;  /* the baseline offset is undone when drawing */
    it->x = 0;
  }
  b->height = a + want / 2;
  b->depth = want / 2 - a;
  return b;
}

static MlrMathBox *
wrap_delimiters (Ctx        *ctx,
                 MlrMathBox *body,
                 const char *open,
                 const char *close)
{
  MlrMathBox *b = box_new ();
  MlrMathBox *l = delimiter (ctx, open, body->height, body->depth);
  MlrMathBox *r = delimiter (ctx, close, body->height, body->depth);
  double x = 0;

  add_box (b, l, x, 0);
  x += l->width + ctx->size / 18;
  add_box (b, body, x, 0);
  x += body->width + ctx->size / 18;
  add_box (b, r, x, 0);
  b->width = x + r->width;
  b->height = MAX (body->height, MAX (l->height, r->height));
  b->depth = MAX (body->depth, MAX (l->depth, r->depth));
  b->cls = MLR_MATH_INNER;
  return b;
}

static MlrMathBox *
layout_table (Ctx               *ctx,
              const MlrMathNode *n)
{
  guint rows = n->n_rows, cols = n->n_cols;
  g_autofree MlrMathBox **cells = g_new0 (MlrMathBox *, (gsize) rows * cols);
  g_autofree double *col_w = g_new0 (double, cols);
  g_autofree double *row_h = g_new0 (double, rows);
  g_autofree double *row_d = g_new0 (double, rows);
  MlrMathBox *grid = box_new ();
  double col_gap = n->env == MLR_MATH_ENV_ALIGNED ? 0 : ctx->size,
         row_gap = ctx->size * 0.35, y = 0, total;

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        const MlrMathNode *node = g_ptr_array_index (n->kids, r * cols + c);
        MlrMathBox *cell = layout_node (ctx, node);

        /* aligned: "a &= b" spaces the relation from what is left of the & too */
        if (n->env == MLR_MATH_ENV_ALIGNED && c % 2 == 1 && node->kids != NULL &&
            node->kids->len > 0 &&
            ((const MlrMathNode *) g_ptr_array_index (node->kids, 0))->cls == MLR_MATH_REL)
          {
            MlrMathBox *padded = box_new ();
            double thick = 5 * ctx->size / 18;

            add_box (padded, cell, thick, 0);
            padded->width = cell->width + thick;
            padded->height = cell->height;
            padded->depth = cell->depth;
            cell = padded;
          }
        cells[r * cols + c] = cell;
        col_w[c] = MAX (col_w[c], cell->width);
        row_h[r] = MAX (row_h[r], MAX (cell->height, ctx->size * 0.7));
        row_d[r] = MAX (row_d[r], MAX (cell->depth, ctx->size * 0.25));
      }
  total = 0;
  for (guint r = 0; r < rows; r++)
    total += row_h[r] + row_d[r] + (r ? row_gap : 0);
  /* the table's middle on the axis */
  y = -(total / 2 + axis (ctx));
  for (guint r = 0; r < rows; r++)
    {
      double x = 0;
      y += (r ? row_gap : 0) + row_h[r];
      for (guint c = 0; c < cols; c++)
        {
          MlrMathBox *cell = cells[r * cols + c];
          double dx;

          if (n->env == MLR_MATH_ENV_ALIGNED)
            dx = c % 2 == 0 ? col_w[c] - cell->width : 0;   /* right, then left */
          else if (n->env == MLR_MATH_ENV_CASES)
            dx = 0;
          else
            dx = (col_w[c] - cell->width) / 2;
          add_box (grid, cell, x + dx, y);
          x += col_w[c] + (c + 1 < cols ? (n->env == MLR_MATH_ENV_CASES ? ctx->size : col_gap)
                                        : 0);
        }
      grid->width = MAX (grid->width, x);
      y += row_d[r];
    }
  grid->height = total / 2 + axis (ctx);
  grid->depth = total / 2 - axis (ctx);
  grid->cls = MLR_MATH_INNER;
  switch (n->env)
    {
    case MLR_MATH_ENV_PMATRIX:
      return wrap_delimiters (ctx, grid, "(", ")");
    case MLR_MATH_ENV_BMATRIX:
      return wrap_delimiters (ctx, grid, "[", "]");
    case MLR_MATH_ENV_VMATRIX:
      return wrap_delimiters (ctx, grid, "|", "|");
    case MLR_MATH_ENV_CASES:
      return wrap_delimiters (ctx, grid, "{", "");
    default:
      return grid;
    }
}

static MlrMathBox *
layout_node (Ctx               *ctx,
             const MlrMathNode *n)
{
  MlrMathBox *b;

  if (n == NULL)
    return box_new ();
  switch (n->kind)
    {
    case MLR_MATH_ROW:
      return layout_row (ctx, n);
    case MLR_MATH_SYMBOL:
      return symbol_box (ctx, n);
    case MLR_MATH_TEXT:
      b = text_box (ctx, n->text, TRUE);
      b->cls = n->cls;
      b->limits = n->limits && ctx->display && ctx->level == 0;
      return b;
    case MLR_MATH_FRAC:
      return layout_frac (ctx, n);
    case MLR_MATH_SQRT:
      return layout_sqrt (ctx, n);
    case MLR_MATH_SCRIPTS:
      return layout_scripts (ctx, n);
    case MLR_MATH_ACCENT:
      return layout_accent (ctx, n);
    case MLR_MATH_FENCED:
      return wrap_delimiters (ctx, layout_node (ctx, g_ptr_array_index (n->kids, 0)), n->text,
                              n->text2);
    case MLR_MATH_FONT:
      {
        MlrMathFont saved = ctx->font;
        ctx->font = n->font;
        b = layout_node (ctx, g_ptr_array_index (n->kids, 0));
        ctx->font = saved;
        return b;
      }
    case MLR_MATH_TABLE:
      return layout_table (ctx, n);
    case MLR_MATH_SPACE:
      b = box_new ();
      b->width = n->space * ctx->size / 18;
      return b;
    default:
      return box_new ();
    }
}

/**
 * mlr_math_layout:
 * @cr: a context with the target's font options (for measuring)
 * @size: the em of the surrounding text, px
 * @display: display style (a formula of its own) rather than inline
 *
 * Returns: (transfer full): the formula's box.
 */
MlrMathBox *
mlr_math_layout (cairo_t           *cr,
                 const MlrMathNode *formula,
                 double             size,
                 gboolean           display)
{
  Ctx ctx = { .cr = cr, .size = size, .base = size, .display = display };

  return layout_node (&ctx, formula);
}

/* ---------------------------------------------------------------- drawing */

static void
draw_box (cairo_t          *cr,
          const MlrMathBox *box,
          double            x,
          double            baseline)
{
  for (guint i = 0; i < box->items->len; i++)
    {
      const Item *it = &g_array_index (box->items, Item, i);

      switch (it->kind)
        {
        case ITEM_TEXT:
          {
            double b = pango_layout_get_baseline (it->layout) / (double) PANGO_SCALE;
            cairo_move_to (cr, x + it->x, baseline + it->y - b);
            pango_cairo_show_layout (cr, it->layout);
            cairo_new_path (cr);
          }
          break;
        case ITEM_STRETCHED:
          {
            double b = pango_layout_get_baseline (it->layout) / (double) PANGO_SCALE;
            cairo_save (cr);
            cairo_translate (cr, x + it->x, baseline + it->y - b);
            cairo_scale (cr, 1, it->h);
            cairo_move_to (cr, 0, 0);
            pango_cairo_show_layout (cr, it->layout);
            cairo_new_path (cr);
            cairo_restore (cr);
          }
          break;
        case ITEM_RULE:
          cairo_rectangle (cr, x + it->x, baseline + it->y, it->w, it->h);
          cairo_fill (cr);
          break;
        case ITEM_RADICAL:
          {
            double left = x + it->x, top = baseline - it->y, bottom = top + it->h;
            double t = it->thickness, sw = it->sign_w;
            /* the tick sits at half a line's height above the bottom, whatever the root's
             * height; the sign's parts are fractions of its width, which never reach the body */
            double tick = MIN (it->h * 0.5, sw * 1.0);

            cairo_save (cr);
            cairo_set_line_width (cr, t);
            cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
            cairo_move_to (cr, left, bottom - tick * 1.08);
            cairo_line_to (cr, left + sw * 0.22, bottom - tick);
            cairo_line_to (cr, left + sw * 0.5, bottom);
            cairo_line_to (cr, left + sw * 0.85, top + t / 2);
            cairo_line_to (cr, left + it->w, top + t / 2);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
          break;
        case ITEM_ARROW:
          {
            double left = x + it->x, mid = baseline + it->y, right = left + it->w;

            cairo_save (cr);
            cairo_set_line_width (cr, it->thickness);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            cairo_move_to (cr, left, mid);
            cairo_line_to (cr, right, mid);
            cairo_move_to (cr, right - it->h * 1.4, mid - it->h);
            cairo_line_to (cr, right, mid);
            cairo_line_to (cr, right - it->h * 1.4, mid + it->h);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
          break;
        case ITEM_BOX:
          draw_box (cr, it->box, x + it->x, baseline + it->y);
          break;
        default:
          break;
        }
    }
}

/**
 * mlr_math_box_draw:
 * Draws @box with its baseline's left end at (@x, @baseline) in @color.
 */
void
mlr_math_box_draw (cairo_t          *cr,
                   const MlrMathBox *box,
                   double            x,
                   double            baseline,
                   const MlrColor   *color)
{
  cairo_save (cr);
  mlr_cairo_set_color (cr, color);
  draw_box (cr, box, x, baseline);
  cairo_new_path (cr);
  cairo_restore (cr);
}
