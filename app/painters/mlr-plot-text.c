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

/* ---------------------------------------------------------------- kept layouts */

/* Frames a layout may go unused before mlr_text_cache_detach() drops it, and how many
 * layouts a cache holds at most (past that, all those not used this frame go at once). */
#define KEEP_FRAMES 2
#define MAX_LAYOUTS 256

struct _MlrTextCache
{
  GHashTable *layouts;   /* Key -> KeptLayout */
  guint64     frame;     /* counts mlr_text_cache_detach() */
  guint       misses;
  /* what the context it is attached to lays text out for (font options, device scale),
   * fixed during a frame; the layouts are dropped when it changes */
  char        target[64];
};

typedef struct {
  PangoLayout *layout;
  guint64      used;     /* the last frame that drew or measured it */
} KeptLayout;

static const cairo_user_data_key_t kept_key;

/* A kept layout's key: what it was laid out for, then the font family and the text, each
 * with its NUL; compared as bytes. */
typedef struct {
  gsize  len;        /* of the whole key */
  guint  hash;
  double size, max_width, xx, yx, xy, yy;
  int    max_lines;
  char   strings[];
} Key;

static guint
key_hash (gconstpointer p)
{
  return ((const Key *) p)->hash;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *ka = a, *kb = b;

  return ka->len == kb->len && ka->hash == kb->hash && memcmp (ka, kb, ka->len) == 0;
}

static void
kept_layout_free (gpointer data)
{
  KeptLayout *kept = data;

  g_object_unref (kept->layout);
  g_free (kept);
}

/**
 * mlr_text_cache_new:
 * A store of laid-out texts that outlives a cairo context, for a painter that draws mostly
 * the same words frame after frame (a demo's tick numbers, legend, title): while attached
 * to a context (mlr_text_cache_attach()), every function here takes the layout of a string
 * it drew in the last frames instead of shaping it again. A layout is kept for one text in
 * one font, size, fitting, rotation and target (font options, device scale); a different
 * text, font or target is a different layout, so nothing shown is ever stale. Colour is not
 * part of a layout (it is the context's source), so a dark/light switch reuses them.
 */
MlrTextCache *
mlr_text_cache_new (void)
{
  MlrTextCache *cache = g_new0 (MlrTextCache, 1);

  cache->layouts = g_hash_table_new_full (key_hash, key_equal, g_free, kept_layout_free);
  return cache;
}

void
mlr_text_cache_free (MlrTextCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->layouts);
  g_free (cache);
}

/**
 * mlr_text_cache_attach:
 * Lets the text drawn on @cr, until mlr_text_cache_detach(), use and fill @cache. Only for
 * image and recording surfaces (what GTK gives a drawing area): on other targets (SVG and
 * PDF export) it does nothing and text is laid out as without it. @cr must keep its target
 * and font options until the detach.
 */
void
mlr_text_cache_attach (MlrTextCache *cache,
                       cairo_t      *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_font_options_t *surface_options, *cr_options;
  double sx = 1, sy = 1;
  char what[sizeof cache->target];

  if (cache == NULL || (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE &&
                        cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_RECORDING))
    return;
  /* What Pango takes from the context besides its matrix: the target's font options merged
   * with the context's, and the device scale (which hinting sees) */
  surface_options = cairo_font_options_create ();
  cr_options = cairo_font_options_create ();
  cairo_surface_get_font_options (target, surface_options);
  cairo_get_font_options (cr, cr_options);
  cairo_surface_get_device_scale (target, &sx, &sy);
  g_snprintf (what, sizeof what, "%lx:%lx:%a:%a",
              cairo_font_options_hash (surface_options), cairo_font_options_hash (cr_options),
              sx, sy);
  if (strcmp (what, cache->target) != 0)
    {
      /* laid out for another target: none fits */
      g_hash_table_remove_all (cache->layouts);
      g_strlcpy (cache->target, what, sizeof cache->target);
    }
  cairo_font_options_destroy (surface_options);
  cairo_font_options_destroy (cr_options);
  /* on failure (@cr in an error state, where nothing draws) text goes without the cache */
  cairo_set_user_data (cr, &kept_key, cache, NULL);
}

static gboolean
not_used_since (gpointer key,
                gpointer value,
                gpointer user_data)
{
  const KeptLayout *kept = value;
  const guint64 *since = user_data;

  return kept->used < *since;
}

/**
 * mlr_text_cache_detach:
 * Ends @cr's frame with the cache attached to it, if any: drops the layouts that went
 * unused for a few frames, so the cache holds about one frame's words.
 */
void
mlr_text_cache_detach (cairo_t *cr)
{
  MlrTextCache *cache = cairo_get_user_data (cr, &kept_key);
  guint64 since;

  if (cache == NULL)
    return;
  cairo_set_user_data (cr, &kept_key, NULL, NULL);
  since = cache->frame >= KEEP_FRAMES ? cache->frame - KEEP_FRAMES + 1 : 0;
  if (g_hash_table_size (cache->layouts) > MAX_LAYOUTS / 2)
    since = cache->frame;
  g_hash_table_foreach_remove (cache->layouts, not_used_since, &since);
  cache->frame++;
}

/* How many layouts @cache holds, and how many it had to make (tests). */
guint
mlr_text_cache_get_size (const MlrTextCache *cache)
{
  return g_hash_table_size (cache->layouts);
}

guint
mlr_text_cache_get_misses (const MlrTextCache *cache)
{
  return cache->misses;
}

/* Sets @layout up to fit @max_width / @max_lines (see MlrTextStyle). Pango's setters do
 * nothing when the value is unchanged. */
static void
layout_setup (PangoLayout *layout,
              double       max_width,
              int          max_lines)
{
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (MAX (max_width, 10) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (max_lines > 1)
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -max_lines);
        }
      else
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_height (layout, -1);
        }
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_height (layout, -1);
    }
}

static void
layout_set_font (PangoLayout      *layout,
                 const MlrPalette *palette,
                 double            size)
{
  PangoFontDescription *font = pango_font_description_from_string (palette->font_family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

/* Fills the @len bytes of @key (zeroed by the caller, so padding compares equal). */
static void
key_fill (Key                  *key,
          gsize                 len,
          const cairo_matrix_t *m,
          const char           *family,
          gsize                 family_len,
          const char           *text,
          gsize                 text_len,
          double                size,
          double                max_width,
          int                   max_lines)
{
  const guchar *bytes = (const guchar *) key;
  guint32 h = 5381;

  key->len = len;
  key->size = size;
  key->max_width = max_width > 0 ? MAX (max_width, 10) : 0;
  key->max_lines = max_width > 0 ? max_lines : 0;
  key->xx = m->xx;
  key->yx = m->yx;
  key->xy = m->xy;
  key->yy = m->yy;
  memcpy (key->strings, family, family_len + 1);
  memcpy (key->strings + family_len + 1, text, text_len + 1);
  for (gsize i = G_STRUCT_OFFSET (Key, size); i < len; i++)
    h = h * 33 + bytes[i];
  key->hash = h;
}

/* The kept layout of @text as the arguments say, made on a miss; NULL when @cr has no
 * cache attached. */
static PangoLayout *
kept_layout_for (cairo_t              *cr,
                 const cairo_matrix_t *m,
                 const MlrPalette     *palette,
                 const char           *text,
                 double                size,
                 double                max_width,
                 int                   max_lines)
{
  MlrTextCache *cache = cairo_get_user_data (cr, &kept_key);
  gsize family_len, text_len, len;
  double buf[64];   /* a short key's room, aligned for Key */
  Key *key;
  KeptLayout *kept;

  if (cache == NULL)
    return NULL;
  family_len = strlen (palette->font_family);
  text_len = strlen (text);
  len = sizeof (Key) + family_len + 1 + text_len + 1;
  key = len <= sizeof buf ? (Key *) buf : g_malloc (len);
  memset (key, 0, len);
  key_fill (key, len, m, palette->font_family, family_len, text, text_len, size, max_width,
            max_lines);
  kept = g_hash_table_lookup (cache->layouts, key);
  if (kept == NULL)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);

      if (layout == NULL)
        {
          if (key != (Key *) buf)
            g_free (key);
          return NULL;
        }
      layout_set_font (layout, palette, size);
      layout_setup (layout, max_width, max_lines);
      pango_layout_set_text (layout, text, -1);
      kept = g_new0 (KeptLayout, 1);
      kept->layout = layout;
      g_hash_table_insert (cache->layouts, key != (Key *) buf ? key : g_memdup2 (key, len), kept);
      key = NULL;
      cache->misses++;
      if (g_hash_table_size (cache->layouts) > MAX_LAYOUTS)
        {
          /* a frame of ever new words: keep this frame's only */
          guint64 since = cache->frame;
          kept->used = cache->frame;
          g_hash_table_foreach_remove (cache->layouts, not_used_since, &since);
        }
    }
  else if (key != (Key *) buf)
    g_free (key);
  kept->used = cache->frame;
  return kept->layout;
}

/* ---------------------------------------------------------------- the shared layout */

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
  PangoLayout *kept;

  cairo_get_matrix (cr, &m);
  if ((kept = kept_layout_for (cr, &m, palette, text, size, max_width, max_lines)) != NULL)
    return kept;
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
      layout_set_font (cache->layout, palette, size);
      cache->size = size;
      g_strlcpy (cache->family, palette->font_family, sizeof cache->family);
    }
  layout_setup (cache->layout, max_width, max_lines);

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
