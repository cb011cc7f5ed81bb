/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli proportions --a SUCCESSES/TRIALS --b SUCCESSES/TRIALS [--alpha 0.05]
 *
 * The two-proportion z-test of B against A (an A/B test's conversions): z over the pooled
 * standard error √(p̂ (1 − p̂) (1/n_A + 1/n_B)) with p̂ the pooled rate, the two-sided p-value,
 * and the Wald 1 − alpha confidence interval of diff = p_B − p_A from the unpooled standard
 * error √(p_A (1 − p_A)/n_A + p_B (1 − p_B)/n_B). Prints one JSON object:
 *
 *   {"p_a": 0.05, "p_b": 0.056, "diff": 0.006, "z": 1.894…, "p_value": 0.0582…,
 *    "ci_low": …, "ci_high": …, "confidence": 0.95}
 *
 * Counts are whole numbers, 0 ≤ SUCCESSES ≤ TRIALS, 1 ≤ TRIALS ≤ 10¹⁵ (exit 2 otherwise).
 * When neither group has a success, or neither a failure, z is undefined: exit 1.
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>
#include <string.h>

#include "ml/mlr-params.h"
#include "ml/mlr-stats.h"

#define COMMAND "proportions"
#define MAX_TRIALS 1e15

static const MlrParamSpec alpha_spec = {
  .key = "alpha", .type = MLR_PARAM_NUMBER, .min = 1e-9, .max = 0.5,
  .help = "1 − the confidence level of the interval",
};

/* A whole number: "0", "10000", no sign, no exponent (beyond 2⁵³ only good enough to be
 * refused as more than 10¹⁵). */
static gboolean
parse_count (const char *s,
             double     *out)
{
  gsize len = strlen (s);
  double v = 0;

  if (len == 0 || len > 40)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* "500/10000" -> 500, 10000; FALSE with the exit code set after a message. */
static gboolean
parse_group (const char *option,
             const char *text,
             double     *successes,
             double     *trials,
             int        *exit_code)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "%s SUCCESSES/TRIALS is required, e.g. "
                                        "%s 500/10000 (see --help)", option, option);
      return FALSE;
    }
  parts = g_strsplit (text, "/", 3);
  if (g_strv_length (parts) != 2 ||
      !parse_count (g_strstrip (parts[0]), successes) ||
      !parse_count (g_strstrip (parts[1]), trials))
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "%s “%s”: expected SUCCESSES/TRIALS, two "
                                        "whole numbers such as 500/10000", option, text);
      return FALSE;
    }
  if (*trials < 1 || *trials > MAX_TRIALS)
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "%s %s: TRIALS must be from 1 to 10^15",
                                        option, text);
      return FALSE;
    }
  if (*successes > *trials)
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "%s %s: SUCCESSES cannot be more than TRIALS",
                                        option, text);
      return FALSE;
    }
  return TRUE;
}

static void
field (GString    *out,
       const char *name,
       double      v,
       gboolean    first)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v + 0.0);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append_printf (out, "%s\"%s\": %s", first ? "{" : ", ", name, buf);
}

int
mlr_cli_proportions (int    argc,
                     char **argv)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;
  g_autofree char *alpha_text = NULL;
  GOptionEntry entries[] = {
    { "a", 0, 0, G_OPTION_ARG_STRING, &a_text,
      "Group A (the control): its successes and trials", "SUCCESSES/TRIALS" },
    { "b", 0, 0, G_OPTION_ARG_STRING, &b_text,
      "Group B (the variant): its successes and trials", "SUCCESSES/TRIALS" },
    { "alpha", 0, 0, G_OPTION_ARG_STRING, &alpha_text,
      "The interval is the 1 − ALPHA confidence interval (1e-9 to 0.5; default 0.05)",
      "ALPHA" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  double sa, ta, sb, tb, alpha = 0.05;
  MlrStatsTest test;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "",
                              "The two-proportion z-test of B against A: z over the pooled "
                              "standard error, the\ntwo-sided p_value, diff = p_B − p_A and "
                              "its Wald 1 − alpha confidence interval\nci_low, ci_high "
                              "(unpooled standard error), as JSON.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[1]);
  if (!parse_group ("--a", a_text, &sa, &ta, &exit_code) ||
      !parse_group ("--b", b_text, &sb, &tb, &exit_code))
    return exit_code;
  if (alpha_text != NULL)
    {
      if (!mlr_param_spec_check (&alpha_spec, alpha_text, &error))
        return mlr_cli_usage_error (COMMAND, "--%s", error->message);
      alpha = g_ascii_strtod (alpha_text, NULL);
    }

  if (!mlr_stats_proportions_test (sa, ta, sb, tb, alpha, &test, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  if (test.se == 0)
    fprintf (stderr, "ml-roadmap-cli %s: note: each group's rate is 0 or 1, so the Wald "
             "interval has no width\n", COMMAND);

  field (out, "p_a", test.mean_a, TRUE);
  field (out, "p_b", test.mean_b, FALSE);
  field (out, "diff", test.diff, FALSE);
  field (out, "z", test.statistic, FALSE);
  field (out, "p_value", test.p_value, FALSE);
  field (out, "ci_low", test.ci_low, FALSE);
  field (out, "ci_high", test.ci_high, FALSE);
  field (out, "confidence", 1 - alpha, FALSE);
  g_string_append (out, "}\n");
  if (!mlr_cli_write_output (NULL, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
