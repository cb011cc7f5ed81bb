/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-svm.h"

#include <math.h>
#include <string.h>

#include "mlr-model-math.h"
#include "mlr-vec.h"

#define TAU            1e-12
#define NONE           G_MAXUINT
/* Kernel rows kept per binary problem. */
#define CACHE_BYTES    (128u << 20)
/* Grid: the per-entry column table of the rbf kernel may use this many doubles. */
#define GRID_TABLE_MAX (8u << 20)

typedef struct {
  guint  sv;             /* index into the support vectors */
  double coef;           /* alpha_i * y_i, y_i = +1 for the pair's first class */
} Entry;

struct _MlrSvm
{
  MlrKernel kernel;
  double    gamma;
  double    coef0;
  guint     degree;
  guint     n_classes;
  guint     n_pairs;
  guint     n_sv;
  double   *sv;          /* n_sv x 2 */
  guint    *sv_index;    /* training rows */
  guint    *pair_start;  /* n_pairs + 1 offsets into entries */
  Entry    *entries;
  double   *rho;         /* per pair: decision = sum coef K(sv, x) - rho */
  gboolean  converged;
  guint     n_iter;
};

/* ---- kernels -------------------------------------------------------------------------- */

typedef struct {
  MlrKernel kernel;
  double    gamma;
  double    coef0;
  guint     degree;
} KernelParams;

static inline double
ipow (double v,
      guint  n)
{
  double r = 1;

  while (n > 0)
    {
      if (n & 1)
        r *= v;
      v *= v;
      n >>= 1;
    }
  return r;
}

static inline double
kernel_eval (const KernelParams *k,
             const double       *a,
             const double       *b)
{
  switch (k->kernel)
    {
    case MLR_KERNEL_LINEAR:
      return a[0] * b[0] + a[1] * b[1];
    case MLR_KERNEL_POLY:
      return ipow (k->gamma * (a[0] * b[0] + a[1] * b[1]) + k->coef0, k->degree);
    case MLR_KERNEL_RBF:
    default:
      {
        double dx = a[0] - b[0], dy = a[1] - b[1];
        return exp (-k->gamma * (dx * dx + dy * dy));
      }
    }
}

/**
 * mlr_svm_gamma_scale:
 * scikit-learn's gamma="scale": 1 / (n_features * variance of all coordinates), or 1 when
 * that variance is 0.
 */
double
mlr_svm_gamma_scale (const MlrDataset *train)
{
  gsize m = 2 * (gsize) train->n_points;
  double mean = 0, var = 0;

  for (gsize i = 0; i < m; i++)
    mean += train->x[i];
  mean /= MAX (m, 1);
  for (gsize i = 0; i < m; i++)
    var += (train->x[i] - mean) * (train->x[i] - mean);
  var /= MAX (m, 1);
  return var > 0 ? 1.0 / (2 * var) : 1.0;
}

/* ---- the SMO solver for one binary problem -------------------------------------------- */

/* Kernel rows, least recently used evicted first. */
typedef struct {
  guint   l;
  float **rows;
  guint  *prev, *next;
  guint   head, tail;
  guint   n_cached, capacity;
} RowCache;

typedef struct {
  guint               l;
  const double       *x;       /* l x 2 */
  const gint8        *y;       /* +1 / -1 */
  const KernelParams *kp;
  double              C;
  double              eps;
  double             *alpha;
  double             *G;       /* gradient of 0.5 a'Qa - e'a */
  double             *qd;      /* K(x_i, x_i) */
  RowCache            cache;
} Smo;

static void
cache_init (RowCache *c,
            guint     l)
{
  c->l = l;
  c->rows = g_new0 (float *, l);
  c->prev = g_new (guint, l);
  c->next = g_new (guint, l);
  c->head = c->tail = NONE;
  c->n_cached = 0;
  c->capacity = MAX (2, MIN (l, CACHE_BYTES / (sizeof (float) * MAX (l, 1))));
}

static void
cache_clear (RowCache *c)
{
  for (guint i = 0; i < c->l; i++)
    g_free (c->rows[i]);
  g_free (c->rows);
  g_free (c->prev);
  g_free (c->next);
}

static void
cache_unlink (RowCache *c,
              guint     i)
{
  if (c->prev[i] != NONE)
    c->next[c->prev[i]] = c->next[i];
  else
    c->head = c->next[i];
  if (c->next[i] != NONE)
    c->prev[c->next[i]] = c->prev[i];
  else
    c->tail = c->prev[i];
}

static void
cache_push_front (RowCache *c,
                  guint     i)
{
  c->prev[i] = NONE;
  c->next[i] = c->head;
  if (c->head != NONE)
    c->prev[c->head] = i;
  c->head = i;
  if (c->tail == NONE)
    c->tail = i;
}

static const float *
get_row (Smo   *s,
         guint  i)
{
  RowCache *c = &s->cache;
  float *row;

  if (c->rows[i] != NULL)
    {
      cache_unlink (c, i);
      cache_push_front (c, i);
      return c->rows[i];
    }
  if (c->n_cached == c->capacity)
    {
      guint victim = c->tail;
      cache_unlink (c, victim);
      row = c->rows[victim];
      c->rows[victim] = NULL;
    }
  else
    {
      row = g_new (float, c->l);
      c->n_cached++;
    }
  for (guint t = 0; t < s->l; t++)
    row[t] = (float) kernel_eval (s->kp, s->x + 2 * i, s->x + 2 * t);
  c->rows[i] = row;
  cache_push_front (c, i);
  return row;
}

static inline gboolean
in_up (const Smo *s,
       guint      t)
{
  return s->y[t] > 0 ? s->alpha[t] < s->C : s->alpha[t] > 0;
}

static inline gboolean
in_low (const Smo *s,
        guint      t)
{
  return s->y[t] > 0 ? s->alpha[t] > 0 : s->alpha[t] < s->C;
}

/* Second-order working set selection (Fan, Chen and Lin, JMLR 2005). Returns FALSE when the
 * KKT conditions hold within eps. */
static gboolean
select_working_set (Smo   *s,
                    guint *out_i,
                    guint *out_j)
{
  double gmax = -G_MAXDOUBLE, gmax2 = -G_MAXDOUBLE, best = G_MAXDOUBLE;
  guint i = NONE, j = NONE;
  const float *qi;

  for (guint t = 0; t < s->l; t++)
    if (in_up (s, t) && -s->y[t] * s->G[t] >= gmax)
      {
        gmax = -s->y[t] * s->G[t];
        i = t;
      }
  if (i == NONE)
    return FALSE;

  qi = get_row (s, i);
  for (guint t = 0; t < s->l; t++)
    {
      double v, diff;

      if (!in_low (s, t))
        continue;
      v = s->y[t] * s->G[t];
      gmax2 = MAX (gmax2, v);
      diff = gmax + v;
      if (diff > 0)
        {
          double quad = s->qd[i] + s->qd[t] - 2.0 * qi[t];
          double obj = -(diff * diff) / (quad > 0 ? quad : TAU);
          if (obj <= best)
            {
              best = obj;
              j = t;
            }
        }
    }
  if (gmax + gmax2 < s->eps || j == NONE)
    return FALSE;
  *out_i = i;
  *out_j = j;
  return TRUE;
}

/* Moves alpha_i and alpha_j along the equality constraint to the clipped optimum. */
static void
update_pair (Smo          *s,
             guint         i,
             guint         j,
             const float  *qi,
             const float  *qj)
{
  double C = s->C, ai = s->alpha[i], aj = s->alpha[j];
  double quad = s->qd[i] + s->qd[j] - 2.0 * qi[j];
  double ni, nj, d, lo, hi;

  if (quad <= 0)
    quad = TAU;
  if (s->y[i] != s->y[j])
    {
      /* Both move by d. */
      d = -(s->G[i] + s->G[j]) / quad;
      lo = MAX (-ai, -aj);
      hi = MIN (C - ai, C - aj);
      d = CLAMP (d, lo, hi);
      ni = ai + d;
      nj = aj + d;
      if (d == lo)
        {
          if (-ai >= -aj)
            ni = 0;
          else
            nj = 0;
        }
      else if (d == hi)
        {
          if (C - ai <= C - aj)
            ni = C;
          else
            nj = C;
        }
    }
  else
    {
      /* alpha_i gives d to alpha_j. */
      d = (s->G[i] - s->G[j]) / quad;
      lo = MAX (ai - C, -aj);
      hi = MIN (ai, C - aj);
      d = CLAMP (d, lo, hi);
      ni = ai - d;
      nj = aj + d;
      if (d == lo)
        {
          if (ai - C >= -aj)
            ni = C;
          else
            nj = 0;
        }
      else if (d == hi)
        {
          if (ai <= C - aj)
            ni = 0;
          else
            nj = C;
        }
    }
  ni = CLAMP (ni, 0, C);
  nj = CLAMP (nj, 0, C);

  {
    double di = (ni - ai) * s->y[i], dj = (nj - aj) * s->y[j];
    for (guint t = 0; t < s->l; t++)
      s->G[t] += s->y[t] * (di * qi[t] + dj * qj[t]);
  }
  s->alpha[i] = ni;
  s->alpha[j] = nj;
}

/* rho = y_i G_i averaged over free alphas, else the middle of its feasible interval. */
static double
compute_rho (const Smo *s)
{
  double ub = G_MAXDOUBLE, lb = -G_MAXDOUBLE, sum = 0;
  guint n_free = 0;

  for (guint t = 0; t < s->l; t++)
    {
      double yg = s->y[t] * s->G[t];
      if (s->alpha[t] >= s->C)
        {
          if (s->y[t] < 0)
            ub = MIN (ub, yg);
          else
            lb = MAX (lb, yg);
        }
      else if (s->alpha[t] <= 0)
        {
          if (s->y[t] > 0)
            ub = MIN (ub, yg);
          else
            lb = MAX (lb, yg);
        }
      else
        {
          n_free++;
          sum += yg;
        }
    }
  if (n_free > 0)
    return sum / n_free;
  if (ub == G_MAXDOUBLE || lb == -G_MAXDOUBLE)
    return ub == G_MAXDOUBLE ? (lb == -G_MAXDOUBLE ? 0 : lb) : ub;
  return (ub + lb) / 2;
}

/* Solves one binary problem; fills alpha (l) and returns rho. */
static double
smo_solve (const KernelParams *kp,
           const double       *x,
           const gint8        *y,
           guint               l,
           double              C,
           double              eps,
           double             *alpha,
           guint              *n_iter,
           gboolean           *converged)
{
  Smo s = { l, x, y, kp, C, eps, alpha, NULL, NULL, { 0 } };
  guint max_iter = (guint) MAX (10000.0, MIN (100.0 * l, 2e8 / l));
  guint iter = 0;
  double rho;

  s.G = g_new (double, l);
  s.qd = g_new (double, l);
  for (guint t = 0; t < l; t++)
    {
      alpha[t] = 0;
      s.G[t] = -1;
      s.qd[t] = kernel_eval (kp, x + 2 * t, x + 2 * t);
    }
  cache_init (&s.cache, l);

  *converged = FALSE;
  for (iter = 0; iter < max_iter; iter++)
    {
      guint i, j;
      const float *qi, *qj;

      if (!select_working_set (&s, &i, &j))
        {
          *converged = TRUE;
          break;
        }
      qi = get_row (&s, i);
      qj = get_row (&s, j);
      update_pair (&s, i, j, qi, qj);
    }
  rho = compute_rho (&s);
  *n_iter += iter;

  cache_clear (&s.cache);
  g_free (s.G);
  g_free (s.qd);
  return rho;
}

/* ---- one-vs-one training -------------------------------------------------------------- */

static KernelParams
kernel_params (const MlrSvm *self)
{
  return (KernelParams) { self->kernel, self->gamma, self->coef0, self->degree };
}

/**
 * mlr_svm_fit:
 * @options: kernel and C (gamma already resolved)
 * @train: standardized training points, labels 0..K-1, every class present
 *
 * Returns: (transfer full): the model; see mlr_svm_get_converged()
 */
MlrSvm *
mlr_svm_fit (const MlrSvmOptions *options,
             const MlrDataset    *train)
{
  MlrSvm *self = g_new0 (MlrSvm, 1);
  guint n = train->n_points, K = MAX (train->n_classes, 2);
  g_autofree guint *sv_of_row = g_new (guint, MAX (n, 1));
  g_autofree double *coef_rows = NULL;   /* n_pairs x n (dense, by training row) */
  g_autofree double *sub_x = g_new (double, 2 * (gsize) MAX (n, 1));
  g_autofree gint8 *sub_y = g_new (gint8, MAX (n, 1));
  g_autofree guint *sub_row = g_new (guint, MAX (n, 1));
  g_autofree double *alpha = g_new (double, MAX (n, 1));
  KernelParams kp;
  guint p = 0, n_entries = 0;

  self->kernel = options->kernel;
  self->gamma = options->gamma;
  self->coef0 = options->coef0;
  self->degree = MAX (options->degree, 1);
  self->n_classes = K;
  self->n_pairs = K * (K - 1) / 2;
  self->rho = g_new0 (double, self->n_pairs);
  self->converged = TRUE;
  kp = kernel_params (self);
  coef_rows = g_new0 (double, (gsize) self->n_pairs * MAX (n, 1));

  for (guint a = 0; a < K; a++)
    for (guint b = a + 1; b < K; b++, p++)
      {
        guint l = 0;
        gboolean ok;

        /* The pair's points, class a (+1) first, as libsvm groups them. */
        for (guint pass = 0; pass < 2; pass++)
          for (guint i = 0; i < n; i++)
            if (train->y[i] == (pass == 0 ? a : b))
              {
                sub_x[2 * l] = train->x[2 * i];
                sub_x[2 * l + 1] = train->x[2 * i + 1];
                sub_y[l] = pass == 0 ? 1 : -1;
                sub_row[l] = i;
                l++;
              }
        self->rho[p] = smo_solve (&kp, sub_x, sub_y, l, options->C, options->tol, alpha,
                                  &self->n_iter, &ok);
        self->converged = self->converged && ok;
        for (guint t = 0; t < l; t++)
          if (alpha[t] > 0)
            coef_rows[(gsize) p * n + sub_row[t]] = alpha[t] * sub_y[t];
      }

  /* Support vectors: rows with a non-zero coefficient in any pair, in training order. */
  self->sv = g_new (double, 2 * (gsize) MAX (n, 1));
  self->sv_index = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      gboolean is_sv = FALSE;
      for (guint q = 0; q < self->n_pairs; q++)
        if (coef_rows[(gsize) q * n + i] != 0)
          {
            is_sv = TRUE;
            n_entries++;
          }
      sv_of_row[i] = NONE;
      if (!is_sv)
        continue;
      sv_of_row[i] = self->n_sv;
      self->sv[2 * self->n_sv] = train->x[2 * i];
      self->sv[2 * self->n_sv + 1] = train->x[2 * i + 1];
      self->sv_index[self->n_sv++] = i;
    }
  self->pair_start = g_new (guint, self->n_pairs + 1);
  self->entries = g_new (Entry, MAX (n_entries, 1));
  n_entries = 0;
  for (guint q = 0; q < self->n_pairs; q++)
    {
      self->pair_start[q] = n_entries;
      for (guint i = 0; i < n; i++)
        if (coef_rows[(gsize) q * n + i] != 0)
          self->entries[n_entries++] = (Entry) { sv_of_row[i], coef_rows[(gsize) q * n + i] };
    }
  self->pair_start[self->n_pairs] = n_entries;
  return self;
}

/* Frees @self (NULL is fine). */
void
mlr_svm_free (MlrSvm *self)
{
  if (self == NULL)
    return;
  g_free (self->sv);
  g_free (self->sv_index);
  g_free (self->pair_start);
  g_free (self->entries);
  g_free (self->rho);
  g_free (self);
}

/* FALSE when SMO hit its iteration budget on some pair (C very large, say). */
gboolean
mlr_svm_get_converged (const MlrSvm *self)
{
  return self->converged;
}

/* SMO iterations over all pairwise machines. */
guint
mlr_svm_get_n_iter (const MlrSvm *self)
{
  return self->n_iter;
}

/* The number of support vectors (rows with a non-zero coefficient in any machine). */
guint
mlr_svm_get_n_support (const MlrSvm *self)
{
  return self->n_sv;
}

/* The support vectors (standardized coordinates), 2 doubles each, in training order. */
const double *
mlr_svm_get_support (const MlrSvm *self)
{
  return self->sv;
}

/* The training rows of the support vectors. */
const guint *
mlr_svm_get_support_indices (const MlrSvm *self)
{
  return self->sv_index;
}

/* alpha * y of support vector @support in machine @pair (pairs ordered (0,1), (0,2), ...,
 * (1,2), ...; y = +1 for the pair's first class); 0 when it is not in that machine. */
double
mlr_svm_get_dual_coef (const MlrSvm *self,
                       guint         pair,
                       guint         support)
{
  g_return_val_if_fail (pair < self->n_pairs, 0);

  for (guint e = self->pair_start[pair]; e < self->pair_start[pair + 1]; e++)
    if (self->entries[e].sv == support)
      return self->entries[e].coef;
  return 0;
}

/* The intercept of machine @pair: its decision is sum coef K(sv, x) + intercept. */
double
mlr_svm_get_intercept (const MlrSvm *self,
                       guint         pair)
{
  g_return_val_if_fail (pair < self->n_pairs, 0);
  return -self->rho[pair];
}

/* 1 for two classes, else K (one ovr score per class). */
guint
mlr_svm_get_n_decision (const MlrSvm *self)
{
  return self->n_classes == 2 ? 1 : self->n_classes;
}

/* ---- decisions ------------------------------------------------------------------------ */

/* Pairwise decisions (one per pair) -> scikit-learn's decision values. */
static void
pairwise_to_decision (const MlrSvm *self,
                      const double *pairwise,
                      double       *out)
{
  guint K = self->n_classes, p = 0;
  double votes[MLR_DATASET_MAX_CLASSES], sum[MLR_DATASET_MAX_CLASSES];

  if (K == 2)
    {
      out[0] = -pairwise[0];
      return;
    }
  for (guint c = 0; c < K; c++)
    votes[c] = sum[c] = 0;
  for (guint a = 0; a < K; a++)
    for (guint b = a + 1; b < K; b++, p++)
      {
        sum[a] += pairwise[p];
        sum[b] -= pairwise[p];
        votes[pairwise[p] > 0 ? a : b] += 1;
      }
  for (guint c = 0; c < K; c++)
    out[c] = votes[c] + sum[c] / (3 * (fabs (sum[c]) + 1));
}

static void
decision_to_proba (const MlrSvm *self,
                   const double *decision,
                   double       *proba)
{
  if (self->n_classes == 2)
    {
      proba[1] = mlr_sigmoid (2 * decision[0]);
      proba[0] = 1 - proba[1];
      return;
    }
  for (guint c = 0; c < self->n_classes; c++)
    proba[c] = 2 * decision[c];
  mlr_softmax_inplace (proba, self->n_classes);
}

static void
pairwise_at (const MlrSvm *self,
             const double *point,
             double       *kvals,
             double       *pairwise)
{
  KernelParams kp = kernel_params (self);

  for (guint s = 0; s < self->n_sv; s++)
    kvals[s] = kernel_eval (&kp, self->sv + 2 * s, point);
  for (guint q = 0; q < self->n_pairs; q++)
    {
      double acc = 0;
      for (guint e = self->pair_start[q]; e < self->pair_start[q + 1]; e++)
        acc += self->entries[e].coef * kvals[self->entries[e].sv];
      pairwise[q] = acc - self->rho[q];
    }
}

/**
 * mlr_svm_decision_function:
 * mlr_svm_get_n_decision() values per point (see the file comment).
 */
void
mlr_svm_decision_function (const MlrSvm *self,
                           const double *x,
                           guint         n_points,
                           double       *decision)
{
  g_autofree double *kvals = g_new (double, MAX (self->n_sv, 1));
  g_autofree double *pairwise = g_new (double, self->n_pairs);
  guint nd = mlr_svm_get_n_decision (self);

  for (guint i = 0; i < n_points; i++)
    {
      pairwise_at (self, x + 2 * i, kvals, pairwise);
      pairwise_to_decision (self, pairwise, decision + (gsize) i * nd);
    }
}

/* The monotone score map of the decision values (see the header) for @n_points points. */
void
mlr_svm_predict_proba (const MlrSvm *self,
                       const double *x,
                       guint         n_points,
                       double       *proba)
{
  g_autofree double *kvals = g_new (double, MAX (self->n_sv, 1));
  g_autofree double *pairwise = g_new (double, self->n_pairs);
  double decision[MLR_DATASET_MAX_CLASSES];

  for (guint i = 0; i < n_points; i++)
    {
      pairwise_at (self, x + 2 * i, kvals, pairwise);
      pairwise_to_decision (self, pairwise, decision);
      decision_to_proba (self, decision, proba + (gsize) i * self->n_classes);
    }
}

/* The grid, row by row: the pairwise decisions of one row are pairwise[q * w + i]. For the
 * rbf kernel exp(-g |u - v|^2) = exp(-g dx^2) exp(-g dy^2), so with a table of the x factor
 * per (pair entry, column) a row of machine q is a linear combination of its entries' table
 * rows, weighted by coefficient times y factor. The linear kernel folds into one weight
 * vector per machine; poly evaluates (a x + b)^degree per entry and cell. */
typedef struct {
  const MlrSvm *self;
  const double *xs;
  guint         w;
  double       *table;       /* rbf: n_entries x w */
  double       *weights;     /* rbf: n_entries */
  double       *linear;      /* linear: per pair w1, w2 */
} GridRows;

static void
grid_rows_init (GridRows     *g,
                const MlrSvm *self,
                const double *xs,
                guint         w)
{
  guint n_entries = self->pair_start[self->n_pairs];

  *g = (GridRows) { self, xs, w, NULL, NULL, NULL };
  if (self->kernel == MLR_KERNEL_RBF)
    {
      g->table = g_new (double, (gsize) MAX (n_entries, 1) * w);
      g->weights = g_new (double, MAX (n_entries, 1));
      for (guint e = 0; e < n_entries; e++)
        {
          double sx = self->sv[2 * self->entries[e].sv];
          for (guint i = 0; i < w; i++)
            {
              double dx = xs[i] - sx;
              g->table[(gsize) e * w + i] = exp (-self->gamma * dx * dx);
            }
        }
    }
  else if (self->kernel == MLR_KERNEL_LINEAR)
    {
      g->linear = g_new0 (double, 2 * self->n_pairs);
      for (guint q = 0; q < self->n_pairs; q++)
        for (guint e = self->pair_start[q]; e < self->pair_start[q + 1]; e++)
          {
            const Entry *en = &self->entries[e];
            g->linear[2 * q] += en->coef * self->sv[2 * en->sv];
            g->linear[2 * q + 1] += en->coef * self->sv[2 * en->sv + 1];
          }
    }
}

static void
grid_rows_clear (GridRows *g)
{
  g_free (g->table);
  g_free (g->weights);
  g_free (g->linear);
}

static void
grid_row (GridRows *g,
          double    y,
          double   *pairwise)
{
  const MlrSvm *self = g->self;
  guint w = g->w;

  for (guint q = 0; q < self->n_pairs; q++)
    {
      double *out = pairwise + (gsize) q * w;
      guint e0 = self->pair_start[q], e1 = self->pair_start[q + 1];

      if (e1 == e0)
        {
          for (guint i = 0; i < w; i++)
            out[i] = -self->rho[q];
          continue;
        }
      switch (self->kernel)
        {
        case MLR_KERNEL_RBF:
          for (guint e = e0; e < e1; e++)
            {
              double dy = y - self->sv[2 * self->entries[e].sv + 1];
              g->weights[e] = self->entries[e].coef * exp (-self->gamma * dy * dy);
            }
          mlr_vec_lincomb (w, -self->rho[q], g->weights + e0, e1 - e0, g->table + (gsize) e0 * w,
                           w, out);
          break;

        case MLR_KERNEL_LINEAR:
          {
            double b = g->linear[2 * q + 1] * y - self->rho[q];
            for (guint i = 0; i < w; i++)
              out[i] = g->linear[2 * q] * g->xs[i] + b;
          }
          break;

        case MLR_KERNEL_POLY:
        default:
          for (guint i = 0; i < w; i++)
            out[i] = -self->rho[q];
          for (guint e = e0; e < e1; e++)
            {
              const Entry *en = &self->entries[e];
              double a = self->gamma * self->sv[2 * en->sv];
              double b = self->gamma * self->sv[2 * en->sv + 1] * y + self->coef0;
              for (guint i = 0; i < w; i++)
                out[i] += en->coef * ipow (a * g->xs[i] + b, self->degree);
            }
          break;
        }
    }
}

typedef void (*RowFunc) (const MlrSvm *self,
                         const double *pairwise,
                         guint         w,
                         gsize         first_cell,
                         gpointer      data);

static void
walk_grid (const MlrSvm *self,
           const double *xs,
           guint         w,
           const double *ys,
           guint         h,
           RowFunc       func,
           gpointer      data)
{
  g_autofree double *pairwise = g_new (double, (gsize) self->n_pairs * w);
  guint n_entries = self->pair_start[self->n_pairs];
  GridRows g;

  if (self->kernel == MLR_KERNEL_RBF && (gsize) n_entries * w > GRID_TABLE_MAX)
    {
      /* Too many support vectors for the table: evaluate cell by cell. */
      g_autofree double *kvals = g_new (double, MAX (self->n_sv, 1));
      for (guint j = 0; j < h; j++)
        {
          for (guint i = 0; i < w; i++)
            {
              double pt[2] = { xs[i], ys[j] };
              double pw[MLR_DATASET_MAX_CLASSES * MLR_DATASET_MAX_CLASSES / 2];
              pairwise_at (self, pt, kvals, pw);
              for (guint q = 0; q < self->n_pairs; q++)
                pairwise[(gsize) q * w + i] = pw[q];
            }
          func (self, pairwise, w, (gsize) j * w, data);
        }
      return;
    }

  grid_rows_init (&g, self, xs, w);
  for (guint j = 0; j < h; j++)
    {
      grid_row (&g, ys[j], pairwise);
      func (self, pairwise, w, (gsize) j * w, data);
    }
  grid_rows_clear (&g);
}

typedef struct {
  guint8 *labels;
  float  *conf;
} LabelTarget;

static void
row_label (const MlrSvm *self,
           const double *pairwise,
           guint         w,
           gsize         first_cell,
           gpointer      data)
{
  LabelTarget *t = data;
  double pw[MLR_DATASET_MAX_CLASSES * MLR_DATASET_MAX_CLASSES / 2];
  double decision[MLR_DATASET_MAX_CLASSES], proba[MLR_DATASET_MAX_CLASSES];

  if (self->n_classes == 2)
    {
      for (guint i = 0; i < w; i++)
        {
          proba[1] = mlr_sigmoid (-2 * pairwise[i]);
          proba[0] = 1 - proba[1];
          mlr_proba_to_label (proba, 2, &t->labels[first_cell + i], &t->conf[first_cell + i]);
        }
      return;
    }
  for (guint i = 0; i < w; i++)
    {
      gsize cell = first_cell + i;

      for (guint q = 0; q < self->n_pairs; q++)
        pw[q] = pairwise[(gsize) q * w + i];
      pairwise_to_decision (self, pw, decision);
      decision_to_proba (self, decision, proba);
      mlr_proba_to_label (proba, self->n_classes, &t->labels[cell], &t->conf[cell]);
    }
}

/* Labels and confidences of the grid cells (see mlr_svm_decision_grid() for the method). */
void
mlr_svm_eval_grid (const MlrSvm *self,
                   const double *xs,
                   guint         w,
                   const double *ys,
                   guint         h,
                   guint8       *labels,
                   float        *conf)
{
  LabelTarget t = { labels, conf };

  walk_grid (self, xs, w, ys, h, row_label, &t);
}

typedef struct {
  float *out;
  gsize  plane;
} DecisionTarget;

static void
row_decision (const MlrSvm *self,
              const double *pairwise,
              guint         w,
              gsize         first_cell,
              gpointer      data)
{
  DecisionTarget *t = data;
  guint nd = mlr_svm_get_n_decision (self);
  double pw[MLR_DATASET_MAX_CLASSES * MLR_DATASET_MAX_CLASSES / 2];
  double decision[MLR_DATASET_MAX_CLASSES];

  for (guint i = 0; i < w; i++)
    {
      for (guint q = 0; q < self->n_pairs; q++)
        pw[q] = pairwise[(gsize) q * w + i];
      pairwise_to_decision (self, pw, decision);
      for (guint d = 0; d < nd; d++)
        t->out[d * t->plane + first_cell + i] = (float) decision[d];
    }
}

/**
 * mlr_svm_decision_grid:
 * The decision values over the grid: mlr_svm_get_n_decision() planes of w * h floats (for
 * drawing the margins f = -1, 0, 1 of a two-class machine).
 */
void
mlr_svm_decision_grid (const MlrSvm *self,
                       const double *xs,
                       guint         w,
                       const double *ys,
                       guint         h,
                       float        *decision)
{
  DecisionTarget t = { decision, (gsize) w * h };

  walk_grid (self, xs, w, ys, h, row_decision, &t);
}
