/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-csv: read and write 2-D datasets as CSV with the header `x1,x2,label`, and read numeric
 * `x,y` columns for regression (mlr_csv_load_xy()).
 *
 * What the reader accepts:
 *  - a header line naming the columns; x1 and x2 (and label when labels are wanted) must be
 *    among them — or x (and y when wanted) for the x,y reader —, in any order, other columns
 *    are ignored; names may be double-quoted; x and y stand for x1 and x2 in a file that
 *    names neither;
 *  - then one data row per line with as many comma-separated fields as the header; fields may
 *    be surrounded by spaces or double quotes; numbers in C syntax ("1.5", "-2e3");
 *  - blank lines and lines starting with '#' are skipped; CRLF line ends and a UTF-8 BOM are
 *    fine.
 * Limits (each refused with a message):
 *  - a line is at most MLR_CSV_MAX_LINE (4096) bytes;
 *  - at most MLR_DATASET_MAX_POINTS (100000) data rows;
 *  - coordinates (and x, y) finite with |value| <= 1e12 (no nan, inf);
 *  - labels are whole numbers 0 to 15 ("2" or "2.0"); gaps (e.g. 0 and 2 but no 1) are
 *    accepted here and refused when fitting (mlr_dataset_check_training());
 *  - text only: a NUL or other control byte, or invalid UTF-8, is refused.
 * One numeric column (mlr_csv_load_column(), for the t-test): one value per line, the same
 * number syntax, blank and comment lines, line length and text checks as above; the first line
 * is a header when its only field is not a number at all ("conversion", "A"); at most
 * MLR_DATASET_MAX_POINTS values, each finite with |value| <= 1e12.
 *
 * Every error is a #MLR_CSV_ERROR whose message reads `FILE:LINE: what is wrong` (just
 * `FILE: what is wrong` when the file cannot be read at all).
 *
 * mlr_csv_load_columns() reads other tables the same way (header, skipped lines, text checks,
 * line limit, messages): the named numeric columns of a header, each with its own range, up
 * to a row limit the caller sets (`label,score` for `ml-roadmap-cli evaluate`).
 */
#pragma once

#include <glib.h>

#include "ml/mlr-dataset.h"

G_BEGIN_DECLS

#define MLR_CSV_MAX_LINE 4096

#define MLR_CSV_ERROR (mlr_csv_error_quark ())

typedef enum {
  MLR_CSV_ERROR_IO,        /* the file cannot be opened or read */
  MLR_CSV_ERROR_EMPTY,     /* empty file, or a header and no rows */
  MLR_CSV_ERROR_HEADER,    /* missing or malformed header */
  MLR_CSV_ERROR_SYNTAX,    /* a field is not a valid number or label, or a row is ragged */
  MLR_CSV_ERROR_BINARY,    /* NUL/control bytes or invalid UTF-8 */
  MLR_CSV_ERROR_LIMIT,     /* a line too long, or too many rows */
} MlrCsvError;

typedef enum {
  MLR_CSV_POINTS,          /* read x1, x2 only: points to predict (n_classes = 0) */
  MLR_CSV_LABELED,         /* read x1, x2 and label */
} MlrCsvMode;

typedef enum {
  MLR_CSV_X,               /* read x only (a y column, if any, is ignored): points to predict */
  MLR_CSV_XY,              /* read x and y */
} MlrCsvXYMode;

/* Numeric columns: n_points values of x, and of y (NULL when not read). */
typedef struct {
  guint   n_points;
  double *x;
  double *y;
} MlrXYData;

GQuark      mlr_csv_error_quark (void);

MlrDataset *mlr_csv_load        (const char        *path,
                                 MlrCsvMode         mode,
                                 GError           **error);
MlrDataset *mlr_csv_parse       (const char        *name,
                                 const char        *data,
                                 gsize              len,
                                 MlrCsvMode         mode,
                                 GError           **error);
double     *mlr_csv_load_column (const char        *path,
                                 gsize             *n_values,
                                 GError           **error);
double     *mlr_csv_parse_column (const char       *name,
                                 const char        *data,
                                 gsize              len,
                                 gsize             *n_values,
                                 GError           **error);
char       *mlr_csv_format      (const MlrDataset  *dataset,
                                 gsize             *len);
gboolean    mlr_csv_save        (const MlrDataset  *dataset,
                                 const char        *path,
                                 GError           **error);
void        mlr_csv_append_number (GString         *out,
                                   double           value);

MlrXYData  *mlr_csv_load_xy     (const char        *path,
                                 MlrCsvXYMode       mode,
                                 GError           **error);
MlrXYData  *mlr_csv_parse_xy    (const char        *name,
                                 const char        *data,
                                 gsize              len,
                                 MlrCsvXYMode       mode,
                                 GError           **error);
void        mlr_xy_data_free    (MlrXYData         *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrXYData, mlr_xy_data_free)

/**
 * MlrCsvColumn:
 * One numeric column mlr_csv_load_columns() reads: its header name (case-insensitive), the
 * values it accepts (finite, within [min, max], whole numbers when @integer) and what they
 * are in a message's words ("0 or 1", "a probability from 0 to 1").
 */
typedef struct {
  const char *name;
  double      min;
  double      max;
  gboolean    integer;
  const char *expected;
} MlrCsvColumn;

double     *mlr_csv_load_columns  (const char          *path,
                                   const MlrCsvColumn  *columns,
                                   guint                n_columns,
                                   guint                max_rows,
                                   guint               *n_rows,
                                   GError             **error);
double     *mlr_csv_parse_columns (const char          *name,
                                   const char          *data,
                                   gsize                len,
                                   const MlrCsvColumn  *columns,
                                   guint                n_columns,
                                   guint                max_rows,
                                   guint               *n_rows,
                                   GError             **error);

G_END_DECLS
