/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-csv.h"
#include "mlr-dtoa.h"
#include "mlr-file.h"
#include "mlr-strtod.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

G_DEFINE_QUARK (mlr-csv-error-quark, mlr_csv_error)

/* Longest field text quoted back in a message, in characters. */
#define MAX_QUOTED 40

/* Bytes read from a stream at a time */
#define CHUNK_SIZE 65536

/* The line source: a stdio stream (read a chunk at a time into @chunk) or a memory buffer
 * (@data itself). A line is copied out of at most MLR_CSV_MAX_LINE + 1 bytes, so a NUL or an
 * endless line is caught there, whatever the input. */
typedef struct {
  FILE       *fp;
  const char *data;
  gsize       len;
  gsize       pos;
  char       *chunk;
  const char *name;
  guint       line_no;
  char       *line;
  gsize       line_len;
  char        buf[MLR_CSV_MAX_LINE + 2];
} Reader;

typedef enum {
  READ_LINE,
  READ_EOF,
  READ_ERROR,
} ReadResult;

/* Makes bytes available at r->data + r->pos: FALSE at the end (or a read error) */
static gboolean
reader_fill (Reader *r)
{
  if (r->pos < r->len)
    return TRUE;
  if (r->fp == NULL)
    return FALSE;
  if (r->chunk == NULL)
    r->chunk = g_malloc (CHUNK_SIZE);
  r->data = r->chunk;
  r->pos = 0;
  r->len = fread (r->chunk, 1, CHUNK_SIZE, r->fp);
  return r->len > 0;
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
  guchar high = 0;
  gsize i = 0;

  /* eight bytes at a time while all are printable ASCII: a word with a byte below 0x20 (a
   * tab too) or above 0x7f sets a high bit here, and the byte loop takes over from it */
  for (; i + 8 <= r->line_len; i += 8)
    {
      guint64 x;

      memcpy (&x, r->line + i, sizeof x);
      if (((x - G_GUINT64_CONSTANT (0x2020202020202020)) | x) &
          G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i < r->line_len; i++)
    {
      guchar c = (guchar) r->line[i];
      if (G_UNLIKELY (c < 0x20) && c != '\t')
        {
          set_line_error (error, r, MLR_CSV_ERROR_BINARY,
                          "control byte 0x%02x at column %" G_GSIZE_FORMAT
                          " (not a text CSV file?)", c, i + 1);
          return FALSE;
        }
      high |= c;
    }
  /* ASCII (the numbers of a numeric CSV) is valid UTF-8: no need to ask */
  if ((high & 0x80) != 0 && !g_utf8_validate (r->line, r->line_len, &end))
    {
      set_line_error (error, r, MLR_CSV_ERROR_BINARY,
                      "invalid UTF-8 at column %" G_GSIZE_FORMAT " (not a text CSV file?)",
                      (gsize) (end - r->line) + 1);
      return FALSE;
    }
  return TRUE;
}

/* Reads the next line into r->line (NUL-terminated, without its line end): a line of a
 * stream that lies whole in the chunk stays there (the chunk is ours to write the NUL into);
 * anything else is copied to r->buf. */
static ReadResult
reader_next (Reader  *r,
             GError **error)
{
  gboolean any = FALSE, ended = FALSE;

  r->line_no++;
  r->line_len = 0;
  r->line = r->buf;
  while (reader_fill (r))
    {
      char *avail = (char *) r->data + r->pos;
      gsize n = r->len - r->pos;
      char *nl = memchr (avail, '\n', n);
      gsize seg = nl != NULL ? (gsize) (nl - avail) : n;
      /* One byte of slack for the '\r' of a CRLF line end. */
      gsize take = MIN (seg, MLR_CSV_MAX_LINE + 1 - r->line_len);
      const char *nul = memchr (avail, '\0', take);

      any = TRUE;
      if (nul == NULL && take < seg && avail[take] == '\0')
        nul = avail + take;
      if (nul != NULL)
        {
          set_line_error (error, r, MLR_CSV_ERROR_BINARY,
                          "NUL byte at column %" G_GSIZE_FORMAT " (not a text CSV file?)",
                          r->line_len + (gsize) (nul - avail) + 1);
          return READ_ERROR;
        }
      if (take < seg)
        {
          set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                          "line is longer than %d bytes", MLR_CSV_MAX_LINE);
          return READ_ERROR;
        }
      r->pos += seg;
      if (nl != NULL && r->line_len == 0 && r->fp != NULL)
        {
          r->line = avail;  /* its '\n' becomes the NUL */
          r->line_len = seg;
          r->pos++;
          ended = TRUE;
          break;
        }
      memcpy (r->buf + r->line_len, avail, take);
      r->line_len += take;
      if (nl != NULL)
        {
          r->pos++;
          ended = TRUE;
          break;
        }
    }
  /* only a short read can have failed */
  if (!ended && r->fp != NULL && ferror (r->fp))
    {
      int saved = errno;
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO, "%s:%u: read error: %s",
                   r->name, r->line_no, g_strerror (saved));
      return READ_ERROR;
    }
  if (!any)
    return READ_EOF;
  if (r->line_len > 0 && r->line[r->line_len - 1] == '\r')
    r->line_len--;
  if (r->line_len > MLR_CSV_MAX_LINE)
    {
      set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                      "line is longer than %d bytes", MLR_CSV_MAX_LINE);
      return READ_ERROR;
    }
  r->line[r->line_len] = '\0';
  if (r->line_no == 1 && r->line_len >= 3 && memcmp (r->line, "\xEF\xBB\xBF", 3) == 0)
    {
      r->line += 3;
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

/* A finite number within ±MLR_DATASET_MAX_ABS. @column names the field in messages
 * ("x1: …"), or NULL for a file of one unnamed column; @what is what the limit applies to. */
static gboolean
parse_limited (Reader      *r,
               const char  *column,
               const char  *what,
               const char  *field,
               double      *out,
               GError     **error)
{
  MlrNumber res = mlr_parse_number (field, out);
  g_autofree char *quoted = NULL;
  g_autofree char *prefix = NULL;

  if (res == MLR_NUMBER_OK && fabs (*out) <= MLR_DATASET_MAX_ABS)
    return TRUE;
  /* the words only when something is wrong: this runs once per value */
  quoted = quote_field (field);
  prefix = column ? g_strdup_printf ("%s: ", column) : g_strdup ("");
  switch (res)
    {
    case MLR_NUMBER_OK:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "%s%s is too large (%s are limited to ±1e12)", prefix, quoted, what);
      return FALSE;
    case MLR_NUMBER_EMPTY:
      if (column)
        set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s is empty", column);
      else
        set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "the value is empty");
      return FALSE;
    case MLR_NUMBER_SYNTAX:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s%s is not a number", prefix, quoted);
      return FALSE;
    case MLR_NUMBER_NOT_FINITE:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s%s is not a finite number",
                      prefix, quoted);
      return FALSE;
    case MLR_NUMBER_RANGE:
    default:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "%s%s is too large (%s are limited to ±1e12)", prefix, quoted, what);
      return FALSE;
    }
}

static gboolean
parse_coordinate (Reader      *r,
                  const char  *column,
                  const char  *field,
                  double      *out,
                  GError     **error)
{
  return parse_limited (r, column, "coordinates", field, out, error);
}

static gboolean
parse_label (Reader      *r,
             const char  *field,
             guint8      *out,
             GError     **error)
{
  g_autofree char *quoted = quote_field (field);
  double v = 0;
  MlrNumber res = mlr_parse_number (field, &v);

  if (res == MLR_NUMBER_EMPTY)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "label is empty (labels are 0 to %d)",
                      MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (res != MLR_NUMBER_OK && res != MLR_NUMBER_RANGE)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is not a whole number (labels are 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (res == MLR_NUMBER_OK && v != floor (v))
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is not a whole number (labels are 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (v < 0 || (res == MLR_NUMBER_RANGE && field[0] == '-'))
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is negative (labels are 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (res == MLR_NUMBER_RANGE || v >= MLR_DATASET_MAX_CLASSES)
    {
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                      "label: %s is too large (at most %d classes: labels 0 to %d)",
                      quoted, MLR_DATASET_MAX_CLASSES, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  *out = (guint8) v;
  return TRUE;
}

/* What a file must hold: the column names the reader knows (the first n_wanted required,
 * the others recognized so a duplicate is caught, then ignored unless wanted). */
typedef struct {
  const char *names[3];
  guint       n_known;
  guint       n_wanted;
  const char *expected;    /* the header line as a message shows it */
} Layout;

static const Layout labeled_layout = { { "x1", "x2", "label" }, 3, 3, "x1,x2,label" };
static const Layout points_layout = { { "x1", "x2", "label" }, 3, 2, "x1,x2" };
static const Layout xy_layout = { { "x", "y" }, 2, 2, "x,y" };
static const Layout x_layout = { { "x", "y" }, 2, 1, "x" };

typedef struct {
  guint n_fields;
  int   col[3];     /* field index of each known column; -1 when absent or not wanted */
} Header;

static gboolean
parse_header (Reader        *r,
              const Layout  *layout,
              Header        *h,
              GError       **error)
{
  char *fields[MLR_CSV_MAX_LINE + 1];
  g_autofree char *original = g_strdup (r->line);
  gboolean any = FALSE;

  h->n_fields = split_fields (r->line, fields, G_N_ELEMENTS (fields));
  h->col[0] = h->col[1] = h->col[2] = -1;
  for (guint i = 0; i < h->n_fields; i++)
    for (guint c = 0; c < layout->n_known; c++)
      if (g_ascii_strcasecmp (fields[i], layout->names[c]) == 0)
        {
          if (h->col[c] >= 0)
            {
              set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                              "the header names the column “%s” twice", layout->names[c]);
              return FALSE;
            }
          h->col[c] = i;
        }

  /* x and y name the two coordinates too, as a pair, in a points file with neither x1 nor x2 */
  if (g_str_equal (layout->names[0], "x1") && h->col[0] < 0 && h->col[1] < 0)
    for (guint i = 0; i < h->n_fields; i++)
      for (guint c = 0; c < 2; c++)
        if (g_ascii_strcasecmp (fields[i], c == 0 ? "x" : "y") == 0)
          {
            if (h->col[c] >= 0)
              {
                set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                                "the header names the column “%s” twice", c == 0 ? "x" : "y");
                return FALSE;
              }
            h->col[c] = i;
          }

  /* a header with none of the coordinate columns is probably no header at all */
  for (guint c = 0; c < MIN (layout->n_wanted, 2); c++)
    any |= h->col[c] >= 0;
  if (!any)
    {
      double dummy;
      g_autofree char *quoted = quote_field (original);
      if (mlr_parse_number (fields[0], &dummy) == MLR_NUMBER_OK)
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "expected the header line %s, found data %s", layout->expected, quoted);
      else
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "expected the header line %s, found %s", layout->expected, quoted);
      return FALSE;
    }
  for (guint c = 0; c < layout->n_wanted; c++)
    if (h->col[c] < 0)
      {
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "the header has no “%s” column (expected %s)", layout->names[c],
                        layout->expected);
        return FALSE;
      }
  for (guint c = layout->n_wanted; c < 3; c++)
    h->col[c] = -1;
  return TRUE;
}

/* One data row, split into fields as the header: stores it in @data. */
typedef gboolean (*RowFunc) (Reader        *r,
                             const Layout  *layout,
                             const Header  *h,
                             char         **fields,
                             gpointer       data,
                             GError       **error);

static gboolean
dataset_row (Reader        *r,
             const Layout  *layout,
             const Header  *h,
             char         **fields,
             gpointer       data,
             GError       **error)
{
  MlrDataset *ds = data;
  double x[2];
  guint8 label = 0;

  for (guint c = 0; c < 2; c++)
    if (!parse_coordinate (r, layout->names[c], fields[h->col[c]], &x[c], error))
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

static gboolean
xy_row (Reader        *r,
        const Layout  *layout,
        const Header  *h,
        char         **fields,
        gpointer       data,
        GError       **error)
{
  GArray **columns = data;

  for (guint c = 0; c < layout->n_wanted; c++)
    {
      double v;
      if (!parse_coordinate (r, layout->names[c], fields[h->col[c]], &v, error))
        return FALSE;
      g_array_append_val (columns[c], v);
    }
  return TRUE;
}

/* Reads the header and every data row (handing each to @row); returns the number of rows,
 * 0 with @error set on any problem, including a file with no rows. */
static guint
read_rows (Reader        *r,
           const Layout  *layout,
           RowFunc        row,
           gpointer       data,
           GError       **error)
{
  char *fields[MLR_CSV_MAX_LINE + 1];
  Header header;
  ReadResult res;
  guint header_line, n_rows = 0;

  /* The header: the first line that is not blank or a comment. */
  while ((res = reader_next (r, error)) == READ_LINE && is_skippable (r->line))
    ;
  if (res == READ_ERROR)
    return 0;
  if (res == READ_EOF)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:1: the file is empty (expected the header line %s)", r->name,
                   layout->expected);
      return 0;
    }
  if (!parse_header (r, layout, &header, error))
    return 0;
  header_line = r->line_no;

  while ((res = reader_next (r, error)) == READ_LINE)
    {
      guint n;

      if (is_skippable (r->line))
        continue;
      if (n_rows == MLR_DATASET_MAX_POINTS)
        {
          set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                          "more than %d data rows (the limit)", MLR_DATASET_MAX_POINTS);
          return 0;
        }
      n = split_fields (r->line, fields, G_N_ELEMENTS (fields));
      if (n != header.n_fields)
        {
          set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                          "expected %u comma-separated fields as in the header, found %u",
                          header.n_fields, n);
          return 0;
        }
      if (!row (r, layout, &header, fields, data, error))
        return 0;
      n_rows++;
    }
  if (res == READ_ERROR)
    return 0;
  if (n_rows == 0)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:%u: no data rows after the header", r->name, header_line + 1);
      return 0;
    }
  return n_rows;
}

static MlrDataset *
read_all (Reader      *r,
          MlrCsvMode   mode,
          GError     **error)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_new (0, 0);

  if (read_rows (r, mode == MLR_CSV_LABELED ? &labeled_layout : &points_layout, dataset_row,
                 ds, error) == 0)
    return NULL;
  return g_steal_pointer (&ds);
}

static MlrXYData *
read_all_xy (Reader        *r,
             MlrCsvXYMode   mode,
             GError       **error)
{
  g_autoptr(GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *columns[2] = { x, y };
  MlrXYData *out;
  guint n = read_rows (r, mode == MLR_CSV_XY ? &xy_layout : &x_layout, xy_row, columns, error);

  if (n == 0)
    return NULL;
  out = g_new0 (MlrXYData, 1);
  out->n_points = n;
  out->x = (double *) g_array_free (g_steal_pointer (&x), FALSE);
  out->y = mode == MLR_CSV_XY ? (double *) g_array_free (g_steal_pointer (&y), FALSE) : NULL;
  return out;
}

/* Opens @path for streaming, refusing directories; NULL with @error set. */
static FILE *
open_csv (const char  *path,
          GError     **error)
{
  struct stat st;
  FILE *fp = fopen (path, "rb");

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
  return fp;
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
  FILE *fp;

  g_return_val_if_fail (path != NULL, NULL);

  fp = open_csv (path, error);
  if (fp == NULL)
    return NULL;
  r = g_new0 (Reader, 1);
  r->fp = fp;
  r->name = path;
  ds = read_all (r, mode, error);
  fclose (fp);
  g_free (r->chunk);
  return ds;
}

/* ---------------------------------------------------------------- one numeric column */

/* One value per line, after an optional header: the first line that is not blank or a
 * comment is a header when its one field is not a number at all. */
static double *
read_column (Reader   *r,
             gsize    *n_values,
             GError  **error)
{
  /* grown by hand: g_array_append_val() is a call and a memcpy per value */
  g_autofree double *values = NULL;
  gsize len = 0, alloc = 0;
  char *fields[MLR_CSV_MAX_LINE + 1];
  g_autofree char *name = NULL;
  ReadResult res;
  guint first_line = 0;

  while ((res = reader_next (r, error)) == READ_LINE)
    {
      guint n;
      double v;

      if (is_skippable (r->line))
        continue;
      n = split_fields (r->line, fields, G_N_ELEMENTS (fields));
      if (n != 1)
        {
          set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                          "expected one value per line (a single numeric column), found %u "
                          "comma-separated fields", n);
          return NULL;
        }
      if (first_line == 0)
        {
          first_line = r->line_no;
          if (mlr_parse_number (fields[0], &v) == MLR_NUMBER_SYNTAX)
            {
              name = g_strdup (fields[0]);
              continue;
            }
        }
      if (len == MLR_DATASET_MAX_POINTS)
        {
          set_line_error (error, r, MLR_CSV_ERROR_LIMIT,
                          "more than %d values (the limit)", MLR_DATASET_MAX_POINTS);
          return NULL;
        }
      if (!parse_limited (r, name, "values", fields[0], &v, error))
        return NULL;
      if (len == alloc)
        {
          alloc = MAX (1024, 2 * alloc);
          values = g_renew (double, values, alloc);
        }
      values[len++] = v;
    }
  if (res == READ_ERROR)
    return NULL;
  if (first_line == 0)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:1: the file is empty (expected one numeric column, header optional)",
                   r->name);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:%u: no values after the header", r->name, first_line + 1);
      return NULL;
    }
  *n_values = len;
  return g_steal_pointer (&values);
}

/**
 * mlr_csv_parse_column:
 * @name: the name used in messages (a file name)
 * @data: the text, @len bytes (need not be NUL-terminated)
 * @n_values: (out): how many values were read (at least one)
 * @error: return location for a #MLR_CSV_ERROR
 *
 * Reads one numeric column (see the file comment).
 *
 * Returns: (transfer full) (nullable): the values, in order
 */
double *
mlr_csv_parse_column (const char  *name,
                      const char  *data,
                      gsize        len,
                      gsize       *n_values,
                      GError     **error)
{
  g_autofree Reader *r = g_new0 (Reader, 1);

  r->data = data;
  r->len = len;
  r->name = name;
  return read_column (r, n_values, error);
}

/**
 * mlr_csv_load_column:
 * Reads the one numeric column of @path (see the file comment), streamed like
 * mlr_csv_load().
 *
 * Returns: (transfer full) (nullable): the values; their number in @n_values
 */
double *
mlr_csv_load_column (const char  *path,
                     gsize       *n_values,
                     GError     **error)
{
  g_autofree Reader *r = NULL;
  double *values;
  FILE *fp;

  g_return_val_if_fail (path != NULL, NULL);

  fp = open_csv (path, error);
  if (fp == NULL)
    return NULL;
  r = g_new0 (Reader, 1);
  r->fp = fp;
  r->name = path;
  values = read_column (r, n_values, error);
  fclose (fp);
  g_free (r->chunk);
  return values;
}

/**
 * mlr_csv_parse_xy:
 * Reads numeric `x,y` data (just `x` with %MLR_CSV_X) from @data, with the same format,
 * limits and messages as mlr_csv_parse(): the columns are named x and y, in any order,
 * others are ignored; at most MLR_DATASET_MAX_POINTS rows; values finite within ±1e12.
 *
 * Returns: (transfer full) (nullable): the values
 */
MlrXYData *
mlr_csv_parse_xy (const char    *name,
                  const char    *data,
                  gsize          len,
                  MlrCsvXYMode   mode,
                  GError       **error)
{
  g_autofree Reader *r = g_new0 (Reader, 1);

  r->data = data;
  r->len = len;
  r->name = name;
  return read_all_xy (r, mode, error);
}

/**
 * mlr_csv_load_xy:
 * mlr_csv_parse_xy() of the file @path, streamed like mlr_csv_load().
 *
 * Returns: (transfer full) (nullable): the values
 */
MlrXYData *
mlr_csv_load_xy (const char    *path,
                 MlrCsvXYMode   mode,
                 GError       **error)
{
  g_autofree Reader *r = NULL;
  MlrXYData *xy;
  FILE *fp;

  g_return_val_if_fail (path != NULL, NULL);

  fp = open_csv (path, error);
  if (fp == NULL)
    return NULL;
  r = g_new0 (Reader, 1);
  r->fp = fp;
  r->name = path;
  xy = read_all_xy (r, mode, error);
  fclose (fp);
  g_free (r->chunk);
  return xy;
}

void
mlr_xy_data_free (MlrXYData *data)
{
  if (data == NULL)
    return;
  g_free (data->x);
  g_free (data->y);
  g_free (data);
}

/**
 * mlr_csv_append_number:
 * Appends @value in the shortest C-locale form that reads back as the same double.
 */
void
mlr_csv_append_number (GString *out,
                       double   value)
{
  char buf[MLR_DTOA_BUF_SIZE];

  /* %.15g when it reads back as @value, else %.17g, without printf's and strtod's cost */
  g_string_append_len (out, buf, (gssize) mlr_dtoa_shortest (buf, value));
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

  if (!mlr_file_set_contents (path, text, len, &local))
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- named numeric columns (mlr_csv_load_columns) */

typedef struct {
  guint n_fields;
  int  *col;        /* field index of each wanted column */
} ColumnsHeader;

static char *
columns_expected (const MlrCsvColumn *columns,
                  guint               n_columns)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (s, "%s%s", c ? "," : "", columns[c].name);
  return g_string_free (s, FALSE);
}

static gboolean
parse_columns_header (Reader              *r,
                      const MlrCsvColumn  *columns,
                      guint                n_columns,
                      ColumnsHeader       *h,
                      GError             **error)
{
  char *fields[MLR_CSV_MAX_LINE + 1];
  g_autofree char *original = g_strdup (r->line);
  g_autofree char *expected = columns_expected (columns, n_columns);
  gboolean any = FALSE;

  h->n_fields = split_fields (r->line, fields, G_N_ELEMENTS (fields));
  for (guint c = 0; c < n_columns; c++)
    h->col[c] = -1;
  for (guint i = 0; i < h->n_fields; i++)
    for (guint c = 0; c < n_columns; c++)
      if (g_ascii_strcasecmp (fields[i], columns[c].name) == 0)
        {
          if (h->col[c] >= 0)
            {
              set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                              "the header names the column “%s” twice", columns[c].name);
              return FALSE;
            }
          h->col[c] = i;
          any = TRUE;
        }
  if (!any)
    {
      double dummy;
      g_autofree char *quoted = quote_field (original);
      set_line_error (error, r, MLR_CSV_ERROR_HEADER, "expected the header line %s, found %s%s",
                      expected,
                      mlr_parse_number (fields[0], &dummy) == MLR_NUMBER_OK ? "data " : "",
                      quoted);
      return FALSE;
    }
  for (guint c = 0; c < n_columns; c++)
    if (h->col[c] < 0)
      {
        set_line_error (error, r, MLR_CSV_ERROR_HEADER,
                        "the header has no “%s” column (expected %s)", columns[c].name,
                        expected);
        return FALSE;
      }
  return TRUE;
}

static gboolean
parse_column_value (Reader              *r,
                    const MlrCsvColumn  *column,
                    const char          *field,
                    double              *out,
                    GError             **error)
{
  MlrNumber res = mlr_parse_number (field, out);
  g_autofree char *quoted = NULL;

  if (res == MLR_NUMBER_OK && *out >= column->min && *out <= column->max &&
      (!column->integer || *out == floor (*out)))
    {
      *out += 0.0;  /* no -0 */
      return TRUE;
    }
  /* the message quotes the field: made only for a bad one, a million rows read fast */
  quoted = quote_field (field);
  switch (res)
    {
    case MLR_NUMBER_EMPTY:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s is empty (expected %s)",
                      column->name, column->expected);
      return FALSE;
    case MLR_NUMBER_NOT_FINITE:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s: %s is not a finite number (expected "
                      "%s)", column->name, quoted, column->expected);
      return FALSE;
    case MLR_NUMBER_SYNTAX:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s: %s is not a number (expected %s)",
                      column->name, quoted, column->expected);
      return FALSE;
    case MLR_NUMBER_OK:
    case MLR_NUMBER_RANGE:
    default:
      set_line_error (error, r, MLR_CSV_ERROR_SYNTAX, "%s: %s is not %s", column->name, quoted,
                      column->expected);
      return FALSE;
    }
}

static double *
read_columns (Reader              *r,
              const MlrCsvColumn  *columns,
              guint                n_columns,
              guint                max_rows,
              guint               *n_rows,
              GError             **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree int *col = g_new (int, n_columns);
  g_autofree double *row = g_new (double, n_columns);
  g_autofree char **fields = g_new (char *, MLR_CSV_MAX_LINE + 1);
  ColumnsHeader header = { 0, col };
  ReadResult res;
  guint header_line, rows = 0;

  *n_rows = 0;
  while ((res = reader_next (r, error)) == READ_LINE && is_skippable (r->line))
    ;
  if (res == READ_ERROR)
    return NULL;
  if (res == READ_EOF)
    {
      g_autofree char *expected = columns_expected (columns, n_columns);
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:1: the file is empty (expected the header line %s)", r->name, expected);
      return NULL;
    }
  if (!parse_columns_header (r, columns, n_columns, &header, error))
    return NULL;
  header_line = r->line_no;

  while ((res = reader_next (r, error)) == READ_LINE)
    {
      guint n;

      if (is_skippable (r->line))
        continue;
      if (rows == max_rows)
        {
          set_line_error (error, r, MLR_CSV_ERROR_LIMIT, "more than %u data rows (the limit)",
                          max_rows);
          return NULL;
        }
      n = split_fields (r->line, fields, MLR_CSV_MAX_LINE + 1);
      if (n != header.n_fields)
        {
          set_line_error (error, r, MLR_CSV_ERROR_SYNTAX,
                          "expected %u comma-separated fields as in the header, found %u",
                          header.n_fields, n);
          return NULL;
        }
      for (guint c = 0; c < n_columns; c++)
        if (!parse_column_value (r, &columns[c], fields[col[c]], &row[c], error))
          return NULL;
      g_array_append_vals (values, row, n_columns);
      rows++;
    }
  if (res == READ_ERROR)
    return NULL;
  if (rows == 0)
    {
      g_set_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_EMPTY,
                   "%s:%u: no data rows after the header", r->name, header_line + 1);
      return NULL;
    }
  *n_rows = rows;
  return (double *) g_array_free (g_steal_pointer (&values), FALSE);
}

/**
 * mlr_csv_parse_columns:
 * @name: the name used in messages (a file name)
 * @data: the CSV text, @len bytes (need not be NUL-terminated)
 * @columns: the @n_columns columns to read, in the order the result holds them
 * @max_rows: refuse more data rows than this
 * @n_rows: (out): the rows read
 *
 * Like mlr_csv_parse(), for a header that names @columns (in any order, among others that are
 * ignored): every value finite and within its column's range.
 *
 * Returns: (transfer full) (nullable): @n_rows × @n_columns values, row by row
 */
double *
mlr_csv_parse_columns (const char          *name,
                       const char          *data,
                       gsize                len,
                       const MlrCsvColumn  *columns,
                       guint                n_columns,
                       guint                max_rows,
                       guint               *n_rows,
                       GError             **error)
{
  g_autofree Reader *r = g_new0 (Reader, 1);

  g_return_val_if_fail (n_columns > 0 && n_rows != NULL, NULL);
  r->data = data;
  r->len = len;
  r->name = name;
  return read_columns (r, columns, n_columns, max_rows, n_rows, error);
}

/**
 * mlr_csv_load_columns:
 * mlr_csv_parse_columns() on the file at @path, streamed as mlr_csv_load() does.
 *
 * Returns: (transfer full) (nullable): @n_rows × @n_columns values, row by row
 */
double *
mlr_csv_load_columns (const char          *path,
                      const MlrCsvColumn  *columns,
                      guint                n_columns,
                      guint                max_rows,
                      guint               *n_rows,
                      GError             **error)
{
  g_autofree Reader *r = NULL;
  struct stat st;
  double *values;
  FILE *fp;

  g_return_val_if_fail (path != NULL && n_columns > 0 && n_rows != NULL, NULL);

  *n_rows = 0;
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
  values = read_columns (r, columns, n_columns, max_rows, n_rows, error);
  fclose (fp);
  g_free (r->chunk);
  return values;
}
