/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: challenge goals (<challenge when="...">), parsed against each demo's
 * metric names as the lesson loader does, then evaluated the way a demo does while it runs:
 * with numbers (NaN and infinities included), strings, booleans and missing values.
 *
 * Input: one byte choosing the demo, then the goal's text.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>

#include "lessons/mlr-demo-spec.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-expr.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A metric's value in round @round: every kind a demo can hand over, chosen by the name. */
static GVariant *
lookup (const char *name,
        gpointer    user_data)
{
  guint round = GPOINTER_TO_UINT (user_data);
  guint h = g_str_hash (name) + round * 7919;

  switch (h % 8)
    {
    case 0:
      return NULL;  /* the demo has no value yet */
    case 1:
      return g_variant_new_double (NAN);
    case 2:
      return g_variant_new_double (h % 16 == 2 ? INFINITY : -INFINITY);
    case 3:
      return g_variant_new_string (name);
    case 4:
      return g_variant_new_boolean (h & 16);
    case 5:
      return g_variant_new_double (-2.0 + 0.01 * (h % 3));
    default:
      return g_variant_new_double ((double) (h % 1000) / 10.0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const MlrDemoSpec *specs;
  guint n_specs;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrExpr) expr = NULL;

  mlr_demo_registry_init ();
  if (size < 1)
    return 0;
  specs = mlr_demo_specs (&n_specs);
  if (n_specs == 0)
    return 0;
  /* The loader hands attribute values over as NUL-terminated strings. */
  text = g_strndup ((const char *) data + 1, size - 1);
  expr = mlr_expr_parse (text, specs[data[0] % n_specs].metrics, &error);
  if (expr == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL) || !g_utf8_validate (text, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  for (guint round = 0; round < 4; round++)
    (void) mlr_expr_eval (expr, lookup, GUINT_TO_POINTER (round));
  (void) mlr_expr_eval (expr, NULL, NULL);
  return 0;
}
