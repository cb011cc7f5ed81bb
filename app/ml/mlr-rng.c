/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-rng.h"

#include <math.h>

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
mlr_rng_init (MlrRng  *rng,
              guint64  seed)
{
  guint64 sm = seed;

  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&sm);
  rng->has_spare = FALSE;
  rng->spare = 0;
}

guint64
mlr_rng_next (MlrRng *rng)
{
  guint64 *s = rng->s;
  const guint64 result = rotl (s[1] * 5, 7) * 9;
  const guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
mlr_rng_uniform (MlrRng *rng)
{
  return (mlr_rng_next (rng) >> 11) * 0x1.0p-53;
}

double
mlr_rng_range (MlrRng *rng,
               double  lo,
               double  hi)
{
  return lo + (hi - lo) * mlr_rng_uniform (rng);
}

/* Lemire's nearly-divisionless method would do too; rejection keeps it obviously unbiased. */
guint32
mlr_rng_below (MlrRng  *rng,
               guint32  n)
{
  guint64 limit;
  guint64 x;

  g_return_val_if_fail (n > 0, 0);
  limit = G_MAXUINT64 - (G_MAXUINT64 % n);
  do
    x = mlr_rng_next (rng);
  while (x >= limit);
  return (guint32) (x % n);
}

double
mlr_rng_normal (MlrRng *rng)
{
  double u, v, s, f;

  if (rng->has_spare)
    {
      rng->has_spare = FALSE;
      return rng->spare;
    }
  do
    {
      u = 2.0 * mlr_rng_uniform (rng) - 1.0;
      v = 2.0 * mlr_rng_uniform (rng) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);
  f = sqrt (-2.0 * log (s) / s);
  rng->spare = v * f;
  rng->has_spare = TRUE;
  return u * f;
}

void
mlr_rng_shuffle (MlrRng *rng,
                 guint  *items,
                 gsize   n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = mlr_rng_below (rng, (guint32) i);
      guint tmp = items[i - 1];
      items[i - 1] = items[j];
      items[j] = tmp;
    }
}
