/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDemo's playing: the tick that advances a demo, play/pause/step/reset/finish and their
 * actions, reduced motion, and autoplay when the canvas first comes on screen.
 */
#include "config.h"

#include "mlr-demo-private.h"

#include <adwaita.h>

/* A stalled frame (a busy main loop, a hidden window) must not turn into a burst of steps. */
#define MAX_FRAME_SECONDS 0.25

static gboolean
real_advance (MlrDemo *self,
              double   seconds)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  ClassData *data = mlr_demo_class_data (G_OBJECT_TYPE (self));
  double rate = data->n_speeds ? data->speeds[MIN (priv->speed, data->n_speeds - 1)] : 20;
  guint n;

  priv->step_debt += seconds * rate;
  n = (guint) priv->step_debt;
  priv->step_debt -= n;
  for (guint i = 0; i < n && klass->step (self); i++)
    ;
  return !klass->is_finished (self);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  MlrDemo *self = MLR_DEMO (widget);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = priv->last_frame_us ? (now - priv->last_frame_us) / 1e6 : 0;
  gboolean more;

  priv->last_frame_us = now;
  more = MLR_DEMO_GET_CLASS (self)->advance (self, MIN (dt, MAX_FRAME_SECONDS));
  if (!more)
    {
      priv->tick_id = 0;
      mlr_demo_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  mlr_demo_after_change (self, NULL);
  return G_SOURCE_CONTINUE;
}

void
mlr_demo_stop_ticking (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  if (priv->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->tick_id);
      priv->tick_id = 0;
    }
}

gboolean
mlr_demo_get_playing (MlrDemo *self)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), FALSE);
  return mlr_demo_get_private (self)->playing;
}

static gboolean
can_play (MlrDemo *self)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);

  return mlr_demo_animates (self) && (klass->can_play == NULL || klass->can_play (self));
}

/**
 * mlr_demo_set_playing:
 * Starts or stops the animation. Playing what has finished plays it again from the start;
 * with reduced motion it jumps to the end instead.
 */
void
mlr_demo_set_playing (MlrDemo  *self,
                      gboolean  playing)
{
  MlrDemoPrivate *priv;
  MlrDemoClass *klass;

  g_return_if_fail (MLR_IS_DEMO (self));
  priv = mlr_demo_get_private (self);
  klass = MLR_DEMO_GET_CLASS (self);
  playing = !!playing && can_play (self);
  priv->autoplay = FALSE;

  if (playing && !priv->playing)
    {
      if (klass->is_finished (self))
        klass->rewind (self);
      if (mlr_demo_reduce_motion (self) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          klass->finish (self);
          playing = FALSE;
        }
      else
        {
          priv->last_frame_us = 0;
          priv->step_debt = 1;  /* move on the first frame: the click did something */
          if (priv->tick_id == 0)
            priv->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL,
                                                          NULL);
        }
    }
  if (!playing)
    mlr_demo_stop_ticking (self);
  if (priv->playing != playing)
    {
      priv->playing = playing;
      mlr_demo_notify_playing (self);
    }
  mlr_demo_after_change (self, NULL);
}

/* One step (pauses first). */
void
mlr_demo_step (MlrDemo *self)
{
  g_return_if_fail (MLR_IS_DEMO (self));
  if (!mlr_demo_animates (self))
    return;
  mlr_demo_set_playing (self, FALSE);
  MLR_DEMO_GET_CLASS (self)->step (self);
  mlr_demo_after_change (self, NULL);
}

/* Back to the start (pauses first). */
void
mlr_demo_reset (MlrDemo *self)
{
  g_return_if_fail (MLR_IS_DEMO (self));
  if (!mlr_demo_animates (self))
    return;
  mlr_demo_set_playing (self, FALSE);
  MLR_DEMO_GET_CLASS (self)->rewind (self);
  mlr_demo_after_change (self, NULL);
}

void
mlr_demo_finish (MlrDemo *self)
{
  mlr_demo_set_playing (self, FALSE);
  MLR_DEMO_GET_CLASS (self)->finish (self);
  mlr_demo_after_change (self, NULL);
}

/* ---- autoplay: play once, when at least half of the canvas is first on screen */

void
mlr_demo_disconnect_scroll (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  if (priv->scroll_adj != NULL)
    {
      g_clear_signal_handler (&priv->scroll_handler, priv->scroll_adj);
      g_clear_object (&priv->scroll_adj);
    }
}

static gboolean
canvas_on_screen (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  double h, top, bottom;

  if (scrolled == NULL)
    return TRUE;
  if (!gtk_widget_compute_bounds (priv->canvas, scrolled, &bounds))
    return FALSE;
  h = gtk_widget_get_height (scrolled);
  top = MAX (bounds.origin.y, 0);
  bottom = MIN (bounds.origin.y + bounds.size.height, h);
  return bounds.size.height > 0 && bottom - top >= 0.5 * MIN (bounds.size.height, h);
}

static void
maybe_autoplay (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  if (priv->autoplay && gtk_widget_get_mapped (priv->canvas) && canvas_on_screen (self))
    {
      mlr_demo_disconnect_scroll (self);
      mlr_demo_set_playing (self, TRUE);
    }
}

static void
scroll_changed_cb (GtkAdjustment *adj,
                   MlrDemo       *self)
{
  maybe_autoplay (self);
}

gboolean
mlr_demo_autoplay_idle_cb (gpointer user_data)
{
  MlrDemo *self = user_data;
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GtkWidget *scrolled;

  if (!priv->autoplay || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL && priv->scroll_adj == NULL)
    {
      priv->scroll_adj =
        g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
      priv->scroll_handler = g_signal_connect (priv->scroll_adj, "value-changed",
                                               G_CALLBACK (scroll_changed_cb), self);
    }
  maybe_autoplay (self);
  return G_SOURCE_REMOVE;
}

/**
 * mlr_demo_set_autoplay:
 * Plays once, by itself, the first time the canvas is scrolled into view (at once when it
 * already is), so a demo far down a lesson does not play to nobody. With reduced motion the
 * picture jumps to its end instead.
 */
void
mlr_demo_set_autoplay (MlrDemo  *self,
                       gboolean  autoplay)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  priv->autoplay = autoplay && mlr_demo_animates (self);
  if (priv->autoplay && gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_idle_add_full (G_PRIORITY_LOW, mlr_demo_autoplay_idle_cb, g_object_ref (self), g_object_unref);
}

/* ---------------------------------------------------------------- actions */

void
mlr_demo_play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrDemo *self = MLR_DEMO (widget);

  mlr_demo_set_playing (self, !mlr_demo_get_private (self)->playing);
}

void
mlr_demo_step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mlr_demo_step (MLR_DEMO (widget));
}

void
mlr_demo_reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mlr_demo_reset (MLR_DEMO (widget));
}

void
mlr_demo_finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mlr_demo_finish (MLR_DEMO (widget));
}

void
mlr_demo_export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (MLR_DEMO (widget));

  if (priv->menu_button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (priv->menu_button));
  mlr_demo_canvas_export_dialog (MLR_DEMO_CANVAS (priv->canvas));
}

/* Which transport actions make sense now (their buttons and keys follow). */
void
mlr_demo_update_actions (MlrDemo *self)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  gboolean anim = mlr_demo_animates (self);
  gboolean playable = can_play (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.play", playable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.step",
                                 playable && !klass->is_finished (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.reset", anim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.finish", playable);
}

/**
 * mlr_demo_default_advance:
 * An advance for demos that move in steps: it takes `step`s at the speed chosen (see
 * mlr_demo_class_set_speeds()). A subclass sets it as its class's advance.
 */
gboolean
mlr_demo_default_advance (MlrDemo *self,
                          double   seconds)
{
  return real_advance (self, seconds);
}
