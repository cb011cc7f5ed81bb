/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-kmeans.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mlr-kmeans-error-quark, mlr_kmeans_error)

#define MAX_DIM 64
#define MAX_MAGNITUDE 1e100

struct _MlrKMeans
{
  /* The data (owned copy, row-major n x dim) */
  double        *points;
  gsize          n;
  guint          dim;
  guint          k;

  /* The run */
  double        *centroids;  /* k x dim */
  guint         *labels;     /* MLR_KMEANS_UNASSIGNED before the first assign step */
  double         inertia;
  guint          iteration;  /* assign steps done */
  MlrKMeansPhase phase;
  gboolean       converged;
};

static inline double
dist2 (const double *a,
       const double *b,
       guint         dim)
{
  double s = 0;

  for (guint j = 0; j < dim; j++)
    {
      double d = a[j] - b[j];
      s += d * d;
    }
  return s;
}

/* Sum of squared distances to the assigned centroid, or to the nearest one when points are
 * not assigned yet (which is what the first assign step will produce). */
static double
compute_inertia (const MlrKMeans *self)
{
  double total = 0;

  for (gsize i = 0; i < self->n; i++)
    {
      const double *p = self->points + i * self->dim;

      if (self->labels[i] != MLR_KMEANS_UNASSIGNED)
        total += dist2 (p, self->centroids + (gsize) self->labels[i] * self->dim, self->dim);
      else
        {
          double best = INFINITY;
          for (guint c = 0; c < self->k; c++)
            best = MIN (best, dist2 (p, self->centroids + (gsize) c * self->dim, self->dim));
          total += best;
        }
    }
  return total;
}

/* Draws a point with probability proportional to @d2 (uniformly when all are zero). */
static gsize
sample_d2 (MlrRng       *rng,
           const double *d2,
           gsize         n,
           double        total)
{
  double target, cum = 0;
  gsize pick = n - 1;

  if (!(total > 0))
    return mlr_rng_below (rng, (guint32) n);
  target = mlr_rng_uniform (rng) * total;
  for (gsize i = 0; i < n; i++)
    {
      cum += d2[i];
      if (d2[i] > 0 && cum > target)
        return i;
    }
  /* Rounding can leave target just above the final sum: take the last candidate. */
  while (d2[pick] == 0 && pick > 0)
    pick--;
  return pick;
}

/* Greedy k-means++ (Arthur & Vassilvitskii 2007, with the greedy variant scikit-learn
 * uses): the first centroid is a uniformly random point; for each next one, 2 + ⌊ln k⌋
 * candidates are drawn with probability proportional to their squared distance to the
 * nearest centroid so far, and the candidate that lowers the total the most is kept. */
static void
init_plus_plus (MlrKMeans *self,
                guint64    seed)
{
  g_autofree double *d2 = g_new (double, self->n);
  g_autofree double *trial = g_new (double, self->n);
  g_autofree double *best_d2 = g_new (double, self->n);
  guint n_trials = 2 + (guint) floor (log ((double) self->k));
  double total = 0;
  MlrRng rng;
  gsize first;

  mlr_rng_init (&rng, seed);
  first = mlr_rng_below (&rng, (guint32) self->n);
  memcpy (self->centroids, self->points + first * self->dim, self->dim * sizeof (double));
  for (gsize i = 0; i < self->n; i++)
    {
      d2[i] = dist2 (self->points + i * self->dim, self->centroids, self->dim);
      total += d2[i];
    }

  for (guint c = 1; c < self->k; c++)
    {
      double best_total = INFINITY;
      gsize best = 0;

      for (guint t = 0; t < n_trials; t++)
        {
          gsize cand = sample_d2 (&rng, d2, self->n, total);
          const double *p = self->points + cand * self->dim;
          double sum = 0;

          for (gsize i = 0; i < self->n; i++)
            {
              trial[i] = MIN (d2[i], dist2 (self->points + i * self->dim, p, self->dim));
              sum += trial[i];
            }
          if (sum < best_total)
            {
              best_total = sum;
              best = cand;
              memcpy (best_d2, trial, self->n * sizeof (double));
            }
        }

      memcpy (self->centroids + (gsize) c * self->dim, self->points + best * self->dim,
              self->dim * sizeof (double));
      memcpy (d2, best_d2, self->n * sizeof (double));
      total = best_total;
    }
}

/**
 * mlr_kmeans_new:
 * Copies @n_points points of @dim coordinates (row-major) and picks @k initial centroids
 * with greedy k-means++ seeded by @seed (same seed, same centroids). Fails with
 * %MLR_KMEANS_ERROR_INVALID when k is 0, above the number of points or MLR_KMEANS_MAX_K, dim
 * is 0 or above 64, or a coordinate is non-finite or beyond 1e100.
 */
MlrKMeans *
mlr_kmeans_new (const double *points,
                gsize         n_points,
                guint         dim,
                guint         k,
                guint64       seed,
                GError      **error)
{
  MlrKMeans *self;

  if (dim == 0 || dim > MAX_DIM)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                   "points must have 1 to %d coordinates, not %u", MAX_DIM, dim);
      return NULL;
    }
  if (n_points > G_MAXUINT32)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID, "too many points");
      return NULL;
    }
  if (k == 0 || k > MLR_KMEANS_MAX_K || k > n_points)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                   "k must be 1 to %u (the number of points, at most %d), not %u",
                   (guint) MIN (n_points, MLR_KMEANS_MAX_K), MLR_KMEANS_MAX_K, k);
      return NULL;
    }
  g_return_val_if_fail (points != NULL, NULL);
  for (gsize i = 0; i < n_points * dim; i++)
    if (!isfinite (points[i]) || fabs (points[i]) > MAX_MAGNITUDE)
      {
        g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                     "point %" G_GSIZE_FORMAT " is not finite or exceeds 1e100 in magnitude",
                     i / dim + 1);
        return NULL;
      }

  self = g_new0 (MlrKMeans, 1);
  self->points = g_memdup2 (points, n_points * dim * sizeof (double));
  self->n = n_points;
  self->dim = dim;
  self->k = k;
  self->centroids = g_new0 (double, (gsize) k * dim);
  self->labels = g_new (guint, n_points);
  mlr_kmeans_reset (self, seed);
  return self;
}

/* Frees the run and its copy of the points; %NULL is allowed. */
void
mlr_kmeans_free (MlrKMeans *self)
{
  if (self == NULL)
    return;
  g_free (self->points);
  g_free (self->centroids);
  g_free (self->labels);
  g_free (self);
}

/**
 * mlr_kmeans_reset:
 * Starts over with new k-means++ centroids drawn with @seed; all points unassigned.
 */
void
mlr_kmeans_reset (MlrKMeans *self,
                  guint64    seed)
{
  g_return_if_fail (self != NULL);

  for (gsize i = 0; i < self->n; i++)
    self->labels[i] = MLR_KMEANS_UNASSIGNED;
  init_plus_plus (self, seed);
  self->iteration = 0;
  self->phase = MLR_KMEANS_PHASE_ASSIGN;
  self->converged = FALSE;
  self->inertia = compute_inertia (self);
}

/**
 * mlr_kmeans_assign_step:
 * Assigns every point to its nearest centroid (a point keeps its label on a tie, so the
 * run cannot flip-flop). Returns how many labels changed; when none did (after the first
 * assign step) the run has converged.
 */
guint
mlr_kmeans_assign_step (MlrKMeans *self)
{
  guint changed = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (gsize i = 0; i < self->n; i++)
    {
      const double *p = self->points + i * self->dim;
      guint best = self->labels[i];
      double best_d = best != MLR_KMEANS_UNASSIGNED
                      ? dist2 (p, self->centroids + (gsize) best * self->dim, self->dim)
                      : INFINITY;

      for (guint c = 0; c < self->k; c++)
        {
          double d = dist2 (p, self->centroids + (gsize) c * self->dim, self->dim);
          if (d < best_d)
            {
              best_d = d;
              best = c;
            }
        }
      if (best != self->labels[i])
        {
          self->labels[i] = best;
          changed++;
        }
    }

  if (changed == 0 && self->iteration > 0)
    self->converged = TRUE;
  self->iteration++;
  self->phase = MLR_KMEANS_PHASE_UPDATE;
  self->inertia = compute_inertia (self);
  return changed;
}

/**
 * mlr_kmeans_update_step:
 * Moves every centroid to the mean of its points. A centroid left with no points moves to
 * the point farthest from its own centroid (as scikit-learn does), which does not change
 * the inertia now and lowers it at the next assign step.
 */
void
mlr_kmeans_update_step (MlrKMeans *self)
{
  g_autofree double *sums = NULL;
  g_autofree gsize *counts = NULL;
  g_autofree gboolean *taken = NULL;

  g_return_if_fail (self != NULL);

  if (self->iteration == 0)
    {
      /* Nothing assigned yet: assigning first is the only meaningful order. */
      mlr_kmeans_assign_step (self);
    }

  sums = g_new0 (double, (gsize) self->k * self->dim);
  counts = g_new0 (gsize, self->k);
  for (gsize i = 0; i < self->n; i++)
    {
      guint c = self->labels[i];
      for (guint j = 0; j < self->dim; j++)
        sums[(gsize) c * self->dim + j] += self->points[i * self->dim + j];
      counts[c]++;
    }

  for (guint c = 0; c < self->k; c++)
    if (counts[c] > 0)
      for (guint j = 0; j < self->dim; j++)
        self->centroids[(gsize) c * self->dim + j] =
          sums[(gsize) c * self->dim + j] / (double) counts[c];

  for (guint c = 0; c < self->k; c++)
    {
      double far_d = -1;
      gsize far = 0;

      if (counts[c] > 0)
        continue;
      if (taken == NULL)
        taken = g_new0 (gboolean, self->n);
      for (gsize i = 0; i < self->n; i++)
        {
          double d;
          if (taken[i] || counts[self->labels[i]] < 2)
            continue;
          d = dist2 (self->points + i * self->dim,
                     self->centroids + (gsize) self->labels[i] * self->dim, self->dim);
          if (d > far_d)
            {
              far_d = d;
              far = i;
            }
        }
      if (far_d > 0)
        {
          taken[far] = TRUE;
          memcpy (self->centroids + (gsize) c * self->dim, self->points + far * self->dim,
                  self->dim * sizeof (double));
        }
    }

  self->phase = MLR_KMEANS_PHASE_ASSIGN;
  self->inertia = compute_inertia (self);
}

/**
 * mlr_kmeans_half_step:
 * Performs the next half-step (see mlr_kmeans_get_phase()) for the demo's animation; does
 * nothing once converged. Returns whether the run has converged.
 */
gboolean
mlr_kmeans_half_step (MlrKMeans *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->converged)
    return TRUE;
  if (self->phase == MLR_KMEANS_PHASE_ASSIGN)
    mlr_kmeans_assign_step (self);
  else
    mlr_kmeans_update_step (self);
  return self->converged;
}

/**
 * mlr_kmeans_iterate:
 * One Lloyd iteration: half-steps until the next assign step is due (or convergence).
 * Returns whether the run has converged.
 */
gboolean
mlr_kmeans_iterate (MlrKMeans *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->converged)
    return TRUE;
  if (self->phase == MLR_KMEANS_PHASE_ASSIGN)
    mlr_kmeans_assign_step (self);
  if (!self->converged)
    mlr_kmeans_update_step (self);
  return self->converged;
}

/**
 * mlr_kmeans_run:
 * Iterates until convergence or @max_iterations iterations; returns the number done.
 */
guint
mlr_kmeans_run (MlrKMeans *self,
                guint      max_iterations)
{
  guint done = 0;

  g_return_val_if_fail (self != NULL, 0);

  while (done < max_iterations && !self->converged)
    {
      mlr_kmeans_iterate (self);
      done++;
    }
  return done;
}

/* The number of points, coordinates per point, and clusters. */
gsize
mlr_kmeans_get_n_points (const MlrKMeans *self)
{
  return self->n;
}

guint
mlr_kmeans_get_dim (const MlrKMeans *self)
{
  return self->dim;
}

guint
mlr_kmeans_get_k (const MlrKMeans *self)
{
  return self->k;
}

/* The points as given (row-major n x dim). */
const double *
mlr_kmeans_get_points (const MlrKMeans *self)
{
  return self->points;
}

/* The current centroids (row-major k x dim). */
const double *
mlr_kmeans_get_centroids (const MlrKMeans *self)
{
  return self->centroids;
}

/* Each point's cluster, or MLR_KMEANS_UNASSIGNED before the first assign step. */
const guint *
mlr_kmeans_get_labels (const MlrKMeans *self)
{
  return self->labels;
}

/**
 * mlr_kmeans_get_inertia:
 * Sum of squared distances from each point to its centroid (before the first assign step:
 * to its nearest centroid).
 */
double
mlr_kmeans_get_inertia (const MlrKMeans *self)
{
  return self->inertia;
}

/* The number of assign steps done. */
guint
mlr_kmeans_get_iteration (const MlrKMeans *self)
{
  return self->iteration;
}

/* Which half-step comes next. */
MlrKMeansPhase
mlr_kmeans_get_phase (const MlrKMeans *self)
{
  return self->phase;
}

/* Whether an assign step has changed no label (after the first). */
gboolean
mlr_kmeans_is_converged (const MlrKMeans *self)
{
  return self->converged;
}
