/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the decision-boundary demo at 1280x800 on a cairo image surface, as the app
 * paints it, for every model on 300 moons points (noise 0.3):
 *
 *  - "paint": a point is dragged and the frame repainted with the picture it has (what the
 *    UI thread does on every motion event while the refit runs elsewhere): the cached
 *    shading is reused, points, contours and panel are drawn;
 *  - "refit": the whole retrain-on-drag path, moving a point, then fit + raster evaluation
 *    (the worker's job), installing the result and painting it (shading rebuilt): how long
 *    until the new boundary is on screen;
 *  - "stages" (gb only): what playing the boosting stages does each frame: the next stage
 *    (0 to 100, then again), a fit of that many stages, raster, install and paint.
 *  - "train": an mlp with the network view (view=network) and without it, trained 4 epochs
 *    a frame as the demo animates it, each frame painting a new result (see run_training()).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine), and the raster size (one cell every MLR_BOUNDARY_CELL_PX
 * pixels). The aim: paint p95 under 8 ms; refit within a 60 Hz frame (16.7 ms) where the
 * model allows.
 *
 * usage: bench-boundary [FRAMES [MODEL]]   (MODEL: run only that model's cases)
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-boundary-painter.h"

#define WIDTH  1280
#define HEIGHT 800

static MlrBoundaryState *
state_for (const char *model)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
  g_autofree char *m = g_strdup_printf ("model=%s", model);
  const char *sets[] = { "dataset=moons", "n=300", "noise=0.3", m, NULL };

  for (guint i = 0; sets[i]; i++)
    if (!mlr_params_parse_assignment (params, sets[i], NULL))
      g_error ("bad assignment %s", sets[i]);
  return mlr_boundary_state_new (params, NULL);
}

typedef enum {
  PAINT,
  REFIT,
  STAGES,
} Scenario;

static void
run (const char *model,
     Scenario    scenario,
     guint       frames)
{
  g_autofree char *summary = NULL;
  g_autoptr(MlrBoundaryState) state = state_for (model);
  g_autoptr(MlrBoundaryPainterCache) cache = mlr_boundary_painter_cache_new ();
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  g_autofree double *ui_ms = g_new (double, frames);
  g_autofree double *ui_cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  MlrBoundaryLayout layout;
  MlrGrid grid;
  const MlrDataset *pts = mlr_boundary_state_get_points (state);
  double x0 = pts->x[0], y0 = pts->x[1];
  double fit_ms = 0, eval_ms = 0;
  guint builds0;

  mlr_palette_init_default (&palette, FALSE);
  mlr_boundary_painter_layout (WIDTH, HEIGHT, &palette, state, &layout);
  mlr_boundary_painter_grid (&layout, &grid);
  if (!mlr_boundary_state_fit_sync (state, &grid, NULL))
    g_error ("%s does not fit", model);
  /* the first frame builds the shading, as when the demo appears; not timed */
  mlr_boundary_painter_draw (cr, WIDTH, HEIGHT, &palette, state, NULL, cache);
  builds0 = mlr_boundary_painter_cache_get_builds (cache);

  for (guint f = 0; f < frames; f++)
    {
      double a = f * 2 * G_PI / 40;
      gint64 t0 = g_get_monotonic_time (), u0;
      double c0 = bench_cpu_ms (), uc0;

      if (scenario == STAGES)
        {
          char stage[16];
          g_snprintf (stage, sizeof stage, "%u", (f + 1) % 101);
          mlr_boundary_state_set_param (state, "stage", stage, NULL);
        }
      else
        /* a small circle, as a hand dragging the point */
        mlr_boundary_state_move_point (state, 0, x0 + 0.15 * cos (a), y0 + 0.15 * sin (a));
      MlrBoundaryResult *r = NULL;
      if (scenario != PAINT)
        {
          /* the worker's part, on the app's worker thread */
          g_autoptr(MlrBoundaryJob) job = mlr_boundary_state_new_job (state, &grid, 0);
          r = mlr_boundary_job_run (job);
          fit_ms += r->fit_ms;
          eval_ms += r->eval_ms;
        }
      /* the UI thread's part: install the result, paint it */
      u0 = g_get_monotonic_time ();
      uc0 = bench_cpu_ms ();
      if (r != NULL)
        mlr_boundary_state_take_result (state, r);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_boundary_painter_draw (cr, WIDTH, HEIGHT, &palette, state, NULL, cache);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
      ui_ms[f] = (g_get_monotonic_time () - u0) / 1000.0;
      ui_cpu[f] = bench_cpu_ms () - uc0;
    }

  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("%-7s %-6s %s", model,
           scenario == PAINT ? "paint" : scenario == REFIT ? "refit" : "stages", summary);
  if (scenario != PAINT)
    g_print (" | fit %5.2f + raster %5.2f ms (mean)", fit_ms / frames, eval_ms / frames);
  else
    g_print (" | %u shading rebuilds", mlr_boundary_painter_cache_get_builds (cache) - builds0);
  g_print ("\n");
  if (scenario != PAINT)
    {
      g_autofree char *ui = bench_frames_summary (ui_ms, ui_cpu, frames);
      g_print ("%-7s %-6s %s | UI thread only: install the result + paint\n", model, "ui", ui);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The mlp's network view (view=network, two hidden layers of 16 as in the neural-networks
 * lesson, 1000 epochs) while it trains, as the demo's animation does: every frame one
 * training chunk of 4 epochs (the worker's job: epochs, raster, the network's unit maps),
 * then the frame painted with that new result, so the unit maps are rebuilt on every frame.
 * "paint" is the UI thread's share, "job" the worker's. The same with view=plane says what
 * the network view adds. */
static void
run_training (guint       frames,
              const char *view)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
  g_autofree char *v = g_strdup_printf ("view=%s", view);
  const char *sets[] = { "dataset=moons", "n=300", "noise=0.3", "model=mlp", v,
                         "hidden=16,16", "lr=0.01", "epochs=1000", NULL };
  g_autoptr(MlrBoundaryState) state = NULL;
  g_autoptr(MlrBoundaryPainterCache) cache = mlr_boundary_painter_cache_new ();
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  g_autofree double *job_ms = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  MlrBoundaryLayout layout;
  MlrGrid grid;
  guint n = 0, restarts = 0;

  for (guint i = 0; sets[i]; i++)
    if (!mlr_params_parse_assignment (params, sets[i], NULL))
      g_error ("bad assignment %s", sets[i]);
  state = mlr_boundary_state_new (params, NULL);
  mlr_palette_init_default (&palette, FALSE);
  mlr_boundary_painter_layout (WIDTH, HEIGHT, &palette, state, &layout);
  mlr_boundary_painter_grid (&layout, &grid);
  /* start untrained (as after Reset), then train 4 epochs a frame */
  mlr_boundary_state_mlp_reset (state);
  if (!mlr_boundary_state_fit_sync (state, &grid, NULL))
    g_error ("the network view's mlp does not fit");
  mlr_boundary_painter_draw (cr, WIDTH, HEIGHT, &palette, state, NULL, cache);

  for (guint f = 0; f < frames; f++)
    {
      g_autoptr(MlrBoundaryJob) job = mlr_boundary_state_new_job (state, &grid, 4);
      gint64 j0 = g_get_monotonic_time (), t0;
      MlrBoundaryResult *r = mlr_boundary_job_run (job);
      double c0;

      job_ms[n] = (g_get_monotonic_time () - j0) / 1000.0;
      if (r == NULL || !r->ok)
        g_error ("training chunk failed");
      mlr_boundary_state_take_result (state, r);
      t0 = g_get_monotonic_time ();
      c0 = bench_cpu_ms ();
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_boundary_painter_draw (cr, WIDTH, HEIGHT, &palette, state, NULL, cache);
      cairo_surface_flush (surface);
      ms[n] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[n] = bench_cpu_ms () - c0;
      n++;
      if (mlr_boundary_state_get_result (state)->training_done)
        {
          /* converged: start over, as a learner pressing Reset and Play */
          mlr_boundary_state_mlp_reset (state);
          if (!mlr_boundary_state_fit_sync (state, &grid, NULL))
            g_error ("the network view's mlp does not fit");
          restarts++;
        }
    }
  qsort (ms, n, sizeof (double), bench_compare);
  qsort (cpu, n, sizeof (double), bench_compare);
  qsort (job_ms, n, sizeof (double), bench_compare);
  if (g_str_equal (view, "network"))
    g_print ("training, view=network: plane %.0fx%.0f px, network %.0fx%.0f px, maps %ux%u; "
             "%u frames of 4 epochs (%u restarts after convergence)\n", layout.plot.w,
             layout.plot.h, layout.network.w, layout.network.h,
             mlr_boundary_state_get_result (state)->network->grid.width,
             mlr_boundary_state_get_result (state)->network->grid.height, n, restarts);
  g_print ("mlp-%-7s train  median %6.2f  p95 %6.2f  max %6.2f ms | cpu median %6.2f  p95 %6.2f"
           " | job median %6.2f  p95 %6.2f ms\n", view, ms[n / 2], ms[(guint) (n * 0.95)],
           ms[n - 1], cpu[n / 2], cpu[(guint) (n * 0.95)], job_ms[n / 2],
           job_ms[(guint) (n * 0.95)]);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 200;
  const char *only = argc > 2 ? argv[2] : NULL;
  const char * const models[] = {
    "logreg", "knn", "tree", "forest", "svm", "mlp", "nb", "gb"
  };

  {
    g_autoptr(MlrBoundaryState) state = state_for ("logreg");
    MlrPalette palette;
    MlrBoundaryLayout layout;
    MlrGrid grid;

    mlr_palette_init_default (&palette, FALSE);
    mlr_boundary_painter_layout (WIDTH, HEIGHT, &palette, state, &layout);
    mlr_boundary_painter_grid (&layout, &grid);
    g_print ("decision-boundary, %dx%d cairo image surface, 300 moons points; plane %.0fx%.0f "
             "px, raster %ux%u (a cell every %d px, upscaled bilinearly)\n", WIDTH, HEIGHT,
             layout.plot.w, layout.plot.h, grid.width, grid.height, MLR_BOUNDARY_CELL_PX);
  }
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    if (!only || g_str_equal (only, models[m]))
      run (models[m], PAINT, frames);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    if (!only || g_str_equal (only, models[m]))
      run (models[m], REFIT, MAX (frames / 2, 20));
  if (!only || g_str_equal (only, "gb"))
    run ("gb", STAGES, MAX (frames / 2, 20));
  if (!only || g_str_equal (only, "mlp"))
    {
      run_training (frames, "network");
      run_training (frames, "plane");
    }
  return 0;
}
