/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr_parse_number() against the CSV reader's parse_number() before it (g_ascii_strtod(),
 * errno, copied below): the same verdict for every string and, for a number, the same bits.
 * And whenever mlr_strtod_fast() answers, strtod() reads the whole string to the same bits
 * without touching errno. On millions of strings: random doubles printed with %.17g, %.18e,
 * %.15g, %.20e and the shortest form the CLIs write; random digit strings of 1 to 25 digits
 * with a point anywhere and exponents from -350 to +310; exact halfway points between
 * neighbouring doubles and their neighbours a digit away, in full and cut to 19 to 25 digits;
 * powers of ten; subnormals, the ends of the range and the famous hard cases; leading and
 * trailing zeros, signs; and strings that are not plain numbers at all.
 *
 * Each group also asserts that the fast path answered for most of its strings: a parser that
 * always declined would pass the comparison and test nothing.
 */
#include <errno.h>
#include <float.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml/mlr-dtoa.h"
#include "ml/mlr-rng.h"
#include "ml/mlr-strtod.h"

static guint checked, fast;

/* The reader's parse_number() as it was (app/ml/mlr-csv.c before mlr-strtod.c) */
static MlrNumber
reference_parse (const char *s,
                 double     *out)
{
  char *end = NULL;
  double v;

  if (*s == '\0')
    return MLR_NUMBER_EMPTY;
  errno = 0;
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    return MLR_NUMBER_SYNTAX;
  if (isnan (v) || (isinf (v) && errno != ERANGE))
    return MLR_NUMBER_NOT_FINITE;
  if (errno == ERANGE && fabs (v) > 1)
    return MLR_NUMBER_RANGE;
  if (errno == ERANGE)
    v = 0;
  *out = v;
  return MLR_NUMBER_OK;
}

static gboolean
check (const char *s)
{
  double want = 0, got = 0, quick = 0;
  MlrNumber want_res, got_res;

  checked++;
  want_res = reference_parse (s, &want);
  got_res = mlr_parse_number (s, &got);
  if (want_res != got_res || (want_res == MLR_NUMBER_OK && memcmp (&want, &got, sizeof want)))
    {
      g_test_message ("\"%s\": reader %d %a, mlr_parse_number %d %a", s, want_res, want,
                      got_res, got);
      return FALSE;
    }
  if (mlr_strtod_fast (s, &quick))
    {
      char *end = NULL;
      double v;

      fast++;
      errno = 0;
      v = strtod (s, &end);
      if (*end != '\0' || errno != 0 || memcmp (&v, &quick, sizeof v) != 0)
        {
          g_test_message ("\"%s\": strtod %a (errno %d, %s left), mlr_strtod_fast %a", s, v,
                          errno, end, quick);
          return FALSE;
        }
    }
  return TRUE;
}

static double
from_bits (guint64 bits)
{
  double v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

/* A random finite double: random bits (every exponent), or a value of ordinary size */
static double
random_double (MlrRng *rng)
{
  double v;

  switch (mlr_rng_below (rng, 3))
    {
    case 0:
      do
        v = from_bits (mlr_rng_next (rng));
      while (!isfinite (v));
      return v;
    case 1:
      return mlr_rng_normal (rng) * pow (10, (int) mlr_rng_below (rng, 25) - 12);
    default:
      return mlr_rng_uniform (rng);
    }
}

static void
test_printed_doubles (void)
{
  MlrRng rng;
  guint bad = 0;
  char buf[64];

  mlr_rng_init (&rng, 1);
  checked = fast = 0;
  for (guint i = 0; i < 400000; i++)
    {
      double v = random_double (&rng);

      snprintf (buf, sizeof buf, "%.17g", v);
      bad += !check (buf);
      snprintf (buf, sizeof buf, "%.18e", v);
      bad += !check (buf);
      snprintf (buf, sizeof buf, "%.15g", v);
      bad += !check (buf);
      snprintf (buf, sizeof buf, "%.20e", v);
      bad += !check (buf);
      mlr_dtoa_shortest (buf, v);
      bad += !check (buf);
      snprintf (buf, sizeof buf, "%.6f", v);
      bad += !check (buf);
    }
  g_test_message ("%u strings, %u on the fast path", checked, fast);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (fast, >, checked * 9 / 10);
}

static void
test_digit_strings (void)
{
  MlrRng rng;
  guint bad = 0;

  mlr_rng_init (&rng, 2);
  checked = fast = 0;
  for (guint i = 0; i < 1000000; i++)
    {
      char buf[96], *p = buf;
      guint n = 1 + mlr_rng_below (&rng, 25);
      guint point = mlr_rng_below (&rng, n + 2);  /* n + 1: no point */
      guint lead = mlr_rng_below (&rng, 4) == 0 ? mlr_rng_below (&rng, 5) : 0;
      guint trail = mlr_rng_below (&rng, 4) == 0 ? mlr_rng_below (&rng, 12) : 0;

      switch (mlr_rng_below (&rng, 3))
        {
        case 0: *p++ = '-'; break;
        case 1: if (mlr_rng_below (&rng, 4) == 0) *p++ = '+'; break;
        default: break;
        }
      for (guint k = 0; k < lead; k++)
        *p++ = '0';
      for (guint k = 0; k < n; k++)
        {
          if (k == point)
            *p++ = '.';
          *p++ = (char) ('0' + (k < n - trail ? mlr_rng_below (&rng, 10) : 0));
        }
      if (point == n)
        *p++ = '.';
      if (mlr_rng_below (&rng, 5) != 0)
        {
          int e = (int) mlr_rng_below (&rng, 661) - 350;
          gboolean plus = e >= 0 && mlr_rng_below (&rng, 4) == 0;

          p += g_snprintf (p, 16, "%s%s%d", mlr_rng_below (&rng, 2) ? "e" : "E",
                           plus ? "+" : "", e);
        }
      *p = '\0';
      bad += !check (buf);
    }
  g_test_message ("%u strings, %u on the fast path", checked, fast);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (fast, >, checked * 3 / 4);
}

/* Cuts the decimal digits of "d.ddd...e±x" to @n significant ones (truncating) */
static void
cut_digits (const char *full,
            guint       n,
            char       *out)
{
  const char *e = strchr (full, 'e');
  guint taken = 0;
  char *p = out;

  for (const char *s = full; s < e; s++)
    {
      if (g_ascii_isdigit (*s) && taken++ >= n)
        continue;
      *p++ = *s;
    }
  strcpy (p, e);
}

static void
test_halfway (void)
{
  MlrRng rng;
  guint bad = 0;

  mlr_rng_init (&rng, 3);
  checked = fast = 0;
  for (guint i = 0; i < 200000; i++)
    {
      /* normal doubles whose midpoints take at most ~120 significant digits */
      double v = ldexp (1 + mlr_rng_uniform (&rng), (int) mlr_rng_below (&rng, 300) - 150);
      double next = nextafter (v, INFINITY);
      long double mid = ((long double) v + next) / 2;  /* exact: 54 bits in 64 */
      char full[256], buf[256];

      if (i % 2)
        v = -v, next = -next, mid = -mid;
      /* every digit of the midpoint: a tie, rounded to the even neighbour */
      g_snprintf (full, sizeof full, "%.160Le", mid);
      bad += !check (full);
      /* a hair above and below it (the last digit of 160 moved) */
      strcpy (buf, full);
      {
        char *e = strchr (buf, 'e');
        e[-1] = e[-1] == '9' ? '8' : (char) (e[-1] + 1);
        bad += !check (buf);
        e[-1] = full[strchr (full, 'e') - full - 1] == '0' ? '1' : '0';
        bad += !check (buf);
      }
      /* cut to 17 ... 25 digits: just below the tie, the last step of many parsers */
      for (guint n = 17; n <= 25; n++)
        {
          cut_digits (full, n, buf);
          bad += !check (buf);
        }
    }
  g_test_message ("%u strings, %u on the fast path", checked, fast);
  g_assert_cmpuint (bad, ==, 0);
  /* the ties and the cuts past 19 digits are meant to go to strtod: the cuts to 17-19 not */
  g_assert_cmpuint (fast, >, checked / 5);
}

static void
test_powers_of_ten (void)
{
  guint bad = 0;
  char buf[512];

  checked = fast = 0;
  for (int e = -360; e <= 320; e++)
    {
      g_snprintf (buf, sizeof buf, "1e%d", e);
      bad += !check (buf);
      g_snprintf (buf, sizeof buf, "-1E%+d", e);
      bad += !check (buf);
      g_snprintf (buf, sizeof buf, "10000000000000000000000e%d", e - 22);
      bad += !check (buf);
      g_snprintf (buf, sizeof buf, "0.0000000000000000000001e%d", e + 22);
      bad += !check (buf);
      g_snprintf (buf, sizeof buf, "9.999999999999999999999999e%d", e);
      bad += !check (buf);
      if (e >= 0 && e <= 40)
        {
          /* the integer and the decimal written out */
          g_snprintf (buf, sizeof buf, "1%0*d", e, 0);
          bad += !check (e == 0 ? "1" : buf);
          g_snprintf (buf, sizeof buf, "0.%0*d1", e, 0);
          bad += !check (buf);
        }
    }
  g_test_message ("%u strings, %u on the fast path", checked, fast);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (fast, >, checked / 2);
}

static void
test_boundaries (void)
{
  static const char *const cases[] = {
    /* the ends of the range: overflow, DBL_MAX, rounding to it, the normal/subnormal edge */
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
    "-1.797693134862315808e308", "1.797693134862315708145274237317043567981e308",
    "1.797693134862315807937289714053034150799e308", "1e309", "-1e309", "1e400",
    "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308",
    "2.225073858507201136057409796709131975934e-308", "2.2250738585072009e-308",
    "2.225073858507201136057409796709131975935e-308", "-2.2250738585072012e-308",
    "1.797693134862315807937289714053034150799e308", "1.7976931348623158079e308",
    "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
    "5e-324", "1e-400", "-1e-400", "3e-324", "1.5e-323",
    /* hard cases from the literature and bug reports */
    "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000001",
    "2.2250738585072011e-308", "0.500000000000000166533453693773481063544750213623046875",
    "3.518437208883201171875e13", "62.5364939768271845828", "8.10109172351e-10",
    "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124",
    "1.00000000000000011102230246251565404236316680908203126",
    "7.3177701707893310e+15", "1.448997445238699", "1e23", "8.589973e9", "1090544144181609348835077142190",
    "4.4501477170144022e-308", "123456789012345678901234567890e-20",
    "0.1", "0.2", "0.3", "1.1", "2.675", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
    /* zeros, signs, leading and trailing zeros */
    "0", "-0", "+0", "0.0", "-0.0", "000", "-000.000e-999999", "0e99999999999999999999",
    "00001.5", "-00000000000000000000000000000000000000012.5e-1",
    "1.50000000000000000000000000000000000000000000", "100000000000000000000000000000000",
    "0.000000000000000000000000000000000000000000000000001", "1.e5", ".5", "-.5e-3", "+.0",
    "5.", "12345678901234567890", "1234567890123456789", "18446744073709551615",
    "18446744073709551616", "99999999999999999999e-20",
    /* not numbers, or not only numbers: the same verdict as strtod's */
    "", "+", "-", ".", "-.", "e5", ".e5", "1e", "1e+", "1e-", "1.5.", "1..5", " 1", "1 ", "\t1",
    "0x1p3", "0X1.8P1", "-0x10", "0x", "inf", "-inf", "INF", "infinity", "-Infinity", "nan",
    "NaN", "nan(123)", "-nan", "1e5x", "+-1", "1,5", "1_000", "1e1.5", "1e+-5", "--1", "١",
    "1\xc2\xa0", "e", "E", "1f", "1d", "0b101", "1e0000000000000000000000000000000000000005",
    "1e-0000000000000000000000000000000000000005", "1E+00", "0.1E-0",
  };
  guint bad = 0;

  checked = fast = 0;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    bad += !check (cases[i]);
  /* every subnormal binade and its neighbours, and the smallest normal ones */
  for (int e = -1080; e <= -1015; e++)
    for (int k = -2; k <= 2; k++)
      {
        char buf[64];
        double v = ldexp (1, e) * (1 + k * DBL_EPSILON);

        g_snprintf (buf, sizeof buf, "%.17g", v);
        bad += !check (buf);
        g_snprintf (buf, sizeof buf, "%.25e", v);
        bad += !check (buf);
      }
  g_test_message ("%u strings, %u on the fast path", checked, fast);
  g_assert_cmpuint (bad, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/strtod/printed-doubles", test_printed_doubles);
  g_test_add_func ("/strtod/digit-strings", test_digit_strings);
  g_test_add_func ("/strtod/halfway", test_halfway);
  g_test_add_func ("/strtod/powers-of-ten", test_powers_of_ten);
  g_test_add_func ("/strtod/boundaries", test_boundaries);
  return g_test_run ();
}
