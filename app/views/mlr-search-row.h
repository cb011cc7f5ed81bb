/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mlr-search-hit.h"

G_BEGIN_DECLS

#define MLR_TYPE_SEARCH_ROW (mlr_search_row_get_type ())

G_DECLARE_FINAL_TYPE (MlrSearchRow, mlr_search_row, MLR, SEARCH_ROW, GtkListBoxRow)

GtkWidget    *mlr_search_row_new     (MlrSearchHit *hit);
MlrSearchHit *mlr_search_row_get_hit (MlrSearchRow *self);

G_END_DECLS
