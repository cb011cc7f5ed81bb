/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-gd-demo.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lessons/mlr-demo-spec.h"
#include "mlr-demo-layout.h"
#include "painters/mlr-gd-painter.h"

#define LR_LOG_MIN (-5.0)
#define LR_LOG_MAX 1.0
#define SPACING 6

typedef enum {
  DRAG_NONE,
  DRAG_START,   /* moving the start point */
  DRAG_PAN,     /* moving the view */
  DRAG_SCRUB,   /* moving through the steps on the loss chart */
} DragMode;

/* Steps per second of the speed choices. */
static const double speeds[] = { 5, 20, 60, 240 };

struct _MlrGdDemo
{
  GtkWidget          parent_instance;

  /* Children */
  GtkWidget         *error_label;
  MlrDemoCanvas     *canvas;
  GtkWidget         *controls;
  GtkWidget         *play_button;
  GtkWidget         *step_button;
  GtkWidget         *reset_button;
  GtkWidget         *speed_dropdown;
  GtkWidget         *lr_scale;
  GtkAdjustment     *lr_adjustment;
  GtkWidget         *lr_value;
  GtkWidget         *checks[MLR_N_OPTIMIZERS];
  GtkWidget         *swatches[MLR_N_OPTIMIZERS];
  GtkWidget         *objective_dropdown;
  GtkWidget         *momentum_scale;
  GtkWidget         *beta1_scale;
  GtkWidget         *beta2_scale;
  GtkWidget         *momentum_value;
  GtkWidget         *beta1_value;
  GtkWidget         *beta2_value;
  GtkWidget         *steps_spin;

  /* Owned state */
  MlrGdState        *state;
  MlrGdPainterCache *cache;
  gboolean           syncing;       /* controls are being set from the state */

  /* Animation */
  gboolean           playing;
  guint              tick_id;
  gint64             last_frame_us;
  double             step_debt;
  gint64             last_description_us;

  /* Pointer */
  DragMode           drag;
  MlrPlot            drag_plot;     /* the mapping when the drag began */
  MlrViewRect        drag_view;
  double             drag_x;
  double             drag_y;
  double             pointer_x;
  double             pointer_y;
  gboolean           has_pointer;
  MlrViewRect        zoom_view;     /* pinch: the view when it began */
  double             zoom_cx;
  double             zoom_cy;
  guint              settle_id;     /* refines the heatmap once zoom or pan stops */
  gboolean           view_moving;
};

G_DEFINE_FINAL_TYPE (MlrGdDemo, mlr_gd_demo, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const optimizer_tooltips[MLR_N_OPTIMIZERS] = {
  N_("Plain gradient descent: step −η ∇f. Its step is as long as the slope is steep"),
  N_("Momentum: keeps a velocity v = μ v + ∇f and steps −η v, so it speeds up along "
     "consistent slopes and overshoots in narrow valleys"),
  N_("Nesterov momentum: like momentum, but looks ahead along the velocity before "
     "stepping, which damps the overshoot"),
  N_("RMSprop: divides each coordinate's step by a running average of its squared "
     "gradient, so steep and flat directions move at similar speeds"),
  N_("Adam: momentum plus RMSprop's per-coordinate scaling, with bias correction; its steps "
     "are about η long whatever the gradient"),
  N_("Adagrad: divides by the sum of all squared gradients so far, so its steps keep "
     "shrinking"),
};

/* ---------------------------------------------------------------- state -> screen */

static void
metric_cb (const char *name,
           GVariant   *value,
           gpointer    user_data)
{
  mlr_demo_canvas_set_metric (user_data, name, value);
}

static void
update_description (MlrGdDemo *self)
{
  g_autofree char *text = mlr_gd_state_describe (self->state);

  mlr_demo_canvas_set_description (self->canvas, text);
  /* The same moment the description changes, challenges get to look. */
  mlr_gd_state_collect_metrics (self->state, metric_cb, self->canvas);
  mlr_demo_canvas_commit_metrics (self->canvas);
  self->last_description_us = g_get_monotonic_time ();
}

static void
update_buttons (MlrGdDemo *self)
{
  gboolean finished = mlr_gd_state_is_finished (self->state);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            self->playing ? "media-playback-pause-symbolic"
                                          : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               self->playing ? _("Pause (Space)")
                               : finished ? _("Replay the race from the start (Space)")
                                          : _("Play: take steps one after another (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->playing ? _("Pause") : _("Play"), -1);
  gtk_widget_set_sensitive (self->step_button, !finished);
  gtk_widget_set_sensitive (self->reset_button, mlr_gd_state_get_step (self->state) > 0);
}

/* The learning rate a slider position means: 10^v with two significant digits, so values
 * from lessons (0.18, 0.003) are exactly reachable and what is shown is what is used. */
static double
lr_from_slider (double v)
{
  double lr = pow (10, CLAMP (v, LR_LOG_MIN, LR_LOG_MAX));
  double mag = pow (10, floor (log10 (lr)) - 1);

  return CLAMP (round (lr / mag) * mag, 1e-5, 10.0);
}

static double
beta2_to_slider (double beta2)
{
  return -log10 (MAX (1 - beta2, 1e-5));
}

static double
beta2_from_slider (double v)
{
  return 1 - pow (10, -v);
}

static void
set_value_label (GtkWidget *label,
                 double     value,
                 int        digits)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%.*f", digits, value);
  gtk_label_set_text (GTK_LABEL (label), buf);
}

/* Controls follow the state (after a surface change, at start-up); `syncing` keeps their
 * handlers from writing the values back. */
static void
sync_controls (MlrGdDemo *self)
{
  g_autofree char *lr = mlr_gd_format_number (mlr_gd_state_get_lr (self->state));
  gboolean one_d = mlr_gd_state_get_mode (self->state) == MLR_GD_MODE_1D;

  self->syncing = TRUE;
  gtk_adjustment_set_value (self->lr_adjustment, log10 (mlr_gd_state_get_lr (self->state)));
  gtk_label_set_text (GTK_LABEL (self->lr_value), lr);
  gtk_range_set_value (GTK_RANGE (self->momentum_scale), mlr_gd_state_get_momentum (self->state));
  gtk_range_set_value (GTK_RANGE (self->beta1_scale), mlr_gd_state_get_beta1 (self->state));
  gtk_range_set_value (GTK_RANGE (self->beta2_scale),
                       beta2_to_slider (mlr_gd_state_get_beta2 (self->state)));
  set_value_label (self->momentum_value, mlr_gd_state_get_momentum (self->state), 3);
  set_value_label (self->beta1_value, mlr_gd_state_get_beta1 (self->state), 3);
  set_value_label (self->beta2_value, mlr_gd_state_get_beta2 (self->state), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->steps_spin),
                             mlr_gd_state_get_max_steps (self->state));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->objective_dropdown),
                              one_d ? mlr_gd_state_get_curve (self->state)
                                    : mlr_gd_state_get_surface (self->state));
  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[k]),
                                 mlr_gd_state_get_optimizer_enabled (self->state, k));
  gtk_widget_set_sensitive (self->momentum_scale, mlr_gd_state_uses_param (self->state, "momentum"));
  gtk_widget_set_sensitive (self->beta1_scale, mlr_gd_state_uses_param (self->state, "beta1"));
  gtk_widget_set_sensitive (self->beta2_scale, mlr_gd_state_uses_param (self->state, "beta2"));
  self->syncing = FALSE;
}

/**
 * mlr_gd_demo_changed:
 * Call after changing the state from outside: repaints, refreshes the buttons and the
 * accessible description.
 */
void
mlr_gd_demo_changed (MlrGdDemo *self)
{
  g_return_if_fail (MLR_IS_GD_DEMO (self));

  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  update_buttons (self);
  update_description (self);
}

/* ---------------------------------------------------------------- animation */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  MlrGdDemo *self = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  guint speed = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_dropdown));
  double dt = self->last_frame_us ? (now - self->last_frame_us) / 1e6 : 0;
  guint n;

  self->last_frame_us = now;
  /* A stalled frame (a hidden window) must not turn into a burst of steps. */
  self->step_debt += MIN (dt, 0.25) * speeds[MIN (speed, G_N_ELEMENTS (speeds) - 1)];
  n = (guint) self->step_debt;
  self->step_debt -= n;
  for (guint i = 0; i < n; i++)
    if (!mlr_gd_state_step (self->state))
      break;

  if (mlr_gd_state_is_finished (self->state))
    {
      self->tick_id = 0;
      mlr_gd_demo_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  if (n > 0)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
      update_buttons (self);
      /* Screen readers need the sentence, not sixty of them a second. */
      if (now - self->last_description_us > 500 * 1000)
        update_description (self);
    }
  return G_SOURCE_CONTINUE;
}

gboolean
mlr_gd_demo_get_playing (MlrGdDemo *self)
{
  g_return_val_if_fail (MLR_IS_GD_DEMO (self), FALSE);
  return self->playing;
}

/**
 * mlr_gd_demo_set_playing:
 * Starts or stops the animation. Playing a finished race replays it from step 0. With
 * reduced motion (mlr_demo_reduce_motion()) playing jumps straight to the last step.
 */
void
mlr_gd_demo_set_playing (MlrGdDemo *self,
                         gboolean   playing)
{
  g_return_if_fail (MLR_IS_GD_DEMO (self));

  playing = !!playing;
  if (playing && mlr_demo_reduce_motion ())
    {
      if (mlr_gd_state_is_finished (self->state))
        mlr_gd_state_reset (self->state);
      mlr_gd_state_run_to (self->state, mlr_gd_state_get_max_steps (self->state));
      playing = FALSE;
    }
  else if (playing && !self->playing)
    {
      if (mlr_gd_state_is_finished (self->state))
        mlr_gd_state_reset (self->state);
      self->last_frame_us = 0;
      self->step_debt = 1;  /* move on the first frame: the click did something */
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, self, NULL);
    }
  if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  if (self->playing != playing)
    {
      self->playing = playing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
  mlr_gd_demo_changed (self);
}

/* One step of every racing optimizer (pauses first). */
void
mlr_gd_demo_step (MlrGdDemo *self)
{
  g_return_if_fail (MLR_IS_GD_DEMO (self));

  mlr_gd_demo_set_playing (self, FALSE);
  mlr_gd_state_step (self->state);
  mlr_gd_demo_changed (self);
}

/* Back to step 0 (pauses first). */
void
mlr_gd_demo_reset (MlrGdDemo *self)
{
  g_return_if_fail (MLR_IS_GD_DEMO (self));

  mlr_gd_demo_set_playing (self, FALSE);
  mlr_gd_state_reset (self->state);
  mlr_gd_demo_changed (self);
}

/* ---------------------------------------------------------------- control handlers */

static void
play_clicked_cb (MlrGdDemo *self)
{
  mlr_gd_demo_set_playing (self, !self->playing);
}

static void
step_clicked_cb (MlrGdDemo *self)
{
  mlr_gd_demo_step (self);
}

static void
reset_clicked_cb (MlrGdDemo *self)
{
  mlr_gd_demo_reset (self);
}

static void
lr_changed_cb (GtkAdjustment *adjustment,
               MlrGdDemo     *self)
{
  double lr = lr_from_slider (gtk_adjustment_get_value (adjustment));
  g_autofree char *text = mlr_gd_format_number (lr);

  gtk_label_set_text (GTK_LABEL (self->lr_value), text);
  if (self->syncing)
    return;
  mlr_gd_state_set_lr (self->state, lr);
  mlr_gd_demo_changed (self);
}

static void
momentum_changed_cb (GtkRange  *range,
                     MlrGdDemo *self)
{
  set_value_label (self->momentum_value, gtk_range_get_value (range), 3);
  if (self->syncing)
    return;
  mlr_gd_state_set_momentum (self->state, gtk_range_get_value (range));
  mlr_gd_demo_changed (self);
}

static void
beta1_changed_cb (GtkRange  *range,
                  MlrGdDemo *self)
{
  set_value_label (self->beta1_value, gtk_range_get_value (range), 3);
  if (self->syncing)
    return;
  mlr_gd_state_set_beta1 (self->state, gtk_range_get_value (range));
  mlr_gd_demo_changed (self);
}

static void
beta2_changed_cb (GtkRange  *range,
                  MlrGdDemo *self)
{
  double beta2 = beta2_from_slider (gtk_range_get_value (range));

  set_value_label (self->beta2_value, beta2, 5);
  if (self->syncing)
    return;
  mlr_gd_state_set_beta2 (self->state, beta2);
  mlr_gd_demo_changed (self);
}

static void
steps_changed_cb (GtkSpinButton *spin,
                  MlrGdDemo     *self)
{
  gboolean at_end;

  if (self->syncing)
    return;
  /* A race shown to its end stays at its end when the end moves. */
  at_end = mlr_gd_state_get_step (self->state) == mlr_gd_state_get_max_steps (self->state);
  mlr_gd_state_set_max_steps (self->state, (guint) gtk_spin_button_get_value_as_int (spin));
  if (at_end && !self->playing)
    mlr_gd_state_run_to (self->state, mlr_gd_state_get_max_steps (self->state));
  mlr_gd_demo_changed (self);
}

static void
objective_changed_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      MlrGdDemo   *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (mlr_gd_state_get_mode (self->state) == MLR_GD_MODE_1D)
    mlr_gd_state_set_curve (self->state, selected);
  else
    mlr_gd_state_set_surface (self->state, selected);
  {
    g_autofree char *label = g_strdup_printf (_("Gradient descent on %s"),
                                              mlr_gd_state_get_title (self->state));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  sync_controls (self);
  mlr_gd_demo_changed (self);
}

static void
optimizer_toggled_cb (GtkCheckButton *check,
                      MlrGdDemo      *self)
{
  MlrOptimizerKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "kind"));

  if (self->syncing)
    return;
  if (!mlr_gd_state_set_optimizer_enabled (self->state, kind, gtk_check_button_get_active (check)))
    {
      /* The last racer stays: a race of none shows nothing. */
      self->syncing = TRUE;
      gtk_check_button_set_active (check, TRUE);
      self->syncing = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "lesson.toast", "s",
                                  _("At least one optimizer has to run"));
      return;
    }
  sync_controls (self);
  mlr_gd_demo_changed (self);
}

static void
reset_view_clicked_cb (MlrGdDemo *self)
{
  mlr_gd_state_reset_view (self->state);
  mlr_gd_demo_changed (self);
}

static void
export_clicked_cb (MlrGdDemo *self)
{
  mlr_demo_canvas_export_dialog (self->canvas);
}

/* ---------------------------------------------------------------- canvas */

static void
draw_cb (cairo_t          *cr,
         int               width,
         int               height,
         const MlrPalette *palette,
         gpointer          user_data)
{
  MlrGdDemo *self = user_data;
  MlrGdPainterOptions options = {
    .focused = gtk_widget_has_focus (GTK_WIDGET (self->canvas)),
    .dragging = self->drag == DRAG_START,
    /* While the view moves, the heatmap is rebuilt every frame: at 1x, which a HiDPI
     * screen does not show in motion, then at full resolution once it stops. */
    .scale = self->view_moving ? 1 : gtk_widget_get_scale_factor (GTK_WIDGET (self->canvas)),
  };

  mlr_gd_painter_draw (cr, width, height, palette, self->state, &options, self->cache);
}

static gboolean
settle_cb (gpointer user_data)
{
  MlrGdDemo *self = user_data;

  self->settle_id = 0;
  self->view_moving = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  return G_SOURCE_REMOVE;
}

/* The view moved (zoom, pan): repaint now, and at full resolution when it rests. */
static void
view_changed (MlrGdDemo *self)
{
  if (gtk_widget_get_scale_factor (GTK_WIDGET (self->canvas)) > 1)
    {
      self->view_moving = TRUE;
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_id = g_timeout_add (200, settle_cb, self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
current_layout (MlrGdDemo   *self,
                MlrGdLayout *layout)
{
  mlr_gd_painter_layout (gtk_widget_get_width (GTK_WIDGET (self->canvas)),
                         gtk_widget_get_height (GTK_WIDGET (self->canvas)),
                         mlr_demo_canvas_get_palette (self->canvas), self->state, layout);
}

static void
style_changed_cb (MlrGdDemo *self)
{
  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    if (self->swatches[k])
      gtk_widget_queue_draw (self->swatches[k]);
}

static gboolean
in_plot (const MlrPlot *plot,
         double         x,
         double         y)
{
  return plot->w > 0 && plot->h > 0 && x >= plot->x0 && x <= plot->x0 + plot->w &&
         y >= plot->y0 && y <= plot->y0 + plot->h;
}

static void
set_start_at (MlrGdDemo     *self,
              const MlrPlot *plot,
              double         x,
              double         y)
{
  MlrVec2 p;

  x = CLAMP (x, plot->x0, plot->x0 + plot->w);
  y = CLAMP (y, plot->y0, plot->y0 + plot->h);
  mlr_plot_to_data (plot, x, y, &p.x, &p.y);
  mlr_gd_state_set_start (self->state, p);
  mlr_gd_demo_changed (self);
}

static void
scrub_to (MlrGdDemo     *self,
          const MlrPlot *chart,
          double         x)
{
  double step, y;

  mlr_plot_to_data (chart, CLAMP (x, chart->x0, chart->x0 + chart->w), chart->y0, &step, &y);
  mlr_gd_state_run_to (self->state, (guint) MAX (round (step), 0));
  mlr_gd_demo_changed (self);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MlrGdDemo      *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  MlrGdLayout layout;

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  current_layout (self, &layout);
  self->drag_x = x;
  self->drag_y = y;
  self->drag = DRAG_NONE;

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (in_plot (&layout.chart, x, y))
    {
      mlr_gd_demo_set_playing (self, FALSE);
      self->drag = DRAG_SCRUB;
      self->drag_plot = layout.chart;
      scrub_to (self, &self->drag_plot, x);
    }
  else if (in_plot (&layout.main, x, y))
    {
      self->drag_plot = layout.main;
      if (button == GDK_BUTTON_MIDDLE || (mods & GDK_SHIFT_MASK))
        {
          self->drag = DRAG_PAN;
          self->drag_view = *mlr_gd_state_get_view (self->state);
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "grabbing");
        }
      else
        {
          self->drag = DRAG_START;
          set_start_at (self, &self->drag_plot, x, y);
        }
    }
  if (self->drag == DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MlrGdDemo      *self)
{
  const MlrPlot *plot = &self->drag_plot;

  switch (self->drag)
    {
    case DRAG_START:
      set_start_at (self, plot, self->drag_x + dx, self->drag_y + dy);
      break;

    case DRAG_SCRUB:
      scrub_to (self, plot, self->drag_x + dx);
      break;

    case DRAG_PAN:
      {
        /* Against the mapping of the drag's start, so the point under the pointer stays
         * under it. */
        double ux = (plot->xmax - plot->xmin) / plot->w;
        double uy = (plot->ymax - plot->ymin) / plot->h;
        MlrViewRect v = self->drag_view;
        v.x_min -= dx * ux;
        v.x_max -= dx * ux;
        v.y_min += dy * uy;
        v.y_max += dy * uy;
        mlr_gd_state_set_view (self->state, &v);
        view_changed (self);
      }
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MlrGdDemo      *self)
{
  if (self->drag == DRAG_PAN)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "crosshair");
  self->drag = DRAG_NONE;
  mlr_gd_demo_changed (self);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MlrGdDemo                *self)
{
  MlrGdLayout layout;
  const char *cursor = NULL;

  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
  if (self->drag == DRAG_PAN)
    return;
  current_layout (self, &layout);
  if (in_plot (&layout.main, x, y))
    cursor = "crosshair";
  else if (in_plot (&layout.chart, x, y))
    cursor = "col-resize";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), cursor);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          MlrGdDemo                *self)
{
  self->has_pointer = FALSE;
}

/* Zooms by @factor (< 1: in) about the canvas point (x, y), or the view's centre. */
static void
zoom_at (MlrGdDemo *self,
         double     factor,
         gboolean   at_pointer,
         double     x,
         double     y)
{
  MlrGdLayout layout;
  double cx, cy;

  current_layout (self, &layout);
  if (at_pointer && in_plot (&layout.main, x, y))
    mlr_plot_to_data (&layout.main, x, y, &cx, &cy);
  else
    {
      cx = (layout.main.xmin + layout.main.xmax) / 2;
      cy = (layout.main.ymin + layout.main.ymax) / 2;
    }
  mlr_gd_state_zoom (self->state, factor, cx, cy);
  view_changed (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           MlrGdDemo                *self)
{
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* The demo sits in a scrolling page: the wheel scrolls the page unless the reader asked
   * for the map (Ctrl, or the demo has keyboard focus after a click into it). */
  if (!(mods & GDK_CONTROL_MASK) && !gtk_widget_has_focus (GTK_WIDGET (self->canvas)))
    return FALSE;
  if (dy == 0)
    return FALSE;
  zoom_at (self, exp (0.15 * CLAMP (dy, -5, 5)), self->has_pointer, self->pointer_x,
           self->pointer_y);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               MlrGdDemo        *self)
{
  MlrGdLayout layout;
  double x, y;

  current_layout (self, &layout);
  self->zoom_view = *mlr_gd_state_get_view (self->state);
  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      x = layout.main.x0 + layout.main.w / 2;
      y = layout.main.y0 + layout.main.h / 2;
    }
  mlr_plot_to_data (&layout.main, x, y, &self->zoom_cx, &self->zoom_cy);
}

static void
zoom_scale_cb (GtkGestureZoom *gesture,
               double          scale,
               MlrGdDemo      *self)
{
  if (!(scale > 0))
    return;
  mlr_gd_state_set_view (self->state, &self->zoom_view);
  mlr_gd_state_zoom (self->state, 1 / scale, self->zoom_cx, self->zoom_cy);
  view_changed (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MlrGdDemo             *self)
{
  const MlrViewRect *view = mlr_gd_state_get_view (self->state);
  gboolean one_d = mlr_gd_state_get_mode (self->state) == MLR_GD_MODE_1D;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  double w = view->x_max - view->x_min, h = view->y_max - view->y_min;
  double mx = 0, my = 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      mlr_gd_demo_set_playing (self, !self->playing);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      mlr_gd_demo_step (self);
      return TRUE;
    case GDK_KEY_r:
    case GDK_KEY_R:
      mlr_gd_demo_reset (self);
      return TRUE;
    case GDK_KEY_End:
      mlr_gd_demo_set_playing (self, FALSE);
      mlr_gd_state_run_to (self->state, mlr_gd_state_get_max_steps (self->state));
      mlr_gd_demo_changed (self);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      zoom_at (self, 0.8, FALSE, 0, 0);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_underscore:
    case GDK_KEY_KP_Subtract:
      zoom_at (self, 1.25, FALSE, 0, 0);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      reset_view_clicked_cb (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      mx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      mx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      my = 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      my = -1;
      break;
    default:
      return FALSE;
    }

  if (shift)
    {
      /* Shift+arrows pan (a tenth of the view); the picture moves opposite to the view. */
      mlr_gd_state_pan (self->state, mx * w / 10, my * h / 10);
      view_changed (self);
      return TRUE;
    }
  if (one_d && my != 0)
    return FALSE;  /* the 1-D start moves along x only; let focus move on */
  {
    MlrVec2 p = mlr_gd_state_get_start (self->state);
    p.x += mx * w / 40;
    p.y += my * h / 40;
    mlr_gd_state_set_start (self->state, p);
    mlr_gd_demo_changed (self);
  }
  return TRUE;
}

static void
focus_changed_cb (GtkEventControllerFocus *controller,
                  MlrGdDemo               *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A colour dot for an optimizer's check box, in the colour its path has on the canvas. */
static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  MlrGdDemo *self = g_object_get_data (G_OBJECT (area), "demo");
  MlrOptimizerKind kind = GPOINTER_TO_UINT (user_data);
  MlrColor c;

  if (self == NULL || self->state == NULL)
    return;
  c = mlr_gd_painter_run_color (mlr_demo_canvas_get_palette (self->canvas),
                                mlr_gd_state_get_mode (self->state), kind);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_fill (cr);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1.8, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, &c);
  cairo_fill (cr);
}

/* ---------------------------------------------------------------- construction */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *a11y_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
popover_scale (MlrGdDemo  *self,
               GtkGrid    *grid,
               int         row,
               const char *label_text,
               const char *tooltip,
               double      lo,
               double      hi,
               double      step,
               GCallback   callback,
               GtkWidget **value_label)
{
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, lo, hi, step);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 180, -1);
  gtk_widget_set_tooltip_text (scale, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label_text, -1);
  *value_label = gtk_label_new ("");
  gtk_label_set_width_chars (GTK_LABEL (*value_label), 7);
  gtk_label_set_xalign (GTK_LABEL (*value_label), 1);
  gtk_widget_add_css_class (*value_label, "numeric");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, scale, 1, row, 1, 1);
  gtk_grid_attach (grid, *value_label, 2, row, 1, 1);
  g_signal_connect (scale, "value-changed", callback, self);
  return scale;
}

static GtkWidget *
build_popover (MlrGdDemo *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label, *box, *button;
  g_autoptr(GtkStringList) objectives = gtk_string_list_new (NULL);
  gboolean one_d = mlr_gd_state_get_mode (self->state) == MLR_GD_MODE_1D;
  int row = 0;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);

  for (guint i = 0; i < (one_d ? MLR_N_CURVES : MLR_N_SURFACES); i++)
    gtk_string_list_append (objectives, one_d ? mlr_curve_get_info (i)->title
                                              : mlr_surface_get_info (i)->title);
  label = gtk_label_new (one_d ? _("Curve") : _("Surface"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  self->objective_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (objectives)), NULL);
  gtk_widget_set_tooltip_text (self->objective_dropdown,
                               one_d ? _("The function to descend; its start, view and learning "
                                         "rate reset to ones that show it well")
                                     : _("The loss surface to descend; its start, view and "
                                         "learning rate reset to ones that show it well"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->objective_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  one_d ? _("Curve") : _("Surface"), -1);
  g_signal_connect (self->objective_dropdown, "notify::selected",
                    G_CALLBACK (objective_changed_cb), self);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->objective_dropdown, 1, row++, 2, 1);

  self->momentum_scale =
    popover_scale (self, GTK_GRID (grid), row++, _("Momentum μ"),
                   _("Momentum and Nesterov: how much of the last step carries into the next. "
                     "0 is plain gradient descent; 0.9 is usual. Needs Momentum or Nesterov "
                     "in the race"),
                   0, 0.999, 0.01, G_CALLBACK (momentum_changed_cb), &self->momentum_value);
  self->beta1_scale =
    popover_scale (self, GTK_GRID (grid), row++, _("Adam β₁"),
                   _("Adam: decay of the running mean of the gradient (its momentum); 0.9 is "
                     "usual. Needs Adam in the race"),
                   0, 0.999, 0.001, G_CALLBACK (beta1_changed_cb), &self->beta1_value);
  self->beta2_scale =
    popover_scale (self, GTK_GRID (grid), row++, _("Adam β₂"),
                   _("Adam: decay of the running mean of the squared gradient, which sets each "
                     "coordinate's step scale; 0.999 is usual. Log scale from 0.9 to 0.99999. "
                     "Needs Adam in the race"),
                   1, 5, 0.05, G_CALLBACK (beta2_changed_cb), &self->beta2_value);

  label = gtk_label_new (_("Steps"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  self->steps_spin = gtk_spin_button_new_with_range (1, MLR_GD_MAX_STEPS, 10);
  gtk_widget_set_name (self->steps_spin, "steps");
  gtk_widget_set_tooltip_text (self->steps_spin, _("How many steps a run takes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->steps_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Steps"), -1);
  gtk_widget_set_halign (self->steps_spin, GTK_ALIGN_START);
  g_signal_connect (self->steps_spin, "value-changed", G_CALLBACK (steps_changed_cb), self);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->steps_spin, 1, row++, 2, 1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("Reset _View"));
  gtk_widget_set_tooltip_text (button, _("Undo zoom and pan (0)"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (reset_view_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_mnemonic (_("_Export Figure…"));
  gtk_widget_set_tooltip_text (button, _("Save the picture as PNG, SVG or PDF, e.g. for slides"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_grid_attach (GTK_GRID (grid), box, 0, row++, 3, 1);

  label = gtk_label_new (one_d
    ? _("Click or drag on the plot to move the start x. Drag on the loss chart to go "
        "through the steps. Keys (click the plot first): Space play/pause, Enter one step, "
        "R back to the start, End to the last step, ←/→ move the start, Shift+arrows pan, "
        "+/− zoom, 0 resets the view. Ctrl+scroll zooms.")
    : _("Click or drag on the map to move the start point. Drag on the loss chart to go "
        "through the steps. Shift+drag or middle-drag pans; Ctrl+scroll or pinch zooms. Keys "
        "(click the map first): Space play/pause, Enter one step, R back to the start, End "
        "to the last step, arrows move the start, Shift+arrows pan, +/− zoom, 0 resets the "
        "view."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_grid_attach (GTK_GRID (grid), label, 0, row++, 3, 1);

  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  return popover;
}

static void
build_controls (MlrGdDemo *self)
{
  GtkWidget *row1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, SPACING);
  GtkWidget *row2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, SPACING);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *eta, *menu, *spacer;
  const char * const speed_names[] = { N_("Slow"), N_("Normal"), N_("Fast"), N_("Very fast"),
                                       NULL };
  g_autoptr(GtkStringList) speed_list = gtk_string_list_new (NULL);

  self->controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, SPACING);

  /* Row 1: transport and learning rate */
  gtk_widget_add_css_class (buttons, "linked");
  self->play_button = icon_button ("media-playback-start-symbolic", _("Play (Space)"), _("Play"));
  self->step_button = icon_button ("media-skip-forward-symbolic",
                                   _("One step of every optimizer (Enter)"), _("One step"));
  self->reset_button = icon_button ("media-skip-backward-symbolic",
                                    _("Back to step 0 at the start point (R)"),
                                    _("Back to the start"));
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (play_clicked_cb), self);
  g_signal_connect_swapped (self->step_button, "clicked", G_CALLBACK (step_clicked_cb), self);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->reset_button);
  gtk_box_append (GTK_BOX (buttons), self->play_button);
  gtk_box_append (GTK_BOX (buttons), self->step_button);
  gtk_box_append (GTK_BOX (row1), buttons);

  for (guint i = 0; speed_names[i]; i++)
    gtk_string_list_append (speed_list, _(speed_names[i]));
  self->speed_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (speed_list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_dropdown), 1);
  gtk_widget_set_valign (self->speed_dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->speed_dropdown,
                               _("Animation speed: 5, 20, 60 or 240 steps a second"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speed"), -1);
  gtk_box_append (GTK_BOX (row1), self->speed_dropdown);

  eta = gtk_label_new (_("Learning rate η"));
  /* narrow: "…η", the symbol the rest of the page uses */
  gtk_label_set_ellipsize (GTK_LABEL (eta), PANGO_ELLIPSIZE_START);
  gtk_widget_set_margin_start (eta, 6);
  gtk_widget_set_tooltip_text (eta, _("How far each step moves against the gradient"));
  gtk_box_append (GTK_BOX (row1), eta);
  self->lr_adjustment = gtk_adjustment_new (-2, LR_LOG_MIN, LR_LOG_MAX, 0.02, 0.25, 0);
  self->lr_scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->lr_adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (self->lr_scale), FALSE);
  for (int e = -4; e <= 0; e++)
    gtk_scale_add_mark (GTK_SCALE (self->lr_scale), e, GTK_POS_BOTTOM, NULL);
  gtk_widget_set_hexpand (self->lr_scale, TRUE);
  gtk_widget_set_size_request (self->lr_scale, 120, -1);
  gtk_widget_set_tooltip_text (self->lr_scale,
                               _("Learning rate η, on a log scale from 0.00001 to 10 (ticks at "
                                 "each power of ten). Too small crawls; too large overshoots "
                                 "and diverges"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lr_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Learning rate, log10"), -1);
  g_signal_connect (self->lr_adjustment, "value-changed", G_CALLBACK (lr_changed_cb), self);
  gtk_box_append (GTK_BOX (row1), self->lr_scale);
  self->lr_value = gtk_label_new ("");
  gtk_label_set_width_chars (GTK_LABEL (self->lr_value), 7);
  gtk_label_set_xalign (GTK_LABEL (self->lr_value), 0);
  gtk_widget_add_css_class (self->lr_value, "numeric");
  gtk_widget_set_tooltip_text (self->lr_value, _("The learning rate in use"));
  gtk_box_append (GTK_BOX (row1), self->lr_value);

  /* Row 2: which optimizers race; options */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), MLR_N_OPTIMIZERS);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 0);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_widget_set_valign (flow, GTK_ALIGN_CENTER);
  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    {
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 5);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *child;
      g_autofree char *tip = g_strdup_printf ("%s. %s", _(optimizer_tooltips[k]),
                                              _("Tick to add it to the race"));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (swatch), "demo", self);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw_cb,
                                      GUINT_TO_POINTER (k), NULL);
      gtk_box_append (GTK_BOX (inner), swatch);
      gtk_box_append (GTK_BOX (inner), gtk_label_new (mlr_gd_optimizer_title (k)));
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), inner);
      gtk_widget_set_tooltip_text (check, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mlr_gd_optimizer_title (k), -1);
      g_object_set_data (G_OBJECT (check), "kind", GUINT_TO_POINTER (k));
      {
        g_autofree char *name = g_strconcat ("optimizer-", mlr_optimizer_kind_to_string (k),
                                             NULL);
        gtk_widget_set_name (check, name);
      }
      g_signal_connect (check, "toggled", G_CALLBACK (optimizer_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
      child = gtk_widget_get_parent (check);
      gtk_widget_set_focusable (child, FALSE);
      self->checks[k] = check;
      self->swatches[k] = swatch;
    }
  gtk_box_append (GTK_BOX (row2), flow);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, FALSE);
  gtk_box_append (GTK_BOX (row2), spacer);
  menu = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "emblem-system-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), build_popover (self));
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu, _("More settings: surface, momentum μ, Adam's β₁ and β₂, "
                                       "step count, view, export, and the keys"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More settings"), -1);
  gtk_box_append (GTK_BOX (row2), menu);

  gtk_box_append (GTK_BOX (self->controls), row1);
  gtk_box_append (GTK_BOX (self->controls), row2);
}

static void
build (MlrGdDemo  *self,
       MlrGdState *state)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  g_autofree char *label = NULL;

  self->state = state;

  self->error_label = mlr_demo_problems_label_new (GTK_WIDGET (self));

  self->canvas = MLR_DEMO_CANVAS (mlr_demo_canvas_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->canvas), "card");
  mlr_demo_canvas_set_draw_func (self->canvas, draw_cb, self, NULL);
  label = g_strdup_printf (_("Gradient descent on %s"), mlr_gd_state_get_title (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_parent (GTK_WIDGET (self->canvas), GTK_WIDGET (self));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  build_controls (self);
  gtk_widget_set_parent (self->controls, GTK_WIDGET (self));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  /* Open on the finished race, as `ml-roadmap-cli render` paints it: the caption's claims
   * are visible before anyone presses Play. */
  mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
  sync_controls (self);
  mlr_gd_demo_changed (self);
}

/**
 * mlr_gd_demo_new_from_params:
 * The demo for @params (a table from the "gradient-descent" spec; %NULL: all defaults).
 * Returns %NULL with @error set when they do not fit together.
 */
GtkWidget *
mlr_gd_demo_new_from_params (const MlrParams  *params,
                             GError          **error)
{
  g_autoptr(MlrParams) defaults = NULL;
  MlrGdState *state;
  MlrGdDemo *self;

  if (params == NULL)
    params = defaults = mlr_demo_spec_params (mlr_demo_spec_lookup ("gradient-descent"));
  state = mlr_gd_state_new (params, error);
  if (state == NULL)
    return NULL;
  self = g_object_new (MLR_TYPE_GD_DEMO, NULL);
  build (self, state);
  return GTK_WIDGET (self);
}

/**
 * mlr_gd_demo_new:
 * The demo for a lesson's <demo kind="gradient-descent" ...>. Parameters that cannot be used
 * give the defaults and a line saying why, rather than no demo at all. (The loader checks each
 * parameter and how they combine, and a lesson's block with a problem gets a placeholder
 * instead, so only a hand-built block gets here with one.)
 */
GtkWidget *
mlr_gd_demo_new (const MlrBlock *block)
{
  const MlrDemoSpec *spec = mlr_demo_spec_lookup ("gradient-descent");
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(MlrParams) params = mlr_demo_spec_params_from_block (spec, block, problems);
  g_autoptr(GError) error = NULL;
  MlrGdState *state;
  MlrGdDemo *self;

  state = mlr_gd_state_new (params, &error);
  if (state == NULL)
    {
      g_autoptr(MlrParams) defaults = mlr_demo_spec_params (spec);
      mlr_demo_problems_add (problems, error->message);
      state = mlr_gd_state_new (defaults, NULL);
    }
  self = g_object_new (MLR_TYPE_GD_DEMO, NULL);
  build (self, state);
  if (problems->len > 0)
    mlr_demo_problems_label_show (self->error_label, problems->str);
  return GTK_WIDGET (self);
}

/* The demo's state, for tests and the Demos page; changes made to it directly need
 * mlr_gd_demo_changed(). */
MlrGdState *
mlr_gd_demo_get_state (MlrGdDemo *self)
{
  g_return_val_if_fail (MLR_IS_GD_DEMO (self), NULL);
  return self->state;
}

MlrDemoCanvas *
mlr_gd_demo_get_canvas (MlrGdDemo *self)
{
  g_return_val_if_fail (MLR_IS_GD_DEMO (self), NULL);
  return self->canvas;
}

/* The learning-rate slider's adjustment: log10 of the rate. */
GtkAdjustment *
mlr_gd_demo_get_lr_adjustment (MlrGdDemo *self)
{
  g_return_val_if_fail (MLR_IS_GD_DEMO (self), NULL);
  return self->lr_adjustment;
}

/* ---------------------------------------------------------------- GtkWidget */

/* The canvas grows with the width (bigger on the Demos page than in a lesson), within
 * bounds that keep the plot readable and the controls on screen. */
static int
canvas_height_for_width (GtkWidget *widget,
                         int        width)
{
  MlrGdDemo *self = MLR_GD_DEMO (widget);

  if (self->state && mlr_gd_state_get_mode (self->state) == MLR_GD_MODE_1D)
    return CLAMP ((int) round (width * 0.58), 300, 560);
  return CLAMP ((int) round (width * 0.68), 340, 680);
}

static GtkSizeRequestMode
mlr_gd_demo_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mlr_gd_demo_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  MlrGdDemo *self = MLR_GD_DEMO (widget);

  if (self->controls == NULL)
    return;
  mlr_demo_layout_measure (widget, self->error_label, self->controls, canvas_height_for_width,
                           orientation, for_size, minimum, natural);
}

static void
mlr_gd_demo_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  MlrGdDemo *self = MLR_GD_DEMO (widget);

  mlr_demo_layout_allocate (self->error_label, GTK_WIDGET (self->canvas), self->controls, width,
                            height);
}

static void
mlr_gd_demo_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MlrGdDemo *self = MLR_GD_DEMO (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_gd_demo_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MlrGdDemo *self = MLR_GD_DEMO (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      if (self->state)
        mlr_gd_demo_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_gd_demo_dispose (GObject *object)
{
  MlrGdDemo *self = MLR_GD_DEMO (object);
  GtkWidget *child;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->settle_id, g_source_remove);
  /* The canvas and the swatches draw with the demo's state; they go first. */
  if (self->canvas)
    mlr_demo_canvas_set_draw_func (self->canvas, NULL, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->error_label = NULL;
  self->canvas = NULL;
  self->controls = NULL;
  G_OBJECT_CLASS (mlr_gd_demo_parent_class)->dispose (object);
}

static void
mlr_gd_demo_finalize (GObject *object)
{
  MlrGdDemo *self = MLR_GD_DEMO (object);

  g_clear_pointer (&self->state, mlr_gd_state_free);
  g_clear_pointer (&self->cache, mlr_gd_painter_cache_free);
  G_OBJECT_CLASS (mlr_gd_demo_parent_class)->finalize (object);
}

static void
mlr_gd_demo_class_init (MlrGdDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_gd_demo_dispose;
  object_class->finalize = mlr_gd_demo_finalize;
  object_class->get_property = mlr_gd_demo_get_property;
  object_class->set_property = mlr_gd_demo_set_property;
  widget_class->get_request_mode = mlr_gd_demo_get_request_mode;
  widget_class->measure = mlr_gd_demo_measure;
  widget_class->size_allocate = mlr_gd_demo_size_allocate;

  /**
   * MlrGdDemo:playing:
   * Whether the race is animating.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "gddemo");
}

static void
mlr_gd_demo_init (MlrGdDemo *self)
{
  self->cache = mlr_gd_painter_cache_new ();
}
