/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrColumnLayout: a vertical GtkBox's own layout, except that the width it asks for at a
 * given height is the width it asks for at any height.
 *
 * A horizontal GtkBox (a callout's icon and text, an AdwActionRow's icon, title and suffix, a
 * sidebar row's title and state icon) asks a height-for-width child how wide it must be to fit
 * a given height, when it is measured for a width and again when it is allocated. A wrapping
 * GtkLabel answers that itself by bisecting widths: a sidebar title straight in its row was
 * laid out at 65 widths until shown, 8 in a column (test-column-layout). For a vertical box of
 * wrapping text, GTK 4.8's GtkBoxLayout answers by searching: it lays every label out at
 * widths that double from the narrowest until the column fits, then halves the interval
 * (gtk_box_layout_compute_opposite_size_for_size). Counted with a shim around HarfBuzz on
 * spark-and-hadoop, those searches in the eleven "Further resources" rows and two callouts were
 * four fifths of all the text shaping of opening the page, each subtitle laid out about 26
 * times. The answer does not change what is shown: such a column is the only child of its row
 * that expands, so it is given all the width the other children leave, whatever minimum it
 * asked for. So this layout answers a width query for any height as for no height (each child's
 * minimum and natural width), and leaves heights and allocation to the box's own GtkBoxLayout.
 *
 * The same wrapper, installed with mlr_scroll_clamp_install(), is an AdwClamp's own layout
 * except that, once the clamp has a width, its height for no width is its height at that width.
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

#include "mlr-column-layout.h"

struct _MlrColumnLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *inner;   /* the widget's own GtkBoxLayout or AdwClampLayout, detached */
  gboolean          clamp;   /* installed by mlr_scroll_clamp_install() */
};

G_DEFINE_FINAL_TYPE (MlrColumnLayout, mlr_column_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
mlr_column_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  MlrColumnLayout *self = MLR_COLUMN_LAYOUT (manager);

  return GTK_LAYOUT_MANAGER_GET_CLASS (self->inner)->get_request_mode (self->inner,
                                                                            widget);
}

static void
mlr_column_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  MlrColumnLayout *self = MLR_COLUMN_LAYOUT (manager);

  if (!self->clamp && orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  else if (self->clamp && orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 &&
           gtk_widget_get_width (widget) > 0)
    for_size = gtk_widget_get_width (widget);
  GTK_LAYOUT_MANAGER_GET_CLASS (self->inner)->measure (self->inner, widget,
                                                            orientation, for_size, minimum,
                                                            natural, minimum_baseline,
                                                            natural_baseline);
}

static void
mlr_column_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  MlrColumnLayout *self = MLR_COLUMN_LAYOUT (manager);

  GTK_LAYOUT_MANAGER_GET_CLASS (self->inner)->allocate (self->inner, widget, width,
                                                             height, baseline);
}

static void
mlr_column_layout_dispose (GObject *object)
{
  MlrColumnLayout *self = MLR_COLUMN_LAYOUT (object);

  g_clear_object (&self->inner);
  G_OBJECT_CLASS (mlr_column_layout_parent_class)->dispose (object);
}

static void
mlr_column_layout_class_init (MlrColumnLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = mlr_column_layout_dispose;
  manager_class->get_request_mode = mlr_column_layout_get_request_mode;
  manager_class->measure = mlr_column_layout_measure;
  manager_class->allocate = mlr_column_layout_allocate;
}

static void
mlr_column_layout_init (MlrColumnLayout *self)
{
}

/* Gives @widget a column layout that delegates to @inner, its layout until now. */
static void
wrap (GtkWidget        *widget,
      GtkLayoutManager *inner,
      gboolean          clamp)
{
  MlrColumnLayout *self = g_object_new (MLR_TYPE_COLUMN_LAYOUT, NULL);

  self->inner = g_object_ref (inner);
  self->clamp = clamp;
  gtk_widget_set_layout_manager (widget, GTK_LAYOUT_MANAGER (self));
}

/**
 * mlr_column_layout_install:
 * Gives @box (a vertical GtkBox) this layout, keeping its spacing and everything else of its
 * GtkBoxLayout. Afterwards the box's spacing, orientation and homogeneity must not be changed
 * through the GtkBox API (which expects a GtkBoxLayout); children can be added and removed.
 */
void
mlr_column_layout_install (GtkWidget *box)
{
  GtkLayoutManager *box_layout;

  g_return_if_fail (GTK_IS_BOX (box));
  box_layout = gtk_widget_get_layout_manager (box);
  g_return_if_fail (GTK_IS_BOX_LAYOUT (box_layout));
  g_return_if_fail (gtk_orientable_get_orientation (GTK_ORIENTABLE (box_layout)) ==
                    GTK_ORIENTATION_VERTICAL);

  wrap (box, box_layout, FALSE);
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

  g_return_if_fail (GTK_IS_WIDGET (clamp));
  clamp_layout = gtk_widget_get_layout_manager (clamp);
  g_return_if_fail (clamp_layout != NULL);

  wrap (clamp, clamp_layout, TRUE);
}
