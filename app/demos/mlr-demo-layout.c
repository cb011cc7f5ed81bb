/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-layout.h"

#include <glib/gi18n.h>

#define SPACING 6

/* Narrowest and natural width of a demo: the canvas can shrink, its controls wrap. */
#define MIN_WIDTH     320
#define NATURAL_WIDTH 740

/**
 * mlr_demo_problems_label_new:
 * The hidden line above the canvas, parented to @demo (which unparents it in dispose).
 */
GtkWidget *
mlr_demo_problems_label_new (GtkWidget *demo)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_set_parent (label, demo);
  return label;
}

/* Shows why the lesson's parameters gave way to the defaults. */
void
mlr_demo_problems_label_show (GtkWidget  *label,
                              const char *problems)
{
  g_autofree char *text = g_strdup_printf (_("This demo's parameters do not work (%s); it "
                                             "shows its defaults instead."), problems);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, TRUE);
}

/* GtkWidget::measure of a demo laid out by mlr_demo_layout_allocate() (height for width). */
void
mlr_demo_layout_measure (GtkWidget               *demo,
                         GtkWidget               *problems_label,
                         GtkWidget               *controls,
                         MlrDemoCanvasHeightFunc  canvas_height,
                         GtkOrientation           orientation,
                         int                      for_size,
                         int                     *minimum,
                         int                     *natural)
{
  int cmin = 0, cnat = 0, emin = 0, enat = 0;
  int width, h;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (controls, orientation, -1, &cmin, &cnat, NULL, NULL);
      *minimum = MAX (cmin, MIN_WIDTH);
      *natural = MAX (cnat, NATURAL_WIDTH);
      return;
    }
  width = for_size < 0 ? NATURAL_WIDTH : for_size;
  gtk_widget_measure (controls, orientation, width, &cmin, &cnat, NULL, NULL);
  h = canvas_height (demo, width) + SPACING + cmin;
  if (gtk_widget_get_visible (problems_label))
    {
      gtk_widget_measure (problems_label, orientation, width, &emin, &enat, NULL, NULL);
      h += emin + SPACING;
    }
  *minimum = *natural = h;
}

/* The problems line (if shown) on top, the controls at their minimum height at the bottom,
 * the canvas in between. */
void
mlr_demo_layout_allocate (GtkWidget *problems_label,
                          GtkWidget *canvas,
                          GtkWidget *controls,
                          int        width,
                          int        height)
{
  int y = 0, cmin, cnat, canvas_h;

  if (gtk_widget_get_visible (problems_label))
    {
      int emin, enat;
      gtk_widget_measure (problems_label, GTK_ORIENTATION_VERTICAL, width, &emin, &enat,
                          NULL, NULL);
      gtk_widget_size_allocate (problems_label, &(GtkAllocation) { 0, 0, width, emin }, -1);
      y = emin + SPACING;
    }
  gtk_widget_measure (controls, GTK_ORIENTATION_VERTICAL, width, &cmin, &cnat, NULL, NULL);
  canvas_h = MAX (height - y - SPACING - cmin, 1);
  gtk_widget_size_allocate (canvas, &(GtkAllocation) { 0, y, width, canvas_h }, -1);
  gtk_widget_size_allocate (controls,
                            &(GtkAllocation) { 0, y + canvas_h + SPACING, width, cmin }, -1);
}
