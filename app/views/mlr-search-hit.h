/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrSearchHit: one search result as an item of the results' list model: the lesson, where
 * in the roadmap it is, the snippet that matched and the section it is in.
 */
#pragma once

#include <glib-object.h>

#include "lessons/mlr-search.h"

G_BEGIN_DECLS

#define MLR_TYPE_SEARCH_HIT (mlr_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (MlrSearchHit, mlr_search_hit, MLR, SEARCH_HIT, GObject)

MlrSearchHit *mlr_search_hit_new            (const MlrSearchResult *result);
const char   *mlr_search_hit_get_lesson_id  (MlrSearchHit          *self);
const char   *mlr_search_hit_get_title      (MlrSearchHit          *self);
const char   *mlr_search_hit_get_step_label (MlrSearchHit          *self);
const char   *mlr_search_hit_get_snippet    (MlrSearchHit          *self);
int           mlr_search_hit_get_section    (MlrSearchHit          *self);

G_END_DECLS
