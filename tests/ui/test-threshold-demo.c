/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The threshold demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: a drag across the histogram moves the threshold with the pointer
 * and repaints within a frame; a press on the ROC curve takes the threshold of its point; the
 * keys do what the help says (arrows, Page Up/Down one distinct score, O, C, N); the slider
 * and the canvas agree; a bad CSV toasts FILE:LINE and leaves the scores, a good one replaces
 * them and hides the generator's controls; export writes what evaluate reads; the metrics
 * and the screen reader's sentence follow.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-threshold-demo.h"
#include "painters/mlr-threshold-painter.h"
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
  demo_fixture_open_valist (f, "threshold", MLR_TYPE_THRESHOLD_DEMO, 900, 1000, first_key, ap);
  va_end (ap);
}

static MlrThresholdState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static double
threshold (Fixture *f)
{
  return mlr_threshold_state_get_threshold (state_of (f));
}

static void
layout_of (Fixture            *f,
           MlrThresholdLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f->demo)));

  mlr_threshold_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                                mlr_demo_get_palette (MLR_DEMO (f->demo)), state_of (f), layout);
}

static gboolean
control_shown (Fixture    *f,
               const char *key)
{
  g_autofree char *name = g_strconcat ("param-", key, NULL);
  GtkWidget *w = demo_fixture_find_named (GTK_WIDGET (f->demo), name);

  /* a control whose key has not mattered yet is not built (a key of the demo all the same) */
  g_assert_nonnull (mlr_demo_get_setting (MLR_DEMO (f->demo), key));
  if (w == NULL)
    return FALSE;
  return gtk_widget_get_visible (gtk_widget_get_parent (w));
}

static double
metric (Fixture    *f,
        const char *name)
{
  g_autoptr(GVariant) v = NULL;

  /* the metrics are announced with the description, at most every 300 ms */
  ui_test_wait_ms (400);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), name);
  g_assert_nonnull (v);
  return g_variant_get_double (v);
}

static void
test_drag_moves_threshold (void)
{
  Fixture f = { 0 };
  MlrThresholdLayout layout;
  gpointer drag;
  MlrDemoCanvas *canvas;
  guint draws;
  gint64 t0;
  double y, x;

  fixture_open (&f, "threshold", "0.5", NULL);
  layout_of (&f, &layout);
  g_assert_false (layout.narrow);
  drag = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo))),
                          GTK_TYPE_GESTURE_DRAG, 0);
  canvas = mlr_demo_get_canvas (MLR_DEMO (f.demo));

  /* a press on the histogram at 0.2, then dragged to 0.7: the threshold follows */
  x = mlr_plot_x (&layout.hist, 0.2);
  y = layout.hist.y0 + layout.hist.h / 2;
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_assert_cmpfloat_with_epsilon (threshold (&f), 0.2, 0.002);
  draws = mlr_demo_canvas_get_draw_count (canvas);
  t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (drag, "drag-update", mlr_plot_x (&layout.hist, 0.7) - x, 300.0);
  g_assert_cmpfloat_with_epsilon (threshold (&f), 0.7, 0.002);
  demo_fixture_wait_for_draw (&f);
  g_test_message ("a drag frame painted in %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (mlr_demo_canvas_get_draw_count (canvas), >, draws);
  /* beyond the plot: clamped to 1 */
  g_signal_emit_by_name (drag, "drag-update", 5000.0, 0.0);
  g_assert_cmpfloat (threshold (&f), ==, 1);
  g_signal_emit_by_name (drag, "drag-end", 5000.0, 0.0);

  /* the slider follows the canvas */
  {
    GtkWidget *slider = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-threshold");
    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (slider)), ==, 1);
    gtk_range_set_value (GTK_RANGE (slider), 0.25);
    g_assert_cmpfloat (threshold (&f), ==, 0.25);
  }

  /* a press on the ROC curve's point takes that point's threshold */
  {
    const MlrScores *s = mlr_threshold_state_get_scores (state_of (&f));
    guint k = mlr_scores_get_n_groups (s) / 3, tp, fp;
    MlrConfusion cm;

    layout_of (&f, &layout);
    mlr_scores_get_flagged (s, k, &tp, &fp);
    g_signal_emit_by_name (drag, "drag-begin",
                           mlr_plot_x (&layout.roc, (double) fp / mlr_scores_get_n_negative (s)),
                           mlr_plot_y (&layout.roc, (double) tp / mlr_scores_get_n_positive (s)));
    g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
    mlr_threshold_state_get_confusion (state_of (&f), &cm);
    g_assert_cmpuint (cm.tp, ==, tp);
    g_assert_cmpuint (cm.fp, ==, fp);
    g_assert_cmpfloat (metric (&f, "recall"), ==, (double) tp / mlr_scores_get_n_positive (s));
  }
  demo_fixture_close (&f);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  const MlrScores *s;
  MlrConfusion cm;
  guint k;

  fixture_open (&f, "threshold", "0.5", "cost_fn", "5", NULL);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_cmpfloat (threshold (&f), ==, 0.51);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpfloat (threshold (&f), ==, 0.511);
  /* onto the hundredths below, then a hundredth at a time */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpfloat (threshold (&f), ==, 0.51);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpfloat (threshold (&f), ==, 0.5);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpfloat (threshold (&f), ==, 0.49);

  /* Page Down calls one more distinct score positive */
  s = mlr_threshold_state_get_scores (state_of (&f));
  k = mlr_scores_count_at_or_above (s, threshold (&f));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Down, 0));
  g_assert_cmpuint (mlr_scores_count_at_or_above (s, threshold (&f)), ==, k + 1);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Up, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Up, 0));
  g_assert_cmpuint (mlr_scores_count_at_or_above (s, threshold (&f)), ==, k - 1);

  /* O: the cheapest threshold for a miss costing five false alarms */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_o, 0));
  g_assert_cmpfloat (threshold (&f), ==, mlr_threshold_state_get_optimal (state_of (&f), NULL));
  g_assert_cmpfloat (threshold (&f), <, 0.5);
  {
    double best, cost;
    mlr_threshold_state_get_optimal (state_of (&f), &best);
    mlr_threshold_state_get_confusion (state_of (&f), &cm);
    cost = mlr_confusion_cost (&cm, 1, 5);
    g_assert_cmpfloat (cost, ==, best);
    /* no other threshold does better */
    for (double t = 0; t <= 1; t += 0.001)
      {
        MlrConfusion other;
        mlr_scores_confusion (mlr_threshold_state_get_scores (state_of (&f)), t, &other);
        g_assert_cmpfloat (mlr_confusion_cost (&other, 1, 5), >=, best);
      }
  }

  /* C: Platt scaling, and back */
  {
    double ece = metric (&f, "ece");
    g_assert_true (demo_fixture_press_key (&f, GDK_KEY_c, 0));
    g_assert_true (mlr_threshold_state_get_calibrate (state_of (&f)));
    g_assert_true (mlr_params_get_bool (mlr_demo_get_params (MLR_DEMO (f.demo)), "calibrate"));
    g_assert_cmpfloat (metric (&f, "ece"), <, ece);
    g_assert_true (demo_fixture_press_key (&f, GDK_KEY_c, 0));
    g_assert_false (mlr_threshold_state_get_calibrate (state_of (&f)));
  }

  /* N: the next seed */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_n, 0));
  g_assert_cmpint (mlr_params_get_int (mlr_demo_get_params (MLR_DEMO (f.demo)), "seed"), ==, 2);
  demo_fixture_close (&f);
}

static void
test_csv_import_export (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("mlr-threshold-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *one = g_build_filename (dir, "one.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  double auc;

  fixture_open (&f, NULL);
  auc = mlr_threshold_state_get_auc (state_of (&f));
  g_assert_true (control_shown (&f, "separation"));

  /* a bad file: nothing changes, a toast names the file and the line */
  g_assert_true (g_file_set_contents (bad, "label,score\n1,0.5\n0,1.2\n", -1, NULL));
  g_assert_false (mlr_threshold_demo_import_file (f.demo, bad));
  g_assert_nonnull (strstr (f.toasts->str, "bad.csv:3: score: “1.2” is not a score from 0 to 1"));
  g_assert_cmpfloat (mlr_threshold_state_get_auc (state_of (&f)), ==, auc);
  /* one class: refused, named */
  g_assert_true (g_file_set_contents (one, "label,score\n1,0.5\n1,0.2\n", -1, NULL));
  g_assert_false (mlr_threshold_demo_import_file (f.demo, one));
  g_assert_nonnull (strstr (f.toasts->str, "one.csv: every label is 1"));
  g_assert_null (mlr_threshold_state_get_source_name (state_of (&f)));

  /* a good one: its scores, the generator's controls hidden, N does nothing */
  g_assert_true (g_file_set_contents (good, "score,label\n0.9,1\n0.8,0\n0.7,1\n0.1,0\n", -1,
                                      NULL));
  g_assert_true (mlr_threshold_demo_import_file (f.demo, good));
  g_assert_nonnull (strstr (f.toasts->str, "Imported 4 scores from “good.csv”"));
  g_assert_cmpfloat (mlr_threshold_state_get_auc (state_of (&f)), ==, 0.75);
  g_assert_cmpfloat (metric (&f, "auc"), ==, 0.75);
  g_assert_false (control_shown (&f, "separation"));
  g_assert_false (control_shown (&f, "positives"));
  g_assert_true (control_shown (&f, "threshold"));
  g_assert_false (demo_fixture_press_key (&f, GDK_KEY_n, 0));

  /* export writes the scores in use, highest first */
  g_assert_true (mlr_threshold_demo_export_csv (f.demo, out, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "label,score\n1,0.9\n0,0.8\n1,0.7\n0,0.1\n");
  }

  /* back to generated scores */
  gtk_widget_activate_action (GTK_WIDGET (f.demo), "threshold.use-generated", NULL);
  g_assert_null (mlr_threshold_state_get_source_name (state_of (&f)));
  g_assert_cmpfloat (mlr_threshold_state_get_auc (state_of (&f)), ==, auc);
  g_assert_true (control_shown (&f, "separation"));

  g_unlink (bad);
  g_unlink (one);
  g_unlink (good);
  g_unlink (out);
  g_rmdir (dir);
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;

  fixture_open (&f, "n", "200", "positives", "0.25", "threshold", "0.5", NULL);
  text = mlr_threshold_demo_describe_state (state_of (&f));
  g_assert_true (g_str_has_prefix (text, "Threshold 0.500 on 200 scores, 50 of them positive: "
                                         "it catches "));
  g_assert_nonnull (strstr (text, "ROC AUC 0."));
  g_assert_null (strstr (text, "nan"));
  /* nothing flagged: the 0/0 is said, not hidden */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "threshold", "1", NULL));
  none = mlr_threshold_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (none, "Nothing is called positive, so precision is 0"));
  g_assert_cmpfloat (metric (&f, "precision"), ==, 0);
  g_assert_cmpfloat (metric (&f, "f1"), ==, 0);
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

  g_test_add_func ("/ui/threshold-demo/drag-moves-threshold", test_drag_moves_threshold);
  g_test_add_func ("/ui/threshold-demo/keys", test_keys);
  g_test_add_func ("/ui/threshold-demo/csv-import-export", test_csv_import_export);
  g_test_add_func ("/ui/threshold-demo/description", test_description);
  return g_test_run ();
}
