/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: KEY=VALUE parameters, the one parser behind lesson <demo> attributes and
 * every `ml-roadmap-cli ... --set KEY=VALUE`. Each line of the input is an assignment for the
 * parameter table the first byte chooses (a demo's, the models', the optimizers', the
 * dataset generator's); whatever is accepted is read back with every typed getter and handed
 * to the code that consumes it (a classifier and an optimizer are configured, not fitted).
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "ml/mlr-classifier.h"
#include "ml/mlr-dataset.h"
#include "ml/mlr-optimizer.h"
#include "ml/mlr-params.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

enum { TABLE_MODELS, TABLE_DESCEND, TABLE_DESCEND_CLI, TABLE_DATASET, N_FIXED_TABLES };

static const MlrParamSpec *
table (guint8  which,
       guint  *n_specs,
       int    *kind)
{
  guint n_demos;
  const MlrDemoSpec *demos = mlr_demo_specs (&n_demos);
  guint i = which % (N_FIXED_TABLES + n_demos);

  *kind = (int) i;
  switch (i)
    {
    case TABLE_MODELS:
      return mlr_model_param_specs (n_specs);
    case TABLE_DESCEND:
      return mlr_descend_param_specs (n_specs);
    case TABLE_DESCEND_CLI:
      return mlr_descend_cli_param_specs (n_specs);
    case TABLE_DATASET:
      return mlr_dataset_param_specs (n_specs);
    default:
      *n_specs = demos[i - N_FIXED_TABLES].n_params;
      return demos[i - N_FIXED_TABLES].params;
    }
}

/* Everything a consumer may ask of an accepted value. */
static void
read_back (MlrParams          *params,
           const MlrParamSpec *specs,
           guint               n_specs)
{
  for (guint i = 0; i < n_specs; i++)
    {
      const char *key = specs[i].key;
      double values[8];
      g_autofree char *described = mlr_param_spec_describe (&specs[i]);
      guint n = mlr_params_get_doubles (params, key, values, G_N_ELEMENTS (values));

      g_assert_nonnull (described);
      (void) mlr_params_get_string (params, key);
      (void) mlr_params_is_special (params, key);
      (void) mlr_params_get_int (params, key);
      (void) mlr_params_get_bool (params, key);
      g_assert_true (isfinite (mlr_params_get_double (params, key)));
      for (guint k = 0; k < n; k++)
        g_assert_true (isfinite (values[k]));
      if (specs[i].choices != NULL && specs[i].choices[0] != NULL)
        (void) mlr_params_list_contains (params, key, specs[i].choices[0]);
      /* An accepted number is within its declared range. */
      if (mlr_params_has (params, key) && !mlr_params_is_special (params, key) &&
          (specs[i].type == MLR_PARAM_NUMBER || specs[i].type == MLR_PARAM_INT))
        {
          double v = specs[i].type == MLR_PARAM_INT ? (double) mlr_params_get_int (params, key)
                                                    : mlr_params_get_double (params, key);
          g_assert_true (v >= specs[i].min && v <= specs[i].max);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const MlrParamSpec *specs;
  guint n_specs;
  int kind;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(MlrParams) copy = NULL;

  mlr_demo_registry_init ();
  if (size < 1)
    return 0;
  specs = table (data[0], &n_specs, &kind);
  params = mlr_params_new (specs, n_specs);
  text = g_strndup ((const char *) data + 1, size - 1);
  lines = g_strsplit (text, "\n", 64);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!mlr_params_parse_assignment (params, lines[i], &error))
        g_assert_nonnull (error);
      else
        g_assert_no_error (error);
    }
  read_back (params, specs, n_specs);
  copy = mlr_params_copy (params);
  read_back (copy, specs, n_specs);

  if (kind == TABLE_MODELS)
    {
      /* Each model is configured from the same values, as `fit --set` does. */
      for (guint m = 0; m < MLR_N_MODELS; m++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(MlrClassifier) clf = mlr_classifier_new (m, params, &error);
          g_assert_true ((clf == NULL) == (error != NULL));
        }
    }
  else if (kind == TABLE_DESCEND || kind == TABLE_DESCEND_CLI)
    {
      for (guint o = 0; o < MLR_N_OPTIMIZERS; o++)
        {
          MlrOptimizerConfig config;
          mlr_optimizer_config_from_params (&config, o, params);
        }
    }
  return 0;
}
