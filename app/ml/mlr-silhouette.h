/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-silhouette: the silhouette of a clustering of 2-D points, exactly as
 * sklearn.metrics.silhouette_samples / silhouette_score define it. For point i with a the
 * mean distance to the other points of its cluster and b the smallest mean distance to the
 * points of another cluster, s(i) = (b − a) / max(a, b); a point alone in its cluster
 * scores 0 (so does one with a = b = 0). The score is the mean of s over all points.
 *
 * Labels are any integers; DBSCAN's noise label −1 is a cluster like any other, as
 * scikit-learn counts it when given the same labels. The silhouette is defined for 2 to
 * n − 1 distinct labels; otherwise the functions fail with MLR_SILHOUETTE_ERROR_UNDEFINED.
 *
 * Every pair of points is visited (O(n²) distances, no sampling), split over the machine's
 * cores: 100,000 points take seconds.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_SILHOUETTE_ERROR (mlr_silhouette_error_quark ())

typedef enum {
  MLR_SILHOUETTE_ERROR_UNDEFINED,  /* fewer than 2 or more than n − 1 clusters */
  MLR_SILHOUETTE_ERROR_CANCELLED,  /* *cancel became non-zero */
} MlrSilhouetteError;

GQuark   mlr_silhouette_error_quark (void);

gboolean mlr_silhouette_samples     (const double *xy,
                                     const int    *labels,
                                     gsize         n_points,
                                     const gint   *cancel,
                                     double       *samples,
                                     GError      **error);
gboolean mlr_silhouette_score       (const double *xy,
                                     const int    *labels,
                                     gsize         n_points,
                                     const gint   *cancel,
                                     double       *score,
                                     GError      **error);
guint    mlr_silhouette_count_labels (const int   *labels,
                                     gsize         n_points);

G_END_DECLS
