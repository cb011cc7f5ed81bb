/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file choosers behind a demo's "Import CSV…", "Export CSV…" and "Open image…": one
 * filter, local files only, the demo kept alive while the dialog is open. The subclass says
 * what a chosen path means (read it into the state, or write the state to it) and toasts the
 * outcome.
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
