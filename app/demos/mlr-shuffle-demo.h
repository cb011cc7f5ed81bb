/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrShuffleDemo: the "shuffle" demo — a Spark job's shuffle, its skewed partitions and its
 * straggler. The controls come from the parameter table; what is its own is the sentence a
 * screen reader speaks and the keys: 1, 2, 3 for the operation, + and − for the salt.
 */
#pragma once

#include "ml/mlr-shuffle-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_SHUFFLE_DEMO (mlr_shuffle_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrShuffleDemo, mlr_shuffle_demo, MLR, SHUFFLE_DEMO, MlrDemo)

char *mlr_shuffle_demo_describe_state (const MlrShuffleState *state);

G_END_DECLS
