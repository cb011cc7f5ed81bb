/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-content.h"
#include "mlr-diagnostic.h"

#include <string.h>

/* <exe>/../share/ml-roadmap/content, when the binary runs from an installed tree: installs stay
 * usable when the whole prefix is moved or staged with DESTDIR. */
static char *
relocated_content_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *roadmap = NULL;

  if (exe == NULL)
    return NULL;
  bindir = g_path_get_dirname (exe);
  dir = g_build_filename (bindir, "..", "share", "ml-roadmap", "content", NULL);
  roadmap = g_build_filename (dir, "roadmap.xml", NULL);
  if (!g_file_test (roadmap, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_canonicalize_filename (dir, NULL);
}

/**
 * mlr_content_default_dir:
 * The content the app and CLI use: $MLR_CONTENT_DIR when set (tests, `meson devenv`), else the
 * copy installed next to the running binary, else the configured install location.
 */
const char *
mlr_content_default_dir (void)
{
  static char *relocated;
  static gsize once;
  const char *env = g_getenv ("MLR_CONTENT_DIR");

  if (env != NULL && *env != '\0')
    return env;
  if (g_once_init_enter (&once))
    {
      relocated = relocated_content_dir ();
      g_once_init_leave (&once, 1);
    }
  return relocated ? relocated : MLR_CONTENT_DIR;
}

static void
glossary_ref_free (gpointer data)
{
  g_free (data);
}

/* Loads every lesson of @roadmap. Lessons that fail are counted and reported in @diags (which
 * may be NULL); the rest are indexed. Safe to call from a worker thread. */
MlrContentIndex *
mlr_content_index_build (MlrRoadmap     *roadmap,
                         MlrDiagnostics *diags)
{
  MlrContentIndex *index = g_new0 (MlrContentIndex, 1);

  index->roadmap = roadmap;
  index->lessons = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) mlr_lesson_unref);
  index->glossary = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, glossary_ref_free);

  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      g_autofree char *path = mlr_roadmap_lesson_path (roadmap, entry->id);
      g_autoptr(MlrDiagnostics) local = mlr_diagnostics_new ();
      MlrLesson *lesson = mlr_lesson_load_file (path, roadmap->content_dir, local);

      if (diags)
        mlr_diagnostics_take_all (diags, local);
      if (lesson == NULL)
        {
          index->n_failed++;
          continue;
        }
      g_hash_table_insert (index->lessons, lesson->id, lesson);
      for (guint j = 0; j < lesson->glossary->len; j++)
        {
          const MlrGlossaryEntry *e = g_ptr_array_index (lesson->glossary, j);
          MlrGlossaryRef *ref;

          if (g_hash_table_contains (index->glossary, e->key))
            continue;  /* mlr_content_check reports duplicates */
          ref = g_new0 (MlrGlossaryRef, 1);
          ref->entry = e;
          ref->lesson = lesson;
          g_hash_table_insert (index->glossary, e->key, ref);
        }
    }
  return index;
}

void
mlr_content_index_free (MlrContentIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->glossary);
  g_hash_table_unref (index->lessons);
  g_free (index);
}

const MlrGlossaryRef *
mlr_content_index_lookup_term (const MlrContentIndex *index,
                               const char            *key)
{
  return g_hash_table_lookup (index->glossary, key);
}

/* The id in @ids closest to @id, for "did you mean" (a third of its length in edits, at least
 * two), or NULL. */
static const char *
closest_id (const char      *id,
            const GPtrArray *ids)
{
  guint cap = MAX (2, (guint) strlen (id) / 3);
  guint best = cap + 1;
  const char *found = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      guint d = mlr_edit_distance (id, g_ptr_array_index (ids, i), cap);
      if (d < best)
        {
          best = d;
          found = g_ptr_array_index (ids, i);
        }
    }
  return found;
}

static void
collect_section_ids (const GPtrArray *blocks,
                     GPtrArray       *out)
{
  for (guint i = 0; blocks && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);
      if (b->kind != MLR_BLOCK_SECTION)
        continue;
      if (b->id)
        g_ptr_array_add (out, b->id);
      collect_section_ids (b->children, out);
    }
}

/* Every <link href="lesson:ID#SECTION"> leads to a lesson the roadmap lists, and to a section
 * it has (that part waits for the lesson to load: a broken one reports its own problems). */
static void
check_lesson_links (const MlrRoadmap      *roadmap,
                    const MlrContentIndex *index,
                    MlrDiagnostics        *diags)
{
  g_autoptr(GPtrArray) lesson_ids = g_ptr_array_new ();

  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      g_ptr_array_add (lesson_ids, entry->id);
    }

  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      MlrLesson *lesson = g_hash_table_lookup (index->lessons, entry->id);

      for (guint j = 0; lesson && j < lesson->link_uses->len; j++)
        {
          const MlrLinkUse *use = g_ptr_array_index (lesson->link_uses, j);
          MlrLesson *target;
          g_autoptr(GPtrArray) section_ids = NULL;
          const char *near;

          if (mlr_roadmap_find (roadmap, use->lesson_id) == NULL)
            {
              near = closest_id (use->lesson_id, lesson_ids);
              if (near != NULL)
                mlr_diagnostics_add (diags, lesson->path, use->line, use->column,
                                     MLR_SEVERITY_ERROR,
                                     "the link leads to the lesson “%s”, which roadmap.xml does "
                                     "not list; did you mean “%s”?", use->lesson_id, near);
              else
                mlr_diagnostics_add (diags, lesson->path, use->line, use->column,
                                     MLR_SEVERITY_ERROR,
                                     "the link leads to the lesson “%s”, which roadmap.xml does "
                                     "not list", use->lesson_id);
              continue;
            }
          target = g_hash_table_lookup (index->lessons, use->lesson_id);
          if (use->section_id == NULL || target == NULL ||
              mlr_lesson_find_section (target, use->section_id) != NULL)
            continue;
          section_ids = g_ptr_array_new ();
          collect_section_ids (target->sections, section_ids);
          near = closest_id (use->section_id, section_ids);
          if (near != NULL)
            mlr_diagnostics_add (diags, lesson->path, use->line, use->column,
                                 MLR_SEVERITY_ERROR,
                                 "the link leads to the section “%s” of %s.xml, which has no "
                                 "<section id=\"%s\">; did you mean “%s”?", use->section_id,
                                 use->lesson_id, use->section_id, near);
          else
            {
              g_autofree char *known = NULL;

              g_ptr_array_add (section_ids, NULL);
              known = section_ids->len > 1 ? g_strjoinv (", ", (char **) section_ids->pdata)
                                           : g_strdup ("none");
              mlr_diagnostics_add (diags, lesson->path, use->line, use->column,
                                   MLR_SEVERITY_ERROR,
                                   "the link leads to the section “%s” of %s.xml, which has no "
                                   "<section id=\"%s\"> (its section ids: %s)",
                                   use->section_id, use->lesson_id, use->section_id, known);
            }
        }
    }
}

guint
mlr_content_check (const char     *content_dir,
                   MlrDiagnostics *diags)
{
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (content_dir, diags);
  g_autoptr(MlrContentIndex) index = NULL;
  g_autoptr(GHashTable) first_definition = NULL;
  g_autofree char *lessons_dir = NULL;
  g_autoptr(GDir) dir = NULL;

  if (roadmap == NULL)
    return 0;
  index = mlr_content_index_build (roadmap, diags);

  /* Each lesson sits in the step that lists it. */
  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      MlrLesson *lesson = g_hash_table_lookup (index->lessons, entry->id);

      if (lesson != NULL && !g_str_equal (lesson->step, entry->step->id))
        mlr_diagnostics_add (diags, lesson->path, 0, 0, MLR_SEVERITY_ERROR,
                             "step=\"%s\", but roadmap.xml lists this lesson under the step "
                             "“%s”", lesson->step, entry->step->id);
    }

  /* Glossary keys are defined once across all lessons, and every term used is defined (that
   * second check waits until every lesson loads: a broken one may hold the definition). */
  first_definition = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      MlrLesson *lesson = g_hash_table_lookup (index->lessons, entry->id);

      for (guint j = 0; lesson && j < lesson->glossary->len; j++)
        {
          const MlrGlossaryEntry *e = g_ptr_array_index (lesson->glossary, j);
          MlrLesson *first = g_hash_table_lookup (first_definition, e->key);

          if (first != NULL)
            mlr_diagnostics_add (diags, lesson->path, e->line, e->column, MLR_SEVERITY_ERROR,
                                 "the glossary key “%s” is already defined in %s.xml; define "
                                 "each term in one lesson only", e->key, first->id);
          else
            g_hash_table_insert (first_definition, e->key, lesson);
        }
    }
  for (guint i = 0; index->n_failed == 0 && i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      MlrLesson *lesson = g_hash_table_lookup (index->lessons, entry->id);

      for (guint j = 0; lesson && j < lesson->term_uses->len; j++)
        {
          const MlrTermUse *use = g_ptr_array_index (lesson->term_uses, j);
          if (!g_hash_table_contains (index->glossary, use->key))
            mlr_diagnostics_add (diags, lesson->path, use->line, use->column,
                                 MLR_SEVERITY_ERROR,
                                 "the term “%s” is not defined in any lesson's <glossary>; add "
                                 "a <define> for it or fix the key", use->key);
        }
    }

  check_lesson_links (roadmap, index, diags);

  /* A lesson file nobody lists is almost always a forgotten roadmap entry. */
  lessons_dir = g_build_filename (roadmap->content_dir, "lessons", NULL);
  dir = g_dir_open (lessons_dir, 0, NULL);
  if (dir != NULL)
    {
      const char *name;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        {
          const char *file = g_ptr_array_index (names, i);
          g_autofree char *id = g_strndup (file, strlen (file) - 4);
          if (!mlr_roadmap_find (roadmap, id))
            {
              g_autofree char *path = g_build_filename (lessons_dir, file, NULL);
              mlr_diagnostics_add (diags, path, 0, 0, MLR_SEVERITY_ERROR,
                                   "this lesson is not listed in roadmap.xml, so the app never "
                                   "shows it");
            }
        }
    }
  return roadmap->lessons->len;
}
