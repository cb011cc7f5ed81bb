/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-sidebar-row.h"

#include <glib/gi18n.h>

struct _MlrSidebarRow
{
  GtkListBoxRow           parent_instance;

  /* Template-less: children made in init */
  GtkWidget              *label;
  GtkWidget              *icon;
  MlrLessonState          state;

  /* Borrowed: the roadmap outlives the sidebar */
  const MlrRoadmapLesson *entry;
};

G_DEFINE_FINAL_TYPE (MlrSidebarRow, mlr_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

static void
mlr_sidebar_row_class_init (MlrSidebarRowClass *klass)
{
}

static void
mlr_sidebar_row_init (MlrSidebarRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 28);
  gtk_widget_set_hexpand (self->label, TRUE);
  self->icon = gtk_image_new ();
  gtk_widget_add_css_class (self->icon, "lesson-state-icon");
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->icon);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

/**
 * mlr_sidebar_row_set_state:
 * Shows the lesson's state as an icon after its title, and says it to screen readers.
 */
void
mlr_sidebar_row_set_state (MlrSidebarRow  *self,
                           MlrLessonState  state)
{
  static const char * const icons[] = {
    NULL, "media-playback-start-symbolic", "object-select-symbolic",
    "media-skip-forward-symbolic"
  };
  const char * const names[] = { _("not started"), _("in progress"), _("done"), _("skipped") };
  g_autofree char *label = NULL;

  g_return_if_fail (MLR_IS_SIDEBAR_ROW (self));
  self->state = state;
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icons[state]);
  gtk_widget_set_tooltip_text (self->icon, names[state]);
  gtk_widget_remove_css_class (self->icon, "success");
  gtk_widget_remove_css_class (self->icon, "dim-label");
  if (state == MLR_LESSON_DONE)
    gtk_widget_add_css_class (self->icon, "success");
  else
    gtk_widget_add_css_class (self->icon, "dim-label");
  /* Translators: a lesson in the sidebar and its state, "Bayes' theorem, done" */
  label = g_strdup_printf (_("%s, %s"), self->entry->title, names[state]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

MlrLessonState
mlr_sidebar_row_get_state (MlrSidebarRow *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ROW (self), MLR_LESSON_NOT_STARTED);
  return self->state;
}

MlrSidebarRow *
mlr_sidebar_row_new (const MlrRoadmapLesson *entry)
{
  MlrSidebarRow *self = g_object_new (MLR_TYPE_SIDEBAR_ROW, NULL);

  self->entry = entry;
  gtk_label_set_text (GTK_LABEL (self->label), entry->title);
  mlr_sidebar_row_set_state (self, MLR_LESSON_NOT_STARTED);
  return self;
}

const MlrRoadmapLesson *
mlr_sidebar_row_get_entry (MlrSidebarRow *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ROW (self), NULL);
  return self->entry;
}

const char *
mlr_sidebar_row_get_lesson_id (MlrSidebarRow *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ROW (self), NULL);
  return self->entry->id;
}
