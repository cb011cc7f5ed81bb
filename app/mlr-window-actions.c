/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrWindow's actions (win.*) and their shortcuts: moving through the roadmap, reloading a
 * lesson, marking it done, searching, exporting and importing progress.
 */
#include "config.h"

#include "mlr-window-private.h"

#include <glib/gi18n.h>

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);

  if (self->lesson_id == NULL)
    return;
  _mlr_window_set_lesson_state (self, self->lesson_id,
                                _mlr_window_lesson_state (self, self->lesson_id) == MLR_LESSON_DONE
                                ? MLR_LESSON_IN_PROGRESS : MLR_LESSON_DONE);
}

/* Export and import run in threads; the window waits for neither. */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MlrWindow) self = user_data;
  MlrProgress *progress = _mlr_window_get_progress (self);
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable) || progress == NULL)
    return;
  if (!mlr_progress_export_finish (progress, result, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not export progress: %s"),
                                              error->message);
      _mlr_window_add_problem_toast (self, msg);
    }
  else
    mlr_window_add_toast (self, _("Progress exported"));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MlrWindow) self = user_data;
  MlrProgress *progress = _mlr_window_get_progress (self);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable) || progress == NULL)
    return;
  if (!mlr_progress_import_finish (progress, result, &backup, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not import progress: %s"),
                                              error->message);
      _mlr_window_add_problem_toast (self, msg);
      return;
    }
  mlr_window_add_toast (self, _("Progress imported; the previous record was kept as a backup"));
  _mlr_window_update_progress_ui (self);
  if (self->lesson_id)
    mlr_lesson_view_set_state (self->lesson_view,
                               _mlr_window_lesson_state (self, self->lesson_id));
}

static void
progress_file_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           MlrWindow       *self)
{
  MlrProgress *progress = _mlr_window_get_progress (self);
  gboolean export = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog))
                    == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && progress != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        _mlr_window_add_problem_toast (self,
                                       export ? _("Progress can only be exported to a local file")
                                              : _("Progress can only be imported from a local "
                                                  "file"));
      else if (export)
        mlr_progress_export_async (progress, path, self->cancellable, export_done_cb,
                                   g_object_ref (self));
      else
        mlr_progress_import_async (progress, path, self->cancellable, import_done_cb,
                                   g_object_ref (self));
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (progress_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Folded, the content takes the list's place. Side by side there is nothing to move, and
 * moving the leaflet anyway would take the keyboard focus out of the list. */
static void
show_content (MlrWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* win.open-lesson: everything that opens a lesson comes here (the sidebar, search results,
 * "Next:" buttons, glossary links). The parameter is a place, "LESSON-ID" or
 * "LESSON-ID#SECTION" (see mlr_roadmap_place()). */
static void
open_lesson_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);
  const char *place = g_variant_get_string (parameter, NULL);
  g_autofree char *lesson_id = NULL;
  int section;

  if (!mlr_roadmap_parse_place (place, &lesson_id, &section))
    {
      g_debug ("win.open-lesson: “%s” is not a lesson", place);
      return;
    }
  if (_mlr_window_show_lesson (self, lesson_id, section))
    show_content (self);
}

/* win.open-lesson-link: a link to a lesson in a lesson's text, "lesson:LESSON-ID" or
 * "lesson:LESSON-ID#SECTION-ID". Opens the lesson as the sidebar does, then brings the
 * section into view; a lesson or section that is not there (content not validated) is said
 * in a toast. */
static void
open_lesson_link_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);
  const char *href = g_variant_get_string (parameter, NULL);
  g_autofree char *lesson_id = NULL;
  g_autofree char *section_id = NULL;

  if (!mlr_lesson_link_parse (href, &lesson_id, &section_id))
    {
      g_debug ("win.open-lesson-link: “%s” is not a link to a lesson", href);
      return;
    }
  if (!_mlr_window_show_lesson (self, lesson_id, -1))
    {
      g_autofree char *msg = g_strdup_printf (_("There is no lesson “%s”"), lesson_id);
      mlr_window_add_toast (self, msg);
      return;
    }
  show_content (self);
  if (section_id != NULL && !mlr_lesson_view_show_section (self->lesson_view, section_id))
    {
      g_autofree char *msg = g_strdup_printf (_("This lesson has no section “%s”"),
                                              section_id);
      mlr_window_add_toast (self, msg);
    }
}

/* win.show-demos and win.show-glossary: the sidebar's pages to explore. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrWindow *self = MLR_WINDOW (widget);

  if (g_str_equal (action_name, "win.show-demos"))
    mlr_window_show_demos (self);
  else if (g_str_equal (action_name, "win.show-home"))
    mlr_window_show_home (self);
  else
    mlr_window_show_glossary (self);
  show_content (self);
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

/* The shortcuts window is built the first time it is asked for: it has a row for every key of
 * every demo, and building it with the window (as GtkApplication does with a
 * gtk/help-overlay.ui resource) took a tenth of the start-up. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (APP_PATH
                                                                     "mlr-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Modal, hidden on close, transient for the window; it keeps our action. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_mlr_window_actions_init (MlrWindow *self)
{
  static const GActionEntry entries[] = {
    { .name = "show-help-overlay", .activate = show_help_overlay_activated },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}

void
_mlr_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", open_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.open-lesson-link", "s",
                                   open_lesson_link_action);
  gtk_widget_class_install_action (widget_class, "win.show-demos", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-home", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-glossary", NULL, show_page_action);
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
