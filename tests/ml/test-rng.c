/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <math.h>

#include "ml/mlr-rng.h"

static void
test_determinism (void)
{
  MlrRng a, b, c;

  mlr_rng_init (&a, 42);
  mlr_rng_init (&b, 42);
  mlr_rng_init (&c, 43);
  for (int i = 0; i < 1000; i++)
    {
      guint64 x = mlr_rng_next (&a);
      g_assert_cmpuint (x, ==, mlr_rng_next (&b));
      if (i == 0)
        g_assert_cmpuint (x, !=, mlr_rng_next (&c));
    }
}

static void
test_uniform_and_below (void)
{
  MlrRng r;
  double sum = 0;
  guint counts[7] = { 0 };
  const int n = 70000;

  mlr_rng_init (&r, 1);
  for (int i = 0; i < n; i++)
    {
      double u = mlr_rng_uniform (&r);
      guint32 k = mlr_rng_below (&r, 7);
      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      g_assert_cmpuint (k, <, 7);
      counts[k]++;
      sum += u;
    }
  g_assert_cmpfloat_with_epsilon (sum / n, 0.5, 0.01);
  for (int k = 0; k < 7; k++)
    g_assert_cmpfloat_with_epsilon (counts[k] / (double) n, 1.0 / 7, 0.01);
}

static void
test_normal (void)
{
  MlrRng r;
  double sum = 0, sum2 = 0;
  const int n = 200000;

  mlr_rng_init (&r, 7);
  for (int i = 0; i < n; i++)
    {
      double z = mlr_rng_normal (&r);
      g_assert_true (isfinite (z));
      sum += z;
      sum2 += z * z;
    }
  g_assert_cmpfloat_with_epsilon (sum / n, 0.0, 0.01);
  g_assert_cmpfloat_with_epsilon (sum2 / n, 1.0, 0.02);
}

static void
test_shuffle_is_permutation (void)
{
  MlrRng r;
  guint items[100];
  gboolean seen[100] = { FALSE };
  guint moved = 0;

  mlr_rng_init (&r, 3);
  for (guint i = 0; i < 100; i++)
    items[i] = i;
  mlr_rng_shuffle (&r, items, 100);
  for (guint i = 0; i < 100; i++)
    {
      g_assert_cmpuint (items[i], <, 100);
      g_assert_false (seen[items[i]]);
      seen[items[i]] = TRUE;
      moved += items[i] != i;
    }
  g_assert_cmpuint (moved, >, 50);
}

/* Reference outputs of xoshiro256** seeded through splitmix64, computed with an
 * independent implementation of the published algorithms (Blackman & Vigna). They pin the
 * generator: lessons and tests rely on one seed giving the same data everywhere. */
static void
test_reference_values (void)
{
  MlrRng r;

  mlr_rng_init (&r, 0);
  g_assert_cmpuint (mlr_rng_next (&r), ==, G_GUINT64_CONSTANT (0x99ec5f36cb75f2b4));
  g_assert_cmpuint (mlr_rng_next (&r), ==, G_GUINT64_CONSTANT (0xbf6e1f784956452a));
  g_assert_cmpuint (mlr_rng_next (&r), ==, G_GUINT64_CONSTANT (0x1a5f849d4933e6e0));
  mlr_rng_init (&r, 42);
  g_assert_cmpuint (mlr_rng_next (&r), ==, G_GUINT64_CONSTANT (0x15780b2e0c2ec716));
  g_assert_cmpuint (mlr_rng_next (&r), ==, G_GUINT64_CONSTANT (0x6104d9866d113a7e));
  g_assert_cmpuint (mlr_rng_next (&r), ==, G_GUINT64_CONSTANT (0xae17533239e499a1));
}

static void
test_reinit_resets (void)
{
  MlrRng r;
  double first[5];

  /* Re-seeding restarts the stream, including the normal deviate held in reserve. */
  mlr_rng_init (&r, 9);
  for (int i = 0; i < 5; i++)
    first[i] = mlr_rng_normal (&r);
  mlr_rng_init (&r, 9);
  for (int i = 0; i < 5; i++)
    g_assert_cmpfloat (mlr_rng_normal (&r), ==, first[i]);
}

static void
test_uniform_resolution (void)
{
  MlrRng r;

  /* [0, 1) in steps of 2^-53: every value times 2^53 is a whole number below 2^53. */
  mlr_rng_init (&r, 5);
  for (int i = 0; i < 10000; i++)
    {
      double u = mlr_rng_uniform (&r) * 0x1.0p53;
      g_assert_cmpfloat (u, ==, floor (u));
      g_assert_cmpfloat (u, <, 0x1.0p53);
    }
}

static void
test_range (void)
{
  MlrRng r;
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  const int n = 50000;

  mlr_rng_init (&r, 11);
  for (int i = 0; i < n; i++)
    {
      double v = mlr_rng_range (&r, -3, 5);
      g_assert_cmpfloat (v, >=, -3);
      g_assert_cmpfloat (v, <, 5);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      sum += v;
    }
  /* Spread over the whole interval, centred on its midpoint. */
  g_assert_cmpfloat (lo, <, -2.99);
  g_assert_cmpfloat (hi, >, 4.99);
  g_assert_cmpfloat_with_epsilon (sum / n, 1.0, 0.05);
  g_assert_cmpfloat (mlr_rng_range (&r, 2, 2), ==, 2);
}

static void
test_below_bounds (void)
{
  MlrRng r;
  static const guint32 sizes[] = { 1, 2, 3, 10, 1000, 0x80000001u, G_MAXUINT32 };
  guint counts[10] = { 0 };
  double chi2 = 0;
  const int n = 100000;

  mlr_rng_init (&r, 13);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int i = 0; i < 2000; i++)
      g_assert_cmpuint (mlr_rng_below (&r, sizes[s]), <, sizes[s]);
  for (int i = 0; i < 100; i++)
    g_assert_cmpuint (mlr_rng_below (&r, 1), ==, 0);

  /* Chi-squared over 10 buckets, 9 degrees of freedom: 27.9 is the 0.1% critical value. */
  for (int i = 0; i < n; i++)
    counts[mlr_rng_below (&r, 10)]++;
  for (int k = 0; k < 10; k++)
    chi2 += (counts[k] - n / 10.0) * (counts[k] - n / 10.0) / (n / 10.0);
  g_assert_cmpfloat (chi2, <, 27.9);

  /* Half the range above 2^31: the upper half must be reached as often as the lower. */
  {
    guint upper = 0;
    for (int i = 0; i < 20000; i++)
      upper += mlr_rng_below (&r, G_MAXUINT32) >= 0x80000000u;
    g_assert_cmpfloat_with_epsilon (upper / 20000.0, 0.5, 0.02);
  }
}

static void
test_normal_shape (void)
{
  MlrRng r;
  const int n = 200000;
  int within1 = 0, within2 = 0;
  double sum3 = 0, sum4 = 0;

  mlr_rng_init (&r, 17);
  for (int i = 0; i < n; i++)
    {
      double z = mlr_rng_normal (&r);
      within1 += fabs (z) < 1;
      within2 += fabs (z) < 2;
      sum3 += z * z * z;
      sum4 += z * z * z * z;
    }
  /* 68.27% within one sigma, 95.45% within two; skewness 0, kurtosis 3. */
  g_assert_cmpfloat_with_epsilon ((double) within1 / n, 0.6827, 0.005);
  g_assert_cmpfloat_with_epsilon ((double) within2 / n, 0.9545, 0.003);
  g_assert_cmpfloat_with_epsilon (sum3 / n, 0.0, 0.03);
  g_assert_cmpfloat_with_epsilon (sum4 / n, 3.0, 0.06);
}

static void
test_shuffle_edges (void)
{
  MlrRng a, b;
  guint one[1] = { 7 };
  guint x[20], y[20];
  guint perm_counts[6] = { 0 };

  mlr_rng_init (&a, 21);
  mlr_rng_shuffle (&a, NULL, 0);
  mlr_rng_shuffle (&a, one, 1);
  g_assert_cmpuint (one[0], ==, 7);

  /* Same seed, same permutation. */
  mlr_rng_init (&a, 21);
  mlr_rng_init (&b, 21);
  for (guint i = 0; i < 20; i++)
    x[i] = y[i] = i;
  mlr_rng_shuffle (&a, x, 20);
  mlr_rng_shuffle (&b, y, 20);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (x[i], ==, y[i]);

  /* All 6 orders of 3 items equally likely (Fisher-Yates, unbiased). */
  for (int t = 0; t < 60000; t++)
    {
      guint v[3] = { 0, 1, 2 };
      mlr_rng_shuffle (&a, v, 3);
      perm_counts[v[0] * 2 + (v[1] > v[2])]++;
    }
  for (int k = 0; k < 6; k++)
    g_assert_cmpfloat_with_epsilon (perm_counts[k] / 60000.0, 1.0 / 6, 0.01);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/rng/determinism", test_determinism);
  g_test_add_func ("/ml/rng/uniform-and-below", test_uniform_and_below);
  g_test_add_func ("/ml/rng/normal", test_normal);
  g_test_add_func ("/ml/rng/shuffle-is-permutation", test_shuffle_is_permutation);
  g_test_add_func ("/ml/rng/reference-values", test_reference_values);
  g_test_add_func ("/ml/rng/reinit-resets", test_reinit_resets);
  g_test_add_func ("/ml/rng/uniform-resolution", test_uniform_resolution);
  g_test_add_func ("/ml/rng/range", test_range);
  g_test_add_func ("/ml/rng/below-bounds", test_below_bounds);
  g_test_add_func ("/ml/rng/normal-shape", test_normal_shape);
  g_test_add_func ("/ml/rng/shuffle-edges", test_shuffle_edges);
  return g_test_run ();
}
