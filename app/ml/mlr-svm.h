/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-svm: C-support vector classification as scikit-learn's SVC (libsvm): the dual is solved
 * by SMO with second-order working-set selection (stopping tolerance 1e-3), K > 2 classes
 * one-vs-one with one binary machine per pair of classes. Kernels: linear u.v, rbf
 * exp(-gamma |u-v|^2), poly (gamma u.v + coef0)^degree.
 *
 * Decision values follow scikit-learn: for two classes one value, positive for class 1; for
 * K > 2 the "ovr" score per class, votes + c / (3 (|c| + 1)) where c sums the pairwise
 * decision values for the class. The label is the largest score (ties between vote counts
 * are broken by the confidence, as SVC(break_ties=True)).
 *
 * Probabilities are a monotone map of those scores, not Platt-calibrated (scikit-learn's
 * probability=True fits a sigmoid by 5-fold cross-validation): two classes p1 = 1/(1 +
 * exp(-2 f)) for the decision value f, K > 2 classes softmax(2 s) of the scores s.
 */
#pragma once

#include <glib.h>

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

typedef enum {
  MLR_KERNEL_LINEAR,
  MLR_KERNEL_RBF,
  MLR_KERNEL_POLY,
} MlrKernel;

typedef struct {
  MlrKernel kernel;
  double    C;          /* > 0 */
  double    gamma;      /* > 0, see mlr_svm_gamma_scale() */
  guint     degree;     /* poly */
  double    coef0;      /* poly */
  double    tol;        /* KKT tolerance, 1e-3 as libsvm */
} MlrSvmOptions;

typedef struct _MlrSvm MlrSvm;

double        mlr_svm_gamma_scale          (const MlrDataset    *train);
MlrSvm       *mlr_svm_fit                  (const MlrSvmOptions *options,
                                            const MlrDataset    *train);
void          mlr_svm_free                 (MlrSvm              *self);
gboolean      mlr_svm_get_converged        (const MlrSvm        *self);
guint         mlr_svm_get_n_iter           (const MlrSvm        *self);
guint         mlr_svm_get_n_support        (const MlrSvm        *self);
const double *mlr_svm_get_support          (const MlrSvm        *self);
const guint  *mlr_svm_get_support_indices  (const MlrSvm        *self);
double        mlr_svm_get_dual_coef        (const MlrSvm        *self,
                                            guint                pair,
                                            guint                support);
double        mlr_svm_get_intercept        (const MlrSvm        *self,
                                            guint                pair);
guint         mlr_svm_get_n_decision       (const MlrSvm        *self);
void          mlr_svm_decision_function    (const MlrSvm        *self,
                                            const double        *x,
                                            guint                n_points,
                                            double              *decision);
void          mlr_svm_predict_proba        (const MlrSvm        *self,
                                            const double        *x,
                                            guint                n_points,
                                            double              *proba);
void          mlr_svm_eval_grid            (const MlrSvm        *self,
                                            const double        *xs,
                                            guint                w,
                                            const double        *ys,
                                            guint                h,
                                            guint8              *labels,
                                            float               *conf);
void          mlr_svm_decision_grid        (const MlrSvm        *self,
                                            const double        *xs,
                                            guint                w,
                                            const double        *ys,
                                            guint                h,
                                            float               *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrSvm, mlr_svm_free)

G_END_DECLS
