/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-strtod.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "mlr-pow10-table.h"

typedef unsigned __int128 u128;

/* 10^0 ... 10^22: every one exact in a double */
static const double exact_pow10[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline void
mul_64x64 (guint64  a,
           guint64  b,
           guint64 *hi,
           guint64 *lo)
{
  u128 p = (u128) a * b;

  *hi = (guint64) (p >> 64);
  *lo = (guint64) p;
}

/* Eisel-Lemire: w·10^q (w > 0) rounded to nearest, ties to even, when that is a normal
 * double away from the ends of the exponent range, from the truncated 128-bit 10^q; FALSE
 * when the truncation leaves the rounding in doubt or the result is not such a double (the
 * caller asks strtod). As in Go's strconv (eisel_lemire.go) and Wuffs. */
static gboolean
eisel_lemire (guint64  w,
              int      q,
              gboolean neg,
              double  *out)
{
  const guint64 *p10;
  guint64 x_hi, x_lo, mantissa, msb, bits;
  gint64 exp2;
  int clz;

  if (q < MLR_POW10_MIN_Q || q > MLR_POW10_MAX_Q)
    return FALSE;
  p10 = mlr_pow10_128[q - MLR_POW10_MIN_Q];
  clz = __builtin_clzll (w);
  w <<= clz;
  /* floor(q·log2(10)) for |q| < 1500; >> of a negative int is arithmetic in GCC and clang */
  exp2 = (gint64) ((217706 * q) >> 16) + 64 + 1023 - clz;

  mul_64x64 (w, p10[0], &x_hi, &x_lo);
  /* the 64 bits below the 54 kept are all ones: the low half of 10^q may carry into them */
  if ((x_hi & 0x1FF) == 0x1FF && x_lo + w < w)
    {
      guint64 y_hi, y_lo, merged_hi = x_hi, merged_lo;

      mul_64x64 (w, p10[1], &y_hi, &y_lo);
      merged_lo = x_lo + y_hi;
      if (merged_lo < x_lo)
        merged_hi++;
      if ((merged_hi & 0x1FF) == 0x1FF && merged_lo + 1 == 0 && y_lo + w < w)
        return FALSE;
      x_hi = merged_hi;
      x_lo = merged_lo;
    }

  msb = x_hi >> 63;
  mantissa = x_hi >> (msb + 9);
  exp2 -= 1 ^ msb;
  /* exactly halfway as far as 128 bits tell: the truncated digits decide, ask strtod */
  if (x_lo == 0 && (x_hi & 0x1FF) == 0 && (mantissa & 3) == 1)
    return FALSE;
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >> 53 > 0)
    {
      mantissa >>= 1;
      exp2++;
    }
  /* the lowest and highest binades too go to strtod: its ERANGE for a result that is tiny
   * before rounding, or rounds to DBL_MAX, is its own business */
  if (exp2 <= 1 || exp2 >= 0x7FE)
    return FALSE;
  bits = ((guint64) exp2 << 52) | (mantissa & ((G_GUINT64_CONSTANT (1) << 52) - 1));
  if (neg)
    bits |= G_GUINT64_CONSTANT (1) << 63;
  memcpy (out, &bits, sizeof bits);
  return TRUE;
}

/**
 * mlr_strtod_fast:
 * @s: NUL-terminated text
 * @out: (out): the number, when %TRUE
 *
 * Reads all of @s as a plain decimal, [+-]digits[.digits][(e|E)[+-]digits] with a digit in
 * the significand, whose value is zero or a normal double: exactly strtod()'s result, for
 * which strtod() would consume all of @s and leave errno alone.
 *
 * Returns: %FALSE when @s is anything else or too hard (then call strtod)
 */
gboolean
mlr_strtod_fast (const char *s,
                 double     *out)
{
  const char *p = s;
  guint64 w = 0;
  int n_digits = 0;        /* significant digits in w, at most 19 */
  int dropped = 0;         /* digits of the integer part beyond those */
  int point_shift = 0;     /* fraction digits in w, or leading zeros of the fraction */
  gboolean neg = FALSE, any = FALSE, truncated = FALSE;
  gint64 q;

  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  for (; (guint) (*p - '0') < 10; p++)
    {
      guint d = (guint) (*p - '0');

      any = TRUE;
      if (n_digits < 19)
        {
          w = w * 10 + d;
          n_digits += w != 0;  /* leading zeros are not significant */
        }
      else
        {
          dropped++;
          truncated |= d != 0;
        }
    }
  if (*p == '.')
    {
      for (p++; (guint) (*p - '0') < 10; p++)
        {
          guint d = (guint) (*p - '0');

          any = TRUE;
          if (n_digits < 19)
            {
              w = w * 10 + d;
              n_digits += w != 0;
              point_shift++;
            }
          else
            truncated |= d != 0;
        }
    }
  if (!any)
    return FALSE;
  q = dropped - point_shift;
  if (*p == 'e' || *p == 'E')
    {
      gboolean exp_neg = FALSE;
      gint64 e = 0;

      p++;
      if (*p == '-' || *p == '+')
        exp_neg = *p++ == '-';
      if ((guint) (*p - '0') >= 10)
        return FALSE;  /* "1e": strtod stops before the e */
      for (; (guint) (*p - '0') < 10; p++)
        if (e < 100000)
          e = e * 10 + (*p - '0');
      q += exp_neg ? -e : e;
    }
  if (*p != '\0')
    return FALSE;

  if (w == 0)
    {
      /* all zeros, whatever the exponent: a signed zero, errno untouched */
      *out = neg ? -0.0 : 0.0;
      return TRUE;
    }
  if (q < -400 || q > 400)
    return FALSE;
  if (!truncated)
    {
      /* Clinger: w and 10^|q| are exact doubles, so one rounding, strtod's */
      if (w <= G_GUINT64_CONSTANT (1) << 53 && q >= -22 && q <= 22)
        {
          double v = (double) w;

          v = q < 0 ? v / exact_pow10[-q] : v * exact_pow10[q];
          *out = neg ? -v : v;
          return TRUE;
        }
      return eisel_lemire (w, (int) q, neg, out);
    }
  /* more digits than 19: the value lies between w·10^q and (w + 1)·10^q (w < 10^19, so
   * w + 1 does not overflow); when both round to the same double, so does the value */
  {
    double lo, hi;

    if (!eisel_lemire (w, (int) q, neg, &lo) || !eisel_lemire (w + 1, (int) q, neg, &hi))
      return FALSE;
    if (memcmp (&lo, &hi, sizeof lo) != 0)
      return FALSE;
    *out = lo;
    return TRUE;
  }
}

/**
 * mlr_parse_number:
 * @s: a field: NUL-terminated
 * @out: (out): the number, when %MLR_NUMBER_OK
 *
 * The whole of @s as a finite number in the way g_ascii_strtod() reads it (a leading blank,
 * hex and exponents too); an underflow reads as 0.
 */
MlrNumber
mlr_parse_number (const char *s,
                  double     *out)
{
  char *end = NULL;
  double v;

  if (*s == '\0')
    return MLR_NUMBER_EMPTY;
  if (mlr_strtod_fast (s, out))
    return MLR_NUMBER_OK;
  errno = 0;
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    return MLR_NUMBER_SYNTAX;
  if (isnan (v) || (isinf (v) && errno != ERANGE))
    return MLR_NUMBER_NOT_FINITE;
  if (errno == ERANGE && fabs (v) > 1)
    return MLR_NUMBER_RANGE;
  if (errno == ERANGE)
    v = 0;  /* underflow: as good as zero */
  *out = v;
  return MLR_NUMBER_OK;
}
