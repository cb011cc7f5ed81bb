/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-diagnostic.h"

#include <string.h>

/* A hostile file can produce an error per line; past this many the rest add nothing. */
#define MAX_DIAGNOSTICS 200

static void
diagnostic_free (gpointer data)
{
  MlrDiagnostic *d = data;

  g_free (d->file);
  g_free (d->message);
  g_free (d);
}

MlrDiagnostics *
mlr_diagnostics_new (void)
{
  MlrDiagnostics *diags = g_new0 (MlrDiagnostics, 1);

  diags->items = g_ptr_array_new_with_free_func (diagnostic_free);
  return diags;
}

void
mlr_diagnostics_free (MlrDiagnostics *diags)
{
  if (diags == NULL)
    return;
  g_ptr_array_unref (diags->items);
  g_free (diags);
}

void
mlr_diagnostics_add (MlrDiagnostics *diags,
                     const char     *file,
                     guint           line,
                     guint           column,
                     MlrSeverity     severity,
                     const char     *format,
                     ...)
{
  MlrDiagnostic *d;
  va_list args;

  if (diags == NULL || diags->items->len >= MAX_DIAGNOSTICS)
    return;

  d = g_new0 (MlrDiagnostic, 1);
  d->file = g_strdup (file ? file : "<input>");
  d->line = line;
  d->column = column;
  d->severity = severity;
  va_start (args, format);
  d->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (diags->items, d);
}

/* Moves every diagnostic of @from to the end of @diags. */
void
mlr_diagnostics_take_all (MlrDiagnostics *diags,
                          MlrDiagnostics *from)
{
  while (from->items->len > 0)
    {
      gpointer d = g_ptr_array_steal_index (from->items, 0);
      if (diags->items->len < MAX_DIAGNOSTICS)
        g_ptr_array_add (diags->items, d);
      else
        diagnostic_free (d);
    }
}

guint
mlr_diagnostics_count (const MlrDiagnostics *diags)
{
  return diags ? diags->items->len : 0;
}

gboolean
mlr_diagnostics_has_errors (const MlrDiagnostics *diags)
{
  for (guint i = 0; diags && i < diags->items->len; i++)
    {
      const MlrDiagnostic *d = g_ptr_array_index (diags->items, i);
      if (d->severity == MLR_SEVERITY_ERROR)
        return TRUE;
    }
  return FALSE;
}

const MlrDiagnostic *
mlr_diagnostics_get (const MlrDiagnostics *diags,
                     guint                 index)
{
  g_return_val_if_fail (index < diags->items->len, NULL);
  return g_ptr_array_index (diags->items, index);
}

/* FILE:LINE:COL: message, leaving out the parts that are unknown. */
char *
mlr_diagnostic_format (const MlrDiagnostic *d)
{
  if (d->line > 0 && d->column > 0)
    return g_strdup_printf ("%s:%u:%u: %s", d->file, d->line, d->column, d->message);
  if (d->line > 0)
    return g_strdup_printf ("%s:%u: %s", d->file, d->line, d->message);
  return g_strdup_printf ("%s: %s", d->file, d->message);
}

char *
mlr_diagnostics_format (const MlrDiagnostics *diags,
                        guint                 max_items)
{
  GString *s = g_string_new (NULL);
  guint n = diags->items->len;

  for (guint i = 0; i < n && (max_items == 0 || i < max_items); i++)
    {
      g_autofree char *line = mlr_diagnostic_format (g_ptr_array_index (diags->items, i));
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, line);
    }
  if (max_items > 0 && n > max_items)
    g_string_append_printf (s, "\n… and %u more", n - max_items);
  return g_string_free (s, FALSE);
}

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b)
{
  const MlrDiagnostic *da = *(MlrDiagnostic **) a;
  const MlrDiagnostic *db = *(MlrDiagnostic **) b;
  int c = g_strcmp0 (da->file, db->file);

  if (c != 0)
    return c;
  if (da->line != db->line)
    return da->line < db->line ? -1 : 1;
  if (da->column != db->column)
    return da->column < db->column ? -1 : 1;
  return 0;
}

/* Stable order by file, line, column (g_ptr_array_sort is a stable merge sort). */
void
mlr_diagnostics_sort (MlrDiagnostics *diags)
{
  g_ptr_array_sort (diags->items, compare_diagnostics);
}

/**
 * mlr_edit_distance:
 * Levenshtein distance, capped: anything above @cap counts as @cap + 1. For the "did you
 * mean" of an error (a lesson id, a TeX command).
 */
guint
mlr_edit_distance (const char *a,
                   const char *b,
                   guint       cap)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *prev = NULL, *cur = NULL;

  if ((la > lb ? la - lb : lb - la) > cap)
    return cap + 1;
  prev = g_new (guint, lb + 1);
  cur = g_new (guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    prev[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint row_min;

      cur[0] = row_min = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
          cur[j] = MIN (sub, MIN (prev[j], cur[j - 1]) + 1);
          row_min = MIN (row_min, cur[j]);
        }
      if (row_min > cap)
        return cap + 1;
      memcpy (prev, cur, (lb + 1) * sizeof (guint));
    }
  return MIN (prev[lb], cap + 1);
}
