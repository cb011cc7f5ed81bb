/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary demo's state: the parameter table it is built from, the stratified
 * split, point edits and selection, fitting through jobs (the order rule of results, reuse of
 * a fitted model, cancellation, an mlp trained on epoch by epoch giving the same network as
 * one trained straight through), and the guards (clamped n, k > n, huge C and gamma, depth
 * 100, a network too large, a class with no points), none of which may produce NaN.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "demos/mlr-boundary-demo.h"
#include "painters/mlr-demo-registry.h"
#include "ml/mlr-boundary-state.h"

static const MlrGrid test_grid = { 60, 40, -2, 3, 2, -1.5 };

static MlrBoundaryState *
state_from (const char *first,
            ...)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
  g_autoptr(GError) error = NULL;
  MlrBoundaryState *state;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    {
      mlr_params_parse_assignment (params, a, &error);
      g_assert_no_error (error);
    }
  va_end (ap);
  state = mlr_boundary_state_new (params, &error);
  g_assert_no_error (error);
  return state;
}

static void
assert_result_finite (const MlrBoundaryResult *r)
{
  gsize cells = (gsize) r->grid.width * r->grid.height;

  g_assert_true (r->ok);
  for (gsize c = 0; c < cells; c++)
    {
      g_assert_true (isfinite (r->confidence[c]));
      g_assert_cmpfloat (r->confidence[c], >=, 0);
      g_assert_cmpfloat (r->confidence[c], <=, 1.0001);
      g_assert_cmpuint (r->labels[c], <, r->n_classes);
      if (r->decision)
        g_assert_true (isfinite (r->decision[c]));
    }
  for (guint k = 0; k < r->n_loss; k++)
    g_assert_true (isfinite (r->loss[k]));
}

static void
test_table_keys (void)
{
  const MlrDemoSpec *spec = mlr_demo_registry_lookup ("decision-boundary")->spec;
  const char *keys[] = { "dataset", "n", "noise", "classes", "seed", "split", "model", "C",
                         "degree", "k", "max_depth", "min_samples_leaf", "criterion", "n_trees",
                         "max_features", "kernel", "gamma", "coef0", "hidden", "activation",
                         "alpha", "lr", "epochs", "batch", "solver", "standardize" };
  guint n_model, n_dataset;
  const MlrParamSpec *model = mlr_model_param_specs (&n_model);
  const MlrParamSpec *dataset = mlr_dataset_param_specs (&n_dataset);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (mlr_param_spec_lookup (spec->params, spec->n_params, keys[i]));
  /* one source of truth: each key is the numeric core's own entry, not a copy by hand */
  for (guint i = 0; i < n_model; i++)
    {
      const MlrParamSpec *s = mlr_param_spec_lookup (spec->params, spec->n_params, model[i].key);
      g_assert_nonnull (s);
      if (!g_str_equal (model[i].key, "seed"))
        g_assert_true (s->help == model[i].help && s->max == model[i].max);
    }
  for (guint i = 0; i < n_dataset; i++)
    g_assert_true (mlr_param_spec_lookup (spec->params, spec->n_params,
                                          dataset[i].key)->help == dataset[i].help);
  /* no key twice */
  for (guint i = 0; i < spec->n_params; i++)
    for (guint j = i + 1; j < spec->n_params; j++)
      g_assert_cmpstr (spec->params[i].key, !=, spec->params[j].key);
}

static void
test_stratified_split (void)
{
  g_autoptr(MlrBoundaryState) a = state_from ("dataset=gaussian", "classes=3", "n=300",
                                              "split=0.3", NULL);
  g_autoptr(MlrBoundaryState) b = state_from ("dataset=gaussian", "classes=3", "n=300",
                                              "split=0.3", NULL);
  const MlrDataset *pts = mlr_boundary_state_get_points (a);
  guint test[3] = { 0 }, all[3] = { 0 };

  for (guint i = 0; i < pts->n_points; i++)
    {
      all[pts->y[i]]++;
      test[pts->y[i]] += mlr_boundary_state_is_test (a, i);
      g_assert_cmpint (mlr_boundary_state_is_test (a, i), ==, mlr_boundary_state_is_test (b, i));
    }
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (test[c], ==, (guint) round (0.3 * all[c]));

  mlr_boundary_state_set_param (a, "split", "0", NULL);
  for (guint i = 0; i < pts->n_points; i++)
    g_assert_false (mlr_boundary_state_is_test (a, i));
}

static void
test_edit_points (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("dataset=moons", "n=50", NULL);
  guint n = mlr_boundary_state_get_n_points (s);
  guint64 gen = mlr_boundary_state_get_generation (s);
  double x0, x1, y0, y1;
  int i;

  i = mlr_boundary_state_add_point (s, 0.5, 0.25, 1);
  g_assert_cmpint (i, ==, (int) n);
  g_assert_false (mlr_boundary_state_is_test (s, i));
  g_assert_cmpuint (mlr_boundary_state_get_generation (s), >, gen);
  g_assert_cmpint (mlr_boundary_state_find_point (s, 0.5005, 0.2499, 0.01), ==, i);

  mlr_boundary_state_set_selected (s, i);
  mlr_boundary_state_move_point (s, i, 1000, -1000);  /* kept in the view */
  mlr_boundary_state_get_view (s, &x0, &x1, &y0, &y1);
  g_assert_cmpfloat (mlr_boundary_state_get_points (s)->x[2 * i], ==, x1);
  g_assert_cmpfloat (mlr_boundary_state_get_points (s)->x[2 * i + 1], ==, y0);
  /* the plane as shown may be wider than the view (equal aspect) */
  mlr_boundary_state_set_bounds (s, x0, x1, y0 - 1, y1 + 1);
  mlr_boundary_state_move_point (s, i, 0, y0 - 0.5);
  g_assert_cmpfloat (mlr_boundary_state_get_points (s)->x[2 * i + 1], ==, y0 - 0.5);

  /* removing an earlier point moves the selection with its point */
  g_assert_true (mlr_boundary_state_remove_point (s, 0));
  g_assert_cmpint (mlr_boundary_state_get_selected (s), ==, i - 1);
  g_assert_true (mlr_boundary_state_remove_point (s, i - 1));
  g_assert_cmpint (mlr_boundary_state_get_selected (s), ==, -1);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (s), ==, n - 1);

  /* a new class by hand */
  g_assert_cmpuint (mlr_boundary_state_get_n_classes (s), ==, 2);
  mlr_boundary_state_add_point (s, 0, 0, 2);
  g_assert_cmpuint (mlr_boundary_state_get_n_classes (s), ==, 3);

  mlr_boundary_state_restore (s);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (s), ==, n);
}

static void
test_fit_and_describe (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("dataset=moons", "model=svm", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const MlrBoundaryResult *r;

  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, &error));
  g_assert_no_error (error);
  r = mlr_boundary_state_get_result (s);
  assert_result_finite (r);
  g_assert_cmpuint (r->n_train, ==, 140);
  g_assert_cmpuint (r->n_test, ==, 60);
  g_assert_cmpuint (r->n_support, >, 0);
  g_assert_nonnull (r->decision);
  g_assert_cmpfloat ((double) r->test_correct / r->n_test, >, 0.85);
  {
    guint sum = 0;
    for (guint k = 0; k < 4; k++)
      sum += r->confusion[k];
    g_assert_cmpuint (sum, ==, r->n_test);
    g_assert_cmpuint (r->confusion[0] + r->confusion[3], ==, r->test_correct);
  }
  text = mlr_boundary_demo_describe_state (s);
  g_assert_true (g_str_has_prefix (text, "SVM (rbf) on moons, 200 points: train accuracy "));
  g_assert_nonnull (strstr (text, "%, test "));
}

static void
test_result_order (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("model=knn", NULL);
  MlrBoundaryJob *old_job, *new_job, *other_config;
  MlrBoundaryResult *old_r, *new_r, *other_r;

  old_job = mlr_boundary_state_new_job (s, &test_grid, 0);
  mlr_boundary_state_move_point (s, 0, 0.1, 0.1);
  new_job = mlr_boundary_state_new_job (s, &test_grid, 0);
  old_r = mlr_boundary_job_run (old_job);
  new_r = mlr_boundary_job_run (new_job);

  /* the newer answer arrives first; the older one must not replace it */
  g_assert_true (mlr_boundary_state_take_result (s, new_r));
  g_assert_false (mlr_boundary_state_take_result (s, old_r));
  g_assert_true (mlr_boundary_state_get_result (s) == new_r);
  g_assert_true (mlr_boundary_state_is_current (s));

  /* an answer for a configuration since changed is dropped */
  other_config = mlr_boundary_state_new_job (s, &test_grid, 0);
  other_r = mlr_boundary_job_run (other_config);
  mlr_boundary_state_set_param (s, "k", "7", NULL);
  g_assert_false (mlr_boundary_state_take_result (s, other_r));
  g_assert_false (mlr_boundary_state_is_current (s));

  /* a cancelled job answers nothing */
  mlr_boundary_job_free (other_config);
  other_config = mlr_boundary_state_new_job (s, &test_grid, 0);
  mlr_boundary_job_cancel (other_config);
  g_assert_null (mlr_boundary_job_run (other_config));

  mlr_boundary_job_free (old_job);
  mlr_boundary_job_free (new_job);
  mlr_boundary_job_free (other_config);
}

static void
test_reuse_classifier (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("model=forest", "n_trees=20", NULL);
  const MlrGrid bigger = { 90, 60, -2, 3, 2, -1.5 };
  const MlrBoundaryResult *r;
  double train;

  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, NULL));
  train = mlr_boundary_state_get_result (s)->train_correct;
  /* a new raster for the same data re-evaluates the fitted forest: same scores */
  g_assert_true (mlr_boundary_state_fit_sync (s, &bigger, NULL));
  r = mlr_boundary_state_get_result (s);
  g_assert_cmpuint (r->grid.width, ==, 90);
  g_assert_cmpfloat (r->train_correct, ==, train);
  g_assert_cmpfloat (r->fit_ms, <, 1.0);  /* no refit */
}

static void
test_mlp_steps (void)
{
  g_autoptr(MlrBoundaryState) a = state_from ("model=mlp", "hidden=8", "epochs=30", NULL);
  g_autoptr(MlrBoundaryState) b = state_from ("model=mlp", "hidden=8", "epochs=30", NULL);
  const MlrBoundaryResult *ra, *rb;

  /* a: back to epoch 0, then 5 + 5 epochs; b: trained straight to epoch 10 */
  mlr_boundary_state_mlp_reset (a);
  g_assert_true (mlr_boundary_state_fit_sync (a, &test_grid, NULL));
  g_assert_cmpuint (mlr_boundary_state_get_result (a)->epoch, ==, 0);
  for (int k = 0; k < 2; k++)
    {
      g_autoptr(MlrBoundaryJob) job = mlr_boundary_state_new_job (a, &test_grid, 5);
      g_assert_true (mlr_boundary_state_take_result (a, mlr_boundary_job_run (job)));
    }
  ra = mlr_boundary_state_get_result (a);
  g_assert_cmpuint (ra->epoch, ==, 10);
  g_assert_cmpuint (ra->n_loss, ==, 10);
  g_assert_cmpuint (ra->n_val_loss, ==, 10);
  g_assert_true (mlr_boundary_state_mlp_can_step (a));

  mlr_boundary_state_mlp_reset (b);
  g_assert_true (mlr_boundary_state_fit_sync (b, &test_grid, NULL));
  {
    g_autoptr(MlrBoundaryJob) job = mlr_boundary_state_new_job (b, &test_grid, 10);
    g_assert_true (mlr_boundary_state_take_result (b, mlr_boundary_job_run (job)));
  }
  rb = mlr_boundary_state_get_result (b);
  g_assert_cmpuint (rb->epoch, ==, 10);
  g_assert_cmpmem (ra->labels, test_grid.width * test_grid.height, rb->labels,
                   test_grid.width * test_grid.height);
  for (guint k = 0; k < 10; k++)
    g_assert_cmpfloat_with_epsilon (ra->loss[k], rb->loss[k], 1e-12);

  /* a change of data trains to the end again */
  mlr_boundary_state_move_point (a, 0, 0, 0);
  g_assert_cmpuint (mlr_boundary_state_get_mlp_target (a), ==, MLR_BOUNDARY_MLP_UNTIL_DONE);
  g_assert_true (mlr_boundary_state_fit_sync (a, &test_grid, NULL));
  g_assert_true (mlr_boundary_state_get_result (a)->training_done);
  g_assert_false (mlr_boundary_state_mlp_can_step (a));
}

static void
test_extremes (void)
{
  struct {
    const char *assignments[4];
    const char *note;     /* a substring of the notes, or NULL */
  } cases[] = {
    { { "model=svm", "C=1e6", "gamma=1e6", NULL }, NULL },
    { { "model=svm", "kernel=poly", "C=1e9", "degree=6" }, NULL },
    { { "model=knn", "k=100000", NULL }, "k = 100000" },
    { { "model=tree", "max_depth=100", NULL }, NULL },
    { { "model=logreg", "C=1e9", "degree=6", NULL }, NULL },
    { { "model=mlp", "lr=10", "epochs=50", NULL }, NULL },
    { { "n=100000", "model=nb", NULL }, "clamped to 5000" },
    { { "dataset=moons", "classes=5", NULL }, "classes applies to gaussian" },
    { { "model=knn", "C=3", NULL }, "C: not a parameter of knn" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrParams) params =
        mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
      g_autoptr(MlrBoundaryState) s = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *notes = NULL;

      for (guint k = 0; k < 4 && cases[i].assignments[k]; k++)
        g_assert_true (mlr_params_parse_assignment (params, cases[i].assignments[k], NULL));
      s = mlr_boundary_state_new (params, &error);
      g_assert_no_error (error);
      g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, &error));
      g_assert_no_error (error);
      assert_result_finite (mlr_boundary_state_get_result (s));
      notes = mlr_boundary_state_get_notes (s);
      if (cases[i].note)
        g_assert_nonnull (strstr (notes, cases[i].note));
    }
}

/* The loader's cheap check says what building the state says, message for message. */
static void
test_check_params (void)
{
  const char *cases[][4] = {
    { NULL },
    { "n=100000", "dataset=spiral", "classes=16", NULL },
    { "dataset=gaussian", "classes=16", "n=5", NULL },
    { "dataset=gaussian", "classes=16", "n=16", NULL },
    { "dataset=moons", "classes=5", NULL },
    { "model=knn", "C=3", NULL },
    { "model=mlp", "hidden=256,256,256,256", NULL },
    { "model=svm", "kernel=poly", "degree=6", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrParams) params =
        mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
      g_autoptr(MlrBoundaryState) s = NULL;
      g_autoptr(GError) built = NULL;
      g_autoptr(GError) checked = NULL;
      gboolean ok;

      for (guint k = 0; k < 4 && cases[i][k]; k++)
        g_assert_true (mlr_params_parse_assignment (params, cases[i][k], NULL));
      s = mlr_boundary_state_new (params, &built);
      ok = mlr_boundary_state_check_params (params, &checked);
      g_assert_cmpint (ok, ==, s != NULL);
      if (!ok)
        g_assert_cmpstr (checked->message, ==, built->message);
    }
  /* and one of them does fail: n below the number of classes */
  {
    g_autoptr(MlrParams) params =
      mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
    g_autoptr(GError) error = NULL;

    g_assert_true (mlr_params_parse_assignment (params, "dataset=gaussian", NULL));
    g_assert_true (mlr_params_parse_assignment (params, "classes=16", NULL));
    g_assert_true (mlr_params_parse_assignment (params, "n=5", NULL));
    g_assert_false (mlr_boundary_state_check_params (params, &error));
    g_assert_nonnull (strstr (error->message, "n: 5 is out of range"));
  }
}

static void
test_too_large_network (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("model=mlp", "hidden=1024,1024,1024",
                                              "epochs=5000", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (mlr_boundary_state_fit_sync (s, &test_grid, &error));
  g_assert_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_FIT);
  g_assert_nonnull (strstr (error->message, "too much work"));
  g_assert_null (mlr_boundary_state_get_result (s));
  text = mlr_boundary_demo_describe_state (s);
  g_assert_nonnull (strstr (text, "cannot fit"));
}

static void
test_large_network_coarse (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("model=mlp", "hidden=256,256", "epochs=3",
                                              "n=60", NULL);
  const MlrGrid big = { 300, 250, -2, 3, 2, -1.5 };
  const MlrBoundaryResult *r;
  g_autofree char *notes = NULL;

  g_assert_true (mlr_boundary_state_fit_sync (s, &big, NULL));
  r = mlr_boundary_state_get_result (s);
  g_assert_cmpuint (r->grid.width, <, 300);
  assert_result_finite (r);
  notes = mlr_boundary_state_get_notes (s);
  g_assert_nonnull (strstr (notes, "coarser"));
}

static void
test_missing_class (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("dataset=gaussian", "classes=3", "n=60",
                                              "split=0", NULL);
  g_autoptr(GError) error = NULL;
  const MlrDataset *pts;
  g_autofree char *notes = NULL;
  const MlrBoundaryResult *r;

  /* remove every point of class 1 */
  pts = mlr_boundary_state_get_points (s);
  for (int i = (int) pts->n_points - 1; i >= 0; i--)
    if (pts->y[i] == 1)
      mlr_boundary_state_remove_point (s, i);
  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, &error));
  g_assert_no_error (error);
  r = mlr_boundary_state_get_result (s);
  assert_result_finite (r);
  g_assert_cmpuint (r->n_classes, ==, 3);
  for (gsize c = 0; c < (gsize) r->grid.width * r->grid.height; c++)
    g_assert_cmpuint (r->labels[c], !=, 1);
  notes = mlr_boundary_state_get_notes (s);
  g_assert_nonnull (strstr (notes, "class 1 has no training points"));

  /* and then class 2 too: one class left cannot be fitted, the last picture stays */
  pts = mlr_boundary_state_get_points (s);
  for (int i = (int) pts->n_points - 1; i >= 0; i--)
    if (pts->y[i] == 2)
      mlr_boundary_state_remove_point (s, i);
  g_assert_false (mlr_boundary_state_fit_sync (s, &test_grid, &error));
  g_assert_nonnull (strstr (error->message, "only class 0"));
  g_assert_true (mlr_boundary_state_get_result (s) == r);
}

static void
test_set_points (void)
{
  g_autoptr(MlrBoundaryState) s = state_from (NULL);
  g_autoptr(MlrDataset) one = mlr_dataset_new (0, 0);
  g_autoptr(MlrDataset) big = mlr_dataset_new (0, 0);
  g_autoptr(MlrDataset) ok = mlr_dataset_new (0, 0);
  g_autoptr(GError) error = NULL;
  guint n = mlr_boundary_state_get_n_points (s);

  for (guint i = 0; i < 10; i++)
    mlr_dataset_append (one, i, i, 0);
  g_assert_false (mlr_boundary_state_set_points (s, one, "one.csv", &error));
  g_assert_nonnull (strstr (error->message, "one.csv: the points have only one class"));
  g_clear_error (&error);
  for (guint i = 0; i < MLR_BOUNDARY_MAX_POINTS + 1; i++)
    mlr_dataset_append (big, i, i, i % 2);
  g_assert_false (mlr_boundary_state_set_points (s, big, "big.csv", &error));
  g_assert_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (s), ==, n);
  g_assert_false (mlr_boundary_state_is_imported (s));

  for (guint i = 0; i < 40; i++)
    mlr_dataset_append (ok, 10 + i % 7, 20 + i / 7.0, i % 2);
  g_assert_true (mlr_boundary_state_set_points (s, ok, "mine.csv", NULL));
  g_assert_true (mlr_boundary_state_is_imported (s));
  g_assert_cmpuint (mlr_boundary_state_get_n_points (s), ==, 40);
  g_assert_cmpstr (mlr_boundary_state_data_title (s), ==, "mine.csv");
  {
    double x0, x1, y0, y1;
    mlr_boundary_state_get_view (s, &x0, &x1, &y0, &y1);
    g_assert_cmpfloat (x0, <, 10);
    g_assert_cmpfloat (x1, >, 16);
  }
  /* a dataset key brings the generator back */
  mlr_boundary_state_new_sample (s);
  g_assert_false (mlr_boundary_state_is_imported (s));
  g_assert_cmpuint (mlr_boundary_state_get_seed (s), ==, 1);
}

static void
test_format_percent (void)
{
  struct { guint c, t; const char *s; } cases[] = {
    { 97, 100, "97%" }, { 199, 200, "99%" }, { 200, 200, "100%" }, { 1, 300, "1%" },
    { 0, 10, "0%" }, { 0, 0, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = mlr_boundary_format_percent (cases[i].c, cases[i].t);
      g_assert_cmpstr (s, ==, cases[i].s);
    }
}

static void
collect (const char *name,
         GVariant   *value,
         gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (name), g_variant_ref_sink (value));
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
test_metrics (void)
{
  const MlrDemoSpec *spec = mlr_demo_registry_lookup ("decision-boundary")->spec;
  g_autoptr(MlrBoundaryState) s = state_from ("dataset=spiral", "model=mlp", "hidden=6,2",
                                              "epochs=20", NULL);
  g_autoptr(GHashTable) t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_variant_unref);
  const MlrBoundaryResult *r;

  /* before any picture: no accuracy a goal could meet */
  mlr_boundary_state_collect_metrics (s, collect, t);
  for (guint i = 0; spec->metrics[i]; i++)
    g_assert_true (g_hash_table_contains (t, spec->metrics[i]));
  g_assert_cmpuint (g_hash_table_size (t), ==, g_strv_length ((char **) spec->metrics));
  g_assert_cmpfloat (num (t, "test_accuracy"), ==, -1);
  g_assert_cmpstr (g_variant_get_string (g_hash_table_lookup (t, "dataset"), NULL), ==, "spiral");
  g_assert_cmpstr (g_variant_get_string (g_hash_table_lookup (t, "model"), NULL), ==, "mlp");
  g_assert_cmpfloat (num (t, "hidden_units"), ==, 8);
  g_assert_cmpfloat (num (t, "hidden_layers"), ==, 2);
  g_assert_cmpfloat (num (t, "n_classes"), ==, 3);
  g_assert_cmpfloat (num (t, "gamma"), ==, -1);  /* scale */

  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, NULL));
  r = mlr_boundary_state_get_result (s);
  mlr_boundary_state_collect_metrics (s, collect, t);
  g_assert_cmpfloat_with_epsilon (num (t, "test_accuracy"), (double) r->test_correct / r->n_test,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (num (t, "train_accuracy"),
                                  (double) r->train_correct / r->n_train, 1e-12);
  /* another configuration: the old score no longer counts */
  mlr_boundary_state_set_param (s, "hidden", "4", NULL);
  mlr_boundary_state_collect_metrics (s, collect, t);
  g_assert_cmpfloat (num (t, "test_accuracy"), ==, -1);
  g_assert_cmpfloat (num (t, "hidden_units"), ==, 4);
}

/* gb: depth 3 unless given (and the table says so), the stage shown in the title and the
 * metrics, stage 0 is the majority class everywhere, a stage past n_estimators is all. */
static void
test_gb_stages (void)
{
  g_autoptr(MlrBoundaryState) s = state_from ("dataset=moons", "model=gb", "stage=0", NULL);
  g_autoptr(MlrBoundaryState) deep = state_from ("model=gb", "max_depth=5", NULL);
  g_autoptr(GHashTable) t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_variant_unref);
  g_autofree char *title0 = NULL;
  g_autofree char *title = NULL;
  const MlrBoundaryResult *r;
  guint train_correct_0;

  g_assert_cmpstr (mlr_params_get_string (mlr_boundary_state_get_params (s), "max_depth"), ==,
                   "3");
  g_assert_cmpstr (mlr_params_get_string (mlr_boundary_state_get_params (deep), "max_depth"),
                   ==, "5");
  title0 = mlr_boundary_state_model_title (s);
  g_assert_cmpstr (title0, ==, "Gradient boosting (stage 0 of 100)");
  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, NULL));
  r = mlr_boundary_state_get_result (s);
  assert_result_finite (r);
  /* the prior: one class everywhere (moons has 100 of each; the split keeps 70 of each for
   * training, so the classes tie and the first wins) */
  for (gsize c = 0; c < (gsize) r->grid.width * r->grid.height; c++)
    g_assert_cmpuint (r->labels[c], ==, r->labels[0]);
  g_assert_cmpuint (r->train_correct, ==, r->n_train / 2);
  train_correct_0 = r->train_correct;

  g_assert_true (mlr_boundary_state_set_param (s, "stage", "20", NULL));
  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, NULL));
  r = mlr_boundary_state_get_result (s);
  g_assert_cmpuint (r->train_correct, >, train_correct_0);
  mlr_boundary_state_collect_metrics (s, collect, t);
  g_assert_cmpfloat (num (t, "stage"), ==, 20);
  g_assert_cmpfloat (num (t, "n_estimators"), ==, 100);
  g_assert_cmpfloat (num (t, "learning_rate"), ==, 0.1);
  g_assert_cmpfloat (num (t, "max_depth"), ==, 3);

  g_assert_true (mlr_boundary_state_set_param (s, "n_estimators", "10", NULL));
  g_assert_cmpuint (mlr_boundary_state_get_gb_stage (s), ==, 10);
  title = mlr_boundary_state_model_title (s);
  g_assert_cmpstr (title, ==, "Gradient boosting (stage 10 of 10)");
  g_assert_true (mlr_boundary_state_fit_sync (s, &test_grid, NULL));
  {
    g_autofree char *notes = mlr_boundary_state_get_notes (s);
    g_assert_nonnull (strstr (notes, "stage = 20 is beyond n_estimators = 10"));
  }
  /* switching away keeps the depth the control shows */
  g_assert_true (mlr_boundary_state_set_param (s, "model", "tree", NULL));
  g_assert_cmpstr (mlr_params_get_string (mlr_boundary_state_get_params (s), "max_depth"), ==,
                   "3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ml/boundary-state/table-keys", test_table_keys);
  g_test_add_func ("/ml/boundary-state/stratified-split", test_stratified_split);
  g_test_add_func ("/ml/boundary-state/edit-points", test_edit_points);
  g_test_add_func ("/ml/boundary-state/fit-and-describe", test_fit_and_describe);
  g_test_add_func ("/ml/boundary-state/result-order", test_result_order);
  g_test_add_func ("/ml/boundary-state/reuse-classifier", test_reuse_classifier);
  g_test_add_func ("/ml/boundary-state/mlp-steps", test_mlp_steps);
  g_test_add_func ("/ml/boundary-state/extremes", test_extremes);
  g_test_add_func ("/ml/boundary-state/check-params", test_check_params);
  g_test_add_func ("/ml/boundary-state/too-large-network", test_too_large_network);
  g_test_add_func ("/ml/boundary-state/large-network-coarse", test_large_network_coarse);
  g_test_add_func ("/ml/boundary-state/missing-class", test_missing_class);
  g_test_add_func ("/ml/boundary-state/set-points", test_set_points);
  g_test_add_func ("/ml/boundary-state/format-percent", test_format_percent);
  g_test_add_func ("/ml/boundary-state/metrics", test_metrics);
  g_test_add_func ("/ml/boundary-state/gb-stages", test_gb_stages);
  return g_test_run ();
}
