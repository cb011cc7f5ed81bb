/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mlr_scroll_forward_vertical (GtkWidget *widget,
                                  gboolean   unless_focused);

G_END_DECLS
