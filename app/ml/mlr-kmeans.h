/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-kmeans: Lloyd's k-means with k-means++ initialisation, exposed half-step by half-step
 * for the clustering demo: an assign step (each point to its nearest centroid), then an
 * update step (each centroid to the mean of its points), and so on until an assign step
 * changes no label. The inertia (sum of squared distances of points to their assigned
 * centroid) never increases from one half-step to the next.
 *
 * mlr_kmeans_fit() is the batch form scikit-learn's KMeans is: n_init runs from seeded
 * starts, each until an assign step changes no label, the centroids move less than the
 * tolerance (tol times the mean variance of the coordinates, as scikit-learn scales it) or
 * max_iter iterations, keeping the run with the lowest inertia. With `refine` the best run
 * then goes on with single-point moves (Hartigan) while they lower the inertia, and a few
 * seeded swaps of a centroid for a data point (Kanungo et al.), each kept only
 * when it lowers the inertia: never worse than the Lloyd runs alone.
 */
#pragma once

#include <glib.h>

#include "mlr-rng.h"

G_BEGIN_DECLS

#define MLR_KMEANS_ERROR (mlr_kmeans_error_quark ())

typedef enum {
  MLR_KMEANS_ERROR_INVALID,    /* k, dim or a coordinate out of range */
  MLR_KMEANS_ERROR_TOO_FEW,    /* fewer distinct points than clusters */
  MLR_KMEANS_ERROR_CANCELLED,  /* *cancel became non-zero */
} MlrKMeansError;

/* The label of a point before the first assign step. */
#define MLR_KMEANS_UNASSIGNED G_MAXUINT

#define MLR_KMEANS_MAX_K 64

typedef enum {
  MLR_KMEANS_PHASE_ASSIGN,  /* the next half-step assigns points */
  MLR_KMEANS_PHASE_UPDATE,  /* the next half-step moves centroids */
} MlrKMeansPhase;

/* How the first centroids are chosen. */
typedef enum {
  MLR_KMEANS_INIT_PLUS_PLUS,  /* greedy k-means++, as scikit-learn's init="k-means++" */
  MLR_KMEANS_INIT_RANDOM,     /* k distinct data points at random, as init="random" */
} MlrKMeansInit;

typedef struct _MlrKMeans MlrKMeans;

/**
 * MlrKMeansFit:
 * The best of several seeded runs (mlr_kmeans_fit()): labels 0..k-1 for every point, the
 * centroids (row-major k x dim), the inertia with those labels and centroids, the number of
 * assign steps of that run and whether it converged before max_iter.
 */
typedef struct {
  gsize    n_points;
  guint    dim;
  guint    k;
  guint   *labels;
  double  *centroids;
  double   inertia;
  guint    iterations;
  gboolean converged;
  guint    best_init;   /* which of the n_init runs it was, from 0 */
} MlrKMeansFit;

GQuark         mlr_kmeans_error_quark   (void);

gboolean       mlr_kmeans_check         (const double *points,
                                         gsize         n_points,
                                         guint         dim,
                                         guint         k,
                                         GError      **error);
MlrKMeans     *mlr_kmeans_new           (const double *points,
                                         gsize         n_points,
                                         guint         dim,
                                         guint         k,
                                         guint64       seed,
                                         GError      **error);
MlrKMeans     *mlr_kmeans_new_full      (const double *points,
                                         gsize         n_points,
                                         guint         dim,
                                         guint         k,
                                         MlrKMeansInit init,
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
void           mlr_kmeans_set_centroid  (MlrKMeans    *self,
                                         guint         c,
                                         const double *position);

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

MlrKMeansInit  mlr_kmeans_get_init      (const MlrKMeans *self);

gsize          mlr_kmeans_count_distinct (const double *points,
                                         gsize         n_points,
                                         guint         dim);
MlrKMeansFit  *mlr_kmeans_fit           (const double *points,
                                         gsize         n_points,
                                         guint         dim,
                                         guint         k,
                                         MlrKMeansInit init,
                                         guint         n_init,
                                         guint         max_iter,
                                         double        tol,
                                         gboolean      refine,
                                         guint64       seed,
                                         const gint   *cancel,
                                         GError      **error);
void           mlr_kmeans_fit_free      (MlrKMeansFit *fit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrKMeans, mlr_kmeans_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrKMeansFit, mlr_kmeans_fit_free)

G_END_DECLS
