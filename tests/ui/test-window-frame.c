/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window frame of ui/style.css and ui/style-hc.css: on a display without a compositor
 * (.solid-csd windows, as under Xvfb here), libadwaita 1.2 draws the frame as three inset box
 * shadows, which GTK's GL renderer shades over the whole window; ours draws the same frame as a
 * border, an outline and four background strips. These tests render a window with our style
 * sheets and without them, and ask for the same pixels, the frame's and every other: light
 * and dark, focused and backdrop, normal and high contrast. Each also checks that the frame is
 * there to compare (its bands differ from each other and from the window's background).
 */
#include "config.h"

#include <string.h>

#include "ui-test-init.h"

#define WIDTH  240
#define HEIGHT 160

typedef struct {
  guchar *pixels;
  gsize   stride;
  int     width, height;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

static GtkCssProvider *
provider_from_resource (const char *name)
{
  GtkCssProvider *provider = gtk_css_provider_new ();
  g_autofree char *path = g_strconcat (APP_PATH, name, NULL);

  g_assert_true (g_resources_get_info (path, 0, NULL, NULL, NULL));
  gtk_css_provider_load_from_resource (provider, path);
  return provider;
}

/* The window's pixels as its renderer paints them, once its style has settled. */
static void
render (GtkWidget *window,
        Image     *image)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  ui_test_wait_ms (100);
  paintable = gtk_widget_paintable_new (window);
  /* At the paintable's own size (the window's, frame included), so nothing is scaled: a scale
   * would smear both frames' edges, each its own way. */
  image->width = gdk_paintable_get_intrinsic_width (paintable);
  image->height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (image->width, >, 20);
  g_assert_cmpint (image->height, >, 20);
  gdk_paintable_snapshot (paintable, snapshot, image->width, image->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width,
                                                              image->height));
  image->stride = (gsize) image->width * 4;
  image->pixels = g_malloc (image->stride * image->height);
  gdk_texture_download (texture, image->pixels, image->stride);
}

static guint32
pixel (const Image *image,
       int          x,
       int          y)
{
  guint32 v;

  memcpy (&v, image->pixels + (gsize) y * image->stride + (gsize) x * 4, 4);
  return v;
}

/* The first pixel that differs, or none. */
static void
assert_same_pixels (const Image *ours,
                    const Image *theirs,
                    const char  *what)
{
  g_assert_cmpint (ours->width, ==, theirs->width);
  g_assert_cmpint (ours->height, ==, theirs->height);
  for (int y = 0; y < ours->height; y++)
    for (int x = 0; x < ours->width; x++)
      if (pixel (ours, x, y) != pixel (theirs, x, y))
        g_error ("%s: pixel (%d, %d) is %08x with our frame, %08x with libadwaita's", what, x,
                 y, pixel (ours, x, y), pixel (theirs, x, y));
}

typedef struct {
  GtkWidget      *window;
  GtkCssProvider *style, *style_hc;
  gboolean        installed;
} Fixture;

static void
install (Fixture  *f,
         gboolean  on)
{
  GdkDisplay *display = gtk_widget_get_display (f->window);
  gboolean hc = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());

  if (f->installed)
    {
      gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (f->style));
      gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (f->style_hc));
    }
  f->installed = on;
  if (!on)
    return;
  /* As AdwApplication loads them: style.css always, style-hc.css in high contrast. */
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (f->style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (hc)
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (f->style_hc),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->style = provider_from_resource ("style.css");
  f->style_hc = provider_from_resource ("style-hc.css");
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), WIDTH, HEIGHT);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Frame"));
  adw_window_set_content (ADW_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (f->window))
    g_main_context_iteration (NULL, TRUE);
  /* This display has no compositor, so GTK gives the window the class the frame is for. */
  g_assert_true (gtk_widget_has_css_class (f->window, "solid-csd"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  install (f, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->style);
  g_object_unref (f->style_hc);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* Ours and libadwaita's, focused and in the backdrop; returns the focused frame's pixel in the
 * middle of the header-bar band, to tell two colour schemes apart. */
static guint32
compare_states (Fixture    *f,
                const char *scheme)
{
  guint32 band = 0;

  for (int backdrop = 0; backdrop <= 1; backdrop++)
    {
      g_auto(Image) ours = { 0 };
      g_auto(Image) theirs = { 0 };
      g_autofree char *what = g_strdup_printf ("%s, %s", scheme,
                                               backdrop ? "backdrop" : "focused");
      int y;

      if (backdrop)
        gtk_widget_set_state_flags (f->window, GTK_STATE_FLAG_BACKDROP, FALSE);
      else
        gtk_widget_unset_state_flags (f->window, GTK_STATE_FLAG_BACKDROP);
      install (f, TRUE);
      render (f->window, &ours);
      install (f, FALSE);
      render (f->window, &theirs);
      g_assert_cmpint (!!(gtk_widget_get_state_flags (f->window) & GTK_STATE_FLAG_BACKDROP), ==,
                       backdrop);
      assert_same_pixels (&ours, &theirs, what);

      /* The frame is there: from the edge in, a tinted pixel, the band, a tinted pixel, the
       * window's background (here and in the corners' rows alike). */
      y = ours.height / 2;
      g_assert_cmpuint (pixel (&ours, 0, y), !=, pixel (&ours, 2, y));
      g_assert_cmpuint (pixel (&ours, 4, y), !=, pixel (&ours, 2, y));
      g_assert_cmpuint (pixel (&ours, 4, y), !=, pixel (&ours, 12, y));
      g_assert_cmpuint (pixel (&ours, ours.width - 1, y), ==, pixel (&ours, 0, y));
      g_assert_cmpuint (pixel (&ours, ours.width / 2, ours.height - 5), ==, pixel (&ours, 4, y));
      if (!backdrop)
        band = pixel (&ours, 2, y);
      else
        g_assert_cmpuint (pixel (&ours, 2, y), !=, band);   /* the backdrop's own colour */
    }
  gtk_widget_unset_state_flags (f->window, GTK_STATE_FLAG_BACKDROP);
  return band;
}

static void
test_light_and_dark (Fixture       *f,
                     gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  guint32 light, dark;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = compare_states (f, "light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  dark = compare_states (f, "dark");
  g_assert_cmpuint (light, !=, dark);
}

/* High contrast as the desktop sets it; libadwaita reads the key when no settings portal
 * answers, as here. */
static void
test_high_contrast (Fixture       *f,
                    gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) a11y = NULL;
  gint64 end;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "high-contrast"))
    {
      g_test_skip ("org.gnome.desktop.a11y.interface is not installed "
                   "(gsettings-desktop-schemas; .ci/dev installs it)");
      return;
    }
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!adw_style_manager_get_high_contrast (manager) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (adw_style_manager_get_high_contrast (manager));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  compare_states (f, "high contrast, light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  compare_states (f, "high contrast, dark");
  g_settings_set_boolean (a11y, "high-contrast", FALSE);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&status))
    return status;
  g_test_add ("/window-frame/light-and-dark", Fixture, NULL, fixture_set_up,
              test_light_and_dark, fixture_tear_down);
  g_test_add ("/window-frame/high-contrast", Fixture, NULL, fixture_set_up,
              test_high_contrast, fixture_tear_down);
  return g_test_run ();
}
