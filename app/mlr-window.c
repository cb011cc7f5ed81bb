/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lessons/mlr-content.h"
#include "lessons/mlr-roadmap.h"
#include "lessons/mlr-search.h"
#include "views/mlr-demos-page.h"
#include "views/mlr-glossary-page.h"
#include "views/mlr-lesson-view.h"
#include "views/mlr-sidebar-row.h"

struct _MlrWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwToast             *problem_toast; /* unowned; the one shown, until dismissed */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  AdwWindowTitle       *lesson_title;
  GtkStack             *content_stack;
  MlrLessonView        *lesson_view;
  AdwStatusPage        *roadmap_error_page;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *progress_box;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListBox           *results_list;
  GtkLabel             *results_label;
  GtkWidget            *demos_row;
  GtkWidget            *glossary_row;
  GtkWidget            *demos_page;   /* built the first time it is shown */
  GtkWidget            *glossary_page;
  MlrSearchIndex       *search_index; /* built with the content index */
  guint                 index_source;

  /* Owned state */
  char                 *content_dir;
  MlrRoadmap           *roadmap;
  MlrContentIndex      *index;        /* built off-thread after start-up; NULL until then */
  GCancellable         *cancellable;
  char                 *lesson_id;    /* the lesson shown */
  gboolean              selecting;    /* we are moving the sidebar selection ourselves */
};

G_DEFINE_FINAL_TYPE (MlrWindow, mlr_window, ADW_TYPE_APPLICATION_WINDOW)

static void run_search (MlrWindow *self);

static GSettings *
get_settings (MlrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (MLR_IS_APPLICATION (app))
    return mlr_application_get_settings (MLR_APPLICATION (app));
  return NULL;
}

static MlrProgress *
get_progress (MlrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (MLR_IS_APPLICATION (app))
    return mlr_application_get_progress (MLR_APPLICATION (app));
  return NULL;
}

static MlrLessonState
lesson_state (MlrWindow  *self,
              const char *lesson_id)
{
  MlrProgress *progress = get_progress (self);

  return progress ? mlr_progress_get_state (progress, lesson_id) : MLR_LESSON_NOT_STARTED;
}

void
mlr_window_add_toast (MlrWindow  *self,
                      const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
problem_toast_dismissed_cb (AdwToast  *toast,
                            MlrWindow *self)
{
  if (self->problem_toast == toast)
    self->problem_toast = NULL;
}

/* Something the learner must not miss (their progress was not written, a file could not be
 * used): it stays until dismissed and goes ahead of other toasts. One at a time: a new
 * problem replaces the one shown, and the same problem again adds nothing. */
static void
add_problem_toast (MlrWindow  *self,
                   const char *message)
{
  AdwToast *toast;

  if (self->problem_toast != NULL)
    {
      if (g_strcmp0 (adw_toast_get_title (self->problem_toast), message) == 0)
        return;
      adw_toast_dismiss (self->problem_toast);
    }
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (problem_toast_dismissed_cb), self, 0);
  self->problem_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A change to the progress record could not be written. When the file was unusable from the
 * start the learner was told so then ("changes will not be saved this session"); saying it
 * again at every click would only be noise. */
static void
report_unsaved (MlrWindow    *self,
                const char   *what,
                const GError *error)
{
  g_autofree char *msg = NULL;

  if (g_error_matches (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_LEFT_UNTOUCHED))
    {
      g_debug ("%s: %s", what, error->message);
      return;
    }
  /* Translators: the first %s is "Progress not saved" or "Quiz score not saved", the second
   * the reason */
  msg = g_strdup_printf (_("%s: %s"), what, error->message);
  add_problem_toast (self, msg);
}

const char *
mlr_window_get_lesson_id (MlrWindow *self)
{
  g_return_val_if_fail (MLR_IS_WINDOW (self), NULL);
  return self->lesson_id;
}

static MlrSidebarRow *
find_row (MlrWindow  *self,
          const char *lesson_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MLR_IS_SIDEBAR_ROW (child) &&
        g_strcmp0 (mlr_sidebar_row_get_lesson_id (MLR_SIDEBAR_ROW (child)), lesson_id) == 0)
      return MLR_SIDEBAR_ROW (child);
  return NULL;
}

static guint
count_finished (MlrWindow             *self,
                const MlrRoadmapStep  *step,
                guint                 *total)
{
  GPtrArray *lessons = step ? step->lessons : self->roadmap->lessons;
  guint finished = 0;

  for (guint i = 0; i < lessons->len; i++)
    {
      const MlrRoadmapLesson *e = g_ptr_array_index (lessons, i);
      MlrLessonState s = lesson_state (self, e->id);
      finished += s == MLR_LESSON_DONE || s == MLR_LESSON_SKIPPED;
    }
  *total = lessons->len;
  return finished;
}

/* The sidebar's icons, each step's share and the whole roadmap's percentage. */
static void
update_progress_ui (MlrWindow *self)
{
  guint total, finished;
  g_autofree char *text = NULL;

  if (self->roadmap == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (MLR_IS_SIDEBAR_ROW (child))
      mlr_sidebar_row_set_state (MLR_SIDEBAR_ROW (child),
                                 lesson_state (self, mlr_sidebar_row_get_lesson_id (
                                                       MLR_SIDEBAR_ROW (child))));
  gtk_list_box_invalidate_headers (self->sidebar);

  finished = count_finished (self, NULL, &total);
  text = g_strdup_printf (_("Roadmap %u%% done · %u of %u lessons"),
                          total ? (guint) (100.0 * finished / total + 0.5) : 0, finished, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) finished / total : 0);
}

static void
set_lesson_state (MlrWindow      *self,
                  const char     *lesson_id,
                  MlrLessonState  state)
{
  MlrProgress *progress = get_progress (self);
  g_autoptr(GError) error = NULL;

  if (progress == NULL)
    return;
  if (!mlr_progress_set_state (progress, lesson_id, state, &error))
    report_unsaved (self, _("Progress not saved"), error);
  if (g_strcmp0 (lesson_id, self->lesson_id) == 0)
    mlr_lesson_view_set_state (self->lesson_view, mlr_progress_get_state (progress, lesson_id));
  update_progress_ui (self);
}

/* Remembers where the reader is on the current page, for the next visit. */
static void
save_position (MlrWindow *self)
{
  MlrProgress *progress = get_progress (self);

  if (progress == NULL || self->lesson_id == NULL ||
      !mlr_lesson_view_is_complete (self->lesson_view) ||
      gtk_stack_get_visible_child (self->content_stack) != GTK_WIDGET (self->lesson_view))
    return;
  /* A failure here is reported by the next state change; a scroll position is not worth a
   * toast of its own. */
  mlr_progress_set_position (progress, self->lesson_id,
                             mlr_lesson_view_get_position (self->lesson_view), NULL);
}

static void
update_actions (MlrWindow *self)
{
  const MlrRoadmapLesson *entry = self->roadmap ? mlr_roadmap_find (self->roadmap,
                                                                    self->lesson_id) : NULL;
  guint n = self->roadmap ? self->roadmap->lessons->len : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-lesson",
                                 entry != NULL && entry->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-lesson",
                                 entry != NULL && entry->index + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", entry != NULL);
}

/**
 * mlr_window_open_lesson:
 * Shows the lesson @lesson_id: reads and validates its file now (a lesson edited on disk shows
 * its new state), selects it in the sidebar and remembers it for the next launch. Returns FALSE
 * when the roadmap has no such lesson; a lesson that fails to load still opens, as an error
 * page.
 */
gboolean
mlr_window_open_lesson (MlrWindow  *self,
                        const char *lesson_id)
{
  const MlrRoadmapLesson *entry;
  const MlrRoadmapLesson *next;
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;
  g_autofree char *path = NULL;
  g_autofree char *step_label = NULL;
  MlrSidebarRow *row;
  GSettings *settings;

  g_return_val_if_fail (MLR_IS_WINDOW (self), FALSE);

  if (self->roadmap == NULL || (entry = mlr_roadmap_find (self->roadmap, lesson_id)) == NULL)
    return FALSE;

  if (g_strcmp0 (self->lesson_id, entry->id) != 0)
    save_position (self);
  path = mlr_roadmap_lesson_path (self->roadmap, entry->id);
  lesson = mlr_lesson_load_file (path, self->roadmap->content_dir, diags);
  next = mlr_roadmap_nth (self->roadmap, entry->index + 1);
  step_label = mlr_roadmap_step_label (entry->step);

  mlr_lesson_view_show (self->lesson_view, entry, step_label, lesson, diags, next);
  adw_window_title_set_title (self->lesson_title, lesson ? lesson->title : entry->title);
  adw_window_title_set_subtitle (self->lesson_title, step_label);
  gtk_stack_set_visible_child_name (self->content_stack, "lesson");

  if (g_strcmp0 (self->lesson_id, entry->id) != 0)
    {
      MlrProgress *progress = get_progress (self);

      g_free (self->lesson_id);
      self->lesson_id = g_strdup (entry->id);
      /* Back where the reader left this lesson last time. */
      if (progress != NULL && mlr_progress_get_position (progress, entry->id) > 0)
        mlr_lesson_view_set_position (self->lesson_view,
                                      mlr_progress_get_position (progress, entry->id));
    }
  if (lesson_state (self, entry->id) == MLR_LESSON_NOT_STARTED)
    set_lesson_state (self, entry->id, MLR_LESSON_IN_PROGRESS);
  mlr_lesson_view_set_state (self->lesson_view, lesson_state (self, entry->id));

  row = find_row (self, entry->id);
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != GTK_LIST_BOX_ROW (row))
    {
      self->selecting = TRUE;
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
      self->selecting = FALSE;
    }

  settings = get_settings (self);
  if (settings != NULL)
    g_settings_set_string (settings, "last-lesson", entry->id);
  update_actions (self);
  return TRUE;
}

/**
 * mlr_window_open_initial_lesson:
 * Opens @requested_id (from --lesson) if given, else the lesson viewed last, else the first.
 * An unknown id is reported in a toast rather than ignored.
 */
void
mlr_window_open_initial_lesson (MlrWindow  *self,
                                const char *requested_id)
{
  GSettings *settings = get_settings (self);
  g_autofree char *last = settings ? g_settings_get_string (settings, "last-lesson") : NULL;
  const MlrRoadmapLesson *first;

  if (self->roadmap == NULL)
    return;
  if (requested_id != NULL)
    {
      if (mlr_window_open_lesson (self, requested_id))
        {
          adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
          return;
        }
      {
        g_autofree char *msg = g_strdup_printf (_("There is no lesson “%s”"), requested_id);
        mlr_window_add_toast (self, msg);
      }
    }
  if (self->lesson_id != NULL)
    return;
  if (last != NULL && *last && mlr_window_open_lesson (self, last))
    return;
  first = mlr_roadmap_nth (self->roadmap, 0);
  if (first != NULL)
    mlr_window_open_lesson (self, first->id);
}

/**
 * mlr_window_show_demos:
 * Shows the page that lists every demo, built on first use.
 */
void
mlr_window_show_demos (MlrWindow *self)
{
  g_return_if_fail (MLR_IS_WINDOW (self));

  save_position (self);
  if (self->demos_page == NULL)
    {
      self->demos_page = mlr_demos_page_new ();
      gtk_stack_add_named (self->content_stack, self->demos_page, "demos");
    }
  gtk_stack_set_visible_child_name (self->content_stack, "demos");
  adw_window_title_set_title (self->lesson_title, _("Interactive Demos"));
  adw_window_title_set_subtitle (self->lesson_title, NULL);
  if (self->demos_row != NULL &&
      gtk_list_box_get_selected_row (self->sidebar) != GTK_LIST_BOX_ROW (self->demos_row))
    {
      self->selecting = TRUE;
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (self->demos_row));
      self->selecting = FALSE;
    }
}

static void
glossary_open_lesson_cb (MlrWindow  *self,
                         const char *lesson_id,
                         int         section)
{
  if (mlr_window_open_lesson (self, lesson_id) && section >= 0)
    mlr_lesson_view_scroll_to_section (self->lesson_view, section);
}

/**
 * mlr_window_show_glossary:
 * Shows every term the lessons define, built on first use.
 */
void
mlr_window_show_glossary (MlrWindow *self)
{
  g_return_if_fail (MLR_IS_WINDOW (self));

  save_position (self);
  if (self->glossary_page == NULL)
    {
      self->glossary_page = mlr_glossary_page_new ();
      g_signal_connect_object (self->glossary_page, "open-lesson",
                               G_CALLBACK (glossary_open_lesson_cb), self, G_CONNECT_SWAPPED);
      mlr_glossary_page_set_index (MLR_GLOSSARY_PAGE (self->glossary_page), self->index);
      gtk_stack_add_named (self->content_stack, self->glossary_page, "glossary");
    }
  gtk_stack_set_visible_child_name (self->content_stack, "glossary");
  adw_window_title_set_title (self->lesson_title, _("Glossary"));
  adw_window_title_set_subtitle (self->lesson_title, NULL);
  if (self->glossary_row != NULL &&
      gtk_list_box_get_selected_row (self->sidebar) != GTK_LIST_BOX_ROW (self->glossary_row))
    {
      self->selecting = TRUE;
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (self->glossary_row));
      self->selecting = FALSE;
    }
}

static void
sidebar_row_selected_cb (MlrWindow     *self,
                         GtkListBoxRow *row)
{
  if (self->selecting || row == NULL)
    return;
  if (GTK_WIDGET (row) == self->glossary_row)
    mlr_window_show_glossary (self);
  else if (GTK_WIDGET (row) == self->demos_row)
    mlr_window_show_demos (self);
  else if (MLR_IS_SIDEBAR_ROW (row))
    mlr_window_open_lesson (self, mlr_sidebar_row_get_lesson_id (MLR_SIDEBAR_ROW (row)));
}

static void
sidebar_row_activated_cb (MlrWindow     *self,
                          GtkListBoxRow *row)
{
  if (GTK_WIDGET (row) == self->demos_row || GTK_WIDGET (row) == self->glossary_row)
    {
      if (GTK_WIDGET (row) == self->demos_row)
        mlr_window_show_demos (self);
      else
        mlr_window_show_glossary (self);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }
  if (!MLR_IS_SIDEBAR_ROW (row))
    return;
  if (g_strcmp0 (self->lesson_id, mlr_sidebar_row_get_lesson_id (MLR_SIDEBAR_ROW (row))) != 0)
    mlr_window_open_lesson (self, mlr_sidebar_row_get_lesson_id (MLR_SIDEBAR_ROW (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (MlrWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
lesson_view_open_lesson_cb (MlrWindow  *self,
                            const char *lesson_id)
{
  mlr_window_open_lesson (self, lesson_id);
}

static void
lesson_view_toast_cb (MlrWindow  *self,
                      const char *message)
{
  mlr_window_add_toast (self, message);
}

static void
lesson_view_set_state_cb (MlrWindow *self,
                          int        state)
{
  if (self->lesson_id != NULL)
    set_lesson_state (self, self->lesson_id, (MlrLessonState) state);
}

static void
lesson_view_quiz_finished_cb (MlrWindow *self,
                              guint      right,
                              guint      total)
{
  MlrProgress *progress = get_progress (self);
  g_autoptr(GError) error = NULL;

  if (progress == NULL || self->lesson_id == NULL || total == 0)
    return;
  if (!mlr_progress_record_quiz (progress, self->lesson_id, right, total, &error))
    report_unsaved (self, _("Quiz score not saved"), error);
}

static void
lesson_view_challenge_met_cb (MlrWindow  *self,
                              const char *challenge_id,
                              const char *message)
{
  MlrProgress *progress = get_progress (self);
  g_autoptr(GError) error = NULL;

  mlr_window_add_toast (self, message);
  if (progress != NULL && self->lesson_id != NULL &&
      !mlr_progress_add_challenge (progress, self->lesson_id, challenge_id, &error))
    report_unsaved (self, _("Progress not saved"), error);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);

  if (self->lesson_id == NULL)
    return;
  set_lesson_state (self, self->lesson_id,
                    lesson_state (self, self->lesson_id) == MLR_LESSON_DONE
                    ? MLR_LESSON_IN_PROGRESS : MLR_LESSON_DONE);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    MlrWindow       *self)
{
  MlrProgress *progress = get_progress (self);

  if (response == GTK_RESPONSE_ACCEPT && progress != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *msg = NULL;

      if (path == NULL)
        msg = g_strdup (_("Progress can only be exported to a local file"));
      else if (!mlr_progress_export (progress, path, &error))
        msg = g_strdup_printf (_("Could not export progress: %s"), error->message);
      else
        msg = g_strdup (_("Progress exported"));
      if (path == NULL || error != NULL)
        add_problem_toast (self, msg);
      else
        mlr_window_add_toast (self, msg);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    MlrWindow       *self)
{
  MlrProgress *progress = get_progress (self);

  if (response == GTK_RESPONSE_ACCEPT && progress != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autofree char *backup = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *msg = NULL;

      if (path == NULL)
        msg = g_strdup (_("Progress can only be imported from a local file"));
      else if (!mlr_progress_import (progress, path, &backup, &error))
        msg = g_strdup_printf (_("Could not import progress: %s"), error->message);
      else
        {
          msg = g_strdup (_("Progress imported; the previous record was kept as a backup"));
          update_progress_ui (self);
          if (self->lesson_id)
            mlr_lesson_view_set_state (self->lesson_view, lesson_state (self, self->lesson_id));
        }
      if (path == NULL || error != NULL)
        add_problem_toast (self, msg);
      else
        mlr_window_add_toast (self, msg);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
progress_file_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);
  gboolean export = g_str_equal (action_name, "win.export-progress");
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (export ? _("Export Progress") : _("Import Progress"),
                                        GTK_WINDOW (self),
                                        export ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        export ? _("_Export") : _("_Import"), NULL);
  if (export)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "ml-roadmap-progress.ini");
  g_signal_connect_object (dialog, "response",
                           export ? G_CALLBACK (export_response_cb)
                                  : G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
step_lesson (MlrWindow *self,
             int        delta)
{
  const MlrRoadmapLesson *entry;
  const MlrRoadmapLesson *target;

  if (self->roadmap == NULL || (entry = mlr_roadmap_find (self->roadmap, self->lesson_id)) == NULL)
    return;
  if ((delta < 0 && entry->index == 0))
    return;
  target = mlr_roadmap_nth (self->roadmap, entry->index + delta);
  if (target != NULL)
    mlr_window_open_lesson (self, target->id);
}

static void
previous_lesson_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_lesson (MLR_WINDOW (widget), -1);
}

static void
next_lesson_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step_lesson (MLR_WINDOW (widget), +1);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);
  g_autofree char *id = g_strdup (self->lesson_id);

  if (id != NULL)
    mlr_window_open_lesson (self, id);
}

/* Sidebar --------------------------------------------------------------------------------- */

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  MlrWindow *self = user_data;
  const MlrRoadmapLesson *entry = MLR_IS_SIDEBAR_ROW (row)
                                  ? mlr_sidebar_row_get_entry (MLR_SIDEBAR_ROW (row)) : NULL;
  const MlrRoadmapLesson *prev = before && MLR_IS_SIDEBAR_ROW (before)
                                 ? mlr_sidebar_row_get_entry (MLR_SIDEBAR_ROW (before)) : NULL;
  GtkWidget *header;
  g_autofree char *label = NULL;

  if (entry == NULL && before != NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (entry == NULL)
    label = g_strdup (_("Explore"));
  else if (prev != NULL && prev->step == entry->step)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  else
    label = mlr_roadmap_step_label (entry->step);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  {
    GtkWidget *title = gtk_label_new (label);
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_label_set_wrap (GTK_LABEL (title), TRUE);
    /* Long step titles wrap rather than widen the sidebar. */
    gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
    gtk_widget_set_hexpand (title, TRUE);
    gtk_widget_add_css_class (title, "heading");
    gtk_widget_add_css_class (title, "dim-label");
    gtk_box_append (GTK_BOX (header), title);
  }
  if (entry != NULL)
    {
      guint total, finished = count_finished (self, entry->step, &total);
      g_autofree char *share = g_strdup_printf ("%u/%u", finished, total);
      g_autofree char *tip = g_strdup_printf (_("%s\n%u of %u lessons done or skipped"),
                                              entry->step->summary, finished, total);
      GtkWidget *count = gtk_label_new (share);
      gtk_widget_add_css_class (count, "caption");
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), count);
      gtk_widget_set_tooltip_text (header, tip);
    }
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, before ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
make_explore_row (const char *icon,
                  const char *title,
                  const char *tooltip)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static void
populate_sidebar (MlrWindow *self)
{
  self->demos_row = make_explore_row ("applications-science-symbolic", _("Interactive demos"),
                                      _("Every demo, ready to play with"));
  gtk_list_box_append (self->sidebar, self->demos_row);
  self->glossary_row = make_explore_row ("accessories-dictionary-symbolic", _("Glossary"),
                                         _("Every term the lessons define"));
  gtk_list_box_append (self->sidebar, self->glossary_row);
  for (guint i = 0; i < self->roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (self->roadmap->lessons, i);
      gtk_list_box_append (self->sidebar, GTK_WIDGET (mlr_sidebar_row_new (entry)));
    }
  gtk_list_box_set_header_func (self->sidebar, sidebar_header_func, self, NULL);
}

/* Content index (glossary look-ups; search later) --------------------------------------- */

typedef struct {
  MlrContentIndex *content;
  MlrSearchIndex  *search;
} Indexes;

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

/* Reading every lesson (for the glossary and search) waits until the window has had time to
 * show itself: on two cores it would otherwise compete with the first frame. */
#define INDEX_DELAY_MS 400

static gboolean
start_index_cb (gpointer user_data)
{
  start_index (MLR_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Search ---------------------------------------------------------------------------------- */

#define MAX_RESULTS 50

static GtkWidget *
result_row_new (const MlrSearchResult *r)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (r->entry->title);
  g_autofree char *step = mlr_roadmap_step_label (r->entry->step);
  GtkWidget *where = gtk_label_new (step);
  g_autofree char *plain = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 28);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_add_css_class (where, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), where);
  if (r->snippet && *r->snippet)
    {
      GtkWidget *snippet = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (snippet), r->snippet);
      gtk_label_set_xalign (GTK_LABEL (snippet), 0);
      gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (snippet), 28);
      gtk_label_set_lines (GTK_LABEL (snippet), 3);
      gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (snippet, "caption");
      gtk_box_append (GTK_BOX (box), snippet);
      plain = g_strdup (gtk_label_get_text (GTK_LABEL (snippet)));
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  {
    g_autofree char *a11y = plain ? g_strdup_printf ("%s, %s: %s", r->entry->title, step, plain)
                                  : g_strdup_printf ("%s, %s", r->entry->title, step);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                    -1);
  }
  g_object_set_data_full (G_OBJECT (row), "lesson-id", g_strdup (r->entry->id), g_free);
  g_object_set_data (G_OBJECT (row), "section", GINT_TO_POINTER (r->section));
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
  GtkWidget *child;
  g_autofree char *count = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

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
    gtk_list_box_append (self->results_list, result_row_new (g_ptr_array_index (results, i)));
  if (results->len == 0)
    count = g_strdup (_("No lessons match"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lesson matches",
                                          "%u lessons match", results->len), results->len);
  set_results_text (self, count);
}

static void
search_changed_cb (MlrWindow *self)
{
  run_search (self);
}

static void
open_result (MlrWindow     *self,
             GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "lesson-id");
  int section = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "section"));

  if (id == NULL || !mlr_window_open_lesson (self, id))
    return;
  if (section >= 0)
    mlr_lesson_view_scroll_to_section (self->lesson_view, section);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
result_activated_cb (MlrWindow     *self,
                     GtkListBoxRow *row)
{
  open_result (self, row);
}

/* Enter opens the first result. */
static void
search_activate_cb (MlrWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL)
    open_result (self, first);
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

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * mlr_window_search:
 * Searches for @query as if typed into the search bar; returns how many lessons matched.
 */
guint
mlr_window_search (MlrWindow  *self,
                   const char *query)
{
  guint n = 0;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  run_search (self);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->results_list)); c;
       c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

/* Window state ---------------------------------------------------------------------------- */

static void
restore_window_state (MlrWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL)
    return;
  width = g_settings_get_int (settings, "window-width");
  height = g_settings_get_int (settings, "window-height");
  /* A corrupted value must not make the window unusable. */
  width = CLAMP (width, 360, 8192);
  height = CLAMP (height, 294, 8192);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
mlr_window_close_request (GtkWindow *window)
{
  MlrWindow *self = MLR_WINDOW (window);
  GSettings *settings = get_settings (self);

  save_position (self);
  if (settings != NULL)
    {
      int width, height;
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (settings);
    }
  return GTK_WINDOW_CLASS (mlr_window_parent_class)->close_request (window);
}

static void
load_roadmap (MlrWindow *self)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();

  self->roadmap = mlr_roadmap_load (self->content_dir, diags);
  if (self->roadmap == NULL)
    {
      g_autofree char *details = mlr_diagnostics_format (diags, 10);
      gtk_widget_set_visible (self->progress_box, FALSE);
      g_autofree char *text = g_strdup_printf (_("ML Roadmap reads its lessons from “%s”.\n\n%s"),
                                               self->content_dir, details);
      adw_status_page_set_description (self->roadmap_error_page, text);
      gtk_stack_set_visible_child_name (self->content_stack, "no-roadmap");
      adw_window_title_set_title (self->lesson_title, _("No Roadmap"));
      update_actions (self);
      return;
    }
  populate_sidebar (self);
  update_progress_ui (self);
  self->index_source = g_timeout_add (INDEX_DELAY_MS, start_index_cb, self);
}

MlrWindow *
mlr_window_new (MlrApplication *app,
                const char     *content_dir)
{
  MlrWindow *self = g_object_new (MLR_TYPE_WINDOW, "application", app, NULL);

  self->content_dir = g_strdup (content_dir);
  mlr_lesson_view_set_progress (self->lesson_view, mlr_application_get_progress (app));
  restore_window_state (self);
  load_roadmap (self);
  {
    g_autofree char *message = mlr_application_take_progress_message (app);
    if (message != NULL)
      add_problem_toast (self, message);
  }
  return self;
}

static void
mlr_window_dispose (GObject *object)
{
  MlrWindow *self = MLR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->index_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLR_TYPE_WINDOW);
  G_OBJECT_CLASS (mlr_window_parent_class)->dispose (object);
}

static void
mlr_window_finalize (GObject *object)
{
  MlrWindow *self = MLR_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search_index, mlr_search_index_free);
  g_clear_pointer (&self->index, mlr_content_index_free);
  g_clear_pointer (&self->roadmap, mlr_roadmap_free);
  g_free (self->content_dir);
  g_free (self->lesson_id);
  G_OBJECT_CLASS (mlr_window_parent_class)->finalize (object);
}

static void
mlr_window_class_init (MlrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mlr_window_dispose;
  object_class->finalize = mlr_window_finalize;
  window_class->close_request = mlr_window_close_request;

  g_type_ensure (MLR_TYPE_LESSON_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "mlr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, lesson_title);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, lesson_view);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, roadmap_error_page);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, results_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_open_lesson_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_set_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_quiz_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_challenge_met_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.previous-lesson", NULL,
                                   previous_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.next-lesson", NULL, next_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-progress", NULL,
                                   progress_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-progress", NULL,
                                   progress_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.previous-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.next-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.mark-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
}

static void
mlr_window_init (MlrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->sidebar_stack, "roadmap");
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
}

/* Whether the background reading of every lesson (glossary, search) has finished. */
gboolean
mlr_window_is_index_ready (MlrWindow *self)
{
  g_return_val_if_fail (MLR_IS_WINDOW (self), FALSE);
  return self->search_index != NULL;
}
