/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-gd-painter.h"

#include "mlr-contour.h"
#include "mlr-heatmap.h"
#include "mlr-plot-legend.h"

#include <math.h>
#include <string.h>

/* The surface is evaluated every GRID_STEP device pixels and t interpolated bilinearly in
 * between. The surfaces are smooth, so this is invisible, and it keeps a rebuild (zoom, pan,
 * resize) inside one frame at 1280x800. */
#define GRID_STEP 2
#define N_CONTOURS 11
/* Contours above this t are drawn dark (the bright end of viridis), below it light. */
#define CONTOUR_DARK_FROM 0.58
/* Loss chart: never more than this many decades below its top, where double rounding of
 * f − f* is all that is left to see. */
#define CHART_DECADES 18

struct _MlrGdPainterCache
{
  /* What the image shows */
  gboolean         valid;
  MlrSurfaceId     surface;
  double           xmin, xmax, ymin, ymax;
  int              width, height;
  double           scale;

  /* The picture and what went into it */
  MlrHeatmap      *heatmap;     /* heatmap + contours, (width x height) * scale pixels */
  guint            gw, gh;      /* the grid of t values behind it */
  /* For vector output only (built on first use): the contour lines in grid coordinates, the
   * light ones (low levels) and the dark ones */
  gboolean         traced;
  MlrContour      *light;
  MlrContour      *dark;
  double           lo, hi;      /* the value range in view: the colour bar's ends */
  guint            builds;

  /* Scratch kept between rebuilds */
  double          *values;
  float           *t;
  gsize            n_alloc;
};

/**
 * mlr_gd_painter_cache_new:
 * An empty heatmap cache; the widget keeps one per demo so frames reuse the heatmap.
 */
MlrGdPainterCache *
mlr_gd_painter_cache_new (void)
{
  MlrGdPainterCache *cache = g_new0 (MlrGdPainterCache, 1);

  cache->heatmap = mlr_heatmap_new ();
  cache->light = mlr_contour_new ();
  cache->dark = mlr_contour_new ();
  return cache;
}

void
mlr_gd_painter_cache_free (MlrGdPainterCache *cache)
{
  if (cache == NULL)
    return;
  mlr_heatmap_free (cache->heatmap);
  mlr_contour_free (cache->light);
  mlr_contour_free (cache->dark);
  g_free (cache->values);
  g_free (cache->t);
  g_free (cache);
}

/* How many times the heatmap was rebuilt (tests and the benchmark check it stays put). */
guint
mlr_gd_painter_cache_get_builds (const MlrGdPainterCache *cache)
{
  return cache->builds;
}

/**
 * mlr_gd_heat_t:
 * Where value @f sits on the colour scale when @lo and @hi are the lowest and highest values
 * in view: log(1 + f − lo) / log(1 + hi − lo), in [0, 1]. The logarithm spreads the low
 * values (where the minima and the interesting paths are) over most of the colours.
 */
double
mlr_gd_heat_t (double f,
               double lo,
               double hi)
{
  return mlr_heat_t (MLR_HEAT_LOG, f, lo, hi);
}

/* ---------------------------------------------------------------- layout */

/* The loss chart's vertical range: what the runs that have not diverged went through, and
 * every run's start. A diverging run's rise would squash everything else into one line, so
 * it leaves the chart through the top instead, and a cross marks where it stopped. */
static void
chart_y_range (const MlrGdState *state,
               double            height,
               gboolean         *log_y,
               double           *lo,
               double           *hi)
{
  double ref = 0, vmin = INFINITY, vmax = -INFINITY;
  guint n_runs = mlr_gd_state_get_n_runs (state), n_diverged = 0;

  *log_y = mlr_gd_state_get_loss_reference (state, &ref);
  for (guint i = 0; i < n_runs; i++)
    n_diverged += mlr_descent_is_diverged (mlr_gd_state_get_run (state, i), NULL);
  for (guint i = 0; i < n_runs; i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      gboolean all = n_diverged == n_runs || !mlr_descent_is_diverged (run, NULL);
      guint n;
      const double *losses = mlr_descent_get_losses (run, &n);

      for (guint k = 0; k < (all ? n : MIN (n, 1)); k++)
        {
          double v = losses[k] - (*log_y ? ref : 0);
          if (*log_y && !(v > 0))
            continue;
          vmin = MIN (vmin, v);
          vmax = MAX (vmax, v);
        }
    }

  if (*log_y)
    {
      double top, bottom;

      if (!isfinite (vmin) || !isfinite (vmax))
        {
          vmin = 1e-3;
          vmax = 1;
        }
      top = ceil (log10 (vmax));
      bottom = floor (log10 (vmin));
      if (top - bottom < 1)
        top = bottom + 1;
      bottom = MAX (bottom, top - CHART_DECADES);
      /* mlr_plot_draw_axes labels every k-th decade from the bottom; reach down a little
       * further when that makes the labels land on the top decade too. */
      for (int extra = 0; extra < 6; extra++)
        {
          int n = (int) (top - bottom) + extra;
          int every = MAX (1, (n + 1) / MAX (2, (int) (height / 40)));
          if (n % every == 0)
            {
              bottom -= extra;
              break;
            }
        }
      *lo = pow (10, bottom);
      *hi = pow (10, top);
    }
  else
    {
      double pad;

      if (!isfinite (vmin) || !isfinite (vmax))
        vmin = -1, vmax = 1;
      pad = MAX ((vmax - vmin) * 0.06, 1e-9);
      *lo = vmin - pad;
      *hi = vmax + pad;
    }
}

/**
 * mlr_gd_painter_layout:
 * Splits a @width x @height canvas into the title strip, the main plot (with its data
 * range: the state's view, widened to equal aspect in 2-D), the colour bar and the loss
 * chart, which goes below the main plot, or beside it on wide canvases.
 */
void
mlr_gd_painter_layout (int                width,
                       int                height,
                       const MlrPalette  *palette,
                       const MlrGdState  *state,
                       MlrGdLayout       *layout)
{
  const MlrViewRect *view = mlr_gd_state_get_view (state);
  gboolean two_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_2D;
  double fs = palette->font_size > 0 ? palette->font_size : 12;
  double left = round (fs * 4.6), bottom = round (fs * 3.3);
  double right = two_d ? round (fs * 6.2) : 14;
  double chart_title = round (fs * 1.6), chart_bottom = round (fs * 3.0);
  double top, main_w, main_h, chart_x, chart_y, chart_w, chart_h;
  double clo, chi;
  gboolean log_y;

  memset (layout, 0, sizeof *layout);
  layout->header_h = round (fs * 2.2);
  top = layout->header_h;
  layout->chart_beside = width >= 1000 && width >= 1.5 * height;

  if (layout->chart_beside)
    {
      double block = CLAMP (round (width * 0.32), 280, 460);

      main_w = width - block - left - right;
      main_h = height - top - bottom;
      chart_x = width - block + left;
      chart_w = block - left - 16;
      chart_y = top + chart_title;
      chart_h = CLAMP (round ((height - top) * 0.5), 120, 340);
    }
  else
    {
      double block = CLAMP (round (height * 0.28), 110, 230);

      if (height < 300)
        block = 0;
      main_w = width - left - right;
      main_h = height - top - bottom - block;
      chart_x = left;
      chart_w = main_w;
      chart_y = height - block + chart_title;
      chart_h = block - chart_title - chart_bottom;
    }

  mlr_plot_init (&layout->main, left, top, MAX (main_w, 16), MAX (main_h, 16),
                 view->x_min, view->x_max, view->y_min, view->y_max, two_d);

  chart_y_range (state, MAX (chart_h, 0), &log_y, &clo, &chi);
  mlr_plot_init (&layout->chart, chart_x, chart_y, MAX (chart_w, 0), MAX (chart_h, 0),
                 0, MAX (mlr_gd_state_get_max_steps (state), 1), clo, chi, FALSE);
  layout->chart.log_y = log_y;
  if (chart_h < 24 || chart_w < 40)
    layout->chart.w = layout->chart.h = 0;

  if (two_d)
    {
      layout->bar_x = left + layout->main.w + round (fs * 1.2);
      layout->bar_y = top + round (fs * 1.4);
      layout->bar_w = round (fs);
      layout->bar_h = MAX (layout->main.h - round (fs * 2.8), 16);
    }
}

/* ---------------------------------------------------------------- helpers */

static const MlrColor casing = { 0, 0, 0, 0.55 };
static const MlrColor white = { 1, 1, 1, 1 };

/**
 * mlr_gd_painter_run_color:
 * The colour optimizer @kind is drawn in for @mode: its series colour (chosen to stand out on
 * viridis) in 2-D; in 1-D, where everything sits on the page background, a colour too close
 * to the background (white on a light page) is pulled towards the text colour.
 */
MlrColor
mlr_gd_painter_run_color (const MlrPalette *palette,
                          MlrGdMode         mode,
                          MlrOptimizerKind  kind)
{
  MlrColor c = palette->series[(guint) kind % MLR_PALETTE_N_SERIES];
  MlrColor fg = palette->foreground;

  if (mode == MLR_GD_MODE_1D &&
      fabs (mlr_color_luminance (&c) - mlr_color_luminance (&palette->background)) < 0.3)
    {
      fg.a = 1;
      c = mlr_color_mix (&c, &fg, 0.6);
    }
  return c;
}

static const MlrColor *
run_color (const MlrPalette *palette,
           const MlrGdState *state,
           MlrOptimizerKind  kind,
           MlrColor         *buf)
{
  *buf = mlr_gd_painter_run_color (palette, mlr_gd_state_get_mode (state), kind);
  return buf;
}

/* Liang–Barsky: clips the segment to the rectangle; FALSE when nothing is left. Keeps
 * far-away points (a diverging run) out of cairo, whose fixed-point coordinates overflow. */
static gboolean
clip_segment (double *x0,
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

typedef struct {
  double x0, y0, x1, y1;
} Rect;

static Rect
plot_rect (const MlrPlot *plot,
           double         margin)
{
  Rect r = { plot->x0 - margin, plot->y0 - margin, plot->x0 + plot->w + margin,
             plot->y0 + plot->h + margin };
  return r;
}

/* Adds the polyline through the n points to the path, clipped to @r. */
static void
add_polyline (cairo_t      *cr,
              const double *px,
              const double *py,
              guint         n,
              Rect          r)
{
  double lx = NAN, ly = NAN;
  guint k = 0;

  /* Points closer than 0.7 px to the last one drawn are skipped: a converged run piles
   * thousands of them on one spot, and each would cost a stroke join. */
  while (k + 1 < n)
    {
      guint next = k + 1;
      double x0, y0, x1, y1;

      while (next + 1 < n && fabs (px[next] - px[k]) < 0.7 && fabs (py[next] - py[k]) < 0.7)
        next++;
      x0 = px[k];
      y0 = py[k];
      x1 = px[next];
      y1 = py[next];
      k = next;
      if (!clip_segment (&x0, &y0, &x1, &y1, r.x0, r.y0, r.x1, r.y1))
        continue;
      if (x0 != lx || y0 != ly)
        cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      lx = x1;
      ly = y1;
    }
}

static gboolean
rects_overlap (Rect a,
               Rect b)
{
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static gboolean
inside (Rect   r,
        double x,
        double y)
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

static void
draw_star (cairo_t        *cr,
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

static void
draw_diamond (cairo_t *cr,
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

static void
draw_cross (cairo_t        *cr,
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
static void
draw_start (cairo_t           *cr,
            const MlrPalette  *palette,
            const MlrGdPainterOptions *options,
            double             x,
            double             y)
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

/* ---------------------------------------------------------------- heatmap cache */

static void
stroke_contours (cairo_t                 *cr,
                 const MlrGdPainterCache *cache)
{
  const MlrContour *sets[2] = { cache->light, cache->dark };

  cairo_save (cr);
  cairo_set_line_width (cr, 0.9);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int s = 0; s < 2; s++)
    {
      mlr_contour_path (sets[s], cr, 0, 0, (double) cache->width / cache->gw,
                        (double) cache->height / cache->gh);
      if (s == 0)
        cairo_set_source_rgba (cr, 1, 1, 1, 0.38);
      else
        cairo_set_source_rgba (cr, 0, 0, 0, 0.32);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The viridis colours, once. */
static const MlrLut *
viridis (void)
{
  static MlrLut lut;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      mlr_lut_init_colormap (&lut, MLR_COLORMAP_VIRIDIS, 256);
      g_once_init_leave (&done, 1);
    }
  return &lut;
}

/* Paints the picture: the grid-resolution heatmap scaled up with cairo's bilinear filter,
 * then the contour lines baked in as a distance field (mlr_contour_bake()), about one pixel
 * wide and antialiased however steep the surface. This is several times faster than
 * stroking the thousands of marching-squares segments, which vector output still uses (see
 * trace_for_vector()). Light lines on the dark end of viridis, dark ones on the bright end. */
static void
shade (MlrGdPainterCache *cache,
       int                w,
       int                h,
       double             scale)
{
  MlrContourInk inks[N_CONTOURS];
  cairo_surface_t *image;

  for (int k = 1; k <= N_CONTOURS; k++)
    {
      gboolean dark_line = (float) k / (float) (N_CONTOURS + 1) >= CONTOUR_DARK_FROM;
      float target = dark_line ? 0 : 255;

      inks[k - 1] = (MlrContourInk) { { target, target, target }, dark_line ? 0.32f : 0.38f };
    }
  mlr_heatmap_set_values (cache->heatmap, cache->t, cache->gw, cache->gh, viridis ());
  image = mlr_heatmap_render (cache->heatmap, w, h, scale);
  mlr_contour_bake (image, cache->t, cache->gw, cache->gh, N_CONTOURS, inks,
                    0.45f * (float) scale);
}

/* The contour lines, for SVG and PDF, where lines should stay lines. */
static void
trace_for_vector (MlrGdPainterCache *cache)
{
  MlrContour *sets[N_CONTOURS];
  float levels[N_CONTOURS];

  if (cache->traced)
    return;
  for (int k = 0; k < N_CONTOURS; k++)
    {
      levels[k] = (float) (k + 1) / (N_CONTOURS + 1);
      sets[k] = levels[k] >= CONTOUR_DARK_FROM ? cache->dark : cache->light;
    }
  mlr_contour_clear (cache->light);
  mlr_contour_clear (cache->dark);
  mlr_contour_add_levels (sets, cache->t, cache->gw, cache->gh, levels, N_CONTOURS);
  mlr_contour_stitch (cache->light);
  mlr_contour_stitch (cache->dark);
  cache->traced = TRUE;
}

/* Rebuilds the heatmap when the surface, the visible range, the size or the scale changed. */
static void
cache_update (MlrGdPainterCache *cache,
              MlrSurfaceId       surface,
              const MlrPlot     *plot,
              double             scale)
{
  int w = (int) round (plot->w), h = (int) round (plot->h);
  int iw = (int) ceil (w * scale), ih = (int) ceil (h * scale);
  guint gw = MAX ((guint) ceil ((double) iw / GRID_STEP), 2);
  guint gh = MAX ((guint) ceil ((double) ih / GRID_STEP), 2);
  MlrViewRect view = { plot->xmin, plot->xmax, plot->ymin, plot->ymax };
  double lo, hi;
  gsize n = (gsize) gw * gh;

  if (cache->valid && cache->surface == surface && cache->xmin == plot->xmin &&
      cache->xmax == plot->xmax && cache->ymin == plot->ymin && cache->ymax == plot->ymax &&
      cache->width == w && cache->height == h && cache->scale == scale)
    return;

  if (n > cache->n_alloc)
    {
      g_free (cache->values);
      g_free (cache->t);
      cache->values = g_new (double, n);
      cache->t = g_new (float, n);
      cache->n_alloc = n;
    }

  mlr_surface_eval_grid (surface, &view, gw, gh, cache->values, NULL, NULL);
  mlr_heat_range (cache->values, n, &lo, &hi);
  mlr_heat_normalize (MLR_HEAT_LOG, cache->values, n, lo, hi, cache->t);

  cache->gw = gw;
  cache->gh = gh;
  cache->traced = FALSE;
  shade (cache, w, h, scale);

  cache->valid = TRUE;
  cache->surface = surface;
  cache->xmin = plot->xmin;
  cache->xmax = plot->xmax;
  cache->ymin = plot->ymin;
  cache->ymax = plot->ymax;
  cache->width = w;
  cache->height = h;
  cache->scale = scale;
  cache->lo = lo;
  cache->hi = hi;
  cache->builds++;
}

static void
paint_heatmap (cairo_t           *cr,
               MlrGdPainterCache *cache,
               const MlrPlot     *plot)
{
  cairo_save (cr);
  cairo_translate (cr, plot->x0, plot->y0);
  cairo_rectangle (cr, 0, 0, cache->width, cache->height);
  cairo_clip (cr);
  if (mlr_cairo_target_is_vector (cr))
    {
      /* Figures for slides and papers: the smooth field as a small image the viewer
       * interpolates, and the contours as real vector lines. */
      trace_for_vector (cache);
      mlr_heatmap_paint_raster (cache->heatmap, cr, 0, 0, cache->width, cache->height);
      stroke_contours (cr, cache);
    }
  else
    mlr_heatmap_paint (cache->heatmap, cr, 0, 0);
  cairo_restore (cr);
}

/* The colour bar: viridis from the lowest value in view (bottom) to the highest, with
 * ticks at round values of f placed by the same log mapping as the heatmap. */
static void
draw_colorbar (cairo_t                 *cr,
               const MlrPalette        *palette,
               const MlrGdLayout       *layout,
               const MlrGdPainterCache *cache)
{
  double x = layout->bar_x, y = layout->bar_y, w = layout->bar_w, h = layout->bar_h;
  double lo = cache->lo, hi = cache->hi, range = hi - lo;
  double placed[24];
  guint n_placed = 0;

  if (w <= 0 || h <= 0)
    return;
  mlr_draw_colorbar (cr, palette, MLR_COLORMAP_VIRIDIS, x, y, w, h);
  mlr_draw_text (cr, palette, &palette->dim, "f", x + w / 2, y - 4, 0.5, 1, 0.85);
  mlr_draw_text (cr, palette, &palette->dim, "log", x + w / 2, y + h + 3, 0.5, 0, 0.75);
  if (!(range > 0))
    return;

  /* Round values of f: zero, then ±decades from the largest down, then 2 and 5 times a
   * decade, each kept only where it does not crowd a label already placed. */
  {
    double cands[1 + 3 * 2 * 16];
    guint n_cands = 0;
    int e1 = (int) ceil (log10 (MAX (fabs (lo), fabs (hi))));

    cands[n_cands++] = 0;
    for (int m = 0; m < 3; m++)
      for (int e = e1; e > e1 - 16; e--)
        for (int sign = 1; sign >= -1; sign -= 2)
          cands[n_cands++] = sign * (m == 0 ? 1 : m == 1 ? 2 : 5) * pow (10, e);

    for (guint c = 0; c < n_cands && n_placed < G_N_ELEMENTS (placed); c++)
      {
        double f = cands[c], py;
        gboolean ok = TRUE;
        g_autofree char *text = NULL;

        if (f < lo - range * 1e-3 || f > hi)
          continue;
        py = y + h - mlr_gd_heat_t (f, lo, hi) * h;
        for (guint k = 0; k < n_placed && ok; k++)
          if (fabs (placed[k] - py) < palette->font_size * 1.9)
            ok = FALSE;
        if (!ok)
          continue;
        placed[n_placed++] = py;
        mlr_cairo_set_color (cr, &palette->dim);
        cairo_move_to (cr, x + w, round (py) + 0.5);
        cairo_line_to (cr, x + w + 3, round (py) + 0.5);
        cairo_stroke (cr);
        text = mlr_gd_format_number (f);
        mlr_draw_text (cr, palette, &palette->dim, text, x + w + 5, py, 0, 0.5, 0.8);
      }
  }
}

/* ---------------------------------------------------------------- the main plot */

static void
to_pixels (const MlrPlot  *plot,
           const MlrVec2  *path,
           guint           n,
           gboolean        one_d,
           MlrCurveId      curve,
           double         *px,
           double         *py)
{
  for (guint k = 0; k < n; k++)
    {
      double y = one_d ? mlr_curve_eval (curve, path[k].x, NULL) : path[k].y;
      px[k] = mlr_plot_x (plot, path[k].x);
      py[k] = mlr_plot_y (plot, y);
    }
}

/* A cased polyline: one path, so where it crosses itself the casing is not doubled. */
static void
stroke_polyline_cased (cairo_t        *cr,
                       const double   *px,
                       const double   *py,
                       guint           n,
                       Rect            clip,
                       const MlrColor *color,
                       double          width)
{
  add_polyline (cr, px, py, n, clip);
  stroke_cased (cr, color, width);
}

/* One optimizer's path: a cased line through its iterates, a dot at each (skipping dots
 * that would overlap the last one drawn), and its current position. */
static void
draw_run (cairo_t          *cr,
          const MlrPalette *palette,
          const MlrPlot    *plot,
          const MlrGdState *state,
          guint             i,
          double           *px,
          double           *py)
{
  const MlrDescent *run = mlr_gd_state_get_run (state, i);
  MlrColor color_buf;
  const MlrColor *color = run_color (palette, state, mlr_gd_state_get_run_kind (state, i),
                                     &color_buf);
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  Rect clip = plot_rect (plot, 12);
  Rect visible = plot_rect (plot, 0);
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
          if (inside (visible, x0, y0) && inside (visible, x1, y1))
            {
              double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
              cairo_set_line_width (cr, 3.6);
              mlr_cairo_set_color (cr, &casing);
              mlr_draw_arrow (cr, x0 + ux * 5, y0 + uy * 5, x1 - ux * 5, y1 - uy * 5, 9);
              cairo_set_line_width (cr, 1.6);
              mlr_cairo_set_color (cr, color);
              mlr_draw_arrow (cr, x0 + ux * 5, y0 + uy * 5, x1 - ux * 6.5, y1 - uy * 6.5, 7);
            }
          else if (clip_segment (&x0, &y0, &x1, &y1, clip.x0, clip.y0, clip.x1, clip.y1))
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
      stroke_polyline_cased (cr, px, py, settled + 1, clip, color, 2);
    }

  /* dots: casing for all first, then the colour, as two fills */
  for (int pass = 0; pass < 2; pass++)
    {
      double r = one_d ? 3.6 : 2.4;
      lx = ly = -1e9;
      for (guint k = 0; k < n; k++)
        {
          if (!inside (visible, px[k], py[k]))
            continue;
          if (hypot (px[k] - lx, py[k] - ly) < 2 * r + 2)
            continue;
          lx = px[k];
          ly = py[k];
          cairo_new_sub_path (cr);
          cairo_arc (cr, px[k], py[k], pass == 0 ? r + 1.2 : r, 0, 2 * G_PI);
        }
      mlr_cairo_set_color (cr, pass == 0 ? &casing : color);
      cairo_fill (cr);
    }

  if (inside (visible, px[n - 1], py[n - 1]))
    {
      if (mlr_descent_is_diverged (run, NULL))
        draw_cross (cr, color, px[n - 1], py[n - 1], 6);
      else
        dot_cased (cr, color, px[n - 1], py[n - 1], 5.5);
    }
}

static void
draw_surface_markers (cairo_t          *cr,
                      const MlrPlot    *plot,
                      const MlrGdState *state)
{
  const MlrSurfaceInfo *info = mlr_surface_get_info (mlr_gd_state_get_surface (state));
  MlrColor outline = { 0, 0, 0, 0.85 };
  Rect r = plot_rect (plot, 0);

  for (guint i = 0; i < info->n_minima; i++)
    {
      double x = mlr_plot_x (plot, info->minima[i].x), y = mlr_plot_y (plot, info->minima[i].y);
      if (inside (r, x, y))
        draw_star (cr, x, y, 8, &white, &outline);
    }
  for (guint i = 0; i < info->n_saddles; i++)
    {
      double x = mlr_plot_x (plot, info->saddles[i].x), y = mlr_plot_y (plot, info->saddles[i].y);
      if (inside (r, x, y))
        draw_diamond (cr, x, y, 6.5);
    }
}

static void
draw_curve (cairo_t          *cr,
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
  Rect r = plot_rect (plot, 0);

  fg.a = 1;
  outline.a = 1;
  mlr_curve_sample (curve, plot->xmin, plot->xmax, n, ys);
  for (guint k = 0; k < n; k++)
    {
      xs[k] = plot->xmin + k * (plot->xmax - plot->xmin) / (n - 1);
      px[k] = mlr_plot_x (plot, xs[k]);
      py[k] = mlr_plot_y (plot, ys[k]);
    }
  add_polyline (cr, px, py, n, plot_rect (plot, 4));
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  for (guint i = 0; i < info->n_minima; i++)
    {
      double x = mlr_plot_x (plot, info->minima[i].x);
      double y = mlr_plot_y (plot, info->minima[i].value);

      if (!inside (r, x, y))
        continue;
      /* filled: global; hollow: only local */
      if (info->minima[i].global)
        draw_star (cr, x, y, 8, &fg, &outline);
      else
        draw_star (cr, x, y, 7, &palette->background, &palette->foreground);
      mlr_draw_text (cr, palette, &palette->dim,
                     info->minima[i].global ? "global min" : "local min",
                     x, y + 11, 0.5, 0, 0.78);
    }
}

/* The tangent at the first runner's x, with "slope f′(x) = …"; for plain GD also the step
 * the slope asks for, −η f′(x). */
static void
draw_tangent (cairo_t          *cr,
              const MlrPalette *palette,
              const MlrPlot    *plot,
              const MlrGdState *state,
              Rect              avoid)
{
  const MlrDescent *run;
  MlrCurveId curve = mlr_gd_state_get_curve (state);
  double x, f, slope, span, x0, y0, x1, y1, px, py;
  Rect r = plot_rect (plot, 0);
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
  if (!inside (r, px, py))
    return;

  span = (plot->xmax - plot->xmin) * 0.22;
  x0 = mlr_plot_x (plot, x - span);
  y0 = mlr_plot_y (plot, f - slope * span);
  x1 = mlr_plot_x (plot, x + span);
  y1 = mlr_plot_y (plot, f + slope * span);
  if (clip_segment (&x0, &y0, &x1, &y1, r.x0, r.y0, r.x1, r.y1))
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
      label = g_strdup_printf ("slope f′(x) %s%s\nnext step −η f′(x) %s%s",
                               g_str_has_prefix (slope_text, "≈") ? "" : "= ", slope_text,
                               g_str_has_prefix (step, "≈") ? "" : "= ", step);
    }
  else
    label = g_strdup_printf ("slope f′(x) %s%s", g_str_has_prefix (slope_text, "≈") ? "" : "= ",
                             slope_text);

  /* Beside the point, on a plate so it reads over the curve: the first of six places that
   * fits in the plot and hides neither the legend nor the start ring. */
  mlr_text_size (cr, palette, label, 0.9, &tw, &th);
  {
    MlrVec2 start = mlr_gd_state_get_start (state);
    double sx = mlr_plot_x (plot, start.x);
    double sy = mlr_plot_y (plot, mlr_curve_eval (curve, start.x, NULL));
    Rect ring = { sx - 14, sy - 14, sx + 14, sy + 14 };
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
        Rect box = { cx - 4, cy - 2, cx + tw + 4, cy + th + 2 };
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

/* ---------------------------------------------------------------- legend and header */

typedef struct {
  char     *name;
  char     *status;
  MlrColor  color;
  gboolean  diverged;
} LegendRow;

typedef struct {
  guint              n;
  LegendRow          rows[MLR_N_OPTIMIZERS];
  MlrLegendItem      items[MLR_N_OPTIMIZERS + 1];   /* the runs, then the marker key */
  MlrLegendStyle     style;
  const MlrGdState  *state;
  gboolean           local_minima;  /* 1-D: the curve has a minimum that is not global */
  Rect               box;
} Legend;

/* Counts what a legend box at (x, y, w, h) would hide, to choose its corner. */
static guint
legend_conflicts (const MlrGdState *state,
                  const MlrPlot    *plot,
                  Rect              box)
{
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  MlrCurveId curve = mlr_gd_state_get_curve (state);
  MlrVec2 start = mlr_gd_state_get_start (state);
  guint hits = 0;

  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      guint n;
      const MlrVec2 *path = mlr_descent_get_path (mlr_gd_state_get_run (state, i), &n);
      guint stride = MAX (n / 200, 1);

      for (guint k = 0; k < n; k += stride)
        {
          double y = one_d ? mlr_curve_eval (curve, path[k].x, NULL) : path[k].y;
          if (inside (box, mlr_plot_x (plot, path[k].x), mlr_plot_y (plot, y)))
            hits += k == 0 || k + stride >= n ? 20 : 1;
        }
    }
  if (one_d)
    {
      for (int k = 0; k <= 64; k++)
        {
          double x = plot->xmin + k * (plot->xmax - plot->xmin) / 64;
          if (inside (box, mlr_plot_x (plot, x), mlr_plot_y (plot, mlr_curve_eval (curve, x,
                                                                                  NULL))))
            hits += 3;
        }
      start.y = mlr_curve_eval (curve, start.x, NULL);
    }
  else
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (mlr_gd_state_get_surface (state));
      for (guint i = 0; i < info->n_minima; i++)
        if (inside (box, mlr_plot_x (plot, info->minima[i].x),
                    mlr_plot_y (plot, info->minima[i].y)))
          hits += 20;
    }
  if (inside (box, mlr_plot_x (plot, start.x), mlr_plot_y (plot, start.y)))
    hits += 40;
  return hits;
}

/* The legend's last row: the markers of the plot, drawn with the same marks, and their
 * names. */
static void
legend_keys (cairo_t          *cr,
             const MlrPalette *palette,
             double            x,
             double            cy,
             double            width,
             double            height,
             gpointer          user_data)
{
  const Legend *legend = user_data;
  gboolean one_d = mlr_gd_state_get_mode (legend->state) == MLR_GD_MODE_1D;
  MlrColor outline = { 0, 0, 0, 0.85 };
  MlrGdPainterOptions plain = { 0 };
  double cx = x + 14, tw, th;

  /* the marks are stroked with the joins of the run lines above them */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (one_d)
    {
      MlrColor fg = palette->foreground, bg = palette->background;
      fg.a = bg.a = 1;
      draw_star (cr, cx, cy, 6, &fg, &bg);
      mlr_text_size (cr, palette, "global min", 0.8, &tw, &th);
      mlr_draw_text (cr, palette, &palette->dim, "global min", cx + 10, cy, 0, 0.5, 0.8);
      cx += tw + 28;
      if (legend->local_minima)
        {
          draw_star (cr, cx, cy, 5.5, &bg, &palette->foreground);
          mlr_text_size (cr, palette, "local min", 0.8, &tw, &th);
          mlr_draw_text (cr, palette, &palette->dim, "local min", cx + 10, cy, 0, 0.5, 0.8);
          cx += tw + 28;
        }
    }
  else
    {
      const char *what = "minimum";
      if (mlr_surface_get_info (mlr_gd_state_get_surface (legend->state))->n_saddles > 0)
        {
          draw_diamond (cr, cx, cy, 5);
          what = "saddle point";
        }
      else
        draw_star (cr, cx, cy, 6, &white, &outline);
      mlr_text_size (cr, palette, what, 0.8, &tw, &th);
      mlr_draw_text (cr, palette, &palette->dim, what, cx + 10, cy, 0, 0.5, 0.8);
      cx += tw + 28;
    }
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, 0.7, 0.7);
  draw_start (cr, palette, &plain, 0, 0);
  cairo_restore (cr);
  mlr_draw_text (cr, palette, &palette->dim, "start", cx + 10, cy, 0, 0.5, 0.8);
}

/* Measures the legend and picks the corner of the main plot where it hides least. */
static void
legend_prepare (cairo_t          *cr,
                const MlrPalette *palette,
                const MlrPlot    *plot,
                const MlrGdState *state,
                Legend           *legend)
{
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  double keys_w, w, h, th;
  const char *keys_text;
  guint best = G_MAXUINT;
  Rect candidates[5];

  memset (legend, 0, sizeof *legend);
  legend->state = state;
  legend->n = mlr_gd_state_get_n_runs (state);
  mlr_legend_style_init (&legend->style, palette);
  for (guint i = 0; i < legend->n; i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      LegendRow *row = &legend->rows[i];
      guint at;

      row->name = g_strdup (mlr_gd_optimizer_title (mlr_gd_state_get_run_kind (state, i)));
      row->color = mlr_gd_painter_run_color (palette, mlr_gd_state_get_mode (state),
                                             mlr_gd_state_get_run_kind (state, i));
      row->diverged = mlr_descent_is_diverged (run, &at);
      if (row->diverged)
        row->status = g_strdup_printf ("diverged at step %u", at);
      else if (one_d)
        {
          g_autofree char *xs = mlr_gd_format_coordinate (mlr_descent_get_position (run).x);
          g_autofree char *fs = mlr_gd_format_coordinate (mlr_descent_get_loss (run));
          row->status = g_strdup_printf ("x %s%s   f %s%s", g_str_has_prefix (xs, "≈") ? "" : "= ",
                                         xs, g_str_has_prefix (fs, "≈") ? "" : "= ", fs);
        }
      else
        {
          g_autofree char *loss = mlr_gd_format_number (mlr_descent_get_loss (run));
          row->status = g_strdup_printf ("loss %s", loss);
        }
      legend->items[i] = (MlrLegendItem) {
        MLR_LEGEND_CASED_LINE, row->color, 2.5, row->name, row->status,
        row->diverged ? &palette->error : &palette->dim,
      };
    }
  if (one_d)
    {
      const MlrCurveInfo *info = mlr_curve_get_info (mlr_gd_state_get_curve (state));
      for (guint i = 0; i < info->n_minima; i++)
        legend->local_minima |= !info->minima[i].global;
      keys_text = legend->local_minima ? "global min     local min     start"
                                       : "global min     start";
    }
  else if (mlr_surface_get_info (mlr_gd_state_get_surface (state))->n_saddles > 0)
    keys_text = "saddle point     start";
  else
    keys_text = "minimum     start";
  mlr_text_size (cr, palette, keys_text, 0.8, &keys_w, &th);
  legend->items[legend->n] = (MlrLegendItem) {
    MLR_LEGEND_CUSTOM, .draw = legend_keys, .user_data = legend, .row_width = keys_w + 72,
  };
  mlr_legend_measure (cr, palette, &legend->style, legend->items, legend->n + 1, &w, &h);

  {
    double x0 = plot->x0 + 8, x1 = plot->x0 + plot->w - w - 8;
    double y0 = plot->y0 + 8, y1 = plot->y0 + plot->h - h - 8;
    double xc = plot->x0 + (plot->w - w) / 2;
    /* In order of preference: the top right in 2-D; in 1-D the top middle, above the
     * minimum, where a curve with a minimum in view has the most room. */
    candidates[one_d ? 1 : 0] = (Rect) { x1, y0, x1 + w, y0 + h };
    candidates[2] = (Rect) { x0, y0, x0 + w, y0 + h };
    candidates[3] = (Rect) { x1, y1, x1 + w, y1 + h };
    candidates[4] = (Rect) { x0, y1, x0 + w, y1 + h };
    candidates[one_d ? 0 : 1] = (Rect) { xc, y0, xc + w, y0 + h };
  }
  legend->box = candidates[0];
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint hits = legend_conflicts (state, plot, candidates[c]);
      if (hits < best)
        {
          best = hits;
          legend->box = candidates[c];
        }
    }
}

/* Draws the legend legend_prepare() placed, and frees its texts. */
static void
legend_draw (cairo_t          *cr,
             const MlrPalette *palette,
             Legend           *legend)
{
  mlr_legend_draw (cr, palette, &legend->style, legend->items, legend->n + 1, legend->box.x0,
                   legend->box.y0, legend->box.x1 - legend->box.x0);
  for (guint i = 0; i < legend->n; i++)
    {
      g_clear_pointer (&legend->rows[i].name, g_free);
      g_clear_pointer (&legend->rows[i].status, g_free);
    }
}

static void
draw_header (cairo_t           *cr,
             const MlrPalette  *palette,
             const MlrGdLayout *layout,
             const MlrGdState  *state,
             int                width)
{
  g_autofree char *lr = mlr_gd_format_number (mlr_gd_state_get_lr (state));
  g_autofree char *right = g_strdup_printf ("η = %s   step %u / %u", lr,
                                            mlr_gd_state_get_step (state),
                                            mlr_gd_state_get_max_steps (state));
  const char *title = mlr_gd_state_get_title (state);
  const char *formula = mlr_gd_state_get_formula (state);
  double cy = layout->header_h / 2, left = layout->main.x0;
  double rw, rh, tw, th, fw, fh;

  mlr_text_size (cr, palette, right, 0.95, &rw, &rh);
  mlr_text_size (cr, palette, title, 1.05, &tw, &th);
  mlr_text_size (cr, palette, formula, 0.95, &fw, &fh);
  mlr_draw_text (cr, palette, &palette->foreground, title, left, cy, 0, 0.5, 1.05);
  if (left + tw + 16 + fw + 24 + rw < width - 16)
    mlr_draw_text (cr, palette, &palette->dim, formula, left + tw + 16, cy, 0, 0.5, 0.95);
  mlr_draw_text (cr, palette, &palette->dim, right, width - 16, cy, 1, 0.5, 0.95);
}

/* ---------------------------------------------------------------- loss chart */

/* One run's loss per step as a cased line, decimated to the lowest and highest value per
 * pixel column so a 10000-step run costs no more than the chart is wide. */
static void
draw_loss_line (cairo_t        *cr,
                const MlrPlot  *chart,
                const double   *losses,
                guint           n,
                double          ref,
                double          floor_value,
                const MlrColor *color)
{
  GArray *xs = g_array_sized_new (FALSE, FALSE, sizeof (double), 512);
  GArray *ys = g_array_sized_new (FALSE, FALSE, sizeof (double), 512);
  int column = G_MININT;
  double cmin = 0, cmax = 0, cx = 0;

  for (guint k = 0; k <= n; k++)
    {
      double px = k < n ? mlr_plot_x (chart, k) : 0;
      int c = k < n ? (int) floor (px) : G_MAXINT;
      if (c != column && column != G_MININT)
        {
          g_array_append_val (xs, cx);
          g_array_append_val (ys, cmin);
          if (cmax != cmin)
            {
              g_array_append_val (xs, cx);
              g_array_append_val (ys, cmax);
            }
        }
      if (k == n)
        break;
      {
        double v = losses[k] - ref;
        double py = mlr_plot_y (chart, chart->log_y ? MAX (v, floor_value) : v);
        if (c != column)
          {
            column = c;
            cx = px;
            cmin = cmax = py;
          }
        else
          {
            cmin = MIN (cmin, py);
            cmax = MAX (cmax, py);
          }
      }
    }
  stroke_polyline_cased (cr, (double *) xs->data, (double *) ys->data, xs->len,
                         plot_rect (chart, 2), color, 1.8);
  g_array_unref (xs);
  g_array_unref (ys);
}

static void
draw_chart (cairo_t           *cr,
            const MlrPalette  *palette,
            const MlrGdLayout *layout,
            const MlrGdState  *state)
{
  const MlrPlot *chart = &layout->chart;
  double ref = 0;
  gboolean has_ref = mlr_gd_state_get_loss_reference (state, &ref);
  double step_x;

  if (chart->w <= 0 || chart->h <= 0)
    return;
  mlr_draw_text (cr, palette, &palette->dim,
                 has_ref ? (ref == 0 ? "loss f per step (log scale)"
                                     : "loss above the global minimum, f − f*, per step (log scale)")
                         : "loss f per step",
                 chart->x0, chart->y0 - 4, 0, 1, 0.85);
  mlr_plot_draw_axes (cr, chart, palette, "step", NULL, TRUE);

  step_x = round (mlr_plot_x (chart, mlr_gd_state_get_step (state))) + 0.5;
  cairo_move_to (cr, step_x, chart->y0);
  cairo_line_to (cr, step_x, chart->y0 + chart->h);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_save (cr);
  mlr_plot_clip (cr, chart);
  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (state, i);
      MlrColor color_buf;
      const MlrColor *color = run_color (palette, state, mlr_gd_state_get_run_kind (state, i),
                                         &color_buf);
      guint n;
      const double *losses = mlr_descent_get_losses (run, &n);

      if (n == 0)
        continue;
      /* Below the range a line leaves through the bottom ("lower than shown"), it is not
       * pinned to the floor, which would read as "stopped improving". */
      draw_loss_line (cr, chart, losses, n, has_ref ? ref : 0, chart->ymin * 1e-6, color);
      if (mlr_descent_is_diverged (run, NULL))
        {
          double v = losses[n - 1] - (has_ref ? ref : 0);
          double y = mlr_plot_y (chart, has_ref ? MAX (v, chart->ymin) : v);
          draw_cross (cr, color, mlr_plot_x (chart, n - 1),
                      CLAMP (y, chart->y0 + 5, chart->y0 + chart->h - 5), 4.5);
        }
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- entry points */

/**
 * mlr_gd_painter_draw:
 * Paints @state into a @width x @height area of @cr (see the header). @options may be
 * %NULL (unfocused, scale 1). @cache keeps the heatmap between frames; %NULL builds a
 * throwaway one (the CLI, tests).
 */
void
mlr_gd_painter_draw (cairo_t                   *cr,
                     int                        width,
                     int                        height,
                     const MlrPalette          *palette,
                     const MlrGdState          *state,
                     const MlrGdPainterOptions *options,
                     MlrGdPainterCache         *cache)
{
  static const MlrGdPainterOptions defaults = { FALSE, FALSE, 1 };
  g_autoptr(MlrGdPainterCache) own = NULL;
  gboolean one_d = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D;
  MlrGdLayout layout;
  Legend legend;
  const MlrPlot *plot;
  guint max_n = 1;
  g_autofree double *px = NULL;
  g_autofree double *py = NULL;
  MlrVec2 start = mlr_gd_state_get_start (state);

  if (width <= 0 || height <= 0)
    return;
  if (options == NULL)
    options = &defaults;
  mlr_gd_painter_layout (width, height, palette, state, &layout);
  plot = &layout.main;

  cairo_save (cr);
  if (!one_d)
    {
      if (cache == NULL)
        cache = own = mlr_gd_painter_cache_new ();
      cache_update (cache, mlr_gd_state_get_surface (state), plot,
                    options->scale > 0 ? options->scale : 1);
      paint_heatmap (cr, cache, plot);
    }
  else
    mlr_plot_draw_axes (cr, plot, palette, NULL, NULL, TRUE);

  for (guint i = 0; i < mlr_gd_state_get_n_runs (state); i++)
    {
      guint n;
      mlr_descent_get_path (mlr_gd_state_get_run (state, i), &n);
      max_n = MAX (max_n, n);
    }
  px = g_new (double, max_n);
  py = g_new (double, max_n);

  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  if (one_d)
    {
      draw_curve (cr, palette, plot, state);
      start.y = mlr_curve_eval (mlr_gd_state_get_curve (state), start.x, NULL);
    }
  else
    draw_surface_markers (cr, plot, state);
  /* Later optimizers on top; the start ring above all paths, where a drag picks it up. */
  for (guint i = mlr_gd_state_get_n_runs (state); i-- > 0;)
    draw_run (cr, palette, plot, state, i, px, py);
  legend_prepare (cr, palette, plot, state, &legend);
  if (one_d)
    draw_tangent (cr, palette, plot, state, legend.box);
  draw_start (cr, palette, options, mlr_plot_x (plot, start.x), mlr_plot_y (plot, start.y));
  cairo_restore (cr);

  if (one_d)
    {
      /* A handle on the x axis: in 1-D the start moves along x only. */
      double hx = mlr_plot_x (plot, start.x), hy = plot->y0 + plot->h;
      if (hx >= plot->x0 && hx <= plot->x0 + plot->w)
        {
          cairo_move_to (cr, hx, hy - 9);
          cairo_line_to (cr, hx + 6, hy);
          cairo_line_to (cr, hx - 6, hy);
          cairo_close_path (cr);
          mlr_cairo_set_color (cr, options->focused ? &palette->accent : &palette->foreground);
          cairo_fill (cr);
        }
      /* axes were drawn under the curve; their names go on top */
      mlr_plot_draw_axis_names (cr, plot, palette, "x", "f(x)");
    }
  else
    {
      mlr_plot_draw_axes (cr, plot, palette, "x", "y", FALSE);
      draw_colorbar (cr, palette, &layout, cache);
    }

  legend_draw (cr, palette, &legend);
  draw_header (cr, palette, &layout, state, width);
  draw_chart (cr, palette, &layout, state);
  cairo_restore (cr);
}

/**
 * mlr_gd_render:
 * The #MlrRenderFunc of "gradient-descent": the demo for @params after its `steps` steps,
 * as the app shows it when it opens.
 */
gboolean
mlr_gd_render (cairo_t          *cr,
               int               width,
               int               height,
               const MlrPalette *palette,
               const MlrParams  *params,
               GError          **error)
{
  g_autoptr(MlrGdState) state = mlr_gd_state_new (params, error);

  if (state == NULL)
    return FALSE;
  mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
  mlr_gd_painter_draw (cr, width, height, palette, state, NULL, NULL);
  return TRUE;
}
