/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-strtod: decimal text to a double, bit for bit what strtod() gives in the "C" locale,
 * without its cost. A CSV of a hundred thousand "%.18e" numbers spent a third of a command's
 * time in glibc's strtod, which works in multi-precision for every number. Here the plain
 * decimals ([+-]digits[.digits][e[+-]digits]) whose value is a normal double or zero take
 * Clinger's fast path (an exact double product or quotient) or the Eisel-Lemire algorithm (a
 * 64 × 128-bit product with 10^q, which knows when it cannot decide); anything else (hex,
 * inf, nan, blanks, subnormal, overflowing, or a tie that 19 digits cannot settle) goes to
 * g_ascii_strtod() as before, so what is accepted, rejected and returned does not change.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean mlr_strtod_fast (const char *s,
                          double     *out);

/* What mlr_parse_number() made of a field. */
typedef enum {
  MLR_NUMBER_OK,
  MLR_NUMBER_EMPTY,       /* "" */
  MLR_NUMBER_SYNTAX,      /* not all of it a number */
  MLR_NUMBER_NOT_FINITE,  /* "inf", "nan" ... */
  MLR_NUMBER_RANGE,       /* overflows a double */
} MlrNumber;

MlrNumber mlr_parse_number (const char *s,
                            double     *out);

G_END_DECLS
