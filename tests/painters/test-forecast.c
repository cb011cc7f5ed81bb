/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "forecast" demo's numbers and picture: known answers (naive by hand, SES with α = 1 is
 * naive to the last digit of its interval, Holt with α = 1 and β* = 0 extends the first
 * slope, Holt–Winters and seasonal naive forecast an exact trend plus season exactly with
 * zero-width intervals), walk-forward against refitting by hand, hostile values refused with
 * their range, the state's statuses for methods that do not fit, its parameters and the
 * picture in light and dark at the lesson's widths. (The comparison with FPP3's formulas in
 * NumPy on random series is tests/cli/test-cli-forecast.py.)
 */
#include "config.h"

#include <math.h>

#include "ml/mlr-forecast-state.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-forecast-painter.h"

static const MlrForecastSettings defaults = { 0.3, 0.1, 0.2, 1 };

static void
test_naive_by_hand (void)
{
  const double y[] = { 1, 2, 4, 7 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrForecast) fc = mlr_forecast_run (y, 4, MLR_FORECAST_NAIVE, &defaults, 3, &error);
  double s2 = (1.0 + 4.0 + 9.0) / 3;

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (fc->sigma, sqrt (s2), 1e-14);
  for (guint h = 1; h <= 3; h++)
    {
      g_assert_cmpfloat (fc->mean[h - 1], ==, 7);
      g_assert_cmpfloat_with_epsilon (fc->hi80[h - 1], 7 + 1.2815515655446004 * sqrt (s2 * h),
                                      1e-12);
      g_assert_cmpfloat_with_epsilon (fc->lo95[h - 1], 7 - 1.959963984540054 * sqrt (s2 * h),
                                      1e-12);
    }
}

static void
test_ses_alpha_one_is_naive (void)
{
  const double y[] = { 3, 5, 4, 8, 6, 9, 12, 10 };
  MlrForecastSettings s = defaults;
  g_autoptr(MlrForecast) naive = NULL;
  g_autoptr(MlrForecast) ses = NULL;
  g_autoptr(MlrForecast) ses0 = NULL;

  s.alpha = 1;
  naive = mlr_forecast_run (y, 8, MLR_FORECAST_NAIVE, &s, 10, NULL);
  ses = mlr_forecast_run (y, 8, MLR_FORECAST_SES, &s, 10, NULL);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpfloat_with_epsilon (ses->mean[i], naive->mean[i], 1e-12);
      g_assert_cmpfloat_with_epsilon (ses->lo95[i], naive->lo95[i], 1e-12);
      g_assert_cmpfloat_with_epsilon (ses->hi80[i], naive->hi80[i], 1e-12);
    }
  /* α = 0: the level never leaves the first observation */
  s.alpha = 0;
  ses0 = mlr_forecast_run (y, 8, MLR_FORECAST_SES, &s, 2, NULL);
  g_assert_cmpfloat (ses0->mean[0], ==, 3);
  g_assert_cmpfloat (ses0->mean[1], ==, 3);
}

static void
test_holt_first_slope (void)
{
  const double y[] = { 10, 12, 11, 15, 14, 18 };
  MlrForecastSettings s = { 1, 0, 0, 1 };
  g_autoptr(MlrForecast) fc = mlr_forecast_run (y, 6, MLR_FORECAST_HOLT, &s, 4, NULL);

  /* α = 1: the level is the last value; β* = 0: the slope stays y_2 − y_1 = 2 */
  for (guint h = 1; h <= 4; h++)
    g_assert_cmpfloat_with_epsilon (fc->mean[h - 1], 18 + 2.0 * h, 1e-12);
}

static void
test_exact_season_and_trend (void)
{
  const double pattern[] = { 5, -3, 1, -7, 4 };  /* adds up to 0 */
  guint m = 5, n = 23;
  double y[23];
  MlrForecastSettings s = { 0.37, 0.21, 0.44, 5 };
  g_autoptr(MlrForecast) hw = NULL;
  g_autoptr(MlrForecast) drift = NULL;
  g_autoptr(MlrForecast) sn = NULL;
  double line[23];

  for (guint t = 0; t < n; t++)
    {
      y[t] = 100 + 2.5 * t + pattern[t % m];
      line[t] = -4 + 0.75 * t;
    }
  hw = mlr_forecast_run (y, n, MLR_FORECAST_HW, &s, 12, NULL);
  g_assert_nonnull (hw);
  g_assert_cmpfloat_with_epsilon (hw->sigma, 0, 1e-9);
  for (guint h = 1; h <= 12; h++)
    {
      double want = 100 + 2.5 * (n - 1 + h) + pattern[(n - 1 + h) % m];
      g_assert_cmpfloat_with_epsilon (hw->mean[h - 1], want, 1e-9);
      g_assert_cmpfloat_with_epsilon (hw->hi95[h - 1], want, 1e-8);
    }
  drift = mlr_forecast_run (line, n, MLR_FORECAST_DRIFT, &s, 7, NULL);
  for (guint h = 1; h <= 7; h++)
    g_assert_cmpfloat_with_epsilon (drift->mean[h - 1], -4 + 0.75 * (n - 1 + h), 1e-12);
  for (guint t = 0; t < n; t++)
    y[t] = pattern[t % m];
  sn = mlr_forecast_run (y, n, MLR_FORECAST_SNAIVE, &s, 11, NULL);
  for (guint h = 1; h <= 11; h++)
    {
      g_assert_cmpfloat (sn->mean[h - 1], ==, pattern[(n - 1 + h) % m]);
      g_assert_cmpfloat (sn->lo80[h - 1], ==, sn->mean[h - 1]);
    }
}

static void
test_walk_forward_refits (void)
{
  double y[40];
  MlrForecastSettings s = { 0.6, 0.3, 0.5, 4 };
  double walk[10];

  for (guint t = 0; t < 40; t++)
    y[t] = 20 + sin (t * 1.7) * 5 + t * 0.3 + (t % 4) * 2;
  for (int m = 0; m < MLR_FORECAST_N_METHODS; m++)
    {
      g_assert_true (mlr_forecast_one_step (y, 40, m, &s, 30, walk, NULL));
      for (guint t = 30; t < 40; t++)
        {
          g_autoptr(MlrForecast) fc = mlr_forecast_run (y, t, m, &s, 1, NULL);
          g_assert_cmpfloat_with_epsilon (walk[t - 30], fc->mean[0], 1e-9);
        }
    }
}

static void
test_hostile (void)
{
  const double y[] = { 4, 4, 4, 4, 4, 4 };
  const double one[] = { 7 };
  MlrForecastSettings s = defaults;
  MlrForecastAccuracy acc;
  double scale;
  GError *error = NULL;

  g_assert_null (mlr_forecast_run (y, 6, MLR_FORECAST_NAIVE, &s, 0, &error));
  g_assert_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 to 10000"));
  g_clear_error (&error);
  g_assert_null (mlr_forecast_run (y, 6, MLR_FORECAST_NAIVE, &s, 10001, &error));
  g_clear_error (&error);
  for (int m = 0; m < MLR_FORECAST_N_METHODS; m++)
    {
      s.season = 2;
      g_assert_null (mlr_forecast_run (one, 1, m, &s, 3, &error));
      g_assert_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_TOO_SHORT);
      g_assert_nonnull (strstr (error->message, "there is 1"));
      g_clear_error (&error);
    }
  s.alpha = NAN;
  g_assert_null (mlr_forecast_run (y, 6, MLR_FORECAST_SES, &s, 3, &error));
  g_assert_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "alpha"));
  g_clear_error (&error);
  s = defaults;
  s.season = 0;
  g_assert_null (mlr_forecast_run (y, 6, MLR_FORECAST_SNAIVE, &s, 3, &error));
  g_clear_error (&error);
  s = defaults;
  g_assert_null (mlr_forecast_run (y, 6, MLR_FORECAST_HW, &s, 3, &error));
  g_assert_nonnull (strstr (error->message, "season of at least 2"));
  g_clear_error (&error);
  /* a constant series: forecasts, zero-width intervals; no MASE */
  {
    g_autoptr(MlrForecast) fc = mlr_forecast_run (y, 6, MLR_FORECAST_HOLT, &s, 5, NULL);
    for (guint h = 0; h < 5; h++)
      g_assert_true (fc->mean[h] == 4 && fc->lo95[h] == 4 && fc->hi95[h] == 4);
  }
  g_assert_false (mlr_forecast_mase_scale (y, 6, 1, &scale, &error));
  g_assert_error (error, MLR_FORECAST_ERROR, MLR_FORECAST_ERROR_UNDEFINED);
  g_clear_error (&error);
  g_assert_false (mlr_forecast_evaluate (y, 6, 6, MLR_FORECAST_NAIVE, &s, FALSE, &acc, &error));
  g_assert_nonnull (strstr (error->message, "1 to 5"));
  g_clear_error (&error);
}

static MlrForecastState *
state_for (const char *first, ...)
{
  guint n;
  const MlrParamSpec *specs = mlr_forecast_state_param_specs (&n);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n);
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_assert_true (mlr_params_parse_assignment (params, a, NULL));
  va_end (ap);
  return mlr_forecast_state_new (params, NULL);
}

static void
count_metric (const char *name,
              GVariant   *value,
              gpointer    user_data)
{
  g_assert_true (isfinite (g_variant_get_double (value)));
  (*(int *) user_data)++;
  g_variant_unref (g_variant_ref_sink (value));
}

static void
test_state (void)
{
  g_autoptr(MlrForecastState) st = state_for ("series=stock", "method=drift", NULL);
  g_autoptr(MlrForecastState) hw1 = state_for ("series=trend", "method=holt-winters", NULL);
  g_autoptr(MlrForecastState) longseason = state_for ("season=60", "test=48",
                                                      "method=snaive", NULL);
  guint n, np;
  /* the specs first: a call and a read of np in one argument list are unordered */
  const MlrParamSpec *specs = mlr_forecast_state_param_specs (&np);
  g_autoptr(MlrParams) params = mlr_params_new (specs, np);
  const double bad[] = { 1, NAN, 3 };
  const double flat[] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
  GError *error = NULL;
  int count = 0;

  /* a series without a season brings its own */
  g_assert_cmpuint (mlr_forecast_state_get_settings (st)->season, ==, 1);
  mlr_forecast_state_get_series (st, &n);
  g_assert_cmpuint (n, ==, 150);
  mlr_forecast_state_collect_metrics (st, count_metric, &count);
  g_assert_cmpint (count, ==, 3);

  /* Holt–Winters with season 1: no metrics, a status that says why */
  g_assert_cmpint (mlr_forecast_state_get_score (hw1, MLR_FORECAST_HW)->status, ==,
                   MLR_FORECAST_NO_SEASON);
  g_assert_null (mlr_forecast_state_get_test_forecast (hw1));
  count = 0;
  mlr_forecast_state_collect_metrics (hw1, count_metric, &count);
  g_assert_cmpint (count, ==, 0);
  g_assert_true (mlr_forecast_state_param_relevant (hw1, "gamma"));
  g_assert_false (mlr_forecast_state_param_relevant (st, "gamma"));

  /* 48 training values and season 60: too short, and it says how many it needs */
  g_assert_cmpint (mlr_forecast_state_get_score (longseason, MLR_FORECAST_SNAIVE)->status, ==,
                   MLR_FORECAST_TOO_SHORT);
  g_assert_cmpuint (mlr_forecast_state_get_score (longseason, MLR_FORECAST_SNAIVE)->need, ==,
                    61);
  g_assert_cmpint (mlr_forecast_state_best_method (longseason), ==, -1);

  /* choosing a series brings its season back */
  g_assert_true (mlr_params_set (params, "series", "demand", NULL));
  g_assert_true (mlr_params_set (params, "season", "1", NULL));
  g_assert_true (mlr_forecast_state_apply_param (st, params, "series", NULL));
  g_assert_cmpuint (mlr_forecast_state_get_settings (st)->season, ==, 12);
  mlr_forecast_state_read_params (st, params);
  g_assert_cmpint (mlr_params_get_int (params, "season"), ==, 12);

  /* the learner's series: NaN and a single value refused; a flat one has no MASE */
  g_assert_false (mlr_forecast_state_set_series (st, bad, 3, "bad.csv", &error));
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_assert_false (mlr_forecast_state_set_series (st, bad, 1, "one.csv", &error));
  g_clear_error (&error);
  g_assert_true (mlr_forecast_state_set_series (st, flat, 20, "flat.csv", NULL));
  g_assert_cmpstr (mlr_forecast_state_get_own_name (st), ==, "flat.csv");
  g_assert_cmpint (mlr_forecast_state_get_score (st, MLR_FORECAST_NAIVE)->status, ==,
                   MLR_FORECAST_TOO_SHORT);  /* season 12 and 8 training values */
}

static void
test_picture (void)
{
  const char *cases[][3] = {
    { "series=demand", "method=holt-winters", "evaluation=window" },
    { "series=stock", "method=naive", "evaluation=rolling" },
    { "series=trend", "method=holt-winters", "horizon=48" },
    { "series=demand", "season=60", "test=48" },
  };
  const int widths[] = { 740, 480 };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
      for (int dark = 0; dark <= 1; dark++)
        {
          g_autoptr(MlrForecastState) s = state_for (cases[c][0], cases[c][1], cases[c][2],
                                                     NULL);
          MlrPalette palette;
          int w = widths[wi], h, orange = 0;
          cairo_surface_t *surface;
          cairo_t *cr;
          const guint8 *px;
          int stride;
          MlrColor want;

          mlr_palette_init_default (&palette, dark);
          want = palette.series[1];
          h = mlr_forecast_painter_preferred_height (w, &palette);
          g_assert_cmpint (h, >=, 380);
          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
          cr = cairo_create (surface);
          mlr_forecast_painter_draw (cr, w, h, &palette, s);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_flush (surface);
          px = cairo_image_surface_get_data (surface);
          stride = cairo_image_surface_get_stride (surface);
          /* the forecast's colour: the legend's line, the line and the chosen row's bar */
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              {
                const guint8 *p = px + y * stride + 4 * x;
                if (abs (p[2] - (int) lround (want.r * 255)) <= 2 &&
                    abs (p[1] - (int) lround (want.g * 255)) <= 2 &&
                    abs (p[0] - (int) lround (want.b * 255)) <= 2)
                  orange++;
              }
          g_test_message ("case %u width %d dark %d: %d", c, w, dark, orange);
          if (mlr_forecast_state_get_future_forecast (s, NULL, NULL) != NULL)
            g_assert_cmpint (orange, >, 300);
          else
            g_assert_cmpint (orange, <, 100);  /* the legend's line alone */
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/ml/forecast/naive-by-hand", test_naive_by_hand);
  g_test_add_func ("/ml/forecast/ses-alpha-one-is-naive", test_ses_alpha_one_is_naive);
  g_test_add_func ("/ml/forecast/holt-first-slope", test_holt_first_slope);
  g_test_add_func ("/ml/forecast/exact-season-and-trend", test_exact_season_and_trend);
  g_test_add_func ("/ml/forecast/walk-forward-refits", test_walk_forward_refits);
  g_test_add_func ("/ml/forecast/hostile", test_hostile);
  g_test_add_func ("/ml/forecast/state", test_state);
  g_test_add_func ("/painters/forecast/picture", test_picture);
  return g_test_run ();
}
