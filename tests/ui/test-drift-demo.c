/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drift demo widget in a real window (Xvfb in CI), driven through the keys a person
 * presses: Right and Left step the mean shift by 0.25 and the metrics follow the state;
 * Up and Down step the concept shift, which moves accuracy and leaves PSI and KS exactly where
 * they were (x does not change); r retrains at the first alarm and the retraining week shows
 * in the parameter and the sentence; 0 undoes it; with no alarm, r says so in a toast and
 * changes nothing; a drag across the histograms moves the mean shift by the feature units the
 * pointer travels.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-drift-demo.h"
#include "painters/mlr-drift-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "drift", MLR_TYPE_DRIFT_DEMO, 1000, 900, first_key, ap);
  va_end (ap);
}

static MlrDriftState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static const MlrDriftWeek *
last_week (Fixture *f)
{
  return mlr_drift_state_get_week (state_of (f), mlr_drift_state_get_weeks (state_of (f)));
}

static double
param (Fixture    *f,
       const char *key)
{
  return mlr_params_get_double (mlr_demo_get_params (MLR_DEMO (f->demo)), key);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  double psi, ks, acc;

  fixture_open (&f, "mean_shift", "0", NULL);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_cmpfloat_with_epsilon (param (&f, "mean_shift"), 0.5, 1e-12);
  psi = last_week (&f)->psi;
  demo_fixture_assert_metric (&f, "psi", psi);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpfloat_with_epsilon (param (&f, "mean_shift"), 0.25, 1e-12);
  g_assert_cmpfloat (last_week (&f)->psi, <, psi);

  /* concept drift: x does not change, so PSI and KS stay exactly; accuracy falls */
  psi = last_week (&f)->psi;
  ks = last_week (&f)->ks_statistic;
  acc = last_week (&f)->accuracy;
  for (int i = 0; i < 6; i++)
    g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Up, 0));
  g_assert_cmpfloat_with_epsilon (param (&f, "concept_shift"), 1.5, 1e-12);
  g_assert_cmpfloat (last_week (&f)->psi, ==, psi);
  g_assert_cmpfloat (last_week (&f)->ks_statistic, ==, ks);
  g_assert_cmpfloat (last_week (&f)->accuracy, <, acc - 0.15);
  demo_fixture_assert_metric (&f, "accuracy", last_week (&f)->accuracy);
  demo_fixture_assert_metric (&f, "psi", psi);
  /* clamped at ±3 */
  for (int i = 0; i < 20; i++)
    demo_fixture_press_key (&f, GDK_KEY_Down, 0);
  g_assert_cmpfloat_with_epsilon (param (&f, "concept_shift"), -3, 1e-12);
  demo_fixture_close (&f);
}

static void
test_retrain (void)
{
  Fixture f = { 0 };
  guint first;
  g_autofree char *sentence = NULL;

  fixture_open (&f, "mean_shift", "0", "concept_shift", "2", NULL);
  first = mlr_drift_state_first_alarm (state_of (&f));
  g_assert_cmpuint (first, >, 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  g_assert_cmpuint (mlr_drift_state_get_retrain (state_of (&f)), ==, first);
  g_assert_cmpfloat (param (&f, "retrain"), ==, first);
  sentence = mlr_drift_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (sentence, "retrained"));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_0, 0));
  g_assert_cmpuint (mlr_drift_state_get_retrain (state_of (&f)), ==, 0);
  demo_fixture_close (&f);

  /* no alarm: a toast, and no retraining */
  fixture_open (&f, "mean_shift", "0", NULL);
  g_assert_cmpuint (mlr_drift_state_first_alarm (state_of (&f)), ==, 0);
  demo_fixture_press_key (&f, GDK_KEY_r, 0);
  ui_test_wait_ms (50);
  g_assert_cmpuint (mlr_drift_state_get_retrain (state_of (&f)), ==, 0);
  g_assert_nonnull (strstr (f.toasts->str, "No alarm"));
  demo_fixture_close (&f);
}

/* A drag across the histograms moves the mean shift by as many feature units as the pointer
 * moved along the x axis (to 0.05); a drag that starts on the charts moves nothing. */
static void
test_drag (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  gpointer drag;
  MlrPlot plot;
  double units, px;

  fixture_open (&f, "mean_shift", "0", NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  drag = demo_fixture_find_controller (canvas, GTK_TYPE_GESTURE_DRAG, 0);
  g_assert_true (mlr_drift_painter_hist_plot (gtk_widget_get_width (canvas),
                                              gtk_widget_get_height (canvas), state_of (&f),
                                              &plot));
  units = (plot.xmax - plot.xmin) / plot.w;
  px = 1.0 / units;   /* one feature unit */
  g_signal_emit_by_name (drag, "drag-begin", plot.x0 + plot.w / 2, plot.y0 + plot.h / 2);
  g_signal_emit_by_name (drag, "drag-update", px, 0.0);
  g_assert_cmpfloat_with_epsilon (param (&f, "mean_shift"), 1.0, 0.051);
  g_signal_emit_by_name (drag, "drag-update", -px / 2, 5.0);
  g_assert_cmpfloat_with_epsilon (param (&f, "mean_shift"), -0.5, 0.051);
  g_signal_emit_by_name (drag, "drag-update", 100 * px, 0.0);
  g_assert_cmpfloat (param (&f, "mean_shift"), ==, 3);   /* clamped */
  demo_fixture_assert_metric (&f, "psi", last_week (&f)->psi);

  /* on the charts, right of the histograms: nothing moves */
  g_signal_emit_by_name (drag, "drag-begin", plot.x0 + plot.w + 60.0, plot.y0 + 40.0);
  g_signal_emit_by_name (drag, "drag-update", -px, 0.0);
  g_assert_cmpfloat (param (&f, "mean_shift"), ==, 3);
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *sentence = NULL;

  fixture_open (&f, NULL);
  sentence = mlr_drift_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (sentence, "Week 12 against the reference: PSI 2.140"));
  g_assert_nonnull (strstr (sentence, "accuracy 96.4%"));
  g_assert_nonnull (strstr (sentence, "first alarm is in week 3"));
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

  g_test_add_func ("/ui/drift-demo/keys", test_keys);
  g_test_add_func ("/ui/drift-demo/retrain", test_retrain);
  g_test_add_func ("/ui/drift-demo/drag", test_drag);
  g_test_add_func ("/ui/drift-demo/description", test_description);
  return g_test_run ();
}
