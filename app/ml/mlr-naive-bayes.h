/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-naive-bayes: Gaussian naive Bayes as scikit-learn's GaussianNB: per class, the prior
 * is its share of the training points and each coordinate a normal distribution with the
 * class mean and (biased) variance, plus var_smoothing times the largest variance of the
 * coordinates over all points. When that is still 0 (all points identical) a floor of 1e-12
 * keeps the likelihoods finite.
 */
#pragma once

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

typedef struct _MlrNaiveBayes MlrNaiveBayes;

MlrNaiveBayes *mlr_naive_bayes_fit           (double               var_smoothing,
                                              const MlrDataset    *train);
void           mlr_naive_bayes_free          (MlrNaiveBayes       *self);
void           mlr_naive_bayes_get_class     (const MlrNaiveBayes *self,
                                              guint                label,
                                              double              *prior,
                                              double               mean[2],
                                              double               var[2]);
void           mlr_naive_bayes_predict_proba (const MlrNaiveBayes *self,
                                              const double        *x,
                                              guint                n_points,
                                              double              *proba);
void           mlr_naive_bayes_eval_grid     (const MlrNaiveBayes *self,
                                              const double        *xs,
                                              guint                w,
                                              const double        *ys,
                                              guint                h,
                                              guint8              *labels,
                                              float               *conf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrNaiveBayes, mlr_naive_bayes_free)

G_END_DECLS
