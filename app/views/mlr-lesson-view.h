/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-content.h"
#include "lessons/mlr-lesson.h"
#include "lessons/mlr-progress.h"
#include "lessons/mlr-roadmap.h"

G_BEGIN_DECLS

#define MLR_TYPE_LESSON_VIEW (mlr_lesson_view_get_type ())

G_DECLARE_FINAL_TYPE (MlrLessonView, mlr_lesson_view, MLR, LESSON_VIEW, GtkWidget)

void        mlr_lesson_view_show       (MlrLessonView          *self,
                                        const MlrRoadmapLesson *entry,
                                        const char             *step_label,
                                        MlrLesson              *lesson,
                                        const MlrDiagnostics   *diags,
                                        const MlrRoadmapLesson *next);
void        mlr_lesson_view_set_progress (MlrLessonView        *self,
                                          MlrProgress          *progress);
void        mlr_lesson_view_set_index  (MlrLessonView          *self,
                                        const MlrContentIndex  *index);
MlrLesson  *mlr_lesson_view_get_lesson (MlrLessonView          *self);
GtkWidget  *mlr_lesson_view_get_page   (MlrLessonView          *self);
gboolean    mlr_lesson_view_is_complete (MlrLessonView         *self);
void        mlr_lesson_view_set_state  (MlrLessonView          *self,
                                        MlrLessonState          state);
MlrLessonState mlr_lesson_view_get_state (MlrLessonView       *self);
double      mlr_lesson_view_get_position (MlrLessonView        *self);
void        mlr_lesson_view_set_position (MlrLessonView        *self,
                                          double                fraction);
void        mlr_lesson_view_show_match    (MlrLessonView   *self,
                                           int              index,
                                           const char      *text);
void        mlr_lesson_view_scroll_to_section (MlrLessonView   *self,
                                               int              index);
gboolean    mlr_lesson_view_show_section  (MlrLessonView   *self,
                                           const char      *section_id);

G_END_DECLS
