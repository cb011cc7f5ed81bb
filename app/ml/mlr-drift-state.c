/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-drift-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-rng.h"

struct _MlrDriftState
{
  /* parameters */
  double mean_shift, spread, mix, concept_shift;
  double psi_alarm, ks_alarm, accuracy_alarm;
  guint  weeks, n, retrain;
  guint64 seed;

  /* each week's draws, sorted by z: x = mean + sd z (or the segment's), so a week's x comes
   * out sorted by merging its two groups, and a shift needs no new draws and no sort */
  double       *z;          /* (weeks + 1) × n */
  double       *u;          /* the label's uniform u as a threshold: logit(u) / slope, so that
                             * y = u < σ(slope (x − c)) is x − c > it, with no exp a frame */
  double       *s;          /* the segment's uniform */

  /* weeks 0 … weeks: sorted x, the labels in sorted order, the stats */
  double       *x;          /* (weeks + 1) × n */
  guint8       *y;
  MlrDriftWeek  week[MLR_DRIFT_MAX_WEEKS + 1];
  double        edges[2][MLR_DRIFT_BINS - 1];  /* the original and the retrained reference */
};

static const MlrParamSpec param_specs[] = {
  { .key = "mean_shift", .type = MLR_PARAM_NUMBER, .default_value = "1.5", .min = -3, .max = 3,
    .help = N_("Covariate shift: how far the feature's mean has moved by the last week, in "
               "reference standard deviations (growing linearly week by week). The labels "
               "still follow the same rule of x"),
    .label = N_("Mean shift"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.05, .digits = 2 },
  { .key = "spread", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0.25, .max = 4,
    .help = N_("Covariate shift: the feature's standard deviation by the last week (1 = as in "
               "the reference)"),
    .label = N_("Spread"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.25, .ui_max = 4, .digits = 2 },
  { .key = "mix", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = 0, .max = 1,
    .help = N_("Covariate shift: the share of the last week's traffic that comes from a new "
               "segment of users, x ~ N(2.5, 0.5²)"),
    .label = N_("New segment"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2 },
  { .key = "concept_shift", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = -3,
    .max = 3,
    .help = N_("Concept drift: how far the true class boundary has moved by the last week. "
               "The inputs do not change at all, only what their labels are"),
    .label = N_("Concept shift"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.05, .digits = 2,
    .row = 1 },
  { .key = "retrain", .type = MLR_PARAM_INT, .default_value = "0", .min = 0,
    .max = MLR_DRIFT_MAX_WEEKS,
    .help = N_("The week the model was retrained on that week's labelled window, which then "
               "becomes the reference (0 = never; a week after the last counts as the last)"),
    .label = N_("Retrained at week"), .row = 1 },
  { .key = "weeks", .type = MLR_PARAM_INT, .default_value = "12", .min = 4,
    .max = MLR_DRIFT_MAX_WEEKS,
    .help = N_("How many production weeks follow the reference window (4 to 52)"),
    .label = N_("Weeks"), .more = TRUE },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "500", .min = 50, .max = 5000,
    .help = N_("Samples in each weekly window and in the reference (50 to 5,000)"),
    .label = N_("Samples a week"), .more = TRUE },
  { .key = "psi_alarm", .type = MLR_PARAM_NUMBER, .default_value = "0.2", .min = 0.01,
    .max = 2,
    .help = N_("Raise an alarm when a week's PSI reaches this (0.1 = watch, 0.2 = act is the "
               "usual rule of thumb)"),
    .label = N_("PSI alarm"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.05, .ui_max = 1,
    .ui_step = 0.01, .digits = 2, .more = TRUE },
  { .key = "ks_alarm", .type = MLR_PARAM_NUMBER, .default_value = "0.15", .min = 0.01,
    .max = 1,
    .help = N_("Raise an alarm when a week's KS statistic (the largest gap between the two "
               "cumulative distributions) reaches this"),
    .label = N_("KS alarm"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.02, .ui_max = 0.5,
    .ui_step = 0.01, .digits = 2, .more = TRUE },
  { .key = "accuracy_alarm", .type = MLR_PARAM_NUMBER, .default_value = "0.8", .min = 0.5,
    .max = 1,
    .help = N_("Raise an alarm when a week's accuracy falls below this (labels arrive with "
               "the week)"),
    .label = N_("Accuracy alarm"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2,
    .more = TRUE },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = 1000000000,
    .help = N_("The random seed of the samples"), .label = N_("Seed"), .more = TRUE },
};

static const char * const metric_names[] = { "psi", "ks_statistic", "accuracy", NULL };

const MlrParamSpec *
mlr_drift_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_drift_state_metric_names (void)
{
  return metric_names;
}

/**
 * mlr_drift_fit_stump:
 * The threshold t of the rule "1 when x > t" with the highest accuracy on @x (sorted
 * ascending) and @y; t lies halfway between the two values it separates (below the least or
 * above the greatest by one unit when everyone is predicted the same). Ties: the lowest t.
 */
double
mlr_drift_fit_stump (const double *x,
                     const guint8 *y,
                     guint         n,
                     double       *accuracy)
{
  guint ones = 0, zeros_below = 0, ones_below = 0, best_right = 0, best = 0;

  for (guint i = 0; i < n; i++)
    ones += y[i];
  /* everyone predicted 1: t below the least value */
  best = ones;
  best_right = 0;
  for (guint i = 0; i < n; i++)
    {
      zeros_below += !y[i];
      ones_below += y[i];
      /* a cut only between distinct values */
      if (i + 1 < n && x[i + 1] == x[i])
        continue;
      if (zeros_below + (ones - ones_below) > best)
        {
          best = zeros_below + (ones - ones_below);
          best_right = i + 1;
        }
    }
  if (accuracy != NULL)
    *accuracy = n > 0 ? (double) best / n : 0;
  if (n == 0)
    return 0;
  if (best_right == 0)
    return x[0] - 1;
  if (best_right == n)
    return x[n - 1] + 1;
  return 0.5 * (x[best_right - 1] + x[best_right]);
}

typedef struct {
  double z, u, s;
} Draw;

static int
compare_draws (const void *a,
               const void *b)
{
  double x = ((const Draw *) a)->z, y = ((const Draw *) b)->z;

  return (x > y) - (x < y);
}

/* Every week's draws: week @w's stream is seeded by (seed, w), so each slider moves the same
 * people; stored sorted by z. */
static void
draw_weeks (MlrDriftState *self)
{
  g_autofree Draw *d = g_new (Draw, self->n);

  for (guint w = 0; w <= self->weeks; w++)
    {
      gsize base = (gsize) w * self->n;
      MlrRng rng;

      mlr_rng_init (&rng, self->seed * 1000003u + w * 7919u + 17);
      for (guint i = 0; i < self->n; i++)
        {
          d[i].z = mlr_rng_normal (&rng);
          d[i].u = mlr_rng_uniform (&rng);
          d[i].s = mlr_rng_uniform (&rng);
        }
      qsort (d, self->n, sizeof *d, compare_draws);
      for (guint i = 0; i < self->n; i++)
        {
          self->z[base + i] = d[i].z;
          self->u[base + i] = log (d[i].u / (1 - d[i].u)) / MLR_DRIFT_SLOPE;
          self->s[base + i] = d[i].s;
        }
    }
}

/* Week @w's x, sorted, and its labels: the main group (mean + sd z, sd > 0) and the new
 * segment are each in z's order already; merging them sorts the week in O(n). */
static void
shift_week (MlrDriftState *self,
            guint          w)
{
  gsize base = (gsize) w * self->n;
  double frac = (double) w / self->weeks;
  double mean = self->mean_shift * frac;
  double sd = 1 + (self->spread - 1) * frac;
  double mix = self->mix * frac;
  double c = self->concept_shift * frac;
  const double *z = self->z + base, *u = self->u + base, *sg = self->s + base;
  double *x = self->x + base;
  guint8 *y = self->y + base;
  guint i = 0, j = 0, k = 0, n = self->n;
  double sum = 0;

  /* i walks the main group, j the segment, both in z order */
  while (k < n)
    {
      while (i < n && sg[i] < mix)
        i++;
      while (j < n && !(sg[j] < mix))
        j++;
      if (i < n && (j >= n || mean + sd * z[i] <= MLR_DRIFT_SEGMENT_MEAN +
                                                MLR_DRIFT_SEGMENT_SD * z[j]))
        {
          x[k] = mean + sd * z[i];
          y[k] = x[k] - c > u[i];
          i++;
        }
      else
        {
          x[k] = MLR_DRIFT_SEGMENT_MEAN + MLR_DRIFT_SEGMENT_SD * z[j];
          y[k] = x[k] - c > u[j];
          j++;
        }
      sum += x[k];
      k++;
    }
  self->week[w].boundary = c;
  self->week[w].mean = sum / n;
}

/* mlr_drift_shares for sorted @x: the bin (how many edges lie strictly below a value) only
 * grows along it, so one walk replaces a search per value. */
static void
sorted_shares (const double *edges,
               const double *x,
               guint         n,
               double       *shares)
{
  guint counts[MLR_DRIFT_BINS] = { 0 }, b = 0;

  for (guint i = 0; i < n; i++)
    {
      while (b < MLR_DRIFT_BINS - 1 && edges[b] < x[i])
        b++;
      counts[b]++;
    }
  for (b = 0; b < MLR_DRIFT_BINS; b++)
    shares[b] = counts[b] > 0 ? (double) counts[b] / n : MLR_DRIFT_EMPTY_SHARE;
}

static void
simulate (MlrDriftState *self)
{
  guint n = self->n;
  double ref_shares[MLR_DRIFT_BINS], shares[MLR_DRIFT_BINS];
  guint ref = 0;
  double t = 0;

  for (guint w = 0; w <= self->weeks; w++)
    shift_week (self, w);

  for (guint w = 0; w <= self->weeks; w++)
    {
      const double *x = self->x + (gsize) w * n;
      const guint8 *y = self->y + (gsize) w * n;
      const double *rx = self->x + (gsize) ref * n;
      const double *edges = self->edges[ref == 0 ? 0 : 1];
      MlrDriftWeek *wk = &self->week[w];
      guint right = 0;

      if (w == 0 || w == self->retrain)
        {
          /* a new reference: its deciles, and the stump refitted on its labels */
          ref = w;
          rx = x;
          edges = self->edges[ref == 0 ? 0 : 1];
          mlr_drift_edges (rx, n, MLR_DRIFT_BINS, (double *) edges);
          t = mlr_drift_fit_stump (x, y, n, NULL);
          sorted_shares (edges, rx, n, ref_shares);
        }
      sorted_shares (edges, x, n, shares);
      wk->psi = mlr_drift_psi_from_shares (ref_shares, shares, MLR_DRIFT_BINS);
      wk->ks_statistic = mlr_drift_ks_statistic (rx, n, x, n);
      for (guint i = 0; i < n; i++)
        right += (x[i] > t) == y[i];
      wk->accuracy = (double) right / n;
      wk->threshold = t;
      wk->alarms = 0;
      if (w > 0)
        {
          if (wk->psi >= self->psi_alarm)
            wk->alarms |= MLR_DRIFT_ALARM_PSI;
          if (wk->ks_statistic >= self->ks_alarm)
            wk->alarms |= MLR_DRIFT_ALARM_KS;
          if (wk->accuracy < self->accuracy_alarm)
            wk->alarms |= MLR_DRIFT_ALARM_ACCURACY;
        }
    }
}

static void read_shifts (MlrDriftState   *self,
                         const MlrParams *params);

/* The windows' size and seed from @params, and their draws. */
static void
redraw (MlrDriftState   *self,
        const MlrParams *params)
{
  gsize total;

  self->weeks = (guint) CLAMP (mlr_params_get_int (params, "weeks"), 4, MLR_DRIFT_MAX_WEEKS);
  self->n = (guint) CLAMP (mlr_params_get_int (params, "n"), 50, 5000);
  self->seed = (guint64) MAX (mlr_params_get_int (params, "seed"), 0);
  total = (gsize) (self->weeks + 1) * self->n;
  self->z = g_renew (double, self->z, total);
  self->u = g_renew (double, self->u, total);
  self->s = g_renew (double, self->s, total);
  self->x = g_renew (double, self->x, total);
  self->y = g_renew (guint8, self->y, total);
  draw_weeks (self);
}

/**
 * mlr_drift_state_new:
 * The weeks for @params; every value the table accepts works (retrain after the last week
 * counts as the last week), so this does not fail.
 */
MlrDriftState *
mlr_drift_state_new (const MlrParams  *params,
                     GError          **error)
{
  MlrDriftState *self = g_new0 (MlrDriftState, 1);

  redraw (self, params);
  read_shifts (self, params);
  simulate (self);
  return self;
}

/**
 * mlr_drift_state_apply_param:
 * Applies a changed @key: the shifts, the alarms and the retraining week reuse the week's
 * draws (no new random numbers, no sort: O(weeks × n)); weeks, n and seed draw the weeks
 * again. Never fails.
 */
gboolean
mlr_drift_state_apply_param (MlrDriftState    *self,
                             const MlrParams  *params,
                             const char       *key,
                             GError          **error)
{
  if (g_str_equal (key, "weeks") || g_str_equal (key, "n") || g_str_equal (key, "seed"))
    redraw (self, params);
  read_shifts (self, params);
  simulate (self);
  return TRUE;
}

static void
read_shifts (MlrDriftState   *self,
             const MlrParams *params)
{
  self->mean_shift = mlr_params_get_double (params, "mean_shift");
  self->spread = mlr_params_get_double (params, "spread");
  self->mix = mlr_params_get_double (params, "mix");
  self->concept_shift = mlr_params_get_double (params, "concept_shift");
  self->psi_alarm = mlr_params_get_double (params, "psi_alarm");
  self->ks_alarm = mlr_params_get_double (params, "ks_alarm");
  self->accuracy_alarm = mlr_params_get_double (params, "accuracy_alarm");
  self->retrain = (guint) CLAMP (mlr_params_get_int (params, "retrain"), 0, self->weeks);
}

gboolean
mlr_drift_state_check (const MlrParams  *params,
                       GError          **error)
{
  return TRUE;
}

void
mlr_drift_state_free (MlrDriftState *self)
{
  if (self == NULL)
    return;
  g_free (self->z);
  g_free (self->u);
  g_free (self->s);
  g_free (self->x);
  g_free (self->y);
  g_free (self);
}

guint
mlr_drift_state_get_weeks (const MlrDriftState *self)
{
  return self->weeks;
}

guint
mlr_drift_state_get_n (const MlrDriftState *self)
{
  return self->n;
}

/* The week the model was retrained (0: never), at most the last week. */
guint
mlr_drift_state_get_retrain (const MlrDriftState *self)
{
  return self->retrain;
}

/* Week @week (0 = the reference window, up to the number of weeks). */
const MlrDriftWeek *
mlr_drift_state_get_week (const MlrDriftState *self,
                          guint                week)
{
  g_return_val_if_fail (week <= self->weeks, NULL);
  return &self->week[week];
}

double
mlr_drift_state_get_alarm (const MlrDriftState *self,
                           MlrDriftAlarm        alarm)
{
  switch (alarm)
    {
    case MLR_DRIFT_ALARM_PSI:
      return self->psi_alarm;
    case MLR_DRIFT_ALARM_KS:
      return self->ks_alarm;
    case MLR_DRIFT_ALARM_ACCURACY:
    default:
      return self->accuracy_alarm;
    }
}

/* A shift's amount at the last week: mean_shift, spread, mix or concept_shift. */
double
mlr_drift_state_get_amount (const MlrDriftState *self,
                            const char          *key)
{
  if (g_str_equal (key, "mean_shift"))
    return self->mean_shift;
  if (g_str_equal (key, "spread"))
    return self->spread;
  if (g_str_equal (key, "mix"))
    return self->mix;
  return self->concept_shift;
}

/* Week @week's x, sorted ascending; @n receives how many. */
const double *
mlr_drift_state_get_sample (const MlrDriftState *self,
                            guint                week,
                            guint               *n)
{
  g_return_val_if_fail (week <= self->weeks, NULL);
  *n = self->n;
  return self->x + (gsize) week * self->n;
}

/* The MLR_DRIFT_BINS − 1 inner PSI edges in force for @week. */
const double *
mlr_drift_state_get_edges (const MlrDriftState *self,
                           guint                week)
{
  return self->edges[self->retrain > 0 && week >= self->retrain ? 1 : 0];
}

/* The first week (after any retraining) with an alarm, or 0 when there is none. */
guint
mlr_drift_state_first_alarm (const MlrDriftState *self)
{
  for (guint w = self->retrain + 1; w <= self->weeks; w++)
    if (self->week[w].alarms != 0)
      return w;
  return 0;
}

/**
 * mlr_drift_state_collect_metrics:
 * The last week's psi, ks_statistic and accuracy.
 */
void
mlr_drift_state_collect_metrics (const MlrDriftState *self,
                                 MlrMetricFunc        func,
                                 gpointer             user_data)
{
  const MlrDriftWeek *last = &self->week[self->weeks];

  func ("psi", g_variant_new_double (last->psi), user_data);
  func ("ks_statistic", g_variant_new_double (last->ks_statistic), user_data);
  func ("accuracy", g_variant_new_double (last->accuracy), user_data);
}
