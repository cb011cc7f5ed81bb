/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-heatmap.h"

#include <math.h>

/* ---- normalisation */

/**
 * mlr_heat_t:
 * Where @value sits on a colour scale from @lo (0) to @hi (1), clamped; 0 for a non-finite
 * value or an empty range. %MLR_HEAT_LOG spreads the values near @lo (where a loss surface's
 * minima and interesting paths are) over most of the colours.
 */
double
mlr_heat_t (MlrHeatScale scale,
            double       value,
            double       lo,
            double       hi)
{
  double t;

  if (!(hi > lo) || !isfinite (value))
    return 0;
  if (scale == MLR_HEAT_LOG)
    t = log1p (MAX (value - lo, 0)) / log1p (hi - lo);
  else
    t = (value - lo) / (hi - lo);
  return CLAMP (t, 0.0, 1.0);
}

/**
 * mlr_heat_range:
 * The lowest and highest finite of @values; both 0 when there is none.
 */
void
mlr_heat_range (const double *values,
                gsize         n,
                double       *lo,
                double       *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (gsize k = 0; k < n; k++)
    if (isfinite (values[k]))
      {
        *lo = MIN (*lo, values[k]);
        *hi = MAX (*hi, values[k]);
      }
  if (!isfinite (*lo) || !isfinite (*hi))
    *lo = *hi = 0;
}

/**
 * mlr_heat_normalize:
 * @t: (out) (array length=n): mlr_heat_t() of each value, in single precision (it picks one
 *   of at most 256 colours and places ~1 px lines); a non-finite value (a surface that
 *   overflows) goes to the top of the scale, 1
 */
void
mlr_heat_normalize (MlrHeatScale  scale,
                    const double *values,
                    gsize         n,
                    double        lo,
                    double        hi,
                    float        *t)
{
  float inv = hi > lo ? (float) (1.0 / (scale == MLR_HEAT_LOG ? log1p (hi - lo) : hi - lo)) : 0;

  for (gsize k = 0; k < n; k++)
    {
      double v = values[k];
      float tt;

      if (!isfinite (v))
        tt = 1;
      else if (scale == MLR_HEAT_LOG)
        tt = log1pf ((float) MAX (v - lo, 0)) * inv;
      else
        tt = (float) (v - lo) * inv;
      t[k] = CLAMP (tt, 0.0f, 1.0f);
    }
}

/* ---- colour */

/* An opaque cairo RGB24 word for @color (its alpha is ignored). */
guint32
mlr_color_to_rgb24 (const MlrColor *color)
{
  return 0xff000000u | (guint32) lround (CLAMP (color->r, 0, 1) * 255) << 16 |
         (guint32) lround (CLAMP (color->g, 0, 1) * 255) << 8 |
         (guint32) lround (CLAMP (color->b, 0, 1) * 255);
}

/**
 * mlr_lut_init_func:
 * @n: entries, 2 to %MLR_LUT_MAX
 * @func: the colour at t
 *
 * Fills @lut with @func at t = i / (@n − 1): the colour maths happens @n times, not once
 * per cell.
 */
void
mlr_lut_init_func (MlrLut     *lut,
                   guint       n,
                   MlrLutFunc  func,
                   gpointer    user_data)
{
  g_return_if_fail (n >= 2 && n <= MLR_LUT_MAX);

  lut->n = n;
  for (guint i = 0; i < n; i++)
    {
      MlrColor c = func ((double) i / (n - 1), user_data);
      lut->rgb[i] = mlr_color_to_rgb24 (&c);
    }
}

static MlrColor
colormap_at (double   t,
             gpointer user_data)
{
  MlrColor c;

  mlr_colormap_eval (GPOINTER_TO_INT (user_data), t, &c);
  return c;
}

/* @lut from a colormap (viridis, cividis) sampled at @n points. */
void
mlr_lut_init_colormap (MlrLut      *lut,
                       MlrColormap  map,
                       guint        n)
{
  mlr_lut_init_func (lut, n, colormap_at, GINT_TO_POINTER (map));
}

/* ---- the picture */

struct _MlrHeatmap
{
  cairo_surface_t *raster;   /* one pixel per grid cell */
  cairo_surface_t *image;    /* the raster stretched over the picture, at its scale */
};

/* An empty heatmap; set its values, render it, paint it. */
MlrHeatmap *
mlr_heatmap_new (void)
{
  return g_new0 (MlrHeatmap, 1);
}

void
mlr_heatmap_free (MlrHeatmap *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_free (self);
}

static guint32 *
begin_raster (MlrHeatmap *self,
              guint       width,
              guint       height,
              int        *stride)
{
  g_clear_pointer (&self->image, cairo_surface_destroy);
  if (self->raster == NULL ||
      cairo_image_surface_get_width (self->raster) != (int) width ||
      cairo_image_surface_get_height (self->raster) != (int) height)
    {
      g_clear_pointer (&self->raster, cairo_surface_destroy);
      self->raster = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
    }
  cairo_surface_flush (self->raster);
  *stride = cairo_image_surface_get_stride (self->raster) / 4;
  return (guint32 *) cairo_image_surface_get_data (self->raster);
}

/**
 * mlr_heatmap_set_values:
 * @t: (array): @width x @height values in [0, 1], row-major, top row first
 * @lut: the colours
 *
 * Colours the grid; the rendered picture is dropped until the next mlr_heatmap_render().
 */
void
mlr_heatmap_set_values (MlrHeatmap   *self,
                        const float  *t,
                        guint         width,
                        guint         height,
                        const MlrLut *lut)
{
  const guint32 *rgb = lut->rgb;
  float last = lut->n - 1;
  int stride;
  guint32 *pixels;

  g_return_if_fail (width > 0 && height > 0);
  pixels = begin_raster (self, width, height, &stride);
  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      pixels[j * stride + i] = rgb[mlr_lut_index (t[j * width + i], last)];
  cairo_surface_mark_dirty (self->raster);
}

/**
 * mlr_heatmap_set_classes:
 * @labels: (array): a category per cell: cell (i, j) takes its colour from
 *   @luts[@labels[j * width + i] % @n_luts]
 * @t: (array): the shade within that table, in [0, 1]
 *
 * Colours a grid of categories (a classifier's predicted class, shaded by its confidence).
 */
void
mlr_heatmap_set_classes (MlrHeatmap   *self,
                         const guint8 *labels,
                         const float  *t,
                         guint         width,
                         guint         height,
                         const MlrLut *luts,
                         guint         n_luts)
{
  int stride;
  guint32 *pixels;

  g_return_if_fail (width > 0 && height > 0 && n_luts > 0);
  pixels = begin_raster (self, width, height, &stride);
  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      {
        gsize c = (gsize) j * width + i;
        guint label = labels[c] < n_luts ? labels[c] : labels[c] % n_luts;

        pixels[j * stride + i] = luts[label].rgb[mlr_lut_index (t[c], luts[label].n - 1)];
      }
  cairo_surface_mark_dirty (self->raster);
}

/* The grid-resolution raster (one pixel per cell), or NULL before any values. */
cairo_surface_t *
mlr_heatmap_get_raster (const MlrHeatmap *self)
{
  return self->raster;
}

/**
 * mlr_heatmap_render:
 * @width: the picture's size in user units
 * @scale: device pixels per unit (the canvas's scale factor; 0 means 1)
 *
 * Stretches the raster over @width x @height units with bilinear filtering into an image of
 * ceil(@width @scale) x ceil(@height @scale) pixels (device scale @scale), replacing the last
 * one. Call it when the values, the size or the scale change, not per frame.
 *
 * Returns: (transfer none): the image; draw into it before mlr_heatmap_paint() if you like
 */
cairo_surface_t *
mlr_heatmap_render (MlrHeatmap *self,
                    int         width,
                    int         height,
                    double      scale)
{
  int iw, ih;
  cairo_t *cr;

  g_return_val_if_fail (self->raster != NULL, NULL);
  if (!(scale > 0))
    scale = 1;
  iw = MAX ((int) ceil (width * scale), 1);
  ih = MAX ((int) ceil (height * scale), 1);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  self->image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, iw, ih);
  cairo_surface_set_device_scale (self->image, scale, scale);
  cr = cairo_create (self->image);
  cairo_scale (cr, iw / scale / cairo_image_surface_get_width (self->raster),
               ih / scale / cairo_image_surface_get_height (self->raster));
  cairo_set_source_surface (cr, self->raster, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  return self->image;
}

/* Paints the image of the last mlr_heatmap_render() with its top left corner at (@x, @y). */
void
mlr_heatmap_paint (const MlrHeatmap *self,
                   cairo_t          *cr,
                   double            x,
                   double            y)
{
  g_return_if_fail (self->image != NULL);
  cairo_save (cr);
  cairo_set_source_surface (cr, self->image, x, y);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * mlr_heatmap_paint_scaled:
 * Paints the image at (@x, @y) under the current scale and translation, as a moving view
 * shows a picture built for the view before, to the device pixels it covers and no others.
 * Where a shrunk picture leaves part of the target uncovered, cairo's own paint samples
 * transparency past its edges, which leaves pixman's general path: 2.5 ms more a frame at
 * 1280x800 than its fast bilinear path. Here the source is padded, which makes it opaque,
 * and the paint clipped to the whole pixels the picture covers, so what shows is the same.
 * A rotated or skewed transform paints as mlr_heatmap_paint().
 */
void
mlr_heatmap_paint_scaled (const MlrHeatmap *self,
                          cairo_t          *cr,
                          double            x,
                          double            y)
{
  cairo_matrix_t m;
  double sx = 1, sy = 1, x0, y0, x1, y1, left, right, top, bottom;

  g_return_if_fail (self->image != NULL);
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || mlr_cairo_target_is_vector (cr))
    {
      mlr_heatmap_paint (self, cr, x, y);
      return;
    }
  cairo_surface_get_device_scale (self->image, &sx, &sy);
  x0 = x;
  y0 = y;
  x1 = x + cairo_image_surface_get_width (self->image) / sx;
  y1 = y + cairo_image_surface_get_height (self->image) / sy;
  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  /* the whole target pixels inside the picture */
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  left = ceil (MIN (x0, x1) * sx) / sx;
  right = floor (MAX (x0, x1) * sx) / sx;
  top = ceil (MIN (y0, y1) * sy) / sy;
  bottom = floor (MAX (y0, y1) * sy) / sy;
  if (!(right > left && bottom > top))
    return;
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_rectangle (cr, left, top, right - left, bottom - top);
  cairo_clip (cr);
  cairo_set_matrix (cr, &m);
  cairo_set_source_surface (cr, self->image, x, y);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * mlr_heatmap_paint_raster:
 * Paints the grid-resolution raster stretched over the rectangle, bilinear: for vector
 * targets, where it becomes a small embedded image the viewer smooths.
 */
void
mlr_heatmap_paint_raster (const MlrHeatmap *self,
                          cairo_t          *cr,
                          double            x,
                          double            y,
                          double            width,
                          double            height)
{
  g_return_if_fail (self->raster != NULL);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, width / cairo_image_surface_get_width (self->raster),
               height / cairo_image_surface_get_height (self->raster));
  cairo_set_source_surface (cr, self->raster, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Whether @cr draws into a vector surface (SVG, PDF, PostScript), where lines should stay
 * lines and images stay small. */
gboolean
mlr_cairo_target_is_vector (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_SVG || type == CAIRO_SURFACE_TYPE_PDF ||
         type == CAIRO_SURFACE_TYPE_PS;
}

/**
 * mlr_draw_colorbar:
 * A vertical colour bar of @map, 0 at the bottom and 1 at the top, framed in the dim colour.
 * The caller labels it (its ticks depend on the normalisation).
 */
void
mlr_draw_colorbar (cairo_t          *cr,
                   const MlrPalette *palette,
                   MlrColormap       map,
                   double            x,
                   double            y,
                   double            width,
                   double            height)
{
  cairo_pattern_t *grad;

  if (width <= 0 || height <= 0)
    return;
  grad = cairo_pattern_create_linear (0, y + height, 0, y);
  for (int i = 0; i <= 32; i++)
    {
      MlrColor c;
      mlr_colormap_eval (map, i / 32.0, &c);
      cairo_pattern_add_color_stop_rgb (grad, i / 32.0, c.r, c.g, c.b);
    }
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);
  cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}
