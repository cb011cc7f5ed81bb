/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's demos: <demo kind="…" PARAM="…"> with an optional caption and the
 * challenges it checks live. The demo registry (mlr-demo-spec) says which kinds, parameters
 * and metrics exist; a demo that cannot run is a broken part of the page, not a broken lesson.
 */
#include "mlr-lesson-loader-private.h"

#include <math.h>

#include "mlr-demo-spec.h"
#include "mlr-expr.h"

static void
demo_param_free (gpointer data)
{
  MlrDemoParam *p = data;

  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

static void
expect_free (gpointer data)
{
  MlrExpect *e = data;

  g_free (e->metric);
  g_free (e);
}

/* A bound of <expect>: a finite number, or absent. */
static gboolean
parse_bound (Loader     *l,
             xmlNode    *node,
             const char *name,
             gboolean   *has,
             double     *value)
{
  g_autofree char *text = mlr_loader_get_attr (node, name);
  char *end = NULL;

  *has = text != NULL;
  if (text == NULL)
    return TRUE;
  *value = g_ascii_strtod (g_strstrip (text), &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      error_at (l, node, "<expect %s=\"%s\">: not a number", name, text);
      return FALSE;
    }
  return TRUE;
}

/* <expect metric="NAME" min="X" max="Y"/>: NAME one of the kind's metrics, at least one bound. */
static MlrExpect *
parse_expect (Loader            *l,
              xmlNode           *node,
              const MlrDemoSpec *spec)
{
  static const char * const attrs[] = { "metric", "min", "max", NULL };
  g_autofree char *metric = NULL;
  MlrExpect *e;

  if (!mlr_loader_check_attributes (l, node, attrs) ||
      (metric = mlr_loader_require_attr (l, node, "metric")) == NULL)
    return NULL;
  if (node->children != NULL)
    {
      error_at (l, node, "<expect> is empty: its bounds are attributes");
      return NULL;
    }
  if (spec != NULL && !g_strv_contains (spec->metrics, metric))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) spec->metrics);
      error_at (l, node, "<expect metric=\"%s\">: the %s demo has no such metric (it has %s)",
                metric, spec->kind, names);
      return NULL;
    }
  e = g_new0 (MlrExpect, 1);
  e->metric = g_steal_pointer (&metric);
  mlr_xml_node_position (l->xdoc, node, &e->line, &e->column);
  if (!parse_bound (l, node, "min", &e->has_min, &e->min) ||
      !parse_bound (l, node, "max", &e->has_max, &e->max))
    {
      expect_free (e);
      return NULL;
    }
  if (!e->has_min && !e->has_max)
    {
      error_at (l, node, "<expect metric=\"%s\"> needs min=, max= or both", e->metric);
      expect_free (e);
      return NULL;
    }
  if (e->has_min && e->has_max && e->min > e->max)
    {
      error_at (l, node, "<expect metric=\"%s\">: min=\"%g\" is above max=\"%g\"", e->metric,
                e->min, e->max);
      expect_free (e);
      return NULL;
    }
  return e;
}

static void
challenge_free (gpointer data)
{
  MlrChallenge *c = data;

  g_free (c->id);
  g_free (c->when);
  g_clear_pointer (&c->goal, mlr_expr_free);
  g_clear_pointer (&c->text, g_ptr_array_unref);
  g_free (c);
}

MlrBlock *
mlr_loader_parse_demo (Loader  *l,
                       xmlNode *node)
{
  g_autofree char *kind = NULL;
  const MlrDemoSpec *spec;
  MlrBlock *b;

  kind = mlr_loader_require_attr (l, node, "kind");
  if (kind == NULL || !mlr_loader_check_ident (l, node, "kind", kind))
    return NULL;

  b = mlr_loader_block_new (l, MLR_BLOCK_DEMO, node);
  b->demo_kind = g_steal_pointer (&kind);
  b->params = g_ptr_array_new_with_free_func (demo_param_free);
  b->challenges = g_ptr_array_new_with_free_func (challenge_free);
  b->expects = g_ptr_array_new_with_free_func (expect_free);
  spec = mlr_demo_spec_lookup (b->demo_kind);

  /* An optional <caption>, the <expect>s that check it, then the demo's <challenge>s. */
  {
    static const char * const allowed[] = { "caption", "expect", "challenge", NULL };
    static const char * const challenge_attrs[] = { "id", "when", NULL };
    gboolean seen_challenge = FALSE;

    for (xmlNode *c = node->children; c; c = c->next)
      {
        if (is_element (c, "caption") && b->caption == NULL && !seen_challenge)
          {
            b->caption = mlr_loader_parse_text_block (l, c, NULL);
            if (b->caption == NULL)
              {
                mlr_loader_block_free (b);
                return NULL;
              }
          }
        else if (is_element (c, "expect") && !seen_challenge)
          {
            MlrExpect *e = parse_expect (l, c, spec);
            if (e == NULL)
              {
                mlr_loader_block_free (b);
                return NULL;
              }
            g_ptr_array_add (b->expects, e);
          }
        else if (is_element (c, "challenge"))
          {
            g_autofree char *id = NULL;
            g_autofree char *when = NULL;
            g_autoptr(GError) expr_error = NULL;
            MlrChallenge *ch;
            GPtrArray *text;

            seen_challenge = TRUE;
            if (!mlr_loader_check_attributes (l, c, challenge_attrs) ||
                (id = mlr_loader_require_attr (l, c, "id")) == NULL ||
                (when = mlr_loader_require_attr (l, c, "when")) == NULL ||
                !mlr_loader_check_ident (l, c, "id", id))
              {
                mlr_loader_block_free (b);
                return NULL;
              }
            if (g_hash_table_contains (l->ids, id))
              {
                error_at (l, c, "another section or challenge already has id=\"%s\"", id);
                mlr_loader_block_free (b);
                return NULL;
              }
            g_hash_table_add (l->ids, g_strdup (id));
            text = mlr_loader_parse_text_block (l, c, challenge_attrs);
            if (text == NULL)
              {
                mlr_loader_block_free (b);
                return NULL;
              }
            ch = g_new0 (MlrChallenge, 1);
            ch->id = g_steal_pointer (&id);
            ch->when = g_steal_pointer (&when);
            ch->text = text;
            mlr_xml_node_position (l->xdoc, c, &ch->line, &(guint){ 0 });
            if (spec != NULL)
              ch->goal = mlr_expr_parse (ch->when, spec->metrics, &expr_error);
            if (spec != NULL && ch->goal == NULL)
              {
                /* The demo still runs; only this challenge cannot be checked. */
                mlr_loader_report (l, c, MLR_SEVERITY_PART, "challenge “%s”: %s", ch->id,
                                   expr_error->message);
                challenge_free (ch);
                continue;
              }
            g_ptr_array_add (b->challenges, ch);
          }
        else if (c->type == XML_ELEMENT_NODE)
          {
            if (is_element (c, "caption"))
              error_at (l, c, "a <demo> has at most one <caption>, before its challenges");
            else
              mlr_loader_unexpected_element (l, c, node, allowed);
            mlr_loader_block_free (b);
            return NULL;
          }
        else if (!mlr_loader_check_stray_child (l, c, node, allowed))
          {
            mlr_loader_block_free (b);
            return NULL;
          }
      }
  }

  if (spec == NULL)
    {
      g_autofree char *kinds = mlr_demo_spec_kinds ();
      b->error = g_strdup_printf ("there is no demo called “%s” (demos: %s)", b->demo_kind,
                                  kinds);
      mlr_loader_report (l, node, MLR_SEVERITY_PART, "%s", b->error);
    }

  for (xmlAttr *a = node->properties; a; a = a->next)
    {
      g_autofree char *value = NULL;
      MlrDemoParam *p;

      if (a->ns != NULL)
        {
          error_at (l, node, "<demo> has an attribute “%s” from another namespace",
                    (const char *) a->name);
          mlr_loader_block_free (b);
          return NULL;
        }
      if (g_str_equal (a->name, "kind"))
        continue;
      value = mlr_loader_get_attr (node, (const char *) a->name);
      if (spec != NULL && b->error == NULL)
        {
          const MlrParamSpec *ps = mlr_param_spec_lookup (spec->params, spec->n_params,
                                                          (const char *) a->name);
          g_autoptr(GError) perr = NULL;

          if (ps == NULL)
            {
              g_autofree char *keys = mlr_param_spec_list_keys (spec->params, spec->n_params);
              b->error = g_strdup_printf ("the %s demo has no parameter “%s” (parameters: %s)",
                                          spec->kind, (const char *) a->name, keys);
            }
          else if (!mlr_param_spec_check (ps, value, &perr))
            b->error = g_strdup_printf ("%s demo parameter %s", spec->kind, perr->message);
          if (b->error)
            mlr_loader_report (l, node, MLR_SEVERITY_PART, "%s", b->error);
        }
      p = g_new0 (MlrDemoParam, 1);
      p->key = g_strdup ((const char *) a->name);
      p->value = g_steal_pointer (&value);
      g_ptr_array_add (b->params, p);
    }

  /* Each parameter is fine; now whether they work together (start=1 on a 2-D surface). */
  if (spec != NULL && b->error == NULL && spec->check != NULL)
    {
      g_autoptr(GString) problems = g_string_new (NULL);
      g_autoptr(MlrParams) params = mlr_demo_spec_params_from_block (spec, b, problems);
      g_autoptr(GError) cerr = NULL;

      if (problems->len == 0 && !spec->check (params, &cerr))
        {
          b->error = g_strdup_printf ("the %s demo's parameters do not work together: %s",
                                      spec->kind, cerr->message);
          mlr_loader_report (l, node, MLR_SEVERITY_PART, "%s", b->error);
        }
    }
  return b;
}
