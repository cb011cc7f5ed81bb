/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The regression demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: a click adds a training point, a drag moves it and the fit and
 * scores follow at once, a right-click removes it; the keys do what the help says (Enter, T,
 * arrows, Delete, +/−, N, R); the "Least squares" check and the α slider stay in step; the
 * screen reader's sentence and the challenges' metrics follow every change; the widget is
 * freed when dropped.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "demos/mlr-regression-demo.h"
#include "painters/mlr-plot-text.h"
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
  demo_fixture_open_valist (f, "regression", MLR_TYPE_REGRESSION_DEMO, 900, 1000, first_key, ap);
  va_end (ap);
}

static MlrRegressionState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
collect_cb (const char *name,
            GVariant   *value,
            gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (name), g_variant_ref_sink (value));
}

/* The metric @name as the demo announces it to challenges, once the announcement (at most
 * every 300 ms) has caught up with the state. */
static double
metric (Fixture    *f,
        const char *name)
{
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) g_variant_unref);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GVariant *want;

  mlr_regression_state_collect_metrics (state_of (f), collect_cb, now);
  want = g_hash_table_lookup (now, name);
  g_assert_nonnull (want);
  for (;;)
    {
      g_autoptr(GVariant) v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), name);
      if (v != NULL && g_variant_equal (v, want))
        return g_variant_get_double (v);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
    }
}

/* The sentence the demo gives the screen reader (GTK_A11Y=none in tests: no AT context to
 * read it back from). */
static char *
description (Fixture *f)
{
  return mlr_regression_demo_describe_state (state_of (f));
}

static void
test_pointer (void)
{
  Fixture f = { 0 };
  MlrRegressionLayout L;
  gpointer drag, click;
  double px, py, x, y, rmse0, rmse1;
  guint n;
  gint64 draw_us;

  fixture_open (&f, "degree", "3", NULL);
  drag = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo))),
                          GTK_TYPE_GESTURE_DRAG, 0);
  click = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo))),
                           GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_SECONDARY);
  mlr_regression_demo_get_layout (f.demo, &L);
  n = mlr_regression_state_get_n_points (state_of (&f));
  rmse0 = metric (&f, "train_rmse");

  /* a click near the top edge, where no point is, adds a training point there */
  px = mlr_plot_x (&L.plot, 0.5);
  py = L.plot.y0 + 3;
  g_assert_cmpint (mlr_regression_state_find_point (state_of (&f), 0.5, L.plot.ymax, 0.05, 0.3),
                   <, 0);
  g_signal_emit_by_name (drag, "drag-begin", px, py);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpuint (mlr_regression_state_get_n_points (state_of (&f)), ==, n + 1);
  g_assert_false (mlr_regression_state_get_point (state_of (&f), n)->test);
  mlr_plot_to_data (&L.plot, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (mlr_regression_state_get_point (state_of (&f), n)->x, x, 1e-9);
  rmse1 = metric (&f, "train_rmse");
  g_assert_cmpfloat (rmse1, >, rmse0);  /* an outlier at the top costs the fit */

  /* a press on it and a drag move it down onto the curve's side; the fit follows at once */
  g_signal_emit_by_name (drag, "drag-begin", px + 1, py + 1);
  g_assert_cmpint (mlr_regression_state_get_selected (state_of (&f)), ==, (int) n);
  g_assert_cmpuint (mlr_regression_state_get_n_points (state_of (&f)), ==, n + 1);
  /* five drag frames: the median repaints well within a frame's time (the first after an
   * edit may warm up fonts and caches) */
  {
    double frames[5];
    for (int k = 0; k < 5; k++)
      {
        g_signal_emit_by_name (drag, "drag-update", 0.0, (10.0 - k) * L.plot.h / 20);
        demo_fixture_wait_for_draw (&f);
        frames[k] = mlr_demo_canvas_get_last_draw_us (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
      }
    qsort (frames, 5, sizeof (double), compare_doubles);
    draw_us = (gint64) frames[2];
    g_test_message ("drag frames painted in %.2f to %.2f ms, median %.2f ms", frames[0] / 1000,
                    frames[4] / 1000, frames[2] / 1000);
    /* generous, for a busy machine; under the sanitizers (MLR_TEST_SLOWDOWN, .ci/sanitize),
     * where every allocation unwinds its stack, only logged (bench-regression measures) */
    if (g_getenv ("MLR_TEST_SLOWDOWN") == NULL)
      g_assert_cmpint (draw_us, <, 100 * 1000);
  }
  g_signal_emit_by_name (drag, "drag-update", 0.0, L.plot.h / 2);
  mlr_plot_to_data (&L.plot, px + 1, py + 1 + L.plot.h / 2, &x, &y);
  g_assert_cmpfloat_with_epsilon (mlr_regression_state_get_point (state_of (&f), n)->y, y, 1e-9);
  g_signal_emit_by_name (drag, "drag-end", 0.0, L.plot.h / 2);
  g_assert_cmpfloat (metric (&f, "train_rmse"), <, rmse1);

  /* a right-click on it removes it, and the scores are what they were */
  g_signal_emit_by_name (click, "pressed", 1, px + 1, py + 1 + L.plot.h / 2);
  g_assert_cmpuint (mlr_regression_state_get_n_points (state_of (&f)), ==, n);
  g_assert_cmpfloat (metric (&f, "train_rmse"), ==, rmse0);
  demo_fixture_close (&f);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  MlrDemo *demo;
  guint n;
  int i;
  double x, test0;

  fixture_open (&f, NULL);
  demo = MLR_DEMO (f.demo);
  n = mlr_regression_state_get_n_points (state_of (&f));
  test0 = metric (&f, "test_rmse");

  /* Enter: a training point at the cursor, selected */
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Return, 0));
  i = mlr_regression_state_get_selected (state_of (&f));
  g_assert_cmpint (i, ==, (int) n);
  g_assert_false (mlr_regression_state_get_point (state_of (&f), i)->test);
  /* T: into the test set, and back */
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_t, 0));
  g_assert_true (mlr_regression_state_get_point (state_of (&f), i)->test);
  g_assert_cmpfloat (metric (&f, "test_rmse"), !=, test0);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_t, 0));
  g_assert_false (mlr_regression_state_get_point (state_of (&f), i)->test);
  /* arrows move it, Shift finer */
  x = mlr_regression_state_get_point (state_of (&f), i)->x;
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Right, 0));
  g_assert_cmpfloat_with_epsilon (mlr_regression_state_get_point (state_of (&f), i)->x,
                                  x + 1.1 / 40, 1e-12);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (mlr_regression_state_get_point (state_of (&f), i)->x,
                                  x + 1.1 / 40 - 1.1 / 200, 1e-12);
  /* Delete removes it; then Delete and T let the key go (nothing selected) */
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Delete, 0));
  g_assert_cmpuint (mlr_regression_state_get_n_points (state_of (&f)), ==, n);
  g_assert_false (mlr_demo_activate_canvas_key (demo, GDK_KEY_t, 0));
  /* Page Down selects the first point, Escape deselects */
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Page_Down, 0));
  g_assert_cmpint (mlr_regression_state_get_selected (state_of (&f)), ==, 0);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Escape, 0));
  g_assert_cmpint (mlr_regression_state_get_selected (state_of (&f)), ==, -1);
  /* + and − change the degree, and the slider follows */
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_plus, 0));
  g_assert_cmpstr (mlr_params_get_string (mlr_demo_get_params (demo), "degree"), ==, "4");
  g_assert_cmpfloat (mlr_demo_setting_get_number (mlr_demo_get_setting (demo, "degree")), ==, 4);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_minus, 0));
  g_assert_cmpuint (mlr_regression_state_get_degree (state_of (&f)), ==, 3);
  /* N: the next seed, other points */
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_n, 0));
  g_assert_cmpstr (mlr_params_get_string (mlr_demo_get_params (demo), "seed"), ==, "17");
  g_assert_cmpfloat (metric (&f, "test_rmse"), !=, test0);
  /* R: edits undone */
  mlr_regression_state_move_point (state_of (&f), 0, 0.5, 0.5);
  g_assert_true (mlr_regression_state_is_edited (state_of (&f)));
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_r, 0));
  g_assert_false (mlr_regression_state_is_edited (state_of (&f)));
  demo_fixture_close (&f);
}

/* The check reaches α = 0, the slider takes it back, and they agree. */
static void
test_least_squares_check (void)
{
  Fixture f = { 0 };
  GtkWidget *check;
  MlrDemo *demo;

  fixture_open (&f, "degree", "15", NULL);
  demo = MLR_DEMO (f.demo);
  check = demo_fixture_find_named (GTK_WIDGET (f.demo), "least-squares");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (mlr_demo_set_param (demo, "alpha", "0.0001", NULL));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  {
    double tamed = metric (&f, "test_rmse");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    g_assert_cmpfloat (mlr_regression_state_get_alpha (state_of (&f)), ==, 0);
    g_assert_cmpfloat (metric (&f, "test_rmse"), >, 10 * tamed);  /* degree 15 overfits */
  }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_cmpfloat (mlr_regression_state_get_alpha (state_of (&f)), ==, 1e-4);
  demo_fixture_close (&f);
}

/* The sentence follows the state, and names no NaN. */
static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  fixture_open (&f, "truth", "step", "degree", "2", NULL);
  text = description (&f);
  g_assert_nonnull (strstr (text, "A degree-2 polynomial, least squares, fitted to 20 training "
                                  "points from a step with noise σ 0.3."));
  g_assert_nonnull (strstr (text, "Bias² "));
  g_assert_nonnull (strstr (text, "The lowest test error is at degree"));
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "points", "0.5,1,0.5,2", NULL));
  after = description (&f);
  g_assert_nonnull (strstr (after, "Least squares cannot fit degree 2"));
  g_assert_null (strstr (after, "nan"));
  demo_fixture_close (&f);
}

/* Canvas text follows the page's font size (what Lesson Text Size sets in CSS), and is never
 * smaller than 11 px at 100%. */
static void
test_text_size (void)
{
  Fixture f = { 0 };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  MlrDemoCanvas *canvas;
  double normal;

  fixture_open (&f, NULL);
  canvas = mlr_demo_get_canvas (MLR_DEMO (f.demo));
  normal = mlr_demo_canvas_get_palette (canvas)->font_size;
  g_assert_cmpfloat (fabs (normal - 12), <, 0.01);
  g_assert_cmpfloat (mlr_text_pixels (mlr_demo_canvas_get_palette (canvas), 0.85), >=, 11);

  gtk_css_provider_load_from_data (css, "window { font-size: 150%; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  demo_fixture_wait_for_draw (&f);
  g_assert_cmpfloat (fabs (mlr_demo_canvas_get_palette (canvas)->font_size - 18), <, 0.01);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (css));
  demo_fixture_wait_for_draw (&f);
  g_assert_cmpfloat (fabs (mlr_demo_canvas_get_palette (canvas)->font_size - normal), <, 0.01);
  demo_fixture_close (&f);
}

int
main (int    argc,
      char **argv)
{
  int exit_status;

  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  if (!ui_test_init_display (&exit_status))
    return exit_status;
  g_test_add_func ("/ui/regression-demo/pointer", test_pointer);
  g_test_add_func ("/ui/regression-demo/keys", test_keys);
  g_test_add_func ("/ui/regression-demo/least-squares-check", test_least_squares_check);
  g_test_add_func ("/ui/regression-demo/description", test_description);
  g_test_add_func ("/ui/regression-demo/text-size", test_text_size);
  return g_test_run ();
}
