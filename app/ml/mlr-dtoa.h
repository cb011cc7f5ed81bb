/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-dtoa: printf's "%.17g" of a double, byte for byte, without printf's cost. Seventeen
 * significant digits, correctly rounded, read back as the same double, so a CLI that prints
 * hundreds of thousands of numbers can promise full precision without spending its time in
 * printf. Numbers from about 1e-6 to 1e38 in magnitude (every probability and weight an
 * attention layer prints, for one) take an exact path in 128-bit integers; the rest (zero,
 * subnormals, huge or tiny magnitudes, NaN, infinities) go to the C library in the "C" locale,
 * so the output is the same for every double.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Enough for any "%.17g": "-1.2345678901234567e-308" and a terminator. */
#define MLR_DTOA_BUF_SIZE 32

gsize mlr_dtoa_g17      (char   *buf,
                         double  v);

/* "%.15g" when it reads back as @v, else "%.17g": mlr_csv_append_number()'s numbers. */
gsize mlr_dtoa_shortest (char   *buf,
                         double  v);

G_END_DECLS
