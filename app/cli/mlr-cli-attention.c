/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli attention --q Q.csv --k K.csv --v V.csv [--causal] [--temperature T]
 *
 * One head of scaled dot-product attention as the attention demo computes it:
 * weights = softmax(Q Kᵀ / (√d_k · T)) row by row (the stable softmax, masked entries exactly
 * 0), output = weights V. Prints {"weights": [[...]], "output": [[...]]} at full precision.
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <string.h>

#include "ml/mlr-attention.h"

#define COMMAND "attention"

static MlrAttentionMatrix *
load (const char  *path,
      GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = g_filename_display_name (path);
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  return mlr_attention_matrix_parse_csv (name, text, len, error);
}

int
mlr_cli_attention (int    argc,
                   char **argv)
{
  g_autofree char *q_path = NULL, *k_path = NULL, *v_path = NULL, *temp_text = NULL;
  gboolean causal = FALSE;
  GOptionEntry entries[] = {
    { "q", 0, 0, G_OPTION_ARG_FILENAME, &q_path,
      "The queries, one row per token (CSV, no header)", "Q.csv" },
    { "k", 0, 0, G_OPTION_ARG_FILENAME, &k_path,
      "The keys, one row per token, as wide as Q (CSV, no header)", "K.csv" },
    { "v", 0, 0, G_OPTION_ARG_FILENAME, &v_path,
      "The values, one row per key (CSV, no header)", "V.csv" },
    { "causal", 0, 0, G_OPTION_ARG_NONE, &causal,
      "Query i attends to keys 0..i only; the other weights are exactly 0", NULL },
    { "temperature", 0, 0, G_OPTION_ARG_STRING, &temp_text,
      "Divide the scores by this too: a finite number greater than 0 (default 1)", "T" },
    { NULL }
  };
  g_autoptr(MlrAttentionMatrix) q = NULL;
  g_autoptr(MlrAttentionMatrix) k = NULL;
  g_autoptr(MlrAttentionMatrix) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *weights = NULL;
  g_autofree double *output = NULL;
  g_autofree char *json = NULL;
  double temperature = 1;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, NULL,
                              "Scaled dot-product attention, one head:\n"
                              "weights = softmax(Q K^T / (sqrt(d_k) * T)) row by row, "
                              "output = weights V.\nEvery CSV a numeric matrix, no header, "
                              "at most 2048 rows and 1024 columns;\nprints "
                              "{\"weights\": [[...]], \"output\": [[...]]} (%.17g).",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[1]);
  if (q_path == NULL || k_path == NULL || v_path == NULL)
    return mlr_cli_usage_error (COMMAND, "missing %s: --q Q.csv, --k K.csv and --v V.csv are "
                                "all needed",
                                q_path == NULL ? "--q" : k_path == NULL ? "--k" : "--v");
  if (temp_text != NULL)
    {
      char *end = NULL;

      temperature = g_ascii_strtod (g_strstrip (temp_text), &end);
      if (*temp_text == '\0' || end == temp_text || *end != '\0' || !isfinite (temperature) ||
          temperature <= 0)
        return mlr_cli_usage_error (COMMAND, "--temperature “%s”: it must be a finite number "
                                    "greater than 0", temp_text);
    }

  if ((q = load (q_path, &error)) == NULL || (k = load (k_path, &error)) == NULL ||
      (v = load (v_path, &error)) == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  if (q->cols != k->cols)
    return mlr_cli_data_error (COMMAND, "%s has %u columns but %s has %u: queries and keys "
                               "need the same width d_k", k_path, k->cols, q_path, q->cols);
  if (v->rows != k->rows)
    return mlr_cli_data_error (COMMAND, "%s has %u rows but %s has %u: each key needs its "
                               "value", v_path, v->rows, k_path, k->rows);
  if (!mlr_attention_check (q->rows, q->cols, k->rows, k->cols, v->rows, v->cols,
                            temperature, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  weights = g_new (double, (gsize) q->rows * k->rows);
  output = g_new (double, (gsize) q->rows * v->cols);
  mlr_attention_compute (q->values, k->values, v->values, q->rows, k->rows, k->cols, v->cols,
                         causal, temperature, weights, output);
  json = mlr_attention_format_json (weights, output, q->rows, k->rows, v->cols);
  if (!mlr_cli_write_output (NULL, json, strlen (json), &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
