/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-plot-labels.h"

#include <math.h>

typedef struct {
  char     *text;
  MlrColor  border;
  gboolean  has_border;
  double    x, y, w, h;   /* the pill */
} Label;

struct _MlrLabels
{
  double  text_scale;
  GArray *labels;      /* Label */
  GArray *obstacles;   /* boxes: x, y, width, height doubles */
};

static void
label_clear (gpointer data)
{
  g_free (((Label *) data)->text);
}

/* An empty set of labels drawn at font @text_scale. */
MlrLabels *
mlr_labels_new (double text_scale)
{
  MlrLabels *self = g_new0 (MlrLabels, 1);

  self->text_scale = text_scale;
  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  g_array_set_clear_func (self->labels, label_clear);
  self->obstacles = g_array_new (FALSE, FALSE, 4 * sizeof (double));
  return self;
}

void
mlr_labels_free (MlrLabels *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->labels);
  g_array_unref (self->obstacles);
  g_free (self);
}

/* Keeps labels away from the square of half side @radius around (@x, @y). */
void
mlr_labels_avoid (MlrLabels *self,
                  double     x,
                  double     y,
                  double     radius)
{
  const double box[4] = { x - radius, y - radius, 2 * radius, 2 * radius };

  g_array_append_val (self->obstacles, box);
}

/* Whether two boxes (x, y, width, height) come within 2 px of each other. */
static gboolean
boxes_overlap (double ax,
               double ay,
               double aw,
               double ah,
               double bx,
               double by,
               double bw,
               double bh)
{
  return ax < bx + bw + 2 && bx < ax + aw + 2 && ay < by + bh + 2 && by < ay + ah + 2;
}

static gboolean
spot_free (const MlrLabels *self,
           double           x,
           double           y,
           double           w,
           double           h)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *l = &g_array_index (self->labels, Label, i);
      if (boxes_overlap (x, y, w, h, l->x, l->y, l->w, l->h))
        return FALSE;
    }
  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const double *o = (const double *) self->obstacles->data + 4 * i;
      if (boxes_overlap (x, y, w, h, o[0], o[1], o[2], o[3]))
        return FALSE;
    }
  return TRUE;
}

/**
 * mlr_labels_add:
 * @border: (nullable): outline the pill in this colour
 * @halign: as mlr_draw_text(): which point of the pill goes at (@x, @y)
 * @bounds: (nullable): keep the pill inside this plot
 *
 * Queues @text: on its pill at the spot asked for, or at the first of a few spots around it
 * that is free; when none is, at the spot asked for.
 */
void
mlr_labels_add (MlrLabels        *self,
                cairo_t          *cr,
                const MlrPalette *palette,
                const MlrColor   *border,
                const char       *text,
                double            x,
                double            y,
                double            halign,
                double            valign,
                const MlrPlot    *bounds)
{
  static const double shifts[][2] = {
    { 0, 0 }, { 0, 1 }, { 0, -1 }, { 0.6, 0 }, { -0.6, 0 }, { 0.6, 1 }, { -0.6, 1 },
    { 0.6, -1 }, { -0.6, -1 }, { 0, 2 }, { 0, -2 },
  };
  Label l = { 0 };
  double tw, th, bw, bh, bx, by;
  double best_x, best_y;
  gboolean found = FALSE;

  mlr_text_size (cr, palette, text, self->text_scale, &tw, &th);
  bw = tw + 10;
  bh = th + 4;
  bx = x - halign * bw;
  by = y - valign * bh;
  best_x = bx;
  best_y = by;
  for (guint i = 0; i < G_N_ELEMENTS (shifts) && !found; i++)
    {
      double cx = bx + shifts[i][0] * bw, cy = by + shifts[i][1] * (bh + 3);
      if (bounds)
        {
          double right = MAX (bounds->x0 + 2, bounds->x0 + bounds->w - bw - 2);
          double bottom = MAX (bounds->y0 + 2, bounds->y0 + bounds->h - bh - 2);
          cx = CLAMP (cx, bounds->x0 + 2, right);
          cy = CLAMP (cy, bounds->y0 + 2, bottom);
        }
      if (i == 0)
        {
          best_x = cx;
          best_y = cy;
        }
      if (spot_free (self, cx, cy, bw, bh))
        {
          best_x = cx;
          best_y = cy;
          found = TRUE;
        }
    }
  l.text = g_strdup (text);
  l.has_border = border != NULL;
  if (border)
    l.border = *border;
  l.x = round (best_x);
  l.y = round (best_y);
  l.w = bw;
  l.h = bh;
  g_array_append_val (self->labels, l);
}

/* Paints the queued labels, in the order they came. */
void
mlr_labels_draw (MlrLabels        *self,
                 cairo_t          *cr,
                 const MlrPalette *palette)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *l = &g_array_index (self->labels, Label, i);

      cairo_save (cr);
      mlr_rounded_rect_path (cr, l->x + 0.5, l->y + 0.5, l->w, l->h, l->h / 2);
      mlr_cairo_set_color_alpha (cr, &palette->background, 0.9);
      cairo_fill_preserve (cr);
      if (l->has_border)
        {
          mlr_cairo_set_color (cr, &l->border);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        cairo_new_path (cr);
      cairo_restore (cr);
      mlr_draw_text (cr, palette, &palette->foreground, l->text, l->x + 5, l->y + 2, 0, 0,
                     self->text_scale);
    }
}

/* How many labels are queued. */
guint
mlr_labels_get_n_labels (const MlrLabels *self)
{
  return self->labels->len;
}

/* Where the pill of label @i (in the order added) went. */
void
mlr_labels_get_box (const MlrLabels *self,
                    guint            i,
                    double          *x,
                    double          *y,
                    double          *width,
                    double          *height)
{
  const Label *l;

  g_return_if_fail (i < self->labels->len);
  l = &g_array_index (self->labels, Label, i);
  *x = l->x;
  *y = l->y;
  *width = l->w;
  *height = l->h;
}
