/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "clustering" demo's state and picture: k-means half-steps never raise the inertia and
 * end where an assignment changes nothing; rewinding and stepping again is the same run;
 * the Voronoi shading under a pixel is the colour of its nearest centroid; a centroid is
 * drawn where the state has it; DBSCAN's counts add up; no metric is NaN on hostile settings.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "painters/mlr-clustering-painter.h"
#include "painters/mlr-demo-registry.h"

static MlrClusteringState *
state_with (const char *first,
            ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("clustering"));
  g_autoptr(GError) error = NULL;
  MlrClusteringState *s;
  va_list ap;

  va_start (ap, first);
  for (const char *kv = first; kv != NULL; kv = va_arg (ap, const char *))
    g_assert_true (mlr_params_parse_assignment (params, kv, NULL));
  va_end (ap);
  s = mlr_clustering_state_new (params, &error);
  g_assert_no_error (error);
  return s;
}

static void
test_steps_lower_inertia (void)
{
  const char *datasets[] = { "dataset=blobs", "dataset=moons", "dataset=circles" };

  for (guint d = 0; d < G_N_ELEMENTS (datasets); d++)
    for (guint k = 1; k <= MLR_CLUSTERING_MAX_K; k++)
      {
        g_autofree char *kk = g_strdup_printf ("k=%u", k);
        g_autoptr(MlrClusteringState) s = state_with (datasets[d], kk, "steps=0", NULL);
        double last = mlr_clustering_state_get_inertia (s);
        guint steps = 0;

        g_assert_cmpuint (mlr_clustering_state_get_steps (s), ==, 0);
        while (mlr_clustering_state_step (s))
          {
            double now = mlr_clustering_state_get_inertia (s);
            g_assert_cmpfloat (now, <=, last * (1 + 1e-12));
            last = now;
            steps++;
            g_assert_cmpuint (steps, <=, MLR_CLUSTERING_MAX_STEPS);
          }
        g_assert_true (mlr_clustering_state_is_finished (s));
        g_assert_true (mlr_kmeans_is_converged (mlr_clustering_state_get_kmeans (s)));
        g_assert_cmpuint (mlr_clustering_state_get_clusters (s), ==, k);
        /* every point is with its nearest centroid */
        {
          const MlrKMeans *km = mlr_clustering_state_get_kmeans (s);
          const double *c = mlr_kmeans_get_centroids (km);
          const double *p = mlr_clustering_state_get_points (s);
          const int *labels = mlr_clustering_state_get_labels (s);
          for (guint i = 0; i < mlr_clustering_state_get_n_points (s); i++)
            for (guint j = 0; j < k; j++)
              {
                double dj = hypot (p[2 * i] - c[2 * j], p[2 * i + 1] - c[2 * j + 1]);
                double dl = hypot (p[2 * i] - c[2 * labels[i]], p[2 * i + 1] - c[2 * labels[i] + 1]);
                g_assert_cmpfloat (dl, <=, dj + 1e-9);
              }
        }
        /* rewinding and finishing is the same run */
        {
          double end = mlr_clustering_state_get_inertia (s);
          mlr_clustering_state_rewind (s);
          g_assert_cmpuint (mlr_clustering_state_get_steps (s), ==, 0);
          mlr_clustering_state_finish (s);
          g_assert_cmpfloat (mlr_clustering_state_get_inertia (s), ==, end);
        }
      }
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
}

static double
color_distance (guint32         argb,
                const MlrColor *c)
{
  double r = ((argb >> 16) & 0xff) / 255.0, g = ((argb >> 8) & 0xff) / 255.0;
  double b = (argb & 0xff) / 255.0;

  return fabs (r - c->r) + fabs (g - c->g) + fabs (b - c->b);
}

/* Pixels of empty plane take the tint of their nearest centroid, and centroids sit where the
 * state puts them. */
static void
test_picture (void)
{
  g_autoptr(MlrClusteringState) s = state_with ("k=4", "n=10", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  const MlrKMeans *km = mlr_clustering_state_get_kmeans (s);
  const double *c = mlr_kmeans_get_centroids (km);
  MlrClusteringLayout L;
  MlrPalette palette;
  guint checked = 0;

  mlr_palette_init_default (&palette, FALSE);
  mlr_clustering_painter_draw (cr, 1280, 800, &palette, s, -1);
  cairo_surface_flush (surface);
  mlr_clustering_painter_layout (1280, 800, s, &L);

  for (guint j = 0; j < 4; j++)
    {
      MlrColor want = mlr_clustering_color (&palette, (int) j);
      double px = mlr_plot_x (&L.scatter, c[2 * j]), py = mlr_plot_y (&L.scatter, c[2 * j + 1]);
      g_assert_cmpfloat (color_distance (pixel (surface, px, py), &want), <, 0.05);
      g_assert_cmpint (mlr_clustering_painter_hit_centroid (&L, s, px + 3, py - 3), ==, (int) j);
    }
  /* a grid of sample pixels away from points, centroids and boundaries */
  for (double y = L.scatter.y0 + 12; y < L.scatter.y0 + L.scatter.h - 12; y += 37)
    for (double x = L.scatter.x0 + 12; x < L.scatter.x0 + L.scatter.w - 12; x += 41)
      {
        double dx, dy, best = INFINITY, second = INFINITY;
        int nearest = -1;
        const double *p = mlr_clustering_state_get_points (s);
        gboolean clear = TRUE;
        MlrColor tint;

        mlr_plot_to_data (&L.scatter, x, y, &dx, &dy);
        for (guint j = 0; j < 4; j++)
          {
            double d = hypot (mlr_plot_x (&L.scatter, c[2 * j]) - x,
                              mlr_plot_y (&L.scatter, c[2 * j + 1]) - y);
            if (d < best)
              {
                second = best;
                best = d;
                nearest = (int) j;
              }
            else if (d < second)
              second = d;
          }
        for (guint i = 0; i < mlr_clustering_state_get_n_points (s); i++)
          clear &= hypot (mlr_plot_x (&L.scatter, p[2 * i]) - x,
                          mlr_plot_y (&L.scatter, p[2 * i + 1]) - y) > 8;
        if (!clear || best < 16 || second - best < 4)
          continue;
        tint = mlr_clustering_color (&palette, nearest);
        tint = mlr_color_mix (&palette.background, &tint, 0.12);
        g_assert_cmpfloat (color_distance (pixel (surface, x, y), &tint), <, 0.03);
        checked++;
      }
  g_assert_cmpuint (checked, >, 50);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_dbscan_counts (void)
{
  g_autoptr(MlrClusteringState) s = state_with ("algorithm=dbscan", "dataset=moons",
                                                "eps=0.12", NULL);
  const MlrDbscanResult *db = mlr_clustering_state_get_dbscan (s);

  g_assert_cmpuint (db->n_core + db->n_border + db->n_noise, ==,
                    mlr_clustering_state_get_n_points (s));
  g_assert_cmpuint (mlr_clustering_state_get_noise (s), ==, db->n_noise);
  g_assert_cmpuint (mlr_clustering_state_get_clusters (s), ==, db->n_clusters);
  g_assert_cmpuint (mlr_clustering_state_get_iterations (s), ==, 0);
}

static void
count_nan (const char *name,
           GVariant   *value,
           gpointer    data)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (value);
  *(guint *) data += !isfinite (g_variant_get_double (v));
}

/* The edges: one cluster, all noise, one eps disc for all, tiny spread, many points. */
static void
test_no_nan (void)
{
  const char *cases[][3] = {
    { "k=1", "steps=0", NULL }, { "k=1", NULL, NULL }, { "k=10", "n=10", NULL },
    { "algorithm=dbscan", "eps=0.01", "min_samples=50" },
    { "algorithm=dbscan", "eps=5", "min_samples=1" }, { "noise=0", "k=10", NULL },
    { "n=1500", "k=10", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrClusteringState) s = state_with (cases[i][0], cases[i][1], cases[i][2], NULL);
      guint nan = 0;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 600);
      cairo_t *cr = cairo_create (surface);
      MlrPalette palette;

      mlr_clustering_state_collect_metrics (s, count_nan, &nan);
      g_assert_cmpuint (nan, ==, 0);
      mlr_palette_init_default (&palette, TRUE);
      mlr_clustering_painter_draw (cr, 480, 600, &palette, s, -1);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
collect (const char *name,
         GVariant   *value,
         gpointer    data)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (value);
  g_string_append_printf (data, "%s=%.17g ", name, g_variant_get_double (v));
}

/* Applying one changed key gives the state a new one would have. */
static void
test_apply_param (void)
{
  const char *changes[][2] = {
    { "k", "k=7" }, { "seed", "seed=5" }, { "steps", "steps=3" }, { "eps", "eps=0.9" },
    { "min_samples", "min_samples=12" }, { "algorithm", "algorithm=dbscan" },
    { "dataset", "dataset=moons" }, { "n", "n=123" }, { "noise", "noise=1.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    for (guint a = 0; a < 2; a++)
      {
        const MlrDemoKind *kind = mlr_demo_registry_lookup ("clustering");
        g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
        g_autoptr(MlrClusteringState) applied = NULL, fresh = NULL;
        g_autoptr(GString) one = g_string_new (NULL), two = g_string_new (NULL);

        if (a == 1)
          g_assert_true (mlr_params_parse_assignment (params, "algorithm=dbscan", NULL));
        applied = mlr_clustering_state_new (params, NULL);
        g_assert_true (mlr_params_parse_assignment (params, changes[i][1], NULL));
        g_assert_true (mlr_clustering_state_apply_param (applied, params, changes[i][0], NULL));
        fresh = mlr_clustering_state_new (params, NULL);
        mlr_clustering_state_collect_metrics (applied, collect, one);
        mlr_clustering_state_collect_metrics (fresh, collect, two);
        g_assert_cmpstr (one->str, ==, two->str);
        g_assert_cmpmem (mlr_clustering_state_get_elbow_inertia (applied),
                         MLR_CLUSTERING_MAX_K * sizeof (double),
                         mlr_clustering_state_get_elbow_inertia (fresh),
                         MLR_CLUSTERING_MAX_K * sizeof (double));
      }
}

/* A refused change leaves the state as it was, as MlrDemo promises ("on failure nothing
 * changes"): the run where it had got to included. Within the keys' ranges no generated points
 * are refused (test_check_agrees()), but a learner's points can have few different ones: then
 * k above them is refused. */
static void
test_refusal_changes_nothing (void)
{
  for (guint finished = 0; finished < 2; finished++)
    {
      g_autoptr(MlrClusteringState) s = state_with ("k=3", NULL);
      g_autoptr(MlrParams) params =
        mlr_demo_kind_new_params (mlr_demo_registry_lookup ("clustering"));
      g_autoptr(MlrDataset) five = mlr_dataset_new (0, 0);
      g_autoptr(GString) before = g_string_new (NULL), after = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree double *centroids = NULL;
      guint steps;

      /* 20 points, 5 different ones */
      for (guint i = 0; i < 20; i++)
        mlr_dataset_append (five, 3.0 * (i % 5), (i % 5) % 2, 0);
      g_assert_true (mlr_clustering_state_set_points (s, five, NULL));
      if (finished)
        mlr_clustering_state_finish (s);
      else
        g_assert_true (mlr_clustering_state_step (s));
      steps = mlr_clustering_state_get_steps (s);
      centroids = g_memdup2 (mlr_kmeans_get_centroids (mlr_clustering_state_get_kmeans (s)),
                             3 * 2 * sizeof (double));
      mlr_clustering_state_collect_metrics (s, collect, before);

      g_assert_true (mlr_params_parse_assignment (params, "k=6", NULL));
      g_assert_false (mlr_clustering_state_apply_param (s, params, "k", &error));
      g_assert_nonnull (strstr (error->message, "at least 6 different points"));

      mlr_clustering_state_collect_metrics (s, collect, after);
      g_assert_cmpstr (after->str, ==, before->str);
      g_assert_cmpuint (mlr_clustering_state_get_n_points (s), ==, 20);
      g_assert_cmpuint (mlr_clustering_state_get_steps (s), ==, steps);
      g_assert_cmpuint (mlr_kmeans_get_k (mlr_clustering_state_get_kmeans (s)), ==, 3);
      g_assert_cmpmem (mlr_kmeans_get_centroids (mlr_clustering_state_get_kmeans (s)),
                       3 * 2 * sizeof (double), centroids, 3 * 2 * sizeof (double));
    }
}

/* The loader's check says what making the state says, refusals and their words included,
 * without running anything. */
static void
test_check_agrees (void)
{
  const char *datasets[] = { "dataset=blobs", "dataset=moons", "dataset=circles" };
  const char *noises[] = { "noise=0", "noise=0.6" };
  const char *centers[] = { "centers=2", "centers=8" };
  const char *ks[] = { "k=1", "k=3", "k=10" };
  const char *ns[] = { "n=10", "n=300" };
  guint refused = 0, made = 0;

  for (guint d = 0; d < G_N_ELEMENTS (datasets); d++)
    for (guint z = 0; z < G_N_ELEMENTS (noises); z++)
      for (guint c = 0; c < G_N_ELEMENTS (centers); c++)
        for (guint k = 0; k < G_N_ELEMENTS (ks); k++)
          for (guint n = 0; n < G_N_ELEMENTS (ns); n++)
            {
              g_autoptr(MlrParams) params =
                mlr_demo_kind_new_params (mlr_demo_registry_lookup ("clustering"));
              g_autoptr(MlrClusteringState) state = NULL;
              g_autoptr(GError) check_error = NULL;
              g_autoptr(GError) new_error = NULL;
              const char *set[] = { datasets[d], noises[z], centers[c], ks[k], ns[n] };
              gboolean ok;

              for (guint i = 0; i < G_N_ELEMENTS (set); i++)
                g_assert_true (mlr_params_parse_assignment (params, set[i], NULL));
              ok = mlr_clustering_state_check (params, &check_error);
              state = mlr_clustering_state_new (params, &new_error);
              g_assert_cmpint (ok, ==, state != NULL);
              if (!ok)
                {
                  g_assert_cmpstr (check_error->message, ==, new_error->message);
                  refused++;
                }
              else
                made++;
            }
  /* Within the keys' ranges every set of points has more than 10 distinct ones, so no state
   * is refused today; the refusals are checked below, where they come from. */
  g_assert_cmpuint (made, ==, 72);
  g_assert_cmpuint (refused, ==, 0);

  /* The checks the state's check is made of refuse what the runs refuse, in their words. */
  {
    const double good[] = { 0, 0, 1, 1, 2, 2 };
    const double bad[] = { 0, 0, NAN, 1, 2, 2 };
    const struct { const double *xy; gsize n; guint k; double eps; guint min_samples; } cases[] = {
      { good, 3, 2, 0.5, 2 },    /* fine */
      { good, 3, 4, 0.5, 2 },    /* k above the points */
      { good, 3, 0, 0.5, 2 },    /* k = 0 */
      { bad, 3, 2, 0.5, 2 },     /* a point not finite */
      { good, 3, 2, 0, 2 },      /* eps 0 */
      { good, 3, 2, NAN, 2 },    /* eps not a number */
      { good, 3, 2, 0.5, 0 },    /* min_samples 0 */
      { good, 0, 1, 0.5, 2 },    /* no points */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) check_error = NULL;
        g_autoptr(GError) run_error = NULL;
        MlrKMeans *km;
        MlrDbscanResult *db;
        gboolean ok;

        ok = mlr_kmeans_check (cases[i].xy, cases[i].n, 2, cases[i].k, &check_error);
        km = mlr_kmeans_new (cases[i].xy, cases[i].n, 2, cases[i].k, 1, &run_error);
        g_assert_cmpint (ok, ==, km != NULL);
        g_assert_cmpstr (ok ? NULL : check_error->message, ==, ok ? NULL : run_error->message);
        g_clear_pointer (&km, mlr_kmeans_free);
        g_clear_error (&check_error);
        g_clear_error (&run_error);

        ok = mlr_dbscan_check (cases[i].xy, cases[i].n, cases[i].eps, cases[i].min_samples,
                               &check_error);
        db = mlr_dbscan_run (cases[i].xy, cases[i].n, cases[i].eps, cases[i].min_samples, NULL,
                             &run_error);
        g_assert_cmpint (ok, ==, db != NULL);
        g_assert_cmpstr (ok ? NULL : check_error->message, ==, ok ? NULL : run_error->message);
        g_clear_pointer (&db, mlr_dbscan_result_free);
        if (i == 0)
          g_assert_true (ok);
      }
  }
}

/* The learner's points: taken when usable, refused with the reason and no change when not. */
static void
test_set_points (void)
{
  g_autoptr(MlrClusteringState) s = state_with ("k=3", NULL);
  g_autoptr(MlrDataset) few = mlr_dataset_new (0, 0);
  g_autoptr(MlrDataset) many = mlr_dataset_new (0, 0);
  g_autoptr(MlrDataset) same = mlr_dataset_new (0, 0);
  g_autoptr(GError) error = NULL;
  guint before = mlr_clustering_state_get_n_points (s);

  for (guint i = 0; i < 30; i++)
    mlr_dataset_append (few, 10.0 * (i % 3) + 0.01 * i, 0.02 * i, 0);
  for (guint i = 0; i < MLR_CLUSTERING_MAX_POINTS + 1; i++)
    mlr_dataset_append (many, i, i, 0);
  for (guint i = 0; i < 10; i++)
    mlr_dataset_append (same, i % 2, 0, 0);

  g_assert_false (mlr_clustering_state_set_points (s, many, &error));
  g_assert_nonnull (strstr (error->message, "2 to 1500 points"));
  g_clear_error (&error);
  g_assert_false (mlr_clustering_state_set_points (s, same, &error));
  g_assert_nonnull (strstr (error->message, "at least 3 different points"));
  g_clear_error (&error);
  g_assert_cmpuint (mlr_clustering_state_get_n_points (s), ==, before);

  g_assert_true (mlr_clustering_state_set_points (s, few, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mlr_clustering_state_get_n_points (s), ==, 30);
  g_assert_cmpuint (mlr_clustering_state_get_steps (s), ==, 0);
  mlr_clustering_state_finish (s);
  /* three groups ten apart: k-means finds them, the silhouette is near 1 */
  g_assert_cmpuint (mlr_clustering_state_get_clusters (s), ==, 3);
  g_assert_cmpfloat (mlr_clustering_state_get_silhouette (s), >, 0.9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/clustering/steps-lower-inertia", test_steps_lower_inertia);
  g_test_add_func ("/painters/clustering/picture", test_picture);
  g_test_add_func ("/painters/clustering/dbscan-counts", test_dbscan_counts);
  g_test_add_func ("/painters/clustering/no-nan", test_no_nan);
  g_test_add_func ("/painters/clustering/apply-param", test_apply_param);
  g_test_add_func ("/painters/clustering/refusal-changes-nothing", test_refusal_changes_nothing);
  g_test_add_func ("/painters/clustering/set-points", test_set_points);
  g_test_add_func ("/painters/clustering/check-agrees", test_check_agrees);
  return g_test_run ();
}
