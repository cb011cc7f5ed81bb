/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_COLUMN_LAYOUT (mlr_column_layout_get_type ())

G_DECLARE_FINAL_TYPE (MlrColumnLayout, mlr_column_layout, MLR, COLUMN_LAYOUT, GtkLayoutManager)

void mlr_column_layout_install (GtkWidget *box);
void mlr_scroll_clamp_install  (GtkWidget *clamp);

G_END_DECLS
