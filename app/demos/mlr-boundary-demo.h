/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrBoundaryDemo: the "decision-boundary" demo. A canvas (the plane shaded by the predicted
 * class, the boundary, train and test points, accuracy, confusion matrix, legend; an mlp's
 * loss per epoch) over the controls MlrDemo generates from the parameters — the data
 * (dataset, n, noise, classes, test share) and the model with only its own hyper-parameters
 * — plus what is this demo's own: a new sample, the mlp's layers × units, showing a tree's
 * splits, the class a click adds, the mlp's training (reset, play/pause, one epoch) and CSV
 * import/export in the More menu.
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

#include "ml/mlr-boundary-state.h"
#include "mlr-demo.h"
#include "painters/mlr-boundary-painter.h"

G_BEGIN_DECLS

#define MLR_TYPE_BOUNDARY_DEMO (mlr_boundary_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrBoundaryDemo, mlr_boundary_demo, MLR, BOUNDARY_DEMO, MlrDemo)

void              mlr_boundary_demo_get_layout      (MlrBoundaryDemo  *self,
                                                     MlrBoundaryLayout *layout);
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
void              mlr_boundary_demo_refit           (MlrBoundaryDemo  *self);

/* Words (for the screen reader; tested on their own). */
char             *mlr_boundary_demo_describe_state  (const MlrBoundaryState *state);

G_END_DECLS
