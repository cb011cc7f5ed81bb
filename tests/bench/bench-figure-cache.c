/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the figures' disk cache saves: the CPU time (this thread's) to get the first screen's
 * figure of calculus-gradients as a texture, decoded from its SVG (the first decode in the
 * process, which loads librsvg, then later ones) against read from the cache, for a screen of
 * scale factor 1 and a HiDPI one (2). Medians of 15.
 *
 *   build/tests/bench/bench-figure-cache
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-common.h"
#include "views/mlr-figure-cache.h"

#define FIGURE "calculus-gradients-tangent.svg"
#define WIDTH 480
#define RUNS 15
#define MAX_SCALE 2

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), bench_compare);
  return v[n / 2];
}

int
main (void)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  g_autofree char *path = g_build_filename (content ? content : "content", "images", FIGURE,
                                            NULL);
  g_autofree char *cache = g_dir_make_tmp ("mlr-bench-figures-XXXXXX", NULL);
  double decode[RUNS], hit[RUNS], first;
  int w;

  for (int scale = 1; scale <= MAX_SCALE; scale++)
    for (guint dark = 0; dark <= 1; dark++)
      {
        for (guint i = 0; i < RUNS; i++)
          {
            g_autoptr(GError) error = NULL;
            double t0 = bench_cpu_ms ();
            g_autoptr(GdkTexture) t = mlr_figure_decode (path, WIDTH, scale, dark, &w, &error);

            decode[i] = bench_cpu_ms () - t0;
            if (t == NULL)
              g_error ("%s: %s", path, error->message);
          }
        first = decode[0];
        /* Fills the cache. */
        g_object_unref (mlr_figure_load (cache, path, WIDTH, scale, dark, &w, NULL, NULL));
        for (guint i = 0; i < RUNS; i++)
          {
            gboolean cached = FALSE;
            double t0 = bench_cpu_ms ();
            g_autoptr(GdkTexture) t = mlr_figure_load (cache, path, WIDTH, scale, dark, &w, &cached,
                                                       NULL);

            hit[i] = bench_cpu_ms () - t0;
            if (t == NULL || !cached)
              g_error ("%s: not read from the cache", path);
          }
        g_print ("%s, scale %d, %s: decode %.2f ms the first time, then %.2f ms; "
                 "from the cache %.2f ms\n", FIGURE, scale, dark ? "dark" : "light", first,
                 median (decode + 1, RUNS - 1), median (hit, RUNS));
      }
  {
    g_autoptr(GDir) d = g_dir_open (cache, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (cache, name, NULL);
        g_unlink (file);
      }
    g_rmdir (cache);
  }
  return 0;
}
