/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrCostDemo: the "training-cost" demo — memory and compute of a model. Its controls come
 * from the parameter table; what is its own is the sentence a screen reader speaks, a click
 * on a ZeRO row to pick that stage, and the keys 0–3 (ZeRO stage) and + / − (twice or half
 * the GPUs).
 */
#pragma once

#include "ml/mlr-cost-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_COST_DEMO (mlr_cost_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrCostDemo, mlr_cost_demo, MLR, COST_DEMO, MlrDemo)

char *mlr_cost_demo_describe_state (const MlrCostState *state);

G_END_DECLS
