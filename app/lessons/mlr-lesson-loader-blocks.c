/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's blocks: sections and what they hold (paragraphs, lists, code, formulas,
 * callouts, figures, tables). Demos are in mlr-lesson-loader-demo.c.
 */
#include "mlr-lesson-loader-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_IMAGE_SIZE (4 * 1024 * 1024)

const char * const mlr_loader_block_names[] = {
  "p", "ul", "ol", "codeblock", "math", "callout", "figure", "table", "demo", NULL
};

static MlrBlock *parse_block (Loader *l, xmlNode *node, xmlNode *parent,
                              const char * const *allowed);

void
mlr_loader_block_free (gpointer data)
{
  MlrBlock *b = data;

  g_free (b->id);
  g_free (b->title);
  g_clear_pointer (&b->children, g_ptr_array_unref);
  g_clear_pointer (&b->inlines, g_ptr_array_unref);
  g_clear_pointer (&b->items, g_ptr_array_unref);
  g_free (b->lang);
  g_free (b->text);
  g_clear_pointer (&b->math, mlr_math_node_free);
  g_free (b->src);
  g_free (b->path);
  g_free (b->alt);
  g_clear_pointer (&b->caption, g_ptr_array_unref);
  g_clear_pointer (&b->header, g_ptr_array_unref);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_free (b->demo_kind);
  g_clear_pointer (&b->params, g_ptr_array_unref);
  g_clear_pointer (&b->challenges, g_ptr_array_unref);
  g_clear_pointer (&b->expects, g_ptr_array_unref);
  g_free (b->error);
  g_free (b);
}

MlrBlock *
mlr_loader_block_new (Loader       *l,
                      MlrBlockKind  kind,
                      xmlNode      *node)
{
  MlrBlock *b = g_new0 (MlrBlock, 1);
  guint column;

  b->kind = kind;
  mlr_xml_node_position (l->xdoc, node, &b->line, &column);
  return b;
}

static MlrBlock *
parse_paragraph (Loader  *l,
                 xmlNode *node)
{
  GPtrArray *inlines = mlr_loader_parse_text_block (l, node, NULL);
  MlrBlock *b;

  if (inlines == NULL)
    return NULL;
  b = mlr_loader_block_new (l, MLR_BLOCK_PARAGRAPH, node);
  b->inlines = inlines;
  return b;
}

static MlrBlock *
parse_list (Loader  *l,
            xmlNode *node)
{
  static const char * const li[] = { "li", NULL };
  g_autoptr(GPtrArray) items = mlr_loader_inline_arrays_new ();
  gboolean ok = mlr_loader_check_attributes (l, node, NULL);
  MlrBlock *b;

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_element (c, "li"))
        {
          GPtrArray *item = mlr_loader_parse_text_block (l, c, NULL);
          if (item)
            g_ptr_array_add (items, item);
          else
            ok = FALSE;
        }
      else if (!mlr_loader_check_stray_child (l, c, node, li))
        ok = FALSE;
    }
  if (ok && items->len == 0)
    {
      error_at (l, node, "<%s> needs at least one <li>", node_name (node));
      ok = FALSE;
    }
  if (!ok)
    return NULL;
  b = mlr_loader_block_new (l, is_element (node, "ul") ? MLR_BLOCK_BULLET_LIST
                                                      : MLR_BLOCK_NUMBERED_LIST, node);
  b->items = g_steal_pointer (&items);
  return b;
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

  if (!mlr_loader_check_attributes (l, node, attrs))
    return NULL;
  lang = mlr_loader_require_attr (l, node, "lang");
  if (lang == NULL)
    return NULL;
  if (!in_names (langs, lang))
    {
      g_autofree char *list = mlr_loader_join_names (langs);
      error_at (l, node, "lang=\"%s\" is not a known code language (known: %s)", lang, list);
      return NULL;
    }
  title = mlr_loader_get_attr (node, "title");
  for (xmlNode *c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      {
        error_at (l, c, "<codeblock> holds plain text, but contains <%s>; write code with < "
                  "or & inside <![CDATA[ … ]]>", node_name (c));
        return NULL;
      }
  raw = mlr_loader_text_only (l, node, FALSE);
  if (raw == NULL)
    return NULL;
  b = mlr_loader_block_new (l, MLR_BLOCK_CODE, node);
  b->lang = g_steal_pointer (&lang);
  b->title = g_steal_pointer (&title);
  b->text = dedent (raw);
  if (*b->text == '\0')
    {
      error_at (l, node, "<codeblock> is empty");
      mlr_loader_block_free (b);
      return NULL;
    }
  return b;
}

/* One formula in TeX. One that does not parse keeps its source and says why, so the page can
 * show it as written with the error. */
static MlrBlock *
parse_math (Loader  *l,
            xmlNode *node)
{
  g_autofree char *tex = mlr_loader_formula_source (l, node);
  MlrBlock *b;

  if (tex == NULL)
    return NULL;
  b = mlr_loader_block_new (l, MLR_BLOCK_MATH, node);
  b->math = mlr_loader_parse_formula (l, node, tex, &b->error);
  b->text = g_strstrip (g_steal_pointer (&tex));
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

  if (!mlr_loader_check_attributes (l, node, attrs))
    return NULL;
  type = mlr_loader_require_attr (l, node, "type");
  if (type == NULL)
    return NULL;
  b = mlr_loader_block_new (l, MLR_BLOCK_CALLOUT, node);
  if (g_str_equal (type, "tip"))
    b->callout_type = MLR_CALLOUT_TIP;
  else if (g_str_equal (type, "note"))
    b->callout_type = MLR_CALLOUT_NOTE;
  else if (g_str_equal (type, "warning"))
    b->callout_type = MLR_CALLOUT_WARNING;
  else
    {
      error_at (l, node, "type=\"%s\" is not a callout type (use tip, note or warning)", type);
      mlr_loader_block_free (b);
      return NULL;
    }
  b->title = mlr_loader_get_attr (node, "title");
  if (b->title != NULL && *g_strstrip (b->title) == '\0')
    g_clear_pointer (&b->title, g_free);
  b->children = g_ptr_array_new_with_free_func (mlr_loader_block_free);
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
      else if (!mlr_loader_check_stray_child (l, c, node, inner))
        ok = FALSE;
    }
  if (ok && b->children->len == 0)
    {
      error_at (l, node, "<callout> is empty; put a <p> in it");
      ok = FALSE;
    }
  if (!ok)
    {
      mlr_loader_block_free (b);
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
          *caption = mlr_loader_parse_text_block (l, c, NULL);
          if (*caption == NULL)
            return FALSE;
        }
      else if (is_element (c, "caption"))
        {
          error_at (l, c, "<%s> may have only one <caption>", node_name (node));
          return FALSE;
        }
      else if (!mlr_loader_check_stray_child (l, c, node, allowed))
        return FALSE;
    }
  return TRUE;
}

/* Figures: paths confined to the content folder -------------------------------------------- */

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

  if (!mlr_loader_check_attributes (l, node, attrs))
    return NULL;
  src = mlr_loader_require_attr (l, node, "src");
  alt = mlr_loader_require_attr (l, node, "alt");
  if (src == NULL || alt == NULL)
    return NULL;
  if (*g_strstrip (alt) == '\0')
    {
      error_at (l, node, "<figure> needs a non-empty alt text describing the picture for "
                "people who cannot see it");
      return NULL;
    }
  width = mlr_loader_get_attr (node, "width");
  if (!parse_caption_only (l, node, &caption))
    return NULL;

  b = mlr_loader_block_new (l, MLR_BLOCK_FIGURE, node);
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
          mlr_loader_block_free (b);
          return NULL;
        }
      b->width = (guint) w;
    }
  b->path = resolve_figure (l, b->src, &why);
  if (b->path == NULL)
    {
      mlr_loader_report (l, node, MLR_SEVERITY_PART, "%s", why);
      b->error = g_steal_pointer (&why);
    }
  return b;
}

/* Tables ----------------------------------------------------------------------------------- */

static GPtrArray *
parse_row (Loader  *l,
           xmlNode *tr)
{
  static const char * const td[] = { "td", NULL };
  g_autoptr(GPtrArray) cells = mlr_loader_inline_arrays_new ();

  if (!mlr_loader_check_attributes (l, tr, NULL))
    return NULL;
  for (xmlNode *c = tr->children; c; c = c->next)
    {
      if (is_element (c, "td"))
        {
          GPtrArray *cell;
          if (!mlr_loader_check_attributes (l, c, NULL))
            return NULL;
          cell = mlr_loader_parse_inlines (l, c, INLINE_FULL, 0);
          if (cell == NULL)
            return NULL;
          g_ptr_array_add (cells, cell);
        }
      else if (!mlr_loader_check_stray_child (l, c, tr, td))
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

  if (!mlr_loader_check_attributes (l, node, NULL))
    return NULL;
  b = mlr_loader_block_new (l, MLR_BLOCK_TABLE, node);
  b->rows = mlr_loader_inline_arrays_new ();
  ok = TRUE;
  for (xmlNode *c = node->children; c && ok; c = c->next)
    {
      if (is_element (c, "caption") && stage < 1)
        {
          b->caption = mlr_loader_parse_text_block (l, c, NULL);
          ok = b->caption != NULL;
          stage = 1;
        }
      else if (is_element (c, "thead") && stage < 2)
        {
          static const char * const tr[] = { "tr", NULL };
          xmlNode *row = NULL;
          ok = mlr_loader_check_attributes (l, c, NULL);
          for (xmlNode *h = c->children; h && ok; h = h->next)
            {
              if (is_element (h, "tr") && row == NULL)
                row = h;
              else if (h->type == XML_ELEMENT_NODE)
                {
                  if (is_element (h, "tr"))
                    error_at (l, h, "<thead> holds exactly one <tr>");
                  else
                    mlr_loader_unexpected_element (l, h, c, tr);
                  ok = FALSE;
                }
              else
                ok = mlr_loader_check_stray_child (l, h, c, tr);
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
      else
        ok = mlr_loader_check_order (l, c, node, allowed, "a table holds an optional "
                                     "<caption>, then an optional <thead>, then <tr> rows");
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
      mlr_loader_block_free (b);
      return NULL;
    }
  return b;
}

/* Sections --------------------------------------------------------------------------------- */

static MlrBlock *
parse_block (Loader             *l,
             xmlNode            *node,
             xmlNode            *parent,
             const char * const *allowed)
{
  const char *name = node_name (node);

  if (node->ns != NULL || !in_names (allowed, name))
    {
      mlr_loader_unexpected_element (l, node, parent, allowed);
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
    return mlr_loader_parse_demo (l, node);
  g_assert_not_reached ();
}

MlrBlock *
mlr_loader_parse_section (Loader  *l,
                          xmlNode *node,
                          guint    level)
{
  static const char * const attrs[] = { "id", NULL };
  static const char * const top_allowed[] = {
    "p", "ul", "ol", "codeblock", "math", "callout", "figure", "table", "demo", "section", NULL
  };
  MlrBlock *b;
  gboolean ok, have_title = FALSE;

  if (!mlr_loader_check_attributes (l, node, attrs))
    return NULL;
  b = mlr_loader_block_new (l, MLR_BLOCK_SECTION, node);
  b->level = level;
  b->children = g_ptr_array_new_with_free_func (mlr_loader_block_free);
  b->id = mlr_loader_get_attr (node, "id");
  ok = TRUE;
  if (b->id != NULL)
    {
      if (!mlr_loader_check_ident (l, node, "id", b->id))
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
              mlr_loader_unexpected_text (l, c, node);
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
          b->title = mlr_loader_plain_text (l, c);
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
          sub = mlr_loader_parse_section (l, c, level + 1);
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
        MlrBlock *child = parse_block (l, c, node,
                                       level >= 2 ? mlr_loader_block_names : top_allowed);
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
      mlr_loader_block_free (b);
      return NULL;
    }
  return b;
}
