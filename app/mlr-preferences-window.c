/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences: style (follow the system, light, dark), lesson text size, reduce motion. Every
 * control is bound to GSettings, so a change applies at once and is remembered; the application
 * reacts to the settings (see mlr-application.c), not to this window.
 */
#include "config.h"

#include "mlr-preferences-window.h"

#include <glib/gi18n.h>
#include <math.h>

struct _MlrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *color_scheme_row;
  GtkScale             *text_scale;
  GtkAdjustment        *text_scale_adjustment;
  GtkSwitch            *reduce_motion_switch;

  /* Owned state */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MlrPreferencesWindow, mlr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const schemes[] = { "follow", "light", "dark" };

static gboolean
scheme_to_row (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (s, schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
row_to_scheme (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (schemes[MIN (i, G_N_ELEMENTS (schemes) - 1)]);
}

/* The slider shows percent; the setting stores a factor. */
static gboolean
scale_to_percent (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
percent_to_scale (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 100.0, 0.8, 1.6));
}

GtkWidget *
mlr_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  MlrPreferencesWindow *self = g_object_new (MLR_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", parent,
                                             NULL);

  if (settings == NULL)
    {
      /* Without the schema nothing can be stored; say so rather than pretend. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->color_scheme_row), FALSE);
      return GTK_WIDGET (self);
    }
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_row, row_to_scheme, NULL,
                                NULL);
  g_settings_bind_with_mapping (settings, "text-scale", self->text_scale_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, scale_to_percent, percent_to_scale,
                                NULL, NULL);
  g_settings_bind (settings, "reduce-motion", self->reduce_motion_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}

static void
mlr_preferences_window_dispose (GObject *object)
{
  MlrPreferencesWindow *self = MLR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLR_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (mlr_preferences_window_parent_class)->dispose (object);
}

static void
mlr_preferences_window_class_init (MlrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "mlr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MlrPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, MlrPreferencesWindow, text_scale);
  gtk_widget_class_bind_template_child (widget_class, MlrPreferencesWindow,
                                        text_scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MlrPreferencesWindow,
                                        reduce_motion_switch);
}

/* "120 %", as the size reads everywhere else. */
static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* TRANSLATORS: a text size in percent; keep the %% (the percent sign) */
  return g_strdup_printf (_("%d %%"), (int) round (value));
}

/* The slider stops at whole steps of 10 %: sizes in between look the same and read
 * worse. */
static gboolean
snap_to_step (GtkRange      *range,
              GtkScrollType  scroll,
              double         value,
              gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_range_get_adjustment (range);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  gtk_adjustment_set_value (adjustment, CLAMP (round (value / 10) * 10, lower, upper));
  return TRUE;
}

static void
mlr_preferences_window_init (MlrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_scale_set_format_value_func (self->text_scale, format_percent, NULL, NULL);
  gtk_scale_add_mark (self->text_scale, 100, GTK_POS_BOTTOM, NULL);
  g_signal_connect (self->text_scale, "change-value", G_CALLBACK (snap_to_step), NULL);
}
