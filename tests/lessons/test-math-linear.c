/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formulas on one line (issue 13): the plain form search and word counts read, and the Pango
 * markup of <m> in running text. Each construct as a reader would type it, parentheses only
 * where the slash or a script needs them, and markup that Pango accepts.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "lessons/mlr-math-linear.h"

static void
assert_linear (const char *tex,
               const char *plain,
               const char *markup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrMathNode) n = mlr_math_parse (tex, NULL, &error);
  g_autofree char *got_plain = NULL;
  g_autofree char *got_markup = NULL;

  g_assert_no_error (error);
  got_plain = mlr_math_to_plain (n);
  got_markup = mlr_math_to_markup (n);
  if (plain != NULL && g_strcmp0 (got_plain, plain) != 0)
    g_error ("%s\n  plain  %s\n  wanted %s", tex, got_plain, plain);
  if (markup != NULL && g_strcmp0 (got_markup, markup) != 0)
    g_error ("%s\n  markup %s\n  wanted %s", tex, got_markup, markup);
  /* Whatever the formula, the markup parses (GLib's parser is stricter than Pango's). */
  {
    g_autofree char *wrapped = g_strconcat ("<markup>", got_markup, "</markup>", NULL);
    g_autoptr(GMarkupParseContext) ctx = NULL;
    static const GMarkupParser nothing = { 0 };
    g_autoptr(GError) perr = NULL;

    ctx = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
    if (!g_markup_parse_context_parse (ctx, wrapped, -1, &perr) ||
        !g_markup_parse_context_end_parse (ctx, &perr))
      g_error ("%s: markup does not parse: %s\n  %s", tex, perr->message, got_markup);
  }
}

#define NB "\u00a0"     /* around binary operators: no break */
#define THIN "\u202f"   /* after a function name, \, */
#define WJ "\u2060"     /* after a slash in markup: no break */

static void
test_letters_and_operators (void)
{
  assert_linear ("x", "x", "<i>x</i>");
  assert_linear ("2x + 1", "2x" NB "+" NB "1", "2<i>x</i>" NB "+" NB "1");
  assert_linear ("a = b", "a" NB "= b", "<i>a</i>" NB "= <i>b</i>");
  assert_linear ("-x", "−x", "−<i>x</i>");
  assert_linear ("a = -b", "a" NB "= −b", NULL);
  assert_linear ("\\alpha \\le \\beta", "α" NB "≤ β", "<i>α</i>" NB "≤ <i>β</i>");
  assert_linear ("\\log x", "log" THIN "x", "log" THIN "<i>x</i>");
  assert_linear ("x < y", "x" NB "< y", "<i>x</i>" NB "&lt; <i>y</i>");
  assert_linear ("a, b", "a, b", NULL);
  assert_linear ("\\nabla_\\theta L", "∇_θL", "∇<sub><i>θ</i></sub><i>L</i>");
}

static void
test_fractions (void)
{
  assert_linear ("\\frac{a}{b}", "a/b", "<i>a</i>/" WJ "<i>b</i>");
  assert_linear ("\\frac{\\partial L}{\\partial w}", "∂L/∂w", "∂<i>L</i>/" WJ "∂<i>w</i>");
  assert_linear ("\\frac{1}{1 + e^{-z}}", "1/(1" NB "+" NB "e^(−z))",
                 "1/" WJ "(1" NB "+" NB "<i>e</i><sup>−<i>z</i></sup>)");
  assert_linear ("\\frac{a + b}{2}", "(a" NB "+" NB "b)/2", NULL);
  assert_linear ("\\frac{a}{bc}", "a/(bc)", NULL);
  assert_linear ("\\frac{\\frac{a}{b}}{c}", "(a/b)/c", NULL);
}

static void
test_scripts (void)
{
  assert_linear ("x_i", "x_i", "<i>x</i><sub><i>i</i></sub>");
  assert_linear ("x_{i+1}^2", "x_(i" NB "+" NB "1)^2",
                 "<i>x</i><sub><i>i</i>" NB "+" NB "1</sub><sup>2</sup>");
  assert_linear ("\\sum_{i=1}^{n} x_i", "∑_(i" NB "= 1)^n" THIN "x_i",
                 "∑<sub><i>i</i>" NB "= 1</sub><sup><i>n</i></sup>" THIN "<i>x</i><sub><i>i</i></sub>");
  /* primes follow the base at full size, not as a superscript; what follows them is one */
  assert_linear ("f'(x)", "f′(x)", "<i>f</i>′" WJ "(<i>x</i>)");
  assert_linear ("f''^2", "f′′^2", "<i>f</i>′" WJ "′" WJ "<sup>2</sup>");
  assert_linear ("\\operatorname{ReLU}'(1)", "ReLU′(1)", "ReLU′" WJ "(1)");
  assert_linear ("\\left(\\frac{a}{b}\\right)^2", "(a/b)^2", NULL);
}

static void
test_roots_accents_fonts (void)
{
  assert_linear ("\\sqrt{x}", "√x", "√<i>x</i>");
  assert_linear ("\\sqrt{x^2 + y^2}", "√(x^2" NB "+" NB "y^2)", NULL);
  assert_linear ("\\hat y", "y\u0302", "<i>y\u0302</i>");
  assert_linear ("\\bar{x}", "x\u0304", "<i>x\u0304</i>");
  assert_linear ("\\vec{v}", "v\u20d7", NULL);
  assert_linear ("\\mathbb{R}^n", "ℝ^n", "ℝ<sup><i>n</i></sup>");
  assert_linear ("\\mathbb{E}", "𝔼", "𝔼");
  assert_linear ("\\mathbf{w}", "w", "<b>w</b>");
  assert_linear ("\\text{if } x > 0", "if x" NB "> 0", "if <i>x</i>" NB "&gt; 0");
  assert_linear ("\\operatorname{softmax}(z)", "softmax(z)", "softmax(<i>z</i>)");
}

static void
test_tables (void)
{
  assert_linear ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", "(a, b; c, d)", NULL);
  assert_linear ("\\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}", "[1, 0; 0, 1]", NULL);
  assert_linear ("|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}",
                 "|x|" NB "= { x, x" NB "≥ 0; −x, otherwise", NULL);
  assert_linear ("\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", "a = b; = c", NULL);
}

/* Every formula the parser's own tests build, as markup that parses: a hostile author cannot
 * break a label's markup through <m>. */
static void
test_markup_escapes (void)
{
  assert_linear ("a < b \\& c > d", NULL, NULL);
  assert_linear ("\\text{<b>bold</b> & \"quotes\"}", "<b>bold</b> & \"quotes\"", NULL);
  assert_linear ("\\overline{a < b}", NULL, NULL);
  assert_linear ("\\widehat{x y}", NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/math-linear/letters-and-operators", test_letters_and_operators);
  g_test_add_func ("/math-linear/fractions", test_fractions);
  g_test_add_func ("/math-linear/scripts", test_scripts);
  g_test_add_func ("/math-linear/roots-accents-fonts", test_roots_accents_fonts);
  g_test_add_func ("/math-linear/tables", test_tables);
  g_test_add_func ("/math-linear/markup-escapes", test_markup_escapes);
  return g_test_run ();
}
