/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Soak test (issue 8): in one process, open every lesson of the shipped roadmap and every demo
 * 50 times, and check that resident memory levels off. Each round opens each lesson in the
 * window and waits until its page is complete and painted, shows the Interactive Demos page,
 * and builds a fresh demos page in a window of its own, paints it and destroys it (that page
 * must then be finalized: a widget kept alive by a stray reference fails the test at once).
 *
 * Every round prints resident memory (/proc/self/statm, after malloc_trim) and the bytes
 * malloc has handed out and not got back (mallinfo2). The first rounds warm the caches (fonts,
 * glyphs, textures, the GL shader cache); after that RSS wanders by about +-10 MiB from round
 * to round, so single rounds are not compared: the median of rounds 6-15 ("round 10") is
 * compared with that of the last ten ("round 50"). Two limits, both measured here:
 *  - malloc's bytes in use may not keep growing. From round to round they swing by up to
 *    +-10 MiB (what is still in flight: GL buffers of Mesa's software rasterizer, decodes,
 *    workers), and over 40 rounds the medians moved by -16 to +12.5 MiB on 2026-12-07 (part
 *    1, the CI machine under the suite's own load; the build of that morning swung the same
 *    way, 184 to 205 MiB in 23 rounds), with no steady climb; a lesson page kept alive per
 *    round adds well over 20 MiB. This is the check that catches a leak. Run beside the rest
 *    of the UI suite that night, part 1 stepped up twice and levelled off each time (190 MiB
 *    to 200-210 by round 21, then +14 at round 46): +19.8 MiB. So, as for the memory outside
 *    (next), it fails when the bytes in use grew by more than MAX_HEAP_GROWTH_MIB from "round
 *    10" to "round 50" and at the same rate or faster over the second half (that run: +6.4 MiB
 *    from "round 28", limit +8.2). Both limits are a rate of 0.46 MiB a round: a leak of 1 MiB
 *    a round fails both (part 2 with one patched in: +40.0 and +18.4 MiB).
 *  - Memory outside the bytes in use (RSS minus them: freed memory that fragmented malloc
 *    arenas cannot give back, and memory malloc does not see, e.g. shared memory images) may
 *    not run away. RSS drifted up by 10 to 21 MiB over 40 rounds with the bytes in use flat
 *    (smaps: all of it anonymous memory), and in a CI dry run on 2026-12-07 memory outside
 *    the bytes in use grew by 10.3 MiB (part 2) and 31.9 MiB (part 1, climbing until about
 *    round 40 and then staying; RSS itself +41.4). A runaway keeps climbing, so it fails
 *    only when it grew by more than MAX_OUTSIDE_GROWTH_MIB from "round 10" to "round 50" and,
 *    at the same rate or faster, from the window halfway between them ("round 28") to "round
 *    50": a leak of 1.2 MiB a round fails both; a step or a climb that has levelled off passes
 *    the second (that part 1: +14.6 MiB against +20.6).
 *
 * A round of all 35 lessons takes ~4.7 s on the 2-core CI machine, 50 rounds ~4 minutes, so
 * MLR_SOAK_PART=K/N runs every N-th lesson starting with the K-th (part 1 also does the demos):
 * meson runs two halves side by side, each still opening its lessons 50 times in one process.
 *
 * Under AddressSanitizer RSS means nothing (freed memory sits in ASan's quarantine), so the
 * test runs MLR_SOAK_ASAN_ROUNDS rounds there, for use-after-free and leaks only.
 * MLR_SOAK_ROUNDS overrides the number of rounds (the memory checks need at least 20).
 * Each round also prints a "memory:" line (tests/bench/proc-memory.h) taken before the trim:
 * tests/bench/memory.sh runs two rounds of the whole roadmap and reports it beside gtk4-demo.
 */
#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lessons/mlr-roadmap.h"
#include "painters/mlr-demo-registry.h"
#include "mlr-application.h"
#include "mlr-window.h"
#include "views/mlr-demos-page.h"
#include "views/mlr-lesson-view.h"
#include "../ui/ui-test-init.h"
#include "../bench/proc-memory.h"

#define ROUNDS             50
#define WINDOW             10   /* rounds per median */
#define MAX_HEAP_GROWTH_MIB 16.0
#define MAX_OUTSIDE_GROWTH_MIB 40.0
#define STEP_TIMEOUT_S     30
/* Before a round's memory is read, the main loop runs this long, so that work a page defers
 * (freeing the page it replaced, at low priority once it is complete; figures still decoding)
 * is done and what is measured is what stays. */
#define DRAIN_MS           300

#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif
#define MLR_SOAK_ASAN_ROUNDS 3

static MlrApplication *app;

static guint
frames_of (GtkWidget *window)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "soak-frames"));
}

static void
count_frame (GdkFrameClock *clock,
             GtkWidget     *window)
{
  g_object_set_data (G_OBJECT (window), "soak-frames", GUINT_TO_POINTER (frames_of (window) + 1));
}

static gboolean
heartbeat (gpointer user_data)
{
  /* Wakes the blocking main-loop iterations below when nothing else happens. */
  return G_SOURCE_CONTINUE;
}

static double
rss_mib (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  /* Give freed heap pages back first, so the number is live memory, not glibc's cache. */
  malloc_trim (0);
  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%lu %lu", &size, &resident), ==, 2);
  return (double) resident * sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* What malloc has handed out and not got back: tells a leak or a growing cache (this grows
 * with RSS) from fragmentation or memory outside the heap, e.g. GL buffers (it does not). */
static double
heap_mib (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return (double) (mi.uordblks + mi.hblkhd) / (1024.0 * 1024.0);
}

static MlrLessonView *
find_view (GtkWidget *w)
{
  if (MLR_IS_LESSON_VIEW (w))
    return MLR_LESSON_VIEW (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      MlrLessonView *v = find_view (c);
      if (v)
        return v;
    }
  return NULL;
}

/* Iterates the main loop until @view (if any) is complete and a frame of @window has been
 * painted after that. */
static void
settle (GtkWidget     *window,
        MlrLessonView *view,
        const char    *what)
{
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_S * G_USEC_PER_SEC;
  guint seen;

  while (view != NULL && !mlr_lesson_view_is_complete (view))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > end)
        g_error ("%s: the page was not complete after %d s", what, STEP_TIMEOUT_S);
    }
  gtk_widget_queue_draw (window);
  seen = frames_of (window);
  while (frames_of (window) < seen + 1)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > end)
        g_error ("%s: no frame was painted within %d s", what, STEP_TIMEOUT_S);
    }
}

static void
watch_frames (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_assert_nonnull (clock);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (count_frame), window, 0);
}

/* Runs the main loop, idles included, for DRAIN_MS. */
static void
drain (void)
{
  gint64 end = g_get_monotonic_time () + DRAIN_MS * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* A fresh demos page in its own window: built, painted, destroyed, finalized. */
static void
open_demos_page_afresh (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *page = mlr_demos_page_new ();
  gint64 end = g_get_monotonic_time () + STEP_TIMEOUT_S * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), page);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_window_present (GTK_WINDOW (window));
  watch_frames (window);
  settle (window, NULL, "demos page");
  gtk_window_destroy (GTK_WINDOW (window));
  /* Workers (a classifier fit) may hold the page's demos until they notice the cancel. */
  while (page != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (page != NULL)
    g_error ("a destroyed demos page was not finalized: something still holds it");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n values of @values from @first. */
static double
median (GArray *values,
        guint   first,
        guint   n)
{
  g_autofree double *v = g_memdup2 (&g_array_index (values, double, first),
                                    n * sizeof (double));

  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* MLR_SOAK_PART=K/N: this process takes lessons K-1, K-1+N, ...; part 1 also the demos. */
static void
get_part (guint *part,
          guint *parts)
{
  const char *env = g_getenv ("MLR_SOAK_PART");

  *part = 1;
  *parts = 1;
  if (env != NULL && (sscanf (env, "%u/%u", part, parts) != 2 || *parts == 0 ||
                      *part == 0 || *part > *parts))
    g_error ("MLR_SOAK_PART=%s: expected K/N with 1 <= K <= N", env);
}

static guint
n_rounds (void)
{
  const char *env = g_getenv ("MLR_SOAK_ROUNDS");

  if (env != NULL)
    return (guint) MAX (1, g_ascii_strtoull (env, NULL, 10));
  return UNDER_ASAN ? MLR_SOAK_ASAN_ROUNDS : ROUNDS;
}

static void
test_soak (void)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (content, diags);
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (double));
  guint rounds = n_rounds ();
  guint part, parts, n_mine = 0;
  MlrWindow *window;
  MlrLessonView *view;
  gint64 start = g_get_monotonic_time ();
  double before;
  guint heartbeat_id;

  g_assert_nonnull (roadmap);
  g_assert_cmpuint (roadmap->lessons->len, >, 0);
  get_part (&part, &parts);
  for (guint i = part - 1; i < roadmap->lessons->len; i += parts)
    n_mine++;
  heartbeat_id = g_timeout_add (50, heartbeat, NULL);
  window = mlr_window_new (app, content);
  gtk_window_present (GTK_WINDOW (window));
  watch_frames (GTK_WIDGET (window));
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  settle (GTK_WIDGET (window), NULL, "first frame");
  {
    g_autofree char *memory = proc_memory_line (0);
    g_test_message ("%s", memory);
  }
  before = rss_mib ();
  g_test_message ("part %u of %u; before round 1: RSS %.1f MiB; %u rounds of %u lessons%s",
                  part, parts, before, rounds, n_mine, part == 1 ? " and the demos" : "");

  for (guint r = 1; r <= rounds; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double now, in_use, beside;
      g_autofree char *memory = NULL;

      for (guint i = part - 1; i < roadmap->lessons->len; i += parts)
        {
          const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);

          g_assert_true (mlr_window_open_lesson (window, entry->id));
          settle (GTK_WIDGET (window), view, entry->id);
        }
      if (part == 1)
        {
          mlr_window_show_demos (window);
          settle (GTK_WIDGET (window), NULL, "Interactive Demos");
          open_demos_page_afresh ();
        }

      drain ();
      /* For tests/bench/memory.sh: RSS, peak, PSS as they are, before rss_mib() trims. */
      memory = proc_memory_line (r);
      g_test_message ("%s", memory);
      now = rss_mib ();
      in_use = heap_mib ();
      g_array_append_val (rss, now);
      g_array_append_val (heap, in_use);
      beside = now - in_use;
      g_array_append_val (outside, beside);
      g_test_message ("round %2u: RSS %6.1f MiB (%+6.1f since the first frame), malloc heap "
                      "in use %6.1f MiB, %.1f s", r, now, now - before, in_use,
                      (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
    }
  g_test_message ("%u rounds in %.0f s", rounds,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  if (UNDER_ASAN && g_getenv ("MLR_SOAK_ROUNDS") == NULL)
    g_test_message ("AddressSanitizer: memory is not checked (its quarantine keeps freed "
                    "memory); LeakSanitizer checks at exit");
  else if (rounds < 2 * WINDOW)
    g_test_message ("fewer than %u rounds: memory is not checked", 2 * WINDOW);
  else
    {
      guint early = WINDOW / 2, late = rounds - WINDOW, mid = (early + late) / 2;
      double rss_early = median (rss, early, WINDOW);
      double rss_late = median (rss, late, WINDOW);
      double heap_early = median (heap, early, WINDOW);
      double heap_mid = median (heap, mid, WINDOW);
      double heap_late = median (heap, late, WINDOW);
      double out_early = median (outside, early, WINDOW);
      double out_mid = median (outside, mid, WINDOW);
      double out_late = median (outside, late, WINDOW);
      /* The same rates of growth over the shorter span. */
      double share = (double) (late - mid) / (late - early);
      double heap_mid_limit = MAX_HEAP_GROWTH_MIB * share;
      double mid_limit = MAX_OUTSIDE_GROWTH_MIB * share;

      g_test_message ("median of rounds %u-%u and %u-%u: RSS %.1f -> %.1f MiB (%+.1f), "
                      "malloc heap in use %.1f -> %.1f MiB (%+.1f, limit %+.0f), "
                      "outside it %.1f -> %.1f MiB (%+.1f, limit %+.0f); "
                      "from rounds %u-%u: heap %.1f MiB (%+.1f, limit %+.1f), "
                      "outside it %.1f MiB (%+.1f, limit %+.1f)",
                      early + 1, early + WINDOW, late + 1, rounds,
                      rss_early, rss_late, rss_late - rss_early,
                      heap_early, heap_late, heap_late - heap_early, MAX_HEAP_GROWTH_MIB,
                      out_early, out_late, out_late - out_early, MAX_OUTSIDE_GROWTH_MIB,
                      mid + 1, mid + WINDOW, heap_mid, heap_late - heap_mid, heap_mid_limit,
                      out_mid, out_late - out_mid, mid_limit);
      if (heap_late - heap_early > MAX_HEAP_GROWTH_MIB && heap_late - heap_mid > heap_mid_limit)
        g_error ("the malloc heap grew by %.1f MiB over %u rounds (limit %.0f MiB) and is "
                 "still climbing (%+.1f MiB over the last %u, limit %+.1f): memory is not "
                 "released when pages are closed", heap_late - heap_early, late - early,
                 MAX_HEAP_GROWTH_MIB, heap_late - heap_mid, late - mid, heap_mid_limit);
      if (out_late - out_early > MAX_OUTSIDE_GROWTH_MIB && out_late - out_mid > mid_limit)
        g_error ("memory outside the malloc heap grew by %.1f MiB over %u rounds (limit %.0f "
                 "MiB) and is still climbing (%+.1f MiB over the last %u, limit %+.1f)",
                 out_late - out_early, late - early, MAX_OUTSIDE_GROWTH_MIB,
                 out_late - out_mid, late - mid, mid_limit);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_source_remove (heartbeat_id);
}

int
main (int argc, char **argv)
{
  int exit_status;
  g_autofree char *data = NULL;
  g_autofree char *cleanup = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  /* Progress goes to a private data folder (GLib caches it on first use: set it first). */
  data = g_dir_make_tmp ("mlr-soak-data-XXXXXX", NULL);
  g_assert_nonnull (data);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  cleanup = g_strdup_printf ("rm -rf '%s'", data);
  if (!ui_test_init_display (&exit_status))
    return exit_status;

  app = mlr_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/soak/every-lesson-and-demo", test_soak);
  ret = g_test_run ();
  g_object_unref (app);
  if (system (cleanup) != 0)
    g_warning ("could not remove %s", data);
  return ret;
}
