/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A calculator for test-drift-scipy.py: reads one request a line on stdin and prints the
 * answer with 17 significant digits, so Python can compare the Kolmogorov distribution that
 * `ml-roadmap-cli drift` uses with SciPy's on thousands of points without a process each.
 *
 *   kstwo_sf X N        P(D_N >= X), as scipy.stats.kstwo.sf(X, N)
 *   smirnov N X         P(D+_N >= X), as scipy.special.smirnov(N, X)
 *   quantile Q V...     NumPy's default quantile Q of the values V (any order)
 *
 * A request it cannot read prints "error".
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ml/mlr-drift.h"

int
main (void)
{
  char line[65536];

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) w = g_strsplit_set (g_strstrip (line), " \t", -1);
      guint n = g_strv_length (w);
      double v = NAN;

      if (n == 3 && g_str_equal (w[0], "kstwo_sf"))
        v = mlr_drift_kstwo_sf (g_ascii_strtod (w[1], NULL),
                                (guint64) g_ascii_strtoull (w[2], NULL, 10));
      else if (n == 3 && g_str_equal (w[0], "smirnov"))
        v = mlr_drift_smirnov ((guint64) g_ascii_strtoull (w[1], NULL, 10),
                               g_ascii_strtod (w[2], NULL));
      else if (n >= 3 && g_str_equal (w[0], "quantile"))
        {
          g_autofree double *x = g_new (double, n - 2);
          for (guint i = 2; i < n; i++)
            x[i - 2] = g_ascii_strtod (w[i], NULL);
          mlr_drift_sort (x, n - 2);
          v = mlr_drift_quantile (x, n - 2, g_ascii_strtod (w[1], NULL));
        }
      else
        {
          puts ("error");
          fflush (stdout);
          continue;
        }
      printf ("%.17g\n", v);
      fflush (stdout);
    }
  return 0;
}
