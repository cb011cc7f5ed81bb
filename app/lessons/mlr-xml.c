/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-xml.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct _MlrXmlDocument
{
  xmlDocPtr   doc;
  char       *name;
  char       *data;         /* the bytes parsed (BOM stripped) */
  gsize       len;
  GArray     *line_starts;  /* byte offset of each line's first byte; [0] = 0 */
  GHashTable *positions;    /* xmlNode* -> guint[2] { line, column } */
};

typedef struct {
  MlrXmlDocument *xdoc;
  MlrDiagnostics *diags;
  gboolean        stopped;  /* we refused something and halted the parser */
} ParseState;

static void
index_lines (MlrXmlDocument *xdoc)
{
  guint zero = 0;

  xdoc->line_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (xdoc->line_starts, zero);
  for (gsize i = 0; i < xdoc->len; i++)
    if (xdoc->data[i] == '\n')
      {
        guint next = (guint) (i + 1);
        g_array_append_val (xdoc->line_starts, next);
      }
}

/* Line and column (1-based, column in characters) of a byte offset into the parsed data. */
static void
offset_to_position (MlrXmlDocument *xdoc,
                    gsize           offset,
                    guint          *line,
                    guint          *column)
{
  guint lo = 0, hi = xdoc->line_starts->len;

  if (offset > xdoc->len)
    offset = xdoc->len;
  /* Largest line start <= offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (xdoc->line_starts, guint, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  *line = lo + 1;
  {
    guint start = g_array_index (xdoc->line_starts, guint, lo);
    *column = (guint) g_utf8_strlen (xdoc->data + start, offset - start) + 1;
  }
}

/* Where the parser is now, as a byte offset into our data. No transcoding happens (input
 * is checked UTF-8 and declared encodings are ignored), so consumed + (cur - base) maps back
 * onto our buffer even after libxml2 has shrunk its own. */
static gsize
parser_offset (xmlParserCtxtPtr ctxt)
{
  xmlParserInputPtr in = ctxt->input;

  if (in == NULL || in->cur == NULL || in->base == NULL)
    return 0;
  return (gsize) in->consumed + (gsize) (in->cur - in->base);
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;
  MlrXmlDocument *xdoc = state->xdoc;
  gsize off;
  guint line, column;

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces,
                         nb_attributes, nb_defaulted, attributes);
  if (ctxt->node == NULL)
    return;

  /* The parser sits at the end of the start tag; '<' cannot occur inside attribute values,
   * so the nearest '<' before it opens this tag. */
  off = parser_offset (ctxt);
  if (off > xdoc->len)
    off = xdoc->len;
  while (off > 0 && xdoc->data[off - 1] != '<')
    off--;
  if (off > 0)
    off--;
  offset_to_position (xdoc, off, &line, &column);
  /* ctxt->nodeNr counts this element and its ancestors. */
  if (ctxt->nodeNr > MLR_XML_MAX_DEPTH)
    {
      mlr_diagnostics_add (state->diags, xdoc->name, line, column, MLR_SEVERITY_ERROR,
                           "<%s> is nested %d elements deep; content files may nest at most "
                           "%d", (const char *) localname, ctxt->nodeNr, MLR_XML_MAX_DEPTH);
      state->stopped = TRUE;
      xmlStopParser (ctxt);
      return;
    }
  {
    guint *pos = g_new (guint, 2);
    pos[0] = line;
    pos[1] = column;
    g_hash_table_insert (xdoc->positions, ctxt->node, pos);
  }
}

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;
  guint line, column;
  gsize off = parser_offset (ctxt);

  /* Point at "<!DOCTYPE", not wherever the parser has got to inside it. */
  while (off > 0 && !(state->xdoc->data[off] == '<' && off + 1 < state->xdoc->len &&
                      state->xdoc->data[off + 1] == '!'))
    off--;
  offset_to_position (state->xdoc, off, &line, &column);
  mlr_diagnostics_add (state->diags, state->xdoc->name, line, column, MLR_SEVERITY_ERROR,
                       "a <!DOCTYPE> declaration is not allowed in content files "
                       "(it could declare or fetch entities); remove it and write "
                       "characters directly in UTF-8");
  state->stopped = TRUE;
  xmlStopParser (ctxt);
}

static char *
clean_message (const char *msg)
{
  char *s = g_strdup (msg ? msg : "malformed XML");

  g_strstrip (s);
  return s;
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;
  g_autofree char *msg = NULL;

  if (state->stopped || error->level == XML_ERR_WARNING)
    return;
  msg = clean_message (error->message);
  mlr_diagnostics_add (state->diags, state->xdoc->name, error->line > 0 ? error->line : 0,
                       error->int2 > 0 ? (guint) error->int2 : 0, MLR_SEVERITY_ERROR,
                       "not well-formed XML: %s", msg);
}

static gboolean
check_encoding (const char     *data,
                gsize           len,
                const char     *name,
                MlrDiagnostics *diags)
{
  const char *end = NULL;

  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                   ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      mlr_diagnostics_add (diags, name, 1, 1, MLR_SEVERITY_ERROR,
                           "the file is encoded as UTF-16; save it as UTF-8");
      return FALSE;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      guint line = 1, column = 1;
      const char *line_start = data;

      for (const char *p = data; p < end; p++)
        if (*p == '\n')
          {
            line++;
            line_start = p + 1;
          }
      column = (guint) g_utf8_strlen (line_start, end - line_start) + 1;
      if (*end == '\0')
        mlr_diagnostics_add (diags, name, line, column, MLR_SEVERITY_ERROR,
                             "the file contains a NUL byte; is it a text file?");
      else
        mlr_diagnostics_add (diags, name, line, column, MLR_SEVERITY_ERROR,
                             "invalid UTF-8 (byte 0x%02X); content files must be saved as UTF-8",
                             (guchar) *end);
      return FALSE;
    }
  return TRUE;
}

/* The encoding named in <?xml ... encoding="X"?>, if any. We parse as UTF-8 regardless (the
 * parser is told to ignore the declaration), so a declaration of anything else is a mistake
 * worth reporting. */
static gboolean
check_declared_encoding (const char     *data,
                         gsize           len,
                         const char     *name,
                         MlrDiagnostics *diags)
{
  g_autofree char *decl = NULL;
  g_autofree char *enc = NULL;
  const char *end, *p;

  if (len < 5 || strncmp (data, "<?xml", 5) != 0)
    return TRUE;
  end = g_strstr_len (data, MIN (len, 512), "?>");
  if (end == NULL)
    return TRUE;  /* the parser reports the broken declaration */
  decl = g_strndup (data, end - data);
  p = strstr (decl, "encoding");
  if (p == NULL)
    return TRUE;
  p += strlen ("encoding");
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '=')
    return TRUE;
  p++;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '"' && *p != '\'')
    return TRUE;
  {
    char quote = *p++;
    const char *close = strchr (p, quote);
    if (close == NULL)
      return TRUE;
    enc = g_strndup (p, close - p);
  }
  if (g_ascii_strcasecmp (enc, "UTF-8") == 0 || g_ascii_strcasecmp (enc, "UTF8") == 0)
    return TRUE;
  mlr_diagnostics_add (diags, name, 1, 1, MLR_SEVERITY_ERROR,
                       "the file declares encoding=\"%s\"; content files must be UTF-8 "
                       "(convert the file and change the declaration)", enc);
  return FALSE;
}

/**
 * mlr_xml_parse_data:
 * Parses @len bytes into a document. Problems go to @diags with @display_name as the file;
 * returns NULL when the document cannot be used.
 */
MlrXmlDocument *
mlr_xml_parse_data (const char     *data,
                    gsize           len,
                    const char     *display_name,
                    MlrDiagnostics *diags)
{
  g_autoptr(MlrXmlDocument) xdoc = NULL;
  xmlParserCtxtPtr ctxt;
  ParseState state = { 0 };
  guint n_before = mlr_diagnostics_count (diags);
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
                      XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING;

  if (len == 0 || (len == 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0))
    {
      mlr_diagnostics_add (diags, display_name, 1, 1, MLR_SEVERITY_ERROR, "the file is empty");
      return NULL;
    }
  if (len > MLR_XML_MAX_FILE_SIZE)
    {
      mlr_diagnostics_add (diags, display_name, 1, 1, MLR_SEVERITY_ERROR,
                           "the file is %" G_GSIZE_FORMAT " bytes; content files may be at "
                           "most %d bytes", len, MLR_XML_MAX_FILE_SIZE);
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!check_encoding (data, len, display_name, diags) ||
      !check_declared_encoding (data, len, display_name, diags))
    return NULL;

  xmlInitParser ();

  xdoc = g_new0 (MlrXmlDocument, 1);
  xdoc->name = g_strdup (display_name ? display_name : "<input>");
  xdoc->data = g_strndup (data, len);
  xdoc->len = len;
  xdoc->positions = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  index_lines (xdoc);

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      mlr_diagnostics_add (diags, display_name, 0, 0, MLR_SEVERITY_ERROR, "out of memory");
      return NULL;
    }
  state.xdoc = xdoc;
  state.diags = diags;
  ctxt->_private = &state;
  ctxt->sax->startElementNs = on_start_element;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->serror = on_structured_error;

  xdoc->doc = xmlCtxtReadMemory (ctxt, xdoc->data, (int) xdoc->len, display_name, "UTF-8",
                                 options);
  if (xdoc->doc == NULL && mlr_diagnostics_count (diags) == n_before)
    mlr_diagnostics_add (diags, display_name, 0, 0, MLR_SEVERITY_ERROR,
                         "the file could not be parsed as XML");
  if (xdoc->doc != NULL && (!ctxt->wellFormed || state.stopped))
    g_clear_pointer (&xdoc->doc, xmlFreeDoc);
  xmlFreeParserCtxt (ctxt);

  if (xdoc->doc == NULL)
    return NULL;
  if (xdoc->doc->intSubset != NULL || xdoc->doc->extSubset != NULL)
    {
      /* Unreachable while on_internal_subset stops the parser; kept as a second lock. */
      mlr_diagnostics_add (diags, display_name, 1, 1, MLR_SEVERITY_ERROR,
                           "a <!DOCTYPE> declaration is not allowed in content files");
      return NULL;
    }
  if (xmlDocGetRootElement (xdoc->doc) == NULL)
    {
      mlr_diagnostics_add (diags, display_name, 1, 1, MLR_SEVERITY_ERROR,
                           "the file has no root element");
      return NULL;
    }
  return g_steal_pointer (&xdoc);
}

/**
 * mlr_xml_parse_file:
 * Reads and parses @path, refusing anything that is not a regular file of a sane size before
 * reading a byte of it (a FIFO or /dev/zero would otherwise block or never end).
 */
MlrXmlDocument *
mlr_xml_parse_file (const char     *path,
                    const char     *display_name,
                    MlrDiagnostics *diags)
{
  struct stat st;
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *name = display_name ? display_name : path;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      int saved = errno;
      mlr_diagnostics_add (diags, name, 0, 0, MLR_SEVERITY_ERROR, "cannot open the file: %s",
                           g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      mlr_diagnostics_add (diags, name, 0, 0, MLR_SEVERITY_ERROR, "not a regular file");
      return NULL;
    }
  if (st.st_size > MLR_XML_MAX_FILE_SIZE)
    {
      close (fd);
      /* 1:1 like every other whole-file problem, so editors and scripts find a position. */
      mlr_diagnostics_add (diags, name, 1, 1, MLR_SEVERITY_ERROR,
                           "the file is %" G_GINT64_FORMAT " bytes; content files may be at "
                           "most %d bytes", (gint64) st.st_size, MLR_XML_MAX_FILE_SIZE);
      return NULL;
    }
  data = g_malloc (st.st_size + 1);
  while (len < (gsize) st.st_size)
    {
      gssize n = read (fd, data + len, st.st_size - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      len += n;
    }
  close (fd);
  data[len] = '\0';
  return mlr_xml_parse_data (data, len, name, diags);
}

void
mlr_xml_document_free (MlrXmlDocument *xdoc)
{
  if (xdoc == NULL)
    return;
  g_clear_pointer (&xdoc->doc, xmlFreeDoc);
  g_clear_pointer (&xdoc->positions, g_hash_table_unref);
  g_clear_pointer (&xdoc->line_starts, g_array_unref);
  g_free (xdoc->data);
  g_free (xdoc->name);
  g_free (xdoc);
}

xmlNode *
mlr_xml_document_root (MlrXmlDocument *xdoc)
{
  return xmlDocGetRootElement (xdoc->doc);
}

const char *
mlr_xml_document_name (MlrXmlDocument *xdoc)
{
  return xdoc->name;
}

/* The position of @node's start tag; for text and other nodes, that of the element holding
 * them. */
void
mlr_xml_node_position (MlrXmlDocument *xdoc,
                       xmlNode        *node,
                       guint          *line,
                       guint          *column)
{
  *line = 0;
  *column = 0;
  if (node != NULL && (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
      node->content != NULL && xmlGetLineNo (node) > 0)
    {
      /* libxml2 stamps a text node with the line where it ends; walk back to the line of its
       * first visible character. */
      const char *text = (const char *) node->content;
      const char *first = text;
      const char *line_start = NULL;
      guint newlines_after = 0;

      while (*first && g_ascii_isspace (*first))
        first++;
      if (*first)
        {
          for (const char *p = first; *p; p++)
            newlines_after += *p == '\n';
          for (const char *p = first; p > text; p--)
            if (p[-1] == '\n')
              {
                line_start = p;
                break;
              }
          *line = (guint) xmlGetLineNo (node) - newlines_after;
          if (line_start != NULL)
            *column = (guint) g_utf8_strlen (line_start, first - line_start) + 1;
          return;
        }
    }
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    {
      if (node->type == XML_ATTRIBUTE_NODE)
        node = node->parent;
      else if (node->parent && node->parent->type == XML_ELEMENT_NODE)
        node = node->parent;
      else
        return;
    }
  if (node != NULL)
    {
      const guint *pos = g_hash_table_lookup (xdoc->positions, node);
      if (pos != NULL)
        {
          *line = pos[0];
          *column = pos[1];
        }
      else
        *line = (guint) xmlGetLineNo (node);
    }
}

/* Compiled schemas are immutable once built, so one per schema serves every thread. */
static xmlRelaxNGPtr
load_schema (const char *resource)
{
  static GMutex lock;
  static GHashTable *cache;
  xmlRelaxNGPtr schema;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  schema = g_hash_table_lookup (cache, resource);
  if (schema == NULL)
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) size);
          schema = xmlRelaxNGParse (pctxt);
          xmlRelaxNGFreeParserCtxt (pctxt);
          if (schema != NULL)
            g_hash_table_insert (cache, g_strdup (resource), schema);
        }
    }
  g_mutex_unlock (&lock);
  return schema;
}

typedef struct {
  MlrXmlDocument *xdoc;
  MlrDiagnostics *diags;
  guint           count;
} ValidateState;

static void
on_validity_error (void        *user_data,
                   xmlErrorPtr  error)
{
  ValidateState *state = user_data;
  g_autofree char *msg = NULL;
  guint line = 0, column = 0;

  /* libxml2 follows the useful message with summaries that carry no node; skip those. */
  if (error->node == NULL && state->count > 0)
    return;
  msg = clean_message (error->message);
  if (error->node != NULL)
    mlr_xml_node_position (state->xdoc, error->node, &line, &column);
  mlr_diagnostics_add (state->diags, state->xdoc->name, line, column, MLR_SEVERITY_ERROR,
                       "does not match the schema: %s", msg);
  state->count++;
}

/**
 * mlr_xml_validate:
 * Validates against the RelaxNG schema stored at @schema_resource in the app's GResource.
 */
gboolean
mlr_xml_validate (MlrXmlDocument *xdoc,
                  const char     *schema_resource,
                  MlrDiagnostics *diags)
{
  xmlRelaxNGPtr schema = load_schema (schema_resource);
  xmlRelaxNGValidCtxtPtr vctxt;
  ValidateState state = { xdoc, diags, 0 };
  int ret;

  if (schema == NULL)
    {
      mlr_diagnostics_add (diags, xdoc->name, 0, 0, MLR_SEVERITY_ERROR,
                           "internal error: the schema %s could not be loaded", schema_resource);
      return FALSE;
    }
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, on_validity_error, &state);
  ret = xmlRelaxNGValidateDoc (vctxt, xdoc->doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  if (ret != 0 && state.count == 0)
    mlr_diagnostics_add (diags, xdoc->name, 0, 0, MLR_SEVERITY_ERROR,
                         "does not match the schema");
  return ret == 0;
}

/**
 * mlr_xml_collapse_space:
 * @s with every run of white space as one space, as HTML reads running text.
 */
char *
mlr_xml_collapse_space (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));
  gboolean space = FALSE;

  for (const char *p = s; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  if (space)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}
