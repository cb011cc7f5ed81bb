/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-stats against values computed with mpmath at 50 digits (the distributions), against
 * brute force (the smallest n for 80% power), and its refusals; then the "ab-test" state:
 * the clamp of a changed rate, the refused combination, the work bound, a simulation that is
 * reproducible, cancellable and installed only for its own parameters. SciPy comparisons on
 * many more inputs are in tests/cli/test-cli-abtest.py.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ml/mlr-abtest-state.h"
#include "ml/mlr-stats.h"
#include "painters/mlr-demo-registry.h"

static void
assert_rel (double got,
            double want,
            double tol)
{
  if (!(fabs (got - want) <= tol * fabs (want)))
    g_error ("got %.17g, want %.17g (relative error %.3g, tolerance %.3g)", got, want,
             fabs (got - want) / fabs (want), tol);
}

static void
test_normal (void)
{
  static const struct { double p, z; } quantiles[] = {
    { 0.025, -1.9599639845400542118 }, { 1e-10, -6.3613409024040561991 },
    { 0.3, -0.52440051270804081597 }, { 0.999, 3.0902323061678132778 },
    { 1e-300, -37.047096299361199237 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    assert_rel (mlr_normal_quantile (quantiles[i].p), quantiles[i].z, 2e-15);
  /* far out the rounding of x/√2 is amplified by the tail's slope: about 1e-16 x² */
  assert_rel (mlr_normal_cdf (-30), 4.9067139271481870595e-198, 3e-13);
  assert_rel (mlr_normal_sf (30), 4.9067139271481870595e-198, 3e-13);
  g_assert_cmpfloat (mlr_normal_quantile (0.5), ==, 0);
  g_assert_true (isinf (mlr_normal_quantile (0)) && mlr_normal_quantile (0) < 0);
  g_assert_true (isnan (mlr_normal_quantile (1.5)));
  g_assert_true (isnan (mlr_normal_quantile (NAN)));
  assert_rel (mlr_stats_critical_z (0.05, 2), 1.9599639845400542118, 2e-15);
  assert_rel (mlr_stats_critical_z (0.05, 1), 1.6448536269514727, 2e-15);
}

static void
test_student_t (void)
{
  static const struct { double t, df, sf; } tails[] = {
    { 2.0, 5, 0.050969739414929178123 }, { 0.5, 1, 0.35241638234956672582 },
    { -1.3, 3.5, 0.86370229209781480373 }, { 10.0, 2.5, 0.0022207478836537123865 },
    { 1.96, 1e5, 0.024999281597150819017 }, { 3.0, 1e6, 0.0013499312707108985294 },
    { -0.01, 30, 0.50395625371341115175 }, { 40.0, 7, 7.9510899924251852343e-10 },
    { 1000.0, 1, 0.00031830978008055893887 }, { 0.7, 0.3, 0.37281154438324898726 },
  };
  static const struct { double q, df, t; } isf[] = {
    { 0.025, 10, 2.2281388519862747157 }, { 0.025, 3.7, 2.8675207071911893458 },
    { 1e-10, 5, 156.82559270889431634 }, { 0.4, 2.2, 0.28539154588830393125 },
    { 0.005, 1e5, 2.5758784699083752963 }, { 1e-6, 1.5, 5219.469324706945951 },
    { 0.1, 200, 1.2857987939948010427 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      /* large df cost the continued fraction digits near x = 1 (see mlr-stats.h) */
      double tol = tails[i].df >= 1e5 ? 2e-11 : 1e-13;
      g_test_message ("t %g df %g", tails[i].t, tails[i].df);
      assert_rel (mlr_stats_t_sf (tails[i].t, tails[i].df), tails[i].sf, tol);
      assert_rel (mlr_stats_t_cdf (-tails[i].t, tails[i].df), tails[i].sf, tol);
    }
  for (guint i = 0; i < G_N_ELEMENTS (isf); i++)
    {
      g_test_message ("q %g df %g", isf[i].q, isf[i].df);
      assert_rel (mlr_stats_t_isf (isf[i].q, isf[i].df), isf[i].t, 1e-12);
      assert_rel (mlr_stats_t_quantile (isf[i].q, isf[i].df), -isf[i].t, 1e-12);
      /* 1 − q as a double is only q to about 1e-16 / q */
      if (isf[i].q >= 1e-3)
        assert_rel (mlr_stats_t_quantile (1 - isf[i].q, isf[i].df), isf[i].t, 1e-11);
    }
  /* exact forms: Cauchy and ν = 2 */
  assert_rel (mlr_stats_t_isf (0.25, 1), 1, 1e-15);
  assert_rel (mlr_stats_t_isf (0.05, 2), 2.9199855803537247, 1e-15);
  g_assert_cmpfloat (mlr_stats_t_cdf (0, 3), ==, 0.5);
  g_assert_cmpfloat (mlr_stats_t_sf (INFINITY, 3), ==, 0);
  g_assert_true (isnan (mlr_stats_t_cdf (1, 0)));
  g_assert_true (isnan (mlr_stats_t_cdf (NAN, 3)));
  /* the incomplete beta itself */
  assert_rel (mlr_stats_incbeta (2.5, 3.5, 0.3, 0.7), 0.29675298929566637832, 1e-14);
  assert_rel (mlr_stats_incbeta (0.5, 0.5, 0.99, 0.01), 0.93623143914148012367, 1e-14);
  assert_rel (mlr_stats_incbeta (50, 0.5, 0.97, 0.03), 0.081699333721822626027, 1e-13);
  assert_rel (mlr_stats_incbeta (0.1, 20, 0.001, 0.999), 0.70799700842341537837, 1e-14);
  g_assert_true (isnan (mlr_stats_incbeta (-1, 2, 0.5, 0.5)));
}

/* Power grows with n, and the search finds the first n that reaches the goal. */
static void
test_n_for_power (void)
{
  static const struct { double p1, p2, alpha; guint tails; } cases[] = {
    { 0.05, 0.056, 0.05, 2 }, { 0.05, 0.056, 0.05, 1 }, { 0.3, 0.1, 0.01, 2 },
    { 0.5, 0.9, 0.05, 2 }, { 0.001, 0.999, 0.5, 1 }, { 0.2, 0.25, 0.2, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double n = mlr_stats_two_rate_n_for_power (cases[i].p1, cases[i].p2, cases[i].alpha,
                                                 cases[i].tails, 0.8, 1e15);
      double brute = 1;

      while (mlr_stats_two_rate_power (cases[i].p1, cases[i].p2, brute, cases[i].alpha,
                                       cases[i].tails) < 0.8)
        brute++;
      g_assert_cmpfloat (n, ==, brute);
    }
  /* the lesson's numbers: 21,882 per arm for 5.0% against 5.6% */
  g_assert_cmpfloat (mlr_stats_two_rate_n_for_power (0.05, 0.056, 0.05, 2, 0.8, 1e15), ==,
                     21882);
  /* nothing reaches it: no lift, a one-sided test against the lift, too few users allowed */
  g_assert_true (isinf (mlr_stats_two_rate_n_for_power (0.05, 0.05, 0.05, 2, 0.8, 1e15)));
  g_assert_true (isinf (mlr_stats_two_rate_n_for_power (0.05, 0.04, 0.05, 1, 0.8, 1e15)));
  g_assert_true (isinf (mlr_stats_two_rate_n_for_power (0.05, 0.056, 0.05, 2, 0.8, 1000)));
}

static void
test_refusals (void)
{
  double a[] = { 1, 1, 1 }, b[] = { 2, 2 }, c[] = { 1, 2, 4 };
  MlrStatsTest out;
  g_autoptr(GError) error = NULL;

  g_assert_false (mlr_stats_welch_test (a, 3, b, 2, 0.05, &out, &error));
  g_assert_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_NO_SPREAD);
  g_clear_error (&error);
  g_assert_false (mlr_stats_welch_test (a, 1, c, 3, 0.05, &out, &error));
  g_assert_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_TOO_FEW);
  g_clear_error (&error);
  g_assert_false (mlr_stats_paired_test (c, c, 3, 0.05, &out, &error));
  g_assert_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_NO_SPREAD);
  g_clear_error (&error);
  g_assert_false (mlr_stats_proportions_test (0, 10, 0, 20, 0.05, &out, &error));
  g_assert_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_NO_SPREAD);
  g_clear_error (&error);
  g_assert_false (mlr_stats_proportions_test (11, 10, 0, 20, 0.05, &out, &error));
  g_assert_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mlr_stats_welch_test (c, 3, c, 3, 1.5, &out, &error));
  g_assert_error (error, MLR_STATS_ERROR, MLR_STATS_ERROR_INVALID);
  g_clear_error (&error);
  /* one sample without spread is fine: Welch's df is the other's n − 1 */
  g_assert_true (mlr_stats_welch_test (a, 3, c, 3, 0.05, &out, NULL));
  g_assert_cmpfloat (out.df, ==, 2);
}

/* ---- the ab-test state */

static MlrParams *
params_for (const char *first_key,
            ...)
{
  MlrParams *params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("ab-test"));
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_assert_true (mlr_params_set (params, key, va_arg (args, const char *), NULL));
  va_end (args);
  return params;
}

static void
test_state_rates (void)
{
  g_autoptr(MlrParams) params = params_for ("baseline", "0.02", "lift", "-0.03", NULL);
  g_autoptr(MlrParams) ok = params_for ("baseline", "0.02", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrAbtestState) state = NULL;

  /* a new state refuses B's rate below 0.001 */
  g_assert_null (mlr_abtest_state_new (params, &error));
  g_assert_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "0.02 + -0.03 = -0.01"));
  g_assert_false (mlr_abtest_state_check (params, NULL));

  /* a slider moving the lift stops at the edge instead, and says so in read_params */
  state = mlr_abtest_state_new (ok, NULL);
  g_assert_true (mlr_abtest_state_apply_param (state, params, "lift", NULL));
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_rate_b (state), 0.001, 1e-15);
  mlr_abtest_state_read_params (state, params);
  g_assert_cmpfloat_with_epsilon (mlr_params_get_double (params, "lift"), -0.019, 1e-15);
  /* moving the baseline keeps the lift and stops the baseline */
  g_assert_true (mlr_params_set (params, "lift", "0.5", NULL));
  g_assert_true (mlr_params_set (params, "baseline", "0.7", NULL));
  g_assert_true (mlr_abtest_state_apply_param (state, params, "baseline", NULL));
  g_assert_cmpfloat (mlr_abtest_state_get_lift (state), ==, 0.5);
  g_assert_cmpfloat_with_epsilon (mlr_abtest_state_get_baseline (state), 0.499, 1e-15);
  g_assert_true (isfinite (mlr_abtest_state_get_power (state)));
}

static MlrAbtestState *
simulating (const char *n,
            const char *runs,
            const char *seed)
{
  g_autoptr(MlrParams) params = params_for ("mode", "simulate", "lift", "0", "peeks", "10",
                                            "n", n, "runs", runs, "seed", seed, NULL);
  return mlr_abtest_state_new (params, NULL);
}

static void
test_state_simulation (void)
{
  g_autoptr(MlrAbtestState) a = simulating ("2000", "300", "9");
  g_autoptr(MlrAbtestState) b = simulating ("2000", "300", "9");
  g_autoptr(MlrAbtestState) big = simulating ("100000000", "50", "1");
  g_autoptr(MlrAbtestJob) job = NULL;
  g_autoptr(MlrParams) other = params_for ("mode", "simulate", "lift", "0", "peeks", "10",
                                           "n", "2000", "runs", "300", "seed", "10", NULL);
  const MlrAbtestSim *sa, *sb;
  guint total = 0;

  g_assert_true (mlr_abtest_state_needs_sim (a));
  mlr_abtest_state_simulate_sync (a);
  mlr_abtest_state_simulate_sync (b);
  sa = mlr_abtest_state_get_sim (a);
  sb = mlr_abtest_state_get_sim (b);
  g_assert_false (mlr_abtest_state_needs_sim (a));
  /* one seed, one result */
  g_assert_cmpuint (sa->positives, ==, sb->positives);
  g_assert_cmpfloat (sa->first_z, ==, sb->first_z);
  /* the looks account for every positive; peeking only adds to the last look's */
  for (guint k = 0; k < sa->peeks; k++)
    total += sa->stopped_at[k];
  g_assert_cmpuint (total, ==, sa->positives);
  g_assert_cmpuint (sa->positives, >=, sa->final_positives);

  /* a change of parameters makes the simulation stale, and its old result is refused */
  job = mlr_abtest_state_new_job (a);
  g_assert_true (mlr_abtest_state_apply_param (a, other, "seed", NULL));
  g_assert_false (mlr_abtest_state_sim_is_current (a));
  g_assert_false (mlr_abtest_job_is_for (job, a));
  g_assert_false (mlr_abtest_state_take_sim (a, mlr_abtest_job_run (job)));
  g_assert_true (mlr_abtest_state_get_sim (a) == sa);
  /* a cancelled job returns nothing */
  mlr_abtest_job_free (g_steal_pointer (&job));
  job = mlr_abtest_state_new_job (a);
  mlr_abtest_job_cancel (job);
  g_assert_null (mlr_abtest_job_run (job));

  /* the work bound: 10^8 users per arm in all */
  g_assert_cmpuint (mlr_abtest_state_effective_runs (big), ==, 1);
  g_assert_cmpuint (mlr_abtest_state_effective_runs (a), ==, 300);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/ml/stats/normal", test_normal);
  g_test_add_func ("/ml/stats/student-t", test_student_t);
  g_test_add_func ("/ml/stats/n-for-power", test_n_for_power);
  g_test_add_func ("/ml/stats/refusals", test_refusals);
  g_test_add_func ("/ml/abtest/rates", test_state_rates);
  g_test_add_func ("/ml/abtest/simulation", test_state_simulation);
  return g_test_run ();
}
