/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Surfaces, 1-D curves, optimizers and the descent runner: analytic derivatives against
 * central differences, hand-worked optimizer steps, divergence handling.
 */
#include <glib.h>
#include <math.h>

#include "ml/mlr-curve.h"
#include "ml/mlr-descent.h"
#include "ml/mlr-optimizer.h"
#include "ml/mlr-rng.h"
#include "ml/mlr-surface.h"

/* |a - b| <= tol, printing both values on failure (tol may be 0 for exact results). */
#define assert_close(a, b, tol)                                                   \
  G_STMT_START {                                                                  \
    double a_ = (a), b_ = (b), t_ = (tol);                                        \
    if (!(fabs (a_ - b_) <= t_))                                                  \
      g_error ("%s:%d: %s = %.17g, expected %s = %.17g (tolerance %g)",           \
               __FILE__, __LINE__, #a, a_, #b, b_, t_);                           \
  } G_STMT_END

/* Central differences with a step scaled to the coordinate; the tolerance covers the
 * O(h²) truncation and the rounding of f/h. */
static void
test_surface_gradients (void)
{
  MlrRng rng;

  mlr_rng_init (&rng, 2024);
  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (s);

      for (guint k = 0; k < 400; k++)
        {
          double x = mlr_rng_range (&rng, info->view.x_min, info->view.x_max);
          double y = mlr_rng_range (&rng, info->view.y_min, info->view.y_max);
          double hx = 1e-6 * MAX (1.0, fabs (x));
          double hy = 1e-6 * MAX (1.0, fabs (y));
          MlrVec2 g;
          double f = mlr_surface_eval_grad (s, x, y, &g);
          double fdx = (mlr_surface_eval (s, x + hx, y) -
                        mlr_surface_eval (s, x - hx, y)) / (2 * hx);
          double fdy = (mlr_surface_eval (s, x, y + hy) -
                        mlr_surface_eval (s, x, y - hy)) / (2 * hy);
          double tol_x = 1e-6 * (1 + fabs (g.x)) + 1e-9 * fabs (f) / hx;
          double tol_y = 1e-6 * (1 + fabs (g.y)) + 1e-9 * fabs (f) / hy;

          g_assert_cmpfloat (f, ==, mlr_surface_eval (s, x, y));
          if (fabs (fdx - g.x) > tol_x || fabs (fdy - g.y) > tol_y)
            g_error ("%s at (%g, %g): analytic (%.12g, %.12g), numeric (%.12g, %.12g)",
                     info->name, x, y, g.x, g.y, fdx, fdy);
        }
    }
}

static void
test_surface_minima (void)
{
  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (s);
      const MlrViewRect *v = &info->view;

      g_assert_cmpfloat (v->x_min, <, v->x_max);
      g_assert_cmpfloat (v->y_min, <, v->y_max);
      g_assert_cmpfloat (info->start.x, >=, v->x_min);
      g_assert_cmpfloat (info->start.x, <=, v->x_max);
      g_assert_cmpfloat (info->start.y, >=, v->y_min);
      g_assert_cmpfloat (info->start.y, <=, v->y_max);
      g_assert_cmpfloat (info->suggested_lr, >, 0);

      for (guint i = 0; i < info->n_minima; i++)
        {
          MlrVec2 m = info->minima[i], g;
          double f = mlr_surface_eval_grad (s, m.x, m.y, &g);

          g_assert_cmpfloat (fabs (g.x), <, 1e-12);
          g_assert_cmpfloat (fabs (g.y), <, 1e-12);
          assert_close (f, info->min_value, 1e-20);
          g_assert_cmpfloat (m.x, >=, v->x_min);
          g_assert_cmpfloat (m.x, <=, v->x_max);
          g_assert_cmpfloat (m.y, >=, v->y_min);
          g_assert_cmpfloat (m.y, <=, v->y_max);
          /* A minimum: nothing lower nearby. */
          for (double a = 0; a < 2 * G_PI; a += G_PI / 8)
            g_assert_cmpfloat (mlr_surface_eval (s, m.x + 1e-3 * cos (a), m.y + 1e-3 * sin (a)),
                               >, f);
        }
      for (guint i = 0; i < info->n_saddles; i++)
        {
          MlrVec2 g;
          mlr_surface_eval_grad (s, info->saddles[i].x, info->saddles[i].y, &g);
          g_assert_cmpfloat (g.x, ==, 0);
          g_assert_cmpfloat (g.y, ==, 0);
        }
    }
  g_assert_cmpuint (mlr_surface_get_info (MLR_SURFACE_HIMMELBLAU)->n_minima, ==, 4);
  g_assert_cmpuint (mlr_surface_get_info (MLR_SURFACE_SADDLE)->n_minima, ==, 0);
  g_assert_cmpuint (mlr_surface_get_info (MLR_SURFACE_SADDLE)->n_saddles, ==, 1);
}

static void
test_surface_known_values (void)
{
  MlrVec2 g;

  assert_close (mlr_surface_eval (MLR_SURFACE_BOWL, 2, 1), 0.5 * (4 + 10), 1e-15);
  assert_close (mlr_surface_eval (MLR_SURFACE_ROSENBROCK, 0, 0), 1, 1e-15);
  assert_close (mlr_surface_eval (MLR_SURFACE_HIMMELBLAU, 0, 0), 121 + 49, 1e-12);
  assert_close (mlr_surface_eval (MLR_SURFACE_BOOTH, 0, 0), 49 + 25, 1e-12);
  assert_close (mlr_surface_eval (MLR_SURFACE_BEALE, 0, 0), 1.5 * 1.5 + 2.25 * 2.25 + 2.625 * 2.625,
                1e-12);
  assert_close (mlr_surface_eval (MLR_SURFACE_SADDLE, 1, 2), -3, 1e-15);
  mlr_surface_eval_grad (MLR_SURFACE_ROSENBROCK, 0, 0, &g);
  assert_close (g.x, -2, 1e-15);
  assert_close (g.y, 0, 1e-15);
}

static void
test_surface_grid (void)
{
  const guint w = 40, h = 30;
  g_autofree double *values = g_new (double, w * h);

  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (s);
      const MlrViewRect *v = &info->view;
      double lo, hi, want_lo = INFINITY, want_hi = -INFINITY;

      mlr_surface_eval_grid (s, v, w, h, values, &lo, &hi);
      for (guint j = 0; j < h; j++)
        for (guint i = 0; i < w; i++)
          {
            double x = v->x_min + (i + 0.5) * (v->x_max - v->x_min) / w;
            double y = v->y_max - (j + 0.5) * (v->y_max - v->y_min) / h;
            double f = mlr_surface_eval (s, x, y);

            assert_close (values[j * w + i], f, 1e-12 * MAX (1, fabs (f)));
            want_lo = MIN (want_lo, values[j * w + i]);
            want_hi = MAX (want_hi, values[j * w + i]);
          }
      g_assert_cmpfloat (lo, ==, want_lo);
      g_assert_cmpfloat (hi, ==, want_hi);
    }

  /* Row 0 is the top of the view: on a 2 x 2 grid over [-1, 1] x [0, 2] the saddle's
   * top-left sample is (-0.5, 1.5) and its bottom-right sample (0.5, 0.5). */
  {
    MlrViewRect v = { -1, 1, 0, 2 };
    double grid[4];

    mlr_surface_eval_grid (MLR_SURFACE_SADDLE, &v, 2, 2, grid, NULL, NULL);
    assert_close (grid[0], 0.25 - 2.25, 1e-15);
    assert_close (grid[1], 0.25 - 2.25, 1e-15);
    assert_close (grid[2], 0.25 - 0.25, 1e-15);
    assert_close (grid[3], 0.25 - 0.25, 1e-15);
  }
}

static void
test_surface_lookup (void)
{
  g_autoptr(GError) error = NULL;
  MlrSurfaceId id;

  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      g_assert_true (mlr_surface_lookup (mlr_surface_names ()[s], &id, NULL));
      g_assert_cmpint (id, ==, s);
      g_assert_cmpstr (mlr_surface_get_info (s)->name, ==, mlr_surface_names ()[s]);
    }
  g_assert_true (mlr_surface_lookup ("Rosenbrock", &id, NULL));
  g_assert_cmpint (id, ==, MLR_SURFACE_ROSENBROCK);
  g_assert_false (mlr_surface_lookup ("sphere", &id, &error));
  g_assert_error (error, MLR_SURFACE_ERROR, MLR_SURFACE_ERROR_UNKNOWN);
  g_assert_cmpstr (error->message, ==, "unknown surface “sphere” (surfaces: bowl, rosenbrock, "
                   "himmelblau, booth, beale, saddle)");
}

/* ---- optimizers, worked by hand on the bowl f = ½(x² + 10y²), ∇f = (x, 10y) ---- */

static MlrDescent *
bowl_run (MlrOptimizerKind kind,
          double           lr)
{
  MlrOptimizerConfig config;
  MlrVec2 start = { 1, 1 };

  mlr_optimizer_config_init (&config, kind);
  config.lr = lr;
  return mlr_descent_new_surface (MLR_SURFACE_BOWL, &config, &start);
}

static void
assert_position (MlrDescent *run,
                 double      x,
                 double      y)
{
  MlrVec2 p = mlr_descent_get_position (run);

  assert_close (p.x, x, 1e-14);
  assert_close (p.y, y, 1e-14);
  assert_close (mlr_descent_get_loss (run), 0.5 * (x * x + 10 * y * y), 1e-13);
}

static void
test_gd_steps (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_GD, 0.1);

  /* x -= 0.1 (x, 10 y): x shrinks by 0.9, y lands on 0 at once. */
  g_assert_true (mlr_descent_step (run));
  assert_position (run, 0.9, 0);
  g_assert_true (mlr_descent_step (run));
  assert_position (run, 0.81, 0);
  g_assert_true (mlr_descent_step (run));
  assert_position (run, 0.729, 0);
  g_assert_cmpuint (mlr_descent_get_step (run), ==, 3);
}

static void
test_gd_zigzag (void)
{
  const MlrSurfaceInfo *info = mlr_surface_get_info (MLR_SURFACE_BOWL);
  MlrOptimizerConfig config;
  g_autoptr(MlrDescent) run = NULL;
  const MlrVec2 *path;
  guint n;

  /* At the suggested lr plain GD overshoots across the narrow axis every step. */
  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_GD);
  config.lr = info->suggested_lr;
  run = mlr_descent_new_surface (MLR_SURFACE_BOWL, &config, NULL);
  mlr_descent_run (run, 10);
  path = mlr_descent_get_path (run, &n);
  g_assert_cmpuint (n, ==, 11);
  for (guint i = 1; i < n; i++)
    {
      g_assert_cmpfloat (path[i].y * path[i - 1].y, <, 0);      /* y flips sign */
      g_assert_cmpfloat (fabs (path[i].x), <, fabs (path[i - 1].x));
    }
}

static void
test_momentum_steps (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_MOMENTUM, 0.1);

  /* v1 = g = (1, 10);                  x1 = (1, 1) - 0.1 (1, 10)      = (0.9, 0)
   * v2 = 0.9 (1, 10) + (0.9, 0) = (1.8, 9);   x2 = (0.9, 0) - (0.18, 0.9) = (0.72, -0.9)
   * v3 = 0.9 (1.8, 9) + (0.72, -9) = (2.34, -0.9); x3 = (0.72 - 0.234, -0.9 + 0.09) */
  mlr_descent_step (run);
  assert_position (run, 0.9, 0);
  mlr_descent_step (run);
  assert_position (run, 0.72, -0.9);
  mlr_descent_step (run);
  assert_position (run, 0.486, -0.81);
  assert_close (mlr_descent_get_state (run)->v[0], 2.34, 1e-14);
  assert_close (mlr_descent_get_state (run)->v[1], -0.9, 1e-14);
}

static void
test_nesterov_steps (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_NESTEROV, 0.1);

  /* v1 = (1, 10);           x1 = (1, 1) - 0.1 ((1, 10) + 0.9 (1, 10))   = (0.81, -0.9)
   * g2 = (0.81, -9); v2 = (0.9 + 0.81, 9 - 9) = (1.71, 0);
   *                         x2 = (0.81, -0.9) - 0.1 ((0.81, -9) + 0.9 (1.71, 0))
   *                            = (0.81 - 0.2349, 0)                      = (0.5751, 0)
   * g3 = (0.5751, 0); v3 = (0.9 * 1.71 + 0.5751, 0) = (2.1141, 0);
   *                         x3 = 0.5751 - 0.1 (0.5751 + 0.9 * 2.1141)    = 0.327321 */
  mlr_descent_step (run);
  assert_position (run, 0.81, -0.9);
  mlr_descent_step (run);
  assert_position (run, 0.5751, 0);
  mlr_descent_step (run);
  assert_position (run, 0.327321, 0);
}

static void
test_rmsprop_steps (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_RMSPROP, 0.01);
  double x = 1, y = 1, sx = 0, sy = 0;

  /* s = 0.99 s + 0.01 g²; x -= 0.01 g / (√s + 1e-8), written out step by step. */
  for (int t = 1; t <= 3; t++)
    {
      double gx = x, gy = 10 * y;
      sx = 0.99 * sx + 0.01 * gx * gx;
      sy = 0.99 * sy + 0.01 * gy * gy;
      x -= 0.01 * gx / (sqrt (sx) + 1e-8);
      y -= 0.01 * gy / (sqrt (sy) + 1e-8);
      mlr_descent_step (run);
      assert_position (run, x, y);
    }
  /* First step: s = 0.01 g², so the step is lr g / (0.1 |g|) = 10 lr per coordinate. */
  {
    g_autoptr(MlrDescent) r2 = bowl_run (MLR_OPTIMIZER_RMSPROP, 0.01);
    mlr_descent_step (r2);
    assert_close (mlr_descent_get_position (r2).x, 1 - 0.1, 1e-7);
    assert_close (mlr_descent_get_position (r2).y, 1 - 0.1, 1e-7);
  }
}

static void
test_adam_first_step (void)
{
  MlrOptimizerConfig config;
  MlrOptimizerState state;
  double x[2] = { 1, -2 };
  const double g[2] = { 3, -0.5 };

  /* m1 = 0.1 g, s1 = 0.001 g²; the bias corrections undo the 0.1 and 0.001, so
   * x1 = x0 - lr g / (|g| + eps): a step of lr against the sign of each coordinate. */
  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_ADAM);
  config.lr = 0.1;
  mlr_optimizer_state_init (&state);
  mlr_optimizer_step (&config, &state, 2, x, g);
  g_assert_cmpuint (state.t, ==, 1);
  assert_close (state.m[0], 0.3, 1e-15);
  assert_close (state.s[0], 0.009, 1e-15);
  assert_close (x[0], 1 - 0.1 * 3 / (3 + 1e-8), 1e-15);
  assert_close (x[1], -2 + 0.1 * 0.5 / (0.5 + 1e-8), 1e-15);
  assert_close (x[0], 0.9, 1e-8);
  assert_close (x[1], -1.9, 1e-8);
}

static void
test_adam_steps (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_ADAM, 0.01);
  double x = 1, y = 1, mx = 0, my = 0, sx = 0, sy = 0;

  for (int t = 1; t <= 3; t++)
    {
      double gx = x, gy = 10 * y;
      double b1 = 1 - pow (0.9, t), b2 = 1 - pow (0.999, t);
      mx = 0.9 * mx + 0.1 * gx;
      my = 0.9 * my + 0.1 * gy;
      sx = 0.999 * sx + 0.001 * gx * gx;
      sy = 0.999 * sy + 0.001 * gy * gy;
      x -= 0.01 * (mx / b1) / (sqrt (sx / b2) + 1e-8);
      y -= 0.01 * (my / b1) / (sqrt (sy / b2) + 1e-8);
      mlr_descent_step (run);
      assert_position (run, x, y);
    }
  g_assert_cmpuint (mlr_descent_get_state (run)->t, ==, 3);
}

static void
test_adagrad_steps (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_ADAGRAD, 0.5);
  double x = 1, y = 1, sx = 0, sy = 0;

  g_assert_cmpfloat (mlr_descent_get_config (run)->eps, ==, 1e-10);
  for (int t = 1; t <= 3; t++)
    {
      double gx = x, gy = 10 * y;
      sx += gx * gx;
      sy += gy * gy;
      x -= 0.5 * gx / (sqrt (sx) + 1e-10);
      y -= 0.5 * gy / (sqrt (sy) + 1e-10);
      mlr_descent_step (run);
      assert_position (run, x, y);
    }
  /* By hand: step 1 moves each coordinate by lr = 0.5: (0.5, 0.5); step 2: g = (0.5, 5),
   * sum = (1.25, 125), x = 0.5 - 0.5 * 0.5 / √1.25 */
  {
    g_autoptr(MlrDescent) r2 = bowl_run (MLR_OPTIMIZER_ADAGRAD, 0.5);
    mlr_descent_step (r2);
    assert_close (mlr_descent_get_position (r2).x, 0.5, 1e-9);
    assert_close (mlr_descent_get_position (r2).y, 0.5, 1e-9);
    mlr_descent_step (r2);
    assert_close (mlr_descent_get_position (r2).x, 0.5 - 0.25 / sqrt (1.25), 1e-9);
    assert_close (mlr_descent_get_position (r2).y, 0.5 - 2.5 / sqrt (125), 1e-9);
  }
}

static void
test_all_converge_on_booth (void)
{
  /* Every optimizer at a reasonable lr reaches Booth's minimum (1, 3). */
  static const double lr[MLR_N_OPTIMIZERS] = { 0.05, 0.01, 0.01, 0.05, 0.1, 1.0 };

  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    {
      MlrOptimizerConfig config;
      g_autoptr(MlrDescent) run = NULL;
      MlrVec2 p;

      mlr_optimizer_config_init (&config, k);
      config.lr = lr[k];
      run = mlr_descent_new_surface (MLR_SURFACE_BOOTH, &config, NULL);
      g_assert_cmpuint (mlr_descent_run (run, 3000), ==, 3000);
      p = mlr_descent_get_position (run);
      if (fabs (p.x - 1) > 1e-3 || fabs (p.y - 3) > 1e-3)
        g_error ("%s ended at (%g, %g)", mlr_optimizer_kind_to_string (k), p.x, p.y);
    }
}

static void
check_all_finite (MlrDescent *run)
{
  guint n, n2;
  const MlrVec2 *path = mlr_descent_get_path (run, &n);
  const double *losses = mlr_descent_get_losses (run, &n2);
  MlrVec2 g = mlr_descent_get_gradient (run);

  g_assert_cmpuint (n, ==, n2);
  g_assert_cmpuint (n, ==, mlr_descent_get_step (run) + 1);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (isfinite (path[i].x) && isfinite (path[i].y) && isfinite (losses[i]));
      g_assert_cmpfloat (fabs (path[i].x), <=, MLR_DESCENT_MAX_COORD);
      g_assert_cmpfloat (fabs (path[i].y), <=, MLR_DESCENT_MAX_COORD);
    }
  g_assert_true (isfinite (g.x) && isfinite (g.y));
  g_assert_true (isfinite (mlr_descent_get_loss (run)));
}

static void
test_divergence (void)
{
  MlrOptimizerConfig config;
  g_autoptr(MlrDescent) run = NULL;
  guint at = 0, taken;

  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_GD);
  config.lr = 10;
  run = mlr_descent_new_surface (MLR_SURFACE_ROSENBROCK, &config, NULL);
  taken = mlr_descent_run (run, 1000);
  g_assert_cmpuint (taken, <, 1000);
  g_assert_true (mlr_descent_is_diverged (run, &at));
  g_assert_cmpuint (at, ==, taken + 1);
  g_assert_cmpuint (mlr_descent_get_step (run), ==, taken);
  check_all_finite (run);
  /* Once diverged, stepping does nothing. */
  g_assert_false (mlr_descent_step (run));
  g_assert_cmpuint (mlr_descent_get_step (run), ==, taken);

  /* Every optimizer, every surface, absurd learning rate: finite history throughout. */
  for (guint s = 0; s < MLR_N_SURFACES; s++)
    for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
      {
        g_autoptr(MlrDescent) r = NULL;

        mlr_optimizer_config_init (&config, k);
        config.lr = 1e6;
        r = mlr_descent_new_surface (s, &config, NULL);
        mlr_descent_run (r, 500);
        check_all_finite (r);
      }
}

static void
test_divergence_step_number (void)
{
  /* gd on the saddle: y grows by (1 + 2 lr) per step, x shrinks; the run must stop at the
   * first step where |y| would exceed 1e8. */
  MlrOptimizerConfig config;
  MlrVec2 start = { 1, 0.05 };
  g_autoptr(MlrDescent) run = NULL;
  guint expected = 0, at = 0;
  double y = 0.05;

  while (fabs (y) <= MLR_DESCENT_MAX_COORD)
    {
      y -= 0.1 * (-2 * y);
      expected++;
    }
  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_GD);
  config.lr = 0.1;
  run = mlr_descent_new_surface (MLR_SURFACE_SADDLE, &config, &start);
  mlr_descent_run (run, 100000);
  g_assert_true (mlr_descent_is_diverged (run, &at));
  g_assert_cmpuint (at, ==, expected);
  g_assert_cmpuint (mlr_descent_get_step (run), ==, expected - 1);
  check_all_finite (run);
}

static void
test_runner_reset (void)
{
  g_autoptr(MlrDescent) run = bowl_run (MLR_OPTIMIZER_MOMENTUM, 0.1);
  MlrOptimizerConfig config;
  const MlrVec2 *path;
  const double *losses;
  MlrVec2 start = { 2, -1 };
  guint n;

  g_assert_cmpuint (mlr_descent_get_dim (run), ==, 2);
  g_assert_cmpuint (mlr_descent_run (run, 50), ==, 50);
  path = mlr_descent_get_path (run, &n);
  losses = mlr_descent_get_losses (run, NULL);
  g_assert_cmpuint (n, ==, 51);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (losses[i], ==, mlr_surface_eval (MLR_SURFACE_BOWL, path[i].x, path[i].y));

  mlr_descent_reset (run);
  g_assert_cmpuint (mlr_descent_get_step (run), ==, 0);
  g_assert_cmpuint (mlr_descent_get_state (run)->t, ==, 0);
  g_assert_cmpfloat (mlr_descent_get_state (run)->v[0], ==, 0);
  path = mlr_descent_get_path (run, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (path[0].x, ==, 1);
  g_assert_cmpfloat (path[0].y, ==, 1);
  /* Same steps again after the reset. */
  mlr_descent_step (run);
  assert_position (run, 0.9, 0);

  mlr_descent_set_start (run, &start);
  g_assert_cmpuint (mlr_descent_get_step (run), ==, 0);
  g_assert_cmpfloat (mlr_descent_get_position (run).x, ==, 2);

  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_GD);
  config.lr = 0.1;
  mlr_descent_step (run);
  mlr_descent_set_config (run, &config);
  g_assert_cmpuint (mlr_descent_get_step (run), ==, 0);
  g_assert_cmpint (mlr_descent_get_config (run)->kind, ==, MLR_OPTIMIZER_GD);
  mlr_descent_step (run);
  assert_position (run, 1.8, 0);

  /* NULL or non-finite start: the surface's default; huge: clamped. */
  start = (MlrVec2) { NAN, 1 };
  mlr_descent_set_start (run, &start);
  g_assert_cmpfloat (mlr_descent_get_position (run).x, ==,
                     mlr_surface_get_info (MLR_SURFACE_BOWL)->start.x);
  start = (MlrVec2) { 1e300, -1e300 };
  mlr_descent_set_start (run, &start);
  g_assert_cmpfloat (mlr_descent_get_position (run).x, ==, MLR_DESCENT_MAX_COORD);
  g_assert_cmpfloat (mlr_descent_get_position (run).y, ==, -MLR_DESCENT_MAX_COORD);
  check_all_finite (run);
}

static void
test_descend_params (void)
{
  guint n;
  const MlrParamSpec *specs, *cli;
  g_autoptr(MlrParams) demo = NULL;
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(GError) error = NULL;
  MlrOptimizerConfig config;
  static const char * const keys[] = { "lr", "momentum", "beta1", "beta2", "eps", "alpha" };

  specs = mlr_descend_param_specs (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (mlr_param_spec_lookup (specs, n, keys[i]));
  demo = mlr_params_new (specs, n);
  g_assert_true (mlr_params_set (demo, "lr", "1e-5", NULL));
  g_assert_true (mlr_params_set (demo, "lr", "10", NULL));
  g_assert_false (mlr_params_set (demo, "lr", "11", &error));
  g_assert_cmpstr (error->message, ==, "lr: 11 is out of range (allowed: 1e-05 to 10)");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (demo, "lr", "-0.1", NULL));
  g_assert_false (mlr_params_set (demo, "lr", "nan", NULL));
  g_assert_false (mlr_params_set (demo, "beta2", "1", NULL));
  g_assert_false (mlr_params_set (demo, "eps", "0", NULL));
  g_assert_false (mlr_params_set (demo, "momentum", "-0.5", NULL));

  cli = mlr_descend_cli_param_specs (&n);
  params = mlr_params_new (cli, n);
  g_assert_true (mlr_params_set (params, "lr", "1e6", NULL));
  g_assert_false (mlr_params_set (params, "lr", "1e7", NULL));
  g_assert_false (mlr_params_set (params, "lr", "-1", &error));
  g_assert_cmpstr (error->message, ==, "lr: -1 is out of range (allowed: 0 to 1e+06)");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "lr", "NaN", NULL));
  g_assert_false (mlr_params_set (params, "lr", "inf", NULL));

  /* Defaults, eps per optimizer, explicit values win. */
  mlr_optimizer_config_from_params (&config, MLR_OPTIMIZER_ADAGRAD, NULL);
  g_assert_cmpfloat (config.eps, ==, 1e-10);
  g_assert_cmpfloat (config.lr, ==, 0.01);
  mlr_optimizer_config_from_params (&config, MLR_OPTIMIZER_ADAM, params);
  g_assert_cmpfloat (config.lr, ==, 1e6);
  g_assert_cmpfloat (config.eps, ==, 1e-8);
  g_assert_cmpfloat (config.beta1, ==, 0.9);
  g_assert_cmpfloat (config.beta2, ==, 0.999);
  g_assert_cmpfloat (config.momentum, ==, 0.9);
  g_assert_cmpfloat (config.alpha, ==, 0.99);
  g_assert_true (mlr_params_set (params, "eps", "1e-6", NULL));
  mlr_optimizer_config_from_params (&config, MLR_OPTIMIZER_ADAGRAD, params);
  g_assert_cmpfloat (config.eps, ==, 1e-6);

  g_assert_true (mlr_optimizer_uses_param (MLR_OPTIMIZER_ADAM, "beta1"));
  g_assert_false (mlr_optimizer_uses_param (MLR_OPTIMIZER_GD, "beta1"));
  g_assert_true (mlr_optimizer_uses_param (MLR_OPTIMIZER_NESTEROV, "momentum"));
  g_assert_true (mlr_optimizer_uses_param (MLR_OPTIMIZER_RMSPROP, "alpha"));
}

static void
test_optimizer_names (void)
{
  g_autoptr(GError) error = NULL;
  MlrOptimizerKind kind;

  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    {
      g_assert_true (mlr_optimizer_kind_from_string (mlr_optimizer_kind_to_string (k), &kind,
                                                     NULL));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (mlr_optimizer_kind_from_string ("sgd", &kind, &error));
  g_assert_error (error, MLR_OPTIMIZER_ERROR, MLR_OPTIMIZER_ERROR_UNKNOWN);
  g_assert_cmpstr (error->message, ==, "unknown optimizer “sgd” (optimizers: gd, momentum, "
                   "nesterov, rmsprop, adam, adagrad)");
}

/* ---- 1-D curves ---- */

static void
test_curve_derivatives (void)
{
  for (guint c = 0; c < MLR_N_CURVES; c++)
    {
      const MlrCurveInfo *info = mlr_curve_get_info (c);

      for (guint k = 0; k <= 200; k++)
        {
          double x = info->x_min + (info->x_max - info->x_min) * k / 200.0;
          double h = 1e-6, df;
          double f = mlr_curve_eval (c, x, &df);
          double fd = (mlr_curve_eval (c, x + h, NULL) - mlr_curve_eval (c, x - h, NULL)) / (2 * h);

          g_assert_cmpfloat (f, ==, mlr_curve_eval (c, x, NULL));
          assert_close (df, fd, 1e-6 * (1 + fabs (df)));
        }
    }
  assert_close (mlr_curve_eval (MLR_CURVE_DOUBLE_WELL, 2, NULL), 16 - 12 + 2, 1e-15);
  assert_close (mlr_curve_eval (MLR_CURVE_WAVY, 1, NULL), 0.1 + sin (2), 1e-15);
}

static void
test_curve_minima (void)
{
  for (guint c = 0; c < MLR_N_CURVES; c++)
    {
      const MlrCurveInfo *info = mlr_curve_get_info (c);
      guint n_global = 0;

      g_assert_cmpfloat (info->start, >=, info->x_min);
      g_assert_cmpfloat (info->start, <=, info->x_max);
      for (guint i = 0; i < info->n_minima; i++)
        {
          double df, f = mlr_curve_eval (c, info->minima[i].x, &df);

          g_assert_cmpfloat (fabs (df), <, 1e-12);
          assert_close (f, info->minima[i].value, 1e-14);
          g_assert_cmpfloat (mlr_curve_eval (c, info->minima[i].x - 1e-3, NULL), >, f);
          g_assert_cmpfloat (mlr_curve_eval (c, info->minima[i].x + 1e-3, NULL), >, f);
          n_global += info->minima[i].global;
        }
      g_assert_cmpuint (n_global, ==, 1);

      /* The view's vertical range covers the curve. */
      for (guint k = 0; k <= 100; k++)
        {
          double f = mlr_curve_eval (c, info->x_min + (info->x_max - info->x_min) * k / 100.0,
                                     NULL);
          g_assert_cmpfloat (f, >=, info->y_min);
          g_assert_cmpfloat (f, <=, info->y_max);
        }
    }
}

static void
test_curve_tangent (void)
{
  double slope, intercept, values[5];

  /* x² at 3: slope 6, y = 6x - 9 */
  mlr_curve_tangent (MLR_CURVE_PARABOLA, 3, &slope, &intercept);
  assert_close (slope, 6, 1e-15);
  assert_close (intercept, -9, 1e-15);
  /* The tangent touches the curve at x0 and (convexity) lies below it elsewhere. */
  for (guint c = 0; c < MLR_N_CURVES; c++)
    {
      double x0 = 0.7;
      mlr_curve_tangent (c, x0, &slope, &intercept);
      assert_close (slope * x0 + intercept, mlr_curve_eval (c, x0, NULL), 1e-14);
    }
  mlr_curve_sample (MLR_CURVE_PARABOLA, -2, 2, 5, values);
  assert_close (values[0], 4, 1e-15);
  assert_close (values[1], 1, 1e-15);
  assert_close (values[2], 0, 1e-15);
  assert_close (values[4], 4, 1e-15);
}

static void
test_curve_descent (void)
{
  MlrOptimizerConfig config;
  g_autoptr(MlrDescent) run = NULL;
  g_autoptr(MlrDescent) left = NULL;
  g_autoptr(MlrDescent) right = NULL;
  const MlrCurveInfo *dw = mlr_curve_get_info (MLR_CURVE_DOUBLE_WELL);
  double x = 1;

  /* gd on x² with lr 0.1: x ← x - 0.2 x = 0.8 x */
  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_GD);
  config.lr = 0.1;
  run = mlr_descent_new_curve (MLR_CURVE_PARABOLA, &config, 1);
  g_assert_cmpuint (mlr_descent_get_dim (run), ==, 1);
  for (int i = 0; i < 5; i++)
    {
      x *= 0.8;
      mlr_descent_step (run);
      assert_close (mlr_descent_get_position (run).x, x, 1e-15);
      g_assert_cmpfloat (mlr_descent_get_position (run).y, ==, 0);
      assert_close (mlr_descent_get_loss (run), x * x, 1e-15);
      assert_close (mlr_descent_get_gradient (run).x, 2 * x, 1e-15);
    }

  /* The double well: from the right, gd settles in the local minimum; from the left, in
   * the global one. */
  config.lr = dw->suggested_lr;
  right = mlr_descent_new_curve (MLR_CURVE_DOUBLE_WELL, &config, dw->start);
  mlr_descent_run (right, 2000);
  assert_close (mlr_descent_get_position (right).x, dw->minima[1].x, 1e-9);
  g_assert_false (dw->minima[1].global);
  left = mlr_descent_new_curve (MLR_CURVE_DOUBLE_WELL, &config, -2);
  mlr_descent_run (left, 2000);
  assert_close (mlr_descent_get_position (left).x, dw->minima[0].x, 1e-9);

  /* Momentum carries it over the hump from the same start. */
  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_MOMENTUM);
  config.lr = 0.01;
  mlr_descent_set_config (right, &config);
  mlr_descent_run (right, 3000);
  assert_close (mlr_descent_get_position (right).x, dw->minima[0].x, 1e-6);

  /* Divergence on a curve too. */
  mlr_optimizer_config_init (&config, MLR_OPTIMIZER_GD);
  config.lr = 10;
  mlr_descent_set_config (run, &config);
  mlr_descent_run (run, 100);
  g_assert_true (mlr_descent_is_diverged (run, NULL));
  check_all_finite (run);
}

static void
test_curve_lookup (void)
{
  g_autoptr(GError) error = NULL;
  MlrCurveId id;

  g_assert_true (mlr_curve_lookup ("double-well", &id, NULL));
  g_assert_cmpint (id, ==, MLR_CURVE_DOUBLE_WELL);
  g_assert_false (mlr_curve_lookup ("cubic", &id, &error));
  g_assert_cmpstr (error->message, ==, "unknown curve “cubic” (curves: parabola, double-well, "
                   "wavy)");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/surface/gradient-vs-finite-differences", test_surface_gradients);
  g_test_add_func ("/ml/surface/minima-have-zero-gradient", test_surface_minima);
  g_test_add_func ("/ml/surface/known-values", test_surface_known_values);
  g_test_add_func ("/ml/surface/grid-matches-eval", test_surface_grid);
  g_test_add_func ("/ml/surface/lookup", test_surface_lookup);
  g_test_add_func ("/ml/optimizer/gd-steps", test_gd_steps);
  g_test_add_func ("/ml/optimizer/gd-zigzag-on-bowl", test_gd_zigzag);
  g_test_add_func ("/ml/optimizer/momentum-steps", test_momentum_steps);
  g_test_add_func ("/ml/optimizer/nesterov-steps", test_nesterov_steps);
  g_test_add_func ("/ml/optimizer/rmsprop-steps", test_rmsprop_steps);
  g_test_add_func ("/ml/optimizer/adam-first-step", test_adam_first_step);
  g_test_add_func ("/ml/optimizer/adam-steps", test_adam_steps);
  g_test_add_func ("/ml/optimizer/adagrad-steps", test_adagrad_steps);
  g_test_add_func ("/ml/optimizer/all-converge-on-booth", test_all_converge_on_booth);
  g_test_add_func ("/ml/optimizer/params", test_descend_params);
  g_test_add_func ("/ml/optimizer/names", test_optimizer_names);
  g_test_add_func ("/ml/descent/divergence", test_divergence);
  g_test_add_func ("/ml/descent/divergence-step-number", test_divergence_step_number);
  g_test_add_func ("/ml/descent/reset-and-history", test_runner_reset);
  g_test_add_func ("/ml/curve/derivative-vs-finite-differences", test_curve_derivatives);
  g_test_add_func ("/ml/curve/minima", test_curve_minima);
  g_test_add_func ("/ml/curve/tangent", test_curve_tangent);
  g_test_add_func ("/ml/curve/descent", test_curve_descent);
  g_test_add_func ("/ml/curve/lookup", test_curve_lookup);
  return g_test_run ();
}
