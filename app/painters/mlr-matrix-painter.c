/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-matrix-painter.h"

#include "mlr-plot-labels.h"

#include <math.h>
#include <string.h>

#define PAD 10.0
#define CARD_MIN_WIDTH 640
/* At most this many warped grid lines per family (denser families skip to every 2nd, 5th..) */
#define MAX_WARPED_LINES 24
/* ...and no closer together than this many pixels */
#define MIN_LINE_GAP 8.0
#define LABEL_SCALE 0.95

/* ---- colours */

MlrColor
mlr_matrix_painter_area_color (const MlrPalette *palette,
                               double            det)
{
  /* Orientation kept: the accent; flipped: Okabe-Ito orange, which stays distinct from the
   * accent blue for every common colour-vision deficiency. */
  if (det > 0)
    return palette->accent;
  if (det < 0)
    return palette->classes[1];
  return palette->dim;
}

MlrColor
mlr_matrix_painter_ihat_color (const MlrPalette *palette)
{
  return palette->classes[2];   /* bluish green */
}

MlrColor
mlr_matrix_painter_jhat_color (const MlrPalette *palette)
{
  return palette->classes[5];   /* vermillion */
}

static MlrColor
svd_color (const MlrPalette *palette)
{
  return palette->classes[3];   /* reddish purple */
}

/* ---- layout */

/**
 * mlr_matrix_painter_layout:
 * Where the plane goes in a @width x @height picture: the square [-r, r]² of the state's view
 * radius, centred, equal aspect (a wide picture shows more of the plane sideways, and gives
 * its left strip to the read-out card).
 */
void
mlr_matrix_painter_layout (int                   width,
                           int                   height,
                           const MlrMatrixState *state,
                           MlrMatrixLayout      *layout)
{
  double r = mlr_matrix_state_get_view_radius (state);
  double x0 = PAD, w = width - 2 * PAD, h = height - 2 * PAD;

  memset (layout, 0, sizeof *layout);
  if (width >= CARD_MIN_WIDTH && width >= 1.3 * height)
    {
      layout->has_card = TRUE;
      layout->card_x = PAD;
      layout->card_y = PAD;
      layout->card_w = CLAMP (width * 0.2, 210, 260);
      layout->card_h = h;
      x0 = layout->card_x + layout->card_w + PAD;
      w = width - x0 - PAD;
    }
  mlr_plot_init (&layout->plot, x0, PAD, MAX (w, 1), MAX (h, 1), -r, r, -r, r, TRUE);
}

/* ---- small drawing helpers */

static void
to_px (const MlrPlot *plot,
       MlrVec2        v,
       double        *x,
       double        *y)
{
  *x = mlr_plot_x (plot, v.x);
  *y = mlr_plot_y (plot, v.y);
}

/* The part of the infinite line p + s·d inside the plot's data rectangle, grown by @grow on
 * every side. Clipping in data space keeps far-off points (a nearly singular matrix throws
 * grid lines a long way) out of cairo's fixed-point range. */
static gboolean
clip_line (const MlrPlot *plot,
           MlrVec2        p,
           MlrVec2        d,
           double         grow,
           MlrVec2       *a,
           MlrVec2       *b)
{
  double lo = -G_MAXDOUBLE, hi = G_MAXDOUBLE;
  const double pmin[2] = { plot->xmin - grow, plot->ymin - grow };
  const double pmax[2] = { plot->xmax + grow, plot->ymax + grow };
  const double pp[2] = { p.x, p.y }, dd[2] = { d.x, d.y };

  for (int i = 0; i < 2; i++)
    {
      if (fabs (dd[i]) < 1e-300)
        {
          if (pp[i] < pmin[i] || pp[i] > pmax[i])
            return FALSE;
          continue;
        }
      {
        double s0 = (pmin[i] - pp[i]) / dd[i], s1 = (pmax[i] - pp[i]) / dd[i];
        lo = MAX (lo, MIN (s0, s1));
        hi = MIN (hi, MAX (s0, s1));
      }
    }
  if (!(lo <= hi) || !isfinite (lo) || !isfinite (hi))
    return FALSE;
  a->x = p.x + lo * d.x;
  a->y = p.y + lo * d.y;
  b->x = p.x + hi * d.x;
  b->y = p.y + hi * d.y;
  return TRUE;
}

static void
line_to_path (cairo_t       *cr,
              const MlrPlot *plot,
              MlrVec2        a,
              MlrVec2        b)
{
  double x, y;

  to_px (plot, a, &x, &y);
  cairo_move_to (cr, x, y);
  to_px (plot, b, &x, &y);
  cairo_line_to (cr, x, y);
}

/* Grid spacing in data units: 1 while it leaves room, else 2, 5, 10... so no more than about
 * a dozen lines each side of the origin. */
static double
grid_step (const MlrPlot *plot)
{
  static const double steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };
  double extent = MAX (plot->xmax - plot->xmin, plot->ymax - plot->ymin) / 2;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (extent / steps[i] <= 12)
      return steps[i];
  return 1000;
}

/* ---- the layers */

static void
draw_original_grid (cairo_t          *cr,
                    const MlrPlot    *plot,
                    const MlrPalette *palette,
                    double            g,
                    gboolean          lines)
{
  double px_per_unit = plot->w / (plot->xmax - plot->xmin);
  int every = 1;
  char buf[32];

  cairo_save (cr);
  if (lines)
    {
      cairo_set_line_width (cr, 1);
      for (double k = ceil (plot->xmin / g); k <= floor (plot->xmax / g); k++)
        {
          double x = round (mlr_plot_x (plot, k * g)) + 0.5;
          cairo_move_to (cr, x, plot->y0);
          cairo_line_to (cr, x, plot->y0 + plot->h);
        }
      for (double k = ceil (plot->ymin / g); k <= floor (plot->ymax / g); k++)
        {
          double y = round (mlr_plot_y (plot, k * g)) + 0.5;
          cairo_move_to (cr, plot->x0, y);
          cairo_line_to (cr, plot->x0 + plot->w, y);
        }
      mlr_cairo_set_color (cr, &palette->grid);
      cairo_stroke (cr);
    }

  /* the axes, and their numbers (every 2nd or 5th when the grid is tight) */
  cairo_set_line_width (cr, 1.2);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.55);
  cairo_move_to (cr, plot->x0, round (mlr_plot_y (plot, 0)) + 0.5);
  cairo_line_to (cr, plot->x0 + plot->w, round (mlr_plot_y (plot, 0)) + 0.5);
  cairo_move_to (cr, round (mlr_plot_x (plot, 0)) + 0.5, plot->y0);
  cairo_line_to (cr, round (mlr_plot_x (plot, 0)) + 0.5, plot->y0 + plot->h);
  cairo_stroke (cr);

  while (px_per_unit * g * every < 34 && every < 1000)
    every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
  for (double k = ceil (plot->xmin / g); k <= floor (plot->xmax / g); k++)
    if (k != 0 && fmod (fabs (k), every) == 0)
      {
        mlr_format_tick (k * g, g, buf, sizeof buf);
        mlr_draw_text (cr, palette, &palette->dim, buf, mlr_plot_x (plot, k * g) + 3,
                       mlr_plot_y (plot, 0) + 2, 0, 0, 0.75);
      }
  for (double k = ceil (plot->ymin / g); k <= floor (plot->ymax / g); k++)
    if (k != 0 && fmod (fabs (k), every) == 0)
      {
        mlr_format_tick (k * g, g, buf, sizeof buf);
        mlr_draw_text (cr, palette, &palette->dim, buf, mlr_plot_x (plot, 0) - 4,
                       mlr_plot_y (plot, k * g) - 1, 1, 1, 0.75);
      }
  cairo_restore (cr);
}

/* The images of the grid lines x = k g and y = k g under @m, and of the axes (bolder). A
 * singular @m maps them all onto its column space: one line (or the origin). */
static void
draw_warped_grid (cairo_t          *cr,
                  const MlrPlot    *plot,
                  const MlrPalette *palette,
                  const MlrMat2    *m,
                  double            g)
{
  MlrVec2 col[2] = { { m->a, m->c }, { m->b, m->d } };
  MlrMat2 inv;
  double grow = (plot->xmax - plot->xmin) * 0.02;
  double unit = plot->w / (plot->xmax - plot->xmin);
  MlrVec2 a, b;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (!mlr_mat2_inverse (m, &inv, NULL))
    {
      MlrMat2Svd svd;
      mlr_mat2_svd (m, &svd);
      if (svd.sigma[0] > 0)
        {
          MlrVec2 u = { svd.u.a, svd.u.c }, origin = { 0, 0 };
          if (clip_line (plot, origin, u, grow, &a, &b))
            line_to_path (cr, plot, a, b);
          cairo_set_line_width (cr, 2.5);
          mlr_cairo_set_color_alpha (cr, &palette->accent, 0.9);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
      return;
    }

  /* Which k can reach the view: the preimage of the view's corners bounds them. */
  {
    const MlrVec2 corners[4] = {
      { plot->xmin - grow, plot->ymin - grow }, { plot->xmax + grow, plot->ymin - grow },
      { plot->xmin - grow, plot->ymax + grow }, { plot->xmax + grow, plot->ymax + grow },
    };
    double lo[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, hi[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };

    for (int i = 0; i < 4; i++)
      {
        MlrVec2 q = mlr_mat2_apply (&inv, corners[i]);
        lo[0] = MIN (lo[0], q.x);
        hi[0] = MAX (hi[0], q.x);
        lo[1] = MIN (lo[1], q.y);
        hi[1] = MAX (hi[1], q.y);
      }
    for (int fam = 0; fam < 2; fam++)
      {
        /* family 0: x = k g, running along ĵ's image; family 1: y = k g, along î's */
        MlrVec2 offset = col[fam], dir = col[1 - fam];
        double step = g, kmin, kmax;
        static const double mult[] = { 2, 2.5, 2 };   /* 1, 2, 5, 10, 20, 50, ... */
        guint mi = 0;

        double dlen = MAX (hypot (dir.x, dir.y), 1e-300), det = fabs (mlr_mat2_det (m));
        /* the plot's width across these lines, in pixels */
        double across = plot->w * fabs (dir.y) / dlen + plot->h * fabs (dir.x) / dlen;
        double min_gap = MAX (MIN_LINE_GAP, across / MAX_WARPED_LINES);

        lo[fam] = MAX (lo[fam], -1e9 * g);
        hi[fam] = MIN (hi[fam], 1e9 * g);
        /* Slanted lines cost cairo about 0.1 ms each at 1280x800, and lines a few pixels
         * apart only smear into a band (a nearly singular or shrinking A packs them tight):
         * thin them to every 2nd, 5th, 10th... line, which are still images of grid lines. */
        while (((hi[fam] - lo[fam]) / step > 4 * MAX_WARPED_LINES ||
                det * step / dlen * unit < min_gap) && step < 1e12)
          step *= mult[mi++ % 3];
        kmin = ceil (lo[fam] / step);
        kmax = floor (hi[fam] / step);
        for (double k = kmin; k <= kmax; k++)
          {
            MlrVec2 p = { offset.x * k * step, offset.y * k * step };
            if (k != 0 && clip_line (plot, p, dir, grow, &a, &b))
              line_to_path (cr, plot, a, b);
          }
        cairo_set_line_width (cr, 1.3);
        mlr_cairo_set_color_alpha (cr, &palette->accent, palette->dark ? 0.55 : 0.5);
        cairo_stroke (cr);
      }
    /* the images of the axes */
    for (int fam = 0; fam < 2; fam++)
      {
        MlrVec2 origin = { 0, 0 };
        if (clip_line (plot, origin, col[fam], grow, &a, &b))
          line_to_path (cr, plot, a, b);
      }
    cairo_set_line_width (cr, 2.2);
    mlr_cairo_set_color_alpha (cr, &palette->accent, 0.9);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
}

static void
parallelogram_path (cairo_t       *cr,
                    const MlrPlot *plot,
                    const MlrMat2 *m)
{
  const MlrVec2 corners[4] = {
    { 0, 0 }, { m->a, m->c }, { m->a + m->b, m->c + m->d }, { m->b, m->d },
  };
  double x, y;

  for (int i = 0; i < 4; i++)
    {
      to_px (plot, corners[i], &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

static void
draw_area (cairo_t          *cr,
           const MlrPlot    *plot,
           const MlrPalette *palette,
           const MlrMat2    *m,
           gboolean          singular,
           gboolean          outline)
{
  double det = singular ? 0 : mlr_mat2_det (m);
  MlrColor color = mlr_matrix_painter_area_color (palette, det);
  MlrMat2 id = mlr_mat2_identity ();
  const double dash[] = { 5, 4 };

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (outline)
    {
      /* over the warped grid, whose lines run along the edges */
      parallelogram_path (cr, plot, m);
      mlr_cairo_set_color (cr, &color);
      cairo_set_line_width (cr, singular ? 3 : 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  /* the unit square it came from */
  parallelogram_path (cr, plot, &id);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1.2);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.8);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (!singular)
    {
      parallelogram_path (cr, plot, m);
      mlr_cairo_set_color_alpha (cr, &color, palette->dark ? 0.4 : 0.26);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
label_area (MlrLabels        *labels,
            cairo_t          *cr,
            const MlrPlot    *plot,
            const MlrPalette *palette,
            const MlrMat2    *m,
            gboolean          singular)
{
  double det = singular ? 0 : mlr_mat2_det (m);
  MlrColor color = mlr_matrix_painter_area_color (palette, det);
  double scale = plot->w / (plot->xmax - plot->xmin);
  char num[32], text[64];
  MlrVec2 centre = { (m->a + m->b) / 2, (m->c + m->d) / 2 };
  MlrVec2 far = { m->a + m->b, m->c + m->d };
  double x, y;

  mlr_matrix_format_number (det, TRUE, num, sizeof num);
  g_snprintf (text, sizeof text, "det = %s", num);
  if (fabs (det) * scale * scale > 5000)
    {
      to_px (plot, centre, &x, &y);
      mlr_labels_add (labels, cr, palette, &color, text, x, y, 0.5, 0.5, plot);
    }
  else
    {
      /* too thin to hold its label: put it beside the far corner */
      to_px (plot, hypot (far.x, far.y) > 1e-9 ? far : centre, &x, &y);
      mlr_labels_add (labels, cr, palette, &color, text, x + 12, y + 12, 0, 0, plot);
    }
}

static void
draw_points (cairo_t              *cr,
             const MlrPlot        *plot,
             const MlrPalette     *palette,
             const MlrMatrixState *state,
             const MlrMat2        *m)
{
  guint n;
  const MlrVec2 *pts = mlr_matrix_state_get_points (state, &n);

  cairo_save (cr);
  for (guint i = 0; i < n; i++)
    {
      double x, y;
      to_px (plot, mlr_mat2_apply (m, pts[i]), &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 2.6, 0, 2 * G_PI);
    }
  mlr_cairo_set_color_alpha (cr, &palette->foreground, palette->dark ? 0.6 : 0.5);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Alignment that puts a label's box beyond a point, on the side pointing along (ux, uy)
 * (pixel directions, y down). */
static double
align_for (double u)
{
  return u > 0.35 ? 0.0 : u < -0.35 ? 1.0 : 0.5;
}

/* With @labels NULL, draws the geometry; otherwise queues the labels only. */
static void
draw_svd (MlrLabels        *labels,
          cairo_t          *cr,
          const MlrPlot    *plot,
          const MlrPalette *palette,
          const MlrMat2    *m)
{
  MlrColor color = svd_color (palette);
  MlrMat2Svd svd;
  const double dash[] = { 4, 4 };
  double ox = mlr_plot_x (plot, 0), oy = mlr_plot_y (plot, 0);
  double unit = plot->w / (plot->xmax - plot->xmin);
  const char *names[2] = { "σ₁", "σ₂" };

  mlr_mat2_svd (m, &svd);
  if (labels != NULL)
    {
      for (int i = 0; i < 2; i++)
        {
          MlrVec2 u = { i == 0 ? svd.u.a : svd.u.b, i == 0 ? svd.u.c : svd.u.d };
          MlrVec2 tip = { u.x * svd.sigma[i], u.y * svd.sigma[i] };
          char num[32], text[64];
          double x, y;

          to_px (plot, tip, &x, &y);
          mlr_matrix_format_number (svd.sigma[i], TRUE, num, sizeof num);
          g_snprintf (text, sizeof text, "%s = %s", names[i], num);
          mlr_labels_add (labels, cr, palette, &color, text, x + u.x * 10, y - u.y * 10,
                          align_for (u.x), align_for (-u.y), plot);
        }
      return;
    }

  cairo_save (cr);
  /* the unit circle, and the two directions V sends to the axes (right singular vectors) */
  cairo_arc (cr, ox, oy, unit, 0, 2 * G_PI);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1.2);
  mlr_cairo_set_color_alpha (cr, &color, 0.6);
  cairo_stroke (cr);
  for (int i = 0; i < 2; i++)
    {
      MlrVec2 v = { i == 0 ? svd.vt.a : svd.vt.c, i == 0 ? svd.vt.b : svd.vt.d };
      double x, y;
      to_px (plot, v, &x, &y);
      cairo_move_to (cr, ox, oy);
      cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* its image: the ellipse with semi-axes σ₁ u₁ and σ₂ u₂ */
  for (int i = 0; i <= 128; i++)
    {
      double th = 2 * G_PI * i / 128, x, y;
      MlrVec2 p = { cos (th), sin (th) };
      to_px (plot, mlr_mat2_apply (m, p), &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
  cairo_set_line_width (cr, 2.2);
  mlr_cairo_set_color (cr, &color);
  cairo_stroke (cr);

  for (int i = 0; i < 2; i++)
    {
      MlrVec2 u = { i == 0 ? svd.u.a : svd.u.b, i == 0 ? svd.u.c : svd.u.d };
      MlrVec2 tip = { u.x * svd.sigma[i], u.y * svd.sigma[i] };
      double x, y;

      to_px (plot, tip, &x, &y);
      cairo_set_line_width (cr, 2);
      mlr_draw_arrow (cr, ox, oy, x, y, 9);
    }
  cairo_restore (cr);
}

/* With @labels NULL, draws the geometry; otherwise queues the labels only. */
static void
draw_eigen (MlrLabels        *labels,
            cairo_t          *cr,
            const MlrPlot    *plot,
            const MlrPalette *palette,
            const MlrMat2    *m)
{
  MlrMat2Eigen eigen;
  const double dash[] = { 7, 5 };
  double ox = mlr_plot_x (plot, 0), oy = mlr_plot_y (plot, 0);
  MlrColor color = palette->foreground;

  mlr_mat2_eigen (m, &eigen);
  cairo_save (cr);
  for (guint i = 0; i < eigen.n_vectors; i++)
    {
      MlrVec2 v = eigen.vectors[i], origin = { 0, 0 }, a, b;
      double lambda = eigen.values[MIN (i, 1)].re;
      MlrVec2 tip = { v.x * lambda, v.y * lambda };
      char num[32], text[80];
      double x, y, ux, uy;

      if (labels != NULL)
        {
          mlr_matrix_format_number (lambda, TRUE, num, sizeof num);
          if (eigen.n_vectors == 1)
            g_snprintf (text, sizeof text, "λ = %s (repeated)", num);
          else if (eigen.is_repeated)
            g_snprintf (text, sizeof text, "λ = %s", num);
          else
            g_snprintf (text, sizeof text, "λ%s = %s", i == 0 ? "₁" : "₂", num);
          /* past the tip of λv (or of v when λ is small), pointing away from the origin */
          if (fabs (lambda) < 0.5)
            tip = v;
          to_px (plot, tip, &x, &y);
          ux = tip.x >= 0 || fabs (lambda) < 0.5 ? v.x : -v.x;
          uy = tip.x >= 0 || fabs (lambda) < 0.5 ? -v.y : v.y;
          if (lambda < 0 && fabs (lambda) >= 0.5)
            {
              ux = -v.x;
              uy = v.y;
            }
          mlr_labels_add (labels, cr, palette, &color, text, x + ux * 10, y + uy * 10,
                          align_for (ux), align_for (uy), plot);
          continue;
        }

      if (clip_line (plot, origin, v, 0, &a, &b))
        line_to_path (cr, plot, a, b);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.6);
      mlr_cairo_set_color_alpha (cr, &color, 0.7);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* A v = λ v: the image of the unit eigenvector, on the same line */
      to_px (plot, tip, &x, &y);
      cairo_set_line_width (cr, 3);
      mlr_cairo_set_color (cr, &color);
      if (hypot (x - ox, y - oy) > 2)
        mlr_draw_arrow (cr, ox, oy, x, y, 11);
      else
        {
          cairo_arc (cr, ox, oy, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* With @labels NULL, draws the arrow; otherwise queues its label only. */
static void
draw_basis_vector (MlrLabels        *labels,
                   cairo_t          *cr,
                   const MlrPlot    *plot,
                   const MlrPalette *palette,
                   MlrVec2           tip,
                   const MlrColor   *color,
                   const char       *name,
                   gboolean          ring)
{
  double ox = mlr_plot_x (plot, 0), oy = mlr_plot_y (plot, 0), x, y, len, ux, uy;
  char cx[32], cy[32], text[96];

  to_px (plot, tip, &x, &y);
  len = hypot (x - ox, y - oy);
  if (labels != NULL)
    {
      mlr_matrix_format_number (tip.x, TRUE, cx, sizeof cx);
      mlr_matrix_format_number (tip.y, TRUE, cy, sizeof cy);
      g_snprintf (text, sizeof text, "%s (%s, %s)", name, cx, cy);
      if (len > 1)
        {
          ux = (x - ox) / len;
          uy = (y - oy) / len;
        }
      else
        {
          ux = 0.7;
          uy = -0.7;
        }
      mlr_labels_add (labels, cr, palette, color, text, x + ux * 14, y + uy * 14,
                      align_for (ux), align_for (uy), plot);
      return;
    }

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* a halo of the background keeps the arrow readable over the grid and the area */
  cairo_set_line_width (cr, 7);
  mlr_cairo_set_color_alpha (cr, &palette->background, 0.7);
  mlr_draw_arrow (cr, ox, oy, x, y, 16);
  cairo_set_line_width (cr, 3.5);
  mlr_cairo_set_color (cr, color);
  if (len > 1)
    mlr_draw_arrow (cr, ox, oy, x, y, 15);
  cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
  if (ring)
    {
      cairo_arc (cr, x, y, 12, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2);
      mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.8);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* A 2×2 matrix in brackets at (x, y); returns its height. */
static double
draw_bracketed (cairo_t          *cr,
                const MlrPalette *palette,
                const MlrMat2    *m,
                double            x,
                double            y,
                double            scale)
{
  char cells[4][32];
  const double v[4] = { m->a, m->b, m->c, m->d };
  double cw[2] = { 0, 0 }, rh = 0, gap = 14;

  for (int i = 0; i < 4; i++)
    {
      double w, h;
      mlr_matrix_format_number (v[i], TRUE, cells[i], sizeof cells[i]);
      mlr_text_size (cr, palette, cells[i], scale, &w, &h);
      cw[i % 2] = MAX (cw[i % 2], w);
      rh = MAX (rh, h);
    }
  for (int i = 0; i < 4; i++)
    {
      double cx = x + 8 + (i % 2 ? cw[0] + gap : 0) + (i % 2 ? cw[1] : cw[0]);
      mlr_draw_text (cr, palette, &palette->foreground, cells[i], cx, y + (i / 2) * rh, 1, 0,
                     scale);
    }
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  mlr_cairo_set_color (cr, &palette->foreground);
  {
    double right = x + 16 + cw[0] + gap + cw[1], bottom = y + 2 * rh;
    cairo_move_to (cr, x + 5, y);
    cairo_line_to (cr, x + 1, y);
    cairo_line_to (cr, x + 1, bottom);
    cairo_line_to (cr, x + 5, bottom);
    cairo_move_to (cr, right - 4, y);
    cairo_line_to (cr, right, y);
    cairo_line_to (cr, right, bottom);
    cairo_line_to (cr, right - 4, bottom);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
  return 2 * rh;
}

static double
card_row (cairo_t          *cr,
          const MlrPalette *palette,
          const char       *key,
          const char       *value,
          double            x,
          double            y)
{
  double w, h, h2;

  mlr_draw_text (cr, palette, &palette->dim, key, x, y, 0, 0, 0.85);
  mlr_text_size (cr, palette, key, 0.85, &w, &h);
  mlr_draw_text (cr, palette, &palette->foreground, value, x, y + h, 0, 0, 1.0);
  mlr_text_size (cr, palette, value, 1.0, &w, &h2);
  return h + h2 + 8;
}

static void
draw_card (cairo_t              *cr,
           const MlrMatrixLayout *layout,
           const MlrPalette     *palette,
           const MlrMatrixState *state,
           const MlrMat2        *m)
{
  gboolean singular = mlr_mat2_is_singular (m);
  MlrColor fg = palette->foreground, panel, area;
  MlrColor ihat = mlr_matrix_painter_ihat_color (palette);
  MlrColor jhat = mlr_matrix_painter_jhat_color (palette);
  MlrMat2Eigen eigen;
  MlrMat2Svd svd;
  g_autofree char *values = NULL;
  char num[32], num2[32], text[128];
  double x = layout->card_x + 14, y = layout->card_y + 14, h;
  double progress = mlr_matrix_state_get_progress (state);

  fg.a = 1;
  panel = mlr_color_mix (&palette->background, &fg, 0.04);
  cairo_save (cr);
  mlr_rounded_rect_path (cr, layout->card_x + 0.5, layout->card_y + 0.5, layout->card_w,
                         layout->card_h, 12);
  mlr_cairo_set_color (cr, &panel);
  cairo_fill_preserve (cr);
  mlr_cairo_set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (progress < 1)
    {
      mlr_matrix_format_number (progress, FALSE, num, sizeof num);
      g_snprintf (text, sizeof text, "on the way from I to A: t = %s", num);
    }
  else
    g_strlcpy (text, "A =", sizeof text);
  mlr_draw_text (cr, palette, &palette->dim, text, x, y, 0, 0, 0.85);
  y += 20;
  h = draw_bracketed (cr, palette, m, x, y, 1.15);
  y += h + 14;

  /* î and ĵ: the columns */
  for (int i = 0; i < 2; i++)
    {
      MlrColor *c = i == 0 ? &ihat : &jhat;
      mlr_matrix_format_number (i == 0 ? m->a : m->b, TRUE, num, sizeof num);
      mlr_matrix_format_number (i == 0 ? m->c : m->d, TRUE, num2, sizeof num2);
      g_snprintf (text, sizeof text, "%s lands on (%s, %s)", i == 0 ? "î" : "ĵ", num, num2);
      cairo_save (cr);
      mlr_cairo_set_color (cr, c);
      cairo_set_line_width (cr, 3.5);
      cairo_move_to (cr, x, y + 9);
      cairo_line_to (cr, x + 18, y + 9);
      cairo_stroke (cr);
      cairo_restore (cr);
      mlr_draw_text (cr, palette, &palette->foreground, text, x + 26, y, 0, 0, 0.9);
      y += 22;
    }
  y += 8;

  area = mlr_matrix_painter_area_color (palette, singular ? 0 : mlr_mat2_det (m));
  mlr_matrix_format_number (singular ? 0 : mlr_mat2_det (m), TRUE, num, sizeof num);
  g_snprintf (text, sizeof text, "%s%s", num,
              singular ? " (singular)" : mlr_mat2_det (m) < 0 ? " (flipped)" : "");
  cairo_save (cr);
  mlr_cairo_set_color (cr, &area);
  cairo_rectangle (cr, x - 8, y + 2, 3, 34);
  cairo_fill (cr);
  cairo_restore (cr);
  y += card_row (cr, palette, "determinant", text, x, y);

  mlr_mat2_eigen (m, &eigen);
  values = mlr_matrix_format_eigenvalues (&eigen, TRUE);
  y += card_row (cr, palette, eigen.is_complex ? "eigenvalues (no real eigenvectors)"
                                               : "eigenvalues", values, x, y);
  mlr_mat2_svd (m, &svd);
  mlr_matrix_format_number (svd.sigma[0], TRUE, num, sizeof num);
  mlr_matrix_format_number (svd.sigma[1], TRUE, num2, sizeof num2);
  g_snprintf (text, sizeof text, "%s and %s", num, num2);
  y += card_row (cr, palette, "singular values σ₁, σ₂", text, x, y);

  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_INVERSE))
    {
      MlrMat2 inv;
      if (mlr_mat2_inverse (m, &inv, NULL))
        {
          mlr_draw_text (cr, palette, &palette->dim, "inverse A⁻¹", x, y, 0, 0, 0.85);
          y += 18;
          if (y + 40 < layout->card_y + layout->card_h)
            draw_bracketed (cr, palette, &inv, x, y, 1.0);
        }
      else
        card_row (cr, palette, "inverse A⁻¹", "none: det = 0", x, y);
    }
}

static void
draw_notes (MlrLabels            *labels,
            cairo_t              *cr,
            const MlrPlot        *plot,
            const MlrPalette     *palette,
            const MlrMatrixState *state,
            const MlrMat2        *m,
            gboolean              singular,
            gboolean              has_card)
{
  const char *notes[3];
  char *owned[3] = { NULL, NULL, NULL };
  guint n = 0;
  double y = plot->y0 + plot->h - 6;

  if (singular)
    {
      MlrMat2Svd svd;
      mlr_mat2_svd (m, &svd);
      notes[n++] = svd.sigma[0] > 0 ? "singular: squashes the plane onto a line"
                                    : "singular: squashes the plane onto a point";
    }
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN))
    {
      MlrMat2Eigen eigen;
      mlr_mat2_eigen (m, &eigen);
      if (eigen.is_complex)
        {
          g_autofree char *values = mlr_matrix_format_eigenvalues (&eigen, TRUE);
          owned[n] = g_strdup_printf ("no real eigenvectors: eigenvalues %s", values);
          notes[n] = owned[n];
          n++;
        }
    }
  if (!has_card && mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_INVERSE))
    {
      MlrMat2 inv;
      if (mlr_mat2_inverse (m, &inv, NULL))
        {
          g_autofree char *text = mlr_matrix_format_matrix (&inv, TRUE);
          owned[n] = g_strdup_printf ("A⁻¹ = %s", text);
        }
      else
        owned[n] = g_strdup ("no inverse (det = 0)");
      notes[n] = owned[n];
      n++;
    }
  for (guint i = n; i-- > 0;)
    {
      double tw, th;
      mlr_text_size (cr, palette, notes[i], LABEL_SCALE, &tw, &th);
      mlr_labels_add (labels, cr, palette,
                      i == 0 && singular ? &palette->warning : &palette->dim, notes[i],
                      plot->x0 + 8, y, 0, 1, plot);
      y -= th + 10;
    }
  for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
    g_free (owned[i]);
}

/**
 * mlr_matrix_painter_draw:
 * Paints the plane under the state's current matrix (A, or M(t) while animating) into a
 * @width x @height area of @cr, over a background the caller has painted.
 */
void
mlr_matrix_painter_draw (cairo_t              *cr,
                         int                   width,
                         int                   height,
                         const MlrPalette     *palette,
                         const MlrMatrixState *state)
{
  MlrMatrixLayout layout;
  const MlrPlot *plot = &layout.plot;
  MlrMat2 m = mlr_matrix_state_get_current (state);
  gboolean singular = mlr_mat2_is_singular (&m);
  gboolean highlight = mlr_matrix_state_get_highlight (state);
  MlrMatrixVector selected = mlr_matrix_state_get_selected (state);
  MlrColor ihat = mlr_matrix_painter_ihat_color (palette);
  MlrColor jhat = mlr_matrix_painter_jhat_color (palette);
  MlrVec2 col1 = { m.a, m.c }, col2 = { m.b, m.d };
  g_autoptr(MlrLabels) labels = mlr_labels_new (LABEL_SCALE);
  double g;

  if (width < 16 || height < 16)
    return;
  mlr_matrix_painter_layout (width, height, state, &layout);
  g = grid_step (plot);

  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  draw_original_grid (cr, plot, palette, g, mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_GRID));
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_DET))
    draw_area (cr, plot, palette, &m, singular, FALSE);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_GRID))
    draw_warped_grid (cr, plot, palette, &m, g);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_DET))
    draw_area (cr, plot, palette, &m, singular, TRUE);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_POINTS))
    draw_points (cr, plot, palette, state, &m);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_SVD))
    draw_svd (NULL, cr, plot, palette, &m);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN))
    draw_eigen (NULL, cr, plot, palette, &m);
  /* the selected vector last, so it is on top where the two cross */
  for (int i = 0; i < 2; i++)
    {
      gboolean is_i = (i == 1) == (selected == MLR_MATRIX_IHAT);
      draw_basis_vector (NULL, cr, plot, palette, is_i ? col1 : col2, is_i ? &ihat : &jhat,
                         is_i ? "î" : "ĵ", highlight && i == 1);
    }

  /* Labels by importance: notes, then î and ĵ, the area, eigenvalues, singular values; a
   * later one moves aside for an earlier one. */
  for (int i = 0; i < 2; i++)
    {
      double x, y;
      to_px (plot, i == 0 ? col1 : col2, &x, &y);
      mlr_labels_avoid (labels, x, y, 8);
    }
  draw_notes (labels, cr, plot, palette, state, &m, singular, layout.has_card);
  draw_basis_vector (labels, cr, plot, palette, col1, &ihat, "î", FALSE);
  draw_basis_vector (labels, cr, plot, palette, col2, &jhat, "ĵ", FALSE);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_DET))
    label_area (labels, cr, plot, palette, &m, singular);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN))
    draw_eigen (labels, cr, plot, palette, &m);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_SVD))
    draw_svd (labels, cr, plot, palette, &m);
  mlr_labels_draw (labels, cr, palette);
  cairo_restore (cr);

  if (layout.has_card)
    draw_card (cr, &layout, palette, state, &m);
}

/**
 * mlr_matrix_render:
 * The MlrRenderFunc of `ml-roadmap-cli render matrix`: the state from @params, shown at the
 * end of its animation (t = 1, the matrix itself), as the app shows it once it has played.
 */
gboolean
mlr_matrix_render (cairo_t          *cr,
                   int               width,
                   int               height,
                   const MlrPalette *palette,
                   const MlrParams  *params,
                   GError          **error)
{
  g_autoptr(MlrMatrixState) state = mlr_matrix_state_new (params, error);

  if (state == NULL)
    return FALSE;
  mlr_matrix_state_finish (state);
  mlr_matrix_painter_draw (cr, width, height, palette, state);
  return TRUE;
}
