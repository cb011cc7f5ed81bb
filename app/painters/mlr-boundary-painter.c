/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary painter's entry points: the cache, the colours, the layout, and the
 * frame, which paints the plane (mlr-boundary-painter-plane.c) and the panel beside or below
 * it (mlr-boundary-painter-panel.c).
 */
#include "config.h"

#include "mlr-boundary-painter.h"
#include "mlr-boundary-painter-private.h"

#include <math.h>
#include <string.h>

#define AXIS_L   34   /* room for the y tick labels */
#define AXIS_B   22   /* room for the x tick labels */
#define GAP      12   /* between panel blocks */

/* Shading: a class colour over the background with this opacity at confidence 1/K (a coin
 * toss) and at confidence 1. Strong enough to read the region, weak enough that the points'
 * own colours stay distinct on top of it. */
#define SHADE_MIN 0.08
#define SHADE_MAX 0.58

/**
 * mlr_boundary_painter_cache_new:
 * An empty shading cache; the widget keeps one per demo so frames reuse the shading.
 */
MlrBoundaryPainterCache *
mlr_boundary_painter_cache_new (void)
{
  MlrBoundaryPainterCache *cache = g_new0 (MlrBoundaryPainterCache, 1);

  cache->heatmap = mlr_heatmap_new ();
  cache->boundary = mlr_contour_new ();
  cache->margin_lo = mlr_contour_new ();
  cache->margin_hi = mlr_contour_new ();
  return cache;
}

void
mlr_boundary_painter_cache_free (MlrBoundaryPainterCache *cache)
{
  if (cache == NULL)
    return;
  mlr_heatmap_free (cache->heatmap);
  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    for (int k = 0; k < 2; k++)
      g_clear_pointer (&cache->stamps[c][k], cairo_surface_destroy);
  g_clear_pointer (&cache->ring, cairo_surface_destroy);
  mlr_contour_free (cache->boundary);
  mlr_contour_free (cache->margin_lo);
  mlr_contour_free (cache->margin_hi);
  mlr_boundary_network_cache_free (cache->network);
  g_free (cache);
}

/* How many times the shading image was rebuilt (the benchmark checks drags reuse it). */
guint
mlr_boundary_painter_cache_get_builds (const MlrBoundaryPainterCache *cache)
{
  return cache->builds;
}

/* ---------------------------------------------------------------- colours */

/**
 * mlr_boundary_class_color:
 * The colour of class @label: Okabe-Ito for the first eight; beyond, the same hues moved
 * towards the foreground so sixteen classes stay tellable apart.
 */
MlrColor
mlr_boundary_class_color (const MlrPalette *palette,
                          guint             label)
{
  MlrColor fg = palette->foreground;

  if (label < MLR_PALETTE_N_CLASSES)
    return palette->classes[label];
  fg.a = 1;
  return mlr_color_mix (&palette->classes[label % MLR_PALETTE_N_CLASSES], &fg, 0.4);
}

/**
 * mlr_boundary_shade_color:
 * The colour of a raster cell predicted @label with probability @confidence among
 * @n_classes: the class colour blended with the background, more of it the surer the model.
 */
MlrColor
mlr_boundary_shade_color (const MlrPalette *palette,
                          guint             label,
                          double            confidence,
                          guint             n_classes)
{
  double floor_p = 1.0 / MAX (n_classes, 2);
  double t = isfinite (confidence) ? (confidence - floor_p) / (1 - floor_p) : 0;
  MlrColor c = mlr_boundary_class_color (palette, label);
  MlrColor bg = palette->background;

  bg.a = 1;
  c.a = 1;
  return mlr_color_mix (&bg, &c, SHADE_MIN + (SHADE_MAX - SHADE_MIN) * CLAMP (t, 0, 1));
}

/* ---------------------------------------------------------------- layout */

static guint
legend_rows (const MlrBoundaryState *state,
             gboolean                two_columns)
{
  MlrModelKind model = mlr_boundary_state_get_model (state);
  guint K = mlr_boundary_state_get_n_classes (state);
  guint rows = 3;   /* training point, test point, boundary */

  if (model == MLR_MODEL_SVM)
    rows += 2;      /* support vector, margin (or why not) */
  if ((model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST) &&
      mlr_boundary_state_get_show_splits (state))
    rows += 1;
  return rows + (two_columns ? (K + 1) / 2 : K);
}

double
mlr_boundary_confusion_size (const MlrPalette *palette,
                             guint             K,
                             double            avail_w,
                             double           *cell)
{
  double label_w = 16;

  *cell = floor (CLAMP ((avail_w - label_w) / MAX (K, 1), 12, 34));
  return label_w + K * *cell;
}

/**
 * mlr_boundary_painter_layout:
 * Places the header, the data plane (equal aspect, over the state's view) and the panel
 * (beside the plane when the canvas is wide, below it when narrow).
 */
void
mlr_boundary_painter_layout (int                     width,
                             int                     height,
                             const MlrPalette       *palette,
                             const MlrBoundaryState *state,
                             MlrBoundaryLayout      *L)
{
  gboolean mlp = mlr_boundary_state_get_model (state) == MLR_MODEL_MLP;
  guint K = mlr_boundary_state_get_n_classes (state);
  double lh = mlr_text_line_height (palette, 0.9);
  double x0, x1, y0, y1, px, py, pw, ph, cell;

  memset (L, 0, sizeof *L);
  L->header_h = round (mlr_text_line_height (palette, 1.0) + 10);
  L->panel_beside = width >= 600;

  if (L->panel_beside)
    {
      double panel_w = round (CLAMP (width * 0.30, 210, 320));
      px = PAD + AXIS_L;
      py = L->header_h;
      pw = width - panel_w - 2 * PAD - px;
      ph = height - py - AXIS_B - PAD;
      L->panel = (MlrBoundaryRect) { width - panel_w - PAD, L->header_h, panel_w,
                                     height - L->header_h - PAD };
    }
  else
    {
      double panel_h = round (mlp ? CLAMP (height * 0.45, 200, 320)
                                  : CLAMP (height * 0.38, 150, 260));
      px = PAD + AXIS_L;
      py = L->header_h;
      pw = width - PAD - px;
      ph = height - panel_h - py - AXIS_B - PAD;
      L->panel = (MlrBoundaryRect) { PAD, height - panel_h, width - 2 * PAD, panel_h - PAD };
    }
  if (mlr_boundary_state_get_show_network (state))
    mlr_boundary_network_carve (&px, &py, &pw, &ph, AXIS_B, &L->network);
  mlr_boundary_state_get_view (state, &x0, &x1, &y0, &y1);
  /* whole pixels, so the cached shading lands on the pixel grid */
  mlr_plot_init (&L->plot, round (px), round (py), MAX (round (pw), 16), MAX (round (ph), 16),
                 x0, x1, y0, y1, TRUE);

  {
    MlrBoundaryRect p = L->panel;
    double scores_h = lh * 3 + 6;
    double chart_h = mlp ? 118 : 0;

    if (L->panel_beside)
      {
        double y = p.y, size, max_w = MIN (p.w, 260), need;
        gboolean two = K > 4;

        /* what does not fit gives way in turn: the legend folds into two columns, the
         * chart shrinks, then the confusion matrix's cells; the notes take what is left */
        for (int attempt = 0;; attempt++)
          {
            size = mlr_boundary_confusion_size (palette, K, max_w, &cell);
            need = scores_h + GAP + 2 * lh + size + GAP +
                   (mlp ? lh + chart_h + GAP : 0) + legend_rows (state, two) * lh;
            if (need <= p.h || attempt > 40)
              break;
            if (!two && K > 1)
              two = TRUE;
            else if (mlp && chart_h > 72)
              chart_h = MAX (72, chart_h - (need - p.h));
            else if (cell > 14)
              max_w = 16 + (cell - 2) * K;
            else
              break;
          }
        L->legend_two_columns = two;
        L->scores = (MlrBoundaryRect) { p.x, y, p.w, scores_h };
        y += scores_h + GAP;
        L->confusion = (MlrBoundaryRect) { p.x, y, MAX (size, p.w), 2 * lh + size };
        y += 2 * lh + size + GAP;
        if (mlp)
          {
            y += lh;  /* the epoch line above the chart */
            mlr_plot_init (&L->chart, p.x + 30, y, p.w - 34, chart_h - 18, 0, 1, 0, 1, FALSE);
            y += chart_h + GAP;
          }
        L->legend = (MlrBoundaryRect) { p.x, y, p.w, legend_rows (state, two) * lh };
        y += L->legend.h + GAP;
        L->notes = (MlrBoundaryRect) { p.x, y, p.w, MAX (p.y + p.h - y, 0) };
      }
    else
      {
        /* two columns: scores over the legend | the confusion matrix; an mlp's chart takes
         * the legend's place, which moves under the matrix */
        double col = floor ((p.w - GAP) / 2), x2 = p.x + col + GAP;
        double legend_h = legend_rows (state, TRUE) * lh;
        double avail = MIN (col, p.h - 2 * lh - (mlp ? legend_h + 6 : 0));
        double size = mlr_boundary_confusion_size (palette, K, avail, &cell);

        L->legend_two_columns = TRUE;
        L->scores = (MlrBoundaryRect) { p.x, p.y, col, scores_h };
        L->confusion = (MlrBoundaryRect) { x2, p.y, col, 2 * lh + size };
        if (mlp)
          {
            mlr_plot_init (&L->chart, p.x + 30, p.y + scores_h + 6 + lh, col - 34,
                           MAX (p.h - scores_h - 6 - lh - 18, 40), 0, 1, 0, 1, FALSE);
            L->legend = (MlrBoundaryRect) { x2, p.y + 2 * lh + size + 6, col, legend_h };
            L->notes = (MlrBoundaryRect) { x2, L->legend.y + legend_h + 4, col,
                                           MAX (p.y + p.h - (L->legend.y + legend_h + 4), 0) };
          }
        else
          {
            L->legend = (MlrBoundaryRect) { p.x, p.y + scores_h + 6, col, legend_h };
            L->notes = (MlrBoundaryRect) { p.x, L->legend.y + legend_h + 4, col,
                                           MAX (p.y + p.h - (L->legend.y + legend_h + 4), 0) };
          }
      }
  }
}

/**
 * mlr_boundary_painter_grid:
 * The raster to shade the plane of @layout with: one cell every MLR_BOUNDARY_CELL_PX pixels,
 * over exactly the plane's data range, rows top-down.
 */
void
mlr_boundary_painter_grid (const MlrBoundaryLayout *layout,
                           MlrGrid                 *grid)
{
  const MlrPlot *p = &layout->plot;

  grid->width = (guint) MAX (ceil (p->w / MLR_BOUNDARY_CELL_PX), 2);
  grid->height = (guint) MAX (ceil (p->h / MLR_BOUNDARY_CELL_PX), 2);
  grid->x0 = p->xmin;
  grid->x1 = p->xmax;
  grid->y0 = p->ymax;
  grid->y1 = p->ymin;
}

/* ---------------------------------------------------------------- entry points */

/**
 * mlr_boundary_painter_draw:
 * Paints the demo: header, shaded plane with boundary and points, and the panel. The shading
 * comes from @cache, rebuilt only when the state holds a new result or the size, scale or
 * theme changed.
 */
void
mlr_boundary_painter_draw (cairo_t                         *cr,
                           int                              width,
                           int                              height,
                           const MlrPalette                *palette,
                           const MlrBoundaryState          *state,
                           const MlrBoundaryPainterOptions *options,
                           MlrBoundaryPainterCache         *cache)
{
  static const MlrBoundaryPainterOptions defaults = { .hover = -1, .add_class = -1 };
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (state);
  guint K = mlr_boundary_state_get_n_classes (state);
  /* after a failed fit the last picture stays, but its scores would describe other data */
  const MlrBoundaryResult *scored = mlr_boundary_state_get_error (state) ? NULL : r;
  MlrBoundaryLayout L;
  g_autofree char *notes = NULL;

  if (options == NULL)
    options = &defaults;
  mlr_boundary_painter_layout (width, height, palette, state, &L);

  cairo_save (cr);
  mlr_boundary_draw_header (cr, palette, state, &L, options, width);
  mlr_boundary_draw_plane (cr, palette, state, &L, options, cache);
  mlr_boundary_draw_scores (cr, palette, scored, &L.scores);
  mlr_boundary_draw_confusion (cr, palette, scored && scored->n_classes == K ? scored : NULL, K,
                               &L.confusion);
  if (L.chart.w > 0)
    mlr_boundary_draw_loss_chart (cr, palette, r, &L.chart);
  mlr_boundary_draw_legend (cr, palette, state, r, &L.legend, L.legend_two_columns);
  if (L.network.w > 0)
    mlr_boundary_draw_network (cr, palette, r, &L.network, cache);
  notes = mlr_boundary_state_get_notes (state);
  if (notes[0] != '\0')
    mlr_boundary_draw_notes (cr, palette, notes, &L);
  cairo_restore (cr);
}

/**
 * mlr_boundary_render:
 * The MlrRenderFunc of "decision-boundary": builds the state from @params, fits it on this
 * thread (an mlp trained for its epochs, as the app shows it when it opens) and paints it.
 */
gboolean
mlr_boundary_render (cairo_t           *cr,
                     int                width,
                     int                height,
                     const MlrPalette  *palette,
                     const MlrParams   *params,
                     GError           **error)
{
  g_autoptr(MlrBoundaryState) state = mlr_boundary_state_new (params, error);
  g_autoptr(MlrBoundaryPainterCache) cache = NULL;
  MlrBoundaryLayout layout;
  MlrGrid grid;

  if (state == NULL)
    return FALSE;
  mlr_boundary_painter_layout (width, height, palette, state, &layout);
  mlr_boundary_painter_grid (&layout, &grid);
  if (!mlr_boundary_state_fit_sync (state, &grid, error))
    return FALSE;
  cache = mlr_boundary_painter_cache_new ();
  mlr_boundary_painter_draw (cr, width, height, palette, state, NULL, cache);
  return TRUE;
}
