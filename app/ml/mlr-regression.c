/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-regression.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (mlr-regression-error-quark, mlr_regression_error)

/* Data beyond this magnitude could overflow sums of squares. */
#define MAX_MAGNITUDE 1e150

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gsize
count_distinct (const double *x,
                gsize         n)
{
  g_autofree double *sorted = NULL;
  gsize distinct = 1;

  if (n == 0)
    return 0;
  sorted = g_memdup2 (x, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  for (gsize i = 1; i < n; i++)
    if (sorted[i] != sorted[i - 1])
      distinct++;
  return distinct;
}

/* Horner in t. */
static double
eval_t (const MlrPolyFit *fit,
        double            t)
{
  double acc = fit->coef_t[fit->degree];

  for (guint k = fit->degree; k-- > 0;)
    acc = acc * t + fit->coef_t[k];
  return acc;
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

  for (gsize i = 0; i < n; i++)
    mean += y[i] / n;
  for (gsize i = 0; i < n; i++)
    {
      double r = y[i] - mlr_poly_fit_predict (fit, x[i]);
      ys = MAX (ys, fabs (y[i] - mean));
      rs = MAX (rs, fabs (r));
    }
  for (gsize i = 0; i < n; i++)
    {
      double r = y[i] - mlr_poly_fit_predict (fit, x[i]);
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

  memset (fit->coef, 0, sizeof fit->coef);
  fit->coef_valid = TRUE;
  for (guint k = 0; k <= fit->degree; k++)
    {
      double ck = fit->coef_t[k] / pow (fit->scale, k);
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
  guint p = degree + 1;
  double lo = INFINITY, hi = -INFINITY, max_norm = 0;
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  double rdiag[MLR_POLY_MAX_DEGREE + 1];
  gsize distinct;

  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);

  if (degree > MLR_POLY_MAX_DEGREE)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                   "degree %u is too high (at most %d)", degree, MLR_POLY_MAX_DEGREE);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]) ||
          fabs (x[i]) > MAX_MAGNITUDE || fabs (y[i]) > MAX_MAGNITUDE)
        {
          g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID,
                       "point %" G_GSIZE_FORMAT " is not finite or exceeds 1e150 in magnitude",
                       i + 1);
          return FALSE;
        }
      lo = MIN (lo, x[i]);
      hi = MAX (hi, x[i]);
    }
  distinct = count_distinct (x, n);
  if (distinct < p)
    {
      g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW,
                   "a degree-%u polynomial needs at least %u distinct x values, got %"
                   G_GSIZE_FORMAT, degree, p, distinct);
      return FALSE;
    }

  memset (fit, 0, sizeof *fit);
  fit->degree = degree;
  fit->n_points = n;
  fit->center = 0.5 * lo + 0.5 * hi;
  fit->scale = 0.5 * hi - 0.5 * lo;
  if (fit->scale == 0)
    fit->scale = 1;

  /* Column-major Vandermonde matrix in t. */
  a = g_new (double, n * p);
  b = g_memdup2 (y, n * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      double t = (x[i] - fit->center) / fit->scale, tk = 1;
      for (guint k = 0; k < p; k++)
        {
          a[k * n + i] = tk;
          tk *= t;
        }
    }

  /* Householder QR: reflect each column onto its diagonal, applying the same reflections to
   * b, which leaves R in the upper triangle (diagonal in rdiag) and Qᵀ y in b. */
  for (guint k = 0; k < p; k++)
    {
      double *col = a + (gsize) k * n;
      double norm = 0, alpha, vnorm2;

      for (gsize i = k; i < n; i++)
        norm = hypot (norm, col[i]);
      max_norm = MAX (max_norm, norm);
      if (norm <= 1e-12 * max_norm || norm == 0)
        {
          g_set_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW,
                       "the x values are too close together to fit a degree-%u polynomial",
                       degree);
          return FALSE;
        }
      alpha = -copysign (norm, col[k]);
      col[k] -= alpha;
      vnorm2 = norm * (norm + fabs (col[k] + alpha)) * 2.0;
      /* v = col[k..n), vᵀv = 2 norm (norm + |x_k|) */
      for (guint j = k + 1; j < p; j++)
        {
          double *cj = a + (gsize) j * n, s = 0;
          for (gsize i = k; i < n; i++)
            s += col[i] * cj[i];
          s = 2.0 * s / vnorm2;
          for (gsize i = k; i < n; i++)
            cj[i] -= s * col[i];
        }
      {
        double s = 0;
        for (gsize i = k; i < n; i++)
          s += col[i] * b[i];
        s = 2.0 * s / vnorm2;
        for (gsize i = k; i < n; i++)
          b[i] -= s * col[i];
      }
      rdiag[k] = alpha;
    }

  for (guint k = p; k-- > 0;)
    {
      double s = b[k];
      for (guint j = k + 1; j < p; j++)
        s -= a[(gsize) j * n + k] * fit->coef_t[j];
      fit->coef_t[k] = s / rdiag[k];
    }

  expand_coefficients (fit);
  fit->r2 = r2_and_rmse (fit, x, y, n, &fit->rmse);
  return TRUE;
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
