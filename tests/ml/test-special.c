/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The special functions (mlr-special.h) by identities and exact values, their domains, and the
 * samplers (mlr-variates.h through mlr-distribution.h) by goodness of fit: 20,000 draws with
 * a fixed seed for each of 29 distributions, a Kolmogorov–Smirnov statistic below its 0.1%
 * critical value (continuous kinds) and a chi-square test on 40 equiprobable bins with a
 * p-value above 0.001 (all kinds), and the sample mean within 5 standard errors. Two draws
 * from the wrong distribution must fail the same tests, so the tests can fail. The SciPy
 * comparison is tests/ml/test-special-scipy.py.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "ml/mlr-distribution.h"
#include "ml/mlr-special.h"

#define N_DRAWS 20000

static void
assert_rel (double got,
            double want,
            double tol)
{
  if (want == got)
    return;
  if (!(fabs (got - want) <= tol * fabs (want)))
    g_error ("got %.17g, want %.17g (relative error %.3g > %.3g)", got, want,
             fabs (got - want) / fabs (want), tol);
}

/* ---------------------------------------------------------------- exact values */

static void
test_exact_values (void)
{
  double fact = 1;

  /* log Γ(n) = log (n − 1)! */
  for (int n = 1; n <= 25; n++)
    {
      assert_rel (mlr_lgamma (n), log (fact), 1e-14);
      fact *= n;
    }
  assert_rel (mlr_lgamma (0.5), 0.5 * log (G_PI), 1e-15);
  assert_rel (mlr_lbeta (1, 7), -log (7), 1e-15);
  assert_rel (mlr_lbeta (2, 3), -log (12), 1e-15);
  assert_rel (mlr_lbeta (30, 40), mlr_lgamma (30) + mlr_lgamma (40) - mlr_lgamma (70), 1e-13);

  g_assert_cmpfloat (mlr_normal_cdf (0), ==, 0.5);
  assert_rel (mlr_normal_cdf (1.959963984540054), 0.975, 1e-15);
  assert_rel (mlr_normal_sf (1.959963984540054), 0.025, 1e-14);
  assert_rel (mlr_normal_pdf (0), 1 / sqrt (2 * G_PI), 1e-16);
  assert_rel (mlr_normal_quantile (0.975), 1.959963984540054, 1e-15);
  {
    double p = 0.5 + 1e-10, q = p - 0.5;   /* q exactly what p holds above 1/2 */
    assert_rel (mlr_normal_quantile (p), q * sqrt (2 * G_PI), 1e-9);
  }
  g_assert_cmpfloat (mlr_normal_quantile (0.5), ==, 0);

  for (double x = 0.05; x < 20; x *= 1.7)
    {
      assert_rel (mlr_gamma_inc_reg (1, x), -expm1 (-x), 1e-14);         /* exponential */
      assert_rel (mlr_gamma_inc_reg_c (1, x), exp (-x), 1e-14);
      assert_rel (mlr_gamma_inc_reg (0.5, x), erf (sqrt (x)), 1e-14);    /* χ² with 1 df */
      assert_rel (mlr_gamma_inc_reg_c (2, x), exp (-x) * (1 + x), 1e-14);
    }
  for (double x = 0.01; x < 1; x += 0.07)
    {
      assert_rel (mlr_beta_inc_reg (1, 1, x), x, 1e-15);
      assert_rel (mlr_beta_inc_reg (3.5, 1, x), pow (x, 3.5), 1e-14);
      assert_rel (mlr_beta_inc_reg_c (1, 4.5, x), pow (1 - x, 4.5), 1e-14);
      assert_rel (mlr_beta_inc_reg (0.5, 0.5, x), 2 / G_PI * asin (sqrt (x)), 1e-14);
    }
  /* Binomial(10, 1/2): C(10, k) / 1024 */
  {
    double c = 1;
    for (int k = 0; k <= 10; k++)
      {
        assert_rel (mlr_binomial_pmf (k, 10, 0.5), c / 1024, 1e-14);
        c = c * (10 - k) / (k + 1);
      }
  }
  assert_rel (mlr_poisson_pmf (0, 3.5), exp (-3.5), 1e-14);
  assert_rel (mlr_poisson_pmf (2, 4), 8 * exp (-4), 1e-14);
  assert_rel (mlr_chi2_sf (2, 2), exp (-1), 1e-15);
}

/* P + Q = 1, I + (1 − I) = 1, the beta's symmetry, the CDFs as sums of their probabilities,
 * and the quantile undoing the CDF. */
static void
test_identities (void)
{
  static const double shapes[] = { 0.05, 0.3, 1, 2.5, 17, 140, 3000, 1e5 };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (shapes); j++)
      {
        double a = shapes[i], b = shapes[j];
        for (double x = 0.001; x < 1; x += 0.0997)
          {
            double I = mlr_beta_inc_reg (a, b, x), Ic = mlr_beta_inc_reg_c (a, b, x);
            g_assert_cmpfloat (fabs (I + Ic - 1), <, 1e-14);
            g_assert_cmpfloat (I, >=, 0);
            g_assert_cmpfloat (I, <=, 1);
            if (I > 1e-300)
              assert_rel (mlr_beta_inc_reg_c (b, a, 1 - x), I, 1e-12);
          }
        {
          double P = mlr_gamma_inc_reg (a, b), Q = mlr_gamma_inc_reg_c (a, b);
          g_assert_cmpfloat (fabs (P + Q - 1), <, 1e-14);
        }
      }

  for (int n = 1; n <= 200; n += 13)
    for (double p = 0.01; p < 1; p += 0.12)
      {
        double sum = 0;
        for (int k = 0; k <= n; k++)
          {
            sum += mlr_binomial_pmf (k, n, p);
            assert_rel (mlr_binomial_cdf (k, n, p), MIN (sum, 1.0), 1e-13);
            assert_rel (mlr_binomial_cdf (k, n, p),
                        k == n ? 1 : mlr_beta_inc_reg_c (k + 1, n - k, p), 1e-12);
          }
      }
  for (double lambda = 0.01; lambda < 300; lambda *= 2.3)
    {
      double sum = 0;
      for (int k = 0; k < lambda + 12 * sqrt (lambda) + 20; k++)
        {
          sum += mlr_poisson_pmf (k, lambda);
          assert_rel (mlr_poisson_cdf (k, lambda), MIN (sum, 1.0), 1e-13);
        }
    }
  /* Φ(z) has relative condition number about z² in z: the round trip is as good as that */
  for (double p = 1e-300; p < 1; p *= 1e3)
    {
      double z = mlr_normal_quantile (p);
      assert_rel (mlr_normal_cdf (z), p, 1e-15 * (1 + z * z));
      assert_rel (mlr_normal_sf (-z), p, 1e-15 * (1 + z * z));
    }
}

/* NaN in, NaN out; outside the domain NaN; the limits where they are the honest answer. */
static void
test_domains (void)
{
  g_assert_true (isnan (mlr_normal_cdf (NAN)));
  g_assert_true (isnan (mlr_normal_quantile (-0.1)));
  g_assert_true (isnan (mlr_normal_quantile (1.1)));
  g_assert_true (isinf (mlr_normal_quantile (0)) && mlr_normal_quantile (0) < 0);
  g_assert_true (isinf (mlr_normal_quantile (1)) && mlr_normal_quantile (1) > 0);
  g_assert_cmpfloat (mlr_normal_cdf (-INFINITY), ==, 0);
  g_assert_cmpfloat (mlr_normal_cdf (INFINITY), ==, 1);
  g_assert_true (isnan (mlr_gamma_inc_reg (-1, 1)));
  g_assert_true (isnan (mlr_gamma_inc_reg (1, -1)));
  g_assert_true (isnan (mlr_gamma_inc_reg (NAN, 1)));
  g_assert_cmpfloat (mlr_gamma_inc_reg (2, 0), ==, 0);
  g_assert_cmpfloat (mlr_gamma_inc_reg_c (2, INFINITY), ==, 0);
  g_assert_true (isnan (mlr_beta_inc_reg (0, 1, 0.5)));
  g_assert_true (isnan (mlr_beta_inc_reg (1, 1, 1.5)));
  g_assert_true (isnan (mlr_beta_inc_reg (1, INFINITY, 0.5)));
  g_assert_cmpfloat (mlr_beta_inc_reg (2, 3, 0), ==, 0);
  g_assert_cmpfloat (mlr_beta_inc_reg (2, 3, 1), ==, 1);
  g_assert_true (isnan (mlr_binomial_pmf (1, 10, 1.5)));
  g_assert_true (isnan (mlr_binomial_cdf (1, -10, 0.5)));
  g_assert_cmpfloat (mlr_binomial_pmf (11, 10, 0.5), ==, 0);
  g_assert_cmpfloat (mlr_binomial_cdf (-1, 10, 0.5), ==, 0);
  g_assert_cmpfloat (mlr_binomial_cdf (10, 10, 0.5), ==, 1);
  g_assert_cmpfloat (mlr_binomial_pmf (0, 10, 0), ==, 1);
  g_assert_cmpfloat (mlr_binomial_pmf (10, 10, 1), ==, 1);
  g_assert_true (isnan (mlr_poisson_pmf (1, -1)));
  g_assert_cmpfloat (mlr_poisson_pmf (-1, 1), ==, 0);
  g_assert_cmpfloat (mlr_poisson_cdf (3, 0), ==, 1);
  g_assert_cmpfloat (mlr_chi2_sf (-1, 3), ==, 1);
}

/* Time limits are for a release build; .ci/sanitize sets MLR_TEST_SLOWDOWN to stretch them. */
static double
slowdown (void)
{
  const char *s = g_getenv ("MLR_TEST_SLOWDOWN");

  return s ? MAX (1.0, g_ascii_strtod (s, NULL)) : 1.0;
}

/* Huge arguments finish (bounded loops) and stay in range. */
static void
test_huge_arguments_finish (void)
{
  gint64 start = g_get_monotonic_time ();
  double v;

  v = mlr_binomial_cdf (5e8, 1e9, 0.5);
  g_assert_cmpfloat (fabs (v - 0.5000126156), <, 1e-9);
  v = mlr_gamma_inc_reg (1e12, 1e12);
  g_assert_cmpfloat (v, >, 0.49);
  g_assert_cmpfloat (v, <, 0.51);
  v = mlr_beta_inc_reg (1e9, 1e9, 0.5);
  g_assert_cmpfloat (fabs (v - 0.5), <, 1e-6);
  v = mlr_poisson_cdf (1e12 - 1, 1e12);
  g_assert_cmpfloat (v, >, 0.49);
  g_assert_cmpfloat (v, <, 0.51);
  v = mlr_binomial_cdf (5e11, 1e12, 0.5);
  g_assert_cmpfloat (fabs (v - 0.5 - 0.5 / sqrt (2 * G_PI * 2.5e11)), <, 1e-10);
  /* past 10^12 the sums would be cut short: NaN, not a wrong number */
  g_assert_true (isnan (mlr_poisson_cdf (1e15, 1e15)));
  g_assert_true (isnan (mlr_binomial_cdf (5e14, 1e15, 0.5)));
  g_assert_true (isnan (mlr_gamma_inc_reg (1e13, 1e13)));
  g_assert_cmpfloat (mlr_binomial_pmf (3e14, 1e15, 0.3), >, 0);
  /* seconds would mean an unbounded loop somewhere */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC * slowdown ());
}

/* ---------------------------------------------------------------- the samplers */

typedef struct {
  MlrDistKind kind;
  double      p0, p1;
  gboolean    ks;      /* test with KS too (continuous, no values that round to an end) */
} Case;

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The Kolmogorov–Smirnov statistic of sorted draws against the CDF. */
static double
ks_statistic (const MlrDistribution *d,
              const double          *x,
              guint                  n)
{
  double D = 0;

  for (guint i = 0; i < n; i++)
    {
      double F = mlr_distribution_cdf (d, x[i]);
      D = MAX (D, MAX ((i + 1.0) / n - F, F - (double) i / n));
    }
  return D;
}

/* The 0.1% point of √n D (Kolmogorov's limit, with Stephens' finite-n correction). */
static double
ks_critical (guint n)
{
  return sqrt (-0.5 * log (0.001 / 2)) / (sqrt (n) + 0.12 + 0.11 / sqrt (n));
}

/* The chi-square test's p-value on about 40 equiprobable bins (whole-number edges for the
 * discrete kinds, so some bins merge). */
static double
chi2_p (const MlrDistribution *d,
        const double          *x,
        guint                  n)
{
  double edges[41], prev_cdf = 0, stat = 0;
  guint n_edges = 0, j = 0, bins = 0;
  guint count;

  for (int b = 1; b < 40; b++)
    {
      double e = mlr_distribution_quantile (d, b / 40.0);
      if (n_edges == 0 || e > edges[n_edges - 1])
        edges[n_edges++] = e;
    }
  /* x is sorted: count each bin (-inf, e0], (e0, e1], ..., (e_last, inf) */
  for (guint b = 0; b <= n_edges; b++)
    {
      double cdf = b < n_edges ? mlr_distribution_cdf (d, edges[b]) : 1;
      double expected = n * (cdf - prev_cdf);
      count = 0;
      while (j < n && (b == n_edges || x[j] <= edges[b]))
        {
          count++;
          j++;
        }
      if (expected > 0)
        {
          stat += (count - expected) * (count - expected) / expected;
          bins++;
        }
      prev_cdf = cdf;
    }
  return mlr_chi2_sf (stat, bins - 1);
}

static void
draw_sorted (const MlrDistribution *d,
             guint64                seed,
             double                *x)
{
  MlrRng rng;

  mlr_rng_init (&rng, seed);
  for (guint i = 0; i < N_DRAWS; i++)
    x[i] = mlr_distribution_sample (d, &rng);
  qsort (x, N_DRAWS, sizeof (double), compare);
}

static void
test_samplers_fit (void)
{
  static const Case cases[] = {
    { MLR_DIST_NORMAL, 0, 1, TRUE }, { MLR_DIST_NORMAL, 1e6, 1e-3, TRUE },
    { MLR_DIST_NORMAL, -3, 250, TRUE },
    { MLR_DIST_UNIFORM, -2, 3, TRUE }, { MLR_DIST_UNIFORM, 1e5, 1e5 + 1e-3, TRUE },
    { MLR_DIST_EXPONENTIAL, 0.5, 0, TRUE }, { MLR_DIST_EXPONENTIAL, 1e3, 0, TRUE },
    { MLR_DIST_BETA, 2, 5, TRUE }, { MLR_DIST_BETA, 0.5, 0.5, TRUE },
    { MLR_DIST_BETA, 1000, 3, TRUE }, { MLR_DIST_BETA, 0.3, 50, TRUE },
    { MLR_DIST_BETA, 0.05, 0.05, FALSE },   /* a sixth of the draws round to 1 */
    { MLR_DIST_LOGNORMAL, 0, 1, TRUE }, { MLR_DIST_LOGNORMAL, 2, 0.1, TRUE },
    { MLR_DIST_LOGNORMAL, -5, 3, TRUE },
    { MLR_DIST_BINOMIAL, 10, 0.5 }, { MLR_DIST_BINOMIAL, 1000, 0.03 },
    { MLR_DIST_BINOMIAL, 1, 0.05 }, { MLR_DIST_BINOMIAL, 100, 0.97 },
    { MLR_DIST_BINOMIAL, 1e9, 0.5 }, { MLR_DIST_BINOMIAL, 1e9, 1e-8 },
    { MLR_DIST_BINOMIAL, 37, 0.999 }, { MLR_DIST_BINOMIAL, 50, 0.2 },
    { MLR_DIST_POISSON, 0.5 }, { MLR_DIST_POISSON, 4 }, { MLR_DIST_POISSON, 9.99 },
    { MLR_DIST_POISSON, 10 }, { MLR_DIST_POISSON, 33.3 }, { MLR_DIST_POISSON, 1e6 },
  };
  g_autofree double *x = g_new (double, N_DRAWS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MlrDistribution d;
      double mean, sd, sum = 0, p;

      g_assert_true (mlr_distribution_init (&d, cases[i].kind, cases[i].p0, cases[i].p1, NULL));
      draw_sorted (&d, 1000 + i, x);
      for (guint k = 0; k < N_DRAWS; k++)
        sum += x[k];
      mean = mlr_distribution_mean (&d);
      sd = sqrt (mlr_distribution_variance (&d));
      g_test_message ("%s(%g, %g): mean %.6g vs %.6g", mlr_distribution_kind_to_string (d.kind),
                      d.p[0], d.p[1], sum / N_DRAWS, mean);
      g_assert_cmpfloat (fabs (sum / N_DRAWS - mean), <=, 5 * sd / sqrt (N_DRAWS));
      if (cases[i].ks)
        g_assert_cmpfloat (ks_statistic (&d, x, N_DRAWS), <, ks_critical (N_DRAWS));
      p = chi2_p (&d, x, N_DRAWS);
      g_test_message ("  chi-square p %.4g", p);
      g_assert_cmpfloat (p, >, 0.001);
    }
}

/* The same tests reject draws from a slightly different distribution: they can fail. */
static void
test_fit_tests_have_power (void)
{
  g_autofree double *x = g_new (double, N_DRAWS);
  MlrDistribution truth, claim;

  mlr_distribution_init (&truth, MLR_DIST_EXPONENTIAL, 1, 0, NULL);
  mlr_distribution_init (&claim, MLR_DIST_EXPONENTIAL, 1.05, 0, NULL);
  draw_sorted (&truth, 7, x);
  g_assert_cmpfloat (ks_statistic (&claim, x, N_DRAWS), >, ks_critical (N_DRAWS));
  g_assert_cmpfloat (chi2_p (&claim, x, N_DRAWS), <, 0.001);

  mlr_distribution_init (&truth, MLR_DIST_POISSON, 4, 0, NULL);
  mlr_distribution_init (&claim, MLR_DIST_POISSON, 4.2, 0, NULL);
  draw_sorted (&truth, 7, x);
  g_assert_cmpfloat (chi2_p (&claim, x, N_DRAWS), <, 0.001);
}

/* One seed, one sequence; every draw inside the support. */
static void
test_samplers_deterministic (void)
{
  MlrDistribution d;
  MlrRng a, b;

  for (MlrDistKind k = 0; k < MLR_N_DISTS; k++)
    {
      static const double params[MLR_N_DISTS][2] = {
        { 0, 1 }, { 0, 1 }, { 2, 0 }, { 30, 0.4 }, { 12, 0 }, { 0.7, 3 }, { 0, 0.5 },
      };
      double lo, hi;

      g_assert_true (mlr_distribution_init (&d, k, params[k][0], params[k][1], NULL));
      mlr_distribution_support (&d, &lo, &hi);
      mlr_rng_init (&a, 99);
      mlr_rng_init (&b, 99);
      for (int i = 0; i < 5000; i++)
        {
          double x = mlr_distribution_sample (&d, &a);
          g_assert_cmpfloat (x, ==, mlr_distribution_sample (&d, &b));
          g_assert_cmpfloat (x, >=, lo);
          g_assert_cmpfloat (x, <=, hi);
          if (mlr_distribution_is_discrete (&d))
            g_assert_cmpfloat (x, ==, floor (x));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/special/exact-values", test_exact_values);
  g_test_add_func ("/ml/special/identities", test_identities);
  g_test_add_func ("/ml/special/domains", test_domains);
  g_test_add_func ("/ml/special/huge-arguments-finish", test_huge_arguments_finish);
  g_test_add_func ("/ml/variates/fit", test_samplers_fit);
  g_test_add_func ("/ml/variates/fit-tests-have-power", test_fit_tests_have_power);
  g_test_add_func ("/ml/variates/deterministic", test_samplers_deterministic);
  return g_test_run ();
}
