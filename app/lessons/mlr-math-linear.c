/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A formula on one line, as plain text or as Pango markup; see mlr-math-linear.h.
 */
#include "mlr-math-linear.h"

#include <string.h>

typedef struct {
  GString    *s;
  gboolean    markup;
  MlrMathFont font;   /* the font the enclosing \mathbb, \mathbf ... asks for */
} Out;

static void write_node (Out *o, const MlrMathNode *n);

static void
put (Out        *o,
     const char *text)
{
  if (o->markup)
    {
      g_autofree char *e = g_markup_escape_text (text, -1);
      g_string_append (o->s, e);
    }
  else
    g_string_append (o->s, text);
}

/* Markup only: tags and entities never reach the plain form. */
static void
tag (Out        *o,
     const char *markup)
{
  if (o->markup)
    g_string_append (o->s, markup);
}

/* A node with its single-kid rows and fonts peeled off, to judge what it looks like. */
static const MlrMathNode *
unwrap (const MlrMathNode *n)
{
  while (n != NULL && (n->kind == MLR_MATH_ROW || n->kind == MLR_MATH_FONT) &&
         n->kids != NULL && n->kids->len == 1)
    n = g_ptr_array_index (n->kids, 0);
  return n;
}

static guint
n_items (const MlrMathNode *n)
{
  n = unwrap (n);
  if (n == NULL)
    return 0;
  if (n->kind == MLR_MATH_ROW)
    {
      guint count = 0;
      for (guint i = 0; n->kids && i < n->kids->len; i++)
        {
          const MlrMathNode *k = g_ptr_array_index (n->kids, i);
          count += k->kind != MLR_MATH_SPACE;
        }
      return count;
    }
  return 1;
}

/* Whether a part of a fraction needs parentheses once the bar becomes a slash: anything
 * with an operator or relation in it, a fraction, a table; juxtaposition (∂L, 2x) binds
 * tighter than the slash in the numerator, but not in the denominator (a/(bc)). */
static gboolean
needs_parens (const MlrMathNode *part,
              gboolean           denominator)
{
  const MlrMathNode *n = unwrap (part);

  if (n == NULL)
    return FALSE;
  if (n->kind == MLR_MATH_FRAC || n->kind == MLR_MATH_TABLE)
    return TRUE;
  if (n->kind == MLR_MATH_SCRIPTS)
    return unwrap (g_ptr_array_index (n->kids, 0)) != NULL &&
           unwrap (g_ptr_array_index (n->kids, 0))->kind == MLR_MATH_FRAC;
  if (n->kind != MLR_MATH_ROW)
    return n->kind == MLR_MATH_SYMBOL && n->cls == MLR_MATH_OP;
  for (guint i = 0; n->kids && i < n->kids->len; i++)
    {
      const MlrMathNode *k = unwrap (g_ptr_array_index (n->kids, i));
      if (k == NULL)
        continue;
      if (k->cls == MLR_MATH_BIN || k->cls == MLR_MATH_REL || k->cls == MLR_MATH_PUNCT ||
          k->cls == MLR_MATH_OP || k->kind == MLR_MATH_FRAC || k->kind == MLR_MATH_TABLE)
        return TRUE;
    }
  if (denominator && n_items (n) > 1)
    {
      /* ∂w and dx read as one thing under a slash. */
      const MlrMathNode *first = unwrap (g_ptr_array_index (n->kids, 0));
      gboolean differential = n_items (n) == 2 && first != NULL &&
                              first->kind == MLR_MATH_SYMBOL &&
                              (g_str_equal (first->text, "∂") || g_str_equal (first->text, "d"));
      return !differential;
    }
  return FALSE;
}

static void
write_group (Out               *o,
             const MlrMathNode *n,
             gboolean           parens)
{
  if (parens)
    put (o, "(");
  write_node (o, n);
  if (parens)
    put (o, ")");
}

/* Letters in the Mathematical Alphanumeric Symbols block for \mathbb and \mathcal, with the
 * older letterlike holes (ℝ, ℕ, ℬ ...). Bold and italic are markup instead, so that search
 * still finds the plain letter. */
static gunichar
styled (gunichar    c,
        MlrMathFont font)
{
  static const struct { gunichar from, to; } holes[] = {
    { 0x1D53A, 0x2102 }, { 0x1D53F, 0x210D }, { 0x1D545, 0x2115 }, { 0x1D547, 0x2119 },
    { 0x1D548, 0x211A }, { 0x1D549, 0x211D }, { 0x1D551, 0x2124 },
    { 0x1D49D, 0x212C }, { 0x1D4A0, 0x2130 }, { 0x1D4A1, 0x2131 }, { 0x1D4A3, 0x210B },
    { 0x1D4A4, 0x2110 }, { 0x1D4A7, 0x2112 }, { 0x1D4A8, 0x2133 }, { 0x1D4AD, 0x211B },
  };
  gunichar out = c;

  if (font == MLR_MATH_FONT_BLACKBOARD)
    {
      if (c >= 'A' && c <= 'Z')
        out = 0x1D538 + (c - 'A');
      else if (c >= 'a' && c <= 'z')
        out = 0x1D552 + (c - 'a');
      else if (c >= '0' && c <= '9')
        out = 0x1D7D8 + (c - '0');
    }
  else if (font == MLR_MATH_FONT_CALLIGRAPHIC && c >= 'A' && c <= 'Z')
    out = 0x1D49C + (c - 'A');
  for (guint i = 0; i < G_N_ELEMENTS (holes); i++)
    if (holes[i].from == out)
      return holes[i].to;
  return out;
}

static gboolean
is_italic_letter (const char *text)
{
  gunichar c = g_utf8_get_char (text);

  if (*g_utf8_next_char (text) != '\0')
    return FALSE;
  return (c < 0x80 && g_ascii_isalpha (c)) || (c >= 0x3B1 && c <= 0x3C9) || c == 0x3D5 ||
         c == 0x3F5 || c == 0x3D1;
}

static void
write_symbol (Out               *o,
              const MlrMathNode *n)
{
  if (o->font == MLR_MATH_FONT_BLACKBOARD || o->font == MLR_MATH_FONT_CALLIGRAPHIC)
    {
      g_autoptr(GString) t = g_string_new (NULL);
      for (const char *p = n->text; *p; p = g_utf8_next_char (p))
        g_string_append_unichar (t, styled (g_utf8_get_char (p), o->font));
      put (o, t->str);
      return;
    }
  if (o->font == MLR_MATH_FONT_DEFAULT && !n->number && n->cls == MLR_MATH_ORD &&
      is_italic_letter (n->text))
    {
      tag (o, "<i>");
      put (o, n->text);
      tag (o, "</i>");
      return;
    }
  put (o, n->text);
}

/* The combining mark for an accent (the tree holds the spacing form). */
static const char *
combining_mark (const char *accent)
{
  static const struct { const char *spacing, *combining; } marks[] = {
    { "ˆ", "\u0302" }, { "¯", "\u0304" }, { "˜", "\u0303" }, { "→", "\u20D7" },
    { "˙", "\u0307" }, { "¨", "\u0308" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_strcmp0 (accent, marks[i].spacing) == 0)
      return marks[i].combining;
  return "\u0302";
}

static void
write_accent (Out               *o,
              const MlrMathNode *n)
{
  const MlrMathNode *body = g_ptr_array_index (n->kids, 0);
  const char *mark = combining_mark (n->text);
  Out inner = { g_string_new (NULL), o->markup, o->font };
  g_autofree char *text = NULL;
  gboolean single;

  write_node (&inner, body);
  text = g_string_free (inner.s, FALSE);
  {
    /* One character, perhaps inside <i>…</i> or <b>…</b>: the mark goes right after it. */
    const char *start = text, *end = text + strlen (text);
    if (o->markup && g_str_has_prefix (start, "<") && g_str_has_suffix (text, ">"))
      {
        start = strchr (start, '>') + 1;
        end = strrchr (text, '<');
        if (end < start)
          end = start;
      }
    single = end > start && g_utf8_next_char (start) == end;
    if (single)
      {
        g_string_append_len (o->s, text, end - text);
        g_string_append (o->s, mark);
        g_string_append (o->s, end);
        return;
      }
  }
  /* Several characters: a bar over each reads as one line; other marks go on the group. */
  if (g_str_equal (mark, "\u0304"))
    {
      gboolean in_tag = FALSE, in_entity = FALSE;
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          g_string_append_len (o->s, p, g_utf8_next_char (p) - p);
          if (*p == '<')
            in_tag = TRUE;
          else if (*p == '>')
            in_tag = FALSE;
          else if (*p == '&' && o->markup)
            in_entity = TRUE;
          else if (*p == ';' && in_entity)
            {
              in_entity = FALSE;
              g_string_append (o->s, "\u0305");
            }
          else if (!in_tag && !in_entity && !g_unichar_isspace (g_utf8_get_char (p)))
            g_string_append (o->s, "\u0305");
        }
      return;
    }
  put (o, "(");
  g_string_append (o->s, text);
  put (o, ")");
  g_string_append (o->s, mark);
}

static gboolean
is_primes (const MlrMathNode *n)
{
  if (n == NULL || n->kind != MLR_MATH_SYMBOL || n->text == NULL || *n->text == '\0')
    return FALSE;
  for (const char *p = n->text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x2032)
      return FALSE;
  return TRUE;
}

static void
write_script (Out               *o,
              const MlrMathNode *script,
              gboolean           sub)
{
  if (script == NULL)
    return;
  if (o->markup)
    {
      tag (o, sub ? "<sub>" : "<sup>");
      write_node (o, script);
      tag (o, sub ? "</sub>" : "</sup>");
    }
  else
    {
      Out inner = { g_string_new (NULL), FALSE, o->font };
      g_autofree char *text = NULL;

      write_node (&inner, script);
      text = g_string_free (inner.s, FALSE);
      g_string_append_c (o->s, sub ? '_' : '^');
      if (g_utf8_strlen (text, -1) > 1)
        g_string_append_printf (o->s, "(%s)", text);
      else
        g_string_append (o->s, text);
    }
}

static void
write_table (Out               *o,
             const MlrMathNode *n)
{
  const char *open = "", *close = "";

  switch (n->env)
    {
    case MLR_MATH_ENV_PMATRIX: open = "("; close = ")"; break;
    case MLR_MATH_ENV_BMATRIX: open = "["; close = "]"; break;
    case MLR_MATH_ENV_VMATRIX: open = "|"; close = "|"; break;
    case MLR_MATH_ENV_CASES: open = "{ "; break;
    case MLR_MATH_ENV_MATRIX:
    case MLR_MATH_ENV_ALIGNED:
    default: break;
    }
  put (o, open);
  for (guint r = 0; r < n->n_rows; r++)
    {
      if (r > 0)
        put (o, "; ");
      for (guint c = 0; c < n->n_cols; c++)
        {
          const MlrMathNode *cell = g_ptr_array_index (n->kids, r * n->n_cols + c);
          /* aligned's & only aligns: "x &= y" reads "x = y". */
          if (n->env == MLR_MATH_ENV_ALIGNED)
            {
              if (c > 0 && n_items (cell) > 0 &&
                  n_items (g_ptr_array_index (n->kids, r * n->n_cols + c - 1)) > 0)
                put (o, " ");
            }
          else if (c > 0)
            put (o, ", ");
          write_node (o, cell);
        }
    }
  put (o, close);
}

/* Spaces between neighbours as TeX spaces atoms, on one line: a relation gets a no-break
 * space before it and a word space after it (where a line may break, as TeX breaks inline
 * math), binary operators no-break spaces, a function name a thin no-break space before its
 * argument. */
/* The class that decides the spacing: a scripted atom spaces as its base (x_i as x, ∑_i as ∑). */
static MlrMathClass
atom_class (const MlrMathNode *k)
{
  const MlrMathNode *u = unwrap (k);

  if (u != NULL && u->kind == MLR_MATH_SCRIPTS)
    u = unwrap (g_ptr_array_index (u->kids, 0));
  return u != NULL ? u->cls : MLR_MATH_ORD;
}

static void
write_row (Out               *o,
           const MlrMathNode *n)
{
  const MlrMathNode *prev = NULL;

  for (guint i = 0; n->kids && i < n->kids->len; i++)
    {
      const MlrMathNode *k = g_ptr_array_index (n->kids, i);
      const MlrMathNode *u = unwrap (k);
      MlrMathClass cls = atom_class (k);
      MlrMathClass pcls = prev ? atom_class (prev) : MLR_MATH_ORD;
      gboolean unary = cls == MLR_MATH_BIN &&
                       (i == 0 || prev == NULL || pcls == MLR_MATH_BIN || pcls == MLR_MATH_REL ||
                        pcls == MLR_MATH_OPEN || pcls == MLR_MATH_PUNCT || pcls == MLR_MATH_OP);

      if (prev != NULL && k->kind != MLR_MATH_SPACE && prev->kind != MLR_MATH_SPACE)
        {
          /* a line may break after a relation, never before one (TeX's rule) */
          if (cls == MLR_MATH_REL)
            g_string_append (o->s, "\u00a0");
          else if (pcls == MLR_MATH_REL)
            g_string_append_c (o->s, ' ');
          else if ((cls == MLR_MATH_BIN && !unary) || pcls == MLR_MATH_BIN)
            g_string_append (o->s, "\u00a0");
          else if (pcls == MLR_MATH_PUNCT)
            g_string_append_c (o->s, ' ');
          else if (pcls == MLR_MATH_OP && cls != MLR_MATH_OPEN && u != NULL &&
                   u->kind != MLR_MATH_FENCED)
            g_string_append (o->s, "\u202f");
        }
      write_node (o, k);
      /* A unary sign takes no space after it: the next atom sees no neighbour. */
      prev = unary ? NULL : k;
    }
}

static void
write_node (Out               *o,
            const MlrMathNode *n)
{
  if (n == NULL)
    return;
  switch (n->kind)
    {
    case MLR_MATH_ROW:
      write_row (o, n);
      break;
    case MLR_MATH_SYMBOL:
      write_symbol (o, n);
      break;
    case MLR_MATH_TEXT:
      put (o, n->text);
      break;
    case MLR_MATH_FRAC:
      {
        const MlrMathNode *num = g_ptr_array_index (n->kids, 0);
        const MlrMathNode *den = g_ptr_array_index (n->kids, 1);
        write_group (o, num, needs_parens (num, FALSE));
        put (o, "/");
        write_group (o, den, needs_parens (den, TRUE));
      }
      break;
    case MLR_MATH_SQRT:
      {
        const MlrMathNode *radicand = g_ptr_array_index (n->kids, 0);
        const MlrMathNode *index = n->kids->len > 1 ? g_ptr_array_index (n->kids, 1) : NULL;
        if (index != NULL)
          write_script (o, index, FALSE);
        put (o, "√");
        write_group (o, radicand, n_items (radicand) > 1 ||
                                  (unwrap (radicand) && unwrap (radicand)->kind != MLR_MATH_SYMBOL));
      }
      break;
    case MLR_MATH_SCRIPTS:
      {
        const MlrMathNode *base = g_ptr_array_index (n->kids, 0);
        const MlrMathNode *ub = unwrap (base);
        const MlrMathNode *sup = g_ptr_array_index (n->kids, 2);

        write_group (o, base, ub != NULL && (ub->kind == MLR_MATH_FRAC ||
                                             (ub->kind == MLR_MATH_ROW && n_items (ub) > 1)));
        /* The parser hangs primes on the superscript (f'^2 is a row of ′ then 2); ′ is
         * already a raised mark, so it follows the base at full size, as f′ is printed, and
         * only what comes after it is a superscript. */
        if (sup != NULL && sup->kind == MLR_MATH_ROW && sup->kids != NULL && sup->kids->len > 0 &&
            is_primes (g_ptr_array_index (sup->kids, 0)))
          {
            put (o, ((const MlrMathNode *) g_ptr_array_index (sup->kids, 0))->text);
            sup = sup->kids->len > 1 ? g_ptr_array_index (sup->kids, 1) : NULL;
          }
        write_script (o, g_ptr_array_index (n->kids, 1), TRUE);
        write_script (o, sup, FALSE);
      }
      break;
    case MLR_MATH_ACCENT:
      write_accent (o, n);
      break;
    case MLR_MATH_FENCED:
      put (o, n->text);
      write_node (o, g_ptr_array_index (n->kids, 0));
      put (o, n->text2);
      break;
    case MLR_MATH_FONT:
      {
        MlrMathFont saved = o->font;
        gboolean bold = n->font == MLR_MATH_FONT_BOLD && saved != MLR_MATH_FONT_BOLD;
        o->font = n->font;
        if (bold)
          tag (o, "<b>");
        write_node (o, g_ptr_array_index (n->kids, 0));
        if (bold)
          tag (o, "</b>");
        o->font = saved;
      }
      break;
    case MLR_MATH_TABLE:
      write_table (o, n);
      break;
    case MLR_MATH_SPACE:
      if (n->space >= 18)
        g_string_append (o->s, n->space >= 36 ? "\u2003\u2003" : "\u2003");
      else if (n->space > 0)
        g_string_append (o->s, n->space >= 5 ? " " : "\u202f");
      break;
    default:
      break;
    }
}

static char *
linear (const MlrMathNode *node,
        gboolean           markup)
{
  Out o = { g_string_new (NULL), markup, MLR_MATH_FONT_DEFAULT };

  write_node (&o, node);
  if (markup)
    {
      /* Pango may break a line after a slash or a prime (f′ | (x)); in a formula (dy/dw, a/b,
       * f′(x)) it must not: a word joiner after each, but not after the slash of a closing
       * tag. */
      GString *joined = g_string_sized_new (o.s->len + 16);

      for (gsize i = 0; i < o.s->len; i++)
        {
          g_string_append_c (joined, o.s->str[i]);
          if ((o.s->str[i] == '/' && (i == 0 || o.s->str[i - 1] != '<')) ||
              (i >= 2 && memcmp (o.s->str + i - 2, "\u2032", 3) == 0))
            g_string_append (joined, "\u2060");
        }
      g_string_free (o.s, TRUE);
      return g_string_free (joined, FALSE);
    }
  return g_string_free (o.s, FALSE);
}

/**
 * mlr_math_to_plain:
 * Returns: (transfer full): @node as one line of plain Unicode text ("∂L/∂w = 2x_(i+1) …").
 */
char *
mlr_math_to_plain (const MlrMathNode *node)
{
  return linear (node, FALSE);
}

/**
 * mlr_math_to_markup:
 * Returns: (transfer full): @node as one line of Pango markup, for a formula in running text.
 */
char *
mlr_math_to_markup (const MlrMathNode *node)
{
  return linear (node, TRUE);
}
