/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forecast demo widget in a real window (Xvfb in CI), driven through the keys a person
 * presses: Page Up/Down choose the method, Left/Right the horizon, Up/Down the held-out
 * window, E the evaluation, R another draw of the series — each repaints and the metrics
 * follow (the values are the ones tests/cli/test-cli-forecast.py checks against NumPy);
 * α, β and γ hide when the method has none; "Import Series…" reads the learner's CSV or
 * says which line is wrong, and "Built-in Series" goes back; the screen reader's sentence.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-demo-setting.h"
#include "demos/mlr-forecast-demo.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "forecast", MLR_TYPE_FORECAST_DEMO, 900, 1000, first_key, ap);
  va_end (ap);
}

static MlrForecastState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

/* ... or that it goes (within 2 s): nothing to report, rather than a stale number. */
static void
assert_no_metric (Fixture    *f,
                  const char *name)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  do
    {
      g_autoptr(GVariant) v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), name);
      if (v == NULL)
        return;
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_get_monotonic_time () < end);
  g_error ("metric %s is still reported", name);
}

static gboolean
relevant (Fixture    *f,
          const char *key)
{
  return mlr_demo_setting_get_relevant (mlr_demo_get_setting (MLR_DEMO (f->demo), key));
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  guint n;
  double first;

  fixture_open (&f, NULL);
  g_assert_cmpint (mlr_forecast_state_get_method (state_of (&f)), ==, MLR_FORECAST_HW);
  /* `ml-roadmap-cli forecast --builtin demand --method holt-winters --season 12 --test 12` */
  demo_fixture_assert_metric (&f, "mase", 0.69227140055325609);
  g_assert_true (relevant (&f, "gamma"));

  /* Page Down wraps from Holt–Winters to naive; Page Up comes back */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Down, 0));
  demo_fixture_wait_for_draw (&f);
  g_assert_cmpint (mlr_forecast_state_get_method (state_of (&f)), ==, MLR_FORECAST_NAIVE);
  demo_fixture_assert_metric (&f, "mae", 19.25);
  demo_fixture_assert_metric (&f, "mase", 1.8654104979811574);
  g_assert_false (relevant (&f, "alpha"));
  g_assert_false (relevant (&f, "gamma"));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Down, 0));
  g_assert_cmpint (mlr_forecast_state_get_method (state_of (&f)), ==, MLR_FORECAST_SNAIVE);
  demo_fixture_assert_metric (&f, "mase", 0.58950201884253028);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Up, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Up, 0));
  g_assert_cmpint (mlr_forecast_state_get_method (state_of (&f)), ==, MLR_FORECAST_HW);

  /* Left/Right: the horizon, within 1..48 */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_cmpuint (mlr_forecast_state_get_horizon (state_of (&f)), ==, 13);
  g_assert_cmpuint (mlr_forecast_state_get_future_forecast (state_of (&f), NULL, NULL)->horizon,
                    ==, 13);
  for (int i = 0; i < 20; i++)
    demo_fixture_press_key (&f, GDK_KEY_Left, 0);
  g_assert_cmpuint (mlr_forecast_state_get_horizon (state_of (&f)), ==, 1);

  /* Up/Down: the held-out window */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Down, 0));
  g_assert_cmpuint (mlr_forecast_state_get_test (state_of (&f)), ==, 11);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Up, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Up, 0));
  g_assert_cmpuint (mlr_forecast_state_get_test (state_of (&f)), ==, 13);
  demo_fixture_wait_for_draw (&f);

  /* E: walk-forward and back */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_e, 0));
  g_assert_true (mlr_forecast_state_get_rolling (state_of (&f)));
  g_assert_nonnull (mlr_forecast_state_get_walk_forward (state_of (&f)));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_e, 0));
  g_assert_false (mlr_forecast_state_get_rolling (state_of (&f)));

  /* R: another series of the same kind */
  first = mlr_forecast_state_get_series (state_of (&f), &n)[5];
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_r, 0));
  g_assert_cmpuint (mlr_forecast_state_get_seed (state_of (&f)), ==, 2);
  g_assert_cmpfloat (mlr_forecast_state_get_series (state_of (&f), &n)[5], !=, first);
  g_assert_cmpuint (n, ==, 96);

  /* a series brings its season: the stock price has none, so Holt–Winters cannot fit */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "series", "stock", NULL));
  g_assert_cmpint (mlr_params_get_int (mlr_demo_get_params (MLR_DEMO (f.demo)), "season"), ==,
                   1);
  g_assert_cmpint (mlr_forecast_state_get_score (state_of (&f), MLR_FORECAST_HW)->status, ==,
                   MLR_FORECAST_NO_SEASON);
  demo_fixture_wait_for_draw (&f);
  assert_no_metric (&f, "mase");
  demo_fixture_close (&f);
}

static void
test_import (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("mlr-forecast-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "sales.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "nan.csv", NULL);
  g_autofree char *sentence = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new ("sales\n");
  guint n;

  for (int t = 0; t < 40; t++)
    g_string_append_printf (text, "%d\n", 10 + 2 * t + (t % 4) * 3);
  g_assert_true (g_file_set_contents (good, text->str, -1, NULL));
  g_string_free (text, TRUE);
  g_assert_true (g_file_set_contents (bad, "1\n2\nnan\n4\n", -1, NULL));

  fixture_open (&f, "method", "snaive", "season", "4", "test", "8", NULL);
  g_assert_true (mlr_forecast_demo_import_file (f.demo, good, NULL));
  g_assert_cmpstr (mlr_forecast_state_get_own_name (state_of (&f)), ==, "sales.csv");
  mlr_forecast_state_get_series (state_of (&f), &n);
  g_assert_cmpuint (n, ==, 40);
  /* an exact trend plus a season of 4: seasonal naive is off by the trend over the seasons
   * it reaches back, 2 × 4 = 8 for steps 1–4 and 16 for steps 5–8 of the window, and the
   * training part's error that scales it is 8: MAE 12, MASE 1.5 */
  demo_fixture_assert_metric (&f, "mae", 12);
  demo_fixture_assert_metric (&f, "mase", 1.5);
  g_assert_false (relevant (&f, "seed"));
  sentence = mlr_forecast_demo_describe_state (state_of (&f));
  g_assert_true (g_str_has_prefix (sentence, "Your series “sales.csv”, 40 values, the last 8 "
                                             "held out."));

  g_assert_false (mlr_forecast_demo_import_file (f.demo, bad, &error));
  g_assert_nonnull (strstr (error->message, "nan.csv:3"));
  g_assert_cmpstr (mlr_forecast_state_get_own_name (state_of (&f)), ==, "sales.csv");

  /* the menu's way back to the built-in series */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.demo), "forecast.builtin", NULL));
  g_assert_null (mlr_forecast_state_get_own_name (state_of (&f)));
  mlr_forecast_state_get_series (state_of (&f), &n);
  g_assert_cmpuint (n, ==, 96);
  demo_fixture_wait_for_draw (&f);

  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *stock = NULL;

  fixture_open (&f, NULL);
  text = mlr_forecast_demo_describe_state (state_of (&f));
  /* the numbers are `ml-roadmap-cli forecast --builtin demand ...`'s, which NumPy checks */
  g_assert_cmpstr (text, ==, "The monthly demand series, 96 values, the last 12 held out. "
                             "Holt–Winters (season 12), from the end of the training part, "
                             "forecasts them with MAE 7.14, RMSE 7.57 and MASE 0.69. The lowest "
                             "MASE is that of seasonal naive, 0.59. 12 steps past the data it "
                             "forecasts 172.7, 95% interval 138.6 to 206.8.");
  demo_fixture_close (&f);

  fixture_open (&f, "series", "stock", "method", "naive", "evaluation", "rolling", "test", "48",
                NULL);
  stock = mlr_forecast_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (stock, "one step ahead from each origin"));
  g_assert_nonnull (strstr (stock, "That is the lowest MASE of the six methods."));
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

  g_test_add_func ("/ui/forecast-demo/keys", test_keys);
  g_test_add_func ("/ui/forecast-demo/import", test_import);
  g_test_add_func ("/ui/forecast-demo/description", test_description);
  return g_test_run ();
}
