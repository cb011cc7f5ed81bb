/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting a tooltip without asking the display server where the pointer is.
 */
#include "config.h"

#include "mlr-tooltip.h"

/**
 * mlr_widget_set_tooltip:
 * gtk_widget_set_tooltip_text(), for widgets being built. GTK 4.8 asks the display server
 * where the pointer is whenever the tooltip of a visible widget changes, to update a tooltip
 * that may be showing: a round trip to the X server each time (0.1 ms on a quiet machine, 2 ms
 * on a busy one), which a demo's controls or the sidebar's rows paid dozens of times over. A
 * widget that is in no window yet shows no tooltip, so it is hidden while its tooltip is set
 * (nothing is laid out or drawn in between); one in a window takes the usual way.
 */
void
mlr_widget_set_tooltip (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_root (widget) != NULL || !gtk_widget_get_visible (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}
