/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-application.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "lessons/mlr-content.h"
#include "painters/mlr-demo-registry.h"
#include "mlr-preferences-window.h"
#include "mlr-window.h"

struct _MlrApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;  /* NULL when the schema is not installed */
  GtkCssProvider *text_scale_css;
  MlrProgress    *progress;
  char           *progress_message;  /* what happened to the progress file, once */
  gboolean        motion_overridden; /* we set gtk-enable-animations (reduce motion) */
  gboolean        desktop_animations; /* its value before we did */
};

G_DEFINE_FINAL_TYPE (MlrApplication, mlr_application, ADW_TYPE_APPLICATION)

MlrApplication *
mlr_application_new (void)
{
  return g_object_new (MLR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", APP_PATH,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

/**
 * mlr_application_get_settings:
 * The app's settings, or NULL when the GSettings schema is not installed (a build run without
 * `meson devenv`): the app then works but remembers nothing, rather than aborting.
 */
GSettings *
mlr_application_get_settings (MlrApplication *self)
{
  g_return_val_if_fail (MLR_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * mlr_application_get_progress:
 * The learner's progress, loaded at start-up from the XDG data directory.
 */
MlrProgress *
mlr_application_get_progress (MlrApplication *self)
{
  g_return_val_if_fail (MLR_IS_APPLICATION (self), NULL);
  return self->progress;
}

/* A sentence about the progress file to show once (it was damaged, or cannot be read). */
char *
mlr_application_take_progress_message (MlrApplication *self)
{
  return g_steal_pointer (&self->progress_message);
}

/* Changes to the progress are written once they pause for this long, in the background. */
#define PROGRESS_SAVE_DELAY_MS 400

static void
progress_saved_cb (MlrProgress  *progress,
                   const GError *error,
                   gpointer      user_data)
{
  GtkApplication *app = user_data;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (MLR_IS_WINDOW (l->data))
      mlr_window_progress_saved (MLR_WINDOW (l->data), error);
}

static void
load_progress (MlrApplication *self)
{
  g_autofree char *path = mlr_progress_default_path ();
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;

  self->progress = mlr_progress_new (path);
  mlr_progress_set_save_delay (self->progress, PROGRESS_SAVE_DELAY_MS, progress_saved_cb, self);
  if (mlr_progress_load (self->progress, &backup, &error))
    return;
  if (backup != NULL)
    {
      g_autofree char *base = g_path_get_basename (backup);
      self->progress_message = g_strdup_printf (_("Your progress file was damaged (%s). It was "
                                                  "kept as “%s” and a new record started."),
                                                error->message, base);
    }
  else
    self->progress_message = g_strdup_printf (_("Your progress file cannot be used (%s). "
                                                "Changes will not be saved this session."),
                                              error->message);
  g_message ("%s: %s", path, error->message);
}

static MlrWindow *
get_or_create_window (MlrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (mlr_window_new (self, mlr_content_default_dir ()));
  return MLR_WINDOW (window);
}

static void
mlr_application_activate (GApplication *app)
{
  MlrWindow *window = get_or_create_window (MLR_APPLICATION (app));

  mlr_window_open_initial_lesson (window, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
mlr_application_command_line (GApplication            *app,
                              GApplicationCommandLine *cmdline)
{
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  const char *lesson = NULL;
  MlrWindow *window;

  g_variant_dict_lookup (options, "lesson", "&s", &lesson);
  window = get_or_create_window (MLR_APPLICATION (app));
  mlr_window_open_initial_lesson (window, lesson);
  gtk_window_present (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  /* A closed window leaves the application's list (its node is freed) and may be finalized,
   * so walk a copy that holds a reference to each. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  /* Close windows first so each saves its state, then quit. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The ML Roadmap contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("ML Roadmap"),
                        "application-icon", APP_ID,
                        "developer-name", _("The ML Roadmap contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Learn the road to becoming a machine-learning engineer, "
                                      "with lessons and interactive demos."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "copyright", "© 2026 The ML Roadmap contributors",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MlrApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (mlr_preferences_window_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "preferences", .activate = preferences_activated },
};

/* Settings take effect here, whoever changes them (the preferences window, gsettings). */
static void
apply_color_scheme (MlrApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
apply_text_scale (MlrApplication *self)
{
  double scale = CLAMP (g_settings_get_double (self->settings, "text-scale"), 0.8, 1.6);
  g_autofree char *css = g_strdup_printf ("lessonview, demospage, glossarypage, homepage "
                                          "{ font-size: %d%%; }",
                                          (int) (scale * 100 + 0.5));

  gtk_css_provider_load_from_data (self->text_scale_css, css, -1);
}

/* Reduce motion turns animations off; turned off again, it gives the desktop its say back
 * rather than turning them on. Demos read the result (mlr_demo_reduce_motion); libadwaita's
 * transitions honour it too. */
static void
apply_reduce_motion (MlrApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  gboolean animations;

  if (gtk_settings == NULL)
    return;
  if (g_settings_get_boolean (self->settings, "reduce-motion"))
    {
      if (!self->motion_overridden)
        g_object_get (gtk_settings, "gtk-enable-animations", &self->desktop_animations, NULL);
      self->motion_overridden = TRUE;
      g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
      return;
    }
  /* Never touched: whatever the desktop says stands. */
  if (!self->motion_overridden)
    return;
  self->motion_overridden = FALSE;
  /* Follows the session's value again (XSettings, the settings portal), now and later. */
  gtk_settings_reset_property (gtk_settings, "gtk-enable-animations");
  /* The reset falls back to GTK's default, on, when the desktop's "off" came from a
   * settings.ini file rather than the session: that "off" stands too. */
  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  if (animations && !self->desktop_animations)
    g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
}

static void
settings_changed_cb (GSettings      *settings,
                     const char     *key,
                     MlrApplication *self)
{
  if (g_str_equal (key, "color-scheme"))
    apply_color_scheme (self);
  else if (g_str_equal (key, "text-scale"))
    apply_text_scale (self);
  else if (g_str_equal (key, "reduce-motion"))
    apply_reduce_motion (self);
}

/* GTK parses its default theme (Adwaita, ~20 ms of CPU here) when it makes the display's
 * settings, before libadwaita replaces it with an empty theme and its own style sheet. Only
 * GTK_THEME keeps GTK from parsing it, and libadwaita 1.2 reads a GTK_THEME it sees as the
 * user's choice of theme and then loads no style sheet. So main() sets GTK_THEME to
 * libadwaita's empty theme, and start-up makes the display's settings with it and unsets it
 * before libadwaita looks: GTK parses the empty theme, libadwaita sets it again and adds its
 * style sheet, and the window looks exactly as before. */
static gboolean theme_set_by_us;

static void
skip_default_theme (void)
{
  if (g_getenv ("GTK_THEME") != NULL)
    return;
  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  theme_set_by_us = TRUE;
}

/* GDK's X11 backend sets up EGL (or GLX) when it opens the display, to choose the window's
 * visual, whatever the renderer: Mesa's driver loads and starts, about 110 ms of CPU and
 * 60 MiB of resident memory with llvmpipe here. With the cairo renderer nothing in the app
 * draws with OpenGL (no GtkGLArea, no GL textures), so when the user chose it
 * (GSK_RENDERER=cairo, often because GL is slow or broken on their machine) GDK is told that
 * GL is off. GTK 4.16 moved the switch from GDK_DEBUG=gl-disable to GDK_DISABLE=gl. */
static void
skip_gl_for_cairo (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  gboolean new_switch = gtk_get_major_version () > 4 || gtk_get_minor_version () >= 16;
  const char *name = new_switch ? "GDK_DISABLE" : "GDK_DEBUG";
  const char *item = new_switch ? "gl" : "gl-disable";
  const char *old = g_getenv (name);
  g_autofree char *value = NULL;

  if (renderer == NULL || g_ascii_strcasecmp (renderer, "cairo") != 0)
    return;
  value = old != NULL && *old != '\0' ? g_strconcat (old, ",", item, NULL) : g_strdup (item);
  g_setenv (name, value, TRUE);
}

/**
 * mlr_application_prepare_environment:
 * Sets GTK_THEME for the start-up (see above) unless the user has, and turns GDK's OpenGL
 * off when the renderer is cairo. Call it in main(), before GTK starts and before any thread
 * does (it changes the environment).
 */
void
mlr_application_prepare_environment (void)
{
  skip_default_theme ();
  skip_gl_for_cairo ();
}

static void
init_gtk_with_empty_theme (void)
{
  if (!theme_set_by_us)
    return;
  if (!gtk_init_check ())
    {
      /* What GtkApplication's gtk_init() says without a display: after a gtk_init_check()
       * that failed it would say nothing, and the start-up would go on without one. */
      const char *name = g_getenv ("WAYLAND_DISPLAY");

      if (name == NULL)
        name = g_getenv ("DISPLAY");
      g_printerr (_("%s: cannot open display: %s\n"), g_get_prgname (), name ? name : "");
      exit (1);
    }
  gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
  theme_set_by_us = FALSE;
}

static void
mlr_application_startup (GApplication *app)
{
  MlrApplication *self = MLR_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  /* GtkApplication's keys for a gtk/help-overlay.ui; ours is built when first shown. */
  static const char *shortcuts_accels[] = { "<Control>F1", "<Control>question", NULL };

  init_gtk_with_empty_theme ();
  G_APPLICATION_CLASS (mlr_application_parent_class)->startup (app);

  mlr_demo_registry_init ();
  gtk_source_init ();
  g_set_application_name (_("ML Roadmap"));
  gtk_window_set_default_icon_name (APP_ID);
  /* Tab onto a paragraph with links focuses its first link; selecting the whole paragraph
   * (GTK's default for selectable labels) would hide which link that is. */
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      self->text_scale_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (self->text_scale_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      apply_color_scheme (self);
      apply_text_scale (self);
      apply_reduce_motion (self);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                               self, 0);
    }
  else
    g_message ("GSettings schema %s is not installed; window size and the last lesson will "
               "not be remembered (run through `meson devenv` or install the app)", APP_ID);

  load_progress (self);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
mlr_application_shutdown (GApplication *app)
{
  MlrApplication *self = MLR_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (mlr_application_parent_class)->shutdown (app);
  /* Nothing the learner did is lost: what is still waiting (or being written) is written now,
   * after the windows are gone. */
  if (self->progress != NULL && !mlr_progress_flush (self->progress, &error))
    g_message ("%s: progress not saved: %s", mlr_progress_get_path (self->progress),
               error->message);
  if (self->settings)
    g_settings_sync ();
}

static void
mlr_application_dispose (GObject *object)
{
  MlrApplication *self = MLR_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->text_scale_css);
  g_clear_pointer (&self->progress, mlr_progress_free);
  g_clear_pointer (&self->progress_message, g_free);
  G_OBJECT_CLASS (mlr_application_parent_class)->dispose (object);
}

static void
mlr_application_class_init (MlrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mlr_application_dispose;
  app_class->startup = mlr_application_startup;
  app_class->shutdown = mlr_application_shutdown;
  app_class->activate = mlr_application_activate;
  app_class->command_line = mlr_application_command_line;
}

static void
mlr_application_init (MlrApplication *self)
{
  static const GOptionEntry options[] = {
    { "lesson", 'l', 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the lesson with this id (see content/roadmap.xml)"), N_("ID") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Learn the road to becoming a machine-learning "
                                              "engineer."));
}
