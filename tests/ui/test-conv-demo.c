/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The convolution demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: the pointer over the feature map or the input picks the output
 * pixel and repaints within a frame; a press on the kernel picks a weight; the keys do what
 * the help says (arrows, Page Up/Down, + −, 0 1, N, K) and turn the kernel into "Your own";
 * "Open image…" reads a picture off the UI thread, scales it to fit 128×128 and toasts what
 * it did, or what was wrong; the metrics and the screen reader's sentence follow.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-conv-demo.h"
#include "painters/mlr-conv-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

/* The demo a lesson builds for these attributes (NULL-terminated key, value pairs), in a
 * window with a "lesson.toast" action that records what it is asked to show. */
static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "convolution", MLR_TYPE_CONV_DEMO, 900, 1000, first_key, ap);
  va_end (ap);
}

static MlrConvState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static void
layout_of (Fixture       *f,
           MlrConvLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f->demo)));

  mlr_conv_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                           mlr_demo_get_palette (MLR_DEMO (f->demo)), state_of (f), layout);
}

static void
selection (Fixture *f,
           guint   *x,
           guint   *y)
{
  mlr_conv_state_get_selection (state_of (f), x, y);
}

static void
test_pointer (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  GtkEventController *motion;
  GtkGesture *click;
  MlrConvLayout L;
  guint x, y;

  fixture_open (&f, "kernel", "sobel-y", "stride", "2", "padding", "1", NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  motion = demo_fixture_find_controller (canvas, GTK_TYPE_EVENT_CONTROLLER_MOTION, 0);
  click = demo_fixture_find_controller (canvas, GTK_TYPE_GESTURE_CLICK, 0);
  layout_of (&f, &L);

  /* over the feature map: that pixel */
  g_signal_emit_by_name (motion, "motion", L.feat_x + 10.5 * L.feat_cell,
                         L.feat_y + 20.5 * L.feat_cell);
  demo_fixture_wait_for_draw (&f);
  selection (&f, &x, &y);
  g_assert_cmpuint (x, ==, 10);
  g_assert_cmpuint (y, ==, 20);
  g_assert_cmpstr (mlr_params_get_string (mlr_demo_get_params (MLR_DEMO (f.demo)), "x"), ==,
                   "10");
  /* over the input: the window centred on the pixel under the pointer; with stride 2 and
   * padding 1 the padded pixel 2·12 + 1 is the middle of output column 12's window */
  g_signal_emit_by_name (motion, "motion", L.in_x + 25.5 * L.in_cell, L.in_y + 9.5 * L.in_cell);
  selection (&f, &x, &y);
  g_assert_cmpuint (x, ==, 12);
  g_assert_cmpuint (y, ==, 4);
  /* a press on the kernel's bottom-right weight picks it for the keys */
  g_signal_emit_by_name (click, "pressed", 1, L.kern_x + 2.5 * L.calc_cell,
                         L.kern_y + 2.5 * L.calc_cell);
  g_assert_cmpint (mlr_conv_demo_get_edit_cell (f.demo), ==, 8);
  demo_fixture_close (&f);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  guint x, y, k;
  const double *w;
  double sum = 0;

  fixture_open (&f, "x", "0", "y", "0", NULL);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Down, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Down, 0));
  selection (&f, &x, &y);
  g_assert_cmpuint (x, ==, 1);
  g_assert_cmpuint (y, ==, 2);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));  /* stays at the edge */
  selection (&f, &x, &y);
  g_assert_cmpuint (x, ==, 0);

  /* Sobel x's middle weight is 0; Page Down picks the next (2), + makes it 3 */
  g_assert_cmpint (mlr_conv_demo_get_edit_cell (f.demo), ==, 4);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Down, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
  w = mlr_conv_state_get_weights (state_of (&f), &k);
  g_assert_cmpfloat (w[5], ==, 3);
  g_assert_cmpstr (mlr_conv_state_get_kernel_id (state_of (&f)), ==, "custom");
  g_assert_cmpstr (mlr_params_get_string (mlr_demo_get_params (MLR_DEMO (f.demo)), "kernel"),
                   ==, "custom");
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_minus, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_0, 0));
  w = mlr_conv_state_get_weights (state_of (&f), &k);
  g_assert_cmpfloat (w[5], ==, 0);
  /* the weights now add up to −2: N divides by that */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_n, 0));
  w = mlr_conv_state_get_weights (state_of (&f), &k);
  for (guint i = 0; i < 9; i++)
    sum += w[i];
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-12);
  g_assert_cmpfloat (w[3], ==, 1);  /* −2 / −2 */

  /* K: the 3×3 kernel in the middle of a 5×5 one; the map shrinks by 2 */
  demo_fixture_assert_metric (&f, "out_width", 62);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_k, 0));
  w = mlr_conv_state_get_weights (state_of (&f), &k);
  g_assert_cmpuint (k, ==, 5);
  g_assert_cmpfloat (w[2 * 5 + 1], ==, 1);
  g_assert_cmpfloat (w[0], ==, 0);
  demo_fixture_assert_metric (&f, "out_width", 60);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_k, 0));
  mlr_conv_state_get_weights (state_of (&f), &k);
  g_assert_cmpuint (k, ==, 3);

  /* a preset brings its weights back; N on weights that add up to 0 says why it cannot */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "kernel", "laplacian", NULL));
  w = mlr_conv_state_get_weights (state_of (&f), &k);
  g_assert_cmpfloat (w[4], ==, 4);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_n, 0));
  g_assert_nonnull (strstr (f.toasts->str, "add up to 0"));
  g_assert_cmpstr (mlr_conv_state_get_kernel_id (state_of (&f)), ==, "laplacian");
  demo_fixture_close (&f);
}

static gboolean
save_png (const char *path,
          int         width,
          int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  return gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL);
}

static void
test_open_image (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("mlr-conv-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.png", NULL);
  g_autofree char *tiny = g_build_filename (dir, "tiny.png", NULL);
  g_autofree char *text = g_build_filename (dir, "text.png", NULL);
  g_autofree char *sentence = NULL;
  const MlrConvGrid *in;
  double grey = 0.2126 * 0x33 / 255.0 + 0.7152 * 0x66 / 255.0 + 0.0722 * 0x99 / 255.0;
  gsize before;

  fixture_open (&f, NULL);
  g_assert_true (save_png (big, 400, 300));
  g_assert_true (save_png (tiny, 3, 3));
  g_assert_true (g_file_set_contents (text, "not a picture", -1, NULL));

  before = f.toasts->len;
  mlr_conv_demo_open_file (f.demo, big);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (strstr (f.toasts->str + before, "Opened “big.png” as 128×96 grey pixels"));
  in = mlr_conv_state_get_input (state_of (&f));
  g_assert_cmpuint (in->width, ==, 128);
  g_assert_cmpuint (in->height, ==, 96);
  g_assert_cmpfloat_with_epsilon (in->values[0], grey, 1e-12);
  demo_fixture_assert_metric (&f, "out_width", 126);
  demo_fixture_assert_metric (&f, "out_height", 94);
  demo_fixture_assert_metric (&f, "max", 0);  /* Sobel x of a flat grey */
  sentence = mlr_conv_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (sentence, "your picture “big.png”, 128×96 pixels"));

  before = f.toasts->len;
  mlr_conv_demo_open_file (f.demo, tiny);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (strstr (f.toasts->str + before, "at least 5×5"));
  g_assert_cmpuint (mlr_conv_state_get_input (state_of (&f))->width, ==, 128);

  before = f.toasts->len;
  mlr_conv_demo_open_file (f.demo, text);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (strstr (f.toasts->str + before, "Could not open the picture: "));
  g_assert_nonnull (strstr (f.toasts->str + before, "text.png: not a picture"));

  /* the menu's way back to the built-in image the control shows (digit, the default) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.demo), "conv.builtin", NULL));
  g_assert_null (mlr_conv_state_get_own_name (state_of (&f)));
  g_assert_cmpuint (mlr_conv_state_get_input (state_of (&f))->width, ==, 64);
  demo_fixture_assert_metric (&f, "out_width", 62);
  before = f.toasts->len;
  mlr_conv_demo_open_file (f.demo, big);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (mlr_conv_state_get_own_name (state_of (&f)));

  /* a built-in image replaces the opened one */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "image", "gradient", NULL));
  g_assert_null (mlr_conv_state_get_own_name (state_of (&f)));
  g_assert_cmpuint (mlr_conv_state_get_input (state_of (&f))->width, ==, 64);

  g_unlink (big);
  g_unlink (tiny);
  g_unlink (text);
  g_rmdir (dir);
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;

  fixture_open (&f, "image", "gradient", "kernel", "sobel-x", "padding", "1", "relu", "true",
                "pool", "true", "x", "10", "y", "10", NULL);
  text = mlr_conv_demo_describe_state (state_of (&f));
  /* inside the ramp, Sobel x is (1 + 2 + 1) × 2/63 = 0.127; NumPy: mean 0.123 after the ReLU */
  g_assert_cmpstr (text, ==, "A Sobel x kernel (3×3) slides over the gradient, 64×64 pixels, "
                             "with stride 1 and padding 1: a 64×64 feature map from 0.00 to "
                             "0.13, mean 0.12 after the ReLU. Max pooling makes it 32×32. "
                             "Output pixel column 10, row 10 is 0.13, the sum of the 9 pixels "
                             "under the window times the weights.");
  demo_fixture_assert_metric (&f, "out_width", 32);
  demo_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  int exit_status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&exit_status))
    return exit_status;

  g_test_add_func ("/ui/conv-demo/pointer", test_pointer);
  g_test_add_func ("/ui/conv-demo/keys", test_keys);
  g_test_add_func ("/ui/conv-demo/open-image", test_open_image);
  g_test_add_func ("/ui/conv-demo/description", test_description);
  return g_test_run ();
}
