/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing side of ml-roadmap-cli, in ml-roadmap-cli itself: each function runs the whole
 * command line again in ml-roadmap-cli-draw (see mlr-cli-draw.h), and returns only when that
 * could not be started.
 *
 * ml-roadmap-cli-draw is looked for next to the running executable (the build tree), then
 * where `meson install` puts it relative to the executable (libexecdir seen from bindir, so a
 * staged or moved installation finds its own), then in the configured libexecdir.
 */
#include "config.h"

#include "mlr-cli.h"
#include "mlr-cli-draw.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define DRAW_TOOL "ml-roadmap-cli-draw"

static char *
find_draw_tool (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      /* libexecdir from bindir is "" when libexecdir is not below the prefix bindir is in */
      char *candidates[] = {
        g_build_filename (dir, DRAW_TOOL, NULL),
        *MLR_CLI_BINDIR_TO_LIBEXECDIR
          ? g_build_filename (dir, MLR_CLI_BINDIR_TO_LIBEXECDIR, DRAW_TOOL, NULL) : NULL,
      };
      char *found = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          if (found == NULL && candidates[i] != NULL &&
              g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR) &&
              access (candidates[i], X_OK) == 0)
            found = g_steal_pointer (&candidates[i]);
          g_free (candidates[i]);
        }
      if (found != NULL)
        return found;
    }
  return g_build_filename (MLR_CLI_LIBEXECDIR, DRAW_TOOL, NULL);
}

/* Replaces this process with ml-roadmap-cli-draw and the same arguments; on failure, sets
 * @error and returns. */
static void
exec_draw_tool (GError **error)
{
  g_autofree char *path = find_draw_tool ();
  char **argv = mlr_cli_get_command_line ();
  int saved_errno;

  /* nothing is buffered yet, but a late byte would come after the other program's output */
  fflush (stdout);
  fflush (stderr);
  execv (path, argv);
  saved_errno = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "could not run %s, the part of ml-roadmap-cli that draws and reads the demos "
               "(%s); is ML Roadmap completely installed?", path, g_strerror (saved_errno));
}

static int
run_in_draw_tool (const char *command)
{
  g_autoptr(GError) error = NULL;

  exec_draw_tool (&error);
  return mlr_cli_data_error (command, "%s", error->message);
}

int
mlr_cli_validate (int    argc,
                  char **argv)
{
  return run_in_draw_tool ("validate");
}

int
mlr_cli_demos (int    argc,
               char **argv)
{
  return run_in_draw_tool ("demos");
}

int
mlr_cli_render (int    argc,
                char **argv)
{
  return run_in_draw_tool ("render");
}

int
mlr_cli_metrics (int    argc,
                 char **argv)
{
  return run_in_draw_tool ("metrics");
}

gboolean
mlr_cli_math_write_png (const MlrMathNode  *formula,
                        const char         *path,
                        double              size,
                        gboolean            display,
                        gboolean            dark,
                        GError            **error)
{
  exec_draw_tool (error);
  return FALSE;
}

MlrConvGrid *
mlr_cli_read_picture (const char  *path,
                      guint        max_side,
                      GError     **error)
{
  exec_draw_tool (error);
  return NULL;
}
