/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli descend SURFACE --optimizer NAME [--start X,Y] [--steps N]
 *                        [--set KEY=VALUE]... [-o OUT.csv]
 *
 * Prints the optimizer's path as CSV `step,x,y,loss`, from step 0 (the start) to step N,
 * numbers as %.17g (they round-trip). A run that diverges stops at the last finite step and
 * says "diverged at step K" on stderr; that is still a successful run (exit 0).
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>

#include "ml/mlr-descent.h"
#include "ml/mlr-optimizer.h"
#include "ml/mlr-params.h"
#include "ml/mlr-surface.h"

#define COMMAND "descend"
#define DEFAULT_STEPS 100
#define MAX_STEPS 1000000
#define MAX_START 1e6

/* --start is checked with the same rules as lesson parameters. */
static const MlrParamSpec option_specs[] = {
  { "--start", MLR_PARAM_NUMBER_LIST, NULL, -MAX_START, MAX_START, NULL, 2, 2, NULL,
    "start point X,Y" },
};

static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v + 0.0));
}

/* An optional '+' and digits only: a whole number too large for 64 bits. */
static gboolean
all_digits (const char *s)
{
  if (*s == '+')
    s++;
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static char *
joined (const char * const *names)
{
  return g_strjoinv (", ", (char **) names);
}

static char *
build_summary (void)
{
  GString *s = g_string_new (NULL);
  g_autofree char *surfaces = joined (mlr_surface_names ());
  g_autofree char *optimizers = joined (mlr_optimizer_names ());
  const MlrParamSpec *specs;
  guint n_specs;

  specs = mlr_descend_cli_param_specs (&n_specs);
  g_string_append_printf (s,
                          "Runs an optimizer on a 2-D surface and prints its path as CSV\n"
                          "(step,x,y,loss), from step 0 (the start) to step N.\n"
                          "\n"
                          "Surfaces: %s\n"
                          "Optimizers: %s (PyTorch's update rules)\n"
                          "\n"
                          "--start defaults to the surface's start point (|X|, |Y| <= 1e6);\n"
                          "--steps defaults to %d and is capped at %d.\n"
                          "\n"
                          "Parameters for --set:\n",
                          surfaces, optimizers, DEFAULT_STEPS, MAX_STEPS);
  for (guint i = 0; i < n_specs; i++)
    {
      g_autofree char *accepted = mlr_param_spec_describe (&specs[i]);
      g_string_append_printf (s, "  %-9s %s; %s; default %s\n", specs[i].key, specs[i].help,
                              accepted,
                              specs[i].default_value ? specs[i].default_value
                                                     : "1e-8 (adagrad: 1e-10)");
    }
  g_string_append (s,
                   "\n"
                   "A step whose position or loss becomes non-finite, |x| or |y| > 1e8, or\n"
                   "|loss| > 1e300 is not taken: the path ends at the last good step and\n"
                   "“diverged at step K” goes to standard error (exit status 0).");
  return g_string_free (s, FALSE);
}

int
mlr_cli_descend (int    argc,
                 char **argv)
{
  g_autofree char *optimizer_name = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *steps_text = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) sets = NULL;
  GOptionEntry entries[] = {
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer_name,
      "Optimizer: gd, momentum, nesterov, rmsprop, adam or adagrad", "NAME" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      "Start point (default: the surface's)", "X,Y" },
    { "steps", 0, 0, G_OPTION_ARG_STRING, &steps_text,
      "Number of steps (default 100, at most 1000000)", "N" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      "Set a hyper-parameter (repeatable): lr, momentum, beta1, beta2, eps, alpha",
      "KEY=VALUE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the CSV to this file instead of standard output", "OUT.csv" },
    { NULL }
  };
  g_autofree char *summary = build_summary ();
  g_autoptr(MlrParams) options = mlr_params_new (option_specs, G_N_ELEMENTS (option_specs));
  g_autoptr(MlrParams) hyper = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrDescent) run = NULL;
  g_autoptr(GString) csv = NULL;
  const char *surface_name = NULL;
  const MlrParamSpec *hyper_specs;
  guint n_hyper_specs;
  MlrSurfaceId surface;
  MlrOptimizerKind kind;
  MlrOptimizerConfig config;
  MlrVec2 start;
  gint64 steps = DEFAULT_STEPS;
  guint n_points, diverged_at = 0;
  const MlrVec2 *path;
  const double *losses;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, "SURFACE", summary, entries, &argc, &argv, &exit_code))
    return exit_code;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        continue;
      if (surface_name != NULL)
        return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (only one SURFACE)",
                                    argv[i]);
      surface_name = argv[i];
    }
  if (surface_name == NULL)
    {
      g_autofree char *valid = joined (mlr_surface_names ());
      return mlr_cli_usage_error (COMMAND, "missing SURFACE (surfaces: %s)", valid);
    }
  if (!mlr_surface_lookup (surface_name, &surface, &error))
    return mlr_cli_usage_error (COMMAND, "%s", error->message);

  if (optimizer_name == NULL)
    {
      g_autofree char *valid = joined (mlr_optimizer_names ());
      return mlr_cli_usage_error (COMMAND, "missing --optimizer NAME (optimizers: %s)", valid);
    }
  if (!mlr_optimizer_kind_from_string (optimizer_name, &kind, &error))
    return mlr_cli_usage_error (COMMAND, "--optimizer: %s", error->message);

  start = mlr_surface_get_info (surface)->start;
  if (start_text != NULL)
    {
      double xy[2];

      if (!mlr_params_set (options, "--start", start_text, &error))
        return mlr_cli_usage_error (COMMAND, "%s (expected X,Y, e.g. --start=-1.5,2)",
                                    error->message);
      if (mlr_params_get_doubles (options, "--start", xy, 2) != 2)
        return mlr_cli_usage_error (COMMAND, "--start: expected X,Y");
      start.x = xy[0];
      start.y = xy[1];
    }

  if (steps_text != NULL)
    {
      if (!g_ascii_string_to_signed (steps_text, 10, G_MININT64, G_MAXINT64, &steps, NULL) &&
          !all_digits (steps_text))
        return mlr_cli_usage_error (COMMAND, "--steps: “%s” is not a whole number "
                                    "(expected 0 to %d)", steps_text, MAX_STEPS);
      if (!g_ascii_string_to_signed (steps_text, 10, G_MININT64, G_MAXINT64, &steps, NULL))
        steps = G_MAXINT64;  /* digits beyond 64 bits: capped below */
      if (steps < 0)
        return mlr_cli_usage_error (COMMAND, "--steps: %" G_GINT64_FORMAT " is negative "
                                    "(expected 0 to %d)", steps, MAX_STEPS);
      if (steps > MAX_STEPS)
        {
          fprintf (stderr, "ml-roadmap-cli %s: --steps %s is more than %d; running %d steps\n",
                   COMMAND, steps_text, MAX_STEPS, MAX_STEPS);
          steps = MAX_STEPS;
        }
    }

  hyper_specs = mlr_descend_cli_param_specs (&n_hyper_specs);
  hyper = mlr_params_new (hyper_specs, n_hyper_specs);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      if (!mlr_params_parse_assignment (hyper, sets[i], &error))
        return mlr_cli_usage_error (COMMAND, "--set: %s", error->message);
    }
  for (guint i = 0; i < n_hyper_specs; i++)
    if (mlr_params_has (hyper, hyper_specs[i].key) &&
        !mlr_optimizer_uses_param (kind, hyper_specs[i].key))
      fprintf (stderr, "ml-roadmap-cli %s: note: %s has no effect on %s\n",
               COMMAND, hyper_specs[i].key, mlr_optimizer_kind_to_string (kind));
  mlr_optimizer_config_from_params (&config, kind, hyper);

  run = mlr_descent_new_surface (surface, &config, &start);
  mlr_descent_run (run, (guint) steps);

  path = mlr_descent_get_path (run, &n_points);
  losses = mlr_descent_get_losses (run, NULL);
  csv = g_string_sized_new (16 + (gsize) n_points * 64);
  g_string_append (csv, "step,x,y,loss\n");
  for (guint i = 0; i < n_points; i++)
    {
      g_string_append_printf (csv, "%u,", i);
      append_number (csv, path[i].x);
      g_string_append_c (csv, ',');
      append_number (csv, path[i].y);
      g_string_append_c (csv, ',');
      append_number (csv, losses[i]);
      g_string_append_c (csv, '\n');
    }

  if (!mlr_cli_write_output (output, csv->str, csv->len, &error))
    return mlr_cli_data_error (COMMAND, "could not write %s: %s",
                               output ? output : "the output", error->message);

  if (mlr_descent_is_diverged (run, &diverged_at))
    fprintf (stderr, "ml-roadmap-cli %s: diverged at step %u (the position or loss became "
             "non-finite or too large); the path ends at step %u\n",
             COMMAND, diverged_at, mlr_descent_get_step (run));

  return MLR_CLI_EXIT_OK;
}
