/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-setting.h"

#include <gio/gio.h>
#include <math.h>

struct _MlrDemoSetting
{
  GObject             parent_instance;

  const MlrParamSpec *spec;
  MlrDemoSettingApply   apply;
  gpointer            owner;       /* the demo; not a reference, it owns us */

  /* what the last sync saw */
  char               *value;
  double              number;
  gboolean            active;
  guint               selected;
  gboolean            special;
  gboolean            relevant;
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_VALUE,
  PROP_NUMBER,
  PROP_ACTIVE,
  PROP_SELECTED,
  PROP_SPECIAL,
  PROP_RELEVANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MlrDemoSetting, mlr_demo_setting, G_TYPE_OBJECT)

/* ---- choices: the positions a drop-down shows */

static const char *
choice_title (const MlrParamSpec *spec,
              guint               i)
{
  return spec->choice_titles ? spec->choice_titles[i] : spec->choices[i];
}

static gboolean
is_titled (const MlrParamSpec *spec,
           guint               i)
{
  return choice_title (spec, i)[0] != '\0';
}

/* How many choices a drop-down lists (aliases, titled "", are not listed). */
guint
mlr_demo_setting_get_n_titled (MlrDemoSetting *self)
{
  guint n = 0;

  for (guint i = 0; self->spec->choices && self->spec->choices[i]; i++)
    n += is_titled (self->spec, i);
  return n;
}

/* The title at drop-down position @position, and which choice it stands for. */
const char *
mlr_demo_setting_get_titled (MlrDemoSetting *self,
                           guint         position,
                           guint        *choice)
{
  for (guint i = 0; self->spec->choices && self->spec->choices[i]; i++)
    if (is_titled (self->spec, i) && position-- == 0)
      {
        if (choice)
          *choice = i;
        return choice_title (self->spec, i);
      }
  return NULL;
}

/* The position of @value; an alias shows as the titled choice before it. */
static guint
position_of (const MlrParamSpec *spec,
             const char         *value)
{
  int index = mlr_param_spec_choice_index (spec, value);
  guint position = 0;

  if (index < 0)
    return G_MAXUINT;
  for (int i = 0; i <= index; i++)
    if (is_titled (spec, i))
      position++;
  return position > 0 ? position - 1 : 0;
}

/* ---- values */

/* The number a control shows while the special word is chosen, or before any value. */
static double
resting_number (const MlrParamSpec *spec)
{
  double lo = spec->ui_min != 0 || spec->ui_max != 0 ? MAX (spec->ui_min, spec->min) : spec->min;
  double hi = spec->ui_max != 0 ? MIN (spec->ui_max, spec->max) : spec->max;

  if (spec->ui == MLR_PARAM_UI_LOG)
    return CLAMP (1.0, lo, hi);
  return lo;
}

static char *
format_number (const MlrParamSpec *spec,
               double              number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (spec->type == MLR_PARAM_INT)
    return g_strdup_printf ("%.0f", round (number));
  /* the shortest text that reads back as the same double */
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, number);
      if (g_ascii_strtod (buf, NULL) == number)
        break;
    }
  return g_strdup (buf);
}

/* Asks the owner; when it refuses, the properties say again what they hold, so a control
 * bound to them snaps back. */
static gboolean
request (MlrDemoSetting  *self,
         const char    *value,
         GParamSpec    *pspec,
         GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (self->owner == NULL || self->apply == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "the demo is gone");
      return FALSE;
    }
  if (self->apply (self->owner, self->spec->key, value, error ? error : &local))
    return TRUE;
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return FALSE;
}

const MlrParamSpec *
mlr_demo_setting_get_spec (MlrDemoSetting *self)
{
  return self->spec;
}

const char *
mlr_demo_setting_get_key (MlrDemoSetting *self)
{
  return self->spec->key;
}

const char *
mlr_demo_setting_get_value (MlrDemoSetting *self)
{
  return self->value;
}

gboolean
mlr_demo_setting_set_value (MlrDemoSetting  *self,
                          const char    *value,
                          GError       **error)
{
  g_return_val_if_fail (MLR_IS_DEMO_SETTING (self), FALSE);

  if (g_strcmp0 (value, self->value) == 0)
    return TRUE;
  return request (self, value, properties[PROP_VALUE], error);
}

double
mlr_demo_setting_get_number (MlrDemoSetting *self)
{
  return self->number;
}

void
mlr_demo_setting_set_number (MlrDemoSetting *self,
                           double        number)
{
  g_autofree char *text = NULL;

  if (!isfinite (number) || (number == self->number && !self->special))
    return;
  text = format_number (self->spec, number);
  request (self, text, properties[PROP_NUMBER], NULL);
}

gboolean
mlr_demo_setting_get_active (MlrDemoSetting *self)
{
  return self->active;
}

void
mlr_demo_setting_set_active (MlrDemoSetting *self,
                           gboolean      active)
{
  if (!!active == self->active)
    return;
  request (self, active ? "true" : "false", properties[PROP_ACTIVE], NULL);
}

guint
mlr_demo_setting_get_selected (MlrDemoSetting *self)
{
  return self->selected;
}

void
mlr_demo_setting_set_selected (MlrDemoSetting *self,
                             guint         selected)
{
  guint choice;

  if (selected == self->selected ||
      mlr_demo_setting_get_titled (self, selected, &choice) == NULL)
    return;
  request (self, self->spec->choices[choice], properties[PROP_SELECTED], NULL);
}

gboolean
mlr_demo_setting_get_special (MlrDemoSetting *self)
{
  return self->special;
}

void
mlr_demo_setting_set_special (MlrDemoSetting *self,
                            gboolean      special)
{
  g_autofree char *text = NULL;

  if (!!special == self->special || self->spec->special == NULL)
    return;
  text = special ? g_strdup (self->spec->special) : format_number (self->spec, self->number);
  request (self, text, properties[PROP_SPECIAL], NULL);
}

gboolean
mlr_demo_setting_get_relevant (MlrDemoSetting *self)
{
  return self->relevant;
}

/* Whether choice @choice is in a choice list's value. */
gboolean
mlr_demo_setting_get_item (MlrDemoSetting *self,
                         guint         choice)
{
  g_auto(GStrv) items = NULL;

  if (self->value == NULL || self->spec->choices == NULL)
    return FALSE;
  items = g_strsplit (self->value, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (items[i]), self->spec->choices[choice]) == 0)
      return TRUE;
  return FALSE;
}

/* Puts choice @choice into a choice list's value or takes it out, keeping the table's order. */
gboolean
mlr_demo_setting_set_item (MlrDemoSetting  *self,
                         guint          choice,
                         gboolean       on,
                         GError       **error)
{
  GString *s = g_string_new (NULL);
  g_autofree char *value = NULL;

  if (!!on == mlr_demo_setting_get_item (self, choice))
    {
      g_string_free (s, TRUE);
      return TRUE;
    }
  for (guint i = 0; self->spec->choices[i] != NULL; i++)
    if (i == choice ? on : mlr_demo_setting_get_item (self, i))
      g_string_append_printf (s, "%s%s", s->len ? "," : "", self->spec->choices[i]);
  value = g_string_free (s, FALSE);
  return request (self, value, properties[PROP_VALUE], error);
}

/**
 * mlr_demo_setting_sync:
 * Takes the value @params holds now, and whether the key is @relevant; each property that
 * changed notifies.
 */
void
mlr_demo_setting_sync (MlrDemoSetting    *self,
                     const MlrParams *params,
                     gboolean         relevant)
{
  const MlrParamSpec *spec = self->spec;
  const char *v = mlr_params_get_string (params, spec->key);
  GObject *object = G_OBJECT (self);
  gboolean special = spec->special != NULL && v != NULL &&
                     g_ascii_strcasecmp (v, spec->special) == 0;
  double number = self->number;

  g_object_freeze_notify (object);
  if (g_strcmp0 (v, self->value) != 0)
    {
      g_free (self->value);
      self->value = g_strdup (v);
      g_object_notify_by_pspec (object, properties[PROP_VALUE]);
    }
  if (special != self->special)
    {
      self->special = special;
      g_object_notify_by_pspec (object, properties[PROP_SPECIAL]);
    }
  if (spec->type == MLR_PARAM_NUMBER || spec->type == MLR_PARAM_INT)
    {
      if (!special && v != NULL)
        number = mlr_params_get_double (params, spec->key);
      else if (special && spec->special_label == NULL)
        number = resting_number (spec);
      if (number != self->number)
        {
          self->number = number;
          g_object_notify_by_pspec (object, properties[PROP_NUMBER]);
        }
    }
  if (spec->type == MLR_PARAM_BOOL && mlr_params_get_bool (params, spec->key) != self->active)
    {
      self->active = !self->active;
      g_object_notify_by_pspec (object, properties[PROP_ACTIVE]);
    }
  if (spec->type == MLR_PARAM_CHOICE && v != NULL)
    {
      guint position = position_of (spec, v);
      if (position != self->selected)
        {
          self->selected = position;
          g_object_notify_by_pspec (object, properties[PROP_SELECTED]);
        }
    }
  if (relevant != self->relevant)
    {
      self->relevant = relevant;
      g_object_notify_by_pspec (object, properties[PROP_RELEVANT]);
    }
  g_object_thaw_notify (object);
}

/* The demo is going: later requests are refused. */
void
mlr_demo_setting_disown (MlrDemoSetting *self)
{
  self->owner = NULL;
}

/* ---- GObject */

MlrDemoSetting *
mlr_demo_setting_new (const MlrParamSpec *spec,
                    MlrDemoSettingApply   apply,
                    gpointer            owner)
{
  MlrDemoSetting *self = g_object_new (MLR_TYPE_DEMO_SETTING, NULL);

  self->spec = spec;
  self->apply = apply;
  self->owner = owner;
  self->number = resting_number (spec);
  self->relevant = TRUE;
  return self;
}

static void
mlr_demo_setting_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlrDemoSetting *self = MLR_DEMO_SETTING (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->spec ? self->spec->key : NULL);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_NUMBER:
      g_value_set_double (value, self->number);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    case PROP_SPECIAL:
      g_value_set_boolean (value, self->special);
      break;
    case PROP_RELEVANT:
      g_value_set_boolean (value, self->relevant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_demo_setting_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlrDemoSetting *self = MLR_DEMO_SETTING (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      mlr_demo_setting_set_value (self, g_value_get_string (value), NULL);
      break;
    case PROP_NUMBER:
      mlr_demo_setting_set_number (self, g_value_get_double (value));
      break;
    case PROP_ACTIVE:
      mlr_demo_setting_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED:
      mlr_demo_setting_set_selected (self, g_value_get_uint (value));
      break;
    case PROP_SPECIAL:
      mlr_demo_setting_set_special (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_demo_setting_finalize (GObject *object)
{
  MlrDemoSetting *self = MLR_DEMO_SETTING (object);

  g_free (self->value);
  G_OBJECT_CLASS (mlr_demo_setting_parent_class)->finalize (object);
}

static void
mlr_demo_setting_class_init (MlrDemoSettingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mlr_demo_setting_get_property;
  object_class->set_property = mlr_demo_setting_set_property;
  object_class->finalize = mlr_demo_setting_finalize;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, rw);
  properties[PROP_NUMBER] = g_param_spec_double ("number", NULL, NULL, -G_MAXDOUBLE,
                                                 G_MAXDOUBLE, 0, rw);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, rw);
  properties[PROP_SELECTED] = g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_SPECIAL] = g_param_spec_boolean ("special", NULL, NULL, FALSE, rw);
  properties[PROP_RELEVANT] = g_param_spec_boolean ("relevant", NULL, NULL, TRUE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlr_demo_setting_init (MlrDemoSetting *self)
{
}
