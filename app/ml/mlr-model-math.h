/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-model-math: the arithmetic the classifier models share (mlr-logreg.c, mlr-knn.c,
 * mlr-tree.c, ...): softmax, the logistic function, argmax, turning probabilities into a
 * label. The models and mlr-classifier.c (the layer over them) both build on it; it builds
 * on nothing of theirs. Not for use outside app/ml.
 *
 * Conventions of the per-model modules:
 *  - they see standardized data (the generic layer in mlr-classifier.c does the scaling);
 *  - points are rows of 2 doubles; probabilities are rows of n_classes doubles;
 *  - *_eval_grid (model, xs, w, ys, h, labels, conf) evaluates the cells (xs[i], ys[j]) for
 *    ascending xs[0..w) and ys[0..h), writing labels[j * w + i] and conf[j * w + i] (the
 *    largest class probability); the label is always the first largest probability, so the
 *    grid agrees with *_predict_proba.
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* The first index of the largest of @k values. */
static inline guint
mlr_argmax (const double *p,
            guint         k)
{
  guint best = 0;

  for (guint c = 1; c < k; c++)
    if (p[c] > p[best])
      best = c;
  return best;
}

/* 1 / (1 + exp (-z)) without overflow. */
static inline double
mlr_sigmoid (double z)
{
  if (z >= 0)
    return 1.0 / (1.0 + exp (-z));
  {
    double e = exp (z);
    return e / (1.0 + e);
  }
}

/* The same in single precision (the mlp's passes). */
static inline float
mlr_sigmoidf (float z)
{
  if (z >= 0)
    return 1.0f / (1.0f + expf (-z));
  {
    float e = expf (z);
    return e / (1.0f + e);
  }
}

/* log (1 + exp (z)) without overflow. */
static inline double
mlr_log1pexp (double z)
{
  return z > 0 ? z + log1p (exp (-z)) : log1p (exp (z));
}

void  mlr_softmax_inplace  (double       *z,
                            guint         k);
guint mlr_count_le         (const double *sorted,
                            guint         n,
                            double        v);
void  mlr_proba_to_label   (const double *proba,
                            guint         k,
                            guint8       *label,
                            float        *confidence);

G_END_DECLS
