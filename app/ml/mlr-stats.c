/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-stats.h"
#include "mlr-special.h"

#include <float.h>
#include <math.h>

G_DEFINE_QUARK (mlr-stats-error-quark, mlr_stats_error)


/* ---------------------------------------------------------------- the incomplete beta */

#define CF_EPS   1e-16
#define CF_TINY  1e-300

/* The continued fraction for I_x(a, b) (Numerical Recipes §6.4, eq. 6.4.5), evaluated from
 * the front by the modified Lentz method. It converges fast for x < (a + 1) / (a + b + 2), in
 * O(√max(a, b)) terms at worst; the bound only guards against a bug, never a real input. */
static double
beta_cf (double a,
         double b,
         double x,
         double y)
{
  double qab = a + b, qap = a + 1, qam = a - 1;
  /* 1 − (a + b) x / (a + 1); for x near 1 written with y = 1 − x, where the plain form
   * cancels (to 1e-10 relative error at a = 10⁶) */
  double c = 1, d = x > 0.5 ? (1 - b + qab * y) / qap : 1 - qab * x / qap, h;
  guint max_iter = 1000 + (guint) MIN (1e6, 20 * sqrt (MAX (a, b)));

  if (fabs (d) < CF_TINY)
    d = CF_TINY;
  d = 1 / d;
  h = d;
  for (guint m = 1; m <= max_iter; m++)
    {
      double m2 = 2.0 * m, aa, del;

      /* the even step */
      aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      if (fabs (d) < CF_TINY)
        d = CF_TINY;
      c = 1 + aa / c;
      if (fabs (c) < CF_TINY)
        c = CF_TINY;
      d = 1 / d;
      h *= d * c;
      /* the odd step */
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      if (fabs (d) < CF_TINY)
        d = CF_TINY;
      c = 1 + aa / c;
      if (fabs (c) < CF_TINY)
        c = CF_TINY;
      d = 1 / d;
      del = d * c;
      h *= del;
      if (fabs (del - 1) <= CF_EPS)
        break;
    }
  return h;
}

/* I_x(a, b) with y = 1 − x and their logarithms lx, ly given by the caller, who often knows
 * them more precisely than log (x) would (the t distribution's x = 1 / (1 + t²/ν)). */
static double
incbeta_full (double a,
              double b,
              double x,
              double y,
              double lx,
              double ly)
{
  double front;

  /* x or y may underflow to 0 while its logarithm is still finite (t = 10²⁰⁰) */
  if (x <= 0 && !isfinite (lx))
    return 0;
  if (y <= 0 && !isfinite (ly))
    return 1;
  /* x^a y^b / B(a, b), in logarithms so that neither power underflows alone */
  front = exp (a * lx + b * ly - mlr_lbeta (a, b));
  if (x < (a + 1) / (a + b + 2))
    return front * beta_cf (a, b, x, y) / a;
  /* the symmetry I_x(a, b) = 1 − I_y(b, a), on the side where the fraction converges */
  return 1 - front * beta_cf (b, a, y, x) / b;
}

/**
 * mlr_stats_incbeta:
 * The regularized incomplete beta function I_x(@a, @b) = B(x; a, b) / B(a, b), with @y = 1 − x
 * given separately (pass 1 − x when x is not near 1). NaN for a or b ≤ 0 or x outside [0, 1].
 */
double
mlr_stats_incbeta (double a,
                   double b,
                   double x,
                   double y)
{
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0) || x > 1 || y > 1 ||
      !isfinite (a) || !isfinite (b))
    return NAN;
  return incbeta_full (a, b, x, y, x < 0.5 ? log (x) : log1p (-y),
                       y < 0.5 ? log (y) : log1p (-x));
}

/* ---------------------------------------------------------------- Student's t */

/* P(T > |t|) for ν = @df: ½ I_x(ν/2, ½) with x = ν / (ν + t²), computed from s = √ν / |t|
 * (or its inverse) so that neither t² nor x − 1 overflows or cancels. */
static double
t_upper_tail (double t,
              double df)
{
  double at = fabs (t), x, y, lx, ly;

  if (at == 0)
    return 0.5;
  if (isinf (at))
    return 0;
  if (sqrt (df) < at)
    {
      double s = sqrt (df) / at, s2 = s * s;
      x = s2 / (1 + s2);
      y = 1 / (1 + s2);
      lx = 2 * log (s) - log1p (s2);
      ly = -log1p (s2);
    }
  else
    {
      double u = at / sqrt (df), u2 = u * u;
      x = 1 / (1 + u2);
      y = u2 / (1 + u2);
      lx = -log1p (u2);
      ly = 2 * log (u) - log1p (u2);
    }
  return 0.5 * incbeta_full (df / 2, 0.5, x, y, lx, ly);
}

/* log of the t density */
static double
t_log_pdf (double t,
           double df)
{
  double at = fabs (t), log_kernel;

  if (sqrt (df) < at)
    {
      double s = sqrt (df) / at;
      /* log (1 + t²/ν) = 2 log (|t| / √ν) + log1p (ν / t²) */
      log_kernel = -(df + 1) / 2 * (-2 * log (s) + log1p (s * s));
    }
  else
    log_kernel = -(df + 1) / 2 * log1p ((at / sqrt (df)) * (at / sqrt (df)));
  return log_kernel - 0.5 * log (df) - mlr_lbeta (df / 2, 0.5);
}

double
mlr_stats_t_pdf (double t,
                 double df)
{
  if (isnan (t) || !(df > 0))
    return NAN;
  if (isinf (t))
    return 0;
  return exp (t_log_pdf (t, df));
}

/* P(T ≤ @t) for Student's t with @df > 0 degrees of freedom (+∞: the normal). */
double
mlr_stats_t_cdf (double t,
                 double df)
{
  if (isnan (t) || isnan (df) || !(df > 0))
    return NAN;
  if (isinf (df))
    return mlr_normal_cdf (t);
  return t > 0 ? 1 - t_upper_tail (t, df) : t_upper_tail (t, df);
}

/* P(T > @t), without the cancellation of 1 − cdf. */
double
mlr_stats_t_sf (double t,
                double df)
{
  if (isnan (t) || isnan (df) || !(df > 0))
    return NAN;
  if (isinf (df))
    return mlr_normal_sf (t);
  return t > 0 ? t_upper_tail (t, df) : 1 - t_upper_tail (t, df);
}

/**
 * mlr_stats_t_isf:
 * The t with P(T > t) = @q (0 < q < 1): exact forms for ν = 1 and 2; otherwise Newton's
 * method on log P(T > t), which is nearly linear in log t out in the tail, started from the
 * normal quantile with the first Cornish–Fisher terms and kept inside a bracket (a step
 * that leaves it bisects instead). At most 200 steps.
 */
double
mlr_stats_t_isf (double q,
                 double df)
{
  double z, t, lo, hi, log_q;

  if (isnan (q) || isnan (df) || !(df > 0) || q < 0 || q > 1)
    return NAN;
  if (q == 0)
    return INFINITY;
  if (q == 1)
    return -INFINITY;
  if (q == 0.5)
    return 0;
  if (q > 0.5)
    return -mlr_stats_t_isf (1 - q, df);  /* exact: 1 − q for q in (½, 1) is a double */
  if (isinf (df))
    return -mlr_normal_quantile (q);
  if (df == 1)
    return 1 / tan (G_PI * q);
  if (df == 2)
    return (1 - 2 * q) / sqrt (2 * q * (1 - q));

  z = -mlr_normal_quantile (q);
  t = z + (z * z * z + z) / (4 * df) +
      (5 * pow (z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df);
  if (!(t > 0) || !isfinite (t))
    t = z > 0 ? z : 1;

  /* a bracket: sf (lo) > q ≥ sf (hi) */
  lo = 0;
  hi = t;
  for (guint i = 0; i < 2100 && t_upper_tail (hi, df) > q; i++)
    {
      lo = hi;
      hi *= 2;
    }
  if (isinf (hi))
    return INFINITY;
  log_q = log (q);

  for (guint i = 0; i < 200; i++)
    {
      double sf = t_upper_tail (t, df), g, next;

      if (sf <= 0)
        {
          hi = t;
          next = lo > 0 ? sqrt (lo * hi) : hi / 2;
        }
      else
        {
          g = log (sf) - log_q;
          if (g > 0)
            lo = t;
          else
            hi = t;
          if (g == 0)
            break;
          /* d/dt log sf = −pdf / sf */
          next = t + g * exp (log (sf) - t_log_pdf (t, df));
          if (!(next > lo && next < hi))
            next = lo > 0 && hi / lo > 4 ? sqrt (lo * hi) : (lo + hi) / 2;
        }
      if (fabs (next - t) <= 4 * DBL_EPSILON * fabs (t))
        {
          t = next;
          break;
        }
      t = next;
    }
  return t;
}

/* The @p quantile of Student's t (0 < p < 1). */
double
mlr_stats_t_quantile (double p,
                      double df)
{
  if (isnan (p) || p < 0 || p > 1)
    return NAN;
  return p < 0.5 ? -mlr_stats_t_isf (p, df) : mlr_stats_t_isf (1 - p, df);
}

/* ---------------------------------------------------------------- tests on samples */

/* Mean and unbiased variance in two passes, the second correcting the first mean's rounding
 * (Chan, Golub and LeVeque's corrected two-pass algorithm); a constant sample has variance 0
 * exactly. */
static void
mean_var (const double *x,
          gsize         n,
          double       *mean,
          double       *var)
{
  double sum = 0, m, dev = 0, dev2 = 0;
  gboolean constant = TRUE;

  for (gsize i = 0; i < n; i++)
    {
      sum += x[i];
      constant = constant && x[i] == x[0];
    }
  /* exactly: the passes below could leave a rounding residue, and a t of 10¹⁶ */
  if (constant)
    {
      *mean = x[0];
      *var = 0;
      return;
    }
  m = sum / n;
  for (gsize i = 0; i < n; i++)
    {
      double d = x[i] - m;
      dev += d;
      dev2 += d * d;
    }
  *mean = m + dev / n;
  *var = n > 1 ? MAX (0, (dev2 - dev * dev / n) / (n - 1)) : 0;
}

static gboolean
check_alpha (double   alpha,
             GError **error)
{
  if (alpha > 0 && alpha < 1)
    return TRUE;
  g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_INVALID,
               "alpha must be between 0 and 1, got %g", alpha);
  return FALSE;
}

/* The t-based fields of @out from the difference, its standard error and df. */
static void
finish_t (MlrStatsTest *out,
          double        diff,
          double        se,
          double        df,
          double        alpha)
{
  double crit = mlr_stats_t_isf (alpha / 2, df);

  out->diff = diff;
  out->se = se;
  out->df = df;
  out->statistic = diff / se;
  out->p_value = MIN (1, 2 * t_upper_tail (out->statistic, df));
  out->ci_low = diff - crit * se;
  out->ci_high = diff + crit * se;
}

/**
 * mlr_stats_welch_test:
 * Welch's unequal-variance t-test of mean(@a) − mean(@b) (SciPy's ttest_ind(a, b,
 * equal_var=False)): t, the Welch–Satterthwaite df, the two-sided p-value and the 1 − @alpha
 * confidence interval of the difference of the means. Each sample needs two values, and
 * together some spread (a standard error above 0), else the t statistic is undefined and
 * this fails with #MLR_STATS_ERROR.
 */
gboolean
mlr_stats_welch_test (const double  *a,
                      gsize          n_a,
                      const double  *b,
                      gsize          n_b,
                      double         alpha,
                      MlrStatsTest  *out,
                      GError       **error)
{
  g_autofree double *sa = NULL;
  g_autofree double *sb = NULL;
  double shift, ma, mb, va, vb, ra, rb, scale, df;

  if (!check_alpha (alpha, error))
    return FALSE;
  if (n_a < 2 || n_b < 2)
    {
      g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_TOO_FEW,
                   "the t-test needs at least 2 values in each sample, got %" G_GSIZE_FORMAT
                   " and %" G_GSIZE_FORMAT, n_a, n_b);
      return FALSE;
    }
  /* both samples less a common shift: an offset (1e9 ± 1e-3) would otherwise cost the
   * difference of the means the offset's rounding error */
  shift = a[0];
  sa = g_new (double, n_a);
  sb = g_new (double, n_b);
  for (gsize i = 0; i < n_a; i++)
    sa[i] = a[i] - shift;
  for (gsize i = 0; i < n_b; i++)
    sb[i] = b[i] - shift;
  mean_var (sa, n_a, &ma, &va);
  mean_var (sb, n_b, &mb, &vb);
  out->mean_a = shift + ma;
  out->mean_b = shift + mb;
  ra = va / n_a;
  rb = vb / n_b;
  scale = MAX (ra, rb);
  if (!(scale > 0))
    {
      g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_NO_SPREAD,
                   "neither sample varies (every value of the first is %.17g, of the second "
                   "%.17g): the standard error is 0 and the t statistic is undefined",
                   out->mean_a, out->mean_b);
      return FALSE;
    }
  /* the Welch–Satterthwaite df on ratios, so that tiny variances do not underflow */
  ra /= scale;
  rb /= scale;
  df = (ra + rb) * (ra + rb) / (ra * ra / (n_a - 1) + rb * rb / (n_b - 1));
  finish_t (out, ma - mb, sqrt (va / n_a + vb / n_b), df, alpha);
  return TRUE;
}

/**
 * mlr_stats_paired_test:
 * The paired t-test of the differences @a[i] − @b[i] (SciPy's ttest_rel(a, b)): t with
 * n − 1 df, the two-sided p-value and the 1 − @alpha confidence interval of the mean
 * difference. Needs two pairs, and differences that are not all equal.
 */
gboolean
mlr_stats_paired_test (const double  *a,
                       const double  *b,
                       gsize          n,
                       double         alpha,
                       MlrStatsTest  *out,
                       GError       **error)
{
  g_autofree double *d = NULL;
  double mean, var;

  if (!check_alpha (alpha, error))
    return FALSE;
  if (n < 2)
    {
      g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_TOO_FEW,
                   "the paired t-test needs at least 2 pairs, got %" G_GSIZE_FORMAT, n);
      return FALSE;
    }
  d = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    d[i] = a[i] - b[i];
  mean_var (d, n, &mean, &var);
  mean_var (a, n, &out->mean_a, &(double) { 0 });
  mean_var (b, n, &out->mean_b, &(double) { 0 });
  if (!(var > 0))
    {
      g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_NO_SPREAD,
                   "every difference between the pairs is %.17g: their standard error is 0 "
                   "and the t statistic is undefined", mean);
      return FALSE;
    }
  finish_t (out, mean, sqrt (var / n), (double) n - 1, alpha);
  return TRUE;
}

/**
 * mlr_stats_proportions_test:
 * The two-proportion z-test of p_b − p_a, the rates @successes_b / @trials_b and
 * @successes_a / @trials_a: z over the pooled standard error (both rates equal under H₀), the
 * two-sided p-value, and the Wald 1 − @alpha interval of the difference from the unpooled
 * standard error. Counts are whole numbers with 0 ≤ successes ≤ trials and trials ≥ 1 (the
 * caller checks); if neither group has a success, or neither a failure, the pooled standard
 * error is 0 and this fails.
 */
gboolean
mlr_stats_proportions_test (double         successes_a,
                            double         trials_a,
                            double         successes_b,
                            double         trials_b,
                            double         alpha,
                            MlrStatsTest  *out,
                            GError       **error)
{
  double pa, pb, pooled, se0, se1, crit;

  if (!check_alpha (alpha, error))
    return FALSE;
  if (!(trials_a >= 1 && trials_b >= 1 && successes_a >= 0 && successes_b >= 0 &&
        successes_a <= trials_a && successes_b <= trials_b))
    {
      g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_INVALID,
                   "each group needs 0 ≤ successes ≤ trials and at least one trial");
      return FALSE;
    }
  pa = successes_a / trials_a;
  pb = successes_b / trials_b;
  pooled = (successes_a + successes_b) / (trials_a + trials_b);
  se0 = sqrt (pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b));
  if (!(se0 > 0))
    {
      g_set_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_NO_SPREAD,
                   pooled == 0 ? "neither group has a success: the pooled rate is 0, its "
                                 "standard error 0, and the z statistic is undefined"
                               : "every trial in both groups is a success: the pooled rate "
                                 "is 1, its standard error 0, and the z statistic is "
                                 "undefined");
      return FALSE;
    }
  se1 = sqrt (pa * (1 - pa) / trials_a + pb * (1 - pb) / trials_b);
  crit = -mlr_normal_quantile (alpha / 2);
  out->mean_a = pa;
  out->mean_b = pb;
  out->diff = pb - pa;
  out->se = se1;
  out->df = 0;
  out->statistic = out->diff / se0;
  out->p_value = MIN (1, 2 * mlr_normal_sf (fabs (out->statistic)));
  out->ci_low = out->diff - crit * se1;
  out->ci_high = out->diff + crit * se1;
  return TRUE;
}

/* ---------------------------------------------------------------- power */

/* √(p1 (1 − p1) / n + p2 (1 − p2) / n): the unpooled standard error of p2 − p1 with @n per arm. */
double
mlr_stats_two_rate_se (double p1,
                       double p2,
                       double n)
{
  return sqrt ((p1 * (1 - p1) + p2 * (1 - p2)) / n);
}

/* z₁₋α/₂ for @tails = 2, z₁₋α for 1: computed from the lower tail α/tails, exactly. */
double
mlr_stats_critical_z (double alpha,
                      guint  tails)
{
  return -mlr_normal_quantile (alpha / (tails == 1 ? 1 : 2));
}

/**
 * mlr_stats_two_rate_power:
 * The power of the z-test of p2 − p1 with @n users per arm at level @alpha, by the normal
 * approximation with the unpooled standard error se: two-sided
 * Φ(|Δ|/se − z₁₋α/₂) + Φ(−|Δ|/se − z₁₋α/₂), one-sided (H₁: p2 > p1) Φ(Δ/se − z₁₋α).
 */
double
mlr_stats_two_rate_power (double p1,
                          double p2,
                          double n,
                          double alpha,
                          guint  tails)
{
  double d = (p2 - p1) / mlr_stats_two_rate_se (p1, p2, n);
  double z = mlr_stats_critical_z (alpha, tails);

  if (tails == 1)
    return mlr_normal_cdf (d - z);
  return mlr_normal_cdf (fabs (d) - z) + mlr_normal_cdf (-fabs (d) - z);
}

/**
 * mlr_stats_two_rate_n_for_power:
 * The smallest whole n (users per arm, at least 1) whose power reaches @target:
 * power (n) ≥ target > power (n − 1). Power grows with n (two-sided, d/ds [Φ(s − z) +
 * Φ(−s − z)] = φ(s − z) − φ(s + z) ≥ 0), so a bisection over the integers finds it, started
 * from the textbook ((z₁₋α/ₖ + z_target) σ / Δ)². Returns +∞ when no n up to @max_n reaches
 * the target: no lift, a one-sided test against its direction, or a lift too small.
 */
double
mlr_stats_two_rate_n_for_power (double p1,
                                double p2,
                                double alpha,
                                guint  tails,
                                double target,
                                double max_n)
{
  double lift = fabs (p2 - p1), guess, lo, hi;

  max_n = floor (max_n);
  if (lift == 0 || max_n < 1 ||
      mlr_stats_two_rate_power (p1, p2, max_n, alpha, tails) < target)
    return INFINITY;
  if (mlr_stats_two_rate_power (p1, p2, 1, alpha, tails) >= target)
    return 1;

  /* power (lo) < target ≤ power (hi) */
  guess = (mlr_stats_critical_z (alpha, tails) - mlr_normal_quantile (1 - target)) /
          lift;
  guess = CLAMP (ceil (guess * guess * (p1 * (1 - p1) + p2 * (1 - p2))), 1, max_n);
  if (mlr_stats_two_rate_power (p1, p2, guess, alpha, tails) >= target)
    {
      hi = guess;
      lo = floor (guess / 2);
      while (lo > 1 && mlr_stats_two_rate_power (p1, p2, lo, alpha, tails) >= target)
        {
          hi = lo;
          lo = floor (lo / 2);
        }
      lo = MAX (lo, 1);
    }
  else
    {
      lo = guess;
      hi = MIN (max_n, guess * 2);
      while (hi < max_n && mlr_stats_two_rate_power (p1, p2, hi, alpha, tails) < target)
        {
          lo = hi;
          hi = MIN (max_n, hi * 2);
        }
    }
  while (hi - lo > 1)
    {
      double mid = floor (lo + (hi - lo) / 2);
      if (mlr_stats_two_rate_power (p1, p2, mid, alpha, tails) >= target)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}
