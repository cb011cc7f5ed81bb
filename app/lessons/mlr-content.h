/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-content: the content folder as a whole — where it is, every lesson in it loaded at once
 * (for the glossary, search and `validate`), and the checks that span files.
 */
#pragma once

#include <glib.h>

#include "mlr-diagnostic.h"
#include "mlr-lesson.h"
#include "mlr-roadmap.h"

G_BEGIN_DECLS

typedef struct {
  const MlrGlossaryEntry *entry;     /* borrowed from lesson */
  MlrLesson              *lesson;    /* borrowed from the index */
} MlrGlossaryRef;

typedef struct {
  MlrRoadmap *roadmap;     /* borrowed */
  GHashTable *lessons;     /* id -> MlrLesson* (ref), the ones that loaded */
  GHashTable *glossary;    /* key -> MlrGlossaryRef* */
  guint       n_failed;    /* lessons that did not load */
} MlrContentIndex;

const char      *mlr_content_default_dir   (void);

MlrContentIndex *mlr_content_index_build   (MlrRoadmap       *roadmap,
                                            MlrDiagnostics   *diags);
void             mlr_content_index_free    (MlrContentIndex  *index);
const MlrGlossaryRef *mlr_content_index_lookup_term (const MlrContentIndex *index,
                                                     const char            *key);

/* Every check `ml-roadmap-cli validate` runs on a content folder. Returns the number of
 * lessons checked. */
guint            mlr_content_check         (const char       *content_dir,
                                            MlrDiagnostics   *diags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrContentIndex, mlr_content_index_free)

G_END_DECLS
