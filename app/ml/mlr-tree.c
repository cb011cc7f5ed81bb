/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-tree.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlr-model-math.h"

/* Values closer than this count as equal (scikit-learn's FEATURE_THRESHOLD). */
#define FEATURE_THRESHOLD 1e-7

typedef struct {
  guint   left, right;   /* children; 0 for a leaf */
  guint   feature;
  double  threshold;
  guint   depth;
  guint   n_samples;     /* distinct training points in the node */
  double  weight;        /* their total weight */
  double  impurity;
} Node;

struct _MlrTree
{
  guint   n_classes;
  GArray *nodes;         /* of Node; 0 is the root */
  GArray *values;        /* n_classes class probabilities per node */
  guint8 *leaf_label;    /* per node: the label and confidence of its probabilities */
  float  *leaf_conf;
  guint   depth;
  guint   n_leaves;
};

#define NODE(t, i)  (&g_array_index ((t)->nodes, Node, (i)))
#define VALUE(t, i) (&g_array_index ((t)->values, double, (gsize) (i) * (t)->n_classes))

/**
 * mlr_tree_impurity:
 * Gini (1 - sum p_k^2) or entropy (-sum p_k log2 p_k) of a node with these class weights.
 */
double
mlr_tree_impurity (MlrCriterion  criterion,
                   const double *class_weights,
                   guint         n_classes)
{
  double total = 0, acc = 0;

  for (guint c = 0; c < n_classes; c++)
    total += class_weights[c];
  if (total <= 0)
    return 0;
  for (guint c = 0; c < n_classes; c++)
    {
      double p = class_weights[c] / total;
      if (criterion == MLR_CRITERION_GINI)
        acc += p * p;
      else if (p > 0)
        acc -= p * log2 (p);
    }
  return criterion == MLR_CRITERION_GINI ? 1.0 - acc : acc;
}

/* A score that orders splits like the weighted child impurity, best highest:
 * gini:    sum_k l_k^2 / W_l + sum_k r_k^2 / W_r
 * entropy: sum_k l_k ln l_k - W_l ln W_l + (the same for the right) */
static double
split_proxy (MlrCriterion  criterion,
             const double *left,
             const double *total,
             guint         k,
             double        wl,
             double        wr)
{
  double sl = 0, sr = 0;

  for (guint c = 0; c < k; c++)
    {
      double l = left[c], r = total[c] - left[c];
      if (criterion == MLR_CRITERION_GINI)
        {
          sl += l * l;
          sr += r * r;
        }
      else
        {
          if (l > 0)
            sl += l * log (l);
          if (r > 0)
            sr += r * log (r);
        }
    }
  if (criterion == MLR_CRITERION_GINI)
    return sl / wl + sr / wr;
  return sl - wl * log (wl) + sr - wr * log (wr);
}

typedef struct {
  guint start, end;
  guint depth;
  guint parent;
  gboolean is_left;
} Pending;

typedef struct {
  const MlrTreeOptions *options;
  const double *x;
  const guint8 *y;
  const double *weights;
  guint  k;
  guint *order[2];       /* used samples sorted by each feature; nodes own ranges */
  guint *scratch;
  guint8 *goes_left;     /* per training row */
  double *total;         /* class weights of the node */
  double *left;          /* class weights left of the scan position */
  MlrRng *rng;
} Builder;

typedef struct {
  gboolean found;
  guint    feature;
  guint    pos;
  double   threshold;
  double   proxy;
} Split;

static void
offer_split (Builder *b,
             Split   *best,
             guint    f,
             guint    p,
             double   a,
             double   v,
             double   proxy)
{
  if (!best->found || proxy > best->proxy)
    {
      double t = a / 2.0 + v / 2.0;
      best->found = TRUE;
      best->feature = f;
      best->pos = p;
      best->proxy = proxy;
      best->threshold = (t == v || !isfinite (t)) ? a : t;
    }
}

/* Tries every position of feature @f's order in the node: left = ord[start .. p). */
static void
scan_feature (Builder *b,
              guint    f,
              guint    start,
              guint    end,
              double   weight,
              Split   *best)
{
  const guint *ord = b->order[f];
  guint msl = b->options->min_samples_leaf;
  gboolean gini = b->options->criterion == MLR_CRITERION_GINI;
  double wl = 0, sq_left = 0, sq_right = 0;

  memset (b->left, 0, b->k * sizeof (double));
  for (guint c = 0; c < b->k; c++)
    sq_right += b->total[c] * b->total[c];

  for (guint p = start + 1; p < end; p++)
    {
      guint prev = ord[p - 1], c = b->y[prev];
      double a = b->x[2 * prev + f], v = b->x[2 * ord[p] + f];
      double wt = b->weights[prev];

      /* Gini's sums of squared class weights, kept up to date as a point moves left; with
       * whole-number weights (1, or bootstrap counts) this is exact. */
      sq_left += wt * (2 * b->left[c] + wt);
      sq_right += wt * (wt - 2 * (b->total[c] - b->left[c]));
      b->left[c] += wt;
      wl += wt;
      if (v <= a + FEATURE_THRESHOLD)
        continue;
      if (p - start < msl || end - p < msl)
        continue;
      offer_split (b, best, f, p, a, v,
                   gini ? sq_left / wl + sq_right / (weight - wl)
                        : split_proxy (MLR_CRITERION_ENTROPY, b->left, b->total, b->k, wl,
                                       weight - wl));
    }
}

static Split
find_split (Builder *b,
            guint    start,
            guint    end,
            double   weight)
{
  Split best = { FALSE, 0, 0, 0, 0 };
  guint features[2] = { 0, 1 };
  guint visited = 0;

  if (b->rng != NULL && mlr_rng_below (b->rng, 2) == 1)
    {
      features[0] = 1;
      features[1] = 0;
    }
  for (guint i = 0; i < 2 && visited < b->options->max_features; i++)
    {
      guint f = features[i];
      const guint *ord = b->order[f];

      /* Constant in this node: does not count towards max_features (as scikit-learn). */
      if (b->x[2 * ord[end - 1] + f] <= b->x[2 * ord[start] + f] + FEATURE_THRESHOLD)
        continue;
      visited++;
      scan_feature (b, f, start, end, weight, &best);
    }
  return best;
}

/* Reorders the node's range of both feature orders so the left child comes first, each
 * still sorted. */
static void
partition (Builder     *b,
           const Split *s,
           guint        start,
           guint        end)
{
  guint f = s->feature, g = 1 - f;
  guint nl = 0, nr = 0;

  for (guint p = start; p < end; p++)
    b->goes_left[b->order[f][p]] = p < s->pos;
  for (guint p = start; p < end; p++)
    {
      guint i = b->order[g][p];
      if (b->goes_left[i])
        b->order[g][start + nl++] = i;
      else
        b->scratch[nr++] = i;
    }
  memcpy (b->order[g] + start + nl, b->scratch, nr * sizeof (guint));
}

static int
cmp_sort_key (const void *a,
              const void *b)
{
  const double *p = a, *q = b;

  if (p[0] != q[0])
    return p[0] < q[0] ? -1 : 1;
  return (p[1] > q[1]) - (p[1] < q[1]);
}

/**
 * mlr_tree_sort_features:
 * Fills each array with the training rows sorted by that coordinate (ties by row), the
 * presorting mlr_tree_build() works from; a forest does it once for all its trees.
 */
void
mlr_tree_sort_features (const MlrDataset *train,
                        guint            *sorted_x1,
                        guint            *sorted_x2)
{
  g_autofree double *keys = g_new (double, 2 * (gsize) train->n_points);
  guint *out[2] = { sorted_x1, sorted_x2 };

  for (guint f = 0; f < 2; f++)
    {
      for (guint i = 0; i < train->n_points; i++)
        {
          keys[2 * i] = train->x[2 * i + f];
          keys[2 * i + 1] = i;
        }
      qsort (keys, train->n_points, 2 * sizeof (double), cmp_sort_key);
      for (guint i = 0; i < train->n_points; i++)
        out[f][i] = (guint) keys[2 * i + 1];
    }
}

static void
finish (MlrTree *self)
{
  guint n = self->nodes->len;

  self->leaf_label = g_new (guint8, n);
  self->leaf_conf = g_new (float, n);
  for (guint i = 0; i < n; i++)
    {
      mlr_proba_to_label (VALUE (self, i), self->n_classes, &self->leaf_label[i],
                          &self->leaf_conf[i]);
      if (NODE (self, i)->left == 0)
        {
          self->n_leaves++;
          self->depth = MAX (self->depth, NODE (self, i)->depth);
        }
    }
}

/**
 * mlr_tree_build:
 * @options: criterion and stopping rules
 * @train: the training points (K >= 1 classes)
 * @weights: (nullable): per-row weights (bootstrap counts); rows of weight 0 are left out;
 *   NULL for all 1
 * @sorted_x1: (nullable): rows sorted by x1, from mlr_tree_sort_features(); NULL to sort here
 * @sorted_x2: (nullable): the same for x2
 * @rng: (nullable): draws the order in which features are tried; NULL for x1 then x2
 *
 * Returns: (transfer full): the tree
 */
MlrTree *
mlr_tree_build (const MlrTreeOptions *options,
                const MlrDataset     *train,
                const double         *weights,
                const guint          *sorted_x1,
                const guint          *sorted_x2,
                MlrRng               *rng)
{
  MlrTree *self = g_new0 (MlrTree, 1);
  guint n = train->n_points, m = 0;
  g_autofree double *ones = NULL;
  g_autofree guint *own_sorted = NULL;
  g_autofree guint *order = g_new (guint, 2 * (gsize) MAX (n, 1));
  g_autofree guint *scratch = g_new (guint, MAX (n, 1));
  g_autofree guint8 *goes_left = g_new0 (guint8, MAX (n, 1));
  g_autofree double *total = NULL;
  g_autofree double *left = NULL;
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  Builder b;

  self->n_classes = MAX (train->n_classes, 1);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  total = g_new (double, self->n_classes);
  left = g_new (double, self->n_classes);

  if (weights == NULL)
    {
      ones = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        ones[i] = 1;
      weights = ones;
    }
  if (sorted_x1 == NULL || sorted_x2 == NULL)
    {
      own_sorted = g_new (guint, 2 * (gsize) MAX (n, 1));
      mlr_tree_sort_features (train, own_sorted, own_sorted + n);
      sorted_x1 = own_sorted;
      sorted_x2 = own_sorted + n;
    }
  for (guint f = 0; f < 2; f++)
    {
      const guint *src = f == 0 ? sorted_x1 : sorted_x2;
      guint used = 0;
      for (guint i = 0; i < n; i++)
        if (weights[src[i]] > 0)
          order[f * (gsize) n + used++] = src[i];
      m = used;
    }

  b = (Builder) { options, train->x, train->y, weights, self->n_classes,
                  { order, order + n }, scratch, goes_left, total, left, rng };

  g_array_append_val (stack, ((Pending) { 0, m, 0, 0, FALSE }));
  while (stack->len > 0)
    {
      Pending item = g_array_index (stack, Pending, stack->len - 1);
      Node node = { 0 };
      guint id = self->nodes->len;
      gboolean is_leaf;
      Split split = { FALSE, 0, 0, 0, 0 };

      g_array_set_size (stack, stack->len - 1);

      memset (total, 0, self->n_classes * sizeof (double));
      for (guint p = item.start; p < item.end; p++)
        {
          guint i = order[p];
          total[train->y[i]] += weights[i];
          node.weight += weights[i];
        }
      node.depth = item.depth;
      node.n_samples = item.end - item.start;
      node.impurity = mlr_tree_impurity (options->criterion, total, self->n_classes);

      is_leaf = (options->max_depth > 0 && item.depth >= options->max_depth) ||
                node.n_samples < 2 || node.n_samples < 2 * options->min_samples_leaf ||
                node.impurity <= DBL_EPSILON;
      if (!is_leaf)
        {
          split = find_split (&b, item.start, item.end, node.weight);
          is_leaf = !split.found;
        }

      g_array_append_val (self->nodes, node);
      g_array_set_size (self->values, self->values->len + self->n_classes);
      for (guint c = 0; c < self->n_classes; c++)
        VALUE (self, id)[c] = node.weight > 0 ? total[c] / node.weight : 1.0 / self->n_classes;
      if (id > 0)
        {
          Node *parent = NODE (self, item.parent);
          if (item.is_left)
            parent->left = id;
          else
            parent->right = id;
        }
      if (is_leaf)
        continue;

      NODE (self, id)->feature = split.feature;
      NODE (self, id)->threshold = split.threshold;
      partition (&b, &split, item.start, item.end);
      /* Right pushed first so the left subtree is built (and numbered) first. */
      g_array_append_val (stack, ((Pending) { split.pos, item.end, item.depth + 1, id, FALSE }));
      g_array_append_val (stack, ((Pending) { item.start, split.pos, item.depth + 1, id, TRUE }));
    }
  g_array_free (stack, TRUE);
  finish (self);
  return self;
}

/**
 * mlr_tree_fit:
 * Fits a tree to all rows of @train with unit weights, features tried in order.
 *
 * Returns: (transfer full): the tree
 */
MlrTree *
mlr_tree_fit (const MlrTreeOptions *options,
              const MlrDataset     *train)
{
  return mlr_tree_build (options, train, NULL, NULL, NULL, NULL);
}

/* Frees @self (NULL is fine). */
void
mlr_tree_free (MlrTree *self)
{
  if (self == NULL)
    return;
  g_array_free (self->nodes, TRUE);
  g_array_free (self->values, TRUE);
  g_free (self->leaf_label);
  g_free (self->leaf_conf);
  g_free (self);
}

static guint
find_leaf (const MlrTree *self,
           double         x1,
           double         x2)
{
  guint i = 0;

  for (;;)
    {
      const Node *node = NODE (self, i);
      if (node->left == 0)
        return i;
      i = (node->feature == 0 ? x1 : x2) <= node->threshold ? node->left : node->right;
    }
}

/* The class probabilities of the leaf (@x1, @x2) falls in (n_classes values). */
const double *
mlr_tree_leaf_proba (const MlrTree *self,
                     double         x1,
                     double         x2)
{
  return VALUE (self, find_leaf (self, x1, x2));
}

/* Class probabilities (leaf class shares) of @n_points points (n_points x K). */
void
mlr_tree_predict_proba (const MlrTree *self,
                        const double  *x,
                        guint          n_points,
                        double        *proba)
{
  for (guint i = 0; i < n_points; i++)
    memcpy (proba + (gsize) i * self->n_classes, mlr_tree_leaf_proba (self, x[2 * i], x[2 * i + 1]),
            self->n_classes * sizeof (double));
}

typedef struct {
  guint node;
  guint c0, c1;          /* columns [c0, c1) */
  guint r0, r1;          /* rows [r0, r1) */
} Region;

typedef void (*LeafFunc) (const MlrTree *self,
                          guint          node,
                          const Region  *region,
                          guint          w,
                          gpointer       data);

/* Walks the tree over the cells [c0, c1) x [r0, r1) of the grid, each node with the block
 * of cells inside its box; the leaves' blocks tile the area, so each cell is touched once. */
static void
walk_grid (const MlrTree *self,
           const double  *xs,
           guint          w,
           const double  *ys,
           guint          h,
           const Region  *area,
           LeafFunc       func,
           gpointer       data)
{
  Region stack[128];
  g_autoptr(GArray) spill = NULL;
  guint top = 0;

  stack[top++] = *area;
  stack[0].node = 0;
  while (top > 0 || (spill != NULL && spill->len > 0))
    {
      Region r, kids[2];
      const Node *node;

      if (top > 0)
        r = stack[--top];
      else
        {
          r = g_array_index (spill, Region, spill->len - 1);
          g_array_set_size (spill, spill->len - 1);
        }
      node = NODE (self, r.node);
      if (r.c0 >= r.c1 || r.r0 >= r.r1)
        continue;
      if (node->left == 0)
        {
          func (self, r.node, &r, w, data);
          continue;
        }
      kids[0] = kids[1] = r;
      kids[0].node = node->left;
      kids[1].node = node->right;
      if (node->feature == 0)
        {
          guint c = mlr_count_le (xs, w, node->threshold);
          kids[0].c1 = MIN (r.c1, c);
          kids[1].c0 = MAX (r.c0, c);
        }
      else
        {
          guint c = mlr_count_le (ys, h, node->threshold);
          kids[0].r1 = MIN (r.r1, c);
          kids[1].r0 = MAX (r.r0, c);
        }
      for (guint k = 0; k < 2; k++)
        {
          if (top < G_N_ELEMENTS (stack))
            stack[top++] = kids[k];
          else
            {
              /* Deep trees (max_depth=none on many points) overflow onto the heap. */
              if (spill == NULL)
                spill = g_array_new (FALSE, FALSE, sizeof (Region));
              g_array_append_val (spill, kids[k]);
            }
        }
    }
}

typedef struct {
  guint8 *labels;
  float  *conf;
} LabelTarget;

static void
paint_leaf (const MlrTree *self,
            guint          node,
            const Region  *r,
            guint          w,
            gpointer       data)
{
  LabelTarget *t = data;
  guint8 label = self->leaf_label[node];
  float conf = self->leaf_conf[node];

  for (guint row = r->r0; row < r->r1; row++)
    {
      gsize base = (gsize) row * w;
      memset (t->labels + base + r->c0, label, r->c1 - r->c0);
      for (guint c = r->c0; c < r->c1; c++)
        t->conf[base + c] = conf;
    }
}

/* Labels and confidences of the grid cells, painted leaf box by leaf box. */
void
mlr_tree_eval_grid (const MlrTree *self,
                    const double  *xs,
                    guint          w,
                    const double  *ys,
                    guint          h,
                    guint8        *labels,
                    float         *conf)
{
  LabelTarget t = { labels, conf };
  Region all = { 0, 0, w, 0, h };

  walk_grid (self, xs, w, ys, h, &all, paint_leaf, &t);
}

typedef struct {
  double *diff;
  gsize   plane_size;
} DiffTarget;

static void
add_leaf_box (const MlrTree *self,
              guint          node,
              const Region  *r,
              guint          w,
              gpointer       data)
{
  DiffTarget *t = data;
  const double *value = VALUE (self, node);
  gsize stride = w + 1;

  for (guint k = 0; k < self->n_classes; k++)
    {
      double *d = t->diff + k * t->plane_size;

      if (value[k] == 0)
        continue;
      d[r->r0 * stride + r->c0] += value[k];
      d[r->r0 * stride + r->c1] -= value[k];
      d[r->r1 * stride + r->c0] -= value[k];
      d[r->r1 * stride + r->c1] += value[k];
    }
}

/**
 * mlr_tree_add_leaf_boxes:
 * @diff: n_classes planes of (w + 1) x (h + 1) doubles (row-major, plane k first)
 *
 * Adds each leaf's class probabilities over its block of grid cells to the 2-D difference
 * arrays @diff: +p at the block's top-left and bottom-right corners, -p at the other two, so
 * that after prefix sums along both axes (mlr_tree_integrate_boxes()) each cell holds the
 * sum over all the trees added. The cost is per leaf, not per cell.
 */
void
mlr_tree_add_leaf_boxes (const MlrTree *self,
                         const double  *xs,
                         guint          w,
                         const double  *ys,
                         guint          h,
                         double        *diff)
{
  DiffTarget t = { diff, (gsize) (w + 1) * (h + 1) };
  Region all = { 0, 0, w, 0, h };

  walk_grid (self, xs, w, ys, h, &all, add_leaf_box, &t);
}

/**
 * mlr_tree_integrate_boxes:
 * Turns @n_planes difference arrays from mlr_tree_add_leaf_boxes() into per-cell sums, in
 * place: afterwards cell (i, j) of plane k is diff[k * (w + 1) * (h + 1) + j * (w + 1) + i].
 */
void
mlr_tree_integrate_boxes (guint   n_planes,
                          guint   w,
                          guint   h,
                          double *diff)
{
  gsize stride = w + 1, plane_size = (gsize) (w + 1) * (h + 1);

  for (guint k = 0; k < n_planes; k++)
    {
      double *d = diff + k * plane_size;
      for (guint j = 0; j < h; j++)
        {
          double *row = d + j * stride;
          for (guint i = 1; i < w; i++)
            row[i] += row[i - 1];
          /* row[i - stride] would wrap the unsigned index around (undefined for pointers). */
          if (j > 0)
            for (guint i = 0; i < w; i++)
              row[i] += (row - stride)[i];
        }
    }
}

/* Nodes in the tree, leaves included. */
guint
mlr_tree_get_n_nodes (const MlrTree *self)
{
  return self->nodes->len;
}

/* Leaves in the tree. */
guint
mlr_tree_get_n_leaves (const MlrTree *self)
{
  return self->n_leaves;
}

/* The depth of the deepest leaf (0 for a tree that is a single leaf). */
guint
mlr_tree_get_depth (const MlrTree *self)
{
  return self->depth;
}

/**
 * mlr_tree_get_node:
 * Describes node @node (0 is the root; nodes are numbered depth first, left before right).
 * Returns FALSE for a leaf, which has no feature, threshold or children.
 */
gboolean
mlr_tree_get_node (const MlrTree *self,
                   guint          node,
                   guint         *feature,
                   double        *threshold,
                   guint         *left,
                   guint         *right)
{
  const Node *n;

  g_return_val_if_fail (node < self->nodes->len, FALSE);
  n = NODE (self, node);
  if (n->left == 0)
    return FALSE;
  *feature = n->feature;
  *threshold = n->threshold;
  *left = n->left;
  *right = n->right;
  return TRUE;
}

/* The impurity (gini or entropy) of node @node's training points. */
double
mlr_tree_get_node_impurity (const MlrTree *self,
                            guint          node)
{
  g_return_val_if_fail (node < self->nodes->len, 0);
  return NODE (self, node)->impurity;
}

typedef struct {
  guint  node;
  double box[4];         /* x0, x1, y0, y1 */
} BoxItem;

/**
 * mlr_tree_get_splits:
 * @box: x0, x1, y0, y1 of the area of interest (x0 <= x1, y0 <= y1)
 *
 * The splits whose line crosses @box, each with its node's box clipped to @box, depth first.
 *
 * Returns: (transfer full): an array of *@n_splits splits; free with g_free()
 */
MlrTreeSplit *
mlr_tree_get_splits (const MlrTree *self,
                     const double   box[4],
                     guint         *n_splits)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (MlrTreeSplit));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (BoxItem));
  BoxItem root = { 0, { box[0], box[1], box[2], box[3] } };

  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      BoxItem item = g_array_index (stack, BoxItem, stack->len - 1);
      const Node *node = NODE (self, item.node);
      guint f;
      double t;
      BoxItem l, r;

      g_array_set_size (stack, stack->len - 1);
      if (node->left == 0)
        continue;
      f = node->feature;
      t = node->threshold;
      if (t >= item.box[2 * f] && t <= item.box[2 * f + 1])
        {
          MlrTreeSplit s = { node->depth, f, t,
                             item.box[0], item.box[1], item.box[2], item.box[3] };
          g_array_append_val (out, s);
        }
      l = r = item;
      l.node = node->left;
      r.node = node->right;
      l.box[2 * f + 1] = MIN (item.box[2 * f + 1], t);
      r.box[2 * f] = MAX (item.box[2 * f], t);
      if (r.box[2 * f] <= r.box[2 * f + 1])
        g_array_append_val (stack, r);
      if (l.box[2 * f] <= l.box[2 * f + 1])
        g_array_append_val (stack, l);
    }
  *n_splits = out->len;
  return (MlrTreeSplit *) g_array_free (g_steal_pointer (&out), FALSE);
}
