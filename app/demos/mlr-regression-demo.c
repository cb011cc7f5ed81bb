/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-regression-demo.h"
#include "mlr-tooltip.h"

#include <glib/gi18n.h>
#include <math.h>

/* Hit radius for grabbing a point, in pixels. */
#define HIT_PX 9
/* What unchecking "Least squares" sets α to when it has not been positive yet. */
#define DEFAULT_ALPHA "0.001"

struct _MlrRegressionDemo
{
  MlrDemo    parent_instance;

  GtkWidget *least_squares;   /* the α = 0 check */
  char      *last_alpha;      /* the last positive α, for unchecking it */

  /* pointer */
  gboolean   dragging;
  double     drag_x, drag_y;
  int        hover;
};

G_DEFINE_FINAL_TYPE (MlrRegressionDemo, mlr_regression_demo, MLR_TYPE_DEMO)

static MlrRegressionState *
state_of (MlrRegressionDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- words */

/**
 * mlr_regression_demo_describe_state:
 * The picture in a few sentences: "A degree-3 polynomial, least squares, fitted to 20
 * training points from a sine wave with noise σ 0.3. Train RMSE 0.262, test RMSE 0.318 on
 * 10 test points. Bias² 0.0042, variance 0.0105, noise σ² 0.09.", then the selected point.
 */
char *
mlr_regression_demo_describe_state (const MlrRegressionState *state)
{
  static const char * const truths[] = {
    N_("a straight line"), N_("a parabola"), N_("a sine wave"), N_("a step"),
  };
  GString *s = g_string_new (NULL);
  g_autofree char *sigma = mlr_regression_format_number (mlr_regression_state_get_sigma (state));
  g_autofree char *status = mlr_regression_status_text (state);
  double alpha = mlr_regression_state_get_alpha (state), train, test, r2, b, v, noise;
  int selected = mlr_regression_state_get_selected (state);
  guint degree = mlr_regression_state_get_degree (state);

  if (alpha == 0)
    g_string_append_printf (s, _("A degree-%u polynomial, least squares, fitted to %u "
                                 "training points from %s with noise σ %s."),
                            degree, mlr_regression_state_get_n_train (state),
                            _(truths[mlr_regression_state_get_truth (state)]), sigma);
  else
    {
      g_autofree char *a = mlr_regression_format_number (alpha);
      g_string_append_printf (s, _("A degree-%u polynomial with ridge penalty α %s, fitted to "
                                   "%u training points from %s with noise σ %s."),
                              degree, a, mlr_regression_state_get_n_train (state),
                              _(truths[mlr_regression_state_get_truth (state)]), sigma);
    }
  if (status != NULL)
    g_string_append_printf (s, " %s", status);
  else if (mlr_regression_state_get_train_rmse (state, &train))
    {
      g_autofree char *tr = mlr_regression_format_number (train);
      if (mlr_regression_state_get_test_rmse (state, &test))
        {
          g_autofree char *te = mlr_regression_format_number (test);
          g_string_append_printf (s, _(" Train RMSE %s, test RMSE %s on %u test points."), tr,
                                  te, mlr_regression_state_get_n_test (state));
        }
      else
        g_string_append_printf (s, _(" Train RMSE %s; no test points."), tr);
      if (mlr_regression_state_get_r2_test (state, &r2))
        {
          g_autofree char *t = mlr_regression_format_number (r2);
          g_string_append_printf (s, _(" Test R² %s."), t);
        }
      if (mlr_regression_state_get_bias_variance (state, &b, &v, &noise))
        {
          g_autofree char *bt = mlr_regression_format_number (b);
          g_autofree char *vt = mlr_regression_format_number (v);
          g_autofree char *nt = mlr_regression_format_number (noise);
          g_string_append_printf (s, _(" Bias² %s, variance %s, noise σ² %s."), bt, vt, nt);
        }
    }
  {
    int best = mlr_regression_state_get_best_degree (state);
    if (best >= 0)
      g_string_append_printf (s, _(" The lowest test error is at degree %d."), best);
  }
  if (selected >= 0)
    {
      const MlrRegressionPoint *p = mlr_regression_state_get_point (state, (guint) selected);
      g_autofree char *x = mlr_regression_format_number (p->x);
      g_autofree char *y = mlr_regression_format_number (p->y);
      g_string_append_printf (s, p->test ? _(" Selected: a test point at x %s, y %s.")
                                         : _(" Selected: a training point at x %s, y %s."),
                              x, y);
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_regression_demo_describe (MlrDemo *demo)
{
  return mlr_regression_demo_describe_state (mlr_demo_get_state (demo));
}

/* ---------------------------------------------------------------- the canvas */

static void
mlr_regression_demo_draw (MlrDemo          *demo,
                          cairo_t          *cr,
                          int               width,
                          int               height,
                          const MlrPalette *palette)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  MlrRegressionPainterOptions options = {
    .focused = gtk_widget_has_focus (canvas),
    .hover = self->dragging ? -1 : self->hover,
    .scale = gtk_widget_get_scale_factor (canvas),
  };

  mlr_regression_painter_draw (cr, width, height, palette, state_of (self), &options,
                               mlr_demo_get_paint_cache (demo));
}

/* Where the painter puts things at the canvas's current size. */
void
mlr_regression_demo_get_layout (MlrRegressionDemo   *self,
                                MlrRegressionLayout *layout)
{
  GtkWidget *canvas;

  g_return_if_fail (MLR_IS_REGRESSION_DEMO (self));
  canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  mlr_regression_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                                 mlr_demo_get_palette (MLR_DEMO (self)), state_of (self),
                                 layout);
}

/* Pointer position -> data; TRUE inside the plane. */
static gboolean
to_data (MlrRegressionDemo *self,
         double             px,
         double             py,
         double            *x,
         double            *y,
         double            *rx,
         double            *ry)
{
  MlrRegressionLayout L;
  const MlrPlot *p;

  mlr_regression_demo_get_layout (self, &L);
  p = &L.plot;
  mlr_plot_to_data (p, px, py, x, y);
  if (rx != NULL)
    {
      *rx = HIT_PX * (p->xmax - p->xmin) / p->w;
      *ry = HIT_PX * (p->ymax - p->ymin) / p->h;
    }
  return px >= p->x0 && px <= p->x0 + p->w && py >= p->y0 && py <= p->y0 + p->h;
}

/* After any edit of the points. */
static void
edited (MlrRegressionDemo *self)
{
  mlr_demo_changed (MLR_DEMO (self));
}

static int
add_point (MlrRegressionDemo *self,
           double             x,
           double             y,
           gboolean           test)
{
  int i = mlr_regression_state_add_point (state_of (self), x, y, test);

  if (i < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The demo holds at most %d points"),
                                              MLR_REGRESSION_MAX_POINTS);
      mlr_demo_toast (MLR_DEMO (self), msg);
    }
  return i;
}

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             px,
               double             py,
               MlrRegressionDemo *self)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  GdkModifierType mods = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (gesture));
  double x, y, rx, ry;
  int i;

  gtk_widget_grab_focus (canvas);
  self->dragging = FALSE;
  if (!to_data (self, px, py, &x, &y, &rx, &ry))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = px;
  self->drag_y = py;
  i = mlr_regression_state_find_point (state_of (self), x, y, rx, ry);
  if (i < 0)
    i = add_point (self, x, y, (mods & GDK_SHIFT_MASK) != 0);
  mlr_regression_state_set_selected (state_of (self), i);
  if (i >= 0)
    {
      self->dragging = TRUE;
      gtk_widget_set_cursor_from_name (canvas, "grabbing");
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  edited (self);
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             ox,
                double             oy,
                MlrRegressionDemo *self)
{
  int i = mlr_regression_state_get_selected (state_of (self));
  double x, y;

  if (!self->dragging || i < 0)
    return;
  to_data (self, self->drag_x + ox, self->drag_y + oy, &x, &y, NULL, NULL);
  mlr_regression_state_move_point (state_of (self), (guint) i, x, y);
  edited (self);
}

static void
drag_end_cb (GtkGestureDrag    *gesture,
             double             ox,
             double             oy,
             MlrRegressionDemo *self)
{
  if (self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                     "grab");
  self->dragging = FALSE;
  mlr_demo_changed (MLR_DEMO (self));
}

static void
secondary_pressed_cb (GtkGestureClick   *gesture,
                      int                n_press,
                      double             px,
                      double             py,
                      MlrRegressionDemo *self)
{
  double x, y, rx, ry;
  int i;

  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
  if (!to_data (self, px, py, &x, &y, &rx, &ry))
    return;
  i = mlr_regression_state_find_point (state_of (self), x, y, rx, ry);
  if (i >= 0)
    {
      mlr_regression_state_remove_point (state_of (self), (guint) i);
      self->hover = -1;
      edited (self);
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    px,
           double                    py,
           MlrRegressionDemo        *self)
{
  double x, y, rx, ry;
  int hover = -1;
  const char *cursor = NULL;

  if (self->dragging)
    return;
  if (to_data (self, px, py, &x, &y, &rx, &ry))
    {
      hover = mlr_regression_state_find_point (state_of (self), x, y, rx, ry);
      cursor = hover >= 0 ? "grab" : "crosshair";
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))), cursor);
  if (hover != self->hover)
    {
      self->hover = hover;
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          MlrRegressionDemo        *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

/* ---------------------------------------------------------------- keys (actions) */

/* Arrows move the selected point, or the keyboard cursor when none is selected: a fortieth
 * of the view, a two-hundredth with Shift. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);
  MlrRegressionState *state = state_of (self);
  int selected = mlr_regression_state_get_selected (state);
  double x0, x1, y0, y1, sx, sy;
  int mx, my, fine;

  g_variant_get (parameter, "(iib)", &mx, &my, &fine);
  mlr_regression_state_get_view (state, &x0, &x1, &y0, &y1);
  sx = (x1 - x0) / (fine ? 200 : 40);
  sy = (y1 - y0) / (fine ? 200 : 40);
  if (selected >= 0)
    {
      const MlrRegressionPoint *p = mlr_regression_state_get_point (state, (guint) selected);
      mlr_regression_state_move_point (state, (guint) selected, p->x + mx * sx, p->y + my * sy);
      edited (self);
    }
  else
    {
      double cx, cy;
      mlr_regression_state_get_cursor (state, &cx, &cy);
      mlr_regression_state_set_cursor (state, cx + mx * sx, cy + my * sy);
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

/* Enter: a training point at the cursor (T then makes it a test point). */
static void
add_at_cursor_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);
  double cx, cy;
  int i;

  mlr_regression_state_get_cursor (state_of (self), &cx, &cy);
  i = add_point (self, cx, cy, FALSE);
  if (i >= 0)
    mlr_regression_state_set_selected (state_of (self), i);
  edited (self);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);
  int i = mlr_regression_state_get_selected (state_of (self));

  if (i >= 0)
    mlr_regression_state_remove_point (state_of (self), (guint) i);
  edited (self);
}

static void
deselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);

  mlr_regression_state_set_selected (state_of (self), -1);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);
  int n = (int) mlr_regression_state_get_n_points (state_of (self));
  int i = mlr_regression_state_get_selected (state_of (self));
  int delta = g_variant_get_int32 (parameter);

  if (n == 0)
    return;
  i = i < 0 ? (delta > 0 ? 0 : n - 1) : (i + delta + n) % n;
  mlr_regression_state_set_selected (state_of (self), i);
  mlr_demo_changed (MLR_DEMO (self));
}

/* T: the selected point changes sides, training <-> test. */
static void
toggle_test_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);
  int i = mlr_regression_state_get_selected (state_of (self));

  if (i < 0)
    return;
  mlr_regression_state_set_test (state_of (self), (guint) i,
                                 !mlr_regression_state_get_point (state_of (self), i)->test);
  edited (self);
}

/* + and −: one degree more or less. */
static void
degree_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);
  int d = (int) mlr_regression_state_get_degree (mlr_demo_get_state (demo)) +
          g_variant_get_int32 (parameter);
  g_autofree char *value = g_strdup_printf ("%d", CLAMP (d, 0, MLR_POLY_MAX_DEGREE));

  mlr_demo_set_param (demo, "degree", value, NULL);
}

/* N: the same kind of data with the next seed. */
static void
new_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);
  guint64 seed = mlr_regression_state_get_seed (mlr_demo_get_state (demo));
  g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                            seed >= G_MAXUINT32 ? 0 : seed + 1);

  mlr_demo_set_param (demo, "seed", value, NULL);
}

/* R: the points as drawn (or given) again. */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (widget);

  mlr_regression_state_restore (state_of (self));
  edited (self);
}

/* Keys that act on a selected point let the key go on without one. */
static void
update_actions (MlrRegressionDemo *self)
{
  gboolean selected = mlr_regression_state_get_selected (state_of (self)) >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "regression.remove-selected", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "regression.deselect", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "regression.toggle-test", selected);
}

/* ---------------------------------------------------------------- the α = 0 check */

static void
least_squares_toggled_cb (GtkCheckButton    *check,
                          MlrRegressionDemo *self)
{
  gboolean on = gtk_check_button_get_active (check);
  gboolean is_zero = mlr_regression_state_get_alpha (state_of (self)) == 0;

  if (on == is_zero)
    return;
  mlr_demo_set_param (MLR_DEMO (self), "alpha",
                      on ? "0" : self->last_alpha ? self->last_alpha : DEFAULT_ALPHA, NULL);
}

static void
mlr_regression_demo_changed (MlrDemo    *demo,
                             const char *key)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (demo);
  double alpha = mlr_regression_state_get_alpha (state_of (self));

  if (alpha > 0)
    {
      g_free (self->last_alpha);
      self->last_alpha = g_strdup (mlr_params_get_string (mlr_demo_get_params (demo), "alpha"));
    }
  if (self->least_squares != NULL &&
      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->least_squares)) != (alpha == 0))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->least_squares), alpha == 0);
  update_actions (self);
}

/* ---------------------------------------------------------------- construction */

static void
mlr_regression_demo_setup (MlrDemo *demo)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *button;

  button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_name (button, "new-sample");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (button, _("New sample: the same truth and noise drawn with the "
                                    "next seed (N). A flexible fit changes a lot from one "
                                    "sample to the next"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New sample"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "regression.new-sample");
  mlr_demo_add_control_after (demo, "truth", button);

  self->least_squares = gtk_check_button_new_with_label (_("Least squares"));
  gtk_widget_set_name (self->least_squares, "least-squares");
  gtk_widget_set_valign (self->least_squares, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (self->least_squares,
                          _("No penalty, α = 0: ordinary least squares (scikit-learn's "
                            "LinearRegression). Uncheck to bring the penalty back"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->least_squares),
                               mlr_regression_state_get_alpha (state_of (self)) == 0);
  g_signal_connect (self->least_squares, "toggled", G_CALLBACK (least_squares_toggled_cb),
                    self);
  mlr_demo_add_control_after (demo, "alpha", self->least_squares);

  mlr_demo_add_menu_item (demo, _("_Undo Edits"),
                          _("Back to the points as drawn, before your clicks and drags (R)"),
                          "regression.restore");

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (canvas, controller);
}

/* The plane and the two charts side by side want a wide canvas; stacked, a tall one. */
static int
mlr_regression_demo_canvas_height (MlrDemo *demo,
                                   int      width)
{
  if (width < 700)
    return CLAMP ((int) round (width * (width < 440 ? 1.9 : 1.25)), 600, 980);
  return CLAMP ((int) round (width * 0.68), 500, 700);
}

static void
mlr_regression_demo_finalize (GObject *object)
{
  MlrRegressionDemo *self = MLR_REGRESSION_DEMO (object);

  g_free (self->last_alpha);
  G_OBJECT_CLASS (mlr_regression_demo_parent_class)->finalize (object);
}

static void
mlr_regression_demo_class_init (MlrRegressionDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, 1 }, { GDK_KEY_Down, GDK_KEY_KP_Down, 0, -1 },
  };

  object_class->finalize = mlr_regression_demo_finalize;
  demo_class->describe = mlr_regression_demo_describe;
  demo_class->setup = mlr_regression_demo_setup;
  demo_class->changed = mlr_regression_demo_changed;
  demo_class->draw = mlr_regression_demo_draw;
  demo_class->canvas_height = mlr_regression_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Click on the plane to add a training point (Shift+click: a test point), drag a point "
       "to move it, right-click one to remove it. Keys (click the plane first): arrows move "
       "the selected point, or the cursor when none is selected (Shift: finer); Enter adds a "
       "training point at the cursor; T moves the selected point between the training and "
       "the test set; Delete removes it; Page Up/Down select another; Escape deselects; + and "
       "− change the degree; N draws a new sample; R undoes your edits."));

  gtk_widget_class_install_action (widget_class, "regression.move", "(iib)", move_action);
  gtk_widget_class_install_action (widget_class, "regression.add-at-cursor", NULL,
                                   add_at_cursor_action);
  gtk_widget_class_install_action (widget_class, "regression.remove-selected", NULL,
                                   remove_selected_action);
  gtk_widget_class_install_action (widget_class, "regression.deselect", NULL, deselect_action);
  gtk_widget_class_install_action (widget_class, "regression.select-next", "i",
                                   select_next_action);
  gtk_widget_class_install_action (widget_class, "regression.toggle-test", NULL,
                                   toggle_test_action);
  gtk_widget_class_install_action (widget_class, "regression.degree", "i", degree_action);
  gtk_widget_class_install_action (widget_class, "regression.new-sample", NULL,
                                   new_sample_action);
  gtk_widget_class_install_action (widget_class, "regression.restore", NULL, restore_action);

  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Return, 0, "regression.add-at-cursor",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Enter, 0,
                                     "regression.add-at-cursor", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Delete, 0, "regression.remove-selected",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Delete, 0,
                                     "regression.remove-selected", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_BackSpace, 0,
                                     "regression.remove-selected", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Escape, 0, "regression.deselect", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "regression.select-next",
                                     "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Page_Up, 0,
                                     "regression.select-next", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "regression.select-next",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Page_Down, 0,
                                     "regression.select-next", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_t, 0, "regression.toggle-test", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_T, GDK_SHIFT_MASK,
                                     "regression.toggle-test", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "regression.degree", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK,
                                     "regression.degree", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "regression.degree", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Add, 0, "regression.degree", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "regression.degree", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Subtract, 0, "regression.degree",
                                     "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_n, 0, "regression.new-sample", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_N, GDK_SHIFT_MASK,
                                     "regression.new-sample", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_r, 0, "regression.restore", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_R, GDK_SHIFT_MASK,
                                     "regression.restore", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, "regression.move",
                                         "(iib)", arrows[i].dx, arrows[i].dy, FALSE);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, "regression.move",
                                         "(iib)", arrows[i].dx, arrows[i].dy, FALSE);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, GDK_SHIFT_MASK,
                                         "regression.move", "(iib)", arrows[i].dx,
                                         arrows[i].dy, TRUE);
    }
  gtk_widget_class_set_css_name (widget_class, "regressiondemo");
}

static void
mlr_regression_demo_init (MlrRegressionDemo *self)
{
  self->hover = -1;
}
