/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary painter's network view (view=network, an mlp), on cairo image
 * surfaces: where it goes (beside a wide plane, below a tall one, nowhere for other models or
 * view=plane), that its columns and maps fit without overlapping, what the picture means (the
 * input x1's map runs from the negative colour on the left to the positive one on the right,
 * the strongest edge is drawn in its sign's colour and widest, line widths grow with |w|),
 * what hovering a map or a line says, that the maps are cached per result, and the
 * screen-reader sentence.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-boundary-painter.h"
#include "painters/mlr-boundary-painter-private.h"

typedef struct {
  double r, g, b;
} Rgb;

static MlrBoundaryState *
state_from (const char *model,
            const char *view)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("decision-boundary"));
  g_autoptr(GError) error = NULL;
  g_autofree char *m = g_strdup_printf ("model=%s", model);
  g_autofree char *v = g_strdup_printf ("view=%s", view);
  const char *sets[] = { "dataset=spiral", "n=150", "noise=0.1", "classes=3", "hidden=16,6",
                         "lr=0.01", "epochs=60", m, v, NULL };
  MlrBoundaryState *state;

  for (guint i = 0; sets[i]; i++)
    {
      mlr_params_parse_assignment (params, sets[i], &error);
      g_assert_no_error (error);
    }
  state = mlr_boundary_state_new (params, &error);
  g_assert_no_error (error);
  return state;
}

static gboolean
overlap (const MlrBoundaryRect *a,
         double x, double y, double w, double h)
{
  return a->x < x + w && x < a->x + a->w && a->y < y + h && y < a->y + a->h;
}

static void
fit (MlrBoundaryState *state,
     int               width,
     int               height)
{
  MlrPalette palette;
  MlrBoundaryLayout L;
  MlrGrid grid;
  g_autoptr(GError) error = NULL;

  mlr_palette_init_default (&palette, FALSE);
  mlr_boundary_painter_layout (width, height, &palette, state, &L);
  mlr_boundary_painter_grid (&L, &grid);
  g_assert_true (mlr_boundary_state_fit_sync (state, &grid, &error));
  g_assert_no_error (error);
}

/* Beside the plane on a wide canvas, below it on a narrow one; never over the plane (with
 * its axis labels) or the panel; absent for view=plane and for other models. */
static void
test_layout (void)
{
  const struct { int w, h; gboolean beside; } sizes[] = {
    { 1280, 800, TRUE }, { 740, 800, FALSE }, { 480, 1008, FALSE },
  };
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(MlrBoundaryState) net = state_from ("mlp", "network");
      g_autoptr(MlrBoundaryState) plane = state_from ("mlp", "plane");
      g_autoptr(MlrBoundaryState) logreg = state_from ("logreg", "network");
      MlrBoundaryLayout L, P, G;
      const MlrBoundaryRect *N = &L.network;

      mlr_boundary_painter_layout (sizes[k].w, sizes[k].h, &palette, net, &L);
      mlr_boundary_painter_layout (sizes[k].w, sizes[k].h, &palette, plane, &P);
      mlr_boundary_painter_layout (sizes[k].w, sizes[k].h, &palette, logreg, &G);
      g_assert_cmpfloat (P.network.w, ==, 0);
      g_assert_cmpfloat (G.network.w, ==, 0);
      g_assert_cmpfloat (N->w, >=, 200);
      g_assert_cmpfloat (N->h, >=, 170);
      g_assert_true (N->x >= 0 && N->y >= 0);
      g_assert_cmpfloat (N->x + N->w, <=, sizes[k].w);
      g_assert_cmpfloat (N->y + N->h, <=, sizes[k].h);
      /* the plane with its tick labels (22 px below it) */
      g_assert_false (overlap (N, L.plot.x0, L.plot.y0, L.plot.w, L.plot.h + 22));
      g_assert_false (overlap (N, L.panel.x, L.panel.y, L.panel.w, L.panel.h));
      if (sizes[k].beside)
        g_assert_cmpfloat (N->x, >=, L.plot.x0 + L.plot.w);
      else
        g_assert_cmpfloat (N->y, >=, L.plot.y0 + L.plot.h);
      /* the plane gave way, but stays usable */
      g_assert_cmpfloat (L.plot.w * L.plot.h, <, P.plot.w * P.plot.h);
      g_assert_cmpfloat (MIN (L.plot.w, L.plot.h), >=, 200);
    }
}

/* Columns left to right, maps inside the view and apart, none smaller than 10 px, and at
 * the lesson's widths big enough to read. */
static void
test_geometry (void)
{
  const struct { int w, h; double min_tile; } sizes[] = {
    { 1280, 800, 30 }, { 740, 800, 20 }, { 480, 1008, 18 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(MlrBoundaryState) state = state_from ("mlp", "network");
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
      cairo_t *cr = cairo_create (s);
      const MlrMlpNetwork *net;
      MlrBoundaryNetworkGeometry G;
      MlrBoundaryLayout L;
      MlrPalette palette;

      mlr_palette_init_default (&palette, FALSE);
      fit (state, sizes[k].w, sizes[k].h);
      mlr_boundary_painter_layout (sizes[k].w, sizes[k].h, &palette, state, &L);
      net = mlr_boundary_state_get_result (state)->network;
      g_assert_nonnull (net);
      g_assert_cmpuint (net->n_layers, ==, 4);
      g_assert_cmpuint (net->shown[1], ==, 8);   /* of 16 */
      g_assert_cmpuint (net->shown[2], ==, 6);
      g_assert_cmpuint (net->shown[3], ==, 3);   /* one output per class */
      mlr_boundary_network_geometry (cr, &palette, net, &L.network, &G);
      g_assert_cmpfloat (G.tile_h, >=, sizes[k].min_tile);
      g_assert_cmpfloat (G.tile_w, >=, sizes[k].min_tile);
      for (guint l = 0; l < net->n_layers; l++)
        {
          if (l > 0)  /* room for the edges between columns */
            g_assert_cmpfloat (G.col_x[l], >=, G.col_x[l - 1] + G.tile_w + 20);
          g_assert_cmpfloat (G.col_x[l], >=, L.network.x);
          g_assert_cmpfloat (G.col_x[l] + G.tile_w, <=, L.network.x + L.network.w);
          for (guint u = 0; u < net->shown[l]; u++)
            {
              g_assert_cmpfloat (G.tile_y[l][u], >=, L.network.y + G.header_h);
              g_assert_cmpfloat (G.tile_y[l][u] + G.tile_h, <=,
                                 L.network.y + L.network.h - G.footer_h);
              if (u > 0)
                g_assert_cmpfloat (G.tile_y[l][u], >=, G.tile_y[l][u - 1] + G.tile_h + 2);
            }
        }
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
}

static void
test_edge_width (void)
{
  double last = 0;

  for (int i = 0; i <= 20; i++)
    {
      double w = mlr_boundary_network_edge_width ((i % 2 ? -1 : 1) * i * 0.1, 2.0);
      g_assert_cmpfloat (w, >, last);
      last = w;
    }
  g_assert_cmpfloat (mlr_boundary_network_edge_width (2.0, 2.0), ==,
                     mlr_boundary_network_edge_width (-2.0, 2.0));
  g_assert_cmpfloat (mlr_boundary_network_edge_width (0, 2.0), <, 1);
  g_assert_cmpfloat (mlr_boundary_network_edge_width (2.0, 2.0), >=, 4);
  g_assert_cmpfloat (mlr_boundary_network_edge_width (NAN, 2.0), ==,
                     mlr_boundary_network_edge_width (0, 2.0));
  g_assert_cmpfloat (mlr_boundary_network_edge_width (1, 0), ==,
                     mlr_boundary_network_edge_width (0, 2.0));
}

static Rgb
pixel (cairo_surface_t *s,
       double           x,
       double           y)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint32 v = *(const guint32 *) (data + (int) floor (y) * stride + 4 * (int) floor (x));

  return (Rgb) { ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0 };
}

static double
distance (Rgb             a,
          const MlrColor *c)
{
  return sqrt ((a.r - c->r) * (a.r - c->r) + (a.g - c->g) * (a.g - c->g) +
               (a.b - c->b) * (a.b - c->b));
}

/* What the picture says, light and dark. */
static void
test_picture (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  const int width = 1280, height = 800;
  g_autoptr(MlrBoundaryState) state = state_from ("mlp", "network");
  g_autoptr(MlrBoundaryPainterCache) cache = mlr_boundary_painter_cache_new ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (s);
  MlrColor neg, pos;
  const MlrBoundaryResult *r;
  const MlrMlpNetwork *net;
  MlrBoundaryNetworkGeometry G;
  MlrBoundaryLayout L;
  MlrPalette palette;
  const MlrMlpEdge *e;
  double y, cx, cy, t;
  guint differ = 0;

  mlr_palette_init_default (&palette, dark);
  neg = mlr_boundary_network_sign_color (&palette, -1);
  pos = mlr_boundary_network_sign_color (&palette, 1);
  g_assert_cmpfloat (distance ((Rgb) { neg.r, neg.g, neg.b }, &pos), >, 0.3);
  fit (state, width, height);
  r = mlr_boundary_state_get_result (state);
  net = r->network;
  mlr_cairo_set_color (cr, &palette.background);
  cairo_paint (cr);
  mlr_boundary_painter_draw (cr, width, height, &palette, state, NULL, cache);
  cairo_surface_flush (s);
  mlr_boundary_painter_layout (width, height, &palette, state, &L);
  mlr_boundary_network_geometry (cr, &palette, net, &L.network, &G);

  /* x1's map: standardized x1 < 0 on the left (negative colour), > 0 on the right */
  y = G.tile_y[0][0] + G.tile_h / 2;
  g_assert_cmpfloat (distance (pixel (s, G.col_x[0] + 2, y), &neg), <,
                     distance (pixel (s, G.col_x[0] + 2, y), &pos));
  g_assert_cmpfloat (distance (pixel (s, G.col_x[0] + G.tile_w - 3, y), &pos), <,
                     distance (pixel (s, G.col_x[0] + G.tile_w - 3, y), &neg));
  /* x2's map: larger x2 at the top (the plane's orientation) */
  cx = G.col_x[0] + G.tile_w / 2;
  g_assert_cmpfloat (distance (pixel (s, cx, G.tile_y[0][1] + 2), &pos), <,
                     distance (pixel (s, cx, G.tile_y[0][1] + 2), &neg));
  g_assert_cmpfloat (distance (pixel (s, cx, G.tile_y[0][1] + G.tile_h - 3), &neg), <,
                     distance (pixel (s, cx, G.tile_y[0][1] + G.tile_h - 3), &pos));

  /* every hidden map is painted (not all background) */
  for (guint u = 0; u < net->shown[1]; u++)
    for (double fx = 0.2; fx < 0.9; fx += 0.2)
      for (double fy = 0.2; fy < 0.9; fy += 0.2)
        differ += distance (pixel (s, G.col_x[1] + fx * G.tile_w, G.tile_y[1][u] + fy * G.tile_h),
                            &palette.background) > 0.05;
  g_assert_cmpuint (differ, >, net->shown[1] * 4);

  /* the strongest shown edge: on top of the others, in its sign's colour, at its middle */
  {
    double best = -1;
    guint bl = 0, bi = 0, bj = 0;
    for (guint l = 0; l + 1 < net->n_layers; l++)
      for (guint i = 0; i < net->shown[l]; i++)
        for (guint j = 0; j < net->shown[l + 1]; j++)
          if (fabs (mlr_mlp_network_weight (net, l, i, j)) > best)
            {
              best = fabs (mlr_mlp_network_weight (net, l, i, j));
              bl = l, bi = i, bj = j;
            }
    g_assert_cmpfloat (best, ==, net->max_abs_weight);
    t = 0.5;
    cx = (1 - t) * (G.col_x[bl] + G.tile_w) + t * G.col_x[bl + 1];
    cy = (1 - t) * (G.tile_y[bl][bi] + G.tile_h / 2) + t * (G.tile_y[bl + 1][bj] + G.tile_h / 2);
    {
      MlrColor want = mlr_boundary_network_sign_color (&palette,
                                                       mlr_mlp_network_weight (net, bl, bi, bj));
      g_assert_cmpfloat (distance (pixel (s, cx, cy), &want), <, 0.08);
    }
    /* hovering it names it with its value */
    {
      g_autofree char *text = mlr_boundary_network_text_at (&L, &palette, r, cx, cy);
      g_autofree char *value = g_strdup_printf (": %+.3f",
                                                mlr_mlp_network_weight (net, bl, bi, bj));
      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, "weight from "));
      g_assert_true (g_str_has_suffix (text, value));
    }
  }

  /* hovering a map gives its unit's range over the plane; empty room gives nothing */
  {
    g_autofree char *x1 = mlr_boundary_network_text_at (&L, &palette, r, G.col_x[0] + 3,
                                                        G.tile_y[0][0] + 3);
    g_autofree char *out = mlr_boundary_network_text_at (&L, &palette, r,
                                                         G.col_x[3] + G.tile_w / 2,
                                                         G.tile_y[3][2] + G.tile_h / 2);
    g_autofree char *hidden = mlr_boundary_network_text_at (&L, &palette, r,
                                                            G.col_x[1] + G.tile_w / 2,
                                                            G.tile_y[1][0] + G.tile_h / 2);
    float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;
    const float *map = mlr_mlp_network_map (net, 1, 0, NULL);
    g_autofree char *range = NULL;

    for (guint c = 0; c < net->grid.width * net->grid.height; c++)
      {
        lo = MIN (lo, map[c]);
        hi = MAX (hi, map[c]);
      }
    range = g_strdup_printf ("from %.2f to %.2f over the plane", lo, hi);
    g_assert_true (g_str_has_prefix (x1, "x1, standardized: from "));
    g_assert_true (g_str_has_prefix (out, "output 2, the probability of class 2: from "));
    g_assert_true (g_str_has_prefix (hidden, "unit 1 of hidden layer 1: output "));
    g_assert_true (g_str_has_suffix (hidden, range));
    g_assert_null (mlr_boundary_network_text_at (&L, &palette, r, L.network.x + 1,
                                                 L.network.y + 1));
    g_assert_null (mlr_boundary_network_text_at (&L, &palette, r, L.plot.x0 + 10,
                                                 L.plot.y0 + 10));
  }

  /* the sentence names the layers and the strongest weight of the whole network */
  {
    g_autofree char *text = mlr_boundary_network_describe (net);
    g_autofree char *w = NULL;
    e = &net->strongest[0];
    w = g_strdup_printf ("%+.2f", e->weight);
    g_assert_nonnull (strstr (text, "Network: 2 inputs, hidden layers of 16, 6 units, 3 outputs"));
    g_assert_nonnull (strstr (text, "Strongest weights: "));
    g_assert_nonnull (strstr (text, w));
  }

  /* the maps are built once per result and theme */
  g_assert_cmpuint (mlr_boundary_network_cache_get_builds (cache), ==, 1);
  mlr_boundary_painter_draw (cr, width, height, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_boundary_network_cache_get_builds (cache), ==, 1);
  {
    MlrGrid grid;
    mlr_boundary_painter_grid (&L, &grid);
    g_autoptr(MlrBoundaryJob) job = mlr_boundary_state_new_job (state, &grid, 1);
    mlr_boundary_state_take_result (state, mlr_boundary_job_run (job));
  }
  mlr_boundary_painter_draw (cr, width, height, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_boundary_network_cache_get_builds (cache), ==, 2);

  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Before the first fit the view says the network comes with it; nothing crashes. */
static void
test_unfitted (void)
{
  g_autoptr(MlrBoundaryState) state = state_from ("mlp", "network");
  g_autoptr(MlrBoundaryPainterCache) cache = mlr_boundary_painter_cache_new ();
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 740, 800);
  cairo_t *cr = cairo_create (s);
  MlrPalette palette;

  mlr_palette_init_default (&palette, TRUE);
  mlr_boundary_painter_draw (cr, 740, 800, &palette, state, NULL, cache);
  g_assert_cmpuint (mlr_boundary_network_cache_get_builds (cache), ==, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/painters/boundary-network/layout", test_layout);
  g_test_add_func ("/painters/boundary-network/geometry", test_geometry);
  g_test_add_func ("/painters/boundary-network/edge-width", test_edge_width);
  g_test_add_data_func ("/painters/boundary-network/picture-light", GINT_TO_POINTER (FALSE),
                        test_picture);
  g_test_add_data_func ("/painters/boundary-network/picture-dark", GINT_TO_POINTER (TRUE),
                        test_picture);
  g_test_add_func ("/painters/boundary-network/unfitted", test_unfitted);
  return g_test_run ();
}
