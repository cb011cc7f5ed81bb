/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-serving-state: the state of the "serving" demo — latency, throughput and batching of a
 * model server (the simulation and its batching rule are in mlr-serving.h). It holds one run
 * for the parameters (its summary, a histogram of latencies, the first arrivals traced for
 * the live queue and a playhead in them) and a sweep: p99 latency at 18 offered loads from
 * 0.1 to 1.1 of the capacity, each a run of MLR_SERVING_SWEEP_REQUESTS with the same other
 * parameters. A new state runs both. Changing a parameter runs the run again (a few
 * milliseconds); the sweep does not depend on the rate or the number of requests, and for any
 * other key it is kept, marked stale, until the widget installs one computed on a worker
 * thread (about 20 ms): never on the paint path, never blocking a frame. The widget also
 * makes a run of more than MLR_SERVING_SYNC_REQUESTS on a worker thread (up to 1,000,000
 * requests, ~140 ms): the last run stays shown, and stale, until the new one is installed.
 * Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"
#include "mlr-serving.h"

G_BEGIN_DECLS

#define MLR_SERVING_HIST_BINS 40
#define MLR_SERVING_SWEEP_POINTS 18
#define MLR_SERVING_SWEEP_REQUESTS 10000
#define MLR_SERVING_TRACE_ARRIVALS 240
/* The largest run a deferred state makes in apply_param (about 4 ms of CPU); larger ones go
 * to a worker thread. */
#define MLR_SERVING_SYNC_REQUESTS 30000

typedef struct _MlrServingState MlrServingState;
typedef struct _MlrServingRun MlrServingRun;

const MlrParamSpec *mlr_serving_state_param_specs   (guint                 *n_specs);
const char * const *mlr_serving_state_metric_names  (void);

MlrServingState    *mlr_serving_state_new           (const MlrParams       *params,
                                                     GError               **error);
gboolean            mlr_serving_state_check         (const MlrParams       *params,
                                                     GError               **error);
gboolean            mlr_serving_state_apply_param   (MlrServingState       *self,
                                                     const MlrParams       *params,
                                                     const char            *key,
                                                     GError               **error);
void                mlr_serving_state_free          (MlrServingState       *self);

const MlrServingConfig  *mlr_serving_state_get_config  (const MlrServingState *self);
const MlrServingSummary *mlr_serving_state_get_summary (const MlrServingState *self);
const MlrServingTrace   *mlr_serving_state_get_trace   (const MlrServingState *self);
double              mlr_serving_state_get_capacity  (const MlrServingState *self);
double              mlr_serving_state_get_load      (const MlrServingState *self);
const double       *mlr_serving_state_get_histogram (const MlrServingState *self,
                                                     double                *hist_max_ms,
                                                     guint                 *beyond);
const double       *mlr_serving_state_get_sweep     (const MlrServingState *self,
                                                     const double         **p99_ms,
                                                     guint                 *n_points);

gboolean            mlr_serving_state_sweep_is_stale (const MlrServingState *self);
gboolean            mlr_serving_state_install_sweep (MlrServingState       *self,
                                                     const MlrServingConfig *config,
                                                     const double          *p99_ms);
void                mlr_serving_state_update_sweep  (MlrServingState       *self);
void                mlr_serving_sweep_compute       (const MlrServingConfig *config,
                                                     double                *p99_ms);
const double       *mlr_serving_sweep_loads         (void);

void                mlr_serving_state_set_deferred  (MlrServingState       *self,
                                                     gboolean               deferred);
gboolean            mlr_serving_state_run_is_stale  (const MlrServingState *self);
const MlrServingConfig *mlr_serving_state_get_wanted_config (const MlrServingState *self);
gboolean            mlr_serving_state_install_run   (MlrServingState       *self,
                                                     MlrServingRun         *run);
void                mlr_serving_state_update_run    (MlrServingState       *self);
MlrServingRun      *mlr_serving_run_compute         (const MlrServingConfig *config);
void                mlr_serving_run_free            (MlrServingRun         *run);

double              mlr_serving_state_get_cursor    (const MlrServingState *self);
void                mlr_serving_state_set_cursor    (MlrServingState       *self,
                                                     double                 time_ms);
guint               mlr_serving_state_queue_at      (const MlrServingState *self,
                                                     double                 time_ms);

void                mlr_serving_state_collect_metrics (const MlrServingState *self,
                                                     MlrMetricFunc          func,
                                                     gpointer               user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrServingState, mlr_serving_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrServingRun, mlr_serving_run_free)

G_END_DECLS
