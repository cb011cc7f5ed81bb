/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The regression plane: the truth, the fit, the points as stamped markers, the residuals,
 * the hovered point and the header with the scores above it.
 */
#include "config.h"

#include "mlr-regression-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- curves and markers */

/* A path along @fit over the plot's x range, one vertex every @step pixels; values far off
 * the plot (or overflowing) are pinned just outside it, which the clip hides. */
void
mlr_regression_path_fit (cairo_t          *cr,
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

void
mlr_regression_stroke_truth (cairo_t                  *cr,
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
  MlrColor edge = mlr_regression_edge_color (palette);

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
  MlrColor edge = mlr_regression_edge_color (palette);

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
      cache->stamp_dark == palette->dark &&
      mlr_regression_same_color (&cache->stamp_train, &train) &&
      mlr_regression_same_color (&cache->stamp_test, &test) &&
      mlr_regression_same_color (&cache->stamp_fg, &palette->foreground))
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
void
mlr_regression_draw_legend (cairo_t          *cr,
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
  double lh = mlr_regression_line_h (palette, SMALL), w = 0, widths[4], dash[] = { 6, 4 }, row_x = x;

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
  MlrTextStyle style = { .max_width = p->w - 40, .max_lines = 8 };
  MlrColor white = { 1, 1, 1, 1 };
  double tw, th;

  mlr_text_measure (cr, palette, text, &style, &tw, &th);
  cairo_save (cr);
  mlr_cairo_set_color_alpha (cr, &palette->error, 0.92);
  cairo_rectangle (cr, p->x0 + 10, p->y0 + p->h - th - 26, p->w - 20, th + 16);
  cairo_fill (cr);
  mlr_text_draw (cr, palette, &white, text, p->x0 + 20, p->y0 + p->h - th - 18, &style);
  cairo_restore (cr);
}

/* What of the plane does not move while points are dragged: axes, grid, the data's range. */
void
mlr_regression_draw_plane_static (cairo_t          *cr,
                                  const MlrPalette *palette,
                                  const MlrPlot    *p)
{
  mlr_regression_draw_axes (cr, p, palette, TRUE);
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

void
mlr_regression_draw_plane (cairo_t                           *cr,
                           const MlrPalette                  *palette,
                           const MlrRegressionState          *state,
                           const MlrRegressionLayout         *L,
                           const MlrRegressionPainterOptions *options,
                           MlrRegressionPainterCache         *cache)
{
  gboolean stamps = mlr_regression_raster_target (cr, cache);
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

  mlr_regression_stroke_truth (cr, palette, p, state, 1.6);

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
      mlr_regression_path_fit (cr, p, fit, 3);
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

  if (!L->legend_in_header && !L->legend_row)
    mlr_regression_draw_legend (cr, palette, p->x0 + 8, p->y0 + 6, TRUE, TRUE,
                                mlr_regression_state_get_n_train (state),
                                mlr_regression_state_get_n_test (state), NULL);
  if (status != NULL)
    draw_banner (cr, palette, p, status);
}

/* ---------------------------------------------------------------- header */

void
mlr_regression_draw_header (cairo_t                   *cr,
                            const MlrPalette          *palette,
                            const MlrRegressionState  *state,
                            const MlrRegressionLayout *L,
                            int                        width)
{
  g_autofree char *model = mlr_regression_model_words (state);
  g_autofree char *title = g_strdup_printf (_("Degree %u polynomial, %s"),
                                            mlr_regression_state_get_degree (state), model);
  double lh = mlr_regression_line_h (palette, 1.0), x = PAD, y = 6 + lh;
  MlrColor train = mlr_regression_train_color (palette), test = mlr_regression_test_color (palette);
  double v;

  mlr_text_draw (cr, palette, NULL, title, PAD, 6,
                 &(MlrTextStyle) { .max_width = width - 2 * PAD });

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
        MlrColor c = k < 2 ? mlr_regression_text_color (palette, *color) : *color;
        mlr_draw_text (cr, palette, &c, text, x, y, 0, 0, 1.0);
      }
      mlr_text_size (cr, palette, text, 1.0, &tw, &th);
      x += tw + 22;
    }
}

void
mlr_regression_draw_header_static (cairo_t                   *cr,
                                   const MlrPalette          *palette,
                                   const MlrRegressionState  *state,
                                   const MlrRegressionLayout *L,
                                   int                        width)
{
  if (L->legend_in_header)
    mlr_regression_draw_legend (cr, palette, width - PAD - L->legend_w,
                                7 + mlr_regression_line_h (palette, 1.0), FALSE, TRUE,
                                mlr_regression_state_get_n_train (state),
                                mlr_regression_state_get_n_test (state), NULL);
  else if (L->legend_row)
    mlr_regression_draw_legend (cr, palette, PAD, 7 + 2 * mlr_regression_line_h (palette, 1.0),
                                FALSE, TRUE, mlr_regression_state_get_n_train (state),
                                mlr_regression_state_get_n_test (state), NULL);
}

