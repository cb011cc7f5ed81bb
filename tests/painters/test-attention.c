/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "attention" demo's numbers and picture: known answers of scaled dot-product attention
 * (equal scores split evenly, the causal mask's zeros, a temperature that sharpens), the
 * stable softmax on scores that overflow a naive one and on the smallest and largest
 * temperatures, the entropy, hostile shapes refused, the state's parameters (a new sentence
 * brings its own vectors, edits round-trip), and a picture whose pointer mapping finds the
 * tokens, rows and vector cells it draws, with the colours of their values.
 * (The comparison with NumPy on random inputs is tests/cli/test-cli-attention.py.)
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "painters/mlr-attention-painter.h"
#include "painters/mlr-demo-registry.h"

static void
test_known_answers (void)
{
  /* keys 0 and 1 equal, key 2 the query itself: scores 0, 0, 2 (d_k = 2) */
  const double q[] = { 1, 1 }, k[] = { 1, -1, -1, 1, 1, 1 }, v[] = { 1, 0, 0, 1, 2, 2 };
  double w[3], out[2], e2 = exp (2 / sqrt (2.0));

  mlr_attention_compute (q, k, v, 1, 3, 2, 2, FALSE, 1, w, out);
  g_assert_cmpfloat_with_epsilon (w[0], 1 / (2 + e2), 1e-15);
  g_assert_cmpfloat (w[0], ==, w[1]);
  g_assert_cmpfloat_with_epsilon (w[2], e2 / (2 + e2), 1e-15);
  g_assert_cmpfloat_with_epsilon (out[0], w[0] + 2 * w[2], 1e-15);
  g_assert_cmpfloat_with_epsilon (out[1], w[1] + 2 * w[2], 1e-15);
  /* temperature 0.5 doubles the scores: e^(2·√2) */
  mlr_attention_compute (q, k, v, 1, 3, 2, 2, FALSE, 0.5, w, out);
  g_assert_cmpfloat_with_epsilon (w[2], e2 * e2 / (2 + e2 * e2), 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_attention_row_entropy ((double[]) { 0.5, 0.5, 0 }, 3),
                                  log (2), 1e-15);
  g_assert_cmpfloat (mlr_attention_row_entropy ((double[]) { 0, 1, 0 }, 3), ==, 0);
}

static void
test_causal_and_extremes (void)
{
  double q[4 * 3], w[16], out[4 * 2], v[4 * 2];
  const double temps[] = { 5e-324, 1e-300, 1e-12, 1, 1e12, 1e300, DBL_MAX };

  for (guint i = 0; i < 12; i++)
    q[i] = (i % 5 - 2) * 1e12 * (i % 2 ? 1 : -0.7);
  for (guint i = 0; i < 8; i++)
    v[i] = i - 3.5;
  for (guint t = 0; t < G_N_ELEMENTS (temps); t++)
    for (int causal = 0; causal <= 1; causal++)
      {
        mlr_attention_compute (q, q, v, 4, 4, 3, 2, causal, temps[t], w, out);
        for (guint i = 0; i < 4; i++)
          {
            double sum = 0;
            for (guint j = 0; j < 4; j++)
              {
                g_assert_true (isfinite (w[i * 4 + j]));
                g_assert_cmpfloat (w[i * 4 + j], >=, 0);
                if (causal && j > i)
                  g_assert_cmpfloat (w[i * 4 + j], ==, 0);  /* exactly */
                sum += w[i * 4 + j];
              }
            g_assert_cmpfloat_with_epsilon (sum, 1, 1e-15);
            g_assert_true (isfinite (out[i * 2]) && isfinite (out[i * 2 + 1]));
          }
        if (causal)
          g_assert_cmpfloat (w[0], ==, 1);
        /* the largest temperatures spread evenly, to the last bits */
        if (temps[t] >= 1e300 && !causal)
          for (guint j = 0; j < 16; j++)
            g_assert_cmpfloat_with_epsilon (w[j], 0.25, 1e-12);
      }
}

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "1,2\n3,nan\n";
  g_autoptr(GString) many = g_string_new (NULL);
  MlrAttentionMatrix *m;

  g_assert_false (mlr_attention_check (2, 3, 2, 4, 2, 1, 1, &error));
  g_assert_nonnull (strstr (error->message, "same width"));
  g_clear_error (&error);
  g_assert_false (mlr_attention_check (2, 3, 2, 3, 5, 1, 1, &error));
  g_assert_nonnull (strstr (error->message, "each key needs its value"));
  g_clear_error (&error);
  g_assert_false (mlr_attention_check (2, 3, 2, 3, 2, 1, 0, &error));
  g_clear_error (&error);
  g_assert_false (mlr_attention_check (2, 3, 2, 3, 2, 1, NAN, &error));
  g_clear_error (&error);
  g_assert_false (mlr_attention_check (2, 3, 2, 3, 2, 1, -1, &error));
  g_clear_error (&error);
  g_assert_false (mlr_attention_check (3000, 3, 2, 3, 2, 1, 1, &error));
  g_clear_error (&error);
  g_assert_true (mlr_attention_check (3, 3, 2, 3, 2, 1, 1e-300, NULL));

  m = mlr_attention_matrix_parse_csv ("Q.csv", csv, strlen (csv), &error);
  g_assert_null (m);
  g_assert_true (g_str_has_prefix (error->message, "Q.csv:2:"));
  g_clear_error (&error);
  for (guint i = 0; i < 3000; i++)
    g_string_append (many, i == 0 ? "\n1,2\n" : "1,2\n");
  m = mlr_attention_matrix_parse_csv ("K.csv", many->str, many->len, &error);
  g_assert_null (m);
  g_assert_true (g_str_has_prefix (error->message, "K.csv:2050:"));
  g_clear_error (&error);
  m = mlr_attention_matrix_parse_csv ("V.csv", "\xEF\xBB\xBF" "1, 2\r\n\n-3,4e-2\n", 17, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (m->rows, ==, 2);
  g_assert_cmpuint (m->cols, ==, 2);
  g_assert_cmpfloat (m->values[3], ==, 4e-2);
  mlr_attention_matrix_free (m);
}

static MlrAttentionState *
state_with (const char *key, const char *value, ...)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("attention"));
  va_list ap;

  va_start (ap, value);
  while (key != NULL)
    {
      g_assert_true (mlr_params_set (params, key, value, NULL));
      key = va_arg (ap, const char *);
      if (key)
        value = va_arg (ap, const char *);
    }
  va_end (ap);
  return mlr_attention_state_new (params, NULL);
}

static void
test_state_params (void)
{
  g_autoptr(MlrAttentionState) s = state_with ("token", "-1", NULL);
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("attention");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  g_autofree char *edited = NULL;
  double e[MLR_ATTENTION_D_MODEL];

  g_assert_cmpuint (mlr_attention_state_get_n_tokens (s), ==, 10);
  g_assert_cmpstr (mlr_attention_state_get_token (s, mlr_attention_state_get_selected (s)), ==,
                   "it");
  /* the same word, the same vector; the two "the" differ only by their positions */
  mlr_attention_word_embedding ("the", e);
  for (guint c = 0; c < MLR_ATTENTION_D_MODEL; c++)
    {
      g_assert_cmpfloat (mlr_attention_state_get_embedding (s, 0)[c], ==, e[c]);
      g_assert_cmpfloat (mlr_attention_state_get_embedding (s, 4)[c], ==, e[c]);
      g_assert_cmpfloat (fabs (e[c] * 10 - round (e[c] * 10)), <, 1e-9);
    }
  g_assert_false (mlr_attention_state_is_edited (s));

  /* an edit round-trips through the "vectors" parameter */
  edited = mlr_attention_state_format_vectors (s, 7, 2, 2.5);
  g_assert_true (mlr_params_set (params, "vectors", edited, NULL));
  g_assert_true (mlr_attention_state_apply_param (s, params, "vectors", NULL));
  g_assert_true (mlr_attention_state_is_edited (s));
  g_assert_cmpfloat (mlr_attention_state_get_embedding (s, 7)[2], ==, 2.5);
  mlr_attention_state_read_params (s, params);
  g_assert_cmpstr (mlr_params_get_string (params, "vectors"), ==, edited);

  /* a new sentence brings its own vectors and key word */
  g_assert_true (mlr_params_set (params, "sentence", "arrow", NULL));
  g_assert_true (mlr_attention_state_apply_param (s, params, "sentence", NULL));
  g_assert_cmpuint (mlr_attention_state_get_n_tokens (s), ==, 5);
  g_assert_false (mlr_attention_state_is_edited (s));
  g_assert_cmpstr (mlr_attention_state_get_token (s, mlr_attention_state_get_selected (s)), ==,
                   "flies");
  mlr_attention_state_read_params (s, params);
  g_assert_cmpstr (mlr_params_get_string (params, "vectors"), ==, "");

  /* the selection clamps; causal makes the first row one-hot */
  g_assert_true (mlr_params_set (params, "token", "11", NULL));
  g_assert_true (mlr_attention_state_apply_param (s, params, "token", NULL));
  g_assert_cmpuint (mlr_attention_state_get_selected (s), ==, 4);
  g_assert_true (mlr_params_set (params, "causal", "true", NULL));
  g_assert_true (mlr_attention_state_apply_param (s, params, "causal", NULL));
  for (guint h = 0; h < MLR_ATTENTION_HEADS; h++)
    {
      const double *w = mlr_attention_state_get_weights (s, h);
      g_assert_cmpfloat (w[0], ==, 1);
      for (guint i = 0; i < 5; i++)
        for (guint j = i + 1; j < 5; j++)
          g_assert_cmpfloat (w[i * 5 + j], ==, 0);
    }

  /* vectors of the wrong count are refused with what is expected */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MlrAttentionState) bad = NULL;
    g_autoptr(MlrParams) p = mlr_demo_kind_new_params (kind);

    g_assert_true (mlr_params_set (p, "vectors", "1,2,3", NULL));
    bad = mlr_attention_state_new (p, &error);
    g_assert_null (bad);
    g_assert_nonnull (strstr (error->message, "60"));
  }
}

/* Where the painter puts tokens, rows and vector cells, the pointer finds them again, and
 * the heatmap has the colours of the weights. */
static void
test_picture_and_hits (void)
{
  const int widths[] = { 740, 480, 360 };

  for (int dark = 0; dark <= 1; dark++)
    for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
      {
        g_autoptr(MlrAttentionState) s = state_with ("causal", dark ? "true" : "false", NULL);
        int w = widths[wi], h;
        cairo_surface_t *surface;
        cairo_t *cr;
        MlrPalette palette;
        MlrAttentionLayout L;
        MlrAttentionPaintOptions options = { TRUE, 3 };
        guint n = mlr_attention_state_get_n_tokens (s), idx = 99;
        const double *weights = mlr_attention_state_get_weights (s, 0);
        const guint32 *px;
        int stride;

        mlr_palette_init_default (&palette, dark);
        h = mlr_attention_painter_preferred_height (w, &palette, s);
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        cr = cairo_create (surface);
        mlr_attention_painter_draw (cr, w, h, &palette, s, &options);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        mlr_attention_painter_layout (cr, w, h, &palette, s, &L);
        g_assert_cmpfloat (L.height, <=, h);
        g_assert_cmpfloat (L.scale * palette.font_size, >=, 11 - 1e-9);
        g_assert_cmpfloat (L.cell, >=, 8);
        for (guint i = 0; i < n; i++)
          {
            /* chips inside the canvas, left to right, not overlapping */
            g_assert_cmpfloat (L.chip_x[i], >=, 0);
            g_assert_cmpfloat (L.chip_x[i] + L.chip_w[i], <=, w);
            if (i > 0)
              g_assert_cmpfloat (L.chip_x[i], >=, L.chip_x[i - 1] + L.chip_w[i - 1]);
            g_assert_cmpint (mlr_attention_painter_hit (&L, s, L.chip_x[i] + L.chip_w[i] / 2,
                                                        L.chip_y + L.chip_h / 2, &idx), ==,
                             MLR_ATTENTION_HIT_TOKEN);
            g_assert_cmpuint (idx, ==, i);
            g_assert_cmpint (mlr_attention_painter_hit (&L, s, L.heat_x + 1.5 * L.cell,
                                                        L.heat_y + (i + 0.5) * L.cell, &idx),
                             ==, MLR_ATTENTION_HIT_TOKEN);
            g_assert_cmpuint (idx, ==, i);
          }
        for (guint c = 0; c < MLR_ATTENTION_D_MODEL; c++)
          {
            g_assert_cmpint (mlr_attention_painter_hit (&L, s, L.vec_x + (c + 0.5) * L.vec_cell,
                                                        L.vec_y + 4, &idx), ==,
                             MLR_ATTENTION_HIT_COMPONENT);
            g_assert_cmpuint (idx, ==, c);
          }
        g_assert_cmpfloat (L.vec_x + MLR_ATTENTION_D_MODEL * L.vec_cell, <=, w);
        g_assert_cmpfloat (L.out_x + MLR_ATTENTION_D_HEAD * L.cell, <=, w);

        /* every unmasked cell's centre has the viridis colour of its weight */
        cairo_surface_flush (surface);
        px = (const guint32 *) cairo_image_surface_get_data (surface);
        stride = cairo_image_surface_get_stride (surface) / 4;
        for (guint i = 0; i < n; i++)
          for (guint j = 0; j <= (dark ? i : n - 1); j++)
            {
              guint8 want[3];
              int X = (int) (L.heat_x + (j + 0.5) * L.cell);
              int Y = (int) (L.heat_y + (i + 0.5) * L.cell);
              guint32 got = px[Y * stride + X];

              mlr_colormap_eval_rgb8 (MLR_COLORMAP_VIRIDIS, weights[i * n + j], want);
              g_assert_cmpint (abs ((int) ((got >> 16) & 0xff) - want[0]), <=, 2);
              g_assert_cmpint (abs ((int) ((got >> 8) & 0xff) - want[1]), <=, 2);
              g_assert_cmpint (abs ((int) (got & 0xff) - want[2]), <=, 2);
            }
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/ml/attention/known-answers", test_known_answers);
  g_test_add_func ("/ml/attention/causal-and-extremes", test_causal_and_extremes);
  g_test_add_func ("/ml/attention/hostile", test_hostile);
  g_test_add_func ("/ml/attention/state-params", test_state_params);
  g_test_add_func ("/painters/attention/picture-and-hits", test_picture_and_hits);
  return g_test_run ();
}
