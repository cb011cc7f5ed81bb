/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrGdDemo: the "gradient-descent" demo widget. A canvas (heatmap of a loss surface with
 * racing optimizers, or a 1-D curve with its tangent, and a loss-per-step chart) above a
 * compact control row: play/pause, one step, back to the start, speed, the learning rate on a
 * log slider, which optimizers race, and a popover with momentum, Adam's betas, the surface
 * and the step count.
 *
 * Pointer: click or drag on the map sets the start point; drag on the loss chart scrubs
 * through the steps; Shift+drag or middle-drag pans; Ctrl+scroll (or plain scroll once the
 * demo has keyboard focus) and pinch zoom. Keys on the focused canvas: Space play/pause,
 * Enter one step, R back to step 0, End to the last step, arrows move the start point,
 * Shift+arrows pan, +/− zoom, 0 resets the view.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"
#include "ml/mlr-gd-state.h"
#include "mlr-demo-canvas.h"

G_BEGIN_DECLS

#define MLR_TYPE_GD_DEMO (mlr_gd_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrGdDemo, mlr_gd_demo, MLR, GD_DEMO, GtkWidget)

GtkWidget     *mlr_gd_demo_new             (const MlrBlock *block);
GtkWidget     *mlr_gd_demo_new_from_params (const MlrParams *params,
                                            GError         **error);

MlrGdState    *mlr_gd_demo_get_state       (MlrGdDemo      *self);
MlrDemoCanvas *mlr_gd_demo_get_canvas      (MlrGdDemo      *self);
GtkAdjustment *mlr_gd_demo_get_lr_adjustment (MlrGdDemo    *self);
gboolean       mlr_gd_demo_get_playing     (MlrGdDemo      *self);
void           mlr_gd_demo_set_playing     (MlrGdDemo      *self,
                                            gboolean        playing);
void           mlr_gd_demo_step            (MlrGdDemo      *self);
void           mlr_gd_demo_reset           (MlrGdDemo      *self);
void           mlr_gd_demo_changed         (MlrGdDemo      *self);

G_END_DECLS
