/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-text-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-rng.h"
#include "mlr-text-corpus.h"

#define TOP_MIN_COUNT 3   /* a top word was seen at least this often in training */

struct _MlrTextState
{
  /* the corpus and its split */
  MlrTextData *corpus;
  char        *own_name;      /* the learner's file name, or NULL for the built-in reviews */
  guint        seed;
  guint       *order;         /* row indices shuffled: the first n_test are for testing */
  guint        n_test;
  /* the model */
  double       alpha;
  guint        ngrams;
  MlrTextNB   *model;
  double       train_accuracy;
  double       test_accuracy;
  /* the typed sentence */
  char        *text;
  GArray      *chips;         /* MlrTextChip */
  double       log_odds;
  double       p_positive;
  int          negation;      /* the first chip that is a negation followed by a word, or -1 */
};

static const MlrParamSpec param_specs[] = {
  { .key = "text", .type = MLR_PARAM_TEXT, .default_value = "The service was not good",
    .help = N_("The sentence the classifier reads: type your own"),
    .label = N_("Sentence"), .ui = MLR_PARAM_UI_NONE },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "1",
    .min = MLR_TEXT_MIN_ALPHA, .max = MLR_TEXT_MAX_ALPHA,
    .help = N_("Additive smoothing: alpha is added to every word's count in each class, so a "
               "word never seen with a class does not make it impossible (1 = Laplace)"),
    .label = N_("Smoothing α"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.01, .ui_max = 10,
    .row = 1 },
  { .key = "ngrams", .type = MLR_PARAM_INT, .default_value = "1", .min = 1, .max = 2,
    .help = N_("1: single words only; 2: also every pair of consecutive words (“not good”)"),
    .label = N_("N-grams"), .row = 1 },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = 999999,
    .help = N_("Which quarter of the sentences is held out for testing (a different shuffle "
               "per seed)"),
    .label = N_("Split seed"), .more = TRUE },
};

static const char * const metric_names[] = {
  "train_accuracy", "test_accuracy", "vocabulary", "p_positive", NULL
};

/* Words that negate the next one; "n't" leaves its stem ("isn't" gives "isn"). */
static const char * const negations[] = {
  "not", "no", "never", "nor", "isn", "wasn", "aren", "weren", "don", "doesn", "didn",
  "won", "couldn", "wouldn", "shouldn", "hasn", "haven", "cannot", NULL
};

const MlrParamSpec *
mlr_text_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_text_state_metric_names (void)
{
  return metric_names;
}

static void
clear_chip (gpointer data)
{
  g_free (((MlrTextChip *) data)->feature);
}

static MlrTextData *
builtin_corpus (void)
{
  /* the corpus is part of the program: it parses, or the build is broken */
  g_autoptr(GError) error = NULL;
  MlrTextData *data = mlr_text_data_parse ("reviews.csv", mlr_text_corpus, mlr_text_corpus_len,
                                           TRUE, &error);

  if (data == NULL)
    g_error ("the built-in corpus: %s", error->message);
  return data;
}

static void
shuffle (MlrTextState *self)
{
  MlrRng rng;
  guint n = self->corpus->n_rows;

  g_free (self->order);
  self->order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    self->order[i] = i;
  mlr_rng_init (&rng, self->seed);
  mlr_rng_shuffle (&rng, self->order, n);
  self->n_test = (guint) floor (n * MLR_TEXT_TEST_FRACTION + 0.5);
}

static double
accuracy (const MlrTextNB   *model,
          const MlrTextData *corpus,
          const guint       *rows,
          guint              n)
{
  guint right = 0;

  for (guint i = 0; i < n; i++)
    right += mlr_text_nb_predict (model, corpus->texts[rows[i]]) ==
             (guint) corpus->labels[rows[i]];
  return n ? (double) right / n : NAN;
}

/* Fits to the training rows; FALSE (and nothing changed) when they lack a class or words. */
static gboolean
refit (MlrTextState  *self,
       GError       **error)
{
  guint n_train = self->corpus->n_rows - self->n_test;
  const guint *train = self->order + self->n_test;
  g_autofree const char **texts = g_new (const char *, n_train);
  g_autofree int *labels = g_new (int, n_train);
  MlrTextNB *model;

  for (guint i = 0; i < n_train; i++)
    {
      texts[i] = self->corpus->texts[train[i]];
      labels[i] = self->corpus->labels[train[i]];
    }
  model = mlr_text_nb_fit (texts, labels, n_train, self->alpha, self->ngrams, error);
  if (model == NULL)
    {
      g_prefix_error (error, "the training sentences: ");
      return FALSE;
    }
  mlr_text_nb_free (self->model);
  self->model = model;
  self->train_accuracy = accuracy (model, self->corpus, train, n_train);
  self->test_accuracy = accuracy (model, self->corpus, self->order, self->n_test);
  return TRUE;
}

static void
add_chip (MlrTextState *self,
          char         *feature,
          guint         start,
          guint         end,
          gboolean      bigram)
{
  MlrTextChip chip = { feature, start, end, bigram, -1, 0 };

  chip.index = mlr_text_nb_lookup (self->model, feature);
  if (chip.index >= 0)
    chip.log_odds = mlr_text_state_log_odds_of (self, (guint) chip.index);
  g_array_append_val (self->chips, chip);
}

/* The typed sentence's features, their log-odds and the probability. */
static void
read_text (MlrTextState *self)
{
  g_autoptr(GArray) tokens = mlr_text_tokenize (self->text, strlen (self->text));
  double p[MLR_TEXT_MAX_CLASSES];
  guint n_words;

  g_array_set_size (self->chips, 0);
  self->negation = -1;
  for (guint i = 0; i < tokens->len; i++)
    {
      const MlrTextToken *t = &g_array_index (tokens, MlrTextToken, i);
      char *word = mlr_text_token_string (self->text, t);

      if (self->negation < 0 && i + 1 < tokens->len && g_strv_contains (negations, word))
        self->negation = (int) i;
      add_chip (self, word, t->start, t->end, FALSE);
    }
  n_words = self->chips->len;
  if (self->ngrams == 2)
    for (guint i = 0; i + 1 < n_words; i++)
      {
        const MlrTextChip *a = &g_array_index (self->chips, MlrTextChip, i);
        const MlrTextChip *b = &g_array_index (self->chips, MlrTextChip, i + 1);
        guint start = a->start, end = b->end;

        add_chip (self, g_strconcat (a->feature, " ", b->feature, NULL), start, end, TRUE);
      }

  /* the probability as the model gives it; the log-odds as the chips add up */
  mlr_text_nb_predict_proba (self->model, self->text, p);
  self->p_positive = p[1];
  self->log_odds = mlr_text_state_get_prior_log_odds (self);
  for (guint i = 0; i < self->chips->len; i++)
    self->log_odds += g_array_index (self->chips, MlrTextChip, i).log_odds;
}

static gboolean
read_params (MlrTextState     *self,
             const MlrParams  *params)
{
  self->alpha = CLAMP (mlr_params_get_double (params, "alpha"), MLR_TEXT_MIN_ALPHA,
                       MLR_TEXT_MAX_ALPHA);
  self->ngrams = (guint) CLAMP (mlr_params_get_int (params, "ngrams"), 1, 2);
  self->seed = (guint) CLAMP (mlr_params_get_int (params, "seed"), 0, 999999);
  g_free (self->text);
  self->text = g_strdup (mlr_params_get_string (params, "text"));
  return TRUE;
}

/**
 * mlr_text_state_new:
 * The demo on the built-in reviews, split by `seed`, fitted with `alpha` and `ngrams`, reading
 * `text`.
 */
MlrTextState *
mlr_text_state_new (const MlrParams  *params,
                    GError          **error)
{
  g_autoptr(MlrTextState) self = g_new0 (MlrTextState, 1);

  self->chips = g_array_new (FALSE, FALSE, sizeof (MlrTextChip));
  g_array_set_clear_func (self->chips, clear_chip);
  read_params (self, params);
  self->corpus = builtin_corpus ();
  shuffle (self);
  if (!refit (self, error))
    return NULL;
  read_text (self);
  return g_steal_pointer (&self);
}

/* Every combination the table takes works on the built-in corpus. */
gboolean
mlr_text_state_check (G_GNUC_UNUSED const MlrParams  *params,
                      G_GNUC_UNUSED GError          **error)
{
  return TRUE;
}

void
mlr_text_state_free (MlrTextState *self)
{
  if (self == NULL)
    return;
  mlr_text_data_free (self->corpus);
  g_free (self->own_name);
  g_free (self->order);
  mlr_text_nb_free (self->model);
  g_free (self->text);
  if (self->chips != NULL)
    g_array_unref (self->chips);
  g_free (self);
}

/**
 * mlr_text_state_apply_param:
 * A new sentence is read by the same model; smoothing, n-grams and the seed refit it.
 */
gboolean
mlr_text_state_apply_param (MlrTextState     *self,
                            const MlrParams  *params,
                            const char       *key,
                            GError          **error)
{
  double alpha = self->alpha;
  guint ngrams = self->ngrams, seed = self->seed;

  if (!g_str_equal (key, "text") && !g_str_equal (key, "alpha") &&
      !g_str_equal (key, "ngrams") && !g_str_equal (key, "seed"))
    return FALSE;
  read_params (self, params);
  if (seed != self->seed)
    shuffle (self);
  if ((alpha != self->alpha || ngrams != self->ngrams || seed != self->seed) &&
      !refit (self, error))
    {
      self->alpha = alpha;
      self->ngrams = ngrams;
      self->seed = seed;
      shuffle (self);
      return FALSE;
    }
  read_text (self);
  return TRUE;
}

/**
 * mlr_text_state_set_corpus:
 * Learns from @corpus (labels 0 negative and 1 positive, both present among the training rows
 * of the current split) instead of the built-in reviews; @name is the file's name. @corpus
 * NULL goes back to the built-in reviews. On failure nothing changes.
 */
gboolean
mlr_text_state_set_corpus (MlrTextState       *self,
                           const MlrTextData  *corpus,
                           const char         *name,
                           GError            **error)
{
  MlrTextData *old = self->corpus;
  g_autofree guint *old_order = g_steal_pointer (&self->order);
  guint old_test = self->n_test;
  MlrTextData *copy;

  if (corpus == NULL)
    {
      g_autoptr(MlrTextData) builtin = builtin_corpus ();

      self->order = g_steal_pointer (&old_order);
      if (!mlr_text_state_set_corpus (self, builtin, "reviews.csv", error))
        return FALSE;
      g_clear_pointer (&self->own_name, g_free);
      return TRUE;
    }
  guint n_pos = 0;

  for (guint i = 0; i < corpus->n_rows; i++)
    n_pos += corpus->labels[i] == 1;
  if (corpus->n_classes <= 2 && (n_pos == 0 || n_pos == corpus->n_rows))
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_CLASSES,
                   _("%s: every sentence has the label %d; the demo needs both 0 (negative) "
                     "and 1 (positive)"), name, n_pos ? 1 : 0);
      self->order = g_steal_pointer (&old_order);
      return FALSE;
    }
  if (corpus->n_classes != 2)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_CLASSES,
                   _("%s: the labels must be 0 (negative) and 1 (positive); the file has "
                     "labels up to %u"), name, corpus->n_classes - 1);
      self->order = g_steal_pointer (&old_order);
      return FALSE;
    }
  if (corpus->n_rows < 4)
    {
      g_set_error (error, MLR_TEXT_ERROR, MLR_TEXT_ERROR_EMPTY,
                   _("%s: %u sentences are too few to train on and test"), name,
                   corpus->n_rows);
      self->order = g_steal_pointer (&old_order);
      return FALSE;
    }
  copy = g_new0 (MlrTextData, 1);
  copy->n_rows = corpus->n_rows;
  copy->texts = g_strdupv (corpus->texts);
  copy->labels = g_memdup2 (corpus->labels, sizeof (int) * corpus->n_rows);
  copy->lines = g_memdup2 (corpus->lines, sizeof (guint) * corpus->n_rows);
  copy->n_classes = corpus->n_classes;
  self->corpus = copy;
  shuffle (self);
  if (!refit (self, error))
    {
      g_prefix_error (error, "%s: ", name);
      mlr_text_data_free (copy);
      g_free (self->order);
      self->corpus = old;
      self->order = g_steal_pointer (&old_order);
      self->n_test = old_test;
      return FALSE;
    }
  mlr_text_data_free (old);
  g_free (self->own_name);
  self->own_name = g_strdup (name);
  read_text (self);
  return TRUE;
}

const MlrTextNB *
mlr_text_state_get_model (const MlrTextState *self)
{
  return self->model;
}

const char *
mlr_text_state_get_text (const MlrTextState *self)
{
  return self->text;
}

/* The learner's file name, or NULL while the built-in reviews are used. */
const char *
mlr_text_state_get_own_name (const MlrTextState *self)
{
  return self->own_name;
}

/* The number of sentences, and how many train and test. */
guint
mlr_text_state_get_n_rows (const MlrTextState *self,
                           guint              *n_train,
                           guint              *n_test)
{
  if (n_train)
    *n_train = self->corpus->n_rows - self->n_test;
  if (n_test)
    *n_test = self->n_test;
  return self->corpus->n_rows;
}

/* The typed sentence's words in order, then (with bigrams) its pairs in order. */
const MlrTextChip *
mlr_text_state_get_chips (const MlrTextState *self,
                          guint              *n_chips)
{
  *n_chips = self->chips->len;
  return (const MlrTextChip *) (gpointer) self->chips->data;
}

/* log P(positive) − log P(negative) before any word: the share of positive training rows. */
double
mlr_text_state_get_prior_log_odds (const MlrTextState *self)
{
  return mlr_text_nb_class_log_prior (self->model, 1) -
         mlr_text_nb_class_log_prior (self->model, 0);
}

/* The sentence's log-odds of positive: the prior plus every chip's. */
double
mlr_text_state_get_log_odds (const MlrTextState *self)
{
  return self->log_odds;
}

double
mlr_text_state_get_p_positive (const MlrTextState *self)
{
  return self->p_positive;
}

double
mlr_text_state_get_train_accuracy (const MlrTextState *self)
{
  return self->train_accuracy;
}

double
mlr_text_state_get_test_accuracy (const MlrTextState *self)
{
  return self->test_accuracy;
}

/* The index of the first word chip that negates the word after it ("not" in "not good"),
 * or -1. */
int
mlr_text_state_get_negation (const MlrTextState *self)
{
  return self->negation;
}

/* The words (with bigrams: and pairs) that speak most for @klass, seen at least 3 times. */
guint
mlr_text_state_top_words (const MlrTextState *self,
                          guint               klass,
                          guint              *indices,
                          guint               max_indices)
{
  return mlr_text_nb_top_features (self->model, klass, TOP_MIN_COUNT, indices, max_indices);
}

/* What feature @index adds to the log-odds of positive: log P(w | pos) − log P(w | neg). */
double
mlr_text_state_log_odds_of (const MlrTextState *self,
                            guint               index)
{
  return mlr_text_nb_feature_log_prob (self->model, 1, index) -
         mlr_text_nb_feature_log_prob (self->model, 0, index);
}

/**
 * mlr_text_state_collect_metrics:
 * The accuracy on the training and on the test sentences, the size of the vocabulary (words,
 * and pairs with bigrams) and P(positive) of the typed sentence.
 */
void
mlr_text_state_collect_metrics (const MlrTextState *self,
                                MlrMetricFunc       func,
                                gpointer            user_data)
{
  func ("train_accuracy", g_variant_new_double (self->train_accuracy), user_data);
  func ("test_accuracy", g_variant_new_double (self->test_accuracy), user_data);
  func ("vocabulary", g_variant_new_double (mlr_text_nb_get_n_features (self->model)),
        user_data);
  func ("p_positive", g_variant_new_double (self->p_positive), user_data);
}
