/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a start-up can cost with our stack: an application whose window has a header bar and
 * one paragraph of text, nothing else, at gtk4-demo's size (800×600). Built twice by
 * tests/bench/meson.build: startup-floor-gtk (GtkApplication, GtkApplicationWindow,
 * GtkHeaderBar: what every GTK 4 app pays, gtk4-demo included) and startup-floor-adw
 * (AdwApplication, AdwApplicationWindow, AdwHeaderBar: what every libadwaita app pays on top,
 * its style sheet first). tests/bench/startup.sh starts both beside ML Roadmap and gtk4-demo,
 * so each program's first frame at that size can be split into the floor of its toolkit and its
 * own work.
 *
 * The libadwaita floor starts as ML Roadmap does (app/mlr-application.c): GTK makes the
 * display's settings with libadwaita's empty theme, so it does not parse its own default theme
 * (~20 ms) only for libadwaita to replace it. It is ML Roadmap's floor, then, a little below what
 * a libadwaita app that does not do this pays.
 *
 * It has an application id, as ML Roadmap and gtk4-demo have, so it takes the same way through
 * g_application_register() (under the benchmark's Xvfb there is no session bus to register on).
 */
#include "config.h"

#ifdef FLOOR_ADW
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif

#define TEXT "A machine-learning engineer turns a model that works in a notebook into a " \
             "service people can rely on: data pipelines, training, evaluation, deployment " \
             "and monitoring, with the mathematics underneath."

static void
activate_cb (GApplication *app,
             gpointer      data)
{
  GtkWidget *window, *header, *box, *label;

#ifdef FLOOR_ADW
  window = adw_application_window_new (GTK_APPLICATION (app));
  header = adw_header_bar_new ();
#else
  window = gtk_application_window_new (GTK_APPLICATION (app));
  header = gtk_header_bar_new ();
#endif
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  label = gtk_label_new (TEXT);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 24);
  gtk_widget_set_margin_end (label, 24);
  gtk_widget_set_margin_top (label, 24);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_window_set_title (GTK_WINDOW (window), "Start-up floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
#ifdef FLOOR_ADW
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_box_append (GTK_BOX (box), label);
  gtk_window_set_child (GTK_WINDOW (window), box);
#endif
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(GApplication) app = NULL;

#ifdef FLOOR_ADW
  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  if (!gtk_init_check ())
    return 1;
  gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");   /* before adw_init(), which reads it as the user's choice */
  app = G_APPLICATION (adw_application_new (APP_ID ".StartupFloorAdw",
                                            G_APPLICATION_DEFAULT_FLAGS));
#else
  app = G_APPLICATION (gtk_application_new (APP_ID ".StartupFloorGtk",
                                            G_APPLICATION_DEFAULT_FLAGS));
#endif
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (app, argc, argv);
}
