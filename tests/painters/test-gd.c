/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gradient-descent painter on cairo image surfaces, asserting what the picture means:
 * the bowl's minimum is in viridis's low colour and its rim in the high one; an optimizer's
 * path has that optimizer's colour; the 1-D tangent has the curve's slope; the loss chart
 * holds every racer; a diverged run is flagged in the error colour; the heatmap cache is
 * rebuilt only when the view changes; the lines and dots the painter rasterises itself are
 * the ones cairo would draw; the words it keeps laid out between frames are never stale.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-gd-painter.h"
#include "painters/mlr-gd-painter-private.h"

#define W 800
#define H 600

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  MlrPalette       palette;
  MlrGdState      *state;
  MlrGdLayout      layout;
} Picture;

static MlrGdState *
state_from (const char * const *assignments)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("gradient-descent"));
  g_autoptr(GError) error = NULL;
  MlrGdState *state;

  for (guint i = 0; assignments[i]; i++)
    {
      mlr_params_parse_assignment (params, assignments[i], &error);
      g_assert_no_error (error);
    }
  state = mlr_gd_state_new (params, &error);
  g_assert_no_error (error);
  return state;
}

static void
picture_paint (Picture *p,
               gboolean dark)
{
  p->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  p->cr = cairo_create (p->surface);
  mlr_palette_init_default (&p->palette, dark);
  mlr_cairo_set_color (p->cr, &p->palette.background);
  cairo_paint (p->cr);
  mlr_gd_painter_draw (p->cr, W, H, &p->palette, p->state, NULL, NULL);
  cairo_surface_flush (p->surface);
  /* MLR_TEST_DUMP=DIR keeps the pictures for a person to look at */
  if (g_getenv ("MLR_TEST_DUMP"))
    {
      g_autofree char *path = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
      g_autofree char *name = g_strdup_printf ("%s/%s.png", g_getenv ("MLR_TEST_DUMP"), path);
      cairo_surface_write_to_png (p->surface, name);
    }
  mlr_gd_painter_layout (W, H, &p->palette, p->state, &p->layout);
}

static void
picture_clear (Picture *p)
{
  cairo_destroy (p->cr);
  cairo_surface_destroy (p->surface);
  mlr_gd_state_free (p->state);
}

static void
pixel (Picture *p,
       double   x,
       double   y,
       int      rgb[3])
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guint8 *data = cairo_image_surface_get_data (p->surface);
  int stride = cairo_image_surface_get_stride (p->surface);
  guint32 v;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, W);
  g_assert_cmpint (iy, <, H);
  v = *(const guint32 *) (data + iy * stride + ix * 4);
  rgb[0] = (v >> 16) & 0xff;
  rgb[1] = (v >> 8) & 0xff;
  rgb[2] = v & 0xff;
}

static double
distance (const int rgb[3],
          const MlrColor *c)
{
  return sqrt (pow (rgb[0] - c->r * 255, 2) + pow (rgb[1] - c->g * 255, 2) +
               pow (rgb[2] - c->b * 255, 2));
}

/* The smallest colour distance to @c within @radius pixels of (x, y). */
static double
nearest (Picture        *p,
         double          x,
         double          y,
         int             radius,
         const MlrColor *c)
{
  double best = G_MAXDOUBLE;

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int rgb[3];
        pixel (p, x + dx, y + dy, rgb);
        best = MIN (best, distance (rgb, c));
      }
  return best;
}

static guint
count_near (Picture        *p,
            const MlrPlot  *area,
            const MlrColor *c,
            double          tolerance)
{
  guint n = 0;

  for (int y = (int) area->y0 + 1; y < area->y0 + area->h - 1; y++)
    for (int x = (int) area->x0 + 1; x < area->x0 + area->w - 1; x++)
      {
        int rgb[3];
        pixel (p, x, y, rgb);
        n += distance (rgb, c) < tolerance;
      }
  return n;
}

static void
test_bowl_minimum_is_dark (void)
{
  const char * const set[] = { "surface=bowl", "start=-4,2", NULL };
  Picture p = { .state = state_from (set) };
  MlrColor low, high;
  int rgb[3];
  const MlrPlot *m;

  /* step 0: only the start ring is on the map */
  picture_paint (&p, FALSE);
  m = &p.layout.main;
  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, 0, &low);
  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, 1, &high);

  /* beside the minimum (the star covers the minimum itself): f = 0.045 of up to ~60 */
  pixel (&p, mlr_plot_x (m, 0.3), mlr_plot_y (m, 0), rgb);
  g_assert_cmpfloat (distance (rgb, &low), <, 30);
  /* a far corner of the view: the highest values, viridis's yellow end */
  pixel (&p, m->x0 + 3, m->y0 + 3, rgb);
  g_assert_cmpfloat (distance (rgb, &high), <, 40);
  /* and the map darkens towards the minimum along the x axis */
  {
    double last = G_MAXDOUBLE;
    for (double x = 4.5; x >= 0.5; x -= 1)
      {
        MlrColor c;
        double lum;
        pixel (&p, mlr_plot_x (m, x), mlr_plot_y (m, 0.05), rgb);
        c = (MlrColor) { rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 1 };
        lum = mlr_color_luminance (&c);
        g_assert_cmpfloat (lum, <, last);
        last = lum;
      }
  }
  /* the heat scale itself: log(1 + f − lo), normalised */
  g_assert_cmpfloat (mlr_gd_heat_t (0, 0, 100), ==, 0);
  g_assert_cmpfloat (mlr_gd_heat_t (100, 0, 100), ==, 1);
  g_assert_cmpfloat_with_epsilon (mlr_gd_heat_t (9, 0, 99), 0.5, 1e-12);
  picture_clear (&p);
}

static void
test_path_has_series_color (void)
{
  const char * const set[] = { "surface=bowl", "optimizer=adam", "lr=0.5", "start=-4,2", NULL };
  Picture p = { .state = state_from (set) };
  const MlrPlot *m;
  MlrVec2 a, b;
  const MlrVec2 *path;
  guint n;

  mlr_gd_state_run_to (p.state, 1);
  picture_paint (&p, FALSE);
  m = &p.layout.main;
  path = mlr_descent_get_path (mlr_gd_state_get_run (p.state, 0), &n);
  g_assert_cmpuint (n, ==, 2);
  a = path[0];
  b = path[1];
  /* the middle of Adam's first step is Adam's colour (sky blue) */
  g_assert_cmpfloat (nearest (&p, mlr_plot_x (m, (a.x + b.x) / 2), mlr_plot_y (m, (a.y + b.y) / 2),
                              1, &p.palette.series[MLR_OPTIMIZER_ADAM]), <, 25);
  /* and GD's white is nowhere near it: GD is not racing */
  g_assert_cmpfloat (nearest (&p, mlr_plot_x (m, (a.x + b.x) / 2), mlr_plot_y (m, (a.y + b.y) / 2),
                              1, &p.palette.series[MLR_OPTIMIZER_GD]), >, 60);
  picture_clear (&p);
}

static void
test_tangent_slope (void)
{
  const char * const set[] = { "mode=1d", "function=parabola", "start=1.5", NULL };
  Picture p = { .state = state_from (set) };
  const MlrPlot *m;
  guint on_line = 0, off_line = 0, tried = 0;

  /* at step 0 the tangent touches f(x) = x² at x = 1.5 with slope 3 */
  picture_paint (&p, FALSE);
  m = &p.layout.main;
  for (double x = 0.9; x <= 2.1; x += 0.1)
    {
      if (fabs (x - 1.5) < 0.25)
        continue;  /* the start ring */
      tried++;
      if (nearest (&p, mlr_plot_x (m, x), mlr_plot_y (m, 2.25 + 3 * (x - 1.5)), 1,
                   &p.palette.accent) < 40)
        on_line++;
      /* a line of another slope through the same point is not drawn */
      if (nearest (&p, mlr_plot_x (m, x), mlr_plot_y (m, 2.25 + 1.5 * (x - 1.5)), 1,
                   &p.palette.accent) < 40)
        off_line++;
    }
  g_assert_cmpuint (tried, >=, 7);
  g_assert_cmpuint (on_line, ==, tried);
  g_assert_cmpuint (off_line, ==, 0);
  picture_clear (&p);
}

static void
test_one_d_steps_drawn (void)
{
  const char * const set[] = { "mode=1d", "function=parabola", "lr=0.1", "start=2.5", NULL };
  Picture p = { .state = state_from (set) };
  MlrColor gd;
  const MlrPlot *m;

  mlr_gd_state_run_to (p.state, 3);
  picture_paint (&p, FALSE);
  m = &p.layout.main;
  gd = mlr_gd_painter_run_color (&p.palette, MLR_GD_MODE_1D, MLR_OPTIMIZER_GD);
  /* on a light page GD is darkened so its dots read */
  g_assert_cmpfloat (mlr_color_luminance (&gd), <, 0.5);
  /* dots at x = 2.0, 1.6 and (the current one, under the tangent) 1.28 on the curve */
  for (double x = 2.0, k = 0; k < 3; k++, x *= 0.8)
    g_assert_cmpfloat (nearest (&p, mlr_plot_x (m, x), mlr_plot_y (m, x * x), k < 2 ? 1 : 3, &gd),
                       <, 25);
  picture_clear (&p);
}

static void
test_chart_and_divergence (void)
{
  const char * const set[] = { "surface=bowl", "optimizer=gd,momentum,adam", "lr=0.21", NULL };
  Picture p = { .state = state_from (set) };
  MlrColor error_color;

  mlr_gd_state_run_to (p.state, 200);
  picture_paint (&p, TRUE);
  g_assert_true (p.layout.chart.log_y);
  g_assert_cmpfloat (p.layout.chart.w, >, 100);
  /* all three racers have a line in the loss chart */
  for (guint i = 0; i < 3; i++)
    {
      MlrOptimizerKind kind = mlr_gd_state_get_run_kind (p.state, i);
      g_assert_cmpuint (count_near (&p, &p.layout.chart, &p.palette.series[kind], 30), >, 20);
    }
  /* "diverged at step K" is written in the error colour, inside the map (the legend) */
  error_color = p.palette.error;
  g_assert_cmpuint (count_near (&p, &p.layout.main, &error_color, 40), >, 30);
  /* the chart's background is the page background in dark mode too */
  {
    int rgb[3];
    pixel (&p, p.layout.chart.x0 + p.layout.chart.w - 3, p.layout.chart.y0 + 3, rgb);
    g_assert_cmpfloat (distance (rgb, &p.palette.background), <, 40);
  }
  picture_clear (&p);
}

static void
test_no_divergence_no_error_color (void)
{
  const char * const set[] = { "surface=bowl", "optimizer=gd,momentum,adam", "lr=0.18", NULL };
  Picture p = { .state = state_from (set) };

  mlr_gd_state_run_to (p.state, 200);
  picture_paint (&p, TRUE);
  g_assert_cmpuint (count_near (&p, &p.layout.main, &p.palette.error, 40), <, 5);
  picture_clear (&p);
}

static void
test_cache_rebuilds_only_on_view_change (void)
{
  const char * const set[] = { "surface=rosenbrock", "optimizer=gd,adam", NULL };
  g_autoptr(MlrGdState) state = state_from (set);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  MlrVec2 start = { 0.5, 2 };

  mlr_palette_init_default (&palette, FALSE);
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  /* dragging the start and animating keep the heatmap */
  mlr_gd_state_set_start (state, start);
  mlr_gd_state_run_to (state, 50);
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  /* zooming, resizing or another surface rebuild it */
  mlr_gd_state_zoom (state, 0.5, 0, 0);
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 2);
  mlr_gd_painter_draw (cr, W - 10, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 3);
  mlr_gd_state_set_surface (state, MLR_SURFACE_BEALE);
  mlr_gd_painter_draw (cr, W - 10, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 4);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Paints @state with a fresh cache, as a view that never moved. */
static void
paint_still (cairo_surface_t  *surface,
             const MlrPalette *palette,
             MlrGdState       *state)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  mlr_gd_painter_draw (cr, W, H, palette, state, NULL, NULL);
  cairo_destroy (cr);
}

/* Paints @state with @cache on a new context over a cleared @surface of @w x @h, as the
 * app paints a frame (GTK gives a new context each time), and asserts the picture is the
 * one a fresh cache gives: nothing kept from an earlier frame shows where it is stale. */
static void
assert_cached_frame_fresh (MlrGdPainterCache *cache,
                           const MlrPalette  *palette,
                           MlrGdState        *state,
                           int                w,
                           int                h)
{
  cairo_surface_t *shown = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_surface_t *fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (shown);
  cairo_t *fresh_cr = cairo_create (fresh);

  mlr_gd_painter_draw (cr, w, h, palette, state, NULL, cache);
  mlr_gd_painter_draw (fresh_cr, w, h, palette, state, NULL, NULL);
  cairo_surface_flush (shown);
  cairo_surface_flush (fresh);
  g_assert_cmpmem (cairo_image_surface_get_data (shown),
                   cairo_image_surface_get_stride (shown) * h,
                   cairo_image_surface_get_data (fresh),
                   cairo_image_surface_get_stride (fresh) * h);
  cairo_destroy (cr);
  cairo_destroy (fresh_cr);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (fresh);
}

static void
test_kept_text_follows_changes (void)
{
  /* The cache keeps the words' layouts between frames (tick numbers, legend, title): each
   * frame below changes what they say or how they look, and must show the new text, in
   * the new font, colour and place, exactly as a painter without a cache would. */
  const char * const set[] = { "surface=rosenbrock", "optimizer=gd,momentum,adam",
                               "lr=0.003", NULL };
  g_autoptr(MlrGdState) state = state_from (set);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  MlrVec2 start;
  MlrPalette palette;
  guint misses, size;

  mlr_palette_init_default (&palette, FALSE);
  mlr_gd_state_run_to (state, 300);
  assert_cached_frame_fresh (cache, &palette, state, W, H);
  misses = mlr_text_cache_get_misses (cache->text);
  g_assert_cmpuint (misses, >, 10);

  /* the same frame again: every word from the cache, none laid out anew */
  assert_cached_frame_fresh (cache, &palette, state, W, H);
  g_assert_cmpuint (mlr_text_cache_get_misses (cache->text), ==, misses);

  /* the axis range changes: new tick numbers */
  mlr_gd_state_zoom (state, 0.37, 0.4, 0.9);
  assert_cached_frame_fresh (cache, &palette, state, W, H);
  g_assert_cmpuint (mlr_text_cache_get_misses (cache->text), >, misses);

  /* the legend's losses and the step counter change */
  mlr_gd_state_run_to (state, 120);
  assert_cached_frame_fresh (cache, &palette, state, W, H);

  /* dark, then light again */
  mlr_palette_init_default (&palette, TRUE);
  assert_cached_frame_fresh (cache, &palette, state, W, H);
  mlr_palette_init_default (&palette, FALSE);
  assert_cached_frame_fresh (cache, &palette, state, W, H);

  /* a larger text size (the Lesson Text Size preference), another face */
  palette.font_size *= 1.25;
  assert_cached_frame_fresh (cache, &palette, state, W, H);
  g_strlcpy (palette.font_family, "Serif", sizeof palette.font_family);
  assert_cached_frame_fresh (cache, &palette, state, W, H);

  /* another canvas size: the legend and title are fitted to other widths */
  assert_cached_frame_fresh (cache, &palette, state, 520, 700);
  assert_cached_frame_fresh (cache, &palette, state, W, H);

  /* the app's frames: on a recording surface (GTK's drawing area), replayed */
  {
    cairo_rectangle_t extents = { 0, 0, W, H };
    cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                 &extents);
    cairo_surface_t *shown = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
    cairo_surface_t *fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
    cairo_t *cr = cairo_create (recording);

    misses = mlr_text_cache_get_misses (cache->text);
    mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
    cairo_destroy (cr);
    g_assert_cmpuint (mlr_text_cache_get_misses (cache->text), >, misses);
    cr = cairo_create (shown);
    cairo_set_source_surface (cr, recording, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    cr = cairo_create (fresh);
    mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, NULL);
    cairo_destroy (cr);
    cairo_surface_flush (shown);
    cairo_surface_flush (fresh);
    g_assert_cmpmem (cairo_image_surface_get_data (shown),
                     cairo_image_surface_get_stride (shown) * H,
                     cairo_image_surface_get_data (fresh),
                     cairo_image_surface_get_stride (fresh) * H);
    cairo_surface_destroy (recording);
    cairo_surface_destroy (shown);
    cairo_surface_destroy (fresh);
  }

  /* a drag of the start: new words every frame, and the cache holds about one frame's */
  mlr_palette_init_default (&palette, FALSE);
  start = mlr_gd_state_get_start (state);
  for (guint f = 0; f < 40; f++)
    {
      mlr_gd_state_set_start (state, (MlrVec2) { start.x + 0.01 * f, start.y - 0.005 * f });
      assert_cached_frame_fresh (cache, &palette, state, W, H);
    }
  size = mlr_text_cache_get_size (cache->text);
  g_assert_cmpuint (size, >, 10);
  g_assert_cmpuint (size, <, 150);
}

/* The mean absolute difference per channel of two same-sized images over the rectangle. */
static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b,
                 const MlrPlot   *r)
{
  const guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  double sum = 0;
  gsize n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = (int) r->y0; y < (int) (r->y0 + r->h); y++)
    for (int x = (int) r->x0; x < (int) (r->x0 + r->w); x++)
      for (int c = 0; c < 3; c++, n++)
        sum += abs ((int) da[y * stride + x * 4 + c] - (int) db[y * stride + x * 4 + c]);
  return sum / MAX (n, 1);
}

/* The mean absolute difference per channel between @moving's main plot (@now) and @before's
 * picture of the earlier view (@then), looked up at the same data point: what the moving
 * view shows should be the old picture, scaled and shifted. */
static double
difference_to_moved (cairo_surface_t *moving,
                     const MlrPlot   *now,
                     cairo_surface_t *before,
                     const MlrPlot   *then)
{
  const guint8 *dm = cairo_image_surface_get_data (moving);
  const guint8 *db = cairo_image_surface_get_data (before);
  int stride = cairo_image_surface_get_stride (moving);
  double sum = 0;
  gsize n = 0;

  cairo_surface_flush (moving);
  cairo_surface_flush (before);
  for (int y = (int) now->y0 + 1; y < (int) (now->y0 + now->h) - 1; y++)
    for (int x = (int) now->x0 + 1; x < (int) (now->x0 + now->w) - 1; x++)
      {
        double dx, dy;
        int bx, by;

        mlr_plot_to_data (now, x + 0.5, y + 0.5, &dx, &dy);
        bx = (int) floor (mlr_plot_x (then, dx));
        by = (int) floor (mlr_plot_y (then, dy));
        g_assert_true (bx >= then->x0 && bx < then->x0 + then->w);
        g_assert_true (by >= then->y0 && by < then->y0 + then->h);
        for (int c = 0; c < 3; c++, n++)
          sum += abs ((int) dm[y * stride + x * 4 + c] - (int) db[by * stride + bx * 4 + c]);
      }
  return sum / MAX (n, 1);
}

static void
test_moving_view_reuses_heatmap (void)
{
  /* During a zoom or pan the cached heatmap is shown scaled to the new view, or rebuilt on a
   * coarse grid where it does not cover it: close to the full picture. When the view
   * rests, the picture is rebuilt, the same pixels as one never moved. */
  const char * const set[] = { "surface=rosenbrock", "optimizer=gd,adam", NULL };
  g_autoptr(MlrGdState) state = state_from (set);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  cairo_surface_t *moving = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_surface_t *still = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (moving);
  MlrGdPainterOptions options = { FALSE, FALSE, 1, TRUE };
  MlrPalette palette;
  MlrGdLayout layout, first;

  mlr_palette_init_default (&palette, FALSE);
  mlr_gd_state_run_to (state, 100);
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  paint_still (still, &palette, state);
  mlr_gd_painter_layout (W, H, &palette, state, &first);

  /* zoom in off centre: no rebuild; the first picture scaled to the new view (its colour
   * scale kept until the view rests) */
  mlr_gd_state_zoom (state, 0.7, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &options, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  mlr_gd_painter_layout (W, H, &palette, state, &layout);
  g_assert_cmpfloat (difference_to_moved (moving, &layout.main, still, &first.main), <, 8);

  /* zoom out past the picture: a coarse rebuild, close to the full one; then a zoom back
   * in reuses it */
  mlr_gd_state_zoom (state, 2, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &options, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 2);
  mlr_gd_painter_layout (W, H, &palette, state, &layout);
  paint_still (still, &palette, state);
  g_assert_cmpfloat (mean_difference (moving, still, &layout.main), <, 2);
  mlr_gd_state_zoom (state, 0.9, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &options, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 2);

  /* the view rests: rebuilt in full, pixel for pixel the picture of a fresh cache */
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 3);
  paint_still (still, &palette, state);
  g_assert_cmpfloat (mean_difference (moving, still, &layout.main), ==, 0);
  cairo_surface_flush (moving);
  g_assert_cmpmem (cairo_image_surface_get_data (moving),
                   cairo_image_surface_get_stride (moving) * H,
                   cairo_image_surface_get_data (still),
                   cairo_image_surface_get_stride (still) * H);
  /* and a second still frame keeps it */
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 3);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (moving);
  cairo_surface_destroy (still);
}

static void
test_deferred_rebuild_same_pixels (void)
{
  /* With defer_rebuild (the app) a frame never rebuilds the picture of a moved view: it
   * shows the cached one scaled and leaves a job; the job, run elsewhere and installed,
   * gives pixel for pixel the picture a synchronous rebuild gives. */
  const char * const set[] = { "surface=rosenbrock", "optimizer=gd,adam", NULL };
  g_autoptr(MlrGdState) state = state_from (set);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  cairo_surface_t *shown = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_surface_t *still = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (shown);
  MlrGdPainterOptions moving = { FALSE, FALSE, 1, TRUE, TRUE };
  MlrGdPainterOptions rest = { FALSE, FALSE, 1, FALSE, TRUE };
  MlrGdHeatJob *job;
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  mlr_gd_state_run_to (state, 100);
  mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  g_assert_null (mlr_gd_painter_cache_new_job (cache));

  /* zoom out past the picture while moving: no build here, a coarse job wanted */
  mlr_gd_state_zoom (state, 2, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &moving, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  job = mlr_gd_painter_cache_new_job (cache);
  g_assert_nonnull (job);
  g_assert_null (mlr_gd_painter_cache_new_job (cache));  /* one job per request */
  mlr_gd_heat_job_run (job);
  g_assert_true (mlr_gd_painter_cache_take_job (cache, job));
  mlr_gd_heat_job_free (job);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 2);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &moving, cache);
  g_assert_null (mlr_gd_painter_cache_new_job (cache));  /* it covers the view */

  /* the view rests: still no build in the frame, a full job; installed, the same pixels */
  mlr_gd_state_zoom (state, 0.9, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &rest, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 2);
  job = mlr_gd_painter_cache_new_job (cache);
  g_assert_nonnull (job);
  mlr_gd_heat_job_run (job);
  g_assert_true (mlr_gd_painter_cache_take_job (cache, job));
  mlr_gd_heat_job_free (job);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &rest, cache);
  g_assert_null (mlr_gd_painter_cache_new_job (cache));
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 3);
  paint_still (still, &palette, state);
  cairo_surface_flush (shown);
  g_assert_cmpmem (cairo_image_surface_get_data (shown),
                   cairo_image_surface_get_stride (shown) * H,
                   cairo_image_surface_get_data (still),
                   cairo_image_surface_get_stride (still) * H);

  g_assert_false (mlr_gd_painter_cache_want_full (cache, 1));  /* it is the full one */

  /* a zoom, then the view rests: the full job is asked for with no frame drawn at rest */
  mlr_gd_state_zoom (state, 0.8, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &moving, cache);
  g_assert_null (mlr_gd_painter_cache_new_job (cache));  /* covered: scaled, no job */
  g_assert_true (mlr_gd_painter_cache_want_full (cache, 1));
  job = mlr_gd_painter_cache_new_job (cache);
  g_assert_nonnull (job);
  mlr_gd_heat_job_run (job);
  g_assert_true (mlr_gd_painter_cache_take_job (cache, job));
  mlr_gd_heat_job_free (job);
  g_assert_false (mlr_gd_painter_cache_want_full (cache, 1));
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &rest, cache);
  g_assert_null (mlr_gd_painter_cache_new_job (cache));
  paint_still (still, &palette, state);
  cairo_surface_flush (shown);
  g_assert_cmpmem (cairo_image_surface_get_data (shown),
                   cairo_image_surface_get_stride (shown) * H,
                   cairo_image_surface_get_data (still),
                   cairo_image_surface_get_stride (still) * H);

  /* a job for another surface is dropped */
  mlr_gd_state_zoom (state, 0.5, 0.6, 1.3);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &rest, cache);
  job = mlr_gd_painter_cache_new_job (cache);
  g_assert_nonnull (job);
  {
    const char * const other[] = { "surface=bowl", NULL };
    g_autoptr(MlrGdState) bowl = state_from (other);
    mlr_gd_painter_draw (cr, W, H, &palette, bowl, &rest, cache);
  }
  mlr_gd_heat_job_run (job);
  g_assert_false (mlr_gd_painter_cache_take_job (cache, job));
  mlr_gd_heat_job_free (job);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (shown);
  cairo_surface_destroy (still);
}

static void
test_hidpi_heatmap (void)
{
  /* At scale 2 the heatmap is built at twice the resolution and drawn at half size: the
   * same picture, on a surface with twice the pixels. */
  const char * const set[] = { "surface=bowl", "start=-4,2", NULL };
  g_autoptr(MlrGdState) state = state_from (set);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * W, 2 * H);
  cairo_t *cr = cairo_create (surface);
  MlrGdPainterOptions options = { FALSE, FALSE, 2 };
  MlrPalette palette;
  MlrGdLayout layout;
  MlrColor low;
  const guint8 *data;
  guint32 v;
  int x, y;

  mlr_palette_init_default (&palette, FALSE);
  cairo_scale (cr, 2, 2);
  mlr_gd_painter_draw (cr, W, H, &palette, state, &options, cache);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  cairo_surface_flush (surface);
  mlr_gd_painter_layout (W, H, &palette, state, &layout);
  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, 0, &low);
  x = (int) (2 * mlr_plot_x (&layout.main, 0.3));
  y = (int) (2 * mlr_plot_y (&layout.main, 0));
  data = cairo_image_surface_get_data (surface);
  v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  g_assert_cmpint (abs ((int) ((v >> 16) & 0xff) - (int) (low.r * 255)), <, 30);
  g_assert_cmpint (abs ((int) ((v >> 8) & 0xff) - (int) (low.g * 255)), <, 30);
  /* the same scale again: no rebuild */
  mlr_gd_painter_draw (cr, W, H, &palette, state, &options, cache);
  g_assert_cmpuint (mlr_gd_painter_cache_get_builds (cache), ==, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_every_surface_and_curve_paints (void)
{
  /* Each objective at odd sizes, zoomed far in and out, with every optimizer: nothing
   * non-finite reaches cairo (it would leave the context in an error state). */
  for (guint mode = 0; mode < 2; mode++)
    for (guint i = 0; i < (mode ? MLR_N_CURVES : MLR_N_SURFACES); i++)
      for (int zoom = 0; zoom < 3; zoom++)
        {
          g_autofree char *obj = g_strdup_printf ("%s=%s", mode ? "function" : "surface",
                                                  mode ? mlr_curve_names ()[i]
                                                       : mlr_surface_names ()[i]);
          const char * const set[] = { mode ? "mode=1d" : "mode=2d", obj,
                                       "optimizer=gd,momentum,nesterov,rmsprop,adam,adagrad",
                                       "lr=2", NULL };
          g_autoptr(MlrGdState) state = state_from (set);
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 333, 277);
          cairo_t *cr = cairo_create (surface);
          MlrPalette palette;
          const MlrViewRect *v = mlr_gd_state_get_view (state);

          mlr_palette_init_default (&palette, zoom == 1);
          if (zoom == 1)
            for (int k = 0; k < 20; k++)
              mlr_gd_state_zoom (state, 0.3, v->x_min, v->y_min);
          else if (zoom == 2)
            for (int k = 0; k < 20; k++)
              mlr_gd_state_zoom (state, 3, 0, 0);
          mlr_gd_state_run_to (state, 200);
          mlr_gd_painter_draw (cr, 333, 277, &palette, state, NULL, NULL);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
}

static void
test_render_func (void)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("gradient-descent"));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  g_assert_true (mlr_gd_render (cr, 64, 64, &palette, params, &error));
  g_assert_no_error (error);
  /* parameters that pass their own checks but not together: an error, no picture */
  g_assert_true (mlr_params_set (params, "start", "1", NULL));
  g_assert_false (mlr_gd_render (cr, 64, 64, &palette, params, &error));
  g_assert_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}


/* Paints, on a light grey page at @scale, a polyline that crosses itself, a zigzag up and
 * down 1 px columns (a loss line), a row of dots overlapping one another and a single
 * larger dot: with cairo (@raster FALSE) or with mlr_gd_lines_*(). */
static cairo_surface_t *
paint_lines (gboolean raster,
             double   scale)
{
  int side = (int) (160 * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_t *cr = cairo_create (surface);
  const MlrColor orange = { 0.9, 0.6, 0.0, 1 }, pink = { 0.8, 0.45, 0.6, 1 };
  const MlrColor blue = { 0.34, 0.7, 0.91, 1 };
  MlrGdRect all = { -20, -20, 180, 180 };
  double sx[7] = { 20, 140, 30, 120, 80, 25, 135 }, sy[7] = { 20, 60, 110, 15, 140, 70, 95 };
  double zx[120], zy[120], dx[12], dy[12];
  guint dots[12];
  g_autoptr(MlrGdLines) lines = mlr_gd_lines_new ();

  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  cairo_paint (cr);
  for (guint k = 0; k < 120; k++)
    {
      zx[k] = 20 + (k / 2) * 1.0;                        /* two values a column */
      zy[k] = 120 + (k % 2 ? 10 : -10) * (1 - k / 150.0) + (k % 7) * 0.3;
    }
  for (guint k = 0; k < 12; k++)
    {
      dx[k] = 30 + k * 6.1 + (k == 7 ? -9 : 0);         /* one lands on another */
      dy[k] = 40 + (k % 3) * 1.7;
      dots[k] = k;
    }
  if (raster)
    {
      g_assert_true (mlr_gd_lines_begin (lines, cr, (MlrGdRect) { 0, 0, 160, 160 }, scale));
      mlr_gd_lines_add (lines, sx, sy, 7, &orange, 2);
      mlr_gd_lines_add (lines, zx, zy, 120, &pink, 1.8);
      mlr_gd_lines_add_discs (lines, dx, dy, dots, 12, 2.4, 1.2, &blue);
      mlr_gd_lines_add_discs (lines, sx, sy, (guint[]) { 6 }, 1, 5.5, 1.3, &orange);
      mlr_gd_lines_end (lines, cr);
    }
  else
    {
      const MlrColor casing = { 0, 0, 0, 0.55 };

      mlr_gd_stroke_polyline_cased (cr, sx, sy, 7, all, &orange, 2);
      mlr_gd_stroke_polyline_cased (cr, zx, zy, 120, all, &pink, 1.8);
      for (int pass = 0; pass < 2; pass++)
        {
          for (guint k = 0; k < 12; k++)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, dx[k], dy[k], pass == 0 ? 3.6 : 2.4, 0, 2 * G_PI);
            }
          mlr_cairo_set_color (cr, pass == 0 ? &casing : &blue);
          cairo_fill (cr);
        }
      cairo_arc (cr, sx[6], sy[6], 6.8, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &casing);
      cairo_fill (cr);
      cairo_arc (cr, sx[6], sy[6], 5.5, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &orange);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The painter's own raster of cased lines and dots (mlr-gd-painter-lines.c) against cairo's
 * strokes and fills of the same shapes: the same pixels up to antialiasing, at scale 1 and
 * 2, and as much ink; a line 0.5 px too wide or too narrow would fail both. */
static void
test_raster_lines_match_cairo (void)
{
  for (double scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *a = paint_lines (FALSE, scale), *b = paint_lines (TRUE, scale);
      const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
      int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
      int stride = cairo_image_surface_get_stride (a);
      double sum = 0, ink_a = 0, ink_b = 0;
      guint big = 0, inked = 0, worst = 0;

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w * 4; x++)
          {
            int va = pa[y * stride + x], vb = pb[y * stride + x];
            guint d = (guint) abs (va - vb);

            if (x % 4 == 3)
              continue;  /* alpha: opaque in both */
            sum += d;
            big += d > 64;
            worst = MAX (worst, d);
            ink_a += 242 - MIN (va, 242);
            ink_b += 242 - MIN (vb, 242);
            inked += va < 230 || vb < 230;
          }
      g_test_message ("scale %g: mean |difference| %.3f over %u inked channels, %u over 64, "
                      "worst %u, ink %.0f / %.0f", scale, sum / inked, inked, big, worst,
                      ink_a, ink_b);
      g_assert_cmpuint (inked, >, 3000 * scale * scale);
      g_assert_cmpfloat (sum / inked, <, 6);
      g_assert_cmpfloat ((double) big / inked, <, 0.01);
      g_assert_cmpfloat (fabs (ink_b - ink_a) / ink_a, <, 0.02);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}


/* Paints @state into a W x H image surface: directly, or (@replay) recorded on a recording
 * surface first, as GTK's cairo nodes do, and replayed after @cache has drawn @later too. */
static cairo_surface_t *
paint_frame (MlrGdState        *state,
             MlrGdState        *later,
             MlrGdPainterCache *cache,
             gboolean           replay)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (image);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  mlr_cairo_set_color (cr, &palette.background);
  cairo_paint (cr);
  if (replay)
    {
      cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *rcr = cairo_create (rec);
      cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                 NULL);
      cairo_t *scr = cairo_create (scratch);

      mlr_gd_painter_draw (rcr, W, H, &palette, state, NULL, cache);
      cairo_destroy (rcr);
      /* the next frame reuses the cache's buffers before the first is shown */
      mlr_gd_painter_draw (scr, W, H, &palette, later, NULL, cache);
      cairo_destroy (scr);
      cairo_surface_destroy (scratch);
      cairo_set_source_surface (cr, rec, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (rec);
    }
  else
    mlr_gd_painter_draw (cr, W, H, &palette, state, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* In the app the painter draws into GTK's recording surface, which is replayed later, after
 * the painter's cache has cleared and reused the image its lines were drawn into: the
 * replay must show the lines as they were drawn. */
static void
test_recording_keeps_lines (void)
{
  const char * const six[] = { "surface=himmelblau",
                               "optimizer=gd,momentum,nesterov,rmsprop,adam,adagrad",
                               "lr=0.01", "steps=400", NULL };
  const char * const other[] = { "surface=bowl", "optimizer=adam", "steps=50", NULL };
  g_autoptr(MlrGdState) state = state_from (six);
  g_autoptr(MlrGdState) later = state_from (other);
  g_autoptr(MlrGdPainterCache) cache = mlr_gd_painter_cache_new ();
  cairo_surface_t *direct, *replayed;
  const guint8 *a, *b;
  int stride;
  guint differ = 0;

  mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
  mlr_gd_state_run_to (later, mlr_gd_state_get_max_steps (later));
  direct = paint_frame (state, NULL, NULL, FALSE);
  replayed = paint_frame (state, later, cache, TRUE);
  a = cairo_image_surface_get_data (direct);
  b = cairo_image_surface_get_data (replayed);
  stride = cairo_image_surface_get_stride (direct);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W * 4; x++)
      differ += abs (a[y * stride + x] - b[y * stride + x]) > 2;
  g_assert_cmpuint (differ, ==, 0);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (replayed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/painters/gd/bowl-minimum-is-dark", test_bowl_minimum_is_dark);
  g_test_add_func ("/painters/gd/path-has-series-color", test_path_has_series_color);
  g_test_add_func ("/painters/gd/tangent-slope", test_tangent_slope);
  g_test_add_func ("/painters/gd/one-d-steps-drawn", test_one_d_steps_drawn);
  g_test_add_func ("/painters/gd/chart-and-divergence", test_chart_and_divergence);
  g_test_add_func ("/painters/gd/no-divergence-no-error-color", test_no_divergence_no_error_color);
  g_test_add_func ("/painters/gd/cache-rebuilds-only-on-view-change",
                   test_cache_rebuilds_only_on_view_change);
  g_test_add_func ("/painters/gd/moving-view-reuses-heatmap", test_moving_view_reuses_heatmap);
  g_test_add_func ("/painters/gd/deferred-rebuild-same-pixels",
                   test_deferred_rebuild_same_pixels);
  g_test_add_func ("/painters/gd/hidpi-heatmap", test_hidpi_heatmap);
  g_test_add_func ("/painters/gd/every-objective-paints", test_every_surface_and_curve_paints);
  g_test_add_func ("/painters/gd/render-func", test_render_func);
  g_test_add_func ("/painters/gd/raster-lines-match-cairo", test_raster_lines_match_cairo);
  g_test_add_func ("/painters/gd/recording-keeps-lines", test_recording_keeps_lines);
  g_test_add_func ("/painters/gd/kept-text-follows-changes", test_kept_text_follows_changes);
  return g_test_run ();
}
