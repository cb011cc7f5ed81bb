/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-boundary-state: the state of the decision-boundary demo (kind "decision-boundary"). It
 * owns the labelled points (a generated toy dataset, or your own CSV, then edited by hand),
 * which of them are held out as the test set, the model and its hyper-parameters, the view,
 * the selected point and the keyboard cursor, and the last fitted picture.
 *
 * Fitting is split in two so it can run off the UI thread: mlr_boundary_state_new_job()
 * takes a snapshot of everything a fit needs (a copy of the points, the model's parameters,
 * the raster to evaluate), mlr_boundary_job_run() fits and evaluates it on any thread and
 * returns an #MlrBoundaryResult (plain arrays: the painter never touches the classifier), and
 * mlr_boundary_state_take_result() installs it back on the UI thread. Results carry the
 * counters of the request they answer, so an older answer never replaces a newer one, and
 * an answer to a superseded configuration (another model, other hyper-parameters, another
 * dataset) is dropped; see mlr_boundary_state_take_result().
 *
 * Guards, each reported as a note (mlr_boundary_result_get_notes, the painter shows them):
 *  - at most MLR_BOUNDARY_MAX_POINTS points (n is clamped, imports above it are refused), so
 *    every refit stays interactive;
 *  - a class with no training points is left out of the fit (its points are then always
 *    misclassified) rather than failing; fewer than two classes is an error message;
 *  - the numeric core clamps k > n, stops SMO at its budget, refuses an MLP that is too much
 *    work; an MLP too large to shade at full resolution is shaded on a coarser raster;
 *  - results never hold NaN: accuracies of empty sets are reported as "no points".
 *
 * Plain C + GLib: no drawing here.
 */
#pragma once

#include <glib.h>

#include "mlr-classifier.h"
#include "mlr-dataset.h"
#include "mlr-metrics.h"
#include "mlr-mlp-network.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_BOUNDARY_STATE_ERROR (mlr_boundary_state_error_quark ())

typedef enum {
  MLR_BOUNDARY_STATE_ERROR_INVALID,    /* parameters that do not fit together */
  MLR_BOUNDARY_STATE_ERROR_TOO_LARGE,  /* more points than the demo takes */
  MLR_BOUNDARY_STATE_ERROR_FIT,        /* the model could not be fitted */
} MlrBoundaryStateError;

/* The demo refits on every drag, so it keeps to sizes that refit within a frame or two. */
#define MLR_BOUNDARY_MAX_POINTS 5000

/* Shading raster: one cell every this many pixels (upscaled when painted). */
#define MLR_BOUNDARY_CELL_PX 3

/* mlr_boundary_state_get_mlp_target(): train until the network is done. */
#define MLR_BOUNDARY_MLP_UNTIL_DONE G_MAXUINT

typedef struct _MlrBoundaryState MlrBoundaryState;
typedef struct _MlrBoundaryJob MlrBoundaryJob;

/**
 * MlrBoundaryResult:
 * What one fit produced, as plain data for the painter and the widget. Labels are in the
 * state's label space (0 .. n_classes - 1), whatever classes the fit left out.
 */
typedef struct {
  guint64       serial;           /* order of the request it answers */
  guint64       generation;       /* the state's generation (data + parameters) it was made for */
  guint64       config;           /* the state's configuration counter it was made for */
  gboolean      ok;
  char         *error;            /* when !ok: why, in words a user can act on */
  char         *notes;            /* clamps, non-convergence, ... one per line; "" if none */
  MlrModelKind  model;
  guint         n_classes;        /* K of the state's points */

  /* the shading raster (rows top-down) */
  MlrGrid       grid;
  guint8       *labels;           /* width x height predicted labels */
  float        *confidence;       /* width x height: probability of that label, 1/K .. 1 */
  float        *decision;         /* svm with 2 classes: the decision function; else NULL */

  /* model details */
  guint         n_support;        /* svm: support vectors */
  double       *support;          /* 2 * n_support data coordinates */
  guint         n_splits;         /* tree, forest (its first tree): split lines */
  MlrTreeSplit *splits;
  guint         tree_depth;
  guint         tree_leaves;
  guint         n_trees;

  /* scores */
  guint         n_train;
  guint         n_test;
  guint         train_correct;
  guint         test_correct;
  guint        *confusion;        /* K x K: row = true label, column = predicted */
  gboolean      confusion_is_test; /* FALSE: there are no test points, it counts the train set */

  /* mlp training */
  guint         epoch;
  guint         max_epochs;
  gboolean      training_done;
  double       *loss;             /* n_loss mean training losses, one per epoch */
  guint         n_loss;
  double       *val_loss;         /* n_val_loss test-set losses, one per epoch */
  guint         n_val_loss;
  MlrMlpNetwork *network;         /* mlp: each unit's output over the plane, the weights */

  double        fit_ms;
  double        eval_ms;
  guint         n_fitted_classes; /* classes with training points (the rest sat out) */

  /*< private >*/
  MlrClassifier *classifier;
  guint8         fitted_classes[MLR_DATASET_MAX_CLASSES];  /* compact label -> state label */
} MlrBoundaryResult;

GQuark              mlr_boundary_state_error_quark   (void);

const MlrParamSpec *mlr_boundary_state_param_specs   (guint             *n_specs);
const char * const *mlr_boundary_state_metric_names  (void);

MlrBoundaryState   *mlr_boundary_state_new           (const MlrParams   *params,
                                                      GError           **error);
gboolean            mlr_boundary_state_check_params  (const MlrParams   *params,
                                                      GError           **error);
void                mlr_boundary_state_free          (MlrBoundaryState  *self);

const MlrParams    *mlr_boundary_state_get_params    (const MlrBoundaryState *self);
gboolean            mlr_boundary_state_set_param     (MlrBoundaryState  *self,
                                                      const char        *key,
                                                      const char        *value,
                                                      GError           **error);
void                mlr_boundary_state_read_params   (const MlrBoundaryState *self,
                                                      MlrParams         *params);
gboolean            mlr_boundary_state_apply_param   (MlrBoundaryState  *self,
                                                      const MlrParams   *params,
                                                      const char        *key,
                                                      GError           **error);
gboolean            mlr_boundary_state_param_relevant (const MlrBoundaryState *self,
                                                       const char       *key);
MlrDatasetKind      mlr_boundary_state_get_dataset   (const MlrBoundaryState *self);
MlrModelKind        mlr_boundary_state_get_model     (const MlrBoundaryState *self);
gboolean            mlr_boundary_state_is_imported   (const MlrBoundaryState *self);
guint64             mlr_boundary_state_get_seed      (const MlrBoundaryState *self);

/* points */
const MlrDataset   *mlr_boundary_state_get_points    (const MlrBoundaryState *self);
guint               mlr_boundary_state_get_n_points  (const MlrBoundaryState *self);
guint               mlr_boundary_state_get_n_classes (const MlrBoundaryState *self);
gboolean            mlr_boundary_state_is_test       (const MlrBoundaryState *self,
                                                      guint              i);
int                 mlr_boundary_state_add_point     (MlrBoundaryState  *self,
                                                      double             x,
                                                      double             y,
                                                      guint              label);
gboolean            mlr_boundary_state_remove_point  (MlrBoundaryState  *self,
                                                      guint              i);
void                mlr_boundary_state_move_point    (MlrBoundaryState  *self,
                                                      guint              i,
                                                      double             x,
                                                      double             y);
int                 mlr_boundary_state_find_point    (const MlrBoundaryState *self,
                                                      double             x,
                                                      double             y,
                                                      double             radius);
int                 mlr_boundary_state_get_selected  (const MlrBoundaryState *self);
void                mlr_boundary_state_set_selected  (MlrBoundaryState  *self,
                                                      int                i);
void                mlr_boundary_state_get_cursor    (const MlrBoundaryState *self,
                                                      double            *x,
                                                      double            *y);
void                mlr_boundary_state_set_cursor    (MlrBoundaryState  *self,
                                                      double             x,
                                                      double             y);
void                mlr_boundary_state_new_sample    (MlrBoundaryState  *self);
void                mlr_boundary_state_restore       (MlrBoundaryState  *self);
gboolean            mlr_boundary_state_set_points    (MlrBoundaryState  *self,
                                                      const MlrDataset  *points,
                                                      const char        *name,
                                                      GError           **error);
void                mlr_boundary_state_get_view      (const MlrBoundaryState *self,
                                                      double            *x0,
                                                      double            *x1,
                                                      double            *y0,
                                                      double            *y1);
void                mlr_boundary_state_set_bounds    (MlrBoundaryState  *self,
                                                      double             x0,
                                                      double             x1,
                                                      double             y0,
                                                      double             y1);

/* display options */
gboolean            mlr_boundary_state_get_show_splits (const MlrBoundaryState *self);
void                mlr_boundary_state_set_show_splits (MlrBoundaryState *self,
                                                        gboolean          show);
gboolean            mlr_boundary_state_get_show_network (const MlrBoundaryState *self);

/* mlp training */
guint               mlr_boundary_state_get_mlp_target  (const MlrBoundaryState *self);
void                mlr_boundary_state_mlp_reset       (MlrBoundaryState *self);
gboolean            mlr_boundary_state_mlp_can_step    (const MlrBoundaryState *self);

/* gradient boosting: the stage shown */
guint               mlr_boundary_state_get_gb_stage    (const MlrBoundaryState *self);
guint               mlr_boundary_state_get_gb_n_estimators (const MlrBoundaryState *self);

/* fitting */
guint64             mlr_boundary_state_get_generation (const MlrBoundaryState *self);
guint64             mlr_boundary_state_get_config    (const MlrBoundaryState *self);
MlrBoundaryJob     *mlr_boundary_state_new_job       (MlrBoundaryState  *self,
                                                      const MlrGrid     *grid,
                                                      guint              extra_epochs);
MlrBoundaryResult  *mlr_boundary_job_run             (MlrBoundaryJob    *job);
void                mlr_boundary_job_cancel          (MlrBoundaryJob    *job);
gboolean            mlr_boundary_job_is_cancelled    (MlrBoundaryJob    *job);
guint64             mlr_boundary_job_get_config      (const MlrBoundaryJob *job);
void                mlr_boundary_job_free            (MlrBoundaryJob    *job);
gboolean            mlr_boundary_state_take_result   (MlrBoundaryState  *self,
                                                      MlrBoundaryResult *result);
const MlrBoundaryResult *mlr_boundary_state_get_result (const MlrBoundaryState *self);
const char         *mlr_boundary_state_get_error     (const MlrBoundaryState *self);
gboolean            mlr_boundary_state_is_current    (const MlrBoundaryState *self);
gboolean            mlr_boundary_state_fit_sync      (MlrBoundaryState  *self,
                                                      const MlrGrid     *grid,
                                                      GError           **error);
void                mlr_boundary_result_free         (MlrBoundaryResult *result);

/* challenges */
void                mlr_boundary_state_collect_metrics (const MlrBoundaryState *self,
                                                        MlrMetricFunc     func,
                                                        gpointer          user_data);

/* words */
char               *mlr_boundary_state_get_notes     (const MlrBoundaryState *self);
char               *mlr_boundary_state_model_title   (const MlrBoundaryState *self);
const char         *mlr_boundary_state_data_title    (const MlrBoundaryState *self);
char               *mlr_boundary_format_percent      (guint              correct,
                                                      guint              total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrBoundaryState, mlr_boundary_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrBoundaryJob, mlr_boundary_job_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrBoundaryResult, mlr_boundary_result_free)

G_END_DECLS
