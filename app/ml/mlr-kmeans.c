/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-kmeans-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mlr-kmeans-error-quark, mlr_kmeans_error)

#define MAX_DIM 64
#define MAX_MAGNITUDE 1e100



/* The centroid nearest to @p, starting from @best (kept on a tie: a point keeps its label
 * when another centroid is exactly as near), with its squared distance in *@best_d. The
 * two-coordinate case is spelled out: it is every demo's, and the compiler keeps it in
 * registers. */
static inline guint
nearest (const MlrKMeans *self,
         const double    *p,
         guint            best,
         double          *best_d)
{
  const double *c = self->centroids;
  double bd = best != MLR_KMEANS_UNASSIGNED ? dist2 (p, c + (gsize) best * self->dim, self->dim)
                                            : INFINITY;

  if (self->dim == 2)
    {
      double px = p[0], py = p[1];
      for (guint j = 0; j < self->k; j++)
        {
          double dx = px - c[2 * j], dy = py - c[2 * j + 1];
          double d = dx * dx + dy * dy;
          if (d < bd)
            {
              bd = d;
              best = j;
            }
        }
    }
  else
    for (guint j = 0; j < self->k; j++)
      {
        double d = dist2 (p, c + (gsize) j * self->dim, self->dim);
        if (d < bd)
          {
            bd = d;
            best = j;
          }
      }
  *best_d = bd;
  return best;
}

/* Sum of squared distances to the assigned centroid, or to the nearest one when points are
 * not assigned yet (which is what the first assign step will produce). */
double
mlr_kmeans_compute_inertia (const MlrKMeans *self)
{
  double total = 0;

  for (gsize i = 0; i < self->n; i++)
    {
      const double *p = self->points + i * self->dim;

      if (self->labels[i] != MLR_KMEANS_UNASSIGNED)
        total += dist2 (p, self->centroids + (gsize) self->labels[i] * self->dim, self->dim);
      else
        {
          double best;
          nearest (self, p, MLR_KMEANS_UNASSIGNED, &best);
          total += best;
        }
    }
  return total;
}

/* Draws a point with probability proportional to @d2 (uniformly when all are zero). */
gsize
mlr_kmeans_sample_d2 (MlrRng       *rng,
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

/* Brings @d2 up to date with a new centroid @c (when not %NULL) and draws @n_draws points
 * with probability proportional to it in the same pass: draw t picks the first point whose
 * running sum of @d2 passes targets[t] (mlr_kmeans_sample_d2()'s choice, made for all draws at once).
 * @total must be the sum of @d2 after the update, summed in index order. */
static void
update_and_sample (const double *points,
                   guint         dim,
                   double       *d2,
                   gsize         n,
                   const double *c,
                   const double *targets,
                   gsize        *picks,
                   guint         n_draws)
{
  guint order[8], next = 0;
  double cum = 0;
  gsize last = 0;

  /* the draws in increasing order of their targets, so one pass serves them all */
  for (guint t = 0; t < n_draws; t++)
    {
      guint u = t;
      while (u > 0 && targets[order[u - 1]] > targets[t])
        {
          order[u] = order[u - 1];
          u--;
        }
      order[u] = t;
      picks[t] = G_MAXSIZE;
    }
  for (gsize i = 0; i < n; i++)
    {
      double d = d2[i];
      if (c != NULL)
        {
          d = MIN (d, dist2 (points + i * dim, c, dim));
          d2[i] = d;
        }
      else if (next == n_draws)
        break;
      if (d > 0)
        {
          cum += d;
          last = i;
          while (next < n_draws && cum > targets[order[next]])
            picks[order[next++]] = i;
        }
    }
  /* rounding can leave a target just above the final sum: the last candidate */
  for (guint t = 0; t < n_draws; t++)
    if (picks[t] == G_MAXSIZE)
      picks[t] = last;
}

/* For each candidate t, the sum over the points of min(d2[i], ‖x_i − (cx[t], cy[t])‖²). */
static G_ALWAYS_INLINE inline void
trial_sums_2d (const double *points,
               const double *d2,
               gsize         n,
               const double *cx,
               const double *cy,
               double       *sums,
               guint         n_trials)
{
  double acc[6] = { 0 };

  for (gsize i = 0; i < n; i++)
    {
      double px = points[2 * i], py = points[2 * i + 1], di = d2[i];
      for (guint t = 0; t < n_trials; t++)
        {
          double dx = px - cx[t], dy = py - cy[t];
          acc[t] += MIN (di, dx * dx + dy * dy);
        }
    }
  for (guint t = 0; t < n_trials; t++)
    sums[t] = acc[t];
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
  guint n_trials = 2 + (guint) floor (log ((double) self->k));
  const double *cand[2 + 4];  /* 2 + floor(ln 64) = 6 at most */
  const double *prev = NULL;  /* the centroid d2 has yet to take in */
  guint dim = self->dim;
  gsize n = self->n;
  double total = 0;
  MlrRng rng;
  gsize first;

  G_STATIC_ASSERT (MLR_KMEANS_MAX_K <= 64);
  mlr_rng_init (&rng, seed);
  first = mlr_rng_below (&rng, (guint32) n);
  memcpy (self->centroids, self->points + first * dim, dim * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      d2[i] = dist2 (self->points + i * dim, self->centroids, dim);
      total += d2[i];
    }

  for (guint c = 1; c < self->k; c++)
    {
      double sums[G_N_ELEMENTS (cand)] = { 0 };
      double targets[G_N_ELEMENTS (cand)];
      gsize picks[G_N_ELEMENTS (cand)];
      guint best = 0;

      /* all candidates from the same distribution (the draws in the order mlr_kmeans_sample_d2() made
       * them, one at a time), picked in the pass that takes the last centroid into d2 */
      if (total > 0)
        {
          for (guint t = 0; t < n_trials; t++)
            targets[t] = mlr_rng_uniform (&rng) * total;
          update_and_sample (self->points, dim, d2, n, prev, targets, picks, n_trials);
        }
      else
        {
          for (guint t = 0; t < n_trials; t++)
            picks[t] = mlr_rng_below (&rng, (guint32) n);
          update_and_sample (self->points, dim, d2, n, prev, targets, picks, 0);
        }
      for (guint t = 0; t < n_trials; t++)
        cand[t] = self->points + picks[t] * dim;

      /* one pass over the points for all candidates: each point's distances to them while
       * it is in cache */
      if (dim == 2)
        {
          double cx[G_N_ELEMENTS (cand)], cy[G_N_ELEMENTS (cand)];

          for (guint t = 0; t < n_trials; t++)
            {
              cx[t] = cand[t][0];
              cy[t] = cand[t][1];
            }
          /* with the number of candidates a constant the loop over them unrolls and the sums
           * stay in registers; each sum still adds its terms in the order of the points */
          switch (n_trials)
            {
            case 2: trial_sums_2d (self->points, d2, n, cx, cy, sums, 2); break;
            case 3: trial_sums_2d (self->points, d2, n, cx, cy, sums, 3); break;
            case 4: trial_sums_2d (self->points, d2, n, cx, cy, sums, 4); break;
            case 5: trial_sums_2d (self->points, d2, n, cx, cy, sums, 5); break;
            default: trial_sums_2d (self->points, d2, n, cx, cy, sums, n_trials); break;
            }
        }
      else
        for (gsize i = 0; i < n; i++)
          {
            const double *x = self->points + i * dim;
            for (guint t = 0; t < n_trials; t++)
              sums[t] += MIN (d2[i], dist2 (x, cand[t], dim));
          }
      for (guint t = 1; t < n_trials; t++)
        if (sums[t] < sums[best])
          best = t;

      memcpy (self->centroids + (gsize) c * dim, cand[best], dim * sizeof (double));
      prev = cand[best];
      total = sums[best];
    }
  /* the inertia before the first assign step: each point to its nearest centroid, as
   * mlr_kmeans_compute_inertia() would sum it, in the same order */
  self->inertia = total;
}

/* init="random": k data points drawn without replacement (a partial Fisher-Yates shuffle of
 * the indices, as numpy's permutation(n)[:k] picks k distinct rows). */
static void
init_random (MlrKMeans *self,
             guint64    seed)
{
  g_autofree guint *index = g_new (guint, self->n);
  MlrRng rng;

  mlr_rng_init (&rng, seed);
  for (gsize i = 0; i < self->n; i++)
    index[i] = (guint) i;
  for (guint c = 0; c < self->k; c++)
    {
      gsize j = c + mlr_rng_below (&rng, (guint32) (self->n - c));
      guint t = index[c];
      index[c] = index[j];
      index[j] = t;
      memcpy (self->centroids + (gsize) c * self->dim, self->points + (gsize) index[c] * self->dim,
              self->dim * sizeof (double));
    }
}

/**
 * mlr_kmeans_check:
 * Whether a run of @k clusters over these points can be made: the errors mlr_kmeans_new()
 * and mlr_kmeans_fit() would give, without running anything.
 */
gboolean
mlr_kmeans_check (const double  *points,
                  gsize          n_points,
                  guint          dim,
                  guint          k,
                  GError       **error)
{
  if (dim == 0 || dim > MAX_DIM)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                   "points must have 1 to %d coordinates, not %u", MAX_DIM, dim);
      return FALSE;
    }
  if (n_points > G_MAXUINT32)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID, "too many points");
      return FALSE;
    }
  if (k == 0 || k > MLR_KMEANS_MAX_K || k > n_points)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                   "k must be 1 to %u (the number of points, at most %d), not %u",
                   (guint) MIN (n_points, MLR_KMEANS_MAX_K), MLR_KMEANS_MAX_K, k);
      return FALSE;
    }
  g_return_val_if_fail (points != NULL, FALSE);
  for (gsize i = 0; i < n_points * dim; i++)
    if (!isfinite (points[i]) || fabs (points[i]) > MAX_MAGNITUDE)
      {
        g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                     "point %" G_GSIZE_FORMAT " is not finite or exceeds 1e100 in magnitude",
                     i / dim + 1);
        return FALSE;
      }
  return TRUE;
}

/* A run over a copy of the points (checked by the caller), not seeded yet. */
MlrKMeans *
mlr_kmeans_alloc (const double  *points,
                  gsize          n_points,
                  guint          dim,
                  guint          k,
                  MlrKMeansInit  init)
{
  MlrKMeans *self = g_new0 (MlrKMeans, 1);

  self->points = g_memdup2 (points, n_points * dim * sizeof (double));
  self->n = n_points;
  self->dim = dim;
  self->k = k;
  self->init = init;
  self->centroids = g_new0 (double, (gsize) k * dim);
  self->labels = g_new (guint, n_points);
  return self;
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
  return mlr_kmeans_new_full (points, n_points, dim, k, MLR_KMEANS_INIT_PLUS_PLUS, seed, error);
}

/**
 * mlr_kmeans_new_full:
 * As mlr_kmeans_new(), with the initial centroids chosen by @init.
 */
MlrKMeans *
mlr_kmeans_new_full (const double  *points,
                     gsize          n_points,
                     guint          dim,
                     guint          k,
                     MlrKMeansInit  init,
                     guint64        seed,
                     GError       **error)
{
  MlrKMeans *self;

  if (!mlr_kmeans_check (points, n_points, dim, k, error))
    return NULL;
  self = mlr_kmeans_alloc (points, n_points, dim, k, init);
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
  g_free (self->bounds);
  g_free (self);
}

/**
 * mlr_kmeans_reset:
 * Starts over with new initial centroids drawn with @seed (k-means++ or random, as the run
 * was made); all points unassigned.
 */
void
mlr_kmeans_reset (MlrKMeans *self,
                  guint64    seed)
{
  g_return_if_fail (self != NULL);

  for (gsize i = 0; i < self->n; i++)
    self->labels[i] = MLR_KMEANS_UNASSIGNED;
  if (self->init == MLR_KMEANS_INIT_RANDOM)
    {
      init_random (self, seed);
      self->inertia = mlr_kmeans_compute_inertia (self);
    }
  else
    init_plus_plus (self, seed);  /* which sums the inertia as it goes */
  self->iteration = 0;
  self->phase = MLR_KMEANS_PHASE_ASSIGN;
  self->converged = FALSE;
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
  double total = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (gsize i = 0; i < self->n; i++)
    {
      double d;
      guint best = nearest (self, self->points + i * self->dim, self->labels[i], &d);

      total += d;
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
  self->inertia = total;
  return changed;
}

static void move_centroids (MlrKMeans *self);

/**
 * mlr_kmeans_update_step:
 * Moves every centroid to the mean of its points. A centroid left with no points moves to
 * the point farthest from its own centroid (as scikit-learn does), which does not change
 * the inertia now and lowers it at the next assign step.
 */
void
mlr_kmeans_update_step (MlrKMeans *self)
{
  g_return_if_fail (self != NULL);

  if (self->iteration == 0)
    {
      /* Nothing assigned yet: assigning first is the only meaningful order. */
      mlr_kmeans_assign_step (self);
    }
  move_centroids (self);
  self->inertia = mlr_kmeans_compute_inertia (self);
}

/* Each centroid to sums/counts (the mean of its points); a centroid with no points to the
 * point farthest from its own centroid, as scikit-learn moves it. */
static void
centroids_from_sums (MlrKMeans    *self,
                     const double *sums,
                     const gsize  *counts)
{
  g_autofree gboolean *taken = NULL;

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
}

/* The sums of the points' coordinates per cluster and the cluster sizes, from the labels
 * (all assigned). */
void
mlr_kmeans_cluster_sums (const MlrKMeans *self,
                         double          *sums,
                         gsize           *counts)
{
  guint dim = self->dim;

  memset (sums, 0, (gsize) self->k * dim * sizeof (double));
  memset (counts, 0, self->k * sizeof (gsize));
  if (dim == 2)
    for (gsize i = 0; i < self->n; i++)
      {
        guint c = self->labels[i];
        sums[2 * c] += self->points[2 * i];
        sums[2 * c + 1] += self->points[2 * i + 1];
        counts[c]++;
      }
  else
    for (gsize i = 0; i < self->n; i++)
      {
        guint c = self->labels[i];
        for (guint j = 0; j < dim; j++)
          sums[(gsize) c * dim + j] += self->points[i * dim + j];
        counts[c]++;
      }
}

/* The update step without the inertia. */
static void
move_centroids (MlrKMeans *self)
{
  g_autofree double *sums = g_new (double, (gsize) self->k * self->dim);
  g_autofree gsize *counts = g_new (gsize, self->k);

  mlr_kmeans_cluster_sums (self, sums, counts);
  centroids_from_sums (self, sums, counts);
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

/* How the run chooses its first centroids. */
MlrKMeansInit
mlr_kmeans_get_init (const MlrKMeans *self)
{
  return self->init;
}

/**
 * mlr_kmeans_set_centroid:
 * Puts centroid @c at @position (dim coordinates, finite): the demo's dragged centroid. The
 * run goes on from there: the next half-step assigns, and it has not converged.
 */
void
mlr_kmeans_set_centroid (MlrKMeans    *self,
                         guint         c,
                         const double *position)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (c < self->k);

  for (guint j = 0; j < self->dim; j++)
    {
      g_return_if_fail (isfinite (position[j]));
      self->centroids[(gsize) c * self->dim + j] = CLAMP (position[j], -MAX_MAGNITUDE,
                                                          MAX_MAGNITUDE);
    }
  self->phase = MLR_KMEANS_PHASE_ASSIGN;
  self->converged = FALSE;
  self->inertia = mlr_kmeans_compute_inertia (self);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const double *x = a, *y = b;
  guint dim = *(const guint *) user_data;

  for (guint j = 0; j < dim; j++)
    if (x[j] != y[j])
      return x[j] < y[j] ? -1 : 1;
  return 0;
}

/**
 * mlr_kmeans_count_distinct:
 * How many different points there are among @n_points rows of @dim coordinates (finite):
 * k-means cannot make more clusters than that.
 */
gsize
mlr_kmeans_count_distinct (const double *points,
                           gsize         n_points,
                           guint         dim)
{
  g_autofree double *rows = NULL;
  gsize distinct = 0;

  if (n_points == 0 || dim == 0)
    return 0;
  rows = g_memdup2 (points, n_points * dim * sizeof (double));
  g_qsort_with_data (rows, (gint) n_points, dim * sizeof (double), compare_rows, &dim);
  for (gsize i = 0; i < n_points; i++)
    if (i == 0 || memcmp (rows + i * dim, rows + (i - 1) * dim, dim * sizeof (double)) != 0)
      distinct++;
  return distinct;
}

/* How many different points there are, counting no further than @limit (at most
 * MLR_KMEANS_MAX_K): the exact count when it is below @limit. Far cheaper than sorting when
 * the first rows already hold @limit different points, which is the usual case. Points
 * compare as numbers, so -0 and 0 are the same point. */
static gsize
count_distinct_up_to (const double *points,
                      gsize         n_points,
                      guint         dim,
                      guint         limit)
{
  const double *seen[MLR_KMEANS_MAX_K];
  gsize n_seen = 0;

  g_return_val_if_fail (limit <= MLR_KMEANS_MAX_K, 0);
  for (gsize i = 0; i < n_points && n_seen < limit; i++)
    {
      const double *x = points + i * dim;
      gboolean found = FALSE;

      for (gsize s = 0; s < n_seen && !found; s++)
        {
          guint j = 0;
          while (j < dim && seen[s][j] == x[j])
            j++;
          found = j == dim;
        }
      if (!found)
        seen[n_seen++] = x;
    }
  return n_seen;
}

/* scikit-learn's tolerance: tol times the mean over coordinates of their variance. */
static double
scaled_tolerance (const double *points,
                  gsize         n,
                  guint         dim,
                  double        tol)
{
  double total = 0;

  if (tol == 0)
    return 0;
  for (guint j = 0; j < dim; j++)
    {
      double mean = 0, var = 0;
      for (gsize i = 0; i < n; i++)
        mean += points[i * dim + j];
      mean /= n;
      for (gsize i = 0; i < n; i++)
        {
          double d = points[i * dim + j] - mean;
          var += d * d;
        }
      total += var / n;
    }
  return total / dim * tol;
}

/* Nearest and second-nearest centroid of @x (the current label kept on a tie, as
 * mlr_kmeans_assign_step() keeps it), as squared distances. */
static inline guint
nearest_two (const MlrKMeans *self,
             const double    *x,
             guint            current,
             double          *d1,
             double          *d2)
{
  double b1 = INFINITY, b2 = INFINITY;
  guint best = current;

  if (current != MLR_KMEANS_UNASSIGNED)
    b1 = dist2 (x, self->centroids + (gsize) current * self->dim, self->dim);
  for (guint c = 0; c < self->k; c++)
    {
      double d;
      if (c == current)
        continue;
      d = dist2 (x, self->centroids + (gsize) c * self->dim, self->dim);
      if (d < b1)
        {
          b2 = b1;
          b1 = d;
          best = c;
        }
      else if (d < b2)
        b2 = d;
    }
  *d1 = b1;
  *d2 = b2;
  return best;
}

/* One run from the current centroids: Lloyd's iterations until no label changes, the
 * centroids move by at most @tol_abs (sum of squared shifts), or @max_iter iterations; then
 * labels consistent with the final centroids. Returns the iterations as scikit-learn's
 * n_iter_ counts them; FALSE in *converged when max_iter stopped it.
 *
 * The assign steps are Lloyd's, made cheap with Hamerly's bounds (Hamerly 2010): each point
 * keeps an upper bound u on the distance to its centroid and a lower bound l on the distance
 * to any other; while u stays below l and below half the distance from its centroid to the
 * nearest other, no other centroid can be nearer and the point is not looked at. The bounds
 * follow the centroids' moves; a small margin keeps rounding from ever skipping a point
 * whose label an exact comparison would change. */
guint
mlr_kmeans_run_to_convergence (MlrKMeans  *self,
                               guint       max_iter,
                               double      tol_abs,
                               double     *old,
                               gboolean   *converged,
                               const gint *cancel)
{
  gsize n = self->n;
  guint k = self->k, dim = self->dim;
  gsize size = (gsize) k * dim * sizeof (double);
  double *upper, *lower;
  g_autofree double *half = g_new (double, k);
  g_autofree double *moved = g_new (double, k);
  g_autofree double *sums = g_new (double, (gsize) k * dim);
  g_autofree gsize *counts = g_new (gsize, k);
  guint counted = 0;
  gboolean settled = FALSE;

  /* kept between runs: the swaps and single-point moves start many short ones */
  if (self->bounds == NULL)
    self->bounds = g_new (double, 2 * n);
  upper = self->bounds;
  lower = self->bounds + n;
  *converged = FALSE;
  /* the sums of each cluster's points follow the points that change label, so an update
   * step costs O(k), not a pass over every point; a run starts them afresh */
  if (n > 0 && self->labels[0] != MLR_KMEANS_UNASSIGNED)
    mlr_kmeans_cluster_sums (self, sums, counts);
  else
    {
      memset (sums, 0, (gsize) k * dim * sizeof (double));
      memset (counts, 0, k * sizeof (gsize));
    }
  double max1 = 0, max2 = 0;  /* the largest two centroid moves of the last update */
  guint arg1 = 0;             /* which centroid made the largest */

  for (guint it = 0; it < max_iter || settled; it++)
    {
      double shift = 0;
      guint changed = 0;

      if (cancel != NULL && g_atomic_int_get (cancel))
        return it;

      /* assign */
      for (guint c = 0; c < k; c++)
        {
          double m = INFINITY;
          for (guint c2 = 0; c2 < k; c2++)
            if (c2 != c)
              m = MIN (m, dist2 (self->centroids + (gsize) c * dim,
                                 self->centroids + (gsize) c2 * dim, dim));
          half[c] = 0.5 * sqrt (m);
        }
      for (gsize i = 0; i < n; i++)
        {
          const double *x = self->points + i * dim;
          guint label = self->labels[i];
          double d1, d2;
          guint best;

          if (it > 0)
            {
              double bound;

              /* the bounds follow the last update's moves here rather than in a pass of
               * their own */
              upper[i] += moved[label];
              lower[i] -= label == arg1 ? max2 : max1;
              bound = MAX (half[label], lower[i]) * (1 - 1e-9);
              if (upper[i] < bound)
                continue;
              upper[i] = sqrt (dist2 (x, self->centroids + (gsize) label * dim, dim));
              if (upper[i] < bound)
                continue;
            }
          else if (label != MLR_KMEANS_UNASSIGNED)
            {
              /* a run from labelled points (the refinements' many short ones): a point
               * within half the distance to its centroid's nearest other keeps its label
               * with no search, and is at least 2·half − u from every other centroid */
              double u = sqrt (dist2 (x, self->centroids + (gsize) label * dim, dim));
              if (u < half[label] * (1 - 1e-9))
                {
                  upper[i] = u;
                  lower[i] = (2 * half[label] - u) * (1 - 1e-9);
                  continue;
                }
            }
          best = nearest_two (self, x, label, &d1, &d2);
          upper[i] = sqrt (d1);
          lower[i] = sqrt (d2);
          if (best != label)
            {
              if (label != MLR_KMEANS_UNASSIGNED)
                {
                  for (guint j = 0; j < dim; j++)
                    sums[(gsize) label * dim + j] -= x[j];
                  counts[label]--;
                }
              for (guint j = 0; j < dim; j++)
                sums[(gsize) best * dim + j] += x[j];
              counts[best]++;
              self->labels[i] = best;
              changed++;
            }
        }
      if (changed == 0 && self->iteration > 0)
        self->converged = TRUE;
      self->iteration++;
      self->phase = MLR_KMEANS_PHASE_UPDATE;
      if (settled)
        {
          /* the assignment after the centroids settled, so labels match them; scikit-learn
           * does not count it as an iteration */
          self->inertia = mlr_kmeans_compute_inertia (self);
          *converged = TRUE;
          return counted;
        }
      counted++;
      if (self->converged)
        {
          self->inertia = mlr_kmeans_compute_inertia (self);
          *converged = TRUE;
          return counted;
        }

      /* update, and how far each centroid moved */
      memcpy (old, self->centroids, size);
      centroids_from_sums (self, sums, counts);
      max1 = max2 = 0;
      arg1 = 0;
      for (guint c = 0; c < k; c++)
        {
          double d = dist2 (self->centroids + (gsize) c * dim, old + (gsize) c * dim, dim);
          shift += d;
          moved[c] = sqrt (d);
          if (moved[c] > max1)
            {
              max2 = max1;
              max1 = moved[c];
              arg1 = c;
            }
          else if (moved[c] > max2)
            max2 = moved[c];
        }
      /* the centroids have settled: one more assignment (through the bounds) so labels
       * match them */
      settled = shift <= tol_abs;
    }
  mlr_kmeans_assign_step (self);
  return max_iter;
}

/* The n_init runs, shared out between threads: each run from its own seed, the fit keeping
 * the lowest inertia and, on a tie, the lowest run number, so the result does not depend on
 * which thread ran what. */
typedef struct {
  MlrKMeans     *km;        /* the caller's run, used by the first worker */
  guint          n_init;
  const guint64 *seeds;
  guint          max_iter;
  double         tol_abs;
  const gint    *cancel;
  MlrKMeansFit  *fit;
  GMutex         lock;
  gint           next;
} RunsWork;

typedef struct {
  RunsWork        *w;
  const MlrKMeans *own;     /* NULL: use w->km; else copy this one's points into a run */
} Worker;

static gpointer
run_worker (gpointer data)
{
  Worker *worker = data;
  RunsWork *w = worker->w;
  g_autoptr(MlrKMeans) copy = NULL;
  MlrKMeans *km = w->km;
  g_autofree double *old = NULL;

  if (worker->own != NULL)
    km = copy = mlr_kmeans_alloc (worker->own->points, worker->own->n, worker->own->dim,
                              worker->own->k, worker->own->init);
  old = g_new (double, (gsize) km->k * km->dim);
  for (;;)
    {
      guint r = (guint) g_atomic_int_add (&w->next, 1);
      gboolean converged;
      guint iterations;

      if (r >= w->n_init || (w->cancel != NULL && g_atomic_int_get (w->cancel)))
        break;
      mlr_kmeans_reset (km, w->seeds[r]);
      iterations = mlr_kmeans_run_to_convergence (km, w->max_iter, w->tol_abs, old, &converged, w->cancel);
      g_mutex_lock (&w->lock);
      if (km->inertia < w->fit->inertia ||
          (km->inertia == w->fit->inertia && r < w->fit->best_init))
        {
          w->fit->inertia = km->inertia;
          w->fit->iterations = iterations;
          w->fit->converged = converged;
          w->fit->best_init = r;
          memcpy (w->fit->labels, km->labels, km->n * sizeof (guint));
          memcpy (w->fit->centroids, km->centroids, (gsize) km->k * km->dim * sizeof (double));
        }
      g_mutex_unlock (&w->lock);
    }
  return NULL;
}

/**
 * mlr_kmeans_fit:
 * @points: @n_points rows of @dim coordinates
 * @init: how each run starts
 * @n_init: how many runs (1 to 1000), each from its own seed drawn from @seed
 * @max_iter: iterations per run at most (1 to 100000)
 * @tol: 0 to 1; a run stops when the centroids move (sum of squared shifts) by at most @tol
 *   times the mean variance of the coordinates, as scikit-learn's KMeans; 0: only when no
 *   label changes
 * @refine: after the runs, refine the best: single-point moves between clusters while they
 *   lower the inertia (Hartigan's method; see mlr_kmeans_hartigan_refine()), then seeded swaps
 *   (mlr_kmeans_swap_refine()), each kept only when it lowers the inertia
 * @cancel: (nullable): when it becomes non-zero the fit stops with
 *   %MLR_KMEANS_ERROR_CANCELLED
 *
 * k-means as scikit-learn's KMeans (n_clusters=@k, init, n_init, max_iter, tol) runs it:
 * the run with the lowest inertia wins (the first one on a tie). Without @refine the runs
 * are scikit-learn's Lloyd runs; with it the winner goes on to a local optimum at least as
 * good as Lloyd's, for a little more time. Fails with
 * %MLR_KMEANS_ERROR_INVALID for out-of-range arguments and %MLR_KMEANS_ERROR_TOO_FEW when the
 * data have fewer distinct points than @k (scikit-learn warns and returns duplicate
 * centroids; here the caller hears it).
 */
MlrKMeansFit *
mlr_kmeans_fit (const double  *points,
                gsize          n_points,
                guint          dim,
                guint          k,
                MlrKMeansInit  init,
                guint          n_init,
                guint          max_iter,
                double         tol,
                gboolean       refine,
                guint64        seed,
                const gint    *cancel,
                GError       **error)
{
  g_autoptr(MlrKMeans) km = NULL;
  g_autoptr(MlrKMeansFit) fit = NULL;
  g_autofree double *old = NULL;
  double tol_abs;
  gsize distinct;
  MlrRng seeds;

  if (n_init < 1 || n_init > 1000 || max_iter < 1 || max_iter > 100000 ||
      !(tol >= 0 && tol <= 1))
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                   "n_init must be 1 to 1000, max_iter 1 to 100000 and tol 0 to 1");
      return NULL;
    }
  if (!mlr_kmeans_check (points, n_points, dim, k, error))
    return NULL;
  distinct = count_distinct_up_to (points, n_points, dim, k);
  if (distinct < k)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_TOO_FEW,
                   "k = %u clusters need at least %u different points, and the data have "
                   "%" G_GSIZE_FORMAT, k, k, distinct);
      return NULL;
    }

  km = mlr_kmeans_alloc (points, n_points, dim, k, init);  /* each run seeds it */
  tol_abs = scaled_tolerance (points, n_points, dim, tol);
  old = g_new (double, (gsize) k * dim);
  fit = g_new0 (MlrKMeansFit, 1);
  fit->n_points = n_points;
  fit->dim = dim;
  fit->k = k;
  fit->labels = g_new (guint, n_points);
  fit->centroids = g_new (double, (gsize) k * dim);
  fit->inertia = INFINITY;

  mlr_rng_init (&seeds, seed);
  {
    g_autofree guint64 *run_seeds = g_new (guint64, n_init);
    guint n_workers = n_points * k >= 20000 ? MIN (CLAMP (g_get_num_processors (), 1, 8), n_init)
                                            : 1;
    RunsWork w = { .km = km, .n_init = n_init, .seeds = run_seeds, .max_iter = max_iter,
                   .tol_abs = tol_abs, .cancel = cancel, .fit = fit };
    GThread *threads[8];
    Worker workers[8];

    for (guint r = 0; r < n_init; r++)
      run_seeds[r] = mlr_rng_next (&seeds);
    g_mutex_init (&w.lock);
    for (guint t = 0; t < n_workers; t++)
      {
        workers[t] = (Worker) { .w = &w, .own = t == 0 ? NULL : km };
        if (t > 0)
          threads[t] = g_thread_new ("kmeans", run_worker, &workers[t]);
      }
    run_worker (&workers[0]);
    for (guint t = 1; t < n_workers; t++)
      g_thread_join (threads[t]);
    g_mutex_clear (&w.lock);
    if (cancel != NULL && g_atomic_int_get (cancel))
      {
        g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_CANCELLED, "cancelled");
        return NULL;
      }
  }

  if (refine && k > 1)
    {
      /* from the best run: single-point moves, then swaps, keeping what improves it */
      memcpy (km->labels, fit->labels, n_points * sizeof (guint));
      memcpy (km->centroids, fit->centroids, (gsize) k * dim * sizeof (double));
      km->inertia = fit->inertia;
      mlr_kmeans_hartigan_refine (km, 1000, max_iter, tol_abs, old, cancel);
      mlr_kmeans_swap_refine (km, MIN (2 * k + 2, 32), max_iter, tol_abs, mlr_rng_next (&seeds), cancel);
      if (cancel != NULL && g_atomic_int_get (cancel))
        {
          g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_CANCELLED, "cancelled");
          return NULL;
        }
      if (km->inertia < fit->inertia)
        {
          fit->inertia = km->inertia;
          memcpy (fit->labels, km->labels, n_points * sizeof (guint));
          memcpy (fit->centroids, km->centroids, (gsize) k * dim * sizeof (double));
        }
    }
  return g_steal_pointer (&fit);
}

/* Frees a fit; %NULL is allowed. */
void
mlr_kmeans_fit_free (MlrKMeansFit *fit)
{
  if (fit == NULL)
    return;
  g_free (fit->labels);
  g_free (fit->centroids);
  g_free (fit);
}
