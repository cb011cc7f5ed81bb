/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-demo-registry: lesson <demo kind="..."> -> the widget that runs it. One row per demo
 * (kind, widget constructor); the kinds and their parameters live in lessons/mlr-demo-spec.c.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"

G_BEGIN_DECLS

GtkWidget *mlr_demo_new_for_block (const MlrBlock *block);

G_END_DECLS
