/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli evaluate --scores S.csv [--threshold T] [--bins B] [--calibrate]
 *
 * How good a binary classifier's scores are. S.csv has a header naming the columns `label`
 * (0 or 1) and `score` (a probability from 0 to 1), in any order among others, which are
 * ignored; both classes must be present. Prints one JSON object with %.17g numbers:
 *
 *   { "n": …, "positives": …, "auc": …, "average_precision": …, "brier": …, "log_loss": …,
 *     "ece": …, "bins": B,
 *     "at_threshold": { "threshold": T, "precision": …, "recall": …, "f1": …, "fpr": …,
 *                       "tp": …, "fp": …, "tn": …, "fn": … } }
 *
 * With --calibrate the scores are first replaced by Platt scaling's σ(a·s + b) fitted to
 * these labels, every number is about the recalibrated scores, and "platt": {"a", "b",
 * "iterations"} is added. The definitions are scikit-learn's (ml/mlr-evaluate.h): a case is
 * positive at T when its score is >= T; log loss clips as scikit-learn 1.2 does; ECE uses
 * calibration_curve's equal-width bins; a 0/0 precision or F1 is 0.
 *
 * Exit codes: 1 for data the file cannot give (FILE:LINE: what is wrong, or FILE: for one
 * class only), 2 for a bad option (its valid range named).
 */
#include "config.h"

#include "mlr-cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-evaluate.h"

#define COMMAND "evaluate"
#define MAX_ROWS 1000000

static const MlrCsvColumn columns[] = {
  { "label", 0, 1, TRUE, "0 or 1" },
  { "score", 0, 1, FALSE, "a score from 0 to 1" },
};

static void
num (GString    *s,
     const char *key,
     double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "\"%s\": %s", key, g_ascii_formatd (buf, sizeof buf, "%.17g",
                                                                  v + 0.0));
}

static char *
format_json (const MlrScores *scores,
             double           threshold,
             guint            bins,
             const MlrPlatt  *platt)
{
  GString *s = g_string_new ("{");
  MlrConfusion cm;

  mlr_scores_confusion (scores, threshold, &cm);
  g_string_append_printf (s, "\"n\": %u, \"positives\": %u, ", mlr_scores_get_n (scores),
                          mlr_scores_get_n_positive (scores));
  num (s, "auc", mlr_scores_auc (scores));
  g_string_append (s, ", ");
  num (s, "average_precision", mlr_scores_average_precision (scores));
  g_string_append (s, ", ");
  num (s, "brier", mlr_scores_brier (scores));
  g_string_append (s, ", ");
  num (s, "log_loss", mlr_scores_log_loss (scores));
  g_string_append (s, ", ");
  num (s, "ece", mlr_scores_ece (scores, bins));
  g_string_append_printf (s, ", \"bins\": %u, \"at_threshold\": {", bins);
  num (s, "threshold", threshold);
  g_string_append (s, ", ");
  num (s, "precision", mlr_confusion_precision (&cm));
  g_string_append (s, ", ");
  num (s, "recall", mlr_confusion_recall (&cm));
  g_string_append (s, ", ");
  num (s, "f1", mlr_confusion_f1 (&cm));
  g_string_append (s, ", ");
  num (s, "fpr", mlr_confusion_fpr (&cm));
  g_string_append_printf (s, ", \"tp\": %u, \"fp\": %u, \"tn\": %u, \"fn\": %u}", cm.tp, cm.fp,
                          cm.tn, cm.fn);
  if (platt != NULL)
    {
      g_string_append (s, ", \"platt\": {");
      num (s, "a", platt->a);
      g_string_append (s, ", ");
      num (s, "b", platt->b);
      g_string_append_printf (s, ", \"iterations\": %u}", platt->iterations);
    }
  g_string_append (s, "}\n");
  return g_string_free (s, FALSE);
}

static gboolean
parse_threshold (const char *text,
                 double     *out)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno != 0 || !isfinite (v) || v < 0 || v > 1)
    return FALSE;
  *out = v + 0.0;
  return TRUE;
}

int
mlr_cli_evaluate (int    argc,
                  char **argv)
{
  g_autofree char *scores_path = NULL;
  g_autofree char *threshold_text = NULL;
  gboolean calibrate = FALSE;
  int bins = 10;
  GOptionEntry entries[] = {
    { "scores", 0, 0, G_OPTION_ARG_FILENAME, &scores_path,
      "CSV with the columns label (0 or 1) and score (0 to 1)", "S.csv" },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold_text,
      "Call a case positive when its score is >= T (0 to 1; default 0.5)", "T" },
    { "bins", 0, 0, G_OPTION_ARG_INT, &bins,
      "Equal-width bins of the expected calibration error (1 to 1000; default 10)", "B" },
    { "calibrate", 0, 0, G_OPTION_ARG_NONE, &calibrate,
      "Evaluate the scores recalibrated by Platt scaling fitted to these labels", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrScores) raw = NULL;
  g_autoptr(MlrScores) calibrated = NULL;
  g_autofree double *values = NULL;
  g_autofree double *score = NULL;
  g_autofree guint8 *label = NULL;
  g_autofree char *json = NULL;
  MlrPlatt platt;
  double threshold = 0.5;
  guint n = 0;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "", "Evaluate a binary classifier's scores: ROC AUC, "
                              "average precision, Brier score,\nlog loss, expected calibration "
                              "error, and the confusion matrix at a threshold,\nas scikit-learn "
                              "defines them. Prints JSON.", entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[1]);
  if (scores_path == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --scores S.csv (columns label,score)");
  if (threshold_text != NULL && !parse_threshold (threshold_text, &threshold))
    return mlr_cli_usage_error (COMMAND, "--threshold “%s”: expected a number from 0 to 1",
                                threshold_text);
  if (bins < 1 || bins > MLR_ECE_MAX_BINS)
    return mlr_cli_usage_error (COMMAND, "--bins %d: expected a whole number from 1 to %d",
                                bins, MLR_ECE_MAX_BINS);

  values = mlr_csv_load_columns (scores_path, columns, G_N_ELEMENTS (columns), MAX_ROWS, &n,
                                 &error);
  if (values == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  score = g_new (double, n);
  label = g_new (guint8, n);
  for (guint i = 0; i < n; i++)
    {
      label[i] = (guint8) values[2 * i];
      score[i] = values[2 * i + 1];
    }
  g_clear_pointer (&values, g_free);

  raw = mlr_scores_new (score, label, n, &error);
  if (raw == NULL)
    return mlr_cli_data_error (COMMAND, "%s: %s", scores_path, error->message);
  if (calibrate)
    {
      mlr_scores_fit_platt (raw, &platt);
      calibrated = mlr_scores_new_calibrated (raw, &platt);
    }
  json = format_json (calibrate ? calibrated : raw, threshold, (guint) bins,
                      calibrate ? &platt : NULL);
  if (!mlr_cli_write_output (NULL, json, strlen (json), &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
