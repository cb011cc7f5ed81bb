/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <math.h>

#include "painters/mlr-palette.h"
#include "painters/mlr-plot.h"

static void
test_transform_round_trip (void)
{
  MlrPlot plot;
  double x, y;

  mlr_plot_init (&plot, 10, 20, 400, 300, -2, 2, -1, 3, FALSE);
  g_assert_cmpfloat_with_epsilon (mlr_plot_x (&plot, -2), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (mlr_plot_x (&plot, 2), 410, 1e-9);
  /* y grows upwards: ymax at the top edge */
  g_assert_cmpfloat_with_epsilon (mlr_plot_y (&plot, 3), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (mlr_plot_y (&plot, -1), 320, 1e-9);
  mlr_plot_to_data (&plot, mlr_plot_x (&plot, 0.7), mlr_plot_y (&plot, 1.3), &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 1.3, 1e-9);
}

static void
test_equal_aspect (void)
{
  MlrPlot plot;

  mlr_plot_init (&plot, 0, 0, 800, 400, -1, 1, -1, 1, TRUE);
  /* One unit spans the same number of pixels on both axes. */
  g_assert_cmpfloat_with_epsilon (mlr_plot_x (&plot, 1) - mlr_plot_x (&plot, 0),
                                  mlr_plot_y (&plot, 0) - mlr_plot_y (&plot, 1), 1e-9);
  g_assert_cmpfloat (plot.xmax - plot.xmin, >, 2);
}

static void
test_degenerate_ranges (void)
{
  MlrPlot plot;

  mlr_plot_init (&plot, 0, 0, 0, 0, 5, 5, NAN, INFINITY, TRUE);
  g_assert_true (isfinite (mlr_plot_x (&plot, 5)));
  g_assert_true (isfinite (mlr_plot_y (&plot, 0)));
}

static void
test_nice_ticks (void)
{
  double t[16];
  guint n = mlr_nice_ticks (-2.3, 7.9, 5, t, 16);

  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (t[0], ==, 0.0 - 2.0);
  g_assert_cmpfloat (t[1], ==, 0.0);
  g_assert_cmpfloat (t[4], ==, 6.0);
  n = mlr_nice_ticks (0, 0.01, 4, t, 16);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpfloat_with_epsilon (t[1] - t[0], 0.002, 1e-12);
  g_assert_cmpuint (mlr_nice_ticks (1, 1, 5, t, 16), ==, 0);
  g_assert_cmpuint (mlr_nice_ticks (0, NAN, 5, t, 16), ==, 0);
}

static void
test_tick_labels (void)
{
  char buf[32];

  mlr_format_tick (-2, 1, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "\xe2\x88\x92" "2");
  mlr_format_tick (0.25, 0.05, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "0.25");
  mlr_format_tick (1e6, 1e5, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "1e+06");
}

static void
test_colormap (void)
{
  MlrColor lo, hi, mid;

  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, 0, &lo);
  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, 1, &hi);
  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, NAN, &mid);
  /* viridis runs from dark purple to bright yellow: luminance rises */
  g_assert_cmpfloat (mlr_color_luminance (&lo), <, 0.05);
  g_assert_cmpfloat (mlr_color_luminance (&hi), >, 0.7);
  g_assert_cmpfloat (mid.r, ==, lo.r);
  for (int i = 0; i < 100; i++)
    {
      MlrColor a, b;
      mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, i / 100.0, &a);
      mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, (i + 1) / 100.0, &b);
      g_assert_cmpfloat (mlr_color_luminance (&b), >=, mlr_color_luminance (&a) - 1e-9);
    }
}

/* Total alpha of an A8 or ARGB32 image, in pixels' worth. */
static double
coverage (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data;
  double total = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      total += ((const guint32 *) (data + y * stride))[x] >> 24;
  return total / 255;
}

/* The stamped discs cover what the arcs cover, each within half a pixel of its centre, at
 * device scales 1 and 2; too few discs and vector surfaces take the arcs. */
static void
test_fill_discs (void)
{
  for (int scale = 1; scale <= 2; scale++)
    {
      double xy[2 * 40];
      cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * scale, 60 * scale);
      cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * scale, 60 * scale);
      cairo_t *cr;
      double ca, cb;

      cairo_surface_set_device_scale (a, scale, scale);
      cairo_surface_set_device_scale (b, scale, scale);
      for (int i = 0; i < 40; i++)
        {
          xy[2 * i] = 5 + i * 9.7 + 0.3 * (i % 3);
          xy[2 * i + 1] = 20 + (i % 5) * 7.3;
        }
      cr = cairo_create (a);
      cairo_set_source_rgb (cr, 0, 0, 0);
      mlr_fill_discs (cr, xy, 40, 3);
      cairo_destroy (cr);
      cr = cairo_create (b);
      cairo_set_source_rgb (cr, 0, 0, 0);
      for (int i = 0; i < 40; i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, xy[2 * i], xy[2 * i + 1], 3, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      cairo_destroy (cr);

      ca = coverage (a);
      cb = coverage (b);
      g_assert_cmpfloat (fabs (ca - cb), <=, 0.03 * cb);
      g_assert_cmpfloat (fabs (cb - 40 * G_PI * 9 * scale * scale), <=, 0.05 * cb);
      {
        /* each disc's centre is opaque, and so is every device pixel within r − 1 of it */
        int stride = cairo_image_surface_get_stride (a);
        const unsigned char *data = cairo_image_surface_get_data (a);
        for (int i = 0; i < 40; i++)
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int px = (int) floor (xy[2 * i] * scale) + dx * scale;
                int py = (int) floor (xy[2 * i + 1] * scale) + dy * scale;
                g_assert_cmpuint (((const guint32 *) (data + py * stride))[px] >> 24, ==, 255);
              }
      }
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  {
    /* a recording surface (what SVG and PDF export draw through) gets real arcs */
    double xy[2 * 40];
    cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 60);
    cairo_t *cr = cairo_create (rec);
    double x, y, w, h;

    for (int i = 0; i < 40; i++)
      {
        xy[2 * i] = 5 + i * 9.7;
        xy[2 * i + 1] = 30;
      }
    cairo_set_source_rgb (cr, 0, 0, 0);
    mlr_fill_discs (cr, xy, 40, 3);
    cairo_destroy (cr);
    cairo_recording_surface_ink_extents (rec, &x, &y, &w, &h);
    g_assert_cmpfloat (fabs (x - 2), <, 0.5);
    g_assert_cmpfloat (fabs (w - (39 * 9.7 + 6)), <, 1);
    cr = cairo_create (img);
    cairo_set_source_surface (cr, rec, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    g_assert_cmpfloat (fabs (coverage (img) - 40 * G_PI * 9), <=, 0.05 * 40 * G_PI * 9);
    cairo_surface_destroy (img);
    cairo_surface_destroy (rec);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/painters/plot/transform-round-trip", test_transform_round_trip);
  g_test_add_func ("/painters/plot/equal-aspect", test_equal_aspect);
  g_test_add_func ("/painters/plot/degenerate-ranges", test_degenerate_ranges);
  g_test_add_func ("/painters/plot/nice-ticks", test_nice_ticks);
  g_test_add_func ("/painters/plot/tick-labels", test_tick_labels);
  g_test_add_func ("/painters/plot/fill-discs", test_fill_discs);
  g_test_add_func ("/painters/palette/colormap", test_colormap);
  return g_test_run ();
}
