/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_DEMOS_PAGE (mlr_demos_page_get_type ())

G_DECLARE_FINAL_TYPE (MlrDemosPage, mlr_demos_page, MLR, DEMOS_PAGE, GtkWidget)

GtkWidget *mlr_demos_page_new (void);

G_END_DECLS
