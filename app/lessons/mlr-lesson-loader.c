/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds an MlrLesson from lesson XML. The walk (this file reads the lesson and its parts in
 * order; mlr-lesson-loader-private.h lists the files for the rest) is as strict as the RelaxNG
 * schema (content/schema/lesson.rng) but says what is wrong in an author's terms ("<bold> is
 * not allowed inside <p>; use <strong>") and where. The schema then runs as a second gate,
 * and the checks no schema can express come last: single-choice questions have one right
 * answer, table rows have equal widths, figure paths stay inside the content folder, demo
 * parameters are in range.
 */
#include "mlr-lesson-loader-private.h"

#include <stdlib.h>
#include <string.h>

#define LESSON_SCHEMA "/io/github/mlroadmap/MLRoadmap/schema/lesson.rng"

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
  gboolean ok = mlr_loader_check_attributes (l, node, NULL);
  guint n = 0;

  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_element (c, child_name))
        {
          n++;
          if (!func (l, c, data))
            ok = FALSE;
        }
      else if (!mlr_loader_check_stray_child (l, c, node, allowed))
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
  char *k = mlr_loader_plain_text (l, c);

  if (k)
    g_ptr_array_add (keywords, k);
  return k != NULL;
}

static gboolean
add_takeaway (Loader  *l,
              xmlNode *c,
              gpointer data)
{
  GPtrArray *item = mlr_loader_parse_text_block (l, c, NULL);

  if (item)
    g_ptr_array_add (l->lesson->takeaways, item);
  return item != NULL;
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
  if (!mlr_loader_check_attributes (l, root, attrs))
    ok = FALSE;
  lesson->id = mlr_loader_require_attr (l, root, "id");
  lesson->step = mlr_loader_require_attr (l, root, "step");
  minutes = mlr_loader_require_attr (l, root, "minutes");
  if (lesson->id == NULL || lesson->step == NULL || minutes == NULL)
    return FALSE;
  if (!mlr_loader_check_ident (l, root, "id", lesson->id) ||
      !mlr_loader_check_ident (l, root, "step", lesson->step))
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
              mlr_loader_unexpected_text (l, c, root);
              ok = FALSE;
            }
          continue;
        }
      for (int i = 0; part_names[i]; i++)
        if (is_element (c, part_names[i]))
          part = i;
      if (part < 0)
        {
          mlr_loader_unexpected_element (l, c, root, part_names);
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
          lesson->title = mlr_loader_plain_text (l, c);
          ok = ok && lesson->title != NULL;
          break;
        case PART_SUMMARY:
          lesson->summary = mlr_loader_parse_text_block (l, c, NULL);
          ok = ok && lesson->summary != NULL;
          break;
        case PART_KEYWORDS:
          ok = for_each_child (l, c, "keyword", add_keyword, keywords) && ok;
          break;
        case PART_SECTION:
          {
            MlrBlock *s = mlr_loader_parse_section (l, c, 1);
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
          ok = for_each_child (l, c, "resource", mlr_loader_add_resource, NULL) && ok;
          break;
        case PART_QUIZ:
          ok = for_each_child (l, c, "question", mlr_loader_add_question, NULL) && ok;
          break;
        case PART_GLOSSARY:
          ok = for_each_child (l, c, "define", mlr_loader_add_definition, NULL) && ok;
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
  lesson->sections = g_ptr_array_new_with_free_func (mlr_loader_block_free);
  lesson->takeaways = mlr_loader_inline_arrays_new ();
  lesson->resources = g_ptr_array_new_with_free_func (mlr_loader_resource_free);
  lesson->questions = g_ptr_array_new_with_free_func (mlr_loader_question_free);
  lesson->glossary = g_ptr_array_new_with_free_func (mlr_loader_glossary_entry_free);
  lesson->term_uses = g_ptr_array_new_with_free_func (mlr_loader_term_use_free);
  lesson->link_uses = g_ptr_array_new_with_free_func (mlr_loader_link_use_free);
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
