/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrMatrixDemo: a 2×2 matrix acting on the plane (kind "matrix"). Drag the tips of î and ĵ (or
 * type the four entries, or pick a preset) and watch the grid warp, the unit square's signed
 * area (det), the eigenvector lines and the singular-value ellipse follow; play the path from
 * the identity to A. Keys on the canvas: Tab/1/2 select î or ĵ, the arrow keys move its tip,
 * Space plays, R goes back to the lesson's matrix. The panel beside the canvas is
 * ui/mlr-matrix-demo.ui.
 */
#pragma once

#include "ml/mlr-matrix-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_MATRIX_DEMO (mlr_matrix_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrMatrixDemo, mlr_matrix_demo, MLR, MATRIX_DEMO, MlrDemo)

/* The canvas's pointer input, callable directly (the gestures call these; so do the tests).
 * Coordinates are the canvas's. */
gboolean              mlr_matrix_demo_drag_begin       (MlrMatrixDemo   *self,
                                                        double           x,
                                                        double           y);
void                  mlr_matrix_demo_drag_update      (MlrMatrixDemo   *self,
                                                        double           offset_x,
                                                        double           offset_y);
void                  mlr_matrix_demo_drag_end         (MlrMatrixDemo   *self);
void                  mlr_matrix_demo_data_to_canvas   (MlrMatrixDemo   *self,
                                                        double           x,
                                                        double           y,
                                                        double          *px,
                                                        double          *py);

/* Controls, for tests. */
GtkSpinButton        *mlr_matrix_demo_get_entry        (MlrMatrixDemo   *self,
                                                        guint            index);
GtkDropDown          *mlr_matrix_demo_get_preset       (MlrMatrixDemo   *self);
GtkSpinButton        *mlr_matrix_demo_get_angle        (MlrMatrixDemo   *self);
GtkToggleButton      *mlr_matrix_demo_get_show_toggle  (MlrMatrixDemo   *self,
                                                        MlrMatrixShow    item);
const char           *mlr_matrix_demo_get_message      (MlrMatrixDemo   *self);
const char           *mlr_matrix_demo_get_info         (MlrMatrixDemo   *self,
                                                        guint            row);

/* Words (for the screen reader; tested on their own). */
char                 *mlr_matrix_demo_describe_state   (const MlrMatrixState *state);

G_END_DECLS
