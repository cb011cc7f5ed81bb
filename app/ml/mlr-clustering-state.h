/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-clustering-state: the state of the "clustering" demo. Points from a generated dataset
 * (blobs, moons or circles), clustered either by k-means shown half-step by half-step
 * (assign every point to its nearest centroid, then move every centroid to the mean of its
 * points, k-means++ seeding) or by DBSCAN (core, border and noise points). Beside the run:
 * the elbow chart, the best inertia scikit-learn's way (mlr_kmeans_fit(), 3 seeded runs) and
 * the silhouette of those labels for k = 1 to 10.
 *
 * The silhouette is undefined with fewer than 2 clusters (or every point its own); the state
 * reports 0 there, never NaN. Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-dataset.h"
#include "mlr-dbscan.h"
#include "mlr-kmeans.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_CLUSTERING_MAX_K 10
#define MLR_CLUSTERING_MAX_STEPS 200
#define MLR_CLUSTERING_MAX_POINTS 1500

typedef enum {
  MLR_CLUSTERING_KMEANS,
  MLR_CLUSTERING_DBSCAN,
} MlrClusteringAlgorithm;

typedef struct _MlrClusteringState MlrClusteringState;

const MlrParamSpec *mlr_clustering_state_param_specs  (guint               *n_specs);
const char * const *mlr_clustering_state_metric_names (void);

MlrClusteringState *mlr_clustering_state_new          (const MlrParams     *params,
                                                       GError             **error);
gboolean            mlr_clustering_state_check        (const MlrParams     *params,
                                                       GError             **error);
void                mlr_clustering_state_free         (MlrClusteringState  *self);
gboolean            mlr_clustering_state_set_points   (MlrClusteringState  *self,
                                                       const MlrDataset    *points,
                                                       GError             **error);
gboolean            mlr_clustering_state_apply_param  (MlrClusteringState  *self,
                                                       const MlrParams     *params,
                                                       const char          *key,
                                                       GError             **error);
gboolean            mlr_clustering_state_param_relevant (const MlrClusteringState *self,
                                                       const char          *key);
void                mlr_clustering_state_read_params  (const MlrClusteringState *self,
                                                       MlrParams           *params);

MlrClusteringAlgorithm mlr_clustering_state_get_algorithm (const MlrClusteringState *self);
guint               mlr_clustering_state_get_n_points (const MlrClusteringState *self);
const double       *mlr_clustering_state_get_points   (const MlrClusteringState *self);
void                mlr_clustering_state_get_bounds   (const MlrClusteringState *self,
                                                       double              *xmin,
                                                       double              *xmax,
                                                       double              *ymin,
                                                       double              *ymax);

/* k-means */
const MlrKMeans    *mlr_clustering_state_get_kmeans   (const MlrClusteringState *self);
const double       *mlr_clustering_state_get_previous_centroids (const MlrClusteringState *self);
guint               mlr_clustering_state_get_steps    (const MlrClusteringState *self);
gboolean            mlr_clustering_state_step         (MlrClusteringState  *self);
void                mlr_clustering_state_rewind       (MlrClusteringState  *self);
void                mlr_clustering_state_finish       (MlrClusteringState  *self);
gboolean            mlr_clustering_state_is_finished  (const MlrClusteringState *self);
void                mlr_clustering_state_move_centroid (MlrClusteringState *self,
                                                       guint                c,
                                                       double               x,
                                                       double               y);
const double       *mlr_clustering_state_get_elbow_inertia (const MlrClusteringState *self);
const double       *mlr_clustering_state_get_elbow_silhouette (const MlrClusteringState *self);

/* DBSCAN */
const MlrDbscanResult *mlr_clustering_state_get_dbscan (const MlrClusteringState *self);
double              mlr_clustering_state_get_eps      (const MlrClusteringState *self);

/* both: the labels as the picture colours them (−1: not assigned yet, or noise) */
const int          *mlr_clustering_state_get_labels   (const MlrClusteringState *self);
double              mlr_clustering_state_get_inertia  (const MlrClusteringState *self);
double              mlr_clustering_state_get_silhouette (const MlrClusteringState *self);
guint               mlr_clustering_state_get_clusters (const MlrClusteringState *self);
guint               mlr_clustering_state_get_iterations (const MlrClusteringState *self);
gsize               mlr_clustering_state_get_noise    (const MlrClusteringState *self);

void                mlr_clustering_state_collect_metrics (const MlrClusteringState *self,
                                                       MlrMetricFunc        func,
                                                       gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrClusteringState, mlr_clustering_state_free)

G_END_DECLS
