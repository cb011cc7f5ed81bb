/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: lesson XML as an author (or an attacker) could write it, through the
 * whole loader: the safe parser, the author-friendly walk, the RelaxNG schema, figure paths
 * (resolved against the shipped content folder), demo parameters and challenge goals. A
 * loaded lesson is also flattened to plain text, as search does; diagnostics are formatted
 * and sorted, as `validate` prints them.
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "lessons/mlr-diagnostic.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-lesson.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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
    }
  else
    g_assert_true (mlr_diagnostics_has_errors (diags));
  mlr_diagnostics_sort (diags);
  report = mlr_diagnostics_format (diags, 10);
  return 0;
}
