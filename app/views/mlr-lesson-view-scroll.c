/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView's place on the page: how far down the reader is, and getting back there (or to
 * a section) once the page, built in slices, is complete and laid out.
 */
#include "config.h"

#include "mlr-lesson-view-private.h"

static gboolean
restore_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  MlrLessonView *self = MLR_LESSON_VIEW (widget);
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double range = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
  GtkWidget *target = NULL;

  /* Wait for the layout of the complete page. */
  if (gtk_widget_get_height (self->page) <= 0)
    return G_SOURCE_CONTINUE;
  if (self->scroll_section >= 0 && self->body != NULL)
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
      if (gtk_widget_compute_point (target, self->page, &GRAPHENE_POINT_INIT (0, 0), &p))
        gtk_adjustment_set_value (vadj, MAX (0, p.y - 12));
    }
  else if (self->restore_fraction >= 0 && range > 0)
    gtk_adjustment_set_value (vadj, self->restore_fraction * range);
  self->restore_fraction = -1;
  self->scroll_section = -1;
  self->restore_tick = 0;
  return G_SOURCE_REMOVE;
}

void
_mlr_lesson_view_finish_page (MlrLessonView *self)
{
  if ((self->restore_fraction >= 0 || self->scroll_section >= 0) && self->restore_tick == 0)
    self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_tick_cb,
                                                       NULL, NULL);
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
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->scroll_section = index;
  if (g_queue_is_empty (&self->pending))
    _mlr_lesson_view_finish_page (self);
}
