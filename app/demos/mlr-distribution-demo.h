/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDistributionDemo: the "distribution" demo — a distribution's density, its mean and
 * spread, P(X ≤ x), and samples drawn from it (or, in mode clt, the means of samples of size
 * n) piling up into a histogram. Its controls come from the parameter table; what is its own
 * is x on the canvas (drag it, or move it with the arrow keys), the animation of the draws
 * (slow at first, one at a time, then faster and faster), and the sentence a screen reader
 * speaks.
 */
#pragma once

#include "ml/mlr-distribution-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_DISTRIBUTION_DEMO (mlr_distribution_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrDistributionDemo, mlr_distribution_demo, MLR, DISTRIBUTION_DEMO,
                      MlrDemo)

char *mlr_distribution_demo_describe_state (const MlrDistributionState *state);

G_END_DECLS
