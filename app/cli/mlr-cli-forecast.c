/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli forecast --series S.csv|--builtin NAME --method NAME --horizon H
 *     [--season M] [--set alpha=A] [--set beta=B] [--set gamma=G] [--test N [--rolling]]
 *     [--seed S] [--print-series] [-o OUT]
 *
 * The forecast demo's methods on one series (see ml/mlr-forecast.h for the definitions):
 * CSV `step,forecast,lo80,hi80,lo95,hi95`, or with --test N the accuracy on the last N
 * values as JSON {"mae":..,"rmse":..,"mase":..}.
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <string.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-dtoa.h"
#include "ml/mlr-forecast.h"

#define COMMAND "forecast"

static void
append_number (GString *out,
               double   v)
{
  char buf[MLR_DTOA_BUF_SIZE];

  /* printf's %.17g, byte for byte, at a fraction of its cost */
  g_string_append_len (out, buf, (gssize) mlr_dtoa_g17 (buf, v + 0.0));
}

/* alpha=A, beta=B or gamma=G into @settings. */
static gboolean
parse_set (const char          *assignment,
           MlrForecastSettings *settings,
           int                 *exit_code)
{
  g_auto(GStrv) kv = g_strsplit (assignment, "=", 2);
  double *target = NULL;
  char *end = NULL;
  double v;

  if (g_strv_length (kv) == 2)
    {
      if (g_str_equal (kv[0], "alpha"))
        target = &settings->alpha;
      else if (g_str_equal (kv[0], "beta"))
        target = &settings->beta;
      else if (g_str_equal (kv[0], "gamma"))
        target = &settings->gamma;
    }
  if (target == NULL)
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "--set “%s”: expected alpha=A, beta=B or "
                                        "gamma=G", assignment);
      return FALSE;
    }
  v = g_ascii_strtod (kv[1], &end);
  if (*kv[1] == '\0' || *end != '\0' || !(v >= 0 && v <= 1))
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "--set %s=%s: %s must be a number from 0 "
                                        "to 1", kv[0], kv[1], kv[0]);
      return FALSE;
    }
  *target = v;
  return TRUE;
}

int
mlr_cli_forecast (int    argc,
                  char **argv)
{
  g_autofree char *series = NULL;
  g_autofree char *builtin = NULL;
  g_autofree char *method_id = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) sets = NULL;
  gint64 horizon = G_MININT64, season = 1, test = G_MININT64, seed = 1;
  gboolean rolling = FALSE, print_series = FALSE;
  GOptionEntry entries[] = {
    { "series", 0, 0, G_OPTION_ARG_FILENAME, &series,
      "The series: one numeric column, one value per line, a header line optional", "S.csv" },
    { "builtin", 0, 0, G_OPTION_ARG_STRING, &builtin,
      "A built-in series of the demo instead: demand, trend or stock (see --seed)", "NAME" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "The seed of a built-in series, 1 to 9999 (default 1)", "S" },
    { "print-series", 0, 0, G_OPTION_ARG_NONE, &print_series,
      "Print the series as one column and stop", NULL },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_id,
      "naive, snaive, drift, ses, holt or holt-winters", "NAME" },
    { "horizon", 0, 0, G_OPTION_ARG_INT64, &horizon,
      "Steps to forecast past the data, 1 to 10000", "H" },
    { "season", 0, 0, G_OPTION_ARG_INT64, &season,
      "The season's length m, 1 to 10000 (default 1: none); seasonal naive, Holt–Winters "
      "and MASE's scale use it", "M" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      "alpha=A (default 0.3), beta=B (0.1), gamma=G (0.2), each from 0 to 1", "KEY=VALUE" },
    { "test", 0, 0, G_OPTION_ARG_INT64, &test,
      "Hold out the last N values and print MAE, RMSE and MASE of their forecast as JSON",
      "N" },
    { "rolling", 0, 0, G_OPTION_ARG_NONE, &rolling,
      "With --test: one-step forecasts walking forward through the held-out values "
      "instead of one forecast of them all from the end of the training part", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write here (atomically) instead of to standard output", "OUT" },
    { NULL }
  };
  MlrForecastSettings settings = { .alpha = 0.3, .beta = 0.1, .gamma = 0.2, .season = 1 };
  MlrForecastMethod method;
  g_autoptr(GError) error = NULL;
  g_autofree double *y = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, NULL,
                              "Forecast a series with a method of Hyndman & Athanasopoulos' "
                              "FPP3: CSV step,forecast,lo80,hi80,lo95,hi95\n(80% and 95% "
                              "prediction intervals), or with --test N the accuracy on the "
                              "last N values as\nJSON {\"mae\":..,\"rmse\":..,\"mase\":..} "
                              "(MASE scaled by the training part's seasonal naive error).",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[1]);
  if ((series == NULL) == (builtin == NULL))
    return mlr_cli_usage_error (COMMAND, "give one of --series S.csv or --builtin NAME "
                                "(demand, trend, stock)");
  if (seed < 1 || seed > 9999)
    return mlr_cli_usage_error (COMMAND, "--seed %" G_GINT64_FORMAT ": it must be an integer "
                                "from 1 to 9999", seed);
  if (builtin != NULL)
    {
      guint m;
      y = mlr_forecast_series_new (builtin, (guint64) seed, &n, &m);
      if (y == NULL)
        return mlr_cli_usage_error (COMMAND, "--builtin “%s”: the built-in series are "
                                    "demand, trend and stock", builtin);
    }
  else
    {
      gsize len = 0;
      y = mlr_csv_load_column (series, &len, &error);
      if (y == NULL)
        return mlr_cli_data_error (COMMAND, "%s", error->message);
      n = (guint) len;
    }
  if (print_series)
    {
      for (guint i = 0; i < n; i++)
        {
          append_number (out, y[i]);
          g_string_append_c (out, '\n');
        }
      if (!mlr_cli_write_output (output, out->str, out->len, &error))
        return mlr_cli_data_error (COMMAND, "%s", error->message);
      return MLR_CLI_EXIT_OK;
    }

  if (method_id == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --method NAME (naive, snaive, drift, ses, "
                                "holt, holt-winters)");
  if (!mlr_forecast_method_from_id (method_id, &method))
    return mlr_cli_usage_error (COMMAND, "--method “%s”: it must be one of naive, snaive, "
                                "drift, ses, holt, holt-winters", method_id);
  if (season < 1 || season > MLR_FORECAST_MAX_SEASON)
    return mlr_cli_usage_error (COMMAND, "--season %" G_GINT64_FORMAT ": it must be an "
                                "integer from 1 to %d", season, MLR_FORECAST_MAX_SEASON);
  settings.season = (guint) season;
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    if (!parse_set (sets[i], &settings, &exit_code))
      return exit_code;
  if (method == MLR_FORECAST_HW && season < 2)
    return mlr_cli_usage_error (COMMAND, "--method holt-winters needs --season M with M of "
                                "at least 2");
  if (rolling && test == G_MININT64)
    return mlr_cli_usage_error (COMMAND, "--rolling needs --test N");

  if (test != G_MININT64)
    {
      MlrForecastAccuracy acc;

      if (horizon != G_MININT64)
        return mlr_cli_usage_error (COMMAND, "--horizon and --test: with --test N the "
                                    "forecast covers the N held-out values; give one of them");
      if (test < 1 || test >= n)
        return mlr_cli_usage_error (COMMAND, "--test %" G_GINT64_FORMAT ": it must be from 1 "
                                    "to %u, fewer than the series' %u values", test,
                                    n > 1 ? n - 1 : 1, n);
      if (test > MLR_FORECAST_MAX_HORIZON)
        return mlr_cli_usage_error (COMMAND, "--test %" G_GINT64_FORMAT ": it must be at "
                                    "most %d", test, MLR_FORECAST_MAX_HORIZON);
      if (!mlr_forecast_evaluate (y, n, (guint) test, method, &settings, rolling, &acc,
                                  &error))
        return mlr_cli_data_error (COMMAND, "%s: %s", series ? series : builtin,
                                   error->message);
      g_string_append (out, "{\"mae\":");
      append_number (out, acc.mae);
      g_string_append (out, ",\"rmse\":");
      append_number (out, acc.rmse);
      g_string_append (out, ",\"mase\":");
      append_number (out, acc.mase);
      g_string_append (out, "}\n");
    }
  else
    {
      g_autoptr(MlrForecast) fc = NULL;

      if (horizon == G_MININT64)
        return mlr_cli_usage_error (COMMAND, "missing --horizon H (or --test N)");
      if (horizon < 1 || horizon > MLR_FORECAST_MAX_HORIZON)
        return mlr_cli_usage_error (COMMAND, "--horizon %" G_GINT64_FORMAT ": it must be an "
                                    "integer from 1 to %d", horizon,
                                    MLR_FORECAST_MAX_HORIZON);
      fc = mlr_forecast_run (y, n, method, &settings, (guint) horizon, &error);
      if (fc == NULL)
        return mlr_cli_data_error (COMMAND, "%s: %s", series ? series : builtin,
                                   error->message);
      g_string_append (out, "step,forecast,lo80,hi80,lo95,hi95\n");
      for (guint h = 0; h < fc->horizon; h++)
        {
          g_string_append_printf (out, "%u,", h + 1);
          append_number (out, fc->mean[h]);
          g_string_append_c (out, ',');
          append_number (out, fc->lo80[h]);
          g_string_append_c (out, ',');
          append_number (out, fc->hi80[h]);
          g_string_append_c (out, ',');
          append_number (out, fc->lo95[h]);
          g_string_append_c (out, ',');
          append_number (out, fc->hi95[h]);
          g_string_append_c (out, '\n');
        }
    }
  if (!mlr_cli_write_output (output, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
