/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window under a real display (Xvfb in CI): every lesson of the shipped roadmap opens
 * and shows its title and body text; a broken lesson shows an error page with file:line:col
 * while the others keep working; keyboard actions and the Next button move through the
 * roadmap; the last lesson and the window size come back.
 *
 * With MLR_SCREENSHOT_DIR set, each page is also rendered to DIR/<lesson-id>.png (full height)
 * for a person to look at.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "demos/mlr-demo.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-demo-spec.h"
#include "lessons/mlr-roadmap.h"
#include "mlr-application.h"
#include "mlr-preferences-window.h"
#include "mlr-window.h"
#include "views/mlr-lesson-view.h"
#include "views/mlr-markup.h"
#include "views/mlr-glossary-page.h"
#include "views/mlr-quiz-question.h"
#include "views/mlr-search-row.h"
#include "views/mlr-sidebar-row.h"
#include "ui-test-init.h"

static MlrApplication *app;


static void
wait_idle (void)
{
  /* Let layout and drawing settle: run until nothing is pending, a few rounds. */
  for (int round = 0; round < 3; round++)
    {
      gint64 end = g_get_monotonic_time () + 20 * 1000;
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    {
      g_string_append (out, gtk_button_get_label (GTK_BUTTON (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

/* The visible text of the page, with the thin spaces padding inline code removed. */
static char *
page_text (MlrWindow *window)
{
  MlrLessonView *view = NULL;
  GString *s = g_string_new (NULL);
  GtkWidget *w;

  for (w = GTK_WIDGET (window); w != NULL;)
    {
      if (MLR_IS_LESSON_VIEW (w))
        {
          view = MLR_LESSON_VIEW (w);
          break;
        }
      /* depth-first search */
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          if (w)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (view);
  collect_text (mlr_lesson_view_get_page (view), s);
  {
    char *text = g_string_free (s, FALSE);
    char **parts = g_strsplit (text, "\u202f", -1);
    char *joined = g_strjoinv ("", parts);
    /* short inline code keeps its spaces from breaking */
    g_strfreev (parts);
    parts = g_strsplit (joined, "\u00a0", -1);
    g_free (joined);
    joined = g_strjoinv (" ", parts);
    g_strfreev (parts);
    g_free (text);
    return joined;
  }
}

static MlrLessonView *
find_view (GtkWidget *w)
{
  if (MLR_IS_LESSON_VIEW (w))
    return MLR_LESSON_VIEW (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      MlrLessonView *v = find_view (c);
      if (v)
        return v;
    }
  return NULL;
}

static void
save_screenshot (MlrWindow  *window,
                 const char *name)
{
  const char *dir = g_getenv ("MLR_SCREENSHOT_DIR");
  MlrLessonView *view;
  GtkWidget *page;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  view = find_view (GTK_WIDGET (window));
  page = mlr_lesson_view_get_page (view);
  w = gtk_widget_get_width (page);
  h = gtk_widget_get_height (page);
  paintable = gtk_widget_paintable_new (page);
  snapshot = gtk_snapshot_new ();
  /* A background, as the page itself is transparent. */
  {
    GdkRGBA bg;
    gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (window)),
                                    "window_bg_color", &bg);
    gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (-24, -24, w + 48, h + 48));
  }
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (-24, -24, w + 48, h + 48));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static const MlrBlock *
first_paragraph (const MlrBlock *block)
{
  if (block->kind == MLR_BLOCK_PARAGRAPH)
    return block;
  for (guint i = 0; block->children && i < block->children->len; i++)
    {
      const MlrBlock *p = first_paragraph (g_ptr_array_index (block->children, i));
      if (p)
        return p;
    }
  return NULL;
}

/* Text as a reader sees it, whatever spaces the page's labels use: no-break spaces as spaces,
 * narrow no-break spaces (around inline code) and word joiners (in formulas) dropped, runs
 * of spaces as one. */
static char *
normalize_spaces (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x202f || c == 0x2060)
        continue;
      if (c == 0xa0)
        c = ' ';
      if (c == ' ' && s->len > 0 && s->str[s->len - 1] == ' ')
        continue;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static MlrWindow *
new_window (const char *content_dir)
{
  MlrWindow *window = mlr_window_new (app, content_dir);

  gtk_window_present (GTK_WINDOW (window));
  wait_idle ();
  return window;
}

static void
test_every_lesson_opens (void)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (content, diags);
  MlrWindow *window;

  g_assert_nonnull (roadmap);
  window = new_window (content);
  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      g_autofree char *path = mlr_roadmap_lesson_path (roadmap, entry->id);
      g_autoptr(MlrLesson) lesson = mlr_lesson_load_file (path, content, NULL);
      g_autofree char *text = NULL;
      const MlrBlock *first_para = NULL;
      g_autofree char *para = NULL;

      g_assert_nonnull (lesson);
      g_assert_true (mlr_window_open_lesson (window, entry->id));
      wait_idle ();
      g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, entry->id);
      text = page_text (window);

      g_assert_nonnull (strstr (text, lesson->title));
      for (guint k = 0; k < lesson->sections->len && first_para == NULL; k++)
        first_para = first_paragraph (g_ptr_array_index (lesson->sections, k));
      g_assert_nonnull (first_para);
      /* the paragraph as its label shows it: inline formulas set as markup (x<sup>2</sup>
       * reads "x2" on the page, where the plain form for search has "x^2") */
      {
        g_autofree char *markup = mlr_inlines_to_markup (first_para->inlines, NULL);
        GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

        gtk_label_set_markup (GTK_LABEL (label), markup);
        para = normalize_spaces (gtk_label_get_text (GTK_LABEL (label)));
        g_object_unref (label);
      }
      {
        char *normal = normalize_spaces (text);
        g_free (text);
        text = normal;
      }
      if (strstr (text, para) == NULL)
        g_error ("lesson %s: the first paragraph is not on the page:\n%s", entry->id, para);
      g_assert_null (strstr (text, "cannot be shown"));
      g_assert_null (strstr (text, "have problems"));
      save_screenshot (window, entry->id);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

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

static char *
make_content (void)
{
  char *dir = g_dir_make_tmp ("mlr-ui-content-XXXXXX", NULL);

  write_file (dir, "roadmap.xml",
              "<?xml version=\"1.0\"?>\n<roadmap version=\"1\"><title>T</title>\n"
              "<step id=\"s\" number=\"1\" title=\"Only step\"><summary>S</summary>\n"
              "<lesson id=\"good\" title=\"Good one\"/>\n"
              "<lesson id=\"broken\" title=\"Broken one\"/>\n"
              "<lesson id=\"missing\" title=\"Missing one\"/>\n"
              "<lesson id=\"after\" title=\"After\"/>\n"
              "</step></roadmap>\n");
  write_file (dir, "lessons/good.xml",
              "<lesson id=\"good\" step=\"s\" minutes=\"1\"><title>Good lesson</title>"
              "<summary>Fine.</summary><section><title>A</title><p>Body of the good lesson."
              "</p><figure src=\"images/none.png\" alt=\"gone\"/>"
              "<demo kind=\"warp-drive\"/></section>"
              "<quiz><question type=\"single\"><prompt>One?</prompt>"
              "<choice correct=\"true\"><answer>Yes</answer><feedback>Right.</feedback></choice>"
              "<choice><answer>No</answer><feedback>Wrong.</feedback></choice>"
              "<explanation>Because.</explanation></question>"
              "<question type=\"multiple\"><prompt>Two?</prompt>"
              "<choice correct=\"true\"><answer>A</answer><feedback>Yes.</feedback></choice>"
              "<choice correct=\"true\"><answer>B</answer><feedback>Yes.</feedback></choice>"
              "<choice><answer>C</answer><feedback>No.</feedback></choice>"
              "<explanation>A and B.</explanation></question></quiz></lesson>\n");
  write_file (dir, "lessons/broken.xml",
              "<lesson id=\"broken\" step=\"s\" minutes=\"1\">\n<title>Broken</title>\n"
              "<summary>S</summary>\n<section><title>A</title>\n<p>unclosed\n</section>\n"
              "</lesson>\n");
  write_file (dir, "lessons/after.xml",
              "<lesson id=\"after\" step=\"s\" minutes=\"1\"><title>After lesson</title>"
              "<summary>Fine.</summary><section><title>A</title><p>Still here.</p></section>"
              "</lesson>\n");
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (cmd), ==, 0);
}

static void
test_error_pages (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  g_autofree char *good = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;

  /* Broken parts of a good lesson are placeholders with their messages. */
  g_assert_true (mlr_window_open_lesson (window, "good"));
  wait_idle ();
  good = page_text (window);
  g_assert_nonnull (strstr (good, "Body of the good lesson."));
  g_assert_nonnull (strstr (good, "This figure cannot be shown"));
  g_assert_nonnull (strstr (good, "images/none.png"));
  g_assert_nonnull (strstr (good, "Demo “warp-drive” cannot run"));
  save_screenshot (window, "error-parts");

  /* A lesson that is not well-formed: an error page naming file, line and column. */
  g_assert_true (mlr_window_open_lesson (window, "broken"));
  wait_idle ();
  broken = page_text (window);
  g_assert_nonnull (strstr (broken, "“Broken one” cannot be shown"));
  expected = g_strdup_printf ("%s/lessons/broken.xml:6:", dir);
  if (strstr (broken, expected) == NULL)
    g_error ("expected “%s” on the error page:\n%s", expected, broken);
  g_assert_nonnull (strstr (broken, "Opening and ending tag mismatch"));
  g_assert_nonnull (strstr (broken, "Next: Missing one"));
  save_screenshot (window, "error-page");

  /* A missing file is an error page too. */
  g_assert_true (mlr_window_open_lesson (window, "missing"));
  wait_idle ();
  missing = page_text (window);
  g_assert_nonnull (strstr (missing, "cannot open the file"));

  /* And every other lesson keeps working. */
  g_assert_true (mlr_window_open_lesson (window, "after"));
  wait_idle ();
  after = page_text (window);
  g_assert_nonnull (strstr (after, "Still here."));
  g_assert_nonnull (strstr (after, "You have reached the end of the roadmap."));

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

static void
test_navigation (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  GtkWidget *w;
  gboolean clicked = FALSE;

  g_assert_true (mlr_window_open_lesson (window, "good"));
  wait_idle ();
  g_assert_false (mlr_window_open_lesson (window, "no-such-lesson"));
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "broken");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-lesson", NULL));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");
  /* No lesson before the first: nothing moves. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-lesson", NULL);
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");

  /* The "Next: …" button at the end of the page. */
  for (w = GTK_WIDGET (window); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)),
                                          "Next: Broken one") == 0)
        {
          /* (gtk_widget_activate() would click only after its 250 ms press animation) */
          g_signal_emit_by_name (w, "clicked");
          clicked = TRUE;
          break;
        }
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          if (w)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_true (clicked);
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "broken");

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

static void
test_remembers_lesson_and_size (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  int w, h;

  g_assert_nonnull (mlr_application_get_settings (app));
  mlr_window_open_initial_lesson (window, "after");
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  wait_idle ();
  gtk_window_close (GTK_WINDOW (window));
  wait_idle ();

  window = new_window (dir);
  mlr_window_open_initial_lesson (window, NULL);
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");
  gtk_window_get_default_size (GTK_WINDOW (window), &w, &h);
  g_assert_cmpint (w, ==, 900);
  g_assert_cmpint (h, ==, 640);

  /* --lesson wins over the remembered one; an unknown id falls back without crashing. */
  mlr_window_open_initial_lesson (window, "good");
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");
  mlr_window_open_initial_lesson (window, "nope");
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");
  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

static GtkWidget *find_widget (GtkWidget *w, GType type);
static void collect_type (GtkWidget *w, GType type, GPtrArray *out);

static MlrSidebarRow *
sidebar_row_for (MlrWindow  *window,
                 const char *lesson_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_type (GTK_WIDGET (window), MLR_TYPE_SIDEBAR_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (mlr_sidebar_item_get_lesson_id (mlr_sidebar_row_get_item (rows->pdata[i])),
                   lesson_id) == 0)
      return rows->pdata[i];
  return NULL;
}

/* Everything that opens a lesson goes through win.open-lesson, and the sidebar's rows are a
 * list model's items, whose state the rows follow. */
static void
test_open_lesson_action (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  MlrProgress *progress = mlr_application_get_progress (app);
  MlrSidebarRow *row;
  MlrSidebarItem *item;
  GtkListBox *list;
  AdwLeaflet *leaflet;

  /* The sidebar: the three pages, then each lesson, in roadmap order, with accessible names. */
  row = sidebar_row_for (window, "after");
  g_assert_nonnull (row);
  list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row)));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 3 + 3);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==,
                   "win.open-lesson");
  item = mlr_sidebar_row_get_item (row);
  g_assert_cmpint (mlr_sidebar_item_get_kind (item), ==, MLR_SIDEBAR_ITEM_LESSON);
  g_assert_cmpstr (mlr_sidebar_item_get_title (item), ==, "After");

  /* Activating a row (Enter, a click) opens its lesson and selects it. */
  gtk_widget_activate (GTK_WIDGET (row));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (row));
  /* The item carries the progress, and the row follows it. */
  g_assert_cmpint (mlr_sidebar_item_get_state (item), ==, MLR_LESSON_IN_PROGRESS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
  g_assert_cmpint (mlr_sidebar_item_get_state (item), ==, MLR_LESSON_DONE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
  g_assert_cmpint (mlr_sidebar_item_get_state (item), ==, MLR_LESSON_IN_PROGRESS);

  /* Selecting a row, as the arrow keys do, opens it where the content is beside the list,
   * and the keyboard focus stays in the list for the next arrow (after a search too, which
   * moves the leaflet back to the list). */
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (sidebar_row_for (window, "good")));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (list)));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (find_widget (GTK_WIDGET (window),
                                                               GTK_TYPE_SEARCH_BAR)), FALSE);

  /* A lesson the arrow keys pass on the way is shown but not started, unless the reader
   * stays on it for a second. */
  {
    const char *passed = NULL;
    const char *ids[] = { "good", "broken", "missing", "after" };
    gint64 start;

    for (guint i = 0; i < G_N_ELEMENTS (ids) && passed == NULL; i++)
      if (mlr_progress_get_state (progress, ids[i]) == MLR_LESSON_NOT_STARTED)
        passed = ids[i];
    g_assert_nonnull (passed);
    start = g_get_monotonic_time ();
    gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (sidebar_row_for (window, passed)));
    wait_idle ();
    g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, passed);
    /* not started yet, if the page came up within the second (on a loaded machine the
     * layout alone can take longer, and then the lesson has rightly been started) */
    if (g_get_monotonic_time () - start < 900 * 1000)
      g_assert_cmpint (mlr_progress_get_state (progress, passed), ==, MLR_LESSON_NOT_STARTED);
    else
      g_test_message ("the page took over 0.9 s to settle; not-started not checked");
    ui_test_wait_ms (1300);
    g_assert_cmpint (mlr_progress_get_state (progress, passed), ==, MLR_LESSON_IN_PROGRESS);
    mlr_progress_set_state (progress, passed, MLR_LESSON_NOT_STARTED, NULL);
  }

  /* The pages to explore are rows too: home, the demos. */
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  wait_idle ();
  g_assert_nonnull (find_widget (GTK_WIDGET (window), g_type_from_name ("MlrHomePage")));
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  wait_idle ();
  g_assert_nonnull (find_widget (GTK_WIDGET (window), g_type_from_name ("MlrDemosPage")));

  /* The action itself, with a section, and with what is not a lesson. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lesson", "s",
                                             "after#0"));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lesson", "s", "../etc#x");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lesson", "s", "no-such-lesson");
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");

  /* Folded, the list fills the window: moving the selection opens nothing (and starts no
   * lesson) until the row is activated, which shows the lesson in the list's place. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  wait_idle ();
  g_assert_true (adw_leaflet_get_folded (leaflet));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  wait_idle ();
  row = sidebar_row_for (window, "broken");
  gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");
  g_assert_cmpint (mlr_progress_get_state (progress, "broken"), ==, MLR_LESSON_NOT_STARTED);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  gtk_widget_activate (GTK_WIDGET (row));
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "broken");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  for (guint i = 0; i < 3; i++)
    mlr_progress_set_state (progress, (const char *[]) { "after", "good", "broken" }[i],
                            MLR_LESSON_NOT_STARTED, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

static void
count_change_cb (GSettings  *settings,
                 const char *key,
                 guint      *n)
{
  (*n)++;
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Stepping through the roadmap writes neither the settings nor the progress file at each step,
 * on the UI thread: the last lesson is written once the reader stops, the progress in a
 * background thread once the changes pause. */
static void
test_saves_after_a_pause (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  GSettings *settings = mlr_application_get_settings (app);
  MlrProgress *progress = mlr_application_get_progress (app);
  g_autofree char *path = g_strdup (mlr_progress_get_path (progress));
  g_autofree char *last = NULL;
  guint n_changes = 0;
  gulong handler;

  g_assert_true (mlr_window_open_lesson (window, "good"));
  run_for (1500);
  handler = g_signal_connect (settings, "changed::last-lesson", G_CALLBACK (count_change_cb),
                              &n_changes);
  g_assert_true (mlr_progress_flush (progress, NULL));
  g_unlink (path);
  for (int i = 0; i < 3; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
    }
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "after");
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_true (mlr_progress_has_unsaved_changes (progress));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  run_for (1500);
  g_assert_cmpuint (n_changes, ==, 1);
  last = g_settings_get_string (settings, "last-lesson");
  g_assert_cmpstr (last, ==, "after");
  g_assert_false (mlr_progress_has_unsaved_changes (progress));
  {
    g_autoptr(MlrProgress) check = mlr_progress_new (path);
    g_assert_true (mlr_progress_load (check, NULL, NULL));
    g_assert_cmpint (mlr_progress_get_state (check, "broken"), ==, MLR_LESSON_DONE);
    g_assert_cmpint (mlr_progress_get_state (check, "missing"), ==, MLR_LESSON_DONE);
    g_assert_cmpint (mlr_progress_get_state (check, "after"), ==, MLR_LESSON_DONE);
  }
  g_signal_handler_disconnect (settings, handler);
  /* The other tests share the progress and these lesson ids. */
  for (guint i = 0; i < 3; i++)
    mlr_progress_set_state (progress, (const char *[]) { "broken", "missing", "after" }[i],
                            MLR_LESSON_NOT_STARTED, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

/* The home page: progress, a way in, each step; finishing the roadmap is acknowledged. */
static void
test_home_page (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  g_autoptr(GString) s = g_string_new (NULL);
  const char *ids[] = { "good", "broken", "missing", "after" };

  /* first launch (no lesson viewed last): the home page, no lesson open */
  g_settings_reset (mlr_application_get_settings (app), "last-lesson");
  mlr_window_open_initial_lesson (window, NULL);
  wait_idle ();
  g_assert_null (mlr_window_get_lesson_id (window));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (window),
                                                                ADW_TYPE_WINDOW_TITLE))),
                   ==, "Home");
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "0 of 4 lessons done or skipped (0%)"));
  g_assert_nonnull (strstr (s->str, "Step 1 · Only step"));
  g_assert_nonnull (strstr (s->str, "0 of 4 lessons"));
  g_assert_nonnull (strstr (s->str, "Start: Good one"));
  g_assert_nonnull (strstr (s->str, "Open every interactive demo"));
  g_assert_null (strstr (s->str, "You have finished the roadmap"));

  /* Every lesson done: the page and a toast say so. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (mlr_window_open_lesson (window, ids[i]));
      wait_idle ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
    }
  wait_idle ();
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "You have finished the whole roadmap. Well done!"));
  mlr_window_show_home (window);
  wait_idle ();
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "4 of 4 lessons done or skipped (100%)"));
  g_assert_nonnull (strstr (s->str, "You have finished the roadmap."));
  g_assert_nonnull (strstr (s->str, "Done"));
  /* back to a lesson and home again through the actions */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lesson", "s", "good"));
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "good");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-home", NULL));
  /* undo, so the other tests start from nothing done */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (mlr_window_open_lesson (window, ids[i]));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

static void
test_demos_page (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  g_autoptr(GString) s = g_string_new (NULL);
  const MlrDemoKind *kinds;
  guint n;

  mlr_window_open_lesson (window, "good");
  mlr_window_show_demos (window);
  wait_idle ();
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "Interactive demos"));
  kinds = mlr_demo_registry_get (&n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (strstr (s->str, kinds[i].title));
      g_assert_nonnull (strstr (s->str, kinds[i].description));
    }
  /* Back to lessons through the sidebar's lesson actions. */
  g_assert_true (mlr_window_open_lesson (window, "after"));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

/* The shortcuts window (Ctrl+?, the main menu) is built the first time it is asked for, and
 * then shown again rather than built twice. */
static void
test_shortcuts_window (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.show-help-overlay");
  GtkShortcutsWindow *overlay;
  GLogLevelFlags fatal;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  /* GTK 4.8's GtkShortcutsWindow lays some of its labels out at a negative width and warns
   * ("GtkLabel reported min width -3"); the window shows fine. Criticals stay fatal. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                             NULL));
  wait_idle ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (overlay));
  wait_idle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                             NULL));
  wait_idle ();
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) ==
                 overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_log_set_always_fatal (fatal);
  remove_tree (dir);
}

static GtkWidget *find_widget (GtkWidget *w,
                               GType      type);

static void
test_preferences (void)
{
  GSettings *settings = mlr_application_get_settings (app);
  GtkWidget *prefs;
  AdwComboRow *row = NULL;
  gboolean animations = TRUE;

  g_assert_nonnull (settings);
  /* Settings apply at once, whoever changes them. */
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_boolean (settings, "reduce-motion", TRUE);
  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &animations, NULL);
  g_assert_false (animations);
  g_settings_set_boolean (settings, "reduce-motion", FALSE);
  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &animations, NULL);
  g_assert_true (animations);

  /* The preferences window is bound to the same settings. */
  prefs = mlr_preferences_window_new (NULL, settings);
  for (GtkWidget *w = prefs; w != NULL;)
    {
      if (ADW_IS_COMBO_ROW (w))
        {
          row = ADW_COMBO_ROW (w);
          break;
        }
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          if (w)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  adw_combo_row_set_selected (row, 1);
  {
    g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
    g_assert_cmpstr (scheme, ==, "light");
  }
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_double (settings, "text-scale", 1.3);
  {
    /* the text-size slider stops at steps of 10 % and writes the setting */
    GtkWidget *scale = find_widget (prefs, GTK_TYPE_SCALE);
    gboolean handled = FALSE;

    g_assert_nonnull (scale);
    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 130);
    g_signal_emit_by_name (scale, "change-value", GTK_SCROLL_JUMP, 117.0, &handled);
    g_assert_true (handled);
    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 120);
    g_assert_cmpfloat (fabs (g_settings_get_double (settings, "text-scale") - 1.2), <, 1e-12);
    g_signal_emit_by_name (scale, "change-value", GTK_SCROLL_JUMP, 500.0, &handled);
    g_assert_cmpfloat (g_settings_get_double (settings, "text-scale"), ==, 1.6);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "text-scale");
}

static GtkWidget *
find_widget (GtkWidget *w,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static void
collect_type (GtkWidget *w,
              GType      type,
              GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    collect_type (c, type, out);
}

static void
count_notify_cb (guint *n)
{
  (*n)++;
}

/* The button labelled @label under @w. */
static GtkWidget *
find_button (gpointer    w,
             const char *label)
{
  if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (w), label) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_quiz_and_progress (void)
{
  g_autofree char *dir = make_content ();
  MlrWindow *window = new_window (dir);
  MlrProgress *progress = mlr_application_get_progress (app);
  g_autoptr(GPtrArray) questions = g_ptr_array_new ();
  g_autoptr(GString) s = g_string_new (NULL);
  guint score = 0, total = 0;
  MlrLessonView *view;
  MlrLessonState state;
  guint n_notify = 0;
  gulong notified;
  GtkWidget *check;

  g_assert_nonnull (progress);
  g_assert_true (mlr_window_open_lesson (window, "good"));
  wait_idle ();
  /* Opening a lesson starts it. */
  g_assert_cmpint (mlr_progress_get_state (progress, "good"), ==, MLR_LESSON_IN_PROGRESS);

  collect_type (GTK_WIDGET (window), MLR_TYPE_QUIZ_QUESTION, questions);
  g_assert_cmpuint (questions->len, ==, 2);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "Score: 0 of 2 right on the first try · 2 to go"));
  /* The first question right at once. */
  mlr_quiz_question_set_chosen (questions->pdata[0], 0, TRUE);
  g_assert_true (mlr_quiz_question_check (questions->pdata[0]));
  g_assert_true (mlr_quiz_question_is_correct (questions->pdata[0]));
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "Correct!"));
  g_assert_nonnull (strstr (s->str, "Because."));
  g_assert_nonnull (strstr (s->str, "Score: 1 of 2 right on the first try · 1 to go"));

  /* The second, wrong at first (A but not B, and C): a hint, the feedback of the wrong choice
   * chosen, and neither the right answers' feedback nor the explanation; no score yet. */
  mlr_quiz_question_set_chosen (questions->pdata[1], 0, TRUE);
  mlr_quiz_question_set_chosen (questions->pdata[1], 2, TRUE);
  g_assert_false (mlr_quiz_question_check (questions->pdata[1]));
  g_assert_true (mlr_quiz_question_is_hinting (questions->pdata[1]));
  g_assert_false (mlr_quiz_question_is_answered (questions->pdata[1]));
  g_assert_false (mlr_progress_get_quiz (progress, "good", &score, &total));
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (questions->pdata[1]), s);
  g_assert_nonnull (strstr (s->str, "Not quite: you found 1 of the 2 right answers. Read the "
                                    "hint and try again."));
  g_assert_nonnull (strstr (s->str, "No."));
  g_assert_null (strstr (s->str, "Yes."));
  g_assert_null (strstr (s->str, "A and B."));
  g_assert_nonnull (strstr (s->str, "Show Answer"));
  /* Check waits for a different answer: the same one would only use up the second try. */
  check = find_button (questions->pdata[1], "_Check");
  g_assert_false (gtk_widget_get_sensitive (check));

  /* Right on the second try: finished, but the score counts first answers. */
  mlr_quiz_question_set_chosen (questions->pdata[1], 2, FALSE);
  g_assert_true (gtk_widget_get_sensitive (check));
  mlr_quiz_question_set_chosen (questions->pdata[1], 1, TRUE);
  g_assert_true (mlr_quiz_question_check (questions->pdata[1]));
  g_assert_true (mlr_quiz_question_is_answered (questions->pdata[1]));
  g_assert_false (mlr_quiz_question_is_correct (questions->pdata[1]));
  g_assert_true (mlr_progress_get_quiz (progress, "good", &score, &total));
  g_assert_cmpuint (score, ==, 1);
  g_assert_cmpuint (total, ==, 2);
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "Correct on the second try."));
  g_assert_nonnull (strstr (s->str, "A and B."));
  g_assert_nonnull (strstr (s->str, "You answered 1 of 2 questions right on the first try."));
  g_assert_null (strstr (s->str, "You passed the quiz"));

  /* A new visit: two misses reveal the answer, and Try Again is practice that keeps the
   * score; both right at once passes, the best score is kept and "done" is offered. */
  g_assert_true (mlr_window_open_lesson (window, "good"));
  wait_idle ();
  g_ptr_array_set_size (questions, 0);
  collect_type (GTK_WIDGET (window), MLR_TYPE_QUIZ_QUESTION, questions);
  g_assert_cmpuint (questions->len, ==, 2);
  mlr_quiz_question_set_chosen (questions->pdata[0], 1, TRUE);
  g_assert_false (mlr_quiz_question_check (questions->pdata[0]));
  g_assert_false (mlr_quiz_question_check (questions->pdata[0]));
  g_assert_true (mlr_quiz_question_is_answered (questions->pdata[0]));
  g_assert_false (mlr_quiz_question_is_hinting (questions->pdata[0]));
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (questions->pdata[0]), s);
  g_assert_nonnull (strstr (s->str, "Not quite. The right answer is marked below."));
  g_assert_nonnull (strstr (s->str, "Right."));
  g_assert_nonnull (strstr (s->str, "Because."));
  mlr_quiz_question_reset (questions->pdata[0]);
  mlr_quiz_question_set_chosen (questions->pdata[0], 0, TRUE);
  g_assert_true (mlr_quiz_question_check (questions->pdata[0]));
  g_assert_false (mlr_quiz_question_is_correct (questions->pdata[0]));

  g_assert_true (mlr_window_open_lesson (window, "good"));
  wait_idle ();
  g_ptr_array_set_size (questions, 0);
  collect_type (GTK_WIDGET (window), MLR_TYPE_QUIZ_QUESTION, questions);
  mlr_quiz_question_set_chosen (questions->pdata[0], 0, TRUE);
  g_assert_true (mlr_quiz_question_check (questions->pdata[0]));
  mlr_quiz_question_set_chosen (questions->pdata[1], 0, TRUE);
  mlr_quiz_question_set_chosen (questions->pdata[1], 1, TRUE);
  g_assert_true (mlr_quiz_question_check (questions->pdata[1]));
  g_assert_true (mlr_progress_get_quiz (progress, "good", &score, &total));
  g_assert_cmpuint (score, ==, 2);
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "You passed the quiz. Mark this lesson as done?"));

  /* Ctrl+D's action marks it done, and again makes it not done; the page's "state" says so
   * to whoever watches it, once per change. */
  view = find_view (GTK_WIDGET (window));
  notified = g_signal_connect_swapped (view, "notify::state", G_CALLBACK (count_notify_cb),
                                       &n_notify);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
  g_assert_cmpint (mlr_progress_get_state (progress, "good"), ==, MLR_LESSON_DONE);
  g_object_get (view, "state", &state, NULL);
  g_assert_cmpint (state, ==, MLR_LESSON_DONE);
  g_assert_cmpuint (n_notify, ==, 1);
  g_string_truncate (s, 0);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "Roadmap 25% done · 1 of 4 lessons"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
  g_assert_cmpint (mlr_progress_get_state (progress, "good"), ==, MLR_LESSON_IN_PROGRESS);
  g_assert_cmpint (mlr_lesson_view_get_state (view), ==, MLR_LESSON_IN_PROGRESS);
  g_assert_cmpuint (n_notify, ==, 2);
  mlr_lesson_view_set_state (view, MLR_LESSON_IN_PROGRESS);
  g_assert_cmpuint (n_notify, ==, 2);
  g_signal_handler_disconnect (view, notified);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

/* Runs the main loop until @progress records @challenge (or two seconds pass). */
static gboolean
wait_for_challenge (MlrProgress *progress,
                    const char  *lesson,
                    const char  *challenge)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!mlr_progress_has_challenge (progress, lesson, challenge) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return mlr_progress_has_challenge (progress, lesson, challenge);
}

static void
test_challenge (void)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  MlrWindow *window = new_window (content);
  MlrProgress *progress = mlr_application_get_progress (app);
  g_autoptr(GPtrArray) demos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  MlrDemo *demo;

  g_assert_true (mlr_window_open_lesson (window, "determinants-eigenvectors"));
  wait_idle ();
  g_assert_false (mlr_progress_has_challenge (progress, "determinants-eigenvectors",
                                              "det-minus-two"));
  collect_type (GTK_WIDGET (window), MLR_TYPE_DEMO, demos);
  g_assert_cmpuint (demos->len, >=, 1);
  demo = demos->pdata[0];
  /* The reflection the demo starts with does not meet the goal, nor does half-way: î at
   * (1, 1) with det −1 ... */
  g_assert_true (mlr_demo_set_param (demo, "matrix", "1,0,1,-1", &error));
  g_assert_no_error (error);
  g_assert_false (wait_for_challenge (progress, "determinants-eigenvectors", "det-minus-two"));
  /* ... î at (1, 1) with det −2 does: the real state reports it, the challenge is met and
   * saved. */
  g_assert_true (mlr_demo_set_param (demo, "matrix", "1,1,1,-1", &error));
  g_assert_true (wait_for_challenge (progress, "determinants-eigenvectors", "det-minus-two"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search_and_glossary (void)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  MlrWindow *window = new_window (content);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  guint n;

  while (!mlr_window_is_index_ready (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mlr_window_is_index_ready (window));

  n = mlr_window_search (window, "bayes");
  g_assert_cmpuint (n, >=, 2);
  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, " results"));
  /* Enter opens the best match: the lesson with Bayes in its title. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY), "activate");
  wait_idle ();
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "bayes-theorem");
  /* Each result opens its lesson at the section that matched, through win.open-lesson. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(MlrSearchHit) hit = NULL;
    g_autofree char *place = NULL;

    g_assert_cmpuint (mlr_window_search (window, "bayes"), ==, n);
    collect_type (GTK_WIDGET (window), MLR_TYPE_SEARCH_ROW, rows);
    g_assert_cmpuint (rows->len, ==, n);
    hit = g_object_ref (mlr_search_row_get_hit (rows->pdata[rows->len - 1]));
    place = mlr_roadmap_place (mlr_search_hit_get_lesson_id (hit),
                               mlr_search_hit_get_section (hit));
    g_assert_cmpstr (gtk_actionable_get_action_name (rows->pdata[rows->len - 1]), ==,
                     "win.open-lesson");
    g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
                                             rows->pdata[rows->len - 1]), NULL), ==, place);
    gtk_widget_activate (rows->pdata[rows->len - 1]);
    wait_idle ();
    g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, mlr_search_hit_get_lesson_id (hit));
    g_assert_cmpuint (mlr_window_search (window, "bayes"), ==, n);
  }
  g_assert_cmpuint (mlr_window_search (window, "qwertyuiop"), ==, 0);

  mlr_window_show_glossary (window);
  wait_idle ();
  collect_type (GTK_WIDGET (window), MLR_TYPE_GLOSSARY_PAGE, pages);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpuint (mlr_glossary_page_get_n_terms (pages->pdata[0]), >=, 100);
  g_string_truncate (s, 0);
  collect_text (pages->pdata[0], s);
  g_assert_nonnull (strstr (s->str, "Gradient"));
  /* the lesson named as the sidebar names it */
  g_assert_nonnull (strstr (s->str, "Taught in “Derivatives and gradients”"));
  /* The filter keeps the terms whose name or definition holds the text, and says when none
   * does. */
  {
    guint all = mlr_glossary_page_get_n_terms (pages->pdata[0]);
    guint some = mlr_glossary_page_filter (pages->pdata[0], "GRADIENT");

    g_assert_cmpuint (some, >=, 2);
    g_assert_cmpuint (some, <, all / 4);
    g_assert_cmpuint (mlr_glossary_page_filter (pages->pdata[0], "qwertyuiop"), ==, 0);
    g_string_truncate (s, 0);
    collect_text (pages->pdata[0], s);
    g_assert_nonnull (strstr (s->str, "No terms match."));
    g_assert_null (strstr (s->str, "Taught in"));
    g_assert_cmpuint (mlr_glossary_page_filter (pages->pdata[0], ""), ==, all);
  }
  /* Its links open the lesson (the one shown last was not this one). */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *link = NULL;

    collect_type (pages->pdata[0], GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len && link == NULL; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]),
                     "Taught in “Derivatives and gradients”") == 0)
        link = buttons->pdata[i];
    g_assert_nonnull (link);
    g_signal_emit_by_name (link, "clicked");
    wait_idle ();
    g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "calculus-gradients");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_missing_roadmap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-ui-empty-XXXXXX", NULL);
  MlrWindow *window = new_window (dir);
  g_autoptr(GString) s = g_string_new (NULL);

  collect_text (GTK_WIDGET (window), s);
  g_assert_nonnull (strstr (s->str, "The Roadmap Could Not Be Loaded"));
  g_assert_nonnull (strstr (s->str, "roadmap.xml: cannot open the file"));
  /* Its icon is named when the page is shown (a hidden one would still be loaded). */
  {
    g_autoptr(GPtrArray) pages = g_ptr_array_new ();
    AdwStatusPage *page = NULL;

    collect_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, pages);
    for (guint i = 0; i < pages->len; i++)
      if (g_strcmp0 (adw_status_page_get_title (pages->pdata[i]),
                     "The Roadmap Could Not Be Loaded") == 0)
        page = pages->pdata[i];
    g_assert_nonnull (page);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
    g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "dialog-error-symbolic");
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
  g_assert_null (mlr_window_get_lesson_id (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* The label under @w whose markup holds @text. */
static GtkWidget *
find_label_with (GtkWidget  *w,
                 const char *text)
{
  if (GTK_IS_LABEL (w) && strstr (gtk_label_get_label (GTK_LABEL (w)), text) != NULL)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_with (c, text);
      if (found)
        return found;
    }
  return NULL;
}

/* The section box called @id on the page (section boxes carry their id as widget name). */
static GtkWidget *
find_named (GtkWidget  *w,
            const char *id)
{
  if (GTK_IS_BOX (w) && g_str_equal (gtk_widget_get_name (w), id))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, id);
      if (found)
        return found;
    }
  return NULL;
}

static void
wait_for_page (MlrWindow *window)
{
  MlrLessonView *view = find_view (GTK_WIDGET (window));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!mlr_lesson_view_is_complete (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mlr_lesson_view_is_complete (view));
  wait_idle ();
  ui_test_wait_ms (100);
  wait_idle ();
}

/* How far below the top of the page's viewport @section is, in pixels. */
static double
section_offset (MlrWindow  *window,
                const char *section)
{
  GtkWidget *view = GTK_WIDGET (find_view (GTK_WIDGET (window)));
  GtkWidget *scroller = find_widget (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *box = find_named (view, section);
  graphene_point_t p;

  g_assert_nonnull (box);
  g_assert_true (gtk_widget_compute_point (box, scroller, &GRAPHENE_POINT_INIT (0, 0), &p));
  return p.y;
}

static char *
make_linked_content (void)
{
  char *dir = g_dir_make_tmp ("mlr-ui-links-XXXXXX", NULL);
  GString *to = g_string_new ("<lesson id=\"to\" step=\"s\" minutes=\"1\"><title>To lesson</title>"
                              "<summary>Where links lead.</summary>\n");

  write_file (dir, "roadmap.xml",
              "<?xml version=\"1.0\"?>\n<roadmap version=\"1\"><title>T</title>\n"
              "<step id=\"s\" number=\"1\" title=\"Only step\"><summary>S</summary>\n"
              "<lesson id=\"from\" title=\"From\"/>\n"
              "<lesson id=\"middle\" title=\"Middle\"/>\n"
              "<lesson id=\"to\" title=\"To\"/>\n"
              "</step></roadmap>\n");
  write_file (dir, "lessons/from.xml",
              "<lesson id=\"from\" step=\"s\" minutes=\"1\"><title>From lesson</title>"
              "<summary>Links away.</summary><section id=\"a\"><title>A</title>"
              "<p>Nothing to follow here.</p>"
              "<p>Read <link href=\"lesson:to#far\">the far section</link>, or "
              "<link href=\"lesson:to\">the whole lesson</link>, or "
              "<link href=\"https://example.org/\">the web</link>.</p></section></lesson>\n");
  write_file (dir, "lessons/middle.xml",
              "<lesson id=\"middle\" step=\"s\" minutes=\"1\"><title>Middle lesson</title>"
              "<summary>S.</summary><section><title>M</title><p>Between.</p></section>"
              "</lesson>\n");
  /* A long lesson, so the far section starts well below the first screen. */
  for (int i = 0; i < 12; i++)
    g_string_append_printf (to, "<section id=\"s%d\"><title>Section %d</title>"
                            "<p>Filler paragraph %d, long enough to take up a few lines of the "
                            "page so that the sections add up to several screens of text in "
                            "a window of ordinary size. Filler, filler, filler, filler.</p>"
                            "<p>More filler.</p><p>And more.</p></section>\n", i, i, i);
  g_string_append (to, "<section id=\"far\"><title>The far section</title><p>Arrived.</p>"
                       "</section>\n");
  for (int i = 12; i < 20; i++)
    g_string_append_printf (to, "<section><title>After %d</title><p>Filler.</p>"
                            "<p>More.</p></section>\n", i);
  g_string_append (to, "</lesson>\n");
  write_file (dir, "lessons/to.xml", to->str);
  g_string_free (to, TRUE);
  return dir;
}

/* A link to a lesson opens it in the window, as the sidebar does, at the section it names:
 * by keyboard (Tab to the link, Enter) and by a click; its tooltip says it opens a lesson. */
static void
test_lesson_links (void)
{
  g_autofree char *dir = make_linked_content ();
  MlrWindow *window = new_window (dir);
  MlrLessonView *view;
  GtkWidget *label;
  GtkRoot *root = GTK_ROOT (window);
  gint64 end;
  gboolean on_label = FALSE;
  double before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  /* the tooltips name the lesson once every lesson has been read */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!mlr_window_is_index_ready (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mlr_window_is_index_ready (window));
  g_assert_true (mlr_window_open_lesson (window, "from"));
  wait_for_page (window);
  view = find_view (GTK_WIDGET (window));

  label = find_label_with (GTK_WIDGET (view), "lesson:to#far");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "title=\"Opens the lesson “To lesson” at “The far section”\""));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "title=\"Opens the lesson “To lesson”\""));
  g_assert_true (gtk_widget_get_focusable (label));

  /* Tab from the page until the paragraph with the links has the focus: its first link is
   * the current one, and Enter (the label's activate-current-link) follows it. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  for (int i = 0; i < 50 && !on_label; i++)
    {
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      g_test_message ("Tab %d: focus %s, link %s", i,
                      G_OBJECT_TYPE_NAME (gtk_root_get_focus (root)),
                      GTK_IS_LABEL (gtk_root_get_focus (root))
                      ? gtk_label_get_current_uri (GTK_LABEL (gtk_root_get_focus (root))) : "-");
      on_label = gtk_root_get_focus (root) == label &&
                 g_strcmp0 (gtk_label_get_current_uri (GTK_LABEL (label)), "lesson:to#far") == 0;
    }
  g_assert_true (on_label);
  g_signal_emit_by_name (label, "activate-current-link");
  wait_for_page (window);
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "to");
  g_assert_cmpstr (mlr_lesson_view_get_lesson (view)->id, ==, "to");
  /* The sidebar follows, as when the row is activated. */
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (sidebar_row_for (window,
                                                                                   "to"))));
  /* The far section is at the top of the viewport, and the reader's keys are on the page. */
  before = section_offset (window, "far");
  g_test_message ("the far section is %.0f px below the top of the viewport", before);
  g_assert_cmpfloat (before, >=, 0);
  g_assert_cmpfloat (before, <, 60);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (view)) ||
                 gtk_root_get_focus (root) == GTK_WIDGET (view));

  /* A click: the label's activate-link, with the link's address. The whole lesson opens as the
   * sidebar opens it (where the reader left it); the web link is not followed here. */
  g_assert_true (mlr_window_open_lesson (window, "from"));
  wait_for_page (window);
  label = find_label_with (GTK_WIDGET (view), "lesson:to#far");
  {
    gboolean handled = FALSE;
    g_signal_emit_by_name (label, "activate-link", "lesson:to", &handled);
    g_assert_true (handled);
  }
  wait_for_page (window);
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "to");

  /* A link whose lesson or section is gone (content not validated) leaves the reader where
   * they are, or at the top of the lesson, and says so in a toast. */
  g_assert_true (mlr_window_open_lesson (window, "from"));
  wait_for_page (window);
  label = find_label_with (GTK_WIDGET (view), "lesson:to#far");
  {
    gboolean handled = FALSE;
    g_signal_emit_by_name (label, "activate-link", "lesson:nowhere", &handled);
    g_assert_true (handled);
    wait_idle ();
    g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "from");
    g_signal_emit_by_name (label, "activate-link", "lesson:middle#gone", &handled);
    wait_for_page (window);
    g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, "middle");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int exit_status;
  int ret;

  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  /* Progress goes to a private data folder (GLib caches it on first use: set it first). */
  {
    char *data = g_dir_make_tmp ("mlr-ui-data-XXXXXX", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_free (data);
  }
  if (!ui_test_init_display (&exit_status))
    return exit_status;

  app = mlr_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/window/every-lesson-opens", test_every_lesson_opens);
  g_test_add_func ("/ui/window/error-pages", test_error_pages);
  g_test_add_func ("/ui/window/navigation", test_navigation);
  g_test_add_func ("/ui/window/remembers-lesson-and-size", test_remembers_lesson_and_size);
  g_test_add_func ("/ui/window/saves-after-a-pause", test_saves_after_a_pause);
  g_test_add_func ("/ui/window/open-lesson-action", test_open_lesson_action);
  g_test_add_func ("/ui/window/demos-page", test_demos_page);
  g_test_add_func ("/ui/window/home-page", test_home_page);
  g_test_add_func ("/ui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/window/missing-roadmap", test_missing_roadmap);
  g_test_add_func ("/ui/progress/quiz-and-states", test_quiz_and_progress);
  g_test_add_func ("/ui/search/search-and-glossary", test_search_and_glossary);
  g_test_add_func ("/ui/progress/challenge", test_challenge);
  g_test_add_func ("/ui/preferences/apply", test_preferences);
  g_test_add_func ("/ui/window/lesson-links", test_lesson_links);
  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
