/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent demo widget in a real window (Xvfb in CI), driven through the same
 * signal handlers and key bindings a person's input reaches: a click or drag on the map moves
 * the start point and restarts the paths there; the learning-rate slider re-runs the race;
 * Space plays and pauses; Enter, R, End and the arrows do what the help says; the optimizer
 * boxes add and remove racers; reduced motion jumps to the result; a drag repaints within a
 * frame; the widget is freed when dropped.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>

#include "demos/mlr-gd-demo.h"
#include "painters/mlr-gd-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

/* A window holding the demo a lesson would build for these attributes (NULL-terminated
 * key, value pairs), through the registry as the lesson page does. */
static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "gradient-descent", MLR_TYPE_GD_DEMO, 900, 760, first_key, ap);
  va_end (ap);
}

static void
layout_of (Fixture     *f,
           MlrGdLayout *layout)
{
  MlrDemoCanvas *canvas = mlr_demo_get_canvas ((MlrDemo *) f->demo);

  mlr_gd_painter_layout (gtk_widget_get_width (GTK_WIDGET (canvas)),
                         gtk_widget_get_height (GTK_WIDGET (canvas)),
                         mlr_demo_canvas_get_palette (canvas), mlr_demo_get_state ((MlrDemo *) f->demo),
                         layout);
}

/* The learning-rate slider's adjustment: log10 of the rate. */
static GtkAdjustment *
lr_adjustment (Fixture *f)
{
  GtkWidget *scale = mlr_demo_get_control (MLR_DEMO (f->demo), "lr");

  g_assert_true (GTK_IS_SCALE (scale));
  return gtk_range_get_adjustment (GTK_RANGE (scale));
}

static void
test_opens_on_finished_race (void)
{
  Fixture f = { 0 };
  MlrGdState *state;

  fixture_open (&f, "surface", "bowl", "optimizer", "gd,momentum,adam", "lr", "0.18", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);
  /* as `ml-roadmap-cli render` paints it: all steps taken */
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 200);
  g_assert_cmpuint (mlr_gd_state_get_n_runs (state), ==, 3);
  g_assert_cmpfloat (mlr_gd_state_get_lr (state), ==, 0.18);
  /* the slider shows the lesson's rate */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (lr_adjustment (&f)),
                                  log10 (0.18), 1e-9);
  /* a lesson-sized canvas: the canvas is large, the controls fit below */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (mlr_demo_get_canvas ((MlrDemo *) f.demo))), >=, 340);
  demo_fixture_close (&f);
}

static void
test_drag_moves_start (void)
{
  Fixture f = { 0 };
  MlrGdState *state;
  gpointer drag;
  MlrGdLayout layout;
  double px, py, x, y;
  const MlrVec2 *path;
  guint n;
  gint64 t0;

  fixture_open (&f, "surface", "rosenbrock", "optimizer", "gd,adam", "lr", "0.003", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);
  drag = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas ((MlrDemo *) f.demo)), GTK_TYPE_GESTURE_DRAG, 0);
  layout_of (&f, &layout);

  /* press at the map point (0.5, 0.5) */
  px = mlr_plot_x (&layout.main, 0.5);
  py = mlr_plot_y (&layout.main, 0.5);
  g_signal_emit_by_name (drag, "drag-begin", px, py);
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_start (state).x, 0.5, 0.02);
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_start (state).y, 0.5, 0.02);

  /* drag 40 px right and 30 px up: the start follows, the paths restart there */
  t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (drag, "drag-update", 40.0, -30.0);
  mlr_plot_to_data (&layout.main, px + 40, py - 30, &x, &y);
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_start (state).x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_start (state).y, y, 1e-9);
  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      path = mlr_descent_get_path (mlr_gd_state_get_run (state, i), &n);
      g_assert_cmpfloat (path[0].x, ==, x);
      g_assert_cmpfloat (path[0].y, ==, y);
      g_assert_false (mlr_descent_is_diverged (mlr_gd_state_get_run (state, i), NULL));
      g_assert_cmpuint (n, ==, 201);
    }
  /* ... and the new picture is up within a frame or two */
  demo_fixture_wait_for_draw (&f);
  g_test_message ("drag to repaint: %.1f ms, paint %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0,
                  mlr_demo_canvas_get_last_draw_us (mlr_demo_get_canvas ((MlrDemo *) f.demo)) / 1000.0);
  g_assert_cmpint (mlr_demo_canvas_get_last_draw_us (mlr_demo_get_canvas ((MlrDemo *) f.demo)), <,
                   50 * 1000);
  g_signal_emit_by_name (drag, "drag-end", 40.0, -30.0);

  /* a press on the loss chart scrubs through the steps instead */
  px = mlr_plot_x (&layout.chart, 50);
  py = layout.chart.y0 + layout.chart.h / 2;
  g_signal_emit_by_name (drag, "drag-begin", px, py);
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 50);
  g_assert_cmpfloat (mlr_gd_state_get_start (state).x, ==, x);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  demo_fixture_close (&f);
}

static void
test_lr_slider_reruns (void)
{
  Fixture f = { 0 };
  MlrGdState *state;
  double before;

  fixture_open (&f, "surface", "bowl", "optimizer", "gd", "lr", "0.18", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);
  before = mlr_descent_get_loss (mlr_gd_state_get_run (state, 0));
  g_assert_cmpfloat (before, <, 1e-20);

  /* past 2 / 10 = 0.2 plain GD diverges on the bowl */
  gtk_adjustment_set_value (lr_adjustment (&f), log10 (0.25));
  g_assert_cmpfloat (mlr_gd_state_get_lr (state), ==, 0.25);
  g_assert_true (mlr_descent_is_diverged (mlr_gd_state_get_run (state, 0), NULL));

  /* the slider lands on two significant digits, so 0.05 is 0.05 */
  gtk_adjustment_set_value (lr_adjustment (&f), log10 (0.05) + 0.004);
  g_assert_cmpfloat (mlr_gd_state_get_lr (state), ==, 0.05);
  g_assert_false (mlr_descent_is_diverged (mlr_gd_state_get_run (state, 0), NULL));
  g_assert_cmpfloat (mlr_descent_get_loss (mlr_gd_state_get_run (state, 0)), !=, before);
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 200);
  demo_fixture_close (&f);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  MlrGdState *state;
  MlrVec2 start;

  fixture_open (&f, "mode", "1d", "function", "parabola", "lr", "0.1", "start", "2.5", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);

  /* Space toggles playing; playing a finished race replays it from step 0 */
  g_assert_false (mlr_demo_get_playing ((MlrDemo *) f.demo));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_space, 0));
  g_assert_true (mlr_demo_get_playing ((MlrDemo *) f.demo));
  g_assert_cmpuint (mlr_gd_state_get_step (state), <, 200);
  ui_test_wait_ms (300);
  g_assert_cmpuint (mlr_gd_state_get_step (state), >, 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_space, 0));
  g_assert_false (mlr_demo_get_playing ((MlrDemo *) f.demo));

  /* R: back to step 0; Enter: one step; End: the last step */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Return, 0));
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 1);
  g_assert_cmpfloat_with_epsilon (mlr_descent_get_position (mlr_gd_state_get_run (state, 0)).x,
                                  2.0, 1e-12);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_End, 0));
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 200);

  /* Left moves the 1-D start by a fortieth of the view; Up is not ours in 1-D */
  start = mlr_gd_state_get_start (state);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_start (state).x, start.x - 6.0 / 40, 1e-9);
  g_assert_false (demo_fixture_press_key (&f, GDK_KEY_Up, 0));

  /* + zooms in about the centre, 0 undoes it; Shift+Right pans */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_view (state)->x_max -
                                  mlr_gd_state_get_view (state)->x_min, 6 * 0.8, 1e-9);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_0, 0));
  g_assert_cmpfloat (mlr_gd_state_get_view (state)->x_min, ==, -3);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_view (state)->x_min, -3 + 0.6, 1e-9);
  /* Ctrl combinations are left to the application */
  g_assert_false (demo_fixture_press_key (&f, GDK_KEY_r, GDK_CONTROL_MASK));
  demo_fixture_close (&f);
}

static void
test_arrows_move_2d_start (void)
{
  Fixture f = { 0 };
  MlrGdState *state;
  MlrVec2 start;

  fixture_open (&f, "surface", "booth", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);
  start = mlr_gd_state_get_start (state);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Up, 0));
  g_assert_cmpfloat_with_epsilon (mlr_gd_state_get_start (state).y, start.y + 20.0 / 40, 1e-9);
  g_assert_cmpfloat (mlr_descent_get_path (mlr_gd_state_get_run (state, 0), NULL)[0].y, ==,
                     mlr_gd_state_get_start (state).y);
  demo_fixture_close (&f);
}

static void
test_zoom_reuses_heatmap_until_it_rests (void)
{
  /* Zooming in paints the cached heatmap scaled to the new view; it is rebuilt once, when
   * the view has rested for 200 ms, not once per step */
  Fixture f = { 0 };
  MlrGdPainterCache *cache;
  guint before, during;

  fixture_open (&f, "surface", "booth", NULL);
  cache = mlr_demo_get_paint_cache ((MlrDemo *) f.demo);
  before = mlr_gd_painter_cache_get_builds (cache);
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
      demo_fixture_wait_for_draw (&f);
    }
  during = mlr_gd_painter_cache_get_builds (cache) - before;
  ui_test_wait_ms (600);
  g_test_message ("builds while zooming: %u, after it rests: %u", during,
                  mlr_gd_painter_cache_get_builds (cache) - before);
  /* (a frame late by more than 200 ms on a loaded machine may count as rested: at most
   * one of the three) */
  g_assert_cmpuint (during, <=, 1);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache) - before, >=, 1);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache) - before, <=, 2);
  demo_fixture_close (&f);
}

static void
test_reduce_motion_jumps_to_end (void)
{
  Fixture f = { 0 };
  MlrGdState *state;

  fixture_open (&f, "surface", "himmelblau", "optimizer", "adam,rmsprop", "lr", "0.05", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  mlr_demo_reset ((MlrDemo *) f.demo);
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 0);
  mlr_demo_set_playing ((MlrDemo *) f.demo, TRUE);
  g_assert_false (mlr_demo_get_playing ((MlrDemo *) f.demo));
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 200);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  /* with animations on, playing runs until the last step and stops by itself */
  mlr_demo_reset ((MlrDemo *) f.demo);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (demo_fixture_find_named (GTK_WIDGET (f.demo), "param-steps")), 8);
  mlr_demo_set_playing ((MlrDemo *) f.demo, TRUE);
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (mlr_demo_get_playing ((MlrDemo *) f.demo) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_false (mlr_demo_get_playing ((MlrDemo *) f.demo));
  g_assert_cmpuint (mlr_gd_state_get_step (state), ==, 8);
  demo_fixture_close (&f);
}

static void
test_optimizer_checks (void)
{
  Fixture f = { 0 };
  MlrGdState *state;
  GtkCheckButton *adam, *gd;

  fixture_open (&f, "surface", "bowl", "optimizer", "gd", NULL);
  state = mlr_demo_get_state ((MlrDemo *) f.demo);
  adam = GTK_CHECK_BUTTON (demo_fixture_find_named (GTK_WIDGET (f.demo), "choice-adam"));
  gd = GTK_CHECK_BUTTON (demo_fixture_find_named (GTK_WIDGET (f.demo), "choice-gd"));
  g_assert_true (gtk_check_button_get_active (gd));
  g_assert_false (gtk_check_button_get_active (adam));

  gtk_check_button_set_active (adam, TRUE);
  g_assert_cmpuint (mlr_gd_state_get_n_runs (state), ==, 2);
  g_assert_cmpuint (mlr_descent_get_step (mlr_gd_state_get_run (state, 1)), ==, 200);
  gtk_check_button_set_active (gd, FALSE);
  g_assert_cmpuint (mlr_gd_state_get_n_runs (state), ==, 1);
  /* the last racer cannot leave */
  gtk_check_button_set_active (adam, FALSE);
  g_assert_true (gtk_check_button_get_active (adam));
  g_assert_cmpuint (mlr_gd_state_get_n_runs (state), ==, 1);
  demo_fixture_close (&f);
}

static void
test_bad_params_show_defaults (void)
{
  Fixture f = { 0 };

  /* each value passes on its own; together they do not (start needs x,y on a surface) */
  fixture_open (&f, "surface", "bowl", "start", "1", NULL);
  g_assert_cmpint (mlr_gd_state_get_surface (mlr_demo_get_state ((MlrDemo *) f.demo)), ==,
                   MLR_SURFACE_ROSENBROCK);
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

  g_test_add_func ("/ui/gd-demo/opens-on-finished-race", test_opens_on_finished_race);
  g_test_add_func ("/ui/gd-demo/drag-moves-start", test_drag_moves_start);
  g_test_add_func ("/ui/gd-demo/lr-slider-reruns", test_lr_slider_reruns);
  g_test_add_func ("/ui/gd-demo/keys", test_keys);
  g_test_add_func ("/ui/gd-demo/arrows-move-2d-start", test_arrows_move_2d_start);
  g_test_add_func ("/ui/gd-demo/zoom-reuses-heatmap-until-it-rests",
                   test_zoom_reuses_heatmap_until_it_rests);
  g_test_add_func ("/ui/gd-demo/reduce-motion-jumps-to-end", test_reduce_motion_jumps_to_end);
  g_test_add_func ("/ui/gd-demo/optimizer-checks", test_optimizer_checks);
  g_test_add_func ("/ui/gd-demo/bad-params-show-defaults", test_bad_params_show_defaults);
  return g_test_run ();
}
