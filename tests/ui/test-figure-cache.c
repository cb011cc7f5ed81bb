/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures' disk cache (app/views/mlr-figure-cache.c): a miss decodes and stores, a hit gives
 * the very pixels a fresh decode gives (light and dark) without loading librsvg, an edited
 * figure (modification time or size) is decoded again, a damaged, truncated or foreign entry is
 * ignored and rewritten, nothing is written where the folder cannot be written, and the folder
 * stays bounded. Needs no display.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "views/mlr-figure-cache.h"

#define FIGURE "calculus-gradients-tangent.svg"
#define FIGURE_WIDTH 480
/* The scale factor the checks decode at, but where the test is about scales. */
#define SCALE 2

/* A private copy of a lesson figure, which the tests may touch and edit. */
static char *
copy_figure (const char *dir)
{
  g_autofree char *src = g_build_filename (g_getenv ("MLR_CONTENT_DIR"), "images", FIGURE, NULL);
  g_autofree char *data = NULL;
  char *dst = g_build_filename (dir, FIGURE, NULL);
  gsize len;

  g_assert_true (g_file_get_contents (src, &data, &len, NULL));
  g_assert_true (g_file_set_contents (dst, data, len, NULL));
  return dst;
}

static char *
make_tmp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mlr-figure-cache-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The files in @dir (the cache's entries), sorted. */
static GPtrArray *
list_dir (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  return names;
}

static void
assert_same_pixels (GdkTexture *a,
                    GdkTexture *b)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  g_autofree guint8 *pa = NULL;
  g_autofree guint8 *pb = NULL;

  g_assert_cmpint (w, ==, gdk_texture_get_width (b));
  g_assert_cmpint (h, ==, gdk_texture_get_height (b));
  pa = g_malloc ((gsize) w * h * 4);
  pb = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (a, pa, (gsize) w * 4);
  gdk_texture_download (b, pb, (gsize) w * 4);
  g_assert_true (memcmp (pa, pb, (gsize) w * h * 4) == 0);
}

/* Loads @figure through the cache in @cache, checking it against a fresh decode. */
static void
load_and_check (const char *cache,
                const char *figure,
                gboolean    dark,
                gboolean    expect_cached)
{
  g_autoptr(GdkTexture) fresh = NULL;
  g_autoptr(GdkTexture) loaded = NULL;
  g_autoptr(GError) error = NULL;
  int fresh_w = 0, loaded_w = 0;
  gboolean cached = !expect_cached;

  fresh = mlr_figure_decode (figure, FIGURE_WIDTH, SCALE, dark, &fresh_w, &error);
  g_assert_no_error (error);
  loaded = mlr_figure_load (cache, figure, FIGURE_WIDTH, SCALE, dark, &loaded_w, &cached, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (cached, ==, expect_cached);
  g_assert_cmpint (loaded_w, ==, FIGURE_WIDTH);
  g_assert_cmpint (fresh_w, ==, FIGURE_WIDTH);
  g_assert_cmpint (gdk_texture_get_width (loaded), ==, 2 * FIGURE_WIDTH);
  assert_same_pixels (fresh, loaded);
}

static void
test_miss_then_hit (void)
{
  g_autofree char *tmp = make_tmp ();
  g_autofree char *cache = g_build_filename (tmp, "cache", "figures", NULL);
  g_autofree char *figure = copy_figure (tmp);
  g_autoptr(GPtrArray) entries = NULL;

  for (int dark = 0; dark <= 1; dark++)
    {
      load_and_check (cache, figure, dark, FALSE);
      load_and_check (cache, figure, dark, TRUE);
    }
  /* One entry a style, and no temporary file left behind. */
  entries = list_dir (cache);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    g_assert_true (g_str_has_suffix (g_ptr_array_index (entries, i), ".fig"));
  /* The dark style's pixels are not the light style's. */
  {
    g_autoptr(GdkTexture) light = NULL;
    g_autoptr(GdkTexture) dark = NULL;
    int w, hw = FIGURE_WIDTH * 2;
    g_autofree guint8 *pl = NULL;
    g_autofree guint8 *pd = NULL;
    gsize n;

    light = mlr_figure_load (cache, figure, FIGURE_WIDTH, SCALE, FALSE, &w, NULL, NULL);
    dark = mlr_figure_load (cache, figure, FIGURE_WIDTH, SCALE, TRUE, &w, NULL, NULL);
    n = (gsize) hw * gdk_texture_get_height (light) * 4;
    pl = g_malloc (n);
    pd = g_malloc (n);
    gdk_texture_download (light, pl, (gsize) hw * 4);
    gdk_texture_download (dark, pd, (gsize) hw * 4);
    g_assert_false (memcmp (pl, pd, n) == 0);
  }
}

/* A cache hit loads neither librsvg nor gdk-pixbuf's SVG loader: the point of the cache. */
static void
test_hit_skips_librsvg (void)
{
  if (g_test_subprocess ())
    {
      int w = 0;
      gboolean cached = FALSE;
      g_autofree char *cache = g_build_filename (g_getenv ("MLR_TEST_FIGURE_TMP"), "cache",
                                                 NULL);
      g_autofree char *figure = g_build_filename (g_getenv ("MLR_TEST_FIGURE_TMP"), FIGURE,
                                                  NULL);
      g_autoptr(GdkTexture) texture = mlr_figure_load (cache, figure, FIGURE_WIDTH, SCALE, FALSE, &w,
                                                       &cached, NULL);
      g_autofree char *maps = NULL;

      g_assert_nonnull (texture);
      g_assert_true (cached);
      g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
      g_assert_null (strstr (maps, "librsvg"));
      g_assert_null (strstr (maps, "libpixbufloader-svg"));
      return;
    }
  {
    /* The folder main() made, which the subprocess inherits. */
    const char *tmp = g_getenv ("MLR_TEST_FIGURE_TMP");
    g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
    g_autofree char *figure = copy_figure (tmp);
    int w;
    g_autoptr(GdkTexture) texture = mlr_figure_load (cache, figure, FIGURE_WIDTH, SCALE, FALSE, &w,
                                                     NULL, NULL);

    g_assert_nonnull (texture);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();
  }
}

static void
test_stale (void)
{
  g_autofree char *tmp = make_tmp ();
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *figure = copy_figure (tmp);
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  struct utimbuf times;
  GStatBuf st;
  gsize len;

  load_and_check (cache, figure, FALSE, FALSE);
  load_and_check (cache, figure, FALSE, TRUE);

  /* Touched: same bytes, a new modification time. */
  g_assert_cmpint (g_stat (figure, &st), ==, 0);
  times.actime = st.st_atime;
  times.modtime = st.st_mtime - 100;
  g_assert_cmpint (g_utime (figure, &times), ==, 0);
  load_and_check (cache, figure, FALSE, FALSE);
  load_and_check (cache, figure, FALSE, TRUE);

  /* Edited to the same modification time: the size tells. The new drawing has a red disc, so
   * the old pixels would be wrong. */
  g_assert_true (g_file_get_contents (figure, &data, &len, NULL));
  g_assert_nonnull (strstr (data, "</svg>"));
  {
    char *end = strstr (data, "</svg>");
    *end = '\0';
    edited = g_strconcat (data, "<circle cx='40' cy='40' r='30' fill='#ff0000'/></svg>\n", NULL);
  }
  {
    /* In place, so the inode stays too. */
    FILE *f = fopen (figure, "wb");
    g_assert_nonnull (f);
    g_assert_cmpuint (fwrite (edited, 1, strlen (edited), f), ==, strlen (edited));
    g_assert_cmpint (fclose (f), ==, 0);
  }
  g_assert_cmpint (g_utime (figure, &times), ==, 0);
  load_and_check (cache, figure, FALSE, FALSE);
  load_and_check (cache, figure, FALSE, TRUE);

  /* The edits replaced the entry rather than adding ones. */
  entries = list_dir (cache);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* Writes @len bytes of @data over the cache's one entry. */
static void
replace_entry (const char *cache,
               const char *data,
               gsize       len)
{
  g_autoptr(GPtrArray) entries = list_dir (cache);

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (g_file_set_contents (g_ptr_array_index (entries, 0), data, len, NULL));
}

static void
test_corrupt (void)
{
  g_autofree char *tmp = make_tmp ();
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *figure = copy_figure (tmp);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *good = NULL;
  gsize len;
  const char *png_at;

  load_and_check (cache, figure, FALSE, FALSE);
  entries = list_dir (cache);
  g_assert_true (g_file_get_contents (g_ptr_array_index (entries, 0), &good, &len, NULL));
  /* Where the PNG starts: its signature, after the header. */
  png_at = NULL;
  for (gsize i = 0; i + 8 <= len && png_at == NULL; i++)
    if (memcmp (good + i, "\x89PNG\r\n\x1a\n", 8) == 0)
      png_at = good + i;
  g_assert_nonnull (png_at);

  /* Empty, cut anywhere (in the header, the key, the PNG), one byte flipped anywhere. */
  {
    gsize cuts[] = { 0, 4, 8, 13, 40, (gsize) (png_at - good) - 1, (gsize) (png_at - good),
                     (gsize) (png_at - good) + 30, len / 2, len - 12, len - 1 };
    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        replace_entry (cache, good, cuts[i]);
        load_and_check (cache, figure, FALSE, FALSE);
        load_and_check (cache, figure, FALSE, TRUE);
      }
  }
  {
    gsize flips[] = { 0, 7, 8, 12, 20, (gsize) (png_at - good) - 6, (gsize) (png_at - good) - 2,
                      (gsize) (png_at - good) + 1, (gsize) (png_at - good) + 20,
                      (png_at - good + len) / 2, len - 30, len - 5 };
    for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
      {
        g_autofree char *bad = g_memdup2 (good, len);
        bad[flips[i]] ^= 0x5a;
        replace_entry (cache, bad, len);
        load_and_check (cache, figure, FALSE, FALSE);
        load_and_check (cache, figure, FALSE, TRUE);
      }
  }
  /* Longer than it says. */
  {
    g_autofree char *longer = g_malloc (len + 100);
    memcpy (longer, good, len);
    memset (longer + len, 'x', 100);
    replace_entry (cache, longer, len + 100);
    load_and_check (cache, figure, FALSE, FALSE);
  }
  /* Someone else's file: text, and a bare PNG of the very figure (no header, no key). */
  replace_entry (cache, "hello\n", 6);
  load_and_check (cache, figure, FALSE, FALSE);
  {
    int w;
    g_autoptr(GdkTexture) t = mlr_figure_decode (figure, FIGURE_WIDTH, SCALE, FALSE, &w, NULL);
    g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (t);

    replace_entry (cache, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    load_and_check (cache, figure, FALSE, FALSE);
  }
  /* Another figure's entry, copied over this one's name: its key is not this one's. */
  {
    g_autofree char *other_tmp = make_tmp ();
    g_autofree char *other_cache = g_build_filename (other_tmp, "cache", NULL);
    g_autofree char *other = copy_figure (other_tmp);
    g_autoptr(GPtrArray) other_entries = NULL;
    g_autofree char *other_data = NULL;
    gsize other_len;
    int w;
    g_autoptr(GdkTexture) t = mlr_figure_load (other_cache, other, FIGURE_WIDTH / 2, SCALE, FALSE, &w,
                                               NULL, NULL);

    g_assert_nonnull (t);
    other_entries = list_dir (other_cache);
    g_assert_cmpuint (other_entries->len, ==, 1);
    g_assert_true (g_file_get_contents (g_ptr_array_index (other_entries, 0), &other_data,
                                        &other_len, NULL));
    replace_entry (cache, other_data, other_len);
    load_and_check (cache, figure, FALSE, FALSE);
    load_and_check (cache, figure, FALSE, TRUE);
  }
}

static void
test_unwritable (void)
{
  g_autofree char *tmp = make_tmp ();
  g_autofree char *figure = copy_figure (tmp);
  g_autofree char *blocker = g_build_filename (tmp, "not-a-folder", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "figures", NULL);

  /* The cache's folder would be under a file: nothing can be created there. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  load_and_check (under_file, figure, FALSE, FALSE);
  load_and_check (under_file, figure, FALSE, FALSE);

  /* A read-only folder (meaningless for root, who writes anyway). */
  if (geteuid () != 0)
    {
      g_autofree char *ro = g_build_filename (tmp, "read-only", NULL);
      g_autoptr(GPtrArray) entries = NULL;

      g_assert_cmpint (g_mkdir (ro, 0500), ==, 0);
      load_and_check (ro, figure, FALSE, FALSE);
      load_and_check (ro, figure, FALSE, FALSE);
      entries = list_dir (ro);
      g_assert_cmpuint (entries->len, ==, 0);
      g_chmod (ro, 0700);
    }
}

/* However many figures and widths come and go, the folder keeps to its bound. */
static void
test_bounded (void)
{
  g_autofree char *tmp = make_tmp ();
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *figure = g_build_filename (tmp, "tiny.svg", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  const char *svg = "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'>"
                    "<rect width='4' height='4' fill='#3366cc'/></svg>";

  g_assert_true (g_file_set_contents (figure, svg, -1, NULL));
  for (guint width = 1; width <= 300; width++)
    {
      int w;
      gboolean cached = TRUE;
      g_autoptr(GdkTexture) t = mlr_figure_load (cache, figure, width, SCALE, FALSE, &w,
                                                 &cached, NULL);

      g_assert_nonnull (t);
      g_assert_false (cached);
      g_assert_cmpint (w, ==, width);
    }
  entries = list_dir (cache);
  g_assert_cmpuint (entries->len, >, 0);
  g_assert_cmpuint (entries->len, <=, 256);
}

/* A figure is decoded pixel for pixel at the scale factor it is shown at: a quarter of the
 * pixels on a screen of scale 1, each scale its own entry; out-of-range scales are clamped. */
static void
test_scales (void)
{
  g_autofree char *tmp = make_tmp ();
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *figure = copy_figure (tmp);
  g_autoptr(GPtrArray) entries = NULL;
  int heights[4] = { 0 };

  for (int scale = 1; scale <= 3; scale++)
    for (int pass = 0; pass < 2; pass++)
      {
        int w = 0;
        gboolean cached = pass == 0;
        g_autoptr(GError) error = NULL;
        g_autoptr(GdkTexture) t = mlr_figure_load (cache, figure, FIGURE_WIDTH, scale, FALSE, &w,
                                                   &cached, &error);

        g_assert_no_error (error);
        g_assert_cmpint (cached, ==, pass == 1);
        g_assert_cmpint (w, ==, FIGURE_WIDTH);
        g_assert_cmpint (gdk_texture_get_width (t), ==, scale * FIGURE_WIDTH);
        heights[scale] = gdk_texture_get_height (t);
      }
  /* The same aspect ratio at every scale, to a pixel. */
  g_assert_cmpint (heights[1], >, 0);
  g_assert_cmpint (ABS (heights[2] - 2 * heights[1]), <=, 2);
  g_assert_cmpint (ABS (heights[3] - 3 * heights[1]), <=, 3);
  entries = list_dir (cache);
  g_assert_cmpuint (entries->len, ==, 3);
  /* A scale below 1 is 1, one above the bound is the bound: no new entry for 0. */
  {
    int w;
    gboolean cached = FALSE;
    g_autoptr(GdkTexture) t0 = mlr_figure_load (cache, figure, FIGURE_WIDTH, 0, FALSE, &w,
                                                &cached, NULL);
    g_autoptr(GdkTexture) big = mlr_figure_decode (figure, FIGURE_WIDTH, 1000, FALSE, &w, NULL);

    g_assert_true (cached);
    g_assert_cmpint (gdk_texture_get_width (t0), ==, FIGURE_WIDTH);
    g_assert_cmpint (gdk_texture_get_width (big), ==,
                     MIN (MLR_FIGURE_MAX_PIXELS, MLR_FIGURE_MAX_SCALE * FIGURE_WIDTH));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A folder for the subprocess test, set before any thread exists (setenv is not thread-safe). */
  if (g_getenv ("MLR_TEST_FIGURE_TMP") == NULL)
    {
      g_autofree char *tmp = make_tmp ();
      g_setenv ("MLR_TEST_FIGURE_TMP", tmp, TRUE);
    }

  g_test_add_func ("/figure-cache/miss-then-hit", test_miss_then_hit);
  g_test_add_func ("/figure-cache/hit-skips-librsvg", test_hit_skips_librsvg);
  g_test_add_func ("/figure-cache/stale", test_stale);
  g_test_add_func ("/figure-cache/corrupt", test_corrupt);
  g_test_add_func ("/figure-cache/unwritable", test_unwritable);
  g_test_add_func ("/figure-cache/bounded", test_bounded);
  g_test_add_func ("/figure-cache/scales", test_scales);
  return g_test_run ();
}
