/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-plot-text: the words on a picture — titles, tick numbers, legends, notes — drawn with
 * Pango in the palette's font, so Unicode (θ, η, ∇, σ₁) renders in the theme's face.
 *
 * A text is placed by a point and an alignment: (@halign, @valign) say which point of the
 * text's box sits at (x, y) — (0, 0) its top left, (0.5, 0.5) its centre, (1, 1) its bottom
 * right — rounded to whole units so it stays sharp. It can be fitted to a width: shortened
 * with "…" on one line, or wrapped onto a few lines (see MlrTextStyle).
 *
 * Cost: a Pango layout per string (a new Pango context each) costs about as much as drawing
 * it, and a picture has dozens of strings. Every function here shares one layout per cairo
 * context, kept on the context (cairo user data) for its lifetime, and re-shapes only when
 * the string, font, fitting or the context's transformation (rotated text) changed — so
 * measuring a string and then drawing it shapes it once. A painter that redraws mostly the
 * same words every frame (on a new context each, as GTK gives them) can keep their layouts
 * across frames in an MlrTextCache attached to the context for the frame.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mlr-palette.h"

G_BEGIN_DECLS

typedef struct {
  double scale;      /* font size relative to the palette's (1 = labels); 0 means 1 */
  double halign;     /* which point of the box goes at x: 0 left, 0.5 centre, 1 right */
  double valign;     /* ... at y: 0 top, 0.5 middle, 1 bottom */
  double max_width;  /* > 0: fit the text to this width (at least 10), see max_lines */
  int    max_lines;  /* with max_width: 1 (or 0) shortens to one line with "…"; n > 1
                      * wraps at word (else character) boundaries onto at most n lines,
                      * shortening the last */
} MlrTextStyle;

/* Laid-out texts kept from frame to frame by a painter (see mlr_text_cache_new()). */
typedef struct _MlrTextCache MlrTextCache;

MlrTextCache *mlr_text_cache_new        (void);
void          mlr_text_cache_free       (MlrTextCache       *cache);
void          mlr_text_cache_attach     (MlrTextCache       *cache,
                                         cairo_t            *cr);
void          mlr_text_cache_detach     (cairo_t            *cr);
guint         mlr_text_cache_get_size   (const MlrTextCache *cache);
guint         mlr_text_cache_get_misses (const MlrTextCache *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrTextCache, mlr_text_cache_free)

void   mlr_text_draw        (cairo_t            *cr,
                             const MlrPalette   *palette,
                             const MlrColor     *color,
                             const char         *text,
                             double              x,
                             double              y,
                             const MlrTextStyle *style);
void   mlr_text_measure     (cairo_t            *cr,
                             const MlrPalette   *palette,
                             const char         *text,
                             const MlrTextStyle *style,
                             double             *width,
                             double             *height);
double mlr_text_pixels      (const MlrPalette   *palette,
                             double              scale);
double mlr_text_line_height (const MlrPalette   *palette,
                             double              scale);

/* Shorthands for the common cases (mlr_draw_text() and mlr_text_size() are in mlr-plot.h). */
void   mlr_draw_text_fit     (cairo_t           *cr,
                              const MlrPalette  *palette,
                              const MlrColor    *color,
                              const char        *text,
                              double             x,
                              double             y,
                              double             max_width,
                              double             halign,
                              double             valign,
                              double             scale);
double mlr_draw_text_wrapped (cairo_t           *cr,
                              const MlrPalette  *palette,
                              const MlrColor    *color,
                              const char        *text,
                              double             x,
                              double             y,
                              double             width,
                              int                max_lines,
                              double             scale);

G_END_DECLS
