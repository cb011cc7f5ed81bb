/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-optimizer.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mlr-optimizer-error-quark, mlr_optimizer_error)

static const char * const optimizer_names[] = {
  "gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (optimizer_names) == MLR_N_OPTIMIZERS + 1);

/* Which keys of the parameter table each optimizer reads. */
static const char * const uses_gd[] = { "lr", NULL };
static const char * const uses_momentum[] = { "lr", "momentum", NULL };
static const char * const uses_rmsprop[] = { "lr", "alpha", "eps", NULL };
static const char * const uses_adam[] = { "lr", "beta1", "beta2", "eps", NULL };
static const char * const uses_adagrad[] = { "lr", "eps", NULL };

static const char * const * const optimizer_uses[MLR_N_OPTIMIZERS] = {
  [MLR_OPTIMIZER_GD] = uses_gd,
  [MLR_OPTIMIZER_MOMENTUM] = uses_momentum,
  [MLR_OPTIMIZER_NESTEROV] = uses_momentum,
  [MLR_OPTIMIZER_RMSPROP] = uses_rmsprop,
  [MLR_OPTIMIZER_ADAM] = uses_adam,
  [MLR_OPTIMIZER_ADAGRAD] = uses_adagrad,
};

/* The demo's table: lr matches its logarithmic slider. Every upper bound of a decay rate is
 * below 1, so bias corrections never divide by zero, and eps is positive, so g / (√s + ε)
 * is never 0 / 0. */
static const MlrParamSpec descend_specs[] = {
  { "lr", MLR_PARAM_NUMBER, "0.01", 1e-5, 10, NULL, 0, 0, NULL,
    "Learning rate (step size)" },
  { "momentum", MLR_PARAM_NUMBER, "0.9", 0, 0.9999, NULL, 0, 0, NULL,
    "Momentum coefficient μ (momentum, nesterov)" },
  { "beta1", MLR_PARAM_NUMBER, "0.9", 0, 0.9999, NULL, 0, 0, NULL,
    "Decay rate of Adam's first moment" },
  { "beta2", MLR_PARAM_NUMBER, "0.999", 0, 0.999999, NULL, 0, 0, NULL,
    "Decay rate of Adam's second moment" },
  { "eps", MLR_PARAM_NUMBER, NULL, 1e-12, 1, NULL, 0, 0, NULL,
    "Added to the denominator so it is never zero" },
  { "alpha", MLR_PARAM_NUMBER, "0.99", 0, 0.999999, NULL, 0, 0, NULL,
    "Smoothing constant of RMSprop's square average" },
};

/* The CLI's table: the same keys and bounds, but any learning rate from 0 to 1e6. */
static const MlrParamSpec descend_cli_specs[] = {
  { "lr", MLR_PARAM_NUMBER, "0.01", 0, 1e6, NULL, 0, 0, NULL,
    "Learning rate (step size)" },
  { "momentum", MLR_PARAM_NUMBER, "0.9", 0, 0.9999, NULL, 0, 0, NULL,
    "Momentum coefficient μ (momentum, nesterov)" },
  { "beta1", MLR_PARAM_NUMBER, "0.9", 0, 0.9999, NULL, 0, 0, NULL,
    "Decay rate of Adam's first moment" },
  { "beta2", MLR_PARAM_NUMBER, "0.999", 0, 0.999999, NULL, 0, 0, NULL,
    "Decay rate of Adam's second moment" },
  { "eps", MLR_PARAM_NUMBER, NULL, 1e-12, 1, NULL, 0, 0, NULL,
    "Added to the denominator so it is never zero" },
  { "alpha", MLR_PARAM_NUMBER, "0.99", 0, 0.999999, NULL, 0, 0, NULL,
    "Smoothing constant of RMSprop's square average" },
};

/**
 * mlr_descend_param_specs:
 * The parameters of the gradient-descent demo, for lesson attributes and the demo's
 * controls: lr (1e-5 to 10), momentum, beta1, beta2, eps, alpha. The eps default depends on
 * the optimizer (see mlr_optimizer_config_from_params()), so its default_value is %NULL.
 */
const MlrParamSpec *
mlr_descend_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (descend_specs);
  return descend_specs;
}

/**
 * mlr_descend_cli_param_specs:
 * Like mlr_descend_param_specs() with lr allowed from 0 to 1e6, for
 * `ml-roadmap-cli descend --set`, where exploring divergence is the point.
 */
const MlrParamSpec *
mlr_descend_cli_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (descend_cli_specs);
  return descend_cli_specs;
}

/**
 * mlr_optimizer_names:
 * Returns the optimizer names in #MlrOptimizerKind order, %NULL-terminated.
 */
const char * const *
mlr_optimizer_names (void)
{
  return optimizer_names;
}

/* The optimizer's name as the CLI and lessons spell it, e.g. "adam". */
const char *
mlr_optimizer_kind_to_string (MlrOptimizerKind kind)
{
  g_return_val_if_fail ((guint) kind < MLR_N_OPTIMIZERS, NULL);
  return optimizer_names[kind];
}

/**
 * mlr_optimizer_kind_from_string:
 * Finds the optimizer called @name (case-insensitive); the error lists the valid names.
 */
gboolean
mlr_optimizer_kind_from_string (const char       *name,
                                MlrOptimizerKind *kind,
                                GError          **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MLR_N_OPTIMIZERS; i++)
    if (g_ascii_strcasecmp (optimizer_names[i], name) == 0)
      {
        *kind = (MlrOptimizerKind) i;
        return TRUE;
      }
  {
    g_autofree char *valid = g_strjoinv (", ", (char **) optimizer_names);
    g_set_error (error, MLR_OPTIMIZER_ERROR, MLR_OPTIMIZER_ERROR_UNKNOWN,
                 "unknown optimizer “%s” (optimizers: %s)", name, valid);
  }
  return FALSE;
}

/**
 * mlr_optimizer_uses_param:
 * Whether optimizer @kind reads parameter @key of the descend table (so a caller can warn
 * that e.g. beta1 has no effect on gd).
 */
gboolean
mlr_optimizer_uses_param (MlrOptimizerKind  kind,
                          const char       *key)
{
  g_return_val_if_fail ((guint) kind < MLR_N_OPTIMIZERS, FALSE);

  return g_strv_contains ((const char * const *) optimizer_uses[kind], key);
}

/**
 * mlr_optimizer_config_init:
 * Fills @config with optimizer @kind and the default hyper-parameters.
 */
void
mlr_optimizer_config_init (MlrOptimizerConfig *config,
                           MlrOptimizerKind    kind)
{
  config->kind = kind;
  config->lr = MLR_OPTIMIZER_DEFAULT_LR;
  config->momentum = MLR_OPTIMIZER_DEFAULT_MOMENTUM;
  config->alpha = MLR_OPTIMIZER_DEFAULT_ALPHA;
  config->beta1 = MLR_OPTIMIZER_DEFAULT_BETA1;
  config->beta2 = MLR_OPTIMIZER_DEFAULT_BETA2;
  config->eps = kind == MLR_OPTIMIZER_ADAGRAD ? MLR_OPTIMIZER_DEFAULT_ADAGRAD_EPS
                                              : MLR_OPTIMIZER_DEFAULT_EPS;
}

/**
 * mlr_optimizer_config_from_params:
 * Fills @config for optimizer @kind from @params, a #MlrParams over either descend table:
 * the given values, else the table's defaults, else (eps) the optimizer's own default.
 */
void
mlr_optimizer_config_from_params (MlrOptimizerConfig *config,
                                  MlrOptimizerKind    kind,
                                  const MlrParams    *params)
{
  mlr_optimizer_config_init (config, kind);
  if (params == NULL)
    return;
  if (mlr_params_get_string (params, "lr") != NULL)
    config->lr = mlr_params_get_double (params, "lr");
  if (mlr_params_get_string (params, "momentum") != NULL)
    config->momentum = mlr_params_get_double (params, "momentum");
  if (mlr_params_get_string (params, "alpha") != NULL)
    config->alpha = mlr_params_get_double (params, "alpha");
  if (mlr_params_get_string (params, "beta1") != NULL)
    config->beta1 = mlr_params_get_double (params, "beta1");
  if (mlr_params_get_string (params, "beta2") != NULL)
    config->beta2 = mlr_params_get_double (params, "beta2");
  if (mlr_params_has (params, "eps"))
    config->eps = mlr_params_get_double (params, "eps");
}

/* Zero state: t = 0, every buffer 0 (PyTorch's initial state). */
void
mlr_optimizer_state_init (MlrOptimizerState *state)
{
  memset (state, 0, sizeof *state);
}

/**
 * mlr_optimizer_step:
 * One update of the first @dim coordinates of @x given the gradient @grad there, per the
 * rules at the top of this header; advances @state (t first, so the first step has t = 1).
 * The caller checks the result for divergence (see #MlrDescent).
 */
void
mlr_optimizer_step (const MlrOptimizerConfig *config,
                    MlrOptimizerState        *state,
                    guint                     dim,
                    double                   *x,
                    const double             *grad)
{
  const double lr = config->lr;

  g_return_if_fail (dim <= MLR_OPTIMIZER_MAX_DIM);

  state->t++;

  switch (config->kind)
    {
    case MLR_OPTIMIZER_GD:
      for (guint i = 0; i < dim; i++)
        x[i] -= lr * grad[i];
      break;

    case MLR_OPTIMIZER_MOMENTUM:
      for (guint i = 0; i < dim; i++)
        {
          state->v[i] = config->momentum * state->v[i] + grad[i];
          x[i] -= lr * state->v[i];
        }
      break;

    case MLR_OPTIMIZER_NESTEROV:
      for (guint i = 0; i < dim; i++)
        {
          state->v[i] = config->momentum * state->v[i] + grad[i];
          x[i] -= lr * (grad[i] + config->momentum * state->v[i]);
        }
      break;

    case MLR_OPTIMIZER_RMSPROP:
      for (guint i = 0; i < dim; i++)
        {
          state->s[i] = config->alpha * state->s[i] + (1.0 - config->alpha) * grad[i] * grad[i];
          x[i] -= lr * grad[i] / (sqrt (state->s[i]) + config->eps);
        }
      break;

    case MLR_OPTIMIZER_ADAM:
      {
        double bc1 = 1.0 - pow (config->beta1, (double) state->t);
        double bc2 = 1.0 - pow (config->beta2, (double) state->t);

        for (guint i = 0; i < dim; i++)
          {
            double mhat, shat;

            state->m[i] = config->beta1 * state->m[i] + (1.0 - config->beta1) * grad[i];
            state->s[i] = config->beta2 * state->s[i] + (1.0 - config->beta2) * grad[i] * grad[i];
            mhat = state->m[i] / bc1;
            shat = state->s[i] / bc2;
            x[i] -= lr * mhat / (sqrt (shat) + config->eps);
          }
      }
      break;

    case MLR_OPTIMIZER_ADAGRAD:
      for (guint i = 0; i < dim; i++)
        {
          state->s[i] += grad[i] * grad[i];
          x[i] -= lr * grad[i] / (sqrt (state->s[i]) + config->eps);
        }
      break;

    case MLR_N_OPTIMIZERS:
    default:
      g_return_if_reached ();
    }
}
