/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrWindow's sidebar: the roadmap's lessons under their steps, the explore rows (demos,
 * glossary), and the progress they show (each lesson's state, each step's share, the whole
 * roadmap's percentage).
 */
#include "config.h"

#include "mlr-window-private.h"

#include <glib/gi18n.h>

#include "views/mlr-sidebar-row.h"

MlrSidebarRow *
_mlr_window_find_row (MlrWindow  *self,
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
  guint total, finished;
  g_autofree char *text = NULL;

  if (self->roadmap == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (MLR_IS_SIDEBAR_ROW (child))
      mlr_sidebar_row_set_state (MLR_SIDEBAR_ROW (child),
                                 _mlr_window_lesson_state (self, mlr_sidebar_row_get_lesson_id (
                                                       MLR_SIDEBAR_ROW (child))));
  gtk_list_box_invalidate_headers (self->sidebar);

  finished = count_finished (self, NULL, &total);
  text = g_strdup_printf (_("Roadmap %u%% done · %u of %u lessons"),
                          total ? (guint) (100.0 * finished / total + 0.5) : 0, finished, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) finished / total : 0);
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

void
_mlr_window_populate_sidebar (MlrWindow *self)
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

void
_mlr_window_class_sidebar_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
}
