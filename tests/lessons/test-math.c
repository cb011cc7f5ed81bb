/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The LaTeX subset's parser (issue 13): every construct parses to the tree it means (shown as
 * mlr_math_dump's S-expression), every error names what is wrong and where (a byte offset
 * into the formula), the spoken form reads as a person would say it, and hostile formulas
 * (deep nesting, 100,000 characters, garbage) end in a located error quickly.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "lessons/mlr-math.h"

static void
assert_tree (const char *tex,
             const char *want)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrMathNode) n = mlr_math_parse (tex, NULL, &error);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (n);
  got = mlr_math_dump (n);
  if (g_strcmp0 (got, want) != 0)
    g_error ("%s\n  parsed as %s\n  expected  %s", tex, got, want);
}

static void
assert_error (const char *tex,
              gsize       offset,
              const char *message_part)
{
  g_autoptr(GError) error = NULL;
  gsize at = 12345;
  g_autoptr(MlrMathNode) n = mlr_math_parse (tex, &at, &error);

  g_assert_null (n);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MLR_MATH_ERROR);
  if (strstr (error->message, message_part) == NULL)
    g_error ("%s: message “%s” lacks “%s”", tex, error->message, message_part);
  if (at != offset)
    g_error ("%s: error at %" G_GSIZE_FORMAT ", expected %" G_GSIZE_FORMAT " (%s)", tex, at,
             offset, error->message);
}

static void
test_symbols (void)
{
  assert_tree ("x", "(row x)");
  assert_tree ("x + 12.5 - y", "(row x + 12.5 − y)");
  assert_tree ("a \\le b \\ne c", "(row a ≤ b ≠ c)");
  assert_tree ("\\alpha\\beta\\Omega", "(row α β Ω)");
  assert_tree ("α ≤ β", "(row α ≤ β)");
  assert_tree ("\\nabla_w L", "(row (scripts ∇ w -) L)");
  assert_tree ("\\{1, 2\\}", "(row { 1 , 2 })");
  assert_tree ("\\infty \\partial \\top \\cdot \\times", "(row ∞ ∂ ⊤ · ×)");
  assert_tree ("x \\to y \\implies z", "(row x → y ⟹ z)");
}

static void
test_scripts (void)
{
  assert_tree ("x^2", "(row (scripts x - 2))");
  assert_tree ("x_i", "(row (scripts x i -))");
  assert_tree ("x_i^2", "(row (scripts x i 2))");
  assert_tree ("x^2_i", "(row (scripts x i 2))");
  assert_tree ("x_{ij}", "(row (scripts x (row i j) -))");
  /* one digit as an argument: x^23 is x² followed by 3 */
  assert_tree ("x^23", "(row (scripts x - 2) 3)");
  assert_tree ("f'(x)", "(row (scripts f - (row ′)) ( x ))");
  assert_tree ("f''", "(row (scripts f - (row ′′)))");
  assert_tree ("W^\\top", "(row (scripts W - ⊤))");
  assert_tree ("e^{-x^2}", "(row (scripts e - (row − (scripts x - 2))))");
  assert_tree ("{}^{14}C", "(row (scripts (row) - (row 14)) C)");
}

static void
test_structures (void)
{
  assert_tree ("\\frac{a}{b}", "(row (frac (row a) (row b)))");
  assert_tree ("\\frac12", "(row (frac 1 2))");
  assert_tree ("\\dfrac{\\partial L}{\\partial w}",
               "(row (frac (row ∂ L) (row ∂ w)))");
  assert_tree ("\\sqrt{x}", "(row (sqrt (row x) -))");
  assert_tree ("\\sqrt[3]{x}", "(row (sqrt (row x) (row 3)))");
  assert_tree ("\\hat y", "(row (accent \"ˆ\" y))");
  assert_tree ("\\bar{x} \\vec v \\tilde{\\theta} \\dot x",
               "(row (accent \"¯\" (row x)) (accent \"→\" v) (accent \"˜\" (row θ)) "
               "(accent \"˙\" x))");
  assert_tree ("\\mathbb{R}^n", "(row (scripts (font 3 (row R)) - n))");
  assert_tree ("\\mathbf{x}", "(row (font 2 (row x)))");
  assert_tree ("\\text{if } x > 0", "(row (text \"if \") x > 0)");
  assert_tree ("\\operatorname{softmax}(z)", "(row (text \"softmax\") ( z ))");
  assert_tree ("a\\,b\\;c\\!d\\quad e", "(row a (space 3) b (space 5) c (space -3) d "
                                         "(space 18) e)");
}

static void
test_operators (void)
{
  assert_tree ("\\sum_{i=1}^{n} x_i",
               "(row (scripts ∑! (row i = 1) (row n)) (scripts x i -))");
  assert_tree ("\\prod_i p_i", "(row (scripts ∏! i -) (scripts p i -))");
  assert_tree ("\\int_0^1 f", "(row (scripts ∫ 0 1) f)");
  assert_tree ("\\min_w L", "(row (scripts min! w -) L)");
  assert_tree ("\\argmin_{\\theta} J", "(row (scripts arg min! (row θ) -) J)");
  assert_tree ("\\sum\\nolimits_i", "(row (scripts ∑ i -))");
  assert_tree ("\\int\\limits_0^1", "(row (scripts ∫! 0 1))");
  assert_tree ("\\operatorname*{argmax}_k p_k",
               "(row (scripts (text \"argmax\") k -) (scripts p k -))");
  assert_tree ("\\log p + \\exp(x)", "(row log p + exp ( x ))");
}

static void
test_delimiters (void)
{
  assert_tree ("\\left( \\frac{a}{b} \\right)",
               "(row (fenced \"(\" \")\" (row (frac (row a) (row b)))))");
  assert_tree ("\\left\\| w \\right\\|_2", "(row (scripts (fenced \"‖\" \"‖\" (row w)) 2 -))");
  assert_tree ("\\lVert x \\rVert", "(row ‖ x ‖)");
  assert_tree ("\\left. f \\right|_{x=0}",
               "(row (scripts (fenced \"\" \"|\" (row f)) (row x = 0) -))");
  assert_tree ("\\left\\langle a, b \\right\\rangle", "(row (fenced \"⟨\" \"⟩\" (row a , b)))");
  assert_tree ("\\left\\{ x \\right.", "(row (fenced \"{\" \"\" (row x)))");
}

static void
test_environments (void)
{
  assert_tree ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
               "(row (table 1 2x2 (row a) (row b) (row c) (row d)))");
  assert_tree ("\\begin{bmatrix} 1 \\\\ 2 \\\\ \\end{bmatrix}",
               "(row (table 2 2x1 (row 1) (row 2)))");
  /* a short row is padded */
  assert_tree ("\\begin{matrix} a & b \\\\ c \\end{matrix}",
               "(row (table 0 2x2 (row a) (row b) (row c) (row)))");
  assert_tree ("|x| = \\begin{cases} x & \\text{if } x \\ge 0 \\\\ -x & \\text{otherwise} "
               "\\end{cases}",
               "(row | x | = (table 4 2x2 (row x) (row (text \"if \") x ≥ 0) (row − x) "
               "(row (text \"otherwise\"))))");
  assert_tree ("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}",
               "(row (table 5 2x2 (row a) (row = b) (row) (row = c)))");
}

static void
test_errors (void)
{
  assert_error ("\\frc{a}{b}", 0, "unknown command \\frc — did you mean \\frac?");
  assert_error ("x + \\alhpa", 4, "did you mean \\alpha?");
  assert_error ("\\zzzzzz", 0, "unknown command \\zzzzzz");
  assert_error ("\\frac{a}", 8, "\\frac needs an argument");
  assert_error ("{x", 0, "this { is never closed");
  assert_error ("x}", 1, "this } has no { before it");
  assert_error ("x^2^3", 3, "a second superscript");
  assert_error ("x_1_2", 3, "a second subscript");
  assert_error ("^2", 0, "a superscript with nothing before it");
  assert_error ("a & b", 2, "only work inside an environment");
  assert_error ("a \\\\ b", 2, "only work inside an environment");
  assert_error ("\\left( x", 0, "this \\left has no \\right");
  assert_error ("x \\right)", 2, "this \\right has no \\left");
  assert_error ("\\left x \\right)", 6, "\\left needs a delimiter");
  assert_error ("\\begin{pmatrix} a", 0, "has no \\end{pmatrix}");
  assert_error ("\\begin{pmatrix} a \\end{bmatrix}", 18, "\\end{bmatrix} closes \\begin{pmatrix}");
  assert_error ("\\begin{array} a \\end{array}", 0, "unknown environment “array”");
  assert_error ("\\text x", 6, "in braces");
  assert_error ("\\text{x", 5, "is never closed");
  assert_error ("\\sqrt[3 x", 5, "this [ of \\sqrt is never closed");
  assert_error ("x^2'", 3, "a prime after a superscript");
  assert_error ("x \\", 2, "a lone \\");
  assert_error ("\\limits", 0, "goes right after a big operator");
  assert_error ("a \xff b", 2, "not valid UTF-8");
}

static void
test_speak (void)
{
  static const struct {
    const char *tex, *spoken;
  } cases[] = {
    { "\\frac{\\partial L}{\\partial w} = \\sum_{i=1}^{n} (\\hat y_i - y_i)\\, x_i",
      "the fraction partial L over partial w end fraction equals the sum from i equals 1 to n "
      "of open paren y hat sub i minus y sub i close paren x sub i" },
    { "x^2 + y^3", "x squared plus y cubed" },
    { "\\frac{a}{b}", "a over b" },
    { "\\sqrt{2}", "the square root of 2" },
    { "W^\\top x", "W transposed x" },
    { "e^{-x}", "e to the power minus x end power" },
    { "\\left\\| w \\right\\|^2", "the norm of w end norm squared" },
    { "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}",
      "the 2 by 2 matrix: row 1: 1, 2; row 2: 3, 4 end matrix" },
    { "\\min_w L(w)", "min over w L open paren w close paren" },
    { "\\alpha \\le \\beta", "alpha is at most beta" },
    { "P(A \\mid B)", "P open paren A given B close paren" },
    { "\\left\\lfloor \\frac{n - k}{s} \\right\\rfloor + 1",
      "the floor of the fraction n minus k over s end fraction end floor plus 1" },
    { "\\mathbf{w} \\cdot \\mathbf{x} + b", "w dot x plus b" },
    { "0.9 \\cdot 0.01", "0.9 times 0.01" },
    { "\\frac{f''(x)}{2}", "the fraction f double prime open paren x close paren over 2 end fraction" },
    { "f'(x)", "f prime open paren x close paren" },
    { "\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix}",
      "the determinant of the 2 by 2 matrix: row 1: a, b; row 2: c, d end determinant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrMathNode) n = mlr_math_parse (cases[i].tex, NULL, NULL);
      g_autofree char *got = NULL;

      g_assert_nonnull (n);
      got = mlr_math_speak (n);
      if (g_strcmp0 (got, cases[i].spoken) != 0)
        g_error ("%s\n  spoken as “%s”\n  expected  “%s”", cases[i].tex, got, cases[i].spoken);
    }
}

/* Hostile formulas end in a located error (or a tree) in well under a second each. */
static void
test_hostile (void)
{
  GString *s = g_string_new (NULL);
  gint64 t0;
  gsize at;
  g_autoptr(GError) error = NULL;
  MlrMathNode *n;

  /* 10,000 nested groups: refused at the first level too deep */
  for (int i = 0; i < 10000; i++)
    g_string_append_c (s, '{');
  t0 = g_get_monotonic_time ();
  n = mlr_math_parse (s->str, &at, &error);
  g_assert_null (n);
  g_assert_error (error, MLR_MATH_ERROR, MLR_MATH_ERROR_TOO_DEEP);
  g_assert_cmpuint (at, <=, MLR_MATH_MAX_DEPTH + 1);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* accents without braces nest too: \hat\hat\hat... */
  g_string_truncate (s, 0);
  for (int i = 0; i < 5000; i++)
    g_string_append (s, "\\hat");
  g_string_append (s, "x");
  n = mlr_math_parse (s->str, &at, &error);
  g_assert_null (n);
  g_assert_error (error, MLR_MATH_ERROR, MLR_MATH_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* 100,000 characters of a flat sum: parses, quickly */
  g_string_truncate (s, 0);
  while (s->len < 100000)
    g_string_append (s, "x_i + ");
  g_string_append (s, "y");
  t0 = g_get_monotonic_time ();
  n = mlr_math_parse (s->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (n);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
  mlr_math_node_free (n);

  /* 100,000 characters ending in an unknown command: located at the end */
  g_string_append (s, " \\frc");
  n = mlr_math_parse (s->str, &at, &error);
  g_assert_null (n);
  g_assert_error (error, MLR_MATH_ERROR, MLR_MATH_ERROR_UNKNOWN_COMMAND);
  g_assert_cmpuint (at, ==, s->len - 4);
  g_clear_error (&error);

  /* too long */
  g_string_truncate (s, 0);
  while (s->len <= MLR_MATH_MAX_LENGTH)
    g_string_append (s, "xxxxxxxx");
  n = mlr_math_parse (s->str, NULL, &error);
  g_assert_null (n);
  g_assert_error (error, MLR_MATH_ERROR, MLR_MATH_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* garbage of every ASCII byte: never crashes, always a tree or an error */
  for (guint seed = 0; seed < 2000; seed++)
    {
      GRand *r = g_rand_new_with_seed (seed);
      g_autoptr(GError) e = NULL;
      g_string_truncate (s, 0);
      for (int i = g_rand_int_range (r, 0, 40); i > 0; i--)
        {
          static const char alphabet[] = "\\{}[]^_&'x1 .()|frac left right begin end{pmatrix}";
          g_string_append_c (s, alphabet[g_rand_int_range (r, 0, sizeof alphabet - 1)]);
        }
      n = mlr_math_parse (s->str, &at, &e);
      g_assert_true ((n == NULL) == (e != NULL));
      if (n == NULL)
        g_assert_cmpuint (at, <=, s->len);
      mlr_math_node_free (n);
      g_rand_free (r);
    }
  g_string_free (s, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/math/symbols", test_symbols);
  g_test_add_func ("/math/scripts", test_scripts);
  g_test_add_func ("/math/structures", test_structures);
  g_test_add_func ("/math/operators", test_operators);
  g_test_add_func ("/math/delimiters", test_delimiters);
  g_test_add_func ("/math/environments", test_environments);
  g_test_add_func ("/math/errors", test_errors);
  g_test_add_func ("/math/speak", test_speak);
  g_test_add_func ("/math/hostile", test_hostile);
  return g_test_run ();
}
