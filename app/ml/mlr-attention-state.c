/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-attention-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define D   MLR_ATTENTION_D_MODEL
#define DH  MLR_ATTENTION_D_HEAD
#define H   MLR_ATTENTION_HEADS
#define N   MLR_ATTENTION_MAX_WORDS

struct _MlrAttentionState
{
  /* the sentence */
  const MlrAttentionSentence *sentence;
  char   **tokens;
  guint    n;
  double   embedding[N][D];  /* each word's vector, as built in or edited */
  gboolean edited;           /* differs from the built-in embeddings */
  /* the layer */
  gboolean causal;
  double   temperature;
  guint    head;             /* shown, from 0 */
  gint64   want_token;       /* the selection asked for (−1: the sentence's focus word) */
  guint    selected;
  /* what it makes, per head */
  double   weights[H][N * N];
  double   output[H][N * DH];
};

static const char * const sentence_titles[] = {
  N_("The cat sat on the mat because it was tired"),
  N_("She sat on the river bank and watched the water"),
  N_("Time flies like an arrow"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "sentence", .type = MLR_PARAM_CHOICE, .default_value = "cat",
    .choices = (const char * const[]) { "cat", "bank", "arrow", NULL },
    .help = N_("The built-in sentence; each word is one token"),
    .label = N_("Sentence"), .choice_titles = sentence_titles },
  { .key = "head", .type = MLR_PARAM_INT, .default_value = "1", .min = 1, .max = H,
    .help = N_("Which of the layer's two heads to show; each has its own query, key and "
               "value projections"),
    .label = N_("Head"), .row = 1 },
  { .key = "causal", .type = MLR_PARAM_BOOL, .default_value = "false",
    .help = N_("Causal mask: each token may attend only to itself and the tokens before it, "
               "as in a text generator; the other weights are exactly 0"),
    .label = N_("Causal mask"), .row = 1 },
  { .key = "temperature", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0.01,
    .max = 100,
    .help = N_("The scores are divided by √d_k and by this before the softmax: below 1 "
               "sharpens the weights towards the largest score, above 1 flattens them"),
    .label = N_("Temperature"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.05, .ui_max = 20,
    .row = 1 },
  { .key = "token", .type = MLR_PARAM_INT, .default_value = "-1", .min = -1,
    .max = N - 1,
    .help = N_("The selected token, from 0; −1 = the sentence's pronoun or key word"),
    .label = N_("Token"), .ui = MLR_PARAM_UI_NONE },
  { .key = "vectors", .type = MLR_PARAM_NUMBER_LIST, .default_value = "", .min_count = 0,
    .max_count = N * D, .min = -MLR_ATTENTION_MAX_VALUE, .max = MLR_ATTENTION_MAX_VALUE,
    .help = N_("Every token's word vector, 6 numbers a token, token after token; empty = "
               "the built-in embeddings"),
    .label = N_("Vectors"), .ui = MLR_PARAM_UI_NONE },
};

static const char * const metric_names[] = { "max_weight", "entropy", "token", NULL };

const MlrParamSpec *
mlr_attention_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_attention_state_metric_names (void)
{
  return metric_names;
}

static void
builtin_embeddings (const MlrAttentionState *self,
                    double                   emb[N][D])
{
  for (guint i = 0; i < self->n; i++)
    mlr_attention_word_embedding (self->tokens[i], emb[i]);
}

/* The vectors of @params into @emb when given (n × d numbers); FALSE with an error when the
 * count is not the sentence's. */
static gboolean
read_vectors (const MlrParams  *params,
              guint             n,
              double            emb[N][D],
              gboolean         *given,
              GError          **error)
{
  double v[N * D + 1];
  guint count = mlr_params_get_doubles (params, "vectors", v, G_N_ELEMENTS (v));

  *given = count > 0;
  if (count == 0)
    return TRUE;
  if (count != n * D)
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "vectors: the sentence has %u tokens of %d numbers, %u in all; %u given",
                   n, D, n * D, count);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    memcpy (emb[i], v + i * D, sizeof (double) * D);
  return TRUE;
}

static void
set_sentence (MlrAttentionState          *self,
              const MlrAttentionSentence *sentence)
{
  g_strfreev (self->tokens);
  self->sentence = sentence;
  self->tokens = mlr_attention_sentence_tokens (sentence, &self->n);
}

static void
recompute (MlrAttentionState *self)
{
  double x[N][D], builtin[N][D] = { { 0 } };

  builtin_embeddings (self, builtin);
  self->edited = memcmp (builtin, self->embedding, sizeof (double) * D * self->n) != 0;
  for (guint i = 0; i < self->n; i++)
    {
      mlr_attention_position (i, x[i]);
      for (guint c = 0; c < D; c++)
        x[i][c] += self->embedding[i][c];
    }
  for (guint h = 0; h < H; h++)
    {
      double wq[D * DH], wk[D * DH], wv[D * DH];
      double q[N * DH] = { 0 }, k[N * DH] = { 0 }, v[N * DH] = { 0 };

      mlr_attention_projection (h, 'q', wq);
      mlr_attention_projection (h, 'k', wk);
      mlr_attention_projection (h, 'v', wv);
      for (guint i = 0; i < self->n; i++)
        for (guint c = 0; c < DH; c++)
          for (guint r = 0; r < D; r++)
            {
              q[i * DH + c] += x[i][r] * wq[r * DH + c];
              k[i * DH + c] += x[i][r] * wk[r * DH + c];
              v[i * DH + c] += x[i][r] * wv[r * DH + c];
            }
      mlr_attention_compute (q, k, v, self->n, self->n, DH, DH, self->causal,
                             self->temperature, self->weights[h], self->output[h]);
    }
  self->selected = self->want_token < 0 ? self->sentence->focus
                                        : (guint) MIN (self->want_token, (gint64) self->n - 1);
}

/**
 * mlr_attention_state_new:
 * The demo for @params: the sentence, its vectors (the built-in ones, or the list given),
 * the head shown, the causal mask, the temperature and the selected token.
 */
MlrAttentionState *
mlr_attention_state_new (const MlrParams  *params,
                         GError          **error)
{
  g_autoptr(MlrAttentionState) self = g_new0 (MlrAttentionState, 1);
  const MlrAttentionSentence *s = mlr_attention_sentence_lookup (mlr_params_get_string (params,
                                                                                       "sentence"));
  gboolean given;

  if (s == NULL)
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "sentence: unknown sentence “%s”", mlr_params_get_string (params, "sentence"));
      return NULL;
    }
  set_sentence (self, s);
  if (!read_vectors (params, self->n, self->embedding, &given, error))
    return NULL;
  if (!given)
    builtin_embeddings (self, self->embedding);
  self->head = (guint) CLAMP (mlr_params_get_int (params, "head"), 1, H) - 1;
  self->causal = mlr_params_get_bool (params, "causal");
  self->temperature = CLAMP (mlr_params_get_double (params, "temperature"), 0.01, 100);
  self->want_token = mlr_params_get_int (params, "token");
  recompute (self);
  return g_steal_pointer (&self);
}

/* The vectors must number six a token of the sentence (or none). */
gboolean
mlr_attention_state_check (const MlrParams  *params,
                           GError          **error)
{
  g_autoptr(MlrAttentionState) state = mlr_attention_state_new (params, error);

  return state != NULL;
}

void
mlr_attention_state_free (MlrAttentionState *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->tokens);
  g_free (self);
}

static void
append_number (GString *s,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* the shortest form that reads back: 0.3, not 0.29999999999999999 */
  for (int d = 1; d <= 17; d++)
    {
      char f[8];
      g_snprintf (f, sizeof f, "%%.%dg", d);
      g_ascii_formatd (buf, sizeof buf, f, value + 0.0);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (s, buf);
}

/**
 * mlr_attention_state_format_vectors:
 * The "vectors" value for the current vectors with component @component of token @token set
 * to @value (clamped to ±MLR_ATTENTION_MAX_VALUE); what the widget sets to edit a vector.
 */
char *
mlr_attention_state_format_vectors (const MlrAttentionState *self,
                                    guint                    token,
                                    guint                    component,
                                    double                   value)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->n; i++)
    for (guint c = 0; c < D; c++)
      {
        double v = self->embedding[i][c];

        if (i == token && c == component)
          v = CLAMP (value, -MLR_ATTENTION_MAX_VALUE, MLR_ATTENTION_MAX_VALUE);
        if (i + c > 0)
          g_string_append_c (s, ',');
        append_number (s, v);
      }
  return g_string_free (s, FALSE);
}

/* The vectors (empty while they are the built-in ones) and the selection as the state holds
 * them. */
void
mlr_attention_state_read_params (const MlrAttentionState *self,
                                 MlrParams               *params)
{
  g_autofree char *vectors = NULL;
  g_autofree char *token = g_strdup_printf ("%u", self->selected);

  if (self->edited)
    vectors = mlr_attention_state_format_vectors (self, G_MAXUINT, 0, 0);
  mlr_params_set (params, "vectors", vectors ? vectors : "", NULL);
  if (self->want_token >= 0 || mlr_params_get_int (params, "token") >= 0)
    mlr_params_set (params, "token", token, NULL);
}

/**
 * mlr_attention_state_apply_param:
 * Applies @key of @params. A new sentence brings its built-in vectors and selects its key
 * word; new vectors must number six a token.
 */
gboolean
mlr_attention_state_apply_param (MlrAttentionState  *self,
                                 const MlrParams    *params,
                                 const char         *key,
                                 GError            **error)
{
  if (g_str_equal (key, "sentence"))
    {
      const MlrAttentionSentence *s =
        mlr_attention_sentence_lookup (mlr_params_get_string (params, "sentence"));

      if (s == NULL)
        return FALSE;
      set_sentence (self, s);
      builtin_embeddings (self, self->embedding);
      self->want_token = -1;
    }
  else if (g_str_equal (key, "vectors"))
    {
      double emb[N][D];
      gboolean given;

      if (!read_vectors (params, self->n, emb, &given, error))
        return FALSE;
      if (given)
        memcpy (self->embedding, emb, sizeof emb);
      else
        builtin_embeddings (self, self->embedding);
    }
  else if (g_str_equal (key, "head"))
    self->head = (guint) CLAMP (mlr_params_get_int (params, "head"), 1, H) - 1;
  else if (g_str_equal (key, "causal"))
    self->causal = mlr_params_get_bool (params, "causal");
  else if (g_str_equal (key, "temperature"))
    self->temperature = CLAMP (mlr_params_get_double (params, "temperature"), 0.01, 100);
  else if (g_str_equal (key, "token"))
    self->want_token = mlr_params_get_int (params, "token");
  else
    return FALSE;
  recompute (self);
  return TRUE;
}

guint
mlr_attention_state_get_n_tokens (const MlrAttentionState *self)
{
  return self->n;
}

const char *
mlr_attention_state_get_token (const MlrAttentionState *self,
                               guint                    i)
{
  g_return_val_if_fail (i < self->n, NULL);
  return self->tokens[i];
}

const char *
mlr_attention_state_get_sentence (const MlrAttentionState *self)
{
  return self->sentence->id;
}

guint
mlr_attention_state_get_selected (const MlrAttentionState *self)
{
  return self->selected;
}

/* The head shown, from 0. */
guint
mlr_attention_state_get_head (const MlrAttentionState *self)
{
  return self->head;
}

gboolean
mlr_attention_state_get_causal (const MlrAttentionState *self)
{
  return self->causal;
}

double
mlr_attention_state_get_temperature (const MlrAttentionState *self)
{
  return self->temperature;
}

/* Token @i's word vector (MLR_ATTENTION_D_MODEL numbers, before its position is added). */
const double *
mlr_attention_state_get_embedding (const MlrAttentionState *self,
                                   guint                    i)
{
  g_return_val_if_fail (i < self->n, NULL);
  return self->embedding[i];
}

/* Whether some vector differs from the built-in embedding. */
gboolean
mlr_attention_state_is_edited (const MlrAttentionState *self)
{
  return self->edited;
}

/* The weights of @head: n × n, row-major (row i: how token i attends to each token). */
const double *
mlr_attention_state_get_weights (const MlrAttentionState *self,
                                 guint                    head)
{
  g_return_val_if_fail (head < H, NULL);
  return self->weights[head];
}

/* The output vectors of @head: n × MLR_ATTENTION_D_HEAD, row-major. */
const double *
mlr_attention_state_get_output (const MlrAttentionState *self,
                                guint                    head)
{
  g_return_val_if_fail (head < H, NULL);
  return self->output[head];
}

/* The token that token @i attends to most in the head shown (the first of equals). */
guint
mlr_attention_state_strongest (const MlrAttentionState *self,
                               guint                    i)
{
  const double *row = self->weights[self->head] + (gsize) i * self->n;
  guint best = 0;

  for (guint j = 1; j < self->n; j++)
    if (row[j] > row[best])
      best = j;
  return best;
}

/**
 * mlr_attention_state_collect_metrics:
 * Of the head shown: the largest weight in the selected token's row, and the mean row
 * entropy of the weights in nats; and the selected token, from 0.
 */
void
mlr_attention_state_collect_metrics (const MlrAttentionState *self,
                                     MlrMetricFunc            func,
                                     gpointer                 user_data)
{
  const double *w = self->weights[self->head];

  func ("max_weight",
        g_variant_new_double (w[(gsize) self->selected * self->n +
                                mlr_attention_state_strongest (self, self->selected)]),
        user_data);
  func ("entropy", g_variant_new_double (mlr_attention_mean_entropy (w, self->n, self->n)),
        user_data);
  /* which row max_weight is of, so a goal can say "make *it* focus" */
  func ("token", g_variant_new_double (self->selected), user_data);
}
