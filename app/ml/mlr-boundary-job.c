/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fitting the decision-boundary state off the UI thread: a job is a snapshot of what a fit
 * needs, run on any thread; its result goes back to the state on the UI thread, newest wins
 * (see mlr-boundary-state.h).
 */
#include "mlr-boundary-state-private.h"

#include <math.h>
#include <string.h>

/* Multiply-adds the worker may spend shading one MLP picture: a network too large for a
 * full-resolution raster within ~0.1 s is shaded on a coarser one (and says so). */
#define MLP_SHADE_BUDGET 6e7

/* Epochs the worker trains between looks at the cancel flag. */
#define MLP_CHUNK 4

/* ---- jobs ----------------------------------------------------------------------------- */

guint64
mlr_boundary_state_get_generation (const MlrBoundaryState *self)
{
  return self->generation;
}

guint64
mlr_boundary_state_get_config (const MlrBoundaryState *self)
{
  return self->config;
}

static double
count_mlp_weights (const MlrParams *model_params,
                   guint            n_classes)
{
  double units[8];
  guint n = mlr_params_get_doubles (model_params, "hidden", units, G_N_ELEMENTS (units));
  double prev = 2, w = 0;

  for (guint i = 0; i < n; i++)
    {
      w += prev * units[i] + units[i];
      prev = units[i];
    }
  return w + prev * n_classes + n_classes;
}

/**
 * mlr_boundary_state_new_job:
 * @grid: the raster to shade, in data coordinates (rows top-down)
 * @extra_epochs: 0 to fit (or re-evaluate) the current configuration; for an mlp, N > 0 to
 *   train N more epochs from the network shown
 *
 * A snapshot of what a fit needs, to run with mlr_boundary_job_run() on any thread. When the
 * shown result's classifier still matches the data and parameters, the job takes it over
 * (the result keeps its picture), so a re-evaluation does not refit and an mlp trains on
 * from where it is; otherwise the job fits afresh (an mlp deterministically retrains to the
 * same epoch).
 */
MlrBoundaryJob *
mlr_boundary_state_new_job (MlrBoundaryState *self,
                            const MlrGrid    *grid,
                            guint             extra_epochs)
{
  MlrBoundaryJob *job = g_new0 (MlrBoundaryJob, 1);
  MlrBoundaryResult *r = self->result;
  gboolean matches = r != NULL && r->generation == self->generation &&
                     r->config == self->config && r->model == self->model;
  guint n = self->points->n_points;

  job->serial = ++self->next_serial;
  job->generation = self->generation;
  job->config = self->config;
  job->model = self->model;
  job->model_params = mlr_boundary_model_params_for (self, self->model);
  job->points = mlr_dataset_copy (self->points);
  job->test = g_memdup2 (self->test, MAX (n, 1));
  job->n_classes = mlr_boundary_state_get_n_classes (self);
  job->grid = *grid;
  job->grid.width = CLAMP (grid->width, 1, 4096);
  job->grid.height = CLAMP (grid->height, 1, 4096);
  job->mlp_weights = count_mlp_weights (job->model_params, job->n_classes);
  if (self->model != MLR_MODEL_MLP)
    extra_epochs = 0;

  if (matches && r->classifier != NULL)
    {
      job->classifier = g_steal_pointer (&r->classifier);
      memcpy (job->fitted_classes, r->fitted_classes, sizeof job->fitted_classes);
      job->n_fitted_classes = r->n_fitted_classes;
      job->extra_epochs = extra_epochs;
    }
  else if (matches && self->model == MLR_MODEL_MLP)
    job->target_epoch = extra_epochs > 0 ? r->epoch + extra_epochs : r->epoch;
  else
    job->target_epoch = self->mlp_target;
  return job;
}

/* The configuration counter the job was made for (compare with
 * mlr_boundary_state_get_config() to see whether it is superseded). */
guint64
mlr_boundary_job_get_config (const MlrBoundaryJob *job)
{
  return job->config;
}

/* Asks a running job to stop at its next check (between mlp epochs, before shading); safe
 * from any thread. */
void
mlr_boundary_job_cancel (MlrBoundaryJob *job)
{
  g_atomic_int_set (&job->cancelled, 1);
}

gboolean
mlr_boundary_job_is_cancelled (MlrBoundaryJob *job)
{
  return g_atomic_int_get (&job->cancelled) != 0;
}

void
mlr_boundary_job_free (MlrBoundaryJob *job)
{
  if (job == NULL)
    return;
  mlr_params_free (job->model_params);
  mlr_dataset_free (job->points);
  g_free (job->test);
  mlr_classifier_free (job->classifier);
  g_free (job);
}

void
mlr_boundary_result_free (MlrBoundaryResult *result)
{
  if (result == NULL)
    return;
  g_free (result->error);
  g_free (result->notes);
  g_free (result->labels);
  g_free (result->confidence);
  g_free (result->decision);
  g_free (result->support);
  g_free (result->splits);
  g_free (result->confusion);
  g_free (result->loss);
  g_free (result->val_loss);
  mlr_mlp_network_free (result->network);
  mlr_classifier_free (result->classifier);
  g_free (result);
}

/* Appends a line to @notes (the notes the painter shows under the picture). */
void
mlr_boundary_add_note (GString    *notes,
                       const char *format,
                       ...)
{
  va_list args;

  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  va_start (args, format);
  g_string_append_vprintf (notes, format, args);
  va_end (args);
}

/* The training set with labels made contiguous (a class with no training points is left
 * out), and the validation set of the test points whose class was fitted. */
static MlrDataset *
make_training_set (MlrBoundaryJob *job,
                   guint8          to_compact[MLR_DATASET_MAX_CLASSES],
                   MlrDataset    **validation,
                   GString        *notes)
{
  guint counts[MLR_DATASET_MAX_CLASSES] = { 0 };
  MlrDataset *train;
  GString *missing = g_string_new (NULL);

  for (guint i = 0; i < job->points->n_points; i++)
    if (!job->test[i])
      counts[job->points->y[i]]++;
  job->n_fitted_classes = 0;
  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    {
      to_compact[c] = G_MAXUINT8;
      if (counts[c] > 0)
        {
          to_compact[c] = (guint8) job->n_fitted_classes;
          job->fitted_classes[job->n_fitted_classes++] = (guint8) c;
        }
      else if (c < job->n_classes)
        g_string_append_printf (missing, "%s%u", missing->len ? ", " : "", c);
    }
  if (missing->len > 0 && job->n_fitted_classes >= 2)
    mlr_boundary_add_note (notes, "class %s has no training points: fitted on the other "
                           "classes", missing->str);
  g_string_free (missing, TRUE);

  train = mlr_dataset_new (0, job->n_fitted_classes);
  *validation = mlr_dataset_new (0, job->n_fitted_classes);
  for (guint i = 0; i < job->points->n_points; i++)
    {
      guint8 c = to_compact[job->points->y[i]];
      if (c == G_MAXUINT8)
        continue;
      mlr_dataset_append (job->test[i] ? *validation : train, job->points->x[2 * i],
                          job->points->x[2 * i + 1], c);
    }
  train->n_classes = job->n_fitted_classes;
  (*validation)->n_classes = job->n_fitted_classes;
  return train;
}

static gboolean
train_mlp (MlrBoundaryJob *job,
           MlrClassifier  *clf,
           guint           target)
{
  while (!mlr_classifier_mlp_is_done (clf) && mlr_classifier_mlp_get_epoch (clf) < target)
    {
      guint left = target - mlr_classifier_mlp_get_epoch (clf);
      if (mlr_boundary_job_is_cancelled (job))
        return FALSE;
      mlr_classifier_mlp_step (clf, MIN (left, MLP_CHUNK));
    }
  return !mlr_boundary_job_is_cancelled (job);
}

static MlrBoundaryResult *
fail (MlrBoundaryResult *r,
      const char        *message)
{
  r->ok = FALSE;
  r->error = g_strdup (message);
  return r;
}

static void
score (MlrBoundaryJob    *job,
       MlrBoundaryResult *r,
       MlrClassifier     *clf)
{
  guint n = job->points->n_points, K = job->n_classes;
  g_autofree guint8 *pred = g_new (guint8, MAX (n, 1));
  guint n_test = 0;

  if (n > 0)
    mlr_classifier_predict (clf, job->points->x, n, pred);
  for (guint i = 0; i < n; i++)
    n_test += job->test[i] != 0;
  r->confusion = g_new0 (guint, (gsize) K * K);
  r->confusion_is_test = n_test > 0;
  for (guint i = 0; i < n; i++)
    {
      guint truth = job->points->y[i];
      guint guess = job->fitted_classes[MIN (pred[i], job->n_fitted_classes - 1)];
      gboolean right = truth == guess;

      if (job->test[i])
        {
          r->n_test++;
          r->test_correct += right;
        }
      else
        {
          r->n_train++;
          r->train_correct += right;
        }
      if ((job->test[i] != 0) == r->confusion_is_test && truth < K && guess < K)
        r->confusion[truth * K + guess]++;
    }
}

static void
shade (MlrBoundaryJob    *job,
       MlrBoundaryResult *r,
       MlrClassifier     *clf,
       GString           *notes)
{
  MlrGrid grid = job->grid;
  gsize cells;

  if (job->model == MLR_MODEL_MLP)
    {
      double work = (double) grid.width * grid.height * job->mlp_weights;
      if (work > MLP_SHADE_BUDGET)
        {
          double f = sqrt (MLP_SHADE_BUDGET / work);
          grid.width = MAX (16, (guint) (grid.width * f));
          grid.height = MAX (16, (guint) (grid.height * f));
          mlr_boundary_add_note (notes, "shaded on a coarser %u×%u raster: a network of %.0f "
                                 "weights is slow to evaluate at every pixel", grid.width,
                                 grid.height, job->mlp_weights);
        }
    }
  cells = (gsize) grid.width * grid.height;
  r->grid = grid;
  r->labels = g_new (guint8, cells);
  r->confidence = g_new (float, cells);
  mlr_classifier_eval_grid (clf, &grid, r->labels, r->confidence);
  for (gsize c = 0; c < cells; c++)
    {
      r->labels[c] = job->fitted_classes[MIN (r->labels[c], job->n_fitted_classes - 1)];
      if (!isfinite (r->confidence[c]))
        r->confidence[c] = 0;
    }

  if (job->model == MLR_MODEL_SVM)
    {
      r->n_support = mlr_classifier_svm_get_n_support (clf);
      r->support = g_new (double, 2 * (gsize) MAX (r->n_support, 1));
      if (r->n_support > 0)
        mlr_classifier_svm_get_support (clf, r->support, NULL);
      if (mlr_classifier_svm_get_n_decision (clf) == 1)
        {
          r->decision = g_new (float, cells);
          mlr_classifier_svm_decision_grid (clf, &grid, r->decision);
          for (gsize c = 0; c < cells; c++)
            if (!isfinite (r->decision[c]))
              r->decision[c] = 0;
        }
    }
  if (job->model == MLR_MODEL_TREE || job->model == MLR_MODEL_FOREST)
    {
      r->n_trees = mlr_classifier_get_n_trees (clf);
      if (r->n_trees > 0)
        {
          r->splits = mlr_classifier_get_tree_splits (clf, 0, grid.x0, grid.x1, grid.y0,
                                                      grid.y1, &r->n_splits);
          r->tree_depth = mlr_classifier_get_tree_depth (clf, 0);
          r->tree_leaves = mlr_classifier_get_tree_n_leaves (clf, 0);
        }
    }
}

/**
 * mlr_boundary_job_run:
 * Fits (or trains on, or re-evaluates) and shades the job's raster. Thread-safe: it touches
 * only the job. The job keeps no classifier afterwards; the result owns it.
 *
 * Returns: (transfer full) (nullable): the result (result->ok FALSE with a message when the
 *   model cannot be fitted), or %NULL when the job was cancelled
 */
MlrBoundaryResult *
mlr_boundary_job_run (MlrBoundaryJob *job)
{
  MlrBoundaryResult *r = g_new0 (MlrBoundaryResult, 1);
  g_autoptr(MlrClassifier) clf = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time (), t1;

  r->serial = job->serial;
  r->generation = job->generation;
  r->config = job->config;
  r->model = job->model;
  r->n_classes = job->n_classes;

  if (job->classifier != NULL)
    {
      clf = g_steal_pointer (&job->classifier);
      if (job->model == MLR_MODEL_MLP &&
          !train_mlp (job, clf, mlr_classifier_mlp_get_epoch (clf) + job->extra_epochs))
        goto cancelled;
    }
  else
    {
      guint8 to_compact[MLR_DATASET_MAX_CLASSES];
      g_autoptr(MlrDataset) validation = NULL;
      g_autoptr(MlrDataset) train = make_training_set (job, to_compact, &validation, notes);

      if (job->n_fitted_classes < 2)
        {
          g_autofree char *msg = NULL;
          if (job->n_fitted_classes == 1)
            msg = g_strdup_printf ("only class %u has training points; add points of another "
                                   "class (pick it and click) to fit a boundary",
                                   job->fitted_classes[0]);
          else
            msg = g_strdup ("no training points; click to add some");
          return fail (r, msg);
        }
      clf = mlr_classifier_new (job->model, job->model_params, &error);
      if (clf == NULL)
        return fail (r, error->message);
      if (job->model == MLR_MODEL_MLP)
        {
          if (!mlr_classifier_mlp_start (clf, train, &error))
            return fail (r, error->message);
          if (validation->n_points > 0 &&
              !mlr_classifier_mlp_set_validation (clf, validation, &error))
            return fail (r, error->message);
          if (!train_mlp (job, clf, job->target_epoch))
            goto cancelled;
        }
      else if (!mlr_classifier_fit (clf, train, &error))
        return fail (r, error->message);
    }
  t1 = g_get_monotonic_time ();
  r->fit_ms = (t1 - t0) / 1000.0;
  if (mlr_boundary_job_is_cancelled (job))
    goto cancelled;

  if (*mlr_classifier_get_notes (clf) != '\0')
    mlr_boundary_add_note (notes, "%s", mlr_classifier_get_notes (clf));
  shade (job, r, clf, notes);
  score (job, r, clf);
  if (job->model == MLR_MODEL_MLP)
    {
      const double *h;
      guint n;

      r->epoch = mlr_classifier_mlp_get_epoch (clf);
      r->max_epochs = (guint) mlr_params_get_int (job->model_params, "epochs");
      r->training_done = mlr_classifier_mlp_is_done (clf);
      h = mlr_classifier_mlp_get_loss_history (clf, &n);
      r->loss = g_memdup2 (h, sizeof (double) * MAX (n, 1));
      r->n_loss = h ? n : 0;
      h = mlr_classifier_mlp_get_validation_history (clf, &n);
      r->val_loss = g_memdup2 (h, sizeof (double) * MAX (n, 1));
      r->n_val_loss = h ? n : 0;
      r->network = mlr_mlp_network_new (clf, &r->grid, MLR_MLP_NETWORK_GRID);
    }
  r->eval_ms = (g_get_monotonic_time () - t1) / 1000.0;
  r->notes = g_strdup (notes->str);
  memcpy (r->fitted_classes, job->fitted_classes, sizeof r->fitted_classes);
  r->n_fitted_classes = job->n_fitted_classes;
  r->classifier = g_steal_pointer (&clf);
  r->ok = TRUE;
  return r;

cancelled:
  mlr_boundary_result_free (r);
  return NULL;
}

/**
 * mlr_boundary_state_take_result:
 * @result: (transfer full) (nullable): what mlr_boundary_job_run() returned
 *
 * Installs a finished job's answer. Answers come back in any order; the rule is "newest
 * request wins": an answer older than the one shown is dropped, and so is one made for a
 * configuration (model, hyper-parameters, dataset, split) that has changed since — a picture
 * of the previous model must not appear under the new model's name. An answer for the same
 * configuration but slightly older points (a drag moved on while it ran) is shown: it is
 * newer than what is on screen, and the next answer follows. A failed fit keeps the last
 * picture and sets the error (mlr_boundary_state_get_error()).
 *
 * Returns: TRUE when what is shown changed
 */
gboolean
mlr_boundary_state_take_result (MlrBoundaryState  *self,
                                MlrBoundaryResult *result)
{
  if (result == NULL)
    return FALSE;
  if (result->config != self->config || result->serial < self->shown_serial)
    {
      mlr_boundary_result_free (result);
      return FALSE;
    }
  self->shown_serial = result->serial;
  if (!result->ok)
    {
      g_free (self->error);
      self->error = g_steal_pointer (&result->error);
      mlr_boundary_result_free (result);
      return TRUE;
    }
  g_clear_pointer (&self->error, g_free);
  mlr_boundary_result_free (self->result);
  self->result = result;
  if (result->generation != self->generation)
    g_clear_pointer (&result->classifier, mlr_classifier_free);
  else if (result->model == MLR_MODEL_MLP)
    self->mlp_target = result->training_done ? MLR_BOUNDARY_MLP_UNTIL_DONE : result->epoch;
  return TRUE;
}

/* The picture shown (NULL before the first fit). */
const MlrBoundaryResult *
mlr_boundary_state_get_result (const MlrBoundaryState *self)
{
  return self->result;
}

/* Why the last fit failed, or NULL. */
const char *
mlr_boundary_state_get_error (const MlrBoundaryState *self)
{
  return self->error;
}

/* TRUE when the picture shown answers the current points and parameters. */
gboolean
mlr_boundary_state_is_current (const MlrBoundaryState *self)
{
  return self->result != NULL && self->result->generation == self->generation &&
         self->result->config == self->config;
}

/**
 * mlr_boundary_state_fit_sync:
 * Fits and shades on the calling thread (an mlp to its target epoch): what
 * `ml-roadmap-cli render` and the tests use.
 */
gboolean
mlr_boundary_state_fit_sync (MlrBoundaryState  *self,
                             const MlrGrid     *grid,
                             GError           **error)
{
  g_autoptr(MlrBoundaryJob) job = mlr_boundary_state_new_job (self, grid, 0);

  mlr_boundary_state_take_result (self, mlr_boundary_job_run (job));
  if (self->error != NULL)
    {
      const char *name = mlr_model_kind_to_string (self->model);
      gboolean named = g_str_has_prefix (self->error, name) &&
                       self->error[strlen (name)] == ':';
      g_set_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_FIT, "%s%s%s",
                   named ? "" : name, named ? "" : ": ", self->error);
      return FALSE;
    }
  return TRUE;
}

