/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-forecast-painter.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-plot.h"

#define PAD     10.0
#define AXIS_L  48.0   /* room for the y tick labels */
#define AXIS_B  22.0   /* room for the x tick labels */
#define ROW_H   24.0   /* a row of the table */

static const char * const short_names[] = {
  N_("Naive"), N_("Seasonal naive"), N_("Drift"), N_("SES"), N_("Holt"), N_("Holt–Winters"),
};

/* The method's name as the table shows it. */
const char *
mlr_forecast_painter_method_name (MlrForecastMethod method)
{
  g_return_val_if_fail (method < MLR_FORECAST_N_METHODS, "");
  return _(short_names[method]);
}

static double
table_height (const MlrPalette *palette)
{
  return ROW_H * (MLR_FORECAST_N_METHODS + 3.8) + 8;
}

/* A canvas tall enough for a readable chart above the table. */
int
mlr_forecast_painter_preferred_height (int               width,
                                       const MlrPalette *palette)
{
  return (int) (table_height (palette) + CLAMP (width * 0.42, 200, 420));
}

/* Errors in the series' units: three significant figures, no exponent below 10⁶. */
static char *
format_error (double v)
{
  double a = fabs (v);

  if (a >= 1e6)
    return g_strdup_printf ("%.3g", v);
  return g_strdup_printf ("%.*f", a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3, v);
}

/* The band between @lo and @hi for steps x0 + 1 .. x0 + n, starting from (x0, y0). */
static void
band_path (cairo_t       *cr,
           const MlrPlot *plot,
           double         x0,
           double         y0,
           const double  *lo,
           const double  *hi,
           guint          n)
{
  cairo_move_to (cr, mlr_plot_x (plot, x0), mlr_plot_y (plot, y0));
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, mlr_plot_x (plot, x0 + 1 + i), mlr_plot_y (plot, hi[i]));
  for (guint i = n; i-- > 0;)
    cairo_line_to (cr, mlr_plot_x (plot, x0 + 1 + i), mlr_plot_y (plot, lo[i]));
  cairo_close_path (cr);
}

static void
draw_fan (cairo_t           *cr,
          const MlrPlot     *plot,
          const MlrPalette  *palette,
          const MlrForecast *fc,
          double             x0,
          double             y0)
{
  const MlrColor *c = &palette->series[1];

  band_path (cr, plot, x0, y0, fc->lo95, fc->hi95, fc->horizon);
  mlr_cairo_set_color_alpha (cr, c, palette->dark ? 0.22 : 0.16);
  cairo_fill (cr);
  band_path (cr, plot, x0, y0, fc->lo80, fc->hi80, fc->horizon);
  mlr_cairo_set_color_alpha (cr, c, palette->dark ? 0.38 : 0.30);
  cairo_fill (cr);
  cairo_move_to (cr, mlr_plot_x (plot, x0), mlr_plot_y (plot, y0));
  for (guint i = 0; i < fc->horizon; i++)
    cairo_line_to (cr, mlr_plot_x (plot, x0 + 1 + i), mlr_plot_y (plot, fc->mean[i]));
  mlr_cairo_set_color (cr, c);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

/* The series as a line (stroke it). With more values than pixel columns, each column is a
 * pixel-wide bar from its lowest to its highest value, reaching to the previous column's
 * last value so the bars join (fill it): what the zigzag would cover, at a cost that grows
 * with the width rather than the length — cairo strokes a 2,000-value zigzag slowly.
 * Returns whether it made bars. */
static gboolean
data_path (cairo_t       *cr,
           const MlrPlot *plot,
           const double  *ys,
           guint          n)
{
  double prev = ys[0];

  if (n <= plot->w)
    {
      for (guint i = 0; i < n; i++)
        {
          double px = mlr_plot_x (plot, i), py = mlr_plot_y (plot, ys[i]);
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      return FALSE;
    }
  for (guint i = 0; i < n;)
    {
      double col = floor (mlr_plot_x (plot, i)), lo = MIN (ys[i], prev), hi = MAX (ys[i], prev);
      double top, bottom;
      guint j = i;

      while (j + 1 < n && floor (mlr_plot_x (plot, j + 1)) == col)
        {
          j++;
          lo = MIN (lo, ys[j]);
          hi = MAX (hi, ys[j]);
        }
      top = floor (mlr_plot_y (plot, hi) - 0.75);
      bottom = ceil (mlr_plot_y (plot, lo) + 0.75);
      cairo_rectangle (cr, col, top, 1, MAX (bottom - top, 1));
      prev = ys[j];
      i = j + 1;
    }
  return TRUE;
}

/* Why the chosen method draws no forecast, in words. */
static char *
status_words (const MlrForecastState *state,
              MlrForecastStatus       status,
              guint                   need,
              guint                   have)
{
  const char *name = mlr_forecast_painter_method_name (mlr_forecast_state_get_method (state));

  switch (status)
    {
    case MLR_FORECAST_NO_SEASON:
      return g_strdup_printf (_("%s needs a season of at least 2"), name);
    case MLR_FORECAST_TOO_SHORT:
      return g_strdup_printf (_("%s with season %u needs %u values to fit and score; the "
                                "training part has %u"), name,
                              mlr_forecast_state_get_settings (state)->season, need, have);
    case MLR_FORECAST_FLAT:
      return g_strdup_printf (_("MASE is undefined: the training part repeats itself every "
                                "%u steps, so the seasonal naive error that scales it is 0"),
                              mlr_forecast_state_get_settings (state)->season);
    case MLR_FORECAST_OK:
    default:
      return NULL;
    }
}

static void
draw_chart (cairo_t                *cr,
            double                  x,
            double                  y,
            double                  w,
            double                  h,
            const MlrPalette       *palette,
            const MlrForecastState *state)
{
  guint n, test = mlr_forecast_state_get_test (state);
  const double *ys = mlr_forecast_state_get_series (state, &n);
  guint horizon = mlr_forecast_state_get_horizon (state);
  guint train = n > test ? n - test : 0;
  const MlrForecast *tfc = mlr_forecast_state_get_test_forecast (state);
  const double *walk = mlr_forecast_state_get_walk_forward (state);
  MlrForecastStatus fstatus;
  guint fneed;
  const MlrForecast *ffc = mlr_forecast_state_get_future_forecast (state, &fstatus, &fneed);
  const MlrForecastScore *sc = mlr_forecast_state_get_score (state,
                                                             mlr_forecast_state_get_method (state));
  double lo = INFINITY, hi = -INFINITY, span, dlo, dhi;
  MlrPalette p = *palette;
  MlrPlot plot;
  const char *labels[4];
  MlrColor colors[4];
  g_autofree char *why = NULL;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, ys[i]);
      hi = MAX (hi, ys[i]);
    }
  dlo = lo;
  dhi = hi;
  span = MAX (hi - lo, 1e-9 + fabs (hi) * 1e-6);
  /* the fans count, but never squash the data to less than a third of the height */
  for (int k = 0; k < 2; k++)
    {
      const MlrForecast *fc = k == 0 ? tfc : ffc;
      for (guint i = 0; fc != NULL && i < fc->horizon; i++)
        {
          lo = MIN (lo, MAX (fc->lo95[i], dlo - span));
          hi = MAX (hi, MIN (fc->hi95[i], dhi + span));
        }
    }
  if (hi - lo < 1e-9)
    {
      lo -= 1;
      hi += 1;
    }
  span = hi - lo;
  mlr_plot_init (&plot, x + AXIS_L, y + 6, MAX (w - AXIS_L, 40), MAX (h - AXIS_B - 6, 40),
                 -0.5, n - 0.5 + horizon, lo - 0.06 * span, hi + 0.12 * span, FALSE);
  p.font_size = MAX (p.font_size, 13);
  mlr_plot_draw_axes (cr, &plot, &p, NULL, NULL, TRUE);

  cairo_save (cr);
  mlr_plot_clip (cr, &plot);
  /* the held-out window */
  if (train > 0)
    {
      double x0 = mlr_plot_x (&plot, train - 0.5), x1 = mlr_plot_x (&plot, n - 0.5);
      mlr_cairo_set_color_alpha (cr, &palette->grid, palette->dark ? 0.45 : 0.6);
      cairo_rectangle (cr, x0, plot.y0, x1 - x0, plot.h);
      cairo_fill (cr);
    }
  /* where the data ends */
  mlr_cairo_set_color (cr, &palette->dim);
  cairo_set_line_width (cr, 1);
  {
    double dashes[] = { 4, 4 };
    double xe = round (mlr_plot_x (&plot, n - 0.5)) + 0.5;
    cairo_set_dash (cr, dashes, 2, 0);
    cairo_move_to (cr, xe, plot.y0);
    cairo_line_to (cr, xe, plot.y0 + plot.h);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  /* the forecasts */
  if (tfc != NULL && train > 0 && walk == NULL)
    draw_fan (cr, &plot, palette, tfc, train - 1, ys[train - 1]);
  if (ffc != NULL)
    draw_fan (cr, &plot, palette, ffc, n - 1, ys[n - 1]);
  /* the data */
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 1.5);
  if (data_path (cr, &plot, ys, n))
    cairo_fill (cr);
  else
    cairo_stroke (cr);
  for (guint i = train; i < n && n - train <= 60; i++)
    {
      cairo_arc (cr, mlr_plot_x (&plot, i), mlr_plot_y (&plot, ys[i]), 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  /* walk-forward: a dot per one-step forecast, joined to the value it forecast */
  if (walk != NULL)
    {
      const MlrColor *c = &palette->series[1];
      for (guint i = 0; i < test; i++)
        {
          double px = mlr_plot_x (&plot, train + i);
          mlr_cairo_set_color_alpha (cr, c, 0.7);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, px, mlr_plot_y (&plot, walk[i]));
          cairo_line_to (cr, px, mlr_plot_y (&plot, ys[train + i]));
          cairo_stroke (cr);
          mlr_cairo_set_color (cr, c);
          cairo_arc (cr, px, mlr_plot_y (&plot, walk[i]), 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);

  /* words on the chart: the window's name, the legend, a method that does not fit */
  if (train > 0)
    {
      double x0 = mlr_plot_x (&plot, train - 0.5), x1 = mlr_plot_x (&plot, n - 0.5);
      g_autofree char *held = g_strdup_printf (_("held out (%u)"), test);
      double tw, th;

      /* the count when it fits, else the words, else nothing */
      mlr_text_size (cr, palette, held, 1, &tw, &th);
      if (tw > x1 - x0 - 4)
        {
          g_free (held);
          held = g_strdup (_("held out"));
          mlr_text_size (cr, palette, held, 1, &tw, &th);
        }
      if (tw <= x1 - x0 - 4)
        mlr_draw_text (cr, palette, &palette->dim, held, (x0 + x1) / 2, plot.y0 + 4, 0.5, 0,
                       1);
    }
  labels[0] = _("data");
  colors[0] = palette->foreground;
  labels[1] = mlr_forecast_painter_method_name (mlr_forecast_state_get_method (state));
  colors[1] = palette->series[1];
  labels[2] = _("80% interval");
  colors[2] = mlr_color_mix (&palette->background, &palette->series[1],
                             palette->dark ? 0.45 : 0.38);
  labels[3] = _("95% interval");
  colors[3] = mlr_color_mix (&palette->background, &palette->series[1],
                             palette->dark ? 0.25 : 0.18);
  mlr_draw_legend (cr, palette, plot.x0 + 6, plot.y0 + 4, labels, colors, 4);

  if (sc->status != MLR_FORECAST_OK)
    why = status_words (state, sc->status, sc->need, train);
  else if (fstatus != MLR_FORECAST_OK)
    why = status_words (state, fstatus, fneed, n);
  if (why != NULL)
    {
      double bw = MIN (plot.w - 20, 460), bh, tw;
      mlr_text_measure (cr, palette, why, &(MlrTextStyle) { .max_width = bw - 16,
                                                            .max_lines = 3 }, &tw, &bh);
      mlr_cairo_set_color_alpha (cr, &palette->background, 0.92);
      mlr_rounded_rect_path (cr, plot.x0 + (plot.w - bw) / 2, plot.y0 + plot.h / 2 - bh / 2 - 8,
                             bw, bh + 16, 6);
      cairo_fill_preserve (cr);
      mlr_cairo_set_color (cr, &palette->warning);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      mlr_draw_text_wrapped (cr, palette, &palette->foreground, why,
                             plot.x0 + (plot.w - bw) / 2 + 8, plot.y0 + plot.h / 2 - bh / 2,
                             bw - 16, 3, 1);
    }
}

static void
draw_table (cairo_t                *cr,
            double                  x,
            double                  y,
            double                  w,
            const MlrPalette       *palette,
            const MlrForecastState *state)
{
  MlrForecastMethod chosen = mlr_forecast_state_get_method (state);
  int best = mlr_forecast_state_best_method (state);
  guint test = mlr_forecast_state_get_test (state);
  guint season = mlr_forecast_state_get_settings (state)->season;
  gboolean narrow = w < 560;
  double name_w = narrow ? 112 : 150, num_w = narrow ? 54 : 72;
  double bar_x = x + name_w + 3 * num_w + 12, bar_w = MAX (x + w - bar_x - 8, 30);
  double max_mase = 1.5;
  const char *heads[] = { _("MAE"), _("RMSE"), _("MASE") };
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;

  for (int m = 0; m < MLR_FORECAST_N_METHODS; m++)
    {
      const MlrForecastScore *sc = mlr_forecast_state_get_score (state, m);
      if (sc->status == MLR_FORECAST_OK)
        max_mase = MAX (max_mase, MIN (sc->accuracy.mase, 10));
    }
  title = mlr_forecast_state_get_rolling (state)
          ? g_strdup_printf (_("Walk-forward: %u one-step forecasts"), test)
          : g_strdup_printf (_("Held-out window: %u steps forecast from the end of training"),
                             test);
  note = g_strdup_printf (_("MASE 1 = the error of %s in the training part"),
                          season > 1 ? _("seasonal naive") : _("naive"));
  mlr_draw_text_fit (cr, palette, &palette->foreground, title, x, y + ROW_H / 2, w, 0, 0.5, 1);
  y += ROW_H * 0.8;
  mlr_draw_text_fit (cr, palette, &palette->dim, note, x, y + ROW_H / 2, w, 0, 0.5, 1);
  y += ROW_H;
  for (int c = 0; c < 3; c++)
    mlr_draw_text (cr, palette, &palette->dim, heads[c], x + name_w + (c + 1) * num_w - 6,
                   y + ROW_H / 2, 1, 0.5, 1);
  mlr_draw_text (cr, palette, &palette->dim, "1", round (bar_x + bar_w / max_mase),
                 y + ROW_H / 2, 0.5, 0.5, 1);
  y += ROW_H;

  /* MASE = 1 */
  {
    double x1 = round (bar_x + bar_w / max_mase) + 0.5;
    double dashes[] = { 3, 3 };
    cairo_save (cr);
    mlr_cairo_set_color (cr, &palette->dim);
    cairo_set_line_width (cr, 1);
    cairo_set_dash (cr, dashes, 2, 0);
    cairo_move_to (cr, x1, y);
    cairo_line_to (cr, x1, y + ROW_H * MLR_FORECAST_N_METHODS);
    cairo_stroke (cr);
    cairo_restore (cr);
  }
  for (int m = 0; m < MLR_FORECAST_N_METHODS; m++)
    {
      const MlrForecastScore *sc = mlr_forecast_state_get_score (state, m);
      double cy = y + ROW_H / 2;
      const MlrColor *ink = m == (int) chosen ? &palette->foreground : &palette->dim;

      if (m == (int) chosen)
        {
          mlr_cairo_set_color_alpha (cr, &palette->series[1], palette->dark ? 0.28 : 0.16);
          mlr_rounded_rect_path (cr, x - 4, y + 1, w + 4, ROW_H - 2, 4);
          cairo_fill (cr);
        }
      mlr_draw_text_fit (cr, palette, ink, mlr_forecast_painter_method_name (m), x, cy,
                         name_w - 6, 0, 0.5, 1);
      if (sc->status == MLR_FORECAST_OK)
        {
          const MlrForecastAccuracy *a = &sc->accuracy;
          g_autofree char *mae = format_error (a->mae);
          g_autofree char *rmse = format_error (a->rmse);
          g_autofree char *mase = g_strdup_printf ("%.2f", a->mase);
          double len = bar_w * MIN (a->mase, max_mase) / max_mase;

          mlr_draw_text (cr, palette, ink, mae, x + name_w + num_w - 6, cy, 1, 0.5, 1);
          mlr_draw_text (cr, palette, ink, rmse, x + name_w + 2 * num_w - 6, cy, 1, 0.5, 1);
          mlr_draw_text (cr, palette, ink, mase, x + name_w + 3 * num_w - 6, cy, 1, 0.5, 1);
          mlr_cairo_set_color (cr, m == best ? &palette->success
                                             : m == (int) chosen ? &palette->series[1]
                                             : &palette->dim);
          cairo_rectangle (cr, bar_x, y + 6, MAX (len, 1), ROW_H - 12);
          cairo_fill (cr);
          if (m == best)
            mlr_draw_text_fit (cr, palette, &palette->foreground, _("best"),
                               MIN (bar_x + len + 6, bar_x + bar_w - 30), cy, 40, 0, 0.5, 1);
        }
      else
        {
          g_autofree char *why = sc->status == MLR_FORECAST_NO_SEASON
                                 ? g_strdup (_("needs a season ≥ 2"))
                                 : sc->status == MLR_FORECAST_FLAT
                                 ? g_strdup (_("MASE undefined (scale 0)"))
                                 : g_strdup_printf (_("needs %u training values"), sc->need);
          mlr_draw_text_fit (cr, palette, &palette->dim, why, x + name_w, cy,
                             x + w - (x + name_w), 0, 0.5, 1);
        }
      y += ROW_H;
    }
}

/**
 * mlr_forecast_painter_draw:
 * The chart above the table, in @width × @height.
 */
void
mlr_forecast_painter_draw (cairo_t                *cr,
                           int                     width,
                           int                     height,
                           const MlrPalette       *palette,
                           const MlrForecastState *state)
{
  double th = table_height (palette);
  double chart_h = MAX (height - th - PAD, 80);

  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);
  draw_chart (cr, PAD, PAD, width - 2 * PAD, chart_h, palette, state);
  draw_table (cr, PAD + 4, PAD + chart_h + 4, width - 2 * PAD - 4, palette, state);
}
