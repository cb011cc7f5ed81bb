/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-knn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlr-model-math.h"

#define LEAF_SIZE  8
#define BLOCK      16
#define STACK_SIZE 256

typedef struct {
  double x, y;
  guint  index;    /* row in the training set: breaks distance ties */
  guint8 label;
} KPoint;

typedef struct {
  double lo[2], hi[2];
  guint  start, end;     /* the node's points, pts[start .. end) */
  guint  left, right;    /* children; 0 for a leaf (the root is never a child) */
} KdNode;

/* A neighbour kept by a query: @slot is its place in a block's candidate list (grid
 * evaluation only). */
typedef struct {
  double d2;
  guint  index;
  guint  slot;
  guint8 label;
} Neighbor;

struct _MlrKnn
{
  guint   k;
  guint   n;
  guint   n_classes;
  KPoint *pts;           /* in kd-tree order */
  KdNode *nodes;
  guint   n_nodes;
};

static int
cmp_x (const void *a,
       const void *b)
{
  const KPoint *p = a, *q = b;

  return (p->x > q->x) - (p->x < q->x);
}

static int
cmp_y (const void *a,
       const void *b)
{
  const KPoint *p = a, *q = b;

  return (p->y > q->y) - (p->y < q->y);
}

static guint
build (MlrKnn *self,
       guint   start,
       guint   end)
{
  guint id = self->n_nodes++;
  KdNode node = { { G_MAXDOUBLE, G_MAXDOUBLE }, { -G_MAXDOUBLE, -G_MAXDOUBLE }, start, end, 0, 0 };

  for (guint i = start; i < end; i++)
    {
      node.lo[0] = MIN (node.lo[0], self->pts[i].x);
      node.hi[0] = MAX (node.hi[0], self->pts[i].x);
      node.lo[1] = MIN (node.lo[1], self->pts[i].y);
      node.hi[1] = MAX (node.hi[1], self->pts[i].y);
    }
  if (end - start > LEAF_SIZE)
    {
      guint mid = start + (end - start) / 2;
      gboolean wide_x = node.hi[0] - node.lo[0] >= node.hi[1] - node.lo[1];

      qsort (self->pts + start, end - start, sizeof (KPoint), wide_x ? cmp_x : cmp_y);
      node.left = build (self, start, mid);
      node.right = build (self, mid, end);
    }
  self->nodes[id] = node;
  return id;
}

/**
 * mlr_knn_fit:
 * @k: neighbours per query; clamped to the training set size
 * @train: the training points (standardized), K >= 1 classes
 *
 * Returns: (transfer full): the model
 */
MlrKnn *
mlr_knn_fit (guint             k,
             const MlrDataset *train)
{
  MlrKnn *self = g_new0 (MlrKnn, 1);

  self->n = train->n_points;
  self->k = CLAMP (k, 1, MAX (self->n, 1));
  self->n_classes = MAX (train->n_classes, 1);
  self->pts = g_new (KPoint, MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    self->pts[i] = (KPoint) { train->x[2 * i], train->x[2 * i + 1], i, train->y[i] };
  /* Leaves hold at least LEAF_SIZE / 2 points, so there are at most n / 4 + 1 of them. */
  self->nodes = g_new (KdNode, 2 * (self->n / (LEAF_SIZE / 2) + 1) + 1);
  if (self->n > 0)
    build (self, 0, self->n);
  return self;
}

/* Frees @self (NULL is fine). */
void
mlr_knn_free (MlrKnn *self)
{
  if (self == NULL)
    return;
  g_free (self->pts);
  g_free (self->nodes);
  g_free (self);
}

/* k after clamping to the training set size. */
guint
mlr_knn_get_k (const MlrKnn *self)
{
  return self->k;
}

/* (d2, index) order: nearer first, the earlier training row on a tie. A total order, so the
 * k nearest are one exact set whatever order the points are offered in. */
static inline gboolean
closer (double          d2,
        guint           index,
        const Neighbor *b)
{
  return d2 < b->d2 || (d2 == b->d2 && index < b->index);
}

/* The k nearest so far are kept as a max-heap in (d2, index) order: heap[0] is the farthest
 * of them, the one a nearer point replaces. O(log k) per point instead of the O(k) of a
 * sorted array, which matters when k is in the thousands. */
static inline void
heap_sift_up (Neighbor *heap,
              guint     pos)
{
  Neighbor item = heap[pos];

  while (pos > 0)
    {
      guint parent = (pos - 1) / 2;
      if (!closer (heap[parent].d2, heap[parent].index, &item))
        break;
      heap[pos] = heap[parent];
      pos = parent;
    }
  heap[pos] = item;
}

static inline void
heap_sift_down (Neighbor *heap,
                guint     count)
{
  Neighbor item = heap[0];
  guint pos = 0;

  for (;;)
    {
      guint child = 2 * pos + 1;
      if (child >= count)
        break;
      if (child + 1 < count && closer (heap[child].d2, heap[child].index, &heap[child + 1]))
        child++;
      if (!closer (item.d2, item.index, &heap[child]))
        break;
      heap[pos] = heap[child];
      pos = child;
    }
  heap[pos] = item;
}

/* Offers a point to the heap of at most k; returns whether it went in. */
static inline gboolean
offer (Neighbor *heap,
       guint    *count,
       guint     k,
       double    d2,
       guint     index,
       guint     slot,
       guint8    label)
{
  if (*count < k)
    {
      heap[*count] = (Neighbor) { d2, index, slot, label };
      heap_sift_up (heap, (*count)++);
      return TRUE;
    }
  if (!closer (d2, index, &heap[0]))
    return FALSE;
  heap[0] = (Neighbor) { d2, index, slot, label };
  heap_sift_down (heap, k);
  return TRUE;
}

static int
cmp_neighbor (const void *a,
              const void *b)
{
  const Neighbor *p = a, *q = b;

  return closer (p->d2, p->index, q) ? -1 : closer (q->d2, q->index, p) ? 1 : 0;
}

static inline double
box_dist2 (const KdNode *node,
           double        x,
           double        y)
{
  double dx = MAX (MAX (node->lo[0] - x, x - node->hi[0]), 0);
  double dy = MAX (MAX (node->lo[1] - y, y - node->hi[1]), 0);

  return dx * dx + dy * dy;
}

static void
query (const MlrKnn *self,
       double        x,
       double        y,
       Neighbor     *best,
       guint        *count)
{
  guint stack[STACK_SIZE];
  guint top = 0;

  *count = 0;
  stack[top++] = 0;
  while (top > 0)
    {
      const KdNode *node = &self->nodes[stack[--top]];

      if (*count == self->k && box_dist2 (node, x, y) > best[0].d2)
        continue;
      if (node->left == 0)
        {
          for (guint i = node->start; i < node->end; i++)
            {
              const KPoint *p = &self->pts[i];
              double dx = p->x - x, dy = p->y - y;
              offer (best, count, self->k, dx * dx + dy * dy, p->index, 0, p->label);
            }
          continue;
        }
      /* Visit the nearer child first: push it last. */
      if (box_dist2 (&self->nodes[node->left], x, y) <= box_dist2 (&self->nodes[node->right], x, y))
        {
          stack[top++] = node->right;
          stack[top++] = node->left;
        }
      else
        {
          stack[top++] = node->left;
          stack[top++] = node->right;
        }
    }
}

/**
 * mlr_knn_kneighbors:
 * The k nearest training points to (@x1, @x2), nearest first: their rows in the training
 * set in @indices and their distances in @distances (either may be NULL).
 */
void
mlr_knn_kneighbors (const MlrKnn *self,
                    double        x1,
                    double        x2,
                    guint        *indices,
                    double       *distances)
{
  g_autofree Neighbor *best = g_new (Neighbor, self->k);
  guint count;

  query (self, x1, x2, best, &count);
  qsort (best, count, sizeof (Neighbor), cmp_neighbor);
  for (guint i = 0; i < count; i++)
    {
      if (indices)
        indices[i] = best[i].index;
      if (distances)
        distances[i] = sqrt (best[i].d2);
    }
}

static void
neighbors_to_proba (const MlrKnn   *self,
                    const Neighbor *best,
                    guint           count,
                    double         *proba)
{
  memset (proba, 0, self->n_classes * sizeof (double));
  for (guint i = 0; i < count; i++)
    proba[best[i].label] += 1;
  for (guint c = 0; c < self->n_classes; c++)
    proba[c] /= count;
}

/* Class probabilities (neighbour shares) of @n_points points (n_points x K). */
void
mlr_knn_predict_proba (const MlrKnn *self,
                       const double *x,
                       guint         n_points,
                       double       *proba)
{
  g_autofree Neighbor *best = g_new (Neighbor, self->k);

  for (guint i = 0; i < n_points; i++)
    {
      guint count;
      query (self, x[2 * i], x[2 * i + 1], best, &count);
      neighbors_to_proba (self, best, count, proba + (gsize) i * self->n_classes);
    }
}

/* Points within sqrt(@r2) of the box [x0,x1] x [y0,y1] (closed). */
static guint
range_query (const MlrKnn *self,
             double        x0,
             double        x1,
             double        y0,
             double        y1,
             double        r2,
             KPoint       *out)
{
  guint stack[STACK_SIZE];
  guint top = 0, n = 0;

  stack[top++] = 0;
  while (top > 0)
    {
      const KdNode *node = &self->nodes[stack[--top]];
      double dx = MAX (MAX (node->lo[0] - x1, x0 - node->hi[0]), 0);
      double dy = MAX (MAX (node->lo[1] - y1, y0 - node->hi[1]), 0);

      if (dx * dx + dy * dy > r2)
        continue;
      if (node->left != 0)
        {
          stack[top++] = node->left;
          stack[top++] = node->right;
          continue;
        }
      for (guint i = node->start; i < node->end; i++)
        {
          const KPoint *p = &self->pts[i];
          double px = MAX (MAX (x0 - p->x, p->x - x1), 0);
          double py = MAX (MAX (y0 - p->y, p->y - y1), 0);
          if (px * px + py * py <= r2)
            out[n++] = *p;
        }
    }
  return n;
}

/* sqrt (dx^2 + dy^2); hypot()'s overflow care is not needed for coordinates below 1e12. */
static inline double
dist (double dx,
      double dy)
{
  return sqrt (dx * dx + dy * dy);
}

typedef struct {
  double x, y;
  double dc;             /* distance to the block centre */
  guint  index;
  guint8 label;
} Candidate;

static int
cmp_candidate (const void *a,
               const void *b)
{
  const Candidate *p = a, *q = b;

  return (p->dc > q->dc) - (p->dc < q->dc);
}

/* The k nearest candidates of (x, y) into the heap best[]. Candidates are sorted by their
 * distance dc to the block centre, and a candidate's distance to (x, y) is at least dc - r
 * for r the distance from (x, y) to the centre: the scan stops at the first candidate that
 * cannot beat the current k-th. Returns how many were found (k, or fewer candidates). */
static guint
scan_candidates (guint            k,
                 const Candidate *cand,
                 guint            n_cand,
                 double           x,
                 double           y,
                 double           r,
                 Neighbor        *best)
{
  guint count = 0;
  double worst2 = G_MAXDOUBLE;

  for (guint c = 0; c < n_cand; c++)
    {
      double dx, dy, lower = cand[c].dc - r;

      if (count == k && lower > 0 && lower * lower > worst2)
        break;
      dx = cand[c].x - x;
      dy = cand[c].y - y;
      if (offer (best, &count, k, dx * dx + dy * dy, cand[c].index, c, cand[c].label) &&
          count == k)
        worst2 = best[0].d2 * (1 + 1e-12);
    }
  return count;
}

static void
vote (const MlrKnn   *self,
      const Neighbor *best,
      guint           count,
      guint8         *label,
      float          *conf)
{
  guint votes[MLR_DATASET_MAX_CLASSES] = { 0 };
  guint top = 0;

  for (guint i = 0; i < count; i++)
    votes[best[i].label]++;
  for (guint c = 1; c < self->n_classes; c++)
    if (votes[c] > votes[top])
      top = c;
  *label = (guint8) top;
  *conf = (float) ((double) votes[top] / count);
}

/* The cells of one block, evaluated lazily. With at most 64 candidates, a cell's neighbour
 * set is the bit mask of their candidate slots, so two cells' sets compare in one step. */
typedef struct {
  const MlrKnn    *self;
  const Candidate *cand;
  guint            n_cand;
  const double    *xs, *ys;
  double           cx, cy;
  guint            i0, j0, bw;       /* the block's first cell and width */
  guint            w;                /* grid width */
  guint8          *labels;
  float           *conf;
  Neighbor        *best;
  guint64          sets[BLOCK * BLOCK];
  gboolean         done[BLOCK * BLOCK];
} Block;

static void
eval_cell (Block    *b,
           guint     i,
           guint     j,
           Neighbor *best,
           guint    *count)
{
  double r = dist (b->xs[i] - b->cx, b->ys[j] - b->cy) * (1 + 1e-12);
  gsize cell = (gsize) j * b->w + i;

  *count = scan_candidates (b->self->k, b->cand, b->n_cand, b->xs[i], b->ys[j], r, best);
  vote (b->self, best, *count, &b->labels[cell], &b->conf[cell]);
}

static guint64
block_cell (Block *b,
            guint  i,
            guint  j)
{
  guint local = (j - b->j0) * b->bw + (i - b->i0);

  if (!b->done[local])
    {
      guint64 set = 0;
      guint count;

      eval_cell (b, i, j, b->best, &count);
      for (guint m = 0; m < count; m++)
        set |= G_GUINT64_CONSTANT (1) << b->best[m].slot;
      b->sets[local] = set;
      b->done[local] = TRUE;
    }
  return b->sets[local];
}

/* The region where a given set of k points is the k-NN set is convex (an intersection of
 * half-planes), so when the four corners of a rectangle share their set, every cell inside
 * does too and takes the corners' label. Otherwise split the rectangle and look closer. */
static void
block_fill (Block *b,
            guint  ia,
            guint  ib,
            guint  ja,
            guint  jb)
{
  guint64 s00 = block_cell (b, ia, ja), s10 = block_cell (b, ib, ja);
  guint64 s01 = block_cell (b, ia, jb), s11 = block_cell (b, ib, jb);
  guint im, jm;

  if (s00 == s10 && s00 == s01 && s00 == s11)
    {
      gsize src = (gsize) ja * b->w + ia;
      for (guint j = ja; j <= jb; j++)
        {
          gsize row = (gsize) j * b->w;
          memset (b->labels + row + ia, b->labels[src], ib - ia + 1);
          for (guint i = ia; i <= ib; i++)
            b->conf[row + i] = b->conf[src];
        }
      return;
    }
  if (ib - ia <= 1 && jb - ja <= 1)
    return;  /* every cell is a corner, all evaluated */
  im = (ia + ib) / 2;
  jm = (ja + jb) / 2;
  if (ib - ia <= 1)
    {
      block_fill (b, ia, ib, ja, jm);
      block_fill (b, ia, ib, jm, jb);
    }
  else if (jb - ja <= 1)
    {
      block_fill (b, ia, im, ja, jb);
      block_fill (b, im, ib, ja, jb);
    }
  else
    {
      block_fill (b, ia, im, ja, jm);
      block_fill (b, im, ib, ja, jm);
      block_fill (b, ia, im, jm, jb);
      block_fill (b, im, ib, jm, jb);
    }
}

/* Block by block: any point that can be among the k nearest of a cell in the block lies
 * within (k-th neighbour distance of the block centre + half the block diagonal) of the
 * block, so each cell only scans that short candidate list, nearest to the centre first;
 * and within the block, whole rectangles with one neighbour set are filled at once. */
void
mlr_knn_eval_grid (const MlrKnn *self,
                   const double *xs,
                   guint         w,
                   const double *ys,
                   guint         h,
                   guint8       *labels,
                   float        *conf)
{
  g_autofree Neighbor *nb = g_new (Neighbor, self->k);
  g_autofree Neighbor *best = g_new (Neighbor, self->k);
  g_autofree KPoint *found = g_new (KPoint, self->n);
  g_autofree Candidate *cand = g_new (Candidate, self->n);
  g_autofree Block *b = g_new0 (Block, 1);

  if (self->k >= self->n)
    {
      /* Every point is a neighbour of every cell. */
      double proba[MLR_DATASET_MAX_CLASSES];
      guint8 label;
      float c;
      guint count;

      query (self, xs[0], ys[0], nb, &count);
      neighbors_to_proba (self, nb, count, proba);
      mlr_proba_to_label (proba, self->n_classes, &label, &c);
      memset (labels, label, (gsize) w * h);
      for (gsize i = 0; i < (gsize) w * h; i++)
        conf[i] = c;
      return;
    }

  for (guint j0 = 0; j0 < h; j0 += BLOCK)
    for (guint i0 = 0; i0 < w; i0 += BLOCK)
      {
        guint i1 = MIN (i0 + BLOCK, w), j1 = MIN (j0 + BLOCK, h);
        double bx0 = xs[i0], bx1 = xs[i1 - 1], by0 = ys[j0], by1 = ys[j1 - 1];
        double cx = 0.5 * (bx0 + bx1), cy = 0.5 * (by0 + by1);
        double radius, r2;
        guint count, n_cand;

        query (self, cx, cy, nb, &count);
        radius = sqrt (nb[0].d2) + 0.5 * dist (bx1 - bx0, by1 - by0);  /* the k-th */
        r2 = radius * radius * (1 + 1e-9) + 1e-300;
        n_cand = range_query (self, bx0, bx1, by0, by1, r2, found);
        for (guint c = 0; c < n_cand; c++)
          cand[c] = (Candidate) { found[c].x, found[c].y, dist (found[c].x - cx, found[c].y - cy),
                                  found[c].index, found[c].label };
        qsort (cand, n_cand, sizeof (Candidate), cmp_candidate);

        *b = (Block) { self, cand, n_cand, xs, ys, cx, cy, i0, j0, i1 - i0, w, labels, conf,
                       best, { 0 }, { 0 } };
        if (n_cand <= 64)
          {
            block_fill (b, i0, i1 - 1, j0, j1 - 1);
            continue;
          }
        for (guint j = j0; j < j1; j++)
          for (guint i = i0; i < i1; i++)
            eval_cell (b, i, j, best, &count);
      }
}
