/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-content.h"
#include "lessons/mlr-lesson.h"

G_BEGIN_DECLS

#define MLR_TYPE_QUIZ_QUESTION (mlr_quiz_question_get_type ())

G_DECLARE_FINAL_TYPE (MlrQuizQuestion, mlr_quiz_question, MLR, QUIZ_QUESTION, GtkWidget)

GtkWidget *mlr_quiz_question_new         (const MlrQuestion     *question,
                                          guint                  number,
                                          const MlrContentIndex *index);
void       mlr_quiz_question_set_chosen  (MlrQuizQuestion       *self,
                                          guint                  choice,
                                          gboolean               chosen);
gboolean   mlr_quiz_question_check       (MlrQuizQuestion       *self);
void       mlr_quiz_question_reset       (MlrQuizQuestion       *self);
gboolean   mlr_quiz_question_is_answered (MlrQuizQuestion       *self);
gboolean   mlr_quiz_question_is_correct  (MlrQuizQuestion       *self);
gboolean   mlr_quiz_question_is_hinting  (MlrQuizQuestion       *self);

G_END_DECLS
