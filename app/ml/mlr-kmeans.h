/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-kmeans: Lloyd's k-means with k-means++ initialisation, exposed half-step by half-step
 * for the clustering demo: an assign step (each point to its nearest centroid), then an
 * update step (each centroid to the mean of its points), and so on until an assign step
 * changes no label. The inertia (sum of squared distances of points to their assigned
 * centroid) never increases from one half-step to the next.
 */
#pragma once

#include <glib.h>

#include "mlr-rng.h"

G_BEGIN_DECLS

#define MLR_KMEANS_ERROR (mlr_kmeans_error_quark ())

typedef enum {
  MLR_KMEANS_ERROR_INVALID,
} MlrKMeansError;

/* The label of a point before the first assign step. */
#define MLR_KMEANS_UNASSIGNED G_MAXUINT

#define MLR_KMEANS_MAX_K 64

typedef enum {
  MLR_KMEANS_PHASE_ASSIGN,  /* the next half-step assigns points */
  MLR_KMEANS_PHASE_UPDATE,  /* the next half-step moves centroids */
} MlrKMeansPhase;

typedef struct _MlrKMeans MlrKMeans;

GQuark         mlr_kmeans_error_quark   (void);

MlrKMeans     *mlr_kmeans_new           (const double *points,
                                         gsize         n_points,
                                         guint         dim,
                                         guint         k,
                                         guint64       seed,
                                         GError      **error);
void           mlr_kmeans_free          (MlrKMeans    *self);
void           mlr_kmeans_reset         (MlrKMeans    *self,
                                         guint64       seed);

guint          mlr_kmeans_assign_step   (MlrKMeans    *self);
void           mlr_kmeans_update_step   (MlrKMeans    *self);
gboolean       mlr_kmeans_half_step     (MlrKMeans    *self);
gboolean       mlr_kmeans_iterate       (MlrKMeans    *self);
guint          mlr_kmeans_run           (MlrKMeans    *self,
                                         guint         max_iterations);

gsize          mlr_kmeans_get_n_points  (const MlrKMeans *self);
guint          mlr_kmeans_get_dim       (const MlrKMeans *self);
guint          mlr_kmeans_get_k         (const MlrKMeans *self);
const double  *mlr_kmeans_get_points    (const MlrKMeans *self);
const double  *mlr_kmeans_get_centroids (const MlrKMeans *self);
const guint   *mlr_kmeans_get_labels    (const MlrKMeans *self);
double         mlr_kmeans_get_inertia   (const MlrKMeans *self);
guint          mlr_kmeans_get_iteration (const MlrKMeans *self);
MlrKMeansPhase mlr_kmeans_get_phase     (const MlrKMeans *self);
gboolean       mlr_kmeans_is_converged  (const MlrKMeans *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrKMeans, mlr_kmeans_free)

G_END_DECLS
