/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-special.h"

#include <float.h>
#include <math.h>

#define LN_SQRT_2PI 0.918938533204672741780329736406  /* log √(2π) */
#define LN_2PI      1.837877066409345483560659472811  /* log 2π */
#define INV_SQRT_2PI 0.398942280401432677939946059934 /* 1 / √(2π) */

/* Continued fractions and series stop when a term changes the result by less than this. */
#define REL_EPS (4 * DBL_EPSILON)
/* Keeps Lentz's method away from dividing by zero. */
#define TINY 1e-300
/* No loop runs longer than this, whatever the arguments (a fraction for a billion trials
 * needs about 10^5 steps). */
#define MAX_ITERATIONS 10000000
/* The series, fractions and sums need about 9 √a terms, which the bound above allows up to
 * shapes (trials, rates) of 10^12; beyond, the functions answer NaN rather than a sum cut
 * short. */
#define MAX_SHAPE 1e12

/**
 * mlr_lgamma:
 * log |Γ(x)|, from libm's reentrant lgamma_r (glibc's is within a few ulp). +∞ at the poles
 * 0, −1, −2, ...
 */
double
mlr_lgamma (double x)
{
  int sign;

  return lgamma_r (x, &sign);
}

/**
 * mlr_stirlerr:
 * The error of Stirling's formula, log(n!) − log(√(2πn) (n/e)^n), for real n > 0 (Loader
 * 2000). It is also lgamma's correction, lgamma(x) − ((x − ½) log x − x + log √(2π)), which
 * makes log-beta and the probability mass functions below accurate for huge arguments.
 */
double
mlr_stirlerr (double n)
{
  /* 1/12, 1/360, 1/1260, 1/1680, 1/1188 */
  const double s0 = 0.083333333333333333333, s1 = 0.00277777777777777777778,
               s2 = 0.00079365079365079365079365, s3 = 0.000595238095238095238095238,
               s4 = 0.0008417508417508417508417508;
  double nn;

  if (isnan (n))
    return n;
  if (n <= 0)
    return n == 0 ? INFINITY : NAN;
  if (n <= 15)
    {
      static double halves[31];   /* stirlerr(k / 2), k = 1 … 30: the common case, once */
      static gsize done;
      double nn2 = 2 * n;

      if (nn2 == floor (nn2))
        {
          if (g_once_init_enter (&done))
            {
              for (int k = 1; k <= 30; k++)
                halves[k] = mlr_lgamma (k / 2.0 + 1) - (k / 2.0 + 0.5) * log (k / 2.0) +
                            k / 2.0 - LN_SQRT_2PI;
              g_once_init_leave (&done, 1);
            }
          return halves[(int) nn2];
        }
      /* no cancellation worth the name: the terms are below 45, the result goes in a log */
      return mlr_lgamma (n + 1) - (n + 0.5) * log (n) + n - LN_SQRT_2PI;
    }
  nn = n * n;
  if (n > 500)
    return (s0 - s1 / nn) / n;
  if (n > 80)
    return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35)
    return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/* The deviance term x log(x / m) + m − x >= 0 (Loader), with m = m_hi + m_lo given as an
 * unevaluated sum: near x the difference x − m is what matters, and forming n p in one
 * double would lose |x − n p| ε of it — 5e-12 relative, three standard deviations out in a
 * billion trials. */
static double
bd0 (double x,
     double m_hi,
     double m_lo)
{
  double m = m_hi + m_lo;
  double diff = (x - m_hi) - m_lo;   /* x − m_hi is exact when they are close */
  double d;

  if (x == 0)
    return m;
  if (fabs (diff) < 0.1 * (x + m))
    {
      double v = diff / (x + m);
      double s = diff * v;
      double ej = 2 * x * v;

      if (fabs (s) < DBL_MIN)
        return s;
      v = v * v;
      for (int j = 1; j < 1000; j++)
        {
          double s1;

          ej *= v;
          s1 = s + ej / (2 * j + 1);
          if (s1 == s)
            return s1;
          s = s1;
        }
    }
  /* m ((1 + d) log(1 + d) − d) with d = x/m − 1: no large terms that cancel */
  d = diff / m;
  return m * ((1 + d) * log1p (d) - d);
}

/* a · b as hi + lo exactly (the rounding error of a product is a double, found by fma). */
static void
mul_exact (double  a,
           double  b,
           double *hi,
           double *lo)
{
  *hi = a * b;
  *lo = fma (a, b, -*hi);
}

/* log of C(n, x) p^x q^(n − x) for real 0 <= x <= n. The probabilities come with the
 * parts a double could not hold: p + p_lo + q + q_lo = 1 exactly, which Loader's form needs
 * (it drops n (p + q − 1)), and which keeps a tiny p or q, or the complement of one, exact. */
static double
binomial_log_raw (double x,
                  double n,
                  double p,
                  double p_lo,
                  double q,
                  double q_lo)
{
  double lc, lf, np_hi, np_lo, nq_hi, nq_lo;

  if (p == 0 && p_lo == 0)
    return x == 0 ? 0 : -INFINITY;
  if (q == 0 && q_lo == 0)
    return x == n ? 0 : -INFINITY;
  if (x == 0)
    return n == 0 ? 0 : n * (p < 0.5 ? log1p (-p - p_lo) : log (q) + q_lo / q);
  if (x == n)
    return n * (q < 0.5 ? log1p (-q - q_lo) : log (p) + p_lo / p);
  if (x < 0 || x > n)
    return -INFINITY;
  mul_exact (n, p, &np_hi, &np_lo);
  np_lo += n * p_lo;
  mul_exact (n, q, &nq_hi, &nq_lo);
  nq_lo += n * q_lo;
  lc = mlr_stirlerr (n) - mlr_stirlerr (x) - mlr_stirlerr (n - x) - bd0 (x, np_hi, np_lo) -
       bd0 (n - x, nq_hi, nq_lo);
  lf = LN_2PI + log (x) + log1p (-x / n);
  return lc - 0.5 * lf;
}

/* 1 − p as q + q_lo exactly (Fast2Sum: |1| >= |p|). */
static double
complement (double  p,
            double *q_lo)
{
  double q = 1 - p;

  *q_lo = (1 - q) - p;
  return q;
}

/* log of λ^x e^−λ / Γ(x + 1) for real x >= 0. */
static double
poisson_log_raw (double x,
                 double lambda)
{
  if (lambda == 0)
    return x == 0 ? 0 : -INFINITY;
  if (!isfinite (lambda) || x < 0)
    return -INFINITY;
  if (x == 0)
    return -lambda;
  return -mlr_stirlerr (x) - bd0 (x, lambda, 0) - 0.5 * (LN_2PI + log (x));
}

/**
 * mlr_lbeta:
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), a, b > 0, without the cancellation of
 * that sum when an argument is large (as R's lbeta).
 */
double
mlr_lbeta (double a,
           double b)
{
  double p = MIN (a, b), q = MAX (a, b);

  if (isnan (a) || isnan (b))
    return a + b;
  if (p < 0)
    return NAN;
  if (p == 0)
    return INFINITY;
  if (!isfinite (q))
    return -INFINITY;
  if (p >= 10)
    {
      double corr = mlr_stirlerr (p) + mlr_stirlerr (q) - mlr_stirlerr (p + q);
      return -0.5 * log (q) + LN_SQRT_2PI + corr + (p - 0.5) * log (p / (p + q)) +
             q * log1p (-p / (p + q));
    }
  if (q >= 10)
    {
      double corr = mlr_stirlerr (q) - mlr_stirlerr (p + q);
      return mlr_lgamma (p) + corr + p - p * log (p + q) + (q - 0.5) * log1p (-p / (p + q));
    }
  return log (tgamma (p) * (tgamma (q) / tgamma (p + q)));
}

/* ---------------------------------------------------------------- the normal distribution */

/* The standard normal density e^(−z²/2) / √(2π). */
double
mlr_normal_pdf (double z)
{
  return INV_SQRT_2PI * exp (-0.5 * z * z);
}

/**
 * mlr_normal_cdf:
 * Φ(z) = P(Z <= z) for a standard normal Z, through erf near 0 and erfc in the tails (as
 * SciPy's ndtr), so both tails keep their relative accuracy.
 */
double
mlr_normal_cdf (double z)
{
  double x = z * G_SQRT2 / 2;
  double y;

  if (isnan (z))
    return z;
  if (fabs (x) < G_SQRT2 / 2)
    return 0.5 + 0.5 * erf (x);
  y = 0.5 * erfc (fabs (x));
  return x > 0 ? 1 - y : y;
}

/* 1 − Φ(z), the upper tail, accurate where it is tiny. */
double
mlr_normal_sf (double z)
{
  return mlr_normal_cdf (-z);
}

static double
poly (const double *c,
      int           n,
      double        x)
{
  double v = c[n - 1];

  for (int i = n - 2; i >= 0; i--)
    v = v * x + c[i];
  return v;
}

/**
 * mlr_normal_quantile:
 * Φ⁻¹(p), the z with Φ(z) = p: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37,
 * 1988), accurate to about 1e-16 relative. −∞ at 0, +∞ at 1, NaN outside [0, 1].
 */
double
mlr_normal_quantile (double p)
{
  static const double a[8] = {
    3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
    1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
    3.3430575583588128105e+4, 2.5090809287301226727e+3,
  };
  static const double b[8] = {
    1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
    2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
    5.2264952788528545610e+3,
  };
  static const double c[8] = {
    1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
    3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4,
  };
  static const double d[8] = {
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
    1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
    1.05075007164441684324e-9,
  };
  static const double e[8] = {
    6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
    2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7,
  };
  static const double f[8] = {
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
    7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
    2.04426310338993978564e-15,
  };
  double q, r, z;

  if (isnan (p) || p < 0 || p > 1)
    return NAN;
  if (p == 0)
    return -INFINITY;
  if (p == 1)
    return INFINITY;
  q = p - 0.5;
  if (fabs (q) <= 0.425)
    {
      r = 0.180625 - q * q;
      return q * poly (a, 8, r) / poly (b, 8, r);
    }
  r = sqrt (-log (q < 0 ? p : 1 - p));
  if (r <= 5)
    {
      r -= 1.6;
      z = poly (c, 8, r) / poly (d, 8, r);
    }
  else
    {
      r -= 5;
      z = poly (e, 8, r) / poly (f, 8, r);
    }
  return q < 0 ? -z : z;
}

/* ---------------------------------------------------------------- incomplete gamma */

/* How long a series or fraction for shape @a may need: its terms fall off after about
 * √a steps. */
static int
iteration_limit (double a)
{
  double n = 1000 + 60 * sqrt (a);

  return n < MAX_ITERATIONS ? (int) n : MAX_ITERATIONS;
}

/* P(a, x) and Q(a, x): the series for P below x = a + 1, the continued fraction for Q above
 * (Numerical Recipes 6.2, with the factor x^a e^−x / Γ(a) in Loader's accurate form). */
static void
gamma_inc (double  a,
           double  x,
           double *p_out,
           double *q_out)
{
  int limit;

  if (isnan (a) || isnan (x) || a <= 0 || x < 0 || a > MAX_SHAPE)
    {
      *p_out = *q_out = NAN;
      return;
    }
  if (x == 0)
    {
      *p_out = 0;
      *q_out = 1;
      return;
    }
  if (!isfinite (x))
    {
      *p_out = 1;
      *q_out = 0;
      return;
    }
  limit = iteration_limit (a);
  if (x < a + 1)
    {
      /* P(a, x) = Σ_{n >= 0} x^(a+n) e^−x / Γ(a + n + 1): each term from the one before, and
       * every 32nd afresh, so rounding cannot pile up over the thousands of terms a large
       * shape needs */
      double t = exp (poisson_log_raw (a, x)), sum = t;

      for (int i = 1; i < limit; i++)
        {
          double r;

          t = i % 32 == 0 ? exp (poisson_log_raw (a + i, x)) : t * (x / (a + i));
          sum += t;
          /* the terms fall faster than a geometric series of the next ratio: stop when
           * even that bound on what is left is below the last digit */
          r = x / (a + i + 1);
          if (t * r < sum * REL_EPS * (1 - r))
            break;
        }
      *p_out = MIN (sum, 1.0);
      *q_out = 1 - *p_out;
    }
  else
    {
      double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;

      for (int i = 1; i <= limit; i++)
        {
          double an = -i * (i - a), del;

          b += 2;
          d = an * d + b;
          if (fabs (d) < TINY)
            d = TINY;
          c = b + an / c;
          if (fabs (c) < TINY)
            c = TINY;
          d = 1 / d;
          del = d * c;
          h *= del;
          if (fabs (del - 1) < REL_EPS)
            break;
        }
      /* x^a e^−x / Γ(a), in Loader's accurate form */
      *q_out = MIN (a * exp (poisson_log_raw (a, x)) * h, 1.0);
      *p_out = 1 - *q_out;
    }
}

/**
 * mlr_gamma_inc_reg:
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), the CDF at x of a
 * gamma distribution with shape a and scale 1 (SciPy's gammainc).
 */
double
mlr_gamma_inc_reg (double a,
                   double x)
{
  double p, q;

  gamma_inc (a, x, &p, &q);
  return p;
}

/* Q(a, x) = 1 − P(a, x), computed directly (SciPy's gammaincc). */
double
mlr_gamma_inc_reg_c (double a,
                     double x)
{
  double p, q;

  gamma_inc (a, x, &p, &q);
  return q;
}

/* ---------------------------------------------------------------- incomplete beta */

/* Lentz's evaluation of the continued fraction for I_x(a, b) (Numerical Recipes 6.4); it
 * converges fast for x < (a + 1) / (a + b + 2). */
static double
beta_fraction (double a,
               double b,
               double x)
{
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap, h;
  int limit = iteration_limit (MAX (a, b));

  if (fabs (d) < TINY)
    d = TINY;
  d = 1 / d;
  h = d;
  for (int m = 1; m <= limit; m++)
    {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2)), del;

      d = 1 + aa * d;
      if (fabs (d) < TINY)
        d = TINY;
      c = 1 + aa / c;
      if (fabs (c) < TINY)
        c = TINY;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      if (fabs (d) < TINY)
        d = TINY;
      c = 1 + aa / c;
      if (fabs (c) < TINY)
        c = TINY;
      d = 1 / d;
      del = d * c;
      h *= del;
      if (fabs (del - 1) < REL_EPS)
        break;
    }
  return h;
}

/* I_x(a, b) for x below the mean-ish split, with y = 1 − x: the factor
 * x^a y^b / (a B(a, b)) is b / (a + b) times the binomial probability of a successes in
 * a + b trials, which Loader's form gives accurately however large a and b are. */
static double
beta_lower (double a,
            double b,
            double x,
            double x_lo,
            double y,
            double y_lo)
{
  double front = exp (binomial_log_raw (a, a + b, x, x_lo, y, y_lo)) * b / (a + b);

  return front * beta_fraction (a, b, x);
}

/* I_z(p, q) by its power series, z^p / B(p, q) Σ (1 − q)_n z^n / (n! (p + n)) (DiDonato and
 * Morris's BPSER), for a small shape p and q z <= 5, z <= 1/2: there the continued fraction
 * needs thousands of steps for a large q and loses digits, while the series' terms, after
 * a few that grow like (q z)^n / n!, fall off fast. */
static double
beta_series (double p,
             double q,
             double z)
{
  double c = 1, sum = 1 / p;

  for (int n = 1; n < 10000; n++)
    {
      double term;

      c *= (n - q) * z / n;
      term = c / (p + n);
      sum += term;
      if (n > q * z && fabs (term) < fabs (sum) * REL_EPS)
        break;
    }
  return exp (p * log (z) - mlr_lbeta (p, q)) * sum;
}

/* I_x(a, b) and its complement, for x given as its smaller side @z exactly: @z_is_x says
 * whether z is x or 1 − x. The other side is formed as a double plus the part it loses, so
 * a huge shape (x^a with a = 10^6) sees the exact complement. */
static void
beta_inc (double    a,
          double    b,
          double    z,
          gboolean  z_is_x,
          double   *i_out,
          double   *ic_out)
{
  double x, x_lo = 0, y, y_lo = 0, j;

  if (isnan (a) || isnan (b) || isnan (z) || a <= 0 || b <= 0 || z < 0 || z > 1 ||
      a > MAX_SHAPE || b > MAX_SHAPE)
    {
      *i_out = *ic_out = NAN;
      return;
    }
  if (z_is_x)
    {
      x = z;
      y = complement (x, &y_lo);
    }
  else
    {
      y = z;
      x = complement (y, &x_lo);
    }
  if (x == 0 && x_lo == 0)
    {
      *i_out = 0;
      *ic_out = 1;
      return;
    }
  if (y == 0 && y_lo == 0)
    {
      *i_out = 1;
      *ic_out = 0;
      return;
    }
  /* One shape at most 1 and the other's side small: the power series. It gives the side
   * of the small shape; take it when that is the side wanted or when its complement keeps
   * its digits (next to the split, where the continued fraction is weakest). */
  if (b <= 1 && y <= 0.5 && a * y <= 5)
    {
      j = MIN (beta_series (b, a, y), 1.0);
      if (x > (a + 1) / (a + b + 2) || j < 0.9)
        {
          *ic_out = j;
          *i_out = 1 - j;
          return;
        }
    }
  if (a <= 1 && x <= 0.5 && b * x <= 5)
    {
      j = MIN (beta_series (a, b, x), 1.0);
      if (x <= (a + 1) / (a + b + 2) || j < 0.9)
        {
          *i_out = j;
          *ic_out = 1 - j;
          return;
        }
    }
  /* else the continued fraction, for the smaller side: it converges below the split */
  if (x > (a + 1) / (a + b + 2))
    {
      j = MIN (beta_lower (b, a, y, y_lo, x, x_lo), 1.0);
      *ic_out = j;
      *i_out = 1 - j;
    }
  else
    {
      j = MIN (beta_lower (a, b, x, x_lo, y, y_lo), 1.0);
      *i_out = j;
      *ic_out = 1 - j;
    }
}

/* Splits x into the exact smaller side for beta_inc: above 1/2, 1 − x is exact. */
static void
beta_inc_at (double  a,
             double  b,
             double  x,
             double *i_out,
             double *ic_out)
{
  if (isnan (x) || x < 0 || x > 1)
    {
      *i_out = *ic_out = NAN;
      return;
    }
  if (x <= 0.5)
    beta_inc (a, b, x, TRUE, i_out, ic_out);
  else
    beta_inc (a, b, 1 - x, FALSE, i_out, ic_out);
}

/**
 * mlr_beta_inc_reg:
 * The regularized incomplete beta function I_x(a, b), the CDF at x of a Beta(a, b) variable
 * (SciPy's betainc).
 */
double
mlr_beta_inc_reg (double a,
                  double b,
                  double x)
{
  double i, ic;

  beta_inc_at (a, b, x, &i, &ic);
  return i;
}

/* 1 − I_x(a, b), computed directly. */
double
mlr_beta_inc_reg_c (double a,
                    double b,
                    double x)
{
  double i, ic;

  beta_inc_at (a, b, x, &i, &ic);
  return ic;
}

/* ---------------------------------------------------------------- probability mass */

/**
 * mlr_binomial_log_pmf:
 * log P(X = k) for X ~ Binomial(n, p), n >= 0, 0 <= p <= 1, with Loader's saddle-point form
 * (as R's dbinom and SciPy): accurate to about 1e-14 relative for any n. −∞ outside
 * [0, n].
 */
double
mlr_binomial_log_pmf (double k,
                      double n,
                      double p)
{
  double q, q_lo;

  if (isnan (k) || isnan (n) || isnan (p) || n < 0 || p < 0 || p > 1 || !isfinite (n))
    return NAN;
  if (k < 0 || k > n)
    return -INFINITY;
  q = complement (p, &q_lo);
  return binomial_log_raw (k, n, p, 0, q, q_lo);
}

double
mlr_binomial_pmf (double k,
                  double n,
                  double p)
{
  return exp (mlr_binomial_log_pmf (k, n, p));
}

/* log P(X = k) for X ~ Poisson(λ), λ >= 0, as the binomial. */
double
mlr_poisson_log_pmf (double k,
                     double lambda)
{
  if (isnan (k) || isnan (lambda) || lambda < 0 || !isfinite (lambda))
    return NAN;
  return poisson_log_raw (k, lambda);
}

double
mlr_poisson_pmf (double k,
                 double lambda)
{
  return exp (mlr_poisson_log_pmf (k, lambda));
}

/* Σ of the binomial probabilities from @k away from the mean (@dir −1: down to 0, +1: up to
 * n), starting where they are largest, so the terms only shrink and the sum stops once the
 * rest cannot count. Each term comes from the one before, every 32nd afresh
 * from Loader's form. About 9 standard deviations of terms at most. */
static double
binomial_tail (double k,
               double n,
               double p,
               int    dir)
{
  double q_lo, q = complement (p, &q_lo);
  double t = exp (binomial_log_raw (k, n, p, 0, q, q_lo)), sum = t, j = k;

  for (int i = 1; i < MAX_ITERATIONS; i++)
    {
      double r;

      if (dir < 0 ? j <= 0 : j >= n)
        break;
      /* P(j − 1) / P(j) = j q / ((n − j + 1) p); P(j + 1) / P(j) = (n − j) p / ((j + 1) q) */
      r = dir < 0 ? (j * q) / ((n - j + 1) * p) : ((n - j) * p) / ((j + 1) * q);
      t = i % 32 == 0 ? exp (binomial_log_raw (j + dir, n, p, 0, q, q_lo)) : t * r;
      j += dir;
      sum += t;
      /* the probabilities are log-concave: past the mode each ratio is smaller than the
       * last, so what is left is below a geometric series of the next ratio */
      r = dir < 0 ? (j * q) / ((n - j + 1) * p) : ((n - j) * p) / ((j + 1) * q);
      if (r < 1 && t * r < sum * REL_EPS * (1 - r))
        break;
    }
  return sum;
}

/**
 * mlr_binomial_cdf:
 * P(X <= k) for X ~ Binomial(n, p), whole n >= 0: the sum of the probabilities of the tail
 * that @k cuts off (the smaller side), which keeps 1e-14 accuracy for any n where the
 * incomplete beta's continued fraction slowly loses digits past 10^6 trials.
 */
double
mlr_binomial_cdf (double k,
                  double n,
                  double p)
{
  if (isnan (k) || isnan (n) || isnan (p) || n < 0 || p < 0 || p > 1 || n > MAX_SHAPE)
    return NAN;
  k = floor (k);
  if (k < 0)
    return 0;
  if (k >= n)
    return 1;
  if (p == 0)
    return 1;
  if (p == 1)
    return 0;
  if (k < n * p)
    return MIN (binomial_tail (k, n, p, -1), 1.0);
  return MAX (1 - binomial_tail (k + 1, n, p, +1), 0.0);
}

/* P(X <= k) for X ~ Poisson(λ), λ >= 0: Q(k + 1, λ). */
double
mlr_poisson_cdf (double k,
                 double lambda)
{
  if (isnan (k) || isnan (lambda) || lambda < 0 || lambda > MAX_SHAPE)
    return NAN;
  k = floor (k);
  if (k < 0)
    return 0;
  if (lambda == 0)
    return 1;
  return mlr_gamma_inc_reg_c (k + 1, lambda);
}

/* ---------------------------------------------------------------- for tests of fit */

/* P(X > x) for X ~ χ²(df), df > 0. */
double
mlr_chi2_sf (double x,
             double df)
{
  if (isnan (x) || isnan (df) || df <= 0)
    return NAN;
  if (x <= 0)
    return 1;
  return mlr_gamma_inc_reg_c (df / 2, x / 2);
}
