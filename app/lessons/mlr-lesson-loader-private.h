/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the lesson loader share: the walk's state and its helpers. The walk is
 * split by what it reads: mlr-lesson-loader.c (the lesson and its parts, in order),
 * -checks.c (diagnostics, attributes, ids, links), -text.c (text and inline markup),
 * -blocks.c (sections and their blocks, figures, tables), -demo.c (demos and challenges),
 * -quiz.c, -glossary.c and -resources.c. Not installed; only these files include it.
 */
#pragma once

#include <libxml/tree.h>

#include "mlr-lesson.h"
#include "mlr-xml.h"

G_BEGIN_DECLS

typedef struct {
  MlrXmlDocument *xdoc;
  MlrDiagnostics *diags;
  const char     *name;
  char           *content_root;  /* resolved, no trailing slash; NULL if unknown */
  MlrLesson      *lesson;
  GHashTable     *ids;           /* section ids seen */
  GHashTable     *glossary_keys; /* key -> TRUE */
} Loader;

typedef enum {
  INLINE_FULL,   /* em strong code sub sup term link m */
  INLINE_NONE,   /* text only */
} InlineSet;

/* The blocks a section holds (a top-level section holds sections too). */
extern const char * const mlr_loader_block_names[];

/* Nodes ------------------------------------------------------------------------------------ */

static inline const char *
node_name (xmlNode *node)
{
  return (const char *) node->name;
}

static inline gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns == NULL && g_str_equal (node->name, name);
}

static inline gboolean
is_blank_text (xmlNode *node)
{
  if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE)
    return FALSE;
  for (const xmlChar *p = node->content; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Comments and processing instructions are allowed anywhere and carry nothing. */
static inline gboolean
is_ignorable (xmlNode *node)
{
  return node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE;
}

static inline gboolean
in_names (const char * const *names,
          const char         *name)
{
  for (guint i = 0; names && names[i]; i++)
    if (g_str_equal (names[i], name))
      return TRUE;
  return FALSE;
}

/* mlr-lesson-loader-checks.c --------------------------------------------------------------- */

void        mlr_loader_report             (Loader             *l,
                                           xmlNode            *node,
                                           MlrSeverity         severity,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (4, 5);
#define error_at(l, node, ...) mlr_loader_report ((l), (node), MLR_SEVERITY_ERROR, __VA_ARGS__)
char       *mlr_loader_join_names         (const char * const *names);
void        mlr_loader_unexpected_element (Loader             *l,
                                           xmlNode            *child,
                                           xmlNode            *parent,
                                           const char * const *expected);
void        mlr_loader_unexpected_text    (Loader             *l,
                                           xmlNode            *text,
                                           xmlNode            *parent);
gboolean    mlr_loader_check_stray_child  (Loader             *l,
                                           xmlNode            *c,
                                           xmlNode            *parent,
                                           const char * const *allowed);
gboolean    mlr_loader_check_order        (Loader             *l,
                                           xmlNode            *c,
                                           xmlNode            *parent,
                                           const char * const *allowed,
                                           const char         *order);
gboolean    mlr_loader_check_attributes   (Loader             *l,
                                           xmlNode            *node,
                                           const char * const *allowed);
char       *mlr_loader_get_attr           (xmlNode            *node,
                                           const char         *name);
char       *mlr_loader_require_attr       (Loader             *l,
                                           xmlNode            *node,
                                           const char         *name);
gboolean    mlr_loader_check_ident        (Loader             *l,
                                           xmlNode            *node,
                                           const char         *attr,
                                           const char         *value);
gboolean    mlr_loader_check_web_url      (Loader             *l,
                                           xmlNode            *node,
                                           const char         *href);
gboolean    mlr_loader_check_link_href    (Loader             *l,
                                           xmlNode            *node,
                                           const char         *href,
                                           char              **lesson_id,
                                           char              **section_id);

/* mlr-lesson-loader-text.c ----------------------------------------------------------------- */

char       *mlr_loader_text_only          (Loader             *l,
                                           xmlNode            *node,
                                           gboolean            collapse);
char       *mlr_loader_plain_text         (Loader             *l,
                                           xmlNode            *node);
GPtrArray  *mlr_loader_inline_arrays_new  (void);
GPtrArray  *mlr_loader_parse_inlines      (Loader             *l,
                                           xmlNode            *node,
                                           InlineSet           set,
                                           guint               depth);
GPtrArray  *mlr_loader_parse_text_block   (Loader             *l,
                                           xmlNode            *node,
                                           const char * const *attrs);
char       *mlr_loader_formula_source     (Loader             *l,
                                           xmlNode            *node);
MlrMathNode *mlr_loader_parse_formula     (Loader             *l,
                                           xmlNode            *node,
                                           const char         *tex,
                                           char              **why);

/* mlr-lesson-loader-blocks.c --------------------------------------------------------------- */

void        mlr_loader_block_free         (gpointer            data);
MlrBlock   *mlr_loader_block_new          (Loader             *l,
                                           MlrBlockKind        kind,
                                           xmlNode            *node);
MlrBlock   *mlr_loader_parse_section      (Loader             *l,
                                           xmlNode            *node,
                                           guint               level);

/* mlr-lesson-loader-demo.c ----------------------------------------------------------------- */

MlrBlock   *mlr_loader_parse_demo         (Loader             *l,
                                           xmlNode            *node);

/* mlr-lesson-loader-quiz.c, -glossary.c, -resources.c: one child of <quiz>, <glossary>,
 * <resources> each (for_each_child() callbacks; @data is unused) ---------------------------- */

void        mlr_loader_question_free      (gpointer            data);
gboolean    mlr_loader_add_question       (Loader             *l,
                                           xmlNode            *c,
                                           gpointer            data);
void        mlr_loader_glossary_entry_free (gpointer           data);
void        mlr_loader_term_use_free      (gpointer            data);
void        mlr_loader_link_use_free      (gpointer            data);
gboolean    mlr_loader_add_definition     (Loader             *l,
                                           xmlNode            *c,
                                           gpointer            data);
void        mlr_loader_resource_free      (gpointer            data);
gboolean    mlr_loader_add_resource       (Loader             *l,
                                           xmlNode            *c,
                                           gpointer            data);

G_END_DECLS
