/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlr-sidebar-item.h"

G_BEGIN_DECLS

#define MLR_TYPE_SIDEBAR_ROW (mlr_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (MlrSidebarRow, mlr_sidebar_row, MLR, SIDEBAR_ROW, GtkListBoxRow)

GtkWidget      *mlr_sidebar_row_new      (MlrSidebarItem *item);
MlrSidebarItem *mlr_sidebar_row_get_item (MlrSidebarRow  *self);

G_END_DECLS
