/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-matrix-painter: the picture of a 2×2 matrix acting on the plane — the faint original
 * grid and the warped one, î and ĵ landing on the matrix's columns, the unit square turned
 * into a parallelogram coloured by the determinant's sign, real eigenvector lines with their
 * eigenvalues, the unit circle turned into the singular-value ellipse, a point cloud, and the
 * inverse. Pure cairo; the widget and `ml-roadmap-cli render matrix` both paint with it.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ml/mlr-matrix-state.h"
#include "ml/mlr-params.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct {
  MlrPlot  plot;       /* data <-> pixels of the plane (equal aspect, origin centred) */
  gboolean has_card;   /* a wide picture carries a read-out card on its left */
  double   card_x, card_y, card_w, card_h;
} MlrMatrixLayout;

void     mlr_matrix_painter_layout (int                    width,
                                    int                    height,
                                    const MlrMatrixState  *state,
                                    MlrMatrixLayout       *layout);
void     mlr_matrix_painter_draw   (cairo_t               *cr,
                                    int                    width,
                                    int                    height,
                                    const MlrPalette      *palette,
                                    const MlrMatrixState  *state);

/* Colours the painter gives meaning to, for the widget's legend and the tests. */
MlrColor mlr_matrix_painter_area_color (const MlrPalette *palette,
                                        double            det);
MlrColor mlr_matrix_painter_ihat_color (const MlrPalette *palette);
MlrColor mlr_matrix_painter_jhat_color (const MlrPalette *palette);

gboolean mlr_matrix_render         (cairo_t               *cr,
                                    int                    width,
                                    int                    height,
                                    const MlrPalette      *palette,
                                    const MlrParams       *params,
                                    GError               **error);

G_END_DECLS
