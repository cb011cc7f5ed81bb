/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The process's memory as the kernel counts it, in one line that tests/bench/memory.sh reads:
 * shared by the soak test (ML Roadmap's rounds) and tests/bench/gtk4-demo-walk.c (gtk4-demo's),
 * so both are measured the same way, from inside the process, at the end of a round.
 *
 *   memory: round=N rss_kb= hwm_kb= pss_kb= anon_kb= file_kb= shmem_kb= heap_kb= trimmed_rss_kb=
 *
 * rss/hwm/anon/file/shmem: VmRSS, VmHWM (the peak), RssAnon, RssFile, RssShmem of
 * /proc/self/status; pss: Pss of /proc/self/smaps_rollup (shared pages divided among their
 * users); heap: bytes malloc has handed out and not got back (mallinfo2); trimmed_rss: VmRSS
 * again after malloc_trim(0) has given freed heap pages back (what the soak test compares).
 */
#pragma once

#include <glib.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* The value in kB of the line "KEY:   N kB" of @text, or -1. */
static inline long
proc_memory_field (const char *text,
                   const char *key)
{
  size_t len = strlen (key);

  for (const char *p = text; p != NULL && *p != '\0'; )
    {
      const char *end = strchr (p, '\n');

      if (strncmp (p, key, len) == 0 && p[len] == ':')
        return strtol (p + len + 1, NULL, 10);
      p = end ? end + 1 : NULL;
    }
  return -1;
}

static inline long
proc_memory_read (const char *file,
                  const char *key)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (file, &text, NULL, NULL))
    return -1;
  return proc_memory_field (text, key);
}

/* The line above for round @round (newly allocated). Trims malloc's free pages last. */
static inline char *
proc_memory_line (guint round)
{
  g_autofree char *status = NULL;
  struct mallinfo2 mi;
  long pss, trimmed;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return g_strdup ("memory: /proc/self/status cannot be read");
  pss = proc_memory_read ("/proc/self/smaps_rollup", "Pss");
  mi = mallinfo2 ();
  malloc_trim (0);
  trimmed = proc_memory_read ("/proc/self/status", "VmRSS");
  return g_strdup_printf ("memory: round=%u rss_kb=%ld hwm_kb=%ld pss_kb=%ld anon_kb=%ld "
                          "file_kb=%ld shmem_kb=%ld heap_kb=%zu trimmed_rss_kb=%ld", round,
                          proc_memory_field (status, "VmRSS"),
                          proc_memory_field (status, "VmHWM"), pss,
                          proc_memory_field (status, "RssAnon"),
                          proc_memory_field (status, "RssFile"),
                          proc_memory_field (status, "RssShmem"),
                          (mi.uordblks + mi.hblkhd) / 1024, trimmed);
}
