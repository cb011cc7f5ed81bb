/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrSidebarRow: how the sidebar shows an MlrSidebarItem. A lesson's title with its state as
 * an icon after it (and said to screen readers), following the item's "state"; a page to
 * explore as its icon and title.
 */
#include "config.h"

#include "mlr-sidebar-row.h"
#include "demos/mlr-tooltip.h"
#include "mlr-column-layout.h"

#include <glib/gi18n.h>

struct _MlrSidebarRow
{
  GtkListBoxRow   parent_instance;

  /* Template-less: children made in constructed */
  GtkWidget      *icon;      /* a lesson's state */

  /* Owned state */
  MlrSidebarItem *item;
};

G_DEFINE_FINAL_TYPE (MlrSidebarRow, mlr_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows the lesson's state as an icon after its title, and says it to screen readers. */
static void
show_state (MlrSidebarRow *self)
{
  static const char * const icons[] = {
    NULL, "mlr-in-progress-symbolic", "object-select-symbolic",
    "media-skip-forward-symbolic"
  };
  const char * const names[] = { _("not started"), _("in progress"), _("done"), _("skipped") };
  MlrLessonState state = mlr_sidebar_item_get_state (self->item);
  g_autofree char *label = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icons[state]);
  mlr_widget_set_tooltip (self->icon, names[state]);
  gtk_widget_remove_css_class (self->icon, "success");
  gtk_widget_remove_css_class (self->icon, "dim-label");
  if (state == MLR_LESSON_DONE)
    gtk_widget_add_css_class (self->icon, "success");
  else
    gtk_widget_add_css_class (self->icon, "dim-label");
  /* Translators: a lesson in the sidebar and its state, "Bayes' theorem, done" */
  label = g_strdup_printf (_("%s, %s"), mlr_sidebar_item_get_title (self->item), names[state]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static GtkWidget *
build_lesson (MlrSidebarRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (mlr_sidebar_item_get_title (self->item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  /* A narrowest width well under the sidebar's 300 px. Without one, GTK finds it by laying
   * the title out one character a line, and Pango shapes a hyphen at every break: two thirds
   * of the text shaping of start-up, counted with a shim around HarfBuzz. */
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_widget_set_hexpand (label, TRUE);
  /* The title in a column, so that allocating the row does not lay it out at width after
   * width (see mlr-column-layout.c); centred, as the label centres its lines in a taller row. */
  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (column), label);
  mlr_column_layout_install (column);
  self->icon = gtk_image_new ();
  gtk_widget_add_css_class (self->icon, "lesson-state-icon");
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), column);
  gtk_box_append (GTK_BOX (box), self->icon);
  gtk_widget_set_margin_end (box, 6);
  show_state (self);
  g_signal_connect_object (self->item, "notify::state", G_CALLBACK (show_state), self,
                           G_CONNECT_SWAPPED);
  return box;
}

static GtkWidget *
build_page (MlrSidebarRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (mlr_sidebar_item_get_title (self->item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box),
                  gtk_image_new_from_icon_name (mlr_sidebar_item_get_icon_name (self->item)));
  gtk_box_append (GTK_BOX (box), label);
  mlr_widget_set_tooltip (GTK_WIDGET (self), mlr_sidebar_item_get_tooltip (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mlr_sidebar_item_get_title (self->item), -1);
  return box;
}

static void
mlr_sidebar_row_constructed (GObject *object)
{
  MlrSidebarRow *self = MLR_SIDEBAR_ROW (object);
  GtkWidget *box;

  G_OBJECT_CLASS (mlr_sidebar_row_parent_class)->constructed (object);
  if (mlr_sidebar_item_get_kind (self->item) == MLR_SIDEBAR_ITEM_LESSON)
    box = build_lesson (self);
  else
    box = build_page (self);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

static void
mlr_sidebar_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MlrSidebarRow *self = MLR_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_sidebar_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MlrSidebarRow *self = MLR_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_sidebar_row_dispose (GObject *object)
{
  MlrSidebarRow *self = MLR_SIDEBAR_ROW (object);

  g_clear_object (&self->item);
  G_OBJECT_CLASS (mlr_sidebar_row_parent_class)->dispose (object);
}

static void
mlr_sidebar_row_class_init (MlrSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mlr_sidebar_row_constructed;
  object_class->get_property = mlr_sidebar_row_get_property;
  object_class->set_property = mlr_sidebar_row_set_property;
  object_class->dispose = mlr_sidebar_row_dispose;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, MLR_TYPE_SIDEBAR_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlr_sidebar_row_init (MlrSidebarRow *self)
{
}

GtkWidget *
mlr_sidebar_row_new (MlrSidebarItem *item)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (item), NULL);
  return g_object_new (MLR_TYPE_SIDEBAR_ROW, "item", item, NULL);
}

MlrSidebarItem *
mlr_sidebar_row_get_item (MlrSidebarRow *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ROW (self), NULL);
  return self->item;
}
