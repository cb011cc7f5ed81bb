/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli demos: the demos a lesson can embed, with every parameter, its accepted values
 * and its default — the reference for <demo kind="..."> attributes and `render --set`.
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>

#include "lessons/mlr-demo-spec.h"

int
mlr_cli_demos (int    argc,
               char **argv)
{
  int exit_code = MLR_CLI_EXIT_OK;
  guint n;
  const MlrDemoSpec *specs;

  if (!mlr_cli_parse_options ("demos", NULL,
                              "List the demos with their parameters, accepted values and "
                              "defaults.", NULL, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return mlr_cli_usage_error ("demos", "unexpected argument “%s”", argv[1]);

  specs = mlr_demo_specs (&n);
  for (guint i = 0; i < n; i++)
    {
      printf ("%s — %s\n  %s\n", specs[i].kind, specs[i].title, specs[i].description);
      for (guint j = 0; j < specs[i].n_params; j++)
        {
          const MlrParamSpec *p = &specs[i].params[j];
          g_autofree char *values = mlr_param_spec_describe (p);
          printf ("    %-18s %s\n    %-18s   %s; default: %s\n", p->key, p->help, "", values,
                  p->default_value ? p->default_value : "depends on other parameters");
        }
      if (i + 1 < n)
        printf ("\n");
    }
  return MLR_CLI_EXIT_OK;
}
