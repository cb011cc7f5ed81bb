/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-mlp: a multilayer perceptron classifier as scikit-learn's MLPClassifier: fully
 * connected hidden layers (relu, tanh, logistic or identity), a logistic output unit for two
 * classes or softmax for more, cross-entropy loss plus alpha/2 ||W||^2 / batch, Glorot
 * uniform initial weights (bound sqrt(6 / (fan_in + fan_out)), 2 instead of 6 for logistic),
 * minibatches reshuffled every epoch, Adam (betas 0.9/0.999, eps 1e-8) or SGD with Nesterov
 * momentum 0.9. Training stops after max_epochs, or when the epoch loss has not improved by
 * tol = 1e-4 for more than 10 epochs in a row.
 *
 * Training can run one epoch at a time (mlr_mlp_train_epoch()) with a loss history, and an
 * optional held-out set whose loss is recorded after every epoch, for the demo's charts.
 * An epoch whose loss is not finite is undone and ends training (mlr_mlp_get_diverged()).
 */
#pragma once

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

#define MLR_MLP_MAX_LAYERS 4
#define MLR_MLP_MAX_UNITS  1024

typedef enum {
  MLR_ACTIVATION_RELU,
  MLR_ACTIVATION_TANH,
  MLR_ACTIVATION_LOGISTIC,
  MLR_ACTIVATION_IDENTITY,
} MlrActivation;

typedef enum {
  MLR_SOLVER_ADAM,
  MLR_SOLVER_SGD,
} MlrSolver;

typedef struct {
  guint         n_hidden;                      /* 1 .. MLR_MLP_MAX_LAYERS */
  guint         hidden[MLR_MLP_MAX_LAYERS];    /* units per layer, 1 .. MLR_MLP_MAX_UNITS */
  MlrActivation activation;
  MlrSolver     solver;
  double        alpha;                         /* L2 penalty, 1e-4 */
  double        learning_rate;                 /* 1e-3 */
  guint         max_epochs;                    /* 200 */
  guint         batch_size;                    /* 0: min(200, n) */
  guint64       seed;
} MlrMlpOptions;

typedef struct _MlrMlp MlrMlp;

double        mlr_mlp_count_weights          (const MlrMlpOptions *options,
                                              guint                n_classes);
MlrMlp       *mlr_mlp_new                    (const MlrMlpOptions *options,
                                              const MlrDataset    *train);
void          mlr_mlp_set_validation         (MlrMlp              *self,
                                              const MlrDataset    *validation);
double        mlr_mlp_train_epoch            (MlrMlp              *self);
MlrMlp       *mlr_mlp_fit                    (const MlrMlpOptions *options,
                                              const MlrDataset    *train);
void          mlr_mlp_free                   (MlrMlp              *self);

gboolean      mlr_mlp_is_done                (const MlrMlp        *self);
gboolean      mlr_mlp_get_diverged           (const MlrMlp        *self);
guint         mlr_mlp_get_epoch              (const MlrMlp        *self);
const double *mlr_mlp_get_loss_history       (const MlrMlp        *self,
                                              guint               *n_epochs);
const double *mlr_mlp_get_validation_history (const MlrMlp        *self,
                                              guint               *n_epochs);

void          mlr_mlp_predict_proba          (const MlrMlp        *self,
                                              const double        *x,
                                              guint                n_points,
                                              double              *proba);
void          mlr_mlp_eval_grid              (const MlrMlp        *self,
                                              const double        *xs,
                                              guint                w,
                                              const double        *ys,
                                              guint                h,
                                              guint8              *labels,
                                              float               *conf);

/* The network's shape and weights, and every unit's output, for drawing the network. Unit
 * layers are numbered 0 (the two inputs) to mlr_mlp_get_n_layers() (the outputs); weight
 * layer l connects unit layer l to l + 1. */
guint         mlr_mlp_get_n_layers           (const MlrMlp        *self);
guint         mlr_mlp_get_layer_size         (const MlrMlp        *self,
                                              guint                layer);
MlrActivation mlr_mlp_get_activation         (const MlrMlp        *self);
const double *mlr_mlp_get_weights            (const MlrMlp        *self,
                                              guint                layer,
                                              const double       **bias);
void          mlr_mlp_eval_units             (const MlrMlp        *self,
                                              const double        *xs,
                                              guint                w,
                                              const double        *ys,
                                              guint                h,
                                              guint                max_per_layer,
                                              float               *units);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrMlp, mlr_mlp_free)

G_END_DECLS
