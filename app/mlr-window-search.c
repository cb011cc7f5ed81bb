/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrWindow's search: reading every lesson in the background once the window is up (for the
 * glossary, term popovers and search), and the search bar with its results in the sidebar.
 */
#include "config.h"

#include "mlr-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "views/mlr-glossary-page.h"
#include "views/mlr-search-row.h"

typedef struct {
  MlrContentIndex *content;
  MlrSearchIndex  *search;
} Indexes;


/* Reading every lesson (for the glossary and search) waits until the window has shown its first
 * frame, and this long after it: on two cores it would otherwise compete with the first frame,
 * and on a busy machine the first frame comes later than any fixed delay from start-up. */
#define INDEX_DELAY_MS 400

#define MAX_RESULTS 50

static void run_search (MlrWindow *self);

static void
indexes_free (gpointer data)
{
  Indexes *ix = data;

  mlr_search_index_free (ix->search);
  mlr_content_index_free (ix->content);
  g_free (ix);
}

static void
build_index_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  MlrRoadmap *roadmap = task_data;
  Indexes *ix = g_new0 (Indexes, 1);

  ix->content = mlr_content_index_build (roadmap, NULL);
  ix->search = mlr_search_index_new (ix->content);
  g_task_return_pointer (task, ix, indexes_free);
}

static void
index_built_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MlrWindow *self;
  Indexes *ix = g_task_propagate_pointer (G_TASK (result), NULL);

  if (ix == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (ix)
        indexes_free (ix);
      return;
    }
  self = MLR_WINDOW (source);
  self->index = g_steal_pointer (&ix->content);
  self->search_index = g_steal_pointer (&ix->search);
  indexes_free (ix);
  mlr_lesson_view_set_index (self->lesson_view, self->index);
  if (self->glossary_page != NULL)
    mlr_glossary_page_set_index (MLR_GLOSSARY_PAGE (self->glossary_page), self->index);
  if (gtk_search_bar_get_search_mode (self->search_bar))
    run_search (self);
}

static void
start_index (MlrWindow *self)
{
  g_autoptr(GTask) task = NULL;

  self->index_source = 0;
  task = g_task_new (self, self->cancellable, index_built_cb, NULL);

  /* The roadmap outlives the task: it is freed in finalize, after dispose cancelled us and
   * the task's reference on the window kept it alive until the thread finished. */
  g_task_set_task_data (task, self->roadmap, NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, build_index_thread);
}

static gboolean
start_index_cb (gpointer user_data)
{
  start_index (MLR_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* A row for @hit that opens the lesson at the section that matched, through the window's
 * action. */
static GtkWidget *
create_result_row (gpointer item,
                   gpointer user_data)
{
  MlrSearchHit *hit = item;
  GtkWidget *row = mlr_search_row_new (hit);
  g_autofree char *place = mlr_roadmap_place (mlr_search_hit_get_lesson_id (hit),
                                              mlr_search_hit_get_section (hit));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-lesson");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", place);
  return row;
}

static void
set_results_text (MlrWindow  *self,
                  const char *text)
{
  gtk_label_set_text (self->results_label, text);
  /* GTK 4.8 has no announcements; a description change on the focused entry is what screen
   * readers pick up. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
run_search (MlrWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  g_list_store_remove_all (self->results_model);
  if (query == NULL || *query == '\0' || strspn (query, " \t\n") == strlen (query))
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "roadmap");
      return;
    }
  gtk_stack_set_visible_child_name (self->sidebar_stack, "results");
  if (self->search_index == NULL)
    {
      set_results_text (self, _("Reading the lessons…"));
      return;
    }
  results = mlr_search (self->search_index, query, MAX_RESULTS);
  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (hits, mlr_search_hit_new (g_ptr_array_index (results, i)));
  g_list_store_splice (self->results_model, 0, 0, hits->pdata, hits->len);
  if (results->len == 0)
    count = g_strdup (_("No lessons or terms match"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results",
                                          results->len), results->len);
  set_results_text (self, count);
}

static void
search_changed_cb (MlrWindow *self)
{
  run_search (self);
}

/* Enter opens the first result. */
static void
search_activate_cb (MlrWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL)
    gtk_widget_activate (GTK_WIDGET (first));
}

/* Down from the search entry moves to the first result; the arrows then move through them
 * and Enter opens one. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       MlrWindow             *self)
{
  GtkListBoxRow *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return GDK_EVENT_PROPAGATE;
  first = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (first == NULL || !gtk_widget_get_mapped (GTK_WIDGET (first)))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static void
search_stop_cb (MlrWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_cb (MlrWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_stack_set_visible_child_name (self->sidebar_stack, "roadmap");
    }
}

/**
 * mlr_window_search:
 * Searches for @query as if typed into the search bar; returns how many lessons matched.
 */
guint
mlr_window_search (MlrWindow  *self,
                   const char *query)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  run_search (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->results_model));
}

/* The window's first frame is being drawn: the timer starts now. */
static gboolean
first_frame_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  MlrWindow *self = MLR_WINDOW (widget);

  self->index_tick = 0;
  self->index_source = g_timeout_add (INDEX_DELAY_MS, start_index_cb, self);
  return G_SOURCE_REMOVE;
}

/* Starts reading every lesson INDEX_DELAY_MS after the window's first frame. */
void
_mlr_window_start_index_later (MlrWindow *self)
{
  if (self->index_tick == 0 && self->index_source == 0)
    self->index_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_tick_cb,
                                                     NULL, NULL);
}

void
_mlr_window_search_init (MlrWindow *self)
{
  self->results_model = g_list_store_new (MLR_TYPE_SEARCH_HIT);
  gtk_list_box_bind_model (self->results_list, G_LIST_MODEL (self->results_model),
                           create_result_row, self, NULL);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
}

void
_mlr_window_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
}
