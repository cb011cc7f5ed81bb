/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "ab-test" demo at 1280x800, as the widget works: each frame of a drag applies the new
 * value to the state (mlr_abtest_state_apply_param, as MlrDemo does) and paints — dragging the
 * lift (the axis locked, as during a drag), sliding n over its log range, sliding alpha, and
 * the same in simulate mode over a simulation's bars (stale while the next one runs, as on
 * screen). Prints the median and 95th percentile of 200 frames each, in wall-clock time and in
 * this thread's CPU time (which other processes on a busy machine do not inflate).
 *
 * Then the work off the UI thread: simulations of 2·10⁷ to 2·10⁸ Bernoulli users; and the
 * statistics of `ml-roadmap-cli ttest` and `proportions` on in-memory data. For
 * scipy_bench_abtest.py it prints `RESULT name microseconds` lines; with --data it writes the
 * t-test's samples (the same numbers) to a folder for SciPy to read.
 *
 * usage: bench-abtest [--quick] [--data DIR]
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "ml/mlr-csv.h"
#include "ml/mlr-rng.h"
#include "ml/mlr-stats.h"
#include "painters/mlr-abtest-painter.h"
#include "painters/mlr-demo-registry.h"

#define WIDTH 1280
#define HEIGHT 800
#define T_N 100000

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, bench_compare);
  return v[n / 2];
}

static void
report (const char *name,
        double     *ms,
        double     *cpu,
        guint       n)
{
  g_autofree char *summary = bench_frames_summary (ms, cpu, n);

  printf ("%-48s %s\n", name, summary);
}

typedef enum {
  DRAG_LIFT,
  DRAG_N,
  DRAG_ALPHA,
} Drag;

static void
run_drag (const char *name,
          Drag        drag,
          gboolean    simulate,
          gboolean    dark,
          guint       frames)
{
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("ab-test");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  g_autoptr(MlrAbtestState) state = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  MlrAbtestPainterOptions options = { 0 };
  MlrAbtestLayout layout;
  MlrPalette palette;
  char label[96];

  if (simulate)
    {
      mlr_params_set (params, "mode", "simulate", NULL);
      mlr_params_set (params, "peeks", "10", NULL);
    }
  state = mlr_abtest_state_new (params, NULL);
  mlr_abtest_state_simulate_sync (state);
  mlr_palette_init_default (&palette, dark);
  mlr_abtest_painter_layout (WIDTH, HEIGHT, state, NULL, &layout);
  if (drag == DRAG_LIFT)
    {
      options.lock_view = TRUE;
      options.xmin = layout.plot.xmin;
      options.xmax = layout.plot.xmax;
    }
  options.busy = simulate;
  for (guint i = 0; i < frames; i++)
    {
      double phase = sin (2 * G_PI * i / 120.0);
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      gint64 start = g_get_monotonic_time ();
      double cpu_start = bench_cpu_ms ();
      const char *key;
      cairo_t *cr;

      switch (drag)
        {
        case DRAG_LIFT:
          key = "lift";
          g_ascii_formatd (value, sizeof value, "%.4f", 0.006 + 0.01 * phase);
          break;
        case DRAG_N:
          key = "n";
          g_snprintf (value, sizeof value, "%.0f", pow (10, 4 + 2 * phase));
          break;
        case DRAG_ALPHA:
        default:
          key = "alpha";
          g_ascii_formatd (value, sizeof value, "%.3f", 0.1 + 0.099 * phase);
          break;
        }
      mlr_params_set (params, key, value, NULL);
      mlr_abtest_state_apply_param (state, params, key, NULL);
      cr = cairo_create (surface);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_abtest_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = bench_cpu_ms () - cpu_start;
    }
  g_snprintf (label, sizeof label, "%s%s", name, dark ? " (dark)" : "");
  report (label, ms, cpu, frames);
  cairo_surface_destroy (surface);
}

/* Wall time of one simulation, median of @samples. */
static void
run_simulation (const char *name,
                const char *n,
                const char *runs,
                const char *peeks,
                guint       samples)
{
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("ab-test");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  g_autofree double *ms = g_new (double, samples);
  double draws = 0;

  mlr_params_set (params, "mode", "simulate", NULL);
  mlr_params_set (params, "lift", "0", NULL);
  mlr_params_set (params, "n", n, NULL);
  mlr_params_set (params, "runs", runs, NULL);
  mlr_params_set (params, "peeks", peeks, NULL);
  for (guint i = 0; i < samples; i++)
    {
      g_autoptr(MlrAbtestState) state = mlr_abtest_state_new (params, NULL);
      g_autoptr(MlrAbtestJob) job = mlr_abtest_state_new_job (state);
      gint64 start = g_get_monotonic_time ();
      g_autofree MlrAbtestSim *sim = mlr_abtest_job_run (job);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      draws = 2.0 * sim->runs * g_ascii_strtod (n, NULL);
    }
  printf ("%-48s median %7.1f ms  (%.0f Bernoulli draws, %.2f ns each)\n", name,
          median (ms, samples), draws, median (ms, samples) * 1e6 / draws);
  printf ("RESULT sim_%s_%s_%s %.0f\n", n, runs, peeks, median (ms, samples) * 1000);
}

/* The t-test's samples: N(0, 1) and N(0.01, 2), from the project's generator. */
static void
make_samples (double *a,
              double *b)
{
  MlrRng rng;

  mlr_rng_init (&rng, 7);
  for (guint i = 0; i < T_N; i++)
    {
      a[i] = mlr_rng_normal (&rng);
      b[i] = 0.01 + 2 * mlr_rng_normal (&rng);
    }
}

static void
write_samples (const char   *dir,
               const double *a,
               const double *b)
{
  const double *cols[2] = { a, b };
  const char *names[2] = { "a.csv", "b.csv" };

  g_mkdir_with_parents (dir, 0755);
  for (guint c = 0; c < 2; c++)
    {
      GString *s = g_string_new ("value\n");
      g_autofree char *path = g_build_filename (dir, names[c], NULL);

      for (guint i = 0; i < T_N; i++)
        {
          mlr_csv_append_number (s, cols[c][i]);
          g_string_append_c (s, '\n');
        }
      g_file_set_contents (path, s->str, s->len, NULL);
      g_string_free (s, TRUE);
    }
}

static void
run_tests (guint samples)
{
  g_autofree double *a = g_new (double, T_N);
  g_autofree double *b = g_new (double, T_N);
  g_autofree double *us = g_new (double, samples);
  MlrStatsTest out;

  make_samples (a, b);
  for (guint i = 0; i < samples; i++)
    {
      gint64 start = g_get_monotonic_time ();
      mlr_stats_welch_test (a, T_N, b, T_N, 0.05, &out, NULL);
      us[i] = g_get_monotonic_time () - start;
    }
  printf ("%-48s median %7.1f µs  (t = %.6f, p = %.6f)\n", "Welch t-test, 2 × 100,000 values",
          median (us, samples), out.statistic, out.p_value);
  printf ("RESULT welch_100000 %.1f\n", median (us, samples));
  for (guint i = 0; i < samples; i++)
    {
      gint64 start = g_get_monotonic_time ();
      mlr_stats_paired_test (a, b, T_N, 0.05, &out, NULL);
      us[i] = g_get_monotonic_time () - start;
    }
  printf ("%-48s median %7.1f µs\n", "paired t-test, 100,000 pairs", median (us, samples));
  printf ("RESULT paired_100000 %.1f\n", median (us, samples));
  for (guint i = 0; i < samples; i++)
    {
      gint64 start = g_get_monotonic_time ();
      for (guint k = 0; k < 1000; k++)
        mlr_stats_proportions_test (500 + k % 7, 10000, 560, 10000, 0.05, &out, NULL);
      us[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  printf ("%-48s median %7.3f µs\n", "two-proportion z-test", median (us, samples));
  printf ("RESULT proportions %.3f\n", median (us, samples));
}

int
main (int    argc,
      char **argv)
{
  gboolean quick = FALSE;
  const char *data = NULL;
  guint frames;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--quick"))
      quick = TRUE;
    else if (g_str_equal (argv[i], "--data") && i + 1 < argc)
      data = argv[++i];
  frames = quick ? 60 : 200;
  mlr_demo_registry_init ();
  if (data != NULL)
    {
      g_autofree double *a = g_new (double, T_N);
      g_autofree double *b = g_new (double, T_N);
      make_samples (a, b);
      write_samples (data, a, b);
    }

  printf ("ab-test painter, %dx%d, %u frames each\n", WIDTH, HEIGHT, frames);
  run_drag ("power: drag the lift (view locked)", DRAG_LIFT, FALSE, FALSE, frames);
  run_drag ("power: drag the lift (view locked)", DRAG_LIFT, FALSE, TRUE, frames);
  run_drag ("power: slide n over 100 to 10^6", DRAG_N, FALSE, FALSE, frames);
  run_drag ("power: slide alpha", DRAG_ALPHA, FALSE, FALSE, frames);
  run_drag ("simulate: drag the lift over stale bars", DRAG_LIFT, TRUE, FALSE, frames);
  run_drag ("simulate: slide n over stale bars", DRAG_N, TRUE, TRUE, frames);

  printf ("\nsimulations (on a worker thread in the app)\n");
  run_simulation ("2,000 runs × 10,000 users, 10 looks (lesson)", "10000", "2000", "10",
                  quick ? 3 : 5);
  run_simulation ("1,000 runs × 100,000 users, 10 looks (bound)", "100000", "1000", "10",
                  quick ? 1 : 3);
  run_simulation ("1 run × 10^8 users, 100 looks (bound)", "100000000", "1", "100",
                  quick ? 1 : 3);

  printf ("\nstatistics of ml-roadmap-cli ttest and proportions\n");
  run_tests (quick ? 5 : 21);
  return 0;
}
