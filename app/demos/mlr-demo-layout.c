/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDemo's layout: a line naming lesson parameters that could not be used, the canvas, the
 * controls below it or beside it (where there is room), and the caption; heights for width.
 */
#include "config.h"

#include "mlr-demo-private.h"

#define SPACING 6
#define BESIDE_SPACING 12
/* Narrowest and natural width of a demo: the canvas can shrink, its controls wrap. */
#define MIN_WIDTH 320
#define NATURAL_WIDTH 740
/* Beside: the narrowest canvas next to the panel, and the canvas's height range. */
#define MIN_CANVAS_BESIDE 300
#define MIN_CANVAS_HEIGHT 280
#define MAX_CANVAS_HEIGHT 620

int
mlr_demo_real_canvas_height (MlrDemo *self,
                    int      width)
{
  return CLAMP ((int) round (width * 0.62), 300, 600);
}

static gboolean
panel_beside (MlrDemo *self,
              int      width,
              int     *panel_width)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  int min, nat;

  if (mlr_demo_class_data (G_OBJECT_TYPE (self))->position != MLR_DEMO_PANEL_BESIDE)
    return FALSE;
  gtk_widget_measure (priv->panel, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  *panel_width = MAX (min, MIN (nat, 300));
  return width >= *panel_width + BESIDE_SPACING + MIN_CANVAS_BESIDE;
}

static int
extra_height (GtkWidget *child,
              int        width)
{
  int min = 0, nat = 0;

  if (child == NULL || !gtk_widget_get_visible (child))
    return 0;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return min + SPACING;
}

GtkSizeRequestMode
mlr_demo_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The height the demo wants at @width. */
static void
measure_height (MlrDemo *self,
                int      width,
                int     *minimum,
                int     *natural)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  int pmin = 0, pnat = 0, pw;
  int h = extra_height (priv->problems_label, width) + extra_height (priv->caption, width);

  if (panel_beside (self, width, &pw))
    {
      int canvas_w = width - pw - BESIDE_SPACING;
      gtk_widget_measure (priv->panel, GTK_ORIENTATION_VERTICAL, pw, &pmin, &pnat, NULL, NULL);
      *minimum = h + MAX (pmin, MIN_CANVAS_HEIGHT);
      /* beside its panel the canvas is as tall as it is wide, within bounds */
      *natural = h + MAX (pnat, CLAMP (canvas_w, MIN_CANVAS_HEIGHT, MAX_CANVAS_HEIGHT));
      return;
    }
  gtk_widget_measure (priv->panel, GTK_ORIENTATION_VERTICAL, width, &pmin, &pnat, NULL, NULL);
  *minimum = *natural = h + klass->canvas_height (self, width) + SPACING + pmin;
}

void
mlr_demo_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  MlrDemo *self = MLR_DEMO (widget);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  int pmin = 0, pnat = 0;

  *minimum_baseline = *natural_baseline = -1;
  *minimum = *natural = 0;
  if (priv->panel == NULL)
    return;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (priv->panel, orientation, -1, &pmin, &pnat, NULL, NULL);
      *minimum = MAX (MIN (pmin, NATURAL_WIDTH), MIN_WIDTH);
      *natural = MAX (pnat, NATURAL_WIDTH);
      return;
    }
  if (for_size >= 0)
    {
      measure_height (self, for_size, minimum, natural);
      return;
    }
  /* With no width given GTK wants a height no width exceeds; the canvas grows with the width
   * and the panel with narrowness, so take the tallest of the widths that matter. */
  {
    static const int widths[] = { MIN_WIDTH, 599, 600, NATURAL_WIDTH, 4096 };

    for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
      {
        int min, nat;
        measure_height (self, widths[i], &min, &nat);
        *minimum = MAX (*minimum, min);
        *natural = MAX (*natural, nat);
      }
  }
}

void
mlr_demo_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  MlrDemo *self = MLR_DEMO (widget);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  int y = 0, bottom = height, pw, pmin, pnat;

  if (priv->panel == NULL)
    return;
  if (gtk_widget_get_visible (priv->problems_label))
    {
      int h = extra_height (priv->problems_label, width) - SPACING;
      gtk_widget_size_allocate (priv->problems_label, &(GtkAllocation) { 0, 0, width, h }, -1);
      y = h + SPACING;
    }
  if (priv->caption != NULL && gtk_widget_get_visible (priv->caption))
    {
      int h = extra_height (priv->caption, width) - SPACING;
      bottom = height - h;
      gtk_widget_size_allocate (priv->caption, &(GtkAllocation) { 0, bottom, width, h }, -1);
      bottom -= SPACING;
    }

  if (panel_beside (self, width, &pw))
    {
      gtk_widget_size_allocate (priv->canvas,
                                &(GtkAllocation) { 0, y, width - pw - BESIDE_SPACING,
                                                   MAX (bottom - y, 1) }, -1);
      gtk_widget_size_allocate (priv->panel, &(GtkAllocation) { width - pw, y, pw,
                                                                 MAX (bottom - y, 1) }, -1);
      return;
    }
  gtk_widget_measure (priv->panel, GTK_ORIENTATION_VERTICAL, width, &pmin, &pnat, NULL, NULL);
  gtk_widget_size_allocate (priv->canvas,
                            &(GtkAllocation) { 0, y, width,
                                               MAX (bottom - y - SPACING - pmin, 1) }, -1);
  gtk_widget_size_allocate (priv->panel, &(GtkAllocation) { 0, bottom - pmin, width, pmin }, -1);
}
