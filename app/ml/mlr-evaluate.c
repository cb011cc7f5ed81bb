/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-evaluate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (mlr-evaluate-error-quark, mlr_evaluate_error)

struct _MlrScores
{
  guint   n, n_pos, n_neg;
  guint   n_groups;
  double *score;     /* n_groups distinct scores, highest first */
  guint  *pos;       /* positives with score[g] */
  guint  *neg;       /* negatives with score[g] */
  guint  *cum_pos;   /* n_groups + 1: positives in groups 0 .. k − 1 (cum_pos[0] = 0) */
  guint  *cum_neg;
};

/* ---- sorting: scores in [0, 1] have the sign bit and the top exponent bit clear, so the bits
 * of the double shifted left by one, with the label in bit 0, sort as (score, label) */

static inline guint64
key_of (double   score,
        guint8   label)
{
  guint64 bits;

  score += 0.0;  /* −0 → +0 */
  memcpy (&bits, &score, sizeof bits);
  return (bits << 1) | (label & 1);
}

static inline double
score_of_key (guint64 key)
{
  guint64 bits = key >> 1;
  double score;

  memcpy (&score, &bits, sizeof score);
  return score;
}

static int
compare_keys (const void *a,
              const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

/* Ascending LSD radix sort of 63-bit keys, 11 bits a pass; a pass whose digit is the same for
 * every key is skipped (the top bits of scores in [0, 1] mostly are). */
static void
sort_keys (guint64 *keys,
           gsize    n)
{
  g_autofree guint64 *tmp = NULL;
  g_autofree gsize *count = NULL;
  guint64 *src = keys, *dst;

  if (n < 512)
    {
      qsort (keys, n, sizeof *keys, compare_keys);
      return;
    }
  tmp = g_new (guint64, n);
  count = g_new (gsize, RADIX_SIZE);
  dst = tmp;
  for (guint shift = 0; shift < 64; shift += RADIX_BITS)
    {
      gsize sum = 0;
      gboolean one_bucket = FALSE;

      memset (count, 0, RADIX_SIZE * sizeof *count);
      for (gsize i = 0; i < n; i++)
        count[(src[i] >> shift) & (RADIX_SIZE - 1)]++;
      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          gsize c = count[d];
          if (c == n)
            one_bucket = TRUE;
          count[d] = sum;
          sum += c;
        }
      if (one_bucket)
        continue;
      for (gsize i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & (RADIX_SIZE - 1)]++] = src[i];
      {
        guint64 *t = src;
        src = dst;
        dst = t;
      }
    }
  if (src != keys)
    memcpy (keys, src, n * sizeof *keys);
}

static MlrScores *
scores_alloc (guint n_groups)
{
  MlrScores *self = g_new0 (MlrScores, 1);

  self->score = g_new (double, MAX (n_groups, 1));
  self->pos = g_new0 (guint, MAX (n_groups, 1));
  self->neg = g_new0 (guint, MAX (n_groups, 1));
  self->cum_pos = g_new0 (guint, n_groups + 1);
  self->cum_neg = g_new0 (guint, n_groups + 1);
  return self;
}

static void
finish_counts (MlrScores *self)
{
  self->cum_pos[0] = self->cum_neg[0] = 0;
  for (guint g = 0; g < self->n_groups; g++)
    {
      self->cum_pos[g + 1] = self->cum_pos[g] + self->pos[g];
      self->cum_neg[g + 1] = self->cum_neg[g] + self->neg[g];
    }
  self->n_pos = self->cum_pos[self->n_groups];
  self->n_neg = self->cum_neg[self->n_groups];
  self->n = self->n_pos + self->n_neg;
}

/**
 * mlr_scores_new:
 * @scores: @n scores, each finite and in [0, 1]
 * @labels: @n labels, each 0 or 1, both present
 *
 * Returns: (transfer full) (nullable): the scores grouped for evaluation, or NULL with
 *   @error set (#MLR_EVALUATE_ERROR) naming the first bad case (its 0-based index)
 */
MlrScores *
mlr_scores_new (const double  *scores,
                const guint8  *labels,
                guint          n,
                GError       **error)
{
  g_autofree guint64 *keys = NULL;
  MlrScores *self;
  guint n_pos = 0, n_groups = 0;

  if (n == 0)
    {
      g_set_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_EMPTY, "there are no scores");
      return NULL;
    }
  if (n > MLR_SCORES_MAX)
    {
      g_set_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_TOO_LARGE,
                   "%u scores are more than the %d this evaluates", n, MLR_SCORES_MAX);
      return NULL;
    }
  keys = g_new (guint64, n);
  for (guint i = 0; i < n; i++)
    {
      if (labels[i] > 1)
        {
          g_set_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_VALUES,
                       "case %u: the label %u is not 0 or 1", i, labels[i]);
          return NULL;
        }
      if (!(scores[i] >= 0 && scores[i] <= 1))
        {
          g_set_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_VALUES,
                       "case %u: the score %g is not a probability from 0 to 1", i, scores[i]);
          return NULL;
        }
      n_pos += labels[i];
      keys[i] = key_of (scores[i], labels[i]);
    }
  if (n_pos == 0 || n_pos == n)
    {
      g_set_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_ONE_CLASS,
                   "every label is %d: ROC AUC, average precision and log loss need both "
                   "classes (labels 0 and 1)", n_pos ? 1 : 0);
      return NULL;
    }
  sort_keys (keys, n);
  for (guint i = 0; i < n; i++)
    if (i == 0 || (keys[i] >> 1) != (keys[i - 1] >> 1))
      n_groups++;

  self = scores_alloc (n_groups);
  self->n_groups = n_groups;
  /* highest first */
  for (guint i = n, g = 0; i-- > 0;)
    {
      if (i < n - 1 && (keys[i] >> 1) != (keys[i + 1] >> 1))
        g++;
      self->score[g] = score_of_key (keys[i]);
      if (keys[i] & 1)
        self->pos[g]++;
      else
        self->neg[g]++;
    }
  finish_counts (self);
  return self;
}

typedef struct {
  double score;
  guint  pos, neg;
} Group;

static int
compare_groups_desc (const void *a,
                     const void *b)
{
  double x = ((const Group *) a)->score, y = ((const Group *) b)->score;
  return x > y ? -1 : x < y;
}

/**
 * mlr_scores_new_calibrated:
 * The same cases with each score s replaced by σ(a·s + b) (mlr_platt_apply()): scores that
 * land on the same value merge, and a negative slope reverses the order.
 *
 * Returns: (transfer full): the recalibrated scores
 */
MlrScores *
mlr_scores_new_calibrated (const MlrScores *raw,
                           const MlrPlatt  *platt)
{
  guint G = raw->n_groups, n_groups = 0;
  g_autofree Group *groups = g_new (Group, G);
  gboolean descending = TRUE, ascending = TRUE;
  MlrScores *self;

  for (guint g = 0; g < G; g++)
    {
      groups[g].score = mlr_platt_apply (platt, raw->score[g]);
      groups[g].pos = raw->pos[g];
      groups[g].neg = raw->neg[g];
      if (g > 0)
        {
          descending = descending && groups[g].score <= groups[g - 1].score;
          ascending = ascending && groups[g].score >= groups[g - 1].score;
        }
    }
  if (!descending && ascending)
    {
      for (guint i = 0, j = G - 1; i < j; i++, j--)
        {
          Group t = groups[i];
          groups[i] = groups[j];
          groups[j] = t;
        }
    }
  else if (!descending)
    qsort (groups, G, sizeof *groups, compare_groups_desc);

  self = scores_alloc (G);
  for (guint g = 0; g < G; g++)
    {
      if (n_groups == 0 || groups[g].score != self->score[n_groups - 1])
        {
          self->score[n_groups] = groups[g].score + 0.0;
          self->pos[n_groups] = self->neg[n_groups] = 0;
          n_groups++;
        }
      self->pos[n_groups - 1] += groups[g].pos;
      self->neg[n_groups - 1] += groups[g].neg;
    }
  self->n_groups = n_groups;
  finish_counts (self);
  return self;
}

void
mlr_scores_free (MlrScores *self)
{
  if (self == NULL)
    return;
  g_free (self->score);
  g_free (self->pos);
  g_free (self->neg);
  g_free (self->cum_pos);
  g_free (self->cum_neg);
  g_free (self);
}

guint
mlr_scores_get_n (const MlrScores *self)
{
  return self->n;
}

guint
mlr_scores_get_n_positive (const MlrScores *self)
{
  return self->n_pos;
}

guint
mlr_scores_get_n_negative (const MlrScores *self)
{
  return self->n_neg;
}

/* How many distinct scores there are: the ROC curve has this many points after (0, 0). */
guint
mlr_scores_get_n_groups (const MlrScores *self)
{
  return self->n_groups;
}

/* The @g-th highest distinct score. */
double
mlr_scores_get_group_score (const MlrScores *self,
                            guint            g)
{
  g_return_val_if_fail (g < self->n_groups, 0);
  return self->score[g];
}

/* The true and false positives when the @k highest distinct scores are flagged (0 .. n_groups). */
void
mlr_scores_get_flagged (const MlrScores *self,
                        guint            k,
                        guint           *tp,
                        guint           *fp)
{
  k = MIN (k, self->n_groups);
  *tp = self->cum_pos[k];
  *fp = self->cum_neg[k];
}

/* How many distinct scores are >= @threshold: what a threshold flags, in groups. */
guint
mlr_scores_count_at_or_above (const MlrScores *self,
                              double           threshold)
{
  guint lo = 0, hi = self->n_groups;

  /* score[] is descending: find the first g with score[g] < threshold */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (self->score[mid] >= threshold)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A threshold in [0, 1] that flags exactly the @k highest distinct scores: the k-th score
 * itself, or 1 for none (which needs every score below 1; else the result flags the top group
 * and the caller sees that from mlr_scores_count_at_or_above()). */
double
mlr_scores_threshold_for_groups (const MlrScores *self,
                                 guint            k)
{
  if (k == 0)
    return 1.0;
  return self->score[MIN (k, self->n_groups) - 1];
}

/**
 * mlr_scores_auc:
 * The area under the ROC curve (sklearn.metrics.roc_auc_score). Ties count one half, as the
 * straight segment through a group does: computed exactly in integers.
 */
double
mlr_scores_auc (const MlrScores *self)
{
  guint64 twice = 0;

  for (guint g = 0; g < self->n_groups; g++)
    twice += (guint64) self->neg[g] * (2 * (guint64) self->cum_pos[g] + self->pos[g]);
  return (double) twice / (2.0 * (double) self->n_pos * (double) self->n_neg);
}

/* Σ (R_g − R_{g−1}) P_g (sklearn.metrics.average_precision_score). */
double
mlr_scores_average_precision (const MlrScores *self)
{
  double sum = 0, c = 0;

  for (guint g = 0; g < self->n_groups; g++)
    {
      double term, t;
      if (self->pos[g] == 0)
        continue;
      term = ((double) self->cum_pos[g + 1] / self->n_pos -
              (double) self->cum_pos[g] / self->n_pos) *
             ((double) self->cum_pos[g + 1] / (self->cum_pos[g + 1] + self->cum_neg[g + 1]));
      /* Neumaier's compensated sum */
      t = sum + term;
      c += fabs (sum) >= fabs (term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
  return sum + c;
}

typedef struct {
  double sum, c;
} Sum;

static inline void
sum_add (Sum   *s,
         double x)
{
  double t = s->sum + x;

  s->c += fabs (s->sum) >= fabs (x) ? (s->sum - t) + x : (x - t) + s->sum;
  s->sum = t;
}

/* mean (score − label)² (sklearn.metrics.brier_score_loss). */
double
mlr_scores_brier (const MlrScores *self)
{
  Sum s = { 0, 0 };

  for (guint g = 0; g < self->n_groups; g++)
    {
      double p = self->score[g];
      sum_add (&s, self->pos[g] * (1 - p) * (1 - p));
      sum_add (&s, self->neg[g] * p * p);
    }
  return (s.sum + s.c) / self->n;
}

/* sklearn.metrics.log_loss in scikit-learn 1.2: clip to [ε, 1 − ε], renormalise (1 − p, p),
 * natural log. */
double
mlr_scores_log_loss (const MlrScores *self)
{
  Sum s = { 0, 0 };

  for (guint g = 0; g < self->n_groups; g++)
    {
      double p = CLAMP (self->score[g], MLR_LOG_LOSS_EPS, 1 - MLR_LOG_LOSS_EPS);
      double q = 1 - p;
      double total = q + p;

      if (self->pos[g])
        sum_add (&s, -(double) self->pos[g] * log (p / total));
      if (self->neg[g])
        sum_add (&s, -(double) self->neg[g] * log (q / total));
    }
  return (s.sum + s.c) / self->n;
}

/**
 * mlr_ece_bin:
 * The bin of calibration_curve(strategy="uniform", n_bins=@n_bins) that @score falls in: the
 * number of inner edges i · (1/n_bins) (as numpy.linspace computes them) strictly below it.
 */
guint
mlr_ece_bin (double score,
             guint  n_bins)
{
  double step = 1.0 / n_bins;
  double guess = ceil (score * n_bins) - 1;
  guint k = guess <= 0 ? 0 : guess >= n_bins - 1 ? n_bins - 1 : (guint) guess;

  /* the product may round either way: settle on the exact edge comparison */
  while (k > 0 && !((double) k * step < score))
    k--;
  while (k + 1 < n_bins && (double) (k + 1) * step < score)
    k++;
  return k;
}

/**
 * mlr_scores_reliability:
 * The reliability diagram with @n_bins equal-width bins (see mlr_ece_bin()): for each bin
 * the mean score, the share of positives and the count (0 for an empty bin; its means are 0).
 *
 * Returns: the expected calibration error, Σ |mean score − mean label| · count / n
 */
double
mlr_scores_reliability (const MlrScores *self,
                        guint            n_bins,
                        double          *mean_score,
                        double          *mean_label,
                        guint           *count)
{
  g_autofree double *sum_score = g_new0 (double, n_bins);
  g_autofree double *sum_label = g_new0 (double, n_bins);
  g_autofree guint *total = g_new0 (guint, n_bins);
  Sum ece = { 0, 0 };

  for (guint g = 0; g < self->n_groups; g++)
    {
      guint b = mlr_ece_bin (self->score[g], n_bins);
      sum_score[b] += self->score[g] * (self->pos[g] + self->neg[g]);
      sum_label[b] += self->pos[g];
      total[b] += self->pos[g] + self->neg[g];
    }
  for (guint b = 0; b < n_bins; b++)
    {
      double ms = total[b] ? sum_score[b] / total[b] : 0;
      double ml = total[b] ? sum_label[b] / total[b] : 0;

      if (mean_score)
        mean_score[b] = ms;
      if (mean_label)
        mean_label[b] = ml;
      if (count)
        count[b] = total[b];
      if (total[b])
        sum_add (&ece, fabs (ms - ml) * total[b] / self->n);
    }
  return ece.sum + ece.c;
}

/* The expected calibration error with @n_bins equal-width bins (1 .. MLR_ECE_MAX_BINS). */
double
mlr_scores_ece (const MlrScores *self,
                guint            n_bins)
{
  g_return_val_if_fail (n_bins >= 1 && n_bins <= MLR_ECE_MAX_BINS, 0);
  return mlr_scores_reliability (self, n_bins, NULL, NULL, NULL);
}

/* The confusion matrix when every score >= @threshold is called positive. */
void
mlr_scores_confusion (const MlrScores *self,
                      double           threshold,
                      MlrConfusion    *out)
{
  guint k = mlr_scores_count_at_or_above (self, threshold);

  out->tp = self->cum_pos[k];
  out->fp = self->cum_neg[k];
  out->fn = self->n_pos - out->tp;
  out->tn = self->n_neg - out->fp;
}

/**
 * mlr_scores_cost_optimal:
 * The threshold in [0, 1] with the lowest cost @cost_fp · FP + @cost_fn · FN (stored in @cost
 * when not NULL). The candidates are the distinct scores (flag everything from there up) and
 * 1 when every score is below 1 (flag nothing); of equal costs, the highest threshold wins.
 */
double
mlr_scores_cost_optimal (const MlrScores *self,
                         double           cost_fp,
                         double           cost_fn,
                         double          *cost)
{
  gboolean none_reachable = self->score[0] < 1;
  double best = INFINITY;
  guint best_k = 1;

  for (guint k = none_reachable ? 0 : 1; k <= self->n_groups; k++)
    {
      double c = cost_fp * self->cum_neg[k] + cost_fn * (double) (self->n_pos - self->cum_pos[k]);
      if (c < best)
        {
          best = c;
          best_k = k;
        }
    }
  if (cost)
    *cost = best;
  return mlr_scores_threshold_for_groups (self, best_k);
}

/* Counts of negatives and positives in @n_bins equal bins over [0, 1] (a score s goes to
 * bin ⌊s · n_bins⌋, 1 to the last), for drawing. */
void
mlr_scores_histogram (const MlrScores *self,
                      guint            n_bins,
                      guint           *negatives,
                      guint           *positives)
{
  memset (negatives, 0, n_bins * sizeof *negatives);
  memset (positives, 0, n_bins * sizeof *positives);
  for (guint g = 0; g < self->n_groups; g++)
    {
      guint b = MIN ((guint) (self->score[g] * n_bins), n_bins - 1);
      negatives[b] += self->neg[g];
      positives[b] += self->pos[g];
    }
}

/* TP / (TP + FP); 0 when nothing is flagged. */
double
mlr_confusion_precision (const MlrConfusion *c)
{
  return c->tp + c->fp ? (double) c->tp / ((double) c->tp + c->fp) : 0;
}

/* TP / (TP + FN), the true positive rate; 0 without positives. */
double
mlr_confusion_recall (const MlrConfusion *c)
{
  return c->tp + c->fn ? (double) c->tp / ((double) c->tp + c->fn) : 0;
}

/* 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; 0 when TP = FP = FN = 0. */
double
mlr_confusion_f1 (const MlrConfusion *c)
{
  double d = 2.0 * c->tp + c->fp + c->fn;
  return d > 0 ? 2.0 * c->tp / d : 0;
}

/* FP / (FP + TN); 0 without negatives. */
double
mlr_confusion_fpr (const MlrConfusion *c)
{
  return c->fp + c->tn ? (double) c->fp / ((double) c->fp + c->tn) : 0;
}

double
mlr_confusion_cost (const MlrConfusion *c,
                    double              cost_fp,
                    double              cost_fn)
{
  return cost_fp * c->fp + cost_fn * c->fn;
}

/* ---- Platt scaling */

/* log(1 + e^x) without overflow */
static inline double
softplus (double x)
{
  return x > 0 ? x + log1p (exp (-x)) : log1p (exp (x));
}

/* σ(z) as scipy.special.expit computes it, so tests can reproduce the calibrated scores */
static inline double
sigmoid (double z)
{
  return 1 / (1 + exp (-z));
}

/* p = σ(a·@score + b), in [0, 1]. */
double
mlr_platt_apply (const MlrPlatt *platt,
                 double          score)
{
  return sigmoid (platt->a * score + platt->b);
}

/* The smoothed-target loss Σ w [t·softplus(−z) + (1 − t)·softplus(z)] at (a, b). */
static double
platt_objective (const MlrScores *self,
                 double           t_pos,
                 double           t_neg,
                 double           a,
                 double           b)
{
  Sum f = { 0, 0 };

  for (guint g = 0; g < self->n_groups; g++)
    {
      double z = a * self->score[g] + b;
      double sp_minus = softplus (-z), sp_plus = softplus (z);

      if (self->pos[g])
        sum_add (&f, self->pos[g] * (t_pos * sp_minus + (1 - t_pos) * sp_plus));
      if (self->neg[g])
        sum_add (&f, self->neg[g] * (t_neg * sp_minus + (1 - t_neg) * sp_plus));
    }
  return f.sum + f.c;
}

#define PLATT_MAX_ITER 100
#define PLATT_MIN_STEP 1e-10
#define PLATT_SIGMA 1e-12

/**
 * mlr_scores_fit_platt:
 * Fits Platt scaling p = σ(a·s + b) to the scores (see the file comment). A single distinct
 * score has no slope to fit: a = 0 and b the log-odds of the mean smoothed target, which
 * attains the same optimum.
 */
void
mlr_scores_fit_platt (const MlrScores *self,
                      MlrPlatt        *out)
{
  double P = self->n_pos, N = self->n_neg;
  double t_pos = (P + 1) / (P + 2), t_neg = 1 / (N + 2);
  double a = 0, b = log ((P + 1) / (N + 1));
  double f = platt_objective (self, t_pos, t_neg, a, b);
  /* the gradient is a sum over n cases of terms up to 1: this is as close as its rounding
   * lets it get to 0, with room to spare */
  double tol = 1e-11 * MAX (self->n, 1);
  guint it;

  memset (out, 0, sizeof *out);
  if (self->n_groups == 1)
    {
      double tbar = (P * t_pos + N * t_neg) / (P + N);
      out->a = 0;
      out->b = log (tbar / (1 - tbar));
      out->objective = platt_objective (self, t_pos, t_neg, out->a, out->b);
      out->converged = TRUE;
      return;
    }

  for (it = 0; it < PLATT_MAX_ITER; it++)
    {
      double h11 = PLATT_SIGMA, h22 = PLATT_SIGMA, h21 = 0, g1 = 0, g2 = 0;
      double det, da, db, gd, step;

      for (guint g = 0; g < self->n_groups; g++)
        {
          double s = self->score[g];
          double p = sigmoid (a * s + b);
          double w = p * (1 - p) * (self->pos[g] + self->neg[g]);
          double d = self->pos[g] * (p - t_pos) + self->neg[g] * (p - t_neg);

          h11 += s * s * w;
          h22 += w;
          h21 += s * w;
          g1 += s * d;
          g2 += d;
        }
      if (fabs (g1) < tol && fabs (g2) < tol)
        {
          out->converged = TRUE;
          break;
        }
      /* the Newton direction −H⁻¹g */
      det = h11 * h22 - h21 * h21;
      da = -(h22 * g1 - h21 * g2) / det;
      db = -(-h21 * g1 + h11 * g2) / det;
      gd = g1 * da + g2 * db;
      if (!(det > 0) || !isfinite (da) || !isfinite (db) || !(gd < 0))
        break;  /* saturated: no curvature left to follow */

      /* backtracking until the loss falls enough (Armijo) */
      for (step = 1; step >= PLATT_MIN_STEP; step /= 2)
        {
          double na = a + step * da, nb = b + step * db;
          double nf = platt_objective (self, t_pos, t_neg, na, nb);
          if (nf < f + 1e-4 * step * gd)
            {
              a = na;
              b = nb;
              f = nf;
              break;
            }
        }
      if (step < PLATT_MIN_STEP)
        {
          /* no step lowers the loss any more: as close as doubles get */
          out->converged = TRUE;
          break;
        }
    }
  out->a = a;
  out->b = b;
  out->objective = f;
  out->iterations = it;
}
