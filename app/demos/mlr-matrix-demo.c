/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-matrix-demo.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lessons/mlr-demo-spec.h"
#include "mlr-demo-canvas.h"
#include "painters/mlr-matrix-painter.h"

/* Layout: the canvas and the control column side by side when there is room (a lesson is
 * about 740 px wide), stacked on narrow windows. */
#define SPACING 12
#define MIN_CANVAS 300
#define MIN_CANVAS_HEIGHT 280
#define MAX_CANVAS_HEIGHT 620
/* How close (px) a press must be to an arrow tip to grab it: a finger's width. */
#define GRAB_RADIUS 22.0

enum {
  INFO_DET,
  INFO_EIGEN,
  INFO_SVD,
  INFO_INVERSE,
  N_INFO,
};

static const struct {
  MlrMatrixShow  item;
  const char    *label;
  const char    *tooltip;
} show_items[MLR_MATRIX_N_SHOW] = {
  { MLR_MATRIX_SHOW_GRID, N_("Grid"),
    N_("The original grid (faint) and its image under A (strong): lines stay straight, "
       "parallel and evenly spaced, and the origin stays put — that is what linear means") },
  { MLR_MATRIX_SHOW_DET, N_("Area"),
    N_("Shade the image of the unit square: its signed area is det A. Blue keeps the "
       "orientation, orange flips it, and a flat square means A is singular") },
  { MLR_MATRIX_SHOW_EIGEN, N_("Eigen"),
    N_("Real eigenvectors: lines through the origin that A only stretches, each by its "
       "eigenvalue λ") },
  { MLR_MATRIX_SHOW_SVD, N_("SVD"),
    N_("The unit circle and its image, an ellipse whose semi-axes are the singular values "
       "σ₁ ≥ σ₂: A is a rotation, a stretch along two axes, and a rotation") },
  { MLR_MATRIX_SHOW_POINTS, N_("Points"),
    N_("Transform a seeded cloud of 150 random points: its spread follows the ellipse, "
       "which is what PCA finds in data") },
  { MLR_MATRIX_SHOW_INVERSE, N_("Inverse"),
    N_("Show A⁻¹, the matrix that undoes A; it exists only when det A ≠ 0") },
};

static const char * const preset_names[] = {
  N_("Custom"), N_("Identity"), N_("Rotation"), N_("Scale"), N_("Shear"), N_("Reflection"),
  N_("Projection"), NULL
};

struct _MlrMatrixDemo
{
  GtkWidget        parent_instance;

  /* children */
  GtkWidget       *frame;          /* rounds the canvas's corners */
  GtkWidget       *canvas;
  GtkWidget       *side;
  GtkWidget       *preset;
  GtkWidget       *angle;
  GtkWidget       *play;
  GtkWidget       *snap;
  GtkWidget       *entries[4];
  GtkWidget       *message;
  GtkWidget       *toggles[MLR_MATRIX_N_SHOW];
  GtkWidget       *info[N_INFO];

  /* owned state */
  MlrMatrixState  *state;
  guint            tick_id;
  gint64           last_frame_us;
  gboolean         updating;       /* widgets are being set from the state: ignore signals */
  gboolean         dragging;
  MlrMatrixVector  drag_which;
  double           drag_x, drag_y;
  gboolean         autoplay;       /* play once the canvas is first on screen */
  GtkAdjustment   *scroll_adj;     /* the page's scrolling, watched until autoplay */
  gulong           scroll_handler;
};

G_DEFINE_FINAL_TYPE (MlrMatrixDemo, mlr_matrix_demo, GTK_TYPE_WIDGET)

static void update_all (MlrMatrixDemo *self,
                        gboolean       from_preset);

/* ---- drawing and hit testing */

static void
draw_cb (cairo_t          *cr,
         int               width,
         int               height,
         const MlrPalette *palette,
         gpointer          user_data)
{
  MlrMatrixDemo *self = user_data;

  mlr_matrix_painter_draw (cr, width, height, palette, self->state);
}

static void
canvas_layout (MlrMatrixDemo   *self,
               MlrMatrixLayout *layout)
{
  mlr_matrix_painter_layout (gtk_widget_get_width (self->canvas),
                             gtk_widget_get_height (self->canvas), self->state, layout);
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
  MlrMat2 m = mlr_matrix_state_get_current (self->state);
  MlrMatrixVector first = mlr_matrix_state_get_selected (self->state);
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

/* ---- animation */

static void
sync_play_button (MlrMatrixDemo *self)
{
  gboolean playing = self->tick_id != 0;

  gtk_button_set_icon_name (GTK_BUTTON (self->play),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play, playing
                               ? _("Pause the animation (Space)")
                               : _("Play the path from the identity to A: watch î and ĵ "
                                   "travel to the matrix's columns (Space)"));
}

static void
metric_cb (const char *name,
           GVariant   *value,
           gpointer    user_data)
{
  mlr_demo_canvas_set_metric (user_data, name, value);
}

static void
update_description (MlrMatrixDemo *self)
{
  g_autofree char *text = mlr_matrix_state_describe (self->state);

  mlr_demo_canvas_set_description (MLR_DEMO_CANVAS (self->canvas), text);
  /* The same moment the description changes, challenges get to look. */
  mlr_matrix_state_collect_metrics (self->state, metric_cb, self->canvas);
  mlr_demo_canvas_commit_metrics (MLR_DEMO_CANVAS (self->canvas));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  MlrMatrixDemo *self = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame_us ? (now - self->last_frame_us) / 1e6 : 0;
  gboolean more;

  self->last_frame_us = now;
  /* A stalled frame (a busy main loop) must not make the animation jump. */
  more = mlr_matrix_state_step (self->state, MIN (dt, 0.1));
  gtk_widget_queue_draw (self->canvas);
  if (!more)
    {
      self->tick_id = 0;
      sync_play_button (self);
      update_description (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (MlrMatrixDemo *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (self->canvas, self->tick_id);
      self->tick_id = 0;
    }
}

/**
 * mlr_matrix_demo_set_playing:
 * Starts (from the identity, when the last run had finished) or pauses the animation. With
 * reduced motion the picture jumps straight to A instead.
 */
void
mlr_matrix_demo_set_playing (MlrMatrixDemo *self,
                             gboolean       playing)
{
  g_return_if_fail (MLR_IS_MATRIX_DEMO (self));

  self->autoplay = FALSE;
  if (!playing)
    stop_ticking (self);
  else if (self->tick_id == 0)
    {
      if (mlr_matrix_state_get_progress (self->state) >= 1.0)
        mlr_matrix_state_rewind (self->state);
      if (mlr_demo_reduce_motion () || !gtk_widget_get_mapped (self->canvas))
        mlr_matrix_state_finish (self->state);
      else
        {
          self->last_frame_us = 0;
          self->tick_id = gtk_widget_add_tick_callback (self->canvas, tick_cb, self, NULL);
        }
    }
  sync_play_button (self);
  gtk_widget_queue_draw (self->canvas);
}

gboolean
mlr_matrix_demo_get_playing (MlrMatrixDemo *self)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), FALSE);
  return self->tick_id != 0;
}

/* Any edit shows A at once: an animation in flight ends where the edit leaves it. */
static void
end_animation (MlrMatrixDemo *self)
{
  self->autoplay = FALSE;
  stop_ticking (self);
  mlr_matrix_state_finish (self->state);
  sync_play_button (self);
}

static void
disconnect_scroll (MlrMatrixDemo *self)
{
  if (self->scroll_adj != NULL)
    {
      g_clear_signal_handler (&self->scroll_handler, self->scroll_adj);
      g_clear_object (&self->scroll_adj);
    }
}

/* Autoplay waits until at least half of the canvas is scrolled into view, so a demo far down
 * a lesson does not play to nobody. */
static gboolean
canvas_on_screen (MlrMatrixDemo *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  double h, top, bottom;

  if (scrolled == NULL)
    return TRUE;
  if (!gtk_widget_compute_bounds (self->canvas, scrolled, &bounds))
    return FALSE;
  h = gtk_widget_get_height (scrolled);
  top = MAX (bounds.origin.y, 0);
  bottom = MIN (bounds.origin.y + bounds.size.height, h);
  return bounds.size.height > 0 && bottom - top >= 0.5 * MIN (bounds.size.height, h);
}

static void
maybe_autoplay (MlrMatrixDemo *self)
{
  if (self->autoplay && gtk_widget_get_mapped (self->canvas) && canvas_on_screen (self))
    {
      disconnect_scroll (self);
      mlr_matrix_demo_set_playing (self, TRUE);
    }
}

static void
scroll_changed_cb (GtkAdjustment *adj,
                   MlrMatrixDemo *self)
{
  maybe_autoplay (self);
}

static gboolean
autoplay_idle_cb (gpointer user_data)
{
  MlrMatrixDemo *self = user_data;
  GtkWidget *scrolled;

  if (!self->autoplay || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL && self->scroll_adj == NULL)
    {
      self->scroll_adj = g_object_ref (
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
      self->scroll_handler = g_signal_connect (self->scroll_adj, "value-changed",
                                               G_CALLBACK (scroll_changed_cb), self);
    }
  maybe_autoplay (self);
  return G_SOURCE_REMOVE;
}

/* ---- keeping the controls in step with the state */

static void
set_entry_value (GtkWidget *spin,
                 double     value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

static void
sync_entries (MlrMatrixDemo *self)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (self->state);

  self->updating = TRUE;
  set_entry_value (self->entries[0], m->a);
  set_entry_value (self->entries[1], m->b);
  set_entry_value (self->entries[2], m->c);
  set_entry_value (self->entries[3], m->d);
  self->updating = FALSE;
}

static void
sync_info (MlrMatrixDemo *self)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (self->state);
  gboolean singular = mlr_mat2_is_singular (m);
  double det = singular ? 0 : mlr_mat2_det (m);
  MlrMat2Eigen eigen;
  MlrMat2Svd svd;
  MlrMat2 inv;
  char num[32], num2[32];
  g_autofree char *text = NULL;
  g_autofree char *values = NULL;

  mlr_matrix_format_number (det, TRUE, num, sizeof num);
  text = g_strdup_printf ("%s%s", num,
                          singular ? _(" — singular: squashes the plane onto a line")
                          : det < 0 ? _(" — orientation flipped")
                          : "");
  if (singular && m->a == 0 && m->b == 0 && m->c == 0 && m->d == 0)
    {
      g_free (text);
      text = g_strdup (_("0 — singular: squashes the plane onto a point"));
    }
  gtk_label_set_text (GTK_LABEL (self->info[INFO_DET]), text);

  mlr_mat2_eigen (m, &eigen);
  values = mlr_matrix_format_eigenvalues (&eigen, TRUE);
  g_free (text);
  if (eigen.is_complex)
    text = g_strdup_printf (_("%s — no real eigenvectors"), values);
  else if (eigen.n_vectors == 1)
    text = g_strdup_printf (_("%s — one eigenvector line"), values);
  else
    text = g_strdup (values);
  gtk_label_set_text (GTK_LABEL (self->info[INFO_EIGEN]), text);

  mlr_mat2_svd (m, &svd);
  mlr_matrix_format_number (svd.sigma[0], TRUE, num, sizeof num);
  mlr_matrix_format_number (svd.sigma[1], TRUE, num2, sizeof num2);
  g_free (text);
  text = g_strdup_printf ("%s, %s", num, num2);
  gtk_label_set_text (GTK_LABEL (self->info[INFO_SVD]), text);

  g_free (text);
  if (mlr_mat2_inverse (m, &inv, NULL))
    text = mlr_matrix_format_matrix (&inv, TRUE);
  else
    text = g_strdup (_("none (det = 0)"));
  gtk_label_set_text (GTK_LABEL (self->info[INFO_INVERSE]), text);
}

static void
sync_preset (MlrMatrixDemo *self,
             gboolean       from_preset)
{
  MlrMatrixPreset preset;
  double angle = 0;
  guint selected = 0;

  if (from_preset)
    return;
  if (mlr_matrix_preset_match (mlr_matrix_state_get_matrix (self->state), &preset, &angle))
    {
      selected = preset + 1;
      if (mlr_matrix_preset_uses_angle (preset))
        {
          self->updating = TRUE;
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->angle), angle);
          self->updating = FALSE;
        }
    }
  self->updating = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset), selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (self->angle,
                            selected > 0 && mlr_matrix_preset_uses_angle (selected - 1));
}

static void
show_message (MlrMatrixDemo *self,
              const char    *message)
{
  gtk_label_set_text (GTK_LABEL (self->message), message ? message : "");
  gtk_widget_set_visible (self->message, message != NULL);
}

/* After A changed: entries, preset, read-out, description, picture. */
static void
update_all (MlrMatrixDemo *self,
            gboolean       from_preset)
{
  sync_entries (self);
  sync_preset (self, from_preset);
  sync_info (self);
  if (!self->dragging)
    update_description (self);
  gtk_widget_queue_draw (self->canvas);
}

/* ---- input: drag */

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
  mlr_matrix_state_select (self->state, which);
  /* the view stays put under the pointer until the drag ends */
  mlr_matrix_state_lock_view (self->state, TRUE);
  show_message (self, NULL);
  gtk_widget_grab_focus (self->canvas);
  gtk_widget_set_cursor_from_name (self->canvas, "grabbing");
  gtk_widget_queue_draw (self->canvas);
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
  if (mlr_matrix_state_set_column (self->state, self->drag_which, x, y))
    update_all (self, FALSE);
}

void
mlr_matrix_demo_drag_end (MlrMatrixDemo *self)
{
  g_return_if_fail (MLR_IS_MATRIX_DEMO (self));
  if (!self->dragging)
    return;
  self->dragging = FALSE;
  /* refit the view to where A now sends the square */
  mlr_matrix_state_lock_view (self->state, FALSE);
  gtk_widget_set_cursor_from_name (self->canvas, "grab");
  update_description (self);
  gtk_widget_queue_draw (self->canvas);
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
      gtk_widget_grab_focus (self->canvas);
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
    gtk_widget_set_cursor_from_name (self->canvas, hit_tip (self, x, y, &which) ? "grab" : NULL);
}

/* ---- input: keyboard */

static void
select_vector (MlrMatrixDemo   *self,
               MlrMatrixVector  which)
{
  mlr_matrix_state_select (self->state, which);
  update_description (self);
  gtk_widget_queue_draw (self->canvas);
}

/**
 * mlr_matrix_demo_key_pressed:
 * The canvas's keys: Tab (forwards from î, backwards from ĵ, so focus can still leave), 1
 * and 2 select; the arrow keys move the selected tip by 0.1 (0.5 with snapping); Space
 * plays or pauses; R resets. Returns whether the key was used.
 */
gboolean
mlr_matrix_demo_key_pressed (MlrMatrixDemo   *self,
                             guint            keyval,
                             GdkModifierType  modifiers)
{
  MlrMatrixVector selected = mlr_matrix_state_get_selected (self->state);
  int dx = 0, dy = 0;

  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), FALSE);
  if (modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if ((modifiers & GDK_SHIFT_MASK) == 0 && selected == MLR_MATRIX_IHAT)
        {
          select_vector (self, MLR_MATRIX_JHAT);
          return TRUE;
        }
      if ((modifiers & GDK_SHIFT_MASK) != 0 && selected == MLR_MATRIX_JHAT)
        {
          select_vector (self, MLR_MATRIX_IHAT);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_ISO_Left_Tab:
      if (selected == MLR_MATRIX_JHAT)
        {
          select_vector (self, MLR_MATRIX_IHAT);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_1:
    case GDK_KEY_KP_1:
      select_vector (self, MLR_MATRIX_IHAT);
      return TRUE;
    case GDK_KEY_2:
    case GDK_KEY_KP_2:
      select_vector (self, MLR_MATRIX_JHAT);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = -1;
      break;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      mlr_matrix_demo_set_playing (self, self->tick_id == 0);
      return TRUE;
    case GDK_KEY_r:
    case GDK_KEY_R:
      mlr_matrix_demo_reset (self);
      return TRUE;
    default:
      return FALSE;
    }
  end_animation (self);
  show_message (self, NULL);
  if (mlr_matrix_state_nudge (self->state, dx, dy))
    update_all (self, FALSE);
  else
    gtk_widget_queue_draw (self->canvas);
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MlrMatrixDemo         *self)
{
  return mlr_matrix_demo_key_pressed (self, keyval, state);
}

static void
focus_enter_cb (GtkEventControllerFocus *focus,
                MlrMatrixDemo           *self)
{
  mlr_matrix_state_set_highlight (self->state, TRUE);
  gtk_widget_queue_draw (self->canvas);
}

static void
focus_leave_cb (GtkEventControllerFocus *focus,
                MlrMatrixDemo           *self)
{
  mlr_matrix_state_set_highlight (self->state, FALSE);
  gtk_widget_queue_draw (self->canvas);
}

/* ---- input: controls */

/**
 * mlr_matrix_demo_reset:
 * Back to the lesson's matrix, shown at once, with î selected: what R does.
 */
void
mlr_matrix_demo_reset (MlrMatrixDemo *self)
{
  g_return_if_fail (MLR_IS_MATRIX_DEMO (self));
  end_animation (self);
  self->dragging = FALSE;
  mlr_matrix_state_reset (self->state);
  show_message (self, NULL);
  update_all (self, FALSE);
}

/* Reads what was typed into an entry: a finite number within ±100, with “−” or “-” and “.”
 * or “,” accepted; anything else is refused with a message (and the entry keeps its value). */
static int
entry_input_cb (GtkSpinButton *spin,
                double        *new_value,
                MlrMatrixDemo *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *clean = NULL;
  g_autofree char *shown = NULL;
  char *end = NULL;
  double v;
  GString *s;

  /* Unchanged text means the value shown, which may be rounded: keep the exact value. */
  shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  {
    char buf[32];
    mlr_matrix_format_number (gtk_spin_button_get_value (spin), FALSE, buf, sizeof buf);
    if (g_strcmp0 (g_strstrip (shown), buf) == 0)
      {
        *new_value = gtk_spin_button_get_value (spin);
        return TRUE;
      }
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
  g_autoptr(GError) error = NULL;
  guint index = 0;

  if (self->updating)
    return;
  while (index < 3 && self->entries[index] != GTK_WIDGET (spin))
    index++;
  end_animation (self);
  if (!mlr_matrix_state_set_entry (self->state, index, gtk_spin_button_get_value (spin), &error))
    {
      show_message (self, error->message);
      sync_entries (self);
      return;
    }
  update_all (self, FALSE);
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

static void
apply_preset (MlrMatrixDemo *self,
              gboolean       animate)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset));
  MlrMatrixPreset preset;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  preset = selected - 1;
  end_animation (self);
  show_message (self, NULL);
  mlr_matrix_state_apply_preset (self->state, preset,
                                 gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->angle)));
  gtk_widget_set_sensitive (self->angle, mlr_matrix_preset_uses_angle (preset));
  update_all (self, TRUE);
  /* watching a preset happen is the point of choosing one */
  if (animate)
    mlr_matrix_demo_set_playing (self, TRUE);
}

static void
preset_changed_cb (GtkDropDown   *dropdown,
                   GParamSpec    *pspec,
                   MlrMatrixDemo *self)
{
  if (!self->updating)
    apply_preset (self, TRUE);
}

static void
angle_changed_cb (GtkSpinButton *spin,
                  MlrMatrixDemo *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset));

  if (!self->updating && selected > 0 && mlr_matrix_preset_uses_angle (selected - 1))
    apply_preset (self, FALSE);
}

static void
play_clicked_cb (GtkButton     *button,
                 MlrMatrixDemo *self)
{
  mlr_matrix_demo_set_playing (self, self->tick_id == 0);
}

static void
reset_clicked_cb (GtkButton     *button,
                  MlrMatrixDemo *self)
{
  mlr_matrix_demo_reset (self);
}

static void
export_clicked_cb (GtkButton     *button,
                   MlrMatrixDemo *self)
{
  mlr_demo_canvas_export_dialog (MLR_DEMO_CANVAS (self->canvas));
}

static void
snap_toggled_cb (GtkToggleButton *toggle,
                 MlrMatrixDemo   *self)
{
  mlr_matrix_state_set_snap (self->state, gtk_toggle_button_get_active (toggle));
}

static void
show_toggled_cb (GtkToggleButton *toggle,
                 MlrMatrixDemo   *self)
{
  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    if (self->toggles[i] == GTK_WIDGET (toggle))
      mlr_matrix_state_set_show (self->state, show_items[i].item,
                                 gtk_toggle_button_get_active (toggle));
  update_description (self);
  gtk_widget_queue_draw (self->canvas);
}

/* ---- building */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static GtkWidget *
build_entries (MlrMatrixDemo *self)
{
  static const char * const names[4] = { "a", "b", "c", "d" };
  static const char * const tips[4] = {
    N_("a: the x coordinate of where î lands (row 1, column 1)"),
    N_("b: the x coordinate of where ĵ lands (row 1, column 2)"),
    N_("c: the y coordinate of where î lands (row 2, column 1)"),
    N_("d: the y coordinate of where ĵ lands (row 2, column 2)"),
  };
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (-MLR_MATRIX_ENTRY_MAX,
                                                        MLR_MATRIX_ENTRY_MAX, 0.1);
      g_autofree char *label = g_strdup_printf (_("Matrix entry %s"), names[i]);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
      gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
      gtk_widget_set_hexpand (spin, TRUE);
      gtk_widget_set_tooltip_text (spin, _(tips[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(tips[i]),
                                      -1);
      g_signal_connect (spin, "input", G_CALLBACK (entry_input_cb), self);
      g_signal_connect (spin, "output", G_CALLBACK (entry_output_cb), self);
      g_signal_connect (spin, "value-changed", G_CALLBACK (entry_changed_cb), self);
      gtk_grid_attach (GTK_GRID (grid), spin, i % 2, i / 2, 1, 1);
      self->entries[i] = spin;
    }
  return grid;
}

static GtkWidget *
build_info (MlrMatrixDemo *self)
{
  static const char * const keys[N_INFO] = {
    N_("det A"), N_("eigenvalues"), N_("singular values"), N_("inverse A⁻¹"),
  };
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
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
      gtk_grid_attach (GTK_GRID (grid), key, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, i, 1, 1);
      self->info[i] = value;
    }
  return grid;
}

static GtkWidget *
build_side (MlrMatrixDemo *self)
{
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *row, *grid, *button;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* preset and angle */
  for (guint i = 0; preset_names[i]; i++)
    g_ptr_array_add (names, (gpointer) _(preset_names[i]));
  g_ptr_array_add (names, NULL);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->preset = gtk_drop_down_new_from_strings ((const char * const *) names->pdata);
  gtk_widget_set_hexpand (self->preset, TRUE);
  gtk_widget_set_tooltip_text (self->preset,
                               _("Start from a classic matrix: rotation, scale, shear, "
                                 "reflection, or a projection that flattens the plane "
                                 "(singular)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preset matrix"), -1);
  g_signal_connect (self->preset, "notify::selected", G_CALLBACK (preset_changed_cb), self);
  self->angle = gtk_spin_button_new_with_range (-180, 180, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->angle), 45);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->angle), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (self->angle), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->angle), 4);
  gtk_widget_set_tooltip_text (self->angle,
                               _("Angle θ in degrees: the rotation's turn, or the line a "
                                 "reflection mirrors across or a projection flattens onto"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->angle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preset angle in degrees"), -1);
  g_signal_connect (self->angle, "input", G_CALLBACK (angle_input_cb), self);
  g_signal_connect (self->angle, "output", G_CALLBACK (angle_output_cb), self);
  g_signal_connect (self->angle, "value-changed", G_CALLBACK (angle_changed_cb), self);
  gtk_box_append (GTK_BOX (row), self->preset);
  gtk_box_append (GTK_BOX (row), self->angle);
  gtk_box_append (GTK_BOX (side), row);

  /* play, reset, snap, export */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->play = icon_button ("media-playback-start-symbolic", _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Play or pause the animation from the identity"), -1);
  g_signal_connect (self->play, "clicked", G_CALLBACK (play_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->play);
  button = icon_button ("edit-undo-symbolic", _("Back to the lesson's matrix (R)"));
  g_signal_connect (button, "clicked", G_CALLBACK (reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  self->snap = gtk_toggle_button_new_with_label (_("Snap"));
  gtk_widget_set_tooltip_text (self->snap,
                               _("Snap dragged arrow tips to multiples of 0.5, so entries "
                                 "come out round; the arrow keys then move by 0.5"));
  g_signal_connect (self->snap, "toggled", G_CALLBACK (snap_toggled_cb), self);
  gtk_box_append (GTK_BOX (row), self->snap);
  button = icon_button ("document-save-symbolic",
                        _("Export the figure as PNG, SVG or PDF, for slides and notes"));
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (side), row);

  /* the matrix */
  gtk_box_append (GTK_BOX (side), heading (_("Matrix A")));
  gtk_box_append (GTK_BOX (side), build_entries (self));
  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_add_css_class (self->message, "caption");
  gtk_widget_set_visible (self->message, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Input problem"), -1);
  gtk_box_append (GTK_BOX (side), self->message);

  /* what to draw */
  gtk_box_append (GTK_BOX (side), heading (_("Show")));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_(show_items[i].label));
      gtk_widget_set_tooltip_text (toggle, _(show_items[i].tooltip));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                    mlr_matrix_state_shows (self->state, show_items[i].item));
      g_signal_connect (toggle, "toggled", G_CALLBACK (show_toggled_cb), self);
      gtk_grid_attach (GTK_GRID (grid), toggle, i % 3, i / 3, 1, 1);
      self->toggles[i] = toggle;
    }
  gtk_box_append (GTK_BOX (side), grid);

  /* read-out */
  gtk_box_append (GTK_BOX (side), build_info (self));

  /* how to play: the canvas is the control that has no widget to hang a tooltip on */
  {
    GtkWidget *hint = gtk_label_new (_("Drag the tips of î (green) and ĵ (red). Keys: Tab, "
                                       "1 or 2 select, arrows move, Space plays, R resets."));
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_label_set_max_width_chars (GTK_LABEL (hint), 30);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_add_css_class (hint, "caption");
    gtk_box_append (GTK_BOX (side), hint);
  }
  return side;
}

/* ---- layout: side by side or stacked */

static int
side_width (MlrMatrixDemo *self)
{
  int min, nat;

  gtk_widget_measure (self->side, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return MAX (min, MIN (nat, 300));
}

static gboolean
side_by_side (MlrMatrixDemo *self,
              int            width)
{
  return width >= side_width (self) + SPACING + MIN_CANVAS;
}

static GtkSizeRequestMode
mlr_matrix_demo_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mlr_matrix_demo_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);
  int smin, snat, sw = side_width (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->side, orientation, -1, &smin, &snat, NULL, NULL);
      *minimum = MAX (smin, MIN_CANVAS / 2);
      *natural = MIN_CANVAS + 160 + SPACING + sw;
    }
  else
    {
      int width = for_size >= 0 ? for_size : MIN_CANVAS + 160 + SPACING + sw;
      if (side_by_side (self, width))
        {
          int canvas_w = width - sw - SPACING;
          gtk_widget_measure (self->side, orientation, sw, &smin, &snat, NULL, NULL);
          *minimum = MAX (smin, MIN_CANVAS_HEIGHT);
          *natural = MAX (snat, CLAMP (canvas_w, MIN_CANVAS_HEIGHT, MAX_CANVAS_HEIGHT));
        }
      else
        {
          int canvas_h = CLAMP (width * 3 / 4, MIN_CANVAS_HEIGHT, MAX_CANVAS_HEIGHT);
          gtk_widget_measure (self->side, orientation, width, &smin, &snat, NULL, NULL);
          *minimum = canvas_h + SPACING + smin;
          *natural = canvas_h + SPACING + snat;
        }
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
mlr_matrix_demo_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);
  GtkAllocation a;

  if (side_by_side (self, width))
    {
      int sw = side_width (self);
      a = (GtkAllocation) { 0, 0, width - sw - SPACING, height };
      gtk_widget_size_allocate (self->frame, &a, -1);
      a = (GtkAllocation) { width - sw, 0, sw, height };
      gtk_widget_size_allocate (self->side, &a, -1);
    }
  else
    {
      int smin, snat;
      gtk_widget_measure (self->side, GTK_ORIENTATION_VERTICAL, width, &smin, &snat, NULL,
                          NULL);
      snat = MIN (snat, MAX (0, height - MIN_CANVAS_HEIGHT - SPACING));
      snat = MAX (snat, smin);
      a = (GtkAllocation) { 0, 0, width, MAX (1, height - snat - SPACING) };
      gtk_widget_size_allocate (self->frame, &a, -1);
      a = (GtkAllocation) { 0, height - snat, width, snat };
      gtk_widget_size_allocate (self->side, &a, -1);
    }
}

/* ---- object */

static void
mlr_matrix_demo_map (GtkWidget *widget)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);

  GTK_WIDGET_CLASS (mlr_matrix_demo_parent_class)->map (widget);
  if (self->autoplay)
    {
      if (mlr_demo_reduce_motion ())
        {
          self->autoplay = FALSE;
          mlr_matrix_state_finish (self->state);
          gtk_widget_queue_draw (self->canvas);
        }
      else
        /* after the first layout, when the canvas knows where it is on the page */
        g_idle_add_full (G_PRIORITY_LOW, autoplay_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static void
mlr_matrix_demo_unmap (GtkWidget *widget)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (widget);

  /* off screen nothing is watching: end where the animation was going */
  if (self->tick_id != 0)
    end_animation (self);
  disconnect_scroll (self);
  GTK_WIDGET_CLASS (mlr_matrix_demo_parent_class)->unmap (widget);
}

static void
mlr_matrix_demo_dispose (GObject *object)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (object);

  stop_ticking (self);
  disconnect_scroll (self);
  g_clear_pointer (&self->frame, gtk_widget_unparent);
  g_clear_pointer (&self->side, gtk_widget_unparent);
  G_OBJECT_CLASS (mlr_matrix_demo_parent_class)->dispose (object);
}

static void
mlr_matrix_demo_finalize (GObject *object)
{
  MlrMatrixDemo *self = MLR_MATRIX_DEMO (object);

  g_clear_pointer (&self->state, mlr_matrix_state_free);
  G_OBJECT_CLASS (mlr_matrix_demo_parent_class)->finalize (object);
}

static void
mlr_matrix_demo_class_init (MlrMatrixDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_matrix_demo_dispose;
  object_class->finalize = mlr_matrix_demo_finalize;
  widget_class->get_request_mode = mlr_matrix_demo_get_request_mode;
  widget_class->measure = mlr_matrix_demo_measure;
  widget_class->size_allocate = mlr_matrix_demo_size_allocate;
  widget_class->map = mlr_matrix_demo_map;
  widget_class->unmap = mlr_matrix_demo_unmap;
  gtk_widget_class_set_css_name (widget_class, "matrixdemo");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mlr_matrix_demo_init (MlrMatrixDemo *self)
{
}

static void
setup (MlrMatrixDemo *self)
{
  GtkGesture *drag;
  GtkEventController *controller;

  self->canvas = mlr_demo_canvas_new ();
  mlr_demo_canvas_set_draw_func (MLR_DEMO_CANVAS (self->canvas), draw_cb, self, NULL);
  gtk_widget_set_hexpand (self->canvas, TRUE);
  gtk_widget_set_vexpand (self->canvas, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matrix transformation of the plane"), -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (self->canvas, GTK_EVENT_CONTROLLER (drag));
  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (self->canvas, controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->canvas, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->canvas, controller);

  self->frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (self->frame), self->canvas);
  gtk_widget_set_parent (self->frame, GTK_WIDGET (self));

  self->side = build_side (self);
  gtk_widget_set_parent (self->side, GTK_WIDGET (self));

  sync_play_button (self);
  update_all (self, FALSE);
}

/**
 * mlr_matrix_demo_new:
 * The demo for a lesson's <demo kind="matrix">: matrix, show and animate from @block's
 * parameters (defaults for any missing). A parameter the table refuses — the loader
 * checks them first, so only a hand-built block gets here — is reported under the entries
 * and left at its default.
 */
GtkWidget *
mlr_matrix_demo_new (const MlrBlock *block)
{
  MlrMatrixDemo *self = g_object_new (MLR_TYPE_MATRIX_DEMO, NULL);
  const MlrDemoSpec *spec = mlr_demo_spec_lookup ("matrix");
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(MlrParams) params = mlr_demo_spec_params_from_block (spec, block, problems);
  g_autoptr(GError) error = NULL;

  self->state = mlr_matrix_state_new (params, &error);
  if (self->state == NULL)
    {
      g_autoptr(MlrParams) defaults = mlr_demo_spec_params (spec);
      mlr_demo_problems_add (problems, error->message);
      self->state = mlr_matrix_state_new (defaults, NULL);
    }
  setup (self);
  if (problems->len > 0)
    show_message (self, problems->str);
  self->autoplay = mlr_matrix_state_get_animate (self->state) &&
                   mlr_matrix_state_get_progress (self->state) < 1.0;
  return GTK_WIDGET (self);
}

/* ---- accessors */

const MlrMatrixState *
mlr_matrix_demo_get_state (MlrMatrixDemo *self)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), NULL);
  return self->state;
}

GtkWidget *
mlr_matrix_demo_get_canvas (MlrMatrixDemo *self)
{
  g_return_val_if_fail (MLR_IS_MATRIX_DEMO (self), NULL);
  return self->canvas;
}

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
    if (show_items[i].item == item)
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
