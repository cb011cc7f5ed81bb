/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-text-nb: bag-of-words text classification — a tokeniser, labelled texts read from CSV,
 * and multinomial naive Bayes with additive (Laplace/Lidstone) smoothing. Plain C + GLib.
 *
 * Tokens are what scikit-learn's CountVectorizer (lowercase=True, the default token_pattern
 * r"(?u)\b\w\w+\b") finds in ASCII text: maximal runs of two or more ASCII letters, digits or
 * underscores, lowercased. Every other byte separates tokens (so "isn't" gives "isn", and the
 * letters of a non-ASCII word are split at its non-ASCII ones, where scikit-learn would keep
 * them: the two agree on ASCII text only). With n-grams 2 the features are the tokens and
 * every pair of consecutive tokens joined by a space ("not good"), ngram_range=(1, 2).
 *
 * The model is scikit-learn's MultinomialNB(alpha, force_alpha=True) on those counts:
 * log P(c) = log (documents of c / documents), log P(w | c) = log ((N_cw + alpha) /
 * (N_c + alpha V)) over the V features seen in training; a text's joint log-likelihood is
 * log P(c) + Σ count(w) log P(w | c) over its features in the vocabulary (unseen ones are
 * ignored), and its class probabilities are their softmax.
 *
 * The CSV reader takes RFC 4180: a header naming the columns (`text` and, for training,
 * `label`; others are ignored, in any order), fields separated by commas, a field may be
 * double-quoted and then hold commas, line breaks and doubled quotes (""). Labels are whole
 * numbers 0 to 15. Errors are #MLR_TEXT_ERROR with the message `FILE:LINE: what is wrong`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_TEXT_ERROR (mlr_text_error_quark ())

typedef enum {
  MLR_TEXT_ERROR_IO,        /* the file cannot be read */
  MLR_TEXT_ERROR_EMPTY,     /* no rows, or no tokens at all */
  MLR_TEXT_ERROR_HEADER,    /* no header, or it lacks `text` (or `label`) */
  MLR_TEXT_ERROR_SYNTAX,    /* broken quoting, a ragged row, a bad label */
  MLR_TEXT_ERROR_BINARY,    /* invalid UTF-8 or a control byte */
  MLR_TEXT_ERROR_LIMIT,     /* a file or a text too large, too many rows */
  MLR_TEXT_ERROR_CLASSES,   /* one class only, or a gap in the labels */
} MlrTextError;

#define MLR_TEXT_MAX_FILE      (64 * 1024 * 1024)   /* bytes of a CSV file */
#define MLR_TEXT_MAX_ROWS      100000
#define MLR_TEXT_MAX_CLASSES   16
#define MLR_TEXT_MIN_ALPHA     1e-6
#define MLR_TEXT_MAX_ALPHA     1000.0

GQuark mlr_text_error_quark (void);

/* One token of a text: bytes [start, end) of it. */
typedef struct {
  guint start;
  guint end;
} MlrTextToken;

GArray *mlr_text_tokenize      (const char *text,
                                gsize       len);
char   *mlr_text_token_string  (const char *text,
                                const MlrTextToken *token);

/* Labelled (or unlabelled) texts. labels[i] is -1 when the file has no label column. */
typedef struct {
  guint   n_rows;
  char  **texts;     /* NULL-terminated */
  int    *labels;
  guint  *lines;     /* the line each row starts on */
  guint   n_classes; /* 1 + the largest label, 0 without labels */
} MlrTextData;

MlrTextData *mlr_text_data_parse (const char  *name,
                                  const char  *data,
                                  gsize        len,
                                  gboolean     labelled,
                                  GError     **error);
MlrTextData *mlr_text_data_load  (const char  *path,
                                  gboolean     labelled,
                                  GError     **error);
void         mlr_text_data_free  (MlrTextData *data);

/* The fitted model. */
typedef struct _MlrTextNB MlrTextNB;

MlrTextNB  *mlr_text_nb_fit            (const char * const *texts,
                                        const int          *labels,
                                        guint               n,
                                        double              alpha,
                                        guint               ngrams,
                                        GError            **error);
void        mlr_text_nb_free           (MlrTextNB          *model);
guint       mlr_text_nb_get_n_classes  (const MlrTextNB    *model);
guint       mlr_text_nb_get_n_features (const MlrTextNB    *model);
guint       mlr_text_nb_get_ngrams     (const MlrTextNB    *model);
double      mlr_text_nb_get_alpha      (const MlrTextNB    *model);
const char *mlr_text_nb_get_feature    (const MlrTextNB    *model,
                                        guint               index);
int         mlr_text_nb_lookup         (const MlrTextNB    *model,
                                        const char         *feature);
double      mlr_text_nb_feature_log_prob (const MlrTextNB  *model,
                                        guint               klass,
                                        guint               index);
double      mlr_text_nb_feature_count  (const MlrTextNB    *model,
                                        guint               klass,
                                        guint               index);
double      mlr_text_nb_class_log_prior (const MlrTextNB   *model,
                                        guint               klass);
void        mlr_text_nb_predict_proba  (const MlrTextNB    *model,
                                        const char         *text,
                                        double             *proba);
guint       mlr_text_nb_predict        (const MlrTextNB    *model,
                                        const char         *text);
guint       mlr_text_nb_top_features   (const MlrTextNB    *model,
                                        guint               klass,
                                        guint               min_count,
                                        guint              *indices,
                                        guint               max_indices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrTextData, mlr_text_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrTextNB, mlr_text_nb_free)

G_END_DECLS
