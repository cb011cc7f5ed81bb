/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file choosers behind a demo's "Import CSV…", "Export CSV…" and "Open image…": one
 * filter, local files only, the demo kept alive while the dialog is open. The subclass says
 * what a chosen path means (read it into the state, or write the state to it) and toasts the
 * outcome. A file that may be large or slow to decode is read off the UI thread
 * (mlr_demo_read_file_async), one at a time per demo.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlr-demo-private.h"

typedef struct {
  MlrDemo         *demo;
  MlrDemoFileFunc  func;
  gboolean         saving;
} FileRequest;

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             FileRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        request->func (request->demo, path);
      else if (request->saving)
        mlr_demo_toast (request->demo, _("Only local files can be exported to"));
      else
        mlr_demo_toast (request->demo, _("Only local files can be imported"));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (request->demo);
  g_free (request);
}

/* The chooser behind both: one filter, the demo kept alive while it is open. */
static void
choose_file (MlrDemo         *self,
             gboolean         saving,
             const char      *title,
             const char      *accept_label,
             GtkFileFilter   *filter,
             const char      *suggested_name,
             MlrDemoFileFunc  func)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  FileRequest *request;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        accept_label, NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (saving && suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);

  request = g_new0 (FileRequest, 1);
  request->demo = g_object_ref (self);
  request->func = func;
  request->saving = saving;
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * mlr_demo_choose_csv:
 * @self: the demo
 * @saving: %TRUE to choose where to export, %FALSE to choose a file to import
 * @title: the dialog's title ("Import Points")
 * @filter_name: what the files hold ("CSV with columns x, y")
 * @suggested_name: (nullable): a file name to start with when saving
 * @func: called with the chosen local path; it reports the outcome (mlr_demo_toast())
 *
 * Shows a native file chooser for a CSV file, transient for the demo's window.
 */
void
mlr_demo_choose_csv (MlrDemo         *self,
                     gboolean         saving,
                     const char      *title,
                     const char      *filter_name,
                     const char      *suggested_name,
                     MlrDemoFileFunc  func)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  g_return_if_fail (MLR_IS_DEMO (self));
  g_return_if_fail (func != NULL);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, "csv");
  choose_file (self, saving, title, saving ? _("_Export") : _("_Import"), filter,
               suggested_name, func);
}

/**
 * mlr_demo_choose_image:
 * @self: the demo
 * @title: the dialog's title ("Open Image")
 * @func: called with the chosen local path; it reads the picture and reports the outcome
 *
 * Shows a native file chooser for a picture in any format gdk-pixbuf reads (the "Open
 * image…" of the convolution demo), transient for the demo's window.
 */
void
mlr_demo_choose_image (MlrDemo         *self,
                       const char      *title,
                       MlrDemoFileFunc  func)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  g_return_if_fail (MLR_IS_DEMO (self));
  g_return_if_fail (func != NULL);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  choose_file (self, FALSE, title, _("_Open"), filter, NULL, func);
}

/* ---- reading off the UI thread */

typedef struct {
  char              *path;
  MlrDemoFileReader  read;
  GDestroyNotify     data_free;
  MlrDemoFileRead    done;
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  gpointer data = job->read (job->path, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, job->data_free);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MlrDemo *self = MLR_DEMO (source);
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer data = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *base = g_path_get_basename (job->path);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer read replaced it, or the demo went away */
  g_clear_object (&mlr_demo_get_private (self)->reading);
  job->done (self, base, data, error);
  if (data != NULL)
    job->data_free (data);
}

/**
 * mlr_demo_read_file_async:
 * @self: the demo
 * @path: a local file
 * @read: reads @path into the demo's data type (called in a worker thread: no GTK, no state)
 * @data_free: frees what @read returns
 * @done: takes the data into the state, or reports the error; called on the UI thread unless
 *   the read was cancelled by a newer one or by the demo's disposal
 *
 * Reads @path without blocking the UI. A demo reads one file at a time: a newer read replaces
 * one still running.
 */
void
mlr_demo_read_file_async (MlrDemo           *self,
                          const char        *path,
                          MlrDemoFileReader  read,
                          GDestroyNotify     data_free,
                          MlrDemoFileRead    done)
{
  MlrDemoPrivate *priv = mlr_demo_get_private (self);
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  g_return_if_fail (MLR_IS_DEMO (self));
  g_return_if_fail (path != NULL && read != NULL && data_free != NULL && done != NULL);

  if (priv->reading != NULL)
    g_cancellable_cancel (priv->reading);
  g_clear_object (&priv->reading);
  priv->reading = g_cancellable_new ();
  job = g_new0 (ReadJob, 1);
  job->path = g_strdup (path);
  job->read = read;
  job->data_free = data_free;
  job->done = done;
  task = g_task_new (self, priv->reading, read_done_cb, NULL);
  g_task_set_task_data (task, job, read_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_thread);
}
