/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-clustering-painter: the "clustering" demo's picture. The points coloured by cluster
 * (Okabe-Ito); for k-means the Voronoi regions of the centroids shaded, the centroids as
 * crosses with the move of the last update step drawn as arrows, and the elbow chart
 * (inertia against k) with the silhouette against k beside it; for DBSCAN the eps circles of
 * the core points, core points large, border points small with a ring, noise as grey crosses.
 * A status line says the step, the inertia and the silhouette.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-clustering-state.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct {
  MlrPlot  scatter;
  MlrPlot  elbow;       /* inertia against k */
  MlrPlot  silhouette;  /* silhouette against k */
  double   status_x, status_y;
  gboolean stacked;     /* charts under the points (narrow canvases) */
} MlrClusteringLayout;

void      mlr_clustering_painter_layout (int                        width,
                                         int                        height,
                                         const MlrClusteringState  *state,
                                         MlrClusteringLayout       *layout);
int       mlr_clustering_painter_hit_centroid (const MlrClusteringLayout *layout,
                                         const MlrClusteringState  *state,
                                         double                     x,
                                         double                     y);
MlrColor  mlr_clustering_color          (const MlrPalette          *palette,
                                         int                        label);
char     *mlr_clustering_status         (const MlrClusteringState  *state);
void      mlr_clustering_painter_draw   (cairo_t                   *cr,
                                         int                        width,
                                         int                        height,
                                         const MlrPalette          *palette,
                                         const MlrClusteringState  *state,
                                         int                        selected);

G_END_DECLS
