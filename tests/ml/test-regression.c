/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Least-squares line and polynomial fits: exact recovery of noiseless polynomials, the
 * closed-form line, stability far from the origin, R², and the errors. Ridge fits: the
 * closed-form line, normal equations in long double, one factorization for every degree,
 * constant and duplicate x, fewer points than coefficients, the variance of a prediction,
 * and the errors. (scikit-learn and 120-digit arithmetic check the rest, in
 * sklearn_poly_compare.py.)
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "ml/mlr-regression.h"
#include "ml/mlr-rng.h"

#define assert_close(a, b, tol)                                                   \
  G_STMT_START {                                                                  \
    double a_ = (a), b_ = (b), t_ = (tol);                                        \
    if (!(fabs (a_ - b_) <= t_))                                                  \
      g_error ("%s:%d: %s = %.17g, expected %s = %.17g (tolerance %g)",           \
               __FILE__, __LINE__, #a, a_, #b, b_, t_);                           \
  } G_STMT_END

static double
poly (const double *c,
      guint         degree,
      double        x)
{
  double acc = c[degree];

  for (guint k = degree; k-- > 0;)
    acc = acc * x + c[k];
  return acc;
}

static void
test_exact_cubic (void)
{
  const double c[] = { 2, -3, 0, 0.5 };
  double x[20], y[20];
  MlrPolyFit fit;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 20; i++)
    {
      x[i] = -2 + 7.0 * i / 19;
      y[i] = poly (c, 3, x[i]);
    }
  g_assert_true (mlr_poly_fit (x, y, 20, 3, &fit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fit.degree, ==, 3);
  g_assert_cmpuint (fit.n_points, ==, 20);
  g_assert_true (fit.coef_valid);
  for (int k = 0; k <= 3; k++)
    assert_close (fit.coef[k], c[k], 1e-11);
  assert_close (fit.r2, 1, 1e-14);
  g_assert_cmpfloat (fit.rmse, <, 1e-12);
  for (double t = -3; t <= 6; t += 0.37)
    assert_close (mlr_poly_fit_predict (&fit, t), poly (c, 3, t),
                  1e-10 * (1 + fabs (poly (c, 3, t))));

  /* A higher degree than needed recovers the same polynomial, extra terms ~ 0. */
  g_assert_true (mlr_poly_fit (x, y, 20, 6, &fit, NULL));
  for (int k = 0; k <= 6; k++)
    assert_close (fit.coef[k], k <= 3 ? c[k] : 0, 1e-9);
  assert_close (fit.r2, 1, 1e-14);
}

static void
test_line (void)
{
  const double x[] = { 0, 1, 2 };
  const double y[] = { 1, 3, 5 };
  double xs[50], ys[50], mx = 0, my = 0, sxy = 0, sxx = 0;
  double pred[3];
  MlrPolyFit fit;
  MlrRng rng;

  g_assert_true (mlr_linear_fit (x, y, 3, &fit, NULL));
  assert_close (fit.coef[1], 2, 1e-15);
  assert_close (fit.coef[0], 1, 1e-15);
  assert_close (fit.r2, 1, 1e-15);
  mlr_poly_fit_predict_many (&fit, x, 3, pred);
  for (int i = 0; i < 3; i++)
    assert_close (pred[i], y[i], 1e-14);

  /* Noisy: slope = cov(x, y) / var(x), intercept = ȳ - slope x̄, and R² = corr². */
  mlr_rng_init (&rng, 5);
  for (int i = 0; i < 50; i++)
    {
      xs[i] = mlr_rng_range (&rng, -3, 3);
      ys[i] = 0.7 * xs[i] - 1 + 0.5 * mlr_rng_normal (&rng);
      mx += xs[i] / 50;
      my += ys[i] / 50;
    }
  for (int i = 0; i < 50; i++)
    {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) * (xs[i] - mx);
    }
  g_assert_true (mlr_linear_fit (xs, ys, 50, &fit, NULL));
  assert_close (fit.coef[1], sxy / sxx, 1e-13);
  assert_close (fit.coef[0], my - sxy / sxx * mx, 1e-13);
  {
    double syy = 0;
    for (int i = 0; i < 50; i++)
      syy += (ys[i] - my) * (ys[i] - my);
    assert_close (fit.r2, sxy * sxy / (sxx * syy), 1e-12);
  }
  g_assert_cmpfloat (fit.r2, >, 0.5);
  g_assert_cmpfloat (fit.r2, <, 1);
}

static void
test_far_from_origin (void)
{
  /* x around 1e6: the raw Vandermonde matrix has columns 1, 1e6, 1e12 (condition ~1e24,
   * hopeless with normal equations); centring and scaling keep the fit exact. */
  double x[30], y[30];
  MlrPolyFit fit;

  for (int i = 0; i < 30; i++)
    {
      double u = i / 29.0 * 10;
      x[i] = 1e6 + u;
      y[i] = 3 - 2 * u + 0.25 * u * u;
    }
  g_assert_true (mlr_poly_fit (x, y, 30, 2, &fit, NULL));
  assert_close (fit.center, 1e6 + 5, 1e-9);
  assert_close (fit.scale, 5, 1e-9);
  for (int i = 0; i < 30; i++)
    assert_close (mlr_poly_fit_predict (&fit, x[i]), y[i], 1e-9);
  assert_close (fit.r2, 1, 1e-12);
}

static void
test_interpolation_and_score (void)
{
  /* n points, degree n - 1: the polynomial goes through every point (the overfitting
   * lesson's wiggly curve) and fails on held-out data. */
  double x[10], y[10], xt[10], yt[10];
  MlrPolyFit fit;
  MlrRng rng;

  mlr_rng_init (&rng, 11);
  for (int i = 0; i < 10; i++)
    {
      x[i] = i / 9.0;
      y[i] = sin (2 * G_PI * x[i]) + 0.3 * mlr_rng_normal (&rng);
      xt[i] = (i + 0.5) / 10.0;
      yt[i] = sin (2 * G_PI * xt[i]);
    }
  g_assert_true (mlr_poly_fit (x, y, 10, 9, &fit, NULL));
  for (int i = 0; i < 10; i++)
    assert_close (mlr_poly_fit_predict (&fit, x[i]), y[i], 1e-9);
  assert_close (fit.r2, 1, 1e-12);
  g_assert_cmpfloat (mlr_poly_fit_score (&fit, xt, yt, 10), <, 1);
  g_assert_true (isfinite (mlr_poly_fit_score (&fit, xt, yt, 10)));

  /* Degree 0 is the mean; R² of the mean on its own data is 0. */
  g_assert_true (mlr_poly_fit (x, y, 10, 0, &fit, NULL));
  {
    double mean = 0;
    for (int i = 0; i < 10; i++)
      mean += y[i] / 10;
    assert_close (fit.coef[0], mean, 1e-15);
    assert_close (fit.r2, 0, 1e-14);
  }

  /* Constant y: perfect fit, R² defined as 1. */
  {
    double c[4] = { 2, 2, 2, 2 }, xc[4] = { 0, 1, 2, 3 };
    g_assert_true (mlr_poly_fit (xc, c, 4, 1, &fit, NULL));
    assert_close (fit.r2, 1, 0);
    assert_close (fit.coef[1], 0, 1e-15);
    assert_close (mlr_poly_fit_score (&fit, xc, c, 4), 1, 0);
  }
}

static void
test_errors (void)
{
  const double x[] = { 1, 2, 2, 1, 2 };
  const double y[] = { 0, 1, 2, 3, 4 };
  const double bad[] = { 0, NAN, 1 };
  const double same[] = { 3, 3, 3 };
  MlrPolyFit fit;
  g_autoptr(GError) error = NULL;

  g_assert_false (mlr_poly_fit (x, y, 5, 2, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW);
  g_assert_cmpstr (error->message, ==,
                   "a degree-2 polynomial needs at least 3 distinct x values, got 2");
  g_clear_error (&error);
  g_assert_true (mlr_poly_fit (x, y, 5, 1, &fit, NULL));

  g_assert_false (mlr_linear_fit (same, y, 3, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW);
  g_clear_error (&error);
  g_assert_true (mlr_poly_fit (same, y, 3, 0, &fit, NULL));
  assert_close (mlr_poly_fit_predict (&fit, 100), 1, 1e-15);

  g_assert_false (mlr_linear_fit (bad, y, 3, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mlr_linear_fit (y, bad, 3, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mlr_poly_fit (x, y, 5, MLR_POLY_MAX_DEGREE + 1, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mlr_poly_fit (NULL, NULL, 0, 0, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW);
}

static void
test_max_degree (void)
{
  /* Degree 15 on Chebyshev-like points in [-1, 1]: still a well-posed fit. */
  double x[40], y[40];
  MlrPolyFit fit;

  for (int i = 0; i < 40; i++)
    {
      x[i] = cos (G_PI * (i + 0.5) / 40);
      y[i] = exp (x[i]);
    }
  g_assert_true (mlr_poly_fit (x, y, 40, MLR_POLY_MAX_DEGREE, &fit, NULL));
  for (double t = -1; t <= 1; t += 0.01)
    assert_close (mlr_poly_fit_predict (&fit, t), exp (t), 1e-12);
}

/* Ridge of degree 1: w = Sxy / (Sxx + α), b = ȳ − w x̄ (the intercept is not penalized). */
static void
test_ridge_line (void)
{
  double x[30], y[30], mx = 0, my = 0, sxy = 0, sxx = 0;
  const double alphas[] = { 0, 1e-6, 0.3, 7, 1e4, MLR_POLY_MAX_ALPHA };
  MlrRng rng;

  mlr_rng_init (&rng, 3);
  for (int i = 0; i < 30; i++)
    {
      x[i] = mlr_rng_range (&rng, -2, 5);
      y[i] = 1.5 * x[i] + 2 + mlr_rng_normal (&rng);
      mx += x[i] / 30;
      my += y[i] / 30;
    }
  for (int i = 0; i < 30; i++)
    {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    {
      MlrPolyFit fit;
      double w = sxy / (sxx + alphas[a]), b = my - w * mx;

      g_assert_true (mlr_poly_ridge_fit (x, y, 30, 1, alphas[a], &fit, NULL));
      g_assert_cmpfloat (fit.alpha, ==, alphas[a]);
      assert_close (fit.coef[1], w, 1e-13 * (1 + fabs (w)));
      assert_close (fit.coef[0], b, 1e-13 * (1 + fabs (b)));
      for (double t = -3; t <= 6; t += 0.5)
        assert_close (mlr_poly_fit_predict (&fit, t), b + w * t, 1e-12 * (1 + fabs (b + w * t)));
    }
}

/* Solves (XcᵀXc + αI) w = Xcᵀ(y − ȳ), b = ȳ − x̄ᵀw in long double: scikit-learn's Ridge. */
static void
ridge_normal_equations (const double *x,
                        const double *y,
                        int           n,
                        int           degree,
                        double        alpha,
                        long double  *coef)
{
  long double A[MLR_POLY_MAX_DEGREE][MLR_POLY_MAX_DEGREE + 1] = { { 0 } };
  long double mean[MLR_POLY_MAX_DEGREE + 1] = { 0 }, my = 0, w[MLR_POLY_MAX_DEGREE] = { 0 };

  for (int i = 0; i < n; i++)
    {
      long double p = 1;
      for (int k = 0; k < degree; k++)
        {
          p *= x[i];
          mean[k] += p / n;
        }
      my += (long double) y[i] / n;
    }
  for (int i = 0; i < n; i++)
    {
      long double pj = 1;
      for (int j = 0; j < degree; j++)
        {
          long double pk = 1;
          pj *= x[i];
          for (int k = 0; k < degree; k++)
            {
              pk *= x[i];
              A[j][k] += (pj - mean[j]) * (pk - mean[k]);
            }
          A[j][degree] += (pj - mean[j]) * (y[i] - my);
        }
    }
  for (int j = 0; j < degree; j++)
    A[j][j] += alpha;
  /* Gaussian elimination with partial pivoting */
  for (int c = 0; c < degree; c++)
    {
      int piv = c;
      for (int r = c + 1; r < degree; r++)
        if (fabsl (A[r][c]) > fabsl (A[piv][c]))
          piv = r;
      for (int k = 0; k <= degree; k++)
        {
          long double t = A[c][k];
          A[c][k] = A[piv][k];
          A[piv][k] = t;
        }
      for (int r = c + 1; r < degree; r++)
        {
          long double f = A[r][c] / A[c][c];
          for (int k = c; k <= degree; k++)
            A[r][k] -= f * A[c][k];
        }
    }
  for (int c = degree - 1; c >= 0; c--)
    {
      long double s = A[c][degree];
      for (int k = c + 1; k < degree; k++)
        s -= A[c][k] * w[k];
      w[c] = s / A[c][c];
    }
  coef[0] = my;
  for (int k = 0; k < degree; k++)
    {
      coef[k + 1] = w[k];
      coef[0] -= mean[k] * w[k];
    }
}

/* Low degrees on well-scaled x, where the normal equations in long double are accurate:
 * predictions agree to 1e-11 for many alphas. */
static void
test_ridge_normal_equations (void)
{
  double x[25], y[25];
  const double alphas[] = { 1e-9, 1e-4, 0.01, 1, 30, 1e5 };
  MlrRng rng;

  mlr_rng_init (&rng, 8);
  for (int i = 0; i < 25; i++)
    {
      x[i] = mlr_rng_range (&rng, -1, 1);
      y[i] = sin (3 * x[i]) + 0.2 * mlr_rng_normal (&rng);
    }
  for (int degree = 1; degree <= 4; degree++)
    for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
      {
        long double coef[MLR_POLY_MAX_DEGREE + 1];
        MlrPolyFit fit;

        ridge_normal_equations (x, y, 25, degree, alphas[a], coef);
        g_assert_true (mlr_poly_ridge_fit (x, y, 25, degree, alphas[a], &fit, NULL));
        for (double t = -1.2; t <= 1.2; t += 0.1)
          {
            long double want = 0;
            for (int k = degree; k >= 0; k--)
              want = want * t + coef[k];
            assert_close (mlr_poly_fit_predict (&fit, t), (double) want, 1e-11);
          }
      }
}

/* One design and one factorization for every degree give what separate fits give. */
static void
test_ridge_all_degrees (void)
{
  double x[40], y[40];
  const double alphas[] = { 0, 1e-10, 1e-3, 5 };
  g_autoptr(MlrPolyDesign) design = NULL;
  MlrRng rng;

  mlr_rng_init (&rng, 21);
  for (int i = 0; i < 40; i++)
    {
      x[i] = mlr_rng_uniform (&rng);
      y[i] = sin (2 * G_PI * x[i]) + 0.3 * mlr_rng_normal (&rng);
    }
  design = mlr_poly_design_new (x, 40, MLR_POLY_MAX_DEGREE, NULL);
  g_assert_nonnull (design);
  g_assert_cmpuint (mlr_poly_design_get_n (design), ==, 40);
  /* distinct x values are counted as far as a degree-15 fit asks: 16 */
  g_assert_cmpuint (mlr_poly_design_get_distinct (design), ==, 16);
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
      {
        g_autoptr(MlrPolySolver) solver = mlr_poly_solver_new (design, d, alphas[a], NULL);
        MlrPolyFit shared, alone;

        g_assert_nonnull (solver);
        mlr_poly_solver_fit (solver, y, &shared);
        g_assert_true (mlr_poly_ridge_fit (x, y, 40, d, alphas[a], &alone, NULL));
        /* the quick refit through the solver's map gives the same curve */
        {
          MlrPolyFit quick;
          mlr_poly_solver_fit_coefficients (solver, y, &quick);
          for (double t = 0; t <= 1; t += 0.05)
            assert_close (mlr_poly_fit_predict (&quick, t), mlr_poly_fit_predict (&shared, t),
                          1e-11 * (1 + fabs (mlr_poly_fit_predict (&shared, t))));
        }
        g_assert_cmpuint (shared.degree, ==, d);
        assert_close (shared.rmse, alone.rmse, 1e-10);
        for (double t = 0; t <= 1; t += 0.05)
          assert_close (mlr_poly_fit_predict (&shared, t), mlr_poly_fit_predict (&alone, t),
                        1e-9 * (1 + fabs (mlr_poly_fit_predict (&alone, t))));
      }
}

/* What least squares cannot decide, a penalty can: constant x, duplicates, n < degree + 1. */
static void
test_ridge_degenerate (void)
{
  const double same[] = { 2, 2, 2, 2 }, ys[] = { 1, 2, 4, 5 };
  const double dup[] = { 0, 0, 1, 1, 2, 2, 0, 1 }, yd[] = { 1, 1.2, 3, 2.8, 0, 0.4, 0.9, 3.1 };
  MlrPolyFit fit;
  g_autoptr(GError) error = NULL;

  /* constant x: the raw powers are constant, Ridge centres them away: the mean */
  g_assert_false (mlr_poly_ridge_fit (same, ys, 4, 3, 0, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW);
  g_clear_error (&error);
  g_assert_true (mlr_poly_ridge_fit (same, ys, 4, 3, 0.5, &fit, NULL));
  for (double t = -1; t <= 5; t += 0.25)
    assert_close (mlr_poly_fit_predict (&fit, t), 3, 1e-12);

  /* three distinct x, degree 5 */
  g_assert_false (mlr_poly_ridge_fit (dup, yd, 8, 5, 0, &fit, &error));
  g_assert_cmpstr (error->message, ==,
                   "a degree-5 polynomial needs at least 6 distinct x values, got 3");
  g_clear_error (&error);
  g_assert_true (mlr_poly_ridge_fit (dup, yd, 8, 5, 1e-3, &fit, NULL));
  for (double t = -0.5; t <= 2.5; t += 0.1)
    g_assert_true (isfinite (mlr_poly_fit_predict (&fit, t)));
  /* the penalty only bends what the data leave free: near the three means */
  assert_close (mlr_poly_fit_predict (&fit, 0), (1 + 1.2 + 0.9) / 3, 0.05);
  assert_close (mlr_poly_fit_predict (&fit, 1), (3 + 2.8 + 3.1) / 3, 0.05);
  /* a penalty below the rounding noise decides nothing: refused, not NaN */
  g_assert_false (mlr_poly_ridge_fit (same, ys, 4, 3, 1e-300, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_TOO_FEW);
  g_assert_nonnull (strstr (error->message, "raise alpha or lower the degree"));
  g_clear_error (&error);

  /* two points, degree 15 */
  g_assert_true (mlr_poly_ridge_fit (ys, ys, 2, 15, 0.1, &fit, NULL));
  for (double t = 0; t <= 3; t += 0.5)
    g_assert_true (isfinite (mlr_poly_fit_predict (&fit, t)));

  /* one point: the intercept alone */
  g_assert_true (mlr_poly_ridge_fit (ys, ys, 1, 4, 2, &fit, NULL));
  assert_close (mlr_poly_fit_predict (&fit, -7), 1, 1e-14);

  /* bad alphas */
  g_assert_false (mlr_poly_ridge_fit (dup, yd, 8, 2, -1, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mlr_poly_ridge_fit (dup, yd, 8, 2, NAN, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mlr_poly_ridge_fit (dup, yd, 8, 2, MLR_POLY_MAX_ALPHA * 10, &fit, &error));
  g_assert_error (error, MLR_REGRESSION_ERROR, MLR_REGRESSION_ERROR_INVALID);
}

/* Var[f̂(x)] / σ² equals Σᵢ hᵢ(x)², hᵢ(x) the prediction at x of the fit to the unit vector
 * eᵢ (the fit is linear in y); and a prediction far away overflows to ∞, never NaN. */
static void
test_ridge_variance (void)
{
  double x[12], e[12] = { 0 };
  const double alphas[] = { 0, 1e-4, 1 };
  g_autoptr(MlrPolyDesign) design = NULL;
  MlrRng rng;

  mlr_rng_init (&rng, 4);
  for (int i = 0; i < 12; i++)
    x[i] = mlr_rng_uniform (&rng);
  design = mlr_poly_design_new (x, 12, 6, NULL);
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    for (guint d = 0; d <= 6; d++)
      {
        g_autoptr(MlrPolySolver) solver = mlr_poly_solver_new (design, d, alphas[a], NULL);
        g_assert_nonnull (solver);
        for (double t = -0.2; t <= 1.2; t += 0.1)
          {
            double sum = 0;
            for (int i = 0; i < 12; i++)
              {
                MlrPolyFit fit;
                e[i] = 1;
                mlr_poly_solver_fit (solver, e, &fit);
                e[i] = 0;
                sum += mlr_poly_fit_predict (&fit, t) * mlr_poly_fit_predict (&fit, t);
              }
            assert_close (mlr_poly_solver_variance (solver, t), sum, 1e-10 * (1 + sum));
          }
      }

  {
    double y[12];
    MlrPolyFit fit;
    for (int i = 0; i < 12; i++)
      y[i] = mlr_rng_normal (&rng);
    g_assert_true (mlr_poly_ridge_fit (x, y, 12, 11, 0, &fit, NULL));
    {
      double far[1] = { 1e120 }, yy[1] = { 0 };
      g_assert_true (isinf (mlr_poly_fit_predict (&fit, far[0])));
      g_assert_true (isinf (mlr_poly_fit_rmse (&fit, far, yy, 1)));
      g_assert_cmpfloat (mlr_poly_fit_score (&fit, far, yy, 1), ==, -1e300);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/regression/exact-cubic", test_exact_cubic);
  g_test_add_func ("/ml/regression/line", test_line);
  g_test_add_func ("/ml/regression/far-from-origin", test_far_from_origin);
  g_test_add_func ("/ml/regression/interpolation-and-score", test_interpolation_and_score);
  g_test_add_func ("/ml/regression/errors", test_errors);
  g_test_add_func ("/ml/regression/max-degree", test_max_degree);
  g_test_add_func ("/ml/regression/ridge-line", test_ridge_line);
  g_test_add_func ("/ml/regression/ridge-normal-equations", test_ridge_normal_equations);
  g_test_add_func ("/ml/regression/ridge-all-degrees", test_ridge_all_degrees);
  g_test_add_func ("/ml/regression/ridge-degenerate", test_ridge_degenerate);
  g_test_add_func ("/ml/regression/ridge-variance", test_ridge_variance);
  return g_test_run ();
}
