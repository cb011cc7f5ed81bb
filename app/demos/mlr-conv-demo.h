/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrConvDemo: the "convolution" demo — a kernel sliding over an image. Its controls (image,
 * kernel, stride, padding, ReLU, pooling) come from the parameter table; what is its own is
 * the pointer (over the input or the feature map it picks the output pixel whose
 * multiply–add shows; on the kernel grid it picks a weight to edit), the keys (arrows move
 * the output pixel, Page Up/Down pick a weight, + and − change it, 0 and 1 set it, N
 * normalises the kernel, K switches between 3×3 and 5×5), "Open image…" for the learner's
 * own picture, and the sentence a screen reader speaks.
 */
#pragma once

#include "ml/mlr-conv-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_CONV_DEMO (mlr_conv_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrConvDemo, mlr_conv_demo, MLR, CONV_DEMO, MlrDemo)

char     *mlr_conv_demo_describe_state (const MlrConvState *state);
void      mlr_conv_demo_open_file      (MlrConvDemo        *self,
                                        const char         *path);
int       mlr_conv_demo_get_edit_cell  (MlrConvDemo        *self);

G_END_DECLS
