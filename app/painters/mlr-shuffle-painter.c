/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-shuffle-painter.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-plot.h"
#include "mlr-plot-legend.h"
#include "mlr-plot-text.h"

#define MARGIN 16
#define HIST_BINS 24
#define TEXT 1.0     /* 12 px */
#define SMALL 0.95   /* 11.4 px */

/**
 * mlr_shuffle_painter_layout:
 * The timeline across the top 55% (wide) and the histogram beside the numbers under it; on
 * a canvas under 560 px wide, the three one under the other.
 */
void
mlr_shuffle_painter_layout (int               width,
                            int               height,
                            MlrShuffleLayout *L)
{
  double left = 64, top;

  L->stacked = width < 560;
  top = L->stacked ? 70 : 52;
  L->gantt_x = left;
  L->gantt_y = top;
  L->gantt_w = MAX (40, width - left - MARGIN);
  if (L->stacked)
    {
      L->gantt_h = MAX (60, height * 0.38 - top);
      L->hist_x = left;
      L->hist_y = L->gantt_y + L->gantt_h + 56;
      L->hist_w = L->gantt_w;
      L->hist_h = MAX (50, height * 0.26);
      L->panel_x = MARGIN;
      L->panel_y = L->hist_y + L->hist_h + 48;
      L->panel_w = MAX (40, width - 2 * MARGIN);
    }
  else
    {
      L->gantt_h = MAX (60, height * 0.55 - top);
      L->hist_x = left;
      L->hist_y = L->gantt_y + L->gantt_h + 60;
      L->hist_w = MAX (60, width * 0.52 - left);
      L->hist_h = MAX (40, height - L->hist_y - 44);
      L->panel_x = L->hist_x + L->hist_w + 2 * MARGIN;
      L->panel_y = L->hist_y - 8;
      L->panel_w = MAX (40, width - L->panel_x - MARGIN);
    }
}

/* "0.41 s", "32.1 s", "2 min 13 s" */
char *
mlr_shuffle_format_seconds (double seconds)
{
  if (seconds < 100)
    return g_strdup_printf (_("%.3g s"), seconds);
  if (seconds < 3599.5)
    {
      int whole = (int) round (seconds);
      return g_strdup_printf (_("%d min %02d s"), whole / 60, whole % 60);
    }
  return g_strdup_printf (_("%.1f h"), seconds / 3600);
}

/* "512 MiB", "10.3 GiB", "1.2 TiB" */
char *
mlr_shuffle_format_mib (double mib)
{
  if (mib < 1)
    return g_strdup_printf (_("%.3g KiB"), mib * 1024);
  if (mib < 1024)
    return g_strdup_printf (_("%.3g MiB"), mib);
  if (mib < 1024 * 1024)
    return g_strdup_printf (_("%.3g GiB"), mib / 1024);
  return g_strdup_printf (_("%.3g TiB"), mib / (1024 * 1024));
}

/* "950", "12.3 k", "7.19 M", "1.5 G" */
char *
mlr_shuffle_format_count (double n)
{
  if (n < 1e4)
    return g_strdup_printf ("%.0f", n);
  if (n < 1e6)
    return g_strdup_printf (_("%.3g k"), n / 1e3);
  if (n < 1e9)
    return g_strdup_printf (_("%.3g M"), n / 1e6);
  return g_strdup_printf (_("%.3g G"), n / 1e9);
}

static MlrColor
task_color (const MlrPalette   *palette,
            MlrShuffleTaskKind  kind)
{
  switch (kind)
    {
    case MLR_SHUFFLE_TASK_MAP:
      return palette->classes[4];        /* sky blue */
    case MLR_SHUFFLE_TASK_MAP_SMALL:
      return palette->classes[3];        /* reddish purple */
    case MLR_SHUFFLE_TASK_BROADCAST_JOIN:
      return palette->classes[2];        /* bluish green */
    case MLR_SHUFFLE_TASK_REDUCE:
    default:
      return palette->classes[0];        /* blue */
    }
}

#define N_KINDS 4

/* A task stands out as a straggler when it takes half as long again as the median one. */
static gboolean
has_straggler (const MlrShuffleState *state)
{
  return mlr_shuffle_state_get_max_task_seconds (state) >
         1.5 * mlr_shuffle_state_get_median_task_seconds (state);
}

/* The timeline. Tasks narrower than 3 px run together into one bar per slot, so a paint
 * costs about one rectangle per slot and stage, however many tasks there are. */
static void
draw_gantt (cairo_t                *cr,
            const MlrPalette       *palette,
            const MlrShuffleState  *state,
            const MlrShuffleLayout *L)
{
  guint n_tasks, S = mlr_shuffle_state_get_slots (state);
  const MlrShuffleTask *tasks = mlr_shuffle_state_get_tasks (state, &n_tasks);
  const guint *slot_start;
  const guint *order = mlr_shuffle_state_get_slot_order (state, &slot_start);
  double job = MAX (mlr_shuffle_state_get_job_seconds (state), 1e-9);
  /* under a pixel per slot, one slot in `every` stands for its neighbours */
  guint every = MAX (1, (guint) ceil (S / MAX (L->gantt_h, 1)));
  double row = L->gantt_h / S * every;
  double gap = row >= 4 ? 1 : 0;
  g_autofree char *y_label = every > 1
    ? g_strdup_printf (_("task slot (1 in %u shown)"), every) : g_strdup (_("task slot"));
  MlrPlot plot;
  const MlrShuffleTask *straggler = &tasks[mlr_shuffle_state_get_straggler (state)];
  double stage_start = mlr_shuffle_state_get_stage_start (state);
  double bcast = mlr_shuffle_state_get_broadcast_seconds (state);

  mlr_plot_init (&plot, L->gantt_x, L->gantt_y, L->gantt_w, L->gantt_h, 0, job * 1.02, 0, S,
                 FALSE);
  mlr_plot_draw_axes (cr, &plot, palette, _("seconds since the job started"), y_label,
                      FALSE);

  cairo_save (cr);
  mlr_plot_clip (cr, &plot);
  if (bcast > 0)
    {
      double x1 = mlr_plot_x (&plot, bcast);
      mlr_cairo_set_color_alpha (cr, &palette->classes[2], 0.25);
      cairo_rectangle (cr, plot.x0, plot.y0, x1 - plot.x0, plot.h);
      cairo_fill (cr);
    }

  /* one pass over the drawn slots' tasks, the bars collected per kind, one fill per kind */
  {
    GArray *bars[N_KINDS];

    for (guint k = 0; k < N_KINDS; k++)
      bars[k] = g_array_new (FALSE, FALSE, sizeof (double) * 4);
    for (guint s = 0; s < S; s += every)
      {
        double y = mlr_plot_y (&plot, MIN (s + every, S)), h = MAX (row - gap, 0.6);
        double run_a = 0, run_b = -1;
        guint run_kind = 0;

        for (guint o = slot_start[s]; o <= slot_start[s + 1]; o++)
          {
            const MlrShuffleTask *t = o < slot_start[s + 1] ? &tasks[order[o]] : NULL;
            double a = 0, b = 0;

            if (t)
              {
                a = mlr_plot_x (&plot, t->start);
                b = mlr_plot_x (&plot, t->end);
              }
            /* a narrow task extends the run of its kind it touches */
            if (t && b - a < 3 && t->kind == run_kind && run_b >= a - 0.5)
              {
                run_b = b;
                continue;
              }
            if (run_b > run_a)
              {
                double r[4] = { run_a, y, MAX (run_b - run_a, 0.8), h };
                g_array_append_vals (bars[run_kind], r, 1);
              }
            run_b = -1;
            if (!t)
              break;
            if (b - a >= 3)
              {
                double r[4] = { a, y, b - a - 1, h };
                g_array_append_vals (bars[t->kind], r, 1);
              }
            else
              {
                run_a = a;
                run_b = b;
                run_kind = t->kind;
              }
          }
      }
    for (guint k = 0; k < N_KINDS; k++)
      {
        MlrColor color = task_color (palette, k);
        const double *r = (const double *) (gpointer) bars[k]->data;

        for (guint i = 0; i < bars[k]->len; i++)
          cairo_rectangle (cr, r[4 * i], r[4 * i + 1], r[4 * i + 2], r[4 * i + 3]);
        mlr_cairo_set_color (cr, &color);
        cairo_fill (cr);
        g_array_free (bars[k], TRUE);
      }
  }

  /* the straggler */
  if (has_straggler (state))
    {
      double a = mlr_plot_x (&plot, straggler->start), b = mlr_plot_x (&plot, straggler->end);
      guint band = straggler->slot / every * every;
    double y = mlr_plot_y (&plot, MIN (band + every, S)), h = MAX (row - gap, 3);

      mlr_cairo_set_color (cr, &palette->classes[5]);
      cairo_rectangle (cr, a, y - (h - MAX (row - gap, 0.6)) / 2, MAX (b - a - 1, 2), h);
      cairo_fill (cr);
    }

  /* the shuffle barrier */
  if (stage_start > 0)
    {
      double x = round (mlr_plot_x (&plot, stage_start)) + 0.5;
      double dash[] = { 4, 3 };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.5);
      mlr_cairo_set_color (cr, &palette->foreground);
      cairo_move_to (cr, x, plot.y0);
      cairo_line_to (cr, x, plot.y0 + plot.h);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_restore (cr);

  /* labels over the plot */
  {
    double y = L->gantt_y - 6;
    MlrTextStyle st = { .scale = SMALL, .halign = 0, .valign = 1, .max_width = 0 };

    if (stage_start > 0)
      {
        double x = mlr_plot_x (&plot, stage_start);
        double w, h;

        st.halign = 1;
        mlr_text_measure (cr, palette, _("map stage"), &st, &w, &h);
        if (x - 4 - w >= L->gantt_x)
          mlr_text_draw (cr, palette, &palette->foreground, _("map stage"), x - 4, y, &st);
        st.halign = 0;
        st.max_width = MAX (10, L->gantt_x + L->gantt_w - x - 4);
        st.max_lines = 1;
        if (st.max_width > 30)
          mlr_text_draw (cr, palette, &palette->foreground, _("shuffle, then reduce stage"),
                       x + 4, y, &st);
      }
    else if (bcast > 0)
      mlr_text_draw (cr, palette, &palette->foreground, _("broadcast"), L->gantt_x, y, &st);

  }
}

static void
draw_histogram (cairo_t                *cr,
                const MlrPalette       *palette,
                const MlrShuffleState  *state,
                const MlrShuffleLayout *L)
{
  guint P, counts[HIST_BINS] = { 0 }, top = 1;
  const double *rec = mlr_shuffle_state_get_partition_records (state, &P);
  double largest = rec[mlr_shuffle_state_get_largest_partition (state)];
  double hi = MAX (largest, 1) * 1.0001, width = hi / HIST_BINS;
  guint hot_bin = MIN (HIST_BINS - 1, (guint) (largest / width));
  gboolean count = mlr_shuffle_state_get_operation (state) == MLR_SHUFFLE_GROUPBY_COUNT;
  MlrPlot plot;
  double unit;

  if (mlr_shuffle_state_is_broadcast (state))
    {
      g_autofree char *mib = mlr_shuffle_format_mib (mlr_shuffle_state_get_small_mb (state));
      g_autofree char *rows = mlr_shuffle_format_count (mlr_shuffle_state_get_split_rows (state));
      g_autofree char *text = g_strdup_printf (
        _("Broadcast join: no shuffle. The small side (%s) is sent to every executor, and "
          "each of the %u tasks joins its own 128 MiB split of %s rows: no key can make one "
          "task bigger than the others."),
        mib, mlr_shuffle_state_get_map_tasks (state), rows);
      MlrTextStyle st = { .scale = TEXT, .max_width = L->hist_w + L->hist_x - MARGIN,
                          .max_lines = 6 };
      mlr_text_draw (cr, palette, &palette->foreground, text, MARGIN, L->hist_y - 24, &st);
      return;
    }

  for (guint j = 0; j < P; j++)
    {
      guint b = MIN (HIST_BINS - 1, (guint) (rec[j] / width));
      counts[b]++;
      top = MAX (top, counts[b]);
    }
  /* the axis in millions or thousands, so its ticks read as plain numbers */
  unit = hi >= 1e6 ? 1e6 : hi >= 1e4 ? 1e3 : 1;
  mlr_plot_init (&plot, L->hist_x, L->hist_y, L->hist_w, L->hist_h, 0, hi / unit, 0,
                 top * 1.08, FALSE);
  mlr_plot_draw_axes (cr, &plot, palette,
                      unit == 1e6 ? (count ? _("partial counts per partition, millions")
                                           : _("rows per partition, millions"))
                      : unit == 1e3 ? (count ? _("partial counts per partition, thousands")
                                             : _("rows per partition, thousands"))
                      : (count ? _("partial counts per partition") : _("rows per partition")),
                      _("partitions"), FALSE);
  for (guint b = 0; b < HIST_BINS; b++)
    {
      double x0 = mlr_plot_x (&plot, b * width / unit);
      double x1 = mlr_plot_x (&plot, (b + 1) * width / unit);
      double y = mlr_plot_y (&plot, counts[b]);
      double h = plot.y0 + plot.h - y;

      if (counts[b] == 0)
        continue;
      /* a lone partition stays visible beside hundreds */
      h = MAX (h, 3);
      mlr_cairo_set_color (cr, b == hot_bin && has_straggler (state) ? &palette->classes[5]
                                                                      : &palette->classes[0]);
      cairo_rectangle (cr, x0 + 0.5, plot.y0 + plot.h - h, MAX (x1 - x0 - 1, 1), h);
      cairo_fill (cr);
    }
  {
    g_autofree char *n = mlr_shuffle_format_count (largest);
    g_autofree char *label = g_strdup_printf (_("largest: %s"), n);
    MlrTextStyle st = { .scale = SMALL, .halign = 1, .valign = 1 };
    mlr_text_draw (cr, palette,
                   has_straggler (state) ? &palette->classes[5] : &palette->foreground,
                   label, plot.x0 + plot.w,
                   plot.y0 - 4, &st);
    st.halign = 0;
    mlr_text_draw (cr, palette, &palette->foreground, _("Partition sizes"), plot.x0,
                   plot.y0 - 4, &st);
  }
}

static void
draw_numbers (cairo_t                *cr,
              const MlrPalette       *palette,
              const MlrShuffleState  *state,
              const MlrShuffleLayout *L)
{
  g_autofree char *stage = mlr_shuffle_format_seconds (mlr_shuffle_state_get_stage_seconds (state));
  g_autofree char *max = mlr_shuffle_format_seconds (mlr_shuffle_state_get_max_task_seconds (state));
  g_autofree char *median = mlr_shuffle_format_seconds (
    mlr_shuffle_state_get_median_task_seconds (state));
  g_autofree char *shuffled = mlr_shuffle_format_mib (mlr_shuffle_state_get_shuffled_mb (state));
  g_autofree char *largest = mlr_shuffle_format_count (
    mlr_shuffle_state_get_largest_partition_rows (state));
  g_autofree char *job = mlr_shuffle_format_seconds (mlr_shuffle_state_get_job_seconds (state));
  double hot = mlr_shuffle_state_get_hot_share (state) * 100;
  double spilled = mlr_shuffle_state_get_spilled_mb (state);
  gboolean broadcast = mlr_shuffle_state_is_broadcast (state);
  MlrTextStyle big = { .scale = 1.35, .max_width = L->panel_w, .max_lines = 1 };
  MlrTextStyle st = { .scale = TEXT, .max_width = L->panel_w, .max_lines = 2 };
  double y = L->panel_y, lh = mlr_text_line_height (palette, TEXT) + 3, w, h;
  g_autofree char *l1 = g_strdup_printf (broadcast ? _("Join stage %s") : _("Reduce stage %s"),
                                         stage);
  guint n_tasks;
  const MlrShuffleTask *straggler =
    &mlr_shuffle_state_get_tasks (state, &n_tasks)[mlr_shuffle_state_get_straggler (state)];
  g_autofree char *l2 = straggler->kind == MLR_SHUFFLE_TASK_REDUCE && has_straggler (state)
    ? g_strdup_printf (_("Straggler: partition %u, %s; median task %s"), straggler->index, max,
                       median)
    : g_strdup_printf (_("Longest task %s (split %u); median %s"), max, straggler->index,
                       median);
  g_autofree char *l3 = broadcast ? g_strdup (_("Shuffled: nothing"))
                                  : g_strdup_printf (_("Shuffled %s"), shuffled);
  g_autofree char *l4 = g_strdup_printf (broadcast ? _("Largest task input %s rows")
                                                   : _("Largest partition %s records"),
                                         largest);
  g_autofree char *l5 = g_strdup_printf (_("Hottest key: %.3g%% of the rows"), hot);
  g_autofree char *l6 = g_strdup_printf (_("Whole job %s: %u map tasks on %u slots"), job,
                                         mlr_shuffle_state_get_map_tasks (state),
                                         mlr_shuffle_state_get_slots (state));
  const char *lines[] = { l2, l3, l4, l5, l6 };

  mlr_text_draw (cr, palette, &palette->foreground, l1, L->panel_x, y, &big);
  y += mlr_text_line_height (palette, 1.35) + 6;
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      mlr_text_measure (cr, palette, lines[i], &st, &w, &h);
      mlr_text_draw (cr, palette,
                     i == 0 && has_straggler (state) ? &palette->classes[5]
                                                     : &palette->foreground,
                     lines[i], L->panel_x, y, &st);
      y += MAX (h, lh - 3) + 3;
    }
  if (spilled > 0)
    {
      g_autofree char *mib = mlr_shuffle_format_mib (spilled);
      g_autofree char *l7 = g_strdup_printf (_("Spilled to disk %s"), mib);
      mlr_text_draw (cr, palette, &palette->warning, l7, L->panel_x, y, &st);
    }
}

/**
 * mlr_shuffle_painter_draw:
 * The timeline, the partition histogram and the numbers of @state on a @width × @height
 * canvas. Costs one rectangle per slot and stage plus the wide tasks, not one per task.
 */
void
mlr_shuffle_painter_draw (cairo_t               *cr,
                          int                    width,
                          int                    height,
                          const MlrPalette      *palette,
                          const MlrShuffleState *state)
{
  MlrShuffleLayout L;
  static const MlrShuffleTaskKind legend_kinds[] = {
    MLR_SHUFFLE_TASK_MAP, MLR_SHUFFLE_TASK_MAP_SMALL, MLR_SHUFFLE_TASK_REDUCE,
    MLR_SHUFFLE_TASK_BROADCAST_JOIN,
  };
  const char *legend_all[] = {
    _("map: read, shuffle write"), _("map: small side"), _("reduce"), _("broadcast join"),
    _("straggler"),
  };
  const char *labels[5];
  MlrColor colors[5];
  guint n = 0;
  gboolean broadcast = mlr_shuffle_state_is_broadcast (state);
  gboolean join = mlr_shuffle_state_get_operation (state) == MLR_SHUFFLE_JOIN;

  mlr_shuffle_painter_layout (width, height, &L);
  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);

  for (guint i = 0; i < G_N_ELEMENTS (legend_kinds); i++)
    {
      MlrShuffleTaskKind k = legend_kinds[i];
      if ((k == MLR_SHUFFLE_TASK_BROADCAST_JOIN) != broadcast ||
          (k == MLR_SHUFFLE_TASK_MAP_SMALL && !join))
        continue;
      labels[n] = legend_all[i];
      colors[n++] = task_color (palette, k);
    }
  if (has_straggler (state))
    {
      labels[n] = legend_all[4];
      colors[n++] = palette->classes[5];
    }
  {
    MlrLegendStyle style;
    MlrLegendItem items[5];
    double w, h;

    mlr_legend_style_init (&style, palette);
    style.columns = L.stacked ? 2 : n;
    style.fit = TRUE;
    for (guint i = 0; i < n; i++)
      items[i] = (MlrLegendItem) { .symbol = MLR_LEGEND_SWATCH, .color = colors[i],
                                   .size = 10, .label = labels[i] };
    mlr_legend_measure (cr, palette, &style, items, n, &w, &h);
    mlr_legend_draw (cr, palette, &style, items, n, L.gantt_x - 8, 2, MIN (w, width - 8));
  }

  draw_gantt (cr, palette, state, &L);
  draw_histogram (cr, palette, state, &L);
  draw_numbers (cr, palette, state, &L);
}
