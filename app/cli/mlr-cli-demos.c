/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli demos: the demos a lesson can embed, with every parameter, its accepted values
 * and its default — the reference for <demo kind="..."> attributes and `render --set`.
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "painters/mlr-demo-registry.h"

int
mlr_cli_demos (int    argc,
               char **argv)
{
  int exit_code = MLR_CLI_EXIT_OK;
  guint n;
  const MlrDemoKind *kinds;

  if (!mlr_cli_parse_options ("demos", NULL,
                              "List the demos with their parameters, accepted values and "
                              "defaults.", NULL, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return mlr_cli_usage_error ("demos", "unexpected argument “%s”", argv[1]);

  kinds = mlr_demo_registry_get (&n);
  for (guint i = 0; i < n; i++)
    {
      const MlrDemoSpec *spec = kinds[i].spec;
      const char * const *metrics = spec->metrics;

      printf ("%s — %s\n  %s\n", spec->kind, _(spec->title), _(spec->description));
      if (spec->model != NULL)
        printf ("  Model: %s\n", _(spec->model));
      for (guint j = 0; j < spec->n_params; j++)
        {
          const MlrParamSpec *p = &spec->params[j];
          g_autofree char *values = mlr_param_spec_describe (p);
          printf ("    %-18s %s\n    %-18s   %s; default: %s\n", p->key, _(p->help), "",
                  values, p->default_value ? p->default_value : "depends on other parameters");
        }
      printf ("  Metrics (ml-roadmap-cli metrics %s):", spec->kind);
      for (guint j = 0; metrics[j] != NULL; j++)
        printf ("%s %s", j ? "," : "", metrics[j]);
      printf ("\n");
      if (i + 1 < n)
        printf ("\n");
    }
  return MLR_CLI_EXIT_OK;
}
