/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void           mlr_scroll_forward_vertical (GtkWidget         *widget,
                                            gboolean           unless_focused);
GtkAdjustment *mlr_scrolled_window_jump    (GtkScrolledWindow *scroller,
                                            double             value);

G_END_DECLS
