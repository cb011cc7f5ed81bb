/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-forest: random forests as scikit-learn's RandomForestClassifier: n_trees CART trees,
 * each on a bootstrap sample (drawn with replacement, n draws, as weights) and searching
 * max_features randomly chosen features per split; the class probabilities are the mean of
 * the trees' leaf probabilities. Tree t draws from its own MlrRng stream, seeded from the
 * forest seed, so a seed always gives the same forest.
 */
#pragma once

#include "ml/mlr-tree.h"

G_BEGIN_DECLS

typedef struct {
  guint          n_trees;
  MlrTreeOptions tree;        /* tree.max_features: 1 or 2 */
  gboolean       bootstrap;
  guint64        seed;
} MlrForestOptions;

typedef struct _MlrForest MlrForest;

MlrForest     *mlr_forest_fit           (const MlrForestOptions *options,
                                         const MlrDataset       *train);
void           mlr_forest_free          (MlrForest              *self);
guint          mlr_forest_get_n_trees   (const MlrForest        *self);
const MlrTree *mlr_forest_get_tree      (const MlrForest        *self,
                                         guint                   index);
void           mlr_forest_predict_proba (const MlrForest        *self,
                                         const double           *x,
                                         guint                   n_points,
                                         double                 *proba);
void           mlr_forest_eval_grid     (const MlrForest        *self,
                                         const double           *xs,
                                         guint                   w,
                                         const double           *ys,
                                         guint                   h,
                                         guint8                 *labels,
                                         float                  *conf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrForest, mlr_forest_free)

G_END_DECLS
