/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli: the headless tool. Each subcommand is one file, mlr-cli-NAME.c, exporting
 * `int mlr_cli_NAME (int argc, char **argv)` where argv[0] is the subcommand's name, and one
 * row in the table in mlr-cli.c.
 *
 * Exit codes: 0 success, 1 bad data or content (a message names FILE:LINE), 2 usage error
 * (a message names the option and the valid choices).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_CLI_EXIT_OK    0
#define MLR_CLI_EXIT_DATA  1
#define MLR_CLI_EXIT_USAGE 2

int  mlr_cli_validate (int argc, char **argv);
int  mlr_cli_dataset  (int argc, char **argv);
int  mlr_cli_fit      (int argc, char **argv);
int  mlr_cli_descend  (int argc, char **argv);
int  mlr_cli_matrix   (int argc, char **argv);
int  mlr_cli_demos    (int argc, char **argv);
int  mlr_cli_render   (int argc, char **argv);
int  mlr_cli_metrics  (int argc, char **argv);
int  mlr_cli_ttest    (int argc, char **argv);
int  mlr_cli_proportions (int argc, char **argv);

int  mlr_cli_evaluate (int argc, char **argv);

int  mlr_cli_cluster  (int argc, char **argv);
int  mlr_cli_convolve (int argc, char **argv);
int  mlr_cli_forecast (int argc, char **argv);
int  mlr_cli_attention (int argc, char **argv);
int  mlr_cli_drift    (int argc, char **argv);
int  mlr_cli_math     (int argc, char **argv);

/* `fit text-nb` (mlr-cli-fit-text.c). */
int         mlr_cli_fit_text_nb      (const char  *train_path,
                                      const char  *predict_path,
                                      char       **settings,
                                      const char  *output);
const char *mlr_cli_fit_text_summary (void);

/* Prints "ml-roadmap-cli COMMAND: message" to stderr and returns MLR_CLI_EXIT_USAGE. */
int  mlr_cli_usage_error (const char *command,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

/* Prints "ml-roadmap-cli COMMAND: message" to stderr and returns MLR_CLI_EXIT_DATA. */
int  mlr_cli_data_error  (const char *command,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

/* Parses @argc/@argv with @entries (plus --help); on a bad option prints the message and
 * returns FALSE with *exit_code set to MLR_CLI_EXIT_USAGE. */
gboolean mlr_cli_parse_options (const char   *command,
                                const char   *parameter_string,
                                const char   *summary,
                                GOptionEntry *entries,
                                int          *argc,
                                char       ***argv,
                                int          *exit_code);

/* Writes @len bytes to @path atomically, or to stdout when @path is NULL or "-". */
gboolean mlr_cli_write_output (const char  *path,
                               const char  *data,
                               gsize        len,
                               GError     **error);

/* The command line as main() received it (NULL-terminated), for handing a command to
 * ml-roadmap-cli-draw (mlr-cli-draw.h). */
char      **mlr_cli_get_command_line (void);

G_END_DECLS
