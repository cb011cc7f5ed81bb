/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent painter's surface: the heatmap of the loss with its contour lines,
 * baked into an image that is rebuilt only when the surface, the view or the size change,
 * and its colour bar.
 */
#include "config.h"

#include "mlr-gd-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>

/* The surface is evaluated every GRID_STEP device pixels and t interpolated bilinearly in
 * between. The surfaces are smooth, so this is invisible, and it keeps a rebuild (zoom, pan,
 * resize) inside one frame at 1280x800. */
#define GRID_STEP 2
#define N_CONTOURS 11
/* Contours above this t are drawn dark (the bright end of viridis), below it light. */
#define CONTOUR_DARK_FROM 0.58

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
shade (MlrHeatmap  *heatmap,
       const float *t,
       guint        gw,
       guint        gh,
       int          w,
       int          h,
       double       scale)
{
  MlrContourInk inks[N_CONTOURS];
  cairo_surface_t *image;

  for (int k = 1; k <= N_CONTOURS; k++)
    {
      gboolean dark_line = (float) k / (float) (N_CONTOURS + 1) >= CONTOUR_DARK_FROM;
      float target = dark_line ? 0 : 255;

      inks[k - 1] = (MlrContourInk) { { target, target, target }, dark_line ? 0.32f : 0.38f };
    }
  mlr_heatmap_set_values (heatmap, t, gw, gh, viridis ());
  image = mlr_heatmap_render (heatmap, w, h, scale);
  mlr_contour_bake (image, t, gw, gh, N_CONTOURS, inks, 0.45f * (float) scale);
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

/* Whether the view [xmin, xmax] x [ymin, ymax] lies inside the cached picture's. */
static gboolean
cache_covers (const MlrGdPainterCache *cache,
              const MlrPlot           *plot)
{
  double ex = (cache->xmax - cache->xmin) * 1e-9, ey = (cache->ymax - cache->ymin) * 1e-9;

  return plot->xmin >= cache->xmin - ex && plot->xmax <= cache->xmax + ex &&
         plot->ymin >= cache->ymin - ey && plot->ymax <= cache->ymax + ey &&
         plot->xmax > plot->xmin && plot->ymax > plot->ymin;
}

/* A picture of the surface: what a rebuild needs (the first block) and what it makes. The
 * cache builds one itself, or hands one to another thread (mlr_gd_painter_cache_new_job()). */
struct _MlrGdHeatJob
{
  MlrSurfaceId  surface;
  MlrViewRect   view;
  int           width, height;
  double        scale;
  guint         grid_step;

  MlrHeatmap   *heatmap;
  double       *values;
  float        *t;
  guint         gw, gh;
  double        lo, hi;
};

/* Evaluates the surface on the grid and paints the picture into @heatmap, touching nothing
 * else: safe on any thread. */
static void
build_picture (MlrSurfaceId       surface,
               const MlrViewRect *view,
               int                w,
               int                h,
               double             scale,
               guint              step,
               MlrHeatmap        *heatmap,
               double           **values,
               float            **t,
               gsize             *n_alloc,
               guint             *gw_out,
               guint             *gh_out,
               double            *lo,
               double            *hi)
{
  int iw = (int) ceil (w * scale), ih = (int) ceil (h * scale);
  guint gw = MAX ((guint) ceil ((double) iw / step), 2);
  guint gh = MAX ((guint) ceil ((double) ih / step), 2);
  gsize n = (gsize) gw * gh;

  if (n > *n_alloc)
    {
      g_free (*values);
      g_free (*t);
      *values = g_new (double, n);
      *t = g_new (float, n);
      *n_alloc = n;
    }
  mlr_surface_eval_grid (surface, view, gw, gh, *values, NULL, NULL);
  mlr_heat_range (*values, n, lo, hi);
  mlr_heat_normalize (MLR_HEAT_LOG, *values, n, *lo, *hi, *t);
  *gw_out = gw;
  *gh_out = gh;
  shade (heatmap, *t, gw, gh, w, h, scale);
}

/* Records what the cache now shows: a picture of @view built with these settings. */
static void
cache_set_shown (MlrGdPainterCache *cache,
                 MlrSurfaceId       surface,
                 const MlrViewRect *view,
                 int                w,
                 int                h,
                 double             scale,
                 guint              step)
{
  cache->valid = TRUE;
  cache->transformed = FALSE;
  cache->traced = FALSE;
  cache->grid_step = step;
  cache->surface = surface;
  cache->xmin = view->x_min;
  cache->xmax = view->x_max;
  cache->ymin = view->y_min;
  cache->ymax = view->y_max;
  cache->width = w;
  cache->height = h;
  cache->scale = scale;
  cache->builds++;
}

/* Rebuilds the heatmap when the surface, the visible range, the size or the scale changed.
 * While the view moves (@view_moving: a zoom or pan in progress), a picture that covers the
 * new view is shown scaled and shifted to it instead (mlr_gd_paint_heatmap()), as map
 * viewers do, and one that does not is rebuilt on a grid twice as coarse; the first update
 * without @view_moving rebuilds it in full, the same picture as if it had never moved.
 * With @defer, a picture of the same surface and size is never rebuilt here: it is shown
 * scaled and shifted to the view (however little of it that covers), and the rebuild it
 * wants is left for mlr_gd_painter_cache_new_job(). */
void
mlr_gd_cache_update (MlrGdPainterCache *cache,
                     MlrSurfaceId       surface,
                     const MlrPlot     *plot,
                     double             scale,
                     gboolean           view_moving,
                     gboolean           defer)
{
  int w = (int) round (plot->w), h = (int) round (plot->h);
  MlrViewRect view = { plot->xmin, plot->xmax, plot->ymin, plot->ymax };
  gboolean same_picture = cache->valid && cache->surface == surface && cache->width == w &&
                          cache->height == h;
  /* any picture of this size will do in motion, whatever its scale or grid */
  gboolean same_size = same_picture &&
                       (view_moving || (cache->scale == scale && cache->grid_step == GRID_STEP));
  guint step;

  cache->stale = FALSE;
  if (same_size && cache->xmin == plot->xmin && cache->xmax == plot->xmax &&
      cache->ymin == plot->ymin && cache->ymax == plot->ymax)
    {
      cache->transformed = FALSE;
      return;
    }
  /* in motion: a grid twice as coarse, at 1x */
  if (view_moving)
    scale = 1;
  step = view_moving ? 2 * GRID_STEP : GRID_STEP;
  if ((view_moving && same_size && cache_covers (cache, plot)) || (defer && same_picture))
    {
      cache->transformed = TRUE;
      cache->shown_xmin = plot->xmin;
      cache->shown_xmax = plot->xmax;
      cache->shown_ymin = plot->ymin;
      cache->shown_ymax = plot->ymax;
      if (!(view_moving && same_size && cache_covers (cache, plot)))
        {
          cache->stale = TRUE;
          cache->want_view = view;
          cache->want_scale = scale;
          cache->want_step = step;
        }
      return;
    }

  build_picture (surface, &view, w, h, scale, step, cache->heatmap, &cache->values, &cache->t,
                 &cache->n_alloc, &cache->gw, &cache->gh, &cache->lo, &cache->hi);
  cache_set_shown (cache, surface, &view, w, h, scale, step);
}

/**
 * mlr_gd_painter_cache_new_job:
 * The rebuild the last frame drawn with `defer_rebuild` left undone (it showed the cached
 * picture scaled to the view instead), or %NULL when it needs none. Run it on any thread
 * with mlr_gd_heat_job_run(), then install it with mlr_gd_painter_cache_take_job() on the
 * thread that draws, and draw again.
 */
MlrGdHeatJob *
mlr_gd_painter_cache_new_job (MlrGdPainterCache *cache)
{
  MlrGdHeatJob *job;

  if (!cache->stale)
    return NULL;
  cache->stale = FALSE;
  job = g_new0 (MlrGdHeatJob, 1);
  job->surface = cache->surface;
  job->view = cache->want_view;
  job->width = cache->width;
  job->height = cache->height;
  job->scale = cache->want_scale;
  job->grid_step = cache->want_step;
  job->heatmap = mlr_heatmap_new ();
  return job;
}

/**
 * mlr_gd_painter_cache_want_full:
 * When a moving view rests: asks for the full picture, at @scale, of the view the last frame
 * showed, so that mlr_gd_painter_cache_new_job() returns it with no frame drawn first (that
 * frame would show just what the last one did). Returns whether the picture shown is not
 * already that one.
 */
gboolean
mlr_gd_painter_cache_want_full (MlrGdPainterCache *cache,
                                double             scale)
{
  if (!cache->valid)
    return FALSE;
  scale = scale > 0 ? scale : 1;
  if (!cache->transformed && cache->grid_step == GRID_STEP && cache->scale == scale)
    return FALSE;
  cache->stale = TRUE;
  if (cache->transformed)
    cache->want_view = (MlrViewRect) { cache->shown_xmin, cache->shown_xmax, cache->shown_ymin,
                                       cache->shown_ymax };
  else
    cache->want_view = (MlrViewRect) { cache->xmin, cache->xmax, cache->ymin, cache->ymax };
  cache->want_scale = scale;
  cache->want_step = GRID_STEP;
  return TRUE;
}

/* Builds the picture: touches only @job, so any thread may run it. */
void
mlr_gd_heat_job_run (MlrGdHeatJob *job)
{
  gsize n_alloc = 0;

  build_picture (job->surface, &job->view, job->width, job->height, job->scale,
                 job->grid_step, job->heatmap, &job->values, &job->t, &n_alloc, &job->gw,
                 &job->gh, &job->lo, &job->hi);
}

/**
 * mlr_gd_painter_cache_take_job:
 * Installs the picture @job built (mlr_gd_heat_job_run()) when it is still of the surface
 * and size the cache shows; the next frame shows it (scaled, if the view moved on since).
 * Returns whether it was installed. @job stays the caller's to free.
 */
gboolean
mlr_gd_painter_cache_take_job (MlrGdPainterCache *cache,
                               MlrGdHeatJob      *job)
{
  MlrHeatmap *heatmap;
  double *values;
  float *t;

  if (job->heatmap == NULL || job->t == NULL || !cache->valid ||
      job->surface != cache->surface || job->width != cache->width ||
      job->height != cache->height)
    return FALSE;
  heatmap = cache->heatmap;
  values = cache->values;
  t = cache->t;
  cache->heatmap = job->heatmap;
  cache->values = job->values;
  cache->t = job->t;
  cache->n_alloc = (gsize) job->gw * job->gh;
  job->heatmap = heatmap;
  job->values = values;
  job->t = t;
  cache->gw = job->gw;
  cache->gh = job->gh;
  cache->lo = job->lo;
  cache->hi = job->hi;
  cache_set_shown (cache, job->surface, &job->view, job->width, job->height, job->scale,
                   job->grid_step);
  return TRUE;
}

void
mlr_gd_heat_job_free (MlrGdHeatJob *job)
{
  if (job == NULL)
    return;
  mlr_heatmap_free (job->heatmap);
  g_free (job->values);
  g_free (job->t);
  g_free (job);
}

void
mlr_gd_paint_heatmap (cairo_t           *cr,
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
  else if (cache->transformed)
    {
      /* The cached picture of [xmin, xmax] x [ymin, ymax], placed where that range falls
       * in the view now shown (y grows downwards from ymax). */
      double sx = (cache->xmax - cache->xmin) / (cache->shown_xmax - cache->shown_xmin);
      double sy = (cache->ymax - cache->ymin) / (cache->shown_ymax - cache->shown_ymin);

      cairo_translate (cr,
                       (cache->xmin - cache->shown_xmin) /
                         (cache->shown_xmax - cache->shown_xmin) * cache->width,
                       (cache->shown_ymax - cache->ymax) /
                         (cache->shown_ymax - cache->shown_ymin) * cache->height);
      cairo_scale (cr, sx, sy);
      mlr_heatmap_paint_scaled (cache->heatmap, cr, 0, 0);
    }
  else
    mlr_heatmap_paint (cache->heatmap, cr, 0, 0);
  cairo_restore (cr);
}

/* The colour bar: viridis from the lowest value in view (bottom) to the highest, with
 * ticks at round values of f placed by the same log mapping as the heatmap. */
void
mlr_gd_draw_colorbar (cairo_t                 *cr,
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
  /* Translators: under the colour bar: its scale is logarithmic */
  mlr_draw_text (cr, palette, &palette->dim, _("log"), x + w / 2, y + h + 3, 0.5, 0, 0.75);
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
