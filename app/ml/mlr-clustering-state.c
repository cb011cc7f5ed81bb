/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-clustering-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-dataset.h"
#include "mlr-silhouette.h"

struct _MlrClusteringState
{
  /* the points */
  char                  *dataset;
  guint                  n;
  double                 noise;
  guint                  centers;
  guint64                data_seed;
  MlrDataset            *data;
  double                *dist;        /* pairwise distances, i < j, row by row */

  MlrClusteringAlgorithm algorithm;

  /* k-means */
  guint                  k;
  guint64                seed;
  MlrKMeans             *km;
  double                *previous;    /* the centroids before the last update step */
  guint                  steps;       /* half-steps taken */
  double                 elbow_inertia[MLR_CLUSTERING_MAX_K];
  double                 elbow_silhouette[MLR_CLUSTERING_MAX_K];

  /* DBSCAN */
  double                 eps;
  guint                  min_samples;
  MlrDbscanResult       *db;

  /* what the picture shows now */
  int                   *labels;
  double                 inertia;
  double                 silhouette;
  guint                  clusters;
};

static const char * const algorithms[] = { "kmeans", "dbscan", NULL };
static const char * const algorithm_titles[] = { N_("k-means"), N_("DBSCAN"), NULL };
static const char * const datasets[] = { "blobs", "moons", "circles", NULL };
static const char * const dataset_titles[] = { N_("Blobs"), N_("Moons"), N_("Circles"), NULL };

static const MlrParamSpec param_specs[] = {
  { .key = "algorithm", .type = MLR_PARAM_CHOICE, .default_value = "kmeans",
    .choices = algorithms, .choice_titles = algorithm_titles,
    .help = N_("k-means: k centroids, each point to the nearest. DBSCAN: clusters grow "
               "through dense neighbourhoods, and what is sparse is noise"),
    .label = N_("Algorithm") },
  { .key = "dataset", .type = MLR_PARAM_CHOICE, .default_value = "blobs", .choices = datasets,
    .choice_titles = dataset_titles,
    .help = N_("The points: round blobs, two interleaved moons, or a ring around a disc"),
    .label = N_("Data") },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "300", .min = 10,
    .max = MLR_CLUSTERING_MAX_POINTS,
    .help = N_("How many points"), .label = N_("Points"), .ui = MLR_PARAM_UI_SLIDER,
    .ui_min = 10, .ui_max = MLR_CLUSTERING_MAX_POINTS, .ui_step = 10 },
  { .key = "centers", .type = MLR_PARAM_INT, .default_value = "4", .min = 2, .max = 8,
    .help = N_("How many blobs the points are drawn from (blobs only)"),
    .label = N_("True blobs") },
  { .key = "noise", .type = MLR_PARAM_NUMBER, .default_value = "0.6", .min = 0, .max = 3,
    .help = N_("Standard deviation of the scatter added to each coordinate"),
    .label = N_("Spread"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0, .ui_max = 3,
    .ui_step = 0.05, .digits = 2 },
  { .key = "data_seed", .type = MLR_PARAM_INT, .default_value = "1", .min = 0, .max = 1000000,
    .help = N_("Seed of the points"), .label = N_("Data seed"), .more = TRUE },
  { .key = "k", .type = MLR_PARAM_INT, .default_value = "4", .min = 1,
    .max = MLR_CLUSTERING_MAX_K,
    .help = N_("k-means: how many clusters (centroids)"), .label = N_("k") },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "0", .min = 0, .max = 1000000,
    .help = N_("k-means: seed of the k-means++ start; another seed, another start"),
    .label = N_("Start seed"), .more = TRUE },
  { .key = "steps", .type = MLR_PARAM_INT, .default_value = "200", .min = 0,
    .max = MLR_CLUSTERING_MAX_STEPS,
    .help = N_("k-means: half-steps taken (assign, move, assign, …); the run stops when an "
               "assignment changes nothing"),
    .label = N_("Half-steps"), .ui = MLR_PARAM_UI_NONE },
  { .key = "eps", .type = MLR_PARAM_NUMBER, .default_value = "0.5", .min = 0.01, .max = 5,
    .help = N_("DBSCAN: the neighbourhood radius; points within eps are neighbours"),
    .label = N_("eps"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0.05, .ui_max = 2,
    .ui_step = 0.01, .digits = 2 },
  { .key = "min_samples", .type = MLR_PARAM_INT, .default_value = "5", .min = 1, .max = 50,
    .help = N_("DBSCAN: neighbours within eps (the point included) that make a core point"),
    .label = N_("Min. samples") },
};

static const char * const metric_names[] = {
  "inertia", "iterations", "silhouette", "clusters", "noise_points", NULL
};

const MlrParamSpec *
mlr_clustering_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_clustering_state_metric_names (void)
{
  return metric_names;
}

/* The silhouette of @labels (as sklearn.metrics.silhouette_score) from the stored distances:
 * each pair's distance added once to both points' per-cluster sums; 0 where it is undefined
 * (fewer than 2 or more than n − 1 labels). Labels are −1 (one more cluster, as DBSCAN's
 * noise) to 63. */
static double
silhouette_of (const MlrClusteringState *self,
               const int                *labels)
{
  gsize n = self->data->n_points;
  guint n_labels = 0, width = 1;
  gsize size[65] = { 0 };
  g_autofree double *sums = NULL;
  g_autofree guint8 *slot = g_new (guint8, MAX (n, 1));
  const double *d = self->dist;
  double total = 0;

  /* slot 0 is −1 (noise), slot l + 1 label l; each point's sums are @width wide */
  for (gsize i = 0; i < n; i++)
    {
      slot[i] = (guint8) (CLAMP (labels[i], -1, 63) + 1);
      n_labels += size[slot[i]]++ == 0;
      width = MAX (width, (guint) slot[i] + 1);
    }
  if (n_labels < 2 || n_labels > n - 1)
    return 0;
  sums = g_new0 (double, n * width);
  for (gsize i = 0; i < n; i++)
    {
      /* Four partial sums per label for point i: neighbouring points usually share a label,
       * and one running sum would make every addition wait for the one before. */
      double part[4][65];
      double *si = sums + i * width;
      guint li = slot[i];
      gsize j = i + 1;

      for (guint l = 0; l < width; l++)
        part[0][l] = part[1][l] = part[2][l] = part[3][l] = 0;

      for (; j + 4 <= n; j += 4, d += 4)
        {
          part[0][slot[j]] += d[0];
          part[1][slot[j + 1]] += d[1];
          part[2][slot[j + 2]] += d[2];
          part[3][slot[j + 3]] += d[3];
          sums[j * width + li] += d[0];
          sums[(j + 1) * width + li] += d[1];
          sums[(j + 2) * width + li] += d[2];
          sums[(j + 3) * width + li] += d[3];
        }
      for (; j < n; j++, d++)
        {
          part[0][slot[j]] += d[0];
          sums[j * width + li] += d[0];
        }
      for (guint l = 0; l < width; l++)
        si[l] += (part[0][l] + part[1][l]) + (part[2][l] + part[3][l]);
    }
  for (gsize i = 0; i < n; i++)
    {
      guint li = slot[i];
      double a, b = INFINITY;

      if (size[li] < 2)
        continue;   /* a point alone in its cluster scores 0 */
      a = sums[i * width + li] / (size[li] - 1);
      for (guint l = 0; l < width; l++)
        if (l != li && size[l] > 0)
          b = MIN (b, sums[i * width + l] / size[l]);
      if (MAX (a, b) > 0)
        total += (b - a) / MAX (a, b);
    }
  return total / n;
}

static double
silhouette_or_zero (const MlrClusteringState *self)
{
  return silhouette_of (self, self->labels);
}

/* The labels, inertia, silhouette and cluster count of what the run shows now. */
static void
update_view_full (MlrClusteringState *self,
                  gboolean            labels_changed)
{
  gsize n = self->data->n_points;

  if (self->algorithm == MLR_CLUSTERING_KMEANS)
    {
      const guint *labels = mlr_kmeans_get_labels (self->km);
      gboolean used[MLR_CLUSTERING_MAX_K] = { FALSE };

      self->clusters = 0;
      for (gsize i = 0; i < n; i++)
        {
          self->labels[i] = labels[i] == MLR_KMEANS_UNASSIGNED ? -1 : (int) labels[i];
          if (labels[i] != MLR_KMEANS_UNASSIGNED && !used[labels[i]])
            {
              used[labels[i]] = TRUE;
              self->clusters++;
            }
        }
      self->inertia = mlr_kmeans_get_inertia (self->km);
      if (labels_changed)
        self->silhouette = self->clusters > 0 ? silhouette_or_zero (self) : 0;
    }
  else
    {
      /* the spread of the clusters about their own means, noise left out */
      guint c = self->db->n_clusters;
      g_autofree double *sum = g_new0 (double, 2 * (gsize) MAX (c, 1));
      g_autofree gsize *count = g_new0 (gsize, MAX (c, 1));

      memcpy (self->labels, self->db->labels, n * sizeof (int));
      for (gsize i = 0; i < n; i++)
        if (self->labels[i] >= 0)
          {
            sum[2 * self->labels[i]] += self->data->x[2 * i];
            sum[2 * self->labels[i] + 1] += self->data->x[2 * i + 1];
            count[self->labels[i]]++;
          }
      self->inertia = 0;
      for (gsize i = 0; i < n; i++)
        if (self->labels[i] >= 0)
          {
            int l = self->labels[i];
            double dx = self->data->x[2 * i] - sum[2 * l] / count[l];
            double dy = self->data->x[2 * i + 1] - sum[2 * l + 1] / count[l];
            self->inertia += dx * dx + dy * dy;
          }
      self->clusters = c;
      self->silhouette = silhouette_or_zero (self);
    }
}

static void
update_view (MlrClusteringState *self)
{
  update_view_full (self, TRUE);
}

static void
compute_elbow (MlrClusteringState *self)
{
  gsize n = self->data->n_points;
  gsize distinct = mlr_kmeans_count_distinct (self->data->x, n, 2);
  g_autofree int *labels = g_new (int, n);

  for (guint k = 1; k <= MLR_CLUSTERING_MAX_K; k++)
    {
      g_autoptr(MlrKMeansFit) fit = NULL;

      self->elbow_inertia[k - 1] = 0;
      self->elbow_silhouette[k - 1] = 0;
      if (k > distinct)
        continue;
      fit = mlr_kmeans_fit (self->data->x, n, 2, k, MLR_KMEANS_INIT_PLUS_PLUS, 3, 300, 1e-4,
                            FALSE, self->seed, NULL, NULL);
      if (fit == NULL)
        continue;
      for (gsize i = 0; i < n; i++)
        labels[i] = (int) fit->labels[i];
      self->elbow_inertia[k - 1] = fit->inertia;
      self->elbow_silhouette[k - 1] = silhouette_of (self, labels);
    }
}

/* After new points: the label array and the stored distances. */
static void
points_changed (MlrClusteringState *self)
{
  gsize n = self->data->n_points, at = 0;
  const double *x = self->data->x;

  g_free (self->labels);
  self->labels = g_new (int, n);
  g_free (self->dist);
  self->dist = g_new (double, MAX (n * (n - 1) / 2, 1));
  for (gsize i = 0; i < n; i++)
    for (gsize j = i + 1; j < n; j++)
      self->dist[at++] = hypot (x[2 * i] - x[2 * j], x[2 * i + 1] - x[2 * j + 1]);
}

static gboolean
make_points (MlrClusteringState *self,
             const MlrParams    *params,
             GError            **error)
{
  const char *name = mlr_params_get_string (params, "dataset");
  MlrDatasetKind kind = g_str_equal (name, "moons") ? MLR_DATASET_MOONS
                        : g_str_equal (name, "circles") ? MLR_DATASET_CIRCLES
                        : MLR_DATASET_GAUSSIAN;

  g_clear_pointer (&self->dataset, g_free);
  g_clear_pointer (&self->data, mlr_dataset_free);
  self->dataset = g_strdup (name);
  self->n = (guint) mlr_params_get_int (params, "n");
  self->noise = mlr_params_get_double (params, "noise");
  self->centers = (guint) mlr_params_get_int (params, "centers");
  self->data_seed = (guint64) mlr_params_get_int (params, "data_seed");
  self->data = mlr_dataset_generate (kind, self->n, kind == MLR_DATASET_GAUSSIAN
                                     ? self->noise : self->noise / 6, self->data_seed,
                                     kind == MLR_DATASET_GAUSSIAN ? self->centers : 2, error);
  return self->data != NULL;
}

/* Whether @self->k clusters can be found among the points: no more than the distinct ones. */
static gboolean
check_k (const MlrClusteringState *self,
         GError                  **error)
{
  gsize distinct = mlr_kmeans_count_distinct (self->data->x, self->data->n_points, 2);

  if (self->k > distinct)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_TOO_FEW,
                   _("k = %u clusters need at least %u different points, and the data have "
                     "%" G_GSIZE_FORMAT), self->k, self->k, distinct);
      return FALSE;
    }
  return TRUE;
}

/* k-means anew from its seed, run to @steps half-steps (or its end); on failure the last run
 * stays as it was. */
static gboolean
make_kmeans (MlrClusteringState *self,
             guint               steps,
             GError            **error)
{
  MlrKMeans *km;

  if (!check_k (self, error))
    return FALSE;
  km = mlr_kmeans_new (self->data->x, self->data->n_points, 2, self->k, self->seed, error);
  if (km == NULL)
    return FALSE;
  mlr_kmeans_free (self->km);
  self->km = km;
  g_free (self->previous);
  self->previous = g_memdup2 (mlr_kmeans_get_centroids (self->km), 2 * self->k * sizeof (double));
  self->steps = 0;
  while (self->steps < steps && mlr_clustering_state_step (self))
    ;
  return TRUE;
}

/* DBSCAN anew; on failure the last run stays. */
static gboolean
make_dbscan (MlrClusteringState *self,
             GError            **error)
{
  MlrDbscanResult *db = mlr_dbscan_run (self->data->x, self->data->n_points, self->eps,
                                        self->min_samples, NULL, error);

  if (db == NULL)
    return FALSE;
  mlr_dbscan_result_free (self->db);
  self->db = db;
  return TRUE;
}

/* The runs' settings from @params (the points' are make_points()'). */
static void
read_settings (MlrClusteringState *self,
               const MlrParams    *params)
{
  self->algorithm = g_str_equal (mlr_params_get_string (params, "algorithm"), "dbscan")
                    ? MLR_CLUSTERING_DBSCAN : MLR_CLUSTERING_KMEANS;
  self->k = (guint) mlr_params_get_int (params, "k");
  self->seed = (guint64) mlr_params_get_int (params, "seed");
  self->eps = mlr_params_get_double (params, "eps");
  self->min_samples = (guint) mlr_params_get_int (params, "min_samples");
}

/**
 * mlr_clustering_state_new:
 * The points, the elbow chart and the run @params ask for (keys of the table above).
 */
MlrClusteringState *
mlr_clustering_state_new (const MlrParams  *params,
                          GError          **error)
{
  g_autoptr(MlrClusteringState) self = g_new0 (MlrClusteringState, 1);

  read_settings (self, params);
  if (!make_points (self, params, error))
    return NULL;
  points_changed (self);
  compute_elbow (self);
  if (!make_kmeans (self, (guint) mlr_params_get_int (params, "steps"), error) ||
      !make_dbscan (self, error))
    return NULL;
  update_view (self);
  return g_steal_pointer (&self);
}

/**
 * mlr_clustering_state_apply_param:
 * Applies one changed key: the algorithm, k, seed, steps, eps and min_samples rerun only
 * what they change (the points and the elbow chart stay); the points' keys make them anew.
 * On failure nothing changes, the run where it had got to included.
 */
gboolean
mlr_clustering_state_apply_param (MlrClusteringState *self,
                                  const MlrParams    *params,
                                  const char         *key,
                                  GError            **error)
{
  if (g_str_equal (key, "algorithm"))
    self->algorithm = g_str_equal (mlr_params_get_string (params, "algorithm"), "dbscan")
                      ? MLR_CLUSTERING_DBSCAN : MLR_CLUSTERING_KMEANS;
  else if (g_str_equal (key, "k") || g_str_equal (key, "seed") || g_str_equal (key, "steps"))
    {
      guint k = self->k;
      guint64 seed = self->seed;

      self->k = (guint) mlr_params_get_int (params, "k");
      self->seed = (guint64) mlr_params_get_int (params, "seed");
      if (!make_kmeans (self, (guint) mlr_params_get_int (params, "steps"), error))
        {
          self->k = k;
          self->seed = seed;
          return FALSE;
        }
      if (!g_str_equal (key, "steps") && self->seed != seed)
        compute_elbow (self);
    }
  else if (g_str_equal (key, "eps") || g_str_equal (key, "min_samples"))
    {
      double eps = self->eps;
      guint min_samples = self->min_samples;

      self->eps = mlr_params_get_double (params, "eps");
      self->min_samples = (guint) mlr_params_get_int (params, "min_samples");
      if (!make_dbscan (self, error))
        {
          self->eps = eps;
          self->min_samples = min_samples;
          return FALSE;
        }
    }
  else
    {
      /* New points change everything: a state made anew, taken whole when it can be made. */
      g_autoptr(MlrClusteringState) next = mlr_clustering_state_new (params, error);
      MlrClusteringState swap;

      if (next == NULL)
        return FALSE;
      swap = *self;
      *self = *next;
      *next = swap;
      return TRUE;
    }
  update_view (self);
  return TRUE;
}

/**
 * mlr_clustering_state_set_points:
 * Replaces the points with @points (the learner's CSV): 2 to MLR_CLUSTERING_MAX_POINTS of
 * them, at least k different ones; then the elbow chart and both runs anew, k-means from its
 * start. On failure nothing changes and @error says why.
 */
gboolean
mlr_clustering_state_set_points (MlrClusteringState *self,
                                 const MlrDataset   *points,
                                 GError            **error)
{
  gsize distinct;

  if (points->n_points < 2 || points->n_points > MLR_CLUSTERING_MAX_POINTS)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_INVALID,
                   _("the demo takes 2 to %u points, and the file has %u"),
                   MLR_CLUSTERING_MAX_POINTS, points->n_points);
      return FALSE;
    }
  distinct = mlr_kmeans_count_distinct (points->x, points->n_points, 2);
  if (self->k > distinct)
    {
      g_set_error (error, MLR_KMEANS_ERROR, MLR_KMEANS_ERROR_TOO_FEW,
                   _("k = %u clusters need at least %u different points, and the file has "
                     "%" G_GSIZE_FORMAT), self->k, self->k, distinct);
      return FALSE;
    }
  mlr_dataset_free (self->data);
  self->data = mlr_dataset_copy (points);
  points_changed (self);
  compute_elbow (self);
  make_kmeans (self, 0, NULL);
  make_dbscan (self, NULL);
  update_view (self);
  return TRUE;
}

/* Whether @params make a state, as mlr_clustering_state_new() would say, without running
 * anything: the points, and k and DBSCAN's settings checked against them (a lesson's loader
 * asks this of every demo; running both clusterings and the elbow chart cost it 5 ms). */
gboolean
mlr_clustering_state_check (const MlrParams  *params,
                            GError          **error)
{
  g_autoptr(MlrClusteringState) self = g_new0 (MlrClusteringState, 1);

  read_settings (self, params);
  return make_points (self, params, error) && check_k (self, error) &&
         mlr_kmeans_check (self->data->x, self->data->n_points, 2, self->k, error) &&
         mlr_dbscan_check (self->data->x, self->data->n_points, self->eps, self->min_samples,
                           error);
}

void
mlr_clustering_state_free (MlrClusteringState *self)
{
  if (self == NULL)
    return;
  g_free (self->dataset);
  mlr_dataset_free (self->data);
  g_free (self->dist);
  mlr_kmeans_free (self->km);
  g_free (self->previous);
  mlr_dbscan_result_free (self->db);
  g_free (self->labels);
  g_free (self);
}

/* Which controls matter: k-means keys with k-means, DBSCAN keys with DBSCAN, centers with
 * blobs. */
gboolean
mlr_clustering_state_param_relevant (const MlrClusteringState *self,
                                     const char               *key)
{
  gboolean km = self->algorithm == MLR_CLUSTERING_KMEANS;

  if (g_str_equal (key, "k") || g_str_equal (key, "seed") || g_str_equal (key, "steps"))
    return km;
  if (g_str_equal (key, "eps") || g_str_equal (key, "min_samples"))
    return !km;
  if (g_str_equal (key, "centers"))
    return g_str_equal (self->dataset, "blobs");
  return TRUE;
}

/* The half-steps taken: what the table's "steps" holds. */
void
mlr_clustering_state_read_params (const MlrClusteringState *self,
                                  MlrParams                *params)
{
  g_autofree char *steps = g_strdup_printf ("%u", self->steps);

  mlr_params_set (params, "steps", steps, NULL);
}

MlrClusteringAlgorithm
mlr_clustering_state_get_algorithm (const MlrClusteringState *self)
{
  return self->algorithm;
}

guint
mlr_clustering_state_get_n_points (const MlrClusteringState *self)
{
  return self->data->n_points;
}

const double *
mlr_clustering_state_get_points (const MlrClusteringState *self)
{
  return self->data->x;
}

/* The box of the points, 8% wider on each side (and at least 1 wide). */
void
mlr_clustering_state_get_bounds (const MlrClusteringState *self,
                                 double                   *xmin,
                                 double                   *xmax,
                                 double                   *ymin,
                                 double                   *ymax)
{
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY, pad;

  for (guint i = 0; i < self->data->n_points; i++)
    {
      x0 = MIN (x0, self->data->x[2 * i]);
      x1 = MAX (x1, self->data->x[2 * i]);
      y0 = MIN (y0, self->data->x[2 * i + 1]);
      y1 = MAX (y1, self->data->x[2 * i + 1]);
    }
  pad = MAX (MAX (x1 - x0, y1 - y0) * 0.08, 0.5);
  *xmin = x0 - pad;
  *xmax = x1 + pad;
  *ymin = y0 - pad;
  *ymax = y1 + pad;
}

const MlrKMeans *
mlr_clustering_state_get_kmeans (const MlrClusteringState *self)
{
  return self->km;
}

/* Where the centroids were before the last update step (equal to now after an assign). */
const double *
mlr_clustering_state_get_previous_centroids (const MlrClusteringState *self)
{
  return self->previous;
}

guint
mlr_clustering_state_get_steps (const MlrClusteringState *self)
{
  return self->steps;
}

/**
 * mlr_clustering_state_step:
 * One half-step of k-means (assign, or move the centroids). FALSE when the run has ended
 * (an assignment changed nothing, or MLR_CLUSTERING_MAX_STEPS half-steps).
 */
gboolean
mlr_clustering_state_step (MlrClusteringState *self)
{
  gboolean assign = mlr_kmeans_get_phase (self->km) == MLR_KMEANS_PHASE_ASSIGN;

  if (mlr_clustering_state_is_finished (self))
    return FALSE;
  memcpy (self->previous, mlr_kmeans_get_centroids (self->km), 2 * self->k * sizeof (double));
  mlr_kmeans_half_step (self->km);
  self->steps++;
  if (self->db != NULL)
    update_view_full (self, assign);
  return TRUE;
}

/* Back to the k-means++ start, no point assigned. */
void
mlr_clustering_state_rewind (MlrClusteringState *self)
{
  make_kmeans (self, 0, NULL);
  update_view (self);
}

/* To the end of the run. */
void
mlr_clustering_state_finish (MlrClusteringState *self)
{
  while (mlr_clustering_state_step (self))
    ;
}

gboolean
mlr_clustering_state_is_finished (const MlrClusteringState *self)
{
  return self->algorithm != MLR_CLUSTERING_KMEANS || mlr_kmeans_is_converged (self->km) ||
         self->steps >= MLR_CLUSTERING_MAX_STEPS;
}

/* The learner drags centroid @c to (@x, @y): the run goes on from there. */
void
mlr_clustering_state_move_centroid (MlrClusteringState *self,
                                    guint               c,
                                    double              x,
                                    double              y)
{
  double p[2] = { x, y };

  g_return_if_fail (c < self->k);
  if (!isfinite (x) || !isfinite (y))
    return;
  mlr_kmeans_set_centroid (self->km, c, p);
  memcpy (self->previous, mlr_kmeans_get_centroids (self->km), 2 * self->k * sizeof (double));
  /* the labels stay until the next assign step: the silhouette too */
  update_view_full (self, FALSE);
}

/* The best inertia for k = 1 .. MLR_CLUSTERING_MAX_K (index k − 1); 0 where k is more than
 * the distinct points. */
const double *
mlr_clustering_state_get_elbow_inertia (const MlrClusteringState *self)
{
  return self->elbow_inertia;
}

/* The silhouette of those fits (0 for k = 1, where it is undefined). */
const double *
mlr_clustering_state_get_elbow_silhouette (const MlrClusteringState *self)
{
  return self->elbow_silhouette;
}

const MlrDbscanResult *
mlr_clustering_state_get_dbscan (const MlrClusteringState *self)
{
  return self->db;
}

double
mlr_clustering_state_get_eps (const MlrClusteringState *self)
{
  return self->eps;
}

const int *
mlr_clustering_state_get_labels (const MlrClusteringState *self)
{
  return self->labels;
}

double
mlr_clustering_state_get_inertia (const MlrClusteringState *self)
{
  return self->inertia;
}

double
mlr_clustering_state_get_silhouette (const MlrClusteringState *self)
{
  return self->silhouette;
}

guint
mlr_clustering_state_get_clusters (const MlrClusteringState *self)
{
  return self->clusters;
}

/* k-means: the assign steps taken; DBSCAN: 0. */
guint
mlr_clustering_state_get_iterations (const MlrClusteringState *self)
{
  return self->algorithm == MLR_CLUSTERING_KMEANS ? mlr_kmeans_get_iteration (self->km) : 0;
}

/* DBSCAN: the noise points; k-means: 0. */
gsize
mlr_clustering_state_get_noise (const MlrClusteringState *self)
{
  return self->algorithm == MLR_CLUSTERING_DBSCAN ? self->db->n_noise : 0;
}

/**
 * mlr_clustering_state_collect_metrics:
 * inertia (k-means: of the run as it stands; DBSCAN: of the clusters about their means, noise
 * left out), iterations (k-means assign steps), silhouette (of the labels shown, noise counted
 * as one more label as scikit-learn does; 0 where undefined), clusters, noise_points.
 */
void
mlr_clustering_state_collect_metrics (const MlrClusteringState *self,
                                      MlrMetricFunc             func,
                                      gpointer                  user_data)
{
  func ("inertia", g_variant_new_double (self->inertia), user_data);
  func ("iterations", g_variant_new_double (mlr_clustering_state_get_iterations (self)),
        user_data);
  func ("silhouette", g_variant_new_double (self->silhouette), user_data);
  func ("clusters", g_variant_new_double (self->clusters), user_data);
  func ("noise_points", g_variant_new_double ((double) mlr_clustering_state_get_noise (self)),
        user_data);
}
