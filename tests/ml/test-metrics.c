/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What demo states report to challenges: the values must be the ones the goals talk about.
 */
#include <glib.h>
#include <math.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "ml/mlr-gd-state.h"
#include "ml/mlr-matrix-state.h"

static void
collect (const char *name,
         GVariant   *value,
         gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (name), g_variant_ref_sink (value));
}

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_variant_unref);
}

static double
num (GHashTable *t,
     const char *name)
{
  GVariant *v = g_hash_table_lookup (t, name);

  g_assert_nonnull (v);
  return g_variant_get_double (v);
}

static void
test_matrix (void)
{
  const MlrDemoSpec *spec = mlr_demo_registry_lookup ("matrix")->spec;
  g_autoptr(MlrParams) params = mlr_demo_spec_params (spec);
  g_autoptr(GHashTable) t = new_table ();
  MlrMatrixState *state;

  g_assert_true (mlr_params_set (params, "matrix", "1,2,1,0", NULL));
  state = mlr_matrix_state_new (params, NULL);
  g_assert_nonnull (state);
  mlr_matrix_state_collect_metrics (state, collect, t);
  g_assert_cmpfloat (num (t, "a"), ==, 1);
  g_assert_cmpfloat (num (t, "c"), ==, 1);
  g_assert_cmpfloat_with_epsilon (num (t, "det"), -2, 1e-12);
  /* σ1 σ2 = |det| */
  g_assert_cmpfloat_with_epsilon (num (t, "sigma1") * num (t, "sigma2"), 2, 1e-9);
  g_assert_cmpfloat (num (t, "real_eigenvalues"), ==, 2);
  /* Every reported name is one lessons may use. */
  {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init (&iter, t);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_strv_contains (spec->metrics, key));
  }
  mlr_matrix_state_free (state);
}

static void
test_gradient_descent (void)
{
  const MlrDemoSpec *spec = mlr_demo_registry_lookup ("gradient-descent")->spec;
  g_autoptr(MlrParams) params = mlr_demo_spec_params (spec);
  g_autoptr(GHashTable) t = new_table ();
  MlrGdState *state;
  double step;

  g_assert_true (mlr_params_set (params, "surface", "bowl", NULL));
  g_assert_true (mlr_params_set (params, "optimizer", "gd,adam", NULL));
  g_assert_true (mlr_params_set (params, "lr", "0.1", NULL));
  g_assert_true (mlr_params_set (params, "steps", "300", NULL));
  state = mlr_gd_state_new (params, NULL);
  g_assert_nonnull (state);
  while (mlr_gd_state_step (state))
    ;
  mlr_gd_state_collect_metrics (state, collect, t);
  g_assert_cmpstr (g_variant_get_string (g_hash_table_lookup (t, "surface"), NULL), ==, "bowl");
  g_assert_cmpfloat (num (t, "lr"), ==, 0.1);
  /* On the bowl at η = 0.1 GD reaches the minimum (f* = 0): the first step within 0.001. */
  step = num (t, "gd_converged_step");
  g_assert_cmpfloat (step, >, 0);
  g_assert_cmpfloat (step, <, 300);
  g_assert_false (g_variant_get_boolean (g_hash_table_lookup (t, "gd_diverged")));
  g_assert_cmpfloat (num (t, "gd_loss"), <=, 1e-3);
  {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init (&iter, t);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_strv_contains (spec->metrics, key));
  }
  mlr_gd_state_free (state);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/metrics/matrix", test_matrix);
  g_test_add_func ("/ml/metrics/gradient-descent", test_gradient_descent);
  return g_test_run ();
}
