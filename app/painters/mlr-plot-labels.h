/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-plot-labels: labels on pills that keep out of each other's way — the names of the
 * things a picture points at ("det = 3", "λ₁ = 2", "AUC = 0.91"), collected while the
 * geometry is drawn and painted last, so no line crosses one.
 *
 * Each label asks for a spot (a point and an alignment, as mlr_draw_text()) and takes the
 * first of a few nearby spots that overlaps no earlier label and no obstacle (a point to keep
 * clear, such as an arrow's tip), kept inside the plot. Add the most important first: later
 * ones move aside. A pill of the background colour keeps a label readable over a grid; a
 * border in the colour of what it names ties the two together.
 *
 *   g_autoptr(MlrLabels) labels = mlr_labels_new (0.95);
 *   mlr_labels_avoid (labels, tip_x, tip_y, 8);
 *   mlr_labels_add (labels, cr, palette, &color, "det = 3", x, y, 0.5, 0.5, plot);
 *   mlr_labels_draw (labels, cr, palette);
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct _MlrLabels MlrLabels;

MlrLabels *mlr_labels_new   (double            text_scale);
void       mlr_labels_free  (MlrLabels        *self);
void       mlr_labels_avoid (MlrLabels        *self,
                             double            x,
                             double            y,
                             double            radius);
void       mlr_labels_add   (MlrLabels        *self,
                             cairo_t          *cr,
                             const MlrPalette *palette,
                             const MlrColor   *border,
                             const char       *text,
                             double            x,
                             double            y,
                             double            halign,
                             double            valign,
                             const MlrPlot    *bounds);
void       mlr_labels_draw  (MlrLabels        *self,
                             cairo_t          *cr,
                             const MlrPalette *palette);
guint      mlr_labels_get_n_labels (const MlrLabels *self);
void       mlr_labels_get_box      (const MlrLabels *self,
                                    guint            i,
                                    double          *x,
                                    double          *y,
                                    double          *width,
                                    double          *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrLabels, mlr_labels_free)

G_END_DECLS
