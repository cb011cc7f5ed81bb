/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli dataset NAME [--n N] [--noise X] [--seed S] [--classes K] [-o OUT.csv]
 */
#include "mlr-cli.h"

#include <string.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-dataset.h"

#define COMMAND "dataset"

int
mlr_cli_dataset (int    argc,
                 char **argv)
{
  g_autofree char *n = NULL;
  g_autofree char *noise = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *classes = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "n", 0, 0, G_OPTION_ARG_STRING, &n, "Number of points (default 200)", "N" },
    { "noise", 0, 0, G_OPTION_ARG_STRING, &noise,
      "Standard deviation of the noise added to each coordinate (default 0.2)", "X" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Random seed (default 0)", "S" },
    { "classes", 0, 0, G_OPTION_ARG_STRING, &classes,
      "Number of classes, gaussian and spiral only (default 3)", "K" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the CSV here (atomically) instead of to standard output", "OUT.csv" },
    { NULL }
  };
  const struct { const char *key; char **value; } options[] = {
    { "n", &n }, { "noise", &noise }, { "seed", &seed }, { "classes", &classes },
  };
  g_autofree char *summary = g_strdup_printf (
    "Generate a 2-D dataset as CSV with the header x1,x2,label.\n\n"
    "NAME is one of: %s.\n"
    "linear is two separable clusters; gaussian has K round blobs; spiral has K arms.",
    mlr_dataset_kind_names ());
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(MlrDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MlrDatasetKind kind;
  const MlrParamSpec *specs;
  guint n_specs;
  gsize len;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "NAME", summary, entries, &argc, &argv, &exit_code))
    return exit_code;

  if (argc < 2)
    return mlr_cli_usage_error (COMMAND, "missing the dataset NAME (one of %s)",
                                mlr_dataset_kind_names ());
  if (argc > 2)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[2]);
  if (!mlr_dataset_kind_from_string (argv[1], &kind))
    return mlr_cli_usage_error (COMMAND, "unknown dataset “%s” (one of %s)", argv[1],
                                mlr_dataset_kind_names ());

  specs = mlr_dataset_param_specs (&n_specs);
  params = mlr_params_new (specs, n_specs);
  mlr_params_set (params, "dataset", mlr_dataset_kind_to_string (kind), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (*options[i].value != NULL && !mlr_params_set (params, options[i].key, *options[i].value,
                                                      &error))
      {
        const MlrParamSpec *spec = mlr_param_spec_lookup (specs, n_specs, options[i].key);
        g_autofree char *accepted = mlr_param_spec_describe (spec);
        if (strstr (error->message, "allowed") != NULL)
          return mlr_cli_usage_error (COMMAND, "--%s", error->message);
        return mlr_cli_usage_error (COMMAND, "--%s (expected %s)", error->message, accepted);
      }

  dataset = mlr_dataset_generate_from_params (params, &error);
  if (dataset == NULL)
    return mlr_cli_usage_error (COMMAND, "--%s", error->message);

  text = mlr_csv_format (dataset, &len);
  if (!mlr_cli_write_output (output, text, len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
