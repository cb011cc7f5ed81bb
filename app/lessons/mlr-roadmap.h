/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-roadmap: content/roadmap.xml — the steps in order and the lessons each holds. Loaded at
 * start-up (it is small); lessons themselves load when opened.
 */
#pragma once

#include <glib.h>

#include "mlr-diagnostic.h"

G_BEGIN_DECLS

typedef struct _MlrRoadmapStep MlrRoadmapStep;

typedef struct {
  char           *id;
  char           *title;    /* the short sidebar title */
  MlrRoadmapStep *step;     /* borrowed */
  guint           index;    /* position in the whole roadmap, from 0 */
  guint           line;     /* where roadmap.xml lists it */
  guint           column;
} MlrRoadmapLesson;

struct _MlrRoadmapStep
{
  char      *id;
  int        number;        /* -1 for unnumbered parts (Introduction, Careers) */
  char      *title;
  char      *summary;
  GPtrArray *lessons;       /* MlrRoadmapLesson*, borrowed from the roadmap */
  guint      index;
};

typedef struct {
  char       *content_dir;  /* absolute */
  char       *path;         /* roadmap.xml */
  char       *title;
  GPtrArray  *steps;        /* MlrRoadmapStep* (owned) */
  GPtrArray  *lessons;      /* MlrRoadmapLesson* (owned), in roadmap order */
  GHashTable *by_id;        /* id -> MlrRoadmapLesson* */
} MlrRoadmap;

MlrRoadmap       *mlr_roadmap_load         (const char       *content_dir,
                                            MlrDiagnostics   *diags);
void              mlr_roadmap_free         (MlrRoadmap       *roadmap);
MlrRoadmapLesson *mlr_roadmap_find         (const MlrRoadmap *roadmap,
                                            const char       *lesson_id);
MlrRoadmapLesson *mlr_roadmap_nth          (const MlrRoadmap *roadmap,
                                            guint             index);
char             *mlr_roadmap_lesson_path  (const MlrRoadmap *roadmap,
                                            const char       *lesson_id);
char             *mlr_roadmap_step_label   (const MlrRoadmapStep *step);

/* A place to open: a lesson id, optionally with "#N" for its N-th top-level section (from 0),
 * as in "bayes-theorem#2". What the app's win.open-lesson action takes. */
char             *mlr_roadmap_place        (const char       *lesson_id,
                                            int               section);
gboolean          mlr_roadmap_parse_place  (const char       *place,
                                            char            **lesson_id,
                                            int              *section);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrRoadmap, mlr_roadmap_free)

G_END_DECLS
