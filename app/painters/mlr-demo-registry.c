/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-registry.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ml/mlr-abtest-state.h"
#include "ml/mlr-bayes-state.h"
#include "ml/mlr-boundary-state.h"
#include "ml/mlr-distribution-state.h"
#include "ml/mlr-gd-state.h"
#include "ml/mlr-matrix-state.h"
#include "mlr-abtest-painter.h"
#include "mlr-bayes-painter.h"
#include "mlr-boundary-painter.h"
#include "mlr-distribution-painter.h"
#include "mlr-gd-painter.h"
#include "mlr-matrix-painter.h"
#include "ml/mlr-regression-state.h"
#include "mlr-regression-painter.h"
#include "ml/mlr-threshold-state.h"
#include "mlr-threshold-painter.h"
#include "ml/mlr-clustering-state.h"
#include "mlr-clustering-painter.h"
#include "ml/mlr-conv-state.h"
#include "mlr-conv-painter.h"
#include "ml/mlr-forecast-state.h"
#include "mlr-forecast-painter.h"
#include "ml/mlr-attention-state.h"
#include "mlr-attention-painter.h"
#include "ml/mlr-text-state.h"
#include "mlr-text-painter.h"
#include "ml/mlr-cost-state.h"
#include "mlr-cost-painter.h"
#include "ml/mlr-serving-state.h"
#include "mlr-serving-painter.h"
#include "ml/mlr-drift-state.h"
#include "mlr-drift-painter.h"
#include "ml/mlr-shuffle-state.h"
#include "mlr-shuffle-painter.h"

/* ---- adapters: what a row needs that its state or painter does not say in those words */

static gboolean
check_gradient_descent (const MlrParams  *params,
                        GError          **error)
{
  g_autoptr(MlrGdState) state = mlr_gd_state_new (params, error);
  return state != NULL;
}

static gboolean
settle_gradient_descent (gpointer           state,
                         int                width,
                         int                height,
                         const MlrPalette  *palette,
                         GError           **error)
{
  /* the finished race: the caption's claims are visible before anyone presses Play */
  mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
  return TRUE;
}

static void
paint_gradient_descent (cairo_t               *cr,
                        int                    width,
                        int                    height,
                        const MlrPalette      *palette,
                        gconstpointer          state,
                        gpointer               cache,
                        const MlrPaintContext *context)
{
  MlrGdPainterOptions options = { 0 };

  if (context != NULL)
    {
      options.focused = context->focused;
      options.scale = context->scale;
    }
  mlr_gd_painter_draw (cr, width, height, palette, state, context ? &options : NULL, cache);
}

static gboolean
check_matrix (const MlrParams  *params,
              GError          **error)
{
  g_autoptr(MlrMatrixState) state = mlr_matrix_state_new (params, error);
  return state != NULL;
}

static gboolean
settle_matrix (gpointer           state,
               int                width,
               int                height,
               const MlrPalette  *palette,
               GError           **error)
{
  mlr_matrix_state_finish (state);
  return TRUE;
}

static void
paint_matrix (cairo_t               *cr,
              int                    width,
              int                    height,
              const MlrPalette      *palette,
              gconstpointer          state,
              gpointer               cache,
              const MlrPaintContext *context)
{
  mlr_matrix_painter_draw (cr, width, height, palette, state);
}

static gboolean
settle_decision_boundary (gpointer           state,
                          int                width,
                          int                height,
                          const MlrPalette  *palette,
                          GError           **error)
{
  MlrBoundaryLayout layout;
  MlrGrid grid;

  /* the shading raster matches the picture's size */
  mlr_boundary_painter_layout (width, height, palette, state, &layout);
  mlr_boundary_painter_grid (&layout, &grid);
  return mlr_boundary_state_fit_sync (state, &grid, error);
}

static void
paint_decision_boundary (cairo_t               *cr,
                         int                    width,
                         int                    height,
                         const MlrPalette      *palette,
                         gconstpointer          state,
                         gpointer               cache,
                         const MlrPaintContext *context)
{
  MlrBoundaryPainterOptions options = { .hover = -1, .add_class = -1 };

  if (context != NULL)
    {
      options.focused = context->focused;
      options.scale = context->scale;
    }
  mlr_boundary_painter_draw (cr, width, height, palette, state, context ? &options : NULL,
                             cache);
}

static void
paint_bayes (cairo_t               *cr,
             int                    width,
             int                    height,
             const MlrPalette      *palette,
             gconstpointer          state,
             gpointer               cache,
             const MlrPaintContext *context)
{
  mlr_bayes_painter_draw (cr, width, height, palette, state, -1);
}

static gboolean
settle_ab_test (gpointer           state,
                int                width,
                int                height,
                const MlrPalette  *palette,
                GError           **error)
{
  /* the simulation the app runs off the UI thread (bounded: see mlr-abtest-state.h) */
  mlr_abtest_state_simulate_sync (state);
  return TRUE;
}

static void
paint_ab_test (cairo_t               *cr,
               int                    width,
               int                    height,
               const MlrPalette      *palette,
               gconstpointer          state,
               gpointer               cache,
               const MlrPaintContext *context)
{
  MlrAbtestPainterOptions options = { 0 };

  options.focused = context != NULL && context->focused;
  mlr_abtest_painter_draw (cr, width, height, palette, state, context ? &options : NULL);
}

static void
paint_distribution (cairo_t               *cr,
                    int                    width,
                    int                    height,
                    const MlrPalette      *palette,
                    gconstpointer          state,
                    gpointer               cache,
                    const MlrPaintContext *context)
{
  MlrDistributionPainterOptions options = { 0 };

  if (context != NULL)
    options.focused = context->focused;
  mlr_distribution_painter_draw (cr, width, height, palette, state, context ? &options : NULL,
                                 cache);
}

static void
paint_regression (cairo_t               *cr,
                  int                    width,
                  int                    height,
                  const MlrPalette      *palette,
                  gconstpointer          state,
                  gpointer               cache,
                  const MlrPaintContext *context)
{
  MlrRegressionPainterOptions options = { .hover = -1 };

  if (context != NULL)
    {
      options.focused = context->focused;
      options.scale = context->scale;
    }
  mlr_regression_painter_draw (cr, width, height, palette, state, &options, cache);
}

static void
paint_threshold (cairo_t               *cr,
                 int                    width,
                 int                    height,
                 const MlrPalette      *palette,
                 gconstpointer          state,
                 gpointer               cache,
                 const MlrPaintContext *context)
{
  mlr_threshold_painter_draw (cr, width, height, palette, state, cache,
                              context ? context->scale : 1);
}

static void
paint_clustering (cairo_t               *cr,
                  int                    width,
                  int                    height,
                  const MlrPalette      *palette,
                  gconstpointer          state,
                  gpointer               cache,
                  const MlrPaintContext *context)
{
  mlr_clustering_painter_draw (cr, width, height, palette, state, -1);
}

/* ---- the table: one row per demo */

static void
paint_convolution (cairo_t               *cr,
                   int                    width,
                   int                    height,
                   const MlrPalette      *palette,
                   gconstpointer          state,
                   gpointer               cache,
                   const MlrPaintContext *context)
{
  mlr_conv_painter_draw (cr, width, height, palette, state, NULL);
}

static void
paint_forecast (cairo_t               *cr,
                int                    width,
                int                    height,
                const MlrPalette      *palette,
                gconstpointer          state,
                gpointer               cache,
                const MlrPaintContext *context)
{
  mlr_forecast_painter_draw (cr, width, height, palette, state);
}

static void
paint_attention (cairo_t               *cr,
                 int                    width,
                 int                    height,
                 const MlrPalette      *palette,
                 gconstpointer          state,
                 gpointer               cache,
                 const MlrPaintContext *context)
{
  mlr_attention_painter_draw (cr, width, height, palette, state, NULL);
}

static void
paint_text (cairo_t               *cr,
            int                    width,
            int                    height,
            const MlrPalette      *palette,
            gconstpointer          state,
            gpointer               cache,
            const MlrPaintContext *context)
{
  mlr_text_painter_draw (cr, width, height, palette, state, NULL);
}

static void
paint_training_cost (cairo_t               *cr,
                     int                    width,
                     int                    height,
                     const MlrPalette      *palette,
                     gconstpointer          state,
                     gpointer               cache,
                     const MlrPaintContext *context)
{
  mlr_cost_painter_draw (cr, width, height, palette, state, context != NULL && context->focused);
}

static void
paint_serving (cairo_t               *cr,
               int                    width,
               int                    height,
               const MlrPalette      *palette,
               gconstpointer          state,
               gpointer               cache,
               const MlrPaintContext *context)
{
  mlr_serving_painter_draw (cr, width, height, palette, state, context && context->focused);
}

static void
paint_drift (cairo_t               *cr,
             int                    width,
             int                    height,
             const MlrPalette      *palette,
             gconstpointer          state,
             gpointer               cache,
             const MlrPaintContext *context)
{
  mlr_drift_painter_draw (cr, width, height, palette, state);
}

static void
paint_shuffle (cairo_t               *cr,
               int                    width,
               int                    height,
               const MlrPalette      *palette,
               gconstpointer          state,
               gpointer               cache,
               const MlrPaintContext *context)
{
  mlr_shuffle_painter_draw (cr, width, height, palette, state);
}

static gboolean
shuffle_param_relevant (gconstpointer  state,
                        const char    *key)
{
  /* the threshold only decides how a join runs */
  return g_strcmp0 (key, "broadcast_mb") != 0 ||
         mlr_shuffle_state_get_operation (state) == MLR_SHUFFLE_JOIN;
}

static MlrDemoKind kinds[] = {
  {
    .id = "gradient-descent",
    .title = N_("Gradient descent"),
    .description = N_("Optimizers race down a loss surface; or a curve, its tangent and the "
                      "steps along it"),
    .param_specs = mlr_gd_state_param_specs,
    .metric_names = mlr_gd_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_gd_state_new,
    .state_free = (GDestroyNotify) mlr_gd_state_free,
    .check = check_gradient_descent,
    .collect_metrics = (MlrDemoCollectFunc) mlr_gd_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_gd_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_gd_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_gd_state_param_relevant,
    .settle = settle_gradient_descent,
    .paint = paint_gradient_descent,
    .cache_new = (MlrDemoCacheNew) mlr_gd_painter_cache_new,
    .cache_free = (GDestroyNotify) mlr_gd_painter_cache_free,
    .widget_type = "MlrGdDemo",
    /* the defaults race plain GD alone, which barely moves along Rosenbrock's valley */
    .showcase = "optimizer=gd,momentum,adam",
  },
  {
    .id = "matrix",
    .title = N_("Matrix transformation"),
    .description = N_("A 2×2 matrix warps the plane: determinant, eigenvectors, singular "
                      "values"),
    .param_specs = mlr_matrix_state_param_specs,
    .metric_names = mlr_matrix_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_matrix_state_new,
    .state_free = (GDestroyNotify) mlr_matrix_state_free,
    .check = check_matrix,
    .collect_metrics = (MlrDemoCollectFunc) mlr_matrix_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_matrix_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_matrix_state_apply_param,
    .settle = settle_matrix,
    .paint = paint_matrix,
    .widget_type = "MlrMatrixDemo",
  },
  {
    .id = "decision-boundary",
    .title = N_("Decision boundaries"),
    .description = N_("Classifiers carve the plane into regions; add points and tune "
                      "hyperparameters"),
    .param_specs = mlr_boundary_state_param_specs,
    .metric_names = mlr_boundary_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_boundary_state_new,
    .state_free = (GDestroyNotify) mlr_boundary_state_free,
    .check = mlr_boundary_state_check_params,
    .collect_metrics = (MlrDemoCollectFunc) mlr_boundary_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_boundary_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_boundary_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_boundary_state_param_relevant,
    .settle = settle_decision_boundary,
    .paint = paint_decision_boundary,
    .cache_new = (MlrDemoCacheNew) mlr_boundary_painter_cache_new,
    .cache_free = (GDestroyNotify) mlr_boundary_painter_cache_free,
    .widget_type = "MlrBoundaryDemo",
  },
  {
    .id = "bayes",
    .title = N_("Base rates and Bayes' theorem"),
    .description = N_("A test in 10,000 people: how many positives are real, and how a second "
                      "positive test changes it"),
    .model = N_("The tests are independent given the condition, and the counts are expected "
                "values for 10,000 people"),
    .param_specs = mlr_bayes_state_param_specs,
    .metric_names = mlr_bayes_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_bayes_state_new,
    .state_free = (GDestroyNotify) mlr_bayes_state_free,
    .check = mlr_bayes_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_bayes_state_collect_metrics,
    .paint = paint_bayes,
    .widget_type = "MlrBayesDemo",
  },
  {
    .id = "ab-test",
    .title = N_("A/B test: power and peeking"),
    .description = N_("Two conversion rates: the sampling distributions under H₀ and H₁, α, "
                      "power and sample size; simulated experiments that stop at the first "
                      "significant look"),
    .model = N_("Power uses the normal approximation with the unpooled standard error; each "
                "simulated user converts independently, and each look is a pooled "
                "two-proportion z-test"),
    .param_specs = mlr_abtest_state_param_specs,
    .metric_names = mlr_abtest_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_abtest_state_new,
    .state_free = (GDestroyNotify) mlr_abtest_state_free,
    .check = mlr_abtest_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_abtest_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_abtest_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_abtest_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_abtest_state_param_relevant,
    .settle = settle_ab_test,
    .paint = paint_ab_test,
    .widget_type = "MlrAbtestDemo",
  },
  {
    .id = "distribution",
    .title = N_("Distributions and the central limit theorem"),
    .description = N_("Seven distributions with their mean, ±σ and P(X ≤ x); samples in a "
                      "histogram, and means of many samples turning normal"),
    .model = N_("Every draw is independent of the others and from the same distribution, as "
                "the central limit theorem assumes"),
    .param_specs = mlr_distribution_state_param_specs,
    .metric_names = mlr_distribution_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_distribution_state_new,
    .state_free = (GDestroyNotify) mlr_distribution_state_free,
    .check = mlr_distribution_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_distribution_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_distribution_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_distribution_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_distribution_state_param_relevant,
    .paint = paint_distribution,
    .cache_new = (MlrDemoCacheNew) mlr_distribution_painter_cache_new,
    .cache_free = (GDestroyNotify) mlr_distribution_painter_cache_free,
    .widget_type = "MlrDistributionDemo",
  },
  {
    .id = "regression",
    .title = N_("Fitting, overfitting and regularisation"),
    .description = N_("A polynomial fitted to noisy points: its degree, a ridge penalty, train "
                      "and test error, bias and variance"),
    .model = N_("The noise is Gaussian with one σ everywhere, and the resampled training sets "
                "keep their x values"),
    .param_specs = mlr_regression_state_param_specs,
    .metric_names = mlr_regression_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_regression_state_new,
    .state_free = (GDestroyNotify) mlr_regression_state_free,
    .check = mlr_regression_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_regression_state_collect_metrics,
    .apply_param = (MlrDemoApplyFunc) mlr_regression_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_regression_state_param_relevant,
    .paint = paint_regression,
    .cache_new = (MlrDemoCacheNew) mlr_regression_painter_cache_new,
    .cache_free = (GDestroyNotify) mlr_regression_painter_cache_free,
    .widget_type = "MlrRegressionDemo",
  },
  {
    .id = "threshold",
    .title = N_("Thresholds, ROC and calibration"),
    .description = N_("Drag a classifier's threshold: the confusion matrix, ROC and "
                      "precision–recall curves, costs, and whether its scores are "
                      "probabilities"),
    .model = N_("Each class's scores are the logistic function of a normal log-odds; Platt "
                "scaling is fitted to the same scores it is judged on"),
    .param_specs = mlr_threshold_state_param_specs,
    .metric_names = mlr_threshold_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_threshold_state_new,
    .state_free = (GDestroyNotify) mlr_threshold_state_free,
    .check = mlr_threshold_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_threshold_state_collect_metrics,
    .apply_param = (MlrDemoApplyFunc) mlr_threshold_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_threshold_state_param_relevant,
    .paint = paint_threshold,
    .cache_new = (MlrDemoCacheNew) mlr_threshold_painter_cache_new,
    .cache_free = (GDestroyNotify) mlr_threshold_painter_cache_free,
    .widget_type = "MlrThresholdDemo",
  },
  {
    .id = "clustering",
    .title = N_("Clustering"),
    .description = N_("k-means step by step with its Voronoi regions and elbow chart, and "
                      "DBSCAN's core, border and noise points"),
    .model = N_("Points in the plane with Euclidean distance; the elbow chart keeps the best of "
                "3 k-means++ runs for each k"),
    .param_specs = mlr_clustering_state_param_specs,
    .metric_names = mlr_clustering_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_clustering_state_new,
    .state_free = (GDestroyNotify) mlr_clustering_state_free,
    .check = mlr_clustering_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_clustering_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_clustering_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_clustering_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_clustering_state_param_relevant,
    .paint = paint_clustering,
    .widget_type = "MlrClusteringDemo",
  },
  {
    .id = "convolution",
    .title = N_("Convolution: a kernel slides over an image"),
    .description = N_("A 3×3 or 5×5 kernel slides over a grey image: the multiply–add at each "
                      "position, the feature map, stride, padding, ReLU and max pooling"),
    .model = N_("One channel and one kernel, cross-correlation as deep-learning libraries "
                "compute it (the kernel is not flipped), zeros beyond the edge"),
    .param_specs = mlr_conv_state_param_specs,
    .metric_names = mlr_conv_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_conv_state_new,
    .state_free = (GDestroyNotify) mlr_conv_state_free,
    .check = mlr_conv_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_conv_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_conv_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_conv_state_apply_param,
    .paint = paint_convolution,
    .widget_type = "MlrConvDemo",
  },
  {
    .id = "forecast",
    .title = N_("Forecasting: baselines first, honestly scored"),
    .description = N_("Naive, seasonal naive, drift, exponential smoothing, Holt and "
                      "Holt–Winters forecast a series with 80% and 95% intervals, scored side "
                      "by side on held-out values"),
    .model = N_("The methods as Hyndman & Athanasopoulos' Forecasting: Principles and Practice "
                "defines them, with smoothing parameters you set (not fitted) and normal "
                "prediction intervals from the one-step residuals"),
    .param_specs = mlr_forecast_state_param_specs,
    .metric_names = mlr_forecast_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_forecast_state_new,
    .state_free = (GDestroyNotify) mlr_forecast_state_free,
    .check = mlr_forecast_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_forecast_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_forecast_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_forecast_state_apply_param,
    .param_relevant = (MlrDemoRelevantFunc) mlr_forecast_state_param_relevant,
    .paint = paint_forecast,
    .widget_type = "MlrForecastDemo",
  },
  {
    .id = "attention",
    .title = N_("Attention: what a transformer layer computes"),
    .description = N_("Each token of a sentence scores every token with a query and a key; "
                      "the softmax of the scores weights their values: two heads, a "
                      "temperature, a causal mask, and vectors you can edit"),
    .model = N_("One layer of two heads with 6-number word vectors and fixed random "
                "projections (no training), the sinusoidal position encoding added"),
    .param_specs = mlr_attention_state_param_specs,
    .metric_names = mlr_attention_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_attention_state_new,
    .state_free = (GDestroyNotify) mlr_attention_state_free,
    .check = mlr_attention_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_attention_state_collect_metrics,
    .read_params = (MlrDemoReadFunc) mlr_attention_state_read_params,
    .apply_param = (MlrDemoApplyFunc) mlr_attention_state_apply_param,
    .paint = paint_attention,
    .widget_type = "MlrAttentionDemo",
  },
  {
    .id = "text",
    .title = N_("Text classification: a sentiment classifier you can type into"),
    .description = N_("Multinomial naive Bayes on word counts, trained on short reviews: type "
                      "a sentence and see what each word adds to the odds of positive"),
    .model = N_("A bag of words: a sentence is its word counts (and, with bigrams, pair "
                "counts), order and grammar are lost; the words are independent given the "
                "class"),
    .param_specs = mlr_text_state_param_specs,
    .metric_names = mlr_text_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_text_state_new,
    .state_free = (GDestroyNotify) mlr_text_state_free,
    .check = mlr_text_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_text_state_collect_metrics,
    .apply_param = (MlrDemoApplyFunc) mlr_text_state_apply_param,
    .paint = paint_text,
    .widget_type = "MlrTextDemo",
  },
  {
    .id = "training-cost",
    .title = N_("Training cost: memory and compute of a model"),
    .description = N_("What a dense transformer needs per GPU to train (weights, gradients, "
                      "optimizer state, activations) under each ZeRO stage, how many days "
                      "6·N·D FLOPs take, and the memory to serve it with its KV cache"),
    .model = N_("A dense transformer shaped N = 12·L·h² with h = 128·L; data parallelism "
                "with ZeRO only (no tensor, pipeline or expert parallelism); activations as "
                "Korthikanti et al. 2022 without embeddings; MFU covers every overhead, "
                "communication included; the dense bf16 peak for every dtype; GB = 10⁹ "
                "bytes"),
    .param_specs = mlr_cost_state_param_specs,
    .metric_names = mlr_cost_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_cost_state_new,
    .state_free = (GDestroyNotify) mlr_cost_state_free,
    .check = mlr_cost_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_cost_state_collect_metrics,
    .paint = paint_training_cost,
    .widget_type = "MlrCostDemo",
  },
  {
    .id = "serving",
    .title = N_("Serving: latency, throughput and batching"),
    .description = N_("A simulated model server: Poisson arrivals, replicas and a dynamic "
                      "batcher; the latency histogram with p50, p95 and p99, throughput, "
                      "utilisation, a live queue, and p99 against load"),
    .model = N_("Poisson arrivals, one FIFO queue with a cap, identical replicas; a batch of k "
                "takes overhead + k × per item (exactly, or exponential with that mean); a "
                "free replica takes max batch requests at once, else waits until the oldest "
                "has waited the timeout; no network, no failures, all requests alike"),
    .param_specs = mlr_serving_state_param_specs,
    .metric_names = mlr_serving_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_serving_state_new,
    .state_free = (GDestroyNotify) mlr_serving_state_free,
    .check = mlr_serving_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_serving_state_collect_metrics,
    .apply_param = (MlrDemoApplyFunc) mlr_serving_state_apply_param,
    .paint = paint_serving,
    .widget_type = "MlrServingDemo",
  },
  {
    .id = "drift",
    .title = N_("Data drift: a model in production, week by week"),
    .description = N_("Weekly windows drift away from the training data: PSI, the KS statistic "
                      "and the model's accuracy per week, with alarms, and a retrain"),
    .model = N_("One feature, x ~ N(0, 1) in the reference window; labels follow a fixed "
                "logistic rule P(y = 1 | x) = σ(5 (x − c)) with boundary c = 0; the model is a "
                "threshold \"1 when x > t\" fitted to the reference window. Each week is a "
                "fresh window of n samples; the shifts grow linearly to the amount set at the "
                "last week: the mean, spread or a new segment of x (covariate shift, the rule "
                "unchanged) or the boundary c (concept drift, x unchanged). Labels arrive "
                "with each week; retraining refits t on one week's window, which becomes the "
                "reference"),
    .param_specs = mlr_drift_state_param_specs,
    .metric_names = mlr_drift_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_drift_state_new,
    .state_free = (GDestroyNotify) mlr_drift_state_free,
    .check = mlr_drift_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_drift_state_collect_metrics,
    .apply_param = (MlrDemoApplyFunc) mlr_drift_state_apply_param,
    .paint = paint_drift,
    .widget_type = "MlrDriftDemo",
  },
  {
    .id = "shuffle",
    .title = N_("Spark shuffle: skew and stragglers"),
    .description = N_("One Spark job groups or joins rows whose keys follow a Zipf law: the "
                      "task timeline per slot, the bytes shuffled and the partition sizes, "
                      "with map-side combine, salting and broadcast joins"),
    .model = N_("Illustrative costs, not measurements: rows of 100 bytes read in 128 MiB "
                "splits; 0.4 µs per row to map, 0.1 µs per partial count, 0.3 µs per row "
                "collected, 0.6 µs per row sort-merge joined; 48-byte shuffle records "
                "(24 for a partial count); per executor 10 Gbit/s of network, 500 MiB/s of "
                "disk and 8 GiB of memory shared by its cores, 60% of it for tasks, a task "
                "spilling what does not fit; 50 ms per task; tasks taken in order by the "
                "first free slot, the reduce stage after the whole map stage. Keys go to "
                "partitions by hash (the 1,024 most frequent one by one, the others spread "
                "evenly); salting spreads each key over the buckets at random and copies the "
                "join's small side once per bucket; sizes are expected values; no adaptive "
                "query execution, no output written"),
    .param_specs = mlr_shuffle_state_param_specs,
    .metric_names = mlr_shuffle_state_metric_names,
    .state_new = (MlrDemoStateNew) mlr_shuffle_state_new,
    .state_free = (GDestroyNotify) mlr_shuffle_state_free,
    .check = mlr_shuffle_state_check,
    .collect_metrics = (MlrDemoCollectFunc) mlr_shuffle_state_collect_metrics,
    .param_relevant = shuffle_param_relevant,
    .paint = paint_shuffle,
    .widget_type = "MlrShuffleDemo",
  },
};

/* ---- the registry */

static MlrDemoSpec specs[G_N_ELEMENTS (kinds)];

static gpointer
init_once (gpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      MlrDemoKind *k = &kinds[i];

      g_assert (k->id && k->title && k->description && k->param_specs && k->metric_names &&
                k->state_new && k->state_free && k->check && k->collect_metrics && k->paint &&
                k->widget_type);
      specs[i].kind = k->id;
      specs[i].title = k->title;
      specs[i].description = k->description;
      specs[i].model = k->model;
      specs[i].params = k->param_specs (&specs[i].n_params);
      specs[i].metrics = k->metric_names ();
      specs[i].check = k->check;
      k->spec = &specs[i];
    }
  mlr_demo_specs_install (specs, G_N_ELEMENTS (specs));
  return NULL;
}

/**
 * mlr_demo_registry_init:
 * Sets up the table and hands the lesson layer its part. Every program calls it once before it
 * loads lessons; the registry's own functions call it too, so it is safe to call again.
 */
void
mlr_demo_registry_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}

const MlrDemoKind *
mlr_demo_registry_get (guint *n_kinds)
{
  mlr_demo_registry_init ();
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const MlrDemoKind *
mlr_demo_registry_lookup (const char *id)
{
  mlr_demo_registry_init ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].id, id) == 0)
      return &kinds[i];
  return NULL;
}

static void
showcase_param_free (gpointer data)
{
  MlrDemoParam *p = data;

  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

/**
 * mlr_demo_kind_showcase:
 * The kind's showcase settings as a <demo>'s parameters (MlrDemoParam*, owned by the array),
 * empty when the page shows the defaults. test-demos checks that every showcase is valid.
 */
GPtrArray *
mlr_demo_kind_showcase (const MlrDemoKind *kind)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (showcase_param_free);
  g_auto(GStrv) pairs = NULL;

  if (kind->showcase == NULL)
    return params;
  pairs = g_strsplit (kind->showcase, " ", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      MlrDemoParam *p;

      if (eq == NULL)
        continue;   /* not a pair: test-demos says so */
      p = g_new0 (MlrDemoParam, 1);
      p->key = g_strndup (pairs[i], eq - pairs[i]);
      p->value = g_strdup (eq + 1);
      g_ptr_array_add (params, p);
    }
  return params;
}

/* "gradient-descent, matrix, ...", for messages. */
char *
mlr_demo_registry_ids (void)
{
  mlr_demo_registry_init ();
  return mlr_demo_spec_kinds ();
}

/* A table of the kind's parameters, all at their defaults. */
MlrParams *
mlr_demo_kind_new_params (const MlrDemoKind *kind)
{
  mlr_demo_registry_init ();
  return mlr_demo_spec_params (kind->spec);
}

/* The kind's state for @params, or NULL with @error set when they do not work together. */
gpointer
mlr_demo_kind_new_state (const MlrDemoKind  *kind,
                         const MlrParams    *params,
                         GError            **error)
{
  g_autoptr(MlrParams) defaults = NULL;

  if (params == NULL)
    params = defaults = mlr_demo_kind_new_params (kind);
  return kind->state_new (params, error);
}

/* A still picture of @kind for @params, as the app shows it when the demo opens. */
gboolean
mlr_demo_kind_render (const MlrDemoKind  *kind,
                      const MlrParams    *params,
                      cairo_t            *cr,
                      int                 width,
                      int                 height,
                      const MlrPalette   *palette,
                      GError            **error)
{
  gpointer state = mlr_demo_kind_new_state (kind, params, error);
  gpointer cache;
  gboolean ok;

  if (state == NULL)
    return FALSE;
  ok = kind->settle == NULL || kind->settle (state, width, height, palette, error);
  cache = kind->cache_new ? kind->cache_new () : NULL;
  if (ok)
    kind->paint (cr, width, height, palette, state, cache, NULL);
  if (cache != NULL)
    kind->cache_free (cache);
  kind->state_free (state);
  return ok;
}

static void
collect_cb (const char *name,
            GVariant   *value,
            gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (name), g_variant_ref_sink (value));
}

/**
 * mlr_demo_kind_metrics:
 * The named numbers (and a few strings) a challenge sees for the still picture of @params, as
 * an a{sv} in the order the kind lists its metric names; names the demo does not report in
 * this configuration (an optimizer not in the race) are left out.
 */
GVariant *
mlr_demo_kind_metrics (const MlrDemoKind  *kind,
                       const MlrParams    *params,
                       GError            **error)
{
  gpointer state = mlr_demo_kind_new_state (kind, params, error);
  g_autoptr(GHashTable) values = NULL;
  GVariantBuilder builder;
  const char * const *names;
  MlrPalette palette;

  if (state == NULL)
    return NULL;
  mlr_palette_init_default (&palette, FALSE);
  if (kind->settle != NULL && !kind->settle (state, 1280, 800, &palette, error))
    {
      kind->state_free (state);
      return NULL;
    }
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_variant_unref);
  kind->collect_metrics (state, collect_cb, values);
  kind->state_free (state);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  names = kind->metric_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      GVariant *v = g_hash_table_lookup (values, names[i]);
      if (v != NULL)
        g_variant_builder_add (&builder, "{sv}", names[i], v);
    }
  return g_variant_builder_end (&builder);
}
