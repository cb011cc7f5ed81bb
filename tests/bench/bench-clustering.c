/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the clustering demo at 1280x800 on a cairo image surface, as the app paints
 * it:
 *
 *  - "step": one k-means half-step (assign, or move the centroids; the silhouette recomputed
 *    after each assignment) and the repaint, rewinding when the run ends: what Play does;
 *  - "drag": a centroid dragged round a small circle, and the repaint (Voronoi regions move);
 *  - "dbscan": the eps slider moved (DBSCAN rerun through apply_param, its silhouette) and
 *    the repaint.
 *
 * For n = 300 (the lessons') and 1500 (the most the demo takes) points, k = 10. Prints the
 * median and the 95th percentile of wall-clock time and of the thread's CPU time (steadier on
 * a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-clustering [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-clustering-painter.h"
#include "painters/mlr-demo-registry.h"

#define WIDTH  1280
#define HEIGHT 800

typedef enum {
  STEP,
  DRAG,
  DBSCAN,
} Scenario;

static const char * const names[] = { "step", "drag", "dbscan" };

static MlrParams *
params_for (guint n)
{
  MlrParams *params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("clustering"));
  g_autofree char *nn = g_strdup_printf ("n=%u", n);

  mlr_params_parse_assignment (params, nn, NULL);
  mlr_params_parse_assignment (params, "k=10", NULL);
  mlr_params_parse_assignment (params, "steps=0", NULL);
  return params;
}

static void
run (Scenario scenario,
     guint    n,
     guint    frames)
{
  g_autofree char *summary = NULL;
  g_autoptr(MlrParams) params = params_for (n);
  g_autoptr(MlrClusteringState) state = NULL;
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  double cx = 0, cy = 0;

  if (scenario == DBSCAN)
    mlr_params_parse_assignment (params, "algorithm=dbscan", NULL);
  state = mlr_clustering_state_new (params, NULL);
  mlr_palette_init_default (&palette, FALSE);
  if (scenario == DRAG)
    {
      const double *c;
      mlr_clustering_state_step (state);
      c = mlr_kmeans_get_centroids (mlr_clustering_state_get_kmeans (state));
      cx = c[0];
      cy = c[1];
    }
  mlr_clustering_painter_draw (cr, WIDTH, HEIGHT, &palette, state, -1);

  for (guint f = 0; f < frames; f++)
    {
      double a = f * 2 * G_PI / 40;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      if (scenario == STEP)
        {
          if (!mlr_clustering_state_step (state))
            mlr_clustering_state_rewind (state);
        }
      else if (scenario == DRAG)
        mlr_clustering_state_move_centroid (state, 0, cx + 0.5 * cos (a), cy + 0.5 * sin (a));
      else
        {
          /* applied as the framework applies a changed parameter */
          g_autofree char *eps = g_strdup_printf ("eps=%.2f", 0.3 + 0.01 * (f % 40));
          mlr_params_parse_assignment (params, eps, NULL);
          mlr_clustering_state_apply_param (state, params, "eps", NULL);
        }
      mlr_clustering_painter_draw (cr, WIDTH, HEIGHT, &palette, state, 0);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }
  summary = bench_frames_summary (ms, cpu, frames);
  g_print ("%-7s n=%-5u  %s\n", names[scenario], n, summary);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  guint frames = argc > 1 ? (guint) atoi (argv[1]) : 200;

  mlr_demo_registry_init ();
  frames = CLAMP (frames, 20, 100000);
  for (Scenario s = STEP; s <= DBSCAN; s++)
    {
      run (s, 300, frames);
      run (s, 1500, frames);
    }
  return 0;
}
