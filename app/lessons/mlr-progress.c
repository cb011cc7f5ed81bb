/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-progress.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER_GROUP "ml-roadmap"
#define LESSON_PREFIX "lesson "
#define FORMAT_VERSION 1

struct _MlrProgress
{
  char     *path;
  GKeyFile *keyfile;
  gboolean  writable;
  int       fail_point;   /* tests: 1 = fail after writing the temporary file */
};

G_DEFINE_QUARK (mlr-progress-error-quark, mlr_progress_error)

static const char * const state_names[] = { "not-started", "in-progress", "done", "skipped" };

const char *
mlr_lesson_state_to_string (MlrLessonState state)
{
  g_return_val_if_fail (state <= MLR_LESSON_SKIPPED, "not-started");
  return state_names[state];
}

gboolean
mlr_lesson_state_from_string (const char     *s,
                              MlrLessonState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (s, state_names[i]) == 0)
      {
        *state = (MlrLessonState) i;
        return TRUE;
      }
  return FALSE;
}

static GKeyFile *
fresh_keyfile (void)
{
  GKeyFile *kf = g_key_file_new ();

  g_key_file_set_integer (kf, HEADER_GROUP, "version", FORMAT_VERSION);
  return kf;
}

MlrProgress *
mlr_progress_new (const char *path)
{
  MlrProgress *self = g_new0 (MlrProgress, 1);

  self->path = g_strdup (path);
  self->keyfile = fresh_keyfile ();
  self->writable = TRUE;
  return self;
}

void
mlr_progress_free (MlrProgress *progress)
{
  if (progress == NULL)
    return;
  g_key_file_unref (progress->keyfile);
  g_free (progress->path);
  g_free (progress);
}

/* $XDG_DATA_HOME/ml-roadmap/progress.ini */
char *
mlr_progress_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ml-roadmap", "progress.ini", NULL);
}

const char *
mlr_progress_get_path (MlrProgress *progress)
{
  return progress->path;
}

gboolean
mlr_progress_is_writable (MlrProgress *progress)
{
  return progress->writable;
}

/* Test hook: make the next saves fail after the temporary file is written, as a crash there
 * would. Not in the header: only the tests declare it. */
void mlr_progress_set_fail_point (MlrProgress *progress, int point);

void
mlr_progress_set_fail_point (MlrProgress *progress,
                             int          point)
{
  progress->fail_point = point;
}

/* Checks a parsed file: the right header and version, and values that make sense. Wrong
 * values inside a lesson group are dropped one by one rather than condemning the file. */
static gboolean
validate_keyfile (GKeyFile  *kf,
                  GError   **error)
{
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local = NULL;
  gint version;

  if (!g_key_file_has_group (kf, HEADER_GROUP))
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "it has no [%s] section, so it is not an ML Roadmap progress file",
                   HEADER_GROUP);
      return FALSE;
    }
  version = g_key_file_get_integer (kf, HEADER_GROUP, "version", &local);
  if (local != NULL || version < 1)
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "its version is missing or invalid");
      return FALSE;
    }
  if (version > FORMAT_VERSION)
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                   "it was written by a newer version of ML Roadmap (format %d)", version);
      return FALSE;
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      const char *g = groups[i];
      g_autofree char *state = NULL;
      MlrLessonState s;

      if (!g_str_has_prefix (g, LESSON_PREFIX))
        continue;
      state = g_key_file_get_string (kf, g, "state", NULL);
      if (state != NULL && !mlr_lesson_state_from_string (state, &s))
        g_key_file_remove_key (kf, g, "state", NULL);
      if (g_key_file_has_key (kf, g, "position", NULL))
        {
          double p = g_key_file_get_double (kf, g, "position", &local);
          if (local != NULL || !isfinite (p) || p < 0 || p > 1)
            g_key_file_remove_key (kf, g, "position", NULL);
          g_clear_error (&local);
        }
      if (g_key_file_has_key (kf, g, "quiz-score", NULL) ||
          g_key_file_has_key (kf, g, "quiz-total", NULL))
        {
          gint score = g_key_file_get_integer (kf, g, "quiz-score", NULL);
          gint total = g_key_file_get_integer (kf, g, "quiz-total", NULL);
          if (total <= 0 || total > 100 || score < 0 || score > total)
            {
              g_key_file_remove_key (kf, g, "quiz-score", NULL);
              g_key_file_remove_key (kf, g, "quiz-total", NULL);
            }
        }
    }
  return TRUE;
}

static GKeyFile *
parse_data (const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;

  if (len > MLR_PROGRESS_MAX_SIZE)
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "it is %" G_GSIZE_FORMAT " bytes, far larger than a progress file can be",
                   len);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "it is not UTF-8 text");
      return NULL;
    }
  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "it cannot be parsed (%s)", local->message);
      return NULL;
    }
  if (!validate_keyfile (kf, error))
    return NULL;
  return g_steal_pointer (&kf);
}

/* Reads at most MLR_PROGRESS_MAX_SIZE + 1 bytes of a regular file. */
static char *
read_bounded (const char  *path,
              gsize       *len,
              gboolean    *missing,
              GError     **error)
{
  struct stat st;
  g_autofree char *data = NULL;
  gsize got = 0;
  int fd;

  *missing = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT || saved == ENOTDIR)  /* nothing there to lose */
        {
          *missing = TRUE;
          return NULL;
        }
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                   "it cannot be opened: %s", g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                   "it is not a regular file");
      return NULL;
    }
  data = g_malloc (MLR_PROGRESS_MAX_SIZE + 2);
  while (got <= MLR_PROGRESS_MAX_SIZE)
    {
      gssize n = read (fd, data + got, MLR_PROGRESS_MAX_SIZE + 1 - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                       "it cannot be read: %s", g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      got += n;
    }
  close (fd);
  data[got] = '\0';
  *len = got;
  return g_steal_pointer (&data);
}

static char *
backup_name (const char *path,
             const char *why)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *candidate = g_strdup_printf ("%s.%s-%s", path, why, stamp);

  /* Never replace an earlier backup. */
  for (int i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS) && i < 1000; i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.%s-%s-%d", path, why, stamp, i);
    }
  return candidate;
}

gboolean
mlr_progress_load (MlrProgress  *progress,
                   char        **backup_path,
                   GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean missing;
  GKeyFile *kf;

  if (backup_path)
    *backup_path = NULL;
  g_key_file_unref (progress->keyfile);
  progress->keyfile = fresh_keyfile ();
  progress->writable = TRUE;

  data = read_bounded (progress->path, &len, &missing, &local);
  if (missing)
    return TRUE;
  if (data == NULL)
    {
      /* We could not see what is there, so we must not write over it. */
      progress->writable = FALSE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  kf = parse_data (data, len, &local);
  if (kf != NULL)
    {
      g_key_file_unref (progress->keyfile);
      progress->keyfile = kf;
      return TRUE;
    }
  if (g_error_matches (local, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE))
    {
      progress->writable = FALSE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* Corrupt: keep it as a backup, start afresh. */
  {
    g_autofree char *backup = backup_name (progress->path, "corrupt");
    if (g_rename (progress->path, backup) != 0)
      {
        int saved = errno;
        progress->writable = FALSE;
        g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                     "%s, and it could not be moved aside (%s)", local->message,
                     g_strerror (saved));
        return FALSE;
      }
    g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT, "%s", local->message);
    if (backup_path)
      *backup_path = g_steal_pointer (&backup);
  }
  return FALSE;
}

/* Writes @data to @path so that at every instant the file holds either its old or its new
 * content: a temporary file in the same folder, flushed to disk, renamed over the target. */
static gboolean
write_atomically (const char  *path,
                  const char  *data,
                  gsize        len,
                  int          fail_point,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE,
                   "the folder %s cannot be created: %s", dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE,
                   "%s cannot be written: %s", dir, g_strerror (saved));
      return FALSE;
    }
  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          close (fd);
          g_unlink (tmp);
          g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE,
                       "%s cannot be written: %s", path, g_strerror (saved));
          return FALSE;
        }
      done += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0 || fail_point == 1)
    {
      int saved = fail_point == 1 ? EIO : errno;
      g_unlink (tmp);
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE,
                   "%s cannot be written: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNWRITABLE,
                   "%s cannot be replaced: %s", path, g_strerror (saved));
      return FALSE;
    }
  /* Make the rename itself durable. */
  fd = g_open (dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
mlr_progress_save (MlrProgress  *progress,
                   GError      **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!progress->writable)
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_LEFT_UNTOUCHED,
                   "%s could not be read, so it is left untouched", progress->path);
      return FALSE;
    }
  data = g_key_file_to_data (progress->keyfile, &len, NULL);
  return write_atomically (progress->path, data, len, progress->fail_point, error);
}

static char *
group_for (const char *lesson_id)
{
  return g_strconcat (LESSON_PREFIX, lesson_id, NULL);
}

MlrLessonState
mlr_progress_get_state (MlrProgress *progress,
                        const char  *lesson_id)
{
  g_autofree char *group = group_for (lesson_id);
  g_autofree char *value = g_key_file_get_string (progress->keyfile, group, "state", NULL);
  MlrLessonState state = MLR_LESSON_NOT_STARTED;

  if (value != NULL)
    mlr_lesson_state_from_string (value, &state);
  return state;
}

gboolean
mlr_progress_set_state (MlrProgress     *progress,
                        const char      *lesson_id,
                        MlrLessonState   state,
                        GError         **error)
{
  g_autofree char *group = group_for (lesson_id);

  if (mlr_progress_get_state (progress, lesson_id) == state)
    return TRUE;
  g_key_file_set_string (progress->keyfile, group, "state", mlr_lesson_state_to_string (state));
  return mlr_progress_save (progress, error);
}

double
mlr_progress_get_position (MlrProgress *progress,
                           const char  *lesson_id)
{
  g_autofree char *group = group_for (lesson_id);
  double p = g_key_file_get_double (progress->keyfile, group, "position", NULL);

  return isfinite (p) ? CLAMP (p, 0.0, 1.0) : 0.0;
}

gboolean
mlr_progress_set_position (MlrProgress  *progress,
                           const char   *lesson_id,
                           double        position,
                           GError      **error)
{
  g_autofree char *group = group_for (lesson_id);

  if (!isfinite (position))
    position = 0;
  position = CLAMP (round (position * 1000) / 1000, 0.0, 1.0);
  if (g_key_file_has_key (progress->keyfile, group, "position", NULL) &&
      mlr_progress_get_position (progress, lesson_id) == position)
    return TRUE;
  g_key_file_set_double (progress->keyfile, group, "position", position);
  return mlr_progress_save (progress, error);
}

gboolean
mlr_progress_get_quiz (MlrProgress *progress,
                       const char  *lesson_id,
                       guint       *score,
                       guint       *total)
{
  g_autofree char *group = group_for (lesson_id);

  if (!g_key_file_has_key (progress->keyfile, group, "quiz-total", NULL))
    return FALSE;
  *score = (guint) MAX (0, g_key_file_get_integer (progress->keyfile, group, "quiz-score", NULL));
  *total = (guint) MAX (0, g_key_file_get_integer (progress->keyfile, group, "quiz-total", NULL));
  return *total > 0;
}

/* Keeps the best result: a worse attempt later never lowers what was saved. */
gboolean
mlr_progress_record_quiz (MlrProgress  *progress,
                          const char   *lesson_id,
                          guint         score,
                          guint         total,
                          GError      **error)
{
  g_autofree char *group = group_for (lesson_id);
  guint old_score, old_total;

  g_return_val_if_fail (score <= total && total > 0, FALSE);
  if (mlr_progress_get_quiz (progress, lesson_id, &old_score, &old_total) &&
      old_total == total && old_score >= score)
    return TRUE;
  g_key_file_set_integer (progress->keyfile, group, "quiz-score", (gint) score);
  g_key_file_set_integer (progress->keyfile, group, "quiz-total", (gint) total);
  return mlr_progress_save (progress, error);
}

gboolean
mlr_progress_has_challenge (MlrProgress *progress,
                            const char  *lesson_id,
                            const char  *challenge_id)
{
  g_autofree char *group = group_for (lesson_id);
  g_auto(GStrv) met = g_key_file_get_string_list (progress->keyfile, group, "challenges", NULL,
                                                  NULL);

  return met != NULL && g_strv_contains ((const char * const *) met, challenge_id);
}

gboolean
mlr_progress_add_challenge (MlrProgress  *progress,
                            const char   *lesson_id,
                            const char   *challenge_id,
                            GError      **error)
{
  g_autofree char *group = group_for (lesson_id);
  g_auto(GStrv) met = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  gsize n = 0;

  if (mlr_progress_has_challenge (progress, lesson_id, challenge_id))
    return TRUE;
  met = g_key_file_get_string_list (progress->keyfile, group, "challenges", &n, NULL);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (list, met[i]);
  g_ptr_array_add (list, (gpointer) challenge_id);
  g_key_file_set_string_list (progress->keyfile, group, "challenges",
                              (const char * const *) list->pdata, list->len);
  return mlr_progress_save (progress, error);
}

double
mlr_progress_fraction (MlrProgress        *progress,
                       const char * const *lesson_ids,
                       guint              *n_finished)
{
  guint n = 0, finished = 0;

  for (; lesson_ids && lesson_ids[n]; n++)
    {
      MlrLessonState s = mlr_progress_get_state (progress, lesson_ids[n]);
      finished += s == MLR_LESSON_DONE || s == MLR_LESSON_SKIPPED;
    }
  if (n_finished)
    *n_finished = finished;
  return n > 0 ? (double) finished / n : 0.0;
}

gboolean
mlr_progress_export (MlrProgress  *progress,
                     const char   *path,
                     GError      **error)
{
  g_autofree char *data = g_key_file_to_data (progress->keyfile, NULL, NULL);

  return write_atomically (path, data, strlen (data), 0, error);
}

/**
 * mlr_progress_import:
 * Replaces the progress with the one in @path, after checking it. The current file is first
 * kept as a dated backup (*backup_path). On any error nothing changes.
 */
gboolean
mlr_progress_import (MlrProgress  *progress,
                     const char   *path,
                     char        **backup_path,
                     GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean missing;
  GKeyFile *kf;
  GKeyFile *old;

  if (backup_path)
    *backup_path = NULL;
  if (!progress->writable)
    return mlr_progress_save (progress, error);
  data = read_bounded (path, &len, &missing, &local);
  if (data == NULL)
    {
      if (missing)
        g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                     "%s does not exist", path);
      else
        g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE, "%s: %s", path,
                     local->message);
      return FALSE;
    }
  kf = parse_data (data, len, &local);
  if (kf == NULL)
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "%s is not a usable progress file: %s", path, local->message);
      return FALSE;
    }
  if (g_file_test (progress->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *current = g_key_file_to_data (progress->keyfile, NULL, NULL);
      g_autofree char *backup = backup_name (progress->path, "before-import");
      if (!write_atomically (backup, current, strlen (current), 0, error))
        {
          g_key_file_unref (kf);
          return FALSE;
        }
      if (backup_path)
        *backup_path = g_steal_pointer (&backup);
    }
  old = progress->keyfile;
  progress->keyfile = kf;
  if (!mlr_progress_save (progress, error))
    {
      progress->keyfile = old;
      g_key_file_unref (kf);
      return FALSE;
    }
  g_key_file_unref (old);
  return TRUE;
}
