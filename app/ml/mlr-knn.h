/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-knn: k-nearest neighbours with uniform weights, as scikit-learn's KNeighborsClassifier:
 * the probability of a class is the share of the k neighbours that have it, the label the
 * most common one (the lowest label on a tie). Among points at exactly the same distance the
 * one that came first in the training set wins, so results never depend on tree layout.
 * Queries use a kd-tree; a grid is evaluated block by block against a short candidate list.
 */
#pragma once

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

typedef struct _MlrKnn MlrKnn;

MlrKnn *mlr_knn_fit           (guint             k,
                               const MlrDataset *train);
void    mlr_knn_free          (MlrKnn           *self);
guint   mlr_knn_get_k         (const MlrKnn     *self);
void    mlr_knn_kneighbors    (const MlrKnn     *self,
                               double            x1,
                               double            x2,
                               guint            *indices,
                               double           *distances);
void    mlr_knn_predict_proba (const MlrKnn     *self,
                               const double     *x,
                               guint             n_points,
                               double           *proba);
void    mlr_knn_eval_grid     (const MlrKnn     *self,
                               const double     *xs,
                               guint             w,
                               const double     *ys,
                               guint             h,
                               guint8           *labels,
                               float            *conf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrKnn, mlr_knn_free)

G_END_DECLS
