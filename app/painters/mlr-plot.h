/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-plot: what every painter needs around its picture — a data-to-pixel transform (optionally
 * with equal aspect or a log y axis), "nice" tick positions, axes with labelled ticks, a legend,
 * and text drawn with Pango so Unicode (θ, η, ∇) renders in the theme's face.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mlr-palette.h"

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

G_END_DECLS
