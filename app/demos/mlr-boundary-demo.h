/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrBoundaryDemo: the "decision-boundary" demo widget. A canvas (the plane shaded by the
 * predicted class, the boundary, train and test points, accuracy, confusion matrix, legend;
 * an mlp's loss per epoch) above three rows of controls: the data (dataset, n, noise,
 * classes, test share, new sample), the model and only its own hyper-parameters, and the
 * class a click adds, the mlp's training (reset, play/pause, one epoch) and a menu with
 * CSV import/export, figure export, undo edits and the keys.
 *
 * Every change refits off the UI thread (GTask): one fit runs at a time, later requests
 * coalesce into one that runs next, a superseded slow fit is cancelled, and the last picture
 * stays up until the new one is ready (see mlr_boundary_state_take_result()).
 *
 * Pointer: click on empty ground adds a point of the chosen class (and a drag then moves it),
 * press on a point selects it and drag moves it, right-click removes one. Keys on the focused
 * canvas: arrows move the selected point (or the keyboard cursor when none is selected; Shift
 * for fine steps), Enter adds a point at the cursor, Delete removes the selected point,
 * Page Up/Down select the previous/next point, Escape deselects, 0-9 choose the class, Space
 * plays/pauses mlp training, R resets (the mlp to epoch 0, other models: undo the edits), N
 * draws a new sample.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"
#include "ml/mlr-boundary-state.h"
#include "mlr-demo-canvas.h"
#include "painters/mlr-boundary-painter.h"

G_BEGIN_DECLS

#define MLR_TYPE_BOUNDARY_DEMO (mlr_boundary_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrBoundaryDemo, mlr_boundary_demo, MLR, BOUNDARY_DEMO, GtkWidget)

GtkWidget        *mlr_boundary_demo_new             (const MlrBlock   *block);
GtkWidget        *mlr_boundary_demo_new_from_params (const MlrParams  *params,
                                                     GError          **error);

MlrBoundaryState *mlr_boundary_demo_get_state       (MlrBoundaryDemo  *self);
MlrDemoCanvas    *mlr_boundary_demo_get_canvas      (MlrBoundaryDemo  *self);
void              mlr_boundary_demo_get_layout      (MlrBoundaryDemo  *self,
                                                     MlrBoundaryLayout *layout);
gboolean          mlr_boundary_demo_set_param       (MlrBoundaryDemo  *self,
                                                     const char       *key,
                                                     const char       *value,
                                                     GError          **error);
gboolean          mlr_boundary_demo_is_busy         (MlrBoundaryDemo  *self);
guint             mlr_boundary_demo_get_fit_count   (MlrBoundaryDemo  *self);
guint             mlr_boundary_demo_get_add_class   (MlrBoundaryDemo  *self);
void              mlr_boundary_demo_set_add_class   (MlrBoundaryDemo  *self,
                                                     guint             label);
gboolean          mlr_boundary_demo_import_file     (MlrBoundaryDemo  *self,
                                                     const char       *path);
gboolean          mlr_boundary_demo_export_csv      (MlrBoundaryDemo  *self,
                                                     const char       *path,
                                                     GError          **error);
gboolean          mlr_boundary_demo_get_playing     (MlrBoundaryDemo  *self);
void              mlr_boundary_demo_set_playing     (MlrBoundaryDemo  *self,
                                                     gboolean          playing);
void              mlr_boundary_demo_step            (MlrBoundaryDemo  *self);
void              mlr_boundary_demo_reset           (MlrBoundaryDemo  *self);
void              mlr_boundary_demo_refit           (MlrBoundaryDemo  *self);

G_END_DECLS
