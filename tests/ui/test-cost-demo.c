/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The training-cost demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: the keys 0–3 pick the ZeRO stage and the metrics follow (7B Adam
 * bf16 over 8 GPUs: 112, 101.5, 89.25 and 14 GB of model state a GPU); + and − double and
 * halve the GPUs within 1 to 100,000; a press on a ZeRO row picks that stage; the screen
 * reader's sentence says whether it fits.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-cost-demo.h"
#include "painters/mlr-cost-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "training-cost", MLR_TYPE_COST_DEMO, 900, 900, first_key, ap);
  va_end (ap);
}

static MlrCostState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static double
model_state (Fixture *f)
{
  MlrCostState *s = state_of (f);
  guint zero = mlr_cost_state_get_zero (s);

  return mlr_cost_state_part_gb (s, MLR_COST_WEIGHTS, zero) +
         mlr_cost_state_part_gb (s, MLR_COST_GRADIENTS, zero) +
         mlr_cost_state_part_gb (s, MLR_COST_OPTIMIZER, zero);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  static const double want[4] = { 112, 14 + 14 + 84 / 8.0, 14 + (14 + 84) / 8.0, 14 };

  fixture_open (&f, NULL);
  for (int k = 3; k >= 0; k--)
    {
      g_assert_true (demo_fixture_press_key (&f, GDK_KEY_0 + k, 0));
      g_assert_cmpuint (mlr_cost_state_get_zero (state_of (&f)), ==, k);
      g_assert_cmpfloat_with_epsilon (model_state (&f), want[k], 1e-9);
    }
  demo_fixture_assert_metric (&f, "optimizer_gb", 84);
  demo_fixture_assert_metric (&f, "fits", 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_3, 0));
  demo_fixture_assert_metric (&f, "weights_gb", 1.75);
  demo_fixture_assert_metric (&f, "fits", 1);

  /* + doubles the GPUs and the shards shrink; − halves them; both stop at the range */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
  g_assert_cmpuint (mlr_cost_state_get_gpus (state_of (&f)), ==, 16);
  demo_fixture_assert_metric (&f, "weights_gb", 14 / 16.0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_minus, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_minus, 0));
  g_assert_cmpuint (mlr_cost_state_get_gpus (state_of (&f)), ==, 4);
  for (int i = 0; i < 10; i++)
    demo_fixture_press_key (&f, GDK_KEY_minus, 0);
  g_assert_cmpuint (mlr_cost_state_get_gpus (state_of (&f)), ==, 1);
  for (int i = 0; i < 30; i++)
    demo_fixture_press_key (&f, GDK_KEY_plus, 0);
  g_assert_cmpuint (mlr_cost_state_get_gpus (state_of (&f)), ==, 100000);
  demo_fixture_close (&f);
}

static void
test_pointer (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  gpointer click;
  MlrCostLayout L;

  fixture_open (&f, NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  click = demo_fixture_find_controller (canvas, GTK_TYPE_GESTURE_CLICK, 0);
  mlr_cost_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                           state_of (&f), &L);
  g_signal_emit_by_name (click, "pressed", 1, L.bar_x0 + 10, L.row_y[2] + L.row_h / 2);
  g_assert_cmpuint (mlr_cost_state_get_zero (state_of (&f)), ==, 2);
  demo_fixture_assert_metric (&f, "gradients_gb", 14 / 8.0);
  /* a press off the rows changes nothing */
  g_signal_emit_by_name (click, "pressed", 1, L.bar_x0 + 10, 4.0);
  g_assert_cmpuint (mlr_cost_state_get_zero (state_of (&f)), ==, 2);
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *no = NULL;
  g_autofree char *yes = NULL;

  fixture_open (&f, "recompute", "full", NULL);
  no = mlr_cost_demo_describe_state (state_of (&f));
  g_assert_true (g_str_has_prefix (no, "7 billion parameters in bf16 with Adam "));
  g_assert_nonnull (strstr (no, "at ZeRO stage 0 need 113 GB per GPU: weights 14 GB, "
                                "gradients 14 GB, optimizer state 84 GB"));
  g_assert_nonnull (strstr (no, "it does not fit"));
  demo_fixture_close (&f);

  fixture_open (&f, "zero", "3", NULL);
  yes = mlr_cost_demo_describe_state (state_of (&f));
  g_assert_nonnull (strstr (yes, "That fits in the 80 GB of one H100 SXM 80 GB."));
  g_assert_nonnull (strstr (yes, "on 8 GPUs at 40% MFU"));
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

  g_test_add_func ("/ui/cost-demo/keys", test_keys);
  g_test_add_func ("/ui/cost-demo/pointer", test_pointer);
  g_test_add_func ("/ui/cost-demo/description", test_description);
  return g_test_run ();
}
