/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame time of the distribution demo at 1280x800 on a cairo image surface, as the widget
 * paints it (with its cache): 300 frames each
 *  - dragging x across the picture (every frame moves x, reads the density and the CDF there
 *    and repaints) for each kind, and in mode clt;
 *  - animating the draws as the widget does (the rate grows with what is drawn; at most
 *    30,000 single draws a frame), from nothing to 100,000 samples, and to 1,000 means of
 *    1,000 draws;
 *  - catching up after a parameter change with a full budget of a million draws, 30,000 a
 *    frame (binomial and beta: the slowest samplers).
 * Prints the median and the 95th percentile of the wall-clock time and of the thread's CPU
 * time (steadier on a busy machine). The aim: a 95th percentile under 8 ms.
 *
 * With --draws it prints instead what one draw (and one density, one CDF) costs for each
 * sampler, as "RESULT name ns", for numpy_bench_distribution.py to set beside NumPy's.
 *
 * usage: bench-distribution [FRAMES] | bench-distribution --draws
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-distribution-painter.h"

#define WIDTH  1280
#define HEIGHT 800
#define FRAME_DRAWS 30000   /* as the widget (mlr-distribution-demo.c) */

typedef enum {
  DRAG,
  ANIMATE,
  CATCH_UP,
} Scenario;

static MlrParams *
params_from (const char * const *assignments)
{
  MlrParams *params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("distribution"));

  for (guint i = 0; assignments[i]; i++)
    if (!mlr_params_parse_assignment (params, assignments[i], NULL))
      g_error ("bad assignment %s", assignments[i]);
  return params;
}

static void
run (const char         *name,
     const char * const *assignments,
     Scenario            scenario,
     guint               frames)
{
  g_autofree char *summary = NULL;
  g_autoptr(MlrParams) params = params_from (assignments);
  g_autoptr(MlrDistributionState) state = mlr_distribution_state_new (params, NULL);
  g_autoptr(MlrDistributionPainterCache) cache = mlr_distribution_painter_cache_new ();
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrDistributionPainterOptions options = { .focused = TRUE, .dragging = TRUE };
  MlrPalette palette;
  double lo, hi, debt = 1;
  guint per, done = 0;

  mlr_palette_init_default (&palette, FALSE);
  mlr_distribution_state_get_view (state, &lo, &hi);
  per = mlr_distribution_state_get_mode (state) == MLR_DISTRIBUTION_MODE_CLT
        ? mlr_distribution_state_get_n (state) : 1;
  if (scenario == ANIMATE)
    mlr_distribution_state_rewind (state);
  mlr_distribution_state_set_apply_budget (state, FRAME_DRAWS);
  /* the first frame samples the density, as when the demo appears; not timed */
  mlr_distribution_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options, cache);

  for (guint f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      switch (scenario)
        {
        case DRAG:
          /* back and forth across the picture, as a hand would */
          mlr_distribution_state_set_x (state, lo + (hi - lo) *
                                        (0.5 + 0.45 * sin (f * 2 * G_PI / 120)));
          break;
        case ANIMATE:
          {
            double rate = MAX (6.0, 1.2 * mlr_distribution_state_get_drawn (state));
            double k;
            debt += rate / 60;
            k = MIN (floor (debt), MAX (1, FRAME_DRAWS / per));
            debt -= k;
            if (mlr_distribution_state_draw (state, (guint) k) == 0)
              {
                mlr_distribution_state_rewind (state);
                debt = 1;
              }
            done++;
          }
          break;
        case CATCH_UP:
          if (mlr_distribution_state_catch_up (state, FRAME_DRAWS))
            {
              /* settled: the next change, a slider's step */
              g_autoptr(MlrParams) p = params_from (assignments);
              char buf[32];
              const char *key = mlr_distribution_state_param_relevant (state, "alpha")
                                ? "alpha" : "p";
              mlr_distribution_state_read_params (state, p);
              g_ascii_formatd (buf, sizeof buf, "%.6g",
                               mlr_params_get_double (p, key) * (f % 2 ? 1.01 : 0.99));
              mlr_params_set (p, key, buf, NULL);
              mlr_distribution_state_apply_param (state, p, key, NULL);
              done++;
            }
          break;
        }
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_distribution_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options, cache);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("%-44s %s ms  (%u frames, %u density builds", name, summary, frames,
           mlr_distribution_painter_cache_get_builds (cache));
  if (scenario == CATCH_UP)
    g_print (", %u changes caught up", done);
  g_print (")\n");
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ns per call, the median of 5 runs of @reps calls */
static void
time_draws (const char *name,
            MlrDistKind kind,
            double      p0,
            double      p1)
{
  MlrDistribution d;
  double runs[5][3];
  const guint reps = 200000;
  double sink = 0;

  mlr_distribution_init (&d, kind, p0, p1, NULL);
  for (int r = 0; r < 5; r++)
    {
      MlrRng rng;
      double lo, hi, c0;

      mlr_rng_init (&rng, r);
      c0 = bench_cpu_ms ();
      for (guint i = 0; i < reps; i++)
        sink += mlr_distribution_sample (&d, &rng);
      runs[r][0] = (bench_cpu_ms () - c0) * 1e6 / reps;
      lo = mlr_distribution_quantile (&d, 0.001);
      hi = mlr_distribution_quantile (&d, 0.999);
      c0 = bench_cpu_ms ();
      for (guint i = 0; i < reps / 10; i++)
        sink += mlr_distribution_pdf (&d, mlr_distribution_is_discrete (&d)
                                      ? floor (lo + (hi - lo) * i / (reps / 10))
                                      : lo + (hi - lo) * i / (reps / 10));
      runs[r][1] = (bench_cpu_ms () - c0) * 1e6 / (reps / 10);
      c0 = bench_cpu_ms ();
      for (guint i = 0; i < reps / 10; i++)
        sink += mlr_distribution_cdf (&d, lo + (hi - lo) * i / (reps / 10));
      runs[r][2] = (bench_cpu_ms () - c0) * 1e6 / (reps / 10);
    }
  for (int w = 0; w < 3; w++)
    {
      double v[5];
      static const char * const what[] = { "draw", "pdf", "cdf" };
      for (int r = 0; r < 5; r++)
        v[r] = runs[r][w];
      qsort (v, 5, sizeof (double), bench_compare);
      g_print ("RESULT %s_%s %.1f\n", name, what[w], v[2]);
    }
  if (sink == 42)   /* keep the loops */
    g_print ("\n");
}

int
main (int   argc,
      char *argv[])
{
  mlr_demo_registry_init ();
  if (argc > 1 && g_str_equal (argv[1], "--draws"))
    {
      time_draws ("normal", MLR_DIST_NORMAL, 0, 1);
      time_draws ("uniform", MLR_DIST_UNIFORM, 0, 1);
      time_draws ("exponential", MLR_DIST_EXPONENTIAL, 1, 0);
      time_draws ("binomial_10_0.5", MLR_DIST_BINOMIAL, 10, 0.5);
      time_draws ("binomial_1000_0.03", MLR_DIST_BINOMIAL, 1000, 0.03);
      time_draws ("binomial_1e9_0.5", MLR_DIST_BINOMIAL, 1e9, 0.5);
      time_draws ("poisson_4", MLR_DIST_POISSON, 4, 0);
      time_draws ("poisson_1000", MLR_DIST_POISSON, 1000, 0);
      time_draws ("beta_2_5", MLR_DIST_BETA, 2, 5);
      time_draws ("beta_0.5_0.5", MLR_DIST_BETA, 0.5, 0.5);
      time_draws ("lognormal", MLR_DIST_LOGNORMAL, 0, 1);
      return 0;
    }
  {
    guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 300;
    const char * const normal[] = { "samples=1000", NULL };
    const char * const binomial[] = { "distribution=binomial", "trials=1000", "p=0.03", NULL };
    const char * const huge[] = { "distribution=binomial", "trials=1000000000", NULL };
    const char * const poisson[] = { "distribution=poisson", "rate=1000000", NULL };
    const char * const beta[] = { "distribution=beta", "alpha=0.5", "beta=0.5", NULL };
    const char * const lognormal[] = { "distribution=lognormal", "samples=100000", NULL };
    const char * const clt[] = { "distribution=exponential", "mode=clt", "n=2",
                                 "samples=5000", NULL };
    const char * const big[] = { "samples=100000", NULL };
    const char * const clt_big[] = { "distribution=beta", "mode=clt", "n=1000",
                                     "samples=1000", NULL };
    const char * const budget_binomial[] = { "distribution=binomial", "trials=1000",
                                              "p=0.3", "mode=clt", "n=1000", "samples=1000",
                                              NULL };

    g_print ("distribution painter, %dx%d, cairo image surface\n", WIDTH, HEIGHT);
    run ("normal, 1000 samples: drag x", normal, DRAG, frames);
    run ("binomial(1000, 0.03): drag x", binomial, DRAG, frames);
    run ("binomial(1e9, 0.5): drag x", huge, DRAG, frames);
    run ("poisson(1e6): drag x", poisson, DRAG, frames);
    run ("beta(0.5, 0.5): drag x", beta, DRAG, frames);
    run ("lognormal, 100000 samples: drag x", lognormal, DRAG, frames);
    run ("exponential clt n=2: drag x", clt, DRAG, frames);
    run ("normal: animate 100000 samples", big, ANIMATE, frames);
    run ("beta clt n=1000: animate 1000 means", clt_big, ANIMATE, frames);
    run ("binomial clt 1e6 draws: catch up a change", budget_binomial, CATCH_UP, frames);
    run ("beta clt 1e6 draws: catch up a change", clt_big, CATCH_UP, frames);
  }
  return 0;
}
