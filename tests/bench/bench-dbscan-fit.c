/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr_dbscan_run() alone, in memory: the counterpart of timing scikit-learn's DBSCAN.fit()
 * with the points already loaded (sklearn_bench_dbscan_fit.py runs both on the same CSVs).
 *
 * usage: bench-dbscan-fit D.csv EPS MIN_SAMPLES [RUNS]
 * Prints one line: "wall_ms cpu_ms clusters noise" — medians over RUNS runs (default 5) of the
 * wall clock and of the process's CPU time (getrusage), then what the last run found.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "ml/mlr-csv.h"
#include "ml/mlr-dbscan.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrDataset) data = NULL;
  g_autofree double *wall = NULL, *cpu = NULL;
  double eps;
  guint min_samples, runs, clusters = 0;
  gsize noise = 0;

  if (argc < 4)
    {
      fprintf (stderr, "usage: %s D.csv EPS MIN_SAMPLES [RUNS]\n", argv[0]);
      return 2;
    }
  data = mlr_csv_load (argv[1], MLR_CSV_POINTS, &error);
  if (data == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  eps = g_ascii_strtod (argv[2], NULL);
  min_samples = (guint) atoi (argv[3]);
  if (!mlr_dbscan_check_params (eps, min_samples, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  runs = argc > 4 ? (guint) CLAMP (atoi (argv[4]), 1, 1000) : 5;
  wall = g_new (double, runs);
  cpu = g_new (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(MlrDbscanResult) result = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_process_cpu_ms ();

      result = mlr_dbscan_run (data->x, data->n_points, eps, min_samples, NULL, &error);
      cpu[r] = bench_process_cpu_ms () - c0;
      wall[r] = (g_get_monotonic_time () - t0) / 1e3;
      if (result == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[1], error->message);
          return 1;
        }
      clusters = result->n_clusters;
      noise = result->n_noise;
    }
  qsort (wall, runs, sizeof (double), bench_compare);
  qsort (cpu, runs, sizeof (double), bench_compare);
  printf ("%.3f %.3f %u %" G_GSIZE_FORMAT "\n", wall[runs / 2], cpu[runs / 2], clusters, noise);
  return 0;
}
