/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-attention.h"

#include <math.h>
#include <string.h>

#include "mlr-conv.h"
#include "mlr-dtoa.h"

G_DEFINE_QUARK (mlr-attention-error-quark, mlr_attention_error)

/* ---- the computation */

/**
 * mlr_attention_check:
 * Whether Q (@n_q × @d_q), K (@n_k × @d_k) and V (@n_v × @d_v) fit together — Q and K as
 * wide, K and V as tall, every side from 1 to its bound — and @temperature is a finite
 * number greater than 0. The error says which and what is allowed.
 */
gboolean
mlr_attention_check (guint    n_q,
                     guint    d_q,
                     guint    n_k,
                     guint    d_k,
                     guint    n_v,
                     guint    d_v,
                     double   temperature,
                     GError **error)
{
  const struct { const char *name; guint rows, cols; } m[] = {
    { "Q", n_q, d_q }, { "K", n_k, d_k }, { "V", n_v, d_v },
  };

  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    {
      if (m[i].rows < 1 || m[i].cols < 1)
        {
          g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_SHAPE,
                       "%s is empty: it needs at least one row and one column", m[i].name);
          return FALSE;
        }
      if (m[i].rows > MLR_ATTENTION_MAX_TOKENS || m[i].cols > MLR_ATTENTION_MAX_DIM)
        {
          g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_LIMIT,
                       "%s is %u×%u: at most %d rows (tokens) and %d columns are allowed",
                       m[i].name, m[i].rows, m[i].cols, MLR_ATTENTION_MAX_TOKENS,
                       MLR_ATTENTION_MAX_DIM);
          return FALSE;
        }
    }
  if (d_q != d_k)
    {
      g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_SHAPE,
                   "K has %u columns but Q has %u: queries and keys need the same width d_k",
                   d_k, d_q);
      return FALSE;
    }
  if (n_v != n_k)
    {
      g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_SHAPE,
                   "V has %u rows but K has %u: each key needs its value", n_v, n_k);
      return FALSE;
    }
  if (!isfinite (temperature) || temperature <= 0)
    {
      g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_INVALID,
                   "the temperature must be a finite number greater than 0");
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_attention_compute:
 * weights (@n_q × @n_k) = softmax(Q Kᵀ / (√@d_k · @temperature)) row by row, the entries
 * past the diagonal exactly 0 when @causal; output (@n_q × @d_v) = weights V. All row-major.
 * The sizes and temperature as mlr_attention_check() accepts them; values finite with
 * |v| ≤ 1e12 (as the CSV reader and the demo give), so no score overflows. @output may be
 * NULL when only the weights are wanted.
 */
void
mlr_attention_compute (const double *q,
                       const double *k,
                       const double *v,
                       guint         n_q,
                       guint         n_k,
                       guint         d_k,
                       guint         d_v,
                       gboolean      causal,
                       double        temperature,
                       double       *weights,
                       double       *output)
{
  double root = sqrt ((double) d_k);

  g_return_if_fail (weights != NULL && temperature > 0);
  for (guint i = 0; i < n_q; i++)
    {
      const double *qi = q + (gsize) i * d_k;
      double *row = weights + (gsize) i * n_k;
      guint seen = causal ? MIN (i + 1, n_k) : n_k;
      double top = -INFINITY, sum = 0;

      guint j = 0;

      /* four keys at a time for the processor's sake; each dot product is still summed
       * from c = 0 up, one term at a time, so the scores are the same to the last bit */
      for (; j + 4 <= seen; j += 4)
        {
          const double *k0 = k + (gsize) j * d_k, *k1 = k0 + d_k, *k2 = k1 + d_k,
                       *k3 = k2 + d_k;
          double s0 = 0, s1 = 0, s2 = 0, s3 = 0;

          for (guint c = 0; c < d_k; c++)
            {
              s0 += qi[c] * k0[c];
              s1 += qi[c] * k1[c];
              s2 += qi[c] * k2[c];
              s3 += qi[c] * k3[c];
            }
          row[j] = s0;
          row[j + 1] = s1;
          row[j + 2] = s2;
          row[j + 3] = s3;
        }
      for (; j < seen; j++)
        {
          const double *kj = k + (gsize) j * d_k;
          double s = 0;

          for (guint c = 0; c < d_k; c++)
            s += qi[c] * kj[c];
          row[j] = s;
        }
      for (j = 0; j < seen; j++)
        top = MAX (top, row[j]);
      /* subtract the row's largest score first, then scale: (s − max) ≤ 0 is finite, and
       * dividing it by a tiny temperature gives at worst −inf, whose exp is 0 */
      for (j = 0; j < seen; j++)
        {
          row[j] = exp ((row[j] - top) / root / temperature);
          sum += row[j];
        }
      for (j = 0; j < seen; j++)
        row[j] /= sum;
      for (j = seen; j < n_k; j++)
        row[j] = 0;
    }
  if (output == NULL)
    return;
  for (guint i = 0; i < n_q; i++)
    {
      const double *row = weights + (gsize) i * n_k;
      double *out = output + (gsize) i * d_v;
      guint c = 0;

      /* four columns at a time in registers; each out[c] is still Σ_j w_j v_jc summed over
       * j in order (the masked keys, whose weight is 0, left out) */
      for (; c + 4 <= d_v; c += 4)
        {
          double s0 = 0, s1 = 0, s2 = 0, s3 = 0;

          for (guint j = 0; j < n_k; j++)
            {
              const double *vj = v + (gsize) j * d_v + c;

              if (row[j] == 0)
                continue;
              s0 += row[j] * vj[0];
              s1 += row[j] * vj[1];
              s2 += row[j] * vj[2];
              s3 += row[j] * vj[3];
            }
          out[c] = s0;
          out[c + 1] = s1;
          out[c + 2] = s2;
          out[c + 3] = s3;
        }
      for (; c < d_v; c++)
        {
          double s = 0;

          for (guint j = 0; j < n_k; j++)
            if (row[j] != 0)
              s += row[j] * v[(gsize) j * d_v + c];
          out[c] = s;
        }
    }
}

/* −Σ w ln w over a row of weights (0 ln 0 = 0), in nats. */
double
mlr_attention_row_entropy (const double *row,
                           guint         n)
{
  double h = 0;

  for (guint j = 0; j < n; j++)
    if (row[j] > 0)
      h -= row[j] * log (row[j]);
  return MAX (h, 0.0) + 0.0;
}

/* The mean over the @n_q rows of their entropy, in nats: 0 when every query looks at one
 * key, ln n_k when every query spreads evenly over all of them. */
double
mlr_attention_mean_entropy (const double *weights,
                            guint         n_q,
                            guint         n_k)
{
  double sum = 0;

  for (guint i = 0; i < n_q; i++)
    sum += mlr_attention_row_entropy (weights + (gsize) i * n_k, n_k);
  return sum / n_q;
}

/* ---- the demo's sentences, embeddings and heads */

static const MlrAttentionSentence sentences[] = {
  { "cat", "the cat sat on the mat because it was tired", 7 },
  { "bank", "she sat on the river bank and watched the water", 5 },
  { "arrow", "time flies like an arrow", 1 },
};

static const char * const sentence_ids[] = { "cat", "bank", "arrow", NULL };

const MlrAttentionSentence *
mlr_attention_sentence_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    if (g_strcmp0 (sentences[i].id, id) == 0)
      return &sentences[i];
  return NULL;
}

const char * const *
mlr_attention_sentence_ids (void)
{
  return sentence_ids;
}

/* The words of @s (free with g_strfreev), their number in @n. */
char **
mlr_attention_sentence_tokens (const MlrAttentionSentence *s,
                               guint                      *n)
{
  char **words = g_strsplit (s->text, " ", -1);

  *n = g_strv_length (words);
  g_assert (*n >= 1 && *n <= MLR_ATTENTION_MAX_WORDS && s->focus < *n);
  return words;
}

/* splitmix64: a small generator whose numbers are the same on every machine */
static guint64
splitmix (guint64 *state)
{
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* A standard normal number (Box–Muller on two uniforms in (0, 1)). */
static double
normal (guint64 *state)
{
  double u1 = ((splitmix (state) >> 11) + 0.5) / 9007199254740992.0;
  double u2 = ((splitmix (state) >> 11) + 0.5) / 9007199254740992.0;

  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

/**
 * mlr_attention_word_embedding:
 * The built-in embedding of @word, MLR_ATTENTION_D_MODEL numbers: standard normal draws from
 * splitmix64 seeded with the 64-bit FNV-1a hash of the word, each rounded to a multiple of
 * 0.1 (and within ±MLR_ATTENTION_MAX_VALUE). The same word always gets the same vector.
 */
void
mlr_attention_word_embedding (const char *word,
                              double     *out)
{
  guint64 state = 0xCBF29CE484222325ull;

  for (const char *p = word; *p; p++)
    state = (state ^ (guchar) *p) * 0x100000001B3ull;
  for (guint c = 0; c < MLR_ATTENTION_D_MODEL; c++)
    {
      double z = round (normal (&state) * 10) / 10;  /* once: CLAMP evaluates twice */
      out[c] = CLAMP (z, -MLR_ATTENTION_MAX_VALUE, MLR_ATTENTION_MAX_VALUE) + 0.0;
    }
}

/**
 * mlr_attention_position:
 * The sinusoidal position encoding of "Attention Is All You Need" for position @pos (from 0):
 * component 2i is sin(pos / 10000^(2i/d)), component 2i+1 is cos of the same, d = d_model.
 * The demo adds it to each word's embedding, so the two "the" of a sentence differ.
 */
void
mlr_attention_position (guint   pos,
                        double *out)
{
  for (guint c = 0; c < MLR_ATTENTION_D_MODEL; c++)
    {
      double angle = pos / pow (10000.0, (double) (c - c % 2) / MLR_ATTENTION_D_MODEL);
      out[c] = c % 2 == 0 ? sin (angle) : cos (angle);
    }
}

/**
 * mlr_attention_projection:
 * The matrix W_Q, W_K or W_V (@which 'q', 'k' or 'v') of @head (from 0):
 * MLR_ATTENTION_D_MODEL rows × MLR_ATTENTION_D_HEAD columns, row-major, so a token's query is
 * its vector times W_Q. Standard normal draws from splitmix64 seeded with
 * 1000·(head + 1) + 'q'/'k'/'v' (ASCII), divided by √d_model as in Xavier-style
 * initialisation; fixed, like the weights of a trained layer.
 */
void
mlr_attention_projection (guint   head,
                          char    which,
                          double *out)
{
  guint64 state = 1000 * (guint64) (head + 1) + (guchar) which;

  for (guint i = 0; i < MLR_ATTENTION_D_MODEL * MLR_ATTENTION_D_HEAD; i++)
    out[i] = normal (&state) / sqrt ((double) MLR_ATTENTION_D_MODEL);
}

/* ---- CSV in, JSON out */

void
mlr_attention_matrix_free (MlrAttentionMatrix *m)
{
  if (m == NULL)
    return;
  g_free (m->values);
  g_free (m);
}

/**
 * mlr_attention_matrix_parse_csv:
 * A numeric matrix as the convolution's reader takes it (mlr_conv_grid_parse_csv(): no
 * header, rows of one length, finite numbers with |v| ≤ 1e12, errors `NAME:LINE: ...`), of
 * at most MLR_ATTENTION_MAX_TOKENS rows and MLR_ATTENTION_MAX_DIM columns: a longer file is
 * refused at the line of its first row too many, before it is read any further.
 */
MlrAttentionMatrix *
mlr_attention_matrix_parse_csv (const char  *name,
                                const char  *text,
                                gsize        length,
                                GError     **error)
{
  const char *p = text, *end = text + length;
  guint line = 0, rows = 0;
  g_autoptr(MlrConvGrid) grid = NULL;
  MlrAttentionMatrix *m;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p), *stop = eol ? eol : end;
      gboolean blank = TRUE;

      line++;
      for (const char *c = p; c < stop && blank; c++)
        blank = g_ascii_isspace (*c) || *c == '\r';
      /* a byte-order mark alone is not a row */
      if (line == 1 && stop - p == 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
        blank = TRUE;
      if (!blank && ++rows > MLR_ATTENTION_MAX_TOKENS)
        {
          g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_LIMIT,
                       "%s:%u: more than %d rows: at most %d tokens are allowed", name, line,
                       MLR_ATTENTION_MAX_TOKENS, MLR_ATTENTION_MAX_TOKENS);
          return NULL;
        }
      p = eol ? eol + 1 : end;
    }
  grid = mlr_conv_grid_parse_csv (name, text, length, error);
  if (grid == NULL)
    return NULL;
  if (grid->width > MLR_ATTENTION_MAX_DIM)
    {
      g_set_error (error, MLR_ATTENTION_ERROR, MLR_ATTENTION_ERROR_LIMIT,
                   "%s: %u columns: at most %d are allowed", name, grid->width,
                   MLR_ATTENTION_MAX_DIM);
      return NULL;
    }
  m = g_new0 (MlrAttentionMatrix, 1);
  m->rows = grid->height;
  m->cols = grid->width;
  m->values = g_steal_pointer (&grid->values);
  return m;
}

static void
append_rows (GString      *out,
             const double *values,
             guint         rows,
             guint         cols)
{
  gsize at = out->len;
  char *o;

  /* room for the worst case, then the digits written straight into it: each number at
   * most MLR_DTOA_BUF_SIZE − 1 bytes and a comma, each row "\n  [" and "]," */
  g_string_set_size (out, at + (gsize) rows * ((gsize) cols * MLR_DTOA_BUF_SIZE + 8) + 2);
  o = out->str + at;
  *o++ = '[';
  for (guint i = 0; i < rows; i++)
    {
      if (i > 0)
        *o++ = ',';
      memcpy (o, "\n  [", 4);
      o += 4;
      for (guint j = 0; j < cols; j++)
        {
          if (j > 0)
            *o++ = ',';
          /* printf's %.17g, byte for byte, at a fraction of its cost (mlr-dtoa.h) */
          o += mlr_dtoa_g17 (o, values[(gsize) i * cols + j] + 0.0);
        }
      *o++ = ']';
    }
  *o++ = ']';
  g_string_truncate (out, o - out->str);
}

/* {"weights": [[...]], "output": [[...]]} with every number at full precision (%.17g). */
char *
mlr_attention_format_json (const double *weights,
                           const double *output,
                           guint         n_q,
                           guint         n_k,
                           guint         d_v)
{
  GString *out = g_string_sized_new ((gsize) n_q * (n_k + d_v) * 24 + 64);

  g_string_append (out, "{\"weights\": ");
  append_rows (out, weights, n_q, n_k);
  g_string_append (out, ",\n \"output\": ");
  append_rows (out, output, n_q, d_v);
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}
