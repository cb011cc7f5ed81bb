/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-heatmap: a grid of values painted as colours — a loss surface, a classifier's
 * confidence, attention weights, a confusion matrix, k-means regions.
 *
 * Three steps, each usable alone:
 *  1. normalise: values to t in [0, 1], linearly or on a log scale (mlr_heat_t(),
 *     mlr_heat_normalize());
 *  2. colour: t through a lookup table built from a colormap or any function of t
 *     (MlrLut), or, for categories, a label per cell choosing one table and t its shade;
 *  3. paint: the grid-resolution raster is stretched over the picture with bilinear
 *     filtering once, into an image at the canvas's scale (HiDPI), kept in the MlrHeatmap
 *     and painted every frame with one blit. The caller may draw into that image before
 *     painting it (contour lines, mlr_contour_bake()). On vector targets (SVG, PDF;
 *     mlr_cairo_target_is_vector()) mlr_heatmap_paint_raster() embeds the small raster and
 *     lets the viewer smooth it, so a figure stays small and lines drawn over it stay lines.
 *
 *   MlrLut lut;
 *   mlr_lut_init_colormap (&lut, MLR_COLORMAP_VIRIDIS, 256);
 *   mlr_heat_range (values, n, &lo, &hi);
 *   mlr_heat_normalize (MLR_HEAT_LOG, values, n, lo, hi, t);
 *   mlr_heatmap_set_values (heatmap, t, gw, gh, &lut);
 *   mlr_heatmap_render (heatmap, plot_w, plot_h, scale);   // when the data or size change
 *   mlr_heatmap_paint (heatmap, cr, plot_x, plot_y);       // every frame
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mlr-palette.h"

G_BEGIN_DECLS

/* ---- 1. normalisation */

typedef enum {
  MLR_HEAT_LINEAR,   /* t = (v − lo) / (hi − lo) */
  MLR_HEAT_LOG,      /* t = log(1 + v − lo) / log(1 + hi − lo): spreads the low values */
} MlrHeatScale;

double   mlr_heat_t             (MlrHeatScale     scale,
                                 double           value,
                                 double           lo,
                                 double           hi);
void     mlr_heat_range         (const double    *values,
                                 gsize            n,
                                 double          *lo,
                                 double          *hi);
void     mlr_heat_normalize     (MlrHeatScale     scale,
                                 const double    *values,
                                 gsize            n,
                                 double           lo,
                                 double           hi,
                                 float           *t);

/* ---- 2. colour */

#define MLR_LUT_MAX 256

/* n colours for t = 0, 1/(n−1), ..., 1, as opaque 0xffRRGGBB words (cairo's RGB24). */
typedef struct {
  guint   n;
  guint32 rgb[MLR_LUT_MAX];
} MlrLut;

typedef MlrColor (*MlrLutFunc) (double   t,
                                gpointer user_data);

void     mlr_lut_init_colormap  (MlrLut          *lut,
                                 MlrColormap      map,
                                 guint            n);
void     mlr_lut_init_func      (MlrLut          *lut,
                                 guint            n,
                                 MlrLutFunc       func,
                                 gpointer         user_data);
guint32  mlr_color_to_rgb24     (const MlrColor  *color);

/* The index of the entry nearest @t (clamped to [0, 1]; NaN gives 0) in a table whose last
 * index is @last. */
static inline int
mlr_lut_index (float t,
               float last)
{
  t = t > 0.f ? t : 0.f;
  t = t < 1.f ? t : 1.f;
  return (int) (t * last + 0.5f);
}

/* The entry nearest @t (clamped to [0, 1]; NaN gives the first). */
static inline guint32
mlr_lut_get (const MlrLut *lut,
             float         t)
{
  return lut->rgb[mlr_lut_index (t, (float) (lut->n - 1))];
}

/* ---- 3. the picture */

typedef struct _MlrHeatmap MlrHeatmap;

MlrHeatmap      *mlr_heatmap_new           (void);
void             mlr_heatmap_free          (MlrHeatmap      *self);
void             mlr_heatmap_set_values    (MlrHeatmap      *self,
                                            const float     *t,
                                            guint            width,
                                            guint            height,
                                            const MlrLut    *lut);
void             mlr_heatmap_set_classes   (MlrHeatmap      *self,
                                            const guint8    *labels,
                                            const float     *t,
                                            guint            width,
                                            guint            height,
                                            const MlrLut    *luts,
                                            guint            n_luts);
cairo_surface_t *mlr_heatmap_get_raster    (const MlrHeatmap *self);
cairo_surface_t *mlr_heatmap_render        (MlrHeatmap      *self,
                                            int              width,
                                            int              height,
                                            double           scale);
void             mlr_heatmap_paint         (const MlrHeatmap *self,
                                            cairo_t         *cr,
                                            double           x,
                                            double           y);
void             mlr_heatmap_paint_scaled  (const MlrHeatmap *self,
                                            cairo_t         *cr,
                                            double           x,
                                            double           y);
void             mlr_heatmap_paint_raster  (const MlrHeatmap *self,
                                            cairo_t         *cr,
                                            double           x,
                                            double           y,
                                            double           width,
                                            double           height);

gboolean         mlr_cairo_target_is_vector (cairo_t        *cr);
void             mlr_draw_colorbar          (cairo_t          *cr,
                                             const MlrPalette *palette,
                                             MlrColormap       map,
                                             double            x,
                                             double            y,
                                             double            width,
                                             double            height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrHeatmap, mlr_heatmap_free)

G_END_DECLS
