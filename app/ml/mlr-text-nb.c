/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-text-nb.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (mlr-text-error-quark, mlr_text_error)

/* ---------------------------------------------------------------- the tokeniser */

static inline gboolean
is_token_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/**
 * mlr_text_tokenize:
 * The tokens of the first @len bytes of @text (see the header): an array of #MlrTextToken,
 * byte ranges into @text, in order.
 */
GArray *
mlr_text_tokenize (const char *text,
                   gsize       len)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (MlrTextToken));
  gsize i = 0;

  while (i < len)
    {
      gsize start;

      while (i < len && !is_token_byte ((guchar) text[i]))
        i++;
      start = i;
      while (i < len && is_token_byte ((guchar) text[i]))
        i++;
      if (i - start >= 2)
        {
          MlrTextToken t = { (guint) start, (guint) i };
          g_array_append_val (tokens, t);
        }
    }
  return tokens;
}

/* The token as a feature: lowercased. */
char *
mlr_text_token_string (const char         *text,
                       const MlrTextToken *token)
{
  return g_ascii_strdown (text + token->start, token->end - token->start);
}

/* Calls @func with each feature of @text (its tokens, then with @ngrams 2 each pair of
 * consecutive tokens "a b"), lowercased, in a buffer reused between calls. */
typedef void (*FeatureFunc) (const char *feature,
                             gpointer    user_data);

static void
foreach_feature (const char  *text,
                 guint        ngrams,
                 FeatureFunc  func,
                 gpointer     user_data)
{
  gsize len = strlen (text);
  g_autoptr(GArray) tokens = mlr_text_tokenize (text, len);
  g_autoptr(GString) buf = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      const MlrTextToken *t = &g_array_index (tokens, MlrTextToken, i);

      g_string_truncate (buf, 0);
      g_string_append_len (buf, text + t->start, t->end - t->start);
      for (gsize k = 0; k < buf->len; k++)
        buf->str[k] = g_ascii_tolower (buf->str[k]);
      func (buf->str, user_data);
    }
  if (ngrams < 2)
    return;
  for (guint i = 0; i + 1 < tokens->len; i++)
    {
      const MlrTextToken *a = &g_array_index (tokens, MlrTextToken, i);
      const MlrTextToken *b = &g_array_index (tokens, MlrTextToken, i + 1);

      g_string_truncate (buf, 0);
      g_string_append_len (buf, text + a->start, a->end - a->start);
      g_string_append_c (buf, ' ');
      g_string_append_len (buf, text + b->start, b->end - b->start);
      for (gsize k = 0; k < buf->len; k++)
        buf->str[k] = g_ascii_tolower (buf->str[k]);
      func (buf->str, user_data);
    }
}

/* ---------------------------------------------------------------- CSV */

typedef struct {
  const char *name;
  const char *p;
  const char *end;
  guint       line;
} Reader;

static void
set_line_error (GError       **error,
                const Reader  *r,
                guint          line,
                MlrTextError   code,
                const char    *format,
                ...) G_GNUC_PRINTF (5, 6);

static void
set_line_error (GError       **error,
                const Reader  *r,
                guint          line,
                MlrTextError   code,
                const char    *format,
                ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MLR_TEXT_ERROR, code, "%s:%u: %s", r->name, line, what);
}

/* Reads one record into @fields (owned strings). Returns FALSE on an error; *at_end when
 * there was nothing left to read, *blank when the record was an empty line (skipped, as
 * Python's csv module does; a quoted empty field "" is a record). */
static gboolean
read_record (Reader     *r,
             GPtrArray  *fields,
             gboolean   *at_end,
             gboolean   *blank,
             GError    **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  const char *start = r->p;

  g_ptr_array_set_size (fields, 0);
  *at_end = r->p >= r->end;
  if (*at_end)
    return TRUE;

  for (;;)
    {
      g_string_truncate (field, 0);
      if (r->p < r->end && *r->p == '"')
        {
          guint opened = r->line;

          r->p++;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  set_line_error (error, r, opened, MLR_TEXT_ERROR_SYNTAX,
                                  "a quoted field opens here and is never closed (a stray "
                                  "double quote? inside quotes, write a quote as \"\")");
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\n')
                r->line++;
              g_string_append_c (field, *r->p++);
            }
          if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
              !(*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n')))
            {
              set_line_error (error, r, r->line, MLR_TEXT_ERROR_SYNTAX,
                              "text after the closing quote of a field (inside quotes, "
                              "write a quote as \"\")");
              return FALSE;
            }
        }
      else
        {
          while (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
                 !(*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n')))
            {
              if (*r->p == '"')
                {
                  set_line_error (error, r, r->line, MLR_TEXT_ERROR_SYNTAX,
                                  "a double quote inside an unquoted field (quote the "
                                  "whole field and write the quote as \"\")");
                  return FALSE;
                }
              g_string_append_c (field, *r->p++);
            }
        }
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      /* the end of the record */
      *blank = r->p == start;
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
}

static gboolean
check_text (const Reader  *r,
            const char    *data,
            gsize          len,
            GError       **error)
{
  const char *bad = NULL;
  guint line = 1;

  /* control bytes first: a NUL is one, not a UTF-8 error */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) data[i];

      if (c == '\n')
        line++;
      else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
        {
          set_line_error (error, r, line, MLR_TEXT_ERROR_BINARY,
                          "a control byte 0x%02x: this is not a text file", c);
          return FALSE;
        }
    }
  line = 1;
  if (!g_utf8_validate_len (data, len, &bad))
    {
      const char *line_start = data;

      for (const char *q = data; q < bad; q++)
        if (*q == '\n')
          {
            line++;
            line_start = q + 1;
          }
      set_line_error (error, r, line, MLR_TEXT_ERROR_BINARY,
                      "not UTF-8 text (byte 0x%02x at column %u); save the file as UTF-8",
                      (guchar) *bad, (guint) (bad - line_start) + 1);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_label (const char *field,
             int        *label)
{
  g_autofree char *s = g_strstrip (g_strdup (field));
  char *end = NULL;
  double v;

  if (*s == '\0')
    return FALSE;
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (v) || v != floor (v) || v < 0 ||
      v >= MLR_TEXT_MAX_CLASSES)
    return FALSE;
  *label = (int) v;
  return TRUE;
}

void
mlr_text_data_free (MlrTextData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->texts);
  g_free (data->labels);
  g_free (data->lines);
  g_free (data);
}

/**
 * mlr_text_data_parse:
 * Reads the CSV in @data (@len bytes; @name is what messages call it). With @labelled the
 * `label` column is required and read; without, it is ignored when present.
 */
MlrTextData *
mlr_text_data_parse (const char  *name,
                     const char  *data,
                     gsize        len,
                     gboolean     labelled,
                     GError     **error)
{
  Reader r = { name, data, data + len, 1 };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  MlrTextData *out;
  int text_col = -1, label_col = -1, max_label = -1;
  guint n_cols;
  gboolean at_end, blank = FALSE;

  if (len > MLR_TEXT_MAX_FILE)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_LIMIT,
                   "%s: the file is %" G_GSIZE_FORMAT " bytes; at most %d MiB are read",
                   name, len, MLR_TEXT_MAX_FILE / (1024 * 1024));
      return NULL;
    }
  if (!check_text (&r, data, len, error))
    return NULL;
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;

  /* the header: the first record that is not blank */
  do
    {
      if (!read_record (&r, fields, &at_end, &blank, error))
        return NULL;
      if (at_end)
        {
          g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_EMPTY,
                       "%s: the file is empty (expected a header such as text,label)", name);
          return NULL;
        }
    }
  while (blank);
  n_cols = fields->len;
  for (guint i = 0; i < n_cols; i++)
    {
      char *h = g_strstrip ((char *) fields->pdata[i]);
      int *col = g_ascii_strcasecmp (h, "text") == 0 ? &text_col
                 : g_ascii_strcasecmp (h, "label") == 0 ? &label_col : NULL;

      if (col == NULL)
        continue;
      if (*col >= 0)
        {
          set_line_error (error, &r, r.line - 1, MLR_TEXT_ERROR_HEADER,
                          "the header names the column “%s” twice", h);
          return NULL;
        }
      *col = (int) i;
    }
  if (text_col < 0 || (labelled && label_col < 0))
    {
      set_line_error (error, &r, r.line - 1, MLR_TEXT_ERROR_HEADER,
                      labelled ? "the header needs the columns text and label"
                               : "the header needs a column text");
      return NULL;
    }

  for (;;)
    {
      guint line = r.line;
      int label = -1;

      if (!read_record (&r, fields, &at_end, &blank, error))
        return NULL;
      if (at_end)
        break;
      if (blank)
        continue;
      if (fields->len != n_cols)
        {
          set_line_error (error, &r, line, MLR_TEXT_ERROR_SYNTAX,
                          "%u fields, and the header has %u (a text with a comma must be "
                          "in double quotes)", fields->len, n_cols);
          return NULL;
        }
      if (labelled && !parse_label (fields->pdata[label_col], &label))
        {
          /* g_utf8_substring() reads past the end of a string shorter than its end */
          const char *given = fields->pdata[label_col];
          g_autofree char *shown = g_utf8_substring (given, 0, MIN (g_utf8_strlen (given, -1),
                                                                   20));
          set_line_error (error, &r, line, MLR_TEXT_ERROR_SYNTAX,
                          "the label “%s” is not a whole number 0 to %d", shown,
                          MLR_TEXT_MAX_CLASSES - 1);
          return NULL;
        }
      if (texts->len >= MLR_TEXT_MAX_ROWS)
        {
          set_line_error (error, &r, line, MLR_TEXT_ERROR_LIMIT,
                          "more than %d rows", MLR_TEXT_MAX_ROWS);
          return NULL;
        }
      g_ptr_array_add (texts, g_strdup (fields->pdata[text_col]));
      g_array_append_val (labels, label);
      g_array_append_val (lines, line);
      max_label = MAX (max_label, label);
    }
  if (texts->len == 0)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_EMPTY,
                   "%s: a header and no rows", name);
      return NULL;
    }

  out = g_new0 (MlrTextData, 1);
  out->n_rows = texts->len;
  g_ptr_array_add (texts, NULL);
  out->texts = (char **) g_ptr_array_steal (texts, NULL);
  out->labels = (int *) (gpointer) g_array_steal (labels, NULL);
  out->lines = (guint *) (gpointer) g_array_steal (lines, NULL);
  out->n_classes = labelled ? (guint) max_label + 1 : 0;
  return out;
}

MlrTextData *
mlr_text_data_load (const char  *path,
                    gboolean     labelled,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  GStatBuf st;
  gsize len;

  if (g_stat (path, &st) == 0 && st.st_size > MLR_TEXT_MAX_FILE)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_LIMIT,
                   "%s: the file is %" G_GINT64_FORMAT " bytes; at most %d MiB are read",
                   path, (gint64) st.st_size, MLR_TEXT_MAX_FILE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return mlr_text_data_parse (path, contents, len, labelled, error);
}

/* ---------------------------------------------------------------- the model */

struct _MlrTextNB
{
  guint       n_classes;
  guint       ngrams;
  double      alpha;
  GHashTable *vocabulary;     /* feature -> index + 1 */
  GPtrArray  *features;       /* index -> feature (owned by the table's keys) */
  double     *counts;         /* [class * n_features + index] */
  double     *log_prob;       /* the same shape: log P(w | c) */
  double      log_prior[MLR_TEXT_MAX_CLASSES];
};

void
mlr_text_nb_free (MlrTextNB *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->vocabulary, g_hash_table_unref);
  g_clear_pointer (&model->features, g_ptr_array_unref);
  g_free (model->counts);
  g_free (model->log_prob);
  g_free (model);
}

typedef struct {
  MlrTextNB *model;
  GArray    *doc;   /* feature indices of the current text */
} FitContext;

static void
add_feature (const char *feature,
             gpointer    user_data)
{
  FitContext *ctx = user_data;
  gpointer v = g_hash_table_lookup (ctx->model->vocabulary, feature);
  guint index;

  if (v == NULL)
    {
      char *key = g_strdup (feature);

      index = ctx->model->features->len;
      g_ptr_array_add (ctx->model->features, key);
      g_hash_table_insert (ctx->model->vocabulary, key, GUINT_TO_POINTER (index + 1));
    }
  else
    index = GPOINTER_TO_UINT (v) - 1;
  g_array_append_val (ctx->doc, index);
}

/**
 * mlr_text_nb_fit:
 * Fits the model to @n texts with @labels 0 to K − 1 (each present, K ≥ 2), smoothing
 * @alpha (MLR_TEXT_MIN_ALPHA to MLR_TEXT_MAX_ALPHA) and @ngrams 1 or 2.
 */
MlrTextNB *
mlr_text_nb_fit (const char * const  *texts,
                 const int           *labels,
                 guint                n,
                 double               alpha,
                 guint                ngrams,
                 GError             **error)
{
  g_autoptr(MlrTextNB) model = NULL;
  g_autoptr(GArray) all = NULL;     /* feature indices of every text, in order */
  g_autofree guint *ends = NULL;    /* where each text's features end in it */
  guint n_docs[MLR_TEXT_MAX_CLASSES] = { 0 };
  double totals[MLR_TEXT_MAX_CLASSES] = { 0 };
  guint K = 0, V;
  FitContext ctx;

  if (!(alpha >= MLR_TEXT_MIN_ALPHA && alpha <= MLR_TEXT_MAX_ALPHA))
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_LIMIT,
                   "alpha %g is out of range (allowed: %g to %g)", alpha,
                   MLR_TEXT_MIN_ALPHA, MLR_TEXT_MAX_ALPHA);
      return NULL;
    }
  if (ngrams < 1 || ngrams > 2)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_LIMIT,
                   "ngrams %u is out of range (allowed: 1 or 2)", ngrams);
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_EMPTY, "no texts to learn from");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      if (labels[i] < 0 || labels[i] >= MLR_TEXT_MAX_CLASSES)
        {
          g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_CLASSES,
                       "text %u has no label 0 to %d", i + 1, MLR_TEXT_MAX_CLASSES - 1);
          return NULL;
        }
      n_docs[labels[i]]++;
      K = MAX (K, (guint) labels[i] + 1);
    }
  if (K < 2)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_CLASSES,
                   "every text has the label 0: a classifier needs at least two classes "
                   "(labels 0 and 1)");
      return NULL;
    }
  for (guint c = 0; c < K; c++)
    if (n_docs[c] == 0)
      {
        g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_CLASSES,
                     "no text has the label %u (labels must be 0 to %u, each used)", c, K - 1);
        return NULL;
      }

  model = g_new0 (MlrTextNB, 1);
  model->n_classes = K;
  model->ngrams = ngrams;
  model->alpha = alpha;
  model->vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  model->features = g_ptr_array_new ();
  all = g_array_new (FALSE, FALSE, sizeof (guint));
  ends = g_new (guint, n);
  ctx.model = model;
  ctx.doc = all;
  for (guint i = 0; i < n; i++)
    {
      foreach_feature (texts[i], ngrams, add_feature, &ctx);
      ends[i] = all->len;
    }
  V = model->features->len;
  if (V == 0)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_EMPTY,
                   "no words at all in the texts (a word is two or more letters or digits)");
      return NULL;
    }

  model->counts = g_new0 (double, (gsize) K * V);
  model->log_prob = g_new (double, (gsize) K * V);
  for (guint i = 0, at = 0; i < n; i++)
    {
      double *row = model->counts + (gsize) labels[i] * V;

      for (; at < ends[i]; at++)
        row[g_array_index (all, guint, at)] += 1;
      totals[labels[i]] += ends[i] - (i ? ends[i - 1] : 0);
    }
  for (guint c = 0; c < K; c++)
    {
      double denom = log (totals[c] + alpha * V);
      const double *row = model->counts + (gsize) c * V;
      double *lp = model->log_prob + (gsize) c * V;

      for (guint w = 0; w < V; w++)
        lp[w] = log (row[w] + alpha) - denom;
      model->log_prior[c] = log ((double) n_docs[c]) - log ((double) n);
    }
  return g_steal_pointer (&model);
}

guint
mlr_text_nb_get_n_classes (const MlrTextNB *model)
{
  return model->n_classes;
}

guint
mlr_text_nb_get_n_features (const MlrTextNB *model)
{
  return model->features->len;
}

guint
mlr_text_nb_get_ngrams (const MlrTextNB *model)
{
  return model->ngrams;
}

double
mlr_text_nb_get_alpha (const MlrTextNB *model)
{
  return model->alpha;
}

const char *
mlr_text_nb_get_feature (const MlrTextNB *model,
                         guint            index)
{
  g_return_val_if_fail (index < model->features->len, NULL);
  return model->features->pdata[index];
}

/* The index of @feature (lowercase), or -1 when training never saw it. */
int
mlr_text_nb_lookup (const MlrTextNB *model,
                    const char      *feature)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (model->vocabulary, feature)) - 1;
}

double
mlr_text_nb_feature_log_prob (const MlrTextNB *model,
                              guint            klass,
                              guint            index)
{
  return model->log_prob[(gsize) klass * model->features->len + index];
}

double
mlr_text_nb_feature_count (const MlrTextNB *model,
                           guint            klass,
                           guint            index)
{
  return model->counts[(gsize) klass * model->features->len + index];
}

double
mlr_text_nb_class_log_prior (const MlrTextNB *model,
                             guint            klass)
{
  return model->log_prior[klass];
}

typedef struct {
  const MlrTextNB *model;
  double          *jll;
} PredictContext;

static void
score_feature (const char *feature,
               gpointer    user_data)
{
  PredictContext *ctx = user_data;
  int index = mlr_text_nb_lookup (ctx->model, feature);

  if (index < 0)
    return;
  for (guint c = 0; c < ctx->model->n_classes; c++)
    ctx->jll[c] += ctx->model->log_prob[(gsize) c * ctx->model->features->len + index];
}

/**
 * mlr_text_nb_predict_proba:
 * The class probabilities of @text into @proba (n_classes values that sum to 1).
 */
void
mlr_text_nb_predict_proba (const MlrTextNB *model,
                           const char      *text,
                           double          *proba)
{
  double jll[MLR_TEXT_MAX_CLASSES], top = -INFINITY, sum = 0;
  PredictContext ctx = { model, jll };

  for (guint c = 0; c < model->n_classes; c++)
    jll[c] = model->log_prior[c];
  foreach_feature (text, model->ngrams, score_feature, &ctx);
  for (guint c = 0; c < model->n_classes; c++)
    top = MAX (top, jll[c]);
  for (guint c = 0; c < model->n_classes; c++)
    sum += (proba[c] = exp (jll[c] - top));
  for (guint c = 0; c < model->n_classes; c++)
    proba[c] /= sum;
}

/* The most probable class of @text (the lowest on a tie, as NumPy's argmax). */
guint
mlr_text_nb_predict (const MlrTextNB *model,
                     const char      *text)
{
  double p[MLR_TEXT_MAX_CLASSES];
  guint best = 0;

  mlr_text_nb_predict_proba (model, text, p);
  for (guint c = 1; c < model->n_classes; c++)
    if (p[c] > p[best])
      best = c;
  return best;
}

/* How much a feature speaks for @klass: log P(w | klass) − the largest log P(w | c) of the
 * other classes (for two classes, the log-odds it adds). */
static double
lean (const MlrTextNB *model,
      guint            klass,
      guint            index)
{
  guint V = model->features->len;
  double other = -INFINITY;

  for (guint c = 0; c < model->n_classes; c++)
    if (c != klass)
      other = MAX (other, model->log_prob[(gsize) c * V + index]);
  return model->log_prob[(gsize) klass * V + index] - other;
}

/**
 * mlr_text_nb_top_features:
 * The (at most @max_indices) features that speak most for @klass — the largest log P(w | klass)
 * minus the largest of the other classes', among those seen at least @min_count times in
 * training, ties by index — into @indices, strongest first. Returns how many.
 */
guint
mlr_text_nb_top_features (const MlrTextNB *model,
                          guint            klass,
                          guint            min_count,
                          guint           *indices,
                          guint            max_indices)
{
  guint V = model->features->len, n = 0;
  g_autofree double *scores = g_new (double, max_indices + 1);

  g_return_val_if_fail (klass < model->n_classes, 0);
  if (max_indices == 0)
    return 0;
  for (guint w = 0; w < V; w++)
    {
      double total = 0, s;
      guint at;

      for (guint c = 0; c < model->n_classes; c++)
        total += model->counts[(gsize) c * V + w];
      if (total < min_count)
        continue;
      s = lean (model, klass, w);
      if (s <= 0 || (n == max_indices && s <= scores[n - 1]))
        continue;
      /* insert in order */
      at = MIN (n, max_indices - 1);
      if (n < max_indices)
        n++;
      while (at > 0 && scores[at - 1] < s)
        {
          scores[at] = scores[at - 1];
          indices[at] = indices[at - 1];
          at--;
        }
      scores[at] = s;
      indices[at] = w;
    }
  return n;
}
