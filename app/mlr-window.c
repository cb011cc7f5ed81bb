/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-window.h"

#include <glib/gi18n.h>

#include "lessons/mlr-content.h"
#include "lessons/mlr-roadmap.h"
#include "views/mlr-demos-page.h"
#include "views/mlr-lesson-view.h"
#include "views/mlr-sidebar-row.h"

struct _MlrWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  AdwWindowTitle       *lesson_title;
  GtkStack             *content_stack;
  MlrLessonView        *lesson_view;
  AdwStatusPage        *roadmap_error_page;
  GtkWidget            *demos_row;
  GtkWidget            *demos_page;   /* built the first time it is shown */

  /* Owned state */
  char                 *content_dir;
  MlrRoadmap           *roadmap;
  MlrContentIndex      *index;        /* built off-thread after start-up; NULL until then */
  GCancellable         *cancellable;
  char                 *lesson_id;    /* the lesson shown */
  gboolean              selecting;    /* we are moving the sidebar selection ourselves */
};

G_DEFINE_FINAL_TYPE (MlrWindow, mlr_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
get_settings (MlrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (MLR_IS_APPLICATION (app))
    return mlr_application_get_settings (MLR_APPLICATION (app));
  return NULL;
}

void
mlr_window_add_toast (MlrWindow  *self,
                      const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
      g_free (self->lesson_id);
      self->lesson_id = g_strdup (entry->id);
    }

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
sidebar_row_selected_cb (MlrWindow     *self,
                         GtkListBoxRow *row)
{
  if (self->selecting || row == NULL)
    return;
  if (GTK_WIDGET (row) == self->demos_row)
    mlr_window_show_demos (self);
  else if (MLR_IS_SIDEBAR_ROW (row))
    mlr_window_open_lesson (self, mlr_sidebar_row_get_lesson_id (MLR_SIDEBAR_ROW (row)));
}

static void
sidebar_row_activated_cb (MlrWindow     *self,
                          GtkListBoxRow *row)
{
  if (GTK_WIDGET (row) == self->demos_row)
    {
      mlr_window_show_demos (self);
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
  const MlrRoadmapLesson *entry = MLR_IS_SIDEBAR_ROW (row)
                                  ? mlr_sidebar_row_get_entry (MLR_SIDEBAR_ROW (row)) : NULL;
  const MlrRoadmapLesson *prev = before && MLR_IS_SIDEBAR_ROW (before)
                                 ? mlr_sidebar_row_get_entry (MLR_SIDEBAR_ROW (before)) : NULL;
  GtkWidget *header;
  g_autofree char *label = NULL;

  if (entry == NULL)
    label = g_strdup (_("Explore"));
  else if (prev != NULL && prev->step == entry->step)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  else
    label = mlr_roadmap_step_label (entry->step);
  header = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  if (entry != NULL)
    gtk_widget_set_tooltip_text (header, entry->step->summary);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, before ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
make_demos_row (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (_("Interactive demos"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("applications-science-symbolic"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Every demo, ready to play with"));
  return row;
}

static void
populate_sidebar (MlrWindow *self)
{
  self->demos_row = make_demos_row ();
  gtk_list_box_append (self->sidebar, self->demos_row);
  for (guint i = 0; i < self->roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (self->roadmap->lessons, i);
      gtk_list_box_append (self->sidebar, GTK_WIDGET (mlr_sidebar_row_new (entry)));
    }
  gtk_list_box_set_header_func (self->sidebar, sidebar_header_func, NULL, NULL);
}

/* Content index (glossary look-ups; search later) --------------------------------------- */

static void
build_index_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  MlrRoadmap *roadmap = task_data;

  g_task_return_pointer (task, mlr_content_index_build (roadmap, NULL),
                         (GDestroyNotify) mlr_content_index_free);
}

static void
index_built_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MlrWindow *self;
  MlrContentIndex *index = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_had_error (G_TASK (result)) || !MLR_IS_WINDOW (source))
    {
      mlr_content_index_free (index);
      return;
    }
  self = MLR_WINDOW (source);
  self->index = index;
  mlr_lesson_view_set_index (self->lesson_view, index);
}

static void
start_index (MlrWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, index_built_cb, NULL);

  /* The roadmap outlives the task: it is freed in finalize, after dispose cancelled us and
   * the task's reference on the window kept it alive until the thread finished. */
  g_task_set_task_data (task, self->roadmap, NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, build_index_thread);
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
      g_autofree char *text = g_strdup_printf (_("ML Roadmap reads its lessons from “%s”.\n\n%s"),
                                               self->content_dir, details);
      adw_status_page_set_description (self->roadmap_error_page, text);
      gtk_stack_set_visible_child_name (self->content_stack, "no-roadmap");
      adw_window_title_set_title (self->lesson_title, _("No Roadmap"));
      update_actions (self);
      return;
    }
  populate_sidebar (self);
  start_index (self);
}

MlrWindow *
mlr_window_new (MlrApplication *app,
                const char     *content_dir)
{
  MlrWindow *self = g_object_new (MLR_TYPE_WINDOW, "application", app, NULL);

  self->content_dir = g_strdup (content_dir);
  restore_window_state (self);
  load_roadmap (self);
  return self;
}

static void
mlr_window_dispose (GObject *object)
{
  MlrWindow *self = MLR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLR_TYPE_WINDOW);
  G_OBJECT_CLASS (mlr_window_parent_class)->dispose (object);
}

static void
mlr_window_finalize (GObject *object)
{
  MlrWindow *self = MLR_WINDOW (object);

  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_open_lesson_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_toast_cb);

  gtk_widget_class_install_action (widget_class, "win.previous-lesson", NULL,
                                   previous_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.next-lesson", NULL, next_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);

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
}

static void
mlr_window_init (MlrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
