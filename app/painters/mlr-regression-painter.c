/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-regression-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PAD 12
#define GAP 16
#define AXIS_L 42
#define AXIS_B 24
#define TRAIN_R 4.5
#define TEST_HALF 4.2
/* Text of our own is drawn at this scale of the palette's size or more (11 px at 12 px). */
#define SMALL 0.95
/* Half the side of a marker stamp, in units: room for the marker and its edge. */
#define STAMP_HALF 8
/* The faint resampled fits: line width, and the opacity of one of them. */
#define SPREAD_LINE 1.2

/* What the static layer shows depends on exactly these. */
typedef struct {
  int                 width, height;
  double              scale;
  MlrPalette          palette;
  MlrRegressionLayout layout;
  double              curve_ymin, curve_ymax;
  double              alpha;
  guint               n_train, n_test;
} StaticKey;

struct _MlrRegressionPainterCache
{
  /* the resampled fits, rasterized */
  cairo_surface_t *spread;
  guint64          spread_serial;
  int              spread_w, spread_h;
  double           spread_scale;
  double           spread_y0, spread_y1;
  MlrColor         spread_color;
  gboolean         spread_dark;
  guint            builds;

  /* axes, grids, titles: what a drag does not change */
  cairo_surface_t *static_layer;
  StaticKey        static_key;
  guint            static_builds;

  /* marker stamps */
  cairo_surface_t *train_stamp;
  cairo_surface_t *test_stamp;
  double           stamp_scale;
  MlrColor         stamp_train, stamp_test, stamp_fg;
  gboolean         stamp_dark;
};

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
static gboolean
raster_target (cairo_t                   *cr,
               MlrRegressionPainterCache *cache)
{
  cairo_surface_type_t type;

  if (cache == NULL)
    return FALSE;
  type = cairo_surface_get_type (cairo_get_target (cr));
  return type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING;
}

static gboolean
same_color (const MlrColor *a,
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

static MlrColor
bias_color (const MlrPalette *palette)
{
  return palette->classes[3];
}

static MlrColor
noise_color (const MlrPalette *palette)
{
  MlrColor c = palette->dim;

  c.a = 1;
  return c;
}

/* A series colour made readable as text: darker on the light style, lighter on the dark. */
static MlrColor
text_color (const MlrPalette *palette,
            MlrColor          c)
{
  MlrColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  c.a = 1;
  return mlr_color_mix (&c, palette->dark ? &white : &black, palette->dark ? 0.3 : 0.35);
}

/* The thin edge around markers: dark on both styles. */
static MlrColor
edge_color (const MlrPalette *palette)
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
static char *
model_words (const MlrRegressionState *state)
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

static double
line_h (const MlrPalette *palette,
        double            scale)
{
  return ceil (palette->font_size * scale * 1.35);
}

static PangoLayout *
text_layout (cairo_t          *cr,
             const MlrPalette *palette,
             const char       *text,
             double            scale,
             double            width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (palette->font_family);

  pango_font_description_set_absolute_size (font, palette->font_size * scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (MAX (width, 10) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

/* @text wrapped to @width from (x, y); returns the height used. */
static double
draw_wrapped (cairo_t          *cr,
              const MlrPalette *palette,
              const MlrColor   *color,
              const char       *text,
              double            x,
              double            y,
              double            width,
              double            scale)
{
  PangoLayout *layout = text_layout (cr, palette, text, scale, width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  mlr_cairo_set_color (cr, color);
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
  return h;
}

/* One line, shortened with "…" to @max_width. */
static void
draw_fit_text (cairo_t          *cr,
               const MlrPalette *palette,
               const MlrColor   *color,
               const char       *text,
               double            x,
               double            y,
               double            max_width,
               double            halign,
               double            valign,
               double            scale)
{
  PangoLayout *layout = text_layout (cr, palette, text, scale, 0);
  int w, h;

  pango_layout_set_width (layout, (int) (MAX (max_width, 10) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  mlr_cairo_set_color (cr, color);
  cairo_move_to (cr, round (x - halign * w), round (y - valign * h));
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

/* The shared axes with tick labels of at least 11 px. */
static void
draw_axes (cairo_t          *cr,
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
  return 4 * line_h (palette, SMALL) + 18;
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
  double lh = line_h (palette, 1.0), sh = line_h (palette, SMALL);
  double x0, x1, y0, y1, numbers_h = numbers_height (palette);

  memset (L, 0, sizeof *L);
  L->header_h = round (2 * lh + 12);
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

/* ---------------------------------------------------------------- curves and markers */

/* A path along @fit over the plot's x range, one vertex every @step pixels; values far off
 * the plot (or overflowing) are pinned just outside it, which the clip hides. */
static void
path_fit (cairo_t          *cr,
          const MlrPlot    *p,
          const MlrPolyFit *fit,
          double            step)
{
  /* 10 px beyond the edges is off the plot for any line width used here */
  double span = (p->ymax - p->ymin) * 10 / p->h, lo = p->ymin - span, hi = p->ymax + span;
  guint n = MAX (2, (guint) ceil (p->w / step));

  for (guint i = 0; i <= n; i++)
    {
      double x = p->xmin + (p->xmax - p->xmin) * i / n;
      double y = mlr_poly_fit_predict (fit, x);

      y = isnan (y) ? hi : CLAMP (y, lo, hi);
      if (i == 0)
        cairo_move_to (cr, mlr_plot_x (p, x), mlr_plot_y (p, y));
      else
        cairo_line_to (cr, mlr_plot_x (p, x), mlr_plot_y (p, y));
    }
}

static void
path_truth (cairo_t                  *cr,
            const MlrPlot            *p,
            const MlrRegressionState *state)
{
  MlrRegressionTruth truth = mlr_regression_state_get_truth (state);
  guint n = MAX (2, (guint) ceil (p->w / 3));

  if (truth == MLR_REGRESSION_TRUTH_STEP)
    {
      /* exactly: two levels and the jump */
      double lo = mlr_regression_truth_eval (truth, 0), hi = mlr_regression_truth_eval (truth, 1);
      cairo_move_to (cr, mlr_plot_x (p, p->xmin), mlr_plot_y (p, lo));
      cairo_line_to (cr, mlr_plot_x (p, 0.5), mlr_plot_y (p, lo));
      cairo_line_to (cr, mlr_plot_x (p, 0.5), mlr_plot_y (p, hi));
      cairo_line_to (cr, mlr_plot_x (p, p->xmax), mlr_plot_y (p, hi));
      return;
    }
  for (guint i = 0; i <= n; i++)
    {
      double x = p->xmin + (p->xmax - p->xmin) * i / n;
      double y = mlr_regression_truth_eval (truth, x);
      if (i == 0)
        cairo_move_to (cr, mlr_plot_x (p, x), mlr_plot_y (p, y));
      else
        cairo_line_to (cr, mlr_plot_x (p, x), mlr_plot_y (p, y));
    }
}

static void
stroke_truth (cairo_t                  *cr,
              const MlrPalette         *palette,
              const MlrPlot            *p,
              const MlrRegressionState *state,
              double                    width)
{
  double dash[] = { 6, 4 };

  cairo_save (cr);
  cairo_new_path (cr);
  path_truth (cr, p, state);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, width);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A marker's colour: on the dark style a little lighter, so it stands out from the canvas. */
static MlrColor
marker_color (const MlrPalette *palette,
              MlrColor          c)
{
  MlrColor white = { 1, 1, 1, 1 };

  c.a = 1;
  return palette->dark ? mlr_color_mix (&c, &white, 0.25) : c;
}

static void
train_marker (cairo_t          *cr,
              const MlrPalette *palette,
              double            x,
              double            y)
{
  MlrColor c = marker_color (palette, mlr_regression_train_color (palette));
  MlrColor edge = edge_color (palette);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, TRAIN_R, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, &c);
  cairo_fill_preserve (cr);
  mlr_cairo_set_color (cr, &edge);
  cairo_set_line_width (cr, 1.1);
  cairo_stroke (cr);
}

/* A hollow square: the test colour between two thin edges, readable on any background. */
static void
test_marker (cairo_t          *cr,
             const MlrPalette *palette,
             double            x,
             double            y)
{
  MlrColor c = marker_color (palette, mlr_regression_test_color (palette));
  MlrColor edge = edge_color (palette);

  cairo_new_path (cr);
  cairo_rectangle (cr, x - TEST_HALF, y - TEST_HALF, 2 * TEST_HALF, 2 * TEST_HALF);
  mlr_cairo_set_color (cr, &edge);
  cairo_set_line_width (cr, 4.0);
  cairo_stroke_preserve (cr);
  mlr_cairo_set_color (cr, &c);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
}

static cairo_surface_t *
new_stamp (double    scale,
           cairo_t **cr)
{
  int side = (int) ceil (2 * STAMP_HALF * scale);
  cairo_surface_t *stamp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);

  cairo_surface_set_device_scale (stamp, scale, scale);
  *cr = cairo_create (stamp);
  return stamp;
}

static void
ensure_stamps (MlrRegressionPainterCache *cache,
               const MlrPalette          *palette,
               double                     scale)
{
  MlrColor train = mlr_regression_train_color (palette), test = mlr_regression_test_color (palette);
  cairo_t *cr;

  if (cache->train_stamp != NULL && cache->stamp_scale == scale &&
      cache->stamp_dark == palette->dark && same_color (&cache->stamp_train, &train) &&
      same_color (&cache->stamp_test, &test) && same_color (&cache->stamp_fg, &palette->foreground))
    return;
  g_clear_pointer (&cache->train_stamp, cairo_surface_destroy);
  g_clear_pointer (&cache->test_stamp, cairo_surface_destroy);
  cache->train_stamp = new_stamp (scale, &cr);
  train_marker (cr, palette, STAMP_HALF, STAMP_HALF);
  cairo_destroy (cr);
  cache->test_stamp = new_stamp (scale, &cr);
  test_marker (cr, palette, STAMP_HALF, STAMP_HALF);
  cairo_destroy (cr);
  cache->stamp_scale = scale;
  cache->stamp_dark = palette->dark;
  cache->stamp_train = train;
  cache->stamp_test = test;
  cache->stamp_fg = palette->foreground;
}

/* @stamp centred on (x, y), snapped to the device pixel grid so it stays sharp. */
static void
blit (cairo_t         *cr,
      cairo_surface_t *stamp,
      double           scale,
      double           x,
      double           y)
{
  double sx = round ((x - STAMP_HALF) * scale) / scale, sy = round ((y - STAMP_HALF) * scale) / scale;

  cairo_set_source_surface (cr, stamp, sx, sy);
  cairo_rectangle (cr, sx, sy, 2 * STAMP_HALF, 2 * STAMP_HALF);
  cairo_fill (cr);
}

/* ---------------------------------------------------------------- the plane */

/* The legend's four entries, in a row from (x, y) (its width in *width; nothing drawn when
 * @draw is FALSE) or, with @column, stacked on a pale box inside the plot. */
static void
draw_legend (cairo_t          *cr,
             const MlrPalette *palette,
             double            x,
             double            y,
             gboolean          column,
             gboolean          draw,
             guint             n_train,
             guint             n_test,
             double           *width)
{
  g_autofree char *train = g_strdup_printf (_("training (%u)"), n_train);
  g_autofree char *test = g_strdup_printf (_("test (%u)"), n_test);
  const char *labels[4] = { train, test, _("fit"), _("truth f(x)") };
  MlrColor fit = mlr_regression_fit_color (palette);
  double lh = line_h (palette, SMALL), w = 0, widths[4], dash[] = { 6, 4 }, row_x = x;

  for (guint i = 0; i < 4; i++)
    {
      double th;
      mlr_text_size (cr, palette, labels[i], SMALL, &widths[i], &th);
      w = column ? MAX (w, widths[i] + 40) : w + widths[i] + 32 + (i ? 14 : 0);
    }
  if (width != NULL)
    *width = w;
  if (!draw)
    return;
  cairo_save (cr);
  if (column)
    {
      mlr_cairo_set_color_alpha (cr, &palette->background, 0.85);
      cairo_rectangle (cr, x, y, w, 4 * lh + 8);
      cairo_fill (cr);
    }
  for (guint i = 0; i < 4; i++)
    {
      double cy = column ? y + 4 + i * lh + lh / 2 : y + lh / 2;
      double sx = (column ? x : row_x) + 16;
      switch (i)
        {
        case 0:
          train_marker (cr, palette, sx, cy);
          break;
        case 1:
          test_marker (cr, palette, sx, cy);
          break;
        default:
          cairo_move_to (cr, sx - 10, cy);
          cairo_line_to (cr, sx + 10, cy);
          if (i == 2)
            {
              mlr_cairo_set_color (cr, &fit);
              cairo_set_line_width (cr, 3);
            }
          else
            {
              mlr_cairo_set_color (cr, &palette->foreground);
              cairo_set_line_width (cr, 1.5);
              cairo_set_dash (cr, dash, 2, 0);
            }
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        }
      mlr_draw_text (cr, palette, &palette->foreground, labels[i], sx + 16, cy, 0, 0.5, SMALL);
      row_x += widths[i] + 32 + 14;
    }
  cairo_restore (cr);
}

static void
draw_cursor (cairo_t                  *cr,
             const MlrPalette         *palette,
             const MlrRegressionState *state,
             const MlrPlot            *plot)
{
  double cx, cy, x, y;

  mlr_regression_state_get_cursor (state, &cx, &cy);
  x = round (mlr_plot_x (plot, cx)) + 0.5;
  y = round (mlr_plot_y (plot, cy)) + 0.5;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 0)
        {
          mlr_cairo_set_color_alpha (cr, &palette->background, 0.9);
          cairo_set_line_width (cr, 4);
        }
      else
        {
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_line_width (cr, 1.6);
        }
      cairo_move_to (cr, x - 14, y);
      cairo_line_to (cr, x - 5, y);
      cairo_move_to (cr, x + 5, y);
      cairo_line_to (cr, x + 14, y);
      cairo_move_to (cr, x, y - 14);
      cairo_line_to (cr, x, y - 5);
      cairo_move_to (cr, x, y + 5);
      cairo_line_to (cr, x, y + 14);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* A banner over the top of @p saying why there is no fit. */
static void
draw_banner (cairo_t          *cr,
             const MlrPalette *palette,
             const MlrPlot    *p,
             const char       *text)
{
  PangoLayout *layout = text_layout (cr, palette, text, 1.0, p->w - 40);
  MlrColor white = { 1, 1, 1, 1 };
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  g_object_unref (layout);
  cairo_save (cr);
  mlr_cairo_set_color_alpha (cr, &palette->error, 0.92);
  cairo_rectangle (cr, p->x0 + 10, p->y0 + p->h - th - 26, p->w - 20, th + 16);
  cairo_fill (cr);
  draw_wrapped (cr, palette, &white, text, p->x0 + 20, p->y0 + p->h - th - 18, p->w - 40, 1.0);
  cairo_restore (cr);
}

/* What of the plane does not move while points are dragged: axes, grid, the data's range. */
static void
draw_plane_static (cairo_t          *cr,
                   const MlrPalette *palette,
                   const MlrPlot    *p)
{
  draw_axes (cr, p, palette, TRUE);
  cairo_save (cr);
  mlr_plot_clip (cr, p);
  /* outside the data's x range, where no point lives */
  mlr_cairo_set_color_alpha (cr, &palette->grid, 0.35);
  cairo_rectangle (cr, p->x0, p->y0, mlr_plot_x (p, MLR_REGRESSION_X_MIN) - p->x0, p->h);
  cairo_rectangle (cr, mlr_plot_x (p, MLR_REGRESSION_X_MAX), p->y0,
                   p->x0 + p->w - mlr_plot_x (p, MLR_REGRESSION_X_MAX), p->h);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_plane (cairo_t                           *cr,
            const MlrPalette                  *palette,
            const MlrRegressionState          *state,
            const MlrRegressionLayout         *L,
            const MlrRegressionPainterOptions *options,
            MlrRegressionPainterCache         *cache)
{
  gboolean stamps = raster_target (cr, cache);
  double scale = options->scale > 0 ? options->scale : 1;
  const MlrPlot *p = &L->plot;
  const MlrPolyFit *fit = mlr_regression_state_get_fit (state);
  guint n = mlr_regression_state_get_n_points (state);
  int selected = mlr_regression_state_get_selected (state);
  MlrColor fit_color = mlr_regression_fit_color (palette);
  MlrColor train = mlr_regression_train_color (palette), test = mlr_regression_test_color (palette);
  g_autofree char *status = mlr_regression_status_text (state);

  cairo_save (cr);
  mlr_plot_clip (cr, p);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  stroke_truth (cr, palette, p, state, 1.6);

  if (fit != NULL && mlr_regression_state_get_show_residuals (state))
    {
      cairo_set_line_width (cr, 1.5);
      for (int pass = 0; pass < 2; pass++)
        {
          for (guint i = 0; i < n; i++)
            {
              const MlrRegressionPoint *pt = mlr_regression_state_get_point (state, i);
              double yhat = mlr_poly_fit_predict (fit, pt->x), span = p->ymax - p->ymin;

              if (pt->test != (pass == 1))
                continue;
              yhat = isnan (yhat) ? p->ymax + span : CLAMP (yhat, p->ymin - span, p->ymax + span);
              cairo_move_to (cr, round (mlr_plot_x (p, pt->x)) + 0.5, mlr_plot_y (p, pt->y));
              cairo_line_to (cr, round (mlr_plot_x (p, pt->x)) + 0.5, mlr_plot_y (p, yhat));
            }
          mlr_cairo_set_color_alpha (cr, pass ? &test : &train, 0.8);
          cairo_stroke (cr);
        }
    }

  if (fit != NULL)
    {
      cairo_new_path (cr);
      path_fit (cr, p, fit, 3);
      cairo_set_line_width (cr, 2.8);
      mlr_cairo_set_color (cr, &fit_color);
      cairo_stroke (cr);
    }

  /* training points under test points: the held-out ones are fewer */
  if (stamps)
    ensure_stamps (cache, palette, scale);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const MlrRegressionPoint *pt = mlr_regression_state_get_point (state, i);
        double x = mlr_plot_x (p, pt->x), y = mlr_plot_y (p, pt->y);
        if (pt->test != (pass == 1))
          continue;
        if (stamps)
          blit (cr, pt->test ? cache->test_stamp : cache->train_stamp, scale, x, y);
        else if (pt->test)
          test_marker (cr, palette, x, y);
        else
          train_marker (cr, palette, x, y);
      }
  if (options->hover >= 0 && (guint) options->hover < n && options->hover != selected)
    {
      const MlrRegressionPoint *pt = mlr_regression_state_get_point (state, options->hover);
      cairo_new_path (cr);
      cairo_arc (cr, mlr_plot_x (p, pt->x), mlr_plot_y (p, pt->y), TRAIN_R + 4, 0, 2 * G_PI);
      mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.6);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (selected >= 0 && (guint) selected < n)
    {
      const MlrRegressionPoint *pt = mlr_regression_state_get_point (state, selected);
      cairo_new_path (cr);
      cairo_arc (cr, mlr_plot_x (p, pt->x), mlr_plot_y (p, pt->y), TRAIN_R + 5, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &palette->background);
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      mlr_cairo_set_color (cr, &palette->accent);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  if (options->focused)
    draw_cursor (cr, palette, state, p);
  cairo_restore (cr);

  if (!L->legend_in_header)
    draw_legend (cr, palette, p->x0 + 8, p->y0 + 6, TRUE, TRUE,
                 mlr_regression_state_get_n_train (state), mlr_regression_state_get_n_test (state),
                 NULL);
  if (status != NULL)
    draw_banner (cr, palette, p, status);
}

/* ---------------------------------------------------------------- header */

static void
draw_header (cairo_t                   *cr,
             const MlrPalette          *palette,
             const MlrRegressionState  *state,
             const MlrRegressionLayout *L,
             int                        width)
{
  g_autofree char *model = model_words (state);
  g_autofree char *title = g_strdup_printf (_("Degree %u polynomial, %s"),
                                            mlr_regression_state_get_degree (state), model);
  double lh = line_h (palette, 1.0), x = PAD, y = 6 + lh;
  MlrColor train = mlr_regression_train_color (palette), test = mlr_regression_test_color (palette);
  double v;

  draw_fit_text (cr, palette, &palette->foreground, title, PAD, 6, width - 2 * PAD, 0, 0, 1.0);

  /* the scores, after their points' markers */
  for (int k = 0; k < 3; k++)
    {
      g_autofree char *num = NULL;
      g_autofree char *text = NULL;
      const MlrColor *color = &palette->foreground;
      gboolean ok;
      double tw, th;

      if (k == 0)
        {
          ok = mlr_regression_state_get_train_rmse (state, &v);
          num = ok ? mlr_regression_format_number (v) : g_strdup ("—");
          text = g_strdup_printf (_("Train RMSE %s"), num);
          color = &train;
        }
      else if (k == 1)
        {
          ok = mlr_regression_state_get_test_rmse (state, &v);
          num = ok ? mlr_regression_format_number (v) : g_strdup ("—");
          text = g_strdup_printf (_("Test RMSE %s"), num);
          color = &test;
        }
      else
        {
          ok = mlr_regression_state_get_r2_test (state, &v);
          num = ok ? mlr_regression_format_number (v) : g_strdup ("—");
          text = g_strdup_printf (_("Test R² %s"), num);
        }
      if (k < 2)
        {
          /* the points' marker before the number */
          if (k == 0)
            train_marker (cr, palette, x + 5, y + lh / 2);
          else
            test_marker (cr, palette, x + 5, y + lh / 2);
          x += 14;
        }
      {
        MlrColor c = k < 2 ? text_color (palette, *color) : *color;
        mlr_draw_text (cr, palette, &c, text, x, y, 0, 0, 1.0);
      }
      mlr_text_size (cr, palette, text, 1.0, &tw, &th);
      x += tw + 22;
    }
}

static void
draw_header_static (cairo_t                   *cr,
                    const MlrPalette          *palette,
                    const MlrRegressionState  *state,
                    const MlrRegressionLayout *L,
                    int                        width)
{
  if (L->legend_in_header)
    draw_legend (cr, palette, width - PAD - L->legend_w, 7 + line_h (palette, 1.0), FALSE, TRUE,
                 mlr_regression_state_get_n_train (state), mlr_regression_state_get_n_test (state),
                 NULL);
}

/* ---------------------------------------------------------------- error against degree */

/* The error chart with its y range: the curves' values (and σ), in whole decades, 1e-3 to 1e3
 * at most. Returns whether any degree could be fitted. */
static gboolean
curve_plot (const MlrRegressionState *state,
            const MlrPlot            *layout_plot,
            MlrPlot                  *out)
{
  MlrPlot p = *layout_plot;
  double sigma = mlr_regression_state_get_sigma (state);
  double lo = INFINITY, hi = 0;
  gboolean any = FALSE, has_test = mlr_regression_state_get_n_test (state) > 0;

  for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
    {
      double tr, te;
      if (!mlr_regression_state_get_curve (state, d, &tr, &te))
        continue;
      any = TRUE;
      if (tr > 0)
        lo = MIN (lo, tr);
      hi = MAX (hi, tr);
      if (has_test)
        {
          lo = MIN (lo, te);
          hi = MAX (hi, te);
        }
    }
  if (sigma > 0)
    {
      lo = MIN (lo, sigma);
      hi = MAX (hi, sigma);
    }
  if (!isfinite (lo) || lo <= 0)
    lo = 0.1;
  if (hi <= 0)
    hi = 1;
  p.ymin = pow (10, floor (log10 (CLAMP (lo, 1e-3, 1e2))));
  p.ymax = pow (10, ceil (log10 (CLAMP (hi, p.ymin * 10, 1e3))));
  p.log_y = TRUE;
  *out = p;
  return any;
}

static void
draw_curve_static (cairo_t                  *cr,
                   const MlrPalette         *palette,
                   const MlrRegressionState *state,
                   const MlrPlot            *layout_plot)
{
  g_autofree char *model = model_words (state);
  g_autofree char *title = g_strdup_printf (_("RMSE against degree, %s"), model);
  MlrPlot p;

  curve_plot (state, layout_plot, &p);
  draw_fit_text (cr, palette, &palette->foreground, title, p.x0 - AXIS_L + 4, p.y0 - 3,
                 p.w + AXIS_L - 4, 0, 1, SMALL);
  draw_axes (cr, &p, palette, TRUE);
  mlr_draw_text (cr, palette, &palette->dim, _("degree"), p.x0 + p.w / 2, p.y0 + p.h + 4 +
                 line_h (palette, 0.85) - 2, 0.5, 0, SMALL);
}

static void
draw_curve (cairo_t                  *cr,
            const MlrPalette         *palette,
            const MlrRegressionState *state,
            const MlrPlot            *layout_plot)
{
  MlrColor train = mlr_regression_train_color (palette), test = mlr_regression_test_color (palette);
  guint degree = mlr_regression_state_get_degree (state);
  int best = mlr_regression_state_get_best_degree (state);
  double sigma = mlr_regression_state_get_sigma (state), dash[] = { 5, 3 };
  gboolean has_test = mlr_regression_state_get_n_test (state) > 0;
  MlrPlot p;
  gboolean any = curve_plot (state, layout_plot, &p);

  cairo_save (cr);
  mlr_plot_clip (cr, &p);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* σ: the RMSE of the truth itself on fresh points, what a test error tends to at best */
  if (sigma > 0)
    {
      double y = round (mlr_plot_y (&p, sigma)) + 0.5, dots[] = { 1.5, 3 };
      cairo_set_dash (cr, dots, 2, 0);
      cairo_set_line_width (cr, 1.5);
      mlr_cairo_set_color (cr, &palette->dim);
      cairo_move_to (cr, p.x0, y);
      cairo_line_to (cr, p.x0 + p.w, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      mlr_draw_text (cr, palette, &palette->dim, _("noise σ"), p.x0 + p.w - 4, y - 2, 1, 1,
                     SMALL);
    }

  /* the current degree */
  {
    double x = round (mlr_plot_x (&p, degree)) + 0.5;
    cairo_set_line_width (cr, 8);
    mlr_cairo_set_color_alpha (cr, &palette->accent, 0.18);
    cairo_move_to (cr, x, p.y0);
    cairo_line_to (cr, x, p.y0 + p.h);
    cairo_stroke (cr);
    cairo_set_line_width (cr, 1.5);
    mlr_cairo_set_color (cr, &palette->accent);
    cairo_move_to (cr, x, p.y0);
    cairo_line_to (cr, x, p.y0 + p.h);
    cairo_stroke (cr);
  }

  for (int s = 0; s < (has_test ? 2 : 1); s++)
    {
      gboolean started = FALSE;
      for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
        {
          double tr, te, v, x, y;
          if (!mlr_regression_state_get_curve (state, d, &tr, &te))
            {
              started = FALSE;
              continue;
            }
          v = s == 0 ? tr : te;
          x = mlr_plot_x (&p, d);
          y = mlr_plot_y (&p, CLAMP (v, p.ymin / 2, p.ymax * 2));
          if (started)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          started = TRUE;
        }
      if (s == 1)
        cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 2);
      mlr_cairo_set_color (cr, s == 0 ? &train : &test);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
        {
          double tr, te, v;
          if (!mlr_regression_state_get_curve (state, d, &tr, &te))
            continue;
          v = CLAMP (s == 0 ? tr : te, p.ymin / 2, p.ymax * 2);
          if (s == 0)
            {
              cairo_new_path (cr);
              cairo_arc (cr, mlr_plot_x (&p, d), mlr_plot_y (&p, v), 2.8, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else
            {
              cairo_rectangle (cr, mlr_plot_x (&p, d) - 2.6, mlr_plot_y (&p, v) - 2.6, 5.2, 5.2);
              cairo_set_line_width (cr, 1.6);
              cairo_stroke (cr);
            }
        }
    }
  if (best >= 0)
    {
      double tr, te;
      mlr_regression_state_get_curve (state, (guint) best, &tr, &te);
      cairo_new_path (cr);
      cairo_arc (cr, mlr_plot_x (&p, best), mlr_plot_y (&p, CLAMP (te, p.ymin, p.ymax)), 7, 0,
                 2 * G_PI);
      mlr_cairo_set_color (cr, &palette->foreground);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* which line is which, top right inside, on a pale box */
  {
    double lh = line_h (palette, SMALL), x = p.x0 + p.w - 4, y = p.y0 + 3, w = 0, tw, th;
    g_autofree char *best_text = best >= 0 ? g_strdup_printf (_("○ lowest test error: degree %d"),
                                                              best) : NULL;
    const char *lines[3] = { _("train"), has_test ? _("test") : NULL, best_text };
    MlrColor colors[3] = { text_color (palette, train), text_color (palette, test),
                           palette->foreground };
    guint n_lines = 0;

    for (int k = 0; k < 3; k++)
      if (lines[k] != NULL)
        {
          mlr_text_size (cr, palette, lines[k], SMALL, &tw, &th);
          w = MAX (w, tw);
          n_lines++;
        }
    mlr_cairo_set_color_alpha (cr, &palette->background, 0.8);
    cairo_rectangle (cr, x - w - 4, y, w + 6, n_lines * lh + 2);
    cairo_fill (cr);
    n_lines = 0;
    for (int k = 0; k < 3; k++)
      if (lines[k] != NULL)
        mlr_draw_text (cr, palette, &colors[k], lines[k], x, y + 1 + lh * n_lines++, 1, 0, SMALL);
  }
  if (!any)
    mlr_draw_text (cr, palette, &palette->dim, _("no degree can be fitted"), p.x0 + p.w / 2,
                   p.y0 + p.h / 2, 0.5, 0.5, SMALL);
}

/* ---------------------------------------------------------------- bias and variance */

/* Adds the coverage of a line of width @lw (device pixels) along the curve through the
 * column edges ys[0..w] into acc (w × h, rows top-down): per column, the segment's vertical
 * extent gets the line's area in that column spread evenly over it. Segments wholly above or
 * below the image are skipped, so a curve shooting off costs nothing. */
static void
rasterize_curve (float        *acc,
                 int           w,
                 int           h,
                 const double *ys,
                 double        lw)
{
  for (int i = 0; i < w; i++)
    {
      double a = ys[i], b = ys[i + 1], dy = fabs (b - a);
      double top = MIN (a, b) - lw / 2, bottom = MAX (a, b) + lw / 2;
      double density = lw * sqrt (1 + dy * dy) / (bottom - top);
      int k0, k1;

      if (bottom <= 0 || top >= h)
        continue;
      top = MAX (top, 0);
      bottom = MIN (bottom, h);
      k0 = (int) floor (top);
      k1 = (int) ceil (bottom);
      density = MIN (density, 1);
      for (int k = k0; k < k1; k++)
        {
          double cover = MIN (k + 1, bottom) - MAX (k, top);
          acc[(gsize) k * w + i] += (float) (cover * density);
        }
    }
}

/* The resampled fits as an image of the spread plot's size, in the fit colour: each line
 * with opacity @alpha, overlaps adding up as painting them one over another would
 * (1 − Π(1 − α c) ≈ 1 − e^(−α Σc)). */
static void
build_spread (MlrRegressionPainterCache *cache,
              const MlrPalette          *palette,
              const MlrRegressionState  *state,
              const MlrPlot             *p,
              double                     scale)
{
  int w = (int) ceil (p->w * scale), h = (int) ceil (p->h * scale);
  guint n = mlr_regression_state_get_n_resamples (state);
  g_autofree float *acc = g_new0 (float, (gsize) w * h);
  g_autofree double *ys = g_new (double, w + 1);
  MlrColor c = mlr_regression_fit_color (palette);
  double alpha = palette->dark ? 0.24 : 0.18;
  guint8 *data;
  int stride;

  for (guint r = 0; r < n; r++)
    {
      const MlrPolyFit *fit = mlr_regression_state_get_resample (state, r);
      for (int i = 0; i <= w; i++)
        {
          double x = p->xmin + (p->xmax - p->xmin) * i / w;
          double y = mlr_poly_fit_predict (fit, x);
          /* rows from the top, in device pixels; far off is just off */
          ys[i] = isnan (y) ? -1e6 : CLAMP ((p->ymax - y) / (p->ymax - p->ymin) * h, -1e6, 1e6);
        }
      rasterize_curve (acc, w, h, ys, SPREAD_LINE * scale);
    }

  g_clear_pointer (&cache->spread, cairo_surface_destroy);
  cache->spread = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_surface_flush (cache->spread);
  data = cairo_image_surface_get_data (cache->spread);
  stride = cairo_image_surface_get_stride (cache->spread);
  for (int k = 0; k < h; k++)
    {
      guint32 *row = (guint32 *) (data + (gsize) k * stride);
      for (int i = 0; i < w; i++)
        {
          float v = acc[(gsize) k * w + i];
          double a;
          guint32 A;

          if (v == 0)
            {
              row[i] = 0;
              continue;
            }
          a = 1 - exp (-alpha * v);
          A = (guint32) lround (a * 255);
          row[i] = A << 24 | (guint32) lround (c.r * A) << 16 | (guint32) lround (c.g * A) << 8 |
                   (guint32) lround (c.b * A);
        }
    }
  cairo_surface_mark_dirty (cache->spread);
  cairo_surface_set_device_scale (cache->spread, scale, scale);
  cache->spread_serial = mlr_regression_state_get_resample_serial (state);
  cache->spread_w = w;
  cache->spread_h = h;
  cache->spread_scale = scale;
  cache->spread_y0 = p->ymin;
  cache->spread_y1 = p->ymax;
  cache->spread_color = c;
  cache->spread_dark = palette->dark;
  cache->builds++;
}

static void
paint_spread (cairo_t                   *cr,
              const MlrPalette          *palette,
              const MlrRegressionState  *state,
              const MlrPlot             *p,
              double                     scale,
              MlrRegressionPainterCache *cache)
{
  MlrColor c = mlr_regression_fit_color (palette);

  if (mlr_regression_state_get_n_resamples (state) == 0)
    return;
  if (cache->spread == NULL || cache->spread_serial != mlr_regression_state_get_resample_serial (state) ||
      cache->spread_w != (int) ceil (p->w * scale) || cache->spread_h != (int) ceil (p->h * scale) ||
      cache->spread_scale != scale || cache->spread_y0 != p->ymin || cache->spread_y1 != p->ymax ||
      cache->spread_dark != palette->dark || !same_color (&cache->spread_color, &c))
    build_spread (cache, palette, state, p, scale);
  cairo_set_source_surface (cr, cache->spread, p->x0, p->y0);
  cairo_paint (cr);
}

static void
draw_spread_static (cairo_t          *cr,
                    const MlrPalette *palette,
                    const MlrPlot    *p)
{
  g_autofree char *title = g_strdup_printf (_("Fits to %u training sets with fresh noise"),
                                            MLR_REGRESSION_RESAMPLES);

  draw_fit_text (cr, palette, &palette->foreground, title, p->x0 - AXIS_L + 4, p->y0 - 3,
                 p->w + AXIS_L - 4, 0, 1, SMALL);
  draw_axes (cr, p, palette, FALSE);
}

static void
draw_spread (cairo_t                           *cr,
             const MlrPalette                  *palette,
             const MlrRegressionState          *state,
             const MlrRegressionLayout         *L,
             const MlrRegressionPainterOptions *options,
             MlrRegressionPainterCache         *cache)
{
  const MlrPlot *p = &L->spread;
  guint n_resamples = mlr_regression_state_get_n_resamples (state);
  const MlrPolyFit *mean = mlr_regression_state_get_mean_fit (state);
  MlrColor fit = mlr_regression_fit_color (palette), test = mlr_regression_test_color (palette);
  MlrColor bias_c = bias_color (palette), noise_c = noise_color (palette);
  double bias2 = 0, variance = 0, noise = 0, lh = line_h (palette, SMALL);
  gboolean has_bv = mlr_regression_state_get_bias_variance (state, &bias2, &variance, &noise);

  cairo_save (cr);
  mlr_plot_clip (cr, p);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (raster_target (cr, cache))
    paint_spread (cr, palette, state, p, options->scale > 0 ? options->scale : 1, cache);
  else
    {
      cairo_set_line_width (cr, SPREAD_LINE);
      for (guint r = 0; r < n_resamples; r++)
        {
          cairo_new_path (cr);
          path_fit (cr, p, mlr_regression_state_get_resample (state, r), 4);
          mlr_cairo_set_color_alpha (cr, &fit, palette->dark ? 0.24 : 0.18);
          cairo_stroke (cr);
        }
    }
  stroke_truth (cr, palette, p, state, 1.4);
  if (mean != NULL)
    {
      cairo_new_path (cr);
      path_fit (cr, p, mean, 3);
      cairo_set_line_width (cr, 2.5);
      mlr_cairo_set_color (cr, &fit);
      cairo_stroke (cr);
    }
  /* where bias² and variance are measured: the test x's */
  mlr_cairo_set_color (cr, &test);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < mlr_regression_state_get_n_points (state); i++)
    {
      const MlrRegressionPoint *pt = mlr_regression_state_get_point (state, i);
      double x;
      if (!pt->test)
        continue;
      x = round (mlr_plot_x (p, pt->x)) + 0.5;
      cairo_move_to (cr, x, p->y0 + p->h);
      cairo_line_to (cr, x, p->y0 + p->h - 7);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* the numbers and the stacked bar */
  {
    double x = L->numbers_x, y = L->numbers_y, w = L->numbers_w;
    const char *names[3] = { _("bias²"), _("variance"), _("noise σ²") };
    double values[3] = { bias2, variance, noise };
    MlrColor colors[3] = { bias_c, fit, noise_c };
    double total = bias2 + variance + noise, name_w = 0;

    if (!has_bv)
      {
        g_autofree char *nn = mlr_regression_format_number (noise);
        g_autofree char *text = g_strdup_printf (
          mlr_regression_state_get_fit (state) == NULL
          ? _("No fit, so no bias² and variance. Noise σ² = %s.")
          : _("No test points: bias² and variance are measured at the test x's. "
              "Noise σ² = %s."), nn);
        draw_wrapped (cr, palette, &palette->dim, text, x, y, w, SMALL);
        return;
      }
    for (int k = 0; k < 3; k++)
      {
        double tw, th;
        mlr_text_size (cr, palette, names[k], SMALL, &tw, &th);
        name_w = MAX (name_w, tw);
      }
    for (int k = 0; k < 3; k++)
      {
        g_autofree char *num = mlr_regression_format_number (values[k]);
        double cy = y + k * lh + lh / 2;
        mlr_cairo_set_color (cr, &colors[k]);
        cairo_rectangle (cr, x, cy - 5, 10, 10);
        cairo_fill (cr);
        mlr_draw_text (cr, palette, &palette->foreground, names[k], x + 16, cy, 0, 0.5, SMALL);
        mlr_draw_text (cr, palette, &palette->foreground, num, x + 24 + name_w, cy, 0, 0.5,
                       SMALL);
      }
    {
      g_autofree char *sum = mlr_regression_format_number (total);
      g_autofree char *text = g_strdup_printf (_("sum %s = expected test MSE"), sum);
      draw_fit_text (cr, palette, &palette->dim, text, x, y + 3 * lh, w, 0, 0, SMALL);
    }
    /* the bar, with at least a sliver for a part that is not 0 */
    if (total > 0)
      {
        double bx = x, by = y + 4 * lh + 4, bw = w - 4, acc = 0;
        for (int k = 0; k < 3; k++)
          {
            double seg = values[k] / total * bw;
            if (values[k] > 0)
              seg = MAX (seg, 1.5);
            mlr_cairo_set_color (cr, &colors[k]);
            cairo_rectangle (cr, bx + acc, by, MIN (seg, bw - acc), 9);
            cairo_fill (cr);
            acc = MIN (acc + seg, bw);
          }
      }
  }
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
  draw_header_static (cr, palette, state, L, width);
  draw_plane_static (cr, palette, &L->plot);
  draw_curve_static (cr, palette, state, &L->curve);
  draw_spread_static (cr, palette, &L->spread);
}

static void
static_key (StaticKey                 *key,
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
  curve_plot (state, &L->curve, &curve);
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
  StaticKey key;

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

/* Whether the legend fits on the scores' line: measured with @cr. */
static void
place_legend (cairo_t                  *cr,
              const MlrPalette         *palette,
              const MlrRegressionState *state,
              MlrRegressionLayout      *L,
              int                       width)
{
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
  draw_legend (cr, palette, 0, 0, FALSE, FALSE, mlr_regression_state_get_n_train (state),
               mlr_regression_state_get_n_test (state), &legend_w);
  L->legend_w = legend_w;
  L->legend_in_header = PAD + scores_w + 16 + legend_w <= width - PAD;
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
  place_legend (cr, palette, state, &L, width);
  cairo_save (cr);
  if (raster_target (cr, cache))
    paint_static (cr, palette, state, &L, width, height, options->scale > 0 ? options->scale : 1,
                  cache);
  else
    draw_static (cr, palette, state, &L, width);
  draw_header (cr, palette, state, &L, width);
  draw_plane (cr, palette, state, &L, options, cache);
  draw_curve (cr, palette, state, &L.curve);
  draw_spread (cr, palette, state, &L, options, cache);
  cairo_restore (cr);
}
