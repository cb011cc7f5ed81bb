/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-threshold-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-file.h"
#include "painters/mlr-threshold-painter.h"

struct _MlrThresholdDemo
{
  MlrDemo          parent_instance;

  MlrThresholdPick drag;   /* what the pointer drags, or NONE */
  double           drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (MlrThresholdDemo, mlr_threshold_demo, MLR_TYPE_DEMO)

static MlrThresholdState *
state_of (MlrThresholdDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- words */

static char *
percent (double share)
{
  return g_strdup_printf ("%.0f%%", 100 * share);
}

/**
 * mlr_threshold_demo_describe_state:
 * The picture in words: "Threshold 0.500 on 1,000 scores, 300 of them positive: it catches
 * 251 positives and misses 49, with 107 false alarms. Precision 70%, recall 84%, false
 * positive rate 15%. ROC AUC 0.915, average precision 0.840. The cheapest threshold for these
 * costs is 0.590. Expected calibration error 0.136."
 */
char *
mlr_threshold_demo_describe_state (const MlrThresholdState *state)
{
  const MlrScores *s = mlr_threshold_state_get_scores (state);
  g_autofree char *t = mlr_threshold_format_threshold (mlr_threshold_state_get_threshold (state));
  g_autofree char *n = mlr_threshold_format_count (mlr_scores_get_n (s));
  g_autofree char *pos = mlr_threshold_format_count (mlr_scores_get_n_positive (s));
  g_autofree char *best = mlr_threshold_format_threshold (mlr_threshold_state_get_optimal (state,
                                                                                        NULL));
  g_autofree char *precision = NULL, *recall = NULL, *fpr = NULL;
  GString *out = g_string_new (NULL);
  MlrConfusion cm;

  mlr_threshold_state_get_confusion (state, &cm);
  precision = percent (mlr_confusion_precision (&cm));
  recall = percent (mlr_confusion_recall (&cm));
  fpr = percent (mlr_confusion_fpr (&cm));
  g_string_append_printf (out, mlr_threshold_state_get_calibrate (state)
                          ? _("Threshold %s on %s recalibrated scores, %s of them positive: ")
                          : _("Threshold %s on %s scores, %s of them positive: "), t, n, pos);
  g_string_append_printf (out, _("it catches %u positives and misses %u, with %u false alarms. "),
                          cm.tp, cm.fn, cm.fp);
  if (cm.tp + cm.fp == 0)
    g_string_append_printf (out, _("Nothing is called positive, so precision is 0 by "
                                   "convention; recall %s, false positive rate %s. "),
                            recall, fpr);
  else
    g_string_append_printf (out, _("Precision %s, recall %s, false positive rate %s. "),
                            precision, recall, fpr);
  g_string_append_printf (out, _("ROC AUC %.3f, average precision %.3f. The cheapest threshold "
                                 "for these costs is %s. Expected calibration error %.3f."),
                          mlr_threshold_state_get_auc (state),
                          mlr_threshold_state_get_average_precision (state), best,
                          mlr_threshold_state_get_ece (state,
                                                       !mlr_threshold_state_get_calibrate (state)));
  return g_string_free (out, FALSE);
}

static char *
mlr_threshold_demo_describe (MlrDemo *demo)
{
  return mlr_threshold_demo_describe_state (mlr_demo_get_state (demo));
}

/* ---------------------------------------------------------------- the threshold */

/* Sets the threshold; @exact keeps every digit (a curve's point is a score), else it is
 * rounded to 0.001 as the slider shows it. */
static void
set_threshold (MlrThresholdDemo *self,
               double            t,
               gboolean          exact)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  t = CLAMP (t, 0, 1);
  g_ascii_formatd (buf, sizeof buf, exact ? "%.17g" : "%.3f", t + 0.0);
  mlr_demo_set_param (MLR_DEMO (self), "threshold", buf, NULL);
}

static void
current_layout (MlrThresholdDemo   *self,
                MlrThresholdLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_threshold_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                                mlr_demo_get_palette (MLR_DEMO (self)), state_of (self), layout);
}

/* Moves the threshold as a pointer at (@x, @y) says, within the plot the drag began in. */
static void
pick_at (MlrThresholdDemo *self,
         double            x,
         double            y)
{
  MlrThresholdLayout layout;
  const MlrPlot *plot;
  double t;

  current_layout (self, &layout);
  switch (self->drag)
    {
    case MLR_THRESHOLD_PICK_HISTOGRAM:
      {
        double dx, dy;
        mlr_plot_to_data (&layout.hist, x, y, &dx, &dy);
        set_threshold (self, dx, FALSE);
      }
      return;
    case MLR_THRESHOLD_PICK_ROC:
      plot = &layout.roc;
      break;
    case MLR_THRESHOLD_PICK_PR:
      plot = &layout.pr;
      break;
    case MLR_THRESHOLD_PICK_NONE:
    default:
      return;
    }
  /* a curve's nearest point, the pointer kept on its plot */
  x = CLAMP (x, plot->x0, plot->x0 + plot->w);
  y = CLAMP (y, plot->y0, plot->y0 + plot->h);
  if (mlr_threshold_painter_pick (&layout, state_of (self), x, y, &t) == self->drag)
    set_threshold (self, t, TRUE);
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               MlrThresholdDemo *self)
{
  MlrThresholdLayout layout;
  double t;

  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
  current_layout (self, &layout);
  self->drag = mlr_threshold_painter_pick (&layout, state_of (self), x, y, &t);
  if (self->drag == MLR_THRESHOLD_PICK_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_x = x;
  self->drag_y = y;
  pick_at (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                MlrThresholdDemo *self)
{
  pick_at (self, self->drag_x + dx, self->drag_y + dy);
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             MlrThresholdDemo *self)
{
  self->drag = MLR_THRESHOLD_PICK_NONE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MlrThresholdDemo         *self)
{
  MlrThresholdLayout layout;
  const char *cursor = NULL;
  double t;

  if (self->drag != MLR_THRESHOLD_PICK_NONE)
    return;
  current_layout (self, &layout);
  switch (mlr_threshold_painter_pick (&layout, state_of (self), x, y, &t))
    {
    case MLR_THRESHOLD_PICK_HISTOGRAM:
      cursor = "col-resize";
      break;
    case MLR_THRESHOLD_PICK_ROC:
    case MLR_THRESHOLD_PICK_PR:
      cursor = "crosshair";
      break;
    case MLR_THRESHOLD_PICK_NONE:
    default:
      break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))), cursor);
}

/* ---------------------------------------------------------------- keys (actions) */

/* Left/Right: a hundredth (Shift: a thousandth) down or up. */
static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MlrThresholdDemo *self = MLR_THRESHOLD_DEMO (widget);
  double step = g_variant_get_double (parameter);
  double t = mlr_threshold_state_get_threshold (state_of (self));

  /* onto the grid of the step, so 0.517 goes to 0.52 and then 0.53 */
  set_threshold (self, (step > 0 ? floor (t / fabs (step) + 1e-9) + 1
                                 : ceil (t / fabs (step) - 1e-9) - 1) * fabs (step), FALSE);
}

/* Page Down / Page Up: flag one more, or one fewer, distinct score — the next point along the
 * ROC curve. */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrThresholdDemo *self = MLR_THRESHOLD_DEMO (widget);
  const MlrScores *s = mlr_threshold_state_get_scores (state_of (self));
  guint k = mlr_scores_count_at_or_above (s, mlr_threshold_state_get_threshold (state_of (self)));
  int delta = g_variant_get_int32 (parameter);
  guint G = mlr_scores_get_n_groups (s);

  if (delta > 0 && k < G)
    k++;
  else if (delta < 0 && k > 0)
    k--;
  else
    return;
  set_threshold (self, mlr_scores_threshold_for_groups (s, k), TRUE);
}

static void
optimal_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrThresholdDemo *self = MLR_THRESHOLD_DEMO (widget);

  set_threshold (self, mlr_threshold_state_get_optimal (state_of (self), NULL), TRUE);
}

static void
calibrate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrThresholdDemo *self = MLR_THRESHOLD_DEMO (widget);

  mlr_demo_set_param (MLR_DEMO (self), "calibrate",
                      mlr_threshold_state_get_calibrate (state_of (self)) ? "false" : "true",
                      NULL);
}

/* N: the same distributions drawn with the next seed. */
static void
new_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);
  gint64 seed = mlr_params_get_int (mlr_demo_get_params (demo), "seed");
  g_autofree char *next = g_strdup_printf ("%" G_GINT64_FORMAT, seed >= 1000000000 ? 0
                                                                                    : seed + 1);

  mlr_demo_set_param (demo, "seed", next, NULL);
}

static void
generated_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrThresholdDemo *self = MLR_THRESHOLD_DEMO (widget);

  if (mlr_threshold_state_use_generated (state_of (self)))
    mlr_demo_changed (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- files */

static const MlrCsvColumn csv_columns[] = {
  { "label", 0, 1, TRUE, N_("0 or 1") },
  { "score", 0, 1, FALSE, N_("a score from 0 to 1") },
};

/**
 * mlr_threshold_demo_import_file:
 * Uses a CSV file's scores (columns label, 0 or 1, and score, 0 to 1; at most 100,000 rows;
 * both classes). On any problem the scores stay as they were and a toast says what is wrong,
 * with FILE:LINE where the reader found it.
 */
gboolean
mlr_threshold_demo_import_file (MlrThresholdDemo *self,
                                const char       *path)
{
  MlrCsvColumn columns[G_N_ELEMENTS (csv_columns)];
  g_autoptr(GError) error = NULL;
  g_autofree double *values = NULL;
  g_autofree double *scores = NULL;
  g_autofree guint8 *labels = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *count = NULL;
  guint n = 0;

  g_return_val_if_fail (MLR_IS_THRESHOLD_DEMO (self), FALSE);

  for (guint c = 0; c < G_N_ELEMENTS (csv_columns); c++)
    {
      columns[c] = csv_columns[c];
      columns[c].expected = _(csv_columns[c].expected);
    }
  base = g_path_get_basename (path);
  values = mlr_csv_load_columns (path, columns, G_N_ELEMENTS (columns), MLR_THRESHOLD_MAX_N, &n,
                                 &error);
  if (values != NULL)
    {
      scores = g_new (double, n);
      labels = g_new (guint8, n);
      for (guint i = 0; i < n; i++)
        {
          labels[i] = (guint8) values[2 * i];
          scores[i] = values[2 * i + 1];
        }
      if (!mlr_threshold_state_set_scores (state_of (self), scores, labels, n, base, &error))
        g_prefix_error (&error, "%s: ", path);
    }
  if (error != NULL)
    {
      msg = g_strdup_printf (_("Could not import: %s"), error->message);
      mlr_demo_toast (MLR_DEMO (self), msg);
      return FALSE;
    }
  mlr_demo_changed (MLR_DEMO (self));
  count = mlr_threshold_format_count (n);
  msg = g_strdup_printf (_("Imported %s scores from “%s”"), count, base);
  mlr_demo_toast (MLR_DEMO (self), msg);
  return TRUE;
}

/**
 * mlr_threshold_demo_export_csv:
 * Writes the scores in use as label,score, highest score first: what `ml-roadmap-cli evaluate`
 * reads, to check the demo's numbers or take them elsewhere.
 */
gboolean
mlr_threshold_demo_export_csv (MlrThresholdDemo  *self,
                               const char        *path,
                               GError           **error)
{
  const MlrScores *s;
  GString *out;
  gboolean ok;

  g_return_val_if_fail (MLR_IS_THRESHOLD_DEMO (self), FALSE);
  s = mlr_threshold_state_get_scores (state_of (self));
  out = g_string_sized_new (24 * (gsize) mlr_scores_get_n (s) + 16);
  g_string_append (out, "label,score\n");
  for (guint g = 0, last_tp = 0, last_fp = 0; g < mlr_scores_get_n_groups (s); g++)
    {
      GString *row = g_string_new (NULL);
      guint tp, fp;

      mlr_csv_append_number (row, mlr_scores_get_group_score (s, g));
      mlr_scores_get_flagged (s, g + 1, &tp, &fp);
      for (guint i = last_tp; i < tp; i++)
        g_string_append_printf (out, "1,%s\n", row->str);
      for (guint i = last_fp; i < fp; i++)
        g_string_append_printf (out, "0,%s\n", row->str);
      last_tp = tp;
      last_fp = fp;
      g_string_free (row, TRUE);
    }
  ok = mlr_file_set_contents (path, out->str, out->len, error);
  g_string_free (out, TRUE);
  return ok;
}

static void
import_path (MlrDemo    *demo,
             const char *path)
{
  mlr_threshold_demo_import_file (MLR_THRESHOLD_DEMO (demo), path);
}

static void
export_path (MlrDemo    *demo,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;

  if (!mlr_threshold_demo_export_csv (MLR_THRESHOLD_DEMO (demo), path, &error))
    msg = g_strdup_printf (_("Could not export the scores: %s"), error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      msg = g_strdup_printf (_("Saved the scores to “%s”"), base);
    }
  mlr_demo_toast (demo, msg);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), FALSE, _("Import Scores"),
                       _("CSV with columns label, score"), NULL, import_path);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), TRUE, _("Export Scores"),
                       _("CSV with columns label, score"), "scores.csv", export_path);
}

/* ---------------------------------------------------------------- construction */

/* N and "use generated scores" mean something only for the one and the other source. */
static void
mlr_threshold_demo_changed (MlrDemo    *demo,
                            const char *key)
{
  gboolean imported = mlr_threshold_state_get_source_name (mlr_demo_get_state (demo)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (demo), "threshold.new-sample", !imported);
  gtk_widget_action_set_enabled (GTK_WIDGET (demo), "threshold.use-generated", imported);
}

static void
mlr_threshold_demo_setup (MlrDemo *demo)
{
  MlrThresholdDemo *self = MLR_THRESHOLD_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkEventController *motion;
  GtkGesture *gesture;

  mlr_demo_add_menu_item (demo, _("_Import Scores…"),
                          _("Your own model's scores: a CSV with the columns label (0 or 1) "
                            "and score (0 to 1). Errors name the file and line; the scores "
                            "stay as they were"),
                          "threshold.import");
  mlr_demo_add_menu_item (demo, _("Export _Scores…"),
                          _("Save the scores in use as label,score, for ml-roadmap-cli "
                            "evaluate or your own tools"),
                          "threshold.export-csv");
  mlr_demo_add_menu_item (demo, _("Use _Generated Scores"),
                          _("Back to the two overlapping distributions"),
                          "threshold.use-generated");

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (canvas, motion);
  mlr_threshold_demo_changed (demo, NULL);
}

static int
mlr_threshold_demo_canvas_height (MlrDemo *demo,
                                  int      width)
{
  return mlr_threshold_painter_preferred_height (width);
}

static void
mlr_threshold_demo_class_init (MlrThresholdDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; double step; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -0.01 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 0.01 },
  };

  demo_class->describe = mlr_threshold_demo_describe;
  demo_class->setup = mlr_threshold_demo_setup;
  demo_class->changed = mlr_threshold_demo_changed;
  demo_class->canvas_height = mlr_threshold_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Drag the threshold across the scores, or click a point of the ROC or precision–recall "
       "curve. Keys (click the picture first): Left and Right move the threshold by 0.01 "
       "(Shift: 0.001); Page Down and Page Up call one more or one fewer distinct score "
       "positive; O goes to the cheapest threshold; C switches Platt scaling; N draws a new "
       "sample."));

  gtk_widget_class_install_action (widget_class, "threshold.nudge", "d", nudge_action);
  gtk_widget_class_install_action (widget_class, "threshold.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "threshold.optimal", NULL, optimal_action);
  gtk_widget_class_install_action (widget_class, "threshold.calibrate", NULL, calibrate_action);
  gtk_widget_class_install_action (widget_class, "threshold.new-sample", NULL,
                                   new_sample_action);
  gtk_widget_class_install_action (widget_class, "threshold.use-generated", NULL,
                                   generated_action);
  gtk_widget_class_install_action (widget_class, "threshold.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "threshold.export-csv", NULL,
                                   export_csv_action);

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, "threshold.nudge", "d",
                                         arrows[i].step);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, "threshold.nudge", "d",
                                         arrows[i].step);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, GDK_SHIFT_MASK,
                                         "threshold.nudge", "d", arrows[i].step / 10);
    }
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "threshold.step", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Page_Down, 0, "threshold.step", "i",
                                     1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "threshold.step", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Page_Up, 0, "threshold.step", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_o, 0, "threshold.optimal", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_c, 0, "threshold.calibrate", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_n, 0, "threshold.new-sample", NULL);
  gtk_widget_class_set_css_name (widget_class, "thresholddemo");
}

static void
mlr_threshold_demo_init (MlrThresholdDemo *self)
{
  self->drag = MLR_THRESHOLD_PICK_NONE;
}
