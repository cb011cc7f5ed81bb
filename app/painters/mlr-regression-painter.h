/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-regression-painter: the "regression" demo's picture (ml/mlr-regression-state.h).
 *
 * The plane: the truth f dashed, the fitted polynomial solid, training points as filled
 * discs and test points as hollow squares (shape and fill, not colour alone), optionally each
 * point's residual. Beside it (below it on narrow canvases): train and test RMSE against the
 * degree, 0–15, on a log scale, with the current degree marked and the noise level σ for
 * reference (the U-curve); and the bias–variance view: fits to MLR_REGRESSION_RESAMPLES
 * training sets with fresh noise drawn faintly, their mean, the truth, and bias², variance
 * and noise as numbers and as a stacked bar.
 *
 * On raster targets the resampled fits are rasterized column by column into an image kept in
 * an MlrRegressionPainterCache, rebuilt only when the resamples, the size or the theme change
 * (fifty antialiased strokes cost cairo ~10 ms a frame), and markers are blitted from stamps;
 * vector output (SVG, PDF) and a NULL cache draw real paths.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-regression-state.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

/* Where things are, in the canvas's units; the widget maps pointer positions with plot. */
typedef struct {
  double   header_h;      /* the title and the scores */
  MlrPlot  plot;          /* the data plane */
  gboolean side;          /* the two charts right of the plane (wide canvases) */
  MlrPlot  curve;         /* RMSE against degree (log y) */
  MlrPlot  spread;        /* the resampled fits */
  double   numbers_x, numbers_y, numbers_w;  /* bias², variance, noise under spread */
  /* The legend goes on the scores' line, else on a line of its own under it, else (only on
   * canvases too narrow for its row) stacked inside the plane's top left. */
  gboolean legend_in_header;
  gboolean legend_row;
  double   legend_w;
} MlrRegressionLayout;

typedef struct {
  gboolean focused;   /* the canvas has keyboard focus: draw the keyboard cursor */
  int      hover;     /* the point under the pointer, or -1 */
  double   scale;     /* device pixels per unit for cached rasters (HiDPI); 0 = 1 */
} MlrRegressionPainterOptions;

typedef struct _MlrRegressionPainterCache MlrRegressionPainterCache;

MlrRegressionPainterCache *mlr_regression_painter_cache_new        (void);
void                       mlr_regression_painter_cache_free       (MlrRegressionPainterCache *cache);
guint                      mlr_regression_painter_cache_get_builds (const MlrRegressionPainterCache *cache);

void     mlr_regression_painter_layout (int                                width,
                                        int                                height,
                                        const MlrPalette                  *palette,
                                        const MlrRegressionState          *state,
                                        MlrRegressionLayout               *layout);
void     mlr_regression_painter_draw   (cairo_t                           *cr,
                                        int                                width,
                                        int                                height,
                                        const MlrPalette                  *palette,
                                        const MlrRegressionState          *state,
                                        const MlrRegressionPainterOptions *options,
                                        MlrRegressionPainterCache         *cache);

MlrColor mlr_regression_train_color    (const MlrPalette                  *palette);
MlrColor mlr_regression_test_color     (const MlrPalette                  *palette);
MlrColor mlr_regression_fit_color      (const MlrPalette                  *palette);
char    *mlr_regression_format_number  (double                             value);
char    *mlr_regression_status_text    (const MlrRegressionState          *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrRegressionPainterCache, mlr_regression_painter_cache_free)

G_END_DECLS
