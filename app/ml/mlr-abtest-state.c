/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-abtest-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-rng.h"
#include "mlr-stats.h"

/* Everything a simulation depends on. */
typedef struct {
  double p1, p2, n, alpha;
  guint  tails, peeks, runs, seed;
} SimConfig;

struct _MlrAbtestState
{
  double        baseline;
  double        lift;
  double        n;
  double        alpha;
  guint         tails;
  MlrAbtestMode mode;
  guint         peeks;
  guint         runs;
  guint         seed;

  /* derived */
  double        se;
  double        critical_z;
  double        power;
  double        n_for_80;

  MlrAbtestSim *sim;        /* the last simulation installed, maybe for older parameters */
};

struct _MlrAbtestJob
{
  SimConfig config;
  guint64   key;
  int       cancelled;      /* atomic */
};

static const char * const tails_choices[] = { "2", "1", NULL };
static const char * const tails_titles[] = { N_("Two-sided"), N_("One-sided (B > A)"), NULL };
static const char * const tails_help[] = {
  N_("H₁: the rates differ, in either direction; α is split between both tails"),
  N_("H₁: B converts better than A; all of α sits in the upper tail, so a lift the other "
     "way is never significant"),
  NULL
};
static const char * const mode_choices[] = { "power", "simulate", NULL };
static const char * const mode_titles[] = { N_("Power"), N_("Simulate"), NULL };
static const char * const mode_help[] = {
  N_("The normal approximation: the power of the test and the sample size it needs"),
  N_("Run many simulated experiments, each looked at several times and stopped at the "
     "first significant look"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "baseline", .type = MLR_PARAM_NUMBER, .default_value = "0.05",
    .min = MLR_ABTEST_MIN_RATE, .max = MLR_ABTEST_MAX_RATE,
    .help = N_("The conversion rate of A, the control (0.001 to 0.999)"),
    .label = N_("Baseline"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.01, .ui_max = 0.5,
    .ui_step = 0.001, .digits = 3 },
  { .key = "lift", .type = MLR_PARAM_NUMBER, .default_value = "0.006",
    .min = -(MLR_ABTEST_MAX_RATE - MLR_ABTEST_MIN_RATE),
    .max = MLR_ABTEST_MAX_RATE - MLR_ABTEST_MIN_RATE,
    .help = N_("The true difference B − A in conversion rate, absolute (0.006 is 0.6 "
               "percentage points); baseline + lift stays within 0.001 to 0.999. 0 makes an "
               "A/A test"),
    .label = N_("Lift"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = -0.05, .ui_max = 0.05,
    .ui_step = 0.0005, .digits = 4 },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "10000", .min = 2,
    .max = MLR_ABTEST_MAX_N,
    .help = N_("Users in each arm (2 to 100,000,000; log scale)"),
    .label = N_("Users per arm"), .ui = MLR_PARAM_UI_LOG, .ui_min = 100, .ui_max = 1000000 },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "0.05", .min = 0.0001,
    .max = 0.5,
    .help = N_("The significance level: the false-positive rate of one look when H₀ is true "
               "(0.0001 to 0.5)"),
    .label = N_("α"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.001, .ui_max = 0.2,
    .ui_step = 0.001, .digits = 3, .row = 1 },
  { .key = "tails", .type = MLR_PARAM_CHOICE, .default_value = "2", .choices = tails_choices,
    .help = N_("Two-sided (2) or one-sided (1) test"), .label = N_("Test"),
    .choice_titles = tails_titles, .choice_help = tails_help, .row = 1 },
  { .key = "mode", .type = MLR_PARAM_CHOICE, .default_value = "power", .choices = mode_choices,
    .help = N_("Power from the formula, or simulated experiments with peeking"),
    .label = N_("Mode"), .choice_titles = mode_titles, .choice_help = mode_help, .row = 1 },
  { .key = "peeks", .type = MLR_PARAM_INT, .default_value = "1", .min = 1,
    .max = MLR_ABTEST_MAX_PEEKS,
    .help = N_("How often each simulated experiment is looked at, evenly spaced; it stops at "
               "the first look with p ≤ α (1 to 100)"),
    .label = N_("Looks"), .row = 2 },
  { .key = "runs", .type = MLR_PARAM_INT, .default_value = "2000", .min = 1,
    .max = MLR_ABTEST_MAX_RUNS,
    .help = N_("How many experiments to simulate (1 to 100,000; log scale). The work is "
               "bounded: at most 100,000,000 users per arm in all, so runs × n above that "
               "simulates fewer runs, and says so"),
    .label = N_("Experiments"), .ui = MLR_PARAM_UI_LOG, .ui_min = 100, .ui_max = 20000,
    .row = 2 },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = G_MAXINT32,
    .help = N_("The random seed of the simulation: the same seed gives the same experiments"),
    .label = N_("Seed"), .more = TRUE },
};

static const char * const metric_names[] = {
  "power", "n_for_80", "critical_z", "se", "simulated_positive_rate", "p_value", "z", NULL
};

const MlrParamSpec *
mlr_abtest_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_abtest_state_metric_names (void)
{
  return metric_names;
}

/* ---------------------------------------------------------------- parameters */

static gboolean
rate_ok (double p)
{
  /* the same rounding as the parameter table's: 0.05 − 0.049 is 0.001 */
  return p >= MLR_ABTEST_MIN_RATE - 1e-12 && p <= MLR_ABTEST_MAX_RATE + 1e-12;
}

static void
update_derived (MlrAbtestState *self)
{
  double p2 = self->baseline + self->lift;

  self->se = mlr_stats_two_rate_se (self->baseline, p2, self->n);
  self->critical_z = mlr_stats_critical_z (self->alpha, self->tails);
  self->power = mlr_stats_two_rate_power (self->baseline, p2, self->n, self->alpha,
                                          self->tails);
  /* up to 10¹⁵ users per arm: beyond, no experiment is run, and doubles stop counting */
  self->n_for_80 = mlr_stats_two_rate_n_for_power (self->baseline, p2, self->alpha,
                                                   self->tails, MLR_ABTEST_POWER_GOAL, 1e15);
}

static void
read_all (MlrAbtestState  *self,
          const MlrParams *params)
{
  self->baseline = mlr_params_get_double (params, "baseline");
  self->lift = mlr_params_get_double (params, "lift");
  self->n = (double) mlr_params_get_int (params, "n");
  self->alpha = mlr_params_get_double (params, "alpha");
  self->tails = g_str_equal (mlr_params_get_string (params, "tails"), "1") ? 1 : 2;
  self->mode = g_str_equal (mlr_params_get_string (params, "mode"), "simulate")
               ? MLR_ABTEST_MODE_SIMULATE : MLR_ABTEST_MODE_POWER;
  self->peeks = (guint) mlr_params_get_int (params, "peeks");
  self->runs = (guint) mlr_params_get_int (params, "runs");
  self->seed = (guint) mlr_params_get_int (params, "seed");
}

/* The rates must stay rates; each key is in range already (the table checked it). */
gboolean
mlr_abtest_state_check (const MlrParams  *params,
                        GError          **error)
{
  double baseline = mlr_params_get_double (params, "baseline");
  double lift = mlr_params_get_double (params, "lift");

  if (!rate_ok (baseline + lift))
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "baseline + lift must be a rate from 0.001 to 0.999, but %g + %g = %g",
                   baseline, lift, baseline + lift);
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_abtest_state_new:
 * The test for @params (keys baseline, lift, n, alpha, tails, mode, peeks, runs, seed).
 * Nothing is simulated yet (see mlr_abtest_state_simulate_sync() and the jobs). Fails when
 * baseline + lift is not a rate.
 */
MlrAbtestState *
mlr_abtest_state_new (const MlrParams  *params,
                      GError          **error)
{
  MlrAbtestState *self;

  if (!mlr_abtest_state_check (params, error))
    return NULL;
  self = g_new0 (MlrAbtestState, 1);
  read_all (self, params);
  update_derived (self);
  return self;
}

void
mlr_abtest_state_free (MlrAbtestState *self)
{
  if (self == NULL)
    return;
  g_free (self->sim);
  g_free (self);
}

/**
 * mlr_abtest_state_apply_param:
 * Takes every value of @params (@key is the one that changed). A baseline or lift that
 * would carry baseline + lift out of 0.001–0.999 is clamped to the edge, so a slider stops
 * there (mlr_abtest_state_read_params() gives it back). The last simulation is kept, marked
 * stale, until a new one is installed.
 */
gboolean
mlr_abtest_state_apply_param (MlrAbtestState   *self,
                              const MlrParams  *params,
                              const char       *key,
                              GError          **error)
{
  read_all (self, params);
  if (!rate_ok (self->baseline + self->lift))
    {
      if (g_strcmp0 (key, "baseline") == 0)
        self->baseline = CLAMP (self->baseline, MLR_ABTEST_MIN_RATE - self->lift,
                                MLR_ABTEST_MAX_RATE - self->lift);
      else
        self->lift = CLAMP (self->lift, MLR_ABTEST_MIN_RATE - self->baseline,
                            MLR_ABTEST_MAX_RATE - self->baseline);
      /* a clamped baseline can leave its own range only if lift was out of step too */
      self->baseline = CLAMP (self->baseline, MLR_ABTEST_MIN_RATE, MLR_ABTEST_MAX_RATE);
      self->lift = CLAMP (self->lift, MLR_ABTEST_MIN_RATE - self->baseline,
                          MLR_ABTEST_MAX_RATE - self->baseline);
    }
  update_derived (self);
  return TRUE;
}

static void
set_number (MlrParams  *params,
            const char *key,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* the shortest text that reads back as the same double */
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  mlr_params_set (params, key, buf, NULL);
}

/* Writes back the two rates, which a change may have clamped. */
void
mlr_abtest_state_read_params (const MlrAbtestState *self,
                              MlrParams            *params)
{
  if (mlr_params_get_double (params, "baseline") != self->baseline)
    set_number (params, "baseline", self->baseline);
  if (mlr_params_get_double (params, "lift") != self->lift)
    set_number (params, "lift", self->lift);
}

/* Looks, experiments and the seed only matter when simulating. */
gboolean
mlr_abtest_state_param_relevant (const MlrAbtestState *self,
                                 const char           *key)
{
  if (g_str_equal (key, "peeks") || g_str_equal (key, "runs") || g_str_equal (key, "seed"))
    return self->mode == MLR_ABTEST_MODE_SIMULATE;
  return TRUE;
}

double
mlr_abtest_state_get_baseline (const MlrAbtestState *self)
{
  return self->baseline;
}

double
mlr_abtest_state_get_lift (const MlrAbtestState *self)
{
  return self->lift;
}

/* B's conversion rate, baseline + lift. */
double
mlr_abtest_state_get_rate_b (const MlrAbtestState *self)
{
  return self->baseline + self->lift;
}

double
mlr_abtest_state_get_n (const MlrAbtestState *self)
{
  return self->n;
}

double
mlr_abtest_state_get_alpha (const MlrAbtestState *self)
{
  return self->alpha;
}

guint
mlr_abtest_state_get_tails (const MlrAbtestState *self)
{
  return self->tails;
}

MlrAbtestMode
mlr_abtest_state_get_mode (const MlrAbtestState *self)
{
  return self->mode;
}

guint
mlr_abtest_state_get_peeks (const MlrAbtestState *self)
{
  return self->peeks;
}

guint
mlr_abtest_state_get_runs (const MlrAbtestState *self)
{
  return self->runs;
}

guint
mlr_abtest_state_get_seed (const MlrAbtestState *self)
{
  return self->seed;
}

/* ---------------------------------------------------------------- the analysis */

/* The unpooled standard error of p̂_B − p̂_A at n per arm. */
double
mlr_abtest_state_get_se (const MlrAbtestState *self)
{
  return self->se;
}

/* z₁₋α/₂ (two-sided) or z₁₋α (one-sided). */
double
mlr_abtest_state_get_critical_z (const MlrAbtestState *self)
{
  return self->critical_z;
}

double
mlr_abtest_state_get_power (const MlrAbtestState *self)
{
  return self->power;
}

/* The smallest n per arm with power ≥ 0.8, or +∞ when none up to 10¹⁵ reaches it. */
double
mlr_abtest_state_get_n_for_80 (const MlrAbtestState *self)
{
  return self->n_for_80;
}

/* The power with @n users per arm, the rest as the state has it. */
double
mlr_abtest_state_power_at (const MlrAbtestState *self,
                           double                n)
{
  return mlr_stats_two_rate_power (self->baseline, self->baseline + self->lift, n, self->alpha,
                                   self->tails);
}

/* The runs a simulation does: runs, cut so that runs × n ≤ 10⁸ (at least one). */
guint
mlr_abtest_state_effective_runs (const MlrAbtestState *self)
{
  double cap = MAX (1, floor (MLR_ABTEST_MAX_USERS / self->n));

  return (guint) MIN ((double) self->runs, cap);
}

/* ---------------------------------------------------------------- simulating */

static SimConfig
config_of (const MlrAbtestState *self)
{
  SimConfig c;

  memset (&c, 0, sizeof c);  /* padding too: the key hashes the bytes */
  c.p1 = self->baseline;
  c.p2 = self->baseline + self->lift;
  c.n = self->n;
  c.alpha = self->alpha;
  c.tails = self->tails;
  c.peeks = self->peeks;
  c.runs = mlr_abtest_state_effective_runs (self);
  c.seed = self->seed;
  return c;
}

/* FNV-1a over the configuration's bytes. */
static guint64
config_key (const SimConfig *c)
{
  const guint8 *b = (const guint8 *) c;
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < sizeof *c; i++)
    {
      h ^= b[i];
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h;
}

/**
 * mlr_abtest_state_new_job:
 * A snapshot of what a simulation of the state's parameters needs; run it on any thread.
 */
MlrAbtestJob *
mlr_abtest_state_new_job (const MlrAbtestState *self)
{
  MlrAbtestJob *job = g_new0 (MlrAbtestJob, 1);

  job->config = config_of (self);
  job->key = config_key (&job->config);
  return job;
}

/* Asks a running job to stop at its next check (between runs, and every 2¹⁶ users). */
void
mlr_abtest_job_cancel (MlrAbtestJob *job)
{
  g_atomic_int_set (&job->cancelled, 1);
}

/* Whether @job simulates what @self now holds. */
gboolean
mlr_abtest_job_is_for (const MlrAbtestJob   *job,
                       const MlrAbtestState *self)
{
  SimConfig c = config_of (self);

  return job->key == config_key (&c);
}

void
mlr_abtest_job_free (MlrAbtestJob *job)
{
  g_free (job);
}

/* Adds to @conversions how many of @count users convert, each with probability
 * threshold / 2⁶⁴: one Bernoulli draw per user. FALSE when cancelled on the way. */
static gboolean
draw_users (MlrRng       *rng,
            guint64       threshold,
            guint64       count,
            guint64      *conversions,
            MlrAbtestJob *job)
{
  guint64 c = 0;

  while (count > 0)
    {
      guint64 chunk = MIN (count, 65536);

      if (g_atomic_int_get (&job->cancelled))
        return FALSE;
      for (guint64 i = 0; i < chunk; i++)
        c += mlr_rng_next (rng) < threshold;
      count -= chunk;
    }
  *conversions += c;
  return TRUE;
}

/* p · 2⁶⁴ as the threshold of a uniform 64-bit draw (p < 1). */
static guint64
threshold_for (double p)
{
  return (guint64) ldexp (p, 64);
}

/* The pooled two-proportion z of B − A after @n users per arm. 0 when no one or everyone
 * converted, where it is undefined (and nobody would declare a winner). */
static double
pooled_z (guint64 conv_a,
          guint64 conv_b,
          guint64 n)
{
  double pooled = (double) (conv_a + conv_b) / (2.0 * n);

  if (pooled <= 0 || pooled >= 1)
    return 0;
  return ((double) conv_b - (double) conv_a) / sqrt (2.0 * n * pooled * (1 - pooled));
}

/**
 * mlr_abtest_job_run:
 * Simulates the job's experiments: every user of both arms a Bernoulli draw from one
 * xoshiro256** stream seeded with the seed, run after run; each run tested with the pooled
 * two-proportion z-test at looks k = 1 … peeks (after ⌈k n / peeks⌉ users per arm, so the
 * last look sees all n), stopped (counted significant) at the first look whose |z| (z,
 * one-sided) reaches the critical value — and still drawn to its end, to also count whether
 * the last look alone is significant. Returns NULL when cancelled.
 */
MlrAbtestSim *
mlr_abtest_job_run (MlrAbtestJob *job)
{
  const SimConfig *c = &job->config;
  g_autofree MlrAbtestSim *sim = g_new0 (MlrAbtestSim, 1);
  guint64 n = (guint64) c->n;
  guint64 t1 = threshold_for (c->p1), t2 = threshold_for (c->p2);
  double crit = mlr_stats_critical_z (c->alpha, c->tails);
  gint64 start = g_get_monotonic_time ();
  MlrRng rng;

  mlr_rng_init (&rng, c->seed);
  sim->runs = c->runs;
  sim->peeks = c->peeks;
  sim->key = job->key;
  for (guint r = 0; r < c->runs; r++)
    {
      guint64 conv_a = 0, conv_b = 0, seen = 0;
      guint stopped = 0;
      double z = 0;
      gboolean significant = FALSE;

      for (guint k = 1; k <= c->peeks; k++)
        {
          guint64 upto = (k * n + c->peeks - 1) / c->peeks;

          if (!draw_users (&rng, t1, upto - seen, &conv_a, job) ||
              !draw_users (&rng, t2, upto - seen, &conv_b, job))
            return NULL;
          seen = upto;
          z = pooled_z (conv_a, conv_b, seen);
          significant = c->tails == 1 ? z >= crit : fabs (z) >= crit;
          if (significant && stopped == 0)
            {
              stopped = k;
              if (r == 0)
                {
                  sim->first_z = z;
                  sim->first_look = k;
                  sim->first_significant = TRUE;
                }
            }
        }
      if (stopped > 0)
        {
          sim->positives++;
          sim->stopped_at[stopped - 1]++;
        }
      if (significant)
        sim->final_positives++;
      if (r == 0 && stopped == 0)
        {
          sim->first_z = z;
          sim->first_look = c->peeks;
        }
    }
  sim->first_p = c->tails == 1 ? mlr_normal_sf (sim->first_z)
                               : MIN (1, 2 * mlr_normal_sf (fabs (sim->first_z)));
  sim->ms = (g_get_monotonic_time () - start) / 1000.0;
  return g_steal_pointer (&sim);
}

/**
 * mlr_abtest_state_take_sim:
 * Installs @sim (taken) when it is for the state's parameters now and returns TRUE; frees it
 * and returns FALSE when the parameters have moved on (or @sim is NULL).
 */
gboolean
mlr_abtest_state_take_sim (MlrAbtestState *self,
                           MlrAbtestSim   *sim)
{
  SimConfig c = config_of (self);

  if (sim == NULL || sim->key != config_key (&c))
    {
      g_free (sim);
      return FALSE;
    }
  g_free (self->sim);
  self->sim = sim;
  return TRUE;
}

/* The last simulation installed (perhaps for other parameters: see _sim_is_current), or NULL. */
const MlrAbtestSim *
mlr_abtest_state_get_sim (const MlrAbtestState *self)
{
  return self->sim;
}

gboolean
mlr_abtest_state_sim_is_current (const MlrAbtestState *self)
{
  SimConfig c;

  if (self->sim == NULL)
    return FALSE;
  c = config_of (self);
  return self->sim->key == config_key (&c);
}

/* Whether the state simulates and has no simulation of its parameters. */
gboolean
mlr_abtest_state_needs_sim (const MlrAbtestState *self)
{
  return self->mode == MLR_ABTEST_MODE_SIMULATE && !mlr_abtest_state_sim_is_current (self);
}

/* Simulates now, on this thread, if the state needs it (`render`, `metrics`, tests). */
void
mlr_abtest_state_simulate_sync (MlrAbtestState *self)
{
  g_autoptr(MlrAbtestJob) job = NULL;

  if (!mlr_abtest_state_needs_sim (self))
    return;
  job = mlr_abtest_state_new_job (self);
  mlr_abtest_state_take_sim (self, mlr_abtest_job_run (job));
}

/**
 * mlr_abtest_state_collect_metrics:
 * power, critical_z and se always; n_for_80 when some n reaches 80% power; and in simulate
 * mode, once a simulation of these parameters is in, simulated_positive_rate (the share of
 * runs declared significant at some look) and the first run's z and p_value at the look it
 * stopped (or its last).
 */
void
mlr_abtest_state_collect_metrics (const MlrAbtestState *self,
                                  MlrMetricFunc         func,
                                  gpointer              user_data)
{
  func ("power", g_variant_new_double (self->power), user_data);
  if (isfinite (self->n_for_80))
    func ("n_for_80", g_variant_new_double (self->n_for_80), user_data);
  func ("critical_z", g_variant_new_double (self->critical_z), user_data);
  func ("se", g_variant_new_double (self->se), user_data);
  if (self->mode == MLR_ABTEST_MODE_SIMULATE && mlr_abtest_state_sim_is_current (self))
    {
      func ("simulated_positive_rate",
            g_variant_new_double ((double) self->sim->positives / self->sim->runs), user_data);
      func ("p_value", g_variant_new_double (self->sim->first_p), user_data);
      func ("z", g_variant_new_double (self->sim->first_z), user_data);
    }
}
