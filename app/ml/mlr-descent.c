/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-descent.h"

#include <math.h>

struct _MlrDescent
{
  /* The problem */
  guint              dim;       /* 2: surface, 1: curve (y unused and kept at 0) */
  MlrSurfaceId       surface;
  MlrCurveId         curve;
  MlrOptimizerConfig config;
  MlrVec2            start;

  /* The run */
  MlrOptimizerState  state;
  MlrVec2            position;
  MlrVec2            gradient;  /* at position */
  double             loss;      /* at position */
  guint              step;
  gboolean           diverged;
  guint              diverged_at;
  GArray            *path;      /* MlrVec2, one per step from 0 */
  GArray            *losses;    /* double, one per step from 0 */
};

static double
evaluate (const MlrDescent *self,
          MlrVec2           p,
          MlrVec2          *grad)
{
  if (self->dim == 2)
    return mlr_surface_eval_grad (self->surface, p.x, p.y, grad);

  grad->y = 0;
  return mlr_curve_eval (self->curve, p.x, &grad->x);
}

static gboolean
acceptable (const MlrDescent        *self,
            MlrVec2                  p,
            double                   loss,
            MlrVec2                  grad,
            const MlrOptimizerState *state)
{
  if (!isfinite (p.x) || !isfinite (p.y) || !isfinite (loss) ||
      !isfinite (grad.x) || !isfinite (grad.y))
    return FALSE;
  if (fabs (p.x) > MLR_DESCENT_MAX_COORD || fabs (p.y) > MLR_DESCENT_MAX_COORD ||
      fabs (loss) > MLR_DESCENT_MAX_LOSS)
    return FALSE;
  for (guint i = 0; i < self->dim; i++)
    if (!isfinite (state->v[i]) || !isfinite (state->m[i]) || !isfinite (state->s[i]))
      return FALSE;
  return TRUE;
}

static MlrVec2
sanitize_start (const MlrDescent *self,
                const MlrVec2    *start)
{
  MlrVec2 p;

  if (start == NULL || !isfinite (start->x) || !isfinite (start->y))
    {
      if (self->dim == 2)
        p = mlr_surface_get_info (self->surface)->start;
      else
        p = (MlrVec2) { mlr_curve_get_info (self->curve)->start, 0 };
    }
  else
    p = *start;

  p.x = CLAMP (p.x, -MLR_DESCENT_MAX_COORD, MLR_DESCENT_MAX_COORD);
  p.y = self->dim == 2 ? CLAMP (p.y, -MLR_DESCENT_MAX_COORD, MLR_DESCENT_MAX_COORD) : 0;
  return p;
}

static MlrDescent *
descent_new (guint                     dim,
             const MlrOptimizerConfig *config)
{
  MlrDescent *self = g_new0 (MlrDescent, 1);

  self->dim = dim;
  if (config)
    self->config = *config;
  else
    mlr_optimizer_config_init (&self->config, MLR_OPTIMIZER_GD);
  self->path = g_array_sized_new (FALSE, FALSE, sizeof (MlrVec2), 256);
  self->losses = g_array_sized_new (FALSE, FALSE, sizeof (double), 256);
  return self;
}

/**
 * mlr_descent_new_surface:
 * A run of @config's optimizer on @surface from @start (%NULL: the surface's default start;
 * non-finite coordinates also fall back to it; coordinates are clamped to
 * ±MLR_DESCENT_MAX_COORD). @config %NULL means gd with the defaults. Step 0 is the start.
 */
MlrDescent *
mlr_descent_new_surface (MlrSurfaceId              surface,
                         const MlrOptimizerConfig *config,
                         const MlrVec2            *start)
{
  MlrDescent *self;

  g_return_val_if_fail ((guint) surface < MLR_N_SURFACES, NULL);

  self = descent_new (2, config);
  self->surface = surface;
  self->start = sanitize_start (self, start);
  mlr_descent_reset (self);
  return self;
}

/**
 * mlr_descent_new_curve:
 * A run on the 1-D @curve from x = @start (non-finite: the curve's default start). Positions
 * are MlrVec2 with y = 0; the loss history holds f(x).
 */
MlrDescent *
mlr_descent_new_curve (MlrCurveId                curve,
                       const MlrOptimizerConfig *config,
                       double                    start)
{
  MlrDescent *self;
  MlrVec2 p = { start, 0 };

  g_return_val_if_fail ((guint) curve < MLR_N_CURVES, NULL);

  self = descent_new (1, config);
  self->curve = curve;
  self->start = sanitize_start (self, &p);
  mlr_descent_reset (self);
  return self;
}

/* Frees the run and its history; %NULL is allowed. */
void
mlr_descent_free (MlrDescent *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->path);
  g_array_unref (self->losses);
  g_free (self);
}

/**
 * mlr_descent_reset:
 * Back to step 0 at the start point with zero optimizer state; clears the history and the
 * diverged flag. The configuration is kept.
 */
void
mlr_descent_reset (MlrDescent *self)
{
  g_return_if_fail (self != NULL);

  mlr_optimizer_state_init (&self->state);
  self->position = self->start;
  self->loss = evaluate (self, self->position, &self->gradient);
  self->step = 0;
  self->diverged = FALSE;
  self->diverged_at = 0;
  g_array_set_size (self->path, 0);
  g_array_set_size (self->losses, 0);

  if (!acceptable (self, self->position, self->loss, self->gradient, &self->state))
    {
      /* Not reachable for the built-in objectives within the clamp, but keep the promise. */
      self->diverged = TRUE;
      self->loss = 0;
      self->gradient = (MlrVec2) { 0, 0 };
      return;
    }
  g_array_append_val (self->path, self->position);
  g_array_append_val (self->losses, self->loss);
}

/**
 * mlr_descent_set_start:
 * Moves the start point (as in mlr_descent_new_surface()) and resets the run.
 */
void
mlr_descent_set_start (MlrDescent    *self,
                       const MlrVec2 *start)
{
  g_return_if_fail (self != NULL);

  self->start = sanitize_start (self, start);
  mlr_descent_reset (self);
}

/**
 * mlr_descent_set_config:
 * Replaces the optimizer and its hyper-parameters and resets the run (the optimizer state of
 * one configuration means nothing to another).
 */
void
mlr_descent_set_config (MlrDescent               *self,
                        const MlrOptimizerConfig *config)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (config != NULL);

  self->config = *config;
  mlr_descent_reset (self);
}

/**
 * mlr_descent_step:
 * Takes one optimizer step. Returns %TRUE when the step was taken; %FALSE when the run has
 * diverged, now or earlier (see the top of this header), in which case nothing changes.
 */
gboolean
mlr_descent_step (MlrDescent *self)
{
  MlrOptimizerState state;
  double x[MLR_OPTIMIZER_MAX_DIM];
  double g[MLR_OPTIMIZER_MAX_DIM];
  MlrVec2 p, grad;
  double loss;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->diverged || self->step == G_MAXUINT - 1)
    return FALSE;

  state = self->state;
  x[0] = self->position.x;
  x[1] = self->position.y;
  g[0] = self->gradient.x;
  g[1] = self->gradient.y;
  mlr_optimizer_step (&self->config, &state, self->dim, x, g);

  p.x = x[0];
  p.y = self->dim == 2 ? x[1] : 0;
  /* Evaluating at a non-finite point is harmless (the result is only checked). */
  loss = evaluate (self, p, &grad);
  if (!acceptable (self, p, loss, grad, &state))
    {
      self->diverged = TRUE;
      self->diverged_at = self->step + 1;
      return FALSE;
    }

  self->state = state;
  self->position = p;
  self->gradient = grad;
  self->loss = loss;
  self->step++;
  g_array_append_val (self->path, p);
  g_array_append_val (self->losses, loss);
  return TRUE;
}

/**
 * mlr_descent_run:
 * Takes up to @n_steps steps, stopping early on divergence; returns how many were taken.
 */
guint
mlr_descent_run (MlrDescent *self,
                 guint       n_steps)
{
  guint taken = 0;

  g_return_val_if_fail (self != NULL, 0);

  while (taken < n_steps && mlr_descent_step (self))
    taken++;
  return taken;
}

/* 2 for a surface, 1 for a curve. */
guint
mlr_descent_get_dim (const MlrDescent *self)
{
  return self->dim;
}

/* The optimizer and hyper-parameters in use. */
const MlrOptimizerConfig *
mlr_descent_get_config (const MlrDescent *self)
{
  return &self->config;
}

/* The optimizer's state (t, momentum buffer, moments), e.g. to draw the velocity arrow. */
const MlrOptimizerState *
mlr_descent_get_state (const MlrDescent *self)
{
  return &self->state;
}

/* The number of steps taken since the start (0 at the start). */
guint
mlr_descent_get_step (const MlrDescent *self)
{
  return self->step;
}

/**
 * mlr_descent_is_diverged:
 * Whether the run has stopped on divergence; @diverged_at (may be %NULL) receives the step
 * number that failed, one more than mlr_descent_get_step().
 */
gboolean
mlr_descent_is_diverged (const MlrDescent *self,
                         guint            *diverged_at)
{
  if (diverged_at)
    *diverged_at = self->diverged_at;
  return self->diverged;
}

/* The current position (for curves: (x, 0)). */
MlrVec2
mlr_descent_get_position (const MlrDescent *self)
{
  return self->position;
}

/* f at the current position. */
double
mlr_descent_get_loss (const MlrDescent *self)
{
  return self->loss;
}

/* The gradient at the current position (for curves: (f'(x), 0)). */
MlrVec2
mlr_descent_get_gradient (const MlrDescent *self)
{
  return self->gradient;
}

/**
 * mlr_descent_get_path:
 * The positions from step 0 to the current step (@n_points = step + 1). The pointer is
 * valid until the next step or reset.
 */
const MlrVec2 *
mlr_descent_get_path (const MlrDescent *self,
                      guint            *n_points)
{
  if (n_points)
    *n_points = self->path->len;
  return (const MlrVec2 *) self->path->data;
}

/**
 * mlr_descent_get_losses:
 * The loss at each point of the path; same length and lifetime as mlr_descent_get_path().
 */
const double *
mlr_descent_get_losses (const MlrDescent *self,
                        guint            *n_points)
{
  if (n_points)
    *n_points = self->losses->len;
  return (const double *) self->losses->data;
}
