/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-distribution.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mlr-special.h"
#include "mlr-variates.h"

G_DEFINE_QUARK (mlr-distribution-error-quark, mlr_distribution_error)

static const char * const kind_names[] = {
  "normal", "uniform", "exponential", "binomial", "poisson", "beta", "lognormal", NULL
};

/* The names, in MlrDistKind order, NULL-terminated. */
const char * const *
mlr_distribution_kind_names (void)
{
  return kind_names;
}

const char *
mlr_distribution_kind_to_string (MlrDistKind kind)
{
  g_return_val_if_fail (kind < MLR_N_DISTS, NULL);
  return kind_names[kind];
}

gboolean
mlr_distribution_kind_from_string (const char  *name,
                                   MlrDistKind *kind)
{
  for (guint i = 0; i < MLR_N_DISTS; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* How many of p[] the kind uses: 1 for the exponential and Poisson, else 2. */
guint
mlr_distribution_kind_n_params (MlrDistKind kind)
{
  return kind == MLR_DIST_EXPONENTIAL || kind == MLR_DIST_POISSON ? 1 : 2;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, MLR_DISTRIBUTION_ERROR, MLR_DISTRIBUTION_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

/**
 * mlr_distribution_init:
 * Sets @dist to @kind with parameters @p0, @p1 (see the table at the top of the header; p1
 * is ignored by the one-parameter kinds). Fails, leaving @dist alone, for parameters outside
 * the distribution's domain or whose mean or variance overflow.
 */
gboolean
mlr_distribution_init (MlrDistribution  *dist,
                       MlrDistKind       kind,
                       double            p0,
                       double            p1,
                       GError          **error)
{
  MlrDistribution d;
  double v;

  /* whole, padding included: the painter compares distributions bytewise */
  memset (&d, 0, sizeof d);
  d.kind = kind;
  d.p[0] = p0;
  d.p[1] = mlr_distribution_kind_n_params (kind) > 1 ? p1 : 0;
  if (kind >= MLR_N_DISTS)
    return invalid (error, "unknown distribution %d", kind);
  if (!isfinite (d.p[0]) || !isfinite (d.p[1]))
    return invalid (error, "%s: the parameters must be finite numbers", kind_names[kind]);
  switch (kind)
    {
    case MLR_DIST_NORMAL:
    case MLR_DIST_LOGNORMAL:
      if (!(p1 > 0))
        return invalid (error, "%s: sigma must be above 0", kind_names[kind]);
      break;
    case MLR_DIST_UNIFORM:
      if (!(p0 < p1))
        return invalid (error, "uniform: a must be below b");
      break;
    case MLR_DIST_EXPONENTIAL:
    case MLR_DIST_POISSON:
      if (!(p0 > 0))
        return invalid (error, "%s: the rate must be above 0", kind_names[kind]);
      break;
    case MLR_DIST_BINOMIAL:
      if (!(p0 >= 0 && p0 == floor (p0) && p0 <= 1e15))
        return invalid (error, "binomial: trials must be a whole number from 0");
      if (!(p1 >= 0 && p1 <= 1))
        return invalid (error, "binomial: p must be within 0 … 1");
      break;
    case MLR_DIST_BETA:
      if (!(p0 > 0 && p1 > 0))
        return invalid (error, "beta: alpha and beta must be above 0");
      break;
    case MLR_N_DISTS:
    default:
      g_assert_not_reached ();
    }
  v = mlr_distribution_variance (&d);
  if (!isfinite (mlr_distribution_mean (&d)) || !isfinite (v))
    return invalid (error, "%s: the mean or variance overflows for these parameters",
                    kind_names[kind]);
  if (kind == MLR_DIST_BETA)
    mlr_beta_sampler_init (&d.sampler.beta, p0, p1);
  else if (kind == MLR_DIST_BINOMIAL)
    mlr_binomial_sampler_init (&d.sampler.binomial, p0, p1);
  else if (kind == MLR_DIST_POISSON)
    mlr_poisson_sampler_init (&d.sampler.poisson, p0);
  *dist = d;
  return TRUE;
}

gboolean
mlr_distribution_is_discrete (const MlrDistribution *dist)
{
  return dist->kind == MLR_DIST_BINOMIAL || dist->kind == MLR_DIST_POISSON;
}

/* The smallest closed interval holding all the probability (ends may be infinite). */
void
mlr_distribution_support (const MlrDistribution *dist,
                          double                *lo,
                          double                *hi)
{
  switch (dist->kind)
    {
    case MLR_DIST_UNIFORM:
      *lo = dist->p[0];
      *hi = dist->p[1];
      break;
    case MLR_DIST_EXPONENTIAL:
    case MLR_DIST_POISSON:
    case MLR_DIST_LOGNORMAL:
      *lo = 0;
      *hi = INFINITY;
      break;
    case MLR_DIST_BINOMIAL:
      *lo = 0;
      *hi = dist->p[0];
      break;
    case MLR_DIST_BETA:
      *lo = 0;
      *hi = 1;
      break;
    case MLR_DIST_NORMAL:
    case MLR_N_DISTS:
    default:
      *lo = -INFINITY;
      *hi = INFINITY;
      break;
    }
}

double
mlr_distribution_mean (const MlrDistribution *dist)
{
  const double *p = dist->p;

  switch (dist->kind)
    {
    case MLR_DIST_NORMAL:
      return p[0];
    case MLR_DIST_UNIFORM:
      return p[0] / 2 + p[1] / 2;
    case MLR_DIST_EXPONENTIAL:
      return 1 / p[0];
    case MLR_DIST_BINOMIAL:
      return p[0] * p[1];
    case MLR_DIST_POISSON:
      return p[0];
    case MLR_DIST_BETA:
      return p[0] / (p[0] + p[1]);
    case MLR_DIST_LOGNORMAL:
      return exp (p[0] + p[1] * p[1] / 2);
    case MLR_N_DISTS:
    default:
      return NAN;
    }
}

double
mlr_distribution_variance (const MlrDistribution *dist)
{
  const double *p = dist->p;
  double w, s;

  switch (dist->kind)
    {
    case MLR_DIST_NORMAL:
      return p[1] * p[1];
    case MLR_DIST_UNIFORM:
      w = p[1] - p[0];
      return w * w / 12;
    case MLR_DIST_EXPONENTIAL:
      return 1 / (p[0] * p[0]);
    case MLR_DIST_BINOMIAL:
      return p[0] * p[1] * (1 - p[1]);
    case MLR_DIST_POISSON:
      return p[0];
    case MLR_DIST_BETA:
      s = p[0] + p[1];
      return p[0] / s * (p[1] / s) / (s + 1);
    case MLR_DIST_LOGNORMAL:
      /* (e^σ² − 1) e^(2μ + σ²), with expm1 for a small σ */
      return expm1 (p[1] * p[1]) * exp (2 * p[0] + p[1] * p[1]);
    case MLR_N_DISTS:
    default:
      return NAN;
    }
}

static gboolean
is_whole (double x)
{
  return x == floor (x);
}

/* The beta density, as R's dbeta: +∞ at an end where the shape is below 1. */
static double
beta_pdf (double a,
          double b,
          double x)
{
  if (x < 0 || x > 1)
    return 0;
  if (x == 0)
    return a > 1 ? 0 : a < 1 ? INFINITY : b;
  if (x == 1)
    return b > 1 ? 0 : b < 1 ? INFINITY : a;
  if (a <= 2 || b <= 2)
    return exp ((a - 1) * log (x) + (b - 1) * log1p (-x) - mlr_lbeta (a, b));
  /* (a + b − 1) times the binomial probability of a − 1 in a + b − 2 trials */
  return (a + b - 1) * mlr_binomial_pmf (a - 1, a + b - 2, x);
}

/**
 * mlr_distribution_pdf:
 * The density at @x for a continuous distribution, P(X = x) for a discrete one (0 off the
 * integers). The uniform's density is 1 / (b − a) on the closed interval, as SciPy's. The
 * beta's is +∞ at 0 when alpha < 1 (at 1 when beta < 1).
 */
double
mlr_distribution_pdf (const MlrDistribution *dist,
                      double                 x)
{
  const double *p = dist->p;
  double z;

  if (isnan (x))
    return x;
  switch (dist->kind)
    {
    case MLR_DIST_NORMAL:
      return mlr_normal_pdf ((x - p[0]) / p[1]) / p[1];
    case MLR_DIST_UNIFORM:
      return x >= p[0] && x <= p[1] ? 1 / (p[1] - p[0]) : 0;
    case MLR_DIST_EXPONENTIAL:
      return x < 0 ? 0 : p[0] * exp (-p[0] * x);
    case MLR_DIST_BINOMIAL:
      return is_whole (x) ? mlr_binomial_pmf (x, p[0], p[1]) : 0;
    case MLR_DIST_POISSON:
      return is_whole (x) ? mlr_poisson_pmf (x, p[0]) : 0;
    case MLR_DIST_BETA:
      return beta_pdf (p[0], p[1], x);
    case MLR_DIST_LOGNORMAL:
      if (x <= 0 || isinf (x))
        return 0;
      z = (log (x) - p[0]) / p[1];
      return mlr_normal_pdf (z) / (p[1] * x);
    case MLR_N_DISTS:
    default:
      return NAN;
    }
}

/* P(X <= x). */
double
mlr_distribution_cdf (const MlrDistribution *dist,
                      double                 x)
{
  const double *p = dist->p;

  if (isnan (x))
    return x;
  switch (dist->kind)
    {
    case MLR_DIST_NORMAL:
      return mlr_normal_cdf ((x - p[0]) / p[1]);
    case MLR_DIST_UNIFORM:
      if (x <= p[0])
        return 0;
      if (x >= p[1])
        return 1;
      return (x - p[0]) / (p[1] - p[0]);
    case MLR_DIST_EXPONENTIAL:
      return x <= 0 ? 0 : -expm1 (-p[0] * x);
    case MLR_DIST_BINOMIAL:
      return mlr_binomial_cdf (x, p[0], p[1]);
    case MLR_DIST_POISSON:
      return mlr_poisson_cdf (x, p[0]);
    case MLR_DIST_BETA:
      if (x <= 0)
        return 0;
      if (x >= 1)
        return 1;
      return mlr_beta_inc_reg (p[0], p[1], x);
    case MLR_DIST_LOGNORMAL:
      if (x <= 0)
        return 0;
      return mlr_normal_cdf ((log (x) - p[0]) / p[1]);
    case MLR_N_DISTS:
    default:
      return NAN;
    }
}

/* The smallest whole k in the support with P(X <= k) >= q, by bisection (at most about 60
 * CDF evaluations). */
static double
discrete_quantile (const MlrDistribution *dist,
                   double                 q)
{
  double lo, hi, sd = sqrt (mlr_distribution_variance (dist));
  double mean = mlr_distribution_mean (dist);
  double slo, shi;

  mlr_distribution_support (dist, &slo, &shi);
  /* an interval with cdf(lo) < q <= cdf(hi), widened until it holds */
  lo = MAX (slo - 1, floor (mean - 10 * sd - 10));
  hi = MIN (shi, ceil (mean + 10 * sd + 10));
  for (int i = 0; i < 64 && lo >= slo && mlr_distribution_cdf (dist, lo) >= q; i++)
    lo = MAX (slo - 1, lo - 2 * (hi - lo));
  for (int i = 0; i < 64 && hi < shi && mlr_distribution_cdf (dist, hi) < q; i++)
    hi = MIN (shi, hi + 2 * (hi - lo));
  while (hi - lo > 1)
    {
      double mid = floor (lo / 2 + hi / 2);
      if (mlr_distribution_cdf (dist, mid) >= q)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

/* The beta's quantile by bisection on [0, 1], to the last few bits of the answer however
 * small it is (at most 1100 halvings: down to the smallest double). Above the median it
 * compares the upper tail with 1 − q (exact there), which keeps the digits a CDF near 1
 * cannot. */
static double
beta_quantile (const MlrDistribution *dist,
               double                 q)
{
  double lo = 0, hi = 1, tail = 1 - q;
  gboolean upper = q > 0.5;

  for (int i = 0; i < 1100 && hi - lo > 4 * DBL_EPSILON * hi; i++)
    {
      double mid = lo / 2 + hi / 2;
      gboolean above;

      if (mid <= lo || mid >= hi)
        break;
      above = upper ? mlr_beta_inc_reg_c (dist->p[0], dist->p[1], mid) <= tail
                    : mlr_distribution_cdf (dist, mid) >= q;
      if (above)
        hi = mid;
      else
        lo = mid;
    }
  return lo / 2 + hi / 2;
}

/**
 * mlr_distribution_quantile:
 * The q-quantile, inf { x : P(X <= x) >= q }, for 0 <= q <= 1 (the ends of the support at 0
 * and 1); closed forms where there are, bisection on the CDF for the beta and the discrete
 * kinds.
 */
double
mlr_distribution_quantile (const MlrDistribution *dist,
                           double                 q)
{
  const double *p = dist->p;
  double lo, hi;

  if (isnan (q) || q < 0 || q > 1)
    return NAN;
  mlr_distribution_support (dist, &lo, &hi);
  if (q == 0)
    return lo;
  if (q == 1)
    return hi;
  switch (dist->kind)
    {
    case MLR_DIST_NORMAL:
      return p[0] + p[1] * mlr_normal_quantile (q);
    case MLR_DIST_UNIFORM:
      return p[0] + q * (p[1] - p[0]);
    case MLR_DIST_EXPONENTIAL:
      return -log1p (-q) / p[0];
    case MLR_DIST_LOGNORMAL:
      return exp (p[0] + p[1] * mlr_normal_quantile (q));
    case MLR_DIST_BETA:
      return beta_quantile (dist, q);
    case MLR_DIST_BINOMIAL:
    case MLR_DIST_POISSON:
      return discrete_quantile (dist, q);
    case MLR_N_DISTS:
    default:
      return NAN;
    }
}

/* One exact draw from @dist (as set up by mlr_distribution_init()). */
double
mlr_distribution_sample (const MlrDistribution *dist,
                         MlrRng                *rng)
{
  const double *p = dist->p;

  switch (dist->kind)
    {
    case MLR_DIST_NORMAL:
      return p[0] + p[1] * mlr_rng_normal (rng);
    case MLR_DIST_UNIFORM:
      return p[0] + (p[1] - p[0]) * mlr_rng_uniform (rng);
    case MLR_DIST_EXPONENTIAL:
      return mlr_rng_exponential (rng) / p[0];
    case MLR_DIST_BINOMIAL:
      return mlr_binomial_sampler_draw (&dist->sampler.binomial, rng);
    case MLR_DIST_POISSON:
      return mlr_poisson_sampler_draw (&dist->sampler.poisson, rng);
    case MLR_DIST_BETA:
      return mlr_beta_sampler_draw (&dist->sampler.beta, rng);
    case MLR_DIST_LOGNORMAL:
      return exp (p[0] + p[1] * mlr_rng_normal (rng));
    case MLR_N_DISTS:
    default:
      return NAN;
    }
}
