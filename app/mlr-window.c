/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrWindow: the roadmap in a sidebar and the lesson (or the demos, or the glossary) beside
 * it. This file opens lessons and records the learner's progress; the rest of the window is in
 * mlr-window-actions.c, mlr-window-sidebar.c and mlr-window-search.c (see
 * mlr-window-private.h).
 */
#include "config.h"

#include "mlr-window-private.h"

#include <glib/gi18n.h>

#include "views/mlr-demos-page.h"
#include "views/mlr-home-page.h"
#include "views/mlr-glossary-page.h"

G_DEFINE_FINAL_TYPE (MlrWindow, mlr_window, ADW_TYPE_APPLICATION_WINDOW)

GSettings *
_mlr_window_get_settings (MlrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (MLR_IS_APPLICATION (app))
    return mlr_application_get_settings (MLR_APPLICATION (app));
  return NULL;
}

MlrProgress *
_mlr_window_get_progress (MlrWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (MLR_IS_APPLICATION (app))
    return mlr_application_get_progress (MLR_APPLICATION (app));
  return NULL;
}

MlrLessonState
_mlr_window_lesson_state (MlrWindow  *self,
                          const char *lesson_id)
{
  MlrProgress *progress = _mlr_window_get_progress (self);

  return progress ? mlr_progress_get_state (progress, lesson_id) : MLR_LESSON_NOT_STARTED;
}

/* Toasts ---------------------------------------------------------------------------------- */

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
void
_mlr_window_add_problem_toast (MlrWindow  *self,
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
 * again at every click would only be noise. So is a reading position on its own. */
static void
report_unsaved (MlrWindow        *self,
                MlrWindowUnsaved  what,
                const GError     *error)
{
  const char *label = what == MLR_WINDOW_UNSAVED_QUIZ ? _("Quiz score not saved")
                                                      : _("Progress not saved");
  g_autofree char *msg = NULL;

  if (what == MLR_WINDOW_UNSAVED_NOTHING ||
      g_error_matches (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_LEFT_UNTOUCHED))
    {
      g_debug ("%s: %s", label, error->message);
      return;
    }
  /* Translators: the first %s is "Progress not saved" or "Quiz score not saved", the second
   * the reason */
  msg = g_strdup_printf (_("%s: %s"), label, error->message);
  _mlr_window_add_problem_toast (self, msg);
}

/* A change to the progress was made in memory; @error is set when it will not be saved. */
static void
progress_changed (MlrWindow        *self,
                  MlrWindowUnsaved  what,
                  const GError     *error)
{
  if (error != NULL)
    report_unsaved (self, what, error);
  else
    self->unsaved = MAX (self->unsaved, what);
}

/**
 * mlr_window_progress_saved:
 * The progress was written in the background (@error NULL), or could not be: the window says
 * so when it made changes that matter since the last write.
 */
void
mlr_window_progress_saved (MlrWindow    *self,
                           const GError *error)
{
  MlrWindowUnsaved what = self->unsaved;

  g_return_if_fail (MLR_IS_WINDOW (self));
  self->unsaved = MLR_WINDOW_UNSAVED_NOTHING;
  if (error != NULL)
    report_unsaved (self, what, error);
}

const char *
mlr_window_get_lesson_id (MlrWindow *self)
{
  g_return_val_if_fail (MLR_IS_WINDOW (self), NULL);
  return self->lesson_id;
}

/* Lessons and progress -------------------------------------------------------------------- */

/* Whether every lesson of @lessons is done or skipped. */
static gboolean
all_finished (MlrWindow *self,
              GPtrArray *lessons)
{
  for (guint i = 0; i < lessons->len; i++)
    {
      const MlrRoadmapLesson *e = g_ptr_array_index (lessons, i);
      MlrLessonState s = _mlr_window_lesson_state (self, e->id);
      if (s != MLR_LESSON_DONE && s != MLR_LESSON_SKIPPED)
        return FALSE;
    }
  return lessons->len > 0;
}

void
_mlr_window_set_lesson_state (MlrWindow      *self,
                              const char     *lesson_id,
                              MlrLessonState  state)
{
  MlrProgress *progress = _mlr_window_get_progress (self);
  const MlrRoadmapLesson *entry = self->roadmap ? mlr_roadmap_find (self->roadmap, lesson_id)
                                                : NULL;
  g_autoptr(GError) error = NULL;
  gboolean step_was_done, all_were_done;

  if (progress == NULL)
    return;
  step_was_done = entry && all_finished (self, entry->step->lessons);
  all_were_done = self->roadmap && all_finished (self, self->roadmap->lessons);
  mlr_progress_set_state (progress, lesson_id, state, &error);
  progress_changed (self, MLR_WINDOW_UNSAVED_PROGRESS, error);
  /* Finishing a step, or the roadmap, is worth saying. */
  if (self->roadmap && !all_were_done && all_finished (self, self->roadmap->lessons))
    mlr_window_add_toast (self, _("You have finished the whole roadmap. Well done!"));
  else if (entry && !step_was_done && all_finished (self, entry->step->lessons))
    {
      g_autofree char *name = mlr_roadmap_step_label (entry->step);
      /* Translators: the step of the roadmap, e.g. "Step 2 · Mathematics" */
      g_autofree char *msg = g_strdup_printf (_("%s: every lesson done. On to the next step!"),
                                              name);
      mlr_window_add_toast (self, msg);
    }
  if (g_strcmp0 (lesson_id, self->lesson_id) == 0)
    mlr_lesson_view_set_state (self->lesson_view, mlr_progress_get_state (progress, lesson_id));
  _mlr_window_update_progress_ui (self);
}

/* Remembers where the reader is on the current page, for the next visit. */
static void
save_position (MlrWindow *self)
{
  MlrProgress *progress = _mlr_window_get_progress (self);

  if (progress == NULL || self->lesson_id == NULL ||
      !mlr_lesson_view_is_complete (self->lesson_view) ||
      gtk_stack_get_visible_child (self->content_stack) != GTK_WIDGET (self->lesson_view))
    return;
  /* A scroll position is not worth a toast of its own; a failure to write it shows with the
   * next change that is. */
  mlr_progress_set_position (progress, self->lesson_id,
                             mlr_lesson_view_get_position (self->lesson_view), NULL);
}

/* GSettings backends that write in-process (the keyfile one) block on each write. */
#define LAST_LESSON_DELAY_MS 1000

static void
save_last_lesson (MlrWindow *self,
                  GSettings *settings)
{
  g_clear_handle_id (&self->last_lesson_source, g_source_remove);
  if (settings != NULL && self->lesson_id != NULL)
    g_settings_set_string (settings, "last-lesson", self->lesson_id);
}

static gboolean
save_last_lesson_cb (gpointer user_data)
{
  MlrWindow *self = user_data;

  self->last_lesson_source = 0;
  save_last_lesson (self, _mlr_window_get_settings (self));
  return G_SOURCE_REMOVE;
}

#define SETTLE_MS 1000

/* The lesson shown is being read: a lesson not started is now in progress. */
static void
start_lesson (MlrWindow *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->lesson_id != NULL &&
      _mlr_window_lesson_state (self, self->lesson_id) == MLR_LESSON_NOT_STARTED)
    {
      _mlr_window_set_lesson_state (self, self->lesson_id, MLR_LESSON_IN_PROGRESS);
      mlr_lesson_view_set_state (self->lesson_view, MLR_LESSON_IN_PROGRESS);
    }
}

static gboolean
settle_cb (gpointer user_data)
{
  MlrWindow *self = user_data;

  self->settle_source = 0;
  start_lesson (self);
  return G_SOURCE_REMOVE;
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

  g_return_val_if_fail (MLR_IS_WINDOW (self), FALSE);

  if (self->roadmap == NULL || (entry = mlr_roadmap_find (self->roadmap, lesson_id)) == NULL)
    return FALSE;

  if (g_strcmp0 (self->lesson_id, entry->id) != 0)
    save_position (self);
  path = mlr_roadmap_lesson_path (self->roadmap, entry->id);
  lesson = mlr_lesson_load_file (path, self->roadmap->content_dir, diags);
  next = mlr_roadmap_nth (self->roadmap, entry->index + 1);
  step_label = mlr_roadmap_step_label (entry->step);

  {
    /* The reader's keys go to the new page when they went to the old one (or nowhere yet, as
     * at start-up), so Space and Page Down scroll it; a sidebar or header button that has
     * focus keeps it. */
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
    gboolean focus_page = focus == NULL || focus == GTK_WIDGET (self->lesson_view) ||
                          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->lesson_view));

    mlr_lesson_view_show (self->lesson_view, entry, step_label, lesson, diags, next);
    if (focus_page)
      gtk_widget_grab_focus (GTK_WIDGET (self->lesson_view));
  }
  adw_window_title_set_title (self->lesson_title, lesson ? lesson->title : entry->title);
  adw_window_title_set_subtitle (self->lesson_title, step_label);
  gtk_stack_set_visible_child_name (self->content_stack, "lesson");

  if (g_strcmp0 (self->lesson_id, entry->id) != 0)
    {
      MlrProgress *progress = _mlr_window_get_progress (self);

      g_free (self->lesson_id);
      self->lesson_id = g_strdup (entry->id);
      /* Back where the reader left this lesson last time. */
      if (progress != NULL && mlr_progress_get_position (progress, entry->id) > 0)
        mlr_lesson_view_set_position (self->lesson_view,
                                      mlr_progress_get_position (progress, entry->id));
    }
  /* Opening a lesson starts it; passing it on the way with the sidebar's arrow keys starts
   * it only once the reader stays a moment. */
  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->passing)
    self->settle_source = g_timeout_add (SETTLE_MS, settle_cb, self);
  else
    start_lesson (self);
  mlr_lesson_view_set_state (self->lesson_view, _mlr_window_lesson_state (self, entry->id));

  _mlr_window_select_row (self, MLR_SIDEBAR_ITEM_LESSON, entry->id);

  /* Written once the reader stops on a lesson, not at each step through the roadmap. */
  if (self->last_lesson_source == 0 && _mlr_window_get_settings (self) != NULL)
    self->last_lesson_source = g_timeout_add (LAST_LESSON_DELAY_MS, save_last_lesson_cb, self);
  update_actions (self);
  return TRUE;
}

/**
 * _mlr_window_show_lesson:
 * Shows @lesson_id, at its @section-th top-level section when @section >= 0: opens it, unless
 * it is the lesson on the page already. FALSE when the roadmap has no such lesson.
 */
gboolean
_mlr_window_show_lesson (MlrWindow  *self,
                         const char *lesson_id,
                         int         section)
{
  if ((g_strcmp0 (lesson_id, self->lesson_id) != 0 ||
       gtk_stack_get_visible_child (self->content_stack) != GTK_WIDGET (self->lesson_view)) &&
      !mlr_window_open_lesson (self, lesson_id))
    return FALSE;
  /* Passed with the sidebar's arrows, then opened on purpose (Enter, a click) */
  if (!self->passing)
    start_lesson (self);
  /* Opened from the search results: show where the query is. */
  if (section >= 0)
    mlr_lesson_view_show_match (self->lesson_view, section,
                                gtk_search_bar_get_search_mode (self->search_bar)
                                  ? gtk_editable_get_text (GTK_EDITABLE (self->search_entry))
                                  : NULL);
  return TRUE;
}

/**
 * mlr_window_open_initial_lesson:
 * Opens @requested_id (from --lesson) if given, else the lesson viewed last, else the home
 * page.
 * An unknown id is reported in a toast rather than ignored.
 */
void
mlr_window_open_initial_lesson (MlrWindow  *self,
                                const char *requested_id)
{
  GSettings *settings = _mlr_window_get_settings (self);
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
  /* First launch (or the lesson viewed last is gone): the roadmap at a glance, with its Start
   * button focused, so Enter opens the first lesson. In a narrow window the home page is
   * shown rather than the sidebar, whose first row leads back to it. */
  first = mlr_roadmap_nth (self->roadmap, 0);
  if (first != NULL)
    {
      mlr_window_show_home (self);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
    }
}

/* The home page shows the progress as it is now (called when it changes). */
void
_mlr_window_update_home (MlrWindow *self)
{
  GSettings *settings;
  g_autofree char *last = NULL;

  if (self->home_page == NULL || self->roadmap == NULL)
    return;
  settings = _mlr_window_get_settings (self);
  last = self->lesson_id ? g_strdup (self->lesson_id)
         : settings ? g_settings_get_string (settings, "last-lesson") : NULL;
  mlr_home_page_update (MLR_HOME_PAGE (self->home_page), self->roadmap,
                        _mlr_window_get_progress (self), last && *last ? last : NULL);
}

/**
 * mlr_window_show_home:
 * Shows the roadmap at a glance: progress, where to continue, the steps and the demos.
 */
void
mlr_window_show_home (MlrWindow *self)
{
  g_return_if_fail (MLR_IS_WINDOW (self));

  if (self->roadmap == NULL)
    return;
  save_position (self);
  if (self->home_page == NULL)
    {
      self->home_page = mlr_home_page_new ();
      gtk_stack_add_named (self->content_stack, self->home_page, "home");
    }
  _mlr_window_update_home (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->content_stack, "home");
  /* At start, Enter starts (or continues) the roadmap. */
  if (gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    mlr_home_page_focus_primary (MLR_HOME_PAGE (self->home_page));
  adw_window_title_set_title (self->lesson_title, _("Home"));
  adw_window_title_set_subtitle (self->lesson_title, NULL);
  _mlr_window_select_row (self, MLR_SIDEBAR_ITEM_HOME, NULL);
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
  _mlr_window_select_row (self, MLR_SIDEBAR_ITEM_DEMOS, NULL);
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
      mlr_glossary_page_set_index (MLR_GLOSSARY_PAGE (self->glossary_page), self->index);
      gtk_stack_add_named (self->content_stack, self->glossary_page, "glossary");
    }
  gtk_stack_set_visible_child_name (self->content_stack, "glossary");
  adw_window_title_set_title (self->lesson_title, _("Glossary"));
  adw_window_title_set_subtitle (self->lesson_title, NULL);
  _mlr_window_select_row (self, MLR_SIDEBAR_ITEM_GLOSSARY, NULL);
}

/* What the lesson page asks for ----------------------------------------------------------- */

static void
back_clicked_cb (MlrWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
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
    _mlr_window_set_lesson_state (self, self->lesson_id, (MlrLessonState) state);
}

static void
lesson_view_quiz_finished_cb (MlrWindow *self,
                              guint      right,
                              guint      total)
{
  MlrProgress *progress = _mlr_window_get_progress (self);
  g_autoptr(GError) error = NULL;

  if (progress == NULL || self->lesson_id == NULL || total == 0)
    return;
  mlr_progress_record_quiz (progress, self->lesson_id, right, total, &error);
  progress_changed (self, MLR_WINDOW_UNSAVED_QUIZ, error);
}

static void
lesson_view_challenge_met_cb (MlrWindow  *self,
                              const char *challenge_id,
                              const char *message)
{
  MlrProgress *progress = _mlr_window_get_progress (self);
  g_autoptr(GError) error = NULL;

  mlr_window_add_toast (self, message);
  if (progress == NULL || self->lesson_id == NULL)
    return;
  mlr_progress_add_challenge (progress, self->lesson_id, challenge_id, &error);
  progress_changed (self, MLR_WINDOW_UNSAVED_PROGRESS, error);
}

/* Window state ---------------------------------------------------------------------------- */

static void
restore_window_state (MlrWindow *self)
{
  GSettings *settings = _mlr_window_get_settings (self);
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
  GSettings *settings = _mlr_window_get_settings (self);
  MlrProgress *progress = _mlr_window_get_progress (self);

  save_position (self);
  /* Written now, in the background; the application waits for it before it quits. */
  if (progress != NULL)
    mlr_progress_write_soon (progress);
  if (settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;
      g_autoptr(GSettings) batch = NULL;
      int width, height;

      /* One write for all of it, on an object of its own: delaying the application's would
       * hold back every later change too. */
      g_object_get (settings, "settings-schema", &schema, NULL);
      batch = g_settings_new_full (schema, NULL, NULL);
      g_settings_delay (batch);
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (batch, "window-width", width);
      g_settings_set_int (batch, "window-height", height);
      g_settings_set_boolean (batch, "window-maximized", gtk_window_is_maximized (window));
      if (self->last_lesson_source != 0)
        save_last_lesson (self, batch);
      g_settings_apply (batch);
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
      /* Set here, not in the template: the stack measures its hidden pages too, so GTK loaded
       * this 128 px icon on every start, and at that size it exists only as SVG (librsvg). */
      adw_status_page_set_icon_name (self->roadmap_error_page, "dialog-error-symbolic");
      gtk_stack_set_visible_child_name (self->content_stack, "no-roadmap");
      adw_window_title_set_title (self->lesson_title, _("No Roadmap"));
      update_actions (self);
      return;
    }
  _mlr_window_populate_sidebar (self);
  _mlr_window_update_progress_ui (self);
  _mlr_window_start_index_later (self);
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
      _mlr_window_add_problem_toast (self, message);
  }
  return self;
}

static void
mlr_window_dispose (GObject *object)
{
  MlrWindow *self = MLR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->index_source, g_source_remove);
  if (self->index_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->index_tick);
      self->index_tick = 0;
    }
  if (self->reveal_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
      self->reveal_tick = 0;
    }
  g_clear_handle_id (&self->settle_source, g_source_remove);
  /* Closed without close-request (destroyed): still remember the lesson. */
  if (self->last_lesson_source != 0)
    save_last_lesson (self, _mlr_window_get_settings (self));
  g_clear_object (&self->sidebar_model);
  g_clear_object (&self->results_model);
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
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, sidebar_scroller);
  gtk_widget_class_bind_template_child (widget_class, MlrWindow, content_pane);
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
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_set_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_quiz_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, lesson_view_challenge_met_cb);

  _mlr_window_class_actions_init (widget_class);
  _mlr_window_class_sidebar_init (widget_class);
  _mlr_window_class_search_init (widget_class);
}

static void
mlr_window_init (MlrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _mlr_window_actions_init (self);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->sidebar_stack, "roadmap");
  _mlr_window_search_init (self);
}

/* Whether the background reading of every lesson (glossary, search) has finished. */
gboolean
mlr_window_is_index_ready (MlrWindow *self)
{
  g_return_val_if_fail (MLR_IS_WINDOW (self), FALSE);
  return self->search_index != NULL;
}
