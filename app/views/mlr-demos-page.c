/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Interactive demos" page: every demo of the registry with a one-line description and the
 * demo itself, with its defaults or the row's showcase settings, so a learner can open any demo
 * directly.
 */
#include "config.h"

#include "mlr-demos-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "demos/mlr-demo.h"

struct _MlrDemosPage
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *viewport;
  GPtrArray *blocks;   /* the MlrBlock each demo was built from, kept for its lifetime */
};

G_DEFINE_FINAL_TYPE (MlrDemosPage, mlr_demos_page, GTK_TYPE_WIDGET)

static void
demo_block_free (gpointer data)
{
  MlrBlock *b = data;

  g_free (b->demo_kind);
  g_ptr_array_unref (b->params);
  g_free (b);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
mlr_demos_page_new (void)
{
  MlrDemosPage *self = g_object_new (MLR_TYPE_DEMOS_PAGE, NULL);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  const MlrDemoKind *kinds;
  guint n;

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 36);
  gtk_box_append (GTK_BOX (box), label_new (_("Interactive demos"), "title-1"));
  gtk_box_append (GTK_BOX (box),
                  label_new (_("Every demo the lessons use. Change anything: nothing you do "
                               "here is saved."), "dim-label"));

  kinds = mlr_demo_registry_get (&n);
  for (guint i = 0; i < n; i++)
    {
      MlrBlock *block = g_new0 (MlrBlock, 1);
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

      block->kind = MLR_BLOCK_DEMO;
      block->demo_kind = g_strdup (kinds[i].id);
      block->params = mlr_demo_kind_showcase (&kinds[i]);
      g_ptr_array_add (self->blocks, block);

      gtk_widget_set_margin_top (section, 12);
      gtk_box_append (GTK_BOX (section), label_new (_(kinds[i].title), "title-2"));
      gtk_box_append (GTK_BOX (section), label_new (_(kinds[i].description), NULL));
      gtk_box_append (GTK_BOX (section), mlr_demo_new_for_block (block));
      gtk_box_append (GTK_BOX (box), section);
    }
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_viewport_set_child (GTK_VIEWPORT (self->viewport), clamp);
  return GTK_WIDGET (self);
}

static void
mlr_demos_page_dispose (GObject *object)
{
  MlrDemosPage *self = MLR_DEMOS_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (mlr_demos_page_parent_class)->dispose (object);
}

static void
mlr_demos_page_finalize (GObject *object)
{
  MlrDemosPage *self = MLR_DEMOS_PAGE (object);

  g_ptr_array_unref (self->blocks);
  G_OBJECT_CLASS (mlr_demos_page_parent_class)->finalize (object);
}

static void
mlr_demos_page_class_init (MlrDemosPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_demos_page_dispose;
  object_class->finalize = mlr_demos_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "demospage");
}

static void
mlr_demos_page_init (MlrDemosPage *self)
{
  self->blocks = g_ptr_array_new_with_free_func (demo_block_free);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* Natural height, so pictures and code blocks get their full size (see mlr-lesson-view.ui). */
  self->viewport = gtk_viewport_new (NULL, NULL);
  gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (self->viewport), GTK_SCROLL_NATURAL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->viewport);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}
