/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-boundary-painter.h"

#include "mlr-contour.h"
#include "mlr-heatmap.h"
#include "mlr-plot-legend.h"

#include <math.h>
#include <string.h>

#define PAD      8
#define AXIS_L   34   /* room for the y tick labels */
#define AXIS_B   22   /* room for the x tick labels */
#define GAP      12   /* between panel blocks */

/* Shading: a class colour over the background with this opacity at confidence 1/K (a coin
 * toss) and at confidence 1. Strong enough to read the region, weak enough that the points'
 * own colours stay distinct on top of it. */
#define SHADE_MIN 0.08
#define SHADE_MAX 0.58

#define LUT_LEVELS 128 /* confidence steps of the shading colours */

#define TRAIN_R   4.5  /* radius of a training disc */
#define TEST_HALF 4.5  /* half side of a test square */
#define SV_R      8.5  /* support-vector ring */

struct _MlrBoundaryPainterCache
{
  /* the shading image and what it was built from */
  guint64          serial;
  gboolean         valid;
  int              width, height;
  double           scale;
  MlrColor         background;
  MlrColor         classes[MLR_PALETTE_N_CLASSES];
  MlrHeatmap      *heatmap;
  guint            builds;

  /* contours of that result, in raster coordinates */
  guint64          traced_serial;
  gboolean         traced;
  MlrContour      *boundary;
  MlrContour      *margin_lo;   /* svm: decision = -1 */
  MlrContour      *margin_hi;   /* svm: decision = +1 */

  /* marker stamps (raster targets): [class][0 train, 1 test], the support-vector ring */
  cairo_surface_t *stamps[MLR_DATASET_MAX_CLASSES][2];
  cairo_surface_t *ring;
  double           stamp_scale;
  MlrColor         stamp_fg;
  MlrColor         stamp_classes[MLR_PALETTE_N_CLASSES];
  gboolean         stamp_dark;
};

#define STAMP_HALF 8   /* stamps are (2 * STAMP_HALF) units square, centred on the point */
#define RING_HALF  11

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

static MlrColor
opaque (MlrColor c)
{
  c.a = 1;
  return c;
}

/* A marker's fill: on the dark style a little lighter than the class colour, so a point
 * stands out from the (darkened) shading of its own class. */
static MlrColor
marker_color (const MlrPalette *palette,
              guint             label)
{
  MlrColor c = opaque (mlr_boundary_class_color (palette, label));
  MlrColor white = { 1, 1, 1, 1 };

  return palette->dark ? mlr_color_mix (&c, &white, 0.25) : c;
}

/* The thin edge around markers: dark on both styles (white rims glare on a dark canvas). */
static MlrColor
edge_color (const MlrPalette *palette)
{
  MlrColor c = palette->foreground;

  if (palette->dark)
    return (MlrColor) { 0, 0, 0, 0.85 };
  c.a = 0.85;
  return c;
}

/* ---------------------------------------------------------------- layout */

static gboolean
svm_two_classes (const MlrBoundaryResult *r)
{
  return r != NULL && r->model == MLR_MODEL_SVM && r->decision != NULL;
}

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

static double
confusion_size (const MlrPalette *palette,
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
            size = confusion_size (palette, K, max_w, &cell);
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
        double size = confusion_size (palette, K, MIN (col, p.h - 2 * lh - (mlp ? legend_h + 6
                                                                              : 0)), &cell);

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

/* ---------------------------------------------------------------- contours */

/* The decision contour: with two classes in view, the 0.5 level of the probability of the
 * second (smooth, it follows the model's own transition); with more, the outline of each
 * class's region (the class changes between neighbouring cells). */
static void
trace (MlrBoundaryPainterCache *cache,
       const MlrBoundaryResult *r)
{
  guint w = r->grid.width, h = r->grid.height;
  gsize cells = (gsize) w * h;
  g_autofree float *f = g_new (float, cells);
  gboolean present[256] = { FALSE };
  guint labels[256], n_present = 0;

  mlr_contour_clear (cache->boundary);
  mlr_contour_clear (cache->margin_lo);
  mlr_contour_clear (cache->margin_hi);
  cache->traced_serial = r->serial;
  cache->traced = TRUE;
  if (r->labels == NULL)
    return;

  for (gsize c = 0; c < cells; c++)
    if (!present[r->labels[c]])
      {
        present[r->labels[c]] = TRUE;
        labels[n_present++] = r->labels[c];
      }
  if (n_present == 2)
    {
      guint second = MAX (labels[0], labels[1]);
      for (gsize c = 0; c < cells; c++)
        f[c] = r->labels[c] == second ? r->confidence[c] : 1 - r->confidence[c];
      mlr_contour_add_level (cache->boundary, f, w, h, 0.5f);
    }
  else if (n_present > 2)
    for (guint k = 0; k < n_present; k++)
      {
        for (gsize c = 0; c < cells; c++)
          f[c] = r->labels[c] == labels[k];
        mlr_contour_add_level (cache->boundary, f, w, h, 0.5f);
      }
  if (r->decision != NULL)
    {
      mlr_contour_add_level (cache->margin_lo, r->decision, w, h, -1.f);
      mlr_contour_add_level (cache->margin_hi, r->decision, w, h, 1.f);
    }
  mlr_contour_stitch (cache->boundary);
  mlr_contour_stitch (cache->margin_lo);
  mlr_contour_stitch (cache->margin_hi);
}

static void
stroke_lines (cairo_t          *cr,
              const MlrContour *lines,
              const MlrPlot    *plot,
              const MlrGrid    *grid)
{
  mlr_contour_path (lines, cr, plot->x0, plot->y0, plot->w / grid->width,
                    plot->h / grid->height);
  cairo_stroke (cr);
}

/* ---------------------------------------------------------------- shading */

static gboolean
cache_matches (const MlrBoundaryPainterCache *cache,
               const MlrPalette              *palette,
               const MlrBoundaryResult       *r,
               int                            w,
               int                            h,
               double                         scale)
{
  return cache->valid && cache->serial == r->serial && cache->width == w &&
         cache->height == h && cache->scale == scale &&
         memcmp (&cache->background, &palette->background, sizeof (MlrColor)) == 0 &&
         memcmp (cache->classes, palette->classes, sizeof cache->classes) == 0;
}

typedef struct {
  const MlrPalette *palette;
  guint             label;
  guint             n_classes;
} ShadeArgs;

static MlrColor
shade_at (double   confidence,
          gpointer user_data)
{
  const ShadeArgs *args = user_data;

  return mlr_boundary_shade_color (args->palette, args->label, confidence, args->n_classes);
}

/* Bakes the raster into an image the size of the plane: cells coloured at raster
 * resolution (each class's shades from a table: no colour maths per cell), then upscaled
 * once with bilinear filtering. */
static void
build_shading (MlrBoundaryPainterCache *cache,
               const MlrPalette        *palette,
               const MlrBoundaryResult *r,
               int                      w,
               int                      h,
               double                   scale)
{
  MlrLut luts[MLR_DATASET_MAX_CLASSES];

  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    {
      ShadeArgs args = { palette, c, MAX (r->n_fitted_classes, 2) };
      mlr_lut_init_func (&luts[c], LUT_LEVELS, shade_at, &args);
    }
  mlr_heatmap_set_classes (cache->heatmap, r->labels, r->confidence, r->grid.width,
                           r->grid.height, luts, MLR_DATASET_MAX_CLASSES);
  mlr_heatmap_render (cache->heatmap, w, h, scale);

  cache->valid = TRUE;
  cache->serial = r->serial;
  cache->width = w;
  cache->height = h;
  cache->scale = scale;
  cache->background = palette->background;
  memcpy (cache->classes, palette->classes, sizeof cache->classes);
  cache->builds++;
}

/* ---------------------------------------------------------------- markers */

static void
train_marker (cairo_t          *cr,
              const MlrPalette *palette,
              const MlrColor   *color,
              double            x,
              double            y)
{
  MlrColor edge = edge_color (palette);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, TRAIN_R, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, color);
  cairo_fill_preserve (cr);
  mlr_cairo_set_color (cr, &edge);
  cairo_set_line_width (cr, 1.1);
  cairo_stroke (cr);
}

/* A hollow square: the class colour between two thin edges, the shading visible inside, so
 * a test point reads as "held out" in any colour. */
static void
test_marker (cairo_t          *cr,
             const MlrPalette *palette,
             const MlrColor   *color,
             double            x,
             double            y)
{
  MlrColor edge = edge_color (palette);

  cairo_new_path (cr);
  cairo_rectangle (cr, x - TEST_HALF, y - TEST_HALF, 2 * TEST_HALF, 2 * TEST_HALF);
  mlr_cairo_set_color (cr, &edge);
  cairo_set_line_width (cr, 4.2);
  cairo_stroke_preserve (cr);
  mlr_cairo_set_color (cr, color);
  cairo_set_line_width (cr, 2.2);
  cairo_stroke (cr);
}

/* ---- stamps: hundreds of antialiased arcs cost milliseconds per frame; on a raster target
 * each marker is instead drawn once into a small image and blitted, which is what keeps a
 * drag within a frame. Vector output (SVG, PDF) keeps real shapes. */

static gboolean
use_stamps (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING;
}

static cairo_surface_t *
new_stamp (double    scale,
           int       half,
           cairo_t **cr)
{
  int side = (int) ceil (2 * half * scale);
  cairo_surface_t *stamp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);

  cairo_surface_set_device_scale (stamp, scale, scale);
  *cr = cairo_create (stamp);
  return stamp;
}

static void
ensure_stamps (MlrBoundaryPainterCache *cache,
               const MlrPalette        *palette,
               double                   scale)
{
  cairo_t *cr;

  if (cache->ring != NULL && cache->stamp_scale == scale && cache->stamp_dark == palette->dark &&
      memcmp (&cache->stamp_fg, &palette->foreground, sizeof (MlrColor)) == 0 &&
      memcmp (cache->stamp_classes, palette->classes, sizeof cache->stamp_classes) == 0)
    return;
  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    {
      MlrColor color = marker_color (palette, c);
      for (int k = 0; k < 2; k++)
        {
          g_clear_pointer (&cache->stamps[c][k], cairo_surface_destroy);
          cache->stamps[c][k] = new_stamp (scale, STAMP_HALF, &cr);
          if (k == 0)
            train_marker (cr, palette, &color, STAMP_HALF, STAMP_HALF);
          else
            test_marker (cr, palette, &color, STAMP_HALF, STAMP_HALF);
          cairo_destroy (cr);
        }
    }
  g_clear_pointer (&cache->ring, cairo_surface_destroy);
  cache->ring = new_stamp (scale, RING_HALF, &cr);
  cairo_arc (cr, RING_HALF, RING_HALF, SV_R, 0, 2 * G_PI);
  cairo_set_line_width (cr, 1.6);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cache->stamp_scale = scale;
  cache->stamp_dark = palette->dark;
  cache->stamp_fg = palette->foreground;
  memcpy (cache->stamp_classes, palette->classes, sizeof cache->stamp_classes);
}

/* Blits @stamp centred on (x, y), snapped to the device pixel grid so it stays sharp. */
static void
blit (cairo_t         *cr,
      cairo_surface_t *stamp,
      int              half,
      double           scale,
      double           x,
      double           y)
{
  double sx = round ((x - half) * scale) / scale, sy = round ((y - half) * scale) / scale;

  cairo_set_source_surface (cr, stamp, sx, sy);
  cairo_rectangle (cr, sx, sy, 2 * half, 2 * half);
  cairo_fill (cr);
}

static void
draw_points (cairo_t                         *cr,
             const MlrPalette                *palette,
             const MlrBoundaryState          *state,
             const MlrPlot                   *plot,
             const MlrBoundaryPainterOptions *options,
             MlrBoundaryPainterCache         *cache)
{
  const MlrDataset *pts = mlr_boundary_state_get_points (state);
  MlrColor colors[MLR_DATASET_MAX_CLASSES];
  int selected = mlr_boundary_state_get_selected (state);
  gboolean stamps = use_stamps (cr);
  double scale = options->scale > 0 ? options->scale : 1;

  if (stamps)
    ensure_stamps (cache, palette, scale);
  for (guint c = 0; c < MLR_DATASET_MAX_CLASSES; c++)
    colors[c] = marker_color (palette, c);
  cairo_save (cr);
  /* training points under test points: the held-out ones are fewer and must stay visible */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < pts->n_points; i++)
      {
        double x = mlr_plot_x (plot, pts->x[2 * i]), y = mlr_plot_y (plot, pts->x[2 * i + 1]);
        gboolean test = mlr_boundary_state_is_test (state, i);

        if ((pass == 1) != test)
          continue;
        if (stamps)
          blit (cr, cache->stamps[pts->y[i]][test], STAMP_HALF, scale, x, y);
        else if (test)
          test_marker (cr, palette, &colors[pts->y[i]], x, y);
        else
          train_marker (cr, palette, &colors[pts->y[i]], x, y);
      }
  if (options->hover >= 0 && (guint) options->hover < pts->n_points && options->hover != selected)
    {
      guint i = options->hover;
      cairo_arc (cr, mlr_plot_x (plot, pts->x[2 * i]), mlr_plot_y (plot, pts->x[2 * i + 1]),
                 TRAIN_R + 4, 0, 2 * G_PI);
      mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.6);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (selected >= 0)
    {
      double x = mlr_plot_x (plot, pts->x[2 * selected]);
      double y = mlr_plot_y (plot, pts->x[2 * selected + 1]);
      cairo_arc (cr, x, y, TRAIN_R + 5, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &palette->background);
      cairo_set_line_width (cr, 5);
      cairo_stroke_preserve (cr);
      mlr_cairo_set_color (cr, &palette->accent);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_cursor (cairo_t                         *cr,
             const MlrPalette                *palette,
             const MlrBoundaryState          *state,
             const MlrPlot                   *plot,
             const MlrBoundaryPainterOptions *options)
{
  double cx, cy, x, y;

  mlr_boundary_state_get_cursor (state, &cx, &cy);
  x = round (mlr_plot_x (plot, cx)) + 0.5;
  y = round (mlr_plot_y (plot, cy)) + 0.5;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 0)
        {
          mlr_cairo_set_color_alpha (cr, &palette->background, 0.9);
          cairo_set_line_width (cr, 4);
        }
      else
        {
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_line_width (cr, 1.6);
        }
      cairo_move_to (cr, x - 14, y);
      cairo_line_to (cr, x - 5, y);
      cairo_move_to (cr, x + 5, y);
      cairo_line_to (cr, x + 14, y);
      cairo_move_to (cr, x, y - 14);
      cairo_line_to (cr, x, y - 5);
      cairo_move_to (cr, x, y + 5);
      cairo_line_to (cr, x, y + 14);
      cairo_stroke (cr);
    }
  if (options->add_class >= 0)
    {
      MlrColor c = opaque (mlr_boundary_class_color (palette, (guint) options->add_class));
      cairo_arc (cr, x + 10, y - 10, 3.5, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &c);
      cairo_fill_preserve (cr);
      mlr_cairo_set_color (cr, &palette->foreground);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- the plane */

static void
draw_splits (cairo_t                 *cr,
             const MlrPalette        *palette,
             const MlrBoundaryResult *r,
             const MlrPlot           *plot)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint k = 0; k < r->n_splits; k++)
    {
      const MlrTreeSplit *s = &r->splits[k];
      double alpha = MAX (0.25, 0.85 - 0.1 * s->depth);

      mlr_cairo_set_color_alpha (cr, &palette->foreground, alpha);
      cairo_set_line_width (cr, s->depth == 0 ? 2 : s->depth < 3 ? 1.4 : 1);
      if (s->axis == 0)
        {
          double x = mlr_plot_x (plot, s->threshold);
          cairo_move_to (cr, x, mlr_plot_y (plot, s->y0));
          cairo_line_to (cr, x, mlr_plot_y (plot, s->y1));
        }
      else
        {
          double y = mlr_plot_y (plot, s->threshold);
          cairo_move_to (cr, mlr_plot_x (plot, s->x0), y);
          cairo_line_to (cr, mlr_plot_x (plot, s->x1), y);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* An axis name inside a corner of the plane, on a pale pill so it reads over any shading. */
static void
axis_name (cairo_t          *cr,
           const MlrPalette *palette,
           const char       *text,
           double            x,
           double            y,
           double            halign,
           double            valign)
{
  double w, h;

  mlr_text_size (cr, palette, text, 0.8, &w, &h);
  mlr_cairo_set_color_alpha (cr, &palette->background, 0.75);
  cairo_rectangle (cr, round (x - halign * (w + 6)), round (y - valign * h), w + 6, h);
  cairo_fill (cr);
  mlr_draw_text (cr, palette, &palette->dim, text, x + 3 - halign * 6, y, halign, valign, 0.8);
}

static void
draw_plane (cairo_t                         *cr,
            const MlrPalette                *palette,
            const MlrBoundaryState          *state,
            const MlrBoundaryLayout         *L,
            const MlrBoundaryPainterOptions *options,
            MlrBoundaryPainterCache         *cache)
{
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (state);
  const MlrPlot *plot = &L->plot;
  int w = (int) plot->w, h = (int) plot->h;
  double scale = options->scale > 0 ? options->scale : 1;
  const char *error = mlr_boundary_state_get_error (state);

  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  if (r != NULL && r->labels != NULL)
    {
      MlrModelKind model = mlr_boundary_state_get_model (state);

      if (!cache_matches (cache, palette, r, w, h, scale))
        build_shading (cache, palette, r, w, h, scale);
      if (!cache->traced || cache->traced_serial != r->serial)
        trace (cache, r);
      mlr_heatmap_paint (cache->heatmap, cr, plot->x0, plot->y0);

      if ((r->model == MLR_MODEL_TREE || r->model == MLR_MODEL_FOREST) &&
          (model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST) &&
          mlr_boundary_state_get_show_splits (state))
        draw_splits (cr, palette, r, plot);

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (!mlr_contour_is_empty (cache->margin_lo) || !mlr_contour_is_empty (cache->margin_hi))
        {
          double dash[] = { 6, 4 };
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 1.5);
          mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.75);
          stroke_lines (cr, cache->margin_lo, plot, &r->grid);
          stroke_lines (cr, cache->margin_hi, plot, &r->grid);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      /* a halo keeps the boundary readable over any class colour */
      cairo_set_line_width (cr, 4);
      mlr_cairo_set_color_alpha (cr, &palette->background, 0.7);
      stroke_lines (cr, cache->boundary, plot, &r->grid);
      cairo_set_line_width (cr, 2);
      mlr_cairo_set_color (cr, &palette->foreground);
      stroke_lines (cr, cache->boundary, plot, &r->grid);

      if (r->n_support > 0 && use_stamps (cr))
        {
          double scale_ = options->scale > 0 ? options->scale : 1;
          ensure_stamps (cache, palette, scale_);
          for (guint k = 0; k < r->n_support; k++)
            blit (cr, cache->ring, RING_HALF, scale_, mlr_plot_x (plot, r->support[2 * k]),
                  mlr_plot_y (plot, r->support[2 * k + 1]));
        }
      else if (r->n_support > 0)
        {
          cairo_set_line_width (cr, 1.6);
          mlr_cairo_set_color (cr, &palette->foreground);
          for (guint k = 0; k < r->n_support; k++)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, mlr_plot_x (plot, r->support[2 * k]),
                         mlr_plot_y (plot, r->support[2 * k + 1]), SV_R, 0, 2 * G_PI);
            }
          cairo_stroke (cr);
        }
    }
  draw_points (cr, palette, state, plot, options, cache);
  if (options->focused)
    draw_cursor (cr, palette, state, plot, options);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Cannot fit: %s", error);
      MlrTextStyle style = { .scale = 0.95, .max_width = plot->w - 40, .max_lines = 4 };
      double tw, th;
      MlrColor white = { 1, 1, 1, 1 };

      mlr_text_measure (cr, palette, text, &style, &tw, &th);
      mlr_cairo_set_color_alpha (cr, &palette->error, 0.92);
      cairo_rectangle (cr, plot->x0 + 10, plot->y0 + 10, plot->w - 20, th + 16);
      cairo_fill (cr);
      mlr_draw_text_wrapped (cr, palette, &white, text, plot->x0 + 20, plot->y0 + 18,
                             plot->w - 40, 4, 0.95);
    }
  else if (r == NULL)
    mlr_draw_text (cr, palette, &palette->dim, "Fitting…", plot->x0 + plot->w / 2,
                   plot->y0 + plot->h / 2, 0.5, 0.5, 1.2);
  cairo_restore (cr);

  mlr_plot_draw_axes (cr, plot, palette, NULL, NULL, FALSE);
  axis_name (cr, palette, "x₁ →", plot->x0 + plot->w - 4, plot->y0 + plot->h - 4, 1, 1);
  axis_name (cr, palette, "↑ x₂", plot->x0 + 4, plot->y0 + 4, 0, 0);
}

/* ---------------------------------------------------------------- panel */

static void
draw_header (cairo_t                         *cr,
             const MlrPalette                *palette,
             const MlrBoundaryState          *state,
             const MlrBoundaryLayout         *L,
             const MlrBoundaryPainterOptions *options,
             int                              width)
{
  g_autofree char *model = mlr_boundary_state_model_title (state);
  g_autofree char *title = g_strdup_printf ("%s on %s", model,
                                            mlr_boundary_state_data_title (state));
  g_autofree char *right = NULL;
  guint n = mlr_boundary_state_get_n_points (state), n_test = 0;
  double rw, rh;

  for (guint i = 0; i < n; i++)
    n_test += mlr_boundary_state_is_test (state, i);
  if (options->busy)
    right = g_strdup_printf ("updating…  %u points", n);
  else
    right = g_strdup_printf ("%u points: %u train, %u test", n, n - n_test, n_test);
  mlr_text_size (cr, palette, right, 0.85, &rw, &rh);
  mlr_draw_text_fit (cr, palette, &palette->foreground, title, PAD, L->header_h / 2,
                     width - 3 * PAD - rw, 0, 0.5, 1.0);
  mlr_draw_text (cr, palette, &palette->dim, right, width - PAD, L->header_h / 2, 1, 0.5, 0.85);
}

static void
draw_scores (cairo_t                 *cr,
             const MlrPalette        *palette,
             const MlrBoundaryResult *r,
             const MlrBoundaryRect   *R)
{
  const char *names[2] = { "Train accuracy", "Test accuracy" };
  double lh = mlr_text_line_height (palette, 0.85);

  for (int k = 0; k < 2; k++)
    {
      double x = R->x + k * R->w / 2;
      guint correct = r ? (k == 0 ? r->train_correct : r->test_correct) : 0;
      guint total = r ? (k == 0 ? r->n_train : r->n_test) : 0;
      g_autofree char *pct = r ? mlr_boundary_format_percent (correct, total) : g_strdup ("…");
      g_autofree char *counts = NULL;

      if (r == NULL)
        counts = g_strdup ("");
      else if (total == 0)
        counts = g_strdup (k == 0 ? "no training points" : "no test points");
      else
        counts = g_strdup_printf ("%u of %u", correct, total);
      mlr_draw_text_fit (cr, palette, &palette->dim, names[k], x, R->y, R->w / 2 - 4, 0, 0, 0.85);
      mlr_draw_text (cr, palette, &palette->foreground, pct, x, R->y + lh, 0, 0, 1.55);
      mlr_draw_text_fit (cr, palette, &palette->dim, counts, x,
                         R->y + lh + mlr_text_line_height (palette, 1.55) - 2, R->w / 2 - 4, 0, 0,
                         0.8);
    }
}

static void
draw_confusion (cairo_t                 *cr,
                const MlrPalette        *palette,
                const MlrBoundaryResult *r,
                guint                    K,
                const MlrBoundaryRect   *R)
{
  double lh = mlr_text_line_height (palette, 0.9), cell;
  double size = confusion_size (palette, K, MIN (R->w, R->h - 2 * lh), &cell);
  double gx = R->x + (size - K * cell), gy = R->y + 2 * lh + (size - K * cell);
  MlrColor good = opaque (palette->success), bad = opaque (palette->error);
  MlrColor bg = opaque (palette->background);
  double font = CLAMP (cell / 26, 0.6, 0.85);

  mlr_draw_text_fit (cr, palette, &palette->dim,
                     r && !r->confusion_is_test ? "Confusion matrix (train set: no test points)"
                                            : "Confusion matrix (test set)",
                 R->x, R->y, R->w, 0, 0, 0.85);
  mlr_draw_text_fit (cr, palette, &palette->dim, "rows: true class · columns: predicted", R->x,
                     R->y + lh - 2, R->w, 0, 0, 0.75);
  /* class swatches along the top (predicted) and the left (true) */
  for (guint c = 0; c < K; c++)
    {
      MlrColor col = opaque (mlr_boundary_class_color (palette, c));
      mlr_cairo_set_color (cr, &col);
      cairo_rectangle (cr, gx + c * cell + cell / 2 - 4, gy - 12, 8, 8);
      cairo_rectangle (cr, gx - 12, gy + c * cell + cell / 2 - 4, 8, 8);
      cairo_fill (cr);
    }
  for (guint t = 0; t < K; t++)
    {
      guint row = 0;
      for (guint p = 0; p < K; p++)
        row += r ? r->confusion[t * K + p] : 0;
      for (guint p = 0; p < K; p++)
        {
          guint count = r ? r->confusion[t * K + p] : 0;
          double frac = row > 0 ? (double) count / row : 0;
          MlrColor fill = mlr_color_mix (&bg, t == p ? &good : &bad,
                                         count > 0 ? 0.15 + 0.6 * frac : 0.03);
          char buf[16];
          MlrColor text;

          mlr_cairo_set_color (cr, &fill);
          cairo_rectangle (cr, gx + p * cell + 1, gy + t * cell + 1, cell - 2, cell - 2);
          cairo_fill (cr);
          if (r == NULL)
            continue;
          g_snprintf (buf, sizeof buf, "%u", count);
          text = mlr_color_luminance (&fill) > 0.45 ? (MlrColor) { 0, 0, 0, 0.87 }
                                                    : (MlrColor) { 1, 1, 1, 1 };
          mlr_draw_text (cr, palette, &text, buf, gx + (p + 0.5) * cell, gy + (t + 0.5) * cell,
                         0.5, 0.5, font);
        }
    }
}

static void
draw_loss_chart (cairo_t                 *cr,
                 const MlrPalette        *palette,
                 const MlrBoundaryResult *r,
                 const MlrPlot           *frame)
{
  MlrPlot chart = *frame;
  double lo = G_MAXDOUBLE, hi = 0;
  guint n_max;
  g_autofree char *epoch = NULL;
  MlrColor test_color = opaque (palette->classes[5]);
  const double *series[2];
  guint lens[2];

  if (r == NULL || r->model != MLR_MODEL_MLP)
    {
      mlr_draw_text (cr, palette, &palette->dim, "Training…", chart.x0, chart.y0 - 4, 0, 1,
                     0.85);
      return;
    }
  series[0] = r->loss;
  series[1] = r->val_loss;
  lens[0] = r->n_loss;
  lens[1] = r->n_val_loss;
  for (int s = 0; s < 2; s++)
    for (guint i = 0; i < lens[s]; i++)
      if (isfinite (series[s][i]) && series[s][i] > 0)
        {
          lo = MIN (lo, series[s][i]);
          hi = MAX (hi, series[s][i]);
        }
  n_max = MAX (MAX (r->max_epochs, r->n_loss), 1);
  if (r->training_done && r->epoch < r->max_epochs)
    epoch = g_strdup_printf ("Epoch %u of %u (the loss settled)", r->epoch, r->max_epochs);
  else
    epoch = g_strdup_printf ("Epoch %u of %u", r->epoch, r->max_epochs);
  mlr_draw_text (cr, palette, &palette->foreground, epoch, chart.x0 - 30, chart.y0 - 4, 0, 1,
                 0.85);
  if (hi <= 0)
    {
      lo = 0.1;
      hi = 1;
    }
  if (hi / lo < 1.5)
    {
      hi *= 1.2;
      lo /= 1.2;
    }
  chart.xmin = 0;
  chart.xmax = n_max;
  chart.ymin = lo;
  chart.ymax = hi;
  chart.log_y = TRUE;

  cairo_save (cr);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, round (chart.x0) + 0.5, round (chart.y0) + 0.5, round (chart.w),
                   round (chart.h));
  cairo_stroke (cr);
  {
    char buf[32];
    g_snprintf (buf, sizeof buf, "%.2g", hi);
    mlr_draw_text (cr, palette, &palette->dim, buf, chart.x0 - 3, chart.y0, 1, 0, 0.75);
    g_snprintf (buf, sizeof buf, "%.2g", lo);
    mlr_draw_text (cr, palette, &palette->dim, buf, chart.x0 - 3, chart.y0 + chart.h, 1, 1,
                   0.75);
    mlr_draw_text (cr, palette, &palette->dim, "0", chart.x0, chart.y0 + chart.h + 2, 0, 0,
                   0.75);
    g_snprintf (buf, sizeof buf, "%u", n_max);
    mlr_draw_text (cr, palette, &palette->dim, buf, chart.x0 + chart.w, chart.y0 + chart.h + 2,
                   1, 0, 0.75);
    mlr_draw_text (cr, palette, &palette->dim, "epoch", chart.x0 + chart.w / 2,
                   chart.y0 + chart.h + 2, 0.5, 0, 0.75);
  }
  mlr_plot_clip (cr, &chart);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int s = 0; s < 2; s++)
    {
      gboolean started = FALSE;
      if (s == 0)
        {
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          double dash[] = { 5, 3 };
          mlr_cairo_set_color (cr, &test_color);
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_set_line_width (cr, 1.8);
      for (guint i = 0; i < lens[s]; i++)
        {
          double v = series[s][i];
          if (!isfinite (v) || v <= 0)
            {
              started = FALSE;
              continue;
            }
          if (started)
            cairo_line_to (cr, mlr_plot_x (&chart, i + 1), mlr_plot_y (&chart, v));
          else
            cairo_move_to (cr, mlr_plot_x (&chart, i + 1), mlr_plot_y (&chart, v));
          started = TRUE;
        }
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  /* the series' names, top right inside the chart */
  {
    double x = chart.x0 + chart.w - 6, y = chart.y0 + 4;
    double tw, th;
    mlr_text_size (cr, palette, "test loss", 0.75, &tw, &th);
    mlr_draw_text (cr, palette, &palette->foreground, "train loss", x, y, 1, 0, 0.75);
    mlr_draw_text (cr, palette, &test_color, "test loss", x, y + th, 1, 0, 0.75);
  }
  cairo_restore (cr);
}

static void
legend_train_marker (cairo_t          *cr,
                     const MlrPalette *palette,
                     double            x,
                     double            cy,
                     double            width,
                     double            height,
                     gpointer          user_data)
{
  train_marker (cr, palette, user_data, x + width / 2, cy);
}

static void
legend_test_marker (cairo_t          *cr,
                    const MlrPalette *palette,
                    double            x,
                    double            cy,
                    double            width,
                    double            height,
                    gpointer          user_data)
{
  test_marker (cr, palette, user_data, x + width / 2, cy);
}

/* A legend row that is a remark, not a symbol. */
static void
legend_remark (cairo_t          *cr,
               const MlrPalette *palette,
               double            x,
               double            cy,
               double            width,
               double            height,
               gpointer          user_data)
{
  mlr_draw_text_fit (cr, palette, &palette->dim, user_data, x, cy, width, 0, 0.5, 0.8);
}

static void
draw_legend (cairo_t                 *cr,
             const MlrPalette        *palette,
             const MlrBoundaryState  *state,
             const MlrBoundaryResult *r,
             const MlrBoundaryRect   *R,
             gboolean                 two_columns)
{
  MlrModelKind model = mlr_boundary_state_get_model (state);
  const MlrDataset *pts = mlr_boundary_state_get_points (state);
  guint K = mlr_boundary_state_get_n_classes (state);
  double lh = mlr_text_line_height (palette, 0.9), y;
  MlrColor neutral = mlr_color_mix (&palette->background, &palette->foreground, 0.45);
  MlrColor fg = palette->foreground, faint = palette->foreground;
  g_autofree char *sv = NULL;
  g_autofree char *splits = NULL;
  g_autofree MlrLegendItem *classes = g_new0 (MlrLegendItem, MAX (K, 1));
  g_autoptr(GPtrArray) class_texts = g_ptr_array_new_with_free_func (g_free);
  MlrLegendItem items[6];
  MlrLegendStyle style = {
    .text_scale = 0.85, .row_height = lh, .symbol_width = 18, .text_x = 24, .fit = TRUE,
    .columns = 1,
  };
  guint n = 0;

  neutral.a = 1;
  faint.a *= 0.6;
  items[n++] = (MlrLegendItem) { MLR_LEGEND_CUSTOM, neutral, 0, "training point (filled)",
                                 .draw = legend_train_marker, .user_data = &neutral };
  items[n++] = (MlrLegendItem) { MLR_LEGEND_CUSTOM, neutral, 0, "test point (hollow)",
                                 .draw = legend_test_marker, .user_data = &neutral };
  items[n++] = (MlrLegendItem) { MLR_LEGEND_LINE, fg, 2, "decision boundary" };
  if (model == MLR_MODEL_SVM)
    {
      sv = g_strdup_printf ("support vector (%u)", r ? r->n_support : 0);
      items[n++] = (MlrLegendItem) { MLR_LEGEND_RING, fg, lh - 2, sv };
      if (r == NULL || svm_two_classes (r))
        items[n++] = (MlrLegendItem) { MLR_LEGEND_DASHED, fg, 1.4, "margin: f(x) = ±1" };
      else
        items[n++] = (MlrLegendItem) {
          MLR_LEGEND_CUSTOM, .draw = legend_remark,
          .user_data = (gpointer) "margins: one per pair of classes, not drawn" };
    }
  if ((model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST) &&
      mlr_boundary_state_get_show_splits (state))
    {
      if (r != NULL && (r->model == MLR_MODEL_TREE || r->model == MLR_MODEL_FOREST))
        splits = g_strdup_printf ("%s: depth %u, %u leaves",
                                  model == MLR_MODEL_FOREST ? "first tree's splits" : "splits",
                                  r->tree_depth, r->tree_leaves);
      else
        splits = g_strdup ("splits");
      items[n++] = (MlrLegendItem) { MLR_LEGEND_LINE, faint, 1.4, splits };
    }
  y = mlr_legend_draw (cr, palette, &style, items, n, R->x, R->y, R->w);

  for (guint c = 0; c < K; c++)
    {
      char *text = g_strdup_printf ("class %u (%u)", c, mlr_dataset_count_label (pts, c));

      g_ptr_array_add (class_texts, text);
      classes[c] = (MlrLegendItem) {
        MLR_LEGEND_SWATCH, opaque (mlr_boundary_class_color (palette, c)), 12, text };
    }
  style.columns = two_columns ? 2 : 1;
  mlr_legend_draw (cr, palette, &style, classes, K, R->x, y, R->w);
}

/* Clamps and warnings: in the panel when it has room for two lines, else over the foot of
 * the plane, where they cannot be missed. */
static void
draw_notes (cairo_t                 *cr,
            const MlrPalette        *palette,
            const char              *notes,
            const MlrBoundaryLayout *L)
{
  double lh = mlr_text_line_height (palette, 0.8);

  if (L->notes.h >= 2 * lh)
    {
      mlr_draw_text_wrapped (cr, palette, &palette->warning, notes, L->notes.x, L->notes.y,
                             L->notes.w, (int) (L->notes.h / lh), 0.8);
      return;
    }
  {
    const MlrPlot *p = &L->plot;
    MlrTextStyle style = { .scale = 0.8, .max_width = p->w - 24, .max_lines = 3 };
    double tw, th;

    mlr_text_measure (cr, palette, notes, &style, &tw, &th);
    mlr_cairo_set_color_alpha (cr, &palette->background, 0.88);
    cairo_rectangle (cr, p->x0 + 6, p->y0 + p->h - th - 14, tw + 12, th + 8);
    cairo_fill (cr);
    mlr_draw_text_wrapped (cr, palette, &palette->warning, notes, p->x0 + 12,
                           p->y0 + p->h - th - 10, p->w - 24, 3, 0.8);
  }
}

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
  MlrBoundaryLayout L;
  g_autofree char *notes = NULL;


  if (options == NULL)
    options = &defaults;
  mlr_boundary_painter_layout (width, height, palette, state, &L);

  cairo_save (cr);
  draw_header (cr, palette, state, &L, options, width);
  draw_plane (cr, palette, state, &L, options, cache);
  /* after a failed fit the last picture stays, but its scores would describe other data */
  draw_scores (cr, palette, mlr_boundary_state_get_error (state) ? NULL : r, &L.scores);
  draw_confusion (cr, palette,
                  r && r->n_classes == K && !mlr_boundary_state_get_error (state) ? r : NULL, K,
                  &L.confusion);
  if (L.chart.w > 0)
    draw_loss_chart (cr, palette, r, &L.chart);
  draw_legend (cr, palette, state, r, &L.legend, L.legend_two_columns);
  notes = mlr_boundary_state_get_notes (state);
  if (notes[0] != '\0')
    draw_notes (cr, palette, notes, &L);
  cairo_restore (cr);
}

/**
 * mlr_boundary_render:
 * The MlrRenderFunc of "decision-boundary": builds the state from @params, fits it on this
 * thread (an mlp trained for its epochs, as the app shows it when it opens) and paints it.
 */
gboolean
mlr_boundary_render (cairo_t          *cr,
                     int               width,
                     int               height,
                     const MlrPalette *palette,
                     const MlrParams  *params,
                     GError          **error)
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
