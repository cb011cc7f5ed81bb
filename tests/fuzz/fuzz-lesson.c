/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: lesson XML as an author (or an attacker) could write it, through the
 * whole loader: the safe parser, the author-friendly walk, the RelaxNG schema, figure paths
 * (resolved against the shipped content folder), demo parameters and challenge goals. A
 * loaded lesson is also flattened to plain text, as search does; diagnostics are formatted
 * and sorted, as `validate` prints them; formulas (<math>, <m>) are written as the markup a
 * label shows, which must parse.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "lessons/mlr-diagnostic.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-lesson.h"
#include "lessons/mlr-math-linear.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_markup (const MlrMathNode *math)
{
  static const GMarkupParser nothing = { 0 };
  g_autofree char *markup = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(GMarkupParseContext) ctx = NULL;

  if (math == NULL)
    return;
  markup = mlr_math_to_markup (math);
  wrapped = g_strconcat ("<m>", markup, "</m>", NULL);
  ctx = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (ctx, wrapped, -1, NULL));
  g_assert_true (g_markup_parse_context_end_parse (ctx, NULL));
}

static void
check_inlines (const GPtrArray *inlines)
{
  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->kind == MLR_INLINE_MATH)
        check_markup (in->math);
      check_inlines (in->children);
    }
}

static void
check_blocks (const GPtrArray *blocks)
{
  for (guint i = 0; blocks && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);
      if (b->kind == MLR_BLOCK_MATH)
        {
          /* A formula either parsed or says why not. */
          g_assert_true ((b->math != NULL) != (b->error != NULL));
          check_markup (b->math);
        }
      check_inlines (b->inlines);
      for (guint j = 0; b->items && j < b->items->len; j++)
        check_inlines (g_ptr_array_index (b->items, j));
      check_blocks (b->children);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;
  g_autofree char *report = NULL;

  mlr_demo_registry_init ();
  lesson = mlr_lesson_load_data ((const char *) data, size, "lessons/fuzz.xml",
                                 MLR_FUZZ_CONTENT_DIR, diags);
  if (lesson != NULL)
    {
      g_autofree char *plain = mlr_lesson_to_plain (lesson);

      /* A loaded lesson is complete: these are what the views rely on. */
      g_assert_true (g_utf8_validate (plain, -1, NULL));
      g_assert_nonnull (lesson->id);
      g_assert_nonnull (lesson->title);
      g_assert_cmpuint (lesson->sections->len, >, 0);
      (void) mlr_lesson_count_words (lesson);
      check_blocks (lesson->sections);
    }
  else
    g_assert_true (mlr_diagnostics_has_errors (diags));
  mlr_diagnostics_sort (diags);
  report = mlr_diagnostics_format (diags, 10);
  return 0;
}
