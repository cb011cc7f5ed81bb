/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's checks: problems reported with file, line and column in an author's
 * terms, elements and text out of place, attributes, ids, web links and links to lessons.
 */
#include "mlr-lesson-loader-private.h"

#include <string.h>

/* Diagnostics ------------------------------------------------------------------------------ */

void G_GNUC_PRINTF (4, 5)
mlr_loader_report (Loader      *l,
                   xmlNode     *node,
                   MlrSeverity  severity,
                   const char  *format,
                   ...)
{
  guint line = 0, column = 0;
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (node)
    mlr_xml_node_position (l->xdoc, node, &line, &column);
  mlr_diagnostics_add (l->diags, l->name, line, column, severity, "%s", msg);
}

char *
mlr_loader_join_names (const char * const *names)
{
  return names ? g_strjoinv (", ", (char **) names) : g_strdup ("");
}

/* Reports an element that does not belong where it is. */
void
mlr_loader_unexpected_element (Loader             *l,
                               xmlNode            *child,
                               xmlNode            *parent,
                               const char * const *expected)
{
  g_autofree char *list = expected ? mlr_loader_join_names (expected) : NULL;
  const char *hint = "";

  if (child->ns != NULL)
    {
      error_at (l, child, "<%s:%s> comes from another XML namespace (%s); lessons use only "
                "the elements of the lesson format (XInclude and other vocabularies are not "
                "supported)", child->ns->prefix ? (const char *) child->ns->prefix : "",
                node_name (child), child->ns->href ? (const char *) child->ns->href : "");
      return;
    }
  if (g_str_equal (node_name (child), "b") || g_str_equal (node_name (child), "bold"))
    hint = "; for bold text use <strong>";
  else if (g_str_equal (node_name (child), "i") || g_str_equal (node_name (child), "italic"))
    hint = "; for italics use <em>";
  else if (g_str_equal (node_name (child), "a"))
    hint = "; for a web link use <link href=\"https://…\">";
  else if (g_str_equal (node_name (child), "pre"))
    hint = "; for code use <codeblock lang=\"…\">";
  else if (g_str_equal (node_name (child), "img"))
    hint = "; for a picture use <figure src=\"…\" alt=\"…\">";
  else if (in_names (mlr_loader_block_names, node_name (child)))
    hint = "; blocks go directly inside a <section>";

  if (list && *list)
    error_at (l, child, "<%s> is not allowed inside <%s> (allowed here: %s)%s",
              node_name (child), node_name (parent), list, hint);
  else
    error_at (l, child, "<%s> is not allowed inside <%s>, which holds only text%s",
              node_name (child), node_name (parent), hint);
}

void
mlr_loader_unexpected_text (Loader  *l,
                            xmlNode *text,
                            xmlNode *parent)
{
  /* g_utf8_substring() reads past the end of a string shorter than end_pos. */
  glong n_chars = g_utf8_strlen ((const char *) text->content, -1);
  g_autofree char *snippet = g_utf8_substring ((const char *) text->content, 0,
                                               MIN (n_chars, 24));

  g_strstrip (snippet);
  error_at (l, text, "text (“%s…”) is not allowed directly inside <%s>; put it in an element "
            "such as <p>", snippet, node_name (parent));
}

/* A child the caller does not handle: an element out of place, or text where only elements
 * go (blank text and comments are fine). Reports it and returns FALSE. */
gboolean
mlr_loader_check_stray_child (Loader             *l,
                              xmlNode            *c,
                              xmlNode            *parent,
                              const char * const *allowed)
{
  if (c->type == XML_ELEMENT_NODE)
    {
      mlr_loader_unexpected_element (l, c, parent, allowed);
      return FALSE;
    }
  if (!is_blank_text (c) && !is_ignorable (c))
    {
      mlr_loader_unexpected_text (l, c, parent);
      return FALSE;
    }
  return TRUE;
}

/* Like mlr_loader_check_stray_child(), for a parent whose children come in a set order: one
 * of its own elements in the wrong place is reported as out of place, @order saying what goes
 * where. */
gboolean
mlr_loader_check_order (Loader             *l,
                        xmlNode            *c,
                        xmlNode            *parent,
                        const char * const *allowed,
                        const char         *order)
{
  if (c->type == XML_ELEMENT_NODE && c->ns == NULL && in_names (allowed, node_name (c)))
    {
      error_at (l, c, "<%s> is out of place: %s", node_name (c), order);
      return FALSE;
    }
  return mlr_loader_check_stray_child (l, c, parent, allowed);
}

/* Attributes ------------------------------------------------------------------------------- */

gboolean
mlr_loader_check_attributes (Loader             *l,
                             xmlNode            *node,
                             const char * const *allowed)
{
  gboolean ok = TRUE;

  for (xmlAttr *a = node->properties; a; a = a->next)
    {
      const char *name = (const char *) a->name;

      if (a->ns != NULL)
        {
          if (g_str_equal (name, "lang") && a->ns->href &&
              g_str_equal (a->ns->href, XML_XML_NAMESPACE) && in_names (allowed, "xml:lang"))
            continue;
          error_at (l, node, "<%s> has an attribute “%s:%s” from another namespace, which the "
                    "lesson format does not use", node_name (node),
                    a->ns->prefix ? (const char *) a->ns->prefix : "", name);
          ok = FALSE;
          continue;
        }
      if (!in_names (allowed, name))
        {
          g_autofree char *list = mlr_loader_join_names (allowed);
          if (list && *list)
            error_at (l, node, "<%s> has no attribute “%s” (its attributes: %s)",
                      node_name (node), name, list);
          else
            error_at (l, node, "<%s> takes no attributes, but has “%s”", node_name (node), name);
          ok = FALSE;
        }
    }
  return ok;
}

char *
mlr_loader_get_attr (xmlNode    *node,
                     const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return copy;
}

char *
mlr_loader_require_attr (Loader     *l,
                         xmlNode    *node,
                         const char *name)
{
  char *v = mlr_loader_get_attr (node, name);

  if (v == NULL)
    error_at (l, node, "<%s> needs a “%s” attribute", node_name (node), name);
  return v;
}

/* Lower-case words of letters and digits joined by single hyphens. */
gboolean
mlr_is_ident (const char *s)
{
  gboolean need_alnum = TRUE;

  if (s == NULL || *s == '\0')
    return FALSE;
  for (const char *p = s; *p; p++)
    {
      if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        need_alnum = FALSE;
      else if (*p == '-' && !need_alnum)
        need_alnum = TRUE;
      else
        return FALSE;
    }
  return !need_alnum;
}

gboolean
mlr_loader_check_ident (Loader     *l,
                        xmlNode    *node,
                        const char *attr,
                        const char *value)
{
  if (mlr_is_ident (value))
    return TRUE;
  error_at (l, node, "%s=\"%s\" is not a valid id: use lower-case letters and digits joined by "
            "single hyphens, like “bayes-theorem”", attr, value);
  return FALSE;
}

static gboolean
is_web_url (const char *href)
{
  return href != NULL &&
         (g_ascii_strncasecmp (href, "https://", 8) == 0 ||
          g_ascii_strncasecmp (href, "http://", 7) == 0) &&
         g_uri_is_valid (href, G_URI_FLAGS_NONE, NULL) &&
         strpbrk (href, " \t\r\n") == NULL;
}

gboolean
mlr_loader_check_web_url (Loader     *l,
                          xmlNode    *node,
                          const char *href)
{
  g_autofree char *scheme = NULL;

  if (is_web_url (href))
    return TRUE;
  scheme = g_uri_parse_scheme (href);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    error_at (l, node, "href=\"%s\": only http:// and https:// links are allowed, not %s:",
              href, scheme);
  else
    error_at (l, node, "href=\"%s\" is not a valid web address (it must start with https:// "
              "or http://)", href);
  return FALSE;
}

/* An inline <link>'s href: a web address, or a link to a lesson ("lesson:ID" or
 * "lesson:ID#SECTION", split into @lesson_id and @section_id; both stay NULL for a web
 * address). Whether that lesson and section exist is checked across the content
 * (mlr_content_check()), since the lesson may not be loaded yet. */
gboolean
mlr_loader_check_link_href (Loader     *l,
                            xmlNode    *node,
                            const char *href,
                            char      **lesson_id,
                            char      **section_id)
{
  g_autofree char *scheme = NULL;

  *lesson_id = *section_id = NULL;
  if (g_ascii_strncasecmp (href, MLR_LESSON_LINK_PREFIX, strlen (MLR_LESSON_LINK_PREFIX)) == 0)
    {
      if (mlr_lesson_link_parse (href, lesson_id, section_id))
        return TRUE;
      error_at (l, node, "href=\"%s\" is not a link to a lesson: write lesson:LESSON-ID or "
                "lesson:LESSON-ID#SECTION-ID, with the ids as written in the files "
                "(lower-case words joined by hyphens, like “lesson:evaluating-models#splits”)",
                href);
      return FALSE;
    }
  if (is_web_url (href))
    return TRUE;
  scheme = g_uri_parse_scheme (href);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    error_at (l, node, "href=\"%s\": only http://, https:// and lesson: links are allowed, not "
              "%s:", href, scheme);
  else
    error_at (l, node, "href=\"%s\" is neither a web address (https:// or http://) nor a link "
              "to a lesson (lesson:LESSON-ID)", href);
  return FALSE;
}
