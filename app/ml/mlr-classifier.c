/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-classifier.h"

#include <glib/gi18n.h>

#include <float.h>
#include <math.h>
#include <string.h>

#include "mlr-classifier-private.h"
#include "mlr-model-math.h"

G_DEFINE_QUARK (mlr-classifier-error-quark, mlr_classifier_error)

/* ---- models and their parameters ------------------------------------------------------ */

static const char * const model_names[] = {
  "logreg", "knn", "tree", "forest", "svm", "mlp", "nb", "gb", NULL
};

static const char * const model_titles[] = {
  "Logistic regression", "k-nearest neighbours", "Decision tree", "Random forest",
  "Support vector machine", "Multilayer perceptron", "Gaussian naive Bayes",
  "Gradient boosting",
};

G_STATIC_ASSERT (G_N_ELEMENTS (model_names) == MLR_N_MODELS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (model_titles) == MLR_N_MODELS);

static const char * const model_choice_titles[] = {
  N_("Logistic regression"), N_("k-nearest neighbours"), N_("Decision tree"),
  N_("Random forest"), N_("SVM"), N_("Neural network (MLP)"), N_("Naive Bayes"),
  N_("Gradient boosting"), NULL
};

/* A choice titled "" is another name for the titled choice before it (log_loss is entropy;
 * with two features log2 and 1 are sqrt, 2 is all): a demo's drop-down shows it as that. */
static const char * const criterion_choices[] = { "gini", "entropy", "log_loss", NULL };
static const char * const criterion_titles[] = { N_("Gini"), N_("Entropy"), "", NULL };
static const char * const max_features_choices[] = { "sqrt", "log2", "1", "all", "2", NULL };
static const char * const max_features_titles[] = {
  N_("1 of 2 per split"), "", "", N_("both per split"), "", NULL
};
static const char * const kernel_choices[] = { "rbf", "linear", "poly", NULL };
static const char * const kernel_titles[] = { N_("RBF"), N_("Linear"), N_("Polynomial"), NULL };
static const char * const activation_choices[] = {
  "relu", "tanh", "logistic", "identity", NULL
};
static const char * const activation_titles[] = {
  N_("ReLU"), N_("tanh"), N_("Logistic"), N_("Identity"), NULL
};
static const char * const solver_choices[] = { "adam", "sgd", NULL };

/* The union of every model's keys; defaults are scikit-learn's. The decision-boundary demo
 * shows them on its model row (row 1), each where it applies
 * (mlr_boundary_state_param_relevant). */
static const MlrParamSpec model_specs[] = {
  { .key = "C", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 1e-6, .max = 1e9,
    .help = N_("Inverse regularization strength (logreg, svm), log scale 0.001 to 10000 in the "
               "demo. Large C fits the training points harder (a wigglier boundary, "
               "overfitting); small C keeps it simple"),
    .label = N_("C"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-3, .ui_max = 1e4, .row = 1 },
  { .key = "degree", .type = MLR_PARAM_INT, .min = 1, .max = 6,
    .help = N_("Degree of the polynomial features (logreg; default 1, a straight boundary) or "
               "of the polynomial kernel (svm; default 3). Higher degrees bend the boundary "
               "more"),
    .label = N_("Degree"), .row = 1 },
  { .key = "k", .type = MLR_PARAM_INT, .default_value = "5", .min = 1,
    .max = MLR_DATASET_MAX_POINTS,
    .help = N_("How many nearest training points vote (knn); more than the training points "
               "uses them all. k = 1 wraps single noisy points; a large k smooths the "
               "boundary towards the majority"),
    .label = N_("k"), .ui_max = 200, .row = 1 },
  { .key = "max_depth", .type = MLR_PARAM_INT, .default_value = "none", .min = 0, .max = 100,
    .special = "none",
    .help = N_("How many questions deep a tree may grow (tree, forest, gb); 0 or none for no "
               "limit (gb's default is 3). Deep trees carve boxes around single points"),
    .label = N_("Max depth"), .ui_min = 1, .ui_max = 30, .special_label = N_("No limit"),
    .row = 1 },
  { .key = "min_samples_leaf", .type = MLR_PARAM_INT, .default_value = "1", .min = 1,
    .max = MLR_DATASET_MAX_POINTS,
    .help = N_("Fewest training points a leaf may hold (tree, forest); larger leaves mean "
               "fewer, bigger boxes"),
    .label = N_("Min leaf"), .ui_max = 50, .row = 1 },
  { .key = "criterion", .type = MLR_PARAM_CHOICE, .default_value = "gini",
    .choices = criterion_choices,
    .help = N_("The impurity a split minimizes (tree, forest): gini, or entropy (log_loss is "
               "the same); the two rarely differ much"),
    .label = N_("Criterion"), .choice_titles = criterion_titles, .row = 1 },
  { .key = "n_trees", .type = MLR_PARAM_INT, .default_value = "100", .min = 1, .max = 1000,
    .help = N_("Number of trees averaged (forest). More trees smooth the staircase and vote "
               "down noise"),
    .label = N_("Trees"), .ui_max = 300, .row = 1 },
  { .key = "max_features", .type = MLR_PARAM_CHOICE, .default_value = "sqrt",
    .choices = max_features_choices,
    .help = N_("Features each split may choose from (forest): sqrt, log2 and 1 mean 1 of the "
               "2, all and 2 mean both. Trying only one at random makes the trees differ, "
               "which is what averaging needs"),
    .label = N_("Features"), .choice_titles = max_features_titles, .row = 1 },
  { .key = "bootstrap", .type = MLR_PARAM_BOOL, .default_value = "true",
    .help = N_("Train each tree on a bootstrap sample (forest)"), .ui = MLR_PARAM_UI_NONE },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "0", .min = 0, .max = 4294967295.0,
    .help = N_("Random seed (forest, mlp); the same seed gives the same model"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "kernel", .type = MLR_PARAM_CHOICE, .default_value = "rbf",
    .choices = kernel_choices,
    .help = N_("How the SVM measures similarity: linear draws a straight boundary, RBF and "
               "polynomial bend it"),
    .label = N_("Kernel"), .choice_titles = kernel_titles, .row = 1 },
  { .key = "gamma", .type = MLR_PARAM_NUMBER, .default_value = "scale", .min = 1e-6,
    .max = 1e6, .special = "scale",
    .help = N_("Kernel width (svm rbf, poly), log scale 0.001 to 1000 in the demo. Large γ: "
               "each point's influence is local and islands form around single points; small "
               "γ: the boundary blurs. scale (Auto) means 1 / (2 × the variance of the "
               "coordinates), scikit-learn's default"),
    .label = N_("γ"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-3, .ui_max = 1e3,
    .special_label = N_("Auto"), .row = 1 },
  { .key = "coef0", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = -1000, .max = 1000,
    .help = N_("Constant term of the poly kernel (svm)"), .ui = MLR_PARAM_UI_NONE },
  { .key = "hidden", .type = MLR_PARAM_INT_LIST, .default_value = "100", .min = 1,
    .max = MLR_MLP_MAX_UNITS, .min_count = 1, .max_count = MLR_MLP_MAX_LAYERS,
    .help = N_("Units per hidden layer (mlp), e.g. 16,16"), .ui = MLR_PARAM_UI_NONE },
  { .key = "activation", .type = MLR_PARAM_CHOICE, .default_value = "relu",
    .choices = activation_choices, .help = N_("The hidden units' non-linearity (mlp)"),
    .label = N_("Activation"), .choice_titles = activation_titles, .row = 1 },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "0.0001", .min = 0, .max = 1000,
    .help = N_("L2 penalty on the weights (mlp), log scale 0.000001 to 10 in the demo: larger "
               "α smooths the boundary"),
    .label = N_("α"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-6, .ui_max = 10, .row = 1 },
  { .key = "lr", .type = MLR_PARAM_NUMBER, .default_value = "0.001", .min = 1e-6, .max = 10,
    .help = N_("Learning rate of the optimizer (mlp), log scale 0.0001 to 1 in the demo. Too "
               "small crawls; too large diverges"),
    .label = N_("lr"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-4, .ui_max = 1, .row = 1 },
  { .key = "epochs", .type = MLR_PARAM_INT, .default_value = "200", .min = 1, .max = 10000,
    .help = N_("Most passes over the training set (mlp); training also stops when the loss "
               "settles"),
    .label = N_("Epochs"), .ui_max = 5000, .ui_step = 10, .row = 1 },
  { .key = "batch", .type = MLR_PARAM_INT, .default_value = "auto", .min = 1,
    .max = MLR_DATASET_MAX_POINTS, .special = "auto",
    .help = N_("Minibatch size (mlp); auto means min(200, number of points)"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "solver", .type = MLR_PARAM_CHOICE, .default_value = "adam",
    .choices = solver_choices,
    .help = N_("Weight update (mlp): adam, or sgd with Nesterov momentum 0.9"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "var_smoothing", .type = MLR_PARAM_NUMBER, .default_value = "1e-9", .min = 0,
    .max = 1,
    .help = N_("Share of the largest variance added to every variance (nb), log scale; it "
               "keeps a very narrow class from dominating"),
    .label = N_("Smoothing"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-12, .ui_max = 1,
    .ui_step = 0.1, .row = 1 },
  { .key = "n_estimators", .type = MLR_PARAM_INT, .default_value = "100", .min = 1,
    .max = 10000,
    .help = N_("Boosting stages (gb): each adds a small tree (one per class for more than "
               "two classes) fitted to what the stages before still get wrong"),
    .label = N_("Stages"), .ui_max = 300, .row = 1 },
  { .key = "learning_rate", .type = MLR_PARAM_NUMBER, .default_value = "0.1", .min = 1e-6,
    .max = 100,
    .help = N_("How far each stage's tree moves the scores (gb), log scale 0.001 to 1 in the "
               "demo. Small rates need more stages but overfit less"),
    .label = N_("Learning rate"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-3, .ui_max = 1,
    .row = 1 },
  { .key = "stage", .type = MLR_PARAM_INT, .default_value = "all", .min = 0, .max = 10000,
    .special = "all",
    .help = N_("Show the model after this many stages (gb): 0 is the class prior alone; all "
               "means n_estimators"),
    .label = N_("Stage"), .ui = MLR_PARAM_UI_SLIDER, .ui_max = 300,
    .special_label = N_("All"), .row = 1 },
  { .key = "standardize", .type = MLR_PARAM_BOOL, .default_value = "true",
    .help = N_("Scale both features to mean 0 and variance 1 (on the training set) before "
               "fitting. Distance-based models (k-NN, SVM) depend on it"),
    .label = N_("Standardize"), .row = 1 },
};

static const char * const logreg_keys[] = { "C", "degree", "standardize", NULL };
static const char * const knn_keys[] = { "k", "standardize", NULL };
static const char * const tree_keys[] = {
  "max_depth", "min_samples_leaf", "criterion", "standardize", NULL
};
static const char * const forest_keys[] = {
  "n_trees", "max_depth", "max_features", "seed", "bootstrap", "criterion",
  "min_samples_leaf", "standardize", NULL
};
static const char * const svm_keys[] = {
  "kernel", "C", "gamma", "degree", "coef0", "standardize", NULL
};
static const char * const mlp_keys[] = {
  "hidden", "activation", "alpha", "lr", "epochs", "batch", "solver", "seed", "standardize", NULL
};
static const char * const nb_keys[] = { "var_smoothing", "standardize", NULL };
static const char * const gb_keys[] = {
  "n_estimators", "learning_rate", "max_depth", "stage", "standardize", NULL
};

static const char * const * const model_keys[] = {
  logreg_keys, knn_keys, tree_keys, forest_keys, svm_keys, mlp_keys, nb_keys, gb_keys,
};

G_STATIC_ASSERT (G_N_ELEMENTS (model_keys) == MLR_N_MODELS);

/* The model's name as the CLI and lesson attributes spell it ("logreg", ...). */
const char *
mlr_model_kind_to_string (MlrModelKind kind)
{
  g_return_val_if_fail (kind < MLR_N_MODELS, NULL);
  return model_names[kind];
}

/* Parses a model name (case-insensitive); FALSE when unknown. */
gboolean
mlr_model_kind_from_string (const char   *name,
                            MlrModelKind *kind)
{
  for (guint i = 0; i < MLR_N_MODELS; i++)
    if (g_ascii_strcasecmp (name, model_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* "logreg, knn, ..." for messages. */
const char *
mlr_model_kind_names (void)
{
  return "logreg, knn, tree, forest, svm, mlp, nb, gb";
}

/* A human name, e.g. "Random forest". */
const char *
mlr_model_kind_title (MlrModelKind kind)
{
  g_return_val_if_fail (kind < MLR_N_MODELS, NULL);
  return model_titles[kind];
}

/* The model names, NULL-terminated, and the short titles a demo's drop-down shows. */
const char * const *
mlr_model_kind_choices (const char * const **titles)
{
  if (titles)
    *titles = model_choice_titles;
  return model_names;
}

/**
 * mlr_model_param_specs:
 * The hyper-parameters of all models (the union of their keys, with ranges, defaults and
 * help), for lesson <demo kind="decision-boundary"> attributes and `fit --set`. Which keys a
 * model takes: mlr_model_param_keys().
 */
const MlrParamSpec *
mlr_model_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (model_specs);
  return model_specs;
}

/* The keys @kind accepts, NULL-terminated. */
const char * const *
mlr_model_param_keys (MlrModelKind kind)
{
  g_return_val_if_fail (kind < MLR_N_MODELS, NULL);
  return model_keys[kind];
}

/* Whether @kind takes the hyper-parameter @key. */
gboolean
mlr_model_accepts_key (MlrModelKind  kind,
                       const char   *key)
{
  g_return_val_if_fail (kind < MLR_N_MODELS, FALSE);
  return g_strv_contains ((const char * const *) model_keys[kind], key);
}

/* "C, degree, standardize" for messages. */
char *
mlr_model_describe_keys (MlrModelKind kind)
{
  g_return_val_if_fail (kind < MLR_N_MODELS, NULL);
  return g_strjoinv (", ", (char **) model_keys[kind]);
}

static const MlrParamSpec *
own_spec (const char *key)
{
  return mlr_param_spec_lookup (model_specs, G_N_ELEMENTS (model_specs), key);
}

/**
 * mlr_model_check_params:
 * Checks that every model key set in @params applies to @kind, and that its value is valid
 * by mlr_model_param_specs(). Keys that belong to no model (a demo's own keys, say) are
 * ignored.
 */
gboolean
mlr_model_check_params (MlrModelKind     kind,
                        const MlrParams *params,
                        GError         **error)
{
  g_autoptr(GError) local = NULL;
  const MlrParamSpec *specs;
  guint n_specs;

  g_return_val_if_fail (kind < MLR_N_MODELS, FALSE);
  if (params == NULL)
    return TRUE;

  specs = mlr_params_get_specs (params, &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      const char *key = specs[i].key;
      const MlrParamSpec *spec = own_spec (key);

      if (spec == NULL || !mlr_params_has (params, key))
        continue;
      if (!mlr_model_accepts_key (kind, key))
        {
          g_autofree char *valid = mlr_model_describe_keys (kind);
          g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_PARAM,
                       "“%s” does not apply to %s (its keys: %s)", key, model_names[kind], valid);
          return FALSE;
        }
      if (!mlr_param_spec_check (spec, mlr_params_get_string (params, key), &local))
        {
          g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_PARAM, "%s: %s",
                       model_names[kind], local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- the classifier ------------------------------------------------------------------- */

/* The value of @key: given in @params, else the default (NULL when it depends on the model). */
static const char *
param_value (const MlrParams *params,
             const char      *key)
{
  if (params != NULL)
    {
      guint n_specs;
      const MlrParamSpec *specs = mlr_params_get_specs (params, &n_specs);
      if (mlr_param_spec_lookup (specs, n_specs, key) != NULL && mlr_params_has (params, key))
        return mlr_params_get_string (params, key);
    }
  return own_spec (key)->default_value;
}

static gint64
param_int (const MlrParams *params,
           const char      *key,
           gint64           fallback)
{
  const char *v = param_value (params, key);

  if (v == NULL || (own_spec (key)->special != NULL &&
                    g_ascii_strcasecmp (v, own_spec (key)->special) == 0))
    return fallback;
  return g_ascii_strtoll (v, NULL, 10);
}

static double
param_double (const MlrParams *params,
              const char      *key)
{
  return g_ascii_strtod (param_value (params, key), NULL);
}

static gboolean
param_bool (const MlrParams *params,
            const char      *key)
{
  const char *v = param_value (params, key);

  return g_ascii_strcasecmp (v, "true") == 0 || g_ascii_strcasecmp (v, "yes") == 0 ||
         g_ascii_strcasecmp (v, "on") == 0 || g_str_equal (v, "1");
}

static gboolean
param_is (const MlrParams *params,
          const char      *key,
          const char      *choice)
{
  return g_ascii_strcasecmp (param_value (params, key), choice) == 0;
}

static void
resolve_options (MlrClassifier   *self,
                 const MlrParams *params)
{
  self->standardize = param_bool (params, "standardize");

  self->logreg_opt.C = param_double (params, "C");
  self->logreg_opt.degree = (guint) param_int (params, "degree", 1);

  self->knn_k = (guint) param_int (params, "k", 5);

  self->tree_opt.criterion = param_is (params, "criterion", "gini") ? MLR_CRITERION_GINI
                                                                   : MLR_CRITERION_ENTROPY;
  self->tree_opt.max_depth = (guint) param_int (params, "max_depth", 0);
  self->tree_opt.min_samples_leaf = (guint) param_int (params, "min_samples_leaf", 1);
  self->tree_opt.max_features = 2;

  self->forest_opt.tree = self->tree_opt;
  self->forest_opt.tree.max_features =
    param_is (params, "max_features", "all") || param_is (params, "max_features", "2") ? 2 : 1;
  self->forest_opt.n_trees = (guint) param_int (params, "n_trees", 100);
  self->forest_opt.bootstrap = param_bool (params, "bootstrap");
  self->forest_opt.seed = (guint64) param_int (params, "seed", 0);

  self->svm_opt.kernel = param_is (params, "kernel", "linear") ? MLR_KERNEL_LINEAR
                         : param_is (params, "kernel", "poly") ? MLR_KERNEL_POLY
                         : MLR_KERNEL_RBF;
  self->svm_opt.C = param_double (params, "C");
  self->gamma_scale = param_is (params, "gamma", "scale");
  self->svm_opt.gamma = self->gamma_scale ? 0 : param_double (params, "gamma");
  self->svm_opt.degree = (guint) param_int (params, "degree", 3);
  self->svm_opt.coef0 = param_double (params, "coef0");
  self->svm_opt.tol = 1e-3;

  {
    g_auto(GStrv) layers = g_strsplit (param_value (params, "hidden"), ",", -1);
    self->mlp_opt.n_hidden = 0;
    for (guint i = 0; layers[i] != NULL && i < MLR_MLP_MAX_LAYERS; i++)
      self->mlp_opt.hidden[self->mlp_opt.n_hidden++] = (guint) g_ascii_strtoull (layers[i], NULL, 10);
  }
  self->mlp_opt.activation = param_is (params, "activation", "tanh") ? MLR_ACTIVATION_TANH
                             : param_is (params, "activation", "logistic") ? MLR_ACTIVATION_LOGISTIC
                             : param_is (params, "activation", "identity") ? MLR_ACTIVATION_IDENTITY
                             : MLR_ACTIVATION_RELU;
  self->mlp_opt.solver = param_is (params, "solver", "sgd") ? MLR_SOLVER_SGD : MLR_SOLVER_ADAM;
  self->mlp_opt.alpha = param_double (params, "alpha");
  self->mlp_opt.learning_rate = param_double (params, "lr");
  self->mlp_opt.max_epochs = (guint) param_int (params, "epochs", 200);
  self->mlp_opt.batch_size = (guint) param_int (params, "batch", 0);
  self->mlp_opt.seed = (guint64) param_int (params, "seed", 0);

  self->var_smoothing = param_double (params, "var_smoothing");

  /* gb's trees are shallow by default (scikit-learn's max_depth=3 for boosting); none or 0
   * given explicitly means no limit, as for the tree */
  self->gb_opt.max_depth = params != NULL && mlr_params_has (params, "max_depth")
                           ? (guint) param_int (params, "max_depth", 0) : 3;
  self->gb_opt.learning_rate = param_double (params, "learning_rate");
  self->gb_n_estimators = (guint) param_int (params, "n_estimators", 100);
  self->gb_stage = (guint) param_int (params, "stage", G_MAXUINT);
  self->gb_opt.n_stages = MIN (self->gb_stage, self->gb_n_estimators);
}

/**
 * mlr_classifier_new:
 * @kind: the model
 * @params: (nullable): hyper-parameters; keys of mlr_model_param_specs() that @kind does not
 *   take are an error, keys outside that table are ignored; NULL for all defaults
 * @error: return location for a #MLR_CLASSIFIER_ERROR_PARAM
 *
 * Returns: (transfer full) (nullable): an unfitted classifier
 */
MlrClassifier *
mlr_classifier_new (MlrModelKind      kind,
                    const MlrParams  *params,
                    GError          **error)
{
  MlrClassifier *self;

  g_return_val_if_fail (kind < MLR_N_MODELS, NULL);

  if (!mlr_model_check_params (kind, params, error))
    return NULL;
  self = g_new0 (MlrClassifier, 1);
  self->kind = kind;
  self->notes = g_string_new (NULL);
  resolve_options (self, params);
  return self;
}

static void
clear_model (MlrClassifier *self)
{
  g_clear_pointer (&self->logreg, mlr_logreg_free);
  g_clear_pointer (&self->knn, mlr_knn_free);
  g_clear_pointer (&self->tree, mlr_tree_free);
  g_clear_pointer (&self->forest, mlr_forest_free);
  g_clear_pointer (&self->svm, mlr_svm_free);
  g_clear_pointer (&self->mlp, mlr_mlp_free);
  g_clear_pointer (&self->nb, mlr_naive_bayes_free);
  g_clear_pointer (&self->gb, mlr_gboost_free);
  self->fitted = FALSE;
  self->n_classes = 0;
  g_string_truncate (self->notes, 0);
}

/* Frees @self and its fitted model (NULL is fine). */
void
mlr_classifier_free (MlrClassifier *self)
{
  if (self == NULL)
    return;
  clear_model (self);
  g_string_free (self->notes, TRUE);
  g_free (self);
}

/* The model @self was created for. */
MlrModelKind
mlr_classifier_get_kind (const MlrClassifier *self)
{
  return self->kind;
}

static void
add_note (MlrClassifier *self,
          const char    *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (MlrClassifier *self,
          const char    *format,
          ...)
{
  va_list args;

  if (self->notes->len > 0)
    g_string_append_c (self->notes, '\n');
  va_start (args, format);
  g_string_append_vprintf (self->notes, format, args);
  va_end (args);
}

/* Mean and population standard deviation per coordinate; a constant coordinate keeps
 * scale 1 (as scikit-learn's StandardScaler). */
static void
fit_scaler (MlrClassifier    *self,
            const MlrDataset *train)
{
  for (guint f = 0; f < 2; f++)
    {
      double mean = 0, var = 0;

      self->mean[f] = 0;
      self->scale[f] = 1;
      if (!self->standardize)
        continue;
      for (guint i = 0; i < train->n_points; i++)
        mean += train->x[2 * i + f];
      mean /= train->n_points;
      for (guint i = 0; i < train->n_points; i++)
        var += (train->x[2 * i + f] - mean) * (train->x[2 * i + f] - mean);
      var /= train->n_points;
      self->mean[f] = mean;
      if (sqrt (var) > 10 * DBL_EPSILON * MAX (1.0, fabs (mean)))
        self->scale[f] = sqrt (var);
    }
}

void
mlr_classifier_transform (const MlrClassifier *self,
                          const double        *in,
                          guint                n_points,
                          double              *out)
{
  for (guint i = 0; i < n_points; i++)
    {
      out[2 * i] = (in[2 * i] - self->mean[0]) / self->scale[0];
      out[2 * i + 1] = (in[2 * i + 1] - self->mean[1]) / self->scale[1];
    }
}

static MlrDataset *
transform_dataset (const MlrClassifier *self,
                   const MlrDataset    *data)
{
  MlrDataset *copy = mlr_dataset_copy (data);

  mlr_classifier_transform (self, data->x, data->n_points, copy->x);
  return copy;
}

/* Checks the data and the model's size limits, fits the scaler; returns the standardized
 * training set. */
static MlrDataset *
prepare_fit (MlrClassifier     *self,
             const MlrDataset  *train,
             GError           **error)
{
  g_autoptr(GError) local = NULL;

  if (!mlr_dataset_check_training (train, &local))
    {
      g_set_error_literal (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_DATA,
                           local->message);
      return NULL;
    }
  if (self->kind == MLR_MODEL_SVM && train->n_points > MLR_CLASSIFIER_SVM_MAX_POINTS)
    {
      g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE,
                   "svm: %u training points is more than the %d an SVM is trained on here "
                   "(its cost grows with the square of the points); use a sample or another "
                   "model", train->n_points, MLR_CLASSIFIER_SVM_MAX_POINTS);
      return NULL;
    }
  if (self->kind == MLR_MODEL_MLP)
    {
      double work = (double) train->n_points * self->mlp_opt.max_epochs *
                    mlr_mlp_count_weights (&self->mlp_opt, train->n_classes);
      if (work > MLR_CLASSIFIER_MLP_MAX_WORK)
        {
          g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE,
                       "mlp: %u points x %.0f weights x %u epochs is too much work (limit "
                       "%.0e); use fewer or smaller hidden layers, fewer epochs or fewer points",
                       train->n_points, mlr_mlp_count_weights (&self->mlp_opt, train->n_classes),
                       self->mlp_opt.max_epochs, MLR_CLASSIFIER_MLP_MAX_WORK);
          return NULL;
        }
    }

  if (self->kind == MLR_MODEL_GB)
    {
      double per_stage = train->n_classes > 2 ? train->n_classes : 1;
      double depth = self->gb_opt.max_depth > 0 ? self->gb_opt.max_depth
                                                : MLR_CLASSIFIER_GB_NONE_DEPTH;
      double work = (double) train->n_points * self->gb_opt.n_stages * per_stage * depth;
      if (work > MLR_CLASSIFIER_GB_MAX_WORK)
        {
          g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE,
                       "gb: %u points x %u stages x %.0f trees per stage x depth %.0f is too "
                       "much work (limit %.0e); use fewer stages (n_estimators), a smaller "
                       "max_depth or fewer points", train->n_points, self->gb_opt.n_stages,
                       per_stage, depth, MLR_CLASSIFIER_GB_MAX_WORK);
          return NULL;
        }
    }

  clear_model (self);
  fit_scaler (self, train);
  self->n_classes = train->n_classes;
  return transform_dataset (self, train);
}

/**
 * mlr_classifier_fit:
 * @train: points with labels 0..K-1 (every class present, K >= 2)
 * @error: return location for a #MLR_CLASSIFIER_ERROR (DATA: the set cannot be fitted;
 *   TOO_LARGE: the work is over a limit)
 *
 * Fits (or refits) the model. Clamped parameters and non-convergence are described by
 * mlr_classifier_get_notes().
 */
gboolean
mlr_classifier_fit (MlrClassifier     *self,
                    const MlrDataset  *train,
                    GError           **error)
{
  g_autoptr(MlrDataset) data = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (train != NULL, FALSE);

  data = prepare_fit (self, train, error);
  if (data == NULL)
    return FALSE;

  switch (self->kind)
    {
    case MLR_MODEL_LOGREG:
      self->logreg = mlr_logreg_fit (&self->logreg_opt, data);
      if (!mlr_logreg_get_converged (self->logreg))
        add_note (self, "logreg: stopped after %u iterations before fully converging",
                  mlr_logreg_get_n_iter (self->logreg));
      break;

    case MLR_MODEL_KNN:
      if (self->knn_k > data->n_points)
        add_note (self, "knn: k = %u is more than the %u training points; using k = %u",
                  self->knn_k, data->n_points, data->n_points);
      self->knn = mlr_knn_fit (self->knn_k, data);
      break;

    case MLR_MODEL_TREE:
      self->tree = mlr_tree_fit (&self->tree_opt, data);
      break;

    case MLR_MODEL_FOREST:
      self->forest = mlr_forest_fit (&self->forest_opt, data);
      break;

    case MLR_MODEL_SVM:
      {
        MlrSvmOptions opt = self->svm_opt;
        if (self->gamma_scale)
          opt.gamma = mlr_svm_gamma_scale (data);
        self->svm = mlr_svm_fit (&opt, data);
        if (!mlr_svm_get_converged (self->svm))
          add_note (self, "svm: SMO stopped at its iteration budget (%u iterations) before "
                    "reaching tolerance 1e-3; a smaller C converges faster",
                    mlr_svm_get_n_iter (self->svm));
      }
      break;

    case MLR_MODEL_MLP:
      self->mlp = mlr_mlp_fit (&self->mlp_opt, data);
      break;

    case MLR_MODEL_NB:
      self->nb = mlr_naive_bayes_fit (self->var_smoothing, data);
      break;

    case MLR_MODEL_GB:
      if (self->gb_stage != G_MAXUINT && self->gb_stage > self->gb_n_estimators)
        add_note (self, "gb: stage = %u is beyond n_estimators = %u; showing all %u stages",
                  self->gb_stage, self->gb_n_estimators, self->gb_n_estimators);
      self->gb = mlr_gboost_fit (&self->gb_opt, data);
      break;

    case MLR_N_MODELS:
    default:
      g_assert_not_reached ();
    }
  self->fitted = TRUE;
  if (self->mlp != NULL)
    {
      if (mlr_mlp_get_diverged (self->mlp))
        add_note (self, "mlp: the loss diverged at epoch %u; kept the weights of the epoch "
                  "before (try a smaller lr)", mlr_mlp_get_epoch (self->mlp) + 1);
      else if (mlr_mlp_get_epoch (self->mlp) >= self->mlp_opt.max_epochs)
        add_note (self, "mlp: reached epochs = %u while the loss was still improving",
                  self->mlp_opt.max_epochs);
    }
  return TRUE;
}

/* TRUE once a fit (or mlr_classifier_mlp_start()) succeeded. */
gboolean
mlr_classifier_is_fitted (const MlrClassifier *self)
{
  return self->fitted;
}

/* K, the number of classes of the training set; 0 before fitting. */
guint
mlr_classifier_get_n_classes (const MlrClassifier *self)
{
  return self->n_classes;
}

/* Notes on the last fit, one per line (k clamped, SMO iteration budget, ...), or "". */
const char *
mlr_classifier_get_notes (const MlrClassifier *self)
{
  return self->notes->str;
}

/* ---- MLP ------------------------------------------------------------------------------ */

/**
 * mlr_classifier_mlp_start:
 * Like mlr_classifier_fit() for an mlp, but trains no epoch yet: the network predicts from
 * its initial weights, and mlr_classifier_mlp_step() trains it on, for animation.
 */
gboolean
mlr_classifier_mlp_start (MlrClassifier     *self,
                          const MlrDataset  *train,
                          GError           **error)
{
  g_autoptr(MlrDataset) data = NULL;

  g_return_val_if_fail (self != NULL && self->kind == MLR_MODEL_MLP, FALSE);

  data = prepare_fit (self, train, error);
  if (data == NULL)
    return FALSE;
  self->mlp = mlr_mlp_new (&self->mlp_opt, data);
  self->fitted = TRUE;
  return TRUE;
}

/**
 * mlr_classifier_mlp_set_validation:
 * @validation: (nullable): a held-out labelled set whose loss is recorded after each epoch
 *   from now on (mlr_classifier_mlp_get_validation_history()); NULL to stop
 */
gboolean
mlr_classifier_mlp_set_validation (MlrClassifier     *self,
                                   const MlrDataset  *validation,
                                   GError           **error)
{
  g_autoptr(MlrDataset) scaled = NULL;

  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_MLP), FALSE);

  if (validation == NULL)
    {
      mlr_mlp_set_validation (self->mlp, NULL);
      return TRUE;
    }
  for (guint i = 0; i < validation->n_points; i++)
    if (!isfinite (validation->x[2 * i]) || !isfinite (validation->x[2 * i + 1]) ||
        fabs (validation->x[2 * i]) > MLR_DATASET_MAX_ABS ||
        fabs (validation->x[2 * i + 1]) > MLR_DATASET_MAX_ABS)
      {
        g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_DATA,
                     "validation point %u is not finite or too large", i + 1);
        return FALSE;
      }
  scaled = transform_dataset (self, validation);
  mlr_mlp_set_validation (self->mlp, scaled);
  return TRUE;
}

/**
 * mlr_classifier_mlp_step:
 * Trains up to @n_epochs more epochs (fewer when training ends).
 *
 * Returns: the mean training loss of the last epoch
 */
double
mlr_classifier_mlp_step (MlrClassifier *self,
                         guint          n_epochs)
{
  double loss = 0;

  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_MLP), 0);

  for (guint e = 0; e < n_epochs && !mlr_mlp_is_done (self->mlp); e++)
    loss = mlr_mlp_train_epoch (self->mlp);
  if (mlr_mlp_get_diverged (self->mlp) && self->notes->len == 0)
    add_note (self, "mlp: the loss diverged at epoch %u; kept the weights of the epoch "
              "before (try a smaller lr)", mlr_mlp_get_epoch (self->mlp) + 1);
  return loss;
}
