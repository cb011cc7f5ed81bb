/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-forest.h"

#include <string.h>

#include "mlr-model-math.h"

struct _MlrForest
{
  guint     n_classes;
  guint     n_trees;
  MlrTree **trees;
};

/**
 * mlr_forest_fit:
 * @options: the forest's parameters
 * @train: standardized training points
 *
 * Returns: (transfer full): the forest
 */
MlrForest *
mlr_forest_fit (const MlrForestOptions *options,
                const MlrDataset       *train)
{
  MlrForest *self = g_new0 (MlrForest, 1);
  guint n = train->n_points;
  g_autofree guint *sorted = g_new (guint, 2 * (gsize) MAX (n, 1));
  g_autofree double *weights = g_new (double, MAX (n, 1));
  MlrRng seeds;

  self->n_classes = MAX (train->n_classes, 1);
  self->n_trees = MAX (options->n_trees, 1);
  self->trees = g_new0 (MlrTree *, self->n_trees);
  mlr_tree_sort_features (train, sorted, sorted + n);
  mlr_rng_init (&seeds, options->seed);

  for (guint t = 0; t < self->n_trees; t++)
    {
      MlrRng rng;

      mlr_rng_init (&rng, mlr_rng_next (&seeds));
      if (options->bootstrap)
        {
          memset (weights, 0, n * sizeof (double));
          for (guint i = 0; i < n; i++)
            weights[mlr_rng_below (&rng, n)] += 1;
        }
      else
        for (guint i = 0; i < n; i++)
          weights[i] = 1;
      self->trees[t] = mlr_tree_build (&options->tree, train, weights, sorted, sorted + n, &rng);
    }
  return self;
}

/* Frees @self and its trees (NULL is fine). */
void
mlr_forest_free (MlrForest *self)
{
  if (self == NULL)
    return;
  for (guint t = 0; t < self->n_trees; t++)
    mlr_tree_free (self->trees[t]);
  g_free (self->trees);
  g_free (self);
}

/* The number of trees. */
guint
mlr_forest_get_n_trees (const MlrForest *self)
{
  return self->n_trees;
}

/* Tree @index of the forest (owned by the forest). */
const MlrTree *
mlr_forest_get_tree (const MlrForest *self,
                     guint            index)
{
  g_return_val_if_fail (index < self->n_trees, NULL);
  return self->trees[index];
}

/* The mean of the trees' class probabilities for @n_points points (n_points x K). */
void
mlr_forest_predict_proba (const MlrForest *self,
                          const double    *x,
                          guint            n_points,
                          double          *proba)
{
  guint K = self->n_classes;

  memset (proba, 0, (gsize) n_points * K * sizeof (double));
  for (guint i = 0; i < n_points; i++)
    {
      double *p = proba + (gsize) i * K;
      for (guint t = 0; t < self->n_trees; t++)
        {
          const double *leaf = mlr_tree_leaf_proba (self->trees[t], x[2 * i], x[2 * i + 1]);
          for (guint k = 0; k < K; k++)
            p[k] += leaf[k];
        }
      for (guint k = 0; k < K; k++)
        p[k] /= self->n_trees;
    }
}

/* Each tree adds its leaves' probabilities as boxes to per-class difference arrays (four
 * updates per leaf, the leaf boxes tile the grid); one prefix-sum pass then gives every cell
 * its sum over the trees. The sums are the same as a walk of every tree for every cell up to
 * rounding (about 1e-13), which can only matter for exact ties between classes. */
void
mlr_forest_eval_grid (const MlrForest *self,
                      const double    *xs,
                      guint            w,
                      const double    *ys,
                      guint            h,
                      guint8          *labels,
                      float           *conf)
{
  guint K = self->n_classes;
  gsize stride = w + 1, plane_size = (gsize) (w + 1) * (h + 1);
  g_autofree double *diff = g_new0 (double, plane_size * K);

  for (guint t = 0; t < self->n_trees; t++)
    mlr_tree_add_leaf_boxes (self->trees[t], xs, w, ys, h, diff);
  mlr_tree_integrate_boxes (K, w, h, diff);

  for (guint j = 0; j < h; j++)
    for (guint i = 0; i < w; i++)
      {
        gsize cell = (gsize) j * w + i;
        double p[MLR_DATASET_MAX_CLASSES];

        for (guint k = 0; k < K; k++)
          p[k] = diff[k * plane_size + j * stride + i] / self->n_trees;
        mlr_proba_to_label (p, K, &labels[cell], &conf[cell]);
      }
}
