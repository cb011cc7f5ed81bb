/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-markup: running text from the lesson model as Pango markup for GtkLabel. Links become
 * <a href> (opened only on click, only http/https: see MlrLessonView); glossary terms become
 * <a href="term:KEY"> with the definition as tooltip when it is known.
 */
#pragma once

#include <glib.h>

#include "lessons/mlr-content.h"

G_BEGIN_DECLS

#define MLR_TERM_URI_PREFIX "term:"

char     *mlr_inlines_to_markup (const GPtrArray       *inlines,
                                 const MlrContentIndex *index);
gboolean  mlr_inlines_have_links (const GPtrArray      *inlines);

G_END_DECLS
