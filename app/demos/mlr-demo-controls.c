/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controls of an MlrDemo, generated from its parameter specs: a choice becomes a
 * drop-down, a number a spin button or a (log) slider with its value beside it, a bool a
 * switch, a choice list a row of check buttons — each labelled, with the spec's help as its
 * tooltip and accessible description, and bound to the parameter's MlrDemoSetting so that it
 * follows the state without being kept in step by hand. Controls go on the lines of the panel
 * their spec's `row` names, or in the More menu; a control whose key does not matter now
 * hides. Under the lines, a bar: play/pause/step/reset for a demo that animates, what the
 * subclass adds, and the More menu (export, the subclass's items, how to use the canvas).
 */
#include "config.h"

#include "mlr-demo-private.h"
#include "mlr-scroll-forward.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-tooltip.h"
#include "mlr-wrap-box.h"

#define ROW_COLUMN_SPACING 14
#define ROW_SPACING 4

/* ---------------------------------------------------------------- values shown */

/* The range a control covers: the spec's ui range within the valid one ((0, 0): all of it). */
static double
ui_low (const MlrParamSpec *spec)
{
  return spec->ui_min != 0 || spec->ui_max != 0 ? MAX (spec->ui_min, spec->min) : spec->min;
}

static double
ui_high (const MlrParamSpec *spec)
{
  return spec->ui_max != 0 ? MIN (spec->ui_max, spec->max) : spec->max;
}

/* "0.18", "0.003", "1e−5", "0.99999": what a slider's number says. */
static char *
format_value (const MlrParamSpec *spec,
              double              v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *s;

  if (spec->digits > 0)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%df", spec->digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
    }
  else if (v != 0 && (fabs (v) >= 1e5 || fabs (v) < 1e-3))
    g_ascii_formatd (buf, sizeof buf, "%.2g", v);
  else
    g_ascii_formatd (buf, sizeof buf, "%.4g", v);
  /* true minus signs, and 1e-05 as 1e−5 */
  s = g_string_new (NULL);
  for (const char *p = buf; *p; p++)
    {
      if (*p == '-')
        g_string_append (s, "−");
      else if (*p == '+')
        continue;
      else if (*p == '0' && p > buf + 1 && (p[-1] == '-' || p[-1] == '+') && p[-2] == 'e')
        continue;
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static gboolean
number_to_label (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_take_string (to, format_value (user_data, g_value_get_double (from)));
  return TRUE;
}

/* number <-> the position of a log slider */
static gboolean
number_to_log (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const MlrParamSpec *spec = user_data;
  double v = g_value_get_double (from);

  g_value_set_double (to, log10 (CLAMP (v, ui_low (spec), ui_high (spec))));
  return TRUE;
}

static gboolean
log_to_number (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const MlrParamSpec *spec = user_data;
  /* two significant digits, so what the label shows is what is used (kept in range: 0.9999
   * rounds to 1) */
  double v = mlr_param_round_significant (pow (10, g_value_get_double (from)), 2);

  g_value_set_double (to, CLAMP (v, ui_low (spec), ui_high (spec)));
  return TRUE;
}

/* number <-> −log10 (1 − number), for decay rates near 1 */
static gboolean
number_to_log1m (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const MlrParamSpec *spec = user_data;
  double v = CLAMP (g_value_get_double (from), ui_low (spec), ui_high (spec));

  g_value_set_double (to, -log10 (MAX (1 - v, 1e-12)));
  return TRUE;
}

static gboolean
log1m_to_number (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const MlrParamSpec *spec = user_data;
  double gap = mlr_param_round_significant (pow (10, -g_value_get_double (from)), 2);

  g_value_set_double (to, CLAMP (1 - gap, ui_low (spec), ui_high (spec)));
  return TRUE;
}

static gboolean
invert_boolean (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_boolean (to, !g_value_get_boolean (from));
  return TRUE;
}

/* ---------------------------------------------------------------- one control */

static GtkWidget *
value_label (MlrDemoSetting       *param,
             const MlrParamSpec *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  g_object_bind_property_full (param, "number", label, "label", G_BINDING_SYNC_CREATE,
                               number_to_label, NULL, (gpointer) spec, NULL);
  return label;
}

static GtkWidget *
slider (MlrDemoSetting       *param,
        const MlrParamSpec *spec,
        gboolean            in_menu,
        GtkWidget         **value)
{
  double lo = ui_low (spec), hi = ui_high (spec);
  double step = spec->ui_step;
  GtkWidget *scale;
  GtkAdjustment *adj;

  switch (spec->ui)
    {
    case MLR_PARAM_UI_LOG:
      lo = log10 (lo);
      hi = log10 (hi);
      step = step > 0 ? step : 0.02;
      break;
    case MLR_PARAM_UI_LOG1M:
      lo = -log10 (1 - lo);
      hi = -log10 (1 - hi);
      step = step > 0 ? step : 0.05;
      break;
    case MLR_PARAM_UI_SLIDER:
    default:
      step = step > 0 ? step : (hi - lo) / 100;
      break;
    }
  adj = gtk_adjustment_new (lo, lo, hi, step, step * 10, 0);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adj);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_size_request (scale, in_menu ? 180 : 96, -1);
  gtk_widget_set_hexpand (scale, in_menu);
  if (spec->ui == MLR_PARAM_UI_LOG)
    for (double e = ceil (lo); e <= hi; e += 1)
      gtk_scale_add_mark (GTK_SCALE (scale), e, GTK_POS_BOTTOM, NULL);

  if (spec->ui == MLR_PARAM_UI_LOG)
    g_object_bind_property_full (param, "number", adj, "value",
                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                 number_to_log, log_to_number, (gpointer) spec, NULL);
  else if (spec->ui == MLR_PARAM_UI_LOG1M)
    g_object_bind_property_full (param, "number", adj, "value",
                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                 number_to_log1m, log1m_to_number, (gpointer) spec, NULL);
  else
    g_object_bind_property (param, "number", adj, "value",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  *value = value_label (param, spec);
  return scale;
}

static GtkWidget *
spin_button (MlrDemoSetting       *param,
             const MlrParamSpec *spec)
{
  double lo = ui_low (spec), hi = ui_high (spec);
  double step = spec->ui_step > 0 ? spec->ui_step
                : spec->type == MLR_PARAM_INT ? 1 : (hi - lo) / 100;
  GtkWidget *spin = gtk_spin_button_new_with_range (lo, hi, step);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  if (spec->type == MLR_PARAM_NUMBER)
    gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), spec->digits > 0 ? spec->digits : 3);
  g_object_bind_property (param, "number",
                          gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return spin;
}

static GtkWidget *
drop_down (MlrDemoSetting *param)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  const char *title;

  for (guint i = 0; (title = mlr_demo_setting_get_titled (param, i, NULL)) != NULL; i++)
    gtk_string_list_append (list, _(title));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  g_object_bind_property (param, "selected", dropdown, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return dropdown;
}

/* A choice list: one check button per choice, in step with the value. */
static void
item_toggled_cb (GtkCheckButton *check,
                 MlrDemoSetting   *param)
{
  guint choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "choice"));

  /* a refusal (the last optimizer) is told by the demo and the value stays: show it */
  if (!mlr_demo_setting_set_item (param, choice, gtk_check_button_get_active (check), NULL))
    gtk_check_button_set_active (check, mlr_demo_setting_get_item (param, choice));
}

static void
items_sync_cb (MlrDemoSetting *param,
               GParamSpec   *pspec,
               GtkWidget    *box)
{
  for (GtkWidget *c = gtk_widget_get_first_child (box); c; c = gtk_widget_get_next_sibling (c))
    {
      guint choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (c), "choice"));
      gboolean on = mlr_demo_setting_get_item (param, choice);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)) != on)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (c), on);
    }
}

static GtkWidget *
check_list (MlrDemo            *self,
            MlrDemoSetting       *param,
            const MlrParamSpec *spec)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  GtkWidget *box = mlr_wrap_box_new (6, 0);

  for (guint i = 0; spec->choices[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 5);
      GtkWidget *decoration = klass->decorate_choice ? klass->decorate_choice (self, spec->key, i)
                                                     : NULL;
      const char *title = spec->choice_titles ? _(spec->choice_titles[i]) : spec->choices[i];
      g_autofree char *name = g_strconcat ("choice-", spec->choices[i], NULL);

      if (decoration != NULL)
        gtk_box_append (GTK_BOX (inner), decoration);
      gtk_box_append (GTK_BOX (inner), gtk_label_new (title));
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), inner);
      gtk_widget_set_name (check, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      if (spec->choice_help != NULL)
        mlr_widget_set_tooltip (check, _(spec->choice_help[i]));
      g_object_set_data (G_OBJECT (check), "choice", GUINT_TO_POINTER (i));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), mlr_demo_setting_get_item (param, i));
      g_signal_connect (check, "toggled", G_CALLBACK (item_toggled_cb), param);
      mlr_wrap_box_append (MLR_WRAP_BOX (box), check);
    }
  g_signal_connect_object (param, "notify::value", G_CALLBACK (items_sync_cb), box, 0);
  return box;
}

/* The control for @spec, with its label (and value, and special check) in one group that
 * hides when the key does not matter; NULL when the spec asks for none. */
static GtkWidget *
build_control (MlrDemo            *self,
               const MlrParamSpec *spec,
               gboolean            in_menu,
               GtkGrid            *grid,
               int                 grid_row)
{
  MlrDemoSetting *param = mlr_demo_get_setting (self, spec->key);
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *control = NULL, *value = NULL, *label = NULL;
  const char *text = spec->label ? _(spec->label) : spec->key;
  const char *tip = spec->help ? _(spec->help) : NULL;
  g_autofree char *name = g_strconcat ("param-", spec->key, NULL);

  if (spec->ui == MLR_PARAM_UI_NONE)
    return NULL;
  switch (spec->type)
    {
    case MLR_PARAM_CHOICE:
      control = drop_down (param);
      break;
    case MLR_PARAM_CHOICE_LIST:
      control = check_list (self, param, spec);
      break;
    case MLR_PARAM_BOOL:
      control = gtk_switch_new ();
      g_object_bind_property (param, "active", control, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      break;
    case MLR_PARAM_INT:
    case MLR_PARAM_NUMBER:
      if (spec->ui == MLR_PARAM_UI_AUTO)
        control = spin_button (param, spec);
      else
        control = slider (param, spec, in_menu, &value);
      /* On the page, the wheel scrolls the lesson unless the learner is at this control; in
       * a menu it stays with the control. */
      if (!in_menu)
        mlr_scroll_forward_vertical (control, TRUE);
      break;
    case MLR_PARAM_NUMBER_LIST:
    case MLR_PARAM_INT_LIST:
    default:
      return NULL;  /* no generic control: the subclass or the canvas sets these */
    }

  gtk_widget_set_name (control, name);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  if (tip != NULL)
    mlr_widget_set_tooltip (control, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
  if (spec->type != MLR_PARAM_CHOICE_LIST)
    {
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (tip != NULL)
        mlr_widget_set_tooltip (label, tip);
    }

  if (grid != NULL)
    {
      /* the More menu: label | control | value in columns */
      if (label != NULL)
        gtk_grid_attach (grid, label, 0, grid_row, 1, 1);
      gtk_box_append (GTK_BOX (group), control);
      if (value != NULL)
        gtk_box_append (GTK_BOX (group), value);
      gtk_widget_set_hexpand (group, TRUE);
      gtk_grid_attach (grid, group, 1, grid_row, 2, 1);
      if (label != NULL)
        g_object_bind_property (param, "relevant", label, "visible", G_BINDING_SYNC_CREATE);
    }
  else
    {
      if (label != NULL)
        gtk_box_append (GTK_BOX (group), label);
      gtk_box_append (GTK_BOX (group), control);
      if (value != NULL)
        gtk_box_append (GTK_BOX (group), value);
    }
  if (spec->special != NULL && spec->special_label != NULL)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(spec->special_label));
      g_autofree char *check_name = g_strconcat (name, "-", spec->special, NULL);

      gtk_widget_set_name (check, check_name);
      if (tip != NULL)
        mlr_widget_set_tooltip (check, tip);
      g_object_bind_property (param, "special", check, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property_full (param, "special", control, "sensitive",
                                   G_BINDING_SYNC_CREATE, invert_boolean, NULL, NULL, NULL);
      gtk_box_append (GTK_BOX (group), check);
    }
  g_object_bind_property (param, "relevant", group, "visible", G_BINDING_SYNC_CREATE);
  g_hash_table_insert (mlr_demo_get_private (self)->controls, (gpointer) spec->key, group);
  g_object_set_data (G_OBJECT (group), "control", control);
  return group;
}

/* ---------------------------------------------------------------- the panel */

static GtkWidget *
ensure_row (MlrDemo *self,
            guint    row)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  while (priv->rows->len <= row)
    {
      GtkWidget *box = mlr_wrap_box_new (ROW_COLUMN_SPACING, ROW_SPACING);
      g_autofree char *name = g_strdup_printf ("row-%u", priv->rows->len);

      gtk_widget_set_name (box, name);
      /* rows keep their order whatever order they are made in: insert before the bar */
      gtk_widget_insert_before (box, priv->panel, priv->bar);
      g_ptr_array_add (priv->rows, box);
    }
  return g_ptr_array_index (priv->rows, row);
}

/* Whether @spec gets a generated control (build_control() returns one). */
static gboolean
has_control (const MlrParamSpec *spec)
{
  if (spec->ui == MLR_PARAM_UI_NONE)
    return FALSE;
  return spec->type == MLR_PARAM_CHOICE || spec->type == MLR_PARAM_CHOICE_LIST ||
         spec->type == MLR_PARAM_BOOL || spec->type == MLR_PARAM_INT ||
         spec->type == MLR_PARAM_NUMBER;
}

/* A slider alone on its line (the learning rate) gets room to be precise. */
static void
widen_if_alone (GtkWidget *row,
                GtkWidget *group)
{
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "alone")) != 2)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (group); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_SCALE (c))
      gtk_widget_set_size_request (c, 260, -1);
}

/* The row in the More menu's grid that the spec at @index has (one per spec with a control). */
static int
menu_row_of (const MlrParamSpec *specs,
             guint               index)
{
  int row = 0;

  for (guint i = 0; i < index; i++)
    row += specs[i].more && has_control (&specs[i]);
  return row;
}

/* Builds the control of the spec at @index now, where it would have been had it been built
 * with the panel: after the nearest earlier control of its line (and what the subclass added
 * after that one), so the order on screen, in Tab and for a screen reader is the specs'. */
static GtkWidget *
build_deferred (MlrDemo *self,
                guint    index)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  guint n_specs;
  const MlrParamSpec *specs = mlr_params_get_specs (priv->params, &n_specs);
  const MlrParamSpec *spec = &specs[index];
  GtkWidget *group, *row, *after = NULL;

  if (spec->more)
    return build_control (self, spec, TRUE, GTK_GRID (priv->menu_grid),
                          menu_row_of (specs, index));
  group = build_control (self, spec, FALSE, NULL, 0);
  if (group == NULL)
    return NULL;
  row = ensure_row (self, spec->row);
  for (guint j = index; j-- > 0 && after == NULL;)
    if (!specs[j].more && specs[j].row == spec->row)
      after = g_hash_table_lookup (priv->controls, specs[j].key);
  if (after != NULL)
    {
      GtkWidget *before = after;
      while (gtk_widget_get_next_sibling (after) != NULL &&
             g_object_get_data (G_OBJECT (gtk_widget_get_next_sibling (after)),
                                "added-after") == before)
        after = gtk_widget_get_next_sibling (after);
    }
  gtk_widget_insert_after (group, row, after);
  if (g_object_get_data (G_OBJECT (row), "alone") == NULL)
    {
      /* a line made now: every control on it was put off */
      guint n = 0;

      for (guint j = 0; j < n_specs; j++)
        n += !specs[j].more && specs[j].row == spec->row && has_control (&specs[j]);
      g_object_set_data (G_OBJECT (row), "alone", GINT_TO_POINTER (n == 1 ? 2 : 1));
    }
  widen_if_alone (row, group);
  return group;
}

static void deferred_relevant_cb (MlrDemoSetting *setting,
                                  GParamSpec     *pspec,
                                  MlrDemo        *self);

/* The group of @key's control, built now if it was put off; NULL when the key has none. */
static GtkWidget *
ensure_control (MlrDemo    *self,
                const char *key)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GtkWidget *group;
  gpointer index;

  if (priv->controls == NULL)
    return NULL;
  group = g_hash_table_lookup (priv->controls, key);
  if (group != NULL || priv->deferred == NULL ||
      !g_hash_table_lookup_extended (priv->deferred, key, NULL, &index))
    return group;
  g_hash_table_remove (priv->deferred, key);
  g_signal_handlers_disconnect_by_func (mlr_demo_get_setting (self, key), deferred_relevant_cb,
                                        self);
  return build_deferred (self, GPOINTER_TO_UINT (index));
}

static void
deferred_relevant_cb (MlrDemoSetting *setting,
                      GParamSpec     *pspec,
                      MlrDemo        *self)
{
  if (mlr_demo_setting_get_relevant (setting))
    ensure_control (self, mlr_demo_setting_get_spec (setting)->key);
}

static void
speed_changed_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  MlrDemo     *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i != GTK_INVALID_LIST_POSITION)
    mlr_demo_get_private (self)->speed = i;
}

static GtkWidget *
icon_button (const char *icon,
             const char *name,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
playing_changed_cb (MlrDemo    *self,
                    GParamSpec *pspec,
                    GtkWidget  *transport)
{
  mlr_demo_controls_sync_transport (self);
}

/**
 * mlr_demo_create_transport:
 * The transport buttons — back to the start, play/pause, one step — and, where the class has
 * several speeds, a speed drop-down, bound to the demo.* actions; for a hand-laid panel.
 */
GtkWidget *
mlr_demo_create_transport (MlrDemo *self)
{
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *reset = icon_button ("media-skip-backward-symbolic", "reset", "demo.reset");
  GtkWidget *play = icon_button ("media-playback-start-symbolic", "play", "demo.play");
  GtkWidget *step = icon_button ("media-skip-forward-symbolic", "step", "demo.step");
  guint n_speeds = mlr_demo_class_get_n_speeds (klass);

  gtk_widget_set_name (box, "transport");
  gtk_widget_add_css_class (buttons, "linked");
  mlr_widget_set_tooltip (reset, mlr_demo_class_get_transport_tip (klass, 0));
  mlr_widget_set_tooltip (step, mlr_demo_class_get_transport_tip (klass, 3));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the start"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (step), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("One step"), -1);
  gtk_box_append (GTK_BOX (buttons), reset);
  gtk_box_append (GTK_BOX (buttons), play);
  gtk_box_append (GTK_BOX (buttons), step);
  gtk_box_append (GTK_BOX (box), buttons);
  g_object_set_data (G_OBJECT (box), "play", play);

  if (n_speeds > 1)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      GtkWidget *dropdown;

      for (guint i = 0; i < n_speeds; i++)
        gtk_string_list_append (list, _(mlr_demo_class_get_speed_title (klass, i)));
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
      gtk_widget_set_name (dropdown, "speed");
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), priv->speed);
      mlr_widget_set_tooltip (dropdown, _("Animation speed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Speed"), -1);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (speed_changed_cb), self);
      gtk_box_append (GTK_BOX (box), dropdown);
    }
  g_signal_connect_object (self, "notify::playing", G_CALLBACK (playing_changed_cb), box, 0);
  if (priv->transports == NULL)
    priv->transports = g_ptr_array_new ();
  g_ptr_array_add (priv->transports, box);
  return box;
}

/* The play button says what it will do. */
void
mlr_demo_controls_sync_transport (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  MlrDemoClass *klass = MLR_DEMO_GET_CLASS (self);
  gboolean can = klass->advance != NULL && (klass->can_play == NULL || klass->can_play (self));
  gboolean finished = klass->is_finished != NULL && klass->is_finished (self);

  for (guint i = 0; priv->transports && i < priv->transports->len; i++)
    {
      GtkWidget *box = g_ptr_array_index (priv->transports, i);
      GtkWidget *play = g_object_get_data (G_OBJECT (box), "play");

      gtk_widget_set_visible (box, can);
      gtk_button_set_icon_name (GTK_BUTTON (play), priv->playing
                                                   ? "media-playback-pause-symbolic"
                                                   : "media-playback-start-symbolic");
      mlr_widget_set_tooltip (play, priv->playing ? _("Pause (Space)")
                                    : mlr_demo_class_get_transport_tip (klass,
                                                                        finished ? 2 : 1));
      gtk_accessible_update_property (GTK_ACCESSIBLE (play), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      priv->playing ? _("Pause") : _("Play"), -1);
    }
}

static GtkWidget *
menu_button_new (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  const char *help = mlr_demo_class_get_keys_help (MLR_DEMO_GET_CLASS (self));
  GtkWidget *button = priv->menu_button;
  GtkWidget *popover = gtk_popover_new ();

  priv->menu_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (priv->menu_box, 6);
  gtk_widget_set_margin_end (priv->menu_box, 6);
  gtk_widget_set_margin_top (priv->menu_box, 6);
  gtk_widget_set_margin_bottom (priv->menu_box, 6);

  priv->menu_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (priv->menu_grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (priv->menu_grid), 10);
  gtk_box_append (GTK_BOX (priv->menu_box), priv->menu_grid);

  gtk_box_append (GTK_BOX (priv->menu_box), priv->menu_items);

  if (help != NULL)
    {
      GtkWidget *label = gtk_label_new (_(help));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (priv->menu_box), label);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), priv->menu_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_name (button, "more");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (button, _("More settings, export, and the keys"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More"), -1);
  return button;
}

/**
 * mlr_demo_controls_build:
 * The generated panel: a line per spec row, then the bar. Called by MlrDemo after the
 * subclass's setup when it did not set a panel of its own.
 */
GtkWidget *
mlr_demo_controls_build (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  const MlrParamSpec *specs;
  GtkWidget *spacer;
  guint n_specs;
  int menu_row = 0;

  priv->panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_name (priv->panel, "controls");
  priv->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_name (priv->bar, "bar");
  gtk_box_append (GTK_BOX (priv->panel), priv->bar);

  if (MLR_DEMO_GET_CLASS (self)->advance != NULL)
    gtk_box_append (GTK_BOX (priv->bar), mlr_demo_create_transport (self));
  gtk_box_append (GTK_BOX (priv->bar), priv->bar_extras);
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (priv->bar), spacer);
  gtk_box_append (GTK_BOX (priv->bar), menu_button_new (self));

  specs = mlr_params_get_specs (priv->params, &n_specs);
  /* The controls of keys that do not matter now (another model's hyper-parameters) are built
   * when they first do: most are never shown, and a drop-down or a scale costs a frame's worth
   * of time when the lesson opens. */
  for (guint i = 0; i < n_specs; i++)
    {
      MlrDemoSetting *setting = mlr_demo_get_setting (self, specs[i].key);
      GtkWidget *group;

      if (!has_control (&specs[i]))
        continue;
      if (!mlr_demo_setting_get_relevant (setting))
        {
          if (priv->deferred == NULL)
            priv->deferred = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (priv->deferred, (gpointer) specs[i].key, GUINT_TO_POINTER (i));
          g_signal_connect_object (setting, "notify::relevant",
                                   G_CALLBACK (deferred_relevant_cb), self, 0);
          if (specs[i].more)
            menu_row++;
          continue;
        }
      group = build_control (self, &specs[i], specs[i].more,
                             specs[i].more ? GTK_GRID (priv->menu_grid) : NULL, menu_row);
      if (group == NULL)
        continue;
      if (specs[i].more)
        menu_row++;
      else
        mlr_wrap_box_append (MLR_WRAP_BOX (ensure_row (self, specs[i].row)), group);
    }
  /* widgets the subclass added before the panel existed */
  for (guint i = 0; priv->pending && i < priv->pending->len; i += 2)
    {
      guint row = GPOINTER_TO_UINT (g_ptr_array_index (priv->pending, i));
      GtkWidget *widget = g_ptr_array_index (priv->pending, i + 1);
      mlr_wrap_box_append (MLR_WRAP_BOX (ensure_row (self, row)), widget);
      g_object_unref (widget);
    }

  /* a slider alone on its line (the learning rate) gets room to be precise: alone among
   * every control the line will hold, built now or later */
  for (guint i = 0; i < priv->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (priv->rows, i);
      guint n = 0;

      for (guint j = 0; j < n_specs; j++)
        n += !specs[j].more && specs[j].row == i && has_control (&specs[j]);
      for (guint j = 0; priv->pending && j < priv->pending->len; j += 2)
        n += GPOINTER_TO_UINT (g_ptr_array_index (priv->pending, j)) == i;
      g_object_set_data (G_OBJECT (row), "alone", GINT_TO_POINTER (n == 1 ? 2 : 1));
      if (n == 1 && gtk_widget_get_first_child (row) != NULL)
        widen_if_alone (row, gtk_widget_get_first_child (row));
    }
  g_clear_pointer (&priv->pending, g_ptr_array_unref);
  return priv->panel;
}

/* Hides lines with nothing to show (a model with no hyper-parameters of its own). */
void
mlr_demo_controls_sync (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  for (guint i = 0; priv->rows && i < priv->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (priv->rows, i);
      gboolean any = FALSE;

      for (GtkWidget *c = gtk_widget_get_first_child (row); c && !any;
           c = gtk_widget_get_next_sibling (c))
        any = gtk_widget_get_visible (c);
      gtk_widget_set_visible (row, any);
    }
}

/* ---------------------------------------------------------------- what subclasses add */

/* The generated control of @key (a drop-down, spin button, scale, switch...), or NULL; one
 * put off until its key matters is built now. */
GtkWidget *
mlr_demo_get_control (MlrDemo    *self,
                      const char *key)
{
  GtkWidget *group = ensure_control (self, key);

  return group ? g_object_get_data (G_OBJECT (group), "control") : NULL;
}

/**
 * mlr_demo_add_control:
 * Adds @widget (a control of the subclass's own) at the end of line @row of the generated
 * panel; in setup, before the panel exists, it is kept until it does.
 */
void
mlr_demo_add_control (MlrDemo   *self,
                      guint      row,
                      GtkWidget *widget)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  if (priv->rows == NULL || priv->panel == NULL)
    {
      if (priv->pending == NULL)
        priv->pending = g_ptr_array_new ();
      g_ptr_array_add (priv->pending, GUINT_TO_POINTER (row));
      g_ptr_array_add (priv->pending, g_object_ref_sink (widget));
      return;
    }
  mlr_wrap_box_append (MLR_WRAP_BOX (ensure_row (self, row)), widget);
}

/* Adds @widget on the same line, right after the generated control of @key (it wraps on its
 * own; bind its visibility to the setting's "relevant" when it should hide with the key). */
void
mlr_demo_add_control_after (MlrDemo    *self,
                            const char *key,
                            GtkWidget  *widget)
{
  GtkWidget *group = ensure_control (self, key);
  GtkWidget *after = group;

  g_return_if_fail (group != NULL);
  /* after what was added after it before, so several keep their order */
  while (gtk_widget_get_next_sibling (after) != NULL &&
         g_object_get_data (G_OBJECT (gtk_widget_get_next_sibling (after)), "added-after") == group)
    after = gtk_widget_get_next_sibling (after);
  g_object_set_data (G_OBJECT (widget), "added-after", group);
  gtk_widget_insert_after (widget, gtk_widget_get_parent (group), after);
}

/* Adds @widget to the bar under the controls, after the transport. */
void
mlr_demo_add_to_bar (MlrDemo   *self,
                     GtkWidget *widget)
{
  gtk_box_append (GTK_BOX (mlr_demo_get_private (self)->bar_extras), widget);
}

/* A flat button in the More menu that activates @detailed_action (and closes the menu). */
void
mlr_demo_add_menu_item (MlrDemo    *self,
                        const char *label,
                        const char *tooltip,
                        const char *detailed_action)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  mlr_widget_set_tooltip (button, tooltip);
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), detailed_action);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_menu_button_popdown),
                            priv->menu_button);
  gtk_box_append (GTK_BOX (priv->menu_items), button);
}

/* Any widget in the More menu, after its items (a check button, say). */
void
mlr_demo_add_menu_widget (MlrDemo   *self,
                          GtkWidget *widget)
{
  gtk_box_append (GTK_BOX (mlr_demo_get_private (self)->menu_items), widget);
}

/**
 * mlr_demo_set_panel:
 * A hand-laid panel (from a .ui template, say) instead of the generated one; its controls bind
 * to mlr_demo_get_setting() and use mlr_demo_create_transport().
 */
void
mlr_demo_set_panel (MlrDemo   *self,
                    GtkWidget *panel)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  if (priv->panel != NULL && priv->panel != panel)
    gtk_widget_unparent (priv->panel);
  priv->panel = panel;
  gtk_widget_set_parent (panel, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- life */

/* What must exist before the subclass's setup adds to it: the bar's extras and the menu. */
void
mlr_demo_controls_init (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  priv->controls = g_hash_table_new (g_str_hash, g_str_equal);
  priv->rows = g_ptr_array_new ();
  priv->swatches = g_ptr_array_new ();
  priv->bar_extras = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  priv->menu_button = g_object_ref_sink (gtk_menu_button_new ());
  priv->menu_items = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  mlr_demo_add_menu_item (self, _("_Export Figure…"),
                          _("Save the picture as PNG, SVG or PDF, e.g. for slides"),
                          "demo.export");
}

void
mlr_demo_controls_dispose (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  g_clear_object (&priv->bar_extras);
  g_clear_object (&priv->menu_button);
  g_clear_object (&priv->menu_items);
  g_clear_pointer (&priv->rows, g_ptr_array_unref);
  g_clear_pointer (&priv->swatches, g_ptr_array_unref);
  g_clear_pointer (&priv->transports, g_ptr_array_unref);
  g_clear_pointer (&priv->controls, g_hash_table_unref);
  g_clear_pointer (&priv->deferred, g_hash_table_unref);
  if (priv->pending != NULL)
    {
      for (guint i = 1; i < priv->pending->len; i += 2)
        g_object_unref (g_ptr_array_index (priv->pending, i));
      g_clear_pointer (&priv->pending, g_ptr_array_unref);
    }
}

/* ---------------------------------------------------------------- swatches */

typedef struct {
  MlrDemo           *demo;
  MlrDemoSwatchFunc  func;
  gpointer           user_data;
} Swatch;

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  Swatch *s = user_data;
  MlrColor c;

  if (s->demo == NULL || mlr_demo_get_private (s->demo)->canvas == NULL)
    return;
  c = s->func (s->demo, mlr_demo_get_palette (s->demo), s->user_data);
  /* a dark rim keeps light colours visible on a light background */
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_fill (cr);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1.8, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
  cairo_fill (cr);
}

/**
 * mlr_demo_swatch_new:
 * A small dot in the colour @func picks from the canvas's palette (an optimizer's path, the
 * class a click adds); it repaints when the theme changes. Queue a draw when the colour it
 * should show changes for another reason.
 */
GtkWidget *
mlr_demo_swatch_new (MlrDemo           *self,
                     MlrDemoSwatchFunc  func,
                     gpointer           user_data)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  GtkWidget *area = gtk_drawing_area_new ();
  Swatch *s = g_new0 (Swatch, 1);

  s->demo = self;
  s->func = func;
  s->user_data = user_data;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw_cb, s, g_free);
  g_ptr_array_add (priv->swatches, area);
  return area;
}

void
mlr_demo_controls_palette_changed (MlrDemo *self)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);

  for (guint i = 0; priv->swatches && i < priv->swatches->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (priv->swatches, i));
}
