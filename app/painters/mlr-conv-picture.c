/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-conv-picture.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

/**
 * mlr_conv_picture_load:
 * The grey scale of the picture at @path, scaled down by area averaging so its longer side
 * is at most @max_side (0: full size). A picture of more than MLR_CONV_MAX_DECODE pixels is
 * refused before it is decoded. Errors start with the file's name.
 */
MlrConvGrid *
mlr_conv_picture_load (const char  *path,
                       guint        max_side,
                       GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local = NULL;
  int width = 0, height = 0;
  MlrConvGrid *grid;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "%s: no such file, or not a regular file", name);
      return NULL;
    }
  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "%s: not a picture in a format this system reads (PNG, JPEG, …)", name);
      return NULL;
    }
  if ((guint64) width * height > MLR_CONV_MAX_DECODE)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_LIMIT,
                   "%s: %d×%d pixels, more than the %d a picture may have", name, width,
                   height, MLR_CONV_MAX_DECODE);
      return NULL;
    }
  pixbuf = gdk_pixbuf_new_from_file (path, &local);
  if (pixbuf == NULL)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID, "%s: %s", name,
                   local->message);
      return NULL;
    }
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if ((guint64) width * height > MLR_CONV_MAX_DECODE ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      (gdk_pixbuf_get_n_channels (pixbuf) != 3 && gdk_pixbuf_get_n_channels (pixbuf) != 4))
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "%s: an unusual picture (%d×%d, %d channels of %d bits) this demo cannot "
                   "read", name, width, height, gdk_pixbuf_get_n_channels (pixbuf),
                   gdk_pixbuf_get_bits_per_sample (pixbuf));
      return NULL;
    }
  grid = mlr_conv_grid_from_rgba (gdk_pixbuf_read_pixels (pixbuf), width, height,
                             gdk_pixbuf_get_rowstride (pixbuf),
                             gdk_pixbuf_get_n_channels (pixbuf), max_side, &local);
  if (grid == NULL)
    g_set_error (error, MLR_CONV_ERROR, local->code, "%s: %s", name, local->message);
  return grid;
}
