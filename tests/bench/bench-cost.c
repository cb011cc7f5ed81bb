/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "training-cost" demo at 1280x800, as the widget works while a slider is dragged: each
 * frame sets the new value, makes the state from the parameters (the row has no
 * apply_param, so MlrDemo does the same) and paints — dragging the parameter count over its
 * log range, the MFU, and the tokens, in light and dark. Prints the median and 95th
 * percentile of 300 frames each, in wall-clock time and in this thread's CPU time (which
 * other processes on a busy machine do not inflate).
 *
 * usage: bench-cost
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-cost-painter.h"
#include "painters/mlr-demo-registry.h"

#define WIDTH 1280
#define HEIGHT 800
#define FRAMES 300

static void
report (const char *name,
        double     *ms,
        double     *cpu,
        guint       n)
{
  g_autofree char *summary = bench_frames_summary (ms, cpu, n);

  printf ("%-48s %s\n", name, summary);
}

static void
run_drag (const char *name,
          const char *key,
          double      lo,
          double      hi,
          gboolean    log_scale,
          gboolean    dark)
{
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("training-cost");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double ms[FRAMES], cpu[FRAMES];
  MlrPalette palette;
  char label[96];

  mlr_params_set (params, "zero", "2", NULL);
  mlr_palette_init_default (&palette, dark);
  for (guint i = 0; i < FRAMES; i++)
    {
      double t = 0.5 + 0.5 * sin (2 * G_PI * i / 150.0);
      double v = log_scale ? pow (10, log10 (lo) + t * (log10 (hi) - log10 (lo)))
                           : lo + t * (hi - lo);
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      gint64 start = g_get_monotonic_time ();
      double cpu_start = bench_cpu_ms ();
      MlrCostState *state;
      cairo_t *cr;

      g_ascii_formatd (value, sizeof value, "%.4g", v);
      if (!mlr_params_set (params, key, value, NULL))
        g_error ("%s=%s refused", key, value);
      state = mlr_cost_state_new (params, NULL);
      cr = cairo_create (surface);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_cost_painter_draw (cr, WIDTH, HEIGHT, &palette, state, TRUE);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      mlr_cost_state_free (state);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = bench_cpu_ms () - cpu_start;
    }
  g_snprintf (label, sizeof label, "%s%s", name, dark ? " (dark)" : "");
  report (label, ms, cpu, FRAMES);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  mlr_demo_registry_init ();
  printf ("training-cost at %dx%d, %d frames a drag\n", WIDTH, HEIGHT, FRAMES);
  for (int dark = 0; dark <= 1; dark++)
    {
      run_drag ("drag params_b 0.1 .. 2000 (log)", "params_b", 0.1, 2000, TRUE, dark);
      run_drag ("drag mfu 0.05 .. 0.8", "mfu", 0.05, 0.8, FALSE, dark);
      run_drag ("drag tokens_b 1 .. 100000 (log)", "tokens_b", 1, 100000, TRUE, dark);
    }
  return 0;
}
