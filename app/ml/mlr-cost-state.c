/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-cost-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _MlrCostState
{
  /* the parameters */
  double            n;            /* parameters */
  double            tokens;       /* training tokens */
  double            dtype_bytes;
  const char       *dtype;
  const char       *optimizer;
  guint             zero;
  guint             gpus;
  const MlrCostGpu *gpu;
  double            mfu;
  guint             micro_batch;
  guint             seq_len;
  const char       *recompute;
  guint             batch;
  guint             context;
  guint             kv_heads_asked;
  double            kv_bytes;

  /* derived */
  guint             layers;
  double            hidden;
  guint             heads;
  guint             kv_heads;
  double            total[MLR_COST_N_PARTS];   /* bytes, before ZeRO; activations per GPU */
};

/* Vendors' spec sheets, as of 2026: nominal memory and the dense (no 2:4 sparsity) bf16
 * tensor peak. NVIDIA lists "with sparsity" figures; these are half of them (A100 624, H100
 * and H200 1,979, L4 242). B200 is the HGX part (1,000 W: 2,250 dense; 180 GB, 1.44 TB for
 * eight); MI300X is AMD's 1,307.4; TPU v5e is Google's 197 TFLOP/s bf16 and 16 GB HBM2. */
static const MlrCostGpu gpus[] = {
  { "a100", N_("A100 SXM 80 GB"), 80, 312 },
  { "h100", N_("H100 SXM 80 GB"), 80, 989 },
  { "h200", N_("H200 SXM 141 GB"), 141, 989 },
  { "b200", N_("B200 180 GB (HGX)"), 180, 2250 },
  { "mi300x", N_("AMD MI300X 192 GB"), 192, 1307 },
  { "l4", N_("L4 24 GB"), 24, 121 },
  { "tpu-v5e", N_("TPU v5e 16 GB"), 16, 197 },
};

static const char * const gpu_ids[] = {
  "a100", "h100", "h200", "b200", "mi300x", "l4", "tpu-v5e", NULL
};
static const char * const gpu_titles[] = {
  N_("A100 SXM 80 GB · 312 TFLOP/s"), N_("H100 SXM 80 GB · 989 TFLOP/s"),
  N_("H200 SXM 141 GB · 989 TFLOP/s"), N_("B200 180 GB · 2,250 TFLOP/s"),
  N_("MI300X 192 GB · 1,307 TFLOP/s"), N_("L4 24 GB · 121 TFLOP/s"),
  N_("TPU v5e 16 GB · 197 TFLOP/s"), NULL
};
static const char * const dtypes[] = { "fp32", "bf16", "fp8", NULL };
static const char * const dtype_titles[] = { N_("fp32"), N_("bf16"), N_("fp8"), NULL };
static const char * const optimizers[] = { "adam", "sgd", "adafactor", NULL };
static const char * const optimizer_titles[] = {
  N_("Adam"), N_("SGD + momentum"), N_("Adafactor"), NULL
};
static const char * const recomputes[] = { "none", "selective", "full", NULL };
static const char * const recompute_titles[] = {
  N_("None"), N_("Selective"), N_("Full"), NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "params_b", .type = MLR_PARAM_NUMBER, .default_value = "7", .min = 0.01,
    .max = 10000,
    .help = N_("The model's size in billions of parameters (0.01 to 10,000; log scale). A "
               "dense transformer; its layers and width follow from N = 12·L·h² with "
               "h = 128·L"),
    .label = N_("Parameters (B)"), .ui = MLR_PARAM_UI_LOG, .ui_min = 0.1, .ui_max = 2000 },
  { .key = "dtype", .type = MLR_PARAM_CHOICE, .default_value = "bf16", .choices = dtypes,
    .help = N_("The number format of the weights and gradients: fp32 4 bytes, bf16 2, fp8 1. "
               "With bf16 or fp8 Adam keeps an fp32 master copy"),
    .label = N_("Precision"), .choice_titles = dtype_titles },
  { .key = "optimizer", .type = MLR_PARAM_CHOICE, .default_value = "adam",
    .choices = optimizers,
    .help = N_("Optimizer state per parameter: Adam 12 bytes (fp32 master + two moments; 8 "
               "in fp32), SGD with momentum 8 (fp32 master + momentum; 4 in fp32), Adafactor 4 "
               "(fp32 master; 0 in fp32) plus a "
               "factored second moment of a row and a column per matrix"),
    .label = N_("Optimizer"), .choice_titles = optimizer_titles },
  { .key = "zero", .type = MLR_PARAM_INT, .default_value = "0", .min = 0, .max = 3,
    .help = N_("ZeRO stage (0 to 3): 1 shards the optimizer state across the GPUs, 2 also the "
               "gradients, 3 also the weights. Every size shown is per GPU, after this "
               "sharding; GB are 10⁹ bytes"),
    .label = N_("ZeRO stage") },
  { .key = "gpus", .type = MLR_PARAM_INT, .default_value = "8", .min = 1, .max = 100000,
    .help = N_("How many GPUs train the model together (1 to 100,000), data parallel"),
    .label = N_("GPUs") },
  { .key = "gpu", .type = MLR_PARAM_CHOICE, .default_value = "h100", .choices = gpu_ids,
    .help = N_("The accelerator: its memory and its dense bf16 peak from the vendor's spec "
               "sheet (as of 2026)"),
    .label = N_("Accelerator"), .choice_titles = gpu_titles, .row = 1 },
  { .key = "tokens_b", .type = MLR_PARAM_NUMBER, .default_value = "140", .min = 0.001,
    .max = 1000000,
    .help = N_("Training tokens in billions (0.001 to 1,000,000; log scale). 20 tokens a "
               "parameter is the Chinchilla rule of thumb"),
    .label = N_("Tokens (B)"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1, .ui_max = 100000,
    .row = 1 },
  { .key = "mfu", .type = MLR_PARAM_NUMBER, .default_value = "0.4", .min = 0.01, .max = 1,
    .help = N_("Model FLOPs utilization (0.01 to 1): the share of the peak the run achieves; "
               "communication and other overheads are in it"),
    .label = N_("MFU"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.05, .ui_max = 0.8,
    .ui_step = 0.01, .digits = 2, .row = 1 },
  { .key = "micro_batch", .type = MLR_PARAM_INT, .default_value = "1", .min = 1, .max = 1024,
    .help = N_("Training sequences each GPU holds at once (1 to 1,024); activations grow "
               "with it"),
    .label = N_("Micro-batch"), .more = TRUE },
  { .key = "seq_len", .type = MLR_PARAM_INT, .default_value = "4096", .min = 16,
    .max = 1048576,
    .help = N_("Training sequence length in tokens (16 to 1,048,576)"),
    .label = N_("Sequence length"), .more = TRUE },
  { .key = "recompute", .type = MLR_PARAM_CHOICE, .default_value = "selective",
    .choices = recomputes,
    .help = N_("Activation recomputation (Korthikanti et al. 2022): none keeps 34 + 5·a·s/h "
               "bytes per token and width a layer, selective (or FlashAttention) 34, full "
               "only the layer's 2-byte input"),
    .label = N_("Recomputation"), .choice_titles = recompute_titles, .more = TRUE },
  { .key = "batch", .type = MLR_PARAM_INT, .default_value = "8", .min = 1, .max = 4096,
    .help = N_("Inference: sequences served at once (1 to 4,096)"),
    .label = N_("Inference batch"), .more = TRUE },
  { .key = "context", .type = MLR_PARAM_INT, .default_value = "8192", .min = 1,
    .max = 1048576,
    .help = N_("Inference: tokens of context each sequence keeps in the KV cache (1 to "
               "1,048,576)"),
    .label = N_("Context"), .more = TRUE },
  { .key = "kv_heads", .type = MLR_PARAM_INT, .default_value = "8", .min = 1, .max = 1024,
    .help = N_("Key/value heads (grouped-query attention; 1 to 1,024, clamped to the model's "
               "heads: as many as heads is plain multi-head attention)"),
    .label = N_("KV heads"), .more = TRUE },
  { .key = "kv_dtype", .type = MLR_PARAM_CHOICE, .default_value = "bf16", .choices = dtypes,
    .help = N_("The number format of the KV cache"),
    .label = N_("KV cache precision"), .choice_titles = dtype_titles, .more = TRUE },
};

static const char * const metric_names[] = {
  "weights_gb", "gradients_gb", "optimizer_gb", "per_gpu_gb", "train_flops", "train_days",
  "fits", "activations_gb", "kv_cache_gb", "inference_gb", NULL
};

const MlrParamSpec *
mlr_cost_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_cost_state_metric_names (void)
{
  return metric_names;
}

/* The accelerators of the table, in the order of the `gpu` choices. */
const MlrCostGpu *
mlr_cost_gpus (guint *n_gpus)
{
  *n_gpus = G_N_ELEMENTS (gpus);
  return gpus;
}

static double
dtype_bytes (const char *dtype)
{
  if (g_strcmp0 (dtype, "fp32") == 0)
    return 4;
  if (g_strcmp0 (dtype, "fp8") == 0)
    return 1;
  return 2;
}

static const char *
choice (const MlrParams *params,
        const char      *key,
        const char * const *choices)
{
  const char *value = mlr_params_get_string (params, key);

  /* the interned table entry, so the state never points into @params */
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (choices[i], value) == 0)
      return choices[i];
  return choices[0];
}

/* Optimizer bytes per parameter, before ZeRO, without Adafactor's factored moment. */
static double
optimizer_bytes (const MlrCostState *self)
{
  gboolean fp32 = self->dtype_bytes == 4;

  if (g_strcmp0 (self->optimizer, "sgd") == 0)
    return fp32 ? 4 : 8;
  if (g_strcmp0 (self->optimizer, "adafactor") == 0)
    return fp32 ? 0 : 4;
  return fp32 ? 8 : 12;
}

static void
derive (MlrCostState *self)
{
  double s = self->seq_len, b = self->micro_batch, h, L, per_layer;

  /* N = 12·L·h², h = 128·L  =>  L³ = N / (12·128²) */
  self->layers = (guint) MAX (1.0, round (cbrt (self->n / (12 * MLR_COST_ASPECT *
                                                          MLR_COST_ASPECT))));
  L = self->layers;
  self->hidden = h = sqrt (self->n / (12 * L));
  self->heads = (guint) MAX (1.0, round (h / MLR_COST_HEAD_DIM));
  self->kv_heads = MIN (self->kv_heads_asked, self->heads);

  self->total[MLR_COST_WEIGHTS] = self->n * self->dtype_bytes;
  self->total[MLR_COST_GRADIENTS] = self->n * self->dtype_bytes;
  self->total[MLR_COST_OPTIMIZER] = self->n * optimizer_bytes (self);
  if (g_strcmp0 (self->optimizer, "adafactor") == 0)
    /* a row and a column of each of the four matrices (h×3h, h×h, h×4h, 4h×h): 16·h fp32 */
    self->total[MLR_COST_OPTIMIZER] += 16 * h * L * 4;

  if (g_strcmp0 (self->recompute, "full") == 0)
    per_layer = 2 * s * b * h;
  else if (g_strcmp0 (self->recompute, "selective") == 0)
    per_layer = 34 * s * b * h;
  else
    per_layer = s * b * h * (34 + 5 * self->heads * s / h);
  self->total[MLR_COST_ACTIVATIONS] = per_layer * L * (self->dtype_bytes == 4 ? 2 : 1);
}

/**
 * mlr_cost_state_new:
 * The costs for @params (see the header for the rules). Every combination the table
 * accepts works (the ranges keep every number finite), so this does not fail.
 */
MlrCostState *
mlr_cost_state_new (const MlrParams  *params,
                    GError          **error)
{
  MlrCostState *self = g_new0 (MlrCostState, 1);
  const char *gpu = choice (params, "gpu", gpu_ids);

  self->n = mlr_params_get_double (params, "params_b") * 1e9;
  self->tokens = mlr_params_get_double (params, "tokens_b") * 1e9;
  self->dtype = choice (params, "dtype", dtypes);
  self->dtype_bytes = dtype_bytes (self->dtype);
  self->optimizer = choice (params, "optimizer", optimizers);
  self->zero = (guint) CLAMP (mlr_params_get_int (params, "zero"), 0, 3);
  self->gpus = (guint) CLAMP (mlr_params_get_int (params, "gpus"), 1, 100000);
  for (guint i = 0; i < G_N_ELEMENTS (gpus); i++)
    if (strcmp (gpus[i].id, gpu) == 0)
      self->gpu = &gpus[i];
  self->mfu = mlr_params_get_double (params, "mfu");
  self->micro_batch = (guint) CLAMP (mlr_params_get_int (params, "micro_batch"), 1, 1024);
  self->seq_len = (guint) CLAMP (mlr_params_get_int (params, "seq_len"), 16, 1048576);
  self->recompute = choice (params, "recompute", recomputes);
  self->batch = (guint) CLAMP (mlr_params_get_int (params, "batch"), 1, 4096);
  self->context = (guint) CLAMP (mlr_params_get_int (params, "context"), 1, 1048576);
  self->kv_heads_asked = (guint) CLAMP (mlr_params_get_int (params, "kv_heads"), 1, 1024);
  self->kv_bytes = dtype_bytes (mlr_params_get_string (params, "kv_dtype"));
  derive (self);
  return self;
}

/* Every value the table takes works together. */
gboolean
mlr_cost_state_check (const MlrParams  *params,
                      GError          **error)
{
  return TRUE;
}

void
mlr_cost_state_free (MlrCostState *self)
{
  g_free (self);
}

/* N, in parameters (not billions). */
double
mlr_cost_state_get_params (const MlrCostState *self)
{
  return self->n;
}

const MlrCostGpu *
mlr_cost_state_get_gpu (const MlrCostState *self)
{
  return self->gpu;
}

guint
mlr_cost_state_get_gpus (const MlrCostState *self)
{
  return self->gpus;
}

guint
mlr_cost_state_get_zero (const MlrCostState *self)
{
  return self->zero;
}

const char *
mlr_cost_state_get_dtype (const MlrCostState *self)
{
  return self->dtype;
}

const char *
mlr_cost_state_get_optimizer (const MlrCostState *self)
{
  return self->optimizer;
}

double
mlr_cost_state_get_mfu (const MlrCostState *self)
{
  return self->mfu;
}

/* D, in tokens (not billions). */
double
mlr_cost_state_get_tokens (const MlrCostState *self)
{
  return self->tokens;
}

guint
mlr_cost_state_get_layers (const MlrCostState *self)
{
  return self->layers;
}

double
mlr_cost_state_get_hidden (const MlrCostState *self)
{
  return self->hidden;
}

guint
mlr_cost_state_get_heads (const MlrCostState *self)
{
  return self->heads;
}

/* The KV heads the cache uses: the setting, at most the model's heads. */
guint
mlr_cost_state_get_kv_heads (const MlrCostState *self)
{
  return self->kv_heads;
}

guint
mlr_cost_state_get_batch (const MlrCostState *self)
{
  return self->batch;
}

guint
mlr_cost_state_get_context (const MlrCostState *self)
{
  return self->context;
}

/**
 * mlr_cost_state_part_gb:
 * GB (10⁹ bytes) one GPU holds of @part at ZeRO stage @zero (not necessarily the state's,
 * so the picture can compare the stages): the total divided by the GPUs when the stage
 * shards it. Activations are per GPU at every stage.
 */
double
mlr_cost_state_part_gb (const MlrCostState *self,
                        MlrCostPart         part,
                        guint               zero)
{
  static const guint sharded_from[MLR_COST_N_PARTS] = { 3, 2, 1, G_MAXUINT };

  g_return_val_if_fail (part < MLR_COST_N_PARTS, 0);
  return self->total[part] / (zero >= sharded_from[part] ? self->gpus : 1) / MLR_COST_GB;
}

/* GB of @part over the whole run before sharding (activations: per GPU). */
double
mlr_cost_state_total_gb (const MlrCostState *self,
                         MlrCostPart         part)
{
  g_return_val_if_fail (part < MLR_COST_N_PARTS, 0);
  return self->total[part] / MLR_COST_GB;
}

/* GB one GPU needs at ZeRO stage @zero: the four parts. */
double
mlr_cost_state_per_gpu_gb (const MlrCostState *self,
                           guint               zero)
{
  double sum = 0;

  for (guint p = 0; p < MLR_COST_N_PARTS; p++)
    sum += mlr_cost_state_part_gb (self, p, zero);
  return sum;
}

/* Whether the state's stage needs no more than the GPU's memory. */
gboolean
mlr_cost_state_fits (const MlrCostState *self)
{
  return mlr_cost_state_per_gpu_gb (self, self->zero) <= self->gpu->memory_gb;
}

/* 6·N·D: forward 2·N·D, backward 4·N·D. */
double
mlr_cost_state_train_flops (const MlrCostState *self)
{
  return 6 * self->n * self->tokens;
}

/* Days of wall clock at MFU × the GPUs' dense bf16 peak. */
double
mlr_cost_state_train_days (const MlrCostState *self)
{
  double rate = self->gpus * self->gpu->peak_tflops * 1e12 * self->mfu;

  return mlr_cost_state_train_flops (self) / rate / 86400;
}

/* 2 (K and V) · L · kv_heads · head_dim · context · batch · bytes. */
double
mlr_cost_state_kv_cache_gb (const MlrCostState *self)
{
  double head_dim = self->hidden / self->heads;

  return 2.0 * self->layers * self->kv_heads * head_dim * self->context * self->batch *
         self->kv_bytes / MLR_COST_GB;
}

/* One replica serving: the weights in `dtype` plus the KV cache. */
double
mlr_cost_state_inference_gb (const MlrCostState *self)
{
  return self->total[MLR_COST_WEIGHTS] / MLR_COST_GB + mlr_cost_state_kv_cache_gb (self);
}

/* How many of the GPU it takes to hold one replica (split by tensor or pipeline
 * parallelism, which the demo does not model): ceil (inference / memory). */
double
mlr_cost_state_inference_gpus (const MlrCostState *self)
{
  return ceil (mlr_cost_state_inference_gb (self) / self->gpu->memory_gb);
}

/**
 * mlr_cost_state_collect_metrics:
 * weights_gb, gradients_gb, optimizer_gb, activations_gb: GB one GPU holds at the state's
 * ZeRO stage; per_gpu_gb their sum; fits 1 when it is at most the GPU's memory, else 0;
 * train_flops 6·N·D; train_days; kv_cache_gb and inference_gb for one serving replica.
 */
void
mlr_cost_state_collect_metrics (const MlrCostState *self,
                                MlrMetricFunc       func,
                                gpointer            user_data)
{
  func ("weights_gb", g_variant_new_double (mlr_cost_state_part_gb (self, MLR_COST_WEIGHTS,
                                                                    self->zero)), user_data);
  func ("gradients_gb", g_variant_new_double (mlr_cost_state_part_gb (self, MLR_COST_GRADIENTS,
                                                                      self->zero)),
        user_data);
  func ("optimizer_gb", g_variant_new_double (mlr_cost_state_part_gb (self, MLR_COST_OPTIMIZER,
                                                                      self->zero)),
        user_data);
  func ("per_gpu_gb", g_variant_new_double (mlr_cost_state_per_gpu_gb (self, self->zero)),
        user_data);
  func ("train_flops", g_variant_new_double (mlr_cost_state_train_flops (self)), user_data);
  func ("train_days", g_variant_new_double (mlr_cost_state_train_days (self)), user_data);
  func ("fits", g_variant_new_double (mlr_cost_state_fits (self) ? 1 : 0), user_data);
  func ("activations_gb",
        g_variant_new_double (mlr_cost_state_part_gb (self, MLR_COST_ACTIVATIONS, self->zero)),
        user_data);
  func ("kv_cache_gb", g_variant_new_double (mlr_cost_state_kv_cache_gb (self)), user_data);
  func ("inference_gb", g_variant_new_double (mlr_cost_state_inference_gb (self)), user_data);
}
