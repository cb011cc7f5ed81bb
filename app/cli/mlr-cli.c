/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-cli.h"

#include "ml/mlr-file.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (int argc, char **argv);
} MlrCliCommand;

/* One row per subcommand; `ml-roadmap-cli --help` prints them in this order. */
static const MlrCliCommand commands[] = {
  { "validate", "[PATH...]", "Check lesson XML and the roadmap; print FILE:LINE:COL: errors",
    mlr_cli_validate },
  { "dataset", "NAME [--n N] [--noise X] [--seed S] [--classes K] [-o OUT.csv]",
    "Generate a 2-D dataset as CSV (x1,x2,label)", mlr_cli_dataset },
  { "fit", "MODEL --train TRAIN.csv --predict POINTS.csv [--set KEY=VALUE]... [-o OUT.csv]",
    "Fit a classifier (labels, probabilities) or a polynomial regression (poly)", mlr_cli_fit },
  { "descend", "SURFACE --optimizer NAME --start X,Y --steps N [--set KEY=VALUE]... [-o OUT.csv]",
    "Run an optimizer on a 2-D surface and print its path", mlr_cli_descend },
  { "matrix", "A B C D [--json]",
    "Determinant, inverse, eigenvalues, eigenvectors and singular values of [[A,B],[C,D]]",
    mlr_cli_matrix },
  { "demos", "", "List the demos and their parameters", mlr_cli_demos },
  { "render", "DEMO -o FILE [--size WxH] [--dark] [--set KEY=VALUE]...",
    "Paint a demo to PNG, SVG or PDF, as the app does", mlr_cli_render },
  { "metrics", "DEMO [--set KEY=VALUE]...",
    "Print the metrics a demo reports to its challenges, as JSON", mlr_cli_metrics },
  { "ttest", "A.csv B.csv [--paired] [--alpha 0.05]",
    "Welch's or the paired t-test of two numeric columns, as JSON", mlr_cli_ttest },
  { "proportions", "--a SUCCESSES/TRIALS --b SUCCESSES/TRIALS [--alpha 0.05]",
    "Two-proportion z-test of B against A, as JSON", mlr_cli_proportions },
  { "evaluate", "--scores S.csv [--threshold T] [--bins B] [--calibrate]",
    "ROC AUC, average precision, log loss, calibration of a classifier's scores",
    mlr_cli_evaluate },
  { "cluster", "kmeans|dbscan --data D.csv [--set KEY=VALUE]... [-o OUT.json]",
    "Cluster 2-D points with k-means or DBSCAN; labels, inertia, silhouette as JSON",
    mlr_cli_cluster },
  { "convolve", "--input IMAGE|M.csv --kernel NAME|v1,v2,... [--stride S] [--padding P] [--relu] "
    "[--pool max2] [-o OUT.csv]",
    "Slide a kernel over a picture or matrix (as torch conv2d); the output matrix as CSV",
    mlr_cli_convolve },
  { "forecast", "--series S.csv --method NAME --horizon H [--season M] [--set alpha=A]... "
    "[--test N]",
    "Forecast a series (naive ... Holt–Winters, FPP3) with intervals, or its test accuracy",
    mlr_cli_forecast },
  { "attention", "--q Q.csv --k K.csv --v V.csv [--causal] [--temperature T]",
    "Scaled dot-product attention: softmax(QK^T/sqrt(d)/T) and its output, as JSON",
    mlr_cli_attention },
  { "drift", "--reference R.csv --current C.csv [--bins 10]",
    "PSI, KS statistic and p-value, Wasserstein distance of two numeric columns, as JSON",
    mlr_cli_drift },
  { "math", "TEX [-o FILE.png] [--size PX] [--dark] [--inline]",
    "A lesson formula (LaTeX subset) read aloud as a screen reader hears it, or drawn as a PNG",
    mlr_cli_math },
};

static void
print_help (FILE *out)
{
  fprintf (out,
           "Usage: ml-roadmap-cli COMMAND [OPTION...]\n"
           "\n"
           "The headless side of ML Roadmap: check lesson content and run the app's models\n"
           "and optimizers on your own data, with no display.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n"
           "Run “ml-roadmap-cli COMMAND --help” for a command's options.\n"
           "Exit status: 0 success, 1 invalid content or data, 2 usage error.\n");
}

int
mlr_cli_usage_error (const char *command,
                     const char *format,
                     ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (command)
    fprintf (stderr, "ml-roadmap-cli %s: %s\n", command, msg);
  else
    fprintf (stderr, "ml-roadmap-cli: %s\n", msg);
  return MLR_CLI_EXIT_USAGE;
}

int
mlr_cli_data_error (const char *command,
                    const char *format,
                    ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "ml-roadmap-cli %s: %s\n", command, msg);
  return MLR_CLI_EXIT_DATA;
}

gboolean
mlr_cli_parse_options (const char   *command,
                       const char   *parameter_string,
                       const char   *summary,
                       GOptionEntry *entries,
                       int          *argc,
                       char       ***argv,
                       int          *exit_code)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("ml-roadmap-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (ctx, summary);
  g_option_context_set_help_enabled (ctx, TRUE);
  if (entries)
    g_option_context_add_main_entries (ctx, entries, NULL);

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *exit_code = mlr_cli_usage_error (command, "%s (see --help)", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
mlr_cli_write_output (const char  *path,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      if (len > 0 && fwrite (data, 1, len, stdout) != len)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "could not write to standard output");
          return FALSE;
        }
      return fflush (stdout) == 0;
    }
  return mlr_file_set_contents (path, data, len, error);
}

/* The command line main() was given, before any command's option parsing rearranged it. */
static char **command_line;

char **
mlr_cli_get_command_line (void)
{
  return command_line;
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  /* the strings themselves are not copied: GOption only moves the pointers */
  command_line = g_memdup2 (argv, sizeof (char *) * ((gsize) argc + 1));
  setlocale (LC_ALL, "");
  g_set_prgname ("ml-roadmap-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return MLR_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_help (stdout);
      return MLR_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      printf ("ml-roadmap-cli %s\n", PACKAGE_VERSION);
      return MLR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return commands[i].run (argc - 1, argv + 1);

  {
    GString *valid = g_string_new (NULL);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_string_append_printf (valid, "%s%s", i ? ", " : "", commands[i].name);
    mlr_cli_usage_error (NULL, "unknown command “%s” (commands: %s)", name, valid->str);
    g_string_free (valid, TRUE);
  }
  return MLR_CLI_EXIT_USAGE;
}
