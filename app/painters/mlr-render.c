/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include "ml/mlr-file.h"
#include "mlr-demo-registry.h"

G_DEFINE_QUARK (mlr-render-error-quark, mlr_render_error)

#define MAX_RENDER_SIDE 8192

gboolean
mlr_render_demo (const char       *kind,
                 const MlrParams  *params,
                 cairo_t          *cr,
                 int               width,
                 int               height,
                 const MlrPalette *palette,
                 GError          **error)
{
  const MlrDemoKind *k = mlr_demo_registry_lookup (kind);

  if (k == NULL)
    {
      g_autofree char *kinds = mlr_demo_registry_ids ();
      g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_UNKNOWN_DEMO,
                   "there is no demo called “%s” (demos: %s)", kind, kinds);
      return FALSE;
    }
  return mlr_demo_kind_render (k, params, cr, width, height, palette, error);
}

static cairo_status_t
write_to_gstring (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * mlr_render_to_file:
 * Paints with @func into a surface chosen by @path's extension (.png, .svg, .pdf) and writes the
 * file atomically, so a failed render never leaves half a file behind.
 */
gboolean
mlr_render_to_file (const char       *path,
                    int               width,
                    int               height,
                    const MlrPalette *palette,
                    MlrRenderFunc     func,
                    gpointer          user_data,
                    GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;
  enum { PNG, SVG, PDF } format;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    format = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PDF;
  else
    {
      g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_FORMAT,
                   "“%s”: the file name must end in .png, .svg or .pdf", path);
      return FALSE;
    }
  if (width < 16 || height < 16 || width > MAX_RENDER_SIDE || height > MAX_RENDER_SIDE)
    {
      g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_SIZE,
                   "size %dx%d is out of range (each side 16 to %d)", width, height,
                   MAX_RENDER_SIDE);
      return FALSE;
    }

  if (format == PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (format == SVG)
    surface = cairo_svg_surface_create_for_stream (write_to_gstring, bytes, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (write_to_gstring, bytes, width, height);
  cr = cairo_create (surface);
  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);
  ok = func (cr, width, height, palette, user_data, error);
  cairo_destroy (cr);
  if (ok && format == PNG)
    ok = cairo_surface_write_to_png_stream (surface, write_to_gstring, bytes) ==
         CAIRO_STATUS_SUCCESS;
  cairo_surface_finish (surface);
  if (ok && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    ok = FALSE;
  cairo_surface_destroy (surface);
  if (!ok)
    {
      if (error && *error == NULL)
        g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_FAILED, "rendering failed");
      return FALSE;
    }
  if (!mlr_file_set_contents (path, (const char *) bytes->data, bytes->len, error))
    return FALSE;
  return TRUE;
}

typedef struct {
  const MlrDemoKind *kind;
  const MlrParams   *params;
} RenderDemo;

static gboolean
render_demo_cb (cairo_t          *cr,
                int               width,
                int               height,
                const MlrPalette *palette,
                gpointer          user_data,
                GError          **error)
{
  RenderDemo *r = user_data;

  return mlr_demo_kind_render (r->kind, r->params, cr, width, height, palette, error);
}

gboolean
mlr_render_demo_to_file (const char      *kind,
                         const MlrParams *params,
                         const char      *path,
                         int              width,
                         int              height,
                         gboolean         dark,
                         GError         **error)
{
  RenderDemo r = { mlr_demo_registry_lookup (kind), params };
  MlrPalette palette;

  if (r.kind == NULL)
    return mlr_render_demo (kind, params, NULL, width, height, NULL, error);
  mlr_palette_init_default (&palette, dark);
  return mlr_render_to_file (path, width, height, &palette, render_demo_cb, &r, error);
}
