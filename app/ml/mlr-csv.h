/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-csv: read and write 2-D datasets as CSV with the header `x1,x2,label`.
 *
 * What the reader accepts:
 *  - a header line naming the columns; x1 and x2 (and label when labels are wanted) must be
 *    among them, in any order, other columns are ignored; names may be double-quoted; x and
 *    y stand for x1 and x2 in a file that names neither;
 *  - then one data row per line with as many comma-separated fields as the header; fields may
 *    be surrounded by spaces or double quotes; numbers in C syntax ("1.5", "-2e3");
 *  - blank lines and lines starting with '#' are skipped; CRLF line ends and a UTF-8 BOM are
 *    fine.
 * Limits (each refused with a message):
 *  - a line is at most MLR_CSV_MAX_LINE (4096) bytes;
 *  - at most MLR_DATASET_MAX_POINTS (100000) data rows;
 *  - coordinates finite with |value| <= 1e12 (no nan, inf);
 *  - labels are whole numbers 0 to 15 ("2" or "2.0"); gaps (e.g. 0 and 2 but no 1) are
 *    accepted here and refused when fitting (mlr_dataset_check_training());
 *  - text only: a NUL or other control byte, or invalid UTF-8, is refused.
 * Every error is a #MLR_CSV_ERROR whose message reads `FILE:LINE: what is wrong` (just
 * `FILE: what is wrong` when the file cannot be read at all).
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

GQuark      mlr_csv_error_quark (void);

MlrDataset *mlr_csv_load        (const char        *path,
                                 MlrCsvMode         mode,
                                 GError           **error);
MlrDataset *mlr_csv_parse       (const char        *name,
                                 const char        *data,
                                 gsize              len,
                                 MlrCsvMode         mode,
                                 GError           **error);
char       *mlr_csv_format      (const MlrDataset  *dataset,
                                 gsize             *len);
gboolean    mlr_csv_save        (const MlrDataset  *dataset,
                                 const char        *path,
                                 GError           **error);
void        mlr_csv_append_number (GString         *out,
                                   double           value);

G_END_DECLS
