/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-variates.h"

#include <math.h>
#include <string.h>

#include "mlr-special.h"

/* Rejection loops give up after this many tries (each accepts with probability above 0.5,
 * so the bound is never met); what they return then is stated at each. */
#define MAX_TRIES 10000

/* −log(1 − U), U uniform on [0, 1): inversion of the exponential CDF. */
double
mlr_rng_exponential (MlrRng *rng)
{
  return -log1p (-mlr_rng_uniform (rng));
}

/* ---------------------------------------------------------------- gamma and beta */

/* Marsaglia and Tsang (2000), "A simple method for generating gamma variables": constants for
 * shape >= 1 (shape + 1 below it; see the log draw). */
void
mlr_gamma_sampler_init (MlrGammaSampler *s,
                        double           shape)
{
  double big = shape < 1 ? shape + 1 : shape;

  s->shape = shape;
  s->d = big - 1.0 / 3;
  s->c = 1 / sqrt (9 * s->d);
}

/* A Gamma(max(shape, shape + 1)) draw, by Marsaglia and Tsang's squeeze and rejection. */
static double
gamma_large (const MlrGammaSampler *s,
             MlrRng                *rng)
{
  double d = s->d, c = s->c;

  for (int tries = 0; tries < MAX_TRIES; tries++)
    {
      double x, v = 0, u;
      int inner = 0;

      do
        {
          x = mlr_rng_normal (rng);
          v = 1 + c * x;
        }
      while (v <= 0 && ++inner < MAX_TRIES);
      if (v <= 0)
        continue;
      v = v * v * v;
      u = mlr_rng_uniform (rng);
      if (u < 1 - 0.0331 * (x * x) * (x * x))
        return d * v;
      if (log (u) < 0.5 * x * x + d * (1 - v + log (v)))
        return d * v;
    }
  return d;  /* unreachable in practice: the mode */
}

/**
 * mlr_gamma_sampler_log_draw:
 * log of a Gamma(shape, 1) draw. Below shape 1 it is Gamma(shape + 1) · U^(1/shape) in logs,
 * which keeps tiny shapes (whose draws underflow to 0) usable for the beta.
 */
double
mlr_gamma_sampler_log_draw (const MlrGammaSampler *s,
                            MlrRng                *rng)
{
  if (s->shape < 1)
    {
      double u = 1 - mlr_rng_uniform (rng);   /* (0, 1] */
      return log (gamma_large (s, rng)) + log (u) / s->shape;
    }
  return log (gamma_large (s, rng));
}

void
mlr_beta_sampler_init (MlrBetaSampler *s,
                       double          a,
                       double          b)
{
  mlr_gamma_sampler_init (&s->x, a);
  mlr_gamma_sampler_init (&s->y, b);
}

/* X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); from their logs when a shape is below 1, so
 * draws that underflow still count. */
double
mlr_beta_sampler_draw (const MlrBetaSampler *s,
                       MlrRng               *rng)
{
  double lx, ly, d;

  if (s->x.shape >= 1 && s->y.shape >= 1)
    {
      double x = gamma_large (&s->x, rng);
      double y = gamma_large (&s->y, rng);
      return x / (x + y);
    }
  lx = mlr_gamma_sampler_log_draw (&s->x, rng);
  ly = mlr_gamma_sampler_log_draw (&s->y, rng);
  d = ly - lx;
  if (d > 0)
    return exp (-d) / (1 + exp (-d));
  return 1 / (1 + exp (d));
}

double
mlr_rng_log_gamma (MlrRng *rng,
                   double  shape)
{
  MlrGammaSampler s;

  g_return_val_if_fail (shape > 0, NAN);
  mlr_gamma_sampler_init (&s, shape);
  return mlr_gamma_sampler_log_draw (&s, rng);
}

/* A Gamma(shape, 1) draw, shape > 0. */
double
mlr_rng_gamma (MlrRng *rng,
               double  shape)
{
  return exp (mlr_rng_log_gamma (rng, shape));
}

double
mlr_rng_beta (MlrRng *rng,
              double  a,
              double  b)
{
  MlrBetaSampler s;

  g_return_val_if_fail (a > 0 && b > 0, NAN);
  mlr_beta_sampler_init (&s, a, b);
  return mlr_beta_sampler_draw (&s, rng);
}

/* ---------------------------------------------------------------- binomial */

/**
 * mlr_binomial_sampler_init:
 * For @trials independent trials with success probability @p: inversion when the expected
 * count of the rarer outcome is below 10, Hörmann's BTRS (1993, "The generation of binomial
 * random variates") above; O(1) expected time a draw for any number of trials.
 */
void
mlr_binomial_sampler_init (MlrBinomialSampler *s,
                           double              trials,
                           double              p)
{
  double n = trials, pp = p <= 0.5 ? p : 1 - p, q = 1 - pp;

  memset (s, 0, sizeof *s);
  s->n = n;
  s->p = p;
  s->pp = pp;
  s->q = q;
  if (n == 0 || pp == 0)
    s->method = 0;
  else if (n * pp < 10)
    {
      s->method = 1;
      s->s = pp / q;
      s->a = (n + 1) * s->s;
      s->r0 = exp (n * log1p (-pp));
      s->bound = MIN (n, n * pp + 10 * sqrt (n * pp * q + 1));
    }
  else
    {
      double spq = sqrt (n * pp * q);

      s->method = 2;
      s->b = 1.15 + 2.53 * spq;
      s->aa = -0.0873 + 0.0248 * s->b + 0.01 * pp;
      s->c = n * pp + 0.5;
      s->vr = 0.92 - 4.2 / s->b;
      s->alpha = (2.83 + 5.1 / s->b) * spq;
      s->m = floor ((n + 1) * pp);
      s->log_fm = mlr_binomial_log_pmf (s->m, n, pp);
    }
}

/* Inversion by sequential search from 0 (expected cost n p + 1). A search that runs past
 * n p + 10 sd (rounding, with chance below 1e-20) starts again. */
static double
binomial_inversion (const MlrBinomialSampler *s,
                    MlrRng                   *rng)
{
  for (int tries = 0; tries < MAX_TRIES; tries++)
    {
      double r = s->r0, u = mlr_rng_uniform (rng), x = 0;

      while (u > r)
        {
          u -= r;
          x += 1;
          if (x > s->bound)
            break;
          r *= s->a / x - s->s;
        }
      if (x <= s->bound)
        return x;
    }
  return floor (s->n * s->pp);
}

/* BTRS. The acceptance test compares with log f(k) / f(m) from Loader's accurate
 * log-probabilities, so it is exact for any n. */
static double
binomial_btrs (const MlrBinomialSampler *s,
               MlrRng                   *rng)
{
  for (int tries = 0; tries < MAX_TRIES; tries++)
    {
      double u = mlr_rng_uniform (rng) - 0.5;
      double v = mlr_rng_uniform (rng);
      double us = 0.5 - fabs (u);
      double k;

      if (us <= 0)
        continue;
      k = floor ((2 * s->aa / us + s->b) * u + s->c);
      if (k < 0 || k > s->n)
        continue;
      if (us >= 0.07 && v <= s->vr)
        return k;
      v = log (v * s->alpha / (s->aa / (us * us) + s->b));
      if (v <= mlr_binomial_log_pmf (k, s->n, s->pp) - s->log_fm)
        return k;
    }
  return s->m;  /* unreachable in practice: the mode */
}

/* The number of successes. */
double
mlr_binomial_sampler_draw (const MlrBinomialSampler *s,
                           MlrRng                   *rng)
{
  double k = s->method == 0 ? 0 : s->method == 1 ? binomial_inversion (s, rng)
                                                 : binomial_btrs (s, rng);

  return s->p <= 0.5 ? k : s->n - k;
}

double
mlr_rng_binomial (MlrRng *rng,
                  double  trials,
                  double  p)
{
  MlrBinomialSampler s;

  g_return_val_if_fail (trials >= 0 && p >= 0 && p <= 1, NAN);
  mlr_binomial_sampler_init (&s, trials, p);
  return mlr_binomial_sampler_draw (&s, rng);
}

/* ---------------------------------------------------------------- Poisson */

/* Inversion below λ = 10; Hörmann's PTRS (1993, "The transformed rejection method for
 * generating Poisson random variables", as NumPy) above. */
void
mlr_poisson_sampler_init (MlrPoissonSampler *s,
                          double             lambda)
{
  memset (s, 0, sizeof *s);
  s->lambda = lambda;
  if (lambda == 0)
    s->method = 0;
  else if (lambda < 10)
    {
      s->method = 1;
      s->p0 = exp (-lambda);
    }
  else
    {
      double slam = sqrt (lambda);

      s->method = 2;
      s->b = 0.931 + 2.53 * slam;
      s->a = -0.059 + 0.02483 * s->b;
      s->log_inv_alpha = log (1.1239 + 1.1328 / (s->b - 3.4));
      s->vr = 0.9277 - 3.6224 / (s->b - 2);
    }
}

/* Inversion by sequential search; past λ + 60 (chance below 1e-20) it starts again. */
static double
poisson_inversion (const MlrPoissonSampler *s,
                   MlrRng                  *rng)
{
  for (int tries = 0; tries < MAX_TRIES; tries++)
    {
      double p = s->p0, sum = s->p0, u = mlr_rng_uniform (rng), x = 0;

      while (u > sum && x < s->lambda + 60)
        {
          x += 1;
          p *= s->lambda / x;
          sum += p;
        }
      if (u <= sum)
        return x;
    }
  return floor (s->lambda);
}

/* PTRS, with Loader's log-probabilities in the acceptance test. */
static double
poisson_ptrs (const MlrPoissonSampler *s,
              MlrRng                  *rng)
{
  for (int tries = 0; tries < MAX_TRIES; tries++)
    {
      double u = mlr_rng_uniform (rng) - 0.5;
      double v = mlr_rng_uniform (rng);
      double us = 0.5 - fabs (u);
      double k;

      if (us <= 0)
        continue;
      k = floor ((2 * s->a / us + s->b) * u + s->lambda + 0.43);
      if (us >= 0.07 && v <= s->vr)
        return k;
      if (k < 0 || (us < 0.013 && v > us))
        continue;
      if (log (v) + s->log_inv_alpha - log (s->a / (us * us) + s->b) <=
          mlr_poisson_log_pmf (k, s->lambda))
        return k;
    }
  return floor (s->lambda);  /* unreachable in practice */
}

double
mlr_poisson_sampler_draw (const MlrPoissonSampler *s,
                          MlrRng                  *rng)
{
  if (s->method == 0)
    return 0;
  if (s->method == 1)
    return poisson_inversion (s, rng);
  return poisson_ptrs (s, rng);
}

/* A Poisson(λ) count. */
double
mlr_rng_poisson (MlrRng *rng,
                 double  lambda)
{
  MlrPoissonSampler s;

  g_return_val_if_fail (lambda >= 0, NAN);
  mlr_poisson_sampler_init (&s, lambda);
  return mlr_poisson_sampler_draw (&s, rng);
}
