/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-demo-spec: what the lesson layer knows of the demos a lesson can embed with
 * <demo kind="..." KEY="VALUE"...>: their ids, the parameters each accepts, the metrics its
 * challenges may test, and whether a set of parameters works together.
 *
 * The demos are registered in ONE table, painters/mlr-demo-registry.c, which also holds their
 * states, painters and widgets. That table sits above this layer, so it installs these specs
 * here (mlr_demo_registry_init(), called once by every program at start-up) and the loader
 * can check <demo> elements without depending on the layers above it.
 */
#pragma once

#include <glib.h>

#include "ml/mlr-params.h"
#include "mlr-lesson.h"

G_BEGIN_DECLS

typedef struct {
  const char         *kind;         /* "gradient-descent" */
  const char         *title;        /* "Gradient descent", N_() */
  const char         *description;  /* one line, N_() */
  const char         *model;        /* what the demo simplifies, one sentence N_(), or NULL */
  const MlrParamSpec *params;
  guint               n_params;
  const char * const *metrics;      /* what a challenge's goal can test, NULL-terminated */
  /* Whether the parameters, each valid on its own, work together (the demo's state accepts
   * them); the loader reports the message at the <demo>. */
  gboolean          (*check)        (const MlrParams    *params,
                                     GError            **error);
} MlrDemoSpec;

void               mlr_demo_specs_install (const MlrDemoSpec *specs,
                                           guint              n_specs);
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
