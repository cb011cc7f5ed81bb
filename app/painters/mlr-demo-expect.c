/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-expect.h"

#include <math.h>

#include "mlr-demo-registry.h"

/* A metric as a number: doubles, integers and booleans are; strings are not. */
static gboolean
metric_number (GVariant *v,
               double   *out)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    *out = g_variant_get_double (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    *out = g_variant_get_int64 (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT32))
    *out = g_variant_get_int32 (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
    *out = g_variant_get_uint32 (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
    *out = g_variant_get_boolean (v);
  else
    return FALSE;
  return TRUE;
}

static char *
bounds_text (const MlrExpect *e)
{
  if (e->has_min && e->has_max)
    return g_strdup_printf ("between %.17g and %.17g", e->min, e->max);
  if (e->has_min)
    return g_strdup_printf ("at least %.17g", e->min);
  return g_strdup_printf ("at most %.17g", e->max);
}

static guint
check_demo (const MlrLesson *lesson,
            const MlrBlock  *block,
            MlrDiagnostics  *diags)
{
  const MlrDemoKind *kind = mlr_demo_registry_lookup (block->demo_kind);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(GVariant) metrics = NULL;
  g_autoptr(GError) error = NULL;
  guint failed = 0;

  if (block->expects == NULL || block->expects->len == 0)
    return 0;
  if (kind == NULL || block->error != NULL)
    return 0;  /* the loader has said why the demo cannot run */
  params = mlr_demo_spec_params_from_block (kind->spec, block, problems);
  metrics = mlr_demo_kind_metrics (kind, params, &error);
  if (metrics == NULL)
    {
      mlr_diagnostics_add (diags, lesson->path, block->line, 0, MLR_SEVERITY_ERROR,
                           "the %s demo could not compute its metrics: %s", kind->id,
                           error->message);
      return 1;
    }
  for (guint i = 0; i < block->expects->len; i++)
    {
      const MlrExpect *e = g_ptr_array_index (block->expects, i);
      g_autoptr(GVariant) v = g_variant_lookup_value (metrics, e->metric, NULL);
      g_autofree char *want = bounds_text (e);
      double x;

      if (v == NULL || !metric_number (v, &x))
        {
          mlr_diagnostics_add (diags, lesson->path, e->line, e->column, MLR_SEVERITY_ERROR,
                               "<expect metric=\"%s\">: the %s demo reports no number for it "
                               "with these parameters", e->metric, kind->id);
          failed++;
          continue;
        }
      if (!isfinite (x) || (e->has_min && x < e->min) || (e->has_max && x > e->max))
        {
          mlr_diagnostics_add (diags, lesson->path, e->line, e->column, MLR_SEVERITY_ERROR,
                               "<expect metric=\"%s\">: the %s demo reports %.17g, not %s",
                               e->metric, kind->id, x, want);
          failed++;
        }
    }
  return failed;
}

static guint
check_blocks (const MlrLesson *lesson,
              GPtrArray       *blocks,
              MlrDiagnostics  *diags)
{
  guint failed = 0;

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);

      if (b->kind == MLR_BLOCK_DEMO)
        failed += check_demo (lesson, b, diags);
      failed += check_blocks (lesson, b->children, diags);
    }
  return failed;
}

/**
 * mlr_demo_check_expects:
 * Checks every <expect> of @lesson's demos, adding an error to @diags for each that does not
 * hold. Returns: how many did not.
 */
guint
mlr_demo_check_expects (const MlrLesson *lesson,
                        MlrDiagnostics  *diags)
{
  return check_blocks (lesson, lesson->sections, diags);
}
