/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: formulas in the LaTeX subset (issue 13), parsed as the lesson loader will,
 * then dumped and read aloud as the views do. Every input ends in a tree or an error located
 * inside the formula.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "lessons/mlr-math.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *tex = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  gsize at = 0;
  g_autoptr(MlrMathNode) n = mlr_math_parse (tex, &at, &error);

  if (n == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (at, <=, strlen (tex));
    }
  else
    {
      g_autofree char *dump = mlr_math_dump (n);
      g_autofree char *spoken = mlr_math_speak (n);
      g_assert_nonnull (dump);
      g_assert_nonnull (spoken);
    }
  return 0;
}
