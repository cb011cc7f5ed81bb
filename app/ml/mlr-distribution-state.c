/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-distribution-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-special.h"

G_DEFINE_QUARK (mlr-distribution-state-error-quark, mlr_distribution_state_error)

/* The uniform's interval is at least this wide. */
#define MIN_WIDTH 1e-6

struct _MlrDistributionState
{
  /* the parameters */
  MlrDistKind         kind;
  MlrDistributionMode mode;
  double              mu, sigma, a, b, rate, trials, p, alpha, beta;
  double              x;
  guint               n;
  guint               samples;
  guint64             seed;

  /* what follows from them */
  MlrDistribution     dist;
  double              mean;
  double              variance;
  double              pdf_x;
  double              cdf_x;
  double              view_lo, view_hi;     /* the distribution's picture */
  double              means_lo, means_hi;   /* the means' picture (mode clt) */

  /* the histogram of samples or means */
  double              bin_lo;
  double              bin_width;
  guint               n_bins;
  guint              *counts;
  guint               below, above;

  /* the draws */
  MlrRng              rng;
  guint               drawn;                /* samples, or means in mode clt */
  guint               target;               /* what a change left owed (catch_up draws it) */
  guint64             apply_budget;         /* single draws apply_param makes at once */
  guint64             n_values;             /* single draws (n per mean in mode clt) */
  double              values_mean, values_m2;
  double              means_mean, means_m2, means_m3;
  double              last;
};

static const char * const kind_titles[] = {
  N_("Normal"), N_("Uniform"), N_("Exponential"), N_("Binomial"), N_("Poisson"), N_("Beta"),
  N_("Log-normal"), NULL
};

static const char * const modes[] = { "sample", "clt", NULL };
static const char * const mode_titles[] = { N_("Draw samples"), N_("Means (CLT)"), NULL };
static const char * const mode_help[] = {
  N_("Draws from the distribution pile up in a histogram over its density"),
  N_("Many samples of size n: the histogram of their means, and the normal with sd σ/√n "
     "that the central limit theorem predicts"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "distribution", .type = MLR_PARAM_CHOICE, .default_value = "normal",
    .choices = NULL /* set below: the distribution module's names */,
    .help = N_("Which distribution: normal (mu, sigma), uniform (a, b), exponential (rate), "
               "binomial (trials, p), poisson (rate), beta (alpha, beta) or lognormal (mu, "
               "sigma of log X)"),
    .label = N_("Distribution"), .choice_titles = kind_titles },
  { .key = "mode", .type = MLR_PARAM_CHOICE, .default_value = "sample", .choices = modes,
    .help = N_("sample: single draws in a histogram; clt: the means of many samples of size "
               "n, and the normal the central limit theorem predicts for them"),
    .label = N_("Show"), .choice_titles = mode_titles, .choice_help = mode_help },
  { .key = "mu", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = -1e6, .max = 1e6,
    .help = N_("Normal: the mean μ. Log-normal: the mean of log X (its median is e^μ), "
               "−10 to 10"),
    .label = N_("μ"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = -10, .ui_max = 10,
    .ui_step = 0.1, .digits = 2, .row = 1 },
  { .key = "sigma", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 1e-6, .max = 1e6,
    .help = N_("Normal: the standard deviation σ. Log-normal: the standard deviation of "
               "log X, at most 3 (log scale)"),
    .label = N_("σ"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.05, .ui_max = 20, .row = 1 },
  { .key = "a", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = -1e6, .max = 1e6,
    .help = N_("Uniform: the low end of the interval [a, b]; it stops short of b"),
    .label = N_("Low a"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = -10, .ui_max = 10,
    .ui_step = 0.1, .digits = 2, .row = 1 },
  { .key = "b", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = -1e6, .max = 1e6,
    .help = N_("Uniform: the high end of the interval [a, b]; it stops short of a"),
    .label = N_("High b"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = -10, .ui_max = 10,
    .ui_step = 0.1, .digits = 2, .row = 1 },
  { .key = "rate", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 1e-3, .max = 1e6,
    .help = N_("Exponential: events per unit of time (the mean wait is 1/λ). Poisson: the "
               "mean count λ (log scale)"),
    .label = N_("Rate λ"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.1, .ui_max = 100, .row = 1 },
  { .key = "trials", .type = MLR_PARAM_INT, .default_value = "10", .min = 1,
    .max = MLR_DISTRIBUTION_MAX_TRIALS,
    .help = N_("Binomial: how many independent trials, 1 to 1,000,000,000"),
    .label = N_("Trials"), .ui_min = 1, .ui_max = 100000, .row = 1 },
  { .key = "p", .type = MLR_PARAM_NUMBER, .default_value = "0.5", .min = 0, .max = 1,
    .help = N_("Binomial: the chance that one trial succeeds"),
    .label = N_("Success p"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.005, .digits = 3,
    .row = 1 },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "2", .min = 0.05, .max = 1000,
    .help = N_("Beta: the first shape α, 0.05 to 1,000 (like α − 1 successes seen; log "
               "scale)"),
    .label = N_("α"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.1, .ui_max = 100, .row = 1 },
  { .key = "beta", .type = MLR_PARAM_NUMBER, .default_value = "5", .min = 0.05, .max = 1000,
    .help = N_("Beta: the second shape β, 0.05 to 1,000 (like β − 1 failures seen; log "
               "scale)"),
    .label = N_("β"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.1, .ui_max = 100, .row = 1 },
  { .key = "x", .type = MLR_PARAM_NUMBER, .min = -1e12, .max = 1e12,
    .help = N_("The point where the density (the probability, for binomial and Poisson) and "
               "P(X ≤ x) are read; default: one standard deviation above the mean. In the "
               "demo, drag on the picture or use the arrow keys"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "5", .min = 1,
    .max = MLR_DISTRIBUTION_MAX_N,
    .help = N_("Mode clt: the size of each sample whose mean is taken (log scale). "
               "n × samples is at most 1,000,000"),
    .label = N_("Sample size n"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1, .ui_max = 10000,
    .row = 2 },
  { .key = "samples", .type = MLR_PARAM_INT, .default_value = "1000", .min = 1,
    .max = MLR_DISTRIBUTION_MAX_SAMPLES,
    .help = N_("How many draws (mode clt: how many sample means), 1 to 100,000 (log "
               "scale). In mode clt, n × samples is at most 1,000,000: the demo lowers "
               "samples to fit"),
    .label = N_("Samples"), .ui = MLR_PARAM_UI_LOG, .ui_min = 10, .ui_max = 100000,
    .row = 2 },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = G_MAXINT32,
    .help = N_("The random seed: the same seed draws the same samples"),
    .label = N_("Seed"), .more = TRUE },
};

static MlrParamSpec specs_with_choices[G_N_ELEMENTS (param_specs)];

static gpointer
specs_init (gpointer data)
{
  memcpy (specs_with_choices, param_specs, sizeof param_specs);
  specs_with_choices[0].choices = mlr_distribution_kind_names ();
  return NULL;
}

/**
 * mlr_distribution_state_param_specs:
 * The keys a <demo kind="distribution"> and `--set` accept. The uniform's ends are a and b;
 * the beta's shapes are alpha and beta (distinct keys, so each has its own range).
 */
const MlrParamSpec *
mlr_distribution_state_param_specs (guint *n_specs)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, specs_init, NULL);
  *n_specs = G_N_ELEMENTS (specs_with_choices);
  return specs_with_choices;
}

static const char * const metric_names[] = {
  "distribution", "mode", "mean", "variance", "sd", "x", "pdf", "cdf",
  "sample_mean", "sample_variance", "means_mean", "means_sd", "means_skewness", "clt_sd",
  "n", "samples", "drawn", "mu", "sigma", "a", "b", "rate", "trials", "p", "alpha", "beta",
  NULL
};

const char * const *
mlr_distribution_state_metric_names (void)
{
  return metric_names;
}

/* ---------------------------------------------------------------- the parameters */

typedef struct {
  MlrDistKind         kind;
  MlrDistributionMode mode;
  double              mu, sigma, a, b, rate, trials, p, alpha, beta, x;
  gboolean            has_x;
  guint               n, samples;
  guint64             seed;
} Values;

static void
read_values (const MlrParams *params,
             Values          *v)
{
  mlr_distribution_kind_from_string (mlr_params_get_string (params, "distribution"), &v->kind);
  v->mode = g_strcmp0 (mlr_params_get_string (params, "mode"), "clt") == 0
            ? MLR_DISTRIBUTION_MODE_CLT : MLR_DISTRIBUTION_MODE_SAMPLE;
  v->mu = mlr_params_get_double (params, "mu");
  v->sigma = mlr_params_get_double (params, "sigma");
  v->a = mlr_params_get_double (params, "a");
  v->b = mlr_params_get_double (params, "b");
  v->rate = mlr_params_get_double (params, "rate");
  v->trials = (double) mlr_params_get_int (params, "trials");
  v->p = mlr_params_get_double (params, "p");
  v->alpha = mlr_params_get_double (params, "alpha");
  v->beta = mlr_params_get_double (params, "beta");
  v->has_x = mlr_params_has (params, "x");
  v->x = v->has_x ? mlr_params_get_double (params, "x") : 0;
  v->n = (guint) CLAMP (mlr_params_get_int (params, "n"), 1, MLR_DISTRIBUTION_MAX_N);
  v->samples = (guint) CLAMP (mlr_params_get_int (params, "samples"), 1,
                              MLR_DISTRIBUTION_MAX_SAMPLES);
  v->seed = (guint64) MAX (mlr_params_get_int (params, "seed"), 0);
}

static void
dist_params (const Values *v,
             double       *p0,
             double       *p1)
{
  switch (v->kind)
    {
    case MLR_DIST_NORMAL:
    case MLR_DIST_LOGNORMAL:
      *p0 = v->mu;
      *p1 = v->sigma;
      break;
    case MLR_DIST_UNIFORM:
      *p0 = v->a;
      *p1 = v->b;
      break;
    case MLR_DIST_EXPONENTIAL:
    case MLR_DIST_POISSON:
      *p0 = v->rate;
      *p1 = 0;
      break;
    case MLR_DIST_BINOMIAL:
      *p0 = v->trials;
      *p1 = v->p;
      break;
    case MLR_DIST_BETA:
      *p0 = v->alpha;
      *p1 = v->beta;
      break;
    case MLR_N_DISTS:
    default:
      *p0 = *p1 = 0;
      break;
    }
}

static gboolean
check_values (const Values  *v,
              GError       **error)
{
  MlrDistribution dist;
  double p0, p1;

  if (v->kind == MLR_DIST_UNIFORM && !(v->b - v->a >= MIN_WIDTH))
    {
      g_set_error (error, MLR_DISTRIBUTION_STATE_ERROR, MLR_DISTRIBUTION_STATE_ERROR_INVALID,
                   "distribution=uniform needs a < b, at least 1e-06 apart (here a = %g, "
                   "b = %g)", v->a, v->b);
      return FALSE;
    }
  if (v->kind == MLR_DIST_LOGNORMAL &&
      (fabs (v->mu) > MLR_DISTRIBUTION_LOGNORMAL_MAX_MU ||
       v->sigma > MLR_DISTRIBUTION_LOGNORMAL_MAX_SIGMA))
    {
      g_set_error (error, MLR_DISTRIBUTION_STATE_ERROR, MLR_DISTRIBUTION_STATE_ERROR_INVALID,
                   "distribution=lognormal needs mu within −10 … 10 and sigma at most 3 "
                   "(here mu = %g, sigma = %g)", v->mu, v->sigma);
      return FALSE;
    }
  if (v->mode == MLR_DISTRIBUTION_MODE_CLT &&
      (guint64) v->n * v->samples > MLR_DISTRIBUTION_MAX_DRAWS)
    {
      g_set_error (error, MLR_DISTRIBUTION_STATE_ERROR, MLR_DISTRIBUTION_STATE_ERROR_TOO_LARGE,
                   "mode=clt draws n × samples values, at most 1,000,000 (here %u × %u = "
                   "%" G_GUINT64_FORMAT ")", v->n, v->samples, (guint64) v->n * v->samples);
      return FALSE;
    }
  dist_params (v, &p0, &p1);
  return mlr_distribution_init (&dist, v->kind, p0, p1, error);
}

/**
 * mlr_distribution_state_check:
 * Whether @params work together: the uniform's a < b, the log-normal's limits, and n ×
 * samples within 1,000,000 draws in mode clt. Only what the chosen distribution and mode use
 * is checked.
 */
gboolean
mlr_distribution_state_check (const MlrParams  *params,
                              GError          **error)
{
  Values v;

  read_values (params, &v);
  return check_values (&v, error);
}

/* ---------------------------------------------------------------- the picture's ranges */

/* 1, 2 or 5 times a power of ten, the nearest to @v > 0 from below. */
static double
nice_step (double v)
{
  double mag = pow (10, floor (log10 (v)));

  if (v >= 5 * mag)
    return 5 * mag;
  if (v >= 2 * mag)
    return 2 * mag;
  return mag;
}

/* One standard deviation above the mean, to two significant digits of the sd; a whole
 * number for the discrete kinds. */
static double
default_x (const MlrDistribution *dist)
{
  double m = mlr_distribution_mean (dist), s = sqrt (mlr_distribution_variance (dist));
  double step;

  if (mlr_distribution_is_discrete (dist))
    return floor (m + s);
  step = pow (10, floor (log10 (s)) - 1);
  return round ((m + s) / step) * step;
}

/* A quantile for the picture's range: exact, except for a discrete kind with a standard
 * deviation above 1,000, where the bisection's CDFs (sums of thousands of terms) would cost
 * a tenth of a second and the Cornish–Fisher expansion is within a slot of it anyway. */
static double
view_quantile (const MlrDistributionState *self,
               double                      q)
{
  const MlrDistribution *d = &self->dist;
  double sd = sqrt (self->variance), z, skew;

  if (!mlr_distribution_is_discrete (d) || sd <= 1000)
    return mlr_distribution_quantile (d, q);
  z = mlr_normal_quantile (q);
  skew = d->kind == MLR_DIST_BINOMIAL ? (1 - 2 * d->p[1]) / sd : 1 / sd;
  return round (self->mean + sd * (z + (z * z - 1) * skew / 6));
}

/* The distribution's picture: the central 99% and, where the tails allow, the mean ± 3.2 sd
 * (so the ±1, 2, 3 σ marks show), not past 99.95%; a sliver beyond an end of the support it
 * reaches, so the density's edge shows. Whole-number slots for the discrete kinds. */
static void
compute_view (MlrDistributionState *self)
{
  const MlrDistribution *d = &self->dist;
  double sd = sqrt (self->variance), L, U;
  double lo = view_quantile (self, 0.005), hi = view_quantile (self, 0.995);

  mlr_distribution_support (d, &L, &U);
  lo = MIN (lo, MAX (self->mean - 3.2 * sd, view_quantile (self, 0.0005)));
  hi = MAX (hi, MIN (self->mean + 3.2 * sd, view_quantile (self, 0.9995)));
  if (mlr_distribution_is_discrete (d))
    {
      lo = MAX (floor (lo), L) - 0.5;
      hi = MIN (ceil (hi), U) + 0.5;
      /* at least seven slots (all of a smaller support), widened toward the side the
       * support allows */
      while (hi - lo < MIN (7, U - L + 1))
        {
          if (lo - 1 >= L - 0.5 && (hi + 1 > U + 0.5 || self->mean - lo < hi - self->mean))
            lo -= 1;
          else
            hi += 1;
        }
    }
  else
    {
      double w = hi - lo;
      if (isfinite (L) && lo - L < 0.05 * w)
        lo = L - 0.04 * (hi - L);
      if (isfinite (U) && U - hi < 0.05 * w)
        hi = U + 0.04 * (U - lo);
    }
  self->view_lo = lo;
  self->view_hi = hi;
}

/* The means' picture: their mean ± 4.5 σ/√n within the support's hull (the distribution's
 * own picture when n = 1); for the discrete kinds at least seven slots of 1/n. */
static void
compute_means_view (MlrDistributionState *self)
{
  double se = sqrt (self->variance / self->n), L, U;
  double lo, hi;

  if (self->n == 1)
    {
      self->means_lo = self->view_lo;
      self->means_hi = self->view_hi;
      return;
    }
  mlr_distribution_support (&self->dist, &L, &U);
  lo = MAX (self->mean - 4.5 * se, L);
  hi = MIN (self->mean + 4.5 * se, U);
  if (mlr_distribution_is_discrete (&self->dist))
    {
      double n = self->n;
      lo = floor (lo * n) / n - 0.5 / n;
      hi = ceil (hi * n) / n + 0.5 / n;
      while ((hi - lo) * n < 7 - 1e-9)
        {
          if (lo - 1 / n >= L - 0.5 / n)
            lo -= 1 / n;
          if ((hi - lo) * n < 7 - 1e-9)
            hi += 1 / n;
        }
    }
  else
    {
      double w = hi - lo;
      if (isfinite (L) && lo - L < 0.05 * w)
        lo = L - 0.04 * (hi - L);
      if (isfinite (U) && U - hi < 0.05 * w)
        hi = U + 0.04 * (U - lo);
    }
  self->means_lo = lo;
  self->means_hi = hi;
}

/* Fixed bins over what is drawn: Rice's rule (2 ∛samples, 10 to 100 bins) over the picture,
 * edges on the support's finite ends (or the mean), whole numbers for the discrete kinds
 * and multiples of 1/n for their means. */
static void
compute_bins (MlrDistributionState *self)
{
  gboolean clt = self->mode == MLR_DISTRIBUTION_MODE_CLT;
  double lo = clt ? self->means_lo : self->view_lo;
  double hi = clt ? self->means_hi : self->view_hi;
  double target = CLAMP (ceil (2 * cbrt (self->samples)), 10, 100);
  double L, U, w, anchor;

  mlr_distribution_support (&self->dist, &L, &U);
  if (mlr_distribution_is_discrete (&self->dist))
    {
      double unit = clt ? 1.0 / self->n : 1.0;
      double slots = (hi - lo) / unit;
      double m = MAX (1, ceil (slots / MAX (target, 40)));
      /* an edge half a slot below a whole slot, as many slots a bin */
      w = m * unit;
      anchor = (floor (self->mean / unit) - 0.5) * unit;
    }
  else
    {
      w = (hi - lo) / target;
      if (isfinite (L) && isfinite (U) && !clt)
        {
          /* a whole number of bins between the ends (the uniform, the beta) */
          double k = MAX (1, round ((U - L) / w));
          w = (U - L) / k;
        }
      anchor = isfinite (L) && lo <= L + w ? L : self->mean;
    }
  self->bin_width = w;
  self->bin_lo = anchor - ceil ((anchor - lo) / w - 1e-9) * w;
  self->n_bins = (guint) CLAMP (ceil ((hi - self->bin_lo) / w - 1e-9), 1, 400);
  g_free (self->counts);
  self->counts = g_new0 (guint, self->n_bins);
}

static void
update_at_x (MlrDistributionState *self)
{
  self->pdf_x = mlr_distribution_pdf (&self->dist, self->x);
  self->cdf_x = mlr_distribution_cdf (&self->dist, self->x);
}

/* Everything that follows from the parameters; the draws start again (not drawn here). */
static void
configure (MlrDistributionState *self)
{
  Values v = { self->kind, self->mode, self->mu, self->sigma, self->a, self->b, self->rate,
               self->trials, self->p, self->alpha, self->beta };
  double p0, p1;
  gboolean ok;

  dist_params (&v, &p0, &p1);
  ok = mlr_distribution_init (&self->dist, self->kind, p0, p1, NULL);
  g_assert (ok);  /* the parameters were checked */
  self->mean = mlr_distribution_mean (&self->dist);
  self->variance = mlr_distribution_variance (&self->dist);
  compute_view (self);
  compute_means_view (self);
  compute_bins (self);
  update_at_x (self);
}

/* ---------------------------------------------------------------- drawing */

static void
add_value (double  v,
           guint64 *n,
           double  *mean,
           double  *m2)
{
  double delta = v - *mean;

  *n += 1;
  *mean += delta / *n;
  *m2 += delta * (v - *mean);
}

static void
bin (MlrDistributionState *self,
     double                v)
{
  double i = floor ((v - self->bin_lo) / self->bin_width);

  if (i < 0)
    self->below++;
  else if (i >= self->n_bins)
    self->above++;
  else
    self->counts[(guint) i]++;
}

/* One sample (mode sample) or one mean of n draws (mode clt). */
static void
draw_one (MlrDistributionState *self)
{
  double v;

  if (self->mode == MLR_DISTRIBUTION_MODE_CLT)
    {
      guint64 means = self->drawn;
      double sum = 0;

      for (guint i = 0; i < self->n; i++)
        {
          double d = mlr_distribution_sample (&self->dist, &self->rng);
          sum += d;
          add_value (d, &self->n_values, &self->values_mean, &self->values_m2);
        }
      v = sum / self->n;
      {
        /* Welford with the third moment (Terriberry), for the means' skewness */
        double delta = v - self->means_mean, dn, t;
        means++;
        dn = delta / means;
        t = delta * dn * (means - 1);
        self->means_m3 += t * dn * (means - 2) - 3 * dn * self->means_m2;
        self->means_m2 += t;
        self->means_mean += dn;
      }
    }
  else
    {
      v = mlr_distribution_sample (&self->dist, &self->rng);
      add_value (v, &self->n_values, &self->values_mean, &self->values_m2);
    }
  bin (self, v);
  self->last = v;
  self->drawn++;
}

/**
 * mlr_distribution_state_draw:
 * Draws up to @count more samples (or means), not past `samples`; returns how many.
 */
guint
mlr_distribution_state_draw (MlrDistributionState *self,
                             guint                 count)
{
  guint k = MIN (count, self->samples - self->drawn);

  for (guint i = 0; i < k; i++)
    draw_one (self);
  self->target = MAX (self->target, self->drawn);
  return k;
}

/**
 * mlr_distribution_state_catch_up:
 * Draws toward what the last change left owed (see set_apply_budget), at most @max_values
 * single draws (a mean of n counts n); TRUE once nothing is owed.
 */
gboolean
mlr_distribution_state_catch_up (MlrDistributionState *self,
                                 guint64               max_values)
{
  guint per = self->mode == MLR_DISTRIBUTION_MODE_CLT ? self->n : 1;
  guint64 spent = 0;

  while (self->drawn < self->target && self->drawn < self->samples && spent < max_values)
    {
      draw_one (self);
      spent += per;
    }
  return mlr_distribution_state_is_settled (self);
}

/* Whether every sample a change left owed is drawn. */
gboolean
mlr_distribution_state_is_settled (const MlrDistributionState *self)
{
  return self->drawn >= MIN (self->target, self->samples);
}

/**
 * mlr_distribution_state_set_apply_budget:
 * How many single draws apply_param() makes before it returns (default: all of them). A
 * widget sets a frame's worth and draws the rest with catch_up() over the next frames, so a
 * slider never waits for a million draws.
 */
void
mlr_distribution_state_set_apply_budget (MlrDistributionState *self,
                                         guint64               max_values)
{
  self->apply_budget = max_values;
}

/* One more sample (or mean); FALSE when all are drawn. */
gboolean
mlr_distribution_state_step (MlrDistributionState *self)
{
  return mlr_distribution_state_draw (self, 1) == 1;
}

/* Back to no draws, the generator at its seed. */
void
mlr_distribution_state_rewind (MlrDistributionState *self)
{
  mlr_rng_init (&self->rng, self->seed);
  memset (self->counts, 0, self->n_bins * sizeof (guint));
  self->below = self->above = 0;
  self->drawn = 0;
  self->target = 0;
  self->n_values = 0;
  self->values_mean = self->values_m2 = 0;
  self->means_mean = self->means_m2 = self->means_m3 = 0;
  self->last = NAN;
}

void
mlr_distribution_state_finish (MlrDistributionState *self)
{
  mlr_distribution_state_draw (self, self->samples);
}

/* Owes every sample, drawing none yet: catch_up() draws them. */
void
mlr_distribution_state_finish_later (MlrDistributionState *self)
{
  self->target = self->samples;
}

gboolean
mlr_distribution_state_is_finished (const MlrDistributionState *self)
{
  return self->drawn >= self->samples;
}

/* Draws again from the seed, as far as before (all of them if all were drawn), up to the
 * apply budget now. */
static void
redraw (MlrDistributionState *self,
        guint                 target)
{
  mlr_distribution_state_rewind (self);
  self->target = target;
  mlr_distribution_state_catch_up (self, self->apply_budget);
}

/* ---------------------------------------------------------------- life */

static void
set_values (MlrDistributionState *self,
            const Values         *v)
{
  self->kind = v->kind;
  self->mode = v->mode;
  self->mu = v->mu;
  self->sigma = v->sigma;
  self->a = v->a;
  self->b = v->b;
  self->rate = v->rate;
  self->trials = v->trials;
  self->p = v->p;
  self->alpha = v->alpha;
  self->beta = v->beta;
  self->n = v->n;
  self->samples = v->samples;
  self->seed = v->seed;
}

/**
 * mlr_distribution_state_new:
 * The demo for @params with every sample drawn (the still picture `render` and `metrics`
 * show). Fails for parameters that do not work together (see check).
 */
MlrDistributionState *
mlr_distribution_state_new (const MlrParams  *params,
                            GError          **error)
{
  MlrDistributionState *self;
  Values v;

  read_values (params, &v);
  if (!check_values (&v, error))
    return NULL;
  self = g_new0 (MlrDistributionState, 1);
  self->apply_budget = G_MAXUINT64;
  set_values (self, &v);
  configure (self);
  self->x = v.has_x ? v.x : default_x (&self->dist);
  update_at_x (self);
  redraw (self, self->samples);
  return self;
}

void
mlr_distribution_state_free (MlrDistributionState *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self);
}

static void
set_number (MlrParams  *params,
            const char *key,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  mlr_params_set (params, key, buf, NULL);
}

/* Writes what the state holds into @params, x and any value a control pushed included. */
void
mlr_distribution_state_read_params (const MlrDistributionState *self,
                                    MlrParams                  *params)
{
  mlr_params_set (params, "distribution", mlr_distribution_kind_to_string (self->kind), NULL);
  mlr_params_set (params, "mode", modes[self->mode], NULL);
  set_number (params, "mu", self->mu);
  set_number (params, "sigma", self->sigma);
  set_number (params, "a", self->a);
  set_number (params, "b", self->b);
  set_number (params, "rate", self->rate);
  set_number (params, "trials", self->trials);
  set_number (params, "p", self->p);
  set_number (params, "alpha", self->alpha);
  set_number (params, "beta", self->beta);
  set_number (params, "x", self->x);
  set_number (params, "n", self->n);
  set_number (params, "samples", self->samples);
  set_number (params, "seed", (double) self->seed);
}

/* The clamps a control's change gets instead of a refusal (see the header). */
static void
fit_values (Values     *v,
            const char *key,
            double      old_a,
            double      old_b)
{
  /* an end of the uniform stops short of the other: 0.1 (a slider's step) or the old width
   * if that was narrower */
  double gap = MAX (MIN (0.1, old_b - old_a), MIN_WIDTH);

  if (v->kind == MLR_DIST_LOGNORMAL)
    {
      v->mu = CLAMP (v->mu, -MLR_DISTRIBUTION_LOGNORMAL_MAX_MU,
                     MLR_DISTRIBUTION_LOGNORMAL_MAX_MU);
      v->sigma = MIN (v->sigma, MLR_DISTRIBUTION_LOGNORMAL_MAX_SIGMA);
    }
  if (g_strcmp0 (key, "a") == 0 && v->b - v->a < MIN_WIDTH)
    v->a = v->b - gap;
  else if (g_strcmp0 (key, "b") == 0 && v->b - v->a < MIN_WIDTH)
    v->b = v->a + gap;
  else if (v->b - v->a < MIN_WIDTH)
    {
      /* a lesson's a >= b while another distribution was shown */
      v->b = MIN (v->a + 1, 1e6);
      v->a = MIN (v->a, v->b - 1);
    }
  if (v->mode == MLR_DISTRIBUTION_MODE_CLT &&
      (guint64) v->n * v->samples > MLR_DISTRIBUTION_MAX_DRAWS)
    v->samples = MLR_DISTRIBUTION_MAX_DRAWS / v->n;
}

/**
 * mlr_distribution_state_apply_param:
 * Applies the new value of @key in @params as the demo's control does: a new distribution
 * brings x to its default; the log-normal's limits, the uniform's order and the draw budget
 * are kept by clamping (see the header). Samples are drawn again from the seed, as far as
 * before (to the end when all were drawn); a new x draws nothing.
 */
gboolean
mlr_distribution_state_apply_param (MlrDistributionState  *self,
                                    const MlrParams       *params,
                                    const char            *key,
                                    GError               **error)
{
  Values v = { self->kind, self->mode, self->mu, self->sigma, self->a, self->b, self->rate,
               self->trials, self->p, self->alpha, self->beta, self->x, TRUE, self->n,
               self->samples, self->seed };
  Values given;
  guint owed = MAX (self->drawn, self->target);
  gboolean was_finished = owed >= self->samples;

  read_values (params, &given);
  if (g_str_equal (key, "x"))
    {
      mlr_distribution_state_set_x (self, given.x);
      return TRUE;
    }
#define TAKE(field) else if (g_str_equal (key, #field)) v.field = given.field
  if (g_str_equal (key, "distribution"))
    v.kind = given.kind;
  else if (g_str_equal (key, "mode"))
    v.mode = given.mode;
  TAKE (mu); TAKE (sigma); TAKE (a); TAKE (b); TAKE (rate); TAKE (trials); TAKE (p);
  TAKE (alpha); TAKE (beta); TAKE (n); TAKE (samples); TAKE (seed);
  else
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_UNKNOWN_KEY, "unknown key %s",
                   key);
      return FALSE;
    }
#undef TAKE
  fit_values (&v, key, self->a, self->b);
  if (!check_values (&v, error))
    return FALSE;
  set_values (self, &v);
  configure (self);
  if (g_str_equal (key, "distribution"))
    self->x = default_x (&self->dist);
  update_at_x (self);
  redraw (self, was_finished ? self->samples : MIN (owed, self->samples));
  return TRUE;
}

/* Whether @key matters now: the chosen distribution's parameters, n in mode clt. */
gboolean
mlr_distribution_state_param_relevant (const MlrDistributionState *self,
                                       const char                 *key)
{
  MlrDistKind k = self->kind;

  if (g_str_equal (key, "mu") || g_str_equal (key, "sigma"))
    return k == MLR_DIST_NORMAL || k == MLR_DIST_LOGNORMAL;
  if (g_str_equal (key, "a") || g_str_equal (key, "b"))
    return k == MLR_DIST_UNIFORM;
  if (g_str_equal (key, "rate"))
    return k == MLR_DIST_EXPONENTIAL || k == MLR_DIST_POISSON;
  if (g_str_equal (key, "trials") || g_str_equal (key, "p"))
    return k == MLR_DIST_BINOMIAL;
  if (g_str_equal (key, "alpha") || g_str_equal (key, "beta"))
    return k == MLR_DIST_BETA;
  if (g_str_equal (key, "n"))
    return self->mode == MLR_DISTRIBUTION_MODE_CLT;
  return TRUE;
}

/* ---------------------------------------------------------------- getters */

const MlrDistribution *
mlr_distribution_state_get_distribution (const MlrDistributionState *self)
{
  return &self->dist;
}

MlrDistributionMode
mlr_distribution_state_get_mode (const MlrDistributionState *self)
{
  return self->mode;
}

double
mlr_distribution_state_get_mean (const MlrDistributionState *self)
{
  return self->mean;
}

double
mlr_distribution_state_get_variance (const MlrDistributionState *self)
{
  return self->variance;
}

double
mlr_distribution_state_get_x (const MlrDistributionState *self)
{
  return self->x;
}

/* Moves the point where the density and the CDF are read (clamped to ±1e12). */
void
mlr_distribution_state_set_x (MlrDistributionState *self,
                              double                x)
{
  if (!isfinite (x))
    return;
  self->x = CLAMP (x, -1e12, 1e12);
  update_at_x (self);
}

/* The density (or probability) at x: +∞ where a beta's density is. */
double
mlr_distribution_state_get_pdf (const MlrDistributionState *self)
{
  return self->pdf_x;
}

double
mlr_distribution_state_get_cdf (const MlrDistributionState *self)
{
  return self->cdf_x;
}

/* The x range of the distribution's picture. */
void
mlr_distribution_state_get_view (const MlrDistributionState *self,
                                 double                     *lo,
                                 double                     *hi)
{
  *lo = self->view_lo;
  *hi = self->view_hi;
}

/* The x range of the means' picture (mode clt). */
void
mlr_distribution_state_get_means_view (const MlrDistributionState *self,
                                       double                     *lo,
                                       double                     *hi)
{
  *lo = self->means_lo;
  *hi = self->means_hi;
}

/* How far an arrow key moves x: 1 for the discrete kinds, else a round 1/80 of the view. */
double
mlr_distribution_state_x_step (const MlrDistributionState *self)
{
  if (mlr_distribution_is_discrete (&self->dist))
    return 1;
  return nice_step ((self->view_hi - self->view_lo) / 80);
}

guint
mlr_distribution_state_get_n (const MlrDistributionState *self)
{
  return self->n;
}

/* σ/√n, the sd the central limit theorem gives the means of n draws. */
double
mlr_distribution_state_get_clt_sd (const MlrDistributionState *self)
{
  return sqrt (self->variance / self->n);
}

guint
mlr_distribution_state_get_n_bins (const MlrDistributionState *self)
{
  return self->n_bins;
}

/* Bin i covers [lo + i width, lo + (i + 1) width). */
void
mlr_distribution_state_get_bins (const MlrDistributionState *self,
                                 double                     *lo,
                                 double                     *width)
{
  *lo = self->bin_lo;
  *width = self->bin_width;
}

const guint *
mlr_distribution_state_get_counts (const MlrDistributionState *self)
{
  return self->counts;
}

/* Draws (or means) that fell left and right of the bins. */
void
mlr_distribution_state_get_outside (const MlrDistributionState *self,
                                    guint                      *below,
                                    guint                      *above)
{
  *below = self->below;
  *above = self->above;
}

guint
mlr_distribution_state_get_samples (const MlrDistributionState *self)
{
  return self->samples;
}

guint
mlr_distribution_state_get_drawn (const MlrDistributionState *self)
{
  return self->drawn;
}

/* The newest sample (or mean), NaN before the first. */
double
mlr_distribution_state_get_last (const MlrDistributionState *self)
{
  return self->last;
}

/**
 * mlr_distribution_state_get_sample_stats:
 * The mean and the unbiased (n − 1) variance of every single value drawn so far (in mode
 * clt, all n × drawn of them); FALSE with fewer than two values.
 */
gboolean
mlr_distribution_state_get_sample_stats (const MlrDistributionState *self,
                                         double                     *mean,
                                         double                     *variance)
{
  if (self->n_values < 2)
    return FALSE;
  *mean = self->values_mean;
  *variance = self->values_m2 / (self->n_values - 1);
  return TRUE;
}

/* Mode clt: the mean of the sample means and their sd (n − 1); FALSE with fewer than two. */
gboolean
mlr_distribution_state_get_means_stats (const MlrDistributionState *self,
                                        double                     *mean,
                                        double                     *sd)
{
  if (self->mode != MLR_DISTRIBUTION_MODE_CLT || self->drawn < 2)
    return FALSE;
  *mean = self->means_mean;
  *sd = sqrt (self->means_m2 / (self->drawn - 1));
  return TRUE;
}

/**
 * mlr_distribution_state_get_means_skewness:
 * Mode clt: the skewness of the sample means, m₃ / m₂^(3/2) with the moments about their
 * mean (0 for a normal; the exponential's means of n have 2/√n); FALSE with fewer than three
 * means or when they are all equal.
 */
gboolean
mlr_distribution_state_get_means_skewness (const MlrDistributionState *self,
                                           double                     *skewness)
{
  if (self->mode != MLR_DISTRIBUTION_MODE_CLT || self->drawn < 3 || !(self->means_m2 > 0))
    return FALSE;
  *skewness = sqrt ((double) self->drawn) * self->means_m3 / pow (self->means_m2, 1.5);
  return TRUE;
}

/**
 * mlr_distribution_state_collect_metrics:
 * distribution and mode (strings); the exact mean, variance and sd; x, the density (or
 * probability) there (left out where it is infinite) and P(X ≤ x); the drawn values' mean
 * and unbiased variance (with at least two); in mode clt the means' mean, sd (n − 1) and
 * skewness, σ/√n and n; samples and how many are drawn; and the chosen distribution's
 * parameters.
 */
void
mlr_distribution_state_collect_metrics (const MlrDistributionState *self,
                                        MlrMetricFunc               func,
                                        gpointer                    user_data)
{
  double m, v;

  func ("distribution", g_variant_new_string (mlr_distribution_kind_to_string (self->kind)),
        user_data);
  func ("mode", g_variant_new_string (modes[self->mode]), user_data);
  func ("mean", g_variant_new_double (self->mean), user_data);
  func ("variance", g_variant_new_double (self->variance), user_data);
  func ("sd", g_variant_new_double (sqrt (self->variance)), user_data);
  func ("x", g_variant_new_double (self->x), user_data);
  if (isfinite (self->pdf_x))
    func ("pdf", g_variant_new_double (self->pdf_x), user_data);
  func ("cdf", g_variant_new_double (self->cdf_x), user_data);
  if (mlr_distribution_state_get_sample_stats (self, &m, &v))
    {
      func ("sample_mean", g_variant_new_double (m), user_data);
      func ("sample_variance", g_variant_new_double (v), user_data);
    }
  if (self->mode == MLR_DISTRIBUTION_MODE_CLT)
    {
      if (mlr_distribution_state_get_means_stats (self, &m, &v))
        {
          func ("means_mean", g_variant_new_double (m), user_data);
          func ("means_sd", g_variant_new_double (v), user_data);
        }
      if (mlr_distribution_state_get_means_skewness (self, &v))
        func ("means_skewness", g_variant_new_double (v), user_data);
      func ("clt_sd", g_variant_new_double (mlr_distribution_state_get_clt_sd (self)),
            user_data);
      func ("n", g_variant_new_double (self->n), user_data);
    }
  func ("samples", g_variant_new_double (self->samples), user_data);
  func ("drawn", g_variant_new_double (self->drawn), user_data);
  switch (self->kind)
    {
    case MLR_DIST_NORMAL:
    case MLR_DIST_LOGNORMAL:
      func ("mu", g_variant_new_double (self->mu), user_data);
      func ("sigma", g_variant_new_double (self->sigma), user_data);
      break;
    case MLR_DIST_UNIFORM:
      func ("a", g_variant_new_double (self->a), user_data);
      func ("b", g_variant_new_double (self->b), user_data);
      break;
    case MLR_DIST_EXPONENTIAL:
    case MLR_DIST_POISSON:
      func ("rate", g_variant_new_double (self->rate), user_data);
      break;
    case MLR_DIST_BINOMIAL:
      func ("trials", g_variant_new_double (self->trials), user_data);
      func ("p", g_variant_new_double (self->p), user_data);
      break;
    case MLR_DIST_BETA:
      func ("alpha", g_variant_new_double (self->alpha), user_data);
      func ("beta", g_variant_new_double (self->beta), user_data);
      break;
    case MLR_N_DISTS:
    default:
      break;
    }
}
