/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "ab-test" demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: the simulation runs off the UI thread — the main loop keeps
 * turning while the largest one runs — and its answer equals the same simulation run
 * synchronously; a newer setting supersedes a running simulation; dragging the curves sets
 * the lift and holds the axis still; the keys do what the help says; a slider pushed past
 * what the baseline allows stops at the edge; the widget is freed with a simulation in flight.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <time.h>

#include "demos/mlr-abtest-demo.h"
#include "painters/mlr-abtest-painter.h"
#include "ui-test-init.h"

typedef struct {
  GtkWidget     *window;
  MlrAbtestDemo *demo;
} Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("ab-test"));
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_assert_true (mlr_params_set (params, key, va_arg (args, const char *), NULL));
  va_end (args);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->demo = MLR_ABTEST_DEMO (g_object_ref_sink (mlr_demo_new ("ab-test", params, NULL)));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->demo));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->demo);
}

static void
wait_for_first_frame (Fixture *f)
{
  MlrDemoCanvas *canvas = mlr_demo_get_canvas (MLR_DEMO (f->demo));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (mlr_demo_canvas_get_draw_count (canvas) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (mlr_demo_canvas_get_draw_count (canvas), >, 0);
}

static MlrAbtestState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Iterates the main loop until the simulation of what the state holds is in; returns the
 * most CPU time an iteration of the loop that drew no frame took meanwhile, in ms (CPU time
 * of this thread: what the UI thread itself does, which other processes on a busy machine do
 * not inflate). Frames are the window's work (with software GL, tens of ms to composite);
 * the painter's share is reported, and its time is bench-abtest's to measure, not a test's. */
static double
wait_for_sim (Fixture *f)
{
  MlrDemoCanvas *canvas = mlr_demo_get_canvas (MLR_DEMO (f->demo));
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  double longest = 0, longest_frame = 0, longest_paint = 0;

  while ((mlr_abtest_demo_is_busy (f->demo) || mlr_abtest_state_needs_sim (state_of (f))) &&
         g_get_monotonic_time () < end)
    {
      double cpu = thread_cpu_ms ();
      guint draws = mlr_demo_canvas_get_draw_count (canvas);

      g_main_context_iteration (NULL, FALSE);
      cpu = thread_cpu_ms () - cpu;
      if (mlr_demo_canvas_get_draw_count (canvas) == draws)
        longest = MAX (longest, cpu);
      else
        {
          longest_frame = MAX (longest_frame, cpu);
          longest_paint = MAX (longest_paint, mlr_demo_canvas_get_last_draw_us (canvas) / 1e3);
        }
      g_usleep (500);
    }
  g_assert_false (mlr_abtest_demo_is_busy (f->demo));
  g_assert_true (mlr_abtest_state_sim_is_current (state_of (f)));
  g_test_message ("while simulating, the UI thread's longest iteration: %.1f ms CPU without a "
                  "frame, %.1f ms with one (the painter: %.1f ms)", longest, longest_frame,
                  longest_paint);
  return longest;
}

static double
metric (Fixture    *f,
        const char *name)
{
  g_autoptr(GVariant) v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), name);

  g_assert_nonnull (v);
  return g_variant_get_double (v);
}

/* Waits out the framework's 300 ms limit on how often metrics are announced. */
static void
settle_metrics (void)
{
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The same parameters simulated on this thread. */
static double
sync_rate (const MlrParams *params)
{
  g_autoptr(MlrAbtestState) state = mlr_abtest_state_new (params, NULL);
  const MlrAbtestSim *sim;

  mlr_abtest_state_simulate_sync (state);
  sim = mlr_abtest_state_get_sim (state);
  return (double) sim->positives / sim->runs;
}

static void
test_simulates_off_thread (void)
{
  Fixture f = { 0 };
  double longest, rate;

  /* the largest simulation the bound allows (10⁸ users per arm, ten looks), started once
   * the window is up (its first frame, with GL set up, takes a while of its own) */
  fixture_open (&f, "mode", "simulate", "lift", "0", "peeks", "10", "n", "100000",
                "runs", "1000", NULL);
  wait_for_first_frame (&f);
  wait_for_sim (&f);
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "seed", "2", NULL));
  g_assert_true (mlr_abtest_demo_is_busy (f.demo));
  longest = wait_for_sim (&f);
  g_test_message ("the simulation took %.0f ms on its thread",
                  mlr_abtest_state_get_sim (state_of (&f))->ms);
  /* the UI thread never does the simulation's work: no iteration near a frame's 16 ms of
   * CPU (generous for sanitizers), while the simulation itself takes hundreds */
  g_assert_cmpfloat (longest, <, 16);
  g_assert_cmpfloat (mlr_abtest_state_get_sim (state_of (&f))->ms, >, 5 * longest);
  settle_metrics ();
  rate = metric (&f, "simulated_positive_rate");
  g_assert_cmpfloat (rate, ==, sync_rate (mlr_demo_get_params (MLR_DEMO (f.demo))));
  g_assert_cmpfloat (rate, >, 0.1);   /* ten looks at α = 0.05: about 0.19 */
  g_assert_cmpuint (mlr_abtest_demo_get_sim_count (f.demo), ==, 2);
  fixture_close (&f);
}

/* Settings changed while a simulation runs: the newest one's answer is what shows. */
static void
test_newest_wins (void)
{
  Fixture f = { 0 };

  fixture_open (&f, "mode", "simulate", "lift", "0", "peeks", "10", "n", "50000",
                "runs", "2000", NULL);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%d", 10 + i);
      g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "seed", seed, NULL));
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "n", "2000", NULL));
  wait_for_sim (&f);
  settle_metrics ();
  g_assert_cmpuint (mlr_abtest_state_get_seed (state_of (&f)), ==, 14);
  g_assert_cmpfloat (metric (&f, "simulated_positive_rate"), ==,
                     sync_rate (mlr_demo_get_params (MLR_DEMO (f.demo))));
  /* back to power: nothing runs, and the simulated metrics are gone */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "mode", "power", NULL));
  g_assert_false (mlr_abtest_demo_is_busy (f.demo));
  settle_metrics ();
  g_assert_null (mlr_demo_lookup_metric (MLR_DEMO (f.demo), "simulated_positive_rate"));
  fixture_close (&f);
}

static gpointer
find_drag (GtkWidget *widget)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      gpointer c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_DRAG (c))
        found = c;
      g_object_unref (c);
    }
  g_object_unref (controllers);
  g_assert_nonnull (found);
  return found;
}

static void
test_drag_sets_lift (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  gpointer drag;
  MlrAbtestLayout before, during;
  double x0, y0, pixels;

  fixture_open (&f, NULL, NULL);
  while (gtk_widget_get_width (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)))) < 100)
    g_main_context_iteration (NULL, FALSE);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  drag = find_drag (canvas);
  mlr_abtest_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                             state_of (&f), NULL, &before);
  /* grab H₁ at its peak and move it 0.4 points to the right */
  x0 = mlr_plot_x (&before.plot, 0.006);
  y0 = mlr_plot_y (&before.plot, 0.9);
  pixels = mlr_plot_x (&before.plot, 0.010) - x0;
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", pixels, 0.0);
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_lift (state_of (&f)), 0.010, 1.5e-4);
  /* the axis holds still during the drag, though the state's own range would move */
  g_signal_emit_by_name (drag, "drag-update", pixels * 3, 0.0);
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_lift (state_of (&f)), 0.018, 1.5e-4);
  {
    MlrAbtestPainterOptions locked = { .lock_view = TRUE, .xmin = before.plot.xmin,
                                       .xmax = before.plot.xmax };
    mlr_abtest_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                               state_of (&f), &locked, &during);
    g_assert_cmpfloat (during.plot.xmin, ==, before.plot.xmin);
  }
  g_signal_emit_by_name (drag, "drag-end", pixels * 3, 0.0);
  /* the power followed */
  g_assert_cmpfloat (mlr_abtest_state_get_power (state_of (&f)), >, 0.95);
  /* a press outside the plot is not a drag */
  g_signal_emit_by_name (drag, "drag-begin", (double) gtk_widget_get_width (canvas) - 5, 5.0);
  g_signal_emit_by_name (drag, "drag-update", -200.0, 0.0);
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_lift (state_of (&f)), 0.018, 1.5e-4);
  g_signal_emit_by_name (drag, "drag-end", -200.0, 0.0);
  fixture_close (&f);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  MlrDemo *demo;

  fixture_open (&f, NULL, NULL);
  demo = MLR_DEMO (f.demo);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Right, 0));
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_lift (state_of (&f)), 0.007, 1e-12);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Left, 0));
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Left, 0));
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_lift (state_of (&f)), 0.005, 1e-12);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Up, 0));
  g_assert_cmpfloat (mlr_abtest_state_get_n (state_of (&f)), ==, 20000);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Down, 0));
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_Down, 0));
  g_assert_cmpfloat (mlr_abtest_state_get_n (state_of (&f)), ==, 5000);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_1, 0));
  g_assert_cmpuint (mlr_abtest_state_get_tails (state_of (&f)), ==, 1);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_2, 0));
  g_assert_cmpuint (mlr_abtest_state_get_tails (state_of (&f)), ==, 2);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_s, 0));
  g_assert_cmpint (mlr_abtest_state_get_mode (state_of (&f)), ==, MLR_ABTEST_MODE_SIMULATE);
  g_assert_true (mlr_demo_activate_canvas_key (demo, GDK_KEY_n, 0));
  g_assert_cmpuint (mlr_abtest_state_get_seed (state_of (&f)), ==, 2);
  wait_for_sim (&f);
  /* halving stops at 2 users per arm */
  for (int i = 0; i < 20; i++)
    mlr_demo_activate_canvas_key (demo, GDK_KEY_Down, 0);
  g_assert_cmpfloat (mlr_abtest_state_get_n (state_of (&f)), ==, 2);
  fixture_close (&f);
}

/* A lift the baseline does not allow stops at the edge, and the control shows where. */
static void
test_clamped_slider (void)
{
  Fixture f = { 0 };
  MlrDemoSetting *lift;

  fixture_open (&f, "baseline", "0.03", NULL);
  lift = mlr_demo_get_setting (MLR_DEMO (f.demo), "lift");
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "lift", "-0.05", NULL));
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_rate_b (state_of (&f)), 0.001, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_demo_setting_get_number (lift), -0.029, 1e-15);
  g_assert_true (isfinite (mlr_abtest_state_get_power (state_of (&f))));
  fixture_close (&f);
}

/* Dropped with a simulation in flight: freed at once, and the late answer finds no one. */
static void
test_freed_while_simulating (void)
{
  Fixture f = { 0 };

  fixture_open (&f, "mode", "simulate", "n", "100000", "runs", "1000", NULL);
  g_assert_true (mlr_abtest_demo_is_busy (f.demo));
  fixture_close (&f);
  g_usleep (200 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  int exit_status;

  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  if (!ui_test_init_display (&exit_status))
    return exit_status;

  g_test_add_func ("/ui/abtest-demo/simulates-off-thread", test_simulates_off_thread);
  g_test_add_func ("/ui/abtest-demo/newest-wins", test_newest_wins);
  g_test_add_func ("/ui/abtest-demo/drag-sets-lift", test_drag_sets_lift);
  g_test_add_func ("/ui/abtest-demo/keys", test_keys);
  g_test_add_func ("/ui/abtest-demo/clamped-slider", test_clamped_slider);
  g_test_add_func ("/ui/abtest-demo/freed-while-simulating", test_freed_while_simulating);
  return g_test_run ();
}
