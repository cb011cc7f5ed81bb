/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the two files of the classifier share: mlr-classifier.c (the parameters, fitting)
 * and mlr-classifier-predict.c (predictions, grids, each model's read-outs). Not for use
 * outside app/ml.
 */
#pragma once

#include "mlr-classifier.h"
#include "mlr-forest.h"
#include "mlr-gboost.h"
#include "mlr-knn.h"
#include "mlr-logreg.h"
#include "mlr-mlp.h"
#include "mlr-naive-bayes.h"
#include "mlr-svm.h"
#include "mlr-tree.h"

G_BEGIN_DECLS

struct _MlrClassifier
{
  MlrModelKind     kind;
  gboolean         standardize;

  /* options, resolved from the parameters */
  MlrLogregOptions logreg_opt;
  guint            knn_k;
  MlrTreeOptions   tree_opt;
  MlrForestOptions forest_opt;
  MlrSvmOptions    svm_opt;
  gboolean         gamma_scale;
  MlrMlpOptions    mlp_opt;
  double           var_smoothing;
  MlrGboostOptions gb_opt;          /* n_stages: min (stage, n_estimators) */
  guint            gb_n_estimators;
  guint            gb_stage;        /* G_MAXUINT: all */

  /* the fitted model */
  gboolean         fitted;
  guint            n_classes;
  double           mean[2];
  double           scale[2];
  MlrLogreg       *logreg;
  MlrKnn          *knn;
  MlrTree         *tree;
  MlrForest       *forest;
  MlrSvm          *svm;
  MlrMlp          *mlp;
  MlrNaiveBayes   *nb;
  MlrGboost       *gb;
  GString         *notes;
};

static inline gboolean
mlr_classifier_is_fitted_kind (const MlrClassifier *self,
                               MlrModelKind         kind)
{
  return self != NULL && self->fitted && self->kind == kind;
}

/* Standardizes @n_points points of @in into @out with the scaler of the last fit. */
void mlr_classifier_transform (const MlrClassifier *self,
                               const double        *in,
                               guint                n_points,
                               double              *out);

G_END_DECLS
