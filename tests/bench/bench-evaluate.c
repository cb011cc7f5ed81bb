/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `ml-roadmap-cli evaluate` costs, without the process around it: for 10,000, 100,000
 * and 1,000,000 cases (scores with four decimals, so there are ties; 30% positive), the
 * median over several runs of
 *
 *  - "metrics": grouping the scores (mlr_scores_new) and computing ROC AUC, average
 *    precision, Brier score, log loss, ECE (10 bins) and the confusion matrix at 0.5;
 *  - "read+metrics": the same after reading the label,score CSV file;
 *  - "platt": grouping the scores and fitting Platt scaling to them.
 *
 * usage: bench-evaluate [--tsv] [--write-data DIR] [--quick]
 *
 * --write-data writes the files it reads as DIR/scores-N.csv, so sklearn_bench_evaluate.py
 * times scikit-learn on the same data; --tsv prints one line per measurement for it.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "ml/mlr-csv.h"
#include "ml/mlr-evaluate.h"
#include "ml/mlr-rng.h"

static volatile double sink;

static void
metrics (const double *score,
         const guint8 *label,
         guint         n)
{
  g_autoptr(MlrScores) s = mlr_scores_new (score, label, n, NULL);
  MlrConfusion cm;

  g_assert (s != NULL);
  mlr_scores_confusion (s, 0.5, &cm);
  sink = mlr_scores_auc (s) + mlr_scores_average_precision (s) + mlr_scores_brier (s) +
         mlr_scores_log_loss (s) + mlr_scores_ece (s, 10) + mlr_confusion_precision (&cm) +
         mlr_confusion_recall (&cm) + mlr_confusion_f1 (&cm) + mlr_confusion_fpr (&cm);
}

static const MlrCsvColumn columns[] = {
  { "label", 0, 1, TRUE, "0 or 1" },
  { "score", 0, 1, FALSE, "a score from 0 to 1" },
};

static void
read_and_metrics (const char *path)
{
  guint n = 0;
  g_autofree double *v = mlr_csv_load_columns (path, columns, 2, 1000000, &n, NULL);
  g_autofree double *score = g_new (double, n);
  g_autofree guint8 *label = g_new (guint8, n);

  g_assert (v != NULL);
  for (guint i = 0; i < n; i++)
    {
      label[i] = (guint8) v[2 * i];
      score[i] = v[2 * i + 1];
    }
  metrics (score, label, n);
}

static void
platt (const double *score,
       const guint8 *label,
       guint         n)
{
  g_autoptr(MlrScores) s = mlr_scores_new (score, label, n, NULL);
  MlrPlatt p;

  mlr_scores_fit_platt (s, &p);
  sink = p.a + p.b;
}

typedef enum {
  METRICS,
  READ_METRICS,
  PLATT,
} What;

static double
median_ms (What          what,
           const double *score,
           const guint8 *label,
           guint         n,
           const char   *path,
           guint         runs)
{
  g_autofree double *ms = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      switch (what)
        {
        case METRICS:
          metrics (score, label, n);
          break;
        case READ_METRICS:
          read_and_metrics (path);
          break;
        case PLATT:
        default:
          platt (score, label, n);
          break;
        }
      ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (ms, runs, sizeof *ms, bench_compare);
  return ms[runs / 2];
}

int
main (int   argc,
      char *argv[])
{
  gboolean tsv = FALSE, quick = FALSE;
  const char *dir = NULL;
  const guint sizes[] = { 10000, 100000, 1000000 };
  g_autofree char *tmp = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--tsv"))
        tsv = TRUE;
      else if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else if (g_str_equal (argv[i], "--write-data") && i + 1 < argc)
        dir = argv[++i];
      else
        {
          g_printerr ("usage: bench-evaluate [--tsv] [--write-data DIR] [--quick]\n");
          return 2;
        }
    }
  if (dir == NULL)
    dir = tmp = g_dir_make_tmp ("mlr-bench-evaluate-XXXXXX", NULL);

  if (!tsv)
    g_print ("evaluate: medians in ms (scores with 4 decimals, 30%% positive)\n"
             "%9s %10s %14s %10s\n", "cases", "metrics", "read+metrics", "platt");
  for (guint k = 0; k < G_N_ELEMENTS (sizes) - (quick ? 1 : 0); k++)
    {
      guint n = sizes[k];
      guint runs = n >= 1000000 ? 5 : n >= 100000 ? 11 : 31;
      g_autofree double *score = g_new (double, n);
      g_autofree guint8 *label = g_new (guint8, n);
      g_autofree char *name = g_strdup_printf ("scores-%u.csv", n);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GString *csv = g_string_sized_new (16 * (gsize) n);
      MlrRng rng;
      double m, rm, pm;

      mlr_rng_init (&rng, 42);
      g_string_append (csv, "label,score\n");
      for (guint i = 0; i < n; i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          label[i] = mlr_rng_uniform (&rng) < 0.3;
          score[i] = round (1e4 / (1 + exp (-(label[i] ? 1.0 : -1.0) -
                                            mlr_rng_normal (&rng)))) / 1e4;
          g_string_append_printf (csv, "%u,%s\n", label[i],
                                  g_ascii_formatd (buf, sizeof buf, "%.4f", score[i]));
        }
      if (!g_file_set_contents (path, csv->str, csv->len, NULL))
        g_error ("cannot write %s", path);
      g_string_free (csv, TRUE);

      m = median_ms (METRICS, score, label, n, path, runs);
      rm = median_ms (READ_METRICS, score, label, n, path, runs);
      pm = median_ms (PLATT, score, label, n, path, runs);
      if (tsv)
        g_print ("%u\t%s\t%.4f\t%.4f\t%.4f\n", n, path, m, rm, pm);
      else
        g_print ("%9u %10.2f %14.2f %10.2f\n", n, m, rm, pm);
      if (tmp != NULL)
        g_unlink (path);
    }
  if (tmp != NULL)
    g_rmdir (tmp);
  return 0;
}
