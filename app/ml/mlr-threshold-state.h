/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-threshold-state: the state of the "threshold" demo — a classifier's scores for n cases,
 * a threshold that calls a case positive when its score is >= T, and what that choice costs.
 *
 * The scores are generated or imported. Generated: a share `positives` of the n cases are
 * positive (exactly round(n · share), at least one of each class); each case has a latent
 * log-odds z drawn from N(+separation/2, spread²) for positives and N(−separation/2, spread²)
 * for negatives, and its score is σ(z) = 1/(1 + e^−z), in (0, 1). Such scores are calibrated
 * only when separation = spread² and the classes are balanced (then the true log-odds is z);
 * otherwise they are over- or underconfident, which the reliability diagram shows. Imported:
 * a CSV of label,score read by the widget (mlr_threshold_state_set_scores()).
 *
 * With `calibrate` on, every number is about the recalibrated scores σ(a·s + b) of Platt
 * scaling (mlr_scores_fit_platt()), fitted on the same scores it is judged on (in-sample,
 * which flatters it a little); the threshold applies to the scores in use.
 *
 * What it reports (mlr-evaluate.h has the definitions, scikit-learn's): auc,
 * average_precision, brier, log_loss, ece (with `bins` equal-width bins), and at the
 * threshold precision, recall, f1, fpr. The cost-optimal threshold for the costs of a false
 * positive and a false negative is mlr_scores_cost_optimal()'s.
 *
 * Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-evaluate.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_THRESHOLD_MAX_N 100000
#define MLR_THRESHOLD_MAX_BINS 50
/* the histogram's bins over [0, 1] (a painter may merge them in pairs) */
#define MLR_THRESHOLD_HIST_BINS 40

/* A curve for drawing: a polyline thinned so that consecutive points differ by at least
 * MLR_CURVE_RESOLUTION of an axis (the last point always kept). */
#define MLR_CURVE_RESOLUTION (1.0 / 2048)

typedef struct {
  guint   n;
  double *x;
  double *y;
} MlrCurve;

typedef struct _MlrThresholdState MlrThresholdState;

const MlrParamSpec *mlr_threshold_state_param_specs     (guint                    *n_specs);
const char * const *mlr_threshold_state_metric_names    (void);

MlrThresholdState  *mlr_threshold_state_new             (const MlrParams          *params,
                                                         GError                  **error);
gboolean            mlr_threshold_state_check           (const MlrParams          *params,
                                                         GError                  **error);
void                mlr_threshold_state_free            (MlrThresholdState        *self);
gboolean            mlr_threshold_state_apply_param     (MlrThresholdState        *self,
                                                         const MlrParams          *params,
                                                         const char               *key,
                                                         GError                  **error);
gboolean            mlr_threshold_state_param_relevant  (const MlrThresholdState  *self,
                                                         const char               *key);
void                mlr_threshold_state_collect_metrics (const MlrThresholdState  *self,
                                                         MlrMetricFunc             func,
                                                         gpointer                  user_data);

gboolean            mlr_threshold_state_set_scores      (MlrThresholdState        *self,
                                                         const double             *scores,
                                                         const guint8             *labels,
                                                         guint                     n,
                                                         const char               *name,
                                                         GError                  **error);
gboolean            mlr_threshold_state_use_generated   (MlrThresholdState        *self);
const char         *mlr_threshold_state_get_source_name (const MlrThresholdState  *self);

/* the scores in use (raw, or recalibrated when `calibrate` is on), and the raw ones */
const MlrScores    *mlr_threshold_state_get_scores      (const MlrThresholdState  *self);
const MlrScores    *mlr_threshold_state_get_raw_scores  (const MlrThresholdState  *self);
gboolean            mlr_threshold_state_get_calibrate   (const MlrThresholdState  *self);
const MlrPlatt     *mlr_threshold_state_get_platt       (const MlrThresholdState  *self);

double              mlr_threshold_state_get_threshold   (const MlrThresholdState  *self);
void                mlr_threshold_state_get_confusion   (const MlrThresholdState  *self,
                                                         MlrConfusion             *out);
void                mlr_threshold_state_get_costs       (const MlrThresholdState  *self,
                                                         double                   *cost_fp,
                                                         double                   *cost_fn);
double              mlr_threshold_state_get_optimal     (const MlrThresholdState  *self,
                                                         double                   *cost);
guint               mlr_threshold_state_get_bins        (const MlrThresholdState  *self);
void                mlr_threshold_state_get_reliability (const MlrThresholdState  *self,
                                                         gboolean                  raw,
                                                         const double            **mean_score,
                                                         const double            **mean_label,
                                                         const guint             **count);

guint64             mlr_threshold_state_get_generation  (const MlrThresholdState  *self);
const MlrCurve     *mlr_threshold_state_get_roc_curve   (const MlrThresholdState  *self);
const MlrCurve     *mlr_threshold_state_get_pr_curve    (const MlrThresholdState  *self);
void                mlr_threshold_state_get_histogram   (const MlrThresholdState  *self,
                                                         const guint             **negatives,
                                                         const guint             **positives);

double              mlr_threshold_state_get_auc         (const MlrThresholdState  *self);
double              mlr_threshold_state_get_average_precision (const MlrThresholdState *self);
double              mlr_threshold_state_get_brier       (const MlrThresholdState  *self);
double              mlr_threshold_state_get_log_loss    (const MlrThresholdState  *self);
double              mlr_threshold_state_get_ece         (const MlrThresholdState  *self,
                                                         gboolean                  raw);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrThresholdState, mlr_threshold_state_free)

G_END_DECLS
