/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-serving-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-serving-painter.h"

/* Play shows the traced window in this many seconds, whatever its length in simulated time. */
#define PLAY_SECONDS 12.0

typedef enum {
  DRAG_NONE,
  DRAG_LOAD,      /* on the p99 chart: the rate */
  DRAG_PLAYHEAD,  /* on the timeline */
} DragTarget;

struct _MlrServingDemo
{
  MlrDemo    parent_instance;

  DragTarget drag;
  double     drag_x, drag_y;
  gboolean   sweep_running;   /* a sweep is being computed on a worker thread */
  gboolean   run_running;     /* a large run is being computed on a worker thread */
};

G_DEFINE_FINAL_TYPE (MlrServingDemo, mlr_serving_demo, MLR_TYPE_DEMO)

static MlrServingState *
state_of (MlrServingDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/**
 * mlr_serving_demo_describe_state:
 * The picture in words: "Latency p50 13.0 ms, p95 65.9 ms, p99 99.1 ms, mean 25.0 ms.
 * Throughput 405 requests a second, the replicas busy 83% of the time, 0 of 20000 rejected,
 * 4.79 requests a batch. Offered load 0.65 of the capacity; p99 climbs steeply as the load
 * nears 1. At 120 ms of the first 240 arrivals, 3 requests wait."
 */
char *
mlr_serving_demo_describe_state (const MlrServingState *state)
{
  const MlrServingSummary *s = mlr_serving_state_get_summary (state);
  const MlrServingConfig *c = mlr_serving_state_get_config (state);
  const MlrServingTrace *trace = mlr_serving_state_get_trace (state);
  double t = mlr_serving_state_get_cursor (state);
  g_autofree char *p50 = mlr_serving_format_ms (s->p50_ms);
  g_autofree char *p95 = mlr_serving_format_ms (s->p95_ms);
  g_autofree char *p99 = mlr_serving_format_ms (s->p99_ms);
  g_autofree char *mean = mlr_serving_format_ms (s->mean_ms);
  g_autofree char *at = mlr_serving_format_ms (t);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Latency p50 %s, p95 %s, p99 %s, mean %s. "), p50, p95, p99,
                          mean);
  g_string_append_printf (out, _("Throughput %.0f requests a second, the replicas busy %.0f%% "
                                 "of the time, %u of %u rejected, %.2f requests a batch. "),
                          s->throughput, 100 * s->utilization, s->rejected, c->requests,
                          s->mean_batch);
  g_string_append_printf (out, _("Offered load %.2f of the capacity of %.0f requests a "
                                 "second; p99 climbs steeply as the load nears 1. "),
                          mlr_serving_state_get_load (state),
                          mlr_serving_state_get_capacity (state));
  g_string_append_printf (out, ngettext ("At %s of the first %u arrivals, %u request waits.",
                                         "At %s of the first %u arrivals, %u requests wait.",
                                         mlr_serving_state_queue_at (state, t)),
                          at, trace->arrivals, mlr_serving_state_queue_at (state, t));
  return g_string_free (out, FALSE);
}

static char *
mlr_serving_demo_describe (MlrDemo *demo)
{
  return mlr_serving_demo_describe_state (mlr_demo_get_state (demo));
}

/* ---------------------------------------------------------------- the sweep and large runs, off the UI thread */

typedef struct {
  MlrServingConfig config;
  double           p99[MLR_SERVING_SWEEP_POINTS];
} SweepJob;

static void
sweep_work (gpointer data)
{
  SweepJob *job = data;

  mlr_serving_sweep_compute (&job->config, job->p99);
}

static void launch_sweep (MlrServingDemo *self);

/* Installs the sweep if the parameters are still those it was made for; if they changed
 * meanwhile, computes again for the newest (one job at a time, so a slider dragged across
 * its range costs one sweep at a time, not one a frame). */
static void
sweep_done (MlrDemo  *demo,
            gpointer  data)
{
  MlrServingDemo *self = MLR_SERVING_DEMO (demo);
  SweepJob *job = data;

  self->sweep_running = FALSE;
  if (mlr_serving_state_install_sweep (state_of (self), &job->config, job->p99))
    mlr_demo_queue_draw (demo);
  else
    launch_sweep (self);
}

static void
launch_sweep (MlrServingDemo *self)
{
  SweepJob *job;

  if (self->sweep_running || !mlr_serving_state_sweep_is_stale (state_of (self)))
    return;
  job = g_new0 (SweepJob, 1);
  job->config = *mlr_serving_state_get_wanted_config (state_of (self));
  self->sweep_running = TRUE;
  mlr_demo_run_in_thread (MLR_DEMO (self), job, g_free, sweep_work, sweep_done);
}

typedef struct {
  MlrServingConfig config;
  MlrServingRun   *run;
} RunJob;

static void
run_job_free (gpointer data)
{
  RunJob *job = data;

  mlr_serving_run_free (job->run);
  g_free (job);
}

static void
run_work (gpointer data)
{
  RunJob *job = data;

  job->run = mlr_serving_run_compute (&job->config);
}

static void launch_run (MlrServingDemo *self);

/* Shows the run if the parameters are still those it was made for (the description, the
 * metrics and the controls follow); if they changed meanwhile, runs again for the newest:
 * one run at a time, so a rate dragged across the chart costs one run at a time. */
static void
run_done (MlrDemo  *demo,
          gpointer  data)
{
  MlrServingDemo *self = MLR_SERVING_DEMO (demo);
  RunJob *job = data;

  self->run_running = FALSE;
  if (job->run != NULL && mlr_serving_state_install_run (state_of (self), job->run))
    mlr_demo_changed (demo);
  else
    launch_run (self);
}

static void
launch_run (MlrServingDemo *self)
{
  RunJob *job;

  if (self->run_running || !mlr_serving_state_run_is_stale (state_of (self)))
    return;
  job = g_new0 (RunJob, 1);
  job->config = *mlr_serving_state_get_wanted_config (state_of (self));
  self->run_running = TRUE;
  mlr_demo_run_in_thread (MLR_DEMO (self), job, run_job_free, run_work, run_done);
}

static void
mlr_serving_demo_changed (MlrDemo    *demo,
                          const char *key)
{
  launch_run (MLR_SERVING_DEMO (demo));
  launch_sweep (MLR_SERVING_DEMO (demo));
}

/* ---------------------------------------------------------------- the rate and the replicas */

static void
set_rate (MlrServingDemo *self,
          double          rate)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  rate = CLAMP (mlr_param_round_significant (rate, 3), 0.01, 1e6);
  g_ascii_formatd (buf, sizeof buf, "%.6g", rate);
  mlr_demo_set_param (MLR_DEMO (self), "rate", buf, NULL);
}

/* Left/Right: the rate down or up by 10%. */
static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrServingDemo *self = MLR_SERVING_DEMO (widget);
  double rate = mlr_serving_state_get_wanted_config (state_of (self))->rate;

  set_rate (self, g_variant_get_int32 (parameter) > 0 ? rate * 1.1 : rate / 1.1);
}

/* +/−: one replica more or fewer. */
static void
replicas_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MlrServingDemo *self = MLR_SERVING_DEMO (widget);
  int replicas = (int) mlr_serving_state_get_wanted_config (state_of (self))->replicas +
                 g_variant_get_int32 (parameter);
  g_autofree char *value = g_strdup_printf ("%d", CLAMP (replicas, 1, MLR_SERVING_MAX_REPLICAS));

  mlr_demo_set_param (MLR_DEMO (self), "replicas", value, NULL);
}

/* , and .: the playhead back or on by a fiftieth of the window. */
static void
playhead_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MlrServingDemo *self = MLR_SERVING_DEMO (widget);
  MlrServingState *state = state_of (self);
  double end = mlr_serving_state_get_trace (state)->end_ms;

  mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  mlr_serving_state_set_cursor (state, mlr_serving_state_get_cursor (state) +
                                g_variant_get_int32 (parameter) * end / 50);
  mlr_demo_changed (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- playing the window */

static gboolean
mlr_serving_demo_advance (MlrDemo *demo,
                          double   seconds)
{
  MlrServingState *state = mlr_demo_get_state (demo);
  double end = mlr_serving_state_get_trace (state)->end_ms;

  mlr_serving_state_set_cursor (state, mlr_serving_state_get_cursor (state) +
                                seconds * end / PLAY_SECONDS);
  return mlr_serving_state_get_cursor (state) < end;
}

/* One step: to the next change of the queue. */
static gboolean
mlr_serving_demo_step (MlrDemo *demo)
{
  MlrServingState *state = mlr_demo_get_state (demo);
  const MlrServingTrace *trace = mlr_serving_state_get_trace (state);
  double t = mlr_serving_state_get_cursor (state);

  for (guint i = 0; i < trace->steps->len; i++)
    {
      double s = g_array_index (trace->steps, MlrServingStep, i).time_ms;
      if (s > t)
        {
          mlr_serving_state_set_cursor (state, s);
          return TRUE;
        }
    }
  mlr_serving_state_set_cursor (state, trace->end_ms);
  return FALSE;
}

static void
mlr_serving_demo_rewind (MlrDemo *demo)
{
  mlr_serving_state_set_cursor (mlr_demo_get_state (demo), 0);
}

static void
mlr_serving_demo_finish (MlrDemo *demo)
{
  MlrServingState *state = mlr_demo_get_state (demo);

  mlr_serving_state_set_cursor (state, mlr_serving_state_get_trace (state)->end_ms);
}

static gboolean
mlr_serving_demo_is_finished (MlrDemo *demo)
{
  MlrServingState *state = mlr_demo_get_state (demo);

  return mlr_serving_state_get_cursor (state) >= mlr_serving_state_get_trace (state)->end_ms;
}

/* ---------------------------------------------------------------- the pointer */

static void
current_layout (MlrServingDemo   *self,
                MlrServingLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_serving_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                              state_of (self), layout);
}

static void
drag_to (MlrServingDemo *self,
         double          x,
         double          y)
{
  MlrServingLayout layout;
  double value;

  current_layout (self, &layout);
  if (self->drag == DRAG_LOAD)
    {
      /* the chart's axes do not depend on the rate, so the point stays under the pointer */
      layout.sweep.y0 = y = MIN (MAX (y, layout.sweep.y0), layout.sweep.y0 + layout.sweep.h);
      x = CLAMP (x, layout.sweep.x0, layout.sweep.x0 + layout.sweep.w);
      if (mlr_serving_painter_sweep_hit (&layout, x, y, &value))
        set_rate (self, value * mlr_serving_capacity (
                          mlr_serving_state_get_wanted_config (state_of (self))));
    }
  else if (self->drag == DRAG_PLAYHEAD)
    {
      x = CLAMP (x, layout.timeline.x0, layout.timeline.x0 + layout.timeline.w);
      y = layout.timeline.y0;
      if (mlr_serving_painter_timeline_hit (&layout, x, y, &value))
        {
          mlr_demo_set_playing (MLR_DEMO (self), FALSE);
          mlr_serving_state_set_cursor (state_of (self), value);
          mlr_demo_changed (MLR_DEMO (self));
        }
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MlrServingDemo *self)
{
  MlrServingLayout layout;
  double value;

  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
  current_layout (self, &layout);
  if (mlr_serving_painter_sweep_hit (&layout, x, y, &value))
    self->drag = DRAG_LOAD;
  else if (mlr_serving_painter_timeline_hit (&layout, x, y, &value))
    self->drag = DRAG_PLAYHEAD;
  else
    {
      self->drag = DRAG_NONE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_x = x;
  self->drag_y = y;
  drag_to (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MlrServingDemo *self)
{
  drag_to (self, self->drag_x + dx, self->drag_y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MlrServingDemo *self)
{
  self->drag = DRAG_NONE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MlrServingDemo           *self)
{
  MlrServingLayout layout;
  double value;

  if (self->drag != DRAG_NONE)
    return;
  current_layout (self, &layout);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                   mlr_serving_painter_sweep_hit (&layout, x, y, &value) ||
                                   mlr_serving_painter_timeline_hit (&layout, x, y, &value)
                                   ? "ew-resize" : NULL);
}

static void
mlr_serving_demo_setup (MlrDemo *demo)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  /* runs of more than MLR_SERVING_SYNC_REQUESTS are made on a worker thread (launch_run) */
  mlr_serving_state_set_deferred (mlr_demo_get_state (demo), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), demo);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), demo);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), demo);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), demo);
  gtk_widget_add_controller (canvas, motion);
}

/* Four panels side by side in pairs; one under another on a narrow canvas. */
static int
mlr_serving_demo_canvas_height (MlrDemo *demo,
                                int      width)
{
  if (width < 560)
    return CLAMP (width * 2, 880, 1100);
  return CLAMP (width * 3 / 4, 480, 680);
}

static void
mlr_serving_demo_class_init (MlrServingDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key; const char *action; int step; } keys[] = {
    { GDK_KEY_Left, "serving.rate", -1 }, { GDK_KEY_KP_Left, "serving.rate", -1 },
    { GDK_KEY_Right, "serving.rate", 1 }, { GDK_KEY_KP_Right, "serving.rate", 1 },
    { GDK_KEY_plus, "serving.replicas", 1 }, { GDK_KEY_equal, "serving.replicas", 1 },
    { GDK_KEY_KP_Add, "serving.replicas", 1 }, { GDK_KEY_minus, "serving.replicas", -1 },
    { GDK_KEY_KP_Subtract, "serving.replicas", -1 },
    { GDK_KEY_comma, "serving.playhead", -1 }, { GDK_KEY_period, "serving.playhead", 1 },
  };

  demo_class->describe = mlr_serving_demo_describe;
  demo_class->setup = mlr_serving_demo_setup;
  demo_class->changed = mlr_serving_demo_changed;
  demo_class->canvas_height = mlr_serving_demo_canvas_height;
  demo_class->advance = mlr_serving_demo_advance;
  demo_class->step = mlr_serving_demo_step;
  demo_class->rewind = mlr_serving_demo_rewind;
  demo_class->finish = mlr_serving_demo_finish;
  demo_class->is_finished = mlr_serving_demo_is_finished;
  mlr_demo_class_set_transport_tips (demo_class,
                                     N_("Back to the first arrival (R)"),
                                     N_("Play: watch the queue of the first arrivals (Space)"),
                                     N_("Play the first arrivals again (Space)"),
                                     N_("On to the next arrival or batch (Enter)"));
  mlr_demo_class_set_keys_help (demo_class,
    N_("Drag on the p99 chart to set the rate as a share of the capacity; drag on the queue's "
       "timeline to move the playhead. Keys (click the picture first): Left and Right change "
       "the rate by 10%; + and − add or remove a replica; comma and period move the playhead; "
       "Space plays the first arrivals, Enter steps to the next event, R goes back to the "
       "start, End to the end of the window."));

  gtk_widget_class_install_action (widget_class, "serving.rate", "i", rate_action);
  gtk_widget_class_install_action (widget_class, "serving.replicas", "i", replicas_action);
  gtk_widget_class_install_action (widget_class, "serving.playhead", "i", playhead_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    mlr_demo_class_add_canvas_binding (demo_class, keys[i].key, 0, keys[i].action, "i",
                                       keys[i].step);
  gtk_widget_class_set_css_name (widget_class, "servingdemo");
}

static void
mlr_serving_demo_init (MlrServingDemo *self)
{
  self->drag = DRAG_NONE;
}
