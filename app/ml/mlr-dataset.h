/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-dataset: labelled 2-D point sets and the toy datasets the classifier demos use
 * (moons, circles, linear, xor, spiral, gaussian), generated with MlrRng so one seed gives
 * the same points everywhere.
 *
 * Limits (also enforced by the CSV reader, mlr-csv.h):
 *  - at most MLR_DATASET_MAX_POINTS (100000) points;
 *  - labels are whole numbers 0 .. MLR_DATASET_MAX_CLASSES - 1 (0..15), so K <= 16;
 *  - coordinates are finite with |value| <= MLR_DATASET_MAX_ABS (1e12), so squares and
 *    variances never overflow.
 * A training set must also use every label 0..K-1 (no gaps) and at least two classes; see
 * mlr_dataset_check_training().
 */
#pragma once

#include <glib.h>

#include "ml/mlr-params.h"

G_BEGIN_DECLS

#define MLR_DATASET_MAX_POINTS  100000
#define MLR_DATASET_MAX_CLASSES 16
#define MLR_DATASET_MAX_ABS     1e12

#define MLR_DATASET_ERROR (mlr_dataset_error_quark ())

typedef enum {
  MLR_DATASET_ERROR_INVALID,     /* a parameter is out of range */
  MLR_DATASET_ERROR_EMPTY,       /* no points */
  MLR_DATASET_ERROR_ONE_CLASS,   /* fewer than two classes */
  MLR_DATASET_ERROR_LABELS,      /* a label out of range or a class without points */
  MLR_DATASET_ERROR_VALUES,      /* a coordinate is not finite or too large */
  MLR_DATASET_ERROR_TOO_LARGE,   /* more than MLR_DATASET_MAX_POINTS */
} MlrDatasetError;

typedef enum {
  MLR_DATASET_MOONS,
  MLR_DATASET_CIRCLES,
  MLR_DATASET_LINEAR,
  MLR_DATASET_XOR,
  MLR_DATASET_SPIRAL,
  MLR_DATASET_GAUSSIAN,
  MLR_N_DATASETS
} MlrDatasetKind;

/* Points are stored as rows: x[2 * i] is x1 of point i, x[2 * i + 1] its x2. Unlabelled
 * sets (points to predict) have n_classes == 0 and all labels 0. */
typedef struct {
  guint   n_points;
  guint   n_classes;   /* 1 + the largest label; 0 when unlabelled */
  double *x;           /* 2 * n_points coordinates */
  guint8 *y;           /* n_points labels */
  /*< private >*/
  guint   n_alloc;
} MlrDataset;

GQuark              mlr_dataset_error_quark    (void);

MlrDataset         *mlr_dataset_new            (guint              n_points,
                                                guint              n_classes);
MlrDataset         *mlr_dataset_copy           (const MlrDataset  *dataset);
void                mlr_dataset_free           (MlrDataset        *dataset);
void                mlr_dataset_append         (MlrDataset        *dataset,
                                                double             x1,
                                                double             x2,
                                                guint              label);
guint               mlr_dataset_count_label    (const MlrDataset  *dataset,
                                                guint              label);
gboolean            mlr_dataset_check_training (const MlrDataset  *dataset,
                                                GError           **error);
void                mlr_dataset_get_bounds     (const MlrDataset  *dataset,
                                                double             margin,
                                                double            *x0,
                                                double            *x1,
                                                double            *y0,
                                                double            *y1);

const char         *mlr_dataset_kind_to_string   (MlrDatasetKind   kind);
gboolean            mlr_dataset_kind_from_string (const char      *name,
                                                  MlrDatasetKind  *kind);
const char         *mlr_dataset_kind_names       (void);

gboolean            mlr_dataset_check_args     (MlrDatasetKind     kind,
                                                guint              n_points,
                                                double             noise,
                                                guint              n_classes,
                                                GError           **error);
MlrDataset         *mlr_dataset_generate       (MlrDatasetKind     kind,
                                                guint              n_points,
                                                double             noise,
                                                guint64            seed,
                                                guint              n_classes,
                                                GError           **error);

const MlrParamSpec *mlr_dataset_param_specs    (guint             *n_specs);
MlrDataset         *mlr_dataset_generate_from_params (const MlrParams *params,
                                                      GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDataset, mlr_dataset_free)

G_END_DECLS
