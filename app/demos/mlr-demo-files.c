/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file choosers behind a demo's "Import CSV…" and "Export CSV…": one CSV filter, local
 * files only, the demo kept alive while the dialog is open. The subclass says what a chosen
 * path means (read it into the state, or write the state to it) and toasts the outcome.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mlr-demo.h"

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
  GtkRoot *root;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  FileRequest *request;

  g_return_if_fail (MLR_IS_DEMO (self));
  g_return_if_fail (func != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        saving ? _("_Export") : _("_Import"), NULL);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  if (saving && suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);

  request = g_new0 (FileRequest, 1);
  request->demo = g_object_ref (self);
  request->func = func;
  request->saving = saving;
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
