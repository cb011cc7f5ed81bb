/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-tree: CART decision trees as scikit-learn's DecisionTreeClassifier (splitter "best"):
 * each split maximises the decrease of the gini or entropy impurity, thresholds sit at the
 * midpoint between neighbouring distinct values (x <= threshold goes left), nodes split
 * until pure, max_depth or min_samples_leaf stop them. Features are tried in order (x1, then
 * x2; the first best wins), or in random order when an MlrRng is given (random forests).
 * Trees are built with an explicit stack, never by recursion.
 */
#pragma once

#include "ml/mlr-dataset.h"
#include "ml/mlr-rng.h"

G_BEGIN_DECLS

typedef enum {
  MLR_CRITERION_GINI,
  MLR_CRITERION_ENTROPY,
} MlrCriterion;

typedef struct {
  MlrCriterion criterion;
  guint        max_depth;         /* 0: unlimited */
  guint        min_samples_leaf;  /* >= 1 */
  guint        max_features;      /* features searched per split: 1 or 2 */
} MlrTreeOptions;

/* One split of a decision tree, for drawing: the line axis == threshold (axis 0: the vertical
 * line x1 = threshold; axis 1: the horizontal line x2 = threshold) across the box of the node
 * it splits, in data coordinates and clipped to the bounds asked for. */
typedef struct {
  guint  depth;        /* 0 for the root */
  guint  axis;
  double threshold;
  double x0, x1;       /* the node's box */
  double y0, y1;
} MlrTreeSplit;

typedef struct _MlrTree MlrTree;

double        mlr_tree_impurity        (MlrCriterion          criterion,
                                        const double         *class_weights,
                                        guint                 n_classes);

MlrTree      *mlr_tree_fit             (const MlrTreeOptions *options,
                                        const MlrDataset     *train);
MlrTree      *mlr_tree_build           (const MlrTreeOptions *options,
                                        const MlrDataset     *train,
                                        const double         *weights,
                                        const guint          *sorted_x1,
                                        const guint          *sorted_x2,
                                        MlrRng               *rng);
void          mlr_tree_sort_features   (const MlrDataset     *train,
                                        guint                *sorted_x1,
                                        guint                *sorted_x2);
void          mlr_tree_free            (MlrTree              *self);

const double *mlr_tree_leaf_proba      (const MlrTree        *self,
                                        double                x1,
                                        double                x2);
void          mlr_tree_predict_proba   (const MlrTree        *self,
                                        const double         *x,
                                        guint                 n_points,
                                        double               *proba);
void          mlr_tree_eval_grid       (const MlrTree        *self,
                                        const double         *xs,
                                        guint                 w,
                                        const double         *ys,
                                        guint                 h,
                                        guint8               *labels,
                                        float                *conf);
void          mlr_tree_add_leaf_boxes  (const MlrTree        *self,
                                        const double         *xs,
                                        guint                 w,
                                        const double         *ys,
                                        guint                 h,
                                        double               *diff);
void          mlr_tree_integrate_boxes (guint                 n_planes,
                                        guint                 w,
                                        guint                 h,
                                        double               *diff);

guint         mlr_tree_get_n_nodes     (const MlrTree        *self);
guint         mlr_tree_get_n_leaves    (const MlrTree        *self);
guint         mlr_tree_get_depth       (const MlrTree        *self);
gboolean      mlr_tree_get_node        (const MlrTree        *self,
                                        guint                 node,
                                        guint                *feature,
                                        double               *threshold,
                                        guint                *left,
                                        guint                *right);
double        mlr_tree_get_node_impurity (const MlrTree      *self,
                                          guint               node);
MlrTreeSplit *mlr_tree_get_splits      (const MlrTree        *self,
                                        const double          box[4],
                                        guint                *n_splits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrTree, mlr_tree_free)

G_END_DECLS
