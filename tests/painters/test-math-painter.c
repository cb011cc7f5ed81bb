/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formula layout (issue 13): every construct's ink stays inside the box the layout reports (so
 * a page can place formulas without clipping or overlap), and the layout has TeX's shape:
 * scripts smaller and shifted, a fraction's numerator above its denominator around the axis,
 * limits above and below a display-style sum, delimiters and radicals that grow with what
 * they hold, a bigger formula at a bigger size. MLR_MATH_SHOTS=DIR writes each picture.
 */
#include "config.h"

#include <math.h>

#include "lessons/mlr-math.h"
#include "painters/mlr-math-painter.h"

#define SIZE 20.0

static const char * const formulas[] = {
  "x",
  "x^2 + y_i^2 = r^2",
  "\\frac{\\partial L}{\\partial w} = \\sum_{i=1}^{n} (\\hat y_i - y_i)\\, x_i",
  "\\sqrt{x^2 + 1} \\le \\sqrt[3]{y}",
  "\\left( \\frac{a}{b} \\right)^2 \\cdot \\mathbb{R}^n \\to \\mathbf{w}^\\top \\vec v",
  "A = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
  "|x| = \\begin{cases} x & \\text{if } x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}",
  "\\begin{aligned} f(x) &= (x + 1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned}",
  "\\min_{w} \\frac{1}{n} \\left\\| w \\right\\|_2^2 + \\lambda \\bar{x} + \\tilde\\theta",
  "\\operatorname*{argmax}_k \\; p(y = k \\mid x) \\quad \\int_0^1 f(x)\\, dx",
  "\\sigma(z) = \\frac{1}{1 + e^{-z}}, \\; \\mathcal{L}, \\dot x, \\ddot x, f'(x), f''",
  ("\\begin{bmatrix} 1 \\\\ 2 \\\\ 3 \\end{bmatrix} \\begin{vmatrix} a & b \\\\ c & d "
   "\\end{vmatrix} \\left\\langle u, v \\right\\rangle"),
};

typedef struct {
  double width, height, depth;
  int    ink_x0, ink_x1, ink_y0, ink_y1;   /* the drawn pixels' bounds; x0 > x1 when none */
} Shot;

static MlrMathNode *
parse (const char *tex)
{
  g_autoptr(GError) error = NULL;
  MlrMathNode *n = mlr_math_parse (tex, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* Lays @tex out and draws it at (X0, BASE) on a transparent surface; the ink's bounds. */
#define X0 40
#define BASE 120
static Shot
shoot (const char *tex,
       double      size,
       gboolean    display,
       const char *name)
{
  g_autoptr(MlrMathNode) n = parse (tex);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 240);
  cairo_t *cr = cairo_create (s);
  MlrColor black = { 0, 0, 0, 1 };
  g_autoptr(MlrMathBox) box = mlr_math_layout (cr, n, size, display);
  Shot shot = { .ink_x0 = G_MAXINT, .ink_x1 = -1, .ink_y0 = G_MAXINT, .ink_y1 = -1 };
  const guint8 *data;
  int stride;

  mlr_math_box_extents (box, &shot.width, &shot.height, &shot.depth);
  mlr_math_box_draw (cr, box, X0, BASE, &black);
  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  for (int y = 0; y < 240; y++)
    for (int x = 0; x < 1200; x++)
      if (data[y * stride + 4 * x + 3] > 64)   /* alpha: clearly drawn, not antialiasing */
        {
          shot.ink_x0 = MIN (shot.ink_x0, x);
          shot.ink_x1 = MAX (shot.ink_x1, x);
          shot.ink_y0 = MIN (shot.ink_y0, y);
          shot.ink_y1 = MAX (shot.ink_y1, y);
        }
  if (name != NULL && g_getenv ("MLR_MATH_SHOTS") != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.png", g_getenv ("MLR_MATH_SHOTS"), name);
      cairo_surface_write_to_png (s, path);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  return shot;
}

/* Every formula's ink lies inside its box (two pixels of slack for antialiasing and the
 * rounding of glyph extents), and is not empty. */
static void
test_ink_inside_box (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    for (int display = 0; display <= 1; display++)
      {
        g_autofree char *name = g_strdup_printf ("formula-%u-%s", i, display ? "display" : "text");
        Shot s = shoot (formulas[i], SIZE, display, name);

        g_test_message ("%s: box %.1f × (%.1f + %.1f), ink x %d..%d y %d..%d", formulas[i],
                        s.width, s.height, s.depth, s.ink_x0, s.ink_x1, s.ink_y0, s.ink_y1);
        g_assert_cmpint (s.ink_x1, >=, s.ink_x0);
        g_assert_cmpfloat (s.width, >, 0);
        g_assert_cmpint (s.ink_x0, >=, X0 - 2);
        g_assert_cmpfloat (s.ink_x1, <=, X0 + s.width + 2);
        g_assert_cmpfloat (s.ink_y0, >=, BASE - s.height - 2);
        g_assert_cmpfloat (s.ink_y1, <=, BASE + s.depth + 2);
      }
}

static void
box_of (const char *tex,
        gboolean    display,
        double     *w,
        double     *h,
        double     *d)
{
  Shot s = shoot (tex, SIZE, display, NULL);

  *w = s.width;
  *h = s.height;
  *d = s.depth;
}

static void
test_shapes (void)
{
  double w1, h1, d1, w2, h2, d2;

  /* a superscript raises the top, a subscript lowers the bottom; both are smaller than x */
  box_of ("x", FALSE, &w1, &h1, &d1);
  box_of ("x^2", FALSE, &w2, &h2, &d2);
  g_assert_cmpfloat (h2, >, h1);
  g_assert_cmpfloat (w2 - w1, <, w1 * 1.2);
  box_of ("x_2", FALSE, &w2, &h2, &d2);
  g_assert_cmpfloat (d2, >, d1);

  /* a fraction stacks: taller and deeper than a line, no wider than its wider part + pad */
  box_of ("\\frac{a}{b}", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (h2, >, h1 * 1.5);
  g_assert_cmpfloat (d2, >, SIZE * 0.3);

  /* in display style a sum's limits go above and below, so it is taller than inline */
  box_of ("\\sum_{i=1}^{n} x", TRUE, &w1, &h1, &d1);
  box_of ("\\sum_{i=1}^{n} x", FALSE, &w2, &h2, &d2);
  g_assert_cmpfloat (h1 + d1, >, h2 + d2);
  g_assert_cmpfloat (w1, <, w2);   /* limits stack instead of trailing */

  /* delimiters and radicals grow with what they hold */
  box_of ("(x)", TRUE, &w1, &h1, &d1);
  box_of ("\\left(\\frac{a}{b}\\right)", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (h2 + d2, >, (h1 + d1) * 1.5);
  box_of ("\\sqrt{x}", TRUE, &w1, &h1, &d1);
  box_of ("\\sqrt{\\frac{a}{b}}", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (h2 + d2, >, (h1 + d1) * 1.5);

  /* a matrix with more rows is taller */
  box_of ("\\begin{pmatrix} a \\\\ b \\end{pmatrix}", TRUE, &w1, &h1, &d1);
  box_of ("\\begin{pmatrix} a \\\\ b \\\\ c \\\\ d \\end{pmatrix}", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (h2 + d2, >, (h1 + d1) * 1.5);

  /* spacing: a relation gets thick spaces, so "a=b" is wider than "ab" by more than "=" */
  box_of ("ab", TRUE, &w1, &h1, &d1);
  box_of ("a=b", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (w2 - w1, >, SIZE * 10 / 18.0);

  /* a braced comma is an ordinary atom, as in TeX: 21{,}900 is as wide as the digits and the
   * comma set without the thin space punctuation takes after it */
  box_of ("21{,}900", TRUE, &w1, &h1, &d1);
  box_of ("21,900", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (w2 - w1, >, SIZE * 2 / 18.0);

  /* a prime is set on the baseline at the base's size (the glyph is the raised mark), not as
   * a superscript, so f′ is no taller than f^2 and wider than f; f′^2 still raises the 2 */
  box_of ("f'", TRUE, &w1, &h1, &d1);
  box_of ("f^2", TRUE, &w2, &h2, &d2);
  g_assert_cmpfloat (h1, <=, h2);
  {
    double w0, h0, d0, w3, h3, d3;

    box_of ("f", TRUE, &w0, &h0, &d0);
    g_assert_cmpfloat (w1, >, w0 + SIZE * 0.15);
    box_of ("f'^2", TRUE, &w3, &h3, &d3);
    g_assert_cmpfloat (w3, >, w1);
    g_assert_cmpfloat (h3, >=, h2 - 0.5);
  }

  /* the whole layout scales with the text size */
  {
    Shot small = shoot (formulas[2], SIZE, TRUE, NULL), big = shoot (formulas[2], 2 * SIZE,
                                                                      TRUE, NULL);
    g_assert_cmpfloat (fabs (big.width / small.width - 2), <, 0.15);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/math-painter/ink-inside-box", test_ink_inside_box);
  g_test_add_func ("/math-painter/shapes", test_shapes);
  return g_test_run ();
}
