/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mlr-application.h"

G_BEGIN_DECLS

#define MLR_TYPE_WINDOW (mlr_window_get_type ())

G_DECLARE_FINAL_TYPE (MlrWindow, mlr_window, MLR, WINDOW, AdwApplicationWindow)

MlrWindow  *mlr_window_new                 (MlrApplication *app,
                                            const char     *content_dir);
void        mlr_window_open_initial_lesson (MlrWindow      *self,
                                            const char     *requested_id);
gboolean    mlr_window_open_lesson         (MlrWindow      *self,
                                            const char     *lesson_id);
const char *mlr_window_get_lesson_id       (MlrWindow      *self);
void        mlr_window_add_toast           (MlrWindow      *self,
                                            const char     *message);
void        mlr_window_show_home           (MlrWindow      *self);
void        mlr_window_show_demos          (MlrWindow      *self);
void        mlr_window_show_glossary       (MlrWindow      *self);
guint       mlr_window_search              (MlrWindow      *self,
                                            const char     *query);
gboolean    mlr_window_is_index_ready      (MlrWindow      *self);
void        mlr_window_progress_saved      (MlrWindow      *self,
                                            const GError   *error);

G_END_DECLS
