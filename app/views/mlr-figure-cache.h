/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Figures are decoded at their shown size times the scale factor where they are shown (2 on a
 * HiDPI screen), and never larger than this, whatever an image claims its size is. */
#define MLR_FIGURE_MAX_PIXELS 2048
#define MLR_FIGURE_MAX_SCALE 4

char       *mlr_figure_cache_default_dir (void);
GdkTexture *mlr_figure_decode            (const char    *path,
                                          guint          width,
                                          int            scale,
                                          gboolean       dark,
                                          int           *shown_w,
                                          GError       **error);
GdkTexture *mlr_figure_load              (const char    *cache_dir,
                                          const char    *path,
                                          guint          width,
                                          int            scale,
                                          gboolean       dark,
                                          int           *shown_w,
                                          gboolean      *from_cache,
                                          GError       **error);

G_END_DECLS
