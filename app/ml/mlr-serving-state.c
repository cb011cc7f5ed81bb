/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-serving-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* One run for a configuration: what the state shows of it. */
struct _MlrServingRun
{
  MlrServingConfig  config;
  MlrServingSummary summary;
  MlrServingTrace   trace;

  double            hist[MLR_SERVING_HIST_BINS];   /* share of completed requests */
  double            hist_max_ms;
  guint             beyond;                        /* requests slower than hist_max_ms */
};

struct _MlrServingState
{
  MlrServingRun     run;           /* the run shown */
  MlrServingConfig  wanted;        /* the parameters: the run's, or newer ones (run_stale) */
  gboolean          run_stale;     /* a large run for `wanted` is left to a worker thread */
  gboolean          deferred;      /* whether large runs are left to a worker thread */
  double            cursor_ms;

  double            sweep_load[MLR_SERVING_SWEEP_POINTS];
  double            sweep_p99[MLR_SERVING_SWEEP_POINTS];
  MlrServingConfig  sweep_config;  /* what the sweep was made for */
  gboolean          sweep_stale;   /* for older parameters, until a new one is installed */
};

static const double sweep_loads[MLR_SERVING_SWEEP_POINTS] = {
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 1.0, 1.05,
  1.1,
};

static const char * const service_choices[] = { "deterministic", "exponential", NULL };
static const char * const service_titles[] = { N_("Deterministic"), N_("Exponential"), NULL };
static const char * const service_help[] = {
  N_("Every batch of k takes exactly overhead + k × per item"),
  N_("A batch of k takes an exponentially distributed time with mean overhead + k × per item "
     "(with one replica and batches of one: the M/M/1 queue)"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "rate", .type = MLR_PARAM_NUMBER, .default_value = "400", .min = 0.01, .max = 1e6,
    .help = N_("Arrivals per second, a Poisson process (0.01 to 1,000,000; log scale)"),
    .label = N_("Rate (req/s)"), .ui = MLR_PARAM_UI_LOG, .ui_min = 10, .ui_max = 10000 },
  { .key = "replicas", .type = MLR_PARAM_INT, .default_value = "1", .min = 1,
    .max = MLR_SERVING_MAX_REPLICAS,
    .help = N_("Identical servers taking batches from one shared queue (1 to 64)"),
    .label = N_("Replicas") },
  { .key = "max_batch", .type = MLR_PARAM_INT, .default_value = "8", .min = 1,
    .max = MLR_SERVING_MAX_BATCH,
    .help = N_("The most requests a replica serves together (1 to 256): a free replica takes "
               "this many at once when they wait"),
    .label = N_("Max batch") },
  { .key = "batch_timeout_ms", .type = MLR_PARAM_NUMBER, .default_value = "5", .min = 0,
    .max = 10000,
    .help = N_("With fewer than max batch waiting, a free replica waits until the oldest has "
               "waited this long, then takes them all (0 to 10,000 ms; 0 = never wait)"),
    .label = N_("Batch timeout (ms)"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0, .ui_max = 50,
    .ui_step = 0.5, .digits = 1 },
  { .key = "overhead_ms", .type = MLR_PARAM_NUMBER, .default_value = "5", .min = 0,
    .max = 10000,
    .help = N_("The fixed cost of one batch, whatever its size (0 to 10,000 ms)"),
    .label = N_("Overhead (ms)"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0, .ui_max = 50,
    .ui_step = 0.5, .digits = 1, .row = 1 },
  { .key = "per_item_ms", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0,
    .max = 10000,
    .help = N_("The extra cost of each request in a batch (0 to 10,000 ms; overhead + per item "
               "must be at least 0.001 ms)"),
    .label = N_("Per item (ms)"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0, .ui_max = 20,
    .ui_step = 0.1, .digits = 1, .row = 1 },
  { .key = "service", .type = MLR_PARAM_CHOICE, .default_value = "exponential",
    .choices = service_choices, .choice_titles = service_titles, .choice_help = service_help,
    .help = N_("How long a batch takes: exactly its mean, or exponential with that mean"),
    .label = N_("Service time"), .row = 1 },
  { .key = "queue_cap", .type = MLR_PARAM_INT, .default_value = "1000", .min = 1,
    .max = MLR_SERVING_MAX_QUEUE,
    .help = N_("The most requests that may wait (1 to 1,000,000); an arrival that finds the "
               "queue full is rejected"),
    .label = N_("Queue cap"), .more = TRUE },
  { .key = "requests", .type = MLR_PARAM_INT, .default_value = "20000", .min = 100,
    .max = MLR_SERVING_MAX_REQUESTS,
    .help = N_("How many arrivals the run simulates (100 to 1,000,000)"),
    .label = N_("Requests"), .ui_min = 100, .ui_max = 200000, .more = TRUE },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = G_MAXINT32,
    .help = N_("The random seed: the same seed gives the same arrivals and service times"),
    .label = N_("Seed"), .more = TRUE },
};

static const char * const metric_names[] = {
  "p50_ms", "p95_ms", "p99_ms", "mean_ms", "throughput", "utilization", "rejected", NULL
};

const MlrParamSpec *
mlr_serving_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_serving_state_metric_names (void)
{
  return metric_names;
}

static void
read_config (MlrServingConfig *config,
             const MlrParams  *params)
{
  config->rate = mlr_params_get_double (params, "rate");
  config->replicas = (guint) CLAMP (mlr_params_get_int (params, "replicas"), 0, G_MAXUINT);
  config->max_batch = (guint) CLAMP (mlr_params_get_int (params, "max_batch"), 0, G_MAXUINT);
  config->batch_timeout_ms = mlr_params_get_double (params, "batch_timeout_ms");
  config->overhead_ms = mlr_params_get_double (params, "overhead_ms");
  config->per_item_ms = mlr_params_get_double (params, "per_item_ms");
  config->service = g_strcmp0 (mlr_params_get_string (params, "service"), "deterministic") == 0
                    ? MLR_SERVING_DETERMINISTIC : MLR_SERVING_EXPONENTIAL;
  config->queue_cap = (guint) CLAMP (mlr_params_get_int (params, "queue_cap"), 0, G_MAXUINT);
  config->requests = (guint) CLAMP (mlr_params_get_int (params, "requests"), 0, G_MAXUINT);
  config->seed = (guint64) MAX (mlr_params_get_int (params, "seed"), 0);
}

/* Whether a sweep for @a holds for @b: everything but the rate and the number of requests. */
static gboolean
sweep_matches (const MlrServingConfig *a,
               const MlrServingConfig *b)
{
  return a->replicas == b->replicas && a->max_batch == b->max_batch &&
         a->batch_timeout_ms == b->batch_timeout_ms && a->overhead_ms == b->overhead_ms &&
         a->per_item_ms == b->per_item_ms && a->service == b->service &&
         a->queue_cap == b->queue_cap && a->seed == b->seed;
}

/* The main run: summary, histogram, trace. The histogram spans 0 to 1.3 × p99 (at least the
 * slowest request's 1%), the rest counted as beyond. Pure: safe on any thread. */
static gboolean
compute_run (MlrServingRun           *run,
             const MlrServingConfig  *config,
             GError                 **error)
{
  g_autofree double *lat = NULL;
  double hi;

  if (!mlr_serving_simulate (config, &run->summary, &run->trace, &lat, error))
    return FALSE;
  run->config = *config;
  hi = 1.3 * run->summary.p99_ms;
  if (!(hi > 0))
    hi = MAX (run->summary.max_ms, 1e-3);
  run->hist_max_ms = hi;
  run->beyond = 0;
  memset (run->hist, 0, sizeof run->hist);
  for (guint i = 0; i < run->summary.completed; i++)
    {
      double b = lat[i] / hi * MLR_SERVING_HIST_BINS;
      if (b >= MLR_SERVING_HIST_BINS)
        run->beyond++;
      else
        run->hist[(guint) MAX (b, 0)] += 1;
    }
  for (guint b = 0; b < MLR_SERVING_HIST_BINS; b++)
    run->hist[b] /= MAX (run->summary.completed, 1);
  return TRUE;
}

static gboolean
configs_equal (const MlrServingConfig *a,
               const MlrServingConfig *b)
{
  return a->rate == b->rate && a->requests == b->requests && sweep_matches (a, b);
}

/* Shows @run (taking its trace): the playhead at its end. */
static void
take_run (MlrServingState *self,
          MlrServingRun   *run)
{
  MlrServingTrace old = self->run.trace;

  self->run = *run;
  run->trace = old;   /* the caller clears the old trace with its run */
  self->wanted = self->run.config;
  self->run_stale = FALSE;
  self->cursor_ms = self->run.trace.end_ms;
}

static gboolean
run_main (MlrServingState          *self,
          const MlrServingConfig   *config,
          GError                  **error)
{
  MlrServingRun run = { 0 };
  gboolean ok;

  mlr_serving_trace_init (&run.trace, MLR_SERVING_TRACE_ARRIVALS);
  ok = compute_run (&run, config, error);
  if (ok)
    take_run (self, &run);
  mlr_serving_trace_clear (&run.trace);
  return ok;
}

/**
 * mlr_serving_run_compute:
 * The run for @config (checked with mlr_serving_config_check() first, as apply_param does),
 * to install with mlr_serving_state_install_run(). Pure: safe on any thread; about 14 ms of
 * CPU per 100,000 requests.
 */
MlrServingRun *
mlr_serving_run_compute (const MlrServingConfig *config)
{
  MlrServingRun *run = g_new0 (MlrServingRun, 1);

  mlr_serving_trace_init (&run->trace, MLR_SERVING_TRACE_ARRIVALS);
  if (!compute_run (run, config, NULL))
    g_clear_pointer (&run, mlr_serving_run_free);
  return run;
}

void
mlr_serving_run_free (MlrServingRun *run)
{
  if (run == NULL)
    return;
  mlr_serving_trace_clear (&run->trace);
  g_free (run);
}

/**
 * mlr_serving_sweep_compute:
 * p99 (ms) at each of the MLR_SERVING_SWEEP_POINTS offered loads (mlr_serving_sweep_loads()),
 * runs of MLR_SERVING_SWEEP_REQUESTS with the other parameters of @config (checked). Pure:
 * safe on any thread; about 20 ms of CPU.
 */
void
mlr_serving_sweep_compute (const MlrServingConfig *config,
                           double                 *p99_ms)
{
  MlrServingConfig c = *config;
  double capacity = mlr_serving_capacity (config);

  c.requests = MLR_SERVING_SWEEP_REQUESTS;
  for (guint i = 0; i < MLR_SERVING_SWEEP_POINTS; i++)
    {
      MlrServingSummary s;

      c.rate = CLAMP (sweep_loads[i] * capacity, 0.01, 1e9);
          /* the config passed the check already; only the rate changed, within its range */
      p99_ms[i] = mlr_serving_simulate (&c, &s, NULL, NULL, NULL) ? s.p99_ms : NAN;
    }
}

/* The loads of the sweep, as shares of the capacity. */
const double *
mlr_serving_sweep_loads (void)
{
  return sweep_loads;
}

static void
run_sweep (MlrServingState        *self,
           const MlrServingConfig *config)
{
  memcpy (self->sweep_load, sweep_loads, sizeof sweep_loads);
  mlr_serving_sweep_compute (config, self->sweep_p99);
  self->sweep_config = *config;
  self->sweep_stale = FALSE;
}

/**
 * mlr_serving_state_new:
 * One run for @params and the sweep around it. Fails (naming the valid range) when the
 * parameters cannot make a run: a batch that takes no time.
 */
MlrServingState *
mlr_serving_state_new (const MlrParams  *params,
                       GError          **error)
{
  g_autoptr(MlrServingState) self = g_new0 (MlrServingState, 1);
  MlrServingConfig config;

  mlr_serving_trace_init (&self->run.trace, MLR_SERVING_TRACE_ARRIVALS);
  read_config (&config, params);
  if (!run_main (self, &config, error))
    return NULL;
  run_sweep (self, &config);
  return g_steal_pointer (&self);
}

gboolean
mlr_serving_state_check (const MlrParams  *params,
                         GError          **error)
{
  MlrServingConfig config;

  read_config (&config, params);
  return mlr_serving_config_check (&config, error);
}

/**
 * mlr_serving_state_apply_param:
 * Runs again for @params (a few milliseconds). The sweep does not depend on the rate or the
 * number of requests; for any other key it is marked stale and kept until a new one is
 * installed (mlr_serving_state_install_sweep(), from a worker thread's
 * mlr_serving_sweep_compute(), or mlr_serving_state_update_sweep()). On a deferred state
 * (mlr_serving_state_set_deferred()) a run of more than MLR_SERVING_SYNC_REQUESTS is not made
 * here: the parameters are checked, the run is marked stale and the last one is shown until
 * one is installed (mlr_serving_state_install_run(), or mlr_serving_state_update_run()). On
 * error the state keeps its last run and parameters.
 */
gboolean
mlr_serving_state_apply_param (MlrServingState  *self,
                               const MlrParams  *params,
                               const char       *key,
                               GError          **error)
{
  MlrServingConfig config;

  read_config (&config, params);
  if (self->deferred && config.requests > MLR_SERVING_SYNC_REQUESTS)
    {
      if (!mlr_serving_config_check (&config, error))
        return FALSE;
      self->wanted = config;
      self->run_stale = !configs_equal (&self->run.config, &config);
    }
  else if (!run_main (self, &config, error))
    return FALSE;
  self->sweep_stale = !sweep_matches (&self->sweep_config, &self->wanted);
  return TRUE;
}

/**
 * mlr_serving_state_set_deferred:
 * Whether apply_param leaves runs of more than MLR_SERVING_SYNC_REQUESTS to the caller, who
 * computes them on a worker thread (the widget does; `render`, `metrics` and tests do not).
 */
void
mlr_serving_state_set_deferred (MlrServingState *self,
                                gboolean         deferred)
{
  self->deferred = !!deferred;
}

/* Whether the run shown was made for older parameters (see apply_param). */
gboolean
mlr_serving_state_run_is_stale (const MlrServingState *self)
{
  return self->run_stale;
}

/* The parameters: those of the run shown, or the newer ones a stale run waits for. */
const MlrServingConfig *
mlr_serving_state_get_wanted_config (const MlrServingState *self)
{
  return &self->wanted;
}

/**
 * mlr_serving_state_install_run:
 * Shows @run (from mlr_serving_run_compute() on a worker thread) when it was made for the
 * state's parameters, and returns whether it did; the caller frees @run either way.
 */
gboolean
mlr_serving_state_install_run (MlrServingState *self,
                               MlrServingRun   *run)
{
  if (!self->run_stale || !configs_equal (&run->config, &self->wanted))
    return FALSE;
  take_run (self, run);
  self->sweep_stale = !sweep_matches (&self->sweep_config, &self->wanted);
  return TRUE;
}

/* Makes a stale run current now, on this thread (tests, benchmarks). */
void
mlr_serving_state_update_run (MlrServingState *self)
{
  if (self->run_stale)
    {
      MlrServingConfig config = self->wanted;

      if (run_main (self, &config, NULL))
        self->sweep_stale = !sweep_matches (&self->sweep_config, &self->wanted);
    }
}

/**
 * mlr_serving_state_sweep_is_stale:
 * Whether the sweep was made for parameters other than the state's (see apply_param).
 */
gboolean
mlr_serving_state_sweep_is_stale (const MlrServingState *self)
{
  return self->sweep_stale;
}

/**
 * mlr_serving_state_install_sweep:
 * Takes @p99_ms (from mlr_serving_sweep_compute() for @config) when @config still matches
 * the state's parameters; returns whether it did.
 */
gboolean
mlr_serving_state_install_sweep (MlrServingState        *self,
                                 const MlrServingConfig *config,
                                 const double           *p99_ms)
{
  if (!sweep_matches (config, &self->wanted))
    return FALSE;
  memcpy (self->sweep_p99, p99_ms, sizeof self->sweep_p99);
  self->sweep_config = *config;
  self->sweep_stale = FALSE;
  return TRUE;
}

/* Makes the sweep current now, on this thread (tests, benchmarks). */
void
mlr_serving_state_update_sweep (MlrServingState *self)
{
  if (self->sweep_stale)
    run_sweep (self, &self->wanted);
}

void
mlr_serving_state_free (MlrServingState *self)
{
  if (self == NULL)
    return;
  mlr_serving_trace_clear (&self->run.trace);
  g_free (self);
}

const MlrServingConfig *
mlr_serving_state_get_config (const MlrServingState *self)
{
  return &self->run.config;
}

const MlrServingSummary *
mlr_serving_state_get_summary (const MlrServingState *self)
{
  return &self->run.summary;
}

/* The first MLR_SERVING_TRACE_ARRIVALS arrivals of the run: the live queue's window. */
const MlrServingTrace *
mlr_serving_state_get_trace (const MlrServingState *self)
{
  return &self->run.trace;
}

/* Requests per second with every batch full (mlr_serving_capacity()). */
double
mlr_serving_state_get_capacity (const MlrServingState *self)
{
  return mlr_serving_capacity (&self->run.config);
}

/* The offered load: rate / capacity. */
double
mlr_serving_state_get_load (const MlrServingState *self)
{
  return self->run.config.rate / mlr_serving_capacity (&self->run.config);
}

/* MLR_SERVING_HIST_BINS shares of the completed requests over [0, *hist_max_ms), and how
 * many took longer. */
const double *
mlr_serving_state_get_histogram (const MlrServingState *self,
                                 double                *hist_max_ms,
                                 guint                 *beyond)
{
  *hist_max_ms = self->run.hist_max_ms;
  *beyond = self->run.beyond;
  return self->run.hist;
}

/* The sweep's offered loads, with their p99 latencies in ms. */
const double *
mlr_serving_state_get_sweep (const MlrServingState  *self,
                             const double          **p99_ms,
                             guint                  *n_points)
{
  *p99_ms = self->sweep_p99;
  *n_points = MLR_SERVING_SWEEP_POINTS;
  return self->sweep_load;
}

/* The playhead of the live queue, in ms from the start of the trace. */
double
mlr_serving_state_get_cursor (const MlrServingState *self)
{
  return self->cursor_ms;
}

void
mlr_serving_state_set_cursor (MlrServingState *self,
                              double           time_ms)
{
  self->cursor_ms = CLAMP (isfinite (time_ms) ? time_ms : 0, 0, self->run.trace.end_ms);
}

/* How many requests wait at @time_ms of the trace (the last step at or before it). */
guint
mlr_serving_state_queue_at (const MlrServingState *self,
                            double                 time_ms)
{
  const GArray *steps = self->run.trace.steps;
  guint lo = 0, hi = steps->len;

  /* binary search for the first step after time_ms */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (steps, MlrServingStep, mid).time_ms <= time_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? g_array_index (steps, MlrServingStep, lo - 1).queue : 0;
}

/**
 * mlr_serving_state_collect_metrics:
 * The run's latency quantiles and mean (ms, completed requests), throughput (completed per
 * second), utilisation (busy share of the replicas' time) and the number rejected.
 */
void
mlr_serving_state_collect_metrics (const MlrServingState *self,
                                   MlrMetricFunc          func,
                                   gpointer               user_data)
{
  const MlrServingSummary *s = &self->run.summary;

  func ("p50_ms", g_variant_new_double (s->p50_ms), user_data);
  func ("p95_ms", g_variant_new_double (s->p95_ms), user_data);
  func ("p99_ms", g_variant_new_double (s->p99_ms), user_data);
  func ("mean_ms", g_variant_new_double (s->mean_ms), user_data);
  func ("throughput", g_variant_new_double (s->throughput), user_data);
  func ("utilization", g_variant_new_double (s->utilization), user_data);
  func ("rejected", g_variant_new_double (s->rejected), user_data);
}
