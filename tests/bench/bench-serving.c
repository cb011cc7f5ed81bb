/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "serving" demo at 1280x800, as the widget works: each frame of a drag applies the new
 * value to the state (mlr_serving_state_apply_param, as MlrDemo does) and paints — dragging
 * the rate on the p99 chart (a new run of the default 20,000 requests, the sweep kept),
 * sliding max_batch, the batch timeout or the replicas (a new run; the sweep goes stale and
 * the widget computes it on a worker thread, so the frame paints the faint old one), and
 * playing the live queue (the playhead moves, no run); dragging the rate with 200,000
 * requests (the most the control offers), whose run the widget makes on a worker thread, and
 * the same made on this thread as before. Then that run and the sweep itself (18 runs of
 * 10,000 requests), the worker thread's job. Prints the median and 95th percentile of the frames, in wall-clock time and in this
 * thread's CPU time (which other processes on a busy machine do not inflate).
 *
 * Then the simulator alone: 1,000,000 requests (M/M/1 at ρ = 0.7, and the demo's batching
 * defaults at 400 req/s), median of 5 runs.
 *
 * usage: bench-serving [--quick]
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-serving-painter.h"

#define WIDTH 1280
#define HEIGHT 800

static void
report (const char *name,
        double     *ms,
        double     *cpu,
        guint       n)
{
  g_autofree char *summary = bench_frames_summary (ms, cpu, n);

  printf ("%-52s %s\n", name, summary);
}

typedef enum {
  DRAG_RATE,
  DRAG_MAX_BATCH,
  DRAG_TIMEOUT,
  DRAG_REPLICAS,
  PLAY,
} Drag;

/* @requests: NULL for the default; @deferred: whether the state leaves large runs to a worker
 * thread, as the widget's does (the worker's part is not in the frame: measured below) */
static void
run_drag_with (const char *name,
               Drag        drag,
               gboolean    dark,
               guint       frames,
               const char *requests,
               gboolean    deferred)
{
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("serving");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  g_autoptr(MlrServingState) state = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  MlrPalette palette;
  char label[96];

  if (requests != NULL)
    g_assert (mlr_params_set (params, "requests", requests, NULL));
  state = mlr_serving_state_new (params, NULL);
  g_assert (state != NULL);
  mlr_serving_state_set_deferred (state, deferred);
  mlr_palette_init_default (&palette, dark);
  for (guint i = 0; i < frames; i++)
    {
      double phase = sin (2 * G_PI * i / 120.0);
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      gint64 start = g_get_monotonic_time ();
      double cpu_start = bench_cpu_ms ();
      const char *key = NULL;
      cairo_t *cr;

      switch (drag)
        {
        case DRAG_RATE:
          /* offered load 0.1 to 1.1 of the default capacity, 615 req/s */
          key = "rate";
          g_ascii_formatd (value, sizeof value, "%.1f", 615.4 * (0.6 + 0.5 * phase));
          break;
        case DRAG_MAX_BATCH:
          key = "max_batch";
          g_snprintf (value, sizeof value, "%d", (int) lround (9 + 7 * phase));
          break;
        case DRAG_TIMEOUT:
          key = "batch_timeout_ms";
          g_ascii_formatd (value, sizeof value, "%.1f", 25 + 24.5 * phase);
          break;
        case DRAG_REPLICAS:
          key = "replicas";
          g_snprintf (value, sizeof value, "%d", (int) lround (2 + phase));
          break;
        case PLAY:
        default:
          mlr_serving_state_set_cursor (state, mlr_serving_state_get_trace (state)->end_ms *
                                        (i % 240) / 240.0);
          break;
        }
      if (key != NULL)
        {
          mlr_params_set (params, key, value, NULL);
          mlr_serving_state_apply_param (state, params, key, NULL);
          /* the sweep is the widget's worker thread's; measured on its own below */
        }
      cr = cairo_create (surface);
      mlr_serving_painter_draw (cr, WIDTH, HEIGHT, &palette, state, TRUE);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = bench_cpu_ms () - cpu_start;
    }
  g_snprintf (label, sizeof label, "%s%s", name, dark ? " (dark)" : "");
  report (label, ms, cpu, frames);
  cairo_surface_destroy (surface);
}

static void
run_drag (const char *name,
          Drag        drag,
          gboolean    dark,
          guint       frames)
{
  run_drag_with (name, drag, dark, frames, NULL, TRUE);
}

static void
run_million (const char             *name,
             const MlrServingConfig *config)
{
  double ms[5], cpu[5];
  MlrServingSummary s = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = bench_cpu_ms ();

      g_assert (mlr_serving_simulate (config, &s, NULL, NULL, NULL));
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = bench_cpu_ms () - cpu_start;
    }
  report (name, ms, cpu, G_N_ELEMENTS (ms));
  printf ("    (%u completed, p99 %.2f ms, %u batches)\n", s.completed, s.p99_ms, s.batches);
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = argc > 1 && strcmp (argv[1], "--quick") == 0;
  guint frames = quick ? 40 : 240;
  MlrServingConfig mm1 = {
    .rate = 700, .replicas = 1, .max_batch = 1, .batch_timeout_ms = 0, .overhead_ms = 0,
    .per_item_ms = 1, .service = MLR_SERVING_EXPONENTIAL, .queue_cap = MLR_SERVING_MAX_QUEUE,
    .requests = MLR_SERVING_MAX_REQUESTS, .seed = 1,
  };
  MlrServingConfig batching = {
    .rate = 400, .replicas = 1, .max_batch = 8, .batch_timeout_ms = 5, .overhead_ms = 5,
    .per_item_ms = 1, .service = MLR_SERVING_EXPONENTIAL, .queue_cap = 1000,
    .requests = MLR_SERVING_MAX_REQUESTS, .seed = 1,
  };

  mlr_demo_registry_init ();
  printf ("serving demo, %dx%d, %u frames each\n", WIDTH, HEIGHT, frames);
  run_drag ("drag the rate on the p99 chart", DRAG_RATE, FALSE, frames);
  run_drag ("drag the rate on the p99 chart", DRAG_RATE, TRUE, frames);
  run_drag ("slide max_batch", DRAG_MAX_BATCH, FALSE, frames);
  run_drag ("slide batch_timeout_ms", DRAG_TIMEOUT, FALSE, frames);
  run_drag ("slide replicas", DRAG_REPLICAS, FALSE, frames);
  run_drag ("play the live queue", PLAY, FALSE, frames);
  /* the most the Requests control offers: the widget runs it on a worker thread */
  run_drag_with ("drag the rate, 200,000 requests, run on this thread", DRAG_RATE, FALSE,
                 frames / 4, "200000", FALSE);
  run_drag_with ("drag the rate, 200,000 requests, run on a worker", DRAG_RATE, FALSE,
                 frames, "200000", TRUE);
  {
    MlrServingConfig c = batching;
    double ms[9], cpu[9];

    c.requests = 200000;
    for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
      {
        gint64 start = g_get_monotonic_time ();
        double cpu_start = bench_cpu_ms ();
        g_autoptr(MlrServingRun) run = mlr_serving_run_compute (&c);

        g_assert (run != NULL);
        ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        cpu[i] = bench_cpu_ms () - cpu_start;
      }
    report ("that run (worker thread), 200,000 requests", ms, cpu, G_N_ELEMENTS (ms));
  }
  {
    const MlrDemoKind *kind = mlr_demo_registry_lookup ("serving");
    g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
    g_autoptr(MlrServingState) state = mlr_serving_state_new (params, NULL);
    double ms[9], cpu[9], p99[MLR_SERVING_SWEEP_POINTS];

    for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
      {
        gint64 start = g_get_monotonic_time ();
        double cpu_start = bench_cpu_ms ();

        mlr_serving_sweep_compute (mlr_serving_state_get_config (state), p99);
        ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        cpu[i] = bench_cpu_ms () - cpu_start;
      }
    report ("the sweep (worker thread), 18 x 10,000 requests", ms, cpu, G_N_ELEMENTS (ms));
  }
  printf ("\nsimulator, 1,000,000 requests, median of 5\n");
  run_million ("M/M/1, rho 0.7", &mm1);
  run_million ("batching defaults (max_batch 8, 400 req/s)", &batching);
  return 0;
}
