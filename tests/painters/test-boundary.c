/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary painter on cairo image surfaces, asserting what the picture means:
 * the plane over each of two blobs takes its class's hue, lighter where the model is unsure;
 * the boundary line runs where the predicted class flips; training points are filled and
 * test points hollow; an SVM rings its support vectors (and nothing else); a tree's split
 * lines appear when asked; the dark style paints dark; the shading is cached.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-boundary-painter.h"

#define W 900
#define H 560

typedef struct {
  double r, g, b;
} Rgb;

typedef struct {
  MlrBoundaryState        *state;
  MlrBoundaryPainterCache *cache;
  cairo_surface_t         *surface;
  MlrPalette               palette;
  MlrBoundaryLayout        layout;
} Picture;

static MlrBoundaryState *
state_from (const char * const *assignments)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
  g_autoptr(GError) error = NULL;
  MlrBoundaryState *state;

  for (guint i = 0; assignments && assignments[i]; i++)
    {
      mlr_params_parse_assignment (params, assignments[i], &error);
      g_assert_no_error (error);
    }
  state = mlr_boundary_state_new (params, &error);
  g_assert_no_error (error);
  return state;
}

/* Two 4x4 lattices of points 0.45 apart: class 0 around (-2, 0), class 1 around (2, 0). */
static void
use_two_blobs (MlrBoundaryState *state)
{
  g_autoptr(MlrDataset) blobs = mlr_dataset_new (0, 0);
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < 2; c++)
    for (guint i = 0; i < 4; i++)
      for (guint j = 0; j < 4; j++)
        mlr_dataset_append (blobs, (c ? 2 : -2) + 0.45 * (i - 1.5), 0.45 * (j - 1.5), c);
  mlr_boundary_state_set_points (state, blobs, "blobs", &error);
  g_assert_no_error (error);
}

static void
paint (Picture *p)
{
  cairo_t *cr = cairo_create (p->surface);

  mlr_cairo_set_color (cr, &p->palette.background);
  cairo_paint (cr);
  mlr_boundary_painter_draw (cr, W, H, &p->palette, p->state, NULL, p->cache);
  cairo_destroy (cr);
  cairo_surface_flush (p->surface);
}

static void
picture_init (Picture          *p,
              MlrBoundaryState *state,
              gboolean          dark)
{
  MlrGrid grid;
  g_autoptr(GError) error = NULL;

  p->state = state;
  p->cache = mlr_boundary_painter_cache_new ();
  p->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  mlr_palette_init_default (&p->palette, dark);
  mlr_boundary_painter_layout (W, H, &p->palette, state, &p->layout);
  mlr_boundary_painter_grid (&p->layout, &grid);
  g_assert_true (mlr_boundary_state_fit_sync (state, &grid, &error));
  g_assert_no_error (error);
  paint (p);
}

static void
picture_init_blobs (Picture            *p,
                    const char * const *sets)
{
  MlrBoundaryState *state = state_from (sets);

  use_two_blobs (state);
  picture_init (p, state, FALSE);
}

static void
picture_clear (Picture *p)
{
  cairo_surface_destroy (p->surface);
  mlr_boundary_painter_cache_free (p->cache);
  mlr_boundary_state_free (p->state);
}

static Rgb
pixel (Picture *p,
       double   x,
       double   y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guint8 *data = cairo_image_surface_get_data (p->surface);
  int stride = cairo_image_surface_get_stride (p->surface);
  guint32 v;
  Rgb rgb;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, W);
  g_assert_cmpint (iy, <, H);
  v = *(const guint32 *) (data + iy * stride + 4 * ix);
  rgb.r = ((v >> 16) & 0xff) / 255.0;
  rgb.g = ((v >> 8) & 0xff) / 255.0;
  rgb.b = (v & 0xff) / 255.0;
  return rgb;
}

static Rgb
pixel_at_data (Picture *p,
               double   x,
               double   y)
{
  const MlrPlot *plot = &p->layout.plot;

  g_assert_cmpfloat (x, >, plot->xmin);
  g_assert_cmpfloat (x, <, plot->xmax);
  g_assert_cmpfloat (y, >, plot->ymin);
  g_assert_cmpfloat (y, <, plot->ymax);
  return pixel (p, mlr_plot_x (plot, x), mlr_plot_y (plot, y));
}

/* The shading the result gives data point (x, y): its cell's class colour at its confidence. */
static MlrColor
expected_shade (Picture *p,
                double   x,
                double   y)
{
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (p->state);
  const MlrGrid *g = &r->grid;
  guint i = (guint) floor ((x - g->x0) / (g->x1 - g->x0) * g->width);
  guint j = (guint) floor ((y - g->y0) / (g->y1 - g->y0) * g->height);
  gsize c = (gsize) MIN (j, g->height - 1) * g->width + MIN (i, g->width - 1);

  return mlr_boundary_shade_color (&p->palette, r->labels[c], r->confidence[c], 2);
}

static double
dist (Rgb             a,
      const MlrColor *b)
{
  return sqrt ((a.r - b->r) * (a.r - b->r) + (a.g - b->g) * (a.g - b->g) +
               (a.b - b->b) * (a.b - b->b));
}

static double
luminance (Rgb c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

/* The nearest other point to point @i, in pixels. */
static double
clearance (Picture *p,
           guint    i)
{
  const MlrDataset *pts = mlr_boundary_state_get_points (p->state);
  const MlrPlot *plot = &p->layout.plot;
  double best = G_MAXDOUBLE;

  for (guint k = 0; k < pts->n_points; k++)
    if (k != i)
      best = MIN (best, hypot (mlr_plot_x (plot, pts->x[2 * k]) - mlr_plot_x (plot, pts->x[2 * i]),
                               mlr_plot_y (plot, pts->x[2 * k + 1]) -
                               mlr_plot_y (plot, pts->x[2 * i + 1])));
  return best;
}

static void
test_blobs_take_their_class_hue (void)
{
  const char * const sets[] = { "model=logreg", NULL };
  Picture p;
  MlrColor c0, c1, bg;
  Rgb over_a, over_b, middle;

  picture_init_blobs (&p, sets);
  c0 = p.palette.classes[0];
  c1 = p.palette.classes[1];
  bg = p.palette.background;

  /* above each blob, clear of its points: the class's hue (blue, then orange) */
  over_a = pixel_at_data (&p, -2, 1.3);
  over_b = pixel_at_data (&p, 2, 1.3);
  g_assert_cmpfloat (dist (over_a, &c0), <, dist (over_a, &c1));
  g_assert_cmpfloat (over_a.b, >, over_a.r + 0.15);
  g_assert_cmpfloat (dist (over_b, &c1), <, dist (over_b, &c0));
  g_assert_cmpfloat (over_b.r, >, over_b.b + 0.2);
  /* far from the boundary the model is sure: the shade is close to the class colour at full
   * confidence; on the boundary it is close to the background */
  {
    const MlrBoundaryResult *r = mlr_boundary_state_get_result (p.state);
    const MlrGrid *g = &r->grid;
    guint i = (guint) floor ((-2.6 - g->x0) / (g->x1 - g->x0) * g->width);
    guint j = (guint) floor ((-1.2 - g->y0) / (g->y1 - g->y0) * g->height);
    float conf = r->confidence[j * g->width + i];
    MlrColor expect = mlr_boundary_shade_color (&p.palette, 0, conf, 2);

    g_assert_cmpuint (r->labels[j * g->width + i], ==, 0);
    g_assert_cmpfloat (conf, >, 0.8);
    g_assert_cmpfloat (dist (pixel_at_data (&p, -2.6, -1.2), &expect), <, 0.03);
  }
  middle = pixel_at_data (&p, 0.3, 1.3);
  g_assert_cmpfloat (dist (middle, &bg), <, dist (over_a, &bg) - 0.1);

  /* the boundary: along y = 1.3 the darkest pixel sits where the hue flips */
  {
    const MlrPlot *plot = &p.layout.plot;
    double y = mlr_plot_y (plot, 1.3), x_lo = mlr_plot_x (plot, -1.5);
    double x_hi = mlr_plot_x (plot, 1.5), darkest = 2, x_dark = 0, x_flip = -1;

    for (double x = x_lo; x < x_hi; x += 1)
      {
        Rgb c = pixel (&p, x, y);
        if (luminance (c) < darkest)
          {
            darkest = luminance (c);
            x_dark = x;
          }
        if (x_flip < 0 && c.r > c.b + 0.05)
          x_flip = x;
      }
    g_assert_cmpfloat (darkest, <, 0.35);
    g_assert_cmpfloat (fabs (x_dark - x_flip), <, 4);
    g_assert_cmpfloat (fabs (x_dark - mlr_plot_x (plot, 0)), <, 0.08 * plot->w);
  }
  picture_clear (&p);
}

static void
test_test_points_hollow (void)
{
  const char * const sets[] = { "model=logreg", "split=0.3", NULL };
  Picture p;
  const MlrDataset *pts;
  guint checked_test = 0, checked_train = 0;

  picture_init_blobs (&p, sets);
  pts = mlr_boundary_state_get_points (p.state);
  for (guint i = 0; i < pts->n_points; i++)
    {
      double x = mlr_plot_x (&p.layout.plot, pts->x[2 * i]);
      double y = mlr_plot_y (&p.layout.plot, pts->x[2 * i + 1]);
      MlrColor cls = p.palette.classes[pts->y[i]];
      Rgb centre = pixel (&p, x, y);

      if (clearance (&p, i) < 16)
        continue;
      if (mlr_boundary_state_is_test (p.state, i))
        {
          /* hollow: the centre shows the shading; the square's side is the class colour */
          MlrColor shade = expected_shade (&p, pts->x[2 * i], pts->x[2 * i + 1]);
          gboolean side = FALSE;
          for (int d = -1; d <= 1; d++)
            side = side || dist (pixel (&p, x + 4.5 + d, y), &cls) < 0.12;
          g_assert_cmpfloat (dist (centre, &cls), >, 0.2);
          g_assert_cmpfloat (dist (centre, &shade), <, 0.04);
          g_assert_true (side);
          checked_test++;
        }
      else
        {
          /* filled: the class colour at the centre */
          g_assert_cmpfloat (dist (centre, &cls), <, 0.06);
          checked_train++;
        }
    }
  g_assert_cmpuint (checked_test, >=, 4);
  g_assert_cmpuint (checked_train, >=, 8);
  picture_clear (&p);
}

/* The darkest luminance within ±1 px of (x, y). */
static double
darkest_near (Picture *p,
              double   x,
              double   y)
{
  double best = 2;

  for (int dx = -1; dx <= 1; dx++)
    for (int dy = -1; dy <= 1; dy++)
      best = MIN (best, luminance (pixel (p, x + dx, y + dy)));
  return best;
}

static void
test_svm_rings_support_vectors (void)
{
  const char * const sets[] = { "model=svm", "kernel=linear", "C=1", NULL };
  Picture p;
  const MlrBoundaryResult *r;
  const MlrDataset *pts;
  guint rings = 0, plain = 0;
  const double angles[] = { 0, G_PI / 2, G_PI, 3 * G_PI / 2 };

  picture_init_blobs (&p, sets);
  r = mlr_boundary_state_get_result (p.state);
  g_assert_cmpuint (r->n_support, >, 0);
  g_assert_nonnull (r->decision);
  pts = mlr_boundary_state_get_points (p.state);

  for (guint i = 0; i < pts->n_points; i++)
    {
      gboolean is_sv = FALSE;
      double x = mlr_plot_x (&p.layout.plot, pts->x[2 * i]);
      double y = mlr_plot_y (&p.layout.plot, pts->x[2 * i + 1]);
      guint dark = 0;

      for (guint k = 0; k < r->n_support; k++)
        is_sv = is_sv || (fabs (r->support[2 * k] - pts->x[2 * i]) < 1e-9 &&
                          fabs (r->support[2 * k + 1] - pts->x[2 * i + 1]) < 1e-9);
      if (clearance (&p, i) < 16)
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (angles); a++)
        dark += darkest_near (&p, x + 8.5 * cos (angles[a]), y + 8.5 * sin (angles[a])) < 0.3;
      if (is_sv)
        {
          g_assert_cmpuint (dark, >=, 3);
          rings++;
        }
      else if (fabs (pts->x[2 * i]) > 2.3)  /* the far side of a blob: no ring, no margin */
        {
          g_assert_cmpuint (dark, ==, 0);
          plain++;
        }
    }
  g_assert_cmpuint (rings, >=, 2);
  g_assert_cmpuint (plain, >=, 2);
  picture_clear (&p);
}

static void
test_tree_splits_toggle (void)
{
  const char * const sets[] = { "model=forest", "n_trees=10", NULL };
  Picture p;
  const MlrBoundaryResult *r;
  g_autofree guint8 *before = NULL;
  const guint8 *data;
  gsize size;
  guint changed = 0;

  picture_init (&p, state_from (sets), FALSE);
  g_assert_false (mlr_boundary_state_get_show_splits (p.state));  /* off for a forest */
  r = mlr_boundary_state_get_result (p.state);
  g_assert_cmpuint (r->n_splits, >, 0);
  size = (gsize) cairo_image_surface_get_stride (p.surface) * H;
  before = g_memdup2 (cairo_image_surface_get_data (p.surface), size);
  mlr_boundary_state_set_show_splits (p.state, TRUE);
  paint (&p);
  data = cairo_image_surface_get_data (p.surface);
  for (gsize k = 0; k < size; k += 4)
    changed += memcmp (before + k, data + k, 4) != 0;
  g_assert_cmpuint (changed, >, 200);
  /* the root split runs across the whole plane: a dark line along it */
  {
    const MlrTreeSplit *s = &r->splits[0];
    const MlrPlot *plot = &p.layout.plot;
    guint dark = 0, samples = 0;
    g_assert_cmpuint (s->depth, ==, 0);
    for (double t = 0.05; t < 1; t += 0.05)
      {
        double x, y;
        if (s->axis == 0)
          {
            x = mlr_plot_x (plot, s->threshold);
            y = plot->y0 + t * plot->h;
          }
        else
          {
            x = plot->x0 + t * plot->w;
            y = mlr_plot_y (plot, s->threshold);
          }
        dark += darkest_near (&p, x, y) < 0.5;
        samples++;
      }
    g_assert_cmpuint (dark, >, samples / 2);
  }
  picture_clear (&p);
}

static void
test_cache_and_dark (void)
{
  const char * const sets[] = { "model=nb", "dataset=gaussian", NULL };
  Picture p;
  Rgb corner;

  picture_init (&p, state_from (sets), TRUE);
  g_assert_cmpuint (mlr_boundary_painter_cache_get_builds (p.cache), ==, 1);
  /* a drag repaints with the cached shading */
  mlr_boundary_state_move_point (p.state, 0, 0, 0);
  paint (&p);
  g_assert_cmpuint (mlr_boundary_painter_cache_get_builds (p.cache), ==, 1);
  corner = pixel (&p, W - 2, H - 2);
  g_assert_cmpfloat (dist (corner, &p.palette.background), <, 0.01);
  g_assert_cmpfloat (luminance (pixel_at_data (&p, 2, 0)), <, 0.45);
  /* a new fit rebuilds it */
  {
    MlrGrid grid;
    mlr_boundary_painter_grid (&p.layout, &grid);
    g_assert_true (mlr_boundary_state_fit_sync (p.state, &grid, NULL));
  }
  paint (&p);
  g_assert_cmpuint (mlr_boundary_painter_cache_get_builds (p.cache), ==, 2);
  picture_clear (&p);
}

static void
test_render (void)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  mlr_params_set (params, "model", "svm", NULL);
  g_assert_true (mlr_boundary_render (cr, 640, 400, &palette, params, &error));
  g_assert_no_error (error);
  /* refused work is an error, not a picture with NaN in it */
  mlr_params_set (params, "model", "mlp", NULL);
  mlr_params_set (params, "hidden", "1024,1024,1024", NULL);
  mlr_params_set (params, "epochs", "5000", NULL);
  g_assert_false (mlr_boundary_render (cr, 640, 400, &palette, params, &error));
  g_assert_error (error, MLR_BOUNDARY_STATE_ERROR, MLR_BOUNDARY_STATE_ERROR_FIT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/painters/boundary/blobs-take-their-class-hue",
                   test_blobs_take_their_class_hue);
  g_test_add_func ("/painters/boundary/test-points-hollow", test_test_points_hollow);
  g_test_add_func ("/painters/boundary/svm-rings-support-vectors",
                   test_svm_rings_support_vectors);
  g_test_add_func ("/painters/boundary/tree-splits-toggle", test_tree_splits_toggle);
  g_test_add_func ("/painters/boundary/cache-and-dark", test_cache_and_dark);
  g_test_add_func ("/painters/boundary/render", test_render);
  return g_test_run ();
}
