/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-serving: a discrete-event simulation of a model server with a dynamic batcher.
 *
 * The model of the world: requests arrive as a Poisson process (independent exponential gaps)
 * at `rate` per second; they wait in one FIFO queue of at most `queue_cap` requests (an
 * arrival that finds it full is rejected and never served); `replicas` identical servers take
 * batches from the front of the queue; a batch of k requests takes `overhead_ms` +
 * `per_item_ms` × k, exactly (deterministic) or exponentially distributed with that mean.
 * There is no network, no preemption, no failure, and every request is the same size.
 *
 * The batcher's rule, as Triton's and TorchServe's dynamic batchers do it: a batch leaves the
 * queue at the first moment t when a replica is free and either
 *   - at least `max_batch` requests wait (it takes the oldest `max_batch`), or
 *   - the oldest waiting request arrived at least `batch_timeout_ms` before t (it takes all
 *     that wait, fewer than `max_batch`).
 * An arrival at the very moment of a timeout joins the batch. With max_batch = 1, or a
 * timeout of 0, a free replica takes whatever waits at once. A request's latency is the time
 * from its arrival to the end of its batch's service (queueing + batching wait + service).
 *
 * Every run is bounded: at most `requests` arrivals and as many batches, memory for the
 * queue (`queue_cap`) and the latencies (`requests`). Plain C + GLib.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_SERVING_MAX_REQUESTS 1000000
#define MLR_SERVING_MAX_REPLICAS 64
#define MLR_SERVING_MAX_BATCH    256
#define MLR_SERVING_MAX_QUEUE    1000000

typedef enum {
  MLR_SERVING_DETERMINISTIC,
  MLR_SERVING_EXPONENTIAL,
} MlrServingService;

typedef struct {
  double            rate;              /* arrivals per second, > 0 */
  guint             replicas;          /* 1 .. MLR_SERVING_MAX_REPLICAS */
  guint             max_batch;         /* 1 .. MLR_SERVING_MAX_BATCH */
  double            batch_timeout_ms;  /* >= 0 */
  double            overhead_ms;       /* >= 0 */
  double            per_item_ms;       /* >= 0, overhead_ms + per_item_ms > 0 */
  MlrServingService service;
  guint             queue_cap;         /* 1 .. MLR_SERVING_MAX_QUEUE waiting requests */
  guint             requests;          /* 1 .. MLR_SERVING_MAX_REQUESTS arrivals */
  guint64           seed;
} MlrServingConfig;

/* What one run measured. Latencies are over the completed requests; quantiles interpolate
 * linearly between order statistics (NumPy's default). */
typedef struct {
  guint  completed;
  guint  rejected;
  guint  batches;
  double mean_ms;
  double p50_ms;
  double p95_ms;
  double p99_ms;
  double max_ms;
  double span_ms;       /* from time 0 to the last completion */
  double throughput;    /* completed requests per second over the span */
  double utilization;   /* busy replica time / (replicas × span) */
  double mean_batch;    /* completed / batches */
} MlrServingSummary;

/* One batch on one replica, for the live picture. */
typedef struct {
  double start_ms;
  double end_ms;
  guint  replica;
  guint  size;
} MlrServingBatch;

/* The queue length after each change, for the live picture. */
typedef struct {
  double time_ms;
  guint  queue;
} MlrServingStep;

/* What happened in the first `arrivals` arrivals of a run: the window [0, end_ms], end_ms the
 * last of those arrivals; the queue's steps and the batches that started in it. */
typedef struct {
  guint   arrivals;       /* asked for */
  double  end_ms;
  GArray *steps;          /* MlrServingStep, time order */
  GArray *batches;        /* MlrServingBatch, start order */
  guint   rejected;       /* of the first `arrivals` */
} MlrServingTrace;

gboolean  mlr_serving_config_check   (const MlrServingConfig *config,
                                      GError                **error);
double    mlr_serving_capacity       (const MlrServingConfig *config);
gboolean  mlr_serving_simulate       (const MlrServingConfig *config,
                                      MlrServingSummary      *summary,
                                      MlrServingTrace        *trace,
                                      double                **latencies,
                                      GError                **error);
void      mlr_serving_trace_init     (MlrServingTrace        *trace,
                                      guint                   arrivals);
void      mlr_serving_trace_clear    (MlrServingTrace        *trace);
double    mlr_serving_quantile       (double                 *values,
                                      gsize                   n,
                                      double                  p);

G_END_DECLS
