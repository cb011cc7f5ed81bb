/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A calculator for the oracle tests (test-special-scipy.py): reads one request a line on
 * stdin and prints the answer with 17 significant digits, so Python can compare the special
 * functions, the distributions and the samplers with SciPy without a process per value.
 *
 *   FUNCTION ARG...                 lgamma x, lbeta a b, normal_pdf z, normal_cdf z,
 *                                   normal_sf z, normal_quantile p, gamma_p a x, gamma_q a x,
 *                                   beta_i a b x, beta_ic a b x, binom_pmf k n p,
 *                                   binom_logpmf k n p, pois_pmf k l, pois_logpmf k l,
 *                                   chi2_sf x df, binom_cdf k n p, pois_cdf k l
 *   dist KIND P0 P1 WHAT [X]        WHAT: mean, variance, pdf X, cdf X, quantile Q
 *   sample KIND P0 P1 SEED N        N draws, one a line
 *
 * A request it cannot read prints "error".
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml/mlr-distribution.h"
#include "ml/mlr-special.h"

static void
print (double v)
{
  printf ("%.17g\n", v);
}

static double
arg (char **words,
     guint  i)
{
  return g_ascii_strtod (words[i], NULL);
}

static gboolean
eval_function (char  **w,
               guint   n)
{
  static const struct {
    const char *name;
    guint       n_args;
  } table[] = {
    { "lgamma", 1 }, { "lbeta", 2 }, { "normal_pdf", 1 }, { "normal_cdf", 1 },
    { "normal_sf", 1 }, { "normal_quantile", 1 }, { "gamma_p", 2 }, { "gamma_q", 2 },
    { "beta_i", 3 }, { "beta_ic", 3 }, { "binom_pmf", 3 }, { "binom_logpmf", 3 },
    { "pois_pmf", 2 }, { "pois_logpmf", 2 }, { "chi2_sf", 2 }, { "binom_cdf", 3 },
    { "pois_cdf", 2 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (w[0], table[i].name))
      break;
  if (i == G_N_ELEMENTS (table) || n != table[i].n_args + 1)
    return FALSE;
  switch (i)
    {
    case 0: print (mlr_lgamma (arg (w, 1))); break;
    case 1: print (mlr_lbeta (arg (w, 1), arg (w, 2))); break;
    case 2: print (mlr_normal_pdf (arg (w, 1))); break;
    case 3: print (mlr_normal_cdf (arg (w, 1))); break;
    case 4: print (mlr_normal_sf (arg (w, 1))); break;
    case 5: print (mlr_normal_quantile (arg (w, 1))); break;
    case 6: print (mlr_gamma_inc_reg (arg (w, 1), arg (w, 2))); break;
    case 7: print (mlr_gamma_inc_reg_c (arg (w, 1), arg (w, 2))); break;
    case 8: print (mlr_beta_inc_reg (arg (w, 1), arg (w, 2), arg (w, 3))); break;
    case 9: print (mlr_beta_inc_reg_c (arg (w, 1), arg (w, 2), arg (w, 3))); break;
    case 10: print (mlr_binomial_pmf (arg (w, 1), arg (w, 2), arg (w, 3))); break;
    case 11: print (mlr_binomial_log_pmf (arg (w, 1), arg (w, 2), arg (w, 3))); break;
    case 12: print (mlr_poisson_pmf (arg (w, 1), arg (w, 2))); break;
    case 13: print (mlr_poisson_log_pmf (arg (w, 1), arg (w, 2))); break;
    case 14: print (mlr_chi2_sf (arg (w, 1), arg (w, 2))); break;
    case 15: print (mlr_binomial_cdf (arg (w, 1), arg (w, 2), arg (w, 3))); break;
    case 16: print (mlr_poisson_cdf (arg (w, 1), arg (w, 2))); break;
    default: return FALSE;
    }
  return TRUE;
}

static gboolean
eval_dist (char  **w,
           guint   n)
{
  MlrDistKind kind;
  MlrDistribution d;

  if (n < 5 || !mlr_distribution_kind_from_string (w[1], &kind) ||
      !mlr_distribution_init (&d, kind, arg (w, 2), arg (w, 3), NULL))
    return FALSE;
  if (g_str_equal (w[0], "sample") && n == 6)
    {
      MlrRng rng;
      long count = strtol (w[5], NULL, 10);

      mlr_rng_init (&rng, g_ascii_strtoull (w[4], NULL, 10));
      for (long i = 0; i < count && i < 10000000; i++)
        print (mlr_distribution_sample (&d, &rng));
      return TRUE;
    }
  if (!g_str_equal (w[0], "dist"))
    return FALSE;
  if (g_str_equal (w[4], "mean") && n == 5)
    print (mlr_distribution_mean (&d));
  else if (g_str_equal (w[4], "variance") && n == 5)
    print (mlr_distribution_variance (&d));
  else if (g_str_equal (w[4], "pdf") && n == 6)
    print (mlr_distribution_pdf (&d, arg (w, 5)));
  else if (g_str_equal (w[4], "cdf") && n == 6)
    print (mlr_distribution_cdf (&d, arg (w, 5)));
  else if (g_str_equal (w[4], "quantile") && n == 6)
    print (mlr_distribution_quantile (&d, arg (w, 5)));
  else
    return FALSE;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  char line[4096];

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) w = g_strsplit_set (g_strstrip (line), " \t", -1);
      guint n = g_strv_length (w);
      gboolean ok;

      if (n == 0 || *w[0] == '\0')
        continue;
      ok = g_str_equal (w[0], "dist") || g_str_equal (w[0], "sample") ? eval_dist (w, n)
                                                                     : eval_function (w, n);
      if (!ok)
        printf ("error\n");
      fflush (stdout);
    }
  return 0;
}
