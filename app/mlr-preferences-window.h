/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MLR_TYPE_PREFERENCES_WINDOW (mlr_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MlrPreferencesWindow, mlr_preferences_window, MLR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *mlr_preferences_window_new (GtkWindow *parent,
                                       GSettings *settings);

G_END_DECLS
