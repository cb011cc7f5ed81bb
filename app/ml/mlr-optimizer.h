/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-optimizer: the first-order optimizers of the gradient-descent lessons, with PyTorch's
 * update rules (torch.optim, no weight decay, no dampening, lr_decay 0):
 *
 *   gd        x -= lr g
 *   momentum  v = μ v + g;                  x -= lr v
 *   nesterov  v = μ v + g;                  x -= lr (g + μ v)
 *   rmsprop   s = α s + (1 − α) g²;         x -= lr g / (√s + ε)
 *   adam      m = β1 m + (1 − β1) g;  s = β2 s + (1 − β2) g²;
 *             m̂ = m / (1 − β1^t);  ŝ = s / (1 − β2^t);   x -= lr m̂ / (√ŝ + ε)
 *   adagrad   s += g²;                      x -= lr g / (√s + ε)
 *
 * State starts at zero and t counts steps from 1. Everything is per coordinate, for up to
 * MLR_OPTIMIZER_MAX_DIM coordinates (2 for surfaces, 1 for curves).
 */
#pragma once

#include <glib.h>

#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_OPTIMIZER_ERROR (mlr_optimizer_error_quark ())

typedef enum {
  MLR_OPTIMIZER_ERROR_UNKNOWN,
} MlrOptimizerError;

typedef enum {
  MLR_OPTIMIZER_GD,
  MLR_OPTIMIZER_MOMENTUM,
  MLR_OPTIMIZER_NESTEROV,
  MLR_OPTIMIZER_RMSPROP,
  MLR_OPTIMIZER_ADAM,
  MLR_OPTIMIZER_ADAGRAD,
  MLR_N_OPTIMIZERS
} MlrOptimizerKind;

#define MLR_OPTIMIZER_MAX_DIM 2

/* Defaults (mlr_optimizer_config_init): lr 0.01, momentum 0.9, alpha 0.99, beta1 0.9,
 * beta2 0.999, eps 1e-8 (1e-10 for adagrad, as in PyTorch). */
#define MLR_OPTIMIZER_DEFAULT_LR           0.01
#define MLR_OPTIMIZER_DEFAULT_MOMENTUM     0.9
#define MLR_OPTIMIZER_DEFAULT_ALPHA        0.99
#define MLR_OPTIMIZER_DEFAULT_BETA1        0.9
#define MLR_OPTIMIZER_DEFAULT_BETA2        0.999
#define MLR_OPTIMIZER_DEFAULT_EPS          1e-8
#define MLR_OPTIMIZER_DEFAULT_ADAGRAD_EPS  1e-10

typedef struct {
  MlrOptimizerKind kind;
  double           lr;
  double           momentum;  /* μ: momentum and nesterov */
  double           alpha;     /* α: rmsprop's smoothing constant */
  double           beta1;     /* adam */
  double           beta2;     /* adam */
  double           eps;       /* rmsprop, adam, adagrad */
} MlrOptimizerConfig;

/* Per-coordinate state. v: the momentum buffer (momentum, nesterov); m: adam's first moment;
 * s: rmsprop's square average, adam's second moment, adagrad's running sum of g². */
typedef struct {
  guint64 t;
  double  v[MLR_OPTIMIZER_MAX_DIM];
  double  m[MLR_OPTIMIZER_MAX_DIM];
  double  s[MLR_OPTIMIZER_MAX_DIM];
} MlrOptimizerState;

GQuark              mlr_optimizer_error_quark        (void);

const char * const *mlr_optimizer_names              (void);
const char         *mlr_optimizer_kind_to_string     (MlrOptimizerKind          kind);
gboolean            mlr_optimizer_kind_from_string   (const char               *name,
                                                      MlrOptimizerKind         *kind,
                                                      GError                  **error);
gboolean            mlr_optimizer_uses_param         (MlrOptimizerKind          kind,
                                                      const char               *key);

void                mlr_optimizer_config_init        (MlrOptimizerConfig       *config,
                                                      MlrOptimizerKind          kind);
void                mlr_optimizer_config_from_params (MlrOptimizerConfig       *config,
                                                      MlrOptimizerKind          kind,
                                                      const MlrParams          *params);

void                mlr_optimizer_state_init         (MlrOptimizerState        *state);
void                mlr_optimizer_step               (const MlrOptimizerConfig *config,
                                                      MlrOptimizerState        *state,
                                                      guint                     dim,
                                                      double                   *x,
                                                      const double             *grad);

const MlrParamSpec *mlr_descend_param_specs          (guint                    *n_specs);
const MlrParamSpec *mlr_descend_cli_param_specs      (guint                    *n_specs);

G_END_DECLS
