/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"

G_BEGIN_DECLS

#define MLR_TYPE_DEMO_PLACEHOLDER (mlr_demo_placeholder_get_type ())

G_DECLARE_FINAL_TYPE (MlrDemoPlaceholder, mlr_demo_placeholder, MLR, DEMO_PLACEHOLDER, GtkWidget)

GtkWidget *mlr_demo_placeholder_new (const MlrBlock *block);

G_END_DECLS
