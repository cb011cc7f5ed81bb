/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli drift --reference R.csv --current C.csv [--bins 10]
 *
 * How far the values in C.csv have drifted from those in R.csv (one numeric column each,
 * header optional, 2 to 100,000 values, |x| <= 1e12; see ml/mlr-csv.h). Prints one JSON
 * object:
 *
 *   {"n_reference": 500, "n_current": 480, "bins": 10, "psi": …, "ks_statistic": …,
 *    "ks_p_value": …, "wasserstein": …}
 *
 * psi: the population stability index over BINS bins whose inner edges are the reference's
 * quantiles at 1/BINS … (BINS − 1)/BINS (NumPy's default linear quantiles), the outer bins
 * open-ended, a value equal to an edge in the bin below it, and 1e-4 in place of an empty
 * bin's share: PSI = Σ (c − r) ln (c / r). ks_statistic and ks_p_value: SciPy's
 * ks_2samp(R, C, method="asymp"), whose two-sided p-value in SciPy 1.10 is
 * kstwo.sf(D, round(m n / (m + n))) — the exact one-sample distribution at the rounded
 * effective size, not the Kolmogorov limit. wasserstein: scipy.stats.wasserstein_distance.
 * Every definition is in ml/mlr-drift.h.
 *
 * Exit 1 for a file that cannot be read or used (FILE:LINE: message: not a number, NaN,
 * two columns, empty, more than 100,000 values, fewer than 2), 2 for a usage error (--bins
 * outside 2 to 100, a missing file option).
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <string.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-drift.h"
#include "ml/mlr-params.h"

#define COMMAND "drift"

static const MlrParamSpec bins_spec = {
  .key = "bins", .type = MLR_PARAM_INT, .min = 2, .max = MLR_DRIFT_MAX_BINS,
  .help = "the number of PSI bins",
};

static void
field (GString    *out,
       const char *name,
       double      v,
       gboolean    first)
{
  g_string_append_printf (out, "%s\"%s\": ", first ? "" : ", ", name);
  mlr_csv_append_number (out, v);
}

static double *
load (const char  *path,
      gsize       *n,
      int         *exit_code)
{
  g_autoptr(GError) error = NULL;
  double *values = mlr_csv_load_column (path, n, &error);

  if (values == NULL)
    {
      *exit_code = mlr_cli_data_error (COMMAND, "%s", error->message);
      return NULL;
    }
  if (*n < 2)
    {
      *exit_code = mlr_cli_data_error (COMMAND, "%s: drift needs at least 2 values, this file "
                                       "has %" G_GSIZE_FORMAT, path, *n);
      g_free (values);
      return NULL;
    }
  return values;
}

int
mlr_cli_drift (int    argc,
               char **argv)
{
  g_autofree char *reference = NULL;
  g_autofree char *current = NULL;
  g_autofree char *bins_text = NULL;
  GOptionEntry entries[] = {
    { "reference", 0, 0, G_OPTION_ARG_FILENAME, &reference,
      "The reference sample: one numeric column (the training data)", "R.csv" },
    { "current", 0, 0, G_OPTION_ARG_FILENAME, &current,
      "The current sample: one numeric column (production)", "C.csv" },
    { "bins", 0, 0, G_OPTION_ARG_STRING, &bins_text,
      "PSI bins at the reference's quantiles (2 to 100; default 10, its deciles)", "B" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree double *r = NULL;
  g_autofree double *c = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize n_r = 0, n_c = 0;
  guint bins = 10;
  MlrDriftStats stats;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "",
                              "How far C.csv has drifted from R.csv: one numeric column each, "
                              "header optional,\n2 to 100000 values, |x| <= 1e12. Prints JSON: "
                              "psi (bins at the reference's\nquantiles, NumPy's linear "
                              "definition; a value on an edge falls in the bin below;\nan "
                              "empty bin counts as a share of 1e-4), ks_statistic and "
                              "ks_p_value (SciPy's\nks_2samp method=\"asymp\": kstwo.sf(D, "
                              "round(mn/(m+n)))), and wasserstein.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return mlr_cli_usage_error (COMMAND, "unexpected argument '%s' (see --help)", argv[1]);
  if (reference == NULL || current == NULL)
    return mlr_cli_usage_error (COMMAND, "--reference R.csv and --current C.csv are both "
                                "required");
  if (bins_text != NULL)
    {
      if (!mlr_param_spec_check (&bins_spec, bins_text, &error))
        return mlr_cli_usage_error (COMMAND, "--%s%s", error->message,
                                    strstr (error->message, "allowed") != NULL
                                      ? "" : " (allowed: a whole number from 2 to 100)");
      bins = (guint) g_ascii_strtoll (bins_text, NULL, 10);
    }

  r = load (reference, &n_r, &exit_code);
  if (r == NULL)
    return exit_code;
  c = load (current, &n_c, &exit_code);
  if (c == NULL)
    return exit_code;
  mlr_drift_sort (r, n_r);
  mlr_drift_sort (c, n_c);
  mlr_drift_compare (r, n_r, c, n_c, bins, &stats);

  g_string_append_c (out, '{');
  field (out, "n_reference", n_r, TRUE);
  field (out, "n_current", n_c, FALSE);
  field (out, "bins", bins, FALSE);
  field (out, "psi", stats.psi, FALSE);
  field (out, "ks_statistic", stats.ks_statistic, FALSE);
  field (out, "ks_p_value", stats.ks_p_value, FALSE);
  field (out, "wasserstein", stats.wasserstein, FALSE);
  g_string_append (out, "}\n");
  if (!mlr_cli_write_output (NULL, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
