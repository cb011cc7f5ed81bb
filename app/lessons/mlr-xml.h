/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-xml: the one place content XML is parsed. Safe by construction for files from anyone:
 * UTF-8 only, size-bounded, no network, no DTD (a DOCTYPE stops the parser before its internal
 * subset is read, so no entity can be declared, expanded or fetched), no XInclude. Every element
 * keeps the exact line and column of its start tag for diagnostics.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "mlr-diagnostic.h"

G_BEGIN_DECLS

/* Lesson and roadmap files larger than this are refused before parsing. */
#define MLR_XML_MAX_FILE_SIZE (1024 * 1024)

/* Elements nested deeper than this are refused while parsing (content/FORMAT.md promises
 * it); no valid lesson comes near, and libxml2's own limit of 256 speaks of XML_PARSE_HUGE,
 * which means nothing to an author. */
#define MLR_XML_MAX_DEPTH 32

typedef struct _MlrXmlDocument MlrXmlDocument;

MlrXmlDocument *mlr_xml_parse_data     (const char     *data,
                                        gsize           len,
                                        const char     *display_name,
                                        MlrDiagnostics *diags);
MlrXmlDocument *mlr_xml_parse_file     (const char     *path,
                                        const char     *display_name,
                                        MlrDiagnostics *diags);
void            mlr_xml_document_free  (MlrXmlDocument *xdoc);
xmlNode        *mlr_xml_document_root  (MlrXmlDocument *xdoc);
const char     *mlr_xml_document_name  (MlrXmlDocument *xdoc);
void            mlr_xml_node_position  (MlrXmlDocument *xdoc,
                                        xmlNode        *node,
                                        guint          *line,
                                        guint          *column);
gboolean        mlr_xml_validate       (MlrXmlDocument *xdoc,
                                        const char     *schema_resource,
                                        MlrDiagnostics *diags);
char           *mlr_xml_collapse_space (const char     *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrXmlDocument, mlr_xml_document_free)

G_END_DECLS
