/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli fit MODEL --train TRAIN.csv --predict POINTS.csv [--set KEY=VALUE]...
 *                          [-o OUT.csv]
 *
 * Prints `label,p0,p1,...` for each point of POINTS.csv, in input order; the training
 * accuracy and any notes go to standard error.
 *
 * MODEL poly is the one regression model: a polynomial of `degree` in x fitted with the ridge
 * penalty `alpha` (scikit-learn's PolynomialFeatures(degree, include_bias=False) + Ridge(alpha),
 * LinearRegression at alpha = 0) to TRAIN.csv's columns x,y; it prints the header `y` and one
 * prediction per x of POINTS.csv, and the training RMSE and R² to standard error.
 */
#include "mlr-cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ml/mlr-classifier.h"
#include "ml/mlr-csv.h"
#include "ml/mlr-regression.h"

#define COMMAND "fit"
#define POLY "poly"
#define TEXT_NB "text-nb"

/* The regression model's keys. Defaults: PolynomialFeatures' degree and plain least squares
 * (Ridge's own default alpha is 1.0; set it to compare). */
static const MlrParamSpec poly_specs[] = {
  { .key = "degree", .type = MLR_PARAM_INT, .default_value = "2", .min = 0,
    .max = MLR_POLY_MAX_DEGREE,
    .help = "degree of the polynomial in x (the powers x, x², …, x^degree and an intercept)" },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = 0,
    .max = MLR_POLY_MAX_ALPHA,
    .help = "ridge penalty on the squared coefficients of x, x², … (not the intercept); "
            "0 is ordinary least squares" },
};

static char *
build_summary (void)
{
  GString *s = g_string_new ("Fit a classifier to TRAIN.csv (x1,x2,label with labels 0..K-1) "
                             "and predict the\npoints of POINTS.csv (x1,x2). The output has "
                             "the header label,p0,p1,... and one\nrow per point, in order; "
                             "the training accuracy goes to standard error.\n\n"
                             "With MODEL poly, fit a polynomial regression to TRAIN.csv (x,y) "
                             "and predict y for\neach x of POINTS.csv (x; a y column is "
                             "ignored): the header y and one prediction\nper row. It is "
                             "scikit-learn's PolynomialFeatures(degree, include_bias=False) +\n"
                             "Ridge(alpha), or LinearRegression at alpha=0; the training RMSE "
                             "and R² go to\nstandard error.\n\n"
                             "MODEL and the keys --set takes:\n");

  g_string_insert (s, s->len - strlen ("MODEL and the keys --set takes:\n"),
                   mlr_cli_fit_text_summary ());

  for (guint k = 0; k < MLR_N_MODELS; k++)
    {
      g_autofree char *keys = mlr_model_describe_keys (k);
      g_string_append_printf (s, "  %-7s %s\n", mlr_model_kind_to_string (k), keys);
    }
  g_string_append_printf (s, "  %-7s degree, alpha\n", POLY);
  g_string_append_printf (s, "  %-7s alpha, ngrams\n", TEXT_NB);
  g_string_append (s, "\nKeys (defaults as scikit-learn):\n");
  {
    guint n_specs;
    const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
    for (guint i = 0; i < n_specs; i++)
      {
        g_autofree char *accepted = mlr_param_spec_describe (&specs[i]);
        g_string_append_printf (s, "  %s (%s; default %s): %s\n", specs[i].key, accepted,
                                specs[i].default_value ? specs[i].default_value : "per model",
                                specs[i].help);
      }
    for (guint i = 0; i < G_N_ELEMENTS (poly_specs); i++)
      {
        g_autofree char *accepted = mlr_param_spec_describe (&poly_specs[i]);
        g_string_append_printf (s, "  %s (poly; %s; default %s): %s\n", poly_specs[i].key,
                                accepted, poly_specs[i].default_value, poly_specs[i].help);
      }
  }
  g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* Applies each KEY=VALUE, checking that the model takes KEY. */
static gboolean
apply_settings (MlrModelKind   kind,
                MlrParams     *params,
                char         **settings,
                int           *exit_code)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *eq = strchr (settings[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == settings[i])
        {
          g_autofree char *valid = mlr_model_describe_keys (kind);
          *exit_code = mlr_cli_usage_error (COMMAND, "--set “%s”: expected KEY=VALUE (keys of "
                                            "%s: %s)", settings[i],
                                            mlr_model_kind_to_string (kind), valid);
          return FALSE;
        }
      key = g_strstrip (g_strndup (settings[i], eq - settings[i]));
      if (!mlr_model_accepts_key (kind, key))
        {
          g_autofree char *valid = mlr_model_describe_keys (kind);
          *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: “%s” is not a parameter of %s "
                                            "(valid keys: %s)", settings[i], key,
                                            mlr_model_kind_to_string (kind), valid);
          return FALSE;
        }
      if (!mlr_params_set (params, key, eq + 1, &error))
        {
          const MlrParamSpec *spec = mlr_param_spec_lookup (specs, n_specs, key);
          g_autofree char *accepted = mlr_param_spec_describe (spec);
          if (strstr (error->message, "allowed") != NULL || strstr (error->message, "one of"))
            *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: %s", settings[i],
                                              error->message);
          else
            *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: %s (expected %s)", settings[i],
                                              error->message, accepted);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
format_predictions (const double *proba,
                    guint         n_points,
                    guint         n_classes,
                    gsize        *len)
{
  GString *out = g_string_sized_new (16 + (gsize) n_points * (4 + 10 * n_classes));
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "label");
  for (guint c = 0; c < n_classes; c++)
    g_string_append_printf (out, ",p%u", c);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n_points; i++)
    {
      const double *p = proba + (gsize) i * n_classes;
      guint best = 0;

      for (guint c = 1; c < n_classes; c++)
        if (p[c] > p[best])
          best = c;
      g_string_append_printf (out, "%u", best);
      for (guint c = 0; c < n_classes; c++)
        {
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6f", p[c]));
        }
      g_string_append_c (out, '\n');
    }
  *len = out->len;
  return g_string_free (out, FALSE);
}

/* --set for poly: KEY=VALUE with KEY degree or alpha. */
static gboolean
apply_poly_settings (MlrParams  *params,
                     char      **settings,
                     int        *exit_code)
{
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *eq = strchr (settings[i], '=');
      g_autofree char *key = NULL;
      const MlrParamSpec *spec;

      if (eq == NULL || eq == settings[i])
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--set “%s”: expected KEY=VALUE (keys of "
                                            "poly: degree, alpha)", settings[i]);
          return FALSE;
        }
      key = g_strstrip (g_strndup (settings[i], eq - settings[i]));
      spec = mlr_param_spec_lookup (poly_specs, G_N_ELEMENTS (poly_specs), key);
      if (spec == NULL)
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: “%s” is not a parameter of "
                                            "poly (valid keys: degree, alpha)", settings[i],
                                            key);
          return FALSE;
        }
      if (!mlr_params_set (params, key, eq + 1, &error))
        {
          g_autofree char *accepted = mlr_param_spec_describe (spec);
          if (strstr (error->message, "allowed") != NULL)
            *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: %s", settings[i],
                                              error->message);
          else
            *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: %s (expected %s)",
                                              settings[i], error->message, accepted);
          return FALSE;
        }
    }
  return TRUE;
}

/* fit poly: TRAIN.csv x,y -> predictions of y at POINTS.csv's x. */
static int
fit_poly (const char  *train_path,
          const char  *predict_path,
          char       **settings,
          const char  *output)
{
  g_autoptr(MlrParams) params = mlr_params_new (poly_specs, G_N_ELEMENTS (poly_specs));
  g_autoptr(MlrXYData) train = NULL;
  g_autoptr(MlrXYData) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  MlrPolyFit fit;
  guint degree;
  double alpha;
  int exit_code;

  if (!apply_poly_settings (params, settings, &exit_code))
    return exit_code;
  degree = (guint) mlr_params_get_int (params, "degree");
  alpha = mlr_params_get_double (params, "alpha");

  train = mlr_csv_load_xy (train_path, MLR_CSV_XY, &error);
  if (train == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  points = mlr_csv_load_xy (predict_path, MLR_CSV_X, &error);
  if (points == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  if (!mlr_poly_ridge_fit (train->x, train->y, train->n_points, degree, alpha, &fit, &error))
    return mlr_cli_data_error (COMMAND, "%s: %s%s", train_path, error->message,
                               alpha == 0 && degree > 0 &&
                               g_error_matches (error, MLR_REGRESSION_ERROR,
                                                MLR_REGRESSION_ERROR_TOO_FEW)
                               ? " (with alpha=0 there is no unique least-squares fit; lower "
                                 "the degree or set alpha > 0)" : "");
  if (!isfinite (fit.rmse))
    return mlr_cli_data_error (COMMAND, "%s: the fit overflows on the training points (x range "
                               "[%g, %g]); rescale x", train_path, fit.center - fit.scale,
                               fit.center + fit.scale);
  fprintf (stderr, "ml-roadmap-cli %s: %s: degree %u, alpha %g: training RMSE %.6g, R² %.6g "
           "(%u points)\n", COMMAND, POLY, degree, alpha, fit.rmse, fit.r2, train->n_points);

  out = g_string_sized_new (4 + (gsize) points->n_points * 24);
  g_string_append (out, "y\n");
  for (guint i = 0; i < points->n_points; i++)
    {
      double y = mlr_poly_fit_predict (&fit, points->x[i]);

      /* a high degree far outside the training range can overflow */
      if (!isfinite (y) || fabs (y) > 1e300)
        return mlr_cli_data_error (COMMAND, "%s: the prediction at point %u (x = %g) overflows: "
                                   "x is far outside the training data's range [%g, %g]",
                                   predict_path, i + 1, points->x[i],
                                   fit.center - fit.scale, fit.center + fit.scale);
      mlr_csv_append_number (out, y);
      g_string_append_c (out, '\n');
    }
  if (!mlr_cli_write_output (output, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}

int
mlr_cli_fit (int    argc,
             char **argv)
{
  g_autofree char *train_path = NULL;
  g_autofree char *predict_path = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) settings = NULL;
  GOptionEntry entries[] = {
    { "train", 0, 0, G_OPTION_ARG_FILENAME, &train_path,
      "Training points: CSV with the columns x1,x2,label (poly: x,y)", "TRAIN.csv" },
    { "predict", 0, 0, G_OPTION_ARG_FILENAME, &predict_path,
      "Points to predict: CSV with the columns x1,x2 (poly: x; others are ignored)",
      "POINTS.csv" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Set a hyper-parameter of the model (repeatable)", "KEY=VALUE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the predictions here (atomically) instead of to standard output", "OUT.csv" },
    { NULL }
  };
  g_autofree char *summary = build_summary ();
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(MlrClassifier) classifier = NULL;
  g_autoptr(MlrDataset) train = NULL;
  g_autoptr(MlrDataset) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *proba = NULL;
  g_autofree char *text = NULL;
  const MlrParamSpec *specs;
  MlrModelKind kind;
  guint n_specs, K;
  gsize len;
  double accuracy;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "MODEL", summary, entries, &argc, &argv, &exit_code))
    return exit_code;

  if (argc < 2)
    return mlr_cli_usage_error (COMMAND, "missing the MODEL (one of %s, %s, %s)",
                                mlr_model_kind_names (), POLY, TEXT_NB);
  if (argc > 2)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[2]);
  if (!g_str_equal (argv[1], POLY) && !g_str_equal (argv[1], TEXT_NB) &&
      !mlr_model_kind_from_string (argv[1], &kind))
    return mlr_cli_usage_error (COMMAND, "unknown model “%s” (one of %s, %s, %s)", argv[1],
                                mlr_model_kind_names (), POLY, TEXT_NB);
  if (train_path == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --train TRAIN.csv");
  if (predict_path == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --predict POINTS.csv");
  if (g_str_equal (argv[1], POLY))
    return fit_poly (train_path, predict_path, settings, output);
  if (g_str_equal (argv[1], TEXT_NB))
    return mlr_cli_fit_text_nb (train_path, predict_path, settings, output);

  specs = mlr_model_param_specs (&n_specs);
  params = mlr_params_new (specs, n_specs);
  if (!apply_settings (kind, params, settings, &exit_code))
    return exit_code;
  classifier = mlr_classifier_new (kind, params, &error);
  if (classifier == NULL)
    return mlr_cli_usage_error (COMMAND, "%s", error->message);

  train = mlr_csv_load (train_path, MLR_CSV_LABELED, &error);
  if (train == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  points = mlr_csv_load (predict_path, MLR_CSV_POINTS, &error);
  if (points == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  if (!mlr_classifier_fit (classifier, train, &error))
    return mlr_cli_data_error (COMMAND, "%s: %s", train_path, error->message);
  if (*mlr_classifier_get_notes (classifier) != '\0')
    {
      g_auto(GStrv) notes = g_strsplit (mlr_classifier_get_notes (classifier), "\n", -1);
      for (guint i = 0; notes[i] != NULL; i++)
        fprintf (stderr, "ml-roadmap-cli %s: note: %s\n", COMMAND, notes[i]);
    }
  accuracy = mlr_classifier_accuracy (classifier, train);
  fprintf (stderr, "ml-roadmap-cli %s: %s: training accuracy %.4f (%u of %u points)\n", COMMAND,
           mlr_model_kind_to_string (kind), accuracy,
           (guint) (accuracy * train->n_points + 0.5), train->n_points);

  K = mlr_classifier_get_n_classes (classifier);
  proba = g_new (double, (gsize) points->n_points * K);
  mlr_classifier_predict_proba (classifier, points->x, points->n_points, proba);
  text = format_predictions (proba, points->n_points, K, &len);
  if (!mlr_cli_write_output (output, text, len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
