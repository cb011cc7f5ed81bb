/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-forecast-state.h"

#include <glib/gi18n.h>
#include <math.h>

struct _MlrForecastState
{
  /* the series */
  char               *series_id;    /* the built-in one, or the one shown before an import */
  char               *own_name;     /* the imported file's name, or NULL */
  guint64             seed;
  double             *y;
  guint               n;
  /* the method */
  MlrForecastMethod   method;
  MlrForecastSettings settings;
  guint               horizon;
  guint               test;
  gboolean            rolling;
  /* what they make */
  MlrForecast        *test_fc;      /* the chosen method from the training part, or NULL */
  double             *walk;         /* its walk-forward forecasts of the window, or NULL */
  MlrForecast        *future_fc;    /* ... and from all the data, or NULL */
  MlrForecastStatus   future_status;
  guint               future_need;
  MlrForecastScore    scores[MLR_FORECAST_N_METHODS];
};

static const char * const series_titles[] = {
  N_("Monthly demand"), N_("Trending"), N_("Stock price"), NULL
};

static const char * const method_titles[] = {
  N_("Naive"), N_("Seasonal naive"), N_("Drift"), N_("Simple exponential smoothing"),
  N_("Holt's linear trend"), N_("Holt–Winters (additive)"), NULL
};

static const char * const method_help[] = {
  N_("Every forecast is the last value"),
  N_("Every forecast is the value one season earlier"),
  N_("The line from the first to the last value, extended"),
  N_("A weighted average of the past, weights falling by (1 − α) per step"),
  N_("A smoothed level plus a smoothed slope"),
  N_("A smoothed level, slope and seasonal pattern"),
  NULL
};

static const char * const evaluation_titles[] = {
  N_("Test window"), N_("Walk-forward"), NULL
};

static const char * const evaluation_help[] = {
  N_("Fit on the training part once and forecast the whole held-out window from its end"),
  N_("Forecast each held-out value one step ahead from everything before it"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "series", .type = MLR_PARAM_CHOICE, .default_value = "demand",
    .choices = (const char * const[]) { "demand", "trend", "stock", NULL },
    .help = N_("The built-in series (“Import Series…” in the menu takes your own CSV): "
               "monthly demand with a yearly season, a trending series, or a random-walk "
               "stock price"),
    .label = N_("Series"), .choice_titles = series_titles },
  { .key = "method", .type = MLR_PARAM_CHOICE, .default_value = "holt-winters",
    .choices = (const char * const[]) { "naive", "snaive", "drift", "ses", "holt",
                                        "holt-winters", NULL },
    .help = N_("The forecasting method drawn; the table below compares all six"),
    .label = N_("Method"), .choice_titles = method_titles, .choice_help = method_help },
  { .key = "evaluation", .type = MLR_PARAM_CHOICE, .default_value = "window",
    .choices = (const char * const[]) { "window", "rolling", NULL },
    .help = N_("How the held-out values are forecast for the errors"),
    .label = N_("Evaluation"), .choice_titles = evaluation_titles,
    .choice_help = evaluation_help },
  { .key = "horizon", .type = MLR_PARAM_INT, .default_value = "12", .min = 1,
    .max = MLR_FORECAST_DEMO_MAX_HORIZON,
    .help = N_("How many steps past the end of the data to forecast"),
    .label = N_("Horizon"), .row = 1 },
  { .key = "test", .type = MLR_PARAM_INT, .default_value = "12", .min = 1,
    .max = MLR_FORECAST_DEMO_MAX_TEST,
    .help = N_("How many values at the end are held out: the methods are fitted without "
               "them and scored on them"),
    .label = N_("Held out"), .row = 1 },
  { .key = "season", .type = MLR_PARAM_INT, .default_value = "12", .min = 1,
    .max = MLR_FORECAST_DEMO_MAX_SEASON,
    .help = N_("The season's length m in steps (12 for monthly data with a yearly pattern, "
               "1 for none; by default the series' own): used by seasonal naive, "
               "Holt–Winters and MASE's scale"),
    .label = N_("Season"), .row = 1 },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "0.3", .min = 0, .max = 1,
    .help = N_("α: how fast the level follows new values (0: never, 1: only the last value "
               "counts)"),
    .label = N_("α level"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2,
    .row = 2 },
  { .key = "beta", .type = MLR_PARAM_NUMBER, .default_value = "0.1", .min = 0, .max = 1,
    .help = N_("β*: how fast the slope follows changes in the level"),
    .label = N_("β* trend"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2,
    .row = 2 },
  { .key = "gamma", .type = MLR_PARAM_NUMBER, .default_value = "0.2", .min = 0, .max = 1,
    .help = N_("γ: how fast the seasonal pattern follows new seasons"),
    .label = N_("γ season"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2,
    .row = 2 },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 1, .max = 9999,
    .help = N_("The seed the built-in series is drawn from: another seed, another series "
               "of the same kind"),
    .label = N_("Seed"), .more = TRUE },
};

static const char * const metric_names[] = { "mae", "rmse", "mase", NULL };

const MlrParamSpec *
mlr_forecast_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_forecast_state_metric_names (void)
{
  return metric_names;
}

static gboolean
load_builtin (MlrForecastState *self,
              const char       *id,
              guint            *season,
              GError          **error)
{
  guint n, m;
  double *y = mlr_forecast_series_new (id, self->seed, &n, &m);

  if (y == NULL)
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "series: unknown series “%s”", id);
      return FALSE;
    }
  g_free (self->y);
  self->y = y;
  self->n = n;
  if (id != self->series_id)
    {
      g_free (self->series_id);
      self->series_id = g_strdup (id);
    }
  g_clear_pointer (&self->own_name, g_free);
  if (season != NULL)
    *season = m;
  return TRUE;
}

static void
read_method (MlrForecastState *self,
             const MlrParams  *params)
{
  mlr_forecast_method_from_id (mlr_params_get_string (params, "method"), &self->method);
  self->rolling = g_strcmp0 (mlr_params_get_string (params, "evaluation"), "rolling") == 0;
  self->horizon = (guint) CLAMP (mlr_params_get_int (params, "horizon"), 1,
                                 MLR_FORECAST_DEMO_MAX_HORIZON);
  self->test = (guint) CLAMP (mlr_params_get_int (params, "test"), 1,
                              MLR_FORECAST_DEMO_MAX_TEST);
  self->settings.season = (guint) CLAMP (mlr_params_get_int (params, "season"), 1,
                                         MLR_FORECAST_DEMO_MAX_SEASON);
  self->settings.alpha = CLAMP (mlr_params_get_double (params, "alpha"), 0, 1);
  self->settings.beta = CLAMP (mlr_params_get_double (params, "beta"), 0, 1);
  self->settings.gamma = CLAMP (mlr_params_get_double (params, "gamma"), 0, 1);
}

/* Why @method cannot be fitted on @n values, or OK. */
static MlrForecastStatus
status_for (const MlrForecastState *self,
            MlrForecastMethod       method,
            guint                   n,
            guint                  *need)
{
  *need = 0;
  if (method == MLR_FORECAST_HW && self->settings.season < 2)
    return MLR_FORECAST_NO_SEASON;
  *need = mlr_forecast_min_length (method, self->settings.season);
  /* MASE's scale needs one seasonal pair in the training part as well */
  *need = MAX (*need, self->settings.season + 1);
  return n < *need ? MLR_FORECAST_TOO_SHORT : MLR_FORECAST_OK;
}

/* Everything the picture and the metrics show, for the current series and settings. Methods
 * that do not fit get a status; nothing here fails. */
static void
recompute (MlrForecastState *self)
{
  guint train = self->n > self->test ? self->n - self->test : 0;
  guint need = 0;

  g_clear_pointer (&self->test_fc, mlr_forecast_free);
  g_clear_pointer (&self->future_fc, mlr_forecast_free);
  g_clear_pointer (&self->walk, g_free);
  for (guint m = 0; m < MLR_FORECAST_N_METHODS; m++)
    {
      MlrForecastScore *sc = &self->scores[m];
      g_autoptr(GError) error = NULL;

      sc->status = status_for (self, m, train, &sc->need);
      if (sc->status != MLR_FORECAST_OK)
        continue;
      if (!mlr_forecast_evaluate (self->y, self->n, self->test, m, &self->settings,
                                  self->rolling, &sc->accuracy, &error))
        {
          /* the status above rules out every other failure for values within ±1e12 */
          sc->status = MLR_FORECAST_FLAT;
          continue;
        }
    }
  if (self->scores[self->method].status != MLR_FORECAST_TOO_SHORT &&
      self->scores[self->method].status != MLR_FORECAST_NO_SEASON)
    {
      self->test_fc = mlr_forecast_run (self->y, train, self->method, &self->settings,
                                        self->test, NULL);
      if (self->rolling)
        {
          self->walk = g_new (double, self->test);
          if (!mlr_forecast_one_step (self->y, self->n, self->method, &self->settings, train,
                                      self->walk, NULL))
            g_clear_pointer (&self->walk, g_free);
        }
    }
  self->future_status = status_for (self, self->method, self->n, &need);
  self->future_need = need;
  if (self->future_status == MLR_FORECAST_OK)
    self->future_fc = mlr_forecast_run (self->y, self->n, self->method, &self->settings,
                                        self->horizon, NULL);
}

/**
 * mlr_forecast_state_new:
 * The demo for @params: the built-in series drawn from the seed, the method and its
 * settings, the held-out window and the horizon. Without a season, the series' own (12 for
 * the monthly demand, else 1).
 */
MlrForecastState *
mlr_forecast_state_new (const MlrParams  *params,
                        GError          **error)
{
  g_autoptr(MlrForecastState) self = g_new0 (MlrForecastState, 1);
  guint season;

  self->seed = (guint64) mlr_params_get_int (params, "seed");
  if (!load_builtin (self, mlr_params_get_string (params, "series"), &season, error))
    return NULL;
  read_method (self, params);
  /* a series given without a season brings its own (the table's 12 is the demand's) */
  if (!mlr_params_has (params, "season"))
    self->settings.season = season;
  recompute (self);
  return g_steal_pointer (&self);
}

/* Every combination the table takes makes a picture (a method that does not fit says why). */
gboolean
mlr_forecast_state_check (const MlrParams  *params,
                          GError          **error)
{
  return TRUE;
}

void
mlr_forecast_state_free (MlrForecastState *self)
{
  if (self == NULL)
    return;
  g_free (self->series_id);
  g_free (self->own_name);
  g_free (self->y);
  g_free (self->walk);
  mlr_forecast_free (self->test_fc);
  mlr_forecast_free (self->future_fc);
  g_free (self);
}

/* The season as the state holds it: choosing a built-in series brings its own season. */
void
mlr_forecast_state_read_params (const MlrForecastState *self,
                                MlrParams              *params)
{
  g_autofree char *season = g_strdup_printf ("%u", self->settings.season);

  mlr_params_set (params, "season", season, NULL);
}

/**
 * mlr_forecast_state_apply_param:
 * Applies @key of @params. A built-in series (or a new seed) replaces an imported one, and a
 * series brings its natural season (12 for the monthly demand, else 1).
 */
gboolean
mlr_forecast_state_apply_param (MlrForecastState  *self,
                                const MlrParams   *params,
                                const char        *key,
                                GError           **error)
{
  guint season = 0;

  if (mlr_params_lookup_spec (params, key) == NULL)
    return FALSE;
  if (g_str_equal (key, "series") || g_str_equal (key, "seed"))
    {
      self->seed = (guint64) mlr_params_get_int (params, "seed");
      if (!load_builtin (self, mlr_params_get_string (params, "series"), &season, error))
        return FALSE;
    }
  read_method (self, params);
  if (g_str_equal (key, "series"))
    self->settings.season = season;
  recompute (self);
  return TRUE;
}

/* α for the smoothing methods, β for Holt and Holt–Winters, γ for Holt–Winters; the seed
 * while a built-in series shows. */
gboolean
mlr_forecast_state_param_relevant (const MlrForecastState *self,
                                   const char             *key)
{
  MlrForecastMethod m = self->method;

  if (g_str_equal (key, "alpha"))
    return m == MLR_FORECAST_SES || m == MLR_FORECAST_HOLT || m == MLR_FORECAST_HW;
  if (g_str_equal (key, "beta"))
    return m == MLR_FORECAST_HOLT || m == MLR_FORECAST_HW;
  if (g_str_equal (key, "gamma"))
    return m == MLR_FORECAST_HW;
  if (g_str_equal (key, "seed"))
    return self->own_name == NULL;
  return TRUE;
}

/**
 * mlr_forecast_state_set_series:
 * Shows the learner's series @y (a copy; 2 to MLR_FORECAST_DEMO_MAX_VALUES finite values)
 * in place of the built-in one; @name is the file's name.
 */
gboolean
mlr_forecast_state_set_series (MlrForecastState  *self,
                               const double      *y,
                               guint              n,
                               const char        *name,
                               GError           **error)
{
  if (n < 2 || n > MLR_FORECAST_DEMO_MAX_VALUES)
    {
      g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_TOO_SHORT,
                   _("the series has %u values, and the demo shows from 2 to %d"), n,
                   MLR_FORECAST_DEMO_MAX_VALUES);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!isfinite (y[i]) || fabs (y[i]) > 1e12)
      {
        g_set_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID,
                     _("value %u is not a finite number within ±10¹²"), i + 1);
        return FALSE;
      }
  g_free (self->y);
  self->y = g_memdup2 (y, sizeof (double) * n);
  self->n = n;
  g_free (self->own_name);
  self->own_name = g_strdup (name);
  recompute (self);
  return TRUE;
}

const double *
mlr_forecast_state_get_series (const MlrForecastState *self,
                               guint                  *n)
{
  *n = self->n;
  return self->y;
}

const char *
mlr_forecast_state_get_series_id (const MlrForecastState *self)
{
  return self->series_id;
}

/* The imported file's name, or NULL while a built-in series shows. */
const char *
mlr_forecast_state_get_own_name (const MlrForecastState *self)
{
  return self->own_name;
}

MlrForecastMethod
mlr_forecast_state_get_method (const MlrForecastState *self)
{
  return self->method;
}

const MlrForecastSettings *
mlr_forecast_state_get_settings (const MlrForecastState *self)
{
  return &self->settings;
}

guint
mlr_forecast_state_get_horizon (const MlrForecastState *self)
{
  return self->horizon;
}

/* The held-out values; at most n − 1 are actually held out (see get_score: a window as long
 * as the series leaves no training part and every method TOO_SHORT). */
guint
mlr_forecast_state_get_test (const MlrForecastState *self)
{
  return self->test;
}

gboolean
mlr_forecast_state_get_rolling (const MlrForecastState *self)
{
  return self->rolling;
}

guint64
mlr_forecast_state_get_seed (const MlrForecastState *self)
{
  return self->seed;
}

/* The chosen method's forecast of the held-out window from the training part, or NULL when
 * it does not fit there. */
const MlrForecast *
mlr_forecast_state_get_test_forecast (const MlrForecastState *self)
{
  return self->test_fc;
}

/* With walk-forward evaluation, the chosen method's one-step forecasts of the `test`
 * held-out values; else NULL. */
const double *
mlr_forecast_state_get_walk_forward (const MlrForecastState *self)
{
  return self->walk;
}

/* The chosen method's forecast of `horizon` steps past all the data, or NULL with @status
 * saying why (TOO_SHORT: it needs @need values). */
const MlrForecast *
mlr_forecast_state_get_future_forecast (const MlrForecastState *self,
                                        MlrForecastStatus      *status,
                                        guint                  *need)
{
  if (status)
    *status = self->future_status;
  if (need)
    *need = self->future_need;
  return self->future_fc;
}

const MlrForecastScore *
mlr_forecast_state_get_score (const MlrForecastState *self,
                              MlrForecastMethod       method)
{
  g_return_val_if_fail (method < MLR_FORECAST_N_METHODS, NULL);
  return &self->scores[method];
}

/* The method with the lowest MASE on the held-out window (the first of a tie), or -1. */
int
mlr_forecast_state_best_method (const MlrForecastState *self)
{
  int best = -1;

  for (int m = 0; m < MLR_FORECAST_N_METHODS; m++)
    if (self->scores[m].status == MLR_FORECAST_OK &&
        (best < 0 || self->scores[m].accuracy.mase < self->scores[best].accuracy.mase))
      best = m;
  return best;
}

/**
 * mlr_forecast_state_collect_metrics:
 * MAE, RMSE and MASE of the chosen method on the held-out window, with the evaluation the
 * state uses; none when the method does not fit or MASE is undefined.
 */
void
mlr_forecast_state_collect_metrics (const MlrForecastState *self,
                                    MlrMetricFunc           func,
                                    gpointer                user_data)
{
  const MlrForecastScore *sc = &self->scores[self->method];

  if (sc->status != MLR_FORECAST_OK)
    return;
  func ("mae", g_variant_new_double (sc->accuracy.mae), user_data);
  func ("rmse", g_variant_new_double (sc->accuracy.rmse), user_data);
  func ("mase", g_variant_new_double (sc->accuracy.mase), user_data);
}
