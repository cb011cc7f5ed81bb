/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-variates: exact random variates from the named distributions, drawn from the project's
 * seeded generator (mlr-rng.h), so one seed gives the same draws everywhere. Exact means the
 * draws follow the distribution itself, not an approximation (no normal stand-in for a large
 * binomial): inversion where it is cheap, and Hörmann's transformed rejection (BTRS for the
 * binomial, PTRS for the Poisson, as NumPy) or Marsaglia and Tsang's method (gamma) where it
 * is not, so every draw costs O(1) expected time whatever the parameters. Every rejection
 * loop is bounded; the bound is never reached in practice (its chance is below 10^-100).
 *
 * Drawing many values from one distribution: set a sampler up once (its constants cost more
 * than a draw), then draw from it. The mlr_rng_* functions do both for a single draw.
 */
#pragma once

#include <glib.h>

#include "mlr-rng.h"

G_BEGIN_DECLS

typedef struct {
  double shape;
  double d, c;           /* Marsaglia and Tsang's constants for max(shape, shape + 1) */
} MlrGammaSampler;

typedef struct {
  MlrGammaSampler x, y;
} MlrBetaSampler;

typedef struct {
  double   n, p;         /* as given */
  double   pp;           /* min(p, 1 − p): the draw counts the rarer outcome */
  int      method;       /* 0 none (always 0), 1 inversion, 2 BTRS */
  double   q, s, a, r0, bound;                       /* inversion */
  double   b, alpha, c, vr, m, log_fm, aa;           /* BTRS */
} MlrBinomialSampler;

typedef struct {
  double   lambda;
  int      method;       /* 0 none, 1 inversion, 2 PTRS */
  double   p0;                                        /* inversion */
  double   a, b, log_inv_alpha, vr;                   /* PTRS */
} MlrPoissonSampler;

void   mlr_gamma_sampler_init    (MlrGammaSampler          *s,
                                  double                    shape);
double mlr_gamma_sampler_log_draw (const MlrGammaSampler   *s,
                                  MlrRng                   *rng);
void   mlr_beta_sampler_init     (MlrBetaSampler           *s,
                                  double                    a,
                                  double                    b);
double mlr_beta_sampler_draw     (const MlrBetaSampler     *s,
                                  MlrRng                   *rng);
void   mlr_binomial_sampler_init (MlrBinomialSampler       *s,
                                  double                    trials,
                                  double                    p);
double mlr_binomial_sampler_draw (const MlrBinomialSampler *s,
                                  MlrRng                   *rng);
void   mlr_poisson_sampler_init  (MlrPoissonSampler        *s,
                                  double                    lambda);
double mlr_poisson_sampler_draw  (const MlrPoissonSampler  *s,
                                  MlrRng                   *rng);

/* One draw each. */
double mlr_rng_exponential (MlrRng *rng);                 /* rate 1 */
double mlr_rng_gamma       (MlrRng *rng,
                            double  shape);               /* scale 1, shape > 0 */
double mlr_rng_log_gamma   (MlrRng *rng,
                            double  shape);               /* log of a gamma variate */
double mlr_rng_beta        (MlrRng *rng,
                            double  a,
                            double  b);                   /* a, b > 0 */
double mlr_rng_binomial    (MlrRng *rng,
                            double  trials,
                            double  p);                   /* whole trials >= 0, 0 <= p <= 1 */
double mlr_rng_poisson     (MlrRng *rng,
                            double  lambda);              /* lambda >= 0 */

G_END_DECLS
