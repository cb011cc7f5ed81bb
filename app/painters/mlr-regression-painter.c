/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-regression-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

MlrRegressionPainterCache *
mlr_regression_painter_cache_new (void)
{
  return g_new0 (MlrRegressionPainterCache, 1);
}

void
mlr_regression_painter_cache_free (MlrRegressionPainterCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->spread, cairo_surface_destroy);
  g_clear_pointer (&cache->static_layer, cairo_surface_destroy);
  g_clear_pointer (&cache->train_stamp, cairo_surface_destroy);
  g_clear_pointer (&cache->test_stamp, cairo_surface_destroy);
  g_free (cache);
}

/* How many times the resampled fits were rasterized (tests check it stays put). */
guint
mlr_regression_painter_cache_get_builds (const MlrRegressionPainterCache *cache)
{
  return cache->builds;
}

/* Raster shortcuts only where the output is raster anyway. */
gboolean
mlr_regression_raster_target (cairo_t                   *cr,
                              MlrRegressionPainterCache *cache)
{
  cairo_surface_type_t type;

  if (cache == NULL)
    return FALSE;
  type = cairo_surface_get_type (cairo_get_target (cr));
  return type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING;
}

gboolean
mlr_regression_same_color (const MlrColor *a,
                           const MlrColor *b)
{
  return memcmp (a, b, sizeof (MlrColor)) == 0;
}

/* ---------------------------------------------------------------- colours and words */

MlrColor
mlr_regression_train_color (const MlrPalette *palette)
{
  return palette->classes[0];
}

MlrColor
mlr_regression_test_color (const MlrPalette *palette)
{
  return palette->classes[1];
}

MlrColor
mlr_regression_fit_color (const MlrPalette *palette)
{
  return palette->classes[2];
}

MlrColor
mlr_regression_bias_color (const MlrPalette *palette)
{
  return palette->classes[3];
}

MlrColor
mlr_regression_noise_color (const MlrPalette *palette)
{
  MlrColor c = palette->dim;

  c.a = 1;
  return c;
}

/* A series colour made readable as text: darker on the light style, lighter on the dark. */
MlrColor
mlr_regression_text_color (const MlrPalette *palette,
                           MlrColor          c)
{
  MlrColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  c.a = 1;
  return mlr_color_mix (&c, palette->dark ? &white : &black, palette->dark ? 0.3 : 0.35);
}

/* The thin edge around markers: dark on both styles. */
MlrColor
mlr_regression_edge_color (const MlrPalette *palette)
{
  MlrColor c = palette->foreground;

  if (palette->dark)
    return (MlrColor) { 0, 0, 0, 0.85 };
  c.a = 0.85;
  return c;
}

/**
 * mlr_regression_format_number:
 * Three significant digits with a true minus sign: "0.262", "0.00421", "−1.5", "2.3e+04".
 */
char *
mlr_regression_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (value != 0 && (fabs (value) >= 1e4 || fabs (value) < 1e-4))
    g_ascii_formatd (buf, sizeof buf, "%.2e", value);
  else
    g_ascii_formatd (buf, sizeof buf, "%.3g", value);
  if (buf[0] == '-')
    return g_strconcat ("−", buf + 1, NULL);
  return g_strdup (buf);
}

/* "least squares" or "ridge α = 0.01" */
char *
mlr_regression_model_words (const MlrRegressionState *state)
{
  double alpha = mlr_regression_state_get_alpha (state);
  g_autofree char *a = NULL;

  if (alpha == 0)
    return g_strdup (_("least squares (α = 0)"));
  a = mlr_regression_format_number (alpha);
  return g_strdup_printf (_("ridge, α = %s"), a);
}

/**
 * mlr_regression_status_text:
 * Why there is no fit, in words a learner can act on; NULL when there is one.
 */
char *
mlr_regression_status_text (const MlrRegressionState *state)
{
  guint degree = mlr_regression_state_get_degree (state);
  guint distinct = mlr_regression_state_get_distinct_train (state);

  switch (mlr_regression_state_get_status (state))
    {
    case MLR_REGRESSION_FIT_NO_TRAIN:
      return g_strdup (_("No training points: add some, or turn a test point into one (T)."));
    case MLR_REGRESSION_FIT_TOO_FEW:
      return g_strdup_printf (_("Least squares cannot fit degree %u: that needs %u different x "
                                "values among the training points, and there are %u. Lower "
                                "the degree, add points, or add a penalty α > 0."),
                              degree, degree + 1, distinct);
    case MLR_REGRESSION_FIT_ALPHA_TOO_SMALL:
      {
        g_autofree char *a = mlr_regression_format_number (mlr_regression_state_get_alpha (state));
        return g_strdup_printf (_("α = %s is too small to settle degree %u on %u different x "
                                  "values: raise α or lower the degree."), a, degree, distinct);
      }
    case MLR_REGRESSION_FIT_OK:
    default:
      return NULL;
    }
}

/* ---------------------------------------------------------------- text */

double
mlr_regression_line_h (const MlrPalette *palette,
                       double            scale)
{
  return ceil (mlr_text_pixels (palette, scale) * 1.35);
}

/* A chart's title: @text when it fits @max_width, else @short_text, rather than cut. */
void
mlr_regression_draw_title (cairo_t          *cr,
                           const MlrPalette *palette,
                           const char       *text,
                           const char       *short_text,
                           double            x,
                           double            y,
                           double            max_width,
                           double            scale)
{
  MlrTextStyle style = { .scale = scale, .valign = 1, .max_width = max_width };
  double w, h;

  mlr_text_measure (cr, palette, text, &style, &w, &h);
  mlr_text_draw (cr, palette, NULL, w <= max_width ? text : short_text, x, y, &style);
}

/* The shared axes with tick labels of at least 11 px. */
void
mlr_regression_draw_axes (cairo_t          *cr,
                          const MlrPlot    *plot,
                          const MlrPalette *palette,
                          gboolean          grid)
{
  MlrPalette p = *palette;

  p.font_size = MAX (p.font_size, 13);
  mlr_plot_draw_axes (cr, plot, &p, NULL, NULL, grid);
}

/* ---------------------------------------------------------------- layout */

static double
numbers_height (const MlrPalette *palette)
{
  return 4 * mlr_regression_line_h (palette, SMALL) + 18;
}

/* Where the legend goes (see MlrRegressionLayout): measured on a scratch surface, so the
 * widget's layout (which has no cairo context) and the painter's agree. */
static void
place_legend (const MlrPalette         *palette,
              const MlrRegressionState *state,
              MlrRegressionLayout      *L,
              int                       width)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  double scores_w = 0, legend_w = 0, tw, th;
  /* the scores' line at its widest: four-character numbers */
  for (int k = 0; k < 3; k++)
    {
      g_autofree char *text = k == 0 ? g_strdup_printf (_("Train RMSE %s"), "−0.000")
                              : k == 1 ? g_strdup_printf (_("Test RMSE %s"), "−0.000")
                              : g_strdup_printf (_("Test R² %s"), "−0.000");
      mlr_text_size (cr, palette, text, 1.0, &tw, &th);
      scores_w += tw + 22 + (k < 2 ? 14 : 0);
    }
  mlr_regression_draw_legend (cr, palette, 0, 0, FALSE, FALSE,
                              mlr_regression_state_get_n_train (state),
                              mlr_regression_state_get_n_test (state), &legend_w);
  L->legend_w = legend_w;
  L->legend_in_header = PAD + scores_w + 16 + legend_w <= width - PAD;
  L->legend_row = !L->legend_in_header && PAD + legend_w <= width - PAD;
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

/**
 * mlr_regression_painter_layout:
 * The header (title and scores), the data plane, and the two charts: beside the plane on
 * canvases 700 px wide or more, under it otherwise (side by side from 440 px).
 */
static void snap_plot (MlrPlot *p);

void
mlr_regression_painter_layout (int                       width,
                               int                       height,
                               const MlrPalette         *palette,
                               const MlrRegressionState *state,
                               MlrRegressionLayout      *L)
{
  double lh = mlr_regression_line_h (palette, 1.0), sh = mlr_regression_line_h (palette, SMALL);
  double x0, x1, y0, y1, numbers_h = numbers_height (palette);

  memset (L, 0, sizeof *L);
  place_legend (palette, state, L, width);
  L->header_h = round (2 * lh + 12 + (L->legend_row ? sh + 4 : 0));
  L->side = width >= 700;
  mlr_regression_state_get_view (state, &x0, &x1, &y0, &y1);

  if (L->side)
    {
      double right_w = round (CLAMP (width * 0.36, 250, 460));
      double rx = width - PAD - right_w;
      double avail = height - L->header_h - PAD;
      double curve_h = round (MAX ((avail - numbers_h) * 0.45 - sh - AXIS_B, 60));
      double spread_y, spread_h;

      mlr_plot_init (&L->plot, PAD + AXIS_L, L->header_h, MAX (rx - GAP - PAD - AXIS_L, 60),
                     MAX (height - L->header_h - AXIS_B - PAD, 60), x0, x1, y0, y1, FALSE);
      mlr_plot_init (&L->curve, rx + AXIS_L, L->header_h + sh, right_w - AXIS_L, curve_h,
                     -0.5, MLR_POLY_MAX_DEGREE + 0.5, 0.01, 1, FALSE);
      spread_y = L->curve.y0 + curve_h + AXIS_B + sh + 6;
      spread_h = MAX (height - PAD - numbers_h - AXIS_B - spread_y, 50);
      mlr_plot_init (&L->spread, rx + AXIS_L, spread_y, right_w - AXIS_L, spread_h, x0, x1, y0,
                     y1, FALSE);
      L->numbers_x = rx + 4;
      L->numbers_y = spread_y + spread_h + AXIS_B;
      L->numbers_w = right_w - 4;
    }
  else
    {
      double main_h = round (MAX (height * 0.46, 140));
      double below = L->header_h + main_h + AXIS_B + 8;
      double charts_h;

      mlr_plot_init (&L->plot, PAD + AXIS_L, L->header_h, MAX (width - 2 * PAD - AXIS_L, 60),
                     main_h, x0, x1, y0, y1, FALSE);
      if (width >= 440)
        {
          double col = floor ((width - 2 * PAD - GAP) / 2);
          charts_h = MAX (height - below - sh - AXIS_B - numbers_h - PAD, 60);
          mlr_plot_init (&L->curve, PAD + AXIS_L, below + sh, col - AXIS_L, charts_h, -0.5,
                         MLR_POLY_MAX_DEGREE + 0.5, 0.01, 1, FALSE);
          mlr_plot_init (&L->spread, PAD + col + GAP + AXIS_L, below + sh, col - AXIS_L,
                         charts_h, x0, x1, y0, y1, FALSE);
          L->numbers_x = PAD + col + GAP;
          L->numbers_y = below + sh + charts_h + AXIS_B;
          L->numbers_w = col;
        }
      else
        {
          charts_h = MAX ((height - below - 2 * (sh + AXIS_B) - numbers_h - PAD - 8) / 2, 50);
          mlr_plot_init (&L->curve, PAD + AXIS_L, below + sh, width - 2 * PAD - AXIS_L,
                         charts_h, -0.5, MLR_POLY_MAX_DEGREE + 0.5, 0.01, 1, FALSE);
          mlr_plot_init (&L->spread, PAD + AXIS_L, below + 2 * sh + charts_h + AXIS_B + 8,
                         width - 2 * PAD - AXIS_L, charts_h, x0, x1, y0, y1, FALSE);
          L->numbers_x = PAD;
          L->numbers_y = L->spread.y0 + charts_h + AXIS_B;
          L->numbers_w = width - 2 * PAD;
        }
    }
  snap_plot (&L->plot);
  snap_plot (&L->curve);
  snap_plot (&L->spread);
  L->curve.log_y = TRUE;
}

/* Whole pixels, so cached rasters and clips land on the pixel grid. */
static void
snap_plot (MlrPlot *p)
{
  double x1 = round (p->x0 + p->w), y1 = round (p->y0 + p->h);

  p->x0 = round (p->x0);
  p->y0 = round (p->y0);
  p->w = MAX (x1 - p->x0, 1);
  p->h = MAX (y1 - p->y0, 1);
}

/* ---------------------------------------------------------------- all of it */

/**
 * mlr_regression_painter_draw:
 * Paints @state on a @width × @height canvas; @options may be NULL (a still picture), and
 * @cache too (then everything is drawn as paths).
 */
static void
draw_static (cairo_t                   *cr,
             const MlrPalette          *palette,
             const MlrRegressionState  *state,
             const MlrRegressionLayout *L,
             int                        width)
{
  mlr_regression_draw_header_static (cr, palette, state, L, width);
  mlr_regression_draw_plane_static (cr, palette, &L->plot);
  mlr_regression_draw_curve_static (cr, palette, state, &L->curve);
  mlr_regression_draw_spread_static (cr, palette, &L->spread);
}

static void
static_key (MlrRegressionStaticKey                 *key,
            const MlrPalette          *palette,
            const MlrRegressionState  *state,
            const MlrRegressionLayout *L,
            int                        width,
            int                        height,
            double                     scale)
{
  MlrPlot curve;

  memset (key, 0, sizeof *key);  /* padding too: keys are compared with memcmp */
  key->width = width;
  key->height = height;
  key->scale = scale;
  key->palette = *palette;
  key->layout = *L;
  mlr_regression_curve_plot (state, &L->curve, &curve);
  key->curve_ymin = curve.ymin;
  key->curve_ymax = curve.ymax;
  key->alpha = mlr_regression_state_get_alpha (state);
  key->n_train = mlr_regression_state_get_n_train (state);
  key->n_test = mlr_regression_state_get_n_test (state);
}

/* The static layer from the cache, drawn again when its key changed. */
static void
paint_static (cairo_t                   *cr,
              const MlrPalette          *palette,
              const MlrRegressionState  *state,
              const MlrRegressionLayout *L,
              int                        width,
              int                        height,
              double                     scale,
              MlrRegressionPainterCache *cache)
{
  MlrRegressionStaticKey key;

  static_key (&key, palette, state, L, width, height, scale);
  if (cache->static_layer == NULL || memcmp (&key, &cache->static_key, sizeof key) != 0)
    {
      int w = (int) ceil (width * scale), h = (int) ceil (height * scale);
      cairo_t *lcr;

      g_clear_pointer (&cache->static_layer, cairo_surface_destroy);
      cache->static_layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_surface_set_device_scale (cache->static_layer, scale, scale);
      lcr = cairo_create (cache->static_layer);
      /* the same font options as the target, so text looks the same cached */
      {
        cairo_font_options_t *fo = cairo_font_options_create ();
        cairo_get_font_options (cr, fo);
        cairo_set_font_options (lcr, fo);
        cairo_font_options_destroy (fo);
      }
      draw_static (lcr, palette, state, L, width);
      cairo_destroy (lcr);
      memcpy (&cache->static_key, &key, sizeof key);
      cache->static_builds++;
    }
  cairo_set_source_surface (cr, cache->static_layer, 0, 0);
  cairo_paint (cr);
}

void
mlr_regression_painter_draw (cairo_t                           *cr,
                             int                                width,
                             int                                height,
                             const MlrPalette                  *palette,
                             const MlrRegressionState          *state,
                             const MlrRegressionPainterOptions *options,
                             MlrRegressionPainterCache         *cache)
{
  MlrRegressionPainterOptions still = { .hover = -1 };
  MlrRegressionLayout L;

  if (options == NULL)
    options = &still;
  mlr_regression_painter_layout (width, height, palette, state, &L);
  cairo_save (cr);
  if (mlr_regression_raster_target (cr, cache))
    paint_static (cr, palette, state, &L, width, height, options->scale > 0 ? options->scale : 1,
                  cache);
  else
    draw_static (cr, palette, state, &L, width);
  mlr_regression_draw_header (cr, palette, state, &L, width);
  mlr_regression_draw_plane (cr, palette, state, &L, options, cache);
  mlr_regression_draw_curve (cr, palette, state, &L.curve);
  mlr_regression_draw_spread (cr, palette, state, &L, options, cache);
  cairo_restore (cr);
}
