/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-plot.h"
#include "mlr-plot-legend.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/**
 * mlr_plot_init:
 * Maps [xmin, xmax] x [ymin, ymax] onto the rectangle at (x0, y0) of size w x h, y up. With
 * @equal_aspect, one data unit is as long on both axes and the range grows to fill the area.
 * Degenerate or non-finite ranges are widened so nothing divides by zero.
 */
void
mlr_plot_init (MlrPlot  *plot,
               double    x0,
               double    y0,
               double    w,
               double    h,
               double    xmin,
               double    xmax,
               double    ymin,
               double    ymax,
               gboolean  equal_aspect)
{
  if (!isfinite (xmin) || !isfinite (xmax) || xmax - xmin < 1e-12)
    {
      double c = isfinite (xmin) ? xmin : 0;
      xmin = c - 1;
      xmax = c + 1;
    }
  if (!isfinite (ymin) || !isfinite (ymax) || ymax - ymin < 1e-12)
    {
      double c = isfinite (ymin) ? ymin : 0;
      ymin = c - 1;
      ymax = c + 1;
    }
  w = MAX (w, 1);
  h = MAX (h, 1);
  if (equal_aspect)
    {
      double sx = w / (xmax - xmin), sy = h / (ymax - ymin);
      if (sx > sy)
        {
          double extra = (w / sy - (xmax - xmin)) / 2;
          xmin -= extra;
          xmax += extra;
        }
      else
        {
          double extra = (h / sx - (ymax - ymin)) / 2;
          ymin -= extra;
          ymax += extra;
        }
    }
  plot->x0 = x0;
  plot->y0 = y0;
  plot->w = w;
  plot->h = h;
  plot->xmin = xmin;
  plot->xmax = xmax;
  plot->ymin = ymin;
  plot->ymax = ymax;
  plot->log_y = FALSE;
}

double
mlr_plot_x (const MlrPlot *plot,
            double         x)
{
  return plot->x0 + (x - plot->xmin) / (plot->xmax - plot->xmin) * plot->w;
}

double
mlr_plot_y (const MlrPlot *plot,
            double         y)
{
  double t;

  if (plot->log_y)
    {
      double lo = log10 (MAX (plot->ymin, 1e-300));
      double hi = log10 (MAX (plot->ymax, 1e-300));
      t = (log10 (MAX (y, 1e-300)) - lo) / MAX (hi - lo, 1e-12);
    }
  else
    t = (y - plot->ymin) / (plot->ymax - plot->ymin);
  return plot->y0 + plot->h - t * plot->h;
}

void
mlr_plot_to_data (const MlrPlot *plot,
                  double         px,
                  double         py,
                  double        *x,
                  double        *y)
{
  *x = plot->xmin + (px - plot->x0) / plot->w * (plot->xmax - plot->xmin);
  *y = plot->ymin + (plot->y0 + plot->h - py) / plot->h * (plot->ymax - plot->ymin);
}

void
mlr_plot_clip (cairo_t       *cr,
               const MlrPlot *plot)
{
  cairo_rectangle (cr, plot->x0, plot->y0, plot->w, plot->h);
  cairo_clip (cr);
}

/**
 * mlr_nice_ticks:
 * Up to @max_ticks values at multiples of 1, 2 or 5 x 10^k inside [lo, hi], about @target of
 * them. Returns how many were written.
 */
guint
mlr_nice_ticks (double  lo,
                double  hi,
                guint   target,
                double *ticks,
                guint   max_ticks)
{
  double range, raw, mag, step, first;
  guint n = 0;

  if (!isfinite (lo) || !isfinite (hi) || hi <= lo || target == 0)
    return 0;
  range = hi - lo;
  raw = range / target;
  mag = pow (10, floor (log10 (raw)));
  if (raw / mag >= 5)
    step = 5 * mag;
  else if (raw / mag >= 2)
    step = 2 * mag;
  else
    step = mag;
  first = ceil (lo / step) * step;
  for (double v = first; v <= hi + step * 1e-9 && n < max_ticks; v += step)
    ticks[n++] = fabs (v) < step * 1e-9 ? 0.0 : v;
  return n;
}

void
mlr_format_tick (double  value,
                 double  step,
                 char   *buf,
                 gsize   size)
{
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);

  if (fabs (value) >= 1e5 || (fabs (value) > 0 && fabs (value) < 1e-4))
    g_snprintf (buf, size, "%.0e", value);
  else
    g_snprintf (buf, size, "%.*f", CLAMP (decimals, 0, 6), value);
  /* A true minus sign reads better than a hyphen. */
  if (buf[0] == '-' && size > 4)
    {
      memmove (buf + 3, buf + 1, strlen (buf + 1) + 1);
      memcpy (buf, "\xe2\x88\x92", 3);
    }
}

void
mlr_plot_draw_axes (cairo_t          *cr,
                    const MlrPlot    *plot,
                    const MlrPalette *palette,
                    const char       *x_label,
                    const char       *y_label,
                    gboolean          grid)
{
  double ticks[32];
  guint n;
  char buf[32];

  cairo_save (cr);
  cairo_set_line_width (cr, 1);

  /* x ticks along the bottom edge */
  n = mlr_nice_ticks (plot->xmin, plot->xmax, MAX (2, (guint) (plot->w / 90)), ticks, 32);
  for (guint i = 0; i < n; i++)
    {
      double px = round (mlr_plot_x (plot, ticks[i])) + 0.5;
      if (grid)
        {
          mlr_cairo_set_color_alpha (cr, &palette->grid, 0.5);
          cairo_move_to (cr, px, plot->y0);
          cairo_line_to (cr, px, plot->y0 + plot->h);
          cairo_stroke (cr);
        }
      mlr_cairo_set_color (cr, &palette->dim);
      cairo_move_to (cr, px, plot->y0 + plot->h);
      cairo_line_to (cr, px, plot->y0 + plot->h + 4);
      cairo_stroke (cr);
      mlr_format_tick (ticks[i], n > 1 ? ticks[1] - ticks[0] : 1, buf, sizeof buf);
      mlr_draw_text (cr, palette, &palette->dim, buf, px, plot->y0 + plot->h + 6, 0.5, 0, 0.85);
    }

  /* y ticks along the left edge; decades on a log axis */
  if (plot->log_y)
    {
      int lo = (int) ceil (log10 (MAX (plot->ymin, 1e-300)));
      int hi = (int) floor (log10 (MAX (plot->ymax, 1e-300)));
      int every = MAX (1, (hi - lo + 1) / MAX (2, (int) (plot->h / 40)));
      n = 0;
      for (int e = lo; e <= hi && n < 32; e += every)
        ticks[n++] = pow (10, e);
    }
  else
    n = mlr_nice_ticks (plot->ymin, plot->ymax, MAX (2, (guint) (plot->h / 60)), ticks, 32);
  for (guint i = 0; i < n; i++)
    {
      double py = round (mlr_plot_y (plot, ticks[i])) + 0.5;
      if (grid)
        {
          mlr_cairo_set_color_alpha (cr, &palette->grid, 0.5);
          cairo_move_to (cr, plot->x0, py);
          cairo_line_to (cr, plot->x0 + plot->w, py);
          cairo_stroke (cr);
        }
      mlr_cairo_set_color (cr, &palette->dim);
      cairo_move_to (cr, plot->x0 - 4, py);
      cairo_line_to (cr, plot->x0, py);
      cairo_stroke (cr);
      if (plot->log_y)
        g_snprintf (buf, sizeof buf, "1e%d", (int) lround (log10 (ticks[i])));
      else
        mlr_format_tick (ticks[i], n > 1 ? ticks[1] - ticks[0] : 1, buf, sizeof buf);
      mlr_draw_text (cr, palette, &palette->dim, buf, plot->x0 - 6, py, 1, 0.5, 0.85);
    }

  /* the frame */
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
  cairo_rectangle (cr, round (plot->x0) + 0.5, round (plot->y0) + 0.5, round (plot->w),
                   round (plot->h));
  cairo_stroke (cr);

  mlr_plot_draw_axis_names (cr, plot, palette, x_label, y_label);
  cairo_restore (cr);
}

/**
 * mlr_plot_draw_axis_names:
 * @x_label: (nullable): the name under the x axis
 * @y_label: (nullable): the name left of the y axis, turned to read upwards
 *
 * What mlr_plot_draw_axes() writes beside the tick labels, for painters that draw the names
 * at another time than the ticks (over a curve, say).
 */
void
mlr_plot_draw_axis_names (cairo_t          *cr,
                          const MlrPlot    *plot,
                          const MlrPalette *palette,
                          const char       *x_label,
                          const char       *y_label)
{
  if (x_label)
    mlr_draw_text (cr, palette, &palette->dim, x_label, plot->x0 + plot->w / 2,
                   plot->y0 + plot->h + 22, 0.5, 0, 0.9);
  if (y_label)
    {
      cairo_save (cr);
      cairo_translate (cr, plot->x0 - 44, plot->y0 + plot->h / 2);
      cairo_rotate (cr, -G_PI / 2);
      mlr_draw_text (cr, palette, &palette->dim, y_label, 0, 0, 0.5, 0.5, 0.9);
      cairo_restore (cr);
    }
}

/**
 * mlr_draw_legend:
 * A plain legend at (@x, @y): a line in each of @colors beside its label, on a plate. See
 * mlr-plot-legend.h for legends with other symbols, details and placement.
 */
void
mlr_draw_legend (cairo_t            *cr,
                 const MlrPalette   *palette,
                 double              x,
                 double              y,
                 const char * const *labels,
                 const MlrColor     *colors,
                 guint               n)
{
  g_autofree MlrLegendItem *items = g_new0 (MlrLegendItem, MAX (n, 1));
  MlrLegendStyle style;
  double w, h;

  mlr_legend_style_init (&style, palette);
  for (guint i = 0; i < n; i++)
    items[i] = (MlrLegendItem) { MLR_LEGEND_LINE, colors[i], 3, labels[i] };
  mlr_legend_measure (cr, palette, &style, items, n, &w, &h);
  mlr_legend_draw (cr, palette, &style, items, n, x, y, w);
}

/**
 * mlr_fill_discs:
 * @xy: @n centres in user space, x and y interleaved
 *
 * Fills discs of @radius at the centres with the current source, as one path of arcs
 * would. A path of a thousand small circles takes cairo's tessellator milliseconds, so on an
 * image surface under a translation or uniform scale the disc is rasterised once (its
 * antialiased coverage, at device resolution) and masked in at every centre; vector surfaces
 * (SVG and PDF export) and few discs get the arcs. Each disc lands on the nearest whole
 * device pixel (half a pixel at most from its centre). Overlaps composite as separate
 * fills, which for opaque sources is the same picture.
 */
void
mlr_fill_discs (cairo_t      *cr,
                const double *xy,
                gsize         n,
                double        radius)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_surface_t *stamp;
  cairo_matrix_t m;
  double sx = 1, sy = 1, scale, half;
  int size;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  scale = m.xx * sx;
  if (n < 32 || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      m.xy != 0 || m.yx != 0 || m.xx != m.yy || sx != sy || !(scale > 0) ||
      !(radius > 0) || radius * scale > 64)
    {
      cairo_new_path (cr);
      for (gsize i = 0; i < n; i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, xy[2 * i], xy[2 * i + 1], radius, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      return;
    }

  /* the disc's coverage, 4 × 4 samples a pixel, centred in a square of device pixels */
  half = radius * scale + 1;
  size = (int) ceil (2 * half);
  stamp = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
  {
    unsigned char *data = cairo_image_surface_get_data (stamp);
    int stride = cairo_image_surface_get_stride (stamp);
    double c = size / 2.0, r2 = radius * scale * radius * scale;

    cairo_surface_flush (stamp);
    for (int y = 0; y < size; y++)
      for (int x = 0; x < size; x++)
        {
          int hits = 0;
          for (int sy4 = 0; sy4 < 4; sy4++)
            for (int sx4 = 0; sx4 < 4; sx4++)
              {
                double dx = x + (sx4 + 0.5) / 4 - c, dy = y + (sy4 + 0.5) / 4 - c;
                hits += dx * dx + dy * dy <= r2;
              }
          data[y * stride + x] = (unsigned char) (hits * 255 / 16);
        }
    cairo_surface_mark_dirty (stamp);
  }
  cairo_surface_set_device_scale (stamp, scale, scale);

  for (gsize i = 0; i < n; i++)
    {
      double ux = xy[2 * i], uy = xy[2 * i + 1];
      double dx, dy;

      if (!isfinite (ux) || !isfinite (uy))
        continue;
      /* the stamp's corner on a whole device pixel, so it is copied, not resampled */
      dx = (m.xx * ux + m.x0) * sx;
      dy = (m.yy * uy + m.y0) * sy;
      dx = floor (dx - size / 2.0 + 0.5);
      dy = floor (dy - size / 2.0 + 0.5);
      cairo_mask_surface (cr, stamp, (dx / sx - m.x0) / m.xx, (dy / sy - m.y0) / m.yy);
    }
  cairo_surface_destroy (stamp);
}

/* A line from (x0, y0) to (x1, y1) with a filled head of size @head at the end. */
void
mlr_draw_arrow (cairo_t *cr,
                double   x0,
                double   y0,
                double   x1,
                double   y1,
                double   head)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len = hypot (dx, dy);
  double ux, uy;

  if (len < 1e-9 || !isfinite (len))
    return;
  ux = dx / len;
  uy = dy / len;
  head = MIN (head, len);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - ux * head * 0.8, y1 - uy * head * 0.8);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - ux * head - uy * head * 0.45, y1 - uy * head + ux * head * 0.45);
  cairo_line_to (cr, x1 - ux * head + uy * head * 0.45, y1 - uy * head - ux * head * 0.45);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Adds a rectangle with corners rounded to @radius (at most half the shorter side) to the
 * path, as a closed sub-path. */
void
mlr_rounded_rect_path (cairo_t *cr,
                       double   x,
                       double   y,
                       double   width,
                       double   height,
                       double   radius)
{
  double r = MIN (radius, MIN (width, height) / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
