/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-drift: the statistics of data drift between a reference sample and a current one —
 * the population stability index (PSI), the two-sample Kolmogorov–Smirnov statistic with its
 * asymptotic p-value, and the 1-Wasserstein distance. Used by the "drift" demo and by
 * `ml-roadmap-cli drift`. Plain C + libm + GLib.
 *
 * Definitions (each checked against NumPy/SciPy in tests/cli/test-cli-drift.py):
 *  - Quantiles are NumPy's default (method="linear"): h = (n − 1) q, the value
 *    x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) of the sorted sample, computed as NumPy's _lerp does.
 *  - PSI with B bins: the B − 1 edges are the reference's quantiles at 1/B, …, (B − 1)/B; the
 *    outer bins are open-ended; bins are closed on the right, so a value equal to an edge falls
 *    in the bin below it (its bin is the number of edges strictly below it). Each sample's
 *    share of a bin is count / n, or 1e-4 when the bin is empty (tied edges make empty bins);
 *    PSI = Σ (c − r) ln (c / r) over the bins, c the current share and r the reference's.
 *  - KS: D = max |F_ref(x) − F_cur(x)| over all values, ties handled as SciPy's ks_2samp
 *    (empirical CDFs that count every value ≤ x).
 *  - The p-value is what SciPy 1.10's ks_2samp(…, method="asymp") computes for the two-sided
 *    test: NOT the Kolmogorov limit Q(√en · D) but the one-sample exact distribution
 *    kstwo.sf(D, N) with N = round(m n / (m + n)) (half to even), itself computed as SciPy's
 *    _ksstats.py does (Simard & L'Ecuyer's choice among Ruben–Gambino, Durbin's matrix,
 *    Pomeranz's recursion, Pelz–Good and 2 × Smirnov's one-sided tail). Where SciPy uses the
 *    one-sided tail, it is summed here in long double logs (Birnbaum–Tingey), agreeing with
 *    SciPy's smirnov to about 1e-12.
 *  - Wasserstein: ∫ |F_ref − F_cur| dx, as scipy.stats.wasserstein_distance.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_DRIFT_EMPTY_SHARE 1e-4
#define MLR_DRIFT_MAX_BINS    100

typedef struct {
  double psi;
  double ks_statistic;
  double ks_p_value;
  double wasserstein;
} MlrDriftStats;

void     mlr_drift_sort             (double       *values,
                                     gsize         n);
double   mlr_drift_quantile         (const double *sorted,
                                     gsize         n,
                                     double        q);
void     mlr_drift_edges            (const double *sorted_ref,
                                     gsize         n_ref,
                                     guint         bins,
                                     double       *edges);
void     mlr_drift_shares           (const double *edges,
                                     guint         bins,
                                     const double *values,
                                     gsize         n,
                                     double       *shares);
double   mlr_drift_psi_from_shares  (const double *ref_shares,
                                     const double *cur_shares,
                                     guint         bins);
double   mlr_drift_psi              (const double *sorted_ref,
                                     gsize         n_ref,
                                     const double *cur,
                                     gsize         n_cur,
                                     guint         bins);
double   mlr_drift_ks_statistic     (const double *sorted_a,
                                     gsize         n_a,
                                     const double *sorted_b,
                                     gsize         n_b);
double   mlr_drift_ks_p_value       (double        d,
                                     gsize         n_a,
                                     gsize         n_b);
double   mlr_drift_kstwo_sf         (double        x,
                                     guint64       n);
double   mlr_drift_smirnov          (guint64       n,
                                     double        x);
double   mlr_drift_wasserstein      (const double *sorted_a,
                                     gsize         n_a,
                                     const double *sorted_b,
                                     gsize         n_b);
void     mlr_drift_compare          (const double *sorted_ref,
                                     gsize         n_ref,
                                     const double *sorted_cur,
                                     gsize         n_cur,
                                     guint         bins,
                                     MlrDriftStats *stats);

G_END_DECLS
