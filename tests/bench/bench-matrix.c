/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame time of the matrix demo's painter at 1280x800, as the widget paints it: while î is
 * dragged round a circle (state update + paint per frame, view locked as during a drag) and
 * while the identity-to-A animation plays, with the lesson's overlays and with all of them.
 * Prints the median and 95th percentile of 200 frames each, in wall-clock time and in this
 * thread's CPU time (which a busy machine's other processes do not inflate); asserts nothing
 * about time.
 *
 * usage: bench-matrix [FRAMES]
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-matrix-painter.h"

#define WIDTH 1280
#define HEIGHT 800

static MlrMatrixState *
make_state (const char *matrix,
            const char *show)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("matrix"));

  mlr_params_set (params, "matrix", matrix, NULL);
  mlr_params_set (params, "show", show, NULL);
  mlr_params_set (params, "animate", "false", NULL);
  return mlr_matrix_state_new (params, NULL);
}

static void
report (const char *name,
        double     *ms,
        double     *cpu,
        guint       n)
{
  g_autofree char *summary = bench_frames_summary (ms, cpu, n);

  printf ("%-44s %s\n", name, summary);
}

static void
run (const char *name,
     const char *matrix,
     const char *show,
     gboolean    animate,
     guint       frames,
     gboolean    dark)
{
  g_autoptr(MlrMatrixState) state = make_state (matrix, show);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  MlrPalette palette;
  char label[96];

  mlr_palette_init_default (&palette, dark);
  if (animate)
    mlr_matrix_state_rewind (state);
  else
    mlr_matrix_state_lock_view (state, TRUE);
  for (guint i = 0; i < frames; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = bench_cpu_ms ();
      cairo_t *cr;

      if (animate)
        {
          if (!mlr_matrix_state_step (state, 1.0 / 60))
            mlr_matrix_state_rewind (state);
        }
      else
        {
          /* î's tip circling (1.5, 0.5) as a hand would drag it */
          double th = 2 * G_PI * i / 90.0;
          mlr_matrix_state_set_column (state, MLR_MATRIX_IHAT, 1.5 + cos (th), 0.5 + sin (th));
        }
      cr = cairo_create (surface);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_matrix_painter_draw (cr, WIDTH, HEIGHT, &palette, state);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = bench_cpu_ms () - cpu_start;
    }
  g_snprintf (label, sizeof label, "%s%s", name, dark ? " (dark)" : "");
  report (label, ms, cpu, frames);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  guint frames = argc > 1 ? (guint) atoi (argv[1]) : 200;
  const char *all = "grid,eigen,svd,det,points,inverse";

  if (frames < 10)
    frames = 10;
  printf ("matrix painter, %dx%d, %u frames each\n", WIDTH, HEIGHT, frames);
  run ("drag, grid+det (lesson)", "1,1,0,1", "grid,det", FALSE, frames, FALSE);
  run ("drag, every overlay", "1,1,0,1", all, FALSE, frames, FALSE);
  run ("drag, every overlay", "1,1,0,1", all, FALSE, frames, TRUE);
  run ("animate I -> rotation 30°, grid+det", "0.8660254,-0.5,0.5,0.8660254", "grid,det",
       TRUE, frames, FALSE);
  run ("animate I -> [[2,1],[1,2]], every overlay", "2,1,1,2", all, TRUE, frames, FALSE);
  run ("animate I -> reflection (through det 0)", "0,1,1,0", all, TRUE, frames, FALSE);
  run ("drag, near-singular, every overlay", "1,2,2,4.01", all, FALSE, frames, FALSE);
  return 0;
}
