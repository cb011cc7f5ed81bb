/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-serving.h"

#include <math.h>
#include <string.h>

#include "mlr-params.h"
#include "mlr-rng.h"

/**
 * mlr_serving_config_check:
 * Whether @config describes a run this module can make: every number finite and in its range
 * (see the header), and a batch that takes some time. The error names the valid range.
 */
gboolean
mlr_serving_config_check (const MlrServingConfig  *config,
                          GError                 **error)
{
#define REFUSE(...) G_STMT_START { \
    g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE, __VA_ARGS__); \
    return FALSE; } G_STMT_END

  if (!isfinite (config->rate) || config->rate <= 0)
    REFUSE ("rate must be a finite number of requests per second above 0");
  if (config->replicas < 1 || config->replicas > MLR_SERVING_MAX_REPLICAS)
    REFUSE ("replicas must be 1 to %d", MLR_SERVING_MAX_REPLICAS);
  if (config->max_batch < 1 || config->max_batch > MLR_SERVING_MAX_BATCH)
    REFUSE ("max_batch must be 1 to %d", MLR_SERVING_MAX_BATCH);
  if (!isfinite (config->batch_timeout_ms) || config->batch_timeout_ms < 0)
    REFUSE ("batch_timeout_ms must be a finite number of milliseconds, 0 or more");
  if (!isfinite (config->overhead_ms) || config->overhead_ms < 0 ||
      !isfinite (config->per_item_ms) || config->per_item_ms < 0)
    REFUSE ("overhead_ms and per_item_ms must be finite numbers of milliseconds, 0 or more");
  if (config->overhead_ms + config->per_item_ms < 1e-3)
    REFUSE ("a batch must take some time: overhead_ms + per_item_ms must be at least 0.001");
  if (config->queue_cap < 1 || config->queue_cap > MLR_SERVING_MAX_QUEUE)
    REFUSE ("queue_cap must be 1 to %d", MLR_SERVING_MAX_QUEUE);
  if (config->requests < 1 || config->requests > MLR_SERVING_MAX_REQUESTS)
    REFUSE ("requests must be 1 to %d", MLR_SERVING_MAX_REQUESTS);
  return TRUE;
#undef REFUSE
}

/**
 * mlr_serving_capacity:
 * The most requests per second the replicas can serve: every batch full,
 * replicas × max_batch / (overhead_ms + per_item_ms × max_batch) × 1000. Offered load is the
 * rate divided by this; with max_batch = 1 it is the utilisation ρ = λ / (c μ).
 */
double
mlr_serving_capacity (const MlrServingConfig *config)
{
  double batch_ms = config->overhead_ms + config->per_item_ms * config->max_batch;

  return config->replicas * config->max_batch * 1000.0 / batch_ms;
}

static inline double
exponential (MlrRng *rng,
             double  mean)
{
  /* 1 − u is in (0, 1]: never log (0) */
  return -mean * log (1.0 - mlr_rng_uniform (rng));
}

static void
trace_step (MlrServingTrace *trace,
            double           now,
            guint            queue)
{
  MlrServingStep step = { now, queue };

  if (trace != NULL && now <= trace->end_ms)
    g_array_append_val (trace->steps, step);
}

/**
 * mlr_serving_simulate:
 * Runs @config (checked first) and fills @summary. With @trace (from
 * mlr_serving_trace_init()), records the queue and the batches of its first arrivals. With
 * @latencies, hands over the completed requests' latencies in ms (summary->completed of
 * them, in no particular order; g_free() them).
 *
 * Events in time order: the next arrival, or the next batch (the batcher's rule, see the
 * header); an arrival that ties with a batch goes first and joins it. Both kinds are at most
 * config->requests, so the loop ends.
 */
gboolean
mlr_serving_simulate (const MlrServingConfig  *config,
                      MlrServingSummary       *summary,
                      MlrServingTrace         *trace,
                      double                 **latencies,
                      GError                 **error)
{
  guint n = config->requests, cap = config->queue_cap, R = config->replicas;
  guint B = config->max_batch;
  double mean_gap = 1000.0 / config->rate;
  double free_at[MLR_SERVING_MAX_REPLICAS] = { 0 };
  g_autofree double *queue = NULL;
  double *lat;
  guint head = 0, qlen = 0, arrived = 0, done = 0;
  double next_arrival, now = 0, busy = 0, sum = 0, last = 0, worst = 0;
  MlrRng rng, service_rng;

  memset (summary, 0, sizeof *summary);
  if (!mlr_serving_config_check (config, error))
    return FALSE;
  /* arrivals and service times from two streams: runs that differ only in the rate see the
   * same service times and the same arrivals, scaled (common random numbers), so a sweep over
   * the load is a smooth curve, not noise */
  mlr_rng_init (&rng, config->seed);
  mlr_rng_init (&service_rng, config->seed ^ G_GUINT64_CONSTANT (0x5e5d1ce0f5e7a1ce));
  queue = g_new (double, cap);
  lat = g_new (double, n);
  next_arrival = exponential (&rng, mean_gap);
  if (trace != NULL)
    {
      g_array_set_size (trace->steps, 0);
      g_array_set_size (trace->batches, 0);
      trace->rejected = 0;
      trace->end_ms = INFINITY;
      trace_step (trace, 0, 0);
    }

  while (arrived < n || qlen > 0)
    {
      double dispatch = INFINITY;
      guint r = 0;

      if (qlen > 0)
        {
          for (guint i = 1; i < R; i++)
            if (free_at[i] < free_at[r])
              r = i;
          if (qlen >= B)
            dispatch = MAX (free_at[r], now);
          else
            dispatch = MAX (MAX (free_at[r], queue[head] + config->batch_timeout_ms), now);
        }

      if (arrived < n && next_arrival <= dispatch)
        {
          now = next_arrival;
          if (qlen >= cap)
            {
              summary->rejected++;
              if (trace != NULL && arrived < trace->arrivals)
                trace->rejected++;
            }
          else
            {
              queue[(head + qlen) % cap] = now;
              qlen++;
            }
          arrived++;
          if (trace != NULL && arrived == trace->arrivals)
            trace->end_ms = now;
          trace_step (trace, now, qlen);
          next_arrival = arrived < n ? now + exponential (&rng, mean_gap) : INFINITY;
        }
      else
        {
          guint k = MIN (qlen, B);
          double service = config->overhead_ms + config->per_item_ms * k;
          double end;

          if (config->service == MLR_SERVING_EXPONENTIAL)
            service = exponential (&service_rng, service);
          now = dispatch;
          end = now + service;
          for (guint j = 0; j < k; j++)
            {
              double l = end - queue[head];

              lat[done++] = l;
              sum += l;
              worst = MAX (worst, l);
              head = (head + 1) % cap;
            }
          qlen -= k;
          free_at[r] = end;
          busy += service;
          last = MAX (last, end);
          summary->batches++;
          if (trace != NULL && now <= trace->end_ms)
            {
              MlrServingBatch batch = { now, end, r, k };
              g_array_append_val (trace->batches, batch);
            }
          trace_step (trace, now, qlen);
        }
    }
  if (trace != NULL && !isfinite (trace->end_ms))
    trace->end_ms = now;

  summary->completed = done;
  summary->span_ms = last;
  summary->mean_ms = done > 0 ? sum / done : 0;
  summary->max_ms = worst;
  summary->mean_batch = summary->batches > 0 ? (double) done / summary->batches : 0;
  summary->throughput = last > 0 ? done * 1000.0 / last : 0;
  summary->utilization = last > 0 ? busy / (R * last) : 0;
  summary->p50_ms = mlr_serving_quantile (lat, done, 0.50);
  summary->p95_ms = mlr_serving_quantile (lat, done, 0.95);
  summary->p99_ms = mlr_serving_quantile (lat, done, 0.99);
  if (latencies != NULL)
    *latencies = lat;
  else
    g_free (lat);
  return TRUE;
}

void
mlr_serving_trace_init (MlrServingTrace *trace,
                        guint            arrivals)
{
  trace->arrivals = MAX (arrivals, 1);
  trace->end_ms = 0;
  trace->rejected = 0;
  trace->steps = g_array_new (FALSE, FALSE, sizeof (MlrServingStep));
  trace->batches = g_array_new (FALSE, FALSE, sizeof (MlrServingBatch));
}

void
mlr_serving_trace_clear (MlrServingTrace *trace)
{
  g_clear_pointer (&trace->steps, g_array_unref);
  g_clear_pointer (&trace->batches, g_array_unref);
}

/* The @k-th smallest of values[lo..hi) (0-based over the whole array), reordering them:
 * quickselect with a three-way partition, so a run of equal latencies (deterministic service
 * at low load) costs one pass, not n. */
static double
select_kth (double *v,
            gsize   lo,
            gsize   hi,
            gsize   k)
{
  while (hi - lo > 1)
    {
      double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
      double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      gsize lt = lo, i = lo, gt = hi;

      while (i < gt)
        {
          double x = v[i];
          if (x < pivot)
            {
              v[i++] = v[lt];
              v[lt++] = x;
            }
          else if (x > pivot)
            {
              v[i] = v[--gt];
              v[gt] = x;
            }
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return pivot;
    }
  return v[k];
}

/**
 * mlr_serving_quantile:
 * The @p quantile (0 ≤ p ≤ 1) of @n values, interpolated linearly between the order
 * statistics at p (n − 1) as numpy.quantile does by default; reorders @values. 0 for n = 0.
 */
double
mlr_serving_quantile (double *values,
                      gsize   n,
                      double  p)
{
  double h, lo_value, hi_value;
  gsize k;

  if (n == 0)
    return 0;
  p = CLAMP (p, 0, 1);
  h = p * (n - 1);
  k = (gsize) floor (h);
  lo_value = select_kth (values, 0, n, k);
  if (k + 1 >= n || h == k)
    return lo_value;
  /* after the selection everything right of k is at least v[k]: the next order statistic is
   * their minimum */
  hi_value = values[k + 1];
  for (gsize i = k + 2; i < n; i++)
    hi_value = MIN (hi_value, values[i]);
  return lo_value + (h - k) * (hi_value - lo_value);
}
