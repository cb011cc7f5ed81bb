/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card that stands where a demo cannot run: it names the demo and its parameters, or says
 * what is wrong with them, so a demo never silently disappears from a page.
 */
#include "config.h"

#include "mlr-demo-placeholder.h"

#include <glib/gi18n.h>

#include "lessons/mlr-demo-spec.h"

struct _MlrDemoPlaceholder
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (MlrDemoPlaceholder, mlr_demo_placeholder, GTK_TYPE_WIDGET)

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

GtkWidget *
mlr_demo_placeholder_new (const MlrBlock *block)
{
  MlrDemoPlaceholder *self = g_object_new (MLR_TYPE_DEMO_PLACEHOLDER, NULL);
  const MlrDemoSpec *spec = mlr_demo_spec_lookup (block->demo_kind);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon, *title, *body;
  g_autofree char *title_text = NULL;
  GString *params = g_string_new (NULL);

  icon = gtk_image_new_from_icon_name (block->error ? "dialog-warning-symbolic"
                                                    : "applications-science-symbolic");
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  if (block->error)
    title_text = g_strdup_printf (_("Demo “%s” cannot run"), block->demo_kind);
  else
    title_text = g_strdup_printf (_("Interactive demo: %s"), spec ? spec->title : block->demo_kind);
  title = wrapped_label (title_text);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), title);
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  if (block->error)
    body = wrapped_label (block->error);
  else
    body = wrapped_label (spec ? spec->description : "");
  gtk_widget_set_parent (body, GTK_WIDGET (self));

  for (guint i = 0; block->params && i < block->params->len; i++)
    {
      const MlrDemoParam *p = g_ptr_array_index (block->params, i);
      g_string_append_printf (params, "%s%s = %s", params->len ? "\n" : "", p->key, p->value);
    }
  if (params->len == 0)
    g_string_append (params, _("(default parameters)"));
  {
    GtkWidget *label = wrapped_label (params->str);
    gtk_widget_add_css_class (label, "demo-params");
    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_set_parent (label, GTK_WIDGET (self));
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title_text, -1);
  g_string_free (params, TRUE);
  return GTK_WIDGET (self);
}

static void
mlr_demo_placeholder_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mlr_demo_placeholder_parent_class)->dispose (object);
}

static void
mlr_demo_placeholder_class_init (MlrDemoPlaceholderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_demo_placeholder_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "demoplaceholder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mlr_demo_placeholder_init (MlrDemoPlaceholder *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "demo-placeholder");
}
