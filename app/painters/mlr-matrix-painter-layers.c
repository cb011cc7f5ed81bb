/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix painter's layers: the original and the warped grid, the unit square and its
 * image, the point cloud, the singular-value ellipse, the eigenvector lines and î and ĵ —
 * each drawn, or, given an MlrLabels, only its label queued.
 */
#include "config.h"

#include "mlr-matrix-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>

/* At most this many warped grid lines per family (denser families skip to every 2nd, 5th..) */
#define MAX_WARPED_LINES 24
/* ...and no closer together than this many pixels */
#define MIN_LINE_GAP 8.0

static MlrColor
svd_color (const MlrPalette *palette)
{
  return palette->classes[3];   /* reddish purple */
}

void
mlr_matrix_to_px (const MlrPlot *plot,
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

  mlr_matrix_to_px (plot, a, &x, &y);
  cairo_move_to (cr, x, y);
  mlr_matrix_to_px (plot, b, &x, &y);
  cairo_line_to (cr, x, y);
}

/* ---- the layers */

void
mlr_matrix_draw_original_grid (cairo_t          *cr,
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
void
mlr_matrix_draw_warped_grid (cairo_t          *cr,
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
      mlr_matrix_to_px (plot, corners[i], &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

void
mlr_matrix_draw_area (cairo_t          *cr,
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

void
mlr_matrix_label_area (MlrLabels        *labels,
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
      mlr_matrix_to_px (plot, centre, &x, &y);
      mlr_labels_add (labels, cr, palette, &color, text, x, y, 0.5, 0.5, plot);
    }
  else
    {
      /* too thin to hold its label: put it beside the far corner */
      mlr_matrix_to_px (plot, hypot (far.x, far.y) > 1e-9 ? far : centre, &x, &y);
      mlr_labels_add (labels, cr, palette, &color, text, x + 12, y + 12, 0, 0, plot);
    }
}

void
mlr_matrix_draw_points (cairo_t              *cr,
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
      mlr_matrix_to_px (plot, mlr_mat2_apply (m, pts[i]), &x, &y);
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
void
mlr_matrix_draw_svd (MlrLabels        *labels,
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

          mlr_matrix_to_px (plot, tip, &x, &y);
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
      mlr_matrix_to_px (plot, v, &x, &y);
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
      mlr_matrix_to_px (plot, mlr_mat2_apply (m, p), &x, &y);
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

      mlr_matrix_to_px (plot, tip, &x, &y);
      cairo_set_line_width (cr, 2);
      mlr_draw_arrow (cr, ox, oy, x, y, 9);
    }
  cairo_restore (cr);
}

/* With @labels NULL, draws the geometry; otherwise queues the labels only. */
void
mlr_matrix_draw_eigen (MlrLabels        *labels,
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
      char num[32], text[160];
      double x, y, ux, uy;

      if (labels != NULL)
        {
          mlr_matrix_format_number (lambda, TRUE, num, sizeof num);
          if (eigen.n_vectors == 1)
            /* Translators: the label of the only eigenvector line of a matrix whose two
             * eigenvalues are equal */
            g_snprintf (text, sizeof text, _("λ = %s (repeated)"), num);
          else if (eigen.is_repeated)
            g_snprintf (text, sizeof text, "λ = %s", num);
          else
            g_snprintf (text, sizeof text, "λ%s = %s", i == 0 ? "₁" : "₂", num);
          /* past the tip of λv (or of v when λ is small), pointing away from the origin */
          if (fabs (lambda) < 0.5)
            tip = v;
          mlr_matrix_to_px (plot, tip, &x, &y);
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
      mlr_matrix_to_px (plot, tip, &x, &y);
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
void
mlr_matrix_draw_basis_vector (MlrLabels        *labels,
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

  mlr_matrix_to_px (plot, tip, &x, &y);
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
