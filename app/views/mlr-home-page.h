/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-progress.h"
#include "lessons/mlr-roadmap.h"

G_BEGIN_DECLS

#define MLR_TYPE_HOME_PAGE (mlr_home_page_get_type ())

G_DECLARE_FINAL_TYPE (MlrHomePage, mlr_home_page, MLR, HOME_PAGE, GtkWidget)

GtkWidget *mlr_home_page_new    (void);
void       mlr_home_page_update (MlrHomePage      *self,
                                 const MlrRoadmap *roadmap,
                                 MlrProgress      *progress,
                                 const char       *last_id);
gboolean   mlr_home_page_focus_primary (MlrHomePage *self);

G_END_DECLS
