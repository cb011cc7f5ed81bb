/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli metrics DEMO [--set KEY=VALUE]... prints the named numbers a demo reports to
 * its challenges — for the still picture those parameters give, as `render` paints it — as one
 * JSON object, e.g. {"train_accuracy": 0.88, "test_accuracy": 0.83, ...}. Lesson captions are
 * checked against these numbers (<expect>).
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <stdio.h>

#include "painters/mlr-demo-registry.h"

/* The shortest decimal that reads back as @v (JSON has no NaN or infinity: null). */
static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }
  /* whole numbers (counts, steps) as integers, not 2e+02 */
  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%.0f", v + 0.0);
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

int
mlr_cli_metrics (int    argc,
                 char **argv)
{
  g_auto(GStrv) sets = NULL;
  int exit_code = MLR_CLI_EXIT_OK;
  const MlrDemoKind *kind;
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) metrics = NULL;
  g_autoptr(GString) out = g_string_new ("{");
  GVariantIter iter;
  const char *name;
  GVariant *value;
  gboolean first = TRUE;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, "Set a demo parameter (see “ml-roadmap-cli "
      "demos”); repeatable", "KEY=VALUE" },
    { NULL }
  };

  if (!mlr_cli_parse_options ("metrics", "DEMO",
                              "Print the metrics a demo reports to its challenges, for the "
                              "picture those parameters give, as one JSON object.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      g_autofree char *ids = mlr_demo_registry_ids ();
      return mlr_cli_usage_error ("metrics", "expected one DEMO (demos: %s)", ids);
    }
  kind = mlr_demo_registry_lookup (argv[1]);
  if (kind == NULL)
    {
      g_autofree char *ids = mlr_demo_registry_ids ();
      return mlr_cli_usage_error ("metrics", "there is no demo called “%s” (demos: %s)",
                                  argv[1], ids);
    }
  params = mlr_demo_kind_new_params (kind);
  for (guint i = 0; sets && sets[i]; i++)
    if (!mlr_params_parse_assignment (params, sets[i], &error))
      return mlr_cli_usage_error ("metrics", "--set %s", error->message);

  metrics = mlr_demo_kind_metrics (kind, params, &error);
  if (metrics == NULL)
    /* each value was valid, so the demo's state refused how they go together */
    return mlr_cli_usage_error ("metrics", "--set: %s", error->message);

  g_variant_iter_init (&iter, metrics);
  while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
    {
      g_string_append (out, first ? "" : ", ");
      first = FALSE;
      append_string (out, name);
      g_string_append (out, ": ");
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        append_number (out, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        append_string (out, g_variant_get_string (value, NULL));
      else
        g_string_append (out, "null");
    }
  g_string_append (out, "}\n");
  if (!mlr_cli_write_output (NULL, out->str, out->len, &error))
    return mlr_cli_data_error ("metrics", "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
