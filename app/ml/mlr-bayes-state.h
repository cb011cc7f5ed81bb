/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-bayes-state: the state of the "bayes" demo — a screening test in a population of
 * 10,000 people. From the base rate (prior), the test's sensitivity and specificity it knows
 * how many people fall in each cell of the 2×2 table (expected counts, and whole people that
 * add up to 10,000 for the picture), the posterior after one or more independent positive
 * results, the predictive values and the likelihood ratio of the odds form.
 *
 * The parameter ranges keep every ratio defined: a base rate of at least one person in
 * 10,000 and at most all but one, and a test that is right at least 1% of the time either
 * way, so someone always tests positive and someone negative. Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_BAYES_POPULATION 10000
#define MLR_BAYES_MAX_TESTS 3

/* The cells of the 2×2 table, in the order the picture stacks them. */
typedef enum {
  MLR_BAYES_TRUE_POSITIVE,   /* has the condition, tests positive */
  MLR_BAYES_FALSE_POSITIVE,  /* does not, tests positive */
  MLR_BAYES_FALSE_NEGATIVE,  /* has it, tests negative */
  MLR_BAYES_TRUE_NEGATIVE,   /* does not, tests negative */
  MLR_BAYES_N_CELLS,
} MlrBayesCell;

typedef struct _MlrBayesState MlrBayesState;

const MlrParamSpec *mlr_bayes_state_param_specs    (guint               *n_specs);
const char * const *mlr_bayes_state_metric_names   (void);

MlrBayesState      *mlr_bayes_state_new            (const MlrParams     *params,
                                                    GError             **error);
gboolean            mlr_bayes_state_check          (const MlrParams     *params,
                                                    GError             **error);
void                mlr_bayes_state_free           (MlrBayesState       *self);

double              mlr_bayes_state_get_prior      (const MlrBayesState *self);
double              mlr_bayes_state_get_sensitivity (const MlrBayesState *self);
double              mlr_bayes_state_get_specificity (const MlrBayesState *self);
guint               mlr_bayes_state_get_tests      (const MlrBayesState *self);

double              mlr_bayes_state_get_expected   (const MlrBayesState *self,
                                                    MlrBayesCell         cell);
guint               mlr_bayes_state_get_people     (const MlrBayesState *self,
                                                    MlrBayesCell         cell);
double              mlr_bayes_state_posterior      (const MlrBayesState *self,
                                                    guint                tests);
double              mlr_bayes_state_get_npv        (const MlrBayesState *self);
double              mlr_bayes_state_get_likelihood_ratio (const MlrBayesState *self);

void                mlr_bayes_state_collect_metrics (const MlrBayesState *self,
                                                    MlrMetricFunc        func,
                                                    gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrBayesState, mlr_bayes_state_free)

G_END_DECLS
