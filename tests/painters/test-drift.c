/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "drift" demo's state and picture: every week's PSI, KS statistic and accuracy
 * recomputed from its sample (against the reference in force, the model's threshold); the
 * stump fit against brute force; the two stories the demo tells (a covariate shift that
 * raises PSI while accuracy holds, a concept drift that drops accuracy while PSI stays flat);
 * retraining that resets the reference; one seed, one picture; the largest setting bounded in
 * time; a key changed in place equal to a new state; and a picture at several sizes, light
 * and dark.
 */
#include "config.h"

#include <math.h>

#include "ml/mlr-rng.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-drift-painter.h"

static MlrDriftState *
state_with (const char *first,
            ...)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("drift"));
  va_list ap;

  va_start (ap, first);
  for (const char *key = first; key != NULL; key = va_arg (ap, const char *))
    g_assert_true (mlr_params_set (params, key, va_arg (ap, const char *), NULL));
  va_end (ap);
  return mlr_drift_state_new (params, NULL);
}

/* Each week's numbers from its own sample and the reference in force. */
static void
check_weeks (MlrDriftState *s)
{
  guint weeks = mlr_drift_state_get_weeks (s), retrain = mlr_drift_state_get_retrain (s);

  for (guint w = 0; w <= weeks; w++)
    {
      guint ref = retrain > 0 && w >= retrain ? retrain : 0, n;
      const double *x = mlr_drift_state_get_sample (s, w, &n);
      const double *r = mlr_drift_state_get_sample (s, ref, &n);
      const MlrDriftWeek *wk = mlr_drift_state_get_week (s, w);

      for (guint i = 1; i < n; i++)
        g_assert_cmpfloat (x[i - 1], <=, x[i]);
      g_assert_cmpfloat_with_epsilon (wk->psi, mlr_drift_psi (r, n, x, n, MLR_DRIFT_BINS),
                                      1e-12);
      g_assert_cmpfloat (wk->ks_statistic, ==, mlr_drift_ks_statistic (r, n, x, n));
      g_assert_cmpfloat (wk->accuracy, >=, 0);
      g_assert_cmpfloat (wk->accuracy, <=, 1);
      g_assert_true (isfinite (wk->threshold));
      if (w == ref)
        {
          g_assert_cmpfloat (wk->psi, ==, 0);
          g_assert_cmpfloat (wk->ks_statistic, ==, 0);
          g_assert_cmpuint (wk->alarms & (MLR_DRIFT_ALARM_PSI | MLR_DRIFT_ALARM_KS), ==, 0);
        }
    }
}

static void
test_weeks_recomputed (void)
{
  g_autoptr(MlrDriftState) a = state_with (NULL, NULL);
  g_autoptr(MlrDriftState) b = state_with ("concept_shift", "2", "spread", "0.5", "mix",
                                           "0.3", "retrain", "7", "n", "123", "weeks", "9",
                                           NULL);
  g_autoptr(MlrDriftState) c = state_with ("retrain", "40", "weeks", "5", NULL);

  check_weeks (a);
  check_weeks (b);
  check_weeks (c);
  /* a retraining after the last week is the last week */
  g_assert_cmpuint (mlr_drift_state_get_retrain (c), ==, 5);
}

/* The stump against every cut, on random labelled data with ties. */
static void
test_stump_brute_force (void)
{
  MlrRng rng;

  mlr_rng_init (&rng, 5);
  for (guint trial = 0; trial < 200; trial++)
    {
      guint n = 1 + mlr_rng_below (&rng, 60), best = 0;
      double x[60], acc, t;
      guint8 y[60];

      for (guint i = 0; i < n; i++)
        x[i] = floor (mlr_rng_normal (&rng) * 3) / 2;
      mlr_drift_sort (x, n);
      for (guint i = 0; i < n; i++)
        y[i] = mlr_rng_uniform (&rng) < 1 / (1 + exp (-2 * x[i]));
      t = mlr_drift_fit_stump (x, y, n, &acc);
      /* brute force over thresholds at every value and below the least */
      for (guint j = 0; j <= n; j++)
        {
          double cut = j == 0 ? x[0] - 1 : x[j - 1];
          guint right = 0;
          for (guint i = 0; i < n; i++)
            right += (x[i] > cut) == y[i];
          best = MAX (best, right);
        }
      g_assert_cmpfloat_with_epsilon (acc, (double) best / n, 1e-12);
      {
        guint right = 0;
        for (guint i = 0; i < n; i++)
          right += (x[i] > t) == y[i];
        g_assert_cmpuint (right, ==, best);
      }
    }
}

/* Covariate shift: PSI and KS alarm, accuracy does not fall (the rule of x is unchanged and
 * the mass moves away from the boundary). Concept drift: x unchanged, so PSI and KS are
 * exactly those of no shift at all, and accuracy falls. */
static void
test_covariate_and_concept (void)
{
  g_autoptr(MlrDriftState) none = state_with ("mean_shift", "0", NULL);
  g_autoptr(MlrDriftState) cov = state_with ("mean_shift", "1.5", NULL);
  g_autoptr(MlrDriftState) concept = state_with ("mean_shift", "0", "concept_shift", "1.5",
                                                 NULL);
  const MlrDriftWeek *n12 = mlr_drift_state_get_week (none, 12);
  const MlrDriftWeek *c12 = mlr_drift_state_get_week (cov, 12);
  const MlrDriftWeek *k12 = mlr_drift_state_get_week (concept, 12);
  const MlrDriftWeek *ref = mlr_drift_state_get_week (cov, 0);

  g_assert_cmpfloat (n12->psi, <, 0.1);
  g_assert_cmpfloat (c12->psi, >, 1);
  g_assert_cmpfloat (c12->ks_statistic, >, 0.4);
  g_assert_cmpfloat (c12->accuracy, >=, ref->accuracy);
  g_assert_cmpfloat (k12->psi, ==, n12->psi);
  g_assert_cmpfloat (k12->ks_statistic, ==, n12->ks_statistic);
  g_assert_cmpfloat (k12->accuracy, <, 0.7);
  g_assert_cmpuint (k12->alarms, ==, MLR_DRIFT_ALARM_ACCURACY);
  g_assert_cmpfloat (k12->boundary, ==, 1.5);
  /* the numbers content/lessons/mlops-pipelines.xml's caption states (mean_shift 1.5, 12
   * weeks of 500; then mean_shift 0, concept_shift 1.5): keep them in step */
  g_assert_cmpfloat (fabs (c12->psi - 2.14), <, 0.005);
  g_assert_cmpfloat (fabs (c12->ks_statistic - 0.568), <, 0.0005);
  g_assert_cmpfloat (fabs (c12->accuracy - 0.964), <, 0.0005);
  g_assert_cmpfloat (c12->accuracy, >, ref->accuracy);
  g_assert_cmpuint (mlr_drift_state_first_alarm (cov), ==, 3);
  g_assert_cmpuint (mlr_drift_state_get_week (cov, 3)->alarms, ==, MLR_DRIFT_ALARM_KS);
  g_assert_cmpuint (mlr_drift_state_get_week (cov, 4)->alarms & MLR_DRIFT_ALARM_PSI, ==, 0);
  for (guint w = 5; w <= 12; w++)
    g_assert_cmpuint (mlr_drift_state_get_week (cov, w)->alarms & MLR_DRIFT_ALARM_PSI, !=, 0);
  g_assert_cmpfloat (fabs (k12->psi - 0.018), <, 0.0005);
  g_assert_cmpfloat (fabs (k12->accuracy - 0.592), <, 0.0005);

  g_test_message ("caption: cov psi %.3f ks %.3f acc %.3f first alarm %u; concept psi %.3f "
                  "acc %.3f; none acc %.3f", c12->psi, c12->ks_statistic, c12->accuracy,
                  mlr_drift_state_first_alarm (cov), k12->psi, k12->accuracy, n12->accuracy);
  for (guint w = 1; w <= 12; w++)
    g_test_message ("week %u: psi %.3f ks %.3f acc %.3f alarms %u", w,
                    mlr_drift_state_get_week (cov, w)->psi,
                    mlr_drift_state_get_week (cov, w)->ks_statistic,
                    mlr_drift_state_get_week (cov, w)->accuracy,
                    mlr_drift_state_get_week (cov, w)->alarms);
}

/* Retraining on the week of a concept drift brings the accuracy back. */
static void
test_retrain (void)
{
  g_autoptr(MlrDriftState) before = state_with ("mean_shift", "0", "concept_shift", "2",
                                                NULL);
  g_autoptr(MlrDriftState) after = state_with ("mean_shift", "0", "concept_shift", "2",
                                               "retrain", "11", NULL);
  const MlrDriftWeek *b12 = mlr_drift_state_get_week (before, 12);
  const MlrDriftWeek *a12 = mlr_drift_state_get_week (after, 12);

  g_assert_cmpfloat (a12->accuracy, >, b12->accuracy + 0.2);
  g_assert_cmpfloat (fabs (a12->threshold - 2 * 11 / 12.0), <, 0.3);
  g_assert_cmpfloat (mlr_drift_state_get_week (after, 11)->psi, ==, 0);
  /* weeks before the retraining are untouched */
  for (guint w = 0; w < 11; w++)
    g_assert_cmpfloat (mlr_drift_state_get_week (after, w)->accuracy, ==,
                       mlr_drift_state_get_week (before, w)->accuracy);
}

static void
test_seeded_and_bounded (void)
{
  g_autoptr(MlrDriftState) a = state_with ("seed", "42", NULL);
  g_autoptr(MlrDriftState) b = state_with ("seed", "42", NULL);
  g_autoptr(MlrDriftState) c = state_with ("seed", "43", NULL);
  gint64 t0;

  for (guint w = 0; w <= 12; w++)
    g_assert_cmpmem (mlr_drift_state_get_week (a, w), sizeof (MlrDriftWeek),
                     mlr_drift_state_get_week (b, w), sizeof (MlrDriftWeek));
  g_assert_cmpfloat (mlr_drift_state_get_week (a, 12)->psi, !=,
                     mlr_drift_state_get_week (c, 12)->psi);
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(MlrDriftState) big = state_with ("weeks", "52", "n", "5000", "spread", "4",
                                               "mix", "1", NULL);
    check_weeks (big);
  }
  g_test_message ("52 weeks of 5000: %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
}

/* Changing one key in place (what the widget does while a slider moves) ends where a new
 * state for the same parameters does, key after key, the window size and seed included. */
static void
test_apply_matches_new (void)
{
  static const char * const steps[][2] = {
    { "mean_shift", "-2.5" }, { "spread", "3" }, { "mix", "0.4" }, { "concept_shift", "1" },
    { "retrain", "8" }, { "psi_alarm", "0.5" }, { "n", "777" }, { "weeks", "20" },
    { "seed", "9" }, { "spread", "0.25" }, { "retrain", "0" }, { "weeks", "4" },
  };
  const MlrDemoKind *kind = mlr_demo_registry_lookup ("drift");
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (kind);
  g_autoptr(MlrDriftState) live = mlr_drift_state_new (params, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(MlrDriftState) fresh = NULL;
      guint n_live, n_fresh;

      g_assert_true (mlr_params_set (params, steps[i][0], steps[i][1], NULL));
      g_assert_true (mlr_drift_state_apply_param (live, params, steps[i][0], NULL));
      fresh = mlr_drift_state_new (params, NULL);
      g_assert_cmpuint (mlr_drift_state_get_weeks (live), ==, mlr_drift_state_get_weeks (fresh));
      for (guint w = 0; w <= mlr_drift_state_get_weeks (fresh); w++)
        {
          const double *a = mlr_drift_state_get_sample (live, w, &n_live);
          const double *b = mlr_drift_state_get_sample (fresh, w, &n_fresh);
          g_assert_cmpuint (n_live, ==, n_fresh);
          g_assert_cmpmem (a, n_live * sizeof (double), b, n_fresh * sizeof (double));
          g_assert_cmpmem (mlr_drift_state_get_week (live, w), sizeof (MlrDriftWeek),
                           mlr_drift_state_get_week (fresh, w), sizeof (MlrDriftWeek));
        }
      check_weeks (live);
    }
}

/* Painted at several sizes, light and dark: something is drawn, nothing errs. */
static void
test_picture (void)
{
  static const int sizes[][2] = { { 1280, 800 }, { 740, 420 }, { 480, 900 }, { 200, 150 } };
  g_autoptr(MlrDriftState) s = state_with ("retrain", "5", "concept_shift", "1", NULL);

  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                               sizes[i][0], sizes[i][1]);
        cairo_t *cr = cairo_create (surface);
        MlrPalette palette;
        const guint8 *data;
        guint32 bg;
        gsize changed = 0;

        mlr_palette_init_default (&palette, dark);
        mlr_cairo_set_color (cr, &palette.background);
        cairo_paint (cr);
        cairo_surface_flush (surface);
        bg = *(const guint32 *) cairo_image_surface_get_data (surface);
        mlr_drift_painter_draw (cr, sizes[i][0], sizes[i][1], &palette, s);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_flush (surface);
        data = cairo_image_surface_get_data (surface);
        for (int y = 0; y < sizes[i][1]; y++)
          for (int x = 0; x < sizes[i][0]; x++)
            changed += *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) +
                                           x * 4) != bg;
        g_assert_cmpuint (changed, >, (gsize) sizes[i][0] * sizes[i][1] / 50);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/drift/weeks-recomputed", test_weeks_recomputed);
  g_test_add_func ("/painters/drift/stump-brute-force", test_stump_brute_force);
  g_test_add_func ("/painters/drift/covariate-and-concept", test_covariate_and_concept);
  g_test_add_func ("/painters/drift/retrain", test_retrain);
  g_test_add_func ("/painters/drift/seeded-and-bounded", test_seeded_and_bounded);
  g_test_add_func ("/painters/drift/apply-matches-new", test_apply_matches_new);
  g_test_add_func ("/painters/drift/picture", test_picture);
  return g_test_run ();
}
