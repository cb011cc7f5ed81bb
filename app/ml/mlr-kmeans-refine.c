/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Refining a k-means run: Hartigan's single-point moves and the swaps (a centroid moved to
 * a point far from every centroid, kept when Lloyd's iterations from there lower the inertia).
 */
#include "mlr-kmeans-private.h"

#include <math.h>
#include <string.h>

/* The means of the points as labelled (a tolerance stop leaves the centroids a little off
 * them), and the cluster sizes. */
static void
exact_means (MlrKMeans *self,
             gsize     *counts)
{
  guint dim = self->dim, k = self->k;
  g_autofree double *sums = g_new (double, (gsize) k * dim);

  mlr_kmeans_cluster_sums (self, sums, counts);
  for (guint c = 0; c < k; c++)
    if (counts[c] > 0)
      for (guint j = 0; j < dim; j++)
        self->centroids[(gsize) c * dim + j] = sums[(gsize) c * dim + j] / counts[c];
}

/* The smallest n/(n+1) over the clusters: the cheapest weight at which any cluster takes a
 * point in. */
static double
lightest_weight (const gsize *counts,
                 guint        k)
{
  double m = 1;

  for (guint c = 0; c < k; c++)
    m = MIN (m, (double) counts[c] / (double) (counts[c] + 1));
  return m;
}

/* One pass of Hartigan's single-point moves (Hartigan & Wong 1979; Telgarsky & Vattani
 * 2010): a point moves from cluster i to j when that lowers the inertia, which is when
 * n_j/(n_j+1)·‖x−c_j‖² < n_i/(n_i−1)·‖x−c_i‖², and the two centroids move with it. Returns
 * how many points moved.
 *
 * Most points cannot move, and a bound shows it without looking at the other centroids:
 * every other centroid is at least sep_i − ‖x−c_i‖ from x, where sep_i is c_i's distance to
 * its nearest other centroid, so when w·(sep_i − ‖x−c_i‖)² (w the lightest weight n/(n+1))
 * is not below the cost of leaving, no cluster can take x. A move shifts two centroids by
 * known amounts, and every separation by at most their sum, which keeps the bounds valid
 * through the pass; a margin far above rounding keeps the test exact. */
static gsize
hartigan_pass (MlrKMeans *self,
               gsize     *counts)
{
  guint dim = self->dim, k = self->k;
  gsize moved = 0;
  double sep[MLR_KMEANS_MAX_K];
  double gain_w[MLR_KMEANS_MAX_K];  /* n_c/(n_c+1): the cost factor of taking a point in */
  double weight = lightest_weight (counts, k);

  for (guint c = 0; c < k; c++)
    gain_w[c] = (double) counts[c] / (double) (counts[c] + 1);

  for (guint c = 0; c < k; c++)
    {
      double m = INFINITY;
      for (guint c2 = 0; c2 < k; c2++)
        if (c2 != c)
          m = MIN (m, dist2 (self->centroids + (gsize) c * dim,
                             self->centroids + (gsize) c2 * dim, dim));
      sep[c] = sqrt (m);
    }
  for (gsize i = 0; i < self->n; i++)
    {
      const double *x = self->points + i * dim;
      guint from = self->labels[i], to = from;
      double n_from = (double) counts[from], own, remove, best, gap, shift;
      double *cf, *ct;

      if (counts[from] <= 1)
        continue;
      own = dist2 (x, self->centroids + (gsize) from * dim, dim);
      remove = n_from / (n_from - 1) * own;
      gap = sep[from] - sqrt (own);
      if (gap > 0 && weight * gap * gap * (1 - 1e-9) >= remove)
        continue;
      best = remove;
      if (dim == 2)
        {
          const double *cs = self->centroids;
          double px = x[0], py = x[1];
          for (guint c = 0; c < k; c++)
            {
              double dx = px - cs[2 * c], dy = py - cs[2 * c + 1];
              double add = gain_w[c] * (dx * dx + dy * dy);
              if (add < best && c != from)
                {
                  best = add;
                  to = c;
                }
            }
        }
      else
        for (guint c = 0; c < k; c++)
          if (c != from)
            {
              double add = gain_w[c] * dist2 (x, self->centroids + (gsize) c * dim, dim);
              if (add < best)
                {
                  best = add;
                  to = c;
                }
            }
      /* a margin far above rounding, so drift in the running means cannot cycle */
      if (to == from || !(best < remove * (1 - 1e-12)))
        continue;
      cf = self->centroids + (gsize) from * dim;
      ct = self->centroids + (gsize) to * dim;
      /* c_i moves by ‖x−c_i‖/(n_i−1), c_j by ‖x−c_j‖/(n_j+1); a little extra for rounding */
      shift = (sqrt (own) / (n_from - 1) + sqrt (dist2 (x, ct, dim)) / (counts[to] + 1))
              * (1 + 1e-9);
      for (guint j = 0; j < dim; j++)
        {
          cf[j] = (cf[j] * n_from - x[j]) / (n_from - 1);
          ct[j] = (ct[j] * counts[to] + x[j]) / (counts[to] + 1);
        }
      counts[from]--;
      counts[to]++;
      gain_w[from] = (double) counts[from] / (double) (counts[from] + 1);
      gain_w[to] = (double) counts[to] / (double) (counts[to] + 1);
      self->labels[i] = to;
      moved++;
      weight = lightest_weight (counts, k);
      for (guint c = 0; c < k; c++)
        sep[c] = MAX (0, sep[c] - shift);
    }
  return moved;
}

/* Refines a converged run to a local optimum of single-point moves: a pass of Hartigan's
 * moves, then Lloyd's iterations (which move many points at once where a pass only starts
 * a migration), until a pass moves nothing. Such optima are always Lloyd's fixed points too
 * (a point that would not gain by moving is strictly nearer its own centroid), so labels
 * and centroids end as Lloyd's iterations would keep them. Every move lowers the inertia,
 * so it ends; @max_rounds bounds it all the same. */
void
mlr_kmeans_hartigan_refine (MlrKMeans  *self,
                            guint       max_rounds,
                            guint       max_iter,
                            double      tol_abs,
                            double     *old,
                            const gint *cancel)
{
  g_autofree gsize *counts = g_new (gsize, self->k);

  for (guint round = 0; round < max_rounds; round++)
    {
      gboolean converged;

      if (cancel != NULL && g_atomic_int_get (cancel))
        break;
      exact_means (self, counts);
      if (hartigan_pass (self, counts) == 0)
        break;
      exact_means (self, counts);
      self->phase = MLR_KMEANS_PHASE_ASSIGN;
      self->converged = FALSE;
      self->iteration = 1;
      mlr_kmeans_run_to_convergence (self, max_iter, tol_abs, old, &converged, cancel);
    }
  exact_means (self, counts);
  self->phase = MLR_KMEANS_PHASE_ASSIGN;
  self->inertia = mlr_kmeans_compute_inertia (self);
}

/* One swap (Kanungo et al. 2004) tried in @work from the clustering in @base: a data point
 * drawn with probability proportional to its squared distance to its centroid replaces the
 * centroid whose loss costs least, then Lloyd's iterations follow, and single-point moves
 * with @moves. @work ends with the result and its inertia; FALSE when there is nothing to swap (every
 * point on its centroid). */
static gboolean
swap_trial (MlrKMeans       *work,
            const MlrKMeans *base,
            guint64          seed,
            guint            max_iter,
            double           tol_abs,
            gboolean         moves,
            const gint      *cancel)
{
  gsize n = base->n;
  guint dim = base->dim, k = base->k;
  g_autofree double *d1 = g_new (double, n);      /* to the nearest centroid */
  g_autofree double *d2 = g_new (double, n);      /* to the second nearest */
  g_autofree double *old = g_new (double, (gsize) k * dim);
  double gain[MLR_KMEANS_MAX_K] = { 0 };
  double total = 0, base_cost = 0, best_cost = INFINITY;
  const double *p;
  guint drop = 0;
  gboolean converged;
  MlrRng rng;

  mlr_rng_init (&rng, seed);
  memcpy (work->labels, base->labels, n * sizeof (guint));
  memcpy (work->centroids, base->centroids, (gsize) k * dim * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      const double *x = base->points + i * dim;
      d1[i] = d2[i] = INFINITY;
      for (guint c = 0; c < k; c++)
        {
          double d = dist2 (x, base->centroids + (gsize) c * dim, dim);
          if (d < d1[i])
            {
              d2[i] = d1[i];
              d1[i] = d;
            }
          else if (d < d2[i])
            d2[i] = d;
        }
      total += d1[i];
    }
  if (!(total > 0))
    return FALSE;
  p = base->points + mlr_kmeans_sample_d2 (&rng, d1, n, total) * dim;

  /* the cost with p added and centroid c dropped: every point at min(its distance to p,
   * its nearest centroid other than c), summed once for all c */
  for (gsize i = 0; i < n; i++)
    {
      double dp = dist2 (base->points + i * dim, p, dim);
      double with = MIN (dp, d1[i]);
      base_cost += with;
      gain[base->labels[i]] += MIN (dp, d2[i]) - with;
    }
  for (guint c = 0; c < k; c++)
    if (base_cost + gain[c] < best_cost)
      {
        best_cost = base_cost + gain[c];
        drop = c;
      }

  memcpy (work->centroids + (gsize) drop * dim, p, dim * sizeof (double));
  work->phase = MLR_KMEANS_PHASE_ASSIGN;
  work->converged = FALSE;
  mlr_kmeans_run_to_convergence (work, max_iter, tol_abs, old, &converged, cancel);
  if (moves)
    mlr_kmeans_hartigan_refine (work, 1000, max_iter, tol_abs, old, cancel);
  return TRUE;
}

typedef struct {
  MlrKMeans       *work;
  const MlrKMeans *base;
  guint64          seed;
  guint            max_iter;
  double           tol_abs;
  gboolean         moves;
  const gint      *cancel;
  gboolean         done;
} SwapJob;

static gpointer
swap_job_run (gpointer data)
{
  SwapJob *job = data;

  job->done = swap_trial (job->work, job->base, job->seed, job->max_iter, job->tol_abs,
                          job->moves, job->cancel);
  return NULL;
}

#define SWAP_BATCH 2
#define SWAP_PATIENCE 2

/* @trials swaps from the run the restarts kept; they reach optima restarts alone miss when
 * there are many clusters. They go in batches of SWAP_BATCH from the same clustering, on
 * threads when the data are large enough to pay for them; the batch's best result is kept
 * when it lowers the inertia (the first on a tie). The batch size is fixed, so the result
 * does not depend on how many processors there are. On large data (n·k ≥ 20,000) a trial is
 * the swap and Lloyd's iterations only, and the single-point moves run once on what the
 * swaps kept: each trial's moves cost more than its Lloyd's run there (about 2/3 of the
 * default fit's instructions at 10,000 points, k = 8), and gain little on such data. */
void
mlr_kmeans_swap_refine (MlrKMeans  *self,
                        guint       trials,
                        guint       max_iter,
                        double      tol_abs,
                        guint64     seed,
                        const gint *cancel)
{
  MlrKMeans *work[SWAP_BATCH];
  gboolean large = self->n * self->k >= 20000;
  gboolean threaded = large && g_get_num_processors () > 1;
  guint idle = 0;
  gboolean improved = FALSE;
  MlrRng rng;

  if (self->k < 2)
    return;
  mlr_rng_init (&rng, seed);
  for (guint b = 0; b < SWAP_BATCH; b++)
    work[b] = mlr_kmeans_alloc (self->points, self->n, self->dim, self->k, self->init);
  for (guint t = 0; t < trials; t += SWAP_BATCH)
    {
      SwapJob jobs[SWAP_BATCH];
      GThread *threads[SWAP_BATCH] = { NULL };
      guint batch = MIN (SWAP_BATCH, trials - t);
      gint best = -1;

      if (cancel != NULL && g_atomic_int_get (cancel))
        break;
      for (guint b = 0; b < batch; b++)
        {
          jobs[b] = (SwapJob) { .work = work[b], .base = self, .seed = mlr_rng_next (&rng),
                                .max_iter = max_iter, .tol_abs = tol_abs,
                                .moves = !large, .cancel = cancel };
          if (threaded && b > 0)
            threads[b] = g_thread_new ("kmeans-swap", swap_job_run, &jobs[b]);
        }
      for (guint b = 0; b < batch; b++)
        if (threads[b] == NULL)
          swap_job_run (&jobs[b]);
      for (guint b = 0; b < batch; b++)
        if (threads[b] != NULL)
          g_thread_join (threads[b]);

      for (guint b = 0; b < batch; b++)
        if (jobs[b].done && jobs[b].work->inertia < self->inertia * (1 - 1e-12) &&
            (best < 0 || jobs[b].work->inertia < jobs[best].work->inertia))
          best = (gint) b;
      /* on large data a swap costs many Lloyd iterations over every point, and the
       * restarts' optima differ little: stop after SWAP_PATIENCE batches in a row that
       * gain nothing (small data, where swaps are cheap and matter most, try them all) */
      idle = best >= 0 ? 0 : idle + 1;
      if (large && idle >= SWAP_PATIENCE)
        break;
      if (best >= 0 && !(cancel != NULL && g_atomic_int_get (cancel)))
        {
          memcpy (self->labels, work[best]->labels, self->n * sizeof (guint));
          memcpy (self->centroids, work[best]->centroids,
                  (gsize) self->k * self->dim * sizeof (double));
          self->inertia = work[best]->inertia;
          improved = TRUE;
        }
      if (!jobs[0].done)
        break;  /* every point is on its centroid: nothing to gain */
    }
  for (guint b = 0; b < SWAP_BATCH; b++)
    mlr_kmeans_free (work[b]);
  /* on large data the trials were Lloyd's alone: the single-point moves once, at the end */
  if (improved && large)
    {
      g_autofree double *old = g_new (double, (gsize) self->k * self->dim);
      mlr_kmeans_hartigan_refine (self, 1000, max_iter, tol_abs, old, cancel);
    }
}
