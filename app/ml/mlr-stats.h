/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-stats: the statistics of testing a difference — the Student t distribution (the normal,
 * log Γ and log B come from mlr-special.h),
 * Welch's and the paired t-test, the two-proportion z-test, and the power of a test of two
 * conversion rates with the sample size it needs. Plain C + libm + GLib; every function is
 * pure and thread-safe, so a simulation may call them off the UI thread.
 *
 * Accuracy (checked against SciPy in tests/cli/test-cli-abtest.py and tests/ml/test-stats.c):
 *  - the regularized incomplete beta I_x(a, b) is the continued fraction of Numerical Recipes
 *    (§6.4) evaluated with the modified Lentz method, on whichever side of the mean converges,
 *    with 1 − x passed in separately and log B(a, b) in Stirling's form for large arguments;
 *    for the t distribution about 1e-14 relative up to df = 10³, 1e-12 at 10⁴, 1e-11 at 10⁵
 *    and 1e-10 at 10⁶ (for x near 1 the fraction's terms 1 + aₘ/c cancel);
 *  - the t quantile refines a normal start by safeguarded Newton steps on log sf (bracketed,
 *    at most 200 steps), to about 1e-13 relative.
 *
 * Names start with mlr_stats_.
 */
#pragma once

#include <glib.h>

#include "mlr-special.h"

G_BEGIN_DECLS

#define MLR_STATS_ERROR (mlr_stats_error_quark ())

typedef enum {
  MLR_STATS_ERROR_TOO_FEW,      /* fewer values than the test needs */
  MLR_STATS_ERROR_NO_SPREAD,    /* a standard error of zero: the statistic is undefined */
  MLR_STATS_ERROR_MISMATCH,     /* paired samples of different lengths */
  MLR_STATS_ERROR_INVALID,      /* an argument out of its range */
} MlrStatsError;

GQuark   mlr_stats_error_quark      (void);


/* The regularized incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]; @y is
 * 1 − x, given separately so that x close to 1 keeps its precision. NaN outside the range. */
double   mlr_stats_incbeta          (double a,
                                     double b,
                                     double x,
                                     double y);

/* Student's t distribution with @df > 0 degrees of freedom (any real df, as Welch needs). */
double   mlr_stats_t_pdf            (double t,
                                     double df);
double   mlr_stats_t_cdf            (double t,
                                     double df);
double   mlr_stats_t_sf             (double t,
                                     double df);
double   mlr_stats_t_isf            (double q,
                                     double df);
double   mlr_stats_t_quantile       (double p,
                                     double df);

/* What a two-sample test reports. Differences are as documented at each function. */
typedef struct {
  double statistic;   /* t or z */
  double df;          /* degrees of freedom (t tests; 0 for z) */
  double p_value;     /* two-sided */
  double diff;        /* the estimated difference */
  double se;          /* its standard error as the interval uses it */
  double ci_low;      /* the 1 − alpha confidence interval of the difference */
  double ci_high;
  double mean_a;
  double mean_b;
} MlrStatsTest;

gboolean mlr_stats_welch_test       (const double  *a,
                                     gsize          n_a,
                                     const double  *b,
                                     gsize          n_b,
                                     double         alpha,
                                     MlrStatsTest  *out,
                                     GError       **error);
gboolean mlr_stats_paired_test      (const double  *a,
                                     const double  *b,
                                     gsize          n,
                                     double         alpha,
                                     MlrStatsTest  *out,
                                     GError       **error);
gboolean mlr_stats_proportions_test (double         successes_a,
                                     double         trials_a,
                                     double         successes_b,
                                     double         trials_b,
                                     double         alpha,
                                     MlrStatsTest  *out,
                                     GError       **error);

/* Power of a test of two conversion rates, normal approximation, unpooled standard error. */
double   mlr_stats_two_rate_se      (double         p1,
                                     double         p2,
                                     double         n);
double   mlr_stats_critical_z       (double         alpha,
                                     guint          tails);
double   mlr_stats_two_rate_power   (double         p1,
                                     double         p2,
                                     double         n,
                                     double         alpha,
                                     guint          tails);
double   mlr_stats_two_rate_n_for_power (double     p1,
                                     double         p2,
                                     double         alpha,
                                     guint          tails,
                                     double         target,
                                     double         max_n);

G_END_DECLS
