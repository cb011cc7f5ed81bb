/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "training-cost" demo's state and picture: the hand computations (7B Adam bf16
 * = 112 GB, 14 GB a GPU under ZeRO-3 over 8), the shape the rules derive, ZeRO stages that
 * only ever shrink what a GPU holds, the extremes of every range finite, the ZeRO rows where
 * a click finds them, a picture whose current bar starts in the weights' colour, and the
 * number formats the canvas shows.
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-cost-painter.h"
#include "painters/mlr-demo-registry.h"

static MlrCostState *
state_for (const char * const *assignments)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("training-cost"));

  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    g_assert_true (mlr_params_parse_assignment (params, assignments[i], NULL));
  return mlr_cost_state_new (params, NULL);
}

static void
test_hand_computation (void)
{
  g_autoptr(MlrCostState) s0 = state_for (NULL);
  g_autoptr(MlrCostState) s3 = state_for ((const char * const[]) { "zero=3", "gpus=8", NULL });
  double state0 = 0, state3 = 0;

  for (guint p = MLR_COST_WEIGHTS; p <= MLR_COST_OPTIMIZER; p++)
    {
      state0 += mlr_cost_state_part_gb (s0, p, 0);
      state3 += mlr_cost_state_part_gb (s3, p, 3);
    }
  g_assert_cmpfloat_with_epsilon (state0, 112, 1e-9);
  g_assert_cmpfloat_with_epsilon (state3, 14, 1e-9);
  g_assert_false (mlr_cost_state_fits (s0));
  g_assert_true (mlr_cost_state_fits (s3));
  /* 7e9 / (12·128²) = 35.6, cube root 3.29 → 33 layers; h = sqrt (7e9 / 396) */
  g_assert_cmpuint (mlr_cost_state_get_layers (s0), ==, 33);
  g_assert_cmpfloat_with_epsilon (mlr_cost_state_get_hidden (s0), sqrt (7e9 / 396), 1e-9);
  g_assert_cmpuint (mlr_cost_state_get_heads (s0), ==, 33);
  g_assert_cmpuint (mlr_cost_state_get_kv_heads (s0), ==, 8);
  /* selective recomputation: 34·s·b·h a layer, 16-bit */
  g_assert_cmpfloat_with_epsilon (mlr_cost_state_part_gb (s0, MLR_COST_ACTIVATIONS, 0),
                                  34.0 * 4096 * sqrt (7e9 / 396) * 33 / 1e9, 1e-9);
  g_assert_cmpfloat_with_epsilon (mlr_cost_state_train_flops (s0), 5.88e21, 1e9);
}

/* Each stage holds at most what the one before it held, and stage 0 shards nothing. */
static void
test_stages_shrink (void)
{
  static const char * const optimizers[] = { "optimizer=adam", "optimizer=sgd",
                                             "optimizer=adafactor" };
  static const char * const dtypes[] = { "dtype=fp32", "dtype=bf16", "dtype=fp8" };

  for (guint o = 0; o < 3; o++)
    for (guint d = 0; d < 3; d++)
      for (guint g = 1; g <= 1024; g *= 4)
        {
          g_autofree char *gpus = g_strdup_printf ("gpus=%u", g);
          g_autoptr(MlrCostState) s =
            state_for ((const char * const[]) { optimizers[o], dtypes[d], gpus, NULL });

          for (guint k = 1; k < 4; k++)
            g_assert_cmpfloat (mlr_cost_state_per_gpu_gb (s, k), <=,
                               mlr_cost_state_per_gpu_gb (s, k - 1));
          for (guint p = 0; p < MLR_COST_N_PARTS; p++)
            g_assert_cmpfloat (mlr_cost_state_part_gb (s, p, 0), ==,
                               mlr_cost_state_total_gb (s, p));
          if (g == 1)
            g_assert_cmpfloat (mlr_cost_state_per_gpu_gb (s, 3), ==,
                               mlr_cost_state_per_gpu_gb (s, 0));
        }
}

/* The largest and smallest values of every range give finite numbers and a picture. */
static void
test_extremes_finite (void)
{
  static const char * const big[] = {
    "params_b=10000", "tokens_b=1000000", "gpus=100000", "mfu=0.01", "seq_len=1048576",
    "micro_batch=1024", "recompute=none", "dtype=fp32", "context=1048576", "batch=4096",
    "kv_heads=1024", "kv_dtype=fp32", NULL
  };
  static const char * const small[] = {
    "params_b=0.01", "tokens_b=0.001", "gpus=1", "mfu=1", "seq_len=16", "micro_batch=1",
    "context=1", "batch=1", "kv_heads=1", "gpu=tpu-v5e", NULL
  };
  const char * const *sets[] = { big, small };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(MlrCostState) s = state_for (sets[i]);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 520);
      cairo_t *cr = cairo_create (surface);
      MlrPalette palette;

      for (guint k = 0; k < 4; k++)
        g_assert_true (isfinite (mlr_cost_state_per_gpu_gb (s, k)));
      g_assert_true (isfinite (mlr_cost_state_train_days (s)));
      g_assert_true (isfinite (mlr_cost_state_inference_gb (s)));
      g_assert_true (isfinite (mlr_cost_state_inference_gpus (s)));
      g_assert_cmpfloat (mlr_cost_state_train_days (s), >, 0);
      mlr_palette_init_default (&palette, TRUE);
      mlr_cost_painter_draw (cr, 480, 520, &palette, s, TRUE);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_hit_rows (void)
{
  g_autoptr(MlrCostState) s = state_for (NULL);
  MlrCostLayout L;

  mlr_cost_painter_layout (1280, 800, s, &L);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpint (mlr_cost_painter_hit_stage (&L, L.bar_x0 + 20, L.row_y[k] + L.row_h / 2),
                     ==, (int) k);
  g_assert_cmpint (mlr_cost_painter_hit_stage (&L, L.bar_x0 + 20, L.row_y[0] - 20), ==, -1);
  g_assert_cmpint (mlr_cost_painter_hit_stage (&L, L.bar_x0 + 20, L.row_y[3] + L.row_h + 20),
                   ==, -1);
}

/* The state's bar starts in the weights' colour, at full strength. */
static void
test_picture (void)
{
  g_autoptr(MlrCostState) s = state_for ((const char * const[]) { "zero=1", NULL });
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  MlrCostLayout L;
  MlrColor want;
  const guint8 *data;
  guint32 px;
  int x, y;

  mlr_palette_init_default (&palette, FALSE);
  mlr_cairo_set_color (cr, &palette.background);
  cairo_paint (cr);
  mlr_cost_painter_draw (cr, 1280, 800, &palette, s, FALSE);
  cairo_surface_flush (surface);
  mlr_cost_painter_layout (1280, 800, s, &L);
  want = mlr_cost_part_color (&palette, MLR_COST_WEIGHTS);
  x = (int) (L.bar_x0 + 3);
  y = (int) (L.row_y[1] + L.row_h / 2);
  data = cairo_image_surface_get_data (surface);
  px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  g_assert_cmpint (abs ((int) ((px >> 16) & 0xff) - (int) round (want.r * 255)), <=, 1);
  g_assert_cmpint (abs ((int) ((px >> 8) & 0xff) - (int) round (want.g * 255)), <=, 1);
  g_assert_cmpint (abs ((int) (px & 0xff) - (int) round (want.b * 255)), <=, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_formats (void)
{
  const struct { double gb; const char *text; } bytes[] = {
    { 112, "112 GB" }, { 0.0089, "8.9 MB" }, { 1234.5, "1.23 TB" }, { 0, "0 B" },
    { 999.9, "1 TB" }, { 80, "80 GB" },
  };
  g_autofree char *p = mlr_cost_format_power (5.88e21);
  g_autofree char *q = mlr_cost_format_power (9.999e9);
  g_autofree char *r = mlr_cost_format_power (7);
  g_autofree char *t = mlr_cost_format_power (9650.4);
  g_autofree char *d = mlr_cost_format_days (3.53e6);
  g_autofree char *h = mlr_cost_format_days (0.5);

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    {
      g_autofree char *text = mlr_cost_format_bytes (bytes[i].gb);
      g_assert_cmpstr (text, ==, bytes[i].text);
    }
  g_assert_cmpstr (p, ==, "5.88 × 10²¹");
  g_assert_cmpstr (q, ==, "1 × 10¹⁰");
  g_assert_cmpstr (r, ==, "7");
  g_assert_cmpstr (t, ==, "9650");
  g_assert_cmpstr (d, ==, "9665 years (3.53 × 10⁶ days)");
  g_assert_cmpstr (h, ==, "12 hours");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/cost/hand-computation", test_hand_computation);
  g_test_add_func ("/painters/cost/stages-shrink", test_stages_shrink);
  g_test_add_func ("/painters/cost/extremes-finite", test_extremes_finite);
  g_test_add_func ("/painters/cost/hit-rows", test_hit_rows);
  g_test_add_func ("/painters/cost/picture", test_picture);
  g_test_add_func ("/painters/cost/formats", test_formats);
  return g_test_run ();
}
