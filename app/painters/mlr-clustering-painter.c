/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-clustering-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MAX_POLY (4 + 2 * MLR_CLUSTERING_MAX_K)

/* The colour of cluster @label (Okabe-Ito, repeating after 8); noise and unassigned: dim. */
MlrColor
mlr_clustering_color (const MlrPalette *palette,
                      int               label)
{
  if (label < 0)
    return palette->dim;
  return palette->classes[label % MLR_PALETTE_N_CLASSES];
}

void
mlr_clustering_painter_layout (int                       width,
                               int                       height,
                               const MlrClusteringState *state,
                               MlrClusteringLayout      *L)
{
  double xmin, xmax, ymin, ymax;
  double top = 30, pad = 10, left = 44, bottom = 34;

  mlr_clustering_state_get_bounds (state, &xmin, &xmax, &ymin, &ymax);
  L->stacked = width < 560;
  L->status_x = pad;
  L->status_y = 8;
  if (!L->stacked)
    {
      double sw = floor (width * 0.62);
      double cx = sw + left, cw = width - cx - pad;
      double ch = (height - top - 2 * bottom - 16) / 2;

      mlr_plot_init (&L->scatter, pad, top, sw - 2 * pad, height - top - pad, xmin, xmax,
                     ymin, ymax, TRUE);
      mlr_plot_init (&L->elbow, cx, top + 14, cw, ch - 14, 0.5, MLR_CLUSTERING_MAX_K + 0.5, 0,
                     1, FALSE);
      mlr_plot_init (&L->silhouette, cx, top + ch + bottom + 28, cw, ch - 14, 0.5,
                     MLR_CLUSTERING_MAX_K + 0.5, 0, 1, FALSE);
    }
  else
    {
      double sh = floor (height * 0.58);
      double ch = height - sh - 2 * bottom - 14;
      double cw = (width - 2 * left - 2 * pad) / 2;

      mlr_plot_init (&L->scatter, pad, top, width - 2 * pad, sh - top, xmin, xmax, ymin, ymax,
                     TRUE);
      mlr_plot_init (&L->elbow, left, sh + 30, cw, ch - 16, 0.5, MLR_CLUSTERING_MAX_K + 0.5, 0,
                     1, FALSE);
      mlr_plot_init (&L->silhouette, 2 * left + cw + pad, sh + 30, cw, ch - 16, 0.5,
                     MLR_CLUSTERING_MAX_K + 0.5, 0, 1, FALSE);
    }
}

/* The centroid within 12 px of (@x, @y), or −1. */
int
mlr_clustering_painter_hit_centroid (const MlrClusteringLayout *L,
                                     const MlrClusteringState  *state,
                                     double                     x,
                                     double                     y)
{
  const MlrKMeans *km = mlr_clustering_state_get_kmeans (state);
  const double *c = mlr_kmeans_get_centroids (km);
  int best = -1;
  double best_d = 12 * 12;

  if (mlr_clustering_state_get_algorithm (state) != MLR_CLUSTERING_KMEANS)
    return -1;
  for (guint j = 0; j < mlr_kmeans_get_k (km); j++)
    {
      double dx = mlr_plot_x (&L->scatter, c[2 * j]) - x;
      double dy = mlr_plot_y (&L->scatter, c[2 * j + 1]) - y;
      if (dx * dx + dy * dy <= best_d)
        {
          best_d = dx * dx + dy * dy;
          best = (int) j;
        }
    }
  return best;
}

static void
format_number (double v,
               char  *buf,
               gsize  size)
{
  if (v != 0 && (fabs (v) >= 1e5 || fabs (v) < 1e-3))
    g_snprintf (buf, size, "%.3g", v);
  else if (fabs (v) >= 100)
    g_snprintf (buf, size, "%.1f", v);
  else
    g_snprintf (buf, size, "%.3f", v);
}

/**
 * mlr_clustering_status:
 * The status line: "Step 3: points assigned · inertia 412.6 · silhouette 0.512",
 * "Converged after 5 iterations · …", "3 clusters, 12 noise points · silhouette 0.45".
 */
char *
mlr_clustering_status (const MlrClusteringState *state)
{
  char inertia[32], sil[32];

  format_number (mlr_clustering_state_get_inertia (state), inertia, sizeof inertia);
  g_snprintf (sil, sizeof sil, "%.3f", mlr_clustering_state_get_silhouette (state));
  if (mlr_clustering_state_get_algorithm (state) == MLR_CLUSTERING_DBSCAN)
    {
      const MlrDbscanResult *db = mlr_clustering_state_get_dbscan (state);
      g_autofree char *clusters = g_strdup_printf (ngettext ("%u cluster", "%u clusters",
                                                             db->n_clusters), db->n_clusters);
      return g_strdup_printf (_("%s, %" G_GSIZE_FORMAT " core, %" G_GSIZE_FORMAT " border, %"
                                G_GSIZE_FORMAT " noise points · silhouette %s"),
                              clusters, db->n_core, db->n_border, db->n_noise, sil);
    }
  else
    {
      const MlrKMeans *km = mlr_clustering_state_get_kmeans (state);
      guint steps = mlr_clustering_state_get_steps (state);

      if (mlr_kmeans_is_converged (km))
        return g_strdup_printf (_("Converged after %u iterations · inertia %s · silhouette %s"),
                                mlr_kmeans_get_iteration (km), inertia, sil);
      if (steps == 0)
        return g_strdup_printf (_("k-means++ start: %u centroids · inertia %s"),
                                mlr_kmeans_get_k (km), inertia);
      if (mlr_kmeans_get_phase (km) == MLR_KMEANS_PHASE_UPDATE)
        return g_strdup_printf (_("Step %u: points assigned to the nearest centroid · inertia "
                                  "%s · silhouette %s"), steps, inertia, sil);
      return g_strdup_printf (_("Step %u: centroids moved to their means · inertia %s"), steps,
                              inertia);
    }
}

/* Clips convex polygon @p (@n vertices) to the half-plane a·x + b·y ≤ c. */
static guint
clip (double *p,
      guint   n,
      double  a,
      double  b,
      double  c)
{
  double out[2 * MAX_POLY];
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      const double *s = p + 2 * i, *e = p + 2 * ((i + 1) % n);
      double fs = a * s[0] + b * s[1] - c, fe = a * e[0] + b * e[1] - c;

      if (fs <= 0 && m < MAX_POLY)
        {
          out[2 * m] = s[0];
          out[2 * m + 1] = s[1];
          m++;
        }
      if ((fs < 0 && fe > 0) || (fs > 0 && fe < 0))
        {
          double t = fs / (fs - fe);
          if (m < MAX_POLY)
            {
              out[2 * m] = s[0] + t * (e[0] - s[0]);
              out[2 * m + 1] = s[1] + t * (e[1] - s[1]);
              m++;
            }
        }
    }
  memcpy (p, out, 2 * m * sizeof (double));
  return m;
}

/* Each centroid's Voronoi cell, in pixels: the plot rectangle cut by the bisectors. */
static void
draw_voronoi (cairo_t          *cr,
              const MlrPalette *palette,
              const MlrPlot    *plot,
              const MlrKMeans  *km)
{
  const double *c = mlr_kmeans_get_centroids (km);
  guint k = mlr_kmeans_get_k (km);

  for (guint i = 0; i < k; i++)
    {
      double poly[2 * MAX_POLY] = { plot->x0, plot->y0, plot->x0 + plot->w, plot->y0,
                                    plot->x0 + plot->w, plot->y0 + plot->h, plot->x0,
                                    plot->y0 + plot->h };
      guint n = 4;
      double xi = mlr_plot_x (plot, c[2 * i]), yi = mlr_plot_y (plot, c[2 * i + 1]);
      MlrColor color = mlr_clustering_color (palette, (int) i);

      for (guint j = 0; j < k && n > 0; j++)
        {
          double xj = mlr_plot_x (plot, c[2 * j]), yj = mlr_plot_y (plot, c[2 * j + 1]);
          if (j == i || (xi == xj && yi == yj))
            continue;
          /* nearer to i than to j: (pj − pi)·x ≤ (|pj|² − |pi|²)/2 */
          n = clip (poly, n, xj - xi, yj - yi,
                    0.5 * (xj * xj + yj * yj - xi * xi - yi * yi));
        }
      if (n < 3)
        continue;
      cairo_move_to (cr, poly[0], poly[1]);
      for (guint v = 1; v < n; v++)
        cairo_line_to (cr, poly[2 * v], poly[2 * v + 1]);
      cairo_close_path (cr);
      mlr_cairo_set_color_alpha (cr, &color, palette->dark ? 0.16 : 0.12);
      cairo_fill_preserve (cr);
      mlr_cairo_set_color_alpha (cr, &palette->dim, 0.5);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

static void
draw_points (cairo_t                  *cr,
             const MlrPalette         *palette,
             const MlrPlot            *plot,
             const MlrClusteringState *state)
{
  guint n = mlr_clustering_state_get_n_points (state);
  const double *xy = mlr_clustering_state_get_points (state);
  const int *labels = mlr_clustering_state_get_labels (state);
  const MlrDbscanResult *db = mlr_clustering_state_get_algorithm (state) == MLR_CLUSTERING_DBSCAN
                              ? mlr_clustering_state_get_dbscan (state) : NULL;
  double r = n > 800 ? 2.5 : n > 300 ? 3 : 3.5;

  cairo_set_line_width (cr, 1.2);
  if (db != NULL)
    {
      /* the eps circles of the core points, faint */
      double er = mlr_clustering_state_get_eps (state) * plot->w / (plot->xmax - plot->xmin);
      /* The union of each cluster's core discs, rasterised by hand at a reduced resolution
       * (a path of 1500 overlapping circles takes cairo's tessellator tens of milliseconds):
       * a cluster number per pixel, then one tinted image scaled up. The faint tint's edge
       * is soft anyway, so large discs go coarser: 2 to 4 pixels a cell, about 8 cells in a
       * disc's radius, which bounds the pixels written however large eps is. */
      double f = CLAMP (floor (er / 8), 2, 4);
      int w = (int) ceil (plot->w / f) + 1, h = (int) ceil (plot->h / f) + 1;
      cairo_surface_t *tint = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      guint32 *px = (guint32 *) cairo_image_surface_get_data (tint);
      int stride = cairo_image_surface_get_stride (tint) / 4;
      guint32 argb[MLR_PALETTE_N_CLASSES];
      double alpha = palette->dark ? 0.14 : 0.10;
      double hr = er / f;

      for (guint c = 0; c < MLR_PALETTE_N_CLASSES; c++)
        {
          const MlrColor *k = &palette->classes[c];
          guint32 a = (guint32) round (alpha * 255);
          argb[c] = a << 24 | (guint32) round (k->r * alpha * 255) << 16 |
                    (guint32) round (k->g * alpha * 255) << 8 | (guint32) round (k->b * alpha * 255);
        }
      cairo_surface_flush (tint);
      for (int y = 0; y < h; y++)
        memset (px + (gsize) y * stride, 0, (gsize) w * 4);
      for (guint i = 0; i < n; i++)
        if (db->roles[i] == MLR_DBSCAN_ROLE_CORE)
          {
            double cx = (mlr_plot_x (plot, xy[2 * i]) - plot->x0) / f;
            double cy = (mlr_plot_y (plot, xy[2 * i + 1]) - plot->y0) / f;
            guint32 v = argb[labels[i] % MLR_PALETTE_N_CLASSES];
            int y0 = MAX (0, (int) floor (cy - hr)), y1 = MIN (h - 1, (int) ceil (cy + hr));

            for (int y = y0; y <= y1; y++)
              {
                double dy = y + 0.5 - cy, half = hr * hr - dy * dy;
                int x0, x1;
                if (half < 0)
                  continue;
                half = sqrt (half);
                x0 = MAX (0, (int) ceil (cx - half - 0.5));
                x1 = MIN (w - 1, (int) floor (cx + half - 0.5));
                for (int x = x0; x <= x1; x++)
                  px[(gsize) y * stride + x] = v;
              }
          }
      cairo_surface_mark_dirty (tint);
      cairo_save (cr);
      cairo_translate (cr, plot->x0, plot->y0);
      cairo_scale (cr, f, f);
      cairo_set_source_surface (cr, tint, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (tint);
    }
  /* one path per colour and kind of mark: a few fills instead of one per point */
  {
    int max_label = -1;
    g_autofree double *centres = g_new (double, 2 * (gsize) MAX (n, 1));

    for (guint i = 0; i < n; i++)
      max_label = MAX (max_label, labels[i]);
    for (int l = -1; l <= max_label; l++)
      {
        MlrColor color = mlr_clustering_color (palette, l);
        gboolean any_border = FALSE, any_noise = FALSE;
        gsize m = 0;

        for (guint i = 0; i < n; i++)
          if (labels[i] == l && (db == NULL || db->roles[i] == MLR_DBSCAN_ROLE_CORE))
            {
              centres[2 * m] = mlr_plot_x (plot, xy[2 * i]);
              centres[2 * m + 1] = mlr_plot_y (plot, xy[2 * i + 1]);
              m++;
            }
          else if (labels[i] == l)
            {
              any_border |= db->roles[i] == MLR_DBSCAN_ROLE_BORDER;
              any_noise |= db->roles[i] == MLR_DBSCAN_ROLE_NOISE;
            }
        mlr_cairo_set_color (cr, &color);
        mlr_fill_discs (cr, centres, m, l < 0 ? r * 0.8 : r);
        if (any_border)
          {
            for (guint i = 0; i < n; i++)
              if (labels[i] == l && db->roles[i] == MLR_DBSCAN_ROLE_BORDER)
                {
                  cairo_new_sub_path (cr);
                  cairo_arc (cr, mlr_plot_x (plot, xy[2 * i]), mlr_plot_y (plot, xy[2 * i + 1]),
                             r, 0, 2 * G_PI);
                }
            mlr_cairo_set_color (cr, &palette->background);
            cairo_fill_preserve (cr);
            mlr_cairo_set_color (cr, &color);
            cairo_stroke (cr);
          }
        if (any_noise)
          {
            for (guint i = 0; i < n; i++)
              if (labels[i] == l && db->roles[i] == MLR_DBSCAN_ROLE_NOISE)
                {
                  double px = mlr_plot_x (plot, xy[2 * i]), py = mlr_plot_y (plot, xy[2 * i + 1]);
                  cairo_move_to (cr, px - r, py - r);
                  cairo_line_to (cr, px + r, py + r);
                  cairo_move_to (cr, px - r, py + r);
                  cairo_line_to (cr, px + r, py - r);
                }
            mlr_cairo_set_color (cr, &palette->dim);
            cairo_stroke (cr);
          }
      }
  }
}

static void
draw_centroids (cairo_t                  *cr,
                const MlrPalette         *palette,
                const MlrPlot            *plot,
                const MlrClusteringState *state,
                int                       selected)
{
  const MlrKMeans *km = mlr_clustering_state_get_kmeans (state);
  const double *c = mlr_kmeans_get_centroids (km);
  const double *prev = mlr_clustering_state_get_previous_centroids (state);
  guint k = mlr_kmeans_get_k (km);

  for (guint j = 0; j < k; j++)
    {
      double x = mlr_plot_x (plot, c[2 * j]), y = mlr_plot_y (plot, c[2 * j + 1]);
      double x0 = mlr_plot_x (plot, prev[2 * j]), y0 = mlr_plot_y (plot, prev[2 * j + 1]);
      MlrColor color = mlr_clustering_color (palette, (int) j);
      double s = (int) j == selected ? 10 : 8;

      if (hypot (x - x0, y - y0) > 3)
        {
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_line_width (cr, 1.5);
          mlr_draw_arrow (cr, x0, y0, x, y, 7);
        }
      /* a filled diamond with a ring of the foreground colour */
      cairo_move_to (cr, x, y - s);
      cairo_line_to (cr, x + s, y);
      cairo_line_to (cr, x, y + s);
      cairo_line_to (cr, x - s, y);
      cairo_close_path (cr);
      mlr_cairo_set_color (cr, &color);
      cairo_fill_preserve (cr);
      mlr_cairo_set_color (cr, &palette->foreground);
      cairo_set_line_width (cr, (int) j == selected ? 3 : 2);
      cairo_stroke (cr);
    }
}

/* A line chart of @values[k − 1] for k = @from .. MAX_K, the current k ringed, the best
 * (lowest with @lowest, else highest) marked. */
static void
draw_chart (cairo_t          *cr,
            const MlrPalette *palette,
            MlrPlot          *plot,
            const double     *values,
            guint             from,
            guint             current,
            gboolean          silhouette,
            const char       *title)
{
  double lo = silhouette ? 0 : 0, hi = silhouette ? 1 : 0;
  guint best = 0;

  for (guint k = from; k <= MLR_CLUSTERING_MAX_K; k++)
    {
      hi = MAX (hi, values[k - 1]);
      lo = MIN (lo, values[k - 1]);
      if (silhouette && (best == 0 || values[k - 1] > values[best - 1]))
        best = k;
    }
  if (!(hi > lo))
    hi = lo + 1;
  plot->ymin = lo;
  plot->ymax = hi * 1.05;
  mlr_plot_draw_axes (cr, plot, palette, _("k"), NULL, TRUE);
  mlr_draw_text (cr, palette, &palette->foreground, title, plot->x0, plot->y0 - 4, 0, 1, 1);

  cairo_new_path (cr);
  cairo_set_line_width (cr, 2);
  mlr_cairo_set_color (cr, &palette->accent);
  for (guint k = from; k <= MLR_CLUSTERING_MAX_K; k++)
    {
      double x = mlr_plot_x (plot, k), y = mlr_plot_y (plot, values[k - 1]);
      if (k == from)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint k = from; k <= MLR_CLUSTERING_MAX_K; k++)
    {
      double x = mlr_plot_x (plot, k), y = mlr_plot_y (plot, values[k - 1]);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, k == current ? 6 : 3, 0, 2 * G_PI);
      if (k == current)
        {
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_line_width (cr, 2.5);
          cairo_stroke (cr);
        }
      else
        {
          mlr_cairo_set_color (cr, &palette->accent);
          cairo_fill (cr);
        }
    }
  if (best > 0)
    {
      char buf[64];
      g_snprintf (buf, sizeof buf, _("best k = %u"), best);
      /* inside the chart's top right, under the title, so a narrow chart's title keeps its
       * room */
      mlr_draw_text (cr, palette, &palette->dim, buf, plot->x0 + plot->w - 4, plot->y0 + 4, 1,
                     0, 0.9);
    }
}

/**
 * mlr_clustering_painter_draw:
 * @selected: the centroid being dragged or chosen with the keyboard, or −1
 */
void
mlr_clustering_painter_draw (cairo_t                  *cr,
                             int                       width,
                             int                       height,
                             const MlrPalette         *palette,
                             const MlrClusteringState *state,
                             int                       selected)
{
  MlrClusteringLayout L;
  g_autofree char *status = mlr_clustering_status (state);
  gboolean km = mlr_clustering_state_get_algorithm (state) == MLR_CLUSTERING_KMEANS;

  mlr_clustering_painter_layout (width, height, state, &L);
  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);

  cairo_save (cr);
  mlr_plot_clip (cr, &L.scatter);
  if (km && mlr_clustering_state_get_steps (state) > 0)
    draw_voronoi (cr, palette, &L.scatter, mlr_clustering_state_get_kmeans (state));
  draw_points (cr, palette, &L.scatter, state);
  if (km)
    draw_centroids (cr, palette, &L.scatter, state, selected);
  cairo_restore (cr);
  cairo_rectangle (cr, L.scatter.x0 + 0.5, L.scatter.y0 + 0.5, L.scatter.w - 1, L.scatter.h - 1);
  mlr_cairo_set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  mlr_draw_text (cr, palette, &palette->foreground, status, L.status_x, L.status_y, 0, 0, 1);

  if (km)
    {
      guint k = mlr_kmeans_get_k (mlr_clustering_state_get_kmeans (state));
      draw_chart (cr, palette, &L.elbow, mlr_clustering_state_get_elbow_inertia (state), 1, k,
                  FALSE, _("Elbow: inertia against k"));
      draw_chart (cr, palette, &L.silhouette, mlr_clustering_state_get_elbow_silhouette (state),
                  2, k, TRUE, _("Silhouette against k"));
    }
  else
    {
      /* the legend of the roles */
      const MlrDbscanResult *db = mlr_clustering_state_get_dbscan (state);
      double x = L.elbow.x0 - (L.stacked ? 30 : 20), y = L.elbow.y0;
      char buf[160];
      MlrColor c0 = mlr_clustering_color (palette, 0);

      mlr_draw_text (cr, palette, &palette->foreground, _("DBSCAN"), x, y - 4, 0, 1, 1.1);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + 6, y + 14, 4, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &c0);
      cairo_fill (cr);
      g_snprintf (buf, sizeof buf, _("core points: %" G_GSIZE_FORMAT), db->n_core);
      mlr_draw_text (cr, palette, &palette->foreground, buf, x + 18, y + 14, 0, 0.5, 1);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + 6, y + 38, 3, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &palette->background);
      cairo_fill_preserve (cr);
      mlr_cairo_set_color (cr, &c0);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      g_snprintf (buf, sizeof buf, _("border points: %" G_GSIZE_FORMAT), db->n_border);
      mlr_draw_text (cr, palette, &palette->foreground, buf, x + 18, y + 38, 0, 0.5, 1);
      mlr_cairo_set_color (cr, &palette->dim);
      cairo_move_to (cr, x + 3, y + 59);
      cairo_line_to (cr, x + 9, y + 65);
      cairo_move_to (cr, x + 3, y + 65);
      cairo_line_to (cr, x + 9, y + 59);
      cairo_stroke (cr);
      g_snprintf (buf, sizeof buf, _("noise points: %" G_GSIZE_FORMAT), db->n_noise);
      mlr_draw_text (cr, palette, &palette->foreground, buf, x + 18, y + 62, 0, 0.5, 1);
      g_snprintf (buf, sizeof buf, _("eps = %.2f (the faint discs)"), db->eps);
      mlr_draw_text (cr, palette, &palette->dim, buf, x, y + 90, 0, 0.5, 1);
      g_snprintf (buf, sizeof buf, _("core: ≥ %u points within eps"), db->min_samples);
      mlr_draw_text (cr, palette, &palette->dim, buf, x, y + 110, 0, 0.5, 1);
    }
}
