/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-plot-legend: a legend — rows of a symbol (a line in a series' colour, a swatch of a
 * class, a marker), a label and an optional detail in a second, aligned column ("Adam   loss
 * 3e−4") — optionally on a rounded plate of the background colour so it reads over a plot.
 *
 * The style says where things go inside a row; the legend measures itself
 * (mlr_legend_measure()) so the caller can choose where it fits, then draws there
 * (mlr_legend_draw()). A row with the MLR_LEGEND_CUSTOM symbol and no label is drawn
 * entirely by its callback (a key of markers, a remark), taking @row_width.
 *
 *   const MlrLegendItem items[] = {
 *     { MLR_LEGEND_LINE, palette->series[0], 2, "train loss" },
 *     { MLR_LEGEND_DASHED, palette->series[1], 2, "test loss" },
 *   };
 *   MlrLegendStyle style;
 *   mlr_legend_style_init (&style, palette);
 *   mlr_legend_measure (cr, palette, &style, items, 2, &w, &h);
 *   mlr_legend_draw (cr, palette, &style, items, 2, x, y, w);
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mlr-palette.h"

G_BEGIN_DECLS

typedef enum {
  MLR_LEGEND_NONE,        /* no symbol */
  MLR_LEGEND_LINE,        /* a short horizontal line, @size wide */
  MLR_LEGEND_CASED_LINE,  /* the same over a dark casing (for lines drawn over heatmaps) */
  MLR_LEGEND_DASHED,      /* a dashed line, @size wide */
  MLR_LEGEND_SWATCH,      /* a filled square of side @size */
  MLR_LEGEND_RING,        /* an open circle of diameter @size */
  MLR_LEGEND_DOT,         /* a filled circle of diameter @size */
  MLR_LEGEND_CUSTOM,      /* drawn by @draw */
} MlrLegendSymbol;

typedef struct _MlrLegendItem MlrLegendItem;

/* Draws @item's custom symbol (or a whole custom row) into the box from @x, @width wide and
 * @height high, centred on the line y = @cy; @item->color and @item->user_data say what. */
typedef void (*MlrLegendDrawFunc) (cairo_t             *cr,
                                   const MlrPalette    *palette,
                                   const MlrLegendItem *item,
                                   double               x,
                                   double               cy,
                                   double               width,
                                   double               height);

struct _MlrLegendItem {
  MlrLegendSymbol   symbol;
  MlrColor          color;          /* the symbol's colour */
  double            size;           /* line width, or swatch / circle size, in px */
  const char       *label;
  const char       *detail;         /* (nullable) the second column */
  const MlrColor   *detail_color;   /* (nullable) the detail's colour; default: dim */
  MlrLegendDrawFunc draw;           /* MLR_LEGEND_CUSTOM */
  gpointer          user_data;
  double            row_width;      /* a custom row without label: the width it needs */
};

typedef struct {
  double   text_scale;    /* font size of labels and details */
  double   row_height;    /* 0: the tallest text plus row_spacing */
  double   row_spacing;
  double   padding;       /* above the first row and below the last */
  double   padding_right; /* after the widest row */
  double   symbol_x;      /* the symbol's box, from the legend's left edge */
  double   symbol_width;
  double   text_x;        /* where labels start, from the legend's left edge */
  double   column_gap;    /* between the label column and the detail column */
  gboolean fit;           /* shorten labels with "…" to the width given to mlr_legend_draw */
  guint    columns;       /* items fill this many columns, left to right (1 or more) */
  double   plate_alpha;   /* > 0: a plate of the background colour this opaque */
  double   plate_radius;
} MlrLegendStyle;

void mlr_legend_style_init (MlrLegendStyle      *style,
                            const MlrPalette    *palette);
void mlr_legend_measure    (cairo_t             *cr,
                            const MlrPalette    *palette,
                            const MlrLegendStyle *style,
                            const MlrLegendItem *items,
                            guint                n_items,
                            double              *width,
                            double              *height);
double mlr_legend_draw     (cairo_t             *cr,
                            const MlrPalette    *palette,
                            const MlrLegendStyle *style,
                            const MlrLegendItem *items,
                            guint                n_items,
                            double               x,
                            double               y,
                            double               width);
void mlr_legend_symbol     (cairo_t             *cr,
                            const MlrPalette    *palette,
                            const MlrLegendItem *item,
                            double               x,
                            double               cy,
                            double               width,
                            double               row_height);

G_END_DECLS
