/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-silhouette.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mlr-silhouette-error-quark, mlr_silhouette_error)

/* Points handed to a worker at a time. */
#define CHUNK 64
/* Below this many points one thread does it all. */
#define MIN_PARALLEL 2048

/* The points sorted by cluster, so each cluster is one contiguous run of coordinates. */
typedef struct {
  gsize        n;
  guint        n_clusters;
  double      *xs;         /* n, in cluster order */
  double      *ys;
  gsize       *start;      /* n_clusters + 1 offsets into xs/ys */
  guint       *cluster;    /* cluster of each sorted position */
  gsize       *original;   /* index in the caller's arrays of each sorted position */
  double      *samples;    /* the caller's array, by original index */
  const gint  *cancel;
  gint         next;       /* next chunk to take (atomic) */
} Work;

typedef struct {
  int   label;
  gsize index;
} Entry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a, *y = b;

  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Sum of the distances from (px, py) to @m points. Four running sums let the compiler keep
 * several square roots in flight. */
#if defined(__GNUC__) && !defined(__clang__)
/* The square roots are of sums of squares, never negative: no errno to set, so GCC may use
 * the vector instruction. */
__attribute__ ((optimize ("no-math-errno")))
#endif
static double
sum_distances (double        px,
               double        py,
               const double *xs,
               const double *ys,
               gsize         m)
{
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  gsize j = 0;

  for (; j + 4 <= m; j += 4)
    {
      double dx0 = px - xs[j], dy0 = py - ys[j];
      double dx1 = px - xs[j + 1], dy1 = py - ys[j + 1];
      double dx2 = px - xs[j + 2], dy2 = py - ys[j + 2];
      double dx3 = px - xs[j + 3], dy3 = py - ys[j + 3];
      s0 += sqrt (dx0 * dx0 + dy0 * dy0);
      s1 += sqrt (dx1 * dx1 + dy1 * dy1);
      s2 += sqrt (dx2 * dx2 + dy2 * dy2);
      s3 += sqrt (dx3 * dx3 + dy3 * dy3);
    }
  for (; j < m; j++)
    {
      double dx = px - xs[j], dy = py - ys[j];
      s0 += sqrt (dx * dx + dy * dy);
    }
  return (s0 + s1) + (s2 + s3);
}

static void
score_point (const Work *w,
             gsize       p)
{
  guint own = w->cluster[p];
  gsize size = w->start[own + 1] - w->start[own];
  double px = w->xs[p], py = w->ys[p];
  double a, b = INFINITY, s;

  if (size == 1)
    {
      w->samples[w->original[p]] = 0;
      return;
    }
  /* the point itself adds a distance of 0 */
  a = sum_distances (px, py, w->xs + w->start[own], w->ys + w->start[own], size) /
      (double) (size - 1);
  for (guint c = 0; c < w->n_clusters; c++)
    if (c != own)
      {
        gsize m = w->start[c + 1] - w->start[c];
        double mean = sum_distances (px, py, w->xs + w->start[c], w->ys + w->start[c], m) / m;
        b = MIN (b, mean);
      }
  s = MAX (a, b) > 0 ? (b - a) / MAX (a, b) : 0;
  w->samples[w->original[p]] = s;
}

static gpointer
worker (gpointer data)
{
  Work *w = data;
  gsize n_chunks = (w->n + CHUNK - 1) / CHUNK;

  for (;;)
    {
      gsize chunk = (gsize) g_atomic_int_add (&w->next, 1);
      if (chunk >= n_chunks || (w->cancel != NULL && g_atomic_int_get (w->cancel)))
        break;
      for (gsize p = chunk * CHUNK; p < MIN (w->n, (chunk + 1) * CHUNK); p++)
        score_point (w, p);
    }
  return NULL;
}

/**
 * mlr_silhouette_count_labels:
 * How many different values @labels holds.
 */
guint
mlr_silhouette_count_labels (const int *labels,
                             gsize      n_points)
{
  g_autofree Entry *e = g_new (Entry, MAX (n_points, 1));
  guint count = 0;

  for (gsize i = 0; i < n_points; i++)
    e[i] = (Entry) { labels[i], i };
  qsort (e, n_points, sizeof (Entry), compare_entries);
  for (gsize i = 0; i < n_points; i++)
    count += i == 0 || e[i].label != e[i - 1].label;
  return count;
}

/**
 * mlr_silhouette_samples:
 * @xy: @n_points points, x and y interleaved (finite)
 * @labels: the cluster of each point
 * @cancel: (nullable): when it becomes non-zero the work stops with
 *   %MLR_SILHOUETTE_ERROR_CANCELLED
 * @samples: (out caller-allocates): @n_points silhouette values in [−1, 1]
 *
 * The silhouette of every point, as sklearn.metrics.silhouette_samples (euclidean).
 */
gboolean
mlr_silhouette_samples (const double *xy,
                        const int    *labels,
                        gsize         n_points,
                        const gint   *cancel,
                        double       *samples,
                        GError      **error)
{
  g_autofree Entry *entries = NULL;
  Work w = { 0 };
  guint n_threads;
  guint c;

  if (n_points > G_MAXINT / 2)
    {
      g_set_error (error, MLR_SILHOUETTE_ERROR, MLR_SILHOUETTE_ERROR_UNDEFINED,
                   "too many points");
      return FALSE;
    }
  entries = g_new (Entry, MAX (n_points, 1));
  for (gsize i = 0; i < n_points; i++)
    entries[i] = (Entry) { labels[i], i };
  qsort (entries, n_points, sizeof (Entry), compare_entries);
  for (gsize i = 0; i < n_points; i++)
    w.n_clusters += i == 0 || entries[i].label != entries[i - 1].label;
  if (w.n_clusters < 2 || w.n_clusters >= n_points)
    {
      g_set_error (error, MLR_SILHOUETTE_ERROR, MLR_SILHOUETTE_ERROR_UNDEFINED,
                   "the silhouette needs 2 to n − 1 = %" G_GSIZE_FORMAT " clusters, and there "
                   "%s %u", n_points > 0 ? n_points - 1 : 0, w.n_clusters == 1 ? "is" : "are",
                   w.n_clusters);
      return FALSE;
    }

  w.n = n_points;
  w.xs = g_new (double, n_points);
  w.ys = g_new (double, n_points);
  w.start = g_new (gsize, w.n_clusters + 1);
  w.cluster = g_new (guint, n_points);
  w.original = g_new (gsize, n_points);
  w.samples = samples;
  w.cancel = cancel;
  c = 0;
  w.start[0] = 0;
  for (gsize i = 0; i < n_points; i++)
    {
      if (i > 0 && entries[i].label != entries[i - 1].label)
        w.start[++c] = i;
      w.xs[i] = xy[2 * entries[i].index];
      w.ys[i] = xy[2 * entries[i].index + 1];
      w.cluster[i] = c;
      w.original[i] = entries[i].index;
    }
  w.start[w.n_clusters] = n_points;

  n_threads = n_points < MIN_PARALLEL ? 1 : CLAMP (g_get_num_processors (), 1, 64);
  if (n_threads == 1)
    worker (&w);
  else
    {
      GThread *threads[64];
      for (guint t = 0; t < n_threads - 1; t++)
        threads[t] = g_thread_new ("silhouette", worker, &w);
      worker (&w);
      for (guint t = 0; t < n_threads - 1; t++)
        g_thread_join (threads[t]);
    }

  g_free (w.xs);
  g_free (w.ys);
  g_free (w.start);
  g_free (w.cluster);
  g_free (w.original);
  if (cancel != NULL && g_atomic_int_get (cancel))
    {
      g_set_error (error, MLR_SILHOUETTE_ERROR, MLR_SILHOUETTE_ERROR_CANCELLED, "cancelled");
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_silhouette_score:
 * The mean silhouette over all points, as sklearn.metrics.silhouette_score (euclidean, no
 * sampling).
 */
gboolean
mlr_silhouette_score (const double *xy,
                      const int    *labels,
                      gsize         n_points,
                      const gint   *cancel,
                      double       *score,
                      GError      **error)
{
  g_autofree double *samples = g_new (double, MAX (n_points, 1));
  double total = 0;

  if (!mlr_silhouette_samples (xy, labels, n_points, cancel, samples, error))
    return FALSE;
  for (gsize i = 0; i < n_points; i++)
    total += samples[i];
  *score = total / n_points;
  return TRUE;
}
