/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "distribution" demo's state and picture: drawing one at a time gives what drawing all at
 * once gives; the histogram's bins hold every draw, fixed while drawing, one whole number a
 * bin for a small binomial and multiples of 1/n for its means; a parameter change draws again
 * as far as before and a new x draws nothing; the controls' clamps (the uniform's ends, the
 * log-normal, the draw budget); drawing over several frames ends where drawing at once does;
 * the layout maps x to the pixel it is drawn at; and the picture has the density, the samples
 * and the normal of the CLT in their colours.
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-demo-registry.h"
#include "ml/mlr-special.h"
#include "painters/mlr-distribution-painter.h"

static MlrDistributionState *
state_for (const char *first,
           ...)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("distribution"));
  g_autoptr(GError) error = NULL;
  MlrDistributionState *state;
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_assert_true (mlr_params_parse_assignment (params, a, NULL));
  va_end (args);
  state = mlr_distribution_state_new (params, &error);
  g_assert_no_error (error);
  return state;
}

static void
apply (MlrDistributionState *state,
       const char           *key,
       const char           *value)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("distribution"));
  g_autoptr(GError) error = NULL;

  mlr_distribution_state_read_params (state, params);
  g_assert_true (mlr_params_set (params, key, value, NULL));
  g_assert_true (mlr_distribution_state_apply_param (state, params, key, &error));
  g_assert_no_error (error);
}

static guint
total_counts (const MlrDistributionState *s)
{
  const guint *counts = mlr_distribution_state_get_counts (s);
  guint below, above, total = 0;

  for (guint i = 0; i < mlr_distribution_state_get_n_bins (s); i++)
    total += counts[i];
  mlr_distribution_state_get_outside (s, &below, &above);
  return total + below + above;
}

/* One at a time or all at once: the same draws, the same numbers. */
static void
test_stepping_equals_finishing (void)
{
  g_autoptr(MlrDistributionState) a = state_for ("distribution=exponential", "mode=clt",
                                                  "n=3", "samples=500", NULL);
  g_autoptr(MlrDistributionState) b = state_for ("distribution=exponential", "mode=clt",
                                                  "n=3", "samples=500", NULL);
  double ma, va, mb, vb;

  g_assert_true (mlr_distribution_state_is_finished (a));
  g_assert_cmpuint (mlr_distribution_state_get_drawn (a), ==, 500);
  mlr_distribution_state_rewind (b);
  g_assert_cmpuint (mlr_distribution_state_get_drawn (b), ==, 0);
  g_assert_cmpuint (total_counts (b), ==, 0);
  g_assert_false (mlr_distribution_state_get_sample_stats (b, &mb, &vb));
  while (mlr_distribution_state_step (b))
    ;
  g_assert_cmpuint (mlr_distribution_state_get_drawn (b), ==, 500);
  g_assert_false (mlr_distribution_state_step (b));
  g_assert_true (mlr_distribution_state_get_means_stats (a, &ma, &va));
  g_assert_true (mlr_distribution_state_get_means_stats (b, &mb, &vb));
  g_assert_cmpfloat (ma, ==, mb);
  g_assert_cmpfloat (va, ==, vb);
  g_assert_cmpuint (total_counts (a), ==, 500);
  for (guint i = 0; i < mlr_distribution_state_get_n_bins (a); i++)
    g_assert_cmpuint (mlr_distribution_state_get_counts (a)[i], ==,
                      mlr_distribution_state_get_counts (b)[i]);
}

/* A small binomial: a bin per whole number, each holding exactly the draws of that value. */
static void
test_discrete_bins (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("distribution=binomial", "trials=10",
                                                  "p=0.3", "samples=3000", "seed=9", NULL);
  const MlrDistribution *d = mlr_distribution_state_get_distribution (s);
  guint want[11] = { 0 };
  double lo, w;
  MlrRng rng;

  mlr_rng_init (&rng, 9);
  for (int i = 0; i < 3000; i++)
    want[(int) mlr_distribution_sample (d, &rng)]++;
  mlr_distribution_state_get_bins (s, &lo, &w);
  g_assert_cmpfloat (w, ==, 1);
  g_assert_cmpfloat (lo - floor (lo), ==, 0.5);
  for (guint i = 0; i < mlr_distribution_state_get_n_bins (s); i++)
    {
      double centre = lo + (i + 0.5) * w;
      guint count = mlr_distribution_state_get_counts (s)[i];
      g_assert_cmpuint (count, ==, centre >= 0 && centre <= 10 ? want[(int) centre] : 0);
    }
  g_assert_cmpuint (total_counts (s), ==, 3000);
}

/* Means of a discrete kind sit on a lattice of 1/n: bins are whole multiples of it, edges
 * half a step off, so no bin gets more lattice points than another. */
static void
test_clt_lattice_bins (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("distribution=poisson", "rate=2",
                                                  "mode=clt", "n=7", "samples=4000", NULL);
  double lo, w;

  mlr_distribution_state_get_bins (s, &lo, &w);
  g_assert_cmpfloat (fabs (w * 7 - round (w * 7)), <, 1e-9);
  g_assert_cmpfloat (fabs ((lo * 7 + 0.5) - round (lo * 7 + 0.5)), <, 1e-9);
  g_assert_cmpuint (total_counts (s), ==, 4000);
}

/* A new x draws nothing; another parameter draws again as far as before. */
static void
test_apply_param (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("samples=400", NULL);
  double m0, v0, m1, v1;

  mlr_distribution_state_get_sample_stats (s, &m0, &v0);
  apply (s, "x", "-0.5");
  g_assert_cmpfloat (mlr_distribution_state_get_x (s), ==, -0.5);
  g_assert_cmpfloat (fabs (mlr_distribution_state_get_cdf (s) - 0.3085375387259869), <, 1e-15);
  mlr_distribution_state_get_sample_stats (s, &m1, &v1);
  g_assert_cmpfloat (m0, ==, m1);

  /* half drawn, then sigma: drawn again to the same count, from the seed */
  mlr_distribution_state_rewind (s);
  mlr_distribution_state_draw (s, 150);
  apply (s, "sigma", "2");
  g_assert_cmpuint (mlr_distribution_state_get_drawn (s), ==, 150);
  apply (s, "seed", "7");
  g_assert_cmpuint (mlr_distribution_state_get_drawn (s), ==, 150);
  /* finished stays finished when samples grows */
  mlr_distribution_state_finish (s);
  apply (s, "samples", "900");
  g_assert_true (mlr_distribution_state_is_finished (s));
  g_assert_cmpuint (mlr_distribution_state_get_drawn (s), ==, 900);

  /* another distribution brings its own default x */
  apply (s, "distribution", "exponential");
  g_assert_cmpfloat (mlr_distribution_state_get_x (s), ==, 2);
  g_assert_true (mlr_distribution_state_param_relevant (s, "rate"));
  g_assert_false (mlr_distribution_state_param_relevant (s, "sigma"));
  g_assert_false (mlr_distribution_state_param_relevant (s, "n"));
  apply (s, "mode", "clt");
  g_assert_true (mlr_distribution_state_param_relevant (s, "n"));
}

/* The controls' clamps: an end of the uniform stops short of the other; the log-normal's
 * sigma stops at 3; in mode clt, samples shrinks to n × samples <= 1,000,000. */
static void
test_clamps (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("distribution=uniform", "a=0", "b=1", NULL);
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("distribution"));

  apply (s, "a", "5");
  mlr_distribution_state_read_params (s, params);
  g_assert_cmpfloat (mlr_params_get_double (params, "a"), ==, 0.9);
  g_assert_cmpfloat (mlr_params_get_double (params, "b"), ==, 1);
  apply (s, "b", "-3");
  mlr_distribution_state_read_params (s, params);
  g_assert_cmpfloat (fabs (mlr_params_get_double (params, "b") - 0.9 - 0.1), <, 1e-12);

  apply (s, "distribution", "lognormal");
  apply (s, "sigma", "20");
  mlr_distribution_state_read_params (s, params);
  g_assert_cmpfloat (mlr_params_get_double (params, "sigma"), ==, 3);
  g_assert_true (isfinite (mlr_distribution_state_get_variance (s)));

  apply (s, "mode", "clt");
  apply (s, "n", "5000");
  mlr_distribution_state_read_params (s, params);
  g_assert_cmpint (mlr_params_get_int (params, "samples"), ==, 200);
  g_assert_cmpuint (mlr_distribution_state_get_samples (s), ==, 200);

  /* the state ignores a non-finite x and keeps x within ±1e12 */
  mlr_distribution_state_set_x (s, NAN);
  g_assert_true (isfinite (mlr_distribution_state_get_x (s)));
  mlr_distribution_state_set_x (s, 1e300);
  g_assert_cmpfloat (mlr_distribution_state_get_x (s), ==, 1e12);
}

/* With a budget, a change draws part now and the rest in catch_up(); the end is the same. */
static void
test_catch_up (void)
{
  g_autoptr(MlrDistributionState) a = state_for ("mode=clt", "n=100", "samples=2000", NULL);
  g_autoptr(MlrDistributionState) b = state_for ("mode=clt", "n=100", "samples=2000",
                                                  "sigma=3", NULL);
  double ma, sa, mb, sb;
  int frames = 0;

  mlr_distribution_state_set_apply_budget (a, 30000);
  apply (a, "sigma", "3");
  g_assert_false (mlr_distribution_state_is_settled (a));
  g_assert_cmpuint (mlr_distribution_state_get_drawn (a), ==, 300);
  while (!mlr_distribution_state_catch_up (a, 30000))
    frames++;
  g_assert_cmpint (frames, ==, 5);
  g_assert_true (mlr_distribution_state_is_finished (a));
  mlr_distribution_state_get_means_stats (a, &ma, &sa);
  mlr_distribution_state_get_means_stats (b, &mb, &sb);
  g_assert_cmpfloat (ma, ==, mb);
  g_assert_cmpfloat (sa, ==, sb);

  /* a change before catching up keeps the aim of drawing them all */
  apply (a, "sigma", "1");
  apply (a, "mu", "1");
  while (!mlr_distribution_state_catch_up (a, 30000))
    ;
  g_assert_true (mlr_distribution_state_is_finished (a));
}

/* x is drawn where the layout says; the pointer maps back to it. */
static void
test_layout_maps_x (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("distribution=beta", NULL);
  g_autoptr(MlrDistributionState) c = state_for ("mode=clt", NULL);
  MlrDistributionLayout L;
  MlrPalette palette;
  const MlrPlot *p;
  double x, y, lo, hi;

  mlr_palette_init_default (&palette, FALSE);
  mlr_distribution_painter_layout (740, 460, &palette, s, &L);
  p = mlr_distribution_painter_x_plot (&L);
  g_assert_false (L.has_source);
  mlr_distribution_state_get_view (s, &lo, &hi);
  g_assert_cmpfloat (p->xmin, ==, lo);
  g_assert_cmpfloat (p->xmax, ==, hi);
  g_assert_cmpfloat (lo, <, 0);    /* a sliver left of the support's end */
  g_assert_cmpfloat (hi, <, 1);    /* Beta(2, 5) has nothing to show near 1 */
  mlr_plot_to_data (p, mlr_plot_x (p, 0.3), p->y0 + 10, &x, &y);
  g_assert_cmpfloat (fabs (x - 0.3), <, 1e-12);
  g_assert_cmpfloat (p->x0 + p->w, <=, 740);
  g_assert_cmpfloat (p->y0 + p->h, <=, 460);

  /* mode clt: x lives in the strip above the means */
  mlr_distribution_painter_layout (740, 600, &palette, c, &L);
  g_assert_true (L.has_source);
  g_assert_true (mlr_distribution_painter_x_plot (&L) == &L.source);
  g_assert_cmpfloat (L.source.y0 + L.source.h, <, L.main.y0);
}

static MlrColor
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  MlrColor c = { ((px >> 16) & 0xff) / 255.0, ((px >> 8) & 0xff) / 255.0, (px & 0xff) / 255.0, 1 };

  return c;
}

static double
distance (const MlrColor *a,
          const MlrColor *b)
{
  return fabs (a->r - b->r) + fabs (a->g - b->g) + fabs (a->b - b->b);
}

/* Whether a pixel within @r of (x, y) has colour @want. */
static gboolean
near_colour (cairo_surface_t *surface,
             double           x,
             double           y,
             int              r,
             const MlrColor  *want)
{
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      {
        MlrColor c = pixel (surface, (int) round (x) + dx, (int) round (y) + dy);
        if (distance (&c, want) < 0.12)
          return TRUE;
      }
  return FALSE;
}

static cairo_surface_t *
paint (const MlrDistributionState *s,
       const MlrPalette           *palette,
       MlrDistributionLayout      *L)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  cairo_t *cr = cairo_create (surface);

  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);
  mlr_distribution_painter_draw (cr, 1280, 800, palette, s, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  mlr_distribution_painter_layout (1280, 800, palette, s, L);
  return surface;
}

/* The density's colour on its curve, the samples' inside the tallest bar, the normal's on
 * its curve over the means. */
static void
test_picture (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("x=-2", NULL);
  g_autoptr(MlrDistributionState) c = state_for ("mode=clt", "distribution=uniform",
                                                  "n=12", NULL);
  MlrDistributionLayout L;
  MlrPalette palette;
  MlrColor density, samples, normal, bar;
  cairo_surface_t *surface;
  const guint *counts;
  guint best = 0, drawn;
  double lo, w, top, ymax, x;

  mlr_palette_init_default (&palette, FALSE);
  density = mlr_distribution_density_color (&palette);
  samples = mlr_distribution_samples_color (&palette);
  normal = mlr_distribution_normal_color (&palette);

  surface = paint (s, &palette, &L);
  /* the painted y range: the density's peak plus the room above it */
  counts = mlr_distribution_state_get_counts (s);
  drawn = mlr_distribution_state_get_drawn (s);
  mlr_distribution_state_get_bins (s, &lo, &w);
  for (guint i = 1; i < mlr_distribution_state_get_n_bins (s); i++)
    if (counts[i] > counts[best])
      best = i;
  top = counts[best] / (drawn * w);
  ymax = MAX (top, mlr_normal_pdf (0)) * 1.12;
  L.main.ymin = 0;
  L.main.ymax = ymax;
  /* the curve at 1.5: its colour on the line */
  g_assert_true (near_colour (surface, mlr_plot_x (&L.main, 1.5),
                              mlr_plot_y (&L.main, mlr_normal_pdf (1.5)), 2, &density));
  /* the tallest bar, a fifth of the way up: the samples' colour over the background */
  x = lo + (best + 0.5) * w;
  bar = pixel (surface, (int) mlr_plot_x (&L.main, x), (int) mlr_plot_y (&L.main, top / 5));
  g_assert_cmpfloat (bar.r, >, bar.b + 0.2);   /* orange, not the background's grey */
  g_assert_cmpfloat (distance (&bar, &samples), <, 0.9);
  cairo_surface_destroy (surface);

  /* the normal over the means at their mean */
  surface = paint (c, &palette, &L);
  L.main.ymin = 0;
  {
    double se = mlr_distribution_state_get_clt_sd (c), hist = 0;
    counts = mlr_distribution_state_get_counts (c);
    drawn = mlr_distribution_state_get_drawn (c);
    mlr_distribution_state_get_bins (c, &lo, &w);
    for (guint i = 0; i < mlr_distribution_state_get_n_bins (c); i++)
      hist = MAX (hist, counts[i] / (drawn * w));
    L.main.ymax = MAX (mlr_normal_pdf (0) / se, hist) * 1.12;
    x = 0.5 + 1.3 * se;
    g_assert_true (near_colour (surface, mlr_plot_x (&L.main, x),
                                mlr_plot_y (&L.main, mlr_normal_pdf (1.3) / se), 2, &normal));
  }
  cairo_surface_destroy (surface);
}

/* Every kind paints, dark and light, at a lesson's width and a narrow one, with nothing
 * drawn and with everything drawn, without a critical. */
static void
test_paints_everything (void)
{
  const char * const kinds[] = { "normal", "uniform", "exponential", "binomial", "poisson",
                                  "beta", "lognormal" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int mode = 0; mode < 2; mode++)
      {
        g_autofree char *kind = g_strdup_printf ("distribution=%s", kinds[k]);
        g_autoptr(MlrDistributionState) s = state_for (kind, mode ? "mode=clt" : "mode=sample",
                                                        NULL);
        for (int dark = 0; dark < 2; dark++)
          {
            cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 420);
            cairo_t *cr = cairo_create (surface);
            MlrPalette palette;

            mlr_palette_init_default (&palette, dark);
            mlr_distribution_painter_draw (cr, 480, 420, &palette, s, NULL, NULL);
            mlr_distribution_state_rewind (s);
            mlr_distribution_painter_draw (cr, 740, 460, &palette, s, NULL, NULL);
            mlr_distribution_state_finish (s);
            g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
          }
      }
}

/* The cache samples the density once per distribution and size, not per frame. */
static void
test_cache (void)
{
  g_autoptr(MlrDistributionState) s = state_for ("distribution=poisson", "rate=40", NULL);
  g_autoptr(MlrDistributionPainterCache) cache = mlr_distribution_painter_cache_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 400);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  for (int i = 0; i < 5; i++)
    {
      mlr_distribution_state_set_x (s, 30 + i);
      mlr_distribution_painter_draw (cr, 640, 400, &palette, s, NULL, cache);
    }
  g_assert_cmpuint (mlr_distribution_painter_cache_get_builds (cache), ==, 1);
  apply (s, "rate", "41");
  mlr_distribution_painter_draw (cr, 640, 400, &palette, s, NULL, cache);
  g_assert_cmpuint (mlr_distribution_painter_cache_get_builds (cache), ==, 2);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_formats (void)
{
  const struct { double v; int digits; const char *text; } numbers[] = {
    { 0.24197072451914337, 3, "0.242" }, { 29.099999999999998, 4, "29.1" }, { 0, 4, "0" },
    { -1.5e-7, 3, "−1.5e−7" }, { 1200000, 4, "1200000" }, { 1e9, 4, "1e9" },
    { 0.5, 4, "0.5" }, { -0.00001, 2, "−1e−5" }, { 3.14159, 3, "3.14" },
  };
  const struct { double p; const char *text; } probs[] = {
    { 0.841344746068543, "0.8413" }, { 0.99999997, "0.99999997" }, { 1, "1" },
    { 3e-12, "3e−12" }, { 0.5, "0.5" }, { 0, "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *t = mlr_distribution_format_number (numbers[i].v, numbers[i].digits);
      g_assert_cmpstr (t, ==, numbers[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (probs); i++)
    {
      g_autofree char *t = mlr_distribution_format_probability (probs[i].p);
      g_assert_cmpstr (t, ==, probs[i].text);
    }
  {
    g_autofree char *t = mlr_distribution_format_count (1234567);
    g_assert_cmpstr (t, ==, "1,234,567");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/distribution/stepping-equals-finishing",
                   test_stepping_equals_finishing);
  g_test_add_func ("/painters/distribution/discrete-bins", test_discrete_bins);
  g_test_add_func ("/painters/distribution/clt-lattice-bins", test_clt_lattice_bins);
  g_test_add_func ("/painters/distribution/apply-param", test_apply_param);
  g_test_add_func ("/painters/distribution/clamps", test_clamps);
  g_test_add_func ("/painters/distribution/catch-up", test_catch_up);
  g_test_add_func ("/painters/distribution/layout-maps-x", test_layout_maps_x);
  g_test_add_func ("/painters/distribution/picture", test_picture);
  g_test_add_func ("/painters/distribution/paints-everything", test_paints_everything);
  g_test_add_func ("/painters/distribution/cache", test_cache);
  g_test_add_func ("/painters/distribution/formats", test_formats);
  return g_test_run ();
}
