/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the forecast demo at 1280x800 on a cairo image surface, as the app paints
 * it, while a parameter changes every frame (what dragging the α slider or holding a key
 * does): the state applies it — all six methods refitted and scored — and the picture is
 * painted. On the built-in monthly demand (96 values) with the held-out window and with
 * walk-forward, on the random walk with 48 walk-forward origins, and on an imported series
 * of 2,000 values (the most the demo takes).
 *
 * Then the methods alone on 100,000 values: mlr_forecast_run() with a horizon of 1,000 and
 * mlr_forecast_evaluate() on the last 10,000 — the numbers to set beside NumPy's
 * (tests/bench/numpy_bench_forecast.py, which times the command end to end).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-forecast [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "ml/mlr-rng.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-forecast-painter.h"

#define WIDTH  1280
#define HEIGHT 800

static double *
seasonal (guint n,
          guint m)
{
  double *y = g_new (double, n);
  MlrRng rng;

  mlr_rng_init (&rng, 16);
  for (guint t = 0; t < n; t++)
    y[t] = 500 + 0.05 * t + 40 * sin (2 * G_PI * t / m) + 8 * mlr_rng_normal (&rng);
  return y;
}

/* @key changes every frame, between @lo and @hi. @own: an imported series of that many
 * values instead of the built-in one. */
static void
run (const char *label,
     const char *series,
     const char *evaluation,
     const char *method,
     const char *test,
     const char *key,
     double      lo,
     double      hi,
     guint       own,
     guint       frames)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("forecast"));
  g_autoptr(MlrForecastState) state = NULL;
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;

  g_assert (mlr_params_set (params, "series", series, NULL));
  g_assert (mlr_params_set (params, "evaluation", evaluation, NULL));
  g_assert (mlr_params_set (params, "method", method, NULL));
  g_assert (mlr_params_set (params, "test", test, NULL));
  state = mlr_forecast_state_new (params, NULL);
  if (own > 0)
    {
      g_autofree double *y = seasonal (own, 12);
      g_assert (mlr_forecast_state_set_series (state, y, own, "bench.csv", NULL));
    }
  mlr_palette_init_default (&palette, FALSE);
  mlr_forecast_painter_draw (cr, WIDTH, HEIGHT, &palette, state);  /* not timed */

  for (guint f = 0; f < frames; f++)
    {
      char value[32];
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();
      /* a hand dragging the slider back and forth */
      double v = lo + (hi - lo) * fabs (((f % 40) / 20.0) - 1);

      if (g_str_equal (key, "alpha") || g_str_equal (key, "gamma"))
        g_ascii_formatd (value, sizeof value, "%.2f", v);
      else
        g_snprintf (value, sizeof value, "%d", (int) round (v));
      g_assert (mlr_params_set (params, key, value, NULL));
      g_assert (mlr_forecast_state_apply_param (state, params, key, NULL));
      mlr_forecast_painter_draw (cr, WIDTH, HEIGHT, &palette, state);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  if (g_getenv ("MLR_BENCH_PNG_DIR") != NULL)
    {
      /* to look at what was timed: MLR_BENCH_PNG_DIR=/tmp bench-forecast */
      g_autofree char *name = g_strdup_printf ("bench-forecast-%s-%u.png", series, own);
      g_autofree char *path = g_build_filename (g_getenv ("MLR_BENCH_PNG_DIR"), name, NULL);
      cairo_surface_write_to_png (surface, path);
    }
  {
    g_autofree char *summary = bench_frames_summary (ms, cpu, frames);
    g_print ("%-48s %s\n", label, summary);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
methods (guint repeats)
{
  guint n = 100000;
  g_autofree double *y = seasonal (n, 12);
  MlrForecastSettings s = { 0.3, 0.1, 0.2, 12 };

  g_print ("the methods alone on %u values (median of %u):\n", n, repeats);
  for (int m = 0; m < MLR_FORECAST_N_METHODS; m++)
    {
      g_autofree double *run_ms = g_new (double, repeats);
      g_autofree double *eval_ms = g_new (double, repeats);
      for (guint r = 0; r < repeats; r++)
        {
          MlrForecastAccuracy acc;
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(MlrForecast) fc = mlr_forecast_run (y, n, m, &s, 1000, NULL);
          gint64 t1 = g_get_monotonic_time ();
          g_assert (fc != NULL);
          g_assert (mlr_forecast_evaluate (y, n, 10000, m, &s, FALSE, &acc, NULL));
          run_ms[r] = (t1 - t0) / 1000.0;
          eval_ms[r] = (g_get_monotonic_time () - t1) / 1000.0;
        }
      qsort (run_ms, repeats, sizeof (double), bench_compare);
      qsort (eval_ms, repeats, sizeof (double), bench_compare);
      g_print ("  %-13s forecast horizon 1000: %6.3f ms   test 10000: %6.3f ms\n",
               mlr_forecast_method_id (m), run_ms[repeats / 2], eval_ms[repeats / 2]);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 300;

  mlr_demo_registry_init ();
  g_print ("forecast, %dx%d cairo image surface (%u frames)\n", WIDTH, HEIGHT, frames);
  run ("demand 96, Holt-Winters, window, dragging alpha", "demand", "window", "holt-winters",
       "12", "alpha", 0.05, 0.95, 0, frames);
  run ("demand 96, Holt-Winters, walk-forward, gamma", "demand", "rolling", "holt-winters",
       "24", "gamma", 0.0, 1.0, 0, frames);
  run ("stock 150, naive, walk-forward 48, horizon", "stock", "rolling", "naive", "48",
       "horizon", 1, 48, 0, frames);
  run ("demand 96, SES, held-out window 1..48", "demand", "window", "ses", "12", "test", 1, 48,
       0, frames);
  run ("imported 2000, Holt-Winters, walk-forward 48, alpha", "demand", "rolling",
       "holt-winters", "48", "alpha", 0.05, 0.95, 2000, frames);
  methods (11);
  return 0;
}
