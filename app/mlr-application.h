/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lessons/mlr-progress.h"
#include "lessons/mlr-roadmap.h"

G_BEGIN_DECLS

#define MLR_TYPE_APPLICATION (mlr_application_get_type ())

G_DECLARE_FINAL_TYPE (MlrApplication, mlr_application, MLR, APPLICATION, AdwApplication)

void            mlr_application_prepare_environment (void);
MlrApplication *mlr_application_new          (void);
GSettings      *mlr_application_get_settings (MlrApplication *self);
MlrProgress    *mlr_application_get_progress (MlrApplication *self);
char           *mlr_application_take_progress_message (MlrApplication *self);

G_END_DECLS
