/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

#include "ml/mlr-params.h"

static const char * const colours[] = { "red", "green", NULL };

static const MlrParamSpec specs[] = {
  { "lr", MLR_PARAM_NUMBER, "0.1", 1e-5, 10, NULL, 0, 0, NULL, "rate" },
  { "k", MLR_PARAM_INT, "5", 1, 100, NULL, 0, 0, NULL, "neighbours" },
  { "on", MLR_PARAM_BOOL, "true", 0, 0, NULL, 0, 0, NULL, "switch" },
  { "colour", MLR_PARAM_CHOICE, "red", 0, 0, colours, 0, 0, NULL, "colour" },
  { "colours", MLR_PARAM_CHOICE_LIST, "red", 0, 0, colours, 1, 2, NULL, "colours" },
  { "start", MLR_PARAM_NUMBER_LIST, NULL, -10, 10, NULL, 2, 2, NULL, "x,y" },
  { "depth", MLR_PARAM_INT, "none", 1, 50, NULL, 0, 0, "none", "depth" },
};


static const MlrParamSpec list_specs[] = {
  { "sizes", MLR_PARAM_INT_LIST, "1,2", 1, 9, NULL, 1, 3, NULL, "sizes" },
  { "weights", MLR_PARAM_NUMBER_LIST, "0.5,0.25,0.25", 0, 1, NULL, 1, 4, NULL, "weights" },
  { "gamma", MLR_PARAM_NUMBER, "scale", 1e-6, 1e3, NULL, 0, 0, "scale", "kernel width" },
  { "nodefault", MLR_PARAM_NUMBER, NULL, 0, 1, NULL, 0, 0, NULL, "computed" },
};

static void
test_defaults (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  double xy[2];

  g_assert_cmpfloat (mlr_params_get_double (p, "lr"), ==, 0.1);
  g_assert_cmpint (mlr_params_get_int (p, "k"), ==, 5);
  g_assert_true (mlr_params_get_bool (p, "on"));
  g_assert_cmpstr (mlr_params_get_string (p, "colour"), ==, "red");
  g_assert_false (mlr_params_has (p, "lr"));
  g_assert_cmpuint (mlr_params_get_doubles (p, "start", xy, 2), ==, 0);
  g_assert_true (mlr_params_is_special (p, "depth"));
}

static void
test_set_and_get (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(GError) error = NULL;
  double xy[2] = { 0, 0 };

  g_assert_true (mlr_params_set (p, "lr", "2.5e-3", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (mlr_params_get_double (p, "lr"), 2.5e-3, 1e-15);
  g_assert_true (mlr_params_parse_assignment (p, "start= -1.5, 2", &error));
  g_assert_cmpuint (mlr_params_get_doubles (p, "start", xy, 2), ==, 2);
  g_assert_cmpfloat (xy[0], ==, -1.5);
  g_assert_cmpfloat (xy[1], ==, 2.0);
  g_assert_true (mlr_params_set (p, "colours", "green,red", &error));
  g_assert_true (mlr_params_list_contains (p, "colours", "green"));
  g_assert_true (mlr_params_set (p, "depth", "7", &error));
  g_assert_false (mlr_params_is_special (p, "depth"));
  g_assert_cmpint (mlr_params_get_int (p, "depth"), ==, 7);
  g_assert_true (mlr_params_set (p, "on", "off", &error));
  g_assert_false (mlr_params_get_bool (p, "on"));
}

static void
test_rejects (void)
{
  static const struct { const char *key, *value, *message; } bad[] = {
    { "lr", "nan", "lr: “nan” is not a finite number" },
    { "lr", "inf", "lr: “inf” is not a finite number" },
    { "lr", "1e999", "lr: “1e999” is not a finite number" },
    { "lr", "-1", "lr: -1 is out of range (allowed: 1e-05 to 10)" },
    { "lr", "0.1x", "lr: “0.1x” is not a finite number" },
    { "lr", "", "lr: “” is not a finite number" },
    { "k", "2.5", "k: “2.5” is not a whole number" },
    { "k", "0", "k: 0 is out of range (allowed: 1 to 100)" },
    { "k", "99999999999999999999999", "k: “99999999999999999999999” is not a whole number" },
    { "on", "maybe", "on: “maybe” is not true or false" },
    { "colour", "blue", "colour: “blue” is not one of red, green" },
    { "colours", "red,green,red", "colours: expected 1 to 2 comma-separated values, got 3" },
    { "start", "1", "start: expected 2 comma-separated values, got 1" },
    { "start", "1,20", "start: 20 is out of range (allowed: -10 to 10)" },
    { "nope", "1", "unknown parameter “nope” (valid: lr, k, on, colour, colours, start, depth)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
      g_autoptr(GError) error = NULL;

      g_assert_false (mlr_params_set (p, bad[i].key, bad[i].value, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_false (mlr_params_has (p, bad[i].key));
    }
}

static void
test_assignment_syntax (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(GError) error = NULL;

  g_assert_false (mlr_params_parse_assignment (p, "lr", &error));
  g_assert_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (mlr_params_parse_assignment (p, "=3", &error));
  g_assert_nonnull (error);
}

static void
test_range_edges (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(GError) error = NULL;

  /* Bounds are inclusive; just outside is refused. */
  g_assert_true (mlr_params_set (p, "lr", "1e-5", NULL));
  g_assert_true (mlr_params_set (p, "lr", "10", NULL));
  g_assert_true (mlr_params_set (p, "lr", "10.0", NULL));
  g_assert_false (mlr_params_set (p, "lr", "10.000001", NULL));
  g_assert_false (mlr_params_set (p, "lr", "9.9e-6", NULL));
  g_assert_true (mlr_params_set (p, "k", "1", NULL));
  g_assert_true (mlr_params_set (p, "k", "100", NULL));
  g_assert_true (mlr_params_set (p, "k", "+7", NULL));
  g_assert_false (mlr_params_set (p, "k", "101", &error));
  g_assert_cmpstr (error->message, ==, "k: 101 is out of range (allowed: 1 to 100)");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "k", "1e2", &error));
  g_assert_cmpstr (error->message, ==, "k: “1e2” is not a whole number");
  g_clear_error (&error);

  /* Surrounding whitespace is fine and is not stored. */
  g_assert_true (mlr_params_set (p, "lr", "  0.5\t", NULL));
  g_assert_cmpstr (mlr_params_get_string (p, "lr"), ==, "0.5");
  g_assert_cmpfloat (mlr_params_get_double (p, "lr"), ==, 0.5);

  /* Every spelling of non-finite is refused, whatever the case. */
  static const char * const non_finite[] = {
    "NaN", "-nan", "INF", "-Infinity", "infinity", "1e400", "-1e400", "nan(0x1)",
  };
  for (guint i = 0; i < G_N_ELEMENTS (non_finite); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autofree char *want = g_strdup_printf ("lr: “%s” is not a finite number", non_finite[i]);
      g_assert_false (mlr_params_set (p, "lr", non_finite[i], &e));
      g_assert_error (e, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE);
      g_assert_cmpstr (e->message, ==, want);
    }
  /* The earlier good value survives the failed sets. */
  g_assert_cmpfloat (mlr_params_get_double (p, "lr"), ==, 0.5);
}

static void
test_bools_and_choices (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  static const char * const yes[] = { "true", "TRUE", "yes", "On", "1" };
  static const char * const no[] = { "false", "No", "OFF", "0" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_assert_true (mlr_params_set (p, "on", yes[i], NULL));
      g_assert_true (mlr_params_get_bool (p, "on"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_assert_true (mlr_params_set (p, "on", no[i], NULL));
      g_assert_false (mlr_params_get_bool (p, "on"));
    }
  g_assert_false (mlr_params_set (p, "on", "2", NULL));

  g_assert_true (mlr_params_set (p, "colour", "GREEN", NULL));
  g_assert_cmpstr (mlr_params_get_string (p, "colour"), ==, "GREEN");
  g_assert_true (mlr_params_set (p, "colours", " red , green ", NULL));
  g_assert_true (mlr_params_list_contains (p, "colours", "red"));
  g_assert_true (mlr_params_list_contains (p, "colours", "Green"));
  g_assert_false (mlr_params_list_contains (p, "colours", "blue"));
  g_assert_false (mlr_params_set (p, "colours", "red,,green", &error));
  g_assert_cmpstr (error->message, ==, "colours: expected 1 to 2 comma-separated values, got 3");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "colours", "red,", &error));
  g_assert_cmpstr (error->message, ==, "colours: “” is not one of red, green");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "colours", "", &error));
  g_assert_cmpstr (error->message, ==, "colours: expected 1 to 2 comma-separated values, got 0");
}

static void
test_special_words (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(MlrParams) q = mlr_params_new (list_specs, G_N_ELEMENTS (list_specs));
  g_autoptr(GError) error = NULL;

  /* The default "none" is special; so is any case of it; typed getters then give 0. */
  g_assert_true (mlr_params_is_special (p, "depth"));
  g_assert_cmpint (mlr_params_get_int (p, "depth"), ==, 0);
  g_assert_true (mlr_params_set (p, "depth", "NONE", NULL));
  g_assert_true (mlr_params_is_special (p, "depth"));
  g_assert_true (mlr_params_set (p, "depth", "50", NULL));
  g_assert_false (mlr_params_is_special (p, "depth"));
  g_assert_false (mlr_params_set (p, "depth", "nothing", &error));
  g_assert_cmpstr (error->message, ==, "depth: “nothing” is not a whole number");
  g_clear_error (&error);
  g_assert_false (mlr_params_is_special (p, "lr"));  /* no special word at all */

  g_assert_true (mlr_params_is_special (q, "gamma"));
  g_assert_cmpfloat (mlr_params_get_double (q, "gamma"), ==, 0);
  g_assert_true (mlr_params_set (q, "gamma", "0.5", NULL));
  g_assert_cmpfloat (mlr_params_get_double (q, "gamma"), ==, 0.5);
  g_assert_true (mlr_params_set (q, "gamma", "Scale", NULL));
  g_assert_true (mlr_params_is_special (q, "gamma"));
}

static void
test_lists (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (list_specs, G_N_ELEMENTS (list_specs));
  g_autoptr(GError) error = NULL;
  double out[4] = { -1, -1, -1, -1 };

  /* Defaults parse like given values. */
  g_assert_cmpuint (mlr_params_get_doubles (p, "weights", out, 4), ==, 3);
  g_assert_cmpfloat (out[0], ==, 0.5);
  g_assert_cmpfloat (out[2], ==, 0.25);
  g_assert_cmpuint (mlr_params_get_doubles (p, "sizes", out, 4), ==, 2);
  g_assert_cmpfloat (out[1], ==, 2);

  g_assert_true (mlr_params_set (p, "sizes", "3, 9 ,1", NULL));
  g_assert_cmpuint (mlr_params_get_doubles (p, "sizes", out, 4), ==, 3);
  g_assert_cmpfloat (out[0], ==, 3);
  g_assert_cmpfloat (out[1], ==, 9);
  /* max_out truncates */
  g_assert_cmpuint (mlr_params_get_doubles (p, "sizes", out, 2), ==, 2);

  g_assert_false (mlr_params_set (p, "sizes", "1,2.5", &error));
  g_assert_cmpstr (error->message, ==, "sizes: “2.5” is not a whole number");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "sizes", "1,10", &error));
  g_assert_cmpstr (error->message, ==, "sizes: 10 is out of range (allowed: 1 to 9)");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "sizes", "1,2,3,4", &error));
  g_assert_cmpstr (error->message, ==, "sizes: expected 1 to 3 comma-separated values, got 4");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "weights", "0.5,nan", &error));
  g_assert_cmpstr (error->message, ==, "weights: “nan” is not a finite number");
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "weights", "0.5,-0.1", &error));
  g_assert_cmpstr (error->message, ==, "weights: -0.1 is out of range (allowed: 0 to 1)");
  g_clear_error (&error);

  /* No value and no default: absent, getters give nothing. */
  g_assert_null (mlr_params_get_string (p, "nodefault"));
  g_assert_cmpfloat (mlr_params_get_double (p, "nodefault"), ==, 0);
  g_assert_false (mlr_params_has (p, "nodefault"));
}

static void
test_long_value (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(GError) error = NULL;
  g_autofree char *longer = g_strnfill (1025, '1');
  g_autofree char *limit = g_strnfill (1024, ' ');

  g_assert_false (mlr_params_set (p, "k", longer, &error));
  g_assert_cmpstr (error->message, ==, "k: the value is longer than 1024 characters");
  g_clear_error (&error);
  limit[1023] = '5';
  g_assert_true (mlr_params_set (p, "k", limit, NULL));
  g_assert_cmpint (mlr_params_get_int (p, "k"), ==, 5);
}

static void
test_describe_and_keys (void)
{
  static const struct { guint index; const char *text; } cases[] = {
    { 0, "number 1e-05 to 10" },
    { 1, "integer 1 to 100" },
    { 2, "true or false" },
    { 3, "one of red, green" },
    { 4, "1 to 2 of red, green, comma-separated" },
    { 5, "2 numbers -10 to 10, comma-separated" },
    { 6, "integer 1 to 50, or “none”" },
  };
  g_autofree char *keys = mlr_param_spec_list_keys (specs, G_N_ELEMENTS (specs));
  g_autofree char *sizes = mlr_param_spec_describe (&list_specs[0]);
  g_autofree char *weights = mlr_param_spec_describe (&list_specs[1]);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mlr_param_spec_describe (&specs[cases[i].index]);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_cmpstr (sizes, ==, "1 to 3 integers 1 to 9, comma-separated");
  g_assert_cmpstr (weights, ==, "1 to 4 numbers 0 to 1, comma-separated");
  g_assert_cmpstr (keys, ==, "lr, k, on, colour, colours, start, depth");

  g_assert_true (mlr_param_spec_lookup (specs, G_N_ELEMENTS (specs), "k") == &specs[1]);
  g_assert_null (mlr_param_spec_lookup (specs, G_N_ELEMENTS (specs), "K"));
  g_assert_true (mlr_param_spec_check (&specs[0], "0.1", NULL));
  g_assert_false (mlr_param_spec_check (&specs[0], "0.1.2", NULL));
}

static void
test_copy_and_specs (void)
{
  g_autoptr(MlrParams) p = mlr_params_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(MlrParams) copy = NULL;
  guint n = 0;

  g_assert_true (mlr_params_set (p, "k", "9", NULL));
  copy = mlr_params_copy (p);
  g_assert_true (mlr_params_set (p, "k", "10", NULL));
  g_assert_cmpint (mlr_params_get_int (copy, "k"), ==, 9);
  g_assert_cmpint (mlr_params_get_int (p, "k"), ==, 10);
  g_assert_false (mlr_params_has (copy, "lr"));
  g_assert_true (mlr_params_get_specs (copy, &n) == specs);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (specs));

  /* KEY=VALUE splits at the first '=' and trims the key; "3=4" is then not a number. */
  g_assert_true (mlr_params_parse_assignment (p, " k = 3", NULL));
  g_assert_cmpint (mlr_params_get_int (p, "k"), ==, 3);
  g_assert_false (mlr_params_parse_assignment (p, "k=3=4", NULL));
  g_assert_false (mlr_params_parse_assignment (p, "", NULL));
}

/* Free text is kept as given (commas, quotes, spaces at the ends), within 1024 bytes of
 * UTF-8 without control characters. */
static void
test_text (void)
{
  static const MlrParamSpec text_specs[] = {
    { "text", MLR_PARAM_TEXT, "not good", 0, 0, NULL, 0, 0, NULL, "sentence" },
  };
  g_autoptr(MlrParams) p = mlr_params_new (text_specs, G_N_ELEMENTS (text_specs));
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (1025, 'a');
  g_autofree char *described = mlr_param_spec_describe (&text_specs[0]);

  g_assert_cmpstr (mlr_params_get_string (p, "text"), ==, "not good");
  g_assert_true (mlr_params_set (p, "text", " Great, \"really\" = good ", NULL));
  g_assert_cmpstr (mlr_params_get_string (p, "text"), ==, " Great, \"really\" = good ");
  g_assert_true (mlr_params_parse_assignment (p, "text=a=b", NULL));
  g_assert_cmpstr (mlr_params_get_string (p, "text"), ==, "a=b");
  g_assert_true (mlr_params_set (p, "text", "", NULL));
  g_assert_true (mlr_params_set (p, "text", "a\tb", NULL));
  g_assert_true (mlr_params_set (p, "text", "caf\xc3\xa9", NULL));
  g_assert_false (mlr_params_set (p, "text", "caf\xe9", &error));
  g_assert_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "text", "two\nlines", &error));
  g_assert_nonnull (strstr (error->message, "control"));
  g_clear_error (&error);
  g_assert_false (mlr_params_set (p, "text", long_text, NULL));
  g_assert_cmpstr (mlr_params_get_string (p, "text"), ==, "caf\xc3\xa9");
  g_assert_cmpstr (described, ==, "text, up to 1024 bytes");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/params/defaults", test_defaults);
  g_test_add_func ("/ml/params/set-and-get", test_set_and_get);
  g_test_add_func ("/ml/params/rejects", test_rejects);
  g_test_add_func ("/ml/params/assignment-syntax", test_assignment_syntax);
  g_test_add_func ("/ml/params/range-edges", test_range_edges);
  g_test_add_func ("/ml/params/bools-and-choices", test_bools_and_choices);
  g_test_add_func ("/ml/params/special-words", test_special_words);
  g_test_add_func ("/ml/params/lists", test_lists);
  g_test_add_func ("/ml/params/long-value", test_long_value);
  g_test_add_func ("/ml/params/describe-and-keys", test_describe_and_keys);
  g_test_add_func ("/ml/params/text", test_text);
  g_test_add_func ("/ml/params/copy-and-specs", test_copy_and_specs);
  return g_test_run ();
}
