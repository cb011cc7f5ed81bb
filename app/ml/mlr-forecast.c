/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-forecast.h"

#include <math.h>

#include "mlr-rng.h"

G_DEFINE_QUARK (mlr-forecast-error-quark, mlr_forecast_error)

static const char * const method_ids[] = {
  "naive", "snaive", "drift", "ses", "holt", "holt-winters", NULL
};

static const char * const series_ids[] = { "demand", "trend", "stock", NULL };

const char * const *
mlr_forecast_method_ids (void)
{
  return method_ids;
}

const char *
mlr_forecast_method_id (MlrForecastMethod method)
{
  g_return_val_if_fail (method < MLR_FORECAST_N_METHODS, NULL);
  return method_ids[method];
}

gboolean
mlr_forecast_method_from_id (const char        *id,
                             MlrForecastMethod *method)
{
  for (guint i = 0; id != NULL && i < MLR_FORECAST_N_METHODS; i++)
    if (g_str_equal (id, method_ids[i]))
      {
        *method = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mlr_forecast_min_length:
 * The fewest observations @method fits with season @season so that σ̂ has at least one
 * residual: naive and SES 2, drift and Holt 3, seasonal naive m + 1, Holt–Winters 2m.
 */
guint
mlr_forecast_min_length (MlrForecastMethod method,
                         guint             season)
{
  switch (method)
    {
    case MLR_FORECAST_NAIVE:
    case MLR_FORECAST_SES:
      return 2;
    case MLR_FORECAST_DRIFT:
    case MLR_FORECAST_HOLT:
      return 3;
    case MLR_FORECAST_SNAIVE:
      return season + 1;
    case MLR_FORECAST_HW:
    case MLR_FORECAST_N_METHODS:
    default:
      return 2 * MAX (season, 2);
    }
}

static const char *
method_title (MlrForecastMethod method)
{
  static const char * const titles[] = {
    "the naive method", "the seasonal naive method", "the drift method",
    "simple exponential smoothing", "Holt's linear trend", "Holt–Winters",
  };
  return titles[method];
}

/* alpha, beta, gamma in [0, 1] and 1 ≤ season ≤ MLR_FORECAST_MAX_SEASON. */
gboolean
mlr_forecast_check_settings (const MlrForecastSettings  *s,
                             GError                    **error)
{
  const struct { const char *name; double value; } smoothing[] = {
    { "alpha", s->alpha }, { "beta", s->beta }, { "gamma", s->gamma },
  };

  for (guint i = 0; i < G_N_ELEMENTS (smoothing); i++)
    if (!(smoothing[i].value >= 0 && smoothing[i].value <= 1))
      {
        g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID,
                     "%s %g: it must be a number from 0 to 1", smoothing[i].name,
                     smoothing[i].value);
        return FALSE;
      }
  if (s->season < 1 || s->season > MLR_FORECAST_MAX_SEASON)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID,
                   "season %u: it must be an integer from 1 to %d", s->season,
                   MLR_FORECAST_MAX_SEASON);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_fit (const double               *y,
           guint                       n,
           MlrForecastMethod           method,
           const MlrForecastSettings  *s,
           GError                    **error)
{
  guint need;

  g_return_val_if_fail (method < MLR_FORECAST_N_METHODS, FALSE);
  if (!mlr_forecast_check_settings (s, error))
    return FALSE;
  if (method == MLR_FORECAST_HW && s->season < 2)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID,
                   "Holt–Winters needs a season of at least 2 (season is 1)");
      return FALSE;
    }
  need = mlr_forecast_min_length (method, s->season);
  if (n < need)
    {
      g_autofree char *with = method == MLR_FORECAST_SNAIVE || method == MLR_FORECAST_HW
                              ? g_strdup_printf (" with season %u", s->season) : g_strdup ("");

      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_TOO_SHORT,
                   "%s%s needs at least %u observations to fit and to estimate its error; "
                   "there %s %u", method_title (method), with, need, n == 1 ? "is" : "are", n);
      return FALSE;
    }
  return TRUE;
}

/* ---- fitting */

typedef struct {
  double  sse;     /* Σ e² of the one-step residuals that count */
  guint   count;   /* how many */
  guint   k;       /* parameters estimated from the data */
  double  level;   /* ℓ_T (SES, Holt, HW) */
  double  trend;   /* b_T (Holt, HW) or the drift's slope */
  double *season;  /* HW: s_t at [t mod m] for the last m times */
} Fit;

/* Runs the recursion of a smoothing method over y[0..n−1], in the error-correction form of
 * the same equations (ℓ_t = ℓ_{t−1} + b_{t−1} + α e_t, ...: a constant series stays exactly
 * constant). When @one_step is given, it receives ŷ_{t|t−1} for t = @from..n−1 (a fit on
 * y[0..t−1] starts from the same initial states, so these are also the walk-forward
 * forecasts). */
static void
smooth (const double              *y,
        guint                      n,
        MlrForecastMethod          method,
        const MlrForecastSettings *s,
        Fit                       *fit,
        guint                      from,
        double                    *one_step)
{
  double a = s->alpha, b = s->beta, g = s->gamma;
  guint m = s->season;

  fit->sse = 0;
  fit->count = 0;
  fit->k = 0;
  if (method == MLR_FORECAST_SES)
    {
      double l = y[0];
      for (guint t = 1; t < n; t++)
        {
          double e = y[t] - l;
          if (one_step && t >= from)
            one_step[t - from] = l;
          fit->sse += e * e;
          fit->count++;
          l += a * e;
        }
      fit->level = l;
      fit->trend = 0;
    }
  else if (method == MLR_FORECAST_HOLT)
    {
      double l = y[0], tr = y[1] - y[0];
      for (guint t = 1; t < n; t++)
        {
          double f = l + tr, nl;
          if (one_step && t >= from)
            one_step[t - from] = f;
          if (t >= 2)
            {
              fit->sse += (y[t] - f) * (y[t] - f);
              fit->count++;
            }
          nl = f + a * (y[t] - f);
          tr += b * (nl - l - tr);
          l = nl;
        }
      fit->level = l;
      fit->trend = tr;
    }
  else
    {
      double mean1 = 0, mean2 = 0, l, tr;
      g_assert (method == MLR_FORECAST_HW);
      for (guint i = 0; i < m; i++)
        {
          mean1 += y[i];
          mean2 += y[m + i];
        }
      mean1 /= m;
      mean2 /= m;
      tr = (mean2 - mean1) / m;
      l = mean1 + tr * (m - 1) / 2.0;
      for (guint i = 0; i < m; i++)
        fit->season[i] = y[i] - (mean1 + tr * (i - (m - 1) / 2.0));
      for (guint t = m; t < n; t++)
        {
          double sp = fit->season[t % m], f = l + tr + sp, nl;
          if (one_step && t >= from)
            one_step[t - from] = f;
          fit->sse += (y[t] - f) * (y[t] - f);
          fit->count++;
          nl = l + tr + a * (y[t] - f);
          fit->season[t % m] = sp + g * (y[t] - f);
          tr += b * (nl - l - tr);
          l = nl;
        }
      fit->level = l;
      fit->trend = tr;
    }
}

/* The residuals and end state of @method on y[0..n−1] (checked by the caller). */
static void
fit_method (const double              *y,
            guint                      n,
            MlrForecastMethod          method,
            const MlrForecastSettings *s,
            Fit                       *fit)
{
  guint m = s->season;

  fit->sse = 0;
  fit->count = 0;
  fit->k = 0;
  fit->level = y[n - 1];
  fit->trend = 0;
  switch (method)
    {
    case MLR_FORECAST_NAIVE:
      for (guint t = 1; t < n; t++)
        fit->sse += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
      fit->count = n - 1;
      break;
    case MLR_FORECAST_SNAIVE:
      for (guint t = m; t < n; t++)
        fit->sse += (y[t] - y[t - m]) * (y[t] - y[t - m]);
      fit->count = n - m;
      break;
    case MLR_FORECAST_DRIFT:
      fit->trend = (y[n - 1] - y[0]) / (n - 1);
      for (guint t = 1; t < n; t++)
        {
          double e = y[t] - y[t - 1] - fit->trend;
          fit->sse += e * e;
        }
      fit->count = n - 1;
      fit->k = 1;
      break;
    case MLR_FORECAST_SES:
    case MLR_FORECAST_HOLT:
    case MLR_FORECAST_HW:
      smooth (y, n, method, s, fit, n, NULL);
      break;
    case MLR_FORECAST_N_METHODS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
all_finite (const double *v,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

/**
 * mlr_forecast_run:
 * Fits @method to y[0..n−1] and forecasts @horizon (1..MLR_FORECAST_MAX_HORIZON) steps with
 * 80% and 95% prediction intervals (see the header for σ̂ and σ_h). Fails when the series is
 * too short for the method (mlr_forecast_min_length()), a setting is out of range, or a
 * number would overflow.
 *
 * Returns: (transfer full) (nullable): the forecast
 */
MlrForecast *
mlr_forecast_run (const double               *y,
                  guint                       n,
                  MlrForecastMethod           method,
                  const MlrForecastSettings  *s,
                  guint                       horizon,
                  GError                    **error)
{
  g_autoptr(MlrForecast) fc = NULL;
  g_autofree double *season = NULL;
  double a = s->alpha, ab = s->alpha * s->beta, g = s->gamma, sum_c2 = 0;
  guint m = s->season;
  Fit fit = { 0 };

  if (horizon < 1 || horizon > MLR_FORECAST_MAX_HORIZON)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID,
                   "horizon %u: it must be from 1 to %d steps", horizon,
                   MLR_FORECAST_MAX_HORIZON);
      return NULL;
    }
  if (!check_fit (y, n, method, s, error))
    return NULL;
  if (method == MLR_FORECAST_HW)
    fit.season = season = g_new0 (double, m);
  fit_method (y, n, method, s, &fit);

  fc = g_new0 (MlrForecast, 1);
  fc->horizon = horizon;
  fc->mean = g_new (double, horizon);
  fc->lo80 = g_new (double, horizon);
  fc->hi80 = g_new (double, horizon);
  fc->lo95 = g_new (double, horizon);
  fc->hi95 = g_new (double, horizon);
  /* count > k: the minimum lengths leave at least one residual beyond the parameters */
  fc->sigma = sqrt (fit.sse / (fit.count - fit.k));
  for (guint h = 1; h <= horizon; h++)
    {
      double mean, var, sd;
      guint r = (h - 1) % m;

      switch (method)
        {
        case MLR_FORECAST_NAIVE:
          mean = y[n - 1];
          var = h;
          break;
        case MLR_FORECAST_SNAIVE:
          mean = y[n - m + r];
          var = (h - 1) / m + 1;
          break;
        case MLR_FORECAST_DRIFT:
          mean = y[n - 1] + h * fit.trend;
          var = h * (1 + (double) h / (n - 1));
          break;
        case MLR_FORECAST_SES:
        case MLR_FORECAST_HOLT:
        case MLR_FORECAST_HW:
        case MLR_FORECAST_N_METHODS:
        default:
          mean = fit.level + h * fit.trend;
          if (method == MLR_FORECAST_HW)
            mean += season[(n + r) % m];
          if (h >= 2)
            {
              /* c_j for j = h − 1: the ETS(A,·,·) weight of an error j steps back */
              guint j = h - 1;
              double c = a;
              if (method != MLR_FORECAST_SES)
                c += ab * j;
              if (method == MLR_FORECAST_HW && j % m == 0)
                c += g;
              sum_c2 += c * c;
            }
          var = 1 + sum_c2;
          break;
        }
      sd = fc->sigma * sqrt (var);
      fc->mean[h - 1] = mean;
      fc->lo80[h - 1] = mean - MLR_FORECAST_Z80 * sd;
      fc->hi80[h - 1] = mean + MLR_FORECAST_Z80 * sd;
      fc->lo95[h - 1] = mean - MLR_FORECAST_Z95 * sd;
      fc->hi95[h - 1] = mean + MLR_FORECAST_Z95 * sd;
    }
  if (!isfinite (fc->sigma) || !all_finite (fc->mean, horizon) ||
      !all_finite (fc->lo95, horizon) || !all_finite (fc->hi95, horizon))
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_UNDEFINED,
                   "the forecast of %s overflows (values too large)", method_title (method));
      return NULL;
    }
  return g_steal_pointer (&fc);
}

void
mlr_forecast_free (MlrForecast *forecast)
{
  if (forecast == NULL)
    return;
  g_free (forecast->mean);
  g_free (forecast->lo80);
  g_free (forecast->hi80);
  g_free (forecast->lo95);
  g_free (forecast->hi95);
  g_free (forecast);
}

/**
 * mlr_forecast_one_step:
 * The walk-forward forecasts: for each t = @from..n−1, ŷ_{t|t−1} of @method fitted on
 * y[0..t−1] alone, into out[t − from]. y[0..from−1] must be long enough for the method.
 */
gboolean
mlr_forecast_one_step (const double               *y,
                       guint                       n,
                       MlrForecastMethod           method,
                       const MlrForecastSettings  *s,
                       guint                       from,
                       double                     *out,
                       GError                    **error)
{
  g_autofree double *season = NULL;
  guint m = s->season;
  Fit fit = { 0 };

  g_return_val_if_fail (from <= n, FALSE);
  if (!check_fit (y, from, method, s, error))
    return FALSE;
  switch (method)
    {
    case MLR_FORECAST_NAIVE:
      for (guint t = from; t < n; t++)
        out[t - from] = y[t - 1];
      break;
    case MLR_FORECAST_SNAIVE:
      for (guint t = from; t < n; t++)
        out[t - from] = y[t - m];
      break;
    case MLR_FORECAST_DRIFT:
      /* fitted on t points: the slope (y_{t−1} − y_0)/(t − 1) */
      for (guint t = from; t < n; t++)
        out[t - from] = y[t - 1] + (y[t - 1] - y[0]) / (t - 1);
      break;
    case MLR_FORECAST_SES:
    case MLR_FORECAST_HOLT:
    case MLR_FORECAST_HW:
      if (method == MLR_FORECAST_HW)
        fit.season = season = g_new0 (double, m);
      smooth (y, n, method, s, &fit, from, out);
      break;
    case MLR_FORECAST_N_METHODS:
    default:
      g_assert_not_reached ();
    }
  if (!all_finite (out, n - from))
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_UNDEFINED,
                   "the forecasts of %s overflow (values too large)", method_title (method));
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_forecast_mase_scale:
 * MASE's denominator on y[0..n−1]: the mean of |y_t − y_{t−m}| for t = m..n−1 (the
 * in-sample error of the seasonal naive method; of the naive method when m = 1). Fails when
 * there is no such pair or when it is 0 (a series that repeats exactly every m steps).
 */
gboolean
mlr_forecast_mase_scale (const double  *y,
                         guint          n,
                         guint          season,
                         double        *scale,
                         GError       **error)
{
  double sum = 0;

  if (season < 1 || n <= season)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_TOO_SHORT,
                   "MASE with season %u needs at least %u training observations; there %s %u",
                   season, season + 1, n == 1 ? "is" : "are", n);
      return FALSE;
    }
  for (guint t = season; t < n; t++)
    sum += fabs (y[t] - y[t - season]);
  *scale = sum / (n - season);
  if (!(*scale > 0) || !isfinite (*scale))
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_UNDEFINED,
                   "MASE is undefined: the training part repeats itself exactly every %u "
                   "step%s (y_t = y_{t−%u} throughout), so its scale, the mean of "
                   "|y_t − y_{t−%u}|, is 0", season, season == 1 ? "" : "s", season, season);
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_forecast_evaluate:
 * Holds out the last @test of the n values (1 ≤ @test < n), fits @method on the rest and
 * measures its forecasts of the held-out values: all @test steps from the end of the
 * training part, or (@rolling) one step from each origin, walking forward. MAE, RMSE, and
 * MASE scaled by the training part's seasonal naive error (mlr_forecast_mase_scale()).
 */
gboolean
mlr_forecast_evaluate (const double               *y,
                       guint                       n,
                       guint                       test,
                       MlrForecastMethod           method,
                       const MlrForecastSettings  *s,
                       gboolean                    rolling,
                       MlrForecastAccuracy        *acc,
                       GError                    **error)
{
  g_autofree double *pred = NULL;
  guint train;
  double sa = 0, ss = 0;

  if (test < 1 || test >= n)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_TOO_SHORT,
                   "test %u: it must be from 1 to %u, fewer than the series' %u values",
                   test, n > 1 ? n - 1 : 1, n);
      return FALSE;
    }
  if (test > MLR_FORECAST_MAX_HORIZON)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID,
                   "test %u: it must be at most %d values", test, MLR_FORECAST_MAX_HORIZON);
      return FALSE;
    }
  train = n - test;
  if (rolling)
    {
      pred = g_new (double, test);
      if (!mlr_forecast_one_step (y, n, method, s, train, pred, error))
        {
          g_prefix_error (error, "training part of %u value%s: ", train, train == 1 ? "" : "s");
          return FALSE;
        }
    }
  else
    {
      g_autoptr(MlrForecast) fc = mlr_forecast_run (y, train, method, s, test, error);
      if (fc == NULL)
        {
          g_prefix_error (error, "training part of %u value%s: ", train, train == 1 ? "" : "s");
          return FALSE;
        }
      pred = g_steal_pointer (&fc->mean);
    }
  if (!mlr_forecast_mase_scale (y, train, s->season, &acc->scale, error))
    {
      g_prefix_error (error, "training part of %u value%s: ", train, train == 1 ? "" : "s");
      return FALSE;
    }
  for (guint i = 0; i < test; i++)
    {
      double e = y[train + i] - pred[i];
      sa += fabs (e);
      ss += e * e;
    }
  acc->mae = sa / test;
  acc->rmse = sqrt (ss / test);
  acc->mase = acc->mae / acc->scale;
  if (!isfinite (acc->rmse) || !isfinite (acc->mase))
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_UNDEFINED,
                   "the errors of %s overflow (values too large)", method_title (method));
      return FALSE;
    }
  return TRUE;
}

/* ---- built-in series */

const char * const *
mlr_forecast_series_ids (void)
{
  return series_ids;
}

/**
 * mlr_forecast_series_new:
 * A built-in series, the same for a seed on every machine (the project's own generator):
 *  - "demand": 96 months of units sold, season 12 — 120 + 0.6 t + 25 sin(2πt/12) +
 *    10 cos(2πt/6) + N(0, 6²), rounded to whole units;
 *  - "trend": 80 values, 40 + 1.1 t plus AR(1) noise u_t = 0.8 u_{t−1} + N(0, 2.5²),
 *    rounded to 0.1;
 *  - "stock": a random walk of 150 daily prices from 100 with N(0, 1.2²) steps and no drift,
 *    rounded to cents.
 * @season receives the series' natural season (12, 1, 1).
 *
 * Returns: (transfer full) (nullable): the values, or NULL for an unknown @id
 */
double *
mlr_forecast_series_new (const char *id,
                         guint64     seed,
                         guint      *n,
                         guint      *season)
{
  MlrRng rng;
  double *y;

  mlr_rng_init (&rng, seed);
  if (g_strcmp0 (id, "demand") == 0)
    {
      *n = 96;
      *season = 12;
      y = g_new (double, *n);
      for (guint t = 0; t < *n; t++)
        y[t] = round (120 + 0.6 * t + 25 * sin (2 * G_PI * t / 12) +
                      10 * cos (2 * G_PI * t / 6) + 6 * mlr_rng_normal (&rng));
    }
  else if (g_strcmp0 (id, "trend") == 0)
    {
      double u = 0;
      *n = 80;
      *season = 1;
      y = g_new (double, *n);
      for (guint t = 0; t < *n; t++)
        {
          u = 0.8 * u + 2.5 * mlr_rng_normal (&rng);
          y[t] = round ((40 + 1.1 * t + u) * 10) / 10;
        }
    }
  else if (g_strcmp0 (id, "stock") == 0)
    {
      double p = 100;
      *n = 150;
      *season = 1;
      y = g_new (double, *n);
      for (guint t = 0; t < *n; t++)
        {
          if (t > 0)
            p += 1.2 * mlr_rng_normal (&rng);
          y[t] = round (p * 100) / 100;
        }
    }
  else
    return NULL;
  return y;
}
