/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-forecast-painter: the "forecast" demo's picture. Above, the series over time: the
 * training part, the held-out window shaded with its true values, the chosen method's
 * forecast of that window from the end of the training part (or its one-step walk-forward
 * forecasts) and its forecast past the data, each with its 80% and 95% fan. Below, the six
 * methods side by side: MAE, RMSE and MASE on the held-out window, MASE as bars with the line
 * at 1, the chosen method's row marked and the best one named.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-forecast-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

void   mlr_forecast_painter_draw             (cairo_t                *cr,
                                              int                     width,
                                              int                     height,
                                              const MlrPalette       *palette,
                                              const MlrForecastState *state);
int    mlr_forecast_painter_preferred_height (int                     width,
                                              const MlrPalette       *palette);
const char *mlr_forecast_painter_method_name (MlrForecastMethod       method);

G_END_DECLS
