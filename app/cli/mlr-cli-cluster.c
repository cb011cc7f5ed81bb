/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli cluster kmeans|dbscan --data D.csv [--set KEY=VALUE]... [-o OUT.json]
 *
 * Clusters the points of D.csv (columns x,y or x1,x2; other columns, such as a label, are
 * ignored) and prints one JSON object: the label of every point in input order, the inertia
 * (k-means; null for DBSCAN), the silhouette score of those labels (null where it is not
 * defined: fewer than 2 or more than n − 1 clusters), the number of clusters, and more.
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-dbscan.h"
#include "ml/mlr-kmeans.h"
#include "ml/mlr-silhouette.h"

#define COMMAND "cluster"

static const char * const algorithms[] = { "kmeans", "dbscan", NULL };
static const char * const inits[] = { "k-means++", "random", NULL };

/* Defaults as scikit-learn 1.2's KMeans and DBSCAN. */
static const MlrParamSpec specs[] = {
  { .key = "k", .type = MLR_PARAM_INT, .default_value = "8", .min = 1, .max = MLR_KMEANS_MAX_K,
    .help = "kmeans: the number of clusters (n_clusters)" },
  { .key = "n_init", .type = MLR_PARAM_INT, .default_value = "10", .min = 1, .max = 1000,
    .help = "kmeans: seeded runs; the one with the lowest inertia is kept" },
  { .key = "init", .type = MLR_PARAM_CHOICE, .default_value = "k-means++", .choices = inits,
    .help = "kmeans: how a run picks its first centroids" },
  { .key = "max_iter", .type = MLR_PARAM_INT, .default_value = "300", .min = 1, .max = 100000,
    .help = "kmeans: iterations per run at most" },
  { .key = "tol", .type = MLR_PARAM_NUMBER, .default_value = "0.0001", .min = 0, .max = 1,
    .help = "kmeans: a run stops when the centroids move (sum of squared shifts) by at most tol "
            "x the mean variance of x and y; 0 = only when no label changes" },
  { .key = "refine", .type = MLR_PARAM_BOOL, .default_value = "true",
    .help = "kmeans: after the runs, move single points between clusters (Hartigan) and swap "
            "centroids while that lowers the inertia; false = Lloyd's runs only, as "
            "scikit-learn's" },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "0", .min = 0, .max = 4294967295.0,
    .help = "kmeans: seed of the runs' starts" },
  /* the range is checked by mlr_dbscan_check_params(), which names it (eps > 0) */
  { .key = "eps", .type = MLR_PARAM_NUMBER, .default_value = "0.5", .min = -G_MAXDOUBLE,
    .max = G_MAXDOUBLE,
    .help = "dbscan: neighbourhood radius (greater than 0); points within eps are neighbours" },
  { .key = "min_samples", .type = MLR_PARAM_INT, .default_value = "5", .min = 1,
    .max = MLR_DBSCAN_MAX_MIN_SAMPLES,
    .help = "dbscan: neighbours (the point included) that make a core point" },
  { .key = "silhouette", .type = MLR_PARAM_BOOL, .default_value = "true",
    .help = "compute the silhouette score (exact, O(n²) distances: seconds at 100,000 points)" },
};

static const char * const kmeans_keys[] = { "k", "n_init", "init", "max_iter", "tol", "refine",
                                            "seed", "silhouette", NULL };
static const char * const dbscan_keys[] = { "eps", "min_samples", "silhouette", NULL };

static char *
build_summary (void)
{
  GString *s = g_string_new (
    "Cluster the points of D.csv (a header naming the columns x,y or x1,x2; other columns,\n"
    "such as a label, are ignored; at most 100,000 rows) and print one JSON object:\n"
    "  labels       the cluster of each point, in input order (DBSCAN noise: -1)\n"
    "  inertia      k-means: sum of squared distances to the centroids (dbscan: null)\n"
    "  silhouette   mean silhouette of the labels, exact, as sklearn.metrics.silhouette_score\n"
    "               (DBSCAN's -1 counts as one more label, as there); null when there are\n"
    "               fewer than 2 or more than n - 1 clusters\n"
    "  clusters     the number of clusters (not counting noise)\n"
    "and iterations, centroids (kmeans), noise_points, core_points (dbscan).\n"
    "k-means runs n_init seeded starts and keeps the lowest inertia, as scikit-learn's KMeans;\n"
    "each run is Lloyd's iterations; then (refine=true) the best one goes on with single-point\n"
    "moves and centroid swaps while they lower the inertia. DBSCAN gives scikit-learn's labels.\n\n"
    "Keys (--set KEY=VALUE; defaults as scikit-learn):\n");

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autofree char *accepted = g_str_equal (specs[i].key, "eps")
                                  ? g_strdup ("number greater than 0, at most 1e100")
                                  : mlr_param_spec_describe (&specs[i]);
      g_string_append_printf (s, "  %s (%s; default %s): %s\n", specs[i].key, accepted,
                              specs[i].default_value, specs[i].help);
    }
  g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* The shortest decimal that reads back as @v; JSON has no NaN or infinity: null. */
static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

static gboolean
key_allowed (const char * const *keys,
             const char         *key)
{
  return g_strv_contains (keys, key);
}

static gboolean
apply_settings (const char   *algorithm,
                MlrParams    *params,
                char        **settings,
                int          *exit_code)
{
  const char * const *keys = g_str_equal (algorithm, "kmeans") ? kmeans_keys : dbscan_keys;

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *eq = strchr (settings[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *valid = g_strjoinv (", ", (char **) keys);

      if (eq == NULL || eq == settings[i])
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--set “%s”: expected KEY=VALUE (keys of "
                                            "%s: %s)", settings[i], algorithm, valid);
          return FALSE;
        }
      key = g_strstrip (g_strndup (settings[i], eq - settings[i]));
      if (!key_allowed (keys, key))
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: “%s” is not a parameter of %s "
                                            "(valid keys: %s)", settings[i], key, algorithm,
                                            valid);
          return FALSE;
        }
      if (!mlr_params_set (params, key, eq + 1, &error))
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--set %s: %s", settings[i],
                                            error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
append_labels (GString     *out,
               const int   *labels,
               gsize        n)
{
  g_string_append (out, "{\"labels\": [");
  /* printf's "%d" by hand: a hundred thousand labels cost printf milliseconds */
  for (gsize i = 0; i < n; i++)
    {
      char buf[16], *p = buf + sizeof buf;
      int v = labels[i];
      guint u = v < 0 ? 0u - (guint) v : (guint) v;

      do
        *--p = (char) ('0' + u % 10);
      while ((u /= 10) != 0);
      if (v < 0)
        *--p = '-';
      if (i)
        g_string_append_len (out, ", ", 2);
      g_string_append_len (out, p, buf + sizeof buf - p);
    }
  g_string_append (out, "]");
}

/* The silhouette of @labels into @out ("null" when undefined or not wanted). */
static void
append_silhouette (GString      *out,
                   const double *xy,
                   const int    *labels,
                   gsize         n,
                   gboolean      wanted)
{
  g_autoptr(GError) error = NULL;
  double score;

  g_string_append (out, ", \"silhouette\": ");
  if (!wanted)
    {
      g_string_append (out, "null");
      return;
    }
  if (!mlr_silhouette_score (xy, labels, n, NULL, &score, &error))
    {
      fprintf (stderr, "ml-roadmap-cli %s: note: no silhouette: %s\n", COMMAND, error->message);
      g_string_append (out, "null");
      return;
    }
  append_number (out, score);
}

static int
run_kmeans (const MlrDataset *data,
            const MlrParams  *params,
            GString          *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrKMeansFit) fit = NULL;
  g_autofree int *labels = g_new (int, data->n_points);
  MlrKMeansInit init = g_str_equal (mlr_params_get_string (params, "init"), "random")
                       ? MLR_KMEANS_INIT_RANDOM : MLR_KMEANS_INIT_PLUS_PLUS;
  guint k = (guint) mlr_params_get_int (params, "k");
  gboolean used[MLR_KMEANS_MAX_K] = { FALSE };
  guint clusters = 0;

  if (k > data->n_points)
    return mlr_cli_usage_error (COMMAND, "--set k=%u: more clusters than the %u points of the "
                                "data (allowed: 1 to %u)", k, data->n_points,
                                MIN (data->n_points, MLR_KMEANS_MAX_K));
  fit = mlr_kmeans_fit (data->x, data->n_points, 2, k, init,
                        (guint) mlr_params_get_int (params, "n_init"),
                        (guint) mlr_params_get_int (params, "max_iter"),
                        mlr_params_get_double (params, "tol"),
                        mlr_params_get_bool (params, "refine"),
                        (guint64) mlr_params_get_int (params, "seed"), NULL, &error);
  if (fit == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  for (gsize i = 0; i < data->n_points; i++)
    {
      labels[i] = (int) fit->labels[i];
      clusters += !used[fit->labels[i]];
      used[fit->labels[i]] = TRUE;
    }
  if (!fit->converged)
    fprintf (stderr, "ml-roadmap-cli %s: note: the best run stopped at max_iter = %u before "
             "converging\n", COMMAND, fit->iterations);

  append_labels (out, labels, data->n_points);
  g_string_append (out, ", \"inertia\": ");
  append_number (out, fit->inertia);
  append_silhouette (out, data->x, labels, data->n_points,
                     mlr_params_get_bool (params, "silhouette"));
  g_string_append_printf (out, ", \"clusters\": %u, \"noise_points\": 0, \"iterations\": %u, "
                          "\"centroids\": [", clusters, fit->iterations);
  for (guint c = 0; c < k; c++)
    {
      g_string_append (out, c ? ", [" : "[");
      append_number (out, fit->centroids[2 * c]);
      g_string_append (out, ", ");
      append_number (out, fit->centroids[2 * c + 1]);
      g_string_append (out, "]");
    }
  g_string_append (out, "]}\n");
  return MLR_CLI_EXIT_OK;
}

static int
run_dbscan (const MlrDataset *data,
            const MlrParams  *params,
            GString          *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrDbscanResult) r = NULL;
  double eps = mlr_params_get_double (params, "eps");
  gint64 min_samples = mlr_params_get_int (params, "min_samples");

  if (!mlr_dbscan_check_params (eps, min_samples, &error))
    return mlr_cli_usage_error (COMMAND, "--set %s", error->message);
  r = mlr_dbscan_run (data->x, data->n_points, eps, (guint) min_samples, NULL, &error);
  if (r == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  append_labels (out, r->labels, data->n_points);
  g_string_append (out, ", \"inertia\": null");
  append_silhouette (out, data->x, r->labels, data->n_points,
                     mlr_params_get_bool (params, "silhouette"));
  g_string_append_printf (out, ", \"clusters\": %u, \"noise_points\": %" G_GSIZE_FORMAT
                          ", \"core_points\": %" G_GSIZE_FORMAT ", \"border_points\": %"
                          G_GSIZE_FORMAT "}\n", r->n_clusters, r->n_noise, r->n_core,
                          r->n_border);
  return MLR_CLI_EXIT_OK;
}

int
mlr_cli_cluster (int    argc,
                 char **argv)
{
  g_autofree char *data_path = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) settings = NULL;
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_path,
      "The points: CSV with the columns x,y (or x1,x2)", "D.csv" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      "Set a parameter of the algorithm (repeatable)", "KEY=VALUE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the JSON here (atomically) instead of to standard output", "OUT.json" },
    { NULL }
  };
  g_autofree char *summary = build_summary ();
  g_autoptr(MlrParams) params = NULL;
  g_autoptr(MlrDataset) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "kmeans|dbscan", summary, entries, &argc, &argv,
                              &exit_code))
    return exit_code;
  if (argc < 2)
    return mlr_cli_usage_error (COMMAND, "missing the algorithm (kmeans or dbscan)");
  if (argc > 2)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[2]);
  if (!g_strv_contains (algorithms, argv[1]))
    return mlr_cli_usage_error (COMMAND, "unknown algorithm “%s” (one of kmeans, dbscan)",
                                argv[1]);
  if (data_path == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --data D.csv");

  params = mlr_params_new (specs, G_N_ELEMENTS (specs));
  if (!apply_settings (argv[1], params, settings, &exit_code))
    return exit_code;

  data = mlr_csv_load (data_path, MLR_CSV_POINTS, &error);
  if (data == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  exit_code = g_str_equal (argv[1], "kmeans") ? run_kmeans (data, params, out)
                                               : run_dbscan (data, params, out);
  if (exit_code != MLR_CLI_EXIT_OK)
    return exit_code;
  if (!mlr_cli_write_output (output, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
