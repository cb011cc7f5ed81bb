/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-progress: what the learner has done, kept in one small file under the XDG data directory
 * ($XDG_DATA_HOME/ml-roadmap/progress.ini), with no account. The file is a GKeyFile:
 *
 *   [ml-roadmap]
 *   version=1
 *
 *   [lesson calculus-gradients]
 *   state=done                 # not-started | in-progress | done | skipped
 *   position=0.42              # where the reader was on the page, 0..1
 *   quiz-score=4               # best quiz result: right answers ...
 *   quiz-total=5               # ... out of this many questions
 *   challenges=rosenbrock-500;  # challenges met in this lesson's demos
 *
 * Every write is atomic (temporary file, fsync, rename, folder fsync), so a crash or a power
 * cut leaves the old file or the new one, never a mix. By default each change is written at
 * once by the caller; the app sets a save delay instead (mlr_progress_set_save_delay), so a
 * burst of changes is one write of the final state, made in a background thread, and flushes
 * before it quits. Writes take turns and the newest state always wins. A file that cannot be
 * parsed is moved aside as
 * a dated backup and the learner starts afresh; a file that cannot be read (permissions, I/O) is
 * never overwritten, so nothing the learner had is replaced by less.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MLR_PROGRESS_ERROR (mlr_progress_error_quark ())

typedef enum {
  MLR_PROGRESS_ERROR_CORRUPT,
  MLR_PROGRESS_ERROR_UNREADABLE,
  MLR_PROGRESS_ERROR_UNWRITABLE,
  /* The file could not be used when it was loaded, so nothing is written this session. */
  MLR_PROGRESS_ERROR_LEFT_UNTOUCHED,
} MlrProgressError;

typedef enum {
  MLR_LESSON_NOT_STARTED,
  MLR_LESSON_IN_PROGRESS,
  MLR_LESSON_DONE,
  MLR_LESSON_SKIPPED,
} MlrLessonState;

/* Files larger than this are not progress files. */
#define MLR_PROGRESS_MAX_SIZE (1024 * 1024)

typedef struct _MlrProgress MlrProgress;

/* How a background write went: @error is NULL when the file now holds the record. */
typedef void (*MlrProgressSavedFunc) (MlrProgress  *progress,
                                      const GError *error,
                                      gpointer      user_data);

GQuark          mlr_progress_error_quark      (void);
MlrProgress    *mlr_progress_new              (const char   *path);
void            mlr_progress_free             (MlrProgress  *progress);
char           *mlr_progress_default_path     (void);
const char     *mlr_progress_get_path         (MlrProgress  *progress);

/* Loading: returns FALSE with @error when something had to be done about the file; the store
 * is usable either way. CORRUPT: the file was moved aside to *backup_path and the store is
 * fresh. UNREADABLE: the store is fresh and read-only until the file can be read, so it is
 * never overwritten. */
gboolean        mlr_progress_load             (MlrProgress  *progress,
                                               char        **backup_path,
                                               GError      **error);
gboolean        mlr_progress_is_writable      (MlrProgress  *progress);
gboolean        mlr_progress_save             (MlrProgress  *progress,
                                               GError      **error);
void            mlr_progress_set_save_delay   (MlrProgress  *progress,
                                               guint         delay_ms,
                                               MlrProgressSavedFunc func,
                                               gpointer      user_data);
void            mlr_progress_write_soon       (MlrProgress  *progress);
gboolean        mlr_progress_flush            (MlrProgress  *progress,
                                               GError      **error);
gboolean        mlr_progress_has_unsaved_changes (MlrProgress *progress);

MlrLessonState  mlr_progress_get_state        (MlrProgress  *progress,
                                               const char   *lesson_id);
gboolean        mlr_progress_set_state        (MlrProgress  *progress,
                                               const char   *lesson_id,
                                               MlrLessonState state,
                                               GError      **error);
double          mlr_progress_get_position     (MlrProgress  *progress,
                                               const char   *lesson_id);
gboolean        mlr_progress_set_position     (MlrProgress  *progress,
                                               const char   *lesson_id,
                                               double        position,
                                               GError      **error);
gboolean        mlr_progress_get_quiz         (MlrProgress  *progress,
                                               const char   *lesson_id,
                                               guint        *score,
                                               guint        *total);
gboolean        mlr_progress_record_quiz      (MlrProgress  *progress,
                                               const char   *lesson_id,
                                               guint         score,
                                               guint         total,
                                               GError      **error);
gboolean        mlr_progress_has_challenge    (MlrProgress  *progress,
                                               const char   *lesson_id,
                                               const char   *challenge_id);
gboolean        mlr_progress_add_challenge    (MlrProgress  *progress,
                                               const char   *lesson_id,
                                               const char   *challenge_id,
                                               GError      **error);
/* (done + skipped) / total over @lesson_ids (NULL-terminated), 0..1. */
double          mlr_progress_fraction         (MlrProgress  *progress,
                                               const char * const *lesson_ids,
                                               guint        *n_finished);

gboolean        mlr_progress_export           (MlrProgress  *progress,
                                               const char   *path,
                                               GError      **error);
gboolean        mlr_progress_import           (MlrProgress  *progress,
                                               const char   *path,
                                               char        **backup_path,
                                               GError      **error);
void            mlr_progress_export_async     (MlrProgress  *progress,
                                               const char   *path,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer      user_data);
gboolean        mlr_progress_export_finish    (MlrProgress  *progress,
                                               GAsyncResult *result,
                                               GError      **error);
void            mlr_progress_import_async     (MlrProgress  *progress,
                                               const char   *path,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer      user_data);
gboolean        mlr_progress_import_finish    (MlrProgress  *progress,
                                               GAsyncResult *result,
                                               char        **backup_path,
                                               GError      **error);

const char     *mlr_lesson_state_to_string    (MlrLessonState state);
gboolean        mlr_lesson_state_from_string  (const char   *s,
                                               MlrLessonState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrProgress, mlr_progress_free)

G_END_DECLS
