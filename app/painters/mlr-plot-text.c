/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-plot-text.h"
#include "mlr-plot.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* The layout shared by every string drawn on one cairo context, and what it is set up for. */
typedef struct {
  PangoLayout *layout;
  double       size;          /* the font's absolute size in px, or -1 */
  char         family[64];
  double       xx, yx, xy, yy;  /* the context's transformation (rotation, scale) */
} TextCache;

static const cairo_user_data_key_t text_cache_key;

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_object_unref (cache->layout);
  g_free (cache);
}

/* The layout for @cr holding @text in @palette's font, fitted as @style says; NULL only
 * when @cr is in an error state (where drawing does nothing anyway). */
static PangoLayout *
layout_for (cairo_t            *cr,
            const MlrPalette   *palette,
            const char         *text,
            const MlrTextStyle *style)
{
  TextCache *cache = cairo_get_user_data (cr, &text_cache_key);
  double scale = style != NULL && style->scale > 0 ? style->scale : 1;
  double size = mlr_text_pixels (palette, scale);
  double max_width = style != NULL ? style->max_width : 0;
  int max_lines = style != NULL ? style->max_lines : 0;
  cairo_matrix_t m;
  const char *current;

  cairo_get_matrix (cr, &m);
  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->layout = pango_cairo_create_layout (cr);
      cache->size = -1;
      cache->xx = m.xx;
      cache->yx = m.yx;
      cache->xy = m.xy;
      cache->yy = m.yy;
      if (cairo_set_user_data (cr, &text_cache_key, cache, text_cache_free) !=
          CAIRO_STATUS_SUCCESS)
        {
          text_cache_free (cache);
          return NULL;
        }
    }
  else if (m.xx != cache->xx || m.yx != cache->yx || m.xy != cache->xy || m.yy != cache->yy)
    {
      /* a rotated or scaled context lays text out differently (hinting, metrics) */
      pango_cairo_update_layout (cr, cache->layout);
      cache->xx = m.xx;
      cache->yx = m.yx;
      cache->xy = m.xy;
      cache->yy = m.yy;
    }

  if (cache->size != size || strcmp (cache->family, palette->font_family) != 0)
    {
      PangoFontDescription *font = pango_font_description_from_string (palette->font_family);

      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (cache->layout, font);
      pango_font_description_free (font);
      cache->size = size;
      g_strlcpy (cache->family, palette->font_family, sizeof cache->family);
    }

  /* Pango's setters do nothing when the value is unchanged. */
  if (max_width > 0)
    {
      pango_layout_set_width (cache->layout, (int) (MAX (max_width, 10) * PANGO_SCALE));
      pango_layout_set_ellipsize (cache->layout, PANGO_ELLIPSIZE_END);
      if (max_lines > 1)
        {
          pango_layout_set_wrap (cache->layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (cache->layout, -max_lines);
        }
      else
        {
          pango_layout_set_wrap (cache->layout, PANGO_WRAP_WORD);
          pango_layout_set_height (cache->layout, -1);
        }
    }
  else
    {
      pango_layout_set_width (cache->layout, -1);
      pango_layout_set_ellipsize (cache->layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_wrap (cache->layout, PANGO_WRAP_WORD);
      pango_layout_set_height (cache->layout, -1);
    }

  /* setting the text always re-shapes it: skip that for the string just measured */
  current = pango_layout_get_text (cache->layout);
  if (current == NULL || strcmp (current, text) != 0)
    pango_layout_set_text (cache->layout, text, -1);
  return cache->layout;
}

/**
 * mlr_text_measure:
 * @style: (nullable): font scale and fitting (alignment is ignored); %NULL for plain text
 *
 * The size of the box @text takes, in user units (whole pixels).
 */
void
mlr_text_measure (cairo_t            *cr,
                  const MlrPalette   *palette,
                  const char         *text,
                  const MlrTextStyle *style,
                  double             *width,
                  double             *height)
{
  PangoLayout *layout = layout_for (cr, palette, text, style);
  int w = 0, h = 0;

  if (layout != NULL)
    pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/**
 * mlr_text_draw:
 * @color: (nullable): the text's colour; %NULL for the palette's foreground
 * @style: (nullable): font scale, alignment and fitting; %NULL for plain text with its top
 *   left corner at (@x, @y)
 *
 * Draws @text with the point of its box chosen by the style's alignment at (@x, @y).
 */
void
mlr_text_draw (cairo_t            *cr,
               const MlrPalette   *palette,
               const MlrColor     *color,
               const char         *text,
               double              x,
               double              y,
               const MlrTextStyle *style)
{
  PangoLayout *layout = layout_for (cr, palette, text, style);
  double halign = style != NULL ? style->halign : 0;
  double valign = style != NULL ? style->valign : 0;
  int w, h;

  if (layout == NULL)
    return;
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  mlr_cairo_set_color (cr, color ? color : &palette->foreground);
  cairo_move_to (cr, round (x - halign * w), round (y - valign * h));
  pango_cairo_show_layout (cr, layout);
  /* The path is not part of what cairo_save() keeps: without this the move_to's current
   * point stays, and the next arc drawn would start with a line from the text to it. */
  cairo_new_path (cr);
  cairo_restore (cr);
}

/* The height of a line of text at font @scale, with the spacing running text wants. */
double
mlr_text_line_height (const MlrPalette *palette,
                      double            scale)
{
  return ceil (mlr_text_pixels (palette, scale) * 1.35);
}

/**
 * mlr_text_pixels:
 * The size in pixels of text at font @scale: the palette's size times @scale, but never
 * below 11/12 of the palette's size, which is 11 px at 100% (the palette's 12 px) and grows
 * with the Lesson Text Size preference. Small print (ticks, legends) stays readable.
 */
double
mlr_text_pixels (const MlrPalette *palette,
                 double            scale)
{
  return palette->font_size * MAX (scale, 11.0 / 12.0);
}

/**
 * mlr_text_size:
 * The size of @text at font @scale (1 = the palette's label size), in whole pixels.
 */
void
mlr_text_size (cairo_t          *cr,
               const MlrPalette *palette,
               const char       *text,
               double            scale,
               double           *width,
               double           *height)
{
  MlrTextStyle style = { .scale = scale };

  mlr_text_measure (cr, palette, text, &style, width, height);
}

/**
 * mlr_draw_text:
 * Draws @text at font @scale with its box aligned at (@x, @y): @halign, @valign 0 = left /
 * top, 0.5 = centre, 1 = right / bottom. @color may be %NULL for the foreground.
 */
void
mlr_draw_text (cairo_t          *cr,
               const MlrPalette *palette,
               const MlrColor   *color,
               const char       *text,
               double            x,
               double            y,
               double            halign,
               double            valign,
               double            scale)
{
  MlrTextStyle style = { .scale = scale, .halign = halign, .valign = valign };

  mlr_text_draw (cr, palette, color, text, x, y, &style);
}

/* One line of @text, shortened with "…" to fit @max_width, aligned as mlr_draw_text(). */
void
mlr_draw_text_fit (cairo_t          *cr,
                   const MlrPalette *palette,
                   const MlrColor   *color,
                   const char       *text,
                   double            x,
                   double            y,
                   double            max_width,
                   double            halign,
                   double            valign,
                   double            scale)
{
  MlrTextStyle style = {
    .scale = scale, .halign = halign, .valign = valign, .max_width = MAX (max_width, 10),
    .max_lines = 1,
  };

  mlr_text_draw (cr, palette, color, text, x, y, &style);
}

/**
 * mlr_draw_text_wrapped:
 * Draws @text from (@x, @y) (its top left) wrapped to @width on at most @max_lines lines
 * (0: any number), the last shortened with "…".
 *
 * Returns: the height used
 */
double
mlr_draw_text_wrapped (cairo_t          *cr,
                       const MlrPalette *palette,
                       const MlrColor   *color,
                       const char       *text,
                       double            x,
                       double            y,
                       double            width,
                       int               max_lines,
                       double            scale)
{
  MlrTextStyle style = {
    .scale = scale, .max_width = MAX (width, 10), .max_lines = max_lines > 0 ? max_lines : 2,
  };
  double w, h;

  if (max_lines == 0)
    style.max_lines = G_MAXINT / 2;
  mlr_text_measure (cr, palette, text, &style, &w, &h);
  mlr_text_draw (cr, palette, color, text, x, y, &style);
  return h;
}
