/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDemo's class data: what a subclass says about itself (panel position, speeds, keys help,
 * transport tooltips) and the keys its canvas binds to actions.
 */
#include "config.h"

#include "mlr-demo-private.h"

#include <glib/gi18n.h>

static GQuark class_data_quark;

ClassData *
mlr_demo_class_data (GType type)
{
  ClassData *data;

  if (class_data_quark == 0)
    class_data_quark = g_quark_from_static_string ("mlr-demo-class-data");
  data = g_type_get_qdata (type, class_data_quark);

  if (data == NULL)
    {
      ClassData *parent = type == MLR_TYPE_DEMO ? NULL : mlr_demo_class_data (g_type_parent (type));

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
  mlr_demo_class_data (G_TYPE_FROM_CLASS (klass))->position = position;
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
  ClassData *data = mlr_demo_class_data (G_TYPE_FROM_CLASS (klass));

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
  mlr_demo_class_data (G_TYPE_FROM_CLASS (klass))->keys_help = help;
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
  ClassData *data = mlr_demo_class_data (G_TYPE_FROM_CLASS (klass));

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
  ClassData *data = mlr_demo_class_data (G_TYPE_FROM_CLASS (klass));

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
  ClassData *data = mlr_demo_class_data (G_TYPE_FROM_CLASS (klass));
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
  GListModel *bindings = G_LIST_MODEL (mlr_demo_class_data (G_OBJECT_TYPE (self))->bindings);
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
  return G_LIST_MODEL (mlr_demo_class_data (G_TYPE_FROM_CLASS (klass))->bindings);
}

guint
mlr_demo_class_get_n_speeds (MlrDemoClass *klass)
{
  return mlr_demo_class_data (G_TYPE_FROM_CLASS (klass))->n_speeds;
}

const char *
mlr_demo_class_get_speed_title (MlrDemoClass *klass,
                                guint         i)
{
  ClassData *data = mlr_demo_class_data (G_TYPE_FROM_CLASS (klass));

  return i < data->n_speeds && data->speed_titles ? data->speed_titles[i] : NULL;
}

guint
mlr_demo_class_get_default_speed (MlrDemoClass *klass)
{
  return mlr_demo_class_data (G_TYPE_FROM_CLASS (klass))->default_speed;
}

const char *
mlr_demo_class_get_keys_help (MlrDemoClass *klass)
{
  return mlr_demo_class_data (G_TYPE_FROM_CLASS (klass))->keys_help;
}
