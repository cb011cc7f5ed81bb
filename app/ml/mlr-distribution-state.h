/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-distribution-state: the state of the "distribution" demo. One distribution (normal,
 * uniform, exponential, binomial, Poisson, beta, log-normal) with its exact mean, variance,
 * density or mass and CDF at a point x; and draws from it with the seeded generator, one at
 * a time so a widget can animate them:
 *
 *  - mode "sample": `samples` draws, binned into a histogram over the density;
 *  - mode "clt": `samples` means of n draws each, binned, with the normal of sd σ/√n the
 *    central limit theorem predicts for them.
 *
 * A change of parameters draws the samples again from the seed, as far as they had got. A
 * widget can ask for that to happen over several frames (set_apply_budget, catch_up).
 *
 * The histogram's bins are fixed by the parameters (their number by Rice's rule on
 * `samples`, their edges on the support's ends, whole numbers for the discrete kinds and
 * multiples of 1/n for their means), so drawing more never moves them. Every draw is kept
 * only as counts and running moments (Welford): memory does not grow with the draws.
 *
 * Guards: at most MLR_DISTRIBUTION_MAX_DRAWS draws a state (in mode clt, n × samples;
 * `new` and `check` refuse more, apply_param lowers samples to fit, as the demo's controls
 * do); the uniform needs a < b (a control's end stops 0.1 short of the other); the
 * log-normal keeps |mu| <= 10 and sigma <= 3 so its mean and variance stay finite (the
 * controls clamp to that). Plain C + GLib: no drawing here.
 */
#pragma once

#include <glib.h>

#include "mlr-distribution.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_DISTRIBUTION_STATE_ERROR (mlr_distribution_state_error_quark ())

typedef enum {
  MLR_DISTRIBUTION_STATE_ERROR_INVALID,   /* parameters that do not fit together */
  MLR_DISTRIBUTION_STATE_ERROR_TOO_LARGE, /* more draws than a state makes */
} MlrDistributionStateError;

typedef enum {
  MLR_DISTRIBUTION_MODE_SAMPLE,  /* draws from the distribution */
  MLR_DISTRIBUTION_MODE_CLT,     /* means of n draws */
} MlrDistributionMode;

#define MLR_DISTRIBUTION_MAX_DRAWS     1000000
#define MLR_DISTRIBUTION_MAX_SAMPLES   100000
#define MLR_DISTRIBUTION_MAX_N         10000
#define MLR_DISTRIBUTION_MAX_TRIALS    1000000000
#define MLR_DISTRIBUTION_LOGNORMAL_MAX_MU    10
#define MLR_DISTRIBUTION_LOGNORMAL_MAX_SIGMA 3

typedef struct _MlrDistributionState MlrDistributionState;

GQuark               mlr_distribution_state_error_quark  (void);

const MlrParamSpec  *mlr_distribution_state_param_specs  (guint                      *n_specs);
const char * const  *mlr_distribution_state_metric_names (void);

MlrDistributionState *mlr_distribution_state_new         (const MlrParams            *params,
                                                          GError                    **error);
gboolean             mlr_distribution_state_check        (const MlrParams            *params,
                                                          GError                    **error);
void                 mlr_distribution_state_free         (MlrDistributionState       *self);

void                 mlr_distribution_state_read_params  (const MlrDistributionState *self,
                                                          MlrParams                  *params);
gboolean             mlr_distribution_state_apply_param  (MlrDistributionState       *self,
                                                          const MlrParams            *params,
                                                          const char                 *key,
                                                          GError                    **error);
gboolean             mlr_distribution_state_param_relevant (const MlrDistributionState *self,
                                                          const char                 *key);
void                 mlr_distribution_state_collect_metrics (const MlrDistributionState *self,
                                                          MlrMetricFunc               func,
                                                          gpointer                    user_data);

/* What it shows */
const MlrDistribution *mlr_distribution_state_get_distribution (const MlrDistributionState *self);
MlrDistributionMode  mlr_distribution_state_get_mode     (const MlrDistributionState *self);
double               mlr_distribution_state_get_mean     (const MlrDistributionState *self);
double               mlr_distribution_state_get_variance (const MlrDistributionState *self);
double               mlr_distribution_state_get_x        (const MlrDistributionState *self);
void                 mlr_distribution_state_set_x        (MlrDistributionState       *self,
                                                          double                      x);
double               mlr_distribution_state_get_pdf      (const MlrDistributionState *self);
double               mlr_distribution_state_get_cdf      (const MlrDistributionState *self);
void                 mlr_distribution_state_get_view     (const MlrDistributionState *self,
                                                          double                     *lo,
                                                          double                     *hi);
void                 mlr_distribution_state_get_means_view (const MlrDistributionState *self,
                                                          double                     *lo,
                                                          double                     *hi);
double               mlr_distribution_state_x_step       (const MlrDistributionState *self);
guint                mlr_distribution_state_get_n        (const MlrDistributionState *self);
double               mlr_distribution_state_get_clt_sd   (const MlrDistributionState *self);

/* The histogram of what is drawn: samples, or means in mode clt */
guint                mlr_distribution_state_get_n_bins   (const MlrDistributionState *self);
void                 mlr_distribution_state_get_bins     (const MlrDistributionState *self,
                                                          double                     *lo,
                                                          double                     *width);
const guint         *mlr_distribution_state_get_counts   (const MlrDistributionState *self);
void                 mlr_distribution_state_get_outside  (const MlrDistributionState *self,
                                                          guint                      *below,
                                                          guint                      *above);

/* Drawing, one sample (or one mean) a step */
guint                mlr_distribution_state_get_samples  (const MlrDistributionState *self);
guint                mlr_distribution_state_get_drawn    (const MlrDistributionState *self);
double               mlr_distribution_state_get_last     (const MlrDistributionState *self);
gboolean             mlr_distribution_state_step         (MlrDistributionState       *self);
guint                mlr_distribution_state_draw         (MlrDistributionState       *self,
                                                          guint                       count);
void                 mlr_distribution_state_rewind       (MlrDistributionState       *self);
void                 mlr_distribution_state_finish       (MlrDistributionState       *self);
void                 mlr_distribution_state_finish_later (MlrDistributionState       *self);
gboolean             mlr_distribution_state_catch_up     (MlrDistributionState       *self,
                                                          guint64                     max_values);
gboolean             mlr_distribution_state_is_settled   (const MlrDistributionState *self);
void                 mlr_distribution_state_set_apply_budget (MlrDistributionState   *self,
                                                          guint64                     max_values);
gboolean             mlr_distribution_state_is_finished  (const MlrDistributionState *self);
gboolean             mlr_distribution_state_get_sample_stats (const MlrDistributionState *self,
                                                          double                     *mean,
                                                          double                     *variance);
gboolean             mlr_distribution_state_get_means_stats (const MlrDistributionState *self,
                                                          double                     *mean,
                                                          double                     *sd);
gboolean             mlr_distribution_state_get_means_skewness (const MlrDistributionState *self,
                                                          double                     *skewness);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDistributionState, mlr_distribution_state_free)

G_END_DECLS
