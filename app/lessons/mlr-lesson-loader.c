/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds an MlrLesson from lesson XML. The walk below is as strict as the RelaxNG schema
 * (content/schema/lesson.rng) but says what is wrong in an author's terms ("<bold> is not
 * allowed inside <p>; use <strong>") and where. The schema then runs as a second gate, and
 * the checks no schema can express come last: single-choice questions have one right answer,
 * table rows have equal widths, figure paths stay inside the content folder, demo parameters
 * are in range.
 */
#include "mlr-lesson.h"

#include <errno.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mlr-demo-spec.h"
#include "mlr-expr.h"
#include "mlr-xml.h"

#define LESSON_SCHEMA "/io/github/mlroadmap/MLRoadmap/schema/lesson.rng"

/* Deeper inline nesting than this (<em><strong><em>…) is a mistake, not emphasis. */
#define MAX_INLINE_DEPTH 6
#define MAX_IMAGE_SIZE (4 * 1024 * 1024)
#define MIN_CHOICES 2
#define MAX_CHOICES 6

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
  INLINE_FULL,   /* em strong code sub sup term link */
  INLINE_MATH,   /* sub sup em, holding text */
  INLINE_NONE,   /* text only */
} InlineSet;

static const char * const block_names[] = {
  "p", "ul", "ol", "codeblock", "math", "callout", "figure", "table", "demo", NULL
};

static GPtrArray *parse_inlines (Loader *l, xmlNode *node, InlineSet set, guint depth);

/* Diagnostics ------------------------------------------------------------------------------ */

static void G_GNUC_PRINTF (4, 5)
report (Loader      *l,
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

#define error_at(l, node, ...) report ((l), (node), MLR_SEVERITY_ERROR, __VA_ARGS__)

static const char *
node_name (xmlNode *node)
{
  return (const char *) node->name;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns == NULL && g_str_equal (node->name, name);
}

static gboolean
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
static gboolean
is_ignorable (xmlNode *node)
{
  return node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE;
}

static char *
join_names (const char * const *names)
{
  return names ? g_strjoinv (", ", (char **) names) : g_strdup ("");
}

static gboolean
in_names (const char * const *names,
          const char         *name)
{
  for (guint i = 0; names && names[i]; i++)
    if (g_str_equal (names[i], name))
      return TRUE;
  return FALSE;
}

/* Reports an element that does not belong where it is. */
static void
unexpected_element (Loader             *l,
                    xmlNode            *child,
                    xmlNode            *parent,
                    const char * const *expected)
{
  g_autofree char *list = expected ? join_names (expected) : NULL;
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
  else if (in_names (block_names, node_name (child)))
    hint = "; blocks go directly inside a <section>";

  if (list && *list)
    error_at (l, child, "<%s> is not allowed inside <%s> (allowed here: %s)%s",
              node_name (child), node_name (parent), list, hint);
  else
    error_at (l, child, "<%s> is not allowed inside <%s>, which holds only text%s",
              node_name (child), node_name (parent), hint);
}

static void
unexpected_text (Loader  *l,
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
static gboolean
check_stray_child (Loader             *l,
                   xmlNode            *c,
                   xmlNode            *parent,
                   const char * const *allowed)
{
  if (c->type == XML_ELEMENT_NODE)
    {
      unexpected_element (l, c, parent, allowed);
      return FALSE;
    }
  if (!is_blank_text (c) && !is_ignorable (c))
    {
      unexpected_text (l, c, parent);
      return FALSE;
    }
  return TRUE;
}

/* Attributes ------------------------------------------------------------------------------- */

static gboolean
check_attributes (Loader             *l,
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
          g_autofree char *list = join_names (allowed);
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

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return copy;
}

static char *
require_attr (Loader     *l,
              xmlNode    *node,
              const char *name)
{
  char *v = get_attr (node, name);

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

static gboolean
check_ident (Loader     *l,
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

static gboolean
check_web_url (Loader     *l,
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

/* Text ------------------------------------------------------------------------------------- */

/* Collapses every run of white space to one space, as HTML does for running text. */
static char *
collapse_space (const char *s)
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

/* The text of an element that may hold only text (comments allowed); NULL after reporting. */
static char *
text_only (Loader  *l,
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
          unexpected_element (l, c, node, NULL);
          g_string_free (s, TRUE);
          return NULL;
        }
    }
  if (collapse)
    {
      char *c = collapse_space (s->str);
      g_string_free (s, TRUE);
      return g_strstrip (c);
    }
  return g_string_free (s, FALSE);
}

static char *
plain_text (Loader  *l,
            xmlNode *node)
{
  char *text;

  if (!check_attributes (l, node, NULL))
    return NULL;
  text = text_only (l, node, TRUE);
  if (text != NULL && *text == '\0')
    {
      error_at (l, node, "<%s> is empty", node_name (node));
      g_clear_pointer (&text, g_free);
    }
  return text;
}

/* Code: keep the text exactly, minus blank first/last lines and the common indentation. */
static char *
dedent (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines), first = 0, last;
  gsize indent = G_MAXSIZE;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (lines[i]);
      while (len > 0 && (lines[i][len - 1] == ' ' || lines[i][len - 1] == '\t' ||
                         lines[i][len - 1] == '\r'))
        lines[i][--len] = '\0';
    }
  while (first < n && lines[first][0] == '\0')
    first++;
  last = n;
  while (last > first && lines[last - 1][0] == '\0')
    last--;
  for (guint i = first; i < last; i++)
    {
      gsize k = 0;
      if (lines[i][0] == '\0')
        continue;
      while (lines[i][k] == ' ' || lines[i][k] == '\t')
        k++;
      indent = MIN (indent, k);
    }
  if (indent == G_MAXSIZE)
    indent = 0;
  for (guint i = first; i < last; i++)
    {
      if (i > first)
        g_string_append_c (out, '\n');
      if (strlen (lines[i]) >= indent)
        g_string_append (out, lines[i] + indent);
    }
  return g_string_free (out, FALSE);
}

/* Model constructors ------------------------------------------------------------------------ */

static void
inline_free (gpointer data)
{
  MlrInline *in = data;

  g_free (in->text);
  g_free (in->target);
  g_clear_pointer (&in->children, g_ptr_array_unref);
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

static GPtrArray *
inline_arrays_new (void)
{
  return g_ptr_array_new_with_free_func (inline_array_free);
}

static void
demo_param_free (gpointer data)
{
  MlrDemoParam *p = data;

  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

static void
challenge_free (gpointer data)
{
  MlrChallenge *c = data;

  g_free (c->id);
  g_free (c->when);
  g_clear_pointer (&c->goal, mlr_expr_free);
  g_clear_pointer (&c->text, g_ptr_array_unref);
  g_free (c);
}

static void
block_free (gpointer data)
{
  MlrBlock *b = data;

  g_free (b->id);
  g_free (b->title);
  g_clear_pointer (&b->children, g_ptr_array_unref);
  g_clear_pointer (&b->inlines, g_ptr_array_unref);
  g_clear_pointer (&b->items, g_ptr_array_unref);
  g_free (b->lang);
  g_free (b->text);
  g_free (b->src);
  g_free (b->path);
  g_free (b->alt);
  g_clear_pointer (&b->caption, g_ptr_array_unref);
  g_clear_pointer (&b->header, g_ptr_array_unref);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_free (b->demo_kind);
  g_clear_pointer (&b->params, g_ptr_array_unref);
  g_clear_pointer (&b->challenges, g_ptr_array_unref);
  g_free (b->error);
  g_free (b);
}

static MlrBlock *
block_new (Loader       *l,
           MlrBlockKind  kind,
           xmlNode      *node)
{
  MlrBlock *b = g_new0 (MlrBlock, 1);
  guint column;

  b->kind = kind;
  mlr_xml_node_position (l->xdoc, node, &b->line, &column);
  return b;
}

static void
resource_free (gpointer data)
{
  MlrResource *r = data;

  g_free (r->title);
  g_free (r->href);
  g_clear_pointer (&r->note, g_ptr_array_unref);
  g_free (r);
}

static void
choice_free (gpointer data)
{
  MlrChoice *c = data;

  g_clear_pointer (&c->answer, g_ptr_array_unref);
  g_clear_pointer (&c->feedback, g_ptr_array_unref);
  g_free (c);
}

static void
question_free (gpointer data)
{
  MlrQuestion *q = data;

  g_clear_pointer (&q->prompt, g_ptr_array_unref);
  g_clear_pointer (&q->choices, g_ptr_array_unref);
  g_clear_pointer (&q->explanation, g_ptr_array_unref);
  g_free (q);
}

static void
glossary_entry_free (gpointer data)
{
  MlrGlossaryEntry *e = data;

  g_free (e->key);
  g_free (e->term);
  g_clear_pointer (&e->definition, g_ptr_array_unref);
  g_free (e);
}

static void
term_use_free (gpointer data)
{
  MlrTermUse *u = data;

  g_free (u->key);
  g_free (u);
}

/* Inline content ------------------------------------------------------------------------------ */

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
      else if (in->text && in->kind != MLR_INLINE_CODE)
        {
          char *c = collapse_space (in->text);
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

static MlrInline *
parse_inline_element (Loader   *l,
                      xmlNode  *c,
                      xmlNode  *parent,
                      InlineSet set,
                      guint     depth)
{
  static const char * const full[] = { "em", "strong", "code", "sub", "sup", "term", "link", NULL };
  static const char * const math[] = { "sub", "sup", "em", NULL };
  const char * const *allowed = set == INLINE_FULL ? full : set == INLINE_MATH ? math : NULL;
  const char *name = node_name (c);

  if (c->ns != NULL || !in_names (allowed, name))
    {
      unexpected_element (l, c, parent, allowed);
      return NULL;
    }
  if (depth >= MAX_INLINE_DEPTH)
    {
      error_at (l, c, "inline markup is nested more than %d levels deep", MAX_INLINE_DEPTH);
      return NULL;
    }

  /* Emphasis nests running text; in formulas, sub- and superscripts nest too (e^{z_k}). */
  if ((set == INLINE_FULL && (g_str_equal (name, "em") || g_str_equal (name, "strong"))) ||
      set == INLINE_MATH)
    {
      MlrInline *in;
      GPtrArray *children;
      MlrInlineKind kind;

      if (!check_attributes (l, c, NULL))
        return NULL;
      children = parse_inlines (l, c, set, depth + 1);
      if (children == NULL)
        return NULL;
      if (children->len == 0)
        {
          error_at (l, c, "<%s> is empty", name);
          g_ptr_array_unref (children);
          return NULL;
        }
      if (g_str_equal (name, "em"))
        kind = MLR_INLINE_EM;
      else if (g_str_equal (name, "strong"))
        kind = MLR_INLINE_STRONG;
      else if (g_str_equal (name, "sub"))
        kind = MLR_INLINE_SUB;
      else
        kind = MLR_INLINE_SUP;
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

      if (!check_attributes (l, c, is_term ? term_attrs : is_link ? link_attrs : NULL))
        return NULL;
      text = text_only (l, c, FALSE);
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
          g_autofree char *key = get_attr (c, "key");
          MlrInline *in;

          if (key != NULL && !check_ident (l, c, "key", key))
            return NULL;
          if (key == NULL)
            {
              g_autofree char *collapsed = collapse_space (text);
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
          g_autofree char *href = require_attr (l, c, "href");
          MlrInline *in;

          if (href == NULL || !check_web_url (l, c, href))
            return NULL;
          in = inline_new (MLR_INLINE_LINK, g_steal_pointer (&text));
          in->target = g_steal_pointer (&href);
          return in;
        }
      return inline_new (kind, g_steal_pointer (&text));
    }
}

/* Running text: NULL after reporting a problem. */
static GPtrArray *
parse_inlines (Loader   *l,
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
static GPtrArray *
parse_text_block (Loader             *l,
                  xmlNode            *node,
                  const char * const *attrs)
{
  GPtrArray *inlines;

  if (!check_attributes (l, node, attrs))
    return NULL;
  inlines = parse_inlines (l, node, INLINE_FULL, 0);
  if (inlines != NULL && inlines->len == 0)
    {
      error_at (l, node, "<%s> is empty", node_name (node));
      g_clear_pointer (&inlines, g_ptr_array_unref);
    }
  return inlines;
}

/* Blocks ----------------------------------------------------------------------------------- */

static MlrBlock *parse_block (Loader *l, xmlNode *node, xmlNode *parent,
                              const char * const *allowed);

static MlrBlock *
parse_paragraph (Loader  *l,
                 xmlNode *node)
{
  GPtrArray *inlines = parse_text_block (l, node, NULL);
  MlrBlock *b;

  if (inlines == NULL)
    return NULL;
  b = block_new (l, MLR_BLOCK_PARAGRAPH, node);
  b->inlines = inlines;
  return b;
}

static MlrBlock *
parse_list (Loader  *l,
            xmlNode *node)
{
  static const char * const li[] = { "li", NULL };
  g_autoptr(GPtrArray) items = inline_arrays_new ();
  gboolean ok = check_attributes (l, node, NULL);
  MlrBlock *b;

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_element (c, "li"))
        {
          GPtrArray *item = parse_text_block (l, c, NULL);
          if (item)
            g_ptr_array_add (items, item);
          else
            ok = FALSE;
        }
      else if (!check_stray_child (l, c, node, li))
        ok = FALSE;
    }
  if (ok && items->len == 0)
    {
      error_at (l, node, "<%s> needs at least one <li>", node_name (node));
      ok = FALSE;
    }
  if (!ok)
    return NULL;
  b = block_new (l, is_element (node, "ul") ? MLR_BLOCK_BULLET_LIST : MLR_BLOCK_NUMBERED_LIST,
                 node);
  b->items = g_steal_pointer (&items);
  return b;
}

static MlrBlock *
parse_codeblock (Loader  *l,
                 xmlNode *node)
{
  static const char * const attrs[] = { "lang", "title", NULL };
  static const char * const langs[] = {
    "python", "sql", "bash", "sh", "dockerfile", "yaml", "json", "toml", "c", "scala", "r",
    "text", NULL
  };
  g_autofree char *lang = NULL;
  g_autofree char *title = NULL;
  g_autofree char *raw = NULL;
  MlrBlock *b;

  if (!check_attributes (l, node, attrs))
    return NULL;
  lang = require_attr (l, node, "lang");
  if (lang == NULL)
    return NULL;
  if (!in_names (langs, lang))
    {
      g_autofree char *list = join_names (langs);
      error_at (l, node, "lang=\"%s\" is not a known code language (known: %s)", lang, list);
      return NULL;
    }
  title = get_attr (node, "title");
  for (xmlNode *c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      {
        error_at (l, c, "<codeblock> holds plain text, but contains <%s>; write code with < "
                  "or & inside <![CDATA[ … ]]>", node_name (c));
        return NULL;
      }
  raw = text_only (l, node, FALSE);
  if (raw == NULL)
    return NULL;
  b = block_new (l, MLR_BLOCK_CODE, node);
  b->lang = g_steal_pointer (&lang);
  b->title = g_steal_pointer (&title);
  b->text = dedent (raw);
  if (*b->text == '\0')
    {
      error_at (l, node, "<codeblock> is empty");
      block_free (b);
      return NULL;
    }
  return b;
}

static MlrBlock *
parse_math (Loader  *l,
            xmlNode *node)
{
  GPtrArray *inlines;
  MlrBlock *b;

  if (!check_attributes (l, node, NULL))
    return NULL;
  inlines = parse_inlines (l, node, INLINE_MATH, 0);
  if (inlines == NULL)
    return NULL;
  if (inlines->len == 0)
    {
      error_at (l, node, "<math> is empty");
      g_ptr_array_unref (inlines);
      return NULL;
    }
  b = block_new (l, MLR_BLOCK_MATH, node);
  b->inlines = inlines;
  return b;
}

static MlrBlock *
parse_callout (Loader  *l,
               xmlNode *node)
{
  static const char * const attrs[] = { "type", "title", NULL };
  static const char * const inner[] = { "p", "ul", "ol", "codeblock", "math", NULL };
  g_autofree char *type = NULL;
  MlrBlock *b;
  gboolean ok;

  if (!check_attributes (l, node, attrs))
    return NULL;
  type = require_attr (l, node, "type");
  if (type == NULL)
    return NULL;
  b = block_new (l, MLR_BLOCK_CALLOUT, node);
  if (g_str_equal (type, "tip"))
    b->callout_type = MLR_CALLOUT_TIP;
  else if (g_str_equal (type, "note"))
    b->callout_type = MLR_CALLOUT_NOTE;
  else if (g_str_equal (type, "warning"))
    b->callout_type = MLR_CALLOUT_WARNING;
  else
    {
      error_at (l, node, "type=\"%s\" is not a callout type (use tip, note or warning)", type);
      block_free (b);
      return NULL;
    }
  b->title = get_attr (node, "title");
  if (b->title != NULL && *g_strstrip (b->title) == '\0')
    g_clear_pointer (&b->title, g_free);
  b->children = g_ptr_array_new_with_free_func (block_free);
  ok = TRUE;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          MlrBlock *child = parse_block (l, c, node, inner);
          if (child)
            g_ptr_array_add (b->children, child);
          else
            ok = FALSE;
        }
      else if (!is_blank_text (c) && !is_ignorable (c))
        {
          unexpected_text (l, c, node);
          ok = FALSE;
        }
    }
  if (ok && b->children->len == 0)
    {
      error_at (l, node, "<callout> is empty; put a <p> in it");
      ok = FALSE;
    }
  if (!ok)
    {
      block_free (b);
      return NULL;
    }
  return b;
}

/* An optional single <caption> child; everything else is an error. */
static gboolean
parse_caption_only (Loader     *l,
                    xmlNode    *node,
                    GPtrArray **caption)
{
  static const char * const allowed[] = { "caption", NULL };

  *caption = NULL;
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_element (c, "caption") && *caption == NULL)
        {
          *caption = parse_text_block (l, c, NULL);
          if (*caption == NULL)
            return FALSE;
        }
      else if (is_element (c, "caption"))
        {
          error_at (l, c, "<%s> may have only one <caption>", node_name (node));
          return FALSE;
        }
      else if (!check_stray_child (l, c, node, allowed))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_safe_relative_path (const char *src)
{
  g_auto(GStrv) parts = NULL;
  const char *dot;

  if (src == NULL || *src == '\0' || src[0] == '/' || strlen (src) > 255)
    return FALSE;
  parts = g_strsplit (src, "/", -1);
  for (guint i = 0; parts[i]; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      if (parts[i][0] == '\0')
        return FALSE;
      for (const char *p = parts[i]; *p; p++)
        if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (last && *p == '.')))
          return FALSE;
    }
  dot = strrchr (src, '.');
  return dot != NULL && (g_ascii_strcasecmp (dot, ".png") == 0 ||
                         g_ascii_strcasecmp (dot, ".svg") == 0 ||
                         g_ascii_strcasecmp (dot, ".jpg") == 0 ||
                         g_ascii_strcasecmp (dot, ".jpeg") == 0) &&
         strchr (src, '.') == dot && dot != src && dot[-1] != '/';
}

/* Resolves a figure path inside the content root, following symbolic links only as long as
 * the final file is still inside the root. Returns NULL with *why set otherwise. */
static char *
resolve_figure (Loader      *l,
                const char  *src,
                char       **why)
{
  g_autofree char *joined = NULL;
  g_autofree char *real = NULL;
  g_autofree char *root_prefix = NULL;
  struct stat st;

  if (!is_safe_relative_path (src))
    {
      *why = g_strdup_printf ("src=\"%s\" must be a path inside the content folder such as "
                              "images/name.svg: letters, digits, - and _ separated by /, "
                              "ending in .png, .svg, .jpg or .jpeg (no .., no absolute "
                              "paths)", src);
      return NULL;
    }
  if (l->content_root == NULL)
    {
      *why = g_strdup_printf ("src=\"%s\": the content folder is unknown, so the image cannot "
                              "be checked", src);
      return NULL;
    }
  joined = g_build_filename (l->content_root, src, NULL);
  real = realpath (joined, NULL);
  if (real == NULL)
    {
      int saved = errno;
      *why = g_strdup_printf ("the image “%s” cannot be found in the content folder (%s)", src,
                              g_strerror (saved));
      return NULL;
    }
  root_prefix = g_strconcat (l->content_root, "/", NULL);
  if (!g_str_has_prefix (real, root_prefix))
    {
      *why = g_strdup_printf ("the image “%s” is a link to a file outside the content folder, "
                              "which lessons may not use", src);
      return NULL;
    }
  if (stat (real, &st) != 0 || !S_ISREG (st.st_mode))
    {
      *why = g_strdup_printf ("the image “%s” is not a regular file", src);
      return NULL;
    }
  if (st.st_size > MAX_IMAGE_SIZE)
    {
      *why = g_strdup_printf ("the image “%s” is %" G_GINT64_FORMAT " bytes; images may be at "
                              "most %d MiB", src, (gint64) st.st_size,
                              MAX_IMAGE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (st.st_size == 0)
    {
      *why = g_strdup_printf ("the image “%s” is empty", src);
      return NULL;
    }
  return g_steal_pointer (&real);
}

static MlrBlock *
parse_figure (Loader  *l,
              xmlNode *node)
{
  static const char * const attrs[] = { "src", "alt", "width", NULL };
  g_autofree char *src = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *width = NULL;
  g_autofree char *why = NULL;
  GPtrArray *caption = NULL;
  MlrBlock *b;

  if (!check_attributes (l, node, attrs))
    return NULL;
  src = require_attr (l, node, "src");
  alt = require_attr (l, node, "alt");
  if (src == NULL || alt == NULL)
    return NULL;
  if (*g_strstrip (alt) == '\0')
    {
      error_at (l, node, "<figure> needs a non-empty alt text describing the picture for "
                "people who cannot see it");
      return NULL;
    }
  width = get_attr (node, "width");
  if (!parse_caption_only (l, node, &caption))
    return NULL;

  b = block_new (l, MLR_BLOCK_FIGURE, node);
  b->src = g_steal_pointer (&src);
  b->alt = g_steal_pointer (&alt);
  b->caption = caption;
  if (width != NULL)
    {
      guint64 w = 0;
      if (!g_ascii_string_to_unsigned (width, 10, 1, 4096, &w, NULL))
        {
          error_at (l, node, "width=\"%s\" must be a whole number of pixels from 1 to 4096",
                    width);
          block_free (b);
          return NULL;
        }
      b->width = (guint) w;
    }
  b->path = resolve_figure (l, b->src, &why);
  if (b->path == NULL)
    {
      report (l, node, MLR_SEVERITY_PART, "%s", why);
      b->error = g_steal_pointer (&why);
    }
  return b;
}

static GPtrArray *
parse_row (Loader  *l,
           xmlNode *tr)
{
  static const char * const td[] = { "td", NULL };
  g_autoptr(GPtrArray) cells = inline_arrays_new ();

  if (!check_attributes (l, tr, NULL))
    return NULL;
  for (xmlNode *c = tr->children; c; c = c->next)
    {
      if (is_element (c, "td"))
        {
          GPtrArray *cell;
          if (!check_attributes (l, c, NULL))
            return NULL;
          cell = parse_inlines (l, c, INLINE_FULL, 0);
          if (cell == NULL)
            return NULL;
          g_ptr_array_add (cells, cell);
        }
      else if (!check_stray_child (l, c, tr, td))
        return NULL;
    }
  if (cells->len == 0)
    {
      error_at (l, tr, "<tr> needs at least one <td>");
      return NULL;
    }
  return g_steal_pointer (&cells);
}

static MlrBlock *
parse_table (Loader  *l,
             xmlNode *node)
{
  static const char * const allowed[] = { "caption", "thead", "tr", NULL };
  MlrBlock *b;
  int stage = 0;  /* 0 before anything, 1 after caption, 2 after thead, 3 in rows */
  gboolean ok;

  if (!check_attributes (l, node, NULL))
    return NULL;
  b = block_new (l, MLR_BLOCK_TABLE, node);
  b->rows = inline_arrays_new ();
  ok = TRUE;
  for (xmlNode *c = node->children; c && ok; c = c->next)
    {
      if (is_element (c, "caption") && stage < 1)
        {
          b->caption = parse_text_block (l, c, NULL);
          ok = b->caption != NULL;
          stage = 1;
        }
      else if (is_element (c, "thead") && stage < 2)
        {
          static const char * const tr[] = { "tr", NULL };
          xmlNode *row = NULL;
          ok = check_attributes (l, c, NULL);
          for (xmlNode *h = c->children; h && ok; h = h->next)
            {
              if (is_element (h, "tr") && row == NULL)
                row = h;
              else if (h->type == XML_ELEMENT_NODE)
                {
                  if (is_element (h, "tr"))
                    error_at (l, h, "<thead> holds exactly one <tr>");
                  else
                    unexpected_element (l, h, c, tr);
                  ok = FALSE;
                }
              else if (!is_blank_text (h) && !is_ignorable (h))
                {
                  unexpected_text (l, h, c);
                  ok = FALSE;
                }
            }
          if (ok && row == NULL)
            {
              error_at (l, c, "<thead> needs one <tr>");
              ok = FALSE;
            }
          if (ok)
            {
              b->header = parse_row (l, row);
              ok = b->header != NULL;
            }
          stage = 2;
        }
      else if (is_element (c, "tr"))
        {
          GPtrArray *row = parse_row (l, c);
          if (row)
            g_ptr_array_add (b->rows, row);
          ok = row != NULL;
          stage = 3;
        }
      else if (c->type == XML_ELEMENT_NODE)
        {
          if (in_names (allowed, node_name (c)) && c->ns == NULL)
            error_at (l, c, "<%s> is out of place: a table holds an optional <caption>, then "
                      "an optional <thead>, then <tr> rows", node_name (c));
          else
            unexpected_element (l, c, node, allowed);
          ok = FALSE;
        }
      else if (!is_blank_text (c) && !is_ignorable (c))
        {
          unexpected_text (l, c, node);
          ok = FALSE;
        }
    }
  if (ok && b->rows->len == 0)
    {
      error_at (l, node, "<table> needs at least one <tr> row");
      ok = FALSE;
    }
  if (ok)
    {
      guint row_index = 0;
      b->n_columns = b->header ? b->header->len : ((GPtrArray *) b->rows->pdata[0])->len;
      for (xmlNode *c = node->children; c; c = c->next)
        if (is_element (c, "tr"))
          {
            GPtrArray *row = g_ptr_array_index (b->rows, row_index++);
            if (row->len != b->n_columns)
              {
                error_at (l, c, "this row has %u cells but the table has %u columns",
                          row->len, b->n_columns);
                ok = FALSE;
              }
          }
    }
  if (!ok)
    {
      block_free (b);
      return NULL;
    }
  return b;
}

static MlrBlock *
parse_demo (Loader  *l,
            xmlNode *node)
{
  g_autofree char *kind = NULL;
  const MlrDemoSpec *spec;
  MlrBlock *b;

  kind = require_attr (l, node, "kind");
  if (kind == NULL || !check_ident (l, node, "kind", kind))
    return NULL;

  b = block_new (l, MLR_BLOCK_DEMO, node);
  b->demo_kind = g_steal_pointer (&kind);
  b->params = g_ptr_array_new_with_free_func (demo_param_free);
  b->challenges = g_ptr_array_new_with_free_func (challenge_free);
  spec = mlr_demo_spec_lookup (b->demo_kind);

  /* An optional <caption>, then the demo's <challenge>s. */
  {
    static const char * const allowed[] = { "caption", "challenge", NULL };
    static const char * const challenge_attrs[] = { "id", "when", NULL };
    gboolean seen_challenge = FALSE;

    for (xmlNode *c = node->children; c; c = c->next)
      {
        if (is_element (c, "caption") && b->caption == NULL && !seen_challenge)
          {
            b->caption = parse_text_block (l, c, NULL);
            if (b->caption == NULL)
              {
                block_free (b);
                return NULL;
              }
          }
        else if (is_element (c, "challenge"))
          {
            g_autofree char *id = NULL;
            g_autofree char *when = NULL;
            g_autoptr(GError) expr_error = NULL;
            MlrChallenge *ch;
            GPtrArray *text;

            seen_challenge = TRUE;
            if (!check_attributes (l, c, challenge_attrs) ||
                (id = require_attr (l, c, "id")) == NULL ||
                (when = require_attr (l, c, "when")) == NULL ||
                !check_ident (l, c, "id", id))
              {
                block_free (b);
                return NULL;
              }
            if (g_hash_table_contains (l->ids, id))
              {
                error_at (l, c, "another section or challenge already has id=\"%s\"", id);
                block_free (b);
                return NULL;
              }
            g_hash_table_add (l->ids, g_strdup (id));
            text = parse_text_block (l, c, challenge_attrs);
            if (text == NULL)
              {
                block_free (b);
                return NULL;
              }
            ch = g_new0 (MlrChallenge, 1);
            ch->id = g_steal_pointer (&id);
            ch->when = g_steal_pointer (&when);
            ch->text = text;
            mlr_xml_node_position (l->xdoc, c, &ch->line, &(guint){ 0 });
            if (spec != NULL)
              ch->goal = mlr_expr_parse (ch->when, spec->metrics, &expr_error);
            if (spec != NULL && ch->goal == NULL)
              {
                /* The demo still runs; only this challenge cannot be checked. */
                report (l, c, MLR_SEVERITY_PART, "challenge “%s”: %s", ch->id,
                        expr_error->message);
                challenge_free (ch);
                continue;
              }
            g_ptr_array_add (b->challenges, ch);
          }
        else if (c->type == XML_ELEMENT_NODE)
          {
            if (is_element (c, "caption"))
              error_at (l, c, "a <demo> has at most one <caption>, before its challenges");
            else
              unexpected_element (l, c, node, allowed);
            block_free (b);
            return NULL;
          }
        else if (!is_blank_text (c) && !is_ignorable (c))
          {
            unexpected_text (l, c, node);
            block_free (b);
            return NULL;
          }
      }
  }

  if (spec == NULL)
    {
      g_autofree char *kinds = mlr_demo_spec_kinds ();
      b->error = g_strdup_printf ("there is no demo called “%s” (demos: %s)", b->demo_kind,
                                  kinds);
      report (l, node, MLR_SEVERITY_PART, "%s", b->error);
    }

  for (xmlAttr *a = node->properties; a; a = a->next)
    {
      g_autofree char *value = NULL;
      MlrDemoParam *p;

      if (a->ns != NULL)
        {
          error_at (l, node, "<demo> has an attribute “%s” from another namespace",
                    (const char *) a->name);
          block_free (b);
          return NULL;
        }
      if (g_str_equal (a->name, "kind"))
        continue;
      value = get_attr (node, (const char *) a->name);
      if (spec != NULL && b->error == NULL)
        {
          const MlrParamSpec *ps = mlr_param_spec_lookup (spec->params, spec->n_params,
                                                          (const char *) a->name);
          g_autoptr(GError) perr = NULL;

          if (ps == NULL)
            {
              g_autofree char *keys = mlr_param_spec_list_keys (spec->params, spec->n_params);
              b->error = g_strdup_printf ("the %s demo has no parameter “%s” (parameters: %s)",
                                          spec->kind, (const char *) a->name, keys);
            }
          else if (!mlr_param_spec_check (ps, value, &perr))
            b->error = g_strdup_printf ("%s demo parameter %s", spec->kind, perr->message);
          if (b->error)
            report (l, node, MLR_SEVERITY_PART, "%s", b->error);
        }
      p = g_new0 (MlrDemoParam, 1);
      p->key = g_strdup ((const char *) a->name);
      p->value = g_steal_pointer (&value);
      g_ptr_array_add (b->params, p);
    }

  /* Each parameter is fine; now whether they work together (start=1 on a 2-D surface). */
  if (spec != NULL && b->error == NULL && spec->check != NULL)
    {
      g_autoptr(GString) problems = g_string_new (NULL);
      g_autoptr(MlrParams) params = mlr_demo_spec_params_from_block (spec, b, problems);
      g_autoptr(GError) cerr = NULL;

      if (problems->len == 0 && !spec->check (params, &cerr))
        {
          b->error = g_strdup_printf ("the %s demo's parameters do not work together: %s",
                                      spec->kind, cerr->message);
          report (l, node, MLR_SEVERITY_PART, "%s", b->error);
        }
    }
  return b;
}

static MlrBlock *
parse_block (Loader             *l,
             xmlNode            *node,
             xmlNode            *parent,
             const char * const *allowed)
{
  const char *name = node_name (node);

  if (node->ns != NULL || !in_names (allowed, name))
    {
      unexpected_element (l, node, parent, allowed);
      return NULL;
    }
  if (g_str_equal (name, "p"))
    return parse_paragraph (l, node);
  if (g_str_equal (name, "ul") || g_str_equal (name, "ol"))
    return parse_list (l, node);
  if (g_str_equal (name, "codeblock"))
    return parse_codeblock (l, node);
  if (g_str_equal (name, "math"))
    return parse_math (l, node);
  if (g_str_equal (name, "callout"))
    return parse_callout (l, node);
  if (g_str_equal (name, "figure"))
    return parse_figure (l, node);
  if (g_str_equal (name, "table"))
    return parse_table (l, node);
  if (g_str_equal (name, "demo"))
    return parse_demo (l, node);
  g_assert_not_reached ();
}

static MlrBlock *
parse_section (Loader  *l,
               xmlNode *node,
               guint    level)
{
  static const char * const attrs[] = { "id", NULL };
  static const char * const top_allowed[] = {
    "p", "ul", "ol", "codeblock", "math", "callout", "figure", "table", "demo", "section", NULL
  };
  MlrBlock *b;
  gboolean ok, have_title = FALSE;

  if (!check_attributes (l, node, attrs))
    return NULL;
  b = block_new (l, MLR_BLOCK_SECTION, node);
  b->level = level;
  b->children = g_ptr_array_new_with_free_func (block_free);
  b->id = get_attr (node, "id");
  ok = TRUE;
  if (b->id != NULL)
    {
      if (!check_ident (l, node, "id", b->id))
        ok = FALSE;
      else if (g_hash_table_contains (l->ids, b->id))
        {
          error_at (l, node, "another section already has id=\"%s\"", b->id);
          ok = FALSE;
        }
      else
        g_hash_table_add (l->ids, g_strdup (b->id));
    }

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        {
          if (!is_blank_text (c) && !is_ignorable (c))
            {
              unexpected_text (l, c, node);
              ok = FALSE;
            }
          continue;
        }
      if (!have_title)
        {
          if (!is_element (c, "title"))
            {
              error_at (l, c, "a <section> starts with its <title>, but here <%s> comes first",
                        node_name (c));
              ok = FALSE;
              break;
            }
          b->title = plain_text (l, c);
          ok = ok && b->title != NULL;
          have_title = TRUE;
          continue;
        }
      if (is_element (c, "section"))
        {
          MlrBlock *sub;
          if (level >= 2)
            {
              error_at (l, c, "sections nest only one level deep; this <section> is inside a "
                        "sub-section");
              ok = FALSE;
              continue;
            }
          sub = parse_section (l, c, level + 1);
          if (sub)
            g_ptr_array_add (b->children, sub);
          else
            ok = FALSE;
          continue;
        }
      if (is_element (c, "title"))
        {
          error_at (l, c, "a <section> has only one <title>");
          ok = FALSE;
          continue;
        }
      {
        MlrBlock *child = parse_block (l, c, node, level >= 2 ? block_names : top_allowed);
        if (child)
          g_ptr_array_add (b->children, child);
        else
          ok = FALSE;
      }
    }
  if (ok && !have_title)
    {
      error_at (l, node, "<section> needs a <title>");
      ok = FALSE;
    }
  if (!ok)
    {
      block_free (b);
      return NULL;
    }
  return b;
}

/* After the sections ------------------------------------------------------------------------ */

/* Iterates the element children of @node named @child_name, reporting anything else. */
static gboolean
for_each_child (Loader     *l,
                xmlNode    *node,
                const char *child_name,
                gboolean  (*func) (Loader *l, xmlNode *child, gpointer data),
                gpointer    data)
{
  const char * const allowed[] = { child_name, NULL };
  gboolean ok = check_attributes (l, node, NULL);
  guint n = 0;

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_element (c, child_name))
        {
          n++;
          if (!func (l, c, data))
            ok = FALSE;
        }
      else if (!check_stray_child (l, c, node, allowed))
        ok = FALSE;
    }
  if (ok && n == 0)
    {
      error_at (l, node, "<%s> needs at least one <%s>", node_name (node), child_name);
      ok = FALSE;
    }
  return ok;
}

static gboolean
add_keyword (Loader  *l,
             xmlNode *c,
             gpointer data)
{
  GPtrArray *keywords = data;
  char *k = plain_text (l, c);

  if (k)
    g_ptr_array_add (keywords, k);
  return k != NULL;
}

static gboolean
add_takeaway (Loader  *l,
              xmlNode *c,
              gpointer data)
{
  GPtrArray *item = parse_text_block (l, c, NULL);

  if (item)
    g_ptr_array_add (l->lesson->takeaways, item);
  return item != NULL;
}

static gboolean
add_resource (Loader  *l,
              xmlNode *c,
              gpointer data)
{
  static const char * const attrs[] = { "type", "href", "title", NULL };
  static const char * const types[] = { "article", "docs", "video", "course", "book", NULL };
  g_autofree char *type = NULL;
  g_autofree char *href = NULL;
  g_autofree char *title = NULL;
  GPtrArray *note;
  MlrResource *r;

  if (!check_attributes (l, c, attrs))
    return FALSE;
  type = require_attr (l, c, "type");
  href = require_attr (l, c, "href");
  title = require_attr (l, c, "title");
  if (type == NULL || href == NULL || title == NULL)
    return FALSE;
  if (!in_names (types, type))
    {
      error_at (l, c, "type=\"%s\" is not a resource type (use article, docs, video, course or "
                "book)", type);
      return FALSE;
    }
  if (!check_web_url (l, c, href))
    return FALSE;
  if (*g_strstrip (title) == '\0')
    {
      error_at (l, c, "<resource> needs a non-empty title");
      return FALSE;
    }
  note = parse_inlines (l, c, INLINE_FULL, 0);
  if (note == NULL)
    return FALSE;
  r = g_new0 (MlrResource, 1);
  for (guint i = 0; types[i]; i++)
    if (g_str_equal (types[i], type))
      r->type = (MlrResourceType) i;
  r->href = g_steal_pointer (&href);
  r->title = g_steal_pointer (&title);
  r->note = note;
  g_ptr_array_add (l->lesson->resources, r);
  return TRUE;
}

static gboolean
parse_bool (const char *s,
            gboolean   *out)
{
  if (g_str_equal (s, "true") || g_str_equal (s, "1"))
    *out = TRUE;
  else if (g_str_equal (s, "false") || g_str_equal (s, "0"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
add_choice (Loader      *l,
            xmlNode     *c,
            MlrQuestion *q)
{
  static const char * const attrs[] = { "correct", NULL };
  static const char * const inner[] = { "answer", "feedback", NULL };
  g_autofree char *correct = NULL;
  MlrChoice *choice;
  gboolean ok = TRUE;

  if (!check_attributes (l, c, attrs))
    return FALSE;
  choice = g_new0 (MlrChoice, 1);
  correct = get_attr (c, "correct");
  if (correct != NULL && !parse_bool (correct, &choice->correct))
    {
      error_at (l, c, "correct=\"%s\" must be true or false", correct);
      ok = FALSE;
    }
  for (xmlNode *k = c->children; k && ok; k = k->next)
    {
      if (is_element (k, "answer") && choice->answer == NULL && choice->feedback == NULL)
        ok = (choice->answer = parse_text_block (l, k, NULL)) != NULL;
      else if (is_element (k, "feedback") && choice->answer != NULL && choice->feedback == NULL)
        ok = (choice->feedback = parse_text_block (l, k, NULL)) != NULL;
      else if (k->type == XML_ELEMENT_NODE)
        {
          if (in_names (inner, node_name (k)) && k->ns == NULL)
            error_at (l, k, "<%s> is out of place: a <choice> holds one <answer> and then one "
                      "<feedback>", node_name (k));
          else
            unexpected_element (l, k, c, inner);
          ok = FALSE;
        }
      else if (!is_blank_text (k) && !is_ignorable (k))
        {
          unexpected_text (l, k, c);
          ok = FALSE;
        }
    }
  if (ok && (choice->answer == NULL || choice->feedback == NULL))
    {
      error_at (l, c, "a <choice> needs an <answer> and then a <feedback> that explains why "
                "it is right or wrong");
      ok = FALSE;
    }
  if (!ok)
    {
      choice_free (choice);
      return FALSE;
    }
  g_ptr_array_add (q->choices, choice);
  return TRUE;
}

static gboolean
add_question (Loader  *l,
              xmlNode *c,
              gpointer data)
{
  static const char * const attrs[] = { "type", NULL };
  static const char * const inner[] = { "prompt", "choice", "explanation", NULL };
  g_autofree char *type = NULL;
  MlrQuestion *q;
  guint column, n_correct = 0;
  gboolean ok = TRUE;

  if (!check_attributes (l, c, attrs))
    return FALSE;
  type = require_attr (l, c, "type");
  if (type == NULL)
    return FALSE;
  if (!g_str_equal (type, "single") && !g_str_equal (type, "multiple"))
    {
      error_at (l, c, "type=\"%s\" is not a question type (use single or multiple)", type);
      return FALSE;
    }
  q = g_new0 (MlrQuestion, 1);
  q->multiple = g_str_equal (type, "multiple");
  q->choices = g_ptr_array_new_with_free_func (choice_free);
  mlr_xml_node_position (l->xdoc, c, &q->line, &column);

  for (xmlNode *k = c->children; k && ok; k = k->next)
    {
      if (is_element (k, "prompt") && q->prompt == NULL)
        ok = (q->prompt = parse_text_block (l, k, NULL)) != NULL;
      else if (is_element (k, "choice") && q->prompt != NULL && q->explanation == NULL)
        ok = add_choice (l, k, q);
      else if (is_element (k, "explanation") && q->choices->len > 0 && q->explanation == NULL)
        ok = (q->explanation = parse_text_block (l, k, NULL)) != NULL;
      else if (k->type == XML_ELEMENT_NODE)
        {
          if (in_names (inner, node_name (k)) && k->ns == NULL)
            error_at (l, k, "<%s> is out of place: a <question> holds a <prompt>, then its "
                      "<choice>s, then one <explanation>", node_name (k));
          else
            unexpected_element (l, k, c, inner);
          ok = FALSE;
        }
      else if (!is_blank_text (k) && !is_ignorable (k))
        {
          unexpected_text (l, k, c);
          ok = FALSE;
        }
    }
  if (ok && q->prompt == NULL)
    {
      error_at (l, c, "<question> needs a <prompt>");
      ok = FALSE;
    }
  if (ok && q->explanation == NULL)
    {
      error_at (l, c, "<question> needs an <explanation> after its choices");
      ok = FALSE;
    }
  if (ok && (q->choices->len < MIN_CHOICES || q->choices->len > MAX_CHOICES))
    {
      error_at (l, c, "a question needs %d to %d choices; this one has %u", MIN_CHOICES,
                MAX_CHOICES, q->choices->len);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < q->choices->len; i++)
    n_correct += ((MlrChoice *) q->choices->pdata[i])->correct ? 1 : 0;
  if (ok && !q->multiple && n_correct != 1)
    {
      error_at (l, c, "a single-choice question needs exactly one choice with "
                "correct=\"true\"; this one has %u", n_correct);
      ok = FALSE;
    }
  if (ok && q->multiple && n_correct == 0)
    {
      error_at (l, c, "a multiple-choice question needs at least one choice with "
                "correct=\"true\"");
      ok = FALSE;
    }
  if (!ok)
    {
      question_free (q);
      return FALSE;
    }
  g_ptr_array_add (l->lesson->questions, q);
  return TRUE;
}

static gboolean
add_definition (Loader  *l,
                xmlNode *c,
                gpointer data)
{
  static const char * const attrs[] = { "term", "key", NULL };
  g_autofree char *term = NULL;
  g_autofree char *key = NULL;
  MlrGlossaryEntry *e;
  GPtrArray *definition;

  if (!check_attributes (l, c, attrs))
    return FALSE;
  term = require_attr (l, c, "term");
  if (term == NULL)
    return FALSE;
  g_strstrip (term);
  if (*term == '\0')
    {
      error_at (l, c, "<define> needs a non-empty term");
      return FALSE;
    }
  key = get_attr (c, "key");
  if (key != NULL && !check_ident (l, c, "key", key))
    return FALSE;
  if (key == NULL)
    key = mlr_glossary_key_for (term);
  if (*key == '\0')
    {
      error_at (l, c, "term=\"%s\" has no letters or digits to make a key; add key=\"…\"", term);
      return FALSE;
    }
  if (g_hash_table_contains (l->glossary_keys, key))
    {
      error_at (l, c, "the glossary key “%s” is defined twice in this lesson", key);
      return FALSE;
    }
  definition = parse_text_block (l, c, attrs);
  if (definition == NULL)
    return FALSE;
  g_hash_table_add (l->glossary_keys, g_strdup (key));
  e = g_new0 (MlrGlossaryEntry, 1);
  e->key = g_steal_pointer (&key);
  e->term = g_steal_pointer (&term);
  e->definition = definition;
  mlr_xml_node_position (l->xdoc, c, &e->line, &e->column);
  g_ptr_array_add (l->lesson->glossary, e);
  return TRUE;
}

static gboolean
add_question_cb (Loader  *l,
                 xmlNode *c,
                 gpointer data)
{
  return add_question (l, c, data);
}

/* The lesson ------------------------------------------------------------------------------- */

enum {
  PART_TITLE,
  PART_SUMMARY,
  PART_KEYWORDS,
  PART_SECTION,
  PART_TAKEAWAYS,
  PART_RESOURCES,
  PART_QUIZ,
  PART_GLOSSARY,
};

static const char * const part_names[] = {
  "title", "summary", "keywords", "section", "takeaways", "resources", "quiz", "glossary", NULL
};

static gboolean
parse_lesson (Loader     *l,
              xmlNode    *root,
              const char *expected_id)
{
  static const char * const attrs[] = { "id", "step", "minutes", "xml:lang", NULL };
  MlrLesson *lesson = l->lesson;
  g_autofree char *minutes = NULL;
  int last = -1;
  gboolean ok = TRUE;
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);

  if (root->ns != NULL && g_str_equal (root->name, "lesson"))
    {
      /* Otherwise the message below would read "the root is <lesson>, but must be <lesson>". */
      error_at (l, root, "the root element <lesson> is in the XML namespace “%s”; lesson files "
                "use no namespace (remove the xmlns attribute)",
                root->ns->href ? (const char *) root->ns->href : "");
      return FALSE;
    }
  if (root->ns != NULL || !g_str_equal (root->name, "lesson"))
    {
      error_at (l, root, "the root element is <%s>, but a lesson file must start with "
                "<lesson id=\"…\" step=\"…\" minutes=\"…\">", node_name (root));
      return FALSE;
    }
  if (!check_attributes (l, root, attrs))
    ok = FALSE;
  lesson->id = require_attr (l, root, "id");
  lesson->step = require_attr (l, root, "step");
  minutes = require_attr (l, root, "minutes");
  if (lesson->id == NULL || lesson->step == NULL || minutes == NULL)
    return FALSE;
  if (!check_ident (l, root, "id", lesson->id) || !check_ident (l, root, "step", lesson->step))
    return FALSE;
  {
    guint64 m = 0;
    if (!g_ascii_string_to_unsigned (minutes, 10, 1, 600, &m, NULL))
      {
        error_at (l, root, "minutes=\"%s\" must be a whole number of minutes from 1 to 600",
                  minutes);
        return FALSE;
      }
    lesson->minutes = (guint) m;
  }
  if (expected_id != NULL && !g_str_equal (expected_id, lesson->id))
    {
      error_at (l, root, "the lesson id “%s” does not match its file name “%s.xml”; rename "
                "one of them", lesson->id, expected_id);
      ok = FALSE;
    }
  {
    xmlChar *lang = xmlNodeGetLang (root);
    if (lang != NULL)
      {
        lesson->lang = g_strdup ((const char *) lang);
        xmlFree (lang);
      }
  }

  for (xmlNode *c = root->children; c; c = c->next)
    {
      int part = -1;

      if (c->type != XML_ELEMENT_NODE)
        {
          if (!is_blank_text (c) && !is_ignorable (c))
            {
              unexpected_text (l, c, root);
              ok = FALSE;
            }
          continue;
        }
      for (int i = 0; part_names[i]; i++)
        if (is_element (c, part_names[i]))
          part = i;
      if (part < 0)
        {
          unexpected_element (l, c, root, part_names);
          ok = FALSE;
          continue;
        }
      if (part < last || (part == last && part != PART_SECTION))
        {
          if (part == last)
            error_at (l, c, "a lesson has only one <%s>", part_names[part]);
          else
            error_at (l, c, "<%s> is out of order: a lesson holds <title>, <summary>, optional "
                      "<keywords>, its <section>s, then optional <takeaways>, <resources>, "
                      "<quiz> and <glossary>, in that order", part_names[part]);
          ok = FALSE;
          continue;
        }
      if (part > PART_TITLE && last < PART_TITLE)
        {
          error_at (l, c, "the lesson needs a <title> before <%s>", part_names[part]);
          ok = FALSE;
        }
      else if (part > PART_SUMMARY && last < PART_SUMMARY)
        {
          error_at (l, c, "the lesson needs a <summary> before <%s>", part_names[part]);
          ok = FALSE;
        }
      else if (part > PART_SECTION && last < PART_SECTION)
        {
          error_at (l, c, "the lesson needs at least one <section> before <%s>",
                    part_names[part]);
          ok = FALSE;
        }
      last = part;

      switch (part)
        {
        case PART_TITLE:
          lesson->title = plain_text (l, c);
          ok = ok && lesson->title != NULL;
          break;
        case PART_SUMMARY:
          lesson->summary = parse_text_block (l, c, NULL);
          ok = ok && lesson->summary != NULL;
          break;
        case PART_KEYWORDS:
          ok = for_each_child (l, c, "keyword", add_keyword, keywords) && ok;
          break;
        case PART_SECTION:
          {
            MlrBlock *s = parse_section (l, c, 1);
            if (s)
              g_ptr_array_add (lesson->sections, s);
            else
              ok = FALSE;
          }
          break;
        case PART_TAKEAWAYS:
          ok = for_each_child (l, c, "item", add_takeaway, NULL) && ok;
          break;
        case PART_RESOURCES:
          ok = for_each_child (l, c, "resource", add_resource, NULL) && ok;
          break;
        case PART_QUIZ:
          ok = for_each_child (l, c, "question", add_question_cb, NULL) && ok;
          break;
        case PART_GLOSSARY:
          ok = for_each_child (l, c, "define", add_definition, NULL) && ok;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (ok && lesson->title == NULL)
    {
      error_at (l, root, "the lesson needs a <title>");
      ok = FALSE;
    }
  else if (ok && lesson->summary == NULL)
    {
      error_at (l, root, "the lesson needs a <summary> after its title");
      ok = FALSE;
    }
  else if (ok && lesson->sections->len == 0)
    {
      error_at (l, root, "the lesson needs at least one <section>");
      ok = FALSE;
    }
  g_ptr_array_add (keywords, NULL);
  lesson->keywords = (GStrv) g_ptr_array_free (g_steal_pointer (&keywords), FALSE);
  return ok;
}

static char *
default_content_root (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;

  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (dir);
  if (g_str_equal (base, "lessons"))
    return g_path_get_dirname (dir);
  return g_steal_pointer (&dir);
}

static MlrLesson *
lesson_new (void)
{
  MlrLesson *lesson = g_new0 (MlrLesson, 1);

  lesson->ref_count = 1;
  lesson->sections = g_ptr_array_new_with_free_func (block_free);
  lesson->takeaways = inline_arrays_new ();
  lesson->resources = g_ptr_array_new_with_free_func (resource_free);
  lesson->questions = g_ptr_array_new_with_free_func (question_free);
  lesson->glossary = g_ptr_array_new_with_free_func (glossary_entry_free);
  lesson->term_uses = g_ptr_array_new_with_free_func (term_use_free);
  return lesson;
}

static MlrLesson *
load_document (MlrXmlDocument *xdoc,
               const char     *path,
               gboolean        from_file,
               const char     *content_root,
               MlrDiagnostics *diags)
{
  Loader l = { 0 };
  g_autoptr(MlrLesson) lesson = lesson_new ();
  g_autofree char *expected_id = NULL;
  g_autofree char *root_guess = NULL;
  gboolean ok;

  /* A file's name is its id; data from memory has only a display name. */
  if (from_file && path != NULL && g_str_has_suffix (path, ".xml"))
    {
      g_autofree char *base = g_path_get_basename (path);
      expected_id = g_strndup (base, strlen (base) - 4);
    }
  if (content_root == NULL)
    content_root = root_guess = default_content_root (path);

  l.xdoc = xdoc;
  l.diags = diags;
  l.name = mlr_xml_document_name (xdoc);
  l.content_root = content_root ? realpath (content_root, NULL) : NULL;
  l.lesson = lesson;
  l.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.glossary_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = parse_lesson (&l, mlr_xml_document_root (xdoc), expected_id);

  /* The schema is the reference the walk above is held to; it should never disagree, and if
   * it does the file is refused rather than half-shown. */
  if (ok && !mlr_diagnostics_has_errors (diags))
    ok = mlr_xml_validate (xdoc, LESSON_SCHEMA, diags);

  free (l.content_root);
  g_hash_table_unref (l.ids);
  g_hash_table_unref (l.glossary_keys);
  if (!ok)
    return NULL;
  lesson->path = g_strdup (path);
  return g_steal_pointer (&lesson);
}

MlrLesson *
mlr_lesson_load_data (const char     *data,
                      gsize           len,
                      const char     *display_name,
                      const char     *content_root,
                      MlrDiagnostics *diags)
{
  g_autoptr(MlrDiagnostics) local = mlr_diagnostics_new ();
  MlrDiagnostics *d = diags ? diags : local;
  g_autoptr(MlrXmlDocument) xdoc = mlr_xml_parse_data (data, len, display_name, d);

  if (xdoc == NULL)
    return NULL;
  return load_document (xdoc, display_name, FALSE, content_root, d);
}

MlrLesson *
mlr_lesson_load_file (const char     *path,
                      const char     *content_root,
                      MlrDiagnostics *diags)
{
  g_autoptr(MlrDiagnostics) local = mlr_diagnostics_new ();
  MlrDiagnostics *d = diags ? diags : local;
  g_autoptr(MlrXmlDocument) xdoc = mlr_xml_parse_file (path, path, d);

  if (xdoc == NULL)
    return NULL;
  return load_document (xdoc, path, TRUE, content_root, d);
}
