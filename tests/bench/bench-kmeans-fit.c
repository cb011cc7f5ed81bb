/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr_kmeans_fit() alone, in memory: the counterpart of timing scikit-learn's KMeans.fit()
 * with the points already loaded (sklearn_bench_kmeans_fit.py runs both on the same CSVs).
 *
 * usage: bench-kmeans-fit D.csv K [RUNS [REFINE [SEED]]]
 * Prints one line: "wall_ms cpu_ms inertia" — medians over RUNS fits (default 5) of the wall
 * clock and of the process's CPU time (all its threads, from getrusage), and the inertia.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "ml/mlr-csv.h"
#include "ml/mlr-kmeans.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrDataset) data = NULL;
  g_autofree double *wall = NULL, *cpu = NULL;
  guint k, runs;
  gboolean refine;
  guint64 seed;
  double inertia = 0;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s D.csv K [RUNS [REFINE [SEED]]]\n", argv[0]);
      return 2;
    }
  data = mlr_csv_load (argv[1], MLR_CSV_POINTS, &error);
  if (data == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  k = (guint) atoi (argv[2]);
  runs = argc > 3 ? (guint) CLAMP (atoi (argv[3]), 1, 1000) : 5;
  refine = argc > 4 ? atoi (argv[4]) != 0 : TRUE;
  seed = argc > 5 ? g_ascii_strtoull (argv[5], NULL, 10) : 0;
  wall = g_new (double, runs);
  cpu = g_new (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(MlrKMeansFit) fit = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_process_cpu_ms ();

      /* the CLI's defaults: n_init 10, max_iter 300, tol 1e-4 */
      fit = mlr_kmeans_fit (data->x, data->n_points, 2, k, MLR_KMEANS_INIT_PLUS_PLUS, 10, 300,
                            1e-4, refine, seed, NULL, &error);
      cpu[r] = bench_process_cpu_ms () - c0;
      wall[r] = (g_get_monotonic_time () - t0) / 1e3;
      if (fit == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[1], error->message);
          return 1;
        }
      inertia = fit->inertia;
    }
  qsort (wall, runs, sizeof (double), bench_compare);
  qsort (cpu, runs, sizeof (double), bench_compare);
  printf ("%.3f %.3f %.17g\n", wall[runs / 2], cpu[runs / 2], inertia);
  return 0;
}
