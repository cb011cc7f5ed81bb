/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr_dtoa_g17() against the C library's "%.17g", byte for byte, and strtod() reading every
 * answer back as the same double: random bit patterns over every exponent, random values in
 * the ranges the CLIs print (probabilities, weights, coordinates), exact ties of the 17th
 * digit (rounded to even, as printf does), the neighbours of powers of ten where the decimal
 * exponent changes, integers, subnormals, the extremes, ±0, NaN and infinities.
 *
 * mlr_dtoa_shortest() against what mlr_csv_append_number() wrote before it: the C library's
 * "%.15g" when strtod() reads it back as the value, else "%.17g"; on decimals of 1 to 17
 * digits (where 15 digits do or do not suffice), their neighbours, powers of two (whose lower
 * gap is half the upper one) and random bit patterns.
 */
#include <float.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ml/mlr-dtoa.h"
#include "ml/mlr-rng.h"

static guint checked, exact_path_values;

/* One value: the same bytes as printf, and (when finite) strtod gives it back. */
static gboolean
check_one (double v)
{
  char want[64], got[MLR_DTOA_BUF_SIZE + 8];
  gsize len;

  memset (got, 'x', sizeof got);
  snprintf (want, sizeof want, "%.17g", v);
  len = mlr_dtoa_g17 (got, v);
  checked++;
  if (fabs (v) >= 1e-6 && fabs (v) < 1e38)
    exact_path_values++;
  if (strcmp (want, got) != 0 || len != strlen (want))
    {
      g_test_message ("%a: printf \"%s\", mlr_dtoa_g17 \"%s\" (length %" G_GSIZE_FORMAT ")",
                      v, want, got, len);
      return FALSE;
    }
  if (isfinite (v))
    {
      double back = strtod (got, NULL);
      if (memcmp (&back, &v, sizeof v) != 0)
        {
          g_test_message ("%a: \"%s\" reads back as %a", v, got, back);
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

static void
test_random_bits (void)
{
  MlrRng rng;
  guint bad = 0;

  mlr_rng_init (&rng, 16);
  for (guint i = 0; i < 1000000; i++)
    bad += !check_one (from_bits (mlr_rng_next (&rng)));
  g_assert_cmpuint (bad, ==, 0);
}

static void
test_random_ranges (void)
{
  static const double scales[] = { 1, 1e-3, 1e-5, 1e-6, 1e-7, 1e3, 1e12, 1e15, 1e16, 1e17,
                                   1e20, 1e37, 1e38, 1e300, 1e-300, 1e-310 };
  MlrRng rng;
  guint bad = 0;

  mlr_rng_init (&rng, 1);
  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    for (guint i = 0; i < 60000; i++)
      {
        double u = mlr_rng_uniform (&rng);
        bad += !check_one (u * scales[s]);
        bad += !check_one (-u * scales[s]);
        bad += !check_one ((2 * u - 1) * scales[s]);
      }
  /* what the attention CLI prints: softmax weights of a few hundred keys */
  for (guint i = 0; i < 200000; i++)
    bad += !check_one (exp (-20 * mlr_rng_uniform (&rng)) / 512);
  g_assert_cmpuint (bad, ==, 0);
}

static void
test_ties_and_boundaries (void)
{
  MlrRng rng;
  guint bad = 0;

  /* in [2^50, 2^51) doubles are quarters: x.25 and x.75 have 18 digits, the 18th a 5 */
  mlr_rng_init (&rng, 2);
  for (guint i = 0; i < 100000; i++)
    {
      double base = ldexp (1, 50) + floor (mlr_rng_uniform (&rng) * ldexp (1, 50));
      bad += !check_one (base + 0.25);
      bad += !check_one (base + 0.75);
      bad += !check_one (-(base + 0.25));
    }
  /* halves in [2^51, 2^52) and eighths in [2^49, 2^50): other exact ties */
  for (guint i = 0; i < 100000; i++)
    {
      double u = floor (mlr_rng_uniform (&rng) * ldexp (1, 49));
      bad += !check_one (ldexp (1, 51) + 2 * u + 0.5);
      bad += !check_one (ldexp (1, 49) + u + 0.125);
      bad += !check_one (ldexp (1, 49) + u + 0.625);
    }
  /* each power of ten and its neighbours: where the decimal exponent and %g's style change */
  for (int p = -320; p <= 308; p++)
    {
      char text[16];
      double t;

      g_snprintf (text, sizeof text, "1e%d", p);
      t = g_ascii_strtod (text, NULL);
      for (int step = 0; step < 40; step++)
        {
          double up = t, down = t;
          for (int s = 0; s < step; s++)
            {
              up = nextafter (up, INFINITY);
              down = nextafter (down, 0);
            }
          bad += !check_one (up);
          bad += !check_one (down);
          bad += !check_one (-up);
        }
      /* 9.99…95 rounds up to the next power: the exponent comes from the rounded value */
      bad += !check_one (t * 9.9999999999999995);
      bad += !check_one (t * 9.99999999999999999);
    }
  /* integers, and powers of two */
  for (guint i = 0; i < 100000; i++)
    bad += !check_one ((double) (mlr_rng_next (&rng) >> (mlr_rng_next (&rng) % 64)));
  for (int e = -1074; e <= 1023; e++)
    {
      bad += !check_one (ldexp (1, e));
      bad += !check_one (-ldexp (1, e));
      bad += !check_one (ldexp (1, e) * (1 + DBL_EPSILON));
    }
  g_assert_cmpuint (bad, ==, 0);
}

static void
test_specials (void)
{
  const double values[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-6, 1e-5,
                            1e-4, 1e16, 1e17, 1e38, DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX,
                            DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN - DBL_TRUE_MIN, 4.9406564584124654e-324,
                            DBL_EPSILON, 9007199254740992.0, 9007199254740993.0,
                            123456789012345678.0, 0.000123456789, 5e-324, INFINITY, -INFINITY,
                            NAN };
  guint bad = 0;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    bad += !check_one (values[i]);
  /* subnormals at random */
  {
    MlrRng rng;
    mlr_rng_init (&rng, 3);
    for (guint i = 0; i < 100000; i++)
      bad += !check_one (from_bits (mlr_rng_next (&rng) & ((1ull << 52) - 1)));
  }
  g_assert_cmpuint (bad, ==, 0);
  /* most of the values above took the exact path, not the C library's */
  g_test_message ("%u values, %u of them in the exact path's range", checked, exact_path_values);
}

/* What mlr_csv_append_number() wrote with the C library alone. */
static gboolean
check_shortest (double v)
{
  char want[G_ASCII_DTOSTR_BUF_SIZE], got[MLR_DTOA_BUF_SIZE + 8];
  gsize len;

  g_ascii_formatd (want, sizeof want, "%.15g", v);
  if (g_ascii_strtod (want, NULL) != v)
    g_ascii_formatd (want, sizeof want, "%.17g", v);
  memset (got, 'x', sizeof got);
  len = mlr_dtoa_shortest (got, v);
  if (strcmp (want, got) != 0 || len != strlen (want))
    {
      g_test_message ("%a: C library \"%s\", mlr_dtoa_shortest \"%s\"", v, want, got);
      return FALSE;
    }
  return TRUE;
}

static void
test_shortest (void)
{
  const double values[] = { 0.0, -0.0, 0.1, 0.3, 1.0 / 3, 1e-6, 1e38, 1e-7, 1e39, 5e-324,
                            DBL_MAX, DBL_MIN, 999999999999999.5, 9999999999999995.0,
                            123456789012345.67, 0.99999999999999994, INFINITY, -INFINITY, NAN };
  MlrRng rng;
  guint bad = 0, fifteen = 0;
  char buf[MLR_DTOA_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    bad += !check_shortest (values[i]) + !check_shortest (-values[i]);
  mlr_rng_init (&rng, 15);
  for (guint i = 0; i < 200000; i++)
    {
      int digits = 1 + (int) (mlr_rng_next (&rng) % 17);
      int exponent = (int) (mlr_rng_next (&rng) % 50) - 9 - digits;
      guint64 mantissa = mlr_rng_next (&rng) % (guint64) pow (10, digits);
      char text[64];
      double v, p2;

      g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT "e%d", mantissa, exponent);
      v = g_ascii_strtod (text, NULL);
      bad += !check_shortest (v) + !check_shortest (-v);
      bad += !check_shortest (nextafter (v, INFINITY)) + !check_shortest (nextafter (v, 0));
      fifteen += mlr_dtoa_shortest (buf, v) < 17;
      p2 = ldexp (1.0, (int) (mlr_rng_next (&rng) % 160) - 30);
      bad += !check_shortest (p2) + !check_shortest (nextafter (p2, 0));
      bad += !check_shortest (nextafter (p2, INFINITY));
      bad += !check_shortest (from_bits (mlr_rng_next (&rng)));
      bad += !check_shortest (mlr_rng_uniform (&rng) * 2 - 1);
    }
  g_assert_cmpuint (bad, ==, 0);
  /* both answers were exercised */
  g_assert_cmpuint (fifteen, >, 10000);
  g_assert_cmpuint (fifteen, <, 190000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dtoa/random-bits", test_random_bits);
  g_test_add_func ("/dtoa/random-ranges", test_random_ranges);
  g_test_add_func ("/dtoa/ties-and-boundaries", test_ties_and_boundaries);
  g_test_add_func ("/dtoa/specials", test_specials);
  g_test_add_func ("/dtoa/shortest", test_shortest);
  return g_test_run ();
}
