/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-matrix-demo.h"
#include "mlr-scroll-forward.h"
#include "mlr-tooltip.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "painters/mlr-matrix-painter.h"

/* How close (px) a press must be to an arrow tip to grab it: a finger's width. */
#define GRAB_RADIUS 22.0

enum {
  INFO_DET,
  INFO_EIGEN,
  INFO_SVD,
  INFO_INVERSE,
  N_INFO,
};

struct _MlrMatrixDemo
{
  MlrDemo          parent_instance;

  /* template widgets */
  GtkWidget       *panel;
  GtkWidget       *preset;
  GtkWidget       *angle;
  GtkWidget       *play;
  GtkWidget       *snap;
  GtkWidget       *entries_grid;
  GtkWidget       *message;
  GtkWidget       *toggles_grid;
  GtkWidget       *info_grid;

  /* built in setup */
  GtkWidget       *entries[4];
  GtkWidget       *toggles[MLR_MATRIX_N_SHOW];
  GtkWidget       *info[N_INFO];

  /* a drag of an arrow tip */
  gboolean         dragging;
  MlrMatrixVector  drag_which;
  double           drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (MlrMatrixDemo, mlr_matrix_demo, MLR_TYPE_DEMO)

static MlrMatrixState *
state_of (MlrMatrixDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- words */

static char *
format_eigenvalues (const MlrMat2Eigen *eigen,
                    gboolean            unicode_minus)
{
  char l1[32], l2[32];

  mlr_matrix_format_number (eigen->values[0].re, unicode_minus, l1, sizeof l1);
  if (eigen->is_complex)
    {
      mlr_matrix_format_number (fabs (eigen->values[0].im), unicode_minus, l2, sizeof l2);
      return g_strdup_printf ("%s ± %si", l1, l2);
    }
  mlr_matrix_format_number (eigen->values[1].re, unicode_minus, l2, sizeof l2);
  if (eigen->is_repeated || strcmp (l1, l2) == 0)
    /* TRANSLATORS: an eigenvalue that occurs twice */
    return g_strdup_printf (_("%s (repeated)"), l1);
  /* TRANSLATORS: the two eigenvalues */
  return g_strdup_printf (_("%s and %s"), l1, l2);
}

/**
 * mlr_matrix_demo_describe_state:
 * One sentence for screen readers about A as it stands, e.g. “Matrix [[1, 1], [0, 1]]:
 * determinant 1, eigenvalue 1 (repeated), singular values 1.62 and 0.62. i-hat selected at
 * (1, 0).”
 */
char *
mlr_matrix_demo_describe_state (const MlrMatrixState *state)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (state);
  MlrMatrixVector selected = mlr_matrix_state_get_selected (state);
  GString *s = g_string_new (NULL);
  g_autofree char *mat = mlr_matrix_format_matrix (m, FALSE);
  g_autofree char *values = NULL;
  MlrMat2Eigen eigen;
  MlrMat2Svd svd;
  char det[32], s1[32], s2[32], x[32], y[32];
  gboolean singular = mlr_mat2_is_singular (m);
  double d = singular ? 0.0 : mlr_mat2_det (m);

  mlr_mat2_eigen (m, &eigen);
  mlr_mat2_svd (m, &svd);
  values = format_eigenvalues (&eigen, FALSE);
  mlr_matrix_format_number (d, FALSE, det, sizeof det);
  mlr_matrix_format_number (svd.sigma[0], FALSE, s1, sizeof s1);
  mlr_matrix_format_number (svd.sigma[1], FALSE, s2, sizeof s2);

  g_string_append_printf (s, _("Matrix %s: determinant %s"), mat, det);
  if (singular)
    g_string_append (s, svd.sigma[0] == 0 ? _(" (singular: squashes the plane onto a point)")
                                          : _(" (singular: squashes the plane onto a line)"));
  else if (d < 0)
    g_string_append (s, _(" (orientation flipped)"));
  if (eigen.is_complex)
    g_string_append_printf (s, _(", no real eigenvectors: eigenvalues %s"), values);
  else if (eigen.is_repeated || eigen.n_vectors == 1 || strstr (values, "(") != NULL)
    g_string_append_printf (s, _(", eigenvalue %s"), values);
  else
    g_string_append_printf (s, _(", eigenvalues %s"), values);
  g_string_append_printf (s, _(", singular values %s and %s"), s1, s2);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_INVERSE))
    {
      MlrMat2 inv;
      if (mlr_mat2_inverse (m, &inv, NULL))
        {
          g_autofree char *inv_text = mlr_matrix_format_matrix (&inv, FALSE);
          g_string_append_printf (s, _(", inverse %s"), inv_text);
        }
      else
        g_string_append (s, _(", no inverse"));
    }
  mlr_matrix_format_number (selected == MLR_MATRIX_IHAT ? m->a : m->b, FALSE, x, sizeof x);
  mlr_matrix_format_number (selected == MLR_MATRIX_IHAT ? m->c : m->d, FALSE, y, sizeof y);
  g_string_append_printf (s, selected == MLR_MATRIX_IHAT ? _(". i-hat selected at (%s, %s).")
                                                         : _(". j-hat selected at (%s, %s)."),
                          x, y);
  return g_string_free (s, FALSE);
}

static char *
mlr_matrix_demo_describe (MlrDemo *demo)
{
  return mlr_matrix_demo_describe_state (mlr_demo_get_state (demo));
}

static char *
mlr_matrix_demo_get_label (MlrDemo *demo)
{
  return g_strdup (_("Matrix transformation of the plane"));
}

/* ---------------------------------------------------------------- the panel follows A */

static void
show_message (MlrMatrixDemo *self,
              const char    *message)
{
  gtk_label_set_text (GTK_LABEL (self->message), message ? message : "");
  gtk_widget_set_visible (self->message, message != NULL);
}

static void
sync_entries (MlrMatrixDemo *self)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (state_of (self));
  double v[4] = { m->a, m->b, m->c, m->d };

  /* setting a spin button to the value it has emits nothing */
  for (guint i = 0; i < 4; i++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->entries[i]), v[i]);
}

/* The drop-down names the preset A is (Custom when none), the angle follows. */
static void
sync_preset (MlrMatrixDemo *self)
{
  MlrMatrixPreset preset;
  double angle = 0;
  guint selected = 0;

  if (mlr_matrix_preset_match (mlr_matrix_state_get_matrix (state_of (self)), &preset, &angle))
    {
      selected = preset + 1;
      if (mlr_matrix_preset_uses_angle (preset))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->angle), angle);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset), selected);
  gtk_widget_set_sensitive (self->angle,
                            selected > 0 && mlr_matrix_preset_uses_angle (selected - 1));
}

static void
sync_info (MlrMatrixDemo *self)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (state_of (self));
  gboolean singular = mlr_mat2_is_singular (m);
  double det = singular ? 0 : mlr_mat2_det (m);
  MlrMat2Eigen eigen;
  MlrMat2Svd svd;
  MlrMat2 inv;
  char num[32], num2[32];
  g_autofree char *det_text = NULL;
  g_autofree char *eigen_text = NULL;
  g_autofree char *values = NULL;
  g_autofree char *svd_text = NULL;
  g_autofree char *inv_text = NULL;

  mlr_matrix_format_number (det, TRUE, num, sizeof num);
  if (singular && m->a == 0 && m->b == 0 && m->c == 0 && m->d == 0)
    det_text = g_strdup (_("0 — singular: squashes the plane onto a point"));
  else
    det_text = g_strdup_printf ("%s%s", num,
                                singular ? _(" — singular: squashes the plane onto a line")
                                : det < 0 ? _(" — orientation flipped") : "");
  gtk_label_set_text (GTK_LABEL (self->info[INFO_DET]), det_text);

  mlr_mat2_eigen (m, &eigen);
  values = format_eigenvalues (&eigen, TRUE);
  if (eigen.is_complex)
    eigen_text = g_strdup_printf (_("%s — no real eigenvectors"), values);
  else if (eigen.n_vectors == 1)
    eigen_text = g_strdup_printf (_("%s — one eigenvector line"), values);
  else
    eigen_text = g_strdup (values);
  gtk_label_set_text (GTK_LABEL (self->info[INFO_EIGEN]), eigen_text);

  mlr_mat2_svd (m, &svd);
  mlr_matrix_format_number (svd.sigma[0], TRUE, num, sizeof num);
  mlr_matrix_format_number (svd.sigma[1], TRUE, num2, sizeof num2);
  svd_text = g_strdup_printf ("%s, %s", num, num2);
  gtk_label_set_text (GTK_LABEL (self->info[INFO_SVD]), svd_text);

  if (mlr_mat2_inverse (m, &inv, NULL))
    inv_text = mlr_matrix_format_matrix (&inv, TRUE);
  else
    inv_text = g_strdup (_("none (det = 0)"));
  gtk_label_set_text (GTK_LABEL (self->info[INFO_INVERSE]), inv_text);
}

static void
mlr_matrix_demo_changed (MlrDemo    *demo,
                         const char *key)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (demo);
  MlrMatrixVector selected = mlr_matrix_state_get_selected (state_of (self));
  gboolean playing = mlr_demo_get_playing (demo);

  sync_entries (self);
  sync_preset (self);
  sync_info (self);
  /* Tab walks î → ĵ inside the canvas, then lets focus leave */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.tab-forward",
                                 selected == MLR_MATRIX_IHAT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.tab-backward",
                                 selected == MLR_MATRIX_JHAT);
  gtk_button_set_icon_name (GTK_BUTTON (self->play), playing ? "media-playback-pause-symbolic"
                                                             : "media-playback-start-symbolic");
  mlr_widget_set_tooltip (self->play, playing
                          ? _("Pause the animation (Space)")
                          : _("Play the path from the identity to A: watch î and ĵ "
                              "travel to the matrix's columns (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Play or pause the animation from the identity"), -1);
}

/* Any edit shows A at once: an animation in flight ends where the edit leaves it. */
static void
end_animation (MlrMatrixDemo *self)
{
  if (mlr_demo_get_playing (MLR_DEMO (self)))
    mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  mlr_matrix_state_finish (state_of (self));
}

/* ---------------------------------------------------------------- animation */

static gboolean
mlr_matrix_demo_advance (MlrDemo *demo,
                         double   seconds)
{
  return mlr_matrix_state_step (mlr_demo_get_state (demo), seconds);
}

static gboolean
mlr_matrix_demo_step (MlrDemo *demo)
{
  /* one step is a tenth of a second of the path */
  return mlr_matrix_state_step (mlr_demo_get_state (demo), 0.1);
}

static void
mlr_matrix_demo_rewind (MlrDemo *demo)
{
  mlr_matrix_state_rewind (mlr_demo_get_state (demo));
}

static void
mlr_matrix_demo_finish (MlrDemo *demo)
{
  mlr_matrix_state_finish (mlr_demo_get_state (demo));
}

static gboolean
mlr_matrix_demo_is_finished (MlrDemo *demo)
{
  return mlr_matrix_state_get_progress (mlr_demo_get_state (demo)) >= 1.0;
}

/* ---------------------------------------------------------------- pointer */

static void
canvas_layout (MlrMatrixDemo   *self,
               MlrMatrixLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_matrix_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                             state_of (self), layout);
}

/**
 * mlr_matrix_demo_data_to_canvas:
 * Where the plane's point (@x, @y) is drawn, in canvas coordinates.
 */
void
mlr_matrix_demo_data_to_canvas (MlrMatrixDemo *self,
                                double         x,
                                double         y,
                                double        *px,
                                double        *py)
{
  MlrMatrixLayout layout;

  canvas_layout (self, &layout);
  *px = mlr_plot_x (&layout.plot, x);
  *py = mlr_plot_y (&layout.plot, y);
}

/* The arrow tip within GRAB_RADIUS of (x, y), nearest first; FALSE when there is none. */
static gboolean
hit_tip (MlrMatrixDemo   *self,
         double           x,
         double           y,
         MlrMatrixVector *which)
{
  MlrMat2 m = mlr_matrix_state_get_current (state_of (self));
  MlrMatrixVector first = mlr_matrix_state_get_selected (state_of (self));
  double best = GRAB_RADIUS;
  gboolean found = FALSE;

  /* the selected one first, so it wins a tie (î and ĵ on the same spot) */
  for (int k = 0; k < 2; k++)
    {
      MlrMatrixVector v = k == 0 ? first : (first == MLR_MATRIX_IHAT ? MLR_MATRIX_JHAT
                                                                      : MLR_MATRIX_IHAT);
      double px, py, d;
      mlr_matrix_demo_data_to_canvas (self, v == MLR_MATRIX_IHAT ? m.a : m.b,
                                      v == MLR_MATRIX_IHAT ? m.c : m.d, &px, &py);
      d = hypot (px - x, py - y);
      if (d < best)
        {
          best = d;
          *which = v;
          found = TRUE;
        }
    }
  return found;
}

/**
 * mlr_matrix_demo_drag_begin:
 * A press at (@x, @y) on the canvas: grabs the î or ĵ tip under it (ending any animation).
 * Returns whether a tip was grabbed.
 */
gboolean
mlr_matrix_demo_drag_begin (MlrMatrixDemo *self,
                            double         x,
                            double         y)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrMatrixVector which;

  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), FALSE);
  if (!hit_tip (self, x, y, &which))
    return FALSE;
  end_animation (self);
  /* the tips may have moved if an animation was cut short: grab where A puts them */
  hit_tip (self, x, y, &which);
  self->dragging = TRUE;
  self->drag_which = which;
  self->drag_x = x;
  self->drag_y = y;
  mlr_matrix_state_select (state_of (self), which);
  /* the view stays put under the pointer until the drag ends */
  mlr_matrix_state_lock_view (state_of (self), TRUE);
  show_message (self, NULL);
  gtk_widget_grab_focus (canvas);
  gtk_widget_set_cursor_from_name (canvas, "grabbing");
  mlr_demo_changed (MLR_DEMO (self));
  return TRUE;
}

void
mlr_matrix_demo_drag_update (MlrMatrixDemo *self,
                             double         offset_x,
                             double         offset_y)
{
  MlrMatrixLayout layout;
  const MlrPlot *plot;
  double px, py, x, y;

  g_return_if_fail (MLR_IS_MATRIX_DEMO (self));
  if (!self->dragging)
    return;
  canvas_layout (self, &layout);
  plot = &layout.plot;
  px = CLAMP (self->drag_x + offset_x, plot->x0, plot->x0 + plot->w);
  py = CLAMP (self->drag_y + offset_y, plot->y0, plot->y0 + plot->h);
  mlr_plot_to_data (plot, px, py, &x, &y);
  if (mlr_matrix_state_set_column (state_of (self), self->drag_which, x, y))
    mlr_demo_changed (MLR_DEMO (self));
}

void
mlr_matrix_demo_drag_end (MlrMatrixDemo *self)
{
  g_return_if_fail (MLR_IS_MATRIX_DEMO (self));
  if (!self->dragging)
    return;
  self->dragging = FALSE;
  /* refit the view to where A now sends the square */
  mlr_matrix_state_lock_view (state_of (self), FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))), "grab");
  mlr_demo_changed (MLR_DEMO (self));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MlrMatrixDemo  *self)
{
  if (mlr_matrix_demo_drag_begin (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MlrMatrixDemo  *self)
{
  mlr_matrix_demo_drag_update (self, dx, dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MlrMatrixDemo  *self)
{
  mlr_matrix_demo_drag_update (self, dx, dy);
  mlr_matrix_demo_drag_end (self);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MlrMatrixDemo            *self)
{
  MlrMatrixVector which;

  if (!self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                     hit_tip (self, x, y, &which) ? "grab" : NULL);
}

static void
focus_cb (GtkEventControllerFocus *focus,
          MlrMatrixDemo           *self)
{
  mlr_matrix_state_set_highlight (state_of (self),
                                  gtk_event_controller_focus_contains_focus (focus));
  mlr_demo_queue_draw (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- keys (actions) */

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);

  mlr_matrix_state_select (state_of (self), g_variant_get_int32 (parameter) == 0
                                            ? MLR_MATRIX_IHAT : MLR_MATRIX_JHAT);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
tab_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);

  mlr_matrix_state_select (state_of (self), g_str_equal (action_name, "matrix.tab-forward")
                                            ? MLR_MATRIX_JHAT : MLR_MATRIX_IHAT);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  end_animation (self);
  show_message (self, NULL);
  mlr_matrix_state_nudge (state_of (self), dx, dy);
  mlr_demo_changed (MLR_DEMO (self));
}

/* Back to the lesson's matrix, shown at once, with î selected. */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);

  end_animation (self);
  self->dragging = FALSE;
  mlr_matrix_state_reset (state_of (self));
  show_message (self, NULL);
  mlr_demo_changed (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- the panel's controls */

/* Reads what was typed into an entry: a finite number within ±100, with “−” or “-” and “.”
 * or “,” accepted; anything else is refused with a message (and the entry keeps its value). */
static int
entry_input_cb (GtkSpinButton *spin,
                double        *new_value,
                MlrMatrixDemo *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *clean = NULL;
  g_autofree char *shown = g_strdup (text);
  char buf[32], *end = NULL;
  double v;
  GString *s;

  /* Unchanged text means the value shown, which may be rounded: keep the exact value. */
  mlr_matrix_format_number (gtk_spin_button_get_value (spin), FALSE, buf, sizeof buf);
  if (g_strcmp0 (g_strstrip (shown), buf) == 0)
    {
      *new_value = gtk_spin_button_get_value (spin);
      return TRUE;
    }
  s = g_string_new (text);
  g_string_replace (s, "−", "-", 0);
  g_string_replace (s, ",", ".", 0);
  clean = g_strstrip (g_string_free (s, FALSE));
  v = g_ascii_strtod (clean, &end);
  if (*clean == '\0' || end == clean || *end != '\0' || !isfinite (v))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a number: type a value such as "
                                                "1.5 or −0.25"), text);
      show_message (self, msg);
      return GTK_INPUT_ERROR;
    }
  if (fabs (v) > MLR_MATRIX_ENTRY_MAX)
    {
      g_autofree char *msg = g_strdup_printf (_("%s is out of range: entries go from −%g to "
                                                "%g"), clean, MLR_MATRIX_ENTRY_MAX,
                                              MLR_MATRIX_ENTRY_MAX);
      show_message (self, msg);
      return GTK_INPUT_ERROR;
    }
  show_message (self, NULL);
  *new_value = v;
  return TRUE;
}

static gboolean
entry_output_cb (GtkSpinButton *spin,
                 gpointer       user_data)
{
  char buf[32];

  mlr_matrix_format_number (gtk_spin_button_get_value (spin), FALSE, buf, sizeof buf);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), buf) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), buf);
  return TRUE;
}

static void
entry_changed_cb (GtkSpinButton *spin,
                  MlrMatrixDemo *self)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (state_of (self));
  double current[4] = { m->a, m->b, m->c, m->d };
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "entry"));
  /* read it first: ending an animation re-syncs the entries */
  double value = gtk_spin_button_get_value (spin);
  g_autoptr(GError) error = NULL;

  if (value == current[index])
    return;  /* the entry follows A; it is not a new value */
  end_animation (self);
  if (!mlr_matrix_state_set_entry (state_of (self), index, value, &error))
    show_message (self, error->message);
  mlr_demo_changed (MLR_DEMO (self));
}

static int
angle_input_cb (GtkSpinButton *spin,
                double        *new_value,
                MlrMatrixDemo *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  GString *s = g_string_new (g_strstrip (text));
  g_autofree char *clean = NULL;
  char *end = NULL;
  double v;

  g_string_replace (s, "°", "", 0);
  g_string_replace (s, "−", "-", 0);
  clean = g_strstrip (g_string_free (s, FALSE));
  v = g_ascii_strtod (clean, &end);
  if (*clean == '\0' || *end != '\0' || !isfinite (v) || fabs (v) > 180)
    {
      show_message (self, _("The angle is in degrees, from −180 to 180"));
      return GTK_INPUT_ERROR;
    }
  *new_value = v;
  return TRUE;
}

static gboolean
angle_output_cb (GtkSpinButton *spin,
                 gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%.0f°", gtk_spin_button_get_value (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The preset the panel shows, applied unless A already is it; @animate plays the path. */
static void
apply_preset (MlrMatrixDemo *self,
              gboolean       animate)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset));
  double angle = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->angle));
  MlrMatrixPreset preset;
  const MlrMat2 *m = mlr_matrix_state_get_matrix (state_of (self));
  MlrMatrixPreset matched;
  double matched_angle;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  preset = selected - 1;
  /* the drop-down and the angle follow A: when A already is this preset at this angle, it
   * is no new choice (and a 30° rotation typed as 0.8660254 stays as typed) */
  if (mlr_matrix_preset_match (m, &matched, &matched_angle) && matched == preset &&
      (!mlr_matrix_preset_uses_angle (preset) || fabs (matched_angle - angle) < 1e-6))
    return;
  end_animation (self);
  show_message (self, NULL);
  mlr_matrix_state_apply_preset (state_of (self), preset, angle);
  mlr_demo_changed (MLR_DEMO (self));
  /* watching a preset happen is the point of choosing one */
  if (animate)
    mlr_demo_set_playing (MLR_DEMO (self), TRUE);
}

static void
preset_changed_cb (MlrMatrixDemo *self)
{
  apply_preset (self, TRUE);
}

static void
angle_changed_cb (MlrMatrixDemo *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset));

  if (selected > 0 && mlr_matrix_preset_uses_angle (selected - 1))
    apply_preset (self, FALSE);
}

static void
snap_toggled_cb (MlrMatrixDemo *self)
{
  mlr_matrix_state_set_snap (state_of (self),
                             gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->snap)));
}

/* A "show" toggle and the parameter's item, in step both ways. */
static void
toggle_toggled_cb (GtkToggleButton *toggle,
                   MlrMatrixDemo   *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "choice"));

  mlr_demo_setting_set_item (mlr_demo_get_setting (MLR_DEMO (self), "show"), i,
                           gtk_toggle_button_get_active (toggle), NULL);
}

static void
show_changed_cb (MlrDemoSetting  *param,
                 GParamSpec    *pspec,
                 MlrMatrixDemo *self)
{
  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[i]),
                                  mlr_demo_setting_get_item (param, i));
}

static void
build_entries (MlrMatrixDemo *self)
{
  static const char * const names[4] = { "a", "b", "c", "d" };
  static const char * const tips[4] = {
    N_("a: the x coordinate of where î lands (row 1, column 1)"),
    N_("b: the x coordinate of where ĵ lands (row 1, column 2)"),
    N_("c: the y coordinate of where î lands (row 2, column 1)"),
    N_("d: the y coordinate of where ĵ lands (row 2, column 2)"),
  };

  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (-MLR_MATRIX_ENTRY_MAX,
                                                        MLR_MATRIX_ENTRY_MAX, 0.1);
      g_autofree char *label = g_strdup_printf (_("Matrix entry %s"), names[i]);

      mlr_scroll_forward_vertical (spin, TRUE);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
      gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
      gtk_widget_set_hexpand (spin, TRUE);
      mlr_widget_set_tooltip (spin, _(tips[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(tips[i]),
                                      -1);
      g_object_set_data (G_OBJECT (spin), "entry", GUINT_TO_POINTER (i));
      g_signal_connect (spin, "input", G_CALLBACK (entry_input_cb), self);
      g_signal_connect (spin, "output", G_CALLBACK (entry_output_cb), self);
      g_signal_connect (spin, "value-changed", G_CALLBACK (entry_changed_cb), self);
      gtk_grid_attach (GTK_GRID (self->entries_grid), spin, i % 2, i / 2, 1, 1);
      self->entries[i] = spin;
    }
}

/* The overlays, as the parameter table lists them (titles and tooltips from it). */
static void
build_toggles (MlrMatrixDemo *self)
{
  MlrDemoSetting *param = mlr_demo_get_setting (MLR_DEMO (self), "show");
  const MlrParamSpec *spec = mlr_demo_setting_get_spec (param);

  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_(spec->choice_titles[i]));
      g_autofree char *name = g_strconcat ("choice-", spec->choices[i], NULL);

      gtk_widget_set_name (toggle, name);
      mlr_widget_set_tooltip (toggle, _(spec->choice_help[i]));
      g_object_set_data (G_OBJECT (toggle), "choice", GUINT_TO_POINTER (i));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                    mlr_demo_setting_get_item (param, i));
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggle_toggled_cb), self);
      gtk_grid_attach (GTK_GRID (self->toggles_grid), toggle, i % 3, i / 3, 1, 1);
      self->toggles[i] = toggle;
    }
  g_signal_connect_object (param, "notify::value", G_CALLBACK (show_changed_cb), self, 0);
}

static void
build_info (MlrMatrixDemo *self)
{
  static const char * const keys[N_INFO] = {
    N_("det A"), N_("eigenvalues"), N_("singular values"), N_("inverse A⁻¹"),
  };

  for (guint i = 0; i < N_INFO; i++)
    {
      GtkWidget *key = gtk_label_new (_(keys[i]));
      GtkWidget *value = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (key), 0);
      gtk_label_set_yalign (GTK_LABEL (key), 0);
      gtk_widget_add_css_class (key, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 22);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      key, NULL, -1);
      gtk_grid_attach (GTK_GRID (self->info_grid), key, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->info_grid), value, 1, i, 1, 1);
      self->info[i] = value;
    }
}

static void
mlr_matrix_demo_setup (MlrDemo *demo)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *controller;

  build_entries (self);
  build_toggles (self);
  build_info (self);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (drag));
  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (canvas, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_cb), self);
  gtk_widget_add_controller (canvas, controller);

  /* the lesson's path from the identity plays once it is on screen */
  mlr_demo_set_autoplay (demo, mlr_matrix_state_get_animate (state_of (self)) &&
                               mlr_matrix_state_get_progress (state_of (self)) < 1.0);
}

/* Off screen nothing is watching: end where the animation was going. */
static void
mlr_matrix_demo_unmap (GtkWidget *widget)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);

  if (mlr_demo_get_playing (MLR_DEMO (self)))
    end_animation (self);
  GTK_WIDGET_CLASS (mlr_matrix_demo_parent_class)->unmap (widget);
}

/* Beside the panel the plane is square; stacked, a little wider than tall. */
static int
mlr_matrix_demo_canvas_height (MlrDemo *demo,
                               int      width)
{
  return CLAMP (width * 3 / 4, 280, 620);
}

/* ---------------------------------------------------------------- accessors for tests */

GtkSpinButton *
mlr_matrix_demo_get_entry (MlrMatrixDemo *self,
                           guint          index)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self) && index < 4, NULL);
  return GTK_SPIN_BUTTON (self->entries[index]);
}

GtkDropDown *
mlr_matrix_demo_get_preset (MlrMatrixDemo *self)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), NULL);
  return GTK_DROP_DOWN (self->preset);
}

GtkSpinButton *
mlr_matrix_demo_get_angle (MlrMatrixDemo *self)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), NULL);
  return GTK_SPIN_BUTTON (self->angle);
}

GtkToggleButton *
mlr_matrix_demo_get_show_toggle (MlrMatrixDemo *self,
                                 MlrMatrixShow  item)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), NULL);
  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    if (mlr_matrix_show_bit (i) == item)
      return GTK_TOGGLE_BUTTON (self->toggles[i]);
  return NULL;
}

/* The input problem shown under the entries, or NULL when there is none. */
const char *
mlr_matrix_demo_get_message (MlrMatrixDemo *self)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), NULL);
  return gtk_widget_get_visible (self->message) ? gtk_label_get_text (GTK_LABEL (self->message))
                                                : NULL;
}

/* The read-out's rows: 0 det, 1 eigenvalues, 2 singular values, 3 inverse. */
const char *
mlr_matrix_demo_get_info (MlrMatrixDemo *self,
                          guint          row)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self) && row < N_INFO, NULL);
  return gtk_label_get_text (GTK_LABEL (self->info[row]));
}

/* ---------------------------------------------------------------- GObject */

static void
mlr_matrix_demo_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MLR_TYPE_MATRIX_DEMO);
  G_OBJECT_CLASS (mlr_matrix_demo_parent_class)->dispose (object);
}

static void
mlr_matrix_demo_class_init (MlrMatrixDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  object_class->dispose = mlr_matrix_demo_dispose;
  widget_class->unmap = mlr_matrix_demo_unmap;
  demo_class->describe = mlr_matrix_demo_describe;
  demo_class->get_label = mlr_matrix_demo_get_label;
  demo_class->setup = mlr_matrix_demo_setup;
  demo_class->changed = mlr_matrix_demo_changed;
  demo_class->canvas_height = mlr_matrix_demo_canvas_height;
  demo_class->advance = mlr_matrix_demo_advance;
  demo_class->step = mlr_matrix_demo_step;
  demo_class->rewind = mlr_matrix_demo_rewind;
  demo_class->finish = mlr_matrix_demo_finish;
  demo_class->is_finished = mlr_matrix_demo_is_finished;
  mlr_demo_class_set_panel_position (demo_class, MLR_DEMO_PANEL_BESIDE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mlroadmap/MLRoadmap/mlr-matrix-demo.ui");
  gtk_widget_class_bind_template_child (widget_class, MlrMatrixDemo, panel);
  gtk_widget_class_bind_template_child (widget_class, MlrMatrixDemo, preset);
  gtk_widget_class_bind_template_child (widget_class, MlrMatrixDemo, angle);
  gtk_widget_class_bind_template_child (widget_class, MlrMatrixDemo, play);
  gtk_widget_class_bind_template_child (widget_class, MlrMatrixDemo, snap);
  gtk_widget_class_bind_template_child_full (widget_class, "entries", FALSE,
                                             G_STRUCT_OFFSET (MlrMatrixDemo, entries_grid));
  gtk_widget_class_bind_template_child (widget_class, MlrMatrixDemo, message);
  gtk_widget_class_bind_template_child_full (widget_class, "toggles", FALSE,
                                             G_STRUCT_OFFSET (MlrMatrixDemo, toggles_grid));
  gtk_widget_class_bind_template_child_full (widget_class, "info", FALSE,
                                             G_STRUCT_OFFSET (MlrMatrixDemo, info_grid));
  gtk_widget_class_bind_template_callback (widget_class, preset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, angle_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, angle_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, angle_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, snap_toggled_cb);

  gtk_widget_class_install_action (widget_class, "matrix.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "matrix.select", "i", select_action);
  gtk_widget_class_install_action (widget_class, "matrix.tab-forward", NULL, tab_action);
  gtk_widget_class_install_action (widget_class, "matrix.tab-backward", NULL, tab_action);
  gtk_widget_class_install_action (widget_class, "matrix.nudge", "(ii)", nudge_action);

  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_r, 0, "matrix.restore", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_R, GDK_SHIFT_MASK, "matrix.restore",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_1, 0, "matrix.select", "i", 0);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_1, 0, "matrix.select", "i", 0);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_2, 0, "matrix.select", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_2, 0, "matrix.select", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Tab, 0, "matrix.tab-forward", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Tab, 0, "matrix.tab-forward", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK,
                                     "matrix.tab-backward", NULL);
  {
    static const struct { guint key, kp; int dx, dy; } arrows[] = {
      { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
      { GDK_KEY_Up, GDK_KEY_KP_Up, 0, 1 }, { GDK_KEY_Down, GDK_KEY_KP_Down, 0, -1 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
      {
        mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, "matrix.nudge", "(ii)",
                                           arrows[i].dx, arrows[i].dy);
        mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, "matrix.nudge", "(ii)",
                                           arrows[i].dx, arrows[i].dy);
      }
  }
  gtk_widget_class_set_css_name (widget_class, "matrixdemo");
}

static void
mlr_matrix_demo_init (MlrMatrixDemo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
