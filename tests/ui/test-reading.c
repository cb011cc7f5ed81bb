/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a lesson as a learner does, through real X input (xdotool, through XTEST, under
 * Xvfb): only the keyboard from the app's start to a demo control, a copied code block and a
 * quiz answer, asserting where focus is after each key; Space and Page Down scroll the page
 * and never press a button; Tab leaves the sidebar in one step without opening lessons; the
 * sidebar follows the lesson shown and keeps one width; the mouse wheel over a code block or
 * an unfocused slider scrolls the page; a click on a demo half off screen leaves the page
 * where it is.
 *
 * Keyboard focus belongs to one X window at a time, so this test runs alone (is_parallel:
 * false in meson.build).
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-demo.h"
#include "mlr-application.h"
#include "mlr-window.h"
#include "painters/mlr-demo-registry.h"
#include "views/mlr-code-block.h"
#include "views/mlr-lesson-view.h"
#include "views/mlr-quiz-question.h"
#include "views/mlr-search-hit.h"
#include "views/mlr-search-row.h"
#include "views/mlr-sidebar-row.h"
#include "ui-test-init.h"

/* A lesson with link paragraphs, two demos with sliders, a code block and a quiz. */
#define LESSON "calculus-gradients"
/* Tabs allowed to get from one stop of the walk to the next. */
#define MAX_TABS 200

static MlrApplication *app;

/* Lets the app handle what is pending: input from the X server arrives within a few ms. */
static void
wait_idle (void)
{
  for (int round = 0; round < 2; round++)
    {
      gint64 end = g_get_monotonic_time () + 15 * 1000;
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
}

/* Runs `xdotool ARGS` and lets the app handle what it sent. */
static void
xdo (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  wait_idle ();
}

static void
key (const char *name)
{
  g_autofree char *args = g_strdup_printf ("key %s", name);
  xdo (args);
}

static GtkWidget *
focus_of (MlrWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
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

static gpointer
find_type (GtkWidget *root,
           GType      type)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect_type (root, type, all);
  return all->len > 0 ? all->pdata[0] : NULL;
}

static GtkAdjustment *
page_vadjustment (MlrLessonView *view)
{
  GtkWidget *scroller = find_type (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* A window as the app makes one: the lesson opened before the window is shown. */
static MlrWindow *
open_window (const char *lesson)
{
  MlrWindow *window = mlr_window_new (app, g_getenv ("MLR_CONTENT_DIR"));
  MlrLessonView *view;
  gint64 end;
  Window xid;
  g_autofree char *args = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  mlr_window_open_initial_lesson (window, lesson);
  gtk_window_present (GTK_WINDOW (window));
  view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!mlr_lesson_view_is_complete (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mlr_lesson_view_is_complete (view));
  wait_idle ();
  /* Without a window manager, X gives the keyboard to the window that asks. */
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  args = g_strdup_printf ("windowfocus --sync %lu", (unsigned long) xid);
  xdo (args);
  return window;
}

static gboolean
is_inside (GtkWidget *w,
           GtkWidget *ancestor)
{
  return w == ancestor || (w != NULL && gtk_widget_is_ancestor (w, ancestor));
}

/* Where @w is on the page, relative to the visible part. */
static gboolean
visible_on_page (MlrLessonView *view,
                 GtkWidget     *w)
{
  GtkWidget *scroller = find_type (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (w, scroller, &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (scroller);
}

static gboolean
is_copy_button (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) && gtk_widget_get_ancestor (w, MLR_TYPE_CODE_BLOCK) != NULL;
}

static gboolean
is_demo_slider (GtkWidget *w)
{
  return GTK_IS_SCALE (w) && gtk_widget_get_ancestor (w, MLR_TYPE_DEMO) != NULL;
}

static gboolean
is_quiz_choice (GtkWidget *w)
{
  return GTK_IS_CHECK_BUTTON (w) && gtk_widget_get_ancestor (w, MLR_TYPE_QUIZ_QUESTION) != NULL;
}

static gboolean
is_check_button (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) && !GTK_IS_TOGGLE_BUTTON (w) &&
         gtk_widget_get_ancestor (w, MLR_TYPE_QUIZ_QUESTION) != NULL &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Check") == 0;
}

/* Presses Tab until focus is on a widget @stop accepts. Every press must move focus, to a
 * widget that shows: inside the page, one the page has scrolled into view. The walk is
 * recorded in @trail. */
static GtkWidget *
tab_to (MlrWindow     *window,
        MlrLessonView *view,
        gboolean     (*stop) (GtkWidget *),
        GPtrArray     *trail)
{
  for (int i = 0; i < MAX_TABS; i++)
    {
      GtkWidget *before = focus_of (window), *after;
      g_autofree char *uri = GTK_IS_LABEL (before)
                             ? g_strdup (gtk_label_get_current_uri (GTK_LABEL (before))) : NULL;

      key ("Tab");
      after = focus_of (window);
      g_assert_nonnull (after);
      /* within a paragraph, Tab goes from one link to the next */
      if (after == before && GTK_IS_LABEL (after) &&
          g_strcmp0 (uri, gtk_label_get_current_uri (GTK_LABEL (after))) != 0)
        continue;
      if (after == before)
        g_error ("Tab did not move from a %s (%s)", G_OBJECT_TYPE_NAME (after),
                 gtk_widget_get_tooltip_text (after) ? gtk_widget_get_tooltip_text (after) : "");
      g_assert_true (gtk_widget_is_drawable (after));
      /* forward from the page, Tab stays in it until its end */
      g_assert_true (is_inside (after, GTK_WIDGET (view)));
      if (!visible_on_page (view, after))
        g_error ("a %s (%s) took focus out of view", G_OBJECT_TYPE_NAME (after),
                 GTK_IS_LABEL (after) ? gtk_label_get_text (GTK_LABEL (after)) : "");
      g_ptr_array_add (trail, after);
      if (stop (after))
        return after;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (GtkWidget *widget)
{
  char *text = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_text_cb,
                                 &text);
  while (text == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static void
test_keyboard_walk (void)
{
  MlrWindow *window = open_window (LESSON);
  MlrLessonView *view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
  GtkAdjustment *vadj = page_vadjustment (view);
  g_autoptr(GPtrArray) trail = g_ptr_array_new ();
  GtkWidget *slider, *copy, *choice, *check;
  double page, before, value;
  MlrQuizQuestion *question;
  g_autofree char *copied = NULL;

  /* At start the page has focus: the reading keys scroll it. */
  g_assert_true (focus_of (window) == GTK_WIDGET (view));
  page = gtk_adjustment_get_page_size (vadj);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  key ("Page_Down");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), 0.9 * page, 1);
  /* Space scrolls too, and never presses the "previous lesson" button. */
  key ("space");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), 1.8 * page, 1);
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, LESSON);
  key ("shift+space");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), 0.9 * page, 1);
  key ("Page_Up");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  key ("Down");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 48);
  key ("Up");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  key ("End");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj),
                                  gtk_adjustment_get_upper (vadj) - page, 1);
  key ("Home");
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  g_assert_true (focus_of (window) == GTK_WIDGET (view));

  /* Tab through the page, in reading order, to the first demo's slider; the arrow keys move
   * it (and do not scroll the page). */
  slider = tab_to (window, view, is_demo_slider, trail);
  before = gtk_range_get_value (GTK_RANGE (slider));
  value = gtk_adjustment_get_value (vadj);
  key ("Right");
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (slider)), >, before);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, value);

  /* On to the code block's copy button: Enter copies the code. */
  copy = tab_to (window, view, is_copy_button, trail);
  key ("Return");
  copied = clipboard_text (copy);
  g_assert_cmpstr (copied, ==, mlr_code_block_get_code (
                     MLR_CODE_BLOCK (gtk_widget_get_ancestor (copy, MLR_TYPE_CODE_BLOCK))));

  /* On to the quiz: Space picks a choice, Tab reaches Check, Enter checks. */
  choice = tab_to (window, view, is_quiz_choice, trail);
  question = MLR_QUIZ_QUESTION (gtk_widget_get_ancestor (choice, MLR_TYPE_QUIZ_QUESTION));
  key ("space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (choice)));
  check = tab_to (window, view, is_check_button, trail);
  key ("Return");
  g_assert_true (mlr_quiz_question_is_answered (question) ||
                 mlr_quiz_question_is_hinting (question));

  /* Shift+Tab walks the same way back. */
  for (guint i = 0; i < 5 && trail->len >= 2; i++)
    {
      GtkWidget *expected = trail->pdata[trail->len - 2];
      if (!gtk_widget_get_visible (trail->pdata[trail->len - 1]) ||
          !gtk_widget_is_sensitive (expected))
        break;  /* the Check button hides once a question is answered */
      key ("shift+Tab");
      g_assert_true (focus_of (window) == expected);
      g_ptr_array_set_size (trail, trail->len - 1);
    }
  (void) check;

  /* No key of the walk opened another lesson. */
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, LESSON);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sidebar is one Tab stop: its current row; Tab leaves it without opening lessons. */
static void
test_sidebar_tab_stop (void)
{
  MlrWindow *window = open_window (LESSON);
  MlrLessonView *view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
  GtkWidget *row, *header_button;

  g_assert_true (focus_of (window) == GTK_WIDGET (view));
  /* back from the page: the lesson's Next and Previous buttons, then the sidebar */
  key ("shift+Tab");
  key ("shift+Tab");
  header_button = focus_of (window);
  g_assert_true (GTK_IS_BUTTON (header_button));
  key ("shift+Tab");
  row = focus_of (window);
  g_assert_true (MLR_IS_SIDEBAR_ROW (row));
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  /* one more step back leaves the list for its header, not for the row above */
  key ("shift+Tab");
  g_assert_false (MLR_IS_SIDEBAR_ROW (focus_of (window)));
  g_assert_nonnull (focus_of (window));
  key ("Tab");
  g_assert_true (focus_of (window) == row);
  key ("Tab");
  g_assert_true (focus_of (window) == header_button);
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, LESSON);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sidebar's list and the rows in it. */
static GtkListBox *
sidebar_list (MlrWindow *window)
{
  GtkWidget *row = find_type (GTK_WIDGET (window), MLR_TYPE_SIDEBAR_ROW);

  g_assert_nonnull (row);
  return GTK_LIST_BOX (gtk_widget_get_parent (row));
}

/* Whether the selected row of the sidebar shows in its scrolled window. */
static gboolean
selected_row_in_view (GtkListBox *list)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), scroller, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* Next, Previous and opening a lesson from elsewhere select its row and scroll it into view,
 * without showing the sidebar's overlay scrollbar (the reader did not scroll; its fading out
 * would repaint the window for a second); the sidebar keeps one width whatever the lesson. */
static void
test_sidebar_follows (void)
{
  MlrWindow *window = open_window ("what-ml-engineers-do");
  GtkListBox *list = sidebar_list (window);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  int width = gtk_widget_get_width (scroller);
  GtkWidget *scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double top = gtk_adjustment_get_value (vadj);
  guint opened = 1, scrolled = 0;

  g_assert_cmpint (width, >, 0);
  g_assert_true (selected_row_in_view (list));
  for (;;)
    {
      g_autofree char *before = g_strdup (mlr_window_get_lesson_id (window));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
      wait_idle ();
      if (g_strcmp0 (mlr_window_get_lesson_id (window), before) == 0)
        break;  /* the last lesson */
      opened++;
      g_assert_true (selected_row_in_view (list));
      g_assert_cmpint (gtk_widget_get_width (scroller), ==, width);
      vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      if (gtk_adjustment_get_value (vadj) != top)
        scrolled++;
      top = gtk_adjustment_get_value (vadj);
      g_assert_cmpfloat (gtk_widget_get_opacity (scrollbar), ==, 0);
    }
  g_assert_cmpuint (opened, >=, 30);
  g_assert_cmpuint (scrolled, >=, 5);
  /* Back to the first lesson from the end, as a search result or a link opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-lesson", "s",
                                             "what-ml-engineers-do"));
  wait_idle ();
  g_assert_true (selected_row_in_view (list));

  /* Read down the page, and Next: the new lesson starts at its top, again without the page's
   * overlay scrollbar showing. */
  {
    MlrLessonView *view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
    GtkWidget *page_scroller = find_type (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *page_bar =
      gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (page_scroller));
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    gtk_adjustment_set_value (page_vadjustment (view), 600);
    wait_idle ();
    g_assert_cmpfloat (gtk_adjustment_get_value (page_vadjustment (view)), ==, 600);
    /* the scroll shows the scrollbar, as the wheel does: wait for it to fade */
    while (gtk_widget_get_opacity (page_bar) > 0 && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpfloat (gtk_widget_get_opacity (page_bar), ==, 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
    wait_idle ();
    g_assert_cmpstr (mlr_window_get_lesson_id (window), !=, "what-ml-engineers-do");
    g_assert_cmpfloat (gtk_adjustment_get_value (page_vadjustment (view)), ==, 0);
    g_assert_cmpfloat (gtk_widget_get_opacity (page_bar), ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sends a wheel notch down at @widget's centre. */
static void
wheel_down_over (MlrWindow *window,
                 GtkWidget *widget)
{
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  graphene_point_t p;
  double sx, sy;
  g_autofree char *args = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &p));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  args = g_strdup_printf ("mousemove --window %lu %d %d click 5", (unsigned long) xid,
                          (int) (p.x + sx), (int) (p.y + sy));
  xdo (args);
}

/* Brings @widget into the middle of the page. */
static void
scroll_to (MlrLessonView *view,
           GtkWidget     *widget)
{
  GtkAdjustment *vadj = page_vadjustment (view);
  GtkWidget *page = mlr_lesson_view_get_page (view);
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (widget, page, &GRAPHENE_POINT_INIT (0, 0), &p));
  gtk_adjustment_set_value (vadj, p.y - gtk_adjustment_get_page_size (vadj) / 3);
  wait_idle ();
}

static void
test_wheel_passes_through (void)
{
  MlrWindow *window = open_window (LESSON);
  MlrLessonView *view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
  GtkAdjustment *vadj = page_vadjustment (view);
  GtkWidget *code = find_type (GTK_WIDGET (view), MLR_TYPE_CODE_BLOCK);
  GtkWidget *demo = find_type (GTK_WIDGET (view), MLR_TYPE_DEMO);
  GtkWidget *slider = find_type (demo, GTK_TYPE_SCALE);
  double before, value;

  g_assert_nonnull (code);
  g_assert_nonnull (slider);

  /* over code: the page scrolls */
  scroll_to (view, code);
  before = gtk_adjustment_get_value (vadj);
  wheel_down_over (window, code);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, before + 10);

  /* over a slider the learner is not using: the page scrolls, the value stays */
  scroll_to (view, slider);
  before = gtk_adjustment_get_value (vadj);
  value = gtk_range_get_value (GTK_RANGE (slider));
  wheel_down_over (window, slider);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, before + 10);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (slider)), ==, value);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click on a demo half below the window's edge focuses its canvas and leaves the page
 * where it is (scrolling it under the pointer would make the first drag miss). */
static void
test_click_does_not_scroll (void)
{
  MlrWindow *window = open_window (LESSON);
  MlrLessonView *view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
  GtkAdjustment *vadj = page_vadjustment (view);
  GtkWidget *demo = find_type (GTK_WIDGET (view), MLR_TYPE_DEMO);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (demo)));
  GtkWidget *page = mlr_lesson_view_get_page (view);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  graphene_point_t top, p;
  g_autofree char *args = NULL;
  double before, sx, sy;

  g_assert_true (gtk_widget_compute_point (canvas, page, &GRAPHENE_POINT_INIT (0, 0), &top));
  /* the canvas's top 80 px visible at the bottom of the page */
  gtk_adjustment_set_value (vadj, top.y - gtk_adjustment_get_page_size (vadj) + 80);
  wait_idle ();
  before = gtk_adjustment_get_value (vadj);
  g_assert_true (gtk_widget_compute_point (canvas, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (40, 30), &p));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  args = g_strdup_printf ("mousemove --window %lu %d %d click 1", (unsigned long) xid,
                          (int) (p.x + sx), (int) (p.y + sy));
  xdo (args);
  wait_idle ();
  g_assert_true (focus_of (window) == canvas);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (vadj) - before), <, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A label under @w with text selected that reads @text (case-insensitively), or NULL. */
static GtkLabel *
selected_label (GtkWidget  *w,
                const char *text)
{
  int start, end;

  if (GTK_IS_LABEL (w) && gtk_label_get_selection_bounds (GTK_LABEL (w), &start, &end))
    {
      const char *s = gtk_label_get_text (GTK_LABEL (w));
      const char *a = g_utf8_offset_to_pointer (s, start), *b = g_utf8_offset_to_pointer (s, end);
      g_autofree char *sel = g_utf8_strdown (a, b - a);
      if (g_str_equal (sel, text))
        return GTK_LABEL (w);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = selected_label (c, text);
      if (found)
        return found;
    }
  return NULL;
}

/* Search with the keyboard: Ctrl+F, type, Down to the results, Enter opens one at the match,
 * selected. A glossary term is a result of its own, first. */
static void
test_search_keyboard (void)
{
  MlrWindow *window = open_window ("what-ml-engineers-do");
  MlrLessonView *view = find_type (GTK_WIDGET (window), MLR_TYPE_LESSON_VIEW);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  MlrSearchHit *hit;
  GtkWidget *row;
  GtkLabel *label = NULL;

  while (!mlr_window_is_index_ready (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mlr_window_is_index_ready (window));
  key ("ctrl+f");
  g_assert_true (GTK_IS_TEXT (focus_of (window)));
  xdo ("type --delay 20 'learning rate'");
  /* the entry searches after a pause in typing: wait for the results */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (find_type (GTK_WIDGET (window), MLR_TYPE_SEARCH_ROW) == NULL &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (find_type (GTK_WIDGET (window), MLR_TYPE_SEARCH_ROW));
  wait_idle ();
  key ("Down");
  row = focus_of (window);
  g_assert_true (MLR_IS_SEARCH_ROW (row));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 0);
  g_assert_cmpstr (mlr_search_hit_get_title (mlr_search_row_get_hit (MLR_SEARCH_ROW (row))), ==,
                   "Learning rate");
  key ("Down");
  row = focus_of (window);
  g_assert_true (MLR_IS_SEARCH_ROW (row));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 1);
  hit = mlr_search_row_get_hit (MLR_SEARCH_ROW (row));
  /* the best lesson for the phrase is not the one with "machine-learning" in its title */
  g_assert_cmpstr (mlr_search_hit_get_lesson_id (hit), !=, "what-ml-engineers-do");
  key ("Return");
  g_assert_cmpstr (mlr_window_get_lesson_id (window), ==, mlr_search_hit_get_lesson_id (hit));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (label == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      if (mlr_lesson_view_is_complete (view))
        label = selected_label (mlr_lesson_view_get_page (view), "learning rate");
    }
  g_assert_nonnull (label);
  wait_idle ();
  g_assert_true (visible_on_page (view, GTK_WIDGET (label)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int exit_status;
  int ret;

  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  {
    char *data = g_dir_make_tmp ("mlr-ui-data-XXXXXX", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_free (data);
  }
  if (!ui_test_init_display (&exit_status))
    return exit_status;
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_print ("1..0 # SKIP real input needs X11 (xdotool)\n");
      return 0;
    }

  app = mlr_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/reading/keyboard-walk", test_keyboard_walk);
  g_test_add_func ("/ui/reading/click-does-not-scroll", test_click_does_not_scroll);
  g_test_add_func ("/ui/reading/sidebar-tab-stop", test_sidebar_tab_stop);
  g_test_add_func ("/ui/reading/sidebar-follows", test_sidebar_follows);
  g_test_add_func ("/ui/reading/wheel-passes-through", test_wheel_passes_through);
  g_test_add_func ("/ui/reading/search-keyboard", test_search_keyboard);
  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
