/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-evaluate: how good a binary classifier's scores are, with scikit-learn's definitions
 * (checked against scikit-learn 1.2 in tests/cli/test-cli-evaluate.py).
 *
 * An #MlrScores holds n scores in [0, 1] with labels 0/1, both classes present, grouped by
 * distinct score from the highest down: for each distinct score s_g, how many positives and
 * negatives have it, and how many of each score higher. A threshold T flags a case as
 * positive when its score is >= T, so lowering T past s_g flags the whole group at once
 * (ties are never split). From these counts:
 *
 *  - ROC AUC: the area under the ROC curve through the points (FPR, TPR) after each group,
 *    joined by straight lines (trapezoids), as sklearn.metrics.roc_auc_score; computed exactly
 *    as the Mann–Whitney count Σ_g neg_g (2 · positives above + pos_g) / (2 P N) in integers;
 *  - average precision: Σ_g (R_g − R_{g−1}) P_g over the groups, the step-wise sum of
 *    sklearn.metrics.average_precision_score (not an interpolated area);
 *  - Brier score: mean (score − label)², as brier_score_loss;
 *  - log loss: as sklearn.metrics.log_loss in scikit-learn 1.2 (Debian 12): each score is
 *    clipped to [ε, 1 − ε] with ε = 2.220446049250313e-16 (DBL_EPSILON, its eps="auto" for
 *    float64), the pair (1 − p, p) renormalised by its sum, and the natural log taken, so a
 *    confident mistake costs at most −ln ε ≈ 36.04 instead of infinity;
 *  - expected calibration error (ECE) with B equal-width bins: Σ_b |mean score_b − mean
 *    label_b| · count_b / n over the bins that hold a score. The bins are those of
 *    sklearn.calibration.calibration_curve (strategy="uniform"): edges e_i = i · (1/B), a score
 *    goes to the number of inner edges strictly below it, so bin b holds (e_b, e_{b+1}] and the
 *    first also 0;
 *  - the confusion matrix at T and precision TP/(TP+FP), recall TP/(TP+FN), F1
 *    2TP/(2TP+FP+FN), false positive rate FP/(FP+TN). A 0/0 is 0, the value scikit-learn's
 *    default zero_division returns (with a warning): precision when nothing is flagged, F1
 *    when there are no true positives either.
 *
 * Platt scaling (mlr_scores_fit_platt()) fits p = σ(a·s + b) to the labels by maximum
 * likelihood with Platt's smoothed targets (t₊ = (P+1)/(P+2), t₋ = 1/(N+2)), the objective of
 * scikit-learn's CalibratedClassifierCV(method="sigmoid") (_sigmoid_calibration, which writes
 * it as 1/(1 + exp(A·s + B)), A = −a, B = −b). scikit-learn minimises it with BFGS; this is
 * Newton's method with a backtracking line search as in Lin, Lin and Weng, "A note on Platt's
 * probabilistic outputs for support vector machines" (2007, libsvm's sigmoid_train), run to
 * a much tighter gradient so the optimum is the same to about 1e-9.
 *
 * Limits: n <= MLR_SCORES_MAX (10,000,000), so every count and the AUC numerator are exact.
 * Plain C + GLib.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_EVALUATE_ERROR (mlr_evaluate_error_quark ())

typedef enum {
  MLR_EVALUATE_ERROR_EMPTY,      /* no scores */
  MLR_EVALUATE_ERROR_VALUES,     /* a label not 0/1, a score not in [0, 1] */
  MLR_EVALUATE_ERROR_ONE_CLASS,  /* only positives or only negatives */
  MLR_EVALUATE_ERROR_TOO_LARGE,  /* more than MLR_SCORES_MAX */
} MlrEvaluateError;

#define MLR_SCORES_MAX 10000000

/* log loss clips scores to [MLR_LOG_LOSS_EPS, 1 − MLR_LOG_LOSS_EPS] (scikit-learn 1.2) */
#define MLR_LOG_LOSS_EPS 2.220446049250313e-16

#define MLR_ECE_MAX_BINS 1000

typedef struct {
  guint tp;
  guint fp;
  guint tn;
  guint fn;
} MlrConfusion;

typedef struct {
  double   a;           /* slope: p = σ(a·s + b) */
  double   b;           /* intercept */
  double   objective;   /* the smoothed-target log-likelihood loss at (a, b), a sum over cases */
  guint    iterations;  /* Newton steps taken */
  gboolean converged;   /* the gradient reached its tolerance, or no step lowers the loss */
} MlrPlatt;

typedef struct _MlrScores MlrScores;

GQuark      mlr_evaluate_error_quark         (void);

MlrScores  *mlr_scores_new                   (const double       *scores,
                                              const guint8       *labels,
                                              guint               n,
                                              GError            **error);
MlrScores  *mlr_scores_new_calibrated        (const MlrScores    *raw,
                                              const MlrPlatt     *platt);
void        mlr_scores_free                  (MlrScores          *self);

guint       mlr_scores_get_n                 (const MlrScores    *self);
guint       mlr_scores_get_n_positive        (const MlrScores    *self);
guint       mlr_scores_get_n_negative        (const MlrScores    *self);

/* the distinct scores, highest first, and the counts at or above each */
guint       mlr_scores_get_n_groups          (const MlrScores    *self);
double      mlr_scores_get_group_score       (const MlrScores    *self,
                                              guint               g);
void        mlr_scores_get_flagged           (const MlrScores    *self,
                                              guint               k,
                                              guint              *tp,
                                              guint              *fp);
guint       mlr_scores_count_at_or_above     (const MlrScores    *self,
                                              double              threshold);
double      mlr_scores_threshold_for_groups  (const MlrScores    *self,
                                              guint               k);

double      mlr_scores_auc                   (const MlrScores    *self);
double      mlr_scores_average_precision     (const MlrScores    *self);
double      mlr_scores_brier                 (const MlrScores    *self);
double      mlr_scores_log_loss              (const MlrScores    *self);
guint       mlr_ece_bin                      (double              score,
                                              guint               n_bins);
double      mlr_scores_reliability           (const MlrScores    *self,
                                              guint               n_bins,
                                              double             *mean_score,
                                              double             *mean_label,
                                              guint              *count);
double      mlr_scores_ece                   (const MlrScores    *self,
                                              guint               n_bins);

void        mlr_scores_confusion             (const MlrScores    *self,
                                              double              threshold,
                                              MlrConfusion       *out);
double      mlr_scores_cost_optimal          (const MlrScores    *self,
                                              double              cost_fp,
                                              double              cost_fn,
                                              double             *cost);
void        mlr_scores_histogram             (const MlrScores    *self,
                                              guint               n_bins,
                                              guint              *negatives,
                                              guint              *positives);

double      mlr_confusion_precision          (const MlrConfusion *c);
double      mlr_confusion_recall             (const MlrConfusion *c);
double      mlr_confusion_f1                 (const MlrConfusion *c);
double      mlr_confusion_fpr                (const MlrConfusion *c);
double      mlr_confusion_cost               (const MlrConfusion *c,
                                              double              cost_fp,
                                              double              cost_fn);

void        mlr_scores_fit_platt             (const MlrScores    *self,
                                              MlrPlatt           *out);
double      mlr_platt_apply                  (const MlrPlatt     *platt,
                                              double              score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrScores, mlr_scores_free)

G_END_DECLS
