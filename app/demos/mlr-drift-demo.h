/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDriftDemo: the "drift" demo — a model in production, week by week. Its controls (the
 * four shifts, the retraining week, the alarms) come from the parameter table; what is its
 * own is the sentence a screen reader speaks and the keys: arrows for the mean and concept
 * shifts, r to retrain at the first alarm, 0 to undo the retraining.
 */
#pragma once

#include "ml/mlr-drift-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_DRIFT_DEMO (mlr_drift_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrDriftDemo, mlr_drift_demo, MLR, DRIFT_DEMO, MlrDemo)

char *mlr_drift_demo_describe_state (const MlrDriftState *state);

G_END_DECLS
