/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "ab-test" demo's picture: α shaded in H₀'s tails and the power under H₁ beyond the
 * critical value, where the layout says they are; no H₁ with no lift; the simulated looks as
 * bars; the layout stacking on narrow canvases and holding still while the lift is dragged;
 * and the numbers as the picture writes them.
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-abtest-painter.h"
#include "painters/mlr-demo-registry.h"

#define W 1280
#define H 800

static MlrAbtestState *
state_for (const char *first_key,
           ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("ab-test"));
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_assert_true (mlr_params_set (params, key, va_arg (args, const char *), NULL));
  va_end (args);
  return mlr_abtest_state_new (params, NULL);
}

typedef struct {
  cairo_surface_t *surface;
  MlrPalette       palette;
} Picture;

static void
paint (Picture        *pic,
       MlrAbtestState *state,
       int             width,
       int             height)
{
  cairo_t *cr;

  pic->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (pic->surface);
  mlr_palette_init_default (&pic->palette, FALSE);
  mlr_cairo_set_color (cr, &pic->palette.background);
  cairo_paint (cr);
  mlr_abtest_painter_draw (cr, width, height, &pic->palette, state, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (pic->surface);
}

/* The pixel at (x, y) as 0..255 red, green, blue. */
static void
pixel (Picture *pic,
       double   x,
       double   y,
       int      rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (pic->surface);
  guint32 px = *(const guint32 *) (data + (int) y * cairo_image_surface_get_stride (pic->surface) +
                                   (int) x * 4);

  rgb[0] = (px >> 16) & 0xff;
  rgb[1] = (px >> 8) & 0xff;
  rgb[2] = px & 0xff;
}

/* A point under the bell centred on @mean (in standard errors @u from it), at @share of the
 * curve's height there. */
static void
under_bell (const MlrPlot *plot,
            double         mean,
            double         se,
            double         u,
            double         share,
            double        *x,
            double        *y)
{
  *x = mlr_plot_x (plot, mean + u * se);
  *y = mlr_plot_y (plot, share * exp (-0.5 * u * u));
}

static void
test_regions (void)
{
  g_autoptr(MlrAbtestState) state = state_for (NULL, NULL);
  double se = mlr_abtest_state_get_se (state), lift = mlr_abtest_state_get_lift (state);
  double crit = mlr_abtest_state_get_critical_z (state);
  MlrAbtestLayout L;
  Picture pic;
  int rgb[3];
  double x, y;

  paint (&pic, state, W, H);
  mlr_abtest_painter_layout (W, H, state, NULL, &L);
  g_assert_false (L.stacked);
  /* left tail of H₀ beyond −z·se: α, vermillion (red well above blue) */
  under_bell (&L.plot, 0, se, -crit - 0.25, 0.4, &x, &y);
  pixel (&pic, x, y, rgb);
  g_assert_cmpint (rgb[0], >, rgb[2] + 60);
  /* H₁ beyond +z·se and above H₀'s tail: the power, blue */
  under_bell (&L.plot, lift, se, (crit * se - lift) / se + 1.0, 0.6, &x, &y);
  pixel (&pic, x, y, rgb);
  g_assert_cmpint (rgb[2], >, rgb[0] + 60);
  /* H₁ inside the critical values: β, a light blue (blue, but far lighter than the power) */
  under_bell (&L.plot, lift, se, -1.5, 0.5, &x, &y);
  pixel (&pic, x, y, rgb);
  g_assert_cmpint (rgb[2], >, rgb[0]);
  g_assert_cmpint (rgb[0], >, 180);
  cairo_surface_destroy (pic.surface);
}

/* With no lift there is no H₁ to shade: inside the critical values, under the curve, the
 * background shows. */
static void
test_no_lift (void)
{
  g_autoptr(MlrAbtestState) state = state_for ("lift", "0", NULL);
  MlrAbtestLayout L;
  Picture pic;
  int rgb[3], bg[3];
  double x, y;

  paint (&pic, state, W, H);
  mlr_abtest_painter_layout (W, H, state, NULL, &L);
  under_bell (&L.plot, 0, mlr_abtest_state_get_se (state), 0.7, 0.5, &x, &y);
  pixel (&pic, x, y, rgb);
  bg[0] = bg[1] = bg[2] = (int) round (pic.palette.background.r * 255);
  for (int c = 0; c < 3; c++)
    g_assert_cmpint (abs (rgb[c] - bg[c]), <=, 1);
  g_assert_false (isfinite (mlr_abtest_state_get_n_for_80 (state)));
  cairo_surface_destroy (pic.surface);
}

/* The first look's bar is as tall as its share of the runs, in the bar colour. */
static void
test_simulation_bars (void)
{
  g_autoptr(MlrAbtestState) state = state_for ("mode", "simulate", "lift", "0", "peeks", "5",
                                               "runs", "400", "n", "4000", NULL);
  const MlrAbtestSim *sim;
  Picture pic;
  int rgb[3], found = 0;

  mlr_abtest_state_simulate_sync (state);
  sim = mlr_abtest_state_get_sim (state);
  g_assert_nonnull (sim);
  g_assert_cmpuint (sim->runs, ==, 400);
  g_assert_cmpuint (sim->positives, >, sim->stopped_at[0]);
  paint (&pic, state, W, H);
  /* somewhere in the panel's lower half, vermillion bars (A/A: every positive is false) */
  for (int y = H / 2; y < H - 60 && !found; y += 4)
    for (int x = W * 0.62; x < W - 20 && !found; x += 4)
      {
        pixel (&pic, x, y, rgb);
        found = rgb[0] > 180 && rgb[2] < 60 && rgb[1] < 130;
      }
  g_assert_true (found);
  cairo_surface_destroy (pic.surface);
}

static void
test_layout (void)
{
  g_autoptr(MlrAbtestState) state = state_for (NULL, NULL);
  g_autoptr(MlrAbtestState) wide = state_for ("n", "100", NULL);
  MlrAbtestPainterOptions locked = { .lock_view = TRUE, .xmin = -0.01, .xmax = 0.03 };
  MlrAbtestLayout L, M;

  mlr_abtest_painter_layout (480, 620, state, NULL, &L);
  g_assert_true (L.stacked);
  g_assert_cmpfloat (L.panel_y, >, L.plot.y0 + L.plot.h);
  /* both means on the axis, with room for the tails */
  g_assert_cmpfloat (L.plot.xmin, <, -4 * mlr_abtest_state_get_se (state));
  g_assert_cmpfloat (L.plot.xmax, >, 0.006 + 4 * mlr_abtest_state_get_se (state));
  /* a locked view (a drag) keeps its range whatever the state */
  mlr_abtest_painter_layout (W, H, wide, &locked, &M);
  g_assert_cmpfloat (M.plot.xmin, ==, -0.01);
  g_assert_cmpfloat (M.plot.xmax, ==, 0.03);
  /* a larger n narrows the curves on the same axis until the axis steps */
  mlr_abtest_painter_layout (W, H, wide, NULL, &M);
  g_assert_cmpfloat (M.plot.xmax - M.plot.xmin, >, L.plot.xmax - L.plot.xmin);
}

static void
test_formats (void)
{
  const struct { double v; const char *text; } percents[] = {
    { 0.4737306, "47.4%" }, { 0.05, "5%" }, { 0.999996, "99.9996%" }, { 1, "100%" },
    { 0.0000012, "0.00012%" }, { 0, "0%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      g_autofree char *text = mlr_abtest_format_percent (percents[i].v);
      g_assert_cmpstr (text, ==, percents[i].text);
    }
  {
    g_autofree char *a = mlr_abtest_format_points (0.006, TRUE);
    g_autofree char *b = mlr_abtest_format_points (-0.0004, TRUE);
    g_autofree char *c = mlr_abtest_format_points (0.0031680277, FALSE);
    g_autofree char *d = mlr_abtest_format_count (21882);
    g_autofree char *e = mlr_abtest_format_count (1e15);
    g_assert_cmpstr (a, ==, "+0.60 pp");
    g_assert_cmpstr (b, ==, "−0.04 pp");
    g_assert_cmpstr (c, ==, "0.32 pp");
    g_assert_cmpstr (d, ==, "21,882");
    g_assert_cmpstr (e, ==, "1,000,000,000,000,000");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/abtest/regions", test_regions);
  g_test_add_func ("/painters/abtest/no-lift", test_no_lift);
  g_test_add_func ("/painters/abtest/simulation-bars", test_simulation_bars);
  g_test_add_func ("/painters/abtest/layout", test_layout);
  g_test_add_func ("/painters/abtest/formats", test_formats);
  return g_test_run ();
}
