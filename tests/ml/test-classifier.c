/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classifiers: known answers on tiny hand-checkable sets (tree splits and impurities,
 * kNN on four points, naive Bayes moments, logistic regression optima, an SVM margin), then
 * properties every model must have (the grid agrees with predict_proba, determinism, worker
 * threads, degenerate data refused, extreme parameters neither hang nor produce NaN).
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "ml/mlr-classifier.h"
#include "ml/mlr-gboost.h"
#include "ml/mlr-knn.h"
#include "ml/mlr-logreg.h"
#include "ml/mlr-mlp.h"
#include "ml/mlr-naive-bayes.h"
#include "ml/mlr-rng.h"
#include "ml/mlr-svm.h"
#include "ml/mlr-tree.h"

static MlrDataset *
make_set (const double *xy,
          const guint8 *labels,
          guint         n)
{
  MlrDataset *ds = mlr_dataset_new (0, 0);

  for (guint i = 0; i < n; i++)
    mlr_dataset_append (ds, xy[2 * i], xy[2 * i + 1], labels[i]);
  return ds;
}

/* A classifier from "key=value" strings (NULL-terminated); asserts it is valid. */
static MlrClassifier *
make_classifier (MlrModelKind  kind,
                 const char   *first,
                 ...)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(GError) error = NULL;
  MlrClassifier *clf;
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    {
      mlr_params_parse_assignment (params, a, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  clf = mlr_classifier_new (kind, params, &error);
  g_assert_no_error (error);
  return clf;
}

static void
fit_ok (MlrClassifier    *clf,
        const MlrDataset *ds)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mlr_classifier_fit (clf, ds, &error));
  g_assert_no_error (error);
}

/* ---- gradient boosting ------------------------------------------------------------------ */

/* The share of each class, everywhere: stage 0 is the prior. */
static void
test_gb_stage0_prior (void)
{
  const double xy[] = { 0, 0, 1, 2, 2, 1, 3, 5, 4, 4, 5, 0, 6, 1, 7, 3 };
  const guint8 two[] = { 0, 0, 0, 1, 0, 0, 1, 0 };
  const guint8 three[] = { 0, 2, 1, 0, 0, 2, 1, 0 };
  const double q[] = { -10, 3, 2.5, 2.5, 100, -4 };

  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(MlrDataset) ds = make_set (xy, v == 0 ? two : three, 8);
      g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_GB, "stage=0", NULL);
      guint K = v == 0 ? 2 : 3;
      double p[3 * 3];

      fit_ok (clf, ds);
      g_assert_cmpuint (mlr_classifier_gb_get_n_stages (clf), ==, 0);
      mlr_classifier_predict_proba (clf, q, 3, p);
      for (guint i = 0; i < 3; i++)
        for (guint k = 0; k < K; k++)
          g_assert_cmpfloat_with_epsilon (p[i * K + k],
                                          mlr_dataset_count_label (ds, k) / 8.0, 1e-12);
    }
}

/* Two classes, one depth-1 stage, by hand: x1 = 0, 1, 2, 3 with labels 0, 0, 0, 1. The prior
 * is 1/4, so F0 = log (1/3) and the residuals y - 1/4 are -1/4, -1/4, -1/4, 3/4. Friedman's
 * (n_r S_l - n_l S_r)^2 / (n_l n_r) is 1/3, 1 and 3 for the splits after the first, second
 * and third point: the tree splits at x1 = 2.5. Left leaf: -3/4 / (3 x 3/16) = -4/3; right:
 * 3/4 / (3/16) = 4. */
static void
test_gb_one_stage_binary (void)
{
  const double xy[] = { 0, 0, 1, 0, 2, 0, 3, 0 };
  const guint8 y[] = { 0, 0, 0, 1 };
  const double q[] = { -5, 0, 2.4, 0, 2.6, 0, 9, 0 };
  const double lrs[] = { 0.1, 1 };

  for (guint v = 0; v < G_N_ELEMENTS (lrs); v++)
    {
      g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
      g_autofree char *lr = g_strdup_printf ("learning_rate=%g", lrs[v]);
      g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_GB, "n_estimators=1",
                                                      "max_depth=1", lr, NULL);
      double p[8];
      double left = 1 / (1 + exp (-(log (1.0 / 3) - lrs[v] * 4 / 3)));
      double right = 1 / (1 + exp (-(log (1.0 / 3) + lrs[v] * 4)));

      fit_ok (clf, ds);
      mlr_classifier_predict_proba (clf, q, 4, p);
      for (guint i = 0; i < 4; i++)
        {
          double want = i < 2 ? left : right;
          g_assert_cmpfloat_with_epsilon (p[2 * i + 1], want, 1e-12);
          g_assert_cmpfloat_with_epsilon (p[2 * i] + p[2 * i + 1], 1, 1e-15);
        }
    }
}

/* Three classes, one depth-1 stage, learning rate 1, by hand: x1 = 0, 1, 2 with labels 0, 1,
 * 2. The prior is 1/3 each, residuals y_k - 1/3. Class 0's tree splits at 0.5 (Friedman 2
 * against 1/2): leaves 2/3 x (2/3) / (2/9) = 2 and 2/3 x (-2/3) / (4/9) = -1; class 2's
 * mirrors it at 1.5; class 1's two splits tie (1/2 each) and the first, at 0.5, wins:
 * leaves 2/3 x (-1/3) / (2/9) = -1 and 2/3 x (1/3) / (4/9) = 1/2. */
static void
test_gb_one_stage_multiclass (void)
{
  const double xy[] = { 0, 0, 1, 0, 2, 0 };
  const guint8 y[] = { 0, 1, 2 };
  const double want_raw[3][3] = { { 2, -1, -1 }, { -1, 0.5, -1 }, { -1, 0.5, 2 } };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 3);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_GB, "n_estimators=1",
                                                  "max_depth=1", "learning_rate=1", NULL);
  double p[9];

  fit_ok (clf, ds);
  mlr_classifier_predict_proba (clf, xy, 3, p);
  for (guint i = 0; i < 3; i++)
    {
      double z = 0;
      for (guint k = 0; k < 3; k++)
        z += exp (want_raw[i][k]);
      for (guint k = 0; k < 3; k++)
        g_assert_cmpfloat_with_epsilon (p[3 * i + k], exp (want_raw[i][k]) / z, 1e-12);
    }
}

/* Showing stage s is the model of s stages; every row sums to 1; the loss falls. */
static void
test_gb_stages (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_SPIRAL, 240, 0.2, 3, 3, NULL);
  g_autoptr(MlrClassifier) staged = make_classifier (MLR_MODEL_GB, "stage=12", NULL);
  g_autoptr(MlrClassifier) short_ = make_classifier (MLR_MODEL_GB, "n_estimators=12", NULL);
  g_autoptr(MlrClassifier) beyond = make_classifier (MLR_MODEL_GB, "n_estimators=5",
                                                     "stage=50", NULL);
  g_autoptr(MlrClassifier) full = make_classifier (MLR_MODEL_GB, NULL);
  g_autoptr(MlrClassifier) prior = make_classifier (MLR_MODEL_GB, "stage=0", NULL);
  g_autofree double *a = g_new (double, 240 * 3);
  g_autofree double *b = g_new (double, 240 * 3);

  fit_ok (staged, ds);
  fit_ok (short_, ds);
  mlr_classifier_predict_proba (staged, ds->x, 240, a);
  mlr_classifier_predict_proba (short_, ds->x, 240, b);
  g_assert_cmpmem (a, 240 * 3 * sizeof (double), b, 240 * 3 * sizeof (double));
  for (guint i = 0; i < 240; i++)
    g_assert_cmpfloat_with_epsilon (a[3 * i] + a[3 * i + 1] + a[3 * i + 2], 1, 1e-12);
  g_assert_cmpuint (mlr_classifier_gb_get_n_stages (staged), ==, 12);
  g_assert_cmpuint (mlr_classifier_gb_get_n_estimators (staged), ==, 100);

  fit_ok (beyond, ds);
  g_assert_cmpuint (mlr_classifier_gb_get_n_stages (beyond), ==, 5);
  g_assert_cmpstr (mlr_classifier_get_notes (beyond), ==,
                   "gb: stage = 50 is beyond n_estimators = 5; showing all 5 stages");

  fit_ok (full, ds);
  fit_ok (prior, ds);
  g_assert_cmpfloat_with_epsilon (mlr_classifier_gb_get_train_loss (prior), log (3), 1e-3);
  g_assert_cmpfloat (mlr_classifier_gb_get_train_loss (staged), <,
                     mlr_classifier_gb_get_train_loss (prior));
  g_assert_cmpfloat (mlr_classifier_gb_get_train_loss (full), <,
                     mlr_classifier_gb_get_train_loss (staged));
  g_assert_cmpfloat (mlr_classifier_accuracy (full, ds), >, mlr_classifier_accuracy (staged, ds));
}

/* Hostile values: NaN and out-of-range are refused naming the range, a depth-3 default,
 * and the work bound. */
static void
test_gb_hostile (void)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(MlrDataset) big = mlr_dataset_generate (MLR_DATASET_MOONS, 30000, 0.2, 1, 2, NULL);
  g_autoptr(MlrClassifier) huge = make_classifier (MLR_MODEL_GB, "n_estimators=10000", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mlr_params_set (params, "learning_rate", "nan", &error));
  g_assert_cmpstr (error->message, ==, "learning_rate: “nan” is not a finite number");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "learning_rate", "0", &error));
  g_assert_nonnull (strstr (error->message, "1e-06 to 100"));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "n_estimators", "0", &error));
  g_assert_nonnull (strstr (error->message, "1 to 10000"));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "n_estimators", "1e12", &error));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "stage", "-1", &error));
  g_clear_error (&error);
  g_assert_true (mlr_params_set (params, "C", "1", NULL));
  g_assert_null (mlr_classifier_new (MLR_MODEL_GB, params, &error));
  g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_PARAM);
  g_clear_error (&error);

  g_assert_false (mlr_classifier_fit (huge, big, &error));
  g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "gb: 30000 points x 10000 stages x 1 trees "
                                                   "per stage x depth 3 is too much work"));
}

/* ---- trees ---------------------------------------------------------------------------- */

static void
test_tree_impurity (void)
{
  const double even[] = { 2, 2 }, skewed[] = { 3, 1 }, pure[] = { 4, 0 }, three[] = { 1, 1, 2 };

  g_assert_cmpfloat_with_epsilon (mlr_tree_impurity (MLR_CRITERION_GINI, even, 2), 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_tree_impurity (MLR_CRITERION_GINI, skewed, 2), 0.375, 1e-15);
  g_assert_cmpfloat (mlr_tree_impurity (MLR_CRITERION_GINI, pure, 2), ==, 0);
  g_assert_cmpfloat_with_epsilon (mlr_tree_impurity (MLR_CRITERION_GINI, three, 3), 0.625, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_tree_impurity (MLR_CRITERION_ENTROPY, even, 2), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_tree_impurity (MLR_CRITERION_ENTROPY, skewed, 2),
                                  0.8112781244591328, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_tree_impurity (MLR_CRITERION_ENTROPY, three, 3), 1.5, 1e-15);
}

static void
test_tree_midpoint (void)
{
  /* x1 = 0, 1, 2, 3 labelled 0, 0, 1, 1; x2 is noise that cannot split as well. */
  const double xy[] = { 0, 5, 1, 1, 2, 4, 3, 2 };
  const guint8 y[] = { 0, 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
  MlrTreeOptions opt = { MLR_CRITERION_GINI, 0, 1, 2 };
  g_autoptr(MlrTree) tree = mlr_tree_fit (&opt, ds);
  guint feature, left, right;
  double threshold;

  g_assert_cmpuint (mlr_tree_get_n_nodes (tree), ==, 3);
  g_assert_cmpuint (mlr_tree_get_depth (tree), ==, 1);
  g_assert_true (mlr_tree_get_node (tree, 0, &feature, &threshold, &left, &right));
  g_assert_cmpuint (feature, ==, 0);
  g_assert_cmpfloat (threshold, ==, 1.5);
  g_assert_cmpfloat (mlr_tree_get_node_impurity (tree, 0), ==, 0.5);
  g_assert_cmpfloat (mlr_tree_get_node_impurity (tree, left), ==, 0);
  g_assert_cmpfloat (mlr_tree_leaf_proba (tree, 1.5, 0)[0], ==, 1);   /* x <= t goes left */
  g_assert_cmpfloat (mlr_tree_leaf_proba (tree, 1.50001, 0)[1], ==, 1);
}

static void
test_tree_depth_limit (void)
{
  /* XOR on four points: no single split helps, yet CART splits (as scikit-learn does) and
   * needs depth 2 to be pure. */
  const double xy[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  const guint8 y[] = { 0, 1, 1, 0 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
  MlrTreeOptions shallow = { MLR_CRITERION_GINI, 1, 1, 2 };
  MlrTreeOptions full = { MLR_CRITERION_GINI, 0, 1, 2 };
  g_autoptr(MlrTree) t1 = mlr_tree_fit (&shallow, ds);
  g_autoptr(MlrTree) t2 = mlr_tree_fit (&full, ds);
  guint feature, left, right;
  double threshold;

  g_assert_cmpuint (mlr_tree_get_depth (t1), ==, 1);
  g_assert_cmpuint (mlr_tree_get_n_leaves (t1), ==, 2);
  g_assert_cmpfloat (mlr_tree_leaf_proba (t1, 0, 0)[0], ==, 0.5);
  g_assert_cmpuint (mlr_tree_get_depth (t2), ==, 2);
  g_assert_cmpuint (mlr_tree_get_n_leaves (t2), ==, 4);
  /* Equal gains: the first feature wins; then each child splits on x2 at 0.5. */
  g_assert_true (mlr_tree_get_node (t2, 0, &feature, &threshold, &left, &right));
  g_assert_cmpuint (feature, ==, 0);
  g_assert_cmpfloat (threshold, ==, 0.5);
  g_assert_true (mlr_tree_get_node (t2, left, &feature, &threshold, &left, &right));
  g_assert_cmpuint (feature, ==, 1);
  g_assert_cmpfloat (threshold, ==, 0.5);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (mlr_tree_leaf_proba (t2, xy[2 * i], xy[2 * i + 1])[y[i]], ==, 1);
}

static void
test_tree_min_samples_leaf (void)
{
  /* 0 0 0 1 | 1 1: the best split (3.5) leaves 2 points; min_samples_leaf=3 forces 2.5. */
  const double xy[] = { 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0 };
  const guint8 y[] = { 0, 0, 0, 1, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 6);
  MlrTreeOptions opt = { MLR_CRITERION_GINI, 0, 3, 2 };
  g_autoptr(MlrTree) tree = mlr_tree_fit (&opt, ds);
  guint feature, left, right;
  double threshold;

  g_assert_true (mlr_tree_get_node (tree, 0, &feature, &threshold, &left, &right));
  g_assert_cmpfloat (threshold, ==, 2.5);
  g_assert_cmpuint (mlr_tree_get_n_leaves (tree), ==, 2);
}

static void
test_tree_entropy (void)
{
  /* Gini and entropy disagree here: 5 points [0 0 0 1 1 | ...]. Both must find a pure
   * split when one exists. */
  const double xy[] = { 0, 0, 1, 0, 2, 0, 3, 0, 4, 0 };
  const guint8 y[] = { 0, 0, 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 5);
  MlrTreeOptions opt = { MLR_CRITERION_ENTROPY, 0, 1, 2 };
  g_autoptr(MlrTree) tree = mlr_tree_fit (&opt, ds);
  guint feature, left, right;
  double threshold;

  g_assert_true (mlr_tree_get_node (tree, 0, &feature, &threshold, &left, &right));
  g_assert_cmpfloat (threshold, ==, 2.5);
  g_assert_cmpfloat_with_epsilon (mlr_tree_get_node_impurity (tree, 0), 0.9709505944546686, 1e-15);
}

static void
test_tree_splits (void)
{
  /* The drawing accessor, in data coordinates (standardization on). */
  const double xy[] = { 0, 0, 0, 10, 10, 0, 10, 10 };
  const guint8 y[] = { 0, 1, 1, 0 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_TREE, NULL);
  g_autofree MlrTreeSplit *splits = NULL;
  guint n;

  fit_ok (clf, ds);
  g_assert_cmpuint (mlr_classifier_get_n_trees (clf), ==, 1);
  g_assert_cmpuint (mlr_classifier_get_tree_depth (clf, 0), ==, 2);
  g_assert_cmpuint (mlr_classifier_get_tree_n_leaves (clf, 0), ==, 4);
  splits = mlr_classifier_get_tree_splits (clf, 0, -5, 15, 20, -10, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (splits[0].depth, ==, 0);
  g_assert_cmpuint (splits[0].axis, ==, 0);
  g_assert_cmpfloat_with_epsilon (splits[0].threshold, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[0].x0, -5, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[0].x1, 15, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[0].y0, -10, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[0].y1, 20, 1e-12);
  /* The left child's split runs across the left half only. */
  g_assert_cmpuint (splits[1].depth, ==, 1);
  g_assert_cmpuint (splits[1].axis, ==, 1);
  g_assert_cmpfloat_with_epsilon (splits[1].threshold, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[1].x0, -5, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[1].x1, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[2].x0, 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (splits[2].x1, 15, 1e-12);
  g_clear_pointer (&splits, g_free);

  /* A view that misses the vertical line: only the horizontal one shows. */
  splits = mlr_classifier_get_tree_splits (clf, 0, 6, 9, 0, 10, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (splits[0].axis, ==, 1);
}

static void
test_forest (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 200, 0.25, 3, 2, NULL);
  g_autoptr(MlrClassifier) a = make_classifier (MLR_MODEL_FOREST, "n_trees=25", "seed=7", NULL);
  g_autoptr(MlrClassifier) b = make_classifier (MLR_MODEL_FOREST, "n_trees=25", "seed=7", NULL);
  g_autoptr(MlrClassifier) c = make_classifier (MLR_MODEL_FOREST, "n_trees=25", "seed=8", NULL);
  double pa[400], pb[400], pc[400];

  fit_ok (a, ds);
  fit_ok (b, ds);
  fit_ok (c, ds);
  g_assert_cmpuint (mlr_classifier_get_n_trees (a), ==, 25);
  mlr_classifier_predict_proba (a, ds->x, 200, pa);
  mlr_classifier_predict_proba (b, ds->x, 200, pb);
  mlr_classifier_predict_proba (c, ds->x, 200, pc);
  g_assert_cmpmem (pa, sizeof pa, pb, sizeof pb);
  g_assert_false (memcmp (pa, pc, sizeof pa) == 0);
  /* Probabilities are means of 25 tree probabilities. */
  for (guint i = 0; i < 400; i++)
    g_assert_cmpfloat (pa[i], >=, 0);
  g_assert_cmpfloat (mlr_classifier_accuracy (a, ds), >, 0.97);
}

/* ---- kNN ------------------------------------------------------------------------------ */

static void
test_knn_four_points (void)
{
  const double xy[] = { 0, 0, 1, 0, 0, 1, 3, 3 };
  const guint8 y[] = { 0, 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
  g_autoptr(MlrKnn) k1 = mlr_knn_fit (1, ds);
  g_autoptr(MlrKnn) k3 = mlr_knn_fit (3, ds);
  double q[] = { 0.1, 0.1, 2.5, 2.5, 0.5, 0.5 };
  double p[6];
  guint idx[3];
  double d[3];

  mlr_knn_predict_proba (k1, q, 3, p);
  g_assert_cmpfloat (p[0], ==, 1);
  g_assert_cmpfloat (p[3], ==, 1);
  /* (0.5, 0.5) is equally far from (0,0), (1,0), (0,1): the first row wins the tie. */
  g_assert_cmpfloat (p[4], ==, 1);

  mlr_knn_predict_proba (k3, q, 3, p);
  g_assert_cmpfloat_with_epsilon (p[0], 2.0 / 3, 1e-15);
  g_assert_cmpfloat_with_epsilon (p[1], 1.0 / 3, 1e-15);
  /* From (2.5, 2.5): (3,3), then (1,0) and (0,1) tie at the same distance. */
  mlr_knn_kneighbors (k3, 2.5, 2.5, idx, d);
  g_assert_cmpuint (idx[0], ==, 3);
  g_assert_cmpuint (idx[1], ==, 1);
  g_assert_cmpuint (idx[2], ==, 2);
  g_assert_cmpfloat_with_epsilon (d[0], sqrt (0.5), 1e-15);
  g_assert_cmpfloat_with_epsilon (d[1], sqrt (1.5 * 1.5 + 2.5 * 2.5), 1e-15);
}

static void
test_knn_vote_tie (void)
{
  /* k = 2 with one neighbour of each class: scikit-learn picks the lower label. */
  const double xy[] = { 0, 0, 2, 0 };
  const guint8 y[] = { 1, 0 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 2);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_KNN, "k=2", "standardize=false", NULL);
  double q[] = { 0.3, 0 };
  guint8 label;

  fit_ok (clf, ds);
  mlr_classifier_predict (clf, q, 1, &label);
  g_assert_cmpuint (label, ==, 0);
}

/* Brute force, the definition: all training rows sorted by (squared distance, row). */
typedef struct { double d2; guint index; } Ranked;

static int
cmp_ranked (const void *a,
            const void *b)
{
  const Ranked *p = a, *q = b;

  if (p->d2 != q->d2)
    return p->d2 < q->d2 ? -1 : 1;
  return (p->index > q->index) - (p->index < q->index);
}

static void
test_knn_many_ties (void)
{
  /* 600 points on a 7 x 7 lattice: every point has dozens of exact duplicates and every
   * query dozens of neighbours at the same distance, so the k-th place is decided by the
   * row order alone. The kd-tree query, the per-point probabilities and the block-wise grid
   * must all pick exactly the brute-force set, for k on both sides of the grid's 64-candidate
   * shortcut and up to n - 1. */
  const guint n = 600, ks[] = { 1, 7, 63, 64, 65, 200, 599 };
  g_autoptr(MlrDataset) ds = mlr_dataset_new (0, 0);
  MlrRng rng;
  double xs[23], ys[17];
  Ranked *all = g_new (Ranked, n);

  mlr_rng_init (&rng, 42);
  for (guint i = 0; i < n; i++)
    mlr_dataset_append (ds, (double) (mlr_rng_next (&rng) % 7),
                           (double) (mlr_rng_next (&rng) % 7), (guint8) (mlr_rng_next (&rng) % 3));
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    xs[i] = -1 + 8.0 * i / (G_N_ELEMENTS (xs) - 1);
  for (guint j = 0; j < G_N_ELEMENTS (ys); j++)
    ys[j] = -1 + 8.0 * j / (G_N_ELEMENTS (ys) - 1);

  for (guint t = 0; t < G_N_ELEMENTS (ks); t++)
    {
      guint k = ks[t];
      g_autoptr(MlrKnn) knn = mlr_knn_fit (k, ds);
      g_autofree guint *idx = g_new (guint, k);
      g_autofree double *dist = g_new (double, k);
      guint8 labels[G_N_ELEMENTS (xs) * G_N_ELEMENTS (ys)];
      float conf[G_N_ELEMENTS (xs) * G_N_ELEMENTS (ys)];

      mlr_knn_eval_grid (knn, xs, G_N_ELEMENTS (xs), ys, G_N_ELEMENTS (ys), labels, conf);
      for (guint j = 0; j < G_N_ELEMENTS (ys); j++)
        for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
          {
            double q[2] = { xs[i], ys[j] }, p[3];
            guint votes[3] = { 0 }, top = 0;

            for (guint r = 0; r < n; r++)
              {
                double dx = ds->x[2 * r] - q[0], dy = ds->x[2 * r + 1] - q[1];
                all[r] = (Ranked) { dx * dx + dy * dy, r };
              }
            qsort (all, n, sizeof (Ranked), cmp_ranked);
            mlr_knn_kneighbors (knn, q[0], q[1], idx, dist);
            for (guint m = 0; m < k; m++)
              {
                g_assert_cmpuint (idx[m], ==, all[m].index);
                g_assert_cmpfloat (dist[m], ==, sqrt (all[m].d2));
                votes[ds->y[all[m].index]]++;
              }
            for (guint c = 1; c < 3; c++)
              if (votes[c] > votes[top])
                top = c;
            mlr_knn_predict_proba (knn, q, 1, p);
            for (guint c = 0; c < 3; c++)
              g_assert_cmpfloat (p[c], ==, (double) votes[c] / k);
            g_assert_cmpuint (labels[j * G_N_ELEMENTS (xs) + i], ==, top);
            g_assert_cmpfloat (conf[j * G_N_ELEMENTS (xs) + i], ==, (float) ((double) votes[top] / k));
          }
    }
  g_free (all);
}

static void
test_knn_clamp (void)
{
  const double xy[] = { 0, 0, 1, 0, 5, 5 };
  const guint8 y[] = { 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 3);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_KNN, "k=50", NULL);
  double q[] = { 0, 0 }, p[2];

  fit_ok (clf, ds);
  g_assert_cmpstr (mlr_classifier_get_notes (clf), ==,
                   "knn: k = 50 is more than the 3 training points; using k = 3");
  mlr_classifier_predict_proba (clf, q, 1, p);
  g_assert_cmpfloat_with_epsilon (p[1], 2.0 / 3, 1e-15);
}

/* ---- naive Bayes ---------------------------------------------------------------------- */

static void
test_nb_moments (void)
{
  const double xy[] = { 0, 0, 2, 0, 1, 3, 5, 5, 7, 5, 6, 8 };
  const guint8 y[] = { 0, 0, 0, 1, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 6);
  g_autoptr(MlrNaiveBayes) nb = mlr_naive_bayes_fit (1e-9, ds);
  double prior, mean[2], var[2], q[] = { 3, 3 }, p[2];
  /* Largest variance over all points: x2's, 33/6 - (7/2)^2 = 8.25 (values from scikit-learn's
   * GaussianNB: epsilon_ = 8.25e-9). */
  double eps = 1e-9 * 8.25;

  mlr_naive_bayes_get_class (nb, 0, &prior, mean, var);
  g_assert_cmpfloat (prior, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (mean[0], 1, 1e-15);
  g_assert_cmpfloat_with_epsilon (mean[1], 1, 1e-15);
  g_assert_cmpfloat_with_epsilon (var[0], 2.0 / 3 + eps, 1e-15);
  g_assert_cmpfloat_with_epsilon (var[1], 2 + eps, 1e-15);
  mlr_naive_bayes_get_class (nb, 1, &prior, mean, var);
  g_assert_cmpfloat_with_epsilon (mean[0], 6, 1e-15);
  g_assert_cmpfloat_with_epsilon (var[1], 2 + eps, 1e-15);

  mlr_naive_bayes_predict_proba (nb, q, 1, p);
  g_assert_cmpfloat_with_epsilon (p[0], 0.99330715, 1e-8);
}

static void
test_nb_identical_points (void)
{
  /* All points equal: variances would be 0; the floor keeps everything finite. */
  const double xy[] = { 1, 1, 1, 1, 1, 1 };
  const guint8 y[] = { 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 3);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_NB, NULL);
  double q[] = { 1, 1, 50, -3 }, p[4];

  fit_ok (clf, ds);
  mlr_classifier_predict_proba (clf, q, 2, p);
  g_assert_cmpfloat_with_epsilon (p[1], 2.0 / 3, 1e-12);
  for (guint i = 0; i < 4; i++)
    g_assert_true (isfinite (p[i]));
}

/* ---- logistic regression -------------------------------------------------------------- */

static void
test_logreg_symmetric (void)
{
  /* Two points at -1 and 1, C = 1: by symmetry b = 0 and w solves w = 2 / (1 + e^w). */
  const double xy[] = { -1, 0, 1, 0 };
  const guint8 y[] = { 0, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 2);
  MlrLogregOptions opt = { 1.0, 1 };
  g_autoptr(MlrLogreg) lr = mlr_logreg_fit (&opt, ds);
  guint rows, nf;
  const double *w = mlr_logreg_get_coef (lr, &rows, &nf);

  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpuint (nf, ==, 2);
  g_assert_true (mlr_logreg_get_converged (lr));
  g_assert_cmpfloat_with_epsilon (w[0], 0.6748316143424005, 1e-9);
  g_assert_cmpfloat_with_epsilon (w[1], 0, 1e-10);
  g_assert_cmpfloat_with_epsilon (mlr_logreg_get_intercept (lr)[0], 0, 1e-10);
}

static void
test_logreg_overlapping (void)
{
  /* Overlapping classes, C = 2. Reference: SciPy's BFGS to a gradient of 1e-13 (scikit-learn's
   * LogisticRegression(C=2, tol=1e-12) agrees to 1e-8). */
  const double xy[] = { 0, 0, 1, 0, 2, 0, 3, 0, 1.5, 1, 2.5, -1 };
  const guint8 y[] = { 0, 0, 1, 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 6);
  MlrLogregOptions opt = { 2.0, 1 };
  g_autoptr(MlrLogreg) lr = mlr_logreg_fit (&opt, ds);
  guint rows, nf;
  const double *w = mlr_logreg_get_coef (lr, &rows, &nf);

  g_assert_cmpfloat_with_epsilon (w[0], 0.546292024286, 1e-9);
  g_assert_cmpfloat_with_epsilon (w[1], 0.135933903148, 1e-9);
  g_assert_cmpfloat_with_epsilon (mlr_logreg_get_intercept (lr)[0], -0.91550996381, 1e-9);
}

static void
test_logreg_separable (void)
{
  /* Separable: a large C drives the training points to near-certain probabilities, a small
   * one keeps them close to 0.5. */
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_LINEAR, 100, 0, 1, 2, NULL);
  g_autoptr(MlrClassifier) hard = make_classifier (MLR_MODEL_LOGREG, "C=1e6", NULL);
  g_autoptr(MlrClassifier) soft = make_classifier (MLR_MODEL_LOGREG, "C=0.0001", NULL);
  double ph[200], ps[200];

  fit_ok (hard, ds);
  fit_ok (soft, ds);
  g_assert_cmpfloat (mlr_classifier_accuracy (hard, ds), ==, 1);
  mlr_classifier_predict_proba (hard, ds->x, 100, ph);
  mlr_classifier_predict_proba (soft, ds->x, 100, ps);
  for (guint i = 0; i < 100; i++)
    {
      g_assert_cmpfloat (ph[2 * i + ds->y[i]], >, 0.99);
      g_assert_cmpfloat (fabs (ps[2 * i] - 0.5), <, 0.05);
    }
}

static void
test_logreg_multinomial (void)
{
  /* Three classes, C = 0.5. Reference: the optimum found by SciPy's BFGS to a gradient of
   * 6e-13 (scikit-learn's lbfgs with tol=1e-12 stops within 2e-6 of it). */
  const double xy[] = { 0, 0, 0.5, 0.2, 3, 0, 3.2, 0.4, 0, 3, 0.3, 3.5, 1, 1 };
  const guint8 y[] = { 0, 0, 1, 1, 2, 2, 0 };
  const double coef[] = { -0.429098724649, -0.44091304182, 0.681237858059, -0.227277416693,
                          -0.25213913341, 0.668190458514 };
  const double icpt[] = { 1.522165899873, -0.758946844826, -0.763219055048 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 7);
  MlrLogregOptions opt = { 0.5, 1 };
  g_autoptr(MlrLogreg) lr = mlr_logreg_fit (&opt, ds);
  guint rows, nf;
  const double *w = mlr_logreg_get_coef (lr, &rows, &nf);
  double q[] = { 1, 2 }, p[3];

  g_assert_cmpuint (rows, ==, 3);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (w[i], coef[i], 1e-8);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (mlr_logreg_get_intercept (lr)[i], icpt[i], 1e-8);
  mlr_logreg_predict_proba (lr, q, 1, p);
  g_assert_cmpfloat_with_epsilon (p[0], 0.385880040598, 1e-9);
  g_assert_cmpfloat_with_epsilon (p[2], 0.430655377672, 1e-9);
}

static void
test_logreg_degree (void)
{
  /* Circles are not linearly separable; degree 2 features make them so. */
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_CIRCLES, 200, 0.02, 1, 2, NULL);
  g_autoptr(MlrClassifier) line = make_classifier (MLR_MODEL_LOGREG, NULL);
  g_autoptr(MlrClassifier) quad = make_classifier (MLR_MODEL_LOGREG, "degree=2", "C=100", NULL);

  fit_ok (line, ds);
  fit_ok (quad, ds);
  g_assert_cmpfloat (mlr_classifier_accuracy (line, ds), <, 0.75);
  g_assert_cmpfloat (mlr_classifier_accuracy (quad, ds), ==, 1);
  g_assert_cmpuint (mlr_classifier_logreg_get_n_iter (quad), >, 0);
}

/* ---- SVM ------------------------------------------------------------------------------ */

static void
test_svm_margin (void)
{
  /* Class 0 at x1 = -1, class 1 at x1 = 1 (two points each): the maximum-margin line is
   * x1 = 0, w = (1, 0), margin 2 / |w| = 2, all four points on the margin. */
  const double xy[] = { -1, 0, -1, 1, 1, 0, 1, 1 };
  const guint8 y[] = { 0, 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_SVM, "kernel=linear", "C=1000",
                                                  "standardize=false", NULL);
  double q[] = { -1, 0, 1, 1, 0.5, 7, -3, -3 }, d[4], sv[8], sum_alpha = 0;
  guint idx[4];

  fit_ok (clf, ds);
  g_assert_true (mlr_classifier_svm_get_converged (clf));
  g_assert_cmpuint (mlr_classifier_svm_get_n_decision (clf), ==, 1);
  mlr_classifier_svm_decision_function (clf, q, 4, d);
  g_assert_cmpfloat_with_epsilon (d[0], -1, 2e-3);
  g_assert_cmpfloat_with_epsilon (d[1], 1, 2e-3);
  g_assert_cmpfloat_with_epsilon (d[2], 0.5, 2e-3);
  g_assert_cmpfloat_with_epsilon (d[3], -3, 6e-3);

  /* The dual: sum alpha_i y_i x_i = w, so the alphas sum to |w|^2 = 1 here. */
  g_assert_cmpuint (mlr_classifier_svm_get_n_support (clf), >=, 2);
  mlr_classifier_svm_get_support (clf, sv, idx);
  for (guint i = 0; i < mlr_classifier_svm_get_n_support (clf); i++)
    g_assert_cmpfloat (fabs (sv[2 * i]), ==, 1);
  {
    MlrSvmOptions opt = { MLR_KERNEL_LINEAR, 1000, 1, 3, 0, 1e-3 };
    g_autoptr(MlrSvm) svm = mlr_svm_fit (&opt, ds);
    for (guint i = 0; i < mlr_svm_get_n_support (svm); i++)
      sum_alpha += fabs (mlr_svm_get_dual_coef (svm, 0, i));
    g_assert_cmpfloat_with_epsilon (sum_alpha, 1, 2e-3);
    g_assert_cmpfloat_with_epsilon (mlr_svm_get_intercept (svm, 0), 0, 2e-3);
  }
}

static void
test_svm_gamma_scale (void)
{
  const double xy[] = { 0, 0, 2, 0, 0, 4, 2, 4 };
  const guint8 y[] = { 0, 0, 1, 1 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);

  /* All 8 coordinates: mean 1.5, variance (4 * 2.25 + 2 * 0.25 + 2 * 6.25) / 8 = 2.75. */
  g_assert_cmpfloat_with_epsilon (mlr_svm_gamma_scale (ds), 1 / (2 * 2.75), 1e-15);
}

static void
test_svm_multiclass (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_GAUSSIAN, 150, 0, 4, 3, NULL);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_SVM, NULL);
  double d[3 * 150];

  fit_ok (clf, ds);
  g_assert_cmpuint (mlr_classifier_get_n_classes (clf), ==, 3);
  g_assert_cmpuint (mlr_classifier_svm_get_n_decision (clf), ==, 3);
  g_assert_cmpfloat (mlr_classifier_accuracy (clf, ds), >, 0.97);
  mlr_classifier_svm_decision_function (clf, ds->x, 150, d);
  /* ovr scores: votes (0..2) plus a confidence in (-1/3, 1/3). */
  for (guint i = 0; i < 3 * 150; i++)
    g_assert_cmpfloat (d[i], >, -1.0 / 3);
}

/* ---- MLP ------------------------------------------------------------------------------ */

static void
test_mlp_epochs (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 120, 0.2, 1, 2, NULL);
  g_autoptr(MlrDataset) val = mlr_dataset_generate (MLR_DATASET_MOONS, 60, 0.2, 2, 2, NULL);
  g_autoptr(MlrClassifier) whole = make_classifier (MLR_MODEL_MLP, "hidden=8", "epochs=30",
                                                    "lr=0.01", NULL);
  g_autoptr(MlrClassifier) steps = make_classifier (MLR_MODEL_MLP, "hidden=8", "epochs=30",
                                                    "lr=0.01", NULL);
  const double *h1, *h2, *hv;
  guint n1, n2, nv;

  fit_ok (whole, ds);
  g_assert_true (mlr_classifier_mlp_start (steps, ds, NULL));
  g_assert_cmpuint (mlr_classifier_mlp_get_epoch (steps), ==, 0);
  g_assert_true (mlr_classifier_mlp_set_validation (steps, val, NULL));
  /* An untrained network predicts already. */
  g_assert_cmpfloat (mlr_classifier_accuracy (steps, ds), >=, 0);
  while (!mlr_classifier_mlp_is_done (steps))
    mlr_classifier_mlp_step (steps, 1);

  h1 = mlr_classifier_mlp_get_loss_history (whole, &n1);
  h2 = mlr_classifier_mlp_get_loss_history (steps, &n2);
  hv = mlr_classifier_mlp_get_validation_history (steps, &nv);
  g_assert_cmpuint (n1, ==, 30);
  g_assert_cmpuint (n2, ==, 30);
  g_assert_cmpuint (nv, ==, 30);
  /* Epoch by epoch is the same computation as a whole fit. */
  g_assert_cmpmem (h1, n1 * sizeof (double), h2, n2 * sizeof (double));
  g_assert_cmpfloat (h1[29], <, h1[0]);
  g_assert_cmpfloat (hv[29], <, hv[0]);
  for (guint i = 0; i < nv; i++)
    g_assert_true (isfinite (hv[i]) && hv[i] > 0);
}

static void
test_mlp_xor (void)
{
  const double xy[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  const guint8 y[] = { 0, 1, 1, 0 };
  g_autoptr(MlrDataset) ds = make_set (xy, y, 4);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_MLP, "hidden=8", "activation=tanh",
                                                  "lr=0.05", "epochs=2000", "seed=3", NULL);

  fit_ok (clf, ds);
  g_assert_cmpfloat (mlr_classifier_accuracy (clf, ds), ==, 1);
}

static void
test_mlp_multiclass_sgd (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_GAUSSIAN, 150, 0, 5, 4, NULL);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_MLP, "hidden=16,16", "solver=sgd",
                                                  "lr=0.05", "batch=32", NULL);

  fit_ok (clf, ds);
  g_assert_cmpfloat (mlr_classifier_accuracy (clf, ds), >, 0.9);
}

static void
test_mlp_diverge (void)
{
  /* A huge learning rate on unscaled data: training must stop with finite weights. */
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 100, 0.3, 1, 2, NULL);
  g_autoptr(MlrClassifier) clf = make_classifier (MLR_MODEL_MLP, "lr=10", "solver=sgd",
                                                  "standardize=false", "alpha=0", NULL);
  double p[200];

  for (guint i = 0; i < 200; i++)
    ds->x[i] *= 1e6;
  fit_ok (clf, ds);
  mlr_classifier_predict_proba (clf, ds->x, 100, p);
  for (guint i = 0; i < 200; i++)
    g_assert_true (isfinite (p[i]));
}

/* ---- every model ---------------------------------------------------------------------- */

/* The grid fast paths give the labels predict_proba gives for the cell centres (up to ties
 * within rounding), for flipped axes too. */
static void
test_grid_matches_predict (void)
{
  const char *variants[][3] = {
    { NULL }, { "degree=3" }, { "k=1" }, { "k=15" }, { "max_depth=3" }, { "criterion=entropy" },
    { "n_trees=20", "max_features=all" }, { "kernel=linear" }, { "kernel=poly" },
    { "gamma=5", "C=10" }, { "hidden=16,16" }, { "activation=tanh" }, { "activation=identity" },
    { "n_estimators=30", "learning_rate=0.5" }, { "stage=0" }, { "stage=7", "max_depth=none" },
  };
  const MlrDatasetKind sets[] = { MLR_DATASET_MOONS, MLR_DATASET_GAUSSIAN, MLR_DATASET_SPIRAL };
  const guint classes[] = { 2, 4, 3 };
  const guint w = 57, h = 41;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autoptr(MlrDataset) ds = mlr_dataset_generate (sets[s], 150, 0.2, s, classes[s], NULL);

      for (guint m = 0; m < MLR_N_MODELS; m++)
        for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
          {
            guint n_specs;
            const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
            g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
            g_autoptr(MlrClassifier) clf = NULL;
            gboolean applies = TRUE;
            MlrGrid grid = { w, h, 0, 0, 0, 0 };
            guint8 labels[57 * 41];
            float conf[57 * 41];
            double pts[2 * 57 * 41], proba[57 * 41 * 4];
            guint K;

            for (guint a = 0; a < 3 && variants[v][a] != NULL; a++)
              {
                g_autofree char *key = g_strndup (variants[v][a],
                                                  strchr (variants[v][a], '=') - variants[v][a]);
                applies = applies && mlr_model_accepts_key (m, key);
                mlr_params_parse_assignment (params, variants[v][a], NULL);
              }
            if (!applies)
              continue;
            clf = mlr_classifier_new (m, params, NULL);
            fit_ok (clf, ds);
            K = mlr_classifier_get_n_classes (clf);

            /* x runs right to left, y top-down as on screen. */
            mlr_dataset_get_bounds (ds, 0.5, &grid.x1, &grid.x0, &grid.y1, &grid.y0);
            mlr_classifier_eval_grid (clf, &grid, labels, conf);
            for (guint j = 0; j < h; j++)
              for (guint i = 0; i < w; i++)
                mlr_grid_cell_center (&grid, i, j, &pts[2 * (j * w + i)], &pts[2 * (j * w + i) + 1]);
            mlr_classifier_predict_proba (clf, pts, w * h, proba);
            for (guint c = 0; c < w * h; c++)
              {
                const double *p = proba + c * K;
                guint best = 0;
                for (guint k = 1; k < K; k++)
                  if (p[k] > p[best])
                    best = k;
                if (best != labels[c] && p[best] - p[labels[c]] > 1e-6)
                  g_error ("%s %s: cell %u: grid says %u (%g), predict %u (%g)",
                           mlr_model_kind_to_string (m), variants[v][0] ? variants[v][0] : "",
                           c, labels[c], conf[c], best, p[best]);
                g_assert_cmpfloat_with_epsilon (conf[c], p[labels[c]], 1e-5);
              }
          }
    }
}

typedef struct {
  MlrModelKind kind;
  MlrDataset  *data;
  double      *proba;
} ThreadJob;

static gpointer
fit_in_thread (gpointer data)
{
  ThreadJob *job = data;
  g_autoptr(MlrClassifier) clf = mlr_classifier_new (job->kind, NULL, NULL);

  mlr_classifier_fit (clf, job->data, NULL);
  mlr_classifier_predict_proba (clf, job->data->x, job->data->n_points, job->proba);
  return NULL;
}

static void
test_threads_deterministic (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_XOR, 100, 0.2, 1, 2, NULL);

  for (guint m = 0; m < MLR_N_MODELS; m++)
    {
      double a[200], b[200], c[200];
      ThreadJob ja = { m, ds, a }, jb = { m, ds, b }, jc = { m, ds, c };
      GThread *ta = g_thread_new ("fit-a", fit_in_thread, &ja);
      GThread *tb = g_thread_new ("fit-b", fit_in_thread, &jb);

      fit_in_thread (&jc);
      g_thread_join (ta);
      g_thread_join (tb);
      g_assert_cmpmem (a, sizeof a, c, sizeof c);
      g_assert_cmpmem (b, sizeof b, c, sizeof c);
    }
}

static void
test_degenerate_data (void)
{
  for (guint m = 0; m < MLR_N_MODELS; m++)
    {
      g_autoptr(MlrClassifier) clf = mlr_classifier_new (m, NULL, NULL);
      g_autoptr(MlrDataset) empty = mlr_dataset_new (0, 0);
      g_autoptr(MlrDataset) one = mlr_dataset_new (0, 0);
      g_autoptr(MlrDataset) same = mlr_dataset_new (0, 0);
      g_autoptr(GError) error = NULL;
      double q[] = { 1, 1, 1e6, -1e6 }, p[6];

      g_assert_false (mlr_classifier_fit (clf, empty, &error));
      g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_DATA);
      g_assert_cmpstr (error->message, ==, "no training points");
      g_clear_error (&error);

      mlr_dataset_append (one, 0, 0, 0);
      mlr_dataset_append (one, 1, 1, 0);
      g_assert_false (mlr_classifier_fit (clf, one, &error));
      g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_DATA);
      g_clear_error (&error);
      mlr_dataset_append (one, 2, 2, 2);
      g_assert_false (mlr_classifier_fit (clf, one, &error));
      g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_DATA);
      g_clear_error (&error);
      g_assert_false (mlr_classifier_is_fitted (clf));

      /* Identical points with different labels: fine, and nothing but finite numbers. */
      mlr_dataset_append (same, 1, 1, 0);
      mlr_dataset_append (same, 1, 1, 1);
      mlr_dataset_append (same, 1, 1, 2);
      fit_ok (clf, same);
      mlr_classifier_predict_proba (clf, q, 2, p);
      for (guint i = 0; i < 6; i++)
        g_assert_true (isfinite (p[i]) && p[i] >= 0 && p[i] <= 1);
    }
}

static void
assert_finite_everywhere (MlrClassifier    *clf,
                          const MlrDataset *ds)
{
  MlrGrid grid = { 64, 48, 0, 0, 0, 0 };
  guint8 labels[64 * 48];
  float conf[64 * 48];
  g_autofree double *p = g_new (double, (gsize) ds->n_points * ds->n_classes);

  mlr_dataset_get_bounds (ds, 3, &grid.x0, &grid.x1, &grid.y0, &grid.y1);
  mlr_classifier_eval_grid (clf, &grid, labels, conf);
  for (guint c = 0; c < 64 * 48; c++)
    {
      g_assert_true (isfinite (conf[c]));
      g_assert_cmpuint (labels[c], <, ds->n_classes);
    }
  mlr_classifier_predict_proba (clf, ds->x, ds->n_points, p);
  for (guint i = 0; i < ds->n_points * ds->n_classes; i++)
    g_assert_true (isfinite (p[i]));
}

static void
test_extreme_params (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 300, 0.4, 1, 2, NULL);
  const struct {
    MlrModelKind kind;
    const char  *a, *b;
  } cases[] = {
    { MLR_MODEL_SVM, "C=1e9", NULL },
    { MLR_MODEL_SVM, "gamma=1e6", NULL },
    { MLR_MODEL_SVM, "gamma=1e6", "C=1e9" },
    { MLR_MODEL_SVM, "kernel=poly", "C=1e9" },
    { MLR_MODEL_SVM, "gamma=0.000001", "C=0.000001" },
    { MLR_MODEL_LOGREG, "C=1e9", "degree=6" },
    { MLR_MODEL_KNN, "k=100000", NULL },
    { MLR_MODEL_TREE, "max_depth=100", NULL },
    { MLR_MODEL_FOREST, "n_trees=1000", "max_depth=100" },
    { MLR_MODEL_MLP, "hidden=1024,1024", "epochs=3" },
    { MLR_MODEL_MLP, "lr=10", "alpha=1000" },
    { MLR_MODEL_NB, "var_smoothing=0", NULL },
    { MLR_MODEL_GB, "learning_rate=100", "max_depth=none" },
    { MLR_MODEL_GB, "learning_rate=0.000001", "n_estimators=3" },
    { MLR_MODEL_GB, "n_estimators=2000", "max_depth=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrClassifier) clf = make_classifier (cases[i].kind, cases[i].a, cases[i].b, NULL);
      gint64 start = g_get_monotonic_time ();

      fit_ok (clf, ds);
      assert_finite_everywhere (clf, ds);
      g_test_message ("%s %s %s: %.0f ms; notes: %s", mlr_model_kind_to_string (cases[i].kind),
                      cases[i].a, cases[i].b ? cases[i].b : "",
                      (g_get_monotonic_time () - start) / 1000.0,
                      mlr_classifier_get_notes (clf));
    }
}

static void
test_too_large (void)
{
  g_autoptr(MlrDataset) big = mlr_dataset_generate (MLR_DATASET_MOONS, 30000, 0.2, 1, 2, NULL);
  g_autoptr(MlrClassifier) svm = make_classifier (MLR_MODEL_SVM, NULL);
  g_autoptr(MlrClassifier) mlp = make_classifier (MLR_MODEL_MLP, "hidden=1024,1024,1024",
                                                  "epochs=10000", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mlr_classifier_fit (svm, big, &error));
  g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (mlr_classifier_fit (mlp, big, &error));
  g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "mlp: 30000 points x 2103297 weights x 10000 "
                                                   "epochs is too much work"));
}

static void
test_params (void)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(GError) error = NULL;
  g_autofree char *keys = mlr_model_describe_keys (MLR_MODEL_LOGREG);

  /* Every model's keys are in the union table, with help. */
  for (guint m = 0; m < MLR_N_MODELS; m++)
    for (const char * const *k = mlr_model_param_keys (m); *k != NULL; k++)
      {
        const MlrParamSpec *spec = mlr_param_spec_lookup (specs, n_specs, *k);
        g_assert_nonnull (spec);
        g_assert_nonnull (spec->help);
        if (spec->default_value != NULL)
          g_assert_true (mlr_param_spec_check (spec, spec->default_value, NULL));
      }
  g_assert_cmpstr (keys, ==, "C, degree, standardize");
  g_assert_true (mlr_model_accepts_key (MLR_MODEL_SVM, "gamma"));
  g_assert_false (mlr_model_accepts_key (MLR_MODEL_LOGREG, "gamma"));

  g_assert_true (mlr_params_set (params, "k", "3", NULL));
  g_assert_null (mlr_classifier_new (MLR_MODEL_LOGREG, params, &error));
  g_assert_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_PARAM);
  g_assert_cmpstr (error->message, ==,
                   "“k” does not apply to logreg (its keys: C, degree, standardize)");
  g_clear_error (&error);
  g_assert_true (mlr_model_check_params (MLR_MODEL_KNN, params, NULL));

  /* Special words. */
  g_assert_true (mlr_params_set (params, "max_depth", "none", NULL));
  g_assert_true (mlr_params_set (params, "gamma", "scale", NULL));
  g_assert_false (mlr_params_set (params, "gamma", "auto", &error));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (params, "hidden", "10,10,10,10,10", &error));
  g_assert_cmpstr (error->message, ==, "hidden: expected 1 to 4 comma-separated values, got 5");

  for (guint m = 0; m < MLR_N_MODELS; m++)
    {
      MlrModelKind back;
      g_assert_true (mlr_model_kind_from_string (mlr_model_kind_to_string (m), &back));
      g_assert_cmpuint (back, ==, m);
      g_assert_nonnull (mlr_model_kind_title (m));
    }
}

static void
test_standardize (void)
{
  /* A tree's splits are the same in data coordinates with or without scaling. */
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 80, 0.2, 2, 2, NULL);
  g_autoptr(MlrClassifier) a = make_classifier (MLR_MODEL_TREE, NULL);
  g_autoptr(MlrClassifier) b = make_classifier (MLR_MODEL_TREE, "standardize=false", NULL);
  g_autofree MlrTreeSplit *sa = NULL;
  g_autofree MlrTreeSplit *sb = NULL;
  guint na, nb;

  for (guint i = 0; i < 80; i++)
    ds->x[2 * i + 1] *= 1000;
  fit_ok (a, ds);
  fit_ok (b, ds);
  sa = mlr_classifier_get_tree_splits (a, 0, -3, 3, -3000, 3000, &na);
  sb = mlr_classifier_get_tree_splits (b, 0, -3, 3, -3000, 3000, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpuint (sa[i].axis, ==, sb[i].axis);
      g_assert_cmpfloat_with_epsilon (sa[i].threshold, sb[i].threshold,
                                      1e-9 * MAX (1, fabs (sb[i].threshold)));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ml/tree/impurity", test_tree_impurity);
  g_test_add_func ("/ml/tree/midpoint", test_tree_midpoint);
  g_test_add_func ("/ml/tree/depth-limit", test_tree_depth_limit);
  g_test_add_func ("/ml/tree/min-samples-leaf", test_tree_min_samples_leaf);
  g_test_add_func ("/ml/tree/entropy", test_tree_entropy);
  g_test_add_func ("/ml/tree/splits", test_tree_splits);
  g_test_add_func ("/ml/forest/seeded", test_forest);
  g_test_add_func ("/ml/knn/four-points", test_knn_four_points);
  g_test_add_func ("/ml/knn/vote-tie", test_knn_vote_tie);
  g_test_add_func ("/ml/knn/clamp-k", test_knn_clamp);
  g_test_add_func ("/ml/knn/many-ties", test_knn_many_ties);
  g_test_add_func ("/ml/nb/moments", test_nb_moments);
  g_test_add_func ("/ml/nb/identical-points", test_nb_identical_points);
  g_test_add_func ("/ml/logreg/symmetric", test_logreg_symmetric);
  g_test_add_func ("/ml/logreg/overlapping", test_logreg_overlapping);
  g_test_add_func ("/ml/logreg/separable", test_logreg_separable);
  g_test_add_func ("/ml/logreg/multinomial", test_logreg_multinomial);
  g_test_add_func ("/ml/logreg/degree", test_logreg_degree);
  g_test_add_func ("/ml/svm/margin", test_svm_margin);
  g_test_add_func ("/ml/svm/gamma-scale", test_svm_gamma_scale);
  g_test_add_func ("/ml/svm/multiclass", test_svm_multiclass);
  g_test_add_func ("/ml/mlp/epochs", test_mlp_epochs);
  g_test_add_func ("/ml/mlp/xor", test_mlp_xor);
  g_test_add_func ("/ml/mlp/multiclass-sgd", test_mlp_multiclass_sgd);
  g_test_add_func ("/ml/mlp/diverge", test_mlp_diverge);
  g_test_add_func ("/ml/gb/stage0-prior", test_gb_stage0_prior);
  g_test_add_func ("/ml/gb/one-stage-binary", test_gb_one_stage_binary);
  g_test_add_func ("/ml/gb/one-stage-multiclass", test_gb_one_stage_multiclass);
  g_test_add_func ("/ml/gb/stages", test_gb_stages);
  g_test_add_func ("/ml/gb/hostile", test_gb_hostile);
  g_test_add_func ("/ml/classifier/grid-matches-predict", test_grid_matches_predict);
  g_test_add_func ("/ml/classifier/threads", test_threads_deterministic);
  g_test_add_func ("/ml/classifier/degenerate-data", test_degenerate_data);
  g_test_add_func ("/ml/classifier/extreme-params", test_extreme_params);
  g_test_add_func ("/ml/classifier/too-large", test_too_large);
  g_test_add_func ("/ml/classifier/params", test_params);
  g_test_add_func ("/ml/classifier/standardize", test_standardize);

  return g_test_run ();
}
