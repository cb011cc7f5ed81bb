/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the frame benchmarks share: the thread's CPU time (steadier than wall-clock time on a
 * busy machine), sorting samples, and the one line each prints for a run of frames.
 * Header-only, so a benchmark is still one source file in meson.build.
 */
#pragma once

#include <glib.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

/* The calling thread's CPU time in milliseconds. */
static inline double
bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The whole process's CPU time (every thread's, user and system) in milliseconds. */
static inline double
bench_process_cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static inline int
bench_compare (const void *a,
               const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @ms and @cpu (n samples each) and returns
 * "median … p95 … max … ms | cpu median … p95 …" for the run. */
static inline char *
bench_frames_summary (double *ms,
                      double *cpu,
                      guint   n)
{
  qsort (ms, n, sizeof (double), bench_compare);
  qsort (cpu, n, sizeof (double), bench_compare);
  return g_strdup_printf ("median %6.2f  p95 %6.2f  max %6.2f ms | cpu median %6.2f  p95 %6.2f",
                          ms[n / 2], ms[(guint) (n * 0.95)], ms[n - 1], cpu[n / 2],
                          cpu[(guint) (n * 0.95)]);
}
