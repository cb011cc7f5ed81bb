/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the "regression" demo at 1280x800 on a cairo image surface, as the app paints
 * it while a point is dragged: each frame moves a training point (so every fit of the error
 * curve, the noiseless fit and the 50 resampled fits are redone), then paints the plane, the
 * error-against-degree chart and the bias–variance view. Scenarios:
 *
 *  - "circle": the point moves along a small circle (x and y change: the training x's are new
 *    each frame, nothing cached survives) — the worst case of a drag;
 *  - "vertical": the point moves up and down only (same x's: the factorizations are reused);
 *  - "paint": nothing changes, only the repaint (a hover, a focus change).
 *
 * at the lesson's 40 points and at the demo's maximum of 500, at degree 3 and 15, with and
 * without the ridge penalty. Prints the median and the 95th percentile of wall-clock time and
 * of the thread's CPU time (steadier on a busy machine), and how much of the wall time the
 * refit alone took. The aim: p95 under 8 ms.
 *
 * usage: bench-regression [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-regression-painter.h"

#define WIDTH  1280
#define HEIGHT 800

typedef enum {
  CIRCLE,
  VERTICAL,
  PAINT,
} Scenario;

static void
run (guint       n,
     guint       degree,
     const char *alpha,
     Scenario    scenario,
     guint       frames)
{
  g_autofree char *summary = NULL;
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("regression"));
  g_autoptr(MlrRegressionState) state = NULL;
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  g_autofree double *fit_ms = g_new (double, frames);
  g_autofree char *n_text = g_strdup_printf ("%u", n);
  g_autofree char *d_text = g_strdup_printf ("%u", degree);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrRegressionPainterOptions options = { .hover = -1, .focused = TRUE };
  g_autoptr(MlrRegressionPainterCache) cache = mlr_regression_painter_cache_new ();
  const char *names[] = { "circle", "vertical", "paint" };
  MlrPalette palette;
  double x0, y0;
  guint moved = 0;

  g_assert_true (mlr_params_set (params, "n", n_text, NULL));
  g_assert_true (mlr_params_set (params, "degree", d_text, NULL));
  g_assert_true (mlr_params_set (params, "alpha", alpha, NULL));
  state = mlr_regression_state_new (params, NULL);
  g_assert_nonnull (state);
  while (mlr_regression_state_get_point (state, moved)->test)
    moved++;
  x0 = mlr_regression_state_get_point (state, moved)->x;
  y0 = mlr_regression_state_get_point (state, moved)->y;
  mlr_regression_state_set_selected (state, (int) moved);
  mlr_palette_init_default (&palette, FALSE);
  /* the first frame, as when the demo appears; not timed */
  mlr_regression_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options, cache);

  for (guint f = 0; f < frames; f++)
    {
      double a = f * 2 * G_PI / 40;
      gint64 t0 = g_get_monotonic_time (), t1;
      double c0 = bench_cpu_ms ();

      /* a small circle (or a bob), as a hand dragging the point */
      if (scenario == CIRCLE)
        mlr_regression_state_move_point (state, moved, CLAMP (x0 + 0.05 * cos (a), 0, 1),
                                         y0 + 0.3 * sin (a));
      else if (scenario == VERTICAL)
        mlr_regression_state_move_point (state, moved, x0, y0 + 0.3 * sin (a));
      t1 = g_get_monotonic_time ();
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_regression_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options, cache);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      fit_ms[f] = (t1 - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  summary = bench_frames_summary (ms, cpu, frames);
  qsort (fit_ms, frames, sizeof (double), bench_compare);
  g_print ("n %3u  degree %2u  alpha %-5s %-8s %s | refit median %5.2f  p95 %5.2f ms\n", n,
           degree, alpha, names[scenario], summary, fit_ms[frames / 2],
           fit_ms[(guint) (frames * 0.95)]);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 200;
  const struct { guint n, degree; const char *alpha; } cases[] = {
    { 40, 3, "0" }, { 40, 15, "0" }, { 40, 15, "1e-4" }, { 500, 3, "0" }, { 500, 15, "0" },
    { 500, 15, "1e-4" },
  };

  mlr_demo_registry_init ();
  g_print ("regression, %dx%d cairo image surface, sine truth, noise 0.3, half the points "
           "held out; %d resampled fits\n", WIDTH, HEIGHT, MLR_REGRESSION_RESAMPLES);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int s = CIRCLE; s <= PAINT; s++)
      run (cases[i].n, cases[i].degree, cases[i].alpha, s, frames);
  return 0;
}
