/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: ml-roadmap-cli's subcommands on fuzzer-built command lines, in-process.
 * The real subcommand functions run (app/cli/ is compiled into this target with its main()
 * renamed), so every option, positional argument, --set KEY=VALUE and their checks are
 * exercised exactly as typed by a user. What would make the target slow or touch the machine
 * is wrapped at link time (ld --wrap), not changed in the CLI:
 *  - nothing is written: mlr_cli_write_output() to a file only returns TRUE, and rendering
 *    goes to this process's scratch folder at most 64x64 pixels;
 *  - nothing heavy runs: an optimizer takes at most 2,000 steps, and classifiers are fitted
 *    only when cheap (not the MLP, at most 300 points), else refused like an over-large job;
 *  - only known files are read: --train/--predict values and validate's paths are replaced
 *    by one of the fixtures (the hostile corpus, the shipped content), chosen by the
 *    fuzzer's text;
 *  - GOption's --help prints and calls exit(), which would end the fuzzer: help options are
 *    dropped.
 * Standard output and error go to /dev/null (set MLR_FUZZ_VERBOSE=1 to see them when
 * replaying a crash); sanitizer reports still reach fd 2.
 *
 * Input: one byte choosing the subcommand, then its arguments separated by NUL or newline.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/mlr-cli.h"
#include "ml/mlr-classifier.h"
#include "painters/mlr-demo-registry.h"
#include "ml/mlr-descent.h"
#include "ml/mlr-params.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "validate", mlr_cli_validate },
  { "dataset", mlr_cli_dataset },
  { "fit", mlr_cli_fit },
  { "descend", mlr_cli_descend },
  { "matrix", mlr_cli_matrix },
  { "demos", mlr_cli_demos },
  { "render", mlr_cli_render },
  { "ttest", mlr_cli_ttest },
  { "proportions", mlr_cli_proportions },
};

static GPtrArray *lesson_fixtures;  /* lesson files and content folders */
static GPtrArray *csv_fixtures;
static char *scratch;

/* The wraps ---------------------------------------------------------------------------------- */

gboolean __real_mlr_cli_write_output (const char *path, const char *data, gsize len,
                                      GError **error);
gboolean __wrap_mlr_cli_write_output (const char *path, const char *data, gsize len,
                                      GError **error);
gboolean __real_mlr_render_demo_to_file (const char *kind, const MlrParams *params,
                                         const char *path, int width, int height,
                                         gboolean dark, GError **error);
gboolean __wrap_mlr_render_demo_to_file (const char *kind, const MlrParams *params,
                                         const char *path, int width, int height,
                                         gboolean dark, GError **error);
gboolean __real_mlr_classifier_fit (MlrClassifier *self, const MlrDataset *train,
                                    GError **error);
gboolean __wrap_mlr_classifier_fit (MlrClassifier *self, const MlrDataset *train,
                                    GError **error);
gboolean __wrap_mlr_classifier_mlp_start (MlrClassifier *self, const MlrDataset *train,
                                          GError **error);
guint __real_mlr_descent_run (MlrDescent *self, guint n_steps);
guint __wrap_mlr_descent_run (MlrDescent *self, guint n_steps);

gboolean
__wrap_mlr_cli_write_output (const char  *path,
                             const char  *data,
                             gsize        len,
                             GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    return __real_mlr_cli_write_output (path, data, len, error);
  return TRUE;
}

gboolean
__wrap_mlr_render_demo_to_file (const char       *kind,
                                const MlrParams  *params,
                                const char       *path,
                                int               width,
                                int               height,
                                gboolean          dark,
                                GError          **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *safe = NULL;

  /* An unknown extension is refused before anything is painted or written. */
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") &&
      !g_str_has_suffix (lower, ".pdf"))
    return __real_mlr_render_demo_to_file (kind, params, path, width, height, dark, error);
  safe = g_strconcat (scratch, "/render", lower + strlen (lower) - 4, NULL);
  return __real_mlr_render_demo_to_file (kind, params, safe, MIN (width, 64),
                                         MIN (height, 64), dark, error);
}

gboolean
__wrap_mlr_classifier_fit (MlrClassifier     *self,
                           const MlrDataset  *train,
                           GError           **error)
{
  if (mlr_classifier_get_kind (self) == MLR_MODEL_MLP || train->n_points > 300)
    {
      g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE,
                   "fuzzing: not fitted (too slow to fit on every input)");
      return FALSE;
    }
  return __real_mlr_classifier_fit (self, train, error);
}

gboolean
__wrap_mlr_classifier_mlp_start (MlrClassifier     *self,
                                 const MlrDataset  *train,
                                 GError           **error)
{
  g_set_error (error, MLR_CLASSIFIER_ERROR, MLR_CLASSIFIER_ERROR_TOO_LARGE,
               "fuzzing: the MLP is not trained");
  return FALSE;
}

guint
__wrap_mlr_descent_run (MlrDescent *self,
                        guint       n_steps)
{
  return __real_mlr_descent_run (self, MIN (n_steps, 2000));
}

/* Set-up ---------------------------------------------------------------------------------------- */

static void
add_matching (GPtrArray  *into,
              const char *dir,
              const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  /* Sorted, so the same input picks the same file on every machine. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (into, g_strdup (names->pdata[i]));
}

static void
remove_scratch (void)
{
  g_autoptr(GDir) d = g_dir_open (scratch, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch, name, NULL);
      g_unlink (path);
    }
  g_rmdir (scratch);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *src = MLR_FUZZ_SOURCE_DIR;
  g_autofree char *hostile_lessons = g_build_filename (src, "tests", "hostile", "lessons", NULL);
  g_autofree char *hostile_csv = g_build_filename (src, "tests", "hostile", "csv", NULL);
  g_autofree char *content = g_build_filename (src, "content", NULL);
  g_autofree char *lessons = g_build_filename (src, "content", "lessons", NULL);

  lesson_fixtures = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lesson_fixtures, g_strdup (content));
  g_ptr_array_add (lesson_fixtures, g_build_filename (src, "tests", "data", "content", NULL));
  g_ptr_array_add (lesson_fixtures, g_build_filename (content, "roadmap.xml", NULL));
  g_ptr_array_add (lesson_fixtures, g_strdup (hostile_lessons));
  g_ptr_array_add (lesson_fixtures, g_build_filename (src, "no-such-file.xml", NULL));
  add_matching (lesson_fixtures, hostile_lessons, ".xml");
  add_matching (lesson_fixtures, lessons, "-theorem.xml");
  csv_fixtures = g_ptr_array_new_with_free_func (g_free);
  add_matching (csv_fixtures, hostile_csv, ".csv");
  g_ptr_array_add (csv_fixtures, g_strdup (hostile_csv));  /* a folder */

  scratch = g_dir_make_tmp ("mlr-fuzz-cli-XXXXXX", NULL);
  g_assert_nonnull (scratch);
  atexit (remove_scratch);
  /* `validate` with no path checks the content the app uses. */
  g_setenv ("MLR_CONTENT_DIR", content, TRUE);
  if (g_getenv ("MLR_FUZZ_VERBOSE") == NULL)
    {
      stdout = fopen ("/dev/null", "w");
      stderr = fopen ("/dev/null", "w");
    }
  return 0;
}

/* The command line ------------------------------------------------------------------------------ */

static const char *
pick (GPtrArray  *fixtures,
      const char *by)
{
  return fixtures->pdata[g_str_hash (by) % fixtures->len];
}

/* GOption prints help and calls exit() for these. */
static gboolean
is_help (const char *arg)
{
  if (g_str_has_prefix (arg, "--help"))
    return TRUE;
  return arg[0] == '-' && arg[1] != '-' && (strchr (arg, 'h') != NULL ||
                                             strchr (arg, '?') != NULL);
}

static gboolean
takes_input_file (const char *option)
{
  return g_str_equal (option, "--train") || g_str_equal (option, "--predict");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const Command *command;
  g_autofree char *text = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **argv = NULL;
  int argc;

  mlr_demo_registry_init ();
  if (size < 1 || size > 4096)
    return 0;
  command = &commands[data[0] % G_N_ELEMENTS (commands)];
  /* Arguments are C strings: a NUL ends one, as does a newline. */
  text = g_malloc (size);
  memcpy (text, data + 1, size - 1);
  text[size - 1] = '\0';
  for (gsize i = 0; i + 1 < size; i++)
    if (text[i] == '\0')
      text[i] = '\n';
  tokens = g_strsplit (text, "\n", 64);

  g_ptr_array_add (args, g_strdup (command->name));
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *t = tokens[i];

      if (*t == '\0' && tokens[i + 1] == NULL)
        break;
      if (is_help (t))
        continue;
      if (takes_input_file (t))
        {
          g_ptr_array_add (args, g_strdup (t));
          if (tokens[i + 1] != NULL)
            g_ptr_array_add (args, g_strdup (pick (csv_fixtures, tokens[++i])));
          continue;
        }
      if (g_str_has_prefix (t, "--train=") || g_str_has_prefix (t, "--predict="))
        {
          g_autofree char *option = g_strndup (t, strchr (t, '=') - t);
          g_ptr_array_add (args, g_strconcat (option, "=", pick (csv_fixtures, t), NULL));
          continue;
        }
      if (command->run == mlr_cli_validate && t[0] != '-')
        {
          g_ptr_array_add (args, g_strdup (pick (lesson_fixtures, t)));
          continue;
        }
      /* ttest's files: CSV fixtures, but not the value of --alpha */
      if (command->run == mlr_cli_ttest && t[0] != '-' &&
          (i == 0 || !g_str_equal (tokens[i - 1], "--alpha")))
        {
          g_ptr_array_add (args, g_strdup (pick (csv_fixtures, t)));
          continue;
        }
      g_ptr_array_add (args, g_strdup (t));
    }

  /* The subcommand may reorder argv (GOption removes what it parsed): keep our own list
   * of the strings to free. */
  argc = (int) args->len;
  argv = g_new0 (char *, argc + 1);
  memcpy (argv, args->pdata, argc * sizeof (char *));
  {
    int status = command->run (argc, argv);
    g_assert_true (status == MLR_CLI_EXIT_OK || status == MLR_CLI_EXIT_DATA ||
                   status == MLR_CLI_EXIT_USAGE);
  }
  fflush (stdout);
  fflush (stderr);
  return 0;
}
