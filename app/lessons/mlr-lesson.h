/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-lesson: the lesson model. Plain data built by the loader from lesson XML; no GTK. The
 * views layer turns it into widgets, search indexes its text, `validate` reports on it.
 */
#pragma once

#include <glib.h>

#include "mlr-diagnostic.h"
#include "mlr-math.h"

G_BEGIN_DECLS

/* Running text is an array (GPtrArray of MlrInline*) of runs. */
typedef enum {
  MLR_INLINE_TEXT,
  MLR_INLINE_EM,       /* children */
  MLR_INLINE_STRONG,   /* children */
  MLR_INLINE_CODE,
  MLR_INLINE_SUB,
  MLR_INLINE_SUP,
  MLR_INLINE_TERM,     /* target = glossary key */
  MLR_INLINE_LINK,     /* target = http(s) URL, or "lesson:ID" / "lesson:ID#SECTION" */
  MLR_INLINE_MATH,     /* <m>: text = the TeX, ends trimmed; math = its tree */
} MlrInlineKind;

typedef struct {
  MlrInlineKind  kind;
  char          *text;      /* every kind but EM and STRONG */
  char          *target;    /* TERM: key; LINK: href (see mlr_lesson_link_parse()) */
  GPtrArray     *children;  /* EM, STRONG: MlrInline* */
  MlrMathNode   *math;      /* MATH: the parsed formula; NULL when it did not parse (the
                             * loader reported where and why) */
} MlrInline;

typedef enum {
  MLR_BLOCK_SECTION,
  MLR_BLOCK_PARAGRAPH,
  MLR_BLOCK_BULLET_LIST,
  MLR_BLOCK_NUMBERED_LIST,
  MLR_BLOCK_CODE,
  MLR_BLOCK_MATH,
  MLR_BLOCK_CALLOUT,
  MLR_BLOCK_FIGURE,
  MLR_BLOCK_TABLE,
  MLR_BLOCK_DEMO,
} MlrBlockKind;

typedef enum {
  MLR_CALLOUT_TIP,
  MLR_CALLOUT_NOTE,
  MLR_CALLOUT_WARNING,
} MlrCalloutType;

typedef struct {
  char *key;
  char *value;
} MlrDemoParam;

typedef struct _MlrExpr MlrExpr;

/* A goal a demo checks live: <challenge id="..." when="EXPR">what to do</challenge>. */
typedef struct {
  char      *id;
  char      *when;     /* as written */
  MlrExpr   *goal;     /* parsed against the demo's metrics */
  GPtrArray *text;     /* inlines */
  guint      line;
} MlrChallenge;

/* What a demo's caption claims, checked by `ml-roadmap-cli validate`: <expect metric="NAME"
 * min="X" max="Y"/> (either bound may be left out) holds when the demo, built from the block's
 * parameters and settled as `metrics` does, reports NAME within [X, Y]. */
typedef struct {
  char      *metric;
  gboolean   has_min, has_max;
  double     min, max;
  guint      line, column;
} MlrExpect;

/* One block of a page. Which fields are used depends on `kind`; the rest are NULL/0. */
typedef struct {
  MlrBlockKind   kind;
  guint          line;         /* where it starts in the file */

  char          *id;           /* SECTION (optional) */
  char          *title;        /* SECTION, CODE (optional), CALLOUT (optional) */
  guint          level;        /* SECTION: 1 for top-level, 2 for nested */
  GPtrArray     *children;     /* SECTION, CALLOUT: MlrBlock* */

  GPtrArray     *inlines;      /* PARAGRAPH */
  GPtrArray     *items;        /* lists: GPtrArray* of inlines per item */

  char          *lang;         /* CODE */
  char          *text;         /* CODE: dedented source; MATH: the TeX, ends trimmed */
  MlrMathNode   *math;         /* MATH: the parsed formula, or NULL (then `error` says why) */

  MlrCalloutType callout_type; /* CALLOUT */

  char          *src;          /* FIGURE: as written, relative to the content root */
  char          *path;         /* FIGURE: resolved absolute path; NULL when it failed */
  char          *alt;          /* FIGURE */
  guint          width;        /* FIGURE: 0 = natural */
  GPtrArray     *caption;      /* FIGURE, TABLE, DEMO: inlines or NULL */

  GPtrArray     *header;       /* TABLE: cells (inlines) of the header row, or NULL */
  GPtrArray     *rows;         /* TABLE: GPtrArray* of cells (inlines) per row */
  guint          n_columns;    /* TABLE */

  char          *demo_kind;    /* DEMO */
  GPtrArray     *params;       /* DEMO: MlrDemoParam*, in file order */
  GPtrArray     *challenges;   /* DEMO: MlrChallenge* (possibly empty), or NULL */
  GPtrArray     *expects;      /* DEMO: MlrExpect* (possibly empty), or NULL */

  char          *error;        /* FIGURE, DEMO, MATH: why this part cannot be shown, or NULL */
} MlrBlock;

typedef enum {
  MLR_RESOURCE_ARTICLE,
  MLR_RESOURCE_DOCS,
  MLR_RESOURCE_VIDEO,
  MLR_RESOURCE_COURSE,
  MLR_RESOURCE_BOOK,
} MlrResourceType;

typedef struct {
  MlrResourceType  type;
  char            *title;
  char            *href;
  GPtrArray       *note;      /* inlines, possibly empty */
} MlrResource;

typedef struct {
  gboolean   correct;
  GPtrArray *answer;     /* inlines */
  GPtrArray *feedback;   /* inlines */
} MlrChoice;

typedef struct {
  gboolean   multiple;
  guint      line;
  GPtrArray *prompt;       /* inlines */
  GPtrArray *choices;      /* MlrChoice* */
  GPtrArray *explanation;  /* inlines */
} MlrQuestion;

typedef struct {
  char      *key;
  char      *term;
  GPtrArray *definition;   /* inlines */
  guint      line;
  guint      column;
} MlrGlossaryEntry;

typedef struct {
  char      *key;
  guint      line;
  guint      column;
} MlrTermUse;

/* A link to a lesson in the text: <link href="lesson:ID#SECTION">; SECTION may be NULL. */
typedef struct {
  char      *lesson_id;
  char      *section_id;
  guint      line;
  guint      column;
} MlrLinkUse;

typedef struct _MlrLesson MlrLesson;

struct _MlrLesson
{
  /*< private >*/
  gint       ref_count;

  /*< public, read-only >*/
  char      *path;         /* the file it came from */
  char      *id;
  char      *step;
  char      *lang;         /* xml:lang, or NULL */
  guint      minutes;
  char      *title;
  GPtrArray *summary;      /* inlines */
  GStrv      keywords;     /* never NULL */
  GPtrArray *sections;     /* MlrBlock* of kind SECTION */
  GPtrArray *takeaways;    /* GPtrArray* of inlines */
  GPtrArray *resources;    /* MlrResource* */
  GPtrArray *questions;    /* MlrQuestion* */
  GPtrArray *glossary;     /* MlrGlossaryEntry* */
  GPtrArray *term_uses;    /* MlrTermUse*: every <term> in the text, for cross-checks */
  GPtrArray *link_uses;    /* MlrLinkUse*: every link to a lesson, for cross-checks */
};

MlrLesson  *mlr_lesson_ref            (MlrLesson        *lesson);
void        mlr_lesson_unref          (MlrLesson        *lesson);

/* Loading: problems go to @diags. NULL when the lesson cannot be shown at all; otherwise the
 * lesson, possibly with broken parts (blocks with `error` set) that @diags also reports.
 * @content_root confines figure paths; NULL means the folder above the file's folder when that
 * is called "lessons", else the file's folder. */
MlrLesson  *mlr_lesson_load_file      (const char       *path,
                                       const char       *content_root,
                                       MlrDiagnostics   *diags);
MlrLesson  *mlr_lesson_load_data      (const char       *data,
                                       gsize             len,
                                       const char       *display_name,
                                       const char       *content_root,
                                       MlrDiagnostics   *diags);

/* Helpers shared by the views and search. */
char       *mlr_inlines_to_plain      (const GPtrArray  *inlines);
char       *mlr_block_to_plain        (const MlrBlock   *block);
char       *mlr_lesson_to_plain       (const MlrLesson  *lesson);
char       *mlr_glossary_key_for      (const char       *text);
const char *mlr_resource_type_name    (MlrResourceType   type);
const char *mlr_demo_param_lookup     (const MlrBlock   *demo,
                                       const char       *key);
guint       mlr_lesson_count_words    (const MlrLesson  *lesson);
guint       mlr_count_words           (const char       *text);
gboolean    mlr_is_ident              (const char       *s);

/* Links between lessons: "lesson:LESSON-ID" or "lesson:LESSON-ID#SECTION-ID". */
#define MLR_LESSON_LINK_PREFIX "lesson:"
gboolean    mlr_lesson_link_parse     (const char       *href,
                                       char            **lesson_id,
                                       char            **section_id);
const MlrBlock *mlr_lesson_find_section (const MlrLesson *lesson,
                                         const char      *section_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrLesson, mlr_lesson_unref)

G_END_DECLS
