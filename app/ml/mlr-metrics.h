/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-metrics: what a demo's state reports for challenges to test ("gd_converged_step",
 * "test_accuracy", "det" ...). A state hands each value to a callback; the names each demo
 * reports are listed in lessons/mlr-demo-spec.c, and lesson authors write goals over them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value is floating (g_variant_new_double/_string/_boolean); take a reference to keep it. */
typedef void (*MlrMetricFunc) (const char *name,
                               GVariant   *value,
                               gpointer    user_data);

/* A run counts as converged once its loss is this close to the surface's minimum value. */
#define MLR_CONVERGED_LOSS_GAP 1e-3

G_END_DECLS
