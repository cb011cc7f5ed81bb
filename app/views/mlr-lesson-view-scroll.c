/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView's place on the page: how far down the reader is, and getting back there (or to
 * a section) once the page, built in slices, is complete and laid out; and reading with the
 * keyboard: the page itself takes focus (first in Tab order, and on a click in its text), and
 * then Space, Page Up/Down, Home/End and the arrows scroll it, as in a browser or Yelp.
 */
#include "config.h"

#include "mlr-lesson-view-private.h"

#include <math.h>
#include <string.h>

/* An arrow key scrolls this many pixels; Page Down and Space scroll this share of a screen, so
 * a line or two of the last screen stays in view. */
#define ARROW_STEP 48
#define PAGE_SHARE 0.9

static double
page_size (GtkAdjustment *vadj)
{
  return gtk_adjustment_get_page_size (vadj);
}

/* The first label under @w whose text holds @text (case-insensitively), with the match
 * selected; NULL if none does. */
static GtkWidget *
highlight_in (GtkWidget  *w,
              const char *text)
{
  if (GTK_IS_LABEL (w) && gtk_label_get_selectable (GTK_LABEL (w)))
    {
      g_autofree char *hay = g_utf8_strdown (gtk_label_get_text (GTK_LABEL (w)), -1);
      g_autofree char *needle = g_utf8_strdown (text, -1);
      const char *at = *needle ? strstr (hay, needle) : NULL;

      if (at != NULL)
        {
          /* lower case keeps the number of characters, so offsets carry over */
          int start = (int) g_utf8_pointer_to_offset (hay, at);
          gtk_label_select_region (GTK_LABEL (w), start, start + (int) g_utf8_strlen (needle, -1));
          return w;
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = highlight_in (c, text);
      if (found)
        return found;
    }
  return NULL;
}

/* The box of the section called @id: a child of the page's body, or one level further down
 * (a sub-section). Section boxes carry their id as the widget name. */
static GtkWidget *
find_section_box (GtkWidget  *parent,
                  const char *id,
                  int         depth)
{
  for (GtkWidget *c = gtk_widget_get_first_child (parent); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (!GTK_IS_BOX (c))
        continue;
      if (g_str_equal (gtk_widget_get_name (c), id))
        return c;
      if (depth == 0 && (found = find_section_box (c, id, depth + 1)) != NULL)
        return found;
    }
  return NULL;
}

/* Where the restore wants the scrollbar: the top of the target section (or the search match
 * in it, a third of a screen down), else the saved share of the page. FALSE: nowhere yet. */
static gboolean
wanted_value (MlrLessonView *self,
              GtkAdjustment *vadj,
              double        *value)
{
  double range = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
  GtkWidget *target = NULL;

  if (self->scroll_to_id != NULL && self->body != NULL)
    target = find_section_box (self->body, self->scroll_to_id, 0);
  else if (self->scroll_section >= 0 && self->body != NULL)
    {
      int i = 0;
      for (GtkWidget *c = gtk_widget_get_first_child (self->body); c;
           c = gtk_widget_get_next_sibling (c), i++)
        if (i == self->scroll_section)
          target = c;
    }
  if (target != NULL)
    {
      graphene_point_t p;
      GtkWidget *label = NULL;

      /* The text that matched a search, selected so it shows (once: the frames after only
       * follow the label), and brought into view. */
      if (self->highlight != NULL && self->highlighted == NULL)
        g_set_weak_pointer (&self->highlighted, highlight_in (target, self->highlight));
      if (self->highlight != NULL)
        label = self->highlighted;
      if (!gtk_widget_compute_point (label ? label : target, self->page,
                                     &GRAPHENE_POINT_INIT (0, 0), &p))
        return FALSE;
      *value = MAX (0, p.y - (label ? page_size (vadj) / 3 : 12));
      return TRUE;
    }
  if (self->restore_fraction >= 0 && range > 0)
    {
      *value = self->restore_fraction * range;
      return TRUE;
    }
  return FALSE;
}

static void
end_restore (MlrLessonView *self)
{
  g_clear_pointer (&self->highlight, g_free);
  g_clear_weak_pointer (&self->highlighted);
  g_clear_pointer (&self->scroll_to_id, g_free);
  self->restore_fraction = -1;
  self->scroll_section = -1;
  self->scroll_set = NAN;
  self->restore_tick = 0;
}

/* The restore sets the scrollbar on the first frame after the complete page has a layout, and
 * then holds the place until it has stayed put for a few frames: the slices built last, and
 * text laid out again at its final width, can still move the target or extend the page (which
 * the first setting would have been clamped to) in the frames after. It lets go at once if the
 * reader scrolls, and after a second whatever happens. */
#define SETTLED_FRAMES 3
#define MAX_RESTORE_FRAMES 60

static gboolean
restore_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  MlrLessonView *self = MLR_LESSON_VIEW (widget);
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double now = gtk_adjustment_get_value (vadj);
  double want;

  /* Wait for the layout of the complete page. */
  if (gtk_widget_get_height (self->page) <= 0)
    return G_SOURCE_CONTINUE;
  if (self->scroll_to_id != NULL && self->body != NULL)
    {
      GtkWidget *target = find_section_box (self->body, self->scroll_to_id, 0);
      /* Built in the last slice, it has no place on the page until the next layout. */
      if (target != NULL && gtk_widget_get_height (target) <= 0)
        return G_SOURCE_CONTINUE;
    }
  /* The reader moved the page since the last frame: theirs is the place that counts. */
  if (!isnan (self->scroll_set) && fabs (now - self->scroll_set) > 0.5)
    {
      end_restore (self);
      return G_SOURCE_REMOVE;
    }
  if (!wanted_value (self, vadj, &want))
    {
      end_restore (self);
      return G_SOURCE_REMOVE;
    }
  if (!isnan (self->scroll_set) && fabs (want - now) <= 0.5)
    self->scroll_settled++;
  else
    {
      gtk_adjustment_set_value (vadj, want);
      self->scroll_settled = 0;
    }
  /* What the adjustment took, which is less than asked while the page is still too short. */
  self->scroll_set = gtk_adjustment_get_value (vadj);
  if (self->scroll_settled >= SETTLED_FRAMES || ++self->scroll_frames >= MAX_RESTORE_FRAMES)
    {
      end_restore (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
_mlr_lesson_view_finish_page (MlrLessonView *self)
{
  if ((self->restore_fraction >= 0 || self->scroll_section >= 0 || self->scroll_to_id != NULL) &&
      self->restore_tick == 0)
    {
      self->scroll_set = NAN;
      self->scroll_frames = 0;
      self->scroll_settled = 0;
      self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_tick_cb,
                                                         NULL, NULL);
    }
}

/**
 * mlr_lesson_view_get_position:
 * How far down the page the reader is, 0 (top) to 1 (end).
 */
double
mlr_lesson_view_get_position (MlrLessonView *self)
{
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double range = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);

  if (range <= 0)
    return 0;
  return CLAMP (gtk_adjustment_get_value (vadj) / range, 0.0, 1.0);
}

/**
 * mlr_lesson_view_set_position:
 * Scrolls to @fraction of the page once the page is complete.
 */
void
mlr_lesson_view_set_position (MlrLessonView *self,
                              double         fraction)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->restore_fraction = CLAMP (fraction, 0.0, 1.0);
  if (g_queue_is_empty (&self->pending))
    _mlr_lesson_view_finish_page (self);
}

/**
 * mlr_lesson_view_scroll_to_section:
 * Brings the @index-th top-level section into view once the page is complete.
 */
void
mlr_lesson_view_scroll_to_section (MlrLessonView *self,
                                   int            index)
{
  mlr_lesson_view_show_match (self, index, NULL);
}

/**
 * mlr_lesson_view_show_match:
 * Brings the @index-th top-level section into view once the page is complete and, with
 * @text, selects the first place in it that says @text (a search match) and centres that.
 */
void
mlr_lesson_view_show_match (MlrLessonView *self,
                            int            index,
                            const char    *text)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  g_free (self->highlight);
  self->highlight = text && *text ? g_strstrip (g_strdup (text)) : NULL;
  g_clear_weak_pointer (&self->highlighted);
  g_clear_pointer (&self->scroll_to_id, g_free);
  self->scroll_section = index;
  if (g_queue_is_empty (&self->pending))
    _mlr_lesson_view_finish_page (self);
}

/**
 * mlr_lesson_view_show_section:
 * Brings the section with the id @section_id (top-level or nested) into view once the page is
 * complete. FALSE, and the page stays where it is, when the lesson shown has no such section.
 */
gboolean
mlr_lesson_view_show_section (MlrLessonView *self,
                              const char    *section_id)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), FALSE);
  g_return_val_if_fail (section_id != NULL, FALSE);

  if (self->lesson == NULL || mlr_lesson_find_section (self->lesson, section_id) == NULL)
    return FALSE;
  g_clear_pointer (&self->highlight, g_free);
  g_clear_weak_pointer (&self->highlighted);
  g_free (self->scroll_to_id);
  self->scroll_to_id = g_strdup (section_id);
  self->scroll_section = -1;
  if (g_queue_is_empty (&self->pending))
    _mlr_lesson_view_finish_page (self);
  return TRUE;
}

static void
scroll_by (MlrLessonView *self,
           double         delta)
{
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

  gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + delta);
}

/* Reading keys, when the reader is on the page and not in a control: the page itself has focus,
 * or a paragraph does (a label with links), or nothing has. A button, quiz choice, slider or
 * demo canvas that has focus gets its keys first and keeps them. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MlrLessonView         *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double page = gtk_adjustment_get_page_size (vadj) * PAGE_SHARE;
  GdkModifierType mods = state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK |
                                  GDK_SUPER_MASK);

  if (focus != NULL && focus != GTK_WIDGET (self) && !GTK_IS_LABEL (focus))
    return GDK_EVENT_PROPAGATE;
  if (mods & (GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (mods & GDK_CONTROL_MASK)
        return GDK_EVENT_PROPAGATE;
      scroll_by (self, (mods & GDK_SHIFT_MASK) ? -page : page);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      scroll_by (self, page);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      scroll_by (self, -page);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      scroll_by (self, ARROW_STEP);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      scroll_by (self, -ARROW_STEP);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      if (mods & GDK_SHIFT_MASK)
        return GDK_EVENT_PROPAGATE;
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
      return GDK_EVENT_STOP;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (mods & GDK_SHIFT_MASK)
        return GDK_EVENT_PROPAGATE;
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Whether a press on @target lands on something that takes focus itself (a link, a button, a
 * demo, a code block); else the page takes it, so the reading keys work after a click in the
 * text. */
static gboolean
takes_focus_itself (MlrLessonView *self,
                    GtkWidget     *target)
{
  for (GtkWidget *w = target; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (gtk_widget_get_focusable (w))
      return TRUE;
  return FALSE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MlrLessonView   *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  self->last_press_us = g_get_monotonic_time ();
  g_set_weak_pointer (&self->pressed_widget, target);
  if (target != NULL && !takes_focus_itself (self, target))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
_mlr_lesson_view_reading_init (MlrLessonView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* Observes presses on the way down without claiming them: selection and links still work. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* Keeps the focused widget in view. GtkViewport scrolls only when focus enters another of its
 * children's subtrees, so Tab from one row of a list to the next, or from a link to a button
 * in the same box, could leave focus below the screen. */
/* A click that gives a widget focus leaves the page where it is: scrolling it under the
 * pointer would make the first drag on a demo half off screen miss its handle. Focus moves
 * before the press reaches pressed_cb() or well after it (a canvas takes focus once its
 * gesture knows the click is not a double one), so a focus change within two seconds of a
 * press, to the widget pressed or one around it, counts as the click's. */
#define CLICK_FOCUS_US (2000 * 1000)

static gboolean
focus_from_click (MlrLessonView *self,
                  GtkWidget     *focus)
{
  GtkWidget *pressed = self->pressed_widget;

  if (pressed == NULL || g_get_monotonic_time () - self->last_press_us > CLICK_FOCUS_US)
    return FALSE;
  return focus == pressed || gtk_widget_is_ancestor (pressed, focus) ||
         gtk_widget_is_ancestor (focus, pressed);
}

static gboolean
keep_focus_in_view_cb (gpointer user_data)
{
  MlrLessonView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *vadj;
  graphene_rect_t bounds;
  double visible, top, bottom;

  self->focus_idle = 0;
  if (focus != NULL && focus_from_click (self, focus))
    return G_SOURCE_REMOVE;
  /* where the focused widget is in the visible part of the page */
  if (focus == NULL || focus == GTK_WIDGET (self) || self->page == NULL ||
      !gtk_widget_is_ancestor (focus, self->page) ||
      !gtk_widget_compute_bounds (focus, self->scroller, &bounds))
    return G_SOURCE_REMOVE;
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  visible = gtk_widget_get_height (self->scroller);
  top = bounds.origin.y - 12;
  bottom = bounds.origin.y + MIN (bounds.size.height, visible - 24) + 12;
  if (top < 0)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + top);
  else if (bottom > visible)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + bottom - visible);
  return G_SOURCE_REMOVE;
}

static void
focus_changed_cb (GtkWindow     *window,
                  GParamSpec    *pspec,
                  MlrLessonView *self)
{
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, keep_focus_in_view_cb, self,
                                        NULL);
}

void
_mlr_lesson_view_watch_focus (MlrLessonView *self,
                              gboolean       watch)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root))
    return;
  if (watch)
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self,
                             0);
  else
    {
      g_signal_handlers_disconnect_by_func (root, focus_changed_cb, self);
      g_clear_handle_id (&self->focus_idle, g_source_remove);
      g_clear_weak_pointer (&self->pressed_widget);
    }
}
