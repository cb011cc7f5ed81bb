/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrWrapBox: lays its children out left to right at their natural widths and wraps to a new
 * line when the next one does not fit, like words in a paragraph. GtkFlowBox aligns children
 * in columns across lines, which spreads a row of differently sized controls apart; and
 * AdwWrapBox is newer than libadwaita 1.2.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_WRAP_BOX (mlr_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (MlrWrapBox, mlr_wrap_box, MLR, WRAP_BOX, GtkWidget)

GtkWidget *mlr_wrap_box_new    (int         column_spacing,
                                int         row_spacing);
void       mlr_wrap_box_append (MlrWrapBox *self,
                                GtkWidget  *child);

G_END_DECLS
