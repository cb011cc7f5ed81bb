/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the threshold demo at 1280x800 on a cairo image surface, as the app paints
 * it, while the threshold is dragged back and forth: each frame applies the new threshold to
 * the state (what a pointer event does) and paints the picture as the widget does, with its
 * cache of the still parts (axes, histograms, curves, which a drag leaves alone). For 1,000 cases (the
 * lessons' size), 100,000 (the most the demo takes: the ROC and precision–recall curves have
 * about as many points), both with Platt scaling off and on.
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-threshold [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-threshold-painter.h"

#define WIDTH  1280
#define HEIGHT 800

static void
run (const char *n,
     gboolean    calibrate,
     guint       frames)
{
  g_autofree char *summary = NULL;
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("threshold"));
  g_autoptr(MlrThresholdState) state = NULL;
  g_autoptr(MlrThresholdPainterCache) cache = mlr_threshold_painter_cache_new ();
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  gint64 t_new;

  g_assert (mlr_params_set (params, "n", n, NULL));
  g_assert (mlr_params_set (params, "calibrate", calibrate ? "true" : "false", NULL));
  t_new = g_get_monotonic_time ();
  state = mlr_threshold_state_new (params, NULL);
  t_new = g_get_monotonic_time () - t_new;
  mlr_palette_init_default (&palette, FALSE);
  /* the first frame, as when the demo appears; not timed */
  mlr_threshold_painter_draw (cr, WIDTH, HEIGHT, &palette, state, cache, 1);

  for (guint f = 0; f < frames; f++)
    {
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      /* a hand dragging the line to and fro across the scores */
      g_ascii_formatd (value, sizeof value, "%.3f", 0.5 + 0.45 * sin (f * 2 * G_PI / 60));
      mlr_params_set (params, "threshold", value, NULL);
      mlr_threshold_state_apply_param (state, params, "threshold", NULL);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_threshold_painter_draw (cr, WIDTH, HEIGHT, &palette, state, cache, 1);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("n = %-7s %-9s %s | %u distinct scores, state built in %.1f ms, %u still-layer "
           "builds\n", n, calibrate ? "Platt" : "raw", summary,
           mlr_scores_get_n_groups (mlr_threshold_state_get_scores (state)), t_new / 1000.0,
           mlr_threshold_painter_cache_get_builds (cache));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 200;

  g_print ("threshold, %dx%d cairo image surface, dragging the threshold (%u frames)\n", WIDTH,
           HEIGHT, frames);
  run ("1000", FALSE, frames);
  run ("1000", TRUE, frames);
  run ("100000", FALSE, frames);
  run ("100000", TRUE, frames);
  return 0;
}
