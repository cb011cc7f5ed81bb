/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr_file_set_contents(): a regular file replaced, a symbolic link kept, and a device or a
 * pipe written in place rather than replaced by a regular file.
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ml/mlr-file.h"

static char *
read_all (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (mlr_file_set_contents (path, "a,b\n", 4, &error));
  g_assert_no_error (error);
  first = read_all (path);
  g_assert_cmpstr (first, ==, "a,b\n");
  g_assert_true (mlr_file_set_contents (path, "c\n", 2, &error));
  second = read_all (path);
  g_assert_cmpstr (second, ==, "c\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0644 & ~umask (umask (0)));
  /* Empty data makes an empty file. */
  g_assert_true (mlr_file_set_contents (path, "", 0, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_symlink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-file-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *via = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "old\n", -1, NULL));
  g_assert_cmpint (symlink ("real.csv", link), ==, 0);
  g_assert_true (mlr_file_set_contents (link, "new\n", 4, &error));
  g_assert_no_error (error);
  /* The link is still a link, and the file it names has the new contents. */
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  text = read_all (target);
  g_assert_cmpstr (text, ==, "new\n");
  via = read_all (link);
  g_assert_cmpstr (via, ==, "new\n");
  /* A link to nothing is replaced by the file, as any missing name would be made. */
  g_assert_cmpint (symlink ("nowhere/at/all", dangling), ==, 0);
  g_assert_true (mlr_file_set_contents (dangling, "x", 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_remove (dangling);
  g_remove (link);
  g_remove (target);
  g_rmdir (dir);
}

static void
test_device (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-file-XXXXXX", NULL);
  g_autofree char *own = g_build_filename (dir, "null", NULL);
  const char *path = "/dev/null";
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  /* As root, a rename over the device would succeed, so a regression would replace the
   * machine's /dev/null: root writes to its own null device instead. Anyone else writes to
   * /dev/null, where the old rename failed with "permission denied". */
  if (getuid () == 0 && mknod (own, S_IFCHR | 0666, makedev (1, 3)) == 0)
    path = own;
  g_test_message ("writing to %s", path);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  g_assert_true (S_ISCHR (before.st_mode));
  g_assert_true (mlr_file_set_contents (path, "discarded\n", 10, &error));
  g_assert_no_error (error);
  /* Still the device, the same inode: nothing was renamed over it. */
  g_assert_cmpint (g_lstat (path, &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_remove (own);
  g_rmdir (dir);
}

typedef struct {
  char   *path;
  GString *got;
} FifoReader;

static gpointer
read_fifo (gpointer data)
{
  FifoReader *r = data;
  FILE *fp = fopen (r->path, "r");
  char buf[256];
  size_t n;

  g_assert_nonnull (fp);
  while ((n = fread (buf, 1, sizeof buf, fp)) > 0)
    g_string_append_len (r->got, buf, (gssize) n);
  fclose (fp);
  return NULL;
}

static void
test_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pipe", NULL);
  FifoReader r = { path, g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  GThread *thread;
  GString *big = g_string_new (NULL);
  GStatBuf st;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  /* More than a pipe holds, so the writer has to wait for the reader. */
  for (int i = 0; i < 20000; i++)
    g_string_append_printf (big, "%d,%d\n", i, i * i);
  thread = g_thread_new ("fifo-reader", read_fifo, &r);
  g_assert_true (mlr_file_set_contents (path, big->str, big->len, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpuint (r.got->len, ==, big->len);
  g_assert_true (memcmp (r.got->str, big->str, big->len) == 0);
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_string_free (r.got, TRUE);
  g_string_free (big, TRUE);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-file-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *base = g_path_get_basename (dir);

  /* A folder that does not exist, and a folder given as the file: an error naming it. */
  g_assert_false (mlr_file_set_contents (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "out.csv"));
  g_assert_false (mlr_file_set_contents (dir, "x", 1, &error2));
  g_assert_nonnull (error2);
  g_assert_nonnull (strstr (error2->message, base));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/file/regular", test_regular);
  g_test_add_func ("/ml/file/symlink", test_symlink);
  g_test_add_func ("/ml/file/device", test_device);
  g_test_add_func ("/ml/file/fifo", test_fifo);
  g_test_add_func ("/ml/file/errors", test_errors);
  return g_test_run ();
}
