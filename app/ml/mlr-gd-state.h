/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-gd-state: the state of the gradient-descent demo (kind "gradient-descent"). Several
 * optimizers race from one start point on one objective — a 2-D loss surface or, for the
 * calculus lesson, a 1-D curve — driven by one clock so a widget can animate them step by
 * step. A run that diverges stops at its last finite step while the others keep going.
 *
 * The state also owns the visible region (zoom and pan) so the painter, the widget and
 * `ml-roadmap-cli render` agree on it, and it writes the sentence a screen reader speaks.
 * Plain C + GLib: no drawing here.
 */
#pragma once

#include <glib.h>

#include "mlr-descent.h"
#include "mlr-params.h"

#include "mlr-metrics.h"

G_BEGIN_DECLS

#define MLR_GD_STATE_ERROR (mlr_gd_state_error_quark ())

typedef enum {
  MLR_GD_STATE_ERROR_INVALID,  /* the parameters do not fit together (e.g. an empty view) */
} MlrGdStateError;

typedef enum {
  MLR_GD_MODE_2D,  /* a loss surface seen from above */
  MLR_GD_MODE_1D,  /* a curve, its tangent, and the steps along it */
} MlrGdMode;

#define MLR_GD_MAX_STEPS 10000

typedef struct _MlrGdState MlrGdState;

GQuark             mlr_gd_state_error_quark      (void);

const MlrParamSpec *mlr_gd_state_param_specs    (guint              *n_specs);
const char * const *mlr_gd_state_metric_names    (void);

MlrGdState        *mlr_gd_state_new              (const MlrParams    *params,
                                                  GError            **error);
void               mlr_gd_state_free             (MlrGdState         *self);

MlrGdMode          mlr_gd_state_get_mode         (const MlrGdState   *self);
void               mlr_gd_state_collect_metrics  (const MlrGdState   *self,
                                                  MlrMetricFunc       func,
                                                  gpointer            user_data);
MlrSurfaceId       mlr_gd_state_get_surface      (const MlrGdState   *self);
void               mlr_gd_state_set_surface      (MlrGdState         *self,
                                                  MlrSurfaceId        surface);
MlrCurveId         mlr_gd_state_get_curve        (const MlrGdState   *self);
void               mlr_gd_state_set_curve        (MlrGdState         *self,
                                                  MlrCurveId          curve);
const char        *mlr_gd_state_get_title        (const MlrGdState   *self);
const char        *mlr_gd_state_get_formula      (const MlrGdState   *self);

double             mlr_gd_state_get_lr           (const MlrGdState   *self);
void               mlr_gd_state_set_lr           (MlrGdState         *self,
                                                  double              lr);
double             mlr_gd_state_get_suggested_lr (const MlrGdState   *self);
double             mlr_gd_state_get_momentum     (const MlrGdState   *self);
void               mlr_gd_state_set_momentum     (MlrGdState         *self,
                                                  double              momentum);
double             mlr_gd_state_get_beta1        (const MlrGdState   *self);
void               mlr_gd_state_set_beta1        (MlrGdState         *self,
                                                  double              beta1);
double             mlr_gd_state_get_beta2        (const MlrGdState   *self);
void               mlr_gd_state_set_beta2        (MlrGdState         *self,
                                                  double              beta2);

gboolean           mlr_gd_state_get_optimizer_enabled (const MlrGdState *self,
                                                  MlrOptimizerKind    kind);
gboolean           mlr_gd_state_set_optimizer_enabled (MlrGdState     *self,
                                                  MlrOptimizerKind    kind,
                                                  gboolean            enabled);
gboolean           mlr_gd_state_uses_param       (const MlrGdState   *self,
                                                  const char         *key);

MlrVec2            mlr_gd_state_get_start        (const MlrGdState   *self);
void               mlr_gd_state_set_start        (MlrGdState         *self,
                                                  MlrVec2             start);

guint              mlr_gd_state_get_max_steps    (const MlrGdState   *self);
void               mlr_gd_state_set_max_steps    (MlrGdState         *self,
                                                  guint               steps);
guint              mlr_gd_state_get_step         (const MlrGdState   *self);
gboolean           mlr_gd_state_is_finished      (const MlrGdState   *self);
void               mlr_gd_state_reset            (MlrGdState         *self);
gboolean           mlr_gd_state_step             (MlrGdState         *self);
void               mlr_gd_state_run_to           (MlrGdState         *self,
                                                  guint               step);

guint              mlr_gd_state_get_n_runs       (const MlrGdState   *self);
const MlrDescent  *mlr_gd_state_get_run          (const MlrGdState   *self,
                                                  guint               i);
MlrOptimizerKind   mlr_gd_state_get_run_kind     (const MlrGdState   *self,
                                                  guint               i);
gboolean           mlr_gd_state_get_loss_reference (const MlrGdState *self,
                                                  double             *reference);

const MlrViewRect *mlr_gd_state_get_view         (const MlrGdState   *self);
void               mlr_gd_state_set_view         (MlrGdState         *self,
                                                  const MlrViewRect  *view);
const MlrViewRect *mlr_gd_state_get_default_view (const MlrGdState   *self);
void               mlr_gd_state_reset_view       (MlrGdState         *self);
void               mlr_gd_state_zoom             (MlrGdState         *self,
                                                  double              factor,
                                                  double              cx,
                                                  double              cy);
void               mlr_gd_state_pan              (MlrGdState         *self,
                                                  double              dx,
                                                  double              dy);


void               mlr_gd_state_read_params      (const MlrGdState   *self,
                                                  MlrParams          *params);
gboolean           mlr_gd_state_apply_param      (MlrGdState         *self,
                                                  const MlrParams    *params,
                                                  const char         *key,
                                                  GError            **error);
gboolean           mlr_gd_state_param_relevant   (const MlrGdState   *self,
                                                  const char         *key);

const char        *mlr_gd_optimizer_title        (MlrOptimizerKind    kind);
char              *mlr_gd_format_number          (double              value);
char              *mlr_gd_format_coordinate      (double              value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrGdState, mlr_gd_state_free)

G_END_DECLS
