/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-dbscan: DBSCAN on 2-D points, as sklearn.cluster.DBSCAN (euclidean) defines it. A
 * point is a core point when at least min_samples points (itself included) lie within eps
 * of it (distance ≤ eps). Clusters grow from core points through core points within eps;
 * a non-core point within eps of a core point is a border point and joins that cluster;
 * the rest are noise, labelled −1.
 *
 * Clusters are numbered as scikit-learn numbers them: in the order of their first core
 * point, and a border point within reach of two clusters joins the one numbered first; so
 * the labels are scikit-learn's, not only the same partition.
 *
 * Neighbours are found through a grid of cells about eps/2 wide (only the cells around a
 * point are searched, whole cells are counted or skipped by their bounding boxes), so a
 * typical run is close to linear in the number of points; the worst case (every point within
 * reach of every other) stays O(n²) distance tests at most. Plain C + GLib.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_DBSCAN_ERROR (mlr_dbscan_error_quark ())

typedef enum {
  MLR_DBSCAN_ERROR_INVALID,    /* eps, min_samples or a coordinate out of range */
  MLR_DBSCAN_ERROR_CANCELLED,  /* *cancel became non-zero */
} MlrDbscanError;

#define MLR_DBSCAN_NOISE (-1)
#define MLR_DBSCAN_MAX_EPS 1e100
#define MLR_DBSCAN_MAX_MIN_SAMPLES 1000000

typedef enum {
  MLR_DBSCAN_ROLE_NOISE,
  MLR_DBSCAN_ROLE_BORDER,
  MLR_DBSCAN_ROLE_CORE,
} MlrDbscanRole;

/**
 * MlrDbscanResult:
 * @labels: the cluster of each point (0 .. n_clusters − 1), or MLR_DBSCAN_NOISE
 * @roles: core, border or noise, per point (#MlrDbscanRole)
 * @visit: the points in the order the clusters reached them (cluster by cluster, each from
 *   its first core point outwards), then the noise: an order to reveal them in
 */
typedef struct {
  gsize   n_points;
  double  eps;
  guint   min_samples;
  int    *labels;
  guint8 *roles;
  gsize  *visit;
  guint   n_clusters;
  gsize   n_core;
  gsize   n_border;
  gsize   n_noise;
} MlrDbscanResult;

GQuark           mlr_dbscan_error_quark   (void);

gboolean         mlr_dbscan_check         (const double  *xy,
                                           gsize          n_points,
                                           double         eps,
                                           gint64         min_samples,
                                           GError       **error);
gboolean         mlr_dbscan_check_params  (double         eps,
                                           gint64         min_samples,
                                           GError       **error);
MlrDbscanResult *mlr_dbscan_run           (const double  *xy,
                                           gsize          n_points,
                                           double         eps,
                                           guint          min_samples,
                                           const gint    *cancel,
                                           GError       **error);
void             mlr_dbscan_result_free   (MlrDbscanResult *result);
gsize            mlr_dbscan_count_within  (const double  *xy,
                                           gsize          n_points,
                                           double         x,
                                           double         y,
                                           double         eps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDbscanResult, mlr_dbscan_result_free)

G_END_DECLS
