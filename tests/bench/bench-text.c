/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the text demo at 1280x800 on a cairo image surface, as the app paints it:
 * while a learner types (each frame adds one character of a long review to the sentence,
 * what the entry's "changed" does, and paints), with words and with bigrams; and while the
 * smoothing slider moves (each frame refits the model on the 496 training sentences, then
 * paints).
 *
 * Then the model alone: mlr_text_nb_fit() on the built-in reviews and on them 40 times over
 * (26,480 sentences), words and bigrams, the numbers to set beside scikit-learn's
 * CountVectorizer + MultinomialNB (tests/bench/sklearn_bench_text.py).
 *
 * Prints the median and the 95th percentile of wall-clock time and of the thread's CPU time
 * (steadier on a busy machine). The aim: p95 under 8 ms.
 *
 * usage: bench-text [FRAMES]
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-text-painter.h"

#define WIDTH  1280
#define HEIGHT 800

static const char review[] =
  "I booked this hotel for a long weekend and honestly it was not what the photos promised: "
  "the room was small, the shower was cold, but the staff were lovely and the breakfast was "
  "great, so overall not bad at all, I would stay again if the price were right. ";

/* @typing: add a character a frame, else move alpha a frame. */
static void
run (const char *label,
     const char *ngrams,
     gboolean    typing,
     guint       frames)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("text"));
  g_autoptr(MlrTextState) state = NULL;
  g_autofree double *ms = g_new (double, frames);
  g_autofree double *cpu = g_new (double, frames);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MlrTextPaintOptions options = { -1 };
  MlrPalette palette;
  gsize len = strlen (review);

  g_assert (mlr_params_set (params, "ngrams", ngrams, NULL));
  g_assert (mlr_params_set (params, "text", "", NULL));
  state = mlr_text_state_new (params, NULL);
  mlr_palette_init_default (&palette, FALSE);
  mlr_text_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);  /* not timed */

  for (guint f = 0; f < frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = bench_cpu_ms ();

      if (typing)
        {
          /* the sentence so far: up to 250 characters (the entry's limit), then again */
          g_autofree char *text = g_strndup (review, (f % 250) % len + 1);
          mlr_params_set (params, "text", text, NULL);
          mlr_text_state_apply_param (state, params, "text", NULL);
        }
      else
        {
          char value[32];
          g_snprintf (value, sizeof value, "%.2g", pow (10, -2 + 3.0 * (f % 60) / 59));
          mlr_params_set (params, "alpha", value, NULL);
          mlr_text_state_apply_param (state, params, "alpha", NULL);
        }
      mlr_text_painter_draw (cr, WIDTH, HEIGHT, &palette, state, &options);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = bench_cpu_ms () - c0;
    }

  {
    g_autofree char *summary = bench_frames_summary (ms, cpu, frames);
    g_print ("%-40s %s\n", label, summary);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
fit (const MlrTextData *corpus,
     guint              times,
     guint              ngrams,
     guint              repeats)
{
  guint n = corpus->n_rows * times;
  g_autofree const char **texts = g_new (const char *, n);
  g_autofree int *labels = g_new (int, n);
  g_autofree double *ms = g_new (double, repeats);

  for (guint i = 0; i < n; i++)
    {
      texts[i] = corpus->texts[i % corpus->n_rows];
      labels[i] = corpus->labels[i % corpus->n_rows];
    }
  for (guint r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(MlrTextNB) m = mlr_text_nb_fit (texts, labels, n, 1.0, ngrams, NULL);
      double p[2];

      for (guint i = 0; i < n; i++)
        mlr_text_nb_predict_proba (m, texts[i], p);
      ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (ms, repeats, sizeof (double), bench_compare);
  g_print ("mlr_text_nb_fit + predict_proba, %5u sentences, ngrams %u: median %7.2f ms\n", n,
           ngrams, ms[repeats / 2]);
}

int
main (int   argc,
      char *argv[])
{
  guint frames = argc > 1 ? (guint) MAX (atoi (argv[1]), 20) : 300;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrTextData) corpus = NULL;

  mlr_demo_registry_init ();
  g_print ("text, %dx%d cairo image surface (%u frames)\n", WIDTH, HEIGHT, frames);
  run ("typing a review, words", "1", TRUE, frames);
  run ("typing a review, words and bigrams", "2", TRUE, frames);
  run ("moving the smoothing slider, words", "1", FALSE, frames);
  run ("moving the smoothing slider, bigrams", "2", FALSE, frames);

  if (argc > 2)
    {
      corpus = mlr_text_data_load (argv[2], TRUE, &error);
      g_assert_no_error (error);
      for (guint ngrams = 1; ngrams <= 2; ngrams++)
        {
          fit (corpus, 1, ngrams, 21);
          fit (corpus, 40, ngrams, 7);
        }
    }
  return 0;
}
