/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-demo-expect: whether what a lesson's demo captions claim is true. Each <expect> of a
 * <demo> names a metric and bounds; the demo is built headless from the block's parameters
 * and settled as `ml-roadmap-cli metrics` does, and a metric outside its bounds is an error
 * at the <expect>'s line. Used by `ml-roadmap-cli validate` (the app does not pay for it).
 */
#pragma once

#include "lessons/mlr-diagnostic.h"
#include "lessons/mlr-lesson.h"

G_BEGIN_DECLS

guint mlr_demo_check_expects (const MlrLesson *lesson,
                              MlrDiagnostics  *diags);

G_END_DECLS
