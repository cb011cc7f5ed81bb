/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-drift-state: the state of the "drift" demo — a model in production, week by week.
 *
 * The world (what it simplifies): one feature x. The labels follow a fixed logistic rule
 * P(y = 1 | x) = σ(5 (x − c)), with the boundary c = 0 in the reference window. Week 0 is the
 * reference: n values of x ~ N(0, 1) with their labels; the model is a decision stump,
 * "1 when x > t", with t fitted to the reference window for the highest accuracy. Weeks 1 … W
 * are production windows of n fresh samples each; four shifts grow linearly from nothing at
 * week 0 to the amount set at week W:
 *   - mean_shift moves the mean of x (covariate shift: P(y | x) unchanged);
 *   - spread scales the standard deviation of x from 1 to the value set (covariate shift);
 *   - mix sends that share of the traffic from a new segment, x ~ N(2.5, 0.5²) (covariate);
 *   - concept_shift moves the boundary c (concept drift: P(x) unchanged).
 * Each week reports PSI (10 bins at the reference's deciles) and the KS statistic of its x
 * against the reference's, and the model's accuracy on its labels, each with an alarm
 * threshold. Retraining at week r makes week r's window the new reference and refits the stump
 * on it; later weeks compare with that. Every week is drawn from its own seeded stream with
 * common random numbers, so moving a slider moves the same people.
 *
 * Bounds: at most 52 weeks of at most 5,000 samples (260,000 draws). The draws are kept, sorted
 * by z, so a changed shift re-scores the weeks in O(weeks × n) with no sort.
 */
#pragma once

#include <glib.h>

#include "mlr-drift.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_DRIFT_MAX_WEEKS   52
#define MLR_DRIFT_BINS        10
#define MLR_DRIFT_SLOPE       5.0   /* of the true logistic rule */
#define MLR_DRIFT_SEGMENT_MEAN 2.5
#define MLR_DRIFT_SEGMENT_SD  0.5

typedef enum {
  MLR_DRIFT_ALARM_PSI      = 1 << 0,
  MLR_DRIFT_ALARM_KS       = 1 << 1,
  MLR_DRIFT_ALARM_ACCURACY = 1 << 2,
} MlrDriftAlarm;

typedef struct {
  double psi;
  double ks_statistic;
  double accuracy;
  double threshold;     /* the model's t in force that week */
  double mean;          /* of the week's x */
  double boundary;      /* the true boundary c that week */
  guint  alarms;        /* MlrDriftAlarm bits */
} MlrDriftWeek;

typedef struct _MlrDriftState MlrDriftState;

const MlrParamSpec *mlr_drift_state_param_specs  (guint              *n_specs);
const char * const *mlr_drift_state_metric_names (void);

MlrDriftState *mlr_drift_state_new          (const MlrParams     *params,
                                             GError             **error);
gboolean       mlr_drift_state_check        (const MlrParams     *params,
                                             GError             **error);
gboolean       mlr_drift_state_apply_param  (MlrDriftState       *self,
                                             const MlrParams     *params,
                                             const char          *key,
                                             GError             **error);
void           mlr_drift_state_free         (MlrDriftState       *self);

guint          mlr_drift_state_get_weeks    (const MlrDriftState *self);
guint          mlr_drift_state_get_n        (const MlrDriftState *self);
guint          mlr_drift_state_get_retrain  (const MlrDriftState *self);
const MlrDriftWeek *mlr_drift_state_get_week (const MlrDriftState *self,
                                             guint                week);
double         mlr_drift_state_get_alarm    (const MlrDriftState *self,
                                             MlrDriftAlarm        alarm);
double         mlr_drift_state_get_amount   (const MlrDriftState *self,
                                             const char          *key);
const double  *mlr_drift_state_get_sample   (const MlrDriftState *self,
                                             guint                week,
                                             guint               *n);
const double  *mlr_drift_state_get_edges    (const MlrDriftState *self,
                                             guint                week);
guint          mlr_drift_state_first_alarm  (const MlrDriftState *self);
void           mlr_drift_state_collect_metrics (const MlrDriftState *self,
                                             MlrMetricFunc        func,
                                             gpointer             user_data);

/* Exposed for tests: the stump "1 when x > t" with the highest accuracy on @n labelled
 * values (ties: the lowest such t), t halfway between neighbours. */
double         mlr_drift_fit_stump          (const double        *x,
                                             const guint8        *y,
                                             guint                n,
                                             double              *accuracy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDriftState, mlr_drift_state_free)

G_END_DECLS
