/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-drift-demo.h"

#include <glib/gi18n.h>

#include "painters/mlr-drift-painter.h"

#define SHIFT_STEP 0.25

struct _MlrDriftDemo
{
  MlrDemo parent_instance;

  /* a drag on the histograms moves the mean shift, in the feature's units */
  gboolean dragging;
  double   drag_start;     /* mean_shift when the drag began */
  double   units_per_px;   /* of the feature when the drag began */
};

G_DEFINE_FINAL_TYPE (MlrDriftDemo, mlr_drift_demo, MLR_TYPE_DEMO)

/**
 * mlr_drift_demo_describe_state:
 * The picture in words: "Week 12 against the reference: PSI 0.52, KS statistic 0.41,
 * accuracy 95.0%. Alarms from week 6 on. The model's threshold is 0.02; the true boundary
 * is at 0.00."
 */
char *
mlr_drift_demo_describe_state (const MlrDriftState *state)
{
  guint weeks = mlr_drift_state_get_weeks (state);
  guint retrain = mlr_drift_state_get_retrain (state);
  guint first = mlr_drift_state_first_alarm (state);
  const MlrDriftWeek *last = mlr_drift_state_get_week (state, weeks);
  g_autofree char *acc = mlr_drift_format_percent (last->accuracy);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Week %u against the reference: PSI %.3f, KS statistic %.3f, "
                               "accuracy %s."), weeks, last->psi, last->ks_statistic, acc);
  if (retrain > 0)
    g_string_append_printf (s, _(" The model was retrained on week %u."), retrain);
  if (first > 0)
    g_string_append_printf (s, _(" The first alarm is in week %u."), first);
  else
    g_string_append (s, _(" No alarm."));
  g_string_append_printf (s, _(" The model predicts 1 when x is above %.2f; the true boundary "
                               "is at %.2f."), last->threshold, last->boundary);
  return g_string_free (s, FALSE);
}

static char *
mlr_drift_demo_describe (MlrDemo *demo)
{
  return mlr_drift_demo_describe_state (mlr_demo_get_state (demo));
}

static void
mlr_drift_demo_draw (MlrDemo          *demo,
                     cairo_t          *cr,
                     int               width,
                     int               height,
                     const MlrPalette *palette)
{
  mlr_drift_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo));
}

/* Steps a shift (mean_shift or concept_shift) by @parameter × SHIFT_STEP, within ±3. */
static void
shift (MlrDemo    *demo,
       const char *key,
       int         direction)
{
  double v = mlr_params_get_double (mlr_demo_get_params (demo), key);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  v = CLAMP (round ((v + direction * SHIFT_STEP) / SHIFT_STEP) * SHIFT_STEP, -3, 3);
  g_ascii_formatd (buf, sizeof buf, "%.2f", v);
  mlr_demo_set_param (demo, key, buf, NULL);
}

static void
drag_begin_cb (GtkGestureDrag *drag,
               double          x,
               double          y,
               MlrDriftDemo   *self)
{
  MlrDemo *demo = MLR_DEMO (self);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  MlrPlot plot;

  self->dragging = mlr_drift_painter_hist_plot (gtk_widget_get_width (canvas),
                                                gtk_widget_get_height (canvas),
                                                mlr_demo_get_state (demo), &plot) &&
                   x >= plot.x0 && x <= plot.x0 + plot.w && y >= plot.y0 &&
                   y <= plot.y0 + plot.h;
  if (!self->dragging)
    return;
  self->drag_start = mlr_params_get_double (mlr_demo_get_params (demo), "mean_shift");
  self->units_per_px = (plot.xmax - plot.xmin) / plot.w;
  gtk_widget_grab_focus (canvas);
}

/* Dragging right moves the last week's x to the right: the mean shift follows the pointer,
 * rounded to 0.05, within ±3. */
static void
drag_update_cb (GtkGestureDrag *drag,
                double          dx,
                double          dy,
                MlrDriftDemo   *self)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  if (!self->dragging)
    return;
  v = CLAMP (round ((self->drag_start + dx * self->units_per_px) / 0.05) * 0.05, -3, 3);
  g_ascii_formatd (buf, sizeof buf, "%.2f", v);
  mlr_demo_set_param (MLR_DEMO (self), "mean_shift", buf, NULL);
}

static void
mlr_drift_demo_setup (MlrDemo *demo)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), demo);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), demo);
  gtk_widget_add_controller (GTK_WIDGET (mlr_demo_get_canvas (demo)),
                             GTK_EVENT_CONTROLLER (drag));
}

static void
mean_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  shift (MLR_DEMO (widget), "mean_shift", g_variant_get_int32 (parameter));
}

static void
concept_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  shift (MLR_DEMO (widget), "concept_shift", g_variant_get_int32 (parameter));
}

/* Retrain at the first week with an alarm after the current model's; say so when none. */
static void
retrain_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);
  guint first = mlr_drift_state_first_alarm (mlr_demo_get_state (demo));
  g_autofree char *value = NULL;

  if (first == 0)
    {
      mlr_demo_toast (demo, _("No alarm to answer: nothing to retrain for"));
      return;
    }
  value = g_strdup_printf ("%u", first);
  mlr_demo_set_param (demo, "retrain", value, NULL);
}

static void
undo_retrain_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mlr_demo_set_param (MLR_DEMO (widget), "retrain", "0", NULL);
}

static int
mlr_drift_demo_canvas_height (MlrDemo *demo,
                              int      width)
{
  if (width < 640)
    return CLAMP (width * 2, 640, 900);
  return CLAMP (width * 9 / 16, 400, 620);
}

static void
mlr_drift_demo_class_init (MlrDriftDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_drift_demo_describe;
  demo_class->draw = mlr_drift_demo_draw;
  demo_class->canvas_height = mlr_drift_demo_canvas_height;
  demo_class->setup = mlr_drift_demo_setup;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Drag the histograms sideways to move the mean shift. Keys (click the picture first): "
       "Left and Right move the mean shift, Up and Down the concept shift; r retrains at the "
       "first alarm, 0 undoes the retraining."));
  gtk_widget_class_install_action (widget_class, "drift.mean", "i", mean_action);
  gtk_widget_class_install_action (widget_class, "drift.concept", "i", concept_action);
  gtk_widget_class_install_action (widget_class, "drift.retrain", NULL, retrain_action);
  gtk_widget_class_install_action (widget_class, "drift.undo-retrain", NULL,
                                   undo_retrain_action);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Left, 0, "drift.mean", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Right, 0, "drift.mean", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Down, 0, "drift.concept", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Up, 0, "drift.concept", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_r, 0, "drift.retrain", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0, 0, "drift.undo-retrain", NULL);
  gtk_widget_class_set_css_name (widget_class, "driftdemo");
}

static void
mlr_drift_demo_init (MlrDriftDemo *self)
{
}
