/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-boundary-state-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-rng.h"

G_DEFINE_QUARK (mlr-boundary-state-error-quark, mlr_boundary_state_error)

/* The split's shuffle is seeded apart from the dataset's, so the held-out points are not
 * correlated with how the generator laid them out. */
#define SPLIT_SEED_SALT G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

static const char * const dataset_keys[] = { "dataset", "n", "noise", "seed", "classes", NULL };

/* ---- parameters ----------------------------------------------------------------------- */

static const char * const view_choices[] = { "plane", "network", NULL };
static const char * const view_titles[] = { N_("Plane"), N_("Network"), NULL };

/* The demo's own keys; the dataset keys (dataset, n, noise, seed, classes) come from
 * mlr_dataset_param_specs() and the model keys (C, degree, k, max_depth, kernel, gamma,
 * hidden, ...) from mlr_model_param_specs() — the same tables `ml-roadmap-cli dataset` and
 * `fit --set` check. The concatenation is built once, on first use. */
static MlrParamSpec own_specs[] = {
  { .key = "split", .type = MLR_PARAM_NUMBER, .default_value = "0.3", .min = 0, .max = 0.9,
    .help = N_("Share of the points held out as the test set (drawn hollow), split per class. "
               "The model never sees them; their accuracy is the honest score"),
    .label = N_("Test share"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.05 },
  { .key = "model", .type = MLR_PARAM_CHOICE, .default_value = "logreg",
    .help = N_("The classifier: logreg, knn, tree, forest, svm, mlp, nb or gb; its own "
               "hyper-parameters appear beside it, with the keys of `ml-roadmap-cli fit`"),
    .label = N_("Model"), .row = 1 },
  { .key = "view", .type = MLR_PARAM_CHOICE, .default_value = "plane", .choices = view_choices,
    .choice_titles = view_titles,
    .help = N_("plane: the classes over the plane; network (mlp): beside the plane, every "
               "unit of the network as a small map of its output over the same plane, joined "
               "by its weights (colour: sign, width: size)"),
    .label = N_("View"), .row = 1 },
};

static MlrParamSpec *all_specs;
static guint n_all_specs;

/* dataset keys, then split and model, then every model key not already there (the models'
 * `seed` is the dataset's: one seed makes the whole picture). */
static gpointer
build_param_specs (gpointer data)
{
  const MlrParamSpec *parts[3];
  guint sizes[3];

  for (guint i = 0; i < G_N_ELEMENTS (own_specs); i++)
    if (g_str_equal (own_specs[i].key, "model"))
      own_specs[i].choices = mlr_model_kind_choices (&own_specs[i].choice_titles);
  parts[0] = mlr_dataset_param_specs (&sizes[0]);
  parts[1] = own_specs;
  sizes[1] = G_N_ELEMENTS (own_specs);
  parts[2] = mlr_model_param_specs (&sizes[2]);
  all_specs = g_new0 (MlrParamSpec, sizes[0] + sizes[1] + sizes[2]);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (guint i = 0; i < sizes[p]; i++)
      if (mlr_param_spec_lookup (all_specs, n_all_specs, parts[p][i].key) == NULL)
        all_specs[n_all_specs++] = parts[p][i];
  return all_specs;
}

/**
 * mlr_boundary_state_param_specs:
 * The keys a <demo kind="decision-boundary"> and `--set` accept, with how the demo shows each.
 */
const MlrParamSpec *
mlr_boundary_state_param_specs (guint *n_specs)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, build_param_specs, NULL);
  *n_specs = n_all_specs;
  return all_specs;
}

static const char * const metric_names[] = {
  "dataset", "model", "n_points", "n_classes", "train_accuracy", "test_accuracy",
  "hidden_units", "hidden_layers", "k", "max_depth", "n_trees", "kernel", "C", "gamma", "degree",
  "n_estimators", "learning_rate", "stage", NULL
};

/* Every name mlr_boundary_state_collect_metrics() reports, NULL-terminated. */
const char * const *
mlr_boundary_state_metric_names (void)
{
  return metric_names;
}


static const char *
param_str (const MlrBoundaryState *self,
           const char             *key)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_params_get_specs (self->params, &n_specs);

  if (mlr_param_spec_lookup (specs, n_specs, key) == NULL)
    return NULL;
  return mlr_params_get_string (self->params, key);
}

static gint64
param_int (const MlrBoundaryState *self,
           const char             *key,
           gint64                  fallback)
{
  const char *v = param_str (self, key);

  if (v == NULL || mlr_params_is_special (self->params, key))
    return fallback;
  return g_ascii_strtoll (v, NULL, 10);
}

static double
param_double (const MlrBoundaryState *self,
              const char             *key,
              double                  fallback)
{
  const char *v = param_str (self, key);

  if (v == NULL || mlr_params_is_special (self->params, key))
    return fallback;
  return g_ascii_strtod (v, NULL);
}

static gboolean
param_given (const MlrBoundaryState *self,
             const char             *key)
{
  return param_str (self, key) != NULL && mlr_params_has (self->params, key);
}

static gboolean
is_multiclass_dataset (MlrDatasetKind kind)
{
  return kind == MLR_DATASET_GAUSSIAN || kind == MLR_DATASET_SPIRAL;
}

/* The hyper-parameters @kind takes, from the demo's table; the forest's and the mlp's seed
 * is the dataset's, so one seed gives one picture. */
MlrParams *
mlr_boundary_model_params_for (const MlrBoundaryState *self,
                               MlrModelKind            kind)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
  MlrParams *out = mlr_params_new (specs, n_specs);
  const char * const *keys = mlr_model_param_keys (kind);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *v = NULL;

      if (g_str_equal (keys[i], "seed"))
        v = param_str (self, "seed");
      else if (param_given (self, keys[i]))
        v = param_str (self, keys[i]);
      if (v != NULL && !mlr_params_set (out, keys[i], v, NULL))
        g_warn_if_reached ();
    }
  return out;
}

/* ---- points --------------------------------------------------------------------------- */

static void
ensure_test_capacity (MlrBoundaryState *self,
                      guint             n)
{
  if (n <= self->test_alloc)
    return;
  self->test_alloc = MAX (n, MAX (16, 2 * self->test_alloc));
  self->test = g_renew (guint8, self->test, self->test_alloc);
}

static void
changed (MlrBoundaryState *self,
         gboolean          config)
{
  self->generation++;
  if (config)
    self->config++;
  self->mlp_target = MLR_BOUNDARY_MLP_UNTIL_DONE;
}

/* Holds out round(split x count) points of each class, at random (seeded), keeping at least
 * one training point per class: a stratified split, as scikit-learn's with stratify=y. */
static void
split_points (MlrBoundaryState *self)
{
  double frac = CLAMP (param_double (self, "split", 0.3), 0, 0.95);
  guint n = self->points->n_points;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  guint taken[MLR_DATASET_MAX_CLASSES] = { 0 };
  guint quota[MLR_DATASET_MAX_CLASSES] = { 0 };
  MlrRng rng;

  ensure_test_capacity (self, n);
  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    {
      guint count = mlr_dataset_count_label (self->points, c);
      guint m = (guint) round (frac * count);
      quota[c] = count > 0 ? MIN (m, count - 1) : 0;
    }
  for (guint i = 0; i < n; i++)
    order[i] = i;
  mlr_rng_init (&rng, (guint64) param_int (self, "seed", 0) ^ SPLIT_SEED_SALT);
  mlr_rng_shuffle (&rng, order, n);
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      guint c = self->points->y[i];
      self->test[i] = taken[c] < quota[c];
      taken[c] += self->test[i];
    }
}

static void
compute_view (MlrBoundaryState *self)
{
  double x0, x1, y0, y1, span;

  mlr_dataset_get_bounds (self->points, 0, &x0, &x1, &y0, &y1);
  span = MAX (MAX (x1 - x0, y1 - y0), 1e-9);
  self->view[0] = x0 - 0.08 * span;
  self->view[1] = x1 + 0.08 * span;
  self->view[2] = y0 - 0.08 * span;
  self->view[3] = y1 + 0.08 * span;
}

/* Takes @points (owned) as the new data: split, view, a clean slate for selection. */
static void
install_points (MlrBoundaryState *self,
                MlrDataset       *points)
{
  g_clear_pointer (&self->points, mlr_dataset_free);
  g_clear_pointer (&self->sample, mlr_dataset_free);
  g_clear_pointer (&self->sample_test, g_free);
  self->points = points;
  self->n_classes_base = points->n_classes;
  split_points (self);
  self->sample = mlr_dataset_copy (points);
  self->sample_test = g_memdup2 (self->test, MAX (points->n_points, 1));
  compute_view (self);
  memcpy (self->bounds, self->view, sizeof self->bounds);
  self->selected = -1;
  self->cursor[0] = (self->view[0] + self->view[1]) / 2;
  self->cursor[1] = (self->view[2] + self->view[3]) / 2;
  changed (self, TRUE);
}

/* The arguments generate() passes to mlr_dataset_generate(), checked; nothing generated. */
typedef struct {
  MlrDatasetKind kind;
  guint          n;
  double         noise;
  guint64        seed;
  guint          classes;
} SampleArgs;

static gboolean
sample_args (MlrBoundaryState  *self,
             SampleArgs        *args,
             GError           **error)
{
  const char *name = param_str (self, "dataset");

  args->kind = MLR_DATASET_MOONS;
  if (name != NULL && !mlr_dataset_kind_from_string (name, &args->kind))
    {
      g_set_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_INVALID,
                   "dataset: unknown dataset “%s” (one of %s)", name, mlr_dataset_kind_names ());
      return FALSE;
    }
  args->n = (guint) CLAMP (param_int (self, "n", 200), 1, MLR_BOUNDARY_MAX_POINTS);
  args->noise = param_double (self, "noise", 0.2);
  args->seed = (guint64) param_int (self, "seed", 0);
  args->classes = is_multiclass_dataset (args->kind) ? (guint) param_int (self, "classes", 3) : 2;
  return mlr_dataset_check_args (args->kind, args->n, args->noise, args->classes, error);
}

static gboolean
generate (MlrBoundaryState  *self,
          GError           **error)
{
  gint64 n = param_int (self, "n", 200);
  MlrDatasetKind kind;
  MlrDataset *points;
  SampleArgs args;

  if (!sample_args (self, &args, error))
    return FALSE;
  kind = args.kind;
  self->n_asked = (guint) CLAMP (n, 0, G_MAXUINT);
  self->n_clamped = n > MLR_BOUNDARY_MAX_POINTS;
  self->classes_ignored = !is_multiclass_dataset (kind) && param_given (self, "classes") &&
                          param_int (self, "classes", 3) != 2;
  points = mlr_dataset_generate (kind, args.n, args.noise, args.seed, args.classes, error);
  if (points == NULL)
    return FALSE;
  self->dataset = kind;
  self->imported = FALSE;
  g_clear_pointer (&self->source_name, g_free);
  install_points (self, points);
  return TRUE;
}

static gboolean
parse_model (const MlrBoundaryState  *self,
             MlrModelKind            *kind,
             GError                 **error)
{
  const char *name = param_str (self, "model");

  *kind = MLR_MODEL_LOGREG;
  if (name != NULL && !mlr_model_kind_from_string (name, kind))
    {
      g_set_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_INVALID,
                   "model: unknown model “%s” (one of %s)", name, mlr_model_kind_names ());
      return FALSE;
    }
  return TRUE;
}

/* Keys given for other models than the one shown: said once, so a lesson author sees that
 * `C` does nothing to a knn. */
static char *
find_ignored_keys (const MlrBoundaryState *self)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_specs; i++)
    if (!g_str_equal (specs[i].key, "seed") && param_given (self, specs[i].key) &&
        !mlr_model_accepts_key (self->model, specs[i].key))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", specs[i].key);
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/**
 * mlr_boundary_state_new:
 * @params: a table from the "decision-boundary" demo spec (dataset keys, split, model and the
 *   model keys of mlr_model_param_specs())
 *
 * Generates the dataset, splits it and prepares the model; nothing is fitted yet (see
 * mlr_boundary_state_new_job() and mlr_boundary_state_fit_sync()).
 *
 * Returns: (transfer full) (nullable): the state, or %NULL with @error set when the
 *   parameters do not fit together
 */
/* Boosting's trees are shallow by default (max_depth 3, as scikit-learn's): when gb is
 * chosen and no depth was given, the demo's table takes 3, so the control shows the depth
 * the model uses. */
static void
gb_default_depth (MlrBoundaryState *self)
{
  if (self->model == MLR_MODEL_GB && !param_given (self, "max_depth"))
    mlr_params_set (self->params, "max_depth", "3", NULL);
}

/* A state with its parameters read and checked, but no points yet. */
static MlrBoundaryState *
state_without_points (const MlrParams  *params,
                      GError          **error)
{
  g_autoptr(MlrBoundaryState) self = g_new0 (MlrBoundaryState, 1);
  g_autoptr(MlrParams) check = NULL;

  self->params = mlr_params_copy (params);
  self->selected = -1;
  if (!parse_model (self, &self->model, error))
    return NULL;
  gb_default_depth (self);
  check = mlr_boundary_model_params_for (self, self->model);
  if (!mlr_model_check_params (self->model, check, error))
    return NULL;
  return g_steal_pointer (&self);
}

MlrBoundaryState *
mlr_boundary_state_new (const MlrParams  *params,
                        GError          **error)
{
  g_autoptr(MlrBoundaryState) self = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  self = state_without_points (params, error);
  if (self == NULL || !generate (self, error))
    return NULL;
  self->show_splits = self->model == MLR_MODEL_TREE;
  self->ignored_keys = find_ignored_keys (self);
  self->mlp_target = MLR_BOUNDARY_MLP_UNTIL_DONE;
  return g_steal_pointer (&self);
}

/**
 * mlr_boundary_state_check_params:
 * Whether mlr_boundary_state_new() would accept @params, with the same message when not, but
 * in microseconds: no points are generated.
 */
gboolean
mlr_boundary_state_check_params (const MlrParams  *params,
                                 GError          **error)
{
  g_autoptr(MlrBoundaryState) self = NULL;
  SampleArgs args;

  g_return_val_if_fail (params != NULL, FALSE);

  self = state_without_points (params, error);
  return self != NULL && sample_args (self, &args, error);
}

void
mlr_boundary_state_free (MlrBoundaryState *self)
{
  if (self == NULL)
    return;
  mlr_params_free (self->params);
  mlr_dataset_free (self->points);
  mlr_dataset_free (self->sample);
  g_free (self->test);
  g_free (self->sample_test);
  g_free (self->source_name);
  g_free (self->ignored_keys);
  mlr_boundary_result_free (self->result);
  g_free (self->error);
  g_free (self);
}

/* The current parameter values (what `render --set` would need to paint this picture,
 * except hand edits and imports). */
const MlrParams *
mlr_boundary_state_get_params (const MlrBoundaryState *self)
{
  return self->params;
}

/**
 * mlr_boundary_state_set_param:
 * Sets one key of the demo's table and does what it implies: a dataset key draws a new
 * sample (hand edits and imports are replaced), split re-splits the current points, model and
 * model keys only change the next fit. A value equal to the current one changes nothing.
 *
 * Returns: FALSE with @error set when the value is invalid or does not fit the others (the
 *   state is then unchanged)
 */
gboolean
mlr_boundary_state_set_param (MlrBoundaryState  *self,
                              const char        *key,
                              const char        *value,
                              GError           **error)
{
  g_autofree char *old = NULL;
  gboolean had;

  g_return_val_if_fail (self != NULL && key != NULL && value != NULL, FALSE);

  had = param_given (self, key);
  old = g_strdup (param_str (self, key));
  if (!mlr_params_set (self->params, key, value, error))
    return FALSE;
  if (had && g_strcmp0 (old, param_str (self, key)) == 0)
    return TRUE;

  if (g_strv_contains (dataset_keys, key))
    {
      MlrDatasetKind kind = self->dataset;
      mlr_dataset_kind_from_string (param_str (self, "dataset"), &kind);
      /* classes means nothing to a two-class dataset: keep the edits */
      if (g_str_equal (key, "classes") && !is_multiclass_dataset (kind))
        return TRUE;
      if (!generate (self, error))
        {
          if (old != NULL)
            mlr_params_set (self->params, key, old, NULL);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (key, "view"))
    return TRUE;  /* what is drawn, not what is fitted */
  if (g_str_equal (key, "split"))
    {
      split_points (self);
      changed (self, TRUE);
      return TRUE;
    }
  if (g_str_equal (key, "model"))
    {
      MlrModelKind kind;
      g_autoptr(MlrParams) check = NULL;

      if (!parse_model (self, &kind, error))
        return FALSE;
      check = mlr_boundary_model_params_for (self, kind);
      if (!mlr_model_check_params (kind, check, error))
        {
          if (old != NULL)
            mlr_params_set (self->params, key, old, NULL);
          return FALSE;
        }
      self->model = kind;
      gb_default_depth (self);
      self->show_splits = kind == MLR_MODEL_TREE;
      g_clear_pointer (&self->ignored_keys, g_free);
    }
  changed (self, TRUE);
  return TRUE;
}

MlrDatasetKind
mlr_boundary_state_get_dataset (const MlrBoundaryState *self)
{
  return self->dataset;
}

MlrModelKind
mlr_boundary_state_get_model (const MlrBoundaryState *self)
{
  return self->model;
}

/* TRUE when the points came from a CSV file rather than the generator. */
gboolean
mlr_boundary_state_is_imported (const MlrBoundaryState *self)
{
  return self->imported;
}

guint64
mlr_boundary_state_get_seed (const MlrBoundaryState *self)
{
  return (guint64) param_int (self, "seed", 0);
}

/* All points, train and test; labels 0 .. mlr_boundary_state_get_n_classes() - 1. */
const MlrDataset *
mlr_boundary_state_get_points (const MlrBoundaryState *self)
{
  return self->points;
}

guint
mlr_boundary_state_get_n_points (const MlrBoundaryState *self)
{
  return self->points->n_points;
}

/* K: the classes of the sample plus any added by hand (a class may have no points left). */
guint
mlr_boundary_state_get_n_classes (const MlrBoundaryState *self)
{
  return MAX (MAX (self->n_classes_base, self->points->n_classes), 1);
}

/* Whether point @i is held out (a test point, drawn hollow). */
gboolean
mlr_boundary_state_is_test (const MlrBoundaryState *self,
                            guint                   i)
{
  g_return_val_if_fail (i < self->points->n_points, FALSE);
  return self->test[i] != 0;
}

static void
clamp_to_view (const MlrBoundaryState *self,
               double                 *x,
               double                 *y)
{
  if (!isfinite (*x))
    *x = (self->view[0] + self->view[1]) / 2;
  if (!isfinite (*y))
    *y = (self->view[2] + self->view[3]) / 2;
  *x = CLAMP (*x, self->bounds[0], self->bounds[1]);
  *y = CLAMP (*y, self->bounds[2], self->bounds[3]);
}

/**
 * mlr_boundary_state_add_point:
 * Adds a training point of class @label at (@x, @y) (kept inside the bounds).
 *
 * Returns: its index, or -1 when the demo already holds MLR_BOUNDARY_MAX_POINTS points or
 *   @label is not a class label
 */
int
mlr_boundary_state_add_point (MlrBoundaryState *self,
                              double            x,
                              double            y,
                              guint             label)
{
  guint n = self->points->n_points;

  if (n >= MLR_BOUNDARY_MAX_POINTS || label >= MLR_DATASET_MAX_CLASSES)
    return -1;
  clamp_to_view (self, &x, &y);
  ensure_test_capacity (self, n + 1);
  mlr_dataset_append (self->points, x, y, label);
  self->test[n] = FALSE;
  changed (self, FALSE);
  return (int) n;
}

/* Removes point @i; the selection follows the point it was on. */
gboolean
mlr_boundary_state_remove_point (MlrBoundaryState *self,
                                 guint             i)
{
  MlrDataset *p = self->points;

  if (i >= p->n_points)
    return FALSE;
  memmove (p->x + 2 * i, p->x + 2 * (i + 1), 2 * sizeof (double) * (p->n_points - i - 1));
  memmove (p->y + i, p->y + i + 1, p->n_points - i - 1);
  memmove (self->test + i, self->test + i + 1, p->n_points - i - 1);
  p->n_points--;
  if (self->selected == (int) i)
    self->selected = -1;
  else if (self->selected > (int) i)
    self->selected--;
  changed (self, FALSE);
  return TRUE;
}

/* Moves point @i to (@x, @y), kept inside the bounds (mlr_boundary_state_set_bounds()). */
void
mlr_boundary_state_move_point (MlrBoundaryState *self,
                               guint             i,
                               double            x,
                               double            y)
{
  g_return_if_fail (i < self->points->n_points);

  clamp_to_view (self, &x, &y);
  if (self->points->x[2 * i] == x && self->points->x[2 * i + 1] == y)
    return;
  self->points->x[2 * i] = x;
  self->points->x[2 * i + 1] = y;
  if (self->selected == (int) i)
    {
      self->cursor[0] = x;
      self->cursor[1] = y;
    }
  changed (self, FALSE);
}

/* The point nearest (@x, @y) within @radius (data units), or -1; the topmost (last drawn)
 * wins a tie. */
int
mlr_boundary_state_find_point (const MlrBoundaryState *self,
                               double                  x,
                               double                  y,
                               double                  radius)
{
  double best = radius * radius;
  int found = -1;

  for (guint i = 0; i < self->points->n_points; i++)
    {
      double dx = self->points->x[2 * i] - x, dy = self->points->x[2 * i + 1] - y;
      double d = dx * dx + dy * dy;
      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

int
mlr_boundary_state_get_selected (const MlrBoundaryState *self)
{
  return self->selected;
}

/* Selects point @i (-1: none); the keyboard cursor jumps to it. */
void
mlr_boundary_state_set_selected (MlrBoundaryState *self,
                                 int               i)
{
  if (i < 0 || (guint) i >= self->points->n_points)
    i = -1;
  self->selected = i;
  if (i >= 0)
    {
      self->cursor[0] = self->points->x[2 * i];
      self->cursor[1] = self->points->x[2 * i + 1];
    }
}

void
mlr_boundary_state_get_cursor (const MlrBoundaryState *self,
                               double                 *x,
                               double                 *y)
{
  *x = self->cursor[0];
  *y = self->cursor[1];
}

/* Moves the keyboard cursor (kept inside the bounds). */
void
mlr_boundary_state_set_cursor (MlrBoundaryState *self,
                               double            x,
                               double            y)
{
  clamp_to_view (self, &x, &y);
  self->cursor[0] = x;
  self->cursor[1] = y;
}

/* "New sample": the next seed, so the same kind of data with other points. */
void
mlr_boundary_state_new_sample (MlrBoundaryState *self)
{
  char buf[32];
  guint64 seed = mlr_boundary_state_get_seed (self);

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, seed >= G_MAXUINT32 ? 0 : seed + 1);
  if (!mlr_boundary_state_set_param (self, "seed", buf, NULL))
    g_warn_if_reached ();
}

/* Undoes the hand edits: back to the points as generated or imported. */
void
mlr_boundary_state_restore (MlrBoundaryState *self)
{
  mlr_dataset_free (self->points);
  self->points = mlr_dataset_copy (self->sample);
  ensure_test_capacity (self, self->points->n_points);
  if (self->points->n_points > 0)
    memcpy (self->test, self->sample_test, self->points->n_points);
  self->selected = -1;
  changed (self, FALSE);
}

/**
 * mlr_boundary_state_set_points:
 * @points: labelled points, e.g. from mlr_csv_load()
 * @name: (nullable): where they came from, for titles ("iris.csv")
 *
 * Replaces the data (split afresh with the current split and seed). Refused, leaving the
 * state unchanged, when there are more than MLR_BOUNDARY_MAX_POINTS points or fewer than two
 * classes.
 */
gboolean
mlr_boundary_state_set_points (MlrBoundaryState  *self,
                               const MlrDataset  *points,
                               const char        *name,
                               GError           **error)
{
  guint used = 0;

  g_return_val_if_fail (points != NULL, FALSE);

  if (points->n_points > MLR_BOUNDARY_MAX_POINTS)
    {
      g_set_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_TOO_LARGE,
                   "%s%s%u points is more than the %d this demo refits live; use "
                   "`ml-roadmap-cli fit` for larger data", name ? name : "", name ? ": " : "",
                   points->n_points, MLR_BOUNDARY_MAX_POINTS);
      return FALSE;
    }
  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    used += mlr_dataset_count_label (points, c) > 0;
  if (points->n_classes == 0 || used < 2)
    {
      g_set_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_INVALID,
                   "%s%sthe points have %s; a classifier needs at least two",
                   name ? name : "", name ? ": " : "",
                   used == 0 ? "no labels" : "only one class");
      return FALSE;
    }
  for (guint i = 0; i < 2 * points->n_points; i++)
    if (!isfinite (points->x[i]) || fabs (points->x[i]) > MLR_DATASET_MAX_ABS)
      {
        g_set_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_INVALID,
                     "%s%spoint %u is not finite or too large", name ? name : "",
                     name ? ": " : "", i / 2 + 1);
        return FALSE;
      }
  self->imported = TRUE;
  g_free (self->source_name);
  self->source_name = g_strdup (name);
  self->n_clamped = FALSE;
  self->classes_ignored = FALSE;
  install_points (self, mlr_dataset_copy (points));
  return TRUE;
}

/* The data area shown: the points' box with a margin, fixed while points are edited so the
 * picture does not jump under the pointer. */
void
mlr_boundary_state_get_view (const MlrBoundaryState *self,
                             double                 *x0,
                             double                 *x1,
                             double                 *y0,
                             double                 *y1)
{
  *x0 = self->view[0];
  *x1 = self->view[1];
  *y0 = self->view[2];
  *y1 = self->view[3];
}

/**
 * mlr_boundary_state_set_bounds:
 * The area points may be added, moved and the cursor go to: the plane as the widget shows
 * it (wider than the view on one axis, since the plane keeps an equal aspect). Defaults to
 * the view; a box that does not contain the view is ignored.
 */
void
mlr_boundary_state_set_bounds (MlrBoundaryState *self,
                               double            x0,
                               double            x1,
                               double            y0,
                               double            y1)
{
  if (!(x0 <= self->view[0] && x1 >= self->view[1] && y0 <= self->view[2] &&
        y1 >= self->view[3]) || !isfinite (x0 + x1 + y0 + y1))
    return;
  self->bounds[0] = x0;
  self->bounds[1] = x1;
  self->bounds[2] = y0;
  self->bounds[3] = y1;
}

/* Whether the tree's (the forest's first tree's) split lines are drawn; on for a tree by
 * default, off for a forest whose first tree is only one voice of many. */
gboolean
mlr_boundary_state_get_show_splits (const MlrBoundaryState *self)
{
  return self->show_splits;
}

void
mlr_boundary_state_set_show_splits (MlrBoundaryState *self,
                                    gboolean          show)
{
  self->show_splits = !!show;
}

/* ---- mlp ------------------------------------------------------------------------------ */

/* The epoch the next fit trains to (MLR_BOUNDARY_MLP_UNTIL_DONE: to the end). */
guint
mlr_boundary_state_get_mlp_target (const MlrBoundaryState *self)
{
  return self->mlp_target;
}

/* Back to the untrained network (epoch 0); the next fit shows its initial guess. */
void
mlr_boundary_state_mlp_reset (MlrBoundaryState *self)
{
  self->generation++;
  self->mlp_target = 0;
}

/* Whether the shown network can train further epochs. */
gboolean
mlr_boundary_state_mlp_can_step (const MlrBoundaryState *self)
{
  return self->model == MLR_MODEL_MLP && self->result != NULL &&
         self->result->model == MLR_MODEL_MLP && !self->result->training_done &&
         self->error == NULL;
}

/* ---- gradient boosting ----------------------------------------------------------------- */

/* The stages the gb model shown uses: min (stage, n_estimators), all of them for "all". */
guint
mlr_boundary_state_get_gb_stage (const MlrBoundaryState *self)
{
  guint n_est = (guint) CLAMP (param_int (self, "n_estimators", 100), 1, G_MAXUINT);

  return (guint) MIN ((guint64) param_int (self, "stage", n_est), n_est);
}

/* n_estimators, the stages of the full gb model. */
guint
mlr_boundary_state_get_gb_n_estimators (const MlrBoundaryState *self)
{
  return (guint) CLAMP (param_int (self, "n_estimators", 100), 1, G_MAXUINT);
}

/* ---- words ---------------------------------------------------------------------------- */

/**
 * mlr_boundary_state_get_notes:
 * Everything worth telling about the picture besides the scores: clamped parameters, keys
 * that do nothing here, and the last fit's notes, one per line; "" when none.
 */
char *
mlr_boundary_state_get_notes (const MlrBoundaryState *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (self->n_clamped)
    mlr_boundary_add_note (s, "n = %u clamped to %d points, the most this demo refits live",
                           self->n_asked, MLR_BOUNDARY_MAX_POINTS);
  if (self->classes_ignored)
    mlr_boundary_add_note (s, "classes applies to gaussian and spiral; %s has 2",
                           mlr_dataset_kind_to_string (self->dataset));
  if (self->ignored_keys != NULL)
    mlr_boundary_add_note (s, "%s: not a parameter of %s, ignored", self->ignored_keys,
                           mlr_model_kind_to_string (self->model));
  if (self->result != NULL && self->result->notes != NULL && self->result->notes[0] != '\0')
    mlr_boundary_add_note (s, "%s", self->result->notes);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "SVM (rbf)", "k-NN (k = 5)", "MLP (16, 16)": the model and what shapes its boundary most. */
char *
mlr_boundary_state_model_title (const MlrBoundaryState *self)
{
  g_autoptr(MlrParams) p = mlr_boundary_model_params_for (self, self->model);

  switch (self->model)
    {
    case MLR_MODEL_LOGREG:
      {
        gint64 degree = mlr_params_has (p, "degree") ? mlr_params_get_int (p, "degree") : 1;
        if (degree > 1)
          return g_strdup_printf ("Logistic regression (degree %" G_GINT64_FORMAT ")", degree);
        return g_strdup ("Logistic regression");
      }
    case MLR_MODEL_KNN:
      return g_strdup_printf ("k-NN (k = %" G_GINT64_FORMAT ")", mlr_params_get_int (p, "k"));
    case MLR_MODEL_TREE:
      if (mlr_params_is_special (p, "max_depth") || mlr_params_get_int (p, "max_depth") == 0)
        return g_strdup ("Decision tree (unlimited depth)");
      return g_strdup_printf ("Decision tree (depth ≤ %" G_GINT64_FORMAT ")",
                              mlr_params_get_int (p, "max_depth"));
    case MLR_MODEL_FOREST:
      return g_strdup_printf ("Random forest (%" G_GINT64_FORMAT " trees)",
                              mlr_params_get_int (p, "n_trees"));
    case MLR_MODEL_SVM:
      if (g_ascii_strcasecmp (mlr_params_get_string (p, "kernel"), "poly") == 0)
        return g_strdup_printf ("SVM (poly, degree %" G_GINT64_FORMAT ")",
                                mlr_params_has (p, "degree") ? mlr_params_get_int (p, "degree")
                                                             : 3);
      return g_strdup_printf ("SVM (%s)", mlr_params_get_string (p, "kernel"));
    case MLR_MODEL_MLP:
      {
        g_auto(GStrv) layers = g_strsplit (mlr_params_get_string (p, "hidden"), ",", -1);
        g_autofree char *joined = g_strjoinv (", ", layers);
        return g_strdup_printf ("MLP (%s)", joined);
      }
    case MLR_MODEL_NB:
      return g_strdup ("Gaussian naive Bayes");
    case MLR_MODEL_GB:
      {
        gint64 n_est = mlr_params_get_int (p, "n_estimators");
        gint64 stage = mlr_params_is_special (p, "stage") ? n_est
                                                          : MIN (mlr_params_get_int (p, "stage"),
                                                                 n_est);
        return g_strdup_printf ("Gradient boosting (stage %" G_GINT64_FORMAT " of %"
                                G_GINT64_FORMAT ")", stage, n_est);
      }
    case MLR_N_MODELS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "moons", or the imported file's name. */
const char *
mlr_boundary_state_data_title (const MlrBoundaryState *self)
{
  if (self->imported)
    return self->source_name ? self->source_name : "your data";
  return mlr_dataset_kind_to_string (self->dataset);
}

/* "97%" — never "100%" for a set with a mistake, nor "0%" for one right answer; "—" for no
 * points at all. */
char *
mlr_boundary_format_percent (guint correct,
                             guint total)
{
  double pct;

  if (total == 0)
    return g_strdup ("—");
  pct = round (100.0 * correct / total);
  if (correct < total)
    pct = MIN (pct, 99);
  if (correct > 0)
    pct = MAX (pct, 1);
  return g_strdup_printf ("%.0f%%", pct);
}

/* ---- challenges ----------------------------------------------------------------------- */

static void
metric_number (MlrMetricFunc  func,
               gpointer       user_data,
               const char    *name,
               double         value)
{
  func (name, g_variant_new_double (value), user_data);
}

/**
 * mlr_boundary_state_collect_metrics:
 * Reports what challenges can test (the names listed for "decision-boundary" in
 * lessons/mlr-demo-spec.c): the data (dataset — "csv" for imported points —, n_points,
 * n_classes), the model and its shaping keys (hidden_units over all layers, hidden_layers, k,
 * max_depth — 0 for no limit —, n_trees, kernel, C, gamma — -1 for "scale" —, degree,
 * n_estimators, learning_rate, and stage: the boosting stages gb uses, min (stage,
 * n_estimators)) and the accuracies of the picture shown, from 0 to 1. The accuracies are -1 while no picture
 * answers the current configuration (a fit is running or failed), so a goal is never met by
 * the previous model's score.
 */
void
mlr_boundary_state_collect_metrics (const MlrBoundaryState *self,
                                    MlrMetricFunc           func,
                                    gpointer                user_data)
{
  const MlrBoundaryResult *r = self->result;
  gboolean valid = r != NULL && r->config == self->config && self->error == NULL;
  double units[8];
  guint n_layers = mlr_params_get_doubles (self->params, "hidden", units, G_N_ELEMENTS (units));
  double total = 0, degree;

  for (guint i = 0; i < n_layers; i++)
    total += units[i];
  if (param_given (self, "degree"))
    degree = (double) param_int (self, "degree", 1);
  else
    degree = self->model == MLR_MODEL_SVM ? 3 : 1;

  func ("dataset", g_variant_new_string (self->imported ? "csv"
                                         : mlr_dataset_kind_to_string (self->dataset)),
        user_data);
  func ("model", g_variant_new_string (mlr_model_kind_to_string (self->model)), user_data);
  metric_number (func, user_data, "n_points", self->points->n_points);
  metric_number (func, user_data, "n_classes", mlr_boundary_state_get_n_classes (self));
  metric_number (func, user_data, "train_accuracy",
                 valid && r->n_train > 0 ? (double) r->train_correct / r->n_train : -1);
  metric_number (func, user_data, "test_accuracy",
                 valid && r->n_test > 0 ? (double) r->test_correct / r->n_test : -1);
  metric_number (func, user_data, "hidden_units", total);
  metric_number (func, user_data, "hidden_layers", n_layers);
  metric_number (func, user_data, "k", (double) param_int (self, "k", 5));
  metric_number (func, user_data, "max_depth", (double) param_int (self, "max_depth", 0));
  metric_number (func, user_data, "n_trees", (double) param_int (self, "n_trees", 100));
  func ("kernel", g_variant_new_string (param_str (self, "kernel") ? param_str (self, "kernel")
                                                                   : "rbf"), user_data);
  metric_number (func, user_data, "C", param_double (self, "C", 1));
  metric_number (func, user_data, "gamma", param_double (self, "gamma", -1));
  metric_number (func, user_data, "degree", degree);
  metric_number (func, user_data, "n_estimators", (double) param_int (self, "n_estimators", 100));
  metric_number (func, user_data, "learning_rate", param_double (self, "learning_rate", 0.1));
  metric_number (func, user_data, "stage", mlr_boundary_state_get_gb_stage (self));
}

/* ---- the state as parameters, for the demo's controls ---------------------------------- */

/**
 * mlr_boundary_state_read_params:
 * Writes every key the state holds into @params (a table of mlr_boundary_state_param_specs()).
 */
void
mlr_boundary_state_read_params (const MlrBoundaryState *self,
                                MlrParams              *params)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_params_get_specs (self->params, &n_specs);

  for (guint i = 0; i < n_specs; i++)
    {
      if (mlr_params_has (self->params, specs[i].key))
        mlr_params_set (params, specs[i].key, mlr_params_get_string (self->params, specs[i].key),
                        NULL);
      else
        mlr_params_unset (params, specs[i].key);
    }
}

/* mlr_boundary_state_set_param() with the value @params holds for @key. */
gboolean
mlr_boundary_state_apply_param (MlrBoundaryState  *self,
                                const MlrParams   *params,
                                const char        *key,
                                GError           **error)
{
  const char *value = mlr_params_get_string (params, key);

  if (value == NULL)
    return TRUE;
  return mlr_boundary_state_set_param (self, key, value, error);
}

/**
 * mlr_boundary_state_param_relevant:
 * Whether @key shapes the picture now: each model's own keys while that model is chosen
 * (degree for logistic regression and the polynomial kernel, γ unless the kernel is linear),
 * classes for the multi-class datasets, and the data keys only while the points are generated
 * rather than imported.
 */
gboolean
mlr_boundary_state_param_relevant (const MlrBoundaryState *self,
                                   const char             *key)
{
  const char *kernel = param_str (self, "kernel");

  if (g_str_equal (key, "model") || g_str_equal (key, "split") || g_str_equal (key, "dataset"))
    return TRUE;
  if (g_str_equal (key, "view"))
    return self->model == MLR_MODEL_MLP;
  if (g_strv_contains (dataset_keys, key))
    {
      if (self->imported)
        return FALSE;
      if (g_str_equal (key, "classes"))
        return is_multiclass_dataset (self->dataset);
      return TRUE;
    }
  if (!mlr_model_accepts_key (self->model, key))
    return FALSE;
  if (self->model == MLR_MODEL_SVM && g_str_equal (key, "degree"))
    return kernel != NULL && g_ascii_strcasecmp (kernel, "poly") == 0;
  if (self->model == MLR_MODEL_SVM && g_str_equal (key, "gamma"))
    return kernel == NULL || g_ascii_strcasecmp (kernel, "linear") != 0;
  return TRUE;
}

/* TRUE when the picture shows the network beside the plane: view=network and an mlp. */
gboolean
mlr_boundary_state_get_show_network (const MlrBoundaryState *self)
{
  return self->model == MLR_MODEL_MLP && g_strcmp0 (param_str (self, "view"), "network") == 0;
}
