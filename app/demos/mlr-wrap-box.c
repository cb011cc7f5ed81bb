/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-wrap-box.h"

struct _MlrWrapBox
{
  GtkWidget parent_instance;

  int       column_spacing;
  int       row_spacing;
};

G_DEFINE_FINAL_TYPE (MlrWrapBox, mlr_wrap_box, GTK_TYPE_WIDGET)

typedef struct {
  GtkWidget *child;
  int        x, w, h;
} Item;

static void
place_line (GArray *line,
            int     y,
            int     line_h)
{
  for (guint i = 0; i < line->len; i++)
    {
      Item *it = &g_array_index (line, Item, i);
      gtk_widget_size_allocate (it->child,
                                &(GtkAllocation) { it->x, y + (line_h - it->h) / 2, it->w, it->h },
                                -1);
    }
  g_array_set_size (line, 0);
}

/* Walks the visible children in order, breaking lines at @width, and (when @allocate)
 * places each line's children centred on the line. Returns the total height. */
static int
layout (MlrWrapBox *self,
        int         width,
        gboolean    allocate)
{
  g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (Item));
  int x = 0, y = 0, line_h = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, min_h, nat_h, w;
      Item it;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = MIN (nat_w, MAX (width, min_w));
      if (x > 0 && x + w > width)
        {
          if (allocate)
            place_line (line, y, line_h);
          x = 0;
          y += line_h + self->row_spacing;
          line_h = 0;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      it = (Item) { child, x, w, nat_h };
      g_array_append_val (line, it);
      line_h = MAX (line_h, nat_h);
      x += w + self->column_spacing;
    }
  if (allocate)
    place_line (line, y, line_h);
  return y + line_h;
}

static GtkSizeRequestMode
mlr_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mlr_wrap_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MlrWrapBox *self = MLR_WRAP_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int n = 0;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min_w, nat_w;
          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min_w, &nat_w, NULL, NULL);
          *minimum = MAX (*minimum, min_w);
          *natural += nat_w + (n++ > 0 ? self->column_spacing : 0);
        }
      return;
    }
  {
    int width = for_size;
    if (width < 0)
      {
        int min_w, nat_w;
        mlr_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL,
                              NULL);
        width = nat_w;
      }
    *minimum = *natural = layout (self, width, FALSE);
  }
}

static void
mlr_wrap_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  layout (MLR_WRAP_BOX (widget), width, TRUE);
}

static void
mlr_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mlr_wrap_box_parent_class)->dispose (object);
}

static void
mlr_wrap_box_class_init (MlrWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_wrap_box_dispose;
  widget_class->get_request_mode = mlr_wrap_box_get_request_mode;
  widget_class->measure = mlr_wrap_box_measure;
  widget_class->size_allocate = mlr_wrap_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "wrapbox");
}

static void
mlr_wrap_box_init (MlrWrapBox *self)
{
}

/* A wrap box with @column_spacing pixels between neighbours and @row_spacing between lines. */
GtkWidget *
mlr_wrap_box_new (int column_spacing,
                  int row_spacing)
{
  MlrWrapBox *self = g_object_new (MLR_TYPE_WRAP_BOX, NULL);

  self->column_spacing = column_spacing;
  self->row_spacing = row_spacing;
  return GTK_WIDGET (self);
}

/* Adds @child at the end. */
void
mlr_wrap_box_append (MlrWrapBox *self,
                     GtkWidget  *child)
{
  g_return_if_fail (MLR_IS_WRAP_BOX (self));
  gtk_widget_set_parent (child, GTK_WIDGET (self));
}
