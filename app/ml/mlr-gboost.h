/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-gboost: gradient-boosted regression trees for classification with the log-loss, as
 * scikit-learn's GradientBoostingClassifier (loss "log_loss", criterion "friedman_mse",
 * subsample 1, min_samples_leaf 1):
 *  - the raw score starts at the prior: the log-odds of class 1 for two classes, log p_k for
 *    K > 2 (priors clipped to [eps, 1 - eps], eps = float32's, as scikit-learn);
 *  - each stage fits one regression tree to the residuals y - p (two classes), or K trees,
 *    one per class, to y_k - p_k with p the softmax of the stage's starting scores;
 *  - splits maximise Friedman's improvement n_l n_r / (n_l + n_r) (mean_l - mean_r)^2 of the
 *    residuals, thresholds at midpoints, features tried in order (x1, then x2; scikit-learn
 *    draws the order at random, so exact ties between features may go the other way);
 *  - each leaf takes one Newton step: sum r / sum p (1 - p) for two classes and
 *    (K - 1) / K sum r / sum |r| (1 - |r|) for K classes (0 when the denominator is below
 *    1e-150), and the scores move by learning_rate times it.
 * Trees are built from presorted feature orders without recursion, so a stage costs about
 * 2 n depth steps. Everything is deterministic.
 */
#pragma once

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

typedef struct {
  guint  n_stages;        /* stages to fit (0: the prior alone) */
  double learning_rate;   /* > 0 */
  guint  max_depth;       /* 0: unlimited */
} MlrGboostOptions;

typedef struct _MlrGboost MlrGboost;

MlrGboost    *mlr_gboost_fit             (const MlrGboostOptions *options,
                                          const MlrDataset       *train);
void          mlr_gboost_free            (MlrGboost              *self);
guint         mlr_gboost_get_n_stages    (const MlrGboost        *self);
guint         mlr_gboost_get_n_outputs   (const MlrGboost        *self);
const double *mlr_gboost_get_init        (const MlrGboost        *self);
double        mlr_gboost_get_train_loss  (const MlrGboost        *self,
                                          gboolean                after_stages);
guint         mlr_gboost_get_tree_n_leaves (const MlrGboost      *self,
                                            guint                 stage,
                                            guint                 output);
void          mlr_gboost_decision_function (const MlrGboost      *self,
                                            const double         *x,
                                            guint                 n_points,
                                            double               *raw);
void          mlr_gboost_predict_proba   (const MlrGboost        *self,
                                          const double           *x,
                                          guint                   n_points,
                                          double                 *proba);
void          mlr_gboost_eval_grid       (const MlrGboost        *self,
                                          const double           *xs,
                                          guint                   w,
                                          const double           *ys,
                                          guint                   h,
                                          guint8                 *labels,
                                          float                  *conf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrGboost, mlr_gboost_free)

G_END_DECLS
