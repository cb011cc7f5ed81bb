/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

G_DEFINE_QUARK (mlr-csv-error-quark, mlr_csv_error)

/* Longest field text quoted back in a message, in characters. */
#define MAX_QUOTED 40

/* The line source: a stdio stream or a memory buffer. Lines are read byte by byte so a NUL
 * or an endless line is caught after at most MLR_CSV_MAX_LINE bytes, whatever the input. */
typedef struct {
  FILE       *fp;
  const char *data;
  gsize       len;
  gsize       pos;
  const char *name;
  guint       line_no;
  gsize       line_len;
  char        buf[MLR_CSV_MAX_LINE + 2];
} Reader;

typedef enum {
  READ_LINE,
  READ_EOF,
  READ_ERROR,
} ReadResult;

static int
reader_getc (Reader *r)
{
  if (r->fp != NULL)
    return getc_unlocked (r->fp);
  if (r->pos >= r->len)
    return EOF;
  return (guchar) r->data[r->pos++];
}

static void
set_line_error (GError     **error,
                Reader      *r,
                MlrCsvError  code,
                const char  *format,
                ...) G_GNUC_PRINTF (4, 5);

static void
set_line_error (GError     **error,
                Reader      *r,
                MlrCsvError  code,
                const char  *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MLR_CSV_ERROR, code, "%s:%u: %s", r->name, r->line_no, msg);
}

/* Checks that the line is text: no control bytes but tab, valid UTF-8. */
static gboolean
check_text (Reader  *r,
            GError **error)
{
  const char *end = NULL;

  for (gsize i = 0; i < r->line_len; i++)
    {
      guchar c = (guchar) r->buf[i];
      if (c < 0x20 && c != '\t')
        {
          set_line_error (error, r, MLR_CSV_ERROR_BINARY,
                          "control byte 0x%02x at column %" G_GSIZE_FORMAT
                          " (not a text CSV file?)", c, i + 1);
          return FALSE;
        }
    }
  if (!g_utf8_validate (r->buf, r->line_len, &end))
    {
      set_line_error (error, r, MLR_CSV_ERROR_BINARY,
                      "invalid UTF-8 at column %" G_GSIZE_FORMAT " (not a text CSV file?)",
                      (gsize) (end - r->buf) + 1);
      return FALSE;
    }
  return TRUE;
}

/* Reads the next line into r->buf (NUL-terminated, without its line end). */
static ReadResult
reader_next (Reader  *r,
             GError **error)
{
  gboolean any = FALSE;
  int c;

  r->line_no++;
  r->line_len = 0;
  while ((c = reader_getc (r)) != EOF)
    {
      any = TRUE;
      if (c == '\n')
        break;
      if (c == '\0')
        {
          set_line_error (error, r, MLR_CSV_ERROR_BINARY,
                          "NUL byte at column %" G_GSIZE_FORMAT " (not a text CSV file?)",
                          r->line_len + 1);
          return READ_ERROR;
        }
      /* One byte of slack for the '\r' of a CRLF line end. */
      if (r->line_len == MLR_CSV_MAX_LINE + 1)
        {
          set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                          "line is longer than %d bytes", MLR_CSV_MAX_LINE);
          return READ_ERROR;
        }
      r->buf[r->line_len++] = (char) c;
    }
  if (r->fp != NULL && ferror (r->fp))
    {
      int saved = errno;
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO, "%s:%u: read error: %s",
                   r->name, r->line_no, g_strerror (saved));
      return READ_ERROR;
    }
  if (!any)
    return READ_EOF;
  if (r->line_len > 0 && r->buf[r->line_len - 1] == '\r')
    r->line_len--;
  if (r->line_len > MLR_CSV_MAX_LINE)
    {
      set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                      "line is longer than %d bytes", MLR_CSV_MAX_LINE);
      return READ_ERROR;
    }
  r->buf[r->line_len] = '\0';
  if (r->line_no == 1 && r->line_len >= 3 && memcmp (r->buf, "\xEF\xBB\xBF", 3) == 0)
    {
      memmove (r->buf, r->buf + 3, r->line_len - 2);
      r->line_len -= 3;
    }
  return check_text (r, error) ? READ_LINE : READ_ERROR;
}

static gboolean
is_skippable (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return *line == '\0' || *line == '#';
}

/* Splits the line in place at commas; trims blanks and one pair of enclosing quotes. */
static guint
split_fields (char  *line,
              char **fields,
              guint  max_fields)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      char *start = p, *end;

      while (*p != ',' && *p != '\0')
        p++;
      end = p;
      while (start < end && (*start == ' ' || *start == '\t'))
        start++;
      while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      if (end - start >= 2 && *start == '"' && end[-1] == '"')
        {
          start++;
          end--;
        }
      if (n < max_fields)
        fields[n] = start;
      n++;
      if (*p == '\0')
        {
          *end = '\0';
          break;
        }
      p++;
      *end = '\0';
    }
  return n;
}

/* The field as quoted in a message: shortened to MAX_QUOTED characters. */
static char *
quote_field (const char *field)
{
  if (g_utf8_strlen (field, -1) <= MAX_QUOTED)
    return g_strdup_printf ("“%s”", field);
  {
    g_autofree char *head = g_utf8_substring (field, 0, MAX_QUOTED - 1);
    return g_strdup_printf ("“%s…”", head);
  }
}

typedef enum {
  NUM_OK,
  NUM_EMPTY,
  NUM_SYNTAX,
  NUM_NOT_FINITE,
  NUM_RANGE,
} NumResult;

static NumResult
parse_number (const char *s,
              double     *out)
{
  char *end = NULL;
  double v;

  if (*s == '\0')
    return NUM_EMPTY;
  errno = 0;
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    return NUM_SYNTAX;
  if (isnan (v) || (isinf (v) && errno != ERANGE))
    return NUM_NOT_FINITE;
  if (errno == ERANGE && fabs (v) > 1)
    return NUM_RANGE;
  if (errno == ERANGE)
    v = 0;  /* underflow: as good as zero */
  *out = v;
  return NUM_OK;
}

static gboolean
parse_coordinate (Reader      *r,
                  const char  *column,
                  const char  *field,
                  double      *out,
                  GError     **error)
{
  g_autofree char *quoted = quote_field (field);

  switch (parse_number (field, out))
    {
    case NUM_OK:
      if (fabs (*out) <= MLR_DATASET_MAX_ABS)
        return TRUE;
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "%s: %s is too large (coordinates are limited to ±1e12)", column, quoted);
      return FALSE;
    case NUM_EMPTY:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s is empty", column);
      return FALSE;
    case NUM_SYNTAX:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s: %s is not a number", column, quoted);
      return FALSE;
    case NUM_NOT_FINITE:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s: %s is not a finite number",
                      column, quoted);
      return FALSE;
    case NUM_RANGE:
    default:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "%s: %s is too large (coordinates are limited to ±1e12)", column, quoted);
      return FALSE;
    }
}

static gboolean
parse_label (Reader      *r,
             const char  *field,
             guint8      *out,
             GError     **error)
{
  g_autofree char *quoted = quote_field (field);
  double v = 0;
  NumResult res = parse_number (field, &v);

  if (res == NUM_EMPTY)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "label is empty (labels are 0 to %d)",
                      MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (res != NUM_OK && res != NUM_RANGE)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is not a whole number (labels are 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (res == NUM_OK && v != floor (v))
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is not a whole number (labels are 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (v < 0 || (res == NUM_RANGE && field[0] == '-'))
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is negative (labels are 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (res == NUM_RANGE || v >= MLR_DATASET_MAX_CLASSES)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is too large (at most %d classes: labels 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  *out = (guint8) v;
  return TRUE;
}

typedef struct {
  guint n_fields;
  int   col[3];     /* field index of x1, x2, label; -1 when absent */
} Header;

static const char * const column_names[] = { "x1", "x2", "label" };

static gboolean
parse_header (Reader      *r,
              MlrCsvMode   mode,
              Header      *h,
              GError     **error)
{
  char *fields[MLR_CSV_MAX_LINE + 1];
  g_autofree char *original = g_strdup (r->buf);
  guint n_wanted = mode == MLR_CSV_LABELED ? 3 : 2;
  const char *expected = mode == MLR_CSV_LABELED ? "x1,x2,label" : "x1,x2";

  h->n_fields = split_fields (r->buf, fields, G_N_ELEMENTS (fields));
  h->col[0] = h->col[1] = h->col[2] = -1;
  for (guint i = 0; i < h->n_fields; i++)
    for (guint c = 0; c < 3; c++)
      if (g_ascii_strcasecmp (fields[i], column_names[c]) == 0)
        {
          if (h->col[c] >= 0)
            {
              set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                              "the header names the column “%s” twice", column_names[c]);
              return FALSE;
            }
          h->col[c] = i;
        }

  /* x and y name the two coordinates too, as a pair, in a file with neither x1 nor x2 */
  if (h->col[0] < 0 && h->col[1] < 0)
    for (guint i = 0; i < h->n_fields; i++)
      for (guint c = 0; c < 2; c++)
        if (h->col[c] < 0 && g_ascii_strcasecmp (fields[i], c == 0 ? "x" : "y") == 0)
          h->col[c] = i;
  for (guint i = 0; i < h->n_fields; i++)
    for (guint c = 0; c < 2; c++)
      if (h->col[c] == (int) i)
        for (guint j = i + 1; j < h->n_fields; j++)
          if (g_ascii_strcasecmp (fields[j], fields[i]) == 0)
            {
              set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                              "the header names the column “%s” twice", fields[i]);
              return FALSE;
            }

  if (h->col[0] < 0 && h->col[1] < 0)
    {
      double dummy;
      g_autofree char *quoted = quote_field (original);
      if (parse_number (fields[0], &dummy) == NUM_OK)
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "expected the header line %s, found data %s", expected, quoted);
      else
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "expected the header line %s, found %s", expected, quoted);
      return FALSE;
    }
  for (guint c = 0; c < n_wanted; c++)
    if (h->col[c] < 0)
      {
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "the header has no “%s” column (expected %s)", column_names[c], expected);
        return FALSE;
      }
  if (mode == MLR_CSV_POINTS)
    h->col[2] = -1;
  return TRUE;
}

static gboolean
parse_row (Reader        *r,
           const Header  *h,
           MlrDataset    *ds,
           GError       **error)
{
  char *fields[MLR_CSV_MAX_LINE + 1];
  guint n = split_fields (r->buf, fields, G_N_ELEMENTS (fields));
  double x[2];
  guint8 label = 0;

  if (n != h->n_fields)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "expected %u comma-separated fields as in the header, found %u",
                      h->n_fields, n);
      return FALSE;
    }
  for (guint c = 0; c < 2; c++)
    if (!parse_coordinate (r, column_names[c], fields[h->col[c]], &x[c], error))
      return FALSE;
  if (h->col[2] >= 0 && !parse_label (r, fields[h->col[2]], &label, error))
    return FALSE;

  if (h->col[2] >= 0)
    mlr_dataset_append (ds, x[0], x[1], label);
  else
    {
      mlr_dataset_append (ds, x[0], x[1], 0);
      ds->n_classes = 0;
    }
  return TRUE;
}

static MlrDataset *
read_all (Reader      *r,
          MlrCsvMode   mode,
          GError     **error)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_new (0, 0);
  Header header;
  ReadResult res;
  guint header_line;

  /* The header: the first line that is not blank or a comment. */
  while ((res = reader_next (r, error)) == READ_LINE && is_skippable (r->buf))
    ;
  if (res == READ_ERROR)
    return NULL;
  if (res == READ_EOF)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:1: the file is empty (expected the header line %s)", r->name,
                   mode == MLR_CSV_LABELED ? "x1,x2,label" : "x1,x2");
      return NULL;
    }
  if (!parse_header (r, mode, &header, error))
    return NULL;
  header_line = r->line_no;

  while ((res = reader_next (r, error)) == READ_LINE)
    {
      if (is_skippable (r->buf))
        continue;
      if (ds->n_points == MLR_DATASET_MAX_POINTS)
        {
          set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                          "more than %d data rows (the limit)", MLR_DATASET_MAX_POINTS);
          return NULL;
        }
      if (!parse_row (r, &header, ds, error))
        return NULL;
    }
  if (res == READ_ERROR)
    return NULL;
  if (ds->n_points == 0)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:%u: no data rows after the header", r->name, header_line + 1);
      return NULL;
    }
  return g_steal_pointer (&ds);
}

/**
 * mlr_csv_parse:
 * @name: the name used in messages (a file name)
 * @data: the CSV text, @len bytes (need not be NUL-terminated)
 * @mode: whether to read labels
 * @error: return location for a #MLR_CSV_ERROR
 *
 * Returns: (transfer full) (nullable): the points
 */
MlrDataset *
mlr_csv_parse (const char  *name,
               const char  *data,
               gsize        len,
               MlrCsvMode   mode,
               GError     **error)
{
  g_autofree Reader *r = g_new0 (Reader, 1);

  r->data = data;
  r->len = len;
  r->name = name;
  return read_all (r, mode, error);
}

/**
 * mlr_csv_load:
 * Reads @path (see the file comment for the format and limits). The file is streamed, so a
 * huge or endless input fails at its first bad line instead of filling memory.
 *
 * Returns: (transfer full) (nullable): the points
 */
MlrDataset *
mlr_csv_load (const char  *path,
              MlrCsvMode   mode,
              GError     **error)
{
  g_autofree Reader *r = NULL;
  MlrDataset *ds;
  struct stat st;
  FILE *fp;

  g_return_val_if_fail (path != NULL, NULL);

  fp = fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fileno (fp), &st) == 0 && S_ISDIR (st.st_mode))
    {
      fclose (fp);
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO, "%s: is a directory", path);
      return NULL;
    }
  r = g_new0 (Reader, 1);
  r->fp = fp;
  r->name = path;
  ds = read_all (r, mode, error);
  fclose (fp);
  return ds;
}

/**
 * mlr_csv_append_number:
 * Appends @value in the shortest C-locale form that reads back as the same double.
 */
void
mlr_csv_append_number (GString *out,
                       double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
}

/**
 * mlr_csv_format:
 * The dataset as CSV: header `x1,x2,label` (`x1,x2` when unlabelled), one row per point,
 * numbers that read back exactly.
 *
 * Returns: (transfer full): the text; its length in @len when not NULL
 */
char *
mlr_csv_format (const MlrDataset *dataset,
                gsize            *len)
{
  GString *out = g_string_sized_new (32 + 40 * (gsize) dataset->n_points);
  gboolean labeled = dataset->n_classes > 0;

  g_string_append (out, labeled ? "x1,x2,label\n" : "x1,x2\n");
  for (guint i = 0; i < dataset->n_points; i++)
    {
      mlr_csv_append_number (out, dataset->x[2 * i]);
      g_string_append_c (out, ',');
      mlr_csv_append_number (out, dataset->x[2 * i + 1]);
      if (labeled)
        g_string_append_printf (out, ",%u", dataset->y[i]);
      g_string_append_c (out, '\n');
    }
  if (len != NULL)
    *len = out->len;
  return g_string_free (out, FALSE);
}

/**
 * mlr_csv_save:
 * Writes mlr_csv_format() to @path atomically (a reader never sees half a file).
 */
gboolean
mlr_csv_save (const MlrDataset  *dataset,
              const char        *path,
              GError           **error)
{
  g_autoptr(GError) local = NULL;
  gsize len;
  g_autofree char *text = mlr_csv_format (dataset, &len);

  if (!g_file_set_contents_full (path, text, len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
