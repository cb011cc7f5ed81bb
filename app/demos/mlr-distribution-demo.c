/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-distribution-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-distribution-painter.h"

/* Playing draws slowly at first, one sample at a time, then faster: the rate grows with
 * what is drawn, so 1,000 samples take about six seconds and 100,000 about ten. */
#define START_RATE      6.0      /* samples a second */
#define GROWTH          1.2      /* the rate, as a multiple of the samples drawn */
/* single draws a frame at most (a mean of n costs n), so a frame stays short: a parameter's
 * change draws this many at once and the rest over the next frames */
#define FRAME_DRAWS     30000

struct _MlrDistributionDemo
{
  MlrDemo   parent_instance;

  gboolean  dragging;
  double    drag_x;    /* where the drag began */
  double    debt;      /* samples owed to the animation */
  guint     catch_up_id;
};

G_DEFINE_FINAL_TYPE (MlrDistributionDemo, mlr_distribution_demo, MLR_TYPE_DEMO)

static MlrDistributionState *
state_of (gpointer self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- words */

static char *
num (double v)
{
  return mlr_distribution_format_number (v, 4);
}

/**
 * mlr_distribution_demo_describe_state:
 * The picture in words: "Normal(μ = 0, σ = 1): mean 0, variance 1. At x = 1 the density is
 * 0.242 and P(X ≤ x) = 0.8413. 1,000 of 1,000 samples drawn: their mean is 0.0123 and their
 * variance 0.981."
 */
char *
mlr_distribution_demo_describe_state (const MlrDistributionState *state)
{
  const MlrDistribution *d = mlr_distribution_state_get_distribution (state);
  GString *s = g_string_new (NULL);
  g_autofree char *what = mlr_distribution_describe_params (state);
  double sd = sqrt (mlr_distribution_state_get_variance (state));
  g_autofree char *mean = mlr_distribution_format_near (mlr_distribution_state_get_mean (state),
                                                        sd);
  g_autofree char *var = num (mlr_distribution_state_get_variance (state));
  g_autofree char *x =
    mlr_distribution_format_near (mlr_distribution_state_get_x (state),
                                  mlr_distribution_state_x_step (state) / 50);
  g_autofree char *f = num (mlr_distribution_state_get_pdf (state));
  g_autofree char *F = mlr_distribution_format_probability (mlr_distribution_state_get_cdf (state));
  g_autofree char *drawn = mlr_distribution_format_count (mlr_distribution_state_get_drawn (state));
  g_autofree char *total =
    mlr_distribution_format_count (mlr_distribution_state_get_samples (state));
  double m, v;

  g_string_append_printf (s, _("%s: mean %s, variance %s. "), what, mean, var);
  if (mlr_distribution_is_discrete (d))
    g_string_append_printf (s, _("At x = %s, P(X = x) = %s and P(X ≤ x) = %s."), x, f, F);
  else
    g_string_append_printf (s, _("At x = %s the density is %s and P(X ≤ x) = %s."), x, f, F);
  if (mlr_distribution_state_get_mode (state) == MLR_DISTRIBUTION_MODE_CLT)
    {
      guint n = mlr_distribution_state_get_n (state);
      g_autofree char *se = num (mlr_distribution_state_get_clt_sd (state));

      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                              " %s of %s means of %u draw each.",
                                              " %s of %s means of %u draws each.", n),
                              drawn, total, n);
      if (mlr_distribution_state_get_means_stats (state, &m, &v))
        {
          g_autofree char *a = num (m);
          g_autofree char *b = num (v);
          g_string_append_printf (s, _(" Their mean is %s and their standard deviation %s; "
                                       "the central limit theorem predicts σ/√n = %s."),
                                  a, b, se);
        }
    }
  else
    {
      g_string_append_printf (s, _(" %s of %s samples drawn."), drawn, total);
      if (mlr_distribution_state_get_sample_stats (state, &m, &v))
        {
          g_autofree char *a = num (m);
          g_autofree char *b = num (v);
          g_string_append_printf (s, _(" Their mean is %s and their variance %s."), a, b);
        }
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_distribution_demo_describe (MlrDemo *demo)
{
  return mlr_distribution_demo_describe_state (state_of (demo));
}

static char *
mlr_distribution_demo_get_label (MlrDemo *demo)
{
  g_autofree char *what = mlr_distribution_describe_params (state_of (demo));

  return g_strdup_printf (_("Distribution %s"), what);
}

/* ---------------------------------------------------------------- the draws */

static gboolean
mlr_distribution_demo_advance (MlrDemo *demo,
                               double   seconds)
{
  MlrDistributionDemo *self = MLR_DISTRIBUTION_DEMO (demo);
  MlrDistributionState *state = state_of (self);
  guint drawn = mlr_distribution_state_get_drawn (state);
  guint per = mlr_distribution_state_get_mode (state) == MLR_DISTRIBUTION_MODE_CLT
              ? mlr_distribution_state_get_n (state) : 1;
  double rate = MAX (START_RATE, GROWTH * drawn);
  double k;

  self->debt += seconds * rate;
  k = MIN (floor (self->debt), MAX (1, FRAME_DRAWS / per));
  if (k >= 1)
    {
      self->debt -= k;
      mlr_distribution_state_draw (state, (guint) k);
    }
  return !mlr_distribution_state_is_finished (state);
}

static gboolean
mlr_distribution_demo_step (MlrDemo *demo)
{
  return mlr_distribution_state_step (state_of (demo));
}

static void
mlr_distribution_demo_rewind (MlrDemo *demo)
{
  /* the first frame of play draws at once: pressing Play does something */
  MLR_DISTRIBUTION_DEMO (demo)->debt = 1;
  mlr_distribution_state_rewind (state_of (demo));
}

/* To the end: over a few frames when there are many (catch_up_tick_cb). */
static void
mlr_distribution_demo_finish (MlrDemo *demo)
{
  mlr_distribution_state_finish_later (state_of (demo));
  mlr_distribution_state_catch_up (state_of (demo), FRAME_DRAWS);
}

static gboolean
mlr_distribution_demo_is_finished (MlrDemo *demo)
{
  return mlr_distribution_state_is_finished (state_of (demo));
}

/* ---------------------------------------------------------------- x on the canvas */

static void
mlr_distribution_demo_draw (MlrDemo          *demo,
                            cairo_t          *cr,
                            int               width,
                            int               height,
                            const MlrPalette *palette)
{
  MlrDistributionDemo *self = MLR_DISTRIBUTION_DEMO (demo);
  MlrDistributionPainterOptions options = {
    .focused = gtk_widget_has_focus (GTK_WIDGET (mlr_demo_get_canvas (demo))),
    .dragging = self->dragging,
  };

  mlr_distribution_painter_draw (cr, width, height, palette, state_of (self), &options,
                                 mlr_demo_get_paint_cache (demo));
}

static void
current_layout (MlrDistributionDemo   *self,
                MlrDistributionLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_distribution_painter_layout (gtk_widget_get_width (canvas),
                                   gtk_widget_get_height (canvas),
                                   mlr_demo_get_palette (MLR_DEMO (self)), state_of (self),
                                   layout);
}

static void
set_x (MlrDistributionDemo *self,
       double               x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x))
    return;
  g_ascii_formatd (buf, sizeof buf, "%.17g", x);
  mlr_demo_set_param (MLR_DEMO (self), "x", buf, NULL);
}

/* x under the pointer: a whole number for the discrete kinds, else a multiple of a fifth of
 * the arrow keys' step, so the numbers read cleanly. */
static void
set_x_at (MlrDistributionDemo *self,
          const MlrPlot       *plot,
          double               px)
{
  MlrDistributionState *state = state_of (self);
  double x, y, q;

  mlr_plot_to_data (plot, CLAMP (px, plot->x0, plot->x0 + plot->w), plot->y0, &x, &y);
  q = mlr_distribution_is_discrete (mlr_distribution_state_get_distribution (state))
      ? 1 : mlr_distribution_state_x_step (state) / 5;
  set_x (self, round (x / q) * q);
}

static gboolean
in_plot (const MlrPlot *plot,
         double         x,
         double         y)
{
  return x >= plot->x0 - 8 && x <= plot->x0 + plot->w + 8 && y >= plot->y0 &&
         y <= plot->y0 + plot->h + 8;
}

static void
drag_begin_cb (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               MlrDistributionDemo *self)
{
  MlrDistributionLayout layout;
  const MlrPlot *plot;

  current_layout (self, &layout);
  plot = mlr_distribution_painter_x_plot (&layout);
  if (!in_plot (plot, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragging = TRUE;
  self->drag_x = x;
  set_x_at (self, plot, x);
}

static void
drag_update_cb (GtkGestureDrag      *gesture,
                double               dx,
                double               dy,
                MlrDistributionDemo *self)
{
  MlrDistributionLayout layout;

  if (!self->dragging)
    return;
  current_layout (self, &layout);
  set_x_at (self, mlr_distribution_painter_x_plot (&layout), self->drag_x + dx);
}

static void
drag_end_cb (GtkGestureDrag      *gesture,
             double               dx,
             double               dy,
             MlrDistributionDemo *self)
{
  self->dragging = FALSE;
  mlr_demo_queue_draw (MLR_DEMO (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MlrDistributionDemo      *self)
{
  MlrDistributionLayout layout;

  current_layout (self, &layout);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                   in_plot (mlr_distribution_painter_x_plot (&layout), x, y)
                                   ? "col-resize" : NULL);
}

/* ←/→ move x by a step (Shift: ten), landing on a multiple of it. */
static void
move_x_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrDistributionDemo *self = MLR_DISTRIBUTION_DEMO (widget);
  MlrDistributionState *state = state_of (self);
  double step = mlr_distribution_state_x_step (state);
  double x = mlr_distribution_state_get_x (state);
  int steps = g_variant_get_int32 (parameter);

  set_x (self, (round (x / step) + steps) * step);
}

/* ---------------------------------------------------------------- construction */

static void
mlr_distribution_demo_setup (MlrDemo *demo)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkGesture *gesture = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  mlr_distribution_state_set_apply_budget (state_of (demo), FRAME_DRAWS);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), demo);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), demo);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), demo);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), demo);
  gtk_widget_add_controller (canvas, motion);
}

/* Draws what a change left owed, a frame's worth at a time. */
static gboolean
catch_up_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  MlrDistributionDemo *self = MLR_DISTRIBUTION_DEMO (widget);
  gboolean settled = mlr_distribution_state_catch_up (state_of (self), FRAME_DRAWS);

  if (settled)
    self->catch_up_id = 0;
  mlr_demo_changed (MLR_DEMO (self));
  return settled ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
mlr_distribution_demo_changed (MlrDemo    *demo,
                               const char *key)
{
  MlrDistributionDemo *self = MLR_DISTRIBUTION_DEMO (demo);

  /* the canvas is taller in mode clt (two plots) */
  if (g_strcmp0 (key, "mode") == 0)
    gtk_widget_queue_resize (GTK_WIDGET (demo));
  if (!mlr_distribution_state_is_settled (state_of (self)) && self->catch_up_id == 0)
    self->catch_up_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), catch_up_tick_cb,
                                                      NULL, NULL);
}

/* Room for the lines of numbers and the plot; in mode clt, for two plots. */
static int
mlr_distribution_demo_canvas_height (MlrDemo *demo,
                                     int      width)
{
  if (mlr_distribution_state_get_mode (state_of (demo)) == MLR_DISTRIBUTION_MODE_CLT)
    return CLAMP ((int) round (width * 0.78), 480, 720);
  return CLAMP ((int) round (width * 0.62), 400, 600);
}

static void
mlr_distribution_demo_dispose (GObject *object)
{
  MlrDistributionDemo *self = MLR_DISTRIBUTION_DEMO (object);

  if (self->catch_up_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->catch_up_id);
      self->catch_up_id = 0;
    }
  G_OBJECT_CLASS (mlr_distribution_demo_parent_class)->dispose (object);
}

static void
mlr_distribution_demo_class_init (MlrDistributionDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; GdkModifierType mods; int steps; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, 0, -1 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 0, 1 },
    { GDK_KEY_Left, GDK_KEY_KP_Left, GDK_SHIFT_MASK, -10 },
    { GDK_KEY_Right, GDK_KEY_KP_Right, GDK_SHIFT_MASK, 10 },
  };

  G_OBJECT_CLASS (klass)->dispose = mlr_distribution_demo_dispose;
  demo_class->describe = mlr_distribution_demo_describe;
  demo_class->get_label = mlr_distribution_demo_get_label;
  demo_class->setup = mlr_distribution_demo_setup;
  demo_class->draw = mlr_distribution_demo_draw;
  demo_class->changed = mlr_distribution_demo_changed;
  demo_class->canvas_height = mlr_distribution_demo_canvas_height;
  demo_class->advance = mlr_distribution_demo_advance;
  demo_class->step = mlr_distribution_demo_step;
  demo_class->rewind = mlr_distribution_demo_rewind;
  demo_class->finish = mlr_distribution_demo_finish;
  demo_class->is_finished = mlr_distribution_demo_is_finished;
  mlr_demo_class_set_transport_tips (demo_class, N_("Clear the samples (R)"),
                                     N_("Play: draw the samples, one at a time and then "
                                        "faster (Space)"),
                                     N_("Draw the same samples again from the start (Space)"),
                                     N_("Draw one sample — in CLT mode, one mean (Enter)"));
  mlr_demo_class_set_keys_help (demo_class,
    N_("Drag on the picture (in CLT mode, on the distribution at the top) to move x. Keys "
       "(click the picture first): ← and → move x, Shift+← and Shift+→ ten times as far; "
       "Space draws the samples again, Enter draws one, R clears them, End draws them "
       "all."));
  gtk_widget_class_install_action (widget_class, "distribution.move-x", "i", move_x_action);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, arrows[i].mods,
                                         "distribution.move-x", "i", arrows[i].steps);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, arrows[i].mods,
                                         "distribution.move-x", "i", arrows[i].steps);
    }
  gtk_widget_class_set_css_name (widget_class, "distributiondemo");
}

static void
mlr_distribution_demo_init (MlrDistributionDemo *self)
{
}
