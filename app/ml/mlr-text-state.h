/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-text-state: the state of the "text" demo — a sentiment classifier you can type into.
 * A corpus of labelled sentences (the built-in reviews, label 1 positive and 0 negative, or
 * the learner's CSV) split into training and test rows by a seed (a quarter for testing),
 * multinomial naive Bayes (mlr-text-nb.h) fitted to the training rows with smoothing `alpha`
 * on words or words and bigrams, and the typed sentence: its features, what each adds to the
 * log-odds of "positive", and the probability. Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"
#include "mlr-text-nb.h"

G_BEGIN_DECLS

#define MLR_TEXT_TEST_FRACTION 0.25

typedef struct _MlrTextState MlrTextState;

/* One feature of the typed sentence: a word, or (with bigrams) two consecutive words. Bytes
 * [start, end) of the sentence; `index` in the model's vocabulary or -1 when training never
 * saw it (it then adds nothing); `log_odds` what it adds to log P(pos) − log P(neg). */
typedef struct {
  char    *feature;
  guint    start;
  guint    end;
  gboolean bigram;
  int      index;
  double   log_odds;
} MlrTextChip;

const MlrParamSpec *mlr_text_state_param_specs  (guint              *n_specs);
const char * const *mlr_text_state_metric_names (void);

MlrTextState   *mlr_text_state_new            (const MlrParams    *params,
                                               GError            **error);
gboolean        mlr_text_state_check          (const MlrParams    *params,
                                               GError            **error);
void            mlr_text_state_free           (MlrTextState       *self);
gboolean        mlr_text_state_apply_param    (MlrTextState       *self,
                                               const MlrParams    *params,
                                               const char         *key,
                                               GError            **error);
gboolean        mlr_text_state_set_corpus     (MlrTextState       *self,
                                               const MlrTextData  *corpus,
                                               const char         *name,
                                               GError            **error);

const MlrTextNB *mlr_text_state_get_model     (const MlrTextState *self);
const char     *mlr_text_state_get_text       (const MlrTextState *self);
const char     *mlr_text_state_get_own_name   (const MlrTextState *self);
guint           mlr_text_state_get_n_rows     (const MlrTextState *self,
                                               guint              *n_train,
                                               guint              *n_test);
const MlrTextChip *mlr_text_state_get_chips   (const MlrTextState *self,
                                               guint              *n_chips);
double          mlr_text_state_get_prior_log_odds (const MlrTextState *self);
double          mlr_text_state_get_log_odds   (const MlrTextState *self);
double          mlr_text_state_get_p_positive (const MlrTextState *self);
double          mlr_text_state_get_train_accuracy (const MlrTextState *self);
double          mlr_text_state_get_test_accuracy  (const MlrTextState *self);
int             mlr_text_state_get_negation   (const MlrTextState *self);
guint           mlr_text_state_top_words      (const MlrTextState *self,
                                               guint               klass,
                                               guint              *indices,
                                               guint               max_indices);
double          mlr_text_state_log_odds_of    (const MlrTextState *self,
                                               guint               index);

void            mlr_text_state_collect_metrics (const MlrTextState *self,
                                               MlrMetricFunc       func,
                                               gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrTextState, mlr_text_state_free)

G_END_DECLS
