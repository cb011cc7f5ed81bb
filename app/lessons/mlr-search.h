/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-search: finds lessons by title, keywords, glossary terms and body text, and glossary
 * terms by name. Every word of the query must occur in a lesson for it to match; the query as
 * a phrase ranks first, then a match in the title, the keywords, the glossary and the body.
 * Results carry a snippet (Pango markup, the match in bold) and the top-level section to
 * scroll to.
 */
#pragma once

#include <glib.h>

#include "mlr-content.h"

G_BEGIN_DECLS

typedef enum {
  MLR_SEARCH_FIELD_TITLE,
  MLR_SEARCH_FIELD_KEYWORD,
  MLR_SEARCH_FIELD_GLOSSARY,
  MLR_SEARCH_FIELD_BODY,
  MLR_SEARCH_FIELD_TERM,     /* a glossary term itself (see MlrSearchResult.term) */
} MlrSearchField;

typedef struct {
  const MlrRoadmapLesson *entry;     /* borrowed from the roadmap */
  MlrSearchField          field;     /* where the best match is */
  double                  score;
  int                     section;   /* top-level section of the first body match, or -1 */
  char                   *snippet;   /* Pango markup (a term's definition for a term) */
  char                   *term;      /* MLR_SEARCH_FIELD_TERM: the term; else NULL */
} MlrSearchResult;

typedef struct _MlrSearchIndex MlrSearchIndex;

MlrSearchIndex *mlr_search_index_new      (const MlrContentIndex *content);
void            mlr_search_index_free     (MlrSearchIndex        *index);
GPtrArray      *mlr_search                (const MlrSearchIndex  *index,
                                           const char            *query,
                                           guint                  max_results);
int             mlr_lesson_find_term_section (const MlrLesson    *lesson,
                                              const char         *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrSearchIndex, mlr_search_index_free)

G_END_DECLS
