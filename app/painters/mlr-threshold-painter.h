/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-threshold-painter: the "threshold" demo's picture. The scores of both classes as
 * overlapping histograms with the threshold across them (and the cost-optimal threshold
 * dashed); the confusion matrix at the threshold with precision, recall, F1, the false
 * positive rate and the cost; the ROC and precision–recall curves with the current point
 * (and the cost-optimal one); and the reliability diagram, with the raw scores faint behind
 * the recalibrated ones when Platt scaling is on. Wide canvases put the histogram and the
 * matrix over three square plots; narrow ones stack them two by two.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-threshold-state.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef enum {
  MLR_THRESHOLD_PICK_NONE,
  MLR_THRESHOLD_PICK_HISTOGRAM,   /* the threshold follows the pointer's score */
  MLR_THRESHOLD_PICK_ROC,         /* the nearest point of the ROC curve */
  MLR_THRESHOLD_PICK_PR,          /* the nearest point of the precision–recall curve */
} MlrThresholdPick;

typedef struct {
  gboolean narrow;
  MlrPlot  hist;                  /* score (0..1) × cases per bin */
  double   cm_x, cm_y, cm_w, cm_h;  /* the confusion matrix and its numbers */
  MlrPlot  roc;                   /* false positive rate × true positive rate */
  MlrPlot  pr;                    /* recall × precision */
  MlrPlot  rel;                   /* mean score × share positive */
  double   note_x, note_y;        /* narrow: the calibration numbers beside the diagram */
} MlrThresholdLayout;

int              mlr_threshold_painter_preferred_height (int             width);
void             mlr_threshold_painter_layout (int                        width,
                                               int                        height,
                                               const MlrPalette          *palette,
                                               const MlrThresholdState   *state,
                                               MlrThresholdLayout        *layout);
MlrThresholdPick mlr_threshold_painter_pick   (const MlrThresholdLayout  *layout,
                                               const MlrThresholdState   *state,
                                               double                     x,
                                               double                     y,
                                               double                    *threshold);
typedef struct _MlrThresholdPainterCache MlrThresholdPainterCache;

MlrThresholdPainterCache *mlr_threshold_painter_cache_new (void);
void             mlr_threshold_painter_cache_free (MlrThresholdPainterCache *cache);
guint            mlr_threshold_painter_cache_get_builds
                                              (const MlrThresholdPainterCache *cache);
void             mlr_threshold_painter_draw   (cairo_t                   *cr,
                                               int                        width,
                                               int                        height,
                                               const MlrPalette          *palette,
                                               const MlrThresholdState   *state,
                                               MlrThresholdPainterCache  *cache,
                                               int                        scale);
char            *mlr_threshold_format_threshold (double                   threshold);
char            *mlr_threshold_format_count   (guint                      n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrThresholdPainterCache, mlr_threshold_painter_cache_free)

G_END_DECLS
