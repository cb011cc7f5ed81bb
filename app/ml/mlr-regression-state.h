/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-regression-state: the state of the "regression" demo — fitting, overfitting and
 * regularisation. Points are drawn from a chosen truth f on x ∈ [0, 1] with Gaussian noise
 * of standard deviation σ (`noise`), some held out as test points; a polynomial of `degree`
 * is fitted to the training points with the ridge penalty `alpha` (mlr-regression.h: the
 * penalty is on the coefficients of x, x², …, not the intercept, as scikit-learn's Ridge;
 * alpha = 0 is least squares). Points can be added, moved, removed and moved between the
 * training and the test set; every change refits at once (microseconds at these sizes).
 *
 * What it reports:
 *  - train_rmse, test_rmse: √(mean squared error) of the fit on the training and test points;
 *    r2_test: 1 − SSE/SST on the test points (scikit-learn's r2_score; needs two of them);
 *  - the error curve: train and test RMSE of the fits of every degree 0–15 at the same alpha;
 *  - bias², variance and noise at the test x's, for training sets with the same x and fresh
 *    noise: with f̂ the fit to such a set and E, Var over the noise,
 *        bias2    = mean over the test x of (E[f̂(x)] − f(x))²
 *        variance = mean over the test x of Var[f̂(x)]
 *        noise    = σ²
 *    so bias2 + variance + noise is the expected squared error of a fresh test point at those
 *    x. The fit is linear in y, so these are exact (E[f̂] is the fit to the noiseless f, and
 *    Var[f̂(x)] = σ² ‖Sᵀ t(x)‖², see mlr_poly_solver_variance()), not estimates; the
 *    MLR_REGRESSION_RESAMPLES fits to resampled training sets (seeded) the picture draws are a
 *    sample of the same distribution.
 * Nothing reported is ever NaN: a number that does not exist (no test points, a fit that
 * cannot be made) is left out, and the status says why.
 *
 * Plain C + GLib: no drawing here, no words beyond N_() table entries.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"
#include "mlr-regression.h"

G_BEGIN_DECLS

#define MLR_REGRESSION_STATE_ERROR (mlr_regression_state_error_quark ())

typedef enum {
  MLR_REGRESSION_STATE_ERROR_INVALID,   /* parameters that do not work together */
} MlrRegressionStateError;

/* Every refit stays far inside a frame at these sizes. */
#define MLR_REGRESSION_MAX_POINTS 500
/* Fits to resampled training sets drawn in the bias–variance view. */
#define MLR_REGRESSION_RESAMPLES 50
/* The data's x range; the truths are defined on it. */
#define MLR_REGRESSION_X_MIN 0.0
#define MLR_REGRESSION_X_MAX 1.0

typedef enum {
  MLR_REGRESSION_TRUTH_LINEAR,     /* 2x − 1 */
  MLR_REGRESSION_TRUTH_QUADRATIC,  /* 8 (x − ½)² − 1 */
  MLR_REGRESSION_TRUTH_SINE,       /* sin 2πx */
  MLR_REGRESSION_TRUTH_STEP,       /* −¾ for x < ½, ¾ from ½ on */
} MlrRegressionTruth;

typedef enum {
  MLR_REGRESSION_FIT_OK,
  MLR_REGRESSION_FIT_NO_TRAIN,         /* no training points */
  MLR_REGRESSION_FIT_TOO_FEW,          /* alpha = 0 and fewer distinct x than degree + 1 */
  MLR_REGRESSION_FIT_ALPHA_TOO_SMALL,  /* alpha > 0 but too small to stand in for them */
} MlrRegressionFitStatus;

typedef struct {
  double   x;
  double   y;
  gboolean test;
} MlrRegressionPoint;

typedef struct _MlrRegressionState MlrRegressionState;

GQuark              mlr_regression_state_error_quark  (void);

const MlrParamSpec *mlr_regression_state_param_specs  (guint              *n_specs);
const char * const *mlr_regression_state_metric_names (void);
double              mlr_regression_truth_eval         (MlrRegressionTruth  truth,
                                                       double              x);

MlrRegressionState *mlr_regression_state_new          (const MlrParams    *params,
                                                       GError            **error);
gboolean            mlr_regression_state_check        (const MlrParams    *params,
                                                       GError            **error);
void                mlr_regression_state_free         (MlrRegressionState *self);
gboolean            mlr_regression_state_apply_param  (MlrRegressionState *self,
                                                       const MlrParams    *params,
                                                       const char         *key,
                                                       GError            **error);
gboolean            mlr_regression_state_param_relevant (const MlrRegressionState *self,
                                                         const char       *key);

/* what it was made from */
MlrRegressionTruth  mlr_regression_state_get_truth    (const MlrRegressionState *self);
double              mlr_regression_state_get_sigma    (const MlrRegressionState *self);
guint               mlr_regression_state_get_degree   (const MlrRegressionState *self);
double              mlr_regression_state_get_alpha    (const MlrRegressionState *self);
gboolean            mlr_regression_state_get_show_residuals (const MlrRegressionState *self);
guint64             mlr_regression_state_get_seed     (const MlrRegressionState *self);
gboolean            mlr_regression_state_is_given     (const MlrRegressionState *self);

/* the points */
guint               mlr_regression_state_get_n_points (const MlrRegressionState *self);
const MlrRegressionPoint *mlr_regression_state_get_point (const MlrRegressionState *self,
                                                       guint               i);
int                 mlr_regression_state_add_point    (MlrRegressionState *self,
                                                       double              x,
                                                       double              y,
                                                       gboolean            test);
gboolean            mlr_regression_state_remove_point (MlrRegressionState *self,
                                                       guint               i);
void                mlr_regression_state_move_point   (MlrRegressionState *self,
                                                       guint               i,
                                                       double              x,
                                                       double              y);
void                mlr_regression_state_set_test     (MlrRegressionState *self,
                                                       guint               i,
                                                       gboolean            test);
int                 mlr_regression_state_find_point   (const MlrRegressionState *self,
                                                       double              x,
                                                       double              y,
                                                       double              rx,
                                                       double              ry);
void                mlr_regression_state_restore      (MlrRegressionState *self);
gboolean            mlr_regression_state_is_edited    (const MlrRegressionState *self);
int                 mlr_regression_state_get_selected (const MlrRegressionState *self);
void                mlr_regression_state_set_selected (MlrRegressionState *self,
                                                       int                 i);
void                mlr_regression_state_get_cursor   (const MlrRegressionState *self,
                                                       double             *x,
                                                       double             *y);
void                mlr_regression_state_set_cursor   (MlrRegressionState *self,
                                                       double              x,
                                                       double              y);
void                mlr_regression_state_get_view     (const MlrRegressionState *self,
                                                       double             *x0,
                                                       double             *x1,
                                                       double             *y0,
                                                       double             *y1);

/* the fit and what it scores */
MlrRegressionFitStatus mlr_regression_state_get_status (const MlrRegressionState *self);
const MlrPolyFit   *mlr_regression_state_get_fit      (const MlrRegressionState *self);
guint               mlr_regression_state_get_n_train  (const MlrRegressionState *self);
guint               mlr_regression_state_get_n_test   (const MlrRegressionState *self);
guint               mlr_regression_state_get_distinct_train (const MlrRegressionState *self);
gboolean            mlr_regression_state_get_train_rmse (const MlrRegressionState *self,
                                                       double             *rmse);
gboolean            mlr_regression_state_get_test_rmse (const MlrRegressionState *self,
                                                       double             *rmse);
gboolean            mlr_regression_state_get_r2_test  (const MlrRegressionState *self,
                                                       double             *r2);
gboolean            mlr_regression_state_get_curve    (const MlrRegressionState *self,
                                                       guint               degree,
                                                       double             *train_rmse,
                                                       double             *test_rmse);
int                 mlr_regression_state_get_best_degree (const MlrRegressionState *self);
gboolean            mlr_regression_state_get_bias_variance (const MlrRegressionState *self,
                                                       double             *bias2,
                                                       double             *variance,
                                                       double             *noise);
const MlrPolyFit   *mlr_regression_state_get_mean_fit (const MlrRegressionState *self);
guint               mlr_regression_state_get_n_resamples (const MlrRegressionState *self);
const MlrPolyFit   *mlr_regression_state_get_resample (const MlrRegressionState *self,
                                                       guint               i);
guint64             mlr_regression_state_get_resample_serial (const MlrRegressionState *self);

void                mlr_regression_state_collect_metrics (const MlrRegressionState *self,
                                                       MlrMetricFunc       func,
                                                       gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrRegressionState, mlr_regression_state_free)

G_END_DECLS
