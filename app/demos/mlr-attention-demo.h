/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrAttentionDemo: the "attention" demo — a sentence's tokens attending to each other. Its
 * controls (sentence, head, causal mask, temperature) come from the parameter table; what
 * is its own is the pointer (a token or its heatmap row selects it; a cell of the word
 * vector picks a component, and dragging it up or down changes it), the keys (arrows select
 * the previous or next token, Page Up/Down pick a component, + and − change it by 0.25, 0
 * sets it to 0, B brings back the built-in vectors, C toggles the causal mask) and the sentence a screen reader speaks.
 */
#pragma once

#include "ml/mlr-attention-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_ATTENTION_DEMO (mlr_attention_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrAttentionDemo, mlr_attention_demo, MLR, ATTENTION_DEMO, MlrDemo)

char *mlr_attention_demo_describe_state (const MlrAttentionState *state);
int   mlr_attention_demo_get_component  (MlrAttentionDemo        *self);

G_END_DECLS
