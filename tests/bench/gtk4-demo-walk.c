/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens every demo of gtk4-demo once per round, in one gtk4-demo process, and prints the
 * process's memory after each round (tests/bench/proc-memory.h), so tests/bench/memory.sh can
 * put it beside ML Roadmap's rounds of every lesson and demo. Preloaded into gtk4-demo:
 *
 *   cc -shared -fPIC -O2 -o walk.so gtk4-demo-walk.c $(pkg-config --cflags --libs gtk4)
 *   LD_PRELOAD=./walk.so GTK_A11Y=none gtk4-demo       (under Xvfb)
 *
 * What it does is what a person does in the sidebar: every group is expanded, then each row in
 * turn is selected (its description and source are shown) and activated (GtkListView::activate,
 * as Enter or a double click), which runs the demo. gtk4-demo opens each demo in a window of its
 * own: the walk waits until every window the demo opened has painted a frame (at most
 * WALK_TIMEOUT_S), then closes them as their close button does (gtk_window_close), before the
 * next row. So the figures are gtk4-demo with one demo at a time, like ML Roadmap with one page
 * at a time.
 *
 * Environment: MLR_WALK_ROUNDS (default 2); MLR_WALK_SKIP, demo names separated by commas,
 * default "application_demo,font_features": the first starts a separate process
 * (gtk4-demo-application) whose memory is not gtk4-demo's; the second, with GTK 4.8.3, now and
 * then crashes gtk4-demo in the second round (its idle callback update_in_idle() uses the
 * adjustment of a window that was closed). MLR_WALK_ONLY: only these demos. MLR_WALK_VERBOSE:
 * one line per row. Prints "walk: ..." lines and "memory: ..." lines, then quits.
 *
 * With MLR_WALK_SELECT set, the walk times pages instead of running demos, as
 * tests/bench/lesson-open-peer.sh does for ML Roadmap's lessons: each demo's row is selected (its
 * description and source replace the page shown, as a lesson replaces a lesson) once the main
 * loop has settled, and the wall-clock time and the UI thread's CPU time until the main window
 * has painted its next frame are measured, MLR_WALK_ROUNDS times (default 3 here). Printed: a
 * "select: NAME wall_ms=... cpu_ms=..." line per page (its medians), then a "select: summary"
 * line over the pages with the median, p90, worst and how many were within 30 ms. Rows that are
 * groups show no page of their own and are left out.
 *
 * Seen with GTK 4.8.3: "frames" opens no window in the second round (its closed window is not
 * finalized, so the demo's weak pointer still holds it and it "shows" that window again); "printing" runs its dialog in a
 * nested main loop, which the walk closes after NESTED_TIMEOUT_S.
 */
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "proc-memory.h"

#define WALK_TIMEOUT_S   10
#define NESTED_TIMEOUT_S 3

static GtkListView *listview;
static GPtrArray *opened;   /* the windows the current demo opened */

static GtkWidget *
find_list_view (GtkWidget *w)
{
  if (GTK_IS_LIST_VIEW (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_view (c);
      if (found)
        return found;
    }
  return NULL;
}

static void
count_frame (GdkFrameClock *clock,
             GtkWidget     *window)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "walk-frames"));

  g_object_set_data (G_OBJECT (window), "walk-frames", GUINT_TO_POINTER (n + 1));
}

/* TRUE once @window has painted a frame since it was watched; starts watching when mapped. */
static gboolean
painted (GtkWidget *window)
{
  if (g_object_get_data (G_OBJECT (window), "walk-watched") == NULL)
    {
      GdkFrameClock *clock;

      if (!gtk_widget_get_mapped (window) || (clock = gtk_widget_get_frame_clock (window)) == NULL)
        return FALSE;
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (count_frame), window, 0);
      g_object_set_data (G_OBJECT (window), "walk-watched", GINT_TO_POINTER (1));
      g_object_set_data (G_OBJECT (window), "walk-frames", GUINT_TO_POINTER (0));
      gtk_widget_queue_draw (window);
      return FALSE;
    }
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "walk-frames")) > 0;
}

static gboolean
is_open (GtkWindow *w,
         GPtrArray *before)
{
  return gtk_widget_get_visible (GTK_WIDGET (w)) && !g_ptr_array_find (before, w, NULL);
}

/* The visible toplevels not in @before, added to `opened` (strong references). A window that
 * was open before, hidden, and is shown again is new again. */
static void
collect_new_windows (GPtrArray *before)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (is_open (w, before) && !g_ptr_array_find (opened, w, NULL))
        {
          g_object_set_data (G_OBJECT (w), "walk-watched", NULL);
          g_object_set_data (G_OBJECT (w), "walk-closed", NULL);
          g_ptr_array_add (opened, g_object_ref (w));
        }
    }
}

/* The visible toplevels (borrowed: the toplevel list holds them). */
static GPtrArray *
visible_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)))
        g_ptr_array_add (list, w);
      g_object_unref (w);
    }
  return list;
}

/* As a person closes a window (its close button; a dialog then answers "cancel"), once. */
static void
close_window (GtkWindow *w)
{
  if (g_object_get_data (G_OBJECT (w), "walk-closed") == NULL &&
      gtk_widget_get_visible (GTK_WIDGET (w)))
    {
      g_object_set_data (G_OBJECT (w), "walk-closed", GINT_TO_POINTER (1));
      gtk_window_close (w);
    }
}

static gboolean in_activate;
static guint nested;

/* A demo that runs a dialog in a nested main loop (printing) keeps the walk inside the
 * activation: after NESTED_TIMEOUT_S, close what it opened so the loop ends. */
static gboolean
watchdog (gpointer before)
{
  if (in_activate)
    {
      collect_new_windows (before);
      for (guint i = 0; i < opened->len; i++)
        close_window (opened->pdata[i]);
      nested++;
    }
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for @usec, then until nothing is pending (at most a second more): a
 * demo's idle callbacks run before its window is closed (font_features' would crash). */
static void
iterate_for (gint64 usec)
{
  gint64 end = g_get_monotonic_time () + usec;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  end += G_USEC_PER_SEC;
  while (g_main_context_pending (NULL) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static guint forced;

/* Runs row @pos; returns the number of windows it opened. */
static int
run_row (GtkSingleSelection *sel,
         guint               pos,
         GtkWidget          *main_window)
{
  g_autoptr(GPtrArray) before = visible_windows ();
  gint64 end = g_get_monotonic_time () + WALK_TIMEOUT_S * G_USEC_PER_SEC;
  guint dog;
  int n;

  g_object_set_data (G_OBJECT (main_window), "walk-watched", NULL);
  gtk_single_selection_set_selected (sel, pos);
  dog = g_timeout_add_seconds (NESTED_TIMEOUT_S, watchdog, before);
  in_activate = TRUE;
  g_signal_emit_by_name (listview, "activate", pos);
  in_activate = FALSE;
  /* Until the main window (new description and source) and each new window have painted. */
  for (;;)
    {
      gboolean done = painted (main_window);

      collect_new_windows (before);
      for (guint i = 0; i < opened->len; i++)
        done = (!gtk_widget_get_visible (opened->pdata[i]) || painted (opened->pdata[i])) &&
               done;
      if (done || g_get_monotonic_time () > end)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (dog);
  iterate_for (G_USEC_PER_SEC / 10);   /* late windows, a second frame */
  collect_new_windows (before);
  n = opened->len;
  for (guint i = 0; i < opened->len; i++)
    close_window (opened->pdata[i]);
  iterate_for (G_USEC_PER_SEC / 20);
  /* A window that refused to close (none did with GTK 4.8) is destroyed. */
  for (guint i = 0; i < opened->len; i++)
    if (gtk_widget_get_visible (opened->pdata[i]))
      {
        gtk_window_destroy (opened->pdata[i]);
        forced++;
      }
  g_ptr_array_set_size (opened, 0);
  iterate_for (G_USEC_PER_SEC / 20);
  return n;
}

static gboolean select_painted;

static void
select_after_paint (GdkFrameClock *clock,
                    gpointer       data)
{
  select_painted = TRUE;
}

/* Selects row @pos and waits for the main window's next frame (at most a second: a row whose
 * page is already shown paints none). Returns FALSE when no frame came. */
static gboolean
time_select (GtkSingleSelection *sel,
             guint               pos,
             double             *wall_ms,
             double             *cpu_ms)
{
  gint64 t0, end;
  double c0;

  iterate_for (G_USEC_PER_SEC / 10);   /* settled, as a reader's main loop is */
  select_painted = FALSE;
  t0 = g_get_monotonic_time ();
  c0 = bench_cpu_ms ();
  end = t0 + G_USEC_PER_SEC;
  gtk_single_selection_set_selected (sel, pos);
  while (!select_painted && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (100);
  *wall_ms = (g_get_monotonic_time () - t0) / 1000.0;
  *cpu_ms = bench_cpu_ms () - c0;
  return select_painted;
}

/* "median M ms (p90 P, worst W), K of N within 30 ms"; sorts @v. Nearest-rank quantiles, as
 * bench-lesson-open's. */
static char *
summary (double *v,
         guint   n)
{
  guint within = 0;

  qsort (v, n, sizeof (double), bench_compare);
  for (guint i = 0; i < n; i++)
    within += v[i] < 30.0;
  return g_strdup_printf ("median %.1f ms (p90 %.1f, worst %.1f), %u of %u within 30 ms",
                          v[MAX ((guint) ceil (0.5 * n), 1) - 1],
                          v[MAX ((guint) ceil (0.9 * n), 1) - 1], v[n - 1], within, n);
}

static gboolean skipped (const char *name);

/* MLR_WALK_SELECT: every demo's page, timed as a lesson's opening is: @rounds rounds, each
 * page's median over them, then the summary over the pages. */
static void
select_walk (GListModel         *model,
             GtkSingleSelection *sel,
             GtkWidget          *main_window,
             guint               rounds)
{
  guint n = g_list_model_get_n_items (model), pages = 0;
  g_autofree double *wall = g_new0 (double, n * rounds);
  g_autofree double *cpu = g_new0 (double, n * rounds);
  g_autofree guint *times = g_new0 (guint, n);
  g_autofree char *wall_line = NULL, *cpu_line = NULL;

  g_signal_connect (gtk_widget_get_frame_clock (main_window), "after-paint",
                    G_CALLBACK (select_after_paint), NULL);
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
        g_autoptr(GObject) demo = gtk_tree_list_row_get_item (row);
        g_autofree char *name = NULL;

        g_object_get (demo, "name", &name, NULL);
        if (gtk_tree_list_row_is_expandable (row) || name == NULL ||
            (g_getenv ("MLR_WALK_ONLY") != NULL && skipped (name)))
          continue;
        if (time_select (sel, i, &wall[i * rounds + times[i]], &cpu[i * rounds + times[i]]))
          times[i]++;
      }
  /* Each page's median, packed to the front of the arrays. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) demo = gtk_tree_list_row_get_item (row);
      g_autofree char *name = NULL;
      double *w = wall + i * rounds, *c = cpu + i * rounds;

      if (times[i] == 0)
        continue;
      g_object_get (demo, "name", &name, NULL);
      qsort (w, times[i], sizeof (double), bench_compare);
      qsort (c, times[i], sizeof (double), bench_compare);
      wall[pages] = w[(times[i] - 1) / 2];
      cpu[pages] = c[(times[i] - 1) / 2];
      g_print ("select: %s wall_ms=%.1f cpu_ms=%.1f (median of %u)\n", name, wall[pages],
               cpu[pages], times[i]);
      pages++;
    }
  if (pages == 0)
    {
      g_print ("select: summary: no page painted\n");
      return;
    }
  wall_line = summary (wall, pages);
  cpu_line = summary (cpu, pages);
  g_print ("select: summary over %u pages: wall-clock %s; UI-thread CPU %s\n", pages,
           wall_line, cpu_line);
}

static gboolean
skipped (const char *name)
{
  const char *env = g_getenv ("MLR_WALK_SKIP");
  const char *only = g_getenv ("MLR_WALK_ONLY");
  g_auto(GStrv) names = g_strsplit (env ? env : "application_demo,font_features", ",", -1);
  g_auto(GStrv) only_names = only ? g_strsplit (only, ",", -1) : NULL;

  if (only_names != NULL && (name == NULL ||
                             !g_strv_contains ((const char * const *) only_names, name)))
    return TRUE;
  return name != NULL && g_strv_contains ((const char * const *) names, name);
}

static gboolean
walk (gpointer data)
{
  GApplication *app = g_application_get_default ();
  GList *windows;
  GtkWidget *main_window;
  GtkSingleSelection *sel;
  GListModel *model;
  guint rounds = 2, n;
  const char *env = g_getenv ("MLR_WALK_ROUNDS");

  if (app == NULL || (windows = gtk_application_get_windows (GTK_APPLICATION (app))) == NULL)
    return G_SOURCE_CONTINUE;
  main_window = windows->data;
  listview = GTK_LIST_VIEW (find_list_view (main_window));
  if (listview == NULL || !painted (main_window))
    return G_SOURCE_CONTINUE;

  if (env != NULL)
    rounds = MAX (1, (guint) g_ascii_strtoull (env, NULL, 10));
  model = G_LIST_MODEL (gtk_list_view_get_model (listview));
  g_assert (GTK_IS_SINGLE_SELECTION (model));
  sel = GTK_SINGLE_SELECTION (model);
  /* Every group open, as a person would open them (the model grows as they open). */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);

      if (gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  if (g_getenv ("MLR_WALK_SELECT") != NULL)
    {
      select_walk (model, sel, main_window, env != NULL ? rounds : 3);
      g_application_quit (app);
      return G_SOURCE_REMOVE;
    }
  n = g_list_model_get_n_items (model);
  opened = g_ptr_array_new_with_free_func (g_object_unref);
  g_print ("walk: %u rows, %u rounds\n", n, rounds);
  {
    g_autofree char *line = proc_memory_line (0);
    g_print ("%s\n", line);
  }

  for (guint r = 1; r <= rounds; r++)
    {
      guint ran = 0, windows_opened = 0, no_window = 0;
      g_autoptr(GString) skips = g_string_new (NULL);
      g_autoptr(GString) none = g_string_new (NULL);
      g_autofree char *line = NULL;
      gint64 t0 = g_get_monotonic_time ();

      nested = forced = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
          g_autoptr(GObject) demo = gtk_tree_list_row_get_item (row);
          g_autofree char *name = NULL;
          int opened_here;

          g_object_get (demo, "name", &name, NULL);
          if (skipped (name))
            {
              g_string_append_printf (skips, " %s", name);
              continue;
            }
          opened_here = run_row (sel, i, main_window);
          ran++;
          if (opened_here > 0)
            windows_opened += opened_here;
          else
            {
              no_window++;
              g_string_append_printf (none, " %s", name ? name : "(no name)");
            }
          if (g_getenv ("MLR_WALK_VERBOSE"))
            g_print ("walk: %s: %d windows\n", name ? name : "(no name)", opened_here);
        }
      line = proc_memory_line (r);
      g_print ("walk: round %u: %u rows run, %u windows opened and closed (%u in a nested main "
               "loop, %u destroyed as they did not close), %u rows opened none, %.1f s\n", r,
               ran, windows_opened, nested, forced, no_window,
               (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
      g_print ("%s\n", line);
      if (r == 1)
        g_print ("walk: not run:%s; opened no window:%s\n", skips->len ? skips->str : " none",
                 none->len ? none->str : " none");
    }
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

__attribute__((constructor)) static void
walk_init (void)
{
  extern char *program_invocation_short_name;

  /* Children gtk4-demo starts inherit LD_PRELOAD: only gtk4-demo itself is walked. */
  if (strcmp (program_invocation_short_name, "gtk4-demo") != 0)
    return;
  g_timeout_add (100, walk, NULL);
}
