/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-dtoa.h"

#include <math.h>
#include <string.h>

typedef unsigned __int128 u128;

static const guint64 pow10_table[20] = {
  1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
  1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
  100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
  1000000000000000000ull, 10000000000000000000ull,
};

#define LOW_DIGITS 10000000000000000ull   /* 10^16: the smallest 17-digit integer */
#define HIGH_DIGITS 100000000000000000ull /* 10^17 */

static const char two_digits[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* 10^p for 0 <= p <= 38 (the caller keeps p within 0..22 or the divisor below 2^128) */
static inline u128
pow10_128 (int p)
{
  if (p <= 19)
    return pow10_table[p];
  return (u128) pow10_table[19] * pow10_table[p - 19];
}

/* The 17 significant digits of m·2^e (m < 2^53, m > 0) rounded to nearest, ties to even,
 * as an integer 10^16 <= *q < 10^17, and the decimal exponent X of the rounded value
 * (*x comes in as an estimate, off by one at most). Everything is exact: the scaled value
 * is an integer fraction whose numerator and denominator fit in 128 bits. FALSE when they
 * would not. */
static gboolean
exact_digits (guint64  m,
              int      e,
              int     *x,
              guint64 *q)
{
  int X = *x;

  for (int tries = 0; tries < 3; tries++)
    {
      int p = 16 - X;
      u128 num, quot;
      gboolean up;

      if (p >= 0)
        {
          if (p > 22)
            return FALSE;  /* m·10^p might not fit */
          num = (u128) m * pow10_128 (p);
          if (e >= 0)
            {
              if (e > 10 || (num >> (127 - e)) != 0)
                return FALSE;
              quot = num << e;
              up = FALSE;
            }
          else
            {
              int s = -e;
              u128 rem, half;

              if (s > 126)
                return FALSE;
              quot = num >> s;
              rem = num & (((u128) 1 << s) - 1);
              half = (u128) 1 << (s - 1);
              up = rem > half || (rem == half && (quot & 1));
            }
        }
      else
        {
          u128 den, rem;

          if (e < 0 || e > 74 || -p > 38)
            return FALSE;
          num = (u128) m << e;
          den = pow10_128 (-p);
          quot = num / den;
          rem = num - quot * den;
          /* compare 2·rem with den without overflow: rem < den < 2^127 */
          up = rem > den - rem || (rem == den - rem && (quot & 1));
        }
      /* the estimate is checked on the value before rounding (too high: fewer than 17
       * digits, and rounding at that coarser place could reach 10^16 and hide it); then
       * 9.99…95 may round up to 10^17: the next power's 1.000…, as printf's %g takes the
       * exponent of the rounded value */
      if (quot < LOW_DIGITS)
        X--;
      else if (quot >= HIGH_DIGITS)
        X++;
      else if (quot + up == HIGH_DIGITS)
        {
          *q = LOW_DIGITS;
          *x = X + 1;
          return TRUE;
        }
      else
        {
          *q = (guint64) (quot + up);
          *x = X;
          return TRUE;
        }
    }
  return FALSE;
}

/* The C library's answer, in the "C" locale: for what the exact path does not take. */
static gsize
fallback (char   *buf,
          double  v)
{
  char tmp[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (tmp, sizeof tmp, "%.17g", v);
  len = strlen (tmp);
  g_assert (len < MLR_DTOA_BUF_SIZE);
  memcpy (buf, tmp, len + 1);
  return len;
}

/**
 * mlr_dtoa_g17:
 * @buf: at least %MLR_DTOA_BUF_SIZE bytes
 * @v: any double
 *
 * Writes what printf ("%.17g", @v) writes in the "C" locale, and a terminating NUL.
 * Returns the length, without the NUL.
 */
gsize
mlr_dtoa_g17 (char   *buf,
              double  v)
{
  double a = fabs (v);
  char d[17];
  char *o = buf;
  guint64 bits, m, q;
  int e, X, last;

  if (!(a >= 1e-6 && a < 1e38))
    return fallback (buf, v);
  memcpy (&bits, &a, sizeof bits);
  m = (bits & ((1ull << 52) - 1)) | (1ull << 52);  /* a normal number here */
  e = (int) (bits >> 52) - 1075;
  X = (int) floor (log10 (a));
  if (!exact_digits (m, e, &X, &q))
    return fallback (buf, v);

  for (int i = 16; i > 0; i -= 2)
    {
      guint r = (guint) (q % 100);
      q /= 100;
      d[i] = two_digits[2 * r + 1];
      d[i - 1] = two_digits[2 * r];
    }
  d[0] = (char) ('0' + q);
  for (last = 16; last > 0 && d[last] == '0'; last--)
    ;

  if (v < 0)
    *o++ = '-';
  if (X >= -4 && X < 17)
    {
      /* %f style with 16 − X decimals, trailing zeros dropped */
      if (X >= 0)
        {
          memcpy (o, d, X + 1);
          o += X + 1;
          if (last > X)
            {
              *o++ = '.';
              memcpy (o, d + X + 1, last - X);
              o += last - X;
            }
        }
      else
        {
          *o++ = '0';
          *o++ = '.';
          for (int i = 0; i < -X - 1; i++)
            *o++ = '0';
          memcpy (o, d, last + 1);
          o += last + 1;
        }
    }
  else
    {
      int ax = ABS (X);

      *o++ = d[0];
      if (last > 0)
        {
          *o++ = '.';
          memcpy (o, d + 1, last);
          o += last;
        }
      *o++ = 'e';
      *o++ = X < 0 ? '-' : '+';
      if (ax >= 100)
        *o++ = (char) ('0' + ax / 100);
      *o++ = (char) ('0' + ax / 10 % 10);
      *o++ = (char) ('0' + ax % 10);
    }
  *o = '\0';
  return (gsize) (o - buf);
}
