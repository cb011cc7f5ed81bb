/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrMatrixDemo: a 2×2 matrix acting on the plane. Drag the tips of î and ĵ (or type the four
 * entries, or pick a preset) and watch the grid warp, the unit square's signed area (det),
 * the eigenvector lines and the singular-value ellipse follow; play the path from the
 * identity to A. Keyboard: Tab/1/2 select î or ĵ, arrow keys move its tip, Space plays,
 * R resets to the lesson's matrix.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"
#include "ml/mlr-matrix-state.h"

G_BEGIN_DECLS

#define MLR_TYPE_MATRIX_DEMO (mlr_matrix_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrMatrixDemo, mlr_matrix_demo, MLR, MATRIX_DEMO, GtkWidget)

GtkWidget            *mlr_matrix_demo_new              (const MlrBlock  *block);

const MlrMatrixState *mlr_matrix_demo_get_state        (MlrMatrixDemo   *self);
GtkWidget            *mlr_matrix_demo_get_canvas       (MlrMatrixDemo   *self);
void                  mlr_matrix_demo_set_playing      (MlrMatrixDemo   *self,
                                                        gboolean         playing);
gboolean              mlr_matrix_demo_get_playing      (MlrMatrixDemo   *self);
void                  mlr_matrix_demo_reset            (MlrMatrixDemo   *self);

/* The input paths, callable directly (the gestures and key controller call these; so do the
 * tests). Coordinates are the canvas's. */
gboolean              mlr_matrix_demo_drag_begin       (MlrMatrixDemo   *self,
                                                        double           x,
                                                        double           y);
void                  mlr_matrix_demo_drag_update      (MlrMatrixDemo   *self,
                                                        double           offset_x,
                                                        double           offset_y);
void                  mlr_matrix_demo_drag_end         (MlrMatrixDemo   *self);
gboolean              mlr_matrix_demo_key_pressed      (MlrMatrixDemo   *self,
                                                        guint            keyval,
                                                        GdkModifierType  modifiers);
void                  mlr_matrix_demo_data_to_canvas   (MlrMatrixDemo   *self,
                                                        double           x,
                                                        double           y,
                                                        double          *px,
                                                        double          *py);

/* Controls, for tests and for pages that want to drive the demo. */
GtkSpinButton        *mlr_matrix_demo_get_entry        (MlrMatrixDemo   *self,
                                                        guint            index);
GtkDropDown          *mlr_matrix_demo_get_preset       (MlrMatrixDemo   *self);
GtkSpinButton        *mlr_matrix_demo_get_angle        (MlrMatrixDemo   *self);
GtkToggleButton      *mlr_matrix_demo_get_show_toggle  (MlrMatrixDemo   *self,
                                                        MlrMatrixShow    item);
const char           *mlr_matrix_demo_get_message      (MlrMatrixDemo   *self);
const char           *mlr_matrix_demo_get_info         (MlrMatrixDemo   *self,
                                                        guint            row);

G_END_DECLS
