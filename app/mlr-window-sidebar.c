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

#include "views/mlr-sidebar-row.h"

/* The pages to explore come first, then the lessons in roadmap order. */
#define N_PAGES 2

/* The item at @position, borrowed: the model keeps its reference. */
static MlrSidebarItem *
get_item (MlrWindow *self,
          guint      position)
{
  MlrSidebarItem *item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_model), position);

  g_object_unref (item);
  return item;
}

/* Selects the row at @position, without opening what it shows again. */
static void
select_position (MlrWindow *self,
                 guint      position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, (int) position);

  if (row == NULL || row == gtk_list_box_get_selected_row (self->sidebar))
    return;
  self->selecting = TRUE;
  gtk_list_box_select_row (self->sidebar, row);
  self->selecting = FALSE;
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
  gtk_widget_activate_action_variant (GTK_WIDGET (row),
                                      gtk_actionable_get_action_name (GTK_ACTIONABLE (row)),
                                      gtk_actionable_get_action_target_value (
                                        GTK_ACTIONABLE (row)));
}

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
  g_autoptr(MlrSidebarItem) demos = NULL;
  g_autoptr(MlrSidebarItem) glossary = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  demos = mlr_sidebar_item_new_page (MLR_SIDEBAR_ITEM_DEMOS, "applications-science-symbolic",
                                     _("Interactive demos"), _("Every demo, ready to play with"));
  glossary = mlr_sidebar_item_new_page (MLR_SIDEBAR_ITEM_GLOSSARY,
                                        "accessories-dictionary-symbolic", _("Glossary"),
                                        _("Every term the lessons define"));
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
}

void
_mlr_window_class_sidebar_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
}
