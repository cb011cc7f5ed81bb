/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-boundary-painter: draws the decision-boundary demo (ml/mlr-boundary-state.h).
 *
 * The plane: every cell of the result's raster takes its predicted class's colour blended
 * with the background by the model's confidence (a sure region is saturated, a coin toss is
 * nearly background), and the decision contour — where the predicted class changes between
 * neighbouring cells — is a solid line. Training points are filled discs, test points hollow
 * squares, both in their true class's colour. An SVM rings its support vectors and, for two
 * classes, draws its margins (the decision function at ±1) dashed; with more classes the
 * margins of the pairwise machines do not form one picture, and the panel says so. A tree (a
 * forest's first tree) can show its split lines. Beside the plane: train and test accuracy,
 * the confusion matrix, for an mlp the train and test loss per epoch, the legend and the
 * notes (clamped parameters, non-convergence). With view=network and an mlp, the network
 * view (mlr-boundary-painter-network.c) takes room beside or below the plane: every unit a
 * small map of its output over the plane, every weight a line coloured by sign and widened
 * by size.
 *
 * The shading is baked into an image kept in an MlrBoundaryPainterCache and rebuilt only
 * when a new result arrives or the size or theme changes, never per frame.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ml/mlr-boundary-state.h"
#include "ml/mlr-params.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, w, h;
} MlrBoundaryRect;

/* Where things are, in the canvas's units; the widget maps pointer positions with it. */
typedef struct {
  double          header_h;       /* the title strip */
  MlrPlot         plot;           /* the data plane, equal aspect */
  gboolean        panel_beside;   /* the panel sits right of the plane (wide canvases) */
  MlrBoundaryRect panel;
  MlrBoundaryRect scores;         /* train / test accuracy */
  MlrBoundaryRect confusion;      /* the confusion matrix with its labels */
  MlrPlot         chart;          /* mlp: loss per epoch (w == 0 for other models) */
  MlrBoundaryRect legend;
  gboolean        legend_two_columns;
  MlrBoundaryRect notes;
  MlrBoundaryRect network;        /* view=network: the mlp's units and weights (else w == 0) */
} MlrBoundaryLayout;

typedef struct {
  gboolean focused;   /* the canvas has keyboard focus: draw the keyboard cursor */
  gboolean busy;      /* a fit is running for newer input than the picture */
  int      hover;     /* the point under the pointer, or -1 */
  int      add_class; /* the class a click adds (drawn with the cursor), or -1 */
  double   scale;     /* device pixels per unit for the cached shading (HiDPI); 0 = 1 */
} MlrBoundaryPainterOptions;

typedef struct _MlrBoundaryPainterCache MlrBoundaryPainterCache;

MlrBoundaryPainterCache *mlr_boundary_painter_cache_new        (void);
void                     mlr_boundary_painter_cache_free       (MlrBoundaryPainterCache *cache);
guint                    mlr_boundary_painter_cache_get_builds (const MlrBoundaryPainterCache *cache);

void     mlr_boundary_painter_layout (int                              width,
                                      int                              height,
                                      const MlrPalette                *palette,
                                      const MlrBoundaryState          *state,
                                      MlrBoundaryLayout               *layout);
void     mlr_boundary_painter_grid   (const MlrBoundaryLayout         *layout,
                                      MlrGrid                         *grid);
void     mlr_boundary_painter_draw   (cairo_t                         *cr,
                                      int                              width,
                                      int                              height,
                                      const MlrPalette                *palette,
                                      const MlrBoundaryState          *state,
                                      const MlrBoundaryPainterOptions *options,
                                      MlrBoundaryPainterCache         *cache);
gboolean mlr_boundary_render         (cairo_t                         *cr,
                                      int                              width,
                                      int                              height,
                                      const MlrPalette                *palette,
                                      const MlrParams                 *params,
                                      GError                         **error);

MlrColor mlr_boundary_class_color    (const MlrPalette                *palette,
                                      guint                            label);
MlrColor mlr_boundary_shade_color    (const MlrPalette                *palette,
                                      guint                            label,
                                      double                           confidence,
                                      guint                            n_classes);

char    *mlr_boundary_network_describe (const MlrMlpNetwork           *net);
char    *mlr_boundary_network_text_at  (const MlrBoundaryLayout       *layout,
                                        const MlrPalette              *palette,
                                        const MlrBoundaryResult       *r,
                                        double                         x,
                                        double                         y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrBoundaryPainterCache, mlr_boundary_painter_cache_free)

G_END_DECLS
