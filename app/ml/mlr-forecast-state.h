/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-forecast-state: the state of the "forecast" demo — a series (a built-in one made from a
 * seed, or the learner's CSV), the last `test` values held out, one method chosen of the six
 * in mlr-forecast.h, its forecast of the held-out window (80% and 95% intervals) and of
 * `horizon` steps past the data, and MAE, RMSE and MASE of every method on the held-out
 * window — from the end of the training part, or one step ahead walking forward.
 *
 * A method the series is too short for (or whose MASE is undefined) is not an error: its
 * status says why, and the picture says it in words. Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-forecast.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_FORECAST_DEMO_MAX_HORIZON 48
#define MLR_FORECAST_DEMO_MAX_TEST    48
#define MLR_FORECAST_DEMO_MAX_SEASON  60
#define MLR_FORECAST_DEMO_MAX_VALUES  2000

typedef enum {
  MLR_FORECAST_OK,
  MLR_FORECAST_TOO_SHORT,   /* the training part (or the series) is too short: `need` */
  MLR_FORECAST_NO_SEASON,   /* Holt–Winters with season 1 */
  MLR_FORECAST_FLAT,        /* MASE's scale is 0 */
} MlrForecastStatus;

/* One method's result on the held-out window. */
typedef struct {
  MlrForecastStatus   status;
  guint               need;      /* TOO_SHORT: the values it needs */
  MlrForecastAccuracy accuracy;  /* OK */
} MlrForecastScore;

typedef struct _MlrForecastState MlrForecastState;

const MlrParamSpec *mlr_forecast_state_param_specs  (guint                  *n_specs);
const char * const *mlr_forecast_state_metric_names (void);

MlrForecastState *mlr_forecast_state_new          (const MlrParams        *params,
                                                   GError                **error);
gboolean          mlr_forecast_state_check        (const MlrParams        *params,
                                                   GError                **error);
void              mlr_forecast_state_free         (MlrForecastState       *self);
void              mlr_forecast_state_read_params  (const MlrForecastState *self,
                                                   MlrParams              *params);
gboolean          mlr_forecast_state_apply_param  (MlrForecastState       *self,
                                                   const MlrParams        *params,
                                                   const char             *key,
                                                   GError                **error);
gboolean          mlr_forecast_state_param_relevant (const MlrForecastState *self,
                                                   const char             *key);
gboolean          mlr_forecast_state_set_series   (MlrForecastState       *self,
                                                   const double           *y,
                                                   guint                   n,
                                                   const char             *name,
                                                   GError                **error);

const double     *mlr_forecast_state_get_series   (const MlrForecastState *self,
                                                   guint                  *n);
const char       *mlr_forecast_state_get_series_id (const MlrForecastState *self);
const char       *mlr_forecast_state_get_own_name (const MlrForecastState *self);
MlrForecastMethod mlr_forecast_state_get_method   (const MlrForecastState *self);
const MlrForecastSettings *mlr_forecast_state_get_settings (const MlrForecastState *self);
guint             mlr_forecast_state_get_horizon  (const MlrForecastState *self);
guint             mlr_forecast_state_get_test     (const MlrForecastState *self);
gboolean          mlr_forecast_state_get_rolling  (const MlrForecastState *self);
guint64           mlr_forecast_state_get_seed     (const MlrForecastState *self);
const MlrForecast *mlr_forecast_state_get_test_forecast   (const MlrForecastState *self);
const double     *mlr_forecast_state_get_walk_forward     (const MlrForecastState *self);
const MlrForecast *mlr_forecast_state_get_future_forecast (const MlrForecastState *self,
                                                   MlrForecastStatus      *status,
                                                   guint                  *need);
const MlrForecastScore *mlr_forecast_state_get_score (const MlrForecastState *self,
                                                   MlrForecastMethod       method);
int               mlr_forecast_state_best_method  (const MlrForecastState *self);

void              mlr_forecast_state_collect_metrics (const MlrForecastState *self,
                                                   MlrMetricFunc           func,
                                                   gpointer                user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrForecastState, mlr_forecast_state_free)

G_END_DECLS
