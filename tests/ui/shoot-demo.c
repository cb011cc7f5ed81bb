/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * shoot-demo: a picture of one demo widget — canvas and controls — as a lesson shows it, for
 * looking at (and for README/AppStream screenshots). Not a test: run it under Xvfb.
 *
 *   xvfb-run -a build/tests/ui/shoot-demo matrix out.png [--width 740] [--dark]
 *                                           [--menu] [KEY=VALUE...]
 *
 * --menu opens the demo's More menu first, so its controls are in the picture.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "demos/mlr-demo.h"
#include "ui-test-init.h"


static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

/* With MLR_SHOOT_SIZES set: each widget's name, visibility, allocation and height for its
 * width, three levels deep (to see why a demo is as tall as it is). */
static void
dump_sizes (GtkWidget *w,
            int        depth)
{
  int min, nat;

  gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (w), &min, &nat, NULL,
                      NULL);
  g_printerr ("%*s%s “%s” %s %dx%d, height for its width %d..%d\n", depth * 2, "",
              G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w),
              gtk_widget_get_visible (w) ? "shown" : "hidden", gtk_widget_get_width (w),
              gtk_widget_get_height (w), min, nat);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c && depth < 3;
       c = gtk_widget_get_next_sibling (c))
    dump_sizes (c, depth + 1);
}

/* @widget to @path, its top @height pixels (-1: all of it). */
static gboolean
save (GtkWidget  *widget,
      const char *path,
      int         height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget), full = gtk_widget_get_height (widget);
  int h = height > 0 ? MIN (height, full) : full;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* at its own size (a smaller one would scale it), then cut to @height */
  gdk_paintable_snapshot (paintable, snapshot, w, full);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  return gdk_texture_save_to_png (texture, path);
}

int
main (int    argc,
      char **argv)
{
  int width = 740;
  gboolean dark = FALSE, menu = FALSE;
  const char *kind, *out;
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(GError) error = NULL;
  const MlrDemoKind *k;
  GtkWidget *window, *box, *demo;

  if (argc < 3)
    {
      g_printerr ("usage: shoot-demo DEMO OUT.png [--width W] [--dark] [--menu] [KEY=VALUE...]\n");
      return 2;
    }
  kind = argv[1];
  out = argv[2];
  gtk_init ();
  adw_init ();
  mlr_demo_registry_init ();
  k = mlr_demo_registry_lookup (kind);
  if (k == NULL)
    {
      g_printerr ("no demo called %s\n", kind);
      return 2;
    }
  params = mlr_demo_kind_new_params (k);
  for (int i = 3; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dark"))
        dark = TRUE;
      else if (g_str_equal (argv[i], "--menu"))
        menu = TRUE;
      else if (g_str_equal (argv[i], "--width") && i + 1 < argc)
        width = atoi (argv[++i]);
      else if (!mlr_params_parse_assignment (params, argv[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  demo = mlr_demo_new (kind, params, &error);
  if (demo == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "view");
  gtk_widget_set_margin_start (demo, 12);
  gtk_widget_set_margin_end (demo, 12);
  gtk_widget_set_margin_top (demo, 12);
  gtk_widget_set_margin_bottom (demo, 12);
  gtk_box_append (GTK_BOX (box), demo);
  gtk_window_set_child (GTK_WINDOW (window), box);
  {
    /* the height a lesson page gives the demo at this width */
    int min, nat;
    gtk_widget_measure (demo, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
    gtk_window_set_default_size (GTK_WINDOW (window), width + 24, nat + 24);
  }
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_ms (1500);  /* first frames, an off-thread fit */
  if (menu)
    {
      GtkWidget *more = find_named (demo, "more");
      if (more != NULL)
        gtk_menu_button_popup (GTK_MENU_BUTTON (more));
      ui_test_wait_ms (500);
    }
  /* a frame at the final size (a paintable shows the last one drawn) */
  gtk_widget_queue_draw (demo);
  ui_test_wait_ms (300);
  if (g_getenv ("MLR_SHOOT_SIZES") != NULL)
    dump_sizes (demo, 0);
  /* the window may be taller than the demo: keep the demo and its margins */
  if (!save (box, out, gtk_widget_get_height (demo) + 24))
    return 1;
  if (menu)
    {
      GtkWidget *more = find_named (demo, "more");
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (more));
      g_autofree char *menu_out = g_strconcat (out, ".menu.png", NULL);
      save (GTK_WIDGET (popover), menu_out, -1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
