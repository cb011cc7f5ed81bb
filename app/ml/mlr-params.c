/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-params.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct _MlrParams
{
  const MlrParamSpec *specs;
  guint               n_specs;
  GHashTable         *values;  /* key (borrowed from specs) -> value (owned) */
};

G_DEFINE_QUARK (mlr-params-error-quark, mlr_params_error)

static const char * const bool_true[] = { "true", "yes", "on", "1", NULL };
static const char * const bool_false[] = { "false", "no", "off", "0", NULL };

const MlrParamSpec *
mlr_param_spec_lookup (const MlrParamSpec *specs,
                       guint               n_specs,
                       const char         *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < n_specs; i++)
    if (g_str_equal (specs[i].key, key))
      return &specs[i];
  return NULL;
}

/* Strict number parsing: the whole string must be a finite number in C locale syntax. */
static gboolean
parse_double (const char *s,
              double     *out)
{
  char *end = NULL;
  double v;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (s, &end);
  /* Overflow is an error; underflow (1e-320) gives a finite tiny value, which is fine. */
  if (end == s || (errno == ERANGE && fabs (v) >= 1.0))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_int (const char *s,
           gint64     *out)
{
  char *end = NULL;
  gint64 v;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (s, &end, 10);
  if (end == s || errno == ERANGE)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
in_list (const char * const *list,
         const char         *s)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (g_ascii_strcasecmp (list[i], s) == 0)
      return TRUE;
  return FALSE;
}

static char *
join_choices (const char * const *choices)
{
  return choices ? g_strjoinv (", ", (char **) choices) : g_strdup ("");
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", v));
}

static char *
range_text (const MlrParamSpec *spec)
{
  g_autofree char *lo = format_number (spec->min);
  g_autofree char *hi = format_number (spec->max);

  return g_strdup_printf ("%s to %s", lo, hi);
}

static gboolean
check_scalar (const MlrParamSpec *spec,
              const char         *item,
              GError            **error)
{
  double d;
  gint64 i;

  switch (spec->type)
    {
    case MLR_PARAM_NUMBER:
    case MLR_PARAM_NUMBER_LIST:
      if (!parse_double (item, &d))
        {
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: “%s” is not a finite number", spec->key, item);
          return FALSE;
        }
      if (d < spec->min || d > spec->max)
        {
          g_autofree char *range = range_text (spec);
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: %s is out of range (allowed: %s)", spec->key, item, range);
          return FALSE;
        }
      return TRUE;

    case MLR_PARAM_INT:
    case MLR_PARAM_INT_LIST:
      if (!parse_int (item, &i))
        {
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: “%s” is not a whole number", spec->key, item);
          return FALSE;
        }
      if ((double) i < spec->min || (double) i > spec->max)
        {
          g_autofree char *range = range_text (spec);
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: %s is out of range (allowed: %s)", spec->key, item, range);
          return FALSE;
        }
      return TRUE;

    case MLR_PARAM_BOOL:
      if (in_list (bool_true, item) || in_list (bool_false, item))
        return TRUE;
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "%s: “%s” is not true or false", spec->key, item);
      return FALSE;

    case MLR_PARAM_CHOICE:
    case MLR_PARAM_CHOICE_LIST:
      if (in_list (spec->choices, item))
        return TRUE;
      {
        g_autofree char *valid = join_choices (spec->choices);
        g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                     "%s: “%s” is not one of %s", spec->key, item, valid);
      }
      return FALSE;

    case MLR_PARAM_TEXT:
      if (!g_utf8_validate (item, -1, NULL))
        {
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: the text is not valid UTF-8", spec->key);
          return FALSE;
        }
      for (const char *c = item; *c; c++)
        if (((guchar) *c < 0x20 && *c != '\t') || *c == 0x7f)
          {
            g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                         "%s: the text holds a control character (0x%02x)", spec->key,
                         (guchar) *c);
            return FALSE;
          }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_list_type (MlrParamType type)
{
  return type == MLR_PARAM_CHOICE_LIST || type == MLR_PARAM_NUMBER_LIST ||
         type == MLR_PARAM_INT_LIST;
}

/**
 * mlr_param_spec_check:
 * Checks @value against @spec. On failure the error message names the key, the bad value
 * and what would have been accepted, in words a lesson author or CLI user can act on.
 */
gboolean
mlr_param_spec_check (const MlrParamSpec *spec,
                      const char         *value,
                      GError            **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (strlen (value) > 1024)
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "%s: the value is longer than 1024 characters", spec->key);
      return FALSE;
    }

  if (spec->special != NULL && g_ascii_strcasecmp (value, spec->special) == 0)
    return TRUE;

  if (!is_list_type (spec->type))
    return check_scalar (spec, value, error);

  {
    g_auto(GStrv) items = g_strsplit (value, ",", -1);
    guint n = g_strv_length (items);

    /* an empty value is the empty list, where the table allows one */
    if (n == 1 && *g_strstrip (items[0]) == '\0')
      n = 0;

    if (n < spec->min_count || n > spec->max_count)
      {
        if (spec->min_count == spec->max_count)
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: expected %u comma-separated values, got %u",
                       spec->key, spec->min_count, n);
        else
          g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                       "%s: expected %u to %u comma-separated values, got %u",
                       spec->key, spec->min_count, spec->max_count, n);
        return FALSE;
      }
    for (guint i = 0; i < n; i++)
      {
        g_strstrip (items[i]);
        if (!check_scalar (spec, items[i], error))
          return FALSE;
      }
  }
  return TRUE;
}

/* A short human description of the accepted values, e.g. "number 1e-05 to 10". */
char *
mlr_param_spec_describe (const MlrParamSpec *spec)
{
  g_autofree char *range = range_text (spec);
  g_autofree char *choices = join_choices (spec->choices);
  g_autofree char *base = NULL;

  switch (spec->type)
    {
    case MLR_PARAM_NUMBER:
      base = g_strdup_printf ("number %s", range);
      break;
    case MLR_PARAM_INT:
      base = g_strdup_printf ("integer %s", range);
      break;
    case MLR_PARAM_BOOL:
      base = g_strdup ("true or false");
      break;
    case MLR_PARAM_CHOICE:
      base = g_strdup_printf ("one of %s", choices);
      break;
    case MLR_PARAM_CHOICE_LIST:
      base = g_strdup_printf ("%u to %u of %s, comma-separated",
                              spec->min_count, spec->max_count, choices);
      break;
    case MLR_PARAM_NUMBER_LIST:
      if (spec->min_count == spec->max_count)
        base = g_strdup_printf ("%u numbers %s, comma-separated", spec->min_count, range);
      else
        base = g_strdup_printf ("%u to %u numbers %s, comma-separated",
                                spec->min_count, spec->max_count, range);
      break;
    case MLR_PARAM_INT_LIST:
      base = g_strdup_printf ("%u to %u integers %s, comma-separated",
                              spec->min_count, spec->max_count, range);
      break;
    case MLR_PARAM_TEXT:
      base = g_strdup ("text, up to 1024 bytes");
      break;
    default:
      g_assert_not_reached ();
    }

  if (spec->special != NULL)
    return g_strdup_printf ("%s, or “%s”", base, spec->special);
  return g_steal_pointer (&base);
}

char *
mlr_param_spec_list_keys (const MlrParamSpec *specs,
                          guint               n_specs)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_specs; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, specs[i].key);
    }
  return g_string_free (s, FALSE);
}

MlrParams *
mlr_params_new (const MlrParamSpec *specs,
                guint               n_specs)
{
  MlrParams *self = g_new0 (MlrParams, 1);

  self->specs = specs;
  self->n_specs = n_specs;
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return self;
}

void
mlr_params_free (MlrParams *params)
{
  if (params == NULL)
    return;
  g_hash_table_unref (params->values);
  g_free (params);
}

MlrParams *
mlr_params_copy (const MlrParams *params)
{
  MlrParams *copy = mlr_params_new (params->specs, params->n_specs);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, params->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->values, key, g_strdup (value));
  return copy;
}

const MlrParamSpec *
mlr_params_get_specs (const MlrParams *params,
                      guint           *n_specs)
{
  if (n_specs)
    *n_specs = params->n_specs;
  return params->specs;
}

/**
 * mlr_params_set:
 * Sets @key to @value after checking it; on error nothing changes.
 */
gboolean
mlr_params_set (MlrParams  *params,
                const char *key,
                const char *value,
                GError    **error)
{
  const MlrParamSpec *spec = mlr_param_spec_lookup (params->specs, params->n_specs, key);

  if (spec == NULL)
    {
      g_autofree char *valid = mlr_param_spec_list_keys (params->specs, params->n_specs);
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_UNKNOWN_KEY,
                   "unknown parameter “%s” (valid: %s)", key, valid);
      return FALSE;
    }
  if (!mlr_param_spec_check (spec, value, error))
    return FALSE;

  /* text is kept as typed (a trailing space is part of what the learner sees) */
  g_hash_table_insert (params->values, (gpointer) spec->key,
                       spec->type == MLR_PARAM_TEXT ? g_strdup (value)
                                                    : g_strstrip (g_strdup (value)));
  return TRUE;
}

gboolean
mlr_params_parse_assignment (MlrParams  *params,
                             const char *key_equals_value,
                             GError    **error)
{
  const char *eq = strchr (key_equals_value, '=');
  g_autofree char *key = NULL;

  if (eq == NULL || eq == key_equals_value)
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "“%s” is not of the form KEY=VALUE", key_equals_value);
      return FALSE;
    }
  key = g_strndup (key_equals_value, eq - key_equals_value);
  return mlr_params_set (params, g_strstrip (key), eq + 1, error);
}

gboolean
mlr_params_has (const MlrParams *params,
                const char      *key)
{
  return g_hash_table_contains (params->values, key);
}

/* The given value, else the default; NULL when neither exists. */
const char *
mlr_params_get_string (const MlrParams *params,
                       const char      *key)
{
  const MlrParamSpec *spec;
  const char *v = g_hash_table_lookup (params->values, key);

  if (v != NULL)
    return v;
  spec = mlr_param_spec_lookup (params->specs, params->n_specs, key);
  g_return_val_if_fail (spec != NULL, NULL);
  return spec->default_value;
}

gboolean
mlr_params_is_special (const MlrParams *params,
                       const char      *key)
{
  const MlrParamSpec *spec = mlr_param_spec_lookup (params->specs, params->n_specs, key);
  const char *v = mlr_params_get_string (params, key);

  return spec != NULL && spec->special != NULL && v != NULL &&
         g_ascii_strcasecmp (v, spec->special) == 0;
}

/* Typed getters return 0 / FALSE when the key has no value and no default, or holds the
 * special word; callers check mlr_params_has()/mlr_params_is_special() where that matters. */
double
mlr_params_get_double (const MlrParams *params,
                       const char      *key)
{
  const char *v = mlr_params_get_string (params, key);
  double d = 0;

  if (v == NULL || mlr_params_is_special (params, key) || !parse_double (v, &d))
    return 0;
  return d;
}

gint64
mlr_params_get_int (const MlrParams *params,
                    const char      *key)
{
  const char *v = mlr_params_get_string (params, key);
  gint64 i = 0;

  if (v == NULL || mlr_params_is_special (params, key) || !parse_int (v, &i))
    return 0;
  return i;
}

gboolean
mlr_params_get_bool (const MlrParams *params,
                     const char      *key)
{
  const char *v = mlr_params_get_string (params, key);

  return v != NULL && in_list (bool_true, v);
}

/* Parses a number (or integer) list into @out; returns how many were stored. */
guint
mlr_params_get_doubles (const MlrParams *params,
                        const char      *key,
                        double          *out,
                        guint            max_out)
{
  const char *v = mlr_params_get_string (params, key);
  g_auto(GStrv) items = NULL;
  guint n = 0;

  if (v == NULL || mlr_params_is_special (params, key))
    return 0;
  items = g_strsplit (v, ",", -1);
  for (guint i = 0; items[i] != NULL && n < max_out; i++)
    {
      double d;
      if (parse_double (g_strstrip (items[i]), &d))
        out[n++] = d;
    }
  return n;
}

gboolean
mlr_params_list_contains (const MlrParams *params,
                          const char      *key,
                          const char      *choice)
{
  const char *v = mlr_params_get_string (params, key);
  g_auto(GStrv) items = NULL;

  if (v == NULL)
    return FALSE;
  items = g_strsplit (v, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (items[i]), choice) == 0)
      return TRUE;
  return FALSE;
}

/* Back to the table's default (a no-op when @key was not given). */
void
mlr_params_unset (MlrParams  *params,
                  const char *key)
{
  g_hash_table_remove (params->values, key);
}

/* Whether @key has the same effective value (given or default) in @a and @b; both must come
 * from the same table. Numbers compare by value, so "0.10" equals "0.1". */
gboolean
mlr_params_equal_value (const MlrParams *a,
                        const MlrParams *b,
                        const char      *key)
{
  const char *va = mlr_params_get_string (a, key);
  const char *vb = mlr_params_get_string (b, key);
  const MlrParamSpec *spec = mlr_params_lookup_spec (a, key);
  double da, db;

  if (va == NULL || vb == NULL)
    return va == vb;
  if (g_ascii_strcasecmp (va, vb) == 0)
    return TRUE;
  if (spec != NULL && (spec->type == MLR_PARAM_NUMBER || spec->type == MLR_PARAM_INT) &&
      parse_double (va, &da) && parse_double (vb, &db))
    return da == db;
  return FALSE;
}

/* "key=value key=value" of the given values in table order, for messages and tests. */
char *
mlr_params_to_string (const MlrParams *params)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < params->n_specs; i++)
    {
      const char *v = g_hash_table_lookup (params->values, params->specs[i].key);
      if (v != NULL)
        g_string_append_printf (s, "%s%s=%s", s->len ? " " : "", params->specs[i].key, v);
    }
  return g_string_free (s, FALSE);
}

const MlrParamSpec *
mlr_params_lookup_spec (const MlrParams *params,
                        const char      *key)
{
  return mlr_param_spec_lookup (params->specs, params->n_specs, key);
}

/* The position of @value in a choice spec's choices (case-insensitive), or -1. */
int
mlr_param_spec_choice_index (const MlrParamSpec *spec,
                             const char         *value)
{
  for (int i = 0; value != NULL && spec->choices != NULL && spec->choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (spec->choices[i], value) == 0)
      return i;
  return -1;
}

/* @value rounded to @digits significant digits (0 and non-finite values unchanged), so a
 * log-scale slider sets values such as 0.18 or 0.003 that read back exactly. */
double
mlr_param_round_significant (double value,
                             int    digits)
{
  double mag;

  if (value == 0 || !isfinite (value) || digits < 1)
    return value;
  mag = pow (10, floor (log10 (fabs (value))) - (digits - 1));
  return round (value / mag) * mag;
}
