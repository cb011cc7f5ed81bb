/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-file: writing a file whose name the user gave.
 *
 * A regular file is replaced atomically, as g_file_set_contents_full() does it: the data go to
 * a temporary file beside it, which is then renamed over it, so a reader sees the old contents
 * or the new, never half. Two kinds of name need more care than that:
 *  - a device, a pipe or a socket (/dev/null, /dev/stdout, a FIFO a script reads): the rename
 *    would put a regular file in its place, and as root that replaces /dev/null for the whole
 *    machine. These are opened and written in place.
 *  - a symbolic link: the rename would replace the link itself with a file. The file it points
 *    to is replaced instead, and the link stays.
 */
#include "config.h"

#include "mlr-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean
set_error_from_errno (GError     **error,
                      int          saved,
                      const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               "Could not write to “%s”: %s", name, g_strerror (saved));
  return FALSE;
}

/* Writes all of @data to @path, which is not a regular file, without replacing it. */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        len,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    return set_error_from_errno (error, errno, path);
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;
          close (fd);
          return set_error_from_errno (error, saved, path);
        }
      data += n;
      len -= (gsize) n;
    }
  if (close (fd) != 0 && errno != EINTR)
    return set_error_from_errno (error, errno, path);
  return TRUE;
}

/**
 * mlr_file_set_contents:
 * Writes @len bytes of @data to @path: a regular file (new or existing) is replaced atomically,
 * the file a symbolic link points to is replaced and the link kept, and a device, pipe or socket
 * is written to in place. Errors name the file.
 */
gboolean
mlr_file_set_contents (const char  *path,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  GStatBuf st;
  g_autofree char *resolved = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    return write_in_place (path, data ? data : "", len, error);
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    resolved = realpath (path, NULL);  /* NULL for a dangling link: the link is replaced */
  return g_file_set_contents_full (resolved ? resolved : path, data ? data : "", len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
