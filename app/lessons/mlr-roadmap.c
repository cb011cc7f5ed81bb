/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-roadmap.h"

#include <glib/gi18n-lib.h>

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "mlr-lesson.h"
#include "mlr-xml.h"

#define ROADMAP_SCHEMA "/io/github/mlroadmap/MLRoadmap/schema/roadmap.rng"

static void
step_free (gpointer data)
{
  MlrRoadmapStep *s = data;

  g_free (s->id);
  g_free (s->title);
  g_free (s->summary);
  g_ptr_array_unref (s->lessons);
  g_free (s);
}

static void
lesson_entry_free (gpointer data)
{
  MlrRoadmapLesson *l = data;

  g_free (l->id);
  g_free (l->title);
  g_free (l);
}

void
mlr_roadmap_free (MlrRoadmap *roadmap)
{
  if (roadmap == NULL)
    return;
  g_free (roadmap->content_dir);
  g_free (roadmap->path);
  g_free (roadmap->title);
  g_clear_pointer (&roadmap->by_id, g_hash_table_unref);
  g_clear_pointer (&roadmap->lessons, g_ptr_array_unref);
  g_clear_pointer (&roadmap->steps, g_ptr_array_unref);
  g_free (roadmap);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = v ? g_strstrip (g_strdup ((const char *) v)) : NULL;

  xmlFree (v);
  return copy;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *v = xmlNodeGetContent (node);
  char *text = mlr_xml_collapse_space (v ? (const char *) v : "");

  xmlFree (v);
  return g_strstrip (text);
}

static xmlNode *
first_child_element (xmlNode    *node,
                     const char *name)
{
  for (xmlNode *c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal (c->name, name))
      return c;
  return NULL;
}

/**
 * mlr_roadmap_load:
 * Loads @content_dir/roadmap.xml. Returns NULL, with the reasons in @diags, when it is missing
 * or invalid: without a valid roadmap there is no order to show lessons in.
 */
MlrRoadmap *
mlr_roadmap_load (const char     *content_dir,
                  MlrDiagnostics *diags)
{
  g_autoptr(MlrRoadmap) roadmap = g_new0 (MlrRoadmap, 1);
  g_autoptr(MlrXmlDocument) xdoc = NULL;
  g_autofree char *real = realpath (content_dir, NULL);
  xmlNode *root;
  guint n_errors = mlr_diagnostics_count (diags);

  roadmap->content_dir = g_strdup (real ? real : content_dir);
  roadmap->path = g_build_filename (roadmap->content_dir, "roadmap.xml", NULL);
  roadmap->steps = g_ptr_array_new_with_free_func (step_free);
  roadmap->lessons = g_ptr_array_new_with_free_func (lesson_entry_free);
  roadmap->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  xdoc = mlr_xml_parse_file (roadmap->path, roadmap->path, diags);
  if (xdoc == NULL)
    return NULL;
  root = mlr_xml_document_root (xdoc);
  if (root->ns != NULL || !g_str_equal (root->name, "roadmap"))
    {
      guint line, column;
      mlr_xml_node_position (xdoc, root, &line, &column);
      mlr_diagnostics_add (diags, roadmap->path, line, column, MLR_SEVERITY_ERROR,
                           "the root element is <%s>, but roadmap.xml must start with "
                           "<roadmap version=\"1\">", (const char *) root->name);
      return NULL;
    }
  if (!mlr_xml_validate (xdoc, ROADMAP_SCHEMA, diags))
    return NULL;

  roadmap->title = text_of (first_child_element (root, "title"));
  for (xmlNode *s = root->children; s; s = s->next)
    {
      MlrRoadmapStep *step;
      g_autofree char *number = NULL;

      if (s->type != XML_ELEMENT_NODE || !g_str_equal (s->name, "step"))
        continue;
      step = g_new0 (MlrRoadmapStep, 1);
      step->id = prop (s, "id");
      step->title = prop (s, "title");
      step->summary = text_of (first_child_element (s, "summary"));
      step->lessons = g_ptr_array_new ();
      step->index = roadmap->steps->len;
      number = prop (s, "number");
      step->number = number ? (int) g_ascii_strtoll (number, NULL, 10) : -1;
      g_ptr_array_add (roadmap->steps, step);

      for (xmlNode *c = s->children; c; c = c->next)
        {
          MlrRoadmapLesson *entry;

          if (c->type != XML_ELEMENT_NODE || !g_str_equal (c->name, "lesson"))
            continue;
          entry = g_new0 (MlrRoadmapLesson, 1);
          entry->id = prop (c, "id");
          entry->title = prop (c, "title");
          entry->step = step;
          entry->index = roadmap->lessons->len;
          mlr_xml_node_position (xdoc, c, &entry->line, &entry->column);
          if (g_hash_table_contains (roadmap->by_id, entry->id))
            {
              mlr_diagnostics_add (diags, roadmap->path, entry->line, entry->column,
                                   MLR_SEVERITY_ERROR,
                                   "the lesson “%s” is listed twice", entry->id);
              lesson_entry_free (entry);
              continue;
            }
          g_ptr_array_add (roadmap->lessons, entry);
          g_ptr_array_add (step->lessons, entry);
          g_hash_table_insert (roadmap->by_id, entry->id, entry);
        }
    }
  {
    GHashTable *step_ids = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < roadmap->steps->len; i++)
      {
        MlrRoadmapStep *step = g_ptr_array_index (roadmap->steps, i);
        if (!g_hash_table_add (step_ids, step->id))
          mlr_diagnostics_add (diags, roadmap->path, 0, 0, MLR_SEVERITY_ERROR,
                               "two steps have the id “%s”", step->id);
      }
    g_hash_table_unref (step_ids);
  }
  if (mlr_diagnostics_count (diags) > n_errors)
    return NULL;
  return g_steal_pointer (&roadmap);
}

MlrRoadmapLesson *
mlr_roadmap_find (const MlrRoadmap *roadmap,
                  const char       *lesson_id)
{
  if (lesson_id == NULL)
    return NULL;
  return g_hash_table_lookup (roadmap->by_id, lesson_id);
}

MlrRoadmapLesson *
mlr_roadmap_nth (const MlrRoadmap *roadmap,
                 guint             index)
{
  if (index >= roadmap->lessons->len)
    return NULL;
  return g_ptr_array_index (roadmap->lessons, index);
}

/* The file a lesson lives in. The id was checked to be [a-z0-9-] by the schema, so it cannot
 * leave the lessons folder. */
char *
mlr_roadmap_lesson_path (const MlrRoadmap *roadmap,
                         const char       *lesson_id)
{
  g_autofree char *file = g_strconcat (lesson_id, ".xml", NULL);

  g_return_val_if_fail (mlr_is_ident (lesson_id), NULL);
  return g_build_filename (roadmap->content_dir, "lessons", file, NULL);
}

/* "Step 2 · Mathematics", or just "Careers" for an unnumbered part. */
char *
mlr_roadmap_step_label (const MlrRoadmapStep *step)
{
  if (step->number >= 0)
    /* Translators: a roadmap step's number and title, "Step 2 · Mathematics" */
    return g_strdup_printf (_("Step %d · %s"), step->number, step->title);
  return g_strdup (step->title);
}

/**
 * mlr_roadmap_place:
 * "@lesson_id", or "@lesson_id#@section" when @section >= 0.
 */
char *
mlr_roadmap_place (const char *lesson_id,
                   int         section)
{
  if (section < 0)
    return g_strdup (lesson_id);
  return g_strdup_printf ("%s#%d", lesson_id, section);
}

/**
 * mlr_roadmap_parse_place:
 * Splits a place made by mlr_roadmap_place() into the lesson id and the section (-1 for none).
 * FALSE for anything else: an id that is not one, a section that is not a number.
 */
gboolean
mlr_roadmap_parse_place (const char  *place,
                         char       **lesson_id,
                         int         *section)
{
  const char *hash = strchr (place, '#');
  g_autofree char *id = hash ? g_strndup (place, hash - place) : g_strdup (place);
  guint64 n = 0;

  if (!mlr_is_ident (id))
    return FALSE;
  if (hash != NULL && !g_ascii_string_to_unsigned (hash + 1, 10, 0, G_MAXINT, &n, NULL))
    return FALSE;
  *lesson_id = g_steal_pointer (&id);
  *section = hash ? (int) n : -1;
  return TRUE;
}
