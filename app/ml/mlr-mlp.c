/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-mlp.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mlr-model-math.h"
#include "mlr-rng.h"
#include "mlr-vec.h"

#define TOL              1e-4
#define N_ITER_NO_CHANGE 10
#define BETA1            0.9
#define BETA2            0.999
#define ADAM_EPS         1e-8
#define MOMENTUM         0.9
#define CHUNK            256   /* points per forward pass when predicting */
#define MAX_SIZES        (MLR_MLP_MAX_LAYERS + 2)

/* Activations of a batch, unit-major: act[l][u * B + s] is unit u of layer l for sample s,
 * so every inner loop runs over the samples of the batch, contiguously. The forward and
 * backward passes run in single precision (four lanes per SSE register); the weights of
 * record and the optimizer state stay in double. */
typedef struct {
  guint   cap;
  float  *act[MAX_SIZES];
  float  *delta[MAX_SIZES];
  float  *wt;            /* one layer's weights transposed */
} Buffers;

struct _MlrMlp
{
  MlrMlpOptions opt;
  guint    n_layers;             /* weight layers: n_hidden + 1 */
  guint    sizes[MAX_SIZES];     /* units per layer, input (2) to output */
  guint    n_classes;
  gsize    n_params;
  gsize    w_off[MAX_SIZES];     /* weights of layer l: sizes[l] x sizes[l + 1], row-major */
  gsize    b_off[MAX_SIZES];
  double  *params;
  float   *wf;                   /* params in single precision, for the passes */
  float   *grads;
  double  *m;                    /* adam first moment, or sgd velocity */
  double  *v;                    /* adam second moment */
  double  *snapshot;             /* params before the current epoch */
  guint    adam_t;

  /* training state */
  guint    n;
  double  *x;
  guint8  *y;
  guint    batch;
  guint   *order;
  guint8  *batch_labels;
  MlrRng   rng;
  Buffers  buf;
  GArray  *loss_history;
  GArray  *validation_history;
  MlrDataset *validation;
  double   best_loss;
  guint    no_improvement;
  guint    epoch;
  gboolean done;
  gboolean diverged;
};

/* ---- forward and backward ------------------------------------------------------------- */

static void
activate (MlrActivation  f,
          float         *z,
          gsize          n)
{
  switch (f)
    {
    case MLR_ACTIVATION_TANH:
      for (gsize i = 0; i < n; i++)
        z[i] = tanhf (z[i]);
      break;
    case MLR_ACTIVATION_LOGISTIC:
      for (gsize i = 0; i < n; i++)
        z[i] = (float) mlr_sigmoid (z[i]);
      break;
    case MLR_ACTIVATION_RELU:       /* done in the linear pass */
    case MLR_ACTIVATION_IDENTITY:
    default:
      break;
    }
}

/* delta *= f'(z), written in terms of the activation a = f(z) as scikit-learn does (ReLU is
 * done in the linear pass, gated by a > 0). */
static void
activation_derivative (MlrActivation  f,
                       const float   *a,
                       float         *delta,
                       gsize          n)
{
  switch (f)
    {
    case MLR_ACTIVATION_TANH:
      for (gsize i = 0; i < n; i++)
        delta[i] *= 1 - a[i] * a[i];
      break;
    case MLR_ACTIVATION_LOGISTIC:
      for (gsize i = 0; i < n; i++)
        delta[i] *= a[i] * (1 - a[i]);
      break;
    case MLR_ACTIVATION_RELU:
    case MLR_ACTIVATION_IDENTITY:
    default:
      break;
    }
}

static void
buffers_init (const MlrMlp *self,
              Buffers      *buf,
              guint         cap)
{
  gsize max_weights = 0;

  buf->cap = cap;
  for (guint l = 0; l <= self->n_layers; l++)
    {
      buf->act[l] = g_new (float, (gsize) self->sizes[l] * cap);
      buf->delta[l] = g_new (float, (gsize) self->sizes[l] * cap);
      if (l < self->n_layers)
        max_weights = MAX (max_weights, (gsize) self->sizes[l] * self->sizes[l + 1]);
    }
  buf->wt = g_new (float, max_weights);
}

static void
buffers_clear (const MlrMlp *self,
               Buffers      *buf)
{
  for (guint l = 0; l <= self->n_layers; l++)
    {
      g_clear_pointer (&buf->act[l], g_free);
      g_clear_pointer (&buf->delta[l], g_free);
    }
  g_clear_pointer (&buf->wt, g_free);
}

/* From buf->act[0] (2 x B) to the output probabilities in buf->act[n_layers]. */
static void
forward (const MlrMlp *self,
         Buffers      *buf,
         guint         B)
{
  gboolean relu = self->opt.activation == MLR_ACTIVATION_RELU;

  for (guint l = 0; l < self->n_layers; l++)
    {
      guint sin = self->sizes[l], sout = self->sizes[l + 1];
      const float *W = self->wf + self->w_off[l];
      const float *b = self->wf + self->b_off[l];
      const float *in = buf->act[l];
      float *out = buf->act[l + 1];
      gboolean hidden = l + 1 < self->n_layers;

      /* Unit j's incoming weights, contiguous. */
      for (guint i = 0; i < sin; i++)
        for (guint j = 0; j < sout; j++)
          buf->wt[(gsize) j * sin + i] = W[(gsize) i * sout + j];
      for (guint j = 0; j < sout; j++)
        {
          const float *wj = buf->wt + (gsize) j * sin;
          float *row = out + (gsize) j * B;
          if (hidden && relu)
            mlr_vecf_lincomb (B, b[j], wj, sin, in, B, row, MLR_VEC_RELU, NULL);
          else
            mlr_vecf_lincomb (B, b[j], wj, sin, in, B, row, MLR_VEC_PLAIN, NULL);
        }
      if (hidden)
        activate (self->opt.activation, out, (gsize) sout * B);
      else if (sout == 1)
        for (guint s = 0; s < B; s++)
          out[s] = mlr_sigmoidf (out[s]);
      else
        for (guint s = 0; s < B; s++)
          {
            double z[MLR_DATASET_MAX_CLASSES];
            for (guint j = 0; j < sout; j++)
              z[j] = out[(gsize) j * B + s];
            mlr_softmax_inplace (z, sout);
            for (guint j = 0; j < sout; j++)
              out[(gsize) j * B + s] = (float) z[j];
          }
    }
}

/* Mean cross-entropy of the output against @labels. The outputs are single precision, so the
 * logarithm is too; a probability that rounded to 0 counts as FLT_MIN (scikit-learn clips
 * at the machine epsilon of its float64 outputs the same way). */
static double
log_loss (const MlrMlp  *self,
          const Buffers *buf,
          const guint8  *labels,
          guint          B)
{
  const float *out = buf->act[self->n_layers];
  double sum = 0;

  for (guint s = 0; s < B; s++)
    {
      float p;
      if (self->sizes[self->n_layers] == 1)
        p = labels[s] == 1 ? out[s] : 1.0f - out[s];
      else
        p = out[(gsize) labels[s] * B + s];
      sum -= logf (MAX (p, FLT_MIN));
    }
  return sum / B;
}

static double
sum_squared_weights (const MlrMlp *self)
{
  double s = 0;

  for (guint l = 0; l < self->n_layers; l++)
    {
      gsize n = (gsize) self->sizes[l] * self->sizes[l + 1];
      s += mlr_vec_dot (n, self->params + self->w_off[l], self->params + self->w_off[l]);
    }
  return s;
}

/* backward() for the default architecture, one ReLU hidden layer and one logistic output:
 * per hidden unit j, one pass over the batch gives the output weight's gradient (h . d),
 * the unit's delta (d * w where h > 0, never stored) and from it the input weights' and the
 * bias's gradients. Same sums as backward(), in fewer passes. */
static void
backward_one_relu_binary (MlrMlp  *self,
                          Buffers *buf,
                          guint    B)
{
  guint H = self->sizes[1];
  const float *x0 = buf->act[0], *x1 = buf->act[0] + B;
  const float *d = buf->delta[2];
  const float *W2 = self->wf + self->w_off[1];
  const double *W1d = self->params + self->w_off[0], *W2d = self->params + self->w_off[1];
  float *gW1 = self->grads + self->w_off[0], *gb1 = self->grads + self->b_off[0];
  float *gW2 = self->grads + self->w_off[1], *gb2 = self->grads + self->b_off[1];
  double alpha = self->opt.alpha;

  gb2[0] = (float) (mlr_vecf_sum (B, d) / B);
  for (guint j = 0; j < H; j++)
    {
      const float *h = buf->act[1] + (gsize) j * B;
      MlrV4f w = mlr_v4f_splat (W2[j]), zero = mlr_v4f_splat (0);
      MlrV4f gv = zero, g0 = zero, g1 = zero, gb = zero;
      double tv = 0, t0 = 0, t1 = 0, tb = 0;
      guint s = 0;

      for (; s + 4 <= B; s += 4)
        {
          MlrV4f hv = mlr_v4f_load (h + s), dv = mlr_v4f_load (d + s);
          MlrV4f dh = (MlrV4f) ((MlrV4fMask) (w * dv) & (hv > zero));
          gv += hv * dv;
          g0 += mlr_v4f_load (x0 + s) * dh;
          g1 += mlr_v4f_load (x1 + s) * dh;
          gb += dh;
        }
      for (; s < B; s++)
        {
          float dh = h[s] > 0 ? W2[j] * d[s] : 0;
          tv += (double) h[s] * d[s];
          t0 += (double) x0[s] * dh;
          t1 += (double) x1[s] * dh;
          tb += dh;
        }
      gW2[j] = (float) ((mlr_v4f_hsum (gv) + tv + alpha * W2d[j]) / B);
      gW1[j] = (float) ((mlr_v4f_hsum (g0) + t0 + alpha * W1d[j]) / B);
      gW1[H + j] = (float) ((mlr_v4f_hsum (g1) + t1 + alpha * W1d[H + j]) / B);
      gb1[j] = (float) ((mlr_v4f_hsum (gb) + tb) / B);
    }
}

/* Gradients of the batch loss into self->grads. */
static void
backward (MlrMlp       *self,
          Buffers      *buf,
          const guint8 *labels,
          guint         B)
{
  guint L = self->n_layers, n_out = self->sizes[L];
  gboolean relu = self->opt.activation == MLR_ACTIVATION_RELU;
  float *delta = buf->delta[L];
  const float *out = buf->act[L];

  for (guint j = 0; j < n_out; j++)
    for (guint s = 0; s < B; s++)
      {
        float target = n_out == 1 ? (labels[s] == 1) : (labels[s] == j);
        delta[(gsize) j * B + s] = out[(gsize) j * B + s] - target;
      }
  if (L == 2 && n_out == 1 && relu)
    {
      backward_one_relu_binary (self, buf, B);
      return;
    }

  for (guint l = L; l-- > 0;)
    {
      guint sin = self->sizes[l], sout = self->sizes[l + 1];
      const float *W = self->wf + self->w_off[l];
      float *gW = self->grads + self->w_off[l];
      float *gb = self->grads + self->b_off[l];
      const float *a = buf->act[l];
      const float *d = buf->delta[l + 1];

      const double *Wd = self->params + self->w_off[l];

      if (l == 0)
        {
          /* The input layer (x1, x2): both weight gradients and the bias gradient of a
           * unit in one pass over its delta. */
          for (guint j = 0; j < sout; j++)
            {
              double g0, g1, sum;
              mlr_vecf_dot2_sum (B, a, a + B, d + (gsize) j * B, &g0, &g1, &sum);
              gW[j] = (float) ((g0 + self->opt.alpha * Wd[j]) / B);
              gW[sout + j] = (float) ((g1 + self->opt.alpha * Wd[sout + j]) / B);
              gb[j] = (float) (sum / B);
            }
          break;
        }
      for (guint i = 0; i < sin; i++)
        for (guint j = 0; j < sout; j++)
          gW[(gsize) i * sout + j] =
            (float) ((mlr_vecf_dot (B, a + (gsize) i * B, d + (gsize) j * B) +
                      self->opt.alpha * Wd[(gsize) i * sout + j]) / B);
      for (guint j = 0; j < sout; j++)
        gb[j] = (float) (mlr_vecf_sum (B, d + (gsize) j * B) / B);
      for (guint i = 0; i < sin; i++)
        {
          const float *ai = a + (gsize) i * B;
          float *di = buf->delta[l] + (gsize) i * B;
          if (relu)
            mlr_vecf_lincomb (B, 0, W + (gsize) i * sout, sout, d, B, di, MLR_VEC_GATE, ai);
          else
            mlr_vecf_lincomb (B, 0, W + (gsize) i * sout, sout, d, B, di, MLR_VEC_PLAIN, NULL);
        }
      activation_derivative (self->opt.activation, a, buf->delta[l], (gsize) sin * B);
    }
}

static void
sync_weights (MlrMlp *self)
{
  for (gsize k = 0; k < self->n_params; k++)
    self->wf[k] = (float) self->params[k];
}

static void
update (MlrMlp *self)
{
  double lr = self->opt.learning_rate;

  if (self->opt.solver == MLR_SOLVER_ADAM)
    {
      double step;

      self->adam_t++;
      step = lr * sqrt (1 - pow (BETA2, self->adam_t)) / (1 - pow (BETA1, self->adam_t));
      for (gsize k = 0; k < self->n_params; k++)
        {
          double g = self->grads[k];
          self->m[k] = BETA1 * self->m[k] + (1 - BETA1) * g;
          self->v[k] = BETA2 * self->v[k] + (1 - BETA2) * g * g;
          self->params[k] -= step * self->m[k] / (sqrt (self->v[k]) + ADAM_EPS);
        }
    }
  else
    {
      /* Nesterov momentum, as scikit-learn's SGDOptimizer. */
      for (gsize k = 0; k < self->n_params; k++)
        {
          double g = self->grads[k];
          self->m[k] = MOMENTUM * self->m[k] - lr * g;
          self->params[k] += MOMENTUM * self->m[k] - lr * g;
        }
    }
  sync_weights (self);
}

/* ---- construction --------------------------------------------------------------------- */

static void
set_layout (MlrMlp              *self,
            const MlrMlpOptions *options,
            guint                n_classes)
{
  gsize off = 0;

  self->opt = *options;
  self->n_classes = n_classes;
  self->n_layers = options->n_hidden + 1;
  self->sizes[0] = 2;
  for (guint l = 0; l < options->n_hidden; l++)
    self->sizes[l + 1] = options->hidden[l];
  self->sizes[self->n_layers] = n_classes == 2 ? 1 : n_classes;
  for (guint l = 0; l < self->n_layers; l++)
    {
      self->w_off[l] = off;
      off += (gsize) self->sizes[l] * self->sizes[l + 1];
      self->b_off[l] = off;
      off += self->sizes[l + 1];
    }
  self->n_params = off;
}

/**
 * mlr_mlp_count_weights:
 * The number of weights and biases a network with @options has for @n_classes classes.
 */
double
mlr_mlp_count_weights (const MlrMlpOptions *options,
                       guint                n_classes)
{
  MlrMlp tmp = { 0 };

  set_layout (&tmp, options, n_classes);
  return (double) tmp.n_params;
}

/**
 * mlr_mlp_new:
 * @options: architecture and training parameters
 * @train: standardized training points with labels 0..K-1 (copied)
 *
 * An initialised network, trained for 0 epochs: it predicts already, and
 * mlr_mlp_train_epoch() trains it further.
 *
 * Returns: (transfer full): the network
 */
MlrMlp *
mlr_mlp_new (const MlrMlpOptions *options,
             const MlrDataset    *train)
{
  MlrMlp *self = g_new0 (MlrMlp, 1);

  set_layout (self, options, MAX (train->n_classes, 2));
  self->params = g_new (double, self->n_params);
  self->wf = g_new (float, self->n_params);
  self->grads = g_new0 (float, self->n_params);
  self->m = g_new0 (double, self->n_params);
  self->v = g_new0 (double, self->n_params);
  self->snapshot = g_new (double, self->n_params);

  mlr_rng_init (&self->rng, options->seed);
  for (guint l = 0; l < self->n_layers; l++)
    {
      guint fan_in = self->sizes[l], fan_out = self->sizes[l + 1];
      double factor = options->activation == MLR_ACTIVATION_LOGISTIC ? 2.0 : 6.0;
      double bound = sqrt (factor / (fan_in + fan_out));
      for (gsize k = self->w_off[l]; k < self->b_off[l] + fan_out; k++)
        self->params[k] = mlr_rng_range (&self->rng, -bound, bound);
    }
  sync_weights (self);

  self->n = train->n_points;
  self->x = g_memdup2 (train->x, 2 * sizeof (double) * MAX (self->n, 1));
  self->y = g_memdup2 (train->y, MAX (self->n, 1));
  self->batch = options->batch_size == 0 ? MIN (200, self->n) : MIN (options->batch_size, self->n);
  self->batch = MAX (self->batch, 1);
  self->order = g_new (guint, MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    self->order[i] = i;
  self->batch_labels = g_new (guint8, self->batch);
  buffers_init (self, &self->buf, self->batch);
  self->loss_history = g_array_new (FALSE, FALSE, sizeof (double));
  self->validation_history = g_array_new (FALSE, FALSE, sizeof (double));
  self->best_loss = G_MAXDOUBLE;
  self->done = self->n == 0 || options->max_epochs == 0;
  return self;
}

/**
 * mlr_mlp_set_validation:
 * A held-out set (standardized like the training set; copied) whose mean log-loss is recorded
 * after each epoch from now on; NULL to stop.
 */
void
mlr_mlp_set_validation (MlrMlp           *self,
                        const MlrDataset *validation)
{
  g_clear_pointer (&self->validation, mlr_dataset_free);
  if (validation != NULL && validation->n_points > 0)
    self->validation = mlr_dataset_copy (validation);
}

static double
validation_loss (const MlrMlp *self)
{
  const MlrDataset *val = self->validation;
  Buffers buf = { 0 };
  double sum = 0;

  buffers_init (self, &buf, CHUNK);
  for (guint start = 0; start < val->n_points; start += CHUNK)
    {
      guint B = MIN (CHUNK, val->n_points - start);
      guint8 labels[CHUNK];

      for (guint s = 0; s < B; s++)
        {
          buf.act[0][s] = (float) val->x[2 * (start + s)];
          buf.act[0][B + s] = (float) val->x[2 * (start + s) + 1];
          /* Labels the network has no output for count as certain misses. */
          labels[s] = MIN (val->y[start + s], self->n_classes - 1);
        }
      forward (self, &buf, B);
      sum += log_loss (self, &buf, labels, B) * B;
    }
  buffers_clear (self, &buf);
  return sum / val->n_points;
}

static gboolean
params_finite (const MlrMlp *self)
{
  for (gsize k = 0; k < self->n_params; k++)
    if (!isfinite (self->params[k]))
      return FALSE;
  return TRUE;
}

/**
 * mlr_mlp_train_epoch:
 * One pass over the shuffled training set in minibatches.
 *
 * Returns: the epoch's mean training loss (penalty included), or the last one when training
 * is done
 */
double
mlr_mlp_train_epoch (MlrMlp *self)
{
  guint8 *labels = self->batch_labels;
  double total = 0, loss;

  if (self->done)
    return self->loss_history->len ? g_array_index (self->loss_history, double,
                                                    self->loss_history->len - 1) : 0;

  memcpy (self->snapshot, self->params, self->n_params * sizeof (double));
  mlr_rng_shuffle (&self->rng, self->order, self->n);
  for (guint start = 0; start < self->n; start += self->batch)
    {
      guint B = MIN (self->batch, self->n - start);

      for (guint s = 0; s < B; s++)
        {
          guint i = self->order[start + s];
          self->buf.act[0][s] = (float) self->x[2 * i];
          self->buf.act[0][B + s] = (float) self->x[2 * i + 1];
          labels[s] = self->y[i];
        }
      forward (self, &self->buf, B);
      loss = log_loss (self, &self->buf, labels, B) +
             0.5 * self->opt.alpha * sum_squared_weights (self) / B;
      backward (self, &self->buf, labels, B);
      update (self);
      total += loss * B;
    }
  loss = total / self->n;
  self->epoch++;

  if (!isfinite (loss) || !params_finite (self))
    {
      memcpy (self->params, self->snapshot, self->n_params * sizeof (double));
      sync_weights (self);
      self->diverged = TRUE;
      self->done = TRUE;
      return self->loss_history->len ? g_array_index (self->loss_history, double,
                                                      self->loss_history->len - 1) : 0;
    }
  g_array_append_val (self->loss_history, loss);
  if (self->validation != NULL)
    {
      double vl = validation_loss (self);
      g_array_append_val (self->validation_history, vl);
    }

  if (loss > self->best_loss - TOL)
    self->no_improvement++;
  else
    self->no_improvement = 0;
  if (loss < self->best_loss)
    self->best_loss = loss;
  if (self->no_improvement > N_ITER_NO_CHANGE || self->epoch >= self->opt.max_epochs)
    self->done = TRUE;
  return loss;
}

/**
 * mlr_mlp_fit:
 * mlr_mlp_new() and mlr_mlp_train_epoch() until done.
 *
 * Returns: (transfer full): the trained network
 */
MlrMlp *
mlr_mlp_fit (const MlrMlpOptions *options,
             const MlrDataset    *train)
{
  MlrMlp *self = mlr_mlp_new (options, train);

  while (!self->done)
    mlr_mlp_train_epoch (self);
  return self;
}

/* Frees @self (NULL is fine). */
void
mlr_mlp_free (MlrMlp *self)
{
  if (self == NULL)
    return;
  buffers_clear (self, &self->buf);
  g_free (self->params);
  g_free (self->wf);
  g_free (self->grads);
  g_free (self->m);
  g_free (self->v);
  g_free (self->snapshot);
  g_free (self->x);
  g_free (self->y);
  g_free (self->order);
  g_free (self->batch_labels);
  g_array_free (self->loss_history, TRUE);
  g_array_free (self->validation_history, TRUE);
  mlr_dataset_free (self->validation);
  g_free (self);
}

/* TRUE when max_epochs are trained, the loss has settled, or training diverged. */
gboolean
mlr_mlp_is_done (const MlrMlp *self)
{
  return self->done;
}

/* TRUE when an epoch produced a non-finite loss and was undone. */
gboolean
mlr_mlp_get_diverged (const MlrMlp *self)
{
  return self->diverged;
}

/* Epochs trained so far. */
guint
mlr_mlp_get_epoch (const MlrMlp *self)
{
  return self->loss_history->len;
}

/* The mean training loss of each epoch so far. */
const double *
mlr_mlp_get_loss_history (const MlrMlp *self,
                          guint        *n_epochs)
{
  *n_epochs = self->loss_history->len;
  return (const double *) self->loss_history->data;
}

/* The held-out loss after each epoch since mlr_mlp_set_validation(). */
const double *
mlr_mlp_get_validation_history (const MlrMlp *self,
                                guint        *n_epochs)
{
  *n_epochs = self->validation_history->len;
  return (const double *) self->validation_history->data;
}

/* ---- prediction ----------------------------------------------------------------------- */

typedef void (*ChunkFunc) (const MlrMlp *self,
                           const Buffers *buf,
                           guint         B,
                           gsize         first,
                           gpointer      data);

/* Feeds the points (@x, or the grid cells when @x is NULL) through the network CHUNK at a
 * time and hands each chunk's output to @func. */
static void
run_points (const MlrMlp *self,
            const double *x,
            gsize         n_points,
            const double *xs,
            guint         w,
            const double *ys,
            ChunkFunc     func,
            gpointer      data)
{
  Buffers buf = { 0 };

  buffers_init (self, &buf, CHUNK);
  for (gsize start = 0; start < n_points; start += CHUNK)
    {
      guint B = (guint) MIN (CHUNK, n_points - start);

      for (guint s = 0; s < B; s++)
        {
          gsize p = start + s;
          buf.act[0][s] = (float) (x ? x[2 * p] : xs[p % w]);
          buf.act[0][B + s] = (float) (x ? x[2 * p + 1] : ys[p / w]);
        }
      forward (self, &buf, B);
      func (self, &buf, B, start, data);
    }
  buffers_clear (self, &buf);
}

static inline void
output_proba (const MlrMlp  *self,
              const Buffers *buf,
              guint          B,
              guint          s,
              double        *p)
{
  const float *out = buf->act[self->n_layers];

  if (self->sizes[self->n_layers] == 1)
    {
      p[1] = out[s];
      p[0] = 1.0 - out[s];
    }
  else
    for (guint c = 0; c < self->n_classes; c++)
      p[c] = out[(gsize) c * B + s];
}

static void
chunk_proba (const MlrMlp  *self,
             const Buffers *buf,
             guint          B,
             gsize          first,
             gpointer       data)
{
  double *proba = data;

  for (guint s = 0; s < B; s++)
    output_proba (self, buf, B, s, proba + (first + s) * self->n_classes);
}

/* Class probabilities of @n_points standardized points (n_points x K). */
void
mlr_mlp_predict_proba (const MlrMlp *self,
                       const double *x,
                       guint         n_points,
                       double       *proba)
{
  run_points (self, x, n_points, NULL, 0, NULL, chunk_proba, proba);
}

typedef struct {
  guint8 *labels;
  float  *conf;
} LabelTarget;

static void
chunk_label (const MlrMlp  *self,
             const Buffers *buf,
             guint          B,
             gsize          first,
             gpointer       data)
{
  LabelTarget *t = data;
  double p[MLR_DATASET_MAX_CLASSES];

  for (guint s = 0; s < B; s++)
    {
      output_proba (self, buf, B, s, p);
      mlr_proba_to_label (p, self->n_classes, &t->labels[first + s], &t->conf[first + s]);
    }
}

/* Breakpoint of hidden unit @unit on the current grid row: where a x + c crosses 0. */
typedef struct {
  double t;
  guint  unit;
} Breakpoint;

/* With one ReLU (or identity) hidden layer, along a grid row (x2 fixed) every hidden unit is
 * max(0, a x + c) for constants a, c, so every output score is piecewise linear in x with at
 * most one break per unit. A row is then swept left to right keeping each output's slope and
 * intercept over the currently active units: O(units + width) per row instead of
 * O(units x width). Breakpoints move linearly from row to row, so last row's order is nearly
 * right and insertion sort keeps it cheap. */
static void
eval_grid_sweep (const MlrMlp *self,
                 const double *xs,
                 guint         w,
                 const double *ys,
                 guint         h,
                 guint8       *labels,
                 float        *conf)
{
  guint H = self->sizes[1], n_out = self->sizes[2], K = self->n_classes;
  const float *W1 = self->wf + self->w_off[0], *b1 = self->wf + self->b_off[0];
  const float *W2 = self->wf + self->w_off[1], *b2 = self->wf + self->b_off[1];
  gboolean relu = self->opt.activation == MLR_ACTIVATION_RELU;
  g_autofree Breakpoint *bp = g_new (Breakpoint, H);
  g_autofree double *c = g_new (double, H);
  guint n_bp = 0;

  for (guint j = 0; j < h; j++)
    {
      double slope[MLR_DATASET_MAX_CLASSES], icpt[MLR_DATASET_MAX_CLASSES];
      double z[MLR_DATASET_MAX_CLASSES], p[MLR_DATASET_MAX_CLASSES];
      guint next = 0;

      for (guint k = 0; k < n_out; k++)
        {
          slope[k] = 0;
          icpt[k] = b2[k];
        }
      /* Units active left of every breakpoint: falling ones (a < 0), flat positive ones, and
       * all of them without ReLU. */
      for (guint u = 0; u < H; u++)
        {
          double a = W1[u];
          c[u] = b1[u] + W1[H + u] * ys[j];
          if (!relu || a < 0 || (a == 0 && c[u] > 0))
            for (guint k = 0; k < n_out; k++)
              {
                slope[k] += W2[(gsize) u * n_out + k] * a;
                icpt[k] += W2[(gsize) u * n_out + k] * c[u];
              }
        }
      if (relu)
        {
          if (j == 0)
            for (guint u = 0; u < H; u++)
              if (W1[u] != 0)
                bp[n_bp++] = (Breakpoint) { 0, u };
          for (guint m = 0; m < n_bp; m++)
            {
              Breakpoint cur = { -c[bp[m].unit] / W1[bp[m].unit], bp[m].unit };
              guint pos = m;
              while (pos > 0 && bp[pos - 1].t > cur.t)
                {
                  bp[pos] = bp[pos - 1];
                  pos--;
                }
              bp[pos] = cur;
            }
        }

      for (guint i = 0; i < w; i++)
        {
          gsize cell = (gsize) j * w + i;

          /* Cross the breakpoints left of this column: rising units switch on, falling off. */
          for (; next < n_bp && bp[next].t < xs[i]; next++)
            {
              guint u = bp[next].unit;
              double sign = W1[u] > 0 ? 1 : -1;
              for (guint k = 0; k < n_out; k++)
                {
                  slope[k] += sign * W2[(gsize) u * n_out + k] * W1[u];
                  icpt[k] += sign * W2[(gsize) u * n_out + k] * c[u];
                }
            }
          for (guint k = 0; k < n_out; k++)
            z[k] = slope[k] * xs[i] + icpt[k];
          if (n_out == 1)
            {
              /* As the forward pass computes it. */
              p[1] = mlr_sigmoidf ((float) z[0]);
              p[0] = 1.0 - p[1];
            }
          else
            {
              memcpy (p, z, K * sizeof (double));
              mlr_softmax_inplace (p, K);
            }
          mlr_proba_to_label (p, K, &labels[cell], &conf[cell]);
        }
    }
}

/* Labels and confidences of the grid cells; one ReLU or identity hidden layer takes the row
 * sweep. */
void
mlr_mlp_eval_grid (const MlrMlp *self,
                   const double *xs,
                   guint         w,
                   const double *ys,
                   guint         h,
                   guint8       *labels,
                   float        *conf)
{
  LabelTarget t = { labels, conf };

  if (self->n_layers == 2 && (self->opt.activation == MLR_ACTIVATION_RELU ||
                              self->opt.activation == MLR_ACTIVATION_IDENTITY))
    {
      eval_grid_sweep (self, xs, w, ys, h, labels, conf);
      return;
    }
  run_points (self, NULL, (gsize) w * h, xs, w, ys, chunk_label, &t);
}

/* ---- the network as a picture --------------------------------------------------------- */

/* Weight layers: the number of hidden layers + 1, so unit layers run from 0 to this. */
guint
mlr_mlp_get_n_layers (const MlrMlp *self)
{
  return self->n_layers;
}

/* Units in unit layer @layer (0: the 2 inputs; mlr_mlp_get_n_layers(): the outputs, 1 for
 * two classes, else one per class). */
guint
mlr_mlp_get_layer_size (const MlrMlp *self,
                        guint         layer)
{
  g_return_val_if_fail (layer <= self->n_layers, 0);
  return self->sizes[layer];
}

MlrActivation
mlr_mlp_get_activation (const MlrMlp *self)
{
  return self->opt.activation;
}

/**
 * mlr_mlp_get_weights:
 * @layer: a weight layer, 0 .. mlr_mlp_get_n_layers() - 1
 * @bias: (out) (optional): the biases of unit layer @layer + 1
 *
 * The weights of record (double precision) from unit layer @layer to @layer + 1: an
 * in x out row-major matrix, W[i * out + j] from unit i to unit j, as scikit-learn's
 * coefs_[layer].
 */
const double *
mlr_mlp_get_weights (const MlrMlp  *self,
                     guint          layer,
                     const double **bias)
{
  g_return_val_if_fail (layer < self->n_layers, NULL);
  if (bias != NULL)
    *bias = self->params + self->b_off[layer];
  return self->params + self->w_off[layer];
}

typedef struct {
  guint  max_per_layer;
  gsize  cells;
  float *units;
} UnitTarget;

static void
chunk_units (const MlrMlp  *self,
             const Buffers *buf,
             guint          B,
             gsize          first,
             gpointer       data)
{
  UnitTarget *t = data;
  gsize base = 0;

  for (guint l = 0; l <= self->n_layers; l++)
    {
      guint shown = MIN (self->sizes[l], t->max_per_layer);
      for (guint u = 0; u < shown; u++)
        memcpy (t->units + (base + u) * t->cells + first, buf->act[l] + (gsize) u * B,
                B * sizeof (float));
      base += shown;
    }
}

/**
 * mlr_mlp_eval_units:
 * @xs: @w standardized x1 values (any order)
 * @ys: @h standardized x2 values (any order)
 * @max_per_layer: how many units of each layer to report (the first ones)
 * @units: out: for each unit layer from the inputs to the outputs, its first
 *   min(size, @max_per_layer) units, each a w x h map (cell j * w + i at xs[i], ys[j])
 *
 * Every unit's output at every grid point, from the same forward pass as
 * mlr_mlp_predict_proba(): the inputs themselves, each hidden unit's activation f(w . a + b),
 * and the output probabilities (the positive class's for two classes, else one per class).
 */
void
mlr_mlp_eval_units (const MlrMlp *self,
                    const double *xs,
                    guint         w,
                    const double *ys,
                    guint         h,
                    guint         max_per_layer,
                    float        *units)
{
  UnitTarget t = { max_per_layer, (gsize) w * h, units };

  g_return_if_fail (self != NULL && units != NULL);
  if (t.cells == 0 || max_per_layer == 0)
    return;
  run_points (self, NULL, t.cells, xs, w, ys, chunk_units, &t);
}
