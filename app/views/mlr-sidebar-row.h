/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-progress.h"
#include "lessons/mlr-roadmap.h"

G_BEGIN_DECLS

#define MLR_TYPE_SIDEBAR_ROW (mlr_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (MlrSidebarRow, mlr_sidebar_row, MLR, SIDEBAR_ROW, GtkListBoxRow)

MlrSidebarRow          *mlr_sidebar_row_new           (const MlrRoadmapLesson *entry);
const MlrRoadmapLesson *mlr_sidebar_row_get_entry     (MlrSidebarRow          *self);
const char             *mlr_sidebar_row_get_lesson_id (MlrSidebarRow          *self);
void                    mlr_sidebar_row_set_state     (MlrSidebarRow          *self,
                                                       MlrLessonState          state);
MlrLessonState          mlr_sidebar_row_get_state     (MlrSidebarRow          *self);

G_END_DECLS
