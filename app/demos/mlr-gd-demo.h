/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrGdDemo: the "gradient-descent" demo. A canvas (heatmap of a loss surface with racing
 * optimizers, or a 1-D curve with its tangent, and a loss-per-step chart) over the controls
 * MlrDemo generates from the parameters: the learning rate on a log slider, which optimizers
 * race (each with its path's colour), and in the More menu the surface, momentum, Adam's betas
 * and the step count; play/pause, one step, back to the start and the speed.
 *
 * Pointer: click or drag on the map sets the start point; drag on the loss chart scrubs
 * through the steps; Shift+drag or middle-drag pans; Ctrl+scroll (or plain scroll once the
 * canvas has keyboard focus) and pinch zoom. Keys on the focused canvas: Space play/pause,
 * Enter one step, R back to step 0, End to the last step, arrows move the start point,
 * Shift+arrows pan, +/− zoom, 0 resets the view.
 */
#pragma once

#include "ml/mlr-gd-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_GD_DEMO (mlr_gd_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrGdDemo, mlr_gd_demo, MLR, GD_DEMO, MlrDemo)

/* Words (for the screen reader; tested on their own). */
char *mlr_gd_demo_describe_state (const MlrGdState *state);
char *mlr_gd_demo_describe_run   (const MlrGdState *state,
                                  guint             i);

G_END_DECLS
