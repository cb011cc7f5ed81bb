/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent painter's entry points: the cache, the layout, and the frame, which
 * paints the surface (mlr-gd-painter-surface.c), the paths and marks over it
 * (mlr-gd-painter-marks.c), and the legend, title and loss chart (mlr-gd-painter-panel.c).
 */
#include "config.h"

#include "mlr-gd-painter.h"
#include "mlr-gd-painter-private.h"

#include <math.h>
#include <string.h>

/* Loss chart: never more than this many decades below its top, where double rounding of
 * f − f* is all that is left to see. */
#define CHART_DECADES 18

/**
 * mlr_gd_painter_cache_new:
 * An empty heatmap cache; the widget keeps one per demo so frames reuse the heatmap.
 */
MlrGdPainterCache *
mlr_gd_painter_cache_new (void)
{
  MlrGdPainterCache *cache = g_new0 (MlrGdPainterCache, 1);

  cache->heatmap = mlr_heatmap_new ();
  cache->light = mlr_contour_new ();
  cache->dark = mlr_contour_new ();
  cache->path_lines = mlr_gd_lines_new ();
  cache->chart_lines = mlr_gd_lines_new ();
  cache->text = mlr_text_cache_new ();
  return cache;
}

void
mlr_gd_painter_cache_free (MlrGdPainterCache *cache)
{
  if (cache == NULL)
    return;
  mlr_heatmap_free (cache->heatmap);
  mlr_contour_free (cache->light);
  mlr_contour_free (cache->dark);
  mlr_gd_lines_free (cache->path_lines);
  mlr_gd_lines_free (cache->chart_lines);
  mlr_text_cache_free (cache->text);
  g_free (cache->values);
  g_free (cache->t);
  g_free (cache);
}

/* How many times the heatmap was rebuilt (tests and the benchmark check it stays put). */
guint
mlr_gd_painter_cache_get_builds (const MlrGdPainterCache *cache)
{
  return cache->builds;
}

/**
 * mlr_gd_heat_t:
 * Where value @f sits on the colour scale when @lo and @hi are the lowest and highest values
 * in view: log(1 + f − lo) / log(1 + hi − lo), in [0, 1]. The logarithm spreads the low
 * values (where the minima and the interesting paths are) over most of the colours.
 */
double
mlr_gd_heat_t (double f,
               double lo,
               double hi)
{
  return mlr_heat_t (MLR_HEAT_LOG, f, lo, hi);
}

/* ---------------------------------------------------------------- layout */

/* The loss chart's vertical range: what the runs that have not diverged went through, and
 * every run's start. A diverging run's rise would squash everything else into one line, so
 * it leaves the chart through the top instead, and a cross marks where it stopped. */
static void
chart_y_range (const MlrGdState *state,
               double            height,
               gboolean         *log_y,
               double           *lo,
               double           *hi)
{
  double ref = 0, vmin = INFINITY, vmax = -INFINITY;
  guint n_runs = mlr_gd_state_get_n_runs (state), n_diverged = 0;

  *log_y = mlr_gd_state_get_loss_reference (state, &ref);
  for (guint i = 0; i < n_runs; i++)
    n_diverged += mlr_descent_is_diverged (mlr_gd_state_get_run (state, i), NULL);
  for (guint i = 0; i < n_runs; i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      gboolean all = n_diverged == n_runs || !mlr_descent_is_diverged (run, NULL);
      guint n;
      const double *losses = mlr_descent_get_losses (run, &n);

      for (guint k = 0; k < (all ? n : MIN (n, 1)); k++)
        {
          double v = losses[k] - (*log_y ? ref : 0);
          if (*log_y && !(v > 0))
            continue;
          vmin = MIN (vmin, v);
          vmax = MAX (vmax, v);
        }
    }

  if (*log_y)
    {
      double top, bottom;

      if (!isfinite (vmin) || !isfinite (vmax))
        {
          vmin = 1e-3;
          vmax = 1;
        }
      top = ceil (log10 (vmax));
      bottom = floor (log10 (vmin));
      if (top - bottom < 1)
        top = bottom + 1;
      bottom = MAX (bottom, top - CHART_DECADES);
      /* mlr_plot_draw_axes labels every k-th decade from the bottom; reach down a little
       * further when that makes the labels land on the top decade too. */
      for (int extra = 0; extra < 6; extra++)
        {
          int n = (int) (top - bottom) + extra;
          int every = MAX (1, (n + 1) / MAX (2, (int) (height / 40)));
          if (n % every == 0)
            {
              bottom -= extra;
              break;
            }
        }
      *lo = pow (10, bottom);
      *hi = pow (10, top);
    }
  else
    {
      double pad;

      if (!isfinite (vmin) || !isfinite (vmax))
        vmin = -1, vmax = 1;
      pad = MAX ((vmax - vmin) * 0.06, 1e-9);
      *lo = vmin - pad;
      *hi = vmax + pad;
    }
}

/**
 * mlr_gd_painter_layout:
 * Splits a @width x @height canvas into the title strip, the main plot (with its data
 * range: the state's view, widened to equal aspect in 2-D), the colour bar and the loss
 * chart, which goes below the main plot, or beside it on wide canvases.
 */
void
mlr_gd_painter_layout (int               width,
                       int               height,
                       const MlrPalette *palette,
                       const MlrGdState *state,
                       MlrGdLayout      *layout)
{
  const MlrViewRect *view = mlr_gd_state_get_view (state);
  gboolean two_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_2D;
  double fs = palette->font_size > 0 ? palette->font_size : 12;
  double left = round (fs * 4.6), bottom = round (fs * 3.3);
  double right = two_d ? round (fs * 6.2) : 14;
  double chart_title = round (fs * 1.6), chart_bottom = round (fs * 3.0);
  double top, main_w, main_h, chart_x, chart_y, chart_w, chart_h;
  double clo, chi;
  gboolean log_y;

  memset (layout, 0, sizeof *layout);
  layout->header_h = round (fs * 2.2);
  top = layout->header_h;
  layout->chart_beside = width >= 1000 && width >= 1.5 * height;

  if (layout->chart_beside)
    {
      double block = CLAMP (round (width * 0.32), 280, 460);

      main_w = width - block - left - right;
      main_h = height - top - bottom;
      chart_x = width - block + left;
      chart_w = block - left - 16;
      chart_y = top + chart_title;
      chart_h = CLAMP (round ((height - top) * 0.5), 120, 340);
    }
  else
    {
      double block = CLAMP (round (height * 0.28), 110, 230);

      if (height < 300)
        block = 0;
      main_w = width - left - right;
      main_h = height - top - bottom - block;
      /* Narrow: a legend over the plot would hide much of it; it goes under the x axis,
       * one row per optimizer and one for the markers, when the canvas has the height for
       * it (the demo asks for that much more; a small export keeps it over the plot). */
      double legend_h = round (fs * 1.55 * (mlr_gd_state_get_n_runs (state) + 1)) + 10;

      if (width < 560 && main_h - legend_h >= 120)
        {
          layout->legend_below = TRUE;
          main_h -= legend_h;
          layout->legend_x = left;
          layout->legend_y = top + MAX (main_h, 16) + bottom - round (fs * 0.6);
        }
      chart_x = left;
      chart_w = main_w;
      chart_y = height - block + chart_title;
      chart_h = block - chart_title - chart_bottom;
    }

  mlr_plot_init (&layout->main, left, top, MAX (main_w, 16), MAX (main_h, 16),
                 view->x_min, view->x_max, view->y_min, view->y_max, two_d);

  chart_y_range (state, MAX (chart_h, 0), &log_y, &clo, &chi);
  mlr_plot_init (&layout->chart, chart_x, chart_y, MAX (chart_w, 0), MAX (chart_h, 0),
                 0, MAX (mlr_gd_state_get_max_steps (state), 1), clo, chi, FALSE);
  layout->chart.log_y = log_y;
  if (chart_h < 24 || chart_w < 40)
    layout->chart.w = layout->chart.h = 0;

  if (two_d)
    {
      layout->bar_x = left + layout->main.w + round (fs * 1.2);
      layout->bar_y = top + round (fs * 1.4);
      layout->bar_w = round (fs);
      layout->bar_h = MAX (layout->main.h - round (fs * 2.8), 16);
    }
}

/* ---------------------------------------------------------------- colours */

/**
 * mlr_gd_painter_run_color:
 * The colour optimizer @kind is drawn in for @mode: its series colour (chosen to stand out on
 * viridis) in 2-D; in 1-D, where everything sits on the page background, a colour too close
 * to the background (white on a light page) is pulled towards the text colour.
 */
MlrColor
mlr_gd_painter_run_color (const MlrPalette *palette,
                          MlrGdMode         mode,
                          MlrOptimizerKind  kind)
{
  MlrColor c = palette->series[(guint) kind % MLR_PALETTE_N_SERIES];
  MlrColor fg = palette->foreground;

  /* In 1-D the runs sit on the page background and on the curve (drawn dim): a colour too
   * close to the background moves towards the foreground, and one that ends as grey as the
   * curve takes the foreground colour itself. */
  fg.a = 1;
  if (mode == MLR_GD_MODE_1D &&
      fabs (mlr_color_luminance (&c) - mlr_color_luminance (&palette->background)) < 0.3)
    c = mlr_color_mix (&c, &fg, 0.6);
  if (mode == MLR_GD_MODE_1D &&
      fabs (mlr_color_luminance (&c) - mlr_color_luminance (&palette->dim)) < 0.12 &&
      MAX (c.r, MAX (c.g, c.b)) - MIN (c.r, MIN (c.g, c.b)) < 0.2)  /* a grey */
    c = fg;
  return c;
}

const MlrColor *
mlr_gd_run_color_for (const MlrPalette *palette,
                      const MlrGdState *state,
                      MlrOptimizerKind  kind,
                      MlrColor         *buf)
{
  *buf = mlr_gd_painter_run_color (palette, mlr_gd_state_get_mode (state), kind);
  return buf;
}

/* ---------------------------------------------------------------- entry points */

/* The part of the main plot the 2-D paths and their marks can reach: their points' box
 * (where inside the plot), widened by the end marker's casing. */
static MlrGdRect
paths_box (const MlrPlot    *plot,
           const MlrGdState *state)
{
  MlrGdRect r = mlr_gd_plot_rect (plot, 0);
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  const double pad = 10;

  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      guint n;
      const MlrVec2 *path = mlr_descent_get_path (mlr_gd_state_get_run (state, i), &n);

      for (guint k = 0; k < n; k++)
        {
          double x = mlr_plot_x (plot, path[k].x), y = mlr_plot_y (plot, path[k].y);

          /* a segment from outside the plot can cross all of it */
          if (!(x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1))
            return r;
          x0 = MIN (x0, x);
          x1 = MAX (x1, x);
          y0 = MIN (y0, y);
          y1 = MAX (y1, y);
        }
    }
  if (!(x1 >= x0))
    return (MlrGdRect) { r.x0, r.y0, r.x0 + 1, r.y0 + 1 };
  return (MlrGdRect) { MAX (x0 - pad, r.x0), MAX (y0 - pad, r.y0), MIN (x1 + pad, r.x1),
                       MIN (y1 + pad, r.y1) };
}

/**
 * mlr_gd_painter_draw:
 * Paints @state into a @width x @height area of @cr (see the header). @options may be
 * %NULL (unfocused, scale 1). @cache keeps the heatmap between frames; %NULL builds a
 * throwaway one (the CLI, tests).
 */
void
mlr_gd_painter_draw (cairo_t                   *cr,
                     int                        width,
                     int                        height,
                     const MlrPalette          *palette,
                     const MlrGdState          *state,
                     const MlrGdPainterOptions *options,
                     MlrGdPainterCache         *cache)
{
  static const MlrGdPainterOptions defaults = { FALSE, FALSE, 1, FALSE, FALSE };
  g_autoptr(MlrGdPainterCache) own = NULL;
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  MlrGdLayout layout;
  MlrGdLegend legend;
  const MlrPlot *plot;
  guint max_n = 1;
  g_autofree double *px = NULL;
  g_autofree double *py = NULL;
  MlrVec2 start = mlr_gd_state_get_start (state);
  gboolean raster = FALSE;

  if (width <= 0 || height <= 0)
    return;
  if (options == NULL)
    options = &defaults;
  mlr_gd_painter_layout (width, height, palette, state, &layout);
  plot = &layout.main;

  if (cache == NULL)
    cache = own = mlr_gd_painter_cache_new ();
  else
    mlr_text_cache_attach (cache->text, cr);  /* frames share their words' layouts */
  cairo_save (cr);
  if (!one_d)
    {
      mlr_gd_cache_update (cache, mlr_gd_state_get_surface (state), plot,
                           options->scale > 0 ? options->scale : 1,
                           options->view_moving && !mlr_cairo_target_is_vector (cr),
                           options->defer_rebuild && !mlr_cairo_target_is_vector (cr));
      mlr_gd_paint_heatmap (cr, cache, plot);
    }
  else
    mlr_plot_draw_axes (cr, plot, palette, NULL, NULL, TRUE);

  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      guint n;
      mlr_descent_get_path (mlr_gd_state_get_run (state, i), &n);
      max_n = MAX (max_n, n);
    }
  px = g_new (double, max_n);
  py = g_new (double, max_n);

  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  if (one_d)
    {
      mlr_gd_draw_curve (cr, palette, plot, state);
      start.y = mlr_curve_eval (mlr_gd_state_get_curve (state), start.x, NULL);
    }
  else
    mlr_gd_draw_surface_markers (cr, plot, state);
  /* Later optimizers on top; the start ring above all paths, where a drag picks it up. In
   * 2-D the paths are rasterised into one image of the box around them
   * (mlr-gd-painter-lines.c), which costs a fraction of cairo's strokes of crossing paths. */
  if (!one_d)
    raster = mlr_gd_lines_begin (cache->path_lines, cr, paths_box (plot, state),
                                 options->scale > 0 ? options->scale : 1);
  for (guint i = mlr_gd_state_get_n_runs (state); i-- > 0;)
    mlr_gd_draw_run (cr, raster ? cache->path_lines : NULL, palette, plot, state, i, px, py);
  if (raster)
    mlr_gd_lines_end (cache->path_lines, cr);
  mlr_gd_legend_prepare (cr, palette, &layout, state, &legend);
  if (one_d)
    mlr_gd_draw_tangent (cr, palette, plot, state, legend.box);
  mlr_gd_draw_start (cr, palette, options, mlr_plot_x (plot, start.x), mlr_plot_y (plot, start.y));
  cairo_restore (cr);

  if (one_d)
    {
      /* A handle on the x axis: in 1-D the start moves along x only. */
      double hx = mlr_plot_x (plot, start.x), hy = plot->y0 + plot->h;
      if (hx >= plot->x0 && hx <= plot->x0 + plot->w)
        {
          cairo_move_to (cr, hx, hy - 9);
          cairo_line_to (cr, hx + 6, hy);
          cairo_line_to (cr, hx - 6, hy);
          cairo_close_path (cr);
          mlr_cairo_set_color (cr, options->focused ? &palette->accent : &palette->foreground);
          cairo_fill (cr);
        }
      /* axes were drawn under the curve; their names go on top */
      mlr_plot_draw_axis_names (cr, plot, palette, "x", "f(x)");
    }
  else
    {
      mlr_plot_draw_axes (cr, plot, palette, "x", "y", FALSE);
      mlr_gd_draw_colorbar (cr, palette, &layout, cache);
    }

  mlr_gd_legend_draw (cr, palette, &legend);
  mlr_gd_draw_header (cr, palette, &layout, state, width);
  mlr_gd_draw_chart (cr, palette, &layout, state, cache->chart_lines,
                     options->scale > 0 ? options->scale : 1);
  cairo_restore (cr);
  mlr_text_cache_detach (cr);
}

/**
 * mlr_gd_render:
 * The #MlrRenderFunc of "gradient-descent": the demo for @params after its `steps` steps,
 * as the app shows it when it opens.
 */
gboolean
mlr_gd_render (cairo_t           *cr,
               int                width,
               int                height,
               const MlrPalette  *palette,
               const MlrParams   *params,
               GError           **error)
{
  g_autoptr(MlrGdState) state = mlr_gd_state_new (params, error);

  if (state == NULL)
    return FALSE;
  mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
  mlr_gd_painter_draw (cr, width, height, palette, state, NULL, NULL);
  return TRUE;
}
