/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrAbtestDemo: the "ab-test" demo — power, sample size and peeking. Its controls come from
 * the parameter table; what is its own is the sentence a screen reader speaks, dragging H₁
 * along the axis to set the lift, the keys (arrows: lift and users per arm; 1, 2: the tails;
 * S: power or simulation; N: a new seed), and running the simulation off the UI thread
 * (GTask; a newer request cancels an older one), so that no frame waits for it.
 */
#pragma once

#include "ml/mlr-abtest-state.h"
#include "mlr-demo.h"

G_BEGIN_DECLS

#define MLR_TYPE_ABTEST_DEMO (mlr_abtest_demo_get_type ())

G_DECLARE_FINAL_TYPE (MlrAbtestDemo, mlr_abtest_demo, MLR, ABTEST_DEMO, MlrDemo)

char     *mlr_abtest_demo_describe_state (const MlrAbtestState *state);
gboolean  mlr_abtest_demo_is_busy        (MlrAbtestDemo        *self);
guint     mlr_abtest_demo_get_sim_count  (MlrAbtestDemo        *self);

G_END_DECLS
