/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The serving simulator against queueing theory: M/M/1 (mean 1/(μ−λ), p99 ln(100)/(μ−λ)),
 * M/D/1 (mean wait ρ/(2μ(1−ρ))), M/M/c (Erlang C), the knee of p99 as ρ → 1, the batcher's
 * rule on cases worked by hand, quantiles against sorting, and hostile configurations refused
 * with the range named.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ml/mlr-serving.h"

static MlrServingConfig
base_config (double            rate,
             double            service_ms,
             MlrServingService service)
{
  MlrServingConfig c = {
    .rate = rate, .replicas = 1, .max_batch = 1, .batch_timeout_ms = 0, .overhead_ms = 0,
    .per_item_ms = service_ms, .service = service, .queue_cap = MLR_SERVING_MAX_QUEUE,
    .requests = 400000, .seed = 11,
  };
  return c;
}

static MlrServingSummary
run (const MlrServingConfig *c)
{
  MlrServingSummary s;
  g_autoptr(GError) error = NULL;

  g_assert_true (mlr_serving_simulate (c, &s, NULL, NULL, &error));
  g_assert_no_error (error);
  return s;
}

static void
assert_within (double got,
               double want,
               double rel)
{
  if (fabs (got - want) > rel * fabs (want))
    g_error ("%g is not within %g%% of %g", got, 100 * rel, want);
}

/* M/M/1 at ρ = 0.3, 0.5, 0.7: the sojourn time is exponential with rate μ − λ. */
static void
test_mm1 (void)
{
  static const double loads[] = { 0.3, 0.5, 0.7 };

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      double mu = 1000.0 / 2.0;                  /* 2 ms a request */
      double lambda = loads[i] * mu;
      MlrServingConfig c = base_config (lambda, 2.0, MLR_SERVING_EXPONENTIAL);
      MlrServingSummary s = run (&c);

      assert_within (s.mean_ms, 1000.0 / (mu - lambda), 0.05);
      assert_within (s.p99_ms, 1000.0 * log (100) / (mu - lambda), 0.05);
      assert_within (s.p50_ms, 1000.0 * log (2) / (mu - lambda), 0.05);
      assert_within (s.utilization, loads[i], 0.02);
      assert_within (s.throughput, lambda, 0.02);
      g_assert_cmpuint (s.rejected, ==, 0);
      g_assert_cmpuint (s.completed, ==, c.requests);
    }
}

/* M/D/1: mean wait ρ / (2 μ (1 − ρ)), plus the service time 1/μ. */
static void
test_md1 (void)
{
  static const double loads[] = { 0.3, 0.6, 0.8 };

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      double mu = 1000.0 / 4.0;
      double rho = loads[i], lambda = rho * mu;
      MlrServingConfig c = base_config (lambda, 4.0, MLR_SERVING_DETERMINISTIC);
      MlrServingSummary s = run (&c);
      double wait = s.mean_ms - 4.0;

      assert_within (wait, 1000.0 * rho / (2 * mu * (1 - rho)), 0.05);
      /* nobody is served faster than the service time */
      g_assert_cmpfloat (s.p50_ms, >=, 4.0 - 1e-9);
    }
}

/* Erlang C: P(wait) for c servers at offered load a = λ/μ. */
static double
erlang_c (guint  c,
          double a)
{
  double sum = 0, term = 1, rho = a / c;

  for (guint k = 0; k < c; k++)
    {
      sum += term;
      term *= a / (k + 1);
    }
  /* term is now a^c / c! */
  term /= 1 - rho;
  return term / (sum + term);
}

/* M/M/c: mean sojourn C(c, a) / (cμ − λ) + 1/μ. */
static void
test_mmc (void)
{
  static const struct { guint c; double rho; } cases[] = { { 2, 0.6 }, { 3, 0.8 }, { 8, 0.9 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double mu = 1000.0 / 5.0;
      double lambda = cases[i].rho * cases[i].c * mu;
      MlrServingConfig c = base_config (lambda, 5.0, MLR_SERVING_EXPONENTIAL);
      MlrServingSummary s;
      double want;

      c.replicas = cases[i].c;
      s = run (&c);
      want = 1000.0 * (erlang_c (cases[i].c, lambda / mu) / (cases[i].c * mu - lambda) + 1 / mu);
      assert_within (s.mean_ms, want, 0.05);
      assert_within (s.utilization, cases[i].rho, 0.02);
    }
  /* the formula itself: C(2, 1.2) = 0.45 exactly (a²/2/(1−ρ) = 1.8; 1 + a = 2.2) */
  g_assert_cmpfloat_with_epsilon (erlang_c (2, 1.2), 1.8 / 4.0, 1e-12);
}

/* p99 climbs without bound as ρ → 1: each step towards 1 multiplies it, and past 1 it grows
 * with the length of the run. */
static void
test_knee (void)
{
  static const double loads[] = { 0.5, 0.8, 0.9, 0.95, 0.99 };
  double last = 0;

  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      MlrServingConfig c = base_config (loads[i] * 1000.0, 1.0, MLR_SERVING_EXPONENTIAL);
      MlrServingSummary s;

      c.requests = 1000000;
      s = run (&c);
      g_assert_cmpfloat (s.p99_ms, >, 1.5 * last);
      last = s.p99_ms;
    }
  /* 0.99: M/M/1 says 460 ms, 50 × what ρ = 0.5 gives; the run needs not be that close */
  g_assert_cmpfloat (last, >, 200);

  /* overloaded (ρ = 1.2) with room to queue: ten times the requests, far slower p99 */
  {
    MlrServingConfig c = base_config (1200, 1.0, MLR_SERVING_EXPONENTIAL);
    MlrServingSummary s1, s2;

    c.requests = 20000;
    s1 = run (&c);
    c.requests = 200000;
    s2 = run (&c);
    g_assert_cmpfloat (s2.p99_ms, >, 5 * s1.p99_ms);
    assert_within (s2.throughput, 1000, 0.02);
    assert_within (s2.utilization, 1, 0.01);
  }
}

/* The batcher on cases worked by hand, deterministic service 10 + 1 × k ms. */
static void
test_batcher_rule (void)
{
  MlrServingConfig c = base_config (1, 1, MLR_SERVING_DETERMINISTIC);
  MlrServingSummary s;
  MlrServingTrace trace;

  c.overhead_ms = 10;
  c.max_batch = 4;
  c.batch_timeout_ms = 1000;
  c.requests = 4;
  /* at a very slow rate each request waits out the whole timeout, then goes alone */
  c.rate = 1e-4;   /* gaps of 10,000 s on average, far longer than 1 s + 11 ms */
  mlr_serving_trace_init (&trace, 4);
  s = run (&c);
  g_assert_cmpuint (s.batches, ==, 4);
  g_assert_cmpfloat_with_epsilon (s.mean_ms, 1000 + 11, 1e-6);
  g_assert_cmpfloat_with_epsilon (s.p99_ms, 1000 + 11, 1e-6);

  /* timeout 0 with batches up to 4 at a slow rate: no waiting, each alone: 11 ms */
  c.batch_timeout_ms = 0;
  s = run (&c);
  g_assert_cmpfloat_with_epsilon (s.max_ms, 11, 1e-9);

  /* a flood (1e6 req/s) with a huge timeout: every batch is full, the first of them leaves
   * when the 4th request arrives */
  c.rate = 1e6;
  c.batch_timeout_ms = 1e4;
  c.requests = 400;
  g_assert_true (mlr_serving_simulate (&c, &s, &trace, NULL, NULL));
  g_assert_cmpuint (s.batches, ==, 100);
  g_assert_cmpfloat (s.mean_batch, ==, 4);
  g_assert_cmpuint (trace.batches->len, >=, 1);
  g_assert_cmpuint (g_array_index (trace.batches, MlrServingBatch, 0).size, ==, 4);
  /* service 14 ms a batch, back to back from the 4th arrival (~3 µs): span ≈ 1400 ms, and
   * the utilisation is the whole span but those microseconds */
  g_assert_cmpfloat (fabs (s.span_ms - 1400), <, 0.01);
  g_assert_cmpfloat (s.utilization, >, 0.9999);
  /* a queue cap of 2 below max_batch: batches never fill, the timeout sends pairs */
  c.queue_cap = 2;
  c.batch_timeout_ms = 0.5;
  s = run (&c);
  g_assert_cmpfloat (s.mean_batch, <=, 2);
  g_assert_cmpuint (s.rejected, >, 0);
  g_assert_cmpuint (s.completed + s.rejected, ==, 400);
  mlr_serving_trace_clear (&trace);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Quantiles by selection equal the sorted array's, interpolated as numpy.quantile does; ties
 * and n = 1, 2 included. */
static void
test_quantile (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  static const double ps[] = { 0, 0.01, 0.5, 0.95, 0.99, 1 };

  for (guint trial = 0; trial < 200; trial++)
    {
      gsize n = 1 + g_rand_int_range (rand, 0, trial < 100 ? 10 : 3000);
      g_autofree double *v = g_new (double, n);
      g_autofree double *sorted = g_new (double, n);
      gboolean ties = trial % 3 == 0;

      for (gsize i = 0; i < n; i++)
        v[i] = ties ? g_rand_int_range (rand, 0, 5) : g_rand_double (rand);
      memcpy (sorted, v, n * sizeof *v);
      qsort (sorted, n, sizeof *sorted, cmp_double);
      for (guint j = 0; j < G_N_ELEMENTS (ps); j++)
        {
          double h = ps[j] * (n - 1);
          gsize k = (gsize) floor (h);
          double want = k + 1 < n ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k])
                                  : sorted[k];
          g_assert_cmpfloat_with_epsilon (mlr_serving_quantile (v, n, ps[j]), want, 1e-12);
        }
    }
  /* numpy.quantile([1, 2, 3, 4], 0.95) = 3.85 */
  {
    double v[] = { 4, 1, 3, 2 };
    g_assert_cmpfloat_with_epsilon (mlr_serving_quantile (v, 4, 0.95), 3.85, 1e-12);
  }
  g_assert_cmpfloat (mlr_serving_quantile (NULL, 0, 0.5), ==, 0);
}

/* Hostile configurations: refused with the range named, never run. */
static void
test_hostile (void)
{
  MlrServingConfig good = base_config (10, 1, MLR_SERVING_EXPONENTIAL);
  struct { const char *word; MlrServingConfig c; } bad[12];
  guint n = 0;

#define BAD(word_, field, value) G_STMT_START { \
    bad[n].word = word_; bad[n].c = good; bad[n].c.field = value; n++; } G_STMT_END
  BAD ("rate", rate, 0);
  BAD ("rate", rate, -5);
  BAD ("rate", rate, NAN);
  BAD ("rate", rate, INFINITY);
  BAD ("replicas", replicas, 0);
  BAD ("replicas", replicas, 65);
  BAD ("max_batch", max_batch, 0);
  BAD ("batch_timeout_ms", batch_timeout_ms, NAN);
  BAD ("overhead_ms", overhead_ms, -1);
  BAD ("queue_cap", queue_cap, 0);
  BAD ("requests", requests, 1000000000);
  BAD ("0.001", per_item_ms, 0);
#undef BAD
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      MlrServingSummary s;

      g_assert_false (mlr_serving_simulate (&bad[i].c, &s, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad[i].word));
    }
  {
    MlrServingSummary s = run (&good);
    g_assert_true (isfinite (s.p99_ms));
  }
}

/* The same seed gives the same run; another seed another. */
static void
test_seed (void)
{
  MlrServingConfig c = base_config (300, 2, MLR_SERVING_EXPONENTIAL);
  MlrServingSummary a, b, d;

  c.requests = 5000;
  a = run (&c);
  b = run (&c);
  c.seed = 12;
  d = run (&c);
  g_assert_cmpfloat (a.p99_ms, ==, b.p99_ms);
  g_assert_cmpfloat (a.mean_ms, ==, b.mean_ms);
  g_assert_cmpfloat (a.mean_ms, !=, d.mean_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/serving/mm1", test_mm1);
  g_test_add_func ("/ml/serving/md1", test_md1);
  g_test_add_func ("/ml/serving/mmc-erlang-c", test_mmc);
  g_test_add_func ("/ml/serving/knee", test_knee);
  g_test_add_func ("/ml/serving/batcher-rule", test_batcher_rule);
  g_test_add_func ("/ml/serving/quantile", test_quantile);
  g_test_add_func ("/ml/serving/hostile", test_hostile);
  g_test_add_func ("/ml/serving/seed", test_seed);
  return g_test_run ();
}
