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
/* A debounced write waits for a pause in the changes, but never more than this many delays
 * after the first change it carries. */
#define MAX_WAIT_DELAYS 8

/* What writes to the file share, in the main thread and in writer threads: one writer at a
 * time, and the newest state wins. Outlives the store while a write is in flight. */
typedef struct {
  gatomicrefcount  ref;
  GMutex           lock;      /* held for each write to the file */
  guint64          on_disk;   /* the change count the file holds (under lock) */
  MlrProgress     *progress;  /* main thread only; NULL once the store is freed */
} Writer;

struct _MlrProgress
{
  char                 *path;
  GKeyFile             *keyfile;
  gboolean              writable;
  int                   fail_point;   /* tests: 1 = fail after writing the temporary file */

  /* Saving: every change counts up `changes`; a write carries the count it saves. */
  Writer               *writer;
  guint64               changes;
  guint                 save_delay_ms;  /* 0: every change is written at once, by the caller */
  guint                 save_source;    /* the debounced write, waiting */
  gint64                waiting_since;  /* when the first change it carries was made */
  gboolean              writing;        /* a background write is in flight */
  MlrProgressSavedFunc  saved_func;
  gpointer              saved_data;
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

static Writer *
writer_ref (Writer *writer)
{
  g_atomic_ref_count_inc (&writer->ref);
  return writer;
}

static void
writer_unref (Writer *writer)
{
  if (!g_atomic_ref_count_dec (&writer->ref))
    return;
  g_mutex_clear (&writer->lock);
  g_free (writer);
}

MlrProgress *
mlr_progress_new (const char *path)
{
  MlrProgress *self = g_new0 (MlrProgress, 1);

  self->path = g_strdup (path);
  self->keyfile = fresh_keyfile ();
  self->writable = TRUE;
  self->writer = g_new0 (Writer, 1);
  g_atomic_ref_count_init (&self->writer->ref);
  g_mutex_init (&self->writer->lock);
  self->writer->progress = self;
  return self;
}

/**
 * mlr_progress_free:
 * Frees the store. A debounced write still waiting is done first (and waited for); call
 * mlr_progress_flush() before to learn whether it worked.
 */
void
mlr_progress_free (MlrProgress *progress)
{
  if (progress == NULL)
    return;
  if (progress->save_source != 0)
    mlr_progress_flush (progress, NULL);
  g_clear_handle_id (&progress->save_source, g_source_remove);
  /* A write still in flight finishes on its own; its result goes nowhere. */
  progress->writer->progress = NULL;
  writer_unref (progress->writer);
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
  /* Whatever is in memory now comes from the file: nothing is waiting to be written. */
  g_clear_handle_id (&progress->save_source, g_source_remove);
  g_mutex_lock (&progress->writer->lock);
  progress->writer->on_disk = ++progress->changes;
  g_mutex_unlock (&progress->writer->lock);

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

static gboolean
check_writable (MlrProgress  *progress,
                GError      **error)
{
  if (progress->writable)
    return TRUE;
  g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_LEFT_UNTOUCHED,
               "%s could not be read, so it is left untouched", progress->path);
  return FALSE;
}

/* One write of the record as it was at change number @changes. Writes take turns (the
 * writer's lock), and one that finds a newer state already on disk does nothing, so the file
 * never goes back to an older state whatever order the writes run in. */
typedef struct {
  Writer  *writer;
  char    *path;
  char    *data;
  gsize    len;
  guint64  changes;
  int      fail_point;
} WriteJob;

static WriteJob *
write_job_new (MlrProgress *progress)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->writer = writer_ref (progress->writer);
  job->path = g_strdup (progress->path);
  job->data = g_key_file_to_data (progress->keyfile, &job->len, NULL);
  job->changes = progress->changes;
  job->fail_point = progress->fail_point;
  return job;
}

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  writer_unref (job->writer);
  g_free (job->path);
  g_free (job->data);
  g_free (job);
}

static gboolean
write_job_run (WriteJob  *job,
               GError   **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&job->writer->lock);
  if (job->changes > job->writer->on_disk)
    {
      ok = write_atomically (job->path, job->data, job->len, job->fail_point, error);
      if (ok)
        job->writer->on_disk = job->changes;
    }
  g_mutex_unlock (&job->writer->lock);
  return ok;
}

/**
 * mlr_progress_save:
 * Writes the record now, on the calling thread, after any background write in flight.
 */
gboolean
mlr_progress_save (MlrProgress  *progress,
                   GError      **error)
{
  WriteJob *job;
  gboolean ok;

  if (!check_writable (progress, error))
    return FALSE;
  g_clear_handle_id (&progress->save_source, g_source_remove);
  /* Written even when the file should already hold it: a save is a save. */
  progress->changes++;
  job = write_job_new (progress);
  ok = write_job_run (job, error);
  write_job_free (job);
  return ok;
}

static gboolean
has_unsaved_changes (MlrProgress *progress)
{
  gboolean unsaved;

  g_mutex_lock (&progress->writer->lock);
  unsaved = progress->changes > progress->writer->on_disk;
  g_mutex_unlock (&progress->writer->lock);
  return unsaved;
}

/**
 * mlr_progress_flush:
 * Writes what has changed and not been written yet, now, on the calling thread (waiting for a
 * background write in flight first). For quitting: after it, the file holds every change or
 * @error says why not. Nothing to write (or a record that may not be written) is success.
 */
gboolean
mlr_progress_flush (MlrProgress  *progress,
                    GError      **error)
{
  g_clear_handle_id (&progress->save_source, g_source_remove);
  if (!progress->writable || !has_unsaved_changes (progress))
    return TRUE;
  return mlr_progress_save (progress, error);
}

static void start_write (MlrProgress *progress);

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  MlrProgress *progress = job->writer->progress;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (progress == NULL)
    return;
  progress->writing = FALSE;
  if (progress->saved_func != NULL)
    progress->saved_func (progress, error, progress->saved_data);
  /* Changes made while this write ran go now, unless a debounced write is waiting for them.
   * A failed write is not retried on its own: the next change (or the flush) tries again. */
  if (progress->changes > job->changes && progress->save_source == 0 &&
      has_unsaved_changes (progress))
    start_write (progress);
}

static void
start_write (MlrProgress *progress)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&progress->save_source, g_source_remove);
  /* One background write at a time; the one in flight starts the next when it is done. */
  if (progress->writing || !progress->writable)
    return;
  progress->writing = TRUE;
  task = g_task_new (NULL, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, write_job_new (progress), write_job_free);
  g_task_run_in_thread (task, write_thread);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  MlrProgress *progress = user_data;

  progress->save_source = 0;
  start_write (progress);
  return G_SOURCE_REMOVE;
}

/* Something changed in memory: write it now (no delay set), or soon in the background. */
static gboolean
changed (MlrProgress  *progress,
         GError      **error)
{
  gint64 now, max_wait;

  if (progress->save_delay_ms == 0)
    return mlr_progress_save (progress, error);
  progress->changes++;
  if (!check_writable (progress, error))
    return FALSE;
  /* Debounced: each change restarts the wait, up to MAX_WAIT_DELAYS after the first. */
  now = g_get_monotonic_time ();
  max_wait = (gint64) MAX_WAIT_DELAYS * progress->save_delay_ms * 1000;
  if (progress->save_source == 0)
    progress->waiting_since = now;
  else if (now - progress->waiting_since < max_wait)
    g_clear_handle_id (&progress->save_source, g_source_remove);
  if (progress->save_source == 0)
    progress->save_source = g_timeout_add (progress->save_delay_ms, save_timeout_cb, progress);
  return TRUE;
}

/**
 * mlr_progress_set_save_delay:
 * With @delay_ms > 0, a change no longer writes the file on the calling thread: the record is
 * written in a background thread once changes pause for @delay_ms (a burst of changes is one
 * write of the final state), and @func, if set, hears how each of those writes went. Setters
 * then fail only when the record may not be written at all (LEFT_UNTOUCHED). Call
 * mlr_progress_flush() before quitting. 0 (the default) writes every change at once.
 */
void
mlr_progress_set_save_delay (MlrProgress          *progress,
                             guint                 delay_ms,
                             MlrProgressSavedFunc  func,
                             gpointer              user_data)
{
  progress->save_delay_ms = delay_ms;
  progress->saved_func = func;
  progress->saved_data = user_data;
}

/**
 * mlr_progress_write_soon:
 * Starts writing what is not written yet in the background now, without waiting for the
 * changes to pause (a window closing).
 */
void
mlr_progress_write_soon (MlrProgress *progress)
{
  if (has_unsaved_changes (progress))
    start_write (progress);
}

/* Whether some change is not in the file yet (waiting, being written, or failed to be). */
gboolean
mlr_progress_has_unsaved_changes (MlrProgress *progress)
{
  return has_unsaved_changes (progress);
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
  return changed (progress, error);
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
  return changed (progress, error);
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
  return changed (progress, error);
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
  return changed (progress, error);
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

/* The part of an import that touches only files, so it can run in a thread: reads and checks
 * @path, and keeps @current (the record now, as text) as a dated backup next to @progress_path
 * when that file exists. Returns the new record. */
static GKeyFile *
import_read (const char  *path,
             const char  *progress_path,
             const char  *current,
             char       **backup_path,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean missing;
  GKeyFile *kf;

  data = read_bounded (path, &len, &missing, &local);
  if (data == NULL)
    {
      if (missing)
        g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE,
                     "%s does not exist", path);
      else
        g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_UNREADABLE, "%s: %s", path,
                     local->message);
      return NULL;
    }
  kf = parse_data (data, len, &local);
  if (kf == NULL)
    {
      g_set_error (error, MLR_PROGRESS_ERROR, MLR_PROGRESS_ERROR_CORRUPT,
                   "%s is not a usable progress file: %s", path, local->message);
      return NULL;
    }
  if (g_file_test (progress_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *backup = backup_name (progress_path, "before-import");
      if (!write_atomically (backup, current, strlen (current), 0, error))
        {
          g_key_file_unref (kf);
          return NULL;
        }
      if (backup_path)
        *backup_path = g_steal_pointer (&backup);
    }
  return kf;
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
  g_autofree char *current = NULL;
  GKeyFile *kf;
  GKeyFile *old;

  if (backup_path)
    *backup_path = NULL;
  if (!progress->writable)
    return mlr_progress_save (progress, error);
  current = g_key_file_to_data (progress->keyfile, NULL, NULL);
  kf = import_read (path, progress->path, current, backup_path, error);
  if (kf == NULL)
    return FALSE;
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

/* Export and import off the calling thread ---------------------------------------------- */

typedef struct {
  char     *path;          /* the file exported to or imported from */
  char     *progress_path;
  char     *current;       /* the record when the operation started, as text */
  char     *backup;        /* import: where the record before it was kept */
  GKeyFile *keyfile;       /* import: the record read */
} FileJob;

static void
file_job_free (gpointer data)
{
  FileJob *job = data;

  g_free (job->path);
  g_free (job->progress_path);
  g_free (job->current);
  g_free (job->backup);
  g_clear_pointer (&job->keyfile, g_key_file_unref);
  g_free (job);
}

static GTask *
file_task_new (MlrProgress         *progress,
               const char          *path,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  FileJob *job = g_new0 (FileJob, 1);

  job->path = g_strdup (path);
  job->progress_path = g_strdup (progress->path);
  job->current = g_key_file_to_data (progress->keyfile, NULL, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, file_job_free);
  return task;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  if (write_atomically (job->path, job->current, strlen (job->current), 0, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mlr_progress_export_async:
 * mlr_progress_export() of the record as it is now, in a thread.
 */
void
mlr_progress_export_async (MlrProgress         *progress,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = file_task_new (progress, path, cancellable, callback, user_data,
                                         mlr_progress_export_async);

  g_task_run_in_thread (task, export_thread);
}

gboolean
mlr_progress_export_finish (MlrProgress   *progress,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  job->keyfile = import_read (job->path, job->progress_path, job->current, &job->backup,
                              &error);
  if (job->keyfile != NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mlr_progress_import_async:
 * mlr_progress_import() with the reading, checking and backing up in a thread. The record is
 * replaced in mlr_progress_import_finish(), and then saved like any change: with a save delay,
 * in the background, and a failure to write it is reported to the save callback.
 */
void
mlr_progress_import_async (MlrProgress         *progress,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = file_task_new (progress, path, cancellable, callback, user_data,
                                         mlr_progress_import_async);
  GError *error = NULL;

  if (!check_writable (progress, &error))
    g_task_return_error (task, error);
  else
    g_task_run_in_thread (task, import_thread);
}

gboolean
mlr_progress_import_finish (MlrProgress   *progress,
                            GAsyncResult  *result,
                            char         **backup_path,
                            GError       **error)
{
  FileJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (backup_path)
    *backup_path = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (backup_path)
    *backup_path = g_steal_pointer (&job->backup);
  g_key_file_unref (progress->keyfile);
  progress->keyfile = g_steal_pointer (&job->keyfile);
  if (!changed (progress, error))
    return FALSE;
  mlr_progress_write_soon (progress);
  return TRUE;
}
