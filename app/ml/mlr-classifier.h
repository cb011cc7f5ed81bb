/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-classifier: one API over the 2-D classifiers the decision-boundary demo and
 * `ml-roadmap-cli fit` use: logistic regression, k-nearest neighbours, CART tree, random
 * forest, SVM (SMO), multilayer perceptron, Gaussian naive Bayes and gradient-boosted trees. Every model handles
 * K = 2..16 classes, defaults equal scikit-learn's for the same estimator, and features are
 * standardized (z-score from the training set) unless `standardize=false`.
 *
 * Threading: an MlrClassifier has no shared state; fit it in a worker thread and hand it to
 * the UI thread when done. Everything is deterministic given the parameters (and `seed`).
 *
 * Guards: fitting never yields NaN or inf, and extreme parameters are clamped (with a note,
 * see mlr_classifier_get_notes()) or refused with a #MLR_CLASSIFIER_ERROR:
 *  - knn: k larger than the training set is clamped to its size;
 *  - svm: at most MLR_CLASSIFIER_SVM_MAX_POINTS training points; SMO stops after an
 *    iteration budget (noted) so C = 1e9 cannot hang;
 *  - mlp: refused when points x weights x epochs exceeds MLR_CLASSIFIER_MLP_MAX_WORK; a
 *    diverging run (inf loss) stops and keeps the last finite weights (noted);
 *  - trees are built without recursion, so max_depth=none is safe at any size;
 *  - gb: refused when points x n_estimators x trees per stage x depth (32 for none) exceeds
 *    MLR_CLASSIFIER_GB_MAX_WORK; `stage` beyond n_estimators is clamped (noted).
 *
 * Typical use, as the decision-boundary demo does (fit in a GTask, paint in the UI thread):
 *
 *   g_autoptr(MlrClassifier) clf = mlr_classifier_new (MLR_MODEL_SVM, params, &error);
 *   if (!mlr_classifier_fit (clf, points, &error))
 *     ... show error->message ...
 *   MlrGrid grid = { width, height, x_left, x_right, y_top, y_bottom };
 *   mlr_classifier_eval_grid (clf, &grid, labels, confidence);   // class colour, alpha
 *   mlr_classifier_svm_get_support (clf, sv_xy, NULL);           // ring the support vectors
 *   mlr_classifier_svm_decision_grid (clf, &grid, f);            // margins: contours f = +-1
 *
 * A 400 x 300 grid takes about 0.1 to 8 ms per model on 300 points (tests/bench).
 *
 * Deliberate differences from scikit-learn:
 *  - svm, K > 2: the label is the largest ovr score (votes, ties broken by confidence), i.e.
 *    SVC(break_ties=True); probabilities are a monotone map of the decision values, not
 *    Platt scaling (see mlr-svm.h);
 *  - tree: features are tried in order (x1, then x2), so among equally good splits x1 wins;
 *    scikit-learn tries them in a random order;
 *  - forest and mlp draw from MlrRng, so a seed gives other (equally good) models than
 *    scikit-learn's random_state; the mlp's passes run in single precision;
 *  - logreg is solved to a tighter tolerance than scikit-learn's lbfgs default.
 */
#pragma once

#include <glib.h>

#include "ml/mlr-dataset.h"
#include "ml/mlr-params.h"
#include "ml/mlr-tree.h"

G_BEGIN_DECLS

#define MLR_CLASSIFIER_SVM_MAX_POINTS 20000
#define MLR_CLASSIFIER_MLP_MAX_WORK   2e10
#define MLR_CLASSIFIER_GB_MAX_WORK    3e8
/* gb: the depth counted for max_depth=none in the work bound */
#define MLR_CLASSIFIER_GB_NONE_DEPTH  32

#define MLR_CLASSIFIER_ERROR (mlr_classifier_error_quark ())

typedef enum {
  MLR_CLASSIFIER_ERROR_PARAM,      /* a key does not apply to the model, or a bad value */
  MLR_CLASSIFIER_ERROR_DATA,       /* the training set cannot be fitted (see message) */
  MLR_CLASSIFIER_ERROR_TOO_LARGE,  /* the work would take too long */
} MlrClassifierError;

typedef enum {
  MLR_MODEL_LOGREG,
  MLR_MODEL_KNN,
  MLR_MODEL_TREE,
  MLR_MODEL_FOREST,
  MLR_MODEL_SVM,
  MLR_MODEL_MLP,
  MLR_MODEL_NB,
  MLR_MODEL_GB,
  MLR_N_MODELS
} MlrModelKind;

/* A W x H raster over [x0,x1] x [y0,y1]: cell (i, j) is at index j * width + i and its centre
 * is x = x0 + (i + 0.5) (x1 - x0) / width, y = y0 + (j + 0.5) (y1 - y0) / height. Give
 * y0 > y1 to get rows top-down as on screen. */
typedef struct {
  guint  width;
  guint  height;
  double x0, x1;
  double y0, y1;
} MlrGrid;

typedef struct _MlrClassifier MlrClassifier;

GQuark              mlr_classifier_error_quark   (void);

const char         *mlr_model_kind_to_string     (MlrModelKind        kind);
gboolean            mlr_model_kind_from_string   (const char         *name,
                                                  MlrModelKind       *kind);
const char         *mlr_model_kind_names         (void);
const char         *mlr_model_kind_title         (MlrModelKind        kind);
const char * const *mlr_model_kind_choices       (const char * const **titles);

const MlrParamSpec *mlr_model_param_specs        (guint              *n_specs);
const char * const *mlr_model_param_keys         (MlrModelKind        kind);
gboolean            mlr_model_accepts_key        (MlrModelKind        kind,
                                                  const char         *key);
char               *mlr_model_describe_keys      (MlrModelKind        kind);
gboolean            mlr_model_check_params       (MlrModelKind        kind,
                                                  const MlrParams    *params,
                                                  GError            **error);

MlrClassifier      *mlr_classifier_new           (MlrModelKind        kind,
                                                  const MlrParams    *params,
                                                  GError            **error);
void                mlr_classifier_free          (MlrClassifier      *self);
MlrModelKind        mlr_classifier_get_kind      (const MlrClassifier *self);
gboolean            mlr_classifier_fit           (MlrClassifier      *self,
                                                  const MlrDataset   *train,
                                                  GError            **error);
gboolean            mlr_classifier_is_fitted     (const MlrClassifier *self);
guint               mlr_classifier_get_n_classes (const MlrClassifier *self);
const char         *mlr_classifier_get_notes     (const MlrClassifier *self);

void                mlr_classifier_predict_proba (const MlrClassifier *self,
                                                  const double       *x,
                                                  guint               n_points,
                                                  double             *proba);
void                mlr_classifier_predict       (const MlrClassifier *self,
                                                  const double       *x,
                                                  guint               n_points,
                                                  guint8             *labels);
double              mlr_classifier_accuracy      (const MlrClassifier *self,
                                                  const MlrDataset   *data);
void                mlr_classifier_eval_grid     (const MlrClassifier *self,
                                                  const MlrGrid      *grid,
                                                  guint8             *labels,
                                                  float              *confidence);
void                mlr_classifier_eval_grid_proba (const MlrClassifier *self,
                                                    const MlrGrid      *grid,
                                                    float              *proba);
void                mlr_grid_cell_center         (const MlrGrid      *grid,
                                                  guint               i,
                                                  guint               j,
                                                  double             *x,
                                                  double             *y);

/* SVM */
guint               mlr_classifier_svm_get_n_support     (const MlrClassifier *self);
void                mlr_classifier_svm_get_support       (const MlrClassifier *self,
                                                          double             *points,
                                                          guint              *indices);
guint               mlr_classifier_svm_get_n_decision    (const MlrClassifier *self);
void                mlr_classifier_svm_decision_function (const MlrClassifier *self,
                                                          const double       *x,
                                                          guint               n_points,
                                                          double             *decision);
void                mlr_classifier_svm_decision_grid     (const MlrClassifier *self,
                                                          const MlrGrid      *grid,
                                                          float              *decision);
gboolean            mlr_classifier_svm_get_converged     (const MlrClassifier *self);

/* Tree and forest */
guint               mlr_classifier_get_n_trees      (const MlrClassifier *self);
MlrTreeSplit       *mlr_classifier_get_tree_splits  (const MlrClassifier *self,
                                                     guint               tree,
                                                     double              x0,
                                                     double              x1,
                                                     double              y0,
                                                     double              y1,
                                                     guint              *n_splits);
guint               mlr_classifier_get_tree_depth   (const MlrClassifier *self,
                                                     guint               tree);
guint               mlr_classifier_get_tree_n_leaves (const MlrClassifier *self,
                                                      guint               tree);

/* MLP: train one epoch at a time (for animation). */
gboolean            mlr_classifier_mlp_start        (MlrClassifier      *self,
                                                     const MlrDataset   *train,
                                                     GError            **error);
gboolean            mlr_classifier_mlp_set_validation (MlrClassifier    *self,
                                                       const MlrDataset *validation,
                                                       GError          **error);
double              mlr_classifier_mlp_step         (MlrClassifier      *self,
                                                     guint               n_epochs);
gboolean            mlr_classifier_mlp_is_done      (const MlrClassifier *self);
guint               mlr_classifier_mlp_get_epoch    (const MlrClassifier *self);
const double       *mlr_classifier_mlp_get_loss_history       (const MlrClassifier *self,
                                                               guint              *n_epochs);
const double       *mlr_classifier_mlp_get_validation_history (const MlrClassifier *self,
                                                               guint              *n_epochs);

/* Gradient boosting */
guint               mlr_classifier_gb_get_n_stages  (const MlrClassifier *self);
guint               mlr_classifier_gb_get_n_estimators (const MlrClassifier *self);
double              mlr_classifier_gb_get_train_loss (const MlrClassifier *self);

/* Logistic regression */
guint               mlr_classifier_logreg_get_n_iter (const MlrClassifier *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrClassifier, mlr_classifier_free)

G_END_DECLS
