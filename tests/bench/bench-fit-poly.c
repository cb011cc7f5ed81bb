/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-fit-poly: the time `fit poly` spends in its model: fit a polynomial with the ridge
 * penalty to n points (x uniform on [0, 1], y = sin 2πx + noise 0.3, seed 1) and predict 1,000
 * evenly spaced x, for n = 100 to 100,000, degree 3 and 15, alpha 0 (least squares) and 1e-3.
 * Prints the median wall-clock time of several runs, the best, and the median CPU time of the
 * process (steadier when other work shares the machine). Options:
 *   --tsv          also print one machine-readable line per row ("row<TAB>n<TAB>degree<TAB>
 *                  alpha<TAB>median_ms<TAB>runs<TAB>median_cpu_ms")
 *   --write-data D write the data used to D/poly-N.csv (for sklearn_bench_poly.py)
 *   --quick        fewer runs
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ml/mlr-regression.h"
#include "ml/mlr-rng.h"

#define N_QUERY 1000

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 100, 1000, 10000, 100000 };
  const guint degrees[] = { 3, 15 };
  const double alphas[] = { 0, 1e-3 };
  gboolean tsv = FALSE, quick = FALSE;
  const char *data_dir = NULL;
  double xq[N_QUERY], yq[N_QUERY], check = 0;

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
          fprintf (stderr, "usage: bench-fit-poly [--tsv] [--quick] [--write-data DIR]\n");
          return 2;
        }
    }
  for (int i = 0; i < N_QUERY; i++)
    xq[i] = i / (N_QUERY - 1.0);

  g_print ("fit poly: fit + predict %d points, median (best) of several runs\n", N_QUERY);
  g_print ("%8s %6s %7s %10s %10s %10s\n", "n", "degree", "alpha", "median ms", "best ms",
           "cpu ms");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = sizes[s];
      g_autofree double *x = g_new (double, n);
      g_autofree double *y = g_new (double, n);
      MlrRng rng;

      mlr_rng_init (&rng, 1);
      for (guint i = 0; i < n; i++)
        x[i] = mlr_rng_uniform (&rng);
      for (guint i = 0; i < n; i++)
        y[i] = sin (2 * G_PI * x[i]) + 0.3 * mlr_rng_normal (&rng);
      if (data_dir != NULL)
        {
          g_autofree char *name = g_strdup_printf ("poly-%u.csv", n);
          g_autofree char *path = g_build_filename (data_dir, name, NULL);
          g_autoptr(GString) text = g_string_new ("x,y\n");
          for (guint i = 0; i < n; i++)
            g_string_append_printf (text, "%.17g,%.17g\n", x[i], y[i]);
          if (!g_file_set_contents (path, text->str, text->len, NULL))
            return 1;
        }
      for (guint d = 0; d < G_N_ELEMENTS (degrees); d++)
        for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
          {
            guint runs = quick ? 3 : n >= 100000 ? 9 : n >= 10000 ? 21 : 51;
            g_autofree double *ms = g_new (double, runs);
            g_autofree double *cpu = g_new (double, runs);

            for (guint r = 0; r < runs; r++)
              {
                gint64 t0 = g_get_monotonic_time ();
                double c0 = cpu_ms ();
                MlrPolyFit fit;

                if (!mlr_poly_ridge_fit (x, y, n, degrees[d], alphas[a], &fit, NULL))
                  return 1;
                mlr_poly_fit_predict_many (&fit, xq, N_QUERY, yq);
                ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
                cpu[r] = cpu_ms () - c0;
                check += yq[r % N_QUERY];
              }
            qsort (ms, runs, sizeof (double), cmp_double);
            qsort (cpu, runs, sizeof (double), cmp_double);
            g_print ("%8u %6u %7g %10.3f %10.3f %10.3f\n", n, degrees[d], alphas[a],
                     ms[runs / 2], ms[0], cpu[runs / 2]);
            if (tsv)
              g_print ("row\t%u\t%u\t%g\t%.4f\t%u\t%.4f\n", n, degrees[d], alphas[a],
                       ms[runs / 2], runs, cpu[runs / 2]);
          }
    }
  /* keep the work from being optimized away */
  if (!isfinite (check))
    return 1;
  return 0;
}
