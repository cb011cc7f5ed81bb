/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long a lesson takes to open, split into parse + validate (the loader), building the first
 * screen of the page (widgets from the model), the first layout + frame after it, and the time
 * until the rest of the page has been built at idle priority. Median of 15 opens per
 * lesson, for every lesson of the shipped roadmap (or only the one named on the command line);
 * needs a display (run under Xvfb). Beside the wall-clock times, the UI thread's CPU time for
 * the same spans: on a shared, loaded machine the wall clock mostly measures the neighbours.
 *
 * Each open comes from another lesson, as a reader's does: the runs walk the roadmap in order
 * (the lesson before it, or with one lesson named, its neighbour opened unmeasured first). And
 * before each open the main loop is left to settle, as it does while a reader reads: what a
 * page leaves to idles and timeouts (freeing the page it replaced, parsing code languages for
 * later pages, a demo's animation) runs then, and `tail cpu` says how much of it ran after the
 * page was complete. `--back-to-back` opens the next lesson as soon as the page is painted
 * instead, so that work lands in the next open, as in this benchmark before. `frames` and
 * `frame cpu` count the frames until the page is complete and the UI thread's CPU time inside
 * them (styles, layout, snapshot, render); the rest of `whole cpu` is building and idles.
 *
 * `--from ID` and `--to ID` walk part of the roadmap (a lesson's time depends on what was
 * opened before it, so a part reproduces a walk's slow lesson in a minute instead of four).
 * `--trace` prints each measured open to stderr as `open ID T1 T3 T4`: when it began, when its
 * first frame was painted and when the whole page was, in seconds of CLOCK_MONOTONIC,
 * the clock of `perf record -k CLOCK_MONOTONIC`, so samples can be told apart by lesson.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "lessons/mlr-lesson.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-roadmap.h"
#include "mlr-application.h"
#include "mlr-window.h"
#include "views/mlr-lesson-view.h"

#define RUNS 15
/* The main loop has settled when nothing was dispatched for this long... */
#define QUIET_US (100 * 1000)
/* ...or, with a demo animating for ever, after this long. */
#define SETTLE_MAX_US (3 * G_USEC_PER_SEC)

typedef enum {
  LOAD, BUILD, FRAME, OPEN, WHOLE, OPEN_CPU, WHOLE_CPU, OPEN_PROC, TAIL_CPU, FRAMES,
  FRAMES_CPU, N_COLUMNS
} Column;

typedef struct {
  const MlrRoadmapLesson *entry;
  gsize                   size;
  double                  v[N_COLUMNS][RUNS];
} LessonRuns;

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

static gboolean painted;
static guint frames;
static gboolean trace;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
  frames++;
}

/* The UI thread's CPU time inside frames (before-paint to after-paint: styles, layout,
 * snapshot, render), apart from building, idles and events between them. */
static double frame_begin, frames_cpu;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  frame_begin = bench_cpu_ms ();
}

static void
after_paint_after_cb (GdkFrameClock *clock,
                      gpointer       data)
{
  frames_cpu += bench_cpu_ms () - frame_begin;
}

/* CPU time of the whole process (every thread, the GL rasterizer's too), in ms. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The @q-quantile of the @n values of @v (sorted in place), nearest rank. */
static double
quantile (double *v,
          guint   n,
          double  q)
{
  guint rank;

  qsort (v, n, sizeof (double), bench_compare);
  rank = (guint) ceil (q * n);
  return v[CLAMP (rank, 1, n) - 1];
}

/* Runs the main loop until it has dispatched nothing for QUIET_US (at most SETTLE_MAX_US):
 * what a page left to idles and timeouts has run. Returns the UI thread's CPU time until the
 * last dispatch, in ms; *settled says whether it went quiet. */
static double
settle (gboolean *settled)
{
  gint64 start = g_get_monotonic_time ();
  gint64 quiet_since = start;
  double c0 = bench_cpu_ms (), last = c0;

  *settled = FALSE;
  while (g_get_monotonic_time () - start < SETTLE_MAX_US)
    {
      if (g_main_context_iteration (NULL, FALSE))
        {
          quiet_since = g_get_monotonic_time ();
          last = bench_cpu_ms ();
          continue;
        }
      if (g_get_monotonic_time () - quiet_since >= QUIET_US)
        {
          *settled = TRUE;
          break;
        }
      g_usleep (1000);
    }
  return last - c0;
}

/* Opens @id and waits for the first frame, then for the whole page and its frame; fills
 * column @r of @runs when it is not NULL. */
static void
open_one (MlrWindow        *window,
          const char       *content,
          const char       *id,
          const char       *path,
          gboolean          back_to_back,
          LessonRuns       *runs,
          int               r,
          guint            *unsettled)
{
  gint64 t0, t1, t2, t3, t4;
  g_autoptr(MlrLesson) lesson = NULL;
  double c1, c3, c4, p1, p3, tail = 0;

  t0 = g_get_monotonic_time ();
  lesson = mlr_lesson_load_file (path, content, NULL);
  g_assert (lesson != NULL);
  t1 = g_get_monotonic_time ();
  c1 = bench_cpu_ms ();
  p1 = process_cpu_ms ();
  /* Opening = load + build; the window reloads the file itself. */
  painted = FALSE;
  frames = 0;
  frames_cpu = 0;
  mlr_window_open_lesson (window, id);
  t2 = g_get_monotonic_time ();
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  t3 = g_get_monotonic_time ();
  c3 = bench_cpu_ms ();
  p3 = process_cpu_ms ();
  while (!mlr_lesson_view_is_complete (find_view (GTK_WIDGET (window))))
    g_main_context_iteration (NULL, TRUE);
  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  t4 = g_get_monotonic_time ();
  c4 = bench_cpu_ms ();
  if (runs != NULL)
    {
      runs->v[FRAMES][r] = frames;
      runs->v[FRAMES_CPU][r] = frames_cpu;
    }
  if (!back_to_back)
    {
      gboolean settled;

      tail = settle (&settled);
      *unsettled += !settled;
    }
  if (runs == NULL)
    return;
  runs->v[LOAD][r] = (t1 - t0) / 1000.0;
  runs->v[BUILD][r] = (t2 - t1) / 1000.0 - runs->v[LOAD][r];  /* open_lesson loads once more */
  runs->v[FRAME][r] = (t3 - t2) / 1000.0;
  runs->v[OPEN][r] = (t3 - t1) / 1000.0;
  runs->v[WHOLE][r] = (t4 - t1) / 1000.0;
  runs->v[OPEN_CPU][r] = c3 - c1;
  runs->v[WHOLE_CPU][r] = c4 - c1;
  runs->v[OPEN_PROC][r] = p3 - p1;
  runs->v[TAIL_CPU][r] = tail;
  if (trace)
    g_printerr ("open %s %.6f %.6f %.6f\n", id, t1 / 1e6, t3 / 1e6, t4 / 1e6);
}

static void
print_summary (const char *what,
               GArray     *wall,
               GArray     *cpu)
{
  guint n = wall->len;

  g_print ("over %u lessons: %s median %.1f ms (cpu %.1f), p90 %.1f (cpu %.1f), worst %.1f "
           "(cpu %.1f)", n, what,
           quantile ((double *) wall->data, n, 0.5), quantile ((double *) cpu->data, n, 0.5),
           quantile ((double *) wall->data, n, 0.9), quantile ((double *) cpu->data, n, 0.9),
           quantile ((double *) wall->data, n, 1.0), quantile ((double *) cpu->data, n, 1.0));
}

int
main (int argc, char **argv)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = NULL;
  g_autoptr(GArray) lessons = g_array_new (FALSE, TRUE, sizeof (LessonRuns));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wholes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) whole_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tail_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  const MlrRoadmapLesson *neighbour = NULL;
  gboolean back_to_back = FALSE;
  const char *only = NULL, *from = NULL, *to = NULL;
  gboolean walking;
  MlrApplication *app;
  MlrWindow *window;
  GdkFrameClock *clock;
  double worst_total = 0;
  const char *worst = NULL;
  guint under30 = 0, under30_cpu = 0, unsettled = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--back-to-back"))
        back_to_back = TRUE;
      else if (g_str_equal (argv[i], "--trace"))
        trace = TRUE;
      else if (g_str_equal (argv[i], "--from") && i + 1 < argc)
        from = argv[++i];
      else if (g_str_equal (argv[i], "--to") && i + 1 < argc)
        to = argv[++i];
      else if (argv[i][0] == '-')
        {
          g_printerr ("usage: bench-lesson-open [--back-to-back] [--trace] "
                      "[LESSON | --from LESSON --to LESSON]\n");
          return 2;
        }
      else
        only = argv[i];
    }
  mlr_demo_registry_init ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-lesson-open needs a display (run it under xvfb-run)\n");
      return 77;
    }
  adw_init ();
  roadmap = mlr_roadmap_load (content, diags);
  g_assert (roadmap != NULL);
  walking = from == NULL;
  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      LessonRuns runs = { g_ptr_array_index (roadmap->lessons, i), 0, { { 0 } } };
      g_autofree char *path = mlr_roadmap_lesson_path (roadmap, runs.entry->id);
      g_autofree char *data = NULL;
      gboolean last = to != NULL && g_str_equal (to, runs.entry->id);

      if (from != NULL && g_str_equal (from, runs.entry->id))
        walking = TRUE;
      if (!walking)
        continue;
      if (last)
        walking = FALSE;
      if (only != NULL && !g_str_equal (only, runs.entry->id))
        continue;
      g_file_get_contents (path, &data, &runs.size, NULL);
      g_array_append_val (lessons, runs);
      if (only != NULL && roadmap->lessons->len > 1)
        neighbour = g_ptr_array_index (roadmap->lessons, i > 0 ? i - 1 : i + 1);
    }
  if (lessons->len == 0)
    {
      if (only != NULL)
        g_printerr ("bench-lesson-open: no lesson “%s” in the roadmap\n", only);
      else
        g_printerr ("bench-lesson-open: no lessons from “%s” to “%s” in the roadmap\n",
                    from ? from : "", to ? to : "");
      return 2;
    }

  app = mlr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = mlr_window_new (app, content);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_after_cb), NULL);

  for (int r = 0; r < RUNS; r++)
    for (guint i = 0; i < lessons->len; i++)
      {
        LessonRuns *runs = &g_array_index (lessons, LessonRuns, i);
        g_autofree char *path = mlr_roadmap_lesson_path (roadmap, runs->entry->id);

        if (neighbour != NULL)
          {
            g_autofree char *npath = mlr_roadmap_lesson_path (roadmap, neighbour->id);
            open_one (window, content, neighbour->id, npath, back_to_back, NULL, r, &unsettled);
          }
        open_one (window, content, runs->entry->id, path, back_to_back, runs, r, &unsettled);
      }

  g_print ("%-30s %7s %8s %8s %8s %9s %9s %9s %9s %9s %9s %6s %9s\n", "lesson", "bytes",
           "load ms", "build ms", "frame ms", "open ms", "whole ms", "open cpu", "whole cpu",
           "open proc", "tail cpu", "frames", "frame cpu");
  for (guint i = 0; i < lessons->len; i++)
    {
      LessonRuns *runs = &g_array_index (lessons, LessonRuns, i);
      double m[N_COLUMNS];

      for (int c = 0; c < N_COLUMNS; c++)
        m[c] = quantile (runs->v[c], RUNS, 0.5);
      g_print ("%-30s %7" G_GSIZE_FORMAT " %8.2f %8.2f %8.2f %9.2f %9.2f %9.2f %9.2f %9.2f "
               "%9.2f %6.0f %9.2f\n", runs->entry->id, runs->size, m[LOAD], m[BUILD],
               m[FRAME], m[OPEN], m[WHOLE], m[OPEN_CPU], m[WHOLE_CPU], m[OPEN_PROC], m[TAIL_CPU],
               m[FRAMES], m[FRAMES_CPU]);
      g_array_append_val (opens, m[OPEN]);
      g_array_append_val (open_cpus, m[OPEN_CPU]);
      g_array_append_val (wholes, m[WHOLE]);
      g_array_append_val (whole_cpus, m[WHOLE_CPU]);
      g_array_append_val (tail_cpus, m[TAIL_CPU]);
      under30 += m[OPEN] < 30;
      under30_cpu += m[OPEN_CPU] < 30;
      if (m[OPEN] > worst_total)
        {
          worst_total = m[OPEN];
          worst = runs->entry->id;
        }
    }
  g_print ("slowest to open: %s, %.1f ms (load + build + first frame, median of %d)\n", worst,
           worst_total, RUNS);
  g_print ("open = load + first-screen build + first frame; whole = until every part is built "
           "and painted; cpu = the UI thread's CPU time for the same span; proc = every "
           "thread's; tail = the UI thread's CPU time after the whole page, until the main "
           "loop is quiet (%s)\n", back_to_back ? "not measured: --back-to-back"
                                                : "deferred work; it is not in the next open");
  print_summary ("open", opens, open_cpus);
  g_print ("; under 30 ms: %u (cpu: %u)\n", under30, under30_cpu);
  print_summary ("whole", wholes, whole_cpus);
  g_print ("\n");
  if (!back_to_back)
    g_print ("over %u lessons: tail cpu median %.1f ms, p90 %.1f, worst %.1f; %u of %u opens "
             "did not settle within %d s\n", tail_cpus->len,
             quantile ((double *) tail_cpus->data, tail_cpus->len, 0.5),
             quantile ((double *) tail_cpus->data, tail_cpus->len, 0.9),
             quantile ((double *) tail_cpus->data, tail_cpus->len, 1.0), unsettled,
             RUNS * lessons->len * (neighbour ? 2 : 1), (int) (SETTLE_MAX_US / G_USEC_PER_SEC));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  return 0;
}
