/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrBayesDemo: the "bayes" demo — base rates made visible. Its controls (prior, sensitivity,
 * specificity, positive tests) come from the parameter table; what is its own is the sentence
 * a screen reader speaks, the pointer over the grid (one cell of the 2×2 table stands out),
 * and the keys 1–3 for the number of positive tests.
 */
#pragma once

#include "ml/mlr-bayes-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_BAYES_DEMO (mlr_bayes_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrBayesDemo, mlr_bayes_demo, MLR, BAYES_DEMO, MlrDemo)

char *mlr_bayes_demo_describe_state (const MlrBayesState *state);

G_END_DECLS
