/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-conv-state: the state of the "convolution" demo — a grey image (a built-in one, or a
 * picture the learner opened), a 3×3 or 5×5 kernel (a preset or the learner's weights), the
 * stride, zero padding, optional ReLU and 2×2 max pooling; the feature map they make, and
 * one selected output pixel whose multiply–add the picture spells out.
 *
 * The selection (x, y) is a pixel of the feature map before pooling; −1 means its centre,
 * and a value past the map's edge is clamped to it. Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-conv.h"
#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

typedef struct _MlrConvState MlrConvState;

const MlrParamSpec *mlr_conv_state_param_specs  (guint              *n_specs);
const char * const *mlr_conv_state_metric_names (void);

MlrConvState   *mlr_conv_state_new           (const MlrParams    *params,
                                              GError            **error);
gboolean        mlr_conv_state_check         (const MlrParams    *params,
                                              GError            **error);
void            mlr_conv_state_free          (MlrConvState       *self);
void            mlr_conv_state_read_params   (const MlrConvState *self,
                                              MlrParams          *params);
gboolean        mlr_conv_state_apply_param   (MlrConvState       *self,
                                              const MlrParams    *params,
                                              const char         *key,
                                              GError            **error);
gboolean        mlr_conv_state_set_image     (MlrConvState       *self,
                                              const MlrConvGrid      *image,
                                              const char         *name,
                                              GError            **error);

const MlrConvGrid  *mlr_conv_state_get_input     (const MlrConvState *self);
const char     *mlr_conv_state_get_image_id  (const MlrConvState *self);
const char     *mlr_conv_state_get_own_name  (const MlrConvState *self);
const MlrConvGrid  *mlr_conv_state_get_feature   (const MlrConvState *self);
const MlrConvGrid  *mlr_conv_state_get_pooled    (const MlrConvState *self);
const MlrConvGrid  *mlr_conv_state_get_output    (const MlrConvState *self);
const char     *mlr_conv_state_get_kernel_id (const MlrConvState *self);
const double   *mlr_conv_state_get_weights   (const MlrConvState *self,
                                              guint              *size);
guint           mlr_conv_state_get_stride    (const MlrConvState *self);
guint           mlr_conv_state_get_padding   (const MlrConvState *self);
gboolean        mlr_conv_state_get_relu      (const MlrConvState *self);
gboolean        mlr_conv_state_get_pool      (const MlrConvState *self);
void            mlr_conv_state_get_selection (const MlrConvState *self,
                                              guint              *x,
                                              guint              *y);
double          mlr_conv_state_window        (const MlrConvState *self,
                                              double             *patch,
                                              double             *products);

void            mlr_conv_state_collect_metrics (const MlrConvState *self,
                                              MlrMetricFunc       func,
                                              gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrConvState, mlr_conv_state_free)

G_END_DECLS
