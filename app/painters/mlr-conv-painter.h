/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-conv-painter: the "convolution" demo's picture. Top: the grey input (its zero padding
 * drawn around it, the kernel's window on it), the feature map in a diverging colormap
 * centred at 0 (blue below, red above, the scale under it), and the pooled map when pooling
 * is on; a line joins the window to the output pixel it makes. Bottom: that pixel's
 * multiply–add — the pixels under the window, the kernel, their products and the sum.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-conv-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

typedef struct {
  gboolean focused;    /* the canvas has keyboard focus: show the kernel cell being edited */
  int      edit_cell;  /* the kernel weight the keys change (row-major), or -1 */
} MlrConvPaintOptions;

typedef struct {
  double in_x, in_y, in_cell;        /* the padded input's top left and pixel size */
  double feat_x, feat_y, feat_cell;  /* the feature map's */
  double pool_x, pool_y, pool_cell;  /* the pooled map's (pool_cell 0: none) */
  double kern_x, kern_y, calc_cell;  /* the kernel grid of the multiply–add, and its cells */
} MlrConvLayout;

typedef enum {
  MLR_CONV_HIT_NONE,
  MLR_CONV_HIT_OUTPUT,  /* a pixel of the feature map (through the input, the map or pool) */
  MLR_CONV_HIT_KERNEL,  /* a weight of the kernel grid */
} MlrConvHit;

void        mlr_conv_painter_layout (int                        width,
                                     int                        height,
                                     const MlrPalette          *palette,
                                     const MlrConvState        *state,
                                     MlrConvLayout             *layout);
MlrConvHit  mlr_conv_painter_hit    (const MlrConvLayout       *layout,
                                     const MlrConvState        *state,
                                     double                     x,
                                     double                     y,
                                     guint                     *a,
                                     guint                     *b);
void        mlr_conv_diverging      (double                     t,
                                     gboolean                   dark,
                                     MlrColor                  *out);
void        mlr_conv_painter_draw   (cairo_t                   *cr,
                                     int                        width,
                                     int                        height,
                                     const MlrPalette          *palette,
                                     const MlrConvState        *state,
                                     const MlrConvPaintOptions *options);
char       *mlr_conv_format_value   (double                     value);
int         mlr_conv_painter_preferred_height (int                  width,
                                     const MlrPalette          *palette,
                                     const MlrConvState        *state);

G_END_DECLS
