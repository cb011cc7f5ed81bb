/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrMathView, the display formula (issue 13): what a screen reader hears is the spoken form;
 * "Copy as LaTeX" and Ctrl+C put the TeX on the clipboard; a long formula scrolls inside a
 * 360 px page instead of widening it; the ink follows the dark style and the text size.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lessons/mlr-math.h"
#include "ui-test-init.h"
#include "views/mlr-math-view.h"

#define GRADIENT "\\frac{\\partial L}{\\partial w} = \\sum_{i=1}^{n} (\\hat y_i - y_i)\\, x_i"
#define LONG "L(w) = \\frac{1}{n} \\sum_{i=1}^{n} \\left( y_i - w^\\top x_i \\right)^2 " \
             "+ \\lambda \\lVert w \\rVert_2^2 + \\mu \\lVert w \\rVert_1 " \
             "+ \\frac{\\gamma}{2} \\sum_{j=1}^{d} \\frac{w_j^2}{1 + w_j^2}"

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Lets @widget go through @n frames (style, layout and paint), however busy the machine. */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_tick, &ticks, NULL);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (ticks < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  g_assert_cmpuint (ticks, >=, n);
  iterate (20);
}

static GtkWidget *
window_with (GtkWidget *child,
             int        width)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, 200);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (window, 3);
  g_assert_cmpint (gtk_widget_get_width (window), >, 0);
  return window;
}

static void
test_accessible (void)
{
  GtkWidget *view = mlr_math_view_new (GRADIENT);
  GtkWidget *window;
  g_autoptr(MlrMathNode) tree = mlr_math_parse (GRADIENT, NULL, NULL);
  g_autofree char *spoken = mlr_math_speak (tree);

  g_object_ref (view);
  window = window_with (view, 600);
  g_assert_true (mlr_math_view_is_valid (MLR_MATH_VIEW (view)));
  g_assert_true (g_str_has_prefix (spoken, "the fraction partial L over partial w end fraction "
                                           "equals"));
  g_assert_cmpstr (mlr_math_view_get_spoken (MLR_MATH_VIEW (view)), ==, spoken);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_MATH);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       spoken);
  g_assert_true (gtk_widget_get_focusable (view));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (view);
}

typedef struct {
  char    *text;
  gboolean done;
} ReadText;

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  ReadText *r = data;

  r->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  r->done = TRUE;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ReadText r = { NULL, FALSE };
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_done, &r);
  while (!r.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (r.done);
  return r.text;
}

static void
test_copy (void)
{
  MlrMathView *view = NULL;
  GtkWidget *scrolled = mlr_math_view_new_scrolled (GRADIENT, &view);
  GtkWidget *window = window_with (scrolled, 600);
  g_autofree char *before = NULL;
  g_autofree char *after_menu = NULL;
  g_autofree char *after_key = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (window), "something else");
  before = clipboard_text (window);
  g_assert_cmpstr (before, ==, "something else");

  /* The context menu's item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "menu.popup", NULL));
  wait_frames (window, 2);
  {
    GtkWidget *popover = NULL;
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c;
         c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c))
        popover = c;
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "math.copy", NULL));
  after_menu = clipboard_text (window);
  g_assert_cmpstr (after_menu, ==, GRADIENT);

  /* Ctrl+C on the focused formula: the key binding, through the widget's shortcut controller. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (window), "something else");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  {
    gboolean found = FALSE;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        if (!GTK_IS_SHORTCUT_CONTROLLER (c))
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
          {
            g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (
              gtk_shortcut_get_trigger (s));
            if (g_str_equal (trigger, "<Control>c"))
              {
                found = TRUE;
                g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (s), 0,
                                                             GTK_WIDGET (view), NULL));
              }
          }
      }
    g_object_unref (controllers);
    g_assert_true (found);
  }
  after_key = clipboard_text (window);
  g_assert_cmpstr (after_key, ==, GRADIENT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A formula wider than a phone-sized page scrolls; the page keeps its width. */
static void
test_narrow (void)
{
  MlrMathView *view = NULL;
  GtkWidget *scrolled = mlr_math_view_new_scrolled (LONG, &view);
  GtkWidget *window = window_with (scrolled, 360);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("formula natural width %d px", nat);
  g_assert_cmpint (nat, >, 360);
  gtk_widget_measure (scrolled, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <, 100);
  g_assert_cmpint (gtk_widget_get_width (window), ==, 360);
  g_assert_cmpint (gtk_widget_get_width (scrolled), <=, 360);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >=, nat);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (h), <=, 360);
  /* Its whole height shows: nothing scrolls vertically. */
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (scrolled), >=, nat);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The mean brightness of the drawn ink (pixels that are not transparent), 0..1. */
static double
ink_brightness (GtkWidget *widget,
                guint     *n_ink)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;
  double sum = 0;
  guint n = 0;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  pixels = g_malloc (w * h * 4);
  gdk_texture_download (texture, pixels, w * 4);
  for (int i = 0; i < w * h; i++)
    {
      guchar *p = pixels + 4 * i;   /* B G R A, premultiplied */
      if (p[3] > 128)
        {
          sum += (p[0] + p[1] + p[2]) / (3.0 * p[3]);
          n++;
        }
    }
  g_free (pixels);
  *n_ink = n;
  return n ? sum / n : -1;
}

static void
test_dark_and_size (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  MlrMathView *view = NULL;
  GtkWidget *scrolled = mlr_math_view_new_scrolled (GRADIENT, &view);
  GtkWidget *window = window_with (scrolled, 600);
  g_autoptr(GtkCssProvider) big = gtk_css_provider_new ();
  double light, dark;
  guint n_light, n_dark;
  int nat_small, nat_big;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_frames (window, 2);
  light = ink_brightness (GTK_WIDGET (view), &n_light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (window, 2);
  dark = ink_brightness (GTK_WIDGET (view), &n_dark);
  g_test_message ("ink: light %.2f over %u px, dark %.2f over %u px", light, n_light, dark,
                  n_dark);
  g_assert_cmpuint (n_light, >, 50);
  g_assert_cmpuint (n_dark, >, 50);
  g_assert_cmpfloat (light, <, 0.3);
  g_assert_cmpfloat (dark, >, 0.7);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The text-size preference sets the page's font-size in CSS; the formula follows it. */
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_small,
                      NULL, NULL);
  gtk_css_provider_load_from_data (big, "window { font-size: 200%; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (big),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  wait_frames (window, 2);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_big,
                      NULL, NULL);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (big));
  g_test_message ("natural width %d px at 100 %%, %d px at 200 %%", nat_small, nat_big);
  g_assert_cmpfloat (nat_big, >, 1.8 * nat_small);
  g_assert_cmpfloat (nat_big, <, 2.2 * nat_small);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* GTK's test accessibility backend keeps what the widget tells a screen reader, so the test
   * can read it back (the suite's GTK_A11Y=none would keep nothing). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!ui_test_init_display (&status))
    return status;
  g_test_add_func ("/math-view/accessible", test_accessible);
  g_test_add_func ("/math-view/copy", test_copy);
  g_test_add_func ("/math-view/narrow", test_narrow);
  g_test_add_func ("/math-view/dark-and-size", test_dark_and_size);
  return g_test_run ();
}
