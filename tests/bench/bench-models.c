/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-models: for every classifier, the time to fit the decision-boundary demo's data
 * (moons, noise 0.3, seed 0; 300 and 3000 points) and evaluate a 400 x 300 grid over it,
 * the work the demo does when a point or a parameter changes. Prints the median of several
 * runs, and the best run (less sensitive to other load on the machine). Options:
 *   --tsv          also print one machine-readable line per row ("row<TAB>model<TAB>n<TAB>
 *                  fit_ms<TAB>grid_ms")
 *   --write-data D write the datasets used to D/moons-N.csv (for sklearn_bench.py)
 *   --quick        fewer runs
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "ml/mlr-classifier.h"
#include "ml/mlr-csv.h"

#define GRID_W 400
#define GRID_H 300

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 300, 3000 };
  gboolean tsv = FALSE, quick = FALSE;
  const char *data_dir = NULL;
  g_autofree guint8 *labels = g_new (guint8, GRID_W * GRID_H);
  g_autofree float *conf = g_new (float, GRID_W * GRID_H);
  double sum_check = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--tsv"))
        tsv = TRUE;
      else if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else if (g_str_equal (argv[i], "--write-data") && i + 1 < argc)
        data_dir = argv[++i];
      else
        {
          fprintf (stderr, "usage: bench-models [--tsv] [--quick] [--write-data DIR]\n");
          return 2;
        }
    }

  printf ("# fit + %ux%u grid, moons noise 0.3 seed 0, median of runs, ms\n", GRID_W, GRID_H);
  printf ("%-8s %6s %10s %10s %10s %10s\n", "model", "n", "fit", "grid", "total", "best");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(MlrDataset) data = mlr_dataset_generate (MLR_DATASET_MOONS, sizes[s], 0.3, 0, 2,
                                                         NULL);
      MlrGrid grid = { GRID_W, GRID_H, 0, 0, 0, 0 };
      guint runs = sizes[s] <= 300 ? (quick ? 3 : 11) : (quick ? 1 : 5);

      mlr_dataset_get_bounds (data, 0.5, &grid.x0, &grid.x1, &grid.y0, &grid.y1);
      if (data_dir != NULL)
        {
          g_autofree char *name = g_strdup_printf ("moons-%u.csv", sizes[s]);
          g_autofree char *path = g_build_filename (data_dir, name, NULL);
          g_autoptr(GError) error = NULL;
          if (!mlr_csv_save (data, path, &error))
            {
              fprintf (stderr, "bench-models: %s\n", error->message);
              return 1;
            }
        }

      for (guint m = 0; m < MLR_N_MODELS; m++)
        {
          double fit_ms[16], grid_ms[16], total_ms[16];

          for (guint r = 0; r < runs; r++)
            {
              g_autoptr(MlrClassifier) clf = mlr_classifier_new (m, NULL, NULL);
              g_autoptr(GError) error = NULL;
              gint64 t0 = g_get_monotonic_time (), t1, t2;

              if (!mlr_classifier_fit (clf, data, &error))
                {
                  fprintf (stderr, "bench-models: %s\n", error->message);
                  return 1;
                }
              t1 = g_get_monotonic_time ();
              mlr_classifier_eval_grid (clf, &grid, labels, conf);
              t2 = g_get_monotonic_time ();
              fit_ms[r] = (t1 - t0) / 1000.0;
              grid_ms[r] = (t2 - t1) / 1000.0;
              total_ms[r] = (t2 - t0) / 1000.0;
              sum_check += conf[GRID_W * GRID_H / 2];
            }
          {
            double f = median (fit_ms, runs), g = median (grid_ms, runs);
            double t = median (total_ms, runs), best = total_ms[0];
            printf ("%-8s %6u %10.2f %10.2f %10.2f %10.2f\n", mlr_model_kind_to_string (m),
                    sizes[s], f, g, t, best);
            if (tsv)
              printf ("row\t%s\t%u\t%.3f\t%.3f\t%.3f\n", mlr_model_kind_to_string (m), sizes[s],
                      f, g, t);
          }
          fflush (stdout);
        }
    }
  /* Keeps the work observable so nothing is optimised away. */
  printf ("# checksum %.3f\n", sum_check);
  return 0;
}
