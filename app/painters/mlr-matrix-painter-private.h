/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the matrix painter share: the layers of the plane
 * (mlr-matrix-painter-layers.c) and the card and notes (mlr-matrix-painter-card.c), called
 * from mlr_matrix_painter_draw() in mlr-matrix-painter.c. A layer given an MlrLabels queues
 * its label instead of drawing, so every label is painted last, above all lines. Not for use
 * outside app/painters.
 */
#pragma once

#include "mlr-matrix-painter.h"
#include "mlr-plot-labels.h"

G_BEGIN_DECLS

#define LABEL_SCALE 0.95   /* the font of the labels over the plane */

/* mlr-matrix-painter-layers.c */
void mlr_matrix_to_px              (const MlrPlot         *plot,
                                    MlrVec2                v,
                                    double                *x,
                                    double                *y);
void mlr_matrix_draw_original_grid (cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    double                 g,
                                    gboolean               lines);
void mlr_matrix_draw_warped_grid   (cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMat2         *m,
                                    double                 g);
void mlr_matrix_draw_area          (cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMat2         *m,
                                    gboolean               singular,
                                    gboolean               outline);
void mlr_matrix_label_area         (MlrLabels             *labels,
                                    cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMat2         *m,
                                    gboolean               singular);
void mlr_matrix_draw_points        (cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMatrixState  *state,
                                    const MlrMat2         *m);
void mlr_matrix_draw_svd           (MlrLabels             *labels,
                                    cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMat2         *m);
void mlr_matrix_draw_eigen         (MlrLabels             *labels,
                                    cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMat2         *m);
void mlr_matrix_draw_basis_vector  (MlrLabels             *labels,
                                    cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    MlrVec2                tip,
                                    const MlrColor        *color,
                                    const char            *name,
                                    gboolean               ring);

/* mlr-matrix-painter-card.c */
void mlr_matrix_draw_card          (cairo_t               *cr,
                                    const MlrMatrixLayout *layout,
                                    const MlrPalette      *palette,
                                    const MlrMatrixState  *state,
                                    const MlrMat2         *m);
void mlr_matrix_draw_notes         (MlrLabels             *labels,
                                    cairo_t               *cr,
                                    const MlrPlot         *plot,
                                    const MlrPalette      *palette,
                                    const MlrMatrixState  *state,
                                    const MlrMat2         *m,
                                    gboolean               singular,
                                    gboolean               has_card);

G_END_DECLS
