/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-optimizers: what the gradient-descent demo costs per frame.
 *  - 1000 steps of every optimizer on every surface through MlrDescent (the runner the demo
 *    animates, path history included), from the surface's default start at its suggested
 *    learning rate; a run that diverges is reset and continued, so 1000 steps are always
 *    taken;
 *  - the heatmap: every surface on a 400 x 300 grid.
 * Each figure is the median of 7 samples; a sample times enough repetitions to last about a
 * millisecond. Prints a table, then `RESULT name microseconds` lines for numpy_bench.py.
 *
 * usage: bench-optimizers [--quick]
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ml/mlr-descent.h"
#include "ml/mlr-optimizer.h"
#include "ml/mlr-surface.h"

#define N_SAMPLES 7
#define N_STEPS 1000
#define GRID_W 400
#define GRID_H 300

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Keeps the compiler from discarding work. */
static volatile double sink;

static guint resets;

static void
run_steps (MlrDescent *run)
{
  guint taken = 0;

  mlr_descent_reset (run);
  while (taken < N_STEPS)
    {
      if (mlr_descent_step (run))
        taken++;
      else
        {
          mlr_descent_reset (run);
          resets++;
        }
    }
  sink = mlr_descent_get_loss (run);
}

/* Median time of one call of @fn, in microseconds. */
static double
measure (void   (*fn) (gpointer),
         gpointer data,
         int      n_samples)
{
  double samples[N_SAMPLES];
  int reps = 1;
  double t0, t;

  /* Calibrate: enough repetitions for ~1 ms per sample. */
  for (;;)
    {
      t0 = now_us ();
      for (int r = 0; r < reps; r++)
        fn (data);
      t = now_us () - t0;
      if (t > 1000 || reps > 1 << 20)
        break;
      reps *= 2;
    }
  for (int s = 0; s < n_samples; s++)
    {
      t0 = now_us ();
      for (int r = 0; r < reps; r++)
        fn (data);
      samples[s] = (now_us () - t0) / reps;
    }
  return median (samples, n_samples);
}

static void
descent_fn (gpointer data)
{
  run_steps (data);
}

typedef struct {
  MlrSurfaceId id;
  double      *values;
} GridJob;

static void
grid_fn (gpointer data)
{
  GridJob *job = data;
  double lo, hi;

  mlr_surface_eval_grid (job->id, &mlr_surface_get_info (job->id)->view, GRID_W, GRID_H,
                         job->values, &lo, &hi);
  sink = lo + hi;
}

int
main (int    argc,
      char **argv)
{
  int n_samples = argc > 1 && g_str_equal (argv[1], "--quick") ? 3 : N_SAMPLES;
  double table[MLR_N_SURFACES][MLR_N_OPTIMIZERS];
  guint table_resets[MLR_N_SURFACES][MLR_N_OPTIMIZERS];
  double grid_us[MLR_N_SURFACES];
  g_autofree double *values = g_new (double, GRID_W * GRID_H);

  for (guint s = 0; s < MLR_N_SURFACES; s++)
    for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
      {
        MlrOptimizerConfig config;
        g_autoptr(MlrDescent) run = NULL;

        mlr_optimizer_config_init (&config, k);
        config.lr = mlr_surface_get_info (s)->suggested_lr;
        run = mlr_descent_new_surface (s, &config, NULL);
        resets = 0;
        run_steps (run);
        table_resets[s][k] = resets;
        table[s][k] = measure (descent_fn, run, n_samples);
      }

  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      GridJob job = { s, values };
      grid_us[s] = measure (grid_fn, &job, n_samples);
    }

  printf ("# %d steps through MlrDescent, median of %d samples, microseconds\n",
          N_STEPS, n_samples);
  printf ("# (* = diverged at the suggested lr and was reset to continue)\n");
  printf ("%-11s", "surface");
  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    printf (" %10s", mlr_optimizer_kind_to_string (k));
  printf (" %14s\n", "grid 400x300");
  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      printf ("%-11s", mlr_surface_get_info (s)->name);
      for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
        printf (" %9.1f%s", table[s][k], table_resets[s][k] ? "*" : " ");
      printf (" %14.1f\n", grid_us[s]);
    }

  for (guint s = 0; s < MLR_N_SURFACES; s++)
    {
      for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
        printf ("RESULT descend/%s/%s %.3f\n", mlr_surface_get_info (s)->name,
                mlr_optimizer_kind_to_string (k), table[s][k]);
      printf ("RESULT grid/%s %.3f\n", mlr_surface_get_info (s)->name, grid_us[s]);
    }
  return 0;
}
