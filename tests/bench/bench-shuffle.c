/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the shuffle demo at 1280x800 on a cairo image surface, as the app paints it
 * while a slider is dragged: each frame sets the parameter to the slider's next value, makes
 * the new state (the Zipf shares, the hashing, both stages scheduled) and paints it. Sliders:
 * the Zipf exponent (0 … 3), the salt (1 … 64), the partitions (1 … 20,000, log), the rows
 * (10⁶ … 10¹¹, log, up to 74,506 map tasks), and the exponent again on the largest cluster
 * (3,200 slots, 20,000 partitions, 10¹¹ rows).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-shuffle [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-shuffle-painter.h"

#define WIDTH  1280
#define HEIGHT 800

/* Drags @key from @lo to @hi and back (on a log scale when @log), @frames steps. The rest
 * of the parameters are KEY, VALUE pairs ending with NULL. */
static void
run (const char *label,
     const char *key,
     double      lo,
     double      hi,
     gboolean    log_scale,
     gboolean    integer,
     guint       frames,
     ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("shuffle"));
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  g_autofree char *summary = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  va_list ap;

  va_start (ap, frames);
  for (const char *k = va_arg (ap, const char *); k; k = va_arg (ap, const char *))
    g_assert (mlr_params_set (params, k, va_arg (ap, const char *), NULL));
  va_end (ap);
  mlr_palette_init_default (&palette, FALSE);

  for (guint f = 0; f < frames; f++)
    {
      double t = 0.5 - 0.5 * cos (2 * G_PI * f / frames);   /* there and back */
      double v = log_scale ? exp (log (lo) + t * (log (hi) - log (lo))) : lo + t * (hi - lo);
      char value[32];
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();
      MlrShuffleState *state;

      if (integer)
        g_snprintf (value, sizeof value, "%.0f", round (v));
      else
        g_snprintf (value, sizeof value, "%.4g", v);
      g_assert (mlr_params_set (params, key, value, NULL));
      state = mlr_shuffle_state_new (params, NULL);
      mlr_shuffle_painter_draw (cr, WIDTH, HEIGHT, &palette, state);
      cairo_surface_flush (surface);
      mlr_shuffle_state_free (state);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("%-48s %s\n", label, summary);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) CLAMP (atoi (argv[1]), 20, 100000) : 200;

  mlr_demo_registry_init ();
  g_print ("shuffle demo, %dx%d, %u frames each (ms)\n", WIDTH, HEIGHT, frames);
  run ("drag zipf 0-3, collect", "zipf", 0, 3, FALSE, FALSE, frames,
       "operation", "groupby-collect", NULL);
  run ("drag salt 1-64, join", "salt", 1, 64, FALSE, TRUE, frames, "operation", "join", NULL);
  run ("drag partitions 1-20000, collect", "partitions", 1, 20000, TRUE, TRUE, frames,
       "operation", "groupby-collect", NULL);
  run ("drag rows 1e6-1e11, count", "rows", 1e6, 1e11, TRUE, FALSE, frames,
       "operation", "groupby-count", NULL);
  run ("drag zipf, 3200 slots, 20000 parts, 1e11 rows", "zipf", 0, 3, FALSE, FALSE, frames,
       "operation", "join", "executors", "200", "cores", "16", "partitions", "20000",
       "rows", "1e11", "keys", "1e9", "salt", "64", "broadcast_mb", "0", NULL);
  return 0;
}
