/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a fitted classifier tells: class probabilities and labels for points, the same for
 * every cell of a raster (with each model's fast path), and each model's own read-outs —
 * support vectors and decision values, tree splits, the mlp's loss per epoch. Fitting and
 * the parameters are in mlr-classifier.c.
 */
#include "mlr-classifier.h"

#include <math.h>
#include <string.h>

#include "mlr-classifier-private.h"
#include "mlr-model-math.h"

/* Points standardized per call of a model's predict function. */
#define PREDICT_CHUNK 4096

/* ---- predictions ---------------------------------------------------------------------- */

/* Runs the model on already standardized points. */
static void
model_predict (const MlrClassifier *self,
               const double        *x,
               guint                n,
               double              *proba)
{
  switch (self->kind)
    {
    case MLR_MODEL_LOGREG:
      mlr_logreg_predict_proba (self->logreg, x, n, proba);
      break;
    case MLR_MODEL_KNN:
      mlr_knn_predict_proba (self->knn, x, n, proba);
      break;
    case MLR_MODEL_TREE:
      mlr_tree_predict_proba (self->tree, x, n, proba);
      break;
    case MLR_MODEL_FOREST:
      mlr_forest_predict_proba (self->forest, x, n, proba);
      break;
    case MLR_MODEL_SVM:
      mlr_svm_predict_proba (self->svm, x, n, proba);
      break;
    case MLR_MODEL_MLP:
      mlr_mlp_predict_proba (self->mlp, x, n, proba);
      break;
    case MLR_MODEL_NB:
      mlr_naive_bayes_predict_proba (self->nb, x, n, proba);
      break;
    case MLR_MODEL_GB:
      mlr_gboost_predict_proba (self->gb, x, n, proba);
      break;
    case MLR_N_MODELS:
    default:
      g_assert_not_reached ();
    }
}

/* The last line of defence for "never NaN": rows are renormalised (the single-precision MLP
 * can be off by rounding), and a row that is not a probability vector at all (which no
 * model should produce) becomes uniform. */
static void
sanitize_proba (double *p,
                guint   k)
{
  double sum = 0;
  gboolean valid = TRUE;

  for (guint c = 0; c < k; c++)
    {
      valid = valid && isfinite (p[c]) && p[c] >= 0;
      sum += p[c];
    }
  if (valid && isfinite (sum) && sum > 0)
    {
      if (sum != 1)
        for (guint c = 0; c < k; c++)
          p[c] /= sum;
      return;
    }
  for (guint c = 0; c < k; c++)
    p[c] = 1.0 / k;
}

/**
 * mlr_classifier_predict_proba:
 * @x: @n_points points, 2 doubles each (data coordinates)
 * @proba: n_points x K probabilities out; each row is finite and sums to 1
 */
void
mlr_classifier_predict_proba (const MlrClassifier *self,
                              const double        *x,
                              guint                n_points,
                              double              *proba)
{
  g_autofree double *scaled = NULL;

  g_return_if_fail (self != NULL && self->fitted);

  scaled = g_new (double, 2 * (gsize) MIN (MAX (n_points, 1), PREDICT_CHUNK));
  for (guint start = 0; start < n_points; start += PREDICT_CHUNK)
    {
      guint n = MIN (PREDICT_CHUNK, n_points - start);
      double *out = proba + (gsize) start * self->n_classes;

      mlr_classifier_transform (self, x + 2 * (gsize) start, n, scaled);
      model_predict (self, scaled, n, out);
      for (guint i = 0; i < n; i++)
        sanitize_proba (out + (gsize) i * self->n_classes, self->n_classes);
    }
}

/* The labels: the first class of largest probability. */
void
mlr_classifier_predict (const MlrClassifier *self,
                        const double        *x,
                        guint                n_points,
                        guint8              *labels)
{
  g_autofree double *proba = NULL;

  g_return_if_fail (self != NULL && self->fitted);

  proba = g_new (double, (gsize) MAX (n_points, 1) * self->n_classes);
  mlr_classifier_predict_proba (self, x, n_points, proba);
  for (guint i = 0; i < n_points; i++)
    labels[i] = (guint8) mlr_argmax (proba + (gsize) i * self->n_classes, self->n_classes);
}

/* The share of @data's points predicted with their own label. */
double
mlr_classifier_accuracy (const MlrClassifier *self,
                         const MlrDataset    *data)
{
  g_autofree guint8 *labels = NULL;
  guint right = 0;

  g_return_val_if_fail (self != NULL && self->fitted, 0);
  if (data->n_points == 0)
    return 0;
  labels = g_new (guint8, data->n_points);
  mlr_classifier_predict (self, data->x, data->n_points, labels);
  for (guint i = 0; i < data->n_points; i++)
    right += labels[i] == data->y[i];
  return (double) right / data->n_points;
}

/* The data coordinates of the centre of cell (@i, @j) of @grid. */
void
mlr_grid_cell_center (const MlrGrid *grid,
                      guint          i,
                      guint          j,
                      double        *x,
                      double        *y)
{
  *x = grid->x0 + (i + 0.5) * (grid->x1 - grid->x0) / grid->width;
  *y = grid->y0 + (j + 0.5) * (grid->y1 - grid->y0) / grid->height;
}

/* The grid's cell centres in standardized coordinates, ascending, and whether the axis had
 * to be reversed to make them so. */
typedef struct {
  double  *xs;
  double  *ys;
  gboolean flip_x;
  gboolean flip_y;
} GridAxes;

static void
grid_axes_init (const MlrClassifier *self,
                const MlrGrid       *grid,
                GridAxes            *axes)
{
  guint w = grid->width, h = grid->height;

  axes->xs = g_new (double, w);
  axes->ys = g_new (double, h);
  axes->flip_x = grid->x1 < grid->x0;
  axes->flip_y = grid->y1 < grid->y0;
  for (guint i = 0; i < w; i++)
    {
      double x, y;
      guint src = axes->flip_x ? w - 1 - i : i;
      mlr_grid_cell_center (grid, src, 0, &x, &y);
      axes->xs[i] = (x - self->mean[0]) / self->scale[0];
    }
  for (guint j = 0; j < h; j++)
    {
      double x, y;
      guint src = axes->flip_y ? h - 1 - j : j;
      mlr_grid_cell_center (grid, 0, src, &x, &y);
      axes->ys[j] = (y - self->mean[1]) / self->scale[1];
    }
}

static void
grid_axes_clear (GridAxes *axes)
{
  g_free (axes->xs);
  g_free (axes->ys);
}

/* Reverses the rows and/or the columns of a w x h raster of @size-byte cells. */
static void
flip_raster (gpointer data,
             gsize    size,
             guint    w,
             guint    h,
             gboolean flip_x,
             gboolean flip_y)
{
  guint8 *bytes = data;
  guint8 tmp[16];

  g_assert (size <= sizeof tmp);
  if (flip_y)
    for (guint j = 0; j < h / 2; j++)
      {
        guint8 *a = bytes + (gsize) j * w * size, *b = bytes + (gsize) (h - 1 - j) * w * size;
        for (gsize k = 0; k < (gsize) w * size; k++)
          {
            guint8 t = a[k];
            a[k] = b[k];
            b[k] = t;
          }
      }
  if (flip_x)
    for (guint j = 0; j < h; j++)
      {
        guint8 *row = bytes + (gsize) j * w * size;
        for (guint i = 0; i < w / 2; i++)
          {
            memcpy (tmp, row + i * size, size);
            memcpy (row + i * size, row + (w - 1 - i) * size, size);
            memcpy (row + (w - 1 - i) * size, tmp, size);
          }
      }
}

/**
 * mlr_classifier_eval_grid:
 * @grid: the raster (see #MlrGrid)
 * @labels: width x height labels out
 * @confidence: (nullable): width x height out: the probability of the label (1/K .. 1)
 *
 * Evaluates every cell centre as mlr_classifier_predict_proba() would, with a fast path per
 * model (separable kernels, tree boxes, kNN candidate blocks) for painting.
 */
void
mlr_classifier_eval_grid (const MlrClassifier *self,
                          const MlrGrid       *grid,
                          guint8              *labels,
                          float               *confidence)
{
  g_autofree float *own_conf = NULL;
  guint w, h;
  gsize size;
  GridAxes axes;

  g_return_if_fail (self != NULL && self->fitted);
  g_return_if_fail (grid != NULL && labels != NULL);

  w = grid->width;
  h = grid->height;
  size = (gsize) w * h;
  if (size == 0)
    return;
  if (confidence == NULL)
    confidence = own_conf = g_new (float, size);

  grid_axes_init (self, grid, &axes);
  switch (self->kind)
    {
    case MLR_MODEL_LOGREG:
      mlr_logreg_eval_grid (self->logreg, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_KNN:
      mlr_knn_eval_grid (self->knn, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_TREE:
      mlr_tree_eval_grid (self->tree, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_FOREST:
      mlr_forest_eval_grid (self->forest, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_SVM:
      mlr_svm_eval_grid (self->svm, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_MLP:
      mlr_mlp_eval_grid (self->mlp, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_NB:
      mlr_naive_bayes_eval_grid (self->nb, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_MODEL_GB:
      mlr_gboost_eval_grid (self->gb, axes.xs, w, axes.ys, h, labels, confidence);
      break;
    case MLR_N_MODELS:
    default:
      g_assert_not_reached ();
    }
  grid_axes_clear (&axes);

  for (gsize c = 0; c < size; c++)
    if (!isfinite (confidence[c]) || labels[c] >= self->n_classes)
      {
        labels[c] = 0;
        confidence[c] = 1.0f / self->n_classes;
      }
  flip_raster (labels, 1, w, h, axes.flip_x, axes.flip_y);
  flip_raster (confidence, sizeof (float), w, h, axes.flip_x, axes.flip_y);
}

/**
 * mlr_classifier_eval_grid_proba:
 * @proba: width x height x K floats out, the class probabilities of each cell
 *
 * All class probabilities per cell (for blending class colours); slower than
 * mlr_classifier_eval_grid().
 */
void
mlr_classifier_eval_grid_proba (const MlrClassifier *self,
                                const MlrGrid       *grid,
                                float               *proba)
{
  g_autofree double *points = NULL;
  g_autofree double *row = NULL;
  guint K;

  g_return_if_fail (self != NULL && self->fitted);

  K = self->n_classes;
  points = g_new (double, 2 * (gsize) MAX (grid->width, 1));
  row = g_new (double, (gsize) MAX (grid->width, 1) * K);
  for (guint j = 0; j < grid->height; j++)
    {
      for (guint i = 0; i < grid->width; i++)
        mlr_grid_cell_center (grid, i, j, &points[2 * i], &points[2 * i + 1]);
      mlr_classifier_predict_proba (self, points, grid->width, row);
      for (gsize k = 0; k < (gsize) grid->width * K; k++)
        proba[(gsize) j * grid->width * K + k] = (float) row[k];
    }
}

/* ---- SVM ------------------------------------------------------------------------------ */

/* The number of support vectors (over all pairwise machines). */
guint
mlr_classifier_svm_get_n_support (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_SVM), 0);
  return mlr_svm_get_n_support (self->svm);
}

/**
 * mlr_classifier_svm_get_support:
 * @points: (nullable): 2 * n_support doubles out: the support vectors in data coordinates
 * @indices: (nullable): n_support rows of the training set out
 */
void
mlr_classifier_svm_get_support (const MlrClassifier *self,
                                double              *points,
                                guint               *indices)
{
  guint n;

  g_return_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_SVM));

  n = mlr_svm_get_n_support (self->svm);
  if (points != NULL)
    {
      const double *sv = mlr_svm_get_support (self->svm);
      for (guint i = 0; i < n; i++)
        for (guint f = 0; f < 2; f++)
          points[2 * i + f] = sv[2 * i + f] * self->scale[f] + self->mean[f];
    }
  if (indices != NULL)
    memcpy (indices, mlr_svm_get_support_indices (self->svm), n * sizeof (guint));
}

/* 1 for two classes (positive means class 1), else K (scikit-learn's ovr scores). */
guint
mlr_classifier_svm_get_n_decision (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_SVM), 0);
  return mlr_svm_get_n_decision (self->svm);
}

/**
 * mlr_classifier_svm_decision_function:
 * @decision: n_points x mlr_classifier_svm_get_n_decision() values out
 */
void
mlr_classifier_svm_decision_function (const MlrClassifier *self,
                                      const double        *x,
                                      guint                n_points,
                                      double              *decision)
{
  g_autofree double *scaled = NULL;

  g_return_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_SVM));

  scaled = g_new (double, 2 * (gsize) MAX (n_points, 1));
  mlr_classifier_transform (self, x, n_points, scaled);
  mlr_svm_decision_function (self->svm, scaled, n_points, decision);
}

/**
 * mlr_classifier_svm_decision_grid:
 * @decision: mlr_classifier_svm_get_n_decision() planes of width x height floats out; for two
 *   classes the margins are the contours -1 and 1 and the boundary the contour 0
 */
void
mlr_classifier_svm_decision_grid (const MlrClassifier *self,
                                  const MlrGrid       *grid,
                                  float               *decision)
{
  GridAxes axes;
  guint nd;
  gsize plane;

  g_return_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_SVM));

  plane = (gsize) grid->width * grid->height;
  if (plane == 0)
    return;
  nd = mlr_svm_get_n_decision (self->svm);
  grid_axes_init (self, grid, &axes);
  mlr_svm_decision_grid (self->svm, axes.xs, grid->width, axes.ys, grid->height, decision);
  for (guint d = 0; d < nd; d++)
    flip_raster (decision + d * plane, sizeof (float), grid->width, grid->height,
                 axes.flip_x, axes.flip_y);
  grid_axes_clear (&axes);
}

/* FALSE when SMO stopped at its iteration budget. */
gboolean
mlr_classifier_svm_get_converged (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_SVM), FALSE);
  return mlr_svm_get_converged (self->svm);
}

/* ---- trees ---------------------------------------------------------------------------- */

static const MlrTree *
get_tree (const MlrClassifier *self,
          guint                tree)
{
  if (self == NULL || !self->fitted)
    return NULL;
  if (self->kind == MLR_MODEL_TREE && tree == 0)
    return self->tree;
  if (self->kind == MLR_MODEL_FOREST && tree < mlr_forest_get_n_trees (self->forest))
    return mlr_forest_get_tree (self->forest, tree);
  return NULL;
}

/* 1 for a tree, n_trees for a forest, 0 for other models. */
guint
mlr_classifier_get_n_trees (const MlrClassifier *self)
{
  if (self == NULL || !self->fitted)
    return 0;
  if (self->kind == MLR_MODEL_TREE)
    return 1;
  if (self->kind == MLR_MODEL_FOREST)
    return mlr_forest_get_n_trees (self->forest);
  return 0;
}

/**
 * mlr_classifier_get_tree_splits:
 * @tree: 0 for a tree, 0 .. n_trees - 1 in a forest
 * @x0: the area to draw, in data coordinates (either order)
 * @n_splits: the number of splits returned
 *
 * The split lines of the tree that cross the area, depth first, each with its node's box
 * clipped to the area, in data coordinates: draw a line at @threshold across the box.
 *
 * Returns: (transfer full): an array to free with g_free()
 */
MlrTreeSplit *
mlr_classifier_get_tree_splits (const MlrClassifier *self,
                                guint                tree,
                                double               x0,
                                double               x1,
                                double               y0,
                                double               y1,
                                guint               *n_splits)
{
  const MlrTree *t = get_tree (self, tree);
  double box[4];
  MlrTreeSplit *splits;

  *n_splits = 0;
  g_return_val_if_fail (t != NULL, NULL);

  box[0] = (MIN (x0, x1) - self->mean[0]) / self->scale[0];
  box[1] = (MAX (x0, x1) - self->mean[0]) / self->scale[0];
  box[2] = (MIN (y0, y1) - self->mean[1]) / self->scale[1];
  box[3] = (MAX (y0, y1) - self->mean[1]) / self->scale[1];
  splits = mlr_tree_get_splits (t, box, n_splits);
  for (guint i = 0; i < *n_splits; i++)
    {
      MlrTreeSplit *s = &splits[i];
      s->threshold = s->threshold * self->scale[s->axis] + self->mean[s->axis];
      s->x0 = s->x0 * self->scale[0] + self->mean[0];
      s->x1 = s->x1 * self->scale[0] + self->mean[0];
      s->y0 = s->y0 * self->scale[1] + self->mean[1];
      s->y1 = s->y1 * self->scale[1] + self->mean[1];
    }
  return splits;
}

/* The depth of tree @tree (0 for a tree that is one leaf). */
guint
mlr_classifier_get_tree_depth (const MlrClassifier *self,
                               guint                tree)
{
  const MlrTree *t = get_tree (self, tree);

  g_return_val_if_fail (t != NULL, 0);
  return mlr_tree_get_depth (t);
}

/* The number of leaves of tree @tree. */
guint
mlr_classifier_get_tree_n_leaves (const MlrClassifier *self,
                                  guint                tree)
{
  const MlrTree *t = get_tree (self, tree);

  g_return_val_if_fail (t != NULL, 0);
  return mlr_tree_get_n_leaves (t);
}

/* ---- MLP ------------------------------------------------------------------------------ */

/* TRUE when max epochs are done, the loss settled, or training diverged. */
gboolean
mlr_classifier_mlp_is_done (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_MLP), TRUE);
  return mlr_mlp_is_done (self->mlp);
}

/* Epochs trained so far. */
guint
mlr_classifier_mlp_get_epoch (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_MLP), 0);
  return mlr_mlp_get_epoch (self->mlp);
}

/* The mean training loss of each epoch so far (*@n_epochs values). */
const double *
mlr_classifier_mlp_get_loss_history (const MlrClassifier *self,
                                     guint               *n_epochs)
{
  *n_epochs = 0;
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_MLP), NULL);
  return mlr_mlp_get_loss_history (self->mlp, n_epochs);
}

/* The held-out loss after each epoch since mlr_classifier_mlp_set_validation(). */
const double *
mlr_classifier_mlp_get_validation_history (const MlrClassifier *self,
                                           guint               *n_epochs)
{
  *n_epochs = 0;
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_MLP), NULL);
  return mlr_mlp_get_validation_history (self->mlp, n_epochs);
}

/* ---- gradient boosting ---------------------------------------------------------------- */

/* The stages the fitted model uses: min (stage, n_estimators). */
guint
mlr_classifier_gb_get_n_stages (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_GB), 0);
  return mlr_gboost_get_n_stages (self->gb);
}

/* n_estimators as asked (the stages the full model has). */
guint
mlr_classifier_gb_get_n_estimators (const MlrClassifier *self)
{
  g_return_val_if_fail (self != NULL && self->kind == MLR_MODEL_GB, 0);
  return self->gb_n_estimators;
}

/* The mean log-loss of the fitted model on its training set. */
double
mlr_classifier_gb_get_train_loss (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_GB), 0);
  return mlr_gboost_get_train_loss (self->gb, TRUE);
}

/* ---- logistic regression -------------------------------------------------------------- */

/* L-BFGS iterations the last fit took. */
guint
mlr_classifier_logreg_get_n_iter (const MlrClassifier *self)
{
  g_return_val_if_fail (mlr_classifier_is_fitted_kind (self, MLR_MODEL_LOGREG), 0);
  return mlr_logreg_get_n_iter (self->logreg);
}
