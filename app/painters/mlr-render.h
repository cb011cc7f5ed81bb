/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-render: paint a demo for a set of parameters with no display — the same picture the app
 * paints — to a cairo context or to a PNG, SVG or PDF file. The demos are the registry's
 * (mlr-demo-registry.h).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ml/mlr-params.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

#define MLR_RENDER_ERROR (mlr_render_error_quark ())

typedef enum {
  MLR_RENDER_ERROR_UNKNOWN_DEMO,
  MLR_RENDER_ERROR_FORMAT,
  MLR_RENDER_ERROR_SIZE,
  MLR_RENDER_ERROR_WRITE,
  MLR_RENDER_ERROR_FAILED,
} MlrRenderError;

/* Paints a picture into a @width x @height area of @cr. */
typedef gboolean (*MlrRenderFunc) (cairo_t          *cr,
                                   int               width,
                                   int               height,
                                   const MlrPalette *palette,
                                   gpointer          user_data,
                                   GError          **error);

GQuark   mlr_render_error_quark  (void);
gboolean mlr_render_demo         (const char       *kind,
                                  const MlrParams  *params,
                                  cairo_t          *cr,
                                  int               width,
                                  int               height,
                                  const MlrPalette *palette,
                                  GError          **error);
gboolean mlr_render_to_file      (const char       *path,
                                  int               width,
                                  int               height,
                                  const MlrPalette *palette,
                                  MlrRenderFunc     func,
                                  gpointer          user_data,
                                  GError          **error);
gboolean mlr_render_demo_to_file (const char       *kind,
                                  const MlrParams  *params,
                                  const char       *path,
                                  int               width,
                                  int               height,
                                  gboolean          dark,
                                  GError          **error);

G_END_DECLS
