/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame time of the gradient-descent demo at 1280x800 on a cairo image surface, as the app
 * paints it: 200 frames each while dragging the start point (every frame re-runs the race
 * from the new start, then paints), while animating (one step per frame), and while zooming:
 * as the demo does it (view_moving: the cached heatmap scaled, or rebuilt on a coarse grid
 * where it does not cover the view), and with a full rebuild every frame (what the one frame
 * after the zoom settles costs, and the worst case), for the Rosenbrock race of the
 * calculus lesson, the six optimizers' 2000-step race on Himmelblau's function and the 1-D
 * parabola. Prints the median and the 95th percentile of the wall-clock time and of the
 * thread's CPU time (steadier on a busy machine); the aim
 * is a 95th percentile under 8 ms for dragging and animating, and a rebuild within a 60 Hz
 * frame (16.7 ms). The "worker" cases are what the app does: the same gestures with the
 * rebuilds handed to a worker thread (defer_rebuild), timed apart from the UI thread's frames;
 * "rest, worker" rests after every zoom frame and times the frame after it rests, which
 * shows the picture rebuilt on the worker (the demo draws none before it is done).
 *
 * usage: bench-gd [FRAMES [ONLY]]   (ONLY: run only the cases whose name contains it, e.g.
 *   "zoom", to profile one). With BENCH_GD_PNG=PREFIX set, each case's last frame is written
 *   to PREFIX-N.png (N: the case's place in the list below, from 1, with or without
 *   ONLY), to compare the pictures of two builds.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-gd-painter.h"

#define WIDTH  1280
#define HEIGHT 800

typedef enum {
  DRAG,
  ANIMATE,
  ZOOM,          /* a zoom gesture as the demo paints it */
  ZOOM_REBUILD,  /* full rebuild every frame */
  ZOOM_DEFER,    /* a zoom gesture as the app paints it: rebuilds on a worker */
  REST_DEFER,    /* the view rests after every zoom frame: the full rebuild on a worker, then
                  * the frame that installs and shows it */
} Scenario;

/* Thread CPU time: on a shared machine it says what a frame costs when wall time also
 * counts other processes' turns. */
static MlrGdState *
state_from (const char * const *assignments)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("gradient-descent"));

  for (guint i = 0; assignments[i]; i++)
    if (!mlr_params_parse_assignment (params, assignments[i], NULL))
      g_error ("bad assignment %s", assignments[i]);
  return mlr_gd_state_new (params, NULL);
}

static const char *only;
static guint case_number;  /* counts run()'s calls: names the BENCH_GD_PNG files */

static void
run (const char         *name,
     const char * const *assignments,
     Scenario            scenario,
     guint               frames)
{
  g_autofree char *summary = NULL;
  g_autoptr(MlrGdState) state = state_from (assignments);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  MlrVec2 start0 = mlr_gd_state_get_start (state);
  const MlrViewRect *view = mlr_gd_state_get_view (state);
  double span = view->x_max - view->x_min;
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  MlrGdPainterOptions options = { FALSE, FALSE, 1, scenario == ZOOM || scenario >= ZOOM_DEFER,
                                  scenario >= ZOOM_DEFER };
  MlrGdPainterOptions rest = { FALSE, FALSE, 1, FALSE, TRUE };
  g_autofree double *install_ms = g_new (double, frames);
  g_autofree double *install_cpu = g_new (double, frames);
  g_autofree double *job_ms = g_new (double, frames);
  g_autofree double *job_cpu = g_new (double, frames);
  guint n_jobs = 0;
  MlrGdHeatJob *job = NULL;

  case_number++;
  if (only && !strstr (name, only))
    goto out;
  mlr_palette_init_default (&palette, FALSE);
  if (scenario == ANIMATE)
    mlr_gd_state_reset (state);
  else
    mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
  /* the first frame builds the heatmap, as when the demo appears; not timed */
  mlr_gd_painter_draw (cr, WIDTH, HEIGHT, &palette, state, NULL, cache);

  for (guint f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      /* the worker finished the rebuild the last frame asked for: install it */
      if (job != NULL)
        {
          mlr_gd_painter_cache_take_job (cache, job);
          g_clear_pointer (&job, mlr_gd_heat_job_free);
        }
      switch (scenario)
        {
        case DRAG:
          {
            /* a small circle around the start, as a hand moving the point */
            double a = f * 2 * G_PI / 60;
            MlrVec2 p = { start0.x + span * 0.04 * cos (a), start0.y + span * 0.04 * sin (a) };
            if (one_d)
              p.y = 0;
            mlr_gd_state_set_start (state, p);
          }
          break;
        case ANIMATE:
          if (!mlr_gd_state_step (state))
            mlr_gd_state_reset (state);
          break;
        case ZOOM:
        case ZOOM_DEFER:
          /* out first: past the first picture, where a scaled copy does not cover the view */
          mlr_gd_state_zoom (state, f % 40 < 20 ? 1 / 0.97 : 0.97, start0.x, start0.y);
          break;
        case ZOOM_REBUILD:
        case REST_DEFER:
          mlr_gd_state_zoom (state, f % 40 < 20 ? 0.97 : 1 / 0.97, start0.x, start0.y);
          break;
        }
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_gd_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options, cache);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;

      /* what the worker thread does between frames (not the UI thread's time); the view
       * rests after each frame of REST_DEFER, which asks for the full picture at once */
      if (scenario == REST_DEFER)
        mlr_gd_painter_cache_want_full (cache, 1);
      if ((job = mlr_gd_painter_cache_new_job (cache)) != NULL)
        {
          gint64 j0 = g_get_monotonic_time ();
          double jc0 = bench_cpu_ms ();
          mlr_gd_heat_job_run (job);
          job_ms[n_jobs] = (g_get_monotonic_time () - j0) / 1000.0;
          job_cpu[n_jobs++] = bench_cpu_ms () - jc0;
        }
      if (scenario == REST_DEFER)
        {
          /* the frame that shows the rebuilt picture */
          gint64 i0 = g_get_monotonic_time ();
          double ic0 = bench_cpu_ms ();
          if (job != NULL)
            mlr_gd_painter_cache_take_job (cache, job);
          g_clear_pointer (&job, mlr_gd_heat_job_free);
          mlr_cairo_set_color (cr, &palette.background);
          cairo_paint (cr);
          mlr_gd_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &rest, cache);
          cairo_surface_flush (surface);
          install_ms[f] = (g_get_monotonic_time () - i0) / 1000.0;
          install_cpu[f] = bench_cpu_ms () - ic0;
        }
    }
  g_clear_pointer (&job, mlr_gd_heat_job_free);
  if (g_getenv ("BENCH_GD_PNG") != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s-%u.png", g_getenv ("BENCH_GD_PNG"),
                                               case_number);
      cairo_surface_write_to_png (surface, file);
    }

  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("%-36s %s ms  (%u frames, %u heatmap builds)\n", name, summary, frames,
           mlr_gd_painter_cache_get_builds (cache));
  if (scenario == REST_DEFER)
    {
      g_autofree char *installs = bench_frames_summary (install_ms, install_cpu, frames);
      g_print ("%-36s %s ms  (the frame after the view rests)\n", "  then", installs);
    }
  if (n_jobs > 0)
    {
      g_autofree char *jobs = bench_frames_summary (job_ms, job_cpu, n_jobs);
      g_print ("%-36s %s ms  (%u rebuilds on the worker thread)\n", "  worker", jobs, n_jobs);
    }
out:
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 200;
  only = argc > 2 ? argv[2] : NULL;
  const char * const rosenbrock[] = { "surface=rosenbrock", "optimizer=gd,momentum,adam",
                                      "lr=0.003", NULL };
  const char * const all6[] = { "surface=himmelblau",
                                "optimizer=gd,momentum,nesterov,rmsprop,adam,adagrad",
                                "lr=0.01", "steps=2000", NULL };
  const char * const parabola[] = { "mode=1d", "function=parabola", "lr=0.1", "start=2.5",
                                    NULL };

  g_print ("gradient-descent painter, %dx%d, cairo image surface\n", WIDTH, HEIGHT);
  run ("rosenbrock 3 racers: drag start", rosenbrock, DRAG, frames);
  run ("rosenbrock 3 racers: animate", rosenbrock, ANIMATE, frames);
  run ("rosenbrock 3 racers: zoom gesture", rosenbrock, ZOOM, frames);
  run ("rosenbrock 3 racers: zoom, full rebuild", rosenbrock, ZOOM_REBUILD, frames);
  run ("rosenbrock 3 racers: zoom, worker", rosenbrock, ZOOM_DEFER, frames);
  run ("rosenbrock 3 racers: rest, worker", rosenbrock, REST_DEFER, frames);
  run ("himmelblau 6 racers x 2000: drag", all6, DRAG, frames);
  run ("himmelblau 6 racers x 2000: animate", all6, ANIMATE, frames);
  run ("himmelblau 6 racers x 2000: zoom, worker", all6, ZOOM_DEFER, frames);
  run ("parabola 1-D: drag start", parabola, DRAG, frames);
  run ("parabola 1-D: animate", parabola, ANIMATE, frames);
  return 0;
}
