/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrColumnLayout: a vertical GtkBox's own layout, except that the width it asks for at a
 * given height is the width it asks for at any height.
 *
 * A horizontal GtkBox (a callout's icon and text, an AdwActionRow's icon, title and suffix, a
 * sidebar row's title and state icon) asks a height-for-width child how wide it must be to fit
 * a given height, when it is measured for a width and again when it is allocated. A wrapping
 * GtkLabel answers that itself by bisecting widths: a sidebar title straight in its row was
 * laid out at 65 widths until shown, 8 in a column (test-column-layout). For a vertical box of wrapping text, GTK 4.8's
 * GtkBoxLayout answers by searching: it lays every label out at widths that double from the
 * narrowest until the column fits, then halves the interval (gtk_box_layout_compute_opposite_
 * size_for_size). Counted with a shim around HarfBuzz on spark-and-hadoop, those searches in the
 * eleven "Further resources" rows and two callouts were four fifths of all the text shaping of
 * opening the page, each subtitle laid out about 26 times. The answer does not change what is
 * shown: such a column is the only child of its row that expands, so it is given all the width
 * the other children leave, whatever minimum it asked for. So this layout answers a width query
 * for any height as for no height (each child's minimum and natural width), and leaves heights
 * and allocation to the box's own GtkBoxLayout.
 */
#include "config.h"

#include "mlr-column-layout.h"

struct _MlrColumnLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *box_layout;   /* the box's own GtkBoxLayout, no longer attached */
};

G_DEFINE_FINAL_TYPE (MlrColumnLayout, mlr_column_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
mlr_column_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  MlrColumnLayout *self = MLR_COLUMN_LAYOUT (manager);

  return GTK_LAYOUT_MANAGER_GET_CLASS (self->box_layout)->get_request_mode (self->box_layout,
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

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  GTK_LAYOUT_MANAGER_GET_CLASS (self->box_layout)->measure (self->box_layout, widget,
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

  GTK_LAYOUT_MANAGER_GET_CLASS (self->box_layout)->allocate (self->box_layout, widget, width,
                                                             height, baseline);
}

static void
mlr_column_layout_dispose (GObject *object)
{
  MlrColumnLayout *self = MLR_COLUMN_LAYOUT (object);

  g_clear_object (&self->box_layout);
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
  MlrColumnLayout *self;

  g_return_if_fail (GTK_IS_BOX (box));
  box_layout = gtk_widget_get_layout_manager (box);
  g_return_if_fail (GTK_IS_BOX_LAYOUT (box_layout));
  g_return_if_fail (gtk_orientable_get_orientation (GTK_ORIENTABLE (box_layout)) ==
                    GTK_ORIENTATION_VERTICAL);

  self = g_object_new (MLR_TYPE_COLUMN_LAYOUT, NULL);
  self->box_layout = g_object_ref (box_layout);
  gtk_widget_set_layout_manager (box, GTK_LAYOUT_MANAGER (self));
}
