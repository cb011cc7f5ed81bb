/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-threshold-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MARGIN 14
#define GAP 12
#define NARROW 640
/* room around a plot: the title and subtitle above, ticks (and the axis label) around */
#define TOP 38
#define LEFT 52
#define RIGHT 8
#define BOTTOM 38
#define HIST_LEFT 46
#define HIST_TOP 36
/* a pointer this far outside the histogram still drags the threshold */
#define GRAB 12
/* the confusion matrix on narrow canvases: the rates beside it, the costs under it */
#define CM_NARROW_H 172
/* ... and when the rates go under the matrix, two by two (canvases under about 436 px) */
#define CM_STACKED_H 226
#define CM_LABEL_W 70

/* What changes with the threshold and the costs is painted every frame; the rest (axes,
 * histograms, curves, titles, the reliability diagram) only when the scores, the size or the
 * colours change, into a cached layer (see MlrThresholdPainterCache). The shading of what the
 * threshold calls positive goes under the cached layer, everything else of a frame over it. */
typedef enum {
  LAYER_UNDER,
  LAYER_STATIC,
  LAYER_FRAME,
} Layer;

struct _MlrThresholdPainterCache
{
  cairo_surface_t *surface;
  guint64          generation;
  int              width, height;
  double           scale;
  MlrPalette       palette;
  guint            builds;
};

/* canvas text at least 11 px: the axes' tick labels are drawn at 0.85 of the font size */
static void
axes_palette (const MlrPalette *palette,
              MlrPalette       *out)
{
  *out = *palette;
  out->font_size = MAX (palette->font_size, 11.0 / 0.85);
}

/* The matrix's cell width, and whether the rates fit beside it in a panel @cm_w wide. */
static double
confusion_cell_w (double   cm_w,
                  gboolean narrow)
{
  return narrow ? 84 : MIN (96, (cm_w - CM_LABEL_W) / 2);
}

static gboolean
confusion_beside (double   cm_w,
                  gboolean narrow)
{
  return cm_w >= CM_LABEL_W + 2 * confusion_cell_w (cm_w, narrow) + 170;
}

static double
confusion_narrow_h (double cm_w)
{
  return confusion_beside (cm_w, TRUE) ? CM_NARROW_H : CM_STACKED_H;
}

/* The plot of a box: the title above, ticks around, square when @square. */
static void
plot_in_box (MlrPlot  *plot,
             double    x,
             double    y,
             double    w,
             double    h,
             double    left,
             double    top,
             double    ymax,
             gboolean  square)
{
  double pw = MAX (w - left - RIGHT, 20), ph = MAX (h - top - BOTTOM, 20);

  if (square)
    {
      double side = MIN (pw, ph);
      x += (pw - side) / 2;
      pw = ph = side;
    }
  mlr_plot_init (plot, round (x + left), round (y + top), round (pw), round (ph), 0, 1, 0, ymax,
                 FALSE);
}

static guint
histogram_bins (const MlrThresholdLayout *L)
{
  return L->hist.w >= 480 ? MLR_THRESHOLD_HIST_BINS : MLR_THRESHOLD_HIST_BINS / 2;
}

/* The state's histogram in @bins bins (its own, or its pairs merged). */
static void
histogram (const MlrThresholdState *state,
           guint                    bins,
           guint                   *neg,
           guint                   *pos)
{
  const guint *n40, *p40;
  guint merge = MLR_THRESHOLD_HIST_BINS / bins;

  mlr_threshold_state_get_histogram (state, &n40, &p40);
  memset (neg, 0, bins * sizeof *neg);
  memset (pos, 0, bins * sizeof *pos);
  for (guint b = 0; b < MLR_THRESHOLD_HIST_BINS; b++)
    {
      neg[b / merge] += n40[b];
      pos[b / merge] += p40[b];
    }
}

/* The tallest bar of either class, for the histogram's scale. */
static double
histogram_top (const MlrThresholdState *state,
               guint                    bins)
{
  guint neg[MLR_THRESHOLD_HIST_BINS], pos[MLR_THRESHOLD_HIST_BINS];
  guint top = 1;

  histogram (state, bins, neg, pos);
  for (guint b = 0; b < bins; b++)
    top = MAX (top, MAX (neg[b], pos[b]));
  return top * 1.12;
}

/**
 * mlr_threshold_painter_preferred_height:
 * The canvas height that shows the picture well at @width: three-quarters of it on wide
 * canvases (500 to 760 px); on narrow ones what the stacked plots need.
 */
int
mlr_threshold_painter_preferred_height (int width)
{
  double side, row_h;

  if (width >= NARROW)
    return CLAMP ((int) round (width * 0.75), 500, 760);
  side = MAX ((width - 2 * MARGIN - GAP) / 2.0 - LEFT - RIGHT, 60);
  row_h = side + TOP + BOTTOM;
  return (int) ceil (2 * MARGIN + 200 + 3 * GAP + confusion_narrow_h (width - 2 * MARGIN) +
                     2 * row_h);
}

/**
 * mlr_threshold_painter_layout:
 * Where the plots and the matrix go on a @width × @height canvas: wide, the histogram and
 * the matrix side by side over the ROC, precision–recall and reliability plots; narrow
 * (under 640 px), the histogram, then the matrix, then two plots a row.
 */
void
mlr_threshold_painter_layout (int                      width,
                              int                      height,
                              const MlrPalette        *palette,
                              const MlrThresholdState *state,
                              MlrThresholdLayout      *L)
{
  double W = width - 2 * MARGIN;

  memset (L, 0, sizeof *L);
  L->narrow = width < NARROW;
  if (!L->narrow)
    {
      double box_w = (W - 2 * GAP) / 3;
      double side = MIN (box_w - LEFT - RIGHT, height - 2 * MARGIN - GAP - 180 - TOP - BOTTOM);
      double bottom_h = MAX (side, 60) + TOP + BOTTOM;
      double top_h = height - 2 * MARGIN - GAP - bottom_h;
      double hist_w = round (W * 0.58);
      double by = MARGIN + top_h + GAP;

      plot_in_box (&L->hist, MARGIN, MARGIN, hist_w, top_h, HIST_LEFT, HIST_TOP, 1, FALSE);
      L->cm_x = MARGIN + hist_w + GAP + 8;
      L->cm_y = MARGIN;
      L->cm_w = W - hist_w - GAP - 8;
      L->cm_h = top_h;
      plot_in_box (&L->roc, MARGIN, by, box_w, bottom_h, LEFT, TOP, 1, TRUE);
      plot_in_box (&L->pr, MARGIN + box_w + GAP, by, box_w, bottom_h, LEFT, TOP, 1, TRUE);
      plot_in_box (&L->rel, MARGIN + 2 * (box_w + GAP), by, box_w, bottom_h, LEFT, TOP, 1,
                   TRUE);
    }
  else
    {
      double box_w = (W - GAP) / 2;
      double side = MAX (box_w - LEFT - RIGHT, 60);
      double row_h = side + TOP + BOTTOM;
      double y = MARGIN;
      double cm_h = confusion_narrow_h (W);
      double hist_h = MAX (160, height - 2 * MARGIN - 3 * GAP - cm_h - 2 * row_h);

      hist_h = MIN (hist_h, 240);
      plot_in_box (&L->hist, MARGIN, y, W, hist_h, HIST_LEFT, HIST_TOP, 1, FALSE);
      y += hist_h + GAP;
      L->cm_x = MARGIN;
      L->cm_y = y;
      L->cm_w = W;
      L->cm_h = cm_h;
      y += cm_h + GAP;
      plot_in_box (&L->roc, MARGIN, y, box_w, row_h, LEFT, TOP, 1, TRUE);
      plot_in_box (&L->pr, MARGIN + box_w + GAP, y, box_w, row_h, LEFT, TOP, 1, TRUE);
      y += row_h + GAP;
      plot_in_box (&L->rel, MARGIN, y, box_w, row_h, LEFT, TOP, 1, TRUE);
      L->note_x = MARGIN + box_w + GAP + 8;
      L->note_y = y + 4;
    }
  /* the histogram's counts */
  L->hist.ymax = histogram_top (state, histogram_bins (L));
}

static gboolean
inside (const MlrPlot *p,
        double         x,
        double         y,
        double         slack)
{
  return x >= p->x0 - slack && x <= p->x0 + p->w + slack && y >= p->y0 - slack &&
         y <= p->y0 + p->h + slack;
}

/**
 * mlr_threshold_painter_pick:
 * What a press or drag at (@x, @y) does: on the histogram the threshold becomes the score
 * under the pointer (clamped to [0, 1]); on the ROC or precision–recall plot it becomes the
 * threshold of the curve's nearest point (in pixels). Stores it in @threshold.
 */
MlrThresholdPick
mlr_threshold_painter_pick (const MlrThresholdLayout *L,
                            const MlrThresholdState  *state,
                            double                    x,
                            double                    y,
                            double                   *threshold)
{
  const MlrScores *s = mlr_threshold_state_get_scores (state);
  guint G = mlr_scores_get_n_groups (s);
  double P = mlr_scores_get_n_positive (s), N = mlr_scores_get_n_negative (s);
  gboolean roc;
  double best = INFINITY;
  guint best_k = 0;

  if (inside (&L->hist, x, y, GRAB))
    {
      double dx, dy;
      mlr_plot_to_data (&L->hist, x, y, &dx, &dy);
      *threshold = CLAMP (dx, 0, 1);
      return MLR_THRESHOLD_PICK_HISTOGRAM;
    }
  if (inside (&L->roc, x, y, 4))
    roc = TRUE;
  else if (inside (&L->pr, x, y, 4))
    roc = FALSE;
  else
    return MLR_THRESHOLD_PICK_NONE;

  for (guint k = roc ? 0 : 1; k <= G; k++)
    {
      guint tp, fp;
      double px, py, d;

      mlr_scores_get_flagged (s, k, &tp, &fp);
      if (roc)
        {
          px = mlr_plot_x (&L->roc, fp / N);
          py = mlr_plot_y (&L->roc, tp / P);
        }
      else
        {
          px = mlr_plot_x (&L->pr, tp / P);
          py = mlr_plot_y (&L->pr, (double) tp / (tp + fp));
        }
      d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d < best)
        {
          best = d;
          best_k = k;
        }
    }
  *threshold = mlr_scores_threshold_for_groups (s, best_k);
  return roc ? MLR_THRESHOLD_PICK_ROC : MLR_THRESHOLD_PICK_PR;
}

/* ---- words and numbers */

/* "0.500", with more digits when three would round a threshold to 0 or 1 it is not. */
char *
mlr_threshold_format_threshold (double t)
{
  for (int digits = 3; digits <= 17; digits++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE], format[8];
      double back;

      g_snprintf (format, sizeof format, "%%.%df", digits);
      g_ascii_formatd (buf, sizeof buf, format, t);
      back = g_ascii_strtod (buf, NULL);
      if ((back < 1 || t >= 1) && (back > 0 || t <= 0))
        return g_strdup (buf);
    }
  return g_strdup_printf ("%g", t);
}

/* 12345 -> "12,345" */
char *
mlr_threshold_format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static char *
fmt3 (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", v + 0.0));
}

/* A cost: whole numbers as such, else three significant digits. */
static char *
format_cost (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.0f", v));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v));
}

static MlrColor
class_color (const MlrPalette *palette,
             guint             label)
{
  return palette->classes[label ? 1 : 0];
}

/* ---- pieces */

static void
title (cairo_t          *cr,
       const MlrPalette *palette,
       const MlrPlot    *p,
       const char       *text,
       const char       *subtitle)
{
  double y = p->y0 - TOP + 2;

  mlr_draw_text (cr, palette, &palette->foreground, text, p->x0 - 30, y, 0, 0, 0.95);
  if (subtitle != NULL)
    mlr_draw_text (cr, palette, &palette->dim, subtitle, p->x0 - 30, y + 17, 0, 0, 0.92);
}

static void
marker_circle (cairo_t          *cr,
               const MlrPalette *palette,
               double            x,
               double            y)
{
  cairo_save (cr);
  cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, &palette->background);
  cairo_fill (cr);
  cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
marker_diamond (cairo_t          *cr,
                const MlrPalette *palette,
                double            x,
                double            y)
{
  cairo_save (cr);
  cairo_move_to (cr, x, y - 7);
  cairo_line_to (cr, x + 7, y);
  cairo_line_to (cr, x, y + 7);
  cairo_line_to (cr, x - 7, y);
  cairo_close_path (cr);
  mlr_cairo_set_color_alpha (cr, &palette->background, 0.8);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
diagonal (cairo_t          *cr,
          const MlrPalette *palette,
          const MlrPlot    *p,
          double            y0,
          double            y1)
{
  static const double dash[] = { 4, 4 };

  cairo_save (cr);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1);
  mlr_cairo_set_color (cr, &palette->dim);
  cairo_move_to (cr, mlr_plot_x (p, 0), mlr_plot_y (p, y0));
  cairo_line_to (cr, mlr_plot_x (p, 1), mlr_plot_y (p, y1));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
curve_path (cairo_t        *cr,
            const MlrPlot  *p,
            const MlrCurve *c)
{
  for (guint i = 0; i < c->n; i++)
    if (i == 0)
      cairo_move_to (cr, mlr_plot_x (p, c->x[i]), mlr_plot_y (p, c->y[i]));
    else
      cairo_line_to (cr, mlr_plot_x (p, c->x[i]), mlr_plot_y (p, c->y[i]));
}

/* Strokes the curve in the path and shades the area under it (the AUC, the AP). */
static void
stroke_with_area (cairo_t          *cr,
                  const MlrPalette *palette,
                  const MlrPlot    *p)
{
  cairo_path_t *curve = cairo_copy_path (cr);

  cairo_line_to (cr, mlr_plot_x (p, 1), mlr_plot_y (p, 0));
  cairo_line_to (cr, mlr_plot_x (p, 0), mlr_plot_y (p, 0));
  cairo_close_path (cr);
  mlr_cairo_set_color_alpha (cr, &palette->accent, 0.14);
  cairo_fill (cr);
  cairo_append_path (cr, curve);
  cairo_path_destroy (curve);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  mlr_cairo_set_color (cr, &palette->accent);
  cairo_stroke (cr);
}

static void
draw_histogram (cairo_t                  *cr,
                const MlrPalette         *palette,
                const MlrThresholdState  *state,
                const MlrThresholdLayout *L,
                Layer                     layer)
{
  const MlrPlot *p = &L->hist;
  const MlrScores *s = mlr_threshold_state_get_scores (state);
  guint bins = histogram_bins (L);
  guint neg[MLR_THRESHOLD_HIST_BINS], pos[MLR_THRESHOLD_HIST_BINS];
  const guint *counts[2] = { neg, pos };
  double T = mlr_threshold_state_get_threshold (state);
  double optimal = mlr_threshold_state_get_optimal (state, NULL);
  /* on the pixel grid, so the line is crisp */
  double tx = round (mlr_plot_x (p, T)) + 0.5, ox = mlr_plot_x (p, optimal);
  const char *source = mlr_threshold_state_get_source_name (state);
  g_autofree char *n_text = mlr_threshold_format_count (mlr_scores_get_n (s));
  g_autofree char *head = NULL;
  g_autofree char *t_text = mlr_threshold_format_threshold (T);
  g_autofree char *t_label = g_strdup_printf ("T = %s", t_text);
  const char *names[2] = { _("negative (0)"), _("positive (1)") };
  MlrPalette ap;
  double lx;

  /* what the threshold calls positive */
  if (layer == LAYER_UNDER)
    {
      cairo_save (cr);
      mlr_cairo_set_color_alpha (cr, &palette->grid, palette->dark ? 0.35 : 0.45);
      cairo_rectangle (cr, tx, p->y0, p->x0 + p->w - tx, p->h);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }
  if (layer == LAYER_FRAME)
    goto frame;

  axes_palette (palette, &ap);
  histogram (state, bins, neg, pos);
  if (source != NULL)
    head = g_strdup_printf (mlr_threshold_state_get_calibrate (state)
                            ? _("%s cases of “%s”, recalibrated") : _("%s cases of “%s”"),
                            n_text, source);
  else
    head = g_strdup_printf (mlr_threshold_state_get_calibrate (state)
                            ? _("Scores of %s cases, recalibrated") : _("Scores of %s cases"),
                            n_text);
  mlr_plot_draw_axes (cr, p, &ap, _("score"), NULL, FALSE);

  /* both classes, overlapping */
  for (guint c = 0; c < 2; c++)
    {
      MlrColor color = class_color (palette, c);

      cairo_save (cr);
      mlr_plot_clip (cr, p);
      cairo_move_to (cr, mlr_plot_x (p, 0), mlr_plot_y (p, 0));
      for (guint b = 0; b < bins; b++)
        {
          double y = mlr_plot_y (p, counts[c][b]);
          cairo_line_to (cr, mlr_plot_x (p, (double) b / bins), y);
          cairo_line_to (cr, mlr_plot_x (p, (double) (b + 1) / bins), y);
        }
      cairo_line_to (cr, mlr_plot_x (p, 1), mlr_plot_y (p, 0));
      cairo_close_path (cr);
      mlr_cairo_set_color_alpha (cr, &color, 0.35);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      mlr_cairo_set_color (cr, &color);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* the legend, top right */
  lx = p->x0 + p->w;
  for (int c = 1; c >= 0; c--)
    {
      MlrColor color = class_color (palette, c);
      double tw, th;

      mlr_text_size (cr, palette, names[c], 0.92, &tw, &th);
      lx -= tw;
      mlr_draw_text (cr, palette, &palette->dim, names[c], lx, p->y0 - HIST_TOP + 3, 0, 0, 0.92);
      lx -= 16;
      mlr_cairo_set_color (cr, &color);
      cairo_rectangle (cr, lx, p->y0 - HIST_TOP + 3 + th / 2 - 5, 11, 11);
      cairo_fill (cr);
      lx -= 12;
    }
  /* the title, left of the legend: shortened with "…" when a narrow canvas or a long file
   * name leaves no room */
  mlr_draw_text_fit (cr, palette, &palette->foreground, head, p->x0 - 30, p->y0 - HIST_TOP + 2,
                     lx - (p->x0 - 30), 0, 0, 0.95);
  return;

frame:
  /* the cheapest threshold, dashed */
  {
    static const double dash[] = { 5, 4 };
    cairo_save (cr);
    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, 1.5);
    mlr_cairo_set_color (cr, &palette->foreground);
    cairo_move_to (cr, round (ox) + 0.5, p->y0 + 18);
    cairo_line_to (cr, round (ox) + 0.5, p->y0 + p->h);
    cairo_stroke (cr);
    cairo_restore (cr);
    marker_diamond (cr, palette, round (ox) + 0.5, p->y0 + 18);
  }

  /* the threshold, with its handle */
  cairo_save (cr);
  cairo_set_line_width (cr, 2.5);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_move_to (cr, tx, p->y0 - 4);
  cairo_line_to (cr, tx, p->y0 + p->h);
  cairo_stroke (cr);
  cairo_move_to (cr, tx - 6, p->y0 - 10);
  cairo_line_to (cr, tx + 6, p->y0 - 10);
  cairo_line_to (cr, tx, p->y0 - 2);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
  {
    double tw, th;
    mlr_text_size (cr, palette, t_label, 0.95, &tw, &th);
    /* beside the line, away from the cheapest threshold's, on a side with room */
    gboolean right = ox < tx + 4 || ox > tx + 16 + tw;
    if (!right && tx - 8 - tw < p->x0 + 2)
      right = TRUE;
    if (right && tx + 8 + tw > p->x0 + p->w - 2)
      right = FALSE;
    if (right)
      mlr_draw_text (cr, palette, &palette->foreground, t_label, tx + 8, p->y0 + 2, 0, 0, 0.95);
    else
      mlr_draw_text (cr, palette, &palette->foreground, t_label, tx - 8, p->y0 + 2, 1, 0, 0.95);
  }
}

static void
draw_confusion (cairo_t                  *cr,
                const MlrPalette         *palette,
                const MlrThresholdState  *state,
                const MlrThresholdLayout *L)
{
  MlrConfusion cm;
  double cost_fp, cost_fn, best_cost;
  double optimal = mlr_threshold_state_get_optimal (state, &best_cost);
  double x = L->cm_x, y = L->cm_y;
  double label_w = CM_LABEL_W, cw = confusion_cell_w (L->cm_w, L->narrow), ch = 42;
  gboolean beside = confusion_beside (L->cm_w, L->narrow);
  double mx, my;
  guint cells[2][2];
  const char *cell_names[2][2] = { { "TN", "FP" }, { "FN", "TP" } };
  g_autofree char *t_text = mlr_threshold_format_threshold (mlr_threshold_state_get_threshold (state));
  g_autofree char *head = g_strdup_printf (_("At threshold %s"), t_text);

  mlr_threshold_state_get_confusion (state, &cm);
  mlr_threshold_state_get_costs (state, &cost_fp, &cost_fn);
  cells[0][0] = cm.tn;
  cells[0][1] = cm.fp;
  cells[1][0] = cm.fn;
  cells[1][1] = cm.tp;

  mlr_draw_text (cr, palette, &palette->foreground, head, x, y + 2, 0, 0, 0.95);
  y += 24;
  mlr_draw_text (cr, palette, &palette->dim, _("called 0"), x + label_w + cw / 2, y, 0.5, 0, 0.92);
  mlr_draw_text (cr, palette, &palette->dim, _("called 1"), x + label_w + 1.5 * cw, y, 0.5, 0,
                 0.92);
  y += 18;
  for (guint r = 0; r < 2; r++)
    {
      MlrColor color = class_color (palette, r);
      guint row_total = cells[r][0] + cells[r][1];

      mlr_draw_text (cr, palette, &palette->dim, r ? _("actual 1") : _("actual 0"), x,
                     y + r * ch + ch / 2, 0, 0.5, 0.92);
      for (guint c = 0; c < 2; c++)
        {
          double cx = x + label_w + c * cw, cy = y + r * ch;
          double share = row_total ? (double) cells[r][c] / row_total : 0;
          g_autofree char *count = mlr_threshold_format_count (cells[r][c]);

          /* the tint says how much of its row (its actual class) the cell holds */
          mlr_cairo_set_color_alpha (cr, &color, 0.12 + 0.55 * share);
          cairo_rectangle (cr, cx + 1, cy + 1, cw - 2, ch - 2);
          cairo_fill (cr);
          mlr_draw_text (cr, palette, &palette->dim, cell_names[r][c], cx + 6, cy + 3, 0, 0,
                         0.92);
          mlr_draw_text (cr, palette, &palette->foreground, count, cx + cw - 6, cy + ch - 3, 1, 1,
                         1.15);
        }
    }
  y += 2 * ch;

  /* the rates */
  {
    double precision = mlr_confusion_precision (&cm);
    g_autofree char *p = cm.tp + cm.fp ? fmt3 (precision) : g_strdup (_("0 (0/0)"));
    g_autofree char *rc = fmt3 (mlr_confusion_recall (&cm));
    g_autofree char *f1 = 2 * cm.tp + cm.fp + cm.fn ? fmt3 (mlr_confusion_f1 (&cm))
                                                   : g_strdup (_("0 (0/0)"));
    g_autofree char *fpr = fmt3 (mlr_confusion_fpr (&cm));
    const char *names[4] = { _("Precision"), _("Recall (TPR)"), _("F1"), _("FPR") };
    const char *values[4] = { p, rc, f1, fpr };
    g_autofree char *cost = format_cost (mlr_confusion_cost (&cm, cost_fp, cost_fn));
    g_autofree char *cfp = format_cost (cost_fp);
    g_autofree char *cfn = format_cost (cost_fn);
    g_autofree char *best = format_cost (best_cost);
    g_autofree char *ot = mlr_threshold_format_threshold (optimal);
    g_autofree char *cost_line = g_strdup_printf (_("Cost %s × %u FP + %s × %u FN = %s"), cfp,
                                                  cm.fp, cfn, cm.fn, cost);
    g_autofree char *best_line = g_strdup_printf (_("Lowest cost %s at T = %s"), best, ot);
    double name_w = 0, value_w = 0, col, gap;

    for (guint i = 0; i < 4; i++)
      {
        double tw, th;
        mlr_text_size (cr, palette, names[i], 0.95, &tw, &th);
        name_w = MAX (name_w, tw);
        mlr_text_size (cr, palette, values[i], 0.95, &tw, &th);
        value_w = MAX (value_w, tw);
      }
    col = name_w + 12;
    gap = MAX (16, (L->cm_w - 2 * (col + value_w)) / 2);

    /* the rates beside the matrix when it leaves room, else under it two by two */
    mx = beside ? x + label_w + 2 * cw + 20 : x;
    my = beside ? L->cm_y + 42 : y + 10;
    for (guint i = 0; i < 4; i++)
      {
        double ix = beside ? mx : mx + (i % 2) * (col + value_w + gap);
        double iy = beside ? my + i * 21 : my + (i / 2) * 20;
        mlr_draw_text (cr, palette, &palette->dim, names[i], ix, iy, 0, 0, 0.95);
        mlr_draw_text (cr, palette, &palette->foreground, values[i], ix + col, iy, 0, 0, 0.95);
      }
    /* the costs under it all */
    mx = x;
    my = beside ? y + 10 : my + 2 * 20 + 8;
    mlr_draw_text (cr, palette, &palette->foreground, cost_line, mx, my, 0, 0, 0.92);
    my += 18;
    marker_diamond (cr, palette, mx + 6, my + 8);
    mlr_draw_text (cr, palette, &palette->dim, best_line, mx + 18, my, 0, 0, 0.92);
  }
}

static void
draw_roc (cairo_t                  *cr,
          const MlrPalette         *palette,
          const MlrThresholdState  *state,
          const MlrThresholdLayout *L,
          Layer                     layer)
{
  const MlrPlot *p = &L->roc;
  const MlrScores *s = mlr_threshold_state_get_scores (state);
  double P = mlr_scores_get_n_positive (s), N = mlr_scores_get_n_negative (s);
  g_autofree char *auc = fmt3 (mlr_threshold_state_get_auc (state));
  g_autofree char *sub = g_strdup_printf (_("AUC %s"), auc);
  double optimal = mlr_threshold_state_get_optimal (state, NULL);
  guint ko = mlr_scores_count_at_or_above (s, optimal);
  MlrConfusion cm;
  MlrPalette ap;
  guint tp, fp;

  if (layer == LAYER_STATIC)
    {
      axes_palette (palette, &ap);
      title (cr, palette, p, _("ROC curve"), sub);
      diagonal (cr, palette, p, 0, 1);
      mlr_plot_draw_axes (cr, p, &ap, _("false positive rate"), _("true positive rate"), TRUE);
      cairo_save (cr);
      curve_path (cr, p, mlr_threshold_state_get_roc_curve (state));
      stroke_with_area (cr, palette, p);
      cairo_restore (cr);
      return;
    }
  if (layer != LAYER_FRAME)
    return;
  mlr_scores_get_flagged (s, ko, &tp, &fp);
  marker_diamond (cr, palette, mlr_plot_x (p, fp / N), mlr_plot_y (p, tp / P));
  mlr_threshold_state_get_confusion (state, &cm);
  marker_circle (cr, palette, mlr_plot_x (p, cm.fp / N), mlr_plot_y (p, cm.tp / P));
}

static void
draw_pr (cairo_t                  *cr,
         const MlrPalette         *palette,
         const MlrThresholdState  *state,
         const MlrThresholdLayout *L,
         Layer                     layer)
{
  const MlrPlot *p = &L->pr;
  const MlrScores *s = mlr_threshold_state_get_scores (state);
  double P = mlr_scores_get_n_positive (s);
  double base = P / mlr_scores_get_n (s);
  g_autofree char *ap_text = fmt3 (mlr_threshold_state_get_average_precision (state));
  g_autofree char *base_text = fmt3 (base);
  g_autofree char *sub = g_strdup_printf (_("AP %s · base rate %s"), ap_text, base_text);
  double optimal = mlr_threshold_state_get_optimal (state, NULL);
  guint ko = mlr_scores_count_at_or_above (s, optimal);
  MlrConfusion cm;
  MlrPalette ap;
  guint tp, fp;

  if (layer == LAYER_STATIC)
    {
      axes_palette (palette, &ap);
      title (cr, palette, p, _("Precision–recall"), sub);
      diagonal (cr, palette, p, base, base);
      mlr_plot_draw_axes (cr, p, &ap, _("recall"), _("precision"), TRUE);
      /* the step function whose area is the average precision */
      cairo_save (cr);
      curve_path (cr, p, mlr_threshold_state_get_pr_curve (state));
      stroke_with_area (cr, palette, p);
      cairo_restore (cr);
      return;
    }
  if (layer != LAYER_FRAME)
    return;
  if (ko > 0)
    {
      mlr_scores_get_flagged (s, ko, &tp, &fp);
      marker_diamond (cr, palette, mlr_plot_x (p, tp / P), mlr_plot_y (p, (double) tp / (tp + fp)));
    }
  mlr_threshold_state_get_confusion (state, &cm);
  /* nothing flagged has no precision to show */
  if (cm.tp + cm.fp > 0)
    marker_circle (cr, palette, mlr_plot_x (p, cm.tp / P),
                   mlr_plot_y (p, (double) cm.tp / (cm.tp + cm.fp)));
}

static void
reliability_curve (cairo_t                 *cr,
                   const MlrPalette        *palette,
                   const MlrThresholdState *state,
                   const MlrPlot           *p,
                   gboolean                 raw,
                   const MlrColor          *color,
                   double                   alpha)
{
  const double *ms, *ml;
  const guint *count;
  guint bins = mlr_threshold_state_get_bins (state);
  guint top = 1;
  gboolean any = FALSE;

  mlr_threshold_state_get_reliability (state, raw, &ms, &ml, &count);
  for (guint b = 0; b < bins; b++)
    top = MAX (top, count[b]);
  cairo_save (cr);
  for (guint b = 0; b < bins; b++)
    if (count[b])
      {
        if (any)
          cairo_line_to (cr, mlr_plot_x (p, ms[b]), mlr_plot_y (p, ml[b]));
        else
          cairo_move_to (cr, mlr_plot_x (p, ms[b]), mlr_plot_y (p, ml[b]));
        any = TRUE;
      }
  cairo_set_line_width (cr, 1.5);
  mlr_cairo_set_color_alpha (cr, color, alpha);
  cairo_stroke (cr);
  /* a dot per bin, its area the bin's share of the cases */
  for (guint b = 0; b < bins; b++)
    if (count[b])
      {
        cairo_arc (cr, mlr_plot_x (p, ms[b]), mlr_plot_y (p, ml[b]),
                   2.5 + 4.5 * sqrt ((double) count[b] / top), 0, 2 * G_PI);
        cairo_fill (cr);
      }
  cairo_restore (cr);
}

static void
draw_reliability (cairo_t                  *cr,
                  const MlrPalette         *palette,
                  const MlrThresholdState  *state,
                  const MlrThresholdLayout *L)
{
  const MlrPlot *p = &L->rel;
  gboolean calibrated = mlr_threshold_state_get_calibrate (state);
  g_autofree char *ece = fmt3 (mlr_threshold_state_get_ece (state, !calibrated));
  g_autofree char *brier = fmt3 (mlr_threshold_state_get_brier (state));
  g_autofree char *ll = fmt3 (mlr_threshold_state_get_log_loss (state));
  g_autofree char *head = g_strdup_printf (calibrated ? _("Reliability, Platt · ECE %s")
                                                      : _("Reliability · ECE %s"), ece);
  g_autofree char *sub = g_strdup_printf (_("Brier %s · log loss %s"), brier, ll);
  MlrPalette ap;

  axes_palette (palette, &ap);
  title (cr, palette, p, head, sub);
  diagonal (cr, palette, p, 0, 1);
  mlr_plot_draw_axes (cr, p, &ap, _("mean score in bin"), _("share positive"), TRUE);
  if (calibrated)
    {
      reliability_curve (cr, palette, state, p, TRUE, &palette->dim, 0.45);
      reliability_curve (cr, palette, state, p, FALSE, &palette->accent, 1);
    }
  else
    reliability_curve (cr, palette, state, p, TRUE, &palette->accent, 1);

  /* the legend, top left, where a sane model leaves room; on narrow canvases the plot is
   * small, and the notes beside it carry the legend */
  if (calibrated && !L->narrow)
    {
      const MlrPlatt *platt = mlr_threshold_state_get_platt (state);
      g_autofree char *raw_ece = fmt3 (mlr_threshold_state_get_ece (state, TRUE));
      g_autofree char *raw = g_strdup_printf (_("raw: ECE %s"), raw_ece);
      g_autofree char *fit = g_strdup_printf ("σ(%.3g·s %s %.3g)", platt->a,
                                              platt->b < 0 ? "−" : "+", fabs (platt->b));
      double lx = p->x0 + 8, ly = p->y0 + 6;

      mlr_cairo_set_color (cr, &palette->accent);
      cairo_rectangle (cr, lx, ly + 6, 14, 3);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, &palette->foreground, fit, lx + 20, ly, 0, 0, 0.92);
      mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
      cairo_rectangle (cr, lx, ly + 24, 14, 3);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, &palette->dim, raw, lx + 20, ly + 18, 0, 0, 0.92);
    }
}

/* Narrow canvases: Platt scaling in words, beside the reliability diagram. */
static void
draw_notes (cairo_t                  *cr,
            const MlrPalette         *palette,
            const MlrThresholdState  *state,
            const MlrThresholdLayout *L)
{
  const MlrPlatt *platt = mlr_threshold_state_get_platt (state);
  g_autofree char *raw = fmt3 (mlr_threshold_state_get_ece (state, TRUE));
  g_autofree char *cal = fmt3 (mlr_threshold_state_get_ece (state, FALSE));
  g_autofree char *fit = g_strdup_printf ("σ(%.3g·s %s %.3g)", platt->a,
                                          platt->b < 0 ? "−" : "+", fabs (platt->b));
  g_autofree char *raw_line = g_strdup_printf (_("ECE of the raw scores: %s"), raw);
  g_autofree char *cal_line = g_strdup_printf (_("ECE after Platt scaling: %s"), cal);
  double x = L->note_x, y = L->note_y + TOP;
  /* the notes stand right of the reliability diagram: wrap them to the canvas's edge */
  double w = L->cm_x + L->cm_w - x;

  y += 2 + mlr_draw_text_wrapped (cr, palette, &palette->foreground, _("Platt scaling fits"),
                                  x, y, w, 2, 0.95);
  y += 10 + mlr_draw_text_wrapped (cr, palette, &palette->foreground, fit, x, y, w, 1, 0.95);
  if (mlr_threshold_state_get_calibrate (state))
    {
      /* the reliability diagram's legend: grey the raw scores, accent the recalibrated */
      mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
      cairo_rectangle (cr, x, y + 6, 14, 3);
      cairo_fill (cr);
      y += 4 + mlr_draw_text_wrapped (cr, palette, &palette->dim, raw_line, x + 20, y, w - 20,
                                      2, 0.92);
      mlr_cairo_set_color (cr, &palette->accent);
      cairo_rectangle (cr, x, y + 6, 14, 3);
      cairo_fill (cr);
      y += 4 + mlr_draw_text_wrapped (cr, palette, &palette->dim, cal_line, x + 20, y, w - 20,
                                      2, 0.92);
    }
  else
    {
      y += 4 + mlr_draw_text_wrapped (cr, palette, &palette->dim, raw_line, x, y, w, 2, 0.92);
      y += 4 + mlr_draw_text_wrapped (cr, palette, &palette->dim, cal_line, x, y, w, 2, 0.92);
    }
  mlr_draw_text_wrapped (cr, palette, &palette->dim, mlr_threshold_state_get_calibrate (state)
                         ? _("(in use: the scores shown are σ(a·s + b))") : _("(not in use)"),
                         x, y, w, 3, 0.92);
}

static void
draw_layer (cairo_t                  *cr,
            const MlrPalette         *palette,
            const MlrThresholdState  *state,
            const MlrThresholdLayout *L,
            Layer                     layer)
{
  draw_histogram (cr, palette, state, L, layer);
  draw_roc (cr, palette, state, L, layer);
  draw_pr (cr, palette, state, L, layer);
  if (layer == LAYER_STATIC)
    {
      draw_reliability (cr, palette, state, L);
      if (L->narrow)
        draw_notes (cr, palette, state, L);
    }
  if (layer == LAYER_FRAME)
    draw_confusion (cr, palette, state, L);
}

/**
 * mlr_threshold_painter_cache_new:
 * An empty cache of the picture's still parts; a widget keeps one so a frame of a drag
 * paints only what the threshold moves.
 */
MlrThresholdPainterCache *
mlr_threshold_painter_cache_new (void)
{
  return g_new0 (MlrThresholdPainterCache, 1);
}

void
mlr_threshold_painter_cache_free (MlrThresholdPainterCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_free (cache);
}

/* How many times the still layer was painted (tests check that a drag does not). */
guint
mlr_threshold_painter_cache_get_builds (const MlrThresholdPainterCache *cache)
{
  return cache->builds;
}

static void
ensure_cache (MlrThresholdPainterCache *cache,
              int                       width,
              int                       height,
              double                    scale,
              const MlrPalette         *palette,
              const MlrThresholdState  *state,
              const MlrThresholdLayout *L)
{
  guint64 generation = mlr_threshold_state_get_generation (state);
  cairo_t *cr;

  if (cache->surface != NULL && cache->generation == generation && cache->width == width &&
      cache->height == height && cache->scale == scale &&
      memcmp (&cache->palette, palette, sizeof *palette) == 0)
    return;
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  cache->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                               (int) ceil (height * scale));
  cairo_surface_set_device_scale (cache->surface, scale, scale);
  cr = cairo_create (cache->surface);
  draw_layer (cr, palette, state, L, LAYER_STATIC);
  cairo_destroy (cr);
  cairo_surface_flush (cache->surface);
  cache->generation = generation;
  cache->width = width;
  cache->height = height;
  cache->scale = scale;
  cache->palette = *palette;
  cache->builds++;
}

/**
 * mlr_threshold_painter_draw:
 * Paints the demo on a @width × @height canvas (see the file comment). With a @cache (and
 * the device @scale, 0 for 1) the still parts are painted once and reused while only the
 * threshold or the costs change; without one everything is painted.
 */
void
mlr_threshold_painter_draw (cairo_t                  *cr,
                            int                       width,
                            int                       height,
                            const MlrPalette         *palette,
                            const MlrThresholdState  *state,
                            MlrThresholdPainterCache *cache,
                            int                       scale)
{
  MlrThresholdLayout L;

  mlr_threshold_painter_layout (width, height, palette, state, &L);
  draw_layer (cr, palette, state, &L, LAYER_UNDER);
  if (cache != NULL)
    {
      ensure_cache (cache, width, height, MAX (scale, 1), palette, state, &L);
      cairo_save (cr);
      cairo_set_source_surface (cr, cache->surface, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    draw_layer (cr, palette, state, &L, LAYER_STATIC);
  draw_layer (cr, palette, state, &L, LAYER_FRAME);
}
