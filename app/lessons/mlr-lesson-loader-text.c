/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's text: white space, elements that hold only text, and running text with
 * inline markup (emphasis, code, sub- and superscripts, glossary terms, web links, links to
 * other lessons, formulas).
 */
#include "mlr-lesson-loader-private.h"

#include <string.h>

/* Deeper inline nesting than this (<em><strong><em>…) is a mistake, not emphasis. */
#define MAX_INLINE_DEPTH 6

/* Text ------------------------------------------------------------------------------------- */

/* The text of an element that may hold only text (comments allowed); NULL after reporting. */
char *
mlr_loader_text_only (Loader  *l,
                      xmlNode *node,
                      gboolean collapse)
{
  GString *s = g_string_new (NULL);

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        g_string_append (s, (const char *) c->content);
      else if (c->type == XML_ELEMENT_NODE)
        {
          mlr_loader_unexpected_element (l, c, node, NULL);
          g_string_free (s, TRUE);
          return NULL;
        }
    }
  if (collapse)
    {
      char *c = mlr_xml_collapse_space (s->str);
      g_string_free (s, TRUE);
      return g_strstrip (c);
    }
  return g_string_free (s, FALSE);
}

char *
mlr_loader_plain_text (Loader  *l,
                       xmlNode *node)
{
  char *text;

  if (!mlr_loader_check_attributes (l, node, NULL))
    return NULL;
  text = mlr_loader_text_only (l, node, TRUE);
  if (text != NULL && *text == '\0')
    {
      error_at (l, node, "<%s> is empty", node_name (node));
      g_clear_pointer (&text, g_free);
    }
  return text;
}

/* Inline content ------------------------------------------------------------------------------ */

static void
inline_free (gpointer data)
{
  MlrInline *in = data;

  g_free (in->text);
  g_free (in->target);
  g_clear_pointer (&in->children, g_ptr_array_unref);
  g_clear_pointer (&in->math, mlr_math_node_free);
  g_free (in);
}

static GPtrArray *
inlines_new (void)
{
  return g_ptr_array_new_with_free_func (inline_free);
}

static void
inline_array_free (gpointer data)
{
  if (data)
    g_ptr_array_unref (data);
}

GPtrArray *
mlr_loader_inline_arrays_new (void)
{
  return g_ptr_array_new_with_free_func (inline_array_free);
}

static MlrInline *
inline_new (MlrInlineKind kind,
            char         *text)
{
  MlrInline *in = g_new0 (MlrInline, 1);

  in->kind = kind;
  in->text = text;
  return in;
}

/* Collapses white space inside runs and trims the ends of the whole, so that
 * "  Hello\n   <em>world</em>  " reads "Hello world". */
static void
normalize_inlines (GPtrArray *inlines,
                   gboolean   trim)
{
  for (guint i = 0; i < inlines->len; i++)
    {
      MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->children)
        normalize_inlines (in->children, FALSE);
      else if (in->kind == MLR_INLINE_MATH)
        continue;  /* the TeX as written: what "Copy as LaTeX" gives back */
      else if (in->text && in->kind != MLR_INLINE_CODE)
        {
          char *c = mlr_xml_collapse_space (in->text);
          g_free (in->text);
          in->text = c;
        }
      else if (in->text)
        g_strdelimit (in->text, "\n\r\t", ' ');
    }
  if (!trim)
    return;
  while (inlines->len > 0)
    {
      MlrInline *first = g_ptr_array_index (inlines, 0);
      if (first->kind != MLR_INLINE_TEXT)
        break;
      g_strchug (first->text);
      if (*first->text)
        break;
      g_ptr_array_remove_index (inlines, 0);
    }
  while (inlines->len > 0)
    {
      MlrInline *last = g_ptr_array_index (inlines, inlines->len - 1);
      if (last->kind != MLR_INLINE_TEXT)
        break;
      g_strchomp (last->text);
      if (*last->text)
        break;
      g_ptr_array_remove_index (inlines, inlines->len - 1);
    }
}

static void
record_term_use (Loader     *l,
                 xmlNode    *node,
                 const char *key)
{
  MlrTermUse *use = g_new0 (MlrTermUse, 1);

  use->key = g_strdup (key);
  mlr_xml_node_position (l->xdoc, node, &use->line, &use->column);
  g_ptr_array_add (l->lesson->term_uses, use);
}

void
mlr_loader_link_use_free (gpointer data)
{
  MlrLinkUse *u = data;

  g_free (u->lesson_id);
  g_free (u->section_id);
  g_free (u);
}

static void
record_link_use (Loader  *l,
                 xmlNode *node,
                 char    *lesson_id,
                 char    *section_id)
{
  MlrLinkUse *use = g_new0 (MlrLinkUse, 1);

  use->lesson_id = lesson_id;
  use->section_id = section_id;
  mlr_xml_node_position (l->xdoc, node, &use->line, &use->column);
  g_ptr_array_add (l->lesson->link_uses, use);
}

static MlrInline *
parse_inline_element (Loader   *l,
                      xmlNode  *c,
                      xmlNode  *parent,
                      InlineSet set,
                      guint     depth)
{
  static const char * const full[] = { "em", "strong", "code", "sub", "sup", "term", "link", "m",
                                       NULL };
  const char * const *allowed = set == INLINE_FULL ? full : NULL;
  const char *name = node_name (c);

  if (c->ns != NULL || !in_names (allowed, name))
    {
      mlr_loader_unexpected_element (l, c, parent, allowed);
      return NULL;
    }
  if (depth >= MAX_INLINE_DEPTH)
    {
      error_at (l, c, "inline markup is nested more than %d levels deep", MAX_INLINE_DEPTH);
      return NULL;
    }

  if (g_str_equal (name, "m"))
    {
      g_autofree char *tex = mlr_loader_formula_source (l, c);
      MlrInline *in;

      if (tex == NULL)
        return NULL;
      in = inline_new (MLR_INLINE_MATH, NULL);
      /* A formula that does not parse is a broken part, not a broken lesson: the page shows
       * its TeX marked as an error. */
      in->math = mlr_loader_parse_formula (l, c, tex, NULL);
      in->text = g_strstrip (g_steal_pointer (&tex));
      return in;
    }

  /* Emphasis nests running text. */
  if (g_str_equal (name, "em") || g_str_equal (name, "strong"))
    {
      MlrInline *in;
      GPtrArray *children;
      MlrInlineKind kind;

      if (!mlr_loader_check_attributes (l, c, NULL))
        return NULL;
      children = mlr_loader_parse_inlines (l, c, set, depth + 1);
      if (children == NULL)
        return NULL;
      if (children->len == 0)
        {
          error_at (l, c, "<%s> is empty", name);
          g_ptr_array_unref (children);
          return NULL;
        }
      kind = g_str_equal (name, "em") ? MLR_INLINE_EM : MLR_INLINE_STRONG;
      in = inline_new (kind, NULL);
      in->children = children;
      return in;
    }
  else
    {
      static const char * const term_attrs[] = { "key", NULL };
      static const char * const link_attrs[] = { "href", NULL };
      gboolean is_term = g_str_equal (name, "term");
      gboolean is_link = g_str_equal (name, "link");
      g_autofree char *text = NULL;
      MlrInlineKind kind;

      if (!mlr_loader_check_attributes (l, c, is_term ? term_attrs : is_link ? link_attrs : NULL))
        return NULL;
      text = mlr_loader_text_only (l, c, FALSE);
      if (text == NULL)
        return NULL;
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        if (*trimmed == '\0')
          {
            error_at (l, c, "<%s> is empty", name);
            return NULL;
          }
      }

      if (g_str_equal (name, "code"))
        kind = MLR_INLINE_CODE;
      else if (g_str_equal (name, "sub"))
        kind = MLR_INLINE_SUB;
      else if (g_str_equal (name, "sup"))
        kind = MLR_INLINE_SUP;
      else if (is_term)
        kind = MLR_INLINE_TERM;
      else
        kind = MLR_INLINE_LINK;

      if (is_term)
        {
          g_autofree char *key = mlr_loader_get_attr (c, "key");
          MlrInline *in;

          if (key != NULL && !mlr_loader_check_ident (l, c, "key", key))
            return NULL;
          if (key == NULL)
            {
              g_autofree char *collapsed = mlr_xml_collapse_space (text);
              key = mlr_glossary_key_for (collapsed);
            }
          if (*key == '\0')
            {
              error_at (l, c, "<term> needs letters or digits to make a glossary key; add "
                        "key=\"…\"");
              return NULL;
            }
          record_term_use (l, c, key);
          in = inline_new (MLR_INLINE_TERM, g_steal_pointer (&text));
          in->target = g_steal_pointer (&key);
          return in;
        }
      if (is_link)
        {
          g_autofree char *href = mlr_loader_require_attr (l, c, "href");
          char *lesson_id = NULL, *section_id = NULL;
          MlrInline *in;

          if (href == NULL || !mlr_loader_check_link_href (l, c, href, &lesson_id, &section_id))
            return NULL;
          if (lesson_id != NULL)
            record_link_use (l, c, lesson_id, section_id);
          in = inline_new (MLR_INLINE_LINK, g_steal_pointer (&text));
          in->target = g_steal_pointer (&href);
          return in;
        }
      return inline_new (kind, g_steal_pointer (&text));
    }
}

/* Running text: NULL after reporting a problem. */
GPtrArray *
mlr_loader_parse_inlines (Loader   *l,
                          xmlNode  *node,
                          InlineSet set,
                          guint     depth)
{
  g_autoptr(GPtrArray) inlines = inlines_new ();
  gboolean ok = TRUE;

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        g_ptr_array_add (inlines, inline_new (MLR_INLINE_TEXT,
                                              g_strdup ((const char *) c->content)));
      else if (c->type == XML_ELEMENT_NODE)
        {
          MlrInline *in = parse_inline_element (l, c, node, set, depth);
          if (in)
            g_ptr_array_add (inlines, in);
          else
            ok = FALSE;
        }
    }
  if (!ok)
    return NULL;
  if (depth == 0)
    normalize_inlines (inlines, TRUE);
  return g_steal_pointer (&inlines);
}

/* Running text that must not be empty. */
GPtrArray *
mlr_loader_parse_text_block (Loader             *l,
                             xmlNode            *node,
                             const char * const *attrs)
{
  GPtrArray *inlines;

  if (!mlr_loader_check_attributes (l, node, attrs))
    return NULL;
  inlines = mlr_loader_parse_inlines (l, node, INLINE_FULL, 0);
  if (inlines != NULL && inlines->len == 0)
    {
      error_at (l, node, "<%s> is empty", node_name (node));
      g_clear_pointer (&inlines, g_ptr_array_unref);
    }
  return inlines;
}

/* Formulas --------------------------------------------------------------------------------- */

/* The TeX inside <math> or <m>, as written (white space kept, so that the parser's byte
 * offsets map back onto the file); NULL after reporting. */
char *
mlr_loader_formula_source (Loader  *l,
                           xmlNode *node)
{
  GString *s;

  if (!mlr_loader_check_attributes (l, node, NULL))
    return NULL;
  s = g_string_new (NULL);
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        g_string_append (s, (const char *) c->content);
      else if (c->type == XML_ELEMENT_NODE)
        {
          error_at (l, c, "<%s> holds a formula in TeX, not elements: write x_i or x^{2}, not "
                    "<%s>; see “Math” in content/FORMAT.md", node_name (node), node_name (c));
          g_string_free (s, TRUE);
          return NULL;
        }
    }
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (s->str));
    if (*trimmed == '\0')
      {
        error_at (l, node, "<%s> is empty", node_name (node));
        g_string_free (s, TRUE);
        return NULL;
      }
  }
  return g_string_free (s, FALSE);
}

/* Where byte @offset of @tex, the text of @node, is in the file. The element's position is
 * its '<'; no attribute is allowed, so the text starts right after "<name>". Counting through
 * the text is exact for characters written as themselves. The text is the XML's, entities
 * decoded: a '&' and a '<' are counted as "&amp;" and "&lt;", the only way to write them,
 * but "&gt;", a character reference (&#x3B1;), a CDATA section or a comment inside the
 * formula shift the column after it (the line stays right unless a comment spans lines). */
static void
formula_position (Loader     *l,
                  xmlNode    *node,
                  const char *tex,
                  gsize       offset,
                  guint      *line,
                  guint      *column)
{
  mlr_xml_node_position (l->xdoc, node, line, column);
  if (*line == 0 || *column == 0)
    return;
  *column += (guint) strlen ((const char *) node->name) + 2;
  for (const char *p = tex; *p && (gsize) (p - tex) < offset; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (*p == '&')
        *column += 5;
      else if (*p == '<')
        *column += 4;
      else
        (*column)++;
    }
}

/* Parses the formula @tex, the text of @node; a formula that does not parse is reported
 * where the parser stopped, as a broken part (MLR_SEVERITY_PART: `validate` fails, the page
 * shows the rest). Returns the tree, or NULL with the parser's sentence in @why. */
MlrMathNode *
mlr_loader_parse_formula (Loader     *l,
                          xmlNode    *node,
                          const char *tex,
                          char      **why)
{
  g_autoptr(GError) error = NULL;
  gsize offset = 0;
  MlrMathNode *formula = mlr_math_parse (tex, &offset, &error);
  guint line, column;

  if (formula != NULL)
    return formula;
  formula_position (l, node, tex, offset, &line, &column);
  mlr_diagnostics_add (l->diags, l->name, line, column, MLR_SEVERITY_PART,
                       "in the formula in <%s>: %s", node_name (node), error->message);
  if (why != NULL)
    *why = g_strdup (error->message);
  return NULL;
}
