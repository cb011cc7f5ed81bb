/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-sidebar-row.h"

struct _MlrSidebarRow
{
  GtkListBoxRow           parent_instance;

  /* Template-less: two children made in init */
  GtkWidget              *label;

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
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (self->label, 6);
  gtk_widget_set_margin_end (self->label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->label);
}

MlrSidebarRow *
mlr_sidebar_row_new (const MlrRoadmapLesson *entry)
{
  MlrSidebarRow *self = g_object_new (MLR_TYPE_SIDEBAR_ROW, NULL);

  self->entry = entry;
  gtk_label_set_text (GTK_LABEL (self->label), entry->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry->title,
                                  -1);
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
