/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr_application_prepare_environment(), what main() calls before GTK starts: GTK_THEME for
 * the start-up unless the user set one, and GDK's OpenGL off when the renderer is cairo (GDK
 * sets up EGL at display open otherwise, whatever the renderer). GDK reads its environment
 * once, so each case runs in a process of its own, sets the environment the way a user's
 * shell would, prepares it as main() does, then starts GTK and asks GDK whether it can draw
 * with GL and which renderer a window gets.
 */
#include "config.h"

#include "mlr-application.h"
#include "ui-test-init.h"

/* The switch this GTK reads (GTK 4.16 moved it). */
static const char *
gl_switch_name (void)
{
  return gtk_get_minor_version () >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
}

static const char *
gl_switch_item (void)
{
  return gtk_get_minor_version () >= 16 ? "gl" : "gl-disable";
}

/* Sets or unsets (value NULL) the user's variables, then does what main() does. */
static void
prepare (const char *renderer,
         const char *gl_switch,
         const char *theme)
{
  struct { const char *name, *value; } vars[] = {
    { "GSK_RENDERER", renderer },
    { gl_switch_name (), gl_switch },
    { "GTK_THEME", theme },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      if (vars[i].value != NULL)
        g_setenv (vars[i].name, vars[i].value, TRUE);
      else
        g_unsetenv (vars[i].name);
    }
  mlr_application_prepare_environment ();
}

/* Starts GTK (the parent checked there is a display) and returns whether GDK can draw with
 * GL; *renderer_type is the renderer a realized window gets. */
static gboolean
start_gtk (const char **renderer_type)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  gboolean gl;

  g_assert_true (gtk_init_check ());
  gl = gdk_display_prepare_gl (gdk_display_get_default (), &error);
  if (!gl)
    g_test_message ("GL: %s", error->message);
  window = gtk_window_new ();
  gtk_widget_realize (window);
  *renderer_type = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  return gl;
}

/* A user's environment with the cairo renderer. */
typedef struct {
  const char *renderer;    /* as GSK matches it: any case */
  gboolean    user_flag;   /* a flag of their own in the GL switch's variable already */
  const char *theme;       /* GTK_THEME, or NULL */
} CairoCase;

/* A flag this GTK knows in that variable. */
static const char *
user_flag (void)
{
  return gtk_get_minor_version () >= 16 ? "vulkan" : "misc";
}

/* GL goes off, after the user's own flags; the theme is the user's if they set one. */
static void
test_cairo_turns_gl_off (gconstpointer data)
{
  const CairoCase *c = data;
  const char *renderer;

  if (g_test_subprocess ())
    {
      g_autofree char *expected = c->user_flag
                                  ? g_strconcat (user_flag (), ",", gl_switch_item (), NULL)
                                  : g_strdup (gl_switch_item ());

      prepare (c->renderer, c->user_flag ? user_flag () : NULL, c->theme);
      g_assert_cmpstr (g_getenv (gl_switch_name ()), ==, expected);
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, c->theme ? c->theme : "Adwaita-empty");
      g_assert_false (start_gtk (&renderer));
      g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Any other renderer (data: its name, or "" for none chosen) leaves GL alone: GDK can still
 * draw with it. */
static void
test_other_renderers_keep_gl (gconstpointer data)
{
  const char *name = data;
  const char *renderer;

  if (g_test_subprocess ())
    {
      prepare (*name != '\0' ? name : NULL, NULL, NULL);
      g_assert_null (g_getenv (gl_switch_name ()));
      g_assert_true (start_gtk (&renderer));
      g_assert_cmpstr (renderer, !=, "GskCairoRenderer");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  static const CairoCase cairo_cases[] = {
    { "cairo", FALSE, NULL },
    { "Cairo", TRUE, "Adwaita" },
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Only to know there is a display: each case starts GTK in a process of its own, after it
   * has set the environment (so not here in that process). */
  if (!g_test_subprocess () && !ui_test_init_display (&status))
    return status;
  g_test_add_data_func ("/start-environment/cairo-turns-gl-off", &cairo_cases[0],
                        test_cairo_turns_gl_off);
  g_test_add_data_func ("/start-environment/cairo-keeps-user-flags", &cairo_cases[1],
                        test_cairo_turns_gl_off);
  g_test_add_data_func ("/start-environment/keeps-gl/none", "", test_other_renderers_keep_gl);
  g_test_add_data_func ("/start-environment/keeps-gl/gl", "gl", test_other_renderers_keep_gl);
  return g_test_run ();
}
