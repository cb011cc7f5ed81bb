/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress file: round trips; an interrupted write leaves the old file intact; a corrupt
 * file is recovered with a backup; unreadable files are never overwritten; import and export.
 * With a save delay (as the app runs it): a burst of changes is one background write of the
 * final state; a flush writes at once; writes take turns and the newest state wins; failures
 * are reported and leave the old file as it was.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lessons/mlr-lessons-enums.h"
#include "lessons/mlr-progress.h"

void mlr_progress_set_fail_point (MlrProgress *progress, int point);

static char *
temp_dir (void)
{
  return g_dir_make_tmp ("mlr-progress-XXXXXX", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (cmd), ==, 0);
}

static guint
count_files (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "progress.ini", NULL);
  g_autoptr(MlrProgress) a = mlr_progress_new (path);
  g_autoptr(MlrProgress) b = mlr_progress_new (path);
  g_autoptr(GError) error = NULL;
  guint score = 0, total = 0;
  const char *ids[] = { "one", "two", "three", "four", NULL };
  guint finished;

  g_assert_true (mlr_progress_load (a, NULL, &error));
  g_assert_cmpint (mlr_progress_get_state (a, "one"), ==, MLR_LESSON_NOT_STARTED);
  g_assert_true (mlr_progress_set_state (a, "one", MLR_LESSON_DONE, &error));
  g_assert_true (mlr_progress_set_state (a, "two", MLR_LESSON_SKIPPED, &error));
  g_assert_true (mlr_progress_set_state (a, "three", MLR_LESSON_IN_PROGRESS, &error));
  g_assert_true (mlr_progress_set_position (a, "three", 0.4271, &error));
  g_assert_true (mlr_progress_record_quiz (a, "one", 3, 5, &error));
  g_assert_true (mlr_progress_record_quiz (a, "one", 2, 5, &error));  /* worse: kept 3/5 */
  g_assert_true (mlr_progress_add_challenge (a, "one", "converge-500", &error));
  g_assert_true (mlr_progress_add_challenge (a, "one", "converge-500", &error));
  g_assert_true (mlr_progress_add_challenge (a, "one", "det-minus-2", &error));
  g_assert_no_error (error);

  g_assert_true (mlr_progress_load (b, NULL, &error));
  g_assert_cmpint (mlr_progress_get_state (b, "one"), ==, MLR_LESSON_DONE);
  g_assert_cmpint (mlr_progress_get_state (b, "two"), ==, MLR_LESSON_SKIPPED);
  g_assert_cmpint (mlr_progress_get_state (b, "three"), ==, MLR_LESSON_IN_PROGRESS);
  g_assert_cmpint (mlr_progress_get_state (b, "four"), ==, MLR_LESSON_NOT_STARTED);
  g_assert_cmpfloat_with_epsilon (mlr_progress_get_position (b, "three"), 0.427, 1e-9);
  g_assert_true (mlr_progress_get_quiz (b, "one", &score, &total));
  g_assert_cmpuint (score, ==, 3);
  g_assert_cmpuint (total, ==, 5);
  g_assert_false (mlr_progress_get_quiz (b, "two", &score, &total));
  g_assert_true (mlr_progress_has_challenge (b, "one", "converge-500"));
  g_assert_true (mlr_progress_has_challenge (b, "one", "det-minus-2"));
  g_assert_false (mlr_progress_has_challenge (b, "two", "converge-500"));
  /* (done + skipped) / total */
  g_assert_cmpfloat_with_epsilon (mlr_progress_fraction (b, ids, &finished), 0.5, 1e-12);
  g_assert_cmpuint (finished, ==, 2);
  remove_tree (dir);
}

static void
test_interrupted_write_keeps_old_file (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(MlrProgress) check = mlr_progress_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  g_assert_true (mlr_progress_set_state (p, "one", MLR_LESSON_DONE, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* The write dies after the new bytes are on disk but before they replace the file. */
  mlr_progress_set_fail_point (p, 1);
  g_assert_false (mlr_progress_set_state (p, "two", MLR_LESSON_DONE, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  /* No half-written temporary file is left behind. */
  g_assert_cmpuint (count_files (dir, "progress.ini."), ==, 0);
  /* The change is still in memory for this session. */
  g_assert_cmpint (mlr_progress_get_state (p, "two"), ==, MLR_LESSON_DONE);

  g_assert_true (mlr_progress_load (check, NULL, NULL));
  g_assert_cmpint (mlr_progress_get_state (check, "one"), ==, MLR_LESSON_DONE);
  g_assert_cmpint (mlr_progress_get_state (check, "two"), ==, MLR_LESSON_NOT_STARTED);
  remove_tree (dir);
}

static void
test_corrupt_file_is_backed_up (void)
{
  static const char *bad[] = {
    "this is not a key file\n\x01\x02",
    "[ml-roadmap]\nversion=banana\n",
    "[something-else]\nx=1\n",
    "[ml-roadmap\nversion=1\n",
    "\xff\xfe\x00\x00garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *dir = temp_dir ();
      g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
      g_autoptr(MlrProgress) p = mlr_progress_new (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *backup = NULL;
      g_autofree char *kept = NULL;
      /* The last one holds NULs, so strlen() cannot measure it: 11 bytes. */
      gsize len = i == 4 ? 11 : strlen (bad[i]);
      gsize kept_len = 0;

      g_assert_true (g_file_set_contents (path, bad[i], len, NULL));
      g_assert_false (mlr_progress_load (p, &backup, &error));
      g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT);
      g_assert_nonnull (backup);
      g_assert_true (g_str_has_prefix (backup, path));
      g_assert_true (strstr (backup, ".corrupt-") != NULL);
      /* The backup holds exactly what was there. */
      g_assert_true (g_file_get_contents (backup, &kept, &kept_len, NULL));
      g_assert_cmpmem (kept, kept_len, bad[i], len);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* The app goes on with a fresh record that saves normally. */
      g_assert_true (mlr_progress_is_writable (p));
      g_assert_true (mlr_progress_set_state (p, "x", MLR_LESSON_DONE, NULL));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      remove_tree (dir);
    }
}

static void
test_huge_file (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  char *big = g_malloc (3 * 1024 * 1024);

  memset (big, '#', 3 * 1024 * 1024);
  g_assert_true (g_file_set_contents (path, big, 3 * 1024 * 1024, NULL));
  g_free (big);
  g_assert_false (mlr_progress_load (p, &backup, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  remove_tree (dir);
}

static void
test_unreadable_is_never_overwritten (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(MlrProgress) q = mlr_progress_new (newer);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  /* Something we cannot read as a file sits where the progress file should be. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (mlr_progress_load (p, NULL, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE);
  g_assert_false (mlr_progress_is_writable (p));
  g_clear_error (&error);
  g_assert_false (mlr_progress_set_state (p, "one", MLR_LESSON_DONE, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_LEFT_UNTOUCHED);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  /* A file from a newer version is kept as it is. */
  g_assert_true (g_file_set_contents (newer, "[ml-roadmap]\nversion=9\n[lesson a]\nstate=done\n",
                                      -1, NULL));
  g_assert_false (mlr_progress_load (q, NULL, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE);
  g_assert_false (mlr_progress_set_state (q, "b", MLR_LESSON_DONE, NULL));
  g_assert_true (g_file_get_contents (newer, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, "[ml-roadmap]\nversion=9\n[lesson a]\nstate=done\n");
  remove_tree (dir);
}

static void
test_unwritable_folder (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "progress.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  g_assert_true (mlr_progress_load (p, NULL, NULL));
  g_assert_false (mlr_progress_set_state (p, "one", MLR_LESSON_DONE, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE);
  /* The session keeps the change even though it cannot be saved. */
  g_assert_cmpint (mlr_progress_get_state (p, "one"), ==, MLR_LESSON_DONE);
  remove_tree (dir);
}

static void
test_bad_values_are_dropped (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  guint score, total;

  g_assert_true (g_file_set_contents (path,
    "[ml-roadmap]\nversion=1\n"
    "[lesson a]\nstate=banana\nposition=nan\nquiz-score=9\nquiz-total=5\n"
    "[lesson b]\nstate=done\nposition=7\n"
    "[lesson c]\nstate=skipped\nposition=0.5\n", -1, NULL));
  g_assert_true (mlr_progress_load (p, NULL, NULL));
  g_assert_cmpint (mlr_progress_get_state (p, "a"), ==, MLR_LESSON_NOT_STARTED);
  g_assert_false (mlr_progress_get_quiz (p, "a", &score, &total));
  g_assert_cmpfloat (mlr_progress_get_position (p, "a"), ==, 0);
  g_assert_cmpint (mlr_progress_get_state (p, "b"), ==, MLR_LESSON_DONE);
  g_assert_cmpfloat (mlr_progress_get_position (p, "b"), ==, 0);
  g_assert_cmpint (mlr_progress_get_state (p, "c"), ==, MLR_LESSON_SKIPPED);
  g_assert_cmpfloat (mlr_progress_get_position (p, "c"), ==, 0.5);
  remove_tree (dir);
}

static void
test_export_import (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.ini", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  g_assert_true (mlr_progress_set_state (p, "a", MLR_LESSON_DONE, NULL));
  g_assert_true (mlr_progress_export (p, exported, &error));
  g_assert_true (mlr_progress_set_state (p, "a", MLR_LESSON_SKIPPED, NULL));
  g_assert_true (mlr_progress_set_state (p, "b", MLR_LESSON_DONE, NULL));

  /* A bad file changes nothing. */
  g_assert_true (g_file_set_contents (garbage, "nope", -1, NULL));
  g_assert_false (mlr_progress_import (p, garbage, &backup, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT);
  g_assert_null (backup);
  g_assert_cmpint (mlr_progress_get_state (p, "b"), ==, MLR_LESSON_DONE);
  g_clear_error (&error);

  /* A good one replaces the record, after keeping the current one as a backup. */
  g_assert_true (mlr_progress_import (p, exported, &backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mlr_progress_get_state (p, "a"), ==, MLR_LESSON_DONE);
  g_assert_cmpint (mlr_progress_get_state (p, "b"), ==, MLR_LESSON_NOT_STARTED);
  g_assert_nonnull (backup);
  {
    g_autoptr(MlrProgress) old = mlr_progress_new (backup);
    g_assert_true (mlr_progress_load (old, NULL, NULL));
    g_assert_cmpint (mlr_progress_get_state (old, "b"), ==, MLR_LESSON_DONE);
  }
  remove_tree (dir);
}

/* The states are a registered GObject enum (for properties), with the file's names as nicks. */
static void
test_state_enum (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MLR_TYPE_LESSON_STATE);

  g_assert_cmpuint (klass->n_values, ==, MLR_LESSON_SKIPPED + 1);
  for (guint i = 0; i < klass->n_values; i++)
    {
      GEnumValue *v = g_enum_get_value (klass, (int) i);
      MlrLessonState state;

      g_assert_nonnull (v);
      g_assert_cmpstr (v->value_nick, ==, mlr_lesson_state_to_string ((MlrLessonState) i));
      g_assert_true (mlr_lesson_state_from_string (v->value_nick, &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_true (G_TYPE_IS_ENUM (MLR_TYPE_PROGRESS_ERROR));
}

/* Deferred saving ----------------------------------------------------------------------- */

typedef struct {
  guint   n_writes;
  guint   n_failed;
  GError *last_error;
} Saved;

static void
saved_cb (MlrProgress  *progress,
          const GError *error,
          gpointer      user_data)
{
  Saved *saved = user_data;

  saved->n_writes++;
  g_clear_error (&saved->last_error);
  if (error != NULL)
    {
      saved->n_failed++;
      saved->last_error = g_error_copy (error);
    }
}

/* Runs the main loop until @saved has heard of @n writes (or 10 s pass), then @settle_ms more
 * so that a write that should not happen has the time to. */
static void
wait_writes (Saved *saved,
             guint  n,
             guint  settle_ms)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (saved->n_writes < n && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  end = g_get_monotonic_time () + settle_ms * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static void
test_deferred_burst (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(MlrProgress) check = mlr_progress_new (path);
  Saved saved = { 0 };

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  mlr_progress_set_save_delay (p, 50, saved_cb, &saved);
  /* Many rapid changes, as a learner clicking through: nothing is written on this thread. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("lesson-%u", i % 7);
      g_assert_true (mlr_progress_set_state (p, id, i % 2 ? MLR_LESSON_DONE
                                                          : MLR_LESSON_SKIPPED, NULL));
      g_assert_true (mlr_progress_set_position (p, id, i / 200.0, NULL));
    }
  g_assert_true (mlr_progress_record_quiz (p, "lesson-3", 4, 5, NULL));
  g_assert_true (mlr_progress_add_challenge (p, "lesson-3", "converge", NULL));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (mlr_progress_has_unsaved_changes (p));

  /* One write, of the final state. */
  wait_writes (&saved, 1, 300);
  g_assert_cmpuint (saved.n_writes, ==, 1);
  g_assert_no_error (saved.last_error);
  g_assert_false (mlr_progress_has_unsaved_changes (p));
  g_assert_true (mlr_progress_load (check, NULL, NULL));
  for (guint i = 193; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("lesson-%u", i % 7);
      g_assert_cmpint (mlr_progress_get_state (check, id), ==,
                       i % 2 ? MLR_LESSON_DONE : MLR_LESSON_SKIPPED);
      g_assert_cmpfloat_with_epsilon (mlr_progress_get_position (check, id), i / 200.0, 1e-3);
    }
  g_assert_true (mlr_progress_has_challenge (check, "lesson-3", "converge"));
  g_assert_cmpuint (count_files (dir, "progress.ini."), ==, 0);
  remove_tree (dir);
}

static void
test_deferred_flush (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autofree char *waiting = g_build_filename (dir, "waiting.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(MlrProgress) check = mlr_progress_new (path);
  MlrProgress *q = mlr_progress_new (waiting);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Saved saved = { 0 };

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  /* A delay far longer than the test: only the flush can write. */
  mlr_progress_set_save_delay (p, 60 * 1000, saved_cb, &saved);
  g_assert_true (mlr_progress_set_state (p, "one", MLR_LESSON_DONE, NULL));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Quitting right after the change still saves it. */
  g_assert_true (mlr_progress_flush (p, &error));
  g_assert_no_error (error);
  g_assert_false (mlr_progress_has_unsaved_changes (p));
  g_assert_true (mlr_progress_load (check, NULL, NULL));
  g_assert_cmpint (mlr_progress_get_state (check, "one"), ==, MLR_LESSON_DONE);
  /* Nothing to write is no write. */
  g_assert_true (mlr_progress_flush (p, &error));
  wait_writes (&saved, 0, 50);
  g_assert_cmpuint (saved.n_writes, ==, 0);

  /* Freeing a store with a write still waiting writes it. */
  g_assert_true (mlr_progress_load (q, NULL, NULL));
  mlr_progress_set_save_delay (q, 60 * 1000, NULL, NULL);
  g_assert_true (mlr_progress_set_state (q, "two", MLR_LESSON_SKIPPED, NULL));
  mlr_progress_free (q);
  text = read_text (waiting);
  g_assert_nonnull (strstr (text, "[lesson two]\nstate=skipped"));
  remove_tree (dir);
}

static void
test_deferred_newest_wins (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  Saved saved = { 0 };

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  mlr_progress_set_save_delay (p, 60 * 1000, saved_cb, &saved);
  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(MlrProgress) check = mlr_progress_new (path);
      g_autofree char *older = g_strdup_printf ("older-%u", round);
      g_autofree char *newer = g_strdup_printf ("newer-%u", round);
      guint before = saved.n_writes;

      /* A background write of one state starts; the state moves on and is flushed while that
       * write may still be in flight, or not even started. */
      g_assert_true (mlr_progress_set_state (p, older, MLR_LESSON_DONE, NULL));
      mlr_progress_write_soon (p);
      g_assert_true (mlr_progress_set_state (p, newer, MLR_LESSON_DONE, NULL));
      g_assert_true (mlr_progress_flush (p, NULL));
      /* Whenever the background write runs, it never puts the older state back. */
      wait_writes (&saved, before + 1, 0);
      g_assert_cmpuint (saved.n_writes, ==, before + 1);
      g_assert_true (mlr_progress_load (check, NULL, NULL));
      g_assert_cmpint (mlr_progress_get_state (check, newer), ==, MLR_LESSON_DONE);
      g_assert_cmpint (mlr_progress_get_state (check, older), ==, MLR_LESSON_DONE);
      g_assert_false (mlr_progress_has_unsaved_changes (p));
    }
  g_assert_cmpuint (saved.n_failed, ==, 0);
  g_assert_cmpuint (count_files (dir, "progress.ini."), ==, 0);
  remove_tree (dir);
}

static void
test_deferred_failures (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autofree char *unreadable = g_build_filename (dir, "folder.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(MlrProgress) u = mlr_progress_new (unreadable);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Saved saved = { 0 };

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  g_assert_true (mlr_progress_set_state (p, "one", MLR_LESSON_DONE, NULL));
  before = read_text (path);
  mlr_progress_set_save_delay (p, 20, saved_cb, &saved);

  /* The write dies before the new file replaces the old one (a full or read-only disk). */
  mlr_progress_set_fail_point (p, 1);
  g_assert_true (mlr_progress_set_state (p, "two", MLR_LESSON_DONE, NULL));
  wait_writes (&saved, 1, 100);
  /* Said once, not retried on its own. */
  g_assert_cmpuint (saved.n_writes, ==, 1);
  g_assert_error (saved.last_error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE);
  after = read_text (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (dir, "progress.ini."), ==, 0);
  g_assert_cmpint (mlr_progress_get_state (p, "two"), ==, MLR_LESSON_DONE);
  g_assert_true (mlr_progress_has_unsaved_changes (p));
  /* Quitting tries once more and says why it could not. */
  g_assert_false (mlr_progress_flush (p, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE);
  g_clear_error (&error);
  /* Once the disk takes it again, the next change writes everything. */
  mlr_progress_set_fail_point (p, 0);
  g_assert_true (mlr_progress_set_state (p, "three", MLR_LESSON_SKIPPED, NULL));
  wait_writes (&saved, 2, 0);
  g_assert_no_error (saved.last_error);
  g_free (after);
  after = read_text (path);
  g_assert_nonnull (strstr (after, "[lesson two]\nstate=done"));
  g_assert_nonnull (strstr (after, "[lesson three]\nstate=skipped"));

  /* A record that could not be read is never written, deferred or not. */
  g_assert_cmpint (g_mkdir (unreadable, 0700), ==, 0);
  g_assert_false (mlr_progress_load (u, NULL, NULL));
  mlr_progress_set_save_delay (u, 20, saved_cb, &saved);
  g_assert_false (mlr_progress_set_state (u, "one", MLR_LESSON_DONE, &error));
  g_assert_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_LEFT_UNTOUCHED);
  g_clear_error (&error);
  mlr_progress_write_soon (u);
  g_assert_true (mlr_progress_flush (u, NULL));
  wait_writes (&saved, 2, 100);
  g_assert_cmpuint (saved.n_writes, ==, 2);
  g_assert_true (g_file_test (unreadable, G_FILE_TEST_IS_DIR));
  g_clear_error (&saved.last_error);
  remove_tree (dir);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_export_import_async (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "progress.ini", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.ini", NULL);
  g_autoptr(MlrProgress) p = mlr_progress_new (path);
  g_autoptr(MlrProgress) check = mlr_progress_new (path);
  g_autoptr(GAsyncResult) exported_result = NULL;
  g_autoptr(GAsyncResult) imported_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  Saved saved = { 0 };

  g_assert_true (mlr_progress_load (p, NULL, NULL));
  mlr_progress_set_save_delay (p, 60 * 1000, saved_cb, &saved);
  g_assert_true (mlr_progress_set_state (p, "a", MLR_LESSON_DONE, NULL));
  g_assert_true (mlr_progress_flush (p, NULL));
  mlr_progress_export_async (p, exported, NULL, async_done_cb, &exported_result);
  g_assert_true (mlr_progress_export_finish (p, wait_result (&exported_result), &error));
  g_assert_no_error (error);

  g_assert_true (mlr_progress_set_state (p, "a", MLR_LESSON_SKIPPED, NULL));
  g_assert_true (mlr_progress_set_state (p, "b", MLR_LESSON_DONE, NULL));
  mlr_progress_import_async (p, exported, NULL, async_done_cb, &imported_result);
  g_assert_true (mlr_progress_import_finish (p, wait_result (&imported_result), &backup,
                                             &error));
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_cmpint (mlr_progress_get_state (p, "a"), ==, MLR_LESSON_DONE);
  g_assert_cmpint (mlr_progress_get_state (p, "b"), ==, MLR_LESSON_NOT_STARTED);
  /* The imported record is written in the background at once, not after the delay. */
  wait_writes (&saved, 1, 0);
  g_assert_no_error (saved.last_error);
  g_assert_true (mlr_progress_load (check, NULL, NULL));
  g_assert_cmpint (mlr_progress_get_state (check, "a"), ==, MLR_LESSON_DONE);
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/progress/round-trip", test_round_trip);
  g_test_add_func ("/lessons/progress/interrupted-write-keeps-old-file",
                   test_interrupted_write_keeps_old_file);
  g_test_add_func ("/lessons/progress/corrupt-file-is-backed-up", test_corrupt_file_is_backed_up);
  g_test_add_func ("/lessons/progress/huge-file", test_huge_file);
  g_test_add_func ("/lessons/progress/unreadable-is-never-overwritten",
                   test_unreadable_is_never_overwritten);
  g_test_add_func ("/lessons/progress/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/lessons/progress/bad-values-are-dropped", test_bad_values_are_dropped);
  g_test_add_func ("/lessons/progress/export-import", test_export_import);
  g_test_add_func ("/lessons/progress/state-enum", test_state_enum);
  g_test_add_func ("/lessons/progress/deferred/one-write-for-a-burst", test_deferred_burst);
  g_test_add_func ("/lessons/progress/deferred/flush-writes-now", test_deferred_flush);
  g_test_add_func ("/lessons/progress/deferred/newest-state-wins", test_deferred_newest_wins);
  g_test_add_func ("/lessons/progress/deferred/failures", test_deferred_failures);
  g_test_add_func ("/lessons/progress/deferred/export-import", test_export_import_async);
  return g_test_run ();
}
