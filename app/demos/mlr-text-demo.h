/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrTextDemo: the "text" demo — a sentiment classifier you can type into. Its smoothing,
 * n-grams and split seed come from the parameter table; what is its own is the sentence entry
 * in the controls, picking a word's chip (pointer, or Left/Right on the picture) to see its
 * counts, B to switch bigrams, "Import sentences…" for the learner's CSV (text,label), and
 * the sentence a screen reader speaks.
 */
#pragma once

#include "ml/mlr-text-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_TEXT_DEMO (mlr_text_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrTextDemo, mlr_text_demo, MLR, TEXT_DEMO, MlrDemo)

char      *mlr_text_demo_describe_state (const MlrTextState *state,
                                         int                 selected);
void       mlr_text_demo_import_file    (MlrTextDemo        *self,
                                         const char         *path);
int        mlr_text_demo_get_selected   (MlrTextDemo        *self);
GtkWidget *mlr_text_demo_get_entry      (MlrTextDemo        *self);

G_END_DECLS
