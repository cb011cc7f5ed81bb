/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "serving" demo's state and picture: the histogram holds every completed request; the
 * sweep climbs to its knee and is kept when only the rate changes; the traced queue agrees
 * with its steps; the pointer maps to the load and the time the painter drew; and each panel
 * paints something of its own colour, wide and narrow, light and dark.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "painters/mlr-demo-registry.h"
#include "painters/mlr-serving-painter.h"

static MlrParams *
params_with (const char *first_key,
             ...)
{
  MlrParams *params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("serving"));
  va_list ap;

  va_start (ap, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (ap, const char *))
    g_assert_true (mlr_params_set (params, key, va_arg (ap, const char *), NULL));
  va_end (ap);
  return params;
}

static void
test_histogram_counts (void)
{
  g_autoptr(MlrParams) params = params_with ("requests", "30000", NULL);
  g_autoptr(MlrServingState) s = mlr_serving_state_new (params, NULL);
  const MlrServingSummary *sum = mlr_serving_state_get_summary (s);
  double hi, total = 0;
  guint beyond;
  const double *h = mlr_serving_state_get_histogram (s, &hi, &beyond);

  for (guint b = 0; b < MLR_SERVING_HIST_BINS; b++)
    total += h[b];
  g_assert_cmpfloat_with_epsilon (total * sum->completed + beyond, sum->completed, 1e-6);
  /* 1.3 × p99 leaves less than 1% beyond */
  g_assert_cmpfloat (beyond, <, 0.01 * sum->completed);
  g_assert_cmpfloat_with_epsilon (hi, 1.3 * sum->p99_ms, 1e-9);
  g_assert_cmpuint (sum->completed + sum->rejected, ==, 30000);
}

static void
test_sweep_knee_and_cache (void)
{
  g_autoptr(MlrParams) params = params_with ("max_batch", "1", "overhead_ms", "0",
                                             "per_item_ms", "2", NULL);
  g_autoptr(MlrServingState) s = mlr_serving_state_new (params, NULL);
  const double *p99, *load;
  double before[MLR_SERVING_SWEEP_POINTS];
  guint n;

  load = mlr_serving_state_get_sweep (s, &p99, &n);
  g_assert_cmpuint (n, ==, MLR_SERVING_SWEEP_POINTS);
  memcpy (before, p99, sizeof before);
  /* M/M/1 with μ = 500/s: p99 at load 0.5 is 18.4 ms, at 0.99 it is 921 ms; the sweep's
   * 10,000 requests a point see the knee (a tenfold rise), if not the exact values */
  for (guint i = 0; i < n; i++)
    if (fabs (load[i] - 0.5) < 1e-9)
      g_assert_cmpfloat (fabs (p99[i] - 1000 * log (100) / 250) / (1000 * log (100) / 250), <,
                         0.15);
  g_assert_cmpfloat (p99[n - 4], >, 10 * p99[4]);   /* 0.99 against 0.5 */
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (load[i], >, load[i - 1]);

  /* the rate moves the run, not the sweep */
  g_assert_true (mlr_params_set (params, "rate", "123", NULL));
  g_assert_true (mlr_serving_state_apply_param (s, params, "rate", NULL));
  g_assert_cmpfloat (mlr_serving_state_get_config (s)->rate, ==, 123);
  g_assert_cmpmem (before, sizeof before, p99, sizeof before);
  /* the service time moves both */
  g_assert_true (mlr_params_set (params, "per_item_ms", "3", NULL));
  g_assert_true (mlr_serving_state_apply_param (s, params, "per_item_ms", NULL));
  g_assert_true (mlr_serving_state_sweep_is_stale (s));
  g_assert_cmpmem (before, sizeof before, p99, sizeof before);
  {
    /* a sweep for other parameters is refused; the right one is taken */
    MlrServingConfig other = *mlr_serving_state_get_config (s);
    double fresh[MLR_SERVING_SWEEP_POINTS];

    other.per_item_ms = 2;
    mlr_serving_sweep_compute (&other, fresh);
    g_assert_false (mlr_serving_state_install_sweep (s, &other, fresh));
    mlr_serving_state_update_sweep (s);
    g_assert_false (mlr_serving_state_sweep_is_stale (s));
    g_assert_cmpfloat (p99[4], >, before[4] * 1.2);
    /* a rate change after that keeps it current */
    g_assert_true (mlr_params_set (params, "rate", "200", NULL));
    g_assert_true (mlr_serving_state_apply_param (s, params, "rate", NULL));
    g_assert_false (mlr_serving_state_sweep_is_stale (s));
  }
  /* with common random numbers the M/M/1 sweep rises at every step up to the capacity */
  for (guint i = 1; i < n && load[i] <= 1.0; i++)
    g_assert_cmpfloat (p99[i], >, p99[i - 1]);
}

/* A deferred state (the widget's) leaves a run of more than MLR_SERVING_SYNC_REQUESTS to a
 * worker: apply_param checks the parameters and marks the run stale, the last run stays shown;
 * the run computed elsewhere is taken only for the newest parameters, and it is the same run,
 * to the bit, as a state made from those parameters makes. Small runs stay synchronous. */
static void
test_deferred_run (void)
{
  g_autoptr(MlrParams) params = params_with ("requests", "200000", NULL);
  g_autoptr(MlrServingState) s = mlr_serving_state_new (params, NULL);
  g_autoptr(MlrServingState) fresh = NULL;
  g_autoptr(MlrServingRun) old_run = NULL;
  g_autoptr(MlrServingRun) run = NULL;
  g_autoptr(GError) error = NULL;
  MlrServingSummary before = *mlr_serving_state_get_summary (s);
  MlrServingConfig old_config;
  const double *h1, *h2;
  double max1, max2;
  guint beyond1, beyond2;

  /* not deferred (render, metrics): the run is made at once */
  g_assert_false (mlr_serving_state_run_is_stale (s));
  mlr_serving_state_set_deferred (s, TRUE);
  g_assert_true (mlr_params_set (params, "rate", "300", NULL));
  g_assert_true (mlr_serving_state_apply_param (s, params, "rate", NULL));
  g_assert_true (mlr_serving_state_run_is_stale (s));
  g_assert_cmpfloat (mlr_serving_state_get_config (s)->rate, ==, 400);
  g_assert_cmpfloat (mlr_serving_state_get_wanted_config (s)->rate, ==, 300);
  g_assert_cmpmem (&before, sizeof before, mlr_serving_state_get_summary (s), sizeof before);
  /* the sweep does not depend on the rate: not stale */
  g_assert_false (mlr_serving_state_sweep_is_stale (s));

  /* bad parameters are refused at once, and change nothing */
  g_assert_true (mlr_params_set (params, "overhead_ms", "0", NULL));
  g_assert_true (mlr_params_set (params, "per_item_ms", "0", NULL));
  g_assert_false (mlr_serving_state_apply_param (s, params, "per_item_ms", &error));
  g_assert_nonnull (error);
  g_assert_cmpfloat (mlr_serving_state_get_wanted_config (s)->rate, ==, 300);
  g_assert_true (mlr_params_set (params, "overhead_ms", "5", NULL));
  g_assert_true (mlr_params_set (params, "per_item_ms", "2", NULL));

  /* a run for parameters that were since replaced is refused */
  old_config = *mlr_serving_state_get_wanted_config (s);
  old_run = mlr_serving_run_compute (&old_config);
  g_assert_true (mlr_params_set (params, "rate", "350", NULL));
  g_assert_true (mlr_serving_state_apply_param (s, params, "rate", NULL));
  g_assert_false (mlr_serving_state_install_run (s, old_run));
  g_assert_true (mlr_serving_state_run_is_stale (s));

  run = mlr_serving_run_compute (mlr_serving_state_get_wanted_config (s));
  g_assert_nonnull (run);
  g_assert_true (mlr_serving_state_install_run (s, run));
  g_assert_false (mlr_serving_state_run_is_stale (s));
  /* taken once: the same run again is not "newer" */
  g_assert_false (mlr_serving_state_install_run (s, run));

  fresh = mlr_serving_state_new (params, NULL);
  g_assert_cmpfloat (mlr_serving_state_get_config (s)->rate, ==, 350);
  g_assert_cmpmem (mlr_serving_state_get_summary (fresh), sizeof before,
                   mlr_serving_state_get_summary (s), sizeof before);
  h1 = mlr_serving_state_get_histogram (s, &max1, &beyond1);
  h2 = mlr_serving_state_get_histogram (fresh, &max2, &beyond2);
  g_assert_cmpfloat (max1, ==, max2);
  g_assert_cmpuint (beyond1, ==, beyond2);
  g_assert_cmpmem (h1, MLR_SERVING_HIST_BINS * sizeof (double), h2,
                   MLR_SERVING_HIST_BINS * sizeof (double));
  g_assert_cmpuint (mlr_serving_state_get_trace (s)->steps->len, ==,
                    mlr_serving_state_get_trace (fresh)->steps->len);
  g_assert_cmpfloat (mlr_serving_state_get_cursor (s), ==,
                     mlr_serving_state_get_trace (fresh)->end_ms);
  /* the sweep changed with overhead and per item: stale until one is made */
  g_assert_true (mlr_serving_state_sweep_is_stale (s));

  /* up to MLR_SERVING_SYNC_REQUESTS the run is made at once even when deferred */
  g_assert_true (mlr_params_set (params, "requests", G_STRINGIFY (MLR_SERVING_SYNC_REQUESTS),
                                 NULL));
  g_assert_true (mlr_serving_state_apply_param (s, params, "requests", NULL));
  g_assert_false (mlr_serving_state_run_is_stale (s));
  g_assert_cmpuint (mlr_serving_state_get_config (s)->requests, ==, MLR_SERVING_SYNC_REQUESTS);
  /* and update_run makes a stale run on this thread */
  g_assert_true (mlr_params_set (params, "requests", "100000", NULL));
  g_assert_true (mlr_serving_state_apply_param (s, params, "requests", NULL));
  g_assert_true (mlr_serving_state_run_is_stale (s));
  mlr_serving_state_update_run (s);
  g_assert_false (mlr_serving_state_run_is_stale (s));
  g_assert_cmpuint (mlr_serving_state_get_config (s)->requests, ==, 100000);
}

/* The queue length between steps is the last step's; steps add up from arrivals and batches:
 * each arrival in the trace adds one unless rejected, each batch takes its size. */
static void
test_trace (void)
{
  g_autoptr(MlrParams) params = params_with ("rate", "700", NULL);
  g_autoptr(MlrServingState) s = mlr_serving_state_new (params, NULL);
  const MlrServingTrace *t = mlr_serving_state_get_trace (s);
  guint batched = 0;

  g_assert_cmpuint (t->steps->len, >, MLR_SERVING_TRACE_ARRIVALS);
  g_assert_cmpfloat (t->end_ms, >, 0);
  for (guint i = 0; i < t->steps->len; i++)
    {
      const MlrServingStep *st = &g_array_index (t->steps, MlrServingStep, i);
      gboolean last_at_time = i + 1 == t->steps->len ||
        g_array_index (t->steps, MlrServingStep, i + 1).time_ms > st->time_ms;

      if (last_at_time)
        g_assert_cmpuint (mlr_serving_state_queue_at (s, st->time_ms), ==, st->queue);
      g_assert_cmpfloat (st->time_ms, <=, t->end_ms);
    }
  for (guint i = 0; i < t->batches->len; i++)
    {
      const MlrServingBatch *b = &g_array_index (t->batches, MlrServingBatch, i);
      g_assert_cmpuint (b->size, >=, 1);
      g_assert_cmpuint (b->size, <=, 8);
      g_assert_cmpfloat (b->end_ms, >, b->start_ms);
      batched += b->size;
    }
  /* what arrived in the window either was batched in it, still waits at its end, or was
   * rejected */
  g_assert_cmpuint (batched + mlr_serving_state_queue_at (s, t->end_ms) + t->rejected, ==,
                    MLR_SERVING_TRACE_ARRIVALS);
  g_assert_cmpuint (mlr_serving_state_queue_at (s, -1), ==, 0);
  mlr_serving_state_set_cursor (s, 1e300);
  g_assert_cmpfloat (mlr_serving_state_get_cursor (s), ==, t->end_ms);
  mlr_serving_state_set_cursor (s, NAN);
  g_assert_cmpfloat (mlr_serving_state_get_cursor (s), ==, 0);
}

static void
test_pointer_maps (void)
{
  g_autoptr(MlrParams) params = params_with (NULL, NULL);
  g_autoptr(MlrServingState) s = mlr_serving_state_new (params, NULL);
  static const int sizes[][2] = { { 1280, 800 }, { 740, 555 }, { 480, 960 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      MlrServingLayout L;
      double load, t;

      mlr_serving_painter_layout (sizes[i][0], sizes[i][1], s, &L);
      g_assert_true (mlr_serving_painter_sweep_hit (&L, mlr_plot_x (&L.sweep, 0.8),
                                                    L.sweep.y0 + L.sweep.h / 2, &load));
      g_assert_cmpfloat_with_epsilon (load, 0.8, 1e-9);
      g_assert_false (mlr_serving_painter_sweep_hit (&L, 1, 1, &load));
      g_assert_true (mlr_serving_painter_timeline_hit (&L, mlr_plot_x (&L.timeline, 50),
                                                       L.timeline.y0 + 5, &t));
      g_assert_cmpfloat_with_epsilon (t, 50, 1e-9);
      /* the panels do not overlap */
      g_assert_cmpfloat (L.hist.y0 + L.hist.h, <=, L.live_y);
      g_assert_cmpfloat (L.sweep.y0 + L.sweep.h, <=, L.timeline.y0);
      g_assert_cmpfloat (L.sweep.w, >, 100);
      g_assert_cmpfloat (L.timeline.h, >, 40);
    }
}

/* How many pixels inside @rect are close to @color. */
static guint
count_color (cairo_surface_t *surface,
             double           x,
             double           y,
             double           w,
             double           h,
             const MlrColor  *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int j = (int) y; j < (int) (y + h); j++)
    for (int i = (int) x; i < (int) (x + w); i++)
      {
        guint32 p = *(const guint32 *) (data + j * stride + 4 * i);
        double r = ((p >> 16) & 0xff) / 255.0, g = ((p >> 8) & 0xff) / 255.0,
               b = (p & 0xff) / 255.0;
        if (fabs (r - color->r) < 0.06 && fabs (g - color->g) < 0.06 &&
            fabs (b - color->b) < 0.06)
          n++;
      }
  return n;
}

static void
test_paints_panels (void)
{
  g_autoptr(MlrParams) params = params_with ("rate", "550", NULL);
  g_autoptr(MlrServingState) s = mlr_serving_state_new (params, NULL);
  static const int sizes[][2] = { { 1280, 800 }, { 480, 960 } };

  /* the playhead in the middle of the window, so the replicas are drawn busy or idle */
  mlr_serving_state_set_cursor (s, mlr_serving_state_get_trace (s)->end_ms / 2);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int dark = 0; dark <= 1; dark++)
      {
        int w = sizes[i][0], h = sizes[i][1];
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create (surface);
        MlrPalette palette;
        MlrServingLayout L;
        MlrColor p99;

        mlr_palette_init_default (&palette, dark);
        p99 = palette.classes[5];
        mlr_serving_painter_draw (cr, w, h, &palette, s, FALSE);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        mlr_serving_painter_layout (w, h, s, &L);
        /* the p99 line in the histogram, the run's ring on the sweep */
        g_assert_cmpuint (count_color (surface, L.hist.x0, L.hist.y0, L.hist.w, L.hist.h,
                                       &p99), >, 20);
        g_assert_cmpuint (count_color (surface, L.sweep.x0 - 10, L.sweep.y0 - 10,
                                       L.sweep.w + 20, L.sweep.h + 20, &p99), >, 20);
        /* the sweep's line in the foreground colour */
        {
          MlrColor fg = palette.foreground;
          if (!dark)
            fg = mlr_color_mix (&palette.background, &palette.foreground, fg.a), fg.a = 1;
          g_assert_cmpuint (count_color (surface, L.sweep.x0, L.sweep.y0, L.sweep.w,
                                         L.sweep.h, &fg), >, 30);
        }
        cairo_surface_destroy (surface);
      }
}

/* A rate of 0, NaN, negative or huge request counts never reach the state. */
static void
test_params_refused (void)
{
  static const char * const bad[][2] = {
    { "rate", "0" }, { "rate", "-1" }, { "rate", "nan" }, { "rate", "inf" },
    { "requests", "1000000000" }, { "requests", "99" }, { "replicas", "0" },
    { "replicas", "65" }, { "max_batch", "257" }, { "batch_timeout_ms", "-1" },
    { "queue_cap", "0" }, { "per_item_ms", "nan" }, { "service", "normal" },
  };
  g_autoptr(MlrParams) params = params_with (NULL, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_assert_false (mlr_params_set (params, bad[i][0], bad[i][1], &e));
      g_assert_nonnull (e);
    }
  /* each value alone is fine; together a batch would take no time */
  g_assert_true (mlr_params_set (params, "overhead_ms", "0", NULL));
  g_assert_true (mlr_params_set (params, "per_item_ms", "0", NULL));
  g_assert_false (mlr_serving_state_check (params, &error));
  g_assert_nonnull (strstr (error->message, "0.001"));
  g_assert_null (mlr_serving_state_new (params, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/serving/histogram-counts", test_histogram_counts);
  g_test_add_func ("/painters/serving/sweep-knee-and-cache", test_sweep_knee_and_cache);
  g_test_add_func ("/painters/serving/trace", test_trace);
  g_test_add_func ("/painters/serving/pointer-maps", test_pointer_maps);
  g_test_add_func ("/painters/serving/paints-panels", test_paints_panels);
  g_test_add_func ("/painters/serving/params-refused", test_params_refused);
  g_test_add_func ("/painters/serving/deferred-run", test_deferred_run);
  return g_test_run ();
}
