/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-model-math.h"

#include <math.h>

/* z -> softmax(z) in place; a row that is all -inf (or holds NaN) becomes uniform. */
void
mlr_softmax_inplace (double *z,
                     guint   k)
{
  double zmax = -G_MAXDOUBLE, sum = 0;

  for (guint c = 0; c < k; c++)
    if (z[c] > zmax)
      zmax = z[c];
  if (!isfinite (zmax))
    {
      for (guint c = 0; c < k; c++)
        z[c] = 1.0 / k;
      return;
    }
  for (guint c = 0; c < k; c++)
    {
      z[c] = isnan (z[c]) ? 0 : exp (z[c] - zmax);
      sum += z[c];
    }
  for (guint c = 0; c < k; c++)
    z[c] /= sum;
}

/* How many of the ascending @sorted are <= @v. */
guint
mlr_count_le (const double *sorted,
              guint         n,
              double        v)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (sorted[mid] <= v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The label (first largest probability) and its probability. */
void
mlr_proba_to_label (const double *proba,
                    guint         k,
                    guint8       *label,
                    float        *confidence)
{
  guint best = mlr_argmax (proba, k);

  *label = (guint8) best;
  *confidence = (float) proba[best];
}
