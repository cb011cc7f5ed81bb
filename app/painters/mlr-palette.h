/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-palette: the colours a painter uses. Widgets fill one from the GTK theme (light or dark,
 * see demos/mlr-demo-canvas.c); `ml-roadmap-cli render` uses the built-in Adwaita-like
 * defaults. Class and series colours are the Okabe-Ito set, distinguishable with the common
 * colour-vision deficiencies; heatmaps use viridis, which is perceptually uniform and
 * colour-blind safe.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double r, g, b, a;
} MlrColor;

#define MLR_PALETTE_N_CLASSES 8
#define MLR_PALETTE_N_SERIES  6

typedef struct {
  gboolean  dark;
  MlrColor  background;     /* the canvas behind everything */
  MlrColor  foreground;     /* text and strong lines */
  MlrColor  dim;            /* ticks, axis labels, secondary text */
  MlrColor  grid;           /* faint grid lines */
  MlrColor  accent;
  MlrColor  success;
  MlrColor  warning;
  MlrColor  error;
  MlrColor  classes[MLR_PALETTE_N_CLASSES];
  MlrColor  series[MLR_PALETTE_N_SERIES];
  double    font_size;      /* px, for labels */
  char      font_family[64];
} MlrPalette;

typedef enum {
  MLR_COLORMAP_VIRIDIS,
  MLR_COLORMAP_CIVIDIS,
} MlrColormap;

void mlr_palette_init_default (MlrPalette       *palette,
                               gboolean          dark);
void mlr_colormap_eval        (MlrColormap       map,
                               double            t,
                               MlrColor         *out);
void mlr_colormap_eval_rgb8   (MlrColormap       map,
                               double            t,
                               guint8            rgb[3]);
void mlr_cairo_set_color      (cairo_t          *cr,
                               const MlrColor   *color);
void mlr_cairo_set_color_alpha (cairo_t         *cr,
                                const MlrColor  *color,
                                double           alpha);
MlrColor mlr_color_mix        (const MlrColor   *a,
                               const MlrColor   *b,
                               double            t);
double mlr_color_luminance    (const MlrColor   *c);
void mlr_recolor_for_dark     (guint8           *pixels,
                               int               width,
                               int               height,
                               int               rowstride,
                               int               n_channels);

G_END_DECLS
