/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What mlr-kmeans.c (the runs, k-means++, the fit) and mlr-kmeans-refine.c (Hartigan's
 * single-point moves and the swaps that refine a run) share: the run's state and the steps
 * both use. Not installed, not for other layers.
 */
#pragma once

#include "mlr-kmeans.h"

G_BEGIN_DECLS

struct _MlrKMeans
{
  /* The data (owned copy, row-major n x dim) */
  double        *points;
  gsize          n;
  guint          dim;
  guint          k;
  MlrKMeansInit  init;

  /* The run */
  double        *centroids;  /* k x dim */
  guint         *labels;     /* MLR_KMEANS_UNASSIGNED before the first assign step */
  double         inertia;
  guint          iteration;  /* assign steps done */
  double        *bounds;     /* 2n scratch for mlr_kmeans_run_to_convergence(), made on first use */
  MlrKMeansPhase phase;
  gboolean       converged;
};

static inline double
dist2 (const double *a,
       const double *b,
       guint         dim)
{
  double s = 0;

  if (dim == 2)
    {
      /* every demo's case, and the CLI's with columns x,y: kept out of the loop */
      double dx = a[0] - b[0], dy = a[1] - b[1];
      return dx * dx + dy * dy;
    }
  for (guint j = 0; j < dim; j++)
    {
      double d = a[j] - b[j];
      s += d * d;
    }
  return s;
}

G_GNUC_INTERNAL
MlrKMeans *mlr_kmeans_alloc                (const double    *points,
                                            gsize            n_points,
                                            guint            dim,
                                            guint            k,
                                            MlrKMeansInit    init);
G_GNUC_INTERNAL
double     mlr_kmeans_compute_inertia      (const MlrKMeans *self);
G_GNUC_INTERNAL
gsize      mlr_kmeans_sample_d2            (MlrRng          *rng,
                                            const double    *d2,
                                            gsize            n,
                                            double           total);
G_GNUC_INTERNAL
void       mlr_kmeans_cluster_sums         (const MlrKMeans *self,
                                            double          *sums,
                                            gsize           *counts);
G_GNUC_INTERNAL
guint      mlr_kmeans_run_to_convergence   (MlrKMeans       *self,
                                            guint            max_iter,
                                            double           tol_abs,
                                            double          *old,
                                            gboolean        *converged,
                                            const gint      *cancel);
G_GNUC_INTERNAL
void       mlr_kmeans_hartigan_refine      (MlrKMeans       *self,
                                            guint            max_rounds,
                                            guint            max_iter,
                                            double           tol_abs,
                                            double          *old,
                                            const gint      *cancel);
G_GNUC_INTERNAL
void       mlr_kmeans_swap_refine          (MlrKMeans       *self,
                                            guint            trials,
                                            guint            max_iter,
                                            double           tol_abs,
                                            guint64          seed,
                                            const gint      *cancel);

G_END_DECLS
