/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared drawing modules of app/painters/ (text, legends, labels, contours, heatmaps) on
 * cairo image surfaces.
 */
#include <glib.h>
#include <cairo-svg.h>
#include <math.h>

#include "painters/mlr-contour.h"
#include "painters/mlr-heatmap.h"
#include "painters/mlr-palette.h"
#include "painters/mlr-plot.h"
#include "painters/mlr-plot-labels.h"
#include "painters/mlr-plot-legend.h"
#include "painters/mlr-plot-text.h"

static cairo_t *
new_canvas (int width,
            int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  return cr;
}

/* The box of the pixels that are not white. */
static gboolean
ink_box (cairo_t *cr,
         int     *x0,
         int     *y0,
         int     *x1,
         int     *y1)
{
  cairo_surface_t *s = cairo_get_target (cr);
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s) / 4;
  const guint32 *px;

  cairo_surface_flush (s);
  px = (const guint32 *) cairo_image_surface_get_data (s);
  *x0 = *y0 = G_MAXINT;
  *x1 = *y1 = -1;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if ((px[y * stride + x] & 0xffffff) != 0xffffff)
        {
          *x0 = MIN (*x0, x);
          *y0 = MIN (*y0, y);
          *x1 = MAX (*x1, x);
          *y1 = MAX (*y1, y);
        }
  return *x1 >= 0;
}

static void
test_text_align_and_fit (void)
{
  cairo_t *cr = new_canvas (400, 200);
  MlrPalette palette;
  MlrTextStyle fit = { .scale = 1, .max_width = 60, .max_lines = 1 };
  double w, h, fw, fh, w2, h2;
  int x0, y0, x1, y1;

  mlr_palette_init_default (&palette, FALSE);
  mlr_text_size (cr, &palette, "a rather long caption for a plot", 1, &w, &h);
  g_assert_cmpfloat (w, >, 100);
  g_assert_cmpfloat (h, >, 8);
  /* shortened with an ellipsis to the width asked for */
  mlr_text_measure (cr, &palette, "a rather long caption for a plot", &fit, &fw, &fh);
  g_assert_cmpfloat (fw, <=, 60);
  g_assert_cmpfloat (fh, ==, h);
  /* measuring again after other text gives the same (the shared layout is reset) */
  mlr_text_size (cr, &palette, "x", 2, &w2, &h2);
  mlr_text_size (cr, &palette, "a rather long caption for a plot", 1, &w2, &h2);
  g_assert_cmpfloat (w2, ==, w);

  /* right/bottom alignment puts the ink left of and above the point */
  mlr_draw_text (cr, &palette, NULL, "Label", 300, 150, 1, 1, 1);
  g_assert_true (ink_box (cr, &x0, &y0, &x1, &y1));
  g_assert_cmpint (x1, <=, 300);
  g_assert_cmpint (y1, <=, 150);
  g_assert_cmpint (x0, >, 240);
  cairo_destroy (cr);
}

static void
test_text_wrap (void)
{
  cairo_t *cr = new_canvas (400, 300);
  MlrPalette palette;
  double one_w, one_h, used;
  int x0, y0, x1, y1;

  mlr_palette_init_default (&palette, FALSE);
  mlr_text_size (cr, &palette, "word", 1, &one_w, &one_h);
  used = mlr_draw_text_wrapped (cr, &palette, &palette.foreground,
                                "many short words that will not fit on one line of this width",
                                10, 10, 120, 3, 1);
  /* three lines at most, each within the width */
  g_assert_cmpfloat (used, >, 2.5 * one_h);
  g_assert_cmpfloat (used, <, 3.5 * one_h);
  g_assert_true (ink_box (cr, &x0, &y0, &x1, &y1));
  g_assert_cmpint (x1, <=, 131);
  g_assert_cmpfloat (mlr_text_line_height (&palette, 1), ==, ceil (12 * 1.35));
  cairo_destroy (cr);
}

static void
test_text_rotated (void)
{
  cairo_t *cr = new_canvas (200, 200);
  MlrPalette palette;
  int x0, y0, x1, y1;

  mlr_palette_init_default (&palette, FALSE);
  mlr_draw_text (cr, &palette, NULL, "horizontal", 10, 10, 0, 0, 1);
  cairo_save (cr);
  cairo_translate (cr, 100, 190);
  cairo_rotate (cr, -G_PI / 2);
  mlr_draw_text (cr, &palette, NULL, "upwards", 0, 0, 0, 1, 1);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, 200, 40);
  cairo_fill (cr);
  /* the rotated text runs up from (100, 190), taller than wide */
  g_assert_true (ink_box (cr, &x0, &y0, &x1, &y1));
  g_assert_cmpint (y1 - y0, >, 2 * (x1 - x0));
  g_assert_cmpint (x1, <=, 101);
  cairo_destroy (cr);
}

static void
remark (cairo_t             *cr,
        const MlrPalette    *palette,
        const MlrLegendItem *item,
        double               x,
        double               cy,
        double               width,
        double               height)
{
  (*(int *) item->user_data)++;
  cairo_rectangle (cr, x, cy - 1, width, 2);
  cairo_fill (cr);
}

static void
test_legend (void)
{
  cairo_t *cr = new_canvas (400, 300);
  MlrPalette palette;
  MlrLegendStyle style;
  int custom_calls = 0;
  MlrLegendItem items[] = {
    { MLR_LEGEND_LINE, { 1, 0, 0, 1 }, 2, "first", "detail one" },
    { MLR_LEGEND_SWATCH, { 0, 0, 1, 1 }, 10, "second item" },
    { MLR_LEGEND_CUSTOM, .draw = remark, .user_data = &custom_calls, .row_width = 300 },
  };
  double w, h, bottom, lw, lh;
  int x0, y0, x1, y1;

  mlr_palette_init_default (&palette, FALSE);
  mlr_legend_style_init (&style, &palette);
  mlr_legend_measure (cr, &palette, &style, items, 2, &w, &h);
  mlr_text_size (cr, &palette, "second item", style.text_scale, &lw, &lh);
  g_assert_cmpfloat (w, >=, style.text_x + lw + style.column_gap);
  g_assert_cmpfloat (h, ==, 2 * (lh + style.row_spacing) + 2 * style.padding);
  /* a custom row asks for its own width */
  mlr_legend_measure (cr, &palette, &style, items, 3, &w, &h);
  g_assert_cmpfloat (w, ==, 300);

  bottom = mlr_legend_draw (cr, &palette, &style, items, 3, 20, 30, w);
  g_assert_cmpfloat (bottom, ==, 30 + h);
  g_assert_cmpint (custom_calls, ==, 1);
  g_assert_true (ink_box (cr, &x0, &y0, &x1, &y1));
  g_assert_cmpint (x0, >=, 20);
  g_assert_cmpint (y1, <=, (int) bottom);

  /* two columns: half the rows */
  style.columns = 2;
  mlr_legend_measure (cr, &palette, &style, items, 2, &w, &h);
  g_assert_cmpfloat (h, ==, lh + style.row_spacing + 2 * style.padding);
  cairo_destroy (cr);
}

static void
test_labels_avoid_each_other (void)
{
  cairo_t *cr = new_canvas (400, 300);
  MlrPalette palette;
  MlrPlot bounds;
  g_autoptr(MlrLabels) labels = mlr_labels_new (1);
  double a[4], b[4], c[4];

  mlr_palette_init_default (&palette, FALSE);
  mlr_plot_init (&bounds, 0, 0, 400, 300, 0, 1, 0, 1, FALSE);
  mlr_labels_avoid (labels, 200, 100, 10);
  mlr_labels_add (labels, cr, &palette, NULL, "first", 150, 150, 0.5, 0.5, &bounds);
  mlr_labels_add (labels, cr, &palette, &palette.accent, "second", 150, 150, 0.5, 0.5,
                  &bounds);
  mlr_labels_add (labels, cr, &palette, NULL, "at the tip", 200, 100, 0.5, 0.5, &bounds);
  /* out of bounds: pulled inside */
  mlr_labels_add (labels, cr, &palette, NULL, "edge", 399, 299, 0, 0, &bounds);
  g_assert_cmpuint (mlr_labels_get_n_labels (labels), ==, 4);
  mlr_labels_get_box (labels, 0, &a[0], &a[1], &a[2], &a[3]);
  mlr_labels_get_box (labels, 1, &b[0], &b[1], &b[2], &b[3]);
  mlr_labels_get_box (labels, 2, &c[0], &c[1], &c[2], &c[3]);
  g_assert_false (a[0] < b[0] + b[2] && b[0] < a[0] + a[2] &&
                  a[1] < b[1] + b[3] && b[1] < a[1] + a[3]);
  /* the obstacle at (200, 100) stays clear */
  g_assert_false (c[0] < 210 && c[0] + c[2] > 190 && c[1] < 110 && c[1] + c[3] > 90);
  mlr_labels_get_box (labels, 3, &a[0], &a[1], &a[2], &a[3]);
  g_assert_cmpfloat (a[0] + a[2], <=, 400);
  g_assert_cmpfloat (a[1] + a[3], <=, 300);
  mlr_labels_draw (labels, cr, &palette);
  cairo_destroy (cr);
}

/* A cone: the distance from (cx, cy), on a w x h grid with nodes at (i + ½, j + ½). */
static float *
cone (guint  w,
      guint  h,
      double cx,
      double cy)
{
  float *f = g_new (float, (gsize) w * h);

  for (guint j = 0; j < h; j++)
    for (guint i = 0; i < w; i++)
      f[j * w + i] = hypot (i + 0.5 - cx, j + 0.5 - cy);
  return f;
}

/* Stitching a contour that never had a segment (a plane of one class) leaves it empty; the
 * sanitizers check that no pointer arithmetic touches its empty arrays. */
static void
test_contour_stitch_empty (void)
{
  g_autoptr(MlrContour) c = mlr_contour_new ();
  g_autofree float *f = cone (8, 8, 4, 4);

  mlr_contour_stitch (c);
  g_assert_true (mlr_contour_is_empty (c));
  mlr_contour_add_level (c, f, 8, 8, 1000);
  mlr_contour_stitch (c);
  g_assert_true (mlr_contour_is_empty (c));
  g_assert_cmpuint (mlr_contour_get_n_lines (c), ==, 0);
}

static void
test_contour_circle (void)
{
  g_autofree float *f = cone (40, 30, 20, 15);
  g_autoptr(MlrContour) c = mlr_contour_new ();
  const float *p;
  guint n;

  mlr_contour_add_level (c, f, 40, 30, 10);
  /* before stitching: one segment per crossed cell */
  g_assert_cmpuint (mlr_contour_get_n_lines (c), >, 40);
  mlr_contour_stitch (c);
  /* one closed line, every point on the circle of radius 10 */
  g_assert_cmpuint (mlr_contour_get_n_lines (c), ==, 1);
  p = mlr_contour_get_line (c, 0, &n);
  g_assert_cmpuint (n, >, 40);
  g_assert_cmpfloat (p[0], ==, p[2 * (n - 1)]);
  g_assert_cmpfloat (p[1], ==, p[2 * (n - 1) + 1]);
  for (guint k = 0; k < n; k++)
    g_assert_cmpfloat_with_epsilon (hypot (p[2 * k] - 20, p[2 * k + 1] - 15), 10, 0.1);

  mlr_contour_clear (c);
  g_assert_true (mlr_contour_is_empty (c));
  /* a level outside the values has no line */
  mlr_contour_add_level (c, f, 40, 30, 100);
  mlr_contour_stitch (c);
  g_assert_true (mlr_contour_is_empty (c));
}

static void
test_contour_levels_and_gaps (void)
{
  g_autofree float *f = cone (50, 50, 25, 25);
  g_autoptr(MlrContour) inner = mlr_contour_new ();
  g_autoptr(MlrContour) outer = mlr_contour_new ();
  MlrContour *sets[2] = { inner, outer };
  const float levels[2] = { 5, 15 };
  cairo_t *cr;
  double x0, y0, x1, y1;

  mlr_contour_add_levels (sets, f, 50, 50, levels, 2);
  mlr_contour_stitch (inner);
  mlr_contour_stitch (outer);
  g_assert_cmpuint (mlr_contour_get_n_lines (inner), ==, 1);
  g_assert_cmpuint (mlr_contour_get_n_lines (outer), ==, 1);

  /* the path is scaled to pixels: cells of 2 x 3 px from (10, 20) */
  cr = new_canvas (200, 200);
  mlr_contour_path (outer, cr, 10, 20, 2, 3);
  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 10 + 2 * 10, 0.5);
  g_assert_cmpfloat_with_epsilon (x1, 10 + 2 * 40, 0.5);
  g_assert_cmpfloat_with_epsilon (y1, 20 + 3 * 40, 0.5);
  cairo_destroy (cr);

  /* a non-finite value cuts the line: the cells around it carry none */
  f[25 * 50 + 10] = NAN;
  mlr_contour_clear (outer);
  mlr_contour_add_level (outer, f, 50, 50, 15);
  mlr_contour_stitch (outer);
  g_assert_cmpuint (mlr_contour_get_n_lines (outer), ==, 1);
  {
    guint n;
    const float *p = mlr_contour_get_line (outer, 0, &n);
    g_assert_false (p[0] == p[2 * (n - 1)] && p[1] == p[2 * (n - 1) + 1]);
  }
}

static void
test_contour_saddle (void)
{
  /* One cell, a and c (top left, bottom right) above the level, b and d below: a saddle,
   * resolved by the mean of the corners. Grid order: a, b, then d, c. */
  g_autoptr(MlrContour) c = mlr_contour_new ();
  const float *p;
  guint n;

  /* mean 0.525: a and c connect through the centre; the lines cut off b and d */
  mlr_contour_add_level (c, (const float[]) { 1, 0, 0.2f, 0.9f }, 2, 2, 0.5f);
  g_assert_cmpuint (mlr_contour_get_n_lines (c), ==, 2);
  p = mlr_contour_get_line (c, 0, &n);
  /* the first line joins the top and right edges (around b) */
  g_assert_cmpfloat (p[1], ==, 0.5f);
  g_assert_cmpfloat (p[2], ==, 1.5f);
  mlr_contour_clear (c);
  /* mean 0.4: the lines cut off a and c */
  mlr_contour_add_level (c, (const float[]) { 1, 0, 0, 0.6f }, 2, 2, 0.5f);
  g_assert_cmpuint (mlr_contour_get_n_lines (c), ==, 2);
  p = mlr_contour_get_line (c, 0, &n);
  g_assert_cmpfloat (p[2], ==, 0.5f);   /* top edge to left edge (around a) */
}

static void
test_contour_bake (void)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
  g_autofree float *f = cone (50, 50, 25, 25);
  MlrContourInk ink = { { 0, 0, 0 }, 1 };
  const guint32 *px;
  int stride, dark = 0;
  cairo_t *cr = cairo_create (image);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  for (gsize k = 0; k < 2500; k++)
    f[k] /= 40;   /* one level, 1/2: the circle of radius 20 cells = 40 px */
  mlr_contour_bake (image, f, 50, 50, 1, &ink, 0.5f);
  px = (const guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;
  for (int y = 0; y < 100; y++)
    for (int x = 0; x < 100; x++)
      if ((px[y * stride + x] & 0xff) < 0x80)
        {
          dark++;
          g_assert_cmpfloat_with_epsilon (hypot (x + 0.5 - 50, y + 0.5 - 50), 40, 1.5);
        }
  /* a ring about one pixel wide: close to 2 pi 40 pixels */
  g_assert_cmpint (dark, >, 200);
  g_assert_cmpint (dark, <, 400);
  cairo_surface_destroy (image);
}

static void
test_heat_normalize (void)
{
  const double values[] = { 3, 5, NAN, 11, INFINITY, 1 };
  float t[6];
  double lo, hi;

  mlr_heat_range (values, 6, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1);
  g_assert_cmpfloat (hi, ==, 11);
  mlr_heat_normalize (MLR_HEAT_LINEAR, values, 6, lo, hi, t);
  g_assert_cmpfloat_with_epsilon (t[0], 0.2, 1e-6);
  g_assert_cmpfloat (t[3], ==, 1);
  g_assert_cmpfloat (t[5], ==, 0);
  g_assert_cmpfloat (t[2], ==, 1);   /* non-finite: the top of the scale */
  mlr_heat_normalize (MLR_HEAT_LOG, values, 6, lo, hi, t);
  g_assert_cmpfloat_with_epsilon (t[0], log1p (2) / log1p (10), 1e-6);
  g_assert_cmpfloat_with_epsilon (mlr_heat_t (MLR_HEAT_LOG, 3, lo, hi), t[0], 1e-6);
  /* the log scale spreads the low values */
  g_assert_cmpfloat (t[0], >, 0.2);
  g_assert_cmpfloat (mlr_heat_t (MLR_HEAT_LINEAR, 6, 1, 11), ==, 0.5);
  g_assert_cmpfloat (mlr_heat_t (MLR_HEAT_LINEAR, 6, 1, 1), ==, 0);
  g_assert_cmpfloat (mlr_heat_t (MLR_HEAT_LINEAR, NAN, 1, 11), ==, 0);

  mlr_heat_range (values + 2, 1, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 0);
}

static MlrColor
grey (double   t,
      gpointer user_data)
{
  return (MlrColor) { t, t, t, 1 };
}

static void
test_lut (void)
{
  MlrLut lut;
  MlrColor lo, hi = { 2, -1, 0.5, 1 };

  mlr_lut_init_colormap (&lut, MLR_COLORMAP_VIRIDIS, 256);
  mlr_colormap_eval (MLR_COLORMAP_VIRIDIS, 0, &lo);
  g_assert_cmphex (mlr_lut_get (&lut, 0), ==, mlr_color_to_rgb24 (&lo));
  g_assert_cmphex (mlr_lut_get (&lut, -3), ==, mlr_lut_get (&lut, 0));
  g_assert_cmphex (mlr_lut_get (&lut, NAN), ==, mlr_lut_get (&lut, 0));
  g_assert_cmphex (mlr_lut_get (&lut, 7), ==, mlr_lut_get (&lut, 1));
  /* out-of-range colours are clamped */
  g_assert_cmphex (mlr_color_to_rgb24 (&hi), ==, 0xffff0080);

  mlr_lut_init_func (&lut, 3, grey, NULL);
  g_assert_cmpuint (lut.n, ==, 3);
  g_assert_cmphex (mlr_lut_get (&lut, 0.5f), ==, 0xff808080);
  g_assert_cmphex (mlr_lut_get (&lut, 0.7f), ==, 0xff808080);
  g_assert_cmphex (mlr_lut_get (&lut, 0.8f), ==, 0xffffffff);
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  cairo_surface_flush (s);
  return ((const guint32 *) cairo_image_surface_get_data (s))
           [y * cairo_image_surface_get_stride (s) / 4 + x] & 0xffffff;
}

static void
test_heatmap (void)
{
  g_autoptr(MlrHeatmap) heatmap = mlr_heatmap_new ();
  const float t[4] = { 0, 1, 1, 0 };
  const guint8 labels[4] = { 0, 0, 1, 1 };
  MlrLut luts[2];
  cairo_surface_t *image, *target;
  cairo_t *cr;

  mlr_lut_init_func (&luts[0], 2, grey, NULL);
  mlr_lut_init_colormap (&luts[1], MLR_COLORMAP_VIRIDIS, 2);
  mlr_heatmap_set_values (heatmap, t, 2, 2, &luts[0]);
  g_assert_cmpint (cairo_image_surface_get_width (mlr_heatmap_get_raster (heatmap)), ==, 2);

  /* HiDPI: 100 x 50 units at scale 2 are 200 x 100 pixels */
  image = mlr_heatmap_render (heatmap, 100, 50, 2);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 200);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 100);
  /* corners keep their cell's colour (padded, not faded to black) */
  g_assert_cmphex (pixel (image, 0, 0), ==, 0x000000);
  g_assert_cmphex (pixel (image, 199, 0), ==, 0xffffff);
  g_assert_cmphex (pixel (image, 0, 99), ==, 0xffffff);
  g_assert_cmphex (pixel (image, 100, 50) & 0xff, >, 0x60);   /* bilinear in between */
  g_assert_cmphex (pixel (image, 100, 50) & 0xff, <, 0xa0);

  /* painted where asked, in user units */
  target = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cr = cairo_create (target);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  mlr_heatmap_paint (heatmap, cr, 10, 20);
  g_assert_cmphex (pixel (target, 9, 20), ==, 0xff0000);
  g_assert_cmphex (pixel (target, 10, 20), ==, 0x000000);
  g_assert_cmphex (pixel (target, 109, 20), ==, 0xffffff);
  g_assert_cmphex (pixel (target, 110, 20), ==, 0xff0000);
  g_assert_false (mlr_cairo_target_is_vector (cr));
  cairo_destroy (cr);
  cairo_surface_destroy (target);

  /* categories: each row of the raster from its own table */
  mlr_heatmap_set_classes (heatmap, labels, t, 2, 2, luts, 2);
  g_assert_cmphex (pixel (mlr_heatmap_get_raster (heatmap), 1, 0), ==, 0xffffff);
  g_assert_cmphex (pixel (mlr_heatmap_get_raster (heatmap), 0, 1), ==,
                   luts[1].rgb[1] & 0xffffff);

  /* a vector target embeds the small raster */
  target = cairo_svg_surface_create_for_stream (NULL, NULL, 100, 100);
  cr = cairo_create (target);
  g_assert_true (mlr_cairo_target_is_vector (cr));
  mlr_heatmap_paint_raster (heatmap, cr, 0, 0, 100, 100);
  mlr_draw_colorbar (cr, &(MlrPalette) { 0 }, MLR_COLORMAP_VIRIDIS, 0, 0, 10, 100);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (target);
}

/* A shrunk picture, as a zoom's moving frame shows one: mlr_heatmap_paint_scaled() paints the
 * whole device pixels the picture covers, each as cairo's own paint does, and no others. */
static void
test_heatmap_scaled (void)
{
  static const float t[] = { 0, 1, 0.25f, 0.75f };
  g_autoptr(MlrHeatmap) heatmap = mlr_heatmap_new ();
  MlrLut lut;
  const struct { double tx, ty, s, device; int left, right, top, bottom; } cases[] = {
    /* 100 x 50 units shrunk to 90 x 45 at (10, 20): pixels 10..99, 20..64 */
    { 10, 20, 0.9, 1, 10, 100, 20, 65 },
    /* starting between pixels: the half-covered ones on each side are left alone */
    { 10.5, 20.25, 0.9, 1, 11, 100, 21, 65 },
    /* HiDPI: half-pixel steps in user units are whole device pixels */
    { 10.5, 20.25, 0.9, 2, 21, 201, 41, 130 },
    /* grown: it covers more than the target */
    { -5, -5, 3.5, 1, 0, 150, 0, 100 },
  };

  mlr_lut_init_colormap (&lut, MLR_COLORMAP_VIRIDIS, 256);
  mlr_heatmap_set_values (heatmap, t, 2, 2, &lut);
  mlr_heatmap_render (heatmap, 100, 50, 1);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      int pw = (int) (150 * cases[c].device), ph = (int) (100 * cases[c].device);
      cairo_surface_t *shown = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_t *targets[2] = { shown, plain };

      for (int k = 0; k < 2; k++)
        {
          cairo_t *cr;

          cairo_surface_set_device_scale (targets[k], cases[c].device, cases[c].device);
          cr = cairo_create (targets[k]);
          cairo_set_source_rgb (cr, 1, 0, 0);
          cairo_paint (cr);
          cairo_translate (cr, cases[c].tx, cases[c].ty);
          cairo_scale (cr, cases[c].s, cases[c].s);
          if (k == 0)
            mlr_heatmap_paint_scaled (heatmap, cr, 0, 0);
          else
            mlr_heatmap_paint (heatmap, cr, 0, 0);
          cairo_destroy (cr);
        }
      for (int y = 0; y < ph; y++)
        for (int x = 0; x < pw; x++)
          {
            gboolean inside = x >= cases[c].left && x < cases[c].right &&
                              y >= cases[c].top && y < cases[c].bottom;
            gboolean border = x == cases[c].left || x == cases[c].right - 1 ||
                              y == cases[c].top || y == cases[c].bottom - 1;

            if (!inside)
              g_assert_cmphex (pixel (shown, x, y), ==, 0xff0000);
            else if (!border || cases[c].s > 1)
              g_assert_cmphex (pixel (shown, x, y), ==, pixel (plain, x, y));
            else
              g_assert_cmphex (pixel (shown, x, y), !=, 0xff0000);
          }
      cairo_surface_destroy (shown);
      cairo_surface_destroy (plain);
    }
}

/* HSL hue in degrees of an 8-bit colour (NaN for a grey). */
static double
hue_of (const guint8 *p)
{
  double r = p[0] / 255.0, g = p[1] / 255.0, b = p[2] / 255.0;
  double mx = MAX (r, MAX (g, b)), mn = MIN (r, MIN (g, b)), d = mx - mn, h;

  if (d < 1e-9)
    return NAN;
  if (mx == r)
    h = fmod ((g - b) / d, 6);
  else if (mx == g)
    h = (b - r) / d + 2;
  else
    h = (r - g) / d + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

/* Diagrams in the dark style: white ground to the dark card, black ink to light text, colours
 * keep their hue, alpha stays, and lighter stays the opposite of darker. */
static void
test_recolor_for_dark (void)
{
  guint8 px[][4] = {
    { 255, 255, 255, 255 },  /* the white card */
    { 0, 0, 0, 128 },        /* black ink, half transparent */
    { 0, 0, 255, 255 },      /* pure blue */
    { 0x1f, 0x77, 0xb4, 255 },
    { 0xd5, 0x5e, 0x00, 255 },
    { 0x44, 0x44, 0x44, 255 },
    { 0xd0, 0xd0, 0xd0, 255 },
  };
  guint8 before[G_N_ELEMENTS (px)][4];
  GRand *rand = g_rand_new_with_seed (7);

  memcpy (before, px, sizeof px);
  mlr_recolor_for_dark (&px[0][0], G_N_ELEMENTS (px), 1, sizeof px, 4);
  /* white: lightness 0.19 of 255 */
  g_assert_cmpint (px[0][0], ==, 48);
  g_assert_cmpint (px[0][1], ==, 48);
  g_assert_cmpint (px[0][2], ==, 48);
  g_assert_cmpint (px[0][3], ==, 255);
  /* black: 0.93 */
  g_assert_cmpint (px[1][0], ==, 237);
  g_assert_cmpint (px[1][3], ==, 128);
  /* blue: L 0.5 -> 0.56, saturation 1 kept: (0.12, 0.12, 1.0) */
  g_assert_cmpint (px[2][0], ==, 31);
  g_assert_cmpint (px[2][1], ==, 31);
  g_assert_cmpint (px[2][2], ==, 255);
  for (guint i = 3; i < 5; i++)
    g_assert_cmpfloat (fabs (hue_of (px[i]) - hue_of (before[i])), <, 2.0);
  /* greys swap order: #444 ends lighter than #d0d0d0 */
  g_assert_cmpint (px[5][0], >, px[6][0]);

  /* Many colours: hue within 2 degrees where the colour is clearly coloured */
  for (int i = 0; i < 2000; i++)
    {
      guint8 c[3] = { g_rand_int_range (rand, 0, 256), g_rand_int_range (rand, 0, 256),
                      g_rand_int_range (rand, 0, 256) };
      guint8 d[3];
      int mx = MAX (c[0], MAX (c[1], c[2])), mn = MIN (c[0], MIN (c[1], c[2]));
      double h0, h1, diff;

      memcpy (d, c, 3);
      mlr_recolor_for_dark (d, 1, 1, 3, 3);
      if (mx - mn < 60)
        continue;
      h0 = hue_of (c);
      h1 = hue_of (d);
      diff = fabs (h0 - h1);
      diff = MIN (diff, 360 - diff);
      g_assert_cmpfloat (diff, <, 3.0);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/painters/palette/recolor-for-dark", test_recolor_for_dark);
  g_test_add_func ("/painters/text/align-and-fit", test_text_align_and_fit);
  g_test_add_func ("/painters/text/wrap", test_text_wrap);
  g_test_add_func ("/painters/text/rotated", test_text_rotated);
  g_test_add_func ("/painters/legend/measure-and-draw", test_legend);
  g_test_add_func ("/painters/labels/avoid-each-other", test_labels_avoid_each_other);
  g_test_add_func ("/painters/contour/circle", test_contour_circle);
  g_test_add_func ("/painters/contour/stitch-empty", test_contour_stitch_empty);
  g_test_add_func ("/painters/contour/levels-and-gaps", test_contour_levels_and_gaps);
  g_test_add_func ("/painters/contour/saddle", test_contour_saddle);
  g_test_add_func ("/painters/contour/bake", test_contour_bake);
  g_test_add_func ("/painters/heatmap/normalize", test_heat_normalize);
  g_test_add_func ("/painters/heatmap/lut", test_lut);
  g_test_add_func ("/painters/heatmap/raster", test_heatmap);
  g_test_add_func ("/painters/heatmap/scaled", test_heatmap_scaled);
  return g_test_run ();
}
