/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MLR_TYPE_FIGURE_PAINTABLE (mlr_figure_paintable_get_type ())
G_DECLARE_FINAL_TYPE (MlrFigurePaintable, mlr_figure_paintable, MLR, FIGURE_PAINTABLE, GObject)

MlrFigurePaintable *mlr_figure_paintable_new           (GdkTexture         *texture);
GdkTexture         *mlr_figure_paintable_get_texture   (MlrFigurePaintable *self);
gboolean            mlr_figure_paintable_get_for_cairo (MlrFigurePaintable *self);
void                mlr_figure_paintable_set_for_cairo (MlrFigurePaintable *self,
                                                        gboolean            for_cairo);
void                mlr_figure_paintable_follow        (MlrFigurePaintable *self,
                                                        GtkWidget          *widget);

G_END_DECLS
