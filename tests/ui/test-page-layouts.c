/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How often a lesson page's text is laid out (issue 19): opened after another lesson, as a
 * reader does, in a window where the page is narrower than the clamp's 780 px, each heading
 * and paragraph is shaped once and each "Further resources" title and subtitle at most twice,
 * not also at the 780 px AdwClamp probes for a height nobody uses, nor twice more for a width
 * that does not decide the row's. Counted by wrapping the PangoLayout calls through which GTK
 * has a layout computed, and HarfBuzz's hb_shape (this executable exports them, so calls from
 * GTK and Pango come here first): a call during which text was shaped is one layout of the
 * text it holds, found by the marker word in it. And the resource rows are still list items that open their link
 * when activated, with their title and subtitle shown beside the icons.
 *
 * The first frame of a page opened after another lays out little more than it shows: the first
 * screen is full, no text below two screens is laid out before it, and the rest of the page
 * follows.
 */
#include "config.h"

#include <adwaita.h>
#include <dlfcn.h>
#include <hb.h>

#include "lessons/mlr-lesson.h"
#include "lessons/mlr-roadmap.h"
#include "ui-test-init.h"
#include "views/mlr-lesson-view.h"

/* Marker words, one per piece of text, and how many times each was laid out. */
static const char * const markers[] = {
  "Quillheading", "Quillparagraph", "Quillcallout", "Quilltitleone", "Quillnoteone",
  "Quilltitletwo", "Quillnotetwo", "Quilltitlethree", "Quillnotethree",
};
static guint laid_out[G_N_ELEMENTS (markers)];
/* The paragraphs of the first-frame test, "Quillp00" to "Quillp99". */
static guint para_laid_out[100];
static gboolean counting;

/* A layout is laid out (its lines computed, its text shaped) inside the first call that asks
 * for its size or lines after its text, width or style changed. GTK asks through these. */
static int depth;
static guint shapes;

void
hb_shape (hb_font_t          *font,
          hb_buffer_t        *buffer,
          const hb_feature_t *features,
          unsigned int        num_features)
{
  static void (*real) (hb_font_t *, hb_buffer_t *, const hb_feature_t *, unsigned int);

  if (real == NULL)
    real = (void (*) (hb_font_t *, hb_buffer_t *, const hb_feature_t *, unsigned int))
             dlsym (RTLD_NEXT, "hb_shape");
  shapes++;
  real (font, buffer, features, num_features);
}

static void
enter (void)
{
  if (depth++ == 0)
    shapes = 0;
}

static void
leave (PangoLayout *layout)
{
  const char *text;

  if (--depth > 0 || shapes == 0 || !counting)
    return;
  text = pango_layout_get_text (layout);
  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    if (text != NULL && strstr (text, markers[m]) != NULL)
      laid_out[m]++;
  if (text != NULL && (text = strstr (text, "Quillp")) != NULL &&
      g_ascii_isdigit (text[6]) && g_ascii_isdigit (text[7]))
    para_laid_out[(text[6] - '0') * 10 + text[7] - '0']++;
}

typedef void (*ExtentsFunc) (PangoLayout *, PangoRectangle *, PangoRectangle *);
typedef void (*SizeFunc) (PangoLayout *, int *, int *);
typedef int (*BaselineFunc) (PangoLayout *);
typedef PangoLayoutIter *(*IterFunc) (PangoLayout *);

/* The library's own function of that name. */
#define REAL(name, type) \
  static type real; \
  if (real == NULL) \
    real = (type) dlsym (RTLD_NEXT, name)

void
pango_layout_get_extents (PangoLayout    *layout,
                          PangoRectangle *ink_rect,
                          PangoRectangle *logical_rect)
{
  REAL ("pango_layout_get_extents", ExtentsFunc);
  enter ();
  real (layout, ink_rect, logical_rect);
  leave (layout);
}

void
pango_layout_get_pixel_extents (PangoLayout    *layout,
                                PangoRectangle *ink_rect,
                                PangoRectangle *logical_rect)
{
  REAL ("pango_layout_get_pixel_extents", ExtentsFunc);
  enter ();
  real (layout, ink_rect, logical_rect);
  leave (layout);
}

void
pango_layout_get_size (PangoLayout *layout,
                       int         *width,
                       int         *height)
{
  REAL ("pango_layout_get_size", SizeFunc);
  enter ();
  real (layout, width, height);
  leave (layout);
}

void
pango_layout_get_pixel_size (PangoLayout *layout,
                             int         *width,
                             int         *height)
{
  REAL ("pango_layout_get_pixel_size", SizeFunc);
  enter ();
  real (layout, width, height);
  leave (layout);
}

int
pango_layout_get_baseline (PangoLayout *layout)
{
  int baseline;

  REAL ("pango_layout_get_baseline", BaselineFunc);
  enter ();
  baseline = real (layout);
  leave (layout);
  return baseline;
}

PangoLayoutIter *
pango_layout_get_iter (PangoLayout *layout)
{
  PangoLayoutIter *iter;

  REAL ("pango_layout_get_iter", IterFunc);
  enter ();
  iter = real (layout);
  leave (layout);
  return iter;
}

static const char page_xml[] =
  "<lesson id=\"counted\" step=\"s\" minutes=\"5\"><title>Counted lesson</title>"
  "<summary>A page whose text is counted.</summary>"
  "<section id=\"one\"><title>Quillheading of the section</title>"
  "<p>Quillparagraph: a paragraph long enough to wrap over several lines of the page, so that "
  "its height depends on the width it is laid out at, which is what makes laying it out at a "
  "width it is not shown at a waste of the time it takes to shape every word again.</p>"
  "<callout type=\"note\" title=\"A note\"><p>Quillcallout: text beside an icon, wrapping "
  "over more than one line at the width of the page in this window.</p></callout>"
  "</section>"
  "<resources>"
  "<resource type=\"docs\" title=\"Quilltitleone, the documentation of something long enough "
  "to wrap\" href=\"https://example.org/one\">Quillnoteone: what it covers, in a sentence "
  "that also wraps at this width.</resource>"
  "<resource type=\"video\" title=\"Quilltitletwo\" href=\"https://example.org/two\">"
  "Quillnotetwo.</resource>"
  "<resource type=\"book\" title=\"Quilltitlethree\" href=\"https://example.org/three\">"
  "Quillnotethree: short.</resource>"
  "</resources></lesson>\n";

static const char before_xml[] =
  "<lesson id=\"before\" step=\"s\" minutes=\"1\"><title>The lesson before</title>"
  "<summary>Opened first.</summary><section><title>Before</title>"
  "<p>A paragraph of the lesson before.</p></section></lesson>\n";


/* Until the page is built and the main loop has had nothing to do for a while. */
static void
wait_for_page (MlrLessonView *view)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!mlr_lesson_view_is_complete (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mlr_lesson_view_is_complete (view));
  for (int round = 0; round < 3; round++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      ui_test_wait_ms (100);
    }
}

static void
show (MlrLessonView          *view,
      const MlrRoadmapLesson *entry,
      const char             *xml)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  MlrLesson *lesson = mlr_lesson_load_data (xml, strlen (xml), "test.xml", NULL, diags);

  g_assert_nonnull (lesson);
  mlr_lesson_view_show (view, entry, "Step 1", lesson, diags, NULL);
  mlr_lesson_unref (lesson);
  wait_for_page (view);
}

static void
collect_rows (GtkWidget *w,
              GPtrArray *rows)
{
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_ACTION_ROW (c))
        g_ptr_array_add (rows, c);
      collect_rows (c, rows);
    }
}

static GtkLabel *
find_label (GtkWidget  *w,
            const char *prefix)
{
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (c) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (c)), prefix))
        return GTK_LABEL (c);
      if ((found = find_label (c, prefix)) != NULL)
        return found;
    }
  return NULL;
}

static void
toast_cb (MlrLessonView *view,
          const char    *message,
          char         **last)
{
  g_free (*last);
  *last = g_strdup (message);
}

static void
test_layouts (void)
{
  MlrRoadmapLesson before = { .id = (char *) "before", .title = (char *) "Before" };
  MlrRoadmapLesson counted = { .id = (char *) "counted", .title = (char *) "Counted" };
  GtkWidget *window = gtk_window_new ();
  MlrLessonView *view = g_object_new (MLR_TYPE_LESSON_VIEW, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *toast = NULL;
  static const char * const hrefs[] = {
    "https://example.org/one", "https://example.org/two", "https://example.org/three"
  };

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  /* the page narrower than the clamp's maximum, so its 780 px probe is a width not shown */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 600);
  gtk_window_present (GTK_WINDOW (window));
  show (view, &before, before_xml);
  g_assert_cmpint (gtk_widget_get_width (mlr_lesson_view_get_page (view)), <, 700);

  counting = TRUE;
  show (view, &counted, page_xml);
  counting = FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    g_test_message ("%s laid out %u times", markers[m], laid_out[m]);
  /* every heading and paragraph once, at the width it is shown at (before: also at 780 px) */
  for (guint m = 0; m < 3; m++)
    {
      g_assert_cmpuint (laid_out[m], >=, 1);
      g_assert_cmpuint (laid_out[m], <=, 1);
    }
  /* a resource's title and subtitle at most twice: at the row's width, and once for no
   * width (before: seven times, four of them for the width of a column that expands) */
  for (guint m = 3; m < G_N_ELEMENTS (markers); m++)
    {
      g_assert_cmpuint (laid_out[m], >=, 1);
      g_assert_cmpuint (laid_out[m], <=, 2);
    }

  /* The rows: list items that open their link when activated (Enter does this), with the
   * title and subtitle shown, side by side with the icons. */
  collect_rows (mlr_lesson_view_get_page (view), rows);
  g_assert_cmpuint (rows->len, ==, 3);
  g_signal_connect (view, "toast", G_CALLBACK (toast_cb), &toast);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      GtkLabel *title_label = find_label (row, title);
      GtkLabel *subtitle_label = find_label (row, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      graphene_rect_t t, s;

      g_assert_true (GTK_IS_LIST_BOX_ROW (row));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)), ==,
                       GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_true (gtk_widget_get_focusable (row));
      g_assert_nonnull (title_label);
      g_assert_nonnull (subtitle_label);
      g_assert_true (gtk_label_get_mnemonic_widget (title_label) == row);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (title_label)));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (subtitle_label)));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (title_label), row, &t));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (subtitle_label), row, &s));
      g_assert_cmpfloat (t.size.width, >, 0);
      g_assert_cmpfloat (t.size.height, >, 0);
      g_assert_cmpfloat (s.origin.y, >=, t.origin.y + t.size.height);
      g_assert_cmpfloat (t.origin.x, ==, s.origin.x);
      g_assert_cmpfloat (t.origin.x, >, 24);   /* after the icon */
      g_assert_true (gtk_widget_grab_focus (row));
      g_assert_true (gtk_widget_activate (row));
      g_assert_cmpstr (toast, ==, hrefs[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first frame's view of the page, taken in its after-paint. */
typedef struct {
  MlrLessonView *view;
  gboolean       painted;
  guint          laid_out[100];
  gboolean       shown[100];   /* drawn in the first frame: mapped, top inside the viewport */
  gboolean       within[100];  /* mapped, top within two viewports of the page's top */
  int            page_height, viewport_height;
} FirstFrame;

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *ff)
{
  GtkWidget *page = mlr_lesson_view_get_page (ff->view);
  GtkWidget *scroller = gtk_widget_get_parent (gtk_widget_get_parent (page));

  if (ff->painted)
    return;
  ff->painted = TRUE;
  while (scroller != NULL && !GTK_IS_SCROLLED_WINDOW (scroller))
    scroller = gtk_widget_get_parent (scroller);
  g_assert_nonnull (scroller);
  memcpy (ff->laid_out, para_laid_out, sizeof ff->laid_out);
  ff->page_height = gtk_widget_get_height (page);
  ff->viewport_height = gtk_widget_get_height (scroller);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *marker = g_strdup_printf ("Quillp%02u", i);
      GtkLabel *label = find_label (page, marker);
      graphene_rect_t b;

      if (label == NULL || !gtk_widget_get_mapped (GTK_WIDGET (label)) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (label), scroller, &b))
        continue;
      ff->shown[i] = b.origin.y < ff->viewport_height;
      ff->within[i] = b.origin.y < 2 * ff->viewport_height;
    }
}

#define N_PARAS 30

/* Opens a lesson of many paragraphs and looks at its first frame and the complete page. The
 * first slice estimates where the first screen ends and holds the rest: with
 * @after_other_page from the page the view showed before, without it (a window's first
 * lesson, at start-up) from the window's size. */
static void
check_first_frame (gboolean after_other_page)
{
  MlrRoadmapLesson before = { .id = (char *) "before", .title = (char *) "Before" };
  MlrRoadmapLesson long_entry = { .id = (char *) "long", .title = (char *) "Long" };
  GtkWidget *window = gtk_window_new ();
  MlrLessonView *view = g_object_new (MLR_TYPE_LESSON_VIEW, NULL);
  g_autoptr(GString) xml = g_string_new ("<lesson id=\"long\" step=\"s\" minutes=\"5\">"
                                         "<title>A long lesson</title><summary>Many "
                                         "paragraphs.</summary><section><title>All of them"
                                         "</title>");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;
  FirstFrame ff = { .view = view };
  guint early = 0, shown = 0;
  gulong handler;

  for (guint i = 0; i < N_PARAS; i++)
    g_string_append_printf (xml, "<p>Quillp%02u: a paragraph of two lines or so at this "
                            "width, one of many, so that the page is several screens "
                            "long.</p>", i);
  g_string_append (xml, "</section></lesson>\n");
  lesson = mlr_lesson_load_data (xml->str, xml->len, "long.xml", NULL, diags);
  g_assert_nonnull (lesson);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 300);
  gtk_window_present (GTK_WINDOW (window));
  if (after_other_page)
    show (view, &before, before_xml);

  memset (para_laid_out, 0, sizeof para_laid_out);
  counting = TRUE;
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (first_frame_cb), &ff);
  mlr_lesson_view_show (view, &long_entry, "Step 1", lesson, diags, NULL);
  while (!ff.painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
  wait_for_page (view);
  counting = FALSE;

  g_test_message ("first frame: page %d px high in a %d px viewport", ff.page_height,
                  ff.viewport_height);
  /* The first screen is full: no gap where held text would be. */
  g_assert_cmpint (ff.page_height, >=, ff.viewport_height);
  for (guint i = 0; i < N_PARAS; i++)
    {
      /* laid out before the first frame only if it starts within two screens of the top (the
       * first slice guesses where the first screen ends) */
      if (ff.laid_out[i] > 0)
        g_assert_true (ff.within[i]);
      shown += ff.shown[i];
      early += ff.laid_out[i] > 0;
    }
  g_test_message ("first frame: %u paragraphs shown, %u laid out", shown, early);
  g_assert_cmpuint (shown, >=, 1);
  g_assert_cmpuint (early, <, N_PARAS);
  /* And once the page is complete, every paragraph is there and laid out. */
  for (guint i = 0; i < N_PARAS; i++)
    {
      g_autofree char *marker = g_strdup_printf ("Quillp%02u", i);
      GtkLabel *label = find_label (mlr_lesson_view_get_page (view), marker);

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_is_visible (GTK_WIDGET (label)));
      g_assert_cmpuint (para_laid_out[i], >=, 1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_first_frame (void)
{
  check_first_frame (TRUE);
}

/* A window's first lesson: no page before it to measure. */
static void
test_first_frame_first_page (void)
{
  check_first_frame (FALSE);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&status))
    return status;
  g_test_add_func ("/page-layouts/shaped", test_layouts);
  g_test_add_func ("/page-layouts/first-frame", test_first_frame);
  g_test_add_func ("/page-layouts/first-frame-first-page", test_first_frame_first_page);
  return g_test_run ();
}
