/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-descent: the state of the gradient-descent demo. An MlrDescent runs one optimizer on
 * one objective (a 2-D surface, or a 1-D curve for the calculus lesson), one step at a time
 * so a widget can animate it, and keeps the whole path and loss history for drawing.
 *
 * Divergence: a step whose gradient, new position or new loss is non-finite, or whose new
 * position has |x| or |y| > MLR_DESCENT_MAX_COORD, or whose loss has magnitude >
 * MLR_DESCENT_MAX_LOSS, is not taken; the run stops as "diverged at step K" (K is the step
 * that failed) and the history ends at step K − 1. Nothing non-finite is ever stored.
 */
#pragma once

#include <glib.h>

#include "mlr-curve.h"
#include "mlr-mat2.h"
#include "mlr-optimizer.h"
#include "mlr-surface.h"

G_BEGIN_DECLS

#define MLR_DESCENT_MAX_COORD 1e8
#define MLR_DESCENT_MAX_LOSS  1e300

typedef struct _MlrDescent MlrDescent;

MlrDescent               *mlr_descent_new_surface  (MlrSurfaceId              surface,
                                                    const MlrOptimizerConfig *config,
                                                    const MlrVec2            *start);
MlrDescent               *mlr_descent_new_curve    (MlrCurveId                curve,
                                                    const MlrOptimizerConfig *config,
                                                    double                    start);
void                      mlr_descent_free         (MlrDescent               *self);

void                      mlr_descent_reset        (MlrDescent               *self);
void                      mlr_descent_set_start    (MlrDescent               *self,
                                                    const MlrVec2            *start);
void                      mlr_descent_set_config   (MlrDescent               *self,
                                                    const MlrOptimizerConfig *config);
gboolean                  mlr_descent_step         (MlrDescent               *self);
guint                     mlr_descent_run          (MlrDescent               *self,
                                                    guint                     n_steps);

guint                     mlr_descent_get_dim      (const MlrDescent         *self);
const MlrOptimizerConfig *mlr_descent_get_config   (const MlrDescent         *self);
const MlrOptimizerState  *mlr_descent_get_state    (const MlrDescent         *self);
guint                     mlr_descent_get_step     (const MlrDescent         *self);
gboolean                  mlr_descent_is_diverged  (const MlrDescent         *self,
                                                    guint                    *diverged_at);
MlrVec2                   mlr_descent_get_position (const MlrDescent         *self);
double                    mlr_descent_get_loss     (const MlrDescent         *self);
MlrVec2                   mlr_descent_get_gradient (const MlrDescent         *self);
const MlrVec2            *mlr_descent_get_path     (const MlrDescent         *self,
                                                    guint                    *n_points);
const double             *mlr_descent_get_losses   (const MlrDescent         *self,
                                                    guint                    *n_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDescent, mlr_descent_free)

G_END_DECLS
