/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-naive-bayes.h"

#include <math.h>
#include <string.h>

#include "mlr-model-math.h"

#define VAR_FLOOR 1e-12

struct _MlrNaiveBayes
{
  guint  n_classes;
  double prior[MLR_DATASET_MAX_CLASSES];
  double mean[MLR_DATASET_MAX_CLASSES][2];
  double var[MLR_DATASET_MAX_CLASSES][2];
  /* log prior - 0.5 * sum log (2 pi var): the part of the log-likelihood that is constant */
  double log_norm[MLR_DATASET_MAX_CLASSES];
};

/**
 * mlr_naive_bayes_fit:
 * @var_smoothing: share of the largest coordinate variance added to every variance (1e-9)
 * @train: training points with labels 0..K-1
 *
 * Returns: (transfer full): the model
 */
MlrNaiveBayes *
mlr_naive_bayes_fit (double            var_smoothing,
                     const MlrDataset *train)
{
  MlrNaiveBayes *self = g_new0 (MlrNaiveBayes, 1);
  double count[MLR_DATASET_MAX_CLASSES] = { 0 };
  double all_mean[2] = { 0, 0 }, all_var[2] = { 0, 0 }, epsilon;
  guint n = train->n_points, K = MAX (train->n_classes, 1);

  self->n_classes = K;
  for (guint i = 0; i < n; i++)
    {
      guint c = train->y[i];
      count[c] += 1;
      for (guint f = 0; f < 2; f++)
        {
          self->mean[c][f] += train->x[2 * i + f];
          all_mean[f] += train->x[2 * i + f];
        }
    }
  for (guint f = 0; f < 2; f++)
    {
      all_mean[f] /= MAX (n, 1);
      for (guint c = 0; c < K; c++)
        self->mean[c][f] /= MAX (count[c], 1);
    }
  /* Two passes (sum of squared deviations), as exact as it gets. */
  for (guint i = 0; i < n; i++)
    {
      guint c = train->y[i];
      for (guint f = 0; f < 2; f++)
        {
          double d = train->x[2 * i + f] - self->mean[c][f];
          double e = train->x[2 * i + f] - all_mean[f];
          self->var[c][f] += d * d;
          all_var[f] += e * e;
        }
    }
  epsilon = var_smoothing * MAX (all_var[0], all_var[1]) / MAX (n, 1);
  for (guint c = 0; c < K; c++)
    {
      self->prior[c] = count[c] / MAX (n, 1);
      self->log_norm[c] = log (MAX (self->prior[c], 1e-300));
      for (guint f = 0; f < 2; f++)
        {
          self->var[c][f] = MAX (self->var[c][f] / MAX (count[c], 1) + epsilon, VAR_FLOOR);
          self->log_norm[c] -= 0.5 * log (2 * G_PI * self->var[c][f]);
        }
    }
  return self;
}

/* Frees @self (NULL is fine). */
void
mlr_naive_bayes_free (MlrNaiveBayes *self)
{
  g_free (self);
}

/* The fitted prior, means and (smoothed) variances of class @label. */
void
mlr_naive_bayes_get_class (const MlrNaiveBayes *self,
                           guint                label,
                           double              *prior,
                           double               mean[2],
                           double               var[2])
{
  g_return_if_fail (label < self->n_classes);

  *prior = self->prior[label];
  for (guint f = 0; f < 2; f++)
    {
      mean[f] = self->mean[label][f];
      var[f] = self->var[label][f];
    }
}

static inline double
log_term (const MlrNaiveBayes *self,
          guint                c,
          guint                f,
          double               v)
{
  double d = v - self->mean[c][f];

  return -0.5 * d * d / self->var[c][f];
}

/* Posterior class probabilities of @n_points points (n_points x K). */
void
mlr_naive_bayes_predict_proba (const MlrNaiveBayes *self,
                               const double        *x,
                               guint                n_points,
                               double              *proba)
{
  for (guint i = 0; i < n_points; i++)
    {
      double *p = proba + (gsize) i * self->n_classes;
      for (guint c = 0; c < self->n_classes; c++)
        p[c] = self->log_norm[c] + log_term (self, c, 0, x[2 * i]) +
               log_term (self, c, 1, x[2 * i + 1]);
      mlr_softmax_inplace (p, self->n_classes);
    }
}

/* The joint log-likelihood is a sum of an x1 term and an x2 term, so both are tabulated once
 * per column and per row. */
void
mlr_naive_bayes_eval_grid (const MlrNaiveBayes *self,
                           const double        *xs,
                           guint                w,
                           const double        *ys,
                           guint                h,
                           guint8              *labels,
                           float               *conf)
{
  guint K = self->n_classes;
  g_autofree double *col = g_new (double, (gsize) w * K);
  double row[MLR_DATASET_MAX_CLASSES], p[MLR_DATASET_MAX_CLASSES];

  for (guint i = 0; i < w; i++)
    for (guint c = 0; c < K; c++)
      col[(gsize) i * K + c] = log_term (self, c, 0, xs[i]);

  for (guint j = 0; j < h; j++)
    {
      for (guint c = 0; c < K; c++)
        row[c] = log_term (self, c, 1, ys[j]);
      for (guint i = 0; i < w; i++)
        {
          gsize cell = (gsize) j * w + i;
          for (guint c = 0; c < K; c++)
            p[c] = self->log_norm[c] + col[(gsize) i * K + c] + row[c];
          mlr_softmax_inplace (p, K);
          mlr_proba_to_label (p, K, &labels[cell], &conf[cell]);
        }
    }
}
