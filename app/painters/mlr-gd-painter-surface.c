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

/* Rebuilds the heatmap when the surface, the visible range, the size or the scale changed.
 * While the view moves (@view_moving: a zoom or pan in progress), a picture that covers the
 * new view is shown scaled and shifted to it instead (mlr_gd_paint_heatmap()), as map
 * viewers do, and one that does not is rebuilt on a grid twice as coarse; the first update
 * without @view_moving rebuilds it in full, the same picture as if it had never moved. */
void
mlr_gd_cache_update (MlrGdPainterCache *cache,
                     MlrSurfaceId       surface,
                     const MlrPlot     *plot,
                     double             scale,
                     gboolean           view_moving)
{
  int w = (int) round (plot->w), h = (int) round (plot->h);
  MlrViewRect view = { plot->xmin, plot->xmax, plot->ymin, plot->ymax };
  /* any picture of this size will do in motion, whatever its scale or grid */
  gboolean same_size = cache->valid && cache->surface == surface && cache->width == w &&
                       cache->height == h &&
                       (view_moving || (cache->scale == scale && cache->grid_step == GRID_STEP));
  int iw, ih;
  guint step, gw, gh;
  double lo, hi;
  gsize n;

  if (same_size && cache->xmin == plot->xmin && cache->xmax == plot->xmax &&
      cache->ymin == plot->ymin && cache->ymax == plot->ymax)
    {
      cache->transformed = FALSE;
      return;
    }
  if (view_moving && same_size && cache_covers (cache, plot))
    {
      cache->transformed = TRUE;
      cache->shown_xmin = plot->xmin;
      cache->shown_xmax = plot->xmax;
      cache->shown_ymin = plot->ymin;
      cache->shown_ymax = plot->ymax;
      return;
    }

  /* in motion: a grid twice as coarse, at 1x */
  if (view_moving)
    scale = 1;
  step = view_moving ? 2 * GRID_STEP : GRID_STEP;
  iw = (int) ceil (w * scale);
  ih = (int) ceil (h * scale);
  gw = MAX ((guint) ceil ((double) iw / step), 2);
  gh = MAX ((guint) ceil ((double) ih / step), 2);
  n = (gsize) gw * gh;

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
  cache->transformed = FALSE;
  cache->grid_step = step;
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
      mlr_heatmap_paint (cache->heatmap, cr, 0, 0);
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
