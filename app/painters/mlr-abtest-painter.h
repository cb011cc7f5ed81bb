/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-abtest-painter: the "ab-test" demo's picture. On the left, the sampling distributions
 * of the observed difference p̂_B − p̂_A under H₀ (centred on 0) and H₁ (centred on the lift),
 * the rejection region beyond the critical value(s), α shaded under H₀ and the power under
 * H₁. On the right (below, when narrow), the power and the users per arm 80% power needs,
 * with power against n on a log axis; or, simulating, the share of experiments declared
 * significant, how it grows look by look, and the first experiment's z and p.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-abtest-state.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct {
  MlrPlot  plot;       /* the distributions: x is the difference (0.01 = 1 point), y the
                        * density over its peak */
  double   panel_x, panel_y, panel_w, panel_h;
  gboolean stacked;    /* the panel under the plot (narrow canvases) */
} MlrAbtestLayout;

typedef struct {
  gboolean lock_view;  /* keep the x range xmin..xmax (while the lift is dragged) */
  double   xmin, xmax;
  gboolean busy;       /* a simulation of the current parameters is running */
  gboolean focused;
} MlrAbtestPainterOptions;

void   mlr_abtest_painter_layout  (int                            width,
                                   int                            height,
                                   const MlrAbtestState          *state,
                                   const MlrAbtestPainterOptions *options,
                                   MlrAbtestLayout               *layout);
void   mlr_abtest_painter_draw    (cairo_t                       *cr,
                                   int                            width,
                                   int                            height,
                                   const MlrPalette              *palette,
                                   const MlrAbtestState          *state,
                                   const MlrAbtestPainterOptions *options);
char  *mlr_abtest_format_percent  (double                         share);
char  *mlr_abtest_format_points   (double                         difference,
                                   gboolean                       sign);
char  *mlr_abtest_format_count    (double                         n);

G_END_DECLS
