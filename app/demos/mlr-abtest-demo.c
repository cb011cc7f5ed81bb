/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-abtest-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-abtest-painter.h"

#define LIFT_STEP 0.001   /* a key press */

struct _MlrAbtestDemo
{
  MlrDemo       parent_instance;

  /* simulating */
  GTask        *task;        /* the simulation in flight, or NULL */
  MlrAbtestJob *task_job;    /* its job (owned by the task's data) */
  gboolean      pending;     /* the state wants a simulation the task is not running */
  guint         sim_count;   /* simulations installed (tests wait on it) */

  /* dragging H₁ */
  gboolean      dragging;
  double        drag_x;
  double        drag_offset; /* lift − the difference under the pointer at the start */
  double        view_xmin, view_xmax;
};

G_DEFINE_FINAL_TYPE (MlrAbtestDemo, mlr_abtest_demo, MLR_TYPE_DEMO)

static MlrAbtestState *
state_of (MlrAbtestDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- words */

/**
 * mlr_abtest_demo_describe_state:
 * The sentence a screen reader speaks: "A converts 5%, B 5.6% (lift +0.60 pp), 10,000 users
 * per arm, α = 0.05, two-sided: power 47.4%; 80% power needs 21,882 users per arm.", and when
 * simulating what the simulated experiments found.
 */
char *
mlr_abtest_demo_describe_state (const MlrAbtestState *state)
{
  g_autofree char *a = mlr_abtest_format_percent (mlr_abtest_state_get_baseline (state));
  g_autofree char *b = mlr_abtest_format_percent (mlr_abtest_state_get_rate_b (state));
  g_autofree char *lift = mlr_abtest_format_points (mlr_abtest_state_get_lift (state), TRUE);
  g_autofree char *n = mlr_abtest_format_count (mlr_abtest_state_get_n (state));
  g_autofree char *power = mlr_abtest_format_percent (mlr_abtest_state_get_power (state));
  double n80 = mlr_abtest_state_get_n_for_80 (state);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, mlr_abtest_state_get_tails (state) == 2
                             ? _("A converts %s, B %s (lift %s), %s users per arm, α = %g, "
                                 "two-sided: power %s")
                             : _("A converts %s, B %s (lift %s), %s users per arm, α = %g, "
                                 "one-sided: power %s"),
                          a, b, lift, n, mlr_abtest_state_get_alpha (state), power);
  if (isfinite (n80))
    {
      g_autofree char *count = mlr_abtest_format_count (n80);
      g_string_append_printf (s, _("; 80%% power needs %s users per arm."), count);
    }
  else
    g_string_append (s, _("; no number of users reaches 80% power."));

  if (mlr_abtest_state_get_mode (state) == MLR_ABTEST_MODE_SIMULATE)
    {
      const MlrAbtestSim *sim = mlr_abtest_state_get_sim (state);
      g_autofree char *runs = mlr_abtest_format_count (mlr_abtest_state_effective_runs (state));
      gboolean aa = mlr_abtest_state_get_lift (state) == 0;

      if (sim == NULL || !mlr_abtest_state_sim_is_current (state))
        g_string_append_printf (s, aa ? _(" Simulating %s A/A tests…")
                                      : _(" Simulating %s A/B tests…"), runs);
      else
        {
          g_autofree char *rate = mlr_abtest_format_percent ((double) sim->positives /
                                                             sim->runs);
          g_autofree char *once = mlr_abtest_format_percent ((double) sim->final_positives /
                                                             sim->runs);
          g_string_append_printf (s, aa ? _(" Of %s simulated A/A tests looked at %u times "
                                            "each, %s were declared significant at some "
                                            "look; with one look at the end, %s.")
                                        : _(" Of %s simulated A/B tests looked at %u times "
                                            "each, %s were declared significant at some "
                                            "look; with one look at the end, %s."),
                                  runs, sim->peeks, rate, once);
        }
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_abtest_demo_describe (MlrDemo *demo)
{
  return mlr_abtest_demo_describe_state (mlr_demo_get_state (demo));
}

/* ---------------------------------------------------------------- simulating */

typedef struct {
  GWeakRef      demo;
  MlrAbtestJob *job;
} SimRequest;

static void
sim_request_free (gpointer data)
{
  SimRequest *req = data;

  g_weak_ref_clear (&req->demo);
  mlr_abtest_job_free (req->job);
  g_free (req);
}

static void
sim_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SimRequest *req = task_data;
  MlrAbtestSim *sim = mlr_abtest_job_run (req->job);

  if (sim == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "superseded");
  else
    g_task_return_pointer (task, sim, g_free);
}

static void launch_sim (MlrAbtestDemo *self);

static void
sim_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  GTask *task = G_TASK (res);
  SimRequest *req = g_task_get_task_data (task);
  g_autoptr(MlrAbtestDemo) self = g_weak_ref_get (&req->demo);
  MlrAbtestSim *sim = g_task_propagate_pointer (task, NULL);

  if (self == NULL || state_of (self) == NULL)
    {
      g_free (sim);
      return;
    }
  if (self->task == task)
    {
      g_clear_object (&self->task);
      self->task_job = NULL;
    }
  if (mlr_abtest_state_take_sim (state_of (self), sim))
    {
      self->sim_count++;
      self->pending = FALSE;
      mlr_demo_changed (MLR_DEMO (self));
    }
  if (self->pending && self->task == NULL)
    launch_sim (self);
  else
    mlr_demo_queue_draw (MLR_DEMO (self));
}

static void
launch_sim (MlrAbtestDemo *self)
{
  SimRequest *req = g_new0 (SimRequest, 1);

  g_weak_ref_init (&req->demo, self);
  req->job = mlr_abtest_state_new_job (state_of (self));
  self->pending = FALSE;
  self->task = g_task_new (NULL, NULL, sim_done_cb, NULL);
  g_task_set_source_tag (self->task, launch_sim);
  g_task_set_task_data (self->task, req, sim_request_free);
  self->task_job = req->job;
  g_task_run_in_thread (self->task, sim_thread);
}

/* Cancels the simulation in flight: it stops within 65,536 users and its answer is dropped. */
static void
cancel_sim (MlrAbtestDemo *self)
{
  if (self->task == NULL)
    return;
  mlr_abtest_job_cancel (self->task_job);
  g_clear_object (&self->task);
  self->task_job = NULL;
}

/* Simulates the state's parameters unless that is done or under way. Newest wins: a
 * simulation of older parameters is cancelled and the new one starts at once. */
static void
request_sim (MlrAbtestDemo *self)
{
  if (!mlr_abtest_state_needs_sim (state_of (self)))
    {
      self->pending = FALSE;
      cancel_sim (self);
      return;
    }
  if (self->task != NULL && mlr_abtest_job_is_for (self->task_job, state_of (self)))
    return;
  cancel_sim (self);
  self->pending = TRUE;
  launch_sim (self);
}

/* TRUE while a simulation runs or waits. */
gboolean
mlr_abtest_demo_is_busy (MlrAbtestDemo *self)
{
  g_return_val_if_fail (MLR_IS_ABTEST_DEMO (self), FALSE);
  return self->task != NULL || self->pending;
}

/* How many simulations have been installed (tests wait for it to move). */
guint
mlr_abtest_demo_get_sim_count (MlrAbtestDemo *self)
{
  g_return_val_if_fail (MLR_IS_ABTEST_DEMO (self), 0);
  return self->sim_count;
}

static void
mlr_abtest_demo_changed (MlrDemo    *demo,
                         const char *key)
{
  request_sim (MLR_ABTEST_DEMO (demo));
}

/* ---------------------------------------------------------------- drawing */

static void
painter_options (MlrAbtestDemo           *self,
                 MlrAbtestPainterOptions *options)
{
  *options = (MlrAbtestPainterOptions) {
    .lock_view = self->dragging,
    .xmin = self->view_xmin,
    .xmax = self->view_xmax,
    .busy = self->task != NULL || self->pending,
    .focused = gtk_widget_has_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)))),
  };
}

static void
mlr_abtest_demo_draw (MlrDemo          *demo,
                      cairo_t          *cr,
                      int               width,
                      int               height,
                      const MlrPalette *palette)
{
  MlrAbtestPainterOptions options;

  painter_options (MLR_ABTEST_DEMO (demo), &options);
  mlr_abtest_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo), &options);
}

/* The panel goes under the plot on narrow canvases, which then need more height. */
static int
mlr_abtest_demo_canvas_height (MlrDemo *demo,
                               int      width)
{
  if (width < 640)
    return CLAMP (width * 13 / 10, 480, 760);
  return CLAMP (width * 62 / 100, 420, 600);
}

/* ---------------------------------------------------------------- setting the lift */

/* Sets the lift to @lift, kept inside the parameter's range (the state keeps B a rate). */
static void
set_lift (MlrAbtestDemo *self,
          double         lift)
{
  double edge = MLR_ABTEST_MAX_RATE - MLR_ABTEST_MIN_RATE;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* to 0.01 of a point: a pixel is never finer, and the number stays readable */
  lift = CLAMP (round (lift * 1e4) / 1e4, -edge, edge);
  g_ascii_formatd (buf, sizeof buf, "%.4f", lift + 0.0);
  mlr_demo_set_param (MLR_DEMO (self), "lift", buf, NULL);
}

static void
current_layout (MlrAbtestDemo   *self,
                MlrAbtestLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrAbtestPainterOptions options;

  painter_options (self, &options);
  mlr_abtest_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                             state_of (self), &options, layout);
}

static gboolean
in_plot (const MlrPlot *plot,
         double         x,
         double         y)
{
  return x >= plot->x0 && x <= plot->x0 + plot->w && y >= plot->y0 && y <= plot->y0 + plot->h;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MlrAbtestDemo  *self)
{
  MlrAbtestLayout layout;
  double dx, dy;

  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
  current_layout (self, &layout);
  if (!in_plot (&layout.plot, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* the axis holds still under the pointer while it drags */
  self->dragging = TRUE;
  self->view_xmin = layout.plot.xmin;
  self->view_xmax = layout.plot.xmax;
  self->drag_x = x;
  mlr_plot_to_data (&layout.plot, x, y, &dx, &dy);
  self->drag_offset = mlr_abtest_state_get_lift (state_of (self)) - dx;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MlrAbtestDemo  *self)
{
  MlrAbtestLayout layout;
  double x, y;

  if (!self->dragging)
    return;
  current_layout (self, &layout);
  mlr_plot_to_data (&layout.plot, self->drag_x + dx, layout.plot.y0, &x, &y);
  set_lift (self, x + self->drag_offset);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MlrAbtestDemo  *self)
{
  self->dragging = FALSE;
  mlr_demo_queue_draw (MLR_DEMO (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MlrAbtestDemo            *self)
{
  MlrAbtestLayout layout;

  if (self->dragging)
    return;
  current_layout (self, &layout);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                   in_plot (&layout.plot, x, y) ? "ew-resize" : NULL);
}

/* ---------------------------------------------------------------- keys */

static void
lift_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrAbtestDemo *self = MLR_ABTEST_DEMO (widget);

  set_lift (self, mlr_abtest_state_get_lift (state_of (self)) +
                  g_variant_get_int32 (parameter) * LIFT_STEP);
}

/* Doubles (+1) or halves (−1) the users per arm, within 2 to 10⁸. */
static void
n_action (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  MlrAbtestDemo *self = MLR_ABTEST_DEMO (widget);
  double n = mlr_abtest_state_get_n (state_of (self));
  g_autofree char *value = NULL;

  n = g_variant_get_int32 (parameter) > 0 ? n * 2 : floor (n / 2);
  value = g_strdup_printf ("%.0f", CLAMP (n, 2, MLR_ABTEST_MAX_N));
  mlr_demo_set_param (MLR_DEMO (self), "n", value, NULL);
}

static void
tails_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mlr_demo_set_param (MLR_DEMO (widget), "tails",
                      g_variant_get_int32 (parameter) == 1 ? "1" : "2", NULL);
}

static void
mode_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrAbtestDemo *self = MLR_ABTEST_DEMO (widget);
  gboolean simulating = mlr_abtest_state_get_mode (state_of (self)) == MLR_ABTEST_MODE_SIMULATE;

  mlr_demo_set_param (MLR_DEMO (self), "mode", simulating ? "power" : "simulate", NULL);
}

/* Another seed: the same experiment design, new simulated users. */
static void
reseed_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrAbtestDemo *self = MLR_ABTEST_DEMO (widget);
  guint seed = mlr_abtest_state_get_seed (state_of (self));
  g_autofree char *value = g_strdup_printf ("%u", seed >= G_MAXINT32 ? 0 : seed + 1);

  mlr_demo_set_param (MLR_DEMO (self), "seed", value, NULL);
}

/* ---------------------------------------------------------------- set-up */

static void
mlr_abtest_demo_setup (MlrDemo *demo)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), demo);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), demo);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), demo);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), demo);
  gtk_widget_add_controller (canvas, motion);
}

static void
mlr_abtest_demo_dispose (GObject *object)
{
  MlrAbtestDemo *self = MLR_ABTEST_DEMO (object);

  /* a simulation still running stops at its next check; its answer finds no demo */
  cancel_sim (self);
  self->pending = FALSE;
  G_OBJECT_CLASS (mlr_abtest_demo_parent_class)->dispose (object);
}

static void
mlr_abtest_demo_class_init (MlrAbtestDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; const char *action; int step; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, "abtest.lift", -1 },
    { GDK_KEY_Right, GDK_KEY_KP_Right, "abtest.lift", 1 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, "abtest.n", 1 },
    { GDK_KEY_Down, GDK_KEY_KP_Down, "abtest.n", -1 },
  };

  object_class->dispose = mlr_abtest_demo_dispose;
  demo_class->describe = mlr_abtest_demo_describe;
  demo_class->setup = mlr_abtest_demo_setup;
  demo_class->changed = mlr_abtest_demo_changed;
  demo_class->draw = mlr_abtest_demo_draw;
  demo_class->canvas_height = mlr_abtest_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Drag the curves sideways to change the lift. Keys (click the picture first): Left and "
       "Right change the lift by 0.1 point; Up doubles the users per arm, Down halves them; "
       "1 or 2 picks a one- or two-sided test; S switches between power and simulation; "
       "N simulates again with a new seed."));

  gtk_widget_class_install_action (widget_class, "abtest.lift", "i", lift_action);
  gtk_widget_class_install_action (widget_class, "abtest.n", "i", n_action);
  gtk_widget_class_install_action (widget_class, "abtest.tails", "i", tails_action);
  gtk_widget_class_install_action (widget_class, "abtest.mode", NULL, mode_action);
  gtk_widget_class_install_action (widget_class, "abtest.reseed", NULL, reseed_action);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, arrows[i].action, "i",
                                         arrows[i].step);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, arrows[i].action, "i",
                                         arrows[i].step);
    }
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_1, 0, "abtest.tails", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_2, 0, "abtest.tails", "i", 2);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_s, 0, "abtest.mode", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_S, GDK_SHIFT_MASK, "abtest.mode",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_n, 0, "abtest.reseed", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_N, GDK_SHIFT_MASK, "abtest.reseed",
                                     NULL);
  gtk_widget_class_set_css_name (widget_class, "abtestdemo");
}

static void
mlr_abtest_demo_init (MlrAbtestDemo *self)
{
}
