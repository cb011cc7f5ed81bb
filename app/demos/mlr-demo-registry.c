/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-registry.h"

#include "mlr-boundary-demo.h"
#include "mlr-demo-placeholder.h"
#include "mlr-gd-demo.h"
#include "mlr-matrix-demo.h"

typedef GtkWidget *(*MlrDemoConstructor) (const MlrBlock *block);

typedef struct {
  const char         *kind;
  MlrDemoConstructor  construct;
} MlrDemoEntry;

/* Adding a demo: its state in ml/, its painter in painters/, its widget here, one row below. */
static const MlrDemoEntry demos[] = {
  /* gradient-descent */
  { "gradient-descent", mlr_gd_demo_new },
  /* matrix */
  { "matrix", mlr_matrix_demo_new },
  /* decision-boundary */
  { "decision-boundary", mlr_boundary_demo_new },
};

/**
 * mlr_demo_new_for_block:
 * The widget for a lesson's <demo>: the demo itself when it exists and its parameters are
 * valid, else a card that names it and says why it cannot run.
 */
GtkWidget *
mlr_demo_new_for_block (const MlrBlock *block)
{
  g_return_val_if_fail (block->kind == MLR_BLOCK_DEMO, NULL);

  if (block->error == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
      if (demos[i].kind != NULL && g_str_equal (demos[i].kind, block->demo_kind))
        return demos[i].construct (block);
  return mlr_demo_placeholder_new (block);
}
