/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-expr.h"

#include <math.h>
#include <string.h>

#define MAX_DEPTH 16
#define MAX_NODES 64
#define APPROX_TOLERANCE 0.01

typedef enum {
  NODE_NUMBER,
  NODE_STRING,
  NODE_NAME,
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_CMP,
} NodeKind;

typedef enum { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_APPROX } CmpOp;

typedef struct _Node Node;
struct _Node
{
  NodeKind kind;
  CmpOp    op;
  double   number;
  char    *text;    /* STRING, NAME */
  Node    *a, *b;
};

struct _MlrExpr
{
  Node *root;
};

typedef struct {
  const char         *text;
  const char         *p;
  const char * const *names;
  GError            **error;
  guint               nodes;
  guint               depth;
} Parser;

G_DEFINE_QUARK (mlr-expr-error-quark, mlr_expr_error)

static void
node_free (Node *n)
{
  if (n == NULL)
    return;
  node_free (n->a);
  node_free (n->b);
  g_free (n->text);
  g_free (n);
}

static Node *
node_new (Parser   *p,
          NodeKind  kind)
{
  Node *n;

  if (++p->nodes > MAX_NODES)
    {
      g_set_error (p->error, MLR_EXPR_ERROR, MLR_EXPR_ERROR_SYNTAX,
                   "the goal is too long (at most %d parts)", MAX_NODES);
      return NULL;
    }
  n = g_new0 (Node, 1);
  n->kind = kind;
  return n;
}

static void
skip_space (Parser *p)
{
  while (g_ascii_isspace (*p->p))
    p->p++;
}

static gboolean
fail (Parser     *p,
      const char *what)
{
  if (*p->error == NULL)
    g_set_error (p->error, MLR_EXPR_ERROR, MLR_EXPR_ERROR_SYNTAX,
                 "%s at character %d of “%s”", what, (int) (p->p - p->text) + 1, p->text);
  return FALSE;
}

/* A keyword (and, or, not) followed by a non-identifier character. */
static gboolean
accept_word (Parser     *p,
             const char *word)
{
  gsize len = strlen (word);

  skip_space (p);
  if (strncmp (p->p, word, len) == 0 && !g_ascii_isalnum (p->p[len]) && p->p[len] != '_')
    {
      p->p += len;
      return TRUE;
    }
  return FALSE;
}

static Node *parse_or (Parser *p);

static Node *
parse_term (Parser *p)
{
  Node *n;

  skip_space (p);
  if (++p->depth > MAX_DEPTH)
    {
      fail (p, "parentheses nested too deeply");
      return NULL;
    }
  if (*p->p == '(')
    {
      p->p++;
      n = parse_or (p);
      skip_space (p);
      if (n != NULL && *p->p != ')')
        {
          node_free (n);
          fail (p, "missing “)”");
          return NULL;
        }
      if (n)
        p->p++;
      p->depth--;
      return n;
    }
  if (*p->p == '\'')
    {
      const char *end = strchr (p->p + 1, '\'');
      if (end == NULL)
        {
          fail (p, "a string is not closed with '");
          return NULL;
        }
      if ((n = node_new (p, NODE_STRING)) == NULL)
        return NULL;
      n->text = g_strndup (p->p + 1, end - p->p - 1);
      p->p = end + 1;
      p->depth--;
      return n;
    }
  if (g_ascii_isdigit (*p->p) || *p->p == '-' || *p->p == '+' || *p->p == '.')
    {
      char *end = NULL;
      double v = g_ascii_strtod (p->p, &end);
      if (end == p->p || !isfinite (v))
        {
          fail (p, "expected a number");
          return NULL;
        }
      if ((n = node_new (p, NODE_NUMBER)) == NULL)
        return NULL;
      n->number = v;
      p->p = end;
      p->depth--;
      return n;
    }
  if (g_ascii_isalpha (*p->p) || *p->p == '_')
    {
      const char *start = p->p;
      g_autofree char *name = NULL;

      while (g_ascii_isalnum (*p->p) || *p->p == '_')
        p->p++;
      name = g_strndup (start, p->p - start);
      if (p->names != NULL && !g_strv_contains (p->names, name))
        {
          g_autofree char *valid = g_strjoinv (", ", (char **) p->names);
          g_set_error (p->error, MLR_EXPR_ERROR, MLR_EXPR_ERROR_UNKNOWN_NAME,
                       "“%s” is not something this demo measures (it measures: %s)", name,
                       valid);
          return NULL;
        }
      if ((n = node_new (p, NODE_NAME)) == NULL)
        return NULL;
      n->text = g_steal_pointer (&name);
      p->depth--;
      return n;
    }
  fail (p, *p->p ? "unexpected character" : "the goal ends too early");
  return NULL;
}

static Node *
parse_cmp (Parser *p)
{
  static const struct { const char *s; CmpOp op; } ops[] = {
    { "<=", CMP_LE }, { ">=", CMP_GE }, { "==", CMP_EQ }, { "!=", CMP_NE }, { "~=", CMP_APPROX },
    { "<", CMP_LT }, { ">", CMP_GT },
  };
  Node *left;

  if (accept_word (p, "not"))
    {
      Node *inner = parse_cmp (p), *n;
      if (inner == NULL)
        return NULL;
      if ((n = node_new (p, NODE_NOT)) == NULL)
        {
          node_free (inner);
          return NULL;
        }
      n->a = inner;
      return n;
    }
  left = parse_term (p);
  if (left == NULL)
    return NULL;
  skip_space (p);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (strncmp (p->p, ops[i].s, strlen (ops[i].s)) == 0)
      {
        Node *n, *right;
        p->p += strlen (ops[i].s);
        right = parse_term (p);
        if (right == NULL || (n = node_new (p, NODE_CMP)) == NULL)
          {
            node_free (left);
            node_free (right);
            return NULL;
          }
        n->op = ops[i].op;
        n->a = left;
        n->b = right;
        return n;
      }
  return left;
}

static Node *
parse_and (Parser *p)
{
  Node *left = parse_cmp (p);

  while (left != NULL && accept_word (p, "and"))
    {
      Node *right = parse_cmp (p), *n;
      if (right == NULL || (n = node_new (p, NODE_AND)) == NULL)
        {
          node_free (left);
          node_free (right);
          return NULL;
        }
      n->a = left;
      n->b = right;
      left = n;
    }
  return left;
}

static Node *
parse_or (Parser *p)
{
  Node *left = parse_and (p);

  while (left != NULL && accept_word (p, "or"))
    {
      Node *right = parse_and (p), *n;
      if (right == NULL || (n = node_new (p, NODE_OR)) == NULL)
        {
          node_free (left);
          node_free (right);
          return NULL;
        }
      n->a = left;
      n->b = right;
      left = n;
    }
  return left;
}

/**
 * mlr_expr_parse:
 * Parses @text; names must be among @names (NULL-terminated) unless @names is NULL.
 */
MlrExpr *
mlr_expr_parse (const char         *text,
                const char * const *names,
                GError            **error)
{
  Parser p = { text, text, names, error, 0, 0 };
  g_autoptr(GError) local = NULL;
  Node *root;
  MlrExpr *expr;

  if (error == NULL)
    p.error = &local;
  if (strlen (text) > 512)
    {
      g_set_error (p.error, MLR_EXPR_ERROR, MLR_EXPR_ERROR_SYNTAX,
                   "the goal is longer than 512 characters");
      return NULL;
    }
  root = parse_or (&p);
  if (root == NULL)
    return NULL;
  skip_space (&p);
  if (*p.p != '\0')
    {
      node_free (root);
      fail (&p, "unexpected text after the goal");
      return NULL;
    }
  expr = g_new0 (MlrExpr, 1);
  expr->root = root;
  return expr;
}

void
mlr_expr_free (MlrExpr *expr)
{
  if (expr == NULL)
    return;
  node_free (expr->root);
  g_free (expr);
}

/* A value: a number, a string, or nothing (a metric the demo has not reported). */
typedef struct {
  enum { V_NONE, V_NUMBER, V_STRING, V_BOOL } type;
  double      number;
  const char *string;
  gboolean    boolean;
} Value;

static Value eval_node (const Node *n, MlrExprLookup lookup, gpointer data, GPtrArray *keep);

static gboolean
truth (Value v)
{
  switch (v.type)
    {
    case V_BOOL:
      return v.boolean;
    case V_NUMBER:
      return v.number != 0;
    case V_STRING:
      return v.string[0] != '\0';
    default:
      return FALSE;
    }
}

static Value
eval_node (const Node    *n,
           MlrExprLookup  lookup,
           gpointer       data,
           GPtrArray     *keep)
{
  Value v = { V_NONE, 0, NULL, FALSE };

  switch (n->kind)
    {
    case NODE_NUMBER:
      v.type = V_NUMBER;
      v.number = n->number;
      return v;
    case NODE_STRING:
      v.type = V_STRING;
      v.string = n->text;
      return v;
    case NODE_NAME:
      {
        GVariant *value = lookup ? lookup (n->text, data) : NULL;
        if (value == NULL)
          return v;
        g_ptr_array_add (keep, g_variant_take_ref (value));
        if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
          {
            v.type = V_NUMBER;
            v.number = g_variant_get_double (value);
            if (!isfinite (v.number))
              v.type = V_NONE;
          }
        else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
          {
            v.type = V_STRING;
            v.string = g_variant_get_string (value, NULL);
          }
        else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
          {
            v.type = V_BOOL;
            v.boolean = g_variant_get_boolean (value);
          }
        return v;
      }
    case NODE_NOT:
      v.type = V_BOOL;
      v.boolean = !truth (eval_node (n->a, lookup, data, keep));
      return v;
    case NODE_AND:
      v.type = V_BOOL;
      v.boolean = truth (eval_node (n->a, lookup, data, keep)) &&
                  truth (eval_node (n->b, lookup, data, keep));
      return v;
    case NODE_OR:
      v.type = V_BOOL;
      v.boolean = truth (eval_node (n->a, lookup, data, keep)) ||
                  truth (eval_node (n->b, lookup, data, keep));
      return v;
    case NODE_CMP:
      {
        Value a = eval_node (n->a, lookup, data, keep);
        Value b = eval_node (n->b, lookup, data, keep);
        v.type = V_BOOL;
        /* Unknown values never satisfy a goal. */
        if (a.type == V_NONE || b.type == V_NONE)
          return v;
        if (a.type == V_BOOL)
          {
            a.type = V_NUMBER;
            a.number = a.boolean;
          }
        if (b.type == V_BOOL)
          {
            b.type = V_NUMBER;
            b.number = b.boolean;
          }
        if (a.type == V_STRING && b.type == V_STRING)
          {
            int c = g_strcmp0 (a.string, b.string);
            v.boolean = n->op == CMP_EQ || n->op == CMP_APPROX ? c == 0
                      : n->op == CMP_NE ? c != 0 : FALSE;
            return v;
          }
        if (a.type != V_NUMBER || b.type != V_NUMBER)
          return v;
        switch (n->op)
          {
          case CMP_LT: v.boolean = a.number < b.number; break;
          case CMP_LE: v.boolean = a.number <= b.number; break;
          case CMP_GT: v.boolean = a.number > b.number; break;
          case CMP_GE: v.boolean = a.number >= b.number; break;
          case CMP_EQ: v.boolean = a.number == b.number; break;
          case CMP_NE: v.boolean = a.number != b.number; break;
          case CMP_APPROX: v.boolean = fabs (a.number - b.number) <= APPROX_TOLERANCE; break;
          default: break;
          }
        return v;
      }
    default:
      return v;
    }
}

/**
 * mlr_expr_eval:
 * Whether the goal holds for the metrics @lookup returns (it returns new or floating
 * references; they are released here).
 */
gboolean
mlr_expr_eval (const MlrExpr *expr,
               MlrExprLookup  lookup,
               gpointer       user_data)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  gboolean result;

  result = truth (eval_node (expr->root, lookup, user_data, keep));
  return result;
}
