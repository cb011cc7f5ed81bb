/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search: title matches rank above keyword, glossary and body matches; every word must match;
 * snippets show the match in bold and escape the text; the result points at its section.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lessons/mlr-search.h"
#include "painters/mlr-demo-registry.h"

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0755);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

#define LESSON(id, title, kw, body, gloss) \
  "<lesson id=\"" id "\" step=\"s\" minutes=\"1\"><title>" title "</title>" \
  "<summary>S.</summary>" kw "<section><title>Intro</title><p>Nothing here.</p></section>" \
  "<section><title>More</title><p>" body "</p></section>" gloss "</lesson>"

static char *
make_content (void)
{
  char *dir = g_dir_make_tmp ("mlr-search-XXXXXX", NULL);

  write_file (dir, "roadmap.xml",
              "<roadmap version=\"1\"><title>T</title><step id=\"s\" title=\"S\">"
              "<summary>S</summary><lesson id=\"body\" title=\"Body\"/>"
              "<lesson id=\"keyword\" title=\"Keyword\"/><lesson id=\"glossary\" title=\"G\"/>"
              "<lesson id=\"title\" title=\"Title\"/></step></roadmap>");
  write_file (dir, "lessons/body.xml",
              LESSON ("body", "Growing fruit", "",
                      "Apples, apples and more apples &amp; pears: apples everywhere.", ""));
  write_file (dir, "lessons/keyword.xml",
              LESSON ("keyword", "Orchards", "<keywords><keyword>apple trees</keyword></keywords>",
                      "Trees in rows.", ""));
  write_file (dir, "lessons/glossary.xml",
              LESSON ("glossary", "Cider", "", "Pressing fruit.",
                      "<glossary><define term=\"Apple pomace\">What is left after "
                      "pressing.</define></glossary>"));
  write_file (dir, "lessons/title.xml",
              LESSON ("title", "Apples in machine learning", "", "Classifying fruit.", ""));
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (cmd), ==, 0);
}

static void
test_ranking (void)
{
  g_autofree char *dir = make_content ();
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (dir, diags);
  g_autoptr(MlrContentIndex) content = mlr_content_index_build (roadmap, diags);
  g_autoptr(MlrSearchIndex) index = mlr_search_index_new (content);
  g_autoptr(GPtrArray) r = mlr_search (index, "APPLE", 0);
  const MlrSearchResult *body;

  g_assert_cmpuint (mlr_diagnostics_count (diags), ==, 0);
  g_assert_cmpuint (r->len, ==, 5);
  /* The glossary term whose name starts with the query comes first, with its definition and
   * the lesson that defines it. */
  g_assert_cmpint (((MlrSearchResult *) r->pdata[0])->field, ==, MLR_SEARCH_FIELD_TERM);
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[0])->term, ==, "Apple pomace");
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[0])->entry->id, ==, "glossary");
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[0])->snippet, ==, "What is left after pressing.");
  /* Title above keyword above glossary above body, even though the body says it four times. */
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[1])->entry->id, ==, "title");
  g_assert_cmpint (((MlrSearchResult *) r->pdata[1])->field, ==, MLR_SEARCH_FIELD_TITLE);
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[2])->entry->id, ==, "keyword");
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[3])->entry->id, ==, "glossary");
  g_assert_cmpstr (((MlrSearchResult *) r->pdata[4])->entry->id, ==, "body");
  body = r->pdata[4];
  g_assert_cmpint (body->field, ==, MLR_SEARCH_FIELD_BODY);
  /* The match is in the second top-level section; the snippet bolds it and escapes &. */
  g_assert_cmpint (body->section, ==, 1);
  g_assert_nonnull (strstr (body->snippet, "<b>Apple</b>s"));
  g_assert_nonnull (strstr (body->snippet, "&amp; pears"));
  remove_tree (dir);
}

static void
test_all_words_must_match (void)
{
  g_autofree char *dir = make_content ();
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (dir, diags);
  g_autoptr(MlrContentIndex) content = mlr_content_index_build (roadmap, diags);
  g_autoptr(MlrSearchIndex) index = mlr_search_index_new (content);
  g_autoptr(GPtrArray) both = mlr_search (index, "apples pears", 0);
  g_autoptr(GPtrArray) none = mlr_search (index, "apples zebra", 0);
  g_autoptr(GPtrArray) blank = mlr_search (index, "   ", 0);
  g_autoptr(GPtrArray) markup = mlr_search (index, "<b>", 0);

  g_assert_cmpuint (both->len, ==, 1);
  g_assert_cmpstr (((MlrSearchResult *) both->pdata[0])->entry->id, ==, "body");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (markup->len, ==, 0);
  remove_tree (dir);
}

static void
test_shipped_content (void)
{
  const char *dir = g_getenv ("MLR_CONTENT_DIR");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = NULL;
  g_autoptr(MlrContentIndex) content = NULL;
  g_autoptr(MlrSearchIndex) index = NULL;
  g_autoptr(GPtrArray) bayes = NULL;
  g_autoptr(GPtrArray) unicode = NULL;
  gint64 start;

  if (dir == NULL)
    {
      g_test_skip ("MLR_CONTENT_DIR is not set");
      return;
    }
  roadmap = mlr_roadmap_load (dir, diags);
  content = mlr_content_index_build (roadmap, diags);
  index = mlr_search_index_new (content);
  start = g_get_monotonic_time ();
  bayes = mlr_search (index, "bayes", 20);
  g_test_message ("search over %u lessons took %.2f ms", roadmap->lessons->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (bayes->len, >=, 2);
  g_assert_cmpstr (((MlrSearchResult *) bayes->pdata[0])->entry->id, ==, "bayes-theorem");
  /* Non-ASCII text is found case-insensitively. */
  unicode = mlr_search (index, "Θ", 0);
  g_assert_cmpuint (unicode->len, >=, 1);

  /* A phrase: the glossary term first, then the lessons about learning rates, not the one
   * that says "machine-learning" in its title and "rate" somewhere. */
  {
    g_autoptr(GPtrArray) lr = mlr_search (index, "Learning  rate", 0);
    const MlrSearchResult *first_lesson = NULL;
    guint intro = G_MAXUINT, calculus = G_MAXUINT;

    g_assert_cmpuint (lr->len, >=, 3);
    g_assert_cmpint (((MlrSearchResult *) lr->pdata[0])->field, ==, MLR_SEARCH_FIELD_TERM);
    g_assert_cmpstr (((MlrSearchResult *) lr->pdata[0])->term, ==, "Learning rate");
    g_assert_cmpint (((MlrSearchResult *) lr->pdata[0])->section, >=, 0);
    for (guint i = 0; i < lr->len; i++)
      {
        const MlrSearchResult *r = lr->pdata[i];
        if (r->field == MLR_SEARCH_FIELD_TERM)
          continue;
        if (first_lesson == NULL)
          first_lesson = r;
        if (g_str_equal (r->entry->id, "what-ml-engineers-do"))
          intro = i;
        if (g_str_equal (r->entry->id, "calculus-gradients"))
          calculus = i;
      }
    g_assert_nonnull (first_lesson);
    g_assert_cmpstr (first_lesson->entry->id, !=, "what-ml-engineers-do");
    g_assert_cmpuint (calculus, <, intro);
    /* the snippet shows the phrase */
    g_assert_nonnull (strstr (first_lesson->snippet, "<b>learning rate</b>"));
  }
  /* A heading does not run into the text after it in a snippet. */
  {
    g_autoptr(GPtrArray) r = mlr_search (index, "derivatives and the gradient", 0);
    g_assert_cmpuint (r->len, >=, 1);
    g_assert_nonnull (strstr (((MlrSearchResult *) r->pdata[0])->snippet,
                              "derivatives and the gradient</b> · The"));
  }
}

static void
test_term_section (void)
{
  const char *dir = g_getenv ("MLR_CONTENT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(MlrLesson) lesson = NULL;

  if (dir == NULL)
    {
      g_test_skip ("MLR_CONTENT_DIR is not set");
      return;
    }
  path = g_build_filename (dir, "lessons", "calculus-gradients.xml", NULL);
  lesson = mlr_lesson_load_file (path, dir, NULL);
  g_assert_nonnull (lesson);
  g_assert_cmpint (mlr_lesson_find_term_section (lesson, "derivative"), >=, 0);
  g_assert_cmpint (mlr_lesson_find_term_section (lesson, "no-such-term"), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/lessons/search/title-ranks-above-body", test_ranking);
  g_test_add_func ("/lessons/search/all-words-must-match", test_all_words_must_match);
  g_test_add_func ("/lessons/search/shipped-content", test_shipped_content);
  g_test_add_func ("/lessons/search/term-section", test_term_section);
  return g_test_run ();
}
