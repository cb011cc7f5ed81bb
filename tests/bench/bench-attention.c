/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the attention demo at 1280x800 on a cairo image surface, as the app paints
 * it: while a component of the selected word vector is dragged (each frame sets the
 * "vectors" parameter with that component changed, what a drag update does: the state
 * recomputes both heads, then the picture is painted), while the selection walks along the
 * sentence (the arrows), and with the causal mask on at a low temperature.
 *
 * Then the layer alone: mlr_attention_compute() on random Q, K, V of 512 and 1024 tokens,
 * d_k = d_v = 64, the number to set beside NumPy's (tests/bench/numpy_bench_attention.py).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-attention [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "ml/mlr-rng.h"
#include "painters/mlr-attention-painter.h"
#include "painters/mlr-demo-registry.h"

#define WIDTH  1280
#define HEIGHT 800

/* @editing: drag a component every frame, else move the selection. */
static void
run (const char *label,
     const char *sentence,
     const char *causal,
     const char *temperature,
     gboolean    editing,
     guint       frames)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("attention"));
  g_autoptr(MlrAttentionState) state = NULL;
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrAttentionPaintOptions options = { TRUE, 2 };
  MlrPalette palette;
  guint n;

  g_assert (mlr_params_set (params, "sentence", sentence, NULL));
  g_assert (mlr_params_set (params, "causal", causal, NULL));
  g_assert (mlr_params_set (params, "temperature", temperature, NULL));
  state = mlr_attention_state_new (params, NULL);
  n = mlr_attention_state_get_n_tokens (state);
  mlr_palette_init_default (&palette, FALSE);
  mlr_attention_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);  /* not timed */

  for (guint f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      if (editing)
        {
          /* a hand dragging up and down: −2 .. 2 in steps of 0.05 */
          double v = round (40 * sin (f * 0.07)) / 20;
          g_autofree char *vectors =
            mlr_attention_state_format_vectors (state,
                                                mlr_attention_state_get_selected (state), 2, v);
          mlr_params_set (params, "vectors", vectors, NULL);
          mlr_attention_state_apply_param (state, params, "vectors", NULL);
        }
      else
        {
          char value[16];
          g_snprintf (value, sizeof value, "%u", f % n);
          mlr_params_set (params, "token", value, NULL);
          mlr_attention_state_apply_param (state, params, "token", NULL);
        }
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_attention_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  {
    g_autofree char *summary = bench_frames_summary (ms, cpu, frames);
    g_print ("%-44s %s\n", label, summary);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
layer (guint n,
       guint d,
       guint repeats)
{
  g_autofree double *q = g_new (double, (gsize) n * d);
  g_autofree double *k = g_new (double, (gsize) n * d);
  g_autofree double *v = g_new (double, (gsize) n * d);
  g_autofree double *w = g_new (double, (gsize) n * n);
  g_autofree double *out = g_new (double, (gsize) n * d);
  g_autofree double *ms = g_new (double, repeats);
  g_autofree double *cpu = g_new (double, repeats);
  MlrRng rng;

  mlr_rng_init (&rng, 16);
  for (gsize i = 0; i < (gsize) n * d; i++)
    {
      q[i] = mlr_rng_range (&rng, -1, 1);
      k[i] = mlr_rng_range (&rng, -1, 1);
      v[i] = mlr_rng_range (&rng, -1, 1);
    }
  for (guint r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();
      mlr_attention_compute (q, k, v, n, n, d, d, FALSE, 1, w, out);
      ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[r] = bench_cpu_ms () - c0;
    }
  qsort (ms, repeats, sizeof (double), bench_compare);
  qsort (cpu, repeats, sizeof (double), bench_compare);
  g_print ("mlr_attention_compute n %u, d_k = d_v = %u, no mask: median %.2f ms (cpu %.2f)\n",
           n, d, ms[repeats / 2], cpu[repeats / 2]);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 300;

  mlr_demo_registry_init ();
  g_print ("attention, %dx%d cairo image surface (%u frames)\n", WIDTH, HEIGHT, frames);
  run ("cat sentence, dragging a vector component", "cat", "false", "1", TRUE, frames);
  run ("cat sentence, causal, T 0.1, dragging", "cat", "true", "0.1", TRUE, frames);
  run ("bank sentence, moving the selection", "bank", "false", "1", FALSE, frames);
  layer (512, 64, 11);
  layer (1024, 64, 7);
  return 0;
}
