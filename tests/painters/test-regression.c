/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "regression" demo's state and picture: edits refit at once and keep the other points;
 * degree and alpha keep edits while the data's keys draw new points; the limits; a picture
 * whose training points are filled discs and test points hollow squares in their colours,
 * whose fit passes where the fit says; caches that are reused while a drag leaves what they
 * hold unchanged; and no NaN at the edges.
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-demo-registry.h"
#include "painters/mlr-regression-painter.h"

#define W 1280
#define H 800

static MlrRegressionState *
state_for (const char *first,
           ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("regression"));
  const char *assignment = first;
  va_list args;

  va_start (args, first);
  for (; assignment != NULL; assignment = va_arg (args, const char *))
    g_assert_true (mlr_params_parse_assignment (params, assignment, NULL));
  va_end (args);
  return mlr_regression_state_new (params, NULL);
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + (int) y * cairo_image_surface_get_stride (surface) +
                             (int) x * 4);
}

/* The pixel is @c within 2/255 per channel (opaque surfaces). */
static gboolean
pixel_is (cairo_surface_t *surface,
          double           x,
          double           y,
          const MlrColor  *c)
{
  guint32 px = pixel (surface, x, y);

  return abs ((int) ((px >> 16) & 0xff) - (int) round (c->r * 255)) <= 2 &&
         abs ((int) ((px >> 8) & 0xff) - (int) round (c->g * 255)) <= 2 &&
         abs ((int) (px & 0xff) - (int) round (c->b * 255)) <= 2;
}

static cairo_surface_t *
paint (const MlrRegressionState  *state,
       const MlrPalette          *palette,
       MlrRegressionPainterCache *cache)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);
  mlr_regression_painter_draw (cr, W, H, palette, state, NULL, cache);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_edits (void)
{
  g_autoptr(MlrRegressionState) s = state_for ("degree=3", NULL);
  guint n = mlr_regression_state_get_n_points (s);
  guint n_train = mlr_regression_state_get_n_train (s), n_test = mlr_regression_state_get_n_test (s);
  double before, after, cx, cy;
  int i;

  g_assert_cmpuint (n, ==, 40);
  g_assert_cmpuint (n_train + n_test, ==, 40);
  g_assert_cmpuint (n_test, ==, 20);
  g_assert_false (mlr_regression_state_is_edited (s));
  g_assert_true (mlr_regression_state_get_train_rmse (s, &before));

  /* a far outlier in the training set: the training error grows */
  i = mlr_regression_state_add_point (s, 0.5, 100, FALSE);
  g_assert_cmpint (i, ==, 40);
  /* clamped to the view */
  {
    double x0, x1, y0, y1;
    mlr_regression_state_get_view (s, &x0, &x1, &y0, &y1);
    g_assert_cmpfloat (mlr_regression_state_get_point (s, i)->y, ==, y1);
  }
  g_assert_true (mlr_regression_state_is_edited (s));
  g_assert_cmpuint (mlr_regression_state_get_n_train (s), ==, n_train + 1);
  g_assert_true (mlr_regression_state_get_train_rmse (s, &after));
  g_assert_cmpfloat (after, >, before);

  /* moved into the test set: training error back to what it was */
  mlr_regression_state_set_test (s, (guint) i, TRUE);
  g_assert_cmpuint (mlr_regression_state_get_n_test (s), ==, n_test + 1);
  g_assert_true (mlr_regression_state_get_train_rmse (s, &after));
  g_assert_cmpfloat (after, ==, before);

  /* found where it is, removed, and the selection follows */
  mlr_regression_state_set_selected (s, i);
  {
    const MlrRegressionPoint *p = mlr_regression_state_get_point (s, (guint) i);
    g_assert_cmpint (mlr_regression_state_find_point (s, p->x + 0.001, p->y, 0.01, 0.05), ==, i);
    g_assert_cmpint (mlr_regression_state_find_point (s, p->x + 0.1, p->y, 0.01, 0.05), !=, i);
  }
  g_assert_true (mlr_regression_state_remove_point (s, (guint) i));
  g_assert_cmpint (mlr_regression_state_get_selected (s), ==, -1);
  g_assert_false (mlr_regression_state_remove_point (s, 1000));

  /* the cursor stays in the plane */
  mlr_regression_state_set_cursor (s, -5, NAN);
  mlr_regression_state_get_cursor (s, &cx, &cy);
  g_assert_cmpfloat (cx, ==, 0);
  g_assert_true (isfinite (cy));

  /* back to the points as drawn */
  mlr_regression_state_move_point (s, 0, 0.5, 0.5);
  mlr_regression_state_restore (s);
  g_assert_false (mlr_regression_state_is_edited (s));
  g_assert_true (mlr_regression_state_get_train_rmse (s, &after));
  g_assert_cmpfloat (after, ==, before);
}

/* The model's keys refit the points as they are; the data's keys draw them again. */
static void
test_apply_param (void)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("regression"));
  g_autoptr(MlrRegressionState) s = mlr_regression_state_new (params, NULL);

  mlr_regression_state_add_point (s, 0.3, 0.3, FALSE);
  g_assert_true (mlr_params_set (params, "degree", "7", NULL));
  g_assert_true (mlr_regression_state_apply_param (s, params, "degree", NULL));
  g_assert_cmpuint (mlr_regression_state_get_n_points (s), ==, 41);
  g_assert_cmpuint (mlr_regression_state_get_degree (s), ==, 7);
  g_assert_true (mlr_params_set (params, "alpha", "0.01", NULL));
  g_assert_true (mlr_regression_state_apply_param (s, params, "alpha", NULL));
  g_assert_cmpuint (mlr_regression_state_get_n_points (s), ==, 41);
  g_assert_true (mlr_params_set (params, "noise", "0.5", NULL));
  g_assert_true (mlr_regression_state_apply_param (s, params, "noise", NULL));
  g_assert_cmpuint (mlr_regression_state_get_n_points (s), ==, 40);
  g_assert_false (mlr_regression_state_is_edited (s));

  /* given points: n and the test share do not apply */
  g_assert_true (mlr_regression_state_param_relevant (s, "n"));
  g_assert_true (mlr_params_set (params, "points", "0.1,1,0.5,0,0.9,1", NULL));
  g_assert_true (mlr_regression_state_apply_param (s, params, "points", NULL));
  g_assert_cmpuint (mlr_regression_state_get_n_points (s), ==, 3);
  g_assert_true (mlr_regression_state_is_given (s));
  g_assert_false (mlr_regression_state_param_relevant (s, "n"));
  g_assert_false (mlr_regression_state_param_relevant (s, "test_share"));
  /* refused points leave the state as it was */
  g_assert_true (mlr_params_set (params, "points", "0.1,1,0.5", NULL));
  g_assert_false (mlr_regression_state_apply_param (s, params, "points", NULL));
  g_assert_cmpuint (mlr_regression_state_get_n_points (s), ==, 3);
}

/* No fit, no test points, 500 points: statuses and limits, never NaN. */
static void
test_limits (void)
{
  g_autoptr(MlrRegressionState) s = state_for ("points=0.5,1,0.5,2", "degree=2", NULL);
  g_autoptr(MlrRegressionState) big = state_for ("n=500", NULL);
  double v, b, var, noise;

  g_assert_cmpint (mlr_regression_state_get_status (s), ==, MLR_REGRESSION_FIT_TOO_FEW);
  g_assert_null (mlr_regression_state_get_fit (s));
  g_assert_false (mlr_regression_state_get_train_rmse (s, &v));
  g_assert_false (mlr_regression_state_get_bias_variance (s, &b, &var, &noise));
  g_assert_cmpfloat (noise, ==, 0.09);
  g_assert_cmpuint (mlr_regression_state_get_n_resamples (s), ==, 0);
  /* one distinct x: of the error curve only degree 0 can be fitted */
  g_assert_true (mlr_regression_state_get_curve (s, 0, &v, &b));
  g_assert_false (mlr_regression_state_get_curve (s, 1, &v, &b));
  g_assert_cmpint (mlr_regression_state_get_best_degree (s), ==, -1);

  /* moving every point to the test set: no training points */
  mlr_regression_state_set_test (s, 0, TRUE);
  mlr_regression_state_set_test (s, 1, TRUE);
  g_assert_cmpint (mlr_regression_state_get_status (s), ==, MLR_REGRESSION_FIT_NO_TRAIN);

  g_assert_cmpuint (mlr_regression_state_get_n_points (big), ==, MLR_REGRESSION_MAX_POINTS);
  g_assert_cmpint (mlr_regression_state_add_point (big, 0.5, 0, FALSE), ==, -1);
}

/* Markers and the fit where the state puts them, in their colours and shapes. */
static void
test_picture (void)
{
  g_autoptr(MlrRegressionState) s = state_for ("points=0.2,0.9,0.8,-0.9,0.5,0",
                                               "test_points=0.35,0.6", "degree=1",
                                               "noise=0", NULL);
  g_autoptr(MlrRegressionPainterCache) cache = mlr_regression_painter_cache_new ();
  MlrPalette palette;
  MlrRegressionLayout L;
  cairo_surface_t *surface;
  MlrColor train, test, fit;
  const MlrPolyFit *f = mlr_regression_state_get_fit (s);

  mlr_palette_init_default (&palette, FALSE);
  train = mlr_regression_train_color (&palette);
  test = mlr_regression_test_color (&palette);
  fit = mlr_regression_fit_color (&palette);
  surface = paint (s, &palette, cache);
  mlr_regression_painter_layout (W, H, &palette, s, &L);

  /* the first training point: filled with the training colour at its centre */
  g_assert_true (pixel_is (surface, mlr_plot_x (&L.plot, 0.2), mlr_plot_y (&L.plot, 0.9),
                           &train));
  /* the test point: hollow (not the test colour at its centre), its outline in it */
  {
    double px = mlr_plot_x (&L.plot, 0.35), py = mlr_plot_y (&L.plot, 0.6);
    g_assert_false (pixel_is (surface, px, py, &test));
    g_assert_true (pixel_is (surface, px + 4.2, py, &test) ||
                   pixel_is (surface, px + 4.2 + 0.5, py, &test) ||
                   pixel_is (surface, px + 3.7, py, &test));
  }
  /* the fit passes through (0.65, f̂(0.65)), away from the points */
  {
    double y = mlr_poly_fit_predict (f, 0.65);
    g_assert_true (pixel_is (surface, mlr_plot_x (&L.plot, 0.65), mlr_plot_y (&L.plot, y), &fit));
    g_assert_false (pixel_is (surface, mlr_plot_x (&L.plot, 0.65),
                              mlr_plot_y (&L.plot, y) - 20, &fit));
  }
  /* pointer mapping round trip */
  {
    double x, y;
    mlr_plot_to_data (&L.plot, mlr_plot_x (&L.plot, 0.42), mlr_plot_y (&L.plot, -0.3), &x, &y);
    g_assert_cmpfloat (fabs (x - 0.42), <, 1e-12);
    g_assert_cmpfloat (fabs (y + 0.3), <, 1e-12);
  }
  cairo_surface_destroy (surface);

  /* the legend leaves the plane on a lesson's narrow column (480 px), on a line of its own
   * that pushes the plane down; wide canvases keep it beside the scores */
  {
    MlrRegressionLayout narrow, wide;

    mlr_regression_painter_layout (480, 560, &palette, s, &narrow);
    g_assert_false (narrow.legend_in_header);
    g_assert_true (narrow.legend_row);
    g_assert_cmpfloat (narrow.plot.y0, >=, narrow.header_h);
    mlr_regression_painter_layout (1200, 560, &palette, s, &wide);
    g_assert_true (wide.legend_in_header);
    g_assert_cmpfloat (wide.header_h, <, narrow.header_h);
  }
}

/* The resampled fits are rasterized again only when they change: not for a repaint, not
 * when a training point moves straight up; yes when one moves sideways or alpha changes. */
static void
test_caches (void)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("regression"));
  g_autoptr(MlrRegressionState) s = mlr_regression_state_new (params, NULL);
  g_autoptr(MlrRegressionPainterCache) cache = mlr_regression_painter_cache_new ();
  MlrPalette palette;
  guint i = 0, builds;

  mlr_palette_init_default (&palette, FALSE);
  while (mlr_regression_state_get_point (s, i)->test)
    i++;
  cairo_surface_destroy (paint (s, &palette, cache));
  builds = mlr_regression_painter_cache_get_builds (cache);
  g_assert_cmpuint (builds, ==, 1);
  cairo_surface_destroy (paint (s, &palette, cache));
  g_assert_cmpuint (mlr_regression_painter_cache_get_builds (cache), ==, builds);
  mlr_regression_state_move_point (s, i, mlr_regression_state_get_point (s, i)->x, 0.9);
  cairo_surface_destroy (paint (s, &palette, cache));
  g_assert_cmpuint (mlr_regression_painter_cache_get_builds (cache), ==, builds);
  mlr_regression_state_move_point (s, i, 0.123, 0.9);
  cairo_surface_destroy (paint (s, &palette, cache));
  g_assert_cmpuint (mlr_regression_painter_cache_get_builds (cache), ==, builds + 1);
  g_assert_true (mlr_params_set (params, "alpha", "1", NULL));
  g_assert_true (mlr_regression_state_apply_param (s, params, "alpha", NULL));
  cairo_surface_destroy (paint (s, &palette, cache));
  g_assert_cmpuint (mlr_regression_painter_cache_get_builds (cache), ==, builds + 2);
  /* the dark style paints its own */
  mlr_palette_init_default (&palette, TRUE);
  cairo_surface_destroy (paint (s, &palette, cache));
  g_assert_cmpuint (mlr_regression_painter_cache_get_builds (cache), ==, builds + 3);
}

/* Cached and uncached pictures are the same picture (within antialiasing). */
static void
test_cache_matches_paths (void)
{
  g_autoptr(MlrRegressionState) s = state_for ("degree=5", "residuals=true", NULL);
  g_autoptr(MlrRegressionPainterCache) cache = mlr_regression_painter_cache_new ();
  MlrPalette palette;
  cairo_surface_t *a, *b;
  guint differ = 0;

  mlr_palette_init_default (&palette, FALSE);
  a = paint (s, &palette, cache);
  b = paint (s, &palette, NULL);
  for (int y = 0; y < H; y += 2)
    for (int x = 0; x < W; x += 2)
      {
        guint32 p = pixel (a, x, y), q = pixel (b, x, y);
        int d = 0;
        for (int c = 0; c < 24; c += 8)
          d = MAX (d, abs ((int) ((p >> c) & 0xff) - (int) ((q >> c) & 0xff)));
        differ += d > 60;
      }
  /* faint lines rasterized two ways differ by a few levels; nothing may be missing */
  g_test_message ("%u of %d sampled pixels differ by more than 60 levels", differ,
                  (W / 2) * (H / 2));
  g_assert_cmpuint (differ, <, (W / 2) * (H / 2) / 200);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Extreme settings paint without NaN reaching cairo (which would leave the context in an
 * error state) and every size works. */
static void
test_extremes (void)
{
  const char *sets[][3] = {
    { "degree=15", "n=12", NULL }, { "degree=15", "alpha=1e10", NULL },
    { "points=0.5,1,0.5,2", "degree=3", NULL }, { "n=500", "degree=15" },
    { "truth=step", "noise=1" }, { "test_share=0", "degree=2" },
  };
  const int sizes[][2] = { { 1280, 800 }, { 740, 503 }, { 480, 912 }, { 200, 200 } };
  MlrPalette palette;

  mlr_palette_init_default (&palette, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      {
        g_autoptr(MlrRegressionState) s = state_for (sets[i][0], sets[i][1], sets[i][2], NULL);
        g_autoptr(MlrRegressionPainterCache) cache = mlr_regression_painter_cache_new ();
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[k][0],
                                                               sizes[k][1]);
        cairo_t *cr = cairo_create (surface);
        MlrRegressionPainterOptions options = { .focused = TRUE, .hover = 0, .scale = 2 };

        mlr_regression_state_set_selected (s, 0);
        mlr_regression_painter_draw (cr, sizes[k][0], sizes[k][1], &palette, s, &options, cache);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

static void
test_format (void)
{
  const struct { double v; const char *text; } cases[] = {
    { 0.26166, "0.262" }, { -1.5, "−1.5" }, { 0.0042123, "0.00421" }, { 23456, "2.35e+04" },
    { 0, "0" }, { 1e-7, "1.00e-07" }, { INFINITY, "∞" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mlr_regression_format_number (cases[i].v);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/regression/edits", test_edits);
  g_test_add_func ("/painters/regression/apply-param", test_apply_param);
  g_test_add_func ("/painters/regression/limits", test_limits);
  g_test_add_func ("/painters/regression/picture", test_picture);
  g_test_add_func ("/painters/regression/caches", test_caches);
  g_test_add_func ("/painters/regression/cache-matches-paths", test_cache_matches_paths);
  g_test_add_func ("/painters/regression/extremes", test_extremes);
  g_test_add_func ("/painters/regression/format", test_format);
  return g_test_run ();
}
