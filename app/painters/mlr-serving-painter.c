/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-serving-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MARGIN 12
#define TITLE 22        /* a panel's title above its plot */
#define AXIS_LEFT 54    /* tick labels and the turned axis name */
#define AXIS_BOTTOM 42  /* tick labels and the axis name */
#define NARROW 560

/* "0.85 ms", "13.2 ms", "412 ms", "6.01 s", "12.3 s" */
char *
mlr_serving_format_ms (double ms)
{
  if (!isfinite (ms))
    return g_strdup ("–");
  if (ms >= 10000)
    return g_strdup_printf (_("%.1f s"), ms / 1000);
  if (ms >= 1000)
    return g_strdup_printf (_("%.2f s"), ms / 1000);
  if (ms >= 100)
    return g_strdup_printf (_("%.0f ms"), ms);
  if (ms >= 10)
    return g_strdup_printf (_("%.1f ms"), ms);
  return g_strdup_printf (_("%.2f ms"), ms);
}

/* "412", "1,234", "0.5": a rate or count for the numbers line */
static char *
format_number (double x)
{
  if (x >= 100 || x == floor (x))
    {
      g_autofree char *digits = g_strdup_printf ("%.0f", x);
      GString *s = g_string_new (NULL);
      gsize len = strlen (digits);

      for (gsize i = 0; i < len; i++)
        {
          if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
            g_string_append_c (s, ',');
          g_string_append_c (s, digits[i]);
        }
      return g_string_free (s, FALSE);
    }
  return g_strdup_printf ("%.3g", x);
}

static void
sweep_range (const MlrServingState *state,
             double                *lo,
             double                *hi)
{
  const double *p99;
  guint n;
  double a = mlr_serving_state_get_summary (state)->p99_ms, b = a;

  mlr_serving_state_get_sweep (state, &p99, &n);
  for (guint i = 0; i < n; i++)
    if (isfinite (p99[i]) && p99[i] > 0)
      {
        a = MIN (a, p99[i]);
        b = MAX (b, p99[i]);
      }
  a = pow (10, floor (log10 (MAX (a, 1e-3))));
  b = pow (10, ceil (log10 (MAX (b, 1e-3))));
  if (b <= a)
    b = a * 10;
  *lo = a;
  *hi = b;
}

/**
 * mlr_serving_painter_layout:
 * Where the panels go on a @width × @height canvas: the numbers on top; the histogram and
 * the sweep side by side, the live queue and its timeline under them; one under another
 * below 560 px.
 */
void
mlr_serving_painter_layout (int                    width,
                            int                    height,
                            const MlrServingState *state,
                            MlrServingLayout      *L)
{
  double W = MAX (width, 200), H = MAX (height, 200);
  double hist_max, lo, hi, top, avail, peak = 0;
  const double *hist;
  const MlrServingTrace *trace = mlr_serving_state_get_trace (state);
  guint beyond, qmax = 1;

  hist = mlr_serving_state_get_histogram (state, &hist_max, &beyond);
  for (guint b = 0; b < MLR_SERVING_HIST_BINS; b++)
    peak = MAX (peak, hist[b]);
  for (guint i = 0; i < trace->steps->len; i++)
    qmax = MAX (qmax, g_array_index (trace->steps, MlrServingStep, i).queue);
  sweep_range (state, &lo, &hi);

  L->stacked = W < NARROW;
  L->header_y = 8;
  L->header_lines = W < 1000 ? 3 : 2;
  top = L->header_lines == 3 ? 78 : 56;
  avail = H - top - MARGIN;
  if (!L->stacked)
    {
      double top_h = 0.54 * avail, bottom_y = top + top_h, bottom_h = avail - top_h;
      double split = MARGIN + 0.55 * (W - 2 * MARGIN);
      double live_w = 0.36 * (W - 2 * MARGIN);

      mlr_plot_init (&L->hist, MARGIN + AXIS_LEFT, top + TITLE, split - MARGIN - AXIS_LEFT - 16,
                     top_h - TITLE - AXIS_BOTTOM, 0, hist_max, 0, MAX (peak, 1e-6) * 1.15, FALSE);
      mlr_plot_init (&L->sweep, split + AXIS_LEFT, top + TITLE, W - MARGIN - split - AXIS_LEFT,
                     top_h - TITLE - AXIS_BOTTOM, 0, MLR_SERVING_SWEEP_MAX_LOAD, lo, hi, FALSE);
      L->live_x = MARGIN;
      L->live_y = bottom_y + TITLE;
      L->live_w = live_w - 16;
      L->live_h = bottom_h - TITLE - 8;
      mlr_plot_init (&L->timeline, MARGIN + live_w + 40, bottom_y + TITLE,
                     W - 2 * MARGIN - live_w - 40, bottom_h - TITLE - AXIS_BOTTOM,
                     0, trace->end_ms, 0, qmax * 1.15, FALSE);
    }
  else
    {
      double h1 = 0.26 * avail, h2 = 0.26 * avail, h3 = 0.2 * avail, h4 = avail - h1 - h2 - h3;
      double y = top;

      mlr_plot_init (&L->hist, MARGIN + AXIS_LEFT, y + TITLE, W - 2 * MARGIN - AXIS_LEFT,
                     h1 - TITLE - AXIS_BOTTOM, 0, hist_max, 0, MAX (peak, 1e-6) * 1.15, FALSE);
      y += h1;
      mlr_plot_init (&L->sweep, MARGIN + AXIS_LEFT, y + TITLE, W - 2 * MARGIN - AXIS_LEFT,
                     h2 - TITLE - AXIS_BOTTOM, 0, MLR_SERVING_SWEEP_MAX_LOAD, lo, hi, FALSE);
      y += h2;
      L->live_x = MARGIN;
      L->live_y = y + TITLE;
      L->live_w = W - 2 * MARGIN;
      L->live_h = h3 - TITLE - 4;
      y += h3;
      mlr_plot_init (&L->timeline, MARGIN + 40, y + TITLE, W - 2 * MARGIN - 40,
                     h4 - TITLE - AXIS_BOTTOM, 0, trace->end_ms, 0, qmax * 1.15, FALSE);
    }
  L->sweep.log_y = TRUE;
}

static gboolean
in_plot (const MlrPlot *p,
         double         x,
         double         y,
         double         slack)
{
  return x >= p->x0 - slack && x <= p->x0 + p->w + slack && y >= p->y0 - slack &&
         y <= p->y0 + p->h + slack;
}

/* Whether (@x, @y) is on the sweep; *load is the offered load under it (0.01 at least). */
gboolean
mlr_serving_painter_sweep_hit (const MlrServingLayout *L,
                               double                  x,
                               double                  y,
                               double                 *load)
{
  double dy;

  if (!in_plot (&L->sweep, x, y, 8))
    return FALSE;
  mlr_plot_to_data (&L->sweep, x, L->sweep.y0, load, &dy);
  *load = CLAMP (*load, 0.01, MLR_SERVING_SWEEP_MAX_LOAD);
  return TRUE;
}

/* Whether (@x, @y) is on the timeline; *time_ms is the time under it. */
gboolean
mlr_serving_painter_timeline_hit (const MlrServingLayout *L,
                                  double                  x,
                                  double                  y,
                                  double                 *time_ms)
{
  double dy;

  if (!in_plot (&L->timeline, x, y, 8))
    return FALSE;
  mlr_plot_to_data (&L->timeline, x, L->timeline.y0, time_ms, &dy);
  *time_ms = CLAMP (*time_ms, L->timeline.xmin, L->timeline.xmax);
  return TRUE;
}

static MlrColor
marker_color (const MlrPalette *palette,
              guint             which)
{
  /* p50 bluish green, p95 orange, p99 vermillion (Okabe-Ito) */
  static const guint index[] = { 2, 1, 5 };
  return palette->classes[index[MIN (which, 2)]];
}

/* Requests (bars, dots, the queue): Okabe-Ito blue, sky blue on a dark background. */
static MlrColor
request_color (const MlrPalette *palette)
{
  return palette->dark ? palette->classes[4] : palette->classes[0];
}

static void
draw_title (cairo_t          *cr,
            const MlrPalette *palette,
            const char       *text,
            double            x,
            double            y,
            double            width)
{
  mlr_draw_text_fit (cr, palette, &palette->foreground, text, x, y - TITLE + 2, width, 0, 0,
                     1.0);
}

static void
draw_header (cairo_t               *cr,
             double                 width,
             const MlrPalette      *palette,
             const MlrServingState *state,
             const MlrServingLayout *L)
{
  const MlrServingSummary *s = mlr_serving_state_get_summary (state);
  const MlrServingConfig *c = mlr_serving_state_get_config (state);
  const char *names[] = { "p50", "p95", "p99" };
  double values[] = { s->p50_ms, s->p95_ms, s->p99_ms };
  double x = MARGIN, y = L->header_y, w, h;
  g_autofree char *mean = mlr_serving_format_ms (s->mean_ms);
  g_autofree char *thr = format_number (round (s->throughput));
  g_autofree char *rej = format_number (s->rejected);
  g_autofree char *n = format_number (c->requests);
  g_autofree char *cap = format_number (round (mlr_serving_state_get_capacity (state)));
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;
  g_autofree char *mean_text = g_strdup_printf (_("mean %s"), mean);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *v = mlr_serving_format_ms (values[i]);
      g_autofree char *t = g_strdup_printf ("%s %s", names[i], v);
      MlrColor color = marker_color (palette, i);

      cairo_rectangle (cr, x, y + 4, 10, 10);
      mlr_cairo_set_color (cr, &color);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, &palette->foreground, t, x + 14, y, 0, 0, 1.05);
      mlr_text_size (cr, palette, t, 1.05, &w, &h);
      x += 14 + w + 16;
    }
  mlr_draw_text (cr, palette, &palette->foreground, mean_text, x, y, 0, 0, 1.05);

  line2 = g_strdup_printf (_("throughput %s req/s · utilisation %.0f%% · rejected %s of %s"),
                           thr, 100 * s->utilization, rej, n);
  line3 = g_strdup_printf (_("mean batch %.2f · offered load %.2f × capacity %s req/s"),
                           s->mean_batch, mlr_serving_state_get_load (state), cap);
  if (L->header_lines == 3)
    {
      mlr_draw_text_fit (cr, palette, &palette->dim, line2, MARGIN, y + 22, width - 2 * MARGIN,
                         0, 0, 0.95);
      mlr_draw_text_fit (cr, palette, &palette->dim, line3, MARGIN, y + 42, width - 2 * MARGIN,
                         0, 0, 0.95);
    }
  else
    {
      g_autofree char *both = g_strdup_printf ("%s · %s", line2, line3);
      mlr_draw_text_fit (cr, palette, &palette->dim, both, MARGIN, y + 24, width - 2 * MARGIN,
                         0, 0, 0.95);
    }
}

static void
draw_histogram (cairo_t               *cr,
                const MlrPalette      *palette,
                const MlrServingState *state,
                const MlrPlot         *P)
{
  const MlrServingSummary *s = mlr_serving_state_get_summary (state);
  double hist_max, marks[3] = { s->p50_ms, s->p95_ms, s->p99_ms };
  const char *names[] = { "p50", "p95", "p99" };
  guint beyond;
  const double *hist = mlr_serving_state_get_histogram (state, &hist_max, &beyond);
  double bw = hist_max / MLR_SERVING_HIST_BINS, label_right = -1e9;

  draw_title (cr, palette, _("Latency of each request"), P->x0 - AXIS_LEFT + 8, P->y0,
              P->w + AXIS_LEFT - 8);
  mlr_plot_draw_axes (cr, P, palette, _("latency (ms)"), _("share"), TRUE);

  {
    MlrColor bars = request_color (palette);
    mlr_cairo_set_color_alpha (cr, &bars, palette->dark ? 0.75 : 0.6);
  }
  for (guint b = 0; b < MLR_SERVING_HIST_BINS; b++)
    {
      double x0 = mlr_plot_x (P, b * bw), x1 = mlr_plot_x (P, (b + 1) * bw);
      double y = mlr_plot_y (P, hist[b]);
      if (hist[b] > 0)
        cairo_rectangle (cr, x0, y, MAX (x1 - x0 - 1, 1), P->y0 + P->h - y);
    }
  cairo_fill (cr);

  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < 3; i++)
    {
      MlrColor color = marker_color (palette, i);
      double x = round (mlr_plot_x (P, MIN (marks[i], hist_max))) + 0.5;
      double w, h;

      mlr_cairo_set_color (cr, &color);
      cairo_move_to (cr, x, P->y0);
      cairo_line_to (cr, x, P->y0 + P->h);
      cairo_stroke (cr);
      /* the names in a row at the top, moved right where they would overlap */
      mlr_text_size (cr, palette, names[i], 0.95, &w, &h);
      {
        double lx = MAX (x + 3, label_right + 4);
        if (lx + w > P->x0 + P->w)
          lx = x - 3 - w;
        mlr_draw_text (cr, palette, &color, names[i], lx, P->y0 + 2 + i * (h + 1), 0, 0, 0.95);
        label_right = lx + w;
      }
    }
  cairo_set_line_width (cr, 1);
  if (beyond > 0)
    {
      g_autofree char *lim = mlr_serving_format_ms (hist_max);
      g_autofree char *note = g_strdup_printf (
        ngettext ("%u request beyond %s", "%u requests beyond %s", beyond), beyond, lim);
      mlr_draw_text_fit (cr, palette, &palette->dim, note, P->x0 + P->w - 4, P->y0 + P->h * 0.45,
                         P->w * 0.6, 1, 0, 0.95);
    }
}

static void
draw_sweep (cairo_t               *cr,
            const MlrPalette      *palette,
            const MlrServingState *state,
            const MlrPlot         *P,
            gboolean               focused)
{
  const double *p99;
  guint n;
  const double *load = mlr_serving_state_get_sweep (state, &p99, &n);
  double here = mlr_serving_state_get_load (state);
  double mine = mlr_serving_state_get_summary (state)->p99_ms;
  double x1 = round (mlr_plot_x (P, 1.0)) + 0.5, hx, hy;
  gboolean started = FALSE, stale = mlr_serving_state_sweep_is_stale (state);
  g_autofree char *title = g_strdup_printf (_("p99 against offered load (%d requests a point)"),
                                            MLR_SERVING_SWEEP_REQUESTS);

  draw_title (cr, palette, title, P->x0 - AXIS_LEFT + 8, P->y0, P->w + AXIS_LEFT - 8);
  mlr_plot_draw_axes (cr, P, palette, _("offered load (rate ÷ capacity)"), _("p99 (ms)"),
                      TRUE);

  /* the capacity */
  mlr_cairo_set_color (cr, &palette->dim);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, x1, P->y0);
  cairo_line_to (cr, x1, P->y0 + P->h);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* at the foot of the line, where neither the curve nor the run's label goes */
  mlr_draw_text (cr, palette, &palette->dim, _("capacity"), x1 + 3, P->y0 + P->h - 3, 0, 1,
                 0.95);

  cairo_save (cr);
  mlr_plot_clip (cr, P);
  /* a sweep for older parameters, while the new one is computed: faint */
  if (stale)
    mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.3);
  else
    mlr_cairo_set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n; i++)
    {
      double x, y;
      if (!isfinite (p99[i]) || p99[i] <= 0)
        continue;
      x = mlr_plot_x (P, load[i]);
      y = mlr_plot_y (P, p99[i]);
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    if (isfinite (p99[i]) && p99[i] > 0)
      {
        cairo_arc (cr, mlr_plot_x (P, load[i]), mlr_plot_y (P, p99[i]), 2.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
  cairo_restore (cr);
  if (stale)
    mlr_draw_text (cr, palette, &palette->dim, _("updating…"), P->x0 + 6, P->y0 + 4, 0, 0,
                   0.95);

  /* this run: a ring, pinned to the right edge when the load is beyond the chart */
  hx = mlr_plot_x (P, MIN (here, MLR_SERVING_SWEEP_MAX_LOAD));
  hy = mlr_plot_y (P, CLAMP (mine, P->ymin, P->ymax));
  {
    MlrColor color = marker_color (palette, 2);
    g_autofree char *v = mlr_serving_format_ms (mine);
    g_autofree char *label = here > MLR_SERVING_SWEEP_MAX_LOAD
      ? g_strdup_printf (_("this run: load %.2f, p99 %s →"), here, v)
      : g_strdup_printf (_("this run: p99 %s"), v);
    double w, h;

    cairo_set_line_width (cr, focused ? 3.5 : 2.5);
    mlr_cairo_set_color (cr, &color);
    cairo_arc (cr, hx, hy, focused ? 7 : 6, 0, 2 * G_PI);
    cairo_stroke (cr);
    cairo_set_line_width (cr, 1);
    mlr_text_size (cr, palette, label, 0.95, &w, &h);
    /* below and right of the ring, clear of the rising curve; above and left of it near the
     * edge (the curve to the left is lower) */
    if (hx + 10 + w <= P->x0 + P->w && hy + 8 + h <= P->y0 + P->h)
      mlr_draw_text (cr, palette, &color, label, hx + 8, hy + 8, 0, 0, 0.95);
    else
      mlr_draw_text (cr, palette, &color, label, hx - 8, MAX (hy - 8, P->y0 + h + 2), 1, 1,
                     0.95);
  }
}

/* The batch on replica @r at @t, or NULL when it is idle. */
static const MlrServingBatch *
batch_at (const MlrServingTrace *trace,
          guint                  r,
          double                 t)
{
  for (guint i = trace->batches->len; i-- > 0;)
    {
      const MlrServingBatch *b = &g_array_index (trace->batches, MlrServingBatch, i);
      if (b->replica == r && b->start_ms <= t && t < b->end_ms)
        return b;
    }
  return NULL;
}

static void
draw_live (cairo_t                *cr,
           const MlrPalette       *palette,
           const MlrServingState  *state,
           const MlrServingLayout *L)
{
  const MlrServingTrace *trace = mlr_serving_state_get_trace (state);
  const MlrServingConfig *c = mlr_serving_state_get_config (state);
  double t = mlr_serving_state_get_cursor (state);
  guint q = mlr_serving_state_queue_at (state, t);
  double x = L->live_x, y = L->live_y, w = L->live_w, row_h, slot_w;
  g_autofree char *at = mlr_serving_format_ms (t);
  g_autofree char *title = g_strdup_printf (_("At %s: %u waiting"), at, q);
  guint per_row = MAX (1, (guint) ((w - 8) / 10));
  guint rows_for_queue = MIN (2, (q + per_row - 1) / MAX (per_row, 1));
  guint shown_q, shown_r, max_r;
  double label_w = 30;

  draw_title (cr, palette, title, x, y, w);

  /* the queue: a dot a request, two rows at most, oldest on the right (next to go) */
  rows_for_queue = MAX (rows_for_queue, 1);
  shown_q = MIN (q, per_row * rows_for_queue);
  if (q > shown_q)
    shown_q = shown_q > 6 ? shown_q - 6 : 0;  /* room for "+N" */
  {
    MlrColor dots = request_color (palette);
    mlr_cairo_set_color (cr, &dots);
  }
  for (guint i = 0; i < shown_q; i++)
    {
      double dx = x + w - 6 - (i % per_row) * 10, dy = y + 6 + (i / per_row) * 10;
      cairo_new_sub_path (cr);
      cairo_arc (cr, dx, dy, 3.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  if (q > shown_q)
    {
      g_autofree char *more = g_strdup_printf ("+%u", q - shown_q);
      mlr_draw_text (cr, palette, &palette->dim, more, x, y + 6 + (rows_for_queue - 1) * 10, 0,
                     0.5, 0.95);
    }
  if (q == 0)
    mlr_draw_text (cr, palette, &palette->dim, _("queue empty"), x + w, y + 6, 1, 0.5, 0.95);

  /* the replicas, as many rows as fit */
  y += 10 + rows_for_queue * 10 + 6;
  row_h = CLAMP ((L->live_y + L->live_h - y) / MAX (c->replicas, 1), 20, 40);
  max_r = MAX (1, (guint) ((L->live_y + L->live_h - y) / row_h));
  shown_r = MIN (c->replicas, max_r);
  if (shown_r < c->replicas && shown_r > 1)
    shown_r--;  /* the last row says how many more */
  slot_w = (w - label_w) / c->max_batch;
  for (guint r = 0; r < shown_r; r++)
    {
      const MlrServingBatch *b = batch_at (trace, r, t);
      double ry = y + r * row_h, bx = x + label_w, bw = w - label_w;
      g_autofree char *name = g_strdup_printf ("R%u", r + 1);
      MlrColor fill = request_color (palette);

      mlr_draw_text (cr, palette, &palette->dim, name, x, ry + (row_h - 4) / 2, 0, 0.5, 0.95);
      mlr_cairo_set_color (cr, &palette->grid);
      cairo_rectangle (cr, bx + 0.5, ry + 0.5, bw - 1, row_h - 5);
      cairo_stroke (cr);
      if (b == NULL)
        {
          mlr_draw_text (cr, palette, &palette->dim, _("idle"), bx + 4, ry + (row_h - 4) / 2, 0,
                         0.5, 0.95);
          continue;
        }
      /* the batch's requests: one slot each when they are wide enough, else a bar */
      mlr_cairo_set_color_alpha (cr, &fill, 0.85);
      if (slot_w >= 4)
        for (guint k = 0; k < b->size; k++)
          cairo_rectangle (cr, bx + 1 + k * slot_w, ry + 2, MAX (slot_w - 1.5, 1), row_h - 14);
      else
        cairo_rectangle (cr, bx + 1, ry + 2, (bw - 2) * b->size / c->max_batch, row_h - 14);
      cairo_fill (cr);
      /* how far its service has got */
      mlr_cairo_set_color (cr, &palette->foreground);
      cairo_rectangle (cr, bx + 1, ry + row_h - 10, (bw - 2) * CLAMP ((t - b->start_ms) /
                       MAX (b->end_ms - b->start_ms, 1e-9), 0, 1), 3);
      cairo_fill (cr);
    }
  if (shown_r < c->replicas)
    {
      g_autofree char *more = g_strdup_printf (
        ngettext ("+%u more replica", "+%u more replicas",
                     c->replicas - shown_r), c->replicas - shown_r);
      mlr_draw_text (cr, palette, &palette->dim, more, x + label_w, y + shown_r * row_h + 8, 0,
                     0.5, 0.95);
    }
}

static void
draw_timeline (cairo_t               *cr,
               const MlrPalette      *palette,
               const MlrServingState *state,
               const MlrPlot         *P,
               gboolean               focused)
{
  const MlrServingTrace *trace = mlr_serving_state_get_trace (state);
  double t = mlr_serving_state_get_cursor (state);
  double cx = round (mlr_plot_x (P, t)) + 0.5, last_y = mlr_plot_y (P, 0);
  g_autofree char *title = NULL;

  title = trace->rejected > 0
    ? g_strdup_printf (_("Queue over the first %u arrivals (%u rejected)"), trace->arrivals,
                       trace->rejected)
    : g_strdup_printf (_("Queue over the first %u arrivals"), trace->arrivals);
  draw_title (cr, palette, title, P->x0 - 40, P->y0, P->w + 40);
  mlr_plot_draw_axes (cr, P, palette, _("time (ms)"), NULL, TRUE);

  cairo_save (cr);
  mlr_plot_clip (cr, P);
  /* the step function, filled: what happened up to the playhead strong, after it faint */
  cairo_new_path (cr);
  cairo_move_to (cr, P->x0, mlr_plot_y (P, 0));
  for (guint i = 0; i < trace->steps->len; i++)
    {
      const MlrServingStep *s = &g_array_index (trace->steps, MlrServingStep, i);
      double x = mlr_plot_x (P, s->time_ms), y = mlr_plot_y (P, s->queue);
      cairo_line_to (cr, x, last_y);
      cairo_line_to (cr, x, y);
      last_y = y;
    }
  cairo_line_to (cr, P->x0 + P->w, last_y);
  cairo_line_to (cr, P->x0 + P->w, mlr_plot_y (P, 0));
  cairo_close_path (cr);
  {
    MlrColor fill = request_color (palette);
    cairo_path_t *path = cairo_copy_path (cr);

    mlr_cairo_set_color_alpha (cr, &fill, 0.25);
    cairo_fill (cr);
    cairo_rectangle (cr, P->x0, P->y0, cx - P->x0, P->h);
    cairo_clip (cr);
    cairo_append_path (cr, path);
    mlr_cairo_set_color_alpha (cr, &fill, 0.7);
    cairo_fill (cr);
    cairo_path_destroy (path);
  }
  cairo_restore (cr);

  /* the playhead */
  cairo_set_line_width (cr, focused ? 2.5 : 1.5);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_move_to (cr, cx, P->y0);
  cairo_line_to (cr, cx, P->y0 + P->h);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1);
  /* the axis name for y, level with the plot's top-left corner (little room to turn it) */
  mlr_draw_text (cr, palette, &palette->dim, _("waiting"), P->x0 + 4, P->y0 + 2, 0, 0, 0.95);
}

/**
 * mlr_serving_painter_draw:
 * The whole picture for @state on a @width × @height canvas; @focused thickens the marks the
 * keys move (the run's point and the playhead).
 */
void
mlr_serving_painter_draw (cairo_t               *cr,
                          int                    width,
                          int                    height,
                          const MlrPalette      *palette,
                          const MlrServingState *state,
                          gboolean               focused)
{
  MlrServingLayout L;

  mlr_serving_painter_layout (width, height, state, &L);
  cairo_save (cr);
  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);
  cairo_set_line_width (cr, 1);
  draw_header (cr, width, palette, state, &L);
  draw_histogram (cr, palette, state, &L.hist);
  draw_sweep (cr, palette, state, &L.sweep, focused);
  draw_live (cr, palette, state, &L);
  draw_timeline (cr, palette, state, &L.timeline, focused);
  cairo_restore (cr);
}
