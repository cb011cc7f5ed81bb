/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDemoSetting: one parameter of a demo as a GObject, so controls bind to it with
 * g_object_bind_property() instead of being kept in step by hand. Its properties are views of
 * the same value: "value" (the string the parameter table takes), "number" (int and number
 * keys), "active" (bool keys), "selected" (a choice's position among its titled choices),
 * "special" (the special word, gamma's "scale", is chosen). Setting any of them asks the demo
 * to apply the value (mlr_demo_set_param()); the demo then syncs every parameter, and a
 * property notifies only when its value really changed, so a control bound both ways never
 * loops. "relevant" says whether the key matters now (its control hides when not).
 */
#pragma once

#include <glib-object.h>

#include "ml/mlr-params.h"

G_BEGIN_DECLS

#define MLR_TYPE_DEMO_SETTING (mlr_demo_setting_get_type ())

G_DECLARE_FINAL_TYPE (MlrDemoSetting, mlr_demo_setting, MLR, DEMO_SETTING, GObject)

/* Applies a new value for @key; FALSE with @error when the demo refuses it. */
typedef gboolean (*MlrDemoSettingApply) (gpointer     owner,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);

MlrDemoSetting       *mlr_demo_setting_new          (const MlrParamSpec *spec,
                                                 MlrDemoSettingApply   apply,
                                                 gpointer            owner);
const MlrParamSpec *mlr_demo_setting_get_spec     (MlrDemoSetting       *self);
const char         *mlr_demo_setting_get_key      (MlrDemoSetting       *self);
const char         *mlr_demo_setting_get_value    (MlrDemoSetting       *self);
gboolean            mlr_demo_setting_set_value    (MlrDemoSetting       *self,
                                                 const char         *value,
                                                 GError            **error);
double              mlr_demo_setting_get_number   (MlrDemoSetting       *self);
void                mlr_demo_setting_set_number   (MlrDemoSetting       *self,
                                                 double              number);
gboolean            mlr_demo_setting_get_active   (MlrDemoSetting       *self);
void                mlr_demo_setting_set_active   (MlrDemoSetting       *self,
                                                 gboolean            active);
guint               mlr_demo_setting_get_selected (MlrDemoSetting       *self);
void                mlr_demo_setting_set_selected (MlrDemoSetting       *self,
                                                 guint               selected);
gboolean            mlr_demo_setting_get_special  (MlrDemoSetting       *self);
void                mlr_demo_setting_set_special  (MlrDemoSetting       *self,
                                                 gboolean            special);
gboolean            mlr_demo_setting_get_relevant (MlrDemoSetting       *self);
gboolean            mlr_demo_setting_get_item     (MlrDemoSetting       *self,
                                                 guint               choice);
gboolean            mlr_demo_setting_set_item     (MlrDemoSetting       *self,
                                                 guint               choice,
                                                 gboolean            on,
                                                 GError            **error);
guint               mlr_demo_setting_get_n_titled (MlrDemoSetting       *self);
const char         *mlr_demo_setting_get_titled   (MlrDemoSetting       *self,
                                                 guint               position,
                                                 guint              *choice);
void                mlr_demo_setting_disown       (MlrDemoSetting       *self);
void                mlr_demo_setting_sync         (MlrDemoSetting       *self,
                                                 const MlrParams    *params,
                                                 gboolean            relevant);

G_END_DECLS
