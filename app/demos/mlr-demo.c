/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mlr-demo-placeholder.h"
#include "painters/mlr-render.h"

#define SPACING 6
#define BESIDE_SPACING 12
/* Narrowest and natural width of a demo: the canvas can shrink, its controls wrap. */
#define MIN_WIDTH 320
#define NATURAL_WIDTH 740
/* Beside: the narrowest canvas next to the panel, and the canvas's height range. */
#define MIN_CANVAS_BESIDE 300
#define MIN_CANVAS_HEIGHT 280
#define MAX_CANVAS_HEIGHT 620
/* Screen readers get the description at most this often (a drag gives sixty a second). */
#define DESCRIPTION_US (300 * 1000)
/* A stalled frame (a busy main loop, a hidden window) must not turn into a burst of steps. */
#define MAX_FRAME_SECONDS 0.25

enum {
  PROP_0,
  PROP_KIND,
  PROP_PLAYING,
  PROP_PROBLEMS,
  N_PROPS
};

enum {
  SIGNAL_METRICS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (MlrDemoPanelPosition, mlr_demo_panel_position,
                    G_DEFINE_ENUM_VALUE (MLR_DEMO_PANEL_BELOW, "below"),
                    G_DEFINE_ENUM_VALUE (MLR_DEMO_PANEL_BESIDE, "beside"))

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MlrDemo, mlr_demo, GTK_TYPE_WIDGET)

MlrDemoPrivate *
mlr_demo_get_private (MlrDemo *self)
{
  return mlr_demo_get_instance_private (self);
}

/* ---------------------------------------------------------------- class data */

/* What a class says about itself beyond its vfuncs, kept per GType (a subclass's class
 * struct is a copy of its parent's, so a pointer there would be shared) and inherited. */
typedef struct {
  MlrDemoPanelPosition  position;
  const double         *speeds;
  const char * const   *speed_titles;
  guint                 n_speeds;
  guint                 default_speed;
  const char           *keys_help;
  const char           *tips[4];      /* reset, play, replay, step; N_() */
  GListStore           *bindings;     /* GtkShortcut on the canvas, the class's own first */
  guint                 n_own;        /* how many of them the class added itself */
} ClassData;

static GQuark class_data_quark;

static ClassData *
class_data (GType type)
{
  ClassData *data = g_type_get_qdata (type, class_data_quark);

  if (data == NULL)
    {
      ClassData *parent = type == MLR_TYPE_DEMO ? NULL : class_data (g_type_parent (type));

      data = g_new0 (ClassData, 1);
      if (parent != NULL)
        *data = *parent;
      data->n_own = 0;
      data->bindings = g_list_store_new (GTK_TYPE_SHORTCUT);
      for (guint i = 0; parent && i < g_list_model_get_n_items (G_LIST_MODEL (parent->bindings));
           i++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (parent->bindings), i);
          g_list_store_append (data->bindings, s);
        }
      g_type_set_qdata (type, class_data_quark, data);
    }
  return data;
}

void
mlr_demo_class_set_panel_position (MlrDemoClass         *klass,
                                   MlrDemoPanelPosition  position)
{
  class_data (G_TYPE_FROM_CLASS (klass))->position = position;
}

/**
 * mlr_demo_class_set_speeds:
 * The speeds the default advance offers, in steps per second, with their names (N_()); more
 * than one puts a speed drop-down beside the transport buttons.
 */
void
mlr_demo_class_set_speeds (MlrDemoClass       *klass,
                           const double       *steps_per_second,
                           const char * const *titles,
                           guint               n_speeds,
                           guint               default_speed)
{
  ClassData *data = class_data (G_TYPE_FROM_CLASS (klass));

  g_return_if_fail (n_speeds > 0 && default_speed < n_speeds);
  data->speeds = steps_per_second;
  data->speed_titles = titles;
  data->n_speeds = n_speeds;
  data->default_speed = default_speed;
}

/* How to use the canvas with the pointer and the keys, shown in the More menu (N_()). */
void
mlr_demo_class_set_keys_help (MlrDemoClass *klass,
                              const char   *help)
{
  class_data (G_TYPE_FROM_CLASS (klass))->keys_help = help;
}

/**
 * mlr_demo_class_set_transport_tips:
 * What the transport buttons' tooltips say (N_()), when "Back to the start", "Play", "Play
 * again from the start" and "One step" say too little ("Train one more epoch").
 */
void
mlr_demo_class_set_transport_tips (MlrDemoClass *klass,
                                   const char   *reset,
                                   const char   *play,
                                   const char   *replay,
                                   const char   *step)
{
  ClassData *data = class_data (G_TYPE_FROM_CLASS (klass));

  data->tips[0] = reset;
  data->tips[1] = play;
  data->tips[2] = replay;
  data->tips[3] = step;
}

/* Tooltip @i of the transport (0 reset, 1 play, 2 replay, 3 step), translated. */
const char *
mlr_demo_class_get_transport_tip (MlrDemoClass *klass,
                                  guint         i)
{
  static const char * const fallback[] = {
    N_("Back to the start (R)"), N_("Play (Space)"), N_("Play again from the start (Space)"),
    N_("One step (Enter)"),
  };
  ClassData *data = class_data (G_TYPE_FROM_CLASS (klass));

  g_return_val_if_fail (i < G_N_ELEMENTS (fallback), "");
  return _(data->tips[i] ? data->tips[i] : fallback[i]);
}

/**
 * mlr_demo_class_add_canvas_binding:
 * A key that activates @action_name (with the parameter built from @format_string, as
 * gtk_widget_class_add_binding_action() does) while the canvas has the keyboard focus. The
 * keys live on the canvas so that a focused control keeps its own keys; an action that is
 * disabled lets the key go on (an arrow moves focus on). A subclass's keys come before the
 * ones it inherits, so it can give a key another meaning.
 */
void
mlr_demo_class_add_canvas_binding (MlrDemoClass    *klass,
                                   guint            keyval,
                                   GdkModifierType  mods,
                                   const char      *action_name,
                                   const char      *format_string,
                                   ...)
{
  ClassData *data = class_data (G_TYPE_FROM_CLASS (klass));
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, mods),
                                            gtk_named_action_new (action_name));

  if (format_string != NULL)
    {
      va_list args;
      va_start (args, format_string);
      gtk_shortcut_set_arguments (shortcut, g_variant_new_va (format_string, NULL, &args));
      va_end (args);
    }
  g_list_store_insert (data->bindings, data->n_own++, shortcut);
  g_object_unref (shortcut);
}

/**
 * mlr_demo_activate_canvas_key:
 * Does what pressing @keyval with @mods on the focused canvas does: the first of the class's
 * canvas keys that matches and whose action is enabled. Returns whether a key was handled
 * (tests drive the keyboard with it).
 */
gboolean
mlr_demo_activate_canvas_key (MlrDemo         *self,
                              guint            keyval,
                              GdkModifierType  mods)
{
  GListModel *bindings = G_LIST_MODEL (class_data (G_OBJECT_TYPE (self))->bindings);
  /* a trigger normalizes what it is given (Shift+ISO_Left_Tab is Shift+Tab): compare alike */
  g_autoptr(GtkShortcutTrigger) probe = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (bindings); i++)
    {
      g_autoptr(GtkShortcut) s = g_list_model_get_item (bindings, i);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (s), probe) &&
          gtk_shortcut_action_activate (gtk_shortcut_get_action (s), 0,
                                        mlr_demo_get_private (self)->canvas,
                                        gtk_shortcut_get_arguments (s)))
        return TRUE;
    }
  return FALSE;
}

/* The canvas keys of @klass (GtkShortcut items), for the shortcuts window's test. */
GListModel *
mlr_demo_class_get_canvas_bindings (MlrDemoClass *klass)
{
  return G_LIST_MODEL (class_data (G_TYPE_FROM_CLASS (klass))->bindings);
}

guint
mlr_demo_class_get_n_speeds (MlrDemoClass *klass)
{
  return class_data (G_TYPE_FROM_CLASS (klass))->n_speeds;
}

const char *
mlr_demo_class_get_speed_title (MlrDemoClass *klass,
                                guint         i)
{
  ClassData *data = class_data (G_TYPE_FROM_CLASS (klass));

  return i < data->n_speeds && data->speed_titles ? data->speed_titles[i] : NULL;
}

guint
mlr_demo_class_get_default_speed (MlrDemoClass *klass)
{
  return class_data (G_TYPE_FROM_CLASS (klass))->default_speed;
}

const char *
mlr_demo_class_get_keys_help (MlrDemoClass *klass)
{
  return class_data (G_TYPE_FROM_CLASS (klass))->keys_help;
}

static gboolean
animates (MlrDemo *self)
{
  return MLR_DEMO_GET_CLASS (self)->advance != NULL;
}

/* ---------------------------------------------------------------- small things */

/* A message for the learner, as a toast of the page the demo is on. */
void
mlr_demo_toast (MlrDemo    *self,
                const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lesson.toast", "s", message);
}

/* Whether demos jump to results instead of animating: the desktop's (or the app's) setting. */
gboolean
mlr_demo_reduce_motion (MlrDemo *self)
{
  return !adw_get_enable_animations (GTK_WIDGET (self));
}

const MlrDemoKind *
mlr_demo_get_kind (MlrDemo *self)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  return mlr_demo_get_private (self)->kind;
}

/* The state (the kind's ml type); a change made to it directly needs mlr_demo_changed(). */
gpointer
mlr_demo_get_state (MlrDemo *self)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  return mlr_demo_get_private (self)->state;
}

const MlrParams *
mlr_demo_get_params (MlrDemo *self)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  return mlr_demo_get_private (self)->params;
}

MlrDemoSetting *
mlr_demo_get_setting (MlrDemo    *self,
                    const char *key)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  return g_hash_table_lookup (mlr_demo_get_private (self)->param_objects, key);
}

MlrDemoCanvas *
mlr_demo_get_canvas (MlrDemo *self)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  return MLR_DEMO_CANVAS (mlr_demo_get_private (self)->canvas);
}

const MlrPalette *
mlr_demo_get_palette (MlrDemo *self)
{
  return mlr_demo_canvas_get_palette (mlr_demo_get_canvas (self));
}

/* The kind's paint cache, kept between paints (NULL when the kind has none). */
gpointer
mlr_demo_get_paint_cache (MlrDemo *self)
{
  return mlr_demo_get_private (self)->paint_cache;
}

/* Why the lesson's parameters gave way to defaults, or NULL. */
const char *
mlr_demo_get_problems (MlrDemo *self)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  return mlr_demo_get_private (self)->problems;
}

void
mlr_demo_queue_draw (MlrDemo *self)
{
  gtk_widget_queue_draw (mlr_demo_get_private (self)->canvas);
}

/**
 * mlr_demo_set_caption:
 * The lesson's caption for the demo, laid out under it (the demo takes it as a child).
 */
void
mlr_demo_set_caption (MlrDemo   *self,
                      GtkWidget *caption)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  g_clear_pointer (&priv->caption, gtk_widget_unparent);
  priv->caption = caption;
  if (caption != NULL)
    gtk_widget_set_parent (caption, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- description and metrics */

static void
metric_cb (const char *name,
           GVariant   *value,
           gpointer    user_data)
{
  MlrDemoPrivate *priv = user_data;

  g_hash_table_insert (priv->metrics, g_strdup (name), g_variant_ref_sink (value));
}

static gboolean
metrics_differ (GHashTable *a,
                GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GVariant *other = g_hash_table_lookup (b, key);
      if (other == NULL || !g_variant_equal (value, other))
        return TRUE;
    }
  return FALSE;
}

/* The sentence for screen readers, and — at the same moment — the metrics for challenges. */
static void
update_description_now (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  g_autofree char *text = MLR_DEMO_GET_CLASS (self)->describe (self);
  GHashTable *old = priv->metrics;

  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  priv->last_description_us = g_get_monotonic_time ();

  priv->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_variant_unref);
  priv->kind->collect_metrics (priv->state, metric_cb, priv);
  if (metrics_differ (old, priv->metrics))
    g_signal_emit (self, signals[SIGNAL_METRICS_CHANGED], 0);
  g_hash_table_unref (old);
}

static gboolean
description_timeout_cb (gpointer user_data)
{
  MlrDemo *self = user_data;

  mlr_demo_get_private (self)->description_id = 0;
  update_description_now (self);
  return G_SOURCE_REMOVE;
}

/* At most one update per DESCRIPTION_US, and always the last one. */
static void
update_description (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  gint64 since = g_get_monotonic_time () - priv->last_description_us;

  if (since >= DESCRIPTION_US)
    {
      g_clear_handle_id (&priv->description_id, g_source_remove);
      update_description_now (self);
    }
  else if (priv->description_id == 0)
    priv->description_id = g_timeout_add ((guint) ((DESCRIPTION_US - since) / 1000 + 1),
                                          description_timeout_cb, self);
}

/**
 * mlr_demo_lookup_metric:
 * A new reference to the metric @name as the demo reported it last, or NULL.
 */
GVariant *
mlr_demo_lookup_metric (MlrDemo    *self,
                        const char *name)
{
  GVariant *v;

  g_return_val_if_fail (MLR_IS_DEMO (self), NULL);
  v = g_hash_table_lookup (mlr_demo_get_private (self)->metrics, name);
  return v ? g_variant_ref (v) : NULL;
}

/* ---------------------------------------------------------------- parameters */

static void
update_canvas_label (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  g_autofree char *label = klass->get_label ? klass->get_label (self)
                                            : g_strdup (_(priv->kind->title));

  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

/* Reads back what the state holds and brings every parameter object up to date. */
static void
sync_params (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GHashTableIter iter;
  gpointer key, param;

  if (priv->kind->read_params != NULL)
    priv->kind->read_params (priv->state, priv->params);
  g_hash_table_iter_init (&iter, priv->param_objects);
  while (g_hash_table_iter_next (&iter, &key, &param))
    mlr_demo_setting_sync (param, priv->params,
                         priv->kind->param_relevant == NULL ||
                         priv->kind->param_relevant (priv->state, key));
}

static void update_actions (MlrDemo *self);

static void
after_change (MlrDemo    *self,
              const char *key)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);

  sync_params (self);
  mlr_demo_controls_sync (self);
  update_actions (self);
  update_canvas_label (self);
  if (klass->changed)
    klass->changed (self, key);
  mlr_demo_controls_sync_transport (self);
  mlr_demo_queue_draw (self);
  update_description (self);
}

/**
 * mlr_demo_changed:
 * Call after changing the state other than through a parameter (a drag on the canvas, a step):
 * the controls follow what the state holds, the picture repaints, the description and the
 * metrics follow.
 */
void
mlr_demo_changed (MlrDemo *self)
{
  g_return_if_fail (MLR_IS_DEMO (self));
  after_change (self, NULL);
}

static gboolean
real_apply_param (MlrDemo          *self,
                  const MlrParams  *params,
                  const char       *key,
                  GError          **error)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  gpointer state;

  if (priv->kind->apply_param != NULL)
    return priv->kind->apply_param (priv->state, params, key, error);
  state = priv->kind->state_new (params, error);
  if (state == NULL)
    return FALSE;
  priv->kind->state_free (priv->state);
  priv->state = state;
  return TRUE;
}

/**
 * mlr_demo_set_param:
 * Sets parameter @key to @value as its control would: checked against the table, applied to
 * the state, and followed by every control, the picture, the description and the metrics.
 * On failure nothing changes.
 */
gboolean
mlr_demo_set_param (MlrDemo     *self,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  MlrDemoPrivate *priv;
  g_autoptr(MlrParams) params = NULL;

  g_return_val_if_fail (MLR_IS_DEMO (self), FALSE);
  priv = mlr_demo_get_private (self);
  params = mlr_params_copy (priv->params);
  if (!mlr_params_set (params, key, value, error))
    return FALSE;
  if (mlr_params_has (priv->params, key) && mlr_params_equal_value (params, priv->params, key))
    return TRUE;
  if (!MLR_DEMO_GET_CLASS (self)->apply_param (self, params, key, error))
    return FALSE;
  mlr_params_free (priv->params);
  priv->params = g_steal_pointer (&params);
  after_change (self, key);
  return TRUE;
}

/* MlrDemoSetting's way in: a refusal is told, the control snaps back. */
static gboolean
param_apply_cb (gpointer     owner,
                const char  *key,
                const char  *value,
                GError     **error)
{
  MlrDemo *self = owner;
  g_autoptr(GError) local = NULL;

  if (mlr_demo_set_param (self, key, value, &local))
    return TRUE;
  mlr_demo_toast (self, local->message);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* ---------------------------------------------------------------- animation */

static gboolean
real_advance (MlrDemo *self,
              double   seconds)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  ClassData *data = class_data (G_OBJECT_TYPE (self));
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
  after_change (self, NULL);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (MlrDemo *self)
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

  return animates (self) && (klass->can_play == NULL || klass->can_play (self));
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
    stop_ticking (self);
  if (priv->playing != playing)
    {
      priv->playing = playing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
  after_change (self, NULL);
}

/* One step (pauses first). */
void
mlr_demo_step (MlrDemo *self)
{
  g_return_if_fail (MLR_IS_DEMO (self));
  if (!animates (self))
    return;
  mlr_demo_set_playing (self, FALSE);
  MLR_DEMO_GET_CLASS (self)->step (self);
  after_change (self, NULL);
}

/* Back to the start (pauses first). */
void
mlr_demo_reset (MlrDemo *self)
{
  g_return_if_fail (MLR_IS_DEMO (self));
  if (!animates (self))
    return;
  mlr_demo_set_playing (self, FALSE);
  MLR_DEMO_GET_CLASS (self)->rewind (self);
  after_change (self, NULL);
}

static void
finish (MlrDemo *self)
{
  mlr_demo_set_playing (self, FALSE);
  MLR_DEMO_GET_CLASS (self)->finish (self);
  after_change (self, NULL);
}

/* ---- autoplay: play once, when at least half of the canvas is first on screen */

static void
disconnect_scroll (MlrDemo *self)
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
      disconnect_scroll (self);
      mlr_demo_set_playing (self, TRUE);
    }
}

static void
scroll_changed_cb (GtkAdjustment *adj,
                   MlrDemo       *self)
{
  maybe_autoplay (self);
}

static gboolean
autoplay_idle_cb (gpointer user_data)
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

  priv->autoplay = autoplay && animates (self);
  if (priv->autoplay && gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_idle_add_full (G_PRIORITY_LOW, autoplay_idle_cb, g_object_ref (self), g_object_unref);
}

/* ---------------------------------------------------------------- actions */

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrDemo *self = MLR_DEMO (widget);

  mlr_demo_set_playing (self, !mlr_demo_get_private (self)->playing);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mlr_demo_step (MLR_DEMO (widget));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mlr_demo_reset (MLR_DEMO (widget));
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish (MLR_DEMO (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (MLR_DEMO (widget));

  if (priv->menu_button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (priv->menu_button));
  mlr_demo_canvas_export_dialog (MLR_DEMO_CANVAS (priv->canvas));
}

/* Which transport actions make sense now (their buttons and keys follow). */
static void
update_actions (MlrDemo *self)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  gboolean anim = animates (self);
  gboolean playable = can_play (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.play", playable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.step",
                                 playable && !klass->is_finished (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.reset", anim);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.finish", playable);
}

/* ---------------------------------------------------------------- drawing and export */

static void
draw_cb (cairo_t          *cr,
         int               width,
         int               height,
         const MlrPalette *palette,
         gpointer          user_data)
{
  MlrDemo *self = user_data;

  MLR_DEMO_GET_CLASS (self)->draw (self, cr, width, height, palette);
}

static void
real_draw (MlrDemo          *self,
           cairo_t          *cr,
           int               width,
           int               height,
           const MlrPalette *palette)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrPaintContext context = {
    .focused = gtk_widget_has_focus (priv->canvas),
    .scale = gtk_widget_get_scale_factor (priv->canvas),
  };

  priv->kind->paint (cr, width, height, palette, priv->state, priv->paint_cache, &context);
}

/* Paints what the canvas shows, at its size and colours, to a PNG, SVG or PDF file. */
gboolean
mlr_demo_export (MlrDemo     *self,
                 const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (MLR_IS_DEMO (self), FALSE);
  return mlr_demo_canvas_export (mlr_demo_get_canvas (self), path, error);
}

static void
canvas_css_changed_cb (MlrDemoCanvas *canvas,
                       MlrDemo       *self)
{
  mlr_demo_controls_palette_changed (self);
}

/* ---------------------------------------------------------------- layout */

static int
real_canvas_height (MlrDemo *self,
                    int      width)
{
  return CLAMP ((int) round (width * 0.62), 300, 600);
}

static gboolean
panel_beside (MlrDemo *self,
              int      width,
              int     *panel_width)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  int min, nat;

  if (class_data (G_OBJECT_TYPE (self))->position != MLR_DEMO_PANEL_BESIDE)
    return FALSE;
  gtk_widget_measure (priv->panel, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  *panel_width = MAX (min, MIN (nat, 300));
  return width >= *panel_width + BESIDE_SPACING + MIN_CANVAS_BESIDE;
}

static int
extra_height (GtkWidget *child,
              int        width)
{
  int min = 0, nat = 0;

  if (child == NULL || !gtk_widget_get_visible (child))
    return 0;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return min + SPACING;
}

static GtkSizeRequestMode
mlr_demo_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The height the demo wants at @width. */
static void
measure_height (MlrDemo *self,
                int      width,
                int     *minimum,
                int     *natural)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  int pmin = 0, pnat = 0, pw;
  int h = extra_height (priv->problems_label, width) + extra_height (priv->caption, width);

  if (panel_beside (self, width, &pw))
    {
      int canvas_w = width - pw - BESIDE_SPACING;
      gtk_widget_measure (priv->panel, GTK_ORIENTATION_VERTICAL, pw, &pmin, &pnat, NULL, NULL);
      *minimum = h + MAX (pmin, MIN_CANVAS_HEIGHT);
      /* beside its panel the canvas is as tall as it is wide, within bounds */
      *natural = h + MAX (pnat, CLAMP (canvas_w, MIN_CANVAS_HEIGHT, MAX_CANVAS_HEIGHT));
      return;
    }
  gtk_widget_measure (priv->panel, GTK_ORIENTATION_VERTICAL, width, &pmin, &pnat, NULL, NULL);
  *minimum = *natural = h + klass->canvas_height (self, width) + SPACING + pmin;
}

static void
mlr_demo_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  MlrDemo *self = MLR_DEMO (widget);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  int pmin = 0, pnat = 0;

  *minimum_baseline = *natural_baseline = -1;
  *minimum = *natural = 0;
  if (priv->panel == NULL)
    return;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (priv->panel, orientation, -1, &pmin, &pnat, NULL, NULL);
      *minimum = MAX (MIN (pmin, NATURAL_WIDTH), MIN_WIDTH);
      *natural = MAX (pnat, NATURAL_WIDTH);
      return;
    }
  if (for_size >= 0)
    {
      measure_height (self, for_size, minimum, natural);
      return;
    }
  /* With no width given GTK wants a height no width exceeds; the canvas grows with the width
   * and the panel with narrowness, so take the tallest of the widths that matter. */
  {
    static const int widths[] = { MIN_WIDTH, 599, 600, NATURAL_WIDTH, 4096 };

    for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
      {
        int min, nat;
        measure_height (self, widths[i], &min, &nat);
        *minimum = MAX (*minimum, min);
        *natural = MAX (*natural, nat);
      }
  }
}

static void
mlr_demo_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  MlrDemo *self = MLR_DEMO (widget);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  int y = 0, bottom = height, pw, pmin, pnat;

  if (priv->panel == NULL)
    return;
  if (gtk_widget_get_visible (priv->problems_label))
    {
      int h = extra_height (priv->problems_label, width) - SPACING;
      gtk_widget_size_allocate (priv->problems_label, &(GtkAllocation) { 0, 0, width, h }, -1);
      y = h + SPACING;
    }
  if (priv->caption != NULL && gtk_widget_get_visible (priv->caption))
    {
      int h = extra_height (priv->caption, width) - SPACING;
      bottom = height - h;
      gtk_widget_size_allocate (priv->caption, &(GtkAllocation) { 0, bottom, width, h }, -1);
      bottom -= SPACING;
    }

  if (panel_beside (self, width, &pw))
    {
      gtk_widget_size_allocate (priv->canvas,
                                &(GtkAllocation) { 0, y, width - pw - BESIDE_SPACING,
                                                   MAX (bottom - y, 1) }, -1);
      gtk_widget_size_allocate (priv->panel, &(GtkAllocation) { width - pw, y, pw,
                                                                 MAX (bottom - y, 1) }, -1);
      return;
    }
  gtk_widget_measure (priv->panel, GTK_ORIENTATION_VERTICAL, width, &pmin, &pnat, NULL, NULL);
  gtk_widget_size_allocate (priv->canvas,
                            &(GtkAllocation) { 0, y, width,
                                               MAX (bottom - y - SPACING - pmin, 1) }, -1);
  gtk_widget_size_allocate (priv->panel, &(GtkAllocation) { 0, bottom - pmin, width, pmin }, -1);
}

/* ---------------------------------------------------------------- construction */

static void
canvas_focus_cb (GtkEventControllerFocus *controller,
                 MlrDemo                 *self)
{
  mlr_demo_queue_draw (self);
}

/* Builds the widget around @state (taken) for @params (taken). */
static void
setup (MlrDemo           *self,
       const MlrDemoKind *kind,
       gpointer           state,
       MlrParams         *params,
       const char        *problems)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  GtkEventController *controller;
  const MlrParamSpec *specs;
  guint n_specs;

  priv->kind = kind;
  priv->state = state;
  priv->params = params;
  priv->initial = mlr_params_copy (params);
  priv->paint_cache = kind->cache_new ? kind->cache_new () : NULL;
  priv->speed = class_data (G_OBJECT_TYPE (self))->default_speed;

  specs = mlr_params_get_specs (params, &n_specs);
  for (guint i = 0; i < n_specs; i++)
    g_hash_table_insert (priv->param_objects, (gpointer) specs[i].key,
                         mlr_demo_setting_new (&specs[i], param_apply_cb, self));

  priv->canvas = mlr_demo_canvas_new ();
  gtk_widget_add_css_class (priv->canvas, "card");
  mlr_demo_canvas_set_draw_func (MLR_DEMO_CANVAS (priv->canvas), draw_cb, self, NULL);
  gtk_widget_set_parent (priv->canvas, GTK_WIDGET (self));
  g_signal_connect_object (priv->canvas, "palette-changed", G_CALLBACK (canvas_css_changed_cb),
                           self, 0);
  controller = GTK_EVENT_CONTROLLER (
    gtk_shortcut_controller_new_for_model (
      g_object_ref (G_LIST_MODEL (class_data (G_OBJECT_TYPE (self))->bindings))));
  gtk_widget_add_controller (priv->canvas, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (canvas_focus_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (canvas_focus_cb), self);
  gtk_widget_add_controller (priv->canvas, controller);

  if (problems != NULL && *problems != '\0')
    {
      g_autofree char *text =
        g_strdup_printf (_("This demo's parameters do not work (%s); it shows its defaults "
                           "instead."), problems);
      priv->problems = g_strdup (problems);
      gtk_label_set_text (GTK_LABEL (priv->problems_label), text);
      gtk_widget_set_visible (priv->problems_label, TRUE);
    }

  sync_params (self);
  /* a subclass with a template brings its panel as the template's child; the others get
   * the generated one, and then add to it in setup */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c && !priv->panel;
       c = gtk_widget_get_next_sibling (c))
    if (c != priv->problems_label && c != priv->canvas && c != priv->caption)
      priv->panel = c;
  if (priv->panel == NULL)
    mlr_demo_set_panel (self, mlr_demo_controls_build (self));
  if (klass->setup)
    klass->setup (self);
  /* reading (and Tab) order: what went wrong, the picture, its controls */
  gtk_widget_insert_after (priv->canvas, GTK_WIDGET (self), priv->problems_label);
  gtk_widget_insert_after (priv->panel, GTK_WIDGET (self), priv->canvas);
  after_change (self, NULL);
}

/* The GType of the subclass that runs @kind, or 0. */
static GType
widget_type_for (const MlrDemoKind *kind)
{
  GType type;

  mlr_demo_ensure_types ();
  type = g_type_from_name (kind->widget_type);
  if (type == 0 || !g_type_is_a (type, MLR_TYPE_DEMO) || G_TYPE_IS_ABSTRACT (type))
    {
      g_critical ("demo “%s”: “%s” is not an MlrDemo subclass in demos/mlr-demo-types.c",
                  kind->id, kind->widget_type);
      return 0;
    }
  return type;
}

static GtkWidget *
new_demo (const MlrDemoKind  *kind,
          MlrParams          *params,
          gboolean            fall_back,
          GError            **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  gpointer state;
  GType type = widget_type_for (kind);
  MlrDemo *self;

  if (type == 0)
    {
      g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_UNKNOWN_DEMO,
                   "the demo “%s” has no widget", kind->id);
      mlr_params_free (params);
      return NULL;
    }
  state = kind->state_new (params, &local);
  if (state == NULL && !fall_back)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      mlr_params_free (params);
      return NULL;
    }
  if (state == NULL)
    {
      mlr_demo_problems_add (problems, local->message);
      mlr_params_free (params);
      params = mlr_demo_kind_new_params (kind);
      state = kind->state_new (params, NULL);
    }
  self = g_object_new (type, NULL);
  setup (self, kind, state, params, problems->str);
  return GTK_WIDGET (self);
}

/**
 * mlr_demo_new:
 * The demo @kind for @params (NULL: its defaults). Returns NULL with @error set when there is
 * no such demo or its state refuses the parameters.
 */
GtkWidget *
mlr_demo_new (const char       *kind,
              const MlrParams  *params,
              GError          **error)
{
  const MlrDemoKind *k = mlr_demo_registry_lookup (kind);

  if (k == NULL)
    {
      g_autofree char *ids = mlr_demo_registry_ids ();
      g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_UNKNOWN_DEMO,
                   "there is no demo called “%s” (demos: %s)", kind, ids);
      return NULL;
    }
  return new_demo (k, params ? mlr_params_copy (params) : mlr_demo_kind_new_params (k), FALSE,
                   error);
}

/**
 * mlr_demo_new_for_block:
 * The widget for a lesson's <demo>: the demo itself when it exists, else a card that names it
 * and says why it cannot run. (The loader checks each parameter and how they combine and gives
 * such a block an error; a hand-built block with a bad value still gets the demo, with its
 * defaults and a line saying what was ignored.)
 */
GtkWidget *
mlr_demo_new_for_block (const MlrBlock *block)
{
  const MlrDemoKind *kind;
  g_autoptr(GString) problems = g_string_new (NULL);
  MlrParams *params;
  GtkWidget *demo;

  g_return_val_if_fail (block->kind == MLR_BLOCK_DEMO, NULL);

  kind = block->error == NULL ? mlr_demo_registry_lookup (block->demo_kind) : NULL;
  if (kind == NULL)
    return mlr_demo_placeholder_new (block);
  params = mlr_demo_spec_params_from_block (kind->spec, block, problems);
  demo = new_demo (kind, params, TRUE, NULL);
  if (demo == NULL)
    return mlr_demo_placeholder_new (block);
  if (problems->len > 0)
    {
      MlrDemoPrivate *priv = mlr_demo_get_private (MLR_DEMO (demo));
      g_autofree char *all = priv->problems
                             ? g_strdup_printf ("%s; %s", problems->str, priv->problems)
                             : g_strdup (problems->str);
      g_autofree char *text =
        g_strdup_printf (_("This demo's parameters do not work (%s); it shows its defaults "
                           "instead."), all);
      g_free (priv->problems);
      priv->problems = g_steal_pointer (&all);
      gtk_label_set_text (GTK_LABEL (priv->problems_label), text);
      gtk_widget_set_visible (priv->problems_label, TRUE);
      g_object_notify_by_pspec (G_OBJECT (demo), properties[PROP_PROBLEMS]);
    }
  return demo;
}

/* ---------------------------------------------------------------- GObject */

static void
mlr_demo_map (GtkWidget *widget)
{
  MlrDemo *self = MLR_DEMO (widget);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  GTK_WIDGET_CLASS (mlr_demo_parent_class)->map (widget);
  if (priv->autoplay)
    {
      if (mlr_demo_reduce_motion (self))
        {
          priv->autoplay = FALSE;
          finish (self);
        }
      else
        /* after the first layout, when the canvas knows where it is on the page */
        g_idle_add_full (G_PRIORITY_LOW, autoplay_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static void
mlr_demo_unmap (GtkWidget *widget)
{
  MlrDemo *self = MLR_DEMO (widget);

  /* off screen nothing is watching */
  if (mlr_demo_get_private (self)->playing)
    mlr_demo_set_playing (self, FALSE);
  disconnect_scroll (self);
  GTK_WIDGET_CLASS (mlr_demo_parent_class)->unmap (widget);
}

static void
mlr_demo_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MlrDemo *self = MLR_DEMO (object);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, priv->kind ? priv->kind->id : NULL);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, priv->playing);
      break;
    case PROP_PROBLEMS:
      g_value_set_string (value, priv->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_demo_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MlrDemo *self = MLR_DEMO (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      if (mlr_demo_get_private (self)->state != NULL)
        mlr_demo_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_demo_dispose (GObject *object)
{
  MlrDemo *self = MLR_DEMO (object);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GHashTableIter iter;
  gpointer param;
  GtkWidget *child;

  stop_ticking (self);
  disconnect_scroll (self);
  g_clear_handle_id (&priv->description_id, g_source_remove);
  /* the canvas paints with the state: it goes first */
  if (priv->canvas != NULL)
    mlr_demo_canvas_set_draw_func (MLR_DEMO_CANVAS (priv->canvas), NULL, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  priv->problems_label = priv->canvas = priv->panel = priv->caption = NULL;
  priv->bar = priv->menu_box = priv->menu_grid = NULL;
  mlr_demo_controls_dispose (self);
  /* parameter objects bound to controls may outlive us; they must not call back */
  g_hash_table_iter_init (&iter, priv->param_objects);
  while (g_hash_table_iter_next (&iter, NULL, &param))
    mlr_demo_setting_disown (param);
  G_OBJECT_CLASS (mlr_demo_parent_class)->dispose (object);
}

static void
mlr_demo_finalize (GObject *object)
{
  MlrDemo *self = MLR_DEMO (object);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  g_hash_table_unref (priv->param_objects);
  g_hash_table_unref (priv->metrics);
  if (priv->state != NULL)
    priv->kind->state_free (priv->state);
  if (priv->paint_cache != NULL)
    priv->kind->cache_free (priv->paint_cache);
  g_clear_pointer (&priv->params, mlr_params_free);
  g_clear_pointer (&priv->initial, mlr_params_free);
  g_free (priv->problems);
  G_OBJECT_CLASS (mlr_demo_parent_class)->finalize (object);
}

static void
mlr_demo_class_init (MlrDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  class_data_quark = g_quark_from_static_string ("mlr-demo-class-data");

  object_class->get_property = mlr_demo_get_property;
  object_class->set_property = mlr_demo_set_property;
  object_class->dispose = mlr_demo_dispose;
  object_class->finalize = mlr_demo_finalize;
  widget_class->get_request_mode = mlr_demo_get_request_mode;
  widget_class->measure = mlr_demo_measure;
  widget_class->size_allocate = mlr_demo_size_allocate;
  widget_class->map = mlr_demo_map;
  widget_class->unmap = mlr_demo_unmap;
  klass->draw = real_draw;
  klass->apply_param = real_apply_param;
  klass->canvas_height = real_canvas_height;
  klass->advance = NULL;

  /**
   * MlrDemo:kind:
   * The registry id of the demo ("gradient-descent").
   */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * MlrDemo:playing:
   * Whether the demo is animating.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MlrDemo:problems:
   * Why the lesson's parameters gave way to the defaults, or %NULL.
   */
  properties[PROP_PROBLEMS] = g_param_spec_string ("problems", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MlrDemo::metrics-changed:
   * What the demo reports to challenges changed (see mlr_demo_lookup_metric()).
   */
  signals[SIGNAL_METRICS_CHANGED] = g_signal_new ("metrics-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "demo.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "demo.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "demo.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "demo.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "demo.export", NULL, export_action);

  /* every demo that animates: the transport's keys */
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_space, 0, "demo.play", NULL);
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_KP_Space, 0, "demo.play", NULL);
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_Return, 0, "demo.step", NULL);
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_KP_Enter, 0, "demo.step", NULL);
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_r, 0, "demo.reset", NULL);
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_R, GDK_SHIFT_MASK, "demo.reset", NULL);
  mlr_demo_class_add_canvas_binding (klass, GDK_KEY_End, 0, "demo.finish", NULL);

  gtk_widget_class_set_css_name (widget_class, "demo");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mlr_demo_init (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  priv->param_objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  priv->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_variant_unref);
  priv->problems_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (priv->problems_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (priv->problems_label), 0);
  gtk_widget_add_css_class (priv->problems_label, "error");
  gtk_widget_set_visible (priv->problems_label, FALSE);
  gtk_widget_set_parent (priv->problems_label, GTK_WIDGET (self));
  mlr_demo_controls_init (self);
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
