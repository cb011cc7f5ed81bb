/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix painter on cairo image surfaces, asserting what the picture means: the unit
 * square's image is filled in the accent colour when A keeps orientation and in orange when
 * it flips it, and not at all when A is singular; the tip of î is drawn where A sends (1, 0);
 * the warped grid lines lie where A sends the grid; eigenvector and singular-value overlays
 * sit on λv and on the ellipse; the view fits the transformed square; the read-out card only
 * appears on wide pictures. Light and dark palettes both.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-matrix-painter.h"
#include "painters/mlr-render.h"

#define W 640
#define H 560

typedef struct {
  cairo_surface_t *surface;
  MlrMatrixLayout  layout;
  MlrPalette       palette;
} Picture;

static MlrMatrixState *
state_for (const char *matrix,
           const char *show)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("matrix"));
  g_autoptr(GError) error = NULL;
  MlrMatrixState *state;

  g_assert_true (mlr_params_set (params, "matrix", matrix, &error));
  g_assert_true (mlr_params_set (params, "show", show, &error));
  g_assert_true (mlr_params_set (params, "animate", "false", &error));
  state = mlr_matrix_state_new (params, &error);
  g_assert_no_error (error);
  return state;
}

static void
paint (Picture              *pic,
       const MlrMatrixState *state,
       gboolean              dark,
       int                   width,
       int                   height)
{
  cairo_t *cr;

  mlr_palette_init_default (&pic->palette, dark);
  pic->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (pic->surface);
  mlr_cairo_set_color (cr, &pic->palette.background);
  cairo_paint (cr);
  mlr_matrix_painter_draw (cr, width, height, &pic->palette, state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (pic->surface);
  mlr_matrix_painter_layout (width, height, state, &pic->layout);
}

static void
picture_clear (Picture *pic)
{
  g_clear_pointer (&pic->surface, cairo_surface_destroy);
}

static MlrColor
pixel_at (Picture *pic,
          double   px,
          double   py)
{
  int x = (int) floor (px), y = (int) floor (py);
  int stride = cairo_image_surface_get_stride (pic->surface);
  const guint8 *data = cairo_image_surface_get_data (pic->surface);
  guint32 v;
  MlrColor c;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (pic->surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (pic->surface));
  v = *(const guint32 *) (data + y * stride + x * 4);
  /* opaque (the background is), so no un-premultiplying */
  c.r = ((v >> 16) & 0xff) / 255.0;
  c.g = ((v >> 8) & 0xff) / 255.0;
  c.b = (v & 0xff) / 255.0;
  c.a = 1;
  return c;
}

/* The pixel where the plane's point (x, y) is drawn. */
static MlrColor
data_pixel (Picture *pic,
            double   x,
            double   y)
{
  return pixel_at (pic, mlr_plot_x (&pic->layout.plot, x), mlr_plot_y (&pic->layout.plot, y));
}

static double
color_distance (const MlrColor *a,
                const MlrColor *b)
{
  return fabs (a->r - b->r) + fabs (a->g - b->g) + fabs (a->b - b->b);
}

/* How far along the blend from @from to @to @c is (0 = from, 1 = to), or -1 when @c is not on
 * that blend (a different hue, within 3/255 per channel). */
static double
blend_amount (const MlrColor *c,
              const MlrColor *from,
              const MlrColor *to)
{
  const double cc[3] = { c->r, c->g, c->b };
  const double f[3] = { from->r, from->g, from->b };
  const double t[3] = { to->r, to->g, to->b };
  double num = 0, den = 0, amount;

  for (int i = 0; i < 3; i++)
    {
      num += (cc[i] - f[i]) * (t[i] - f[i]);
      den += (t[i] - f[i]) * (t[i] - f[i]);
    }
  amount = den > 0 ? num / den : 0;
  for (int i = 0; i < 3; i++)
    if (fabs (f[i] + amount * (t[i] - f[i]) - cc[i]) > 3.5 / 255)
      return -1;
  return amount;
}

static gboolean
is_fill_of (const MlrColor   *c,
            const MlrPalette *palette,
            const MlrColor   *fill)
{
  double t = blend_amount (c, &palette->background, fill);

  return t > 0.12 && t < 0.6;
}

static void
test_area_colour_follows_orientation (void)
{
  for (int dark = 0; dark < 2; dark++)
    {
      g_autoptr(MlrMatrixState) keep = state_for ("2,0.5,0,1", "det");
      g_autoptr(MlrMatrixState) flip = state_for ("0,1,1,0", "det");
      Picture pic = { 0 };
      MlrColor c, accent, orange;

      paint (&pic, keep, dark, W, H);
      accent = mlr_matrix_painter_area_color (&pic.palette, 1);
      orange = mlr_matrix_painter_area_color (&pic.palette, -1);
      g_assert_cmpfloat (color_distance (&accent, &orange), >, 0.5);
      /* inside the parallelogram 0, (2, 0), (2.5, 1), (0.5, 1), away from labels and edges */
      c = data_pixel (&pic, 1.6, 0.3);
      g_assert_true (is_fill_of (&c, &pic.palette, &accent));
      g_assert_false (is_fill_of (&c, &pic.palette, &orange));
      /* outside it: the background */
      c = data_pixel (&pic, -0.6, -0.6);
      g_assert_cmpfloat (color_distance (&c, &pic.palette.background), <, 0.02);
      picture_clear (&pic);

      /* the reflection maps the square onto itself, flipped */
      paint (&pic, flip, dark, W, H);
      c = data_pixel (&pic, 0.75, 0.25);
      g_assert_true (is_fill_of (&c, &pic.palette, &orange));
      g_assert_false (is_fill_of (&c, &pic.palette, &accent));
      c = data_pixel (&pic, 0.25, 0.75);
      g_assert_true (is_fill_of (&c, &pic.palette, &orange));
      picture_clear (&pic);
    }
}

static guint
count_fill_pixels (Picture *pic)
{
  MlrColor accent = mlr_matrix_painter_area_color (&pic->palette, 1);
  MlrColor orange = mlr_matrix_painter_area_color (&pic->palette, -1);
  int w = cairo_image_surface_get_width (pic->surface);
  int h = cairo_image_surface_get_height (pic->surface);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        MlrColor c = pixel_at (pic, x + 0.5, y + 0.5);
        if (is_fill_of (&c, &pic->palette, &accent) || is_fill_of (&c, &pic->palette, &orange))
          n++;
      }
  return n;
}

static void
test_singular_has_no_area (void)
{
  g_autoptr(MlrMatrixState) singular = state_for ("1,2,2,4", "det");
  g_autoptr(MlrMatrixState) nearly = state_for ("1,2,2,4.5", "det");
  Picture pic = { 0 };
  double unit;
  guint filled;

  paint (&pic, singular, FALSE, W, H);
  /* the square collapsed onto the line through (1, 2): nothing filled... */
  g_assert_cmpuint (count_fill_pixels (&pic), <, 20);
  /* ...and a point the nearby non-singular square covers is plain background */
  {
    MlrColor c = data_pixel (&pic, 1.5, 3.3);
    g_assert_cmpfloat (color_distance (&c, &pic.palette.background), <, 0.02);
  }
  picture_clear (&pic);

  /* the control: det = 0.5 fills about half a unit square's worth of pixels */
  paint (&pic, nearly, FALSE, W, H);
  unit = pic.layout.plot.w / (pic.layout.plot.xmax - pic.layout.plot.xmin);
  filled = count_fill_pixels (&pic);
  g_assert_cmpfloat (filled, >, 0.3 * unit * unit);
  g_assert_cmpfloat (filled, <, 0.6 * unit * unit);
  picture_clear (&pic);
}

static void
test_ihat_tip (void)
{
  const char *matrices[] = { "2,0.5,-1,1", "-1.5,0,0.5,1", "1,1,0,1" };

  for (guint i = 0; i < G_N_ELEMENTS (matrices); i++)
    {
      g_autoptr(MlrMatrixState) s = state_for (matrices[i], "grid,det");
      const MlrMat2 *m = mlr_matrix_state_get_matrix (s);
      Picture pic = { 0 };
      MlrColor ihat, jhat, c;

      paint (&pic, s, FALSE, W, H);
      ihat = mlr_matrix_painter_ihat_color (&pic.palette);
      jhat = mlr_matrix_painter_jhat_color (&pic.palette);
      /* the tip of î is at A(1, 0) = (a, c), in î's colour; ĵ's at (b, d) in its own */
      c = data_pixel (&pic, m->a, m->c);
      g_assert_cmpfloat (color_distance (&c, &ihat), <, 0.08);
      c = data_pixel (&pic, m->b, m->d);
      g_assert_cmpfloat (color_distance (&c, &jhat), <, 0.08);
      /* and halfway along î's shaft */
      c = data_pixel (&pic, m->a / 2, m->c / 2);
      g_assert_cmpfloat (color_distance (&c, &ihat), <, 0.08);
      picture_clear (&pic);
    }
}

static void
test_warped_grid (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("1,1,0,1", "grid");
  Picture pic = { 0 };
  MlrColor c;
  double unit;

  paint (&pic, s, FALSE, W, H);
  unit = pic.layout.plot.w / (pic.layout.plot.xmax - pic.layout.plot.xmin);
  g_assert_cmpfloat (unit, >, 60);
  /* the shear sends the line x = 1 to (1 + s, s): at y = 1.25 it passes x = 2.25 */
  c = data_pixel (&pic, 2.25, 1.25);
  g_assert_cmpfloat (blend_amount (&c, &pic.palette.background, &pic.palette.accent), >, 0.3);
  /* halfway between two warped lines, off every original grid line: background */
  c = data_pixel (&pic, 1.75, 1.25);
  g_assert_cmpfloat (color_distance (&c, &pic.palette.background), <, 0.02);
  /* the image of the y axis (x = 0) is the bold diagonal through the origin */
  c = data_pixel (&pic, -1.5, -1.5);
  g_assert_cmpfloat (blend_amount (&c, &pic.palette.background, &pic.palette.accent), >, 0.7);
  picture_clear (&pic);
}

static void
test_eigen_and_svd (void)
{
  g_autoptr(MlrMatrixState) sym = state_for ("2,1,1,2", "eigen");
  g_autoptr(MlrMatrixState) shear = state_for ("1,1,0,1", "svd");
  Picture pic = { 0 };
  MlrColor c, fg, purple;
  MlrMat2Svd svd;
  const MlrMat2 *m;

  /* λ₁ = 3 along (1, 1): its arrow reaches 3/√2 ≈ 2.12 on both axes; λ₂ = 1 along (1, -1) */
  paint (&pic, sym, FALSE, W, H);
  fg = pic.palette.foreground;
  fg.a = 1;
  c = data_pixel (&pic, 1.3, 1.3);
  g_assert_cmpfloat (blend_amount (&c, &pic.palette.background, &fg), >, 0.6);
  c = data_pixel (&pic, 0.35, -0.35);
  g_assert_cmpfloat (blend_amount (&c, &pic.palette.background, &fg), >, 0.6);
  picture_clear (&pic);

  /* the ellipse is the image of the unit circle; σ₁'s arrow ends on it */
  paint (&pic, shear, FALSE, W, H);
  purple = pic.palette.classes[3];
  m = mlr_matrix_state_get_matrix (shear);
  for (double th = 0.3; th < 6.2; th += 1.1)
    {
      MlrVec2 p = mlr_mat2_apply (m, (MlrVec2) { cos (th), sin (th) });
      c = data_pixel (&pic, p.x, p.y);
      if (color_distance (&c, &purple) >= 0.25)
        g_error ("ellipse pixel at θ = %g: %g %g %g", th, c.r, c.g, c.b);
    }
  mlr_mat2_svd (m, &svd);
  c = data_pixel (&pic, svd.u.a * svd.sigma[0] * 0.6, svd.u.c * svd.sigma[0] * 0.6);
  g_assert_cmpfloat (color_distance (&c, &purple), <, 0.25);
  picture_clear (&pic);
}

static void
test_points_follow_the_matrix (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("3,0,0,0.3", "points");
  Picture pic = { 0 };
  guint n, hits = 0;
  const MlrVec2 *pts = mlr_matrix_state_get_points (s, &n);

  paint (&pic, s, FALSE, W, H);
  for (guint i = 0; i < n; i++)
    {
      MlrVec2 p = mlr_mat2_apply (mlr_matrix_state_get_matrix (s), pts[i]);
      MlrColor c = data_pixel (&pic, p.x, p.y);
      if (color_distance (&c, &pic.palette.background) > 0.3)
        hits++;
    }
  /* nearly every transformed point is drawn (a few hide under the arrows and labels) */
  g_assert_cmpuint (hits, >, n * 9 / 10);
  picture_clear (&pic);
}

static void
test_view_fits_square (void)
{
  const char *matrices[] = { "1,0,0,1", "3,1,1,3", "-4,2,0.5,7", "0.1,0,0,0.1", "60,0,-20,40" };

  for (guint i = 0; i < G_N_ELEMENTS (matrices); i++)
    {
      g_autoptr(MlrMatrixState) s = state_for (matrices[i], "grid,det,svd");
      const MlrMat2 *m = mlr_matrix_state_get_matrix (s);
      const MlrVec2 corners[] = { { m->a, m->c }, { m->b, m->d }, { m->a + m->b, m->c + m->d },
                                  { 1, 1 } };
      MlrMatrixLayout layout;
      const MlrPlot *p = &layout.plot;

      mlr_matrix_painter_layout (W, H, s, &layout);
      /* equal aspect, origin in the middle */
      g_assert_cmpfloat_with_epsilon (p->w / (p->xmax - p->xmin), p->h / (p->ymax - p->ymin),
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (mlr_plot_x (p, 0), p->x0 + p->w / 2, 1e-9);
      for (guint k = 0; k < G_N_ELEMENTS (corners); k++)
        {
          g_assert_cmpfloat (corners[k].x, >, p->xmin);
          g_assert_cmpfloat (corners[k].x, <, p->xmax);
          g_assert_cmpfloat (corners[k].y, >, p->ymin);
          g_assert_cmpfloat (corners[k].y, <, p->ymax);
        }
    }
}

static void
test_card_only_when_wide (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("1,1,0,1", "grid,det");
  MlrMatrixLayout layout;

  mlr_matrix_painter_layout (1280, 800, s, &layout);
  g_assert_true (layout.has_card);
  g_assert_cmpfloat (layout.plot.x0, >=, layout.card_x + layout.card_w);
  mlr_matrix_painter_layout (700, 600, s, &layout);
  g_assert_false (layout.has_card);
  mlr_matrix_painter_layout (440, 440, s, &layout);
  g_assert_false (layout.has_card);
}

static void
test_animation_frames (void)
{
  g_autoptr(MlrMatrixState) s = state_for ("0,1,1,0", "grid,det,eigen,svd,points,inverse");
  Picture pic = { 0 };

  /* every frame of a flip, including the singular middle one, paints without error */
  mlr_matrix_state_rewind (s);
  do
    {
      paint (&pic, s, FALSE, 320, 240);
      picture_clear (&pic);
    }
  while (mlr_matrix_state_step (s, 0.05));
}

static void
test_render (void)
{
  g_autoptr(MlrParams) params =
    mlr_demo_kind_new_params (mlr_demo_registry_lookup ("matrix"));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  g_assert_true (mlr_params_set (params, "matrix", "1,1,0,1", &error));
  /* the render entry point shows the end of the animation even when animate=true */
  g_assert_true (mlr_render_demo ("matrix", params, cr, 400, 300, &palette, &error));
  g_assert_no_error (error);
  g_assert_nonnull (mlr_demo_registry_lookup ("matrix"));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_tiny_and_huge (void)
{
  const char *matrices[] = { "0,0,0,0", "100,100,-100,-100", "1e-9,0,0,1e-9",
                             "100,-100,100,100", "1,1,1,1.0000001" };

  for (guint i = 0; i < G_N_ELEMENTS (matrices); i++)
    {
      g_autoptr(MlrMatrixState) s = state_for (matrices[i], "grid,det,eigen,svd,points,inverse");
      Picture pic = { 0 };

      paint (&pic, s, i % 2, W, H);
      picture_clear (&pic);
      paint (&pic, s, FALSE, 20, 20);
      picture_clear (&pic);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/painters/matrix/area-colour-follows-orientation",
                   test_area_colour_follows_orientation);
  g_test_add_func ("/painters/matrix/singular-has-no-area", test_singular_has_no_area);
  g_test_add_func ("/painters/matrix/ihat-tip", test_ihat_tip);
  g_test_add_func ("/painters/matrix/warped-grid", test_warped_grid);
  g_test_add_func ("/painters/matrix/eigen-and-svd", test_eigen_and_svd);
  g_test_add_func ("/painters/matrix/points-follow-the-matrix", test_points_follow_the_matrix);
  g_test_add_func ("/painters/matrix/view-fits-square", test_view_fits_square);
  g_test_add_func ("/painters/matrix/card-only-when-wide", test_card_only_when_wide);
  g_test_add_func ("/painters/matrix/animation-frames", test_animation_frames);
  g_test_add_func ("/painters/matrix/render", test_render);
  g_test_add_func ("/painters/matrix/tiny-and-huge", test_tiny_and_huge);
  return g_test_run ();
}
