/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-plot-legend.h"

#include <math.h>

#include "mlr-plot.h"

/**
 * mlr_legend_style_init:
 * The look of a legend laid over a plot: rows of a line symbol, a label and a detail column,
 * at 0.9 of the label font, on a rounded plate of the background.
 */
void
mlr_legend_style_init (MlrLegendStyle   *style,
                       const MlrPalette *palette)
{
  *style = (MlrLegendStyle) {
    .text_scale = 0.9,
    .row_spacing = 3,
    .padding = 6,
    .padding_right = 8,
    .symbol_x = 9,
    .symbol_width = 18,
    .text_x = 34,
    .column_gap = 10,
    .columns = 1,
    .plate_alpha = 0.88,
    .plate_radius = 6,
  };
}

static gboolean
is_custom_row (const MlrLegendItem *item)
{
  return item->symbol == MLR_LEGEND_CUSTOM && item->label == NULL;
}

/* The widest label and detail, and the row height; with @all FALSE only what drawing needs
 * (the label column's width only when there are details, the text only when the style does
 * not fix the row height), as measuring shapes the text. */
static void
measure_columns (cairo_t              *cr,
                 const MlrPalette     *palette,
                 const MlrLegendStyle *style,
                 const MlrLegendItem  *items,
                 guint                 n_items,
                 gboolean              all,
                 double               *label_w,
                 double               *detail_w,
                 double               *row_h)
{
  double text_h = 0, w, h;
  gboolean details = FALSE;

  for (guint i = 0; i < n_items; i++)
    details = details || items[i].detail != NULL;
  *label_w = *detail_w = 0;
  if (all || details || style->row_height <= 0)
    for (guint i = 0; i < n_items; i++)
      {
        if (items[i].label != NULL)
          {
            mlr_text_size (cr, palette, items[i].label, style->text_scale, &w, &h);
            *label_w = MAX (*label_w, w);
            text_h = MAX (text_h, h);
          }
        if (items[i].detail != NULL)
          {
            mlr_text_size (cr, palette, items[i].detail, style->text_scale, &w, &h);
            *detail_w = MAX (*detail_w, w);
            text_h = MAX (text_h, h);
          }
      }
  *row_h = style->row_height > 0 ? style->row_height : text_h + style->row_spacing;
}

/**
 * mlr_legend_measure:
 * The size the legend of @items takes (plate included) when nothing is shortened.
 */
void
mlr_legend_measure (cairo_t              *cr,
                    const MlrPalette     *palette,
                    const MlrLegendStyle *style,
                    const MlrLegendItem  *items,
                    guint                 n_items,
                    double               *width,
                    double               *height)
{
  guint columns = MAX (style->columns, 1);
  double label_w, detail_w, row_h, row_w;

  measure_columns (cr, palette, style, items, n_items, TRUE, &label_w, &detail_w, &row_h);
  row_w = style->text_x + label_w + (detail_w > 0 ? style->column_gap + detail_w : 0) +
          style->padding_right;
  for (guint i = 0; i < n_items; i++)
    if (is_custom_row (&items[i]))
      row_w = MAX (row_w, items[i].row_width);
  *width = columns * row_w;
  *height = (n_items + columns - 1) / columns * row_h + 2 * style->padding;
}

/**
 * mlr_legend_symbol:
 * Draws @item's symbol in the box from @x, @width wide, centred on y = @cy (what a legend row
 * shows; also for a key drawn elsewhere).
 */
void
mlr_legend_symbol (cairo_t             *cr,
                   const MlrPalette    *palette,
                   const MlrLegendItem *item,
                   double               x,
                   double               cy,
                   double               width,
                   double               row_height)
{
  static const MlrColor casing = { 0, 0, 0, 0.55 };
  static const double dash[] = { 4, 3 };

  cairo_save (cr);
  cairo_new_path (cr);
  switch (item->symbol)
    {
    case MLR_LEGEND_LINE:
    case MLR_LEGEND_DASHED:
      if (item->symbol == MLR_LEGEND_DASHED)
        cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, item->size);
      mlr_cairo_set_color (cr, &item->color);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + width, cy);
      cairo_stroke (cr);
      break;
    case MLR_LEGEND_CASED_LINE:
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + width, cy);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      mlr_cairo_set_color (cr, &casing);
      cairo_set_line_width (cr, item->size + 2.5);
      cairo_stroke_preserve (cr);
      mlr_cairo_set_color (cr, &item->color);
      cairo_set_line_width (cr, item->size);
      cairo_stroke (cr);
      break;
    case MLR_LEGEND_SWATCH:
      cairo_rectangle (cr, x + width / 2 - item->size / 2, cy - item->size / 2, item->size,
                       item->size);
      mlr_cairo_set_color (cr, &item->color);
      cairo_fill (cr);
      break;
    case MLR_LEGEND_RING:
    case MLR_LEGEND_DOT:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + width / 2, cy, item->size / 2, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &item->color);
      if (item->symbol == MLR_LEGEND_DOT)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      break;
    case MLR_LEGEND_CUSTOM:
      if (item->draw != NULL)
        item->draw (cr, palette, item, x, cy, width, row_height);
      break;
    case MLR_LEGEND_NONE:
    default:
      break;
    }
  cairo_restore (cr);
}

/**
 * mlr_legend_draw:
 * @width: the legend's width (from mlr_legend_measure(), or the room there is: with
 *   @style->fit, labels are shortened to it)
 *
 * Draws the legend with its top left corner at (@x, @y).
 *
 * Returns: the y just below it
 */
double
mlr_legend_draw (cairo_t              *cr,
                 const MlrPalette     *palette,
                 const MlrLegendStyle *style,
                 const MlrLegendItem  *items,
                 guint                 n_items,
                 double                x,
                 double                y,
                 double                width)
{
  guint columns = MAX (style->columns, 1);
  guint n_rows = (n_items + columns - 1) / columns;
  double label_w, detail_w, row_h, col_w = width / columns;

  measure_columns (cr, palette, style, items, n_items, FALSE, &label_w, &detail_w, &row_h);
  cairo_save (cr);
  if (style->plate_alpha > 0)
    {
      mlr_rounded_rect_path (cr, x, y, width, n_rows * row_h + 2 * style->padding,
                             style->plate_radius);
      mlr_cairo_set_color_alpha (cr, &palette->background, style->plate_alpha);
      cairo_fill (cr);
    }

  for (guint i = 0; i < n_items; i++)
    {
      const MlrLegendItem *item = &items[i];
      double left = columns > 1 ? x + (i % columns) * col_w : x;
      double cy = y + style->padding + (i / columns) * row_h + row_h / 2;

      if (is_custom_row (item))
        {
          if (item->draw != NULL)
            item->draw (cr, palette, item, left, cy, col_w, row_h);
          continue;
        }
      if (item->symbol != MLR_LEGEND_NONE)
        mlr_legend_symbol (cr, palette, item, left + style->symbol_x, cy, style->symbol_width,
                           row_h);
      if (style->fit)
        mlr_draw_text_fit (cr, palette, &palette->foreground, item->label, left + style->text_x,
                           cy, col_w - style->text_x, 0, 0.5, style->text_scale);
      else
        mlr_draw_text (cr, palette, &palette->foreground, item->label, left + style->text_x,
                       cy, 0, 0.5, style->text_scale);
      if (item->detail != NULL)
        mlr_draw_text (cr, palette, item->detail_color ? item->detail_color : &palette->dim,
                       item->detail, left + style->text_x + label_w + style->column_gap, cy, 0,
                       0.5, style->text_scale);
    }
  cairo_restore (cr);
  return y + n_rows * row_h + 2 * style->padding;
}
