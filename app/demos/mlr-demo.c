/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mlr-demo-placeholder.h"
#include "painters/mlr-render.h"

/* Screen readers get the description at most this often (a drag gives sixty a second). */
#define DESCRIPTION_US (300 * 1000)

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

void
mlr_demo_after_change (MlrDemo    *self,
                       const char *key)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);

  sync_params (self);
  mlr_demo_controls_sync (self);
  mlr_demo_update_actions (self);
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
  mlr_demo_after_change (self, NULL);
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
  mlr_demo_after_change (self, key);
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
  priv->speed = mlr_demo_class_data (G_OBJECT_TYPE (self))->default_speed;

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
      g_object_ref (G_LIST_MODEL (mlr_demo_class_data (G_OBJECT_TYPE (self))->bindings))));
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
  mlr_demo_after_change (self, NULL);
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

void
mlr_demo_notify_playing (MlrDemo *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
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
          mlr_demo_finish (self);
        }
      else
        /* after the first layout, when the canvas knows where it is on the page */
        g_idle_add_full (G_PRIORITY_LOW, mlr_demo_autoplay_idle_cb, g_object_ref (self),
                         g_object_unref);
    }
}

static void
mlr_demo_unmap (GtkWidget *widget)
{
  MlrDemo *self = MLR_DEMO (widget);

  /* off screen nothing is watching */
  if (mlr_demo_get_private (self)->playing)
    mlr_demo_set_playing (self, FALSE);
  mlr_demo_disconnect_scroll (self);
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

  mlr_demo_stop_ticking (self);
  mlr_demo_disconnect_scroll (self);
  if (priv->reading != NULL)
    g_cancellable_cancel (priv->reading);
  g_clear_object (&priv->reading);
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
  klass->canvas_height = mlr_demo_real_canvas_height;
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

  gtk_widget_class_install_action (widget_class, "demo.play", NULL, mlr_demo_play_action);
  gtk_widget_class_install_action (widget_class, "demo.step", NULL, mlr_demo_step_action);
  gtk_widget_class_install_action (widget_class, "demo.reset", NULL, mlr_demo_reset_action);
  gtk_widget_class_install_action (widget_class, "demo.finish", NULL, mlr_demo_finish_action);
  gtk_widget_class_install_action (widget_class, "demo.export", NULL, mlr_demo_export_action);

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

