/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the drift demo at 1280x800 on a cairo image surface, as the app paints it
 * while a slider is dragged: each frame sets a new mean shift (or concept shift), applies it
 * to the state as the widget does (mlr_drift_state_apply_param: every week re-scored from its
 * kept draws, merged, binned, KS and accuracy) and paints. Three settings: the lesson's (12
 * weeks of 500), a year of 1,000 a week, and the largest the table allows (52 weeks of
 * 5,000).
 *
 * Then the statistics alone, as `ml-roadmap-cli drift` runs them: mlr_drift_compare() (PSI,
 * KS with its p-value, Wasserstein) on two sorted samples of 100,000, the numbers to set beside
 * SciPy's (tests/bench/scipy_bench_drift.py).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms for the lesson's setting.
 *
 * usage: bench-drift [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "ml/mlr-rng.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-drift-painter.h"

#define WIDTH  1280
#define HEIGHT 800

static void
run (const char *label,
     const char *key,
     const char *weeks,
     const char *n,
     guint       frames)
{
  g_autofree char *summary = NULL;
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("drift");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  g_autoptr(MlrDriftState) state = NULL;

  g_assert (mlr_params_set (params, "weeks", weeks, NULL));
  g_assert (mlr_params_set (params, "n", n, NULL));
  state = mlr_drift_state_new (params, NULL);
  mlr_palette_init_default (&palette, FALSE);
  for (guint f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();
      char value[32];

      /* a drag back and forth over −3 … 3 */
      g_ascii_formatd (value, sizeof value, "%.2f", 3 * sin (f * 0.05));
      mlr_params_set (params, key, value, NULL);
      mlr_drift_state_apply_param (state, params, key, NULL);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_drift_painter_draw (cr, WIDTH, HEIGHT, &palette, state);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }
  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("%-44s %s\n", label, summary);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
statistics_alone (gsize  n,
                  guint  repeats)
{
  g_autofree double *a = g_new (double, n);
  g_autofree double *b = g_new (double, n);
  g_autofree double *ms = g_new (double, repeats);
  MlrDriftStats stats = { 0 };
  MlrRng rng;

  mlr_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      a[i] = mlr_rng_normal (&rng);
      b[i] = 0.02 + mlr_rng_normal (&rng);
    }
  for (guint r = 0; r < repeats; r++)
    {
      g_autofree double *sa = g_memdup2 (a, n * sizeof (double));
      g_autofree double *sb = g_memdup2 (b, n * sizeof (double));
      gint64 t0 = g_get_monotonic_time ();

      mlr_drift_sort (sa, n);
      mlr_drift_sort (sb, n);
      mlr_drift_compare (sa, n, sb, n, 10, &stats);
      ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (ms, repeats, sizeof (double), bench_compare);
  g_print ("sort + mlr_drift_compare, 2 x %" G_GSIZE_FORMAT ": median %7.2f ms (psi %.4f, "
           "ks %.4f, p %.4g)\n", n, ms[repeats / 2], stats.psi, stats.ks_statistic,
           stats.ks_p_value);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 300;

  mlr_demo_registry_init ();
  run ("mean shift drag, 12 weeks x 500 (lesson)", "mean_shift", "12", "500", frames);
  run ("concept shift drag, 12 weeks x 500", "concept_shift", "12", "500", frames);
  run ("mean shift drag, 52 weeks x 1000", "mean_shift", "52", "1000", frames);
  run ("mean shift drag, 52 weeks x 5000 (largest)", "mean_shift", "52", "5000",
       MAX (frames / 10, 20));
  statistics_alone (100000, 11);
  return 0;
}
