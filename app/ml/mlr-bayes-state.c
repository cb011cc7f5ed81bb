/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-bayes-state.h"

#include <glib/gi18n.h>
#include <math.h>

struct _MlrBayesState
{
  double prior;
  double sensitivity;
  double specificity;
  guint  tests;
  double expected[MLR_BAYES_N_CELLS];  /* per 10,000, unrounded */
  guint  people[MLR_BAYES_N_CELLS];    /* whole people, adding up to 10,000 */
};

static const MlrParamSpec param_specs[] = {
  { .key = "prior", .type = MLR_PARAM_NUMBER, .default_value = "0.01", .min = 0.0001,
    .max = 0.9999,
    .help = N_("The base rate: the share of people who have the condition before anyone is "
               "tested (log scale). The rarer it is, the more of the positives are false"),
    .label = N_("Prior P(sick)"), .ui = MLR_PARAM_UI_LOG },
  { .key = "sensitivity", .type = MLR_PARAM_NUMBER, .default_value = "0.9", .min = 0.01,
    .max = 1,
    .help = N_("P(+ | sick): the share of sick people the test finds (the true positive rate, "
               "recall)"),
    .label = N_("Sensitivity"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.5, .ui_max = 1,
    .ui_step = 0.005, .digits = 3 },
  { .key = "specificity", .type = MLR_PARAM_NUMBER, .default_value = "0.95", .min = 0.01,
    .max = 1,
    .help = N_("P(− | healthy): the share of healthy people the test clears; 1 − specificity "
               "is the false positive rate"),
    .label = N_("Specificity"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.5, .ui_max = 1,
    .ui_step = 0.005, .digits = 3 },
  { .key = "tests", .type = MLR_PARAM_INT, .default_value = "1", .min = 1,
    .max = MLR_BAYES_MAX_TESTS,
    .help = N_("How many independent tests came back positive, one after another: each one "
               "multiplies the odds by the likelihood ratio"),
    .label = N_("Positive tests") },
};

static const char * const metric_names[] = {
  "posterior", "ppv", "npv", "true_positives", "false_positives", "false_negatives",
  "true_negatives", "prior", "sensitivity", "specificity", "tests", NULL
};

const MlrParamSpec *
mlr_bayes_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_bayes_state_metric_names (void)
{
  return metric_names;
}

/* Whole people for the expected counts, adding up to the population: each cell gets the
 * floor of its share, and the people left over go to the largest remainders (ties: the cell
 * listed first). */
static void
round_people (MlrBayesState *self)
{
  double rest[MLR_BAYES_N_CELLS];
  guint total = 0;

  for (guint c = 0; c < MLR_BAYES_N_CELLS; c++)
    {
      self->people[c] = (guint) floor (self->expected[c]);
      rest[c] = self->expected[c] - self->people[c];
      total += self->people[c];
    }
  while (total < MLR_BAYES_POPULATION)
    {
      guint best = 0;
      for (guint c = 1; c < MLR_BAYES_N_CELLS; c++)
        if (rest[c] > rest[best])
          best = c;
      self->people[best]++;
      rest[best] = -1;
      total++;
    }
}

/**
 * mlr_bayes_state_new:
 * The screening picture for @params (keys prior, sensitivity, specificity, tests). Every
 * combination the table accepts works, so this does not fail; the signature is the demos'.
 */
MlrBayesState *
mlr_bayes_state_new (const MlrParams  *params,
                     GError          **error)
{
  MlrBayesState *self = g_new0 (MlrBayesState, 1);
  double p, s, q;

  self->prior = p = mlr_params_get_double (params, "prior");
  self->sensitivity = s = mlr_params_get_double (params, "sensitivity");
  self->specificity = q = mlr_params_get_double (params, "specificity");
  self->tests = (guint) CLAMP (mlr_params_get_int (params, "tests"), 1, MLR_BAYES_MAX_TESTS);
  self->expected[MLR_BAYES_TRUE_POSITIVE] = MLR_BAYES_POPULATION * p * s;
  self->expected[MLR_BAYES_FALSE_NEGATIVE] = MLR_BAYES_POPULATION * p * (1 - s);
  self->expected[MLR_BAYES_FALSE_POSITIVE] = MLR_BAYES_POPULATION * (1 - p) * (1 - q);
  self->expected[MLR_BAYES_TRUE_NEGATIVE] = MLR_BAYES_POPULATION * (1 - p) * q;
  round_people (self);
  return self;
}

/* Every value the table takes works together. */
gboolean
mlr_bayes_state_check (const MlrParams  *params,
                       GError          **error)
{
  return TRUE;
}

void
mlr_bayes_state_free (MlrBayesState *self)
{
  g_free (self);
}

double
mlr_bayes_state_get_prior (const MlrBayesState *self)
{
  return self->prior;
}

double
mlr_bayes_state_get_sensitivity (const MlrBayesState *self)
{
  return self->sensitivity;
}

double
mlr_bayes_state_get_specificity (const MlrBayesState *self)
{
  return self->specificity;
}

/* How many positive results the posterior counts. */
guint
mlr_bayes_state_get_tests (const MlrBayesState *self)
{
  return self->tests;
}

/* The expected number of the 10,000 in @cell (not rounded: 0.9 × 0.01 × 10,000 = 90). */
double
mlr_bayes_state_get_expected (const MlrBayesState *self,
                              MlrBayesCell         cell)
{
  g_return_val_if_fail (cell < MLR_BAYES_N_CELLS, 0);
  return self->expected[cell];
}

/* Whole people in @cell; the four add up to MLR_BAYES_POPULATION. */
guint
mlr_bayes_state_get_people (const MlrBayesState *self,
                            MlrBayesCell         cell)
{
  g_return_val_if_fail (cell < MLR_BAYES_N_CELLS, 0);
  return self->people[cell];
}

/**
 * mlr_bayes_state_posterior:
 * P(sick | @tests positive results), the tests independent given the condition:
 * p s^k / (p s^k + (1 − p)(1 − q)^k). With k = 1 it is the positive predictive value.
 */
double
mlr_bayes_state_posterior (const MlrBayesState *self,
                           guint                tests)
{
  double sick = self->prior * pow (self->sensitivity, tests);
  double healthy = (1 - self->prior) * pow (1 - self->specificity, tests);

  /* the ranges keep sick > 0 */
  return sick / (sick + healthy);
}

/* P(healthy | −) = (1 − p) q / ((1 − p) q + p (1 − s)). */
double
mlr_bayes_state_get_npv (const MlrBayesState *self)
{
  double healthy = (1 - self->prior) * self->specificity;
  double sick = self->prior * (1 - self->sensitivity);

  return healthy / (healthy + sick);
}

/* The positive likelihood ratio s / (1 − q): how much one positive result multiplies the
 * odds; infinite for a perfectly specific test. */
double
mlr_bayes_state_get_likelihood_ratio (const MlrBayesState *self)
{
  return self->specificity < 1 ? self->sensitivity / (1 - self->specificity) : INFINITY;
}

/**
 * mlr_bayes_state_collect_metrics:
 * posterior (after the state's number of positive tests), ppv and npv (one test), the
 * expected counts of the 2×2 table per 10,000 people for one test, and the parameters
 * themselves, so a challenge can ask for a setting.
 */
void
mlr_bayes_state_collect_metrics (const MlrBayesState *self,
                                 MlrMetricFunc        func,
                                 gpointer             user_data)
{
  func ("posterior", g_variant_new_double (mlr_bayes_state_posterior (self, self->tests)),
        user_data);
  func ("ppv", g_variant_new_double (mlr_bayes_state_posterior (self, 1)), user_data);
  func ("npv", g_variant_new_double (mlr_bayes_state_get_npv (self)), user_data);
  func ("true_positives", g_variant_new_double (self->expected[MLR_BAYES_TRUE_POSITIVE]),
        user_data);
  func ("false_positives", g_variant_new_double (self->expected[MLR_BAYES_FALSE_POSITIVE]),
        user_data);
  func ("false_negatives", g_variant_new_double (self->expected[MLR_BAYES_FALSE_NEGATIVE]),
        user_data);
  func ("true_negatives", g_variant_new_double (self->expected[MLR_BAYES_TRUE_NEGATIVE]),
        user_data);
  func ("prior", g_variant_new_double (self->prior), user_data);
  func ("sensitivity", g_variant_new_double (self->sensitivity), user_data);
  func ("specificity", g_variant_new_double (self->specificity), user_data);
  func ("tests", g_variant_new_double (self->tests), user_data);
}
