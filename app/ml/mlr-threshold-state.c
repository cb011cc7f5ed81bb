/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-threshold-state.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-rng.h"

struct _MlrThresholdState
{
  /* parameters */
  double     threshold;
  double     separation;
  double     spread;
  double     share;
  guint      n;
  guint64    seed;
  double     cost_fp;
  double     cost_fn;
  guint      bins;
  gboolean   calibrate;

  /* the data */
  char      *source_name;   /* the imported file's name, or NULL for generated scores */
  MlrScores *raw;
  MlrScores *calibrated;
  MlrPlatt   platt;
  guint64    generation;    /* moves whenever what a picture shows of the scores changes */

  /* about the scores in use */
  double     auc, ap, brier, log_loss;
  MlrConfusion confusion;
  double     optimal, optimal_cost;
  /* for drawing the scores in use */
  MlrCurve   roc, pr;
  guint      hist_neg[MLR_THRESHOLD_HIST_BINS];
  guint      hist_pos[MLR_THRESHOLD_HIST_BINS];
  /* reliability, [0] raw and [1] recalibrated */
  double     ece[2];
  double    *mean_score[2];
  double    *mean_label[2];
  guint     *count[2];
};

static const MlrParamSpec param_specs[] = {
  { .key = "threshold", .type = MLR_PARAM_NUMBER, .default_value = "0.5", .min = 0, .max = 1,
    .help = N_("Cases scoring at least this are called positive. Drag the line, or use the "
               "arrow keys"),
    .label = N_("Threshold"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.005, .digits = 3 },
  { .key = "calibrate", .type = MLR_PARAM_BOOL, .default_value = "false",
    .help = N_("Replace each score s by σ(a·s + b), Platt scaling fitted to these labels; the "
               "threshold then applies to the recalibrated scores"),
    .label = N_("Platt scaling") },
  { .key = "separation", .type = MLR_PARAM_NUMBER, .default_value = "2", .min = 0, .max = 8,
    .help = N_("How far apart the two classes' log-odds scores are on average: 0 is a "
               "model that cannot tell them apart"),
    .label = N_("Separation"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.1, .digits = 1,
    .row = 1 },
  { .key = "spread", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0.1, .max = 4,
    .help = N_("The standard deviation of each class's log-odds scores: more spread, more "
               "overlap"),
    .label = N_("Spread"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.1, .digits = 1, .row = 1 },
  { .key = "positives", .type = MLR_PARAM_NUMBER, .default_value = "0.3", .min = 0.01,
    .max = 0.99,
    .help = N_("The share of cases that are positive (the base rate). Rare positives make "
               "precision hard"),
    .label = N_("Positives"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.005, .digits = 3,
    .row = 1 },
  { .key = "cost_fp", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0, .max = 1000,
    .help = N_("What one false positive (a false alarm) costs"),
    .label = N_("Cost of a false positive"), .ui_max = 100, .digits = 1, .row = 2 },
  { .key = "cost_fn", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0, .max = 1000,
    .help = N_("What one false negative (a missed positive) costs"),
    .label = N_("Cost of a false negative"), .ui_max = 100, .digits = 1, .row = 2 },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "1000", .min = 20,
    .max = MLR_THRESHOLD_MAX_N,
    .help = N_("How many cases are scored"),
    .label = N_("Cases"), .more = TRUE },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = 1000000000,
    .help = N_("The random seed of the generated scores (N draws the next one)"),
    .label = N_("Seed"), .more = TRUE },
  { .key = "bins", .type = MLR_PARAM_INT, .default_value = "10", .min = 1,
    .max = MLR_THRESHOLD_MAX_BINS,
    .help = N_("Equal-width bins of the reliability diagram and the expected calibration "
               "error"),
    .label = N_("Calibration bins"), .more = TRUE },
};

static const char * const generator_keys[] = {
  "separation", "spread", "positives", "n", "seed", NULL
};

static const char * const metric_names[] = {
  "auc", "average_precision", "precision", "recall", "f1", "fpr", "brier", "ece", "log_loss",
  NULL
};

const MlrParamSpec *
mlr_threshold_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_threshold_state_metric_names (void)
{
  return metric_names;
}

static void
read_params (MlrThresholdState *self,
             const MlrParams   *params)
{
  self->threshold = mlr_params_get_double (params, "threshold");
  self->calibrate = mlr_params_get_bool (params, "calibrate");
  self->separation = mlr_params_get_double (params, "separation");
  self->spread = mlr_params_get_double (params, "spread");
  self->share = mlr_params_get_double (params, "positives");
  self->cost_fp = mlr_params_get_double (params, "cost_fp");
  self->cost_fn = mlr_params_get_double (params, "cost_fn");
  self->n = (guint) CLAMP (mlr_params_get_int (params, "n"), 20, MLR_THRESHOLD_MAX_N);
  self->seed = (guint64) MAX (mlr_params_get_int (params, "seed"), 0);
  self->bins = (guint) CLAMP (mlr_params_get_int (params, "bins"), 1, MLR_THRESHOLD_MAX_BINS);
}

/* ---- what follows from the scores */

static const MlrScores *
in_use (const MlrThresholdState *self)
{
  return self->calibrate ? self->calibrated : self->raw;
}

static void
update_confusion (MlrThresholdState *self)
{
  mlr_scores_confusion (in_use (self), self->threshold, &self->confusion);
}

static void
update_optimum (MlrThresholdState *self)
{
  self->optimal = mlr_scores_cost_optimal (in_use (self), self->cost_fp, self->cost_fn,
                                           &self->optimal_cost);
}

static void
update_reliability (MlrThresholdState *self)
{
  self->generation++;
  for (guint w = 0; w < 2; w++)
    {
      g_free (self->mean_score[w]);
      g_free (self->mean_label[w]);
      g_free (self->count[w]);
      self->mean_score[w] = g_new (double, self->bins);
      self->mean_label[w] = g_new (double, self->bins);
      self->count[w] = g_new (guint, self->bins);
      self->ece[w] = mlr_scores_reliability (w ? self->calibrated : self->raw, self->bins,
                                             self->mean_score[w], self->mean_label[w],
                                             self->count[w]);
    }
}

/* Appends (x, y) unless it is within MLR_CURVE_RESOLUTION of the last point on both axes;
 * @last keeps it anyway. */
static void
curve_add (MlrCurve *c,
           double    x,
           double    y,
           gboolean  last)
{
  if (!last && c->n > 0 && fabs (x - c->x[c->n - 1]) < MLR_CURVE_RESOLUTION &&
      fabs (y - c->y[c->n - 1]) < MLR_CURVE_RESOLUTION)
    return;
  c->x[c->n] = x;
  c->y[c->n] = y;
  c->n++;
}

/* The ROC curve through (FPR, TPR) after each distinct score, and the precision–recall step
 * function (precision P_k on (R_{k−1}, R_k]) whose area is the average precision. */
static void
update_curves (MlrThresholdState *self)
{
  const MlrScores *s = in_use (self);
  guint G = mlr_scores_get_n_groups (s);
  double P = mlr_scores_get_n_positive (s), N = mlr_scores_get_n_negative (s);
  double last_recall = 0;
  guint tp, fp;

  g_free (self->roc.x);
  g_free (self->roc.y);
  g_free (self->pr.x);
  g_free (self->pr.y);
  self->roc.n = self->pr.n = 0;
  self->roc.x = g_new (double, G + 1);
  self->roc.y = g_new (double, G + 1);
  self->pr.x = g_new (double, 2 * G);
  self->pr.y = g_new (double, 2 * G);
  for (guint k = 0; k <= G; k++)
    {
      mlr_scores_get_flagged (s, k, &tp, &fp);
      curve_add (&self->roc, fp / N, tp / P, k == 0 || k == G);
      if (k > 0)
        {
          double recall = tp / P, precision = (double) tp / (tp + fp);
          curve_add (&self->pr, last_recall, precision, k == 1);
          curve_add (&self->pr, recall, precision, k == G);
          last_recall = recall;
        }
    }
  mlr_scores_histogram (s, MLR_THRESHOLD_HIST_BINS, self->hist_neg, self->hist_pos);
}

/* Everything about the scores in use (after new data or the calibrate switch). */
static void
update_all (MlrThresholdState *self)
{
  const MlrScores *s = in_use (self);

  self->auc = mlr_scores_auc (s);
  self->ap = mlr_scores_average_precision (s);
  self->brier = mlr_scores_brier (s);
  self->log_loss = mlr_scores_log_loss (s);
  update_confusion (self);
  update_optimum (self);
  update_reliability (self);
  update_curves (self);
}

/* New raw scores: refit Platt scaling. Takes @raw. */
static void
install_scores (MlrThresholdState *self,
                MlrScores         *raw)
{
  g_clear_pointer (&self->raw, mlr_scores_free);
  g_clear_pointer (&self->calibrated, mlr_scores_free);
  self->raw = raw;
  mlr_scores_fit_platt (raw, &self->platt);
  self->calibrated = mlr_scores_new_calibrated (raw, &self->platt);
  update_all (self);
}

static void
generate (MlrThresholdState *self)
{
  g_autofree double *scores = g_new (double, self->n);
  g_autofree guint8 *labels = g_new (guint8, self->n);
  guint n_pos = (guint) CLAMP (round (self->n * self->share), 1, self->n - 1);
  MlrRng rng;
  MlrScores *raw;

  mlr_rng_init (&rng, self->seed);
  for (guint i = 0; i < self->n; i++)
    {
      double mean = i < n_pos ? self->separation / 2 : -self->separation / 2;
      double z = mean + self->spread * mlr_rng_normal (&rng);

      labels[i] = i < n_pos;
      scores[i] = 1 / (1 + exp (-z));
    }
  /* both classes, scores in [0, 1]: this cannot fail */
  raw = mlr_scores_new (scores, labels, self->n, NULL);
  g_assert (raw != NULL);
  g_clear_pointer (&self->source_name, g_free);
  install_scores (self, raw);
}

/**
 * mlr_threshold_state_new:
 * The demo for @params: scores generated from its keys. Every combination the table accepts
 * works, so this does not fail; the signature is the demos'.
 */
MlrThresholdState *
mlr_threshold_state_new (const MlrParams  *params,
                         GError          **error)
{
  MlrThresholdState *self = g_new0 (MlrThresholdState, 1);

  read_params (self, params);
  generate (self);
  return self;
}

/* Every value the table takes works together. */
gboolean
mlr_threshold_state_check (const MlrParams  *params,
                           GError          **error)
{
  return TRUE;
}

void
mlr_threshold_state_free (MlrThresholdState *self)
{
  if (self == NULL)
    return;
  mlr_scores_free (self->raw);
  mlr_scores_free (self->calibrated);
  for (guint w = 0; w < 2; w++)
    {
      g_free (self->mean_score[w]);
      g_free (self->mean_label[w]);
      g_free (self->count[w]);
    }
  g_free (self->roc.x);
  g_free (self->roc.y);
  g_free (self->pr.x);
  g_free (self->pr.y);
  g_free (self->source_name);
  g_free (self);
}

/**
 * mlr_threshold_state_apply_param:
 * Applies the changed @key of @params, redoing only what depends on it: the threshold moves
 * the confusion matrix (a binary search), the costs the optimum, the bins the reliability
 * diagram; a key of the generator draws new scores (and leaves imported ones).
 */
gboolean
mlr_threshold_state_apply_param (MlrThresholdState  *self,
                                 const MlrParams    *params,
                                 const char         *key,
                                 GError            **error)
{
  gboolean calibrate = self->calibrate;
  guint bins = self->bins;

  read_params (self, params);
  if (g_strv_contains (generator_keys, key))
    generate (self);
  else if (g_str_equal (key, "threshold"))
    update_confusion (self);
  else if (g_str_equal (key, "cost_fp") || g_str_equal (key, "cost_fn"))
    update_optimum (self);
  else if (g_str_equal (key, "bins"))
    {
      if (bins != self->bins)
        update_reliability (self);
    }
  else if (g_str_equal (key, "calibrate"))
    {
      if (calibrate != self->calibrate)
        update_all (self);
    }
  else
    update_all (self);
  return TRUE;
}

/* The generator's keys matter only while the scores are generated. */
gboolean
mlr_threshold_state_param_relevant (const MlrThresholdState *self,
                                    const char              *key)
{
  if (g_strv_contains (generator_keys, key))
    return self->source_name == NULL;
  return TRUE;
}

/**
 * mlr_threshold_state_set_scores:
 * Uses @n imported scores with their labels (0/1, both present; scores in [0, 1]) instead of
 * generated ones; @name is what the picture calls them (a file name). On an error the
 * scores stay as they were.
 */
gboolean
mlr_threshold_state_set_scores (MlrThresholdState  *self,
                                const double       *scores,
                                const guint8       *labels,
                                guint               n,
                                const char         *name,
                                GError            **error)
{
  MlrScores *raw = mlr_scores_new (scores, labels, n, error);

  if (raw == NULL)
    return FALSE;
  g_free (self->source_name);
  self->source_name = g_strdup (name ? name : "");
  install_scores (self, raw);
  return TRUE;
}

/* Back to the generated scores; FALSE if they are in use already. */
gboolean
mlr_threshold_state_use_generated (MlrThresholdState *self)
{
  if (self->source_name == NULL)
    return FALSE;
  generate (self);
  return TRUE;
}

/* The imported file's name, or NULL while the scores are generated. */
const char *
mlr_threshold_state_get_source_name (const MlrThresholdState *self)
{
  return self->source_name;
}

const MlrScores *
mlr_threshold_state_get_scores (const MlrThresholdState *self)
{
  return in_use (self);
}

const MlrScores *
mlr_threshold_state_get_raw_scores (const MlrThresholdState *self)
{
  return self->raw;
}

gboolean
mlr_threshold_state_get_calibrate (const MlrThresholdState *self)
{
  return self->calibrate;
}

/* Platt scaling fitted to the raw scores (whether or not it is in use). */
const MlrPlatt *
mlr_threshold_state_get_platt (const MlrThresholdState *self)
{
  return &self->platt;
}

double
mlr_threshold_state_get_threshold (const MlrThresholdState *self)
{
  return self->threshold;
}

void
mlr_threshold_state_get_confusion (const MlrThresholdState *self,
                                   MlrConfusion            *out)
{
  *out = self->confusion;
}

void
mlr_threshold_state_get_costs (const MlrThresholdState *self,
                               double                  *cost_fp,
                               double                  *cost_fn)
{
  *cost_fp = self->cost_fp;
  *cost_fn = self->cost_fn;
}

/* The cost-optimal threshold of the scores in use, and its cost in @cost. */
double
mlr_threshold_state_get_optimal (const MlrThresholdState *self,
                                 double                  *cost)
{
  if (cost)
    *cost = self->optimal_cost;
  return self->optimal;
}

guint
mlr_threshold_state_get_bins (const MlrThresholdState *self)
{
  return self->bins;
}

/* The reliability diagram of the raw (@raw) or recalibrated scores, `bins` entries each. */
void
mlr_threshold_state_get_reliability (const MlrThresholdState  *self,
                                     gboolean                  raw,
                                     const double            **mean_score,
                                     const double            **mean_label,
                                     const guint             **count)
{
  guint w = raw ? 0 : 1;

  *mean_score = self->mean_score[w];
  *mean_label = self->mean_label[w];
  *count = self->count[w];
}

/* A number that changes whenever the scores in use, their curves, histogram or reliability
 * diagram change (not the threshold or the costs): painters key their caches on it. */
guint64
mlr_threshold_state_get_generation (const MlrThresholdState *self)
{
  return self->generation;
}

/* The ROC curve of the scores in use, thinned for drawing (see #MlrCurve). */
const MlrCurve *
mlr_threshold_state_get_roc_curve (const MlrThresholdState *self)
{
  return &self->roc;
}

/* The precision–recall step function of the scores in use, thinned for drawing. */
const MlrCurve *
mlr_threshold_state_get_pr_curve (const MlrThresholdState *self)
{
  return &self->pr;
}

/* Negatives and positives of the scores in use in MLR_THRESHOLD_HIST_BINS equal bins. */
void
mlr_threshold_state_get_histogram (const MlrThresholdState  *self,
                                   const guint             **negatives,
                                   const guint             **positives)
{
  *negatives = self->hist_neg;
  *positives = self->hist_pos;
}

double
mlr_threshold_state_get_auc (const MlrThresholdState *self)
{
  return self->auc;
}

double
mlr_threshold_state_get_average_precision (const MlrThresholdState *self)
{
  return self->ap;
}

double
mlr_threshold_state_get_brier (const MlrThresholdState *self)
{
  return self->brier;
}

double
mlr_threshold_state_get_log_loss (const MlrThresholdState *self)
{
  return self->log_loss;
}

/* The expected calibration error of the raw (@raw) or recalibrated scores. */
double
mlr_threshold_state_get_ece (const MlrThresholdState *self,
                             gboolean                 raw)
{
  return self->ece[raw ? 0 : 1];
}

/**
 * mlr_threshold_state_collect_metrics:
 * About the scores in use: auc, average_precision, brier, log_loss, ece; at the threshold:
 * precision, recall, f1, fpr.
 */
void
mlr_threshold_state_collect_metrics (const MlrThresholdState *self,
                                     MlrMetricFunc            func,
                                     gpointer                 user_data)
{
  func ("auc", g_variant_new_double (self->auc), user_data);
  func ("average_precision", g_variant_new_double (self->ap), user_data);
  func ("precision", g_variant_new_double (mlr_confusion_precision (&self->confusion)),
        user_data);
  func ("recall", g_variant_new_double (mlr_confusion_recall (&self->confusion)), user_data);
  func ("f1", g_variant_new_double (mlr_confusion_f1 (&self->confusion)), user_data);
  func ("fpr", g_variant_new_double (mlr_confusion_fpr (&self->confusion)), user_data);
  func ("brier", g_variant_new_double (self->brier), user_data);
  func ("ece", g_variant_new_double (self->ece[self->calibrate ? 1 : 0]), user_data);
  func ("log_loss", g_variant_new_double (self->log_loss), user_data);
}
