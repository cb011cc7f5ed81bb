/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli validate [PATH...]: check a content folder, roadmap.xml, or lesson files.
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>

#include "lessons/mlr-content.h"
#include "lessons/mlr-lesson.h"
#include "lessons/mlr-roadmap.h"
#include "painters/mlr-demo-expect.h"
#include "painters/mlr-demo-registry.h"

static gboolean opt_stats;

static GOptionEntry entries[] = {
  { "stats", 0, 0, G_OPTION_ARG_NONE, &opt_stats,
    "Also print each lesson's words (all, and of the body's prose), minutes, sections, "
    "questions, resources, terms, demos, "
    "figures, display formulas, and the section its first demo or figure is in", NULL },
  { NULL }
};

typedef struct {
  guint body_words;     /* the prose a learner reads: paragraphs, lists, tables, callouts */
  guint demos, figures, formulas;
  guint first_visual;   /* 1-based top-level section of the first demo or figure; 0: none */
} BlockCounts;

static void
count_blocks (const GPtrArray *blocks,
              guint            section,
              BlockCounts     *counts)
{
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);

      if (b->kind == MLR_BLOCK_DEMO || b->kind == MLR_BLOCK_FIGURE)
        {
          if (b->kind == MLR_BLOCK_DEMO)
            counts->demos++;
          else
            counts->figures++;
          if (counts->first_visual == 0)
            counts->first_visual = section;
        }
      else if (b->kind == MLR_BLOCK_MATH)
        counts->formulas++;
      else if (b->kind == MLR_BLOCK_PARAGRAPH || b->kind == MLR_BLOCK_BULLET_LIST ||
               b->kind == MLR_BLOCK_NUMBERED_LIST || b->kind == MLR_BLOCK_TABLE)
        {
          g_autofree char *text = mlr_block_to_plain (b);
          counts->body_words += mlr_count_words (text);
        }
      count_blocks (b->children, section, counts);
    }
}

static void
print_stats (const MlrLesson *lesson)
{
  BlockCounts counts = { 0 };
  g_autofree char *first = NULL;

  for (guint i = 0; i < lesson->sections->len; i++)
    {
      const MlrBlock *section = g_ptr_array_index (lesson->sections, i);
      count_blocks (section->children, i + 1, &counts);
    }
  first = counts.first_visual ? g_strdup_printf ("first in section %u", counts.first_visual)
                              : g_strdup ("none");
  printf ("%-32s %5u words (%4u body) %4u min %3u sections %2u questions %2u resources "
          "%2u terms %2u demos %2u figures %2u formulas  visual: %s\n",
          lesson->id, mlr_lesson_count_words (lesson), counts.body_words, lesson->minutes,
          lesson->sections->len,
          lesson->questions->len, lesson->resources->len, lesson->glossary->len,
          counts.demos, counts.figures, counts.formulas, first);
}

static guint
check_lesson_file (const char     *path,
                   MlrDiagnostics *diags)
{
  g_autoptr(MlrLesson) lesson = mlr_lesson_load_file (path, NULL, diags);

  if (lesson != NULL)
    mlr_demo_check_expects (lesson, diags);
  if (lesson && opt_stats)
    print_stats (lesson);
  return 1;
}

static guint
check_content_dir (const char     *dir,
                   MlrDiagnostics *diags)
{
  guint n = mlr_content_check (dir, diags);
  /* The lessons again, for what only this command checks (the demos' <expect>s) and prints;
   * their load problems were reported above. */
  g_autoptr(MlrDiagnostics) ignored = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (dir, ignored);

  for (guint i = 0; roadmap && i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      g_autofree char *path = mlr_roadmap_lesson_path (roadmap, entry->id);
      g_autoptr(MlrLesson) lesson = mlr_lesson_load_file (path, dir, ignored);

      if (lesson == NULL)
        continue;
      mlr_demo_check_expects (lesson, diags);
      if (opt_stats)
        print_stats (lesson);
    }
  return n;
}

static guint
check_path (const char     *path,
            MlrDiagnostics *diags)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *roadmap = g_build_filename (path, "roadmap.xml", NULL);
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) files = NULL;
      const char *name;
      guint n = 0;

      if (g_file_test (roadmap, G_FILE_TEST_EXISTS))
        return check_content_dir (path, diags);

      /* A folder of lessons without a roadmap: check each file on its own. */
      dir = g_dir_open (path, 0, NULL);
      files = g_ptr_array_new_with_free_func (g_free);
      while (dir && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (files, g_build_filename (path, name, NULL));
      g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
      if (files->len == 0)
        mlr_diagnostics_add (diags, path, 0, 0, MLR_SEVERITY_ERROR,
                             "no roadmap.xml and no lesson .xml files in this folder");
      for (guint i = 0; i < files->len; i++)
        n += check_lesson_file (g_ptr_array_index (files, i), diags);
      return n;
    }
  if (g_str_has_suffix (path, "roadmap.xml") && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      return check_content_dir (dir, diags);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      mlr_diagnostics_add (diags, path, 0, 0, MLR_SEVERITY_ERROR, "no such file or folder");
      return 0;
    }
  return check_lesson_file (path, diags);
}

int
mlr_cli_validate (int    argc,
                  char **argv)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  int exit_code = MLR_CLI_EXIT_OK;
  guint n_lessons = 0;
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *what = NULL;

  /* the lesson loader checks each <demo> against the registry's view of it */
  mlr_demo_registry_init ();
  if (!mlr_cli_parse_options ("validate", "[PATH...]",
                              "Check lesson content. PATH may be a content folder (with "
                              "roadmap.xml), roadmap.xml, a folder of lessons or lesson files; "
                              "with no PATH, the content the app uses.\n"
                              "Problems are printed as FILE:LINE:COL: message; the exit status "
                              "is 1 when there are any.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;

  if (argc <= 1)
    {
      const char *dir = mlr_content_default_dir ();
      n_lessons = check_content_dir (dir, diags);
      what = g_strdup (dir);
    }
  else
    {
      for (int i = 1; i < argc; i++)
        n_lessons += check_path (argv[i], diags);
      what = argc == 2 ? g_strdup (argv[1]) : g_strdup_printf ("%d paths", argc - 1);
    }

  mlr_diagnostics_sort (diags);
  for (guint i = 0; i < mlr_diagnostics_count (diags); i++)
    {
      const MlrDiagnostic *d = mlr_diagnostics_get (diags, i);
      g_autofree char *line = mlr_diagnostic_format (d);
      fprintf (stderr, "%s\n", line);
      g_hash_table_add (files, d->file);
    }

  if (mlr_diagnostics_count (diags) > 0)
    {
      fprintf (stderr, "%u problem%s in %u file%s\n", mlr_diagnostics_count (diags),
               mlr_diagnostics_count (diags) == 1 ? "" : "s", g_hash_table_size (files),
               g_hash_table_size (files) == 1 ? "" : "s");
      return MLR_CLI_EXIT_DATA;
    }
  printf ("%s: %u lesson%s valid\n", what, n_lessons, n_lessons == 1 ? "" : "s");
  return MLR_CLI_EXIT_OK;
}
