/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary painter's plane: the shading of each class by the model's confidence
 * (baked into a heatmap that is rebuilt only for a new result, size or theme), the decision
 * contour and the SVM margins, a tree's splits, the points (blitted from stamps on raster
 * targets), the keyboard cursor, and the axes.
 */
#include "config.h"

#include "mlr-boundary-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define LUT_LEVELS 128 /* confidence steps of the shading colours */

#define TRAIN_R   4.5  /* radius of a training disc */
#define TEST_HALF 4.5  /* half side of a test square */
#define SV_R      8.5  /* support-vector ring */

#define STAMP_HALF 8   /* stamps are (2 * STAMP_HALF) units square, centred on the point */
#define RING_HALF  11

/* ---------------------------------------------------------------- colours */

/* A marker's fill: on the dark style a little lighter than the class colour, so a point
 * stands out from the (darkened) shading of its own class. */
static MlrColor
marker_color (const MlrPalette *palette,
              guint             label)
{
  MlrColor c = mlr_boundary_opaque (mlr_boundary_class_color (palette, label));
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

void
mlr_boundary_train_marker (cairo_t          *cr,
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
void
mlr_boundary_test_marker (cairo_t          *cr,
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
            mlr_boundary_train_marker (cr, palette, &color, STAMP_HALF, STAMP_HALF);
          else
            mlr_boundary_test_marker (cr, palette, &color, STAMP_HALF, STAMP_HALF);
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
          mlr_boundary_test_marker (cr, palette, &colors[pts->y[i]], x, y);
        else
          mlr_boundary_train_marker (cr, palette, &colors[pts->y[i]], x, y);
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
      MlrColor c = mlr_boundary_class_color (palette, (guint) options->add_class);

      c.a = 1;
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

void
mlr_boundary_draw_plane (cairo_t                         *cr,
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
      /* Translators: %s says why the model could not be fitted */
      g_autofree char *text = g_strdup_printf (_("Cannot fit: %s"), error);
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
    mlr_draw_text (cr, palette, &palette->dim, _("Fitting…"), plot->x0 + plot->w / 2,
                   plot->y0 + plot->h / 2, 0.5, 0.5, 1.2);
  cairo_restore (cr);

  mlr_plot_draw_axes (cr, plot, palette, NULL, NULL, FALSE);
  /* Translators: the names of the plane's axes, in its bottom right and top left corners;
   * the arrows point the way each coordinate grows */
  axis_name (cr, palette, _("x₁ →"), plot->x0 + plot->w - 4, plot->y0 + plot->h - 4, 1, 1);
  axis_name (cr, palette, _("↑ x₂"), plot->x0 + 4, plot->y0 + 4, 0, 0);
}
