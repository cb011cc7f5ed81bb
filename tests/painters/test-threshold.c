/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "threshold" demo below the GTK line: the metrics of ml/mlr-evaluate on cases worked by
 * hand (scikit-learn's values for the same cases are in the comments; the CLI test compares
 * with scikit-learn itself on hundreds of files), the grouping against a plain sort, Platt
 * scaling's edge cases, the label,score reader's messages, the generated scores, what the
 * state redoes for each key, and the picture: where a press moves the threshold, and that
 * every plot stays on the canvas at every width.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-rng.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-threshold-painter.h"

static MlrScores *
scores_of (const double *s,
           const guint8 *y,
           guint         n)
{
  g_autoptr(GError) error = NULL;
  MlrScores *scores = mlr_scores_new (s, y, n, &error);

  g_assert_no_error (error);
  return scores;
}

/* ---- metrics by hand */

static void
test_hand_example (void)
{
  /* sklearn: roc_auc_score([1,1,0,0], [.8,.4,.4,.2]) = 0.875,
   * average_precision_score = 0.8333333333333333, brier_score_loss = 0.1, log_loss =
   * 0.43261246... */
  const double s[] = { 0.8, 0.4, 0.4, 0.2 };
  const guint8 y[] = { 1, 1, 0, 0 };
  g_autoptr(MlrScores) sc = scores_of (s, y, 4);
  MlrConfusion cm;
  double ll = -(log (0.8) + log (0.4) + log (0.6) + log (0.8)) / 4;

  g_assert_cmpuint (mlr_scores_get_n_groups (sc), ==, 3);
  g_assert_cmpfloat (mlr_scores_auc (sc), ==, 0.875);
  g_assert_cmpfloat_with_epsilon (mlr_scores_average_precision (sc), 0.5 + 0.5 * 2 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_scores_brier (sc), (0.04 + 0.36 + 0.16 + 0.04) / 4, 1e-15);
  g_assert_cmpfloat_with_epsilon (mlr_scores_log_loss (sc), ll, 1e-15);

  /* positive when score >= T: a tie goes in whole */
  mlr_scores_confusion (sc, 0.4, &cm);
  g_assert_cmpuint (cm.tp, ==, 2);
  g_assert_cmpuint (cm.fp, ==, 1);
  g_assert_cmpuint (cm.tn, ==, 1);
  g_assert_cmpuint (cm.fn, ==, 0);
  g_assert_cmpfloat_with_epsilon (mlr_confusion_precision (&cm), 2 / 3.0, 1e-15);
  g_assert_cmpfloat (mlr_confusion_recall (&cm), ==, 1);
  g_assert_cmpfloat_with_epsilon (mlr_confusion_f1 (&cm), 0.8, 1e-15);
  g_assert_cmpfloat (mlr_confusion_fpr (&cm), ==, 0.5);
  mlr_scores_confusion (sc, 0.40000000000000002 + 1e-12, &cm);
  g_assert_cmpuint (cm.tp, ==, 1);

  /* nothing flagged: precision and F1 are 0/0, reported as 0 */
  mlr_scores_confusion (sc, 0.9, &cm);
  g_assert_cmpuint (cm.tp + cm.fp, ==, 0);
  g_assert_cmpfloat (mlr_confusion_precision (&cm), ==, 0);
  g_assert_cmpfloat (mlr_confusion_f1 (&cm), ==, 0);
  g_assert_cmpfloat (mlr_confusion_recall (&cm), ==, 0);
}

/* log loss clips to [ε, 1 − ε]: a certain mistake costs −ln ε, not infinity */
static void
test_log_loss_clips (void)
{
  const double s[] = { 1.0, 0.0 };
  const guint8 y[] = { 0, 1 };
  g_autoptr(MlrScores) sc = scores_of (s, y, 2);

  /* sklearn.metrics.log_loss([0, 1], [1.0, 0.0]) = 36.04365338911715 */
  g_assert_cmpfloat_with_epsilon (mlr_scores_log_loss (sc), 36.04365338911715, 1e-12);
  g_assert_cmpfloat (mlr_scores_auc (sc), ==, 0);
  g_assert_cmpfloat (mlr_scores_brier (sc), ==, 1);
}

/* calibration_curve's bins: (e_b, e_{b+1}], the first with 0 */
static void
test_ece_bins (void)
{
  g_assert_cmpuint (mlr_ece_bin (0.0, 10), ==, 0);
  g_assert_cmpuint (mlr_ece_bin (0.1, 10), ==, 0);
  g_assert_cmpuint (mlr_ece_bin (nextafter (0.1, 1), 10), ==, 1);
  g_assert_cmpuint (mlr_ece_bin (0.3, 10), ==, 2);   /* 3 · 0.1 = 0.30000000000000004 > 0.3 */
  g_assert_cmpuint (mlr_ece_bin (0.30000000000000004, 10), ==, 2);
  g_assert_cmpuint (mlr_ece_bin (nextafter (0.30000000000000004, 1), 10), ==, 3);
  g_assert_cmpuint (mlr_ece_bin (0.5, 10), ==, 4);
  g_assert_cmpuint (mlr_ece_bin (1.0, 10), ==, 9);
  g_assert_cmpuint (mlr_ece_bin (0.7, 1), ==, 0);
  g_assert_cmpuint (mlr_ece_bin (1.0 / 3, 3), ==, 0);
  g_assert_cmpuint (mlr_ece_bin (2.0 / 3, 3), ==, 1);

  {
    /* two bins of 5: |0.2 − 0.2| · 2/4 + |0.8 − 0.5| · 2/4 = 0.15 */
    const double s[] = { 0.1, 0.3, 0.7, 0.9 };
    const guint8 y[] = { 0, 0, 1, 0 };
    g_autoptr(MlrScores) sc = scores_of (s, y, 4);
    double ms[5], ml[5];
    guint count[5];

    g_assert_cmpfloat_with_epsilon (mlr_scores_ece (sc, 2), (0.2 + 0.3) / 2, 1e-15);
    mlr_scores_reliability (sc, 5, ms, ml, count);
    g_assert_cmpuint (count[0], ==, 1);
    g_assert_cmpuint (count[1], ==, 1);
    g_assert_cmpuint (count[2], ==, 0);
    g_assert_cmpuint (count[3], ==, 1);
    g_assert_cmpuint (count[4], ==, 1);
    g_assert_cmpfloat (ml[3], ==, 1);
  }
}

static void
test_refused (void)
{
  const double s[] = { 0.2, 0.7, 0.5 };
  const double bad_s[] = { 0.2, NAN, 0.5 };
  const double high_s[] = { 0.2, 1.5, 0.5 };
  const guint8 y[] = { 0, 1, 0 };
  const guint8 bad_y[] = { 0, 2, 1 };
  const guint8 zeros[] = { 0, 0, 0 };
  GError *error = NULL;

  g_assert_null (mlr_scores_new (s, y, 0, &error));
  g_assert_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (mlr_scores_new (bad_s, y, 3, &error));
  g_assert_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_VALUES);
  g_clear_error (&error);
  g_assert_null (mlr_scores_new (high_s, y, 3, &error));
  g_assert_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_VALUES);
  g_clear_error (&error);
  g_assert_null (mlr_scores_new (s, bad_y, 3, &error));
  g_assert_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_VALUES);
  g_clear_error (&error);
  g_assert_null (mlr_scores_new (s, zeros, 3, &error));
  g_assert_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_ONE_CLASS);
  g_assert_nonnull (strstr (error->message, "every label is 0"));
  g_clear_error (&error);
}

typedef struct {
  double s;
  guint8 y;
} Case;

static int
compare_cases_desc (const void *a,
                    const void *b)
{
  double x = ((const Case *) a)->s, y = ((const Case *) b)->s;
  return x > y ? -1 : x < y;
}

/* The radix sort's groups are a plain sort's, on sizes on both sides of its cut-over, with
 * heavy ties, subnormals, 0, −0 and 1. */
static void
test_groups_match_sort (void)
{
  const guint sizes[] = { 1, 2, 7, 511, 512, 513, 5000, 70000 };
  MlrRng rng;

  mlr_rng_init (&rng, 11);
  for (guint t = 0; t < G_N_ELEMENTS (sizes); t++)
    {
      guint n = sizes[t] < 2 ? 2 : sizes[t];
      g_autofree double *s = g_new (double, n);
      g_autofree guint8 *y = g_new (guint8, n);
      g_autofree Case *cases = g_new (Case, n);
      g_autoptr(MlrScores) sc = NULL;
      guint g = 0, tp = 0, fp = 0;

      for (guint i = 0; i < n; i++)
        {
          double u = mlr_rng_uniform (&rng);
          switch (i % 6)
            {
            case 0: s[i] = round (u * 20) / 20; break;
            case 1: s[i] = u; break;
            case 2: s[i] = i % 12 == 2 ? 0.0 : -0.0; break;
            case 3: s[i] = 1.0; break;
            case 4: s[i] = 4.9e-324 * (1 + mlr_rng_below (&rng, 3)); break;
            default: s[i] = round (u * 1000) / 1000; break;
            }
          y[i] = mlr_rng_below (&rng, 2);
        }
      y[0] = 1;
      y[1] = 0;
      for (guint i = 0; i < n; i++)
        {
          cases[i].s = s[i] + 0.0;
          cases[i].y = y[i];
        }
      qsort (cases, n, sizeof *cases, compare_cases_desc);
      sc = scores_of (s, y, n);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0 && cases[i].s != cases[i - 1].s)
            {
              guint got_tp, got_fp;
              mlr_scores_get_flagged (sc, ++g, &got_tp, &got_fp);
              g_assert_cmpuint (got_tp, ==, tp);
              g_assert_cmpuint (got_fp, ==, fp);
            }
          g_assert_cmpfloat (mlr_scores_get_group_score (sc, g), ==, cases[i].s);
          tp += cases[i].y;
          fp += !cases[i].y;
        }
      g_assert_cmpuint (mlr_scores_get_n_groups (sc), ==, g + 1);
      g_assert_cmpuint (mlr_scores_get_n (sc), ==, n);
    }
}

/* AUC against the pair count it is, on random data with ties. */
static void
test_auc_counts_pairs (void)
{
  MlrRng rng;

  mlr_rng_init (&rng, 5);
  for (guint t = 0; t < 20; t++)
    {
      guint n = 30 + mlr_rng_below (&rng, 60);
      g_autofree double *s = g_new (double, n);
      g_autofree guint8 *y = g_new (guint8, n);
      g_autoptr(MlrScores) sc = NULL;
      double twice = 0, P = 0, N = 0;

      for (guint i = 0; i < n; i++)
        {
          s[i] = mlr_rng_below (&rng, 7) / 6.0;
          y[i] = mlr_rng_below (&rng, 2);
        }
      y[0] = 1;
      y[1] = 0;
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          if (y[i] == 1 && y[j] == 0)
            twice += s[i] > s[j] ? 2 : s[i] == s[j] ? 1 : 0;
      for (guint i = 0; i < n; i++)
        {
          P += y[i];
          N += !y[i];
        }
      sc = scores_of (s, y, n);
      g_assert_cmpfloat (mlr_scores_auc (sc), ==, twice / (2 * P * N));
    }
}

static void
test_cost_optimal (void)
{
  const double s[] = { 0.9, 0.8, 0.6, 0.4, 0.3, 0.1 };
  const guint8 y[] = { 1, 0, 1, 1, 0, 0 };
  g_autoptr(MlrScores) sc = scores_of (s, y, 6);
  double cost;

  /* equal costs: T = 0.4 leaves one false positive and no miss */
  g_assert_cmpfloat (mlr_scores_cost_optimal (sc, 1, 1, &cost), ==, 0.4);
  g_assert_cmpfloat (cost, ==, 1);
  /* false alarms dear: T = 0.9, two misses and no false alarm */
  g_assert_cmpfloat (mlr_scores_cost_optimal (sc, 10, 1, &cost), ==, 0.9);
  g_assert_cmpfloat (cost, ==, 2);
  /* misses dear: nothing missed, fewest false alarms */
  g_assert_cmpfloat (mlr_scores_cost_optimal (sc, 1, 1000, &cost), ==, 0.4);
  /* no cost at all: the highest threshold of equal cost, 1 (nothing flagged) */
  g_assert_cmpfloat (mlr_scores_cost_optimal (sc, 0, 0, &cost), ==, 1.0);
  g_assert_cmpfloat (cost, ==, 0);
  {
    /* the top score a false alarm: flagging nothing (T = 1) is cheapest */
    const double s2[] = { 0.9, 0.8, 0.2 };
    const guint8 y2[] = { 0, 1, 0 };
    g_autoptr(MlrScores) two = scores_of (s2, y2, 3);
    g_assert_cmpfloat (mlr_scores_cost_optimal (two, 10, 1, &cost), ==, 1.0);
    g_assert_cmpfloat (cost, ==, 1);
  }
  {
    /* a score of 1 cannot be left out by a threshold in [0, 1]: flag it */
    const double s1[] = { 1.0, 0.5 };
    const guint8 y1[] = { 0, 1 };
    g_autoptr(MlrScores) one = scores_of (s1, y1, 2);
    g_assert_cmpfloat (mlr_scores_cost_optimal (one, 10, 1, &cost), ==, 0.5);
    g_assert_cmpfloat (cost, ==, 10);
  }
}

static void
test_calibrated_order (void)
{
  const double s[] = { 0.9, 0.8, 0.6, 0.4, 0.3, 0.1 };
  const guint8 y[] = { 0, 0, 1, 0, 1, 1 };
  g_autoptr(MlrScores) sc = scores_of (s, y, 6);
  g_autoptr(MlrScores) flipped = NULL;
  g_autoptr(MlrScores) flat = NULL;
  MlrPlatt platt;
  MlrPlatt zero = { .a = 0, .b = 0.3 };

  /* scores that point the wrong way: Platt's slope is negative and the order reverses */
  mlr_scores_fit_platt (sc, &platt);
  g_assert_true (platt.converged);
  g_assert_cmpfloat (platt.a, <, 0);
  flipped = mlr_scores_new_calibrated (sc, &platt);
  g_assert_cmpfloat_with_epsilon (mlr_scores_auc (flipped), 1 - mlr_scores_auc (sc), 1e-15);
  for (guint g = 1; g < mlr_scores_get_n_groups (flipped); g++)
    g_assert_cmpfloat (mlr_scores_get_group_score (flipped, g), <,
                       mlr_scores_get_group_score (flipped, g - 1));
  /* a flat map merges every score into one */
  flat = mlr_scores_new_calibrated (sc, &zero);
  g_assert_cmpuint (mlr_scores_get_n_groups (flat), ==, 1);
  g_assert_cmpfloat (mlr_scores_auc (flat), ==, 0.5);
}

/* At Platt's optimum the gradient of the smoothed-target loss vanishes. */
static void
test_platt_optimum (void)
{
  MlrRng rng;

  mlr_rng_init (&rng, 3);
  for (guint t = 0; t < 10; t++)
    {
      guint n = 50 + 200 * t;
      g_autofree double *s = g_new (double, n);
      g_autofree guint8 *y = g_new (guint8, n);
      g_autoptr(MlrScores) sc = NULL;
      double P = 0, N, tp, tn, ga = 0, gb = 0;
      MlrPlatt platt;

      for (guint i = 0; i < n; i++)
        {
          y[i] = mlr_rng_uniform (&rng) < 0.3;
          s[i] = 1 / (1 + exp (-(y[i] ? 1.0 : -1.0) - (0.5 + t * 0.3) * mlr_rng_normal (&rng)));
          P += y[i];
        }
      N = n - P;
      tp = (P + 1) / (P + 2);
      tn = 1 / (N + 2);
      sc = scores_of (s, y, n);
      mlr_scores_fit_platt (sc, &platt);
      g_assert_true (platt.converged);
      g_assert_cmpuint (platt.iterations, <, 30);
      for (guint i = 0; i < n; i++)
        {
          double p = mlr_platt_apply (&platt, s[i]);
          double d = p - (y[i] ? tp : tn);
          ga += d * s[i];
          gb += d;
        }
      g_assert_cmpfloat (fabs (ga), <, 1e-7 * n);
      g_assert_cmpfloat (fabs (gb), <, 1e-7 * n);
    }
}

/* ---- the reader */

static const MlrCsvColumn columns[] = {
  { "label", 0, 1, TRUE, "0 or 1" },
  { "score", 0, 1, FALSE, "a score from 0 to 1" },
};

static void
expect_csv_error (const char *text,
                  guint       max_rows,
                  const char *message)
{
  g_autoptr(GError) error = NULL;
  guint n = 99;
  g_autofree double *v = mlr_csv_parse_columns ("s.csv", text, strlen (text), columns, 2,
                                                max_rows, &n, &error);

  g_assert_null (v);
  g_assert_cmpuint (n, ==, 0);
  g_assert_error (error, MLR_CSV_ERROR, error->code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
}

static void
test_reader (void)
{
  const char *good = "# model v2\nscore,id,label\n0.25,a,1\n\n1,b,0\n0,c,1\n";
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autofree double *v = mlr_csv_parse_columns ("s.csv", good, strlen (good), columns, 2, 10,
                                                &n, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  /* row by row, in the order the columns were asked for */
  g_assert_cmpfloat (v[0], ==, 1);
  g_assert_cmpfloat (v[1], ==, 0.25);
  g_assert_cmpfloat (v[2], ==, 0);
  g_assert_cmpfloat (v[3], ==, 1);
  g_assert_cmpfloat (v[5], ==, 0);

  expect_csv_error ("", 10, "s.csv:1: the file is empty (expected the header line label,score)");
  expect_csv_error ("label,score\n", 10, "s.csv:2: no data rows after the header");
  expect_csv_error ("label,p\n1,0\n", 10, "s.csv:1: the header has no “score” column");
  expect_csv_error ("label,score,label\n", 10, "s.csv:1: the header names the column “label” "
                    "twice");
  expect_csv_error ("1,0.5\n", 10, "s.csv:1: expected the header line label,score, found data");
  expect_csv_error ("label,score\n1,0.5\n3,0.5\n", 10, "s.csv:3: label: “3” is not 0 or 1");
  expect_csv_error ("label,score\n1,-0\n1,2\n", 10, "s.csv:3: score: “2” is not a score from 0 "
                    "to 1");
  expect_csv_error ("label,score\n1,NaN\n", 10, "s.csv:2: score: “NaN” is not a finite number");
  expect_csv_error ("label,score\n1,1e999\n", 10, "s.csv:2: score: “1e999” is not a score");
  expect_csv_error ("label,score\n,0.5\n", 10, "s.csv:2: label is empty (expected 0 or 1)");
  expect_csv_error ("label,score\n1\n", 10, "s.csv:2: expected 2 comma-separated fields");
  expect_csv_error ("label,score\n1,0.5\n0,0.5\n1,0.5\n", 2, "s.csv:4: more than 2 data rows "
                    "(the limit)");
}

/* ---- the state */

static MlrThresholdState *
state_with (const char *first,
            ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("threshold"));
  va_list ap;

  va_start (ap, first);
  for (const char *kv = first; kv != NULL; kv = va_arg (ap, const char *))
    g_assert_true (mlr_params_parse_assignment (params, kv, NULL));
  va_end (ap);
  return mlr_threshold_state_new (params, NULL);
}

/* Exactly round(n · share) positives; each class's log-odds N(±separation/2, spread²). */
static void
test_generator (void)
{
  g_autoptr(MlrThresholdState) state = state_with ("n=20000", "positives=0.3", "separation=3",
                                                   "spread=1.5", "seed=4", NULL);
  const MlrScores *s = mlr_threshold_state_get_raw_scores (state);
  double sum[2] = { 0 }, sq[2] = { 0 }, cnt[2] = { 0 };

  g_assert_cmpuint (mlr_scores_get_n (s), ==, 20000);
  g_assert_cmpuint (mlr_scores_get_n_positive (s), ==, 6000);
  for (guint g = 0; g < mlr_scores_get_n_groups (s); g++)
    {
      double p = mlr_scores_get_group_score (s, g);
      double z = log (p / (1 - p));
      guint tp0, fp0, tp1, fp1;

      mlr_scores_get_flagged (s, g, &tp0, &fp0);
      mlr_scores_get_flagged (s, g + 1, &tp1, &fp1);
      sum[1] += (tp1 - tp0) * z;
      sq[1] += (tp1 - tp0) * z * z;
      cnt[1] += tp1 - tp0;
      sum[0] += (fp1 - fp0) * z;
      sq[0] += (fp1 - fp0) * z * z;
      cnt[0] += fp1 - fp0;
    }
  for (guint c = 0; c < 2; c++)
    {
      double mean = sum[c] / cnt[c];
      double sd = sqrt (sq[c] / cnt[c] - mean * mean);
      /* four standard errors */
      g_assert_cmpfloat (fabs (mean - (c ? 1.5 : -1.5)), <, 4 * 1.5 / sqrt (cnt[c]));
      g_assert_cmpfloat (fabs (sd - 1.5), <, 4 * 1.5 / sqrt (2 * cnt[c]));
    }
  /* the theory: AUC = Φ(separation / (spread √2)) = Φ(1.414) = 0.9214 */
  g_assert_cmpfloat (fabs (mlr_threshold_state_get_auc (state) - 0.92135), <, 0.01);
}

static void
collect_cb (const char *name,
            GVariant   *value,
            gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strdup (name), g_variant_ref_sink (value));
}

static double
metric (MlrThresholdState *state,
        const char        *name)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_variant_unref);
  GVariant *v;

  mlr_threshold_state_collect_metrics (state, collect_cb, values);
  g_assert_cmpuint (g_hash_table_size (values), ==, 9);
  v = g_hash_table_lookup (values, name);
  g_assert_nonnull (v);
  return g_variant_get_double (v);
}

static void
apply (MlrThresholdState *state,
       MlrParams         *params,
       const char        *key,
       const char        *value)
{
  g_assert_true (mlr_params_set (params, key, value, NULL));
  g_assert_true (mlr_threshold_state_apply_param (state, params, key, NULL));
}

/* What the state reports is what the evaluation functions say of the scores in use; each key
 * changes what it should. */
static void
test_state (void)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("threshold"));
  g_autoptr(MlrThresholdState) state = mlr_threshold_state_new (params, NULL);
  const MlrScores *raw = mlr_threshold_state_get_raw_scores (state);
  const MlrScores *before = raw;
  MlrConfusion cm;
  double auc = metric (state, "auc");

  g_assert_cmpfloat (auc, ==, mlr_scores_auc (raw));
  g_assert_cmpfloat (metric (state, "average_precision"), ==, mlr_scores_average_precision (raw));
  g_assert_cmpfloat (metric (state, "brier"), ==, mlr_scores_brier (raw));
  g_assert_cmpfloat (metric (state, "log_loss"), ==, mlr_scores_log_loss (raw));
  g_assert_cmpfloat (metric (state, "ece"), ==, mlr_scores_ece (raw, 10));
  mlr_scores_confusion (raw, 0.5, &cm);
  g_assert_cmpfloat (metric (state, "precision"), ==, mlr_confusion_precision (&cm));
  g_assert_cmpfloat (metric (state, "recall"), ==, mlr_confusion_recall (&cm));
  g_assert_cmpfloat (metric (state, "f1"), ==, mlr_confusion_f1 (&cm));
  g_assert_cmpfloat (metric (state, "fpr"), ==, mlr_confusion_fpr (&cm));

  /* the threshold moves the matrix and nothing else */
  apply (state, params, "threshold", "0.3");
  g_assert_true (mlr_threshold_state_get_raw_scores (state) == before);
  mlr_scores_confusion (raw, 0.3, &cm);
  g_assert_cmpfloat (metric (state, "recall"), ==, mlr_confusion_recall (&cm));
  g_assert_cmpfloat (metric (state, "auc"), ==, auc);

  /* costs move the optimum */
  apply (state, params, "cost_fn", "20");
  g_assert_cmpfloat (mlr_threshold_state_get_optimal (state, NULL), ==,
                     mlr_scores_cost_optimal (raw, 1, 20, NULL));
  /* bins, the ECE */
  apply (state, params, "bins", "4");
  g_assert_cmpfloat (metric (state, "ece"), ==, mlr_scores_ece (raw, 4));

  /* Platt scaling: the same ranking, better calibration (these scores are underconfident) */
  apply (state, params, "calibrate", "true");
  g_assert_cmpfloat_with_epsilon (metric (state, "auc"), auc, 1e-12);
  g_assert_cmpfloat (metric (state, "ece"), <, mlr_scores_ece (raw, 4) / 2);
  g_assert_cmpfloat (metric (state, "log_loss"), <, mlr_scores_log_loss (raw));
  g_assert_cmpfloat (metric (state, "ece"), ==,
                     mlr_scores_ece (mlr_threshold_state_get_scores (state), 4));

  /* a generator key draws new scores */
  apply (state, params, "seed", "2");
  g_assert_cmpfloat (metric (state, "auc"), !=, auc);
}

static void
test_imported (void)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("threshold"));
  g_autoptr(MlrThresholdState) state = mlr_threshold_state_new (params, NULL);
  const double s[] = { 0.9, 0.2, 0.6, 0.4 };
  const guint8 y[] = { 1, 0, 0, 1 };
  const guint8 ones[] = { 1, 1, 1, 1 };
  g_autoptr(GError) error = NULL;

  g_assert_true (mlr_threshold_state_param_relevant (state, "separation"));
  g_assert_null (mlr_threshold_state_get_source_name (state));
  /* one class: refused, the scores stay */
  g_assert_false (mlr_threshold_state_set_scores (state, s, ones, 4, "x.csv", &error));
  g_assert_error (error, MLR_EVALUATE_ERROR, MLR_EVALUATE_ERROR_ONE_CLASS);
  g_assert_cmpuint (mlr_scores_get_n (mlr_threshold_state_get_scores (state)), ==, 1000);

  g_assert_true (mlr_threshold_state_set_scores (state, s, y, 4, "x.csv", NULL));
  g_assert_cmpstr (mlr_threshold_state_get_source_name (state), ==, "x.csv");
  g_assert_false (mlr_threshold_state_param_relevant (state, "separation"));
  g_assert_true (mlr_threshold_state_param_relevant (state, "threshold"));
  g_assert_cmpfloat (metric (state, "auc"), ==, 0.75);
  /* threshold 0.5: 0.9 and 0.6 flagged, one of each */
  g_assert_cmpfloat (metric (state, "precision"), ==, 0.5);
  g_assert_true (mlr_threshold_state_use_generated (state));
  g_assert_null (mlr_threshold_state_get_source_name (state));
  g_assert_false (mlr_threshold_state_use_generated (state));
}

/* ---- the picture */

static void
test_pick (void)
{
  g_autoptr(MlrThresholdState) state = state_with ("n=300", NULL);
  const MlrScores *s = mlr_threshold_state_get_scores (state);
  const int widths[] = { 1280, 740, 480 };
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      int height = mlr_threshold_painter_preferred_height (widths[w]);
      MlrThresholdLayout L;
      double t;
      guint P = mlr_scores_get_n_positive (s), N = mlr_scores_get_n_negative (s);

      mlr_threshold_painter_layout (widths[w], height, &palette, state, &L);
      /* the histogram: the score under the pointer */
      g_assert_cmpint (mlr_threshold_painter_pick (&L, state, mlr_plot_x (&L.hist, 0.25),
                                                   L.hist.y0 + 10, &t), ==,
                       MLR_THRESHOLD_PICK_HISTOGRAM);
      g_assert_cmpfloat_with_epsilon (t, 0.25, 1e-9);
      g_assert_cmpint (mlr_threshold_painter_pick (&L, state, L.hist.x0 - 5, L.hist.y0 + 10, &t),
                       ==, MLR_THRESHOLD_PICK_HISTOGRAM);
      g_assert_cmpfloat (t, ==, 0);
      /* a point of each curve gives its group's threshold back */
      for (guint k = 1; k <= mlr_scores_get_n_groups (s); k += 37)
        {
          guint tp, fp;
          mlr_scores_get_flagged (s, k, &tp, &fp);
          g_assert_cmpint (mlr_threshold_painter_pick (&L, state,
                                                       mlr_plot_x (&L.roc, (double) fp / N),
                                                       mlr_plot_y (&L.roc, (double) tp / P), &t),
                           ==, MLR_THRESHOLD_PICK_ROC);
          g_assert_cmpuint (mlr_scores_count_at_or_above (s, t), ==, k);
          g_assert_cmpint (mlr_threshold_painter_pick (&L, state,
                                                       mlr_plot_x (&L.pr, (double) tp / P),
                                                       mlr_plot_y (&L.pr, (double) tp / (tp + fp)),
                                                       &t), ==, MLR_THRESHOLD_PICK_PR);
          g_assert_cmpuint (mlr_scores_count_at_or_above (s, t), ==, k);
        }
      /* between the plots: nothing */
      g_assert_cmpint (mlr_threshold_painter_pick (&L, state, L.roc.x0 + L.roc.w + 6,
                                                   L.roc.y0 - 30, &t), ==,
                       MLR_THRESHOLD_PICK_NONE);
    }
}

static gboolean
inside_canvas (const MlrPlot *p,
               int            width,
               int            height)
{
  return p->x0 >= 0 && p->y0 >= 0 && p->x0 + p->w <= width && p->y0 + p->h <= height &&
         p->w >= 40 && p->h >= 40;
}

static gboolean
apart (const MlrPlot *a,
       const MlrPlot *b)
{
  return a->x0 + a->w <= b->x0 || b->x0 + b->w <= a->x0 || a->y0 + a->h <= b->y0 ||
         b->y0 + b->h <= a->y0;
}

/* Every width from a phone's to a wide window: the plots fit and do not overlap. */
static void
test_layout_fits (void)
{
  g_autoptr(MlrThresholdState) state = state_with (NULL);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  for (int width = 320; width <= 1800; width += 20)
    {
      int height = mlr_threshold_painter_preferred_height (width);
      MlrThresholdLayout L;
      const MlrPlot *plots[] = { &L.hist, &L.roc, &L.pr, &L.rel };

      g_test_message ("%d x %d", width, height);
      mlr_threshold_painter_layout (width, height, &palette, state, &L);
      for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
        {
          g_assert_true (inside_canvas (plots[i], width, height));
          for (guint j = 0; j < i; j++)
            g_assert_true (apart (plots[i], plots[j]));
        }
      g_assert_true (L.cm_x + L.cm_w <= width && L.cm_y + L.cm_h <= height);
      /* the square plots are square */
      g_assert_cmpfloat (L.roc.w, ==, L.roc.h);
      g_assert_cmpfloat (L.rel.w, ==, L.rel.h);
    }
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4) &
         0xffffff;
}

/* The threshold line is where the threshold is, in the foreground colour; the curve's
 * current point is there too. */
static void
test_picture (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autoptr(MlrThresholdState) state = state_with ("threshold=0.3", NULL);
      int width = 1280, height = 800;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_t *cr = cairo_create (surface);
      MlrPalette palette;
      MlrThresholdLayout L;
      MlrConfusion cm;
      guint32 fg, got;
      int x, y;

      mlr_palette_init_default (&palette, dark);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      mlr_threshold_painter_draw (cr, width, height, &palette, state, NULL, 1);
      cairo_surface_flush (surface);
      mlr_threshold_painter_layout (width, height, &palette, state, &L);

      /* the foreground over the background, as the line is drawn */
      cairo_set_source_rgb (cr, palette.background.r, palette.background.g, palette.background.b);
      cairo_rectangle (cr, 0, 0, 1, 1);
      cairo_fill (cr);
      mlr_cairo_set_color (cr, &palette.foreground);
      cairo_rectangle (cr, 0, 0, 1, 1);
      cairo_fill (cr);
      cairo_surface_flush (surface);
      fg = pixel (surface, 0, 0);

      /* the handle above the plot, over the background */
      x = (int) round (mlr_plot_x (&L.hist, 0.3));
      g_assert_cmphex (pixel (surface, x, (int) L.hist.y0 - 6), ==, fg);
      /* and the line down to the axis, over the histograms: the foreground blended */
      got = pixel (surface, x, (int) (L.hist.y0 + L.hist.h - 3));
      g_assert_cmpint (abs ((int) (got & 0xff) - (int) (fg & 0xff)), <, 60);
      g_assert_cmpint (abs ((int) ((got >> 8) & 0xff) - (int) ((fg >> 8) & 0xff)), <, 60);

      /* the current point on the ROC curve: a dot of the foreground colour */
      mlr_threshold_state_get_confusion (state, &cm);
      x = (int) round (mlr_plot_x (&L.roc, (double) cm.fp / (cm.fp + cm.tn)));
      y = (int) round (mlr_plot_y (&L.roc, (double) cm.tp / (cm.tp + cm.fn)));
      g_assert_cmphex (pixel (surface, x, y), ==, fg);

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* On narrow canvases the matrix, its rates and the costs stay in their panel: nothing that
 * moves with the threshold is drawn between the panel's bottom and the ROC and
 * precision–recall plots under it, where their titles are (at 360 px the rates went under
 * the matrix and the cost lines ran into the ROC title). */
static void
test_narrow_panel_clear (void)
{
  for (int width = 320; width < 640; width += 20)
    {
      int height = mlr_threshold_painter_preferred_height (width);
      cairo_surface_t *surface[2];
      MlrPalette palette;
      MlrThresholdLayout L;
      int differ = 0, y0, y1;

      mlr_palette_init_default (&palette, FALSE);
      for (guint k = 0; k < 2; k++)
        {
          g_autoptr(MlrThresholdState) state = state_with (k ? "threshold=0.62" : "threshold=0.3",
                                                           NULL);
          cairo_t *cr;

          surface[k] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
          cr = cairo_create (surface[k]);
          mlr_cairo_set_color (cr, &palette.background);
          cairo_paint (cr);
          mlr_threshold_painter_draw (cr, width, height, &palette, state, NULL, 1);
          cairo_surface_flush (surface[k]);
          cairo_destroy (cr);
          if (k == 0)
            mlr_threshold_painter_layout (width, height, &palette, state, &L);
        }
      g_assert_true (L.narrow);
      /* to just above the plots, clear of the current points' markers at their top edge */
      y0 = (int) (L.cm_y + L.cm_h);
      y1 = (int) MIN (L.roc.y0, L.pr.y0) - 8;
      g_assert_cmpint (y1 - y0, >, 20);
      for (int y = y0; y < y1; y++)
        for (int x = 0; x < width; x++)
          differ += pixel (surface[0], x, y) != pixel (surface[1], x, y);
      g_test_message ("%d px wide: %d pixels under the panel change with the threshold", width,
                      differ);
      g_assert_cmpint (differ, ==, 0);
      cairo_surface_destroy (surface[0]);
      cairo_surface_destroy (surface[1]);
    }
}

static cairo_surface_t *
paint (MlrThresholdState        *state,
       MlrThresholdPainterCache *cache,
       int                       width,
       int                       height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;

  mlr_palette_init_default (&palette, FALSE);
  mlr_cairo_set_color (cr, &palette.background);
  cairo_paint (cr);
  mlr_threshold_painter_draw (cr, width, height, &palette, state, cache, 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels that differ by more than @tolerance in a channel. */
static guint
differing (cairo_surface_t *a,
           cairo_surface_t *b,
           int              tolerance)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = pixel (a, x, y), q = pixel (b, x, y);
        for (int c = 0; c < 24; c += 8)
          if (abs ((int) ((p >> c) & 0xff) - (int) ((q >> c) & 0xff)) > tolerance)
            {
              n++;
              break;
            }
      }
  return n;
}

/* The cached still layer gives the picture painted in one go; a drag of the threshold or a
 * change of cost reuses it; new scores, bins or Platt scaling repaint it. */
static void
test_cache (void)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("threshold"));
  g_autoptr(MlrThresholdState) state = mlr_threshold_state_new (params, NULL);
  g_autoptr(MlrThresholdPainterCache) cache = mlr_threshold_painter_cache_new ();
  const char *steps[][2] = {
    { "threshold", "0.3" }, { "cost_fn", "4" }, { "threshold", "0.71" },
    { "bins", "7" }, { "calibrate", "true" }, { "separation", "1" },
  };
  const guint builds_after[] = { 1, 1, 1, 2, 3, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      cairo_surface_t *direct, *cached;

      apply (state, params, steps[i][0], steps[i][1]);
      direct = paint (state, NULL, 1000, 700);
      cached = paint (state, cache, 1000, 700);
      g_test_message ("%s=%s: %u pixels differ", steps[i][0], steps[i][1],
                      differing (direct, cached, 0));
      /* text on a transparent layer is blended once more: a shade apart at most */
      g_assert_cmpuint (differing (direct, cached, 40), ==, 0);
      g_assert_cmpuint (mlr_threshold_painter_cache_get_builds (cache), ==, builds_after[i]);
      cairo_surface_destroy (direct);
      cairo_surface_destroy (cached);
    }
}

static void
test_formats (void)
{
  const struct { double t; const char *text; } cases[] = {
    { 0.5, "0.500" }, { 0.41723, "0.417" }, { 0.99987, "0.9999" }, { 1, "1.000" },
    { 0, "0.000" }, { 0.0002, "0.0002" }, { 1 - 1e-12, "0.999999999999" },
    { 1 - 1e-16, "0.9999999999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mlr_threshold_format_threshold (cases[i].t);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *a = mlr_threshold_format_count (100000);
    g_autofree char *b = mlr_threshold_format_count (999);
    g_assert_cmpstr (a, ==, "100,000");
    g_assert_cmpstr (b, ==, "999");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/ml/evaluate/hand-example", test_hand_example);
  g_test_add_func ("/ml/evaluate/log-loss-clips", test_log_loss_clips);
  g_test_add_func ("/ml/evaluate/ece-bins", test_ece_bins);
  g_test_add_func ("/ml/evaluate/refused", test_refused);
  g_test_add_func ("/ml/evaluate/groups-match-sort", test_groups_match_sort);
  g_test_add_func ("/ml/evaluate/auc-counts-pairs", test_auc_counts_pairs);
  g_test_add_func ("/ml/evaluate/cost-optimal", test_cost_optimal);
  g_test_add_func ("/ml/evaluate/calibrated-order", test_calibrated_order);
  g_test_add_func ("/ml/evaluate/platt-optimum", test_platt_optimum);
  g_test_add_func ("/ml/csv/columns", test_reader);
  g_test_add_func ("/ml/threshold/generator", test_generator);
  g_test_add_func ("/ml/threshold/state", test_state);
  g_test_add_func ("/ml/threshold/imported", test_imported);
  g_test_add_func ("/painters/threshold/pick", test_pick);
  g_test_add_func ("/painters/threshold/layout-fits", test_layout_fits);
  g_test_add_func ("/painters/threshold/picture", test_picture);
  g_test_add_func ("/painters/threshold/narrow-panel-clear", test_narrow_panel_clear);
  g_test_add_func ("/painters/threshold/cache", test_cache);
  g_test_add_func ("/painters/threshold/formats", test_formats);
  return g_test_run ();
}
