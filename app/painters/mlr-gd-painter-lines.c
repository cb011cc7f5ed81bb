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
  /* Where the layer being drawn may have set dist2: runs of pixels along rows, as pairs
   * (index of the first pixel, how many). They overlap where segments do; the pixels a
   * run covers that no segment came within reach of keep an infinite dist2. */
  guint32         *runs;
  gsize            n_runs;
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
  g_free (lines->runs);
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
 * pixels within @reach of it, and records the runs of pixels it visited. The inner loops
 * have no branch to take per pixel (a conditional move lowers dist2), and keep the
 * division by len2 so the distances are the same to the last bit as they have always
 * been. */
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

  if (j1 < j0 || i1 < i0)
    return;
  if (lines->n_runs + 2 * (gsize) (j1 - j0 + 1) > lines->n_alloc)
    {
      lines->n_alloc = MAX (lines->n_alloc * 2, lines->n_runs + 2 * (gsize) (j1 - j0 + 1));
      lines->n_alloc = MAX (lines->n_alloc, 8192);
      lines->runs = g_renew (guint32, lines->runs, lines->n_alloc);
    }
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
      if (r1 < r0)
        continue;
      /* min() of floats stores what "if (d2 < old) old = (float) d2" would; a pixel out of
       * reach keeps its distance, which composite_layer() finds too far to cover */
      if (len2 > 0 && dx == 0)
        {
          /* vertical (most of the loss chart's segments): u is the row's; the same sums
           * as below, where cx * dx adds nothing */
          double u = (cy * dy) / len2, fy;

          u = u > 0 ? u : 0;
          u = u < 1 ? u : 1;
          fy = cy - u * dy;
          for (int i = r0; i <= r1; i++)
            {
              double cx = i + 0.5 - ax;
              float d2 = (float) (cx * cx + fy * fy), old = row[i];

              row[i] = d2 < old ? d2 : old;
            }
        }
      else if (len2 > 0)
        for (int i = r0; i <= r1; i++)
          {
            double cx = i + 0.5 - ax, u = (cx * dx + cy * dy) / len2, fx, fy;
            float d2, old = row[i];

            u = u > 0 ? u : 0;
            u = u < 1 ? u : 1;
            fx = cx - u * dx;
            fy = cy - u * dy;
            d2 = (float) (fx * fx + fy * fy);
            row[i] = d2 < old ? d2 : old;
          }
      else
        for (int i = r0; i <= r1; i++)
          {
            double cx = i + 0.5 - ax;
            float d2 = (float) (cx * cx + cy * cy), old = row[i];

            row[i] = d2 < old ? d2 : old;
          }
      lines->runs[lines->n_runs++] = (guint32) ((gsize) j * lines->w + r0);
      lines->runs[lines->n_runs++] = (guint32) (r1 - r0 + 1);
    }
}

static inline guint32
blend_channel (double src,
               guint32 dst,
               double  keep)
{
  double v = src * 255 + dst * keep + 0.5;

  return (guint32) (v < 255 ? v : 255);
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
  float far2 = (float) ((rk + 0.51) * (rk + 0.51));
  double cr = color->r, cg = color->g, cb = color->b;
  /* the box of the pixels drawn, in locals: the stores to the pixels could alias fields */
  int bx0 = lines->x0, bx1 = lines->x1, by0 = lines->y0, by1 = lines->y1;

  for (gsize r = 0; r < lines->n_runs; r += 2)
    {
      guint32 start = lines->runs[r];
      int j = (int) (start / (guint32) lines->w), i0 = (int) (start % (guint32) lines->w);
      int i1 = i0 + (int) lines->runs[r + 1];
      float *row = lines->dist2 + start - i0;
      guint32 *prow = lines->pixels + start - i0;

      for (int i = i0; i < i1; i++)
        {
          double d, cov_k, cov_c, a_c, a, keep;
          guint32 dst;

          /* not within reach of the layer (surely, without the square root: cov_k < 0), or
           * a pixel an earlier run already did */
          if (row[i] > far2)
            {
              row[i] = INFINITY;
              continue;
            }
          d = sqrt (row[i]);
          row[i] = INFINITY;
          /* box-filtered coverage of the pixel by a band of half-width r */
          cov_k = rk - d + 0.5;
          cov_k = cov_k > 0 ? cov_k : 0;
          cov_k = cov_k < 1 ? cov_k : 1;
          cov_c = rc - d + 0.5;
          cov_c = cov_c > 0 ? cov_c : 0;
          cov_c = cov_c < 1 ? cov_c : 1;
          a_c = ca * cov_c;
          a = a_c + CASING_ALPHA * cov_k * (1 - a_c);
          keep = 1 - a;
          if (a <= 0)
            continue;
          bx0 = MIN (bx0, i);
          bx1 = MAX (bx1, i);
          by0 = MIN (by0, j);
          by1 = MAX (by1, j);
          dst = prow[i];
          prow[i] = blend_channel (a, dst >> 24, keep) << 24 |
                    blend_channel (cr * a_c, (dst >> 16) & 0xff, keep) << 16 |
                    blend_channel (cg * a_c, (dst >> 8) & 0xff, keep) << 8 |
                    blend_channel (cb * a_c, dst & 0xff, keep);
        }
    }
  lines->n_runs = 0;
  lines->x0 = bx0;
  lines->x1 = bx1;
  lines->y0 = by0;
  lines->y1 = by1;
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
  /* only the box of the pixels drawn: the rest of the image is transparent, and compositing
   * it costs as much as the drawn pixels on a frame of few, short paths */
  image = cairo_image_surface_create_for_data ((unsigned char *)
                                               (lines->pixels +
                                                (gsize) lines->y0 * lines->w + lines->x0),
                                               CAIRO_FORMAT_ARGB32,
                                               lines->x1 - lines->x0 + 1,
                                               lines->y1 - lines->y0 + 1, stride);
  cairo_surface_set_device_scale (image, lines->scale, lines->scale);
  cairo_save (cr);
  cairo_set_source_surface (cr, image, lines->ox + lines->x0 / lines->scale,
                            lines->oy + lines->y0 / lines->scale);
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
