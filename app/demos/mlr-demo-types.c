/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every MlrDemo subclass, so the registry's rows can name their widget by GType name
 * (painters/mlr-demo-registry.c, `widget_type`). A new demo with a widget of its own adds its
 * get_type here; test-demos checks that every row's type is found.
 */
#include "config.h"

#include "mlr-demo.h"

#include "mlr-abtest-demo.h"
#include "mlr-bayes-demo.h"
#include "mlr-clustering-demo.h"
#include "mlr-boundary-demo.h"
#include "mlr-distribution-demo.h"
#include "mlr-gd-demo.h"
#include "mlr-matrix-demo.h"
#include "mlr-regression-demo.h"
#include "mlr-threshold-demo.h"
#include "mlr-conv-demo.h"
#include "mlr-forecast-demo.h"
#include "mlr-attention-demo.h"
#include "mlr-text-demo.h"
#include "mlr-cost-demo.h"
#include "mlr-serving-demo.h"
#include "mlr-drift-demo.h"
#include "mlr-shuffle-demo.h"

static GType (* const types[]) (void) = {
  mlr_gd_demo_get_type,
  mlr_matrix_demo_get_type,
  mlr_boundary_demo_get_type,
  mlr_bayes_demo_get_type,
  mlr_abtest_demo_get_type,
  mlr_distribution_demo_get_type,
  mlr_regression_demo_get_type,
  mlr_threshold_demo_get_type,
  mlr_clustering_demo_get_type,
  mlr_conv_demo_get_type,
  mlr_forecast_demo_get_type,
  mlr_attention_demo_get_type,
  mlr_text_demo_get_type,
  mlr_cost_demo_get_type,
  mlr_serving_demo_get_type,
  mlr_drift_demo_get_type,
  mlr_shuffle_demo_get_type,
};

void
mlr_demo_ensure_types (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_type_ensure (types[i] ());
}
