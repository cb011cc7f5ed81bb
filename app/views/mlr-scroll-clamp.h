/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_SCROLL_CLAMP_LAYOUT (mlr_scroll_clamp_layout_get_type ())

G_DECLARE_FINAL_TYPE (MlrScrollClampLayout, mlr_scroll_clamp_layout, MLR, SCROLL_CLAMP_LAYOUT,
                      GtkLayoutManager)

void mlr_scroll_clamp_install (GtkWidget *clamp);

G_END_DECLS
