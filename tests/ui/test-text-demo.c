/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text demo widget in a real window (Xvfb in CI), driven through what a person's input
 * reaches: typing into the Sentence entry, one character at a time, changes the sentence,
 * the chips, the picture and the p_positive metric (equal to a fresh state's for the same
 * sentence); a click on a chip picks it, the keys do what the help says (Left/Right,
 * Escape, B); "Import sentences…" reads a CSV off the UI thread and toasts what it did or
 * where the file is wrong; the screen reader's sentence follows.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-text-demo.h"
#include "painters/mlr-text-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "text", MLR_TYPE_TEXT_DEMO, 740, 1000, first_key, ap);
  va_end (ap);
}

static MlrTextState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

/* The metric as the demo reports it once it has caught up with its state (the demo
 * announces metrics at most every 300 ms). */
static double
metric (Fixture    *f,
        const char *name)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  MlrTextState *state = mlr_demo_get_state (MLR_DEMO (f->demo));
  double want = NAN, got = NAN;

  if (g_str_equal (name, "p_positive"))
    want = mlr_text_state_get_p_positive (state);
  else if (g_str_equal (name, "vocabulary"))
    want = mlr_text_nb_get_n_features (mlr_text_state_get_model (state));
  do
    {
      g_autoptr(GVariant) v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), name);

      g_assert_nonnull (v);
      got = g_variant_get_double (v);
      if (isnan (want) || got == want)
        return got;
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_get_monotonic_time () < end);
  g_error ("metric %s is %.17g, the state says %.17g", name, got, want);
}

/* p_positive of a state made afresh for @text (and @ngrams), apart from the widget. */
static double
fresh_p (const char *text,
         const char *ngrams)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_text_state_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(MlrTextState) state = NULL;

  g_assert_true (mlr_params_set (params, "text", text, NULL));
  g_assert_true (mlr_params_set (params, "ngrams", ngrams, NULL));
  state = mlr_text_state_new (params, NULL);
  return mlr_text_state_get_p_positive (state);
}

static void
type_text (GtkWidget  *entry,
           const char *text)
{
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      int pos = -1;

      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
      pos = gtk_editable_get_position (GTK_EDITABLE (entry));
      gtk_editable_insert_text (GTK_EDITABLE (entry), c, g_utf8_next_char (c) - c, &pos);
    }
}

static void
test_typing (void)
{
  Fixture f = { 0 };
  GtkWidget *entry;
  double before, after;
  guint n;

  fixture_open (&f, "text", "The food was", NULL);
  entry = mlr_text_demo_get_entry (f.demo);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "The food was");
  before = metric (&f, "p_positive");
  g_assert_cmpfloat_with_epsilon (before, fresh_p ("The food was", "1"), 1e-12);

  type_text (entry, " lovely");
  demo_fixture_wait_for_draw (&f);
  g_assert_cmpstr (mlr_text_state_get_text (state_of (&f)), ==, "The food was lovely");
  g_assert_cmpstr (mlr_params_get_string (mlr_demo_get_params (MLR_DEMO (f.demo)), "text"), ==,
                   "The food was lovely");
  after = metric (&f, "p_positive");
  g_assert_cmpfloat (after, >, before + 0.2);
  g_assert_cmpfloat_with_epsilon (after, fresh_p ("The food was lovely", "1"), 1e-12);
  mlr_text_state_get_chips (state_of (&f), &n);
  g_assert_cmpuint (n, ==, 4);

  /* deleting back to nothing: the prior, no chips, never NaN */
  gtk_editable_delete_text (GTK_EDITABLE (entry), 0, -1);
  mlr_text_state_get_chips (state_of (&f), &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (isfinite (metric (&f, "p_positive")));
  g_assert_cmpfloat_with_epsilon (metric (&f, "p_positive"), fresh_p ("", "1"), 1e-12);

  /* a parameter set from outside (a lesson, a challenge) shows in the entry */
  g_assert_true (mlr_demo_set_param (MLR_DEMO (f.demo), "text", "awful, rude staff", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "awful, rude staff");
  g_assert_cmpfloat (metric (&f, "p_positive"), <, 0.2);
  demo_fixture_close (&f);
}

static void
test_keys_and_pointer (void)
{
  Fixture f = { 0 };
  GtkWidget *canvas;
  GtkGesture *click = NULL;
  GListModel *controllers;
  MlrTextLayout layout;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double vocab;

  fixture_open (&f, NULL);
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo)));

  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, -1);
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Right, 0));
  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, 0);
  mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Right, 0);
  mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Right, 0);
  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, 2);
  mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Left, 0);
  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, 1);
  {
    g_autofree char *said = mlr_text_demo_describe_state (state_of (&f), 1);
    g_assert_nonnull (strstr (said, "“service” occurs"));
  }
  mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Escape, 0);
  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, -1);

  /* B: bigrams on, more features, the default sentence turns negative; and off again */
  vocab = metric (&f, "vocabulary");
  g_assert_cmpfloat (metric (&f, "p_positive"), >, 0.5);
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_b, 0));
  g_assert_cmpint (mlr_params_get_int (mlr_demo_get_params (MLR_DEMO (f.demo)), "ngrams"), ==, 2);
  g_assert_cmpfloat (metric (&f, "vocabulary"), >, 2 * vocab);
  g_assert_cmpfloat (metric (&f, "p_positive"), <, 0.5);
  g_assert_cmpfloat_with_epsilon (metric (&f, "p_positive"),
                                  fresh_p ("The service was not good", "2"), 1e-12);
  mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_b, 0);
  g_assert_cmpfloat (metric (&f, "vocabulary"), ==, vocab);

  /* a click on the fourth chip ("not") picks it; again lets it go */

  mlr_text_painter_layout (cr, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                           mlr_demo_get_palette (MLR_DEMO (f.demo)), state_of (&f), &layout);
  controllers = gtk_widget_observe_controllers (canvas);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !click; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (c))
        click = GTK_GESTURE (c);
    }
  g_object_unref (controllers);
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, layout.chips[3].x + 4, layout.chips[3].y + 4);
  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, 3);
  g_signal_emit_by_name (click, "pressed", 1, layout.chips[3].x + 4, layout.chips[3].y + 4);
  g_assert_cmpint (mlr_text_demo_get_selected (f.demo), ==, -1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  demo_fixture_close (&f);
}

static void
test_import (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("mlr-text-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "mine.csv", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.csv", NULL);
  g_autofree char *one = g_build_filename (dir, "one.csv", NULL);
  gsize before;

  g_assert_true (g_file_set_contents (good, "text,label\n\"lovely, lovely\",1\nawful,0\n"
                                      "great,1\nbad,0\nnice,1\npoor,0\nsuperb,1\n"
                                      "dreadful,0\n", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "text,label\ngood,1\n\"open,0\n", -1, NULL));
  g_assert_true (g_file_set_contents (one, "text,label\ngood,1\nnice,1\nfine,1\nok,1\n", -1,
                                      NULL));
  fixture_open (&f, "text", "lovely", NULL);

  before = f.toasts->len;
  mlr_text_demo_import_file (f.demo, broken);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (strstr (f.toasts->str + before, "Could not import the sentences: "));
  g_assert_nonnull (strstr (f.toasts->str + before, "broken.csv:3: a quoted field opens"));
  g_assert_null (mlr_text_state_get_own_name (state_of (&f)));

  before = f.toasts->len;
  mlr_text_demo_import_file (f.demo, one);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (strstr (f.toasts->str + before, "one.csv: every sentence has the label 1; the demo needs both"));

  before = f.toasts->len;
  mlr_text_demo_import_file (f.demo, good);
  demo_fixture_wait_for_toast (&f, before);
  g_assert_nonnull (strstr (f.toasts->str + before, "Learning from the 8 sentences of "
                                                    "“mine.csv”"));
  g_assert_cmpstr (mlr_text_state_get_own_name (state_of (&f)), ==, "mine.csv");
  g_assert_cmpuint (mlr_text_state_get_n_rows (state_of (&f), NULL, NULL), ==, 8);
  g_assert_true (isfinite (metric (&f, "p_positive")));
  {
    g_autofree char *said = mlr_text_demo_describe_state (state_of (&f), -1);
    g_assert_nonnull (strstr (said, "mine.csv: trained on 6 of 8 sentences"));
  }
  gtk_widget_activate_action (GTK_WIDGET (f.demo), "text.builtin", NULL);
  g_assert_null (mlr_text_state_get_own_name (state_of (&f)));
  g_assert_cmpuint (mlr_text_state_get_n_rows (state_of (&f), NULL, NULL), ==, 662);

  demo_fixture_close (&f);
  g_remove (good);
  g_remove (broken);
  g_remove (one);
  g_rmdir (dir);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *pct = NULL;

  fixture_open (&f, NULL);
  text = mlr_text_demo_describe_state (state_of (&f), -1);
  pct = g_strdup_printf ("“The service was not good”: %.0f%% positive, so positive.",
                         100 * metric (&f, "p_positive"));
  g_assert_true (g_str_has_prefix (text, pct));
  g_assert_nonnull (strstr (text, " Features: the −0.07, service −0.21, was −0.16, not −0.38, "
                                  "good +1.09."));
  g_assert_nonnull (strstr (text, "Negation: a bag of words counts “not” (−0.38) and “good” "
                                  "(+1.09) apart"));
  g_assert_true (g_str_has_suffix (text, " Built-in reviews: trained on 496 of 662 sentences, "
                                         "67% right on the 166 held out."));
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

  g_test_add_func ("/ui/text-demo/typing", test_typing);
  g_test_add_func ("/ui/text-demo/keys-and-pointer", test_keys_and_pointer);
  g_test_add_func ("/ui/text-demo/import", test_import);
  g_test_add_func ("/ui/text-demo/description", test_description);
  return g_test_run ();
}
