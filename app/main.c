/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mlr-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(MlrApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* While the process has a single thread: it sets environment variables. */
  mlr_application_prepare_environment ();
  app = mlr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
