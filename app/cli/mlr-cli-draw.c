/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing side of ml-roadmap-cli, in ml-roadmap-cli-draw (see mlr-cli-draw.h).
 */
#include "config.h"

#include "mlr-cli-draw.h"

#include <math.h>

#include "painters/mlr-conv-picture.h"
#include "painters/mlr-math-painter.h"
#include "painters/mlr-palette.h"

#define PAD 8

gboolean
mlr_cli_math_write_png (const MlrMathNode  *formula,
                        const char         *path,
                        double              size,
                        gboolean            display,
                        gboolean            dark,
                        GError            **error)
{
  MlrPalette palette;
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  g_autoptr(MlrMathBox) box = mlr_math_layout (cr, formula, size, display);
  double w, h, d;
  int width, height;
  cairo_surface_t *surface;
  cairo_status_t status;

  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  mlr_palette_init_default (&palette, dark);
  mlr_math_box_extents (box, &w, &h, &d);
  width = (int) ceil (w) + 2 * PAD;
  height = (int) ceil (h + d) + 2 * PAD;
  if (width > 16384 || height > 16384)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "the formula is %d×%d pixels at this size, more than 16384 on a side",
                   width, height);
      return FALSE;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  mlr_cairo_set_color (cr, &palette.background);
  cairo_paint (cr);
  mlr_math_box_draw (cr, box, PAD, PAD + ceil (h), &palette.foreground);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "could not write %s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

MlrConvGrid *
mlr_cli_read_picture (const char  *path,
                      guint        max_side,
                      GError     **error)
{
  return mlr_conv_picture_load (path, max_side, error);
}
