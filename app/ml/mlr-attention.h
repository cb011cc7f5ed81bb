/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-attention: scaled dot-product attention, what one head of a transformer layer computes.
 * For queries Q (n_q × d_k), keys K (n_k × d_k) and values V (n_k × d_v):
 *
 *   weights = softmax(Q Kᵀ / (√d_k · T))   row by row, T the temperature (> 0)
 *   output  = weights V                     (n_q × d_v)
 *
 * With the causal mask, query i sees keys 0..i only: the other weights are exactly 0.
 * The softmax is the numerically stable one: each row's largest score is subtracted before
 * the exponential, and the subtraction is done before the scaling by 1 / (√d_k · T), so no
 * finite input and no positive temperature, however small or large, overflows or gives NaN
 * (the largest entry of a row always has exp(0) = 1).
 *
 * Also what the demo needs around it (the built-in sentences, their embeddings, the heads'
 * projections: see mlr-attention.c for how each number is made), the mean row entropy, and a
 * numeric matrix read from CSV for the command line. Plain C + GLib.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_ATTENTION_ERROR (mlr_attention_error_quark ())

typedef enum {
  MLR_ATTENTION_ERROR_SHAPE,    /* matrices whose sizes do not fit together */
  MLR_ATTENTION_ERROR_INVALID,  /* a temperature or value out of its range */
  MLR_ATTENTION_ERROR_LIMIT,    /* more rows or columns than the bounds below */
} MlrAttentionError;

#define MLR_ATTENTION_MAX_TOKENS  2048   /* rows of Q, K and V (the command line) */
#define MLR_ATTENTION_MAX_DIM     1024   /* columns of Q, K and V */

/* The demo's model: d_model-wide embeddings, MLR_ATTENTION_HEADS heads of width d_k. */
#define MLR_ATTENTION_D_MODEL     6
#define MLR_ATTENTION_HEADS       2
#define MLR_ATTENTION_D_HEAD      3      /* d_k = d_v = d_model / heads */
#define MLR_ATTENTION_MAX_WORDS   12     /* tokens of a built-in sentence, at most */
#define MLR_ATTENTION_MAX_VALUE   5.0    /* |embedding component| the learner may set */

GQuark    mlr_attention_error_quark (void);

gboolean  mlr_attention_check     (guint          n_q,
                                   guint          d_q,
                                   guint          n_k,
                                   guint          d_k,
                                   guint          n_v,
                                   guint          d_v,
                                   double         temperature,
                                   GError       **error);
void      mlr_attention_compute   (const double  *q,
                                   const double  *k,
                                   const double  *v,
                                   guint          n_q,
                                   guint          n_k,
                                   guint          d_k,
                                   guint          d_v,
                                   gboolean       causal,
                                   double         temperature,
                                   double        *weights,
                                   double        *output);
double    mlr_attention_row_entropy (const double *row,
                                   guint          n);
double    mlr_attention_mean_entropy (const double *weights,
                                   guint          n_q,
                                   guint          n_k);

/* The built-in sentences of the demo. */
typedef struct {
  const char *id;
  const char *text;    /* words separated by single spaces, lower case */
  guint       focus;   /* the token selected at first (0-based) */
} MlrAttentionSentence;

const MlrAttentionSentence *mlr_attention_sentence_lookup (const char *id);
const char * const         *mlr_attention_sentence_ids    (void);
char                      **mlr_attention_sentence_tokens (const MlrAttentionSentence *s,
                                                           guint                     *n);
void      mlr_attention_word_embedding (const char   *word,
                                        double       *out);
void      mlr_attention_position       (guint         pos,
                                        double       *out);
void      mlr_attention_projection     (guint         head,
                                        char          which,
                                        double       *out);

/* A matrix read from CSV (no header): rows × cols doubles, row-major. */
typedef struct {
  guint   rows;
  guint   cols;
  double *values;
} MlrAttentionMatrix;

MlrAttentionMatrix *mlr_attention_matrix_parse_csv (const char  *name,
                                                    const char  *text,
                                                    gsize        length,
                                                    GError     **error);
void                mlr_attention_matrix_free      (MlrAttentionMatrix *m);
char               *mlr_attention_format_json      (const double *weights,
                                                    const double *output,
                                                    guint         n_q,
                                                    guint         n_k,
                                                    guint         d_v);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrAttentionMatrix, mlr_attention_matrix_free)

G_END_DECLS
