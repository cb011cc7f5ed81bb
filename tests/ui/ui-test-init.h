/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How every UI test starts: GTK and libadwaita on the display, or, without one, a TAP plan
 * that skips everything — unless MLR_REQUIRE_DISPLAY is set (CI, `.ci/dev test`), where a
 * missing display is a failure, not a silent skip.
 */
#pragma once

#include <adwaita.h>

/* Call after g_test_init(). Returns TRUE when the test can go on; otherwise main() returns
 * *exit_status (0 for the skip, 1 when a display was required). */
static inline gboolean
ui_test_init_display (int *exit_status)
{
  if (!gtk_init_check ())
    {
      if (g_getenv ("MLR_REQUIRE_DISPLAY"))
        {
          g_printerr ("no display, but MLR_REQUIRE_DISPLAY is set: run the GUI tests under Xvfb\n");
          *exit_status = 1;
          return FALSE;
        }
      g_print ("1..0 # SKIP no display\n");
      *exit_status = 0;
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* Runs the main loop for @ms milliseconds: what a person waits between two actions. */
static inline void
ui_test_wait_ms (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}
