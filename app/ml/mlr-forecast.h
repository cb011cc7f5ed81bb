/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-forecast: forecasting one series as Hyndman & Athanasopoulos, *Forecasting: Principles
 * and Practice* (3rd ed., FPP3) define it — the benchmark methods (naive, seasonal naive,
 * drift) with the interval formulas of §5.5, simple exponential smoothing, Holt's linear
 * trend and additive Holt–Winters (§8.1–8.3) with the ETS variances of §8.7 — and their
 * accuracy on a held-out window or walk-forward (MAE, RMSE, MASE, §5.8).
 *
 * Times are 0-based here: y[0] is the book's y_1. The choices the book leaves open:
 *
 *  - σ̂² = Σ e_t² / (R − K) over the R one-step in-sample residuals that are forecasts
 *    (§5.5, T − K − M): K = 1 for drift (its slope is estimated), 0 for the others (their
 *    smoothing parameters are given, not estimated). Residuals: naive t = 1..T−1, seasonal
 *    naive t = m..T−1, drift t = 1..T−1, SES t = 1..T−1, Holt t = 2..T−1, Holt–Winters
 *    t = m..T−1.
 *  - Interval σ_h² (§5.5 Table 5.2 and §8.7 Table 8.8): naive σ̂²h; seasonal naive
 *    σ̂²(k + 1), k = ⌊(h − 1)/m⌋; drift σ̂²h(1 + h/(T − 1)); SES, Holt and Holt–Winters
 *    σ̂²(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α + αβ*·j + γ·[j mod m = 0], which is the book's
 *    ETS(A,N,N), ETS(A,A,N) and ETS(A,A,A) formulas (β = αβ*). The 80% and 95% intervals
 *    are ŷ ± z σ_h with the normal quantiles z = 1.2816 and 1.9600 (unrounded).
 *  - SES: ℓ_0 = y_0 (the first observation), ℓ_t = α y_t + (1 − α) ℓ_{t−1}.
 *  - Holt: ℓ_0 = y_0, b_0 = y_1 − y_0; for t ≥ 1 ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + b_{t−1}),
 *    b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*) b_{t−1}.
 *  - Holt–Winters (additive, season m ≥ 2, at least 2m observations): from the means ȳ₁, ȳ₂
 *    of the first two seasons, b = (ȳ₂ − ȳ₁)/m, ℓ = ȳ₁ + b(m − 1)/2 at time m − 1, and
 *    s_i = y_i − (ȳ₁ + b(i − (m − 1)/2)) for i = 0..m−1; then for t ≥ m
 *    ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1}), b_t = β*(ℓ_t − ℓ_{t−1}) +
 *    (1 − β*) b_{t−1}, s_t = γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ) s_{t−m}.
 *  - MASE divides by the in-sample mean of |y_t − y_{t−m}| over the training part (m = 1:
 *    the naive method's); walk-forward makes one one-step forecast from each origin of the
 *    test window, each fitted on everything before it.
 *
 * Plain C + GLib; errors are MLR_FORECAST_ERROR in English (the CLI's and the demo's
 * messages), never NaN.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_FORECAST_ERROR (mlr_forecast_error_quark ())

#define MLR_FORECAST_MAX_HORIZON 10000
#define MLR_FORECAST_MAX_SEASON  10000
#define MLR_FORECAST_Z80 1.2815515655446004
#define MLR_FORECAST_Z95 1.959963984540054

typedef enum {
  MLR_FORECAST_ERROR_TOO_SHORT,  /* the series is too short for the method or the test */
  MLR_FORECAST_ERROR_INVALID,    /* a parameter out of its range */
  MLR_FORECAST_ERROR_UNDEFINED,  /* MASE with a zero scale, or a result that overflows */
} MlrForecastError;

typedef enum {
  MLR_FORECAST_NAIVE,
  MLR_FORECAST_SNAIVE,
  MLR_FORECAST_DRIFT,
  MLR_FORECAST_SES,
  MLR_FORECAST_HOLT,
  MLR_FORECAST_HW,
  MLR_FORECAST_N_METHODS,
} MlrForecastMethod;

typedef struct {
  double alpha;   /* level, [0, 1] */
  double beta;    /* trend, β* of FPP3's component form, [0, 1] */
  double gamma;   /* season, [0, 1] */
  guint  season;  /* m, 1..MLR_FORECAST_MAX_SEASON */
} MlrForecastSettings;

/* A forecast of `horizon` steps after the last observation. */
typedef struct {
  guint   horizon;
  double  sigma;     /* σ̂, the one-step residuals' */
  double *mean;      /* ŷ_{T+h|T}, h = 1..horizon at [h − 1] */
  double *lo80, *hi80, *lo95, *hi95;
} MlrForecast;

/* Accuracy over a test window. */
typedef struct {
  double mae;
  double rmse;
  double mase;
  double scale;      /* MASE's denominator */
} MlrForecastAccuracy;

GQuark             mlr_forecast_error_quark    (void);

const char * const *mlr_forecast_method_ids    (void);
const char        *mlr_forecast_method_id      (MlrForecastMethod           method);
gboolean           mlr_forecast_method_from_id (const char                 *id,
                                                MlrForecastMethod          *method);
guint              mlr_forecast_min_length     (MlrForecastMethod           method,
                                                guint                       season);
gboolean           mlr_forecast_check_settings (const MlrForecastSettings  *settings,
                                                GError                    **error);

MlrForecast       *mlr_forecast_run            (const double               *y,
                                                guint                       n,
                                                MlrForecastMethod           method,
                                                const MlrForecastSettings  *settings,
                                                guint                       horizon,
                                                GError                    **error);
void               mlr_forecast_free           (MlrForecast                *forecast);

gboolean           mlr_forecast_one_step       (const double               *y,
                                                guint                       n,
                                                MlrForecastMethod           method,
                                                const MlrForecastSettings  *settings,
                                                guint                       from,
                                                double                     *out,
                                                GError                    **error);
gboolean           mlr_forecast_mase_scale     (const double               *y,
                                                guint                       n,
                                                guint                       season,
                                                double                     *scale,
                                                GError                    **error);
gboolean           mlr_forecast_evaluate       (const double               *y,
                                                guint                       n,
                                                guint                       test,
                                                MlrForecastMethod           method,
                                                const MlrForecastSettings  *settings,
                                                gboolean                    rolling,
                                                MlrForecastAccuracy        *accuracy,
                                                GError                    **error);

const char * const *mlr_forecast_series_ids    (void);
double            *mlr_forecast_series_new     (const char                 *id,
                                                guint64                     seed,
                                                guint                      *n,
                                                guint                      *season);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrForecast, mlr_forecast_free)

G_END_DECLS
