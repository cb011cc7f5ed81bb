/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-plot: what every painter needs around its picture — a data-to-pixel transform (optionally
 * with equal aspect or a log y axis), "nice" tick positions, axes with labelled ticks and
 * names, arrows, rounded boxes, and (from the modules this header includes) text, legends and
 * labels that avoid each other.
 *
 * The shared drawing modules of app/painters/, for every painter to build on:
 *   mlr-plot.h          transforms, ticks, axes, arrows, rounded boxes (this file)
 *   mlr-plot-text.h     text: aligned, fitted, wrapped, with one cached layout per context
 *   mlr-plot-legend.h   legends: symbol, label and detail rows, on a plate
 *   mlr-plot-labels.h   labels on pills that move aside for each other
 *   mlr-heatmap.h       grids of values as colours: normalisation, lookup tables, HiDPI raster
 *   mlr-contour.h       contour lines: marching squares + stitching, or baked into a raster
 *   mlr-palette.h       colours and colormaps
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mlr-palette.h"
#include "mlr-plot-text.h"

G_BEGIN_DECLS

typedef struct {
  double   x0, y0, w, h;             /* plot area in device units */
  double   xmin, xmax, ymin, ymax;   /* data range shown (ymin/ymax > 0 when log_y) */
  gboolean log_y;
} MlrPlot;

void     mlr_plot_init        (MlrPlot          *plot,
                               double            x0,
                               double            y0,
                               double            w,
                               double            h,
                               double            xmin,
                               double            xmax,
                               double            ymin,
                               double            ymax,
                               gboolean          equal_aspect);
double   mlr_plot_x           (const MlrPlot    *plot,
                               double            x);
double   mlr_plot_y           (const MlrPlot    *plot,
                               double            y);
void     mlr_plot_to_data     (const MlrPlot    *plot,
                               double            px,
                               double            py,
                               double           *x,
                               double           *y);
void     mlr_plot_clip        (cairo_t          *cr,
                               const MlrPlot    *plot);
guint    mlr_nice_ticks       (double            lo,
                               double            hi,
                               guint             target,
                               double           *ticks,
                               guint             max_ticks);
void     mlr_format_tick      (double            value,
                               double            step,
                               char             *buf,
                               gsize             size);
void     mlr_plot_draw_axes   (cairo_t          *cr,
                               const MlrPlot    *plot,
                               const MlrPalette *palette,
                               const char       *x_label,
                               const char       *y_label,
                               gboolean          grid);
void     mlr_plot_draw_axis_names (cairo_t          *cr,
                                   const MlrPlot    *plot,
                                   const MlrPalette *palette,
                                   const char       *x_label,
                                   const char       *y_label);
void     mlr_draw_text        (cairo_t          *cr,
                               const MlrPalette *palette,
                               const MlrColor   *color,
                               const char       *text,
                               double            x,
                               double            y,
                               double            halign,
                               double            valign,
                               double            scale);
void     mlr_text_size        (cairo_t          *cr,
                               const MlrPalette *palette,
                               const char       *text,
                               double            scale,
                               double           *width,
                               double           *height);
void     mlr_draw_legend      (cairo_t          *cr,
                               const MlrPalette *palette,
                               double            x,
                               double            y,
                               const char * const *labels,
                               const MlrColor   *colors,
                               guint             n);
void     mlr_draw_arrow       (cairo_t          *cr,
                               double            x0,
                               double            y0,
                               double            x1,
                               double            y1,
                               double            head);
void     mlr_fill_discs       (cairo_t          *cr,
                               const double     *xy,
                               gsize             n,
                               double            radius);
void     mlr_rounded_rect_path (cairo_t         *cr,
                                double           x,
                                double           y,
                                double           width,
                                double           height,
                                double           radius);

G_END_DECLS
