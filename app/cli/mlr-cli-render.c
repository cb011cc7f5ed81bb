/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli render DEMO -o FILE.png|.svg|.pdf [--size WxH] [--dark] [--set KEY=VALUE]...
 * paints what the app paints for those parameters, with no display.
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "painters/mlr-demo-registry.h"
#include "painters/mlr-render.h"

int
mlr_cli_render (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *size = NULL;
  g_auto(GStrv) sets = NULL;
  gboolean dark = FALSE;
  int exit_code = MLR_CLI_EXIT_OK;
  int width = 1280, height = 800;
  const MlrDemoKind *kind;
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the picture here (.png, .svg or "
      ".pdf)", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Picture size in pixels (default 1280x800)",
      "WxH" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style's colours", NULL },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, "Set a demo parameter (see “ml-roadmap-cli "
      "demos”); repeatable", "KEY=VALUE" },
    { NULL }
  };

  if (!mlr_cli_parse_options ("render", "DEMO",
                              "Paint a demo to a PNG, SVG or PDF file, exactly as the app "
                              "paints it for the same parameters.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      g_autofree char *kinds = mlr_demo_registry_ids ();
      return mlr_cli_usage_error ("render", "expected one DEMO (demos: %s)", kinds);
    }
  kind = mlr_demo_registry_lookup (argv[1]);
  if (kind == NULL)
    {
      g_autofree char *kinds = mlr_demo_registry_ids ();
      return mlr_cli_usage_error ("render", "there is no demo called “%s” (demos: %s)", argv[1],
                                  kinds);
    }
  if (output == NULL)
    return mlr_cli_usage_error ("render", "-o FILE is required (.png, .svg or .pdf)");
  if (size != NULL)
    {
      char *x = strchr (size, 'x');
      guint64 w = 0, h = 0;
      g_autofree char *ws = x ? g_strndup (size, x - size) : NULL;
      if (x == NULL || !g_ascii_string_to_unsigned (ws, 10, 16, 8192, &w, NULL) ||
          !g_ascii_string_to_unsigned (x + 1, 10, 16, 8192, &h, NULL))
        return mlr_cli_usage_error ("render", "--size “%s” must be WxH with each side 16 to "
                                    "8192, like 1280x800", size);
      width = (int) w;
      height = (int) h;
    }

  params = mlr_demo_kind_new_params (kind);
  for (guint i = 0; sets && sets[i]; i++)
    if (!mlr_params_parse_assignment (params, sets[i], &error))
      return mlr_cli_usage_error ("render", "--set %s", error->message);

  if (!mlr_render_demo_to_file (kind->id, params, output, width, height, dark, &error))
    {
      if (g_error_matches (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_FORMAT))
        return mlr_cli_usage_error ("render", "%s", error->message);
      /* Besides writing the file, only the demo's own checks of the --set values taken
       * together can fail (a view with xmin >= xmax, ...): a usage error like any bad option. */
      if (error->domain != MLR_RENDER_ERROR && error->domain != G_FILE_ERROR)
        return mlr_cli_usage_error ("render", "--set: %s", error->message);
      return mlr_cli_data_error ("render", "%s", error->message);
    }
  fprintf (stderr, "wrote %s (%dx%d%s)\n", output, width, height, dark ? ", dark" : "");
  return MLR_CLI_EXIT_OK;
}
