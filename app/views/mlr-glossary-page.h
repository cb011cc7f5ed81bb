/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-content.h"

G_BEGIN_DECLS

#define MLR_TYPE_GLOSSARY_PAGE (mlr_glossary_page_get_type ())

G_DECLARE_FINAL_TYPE (MlrGlossaryPage, mlr_glossary_page, MLR, GLOSSARY_PAGE, GtkWidget)

GtkWidget *mlr_glossary_page_new         (void);
void       mlr_glossary_page_set_index   (MlrGlossaryPage       *self,
                                          const MlrContentIndex *index);
guint      mlr_glossary_page_filter      (MlrGlossaryPage       *self,
                                          const char            *text);
guint      mlr_glossary_page_get_n_terms (MlrGlossaryPage       *self);

G_END_DECLS
