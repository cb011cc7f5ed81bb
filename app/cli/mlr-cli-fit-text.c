/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli fit text-nb --train TRAIN.csv --predict TEXTS.csv [--set alpha=A]
 *                            [--set ngrams=1|2] [-o OUT.csv]
 *
 * Multinomial naive Bayes on word counts (ml/mlr-text-nb.h): scikit-learn's
 * CountVectorizer(ngram_range=(1, ngrams)) + MultinomialNB(alpha) on ASCII text. TRAIN.csv
 * has the columns text,label (labels 0 to K − 1, each used, K ≥ 2); TEXTS.csv the column text
 * (a label column is ignored). Both are CSV per RFC 4180, so a text may hold commas, quotes
 * and line breaks inside double quotes. Prints `label,p0,p1,...` per text, in order, with the
 * probabilities to 17 significant digits; the training accuracy and vocabulary go to standard
 * error.
 */
#include "mlr-cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ml/mlr-dtoa.h"
#include "ml/mlr-params.h"
#include "ml/mlr-text-nb.h"

#define COMMAND "fit"
#define MODEL "text-nb"

static const MlrParamSpec text_specs[] = {
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "1",
    .min = MLR_TEXT_MIN_ALPHA, .max = MLR_TEXT_MAX_ALPHA,
    .help = "additive (Laplace/Lidstone) smoothing of the word counts" },
  { .key = "ngrams", .type = MLR_PARAM_INT, .default_value = "1", .min = 1, .max = 2,
    .help = "1: words; 2: words and pairs of consecutive words (ngram_range=(1, 2))" },
};

/* The line of `fit --help` that lists text-nb's keys. */
const char *
mlr_cli_fit_text_summary (void)
{
  return "With MODEL text-nb, fit multinomial naive Bayes to the texts of TRAIN.csv (columns\n"
         "text,label; CSV quoting per RFC 4180) and predict the texts of POINTS.csv (column\n"
         "text): scikit-learn's CountVectorizer (lowercase, tokens of 2+ letters or digits)\n"
         "+ MultinomialNB(alpha); keys alpha (1e-06 to 1000, default 1) and ngrams (1 or 2,\n"
         "default 1). Probabilities are printed to 17 significant digits.\n\n";
}

static gboolean
apply_settings (MlrParams  *params,
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
                                            MODEL ": alpha, ngrams)", settings[i]);
          return FALSE;
        }
      key = g_strstrip (g_strndup (settings[i], eq - settings[i]));
      spec = mlr_param_spec_lookup (text_specs, G_N_ELEMENTS (text_specs), key);
      if (spec == NULL)
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: “%s” is not a parameter of "
                                            MODEL " (valid keys: alpha, ngrams)", settings[i],
                                            key);
          return FALSE;
        }
      if (!mlr_params_set (params, key, eq + 1, &error))
        {
          g_autofree char *accepted = mlr_param_spec_describe (spec);
          *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: %s (expected %s)", settings[i],
                                            error->message, accepted);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mlr_cli_fit_text_nb:
 * `fit text-nb`: see the top of this file.
 */
int
mlr_cli_fit_text_nb (const char  *train_path,
                     const char  *predict_path,
                     char       **settings,
                     const char  *output)
{
  g_autoptr(MlrParams) params = mlr_params_new (text_specs, G_N_ELEMENTS (text_specs));
  g_autoptr(MlrTextData) train = NULL;
  g_autoptr(MlrTextData) texts = NULL;
  g_autoptr(MlrTextNB) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  char buf[MLR_DTOA_BUF_SIZE];
  double proba[MLR_TEXT_MAX_CLASSES];
  guint K, right = 0;
  int exit_code;

  if (!apply_settings (params, settings, &exit_code))
    return exit_code;

  train = mlr_text_data_load (train_path, TRUE, &error);
  if (train == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  texts = mlr_text_data_load (predict_path, FALSE, &error);
  if (texts == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  model = mlr_text_nb_fit ((const char * const *) train->texts, train->labels, train->n_rows,
                           mlr_params_get_double (params, "alpha"),
                           (guint) mlr_params_get_int (params, "ngrams"), &error);
  if (model == NULL)
    return mlr_cli_data_error (COMMAND, "%s: %s", train_path, error->message);
  K = mlr_text_nb_get_n_classes (model);
  for (guint i = 0; i < train->n_rows; i++)
    right += mlr_text_nb_predict (model, train->texts[i]) == (guint) train->labels[i];
  fprintf (stderr, "ml-roadmap-cli %s: %s: training accuracy %.4f (%u of %u texts), "
           "vocabulary %u\n", COMMAND, MODEL, (double) right / train->n_rows, right,
           train->n_rows, mlr_text_nb_get_n_features (model));

  out = g_string_sized_new (16 + (gsize) texts->n_rows * (4 + 24 * K));
  g_string_append (out, "label");
  for (guint c = 0; c < K; c++)
    g_string_append_printf (out, ",p%u", c);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < texts->n_rows; i++)
    {
      guint best = 0;

      mlr_text_nb_predict_proba (model, texts->texts[i], proba);
      for (guint c = 1; c < K; c++)
        if (proba[c] > proba[best])
          best = c;
      g_string_append_printf (out, "%u", best);
      for (guint c = 0; c < K; c++)
        {
          /* the model's probabilities are finite by construction; say so if not */
          if (!isfinite (proba[c]))
            return mlr_cli_data_error (COMMAND, "%s:%u: the probabilities of this text are "
                                       "not finite", predict_path, texts->lines[i]);
          g_string_append_c (out, ',');
          /* printf's %.17g, byte for byte, at a fraction of its cost */
          g_string_append_len (out, buf, (gssize) mlr_dtoa_g17 (buf, proba[c]));
        }
      g_string_append_c (out, '\n');
    }
  if (!mlr_cli_write_output (output, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
