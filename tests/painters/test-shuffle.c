/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "shuffle" demo's model and picture, over random parameters: every row lands in one
 * partition; salting lowers the largest partition of a skewed collect or join; a map-side
 * combine bounds a count's partitions by the number of splits times the sub-keys hashed
 * there; the scheduler never runs two tasks on a slot at once and stays within Graham's
 * bound; the Zipf shares match a direct sum; the hostile corners are refused or finish fast;
 * and the picture shows the straggler.
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-demo-registry.h"
#include "painters/mlr-shuffle-painter.h"

static const char * const ops[] = { "groupby-count", "groupby-collect", "join" };

static MlrShuffleState *
state_for (const char *first_key,
           ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("shuffle"));
  va_list ap;

  va_start (ap, first_key);
  for (const char *key = first_key; key; key = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);
      g_autoptr(GError) error = NULL;
      if (!mlr_params_set (params, key, value, &error))
        g_error ("%s=%s: %s", key, value, error->message);
    }
  va_end (ap);
  return mlr_shuffle_state_new (params, NULL);
}

/* Random but reproducible parameters, as strings. */
typedef struct {
  char rows[32], keys[32], zipf[32], partitions[16], executors[16], cores[16], salt[16];
  const char *op;
} Draw;

static void
draw_params (GRand *rand,
             Draw  *d)
{
  g_snprintf (d->rows, sizeof d->rows, "%.6g", pow (10, g_rand_double_range (rand, 4, 11)));
  g_snprintf (d->keys, sizeof d->keys, "%.0f", floor (pow (10, g_rand_double_range (rand, 0, 9))));
  g_snprintf (d->zipf, sizeof d->zipf, "%.3f", g_rand_double_range (rand, 0, 3));
  g_snprintf (d->partitions, sizeof d->partitions, "%d", g_rand_int_range (rand, 1, 2001));
  g_snprintf (d->executors, sizeof d->executors, "%d", g_rand_int_range (rand, 1, 201));
  g_snprintf (d->cores, sizeof d->cores, "%d", g_rand_int_range (rand, 1, 17));
  g_snprintf (d->salt, sizeof d->salt, "%d", g_rand_int_range (rand, 1, 65));
  d->op = ops[g_rand_int_range (rand, 0, 3)];
}

static MlrShuffleState *
state_for_draw (const Draw *d,
                const char *salt,
                const char *op)
{
  return state_for ("rows", d->rows, "keys", d->keys, "zipf", d->zipf, "partitions",
                    d->partitions, "executors", d->executors, "cores", d->cores, "salt",
                    salt ? salt : d->salt, "operation", op ? op : d->op, "broadcast_mb", "0",
                    NULL);
}

static void
test_rows_conserved (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < 200; i++)
    {
      Draw d;
      g_autoptr(MlrShuffleState) s = NULL;
      guint P;
      const double *rows, *rec;
      double total = 0;

      draw_params (rand, &d);
      s = state_for_draw (&d, NULL, NULL);
      rows = mlr_shuffle_state_get_partition_rows (s, &P);
      rec = mlr_shuffle_state_get_partition_records (s, &P);
      for (guint j = 0; j < P; j++)
        {
          total += rows[j];
          g_assert_cmpfloat (rec[j], <=, rows[j] * (1 + 1e-12));
          g_assert_cmpfloat (rec[j], >=, 0);
        }
      g_assert_cmpfloat_with_epsilon (total / mlr_shuffle_state_get_rows (s), 1, 1e-9);
    }
}

/* The hottest key's share against a direct sum of k^−s over every key. */
static void
test_zipf_share (void)
{
  static const double cases[][2] = {
    { 1e6, 1 }, { 3e5, 0.5 }, { 2e6, 1.3 }, { 1025, 2 }, { 5000, 0 }, { 1, 1 }, { 1e6, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char keys[32], zipf[32];
      g_autoptr(MlrShuffleState) s = NULL;
      double H = 0;

      g_snprintf (keys, sizeof keys, "%.0f", cases[i][0]);
      g_snprintf (zipf, sizeof zipf, "%g", cases[i][1]);
      s = state_for ("keys", keys, "zipf", zipf, NULL);
      for (double k = cases[i][0]; k >= 1; k--)   /* small terms first */
        H += pow (k, -cases[i][1]);
      g_assert_cmpfloat_with_epsilon (mlr_shuffle_state_get_hot_share (s) * H, 1, 1e-6);
    }
}

/* With a key that alone outweighs an even partition, salting lowers the largest partition
 * of a collect or a join. */
static void
test_salting_lowers_largest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  guint tried = 0;

  for (guint i = 0; i < 400; i++)
    {
      Draw d;
      g_autoptr(MlrShuffleState) plain = NULL;
      g_autoptr(MlrShuffleState) salted = NULL;
      char salt[16];

      draw_params (rand, &d);
      if (g_str_equal (d.op, "groupby-count"))
        continue;
      plain = state_for_draw (&d, "1", NULL);
      if (mlr_shuffle_state_get_hot_share (plain) < 3.0 / mlr_shuffle_state_get_partitions (plain) ||
          mlr_shuffle_state_get_partitions (plain) < 4)
        continue;
      g_snprintf (salt, sizeof salt, "%d", g_rand_int_range (rand, 2, 65));
      salted = state_for_draw (&d, salt, NULL);
      g_assert_cmpfloat (mlr_shuffle_state_get_largest_partition_rows (salted), <,
                         mlr_shuffle_state_get_largest_partition_rows (plain));
      tried++;
    }
  g_assert_cmpuint (tried, >, 50);
}

/* A map-side combine sends at most one partial count per sub-key and split: a count's
 * partition holds at most splits × sub-keys hashed there, and its longest task is never
 * longer than the collect's. */
static void
test_combine_bounds_count (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint i = 0; i < 150; i++)
    {
      Draw d;
      g_autoptr(MlrShuffleState) count = NULL;
      g_autoptr(MlrShuffleState) collect = NULL;
      guint P, salt, K;
      const double *rec;
      double keys, *subkeys;

      draw_params (rand, &d);
      count = state_for_draw (&d, NULL, "groupby-count");
      collect = state_for_draw (&d, NULL, "groupby-collect");
      rec = mlr_shuffle_state_get_partition_records (count, &P);
      salt = mlr_shuffle_state_get_salt (count);
      keys = mlr_shuffle_state_get_keys (count);
      K = (guint) MIN (keys, MLR_SHUFFLE_EXPLICIT_KEYS);
      subkeys = g_new0 (double, P);
      for (guint k = 1; k <= K; k++)
        for (guint t = 0; t < salt; t++)
          subkeys[mlr_shuffle_partition_of (k, salt > 1 ? t : 0, P)] += 1;
      for (guint j = 0; j < P; j++)
        g_assert_cmpfloat (rec[j], <=,
                           mlr_shuffle_state_get_map_tasks (count) *
                           (subkeys[j] + (keys - K) * salt / P) * (1 + 1e-9));
      g_free (subkeys);
      g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (count), <=,
                         mlr_shuffle_state_get_max_task_seconds (collect));
      g_assert_cmpfloat (mlr_shuffle_state_get_shuffled_mb (count), <=,
                         mlr_shuffle_state_get_shuffled_mb (collect) * (1 + 1e-12));
    }
}

/* The lesson's case: one key with 7% of a billion rows makes a collect's and a join's
 * straggler, not a count's. */
static void
test_hot_key_harmless_for_count (void)
{
  g_autoptr(MlrShuffleState) count = state_for ("operation", "groupby-count", NULL);
  g_autoptr(MlrShuffleState) collect = state_for ("operation", "groupby-collect", NULL);
  g_autoptr(MlrShuffleState) join = state_for ("operation", "join", NULL);

  g_assert_cmpfloat (mlr_shuffle_state_get_hot_share (count), >, 0.05);
  g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (count), <,
                     2 * mlr_shuffle_state_get_median_task_seconds (count));
  g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (collect), >,
                     10 * mlr_shuffle_state_get_median_task_seconds (collect));
  g_assert_false (mlr_shuffle_state_is_broadcast (join));
  g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (join), >,
                     10 * mlr_shuffle_state_get_median_task_seconds (join));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Slots run one task at a time, the reduce stage waits for the map stage, the stage's time
 * lies between the work per slot and Graham's bound for list scheduling, and the median is
 * the sorted one. */
static void
test_schedule (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < 120; i++)
    {
      Draw d;
      g_autoptr(MlrShuffleState) s = NULL;
      guint n, S, first = G_MAXUINT, m = 0;
      const MlrShuffleTask *tasks;
      const guint *slot_start, *order;
      double work = 0, stage_start, *durations;

      draw_params (rand, &d);
      s = state_for ("rows", d.rows, "keys", d.keys, "zipf", d.zipf, "partitions",
                     d.partitions, "executors", d.executors, "cores", d.cores, "salt", d.salt,
                     "operation", d.op, "broadcast_mb", i % 2 ? "2048" : "10", NULL);
      tasks = mlr_shuffle_state_get_tasks (s, &n);
      S = mlr_shuffle_state_get_slots (s);
      order = mlr_shuffle_state_get_slot_order (s, &slot_start);
      stage_start = mlr_shuffle_state_get_stage_start (s);
      g_assert_cmpuint (slot_start[S], ==, n);
      for (guint slot = 0; slot < S; slot++)
        for (guint o = slot_start[slot]; o + 1 < slot_start[slot + 1]; o++)
          {
            g_assert_cmpuint (tasks[order[o]].slot, ==, slot);
            g_assert_cmpfloat (tasks[order[o]].end, <=, tasks[order[o + 1]].start + 1e-9);
          }
      durations = g_new (double, n);
      for (guint t = 0; t < n; t++)
        {
          gboolean in_stage = tasks[t].kind == MLR_SHUFFLE_TASK_REDUCE ||
                              tasks[t].kind == MLR_SHUFFLE_TASK_BROADCAST_JOIN;
          g_assert_cmpuint (tasks[t].slot, <, S);
          g_assert_cmpfloat (tasks[t].end, >, tasks[t].start);
          if (!in_stage)
            g_assert_cmpfloat (tasks[t].end, <=, stage_start + 1e-9);
          else
            {
              g_assert_cmpfloat (tasks[t].start, >=, stage_start);
              first = MIN (first, t);
              durations[m++] = tasks[t].end - tasks[t].start;
              work += tasks[t].end - tasks[t].start;
            }
        }
      g_assert_cmpuint (m, >, 0);
      qsort (durations, m, sizeof (double), compare_doubles);
      g_assert_cmpfloat_with_epsilon (mlr_shuffle_state_get_median_task_seconds (s),
                                      m % 2 ? durations[m / 2]
                                            : (durations[m / 2 - 1] + durations[m / 2]) / 2,
                                      1e-9);
      g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (s), ==, durations[m - 1]);
      {
        double stage = mlr_shuffle_state_get_stage_seconds (s);
        double extra = mlr_shuffle_state_get_broadcast_seconds (s);
        g_assert_cmpfloat (stage, >=, durations[m - 1] + extra - 1e-9);
        g_assert_cmpfloat (stage, >=, work / S + extra - 1e-9);
        g_assert_cmpfloat (stage, <=, work / S + durations[m - 1] + extra + 1e-9);
      }
      g_free (durations);
    }
}

/* The hostile values are refused with the valid range; the largest ones finish fast. */
static void
test_hostile (void)
{
  static const char * const bad[][2] = {
    { "zipf", "50" }, { "zipf", "-1" }, { "executors", "0" }, { "rows", "nan" },
    { "rows", "1e20" }, { "rows", "inf" }, { "keys", "-5" }, { "partitions", "0" },
    { "salt", "1000" }, { "cores", "64" }, { "broadcast_mb", "1e9" }, { "operation", "sort" },
  };
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("shuffle"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (mlr_params_set (params, bad[i][0], bad[i][1], &error));
      g_assert_nonnull (error);
    }
  for (guint o = 0; o < 3; o++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(MlrShuffleState) s = state_for ("rows", "1e11", "keys", "1e9", "zipf", "3",
                                                "partitions", "20000", "executors", "1",
                                                "cores", "1", "salt", "64", "operation",
                                                ops[o], "broadcast_mb", "0", NULL);
      g_autoptr(MlrShuffleState) wide = state_for ("rows", "1e11", "partitions", "20000",
                                                   "executors", "200", "cores", "16",
                                                   "operation", ops[o], NULL);
      g_assert_cmpfloat (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
      g_assert_true (isfinite (mlr_shuffle_state_get_stage_seconds (s)));
      g_assert_true (isfinite (mlr_shuffle_state_get_median_task_seconds (wide)));
    }
}

/* How many pixels of @surface are within a few levels of @color. */
static guint
count_color (cairo_surface_t *surface,
             const MlrColor  *color)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int r = (int) lround (color->r * 255), g = (int) lround (color->g * 255);
  int b = (int) lround (color->b * 255);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + 4 * x);
        if (abs ((int) ((p >> 16) & 0xff) - r) <= 3 && abs ((int) ((p >> 8) & 0xff) - g) <= 3 &&
            abs ((int) (p & 0xff) - b) <= 3)
          n++;
      }
  return n;
}

/* The straggler is painted in vermillion, the reduce tasks in blue; a broadcast join has no
 * reduce task to paint. */
static void
test_picture (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      MlrPalette palette;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(MlrShuffleState) skewed = state_for ("operation", "groupby-collect", NULL);
      g_autoptr(MlrShuffleState) bcast = state_for ("operation", "join", "broadcast_mb", "2048",
                                                    NULL);

      mlr_palette_init_default (&palette, dark);
      mlr_shuffle_painter_draw (cr, 1280, 800, &palette, skewed);
      g_assert_cmpuint (count_color (surface, &palette.classes[5]), >, 200);
      g_assert_cmpuint (count_color (surface, &palette.classes[0]), >, 2000);
      g_assert_true (mlr_shuffle_state_is_broadcast (bcast));
      mlr_shuffle_painter_draw (cr, 1280, 800, &palette, bcast);
      g_assert_cmpuint (count_color (surface, &palette.classes[2]), >, 2000);
      g_assert_cmpuint (count_color (surface, &palette.classes[0]), <, 50);
      {
        /* 3,200 slots, one in nine drawn: the straggler's band still shows */
        g_autoptr(MlrShuffleState) wide = state_for ("operation", "groupby-collect",
                                                     "executors", "200", "cores", "16", NULL);
        mlr_shuffle_painter_draw (cr, 1280, 800, &palette, wide);
        g_assert_cmpuint (count_color (surface, &palette.classes[5]), >, 200);
      }
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/shuffle/rows-conserved", test_rows_conserved);
  g_test_add_func ("/shuffle/zipf-share", test_zipf_share);
  g_test_add_func ("/shuffle/salting-lowers-largest", test_salting_lowers_largest);
  g_test_add_func ("/shuffle/combine-bounds-count", test_combine_bounds_count);
  g_test_add_func ("/shuffle/hot-key-harmless-for-count", test_hot_key_harmless_for_count);
  g_test_add_func ("/shuffle/schedule", test_schedule);
  g_test_add_func ("/shuffle/hostile", test_hostile);
  g_test_add_func ("/shuffle/picture", test_picture);
  return g_test_run ();
}
