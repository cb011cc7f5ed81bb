/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-regression.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (mlr-regression-error-quark, mlr_regression_error)

/* Data beyond this magnitude could overflow sums of squares. */
#define MAX_MAGNITUDE 1e150
/* A column whose part independent of the columns before it is below this share of the
 * largest column norm is taken as dependent on them: the fit would be rounding noise. */
#define RANK_TOL 1e-12

#define MAX_P (MLR_POLY_MAX_DEGREE + 1)
/* From this many points on, the first stage tries the Cholesky factor of the Chebyshev Gram
 * matrix (one pass over the points, no n × p matrix), keeping it only when R's condition
 * number is below GRAM_MAX_COND: then squaring it in the Gram matrix costs at most 1e4 of
 * the 1e16 double precision has. The Chebyshev basis of scattered points gives ~5. */
#define GRAM_MIN_N 1000
#define GRAM_MAX_COND 100.0

/* ---------------------------------------------------------------- double-double
 *
 * A value is hi + lo with |lo| <= ulp(hi) / 2: about 106 bits. The error-free transforms are
 * Knuth's two-sum and Dekker's product (or a fused multiply-add where the hardware has one);
 * the rest follows Hida, Li and Bailey's QD library. Only the small second stage of a ridge
 * fit uses it. */

typedef struct {
  double hi, lo;
} DD;

static inline DD
dd_from (double a)
{
  return (DD) { a, 0 };
}

static inline DD
two_sum (double a,
         double b)
{
  double s = a + b, bb = s - a;

  return (DD) { s, (a - (s - bb)) + (b - bb) };
}

static inline DD
quick_two_sum (double a,
               double b)
{
  double s = a + b;

  return (DD) { s, b - (s - a) };
}

#ifndef FP_FAST_FMA
/* Dekker's split of @a into two 26-bit halves; scaled first where 2^27 a would overflow. */
static inline void
split (double  a,
       double *hi,
       double *lo)
{
  const double splitter = 134217729.0;  /* 2^27 + 1 */
  double t;

  if (fabs (a) > 6.69692879491417e+299)  /* 2^996 */
    {
      a *= 3.7252902984619140625e-09;  /* 2^-28 */
      t = splitter * a;
      *hi = t - (t - a);
      *lo = a - *hi;
      *hi *= 268435456.0;  /* 2^28 */
      *lo *= 268435456.0;
      return;
    }
  t = splitter * a;
  *hi = t - (t - a);
  *lo = a - *hi;
}
#endif

static inline DD
two_prod (double a,
          double b)
{
  double p = a * b;
#ifdef FP_FAST_FMA
  return (DD) { p, fma (a, b, -p) };
#else
  double ah, al, bh, bl;

  split (a, &ah, &al);
  split (b, &bh, &bl);
  return (DD) { p, ((ah * bh - p) + ah * bl + al * bh) + al * bl };
#endif
}

static inline DD
dd_add (DD a,
        DD b)
{
  DD s = two_sum (a.hi, b.hi), t = two_sum (a.lo, b.lo);

  s.lo += t.hi;
  s = quick_two_sum (s.hi, s.lo);
  s.lo += t.lo;
  return quick_two_sum (s.hi, s.lo);
}

static inline DD
dd_neg (DD a)
{
  return (DD) { -a.hi, -a.lo };
}

static inline DD
dd_sub (DD a,
        DD b)
{
  return dd_add (a, dd_neg (b));
}

static inline DD
dd_mul (DD a,
        DD b)
{
  DD p = two_prod (a.hi, b.hi);

  p.lo += a.hi * b.lo + a.lo * b.hi;
  return quick_two_sum (p.hi, p.lo);
}

static inline DD
dd_mul_d (DD     a,
          double b)
{
  DD p = two_prod (a.hi, b);

  p.lo += a.lo * b;
  return quick_two_sum (p.hi, p.lo);
}

static DD
dd_div (DD a,
        DD b)
{
  double q1 = a.hi / b.hi, q2, q3;
  DD r = dd_sub (a, dd_mul_d (b, q1));

  q2 = r.hi / b.hi;
  r = dd_sub (r, dd_mul_d (b, q2));
  q3 = r.hi / b.hi;
  return dd_add (quick_two_sum (q1, q2), dd_from (q3));
}

static DD
dd_sqrt (DD a)
{
  double x, ax;

  if (a.hi <= 0)
    return dd_from (0);
  x = 1.0 / sqrt (a.hi);
  ax = a.hi * x;
  return two_sum (ax, dd_sub (a, two_prod (ax, ax)).hi * (x * 0.5));
}

/* Exact: a power of two (short of underflow in lo, which is below the precision anyway). */
static inline DD
dd_ldexp (DD  a,
          int e)
{
  return (DD) { ldexp (a.hi, e), ldexp (a.lo, e) };
}

static inline double
dd_abs_hi (DD a)
{
  return fabs (a.hi);
}

/* A double-double with an exponent of its own, m × 2^e with |m.hi| in [0.5, 1) (or m = 0):
 * powers that would overflow a double stay representable. */
typedef struct {
  DD  m;
  int e;
} XD;

static XD
xd_from_dd (DD a)
{
  int e = 0;

  if (a.hi == 0 || !isfinite (a.hi))
    return (XD) { a, 0 };
  frexp (a.hi, &e);
  return (XD) { dd_ldexp (a, -e), e };
}

static XD
xd_mul (XD a,
        XD b)
{
  XD r = xd_from_dd (dd_mul (a.m, b.m));

  r.e += a.e + b.e;
  return r;
}

/* ---------------------------------------------------------------- small helpers */

/* How many different values @x holds, counting no further than @cap (a fit of degree d only
 * asks whether there are d + 1): O(n cap), where sorting a million values would not be. */
static gsize
count_distinct (const double *x,
                gsize         n,
                gsize         cap)
{
  double seen[MAX_P + 1];
  gsize distinct = 0;

  g_assert (cap <= G_N_ELEMENTS (seen));
  for (gsize i = 0; i < n && distinct < cap; i++)
    {
      gsize k = 0;
      while (k < distinct && seen[k] != x[i])
        k++;
      if (k == distinct)
        seen[distinct++] = x[i];
    }
  return distinct;
}

/* Σ c_k T_k(t) by Clenshaw's recurrence. */
static double
eval_t (const MlrPolyFit *fit,
        double            t)
{
  double b1 = 0, b2 = 0, y;

  for (guint k = fit->degree; k >= 1; k--)
    {
      double b = fit->coef_cheb[k] + 2 * t * b1 - b2;
      b2 = b1;
      b1 = b;
    }
  y = fit->coef_cheb[0] + t * b1 - b2;
  if (isnan (y))
    {
      /* ∞ − ∞ far outside the data: the leading term decides the sign, T_k(t) ~ 2^(k−1) t^k */
      for (guint k = fit->degree + 1; k-- > 0;)
        if (fit->coef_cheb[k] != 0)
          return copysign (INFINITY, fit->coef_cheb[k] * (k % 2 ? t : 1));
      return 0;
    }
  return y;
}

/* T_0(t) … T_degree(t) into @out. */
static void
chebyshev_values (double  t,
                  guint   degree,
                  double *out)
{
  out[0] = 1;
  if (degree >= 1)
    out[1] = t;
  for (guint k = 2; k <= degree; k++)
    out[k] = 2 * t * out[k - 1] - out[k - 2];
}

/* mono[j][m]: the coefficient of t^m in T_j(t), integers (|·| <= 2^14 for T_15, exact). */
static void
chebyshev_monomials (double mono[MAX_P][MAX_P])
{
  memset (mono, 0, sizeof (double) * MAX_P * MAX_P);
  mono[0][0] = 1;
  mono[1][1] = 1;
  for (guint j = 2; j < MAX_P; j++)
    for (guint m = 0; m <= j; m++)
      mono[j][m] = (m > 0 ? 2 * mono[j - 1][m - 1] : 0) - mono[j - 2][m];
}

/* Residual sum of squares over total sum of squares, computed on scaled values so neither
 * overflows; returns R² = 1 − ratio. With a constant y (TSS = 0) the answer is 1 for a
 * perfect fit and 0 otherwise, as scikit-learn's r2_score does. */
static double
r2_and_rmse (const MlrPolyFit *fit,
             const double     *x,
             const double     *y,
             gsize             n,
             double           *rmse)
{
  double mean = 0, ys = 0, rs = 0, tss = 0, rss = 0, ratio;
  double stack[256];
  g_autofree double *heap = n > G_N_ELEMENTS (stack) ? g_new (double, n) : NULL;
  double *res = heap ? heap : stack;

  for (gsize i = 0; i < n; i++)
    mean += y[i] / n;
  for (gsize i = 0; i < n; i++)
    {
      double r = res[i] = y[i] - mlr_poly_fit_predict (fit, x[i]);
      ys = MAX (ys, fabs (y[i] - mean));
      rs = MAX (rs, fabs (r));
      if (!isfinite (r))
        {
          /* a prediction that overflowed: infinitely wrong, not NaN */
          if (rmse)
            *rmse = INFINITY;
          return -1e300;
        }
    }
  for (gsize i = 0; i < n; i++)
    {
      double r = res[i];
      if (ys > 0)
        tss += ((y[i] - mean) / ys) * ((y[i] - mean) / ys);
      if (rs > 0)
        rss += (r / rs) * (r / rs);
    }
  if (rmse)
    *rmse = n > 0 ? rs * sqrt (rss / n) : 0;

  if (ys == 0)
    return rs <= 1e-9 * MAX (1.0, fabs (mean)) ? 1.0 : 0.0;
  if (rs == 0)
    return 1.0;
  ratio = (rs / ys) * (rs / ys) * (rss / tss);
  return isfinite (ratio) ? 1.0 - MIN (ratio, 1e300) : -1e300;
}

/* Re-expands y = Σ c_k t^k, t = (x − μ) / σ, as Σ a_j x^j. */
static void
expand_coefficients (MlrPolyFit *fit)
{
  double binom[MLR_POLY_MAX_DEGREE + 1][MLR_POLY_MAX_DEGREE + 1] = { { 0 } };

  for (guint k = 0; k <= fit->degree; k++)
    {
      binom[k][0] = binom[k][k] = 1;
      for (guint j = 1; j < k; j++)
        binom[k][j] = binom[k - 1][j - 1] + binom[k - 1][j];
    }

  double mono[MAX_P][MAX_P], coef_t[MAX_P] = { 0 };

  /* Chebyshev to powers of t, then powers of t to powers of x */
  chebyshev_monomials (mono);
  for (guint j = 0; j <= fit->degree; j++)
    for (guint m = 0; m <= j; m++)
      coef_t[m] += fit->coef_cheb[j] * mono[j][m];

  memset (fit->coef, 0, sizeof fit->coef);
  fit->coef_valid = TRUE;
  for (guint k = 0; k <= fit->degree; k++)
    {
      double ck = coef_t[k] / pow (fit->scale, k);
      for (guint j = 0; j <= k; j++)
        fit->coef[j] += ck * binom[k][j] * pow (-fit->center, k - j);
    }
  for (guint j = 0; j <= fit->degree; j++)
    if (!isfinite (fit->coef[j]))
      {
        memset (fit->coef, 0, sizeof fit->coef);
        fit->coef_valid = FALSE;
        return;
      }
}

/* ---------------------------------------------------------------- the design: x only */

typedef struct _RidgeFactor RidgeFactor;
static void ridge_factor_unref (RidgeFactor *factor);

struct _MlrPolyDesign
{
  grefcount ref;
  gsize     n;
  guint     max_degree;
  guint     p;            /* columns: max_degree + 1 */
  guint     n_reflect;    /* Householder reflections made: min (n, p) */
  double    center;
  double    scale;
  double    lo, hi;       /* the x range */
  gsize     distinct;
  double    max_norm;     /* the largest |R_kk|: what "too small" is measured against */
  double   *x;            /* n, a copy */
  double   *t;            /* n, (x − center) / scale */
  double   *a;            /* n × p, column-major: R above the diagonal, reflectors below */
  double    rdiag[MAX_P]; /* R_kk (0 where a column had nothing left) */
  double    vtv[MAX_P];   /* vᵀv of reflector k, 0 when there is none */
  gboolean  gram;         /* R from the Gram matrix: a is NULL, R is in r */
  double    r[MAX_P][MAX_P];
  /* the last ridge factorization asked for (solvers of every degree at one alpha share it) */
  GMutex       lock;
  RidgeFactor *ridge;
};

/* R from the Cholesky factor of G = TᵀT, T the Chebyshev basis at the points; FALSE (and
 * nothing kept) when G is not positive definite or R is not well conditioned enough for the
 * squaring to be harmless. Then T = (T R⁻¹) R with T R⁻¹ of orthonormal columns, so z = R⁻ᵀ Tᵀ y
 * is what Householder's Qᵀ y would give. */
static gboolean
factor_gram (MlrPolyDesign *self)
{
  guint p = self->p;
  double G[MAX_P][MAX_P] = { { 0 } }, inv[MAX_P][MAX_P] = { { 0 } };
  double norm_r = 0, norm_inv = 0;

  /* four points at a time: four independent recurrences, and G updated once per four */
  for (gsize i = 0; i < self->n; i += 4)
    {
      double tk[4][MAX_P] = { { 0 } };
      guint m = (guint) MIN (4, self->n - i);

      for (guint q = 0; q < m; q++)
        chebyshev_values (self->t[i + q], self->max_degree, tk[q]);
      for (guint j = 0; j < p; j++)
        for (guint k = j; k < p; k++)
          G[j][k] += (tk[0][j] * tk[0][k] + tk[1][j] * tk[1][k]) +
                     (tk[2][j] * tk[2][k] + tk[3][j] * tk[3][k]);
    }
  memset (self->r, 0, sizeof self->r);
  for (guint j = 0; j < p; j++)
    {
      double d = G[j][j];
      for (guint m = 0; m < j; m++)
        d -= self->r[m][j] * self->r[m][j];
      if (!(d > 0))
        return FALSE;
      self->r[j][j] = sqrt (d);
      for (guint k = j + 1; k < p; k++)
        {
          double v = G[j][k];
          for (guint m = 0; m < j; m++)
            v -= self->r[m][j] * self->r[m][k];
          self->r[j][k] = v / self->r[j][j];
        }
    }
  /* cond₁(R) = ‖R‖₁ ‖R⁻¹‖₁, exactly (R is at most 16 × 16) */
  for (guint j = p; j-- > 0;)
    {
      inv[j][j] = 1 / self->r[j][j];
      for (guint k = j + 1; k < p; k++)
        {
          double v = 0;
          for (guint m = j + 1; m <= k; m++)
            v += self->r[j][m] * inv[m][k];
          inv[j][k] = -v / self->r[j][j];
        }
    }
  for (guint k = 0; k < p; k++)
    {
      double cr = 0, ci = 0;
      for (guint j = 0; j <= k; j++)
        {
          cr += fabs (self->r[j][k]);
          ci += fabs (inv[j][k]);
        }
      norm_r = MAX (norm_r, cr);
      norm_inv = MAX (norm_inv, ci);
    }
  if (!(norm_r * norm_inv <= GRAM_MAX_COND))
    return FALSE;
  self->gram = TRUE;
  for (guint k = 0; k < p; k++)
    {
      self->rdiag[k] = self->r[k][k];
      self->max_norm = MAX (self->max_norm, self->r[k][k]);
    }
  return TRUE;
}

/**
 * mlr_poly_design_new:
 * Factors the Vandermonde matrix of the @n values @x in the centred, scaled variable t up
 * to @max_degree (at most MLR_POLY_MAX_DEGREE), for fits of any degree up to it, any alpha
 * and any y. Fails with %MLR_REGRESSION_ERROR_INVALID for non-finite values or values beyond
 * 1e150, and with %MLR_REGRESSION_ERROR_TOO_FEW when there are no points. Whether the x
 * values can carry a given degree is the solver's question.
 */
MlrPolyDesign *
mlr_poly_design_new (const double  *x,
                     gsize          n,
                     guint          max_degree,
                     GError       **error)
{
  g_autoptr(MlrPolyDesign) self = NULL;
  double lo = INFINITY, hi = -INFINITY;
  guint p = max_degree + 1;

  g_return_val_if_fail (n == 0 || x != NULL, NULL);

  if (max_degree > MLR_POLY_MAX_DEGREE)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                   "degree %u is too high (at most %d)", max_degree, MLR_POLY_MAX_DEGREE);
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW,
                   "there are no points to fit");
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || fabs (x[i]) > MAX_MAGNITUDE)
        {
          g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                       "point %" G_GSIZE_FORMAT " is not finite or exceeds 1e150 in magnitude",
                       i + 1);
          return NULL;
        }
      lo = MIN (lo, x[i]);
      hi = MAX (hi, x[i]);
    }

  self = g_new0 (MlrPolyDesign, 1);
  g_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  self->n = n;
  self->max_degree = max_degree;
  self->p = p;
  self->n_reflect = (guint) MIN (n, (gsize) p);
  self->lo = lo;
  self->hi = hi;
  self->center = 0.5 * lo + 0.5 * hi;
  self->scale = 0.5 * hi - 0.5 * lo;
  if (self->scale == 0)
    self->scale = 1;
  self->distinct = count_distinct (x, n, p);
  self->x = g_memdup2 (x, n * sizeof (double));
  self->t = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    self->t[i] = CLAMP ((x[i] - self->center) / self->scale, -1.0, 1.0);
  if (n >= GRAM_MIN_N && factor_gram (self))
    return g_steal_pointer (&self);

  /* column-major Chebyshev–Vandermonde matrix in t, |t| <= 1: for scattered points far
   * better conditioned than powers of t (for 30 random points at degree 15, ~1e2 against
   * ~1e6; for 500, ~5 against ~2e5) */
  self->a = g_new (double, n * p);
  for (gsize i = 0; i < n; i++)
    {
      double tk[MAX_P];
      chebyshev_values (self->t[i], max_degree, tk);
      for (guint k = 0; k < p; k++)
        self->a[k * n + i] = tk[k];
    }

  /* Householder QR: reflect each column onto its diagonal, which leaves R in the upper
   * triangle (diagonal in rdiag) and the reflectors below it. A column with nothing left
   * (x values that cannot tell it from the columns before) gets no reflection: only a
   * penalty can determine its coefficient. */
  for (guint k = 0; k < self->n_reflect; k++)
    {
      double *col = self->a + (gsize) k * n;
      double norm = 0, alpha;

      for (gsize i = k; i < n; i++)
        norm = hypot (norm, col[i]);
      if (norm == 0)
        continue;
      alpha = -copysign (norm, col[k]);
      col[k] -= alpha;
      /* v = col[k..n), vᵀv = 2 norm (norm + |x_k|) */
      self->vtv[k] = norm * (norm + fabs (col[k] + alpha)) * 2.0;
      for (guint j = k + 1; j < p; j++)
        {
          double *cj = self->a + (gsize) j * n, s = 0;
          for (gsize i = k; i < n; i++)
            s += col[i] * cj[i];
          s = 2.0 * s / self->vtv[k];
          for (gsize i = k; i < n; i++)
            cj[i] -= s * col[i];
        }
      self->rdiag[k] = alpha;
      self->max_norm = MAX (self->max_norm, norm);
    }
  return g_steal_pointer (&self);
}

MlrPolyDesign *
mlr_poly_design_ref (MlrPolyDesign *design)
{
  g_ref_count_inc (&design->ref);
  return design;
}

void
mlr_poly_design_unref (MlrPolyDesign *design)
{
  if (design == NULL || !g_ref_count_dec (&design->ref))
    return;
  g_clear_pointer (&design->ridge, ridge_factor_unref);
  g_mutex_clear (&design->lock);
  g_free (design->x);
  g_free (design->t);
  g_free (design->a);
  g_free (design);
}

gsize
mlr_poly_design_get_n (const MlrPolyDesign *design)
{
  return design->n;
}

/* How many different x values there are, counted up to the design's maximum degree + 1 (a
 * least-squares fit of degree d needs d + 1; more than enough for every degree reads as
 * max_degree + 1). */
gsize
mlr_poly_design_get_distinct (const MlrPolyDesign *design)
{
  return design->distinct;
}

/* R_kj of the first stage (k <= j). */
static inline double
design_r (const MlrPolyDesign *d,
          guint                k,
          guint                j)
{
  if (k >= d->n_reflect)
    return 0;
  if (d->gram)
    return d->r[k][j];
  return k == j ? d->rdiag[k] : d->a[(gsize) j * d->n + k];
}

/* z = (Qᵀ y)[0, p): @work (n values) is overwritten. Entries past n_reflect are 0. */
static void
design_project (const MlrPolyDesign *d,
                const double        *y,
                double              *work,
                double              *z)
{
  gsize n = d->n;

  if (d->gram)
    {
      /* z = R⁻ᵀ Tᵀ y */
      double u[MAX_P] = { 0 };
      for (gsize i = 0; i < n; i++)
        {
          double tk[MAX_P];
          chebyshev_values (d->t[i], d->max_degree, tk);
          for (guint k = 0; k < d->p; k++)
            u[k] += tk[k] * y[i];
        }
      for (guint k = 0; k < d->p; k++)
        {
          double v = u[k];
          for (guint m = 0; m < k; m++)
            v -= d->r[m][k] * z[m];
          z[k] = v / d->r[k][k];
        }
      return;
    }
  memcpy (work, y, n * sizeof (double));
  for (guint k = 0; k < d->n_reflect; k++)
    {
      const double *v = d->a + (gsize) k * n;
      double s = 0;

      if (d->vtv[k] == 0)
        continue;
      for (gsize i = k; i < n; i++)
        s += v[i] * work[i];
      s = 2.0 * s / d->vtv[k];
      for (gsize i = k; i < n; i++)
        work[i] -= s * v[i];
    }
  for (guint k = 0; k < d->p; k++)
    z[k] = k < d->n_reflect ? work[k] : 0;
}

/* ---------------------------------------------------------------- the solver: + degree, alpha */

/* alpha > 0: the stacked system [√alpha N; R] of the design's maximum degree D (rows: D
 * penalty rows, then the D + 1 rows of R), column-scaled by 2^colexp, factored in
 * double-double; reflectors below the diagonal. A fit of degree d is the problem of its first
 * d + 1 columns: the other rows are 0 there, so the first d + 1 reflectors and the leading
 * block of R are that problem's own, and one factorization serves every degree. */
struct _RidgeFactor
{
  grefcount ref;
  double    alpha;
  guint     p;              /* D + 1 columns */
  guint     off;            /* D penalty rows */
  guint     m;              /* off + p rows */
  DD       *a;              /* m × p, column-major */
  DD        beta[MAX_P];
  DD        rdiag[MAX_P];
  int       colexp[MAX_P];  /* column j was multiplied by 2^colexp[j] */
};

struct _MlrPolySolver
{
  MlrPolyDesign *design;
  guint          degree;
  guint          p;           /* degree + 1 */
  double         alpha;
  RidgeFactor   *ridge;       /* NULL for least squares */
  double        *S;           /* p × p (column j: φ for z = e_j), made on first use */
};

/* The first stage's R is its own answer when alpha = 0: is it of full rank for @degree? */
static gboolean
check_least_squares (const MlrPolyDesign *d,
                     guint                degree,
                     GError             **error)
{
  guint p = degree + 1;
  double max_norm = 0;

  if (d->distinct < p)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW,
                   "a degree-%u polynomial needs at least %u distinct x values, got %"
                   G_GSIZE_FORMAT, degree, p, d->distinct);
      return FALSE;
    }
  for (guint k = 0; k < p; k++)
    {
      double r = fabs (design_r (d, k, k));
      max_norm = MAX (max_norm, r);
      if (r == 0 || r <= RANK_TOL * max_norm)
        {
          g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW,
                       "the x values are too close together to fit a degree-%u polynomial",
                       degree);
          return FALSE;
        }
    }
  return TRUE;
}

/* Binomial coefficients C(j, k), exact in doubles up to C(15, 7) = 6435. */
static double
binomial (guint j,
          guint k)
{
  double c = 1;

  for (guint i = 1; i <= k; i++)
    c = c * (j - k + i) / i;
  return round (c);
}

static void
ridge_factor_unref (RidgeFactor *factor)
{
  if (factor == NULL || !g_ref_count_dec (&factor->ref))
    return;
  g_free (factor->a);
  g_free (factor);
}

/* Builds and factors [√alpha N; R] of the design's maximum degree in double-double. */
static RidgeFactor *
ridge_factor_new (const MlrPolyDesign *d,
                  double               alpha)
{
  RidgeFactor *self = g_new0 (RidgeFactor, 1);
  guint p = d->p, off = d->max_degree, m = off + p;
  DD root = dd_sqrt (dd_from (alpha));
  XD neg_c_pow[MAX_P], inv_s_pow[MAX_P], inv_s;
  double mono[MAX_P][MAX_P];
  DD *a;

  g_ref_count_init (&self->ref);
  self->alpha = alpha;
  self->p = p;
  self->off = off;
  self->m = m;
  a = self->a = g_new0 (DD, (gsize) m * p);

  /* (−center)^e and scale^(−m) as mantissa × 2^exponent: with x far from 0 or a tiny x
   * range they overflow any double long before degree 15 */
  neg_c_pow[0] = inv_s_pow[0] = xd_from_dd (dd_from (1));
  inv_s = xd_from_dd (dd_div (dd_from (1), dd_from (d->scale)));
  for (guint e = 1; e < p; e++)
    {
      neg_c_pow[e] = xd_mul (neg_c_pow[e - 1], xd_from_dd (dd_from (-d->center)));
      inv_s_pow[e] = xd_mul (inv_s_pow[e - 1], inv_s);
    }

  /* penalty rows: the raw coefficients w_k = Σ_j N_kj φ_j, k = 1 … D, where T_j(t) =
   * Σ_m mono_jm t^m and t^m = Σ_k C(m, k) (−c)^(m−k) x^k / s^m. Each column is scaled by a
   * power of two that brings its largest entry near 1 (a change of variable, exact), so that
   * no dot product overflows however far the penalty rows are from the data's. */
  chebyshev_monomials (mono);
  for (guint j = 0; j < p; j++)
    {
      DD *col = a + (gsize) j * m;
      int top = INT_MIN;

      for (guint k = 1; k <= j; k++)
        for (guint mm = k; mm <= j; mm++)
          if (mono[j][mm] != 0 && neg_c_pow[mm - k].m.hi != 0)
            top = MAX (top, neg_c_pow[mm - k].e + inv_s_pow[mm].e +
                            ilogb (mono[j][mm] * binomial (mm, k)) + 1);
      for (guint k = 0; k <= j; k++)
        if (design_r (d, k, j) != 0)
          top = MAX (top, ilogb (design_r (d, k, j)) + 1);
      self->colexp[j] = top == INT_MIN ? 0 : -top;

      for (guint k = 1; k <= j; k++)
        {
          DD sum = dd_from (0);
          for (guint mm = k; mm <= j; mm++)
            if (mono[j][mm] != 0)
              {
                DD t = dd_mul_d (dd_mul (neg_c_pow[mm - k].m, inv_s_pow[mm].m),
                                 mono[j][mm] * binomial (mm, k));
                sum = dd_add (sum, dd_ldexp (t, neg_c_pow[mm - k].e + inv_s_pow[mm].e +
                                                self->colexp[j]));
              }
          col[k - 1] = dd_mul (root, sum);
        }
      for (guint k = 0; k <= j; k++)
        col[off + k] = dd_ldexp (dd_from (design_r (d, k, j)), self->colexp[j]);
    }

  for (guint k = 0; k < p; k++)
    {
      DD *col = a + (gsize) k * m;
      DD ss = dd_from (0), norm, r, xk;

      for (guint i = k; i < m; i++)
        ss = dd_add (ss, dd_mul (col[i], col[i]));
      norm = dd_sqrt (ss);
      self->rdiag[k] = dd_from (0);
      if (norm.hi == 0)
        continue;
      xk = col[k];
      r = xk.hi >= 0 ? dd_neg (norm) : norm;
      col[k] = dd_sub (xk, r);
      self->beta[k] = dd_div (dd_from (1),
                              dd_mul (norm, dd_add (norm, xk.hi >= 0 ? xk : dd_neg (xk))));
      for (guint j = k + 1; j < p; j++)
        {
          DD *cj = a + (gsize) j * m, s = dd_from (0);
          for (guint i = k; i < m; i++)
            s = dd_add (s, dd_mul (col[i], cj[i]));
          s = dd_mul (s, self->beta[k]);
          for (guint i = k; i < m; i++)
            cj[i] = dd_sub (cj[i], dd_mul (s, col[i]));
        }
      self->rdiag[k] = r;
    }
  return self;
}

/* The design's factorization at @alpha: the one it holds, or a new one it then holds. */
static RidgeFactor *
design_ridge (MlrPolyDesign *d,
              double         alpha)
{
  RidgeFactor *factor;

  g_mutex_lock (&d->lock);
  if (d->ridge == NULL || d->ridge->alpha != alpha)
    {
      g_clear_pointer (&d->ridge, ridge_factor_unref);
      d->ridge = ridge_factor_new (d, alpha);
    }
  factor = d->ridge;
  g_ref_count_inc (&factor->ref);
  g_mutex_unlock (&d->lock);
  return factor;
}

/* In the unscaled problem R2_kk = rdiag_k / 2^colexp_k; below the first stage's rounding
 * noise the penalty does not determine that coefficient either. */
static gboolean
check_ridge (const MlrPolyDesign *d,
             const RidgeFactor   *f,
             guint                degree,
             GError             **error)
{
  for (guint k = 0; k <= degree; k++)
    if (ldexp (dd_abs_hi (f->rdiag[k]), -f->colexp[k]) <= RANK_TOL * d->max_norm)
      {
        g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW,
                     "alpha = %g is too small to fit a degree-%u polynomial to %"
                     G_GSIZE_FORMAT " distinct x values: raise alpha or lower the degree",
                     f->alpha, degree, d->distinct);
        return FALSE;
      }
  return TRUE;
}

/**
 * mlr_poly_solver_new:
 * Prepares fits of @degree (at most the design's maximum) with the ridge penalty @alpha
 * (0 to MLR_POLY_MAX_ALPHA; 0 is least squares) on the design's x values.
 *
 * With alpha = 0 a degree-d fit needs d + 1 distinct x values that are not too close
 * together: there is no unique least-squares polynomial otherwise, and this fails with
 * %MLR_REGRESSION_ERROR_TOO_FEW rather than pick one (scikit-learn's LinearRegression
 * returns the one with the smallest coefficients). With alpha > 0 the penalty makes the
 * answer unique however few the x values, unless alpha is so small that rounding noise would
 * decide it (same error).
 */
MlrPolySolver *
mlr_poly_solver_new (MlrPolyDesign  *design,
                     guint           degree,
                     double          alpha,
                     GError        **error)
{
  g_autoptr(MlrPolySolver) self = NULL;

  g_return_val_if_fail (design != NULL, NULL);

  if (degree > design->max_degree)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                   "degree %u is too high (at most %u)", degree, design->max_degree);
      return NULL;
    }
  if (!isfinite (alpha) || alpha < 0 || alpha > MLR_POLY_MAX_ALPHA)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                   "alpha must be between 0 and %g", MLR_POLY_MAX_ALPHA);
      return NULL;
    }

  self = g_new0 (MlrPolySolver, 1);
  self->design = mlr_poly_design_ref (design);
  self->degree = degree;
  self->p = degree + 1;
  self->alpha = alpha;

  /* degree 0 has no penalized coefficient: the mean, whatever alpha */
  if (alpha == 0 || degree == 0)
    {
      if (!check_least_squares (design, degree, error))
        return NULL;
    }
  else
    {
      self->ridge = design_ridge (design, alpha);
      if (!check_ridge (design, self->ridge, degree, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
mlr_poly_solver_free (MlrPolySolver *solver)
{
  if (solver == NULL)
    return;
  mlr_poly_design_unref (solver->design);
  g_clear_pointer (&solver->ridge, ridge_factor_unref);
  g_free (solver->S);
  g_free (solver);
}

/* φ for the projected data z (p values). */
static void
solve_z (const MlrPolySolver *self,
         const double        *z,
         double              *phi)
{
  guint p = self->p;

  if (self->ridge == NULL)
    {
      /* least squares: R φ = z, R from the first stage */
      for (guint k = p; k-- > 0;)
        {
          double s = z[k];
          for (guint j = k + 1; j < p; j++)
            s -= design_r (self->design, k, j) * phi[j];
          phi[k] = s / design_r (self->design, k, k);
        }
      return;
    }

  {
    const RidgeFactor *r = self->ridge;
    guint m = r->m, off = r->off;
    DD b[2 * MAX_P], f[MAX_P];

    /* rows of R past this degree's are 0 in its columns: their z never takes part */
    for (guint i = 0; i < m; i++)
      b[i] = dd_from (i < off || i - off >= p ? 0 : z[i - off]);
    for (guint k = 0; k < p; k++)
      {
        const DD *v = r->a + (gsize) k * m;
        DD s = dd_from (0);

        if (r->rdiag[k].hi == 0)
          continue;
        for (guint i = k; i < m; i++)
          s = dd_add (s, dd_mul (v[i], b[i]));
        s = dd_mul (s, r->beta[k]);
        for (guint i = k; i < m; i++)
          b[i] = dd_sub (b[i], dd_mul (s, v[i]));
      }
    for (guint k = p; k-- > 0;)
      {
        DD s = b[k];
        for (guint j = k + 1; j < p; j++)
          s = dd_sub (s, dd_mul (r->a[(gsize) j * m + k], f[j]));
        f[k] = dd_div (s, r->rdiag[k]);
      }
    for (guint k = 0; k < p; k++)
      phi[k] = ldexp (f[k].hi + f[k].lo, r->colexp[k]);
  }
}

/**
 * mlr_poly_solver_fit:
 * The fit to @y (one value per x of the design): coefficients, R² and RMSE on the design's
 * points.
 */
void
mlr_poly_solver_fit (const MlrPolySolver *solver,
                     const double        *y,
                     MlrPolyFit          *fit)
{
  const MlrPolyDesign *d = solver->design;
  g_autofree double *work = d->gram ? NULL : g_new (double, d->n);
  double z[MAX_P];

  memset (fit, 0, sizeof *fit);
  fit->degree = solver->degree;
  fit->alpha = solver->alpha;
  fit->n_points = d->n;
  fit->center = d->center;
  fit->scale = d->scale;
  design_project (d, y, work, z);
  solve_z (solver, z, fit->coef_cheb);
  expand_coefficients (fit);
  fit->r2 = r2_and_rmse (fit, d->x, y, d->n, &fit->rmse);
}

/* S, the map from z to φ (column j: the solve of e_j), made once and kept. */
static void
ensure_map (MlrPolySolver *solver)
{
  guint p = solver->p, q = MIN (p, solver->design->n_reflect);

  if (solver->S != NULL)
    return;
  solver->S = g_new0 (double, (gsize) p * p);
  for (guint j = 0; j < q; j++)
    {
      double z[MAX_P] = { 0 };
      z[j] = 1;
      solve_z (solver, z, solver->S + (gsize) j * p);
    }
}

/**
 * mlr_poly_solver_fit_coefficients:
 * The fit to @y like mlr_poly_solver_fit(), coefficients in t only (@fit's coef_cheb, degree,
 * alpha, center and scale; no raw coefficients, R² or RMSE), through the solver's map S in
 * double: O(n · degree) per fit, for the many refits of a bias–variance picture. Its
 * predictions agree with mlr_poly_solver_fit()'s to about the double precision of S times the
 * size of the data, which is ~1e-14 of it for the demo's x in [0, 1].
 */
void
mlr_poly_solver_fit_coefficients (MlrPolySolver *solver,
                                  const double  *y,
                                  MlrPolyFit    *fit)
{
  const MlrPolyDesign *d = solver->design;
  g_autofree double *work = d->gram ? NULL : g_new (double, d->n);
  guint p = solver->p;
  double z[MAX_P];

  ensure_map (solver);
  memset (fit, 0, sizeof *fit);
  fit->degree = solver->degree;
  fit->alpha = solver->alpha;
  fit->n_points = d->n;
  fit->center = d->center;
  fit->scale = d->scale;
  design_project (d, y, work, z);
  for (guint k = 0; k < p; k++)
    {
      double v = 0;
      for (guint j = 0; j < p; j++)
        v += solver->S[(gsize) j * p + k] * z[j];
      fit->coef_cheb[k] = v;
    }
}

/**
 * mlr_poly_solver_variance:
 * Var[f̂(@x)] / σ² when each y of the design's points gets independent noise of variance σ²:
 * the fit is linear in y, f̂(x) = t(x)ᵀ S Q₁ᵀ y with Q₁ of orthonormal columns, so this is
 * ‖Sᵀ t(x)‖² (S is built once, from p unit solves).
 */
double
mlr_poly_solver_variance (MlrPolySolver *solver,
                          double         x)
{
  const MlrPolyDesign *d = solver->design;
  guint p = solver->p, q = MIN (p, d->n_reflect);
  double t = (x - d->center) / d->scale, tp[MAX_P], var = 0;

  ensure_map (solver);
  chebyshev_values (t, solver->degree, tp);
  /* only the first min (n, p) entries of z vary with y; the rest are 0 */
  for (guint j = 0; j < q; j++)
    {
      const double *col = solver->S + (gsize) j * p;
      double u = 0;
      for (guint k = 0; k < p; k++)
        u += col[k] * tp[k];
      var += u * u;
    }
  return var;
}

/* ---------------------------------------------------------------- one-shot fits */

/**
 * mlr_poly_ridge_fit:
 * The degree-@degree polynomial minimizing the squared error on the @n points (@x[i],
 * @y[i]) plus @alpha times the sum of the squared coefficients of x, x², … (not of the
 * intercept): scikit-learn's PolynomialFeatures(degree, include_bias=False) + Ridge(alpha),
 * or LinearRegression when @alpha is 0. See mlr_poly_solver_new() for when it fails.
 */
gboolean
mlr_poly_ridge_fit (const double *x,
                    const double *y,
                    gsize         n,
                    guint         degree,
                    double        alpha,
                    MlrPolyFit   *fit,
                    GError      **error)
{
  g_autoptr(MlrPolyDesign) design = NULL;
  g_autoptr(MlrPolySolver) solver = NULL;

  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);

  for (gsize i = 0; i < n; i++)
    if (!isfinite (y[i]) || fabs (y[i]) > MAX_MAGNITUDE)
      {
        g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                     "point %" G_GSIZE_FORMAT " is not finite or exceeds 1e150 in magnitude",
                     i + 1);
        return FALSE;
      }
  design = mlr_poly_design_new (x, n, degree, error);
  if (design == NULL)
    return FALSE;
  solver = mlr_poly_solver_new (design, degree, alpha, error);
  if (solver == NULL)
    return FALSE;
  mlr_poly_solver_fit (solver, y, fit);
  return TRUE;
}

/**
 * mlr_poly_fit:
 * Least-squares fit of a polynomial of @degree (0 to MLR_POLY_MAX_DEGREE) to the @n points
 * (@x[i], @y[i]). Fails with %MLR_REGRESSION_ERROR_TOO_FEW when there are fewer distinct x
 * values than the degree + 1 coefficients (or they are too close together to tell apart),
 * and with %MLR_REGRESSION_ERROR_INVALID for non-finite values or values beyond 1e150.
 */
gboolean
mlr_poly_fit (const double *x,
              const double *y,
              gsize         n,
              guint         degree,
              MlrPolyFit   *fit,
              GError      **error)
{
  return mlr_poly_ridge_fit (x, y, n, degree, 0, fit, error);
}

/**
 * mlr_linear_fit:
 * mlr_poly_fit() of degree 1: the line y = coef[1] x + coef[0].
 */
gboolean
mlr_linear_fit (const double *x,
                const double *y,
                gsize         n,
                MlrPolyFit   *fit,
                GError      **error)
{
  return mlr_poly_fit (x, y, n, 1, fit, error);
}

/**
 * mlr_poly_fit_predict:
 * The fitted polynomial at @x (evaluated in the centred, scaled variable).
 */
double
mlr_poly_fit_predict (const MlrPolyFit *fit,
                      double            x)
{
  return eval_t (fit, (x - fit->center) / fit->scale);
}

/* mlr_poly_fit_predict() at each of the @n values of @x, into @out. */
void
mlr_poly_fit_predict_many (const MlrPolyFit *fit,
                           const double     *x,
                           gsize             n,
                           double           *out)
{
  for (gsize i = 0; i < n; i++)
    out[i] = mlr_poly_fit_predict (fit, x[i]);
}

/**
 * mlr_poly_fit_score:
 * R² of @fit on the points (@x[i], @y[i]), e.g. held-out data in the overfitting lesson;
 * negative when the fit is worse than the mean of @y.
 */
double
mlr_poly_fit_score (const MlrPolyFit *fit,
                    const double     *x,
                    const double     *y,
                    gsize             n)
{
  return r2_and_rmse (fit, x, y, n, NULL);
}

/* √(mean (y − f̂(x))²) of @fit on the points (@x[i], @y[i]), without overflow; 0 for none. */
double
mlr_poly_fit_rmse (const MlrPolyFit *fit,
                   const double     *x,
                   const double     *y,
                   gsize             n)
{
  double rmse = 0;

  r2_and_rmse (fit, x, y, n, &rmse);
  return rmse;
}
