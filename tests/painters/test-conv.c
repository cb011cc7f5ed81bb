/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "convolution" demo's numbers and picture: known answers of the layer (identity, a
 * constant under a box blur, Sobel on a step, output sizes), the multiply–add of one pixel
 * equal to the feature map's value, area-averaged scaling, hostile values refused, the
 * state's parameters, and a picture whose pointer mapping finds the pixels it draws.
 * (The comparison with SciPy on random inputs is tests/cli/test-cli-convolve.py.)
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-conv-painter.h"
#include "painters/mlr-demo-registry.h"

static MlrConvGrid *
grid_of (guint w, guint h, double (*f) (guint, guint))
{
  MlrConvGrid *g = mlr_conv_grid_new (w, h);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      g->values[y * w + x] = f (x, y);
  return g;
}

static double ramp (guint x, guint y) { return 0.1 * x - 0.37 * y + 0.01 * x * y; }
static double constant (guint x, guint y) { return 0.625; }
static double step (guint x, guint y) { return x >= 4 ? 1 : 0; }

static void
test_known_answers (void)
{
  const MlrConvKernel *id = mlr_conv_kernel_lookup ("identity");
  const MlrConvKernel *box = mlr_conv_kernel_lookup ("box");
  const MlrConvKernel *sx = mlr_conv_kernel_lookup ("sobel-x");
  g_autoptr(MlrConvGrid) in = grid_of (7, 5, ramp);
  g_autoptr(MlrConvGrid) same = mlr_conv_correlate (in, id->weights, 3, 1, 1, NULL);
  g_autoptr(MlrConvGrid) c = grid_of (9, 9, constant);
  g_autoptr(MlrConvGrid) blurred = mlr_conv_correlate (c, box->weights, 3, 1, 0, NULL);
  g_autoptr(MlrConvGrid) s = grid_of (8, 5, step);
  g_autoptr(MlrConvGrid) edges = mlr_conv_correlate (s, sx->weights, 3, 1, 0, NULL);

  g_assert_cmpuint (same->width, ==, 7);
  g_assert_cmpuint (same->height, ==, 5);
  for (guint i = 0; i < 35; i++)
    g_assert_cmpfloat (same->values[i], ==, in->values[i]);
  g_assert_cmpuint (blurred->width, ==, 7);
  for (guint i = 0; i < 49; i++)
    g_assert_cmpfloat_with_epsilon (blurred->values[i], 0.625, 1e-15);
  /* the window spans the step at output columns 2 and 3 (input columns 2..4 and 3..5) */
  for (guint y = 0; y < 3; y++)
    for (guint x = 0; x < 6; x++)
      g_assert_cmpfloat (edges->values[y * 6 + x], ==, (x == 2 || x == 3) ? 4 : 0);
}

static void
test_output_sizes (void)
{
  for (gint64 n = 1; n <= 40; n++)
    for (gint64 k = 3; k <= 5; k += 2)
      for (gint64 s = 1; s <= 6; s++)
        for (gint64 p = 0; p <= 5; p++)
          {
            gint64 want = (gint64) floor ((double) (n + 2 * p - k) / s) + 1;
            guint ow = 0, oh = 0;
            gboolean ok = mlr_conv_check (n, n, k, s, p, FALSE, &ow, &oh, NULL);

            g_assert_cmpint (mlr_conv_output_side (n, k, s, p), ==, MAX (want, 0));
            g_assert_cmpint (ok, ==, want >= 1);
            if (ok)
              g_assert_cmpint (ow, ==, want);
          }
}

/* The multiply–add the picture spells out is the feature map's value, bit for bit. */
static void
test_window_is_the_value (void)
{
  g_autoptr(MlrConvGrid) in = grid_of (11, 9, ramp);
  const MlrConvKernel *g5 = mlr_conv_kernel_lookup ("gaussian5");
  g_autoptr(MlrConvGrid) out = mlr_conv_correlate (in, g5->weights, 5, 2, 2, NULL);

  for (guint y = 0; y < out->height; y++)
    for (guint x = 0; x < out->width; x++)
      {
        double patch[25], products[25];
        double v = mlr_conv_window (in, g5->weights, 5, 2, 2, x, y, patch, products);
        g_assert_cmpfloat (v, ==, out->values[y * out->width + x]);
        for (guint i = 0; i < 25; i++)
          g_assert_cmpfloat (products[i], ==, patch[i] * g5->weights[i]);
      }
}

static void
test_pool_and_relu (void)
{
  g_autoptr(MlrConvGrid) in = grid_of (5, 3, ramp);
  g_autoptr(MlrConvGrid) pooled = mlr_conv_max_pool2 (in, NULL);
  g_autoptr(MlrConvGrid) tiny = grid_of (1, 4, ramp);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (pooled->width, ==, 2);
  g_assert_cmpuint (pooled->height, ==, 1);
  g_assert_cmpfloat (pooled->values[1], ==, MAX (MAX (ramp (2, 0), ramp (3, 0)),
                                                 MAX (ramp (2, 1), ramp (3, 1))));
  g_assert_null (mlr_conv_max_pool2 (tiny, &error));
  g_assert_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY);
  mlr_conv_relu (in);
  for (guint i = 0; i < 15; i++)
    g_assert_cmpfloat (in->values[i], >=, 0);
}

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  double nan_kernel[9] = { 0, 0, 0, 0, NAN, 0, 0, 0, 0 };
  guint8 pixel[4] = { 255, 255, 255, 255 };
  g_autoptr(MlrConvGrid) one = NULL;

  g_assert_false (mlr_conv_check (64, 64, 3, 0, 0, FALSE, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "1 to 64"));
  g_clear_error (&error);
  g_assert_false (mlr_conv_check (64, 64, 3, 1, 1000000, FALSE, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "0 to 64"));
  g_clear_error (&error);
  g_assert_false (mlr_conv_check (2, 9, 5, 1, 0, FALSE, NULL, NULL, &error));
  g_assert_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (mlr_conv_check_kernel (nan_kernel, 9, NULL, &error));
  g_assert_nonnull (strstr (error->message, "weight 5"));
  g_clear_error (&error);
  g_assert_false (mlr_conv_check_kernel (nan_kernel, 8, NULL, &error));
  g_clear_error (&error);
  g_assert_null (mlr_conv_grid_parse_csv ("e.csv", "", 0, &error));
  g_assert_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (mlr_conv_grid_parse_csv ("n.csv", "1,2\n3,NaN\n", 10, &error));
  g_assert_nonnull (strstr (error->message, "n.csv:2: column 2"));
  g_clear_error (&error);
  g_assert_null (mlr_conv_grid_parse_csv ("z.csv", "1,2\n3,\0" "4\n", 9, &error));
  g_clear_error (&error);
  g_assert_null (mlr_conv_grid_from_rgba (pixel, 0, 0, 4, 4, 128, &error));
  g_clear_error (&error);
  one = mlr_conv_grid_from_rgba (pixel, 1, 1, 4, 4, 128, NULL);
  g_assert_cmpfloat_with_epsilon (one->values[0], 1.0, 1e-15);
}

/* Scaling a 6×4 picture into 3×2 averages 2×2 blocks; a 5-wide one into 2 weighs the middle
 * pixel half to each side. */
static void
test_area_average (void)
{
  guint8 px[6 * 4 * 3];
  g_autoptr(MlrConvGrid) g = NULL;

  for (guint i = 0; i < 6 * 4; i++)
    px[3 * i] = px[3 * i + 1] = px[3 * i + 2] = (guint8) (10 * i);
  g = mlr_conv_grid_from_rgba (px, 6, 4, 18, 3, 3, NULL);
  g_assert_cmpuint (g->width, ==, 3);
  g_assert_cmpuint (g->height, ==, 2);
  /* block (1, 1): pixels 14, 15, 20, 21 → grey (140 + 150 + 200 + 210) / 4 / 255 */
  g_assert_cmpfloat_with_epsilon (g->values[4], 175.0 / 255, 1e-12);
  mlr_conv_grid_free (g_steal_pointer (&g));
  g = mlr_conv_grid_from_rgba (px, 5, 1, 18, 3, 2, NULL);
  g_assert_cmpuint (g->width, ==, 2);
  g_assert_cmpfloat_with_epsilon (g->values[0], (0 + 10 + 10) / 2.5 / 255, 1e-12);
}

static MlrConvState *
state_with (const char *key, const char *value, ...)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("convolution"));
  va_list ap;

  va_start (ap, value);
  while (key != NULL)
    {
      g_assert_true (mlr_params_set (params, key, value, NULL));
      key = va_arg (ap, const char *);
      if (key)
        value = va_arg (ap, const char *);
    }
  va_end (ap);
  return mlr_conv_state_new (params, NULL);
}

/* Presets bring their weights; new weights make the kernel "custom"; the selection clamps. */
static void
test_state_params (void)
{
  g_autoptr(MlrConvState) s = state_with ("kernel", "sharpen", "x", "4000", NULL);
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("convolution");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  guint k, x, y;
  const double *w = mlr_conv_state_get_weights (s, &k);

  g_assert_cmpuint (k, ==, 3);
  g_assert_cmpfloat (w[4], ==, 5);
  mlr_conv_state_get_selection (s, &x, &y);
  g_assert_cmpuint (x, ==, 61);
  g_assert_cmpuint (y, ==, 31);
  g_assert_true (mlr_params_set (params, "weights", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
                                 "1,1,1,1", NULL));
  g_assert_true (mlr_conv_state_apply_param (s, params, "weights", NULL));
  g_assert_cmpstr (mlr_conv_state_get_kernel_id (s), ==, "custom");
  mlr_conv_state_get_weights (s, &k);
  g_assert_cmpuint (k, ==, 5);
  g_assert_cmpuint (mlr_conv_state_get_feature (s)->width, ==, 60);
  mlr_conv_state_read_params (s, params);
  g_assert_cmpstr (mlr_params_get_string (params, "kernel"), ==, "custom");
  g_assert_cmpstr (mlr_params_get_string (params, "x"), ==, "59");
}

/* Where the painter puts the feature map's pixels, the pointer finds them again. */
static void
test_picture_and_hits (void)
{
  for (int dark = 0; dark <= 1; dark++)
    for (int pool = 0; pool <= 1; pool++)
      {
        g_autoptr(MlrConvState) s = state_with ("kernel", pool ? "gaussian5" : "laplacian",
                                                "pool", pool ? "true" : "false",
                                                "padding", "2", "stride", "2", NULL);
        const int widths[] = { 740, 480 };

        for (guint wi = 0; wi < 2; wi++)
          {
            int w = widths[wi], h = wi == 0 ? 580 : 460;
            cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
            cairo_t *cr = cairo_create (surface);
            MlrPalette palette;
            MlrConvLayout L;
            MlrConvPaintOptions options = { TRUE, 4 };
            const MlrConvGrid *feat = mlr_conv_state_get_feature (s);
            guint a = 0, b = 0;

            mlr_palette_init_default (&palette, dark);
            mlr_conv_painter_draw (cr, w, h, &palette, s, &options);
            g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
            mlr_conv_painter_layout (w, h, &palette, s, &L);
            g_assert_cmpfloat (L.calc_cell, >=, 12);
            for (guint y = 0; y < feat->height; y += 3)
              for (guint x = 0; x < feat->width; x += 3)
                {
                  g_assert_cmpint (mlr_conv_painter_hit (&L, s, L.feat_x + (x + 0.5) * L.feat_cell,
                                                         L.feat_y + (y + 0.5) * L.feat_cell,
                                                         &a, &b), ==, MLR_CONV_HIT_OUTPUT);
                  g_assert_cmpuint (a, ==, x);
                  g_assert_cmpuint (b, ==, y);
                }
            g_assert_cmpint (mlr_conv_painter_hit (&L, s, L.kern_x + 1.5 * L.calc_cell,
                                                   L.kern_y + 2.5 * L.calc_cell, &a, &b), ==,
                             MLR_CONV_HIT_KERNEL);
            g_assert_cmpuint (a, ==, 2 * (pool ? 5 : 3) + 1);
            /* the feature map's centre pixel has the colour of its value */
            {
              guint cx = feat->width / 2, cy = feat->height / 2;
              double v = feat->values[cy * feat->width + cx], lo, hi;
              const guint32 *px = (const guint32 *) cairo_image_surface_get_data (surface);
              int stride = cairo_image_surface_get_stride (surface) / 4;
              int X = (int) (L.feat_x + (cx + 0.5) * L.feat_cell);
              int Y = (int) (L.feat_y + (cy + 0.5) * L.feat_cell);
              MlrColor want;
              guint32 got;

              mlr_conv_grid_range (feat, &lo, &hi, NULL);
              mlr_conv_diverging (v / MAX (fabs (lo), fabs (hi)), dark, &want);
              cairo_surface_flush (surface);
              got = px[Y * stride + X];
              g_assert_cmpint (abs ((int) ((got >> 16) & 0xff) - (int) lround (want.r * 255)),
                               <=, 1);
              g_assert_cmpint (abs ((int) (got & 0xff) - (int) lround (want.b * 255)), <=, 1);
            }
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
          }
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/ml/conv/known-answers", test_known_answers);
  g_test_add_func ("/ml/conv/output-sizes", test_output_sizes);
  g_test_add_func ("/ml/conv/window-is-the-value", test_window_is_the_value);
  g_test_add_func ("/ml/conv/pool-and-relu", test_pool_and_relu);
  g_test_add_func ("/ml/conv/hostile", test_hostile);
  g_test_add_func ("/ml/conv/area-average", test_area_average);
  g_test_add_func ("/ml/conv/state-params", test_state_params);
  g_test_add_func ("/painters/conv/picture-and-hits", test_picture_and_hits);
  return g_test_run ();
}
