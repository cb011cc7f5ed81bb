/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The toy datasets: determinism per seed, sizes and class balance, and the shape each one
 * promises (moons on their arcs, circles on their radii, linear separable, xor by quadrant,
 * spiral arms, gaussian blobs around their centres).
 */
#include <glib.h>
#include <math.h>

#include "ml/mlr-dataset.h"

static MlrDataset *
generate (MlrDatasetKind kind,
          guint          n,
          double         noise,
          guint64        seed,
          guint          classes)
{
  g_autoptr(GError) error = NULL;
  MlrDataset *ds = mlr_dataset_generate (kind, n, noise, seed, classes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static void
test_determinism (void)
{
  for (guint k = 0; k < MLR_N_DATASETS; k++)
    {
      guint classes = k == MLR_DATASET_GAUSSIAN || k == MLR_DATASET_SPIRAL ? 4 : 2;
      g_autoptr(MlrDataset) a = generate (k, 150, 0.2, 42, classes);
      g_autoptr(MlrDataset) b = generate (k, 150, 0.2, 42, classes);
      g_autoptr(MlrDataset) c = generate (k, 150, 0.2, 43, classes);

      g_assert_cmpmem (a->x, 2 * sizeof (double) * 150, b->x, 2 * sizeof (double) * 150);
      g_assert_cmpmem (a->y, 150, b->y, 150);
      g_assert_false (memcmp (a->x, c->x, 2 * sizeof (double) * 150) == 0);
    }
}

static void
test_sizes_and_balance (void)
{
  for (guint k = 0; k < MLR_N_DATASETS; k++)
    {
      gboolean multi = k == MLR_DATASET_GAUSSIAN || k == MLR_DATASET_SPIRAL;
      guint classes = multi ? 3 : 2;
      g_autoptr(MlrDataset) ds = generate (k, 101, 0.1, 7, classes);

      g_assert_cmpuint (ds->n_points, ==, 101);
      g_assert_cmpuint (ds->n_classes, ==, classes);
      for (guint c = 0; c < classes; c++)
        {
          guint count = mlr_dataset_count_label (ds, c);
          g_assert_cmpuint (count, >=, 101 / classes);
          g_assert_cmpuint (count, <=, 101 / classes + 1);
        }
      for (guint i = 0; i < 2 * ds->n_points; i++)
        g_assert_true (isfinite (ds->x[i]));
      g_assert_true (mlr_dataset_check_training (ds, NULL));
    }
}

static void
test_moons_shape (void)
{
  g_autoptr(MlrDataset) ds = generate (MLR_DATASET_MOONS, 200, 0, 1, 2);

  for (guint i = 0; i < ds->n_points; i++)
    {
      double x = ds->x[2 * i], y = ds->x[2 * i + 1];
      if (ds->y[i] == 0)
        {
          /* Upper arc of the unit circle. */
          g_assert_cmpfloat_with_epsilon (x * x + y * y, 1.0, 1e-12);
          g_assert_cmpfloat (y, >=, -1e-12);
        }
      else
        {
          /* Lower arc around (1, 0.5). */
          g_assert_cmpfloat_with_epsilon ((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 1.0, 1e-12);
          g_assert_cmpfloat (y, <=, 0.5 + 1e-12);
        }
    }
}

static void
test_circles_shape (void)
{
  g_autoptr(MlrDataset) ds = generate (MLR_DATASET_CIRCLES, 100, 0, 1, 2);

  for (guint i = 0; i < ds->n_points; i++)
    {
      double r = hypot (ds->x[2 * i], ds->x[2 * i + 1]);
      g_assert_cmpfloat_with_epsilon (r, ds->y[i] == 0 ? 1.0 : 0.5, 1e-12);
    }
}

static void
test_linear_separable (void)
{
  g_autoptr(MlrDataset) ds = generate (MLR_DATASET_LINEAR, 500, 0, 3, 2);

  /* The line x1 + x2 = 0 separates the clusters with a margin. */
  for (guint i = 0; i < ds->n_points; i++)
    {
      double s = ds->x[2 * i] + ds->x[2 * i + 1];
      if (ds->y[i] == 0)
        g_assert_cmpfloat (s, <, -0.8);
      else
        g_assert_cmpfloat (s, >, 0.8);
    }
}

static void
test_xor_quadrants (void)
{
  g_autoptr(MlrDataset) ds = generate (MLR_DATASET_XOR, 400, 0, 5, 2);

  for (guint i = 0; i < ds->n_points; i++)
    {
      double x = ds->x[2 * i], y = ds->x[2 * i + 1];
      g_assert_cmpfloat (fabs (x), >=, 0.1);
      g_assert_cmpfloat (fabs (y), >=, 0.1);
      g_assert_cmpfloat (fabs (x), <=, 1.0);
      g_assert_cmpuint (ds->y[i], ==, (x > 0) != (y > 0));
    }
}

static void
test_spiral_arms (void)
{
  g_autoptr(MlrDataset) ds = generate (MLR_DATASET_SPIRAL, 300, 0, 2, 3);

  /* Without noise every point lies on its arm: angle = 2 pi c / K + 4 r. */
  for (guint i = 0; i < ds->n_points; i++)
    {
      double x = ds->x[2 * i], y = ds->x[2 * i + 1];
      double r = hypot (x, y);
      double expected = 2 * G_PI * ds->y[i] / 3 + 4 * r;
      double diff = remainder (atan2 (y, x) - expected, 2 * G_PI);
      g_assert_cmpfloat (r, <=, 1.0);
      g_assert_cmpfloat_with_epsilon (diff, 0, 1e-9);
    }
}

static void
test_gaussian_centres (void)
{
  g_autoptr(MlrDataset) ds = generate (MLR_DATASET_GAUSSIAN, 4000, 0, 9, 4);

  for (guint c = 0; c < 4; c++)
    {
      double mx = 0, my = 0, var = 0;
      guint n = 0;
      for (guint i = 0; i < ds->n_points; i++)
        if (ds->y[i] == c)
          {
            mx += ds->x[2 * i];
            my += ds->x[2 * i + 1];
            n++;
          }
      mx /= n;
      my /= n;
      for (guint i = 0; i < ds->n_points; i++)
        if (ds->y[i] == c)
          var += (ds->x[2 * i] - mx) * (ds->x[2 * i] - mx);
      var /= n;
      g_assert_cmpfloat_with_epsilon (mx, 2 * cos (2 * G_PI * c / 4), 0.08);
      g_assert_cmpfloat_with_epsilon (my, 2 * sin (2 * G_PI * c / 4), 0.08);
      g_assert_cmpfloat_with_epsilon (sqrt (var), 0.5, 0.05);
    }
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  MlrDataset *ds;

  ds = mlr_dataset_generate (MLR_DATASET_MOONS, 100, 0.1, 0, 3, &error);
  g_assert_null (ds);
  g_assert_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "classes: moons has exactly 2 classes, not 3");
  g_clear_error (&error);

  ds = mlr_dataset_generate (MLR_DATASET_GAUSSIAN, 3, 0.1, 0, 5, &error);
  g_assert_null (ds);
  g_assert_cmpstr (error->message, ==, "n: 3 is out of range (allowed: 5 to 100000)");
  g_clear_error (&error);

  ds = mlr_dataset_generate (MLR_DATASET_GAUSSIAN, 30, 0.1, 0, 17, &error);
  g_assert_null (ds);
  g_assert_cmpstr (error->message, ==, "classes: 17 is out of range (allowed: 2 to 16)");
  g_clear_error (&error);

  ds = mlr_dataset_generate (MLR_DATASET_XOR, 30, NAN, 0, 2, &error);
  g_assert_null (ds);
  g_assert_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID);
}

static void
test_params (void)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_dataset_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(MlrDataset) def = NULL;
  g_autoptr(MlrDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_specs, ==, 5);
  def = mlr_dataset_generate_from_params (params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (def->n_points, ==, 200);
  g_assert_cmpuint (def->n_classes, ==, 2);

  g_assert_true (mlr_params_set (params, "dataset", "spiral", NULL));
  g_assert_true (mlr_params_set (params, "n", "90", NULL));
  g_assert_true (mlr_params_set (params, "classes", "5", NULL));
  ds = mlr_dataset_generate_from_params (params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_points, ==, 90);
  g_assert_cmpuint (ds->n_classes, ==, 5);

  g_assert_true (mlr_params_set (params, "dataset", "circles", NULL));
  g_assert_null (mlr_dataset_generate_from_params (params, &error));
  g_assert_cmpstr (error->message, ==,
                   "classes: only gaussian and spiral take a number of classes (circles has 2)");
  g_clear_error (&error);

  g_assert_false (mlr_params_set (params, "noise", "7", &error));
  g_assert_cmpstr (error->message, ==, "noise: 7 is out of range (allowed: 0 to 5)");
}

static void
test_training_checks (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_new (0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (mlr_dataset_check_training (ds, &error));
  g_assert_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_EMPTY);
  g_clear_error (&error);

  mlr_dataset_append (ds, 0, 0, 0);
  mlr_dataset_append (ds, 1, 1, 0);
  g_assert_false (mlr_dataset_check_training (ds, &error));
  g_assert_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_ONE_CLASS);
  g_assert_cmpstr (error->message, ==,
                   "all 2 training points have label 0; fitting needs at least two classes");
  g_clear_error (&error);

  mlr_dataset_append (ds, 2, 2, 2);
  g_assert_false (mlr_dataset_check_training (ds, &error));
  g_assert_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_LABELS);
  g_assert_cmpstr (error->message, ==,
                   "class 1 has no training points (labels present: 0, 2); labels must be 0 to "
                   "K-1 with every class present");
  g_clear_error (&error);

  mlr_dataset_append (ds, 3, 3, 1);
  g_assert_true (mlr_dataset_check_training (ds, &error));
  ds->x[3] = INFINITY;
  g_assert_false (mlr_dataset_check_training (ds, &error));
  g_assert_cmpstr (error->message, ==,
                   "point 2: x2 is not finite (coordinates must be finite and within ±1e12)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ml/dataset/determinism", test_determinism);
  g_test_add_func ("/ml/dataset/sizes-and-balance", test_sizes_and_balance);
  g_test_add_func ("/ml/dataset/moons-shape", test_moons_shape);
  g_test_add_func ("/ml/dataset/circles-shape", test_circles_shape);
  g_test_add_func ("/ml/dataset/linear-separable", test_linear_separable);
  g_test_add_func ("/ml/dataset/xor-quadrants", test_xor_quadrants);
  g_test_add_func ("/ml/dataset/spiral-arms", test_spiral_arms);
  g_test_add_func ("/ml/dataset/gaussian-centres", test_gaussian_centres);
  g_test_add_func ("/ml/dataset/invalid", test_invalid);
  g_test_add_func ("/ml/dataset/params", test_params);
  g_test_add_func ("/ml/dataset/training-checks", test_training_checks);

  return g_test_run ();
}
