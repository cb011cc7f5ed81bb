/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the convolution demo at 1280x800 on a cairo image surface, as the app paints
 * it: while the pointer sweeps over the feature map (each frame moves the selected output
 * pixel, what a motion event does, and paints), and while a kernel weight is changed every
 * frame (the feature map is recomputed, then painted). On the built-in 64×64 image with a
 * 3×3 kernel, with a 5×5 kernel, padding and pooling, on a 128×128 picture (the largest
 * "Open image…" makes) and on a 256×256 one set through the state.
 *
 * Then the layer alone: mlr_conv_correlate() on a 512×512 matrix with a 3×3 and a 5×5 kernel,
 * the number to set beside SciPy's correlate2d (tests/bench/scipy_bench_conv.py).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-conv [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "ml/mlr-rng.h"
#include "painters/mlr-conv-painter.h"
#include "painters/mlr-demo-registry.h"

#define WIDTH  1280
#define HEIGHT 800

static MlrConvGrid *
picture (guint side)
{
  MlrConvGrid *g = mlr_conv_grid_new (side, side);

  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      g->values[y * side + x] = 0.5 + 0.5 * sin (x * 0.21) * cos (y * 0.13 + x * 0.02);
  return g;
}

/* @image_side 0: the built-in image. @editing: change a weight every frame, else move the
 * selected pixel. */
static void
run (const char *label,
     const char *kernel,
     const char *padding,
     gboolean    pool,
     guint       image_side,
     gboolean    editing,
     guint       frames)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("convolution"));
  g_autoptr(MlrConvState) state = NULL;
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrConvPaintOptions options = { TRUE, 4 };
  MlrPalette palette;
  const MlrConvGrid *feat;

  g_assert (mlr_params_set (params, "kernel", kernel, NULL));
  g_assert (mlr_params_set (params, "padding", padding, NULL));
  g_assert (mlr_params_set (params, "pool", pool ? "true" : "false", NULL));
  state = mlr_conv_state_new (params, NULL);
  if (image_side > 0)
    {
      g_autoptr(MlrConvGrid) g = picture (image_side);
      g_assert (mlr_conv_state_set_image (state, g, "bench", NULL));
    }
  mlr_palette_init_default (&palette, FALSE);
  mlr_conv_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);  /* not timed */
  feat = mlr_conv_state_get_feature (state);

  for (guint f = 0; f < frames; f++)
    {
      char value[32];
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      if (editing)
        {
          guint k;
          const double *w = mlr_conv_state_get_weights (state, &k);
          GString *s = g_string_new (NULL);
          for (guint i = 0; i < k * k; i++)
            g_string_append_printf (s, "%s%d", i ? "," : "",
                                    i == 4 ? (int) (f % 7) - 3 : (int) w[i]);
          mlr_params_set (params, "weights", s->str, NULL);
          mlr_conv_state_apply_param (state, params, "weights", NULL);
          g_string_free (s, TRUE);
        }
      else
        {
          /* a hand sweeping across the map, row after row */
          g_snprintf (value, sizeof value, "%u", (f * 3) % feat->width);
          mlr_params_set (params, "x", value, NULL);
          mlr_conv_state_apply_param (state, params, "x", NULL);
          g_snprintf (value, sizeof value, "%u", (f / 7) % feat->height);
          mlr_params_set (params, "y", value, NULL);
          mlr_conv_state_apply_param (state, params, "y", NULL);
        }
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_conv_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);
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
layer (guint k,
       guint repeats)
{
  g_autoptr(MlrConvGrid) in = mlr_conv_grid_new (512, 512);
  g_autofree double *ms = g_new (double, repeats);
  double w[25];
  MlrRng rng;

  mlr_rng_init (&rng, 16);
  for (guint i = 0; i < 512 * 512; i++)
    in->values[i] = mlr_rng_uniform (&rng);
  for (guint i = 0; i < k * k; i++)
    w[i] = mlr_rng_range (&rng, -1, 1);
  for (guint r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(MlrConvGrid) out = mlr_conv_correlate (in, w, k, 1, k / 2, NULL);
      ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert (out != NULL);
    }
  qsort (ms, repeats, sizeof (double), bench_compare);
  g_print ("mlr_conv_correlate 512x512, %ux%u, padding %u (same size): median %.2f ms\n", k, k,
           k / 2, ms[repeats / 2]);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 300;

  g_print ("convolution, %dx%d cairo image surface (%u frames)\n", WIDTH, HEIGHT, frames);
  run ("64x64 digit, Sobel x, hover", "sobel-x", "0", FALSE, 0, FALSE, frames);
  run ("64x64 digit, Gaussian 5x5, pad 2, pool, hover", "gaussian5", "2", TRUE, 0, FALSE,
       frames);
  run ("128x128 picture, Sobel x, hover", "sobel-x", "1", FALSE, 128, FALSE, frames);
  run ("256x256 picture, Sobel x, hover", "sobel-x", "1", FALSE, 256, FALSE, frames);
  run ("256x256 picture, 3x3, editing a weight", "sobel-x", "1", TRUE, 256, TRUE, frames);
  run ("64x64 digit, 3x3, editing a weight", "sobel-x", "0", FALSE, 0, TRUE, frames);
  layer (3, 21);
  layer (5, 21);
  return 0;
}
