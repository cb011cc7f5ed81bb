/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Least-squares line and polynomial fits: exact recovery of noiseless polynomials, the
 * closed-form line, stability far from the origin, R², and the errors.
 */
#include <glib.h>
#include <math.h>

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
  return g_test_run ();
}
