/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-gboost.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mlr-model-math.h"
#include "mlr-tree.h"

/* Values closer than this count as equal (scikit-learn's FEATURE_THRESHOLD). */
#define FEATURE_THRESHOLD 1e-7
/* Priors are clipped to [eps, 1 - eps] before taking logs, eps = float32's (scikit-learn). */
#define PRIOR_EPS 1.1920928955078125e-07

typedef struct {
  guint  left, right;    /* children; 0 for a leaf */
  guint  feature;
  double threshold;
  double value;          /* a leaf's step (before the learning rate) */
} GbNode;

typedef struct {
  guint   n_nodes;
  guint   n_leaves;
  GbNode *nodes;         /* 0 is the root */
} GbTree;

struct _MlrGboost
{
  guint   n_classes;
  guint   n_out;         /* 1 for two classes, else K: trees per stage */
  double  learning_rate;
  double  init[MLR_DATASET_MAX_CLASSES];
  guint   n_stages;
  GbTree *trees;         /* stage s, output k at s * n_out + k */
  double  loss[2];       /* mean training log-loss before any stage and after the last */
};

/* ---- one regression tree ------------------------------------------------------------- */

typedef struct {
  guint start, end;
  guint depth;
  guint parent;
  gboolean is_left;
} Pending;

typedef struct {
  const double *x;
  const double *target;    /* the residuals */
  guint        *order[2];  /* rows sorted by each feature; a node owns a range of both */
  guint        *scratch;
  guint8       *goes_left;
  guint         max_depth;
} Builder;

typedef struct {
  gboolean found;
  guint    feature;
  guint    pos;
  double   threshold;
  double   proxy;
} Split;

/* Friedman's improvement up to a constant factor: (n_r S_l - n_l S_r)^2 / (n_l n_r). */
static void
scan_feature (const Builder *b,
              guint          f,
              guint          start,
              guint          end,
              double         sum,
              Split         *best)
{
  const guint *ord = b->order[f];
  double sl = 0, n = end - start;

  for (guint p = start + 1; p < end; p++)
    {
      guint prev = ord[p - 1];
      double a = b->x[2 * prev + f], v = b->x[2 * ord[p] + f];
      double nl, nr, diff, proxy;

      sl += b->target[prev];
      if (v <= a + FEATURE_THRESHOLD)
        continue;
      nl = p - start;
      nr = n - nl;
      diff = nr * sl - nl * (sum - sl);
      proxy = diff * diff / (nl * nr);
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
}

/* Reorders the node's range of the other feature's order so the left child comes first,
 * each still sorted (the split feature's order already is). */
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

/* Builds a tree on the residuals; every leaf takes sum(num) / sum(den) * factor over its
 * rows (a Newton step), and @raw (n x stride, column @k) moves by @lr times it. */
static void
build_tree (Builder      *b,
            guint         n,
            const double *den,
            double        factor,
            double        lr,
            double       *raw,
            guint         stride,
            guint         k,
            GbTree       *tree,
            GArray       *nodes,
            GArray       *stack)
{
  g_array_set_size (nodes, 0);
  g_array_set_size (stack, 0);
  g_array_append_val (stack, ((Pending) { 0, n, 0, 0, FALSE }));
  tree->n_leaves = 0;

  while (stack->len > 0)
    {
      Pending item = g_array_index (stack, Pending, stack->len - 1);
      GbNode node = { 0 };
      guint id = nodes->len, count = item.end - item.start;
      double sum = 0, sumsq = 0, mean;
      gboolean is_leaf;
      Split split = { FALSE, 0, 0, 0, 0 };

      g_array_set_size (stack, stack->len - 1);
      for (guint p = item.start; p < item.end; p++)
        {
          double r = b->target[b->order[0][p]];
          sum += r;
          sumsq += r * r;
        }
      mean = count > 0 ? sum / count : 0;
      is_leaf = (b->max_depth > 0 && item.depth >= b->max_depth) || count < 2 ||
                sumsq / count - mean * mean <= DBL_EPSILON;
      if (!is_leaf)
        {
          for (guint f = 0; f < 2; f++)
            {
              const guint *ord = b->order[f];
              if (b->x[2 * ord[item.end - 1] + f] > b->x[2 * ord[item.start] + f] +
                                                     FEATURE_THRESHOLD)
                scan_feature (b, f, item.start, item.end, sum, &split);
            }
          is_leaf = !split.found;
        }

      if (is_leaf)
        {
          double d = 0;
          for (guint p = item.start; p < item.end; p++)
            d += den[b->order[0][p]];
          node.value = fabs (d) < 1e-150 ? 0 : factor * sum / d;
          if (!isfinite (node.value))
            node.value = 0;
          for (guint p = item.start; p < item.end; p++)
            raw[(gsize) b->order[0][p] * stride + k] += lr * node.value;
          tree->n_leaves++;
        }
      g_array_append_val (nodes, node);
      if (id > 0)
        {
          GbNode *parent = &g_array_index (nodes, GbNode, item.parent);
          if (item.is_left)
            parent->left = id;
          else
            parent->right = id;
        }
      if (is_leaf)
        continue;

      g_array_index (nodes, GbNode, id).feature = split.feature;
      g_array_index (nodes, GbNode, id).threshold = split.threshold;
      partition (b, &split, item.start, item.end);
      g_array_append_val (stack, ((Pending) { split.pos, item.end, item.depth + 1, id, FALSE }));
      g_array_append_val (stack, ((Pending) { item.start, split.pos, item.depth + 1, id, TRUE }));
    }
  tree->n_nodes = nodes->len;
  tree->nodes = g_memdup2 (nodes->data, sizeof (GbNode) * nodes->len);
}

/* ---- boosting ------------------------------------------------------------------------ */

/* Class probabilities from raw scores: the logistic of one score, or the softmax of K. */
static void
raw_to_proba (guint         n_classes,
              const double *raw,
              double       *proba)
{
  if (n_classes <= 2)
    {
      double p1 = mlr_sigmoid (raw[0]);
      proba[0] = 1 - p1;
      if (n_classes == 2)
        proba[1] = p1;
      else
        proba[0] = 1;
      return;
    }
  memcpy (proba, raw, n_classes * sizeof (double));
  mlr_softmax_inplace (proba, n_classes);
}

/* Mean log-loss of the raw scores over the training set. */
static double
mean_loss (const MlrGboost  *self,
           const MlrDataset *train,
           const double     *raw)
{
  double total = 0;
  guint n = train->n_points;

  for (guint i = 0; i < n; i++)
    {
      const double *f = raw + (gsize) i * self->n_out;
      if (self->n_out == 1)
        total += mlr_log1pexp (f[0]) - (train->y[i] == 1 ? f[0] : 0);
      else
        {
          double m = f[0], s = 0;
          for (guint k = 1; k < self->n_out; k++)
            m = MAX (m, f[k]);
          for (guint k = 0; k < self->n_out; k++)
            s += exp (f[k] - m);
          total += m + log (s) - f[train->y[i]];
        }
    }
  return n > 0 ? total / n : 0;
}

/**
 * mlr_gboost_fit:
 * @options: stages, learning rate, tree depth
 * @train: standardized training points with labels 0 .. K - 1
 *
 * Returns: (transfer full): the boosted model
 */
MlrGboost *
mlr_gboost_fit (const MlrGboostOptions *options,
                const MlrDataset       *train)
{
  MlrGboost *self = g_new0 (MlrGboost, 1);
  guint n = train->n_points, K = MAX (train->n_classes, 1), n_out;
  gsize nn = MAX (n, 1);
  g_autofree guint *sorted = g_new (guint, 2 * nn);
  g_autofree guint *order = g_new (guint, 2 * nn);
  g_autofree guint *scratch = g_new (guint, nn);
  g_autofree guint8 *goes_left = g_new0 (guint8, nn);
  g_autofree double *raw = NULL;
  g_autofree double *proba = NULL;
  g_autofree double *resid = g_new (double, nn);
  g_autofree double *den = g_new (double, nn);
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (GbNode));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  Builder b;

  self->n_classes = K;
  self->n_out = n_out = K <= 2 ? 1 : K;
  self->learning_rate = options->learning_rate;
  self->n_stages = options->n_stages;
  self->trees = g_new0 (GbTree, (gsize) MAX (self->n_stages, 1) * n_out);

  /* the prior */
  {
    double counts[MLR_DATASET_MAX_CLASSES] = { 0 };
    for (guint i = 0; i < n; i++)
      counts[train->y[i]]++;
    for (guint c = 0; c < K; c++)
      counts[c] = CLAMP (n > 0 ? counts[c] / n : 1.0 / K, PRIOR_EPS, 1 - PRIOR_EPS);
    if (n_out == 1)
      self->init[0] = K == 2 ? log (counts[1] / (1 - counts[1])) : 0;
    else
      for (guint c = 0; c < K; c++)
        self->init[c] = log (counts[c]);
  }

  raw = g_new (double, nn * n_out);
  proba = g_new (double, nn * MAX (K, 2));
  for (guint i = 0; i < n; i++)
    memcpy (raw + (gsize) i * n_out, self->init, n_out * sizeof (double));
  self->loss[0] = mean_loss (self, train, raw);
  if (n > 0)
    mlr_tree_sort_features (train, sorted, sorted + n);

  b = (Builder) { train->x, resid, { order, order + n }, scratch, goes_left,
                  options->max_depth };
  for (guint s = 0; s < self->n_stages; s++)
    {
      guint kp = MAX (K, 2);

      for (guint i = 0; i < n; i++)
        raw_to_proba (kp, raw + (gsize) i * n_out, proba + (gsize) i * kp);
      for (guint k = 0; k < n_out; k++)
        {
          guint cls = n_out == 1 ? 1 : k;
          for (guint i = 0; i < n; i++)
            {
              double p = proba[(gsize) i * kp + cls];
              resid[i] = (train->y[i] == cls ? 1.0 : 0.0) - p;
              den[i] = p * (1 - p);
            }
          memcpy (order, sorted, 2 * (gsize) n * sizeof (guint));
          build_tree (&b, n, den, n_out == 1 ? 1.0 : (K - 1.0) / K, self->learning_rate, raw,
                      n_out, k, &self->trees[(gsize) s * n_out + k], nodes, stack);
        }
    }
  self->loss[1] = mean_loss (self, train, raw);
  return self;
}

/* Frees @self (NULL is fine). */
void
mlr_gboost_free (MlrGboost *self)
{
  if (self == NULL)
    return;
  for (gsize t = 0; t < (gsize) self->n_stages * self->n_out; t++)
    g_free (self->trees[t].nodes);
  g_free (self->trees);
  g_free (self);
}

/* The stages fitted. */
guint
mlr_gboost_get_n_stages (const MlrGboost *self)
{
  return self->n_stages;
}

/* Trees per stage, and raw scores per point: 1 for two classes, else K. */
guint
mlr_gboost_get_n_outputs (const MlrGboost *self)
{
  return self->n_out;
}

/* The raw scores before any stage (mlr_gboost_get_n_outputs() values). */
const double *
mlr_gboost_get_init (const MlrGboost *self)
{
  return self->init;
}

/* The mean training log-loss of the prior alone (@after_stages FALSE) or of the fitted model. */
double
mlr_gboost_get_train_loss (const MlrGboost *self,
                           gboolean         after_stages)
{
  return self->loss[after_stages ? 1 : 0];
}

/* Leaves of the tree of @stage for @output. */
guint
mlr_gboost_get_tree_n_leaves (const MlrGboost *self,
                              guint            stage,
                              guint            output)
{
  g_return_val_if_fail (stage < self->n_stages && output < self->n_out, 0);
  return self->trees[(gsize) stage * self->n_out + output].n_leaves;
}

static double
tree_value (const GbTree *tree,
            double        x1,
            double        x2)
{
  guint i = 0;

  while (tree->nodes[i].left != 0)
    {
      const GbNode *node = &tree->nodes[i];
      i = (node->feature == 0 ? x1 : x2) <= node->threshold ? node->left : node->right;
    }
  return tree->nodes[i].value;
}

/**
 * mlr_gboost_decision_function:
 * @raw: n_points x mlr_gboost_get_n_outputs() raw scores out (scikit-learn's
 *   decision_function: the log-odds of class 1, or one score per class)
 */
void
mlr_gboost_decision_function (const MlrGboost *self,
                              const double    *x,
                              guint            n_points,
                              double          *raw)
{
  for (guint i = 0; i < n_points; i++)
    {
      double *f = raw + (gsize) i * self->n_out;

      memcpy (f, self->init, self->n_out * sizeof (double));
      for (guint s = 0; s < self->n_stages; s++)
        for (guint k = 0; k < self->n_out; k++)
          f[k] += self->learning_rate *
                  tree_value (&self->trees[(gsize) s * self->n_out + k], x[2 * i], x[2 * i + 1]);
    }
}

/* Class probabilities (n_points x K). */
void
mlr_gboost_predict_proba (const MlrGboost *self,
                          const double    *x,
                          guint            n_points,
                          double          *proba)
{
  double raw[MLR_DATASET_MAX_CLASSES];

  for (guint i = 0; i < n_points; i++)
    {
      mlr_gboost_decision_function (self, x + 2 * (gsize) i, 1, raw);
      raw_to_proba (self->n_classes, raw, proba + (gsize) i * self->n_classes);
    }
}

typedef struct {
  guint node;
  guint c0, c1;
  guint r0, r1;
} Region;

/* Adds lr x each leaf's value over its block of cells to the difference array @d (see
 * mlr_tree_add_leaf_boxes()); the leaves' blocks tile the grid. */
static void
add_tree_boxes (const GbTree *tree,
                double        lr,
                const double *xs,
                guint         w,
                const double *ys,
                guint         h,
                double       *d,
                GArray       *stack)
{
  gsize stride = w + 1;

  g_array_set_size (stack, 0);
  g_array_append_val (stack, ((Region) { 0, 0, w, 0, h }));
  while (stack->len > 0)
    {
      Region r = g_array_index (stack, Region, stack->len - 1), kids[2];
      const GbNode *node = &tree->nodes[r.node];

      g_array_set_size (stack, stack->len - 1);
      if (r.c0 >= r.c1 || r.r0 >= r.r1)
        continue;
      if (node->left == 0)
        {
          double v = lr * node->value;
          d[r.r0 * stride + r.c0] += v;
          d[r.r0 * stride + r.c1] -= v;
          d[r.r1 * stride + r.c0] -= v;
          d[r.r1 * stride + r.c1] += v;
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
      g_array_append_vals (stack, kids, 2);
    }
}

/* Labels and confidences of the grid cells: every tree adds its leaf boxes to one plane per
 * output, prefix sums give each cell its raw scores (equal to a walk of every tree up to
 * rounding, about 1e-13), then the logistic or softmax. */
void
mlr_gboost_eval_grid (const MlrGboost *self,
                      const double    *xs,
                      guint            w,
                      const double    *ys,
                      guint            h,
                      guint8          *labels,
                      float           *conf)
{
  gsize stride = w + 1, plane_size = (gsize) (w + 1) * (h + 1);
  g_autofree double *diff = g_new0 (double, plane_size * self->n_out);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Region));

  for (guint s = 0; s < self->n_stages; s++)
    for (guint k = 0; k < self->n_out; k++)
      add_tree_boxes (&self->trees[(gsize) s * self->n_out + k], self->learning_rate, xs, w,
                      ys, h, diff + k * plane_size, stack);
  mlr_tree_integrate_boxes (self->n_out, w, h, diff);

  for (guint j = 0; j < h; j++)
    for (guint i = 0; i < w; i++)
      {
        gsize cell = (gsize) j * w + i;
        double raw[MLR_DATASET_MAX_CLASSES], p[MLR_DATASET_MAX_CLASSES];

        for (guint k = 0; k < self->n_out; k++)
          raw[k] = self->init[k] + diff[k * plane_size + j * stride + i];
        raw_to_proba (self->n_classes, raw, p);
        mlr_proba_to_label (p, self->n_classes, &labels[cell], &conf[cell]);
      }
}
