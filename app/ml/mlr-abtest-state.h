/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-abtest-state: the state of the "ab-test" demo — an A/B test of two conversion rates,
 * A = baseline and B = baseline + lift, with n users per arm, level alpha, one or two tails.
 *
 * Power mode: the sampling distributions of the observed difference p̂_B − p̂_A under H₀ (mean 0)
 * and H₁ (mean lift), both normal with the unpooled standard error
 * se = √(p_A (1 − p_A) / n + p_B (1 − p_B) / n); the critical value z·se; the power; and the
 * smallest n per arm with 80% power (mlr-stats.h).
 *
 * Simulate mode: `runs` experiments of n users per arm (A/A when lift = 0), every user a
 * Bernoulli draw, each experiment looked at `peeks` times at equal spacing (after
 * ⌈k n / peeks⌉ users per arm, k = 1 … peeks) with the pooled two-proportion z-test, and stopped
 * at the first significant look: the share of experiments declared significant. With no
 * lift and ten looks it is about four times alpha.
 *
 * The work is bounded: at most MLR_ABTEST_MAX_USERS simulated users per arm in all, so runs
 * is cut to ⌊10⁸ / n⌋ when runs × n is larger (the picture and the description say so); that
 * is at most 2·10⁸ Bernoulli draws, about a second. Simulating is split from the state so it
 * can run off the UI thread: mlr_abtest_state_new_job() snapshots the parameters,
 * mlr_abtest_job_run() simulates on any thread (and stops early when cancelled), and
 * mlr_abtest_state_take_sim() installs the result if the parameters still match.
 *
 * Ranges: baseline and baseline + lift in [0.001, 0.999]; n 2 to 10⁸; alpha 0.0001 to 0.5;
 * peeks 1 to 100; runs 1 to 100,000. A new state refuses a baseline + lift outside the range;
 * a change of one key (the widget's sliders) is clamped instead so the other key's rate stays
 * valid, and read back. Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_ABTEST_MIN_RATE   0.001
#define MLR_ABTEST_MAX_RATE   0.999
#define MLR_ABTEST_MAX_N      100000000
#define MLR_ABTEST_MAX_PEEKS  100
#define MLR_ABTEST_MAX_RUNS   100000
#define MLR_ABTEST_MAX_USERS  100000000.0   /* runs × n, simulated users per arm */
#define MLR_ABTEST_POWER_GOAL 0.8

typedef enum {
  MLR_ABTEST_MODE_POWER,
  MLR_ABTEST_MODE_SIMULATE,
} MlrAbtestMode;

/* What one simulation found. */
typedef struct {
  guint    runs;             /* experiments simulated (runs after the work bound) */
  guint    peeks;
  guint    positives;        /* declared significant at some look */
  guint    final_positives;  /* significant at the last look: the same runs, not peeking */
  guint    stopped_at[MLR_ABTEST_MAX_PEEKS];  /* [k]: first significant at look k + 1 */
  double   first_z;          /* run 1's z at the look it stopped (its last if it did not) */
  double   first_p;          /* and its p-value */
  guint    first_look;       /* 1-based */
  gboolean first_significant;
  double   ms;               /* wall time of the simulation */
  guint64  key;              /* which parameters it is for (the state compares it) */
} MlrAbtestSim;

typedef struct _MlrAbtestState MlrAbtestState;
typedef struct _MlrAbtestJob MlrAbtestJob;

const MlrParamSpec *mlr_abtest_state_param_specs    (guint                *n_specs);
const char * const *mlr_abtest_state_metric_names   (void);

MlrAbtestState     *mlr_abtest_state_new            (const MlrParams      *params,
                                                     GError              **error);
gboolean            mlr_abtest_state_check          (const MlrParams      *params,
                                                     GError              **error);
void                mlr_abtest_state_free           (MlrAbtestState       *self);
gboolean            mlr_abtest_state_apply_param    (MlrAbtestState       *self,
                                                     const MlrParams      *params,
                                                     const char           *key,
                                                     GError              **error);
void                mlr_abtest_state_read_params    (const MlrAbtestState *self,
                                                     MlrParams            *params);
gboolean            mlr_abtest_state_param_relevant (const MlrAbtestState *self,
                                                     const char           *key);

/* the parameters */
double              mlr_abtest_state_get_baseline   (const MlrAbtestState *self);
double              mlr_abtest_state_get_lift       (const MlrAbtestState *self);
double              mlr_abtest_state_get_rate_b     (const MlrAbtestState *self);
double              mlr_abtest_state_get_n          (const MlrAbtestState *self);
double              mlr_abtest_state_get_alpha      (const MlrAbtestState *self);
guint               mlr_abtest_state_get_tails      (const MlrAbtestState *self);
MlrAbtestMode       mlr_abtest_state_get_mode       (const MlrAbtestState *self);
guint               mlr_abtest_state_get_peeks      (const MlrAbtestState *self);
guint               mlr_abtest_state_get_runs       (const MlrAbtestState *self);
guint               mlr_abtest_state_get_seed       (const MlrAbtestState *self);

/* the analysis */
double              mlr_abtest_state_get_se         (const MlrAbtestState *self);
double              mlr_abtest_state_get_critical_z (const MlrAbtestState *self);
double              mlr_abtest_state_get_power      (const MlrAbtestState *self);
double              mlr_abtest_state_get_n_for_80   (const MlrAbtestState *self);
double              mlr_abtest_state_power_at       (const MlrAbtestState *self,
                                                     double                n);
guint               mlr_abtest_state_effective_runs (const MlrAbtestState *self);

/* simulating */
MlrAbtestJob       *mlr_abtest_state_new_job        (const MlrAbtestState *self);
MlrAbtestSim       *mlr_abtest_job_run              (MlrAbtestJob         *job);
void                mlr_abtest_job_cancel           (MlrAbtestJob         *job);
gboolean            mlr_abtest_job_is_for           (const MlrAbtestJob   *job,
                                                     const MlrAbtestState *self);
void                mlr_abtest_job_free             (MlrAbtestJob         *job);
gboolean            mlr_abtest_state_take_sim       (MlrAbtestState       *self,
                                                     MlrAbtestSim         *sim);
const MlrAbtestSim *mlr_abtest_state_get_sim        (const MlrAbtestState *self);
gboolean            mlr_abtest_state_sim_is_current (const MlrAbtestState *self);
gboolean            mlr_abtest_state_needs_sim      (const MlrAbtestState *self);
void                mlr_abtest_state_simulate_sync  (MlrAbtestState       *self);

void                mlr_abtest_state_collect_metrics (const MlrAbtestState *self,
                                                     MlrMetricFunc         func,
                                                     gpointer              user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrAbtestState, mlr_abtest_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrAbtestJob, mlr_abtest_job_free)

G_END_DECLS
