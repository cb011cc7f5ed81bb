/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-drift-painter: the "drift" demo's picture. On the left the reference window's
 * histogram against the last week's, with the model's threshold and the true class boundary;
 * on the right (or below, on a narrow canvas) the weeks as three small charts — PSI, the KS
 * statistic and the model's accuracy — each with its alarm line, alarmed weeks marked, and
 * the week of a retraining.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-drift-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

#include "mlr-plot.h"

gboolean mlr_drift_painter_hist_plot (int                  width,
                                      int                  height,
                                      const MlrDriftState *state,
                                      MlrPlot             *plot);
void   mlr_drift_painter_draw  (cairo_t             *cr,
                                int                  width,
                                int                  height,
                                const MlrPalette    *palette,
                                const MlrDriftState *state);
char  *mlr_drift_format_percent (double              share);

G_END_DECLS
