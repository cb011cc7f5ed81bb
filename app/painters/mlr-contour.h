/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-contour: contour lines (isolines) of a grid of values, for every painter that draws one
 * (loss-surface contours, decision boundaries, SVM margins, density levels ...).
 *
 * The grid: @width x @height floats, row-major (value (i, j) at index j * width + i, rows in
 * the order they are drawn, usually top-down). Its nodes sit at the centres of unit cells —
 * node (i, j) is the point (i + ½, j + ½) — so a grid sampled at the cell centres of a raster
 * comes out in that raster's coordinates, and mlr_contour_path() scales it to pixels.
 *
 * The line of a level separates the nodes above it (value > level) from the others; a saddle
 * cell (two opposite corners above) is resolved by the mean of its corners. A cell with a
 * non-finite corner carries no line. Every crossing of a grid edge is computed from that
 * edge's two values only, so neighbouring cells produce bitwise-equal end points, and
 * mlr_contour_stitch() joins the segments into polylines by those points.
 *
 * Vector lines (marching squares, then stitching):
 *
 *   g_autoptr(MlrContour) boundary = mlr_contour_new ();
 *   mlr_contour_add_level (boundary, proba, w, h, 0.5f);    // any number of fields/levels
 *   mlr_contour_stitch (boundary);                          // segments -> polylines
 *   mlr_contour_path (boundary, cr, plot_x, plot_y, cell_w, cell_h);
 *   cairo_stroke (cr);
 *
 * Many levels of one grid in one pass: mlr_contour_add_levels (one MlrContour per level).
 *
 * Raster lines: mlr_contour_bake() paints evenly spaced levels straight into an image as
 * antialiased lines of constant width, much faster than stroking thousands of segments, for
 * a heatmap (mlr-heatmap.h) that is rebuilt while the user zooms.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _MlrContour MlrContour;

MlrContour  *mlr_contour_new         (void);
void         mlr_contour_free        (MlrContour        *self);
void         mlr_contour_clear       (MlrContour        *self);

void         mlr_contour_add_level   (MlrContour        *self,
                                      const float       *values,
                                      guint              width,
                                      guint              height,
                                      float              level);
void         mlr_contour_add_levels  (MlrContour * const *sets,
                                      const float       *values,
                                      guint              width,
                                      guint              height,
                                      const float       *levels,
                                      guint              n_levels);
void         mlr_contour_stitch      (MlrContour        *self);

gboolean     mlr_contour_is_empty    (const MlrContour  *self);
guint        mlr_contour_get_n_lines (const MlrContour  *self);
const float *mlr_contour_get_line    (const MlrContour  *self,
                                      guint              line,
                                      guint             *n_points);
void         mlr_contour_path        (const MlrContour  *self,
                                      cairo_t           *cr,
                                      double             x0,
                                      double             y0,
                                      double             sx,
                                      double             sy);

/* How mlr_contour_bake() draws one level: each channel moves towards @target (0..255) by
 * @strength (0..1) times the line's coverage of the pixel. */
typedef struct {
  float target[3];
  float strength;
} MlrContourInk;

void         mlr_contour_bake        (cairo_surface_t     *image,
                                      const float         *values,
                                      guint                width,
                                      guint                height,
                                      guint                n_levels,
                                      const MlrContourInk *inks,
                                      float                half_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrContour, mlr_contour_free)

G_END_DECLS
