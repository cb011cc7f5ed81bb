/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV reading and writing: the round trip, what the reader tolerates, and every hostile
 * input with the exact message it gives (FILE:LINE: what is wrong).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ml/mlr-csv.h"

/* Parses @text as "data.csv" and checks it fails with @code and exactly @message. */
static void
assert_parse_error (const char  *text,
                    gsize        len,
                    MlrCsvMode   mode,
                    int          code,
                    const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrDataset) ds = mlr_csv_parse ("data.csv", text, len, mode, &error);

  g_assert_null (ds);
  g_assert_error (error, MLR_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static MlrDataset *
parse_ok (const char *text,
          MlrCsvMode  mode)
{
  g_autoptr(GError) error = NULL;
  MlrDataset *ds = mlr_csv_parse ("data.csv", text, strlen (text), mode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static void
test_round_trip (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_SPIRAL, 500, 0.3, 11, 5, NULL);
  g_autoptr(MlrDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mlr-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "spiral.csv", NULL);
  g_autofree char *text = NULL;
  gsize len;

  /* Awkward values too: tiny, huge, negative zero. */
  ds->x[0] = 1e-300;
  ds->x[1] = -9.87654321e11;
  ds->x[2] = -0.0;
  ds->x[3] = 0.1;

  text = mlr_csv_format (ds, &len);
  g_assert_true (g_str_has_prefix (text, "x1,x2,label\n"));
  g_assert_cmpuint (len, ==, strlen (text));

  g_assert_true (mlr_csv_save (ds, path, &error));
  g_assert_no_error (error);
  back = mlr_csv_load (path, MLR_CSV_LABELED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_points, ==, ds->n_points);
  g_assert_cmpuint (back->n_classes, ==, 5);
  /* Bit for bit. */
  g_assert_cmpmem (back->x, 2 * sizeof (double) * ds->n_points,
                   ds->x, 2 * sizeof (double) * ds->n_points);
  g_assert_cmpmem (back->y, ds->n_points, ds->y, ds->n_points);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_tolerated (void)
{
  /* BOM, CRLF, comments, blank lines, quotes, spaces, other columns in any order. */
  const char *text = "\xEF\xBB\xBF# a comment\r\n"
                     "\r\n"
                     "\"label\", \"x2\" ,x1,note\r\n"
                     "1, 2.5, -1e1 ,hello\r\n"
                     "   \r\n"
                     "0,\"3\",4,\r\n"
                     "# trailing comment\n";
  g_autoptr(MlrDataset) ds = parse_ok (text, MLR_CSV_LABELED);
  g_autoptr(MlrDataset) pts = parse_ok (text, MLR_CSV_POINTS);

  g_assert_cmpuint (ds->n_points, ==, 2);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_assert_cmpfloat (ds->x[0], ==, -10);
  g_assert_cmpfloat (ds->x[1], ==, 2.5);
  g_assert_cmpuint (ds->y[0], ==, 1);
  g_assert_cmpfloat (ds->x[2], ==, 4);
  g_assert_cmpfloat (ds->x[3], ==, 3);
  g_assert_cmpuint (ds->y[1], ==, 0);

  g_assert_cmpuint (pts->n_points, ==, 2);
  g_assert_cmpuint (pts->n_classes, ==, 0);
}

static void
test_points_mode (void)
{
  /* Predicting: only x1 and x2 are read; a label column (even a bad one) is ignored. */
  g_autoptr(MlrDataset) a = parse_ok ("x1,x2\n1,2\n3,4\n", MLR_CSV_POINTS);
  g_autoptr(MlrDataset) b = parse_ok ("x1,x2,label\n1,2,-7\n3,4,oops\n", MLR_CSV_POINTS);

  g_assert_cmpuint (a->n_points, ==, 2);
  g_assert_cmpuint (b->n_points, ==, 2);
  g_assert_cmpfloat (b->x[3], ==, 4);
  assert_parse_error ("x1,x2\n1,2\n", 10, MLR_CSV_LABELED, MLR_CSV_ERROR_HEADER,
                      "data.csv:1: the header has no “label” column (expected x1,x2,label)");
}

static void
test_identical_points (void)
{
  g_autoptr(MlrDataset) ds = parse_ok ("x1,x2,label\n1,1,0\n1,1,1\n1,1,0\n", MLR_CSV_LABELED);

  g_assert_cmpuint (ds->n_points, ==, 3);
  g_assert_true (mlr_dataset_check_training (ds, NULL));
}

#define ERR(text, code, msg) \
  assert_parse_error (text, strlen (text), MLR_CSV_LABELED, MLR_CSV_ERROR_ ## code, msg)

static void
test_bad_numbers (void)
{
  ERR ("x1,x2,label\n1,2,0\nabc,2,1\n", SYNTAX, "data.csv:3: x1: “abc” is not a number");
  ERR ("x1,x2,label\n1,2x,0\n", SYNTAX, "data.csv:2: x2: “2x” is not a number");
  ERR ("x1,x2,label\n1,1.5.2,0\n", SYNTAX, "data.csv:2: x2: “1.5.2” is not a number");
  ERR ("x1,x2,label\n,2,0\n", SYNTAX, "data.csv:2: x1 is empty");
  ERR ("x1,x2,label\nnan,2,0\n", SYNTAX, "data.csv:2: x1: “nan” is not a finite number");
  ERR ("x1,x2,label\n1,-inf,0\n", SYNTAX, "data.csv:2: x2: “-inf” is not a finite number");
  ERR ("x1,x2,label\n1,Infinity,0\n", SYNTAX,
       "data.csv:2: x2: “Infinity” is not a finite number");
  ERR ("x1,x2,label\n1e999,2,0\n", SYNTAX,
       "data.csv:2: x1: “1e999” is too large (coordinates are limited to ±1e12)");
  ERR ("x1,x2,label\n1,-2e13,0\n", SYNTAX,
       "data.csv:2: x2: “-2e13” is too large (coordinates are limited to ±1e12)");
  ERR ("x1,x2,label\n1,2,0\n3,4,abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n", SYNTAX,
       "data.csv:3: label: “abcdefghijklmnopqrstuvwxyzabcdefghijklm…” is not a whole number "
       "(labels are 0 to 15)");
}

static void
test_bad_labels (void)
{
  ERR ("x1,x2,label\n1,2,-1\n", SYNTAX,
       "data.csv:2: label: “-1” is negative (labels are 0 to 15)");
  ERR ("x1,x2,label\n1,2,16\n", SYNTAX,
       "data.csv:2: label: “16” is too large (at most 16 classes: labels 0 to 15)");
  ERR ("x1,x2,label\n1,2,99999999999999999999999\n", SYNTAX,
       "data.csv:2: label: “99999999999999999999999” is too large (at most 16 classes: labels "
       "0 to 15)");
  ERR ("x1,x2,label\n1,2,1.5\n", SYNTAX,
       "data.csv:2: label: “1.5” is not a whole number (labels are 0 to 15)");
  ERR ("x1,x2,label\n1,2,\n", SYNTAX, "data.csv:2: label is empty (labels are 0 to 15)");
  ERR ("x1,x2,label\n1,2,nan\n", SYNTAX,
       "data.csv:2: label: “nan” is not a whole number (labels are 0 to 15)");
  {
    /* "2.0" is a whole number; gaps are fine for reading (fitting refuses them). */
    g_autoptr(MlrDataset) ds = parse_ok ("x1,x2,label\n1,2,2.0\n3,4,0\n", MLR_CSV_LABELED);
    g_assert_cmpuint (ds->y[0], ==, 2);
    g_assert_cmpuint (ds->n_classes, ==, 3);
  }
}

static void
test_structure (void)
{
  ERR ("", EMPTY, "data.csv:1: the file is empty (expected the header line x1,x2,label)");
  ERR ("\n\n# nothing\n", EMPTY,
       "data.csv:1: the file is empty (expected the header line x1,x2,label)");
  ERR ("x1,x2,label\n", EMPTY, "data.csv:2: no data rows after the header");
  ERR ("x1,x2,label", EMPTY, "data.csv:2: no data rows after the header");
  ERR ("0.5,1,0\n1,2,1\n", HEADER,
       "data.csv:1: expected the header line x1,x2,label, found data “0.5,1,0”");
  ERR ("a,b,c\n1,2,1\n", HEADER, "data.csv:1: expected the header line x1,x2,label, found “a,b,c”");
  ERR ("x1,y,label\n1,2,1\n", HEADER,
       "data.csv:1: the header has no “x2” column (expected x1,x2,label)");
  ERR ("x1,x2,x1,label\n1,2,3,1\n", HEADER, "data.csv:1: the header names the column “x1” twice");
  ERR ("x,y,x,label\n1,2,3,1\n", HEADER, "data.csv:1: the header names the column “x” twice");
  ERR ("x,label\n1,1\n", HEADER, "data.csv:1: the header has no “x2” column (expected x1,x2,label)");
  ERR ("x1,x2,label\n1,2,0\n1,2\n", SYNTAX,
       "data.csv:3: expected 3 comma-separated fields as in the header, found 2");
  ERR ("x1,x2,label\n1,2,0,5\n", SYNTAX,
       "data.csv:2: expected 3 comma-separated fields as in the header, found 4");
}

static void
test_binary (void)
{
  static const char nul[] = "x1,x2,label\n1,2,0\n1\0002,1\n";
  static const char garbage[] = "x1,x2,label\n\x89PNG\r\n\x1a\n";
  static const char latin1[] = "x1,x2,label\n1,2,\xe9\n";

  assert_parse_error (nul, sizeof nul - 1, MLR_CSV_LABELED, MLR_CSV_ERROR_BINARY,
                      "data.csv:3: NUL byte at column 2 (not a text CSV file?)");
  assert_parse_error (garbage, sizeof garbage - 1, MLR_CSV_LABELED, MLR_CSV_ERROR_BINARY,
                      "data.csv:2: invalid UTF-8 at column 1 (not a text CSV file?)");
  assert_parse_error (latin1, sizeof latin1 - 1, MLR_CSV_LABELED, MLR_CSV_ERROR_BINARY,
                      "data.csv:2: invalid UTF-8 at column 5 (not a text CSV file?)");
  ERR ("x1,x2,label\n1,2\x01,0\n", BINARY,
       "data.csv:2: control byte 0x01 at column 4 (not a text CSV file?)");
  {
    /* Random bytes never crash; they fail on the first line. */
    g_autoptr(GRand) rand = g_rand_new_with_seed (1);
    for (guint round = 0; round < 200; round++)
      {
        char buf[512];
        g_autoptr(GError) error = NULL;
        g_autoptr(MlrDataset) ds = NULL;
        for (guint i = 0; i < sizeof buf; i++)
          buf[i] = (char) g_rand_int_range (rand, 0, 256);
        ds = mlr_csv_parse ("r.csv", buf, sizeof buf, MLR_CSV_LABELED, &error);
        g_assert_null (ds);
        g_assert_true (g_str_has_prefix (error->message, "r.csv:"));
      }
  }
}

static void
test_limits (void)
{
  GString *s = g_string_new ("x1,x2,label\n1,2,0\n");
  g_autofree char *msg = NULL;

  /* A line of exactly 4096 bytes is fine; 4097 is not. */
  g_string_append (s, "1,2,1");
  g_string_append_printf (s, "%*s\n", 4096 - 5, "");
  {
    g_autoptr(MlrDataset) ds = parse_ok (s->str, MLR_CSV_LABELED);
    g_assert_cmpuint (ds->n_points, ==, 2);
  }
  g_string_truncate (s, s->len - 1);
  g_string_append (s, " \n");
  ERR (s->str, LIMIT, "data.csv:3: line is longer than 4096 bytes");
  g_string_free (s, TRUE);

  /* 100000 rows are fine, 100001 are not. */
  s = g_string_new ("x1,x2,label\n");
  for (guint i = 0; i < MLR_DATASET_MAX_POINTS; i++)
    g_string_append_printf (s, "%u,1,%u\n", i, i % 2);
  {
    g_autoptr(MlrDataset) ds = parse_ok (s->str, MLR_CSV_LABELED);
    g_assert_cmpuint (ds->n_points, ==, MLR_DATASET_MAX_POINTS);
  }
  g_string_append (s, "1,1,1\n");
  msg = g_strdup_printf ("data.csv:%d: more than 100000 data rows (the limit)",
                         MLR_DATASET_MAX_POINTS + 2);
  ERR (s->str, LIMIT, msg);
  g_string_free (s, TRUE);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mlr-csv-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: No such file or directory", missing);
  g_autofree char *dir_msg = g_strdup_printf ("%s: is a directory", dir);

  g_assert_null (mlr_csv_load (missing, MLR_CSV_LABELED, &error));
  g_assert_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_null (mlr_csv_load (dir, MLR_CSV_LABELED, &error));
  g_assert_error (error, MLR_CSV_ERROR, MLR_CSV_ERROR_IO);
  g_assert_cmpstr (error->message, ==, dir_msg);
  g_clear_error (&error);

  /* An endless stream of zeros stops at the first byte; of newlines-free text, at 4 KiB. */
  g_assert_null (mlr_csv_load ("/dev/zero", MLR_CSV_LABELED, &error));
  g_assert_cmpstr (error->message, ==,
                   "/dev/zero:1: NUL byte at column 1 (not a text CSV file?)");
  g_clear_error (&error);

  g_rmdir (dir);
}

/* ---- one numeric column (ml-roadmap-cli ttest) */

static void
assert_column_error (const char *text,
                     int         code,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  g_autofree double *v = mlr_csv_parse_column ("col.csv", text, strlen (text), &n, &error);

  g_assert_null (v);
  g_assert_error (error, MLR_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_column (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree double *v = NULL;
  g_autofree double *w = NULL;
  gsize n = 0;
  /* a header, comments, blanks, quotes, CRLF, a BOM */
  const char *text = "\xEF\xBB\xBF# revenue per user\r\nrevenue\r\n1.5\r\n\r\n \"-2e3\" \r\n0\r\n";

  v = mlr_csv_parse_column ("col.csv", text, strlen (text), &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (v[0], ==, 1.5);
  g_assert_cmpfloat (v[1], ==, -2000);
  g_assert_cmpfloat (v[2], ==, 0);
  /* no header: the first line is data */
  w = mlr_csv_parse_column ("col.csv", "3\n4\n", 4, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (w[0], ==, 3);

  assert_column_error ("", MLR_CSV_ERROR_EMPTY,
                       "col.csv:1: the file is empty (expected one numeric column, header "
                       "optional)");
  assert_column_error ("value\n# nothing\n", MLR_CSV_ERROR_EMPTY,
                       "col.csv:2: no values after the header");
  assert_column_error ("value\n1\nabc\n", MLR_CSV_ERROR_SYNTAX,
                       "col.csv:3: value: “abc” is not a number");
  assert_column_error ("1\n2\nabc\n", MLR_CSV_ERROR_SYNTAX, "col.csv:3: “abc” is not a number");
  assert_column_error ("1\nnan\n", MLR_CSV_ERROR_SYNTAX, "col.csv:2: “nan” is not a finite number");
  assert_column_error ("1\n-inf\n", MLR_CSV_ERROR_SYNTAX,
                       "col.csv:2: “-inf” is not a finite number");
  assert_column_error ("1\n1e13\n", MLR_CSV_ERROR_SYNTAX,
                       "col.csv:2: “1e13” is too large (values are limited to ±1e12)");
  assert_column_error ("1\n1e999\n", MLR_CSV_ERROR_SYNTAX,
                       "col.csv:2: “1e999” is too large (values are limited to ±1e12)");
  assert_column_error ("1\n\"\"\n", MLR_CSV_ERROR_SYNTAX, "col.csv:2: the value is empty");
  assert_column_error ("x1,x2\n1,2\n", MLR_CSV_ERROR_SYNTAX,
                       "col.csv:1: expected one value per line (a single numeric column), "
                       "found 2 comma-separated fields");
  assert_column_error ("1\n2,3\n", MLR_CSV_ERROR_SYNTAX,
                       "col.csv:2: expected one value per line (a single numeric column), "
                       "found 2 comma-separated fields");
  assert_column_error ("1\n\x1b\n", MLR_CSV_ERROR_BINARY,
                       "col.csv:2: control byte 0x1b at column 1 (not a text CSV file?)");
}

static void
test_column_limits (void)
{
  GString *s = g_string_new ("v\n");
  g_autoptr(GError) error = NULL;
  g_autofree double *v = NULL;
  gsize n = 0;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (s, "%d\n", i % 7);
  v = mlr_csv_parse_column ("col.csv", s->str, s->len, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 100000);
  g_string_append (s, "1\n");
  assert_column_error (s->str, MLR_CSV_ERROR_LIMIT, "col.csv:100002: more than 100000 values "
                       "(the limit)");
  g_string_free (s, TRUE);
}

/* The x,y reader: columns in any order, others ignored, y optional for points to predict,
 * and the same errors and limits as the labelled reader. */
static void
assert_xy_error (const char   *text,
                 MlrCsvXYMode  mode,
                 int           code,
                 const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrXYData) xy = mlr_csv_parse_xy ("xy.csv", text, strlen (text), mode, &error);

  g_assert_null (xy);
  g_assert_error (error, MLR_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_xy (void)
{
  const char *text = "\xEF\xBB\xBF# regression data\r\nid,\"Y\", x \r\n7,1.5,-2\r\n\r\n8, -3e2 ,0.25\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrXYData) xy = mlr_csv_parse_xy ("xy.csv", text, strlen (text), MLR_CSV_XY,
                                              &error);
  g_autoptr(MlrXYData) xonly = NULL;
  g_autoptr(GString) big = g_string_new ("x\n");

  g_assert_no_error (error);
  g_assert_cmpuint (xy->n_points, ==, 2);
  g_assert_cmpfloat (xy->x[0], ==, -2);
  g_assert_cmpfloat (xy->y[0], ==, 1.5);
  g_assert_cmpfloat (xy->x[1], ==, 0.25);
  g_assert_cmpfloat (xy->y[1], ==, -300);

  xonly = mlr_csv_parse_xy ("xy.csv", text, strlen (text), MLR_CSV_X, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xonly->n_points, ==, 2);
  g_assert_null (xonly->y);
  g_clear_pointer (&xonly, mlr_xy_data_free);
  /* points to predict need no y, and a y that is not a number does not matter */
  xonly = mlr_csv_parse_xy ("xy.csv", "x,y\n1,\n2,abc\n", 13, MLR_CSV_X, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xonly->n_points, ==, 2);

  assert_xy_error ("x,y\n1,nan\n", MLR_CSV_XY, MLR_CSV_ERROR_SYNTAX,
                   "xy.csv:2: y: “nan” is not a finite number");
  assert_xy_error ("x,y\ninf,1\n", MLR_CSV_XY, MLR_CSV_ERROR_SYNTAX,
                   "xy.csv:2: x: “inf” is not a finite number");
  assert_xy_error ("x,y\n1,2e13\n", MLR_CSV_XY, MLR_CSV_ERROR_SYNTAX,
                   "xy.csv:2: y: “2e13” is too large (coordinates are limited to ±1e12)");
  assert_xy_error ("x,y\n1,\n", MLR_CSV_XY, MLR_CSV_ERROR_SYNTAX, "xy.csv:2: y is empty");
  assert_xy_error ("x\n1\n", MLR_CSV_XY, MLR_CSV_ERROR_HEADER,
                   "xy.csv:1: the header has no “y” column (expected x,y)");
  assert_xy_error ("x1,x2,label\n1,2,0\n", MLR_CSV_X, MLR_CSV_ERROR_HEADER,
                   "xy.csv:1: expected the header line x, found “x1,x2,label”");
  assert_xy_error ("1,2\n3,4\n", MLR_CSV_XY, MLR_CSV_ERROR_HEADER,
                   "xy.csv:1: expected the header line x,y, found data “1,2”");
  assert_xy_error ("x,y,x\n1,2,3\n", MLR_CSV_XY, MLR_CSV_ERROR_HEADER,
                   "xy.csv:1: the header names the column “x” twice");
  assert_xy_error ("x,y\n1,2,3\n", MLR_CSV_XY, MLR_CSV_ERROR_SYNTAX,
                   "xy.csv:2: expected 2 comma-separated fields as in the header, found 3");
  assert_xy_error ("x,y\n", MLR_CSV_XY, MLR_CSV_ERROR_EMPTY,
                   "xy.csv:2: no data rows after the header");
  assert_xy_error ("", MLR_CSV_X, MLR_CSV_ERROR_EMPTY,
                   "xy.csv:1: the file is empty (expected the header line x)");
  assert_xy_error ("x,y\n1,\x01\n", MLR_CSV_XY, MLR_CSV_ERROR_BINARY,
                   "xy.csv:2: control byte 0x01 at column 3 (not a text CSV file?)");

  /* 100,000 rows are fine, one more is not */
  for (int i = 0; i < MLR_DATASET_MAX_POINTS; i++)
    g_string_append_printf (big, "%d\n", i);
  g_clear_pointer (&xonly, mlr_xy_data_free);
  xonly = mlr_csv_parse_xy ("big.csv", big->str, big->len, MLR_CSV_X, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xonly->n_points, ==, MLR_DATASET_MAX_POINTS);
  g_assert_cmpfloat (xonly->x[MLR_DATASET_MAX_POINTS - 1], ==, MLR_DATASET_MAX_POINTS - 1);
  g_string_append (big, "1\n");
  assert_xy_error (big->str, MLR_CSV_X, MLR_CSV_ERROR_LIMIT,
                   "xy.csv:100002: more than 100000 data rows (the limit)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ml/csv/round-trip", test_round_trip);
  g_test_add_func ("/ml/csv/tolerated", test_tolerated);
  g_test_add_func ("/ml/csv/points-mode", test_points_mode);
  g_test_add_func ("/ml/csv/identical-points", test_identical_points);
  g_test_add_func ("/ml/csv/bad-numbers", test_bad_numbers);
  g_test_add_func ("/ml/csv/bad-labels", test_bad_labels);
  g_test_add_func ("/ml/csv/structure", test_structure);
  g_test_add_func ("/ml/csv/binary", test_binary);
  g_test_add_func ("/ml/csv/limits", test_limits);
  g_test_add_func ("/ml/csv/xy", test_xy);
  g_test_add_func ("/ml/csv/files", test_files);
  g_test_add_func ("/ml/csv/column", test_column);
  g_test_add_func ("/ml/csv/column-limits", test_column_limits);

  return g_test_run ();
}
