/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the gradient-descent painter share: the heatmap cache
 * (mlr-gd-painter-surface.c), the marks (mlr-gd-painter-marks.c) and the legend, title and
 * loss chart (mlr-gd-painter-panel.c), all called from mlr_gd_painter_draw() in
 * mlr-gd-painter.c. Not for use outside app/painters.
 */
#pragma once

#include "mlr-contour.h"
#include "mlr-gd-painter.h"
#include "mlr-heatmap.h"
#include "mlr-plot-legend.h"
#include "mlr-plot-text.h"

G_BEGIN_DECLS

typedef struct _MlrGdLines MlrGdLines;

struct _MlrGdPainterCache
{
  /* What the image shows */
  gboolean         valid;
  MlrSurfaceId     surface;
  double           xmin, xmax, ymin, ymax;
  int              width, height;
  double           scale;
  guint            grid_step;   /* device pixels per grid cell: GRID_STEP, coarser in motion */
  /* Shown for a moving view (mlr_gd_cache_update() with view_moving): the image above,
   * scaled and shifted to this view, not rebuilt for it */
  gboolean         transformed;
  double           shown_xmin, shown_xmax, shown_ymin, shown_ymax;
  /* With defer_rebuild: the picture the last frame wanted and did not build */
  gboolean         stale;
  MlrViewRect      want_view;
  double           want_scale;
  guint            want_step;

  /* The picture and what went into it */
  MlrHeatmap      *heatmap;     /* heatmap + contours, (width x height) * scale pixels */
  guint            gw, gh;      /* the grid of t values behind it */
  /* For vector output only (built on first use): the contour lines in grid coordinates, the
   * light ones (low levels) and the dark ones */
  gboolean         traced;
  MlrContour      *light;
  MlrContour      *dark;
  double           lo, hi;      /* the value range in view: the colour bar's ends */
  guint            builds;

  /* The images the paths and the loss lines are drawn into (mlr-gd-painter-lines.c) */
  MlrGdLines      *path_lines;
  MlrGdLines      *chart_lines;

  /* The words of the last frames, laid out (tick numbers, legend, title): attached to the
   * context while a frame is drawn (not for vector export), see mlr_text_cache_new() */
  MlrTextCache    *text;

  /* Scratch kept between rebuilds */
  double          *values;
  float           *t;
  gsize            n_alloc;
};

typedef struct {
  double x0, y0, x1, y1;
} MlrGdRect;

typedef struct {
  char     *name;
  char     *status;
  MlrColor  color;
  gboolean  diverged;
} MlrGdLegendRow;

typedef struct {
  guint              n;
  MlrGdLegendRow     rows[MLR_N_OPTIMIZERS];
  MlrLegendItem      items[MLR_N_OPTIMIZERS + 1];   /* the runs, then the marker key */
  MlrLegendStyle     style;
  const MlrGdState  *state;
  gboolean           local_minima;  /* 1-D: the curve has a minimum that is not global */
  MlrGdRect          box;
} MlrGdLegend;

/* mlr-gd-painter.c */
const MlrColor *mlr_gd_run_color_for         (const MlrPalette          *palette,
                                              const MlrGdState          *state,
                                              MlrOptimizerKind           kind,
                                              MlrColor                  *buf);

/* mlr-gd-painter-surface.c */
void            mlr_gd_cache_update          (MlrGdPainterCache         *cache,
                                              MlrSurfaceId               surface,
                                              const MlrPlot             *plot,
                                              double                     scale,
                                              gboolean                   view_moving,
                                              gboolean                   defer);
void            mlr_gd_paint_heatmap         (cairo_t                   *cr,
                                              MlrGdPainterCache         *cache,
                                              const MlrPlot             *plot);
void            mlr_gd_draw_colorbar         (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrGdLayout         *layout,
                                              const MlrGdPainterCache   *cache);

/* mlr-gd-painter-marks.c */
gboolean        mlr_gd_clip_segment          (double                    *x0,
                                              double                    *y0,
                                              double                    *x1,
                                              double                    *y1,
                                              double                     rx0,
                                              double                     ry0,
                                              double                     rx1,
                                              double                     ry1);
MlrGdRect       mlr_gd_plot_rect             (const MlrPlot             *plot,
                                              double                     margin);
gboolean        mlr_gd_inside                (MlrGdRect                  r,
                                              double                     x,
                                              double                     y);
void            mlr_gd_draw_star             (cairo_t                   *cr,
                                              double                     x,
                                              double                     y,
                                              double                     r,
                                              const MlrColor            *fill,
                                              const MlrColor            *line);
void            mlr_gd_draw_diamond          (cairo_t                   *cr,
                                              double                     x,
                                              double                     y,
                                              double                     r);
void            mlr_gd_draw_cross            (cairo_t                   *cr,
                                              const MlrColor            *color,
                                              double                     x,
                                              double                     y,
                                              double                     r);
void            mlr_gd_draw_start            (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrGdPainterOptions *options,
                                              double                     x,
                                              double                     y);
void            mlr_gd_stroke_polyline_cased (cairo_t                   *cr,
                                              const double              *px,
                                              const double              *py,
                                              guint                      n,
                                              MlrGdRect                  clip,
                                              const MlrColor            *color,
                                              double                     width);
void            mlr_gd_draw_run              (cairo_t                   *cr,
                                              MlrGdLines                *lines,
                                              const MlrPalette          *palette,
                                              const MlrPlot             *plot,
                                              const MlrGdState          *state,
                                              guint                      i,
                                              double                    *px,
                                              double                    *py);
void            mlr_gd_draw_surface_markers  (cairo_t                   *cr,
                                              const MlrPlot             *plot,
                                              const MlrGdState          *state);
void            mlr_gd_draw_curve            (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrPlot             *plot,
                                              const MlrGdState          *state);
void            mlr_gd_draw_tangent          (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrPlot             *plot,
                                              const MlrGdState          *state,
                                              MlrGdRect                  avoid);

/* mlr-gd-painter-panel.c */
void            mlr_gd_legend_prepare        (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrGdLayout         *layout,
                                              const MlrGdState          *state,
                                              MlrGdLegend               *legend);
void            mlr_gd_legend_draw           (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              MlrGdLegend               *legend);
void            mlr_gd_draw_header           (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrGdLayout         *layout,
                                              const MlrGdState          *state,
                                              int                        width);
void            mlr_gd_draw_chart            (cairo_t                   *cr,
                                              const MlrPalette          *palette,
                                              const MlrGdLayout         *layout,
                                              const MlrGdState          *state,
                                              MlrGdLines                *lines,
                                              double                     scale);

/* mlr-gd-painter-lines.c */
MlrGdLines     *mlr_gd_lines_new             (void);
gboolean        mlr_gd_lines_begin           (MlrGdLines                *lines,
                                              cairo_t                   *cr,
                                              MlrGdRect                  rect,
                                              double                     scale);
void            mlr_gd_lines_add             (MlrGdLines                *lines,
                                              const double              *px,
                                              const double              *py,
                                              guint                      n,
                                              const MlrColor            *color,
                                              double                     width);
void            mlr_gd_lines_add_discs       (MlrGdLines                *lines,
                                              const double              *px,
                                              const double              *py,
                                              const guint               *which,
                                              guint                      n,
                                              double                     radius,
                                              double                     casing,
                                              const MlrColor            *color);
void            mlr_gd_lines_end             (MlrGdLines                *lines,
                                              cairo_t                   *cr);
void            mlr_gd_lines_free            (MlrGdLines                *lines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrGdLines, mlr_gd_lines_free)

G_END_DECLS
