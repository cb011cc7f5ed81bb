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

/* Whether a decimal at distance dist (in some unit) from v = m·2^e reads back as v, where
 * gap is the distance from v to its neighbour on that side in the same unit: strtod rounds to
 * nearest, ties to the even significand (v's, when the tie is with a neighbour). */
static inline gboolean
within_half_gap (u128     dist,
                 u128     gap,
                 guint64  m)
{
  /* dist < 2^127 (below 2^126, or below 10^38), so 2·dist does not overflow */
  return 2 * dist < gap || (2 * dist == gap && (m & 1) == 0);
}

/* The P (15 or 17) significant digits of m·2^e (m < 2^53, m > 0, a normal number)
 * rounded to nearest, ties to even, as an integer 10^(P-1) <= *q < 10^P, and the decimal
 * exponent X of the rounded value (*x comes in as an estimate, off by one at most). With
 * @reads_back, also whether strtod() would read that P-digit decimal back as m·2^e.
 * Everything is exact: the scaled value is an integer fraction whose numerator and
 * denominator fit in 128 bits. FALSE when they would not. */
static gboolean
exact_digits (guint64   m,
              int       e,
              int       P,
              int      *x,
              guint64  *q,
              gboolean *reads_back)
{
  const guint64 low = pow10_table[P - 1], high = pow10_table[P];
  /* the gap below a power of two is half the gap above it */
  const gboolean power_of_two = m == (1ull << 52);
  int X = *x;

  for (int tries = 0; tries < 3; tries++)
    {
      int p = P - 1 - X;
      u128 num, quot, dist = 0, gap = 0;
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
              up = FALSE;   /* exact: dist stays 0 */
              gap = 1;
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
              /* in units of 2^-s·10^-p: the decimal is dist away, v's neighbours 10^p */
              dist = up ? ((u128) 1 << s) - rem : rem;
              gap = pow10_128 (p);
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
          /* in units of 1: the decimal is dist away, v's neighbours 2^e */
          dist = up ? den - rem : rem;
          gap = (u128) 1 << e;
        }
      /* the estimate is checked on the value before rounding (too high: fewer than P
       * digits, and rounding at that coarser place could reach 10^(P-1) and hide it); then
       * 9.99…95 may round up to 10^P: the next power's 1.000…, as printf's %g takes the
       * exponent of the rounded value */
      if (quot < low)
        X--;
      else if (quot >= high)
        X++;
      else
        {
          if (quot + up == high)
            {
              *q = low;
              *x = X + 1;
            }
          else
            {
              *q = (guint64) (quot + up);
              *x = X;
            }
          if (reads_back != NULL)
            {
              if (dist == 0)
                *reads_back = TRUE;
              else if (up || !power_of_two)
                *reads_back = within_half_gap (dist, gap, m);
              else if (gap % 2 == 0)
                *reads_back = within_half_gap (dist, gap / 2, m);  /* below 2^k: half the gap */
              else
                *reads_back = FALSE;  /* gap 1 halved: dist >= 1 is never within a quarter */
            }
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

/* %.{P}g of m·2^e as printf writes it, from its P digits q and decimal exponent X. */
static gsize
format_g (char    *buf,
          gboolean negative,
          int      P,
          guint64  q,
          int      X)
{
  char d[17];
  char *o = buf;
  int last;

  for (int i = P - 1; i > 0; i -= 2)
    {
      guint r = (guint) (q % 100);
      q /= 100;
      d[i] = two_digits[2 * r + 1];
      d[i - 1] = two_digits[2 * r];
    }
  if (P % 2 == 1)
    d[0] = (char) ('0' + q);
  for (last = P - 1; last > 0 && d[last] == '0'; last--)
    ;

  if (negative)
    *o++ = '-';
  if (X >= -4 && X < P)
    {
      /* %f style with P − 1 − X decimals, trailing zeros dropped */
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

/* m, e and an estimate of X for a value the exact path takes; FALSE for the others. */
static gboolean
decompose (double   v,
           guint64 *m,
           int     *e,
           int     *X)
{
  double a = fabs (v);
  guint64 bits;

  if (!(a >= 1e-6 && a < 1e38))
    return FALSE;
  memcpy (&bits, &a, sizeof bits);
  *m = (bits & ((1ull << 52) - 1)) | (1ull << 52);  /* a normal number here */
  *e = (int) (bits >> 52) - 1075;
  *X = (int) floor (log10 (a));
  return TRUE;
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
  guint64 m, q;
  int e, X;

  if (!decompose (v, &m, &e, &X) || !exact_digits (m, e, 17, &X, &q, NULL))
    return fallback (buf, v);
  return format_g (buf, v < 0, 17, q, X);
}

/**
 * mlr_dtoa_shortest:
 * @buf: at least %MLR_DTOA_BUF_SIZE bytes
 * @v: any double
 *
 * Writes printf's "%.15g" of @v when strtod() reads it back as @v, else its "%.17g" (in the
 * "C" locale), and a terminating NUL: what mlr_csv_append_number() writes, byte for byte.
 * Returns the length, without the NUL.
 */
gsize
mlr_dtoa_shortest (char   *buf,
                   double  v)
{
  guint64 m, q;
  int e, X, X15;
  gboolean reads_back = FALSE;

  if (decompose (v, &m, &e, &X))
    {
      X15 = X;
      if (exact_digits (m, e, 15, &X15, &q, &reads_back))
        return reads_back ? format_g (buf, v < 0, 15, q, X15) : mlr_dtoa_g17 (buf, v);
    }

  /* the C library, as mlr_csv_append_number() did before it had this */
  {
    char tmp[G_ASCII_DTOSTR_BUF_SIZE];
    gsize len;

    g_ascii_formatd (tmp, sizeof tmp, "%.15g", v);
    if (g_ascii_strtod (tmp, NULL) != v)
      g_ascii_formatd (tmp, sizeof tmp, "%.17g", v);
    len = strlen (tmp);
    g_assert (len < MLR_DTOA_BUF_SIZE);
    memcpy (buf, tmp, len + 1);
    return len;
  }
}
