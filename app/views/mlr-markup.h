/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-markup: running text from the lesson model as Pango markup for GtkLabel. Links become
 * <a href> (opened only on click, only http/https: see MlrLessonView; a link to a lesson,
 * "lesson:ID#SECTION", opens it in the window with win.open-lesson-link); glossary terms become
 * <a href="term:KEY"> with the definition as tooltip when it is known.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-content.h"

G_BEGIN_DECLS

#define MLR_TERM_URI_PREFIX "term:"

char     *mlr_inlines_to_markup (const GPtrArray       *inlines,
                                 const MlrContentIndex *index);
gboolean  mlr_inlines_have_links (const GPtrArray      *inlines);
void      mlr_label_open_lesson_links (GtkWidget       *label);

G_END_DECLS
