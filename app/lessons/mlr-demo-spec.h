/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-demo-spec: the demos a lesson can embed with <demo kind="..." KEY="VALUE"...>, and the
 * parameters each accepts. One table serves the loader (checking lesson attributes), the CLI
 * (`demos`, `render --set`) and the demo widgets (reading their initial state).
 */
#pragma once

#include <glib.h>

#include "ml/mlr-params.h"
#include "mlr-lesson.h"

G_BEGIN_DECLS

typedef struct {
  const char         *kind;         /* "gradient-descent" */
  const char         *title;        /* "Gradient descent" */
  const char         *description;  /* one line */
  const MlrParamSpec *params;
  guint               n_params;
  const char * const *metrics;      /* what a challenge's goal can test, NULL-terminated */
  /* Whether the parameters, each valid on its own, work together (the demo's state accepts
   * them); the loader reports the message at the <demo>. */
  gboolean          (*check)        (const MlrParams    *params,
                                     GError            **error);
} MlrDemoSpec;

const MlrDemoSpec *mlr_demo_specs        (guint             *n_specs);
const MlrDemoSpec *mlr_demo_spec_lookup  (const char        *kind);
char              *mlr_demo_spec_kinds   (void);
MlrParams         *mlr_demo_spec_params  (const MlrDemoSpec *spec);
MlrParams         *mlr_demo_spec_params_from_block (const MlrDemoSpec *spec,
                                                    const MlrBlock    *block,
                                                    GString           *problems);
void               mlr_demo_problems_add (GString           *problems,
                                          const char        *message);

G_END_DECLS
