/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_TEXT (mlr_text_get_type ())

G_DECLARE_FINAL_TYPE (MlrText, mlr_text, MLR, TEXT, GtkWidget)

GtkWidget *mlr_text_new       (GtkWidget *label);
GtkLabel  *mlr_text_get_label (MlrText   *self);
void       mlr_text_set_measure (MlrText *self,
                                 int      chars);

G_END_DECLS
