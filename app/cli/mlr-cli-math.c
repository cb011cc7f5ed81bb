/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli math TEX [-o FILE.png] [--size PX] [--dark] [--inline]: a lesson formula
 * (the LaTeX subset of lessons/mlr-math.h) read aloud as a screen reader hears it, or drawn as
 * the app draws it. For authors trying a formula, and for the golden images of the layout.
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>
#include <string.h>

#include "lessons/mlr-math.h"

#include "mlr-cli-draw.h"

int
mlr_cli_math (int    argc,
              char **argv)
{
  g_autofree char *output = NULL;
  double size = 24;
  gboolean dark = FALSE, in_text = FALSE;
  int exit_code = MLR_CLI_EXIT_OK;
  gsize offset = 0;
  g_autoptr(MlrMathNode) formula = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Draw the formula to this PNG instead "
      "of printing its spoken form", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_DOUBLE, &size, "Font size in pixels (4 to 400; default 24)",
      "PX" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style's colours", NULL },
    { "inline", 0, 0, G_OPTION_ARG_NONE, &in_text, "Set it as in running text (<m>), not as "
      "display math (<math>)", NULL },
    { NULL }
  };

  if (!mlr_cli_parse_options ("math", "TEX",
                              "Print a formula's spoken form, or draw it as the app does. Errors "
                              "are printed as formula:1:COLUMN: message.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return mlr_cli_usage_error ("math", "expected one formula, e.g. '\\frac{a}{b}' (quote it "
                                "for the shell)");
  if (!(size >= 4 && size <= 400))
    return mlr_cli_usage_error ("math", "--size must be 4 to 400 pixels");
  formula = mlr_math_parse (argv[1], &offset, &error);
  if (formula == NULL)
    {
      /* the column in characters, as editors count it */
      glong column = g_utf8_validate (argv[1], MIN (offset, strlen (argv[1])), NULL)
                       ? g_utf8_strlen (argv[1], MIN (offset, strlen (argv[1]))) + 1
                       : (glong) offset + 1;
      fprintf (stderr, "formula:1:%ld: %s\n", column, error->message);
      return MLR_CLI_EXIT_DATA;
    }
  if (output == NULL)
    {
      g_autofree char *spoken = mlr_math_speak (formula);
      printf ("%s\n", spoken);
      return MLR_CLI_EXIT_OK;
    }
  if (!mlr_cli_math_write_png (formula, output, size, !in_text, dark, &error))
    return mlr_cli_data_error ("math", "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
