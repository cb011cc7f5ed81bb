/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-dbscan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (mlr-dbscan-error-quark, mlr_dbscan_error)

#define MAX_MAGNITUDE 1e100
/* At most this many cells along an axis: cell indices stay exact enough that two points
 * within eps are never more than `reach` cells apart (see build_grid). */
#define MAX_CELLS_PER_AXIS (1 << 20)

/* A cell of the grid: its points are positions start .. start + count − 1 of the sorted
 * arrays, the first `remaining` of them not yet in a cluster. */
typedef struct {
  gint64 key;
  gsize  start;
  gsize  count;
  gsize  remaining;
  double x0, x1, y0, y1;    /* bounding box of its points */
} Cell;

typedef struct {
  const double *xy;
  gsize         n;
  double        eps2;
  int           reach;      /* cells to search on each side */
  /* points sorted by cell */
  double       *sx;
  double       *sy;
  gsize        *orig;       /* sorted position -> caller's index */
  Cell         *cells;
  gsize         n_cells;
  gsize        *cell_of;    /* caller's index -> its cell */
  /* per cell, for each of the 2 reach + 1 columns around it, the range of cells [lo, hi) */
  gsize        *window;
} Grid;

static inline double
d2 (double ax,
    double ay,
    double bx,
    double by)
{
  double dx = ax - bx, dy = ay - by;
  return dx * dx + dy * dy;
}

/* The smallest and largest squared distance from (x, y) to a point in @c's bounding box.
 * Rounding is monotonic, so every point of the cell has a computed d2() between the two:
 * a whole cell can be counted or skipped without contradicting a point-by-point test. */
static inline void
box_range (const Cell *c,
           double      x,
           double      y,
           double     *lo,
           double     *hi)
{
  double nx = x < c->x0 ? c->x0 - x : x > c->x1 ? x - c->x1 : 0;
  double ny = y < c->y0 ? c->y0 - y : y > c->y1 ? y - c->y1 : 0;
  double fx = MAX (fabs (x - c->x0), fabs (x - c->x1));
  double fy = MAX (fabs (y - c->y0), fabs (y - c->y1));

  *lo = nx * nx + ny * ny;
  *hi = fx * fx + fy * fy;
}

static int
compare_keys (const void *a,
              const void *b,
              void       *keys)
{
  gint64 x = ((const gint64 *) keys)[*(const gsize *) a];
  gint64 y = ((const gint64 *) keys)[*(const gsize *) b];

  if (x != y)
    return x < y ? -1 : 1;
  return *(const gsize *) a < *(const gsize *) b ? -1 : 1;
}

#define KEY(cx, cy) (((gint64) (cx) << 22) | (gint64) (cy))

static void
build_grid (Grid         *g,
            const double *xy,
            gsize         n,
            double        eps)
{
  double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
  double side, range;
  g_autofree gint64 *keys = g_new (gint64, n);
  g_autofree gsize *order = g_new (gsize, n);
  gsize columns = 0;

  for (gsize i = 0; i < n; i++)
    {
      xmin = MIN (xmin, xy[2 * i]);
      xmax = MAX (xmax, xy[2 * i]);
      ymin = MIN (ymin, xy[2 * i + 1]);
      ymax = MAX (ymax, xy[2 * i + 1]);
    }
  /* Cells a little wider than eps/2: two points within eps are at most 2 cells apart. Index
   * arithmetic errs by far less than the 1e-6 margin while there are at most 2^20 cells
   * along an axis; wider data get wider cells (and a smaller reach). */
  range = MAX (xmax - xmin, ymax - ymin);
  side = MAX (eps * 0.5 * (1 + 1e-6), range / (MAX_CELLS_PER_AXIS - 2));
  if (!(side > 0))
    side = 1;
  g->reach = MAX (1, (int) ceil (eps / side + 1e-9));

  for (gsize i = 0; i < n; i++)
    {
      gint64 cx = (gint64) floor ((xy[2 * i] - xmin) / side);
      gint64 cy = (gint64) floor ((xy[2 * i + 1] - ymin) / side);
      keys[i] = KEY (CLAMP (cx, 0, MAX_CELLS_PER_AXIS), CLAMP (cy, 0, MAX_CELLS_PER_AXIS));
      order[i] = i;
    }
  g_qsort_with_data (order, (gint) n, sizeof (gsize), (GCompareDataFunc) compare_keys, keys);

  g->sx = g_new (double, n);
  g->sy = g_new (double, n);
  g->orig = g_new (gsize, n);
  g->cell_of = g_new (gsize, n);
  g->cells = g_new (Cell, n);
  g->n_cells = 0;
  for (gsize p = 0; p < n; p++)
    {
      gsize i = order[p];
      double x = xy[2 * i], y = xy[2 * i + 1];
      Cell *c;

      if (p == 0 || keys[i] != g->cells[g->n_cells - 1].key)
        {
          c = &g->cells[g->n_cells++];
          *c = (Cell) { .key = keys[i], .start = p, .x0 = x, .x1 = x, .y0 = y, .y1 = y };
        }
      c = &g->cells[g->n_cells - 1];
      c->count++;
      c->x0 = MIN (c->x0, x);
      c->x1 = MAX (c->x1, x);
      c->y0 = MIN (c->y0, y);
      c->y1 = MAX (c->y1, y);
      g->sx[p] = x;
      g->sy[p] = y;
      g->orig[p] = i;
      g->cell_of[i] = g->n_cells - 1;
    }
  for (gsize c = 0; c < g->n_cells; c++)
    g->cells[c].remaining = g->cells[c].count;

  /* For each column offset, one forward sweep: the cells are sorted by (column, row), so the
   * first cell at or after (cx + dx, cy − reach) only moves forward as the cells do. */
  columns = 2 * (gsize) g->reach + 1;
  g->window = g_new (gsize, g->n_cells * columns * 2);
  for (int dx = -g->reach; dx <= g->reach; dx++)
    {
      gsize lo = 0, hi = 0;
      for (gsize c = 0; c < g->n_cells; c++)
        {
          gint64 cx = g->cells[c].key >> 22, cy = g->cells[c].key & ((1 << 22) - 1);
          gint64 first, last;
          gsize *w = g->window + (c * columns + (gsize) (dx + g->reach)) * 2;

          /* a column left of the grid holds nothing (and its key would shift a negative) */
          if (cx + dx < 0)
            {
              w[0] = w[1] = 0;
              continue;
            }
          first = KEY (cx + dx, MAX (cy - g->reach, 0));
          last = KEY (cx + dx, cy + g->reach);
          while (lo < g->n_cells && g->cells[lo].key < first)
            lo++;
          if (hi < lo)
            hi = lo;
          while (hi < g->n_cells && g->cells[hi].key <= last)
            hi++;
          w[0] = lo;
          w[1] = hi;
        }
    }
}

static void
free_grid (Grid *g)
{
  g_free (g->sx);
  g_free (g->sy);
  g_free (g->orig);
  g_free (g->cells);
  g_free (g->cell_of);
  g_free (g->window);
}

/* Whether the point with caller's index @i has at least @min_samples points within eps. */
static gboolean
is_core (const Grid *g,
         gsize       i,
         guint       min_samples)
{
  gsize columns = 2 * (gsize) g->reach + 1;
  const gsize *w = g->window + g->cell_of[i] * columns * 2;
  double x = g->xy[2 * i], y = g->xy[2 * i + 1];
  gsize count = 0;

  for (gsize col = 0; col < columns; col++)
    for (gsize c = w[2 * col]; c < w[2 * col + 1]; c++)
      {
        const Cell *cell = &g->cells[c];
        double lo, hi;

        box_range (cell, x, y, &lo, &hi);
        if (lo > g->eps2)
          continue;
        if (hi <= g->eps2)
          count += cell->count;
        else
          for (gsize p = cell->start; p < cell->start + cell->count; p++)
            count += d2 (x, y, g->sx[p], g->sy[p]) <= g->eps2;
        if (count >= min_samples)
          return TRUE;
      }
  return FALSE;
}

/* Takes sorted position @p (in its cell's unlabelled part) out of that part. */
static void
take (Grid  *g,
      Cell  *cell,
      gsize  p)
{
  gsize last = cell->start + cell->remaining - 1;
  double tx = g->sx[p], ty = g->sy[p];
  gsize to = g->orig[p];

  g->sx[p] = g->sx[last];
  g->sy[p] = g->sy[last];
  g->orig[p] = g->orig[last];
  g->sx[last] = tx;
  g->sy[last] = ty;
  g->orig[last] = to;
  cell->remaining--;
}

/* Labels the caller's point @i with @label; a core point goes on the queue to spread it. */
static inline void
reach_point (MlrDbscanResult *r,
             gsize           *queue,
             gsize           *tail,
             gsize           *n_visited,
             gsize            i,
             int              label)
{
  r->labels[i] = label;
  r->visit[(*n_visited)++] = i;
  if (r->roles[i] == MLR_DBSCAN_ROLE_CORE)
    queue[(*tail)++] = i;
  else
    r->roles[i] = MLR_DBSCAN_ROLE_BORDER;
}

/* Labels every point not yet in a cluster within eps of core point @i. */
static void
spread (Grid            *g,
        MlrDbscanResult *r,
        gsize           *queue,
        gsize           *tail,
        gsize           *n_visited,
        gsize            i,
        int              label)
{
  gsize columns = 2 * (gsize) g->reach + 1;
  const gsize *w = g->window + g->cell_of[i] * columns * 2;
  double x = g->xy[2 * i], y = g->xy[2 * i + 1];

  for (gsize col = 0; col < columns; col++)
    for (gsize c = w[2 * col]; c < w[2 * col + 1]; c++)
      {
        Cell *cell = &g->cells[c];
        double lo, hi;

        if (cell->remaining == 0)
          continue;
        box_range (cell, x, y, &lo, &hi);
        if (lo > g->eps2)
          continue;
        for (gsize p = cell->start + cell->remaining; p-- > cell->start;)
          if (hi <= g->eps2 || d2 (x, y, g->sx[p], g->sy[p]) <= g->eps2)
            {
              reach_point (r, queue, tail, n_visited, g->orig[p], label);
              take (g, cell, p);
            }
      }
}

/**
 * mlr_dbscan_check_params:
 * Whether @eps (greater than 0, at most 1e100) and @min_samples (1 to 1,000,000) are
 * usable, with a message naming the valid range when not.
 */
gboolean
mlr_dbscan_check_params (double   eps,
                         gint64   min_samples,
                         GError **error)
{
  if (!(eps > 0 && eps <= MLR_DBSCAN_MAX_EPS))
    {
      g_set_error (error, MLR_DBSCAN_ERROR, MLR_DBSCAN_ERROR_INVALID,
                   "eps: %g is out of range (allowed: greater than 0, at most 1e100)", eps);
      return FALSE;
    }
  if (min_samples < 1 || min_samples > MLR_DBSCAN_MAX_MIN_SAMPLES)
    {
      g_set_error (error, MLR_DBSCAN_ERROR, MLR_DBSCAN_ERROR_INVALID,
                   "min_samples: %" G_GINT64_FORMAT " is out of range (allowed: 1 to %d)",
                   min_samples, MLR_DBSCAN_MAX_MIN_SAMPLES);
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_dbscan_check:
 * Whether mlr_dbscan_run() can run over these points with @eps and @min_samples: its errors,
 * without running it.
 */
gboolean
mlr_dbscan_check (const double  *xy,
                  gsize          n_points,
                  double         eps,
                  gint64         min_samples,
                  GError       **error)
{
  if (!mlr_dbscan_check_params (eps, min_samples, error))
    return FALSE;
  if (n_points == 0 || n_points > G_MAXINT / 2)
    {
      g_set_error (error, MLR_DBSCAN_ERROR, MLR_DBSCAN_ERROR_INVALID,
                   "DBSCAN needs 1 to %d points, not %" G_GSIZE_FORMAT, G_MAXINT / 2,
                   n_points);
      return FALSE;
    }
  for (gsize i = 0; i < 2 * n_points; i++)
    if (!isfinite (xy[i]) || fabs (xy[i]) > MAX_MAGNITUDE)
      {
        g_set_error (error, MLR_DBSCAN_ERROR, MLR_DBSCAN_ERROR_INVALID,
                     "point %" G_GSIZE_FORMAT " is not finite or exceeds 1e100 in magnitude",
                     i / 2 + 1);
        return FALSE;
      }
  return TRUE;
}

/**
 * mlr_dbscan_run:
 * @xy: @n_points points, x and y interleaved, finite and at most 1e100 in magnitude
 * @cancel: (nullable): when it becomes non-zero the run stops with
 *   %MLR_DBSCAN_ERROR_CANCELLED
 *
 * DBSCAN with sklearn.cluster.DBSCAN(eps, min_samples)'s labels (see the file comment).
 */
MlrDbscanResult *
mlr_dbscan_run (const double  *xy,
                gsize          n_points,
                double         eps,
                guint          min_samples,
                const gint    *cancel,
                GError       **error)
{
  g_autoptr(MlrDbscanResult) r = NULL;
  g_autofree gsize *queue = NULL;
  Grid g = { 0 };
  gsize n_visited = 0;
  int label = 0;

  if (!mlr_dbscan_check (xy, n_points, eps, min_samples, error))
    return NULL;

  r = g_new0 (MlrDbscanResult, 1);
  r->n_points = n_points;
  r->eps = eps;
  r->min_samples = min_samples;
  r->labels = g_new (int, n_points);
  r->roles = g_new (guint8, n_points);
  r->visit = g_new (gsize, n_points);
  queue = g_new (gsize, n_points);

  g.xy = xy;
  g.n = n_points;
  g.eps2 = eps * eps;
  build_grid (&g, xy, n_points, eps);

  for (gsize i = 0; i < n_points; i++)
    {
      r->labels[i] = MLR_DBSCAN_NOISE;
      r->roles[i] = is_core (&g, i, min_samples) ? MLR_DBSCAN_ROLE_CORE : MLR_DBSCAN_ROLE_NOISE;
      r->n_core += r->roles[i] == MLR_DBSCAN_ROLE_CORE;
      if ((i & 1023) == 0 && cancel != NULL && g_atomic_int_get (cancel))
        break;
    }

  /* Clusters start at the first core point not yet in one, in index order, and grow
   * breadth-first through core points: scikit-learn's numbering and border assignment. */
  for (gsize i = 0; i < n_points; i++)
    {
      gsize head = 0, tail = 0;
      Cell *cell;
      gsize p;

      if (r->roles[i] != MLR_DBSCAN_ROLE_CORE || r->labels[i] != MLR_DBSCAN_NOISE)
        continue;
      if (cancel != NULL && g_atomic_int_get (cancel))
        break;
      /* take the seed out of its cell's unlabelled part */
      cell = &g.cells[g.cell_of[i]];
      for (p = cell->start; p < cell->start + cell->remaining && g.orig[p] != i; p++)
        ;
      g_assert (p < cell->start + cell->remaining);
      take (&g, cell, p);
      reach_point (r, queue, &tail, &n_visited, i, label);
      while (head < tail)
        spread (&g, r, queue, &tail, &n_visited, queue[head++], label);
      label++;
    }
  free_grid (&g);
  if (cancel != NULL && g_atomic_int_get (cancel))
    {
      g_set_error (error, MLR_DBSCAN_ERROR, MLR_DBSCAN_ERROR_CANCELLED, "cancelled");
      return NULL;
    }

  r->n_clusters = (guint) label;
  for (gsize i = 0; i < n_points; i++)
    if (r->labels[i] == MLR_DBSCAN_NOISE)
      {
        r->visit[n_visited++] = i;
        r->n_noise++;
      }
  r->n_border = n_points - r->n_core - r->n_noise;
  return g_steal_pointer (&r);
}

/* Frees a result; %NULL is allowed. */
void
mlr_dbscan_result_free (MlrDbscanResult *result)
{
  if (result == NULL)
    return;
  g_free (result->labels);
  g_free (result->roles);
  g_free (result->visit);
  g_free (result);
}

/**
 * mlr_dbscan_count_within:
 * How many of the points lie within @eps of (@x, @y) (distance ≤ eps, computed as DBSCAN
 * does): the size of a neighbourhood the demo draws.
 */
gsize
mlr_dbscan_count_within (const double *xy,
                         gsize         n_points,
                         double        x,
                         double        y,
                         double        eps)
{
  double eps2 = eps * eps;
  gsize count = 0;

  for (gsize i = 0; i < n_points; i++)
    count += d2 (x, y, xy[2 * i], xy[2 * i + 1]) <= eps2;
  return count;
}
