/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-distribution-painter: the "distribution" demo's picture. Above, the distribution and
 * its exact numbers in words (mean, variance, the density and P(X ≤ x) at x, what the draws
 * give). Below, in mode sample, its density (stems for a probability mass) with the mean and
 * ±1, 2, 3 σ marked, the area P(X ≤ x) shaded, and the histogram of the draws over it; in
 * mode clt, the distribution as a strip and under it the histogram of the sample means with
 * the normal of sd σ/√n the central limit theorem predicts.
 *
 * A cache (kept by the widget between paints) holds the sampled density, which only the
 * parameters and the size change, so moving x or drawing samples repaints without
 * evaluating it again.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-distribution-state.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct {
  MlrPlot  main;      /* the density and samples (sample), the means (clt) */
  MlrPlot  source;    /* mode clt: the distribution, above the means; w = 0 otherwise */
  gboolean has_source;
  double   header_y;  /* where the lines of numbers start */
} MlrDistributionLayout;

typedef struct {
  gboolean focused;   /* the canvas has keyboard focus: draw x's handle stronger */
  gboolean dragging;  /* x is being dragged */
} MlrDistributionPainterOptions;

typedef struct _MlrDistributionPainterCache MlrDistributionPainterCache;

MlrDistributionPainterCache *mlr_distribution_painter_cache_new  (void);
void         mlr_distribution_painter_cache_free (MlrDistributionPainterCache *cache);
guint        mlr_distribution_painter_cache_get_builds (MlrDistributionPainterCache *cache);

void         mlr_distribution_painter_layout     (int                                  width,
                                                  int                                  height,
                                                  const MlrPalette                    *palette,
                                                  const MlrDistributionState          *state,
                                                  MlrDistributionLayout               *layout);
const MlrPlot *mlr_distribution_painter_x_plot   (const MlrDistributionLayout         *layout);
void         mlr_distribution_painter_draw       (cairo_t                             *cr,
                                                  int                                  width,
                                                  int                                  height,
                                                  const MlrPalette                    *palette,
                                                  const MlrDistributionState          *state,
                                                  const MlrDistributionPainterOptions *options,
                                                  MlrDistributionPainterCache         *cache);

char        *mlr_distribution_format_number      (double                               value,
                                                  int                                  digits);
char        *mlr_distribution_format_near        (double                               value,
                                                  double                               scale);
char        *mlr_distribution_format_probability (double                               p);
char        *mlr_distribution_format_count       (guint                                n);
char        *mlr_distribution_describe_params    (const MlrDistributionState          *state);
MlrColor     mlr_distribution_density_color      (const MlrPalette                    *palette);
MlrColor     mlr_distribution_samples_color      (const MlrPalette                    *palette);
MlrColor     mlr_distribution_normal_color       (const MlrPalette                    *palette);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDistributionPainterCache, mlr_distribution_painter_cache_free)

G_END_DECLS
