/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli ttest A.csv B.csv [--paired] [--alpha 0.05]
 *
 * Welch's t-test (SciPy's ttest_ind(a, b, equal_var=False)), or with --paired the paired
 * t-test (ttest_rel(a, b)), of two files of one numeric column each (header optional; see
 * ml/mlr-csv.h). Prints one JSON object:
 *
 *   {"test": "welch", "n_a": 40, "n_b": 38, "mean_a": …, "mean_b": …, "t": …, "df": …,
 *    "p_value": …, "mean_diff": …, "ci_low": …, "ci_high": …, "confidence": 0.95}
 *
 * mean_diff is mean(A) − mean(B) (paired: the mean of A[i] − B[i]), t its statistic, p_value
 * two-sided, [ci_low, ci_high] its 1 − alpha confidence interval from Student's t with df
 * degrees of freedom (Welch–Satterthwaite, or n − 1 paired). Numbers are the shortest decimals
 * that read back as the same double.
 *
 * Exit 1 for a file that cannot be read (FILE:LINE: message, as mlr-csv.h says) or samples the
 * test cannot use (fewer than two values, no spread at all, paired files of unequal length);
 * exit 2 for a usage error.
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <stdio.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-params.h"
#include "ml/mlr-stats.h"

#define COMMAND "ttest"

static const MlrParamSpec alpha_spec = {
  .key = "alpha", .type = MLR_PARAM_NUMBER, .min = 1e-9, .max = 0.5,
  .help = "1 − the confidence level of the interval",
};

/* The shortest decimal that reads back as @v (callers never pass NaN or infinity). */
static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }
  /* counts as integers, not 1e+05 */
  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%.0f", v + 0.0);
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v + 0.0);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

static void
field (GString    *out,
       const char *name,
       double      v)
{
  g_string_append_printf (out, ", \"%s\": ", name);
  append_number (out, v);
}

int
mlr_cli_ttest (int    argc,
               char **argv)
{
  gboolean paired = FALSE;
  g_autofree char *alpha_text = NULL;
  GOptionEntry entries[] = {
    { "paired", 0, 0, G_OPTION_ARG_NONE, &paired,
      "The paired t-test of A[i] − B[i] (the files must have equally many values)", NULL },
    { "alpha", 0, 0, G_OPTION_ARG_STRING, &alpha_text,
      "The interval is the 1 − ALPHA confidence interval (1e-9 to 0.5; default 0.05)",
      "ALPHA" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize n_a = 0, n_b = 0;
  double alpha = 0.05;
  MlrStatsTest test;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "A.csv B.csv",
                              "Welch's t-test (or, with --paired, the paired t-test) of the "
                              "values in A.csv against\nthose in B.csv: one numeric column "
                              "each, header optional, at most 100000 values,\n|x| <= 1e12. "
                              "Prints JSON: t, df, the two-sided p_value, mean_diff = mean(A) "
                              "−\nmean(B), and its 1 − alpha confidence interval ci_low, "
                              "ci_high.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return mlr_cli_usage_error (COMMAND, "expected two files A.csv B.csv, got %d (see --help)",
                                argc - 1);
  if (alpha_text != NULL)
    {
      if (!mlr_param_spec_check (&alpha_spec, alpha_text, &error))
        return mlr_cli_usage_error (COMMAND, "--%s", error->message);
      alpha = g_ascii_strtod (alpha_text, NULL);
    }

  a = mlr_csv_load_column (argv[1], &n_a, &error);
  if (a == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  b = mlr_csv_load_column (argv[2], &n_b, &error);
  if (b == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  /* too few values is one file's fault: name it */
  if (n_a < 2 || n_b < 2)
    return mlr_cli_data_error (COMMAND, "%s: the t-test needs at least 2 values in each "
                               "sample, this file has 1", argv[n_a < 2 ? 1 : 2]);
  if (paired && n_a != n_b)
    return mlr_cli_data_error (COMMAND, "the paired test needs as many values in %s as in %s, "
                               "but they have %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT,
                               argv[1], argv[2], n_a, n_b);
  if (paired ? !mlr_stats_paired_test (a, b, n_a, alpha, &test, &error)
             : !mlr_stats_welch_test (a, n_a, b, n_b, alpha, &test, &error))
    return mlr_cli_data_error (COMMAND, "%s and %s: %s", argv[1], argv[2], error->message);

  g_string_append_printf (out, "{\"test\": \"%s\"", paired ? "paired" : "welch");
  field (out, "n_a", n_a);
  field (out, "n_b", n_b);
  field (out, "mean_a", test.mean_a);
  field (out, "mean_b", test.mean_b);
  field (out, "t", test.statistic);
  field (out, "df", test.df);
  field (out, "p_value", test.p_value);
  field (out, "mean_diff", test.diff);
  field (out, "ci_low", test.ci_low);
  field (out, "ci_high", test.ci_high);
  field (out, "confidence", 1 - alpha);
  g_string_append (out, "}\n");
  if (!mlr_cli_write_output (NULL, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
