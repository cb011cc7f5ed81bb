/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-demo-spec.h"

#include "ml/mlr-boundary-state.h"
#include "ml/mlr-classifier.h"
#include "ml/mlr-dataset.h"
#include "ml/mlr-gd-state.h"
#include "ml/mlr-matrix-state.h"

static const char * const modes[] = { "2d", "1d", NULL };
static const char * const surfaces[] = {
  "bowl", "rosenbrock", "himmelblau", "booth", "beale", "saddle", NULL
};
static const char * const functions[] = { "parabola", "double-well", "wavy", NULL };
static const char * const optimizers[] = {
  "gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", NULL
};

static const MlrParamSpec gradient_descent_params[] = {
  { "mode", MLR_PARAM_CHOICE, "2d", 0, 0, modes, 0, 0, NULL,
    "2d: a loss surface seen from above; 1d: a curve with its tangent line" },
  { "surface", MLR_PARAM_CHOICE, "rosenbrock", 0, 0, surfaces, 0, 0, NULL,
    "the 2-D loss surface to descend" },
  { "function", MLR_PARAM_CHOICE, "parabola", 0, 0, functions, 0, 0, NULL,
    "the 1-D curve (mode=1d)" },
  { "optimizer", MLR_PARAM_CHOICE_LIST, "gd", 0, 0, optimizers, 1, 6, NULL,
    "one optimizer, or several to race from the same start" },
  { "lr", MLR_PARAM_NUMBER, NULL, 1e-5, 10, NULL, 0, 0, NULL,
    "learning rate (step size); default: the surface's (1d: the curve's) suggested rate" },
  { "momentum", MLR_PARAM_NUMBER, "0.9", 0, 0.999, NULL, 0, 0, NULL,
    "momentum coefficient μ for momentum and nesterov" },
  { "beta1", MLR_PARAM_NUMBER, "0.9", 0, 0.999, NULL, 0, 0, NULL,
    "Adam's decay rate for the mean of the gradient" },
  { "beta2", MLR_PARAM_NUMBER, "0.999", 0, 0.99999, NULL, 0, 0, NULL,
    "Adam's decay rate for the mean of the squared gradient" },
  { "alpha", MLR_PARAM_NUMBER, "0.99", 0, 0.9999, NULL, 0, 0, NULL,
    "RMSprop's decay rate for the mean of the squared gradient" },
  { "eps", MLR_PARAM_NUMBER, NULL, 1e-12, 1, NULL, 0, 0, NULL,
    "the small constant that keeps RMSprop, Adam and Adagrad from dividing by zero; default "
    "1e-8 (Adagrad 1e-10, as in PyTorch)" },
  { "start", MLR_PARAM_NUMBER_LIST, NULL, -1e4, 1e4, NULL, 1, 2, NULL,
    "start point x,y (x alone in 1d); default: the surface's (1d: the curve's) usual start" },
  { "steps", MLR_PARAM_INT, "200", 1, 10000, NULL, 0, 0, NULL,
    "how many steps a run takes" },
  { "view", MLR_PARAM_NUMBER_LIST, NULL, -1e4, 1e4, NULL, 4, 4, NULL,
    "visible region xmin,xmax,ymin,ymax; default: the surface's (1d: the curve's) usual "
    "view" },
};

static const char * const show_items[] = {
  "grid", "eigen", "svd", "det", "points", "inverse", NULL
};

static const MlrParamSpec matrix_params[] = {
  { "matrix", MLR_PARAM_NUMBER_LIST, "1,0,0,1", -100, 100, NULL, 4, 4, NULL,
    "the matrix a,b,c,d = [[a, b], [c, d]]; its columns are where i-hat and j-hat land" },
  { "show", MLR_PARAM_CHOICE_LIST, "grid,det", 0, 0, show_items, 1, 6, NULL,
    "what to draw: the warped grid, eigenvectors, singular values, determinant area, a point "
    "cloud, the inverse" },
  { "animate", MLR_PARAM_BOOL, "true", 0, 0, NULL, 0, 0, NULL,
    "animate from the identity to the matrix when the demo appears" },
};

/* decision-boundary: ONE source of truth. The dataset keys (dataset, n, noise, seed, classes)
 * come from mlr_dataset_param_specs(), the model keys (C, degree, k, max_depth, kernel, gamma,
 * hidden, ...) from mlr_model_param_specs() — the same table `ml-roadmap-cli fit --set`
 * checks — and only the keys the demo adds itself are written here. The concatenation is
 * built once, on first use. */
static const char * const models[] = {
  "logreg", "knn", "tree", "forest", "svm", "mlp", "nb", NULL
};

static const MlrParamSpec decision_boundary_own_params[] = {
  { "split", MLR_PARAM_NUMBER, "0.3", 0, 0.9, NULL, 0, 0, NULL,
    "Fraction of the points held out as the test set (drawn hollow); split per class" },
  { "model", MLR_PARAM_CHOICE, "logreg", 0, 0, models, 0, 0, NULL,
    "The classifier: logreg, knn, tree, forest, svm, mlp or nb; its keys are as in "
    "`ml-roadmap-cli fit`" },
};

static MlrParamSpec *decision_boundary_params;
static guint n_decision_boundary_params;

static gboolean
has_key (const MlrParamSpec *specs,
         guint               n,
         const char         *key)
{
  return mlr_param_spec_lookup (specs, n, key) != NULL;
}

/* dataset keys, then split and model, then every model key not already there (the models'
 * `seed` is the dataset's: one seed makes the whole picture). */
static void
build_decision_boundary_params (void)
{
  const MlrParamSpec *parts[3];
  guint sizes[3];
  MlrParamSpec *out;
  guint n = 0;

  parts[0] = mlr_dataset_param_specs (&sizes[0]);
  parts[1] = decision_boundary_own_params;
  sizes[1] = G_N_ELEMENTS (decision_boundary_own_params);
  parts[2] = mlr_model_param_specs (&sizes[2]);
  out = g_new0 (MlrParamSpec, sizes[0] + sizes[1] + sizes[2]);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (guint i = 0; i < sizes[p]; i++)
      if (!has_key (out, n, parts[p][i].key))
        out[n++] = parts[p][i];
  decision_boundary_params = out;
  n_decision_boundary_params = n;
}

/* What each demo reports to challenges (see MlrDemoCanvas metrics and content/FORMAT.md). */
static const char * const gradient_descent_metrics[] = {
  "mode", "surface", "function", "lr", "step", "steps",
  "gd_loss", "gd_converged_step", "gd_diverged",
  "momentum_loss", "momentum_converged_step", "momentum_diverged",
  "nesterov_loss", "nesterov_converged_step", "nesterov_diverged",
  "rmsprop_loss", "rmsprop_converged_step", "rmsprop_diverged",
  "adam_loss", "adam_converged_step", "adam_diverged",
  "adagrad_loss", "adagrad_converged_step", "adagrad_diverged",
  NULL
};

static const char * const matrix_metrics[] = {
  "a", "b", "c", "d", "det", "sigma1", "sigma2", "real_eigenvalues", NULL
};

static const char * const decision_boundary_metrics[] = {
  "dataset", "model", "n_points", "n_classes", "train_accuracy", "test_accuracy",
  "hidden_units", "hidden_layers", "k", "max_depth", "n_trees", "kernel", "C", "gamma", "degree",
  NULL
};

/* Not const: the decision-boundary row gets its table on first use (ensure_specs). */
/* Each demo's state is the one judge of which combinations work: build it and let it go
 * (cheap for these two; the decision boundary's check generates no points). */
static gboolean
check_gradient_descent (const MlrParams  *params,
                        GError          **error)
{
  g_autoptr(MlrGdState) state = mlr_gd_state_new (params, error);
  return state != NULL;
}

static gboolean
check_matrix (const MlrParams  *params,
              GError          **error)
{
  g_autoptr(MlrMatrixState) state = mlr_matrix_state_new (params, error);
  return state != NULL;
}

static MlrDemoSpec specs[] = {
  { "gradient-descent", "Gradient descent",
    "Optimizers race down a loss surface; or a curve, its tangent and the steps along it",
    gradient_descent_params, G_N_ELEMENTS (gradient_descent_params), gradient_descent_metrics,
    check_gradient_descent },
  { "matrix", "Matrix transformation",
    "A 2×2 matrix warps the plane: determinant, eigenvectors, singular values",
    matrix_params, G_N_ELEMENTS (matrix_params), matrix_metrics, check_matrix },
  { "decision-boundary", "Decision boundaries",
    "Classifiers carve the plane into regions; add points and tune hyperparameters",
    NULL, 0, decision_boundary_metrics, mlr_boundary_state_check_params },
};

/* Runs once (g_once): every row whose table is built at run time gets it. */
static gpointer
fill_specs (gpointer data)
{
  build_decision_boundary_params ();
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_str_equal (specs[i].kind, "decision-boundary"))
      {
        specs[i].params = decision_boundary_params;
        specs[i].n_params = n_decision_boundary_params;
      }
  return specs;
}

static void
ensure_specs (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, fill_specs, NULL);
}

const MlrDemoSpec *
mlr_demo_specs (guint *n_specs)
{
  ensure_specs ();
  *n_specs = G_N_ELEMENTS (specs);
  return specs;
}

const MlrDemoSpec *
mlr_demo_spec_lookup (const char *kind)
{
  ensure_specs ();
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (specs[i].kind, kind) == 0)
      return &specs[i];
  return NULL;
}

/* "gradient-descent, matrix, decision-boundary", for error messages. */
char *
mlr_demo_spec_kinds (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", specs[i].kind);
  return g_string_free (s, FALSE);
}

MlrParams *
mlr_demo_spec_params (const MlrDemoSpec *spec)
{
  return mlr_params_new (spec->params, spec->n_params);
}

/* Appends @message to a "; "-separated list of what is wrong with a demo's parameters. */
void
mlr_demo_problems_add (GString    *problems,
                       const char *message)
{
  g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", message);
}

/**
 * mlr_demo_spec_params_from_block:
 * The parameters a lesson's <demo> gives (@block may be NULL: all defaults). A value that does
 * not check out is left at its default and explained in @problems, so the demo can still run
 * and say what it ignored.
 */
MlrParams *
mlr_demo_spec_params_from_block (const MlrDemoSpec *spec,
                                 const MlrBlock    *block,
                                 GString           *problems)
{
  MlrParams *params = mlr_demo_spec_params (spec);

  for (guint i = 0; block && block->params && i < block->params->len; i++)
    {
      const MlrDemoParam *p = g_ptr_array_index (block->params, i);
      g_autoptr(GError) local = NULL;

      if (!mlr_params_set (params, p->key, p->value, &local))
        mlr_demo_problems_add (problems, local->message);
    }
  return params;
}
