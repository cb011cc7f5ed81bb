/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-demo-layout: the frame the gradient-descent and decision-boundary demos share. Top to
 * bottom, all children of the demo widget: a line naming the lesson parameters that could not
 * be used (hidden when there are none), the canvas, and the controls; the canvas's height
 * follows the width (the demo says how), the controls get what they ask for.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The canvas height the demo wants at @width. */
typedef int (*MlrDemoCanvasHeightFunc) (GtkWidget *demo,
                                        int        width);

GtkWidget *mlr_demo_problems_label_new  (GtkWidget               *demo);
void       mlr_demo_problems_label_show (GtkWidget               *label,
                                         const char              *problems);
void       mlr_demo_layout_measure      (GtkWidget               *demo,
                                         GtkWidget               *problems_label,
                                         GtkWidget               *controls,
                                         MlrDemoCanvasHeightFunc  canvas_height,
                                         GtkOrientation           orientation,
                                         int                      for_size,
                                         int                     *minimum,
                                         int                     *natural);
void       mlr_demo_layout_allocate     (GtkWidget               *problems_label,
                                         GtkWidget               *canvas,
                                         GtkWidget               *controls,
                                         int                      width,
                                         int                      height);

G_END_DECLS
