/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrScrollClampLayout: an AdwClamp's own layout, except that, once the clamp has a width, its
 * height for no width is its height at that width.
 *
 * The lesson page sits in an AdwClamp inside a GtkScrolledWindow that scrolls vertically. Every
 * time the window's size request is computed (after each slice appended to the page), the
 * scrolled window asks its child for its height at no width and, with an automatic vertical
 * scrollbar and no natural-height propagation, throws the answer away. AdwClampLayout (1.2)
 * answers that question by measuring the page at its maximum width (780 px) and, if the page's
 * natural width is less, at that width too: counted on spark-and-hadoop, every paragraph and
 * heading of the page was laid out once at 780 px besides the width it is shown at, and every
 * "Further resources" row twice. Measured at the clamp's own width instead, the page answers
 * from the heights GTK has cached for the width it is allocated. Before the clamp has a width
 * (the first page) the question goes to the clamp unchanged; widths and allocation always do.
 */
#include "config.h"

#include "mlr-scroll-clamp.h"

struct _MlrScrollClampLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *clamp_layout;   /* the clamp's own AdwClampLayout, no longer attached */
};

G_DEFINE_FINAL_TYPE (MlrScrollClampLayout, mlr_scroll_clamp_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
mlr_scroll_clamp_layout_get_request_mode (GtkLayoutManager *manager,
                                          GtkWidget        *widget)
{
  MlrScrollClampLayout *self = MLR_SCROLL_CLAMP_LAYOUT (manager);

  return GTK_LAYOUT_MANAGER_GET_CLASS (self->clamp_layout)->get_request_mode (self->clamp_layout,
                                                                              widget);
}

static void
mlr_scroll_clamp_layout_measure (GtkLayoutManager *manager,
                                 GtkWidget        *widget,
                                 GtkOrientation    orientation,
                                 int               for_size,
                                 int              *minimum,
                                 int              *natural,
                                 int              *minimum_baseline,
                                 int              *natural_baseline)
{
  MlrScrollClampLayout *self = MLR_SCROLL_CLAMP_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 && gtk_widget_get_width (widget) > 0)
    for_size = gtk_widget_get_width (widget);
  GTK_LAYOUT_MANAGER_GET_CLASS (self->clamp_layout)->measure (self->clamp_layout, widget,
                                                              orientation, for_size, minimum,
                                                              natural, minimum_baseline,
                                                              natural_baseline);
}

static void
mlr_scroll_clamp_layout_allocate (GtkLayoutManager *manager,
                                  GtkWidget        *widget,
                                  int               width,
                                  int               height,
                                  int               baseline)
{
  MlrScrollClampLayout *self = MLR_SCROLL_CLAMP_LAYOUT (manager);

  GTK_LAYOUT_MANAGER_GET_CLASS (self->clamp_layout)->allocate (self->clamp_layout, widget,
                                                               width, height, baseline);
}

static void
mlr_scroll_clamp_layout_dispose (GObject *object)
{
  MlrScrollClampLayout *self = MLR_SCROLL_CLAMP_LAYOUT (object);

  g_clear_object (&self->clamp_layout);
  G_OBJECT_CLASS (mlr_scroll_clamp_layout_parent_class)->dispose (object);
}

static void
mlr_scroll_clamp_layout_class_init (MlrScrollClampLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = mlr_scroll_clamp_layout_dispose;
  manager_class->get_request_mode = mlr_scroll_clamp_layout_get_request_mode;
  manager_class->measure = mlr_scroll_clamp_layout_measure;
  manager_class->allocate = mlr_scroll_clamp_layout_allocate;
}

static void
mlr_scroll_clamp_layout_init (MlrScrollClampLayout *self)
{
}

/**
 * mlr_scroll_clamp_install:
 * Gives @clamp (an AdwClamp that is the child of a vertically scrolling GtkScrolledWindow's
 * viewport, with automatic scrollbar and no natural-height propagation, so that its height
 * for no width is not used) this layout. Its maximum size and tightening threshold must be set
 * before: AdwClamp's setters expect its own AdwClampLayout.
 */
void
mlr_scroll_clamp_install (GtkWidget *clamp)
{
  GtkLayoutManager *clamp_layout;
  MlrScrollClampLayout *self;

  g_return_if_fail (GTK_IS_WIDGET (clamp));
  clamp_layout = gtk_widget_get_layout_manager (clamp);
  g_return_if_fail (clamp_layout != NULL);

  self = g_object_new (MLR_TYPE_SCROLL_CLAMP_LAYOUT, NULL);
  self->clamp_layout = g_object_ref (clamp_layout);
  gtk_widget_set_layout_manager (clamp, GTK_LAYOUT_MANAGER (self));
}
