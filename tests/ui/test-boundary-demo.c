/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary demo widget in a real window (Xvfb in CI), driven through the same
 * handlers a person's input reaches: it opens with the lesson's parameters and fits off the
 * UI thread; a control change refits and changes the accuracy (waiting for the worker with a
 * timeout); a click adds a point of the chosen class, a drag moves one, a right-click removes
 * one; only the chosen model's controls show; a bad CSV leaves the data alone and toasts
 * FILE:LINE, a good one replaces it; the keys do what the help says; an mlp trains live with
 * reset, step and play; rapid changes end on the newest picture; the widget is freed when
 * dropped, even with a fit in flight.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-boundary-demo.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

/* Iterates the main loop until the worker's answer to everything asked so far is shown. */
static void
wait_for_fit (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  MlrBoundaryState *state = mlr_demo_get_state (MLR_DEMO (f->demo));

  while ((mlr_boundary_demo_is_busy (f->demo) ||
          (!mlr_boundary_state_is_current (state) &&
           mlr_boundary_state_get_error (state) == NULL)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (mlr_boundary_demo_is_busy (f->demo));
  g_assert_true (mlr_boundary_state_is_current (state) ||
                 mlr_boundary_state_get_error (state) != NULL);
}

/* A window holding the demo a lesson would build for these attributes (NULL-terminated
 * key, value pairs), through the registry as the lesson page does, with a "lesson.toast"
 * action that records what it is asked to show. */
static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "decision-boundary", MLR_TYPE_BOUNDARY_DEMO, 900, 900, first_key, ap);
  va_end (ap);
  wait_for_fit (f);
}

/* Whether the control of @key is shown (its group, the box with its label, is visible). */
static gboolean
control_shown (Fixture    *f,
               const char *key)
{
  g_autofree char *name = g_strconcat ("param-", key, NULL);
  GtkWidget *w = demo_fixture_find_named (GTK_WIDGET (f->demo), name);

  /* a generated control whose key has not mattered yet is not built; the subclass's own
   * (layers, units) are */
  g_assert_true (w != NULL || mlr_demo_get_setting (MLR_DEMO (f->demo), key) != NULL);
  if (w == NULL)
    return FALSE;
  return gtk_widget_get_visible (gtk_widget_get_parent (w));
}

static const MlrBoundaryResult *
result_of (Fixture *f)
{
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (mlr_demo_get_state (MLR_DEMO (f->demo)));

  g_assert_nonnull (r);
  return r;
}

/* A spot of the plane, in canvas pixels, with no point within @clear pixels. */
static void
empty_spot (Fixture *f,
            double   clear,
            double  *px,
            double  *py)
{
  MlrBoundaryState *state = mlr_demo_get_state (MLR_DEMO (f->demo));
  const MlrDataset *pts = mlr_boundary_state_get_points (state);
  MlrBoundaryLayout layout;

  mlr_boundary_demo_get_layout (f->demo, &layout);
  for (double y = layout.plot.y0 + 30; y < layout.plot.y0 + layout.plot.h - 30; y += 7)
    for (double x = layout.plot.x0 + 30; x < layout.plot.x0 + layout.plot.w - 30; x += 7)
      {
        gboolean free_spot = TRUE;
        for (guint i = 0; i < pts->n_points && free_spot; i++)
          free_spot = hypot (mlr_plot_x (&layout.plot, pts->x[2 * i]) - x,
                             mlr_plot_y (&layout.plot, pts->x[2 * i + 1]) - y) > clear;
        if (free_spot)
          {
            *px = x;
            *py = y;
            return;
          }
      }
  g_assert_not_reached ();
}

static void
test_opens_and_fits (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  const MlrBoundaryResult *r;

  fixture_open (&f, "dataset", "moons", "model", "svm", NULL);
  r = result_of (&f);
  g_assert_true (r->ok);
  g_assert_cmpuint (r->n_train + r->n_test, ==, 200);
  g_assert_cmpuint (r->n_support, >, 0);
  /* the raster follows the canvas: a cell every few pixels of the plane */
  {
    MlrBoundaryLayout layout;
    mlr_boundary_demo_get_layout (f.demo, &layout);
    g_assert_cmpuint (r->grid.width, ==, (guint) ceil (layout.plot.w / MLR_BOUNDARY_CELL_PX));
  }
  text = mlr_boundary_demo_describe_state (mlr_demo_get_state (MLR_DEMO (f.demo)));
  g_assert_true (g_str_has_prefix (text, "SVM (rbf) on moons, 200 points: train accuracy "));
  /* the svm's own controls show, the other models' do not */
  g_assert_true (control_shown (&f, "kernel"));
  g_assert_true (control_shown (&f, "gamma"));
  g_assert_true (control_shown (&f, "C"));
  g_assert_false (control_shown (&f, "k"));
  g_assert_false (control_shown (&f, "n_trees"));
  g_assert_false (control_shown (&f, "units"));
  g_assert_false (control_shown (&f, "classes"));  /* moons have two */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)))),
                   >=, 400);
  /* what challenges see: the picture's score */
  ui_test_wait_ms (400);  /* the description (and the metrics with it) is throttled */
  {
    g_autoptr(GVariant) acc = mlr_demo_lookup_metric (MLR_DEMO (f.demo), "test_accuracy");
    g_assert_nonnull (acc);
    g_assert_cmpfloat_with_epsilon (g_variant_get_double (acc),
                                    (double) r->test_correct / r->n_test, 1e-12);
  }
  demo_fixture_close (&f);
}

static void
test_slider_change_refits (void)
{
  Fixture f = { 0 };
  GtkWidget *k;
  guint fits;
  const MlrBoundaryResult *r;

  fixture_open (&f, "dataset", "moons", "model", "knn", "k", "1", "noise", "0.35", NULL);
  r = result_of (&f);
  /* 1-NN remembers every training point */
  g_assert_cmpuint (r->train_correct, ==, r->n_train);
  k = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-k");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (k)), ==, 1);

  fits = mlr_boundary_demo_get_fit_count (f.demo);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k), 60);
  g_assert_cmpstr (mlr_params_get_string (mlr_boundary_state_get_params (
                     mlr_demo_get_state (MLR_DEMO (f.demo))), "k"), ==, "60");
  wait_for_fit (&f);
  g_assert_cmpuint (mlr_boundary_demo_get_fit_count (f.demo), >, fits);
  r = result_of (&f);
  g_assert_cmpuint (r->train_correct, <, r->n_train);

  /* switching the model swaps the controls */
  {
    GtkWidget *model = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-model");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (model), MLR_MODEL_TREE);
    wait_for_fit (&f);
    g_assert_cmpint (result_of (&f)->model, ==, MLR_MODEL_TREE);
    g_assert_true (control_shown (&f, "max_depth"));
    g_assert_false (control_shown (&f, "k"));
    g_assert_true (gtk_widget_get_visible (demo_fixture_find_named (GTK_WIDGET (f.demo), "show-splits")));
  }
  demo_fixture_close (&f);
}

/* Depth first, the (line, spec index) of each generated control on the panel's lines, which
 * must come in the specs' order: the order on screen, of Tab and of a screen reader. */
static void
collect_order (MlrDemo    *demo,
               GtkWidget  *widget,
               GArray     *order)
{
  const char *name = gtk_widget_get_name (widget);
  guint n;
  const MlrParamSpec *specs = mlr_params_get_specs (mlr_demo_get_params (demo), &n);

  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (name, "param-") && g_str_equal (name + 6, specs[i].key) &&
        !specs[i].more)
      {
        guint v = specs[i].row * 1000 + i;
        g_array_append_val (order, v);
      }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_order (demo, c, order);
}

static void
assert_spec_order (Fixture *f)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  collect_order (MLR_DEMO (f->demo), GTK_WIDGET (f->demo), order);
  g_assert_cmpuint (order->len, >, 2);
  for (guint i = 1; i < order->len; i++)
    g_assert_cmpuint (g_array_index (order, guint, i - 1), <, g_array_index (order, guint, i));
}

/* Another model's controls are built when that model is first chosen, in their place. */
static void
test_controls_built_when_chosen (void)
{
  Fixture f = { 0 };
  GtkWidget *model, *k, *trees;

  fixture_open (&f, "dataset", "moons", "model", "svm", NULL);
  g_assert_null (demo_fixture_find_named (GTK_WIDGET (f.demo), "param-k"));
  g_assert_null (demo_fixture_find_named (GTK_WIDGET (f.demo), "param-n_trees"));
  g_assert_nonnull (demo_fixture_find_named (GTK_WIDGET (f.demo), "param-gamma"));
  assert_spec_order (&f);

  model = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-model");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (model), MLR_MODEL_KNN);
  wait_for_fit (&f);
  k = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-k");
  g_assert_nonnull (k);
  g_assert_true (control_shown (&f, "k"));
  g_assert_false (control_shown (&f, "gamma"));
  g_assert_true (k == mlr_demo_get_control (MLR_DEMO (f.demo), "k"));
  /* it drives the model */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k), 9);
  g_assert_cmpstr (mlr_params_get_string (mlr_boundary_state_get_params (
                     mlr_demo_get_state (MLR_DEMO (f.demo))), "k"), ==, "9");
  wait_for_fit (&f);
  assert_spec_order (&f);

  /* asked for before its model is chosen, a control is built then, hidden */
  trees = mlr_demo_get_control (MLR_DEMO (f.demo), "n_trees");
  g_assert_nonnull (trees);
  g_assert_false (control_shown (&f, "n_trees"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (model), MLR_MODEL_FOREST);
  wait_for_fit (&f);
  g_assert_true (control_shown (&f, "n_trees"));
  g_assert_false (control_shown (&f, "k"));
  g_assert_true (trees == demo_fixture_find_named (GTK_WIDGET (f.demo), "param-n_trees"));
  assert_spec_order (&f);
  demo_fixture_close (&f);
}

static void
test_click_adds_drag_moves_right_click_removes (void)
{
  Fixture f = { 0 };
  MlrBoundaryState *state;
  gpointer drag, click;
  double px, py, x, y;
  guint n, n_train;
  MlrBoundaryLayout layout;
  gint64 draw_us;

  fixture_open (&f, "dataset", "gaussian", "classes", "3", "model", "logreg", NULL);
  state = mlr_demo_get_state (MLR_DEMO (f.demo));
  n = mlr_boundary_state_get_n_points (state);
  n_train = result_of (&f)->n_train;
  drag = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo))),
                          GTK_TYPE_GESTURE_DRAG, 0);
  click = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo))),
                           GTK_TYPE_GESTURE_CLICK, GDK_BUTTON_SECONDARY);
  mlr_boundary_demo_get_layout (f.demo, &layout);

  /* a click on empty ground adds a training point of the chosen class */
  mlr_boundary_demo_set_add_class (f.demo, 2);
  empty_spot (&f, 20, &px, &py);
  g_signal_emit_by_name (drag, "drag-begin", px, py);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (state), ==, n + 1);
  g_assert_cmpuint (mlr_boundary_state_get_points (state)->y[n], ==, 2);
  g_assert_false (mlr_boundary_state_is_test (state, n));
  mlr_plot_to_data (&layout.plot, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (mlr_boundary_state_get_points (state)->x[2 * n], x, 1e-9);
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->n_train, ==, n_train + 1);

  /* a press on it and a drag move it, repainting within a frame */
  g_signal_emit_by_name (drag, "drag-begin", px + 2, py - 1);
  g_assert_cmpint (mlr_boundary_state_get_selected (state), ==, (int) n);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (state), ==, n + 1);  /* not a new one */
  g_signal_emit_by_name (drag, "drag-update", 30.0, 20.0);
  mlr_plot_to_data (&layout.plot, px + 32, py + 19, &x, &y);
  g_assert_cmpfloat_with_epsilon (mlr_boundary_state_get_points (state)->x[2 * n], x, 1e-9);
  g_assert_cmpfloat_with_epsilon (mlr_boundary_state_get_points (state)->x[2 * n + 1], y, 1e-9);
  demo_fixture_wait_for_draw (&f);
  draw_us = mlr_demo_canvas_get_last_draw_us (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  g_test_message ("a drag frame painted in %.2f ms", draw_us / 1000.0);
  g_assert_cmpint (draw_us, <, 100 * 1000);  /* generous: sanitizers and a busy machine */
  g_signal_emit_by_name (drag, "drag-end", 30.0, 20.0);
  wait_for_fit (&f);

  /* a right-click on it removes it */
  g_signal_emit_by_name (click, "pressed", 1, px + 30, py + 20);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (state), ==, n);
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->n_train, ==, n_train);
  demo_fixture_close (&f);
}

static void
test_csv_import (void)
{
  Fixture f = { 0 };
  MlrBoundaryState *state;
  g_autofree char *dir = g_dir_make_tmp ("mlr-boundary-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(MlrDataset) before = NULL;
  g_autoptr(GString) csv = g_string_new ("x1,x2,label\n");
  g_autoptr(GError) error = NULL;
  guint fits;

  fixture_open (&f, "dataset", "moons", NULL);
  state = mlr_demo_get_state (MLR_DEMO (f.demo));
  before = mlr_dataset_copy (mlr_boundary_state_get_points (state));
  fits = mlr_boundary_demo_get_fit_count (f.demo);

  /* a bad file: nothing changes, a toast names the file and the line */
  g_assert_true (g_file_set_contents (bad, "x1,x2,label\n0.5,1,0\n1.5,oops,1\n", -1, NULL));
  g_assert_false (mlr_boundary_demo_import_file (f.demo, bad));
  g_assert_nonnull (strstr (f.toasts->str, "bad.csv:3"));
  g_assert_cmpuint (mlr_boundary_state_get_n_points (state), ==, before->n_points);
  g_assert_cmpmem (mlr_boundary_state_get_points (state)->x, 2 * sizeof (double) * before->n_points,
                   before->x, 2 * sizeof (double) * before->n_points);
  g_assert_false (mlr_boundary_state_is_imported (state));
  ui_test_wait_ms (50);
  g_assert_cmpuint (mlr_boundary_demo_get_fit_count (f.demo), ==, fits);

  /* a good one replaces the data and refits */
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (csv, "%d,%d,%u\n", 100 + (int) (i % 10), 50 + (int) (i / 10),
                            i % 10 < 5 ? 0 : 1);
  g_assert_true (g_file_set_contents (good, csv->str, -1, NULL));
  g_assert_true (mlr_boundary_demo_import_file (f.demo, good));
  g_assert_nonnull (strstr (f.toasts->str, "Imported 60 points from “good.csv”"));
  g_assert_true (mlr_boundary_state_is_imported (state));
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->n_train + result_of (&f)->n_test, ==, 60);
  g_assert_cmpuint (result_of (&f)->test_correct, ==, result_of (&f)->n_test);

  /* and export writes what is shown */
  g_assert_true (mlr_boundary_demo_export_csv (f.demo, out, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "x1,x2,label\n100,50,0\n"));
  }
  g_unlink (bad);
  g_unlink (good);
  g_unlink (out);
  g_rmdir (dir);
  demo_fixture_close (&f);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  MlrBoundaryState *state;
  double cx, cy, cx2, cy2;
  guint n;
  const MlrDataset *pts;

  fixture_open (&f, "dataset", "moons", "model", "logreg", NULL);
  state = mlr_demo_get_state (MLR_DEMO (f.demo));
  n = mlr_boundary_state_get_n_points (state);

  /* arrows move the keyboard cursor while nothing is selected; Enter adds a point there */
  mlr_boundary_state_get_cursor (state, &cx, &cy);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Up, 0));
  mlr_boundary_state_get_cursor (state, &cx2, &cy2);
  g_assert_cmpfloat (cx2, >, cx);
  g_assert_cmpfloat (cy2, >, cy);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_1, 0));
  g_assert_cmpuint (mlr_boundary_demo_get_add_class (f.demo), ==, 1);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Return, 0));
  pts = mlr_boundary_state_get_points (state);
  g_assert_cmpuint (pts->n_points, ==, n + 1);
  g_assert_cmpfloat (pts->x[2 * n], ==, cx2);
  g_assert_cmpuint (pts->y[n], ==, 1);

  /* Page Down selects; arrows then move the selected point; Delete removes it */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Down, 0));
  g_assert_cmpint (mlr_boundary_state_get_selected (state), ==, 0);
  cx = pts->x[0];
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpfloat (pts->x[0], <, cx);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (mlr_boundary_state_get_n_points (state), ==, n);
  g_assert_cmpint (mlr_boundary_state_get_selected (state), ==, -1);
  g_assert_false (demo_fixture_press_key (&f, GDK_KEY_Escape, 0));  /* nothing selected: not ours */

  /* R undoes the edits (not a network here); Space is not ours either */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  g_assert_cmpuint (mlr_boundary_state_get_n_points (state), ==, n);
  g_assert_false (demo_fixture_press_key (&f, GDK_KEY_space, 0));

  /* N draws a new sample */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_n, 0));
  g_assert_cmpuint (mlr_boundary_state_get_seed (state), ==, 1);
  wait_for_fit (&f);
  demo_fixture_close (&f);
}

static void
wait_until_stopped (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (mlr_demo_get_playing (MLR_DEMO (f->demo)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (mlr_demo_get_playing (MLR_DEMO (f->demo)));
}

static void
test_mlp_training (void)
{
  Fixture f = { 0 };
  const MlrBoundaryResult *r;

  fixture_open (&f, "dataset", "xor", "model", "mlp", "hidden", "8", "epochs", "60", "lr",
                "0.01", NULL);
  r = result_of (&f);
  /* opens trained, as `render` paints it */
  g_assert_true (r->training_done);
  g_assert_cmpuint (r->n_loss, ==, r->epoch);
  g_assert_cmpuint (r->n_val_loss, ==, r->epoch);

  /* R: the untrained network */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->epoch, ==, 0);
  /* one epoch at a time */
  mlr_demo_step (MLR_DEMO (f.demo));
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->epoch, ==, 1);
  mlr_demo_step (MLR_DEMO (f.demo));
  mlr_demo_step (MLR_DEMO (f.demo));
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->epoch, ==, 3);
  /* Space plays to the end, Space again would pause */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_space, 0));
  g_assert_true (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  wait_until_stopped (&f);
  wait_for_fit (&f);
  r = result_of (&f);
  g_assert_true (r->training_done);
  g_assert_cmpuint (r->epoch, >, 3);
  /* the live run and the straight one are the same network */
  {
    g_autoptr(MlrParams) params =
      mlr_params_copy (mlr_boundary_state_get_params (mlr_demo_get_state (MLR_DEMO (f.demo))));
    g_autoptr(MlrBoundaryState) fresh = mlr_boundary_state_new (params, NULL);
    g_assert_true (mlr_boundary_state_fit_sync (fresh, &r->grid, NULL));
    g_assert_cmpuint (mlr_boundary_state_get_result (fresh)->epoch, ==, r->epoch);
    g_assert_cmpmem (mlr_boundary_state_get_result (fresh)->labels,
                     r->grid.width * r->grid.height, r->labels, r->grid.width * r->grid.height);
  }
  demo_fixture_close (&f);
}

static void
test_gb_stages (void)
{
  Fixture f = { 0 };
  MlrBoundaryState *state;
  GtkWidget *slider;
  g_autofree char *said = NULL;

  fixture_open (&f, "dataset", "moons", "model", "gb", "n_estimators", "12", NULL);
  state = mlr_demo_get_state (MLR_DEMO (f.demo));
  g_assert_cmpuint (mlr_boundary_state_get_gb_stage (state), ==, 12);
  slider = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-stage");
  g_assert_nonnull (slider);
  g_assert_true (gtk_widget_get_sensitive (slider) == FALSE);  /* "All" is checked */

  /* R: stage 0, the prior; step adds one stage at a time */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  wait_for_fit (&f);
  g_assert_cmpuint (mlr_boundary_state_get_gb_stage (state), ==, 0);
  g_assert_true (mlr_boundary_state_is_current (state));
  mlr_demo_step (MLR_DEMO (f.demo));
  wait_for_fit (&f);
  g_assert_cmpuint (mlr_boundary_state_get_gb_stage (state), ==, 1);
  said = mlr_boundary_demo_describe_state (state);
  g_assert_true (g_str_has_prefix (said, "Gradient boosting (stage 1 of 12) on moons, 200 "
                                         "points: train accuracy "));

  /* Space plays the stages to the end */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_space, 0));
  g_assert_true (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  wait_until_stopped (&f);
  wait_for_fit (&f);
  g_assert_cmpuint (mlr_boundary_state_get_gb_stage (state), ==, 12);
  g_assert_true (mlr_boundary_state_is_current (state));
  demo_fixture_close (&f);
}

static void
test_newest_wins (void)
{
  Fixture f = { 0 };
  GtkWidget *trees;
  MlrBoundaryState *state;

  fixture_open (&f, "dataset", "moons", "model", "forest", "n_trees", "50", NULL);
  state = mlr_demo_get_state (MLR_DEMO (f.demo));
  trees = demo_fixture_find_named (GTK_WIDGET (f.demo), "param-n_trees");
  /* a burst of changes, as a slider dragged fast; the worker is still on an early one */
  for (int v = 51; v <= 80; v++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (trees), v);
  g_assert_true (mlr_boundary_demo_is_busy (f.demo));
  wait_for_fit (&f);
  g_assert_true (mlr_boundary_state_is_current (state));
  g_assert_cmpuint (result_of (&f)->n_trees, ==, 80);

  /* dropped with a fit in flight: freed all the same */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (trees), 200);
  g_assert_true (mlr_boundary_demo_is_busy (f.demo));
  demo_fixture_close (&f);
  ui_test_wait_ms (300);  /* the orphaned answer arrives and finds no demo */
}

static void
test_bad_params_show_defaults (void)
{
  Fixture f = { 0 };

  /* each value passes on its own; together they cannot be generated (n < classes) */
  fixture_open (&f, "dataset", "gaussian", "classes", "8", "n", "4", NULL);
  g_assert_cmpuint (mlr_boundary_state_get_n_points (mlr_demo_get_state (MLR_DEMO (f.demo))), ==,
                    200);
  demo_fixture_close (&f);
}

/* view=network: the canvas grows to hold it, the fit keeps the network for every training
 * chunk, the screen-reader sentence names it, and the choice means something only for an
 * mlp. */
static void
test_network_view (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int h0;

  fixture_open (&f, "dataset", "moons", "model", "mlp", "hidden", "4", "epochs", "40", "lr",
                "0.01", NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  h0 = gtk_widget_get_height (canvas);
  before = mlr_boundary_demo_describe_state (mlr_demo_get_state (MLR_DEMO (f.demo)));
  g_assert_null (strstr (before, "Network:"));
  g_assert_true (mlr_demo_setting_get_relevant (mlr_demo_get_setting (MLR_DEMO (f.demo),
                                                                      "view")));

  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "view", "network", &error));
  g_assert_no_error (error);
  demo_fixture_wait_for_draw (&f);
  ui_test_wait_ms (50);
  wait_for_fit (&f);
  g_assert_cmpint (gtk_widget_get_height (canvas), >, h0);
  g_assert_nonnull (result_of (&f)->network);
  after = mlr_boundary_demo_describe_state (mlr_demo_get_state (MLR_DEMO (f.demo)));
  g_assert_nonnull (strstr (after, "Network: 2 inputs, hidden layers of 4 units, 1 output"));
  g_assert_nonnull (strstr (after, "Strongest weights: "));

  /* training on keeps a network in every result */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  wait_for_fit (&f);
  mlr_demo_step (MLR_DEMO (f.demo));
  wait_for_fit (&f);
  g_assert_cmpuint (result_of (&f)->epoch, ==, 1);
  g_assert_nonnull (result_of (&f)->network);

  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "model", "logreg", &error));
  g_assert_no_error (error);
  wait_for_fit (&f);
  g_assert_false (mlr_demo_setting_get_relevant (mlr_demo_get_setting (MLR_DEMO (f.demo),
                                                                       "view")));
  g_assert_null (result_of (&f)->network);
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

  g_test_add_func ("/ui/boundary-demo/opens-and-fits", test_opens_and_fits);
  g_test_add_func ("/ui/boundary-demo/slider-change-refits", test_slider_change_refits);
  g_test_add_func ("/ui/boundary-demo/controls-built-when-chosen",
                   test_controls_built_when_chosen);
  g_test_add_func ("/ui/boundary-demo/click-adds-drag-moves-right-click-removes",
                   test_click_adds_drag_moves_right_click_removes);
  g_test_add_func ("/ui/boundary-demo/csv-import", test_csv_import);
  g_test_add_func ("/ui/boundary-demo/keys", test_keys);
  g_test_add_func ("/ui/boundary-demo/mlp-training", test_mlp_training);
  g_test_add_func ("/ui/boundary-demo/gb-stages", test_gb_stages);
  g_test_add_func ("/ui/boundary-demo/newest-wins", test_newest_wins);
  g_test_add_func ("/ui/boundary-demo/bad-params-show-defaults", test_bad_params_show_defaults);
  g_test_add_func ("/ui/boundary-demo/network-view", test_network_view);
  return g_test_run ();
}
