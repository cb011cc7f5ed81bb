/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The attention demo widget in a real window (Xvfb in CI), driven through the handlers a
 * person's input reaches: the arrows select a token and the metrics follow its row; C turns
 * the causal mask on, and every row becomes its unmasked part renormalised (which is what
 * a softmax over fewer scores is), so max_weight and entropy change exactly as that
 * predicts; the first token then attends only to itself; Page Down, + and 0 edit the
 * selected word vector and the weights move; a press picks a token or a component and a
 * drag changes the component; the screen reader's sentence names the strongest attention.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-attention-demo.h"
#include "painters/mlr-attention-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "attention", MLR_TYPE_ATTENTION_DEMO, 900, 1000, first_key, ap);
  va_end (ap);
}

static MlrAttentionState *
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

static double
row_max (const double *row,
         guint         n)
{
  double m = 0;

  for (guint j = 0; j < n; j++)
    m = MAX (m, row[j]);
  return m;
}

static void
test_keys_and_causal (void)
{
  Fixture f = { 0 };
  double plain[MLR_ATTENTION_MAX_WORDS * MLR_ATTENTION_MAX_WORDS];
  double want_entropy = 0, want_max = 0;
  guint n;

  fixture_open (&f, "head", "2", NULL);
  n = mlr_attention_state_get_n_tokens (state_of (&f));
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 7);  /* "it" */

  /* Right selects "was"; the metrics follow its row of head 2 */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Right, 0));
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 8);
  g_assert_cmpstr (param (&f, "token"), ==, "8");
  memcpy (plain, mlr_attention_state_get_weights (state_of (&f), 1), sizeof (double) * n * n);
  demo_fixture_assert_metric (&f, "max_weight", row_max (plain + 8 * n, n));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 5);  /* "mat" */
  demo_fixture_assert_metric (&f, "max_weight", row_max (plain + 5 * n, n));
  demo_fixture_assert_metric (&f, "entropy", mlr_attention_mean_entropy (plain, n, n));

  /* C: the causal mask. Each row's weights become its first i + 1 renormalised. */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_c, 0));
  g_assert_cmpstr (param (&f, "causal"), ==, "true");
  for (guint i = 0; i < n; i++)
    {
      double sum = 0, row[MLR_ATTENTION_MAX_WORDS] = { 0 };

      for (guint j = 0; j <= i; j++)
        sum += plain[i * n + j];
      for (guint j = 0; j <= i; j++)
        row[j] = plain[i * n + j] / sum;
      want_entropy += mlr_attention_row_entropy (row, n) / n;
      if (i == 5)
        want_max = row_max (row, n);
    }
  /* masking can only lower a row's entropy bound, and here lowers the mean */
  g_assert_cmpfloat (want_entropy, <, mlr_attention_mean_entropy (plain, n, n));
  demo_fixture_assert_metric (&f, "entropy", want_entropy);
  g_assert_cmpfloat_with_epsilon (want_max, row_max (mlr_attention_state_get_weights (
                                    state_of (&f), 1) + 5 * n, n), 1e-12);
  demo_fixture_assert_metric (&f, "max_weight", want_max);
  for (guint i = 0; i < 5; i++)
    g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 0);
  demo_fixture_assert_metric (&f, "max_weight", 1);   /* the first token sees only itself */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Left, 0));  /* stays at the edge */
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_c, 0));
  g_assert_cmpstr (param (&f, "causal"), ==, "false");
  demo_fixture_assert_metric (&f, "entropy", mlr_attention_mean_entropy (plain, n, n));
  demo_fixture_close (&f);
}

static void
test_edit_vector (void)
{
  Fixture f = { 0 };
  const double *e;
  double before, w_before;
  guint n;

  fixture_open (&f, NULL);
  n = mlr_attention_state_get_n_tokens (state_of (&f));
  e = mlr_attention_state_get_embedding (state_of (&f), 7);
  before = e[1];
  w_before = mlr_attention_state_get_weights (state_of (&f), 0)[7 * n + 1];
  g_assert_cmpint (mlr_attention_demo_get_component (f.demo), ==, 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Down, 0));
  g_assert_cmpint (mlr_attention_demo_get_component (f.demo), ==, 1);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
  e = mlr_attention_state_get_embedding (state_of (&f), 7);
  g_assert_cmpfloat_with_epsilon (e[1], before + 0.5, 1e-12);
  g_assert_true (mlr_attention_state_is_edited (state_of (&f)));
  g_assert_cmpstr (param (&f, "vectors"), !=, "");
  /* the query of "it" changed, so its row of weights moved */
  g_assert_cmpfloat (fabs (mlr_attention_state_get_weights (state_of (&f), 0)[7 * n + 1] -
                           w_before), >, 1e-6);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_0, 0));
  g_assert_cmpfloat (mlr_attention_state_get_embedding (state_of (&f), 7)[1], ==, 0);
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Up, 0));
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_Page_Up, 0));
  g_assert_cmpint (mlr_attention_demo_get_component (f.demo), ==, MLR_ATTENTION_D_MODEL - 1);
  /* bounded: many presses stop at 5 */
  for (int i = 0; i < 40; i++)
    demo_fixture_press_key (&f, GDK_KEY_plus, 0);
  g_assert_cmpfloat (mlr_attention_state_get_embedding (state_of (&f), 7)[5], ==, 5);
  /* B brings back the built-in vectors */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_b, 0));
  g_assert_cmpstr (param (&f, "vectors"), ==, "");
  g_assert_false (mlr_attention_state_is_edited (state_of (&f)));
  demo_fixture_close (&f);
}

static void
test_pointer (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  GtkGesture *drag;
  MlrAttentionLayout L;
  double before;

  fixture_open (&f, NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  drag = demo_fixture_find_controller (canvas, GTK_TYPE_GESTURE_DRAG, 0);
  mlr_attention_painter_layout (NULL, gtk_widget_get_width (canvas),
                                gtk_widget_get_height (canvas),
                                mlr_demo_get_palette (MLR_DEMO (f.demo)), state_of (&f), &L);
  /* a press on the chip of "cat" selects it; on the heatmap's row 3, "on" */
  g_signal_emit_by_name (drag, "drag-begin", L.chip_x[1] + 3, L.chip_y + L.chip_h / 2);
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 1);
  g_signal_emit_by_name (drag, "drag-begin", L.heat_x + 0.5 * L.cell, L.heat_y + 3.5 * L.cell);
  g_assert_cmpuint (mlr_attention_state_get_selected (state_of (&f)), ==, 3);
  /* a press on component 4 picks it, and dragging up 40 px adds 1 */
  before = mlr_attention_state_get_embedding (state_of (&f), 3)[4];
  g_signal_emit_by_name (drag, "drag-begin", L.vec_x + 4.5 * L.vec_cell, L.vec_y + 5);
  g_assert_cmpint (mlr_attention_demo_get_component (f.demo), ==, 4);
  g_signal_emit_by_name (drag, "drag-update", 3.0, -40.0);
  g_assert_cmpfloat_with_epsilon (mlr_attention_state_get_embedding (state_of (&f), 3)[4],
                                  MIN (before + 1, 5), 1e-12);
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  MlrAttentionState *s;
  guint best;

  fixture_open (&f, "causal", "true", "token", "0", NULL);
  text = mlr_attention_demo_describe_state (state_of (&f));
  g_assert_cmpstr (text, ==, "Head 1, temperature 1, causal mask on. Token 1, “the”, attends "
                             "most to token 1, “the”, with weight 1.00, the only token it may "
                             "see. Mean row entropy 0.84 nats; 2.30 would be even attention "
                             "over all 10 tokens.");
  demo_fixture_close (&f);

  fixture_open (&f, NULL);
  s = state_of (&f);
  best = mlr_attention_state_strongest (s, 7);
  g_free (text);
  text = mlr_attention_demo_describe_state (s);
  g_assert_true (g_str_has_prefix (text, "Head 1, temperature 1, no causal mask. Token 8, "
                                         "“it”, attends most to token "));
  g_assert_nonnull (strstr (text, mlr_attention_state_get_token (s, best)));
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

  g_test_add_func ("/ui/attention-demo/keys-and-causal", test_keys_and_causal);
  g_test_add_func ("/ui/attention-demo/edit-vector", test_edit_vector);
  g_test_add_func ("/ui/attention-demo/pointer", test_pointer);
  g_test_add_func ("/ui/attention-demo/description", test_description);
  return g_test_run ();
}
