/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli matrix A B C D [--json]
 *
 * Determinant, inverse, eigenvalues, eigenvectors and singular values of [[A, B], [C, D]].
 * Human-readable output prints numbers with %.10g; --json prints one object with %.17g
 * (round-trip) numbers:
 *
 *   { "matrix": [[a, b], [c, d]], "det": …, "trace": …, "singular": false,
 *     "inverse": [[…, …], […, …]] | null,
 *     "eigenvalues": [[re, im], [re, im]], "eigenvalues_complex": false,
 *     "eigenvalue_repeated": false, "defective": false,
 *     "eigenvectors": [[x, y], …],           (0, 1 or 2 unit vectors)
 *     "singular_values": [s1, s2],
 *     "svd": { "u": [[…]], "s": [s1, s2], "vt": [[…]] } }
 *
 * Entries must be finite numbers with magnitude at most 1e150 (so every result is finite);
 * anything else is a usage error (exit 2).
 */
#include "config.h"

#include "mlr-cli.h"

#include <stdio.h>

#include "ml/mlr-mat2.h"
#include "ml/mlr-params.h"

#define COMMAND "matrix"

static const MlrParamSpec entry_specs[] = {
  { "A", MLR_PARAM_NUMBER, NULL, -MLR_MAT2_MAX_ENTRY, MLR_MAT2_MAX_ENTRY, NULL, 0, 0, NULL, "" },
  { "B", MLR_PARAM_NUMBER, NULL, -MLR_MAT2_MAX_ENTRY, MLR_MAT2_MAX_ENTRY, NULL, 0, 0, NULL, "" },
  { "C", MLR_PARAM_NUMBER, NULL, -MLR_MAT2_MAX_ENTRY, MLR_MAT2_MAX_ENTRY, NULL, 0, 0, NULL, "" },
  { "D", MLR_PARAM_NUMBER, NULL, -MLR_MAT2_MAX_ENTRY, MLR_MAT2_MAX_ENTRY, NULL, 0, 0, NULL, "" },
};

static void
num (GString    *s,
     const char *format,
     double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* + 0.0 turns -0 into 0 */
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, format, v + 0.0));
}

static void
mat (GString       *s,
     const char    *format,
     const MlrMat2 *m)
{
  g_string_append (s, "[[");
  num (s, format, m->a);
  g_string_append (s, ", ");
  num (s, format, m->b);
  g_string_append (s, "], [");
  num (s, format, m->c);
  g_string_append (s, ", ");
  num (s, format, m->d);
  g_string_append (s, "]]");
}

static void
pair (GString    *s,
      const char *format,
      double      x,
      double      y)
{
  g_string_append_c (s, '[');
  num (s, format, x);
  g_string_append (s, ", ");
  num (s, format, y);
  g_string_append_c (s, ']');
}

static void
write_json (GString            *s,
            const MlrMat2      *m,
            double              det,
            gboolean            invertible,
            const MlrMat2      *inverse,
            const MlrMat2Eigen *eigen,
            const MlrMat2Svd   *svd)
{
  const char *f = "%.17g";
  gboolean defective = eigen->is_repeated && eigen->n_vectors == 1;

  g_string_append (s, "{\"matrix\": ");
  mat (s, f, m);
  g_string_append (s, ", \"det\": ");
  num (s, f, det);
  g_string_append (s, ", \"trace\": ");
  num (s, f, mlr_mat2_trace (m));
  g_string_append_printf (s, ", \"singular\": %s", invertible ? "false" : "true");
  g_string_append (s, ", \"inverse\": ");
  if (invertible)
    mat (s, f, inverse);
  else
    g_string_append (s, "null");
  g_string_append (s, ", \"eigenvalues\": [");
  for (guint i = 0; i < 2; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      pair (s, f, eigen->values[i].re, eigen->values[i].im);
    }
  g_string_append_printf (s, "], \"eigenvalues_complex\": %s, \"eigenvalue_repeated\": %s"
                          ", \"defective\": %s",
                          eigen->is_complex ? "true" : "false",
                          eigen->is_repeated ? "true" : "false",
                          defective ? "true" : "false");
  g_string_append (s, ", \"eigenvectors\": [");
  for (guint i = 0; i < eigen->n_vectors; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      pair (s, f, eigen->vectors[i].x, eigen->vectors[i].y);
    }
  g_string_append (s, "], \"singular_values\": ");
  pair (s, f, svd->sigma[0], svd->sigma[1]);
  g_string_append (s, ", \"svd\": {\"u\": ");
  mat (s, f, &svd->u);
  g_string_append (s, ", \"s\": ");
  pair (s, f, svd->sigma[0], svd->sigma[1]);
  g_string_append (s, ", \"vt\": ");
  mat (s, f, &svd->vt);
  g_string_append (s, "}}\n");
}

static void
write_text (GString            *s,
            const MlrMat2      *m,
            double              det,
            gboolean            invertible,
            const MlrMat2      *inverse,
            const MlrMat2Eigen *eigen,
            const MlrMat2Svd   *svd)
{
  const char *f = "%.10g";

  g_string_append (s, "matrix:           ");
  mat (s, f, m);
  g_string_append (s, "\ndeterminant:      ");
  num (s, f, det);
  g_string_append (s, "\ntrace:            ");
  num (s, f, mlr_mat2_trace (m));
  g_string_append (s, "\ninverse:          ");
  if (invertible)
    mat (s, f, inverse);
  else
    g_string_append (s, "none (the matrix is singular, or too close to singular to invert "
                        "in double precision)");

  g_string_append (s, "\neigenvalues:      ");
  if (eigen->is_complex)
    {
      num (s, f, eigen->values[0].re);
      g_string_append (s, " ± ");
      num (s, f, eigen->values[0].im);
      g_string_append (s, "i (complex: the matrix rotates every direction)");
    }
  else
    {
      num (s, f, eigen->values[0].re);
      g_string_append (s, ", ");
      num (s, f, eigen->values[1].re);
      if (eigen->is_repeated)
        g_string_append (s, " (repeated)");
    }

  g_string_append (s, "\neigenvectors:     ");
  if (eigen->is_complex)
    g_string_append (s, "none in the real plane");
  else if (eigen->is_repeated && eigen->n_vectors == 2)
    g_string_append (s, "every vector (a scalar matrix); basis (1, 0), (0, 1)");
  else
    {
      for (guint i = 0; i < eigen->n_vectors; i++)
        {
          if (i > 0)
            g_string_append (s, ", ");
          g_string_append_c (s, '(');
          num (s, f, eigen->vectors[i].x);
          g_string_append (s, ", ");
          num (s, f, eigen->vectors[i].y);
          g_string_append (s, ") for ");
          num (s, f, eigen->values[i].re);
        }
      if (eigen->n_vectors == 1)
        g_string_append (s, " only (defective: the repeated eigenvalue has one direction)");
    }

  g_string_append (s, "\nsingular values:  ");
  num (s, f, svd->sigma[0]);
  g_string_append (s, ", ");
  num (s, f, svd->sigma[1]);
  g_string_append_c (s, '\n');
}

static gboolean
is_option (const char *arg)
{
  /* Numbers may start with '-' ("-1", "-.5"), so only long options and -h are options. */
  return (g_str_has_prefix (arg, "--") && arg[2] != '\0') ||
         g_str_equal (arg, "-h") || g_str_equal (arg, "-?");
}

int
mlr_cli_matrix (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print one JSON object (numbers with %.17g) instead of text", NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) options = g_ptr_array_new ();
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean only_positional = FALSE;
  double v[4];
  MlrMat2 m, inverse = { 0 };
  MlrMat2Eigen eigen;
  MlrMat2Svd svd;
  gboolean invertible;
  char **opt_argv;
  int opt_argc;
  int exit_code;

  /* Split numbers from options ourselves so "-1" is a number, not an unknown option. */
  g_ptr_array_add (options, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (!only_positional && g_str_equal (argv[i], "--"))
        only_positional = TRUE;
      else if (!only_positional && is_option (argv[i]))
        g_ptr_array_add (options, argv[i]);
      else
        g_ptr_array_add (numbers, argv[i]);
    }
  g_ptr_array_add (options, NULL);
  opt_argc = (int) options->len - 1;
  opt_argv = (char **) options->pdata;

  if (!mlr_cli_parse_options (COMMAND, "A B C D",
                              "Analyses the 2x2 matrix [[A, B], [C, D]]: determinant, inverse, "
                              "eigenvalues,\neigenvectors and singular values. Entries are "
                              "finite numbers, |x| <= 1e150.\nA matrix is singular when its "
                              "smallest singular value is at most 8 DBL_EPSILON\ntimes its "
                              "largest; text output uses %.10g, --json %.17g.",
                              entries, &opt_argc, &opt_argv, &exit_code))
    return exit_code;
  for (int i = 1; i < opt_argc; i++)
    g_ptr_array_add (numbers, opt_argv[i]);

  if (numbers->len != 4)
    return mlr_cli_usage_error (COMMAND, "expected 4 numbers A B C D for the matrix "
                                "[[A, B], [C, D]], got %u", numbers->len);
  for (guint i = 0; i < 4; i++)
    {
      const char *text = g_ptr_array_index (numbers, i);

      if (!mlr_param_spec_check (&entry_specs[i], text, &error))
        return mlr_cli_usage_error (COMMAND, "matrix entry %s (expected a finite number, "
                                    "|x| <= 1e150)", error->message);
      v[i] = g_ascii_strtod (text, NULL);
    }
  m = (MlrMat2) { v[0], v[1], v[2], v[3] };

  invertible = mlr_mat2_inverse (&m, &inverse, NULL);
  mlr_mat2_eigen (&m, &eigen);
  mlr_mat2_svd (&m, &svd);
  if (json)
    write_json (out, &m, mlr_mat2_det (&m), invertible, &inverse, &eigen, &svd);
  else
    write_text (out, &m, mlr_mat2_det (&m), invertible, &inverse, &eigen, &svd);

  if (!mlr_cli_write_output (NULL, out->str, out->len, &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
