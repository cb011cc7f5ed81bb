/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-content.h"

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
