/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrForecastDemo: the "forecast" demo — six forecasting methods on one series, scored side
 * by side on held-out values. Its controls (series, method, evaluation, horizon, held-out
 * values, season, α, β*, γ) come from the parameter table; what is its own is the keys
 * (Page Up/Down the method, Left/Right the horizon, Up/Down the held-out window, E the
 * evaluation, R another draw of the built-in series), "Import Series…" for the learner's
 * CSV, and the sentence a screen reader speaks.
 */
#pragma once

#include "ml/mlr-forecast-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_FORECAST_DEMO (mlr_forecast_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrForecastDemo, mlr_forecast_demo, MLR, FORECAST_DEMO, MlrDemo)

char     *mlr_forecast_demo_describe_state (const MlrForecastState *state);
gboolean  mlr_forecast_demo_import_file    (MlrForecastDemo        *self,
                                            const char             *path,
                                            GError                **error);

G_END_DECLS
