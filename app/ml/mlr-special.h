/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-special: the special functions behind the distributions and tests the lessons use —
 * log-gamma and log-beta, the normal CDF and its inverse, the regularized incomplete gamma and
 * beta functions, and the binomial and Poisson probabilities and CDFs computed the way R and
 * SciPy do (Loader's saddle-point form), so they stay accurate for a billion trials or a rate
 * of a million.
 *
 * Accuracy, checked against SciPy and, where SciPy itself loses digits, against sums in
 * 40-digit decimal arithmetic (tests/ml/test-special-scipy.py): about 1e-13 relative, values
 * deep in a tail excepted (there the error grows with |log value|, a few 1e-13 at 1e-100).
 * The incomplete beta's continued fraction loses digits for a shape above 10^5 next to the
 * mean (1e-12 at 10^6, 1e-11 at 5·10^5 with the other shape below 1); the binomial CDF sums
 * probabilities instead and keeps 1e-13 for any number of trials.
 *
 * Conventions: every function is pure, thread-safe and total. A NaN argument gives NaN;
 * arguments outside the domain give NaN too (a negative shape, a probability above 1, and
 * shapes, trials or rates above 10^12, where the series would need more terms than any loop
 * here may take), except where a limit is the honest answer (the CDF of ±∞, the quantile of
 * 0 or 1). Plain C + libm.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gamma and beta functions */
double mlr_lgamma            (double x);
double mlr_lbeta             (double a,
                              double b);
double mlr_stirlerr          (double n);

/* The standard normal distribution */
double mlr_normal_pdf        (double z);
double mlr_normal_cdf        (double z);
double mlr_normal_sf         (double z);
double mlr_normal_quantile   (double p);

/* Regularized incomplete gamma: P(a, x) = γ(a, x) / Γ(a) and Q = 1 − P, each computed
 * directly so the smaller one keeps its relative accuracy. a > 0, x >= 0. */
double mlr_gamma_inc_reg     (double a,
                              double x);
double mlr_gamma_inc_reg_c   (double a,
                              double x);

/* Regularized incomplete beta: I_x(a, b) and 1 − I_x(a, b). a, b > 0, 0 <= x <= 1. */
double mlr_beta_inc_reg      (double a,
                              double b,
                              double x);
double mlr_beta_inc_reg_c    (double a,
                              double b,
                              double x);

/* Probability mass functions, for real k (0 off the integers is the caller's business):
 * C(n, k) p^k (1 − p)^(n − k) and λ^k e^−λ / k!. */
double mlr_binomial_pmf      (double k,
                              double n,
                              double p);
double mlr_binomial_log_pmf  (double k,
                              double n,
                              double p);
double mlr_poisson_pmf       (double k,
                              double lambda);
double mlr_poisson_log_pmf   (double k,
                              double lambda);

/* Their CDFs, P(X <= k), for real k (the floor counts). */
double mlr_binomial_cdf      (double k,
                              double n,
                              double p);
double mlr_poisson_cdf       (double k,
                              double lambda);

/* The upper tail of the chi-square distribution with @df > 0 degrees of freedom, for the
 * p-value of a goodness-of-fit test. */
double mlr_chi2_sf           (double x,
                              double df);

G_END_DECLS
