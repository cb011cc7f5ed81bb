/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A figure's paintable (app/views/mlr-figure-paintable.c): through either node it draws, with
 * the cairo renderer, the very pixels a texture node of the decoded texture draws (straight
 * alpha included, at its own size and stretched); it draws a texture node until told the
 * renderer is cairo, and a cairo node after; and a picture's paintable follows the renderer of
 * the window once the picture is realized, as a lesson's figures do.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "views/mlr-figure-paintable.h"
#include "ui-test-init.h"

#define TEX_W 37
#define TEX_H 23

/* A texture with every kind of pixel: straight alpha from 0 to 255, so premultiplying shows. */
static GdkTexture *
make_texture (void)
{
  g_autofree guchar *data = g_malloc (TEX_W * TEX_H * 4);
  g_autoptr(GBytes) bytes = NULL;
  GRand *rand = g_rand_new_with_seed (19);

  for (int i = 0; i < TEX_W * TEX_H * 4; i++)
    data[i] = (guchar) g_rand_int_range (rand, 0, 256);
  data[3] = 0;      /* a transparent pixel and an opaque one, for sure */
  data[7] = 255;
  g_rand_free (rand);
  bytes = g_bytes_new_take (g_steal_pointer (&data), TEX_W * TEX_H * 4);
  return gdk_memory_texture_new (TEX_W, TEX_H, GDK_MEMORY_R8G8B8A8, bytes, TEX_W * 4);
}

static GskRenderNode *
snapshot_paintable (GdkPaintable *paintable,
                    double        w,
                    double        h)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  return gtk_snapshot_free_to_node (snapshot);
}

/* @node drawn by GSK's cairo renderer, as bytes (premultiplied ARGB32). */
static GBytes *
render_with_cairo (GskRenderNode *node,
                   int            w,
                   int            h)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data = g_malloc0 ((gsize) w * h * 4);

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_download (texture, data, (gsize) w * 4);
  gsk_renderer_unrealize (renderer);
  return g_bytes_new_take (data, (gsize) w * h * 4);
}

static int
max_difference (GBytes *a,
                GBytes *b)
{
  const guchar *x = g_bytes_get_data (a, NULL), *y = g_bytes_get_data (b, NULL);
  int most = 0;

  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  for (gsize i = 0; i < g_bytes_get_size (a); i++)
    most = MAX (most, ABS ((int) x[i] - (int) y[i]));
  return most;
}

static void
test_same_pixels (void)
{
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(MlrFigurePaintable) paintable = mlr_figure_paintable_new (texture);
  /* its own size, stretched (as GtkPicture does where a column is narrower), and enlarged */
  const double sizes[][2] = { { TEX_W, TEX_H }, { 20.5, 12.25 }, { 80, 50 } };

  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), ==, TEX_W);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (paintable)), ==, TEX_H);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double w = sizes[i][0], h = sizes[i][1];
      int pw = (int) ceil (w), ph = (int) ceil (h);
      g_autoptr(GskRenderNode) reference =
        gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_autoptr(GBytes) expected = render_with_cairo (reference, pw, ph);

      for (int for_cairo = 0; for_cairo <= 1; for_cairo++)
        {
          g_autoptr(GskRenderNode) node = NULL;
          g_autoptr(GBytes) got = NULL;

          mlr_figure_paintable_set_for_cairo (paintable, for_cairo);
          node = snapshot_paintable (GDK_PAINTABLE (paintable), w, h);
          g_assert_cmpint (gsk_render_node_get_node_type (node), ==,
                           for_cairo ? GSK_CAIRO_NODE : GSK_TEXTURE_NODE);
          got = render_with_cairo (node, pw, ph);
          g_test_message ("%.2f x %.2f, %s node: largest difference %d", w, h,
                          for_cairo ? "cairo" : "texture", max_difference (got, expected));
          /* Stretched to a fraction of a pixel, the cairo node's recording rounds its bounds
           * out to whole pixels and edge pixels blend a little differently; otherwise the
           * bytes are the same. */
          if (for_cairo && (w != floor (w) || h != floor (h)))
            g_assert_cmpint (max_difference (got, expected), <=, 4);
          else
            g_assert_true (g_bytes_equal (got, expected));
        }
    }
}

static void
count_cb (GdkPaintable *paintable,
          guint        *count)
{
  (*count)++;
}

static void
test_nodes (void)
{
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(MlrFigurePaintable) paintable = mlr_figure_paintable_new (texture);
  g_autoptr(GskRenderNode) before = NULL;
  g_autoptr(GskRenderNode) after = NULL;
  g_autoptr(GskRenderNode) empty = NULL;
  guint invalidated = 0;

  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (count_cb), &invalidated);
  g_assert_false (mlr_figure_paintable_get_for_cairo (paintable));
  before = snapshot_paintable (GDK_PAINTABLE (paintable), TEX_W, TEX_H);
  g_assert_cmpint (gsk_render_node_get_node_type (before), ==, GSK_TEXTURE_NODE);
  /* its own copy of the pixels, in the format both renderers take as it is */
  g_assert_true (gsk_texture_node_get_texture (before) ==
                 mlr_figure_paintable_get_texture (paintable));
  g_assert_true (mlr_figure_paintable_get_texture (paintable) != texture);

  mlr_figure_paintable_set_for_cairo (paintable, TRUE);
  mlr_figure_paintable_set_for_cairo (paintable, TRUE);
  g_assert_cmpuint (invalidated, ==, 1);
  after = snapshot_paintable (GDK_PAINTABLE (paintable), TEX_W, TEX_H);
  g_assert_cmpint (gsk_render_node_get_node_type (after), ==, GSK_CAIRO_NODE);
  empty = snapshot_paintable (GDK_PAINTABLE (paintable), 0, TEX_H);
  g_assert_null (empty);
  mlr_figure_paintable_set_for_cairo (paintable, FALSE);
  g_assert_cmpuint (invalidated, ==, 2);
}

/* Before its window is realized a picture's paintable draws a texture node; after, it draws
 * what suits the window's renderer: a cairo node when GSK_RENDERER=cairo. */
static void
test_follow (void)
{
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(MlrFigurePaintable) paintable = mlr_figure_paintable_new (texture);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (paintable));
  const char *chosen = g_getenv ("GSK_RENDERER");
  GskRenderer *renderer;

  gtk_window_set_child (GTK_WINDOW (window), picture);
  mlr_figure_paintable_follow (paintable, picture);
  g_assert_false (mlr_figure_paintable_get_for_cairo (paintable));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_ms (100);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  mlr_figure_paintable_follow (paintable, picture);
  g_test_message ("renderer %s", G_OBJECT_TYPE_NAME (renderer));
  g_assert_cmpint (mlr_figure_paintable_get_for_cairo (paintable), ==,
                   GSK_IS_CAIRO_RENDERER (renderer));
  if (chosen != NULL && g_ascii_strcasecmp (chosen, "cairo") == 0)
    g_assert_true (mlr_figure_paintable_get_for_cairo (paintable));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int exit_status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&exit_status))
    return exit_status;
  g_test_add_func ("/figure-paintable/same-pixels", test_same_pixels);
  g_test_add_func ("/figure-paintable/nodes", test_nodes);
  g_test_add_func ("/figure-paintable/follow", test_follow);
  return g_test_run ();
}
