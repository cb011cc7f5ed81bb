/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-drift-painter.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-plot.h"

#define MARGIN 16
#define HIST_BINS 40

/* "94.2%" */
char *
mlr_drift_format_percent (double share)
{
  return g_strdup_printf ("%.1f%%", 100 * share);
}

static void
sample_range (const MlrDriftState *state,
              guint                ref,
              guint                last,
              double              *lo,
              double              *hi)
{
  guint n;
  const double *a = mlr_drift_state_get_sample (state, ref, &n);
  const double *b = mlr_drift_state_get_sample (state, last, &n);

  *lo = MIN (mlr_drift_quantile (a, n, 0.002), mlr_drift_quantile (b, n, 0.002));
  *hi = MAX (mlr_drift_quantile (a, n, 0.998), mlr_drift_quantile (b, n, 0.998));
  *lo = floor (*lo - 0.25);
  *hi = ceil (*hi + 0.25);
}

static void
density (const double *x,
         guint         n,
         double        lo,
         double        hi,
         double       *dens)
{
  double width = (hi - lo) / HIST_BINS;

  for (guint b = 0; b < HIST_BINS; b++)
    dens[b] = 0;
  for (guint i = 0; i < n; i++)
    {
      int b = (int) floor ((x[i] - lo) / width);
      if (b >= 0 && b < HIST_BINS)
        dens[b] += 1.0 / (n * width);
    }
}

static void
draw_vline (cairo_t          *cr,
            const MlrPlot    *plot,
            double            x,
            const MlrColor   *color,
            gboolean          dashed)
{
  double px;

  if (x < plot->xmin || x > plot->xmax)
    return;
  px = round (mlr_plot_x (plot, x)) + 0.5;
  cairo_save (cr);
  mlr_cairo_set_color (cr, color);
  cairo_set_line_width (cr, 2);
  if (dashed)
    {
      double dash[] = { 5, 4 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_move_to (cr, px, plot->y0);
  cairo_line_to (cr, px, plot->y0 + plot->h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
hist_plot_init (MlrPlot *plot,
                double   x,
                double   y,
                double   w,
                double   h,
                double   lo,
                double   hi,
                double   top)
{
  mlr_plot_init (plot, x + 40, y, w - 48, h - 40, lo, hi, 0, top * 1.25 + 1e-9, FALSE);
}

/* Where the histograms go on a @width × @height canvas. */
static void
hist_area (int     width,
           int     height,
           double *x,
           double *y,
           double *w,
           double *h)
{
  *x = MARGIN;
  *y = 40;
  if (width < 640)
    {
      *w = width - 2 * MARGIN;
      *h = MAX (180, (height - *y) * 0.42);
    }
  else
    {
      *w = (width - 2 * MARGIN) * 0.55;
      *h = height - *y - MARGIN;
    }
}

/**
 * mlr_drift_painter_hist_plot:
 * The histogram's data-to-pixel transform as the picture draws it (its x axis is the
 * feature), so a pointer can be read in the feature's units. Returns FALSE when the canvas
 * is too small to show it.
 */
gboolean
mlr_drift_painter_hist_plot (int                  width,
                             int                  height,
                             const MlrDriftState *state,
                             MlrPlot             *plot)
{
  double x, y, w, h, lo, hi;

  hist_area (width, height, &x, &y, &w, &h);
  if (w < 60 || h < 60)
    return FALSE;
  sample_range (state, mlr_drift_state_get_retrain (state), mlr_drift_state_get_weeks (state),
                &lo, &hi);
  hist_plot_init (plot, x, y, w, h, lo, hi, 1);
  return TRUE;
}

/* The reference's histogram (filled) against the last week's (outlined). */
static void
draw_histograms (cairo_t             *cr,
                 const MlrPalette    *palette,
                 const MlrDriftState *state,
                 double               x,
                 double               y,
                 double               w,
                 double               h)
{
  guint weeks = mlr_drift_state_get_weeks (state);
  guint retrain = mlr_drift_state_get_retrain (state);
  const MlrDriftWeek *last = mlr_drift_state_get_week (state, weeks);
  double ref_d[HIST_BINS], cur_d[HIST_BINS], lo, hi, top = 0, bw;
  const double *xr, *xc;
  guint n;
  MlrPlot plot;
  /* Okabe-Ito blue, or its sky blue where the blue is too dark to read */
  MlrColor ref_color = palette->classes[palette->dark ? 4 : 0];
  MlrColor cur_color = palette->classes[1];
  g_autofree char *ref_label = retrain > 0 ? g_strdup_printf (_("reference (week %u)"), retrain)
                                           : g_strdup (_("reference (week 0)"));
  g_autofree char *cur_label = g_strdup_printf (_("week %u"), weeks);
  g_autofree char *model = g_strdup_printf (_("model: 1 when x > %.2f"), last->threshold);
  g_autofree char *truth = g_strdup_printf (_("true boundary %.2f (dashed)"), last->boundary);
  const char *labels[4];
  MlrColor colors[4];

  sample_range (state, retrain, weeks, &lo, &hi);
  xr = mlr_drift_state_get_sample (state, retrain, &n);
  density (xr, n, lo, hi, ref_d);
  xc = mlr_drift_state_get_sample (state, weeks, &n);
  density (xc, n, lo, hi, cur_d);
  for (guint b = 0; b < HIST_BINS; b++)
    top = MAX (top, MAX (ref_d[b], cur_d[b]));
  hist_plot_init (&plot, x, y, w, h, lo, hi, top);
  mlr_plot_draw_axes (cr, &plot, palette, _("feature x"), _("density"), FALSE);
  bw = (hi - lo) / HIST_BINS;

  cairo_save (cr);
  mlr_plot_clip (cr, &plot);
  for (guint b = 0; b < HIST_BINS; b++)
    {
      double x0 = mlr_plot_x (&plot, lo + b * bw), x1 = mlr_plot_x (&plot, lo + (b + 1) * bw);
      double y0 = mlr_plot_y (&plot, ref_d[b]), yb = mlr_plot_y (&plot, 0);
      cairo_rectangle (cr, x0, y0, x1 - x0, yb - y0);
    }
  mlr_cairo_set_color_alpha (cr, &ref_color, 0.4);
  cairo_fill (cr);
  /* the week as a step outline */
  cairo_move_to (cr, mlr_plot_x (&plot, lo), mlr_plot_y (&plot, 0));
  for (guint b = 0; b < HIST_BINS; b++)
    {
      cairo_line_to (cr, mlr_plot_x (&plot, lo + b * bw), mlr_plot_y (&plot, cur_d[b]));
      cairo_line_to (cr, mlr_plot_x (&plot, lo + (b + 1) * bw), mlr_plot_y (&plot, cur_d[b]));
    }
  cairo_line_to (cr, mlr_plot_x (&plot, hi), mlr_plot_y (&plot, 0));
  mlr_cairo_set_color (cr, &cur_color);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  draw_vline (cr, &plot, last->threshold, &palette->foreground, FALSE);
  draw_vline (cr, &plot, last->boundary, &palette->dim, TRUE);

  labels[0] = ref_label;
  labels[1] = cur_label;
  labels[2] = model;
  labels[3] = truth;
  colors[0] = ref_color;
  colors[1] = cur_color;
  colors[2] = palette->foreground;
  colors[3] = palette->dim;
  mlr_draw_legend (cr, palette, plot.x0 + 8, plot.y0 + 6, labels, colors, 4);
}

typedef enum { CHART_PSI, CHART_KS, CHART_ACCURACY } Chart;

static double
chart_value (const MlrDriftWeek *wk,
             Chart               chart)
{
  return chart == CHART_PSI ? wk->psi : chart == CHART_KS ? wk->ks_statistic : wk->accuracy;
}

/* One metric over the weeks: a line, the alarm threshold dashed, alarmed weeks as squares
 * in the error colour (others as dots). */
static void
draw_chart (cairo_t             *cr,
            const MlrPalette    *palette,
            const MlrDriftState *state,
            Chart                chart,
            double               x,
            double               y,
            double               w,
            double               h)
{
  static const char * const titles[] = { N_("PSI"), N_("KS statistic"), N_("accuracy") };
  static const MlrDriftAlarm alarms[] = {
    MLR_DRIFT_ALARM_PSI, MLR_DRIFT_ALARM_KS, MLR_DRIFT_ALARM_ACCURACY,
  };
  guint weeks = mlr_drift_state_get_weeks (state);
  guint retrain = mlr_drift_state_get_retrain (state);
  double alarm = mlr_drift_state_get_alarm (state, alarms[chart]);
  double ymin = 0, ymax = 0;
  MlrPlot plot;
  MlrColor line = palette->accent;
  double dash[] = { 5, 4 };

  for (guint wk = 0; wk <= weeks; wk++)
    ymax = MAX (ymax, chart_value (mlr_drift_state_get_week (state, wk), chart));
  if (chart == CHART_ACCURACY)
    {
      ymin = 0.5;
      ymax = 1;
      for (guint wk = 0; wk <= weeks; wk++)
        ymin = MIN (ymin, chart_value (mlr_drift_state_get_week (state, wk), chart));
      ymin = floor (ymin * 10) / 10;
    }
  else
    ymax = MAX (ymax, alarm) * 1.15;
  mlr_plot_init (&plot, x + 44, y + 18, w - 52, h - 40, 0, weeks, ymin, ymax, FALSE);
  mlr_plot_draw_axes (cr, &plot, palette, chart == CHART_ACCURACY ? _("week") : NULL, NULL,
                      TRUE);
  mlr_draw_text (cr, palette, &palette->foreground, _(titles[chart]), plot.x0, y, 0, 0, 1);

  cairo_save (cr);
  /* the alarm line */
  mlr_cairo_set_color (cr, &palette->error);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, plot.x0, mlr_plot_y (&plot, alarm));
  cairo_line_to (cr, plot.x0 + plot.w, mlr_plot_y (&plot, alarm));
  cairo_stroke (cr);
  if (retrain > 0)
    {
      mlr_cairo_set_color (cr, &palette->success);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, mlr_plot_x (&plot, retrain), plot.y0);
      cairo_line_to (cr, mlr_plot_x (&plot, retrain), plot.y0 + plot.h);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  mlr_cairo_set_color (cr, &line);
  cairo_set_line_width (cr, 2);
  for (guint wk = 0; wk <= weeks; wk++)
    {
      double px = mlr_plot_x (&plot, wk);
      double py = mlr_plot_y (&plot, chart_value (mlr_drift_state_get_week (state, wk), chart));
      if (wk == 0 || wk == retrain)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
  for (guint wk = 0; wk <= weeks; wk++)
    {
      const MlrDriftWeek *week = mlr_drift_state_get_week (state, wk);
      double px = mlr_plot_x (&plot, wk), py = mlr_plot_y (&plot, chart_value (week, chart));
      if (week->alarms & alarms[chart])
        {
          mlr_cairo_set_color (cr, &palette->error);
          cairo_rectangle (cr, px - 4.5, py - 4.5, 9, 9);
        }
      else
        {
          mlr_cairo_set_color (cr, &line);
          cairo_arc (cr, px, py, 3, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/**
 * mlr_drift_painter_draw:
 * Paints the demo: the title with the last week's numbers, the histograms and the three
 * charts over the weeks.
 */
void
mlr_drift_painter_draw (cairo_t             *cr,
                        int                  width,
                        int                  height,
                        const MlrPalette    *palette,
                        const MlrDriftState *state)
{
  guint weeks = mlr_drift_state_get_weeks (state);
  const MlrDriftWeek *last = mlr_drift_state_get_week (state, weeks);
  g_autofree char *acc = mlr_drift_format_percent (last->accuracy);
  g_autofree char *title = g_strdup_printf (_("Week %u against the reference: PSI %.3f, KS "
                                              "%.3f, accuracy %s"), weeks, last->psi,
                                            last->ks_statistic, acc);
  gboolean stacked = width < 640;
  double top = 40, chart_h, hx, hy, hw, hh;

  mlr_draw_text (cr, palette, &palette->foreground, title, MARGIN, 8, 0, 0, 1.05);
  if (last->alarms != 0)
    {
      double tw, th;
      mlr_text_size (cr, palette, title, 1.05, &tw, &th);
      if (MARGIN + tw + 100 < width)
        mlr_draw_text (cr, palette, &palette->error, _("▲ alarm"), MARGIN + tw + 12, 8, 0, 0,
                       1.05);
    }
  if (stacked)
    {
      hist_area (width, height, &hx, &hy, &hw, &hh);
      draw_histograms (cr, palette, state, hx, hy, hw, hh);
      chart_h = (height - top - hh - MARGIN - 16) / 3;
      for (Chart c = CHART_PSI; c <= CHART_ACCURACY; c++)
        draw_chart (cr, palette, state, c, MARGIN, top + hh + 8 + c * chart_h,
                    width - 2 * MARGIN, chart_h);
    }
  else
    {
      double left_w;
      hist_area (width, height, &hx, &hy, &hw, &hh);
      left_w = hw;
      draw_histograms (cr, palette, state, hx, hy, hw, hh);
      chart_h = (height - top - MARGIN - 16) / 3;
      for (Chart c = CHART_PSI; c <= CHART_ACCURACY; c++)
        draw_chart (cr, palette, state, c, MARGIN + left_w + 12, top + c * chart_h,
                    width - 2 * MARGIN - left_w - 12, chart_h);
    }
}
