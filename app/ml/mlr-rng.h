/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-rng: the project's own seeded generator (xoshiro256** seeded through splitmix64), so
 * one seed gives the same datasets, initial weights and bootstrap samples on every machine
 * and in every build, independent of libc's rand().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 s[4];
  /* Spare normal deviate from the polar method. */
  double  spare;
  gboolean has_spare;
} MlrRng;

void    mlr_rng_init     (MlrRng *rng, guint64 seed);
guint64 mlr_rng_next     (MlrRng *rng);
double  mlr_rng_uniform  (MlrRng *rng);                     /* [0, 1) with 53 random bits */
double  mlr_rng_range    (MlrRng *rng, double lo, double hi); /* [lo, hi) */
guint32 mlr_rng_below    (MlrRng *rng, guint32 n);           /* uniform in [0, n), unbiased */
double  mlr_rng_normal   (MlrRng *rng);                      /* standard normal */
void    mlr_rng_shuffle  (MlrRng *rng, guint *items, gsize n);

G_END_DECLS
