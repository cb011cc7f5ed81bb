/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrSidebarItem: one entry of the sidebar's list model: a lesson of the roadmap with the
 * learner's progress on it (observed by its row), or one of the pages to explore.
 */
#pragma once

#include <glib-object.h>

#include "lessons/mlr-progress.h"
#include "lessons/mlr-roadmap.h"

G_BEGIN_DECLS

typedef enum {
  MLR_SIDEBAR_ITEM_LESSON,
  MLR_SIDEBAR_ITEM_DEMOS,
  MLR_SIDEBAR_ITEM_GLOSSARY,
  MLR_SIDEBAR_ITEM_HOME,
} MlrSidebarItemKind;

#define MLR_TYPE_SIDEBAR_ITEM (mlr_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (MlrSidebarItem, mlr_sidebar_item, MLR, SIDEBAR_ITEM, GObject)

MlrSidebarItem         *mlr_sidebar_item_new_lesson    (const MlrRoadmapLesson *entry);
MlrSidebarItem         *mlr_sidebar_item_new_page      (MlrSidebarItemKind      kind,
                                                        const char             *icon_name,
                                                        const char             *title,
                                                        const char             *tooltip);
MlrSidebarItemKind      mlr_sidebar_item_get_kind      (MlrSidebarItem         *self);
const MlrRoadmapLesson *mlr_sidebar_item_get_entry     (MlrSidebarItem         *self);
const char             *mlr_sidebar_item_get_lesson_id (MlrSidebarItem         *self);
const char             *mlr_sidebar_item_get_title     (MlrSidebarItem         *self);
const char             *mlr_sidebar_item_get_icon_name (MlrSidebarItem         *self);
const char             *mlr_sidebar_item_get_tooltip   (MlrSidebarItem         *self);
MlrLessonState          mlr_sidebar_item_get_state     (MlrSidebarItem         *self);
void                    mlr_sidebar_item_set_state     (MlrSidebarItem         *self,
                                                        MlrLessonState          state);

G_END_DECLS
