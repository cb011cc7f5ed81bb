/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two charts beside the plane: train and test error against degree (the U-curve), and
 * the bias-variance view with its resampled fits rasterized once per resample.
 */
#include "config.h"

#include "mlr-regression-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- error against degree */

/* The error chart with its y range: the curves' values (and σ), in whole decades, 1e-3 to 1e3
 * at most. Returns whether any degree could be fitted. */
gboolean
mlr_regression_curve_plot (const MlrRegressionState *state,
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

void
mlr_regression_draw_curve_static (cairo_t                  *cr,
                                  const MlrPalette         *palette,
                                  const MlrRegressionState *state,
                                  const MlrPlot            *layout_plot)
{
  g_autofree char *model = mlr_regression_model_words (state);
  g_autofree char *title = g_strdup_printf (_("RMSE against degree, %s"), model);
  MlrPlot p;

  mlr_regression_curve_plot (state, layout_plot, &p);
  /* Translators: the error chart's title where the full one does not fit */
  mlr_regression_draw_title (cr, palette, title, _("RMSE by degree"),
                             p.x0 - AXIS_L + 4, p.y0 - 3, p.w + AXIS_L - 4, SMALL);
  mlr_regression_draw_axes (cr, &p, palette, TRUE);
  mlr_draw_text (cr, palette, &palette->dim, _("degree"), p.x0 + p.w / 2, p.y0 + p.h + 4 +
                 mlr_regression_line_h (palette, 0.85) - 2, 0.5, 0, SMALL);
}

void
mlr_regression_draw_curve (cairo_t                  *cr,
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
  gboolean any = mlr_regression_curve_plot (state, layout_plot, &p);

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
    double lh = mlr_regression_line_h (palette, SMALL);
    double x = p.x0 + p.w - 4, y = p.y0 + 3, w = 0, tw, th;
    g_autofree char *best_text = best >= 0 ? g_strdup_printf (_("○ lowest test error: degree %d"),
                                                              best) : NULL;
    const char *lines[3] = { _("train"), has_test ? _("test") : NULL, best_text };
    MlrColor colors[3] = { mlr_regression_text_color (palette, train),
                           mlr_regression_text_color (palette, test),
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
      cache->spread_dark != palette->dark || !mlr_regression_same_color (&cache->spread_color, &c))
    build_spread (cache, palette, state, p, scale);
  cairo_set_source_surface (cr, cache->spread, p->x0, p->y0);
  cairo_paint (cr);
}

void
mlr_regression_draw_spread_static (cairo_t          *cr,
                                   const MlrPalette *palette,
                                   const MlrPlot    *p)
{
  g_autofree char *title = g_strdup_printf (_("Fits to %u training sets with fresh noise"),
                                            MLR_REGRESSION_RESAMPLES);
  /* Translators: the resampled fits' title where the full one does not fit */
  g_autofree char *short_title = g_strdup_printf (_("%u refits"), MLR_REGRESSION_RESAMPLES);

  mlr_regression_draw_title (cr, palette, title, short_title,
                             p->x0 - AXIS_L + 4, p->y0 - 3, p->w + AXIS_L - 4, SMALL);
  mlr_regression_draw_axes (cr, p, palette, FALSE);
}

void
mlr_regression_draw_spread (cairo_t                           *cr,
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
  MlrColor bias_c = mlr_regression_bias_color (palette);
  MlrColor noise_c = mlr_regression_noise_color (palette);
  double bias2 = 0, variance = 0, noise = 0, lh = mlr_regression_line_h (palette, SMALL);
  gboolean has_bv = mlr_regression_state_get_bias_variance (state, &bias2, &variance, &noise);

  cairo_save (cr);
  mlr_plot_clip (cr, p);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (mlr_regression_raster_target (cr, cache))
    paint_spread (cr, palette, state, p, options->scale > 0 ? options->scale : 1, cache);
  else
    {
      cairo_set_line_width (cr, SPREAD_LINE);
      for (guint r = 0; r < n_resamples; r++)
        {
          cairo_new_path (cr);
          mlr_regression_path_fit (cr, p, mlr_regression_state_get_resample (state, r), 4);
          mlr_cairo_set_color_alpha (cr, &fit, palette->dark ? 0.24 : 0.18);
          cairo_stroke (cr);
        }
    }
  mlr_regression_stroke_truth (cr, palette, p, state, 1.4);
  if (mean != NULL)
    {
      cairo_new_path (cr);
      mlr_regression_path_fit (cr, p, mean, 3);
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
        mlr_text_draw (cr, palette, &palette->dim, text, x, y,
                       &(MlrTextStyle) { .scale = SMALL, .max_width = w, .max_lines = 8 });
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
      mlr_text_draw (cr, palette, &palette->dim, text, x, y + 3 * lh,
                     &(MlrTextStyle) { .scale = SMALL, .max_width = w });
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

