/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDemoCanvas: the drawing area of every demo (MlrDemo owns one). It hands a cairo context,
 * its size and a palette built from the current theme (light or dark, refreshed in css_changed,
 * announced with ::palette-changed) to the demo's painter; it is focusable, with a focus ring
 * (style.css), so the demo's keys work on it; and it exports exactly what it paints to PNG,
 * SVG or PDF.
 */
#pragma once

#include <gtk/gtk.h>

#include "painters/mlr-palette.h"

G_BEGIN_DECLS

#define MLR_TYPE_DEMO_CANVAS (mlr_demo_canvas_get_type ())

G_DECLARE_FINAL_TYPE (MlrDemoCanvas, mlr_demo_canvas, MLR, DEMO_CANVAS, GtkWidget)

typedef void (*MlrDemoDrawFunc) (cairo_t          *cr,
                                 int               width,
                                 int               height,
                                 const MlrPalette *palette,
                                 gpointer          user_data);

GtkWidget        *mlr_demo_canvas_new             (void);
void              mlr_demo_canvas_set_draw_func   (MlrDemoCanvas   *self,
                                                   MlrDemoDrawFunc  func,
                                                   gpointer         user_data,
                                                   GDestroyNotify   destroy);
const MlrPalette *mlr_demo_canvas_get_palette     (MlrDemoCanvas   *self);
gboolean          mlr_demo_canvas_export          (MlrDemoCanvas   *self,
                                                   const char      *path,
                                                   GError         **error);
void              mlr_demo_canvas_export_dialog   (MlrDemoCanvas   *self);
guint             mlr_demo_canvas_get_draw_count  (MlrDemoCanvas   *self);
gint64            mlr_demo_canvas_get_last_draw_us (MlrDemoCanvas  *self);

void              mlr_palette_from_widget         (GtkWidget       *widget,
                                                   MlrPalette      *palette);

G_END_DECLS
