/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The distribution demo widget in a real window (Xvfb in CI), driven through the handlers and
 * key bindings a person's input reaches: it opens with every sample drawn, as `render` paints
 * it; only the chosen distribution's controls show; a drag on the picture moves x (to a
 * whole number for a discrete kind) without drawing again; the arrows move x by a step and
 * Shift+arrows by ten; Play draws from nothing to the end, Enter one, R clears, End draws
 * them all; a change that owes a million draws returns at once and catches up over frames to
 * the numbers `ml-roadmap-cli metrics` gives; the screen reader's sentence says what the
 * picture shows; the widget is freed when dropped.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-distribution-demo.h"
#include "painters/mlr-distribution-painter.h"
#include "ui-test-init.h"

/* Time limits are for a release build; .ci/sanitize sets MLR_TEST_SLOWDOWN to stretch them. */
static double
slowdown (void)
{
  const char *s = g_getenv ("MLR_TEST_SLOWDOWN");

  return s ? MAX (1.0, g_ascii_strtod (s, NULL)) : 1.0;
}

typedef DemoFixture Fixture;

/* A window with the demo a lesson builds for these attributes (key, value, ..., NULL). */
static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "distribution", MLR_TYPE_DISTRIBUTION_DEMO, 800, 900, first_key, ap);
  va_end (ap);
}

static MlrDistributionState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (f->demo);
}

/* What the state holds now (the metrics the demo announces follow at most every 300 ms). */
static double
metric (Fixture    *f,
        const char *name)
{
  MlrDistributionState *s = state_of (f);
  double m = NAN, v = NAN;

  if (g_str_equal (name, "x"))
    return mlr_distribution_state_get_x (s);
  if (g_str_equal (name, "cdf"))
    return mlr_distribution_state_get_cdf (s);
  if (g_str_equal (name, "drawn"))
    return mlr_distribution_state_get_drawn (s);
  if (g_str_equal (name, "sample_mean"))
    {
      g_assert_true (mlr_distribution_state_get_sample_stats (s, &m, &v));
      return m;
    }
  if (g_str_equal (name, "means_mean") || g_str_equal (name, "means_sd"))
    {
      g_assert_true (mlr_distribution_state_get_means_stats (s, &m, &v));
      return g_str_equal (name, "means_mean") ? m : v;
    }
  g_assert_not_reached ();
}

static void
x_plot (Fixture *f,
        MlrPlot *plot)
{
  MlrDemoCanvas *canvas = mlr_demo_get_canvas (f->demo);
  MlrDistributionLayout layout;

  mlr_distribution_painter_layout (gtk_widget_get_width (GTK_WIDGET (canvas)),
                                   gtk_widget_get_height (GTK_WIDGET (canvas)),
                                   mlr_demo_canvas_get_palette (canvas), state_of (f), &layout);
  *plot = *mlr_distribution_painter_x_plot (&layout);
}

static void
test_opens_finished (void)
{
  Fixture f = { 0 };

  fixture_open (&f, "distribution", "binomial", "trials", "1000", "p", "0.03", NULL);
  g_assert_true (mlr_distribution_state_is_finished (state_of (&f)));
  g_assert_cmpfloat (metric (&f, "drawn"), ==, 1000);
  g_assert_cmpfloat (metric (&f, "x"), ==, 35);
  /* only the binomial's controls show */
  g_assert_true (gtk_widget_get_visible (mlr_demo_get_control (f.demo, "trials")));
  g_assert_false (mlr_demo_setting_get_relevant (mlr_demo_get_setting (f.demo, "sigma")));
  g_assert_false (mlr_demo_setting_get_relevant (mlr_demo_get_setting (f.demo, "n")));
  g_assert_true (mlr_demo_setting_get_relevant (mlr_demo_get_setting (f.demo, "p")));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (mlr_demo_get_canvas (f.demo))), >=, 400);
  demo_fixture_close (&f);
}

/* A drag moves x, rounded to a fifth of the arrows' step (a whole number when discrete),
 * and draws nothing again. */
static void
test_drag_moves_x (void)
{
  Fixture f = { 0 };
  gpointer drag;
  MlrPlot plot;
  double mean_before;

  fixture_open (&f, NULL);
  mean_before = metric (&f, "sample_mean");
  drag = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (f.demo)), GTK_TYPE_GESTURE_DRAG, 0);
  x_plot (&f, &plot);
  g_signal_emit_by_name (drag, "drag-begin", mlr_plot_x (&plot, -0.5013), plot.y0 + 50);
  g_assert_cmpfloat (fabs (metric (&f, "x") + 0.5), <, 1e-12);
  g_assert_cmpfloat (fabs (metric (&f, "cdf") - 0.3085375387259869), <, 1e-12);
  g_signal_emit_by_name (drag, "drag-update", mlr_plot_x (&plot, 1.2) - mlr_plot_x (&plot, -0.5013),
                         0.0);
  g_assert_cmpfloat (fabs (metric (&f, "x") - 1.2), <, 0.011);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_cmpfloat (metric (&f, "sample_mean"), ==, mean_before);
  demo_fixture_close (&f);

  fixture_open (&f, "distribution", "poisson", "rate", "4", NULL);
  drag = demo_fixture_find_controller (GTK_WIDGET (mlr_demo_get_canvas (f.demo)), GTK_TYPE_GESTURE_DRAG, 0);
  x_plot (&f, &plot);
  g_signal_emit_by_name (drag, "drag-begin", mlr_plot_x (&plot, 2.3), plot.y0 + 50);
  g_assert_cmpfloat (metric (&f, "x"), ==, 2);
  g_assert_cmpfloat (fabs (metric (&f, "cdf") - 0.23810330555354436), <, 1e-13);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  demo_fixture_close (&f);
}

static void
test_arrow_keys (void)
{
  Fixture f = { 0 };
  double step;

  fixture_open (&f, NULL);
  step = mlr_distribution_state_x_step (state_of (&f));
  g_assert_cmpfloat (step, ==, 0.05);     /* a round 1/80 of the view */
  g_assert_true (mlr_demo_activate_canvas_key (f.demo, GDK_KEY_Right, 0));
  g_assert_cmpfloat (fabs (metric (&f, "x") - 1.05), <, 1e-12);
  g_assert_true (mlr_demo_activate_canvas_key (f.demo, GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_cmpfloat (fabs (metric (&f, "x") - 0.55), <, 1e-12);
  g_assert_true (mlr_demo_set_param (f.demo, "distribution", "binomial", NULL));
  g_assert_cmpfloat (metric (&f, "x"), ==, 6);     /* the binomial's default */
  g_assert_true (mlr_demo_activate_canvas_key (f.demo, GDK_KEY_KP_Right, 0));
  g_assert_cmpfloat (metric (&f, "x"), ==, 7);
  demo_fixture_close (&f);
}

static void
test_transport (void)
{
  Fixture f = { 0 };
  gint64 end;
  guint seen_partial = 0;

  fixture_open (&f, "samples", "300", NULL);
  /* R clears, Enter draws one, End draws them all */
  g_assert_true (mlr_demo_activate_canvas_key (f.demo, GDK_KEY_r, 0));
  g_assert_cmpfloat (metric (&f, "drawn"), ==, 0);
  g_assert_true (mlr_demo_activate_canvas_key (f.demo, GDK_KEY_Return, 0));
  g_assert_cmpfloat (metric (&f, "drawn"), ==, 1);
  g_assert_true (mlr_demo_activate_canvas_key (f.demo, GDK_KEY_End, 0));
  g_assert_cmpfloat (metric (&f, "drawn"), ==, 300);

  /* Play from the end starts again and draws, slowly at first, to the end */
  mlr_demo_set_playing (f.demo, TRUE);
  if (!adw_get_enable_animations (GTK_WIDGET (f.demo)))
    {
      /* reduced motion: straight to the end */
      g_assert_cmpfloat (metric (&f, "drawn"), ==, 300);
      demo_fixture_close (&f);
      return;
    }
  g_assert_true (mlr_demo_get_playing (f.demo));
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC * slowdown ();
  while (mlr_demo_get_playing (f.demo) && g_get_monotonic_time () < end)
    {
      double drawn = mlr_distribution_state_get_drawn (state_of (&f));
      if (drawn > 0 && drawn < 300)
        seen_partial++;
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_false (mlr_demo_get_playing (f.demo));
  g_assert_cmpuint (seen_partial, >, 0);
  g_assert_cmpuint (mlr_distribution_state_get_drawn (state_of (&f)), ==, 300);
  demo_fixture_close (&f);
}

/* A change that owes a million draws returns at once and catches up over frames, to what a
 * fresh state (and `ml-roadmap-cli metrics`) gives. */
static void
test_catch_up (void)
{
  Fixture f = { 0 };
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("distribution"));
  g_autoptr(MlrDistributionState) fresh = NULL;
  double mean, sd;
  gint64 t0, end;

  fixture_open (&f, "mode", "clt", "n", "1000", "samples", "1000", NULL);
  t0 = g_get_monotonic_time ();
  g_assert_true (mlr_demo_set_param (f.demo, "sigma", "2", NULL));
  /* well under the 1e6 draws' time: 30,000 draws at most before it returns */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 200000 * slowdown ());
  g_assert_false (mlr_distribution_state_is_settled (state_of (&f)));
  g_assert_cmpuint (mlr_distribution_state_get_drawn (state_of (&f)), ==, 30);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC * slowdown ();
  while (!mlr_distribution_state_is_settled (state_of (&f)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mlr_distribution_state_is_finished (state_of (&f)));
  ui_test_wait_ms (50);

  mlr_params_parse_assignment (params, "mode=clt", NULL);
  mlr_params_parse_assignment (params, "n=1000", NULL);
  mlr_params_parse_assignment (params, "samples=1000", NULL);
  mlr_params_parse_assignment (params, "sigma=2", NULL);
  fresh = mlr_distribution_state_new (params, NULL);
  mlr_distribution_state_get_means_stats (fresh, &mean, &sd);
  g_assert_cmpfloat (metric (&f, "means_mean"), ==, mean);
  g_assert_cmpfloat (metric (&f, "means_sd"), ==, sd);
  /* and what the demo announces to challenges follows */
  ui_test_wait_ms (400);
  {
    g_autoptr(GVariant) v = mlr_demo_lookup_metric (f.demo, "means_sd");
    g_assert_nonnull (v);
    g_assert_cmpfloat (g_variant_get_double (v), ==, sd);
  }
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *clt = NULL;

  fixture_open (&f, NULL);
  text = mlr_distribution_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (text, "Normal(μ = 0, σ = 1): mean 0, variance 1."));
  g_assert_nonnull (strstr (text, "At x = 1 the density is 0.242 and P(X ≤ x) = 0.8413."));
  g_assert_nonnull (strstr (text, "1,000 of 1,000 samples drawn."));
  g_assert_true (mlr_demo_set_param (f.demo, "mode", "clt", NULL));
  clt = mlr_distribution_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (clt, "means of 5 draws each"));
  g_assert_nonnull (strstr (clt, "the central limit theorem predicts σ/√n = 0.4472"));
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
  g_test_add_func ("/distribution-demo/opens-finished", test_opens_finished);
  g_test_add_func ("/distribution-demo/drag-moves-x", test_drag_moves_x);
  g_test_add_func ("/distribution-demo/arrow-keys", test_arrow_keys);
  g_test_add_func ("/distribution-demo/transport", test_transport);
  g_test_add_func ("/distribution-demo/catch-up", test_catch_up);
  g_test_add_func ("/distribution-demo/description", test_description);
  return g_test_run ();
}
