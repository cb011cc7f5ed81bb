/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-bayes-painter: the "bayes" demo's picture. The 10,000 people as a grid of small squares,
 * sorted into the ones who test positive (a highlighted block: the sick in blue, the false
 * alarms in orange) and the ones who test negative (the missed sick in light blue, the rest
 * grey); beside it the posterior as a number, the 2×2 table, the odds form, and the posterior
 * after one, two and three positive tests.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-bayes-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

typedef struct {
  double x0, y0;        /* the grid's top left */
  double cell;          /* a person's square, in device units */
  guint  pos_columns;   /* columns of the positive block */
  double gap;           /* between the blocks */
  double panel_x;       /* where the text panel starts: beside the grid, or under it on */
  double panel_y;       /* narrow canvases */
} MlrBayesLayout;

void         mlr_bayes_painter_layout (int                   width,
                                       int                   height,
                                       const MlrBayesState  *state,
                                       MlrBayesLayout       *layout);
int          mlr_bayes_painter_hit    (const MlrBayesLayout *layout,
                                       const MlrBayesState  *state,
                                       double                x,
                                       double                y);
MlrColor     mlr_bayes_cell_color     (const MlrPalette     *palette,
                                       MlrBayesCell          cell);
void         mlr_bayes_painter_draw   (cairo_t              *cr,
                                       int                   width,
                                       int                   height,
                                       const MlrPalette     *palette,
                                       const MlrBayesState  *state,
                                       int                   hover);
char        *mlr_bayes_format_percent (double                share);

G_END_DECLS
