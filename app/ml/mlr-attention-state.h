/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-attention-state: the state of the "attention" demo — a built-in sentence, one token a
 * word, each token's vector (its word's embedding, which the learner may edit, plus its
 * position's encoding), and MLR_ATTENTION_HEADS heads of scaled dot-product attention over
 * them, with a temperature and an optional causal mask; one selected token whose row of
 * weights the picture draws as arcs, and the head shown.
 *
 * Metrics, of the head shown: `max_weight`, the largest weight in the selected token's row
 * (how strongly it attends to its favourite token), and `entropy`, the mean over all rows of
 * the row's entropy −Σ w ln w in nats (0: every token attends to one token; ln n: evenly to
 * all n); and `token`, the selected token from 0, which row `max_weight` is of. Plain C +
 * GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-attention.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

typedef struct _MlrAttentionState MlrAttentionState;

const MlrParamSpec *mlr_attention_state_param_specs  (guint                   *n_specs);
const char * const *mlr_attention_state_metric_names (void);

MlrAttentionState *mlr_attention_state_new         (const MlrParams         *params,
                                                    GError                 **error);
gboolean           mlr_attention_state_check       (const MlrParams         *params,
                                                    GError                 **error);
void               mlr_attention_state_free        (MlrAttentionState       *self);
void               mlr_attention_state_read_params (const MlrAttentionState *self,
                                                    MlrParams               *params);
gboolean           mlr_attention_state_apply_param (MlrAttentionState       *self,
                                                    const MlrParams         *params,
                                                    const char              *key,
                                                    GError                 **error);

guint              mlr_attention_state_get_n_tokens (const MlrAttentionState *self);
const char        *mlr_attention_state_get_token    (const MlrAttentionState *self,
                                                     guint                    i);
const char        *mlr_attention_state_get_sentence (const MlrAttentionState *self);
guint              mlr_attention_state_get_selected (const MlrAttentionState *self);
guint              mlr_attention_state_get_head     (const MlrAttentionState *self);
gboolean           mlr_attention_state_get_causal   (const MlrAttentionState *self);
double             mlr_attention_state_get_temperature (const MlrAttentionState *self);
const double      *mlr_attention_state_get_embedding (const MlrAttentionState *self,
                                                     guint                    i);
gboolean           mlr_attention_state_is_edited    (const MlrAttentionState *self);
const double      *mlr_attention_state_get_weights  (const MlrAttentionState *self,
                                                     guint                    head);
const double      *mlr_attention_state_get_output   (const MlrAttentionState *self,
                                                     guint                    head);
guint              mlr_attention_state_strongest    (const MlrAttentionState *self,
                                                     guint                    i);
char              *mlr_attention_state_format_vectors (const MlrAttentionState *self,
                                                     guint                    token,
                                                     guint                    component,
                                                     double                   value);

void               mlr_attention_state_collect_metrics (const MlrAttentionState *self,
                                                        MlrMetricFunc            func,
                                                        gpointer                 user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrAttentionState, mlr_attention_state_free)

G_END_DECLS
