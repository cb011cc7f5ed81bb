/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the regression painter share: the cache, the colours, words and text
 * helpers (mlr-regression-painter.c), the plane with its markers and the header
 * (mlr-regression-painter-plane.c), and the two charts beside it, error against degree and
 * the resampled fits of the bias-variance view (mlr-regression-painter-charts.c), all called
 * from mlr_regression_painter_draw(). Not for use outside app/painters.
 */
#pragma once

#include "mlr-regression-painter.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define PAD 12
#define GAP 16
#define AXIS_L 42
#define AXIS_B 24
#define TRAIN_R 4.5
#define TEST_HALF 4.2
/* Text of our own is drawn at this scale of the palette's size or more (11 px at 12 px). */
#define SMALL 0.95
/* Half the side of a marker stamp, in units: room for the marker and its edge. */
#define STAMP_HALF 8
/* The faint resampled fits: line width, and the opacity of one of them. */
#define SPREAD_LINE 1.2

/* What the static layer shows depends on exactly these. */
typedef struct {
  int                 width, height;
  double              scale;
  MlrPalette          palette;
  MlrRegressionLayout layout;
  double              curve_ymin, curve_ymax;
  double              alpha;
  guint               n_train, n_test;
} MlrRegressionStaticKey;

struct _MlrRegressionPainterCache
{
  /* the resampled fits, rasterized */
  cairo_surface_t       *spread;
  guint64                spread_serial;
  int                    spread_w, spread_h;
  double                 spread_scale;
  double                 spread_y0, spread_y1;
  MlrColor               spread_color;
  gboolean               spread_dark;
  guint                  builds;

  /* axes, grids, titles: what a drag does not change */
  cairo_surface_t       *static_layer;
  MlrRegressionStaticKey static_key;
  guint                  static_builds;

  /* marker stamps */
  cairo_surface_t       *train_stamp;
  cairo_surface_t       *test_stamp;
  double                 stamp_scale;
  MlrColor               stamp_train, stamp_test, stamp_fg;
  gboolean               stamp_dark;
};

/* mlr-regression-painter.c */
gboolean        mlr_regression_raster_target      (cairo_t                   *cr,
                                                   MlrRegressionPainterCache *cache);
gboolean        mlr_regression_same_color         (const MlrColor *a,
                                                   const MlrColor *b);
MlrColor        mlr_regression_bias_color         (const MlrPalette *palette);
MlrColor        mlr_regression_noise_color        (const MlrPalette *palette);
MlrColor        mlr_regression_text_color         (const MlrPalette *palette,
                                                   MlrColor          c);
MlrColor        mlr_regression_edge_color         (const MlrPalette *palette);
char *          mlr_regression_model_words        (const MlrRegressionState *state);
double          mlr_regression_line_h             (const MlrPalette *palette,
                                                   double            scale);
void            mlr_regression_draw_title         (cairo_t          *cr,
                                                   const MlrPalette *palette,
                                                   const char       *text,
                                                   const char       *short_text,
                                                   double            x,
                                                   double            y,
                                                   double            max_width,
                                                   double            scale);
void            mlr_regression_draw_axes          (cairo_t          *cr,
                                                   const MlrPlot    *plot,
                                                   const MlrPalette *palette,
                                                   gboolean          grid);

/* mlr-regression-painter-plane.c */
void            mlr_regression_path_fit           (cairo_t          *cr,
                                                   const MlrPlot    *p,
                                                   const MlrPolyFit *fit,
                                                   double            step);
void            mlr_regression_stroke_truth       (cairo_t                  *cr,
                                                   const MlrPalette         *palette,
                                                   const MlrPlot            *p,
                                                   const MlrRegressionState *state,
                                                   double                    width);
void            mlr_regression_draw_legend        (cairo_t          *cr,
                                                   const MlrPalette *palette,
                                                   double            x,
                                                   double            y,
                                                   gboolean          column,
                                                   gboolean          draw,
                                                   guint             n_train,
                                                   guint             n_test,
                                                   double           *width);
void            mlr_regression_draw_plane_static  (cairo_t          *cr,
                                                   const MlrPalette *palette,
                                                   const MlrPlot    *p);
void            mlr_regression_draw_plane         (cairo_t                           *cr,
                                                   const MlrPalette                  *palette,
                                                   const MlrRegressionState          *state,
                                                   const MlrRegressionLayout         *L,
                                                   const MlrRegressionPainterOptions *options,
                                                   MlrRegressionPainterCache         *cache);
void            mlr_regression_draw_header        (cairo_t                   *cr,
                                                   const MlrPalette          *palette,
                                                   const MlrRegressionState  *state,
                                                   const MlrRegressionLayout *L,
                                                   int                        width);
void            mlr_regression_draw_header_static (cairo_t                   *cr,
                                                   const MlrPalette          *palette,
                                                   const MlrRegressionState  *state,
                                                   const MlrRegressionLayout *L,
                                                   int                        width);

/* mlr-regression-painter-charts.c */
gboolean        mlr_regression_curve_plot         (const MlrRegressionState *state,
                                                   const MlrPlot            *layout_plot,
                                                   MlrPlot                  *out);
void            mlr_regression_draw_curve_static  (cairo_t                  *cr,
                                                   const MlrPalette         *palette,
                                                   const MlrRegressionState *state,
                                                   const MlrPlot            *layout_plot);
void            mlr_regression_draw_curve         (cairo_t                  *cr,
                                                   const MlrPalette         *palette,
                                                   const MlrRegressionState *state,
                                                   const MlrPlot            *layout_plot);
void            mlr_regression_draw_spread_static (cairo_t          *cr,
                                                   const MlrPalette *palette,
                                                   const MlrPlot    *p);
void            mlr_regression_draw_spread        (cairo_t                           *cr,
                                                   const MlrPalette                  *palette,
                                                   const MlrRegressionState          *state,
                                                   const MlrRegressionLayout         *L,
                                                   const MlrRegressionPainterOptions *options,
                                                   MlrRegressionPainterCache         *cache);

G_END_DECLS
