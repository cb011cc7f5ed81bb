/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrThresholdDemo: the "threshold" demo — a classifier's threshold, dragged. Its controls
 * (threshold, Platt scaling, the generator's separation, spread and share of positives,
 * the costs) come from the parameter table; what is its own: the pointer (drag the threshold
 * across the histogram, or pick a point on the ROC or precision–recall curve), the keys
 * (arrows, Page Up/Down one distinct score, O the cheapest threshold, C Platt scaling, N a
 * new sample), importing and exporting label,score CSV files, and the sentence a screen
 * reader speaks.
 */
#pragma once

#include "ml/mlr-threshold-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_THRESHOLD_DEMO (mlr_threshold_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrThresholdDemo, mlr_threshold_demo, MLR, THRESHOLD_DEMO, MlrDemo)

char     *mlr_threshold_demo_describe_state (const MlrThresholdState *state);
gboolean  mlr_threshold_demo_import_file    (MlrThresholdDemo        *self,
                                             const char              *path);
gboolean  mlr_threshold_demo_export_csv     (MlrThresholdDemo        *self,
                                             const char              *path,
                                             GError                 **error);

G_END_DECLS
