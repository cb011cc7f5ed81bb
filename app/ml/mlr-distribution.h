/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-distribution: the seven distributions of the "distribution" demo as values — their
 * exact mean, variance, density (or mass), CDF and quantile, and exact draws from the seeded
 * generator. The numbers come from mlr-special.h and the draws from mlr-variates.h; this file
 * only says which formula belongs to which distribution. Plain C + GLib.
 *
 * Parameters, in p[0], p[1]:
 *   normal       mu, sigma      (sigma > 0)
 *   uniform      a, b           (a < b; the interval [a, b])
 *   exponential  rate           (rate > 0; mean 1 / rate)
 *   binomial     trials, p      (whole trials >= 0, 0 <= p <= 1)
 *   poisson      rate           (rate > 0; the mean count)
 *   beta         alpha, beta    (both > 0)
 *   lognormal    mu, sigma      (of log X; sigma > 0)
 */
#pragma once

#include <glib.h>

#include "mlr-rng.h"
#include "mlr-variates.h"

G_BEGIN_DECLS

#define MLR_DISTRIBUTION_ERROR (mlr_distribution_error_quark ())

typedef enum {
  MLR_DISTRIBUTION_ERROR_INVALID,   /* parameters outside the distribution's domain */
} MlrDistributionError;

typedef enum {
  MLR_DIST_NORMAL,
  MLR_DIST_UNIFORM,
  MLR_DIST_EXPONENTIAL,
  MLR_DIST_BINOMIAL,
  MLR_DIST_POISSON,
  MLR_DIST_BETA,
  MLR_DIST_LOGNORMAL,
  MLR_N_DISTS
} MlrDistKind;

typedef struct {
  MlrDistKind kind;
  double      p[2];
  /*< private >*/
  union {
    MlrBetaSampler     beta;
    MlrBinomialSampler binomial;
    MlrPoissonSampler  poisson;
  } sampler;           /* the draws' constants, set up once */
} MlrDistribution;

GQuark       mlr_distribution_error_quark  (void);

const char * const *mlr_distribution_kind_names (void);
const char  *mlr_distribution_kind_to_string (MlrDistKind            kind);
gboolean     mlr_distribution_kind_from_string (const char           *name,
                                                MlrDistKind          *kind);
guint        mlr_distribution_kind_n_params (MlrDistKind            kind);

gboolean     mlr_distribution_init         (MlrDistribution       *dist,
                                            MlrDistKind            kind,
                                            double                 p0,
                                            double                 p1,
                                            GError               **error);
gboolean     mlr_distribution_is_discrete  (const MlrDistribution *dist);
void         mlr_distribution_support      (const MlrDistribution *dist,
                                            double                *lo,
                                            double                *hi);
double       mlr_distribution_mean         (const MlrDistribution *dist);
double       mlr_distribution_variance     (const MlrDistribution *dist);
double       mlr_distribution_pdf          (const MlrDistribution *dist,
                                            double                 x);
double       mlr_distribution_cdf          (const MlrDistribution *dist,
                                            double                 x);
double       mlr_distribution_quantile     (const MlrDistribution *dist,
                                            double                 q);
double       mlr_distribution_sample       (const MlrDistribution *dist,
                                            MlrRng                *rng);

G_END_DECLS
