/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the decision-boundary painter share: the cache (shading, contours,
 * marker stamps), the plane (mlr-boundary-painter-plane.c) and the panel
 * (mlr-boundary-painter-panel.c), both called from mlr_boundary_painter_draw() in
 * mlr-boundary-painter.c. Not for use outside app/painters.
 */
#pragma once

#include "mlr-boundary-painter.h"
#include "mlr-contour.h"
#include "mlr-heatmap.h"
#include "mlr-plot-legend.h"

G_BEGIN_DECLS

#define PAD 8   /* around the picture */

typedef struct _MlrBoundaryNetworkCache MlrBoundaryNetworkCache;

struct _MlrBoundaryPainterCache
{
  /* the shading image and what it was built from */
  guint64          serial;
  gboolean         valid;
  int              width, height;
  double           scale;
  MlrColor         background;
  MlrColor         classes[MLR_PALETTE_N_CLASSES];
  MlrHeatmap      *heatmap;
  guint            builds;

  /* contours of that result, in raster coordinates */
  guint64          traced_serial;
  gboolean         traced;
  MlrContour      *boundary;
  MlrContour      *margin_lo;   /* svm: decision = -1 */
  MlrContour      *margin_hi;   /* svm: decision = +1 */

  /* marker stamps (raster targets): [class][0 train, 1 test], the support-vector ring */
  cairo_surface_t *stamps[MLR_DATASET_MAX_CLASSES][2];
  cairo_surface_t *ring;
  double           stamp_scale;
  MlrColor         stamp_fg;
  MlrColor         stamp_classes[MLR_PALETTE_N_CLASSES];
  gboolean         stamp_dark;

  /* the network view's unit maps (mlr-boundary-painter-network.c) */
  MlrBoundaryNetworkCache *network;
};

static inline MlrColor
mlr_boundary_opaque (MlrColor c)
{
  c.a = 1;
  return c;
}

/* An SVM result with two classes: its margins are the decision function at ±1. */
static inline gboolean
mlr_boundary_svm_two_classes (const MlrBoundaryResult *r)
{
  return r != NULL && r->model == MLR_MODEL_SVM && r->decision != NULL;
}

/* mlr-boundary-painter.c */
double mlr_boundary_confusion_size  (const MlrPalette                *palette,
                                     guint                            K,
                                     double                           avail_w,
                                     double                          *cell);

/* mlr-boundary-painter-plane.c */
void   mlr_boundary_train_marker    (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrColor                  *color,
                                     double                           x,
                                     double                           y);
void   mlr_boundary_test_marker     (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrColor                  *color,
                                     double                           x,
                                     double                           y);
void   mlr_boundary_draw_plane      (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrBoundaryState          *state,
                                     const MlrBoundaryLayout         *L,
                                     const MlrBoundaryPainterOptions *options,
                                     MlrBoundaryPainterCache         *cache);

/* mlr-boundary-painter-panel.c */
void   mlr_boundary_draw_header     (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrBoundaryState          *state,
                                     const MlrBoundaryLayout         *L,
                                     const MlrBoundaryPainterOptions *options,
                                     int                              width);
void   mlr_boundary_draw_scores     (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrBoundaryResult         *r,
                                     const MlrBoundaryRect           *R);
void   mlr_boundary_draw_confusion  (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrBoundaryResult         *r,
                                     guint                            K,
                                     const MlrBoundaryRect           *R);
void   mlr_boundary_draw_loss_chart (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrBoundaryResult         *r,
                                     const MlrPlot                   *frame);
void   mlr_boundary_draw_legend     (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const MlrBoundaryState          *state,
                                     const MlrBoundaryResult         *r,
                                     const MlrBoundaryRect           *R,
                                     gboolean                         two_columns);
void   mlr_boundary_draw_notes      (cairo_t                         *cr,
                                     const MlrPalette                *palette,
                                     const char                      *notes,
                                     const MlrBoundaryLayout         *L);

/* mlr-boundary-painter-network.c */
typedef struct {
  guint  n_layers;
  double header_h, footer_h;
  double title_y;                             /* top of the column titles */
  double key_y;                               /* middle of the colour key */
  double tile_w, tile_h, gap;                 /* a unit's map, the space between maps */
  double col_x[MLR_MLP_NETWORK_MAX_LAYERS];   /* left edge of each column's maps */
  double col_bottom[MLR_MLP_NETWORK_MAX_LAYERS];
  double tile_y[MLR_MLP_NETWORK_MAX_LAYERS][MLR_MLP_NETWORK_MAX_SHOWN];
} MlrBoundaryNetworkGeometry;

void     mlr_boundary_network_cache_free       (MlrBoundaryNetworkCache       *cache);
guint    mlr_boundary_network_cache_get_builds (const MlrBoundaryPainterCache *cache);
MlrColor mlr_boundary_network_sign_color       (const MlrPalette              *palette,
                                                double                         value);
double   mlr_boundary_network_edge_width       (double                         w,
                                                double                         max_abs);
void     mlr_boundary_network_carve            (double                        *x,
                                                double                        *y,
                                                double                        *w,
                                                double                        *h,
                                                double                         axis_b,
                                                MlrBoundaryRect               *network);
void     mlr_boundary_network_geometry         (cairo_t                       *cr,
                                                const MlrPalette              *palette,
                                                const MlrMlpNetwork           *net,
                                                const MlrBoundaryRect         *R,
                                                MlrBoundaryNetworkGeometry    *G);
void     mlr_boundary_draw_network             (cairo_t                       *cr,
                                                const MlrPalette              *palette,
                                                const MlrBoundaryResult       *r,
                                                const MlrBoundaryRect         *R,
                                                MlrBoundaryPainterCache       *cache);

G_END_DECLS
