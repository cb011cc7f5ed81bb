/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrServingDemo: the "serving" demo — a simulated model server. Its controls come from the
 * parameter table; what is its own: the sentence a screen reader speaks, dragging on the p99
 * chart to set the rate (as a share of the capacity), dragging on the queue's timeline to move
 * the playhead, Play to watch the queue of the first arrivals live, and keys for the rate,
 * the replicas and the playhead.
 */
#pragma once

#include "ml/mlr-serving-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_SERVING_DEMO (mlr_serving_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrServingDemo, mlr_serving_demo, MLR, SERVING_DEMO, MlrDemo)

char *mlr_serving_demo_describe_state (const MlrServingState *state);

G_END_DECLS
