/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "text" demo's numbers and picture: the tokeniser on known cases, the RFC 4180 reader
 * (quotes, line breaks in fields, CRLF, BOM) and its located errors, naive Bayes against a
 * hand-computed answer, hostile fits refused, the state's sums (prior + chips = the
 * log-odds of its probability), negation and the learner's corpus, and a picture whose chips
 * are where the layout says, coloured by their sign. (The comparison with scikit-learn on
 * many inputs is tests/cli/test-cli-text.py.)
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "painters/mlr-demo-registry.h"
#include "painters/mlr-text-painter.h"

static char *
tokens_of (const char *text)
{
  g_autoptr(GArray) tokens = mlr_text_tokenize (text, strlen (text));
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      g_autofree char *t = mlr_text_token_string (text, &g_array_index (tokens, MlrTextToken, i));
      g_string_append_printf (s, "%s%s", i ? "|" : "", t);
    }
  return g_string_free (s, FALSE);
}

static void
test_tokenize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "", "" },
    { "a I x", "" },
    { "Not GOOD", "not|good" },
    { "Don't STOP-me now, it's 2nd_best!! x9 _a __", "don|stop|me|now|it|2nd_best|x9|_a|__" },
    { "3.5 stars; 10/10", "stars|10|10" },
    { "  good\tgood\ngood  ", "good|good|good" },
    { "caf\xc3\xa9 na\xc3\xafve", "caf|na|ve" },  /* non-ASCII bytes separate */
    { "e-mail co_op", "mail|co_op" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = tokens_of (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    const char *text = "Hi, good film";
    g_autoptr(GArray) t = mlr_text_tokenize (text, strlen (text));

    g_assert_cmpuint (t->len, ==, 3);
    g_assert_cmpuint (g_array_index (t, MlrTextToken, 1).start, ==, 4);
    g_assert_cmpuint (g_array_index (t, MlrTextToken, 1).end, ==, 8);
  }
}

static MlrTextData *
parse (const char *csv,
       gboolean    labelled,
       GError    **error)
{
  return mlr_text_data_parse ("t.csv", csv, strlen (csv), labelled, error);
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrTextData) d = parse ("\xef\xbb\xbfid,label,text\r\n"
                                    "7,1,\"Good, really \"\"good\"\"\"\r\n"
                                    "\r\n"
                                    "8,0,\"two\nlines\"\r\n"
                                    "9, 1 ,\"\"\r\n"
                                    "10,0,plain text\r\n", TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (d->n_rows, ==, 4);
  g_assert_cmpuint (d->n_classes, ==, 2);
  g_assert_cmpstr (d->texts[0], ==, "Good, really \"good\"");
  g_assert_cmpstr (d->texts[1], ==, "two\nlines");
  g_assert_cmpstr (d->texts[2], ==, "");
  g_assert_cmpstr (d->texts[3], ==, "plain text");
  g_assert_null (d->texts[4]);
  g_assert_cmpint (d->labels[0], ==, 1);
  g_assert_cmpint (d->labels[2], ==, 1);
  g_assert_cmpuint (d->lines[0], ==, 2);
  g_assert_cmpuint (d->lines[1], ==, 4);
  g_assert_cmpuint (d->lines[2], ==, 6);   /* after the field's line break */
  g_clear_pointer (&d, mlr_text_data_free);

  /* texts to predict: the label column may be missing, or present and ignored */
  d = parse ("text\nhello\n", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->labels[0], ==, -1);
  g_assert_cmpuint (d->n_classes, ==, 0);
  g_clear_pointer (&d, mlr_text_data_free);
  d = parse ("text,label\nhello,garbage\n", FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&d, mlr_text_data_free);
}

static void
test_csv_errors (void)
{
  static const struct { const char *csv; gboolean labelled; const char *where; int code; } bad[] = {
    { "", TRUE, "t.csv: the file is empty", MLR_TEXT_ERROR_EMPTY },
    { "text,label\n", TRUE, "t.csv: a header and no rows", MLR_TEXT_ERROR_EMPTY },
    { "words,label\nhi,1\n", TRUE, "t.csv:1: the header needs", MLR_TEXT_ERROR_HEADER },
    { "text\nhi\n", TRUE, "t.csv:1:", MLR_TEXT_ERROR_HEADER },
    { "text,text\nhi,hi\n", FALSE, "t.csv:1: the header names", MLR_TEXT_ERROR_HEADER },
    { "text,label\ngood,1\n\"open,0\nmore,1\n", TRUE, "t.csv:3: a quoted field opens",
      MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,1\nsaid \"hi\",0\n", TRUE, "t.csv:3: a double quote inside",
      MLR_TEXT_ERROR_SYNTAX },
    { "text,label\n\"good\"x,1\n", TRUE, "t.csv:2: text after the closing quote",
      MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,film,1\n", TRUE, "t.csv:2: 3 fields", MLR_TEXT_ERROR_SYNTAX },
    { "text,label\n\"a\nb\",1\nc,nan\n", TRUE, "t.csv:4: the label “nan”", MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,-1\n", TRUE, "t.csv:2: the label “-1”", MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,1.5\n", TRUE, "t.csv:2:", MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,16\n", TRUE, "t.csv:2:", MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,\n", TRUE, "t.csv:2:", MLR_TEXT_ERROR_SYNTAX },
    { "text,label\ngood,1\ncaf\xe9,0\n", TRUE, "t.csv:3: not UTF-8 text (byte 0xe9 at column 4)",
      MLR_TEXT_ERROR_BINARY },
    { "text,label\ngood\x01,1\n", TRUE, "t.csv:2: a control byte", MLR_TEXT_ERROR_BINARY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MlrTextData) d = parse (bad[i].csv, bad[i].labelled, &error);

      g_assert_null (d);
      g_assert_error (error, MLR_TEXT_ERROR, bad[i].code);
      if (!g_str_has_prefix (error->message, bad[i].where))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, bad[i].where);
    }
}

/* Two texts, worked by hand (alpha 1): V = {good, bad, film}; positive counts good 2, bad 1
 * (3 in all), negative bad 1, film 1 (2). P(good | pos) = 3/6, P(good | neg) = 1/5, priors
 * 1/2: "good" is positive with 0.5 / (0.5 + 0.2) = 5/7. */
static void
test_naive_bayes (void)
{
  const char *texts[] = { "Good good bad", "bad film" };
  int labels[] = { 1, 0 };
  g_autoptr(MlrTextNB) m = mlr_text_nb_fit (texts, labels, 2, 1.0, 1, NULL);
  g_autoptr(MlrTextNB) m2 = mlr_text_nb_fit (texts, labels, 2, 1.0, 2, NULL);
  double p[2];
  int good = mlr_text_nb_lookup (m, "good");
  guint top[4], n;

  g_assert_cmpuint (mlr_text_nb_get_n_features (m), ==, 3);
  g_assert_cmpint (good, >=, 0);
  g_assert_cmpint (mlr_text_nb_lookup (m, "zebra"), ==, -1);
  g_assert_cmpfloat_with_epsilon (mlr_text_nb_feature_log_prob (m, 1, good), log (0.5), 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_text_nb_feature_log_prob (m, 0, good), log (0.2), 1e-15);
  g_assert_cmpfloat (mlr_text_nb_feature_count (m, 1, good), ==, 2);
  mlr_text_nb_predict_proba (m, "GOOD!", p);
  g_assert_cmpfloat_with_epsilon (p[1], 5.0 / 7, 1e-15);
  g_assert_cmpfloat_with_epsilon (p[0] + p[1], 1, 1e-15);
  g_assert_cmpuint (mlr_text_nb_predict (m, "good"), ==, 1);
  /* unseen words and empty text: the prior */
  mlr_text_nb_predict_proba (m, "zebra, unseen", p);
  g_assert_cmpfloat (p[1], ==, 0.5);
  mlr_text_nb_predict_proba (m, "", p);
  g_assert_cmpfloat (p[1], ==, 0.5);
  /* bigrams: good good, good bad, bad film */
  g_assert_cmpuint (mlr_text_nb_get_n_features (m2), ==, 6);
  g_assert_cmpint (mlr_text_nb_lookup (m2, "good bad"), >=, 0);
  g_assert_cmpint (mlr_text_nb_lookup (m, "good bad"), ==, -1);
  /* the strongest for positive: good (log 0.5/0.2), then nothing else leans positive */
  g_assert_cmpuint (mlr_text_nb_top_features (m, 1, 0, top, 0), ==, 0);
  n = mlr_text_nb_top_features (m, 1, 0, top, 4);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (mlr_text_nb_get_feature (m, top[0]), ==, "good");
  n = mlr_text_nb_top_features (m, 0, 0, top, 4);
  g_assert_cmpuint (n, ==, 2);  /* film (2/5 vs 1/6), then bad (2/5 vs 2/6) */
  g_assert_cmpstr (mlr_text_nb_get_feature (m, top[0]), ==, "film");
  g_assert_cmpstr (mlr_text_nb_get_feature (m, top[1]), ==, "bad");
  /* a 1 MB text: finite, certain, no NaN */
  {
    GString *big = g_string_new (NULL);
    for (guint i = 0; i < 100000; i++)
      g_string_append (big, "good film ");
    mlr_text_nb_predict_proba (m, big->str, p);
    g_assert_true (isfinite (p[0]) && isfinite (p[1]));
    g_assert_cmpfloat (p[0] + p[1], ==, 1);
    g_string_free (big, TRUE);
  }
}

static void
test_fit_refused (void)
{
  const char *texts[] = { "good film", "bad film", "ok film" };
  int one[] = { 0, 0, 0 }, gap[] = { 0, 2, 0 }, ok[] = { 0, 1, 1 };
  const char *empty[] = { "a", "!", "" };
  const double alphas[] = { 0, -1, NAN, INFINITY, 1e-7, 1001 };
  GError *error = NULL;

  g_assert_null (mlr_text_nb_fit (texts, one, 3, 1, 1, &error));
  g_assert_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_CLASSES);
  g_clear_error (&error);
  g_assert_null (mlr_text_nb_fit (texts, gap, 3, 1, 1, &error));
  g_assert_nonnull (strstr (error->message, "label 1"));
  g_clear_error (&error);
  g_assert_null (mlr_text_nb_fit (empty, ok, 3, 1, 1, &error));
  g_assert_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (mlr_text_nb_fit (texts, ok, 0, 1, 1, &error));
  g_clear_error (&error);
  g_assert_null (mlr_text_nb_fit (texts, ok, 3, 1, 3, &error));
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (alphas); i++)
    {
      g_assert_null (mlr_text_nb_fit (texts, ok, 3, alphas[i], 1, &error));
      g_assert_nonnull (strstr (error->message, "allowed"));
      g_clear_error (&error);
    }
}

static MlrTextState *
state_with (const char *first,
            ...)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_text_state_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  va_list args;
  MlrTextState *state;

  va_start (args, first);
  for (const char *kv = first; kv != NULL; kv = va_arg (args, const char *))
    g_assert_true (mlr_params_parse_assignment (params, kv, NULL));
  va_end (args);
  state = mlr_text_state_new (params, NULL);
  g_assert_nonnull (state);
  return state;
}

static double
logit (double p)
{
  return log (p) - log1p (-p);
}

static void
test_state (void)
{
  g_autoptr(MlrTextState) words = state_with (NULL);
  g_autoptr(MlrTextState) pairs = state_with ("ngrams=2", NULL);
  g_autoptr(MlrTextState) fine = state_with ("text=What a lovely hotel", "alpha=0.5",
                                             "seed=9", NULL);
  MlrTextState *all[] = { words, pairs, fine };
  const MlrTextChip *chips;
  guint n, n_train, n_test;

  /* the default sentence, "The service was not good": words say positive, pairs negative */
  g_assert_cmpfloat (mlr_text_state_get_p_positive (words), >, 0.5);
  g_assert_cmpfloat (mlr_text_state_get_p_positive (pairs), <, 0.5);
  g_assert_cmpint (mlr_text_state_get_negation (words), ==, 3);
  chips = mlr_text_state_get_chips (pairs, &n);
  g_assert_cmpuint (n, ==, 9);  /* 5 words, 4 pairs */
  g_assert_cmpstr (chips[8].feature, ==, "not good");
  g_assert_true (chips[8].bigram);
  g_assert_cmpint (chips[8].index, >=, 0);
  g_assert_cmpfloat (chips[8].log_odds, <, 0);
  g_assert_cmpuint (mlr_text_state_get_n_rows (words, &n_train, &n_test), ==, 662);
  g_assert_cmpuint (n_test, ==, 166);
  g_assert_cmpuint (n_train, ==, 496);
  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    {
      double sum = mlr_text_state_get_prior_log_odds (all[k]);

      chips = mlr_text_state_get_chips (all[k], &n);
      for (guint i = 0; i < n; i++)
        sum += chips[i].log_odds;
      /* the chips and the prior add up to the probability the model gives */
      g_assert_cmpfloat_with_epsilon (sum, mlr_text_state_get_log_odds (all[k]), 1e-12);
      g_assert_cmpfloat_with_epsilon (sum, logit (mlr_text_state_get_p_positive (all[k])), 1e-9);
      g_assert_cmpfloat (mlr_text_state_get_test_accuracy (all[k]), >, 0.5);
      g_assert_cmpfloat (mlr_text_state_get_train_accuracy (all[k]), >,
                         mlr_text_state_get_test_accuracy (all[k]));
    }
  g_assert_cmpfloat (mlr_text_state_get_p_positive (fine), >, 0.8);
  g_assert_cmpint (mlr_text_state_get_negation (fine), ==, -1);
}

static void
test_state_params_and_corpus (void)
{
  g_autoptr(MlrTextState) s = state_with (NULL);
  guint n_specs;
  const MlrParamSpec *specs = mlr_text_state_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(MlrTextData) own = NULL;
  g_autoptr(MlrTextData) one_class = NULL;
  g_autoptr(MlrTextData) three = NULL;
  g_autoptr(GError) error = NULL;
  double before = mlr_text_state_get_p_positive (s);
  guint n;

  g_assert_true (mlr_params_set (params, "text", "", NULL));
  g_assert_true (mlr_text_state_apply_param (s, params, "text", NULL));
  mlr_text_state_get_chips (s, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpfloat_with_epsilon (logit (mlr_text_state_get_p_positive (s)),
                                  mlr_text_state_get_prior_log_odds (s), 1e-12);
  g_assert_true (mlr_params_set (params, "text", "The service was not good", NULL));
  g_assert_true (mlr_text_state_apply_param (s, params, "text", NULL));
  g_assert_cmpfloat (mlr_text_state_get_p_positive (s), ==, before);
  g_assert_true (mlr_params_set (params, "alpha", "0.01", NULL));
  g_assert_true (mlr_text_state_apply_param (s, params, "alpha", NULL));
  g_assert_cmpfloat (mlr_text_state_get_p_positive (s), !=, before);
  g_assert_false (mlr_text_state_apply_param (s, params, "nonsense", NULL));

  /* the learner's sentences: two classes 0 and 1 and enough rows, or nothing changes */
  own = parse ("text,label\ngood,1\nbad,0\ngreat,1\nawful,0\nnice,1\npoor,0\nlovely,1\n"
               "terrible,0\n", TRUE, &error);
  g_assert_no_error (error);
  one_class = parse ("text,label\ngood,1\nfine,1\n", TRUE, &error);
  g_assert_no_error (error);
  three = parse ("text,label\na good,0\nbb,1\ncc,2\ndd,2\n", TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (mlr_text_state_set_corpus (s, three, "three.csv", &error));
  g_assert_nonnull (strstr (error->message, "three.csv"));
  g_clear_error (&error);
  g_assert_false (mlr_text_state_set_corpus (s, one_class, "one.csv", &error));
  g_clear_error (&error);
  g_assert_null (mlr_text_state_get_own_name (s));
  g_assert_cmpuint (mlr_text_state_get_n_rows (s, NULL, NULL), ==, 662);
  g_assert_true (mlr_text_state_set_corpus (s, own, "mine.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mlr_text_state_get_own_name (s), ==, "mine.csv");
  g_assert_cmpuint (mlr_text_state_get_n_rows (s, NULL, NULL), ==, 8);
  g_assert_true (isfinite (mlr_text_state_get_p_positive (s)));
  g_assert_true (mlr_text_state_set_corpus (s, NULL, NULL, &error));
  g_assert_null (mlr_text_state_get_own_name (s));
  g_assert_cmpuint (mlr_text_state_get_n_rows (s, NULL, NULL), ==, 662);
}

static void
test_picture (void)
{
  for (int dark = 0; dark <= 1; dark++)
    for (int w = 480; w <= 740; w += 260)
      {
        g_autoptr(MlrTextState) s = state_with ("text=Not good, lovely pasta", NULL);
        MlrPalette palette;
        int h;
        cairo_surface_t *surface;
        cairo_t *cr;
        MlrTextLayout layout;
        const MlrTextChip *chips;
        guint n;
        MlrTextPaintOptions options = { 1 };

        mlr_palette_init_default (&palette, dark);
        h = mlr_text_painter_preferred_height (w, &palette, s);
        g_assert_cmpint (h, >=, 300);
        g_assert_cmpint (h, <=, 700);
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        cr = cairo_create (surface);
        mlr_text_painter_draw (cr, w, h, &palette, s, &options);
        mlr_text_painter_layout (cr, w, h, &palette, s, &layout);
        cairo_surface_flush (surface);
        chips = mlr_text_state_get_chips (s, &n);
        g_assert_cmpuint (layout.n_chips, ==, n);
        for (guint k = 0; k < layout.n_chips; k++)
          {
            const MlrTextRect *r = &layout.chips[k];
            const MlrTextChip *c = &chips[layout.chip_of[k]];
            const guint8 *data = cairo_image_surface_get_data (surface);
            int stride = cairo_image_surface_get_stride (surface);
            /* a pixel inside the chip, right of its text's start, in the lower padding */
            int px = (int) (r->x + 3), py = (int) (r->y + r->height - 2);
            const guint8 *pix = data + py * stride + px * 4;  /* B G R A */

            g_assert_cmpfloat (r->x + r->width, <=, w);
            g_assert_cmpint (mlr_text_painter_hit (&layout, r->x + r->width / 2,
                                                   r->y + r->height / 2), ==,
                             (int) layout.chip_of[k]);
            if (c->index >= 0 && fabs (c->log_odds) > 0.5)
              {
                /* the diverging scale: red for positive, blue for negative */
                if (c->log_odds > 0)
                  g_assert_cmpint (pix[2], >, pix[0]);
                else
                  g_assert_cmpint (pix[0], >, pix[2]);
              }
          }
        g_assert_cmpint (mlr_text_painter_hit (&layout, -5, -5), ==, -1);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

static void
test_note (void)
{
  g_autoptr(MlrTextState) words = state_with (NULL);
  g_autoptr(MlrTextState) pairs = state_with ("ngrams=2", NULL);
  g_autoptr(MlrTextState) plain = state_with ("text=lovely room", NULL);
  g_autofree char *a = mlr_text_painter_note (words, -1);
  g_autofree char *b = mlr_text_painter_note (pairs, -1);
  g_autofree char *c = mlr_text_painter_note (plain, -1);
  g_autofree char *d = mlr_text_painter_note (plain, 0);

  g_assert_nonnull (strstr (a, "“not”"));
  g_assert_nonnull (strstr (a, "“good”"));
  g_assert_nonnull (strstr (b, "“not good”"));
  g_assert_null (c);
  g_assert_nonnull (strstr (d, "“lovely”"));
  g_assert_nonnull (strstr (d, "times in positive"));
}

static void
test_format (void)
{
  static const struct { double v; const char *s; } pct[] = {
    { 0, "0%" }, { 0.003, "0.3%" }, { 0.005, "0%" }, { 0.5766, "58%" }, { 0.9959, "99.6%" },
    { 0.995, "99.5%" }, { 1, "100%" },
  };
  static const struct { double v; const char *s; } lo[] = {
    { 1.0916, "+1.09" }, { -0.375, "−0.38" }, { 0.001, "+0.00" }, { -0.004, "+0.00" },
    { NAN, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pct); i++)
    {
      g_autofree char *got = mlr_text_format_percent (pct[i].v);
      g_assert_cmpstr (got, ==, pct[i].s);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lo); i++)
    {
      g_autofree char *got = mlr_text_format_log_odds (lo[i].v);
      g_assert_cmpstr (got, ==, lo[i].s);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/ml/text/tokenize", test_tokenize);
  g_test_add_func ("/ml/text/csv", test_csv);
  g_test_add_func ("/ml/text/csv-errors", test_csv_errors);
  g_test_add_func ("/ml/text/naive-bayes", test_naive_bayes);
  g_test_add_func ("/ml/text/fit-refused", test_fit_refused);
  g_test_add_func ("/ml/text/state", test_state);
  g_test_add_func ("/ml/text/state-params-and-corpus", test_state_params_and_corpus);
  g_test_add_func ("/painters/text/picture", test_picture);
  g_test_add_func ("/painters/text/note", test_note);
  g_test_add_func ("/painters/text/format", test_format);
  return g_test_run ();
}
