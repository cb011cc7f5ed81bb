/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrRegressionDemo: the "regression" demo — a polynomial fitted to noisy points, with its
 * degree and ridge penalty, train and test error against the degree, and bias and variance.
 * Its controls come from the parameter table; what is its own is the canvas (click adds a
 * training point, Shift+click a test point, drag moves, right-click removes), the keys that
 * do the same without a pointer, a "Least squares" check beside the penalty (a log slider
 * cannot reach α = 0), a new-sample button, and the sentence a screen reader speaks.
 */
#pragma once

#include "ml/mlr-regression-state.h"
#include "mlr-demo.h"
#include "painters/mlr-regression-painter.h"

G_BEGIN_DECLS

#define MLR_TYPE_REGRESSION_DEMO (mlr_regression_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrRegressionDemo, mlr_regression_demo, MLR, REGRESSION_DEMO, MlrDemo)

char *mlr_regression_demo_describe_state (const MlrRegressionState *state);
void  mlr_regression_demo_get_layout     (MlrRegressionDemo        *self,
                                          MlrRegressionLayout      *layout);

G_END_DECLS
