/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reduce motion never turns animations on against the desktop: here the desktop says "no
 * animations" (GTK's settings.ini, which GTK reads at start-up), and turning the app's reduce
 * motion on and off again leaves them off. (tests/ui/test-window.c checks the other side: on a
 * desktop with animations, off and on again gives them back.)
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "mlr-application.h"
#include "ui-test-init.h"

static MlrApplication *app;

static gboolean
animations (void)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
test_desktop_without_animations (void)
{
  GSettings *settings = mlr_application_get_settings (app);

  g_assert_nonnull (settings);
  /* Starting with reduce motion off does not override the desktop. */
  g_assert_false (g_settings_get_boolean (settings, "reduce-motion"));
  g_assert_false (animations ());

  for (int round = 0; round < 2; round++)
    {
      g_settings_set_boolean (settings, "reduce-motion", TRUE);
      g_assert_false (animations ());
      /* Off again: the desktop's setting, not "on". */
      g_settings_set_boolean (settings, "reduce-motion", FALSE);
      g_assert_false (animations ());
    }
}

int
main (int argc, char **argv)
{
  int exit_status;
  g_autofree char *config = NULL;
  g_autofree char *gtk_dir = NULL;
  g_autofree char *ini = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* The desktop's setting, where GTK reads it; set before GTK starts. */
  config = g_dir_make_tmp ("mlr-motion-XXXXXX", NULL);
  gtk_dir = g_build_filename (config, "gtk-4.0", NULL);
  ini = g_build_filename (gtk_dir, "settings.ini", NULL);
  g_assert_cmpint (g_mkdir_with_parents (gtk_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, "[Settings]\ngtk-enable-animations=false\n", -1,
                                      NULL));
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  if (!ui_test_init_display (&exit_status))
    return exit_status;
  app = mlr_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/preferences/reduce-motion/desktop-without-animations",
                   test_desktop_without_animations);
  ret = g_test_run ();
  g_object_unref (app);
  g_unlink (ini);
  g_rmdir (gtk_dir);
  g_rmdir (config);
  return ret;
}
