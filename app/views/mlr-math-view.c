/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-math-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "painters/mlr-math-painter.h"

/* Room around the ink: accents and limits may reach a little past the box. */
#define PAD 4

struct _MlrMathView
{
  GtkWidget    parent_instance;

  /* owned state */
  char        *tex;
  MlrMathNode *math;     /* NULL when the TeX does not parse */
  char        *spoken;
  MlrMathBox  *box;      /* laid out at box_size; NULL until measured */
  double       box_size;
  GtkWidget   *menu;     /* GtkPopoverMenu, a child of the widget */
};

G_DEFINE_FINAL_TYPE (MlrMathView, mlr_math_view, GTK_TYPE_WIDGET)

/* The size of the text around the formula in pixels, as CSS gives it to the widget (the
 * page's font-size, which the text-size preference sets, times .math's own scale). */
static double
font_pixels (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double size = desc ? (double) pango_font_description_get_size (desc) / PANGO_SCALE : 0;
  double dpi = pango_cairo_context_get_resolution (context);

  if (!(size > 0))
    return 16;
  if (desc && pango_font_description_get_size_is_absolute (desc))
    return size;
  return size * (dpi > 0 ? dpi : 96) / 72;
}

static MlrMathBox *
ensure_box (MlrMathView *self)
{
  double size = font_pixels (GTK_WIDGET (self));

  if (self->math == NULL)
    return NULL;
  if (self->box != NULL && self->box_size == size)
    return self->box;
  g_clear_pointer (&self->box, mlr_math_box_free);
  {
    /* Pango measures with the default font options, as the snapshot's cairo draws. */
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create (surface);

    self->box = mlr_math_layout (cr, self->math, size, TRUE);
    self->box_size = size;
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  return self->box;
}

static void
mlr_math_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MlrMathView *self = MLR_MATH_VIEW (widget);
  MlrMathBox *box = ensure_box (self);
  double w = 0, h = 0, d = 0;

  if (box != NULL)
    mlr_math_box_extents (box, &w, &h, &d);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) ceil (w) + 2 * PAD;
  else
    {
      *minimum = *natural = (int) ceil (h + d) + 2 * PAD;
      *minimum_baseline = *natural_baseline = (int) ceil (h) + PAD;
    }
}

static void
mlr_math_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MlrMathView *self = MLR_MATH_VIEW (widget);
  MlrMathBox *box = ensure_box (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double w, h, d;
  GdkRGBA rgba;
  MlrColor color;
  cairo_t *cr;

  if (box == NULL || width <= 0 || height <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color = (MlrColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  mlr_math_box_extents (box, &w, &h, &d);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* Centred in whatever room the page gives; vertically the box fills what it asked for. */
  mlr_math_box_draw (cr, box, MAX (PAD, (width - w) / 2),
                     PAD + h + MAX (0, (height - 2 * PAD - h - d) / 2), &color);
  cairo_destroy (cr);
}

static void
mlr_math_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  MlrMathView *self = MLR_MATH_VIEW (widget);

  GTK_WIDGET_CLASS (mlr_math_view_parent_class)->css_changed (widget, change);
  /* A new font size lays out again at the next measure; a new colour only redraws. */
  if (font_pixels (widget) != self->box_size)
    gtk_widget_queue_resize (widget);
  gtk_widget_queue_draw (widget);
}

/**
 * mlr_math_view_copy:
 * Puts the formula's TeX on the clipboard.
 */
void
mlr_math_view_copy (MlrMathView *self)
{
  g_return_if_fail (MLR_IS_MATH_VIEW (self));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->tex);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mlr_math_view_copy (MLR_MATH_VIEW (widget));
}

static void
popup_at (MlrMathView *self,
          double       x,
          double       y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) model = g_menu_new ();

      g_menu_append (model, _("Copy as LaTeX"), "math.copy");
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  /* From the keyboard: under the formula's middle. */
  popup_at (MLR_MATH_VIEW (widget), gtk_widget_get_width (widget) / 2.0,
            gtk_widget_get_height (widget));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MlrMathView     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  popup_at (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
left_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 MlrMathView     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
mlr_math_view_dispose (GObject *object)
{
  MlrMathView *self = MLR_MATH_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  G_OBJECT_CLASS (mlr_math_view_parent_class)->dispose (object);
}

static void
mlr_math_view_finalize (GObject *object)
{
  MlrMathView *self = MLR_MATH_VIEW (object);

  g_free (self->tex);
  g_clear_pointer (&self->math, mlr_math_node_free);
  g_free (self->spoken);
  g_clear_pointer (&self->box, mlr_math_box_free);
  G_OBJECT_CLASS (mlr_math_view_parent_class)->finalize (object);
}

static void
mlr_math_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  MlrMathView *self = MLR_MATH_VIEW (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
mlr_math_view_class_init (MlrMathViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_math_view_dispose;
  object_class->finalize = mlr_math_view_finalize;
  widget_class->measure = mlr_math_view_measure;
  widget_class->size_allocate = mlr_math_view_size_allocate;
  widget_class->snapshot = mlr_math_view_snapshot;
  widget_class->css_changed = mlr_math_view_css_changed;

  gtk_widget_class_install_action (widget_class, "math.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, menu_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "math.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu.popup",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "menu.popup", NULL);
  gtk_widget_class_set_css_name (widget_class, "mathview");
  /* GTK 4.8 has the role (AT-SPI's "math"), though it gives it no special treatment; the
   * label carries the spoken form. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_MATH);
}

static void
mlr_math_view_init (MlrMathView *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "pressed", G_CALLBACK (left_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));
}

/**
 * mlr_math_view_new:
 * A view of the formula @tex (the lesson's TeX). A formula that does not parse draws nothing
 * (mlr_math_view_is_valid() is FALSE): the page shows its source and error instead.
 */
GtkWidget *
mlr_math_view_new (const char *tex)
{
  MlrMathView *self = g_object_new (MLR_TYPE_MATH_VIEW, NULL);

  g_return_val_if_fail (tex != NULL, NULL);
  self->tex = g_strdup (tex);
  self->math = mlr_math_parse (tex, NULL, NULL);
  self->spoken = self->math ? mlr_math_speak (self->math) : g_strdup (tex);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->spoken, -1);
  return GTK_WIDGET (self);
}

/**
 * mlr_math_view_new_scrolled:
 * The view of @tex in a horizontal-only scrolled window, centred when it fits; @view, if
 * given, receives the view.
 */
GtkWidget *
mlr_math_view_new_scrolled (const char   *tex,
                            MlrMathView **view)
{
  GtkWidget *math = mlr_math_view_new (tex);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), math);
  gtk_widget_add_css_class (scrolled, "math-scroller");
  if (view != NULL)
    *view = MLR_MATH_VIEW (math);
  return scrolled;
}

const char *
mlr_math_view_get_tex (MlrMathView *self)
{
  g_return_val_if_fail (MLR_IS_MATH_VIEW (self), NULL);
  return self->tex;
}

/* The words a screen reader says for it ("d L over d w equals ..."). */
const char *
mlr_math_view_get_spoken (MlrMathView *self)
{
  g_return_val_if_fail (MLR_IS_MATH_VIEW (self), NULL);
  return self->spoken;
}

gboolean
mlr_math_view_is_valid (MlrMathView *self)
{
  g_return_val_if_fail (MLR_IS_MATH_VIEW (self), FALSE);
  return self->math != NULL;
}
