/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-attention-painter.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-conv-painter.h"
#include "mlr-plot.h"

#define MARGIN     12.0
#define CHIP_PAD   6.0
#define CHIP_GAP   6.0
#define ARC_WIDTH  14.0   /* the line width of a weight of 1 */
#define MIN_TEXT   11.0   /* px */
#define D   MLR_ATTENTION_D_MODEL
#define DH  MLR_ATTENTION_D_HEAD

static double
line_height (const MlrPalette *palette,
             double            scale)
{
  return ceil (palette->font_size * scale * 1.4);
}

/**
 * mlr_attention_painter_layout:
 * Where everything goes on a @width × @height canvas (measured with @cr, or a scratch
 * surface when NULL); @layout->height is the height the picture needs at this width.
 */
void
mlr_attention_painter_layout (cairo_t                 *cr,
                              int                      width,
                              int                      height,
                              const MlrPalette        *palette,
                              const MlrAttentionState *state,
                              MlrAttentionLayout      *layout)
{
  guint n = mlr_attention_state_get_n_tokens (state);
  double widths[MLR_ATTENTION_MAX_WORDS], total = 0, avail = width - 2 * MARGIN, x, lh;
  double min_scale = MIN_TEXT / palette->font_size, label_w = 0, arc_h;
  cairo_surface_t *scratch = NULL;

  if (cr == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (scratch);
    }
  for (guint i = 0; i < n; i++)
    {
      double h;
      mlr_text_size (cr, palette, mlr_attention_state_get_token (state, i), 1, &widths[i], &h);
      label_w = MAX (label_w, widths[i]);
      total += widths[i] + 2 * CHIP_PAD;
    }
  total += CHIP_GAP * (n - 1);
  /* the sentence fits the width: smaller text (not under 11 px), then tighter chips */
  layout->scale = 1;
  if (total > avail)
    layout->scale = MAX (min_scale, (avail - CHIP_GAP * (n - 1) - 2 * CHIP_PAD * n) /
                                    (total - CHIP_GAP * (n - 1) - 2 * CHIP_PAD * n));
  {
    double text = 0, pad, gap = CHIP_GAP;

    for (guint i = 0; i < n; i++)
      text += widths[i] * layout->scale;
    pad = CLAMP ((avail - text - gap * (n - 1)) / (2 * n), 2, CHIP_PAD);
    if (text + 2 * pad * n + gap * (n - 1) > avail)
      gap = MAX (1, (avail - text - 2 * pad * n) / MAX (n - 1, 1));
    total = text + 2 * pad * n + gap * (n - 1);
    x = MARGIN + MAX (0, (avail - total) / 2);
    for (guint i = 0; i < n; i++)
      {
        layout->chip_x[i] = x;
        layout->chip_w[i] = widths[i] * layout->scale + 2 * pad;
        x += layout->chip_w[i] + gap;
      }
  }
  lh = line_height (palette, 1);
  arc_h = CLAMP (width * 0.14, 56, 110);
  layout->arc_top = MARGIN + lh + 4;
  layout->chip_y = layout->arc_top + arc_h;
  layout->chip_h = line_height (palette, layout->scale) + 6;

  layout->label_w = ceil (label_w * MAX (layout->scale, min_scale)) + 8;
  layout->cell = floor (CLAMP ((avail - layout->label_w - 16) / (n + DH), 8, 30));
  layout->heat_x = MARGIN + layout->label_w;
  /* under the chips, each token's weight in the selected row */
  layout->heat_y = layout->chip_y + layout->chip_h + 2 +
                   line_height (palette, MAX (layout->scale, min_scale)) + 14 + lh;
  layout->out_x = layout->heat_x + n * layout->cell + 16;
  layout->legend_y = layout->heat_y + n * layout->cell + 8 + layout->label_w + 4;

  layout->vec_cell = floor (CLAMP (avail / (D + 2.0), 30, 52));
  layout->vec_x = MARGIN;
  layout->vec_y = layout->legend_y + lh + 8 + lh;
  layout->height = layout->vec_y + layout->vec_cell * 0.7 + MARGIN;
  (void) height;

  if (scratch != NULL)
    {
      cairo_destroy (cr);
      cairo_surface_destroy (scratch);
    }
}

/* What is under (@x, @y): a token (in @index) or a component of the selected vector. */
MlrAttentionHit
mlr_attention_painter_hit (const MlrAttentionLayout *l,
                           const MlrAttentionState  *state,
                           double                    x,
                           double                    y,
                           guint                    *index)
{
  guint n = mlr_attention_state_get_n_tokens (state);

  if (y >= l->chip_y && y < l->chip_y + l->chip_h)
    for (guint i = 0; i < n; i++)
      if (x >= l->chip_x[i] - CHIP_GAP / 2 && x < l->chip_x[i] + l->chip_w[i] + CHIP_GAP / 2)
        {
          *index = i;
          return MLR_ATTENTION_HIT_TOKEN;
        }
  if (y >= l->heat_y && y < l->heat_y + n * l->cell && x >= MARGIN &&
      x < l->out_x + DH * l->cell)
    {
      *index = MIN ((guint) ((y - l->heat_y) / l->cell), n - 1);
      return MLR_ATTENTION_HIT_TOKEN;
    }
  if (y >= l->vec_y && y < l->vec_y + l->vec_cell * 0.7 && x >= l->vec_x &&
      x < l->vec_x + D * l->vec_cell)
    {
      *index = MIN ((guint) ((x - l->vec_x) / l->vec_cell), D - 1);
      return MLR_ATTENTION_HIT_COMPONENT;
    }
  return MLR_ATTENTION_HIT_NONE;
}

static char *
format_weight (double w)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (buf, sizeof buf, "%.2f", w);
  return g_strdup (buf);
}

static void
draw_arcs (cairo_t                  *cr,
           const MlrPalette         *palette,
           const MlrAttentionState  *state,
           const MlrAttentionLayout *l)
{
  guint n = mlr_attention_state_get_n_tokens (state), s = mlr_attention_state_get_selected (state);
  const double *row = mlr_attention_state_get_weights (state, mlr_attention_state_get_head (state)) +
                      (gsize) s * n;
  double xs = l->chip_x[s] + l->chip_w[s] / 2, y0 = l->chip_y - 2, span = 0;
  double rise = y0 - l->arc_top - palette->font_size * 1.4;
  guint order[MLR_ATTENTION_MAX_WORDS];

  for (guint j = 0; j < n; j++)
    span = MAX (span, fabs (l->chip_x[j] + l->chip_w[j] / 2 - xs));
  span = MAX (span, 1);
  /* the heaviest last, so it is on top */
  for (guint j = 0; j < n; j++)
    order[j] = j;
  for (guint a = 1; a < n; a++)
    for (guint b = a; b > 0 && row[order[b]] < row[order[b - 1]]; b--)
      {
        guint t = order[b];
        order[b] = order[b - 1];
        order[b - 1] = t;
      }
  for (guint o = 0; o < n; o++)
    {
      guint j = order[o];
      double w = row[j], xj = l->chip_x[j] + l->chip_w[j] / 2, lw = w * ARC_WIDTH;
      double h = rise * (0.3 + 0.7 * fabs (xj - xs) / span), head = MAX (4, lw * 0.9 + 3);

      if (lw < 0.25)
        continue;
      mlr_cairo_set_color_alpha (cr, &palette->accent, 0.35 + 0.6 * MIN (1, w * 2));
      cairo_set_line_width (cr, lw);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (j == s)
        {
          double r = MIN (l->chip_w[s] / 2, rise * 0.25);
          cairo_new_path (cr);
          cairo_arc (cr, xs, y0 - head - r, r, G_PI * 0.6, G_PI * 2.4);
          cairo_stroke (cr);
        }
      else
        {
          double dir = xj > xs ? 1 : -1, xa = xs + dir * MIN (6, l->chip_w[s] / 4);
          cairo_move_to (cr, xa, y0 - head);
          cairo_curve_to (cr, xa, y0 - h * 1.33, xj, y0 - h * 1.33, xj, y0 - head);
          cairo_stroke (cr);
        }
      /* the arrowhead on the token attended to */
      cairo_move_to (cr, xj, y0);
      cairo_line_to (cr, xj - head * 0.8, y0 - head - 0.5);
      cairo_line_to (cr, xj + head * 0.8, y0 - head - 0.5);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_chips (cairo_t                  *cr,
            const MlrPalette         *palette,
            const MlrAttentionState  *state,
            const MlrAttentionLayout *l)
{
  guint n = mlr_attention_state_get_n_tokens (state), s = mlr_attention_state_get_selected (state);
  gboolean causal = mlr_attention_state_get_causal (state);
  const double *row = mlr_attention_state_get_weights (state, mlr_attention_state_get_head (state)) +
                      (gsize) s * n;
  double scale = MAX (l->scale, MIN_TEXT / palette->font_size);

  for (guint i = 0; i < n; i++)
    {
      gboolean hidden = causal && i > s;
      g_autofree char *weight = hidden ? g_strdup ("–") : format_weight (row[i]);
      const MlrColor *fg = i == s ? &palette->background
                                  : hidden ? &palette->dim : &palette->foreground;

      mlr_rounded_rect_path (cr, l->chip_x[i], l->chip_y, l->chip_w[i], l->chip_h, 5);
      if (i == s)
        mlr_cairo_set_color (cr, &palette->accent);
      else
        mlr_cairo_set_color_alpha (cr, &palette->grid, hidden ? 0.4 : 1);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, fg, mlr_attention_state_get_token (state, i),
                     l->chip_x[i] + l->chip_w[i] / 2, l->chip_y + l->chip_h / 2, 0.5, 0.5,
                     l->scale);
      mlr_draw_text (cr, palette, i == s || row[i] >= 0.1 ? &palette->foreground : &palette->dim,
                     weight, l->chip_x[i] + l->chip_w[i] / 2, l->chip_y + l->chip_h + 2, 0.5, 0,
                     scale);
    }
}

static void
draw_heatmap (cairo_t                  *cr,
              const MlrPalette         *palette,
              const MlrAttentionState  *state,
              const MlrAttentionLayout *l)
{
  guint n = mlr_attention_state_get_n_tokens (state), s = mlr_attention_state_get_selected (state);
  guint head = mlr_attention_state_get_head (state);
  gboolean causal = mlr_attention_state_get_causal (state);
  const double *w = mlr_attention_state_get_weights (state, head);
  const double *out = mlr_attention_state_get_output (state, head);
  double c = l->cell, scale = MAX (MIN_TEXT / palette->font_size, l->scale), top = 0;
  g_autofree char *title = g_strdup_printf (_("Attention weights, head %u"), head + 1);

  mlr_draw_text_fit (cr, palette, &palette->dim, title, MARGIN, l->heat_y - 4,
                     l->out_x - MARGIN - 8, 0, 1, 1);
  mlr_draw_text_fit (cr, palette, &palette->dim, _("Output"), l->out_x, l->heat_y - 4,
                     MAX (DH * c, 10), 0, 1, 1);
  for (guint i = 0; i < n; i++)
    {
      const char *token = mlr_attention_state_get_token (state, i);

      mlr_draw_text (cr, palette, i == s ? &palette->foreground : &palette->dim, token,
                     l->heat_x - 6, l->heat_y + (i + 0.5) * c, 1, 0.5, scale);
      /* the column's label, turned to read upwards */
      cairo_save (cr);
      cairo_translate (cr, l->heat_x + (i + 0.5) * c, l->heat_y + n * c + 4);
      cairo_rotate (cr, -G_PI / 2);
      mlr_draw_text (cr, palette, &palette->dim, token, 0, 0, 1, 0.5, scale);
      cairo_restore (cr);
      for (guint j = 0; j < n; j++)
        {
          double x = l->heat_x + j * c, y = l->heat_y + i * c;

          if (causal && j > i)
            {
              /* masked: exactly 0, and not a colour of the scale */
              mlr_cairo_set_color_alpha (cr, &palette->grid, 0.5);
              cairo_rectangle (cr, x, y, c, c);
              cairo_fill (cr);
              mlr_cairo_set_color (cr, &palette->grid);
              cairo_set_line_width (cr, 1);
              cairo_move_to (cr, x + 2, y + c - 2);
              cairo_line_to (cr, x + c - 2, y + 2);
              cairo_stroke (cr);
            }
          else
            {
              MlrColor color;
              mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, w[(gsize) i * n + j], &color);
              mlr_cairo_set_color (cr, &color);
              cairo_rectangle (cr, x, y, c + 0.5, c + 0.5);
              cairo_fill (cr);
            }
        }
      for (guint d = 0; d < DH; d++)
        top = MAX (top, fabs (out[(gsize) i * DH + d]));
    }
  for (guint i = 0; i < n; i++)
    for (guint d = 0; d < DH; d++)
      {
        MlrColor color;
        mlr_conv_diverging (top > 0 ? out[(gsize) i * DH + d] / top : 0, palette->dark, &color);
        mlr_cairo_set_color (cr, &color);
        cairo_rectangle (cr, l->out_x + d * c, l->heat_y + i * c, c - 1, c - 1);
        cairo_fill (cr);
      }
  /* the selected row, across the weights and the output */
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, l->heat_x - 1, l->heat_y + s * c - 1, n * c + 2, c + 2);
  cairo_stroke (cr);
  cairo_rectangle (cr, l->out_x - 1, l->heat_y + s * c - 1, DH * c + 1, c + 1);
  cairo_stroke (cr);

  /* the colour scale: weights from 0 to 1 */
  {
    double lx = l->heat_x, lw = MAX (n * c, 60), ly = l->legend_y;

    mlr_draw_text (cr, palette, &palette->dim, "0", lx - 4, ly + 5, 1, 0.5, 1);
    for (int k = 0; k < 64; k++)
      {
        MlrColor color;
        mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, k / 63.0, &color);
        mlr_cairo_set_color (cr, &color);
        cairo_rectangle (cr, lx + lw * k / 64, ly, lw / 64 + 0.5, 10);
        cairo_fill (cr);
      }
    mlr_draw_text (cr, palette, &palette->dim, "1", lx + lw + 4, ly + 5, 0, 0.5, 1);
  }
}

static void
draw_vector (cairo_t                        *cr,
             const MlrPalette               *palette,
             const MlrAttentionState        *state,
             const MlrAttentionLayout       *l,
             const MlrAttentionPaintOptions *options)
{
  guint s = mlr_attention_state_get_selected (state);
  const double *e = mlr_attention_state_get_embedding (state, s);
  g_autofree char *title = g_strdup_printf (_("Word vector of “%s” (its position is added "
                                              "before the projections)"),
                                            mlr_attention_state_get_token (state, s));
  double c = l->vec_cell, h = c * 0.7;

  mlr_draw_text_fit (cr, palette, &palette->dim, title, l->vec_x, l->vec_y - 4,
                     D * c + 2 * c, 0, 1, 1);
  for (guint d = 0; d < D; d++)
    {
      MlrColor color;
      g_autofree char *text = mlr_conv_format_value (e[d]);
      double x = l->vec_x + d * c;

      mlr_conv_diverging (e[d] / 2.5, palette->dark, &color);
      mlr_cairo_set_color (cr, &color);
      cairo_rectangle (cr, x, l->vec_y, c - 2, h);
      cairo_fill (cr);
      mlr_draw_text (cr, palette,
                     fabs (e[d]) > 1.6 ? &(MlrColor) { 1, 1, 1, 1 } : &palette->foreground,
                     text, x + (c - 2) / 2, l->vec_y + h / 2, 0.5, 0.5, 1);
      if (options && options->focused && options->component == (int) d)
        {
          mlr_cairo_set_color (cr, &palette->accent);
          cairo_set_line_width (cr, 3);
          cairo_rectangle (cr, x - 1.5, l->vec_y - 1.5, c + 1, h + 3);
          cairo_stroke (cr);
        }
    }
}

/**
 * mlr_attention_painter_draw:
 * Paints the demo for @state on a @width × @height canvas (see the header for what).
 */
void
mlr_attention_painter_draw (cairo_t                        *cr,
                            int                             width,
                            int                             height,
                            const MlrPalette               *palette,
                            const MlrAttentionState        *state,
                            const MlrAttentionPaintOptions *options)
{
  MlrAttentionLayout l;
  guint s = mlr_attention_state_get_selected (state);
  g_autofree char *heading = NULL;

  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);
  mlr_attention_painter_layout (cr, width, height, palette, state, &l);
  heading = g_strdup_printf (_("How “%s” attends to the sentence (line width ∝ weight)"),
                             mlr_attention_state_get_token (state, s));
  mlr_draw_text_fit (cr, palette, &palette->foreground, heading, MARGIN, MARGIN,
                     width - 2 * MARGIN, 0, 0, 1);
  draw_arcs (cr, palette, state, &l);
  draw_chips (cr, palette, state, &l);
  draw_heatmap (cr, palette, state, &l);
  draw_vector (cr, palette, state, &l, options);
}

/* The canvas height the picture needs at @width. */
int
mlr_attention_painter_preferred_height (int                      width,
                                        const MlrPalette        *palette,
                                        const MlrAttentionState *state)
{
  MlrAttentionLayout l;

  mlr_attention_painter_layout (NULL, width, 0, palette, state, &l);
  return (int) ceil (l.height);
}
