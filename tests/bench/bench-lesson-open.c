/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long a lesson takes to open, split into parse + validate (the loader), building the first
 * screen of the page (widgets from the model), the first layout + frame after it, and the time
 * until the rest of the page has been built at idle priority. Median of 15 opens per
 * lesson, for every lesson of the shipped roadmap (or only the one named on the command line);
 * needs a display (run under Xvfb). Beside the wall-clock times, the UI thread's CPU time for
 * the same spans: on a shared, loaded machine the wall clock mostly measures the neighbours.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "lessons/mlr-lesson.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-roadmap.h"
#include "mlr-application.h"
#include "mlr-window.h"
#include "views/mlr-lesson-view.h"

#define RUNS 15

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

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v)
{
  qsort (v, RUNS, sizeof (double), (int (*)(const void *, const void *)) compare_double);
  return v[RUNS / 2];
}

/* CPU time of the calling (UI) thread, in ms. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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

  qsort (v, n, sizeof (double), (int (*)(const void *, const void *)) compare_double);
  rank = (guint) ceil (q * n);
  return v[CLAMP (rank, 1, n) - 1];
}

int
main (int argc, char **argv)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = NULL;
  MlrApplication *app;
  MlrWindow *window;
  GdkFrameClock *clock;
  double worst_total = 0;
  const char *worst = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wholes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) whole_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint under30 = 0, under30_cpu = 0;

  mlr_demo_registry_init ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-lesson-open needs a display (run it under xvfb-run)\n");
      return 77;
    }
  adw_init ();
  roadmap = mlr_roadmap_load (content, diags);
  g_assert (roadmap != NULL);
  app = mlr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = mlr_window_new (app, content);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  g_print ("%-30s %7s %8s %8s %8s %9s %9s %9s %9s %9s\n", "lesson", "bytes", "load ms",
           "build ms", "frame ms", "open ms", "whole ms", "open cpu", "whole cpu", "open proc");
  for (guint i = 0; i < roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (roadmap->lessons, i);
      g_autofree char *path = mlr_roadmap_lesson_path (roadmap, entry->id);
      double load[RUNS], total[RUNS], frame[RUNS], build[RUNS], whole[RUNS];
      double total_cpu[RUNS], whole_cpu[RUNS], total_proc[RUNS];
      g_autofree char *data = NULL;
      gsize size = 0;

      if (argc > 1 && !g_str_equal (argv[1], entry->id))
        continue;
      g_file_get_contents (path, &data, &size, NULL);
      for (int r = 0; r < RUNS; r++)
        {
          gint64 t0 = g_get_monotonic_time (), t1, t2, t3, t4;
          g_autoptr(MlrLesson) lesson = mlr_lesson_load_file (path, content, NULL);
          double c1, c3, c4, p1, p3;

          t1 = g_get_monotonic_time ();
          c1 = thread_cpu_ms ();
          p1 = process_cpu_ms ();
          /* Opening = load + build; the window reloads the file itself. */
          painted = FALSE;
          mlr_window_open_lesson (window, entry->id);
          t2 = g_get_monotonic_time ();
          while (!painted)
            g_main_context_iteration (NULL, TRUE);
          t3 = g_get_monotonic_time ();
          c3 = thread_cpu_ms ();
          p3 = process_cpu_ms ();
          while (!mlr_lesson_view_is_complete (find_view (GTK_WIDGET (window))))
            g_main_context_iteration (NULL, TRUE);
          painted = FALSE;
          while (!painted)
            g_main_context_iteration (NULL, TRUE);
          t4 = g_get_monotonic_time ();
          c4 = thread_cpu_ms ();
          total_cpu[r] = c3 - c1;
          total_proc[r] = p3 - p1;
          whole_cpu[r] = c4 - c1;
          whole[r] = (t4 - t1) / 1000.0;
          load[r] = (t1 - t0) / 1000.0;
          build[r] = (t2 - t1) / 1000.0 - load[r];   /* open_lesson loads once more */
          frame[r] = (t3 - t2) / 1000.0;
          total[r] = (t3 - t1) / 1000.0;
          g_assert (lesson != NULL);
        }
      {
        double l = median (load), b = median (build), f = median (frame), t = median (total);
        double w = median (whole), tc = median (total_cpu), wc = median (whole_cpu);
        double tp = median (total_proc);
        g_print ("%-30s %7" G_GSIZE_FORMAT " %8.2f %8.2f %8.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n",
                 entry->id, size, l, b, f, t, w, tc, wc, tp);
        g_array_append_val (opens, t);
        g_array_append_val (open_cpus, tc);
        g_array_append_val (wholes, w);
        g_array_append_val (whole_cpus, wc);
        under30 += t < 30;
        under30_cpu += tc < 30;
        if (t > worst_total)
          {
            worst_total = t;
            worst = entry->id;
          }
      }
    }
  g_print ("slowest to open: %s, %.1f ms (load + build + first frame, median of %d)\n", worst,
           worst_total, RUNS);
  g_print ("open = load + first-screen build + first frame; whole = until every part is built "
           "and painted; cpu = the UI thread's CPU time for the same span\n");
  if (opens->len > 0)
    {
      guint n = opens->len;

      g_print ("over %u lessons: open median %.1f ms (cpu %.1f), p90 %.1f (cpu %.1f), worst %.1f "
               "(cpu %.1f); under 30 ms: %u (cpu: %u)\n", n,
               quantile ((double *) opens->data, n, 0.5),
               quantile ((double *) open_cpus->data, n, 0.5),
               quantile ((double *) opens->data, n, 0.9),
               quantile ((double *) open_cpus->data, n, 0.9),
               quantile ((double *) opens->data, n, 1.0),
               quantile ((double *) open_cpus->data, n, 1.0), under30, under30_cpu);
      g_print ("over %u lessons: whole median %.1f ms (cpu %.1f), p90 %.1f (cpu %.1f), worst "
               "%.1f (cpu %.1f)\n", n,
               quantile ((double *) wholes->data, n, 0.5),
               quantile ((double *) whole_cpus->data, n, 0.5),
               quantile ((double *) wholes->data, n, 0.9),
               quantile ((double *) whole_cpus->data, n, 0.9),
               quantile ((double *) wholes->data, n, 1.0),
               quantile ((double *) whole_cpus->data, n, 1.0));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  return 0;
}
