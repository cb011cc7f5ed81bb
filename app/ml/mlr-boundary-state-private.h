/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What mlr-boundary-state.c (the points, parameters and words) and mlr-boundary-job.c (fits
 * off the UI thread and their results) share.
 */
#pragma once

#include "mlr-boundary-state.h"

G_BEGIN_DECLS

struct _MlrBoundaryState
{
  MlrParams         *params;        /* the demo's table: dataset, split, model and model keys */
  MlrDatasetKind     dataset;
  MlrModelKind       model;

  /* the points and which are held out */
  MlrDataset        *points;
  guint8            *test;          /* n_alloc flags parallel to points */
  guint              test_alloc;
  guint              n_classes_base;  /* K when the data was generated or imported */
  MlrDataset        *sample;        /* as generated or imported, before any edit */
  guint8            *sample_test;
  gboolean           imported;
  char              *source_name;   /* the imported file's base name */
  double             view[4];       /* x0, x1, y0, y1 */
  double             bounds[4];     /* where points may go: the plane as shown */

  /* interaction */
  int                selected;
  double             cursor[2];
  gboolean           show_splits;

  /* notes that come from the parameters rather than from a fit */
  gboolean           n_clamped;
  guint              n_asked;
  gboolean           classes_ignored;
  char              *ignored_keys;  /* given keys the first model does not take */

  /* fitting */
  guint64            generation;    /* bumped by every change that needs a refit */
  guint64            config;        /* bumped by parameter, model and dataset changes */
  guint64            next_serial;
  guint64            shown_serial;
  guint              mlp_target;
  MlrBoundaryResult *result;
  char              *error;
};

struct _MlrBoundaryJob
{
  guint64        serial;
  guint64        generation;
  guint64        config;
  MlrModelKind   model;
  MlrParams     *model_params;
  MlrDataset    *points;
  guint8        *test;
  guint          n_classes;
  MlrGrid        grid;
  MlrClassifier *classifier;       /* continue from this one (stolen from a result) */
  guint8         fitted_classes[MLR_DATASET_MAX_CLASSES];
  guint          n_fitted_classes;
  guint          extra_epochs;     /* with a classifier: mlp epochs to train on */
  guint          target_epoch;     /* without: mlp epochs to train to */
  double         mlp_weights;      /* per shaded cell, for the raster budget */
  int            cancelled;        /* atomic */
};

MlrParams *mlr_boundary_model_params_for (const MlrBoundaryState *self,
                                          MlrModelKind            kind);
void       mlr_boundary_add_note         (GString                *notes,
                                          const char             *format,
                                          ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
