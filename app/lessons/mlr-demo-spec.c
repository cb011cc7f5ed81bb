/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-demo-spec.h"

static const MlrDemoSpec *installed;
static guint n_installed;

/**
 * mlr_demo_specs_install:
 * Makes @specs (which must outlive the program) the demos lessons can embed. Called once, by
 * the demo registry; a second call with the same table changes nothing.
 */
void
mlr_demo_specs_install (const MlrDemoSpec *specs,
                        guint              n_specs)
{
  g_return_if_fail (installed == NULL || installed == specs);

  installed = specs;
  n_installed = n_specs;
}

static gboolean
ensure_installed (void)
{
  /* A program that loads lessons before the registry is set up would call every demo
   * unknown; say so loudly instead. */
  g_return_val_if_fail (installed != NULL, FALSE);
  return TRUE;
}

const MlrDemoSpec *
mlr_demo_specs (guint *n_specs)
{
  *n_specs = ensure_installed () ? n_installed : 0;
  return installed;
}

const MlrDemoSpec *
mlr_demo_spec_lookup (const char *kind)
{
  if (!ensure_installed ())
    return NULL;
  for (guint i = 0; i < n_installed; i++)
    if (g_strcmp0 (installed[i].kind, kind) == 0)
      return &installed[i];
  return NULL;
}

/* "gradient-descent, matrix, decision-boundary", for error messages. */
char *
mlr_demo_spec_kinds (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; ensure_installed () && i < n_installed; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", installed[i].kind);
  return g_string_free (s, FALSE);
}

MlrParams *
mlr_demo_spec_params (const MlrDemoSpec *spec)
{
  return mlr_params_new (spec->params, spec->n_params);
}

/* Appends @message to a "; "-separated list of what is wrong with a demo's parameters. */
void
mlr_demo_problems_add (GString    *problems,
                       const char *message)
{
  g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", message);
}

/**
 * mlr_demo_spec_params_from_block:
 * The parameters a lesson's <demo> gives (@block may be NULL: all defaults). A value that does
 * not check out is left at its default and explained in @problems, so the demo can still run
 * and say what it ignored.
 */
MlrParams *
mlr_demo_spec_params_from_block (const MlrDemoSpec *spec,
                                 const MlrBlock    *block,
                                 GString           *problems)
{
  MlrParams *params = mlr_demo_spec_params (spec);

  for (guint i = 0; block && block->params && i < block->params->len; i++)
    {
      const MlrDemoParam *p = g_ptr_array_index (block->params, i);
      g_autoptr(GError) local = NULL;

      if (!mlr_params_set (params, p->key, p->value, &local))
        mlr_demo_problems_add (problems, local->message);
    }
  return params;
}
