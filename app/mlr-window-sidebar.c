/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrWindow's sidebar: a list model of MlrSidebarItem (the pages to explore, then the
 * roadmap's lessons) bound to the list box, each lesson under its step, and the progress they
 * show (each lesson's state, each step's share, the whole roadmap's percentage). Rows open
 * what they show through the window's actions (win.open-lesson, win.show-demos,
 * win.show-glossary).
 */
#include "config.h"

#include "mlr-window-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "demos/mlr-scroll-forward.h"
#include "demos/mlr-tooltip.h"
#include "views/mlr-column-layout.h"
#include "views/mlr-sidebar-row.h"

/* The pages to explore come first, then the lessons in roadmap order. */
#define N_PAGES 3

/* The item at @position, borrowed: the model keeps its reference. */
static MlrSidebarItem *
get_item (MlrWindow *self,
          guint      position)
{
  MlrSidebarItem *item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_model), position);

  g_object_unref (item);
  return item;
}

/* Scrolls the sidebar to @value, a move the reader did not ask for, so without showing its
 * overlay scrollbar (see mlr_scrolled_window_jump()); not for less than half a pixel. */
static void
sidebar_scroll_to (MlrWindow     *self,
                   GtkAdjustment *vadj,
                   double         value)
{
  if (fabs (value - gtk_adjustment_get_value (vadj)) >= 0.5)
    mlr_scrolled_window_jump (GTK_SCROLLED_WINDOW (self->sidebar_scroller), value);
}

/* Scrolls the sidebar so the selected row shows, with a little of its neighbours; TRUE when
 * done (FALSE while the list is not laid out yet). */
static gboolean
reveal_selected (MlrWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar);
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->sidebar_scroller));
  double page = gtk_adjustment_get_page_size (vadj), value = gtk_adjustment_get_value (vadj);
  graphene_rect_t bounds;
  double margin;

  /* Nothing to show (or not shown at all): done; the next selection tries again. */
  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->sidebar)))
    return TRUE;
  if (page <= 0 || !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->sidebar),
                                               &bounds))
    return FALSE;
  margin = MIN (bounds.size.height, page / 4);
  if (bounds.origin.y - margin < value)
    sidebar_scroll_to (self, vadj, bounds.origin.y - margin);
  else if (bounds.origin.y + bounds.size.height + margin > value + page)
    sidebar_scroll_to (self, vadj, bounds.origin.y + bounds.size.height + margin - page);
  return TRUE;
}

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MlrWindow *self = MLR_WINDOW (widget);

  /* A few frames for the list to be laid out, then give up rather than tick forever. */
  if (!reveal_selected (self) && ++self->reveal_frames < 10)
    return G_SOURCE_CONTINUE;
  self->reveal_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Selects the row at @position, without opening what it shows again, and scrolls it into
 * view once the list is laid out. */
static void
select_position (MlrWindow *self,
                 guint      position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, (int) position);

  if (row == NULL)
    return;
  if (row != gtk_list_box_get_selected_row (self->sidebar))
    {
      self->selecting = TRUE;
      gtk_list_box_select_row (self->sidebar, row);
      self->selecting = FALSE;
    }
  self->reveal_frames = 0;
  if (self->reveal_tick == 0)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb,
                                                      NULL, NULL);
}

/**
 * _mlr_window_select_row:
 * Selects the row of lesson @lesson_id (@kind MLR_SIDEBAR_ITEM_LESSON), or of the page @kind
 * (@lesson_id NULL).
 */
void
_mlr_window_select_row (MlrWindow          *self,
                        MlrSidebarItemKind  kind,
                        const char         *lesson_id)
{
  guint n;

  if (self->sidebar_model == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_model));
  for (guint i = 0; i < n; i++)
    {
      MlrSidebarItem *item = get_item (self, i);

      if (mlr_sidebar_item_get_kind (item) == kind &&
          g_strcmp0 (mlr_sidebar_item_get_lesson_id (item), lesson_id) == 0)
        {
          select_position (self, i);
          return;
        }
    }
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
      MlrLessonState s = _mlr_window_lesson_state (self, e->id);
      finished += s == MLR_LESSON_DONE || s == MLR_LESSON_SKIPPED;
    }
  *total = lessons->len;
  return finished;
}

/* The sidebar's icons, each step's share and the whole roadmap's percentage. */
void
_mlr_window_update_progress_ui (MlrWindow *self)
{
  guint total, finished, n;
  g_autofree char *text = NULL;

  if (self->roadmap == NULL)
    return;
  /* Each row follows its item's state. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sidebar_model));
  for (guint i = N_PAGES; i < n; i++)
    {
      MlrSidebarItem *item = get_item (self, i);
      mlr_sidebar_item_set_state (item, _mlr_window_lesson_state (
                                          self, mlr_sidebar_item_get_lesson_id (item)));
    }
  gtk_list_box_invalidate_headers (self->sidebar);

  finished = count_finished (self, NULL, &total);
  text = g_strdup_printf (_("Roadmap %u%% done · %u of %u lessons"),
                          total ? (guint) (100.0 * finished / total + 0.5) : 0, finished, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) finished / total : 0);
  _mlr_window_update_home (self);
}

/* Moving through the roadmap with the arrow keys (or a click) opens what is selected, where
 * the content is beside the list. Folded, the list fills the window: a row opens only when it
 * is activated (Enter, a click), which shows the content in its place. */
static void
sidebar_row_selected_cb (MlrWindow     *self,
                         GtkListBoxRow *row)
{
  if (self->selecting || row == NULL || adw_leaflet_get_folded (self->leaflet))
    return;
  /* The arrow keys select as they move: the lessons passed on the way are shown, not started */
  self->passing = TRUE;
  gtk_widget_activate_action_variant (GTK_WIDGET (row),
                                      gtk_actionable_get_action_name (GTK_ACTIONABLE (row)),
                                      gtk_actionable_get_action_target_value (
                                        GTK_ACTIONABLE (row)));
  self->passing = FALSE;
}

/* Tab leaves the list in one step: a GtkListBox would walk all of its rows (and, as the
 * selection follows focus, open every lesson on the way). Forward goes on to the content
 * (the lesson's header buttons, then the page), backward to the sidebar's header. Within
 * the list the arrow keys move, as in any GNOME sidebar. */
static gboolean
sidebar_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        MlrWindow             *self)
{
  gboolean backward;
  GtkWidget *target;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;
  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK);
  target = backward ? gtk_widget_get_first_child (self->sidebar_pane) : self->content_pane;
  if (target != NULL && gtk_widget_get_mapped (target) &&
      gtk_widget_child_focus (target, backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD))
    return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

/* A step's heading above its first lesson (or "Explore" above the pages): its title, and how
 * many of its lessons are done or skipped. The counts change with progress, which re-runs
 * this for every row: a heading already there for the same step only gets new counts. */
static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  MlrWindow *self = user_data;
  const MlrRoadmapLesson *entry = mlr_sidebar_item_get_entry (
                                    mlr_sidebar_row_get_item (MLR_SIDEBAR_ROW (row)));
  const MlrRoadmapLesson *prev = before ? mlr_sidebar_item_get_entry (
                                            mlr_sidebar_row_get_item (MLR_SIDEBAR_ROW (before)))
                                        : NULL;
  gconstpointer step = entry ? (gconstpointer) entry->step : (gconstpointer) self;
  GtkWidget *header = gtk_list_box_row_get_header (row);
  GtkWidget *count = NULL;
  g_autofree char *label = NULL;

  if ((entry == NULL && before != NULL) || (entry != NULL && prev != NULL &&
                                            prev->step == entry->step))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (header == NULL || g_object_get_data (G_OBJECT (header), "mlr-step") != step ||
      gtk_widget_get_margin_top (header) != (before ? 18 : 6))
    {
      GtkWidget *title, *column;

      label = entry ? mlr_roadmap_step_label (entry->step) : g_strdup (_("Explore"));
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_object_set_data (G_OBJECT (header), "mlr-step", (gpointer) step);
      title = gtk_label_new (label);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      /* Long step titles wrap rather than widen the sidebar. */
      gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (title, "heading");
      gtk_widget_add_css_class (title, "dim-label");
      /* The wrapping title in a column, so that allocating the heading does not lay it out
       * at width after width: see mlr-column-layout.c. */
      column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_hexpand (column, TRUE);
      gtk_box_append (GTK_BOX (column), title);
      mlr_column_layout_install (column);
      gtk_box_append (GTK_BOX (header), column);
      if (entry != NULL)
        {
          count = gtk_label_new (NULL);
          gtk_widget_add_css_class (count, "caption");
          gtk_widget_add_css_class (count, "dim-label");
          gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (header), count);
        }
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_end (header, 12);
      gtk_widget_set_margin_top (header, before ? 18 : 6);
      gtk_widget_set_margin_bottom (header, 6);
      gtk_list_box_row_set_header (row, header);
    }
  else if (entry != NULL)
    count = gtk_widget_get_last_child (header);
  if (entry != NULL)
    {
      guint total, finished = count_finished (self, entry->step, &total);
      g_autofree char *share = g_strdup_printf ("%u/%u", finished, total);
      g_autofree char *tip = g_strdup_printf (_("%s\n%u of %u lessons done or skipped"),
                                              entry->step->summary, finished, total);

      gtk_label_set_text (GTK_LABEL (count), share);
      if (g_strcmp0 (gtk_widget_get_tooltip_text (header), tip) != 0)
        mlr_widget_set_tooltip (header, tip);
    }
}

/* A row for @item that opens it through the window's action. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *row = mlr_sidebar_row_new (item);

  switch (mlr_sidebar_item_get_kind (item))
    {
    case MLR_SIDEBAR_ITEM_LESSON:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-lesson");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                        mlr_sidebar_item_get_lesson_id (item));
      break;
    case MLR_SIDEBAR_ITEM_DEMOS:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-demos");
      break;
    case MLR_SIDEBAR_ITEM_HOME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-home");
      break;
    case MLR_SIDEBAR_ITEM_GLOSSARY:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-glossary");
      break;
    default:
      g_assert_not_reached ();
    }
  return row;
}

void
_mlr_window_populate_sidebar (MlrWindow *self)
{
  g_autoptr(MlrSidebarItem) home = NULL;
  g_autoptr(MlrSidebarItem) demos = NULL;
  g_autoptr(MlrSidebarItem) glossary = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  home = mlr_sidebar_item_new_page (MLR_SIDEBAR_ITEM_HOME, "go-home-symbolic", _("Home"),
                                    _("The roadmap at a glance, and where you left off"));
  demos = mlr_sidebar_item_new_page (MLR_SIDEBAR_ITEM_DEMOS, "applications-science-symbolic",
                                     _("Interactive demos"), _("Every demo, ready to play with"));
  glossary = mlr_sidebar_item_new_page (MLR_SIDEBAR_ITEM_GLOSSARY,
                                        "accessories-dictionary-symbolic", _("Glossary"),
                                        _("Every term the lessons define"));
  g_ptr_array_add (items, g_steal_pointer (&home));
  g_ptr_array_add (items, g_steal_pointer (&demos));
  g_ptr_array_add (items, g_steal_pointer (&glossary));
  for (guint i = 0; i < self->roadmap->lessons->len; i++)
    g_ptr_array_add (items, mlr_sidebar_item_new_lesson (g_ptr_array_index (self->roadmap->lessons,
                                                                            i)));
  self->sidebar_model = g_list_store_new (MLR_TYPE_SIDEBAR_ITEM);
  g_list_store_splice (self->sidebar_model, 0, 0, items->pdata, items->len);
  gtk_list_box_bind_model (self->sidebar, G_LIST_MODEL (self->sidebar_model), create_row, self,
                           NULL);
  gtk_list_box_set_header_func (self->sidebar, sidebar_header_func, self, NULL);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (sidebar_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->sidebar), keys);
  }
}

void
_mlr_window_class_sidebar_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
}
