/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix demo's state: parameters in, every edit path validated (nothing non-finite gets
 * in), snapping and arrow-key steps, presets and recognising them, the animation's ends and
 * path, the view that keeps the picture on screen, and the sentence screen readers hear.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "demos/mlr-matrix-demo.h"
#include "painters/mlr-demo-registry.h"
#include "ml/mlr-matrix-state.h"

static MlrMatrixState *
state_for (const char *first_key,
           ...)
{
  const MlrDemoSpec *spec = mlr_demo_registry_lookup ("matrix")->spec;
  g_autoptr(MlrParams) params = mlr_demo_spec_params (spec);
  g_autoptr(GError) error = NULL;
  MlrMatrixState *state;
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      g_assert_true (mlr_params_set (params, key, value, &error));
      g_assert_no_error (error);
    }
  va_end (args);
  state = mlr_matrix_state_new (params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static void
assert_matrix (const MlrMat2 *m,
               double         a,
               double         b,
               double         c,
               double         d)
{
  g_assert_cmpfloat_with_epsilon (m->a, a, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->b, b, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->c, c, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->d, d, 1e-9);
}

static void
test_params (void)
{
  g_autoptr(MlrMatrixState) def = state_for (NULL);
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "1,2,3,4", "show", "eigen,svd,points",
                                           "animate", "false", NULL);

  /* defaults: the identity, grid and area, animated from the start */
  assert_matrix (mlr_matrix_state_get_matrix (def), 1, 0, 0, 1);
  g_assert_cmpuint (mlr_matrix_state_get_show (def), ==,
                    MLR_MATRIX_SHOW_GRID | MLR_MATRIX_SHOW_DET);
  g_assert_true (mlr_matrix_state_get_animate (def));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (def), ==, 0);

  assert_matrix (mlr_matrix_state_get_matrix (s), 1, 2, 3, 4);
  assert_matrix (mlr_matrix_state_get_initial (s), 1, 2, 3, 4);
  g_assert_cmpuint (mlr_matrix_state_get_show (s), ==,
                    MLR_MATRIX_SHOW_EIGEN | MLR_MATRIX_SHOW_SVD | MLR_MATRIX_SHOW_POINTS);
  g_assert_false (mlr_matrix_state_get_animate (s));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (s), ==, 1);
  g_assert_cmpint (mlr_matrix_state_get_selected (s), ==, MLR_MATRIX_IHAT);
}

static void
test_bad_params (void)
{
  const MlrDemoSpec *spec = mlr_demo_registry_lookup ("matrix")->spec;
  g_autoptr(MlrParams) params = mlr_demo_spec_params (spec);
  g_autoptr(GError) error = NULL;

  /* the parameter table refuses what the state could not use */
  g_assert_false (mlr_params_set (params, "matrix", "1,2,3", &error));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "matrix", "nan,0,0,1", &error));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "matrix", "1,0,0,1000", &error));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "show", "grid,bogus", &error));
  g_clear_error (&error);
}

static void
test_set_matrix_validates (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "1,1,0,1", NULL);
  const double bad[] = { NAN, INFINITY, -INFINITY, 100.5, -1e300 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      MlrMat2 m = { 1, bad[i], 0, 1 };
      g_assert_false (mlr_matrix_state_set_matrix (s, &m, &error));
      g_assert_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "entry b"));
      g_clear_error (&error);
      g_assert_false (mlr_matrix_state_set_entry (s, 3, bad[i], &error));
      g_clear_error (&error);
      assert_matrix (mlr_matrix_state_get_matrix (s), 1, 1, 0, 1);
    }
  g_assert_true (mlr_matrix_state_set_entry (s, 2, -100, &error));
  g_assert_no_error (error);
  assert_matrix (mlr_matrix_state_get_matrix (s), 1, 1, -100, 1);
}

static void
test_set_column (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "1,0,0,1", "animate", "false", NULL);

  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_IHAT, 1.3, -0.7));
  assert_matrix (mlr_matrix_state_get_matrix (s), 1.3, 0, -0.7, 1);
  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_JHAT, 0.25, 2));
  assert_matrix (mlr_matrix_state_get_matrix (s), 1.3, 0.25, -0.7, 2);
  /* not finite: ignored */
  g_assert_false (mlr_matrix_state_set_column (s, MLR_MATRIX_JHAT, NAN, 1));
  g_assert_false (mlr_matrix_state_set_column (s, MLR_MATRIX_JHAT, 1, INFINITY));
  assert_matrix (mlr_matrix_state_get_matrix (s), 1.3, 0.25, -0.7, 2);
  /* the same place again is no change */
  g_assert_false (mlr_matrix_state_set_column (s, MLR_MATRIX_JHAT, 0.25, 2));
  /* clamped to the parameter's range */
  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_IHAT, 250, -1e9));
  assert_matrix (mlr_matrix_state_get_matrix (s), 100, 0.25, -100, 2);
  /* snapping rounds to 0.5 */
  mlr_matrix_state_set_snap (s, TRUE);
  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_IHAT, 1.26, -0.74));
  assert_matrix (mlr_matrix_state_get_matrix (s), 1.5, 0.25, -0.5, 2);
  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_JHAT, -0.2, 0.2));
  assert_matrix (mlr_matrix_state_get_matrix (s), 1.5, 0, -0.5, 0);
}

static void
test_nudge (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "1,0,0,1", "animate", "false", NULL);

  for (int i = 0; i < 3; i++)
    g_assert_true (mlr_matrix_state_nudge (s, 1, 0));
  /* three steps of 0.1 read as 1.3, not 1.3000000000000003 */
  g_assert_cmpfloat (mlr_matrix_state_get_matrix (s)->a, ==, 1.3);
  mlr_matrix_state_select (s, MLR_MATRIX_JHAT);
  g_assert_true (mlr_matrix_state_nudge (s, 0, -1));
  g_assert_true (mlr_matrix_state_nudge (s, -1, 0));
  assert_matrix (mlr_matrix_state_get_matrix (s), 1.3, -0.1, 0, 0.9);

  /* with snapping: to the next 0.5 line, then by 0.5 */
  mlr_matrix_state_set_snap (s, TRUE);
  mlr_matrix_state_select (s, MLR_MATRIX_IHAT);
  g_assert_true (mlr_matrix_state_nudge (s, 1, 0));
  g_assert_cmpfloat (mlr_matrix_state_get_matrix (s)->a, ==, 1.5);
  g_assert_true (mlr_matrix_state_nudge (s, 1, 0));
  g_assert_cmpfloat (mlr_matrix_state_get_matrix (s)->a, ==, 2.0);
  g_assert_true (mlr_matrix_state_nudge (s, -1, 0));
  g_assert_true (mlr_matrix_state_nudge (s, -1, 0));
  g_assert_true (mlr_matrix_state_nudge (s, -1, 0));
  g_assert_cmpfloat (mlr_matrix_state_get_matrix (s)->a, ==, 0.5);

  /* the edge of the range holds */
  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_IHAT, 100, 0));
  g_assert_false (mlr_matrix_state_nudge (s, 1, 0));
  g_assert_cmpfloat (mlr_matrix_state_get_matrix (s)->a, ==, 100);
}

static void
test_presets (void)
{
  MlrMat2 m;
  MlrMatrixPreset preset;
  double angle;

  m = mlr_matrix_preset (MLR_MATRIX_PRESET_ROTATION, 90);
  assert_matrix (&m, 0, -1, 1, 0);
  g_assert_cmpfloat (m.a, ==, 0);   /* cos 90° cleaned to an exact 0 */
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_REFLECTION, 45);
  assert_matrix (&m, 0, 1, 1, 0);
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_REFLECTION, 0);
  assert_matrix (&m, 1, 0, 0, -1);
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_PROJECTION, 0);
  assert_matrix (&m, 1, 0, 0, 0);
  g_assert_true (mlr_mat2_is_singular (&m));
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_PROJECTION, 45);
  assert_matrix (&m, 0.5, 0.5, 0.5, 0.5);
  g_assert_true (mlr_mat2_is_singular (&m));
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_SHEAR, 0);
  assert_matrix (&m, 1, 1, 0, 1);
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_SCALE, 0);
  assert_matrix (&m, 1.5, 0, 0, 0.5);
  m = mlr_matrix_preset (MLR_MATRIX_PRESET_IDENTITY, 30);
  assert_matrix (&m, 1, 0, 0, 1);
  g_assert_true (mlr_matrix_preset_uses_angle (MLR_MATRIX_PRESET_ROTATION));
  g_assert_false (mlr_matrix_preset_uses_angle (MLR_MATRIX_PRESET_SHEAR));

  /* every preset is recognised again, with its angle */
  for (int p = 0; p < MLR_MATRIX_N_PRESETS; p++)
    {
      const double angles[] = { -150, -30, 10, 30, 60, 135 };
      for (guint i = 0; i < G_N_ELEMENTS (angles); i++)
        {
          m = mlr_matrix_preset (p, angles[i]);
          g_assert_true (mlr_matrix_preset_match (&m, &preset, &angle));
          g_assert_cmpint (preset, ==, p);
          if (mlr_matrix_preset_uses_angle (p))
            {
              MlrMat2 again = mlr_matrix_preset (p, angle);
              assert_matrix (&again, m.a, m.b, m.c, m.d);
            }
        }
    }
  /* the lesson's 30° rotation */
  m = (MlrMat2) { 0.8660254, -0.5, 0.5, 0.8660254 };
  g_assert_true (mlr_matrix_preset_match (&m, &preset, &angle));
  g_assert_cmpint (preset, ==, MLR_MATRIX_PRESET_ROTATION);
  g_assert_cmpfloat_with_epsilon (angle, 30, 1e-5);
  m = (MlrMat2) { 0, 1, 1, 0 };
  g_assert_true (mlr_matrix_preset_match (&m, &preset, &angle));
  g_assert_cmpint (preset, ==, MLR_MATRIX_PRESET_REFLECTION);
  g_assert_cmpfloat_with_epsilon (angle, 45, 1e-9);
  m = (MlrMat2) { 1, 2, 2, 4 };
  g_assert_false (mlr_matrix_preset_match (&m, &preset, &angle));
  m = (MlrMat2) { 2, 1, 1, 2 };
  g_assert_false (mlr_matrix_preset_match (&m, NULL, NULL));
}

static void
test_animation (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "0,-1,1,0", NULL);
  MlrMat2 m;
  guint frames = 0;

  /* a quarter turn turns (polar path) rather than shrinking through the origin */
  g_assert_cmpint (mlr_matrix_state_get_path_kind (s), ==, MLR_MAT2_PATH_ROTATION);
  m = mlr_matrix_state_get_current (s);
  assert_matrix (&m, 1, 0, 0, 1);
  while (mlr_matrix_state_step (s, 1.0 / 60))
    {
      m = mlr_matrix_state_get_current (s);
      /* a rotation all the way: the area never shrinks */
      g_assert_cmpfloat_with_epsilon (mlr_mat2_det (&m), 1, 1e-9);
      frames++;
    }
  g_assert_cmpuint (frames, >=, (guint) (MLR_MATRIX_ANIMATION_SECONDS * 60) - 2);
  g_assert_cmpuint (frames, <=, (guint) (MLR_MATRIX_ANIMATION_SECONDS * 60) + 1);
  m = mlr_matrix_state_get_current (s);
  assert_matrix (&m, 0, -1, 1, 0);
  g_assert_false (mlr_matrix_state_step (s, NAN));

  mlr_matrix_state_rewind (s);
  g_assert_cmpfloat (mlr_matrix_state_get_progress (s), ==, 0);
  mlr_matrix_state_finish (s);
  g_assert_cmpfloat (mlr_matrix_state_get_progress (s), ==, 1);

  /* shears and reflections slide straight: î stays put, the flip passes through det 0 */
  {
    MlrMat2 shear = { 1, 1, 0, 1 }, flip = { 0, 1, 1, 0 };
    g_assert_true (mlr_matrix_state_set_matrix (s, &shear, NULL));
    g_assert_cmpint (mlr_matrix_state_get_path_kind (s), ==, MLR_MAT2_PATH_LINEAR);
    g_assert_true (mlr_matrix_state_set_matrix (s, &flip, NULL));
    g_assert_cmpint (mlr_matrix_state_get_path_kind (s), ==, MLR_MAT2_PATH_LINEAR);
    mlr_matrix_state_rewind (s);
    mlr_matrix_state_step (s, MLR_MATRIX_ANIMATION_SECONDS / 2);
    m = mlr_matrix_state_get_current (s);
    g_assert_cmpfloat_with_epsilon (mlr_mat2_det (&m), 0, 1e-9);
  }
  /* an edit ends the animation */
  mlr_matrix_state_rewind (s);
  g_assert_true (mlr_matrix_state_set_entry (s, 0, 2, NULL));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (s), ==, 1);
}

static void
assert_in_view (MlrMatrixState *s,
                MlrVec2         p)
{
  double r = mlr_matrix_state_get_view_radius (s);

  g_assert_cmpfloat (hypot (p.x, p.y), <, r);
}

static void
test_view (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "1,0,0,1", "show", "grid,det,svd,eigen",
                                           NULL);
  const MlrMat2 ms[] = {
    { 1, 0, 0, 1 }, { 3, 1, 1, 3 }, { -4, 2, 0.5, 7 }, { 1, 2, 2, 4 }, { 50, -20, 10, 90 },
  };
  double r;

  g_assert_cmpfloat (mlr_matrix_state_get_view_radius (s), >=, 2);
  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      MlrMat2Svd svd;
      MlrVec2 e1 = { 1, 0 }, e2 = { 0, 1 }, e12 = { 1, 1 };

      g_assert_true (mlr_matrix_state_set_matrix (s, &ms[i], NULL));
      assert_in_view (s, mlr_mat2_apply (&ms[i], e1));
      assert_in_view (s, mlr_mat2_apply (&ms[i], e2));
      assert_in_view (s, mlr_mat2_apply (&ms[i], e12));
      assert_in_view (s, e12);
      mlr_mat2_svd (&ms[i], &svd);
      g_assert_cmpfloat (svd.sigma[0], <, mlr_matrix_state_get_view_radius (s));
      /* and not absurdly larger than needed */
      g_assert_cmpfloat (mlr_matrix_state_get_view_radius (s), <,
                         MAX (2.5, 1.5 * MAX (svd.sigma[0], hypot (ms[i].a + ms[i].b,
                                                                   ms[i].c + ms[i].d))));
    }
  /* every matrix on the way from I to A stays inside too */
  {
    MlrMat2 rot = { -3, 0.5, -0.5, -3 };
    g_assert_true (mlr_matrix_state_set_matrix (s, &rot, NULL));
    mlr_matrix_state_rewind (s);
    while (mlr_matrix_state_step (s, 0.02))
      {
        MlrMat2 m = mlr_matrix_state_get_current (s);
        MlrVec2 e12 = { 1, 1 };
        assert_in_view (s, mlr_mat2_apply (&m, e12));
      }
  }
  /* locked while dragging, refitted after */
  mlr_matrix_state_lock_view (s, TRUE);
  r = mlr_matrix_state_get_view_radius (s);
  g_assert_true (mlr_matrix_state_set_column (s, MLR_MATRIX_IHAT, 40, 40));
  g_assert_cmpfloat (mlr_matrix_state_get_view_radius (s), ==, r);
  mlr_matrix_state_lock_view (s, FALSE);
  g_assert_cmpfloat (mlr_matrix_state_get_view_radius (s), >, 40 * G_SQRT2);
}

static void
test_points (void)
{
  g_autoptr(MlrMatrixState) a = state_for (NULL);
  g_autoptr(MlrMatrixState) b = state_for (NULL);
  guint n;
  const MlrVec2 *pa = mlr_matrix_state_get_points (a, &n);
  const MlrVec2 *pb = mlr_matrix_state_get_points (b, NULL);
  double mx = 0, my = 0, vx = 0;

  g_assert_cmpuint (n, ==, 150);
  for (guint i = 0; i < n; i++)
    {
      /* seeded: the same cloud every time */
      g_assert_cmpfloat (pa[i].x, ==, pb[i].x);
      g_assert_cmpfloat (pa[i].y, ==, pb[i].y);
      mx += pa[i].x / n;
      my += pa[i].y / n;
      vx += pa[i].x * pa[i].x / n;
    }
  g_assert_cmpfloat (fabs (mx), <, 0.15);
  g_assert_cmpfloat (fabs (my), <, 0.15);
  g_assert_cmpfloat (sqrt (vx), >, 0.3);
  g_assert_cmpfloat (sqrt (vx), <, 0.6);
}

static void
test_format (void)
{
  const struct { double v; const char *ascii; } cases[] = {
    { 1, "1" }, { 0.5, "0.5" }, { 1.6180339887, "1.62" }, { -0.8660254, "-0.87" },
    { 100, "100" }, { -1e-17, "0" }, { 0.0, "0" }, { -0.0, "0" }, { 0.004, "0.004" },
    { 12.345, "12.35" }, { -0.001, "-0.001" },
  };
  char buf[32];
  g_autofree char *mat = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      mlr_matrix_format_number (cases[i].v, FALSE, buf, sizeof buf);
      g_assert_cmpstr (buf, ==, cases[i].ascii);
    }
  mlr_matrix_format_number (-2.5, TRUE, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "−2.5");
  mlr_matrix_format_number (NAN, FALSE, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "NaN");
  mat = mlr_matrix_format_matrix (&(MlrMat2) { 1, -1, 0, 0.25 }, TRUE);
  g_assert_cmpstr (mat, ==, "[[1, −1], [0, 0.25]]");
}

static void
test_describe (void)
{
  g_autoptr(MlrMatrixState) shear = state_for ("matrix", "1,1,0,1", NULL);
  g_autoptr(MlrMatrixState) flip = state_for ("matrix", "0,1,1,0", "show", "inverse", NULL);
  g_autoptr(MlrMatrixState) rot = state_for ("matrix", "0,-1,1,0", NULL);
  g_autoptr(MlrMatrixState) sing = state_for ("matrix", "1,2,2,4", "show", "det,inverse", NULL);
  g_autofree char *a = mlr_matrix_demo_describe_state (shear);
  g_autofree char *b = mlr_matrix_demo_describe_state (flip);
  g_autofree char *c = mlr_matrix_demo_describe_state (rot);
  g_autofree char *d = mlr_matrix_demo_describe_state (sing);
  g_autofree char *e = NULL;

  g_assert_cmpstr (a, ==, "Matrix [[1, 1], [0, 1]]: determinant 1, eigenvalue 1 (repeated), "
                          "singular values 1.62 and 0.62. i-hat selected at (1, 0).");
  g_assert_cmpstr (b, ==, "Matrix [[0, 1], [1, 0]]: determinant -1 (orientation flipped), "
                          "eigenvalues 1 and -1, singular values 1 and 1, inverse "
                          "[[0, 1], [1, 0]]. i-hat selected at (0, 1).");
  g_assert_cmpstr (c, ==, "Matrix [[0, -1], [1, 0]]: determinant 1, no real eigenvectors: "
                          "eigenvalues 0 ± 1i, singular values 1 and 1. i-hat selected at "
                          "(0, 1).");
  g_assert_cmpstr (d, ==, "Matrix [[1, 2], [2, 4]]: determinant 0 (singular: squashes the "
                          "plane onto a line), eigenvalues 5 and 0, singular values 5 and 0, "
                          "no inverse. i-hat selected at (1, 2).");
  /* it follows the state */
  mlr_matrix_state_select (shear, MLR_MATRIX_JHAT);
  g_assert_true (mlr_matrix_state_set_column (shear, MLR_MATRIX_JHAT, -0.5, 2));
  e = mlr_matrix_demo_describe_state (shear);
  g_assert_nonnull (strstr (e, "Matrix [[1, -0.5], [0, 2]]: determinant 2"));
  g_assert_nonnull (strstr (e, "j-hat selected at (-0.5, 2)"));
}

static void
test_reset (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("matrix", "2,1,1,2", NULL);

  mlr_matrix_state_select (s, MLR_MATRIX_JHAT);
  mlr_matrix_state_apply_preset (s, MLR_MATRIX_PRESET_ROTATION, 90);
  assert_matrix (mlr_matrix_state_get_matrix (s), 0, -1, 1, 0);
  mlr_matrix_state_rewind (s);
  mlr_matrix_state_reset (s);
  assert_matrix (mlr_matrix_state_get_matrix (s), 2, 1, 1, 2);
  g_assert_cmpint (mlr_matrix_state_get_selected (s), ==, MLR_MATRIX_IHAT);
  g_assert_cmpfloat (mlr_matrix_state_get_progress (s), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/matrix-state/params", test_params);
  g_test_add_func ("/ml/matrix-state/bad-params", test_bad_params);
  g_test_add_func ("/ml/matrix-state/set-matrix-validates", test_set_matrix_validates);
  g_test_add_func ("/ml/matrix-state/set-column", test_set_column);
  g_test_add_func ("/ml/matrix-state/nudge", test_nudge);
  g_test_add_func ("/ml/matrix-state/presets", test_presets);
  g_test_add_func ("/ml/matrix-state/animation", test_animation);
  g_test_add_func ("/ml/matrix-state/view", test_view);
  g_test_add_func ("/ml/matrix-state/points", test_points);
  g_test_add_func ("/ml/matrix-state/format", test_format);
  g_test_add_func ("/ml/matrix-state/describe", test_describe);
  g_test_add_func ("/ml/matrix-state/reset", test_reset);
  return g_test_run ();
}
