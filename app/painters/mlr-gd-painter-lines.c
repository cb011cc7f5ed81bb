/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cased lines and dots rasterised by the painter itself, for the optimizers' paths and the
 * loss chart. Through cairo they were most of a 6 racers x 2000 steps frame: a loss line
 * that runs up and down every pixel column (a loss oscillating step after step, or falling
 * decades in a few columns) is hundreds of overlapping strokes, a momentum path crosses
 * itself, and cairo's stroker and scan converter pay for every edge in every pixel row it
 * spans; each dot is a 24-edge polygon. Thread CPU time a frame (bench-gd, load 9–13): 3.5 ms
 * for the loss lines, 1.8 for the paths, 1.6 for the 2 x 209 discs of the dots. Here each device pixel near a line or a dot takes its distance
 * to it, and the casing and the line are the pixels within half their widths, antialiased
 * over one pixel: what cairo's stroke with round joins and caps and its filled circles
 * cover, to within that antialiasing. The layers are composited into one image in the order
 * cairo would draw them, and the image is painted once.
 */
#include "config.h"

#include "mlr-gd-painter-private.h"

#include <math.h>
#include <string.h>

/* the casing every cased line has (mlr-gd-painter-marks.c): black at 55% */
#define CASING_ALPHA 0.55
#define CASING_EXTRA 2.5

struct _MlrGdLines
{
  /* Kept from frame to frame (a 6-racer frame would otherwise allocate, fault in and fill
   * megabytes): between frames every dist2 is infinite and every pixel 0 */
  float           *dist2;       /* squared distance (device pixels) to the layer being drawn */
  guint32         *pixels;      /* premultiplied ARGB32, w x h of them in use */
  gsize            capacity;    /* of both, in pixels */
  guint32         *touched;     /* the pixels whose dist2 the layer set */
  gsize            n_touched;
  gsize            n_alloc;

  /* The frame's image */
  gboolean         drawing;
  int              w, h;
  double           ox, oy;      /* user-space origin of the image */
  double           scale;       /* device pixels per user unit */
  int              x0, y0, x1, y1;  /* the pixels painted so far (x1 < x0: none) */
};

/**
 * mlr_gd_lines_new:
 * Buffers for drawing cased lines and dots into an image (mlr_gd_lines_begin()); the
 * painter's cache keeps them, so frames reuse them.
 */
MlrGdLines *
mlr_gd_lines_new (void)
{
  return g_new0 (MlrGdLines, 1);
}

void
mlr_gd_lines_free (MlrGdLines *lines)
{
  if (lines == NULL)
    return;
  g_free (lines->dist2);
  g_free (lines->pixels);
  g_free (lines->touched);
  g_free (lines);
}

/**
 * mlr_gd_lines_begin:
 * Starts an image of @rect (user space) to draw cased lines and dots into, at @scale device
 * pixels per unit (the widget's scale: GTK replays the drawing at that scale) or the
 * target's own, whichever is finer. FALSE when @cr draws vectors (SVG, PDF: the lines stay
 * paths there) or is rotated, skewed or mirrored: then draw with cairo.
 */
gboolean
mlr_gd_lines_begin (MlrGdLines *lines,
                    cairo_t    *cr,
                    MlrGdRect   rect,
                    double      scale)
{
  cairo_matrix_t m;
  double dsx = 1, dsy = 1, device;
  gsize need;

  g_return_val_if_fail (!lines->drawing, FALSE);
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (cairo_get_target (cr), &dsx, &dsy);
  device = m.xx * dsx;
  if (mlr_cairo_target_is_vector (cr) || m.xy != 0 || m.yx != 0 || m.xx != m.yy ||
      dsx != dsy || !(device > 0) || !(scale > 0) ||
      !(rect.x1 > rect.x0) || !(rect.y1 > rect.y0))
    return FALSE;

  if (device >= scale)
    {
      /* the image's pixels on the target's, so it is copied, not resampled */
      lines->scale = device;
      lines->ox = (floor ((m.xx * rect.x0 + m.x0) * dsx) / dsx - m.x0) / m.xx;
      lines->oy = (floor ((m.yy * rect.y0 + m.y0) * dsy) / dsy - m.y0) / m.yy;
    }
  else
    {
      lines->scale = scale;
      lines->ox = floor (rect.x0 * scale) / scale;
      lines->oy = floor (rect.y0 * scale) / scale;
    }
  if (!((rect.x1 - lines->ox) * lines->scale <= 8192) ||
      !((rect.y1 - lines->oy) * lines->scale <= 8192))
    return FALSE;
  lines->w = MAX ((int) ceil ((rect.x1 - lines->ox) * lines->scale), 1);
  lines->h = MAX ((int) ceil ((rect.y1 - lines->oy) * lines->scale), 1);
  need = (gsize) lines->w * lines->h;
  if (need > lines->capacity)
    {
      g_free (lines->dist2);
      g_free (lines->pixels);
      lines->dist2 = g_new (float, need);
      lines->pixels = g_new0 (guint32, need);
      for (gsize i = 0; i < need; i++)
        lines->dist2[i] = INFINITY;
      lines->capacity = need;
    }
  lines->x0 = lines->y0 = G_MAXINT;
  lines->x1 = lines->y1 = G_MININT;
  lines->drawing = TRUE;
  return TRUE;
}

/* Lowers dist2 to the squared distance to segment (ax, ay)-(bx, by) (image pixels) for the
 * pixels within @reach of it. */
static void
segment_distance (MlrGdLines *lines,
                  double      ax,
                  double      ay,
                  double      bx,
                  double      by,
                  double      reach)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  int i0 = MAX ((int) floor (MIN (ax, bx) - reach), 0);
  int i1 = MIN ((int) ceil (MAX (ax, bx) + reach), lines->w - 1);
  int j0 = MAX ((int) floor (MIN (ay, by) - reach), 0);
  int j1 = MIN ((int) ceil (MAX (ay, by) + reach), lines->h - 1);
  double reach2 = reach * reach;

  for (int j = j0; j <= j1; j++)
    {
      double cy = j + 0.5 - ay;
      float *row = lines->dist2 + (gsize) j * lines->w;
      int r0 = i0, r1 = i1;

      /* the row meets the segment's neighbourhood only where the segment is within reach
       * of the row: a long diagonal visits a strip along itself, not its whole box */
      if (dy != 0)
        {
          double t0 = CLAMP ((cy - reach) / dy, 0, 1), t1 = CLAMP ((cy + reach) / dy, 0, 1);
          double xa = ax + t0 * dx, xb = ax + t1 * dx;

          r0 = MAX (r0, (int) floor (MIN (xa, xb) - reach));
          r1 = MIN (r1, (int) ceil (MAX (xa, xb) + reach));
        }
      for (int i = r0; i <= r1; i++)
        {
          double cx = i + 0.5 - ax, u = 0, fx, fy, d2;

          if (len2 > 0)
            u = CLAMP ((cx * dx + cy * dy) / len2, 0, 1);
          fx = cx - u * dx;
          fy = cy - u * dy;
          d2 = fx * fx + fy * fy;
          if (d2 >= reach2 || d2 >= row[i])
            continue;
          if (isinf (row[i]))
            {
              if (lines->n_touched == lines->n_alloc)
                {
                  lines->n_alloc = MAX (lines->n_alloc * 2, 4096);
                  lines->touched = g_renew (guint32, lines->touched, lines->n_alloc);
                }
              lines->touched[lines->n_touched++] = (guint32) ((gsize) j * lines->w + i);
            }
          row[i] = (float) d2;
        }
    }
}

static inline guint32
blend_channel (double src,
               guint32 dst,
               double  keep)
{
  return (guint32) MIN (src * 255 + dst * keep + 0.5, 255);
}

/* Composites the layer whose distances are in dist2 over the image: a casing (black at 55%)
 * out to @rk device pixels from the line or dots, @color out to @rc, each antialiased over
 * one pixel; resets the distances. */
static void
composite_layer (MlrGdLines     *lines,
                 double          rk,
                 double          rc,
                 const MlrColor *color)
{
  double ca = CLAMP (color->a, 0, 1);

  for (gsize t = 0; t < lines->n_touched; t++)
    {
      guint32 at = lines->touched[t];
      int j = (int) (at / (guint32) lines->w), i = (int) (at % (guint32) lines->w);
      double d = sqrt (lines->dist2[at]);
      /* box-filtered coverage of the pixel by a band of half-width r */
      double cov_k = CLAMP (rk - d + 0.5, 0, 1), cov_c = CLAMP (rc - d + 0.5, 0, 1);
      double a_c = ca * cov_c;
      double a = a_c + CASING_ALPHA * cov_k * (1 - a_c), keep = 1 - a;
      guint32 *p = lines->pixels + at;
      guint32 dst = *p;

      lines->dist2[at] = INFINITY;
      if (a <= 0)
        continue;
      lines->x0 = MIN (lines->x0, i);
      lines->x1 = MAX (lines->x1, i);
      lines->y0 = MIN (lines->y0, j);
      lines->y1 = MAX (lines->y1, j);
      *p = blend_channel (a, dst >> 24, keep) << 24 |
           blend_channel (color->r * a_c, (dst >> 16) & 0xff, keep) << 16 |
           blend_channel (color->g * a_c, (dst >> 8) & 0xff, keep) << 8 |
           blend_channel (color->b * a_c, dst & 0xff, keep);
    }
  lines->n_touched = 0;
}

/**
 * mlr_gd_lines_add:
 * Draws the polyline through the @n points (user space) into @lines as
 * mlr_gd_stroke_polyline_cased() would: a casing @width + 2.5 wide, black at 55%, and @color
 * @width wide over it, round joins and caps, the casing not doubled where the line crosses
 * itself; over what was drawn before. A point that is not finite breaks the line.
 */
void
mlr_gd_lines_add (MlrGdLines     *lines,
                  const double   *px,
                  const double   *py,
                  guint           n,
                  const MlrColor *color,
                  double          width)
{
  double s = lines->scale;
  double rk = (width + CASING_EXTRA) / 2 * s, rc = width / 2 * s;
  double reach = rk + 0.5;
  /* segments are cut to the image plus the reach, so far-away points (a diverging run) keep
   * their direction without overflowing anything */
  double lim_x0 = -reach - 1, lim_y0 = -reach - 1;
  double lim_x1 = lines->w + reach + 1, lim_y1 = lines->h + reach + 1;

  for (guint k = 0; k + 1 < n; k++)
    {
      double ax = (px[k] - lines->ox) * s, ay = (py[k] - lines->oy) * s;
      double bx = (px[k + 1] - lines->ox) * s, by = (py[k + 1] - lines->oy) * s;

      if (!mlr_gd_clip_segment (&ax, &ay, &bx, &by, lim_x0, lim_y0, lim_x1, lim_y1))
        continue;
      segment_distance (lines, ax, ay, bx, by, reach);
    }
  composite_layer (lines, rk, rc, color);
}

/**
 * mlr_gd_lines_add_discs:
 * @which: (nullable): the indices of the @n points to draw, or %NULL for the first @n
 *
 * Draws discs of @radius in @color at the points, each in a casing @casing wider (black at
 * 55%), as filling all the casings as one path and then all the discs would: where they
 * overlap the casing is not doubled.
 */
void
mlr_gd_lines_add_discs (MlrGdLines     *lines,
                        const double   *px,
                        const double   *py,
                        const guint    *which,
                        guint           n,
                        double          radius,
                        double          casing,
                        const MlrColor *color)
{
  double s = lines->scale;
  double rk = (radius + casing) * s, rc = radius * s, reach = rk + 0.5;

  for (guint d = 0; d < n; d++)
    {
      guint k = which != NULL ? which[d] : d;
      double ax = (px[k] - lines->ox) * s, ay = (py[k] - lines->oy) * s;

      if (ax > -reach && ax < lines->w + reach && ay > -reach && ay < lines->h + reach)
        segment_distance (lines, ax, ay, ax, ay, reach);
    }
  composite_layer (lines, rk, rc, color);
}

/**
 * mlr_gd_lines_end:
 * Paints what was drawn since mlr_gd_lines_begin() onto @cr (under its clip), and clears the
 * buffers for the next image.
 */
void
mlr_gd_lines_end (MlrGdLines *lines,
                  cairo_t    *cr)
{
  cairo_surface_t *image;
  int stride = lines->w * 4;

  g_return_if_fail (lines->drawing);
  lines->drawing = FALSE;
  if (lines->x1 < lines->x0)
    return;
  g_assert (cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, lines->w) == stride);
  image = cairo_image_surface_create_for_data ((unsigned char *) lines->pixels,
                                               CAIRO_FORMAT_ARGB32, lines->w, lines->h, stride);
  cairo_surface_set_device_scale (image, lines->scale, lines->scale);
  cairo_save (cr);
  cairo_set_source_surface (cr, image, lines->ox, lines->oy);
  cairo_paint (cr);
  cairo_restore (cr);
  /* A recording surface (GTK's) replays the image later: cairo copies it when it records
   * the paint, and finishing it leaves no snapshot on the pixels cleared below
   * (/painters/gd/recording-keeps-lines). */
  cairo_surface_finish (image);
  cairo_surface_destroy (image);
  for (int j = lines->y0; j <= lines->y1; j++)
    memset (lines->pixels + (gsize) j * lines->w + lines->x0, 0,
            (gsize) (lines->x1 - lines->x0 + 1) * 4);
}
