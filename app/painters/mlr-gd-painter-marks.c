/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent painter's marks: each optimizer's path, the minima and saddle points,
 * the 1-D curve and its tangent, and the small shapes they are drawn with.
 */
#include "config.h"

#include "mlr-gd-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>

static const MlrColor casing = { 0, 0, 0, 0.55 };
static const MlrColor white = { 1, 1, 1, 1 };

/* Liang–Barsky: clips the segment to the rectangle; FALSE when nothing is left. Keeps
 * far-away points (a diverging run) out of cairo, whose fixed-point coordinates overflow. */
gboolean
mlr_gd_clip_segment (double *x0,
                     double *y0,
                     double *x1,
                     double *y1,
                     double  rx0,
                     double  ry0,
                     double  rx1,
                     double  ry1)
{
  double dx = *x1 - *x0, dy = *y1 - *y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0 - rx0, rx1 - *x0, *y0 - ry0, ry1 - *y0 };
  double u0 = 0, u1 = 1;

  if (!isfinite (dx) || !isfinite (dy))
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      double r;

      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      r = q[i] / p[i];
      if (p[i] < 0)
        u0 = MAX (u0, r);
      else
        u1 = MIN (u1, r);
      if (u0 > u1)
        return FALSE;
    }
  {
    double ax = *x0 + u0 * dx, ay = *y0 + u0 * dy;
    double bx = *x0 + u1 * dx, by = *y0 + u1 * dy;
    *x0 = ax;
    *y0 = ay;
    *x1 = bx;
    *y1 = by;
  }
  return TRUE;
}

MlrGdRect
mlr_gd_plot_rect (const MlrPlot *plot,
                  double         margin)
{
  MlrGdRect r = { plot->x0 - margin, plot->y0 - margin, plot->x0 + plot->w + margin,
             plot->y0 + plot->h + margin };
  return r;
}

/* Points of a polyline closer than this (device pixels) to the straight segment that
 * replaces them are dropped (Douglas–Peucker): an edge moves by at most 3% of a pixel, a
 * change of at most 8 of 255 in its antialiased pixels, and cairo's stroker has fewer edges
 * to scan (13% of a 6 racers x 2000 steps frame, callgrind). A larger tolerance saves
 * little more and changes pixels visibly (0.2 px: differences up to 45). */
#define SIMPLIFY_TOLERANCE 0.03

/* Marks in @keep the points of px/py[first..last] that Douglas–Peucker keeps. */
static void
simplify (const double *px,
          const double *py,
          guint         first,
          guint         last,
          guint8       *keep)
{
  /* an explicit stack: a wiggly path could otherwise recurse thousands deep */
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  keep[first] = keep[last] = 1;
  g_array_append_val (stack, first);
  g_array_append_val (stack, last);
  while (stack->len >= 2)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      double dx = px[b] - px[a], dy = py[b] - py[a], len2 = dx * dx + dy * dy;
      double worst = 0;
      guint at = 0;

      g_array_set_size (stack, stack->len - 2);
      for (guint k = a + 1; k < b; k++)
        {
          double ex = px[k] - px[a], ey = py[k] - py[a], d2;

          if (len2 > 0)
            {
              /* distance to the segment, not the line: a path may turn back */
              double u = CLAMP ((ex * dx + ey * dy) / len2, 0, 1);
              double fx = ex - u * dx, fy = ey - u * dy;
              d2 = fx * fx + fy * fy;
            }
          else
            d2 = ex * ex + ey * ey;
          if (d2 > worst)
            {
              worst = d2;
              at = k;
            }
        }
      if (worst > SIMPLIFY_TOLERANCE * SIMPLIFY_TOLERANCE)
        {
          keep[at] = 1;
          g_array_append_val (stack, a);
          g_array_append_val (stack, at);
          g_array_append_val (stack, at);
          g_array_append_val (stack, b);
        }
    }
}

/* The points of the polyline through px/py[0..n) worth drawing, their indices into @idx
 * (n of them at most); returns how many. */
static guint
thin_polyline (cairo_t      *cr,
               const double *px,
               const double *py,
               guint         n,
               guint        *idx)
{
  g_autofree guint8 *keep = NULL;
  double ux = 1, uy = 1;
  guint k = 0, m = 0;

  if (n < 2)
    {
      for (; m < n; m++)
        idx[m] = m;
      return m;
    }
  /* the tolerance in device pixels, whatever the user-space scale (HiDPI) */
  cairo_user_to_device_distance (cr, &ux, &uy);
  keep = g_new0 (guint8, n);
  {
    double sx = MAX (fabs (ux), 1e-6), sy = MAX (fabs (uy), 1e-6);
    g_autofree double *dx = g_new (double, n);
    g_autofree double *dy = g_new (double, n);

    for (guint i = 0; i < n; i++)
      {
        dx[i] = px[i] * sx;
        dy[i] = py[i] * sy;
      }
    simplify (dx, dy, 0, n - 1, keep);
  }

  /* Points closer than 0.7 px to the last one drawn are skipped: a converged run piles
   * thousands of them on one spot, and each would cost a stroke join. */
  idx[m++] = 0;
  while (k + 1 < n)
    {
      guint next = k + 1;

      while (next + 1 < n && (!keep[next] ||
                              (fabs (px[next] - px[k]) < 0.7 && fabs (py[next] - py[k]) < 0.7)))
        next++;
      idx[m++] = next;
      k = next;
    }
  return m;
}

/* Adds the polyline through the n points to the path, clipped to @r. */
static void
add_polyline (cairo_t      *cr,
              const double *px,
              const double *py,
              guint         n,
              MlrGdRect     r)
{
  double lx = NAN, ly = NAN;
  g_autofree guint *idx = g_new (guint, MAX (n, 1));
  guint m = thin_polyline (cr, px, py, n, idx);

  for (guint j = 0; j + 1 < m; j++)
    {
      double x0 = px[idx[j]], y0 = py[idx[j]], x1 = px[idx[j + 1]], y1 = py[idx[j + 1]];

      if (!mlr_gd_clip_segment (&x0, &y0, &x1, &y1, r.x0, r.y0, r.x1, r.y1))
        continue;
      if (x0 != lx || y0 != ly)
        cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      lx = x1;
      ly = y1;
    }
}

static gboolean
rects_overlap (MlrGdRect a,
               MlrGdRect b)
{
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

gboolean
mlr_gd_inside (MlrGdRect r,
               double    x,
               double    y)
{
  return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1;
}

/* Strokes the current path twice: a dark casing, then @color on top, so any colour reads
 * on any background (white GD over viridis, yellow Adagrad on a light page). */
static void
stroke_cased (cairo_t        *cr,
              const MlrColor *color,
              double          width)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  mlr_cairo_set_color (cr, &casing);
  cairo_set_line_width (cr, width + 2.5);
  cairo_stroke_preserve (cr);
  mlr_cairo_set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
dot_cased (cairo_t        *cr,
           const MlrColor *color,
           double          x,
           double          y,
           double          r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r + 1.3, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, &casing);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, color);
  cairo_fill (cr);
}

static void
star_path (cairo_t *cr,
           double   x,
           double   y,
           double   r)
{
  cairo_new_sub_path (cr);
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double rr = i % 2 ? r * 0.45 : r;
      cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
    }
  cairo_close_path (cr);
}

void
mlr_gd_draw_star (cairo_t        *cr,
                  double          x,
                  double          y,
                  double          r,
                  const MlrColor *fill,
                  const MlrColor *line)
{
  star_path (cr, x, y, r);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (fill)
    {
      mlr_cairo_set_color (cr, fill);
      cairo_fill_preserve (cr);
    }
  mlr_cairo_set_color (cr, line);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

void
mlr_gd_draw_diamond (cairo_t *cr,
                     double   x,
                     double   y,
                     double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
  mlr_cairo_set_color (cr, &white);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

void
mlr_gd_draw_cross (cairo_t        *cr,
                   const MlrColor *color,
                   double          x,
                   double          y,
                   double          r)
{
  cairo_move_to (cr, x - r, y - r);
  cairo_line_to (cr, x + r, y + r);
  cairo_move_to (cr, x + r, y - r);
  cairo_line_to (cr, x - r, y + r);
  stroke_cased (cr, color, 2.5);
}

/* The start point: a ring, haloed in the accent colour when the keyboard moves it. */
void
mlr_gd_draw_start (cairo_t                   *cr,
                   const MlrPalette          *palette,
                   const MlrGdPainterOptions *options,
                   double                     x,
                   double                     y)
{
  if (options->focused)
    {
      cairo_arc (cr, x, y, 12, 0, 2 * G_PI);
      mlr_cairo_set_color_alpha (cr, &palette->accent, 0.9);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
  if (options->dragging)
    {
      mlr_cairo_set_color_alpha (cr, &white, 0.6);
      cairo_fill_preserve (cr);
    }
  stroke_cased (cr, &white, 2.5);
}

static void
to_pixels (const MlrPlot *plot,
           const MlrVec2 *path,
           guint          n,
           gboolean       one_d,
           MlrCurveId     curve,
           double        *px,
           double        *py)
{
  for (guint k = 0; k < n; k++)
    {
      double y = one_d ? mlr_curve_eval (curve, path[k].x, NULL) : path[k].y;
      px[k] = mlr_plot_x (plot, path[k].x);
      py[k] = mlr_plot_y (plot, y);
    }
}

/* A cased polyline: one path, so where it crosses itself the casing is not doubled. */
void
mlr_gd_stroke_polyline_cased (cairo_t        *cr,
                              const double   *px,
                              const double   *py,
                              guint           n,
                              MlrGdRect       clip,
                              const MlrColor *color,
                              double          width)
{
  add_polyline (cr, px, py, n, clip);
  stroke_cased (cr, color, width);
}

/* One optimizer's path: a cased line through its iterates, a dot at each (skipping dots
 * that would overlap the last one drawn), and its current position. In 2-D, with @lines,
 * they are drawn into that image (mlr-gd-painter-lines.c) instead of stroked and filled. */
void
mlr_gd_draw_run (cairo_t          *cr,
                 MlrGdLines       *lines,
                 const MlrPalette *palette,
                 const MlrPlot    *plot,
                 const MlrGdState *state,
                 guint             i,
                 double           *px,
                 double           *py)
{
  const MlrDescent *run = mlr_gd_state_get_run (state, i);
  MlrColor color_buf;
  const MlrColor *color = mlr_gd_run_color_for (palette, state,
                                                mlr_gd_state_get_run_kind (state, i), &color_buf);
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  MlrGdRect clip = mlr_gd_plot_rect (plot, 12);
  MlrGdRect visible = mlr_gd_plot_rect (plot, 0);
  guint n;
  const MlrVec2 *path = mlr_descent_get_path (run, &n);
  double lx = -1e9, ly = -1e9;

  if (n == 0)
    return;
  to_pixels (plot, path, n, one_d, mlr_gd_state_get_curve (state), px, py);

  if (one_d)
    {
      /* Steps as arrows along the curve: the first ones, while they are long enough to
       * see; a jump across the minimum is the lesson. */
      cairo_set_line_width (cr, 1.6);
      for (guint k = 0; k + 1 < n && k < 60; k++)
        {
          double x0 = px[k], y0 = py[k], x1 = px[k + 1], y1 = py[k + 1];
          double len = hypot (x1 - x0, y1 - y0);

          if (len < 14)
            continue;
          if (mlr_gd_inside (visible, x0, y0) && mlr_gd_inside (visible, x1, y1))
            {
              double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
              cairo_set_line_width (cr, 3.6);
              mlr_cairo_set_color (cr, &casing);
              mlr_draw_arrow (cr, x0 + ux * 5, y0 + uy * 5, x1 - ux * 5, y1 - uy * 5, 9);
              cairo_set_line_width (cr, 1.6);
              mlr_cairo_set_color (cr, color);
              mlr_draw_arrow (cr, x0 + ux * 5, y0 + uy * 5, x1 - ux * 6.5, y1 - uy * 6.5, 7);
            }
          else if (mlr_gd_clip_segment (&x0, &y0, &x1, &y1, clip.x0, clip.y0, clip.x1, clip.y1))
            {
              cairo_move_to (cr, x0, y0);
              cairo_line_to (cr, x1, y1);
              stroke_cased (cr, color, 1.6);
            }
        }
    }
  else
    {
      /* Where the run has settled (every later point within 2.5 px of its end), the rest
       * of the line is a knot under the end dot, and a costly one: an optimizer circling a
       * minimum crosses its own path thousands of times. Stop the line there. */
      guint settled = n - 1;
      while (settled > 0 && hypot (px[settled - 1] - px[n - 1], py[settled - 1] - py[n - 1]) < 2.5)
        settled--;
      if (lines != NULL)
        {
          g_autofree guint *idx = g_new (guint, settled + 1);
          g_autofree double *tx = g_new (double, settled + 1);
          g_autofree double *ty = g_new (double, settled + 1);
          guint m = thin_polyline (cr, px, py, settled + 1, idx);

          for (guint j = 0; j < m; j++)
            {
              tx[j] = px[idx[j]];
              ty[j] = py[idx[j]];
            }
          mlr_gd_lines_add (lines, tx, ty, m, color, 2);
        }
      else
        mlr_gd_stroke_polyline_cased (cr, px, py, settled + 1, clip, color, 2);
    }

  /* dots: casing for all first, then the colour, as two fills */
  {
    double r = one_d ? 3.6 : 2.4, gap2 = (2 * r + 2) * (2 * r + 2);
    g_autofree guint *dots = g_new (guint, n);
    guint n_dots = 0;

    lx = ly = -1e9;
    for (guint k = 0; k < n; k++)
      {
        double dx = px[k] - lx, dy = py[k] - ly;

        if (!mlr_gd_inside (visible, px[k], py[k]) || dx * dx + dy * dy < gap2)
          continue;
        lx = px[k];
        ly = py[k];
        dots[n_dots++] = k;
      }
    if (lines != NULL)
      mlr_gd_lines_add_discs (lines, px, py, dots, n_dots, r, 1.2, color);
    else
      for (int pass = 0; pass < 2; pass++)
        {
          for (guint d = 0; d < n_dots; d++)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, px[dots[d]], py[dots[d]], pass == 0 ? r + 1.2 : r, 0, 2 * G_PI);
            }
          mlr_cairo_set_color (cr, pass == 0 ? &casing : color);
          cairo_fill (cr);
        }
  }

  if (mlr_gd_inside (visible, px[n - 1], py[n - 1]))
    {
      double x = px[n - 1], y = py[n - 1];

      if (mlr_descent_is_diverged (run, NULL) && lines != NULL)
        {
          /* mlr_gd_draw_cross(): two strokes in one path */
          const double cx[] = { x - 6, x + 6, NAN, x + 6, x - 6 };
          const double cy[] = { y - 6, y + 6, NAN, y - 6, y + 6 };
          mlr_gd_lines_add (lines, cx, cy, G_N_ELEMENTS (cx), color, 2.5);
        }
      else if (mlr_descent_is_diverged (run, NULL))
        mlr_gd_draw_cross (cr, color, x, y, 6);
      else if (lines != NULL)
        mlr_gd_lines_add_discs (lines, px, py, &(guint) { n - 1 }, 1, 5.5, 1.3, color);
      else
        dot_cased (cr, color, x, y, 5.5);
    }
}

void
mlr_gd_draw_surface_markers (cairo_t          *cr,
                             const MlrPlot    *plot,
                             const MlrGdState *state)
{
  const MlrSurfaceInfo *info = mlr_surface_get_info (mlr_gd_state_get_surface (state));
  MlrColor outline = { 0, 0, 0, 0.85 };
  MlrGdRect r = mlr_gd_plot_rect (plot, 0);

  for (guint i = 0; i < info->n_minima; i++)
    {
      double x = mlr_plot_x (plot, info->minima[i].x), y = mlr_plot_y (plot, info->minima[i].y);
      if (mlr_gd_inside (r, x, y))
        mlr_gd_draw_star (cr, x, y, 8, &white, &outline);
    }
  for (guint i = 0; i < info->n_saddles; i++)
    {
      double x = mlr_plot_x (plot, info->saddles[i].x), y = mlr_plot_y (plot, info->saddles[i].y);
      if (mlr_gd_inside (r, x, y))
        mlr_gd_draw_diamond (cr, x, y, 6.5);
    }
}

void
mlr_gd_draw_curve (cairo_t          *cr,
                   const MlrPalette *palette,
                   const MlrPlot    *plot,
                   const MlrGdState *state)
{
  MlrCurveId curve = mlr_gd_state_get_curve (state);
  const MlrCurveInfo *info = mlr_curve_get_info (curve);
  guint n = MAX ((guint) (plot->w / 2), 2) + 1;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autofree double *px = g_new (double, n);
  g_autofree double *py = g_new (double, n);
  MlrColor outline = palette->background;
  MlrColor fg = palette->foreground;
  MlrGdRect r = mlr_gd_plot_rect (plot, 0);

  fg.a = 1;
  outline.a = 1;
  mlr_curve_sample (curve, plot->xmin, plot->xmax, n, ys);
  for (guint k = 0; k < n; k++)
    {
      xs[k] = plot->xmin + k * (plot->xmax - plot->xmin) / (n - 1);
      px[k] = mlr_plot_x (plot, xs[k]);
      py[k] = mlr_plot_y (plot, ys[k]);
    }
  add_polyline (cr, px, py, n, mlr_gd_plot_rect (plot, 4));
  /* dim, so a run's path in the foreground colour (plain GD in dark mode) shows on it */
  mlr_cairo_set_color (cr, &palette->dim);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  for (guint i = 0; i < info->n_minima; i++)
    {
      double x = mlr_plot_x (plot, info->minima[i].x);
      double y = mlr_plot_y (plot, info->minima[i].value);

      if (!mlr_gd_inside (r, x, y))
        continue;
      /* filled: global; hollow: only local */
      if (info->minima[i].global)
        mlr_gd_draw_star (cr, x, y, 8, &fg, &outline);
      else
        mlr_gd_draw_star (cr, x, y, 7, &palette->background, &palette->foreground);
      mlr_draw_text (cr, palette, &palette->dim,
                     info->minima[i].global ? _("global min") : _("local min"),
                     x, y + 11, 0.5, 0, 0.78);
    }
}

/* The tangent at the first runner's x, with "slope f′(x) = …"; for plain GD also the step
 * the slope asks for, −η f′(x). */
void
mlr_gd_draw_tangent (cairo_t          *cr,
                     const MlrPalette *palette,
                     const MlrPlot    *plot,
                     const MlrGdState *state,
                     MlrGdRect         avoid)
{
  const MlrDescent *run;
  MlrCurveId curve = mlr_gd_state_get_curve (state);
  double x, f, slope, span, x0, y0, x1, y1, px, py;
  MlrGdRect r = mlr_gd_plot_rect (plot, 0);
  g_autofree char *slope_text = NULL;
  g_autofree char *label = NULL;
  double tw, th, lx, ly;

  if (mlr_gd_state_get_n_runs (state) == 0)
    return;
  run = mlr_gd_state_get_run (state, 0);
  x = mlr_descent_get_position (run).x;
  f = mlr_curve_eval (curve, x, &slope);
  px = mlr_plot_x (plot, x);
  py = mlr_plot_y (plot, f);
  if (!mlr_gd_inside (r, px, py))
    return;

  span = (plot->xmax - plot->xmin) * 0.22;
  x0 = mlr_plot_x (plot, x - span);
  y0 = mlr_plot_y (plot, f - slope * span);
  x1 = mlr_plot_x (plot, x + span);
  y1 = mlr_plot_y (plot, f + slope * span);
  if (mlr_gd_clip_segment (&x0, &y0, &x1, &y1, r.x0, r.y0, r.x1, r.y1))
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      mlr_cairo_set_color (cr, &palette->accent);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }

  slope_text = mlr_gd_format_coordinate (slope);
  if (mlr_gd_state_get_run_kind (state, 0) == MLR_OPTIMIZER_GD &&
      !mlr_descent_is_diverged (run, NULL))
    {
      g_autofree char *step = mlr_gd_format_coordinate (-mlr_gd_state_get_lr (state) * slope);
      /* Translators: the label of the tangent line; each %s%s is "= " (or nothing when
       * the number starts with "≈") followed by the number */
      label = g_strdup_printf (_("slope f′(x) %s%s\nnext step −η f′(x) %s%s"),
                               g_str_has_prefix (slope_text, "≈") ? "" : "= ", slope_text,
                               g_str_has_prefix (step, "≈") ? "" : "= ", step);
    }
  else
    /* Translators: the label of the tangent line; %s%s is "= " (or nothing when the number
     * starts with "≈") followed by the number */
    label = g_strdup_printf (_("slope f′(x) %s%s"),
                             g_str_has_prefix (slope_text, "≈") ? "" : "= ", slope_text);

  /* Beside the point, on a plate so it reads over the curve: the first of six places that
   * fits in the plot and hides neither the legend nor the start ring. */
  mlr_text_size (cr, palette, label, 0.9, &tw, &th);
  {
    MlrVec2 start = mlr_gd_state_get_start (state);
    double sx = mlr_plot_x (plot, start.x);
    double sy = mlr_plot_y (plot, mlr_curve_eval (curve, start.x, NULL));
    MlrGdRect ring = { sx - 14, sy - 14, sx + 14, sy + 14 };
    /* Above the point on the side where the tangent goes down, or below it on the side
     * where it goes up, so the plate does not hide the line it labels. */
    double side = slope > 0 ? -1 : 1;
    const double dx[6] = { 14 * side, -14 * side, -14 * side, 14 * side, 40 * side, -40 * side };
    const double dy[6] = { -16, 16, -16, 16, -44, 44 };
    gboolean found = FALSE;

    for (int c = 0; c < 6 && !found; c++)
      {
        double cx = dx[c] > 0 ? px + dx[c] : px + dx[c] - tw;
        double cy = dy[c] < 0 ? py + dy[c] - th : py + dy[c];
        MlrGdRect box = { cx - 4, cy - 2, cx + tw + 4, cy + th + 2 };
        gboolean fits = box.x0 >= r.x0 && box.x1 <= r.x1 && box.y0 >= r.y0 && box.y1 <= r.y1;

        if (c == 0 || (fits && !found))
          {
            lx = cx;
            ly = cy;
          }
        found = fits && !rects_overlap (box, avoid) && !rects_overlap (box, ring);
      }
  }
  lx = CLAMP (lx, r.x0 + 4, MAX (r.x1 - tw - 4, r.x0 + 4));
  ly = CLAMP (ly, r.y0 + 4, MAX (r.y1 - th - 4, r.y0 + 4));
  cairo_rectangle (cr, lx - 4, ly - 2, tw + 8, th + 4);
  mlr_cairo_set_color_alpha (cr, &palette->background, 0.85);
  cairo_fill (cr);
  mlr_draw_text (cr, palette, &palette->accent, label, lx, ly, 0, 0, 0.9);
}
