/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent demo's state: parameters and their defaults, the race (one clock,
 * runs in optimizer order, a diverging run stops while the others go on), replays after a
 * change, zoom and pan, and the sentence screen readers get.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "demos/mlr-gd-demo.h"
#include "painters/mlr-demo-registry.h"
#include "ml/mlr-gd-state.h"

static MlrGdState *
state_with (const char *first,
            ...)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("gradient-descent"));
  g_autoptr(GError) error = NULL;
  MlrGdState *state;
  va_list ap;

  va_start (ap, first);
  for (const char *kv = first; kv != NULL; kv = va_arg (ap, const char *))
    {
      mlr_params_parse_assignment (params, kv, &error);
      g_assert_no_error (error);
    }
  va_end (ap);
  state = mlr_gd_state_new (params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static void
test_defaults (void)
{
  g_autoptr(MlrGdState) s = state_with (NULL);
  const MlrSurfaceInfo *info = mlr_surface_get_info (MLR_SURFACE_ROSENBROCK);
  const MlrViewRect *view = mlr_gd_state_get_view (s);

  g_assert_cmpint (mlr_gd_state_get_mode (s), ==, MLR_GD_MODE_2D);
  g_assert_cmpint (mlr_gd_state_get_surface (s), ==, MLR_SURFACE_ROSENBROCK);
  /* lr, start and view come from the surface when not given */
  g_assert_cmpfloat (mlr_gd_state_get_lr (s), ==, info->suggested_lr);
  g_assert_cmpfloat (mlr_gd_state_get_start (s).x, ==, info->start.x);
  g_assert_cmpfloat (mlr_gd_state_get_start (s).y, ==, info->start.y);
  g_assert_cmpfloat (view->x_min, ==, info->view.x_min);
  g_assert_cmpfloat (view->y_max, ==, info->view.y_max);
  g_assert_cmpuint (mlr_gd_state_get_max_steps (s), ==, 200);
  g_assert_cmpuint (mlr_gd_state_get_n_runs (s), ==, 1);
  g_assert_cmpint (mlr_gd_state_get_run_kind (s, 0), ==, MLR_OPTIMIZER_GD);
  g_assert_cmpuint (mlr_gd_state_get_step (s), ==, 0);
  g_assert_cmpfloat (mlr_gd_state_get_momentum (s), ==, 0.9);
  g_assert_cmpfloat (mlr_gd_state_get_beta2 (s), ==, 0.999);
}

static void
test_one_d_defaults (void)
{
  g_autoptr(MlrGdState) s = state_with ("mode=1d", "function=double-well", NULL);
  const MlrCurveInfo *info = mlr_curve_get_info (MLR_CURVE_DOUBLE_WELL);
  double ref;

  g_assert_cmpint (mlr_gd_state_get_mode (s), ==, MLR_GD_MODE_1D);
  g_assert_cmpfloat (mlr_gd_state_get_lr (s), ==, info->suggested_lr);
  g_assert_cmpfloat (mlr_gd_state_get_start (s).x, ==, info->start);
  g_assert_cmpfloat (mlr_gd_state_get_view (s)->y_min, ==, info->y_min);
  g_assert_true (mlr_gd_state_get_loss_reference (s, &ref));
  g_assert_cmpfloat (ref, ==, info->minima[0].value);
  /* The lesson's claim: from x = 2, GD settles in the local minimum near 1.13. */
  mlr_gd_state_run_to (s, 200);
  g_assert_cmpfloat_with_epsilon (mlr_descent_get_position (mlr_gd_state_get_run (s, 0)).x,
                                  info->minima[1].x, 1e-3);
}

static void
test_parabola_by_hand (void)
{
  g_autoptr(MlrGdState) s = state_with ("mode=1d", "function=parabola", "lr=0.1", "start=2.5",
                                        NULL);
  g_autofree char *text = NULL;

  /* x <- x - 0.1 * 2x = 0.8 x */
  g_assert_true (mlr_gd_state_step (s));
  g_assert_cmpfloat_with_epsilon (mlr_descent_get_position (mlr_gd_state_get_run (s, 0)).x,
                                  2.0, 1e-12);
  g_assert_true (mlr_gd_state_step (s));
  g_assert_cmpfloat_with_epsilon (mlr_descent_get_position (mlr_gd_state_get_run (s, 0)).x,
                                  1.6, 1e-12);
  text = mlr_gd_demo_describe_state (s);
  g_assert_nonnull (strstr (text, "Parabola from x = 2.5, learning rate 0.1."));
  g_assert_nonnull (strstr (text, "GD, step 2 of 200, x = 1.6, loss 2.56"));
  g_assert_nonnull (strstr (text, "slope f′(x) = 3.2"));
}

static void
test_race_order_and_first_step (void)
{
  g_autoptr(MlrGdState) s = state_with ("surface=bowl", "optimizer=adam,gd,momentum",
                                        "lr=0.18", NULL);
  const MlrVec2 *path;
  guint n;

  g_assert_cmpuint (mlr_gd_state_get_n_runs (s), ==, 3);
  /* runs follow the optimizer order, not the list order: colours stay put */
  g_assert_cmpint (mlr_gd_state_get_run_kind (s, 0), ==, MLR_OPTIMIZER_GD);
  g_assert_cmpint (mlr_gd_state_get_run_kind (s, 1), ==, MLR_OPTIMIZER_MOMENTUM);
  g_assert_cmpint (mlr_gd_state_get_run_kind (s, 2), ==, MLR_OPTIMIZER_ADAM);
  g_assert_true (mlr_gd_state_step (s));
  path = mlr_descent_get_path (mlr_gd_state_get_run (s, 0), &n);
  g_assert_cmpuint (n, ==, 2);
  /* bowl gradient (x, 10 y) at (-4.5, 2) */
  g_assert_cmpfloat_with_epsilon (path[1].x, -4.5 - 0.18 * -4.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (path[1].y, 2 - 0.18 * 20, 1e-12);
  /* Adam's first step is lr long in each coordinate */
  path = mlr_descent_get_path (mlr_gd_state_get_run (s, 2), &n);
  g_assert_cmpfloat_with_epsilon (path[1].x, -4.5 + 0.18, 1e-6);
  g_assert_cmpfloat_with_epsilon (path[1].y, 2 - 0.18, 1e-6);

  mlr_gd_state_run_to (s, 200);
  g_assert_true (mlr_gd_state_is_finished (s));
  g_assert_false (mlr_gd_state_step (s));
  for (guint i = 0; i < 3; i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (s, i);
      g_assert_cmpuint (mlr_descent_get_step (run), ==, 200);
      g_assert_cmpfloat (mlr_descent_get_loss (run), <, 1e-6);
    }
}

static void
test_divergence_stops_one_run (void)
{
  /* The lesson's claim: at 0.21 GD's zig-zag grows, momentum and Adam still converge. */
  g_autoptr(MlrGdState) s = state_with ("surface=bowl", "optimizer=gd,momentum,adam",
                                        "lr=0.21", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expect = NULL;
  guint at = 0;

  mlr_gd_state_run_to (s, 200);
  g_assert_true (mlr_descent_is_diverged (mlr_gd_state_get_run (s, 0), &at));
  g_assert_cmpuint (at, >, 100);
  g_assert_cmpuint (at, <, 200);
  g_assert_cmpuint (mlr_descent_get_step (mlr_gd_state_get_run (s, 0)), ==, at - 1);
  g_assert_cmpuint (mlr_gd_state_get_step (s), ==, 200);
  g_assert_cmpfloat (mlr_descent_get_loss (mlr_gd_state_get_run (s, 1)), <, 1e-6);
  g_assert_cmpfloat (mlr_descent_get_loss (mlr_gd_state_get_run (s, 2)), <, 1e-6);

  text = mlr_gd_demo_describe_state (s);
  expect = g_strdup_printf ("GD diverged at step %u; Momentum, step 200 of 200, loss ", at);
  g_assert_nonnull (strstr (text, expect));
  g_assert_true (g_str_has_prefix (text, "Elongated bowl from (−4.5, 2), learning rate 0.21."));
}

static void
test_all_diverged_finishes (void)
{
  g_autoptr(MlrGdState) s = state_with ("surface=rosenbrock", "optimizer=gd,momentum",
                                        "lr=0.05", NULL);

  mlr_gd_state_run_to (s, 200);
  g_assert_true (mlr_gd_state_is_finished (s));
  g_assert_true (mlr_descent_is_diverged (mlr_gd_state_get_run (s, 0), NULL));
  g_assert_true (mlr_descent_is_diverged (mlr_gd_state_get_run (s, 1), NULL));
}

static void
test_changes_replay (void)
{
  g_autoptr(MlrGdState) s = state_with ("surface=booth", "optimizer=gd,adam", NULL);
  g_autoptr(MlrGdState) fresh = NULL;
  const MlrVec2 *path;
  guint n;
  double before;
  MlrVec2 start = { 2, -4 };

  mlr_gd_state_run_to (s, 30);
  before = mlr_descent_get_loss (mlr_gd_state_get_run (s, 0));

  /* a new start: every run restarts there and catches up to the clock */
  mlr_gd_state_set_start (s, start);
  path = mlr_descent_get_path (mlr_gd_state_get_run (s, 1), &n);
  g_assert_cmpuint (n, ==, 31);
  g_assert_cmpfloat (path[0].x, ==, 2);
  g_assert_cmpfloat (path[0].y, ==, -4);
  g_assert_cmpuint (mlr_gd_state_get_step (s), ==, 30);

  /* a new learning rate re-runs */
  mlr_gd_state_set_lr (s, 0.01);
  g_assert_cmpfloat (mlr_gd_state_get_lr (s), ==, 0.01);
  g_assert_cmpfloat (mlr_descent_get_loss (mlr_gd_state_get_run (s, 0)), !=, before);
  g_assert_cmpuint (mlr_descent_get_step (mlr_gd_state_get_run (s, 0)), ==, 30);

  /* backwards by replay gives the same numbers as forwards */
  mlr_gd_state_run_to (s, 10);
  fresh = state_with ("surface=booth", "optimizer=gd,adam", "lr=0.01", "start=2,-4", NULL);
  mlr_gd_state_run_to (fresh, 10);
  g_assert_cmpfloat (mlr_descent_get_loss (mlr_gd_state_get_run (s, 1)), ==,
                     mlr_descent_get_loss (mlr_gd_state_get_run (fresh, 1)));

  /* out-of-range rates are clamped to the slider's range */
  mlr_gd_state_set_lr (s, 100);
  g_assert_cmpfloat (mlr_gd_state_get_lr (s), ==, 10);
}

static void
test_optimizers_toggle (void)
{
  g_autoptr(MlrGdState) s = state_with ("optimizer=gd", NULL);

  mlr_gd_state_run_to (s, 25);
  g_assert_false (mlr_gd_state_set_optimizer_enabled (s, MLR_OPTIMIZER_GD, FALSE));
  g_assert_cmpuint (mlr_gd_state_get_n_runs (s), ==, 1);
  g_assert_false (mlr_gd_state_uses_param (s, "beta1"));
  g_assert_true (mlr_gd_state_set_optimizer_enabled (s, MLR_OPTIMIZER_ADAM, TRUE));
  g_assert_true (mlr_gd_state_uses_param (s, "beta1"));
  g_assert_cmpuint (mlr_gd_state_get_n_runs (s), ==, 2);
  /* the newcomer catches up to the clock */
  g_assert_cmpuint (mlr_descent_get_step (mlr_gd_state_get_run (s, 1)), ==, 25);
  g_assert_true (mlr_gd_state_set_optimizer_enabled (s, MLR_OPTIMIZER_GD, FALSE));
  g_assert_cmpint (mlr_gd_state_get_run_kind (s, 0), ==, MLR_OPTIMIZER_ADAM);
}

static void
test_steps_and_surface (void)
{
  g_autoptr(MlrGdState) s = state_with ("steps=5", "surface=himmelblau", "lr=0.01", NULL);

  for (int i = 0; i < 5; i++)
    g_assert_true (mlr_gd_state_step (s));
  g_assert_false (mlr_gd_state_step (s));
  mlr_gd_state_set_max_steps (s, 3);
  g_assert_cmpuint (mlr_gd_state_get_step (s), ==, 3);

  mlr_gd_state_set_surface (s, MLR_SURFACE_BOWL);
  g_assert_cmpfloat (mlr_gd_state_get_lr (s), ==, 0.18);
  g_assert_cmpfloat (mlr_gd_state_get_start (s).x, ==, -4.5);
  g_assert_cmpfloat (mlr_gd_state_get_view (s)->x_max, ==, 5);
  g_assert_cmpuint (mlr_descent_get_step (mlr_gd_state_get_run (s, 0)), ==, 3);
}

static void
test_zoom_and_pan (void)
{
  g_autoptr(MlrGdState) s = state_with ("surface=bowl", "view=-4,4,-2,2", NULL);
  const MlrViewRect *v = mlr_gd_state_get_view (s);
  double fx, fy;

  g_assert_cmpfloat (v->x_min, ==, -4);
  /* the point zoomed about stays at the same fraction of the view */
  fx = (1 - v->x_min) / (v->x_max - v->x_min);
  fy = (0.5 - v->y_min) / (v->y_max - v->y_min);
  mlr_gd_state_zoom (s, 0.5, 1, 0.5);
  g_assert_cmpfloat_with_epsilon (v->x_max - v->x_min, 4, 1e-12);
  g_assert_cmpfloat_with_epsilon ((1 - v->x_min) / (v->x_max - v->x_min), fx, 1e-12);
  g_assert_cmpfloat_with_epsilon ((0.5 - v->y_min) / (v->y_max - v->y_min), fy, 1e-12);

  /* zoomed about x = 1: [-1.5, 2.5]; then one unit right */
  mlr_gd_state_pan (s, 1, -1);
  g_assert_cmpfloat_with_epsilon (v->x_min, -0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (v->x_max, 3.5, 1e-12);

  /* bounded: no deeper than 1e-5 of the default, no wider than 100 times */
  for (int i = 0; i < 100; i++)
    mlr_gd_state_zoom (s, 0.1, 0, 0);
  g_assert_cmpfloat (v->x_max - v->x_min, >=, 8e-5 * (1 - 1e-9));
  for (int i = 0; i < 100; i++)
    mlr_gd_state_zoom (s, 10, 0, 0);
  g_assert_cmpfloat (v->x_max - v->x_min, <=, 800 * (1 + 1e-9));

  mlr_gd_state_reset_view (s);
  g_assert_cmpfloat (v->x_min, ==, -4);
  g_assert_cmpfloat (v->y_max, ==, 2);
}

static void
test_bad_combinations (void)
{
  const char *cases[][2] = {
    { "start=1", NULL },                 /* 2-D needs x,y */
    { "mode=1d", "start=1,2" },          /* 1-D takes x alone */
    { "view=1,0,0,1", NULL },            /* empty view */
    { "view=0,1,2,2", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrParams) params =
        mlr_demo_kind_new_params (mlr_demo_registry_lookup ("gradient-descent"));
      g_autoptr(GError) error = NULL;
      MlrGdState *s;

      for (guint k = 0; k < 2 && cases[i][k]; k++)
        g_assert_true (mlr_params_parse_assignment (params, cases[i][k], NULL));
      s = mlr_gd_state_new (params, &error);
      g_assert_null (s);
      g_assert_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID);
    }
}

static void
test_format (void)
{
  struct { double v; const char *text; } cases[] = {
    { 0.0031, "0.0031" },
    { -1.5, "−1.5" },
    { 4.2e-9, "4.2e−9" },
    { 1e5, "1e5" },
    { 123456, "1.23e5" },
    { 0, "0" },
    { -0.0, "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = mlr_gd_format_number (cases[i].v);
      g_assert_cmpstr (s, ==, cases[i].text);
    }
  {
    g_autofree char *s = mlr_gd_format_coordinate (2e-19);
    g_assert_cmpstr (s, ==, "≈ 0");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/gd-state/defaults", test_defaults);
  g_test_add_func ("/ml/gd-state/one-d-defaults", test_one_d_defaults);
  g_test_add_func ("/ml/gd-state/parabola-by-hand", test_parabola_by_hand);
  g_test_add_func ("/ml/gd-state/race-order-and-first-step", test_race_order_and_first_step);
  g_test_add_func ("/ml/gd-state/divergence-stops-one-run", test_divergence_stops_one_run);
  g_test_add_func ("/ml/gd-state/all-diverged-finishes", test_all_diverged_finishes);
  g_test_add_func ("/ml/gd-state/changes-replay", test_changes_replay);
  g_test_add_func ("/ml/gd-state/optimizers-toggle", test_optimizers_toggle);
  g_test_add_func ("/ml/gd-state/steps-and-surface", test_steps_and_surface);
  g_test_add_func ("/ml/gd-state/zoom-and-pan", test_zoom_and_pan);
  g_test_add_func ("/ml/gd-state/bad-combinations", test_bad_combinations);
  g_test_add_func ("/ml/gd-state/format", test_format);
  return g_test_run ();
}
