/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-logreg: L2-regularised logistic regression as scikit-learn's LogisticRegression
 * (lbfgs): minimise C * sum(log-loss) + 0.5 * ||w||^2 with the intercept not penalised,
 * solved to convergence with L-BFGS. Two classes use one sigmoid (as scikit-learn does),
 * K > 2 classes the multinomial softmax. Features can be expanded to all monomials
 * x1^a x2^b with 1 <= a + b <= degree.
 */
#pragma once

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

#define MLR_LOGREG_MAX_DEGREE 6

typedef struct {
  double C;        /* inverse regularisation strength, > 0 */
  guint  degree;   /* polynomial feature degree, 1 .. MLR_LOGREG_MAX_DEGREE */
} MlrLogregOptions;

typedef struct _MlrLogreg MlrLogreg;

MlrLogreg    *mlr_logreg_fit           (const MlrLogregOptions *options,
                                        const MlrDataset       *train);
void          mlr_logreg_free          (MlrLogreg              *self);
void          mlr_logreg_predict_proba (const MlrLogreg        *self,
                                        const double           *x,
                                        guint                   n_points,
                                        double                 *proba);
void          mlr_logreg_eval_grid     (const MlrLogreg        *self,
                                        const double           *xs,
                                        guint                   w,
                                        const double           *ys,
                                        guint                   h,
                                        guint8                 *labels,
                                        float                  *conf);
const double *mlr_logreg_get_coef      (const MlrLogreg        *self,
                                        guint                  *n_rows,
                                        guint                  *n_features);
const double *mlr_logreg_get_intercept (const MlrLogreg        *self);
guint         mlr_logreg_get_n_iter    (const MlrLogreg        *self);
gboolean      mlr_logreg_get_converged (const MlrLogreg        *self);
double        mlr_logreg_get_objective (const MlrLogreg        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrLogreg, mlr_logreg_free)

G_END_DECLS
