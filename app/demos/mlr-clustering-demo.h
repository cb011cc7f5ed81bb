/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-clustering-demo: the "clustering" demo widget. k-means steps (assign, move) through the
 * framework's play/step/reset; centroids can be dragged, or chosen with Page Up/Down and
 * moved with the arrows; +/− change k (or eps for DBSCAN); D switches the algorithm; the
 * menu imports the learner's CSV of points.
 */
#pragma once

#include "ml/mlr-clustering-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_CLUSTERING_DEMO (mlr_clustering_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrClusteringDemo, mlr_clustering_demo, MLR, CLUSTERING_DEMO, MlrDemo)

char     *mlr_clustering_demo_describe_state (const MlrClusteringState *state);
gboolean  mlr_clustering_demo_import_file    (MlrClusteringDemo        *self,
                                              const char               *path);

G_END_DECLS
