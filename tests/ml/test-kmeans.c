/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * k-means: convergence to the right centroids on separated blobs, inertia never rising
 * half-step by half-step, determinism per seed, degenerate inputs, errors; the refined fit
 * checked against the optimality it promises.
 */
#include <glib.h>
#include <math.h>

#include "ml/mlr-kmeans.h"
#include "ml/mlr-rng.h"

#define N_PER_BLOB 60

static const double blob_centres[3][2] = { { 0, 0 }, { 10, 0 }, { 0, 10 } };

static double *
make_blobs (guint64 seed,
            double  sd)
{
  double *points = g_new (double, 3 * N_PER_BLOB * 2);
  MlrRng rng;

  mlr_rng_init (&rng, seed);
  for (int b = 0; b < 3; b++)
    for (int i = 0; i < N_PER_BLOB; i++)
      {
        double *p = points + (b * N_PER_BLOB + i) * 2;
        p[0] = blob_centres[b][0] + sd * mlr_rng_normal (&rng);
        p[1] = blob_centres[b][1] + sd * mlr_rng_normal (&rng);
      }
  return points;
}

static void
test_blobs_converge (void)
{
  g_autofree double *points = make_blobs (1, 0.7);
  const gsize n = 3 * N_PER_BLOB;

  for (guint64 seed = 0; seed < 100; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MlrKMeans) km = mlr_kmeans_new (points, n, 2, 3, seed, &error);
      const double *centroids;
      const guint *labels;
      guint iterations;

      g_assert_no_error (error);
      iterations = mlr_kmeans_run (km, 100);
      g_assert_true (mlr_kmeans_is_converged (km));
      g_assert_cmpuint (iterations, <, 100);
      g_assert_cmpuint (mlr_kmeans_get_iteration (km), ==, iterations);

      centroids = mlr_kmeans_get_centroids (km);
      labels = mlr_kmeans_get_labels (km);
      for (int b = 0; b < 3; b++)
        {
          /* Every point of a blob shares one label, and that cluster's centroid is the
           * blob's sample mean. */
          guint c = labels[b * N_PER_BLOB];
          double mx = 0, my = 0;

          g_assert_cmpuint (c, <, 3);
          for (int i = 0; i < N_PER_BLOB; i++)
            {
              g_assert_cmpuint (labels[b * N_PER_BLOB + i], ==, c);
              mx += points[(b * N_PER_BLOB + i) * 2] / N_PER_BLOB;
              my += points[(b * N_PER_BLOB + i) * 2 + 1] / N_PER_BLOB;
            }
          g_assert_cmpfloat_with_epsilon (centroids[c * 2], mx, 1e-12);
          g_assert_cmpfloat_with_epsilon (centroids[c * 2 + 1], my, 1e-12);
          g_assert_cmpfloat (hypot (mx - blob_centres[b][0], my - blob_centres[b][1]), <, 0.5);
        }
      for (int b = 1; b < 3; b++)
        g_assert_cmpuint (labels[0], !=, labels[b * N_PER_BLOB]);
    }
}

static void
test_inertia_non_increasing (void)
{
  /* Overlapping blobs and more clusters than blobs: many iterations to watch. */
  g_autofree double *points = make_blobs (2, 3.0);
  const gsize n = 3 * N_PER_BLOB;

  for (guint64 seed = 0; seed < 20; seed++)
    {
      g_autoptr(MlrKMeans) km = mlr_kmeans_new (points, n, 2, 7, seed, NULL);
      double previous = mlr_kmeans_get_inertia (km);
      guint half_steps = 0;

      g_assert_cmpint (mlr_kmeans_get_phase (km), ==, MLR_KMEANS_PHASE_ASSIGN);
      g_assert_cmpuint (mlr_kmeans_get_labels (km)[0], ==, MLR_KMEANS_UNASSIGNED);
      while (!mlr_kmeans_half_step (km))
        {
          double inertia = mlr_kmeans_get_inertia (km);

          g_assert_true (isfinite (inertia));
          g_assert_cmpfloat (inertia, <=, previous * (1 + 1e-12));
          previous = inertia;
          half_steps++;
          g_assert_cmpuint (half_steps, <, 1000);
          /* Phases alternate. */
          g_assert_cmpint (mlr_kmeans_get_phase (km), ==,
                           half_steps % 2 ? MLR_KMEANS_PHASE_UPDATE : MLR_KMEANS_PHASE_ASSIGN);
        }
      g_assert_cmpfloat (mlr_kmeans_get_inertia (km), <=, previous * (1 + 1e-12));
      /* Converged: further steps change nothing. */
      previous = mlr_kmeans_get_inertia (km);
      g_assert_true (mlr_kmeans_iterate (km));
      g_assert_true (mlr_kmeans_half_step (km));
      g_assert_cmpfloat (mlr_kmeans_get_inertia (km), ==, previous);
      g_assert_cmpuint (mlr_kmeans_run (km, 10), ==, 0);
    }
}

static void
test_assign_then_update (void)
{
  /* 1-D, by hand: points 0, 1, 9, 10; whatever the start, two clusters {0, 1}, {9, 10}
   * with centroids 0.5 and 9.5 and inertia 4 × 0.25 = 1. */
  const double points[] = { 0, 1, 9, 10 };
  g_autoptr(MlrKMeans) km = mlr_kmeans_new (points, 4, 1, 2, 3, NULL);
  const double *c;
  guint changed;

  g_assert_cmpuint (mlr_kmeans_get_dim (km), ==, 1);
  g_assert_cmpuint (mlr_kmeans_get_k (km), ==, 2);
  g_assert_cmpuint (mlr_kmeans_get_n_points (km), ==, 4);
  g_assert_cmpfloat (mlr_kmeans_get_points (km)[3], ==, 10);
  changed = mlr_kmeans_assign_step (km);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_false (mlr_kmeans_is_converged (km));
  mlr_kmeans_update_step (km);
  mlr_kmeans_run (km, 10);
  g_assert_true (mlr_kmeans_is_converged (km));
  c = mlr_kmeans_get_centroids (km);
  g_assert_cmpfloat (MIN (c[0], c[1]), ==, 0.5);
  g_assert_cmpfloat (MAX (c[0], c[1]), ==, 9.5);
  g_assert_cmpfloat (mlr_kmeans_get_inertia (km), ==, 1.0);
}

static void
test_determinism (void)
{
  g_autofree double *points = make_blobs (3, 2.0);
  const gsize n = 3 * N_PER_BLOB;
  g_autoptr(MlrKMeans) a = mlr_kmeans_new (points, n, 2, 4, 42, NULL);
  g_autoptr(MlrKMeans) b = mlr_kmeans_new (points, n, 2, 4, 42, NULL);
  g_autoptr(MlrKMeans) c = mlr_kmeans_new (points, n, 2, 4, 43, NULL);
  gboolean differs = FALSE;

  for (int i = 0; i < 8; i++)
    {
      g_assert_cmpfloat (mlr_kmeans_get_centroids (a)[i], ==, mlr_kmeans_get_centroids (b)[i]);
      differs |= mlr_kmeans_get_centroids (a)[i] != mlr_kmeans_get_centroids (c)[i];
    }
  g_assert_true (differs);

  /* k-means++ starts from data points. */
  for (int k = 0; k < 4; k++)
    {
      gboolean found = FALSE;
      for (gsize i = 0; i < n && !found; i++)
        found = points[i * 2] == mlr_kmeans_get_centroids (a)[k * 2] &&
                points[i * 2 + 1] == mlr_kmeans_get_centroids (a)[k * 2 + 1];
      g_assert_true (found);
    }

  mlr_kmeans_run (a, 100);
  mlr_kmeans_reset (a, 42);
  g_assert_cmpuint (mlr_kmeans_get_iteration (a), ==, 0);
  g_assert_false (mlr_kmeans_is_converged (a));
  for (int i = 0; i < 8; i++)
    g_assert_cmpfloat (mlr_kmeans_get_centroids (a)[i], ==, mlr_kmeans_get_centroids (b)[i]);
}

static void
test_plus_plus_spreads (void)
{
  /* With three far-apart blobs, D² sampling puts the three seeds in three blobs almost
   * always; over 50 seeds, at least 45. */
  g_autofree double *points = make_blobs (4, 0.3);
  guint good = 0;

  for (guint64 seed = 0; seed < 50; seed++)
    {
      g_autoptr(MlrKMeans) km = mlr_kmeans_new (points, 3 * N_PER_BLOB, 2, 3, seed, NULL);
      const double *c = mlr_kmeans_get_centroids (km);
      gboolean hit[3] = { FALSE, FALSE, FALSE };

      for (int k = 0; k < 3; k++)
        for (int b = 0; b < 3; b++)
          if (hypot (c[k * 2] - blob_centres[b][0], c[k * 2 + 1] - blob_centres[b][1]) < 3)
            hit[b] = TRUE;
      good += hit[0] && hit[1] && hit[2];
    }
  g_assert_cmpuint (good, >=, 45);
}

static void
test_degenerate (void)
{
  /* Fewer distinct points than clusters: duplicate seeds, empty clusters, no NaN. */
  const double same[] = { 1, 1, 1, 1, 1, 1, 5, 5 };
  g_autoptr(MlrKMeans) km = mlr_kmeans_new (same, 4, 2, 3, 0, NULL);

  mlr_kmeans_run (km, 50);
  g_assert_true (mlr_kmeans_is_converged (km));
  for (int i = 0; i < 6; i++)
    g_assert_true (isfinite (mlr_kmeans_get_centroids (km)[i]));
  g_assert_cmpfloat (mlr_kmeans_get_inertia (km), ==, 0);

  /* k = n: every point its own cluster. */
  {
    const double pts[] = { 0, 0, 1, 0, 0, 1 };
    g_autoptr(MlrKMeans) k3 = mlr_kmeans_new (pts, 3, 2, 3, 9, NULL);
    mlr_kmeans_run (k3, 10);
    g_assert_cmpfloat (mlr_kmeans_get_inertia (k3), ==, 0);
  }

  /* Update before any assignment assigns first. */
  {
    const double pts[] = { 0, 1, 9, 10 };
    g_autoptr(MlrKMeans) k2 = mlr_kmeans_new (pts, 4, 1, 2, 1, NULL);
    mlr_kmeans_update_step (k2);
    g_assert_cmpuint (mlr_kmeans_get_iteration (k2), ==, 1);
    g_assert_cmpuint (mlr_kmeans_get_labels (k2)[0], !=, MLR_KMEANS_UNASSIGNED);
  }
}

static void
test_errors (void)
{
  const double pts[] = { 0, 0, 1, 1, NAN, 2 };
  g_autoptr(GError) error = NULL;

  g_assert_null (mlr_kmeans_new (pts, 2, 2, 0, 0, &error));
  g_assert_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "k must be 1 to 2 (the number of points, at most 64), not 0");
  g_clear_error (&error);
  g_assert_null (mlr_kmeans_new (pts, 2, 2, 3, 0, &error));
  g_assert_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mlr_kmeans_new (pts, 3, 2, 2, 0, &error));
  g_assert_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "point 3 is not finite or exceeds 1e100 in magnitude");
  g_clear_error (&error);
  g_assert_null (mlr_kmeans_new (pts, 2, 0, 1, 0, &error));
  g_assert_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID);
}

/* Overlapping Gaussian blobs in @dim dimensions, or uniform points when @n_blobs is 0. */
static double *
make_cloud (guint64 seed,
            gsize   n,
            guint   dim,
            guint   n_blobs)
{
  double *points = g_new (double, n * dim);
  double centres[8][3];
  MlrRng rng;

  mlr_rng_init (&rng, seed);
  for (guint b = 0; b < n_blobs; b++)
    for (guint j = 0; j < dim; j++)
      centres[b][j] = mlr_rng_range (&rng, -6, 6);
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < dim; j++)
      points[i * dim + j] = n_blobs == 0 ? mlr_rng_uniform (&rng)
                                         : centres[i % n_blobs][j] + 1.5 * mlr_rng_normal (&rng);
  return points;
}

/* What refine promises, checked from scratch: the centroids are the means of their points,
 * every point is nearest its own centroid (a fixed point of Lloyd's iterations), no single
 * point's move to another cluster lowers the inertia (Hartigan's optimum), the inertia is
 * what the labels give and no worse than the Lloyd runs alone; and the same seed gives the
 * same bits. Sizes include ones large enough for the threaded runs and swaps. */
static void
test_fit_refined_optimum (void)
{
  static const struct { gsize n; guint dim, blobs, k; } cases[] = {
    { 400, 2, 3, 3 }, { 1500, 2, 5, 8 }, { 3000, 2, 0, 12 }, { 2500, 3, 6, 10 },
    { 6000, 2, 8, 16 }, { 800, 1, 4, 5 }, { 10000, 2, 8, 8 }, { 10000, 2, 0, 5 },
  };

  for (gsize t = 0; t < G_N_ELEMENTS (cases); t++)
    {
      gsize n = cases[t].n;
      guint dim = cases[t].dim, k = cases[t].k;
      g_autofree double *points = make_cloud (100 + t, n, dim, cases[t].blobs);
      g_autoptr(GError) error = NULL;
      g_autoptr(MlrKMeansFit) fit = mlr_kmeans_fit (points, n, dim, k,
                                                     MLR_KMEANS_INIT_PLUS_PLUS, 10, 300,
                                                     1e-4, TRUE, 7 + t, NULL, &error);
      g_autoptr(MlrKMeansFit) again = mlr_kmeans_fit (points, n, dim, k,
                                                       MLR_KMEANS_INIT_PLUS_PLUS, 10, 300,
                                                       1e-4, TRUE, 7 + t, NULL, NULL);
      g_autoptr(MlrKMeansFit) lloyd = mlr_kmeans_fit (points, n, dim, k,
                                                       MLR_KMEANS_INIT_PLUS_PLUS, 10, 300,
                                                       1e-4, FALSE, 7 + t, NULL, NULL);
      g_autofree double *means = g_new0 (double, (gsize) k * dim);
      g_autofree gsize *counts = g_new0 (gsize, k);
      double inertia = 0;

      g_assert_no_error (error);
      g_assert_cmpfloat (again->inertia, ==, fit->inertia);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpuint (again->labels[i], ==, fit->labels[i]);
      g_assert_cmpfloat (fit->inertia, <=, lloyd->inertia);

      for (gsize i = 0; i < n; i++)
        {
          counts[fit->labels[i]]++;
          for (guint j = 0; j < dim; j++)
            means[fit->labels[i] * dim + j] += points[i * dim + j];
        }
      for (guint c = 0; c < k; c++)
        {
          g_assert_cmpuint (counts[c], >, 0);
          for (guint j = 0; j < dim; j++)
            g_assert_cmpfloat (fabs (means[c * dim + j] / counts[c] - fit->centroids[c * dim + j]),
                               <=, 1e-9 * (1 + fabs (fit->centroids[c * dim + j])));
        }
      for (gsize i = 0; i < n; i++)
        {
          const double *x = points + i * dim;
          guint own = fit->labels[i];
          double d[64] = { 0 }, leave;

          for (guint c = 0; c < k; c++)
            {
              d[c] = 0;
              for (guint j = 0; j < dim; j++)
                d[c] += (x[j] - fit->centroids[c * dim + j]) * (x[j] - fit->centroids[c * dim + j]);
            }
          inertia += d[own];
          leave = counts[own] > 1 ? counts[own] / (counts[own] - 1.0) * d[own] : INFINITY;
          for (guint c = 0; c < k; c++)
            if (c != own)
              {
                g_assert_cmpfloat (d[own], <=, d[c] * (1 + 1e-9));
                g_assert_cmpfloat (counts[c] / (counts[c] + 1.0) * d[c], >=, leave * (1 - 1e-9));
              }
        }
      g_assert_cmpfloat (fabs (inertia - fit->inertia), <=, 1e-9 * inertia);
    }
}

/* Fewer distinct points than clusters is an error that counts them; -0 and 0 are one
 * point. */
static void
test_fit_too_few (void)
{
  const double pts[] = { 0, 0, -0.0, 0, 1, 1, 0, -0.0, 1, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrKMeansFit) fit = mlr_kmeans_fit (pts, 5, 2, 3, MLR_KMEANS_INIT_PLUS_PLUS, 1, 10,
                                                1e-4, TRUE, 0, NULL, &error);

  g_assert_null (fit);
  g_assert_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_TOO_FEW);
  g_assert_cmpstr (error->message, ==,
                   "k = 3 clusters need at least 3 different points, and the data have 2");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/kmeans/blobs-converge", test_blobs_converge);
  g_test_add_func ("/ml/kmeans/inertia-non-increasing", test_inertia_non_increasing);
  g_test_add_func ("/ml/kmeans/assign-then-update", test_assign_then_update);
  g_test_add_func ("/ml/kmeans/determinism", test_determinism);
  g_test_add_func ("/ml/kmeans/plus-plus-spreads", test_plus_plus_spreads);
  g_test_add_func ("/ml/kmeans/degenerate", test_degenerate);
  g_test_add_func ("/ml/kmeans/errors", test_errors);
  g_test_add_func ("/ml/kmeans/fit-refined-optimum", test_fit_refined_optimum);
  g_test_add_func ("/ml/kmeans/fit-too-few", test_fit_too_few);
  return g_test_run ();
}
