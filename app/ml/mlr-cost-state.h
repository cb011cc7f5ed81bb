/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-cost-state: the state of the "training-cost" demo — what a dense transformer of N
 * parameters costs to train on D tokens and to serve: memory per GPU (weights, gradients,
 * optimizer state, activations) under ZeRO data parallelism, compute (6·N·D FLOPs) and days
 * at a given MFU, and inference memory with the KV cache.
 *
 * The rules (every number is in bytes, GB = 10⁹ bytes):
 *   - weights and gradients: N × bytes of `dtype` (fp32 4, bf16 2, fp8 1);
 *   - optimizer state per parameter: Adam 12 (fp32 master copy + two fp32 moments) when
 *     dtype is not fp32, 8 (two moments) when it is; SGD with momentum 4 (the fp32
 *     momentum) plus, like the others, a 4-byte fp32 master copy when dtype is not fp32;
 *     Adafactor 4 (fp32 master) when dtype is not fp32, else 0, plus its factored second
 *     moment: a row and a
 *     column of fp32 numbers per weight matrix, 16·h numbers a layer;
 *   - ZeRO stage 1 divides the optimizer state by `gpus`, 2 also the gradients, 3 also the
 *     weights;
 *   - the shape: N = 12·L·h² with h = 128·L (the aspect ratio of GPT-3 and Llama 7B),
 *     L = round (cbrt (N / (12·128²))) at least 1, then h = sqrt (N / (12·L)); heads =
 *     round (h / 128) at least 1, head_dim = h / heads;
 *   - activations per GPU (Korthikanti et al. 2022, no tensor or sequence parallelism),
 *     per layer s·b·h·(34 + 5·a·s/h) bytes with no recomputation, 34·s·b·h with selective
 *     recomputation (or FlashAttention), 2·s·b·h with full recomputation; times L; doubled
 *     for fp32 (the 16-bit values become 4-byte ones); embeddings and logits left out;
 *   - training compute 6·N·D FLOPs; days = 6·N·D / (gpus × dense bf16 peak × MFU) / 86,400
 *     whatever the dtype (fp8 changes memory only);
 *   - inference: weights N × dtype bytes on one replica, plus the KV cache
 *     2·L·kv_heads·head_dim·context·batch × bytes of `kv_dtype`, kv_heads clamped to heads.
 * Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

#define MLR_COST_GB 1e9
#define MLR_COST_ASPECT 128.0     /* hidden size / layers */
#define MLR_COST_HEAD_DIM 128.0   /* the hidden size a head takes, before rounding heads */

typedef enum {
  MLR_COST_WEIGHTS,
  MLR_COST_GRADIENTS,
  MLR_COST_OPTIMIZER,
  MLR_COST_ACTIVATIONS,
  MLR_COST_N_PARTS,
} MlrCostPart;

/* An accelerator of the table (vendors' spec sheets, as of 2026). */
typedef struct {
  const char *id;
  const char *name;         /* N_() */
  double      memory_gb;    /* the vendor's nominal memory, read as 10⁹ bytes */
  double      peak_tflops;  /* dense (no 2:4 sparsity) bf16 peak */
} MlrCostGpu;

typedef struct _MlrCostState MlrCostState;

const MlrParamSpec *mlr_cost_state_param_specs     (guint              *n_specs);
const char * const *mlr_cost_state_metric_names    (void);
const MlrCostGpu   *mlr_cost_gpus                  (guint              *n_gpus);

MlrCostState       *mlr_cost_state_new             (const MlrParams    *params,
                                                    GError            **error);
gboolean            mlr_cost_state_check           (const MlrParams    *params,
                                                    GError            **error);
void                mlr_cost_state_free            (MlrCostState       *self);

double              mlr_cost_state_get_params      (const MlrCostState *self);
const MlrCostGpu   *mlr_cost_state_get_gpu         (const MlrCostState *self);
guint               mlr_cost_state_get_gpus        (const MlrCostState *self);
guint               mlr_cost_state_get_zero        (const MlrCostState *self);
const char         *mlr_cost_state_get_dtype       (const MlrCostState *self);
const char         *mlr_cost_state_get_optimizer   (const MlrCostState *self);
double              mlr_cost_state_get_mfu         (const MlrCostState *self);
double              mlr_cost_state_get_tokens      (const MlrCostState *self);
guint               mlr_cost_state_get_layers      (const MlrCostState *self);
double              mlr_cost_state_get_hidden      (const MlrCostState *self);
guint               mlr_cost_state_get_heads       (const MlrCostState *self);
guint               mlr_cost_state_get_kv_heads    (const MlrCostState *self);
guint               mlr_cost_state_get_batch       (const MlrCostState *self);
guint               mlr_cost_state_get_context     (const MlrCostState *self);

double              mlr_cost_state_part_gb         (const MlrCostState *self,
                                                    MlrCostPart         part,
                                                    guint               zero);
double              mlr_cost_state_total_gb        (const MlrCostState *self,
                                                    MlrCostPart         part);
double              mlr_cost_state_per_gpu_gb      (const MlrCostState *self,
                                                    guint               zero);
gboolean            mlr_cost_state_fits            (const MlrCostState *self);
double              mlr_cost_state_train_flops     (const MlrCostState *self);
double              mlr_cost_state_train_days      (const MlrCostState *self);
double              mlr_cost_state_kv_cache_gb     (const MlrCostState *self);
double              mlr_cost_state_inference_gb    (const MlrCostState *self);
double              mlr_cost_state_inference_gpus  (const MlrCostState *self);

void                mlr_cost_state_collect_metrics (const MlrCostState *self,
                                                    MlrMetricFunc       func,
                                                    gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrCostState, mlr_cost_state_free)

G_END_DECLS
