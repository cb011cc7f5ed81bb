/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView: one lesson as a native page, built from the lesson model block by block, or
 * an error page that says exactly what is wrong and where. Links open only when clicked and
 * only for http(s); glossary terms show their definition in a popover. Other lessons (the
 * "Next:" button, a term's "Read …") open through the window's win.open-lesson action, and
 * links to lessons in the text through win.open-lesson-link.
 */
#include "config.h"

#include "mlr-lesson-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lessons/mlr-lessons-enums.h"
#include "mlr-lesson-view-private.h"
#include "mlr-code-block.h"
#include "demos/mlr-scroll-forward.h"
#include "mlr-column-layout.h"

guint _mlr_lesson_view_signals[N_SIGNALS];
GParamSpec *_mlr_lesson_view_properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlrLessonView, mlr_lesson_view, GTK_TYPE_WIDGET)

typedef enum {
  PART_BLOCK,
  PART_TAKEAWAYS,
  PART_RESOURCES,
  PART_QUIZ,
  PART_GLOSSARY,
  PART_NEXT,
} PartKind;

typedef struct {
  PartKind        kind;
  GtkWidget      *parent;   /* borrowed: a box inside the page */
  const MlrBlock *block;    /* PART_BLOCK */
} PendingPart;

/* Time one slice of page building may take: within a 60 Hz frame with room to paint. */
#define SLICE_USEC 6000
/* The first slice fills the first screen; a little longer is fine before the first frame. */
#define FIRST_SLICE_USEC 3000

static void
queue_part (MlrLessonView  *self,
            PartKind        kind,
            GtkWidget      *parent,
            const MlrBlock *block)
{
  PendingPart *part = g_new0 (PendingPart, 1);

  part->kind = kind;
  part->parent = parent;
  part->block = block;
  g_queue_push_tail (&self->pending, part);
}

/* Appends @w to @parent, hidden if the page is holding what it builds below the first screen.
 * A held part is hidden before it has a parent: a hidden widget's resize stops at itself, so
 * neither appending it nor hiding it lays the page out again or draws a frame. */
static void
append_part (MlrLessonView *self,
             GtkWidget     *parent,
             GtkWidget     *w)
{
  if (self->holding && gtk_widget_get_visible (w))
    {
      gtk_widget_set_visible (w, FALSE);
      g_ptr_array_add (self->held, w);
    }
  gtk_box_append (GTK_BOX (parent), w);
}

/* Shows what was held, in one layout and one frame. */
static void
show_held (MlrLessonView *self)
{
  for (guint i = 0; i < self->held->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->held, i), TRUE);
  g_ptr_array_set_size (self->held, 0);
  self->holding = FALSE;
}

/* Each slice appended to the page changes its height, and GTK draws the visible part again
 * for it: 5 to 14 frames while a long lesson arrives, each a full repaint (under software
 * GL, tens of ms of CPU). So once the page as laid out fills the viewport, the rest is held
 * hidden until it is complete, or until the reader scrolls towards its end. The first slice
 * starts holding on a guess of the page's height (build_slice()); when the page as laid out
 * does not fill the viewport after all, what is held is shown and the next slices add to it. */
static void
update_holding (MlrLessonView *self)
{
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double page = gtk_adjustment_get_page_size (vadj);
  int height;
  double bottom;

  /* (a new page is 0 high until its first layout) */
  if (page <= 0 || self->page == NULL || (height = gtk_widget_get_height (self->page)) <= 0)
    return;
  bottom = gtk_adjustment_get_value (vadj) + page;
  if (self->holding && height < bottom)
    show_held (self);
  else if (!self->holding && height > bottom + page)
    self->holding = TRUE;
}

static void
scrolled_cb (GtkAdjustment *vadj,
             MlrLessonView *self)
{
  if (self->held->len > 0)
    show_held (self);
}

/* Takes the page to its top for a new lesson without showing the overlay scrollbar (see
 * mlr_scrolled_window_jump()): the reader did not scroll. */
static void
scroll_to_top (MlrLessonView *self)
{
  GtkAdjustment *vadj = mlr_scrolled_window_jump (GTK_SCROLLED_WINDOW (self->scroller), 0);

  if (vadj != NULL)
    g_signal_connect_object (vadj, "value-changed", G_CALLBACK (scrolled_cb), self, 0);
}

static void
build_part (MlrLessonView *self,
            PendingPart   *part)
{
  GtkWidget *w = NULL;

  switch (part->kind)
    {
    case PART_BLOCK:
      if (part->block->kind == MLR_BLOCK_SECTION)
        {
          /* The section's heading now; its blocks go to the front of the queue, in order. */
          const MlrBlock *b = part->block;
          GtkWidget *box = _mlr_lesson_view_section_box (b);

          append_part (self, part->parent, box);
          for (guint i = b->children->len; i > 0; i--)
            {
              PendingPart *child = g_new0 (PendingPart, 1);
              child->kind = PART_BLOCK;
              child->parent = box;
              child->block = g_ptr_array_index (b->children, i - 1);
              g_queue_push_head (&self->pending, child);
            }
          return;
        }
      w = _mlr_lesson_view_build_block (self, part->block);
      break;
    case PART_TAKEAWAYS:
      w = _mlr_lesson_view_build_takeaways (self);
      break;
    case PART_RESOURCES:
      w = _mlr_lesson_view_build_resources (self);
      break;
    case PART_QUIZ:
      w = _mlr_lesson_view_build_quiz (self);
      break;
    case PART_GLOSSARY:
      w = _mlr_lesson_view_build_glossary (self);
      break;
    case PART_NEXT:
      w = _mlr_lesson_view_build_next (self, self->next);
      break;
    default:
      g_assert_not_reached ();
    }
  append_part (self, part->parent, w);
}

/* Whether @part is a demo: building one computes its first picture, 5 to 10 ms for some. */
static gboolean
is_demo (const PendingPart *part)
{
  return part->kind == PART_BLOCK && part->block->kind == MLR_BLOCK_DEMO;
}

/* Characters of running text, its runs' children included. */
static glong
inline_chars (GPtrArray *inlines)
{
  glong n = 0;

  for (guint i = 0; inlines != NULL && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);

      if (in->text != NULL)
        n += g_utf8_strlen (in->text, -1);
      n += inline_chars (in->children);
    }
  return n;
}

static double
wrapped_lines (glong  chars,
               double per_line)
{
  return chars > 0 ? ceil (chars / per_line) : 0;
}

/* About how many lines of body text @b takes on the page, @per_line characters to a line
 * and @line_h pixels a line: its text wrapped at the page's width, half a line for the space
 * after it, a section's heading as two, a figure as half as high as the width it asks for (its
 * own height is known only once it is decoded), a formula as two; nothing for the rest. */
static double
block_lines (const MlrBlock *b,
             double          per_line,
             double          line_h)
{
  double lines = 0.5;

  switch (b->kind)
    {
    case MLR_BLOCK_SECTION:
      return b->title != NULL ? 2 : 0;
    case MLR_BLOCK_PARAGRAPH:
      return lines + wrapped_lines (inline_chars (b->inlines), per_line);
    case MLR_BLOCK_BULLET_LIST:
    case MLR_BLOCK_NUMBERED_LIST:
      for (guint i = 0; i < b->items->len; i++)
        lines += wrapped_lines (inline_chars (g_ptr_array_index (b->items, i)), per_line);
      return lines;
    case MLR_BLOCK_CALLOUT:
      for (guint i = 0; b->children != NULL && i < b->children->len; i++)
        lines += block_lines (g_ptr_array_index (b->children, i), per_line, line_h);
      return lines;
    case MLR_BLOCK_TABLE:
      return lines + b->rows->len + (b->header != NULL ? 1 : 0);
    case MLR_BLOCK_CODE:
      for (const char *c = b->text; c != NULL && *c != '\0'; c++)
        lines += *c == '\n';
      return b->text != NULL ? lines + 1 : 0;
    case MLR_BLOCK_FIGURE:
      return lines + 0.5 * b->width / line_h + wrapped_lines (inline_chars (b->caption),
                                                               per_line);
    case MLR_BLOCK_MATH:
      return lines + 2;
    default:
      return 0;
    }
}

/* The page's width and the viewport's height when the last page was not on screen (a window's
 * first lesson at start-up, or one opened from the home page): the window's size, or, before it
 * is shown, the size it opens at (its default size, or its monitor's when it opens maximized).
 * The text is as wide as the clamp lets it be in the window, the viewport as high as the window:
 * both at least what the page gets, so the first slice builds a little more than the first
 * screen rather than less. FALSE when the view is in no window. */
static gboolean
size_from_window (MlrLessonView *self,
                  int           *width,
                  int           *visible)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *clamp = GTK_WIDGET (self->clamp);
  int w, h;

  if (!GTK_IS_WINDOW (root))
    return FALSE;
  w = gtk_widget_get_width (GTK_WIDGET (root));
  h = gtk_widget_get_height (GTK_WIDGET (root));
  if (w <= 0 || h <= 0)
    {
      gtk_window_get_default_size (GTK_WINDOW (root), &w, &h);
      if (gtk_window_is_maximized (GTK_WINDOW (root)))
        {
          GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (clamp));

          for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
            {
              g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
              GdkRectangle geometry;

              gdk_monitor_get_geometry (monitor, &geometry);
              w = MAX (w, geometry.width);
              h = MAX (h, geometry.height);
            }
        }
    }
  w = MIN (w - gtk_widget_get_margin_start (clamp) - gtk_widget_get_margin_end (clamp),
           self->page_max_width);
  if (w <= 0 || h <= 0)
    return FALSE;
  *width = w;
  *visible = h;
  return TRUE;
}

/* How many lines of body text fill the visible part of the scroller, how many characters
 * make a line at the width the last page had (or the window gives), and how high a line is;
 * FALSE when neither tells (the view is in no window). A guess: if the first screen turns
 * out not to be full, update_holding() shows what is held in the next slice. */
static gboolean
first_screen_lines (MlrLessonView *self,
                    double        *screen_lines,
                    double        *per_line,
                    double        *line_h)
{
  int width = self->page_width;
  int visible = gtk_widget_get_height (self->scroller);
  PangoFontMetrics *metrics;
  double char_w;

  if ((width <= 0 || visible <= 0) && !size_from_window (self, &width, &visible))
    return FALSE;
  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                       NULL, NULL);
  char_w = pango_font_metrics_get_approximate_char_width (metrics) / (double) PANGO_SCALE;
  /* the page's text has a line height of 1.35 (style.css) */
  *line_h = 1.15 * pango_font_metrics_get_height (metrics) / PANGO_SCALE;
  pango_font_metrics_unref (metrics);
  if (char_w <= 0 || *line_h <= 0)
    return FALSE;
  *screen_lines = visible / *line_h;
  *per_line = MAX (1, width / char_w);
  return TRUE;
}

/* Builds queued parts until @budget_usec has passed; TRUE when the page is complete. The
 * first slice (@first) stops before a demo once it has built anything: the text above the
 * demo is shown in the first frame, and the demo follows in the next slice, one frame later,
 * instead of holding the first frame back. It also stops once its text fills the first
 * screen, and what follows is held (hidden) until the page is complete, so the first frame
 * lays out little more than it shows: in its 3 ms the first slice could build text that takes
 * three times as long to lay out (a list, a table and four paragraphs below the first screen
 * of career-autonomous-systems, 8 ms). The page is estimated, not measured: a label measured
 * before GTK has validated its new style lays its text out again after. */
static gboolean
build_slice (MlrLessonView *self,
             gint64         budget_usec,
             gboolean       first)
{
  gint64 end = g_get_monotonic_time () + budget_usec;
  gboolean built = FALSE;
  double screen_lines = 0, per_line = 1, line_h = 1, lines = 0;
  gboolean counting = first && first_screen_lines (self, &screen_lines, &per_line, &line_h);

  while (!g_queue_is_empty (&self->pending))
    {
      PendingPart *part = g_queue_peek_head (&self->pending);

      if (first && built && is_demo (part))
        break;
      g_queue_pop_head (&self->pending);
      if (counting && part->kind == PART_BLOCK)
        lines += block_lines (part->block, per_line, line_h);
      build_part (self, part);
      g_free (part);
      built = TRUE;
      /* The first screen is full: the rest follows in slices, held until it is complete. */
      if (counting && lines >= screen_lines)
        {
          self->holding = TRUE;
          break;
        }
      if (g_get_monotonic_time () >= end)
        break;
    }
  if (g_queue_is_empty (&self->pending))
    {
      show_held (self);
      _mlr_lesson_view_finish_page (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
build_idle_cb (gpointer user_data)
{
  MlrLessonView *self = user_data;

  update_holding (self);
  if (build_slice (self, SLICE_USEC, FALSE))
    {
      self->build_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Stops all work on the page shown: the parts still to build, a scroll still to restore,
 * figures still decoding; and closes its term popover. */
static void
drop_page_work (MlrLessonView *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  g_queue_clear_full (&self->pending, g_free);
  g_ptr_array_set_size (self->held, 0);
  self->holding = FALSE;
  if (self->restore_tick)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick);
      self->restore_tick = 0;
    }
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  g_clear_pointer (&self->term_popover, gtk_widget_unparent);
}

/* ---------------------------------------------------------------- the page replaced */

/* Stops waiting for the frame clock (which may have been disposed with its surface, its
 * handlers with it). */
static void
forget_clock (MlrLessonView *self)
{
  if (self->old_pages_paint != 0 &&
      g_signal_handler_is_connected (self->old_pages_clock, self->old_pages_paint))
    g_signal_handler_disconnect (self->old_pages_clock, self->old_pages_paint);
  self->old_pages_paint = 0;
  g_clear_object (&self->old_pages_clock);
}

static void
free_old_pages (MlrLessonView *self)
{
  forget_clock (self);
  g_clear_handle_id (&self->old_pages_idle, g_source_remove);
  /* pages first: their widgets point into their lessons */
  if (self->old_pages != NULL)
    g_ptr_array_set_size (self->old_pages, 0);
  if (self->old_lessons != NULL)
    g_ptr_array_set_size (self->old_lessons, 0);
}

static gboolean
free_old_pages_idle_cb (gpointer user_data)
{
  MlrLessonView *self = user_data;

  self->old_pages_idle = 0;
  free_old_pages (self);
  return G_SOURCE_REMOVE;
}

/* ---------------------------------------------------------------- code languages */

static void
collect_langs (GPtrArray  *blocks,
               GHashTable *langs)
{
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);

      if (b->kind == MLR_BLOCK_CODE && b->lang != NULL)
        g_hash_table_add (langs, b->lang);
      collect_langs (b->children, langs);
    }
}

/* One language per call: parsing one takes up to a frame. */
static gboolean
warm_idle_cb (gpointer user_data)
{
  MlrLessonView *self = user_data;

  if (self->warm_langs->len == 0)
    {
      self->warm_idle = 0;
      return G_SOURCE_REMOVE;
    }
  mlr_code_block_warm_language (g_ptr_array_index (self->warm_langs,
                                                   self->warm_langs->len - 1));
  g_ptr_array_set_size (self->warm_langs, self->warm_langs->len - 1);
  return G_SOURCE_CONTINUE;
}

/* After a page's first frame: the highlighting of the languages the content uses (every
 * lesson's once the content index is there, this lesson's until then) is parsed in idles and
 * kept, so no page's code block parses it while the learner waits. */
static void
warm_languages (MlrLessonView *self)
{
  g_autoptr(GHashTable) langs = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer lang;

  if (self->warmed_index)
    return;
  if (self->index != NULL)
    {
      MlrLesson *lesson;

      g_hash_table_iter_init (&iter, self->index->lessons);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lesson))
        collect_langs (lesson->sections, langs);
      self->warmed_index = TRUE;
    }
  else if (self->lesson != NULL)
    collect_langs (self->lesson->sections, langs);
  /* the strings belong to the lessons: copy them, the page may change before the idle runs */
  g_hash_table_iter_init (&iter, langs);
  while (g_hash_table_iter_next (&iter, &lang, NULL))
    g_ptr_array_add (self->warm_langs, g_strdup (lang));
  if (self->warm_langs->len > 0 && self->warm_idle == 0)
    self->warm_idle = g_idle_add_full (G_PRIORITY_LOW, warm_idle_cb, self, NULL);
}

static void
old_pages_after_paint_cb (GdkFrameClock *clock,
                          MlrLessonView *self)
{
  forget_clock (self);
  warm_languages (self);
  /* Below the slices that build the rest of the new page (G_PRIORITY_DEFAULT_IDLE), so it
   * goes once the page is complete, while the learner reads, and not between its slices. */
  if (self->old_pages_idle == 0)
    self->old_pages_idle = g_idle_add_full (G_PRIORITY_LOW, free_old_pages_idle_cb, self,
                                            NULL);
}

/* Takes the page being replaced off the view but keeps it, and its lesson, until the new
 * page has been painted and built: freeing a page of demos and code blocks takes as long as a
 * frame, and the learner waits for the new page, not for the old one to go. Unparented, the old
 * page draws nothing and takes no input; its challenges no longer report (see
 * mlr-lesson-view-demo.c). Without a frame clock (not shown), it goes at once. */
static void
retire_page (MlrLessonView *self,
             GtkWidget     *page,
             MlrLesson     *lesson)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (page == NULL)
    g_clear_pointer (&lesson, mlr_lesson_unref);
  else
    g_ptr_array_add (self->old_pages, g_object_ref (page));
  if (lesson != NULL)
    g_ptr_array_add (self->old_lessons, lesson);
  if (clock == NULL)
    return;  /* the caller frees it once it is off the view */
  if (self->old_pages_paint != 0 &&
      (self->old_pages_clock != clock ||
       !g_signal_handler_is_connected (self->old_pages_clock, self->old_pages_paint)))
    forget_clock (self);
  if (self->old_pages_paint == 0 && self->old_pages_idle == 0)
    {
      self->old_pages_clock = g_object_ref (clock);
      self->old_pages_paint = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (old_pages_after_paint_cb), self);
    }
}

static GtkWidget *
build_lesson_page (MlrLessonView          *self,
                   const char             *step_label,
                   const MlrDiagnostics   *diags)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_add_css_class (page, "lesson-body");
  gtk_box_append (GTK_BOX (page), _mlr_lesson_view_build_header (self, step_label));
  if (mlr_diagnostics_count (diags) > 0)
    gtk_box_append (GTK_BOX (page), _mlr_lesson_view_build_problems_banner (diags));
  gtk_box_append (GTK_BOX (page), body);
  self->body = body;

  for (guint i = 0; i < self->lesson->sections->len; i++)
    queue_part (self, PART_BLOCK, body, g_ptr_array_index (self->lesson->sections, i));
  if (self->lesson->takeaways->len > 0)
    queue_part (self, PART_TAKEAWAYS, page, NULL);
  if (self->lesson->resources->len > 0)
    queue_part (self, PART_RESOURCES, page, NULL);
  if (self->lesson->questions->len > 0)
    queue_part (self, PART_QUIZ, page, NULL);
  if (self->lesson->glossary->len > 0)
    queue_part (self, PART_GLOSSARY, page, NULL);
  queue_part (self, PART_NEXT, page, NULL);
  return page;
}

static GtkWidget *
build_error_page (MlrLessonView          *self,
                  const MlrRoadmapLesson *entry,
                  const char             *step_label,
                  const MlrDiagnostics   *diags,
                  const MlrRoadmapLesson *next)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  g_autofree char *title = g_strdup_printf (_("“%s” cannot be shown"), entry->title);
  g_autofree char *details = mlr_diagnostics_format (diags, MAX_SHOWN_DIAGNOSTICS);
  GtkWidget *details_label = _mlr_lesson_view_plain_label (details, "error-details");
  GtkWidget *hint;

  gtk_widget_add_css_class (page, "lesson-body");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_margin_top (icon, 24);
  gtk_box_append (GTK_BOX (page), icon);
  gtk_box_append (GTK_BOX (page), _mlr_lesson_view_plain_label (step_label, "lesson-step"));
  gtk_box_append (GTK_BOX (page), _mlr_lesson_view_heading_label (title, "title-1"));
  hint = _mlr_lesson_view_plain_label (_("The lesson file has problems. The rest of the roadmap "
                                         "works; fix the file and press Ctrl+R to reload this "
                                         "page."), NULL);
  gtk_box_append (GTK_BOX (page), hint);
  gtk_label_set_selectable (_mlr_lesson_view_label_of (details_label), TRUE);
  gtk_label_set_wrap_mode (_mlr_lesson_view_label_of (details_label), PANGO_WRAP_CHAR);
  gtk_widget_set_margin_top (details_label, 12);
  gtk_widget_set_margin_bottom (details_label, 12);
  gtk_widget_set_margin_start (details_label, 12);
  gtk_widget_set_margin_end (details_label, 12);
  {
    GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_widget_add_css_class (frame, "card");
    gtk_box_append (GTK_BOX (frame), details_label);
    gtk_box_append (GTK_BOX (page), frame);
  }
  gtk_box_append (GTK_BOX (page), _mlr_lesson_view_build_next (self, next));
  return page;
}

/**
 * mlr_lesson_view_show:
 * Replaces the page with @lesson, or with an error page listing @diags when @lesson is NULL.
 */
void
mlr_lesson_view_show (MlrLessonView          *self,
                      const MlrRoadmapLesson *entry,
                      const char             *step_label,
                      MlrLesson              *lesson,
                      const MlrDiagnostics   *diags,
                      const MlrRoadmapLesson *next)
{
  GtkWidget *old_page;
  MlrLesson *old_lesson;
  gboolean same;

  g_return_if_fail (MLR_IS_LESSON_VIEW (self));

  same = g_strcmp0 (self->lesson_id, entry->id) == 0;
  /* A reload keeps the reader's place once the page is long enough again; a new lesson starts
   * at the top unless mlr_lesson_view_set_position() says otherwise. */
  self->restore_fraction = same ? mlr_lesson_view_get_position (self) : -1;
  self->scroll_section = -1;
  g_clear_pointer (&self->highlight, g_free);
  g_clear_weak_pointer (&self->highlighted);
  g_clear_pointer (&self->scroll_to_id, g_free);

  drop_page_work (self);
  self->page_cancellable = g_cancellable_new ();
  old_page = adw_clamp_get_child (self->clamp);
  /* Its size is the new page's while it is on screen (not when the window was resized since). */
  self->page_width = old_page != NULL && gtk_widget_get_mapped (old_page)
                     ? gtk_widget_get_width (old_page) : 0;
  old_lesson = g_steal_pointer (&self->lesson);
  retire_page (self, old_page, old_lesson);
  self->lesson = lesson ? mlr_lesson_ref (lesson) : NULL;
  g_free (self->lesson_id);
  self->lesson_id = g_strdup (entry->id);
  self->next = next;
  self->done_button = self->skip_button = NULL;
  self->quiz_result = self->quiz_offer = self->quiz_score = self->body = NULL;
  g_ptr_array_set_size (self->quiz_questions, 0);

  if (lesson != NULL)
    self->page = build_lesson_page (self, step_label, diags);
  else
    self->page = build_error_page (self, entry, step_label, diags, next);
  adw_clamp_set_child (self->clamp, self->page);
  if (old_page != NULL && gtk_widget_get_frame_clock (GTK_WIDGET (self)) == NULL)
    free_old_pages (self);
  scroll_to_top (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lesson ? lesson->title : entry->title, -1);

  if (!build_slice (self, FIRST_SLICE_USEC, TRUE))
    self->build_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_idle_cb, self, NULL);
}

/**
 * mlr_lesson_view_is_complete:
 * Whether every part of the page has been built (parts after the first screen arrive at idle
 * priority).
 */
gboolean
mlr_lesson_view_is_complete (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), FALSE);
  return g_queue_is_empty (&self->pending);
}

/* Where the page reads which challenges were met before (the window writes them). */
void
mlr_lesson_view_set_progress (MlrLessonView *self,
                              MlrProgress   *progress)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->progress = progress;
}

void
mlr_lesson_view_set_index (MlrLessonView         *self,
                           const MlrContentIndex *index)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->index = index;
}

MlrLesson *
mlr_lesson_view_get_lesson (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), NULL);
  return self->lesson;
}

GtkWidget *
mlr_lesson_view_get_page (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), NULL);
  return self->page;
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, _mlr_lesson_view_signals[SIGNAL_TOAST], 0,
                 g_variant_get_string (parameter, NULL));
}

static void
mlr_lesson_view_dispose (GObject *object)
{
  MlrLessonView *self = MLR_LESSON_VIEW (object);

  drop_page_work (self);
  free_old_pages (self);
  g_clear_handle_id (&self->warm_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLR_TYPE_LESSON_VIEW);
  G_OBJECT_CLASS (mlr_lesson_view_parent_class)->dispose (object);
}

static void
mlr_lesson_view_finalize (GObject *object)
{
  MlrLessonView *self = MLR_LESSON_VIEW (object);

  g_clear_pointer (&self->lesson, mlr_lesson_unref);
  g_clear_pointer (&self->quiz_questions, g_ptr_array_unref);
  g_clear_pointer (&self->old_pages, g_ptr_array_unref);
  g_clear_pointer (&self->old_lessons, g_ptr_array_unref);
  g_clear_pointer (&self->warm_langs, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_free (self->lesson_id);
  g_free (self->highlight);
  g_clear_weak_pointer (&self->highlighted);
  g_free (self->scroll_to_id);
  G_OBJECT_CLASS (mlr_lesson_view_parent_class)->finalize (object);
}

static void
mlr_lesson_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MlrLessonView *self = MLR_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_lesson_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MlrLessonView *self = MLR_LESSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      mlr_lesson_view_set_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_lesson_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mlr_lesson_view_parent_class)->root (widget);
  _mlr_lesson_view_watch_focus (MLR_LESSON_VIEW (widget), TRUE);
}

static void
mlr_lesson_view_unroot (GtkWidget *widget)
{
  _mlr_lesson_view_watch_focus (MLR_LESSON_VIEW (widget), FALSE);
  GTK_WIDGET_CLASS (mlr_lesson_view_parent_class)->unroot (widget);
}

static void
mlr_lesson_view_class_init (MlrLessonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  guint *signals = _mlr_lesson_view_signals;

  object_class->dispose = mlr_lesson_view_dispose;
  object_class->finalize = mlr_lesson_view_finalize;
  object_class->get_property = mlr_lesson_view_get_property;
  object_class->set_property = mlr_lesson_view_set_property;
  widget_class->root = mlr_lesson_view_root;
  widget_class->unroot = mlr_lesson_view_unroot;

  /**
   * MlrLessonView:state:
   * The learner's progress on the lesson shown, which the page's done and skip buttons show.
   */
  _mlr_lesson_view_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MLR_TYPE_LESSON_STATE, MLR_LESSON_NOT_STARTED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _mlr_lesson_view_properties);

  /**
   * MlrLessonView::toast:
   * A short, non-blocking message for the reader ("Code copied").
   */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MlrLessonView::set-state:
   * The learner marked the lesson (an MlrLessonState: done, skipped, or back in progress).
   */
  signals[SIGNAL_SET_STATE] = g_signal_new ("set-state", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * MlrLessonView::challenge-met:
   * A demo met one of its challenges: (challenge id, a sentence to show).
   */
  signals[SIGNAL_CHALLENGE_MET] = g_signal_new ("challenge-met", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * MlrLessonView::quiz-finished:
   * Every quiz question has been answered: (right, total).
   */
  signals[SIGNAL_QUIZ_FINISHED] = g_signal_new ("quiz-finished", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "lesson.toast", "s", toast_action);
  _mlr_lesson_view_class_links_init (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "mlr-lesson-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MlrLessonView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MlrLessonView, clamp);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
mlr_lesson_view_init (MlrLessonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* read while the clamp's own layout is its layout manager */
  self->page_max_width = adw_clamp_get_maximum_size (self->clamp);
  /* the page's height for no width, which the scroller discards, without a layout at 780 px */
  mlr_scroll_clamp_install (GTK_WIDGET (self->clamp));
  g_queue_init (&self->pending);
  self->held = g_ptr_array_new ();
  self->restore_fraction = -1;
  self->scroll_section = -1;
  self->scroll_set = NAN;
  self->quiz_questions = g_ptr_array_new ();
  self->old_pages = g_ptr_array_new_with_free_func (g_object_unref);
  self->old_lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) mlr_lesson_unref);
  self->warm_langs = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (
                             GTK_SCROLLED_WINDOW (self->scroller)),
                           "value-changed", G_CALLBACK (scrolled_cb), self, 0);
  _mlr_lesson_view_reading_init (self);
}
