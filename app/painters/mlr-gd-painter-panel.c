/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent painter's words and chart: the legend (placed in the corner of the
 * plot where it hides least), the title strip, and the loss per step.
 */
#include "config.h"

#include "mlr-gd-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

static const MlrColor white = { 1, 1, 1, 1 };

/* Counts what a legend box at (x, y, w, h) would hide, to choose its corner. */
static guint
legend_conflicts (const MlrGdState *state,
                  const MlrPlot    *plot,
                  MlrGdRect         box)
{
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  MlrCurveId curve = mlr_gd_state_get_curve (state);
  MlrVec2 start = mlr_gd_state_get_start (state);
  guint hits = 0;

  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      guint n;
      const MlrVec2 *path = mlr_descent_get_path (mlr_gd_state_get_run (state, i), &n);
      guint stride = MAX (n / 200, 1);

      for (guint k = 0; k < n; k += stride)
        {
          double y = one_d ? mlr_curve_eval (curve, path[k].x, NULL) : path[k].y;
          if (mlr_gd_inside (box, mlr_plot_x (plot, path[k].x), mlr_plot_y (plot, y)))
            hits += k == 0 || k + stride >= n ? 20 : 1;
        }
    }
  if (one_d)
    {
      for (int k = 0; k <= 64; k++)
        {
          double x = plot->xmin + k * (plot->xmax - plot->xmin) / 64;
          double y = mlr_curve_eval (curve, x, NULL);
          if (mlr_gd_inside (box, mlr_plot_x (plot, x), mlr_plot_y (plot, y)))
            hits += 3;
        }
      start.y = mlr_curve_eval (curve, start.x, NULL);
    }
  else
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (mlr_gd_state_get_surface (state));
      for (guint i = 0; i < info->n_minima; i++)
        if (mlr_gd_inside (box, mlr_plot_x (plot, info->minima[i].x),
                           mlr_plot_y (plot, info->minima[i].y)))
          hits += 20;
    }
  if (mlr_gd_inside (box, mlr_plot_x (plot, start.x), mlr_plot_y (plot, start.y)))
    hits += 40;
  return hits;
}

/* The legend's last row: the markers of the plot, drawn with the same marks, and their
 * names. */
static void
legend_keys (cairo_t             *cr,
             const MlrPalette    *palette,
             const MlrLegendItem *item,
             double               x,
             double               cy,
             double               width,
             double               height)
{
  const MlrGdLegend *legend = item->user_data;
  gboolean one_d = mlr_gd_state_get_mode (legend->state) == MLR_GD_MODE_1D;
  MlrColor outline = { 0, 0, 0, 0.85 };
  MlrGdPainterOptions plain = { 0 };
  double cx = x + 14, tw, th;

  /* the marks are stroked with the joins of the run lines above them */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (one_d)
    {
      MlrColor fg = palette->foreground, bg = palette->background;
      fg.a = bg.a = 1;
      mlr_gd_draw_star (cr, cx, cy, 6, &fg, &bg);
      mlr_text_size (cr, palette, _("global min"), 0.8, &tw, &th);
      mlr_draw_text (cr, palette, &palette->dim, _("global min"), cx + 10, cy, 0, 0.5, 0.8);
      cx += tw + 28;
      if (legend->local_minima)
        {
          mlr_gd_draw_star (cr, cx, cy, 5.5, &bg, &palette->foreground);
          mlr_text_size (cr, palette, _("local min"), 0.8, &tw, &th);
          mlr_draw_text (cr, palette, &palette->dim, _("local min"), cx + 10, cy, 0, 0.5, 0.8);
          cx += tw + 28;
        }
    }
  else
    {
      const char *what = _("minimum");
      if (mlr_surface_get_info (mlr_gd_state_get_surface (legend->state))->n_saddles > 0)
        {
          mlr_gd_draw_diamond (cr, cx, cy, 5);
          what = _("saddle point");
        }
      else
        mlr_gd_draw_star (cr, cx, cy, 6, &white, &outline);
      mlr_text_size (cr, palette, what, 0.8, &tw, &th);
      mlr_draw_text (cr, palette, &palette->dim, what, cx + 10, cy, 0, 0.5, 0.8);
      cx += tw + 28;
    }
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, 0.7, 0.7);
  mlr_gd_draw_start (cr, palette, &plain, 0, 0);
  cairo_restore (cr);
  mlr_draw_text (cr, palette, &palette->dim, _("start"), cx + 10, cy, 0, 0.5, 0.8);
}

/* Measures the legend and picks the corner of the main plot where it hides least. */
void
mlr_gd_legend_prepare (cairo_t           *cr,
                       const MlrPalette  *palette,
                       const MlrGdLayout *layout,
                       const MlrGdState  *state,
                       MlrGdLegend       *legend)
{
  const MlrPlot *plot = &layout->main;
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  double keys_w, w, h, th;
  g_autofree char *keys_text = NULL;
  guint best = G_MAXUINT;
  MlrGdRect candidates[5];

  memset (legend, 0, sizeof *legend);
  legend->state = state;
  legend->n = mlr_gd_state_get_n_runs (state);
  mlr_legend_style_init (&legend->style, palette);
  for (guint i = 0; i < legend->n; i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      MlrGdLegendRow *row = &legend->rows[i];
      guint at;

      row->name = g_strdup (mlr_gd_optimizer_title (mlr_gd_state_get_run_kind (state, i)));
      row->color = mlr_gd_painter_run_color (palette, mlr_gd_state_get_mode (state),
                                             mlr_gd_state_get_run_kind (state, i));
      row->diverged = mlr_descent_is_diverged (run, &at);
      if (row->diverged)
        row->status = g_strdup_printf (_("diverged at step %u"), at);
      else if (one_d)
        {
          g_autofree char *xs = mlr_gd_format_coordinate (mlr_descent_get_position (run).x);
          g_autofree char *fs = mlr_gd_format_coordinate (mlr_descent_get_loss (run));
          /* Translators: where a run is on the curve, x and the loss f; each %s%s is "= "
           * (or nothing when the number starts with "≈") followed by the number */
          row->status = g_strdup_printf (_("x %s%s   f %s%s"),
                                         g_str_has_prefix (xs, "≈") ? "" : "= ", xs,
                                         g_str_has_prefix (fs, "≈") ? "" : "= ", fs);
        }
      else
        {
          g_autofree char *loss = mlr_gd_format_number (mlr_descent_get_loss (run));
          row->status = g_strdup_printf (_("loss %s"), loss);
        }
      legend->items[i] = (MlrLegendItem) {
        MLR_LEGEND_CASED_LINE, row->color, 2.5, row->name, row->status,
        row->diverged ? &palette->error : &palette->dim,
      };
    }
  if (one_d)
    {
      const MlrCurveInfo *info = mlr_curve_get_info (mlr_gd_state_get_curve (state));
      for (guint i = 0; i < info->n_minima; i++)
        legend->local_minima |= !info->minima[i].global;
      keys_text = legend->local_minima
                    ? g_strdup_printf ("%s     %s     %s", _("global min"), _("local min"),
                                       _("start"))
                    : g_strdup_printf ("%s     %s", _("global min"), _("start"));
    }
  else if (mlr_surface_get_info (mlr_gd_state_get_surface (state))->n_saddles > 0)
    keys_text = g_strdup_printf ("%s     %s", _("saddle point"), _("start"));
  else
    keys_text = g_strdup_printf ("%s     %s", _("minimum"), _("start"));
  mlr_text_size (cr, palette, keys_text, 0.8, &keys_w, &th);
  legend->items[legend->n] = (MlrLegendItem) {
    MLR_LEGEND_CUSTOM, .draw = legend_keys, .user_data = legend, .row_width = keys_w + 72,
  };
  mlr_legend_measure (cr, palette, &legend->style, legend->items, legend->n + 1, &w, &h);
  if (layout->legend_below)
    {
      legend->box = (MlrGdRect) { layout->legend_x, layout->legend_y, layout->legend_x + w,
                                  layout->legend_y + h };
      return;
    }

  {
    double x0 = plot->x0 + 8, x1 = plot->x0 + plot->w - w - 8;
    double y0 = plot->y0 + 8, y1 = plot->y0 + plot->h - h - 8;
    double xc = plot->x0 + (plot->w - w) / 2;
    /* In order of preference: the top right in 2-D; in 1-D the top middle, above the
     * minimum, where a curve with a minimum in view has the most room. */
    candidates[one_d ? 1 : 0] = (MlrGdRect) { x1, y0, x1 + w, y0 + h };
    candidates[2] = (MlrGdRect) { x0, y0, x0 + w, y0 + h };
    candidates[3] = (MlrGdRect) { x1, y1, x1 + w, y1 + h };
    candidates[4] = (MlrGdRect) { x0, y1, x0 + w, y1 + h };
    candidates[one_d ? 0 : 1] = (MlrGdRect) { xc, y0, xc + w, y0 + h };
  }
  legend->box = candidates[0];
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint hits = legend_conflicts (state, plot, candidates[c]);
      if (hits < best)
        {
          best = hits;
          legend->box = candidates[c];
        }
    }
}

/* Draws the legend mlr_gd_legend_prepare() placed, and frees its texts. */
void
mlr_gd_legend_draw (cairo_t          *cr,
                    const MlrPalette *palette,
                    MlrGdLegend      *legend)
{
  mlr_legend_draw (cr, palette, &legend->style, legend->items, legend->n + 1, legend->box.x0,
                   legend->box.y0, legend->box.x1 - legend->box.x0);
  for (guint i = 0; i < legend->n; i++)
    {
      g_clear_pointer (&legend->rows[i].name, g_free);
      g_clear_pointer (&legend->rows[i].status, g_free);
    }
}

void
mlr_gd_draw_header (cairo_t           *cr,
                    const MlrPalette  *palette,
                    const MlrGdLayout *layout,
                    const MlrGdState  *state,
                    int                width)
{
  g_autofree char *lr = mlr_gd_format_number (mlr_gd_state_get_lr (state));
  /* Translators: the learning rate, then the step the runs are at and how many they take */
  g_autofree char *right = g_strdup_printf (_("η = %s   step %u / %u"), lr,
                                            mlr_gd_state_get_step (state),
                                            mlr_gd_state_get_max_steps (state));
  const char *title = mlr_gd_state_get_title (state);
  const char *formula = mlr_gd_state_get_formula (state);
  double cy = layout->header_h / 2, left = layout->main.x0;
  double rw, rh, tw, th, fw, fh;

  mlr_text_size (cr, palette, right, 0.95, &rw, &rh);
  mlr_text_size (cr, palette, title, 1.05, &tw, &th);
  mlr_text_size (cr, palette, formula, 0.95, &fw, &fh);
  mlr_draw_text (cr, palette, &palette->foreground, title, left, cy, 0, 0.5, 1.05);
  if (left + tw + 16 + fw + 24 + rw < width - 16)
    mlr_draw_text (cr, palette, &palette->dim, formula, left + tw + 16, cy, 0, 0.5, 0.95);
  mlr_draw_text (cr, palette, &palette->dim, right, width - 16, cy, 1, 0.5, 0.95);
}

/* mlr_plot_y() on @chart's log axis (the same arithmetic, so the same pixels) with the
 * logarithms of the axis's ends taken once, not for every point. */
typedef struct {
  double lo, span;
} LogAxis;

static LogAxis
log_axis (const MlrPlot *chart)
{
  double lo = log10 (MAX (chart->ymin, 1e-300));
  double hi = log10 (MAX (chart->ymax, 1e-300));

  return (LogAxis) { lo, MAX (hi - lo, 1e-12) };
}

static double
log_axis_y (const MlrPlot *chart,
            LogAxis        axis,
            double         y)
{
  double t = (log10 (MAX (y, 1e-300)) - axis.lo) / axis.span;

  return chart->y0 + chart->h - t * chart->h;
}

/* One run's loss per step as a cased line, decimated to the lowest and highest value per
 * pixel column so a 10000-step run costs no more than the chart is wide; into @lines, or
 * stroked with cairo without (vector output). On a log axis, where a point's height costs
 * a logarithm, a column's lowest and highest loss are found first and only those two are
 * placed: the height falls as the loss grows, so they are the column's highest and lowest
 * points. */
static void
draw_loss_line (cairo_t        *cr,
                MlrGdLines     *lines,
                const MlrPlot  *chart,
                const double   *losses,
                guint           n,
                double          ref,
                double          floor_value,
                const MlrColor *color)
{
  GArray *xs = g_array_sized_new (FALSE, FALSE, sizeof (double), 512);
  GArray *ys = g_array_sized_new (FALSE, FALSE, sizeof (double), 512);
  int column = G_MININT;
  double cmin = 0, cmax = 0, cx = 0;
  LogAxis axis = { 0, 1 };

  if (chart->log_y)
    axis = log_axis (chart);
  for (guint k = 0; k <= n; k++)
    {
      double px = k < n ? mlr_plot_x (chart, k) : 0;
      int c = k < n ? (int) floor (px) : G_MAXINT;
      if (c != column && column != G_MININT)
        {
          if (chart->log_y)
            {
              /* cmin, cmax hold the column's losses: now the heights */
              double top = log_axis_y (chart, axis, cmax);
              cmax = log_axis_y (chart, axis, cmin);
              cmin = top;
            }
          g_array_append_val (xs, cx);
          g_array_append_val (ys, cmin);
          if (cmax != cmin)
            {
              g_array_append_val (xs, cx);
              g_array_append_val (ys, cmax);
            }
        }
      if (k == n)
        break;
      {
        double v = losses[k] - ref;
        /* never NaN on the log axis: MAX() takes the floor for a NaN */
        double py = chart->log_y ? MAX (v, floor_value) : mlr_plot_y (chart, v);
        if (c != column)
          {
            column = c;
            cx = px;
            cmin = cmax = py;
          }
        else
          {
            cmin = MIN (cmin, py);
            cmax = MAX (cmax, py);
          }
      }
    }
  if (lines != NULL)
    mlr_gd_lines_add (lines, (double *) xs->data, (double *) ys->data, xs->len, color, 1.8);
  else
    mlr_gd_stroke_polyline_cased (cr, (double *) xs->data, (double *) ys->data, xs->len,
                                  mlr_gd_plot_rect (chart, 2), color, 1.8);
  g_array_unref (xs);
  g_array_unref (ys);
}

void
mlr_gd_draw_chart (cairo_t           *cr,
                   const MlrPalette  *palette,
                   const MlrGdLayout *layout,
                   const MlrGdState  *state,
                   MlrGdLines        *chart_lines,
                   double             scale)
{
  const MlrPlot *chart = &layout->chart;
  MlrGdLines *lines = NULL;
  double ref = 0;
  gboolean has_ref = mlr_gd_state_get_loss_reference (state, &ref);
  const char *title;
  double step_x;

  if (chart->w <= 0 || chart->h <= 0)
    return;
  if (!has_ref)
    title = _("loss f per step");
  else if (ref == 0)
    title = _("loss f per step (log scale)");
  else
    title = _("loss above the global minimum, f − f*, per step (log scale)");
  mlr_draw_text (cr, palette, &palette->dim, title, chart->x0, chart->y0 - 4, 0, 1, 0.85);
  /* Translators: the x axis of the loss chart */
  mlr_plot_draw_axes (cr, chart, palette, _("step"), NULL, TRUE);

  step_x = round (mlr_plot_x (chart, mlr_gd_state_get_step (state))) + 0.5;
  cairo_move_to (cr, step_x, chart->y0);
  cairo_line_to (cr, step_x, chart->y0 + chart->h);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_save (cr);
  mlr_plot_clip (cr, chart);
  /* the lines into one image (mlr-gd-painter-lines.c), painted at once; the crosses of the
   * diverged runs over all of them */
  if (mlr_gd_lines_begin (chart_lines, cr, mlr_gd_plot_rect (chart, 0), scale))
    lines = chart_lines;
  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      MlrColor color_buf;
      guint n;
      const double *losses = mlr_descent_get_losses (run, &n);

      /* Below the range a line leaves through the bottom ("lower than shown"), it is not
       * pinned to the floor, which would read as "stopped improving". */
      if (n > 0)
        draw_loss_line (cr, lines, chart, losses, n, has_ref ? ref : 0, chart->ymin * 1e-6,
                        mlr_gd_run_color_for (palette, state,
                                              mlr_gd_state_get_run_kind (state, i), &color_buf));
    }
  if (lines != NULL)
    mlr_gd_lines_end (lines, cr);
  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      MlrColor color_buf;
      guint n;
      const double *losses = mlr_descent_get_losses (run, &n);

      if (n > 0 && mlr_descent_is_diverged (run, NULL))
        {
          double v = losses[n - 1] - (has_ref ? ref : 0);
          double y = mlr_plot_y (chart, has_ref ? MAX (v, chart->ymin) : v);
          mlr_gd_draw_cross (cr, mlr_gd_run_color_for (palette, state,
                                                       mlr_gd_state_get_run_kind (state, i),
                                                       &color_buf),
                             mlr_plot_x (chart, n - 1),
                             CLAMP (y, chart->y0 + 5, chart->y0 + chart->h - 5), 4.5);
        }
    }
  cairo_restore (cr);
}
