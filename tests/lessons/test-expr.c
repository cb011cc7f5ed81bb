/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Challenge goals: parsing, errors that name the problem, and evaluation against metrics.
 */
#include <glib.h>
#include <string.h>

#include "lessons/mlr-expr.h"

static const char * const names[] = {
  "dataset", "hidden_units", "test_accuracy", "det", "a", "c", "gd_converged_step", NULL
};

static GVariant *
lookup (const char *name,
        gpointer    user_data)
{
  GHashTable *metrics = user_data;
  GVariant *v = g_hash_table_lookup (metrics, name);

  return v ? g_variant_ref (v) : NULL;
}

static gboolean
holds (const char *goal,
       GHashTable *metrics)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrExpr) expr = mlr_expr_parse (goal, names, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  return mlr_expr_eval (expr, lookup, metrics);
}

static void
test_eval (void)
{
  g_autoptr(GHashTable) m = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) g_variant_unref);

  g_hash_table_insert (m, "dataset", g_variant_ref_sink (g_variant_new_string ("spiral")));
  g_hash_table_insert (m, "hidden_units", g_variant_ref_sink (g_variant_new_double (8)));
  g_hash_table_insert (m, "test_accuracy", g_variant_ref_sink (g_variant_new_double (0.93)));
  g_hash_table_insert (m, "det", g_variant_ref_sink (g_variant_new_double (-2.004)));
  g_hash_table_insert (m, "a", g_variant_ref_sink (g_variant_new_double (1)));
  g_hash_table_insert (m, "c", g_variant_ref_sink (g_variant_new_double (1)));

  g_assert_true (holds ("dataset == 'spiral' and hidden_units <= 8 and test_accuracy >= 0.9", m));
  g_assert_false (holds ("dataset == 'moons' and hidden_units <= 8", m));
  g_assert_false (holds ("hidden_units < 8", m));
  g_assert_true (holds ("hidden_units < 8 or test_accuracy > 0.9", m));
  g_assert_true (holds ("not (hidden_units > 8)", m));
  g_assert_true (holds ("det ~= -2 and a ~= 1 and c ~= 1", m));
  g_assert_false (holds ("det == -2", m));
  g_assert_true (holds ("dataset != 'xor'", m));
  /* A metric the demo has not reported never satisfies a goal. */
  g_assert_false (holds ("gd_converged_step >= 0", m));
  g_assert_false (holds ("not (gd_converged_step < 0) and gd_converged_step >= 0", m));
  /* Strings and numbers do not compare. */
  g_assert_false (holds ("dataset > 3", m));
}

static void
test_errors (void)
{
  static const struct { const char *goal, *message; } bad[] = {
    { "accuracy > 0.9", "“accuracy” is not something this demo measures (it measures: dataset," },
    { "det ~= ", "the goal ends too early" },
    { "(det > 1", "missing “)”" },
    { "det > 1 det", "unexpected text after the goal" },
    { "dataset == 'spiral", "a string is not closed" },
    { "det > 1e999", "expected a number" },
    { "det $ 2", "unexpected text after the goal" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MlrExpr) expr = mlr_expr_parse (bad[i].goal, names, &error);
      g_assert_null (expr);
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("“%s”: got “%s”, expected “%s”", bad[i].goal, error->message, bad[i].message);
    }
}

static void
test_limits (void)
{
  GString *deep = g_string_new (NULL);
  GString *wide = g_string_new ("det > 0");
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  MlrExpr *expr;

  for (int i = 0; i < 100; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "det > 0");
  for (int i = 0; i < 100; i++)
    g_string_append_c (deep, ')');
  expr = mlr_expr_parse (deep->str, names, &e1);
  g_assert_null (expr);
  g_assert_nonnull (strstr (e1->message, "nested too deeply"));
  for (int i = 0; i < 40; i++)
    g_string_append (wide, " and det > 0");
  expr = mlr_expr_parse (wide->str, names, &e2);
  g_assert_null (expr);
  g_assert_nonnull (e2);
  g_string_free (deep, TRUE);
  g_string_free (wide, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/expr/eval", test_eval);
  g_test_add_func ("/lessons/expr/errors", test_errors);
  g_test_add_func ("/lessons/expr/limits", test_limits);
  return g_test_run ();
}
