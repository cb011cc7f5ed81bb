/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-gd-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-gd-painter.h"

typedef enum {
  DRAG_NONE,
  DRAG_START,   /* moving the start point */
  DRAG_PAN,     /* moving the view */
  DRAG_SCRUB,   /* moving through the steps on the loss chart */
} DragMode;

/* Steps per second of the speed choices. */
static const double speeds[] = { 5, 20, 60, 240 };
static const char * const speed_titles[] = {
  N_("Slow"), N_("Normal"), N_("Fast"), N_("Very fast"), NULL
};

struct _MlrGdDemo
{
  MlrDemo      parent_instance;

  /* pointer */
  DragMode     drag;
  MlrPlot      drag_plot;     /* the mapping when the drag began */
  MlrViewRect  drag_view;
  double       drag_x;
  double       drag_y;
  double       pointer_x;
  double       pointer_y;
  gboolean     has_pointer;
  MlrViewRect  zoom_view;     /* pinch: the view when it began */
  double       zoom_cx;
  double       zoom_cy;
  guint        settle_id;     /* refines the heatmap once zoom or pan stops */
  gboolean     view_moving;
  GTask       *heat_task;     /* the heatmap rebuild in flight, or NULL */
};

G_DEFINE_FINAL_TYPE (MlrGdDemo, mlr_gd_demo, MLR_TYPE_DEMO)

static MlrGdState *
state_of (MlrGdDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- words */

/**
 * mlr_gd_demo_describe_run:
 * One run in words: "Adam, step 120 of 500, loss 0.0031" or "GD diverged at step 14".
 */
char *
mlr_gd_demo_describe_run (const MlrGdState *state,
                          guint             i)
{
  const MlrDescent *run = mlr_gd_state_get_run (state, i);
  const char *title = mlr_gd_optimizer_title (mlr_gd_state_get_run_kind (state, i));
  guint at;

  if (mlr_descent_is_diverged (run, &at))
    return g_strdup_printf (_("%s diverged at step %u"), title, at);
  else
    {
      g_autofree char *loss = mlr_gd_format_number (mlr_descent_get_loss (run));
      if (mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D)
        {
          g_autofree char *x = mlr_gd_format_coordinate (mlr_descent_get_position (run).x);
          return g_strdup_printf (_("%s, step %u of %u, x %s%s, loss %s"), title,
                                  mlr_descent_get_step (run), mlr_gd_state_get_max_steps (state),
                                  g_str_has_prefix (x, "≈") ? "" : "= ", x, loss);
        }
      return g_strdup_printf (_("%s, step %u of %u, loss %s"), title, mlr_descent_get_step (run),
                              mlr_gd_state_get_max_steps (state), loss);
    }
}

/**
 * mlr_gd_demo_describe_state:
 * The demo in a sentence for screen readers, e.g. "Rosenbrock valley from (−1.2, 1),
 * learning rate 0.003. Adam, step 120 of 500, loss 0.0031; GD diverged at step 14." In 1-D
 * mode the slope at the first runner's position follows.
 */
char *
mlr_gd_demo_describe_state (const MlrGdState *state)
{
  GString *s = g_string_new (NULL);
  MlrVec2 start = mlr_gd_state_get_start (state);
  g_autofree char *lr = mlr_gd_format_number (mlr_gd_state_get_lr (state));
  g_autofree char *x = mlr_gd_format_number (start.x);
  guint n_runs = mlr_gd_state_get_n_runs (state);

  if (mlr_gd_state_get_mode (state) == MLR_GD_MODE_2D)
    {
      g_autofree char *y = mlr_gd_format_number (start.y);
      g_string_append_printf (s, _("%s from (%s, %s), learning rate %s. "),
                              _(mlr_gd_state_get_title (state)), x, y, lr);
    }
  else
    g_string_append_printf (s, _("%s from x = %s, learning rate %s. "),
                            _(mlr_gd_state_get_title (state)), x, lr);

  for (guint i = 0; i < n_runs; i++)
    {
      g_autofree char *run = mlr_gd_demo_describe_run (state, i);
      g_string_append_printf (s, "%s%s", i ? "; " : "", run);
    }
  g_string_append_c (s, '.');

  if (mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D && n_runs > 0)
    {
      double slope;
      g_autofree char *text = NULL;

      mlr_curve_eval (mlr_gd_state_get_curve (state),
                      mlr_descent_get_position (mlr_gd_state_get_run (state, 0)).x, &slope);
      text = mlr_gd_format_coordinate (slope);
      g_string_append_printf (s, _(" Tangent slope f′(x) %s%s at %s's position."),
                              g_str_has_prefix (text, "≈") ? "" : "= ", text,
                              mlr_gd_optimizer_title (mlr_gd_state_get_run_kind (state, 0)));
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_gd_demo_describe (MlrDemo *demo)
{
  return mlr_gd_demo_describe_state (mlr_demo_get_state (demo));
}

static char *
mlr_gd_demo_get_label (MlrDemo *demo)
{
  return g_strdup_printf (_("Gradient descent on %s"),
                          _(mlr_gd_state_get_title (mlr_demo_get_state (demo))));
}

/* ---------------------------------------------------------------- the race */

static gboolean
mlr_gd_demo_step (MlrDemo *demo)
{
  return mlr_gd_state_step (mlr_demo_get_state (demo));
}

static void
mlr_gd_demo_rewind (MlrDemo *demo)
{
  mlr_gd_state_reset (mlr_demo_get_state (demo));
}

static void
mlr_gd_demo_finish (MlrDemo *demo)
{
  MlrGdState *state = mlr_demo_get_state (demo);

  mlr_gd_state_run_to (state, mlr_gd_state_get_max_steps (state));
}

static gboolean
mlr_gd_demo_is_finished (MlrDemo *demo)
{
  return mlr_gd_state_is_finished (mlr_demo_get_state (demo));
}

/* A colour dot for an optimizer's check button, in the colour its path has on the canvas. */
static MlrColor
run_color (MlrDemo          *demo,
           const MlrPalette *palette,
           gpointer          user_data)
{
  return mlr_gd_painter_run_color (palette, mlr_gd_state_get_mode (mlr_demo_get_state (demo)),
                                   GPOINTER_TO_UINT (user_data));
}

static GtkWidget *
mlr_gd_demo_decorate_choice (MlrDemo    *demo,
                             const char *key,
                             guint       choice)
{
  if (!g_str_equal (key, "optimizer"))
    return NULL;
  return mlr_demo_swatch_new (demo, run_color, GUINT_TO_POINTER (choice));
}

/* ---------------------------------------------------------------- canvas */

/* Heatmap rebuilds after a zoom or pan run on a worker thread (the picture of a 1280x800
 * canvas costs more than a frame); the frames meanwhile show the cached picture scaled and
 * shifted to the view, and the new one replaces it when it is done. */
typedef struct {
  GWeakRef      demo;
  MlrGdHeatJob *job;
} HeatRequest;

static void
heat_request_free (gpointer data)
{
  HeatRequest *req = data;

  g_weak_ref_clear (&req->demo);
  mlr_gd_heat_job_free (req->job);
  g_free (req);
}

static void
heat_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HeatRequest *req = task_data;

  mlr_gd_heat_job_run (req->job);
  g_task_return_boolean (task, TRUE);
}

static void
heat_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = G_TASK (res);
  HeatRequest *req = g_task_get_task_data (task);
  g_autoptr(MlrGdDemo) self = g_weak_ref_get (&req->demo);

  if (self == NULL || self->heat_task != task)
    return;
  g_clear_object (&self->heat_task);
  /* the next frame shows it, and asks for another if the view moved on meanwhile */
  mlr_gd_painter_cache_take_job (mlr_demo_get_paint_cache (MLR_DEMO (self)), req->job);
  mlr_demo_queue_draw (MLR_DEMO (self));
}

static void
launch_heat_job (MlrGdDemo *self)
{
  MlrGdPainterCache *cache = mlr_demo_get_paint_cache (MLR_DEMO (self));
  MlrGdHeatJob *job;
  HeatRequest *req;

  if (self->heat_task != NULL || cache == NULL ||
      (job = mlr_gd_painter_cache_new_job (cache)) == NULL)
    return;
  req = g_new0 (HeatRequest, 1);
  g_weak_ref_init (&req->demo, self);
  req->job = job;
  self->heat_task = g_task_new (NULL, NULL, heat_done_cb, NULL);
  g_task_set_source_tag (self->heat_task, launch_heat_job);
  g_task_set_task_data (self->heat_task, req, heat_request_free);
  g_task_run_in_thread (self->heat_task, heat_thread);
}

static void
mlr_gd_demo_draw (MlrDemo          *demo,
                  cairo_t          *cr,
                  int               width,
                  int               height,
                  const MlrPalette *palette)
{
  MlrGdDemo *self = MLR_GD_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  MlrGdPainterOptions options = {
    .focused = gtk_widget_has_focus (canvas),
    .dragging = self->drag == DRAG_START,
    /* While the view moves, the cached heatmap is shown scaled to the new view (or rebuilt
     * on a coarse grid, at 1x, which a HiDPI screen does not show in motion); once it
     * stops, it is rebuilt at full resolution. */
    .scale = self->view_moving ? 1 : gtk_widget_get_scale_factor (canvas),
    .view_moving = self->view_moving,
    .defer_rebuild = TRUE,
  };

  mlr_gd_painter_draw (cr, width, height, palette, state_of (self), &options,
                       mlr_demo_get_paint_cache (demo));
  launch_heat_job (self);
}

static gboolean
settle_cb (gpointer user_data)
{
  MlrGdDemo *self = user_data;
  MlrGdPainterCache *cache = mlr_demo_get_paint_cache (MLR_DEMO (self));
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  self->settle_id = 0;
  self->view_moving = FALSE;
  /* Straight to the full rebuild on the worker: a frame drawn now would only repeat the
   * last one; the frame after the rebuild shows it. */
  if (cache != NULL &&
      mlr_gd_painter_cache_want_full (cache, gtk_widget_get_scale_factor (canvas)))
    launch_heat_job (self);
  else
    mlr_demo_queue_draw (MLR_DEMO (self));
  return G_SOURCE_REMOVE;
}

/* The view moved (zoom, pan): repaint now from the cached heatmap, and rebuild it in full
 * once the view rests for 200 ms. */
static void
view_changed (MlrGdDemo *self)
{
  self->view_moving = TRUE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (200, settle_cb, self);
  mlr_demo_queue_draw (MLR_DEMO (self));
}

static void
current_layout (MlrGdDemo   *self,
                MlrGdLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_gd_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                         mlr_demo_get_palette (MLR_DEMO (self)), state_of (self), layout);
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
  mlr_gd_state_set_start (state_of (self), p);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
scrub_to (MlrGdDemo     *self,
          const MlrPlot *chart,
          double         x)
{
  double step, y;

  mlr_plot_to_data (chart, CLAMP (x, chart->x0, chart->x0 + chart->w), chart->y0, &step, &y);
  mlr_gd_state_run_to (state_of (self), (guint) MAX (round (step), 0));
  mlr_demo_changed (MLR_DEMO (self));
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
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrGdLayout layout;

  gtk_widget_grab_focus (canvas);
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
      mlr_demo_set_playing (MLR_DEMO (self), FALSE);
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
          self->drag_view = *mlr_gd_state_get_view (state_of (self));
          gtk_widget_set_cursor_from_name (canvas, "grabbing");
        }
      else
        {
          self->drag = DRAG_START;
          set_start_at (self, &self->drag_plot, x, y);
        }
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), self->drag == DRAG_NONE
                                                ? GTK_EVENT_SEQUENCE_DENIED
                                                : GTK_EVENT_SEQUENCE_CLAIMED);
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
        mlr_gd_state_set_view (state_of (self), &v);
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
    gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                     "crosshair");
  self->drag = DRAG_NONE;
  mlr_demo_changed (MLR_DEMO (self));
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
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))), cursor);
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
  mlr_gd_state_zoom (state_of (self), factor, cx, cy);
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
   * for the map (Ctrl, or the canvas has keyboard focus after a click into it). */
  if (!(mods & GDK_CONTROL_MASK) &&
      !gtk_widget_has_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)))))
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
  self->zoom_view = *mlr_gd_state_get_view (state_of (self));
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
  mlr_gd_state_set_view (state_of (self), &self->zoom_view);
  mlr_gd_state_zoom (state_of (self), 1 / scale, self->zoom_cx, self->zoom_cy);
  view_changed (self);
}

/* ---------------------------------------------------------------- keys (actions) */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zoom_at (MLR_GD_DEMO (widget), g_variant_get_double (parameter), FALSE, 0, 0);
}

static void
reset_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MlrGdDemo *self = MLR_GD_DEMO (widget);

  mlr_gd_state_reset_view (state_of (self));
  mlr_demo_changed (MLR_DEMO (self));
}

/* Arrows move the start by a fortieth of the view (Up/Down only on a surface). */
static void
move_start_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MlrGdDemo *self = MLR_GD_DEMO (widget);
  const MlrViewRect *view = mlr_gd_state_get_view (state_of (self));
  MlrVec2 p = mlr_gd_state_get_start (state_of (self));
  int mx, my;

  g_variant_get (parameter, "(ii)", &mx, &my);
  p.x += mx * (view->x_max - view->x_min) / 40;
  p.y += my * (view->y_max - view->y_min) / 40;
  mlr_gd_state_set_start (state_of (self), p);
  mlr_demo_changed (MLR_DEMO (self));
}

/* Shift+arrows pan by a tenth of the view; the picture moves opposite to the view. */
static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MlrGdDemo *self = MLR_GD_DEMO (widget);
  const MlrViewRect *view = mlr_gd_state_get_view (state_of (self));
  int mx, my;

  g_variant_get (parameter, "(ii)", &mx, &my);
  mlr_gd_state_pan (state_of (self), mx * (view->x_max - view->x_min) / 10,
                    my * (view->y_max - view->y_min) / 10);
  view_changed (self);
}

static void
mlr_gd_demo_changed (MlrDemo    *demo,
                     const char *key)
{
  /* the 1-D start moves along x only: Up and Down let focus move on */
  gtk_widget_action_set_enabled (GTK_WIDGET (demo), "gd.move-start-y",
                                 mlr_gd_state_get_mode (mlr_demo_get_state (demo)) ==
                                 MLR_GD_MODE_2D);
}

/* ---------------------------------------------------------------- construction */

static void
mlr_gd_demo_setup (MlrDemo *demo)
{
  MlrGdDemo *self = MLR_GD_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkEventController *controller;
  GtkGesture *gesture;

  /* Open on the finished race, as `ml-roadmap-cli render` paints it: the caption's claims
   * are visible before anyone presses Play. */
  mlr_gd_demo_finish (demo);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (canvas, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (canvas, controller);

  mlr_demo_add_menu_item (demo, _("Reset _View"), _("Undo zoom and pan (0)"), "gd.reset-view");
}

/* The canvas grows with the width (bigger on the Demos page than in a lesson), within
 * bounds that keep the plot readable and the controls on screen. */
static int
mlr_gd_demo_canvas_height (MlrDemo *demo,
                           int      width)
{
  MlrGdState *state = mlr_demo_get_state (demo);
  int h = mlr_gd_state_get_mode (state) == MLR_GD_MODE_1D
            ? CLAMP ((int) round (width * 0.58), 300, 560)
            : CLAMP ((int) round (width * 0.68), 340, 680);

  /* narrow, the painter puts the legend under the plot (mlr_gd_painter_layout()): room
   * for it, so the plot keeps its size */
  if (width < 560)
    h += (int) round (mlr_demo_canvas_get_palette (mlr_demo_get_canvas (demo))->font_size
                      * 1.55 * (mlr_gd_state_get_n_runs (state) + 1)) + 10;
  return h;
}

static void
mlr_gd_demo_dispose (GObject *object)
{
  MlrGdDemo *self = MLR_GD_DEMO (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  /* a rebuild in flight finishes on its own and is dropped (heat_done_cb()) */
  g_clear_object (&self->heat_task);
  G_OBJECT_CLASS (mlr_gd_demo_parent_class)->dispose (object);
}

static void
mlr_gd_demo_class_init (MlrGdDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, 1 }, { GDK_KEY_Down, GDK_KEY_KP_Down, 0, -1 },
  };

  object_class->dispose = mlr_gd_demo_dispose;
  demo_class->describe = mlr_gd_demo_describe;
  demo_class->get_label = mlr_gd_demo_get_label;
  demo_class->setup = mlr_gd_demo_setup;
  demo_class->changed = mlr_gd_demo_changed;
  demo_class->draw = mlr_gd_demo_draw;
  demo_class->canvas_height = mlr_gd_demo_canvas_height;
  demo_class->advance = mlr_demo_default_advance;
  demo_class->step = mlr_gd_demo_step;
  demo_class->rewind = mlr_gd_demo_rewind;
  demo_class->finish = mlr_gd_demo_finish;
  demo_class->is_finished = mlr_gd_demo_is_finished;
  demo_class->decorate_choice = mlr_gd_demo_decorate_choice;
  mlr_demo_class_set_speeds (demo_class, speeds, speed_titles, G_N_ELEMENTS (speeds), 1);
  mlr_demo_class_set_transport_tips (demo_class, N_("Back to step 0 at the start point (R)"),
                                     N_("Play: take steps one after another (Space)"),
                                     N_("Replay the race from the start (Space)"),
                                     N_("One step of every optimizer (Enter)"));
  mlr_demo_class_set_keys_help (demo_class,
    N_("Click or drag on the map (or the curve) to move the start point. Drag on the loss "
       "chart to go through the steps. Shift+drag or middle-drag pans; Ctrl+scroll or pinch "
       "zooms. Keys (click the map first): Space play/pause, Enter one step, R back to the "
       "start, End to the last step, arrows move the start, Shift+arrows pan, +/− zoom, 0 "
       "resets the view."));

  gtk_widget_class_install_action (widget_class, "gd.zoom", "d", zoom_action);
  gtk_widget_class_install_action (widget_class, "gd.reset-view", NULL, reset_view_action);
  gtk_widget_class_install_action (widget_class, "gd.move-start", "(ii)", move_start_action);
  gtk_widget_class_install_action (widget_class, "gd.move-start-y", "(ii)", move_start_action);
  gtk_widget_class_install_action (widget_class, "gd.pan", "(ii)", pan_action);

  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "gd.zoom", "d", 0.8);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK, "gd.zoom", "d",
                                     0.8);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "gd.zoom", "d", 0.8);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Add, 0, "gd.zoom", "d", 0.8);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "gd.zoom", "d", 1.25);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_underscore, GDK_SHIFT_MASK, "gd.zoom",
                                     "d", 1.25);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Subtract, 0, "gd.zoom", "d", 1.25);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0, 0, "gd.reset-view", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_0, 0, "gd.reset-view", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      const char *move = arrows[i].dy != 0 ? "gd.move-start-y" : "gd.move-start";
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, move, "(ii)",
                                         arrows[i].dx, arrows[i].dy);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, move, "(ii)",
                                         arrows[i].dx, arrows[i].dy);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, GDK_SHIFT_MASK, "gd.pan",
                                         "(ii)", arrows[i].dx, arrows[i].dy);
    }
  gtk_widget_class_set_css_name (widget_class, "gddemo");
}

static void
mlr_gd_demo_init (MlrGdDemo *self)
{
}
