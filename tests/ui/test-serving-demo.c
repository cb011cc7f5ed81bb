/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The serving demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: Left and Right change the rate by 10%, + and − the replicas, comma
 * and period the playhead, and the metrics follow, equal to a state made from the same
 * parameters (what `ml-roadmap-cli metrics` reports); a press on the p99 chart sets the rate
 * to that share of the capacity and a drag moves it; a press on the timeline moves the
 * playhead; a change of max_batch leaves the sweep stale until the worker thread's sweep
 * arrives, and that sweep is the one computed here; stepping, rewinding and finishing move
 * the playhead as they say; the screen reader's sentence names the quantiles.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-serving-demo.h"
#include "painters/mlr-serving-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "serving", MLR_TYPE_SERVING_DEMO, 900, 1000, first_key, ap);
  va_end (ap);
}

static MlrServingState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static const char *
param (Fixture    *f,
       const char *key)
{
  return mlr_params_get_string (mlr_demo_get_params (MLR_DEMO (f->demo)), key);
}

/* The metric as the demo reports it, once it has caught up (at most every 300 ms): it must
 * become what a state made from the demo's parameters reports, within 2 s. */
static void
assert_metrics_match (Fixture *f)
{
  g_autoptr(MlrServingState) fresh =
    mlr_serving_state_new (mlr_demo_get_params (MLR_DEMO (f->demo)), NULL);
  const MlrServingSummary *s = mlr_serving_state_get_summary (fresh);
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  double got = NAN;

  do
    {
      g_autoptr(GVariant) v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), "p99_ms");
      got = v ? g_variant_get_double (v) : NAN;
      if (got == s->p99_ms)
        {
          g_autoptr(GVariant) t = mlr_demo_lookup_metric (MLR_DEMO (f->demo), "throughput");
          g_assert_cmpfloat (g_variant_get_double (t), ==, s->throughput);
          return;
        }
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_get_monotonic_time () < end);
  g_error ("p99_ms is %.17g, not %.17g", got, s->p99_ms);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  double t0;

  fixture_open (&f, "rate", "400", NULL);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_cmpstr (param (&f, "rate"), ==, "440");
  assert_metrics_match (&f);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpstr (param (&f, "rate"), ==, "400");
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
  g_assert_cmpstr (param (&f, "replicas"), ==, "2");
  assert_metrics_match (&f);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_minus, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_minus, 0));   /* stays at 1 */
  g_assert_cmpstr (param (&f, "replicas"), ==, "1");
  assert_metrics_match (&f);

  /* the playhead: a new state shows the whole window; comma steps back a fiftieth */
  t0 = mlr_serving_state_get_trace (state_of (&f))->end_ms;
  g_assert_cmpfloat (mlr_serving_state_get_cursor (state_of (&f)), ==, t0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_comma, 0));
  g_assert_cmpfloat_with_epsilon (mlr_serving_state_get_cursor (state_of (&f)), t0 * 49 / 50,
                                  1e-9);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_period, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_period, 0));   /* stays at the end */
  g_assert_cmpfloat (mlr_serving_state_get_cursor (state_of (&f)), ==, t0);
  demo_fixture_close (&f);
}

static void
test_pointer (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  GtkGesture *drag;
  MlrServingLayout L;
  double capacity, x;

  fixture_open (&f, NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  drag = demo_fixture_find_controller (canvas, GTK_TYPE_GESTURE_DRAG, 0);
  mlr_serving_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                              state_of (&f), &L);
  capacity = mlr_serving_state_get_capacity (state_of (&f));   /* 8000 / 13 req/s */
  g_assert_cmpfloat_with_epsilon (capacity, 8000.0 / 13, 1e-9);

  /* a press at load 0.5 on the p99 chart: the rate is half the capacity, 3 digits */
  x = mlr_plot_x (&L.sweep, 0.5);
  g_signal_emit_by_name (drag, "drag-begin", x, L.sweep.y0 + L.sweep.h / 2);
  g_assert_cmpstr (param (&f, "rate"), ==, "308");
  /* dragging right to load 0.9: 554 req/s; the chart's axes hold still */
  g_signal_emit_by_name (drag, "drag-update", mlr_plot_x (&L.sweep, 0.9) - x, 0.0);
  g_assert_cmpstr (param (&f, "rate"), ==, "554");
  g_assert_false (mlr_serving_state_sweep_is_stale (state_of (&f)));
  assert_metrics_match (&f);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);

  /* a press on the timeline at 100 ms moves the playhead there */
  mlr_serving_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                              state_of (&f), &L);
  g_signal_emit_by_name (drag, "drag-begin", mlr_plot_x (&L.timeline, 100),
                         L.timeline.y0 + L.timeline.h / 2);
  g_assert_cmpfloat_with_epsilon (mlr_serving_state_get_cursor (state_of (&f)), 100, 1e-6);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  demo_fixture_close (&f);
}

/* max_batch changes the sweep: stale at once, then the worker thread's, equal to one
 * computed here for the same parameters. */
static void
test_sweep_off_thread (void)
{
  Fixture f = { 0 };
  gint64 end;
  double want[MLR_SERVING_SWEEP_POINTS];
  const double *p99;
  guint n;

  fixture_open (&f, NULL);
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "max_batch", "4", NULL));
  g_assert_true (mlr_serving_state_sweep_is_stale (state_of (&f)));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (mlr_serving_state_sweep_is_stale (state_of (&f)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mlr_serving_state_sweep_is_stale (state_of (&f)));
  mlr_serving_sweep_compute (mlr_serving_state_get_config (state_of (&f)), want);
  mlr_serving_state_get_sweep (state_of (&f), &p99, &n);
  g_assert_cmpmem (p99, n * sizeof (double), want, sizeof want);
  /* and a change while one is under way ends with the newest */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "max_batch", "2", NULL));
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "max_batch", "3", NULL));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (mlr_serving_state_sweep_is_stale (state_of (&f)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  mlr_serving_sweep_compute (mlr_serving_state_get_config (state_of (&f)), want);
  g_assert_cmpmem (p99, n * sizeof (double), want, sizeof want);
  /* closing with a sweep in flight: its answer finds no demo */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "max_batch", "5", NULL));
  demo_fixture_close (&f);
  ui_test_wait_ms (200);
}

/* With more than MLR_SERVING_SYNC_REQUESTS, a change of the rate runs on a worker thread: the
 * change returns at once with the run stale, and the run, description and metrics that follow
 * are those of a state made from the parameters; keys pressed meanwhile step from the newest
 * rate, not the one shown. */
static void
test_large_run_off_thread (void)
{
  Fixture f = { 0 };
  gint64 end;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  fixture_open (&f, "requests", "400000", NULL);
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "rate", "300", NULL));
  g_assert_true (mlr_serving_state_run_is_stale (state_of (&f)));
  g_assert_cmpfloat (mlr_serving_state_get_config (state_of (&f))->rate, ==, 400);
  /* Right: 10% up from the rate asked for (300), while 400 is still shown */
  gtk_widget_activate_action (f.demo, "serving.rate", "i", 1);
  g_assert_cmpstr (param (&f, "rate"), ==, "330");
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (mlr_serving_state_run_is_stale (state_of (&f)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mlr_serving_state_run_is_stale (state_of (&f)));
  g_assert_cmpfloat (mlr_serving_state_get_config (state_of (&f))->rate, ==, 330);
  assert_metrics_match (&f);
  {
    g_autoptr(MlrServingState) fresh =
      mlr_serving_state_new (mlr_demo_get_params (MLR_DEMO (f.demo)), NULL);
    want = mlr_serving_demo_describe_state (fresh);
    got = mlr_serving_demo_describe_state (state_of (&f));
    g_assert_cmpstr (got, ==, want);
  }
  /* closing with a run in flight: its answer finds no demo */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "rate", "310", NULL));
  demo_fixture_close (&f);
  ui_test_wait_ms (300);
}

static void
test_play_and_describe (void)
{
  Fixture f = { 0 };
  const MlrServingTrace *trace;
  g_autofree char *text = NULL;
  double first;

  fixture_open (&f, "rate", "500", NULL);
  trace = mlr_serving_state_get_trace (state_of (&f));
  mlr_demo_reset (MLR_DEMO (f.demo));
  g_assert_cmpfloat (mlr_serving_state_get_cursor (state_of (&f)), ==, 0);
  /* a step goes to the first change of the queue after 0: the first arrival */
  mlr_demo_step (MLR_DEMO (f.demo));
  first = g_array_index (trace->steps, MlrServingStep, 1).time_ms;
  g_assert_cmpfloat (mlr_serving_state_get_cursor (state_of (&f)), ==, first);
  g_assert_cmpuint (mlr_serving_state_queue_at (state_of (&f), first), <=, 1);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_End, 0));
  g_assert_cmpfloat (mlr_serving_state_get_cursor (state_of (&f)), ==, trace->end_ms);

  text = mlr_serving_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (text, "p99"));
  g_assert_nonnull (strstr (text, "rejected"));
  g_assert_nonnull (strstr (text, "of the first 240 arrivals"));
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
  g_test_add_func ("/ui/serving-demo/keys", test_keys);
  g_test_add_func ("/ui/serving-demo/pointer", test_pointer);
  g_test_add_func ("/ui/serving-demo/sweep-off-thread", test_sweep_off_thread);
  g_test_add_func ("/ui/serving-demo/play-and-describe", test_play_and_describe);
  g_test_add_func ("/ui/serving-demo/large-run-off-thread", test_large_run_off_thread);
  return g_test_run ();
}
