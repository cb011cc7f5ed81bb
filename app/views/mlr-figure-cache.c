/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson's figures, decoded, and a disk cache of the decoded pixels.
 *
 * Decoding an SVG figure means rendering it with librsvg through gdk-pixbuf (HarfBuzz, FreeType,
 * pixman behind it): tens of ms of CPU on the first screen of a lesson, before its first frame.
 * The cache keeps each figure as it was shown, as a PNG that GTK reads with libpng alone, in
 * $XDG_CACHE_HOME/ml-roadmap/figures, so a later start shows it without rendering it again.
 *
 * An entry is named after what it shows (the figure's path, the width the lesson asks for, the
 * style, the app's version) and holds its full key (plus the file's modification time, size and
 * inode) and a digest of itself, so an edited figure replaces its entry rather than adding one, and the number of
 * entries is bounded by the figures there are; a trim keeps the folder small anyway. An entry
 * that does not match its key exactly, or is truncated, or is not ours, is ignored (and rewritten
 * after the figure is decoded). Writes go to a temporary file that is renamed over the entry.
 * Nothing is written when the folder cannot be created or written (a read-only home).
 */
#include "config.h"

#include "mlr-figure-cache.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "painters/mlr-palette.h"

/* Bump when what a figure looks like changes for the same file (decoding, recolouring). */
#define CACHE_FORMAT 2
#define CACHE_MAGIC "MLRFIG\001\n"
#define CACHE_MAGIC_LEN 8
/* After the magic: the SHA-256 of the rest, then the key, the shown width, the PNG's length and
 * the PNG. */
#define CACHE_DIGEST_LEN 32
/* No entry can be bigger: a PNG of MLR_FIGURE_MAX_PIXELS² RGBA pixels stays well below. */
#define CACHE_MAX_ENTRY_BYTES (32 * 1024 * 1024)
/* Past either bound, the oldest entries go until three quarters of it is left. */
#define CACHE_MAX_ENTRIES 256
#define CACHE_MAX_BYTES (64 * 1024 * 1024)

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/**
 * mlr_figure_cache_default_dir:
 * Where the figures' cache lives: $XDG_CACHE_HOME/ml-roadmap/figures.
 */
char *
mlr_figure_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "ml-roadmap", "figures", NULL);
}

/**
 * mlr_figure_decode:
 * @path: an image file
 * @width: the width the lesson asks for, 0 for the image's own
 * @scale: device pixels per application pixel where it is shown (the widget's scale factor)
 * @dark: recolour a diagram (SVG) for the dark style
 * @shown_w: (out): the width to show the figure at, in application pixels
 *
 * Decodes @path at @scale times its shown width, so that it is drawn pixel for pixel, at most
 * MLR_FIGURE_MAX_PIXELS a side. Safe to call from a worker thread. Returns a texture, or NULL
 * with @error set.
 */
GdkTexture *
mlr_figure_decode (const char  *path,
                   guint        width,
                   int          scale,
                   gboolean     dark,
                   int         *shown_w,
                   GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *format_name = NULL;
  GdkPixbufFormat *format;
  int w = 0, h = 0;

  if ((format = gdk_pixbuf_get_file_info (path, &w, &h)) == NULL || w <= 0 || h <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("not an image this app can read"));
      return NULL;
    }
  scale = CLAMP (scale, 1, MLR_FIGURE_MAX_SCALE);
  *shown_w = width > 0 ? (int) MIN (width, G_MAXINT / 2) : w;
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path,
                                              (int) MIN (MLR_FIGURE_MAX_PIXELS,
                                                         (gint64) *shown_w * scale),
                                              MLR_FIGURE_MAX_PIXELS, TRUE, error);
  if (pixbuf == NULL)
    return NULL;
  /* Diagrams follow the dark style; photographs (raster files) stay as they are. */
  format_name = gdk_pixbuf_format_get_name (format);   /* a copy */
  if (dark && g_strcmp0 (format_name, "svg") == 0 &&
      gdk_pixbuf_get_bits_per_sample (pixbuf) == 8)
    mlr_recolor_for_dark (gdk_pixbuf_get_pixels (pixbuf), gdk_pixbuf_get_width (pixbuf),
                          gdk_pixbuf_get_height (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                          gdk_pixbuf_get_n_channels (pixbuf));
  return gdk_texture_new_for_pixbuf (pixbuf);
}

/* The entry's name says what it shows; its key also says which version of the file. */
static char *
entry_name (const char *path,
            guint       width,
            int         scale,
            gboolean    dark)
{
  g_autofree char *name_key = g_strdup_printf ("%d|%s|%d|%u|%d|%d|%s", CACHE_FORMAT,
                                               PACKAGE_VERSION, MLR_FIGURE_MAX_PIXELS, width,
                                               scale, dark ? 1 : 0, path);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name_key, -1);

  return g_strconcat (sum, ".fig", NULL);
}

static char *
entry_key (const char *path,
           guint       width,
           int         scale,
           gboolean    dark)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  return g_strdup_printf ("%d|%s|%d|%u|%d|%d|%s|%" G_GINT64_FORMAT ".%09ld|%" G_GINT64_FORMAT
                          "|%" G_GUINT64_FORMAT, CACHE_FORMAT, PACKAGE_VERSION,
                          MLR_FIGURE_MAX_PIXELS, width, scale, dark ? 1 : 0, path,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (gint64) st.st_size, (guint64) st.st_ino);
}

static void
digest (const guint8 *data,
        gsize         len,
        guint8        out[CACHE_DIGEST_LEN])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize out_len = CACHE_DIGEST_LEN;

  g_checksum_update (sum, data, len);
  g_checksum_get_digest (sum, out, &out_len);
  g_assert (out_len == CACHE_DIGEST_LEN);
}

static gboolean
read_u32 (const guint8 **p,
          const guint8  *end,
          guint32       *value)
{
  if (end - *p < 4)
    return FALSE;
  memcpy (value, *p, 4);   /* the field need not be aligned */
  *value = GUINT32_FROM_LE (*value);
  *p += 4;
  return TRUE;
}

/* The cached texture for @key, or NULL when there is none or it is not exactly ours. */
static GdkTexture *
lookup (const char *file,
        const char *key,
        int        *shown_w)
{
  g_autofree char *data = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const guint8 *p, *end;
  guint8 sum[CACHE_DIGEST_LEN];
  guint32 key_len, width, png_len;
  gsize len;
  GStatBuf st;

  if (g_stat (file, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > CACHE_MAX_ENTRY_BYTES ||
      !g_file_get_contents (file, &data, &len, NULL))
    return NULL;
  p = (const guint8 *) data;
  end = p + len;
  if (len < CACHE_MAGIC_LEN + CACHE_DIGEST_LEN || memcmp (p, CACHE_MAGIC, CACHE_MAGIC_LEN) != 0)
    return NULL;
  p += CACHE_MAGIC_LEN;
  /* A damaged entry could still hold a PNG and a plausible width: the digest tells. */
  digest (p + CACHE_DIGEST_LEN, end - p - CACHE_DIGEST_LEN, sum);
  if (memcmp (p, sum, CACHE_DIGEST_LEN) != 0)
    return NULL;
  p += CACHE_DIGEST_LEN;
  if (!read_u32 (&p, end, &key_len) || (gsize) (end - p) < key_len ||
      key_len != strlen (key) || memcmp (p, key, key_len) != 0)
    return NULL;
  p += key_len;
  if (!read_u32 (&p, end, &width) || width == 0 || width > G_MAXINT / 2 ||
      !read_u32 (&p, end, &png_len) || (gsize) (end - p) != png_len ||
      png_len < sizeof png_signature || memcmp (p, png_signature, sizeof png_signature) != 0)
    return NULL;
  /* Only a PNG reaches GTK, which reads it with libpng (checking its CRCs), not gdk-pixbuf. */
  png = g_bytes_new (p, png_len);
  texture = gdk_texture_new_from_bytes (png, NULL);
  if (texture == NULL ||
      gdk_texture_get_width (texture) <= 0 ||
      gdk_texture_get_width (texture) > MLR_FIGURE_MAX_PIXELS ||
      gdk_texture_get_height (texture) <= 0 ||
      gdk_texture_get_height (texture) > MLR_FIGURE_MAX_PIXELS)
    return NULL;
  *shown_w = (int) width;
  return g_steal_pointer (&texture);
}

typedef struct {
  char   *path;
  gint64  mtime;
  goffset size;
} Entry;

static int
entry_older (gconstpointer a,
             gconstpointer b)
{
  const Entry *ea = *(Entry * const *) a, *eb = *(Entry * const *) b;

  return ea->mtime < eb->mtime ? -1 : ea->mtime > eb->mtime;
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->path);
  g_free (e);
}

/* Keeps the folder under CACHE_MAX_ENTRIES files and CACHE_MAX_BYTES, the oldest going first
 * (entries of figures that moved or are gone, temporary files a crash left behind). */
static void
trim (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  const char *name;
  goffset total = 0;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      Entry *e = g_new0 (Entry, 1);
      GStatBuf st;

      e->path = g_build_filename (dir, name, NULL);
      if (g_lstat (e->path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          entry_free (e);
          continue;
        }
      e->mtime = (gint64) st.st_mtime;
      e->size = st.st_size;
      total += e->size;
      g_ptr_array_add (entries, e);
    }
  if (entries->len <= CACHE_MAX_ENTRIES && total <= CACHE_MAX_BYTES)
    return;
  g_ptr_array_sort (entries, entry_older);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = g_ptr_array_index (entries, i);

      if (entries->len - i <= CACHE_MAX_ENTRIES * 3 / 4 && total <= CACHE_MAX_BYTES * 3 / 4)
        break;
      if (g_unlink (e->path) == 0)
        total -= e->size;
    }
}

static void
store (const char *dir,
       const char *file,
       const char *key,
       GdkTexture *texture,
       int         shown_w)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GError) error = NULL;
  guint32 u;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("%s: %s", dir, g_strerror (errno));
      return;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  if (png == NULL || g_bytes_get_size (png) > CACHE_MAX_ENTRY_BYTES / 2)
    return;
  out = g_byte_array_sized_new (CACHE_MAGIC_LEN + CACHE_DIGEST_LEN + 12 + strlen (key) +
                                g_bytes_get_size (png));
  g_byte_array_append (out, (const guint8 *) CACHE_MAGIC, CACHE_MAGIC_LEN);
  g_byte_array_set_size (out, CACHE_MAGIC_LEN + CACHE_DIGEST_LEN);
  u = GUINT32_TO_LE ((guint32) strlen (key));
  g_byte_array_append (out, (const guint8 *) &u, 4);
  g_byte_array_append (out, (const guint8 *) key, strlen (key));
  u = GUINT32_TO_LE ((guint32) shown_w);
  g_byte_array_append (out, (const guint8 *) &u, 4);
  u = GUINT32_TO_LE ((guint32) g_bytes_get_size (png));
  g_byte_array_append (out, (const guint8 *) &u, 4);
  g_byte_array_append (out, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  digest (out->data + CACHE_MAGIC_LEN + CACHE_DIGEST_LEN,
          out->len - CACHE_MAGIC_LEN - CACHE_DIGEST_LEN, out->data + CACHE_MAGIC_LEN);
  /* A temporary file renamed over the entry: a reader sees the old entry or the new one. */
  if (!g_file_set_contents_full (file, (const char *) out->data, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_ONLY_EXISTING, 0600, &error))
    {
      g_debug ("%s", error->message);
      return;
    }
  trim (dir);
}

/**
 * mlr_figure_load:
 * @cache_dir: (nullable): the cache's folder (mlr_figure_cache_default_dir()), NULL for none
 * @path: an image file
 * @width: the width the lesson asks for, 0 for the image's own
 * @scale: device pixels per application pixel where it is shown
 * @dark: recolour a diagram (SVG) for the dark style
 * @shown_w: (out): the width to show the figure at, in application pixels
 * @from_cache: (out) (optional): whether the pixels came from the cache
 *
 * mlr_figure_decode() through the cache: the cached pixels when @path has not changed since
 * they were stored; otherwise decodes it and stores the result, when the folder is writable.
 * Safe to call from a worker thread. Returns a texture, or NULL with @error set.
 */
GdkTexture *
mlr_figure_load (const char  *cache_dir,
                 const char  *path,
                 guint        width,
                 int          scale,
                 gboolean     dark,
                 int         *shown_w,
                 gboolean    *from_cache,
                 GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  GdkTexture *texture;

  if (from_cache != NULL)
    *from_cache = FALSE;
  scale = CLAMP (scale, 1, MLR_FIGURE_MAX_SCALE);
  if (cache_dir == NULL || (key = entry_key (path, width, scale, dark)) == NULL)
    return mlr_figure_decode (path, width, scale, dark, shown_w, error);

  name = entry_name (path, width, scale, dark);
  file = g_build_filename (cache_dir, name, NULL);
  if ((texture = lookup (file, key, shown_w)) != NULL)
    {
      if (from_cache != NULL)
        *from_cache = TRUE;
      return texture;
    }
  if ((texture = mlr_figure_decode (path, width, scale, dark, shown_w, error)) != NULL)
    store (cache_dir, file, key, texture, *shown_w);
  return texture;
}
