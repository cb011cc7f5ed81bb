/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_CODE_BLOCK (mlr_code_block_get_type ())

G_DECLARE_FINAL_TYPE (MlrCodeBlock, mlr_code_block, MLR, CODE_BLOCK, GtkWidget)

GtkWidget  *mlr_code_block_new      (const char   *code,
                                     const char   *lang,
                                     const char   *title);
const char *mlr_code_block_get_code (MlrCodeBlock *self);
void        mlr_code_block_warm_language (const char *lang);

G_END_DECLS
