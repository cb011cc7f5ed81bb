/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Vertical scrolling that passes through a widget to the page around it.
 *
 * A GtkScrolledWindow keeps every wheel event that reaches it, even one it cannot use (a code
 * block scrolls only sideways), and a GtkScale or GtkSpinButton turns the wheel into a new
 * value. On a long page either one stops a reader who scrolls with the pointer resting on it,
 * or changes a demo's parameter behind their back. This moves the page instead: the wheel and
 * the touchpad's vertical motion scroll the nearest scrollable ancestor. Horizontal motion
 * (and Shift+wheel) stays with the widget; so does everything while a slider has focus, when
 * asked, since then the learner is working the control.
 *
 * And a move the reader did not ask for, which shows no scrollbar (mlr_scrolled_window_jump()).
 */
#include "config.h"

#include "mlr-scroll-forward.h"

#include <math.h>

/* The nearest ancestor of @widget (not @widget itself) that can scroll vertically. */
static GtkAdjustment *
page_adjustment (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w));
        if (gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_lower (vadj) >
            gtk_adjustment_get_page_size (vadj))
          return vadj;
      }
  return NULL;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  gboolean unless_focused = GPOINTER_TO_INT (user_data);
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *vadj;
  double step;

  if (dy == 0 || fabs (dx) > fabs (dy) || (mods & GDK_SHIFT_MASK))
    return GDK_EVENT_PROPAGATE;
  /* (a spin button's focus is in its text field: focus within counts) */
  if (unless_focused && (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return GDK_EVENT_PROPAGATE;
  if ((vadj = page_adjustment (widget)) == NULL)
    return GDK_EVENT_PROPAGATE;
  /* A wheel notch moves as far as GtkScrolledWindow moves it; a touchpad reports pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (vadj), 2.0 / 3.0);
  else
    step = 1;
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + dy * step);
  return GDK_EVENT_STOP;
}

/**
 * mlr_scroll_forward_vertical:
 * Makes vertical scrolling over @widget scroll the page around it; with @unless_focused,
 * @widget keeps it while it has keyboard focus.
 */
void
mlr_scroll_forward_vertical (GtkWidget *widget,
                             gboolean   unless_focused)
{
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), GINT_TO_POINTER (unless_focused));
  gtk_widget_add_controller (widget, scroll);
}

/**
 * mlr_scrolled_window_jump:
 * Scrolls @scroller vertically to @value (clamped to its range) without showing its overlay
 * scrollbar: a GtkScrolledWindow shows it on any change of its adjustment's value and fades it
 * out a second later, about 30 frames that each repaint the whole window (under Mesa's software
 * GL, 1.2 s of CPU in the 1.5 s after a start whose sidebar row needed scrolling, counted with
 * XDamage). For moves the reader did not ask for (revealing the lesson's row, a new lesson's
 * top), @scroller takes a new adjustment that already holds the value, which is no change of
 * value.
 *
 * Returns: (transfer none) (nullable): the new adjustment, for handlers of "value-changed"; NULL
 * when @scroller was already there
 */
GtkAdjustment *
mlr_scrolled_window_jump (GtkScrolledWindow *scroller,
                          double             value)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (scroller);
  double lower = gtk_adjustment_get_lower (vadj), upper = gtk_adjustment_get_upper (vadj);
  double page = gtk_adjustment_get_page_size (vadj);

  value = CLAMP (value, lower, MAX (lower, upper - page));
  if (value == gtk_adjustment_get_value (vadj))
    return NULL;
  vadj = gtk_adjustment_new (value, lower, upper, gtk_adjustment_get_step_increment (vadj),
                             gtk_adjustment_get_page_increment (vadj), page);
  gtk_scrolled_window_set_vadjustment (scroller, vadj);
  return vadj;
}
