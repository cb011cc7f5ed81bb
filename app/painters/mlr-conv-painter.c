/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-conv-painter.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-plot.h"
#include "mlr-plot-text.h"

#define MARGIN 12.0
#define GAP 28.0       /* between the panels */
#define OP_W 24.0      /* the column of a ×, = between the grids */
#define SUM_W 170.0    /* the sum beside the grids on a wide canvas */
#define MAX_CALC 46.0  /* a cell of the multiply–add grids, at most */
#define DIVERGING_STEPS 1025  /* colours of the feature map: steps of 1/512 of the scale */

/* A diverging map for t in [−1, 1]: blue below 0, red above, the neutral middle at 0. On a
 * light theme ColorBrewer's RdBu (white at 0); on a dark one the same hues around a dark
 * middle, so 0 sits back like the background and the strong values stand out, as there.
 * Both tell the sides apart by hue and lightness with the common colour-vision deficiencies. */
void
mlr_conv_diverging (double    t,
                    gboolean  dark,
                    MlrColor *out)
{
  static const double light_stops[5][3] = {
    { 0.129, 0.400, 0.675 }, { 0.573, 0.773, 0.871 }, { 0.969, 0.969, 0.969 },
    { 0.957, 0.647, 0.510 }, { 0.698, 0.094, 0.169 },
  };
  static const double dark_stops[5][3] = {
    { 0.400, 0.690, 0.950 }, { 0.180, 0.360, 0.540 }, { 0.150, 0.150, 0.150 },
    { 0.560, 0.230, 0.180 }, { 0.960, 0.420, 0.330 },
  };
  const double (*stops)[3] = dark ? dark_stops : light_stops;
  double u, f;
  guint i;

  if (!isfinite (t))
    t = 0;
  u = (CLAMP (t, -1, 1) + 1) * 2;  /* 0 .. 4 */
  i = MIN ((guint) u, 3);
  f = u - i;
  out->r = stops[i][0] + f * (stops[i + 1][0] - stops[i][0]);
  out->g = stops[i][1] + f * (stops[i + 1][1] - stops[i][1]);
  out->b = stops[i][2] + f * (stops[i + 1][2] - stops[i][2]);
  out->a = 1;
}

/* "0.42", "−1.25", "1.2e+03": two decimals, a true minus sign, no "−0.00". */
char *
mlr_conv_format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("—");
  if (fabs (value) < 0.005)
    value = 0;
  if (fabs (value) >= 999.995)
    g_snprintf (buf, sizeof buf, "%.2g", fabs (value));
  else
    g_snprintf (buf, sizeof buf, "%.2f", fabs (value));
  return value < 0 ? g_strconcat ("−", buf, NULL) : g_strdup (buf);
}

/* A weight in as few digits as say it: "1", "−2", "0.11" (1/9), "0.0625". */
static char *
format_weight (double w)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (w == 0)
    return g_strdup ("0");
  g_snprintf (buf, sizeof buf, "%.3g", fabs (w));
  return w < 0 ? g_strconcat ("−", buf, NULL) : g_strdup (buf);
}

static gboolean
is_narrow (int width)
{
  return width < 600;
}

static double
calc_height (int width, guint k, double lh, double *cell)
{
  double avail = width - 2 * MARGIN - 2 * OP_W - (is_narrow (width) ? 0 : SUM_W + OP_W);
  double c = MIN (MAX_CALC, floor (avail / (3.0 * k)));

  *cell = MAX (c, 12);
  /* the title, the grids, a line for the kernel's common factor (and, narrow, the sum) */
  return lh + 6 + k * *cell + 4 + lh + (is_narrow (width) ? 2 * lh + 6 : 0);
}

/* The layout for a canvas @height high, or (height ≤ 0) for as high as the width allows;
 * returns the height the picture takes. */
static double
layout_for (int                 width,
            int                 height,
            const MlrPalette   *palette,
            const MlrConvState *state,
            MlrConvLayout      *layout)
{
  const MlrConvGrid *in = mlr_conv_state_get_input (state);
  const MlrConvGrid *feat = mlr_conv_state_get_feature (state);
  guint pad = mlr_conv_state_get_padding (state), k;
  double lh = mlr_text_line_height (palette, 1);
  double calc_h, top_y, top_h, panel_w, iw, ih, block;
  gboolean pool = mlr_conv_state_get_pool (state);

  mlr_conv_state_get_weights (state, &k);
  calc_h = calc_height (width, k, lh, &layout->calc_cell);
  top_y = MARGIN + lh + 4;
  top_h = height > 0 ? MAX (height - MARGIN - calc_h - 14 - top_y - (lh + 18), 40) : G_MAXDOUBLE;
  panel_w = pool ? (width - 2 * MARGIN - 2 * GAP) / 2.5 : (width - 2 * MARGIN - GAP) / 2;
  panel_w = MAX (panel_w, 40);
  iw = in->width + 2.0 * pad;
  ih = in->height + 2.0 * pad;

  layout->in_cell = MIN (panel_w / iw, top_h / ih);
  layout->in_x = MARGIN;
  layout->in_y = top_y;
  layout->feat_cell = MIN (panel_w / feat->width, top_h / feat->height);
  layout->feat_x = MARGIN + panel_w + GAP;
  layout->feat_y = top_y;
  layout->pool_cell = pool ? layout->feat_cell : 0;
  layout->pool_x = layout->feat_x + panel_w + GAP;
  layout->pool_y = top_y;
  /* the multiply–add right under the pictures and the colour scale */
  block = MAX (ih * layout->in_cell, feat->height * layout->feat_cell);
  layout->kern_x = MARGIN + k * layout->calc_cell + OP_W;
  layout->kern_y = top_y + block + (lh + 18) + 14 + lh + 6;
  return layout->kern_y - (lh + 6) + calc_h + MARGIN;
}

/**
 * mlr_conv_painter_preferred_height:
 * How high a canvas @width wide should be to show @state whole: the input and the feature
 * map as wide as half the canvas each (their shape, pooling and the kernel's size decide the
 * rest).
 */
int
mlr_conv_painter_preferred_height (int                 width,
                                   const MlrPalette   *palette,
                                   const MlrConvState *state)
{
  MlrConvLayout layout;

  return (int) CLAMP (ceil (layout_for (width, 0, palette, state, &layout)), 300, 1200);
}

/**
 * mlr_conv_painter_layout:
 * Where the panels go on a @width × @height canvas; shared by the painter and the widget's
 * pointer input.
 */
void
mlr_conv_painter_layout (int                 width,
                         int                 height,
                         const MlrPalette   *palette,
                         const MlrConvState *state,
                         MlrConvLayout      *layout)
{
  layout_for (width, MAX (height, 1), palette, state, layout);
}

/**
 * mlr_conv_painter_hit:
 * What is under (@x, @y): an output pixel (@a, @b = its column and row in the feature map,
 * the window centred on the pointer over the input), or a kernel weight (@a = its index).
 */
MlrConvHit
mlr_conv_painter_hit (const MlrConvLayout *layout,
                      const MlrConvState  *state,
                      double               x,
                      double               y,
                      guint               *a,
                      guint               *b)
{
  const MlrConvGrid *in = mlr_conv_state_get_input (state);
  const MlrConvGrid *feat = mlr_conv_state_get_feature (state);
  const MlrConvGrid *pooled = mlr_conv_state_get_pooled (state);
  guint pad = mlr_conv_state_get_padding (state), s = mlr_conv_state_get_stride (state), k;
  double u, v;

  mlr_conv_state_get_weights (state, &k);
  /* the kernel grid */
  u = (x - layout->kern_x) / layout->calc_cell;
  v = (y - layout->kern_y) / layout->calc_cell;
  if (u >= 0 && v >= 0 && u < k && v < k)
    {
      *a = (guint) v * k + (guint) u;
      return MLR_CONV_HIT_KERNEL;
    }
  /* the input: the window centred on the pixel under the pointer */
  u = (x - layout->in_x) / layout->in_cell;
  v = (y - layout->in_y) / layout->in_cell;
  if (u >= 0 && v >= 0 && u < in->width + 2.0 * pad && v < in->height + 2.0 * pad)
    {
      double cx = (floor (u) - (k - 1) / 2.0) / s, cy = (floor (v) - (k - 1) / 2.0) / s;
      *a = (guint) CLAMP (round (cx), 0, feat->width - 1);
      *b = (guint) CLAMP (round (cy), 0, feat->height - 1);
      return MLR_CONV_HIT_OUTPUT;
    }
  u = (x - layout->feat_x) / layout->feat_cell;
  v = (y - layout->feat_y) / layout->feat_cell;
  if (u >= 0 && v >= 0 && u < feat->width && v < feat->height)
    {
      *a = (guint) u;
      *b = (guint) v;
      return MLR_CONV_HIT_OUTPUT;
    }
  if (pooled != NULL && layout->pool_cell > 0)
    {
      u = (x - layout->pool_x) / layout->pool_cell;
      v = (y - layout->pool_y) / layout->pool_cell;
      if (u >= 0 && v >= 0 && u < pooled->width && v < pooled->height)
        {
          *a = 2 * (guint) u;
          *b = 2 * (guint) v;
          return MLR_CONV_HIT_OUTPUT;
        }
    }
  return MLR_CONV_HIT_NONE;
}

/* ---- drawing */

/* The largest |value| of @grid, or 1 when it is all zeros: the colour scale's end. */
static double
scale_of (const MlrConvGrid *grid)
{
  double lo, hi, m;

  mlr_conv_grid_range (grid, &lo, &hi, NULL);
  m = MAX (fabs (lo), fabs (hi));
  return m > 0 ? m : 1;
}

static guint32
pack (const MlrColor *c)
{
  return 0xff000000u | ((guint32) lround (CLAMP (c->r, 0, 1) * 255) << 16) |
         ((guint32) lround (CLAMP (c->g, 0, 1) * 255) << 8) |
         (guint32) lround (CLAMP (c->b, 0, 1) * 255);
}

/* @grid as a raster, @pad zero pixels around it: grey for the input (@diverging FALSE),
 * the diverging map scaled by @scale for a feature map; painted at @cell units a pixel. */
static void
paint_grid (cairo_t       *cr,
            gboolean       dark,
            const MlrConvGrid *grid,
            guint          pad,
            gboolean       diverging,
            double         scale,
            double         x,
            double         y,
            double         cell)
{
  guint w = grid->width + 2 * pad, h = grid->height + 2 * pad;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  cairo_pattern_t *pattern;

  guint32 lut[DIVERGING_STEPS];
  guint n_lut = diverging ? DIVERGING_STEPS : 256;

  /* a table of the colours, not a colour per pixel: a 256×256 map repaints in a frame */
  for (guint i = 0; i < n_lut; i++)
    {
      MlrColor c;

      if (diverging)
        mlr_conv_diverging (2.0 * i / (n_lut - 1) - 1, dark, &c);
      else
        c.r = c.g = c.b = i / 255.0;
      lut[i] = pack (&c);
    }
  for (guint j = 0; j < h; j++)
    {
      guint32 *row = (guint32 *) (data + (gsize) j * stride);
      for (guint i = 0; i < w; i++)
        {
          gboolean inside = i >= pad && j >= pad && i < pad + grid->width &&
                            j < pad + grid->height;
          double v = inside ? grid->values[(gsize) (j - pad) * grid->width + (i - pad)] : 0;
          double t = diverging ? (CLAMP (v / scale, -1, 1) + 1) / 2 : CLAMP (v, 0, 1);

          row[i] = lut[(guint) lround (t * (n_lut - 1))];
        }
    }
  cairo_surface_mark_dirty (surface);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, cell, cell);
  cairo_set_source_surface (cr, surface, 0, 0);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_surface_destroy (surface);
}

static void
outline (cairo_t        *cr,
         const MlrColor *color,
         double          x,
         double          y,
         double          w,
         double          h,
         double          line)
{
  mlr_cairo_set_color (cr, color);
  cairo_set_line_width (cr, line);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
}

static const MlrColor *
text_on (const MlrColor *fill)
{
  static const MlrColor dark = { 0.08, 0.08, 0.08, 1 }, light = { 1, 1, 1, 1 };

  return mlr_color_luminance (fill) > 0.45 ? &dark : &light;
}

/* The smallest N ≤ 256 that makes every weight a whole number of 1/N (below 1000), so a
 * kernel shows as whole numbers × 1/N, as textbooks write a blur; 1 when there is none. */
static guint
common_denominator (const double *w,
                    guint         n)
{
  for (guint d = 1; d <= 256; d++)
    {
      gboolean whole = TRUE;

      for (guint i = 0; i < n && whole; i++)
        whole = fabs (w[i] * d - round (w[i] * d)) < 1e-9 && fabs (w[i] * d) < 999.5;
      if (whole)
        return d;
    }
  return 1;
}

/* A k×k grid of numbers on coloured cells; weights are shown × @denominator. */
static void
paint_numbers (cairo_t          *cr,
               const MlrPalette *palette,
               const double     *values,
               guint             k,
               gboolean          grey,
               gboolean          weights,
               guint             denominator,
               double            x,
               double            y,
               double            cell,
               int               highlight)
{
  double scale = 0;
  double text_scale = cell >= 40 ? 1 : MAX (11.0 / palette->font_size, cell / 40.0);

  for (guint i = 0; i < k * k; i++)
    scale = MAX (scale, fabs (values[i]));
  if (scale == 0)
    scale = 1;
  for (guint i = 0; i < k * k; i++)
    {
      double cx = x + (i % k) * cell, cy = y + (i / k) * cell;
      g_autofree char *text = weights ? format_weight (denominator > 1
                                                       ? round (values[i] * denominator)
                                                       : values[i])
                                      : mlr_conv_format_value (values[i]);
      MlrColor fill;

      if (grey)
        fill.r = fill.g = fill.b = CLAMP (values[i], 0, 1), fill.a = 1;
      else
        mlr_conv_diverging (values[i] / scale * 0.8, palette->dark, &fill);
      mlr_cairo_set_color (cr, &fill);
      cairo_rectangle (cr, cx, cy, cell, cell);
      cairo_fill (cr);
      mlr_draw_text_fit (cr, palette, text_on (&fill), text, cx + cell / 2, cy + cell / 2,
                         cell - 2, 0.5, 0.5, text_scale);
    }
  mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.35);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= k; i++)
    {
      cairo_move_to (cr, x + i * cell, y);
      cairo_line_to (cr, x + i * cell, y + k * cell);
      cairo_move_to (cr, x, y + i * cell);
      cairo_line_to (cr, x + k * cell, y + i * cell);
    }
  cairo_stroke (cr);
  if (highlight >= 0 && (guint) highlight < k * k)
    outline (cr, &palette->accent, x + (highlight % k) * cell + 1.5,
             y + (highlight / k) * cell + 1.5, cell - 3, cell - 3, 3);
}

static void
paint_colorbar (cairo_t          *cr,
                const MlrPalette *palette,
                double            scale,
                double            x,
                double            y,
                double            w)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (x, 0, x + w, 0);
  g_autofree char *lo = mlr_conv_format_value (-scale);
  g_autofree char *hi = mlr_conv_format_value (scale);

  for (int i = 0; i <= 8; i++)
    {
      MlrColor c;
      mlr_conv_diverging (i / 4.0 - 1, palette->dark, &c);
      cairo_pattern_add_color_stop_rgb (gradient, i / 8.0, c.r, c.g, c.b);
    }
  cairo_set_source (cr, gradient);
  cairo_rectangle (cr, x, y, w, 10);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  outline (cr, &palette->dim, x, y, w, 10, 1);
  mlr_draw_text (cr, palette, &palette->dim, lo, x, y + 12, 0, 0, 1);
  mlr_draw_text (cr, palette, &palette->dim, "0", x + w / 2, y + 12, 0.5, 0, 1);
  mlr_draw_text (cr, palette, &palette->dim, hi, x + w, y + 12, 1, 0, 1);
}

static const char *
kernel_title (const char *id)
{
  static const struct { const char *id, *title; } titles[] = {
    { "identity", N_("identity") }, { "box", N_("box blur") },
    { "gaussian", N_("Gaussian blur") }, { "gaussian5", N_("Gaussian blur 5×5") },
    { "sharpen", N_("sharpen") }, { "laplacian", N_("Laplacian") },
    { "sobel-x", N_("Sobel x") }, { "sobel-y", N_("Sobel y") }, { "emboss", N_("emboss") },
    { "custom", N_("your own") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (titles[i].id, id) == 0)
      return _(titles[i].title);
  return id;
}

/**
 * mlr_conv_painter_draw:
 * The whole picture of @state on a @width × @height canvas; @options may be NULL (a still
 * picture: the selected pixel without an edited kernel cell).
 */
void
mlr_conv_painter_draw (cairo_t                   *cr,
                       int                        width,
                       int                        height,
                       const MlrPalette          *palette,
                       const MlrConvState        *state,
                       const MlrConvPaintOptions *options)
{
  const MlrConvGrid *in = mlr_conv_state_get_input (state);
  const MlrConvGrid *feat = mlr_conv_state_get_feature (state);
  const MlrConvGrid *pooled = mlr_conv_state_get_pooled (state);
  guint pad = mlr_conv_state_get_padding (state), s = mlr_conv_state_get_stride (state), k;
  const double *weights = mlr_conv_state_get_weights (state, &k);
  gboolean relu = mlr_conv_state_get_relu (state);
  double patch[25], products[25], sum, lh = mlr_text_line_height (palette, 1);
  double fscale = scale_of (feat), title_w, wx, wy, ox, oy, calc_y, x;
  guint sx, sy;
  MlrConvLayout L;
  g_autofree char *in_title = NULL;
  g_autofree char *feat_title = NULL;
  g_autofree char *calc_title = NULL;
  g_autofree char *sum_text = NULL;
  g_autofree char *value_text = NULL;
  int edit = options && options->focused ? options->edit_cell : -1;
  guint denominator;

  mlr_conv_painter_layout (width, height, palette, state, &L);
  mlr_conv_state_get_selection (state, &sx, &sy);
  sum = mlr_conv_state_window (state, patch, products);

  /* the input, its padding, the window */
  title_w = L.feat_x - GAP - MARGIN;
  if (mlr_conv_state_get_own_name (state) != NULL)
    in_title = pad > 0 ? g_strdup_printf (_("“%s”, %u×%u, padding %u"),
                                          mlr_conv_state_get_own_name (state), in->width,
                                          in->height, pad)
                       : g_strdup_printf (_("“%s”, %u×%u"), mlr_conv_state_get_own_name (state),
                                          in->width, in->height);
  else
    in_title = pad > 0 ? g_strdup_printf (_("Input %u×%u, padding %u"), in->width, in->height,
                                          pad)
                       : g_strdup_printf (_("Input %u×%u"), in->width, in->height);
  mlr_draw_text_fit (cr, palette, &palette->foreground, in_title, L.in_x, MARGIN, title_w, 0,
                     0, 1);
  paint_grid (cr, palette->dark, in, pad, FALSE, 1, L.in_x, L.in_y, L.in_cell);
  if (pad > 0)
    {
      static const double dash[] = { 4, 3 };
      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      outline (cr, &palette->warning, L.in_x + pad * L.in_cell, L.in_y + pad * L.in_cell,
               in->width * L.in_cell, in->height * L.in_cell, 1.5);
      cairo_restore (cr);
    }
  wx = L.in_x + (double) sx * s * L.in_cell;
  wy = L.in_y + (double) sy * s * L.in_cell;
  outline (cr, &palette->accent, wx - 1, wy - 1, k * L.in_cell + 2, k * L.in_cell + 2, 2.5);

  /* the feature map and its scale */
  feat_title = g_strdup_printf (relu ? _("Feature map %u×%u, %s, ReLU")
                                     : _("Feature map %u×%u, %s"),
                                feat->width, feat->height,
                                kernel_title (mlr_conv_state_get_kernel_id (state)));
  mlr_draw_text_fit (cr, palette, &palette->foreground, feat_title, L.feat_x, MARGIN,
                     pooled ? L.pool_x - GAP - L.feat_x : width - MARGIN - L.feat_x, 0, 0, 1);
  paint_grid (cr, palette->dark, feat, 0, TRUE, fscale, L.feat_x, L.feat_y, L.feat_cell);
  ox = L.feat_x + sx * L.feat_cell;
  oy = L.feat_y + sy * L.feat_cell;
  paint_colorbar (cr, palette, fscale, L.feat_x, L.feat_y + feat->height * L.feat_cell + 8,
                  MIN (feat->width * L.feat_cell, 240));

  /* the window makes this pixel */
  mlr_cairo_set_color_alpha (cr, &palette->accent, 0.6);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, wx + k * L.in_cell, wy);
  cairo_line_to (cr, ox, oy);
  cairo_move_to (cr, wx + k * L.in_cell, wy + k * L.in_cell);
  cairo_line_to (cr, ox, oy + L.feat_cell);
  cairo_stroke (cr);
  outline (cr, &palette->accent, ox - 1, oy - 1, L.feat_cell + 2, L.feat_cell + 2, 2.5);

  if (pooled != NULL)
    {
      g_autofree char *pool_title = g_strdup_printf (_("Max pooled %u×%u"), pooled->width,
                                                     pooled->height);
      mlr_draw_text_fit (cr, palette, &palette->foreground, pool_title, L.pool_x, MARGIN,
                         width - MARGIN - L.pool_x, 0, 0, 1);
      paint_grid (cr, palette->dark, pooled, 0, TRUE, fscale, L.pool_x, L.pool_y, L.pool_cell);
      if (sx / 2 < pooled->width && sy / 2 < pooled->height)
        {
          static const double dash[] = { 3, 2 };
          outline (cr, &palette->accent, L.pool_x + (sx / 2) * L.pool_cell - 1,
                   L.pool_y + (sy / 2) * L.pool_cell - 1, L.pool_cell + 2, L.pool_cell + 2,
                   2.5);
          cairo_save (cr);
          cairo_set_dash (cr, dash, 2, 0);
          outline (cr, &palette->foreground, L.feat_x + (sx & ~1u) * L.feat_cell,
                   L.feat_y + (sy & ~1u) * L.feat_cell, 2 * L.feat_cell, 2 * L.feat_cell, 1);
          cairo_restore (cr);
        }
    }

  /* the multiply–add */
  calc_y = L.kern_y - lh - 6;
  calc_title = g_strdup_printf (_("Output pixel (column %u, row %u): the pixels under the "
                                  "window × the kernel, added up"), sx, sy);
  mlr_draw_text_fit (cr, palette, &palette->foreground, calc_title, MARGIN, calc_y,
                     width - 2 * MARGIN, 0, 0, 1);
  x = MARGIN;
  paint_numbers (cr, palette, patch, k, TRUE, FALSE, 1, x, L.kern_y, L.calc_cell, -1);
  x += k * L.calc_cell;
  mlr_draw_text (cr, palette, &palette->foreground, "×", x + OP_W / 2,
                 L.kern_y + k * L.calc_cell / 2, 0.5, 0.5, 1.3);
  denominator = common_denominator (weights, k * k);
  paint_numbers (cr, palette, weights, k, FALSE, TRUE, denominator, L.kern_x, L.kern_y,
                 L.calc_cell, edit);
  if (denominator > 1)
    {
      g_autofree char *factor = g_strdup_printf (_("all × 1/%u"), denominator);
      mlr_draw_text (cr, palette, &palette->dim, factor, L.kern_x + k * L.calc_cell / 2,
                     L.kern_y + k * L.calc_cell + 3, 0.5, 0, 1);
    }
  x = L.kern_x + k * L.calc_cell;
  mlr_draw_text (cr, palette, &palette->foreground, "→", x + OP_W / 2,
                 L.kern_y + k * L.calc_cell / 2, 0.5, 0.5, 1.3);
  x += OP_W;
  paint_numbers (cr, palette, products, k, FALSE, FALSE, 1, x, L.kern_y, L.calc_cell, -1);
  x += k * L.calc_cell;

  value_text = mlr_conv_format_value (sum);
  if (relu)
    {
      g_autofree char *after = mlr_conv_format_value (MAX (sum, 0));
      sum_text = g_strdup_printf (_("Sum = %s\nReLU: %s"), value_text, after);
    }
  else
    sum_text = g_strdup_printf (_("Sum = %s"), value_text);
  if (is_narrow (width))
    mlr_draw_text_wrapped (cr, palette, &palette->foreground, sum_text, MARGIN,
                           L.kern_y + k * L.calc_cell + 6, width - 2 * MARGIN, 2, 1);
  else
    {
      mlr_draw_text (cr, palette, &palette->foreground, "=", x + OP_W / 2,
                     L.kern_y + k * L.calc_cell / 2, 0.5, 0.5, 1.3);
      mlr_draw_text_wrapped (cr, palette, &palette->foreground, sum_text, x + OP_W,
                             L.kern_y + k * L.calc_cell / 2 - lh * (relu ? 1 : 0.5),
                             width - MARGIN - x - OP_W, 2, 1);
    }
}
