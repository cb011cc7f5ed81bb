/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary painter's network view (view=network, an mlp): beside or below the
 * plane, one column per layer — the two inputs, each hidden layer, the outputs — and each unit
 * a small map of its output over the same plane as the main picture (the result's
 * MlrMlpNetwork, evaluated on a coarse raster by the fitting thread). Inputs and hidden units
 * are drawn in a diverging scale around 0, each map scaled to its own largest |value|:
 * orange where the unit is positive, blue where negative, the background at 0; an output map
 * is shaded like the plane (the class colours, stronger the surer). Lines join the units of
 * neighbouring layers: orange for a positive weight, blue for a negative one, wider and
 * more opaque the larger |w| is against the largest shown weight. A layer with more units
 * than fit shows its first ones and says how many more there are.
 *
 * The maps' small images are kept in the painter cache and rebuilt only when a new result
 * (or theme) arrives, so a frame scales a few dozen 24-cell images and strokes the edges.
 */
#include "config.h"

#include "mlr-boundary-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MAX_TILE    72    /* a unit's map, at most this tall */
#define MIN_TILE    10
#define TILE_GAP    0.3   /* between the maps of a column, in map heights */
#define EDGE_MIN_W  0.6   /* px: the weakest edge */
#define EDGE_MAX_W  5.0   /* px: the strongest shown edge */
#define TEXT_SCALE  0.95  /* 11.4 px with the default 12 px labels */

struct _MlrBoundaryNetworkCache
{
  guint64          serial;
  gboolean         valid;
  MlrColor         background;
  MlrColor         pos, neg;
  MlrColor         classes[MLR_PALETTE_N_CLASSES];
  guint            n_maps;
  cairo_surface_t *maps[MLR_MLP_NETWORK_MAX_LAYERS * MLR_MLP_NETWORK_MAX_SHOWN];
  guint            builds;
};

void
mlr_boundary_network_cache_free (MlrBoundaryNetworkCache *cache)
{
  if (cache == NULL)
    return;
  for (guint m = 0; m < cache->n_maps; m++)
    g_clear_pointer (&cache->maps[m], cairo_surface_destroy);
  g_free (cache);
}

/* ---------------------------------------------------------------- colours */

/* Positive weights and outputs in class 1's colour, negative in class 0's: with two classes,
 * what pushes towards class 1 has its colour. */
MlrColor
mlr_boundary_network_sign_color (const MlrPalette *palette,
                                 double            value)
{
  MlrColor c = palette->classes[value >= 0 ? 1 : 0];

  c.a = 1;
  return c;
}

/* The width of the line of weight @w when the strongest shown weight is @max_abs. */
double
mlr_boundary_network_edge_width (double w,
                                 double max_abs)
{
  double t = max_abs > 0 && isfinite (w) ? CLAMP (fabs (w) / max_abs, 0, 1) : 0;

  return EDGE_MIN_W + (EDGE_MAX_W - EDGE_MIN_W) * t;
}

static guint32
argb (const MlrColor *c)
{
  return 0xff000000u | ((guint32) round (CLAMP (c->r, 0, 1) * 255) << 16) |
         ((guint32) round (CLAMP (c->g, 0, 1) * 255) << 8) |
         (guint32) round (CLAMP (c->b, 0, 1) * 255);
}

static gboolean
same_color (const MlrColor *a,
            const MlrColor *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b;
}

/* One small image per shown unit, at the raster's resolution. */
static void
build_maps (MlrBoundaryNetworkCache *cache,
            const MlrPalette        *palette,
            const MlrBoundaryResult *r)
{
  const MlrMlpNetwork *net = r->network;
  MlrColor bg = mlr_boundary_opaque (palette->background);
  MlrColor pos = mlr_boundary_network_sign_color (palette, 1);
  MlrColor neg = mlr_boundary_network_sign_color (palette, -1);
  guint gw = net->grid.width, gh = net->grid.height, out = net->n_layers - 1, m = 0;

  for (guint i = 0; i < cache->n_maps; i++)
    g_clear_pointer (&cache->maps[i], cairo_surface_destroy);
  cache->n_maps = 0;
  for (guint l = 0; l < net->n_layers; l++)
    for (guint u = 0; u < net->shown[l]; u++, m++)
      {
        cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, gw, gh);
        float max_abs;
        const float *map = mlr_mlp_network_map (net, l, u, &max_abs);
        guint8 *data;
        int stride;

        cairo_surface_flush (s);
        data = cairo_image_surface_get_data (s);
        stride = cairo_image_surface_get_stride (s);
        for (guint j = 0; j < gh; j++)
          {
            guint32 *row = (guint32 *) (data + (gsize) j * stride);
            for (guint i = 0; i < gw; i++)
              {
                double v = map[(gsize) j * gw + i];
                MlrColor c;

                if (l == out)
                  {
                    /* the probability of one class, shaded as the plane is */
                    if (net->n_classes == 2)
                      c = mlr_boundary_shade_color (palette, v >= 0.5, MAX (v, 1 - v), 2);
                    else
                      c = mlr_boundary_shade_color (palette, u, v, net->n_classes);
                  }
                else
                  {
                    double t = max_abs > 0 ? CLAMP (v / max_abs, -1, 1) : 0;
                    c = mlr_color_mix (&bg, t >= 0 ? &pos : &neg, 0.85 * fabs (t));
                  }
                row[i] = argb (&c);
              }
          }
        cairo_surface_mark_dirty (s);
        cache->maps[m] = s;
      }
  cache->n_maps = m;
  cache->serial = r->serial;
  cache->background = bg;
  cache->pos = pos;
  cache->neg = neg;
  memcpy (cache->classes, palette->classes, sizeof cache->classes);
  cache->valid = TRUE;
  cache->builds++;
}

static void
ensure_maps (MlrBoundaryPainterCache *pcache,
             const MlrPalette        *palette,
             const MlrBoundaryResult *r)
{
  MlrBoundaryNetworkCache *cache;
  MlrColor bg = mlr_boundary_opaque (palette->background);

  if (pcache->network == NULL)
    pcache->network = g_new0 (MlrBoundaryNetworkCache, 1);
  cache = pcache->network;
  if (cache->valid && cache->serial == r->serial && same_color (&cache->background, &bg) &&
      memcmp (cache->classes, palette->classes, sizeof cache->classes) == 0)
    return;
  build_maps (cache, palette, r);
}

/* How many times the maps were rebuilt (the benchmark and tests check they are reused). */
guint
mlr_boundary_network_cache_get_builds (const MlrBoundaryPainterCache *cache)
{
  return cache->network ? cache->network->builds : 0;
}

/* ---------------------------------------------------------------- layout */

/**
 * mlr_boundary_network_carve:
 * Takes the network's room out of the plane's area (@x, @y, @w, @h): the right part when the
 * area is wide, the bottom part (under the plane's x axis, @axis_b) when it is tall.
 */
void
mlr_boundary_network_carve (double          *x,
                            double          *y,
                            double          *w,
                            double          *h,
                            double           axis_b,
                            MlrBoundaryRect *network)
{
  const double gap = 12;

  if (*w >= *h * 1.1)
    {
      double nw = round (CLAMP (*w * 0.42, 200, 460));
      *w -= nw + gap;
      *network = (MlrBoundaryRect) { *x + *w + gap, *y, nw, *h + axis_b };
    }
  else
    {
      double nh = round (CLAMP (*h * 0.5, 170, 400));
      *h -= nh + axis_b + gap;
      *network = (MlrBoundaryRect) { *x - 30, *y + *h + axis_b + gap, *w + 30, nh };
    }
}

static const char *
layer_title (const MlrMlpNetwork *net,
             guint                l,
             char                *buf,
             gsize                size)
{
  if (l == 0)
    return _("Input");
  if (l + 1 == net->n_layers)
    return _("Output");
  if (net->n_layers == 3)
    return _("Hidden");
  /* Translators: a column of the network view, e.g. "Hidden 2" */
  g_snprintf (buf, size, _("Hidden %u"), l);
  return buf;
}

static char *
unit_label (const MlrMlpNetwork *net,
            guint                l,
            guint                u)
{
  if (l == 0)
    return g_strdup (u == 0 ? "x₁" : "x₂");
  if (l + 1 == net->n_layers)
    /* Translators: an output unit of the network view: the probability of a class */
    return g_strdup_printf (_("P(%u)"), net->n_classes == 2 ? 1 : u);
  return NULL;
}

/**
 * mlr_boundary_network_geometry:
 * Where each column and each shown unit's map goes in @R (see #MlrBoundaryNetworkGeometry).
 */
void
mlr_boundary_network_geometry (cairo_t                    *cr,
                               const MlrPalette           *palette,
                               const MlrMlpNetwork        *net,
                               const MlrBoundaryRect      *R,
                               MlrBoundaryNetworkGeometry *G)
{
  double lh = mlr_text_line_height (palette, TEXT_SCALE);
  double aspect = (double) net->grid.width / MAX (net->grid.height, 1);
  double left_w = 0, right_w = 0, th, tw, avail_h, span, top;
  guint n = net->n_layers, tallest = 1;

  memset (G, 0, sizeof *G);
  G->n_layers = n;
  G->header_h = 2 * lh + 4;
  G->footer_h = 2 * lh + 6;
  for (guint l = 0; l < n; l++)
    tallest = MAX (tallest, net->shown[l]);
  /* room for x₁ x₂ on the left and P(…) on the right */
  for (guint u = 0; u < net->shown[0]; u++)
    {
      g_autofree char *s = unit_label (net, 0, u);
      double tw_, th_;
      mlr_text_size (cr, palette, s, TEXT_SCALE, &tw_, &th_);
      left_w = MAX (left_w, tw_ + 4);
    }
  for (guint u = 0; u < net->shown[n - 1]; u++)
    {
      g_autofree char *s = unit_label (net, n - 1, u);
      double tw_, th_;
      mlr_text_size (cr, palette, s, TEXT_SCALE, &tw_, &th_);
      right_w = MAX (right_w, tw_ + 4);
    }

  /* the maps: as tall as the tallest column allows, and narrow enough that the edges between
   * columns stay longer than the maps are wide */
  avail_h = R->h - G->header_h - G->footer_h - lh;   /* lh: "+N more" under a column */
  th = avail_h / (tallest + (tallest - 1) * TILE_GAP);
  span = R->w - left_w - right_w;
  tw = MIN (th * aspect, span / (n + (n - 1) * 1.4));
  th = floor (MIN (MIN (tw / aspect, th), MAX_TILE));
  th = MAX (th, MIN_TILE);
  tw = round (th * aspect);
  G->tile_w = tw;
  G->tile_h = th;
  G->gap = round (th * TILE_GAP);
  /* the tallest column centred in the room, the titles right above it */
  {
    double block_h = tallest * th + (tallest - 1) * G->gap;
    top = round (R->y + G->header_h + (avail_h - block_h) / 2);
    G->title_y = top - G->header_h;
    /* the key under the block, below the "+N more" lines */
    G->key_y = MIN (R->y + R->h - G->footer_h / 2, top + block_h + lh + 6 + G->footer_h / 2);
    avail_h = block_h;
  }
  for (guint l = 0; l < n; l++)
    {
      double col_h = net->shown[l] * th + (net->shown[l] - 1) * G->gap;
      double cx = R->x + left_w + tw / 2 + (n > 1 ? l * (span - tw) / (n - 1) : 0);
      double y0 = round (top + (avail_h - col_h) / 2);

      G->col_x[l] = round (cx - tw / 2);
      for (guint u = 0; u < net->shown[l]; u++)
        G->tile_y[l][u] = y0 + u * (th + G->gap);
      G->col_bottom[l] = y0 + col_h;
    }
}

/* ---------------------------------------------------------------- drawing */

typedef struct {
  double x0, y0, x1, y1;
  double w;
} Edge;

static int
compare_edges (const void *a,
               const void *b)
{
  double x = fabs (((const Edge *) a)->w), y = fabs (((const Edge *) b)->w);
  return x < y ? -1 : x > y;
}

static void
draw_legend (cairo_t               *cr,
             const MlrPalette      *palette,
             const MlrBoundaryRect *R,
             double                 y)
{
  double x = R->x + 4, bar_w = 36, bar_h = 10;
  cairo_pattern_t *ramp;
  MlrColor neg = mlr_boundary_network_sign_color (palette, -1);
  MlrColor pos = mlr_boundary_network_sign_color (palette, 1);
  MlrColor bg = mlr_boundary_opaque (palette->background);
  double tw, th;

  mlr_text_size (cr, palette, "−", TEXT_SCALE, &tw, &th);
  mlr_draw_text (cr, palette, &palette->dim, "−", x, y, 0, 0.5, TEXT_SCALE);
  x += tw + 3;
  ramp = cairo_pattern_create_linear (x, 0, x + bar_w, 0);
  cairo_pattern_add_color_stop_rgb (ramp, 0, neg.r, neg.g, neg.b);
  cairo_pattern_add_color_stop_rgb (ramp, 0.5, bg.r, bg.g, bg.b);
  cairo_pattern_add_color_stop_rgb (ramp, 1, pos.r, pos.g, pos.b);
  cairo_rectangle (cr, x, round (y - bar_h / 2), bar_w, bar_h);
  cairo_set_source (cr, ramp);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (ramp);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  x += bar_w + 3;
  mlr_draw_text (cr, palette, &palette->dim, "+", x, y, 0, 0.5, TEXT_SCALE);
  mlr_text_size (cr, palette, "+", TEXT_SCALE, &tw, &th);
  x += tw + 8;
  mlr_draw_text_wrapped (cr, palette, &palette->dim,
                         _("sign of each unit's output (each map scaled to its own largest "
                           "value) and of each weight; line width: |weight|"),
                         x, y - mlr_text_line_height (palette, TEXT_SCALE), R->x + R->w - x, 2,
                         TEXT_SCALE);
}

/**
 * mlr_boundary_draw_network:
 * Paints the network view of the state's result into @R: the columns of unit maps, the
 * weighted edges between them, the column titles and a one-line key.
 */
void
mlr_boundary_draw_network (cairo_t                 *cr,
                           const MlrPalette        *palette,
                           const MlrBoundaryResult *r,
                           const MlrBoundaryRect   *R,
                           MlrBoundaryPainterCache *cache)
{
  const MlrMlpNetwork *net = r ? r->network : NULL;
  double lh = mlr_text_line_height (palette, TEXT_SCALE);
  MlrBoundaryNetworkGeometry G;
  Edge edges[MLR_MLP_NETWORK_MAX_LAYERS * MLR_MLP_NETWORK_MAX_SHOWN * MLR_MLP_NETWORK_MAX_SHOWN];
  guint n_edges = 0, m = 0;

  if (R->w < 40 || R->h < 60)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, R->x, R->y, R->w, R->h);
  cairo_clip (cr);
  if (net == NULL)
    {
      mlr_draw_text_fit (cr, palette, &palette->dim, _("The network appears after the first fit"),
                         R->x + R->w / 2, R->y + R->h / 2, R->w - 8, 0.5, 0.5, TEXT_SCALE);
      cairo_restore (cr);
      return;
    }
  ensure_maps (cache, palette, r);
  mlr_boundary_network_geometry (cr, palette, net, R, &G);

  /* edges, weakest first so the strong ones lie on top */
  for (guint l = 0; l + 1 < net->n_layers; l++)
    for (guint i = 0; i < net->shown[l]; i++)
      for (guint j = 0; j < net->shown[l + 1]; j++)
        edges[n_edges++] = (Edge) {
          G.col_x[l] + G.tile_w, G.tile_y[l][i] + G.tile_h / 2,
          G.col_x[l + 1], G.tile_y[l + 1][j] + G.tile_h / 2,
          mlr_mlp_network_weight (net, l, i, j) };
  qsort (edges, n_edges, sizeof (Edge), compare_edges);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint e = 0; e < n_edges; e++)
    {
      MlrColor c = mlr_boundary_network_sign_color (palette, edges[e].w);
      double t = net->max_abs_weight > 0 ? fabs (edges[e].w) / net->max_abs_weight : 0;

      mlr_cairo_set_color_alpha (cr, &c, 0.25 + 0.75 * t);
      cairo_set_line_width (cr, mlr_boundary_network_edge_width (edges[e].w,
                                                                 net->max_abs_weight));
      cairo_move_to (cr, edges[e].x0, edges[e].y0);
      cairo_line_to (cr, edges[e].x1, edges[e].y1);
      cairo_stroke (cr);
    }

  /* columns: title, unit count, maps, labels, what is not shown */
  for (guint l = 0; l < net->n_layers; l++)
    {
      char buf[64];
      double cx = G.col_x[l] + G.tile_w / 2;
      const char *title = layer_title (net, l, buf, sizeof buf);
      g_autofree char *count = g_strdup_printf (ngettext ("%u unit", "%u units", net->sizes[l]),
                                                net->sizes[l]);
      double col_w = (R->w - 8) / net->n_layers;

      mlr_draw_text_fit (cr, palette, &palette->foreground, title, cx, G.title_y, col_w, 0.5,
                         0, TEXT_SCALE);
      mlr_draw_text_fit (cr, palette, &palette->dim, count, cx, G.title_y + lh, col_w, 0.5, 0,
                         TEXT_SCALE);
      for (guint u = 0; u < net->shown[l]; u++, m++)
        {
          double x = G.col_x[l], y = G.tile_y[l][u];
          g_autofree char *label = unit_label (net, l, u);

          cairo_save (cr);
          cairo_rectangle (cr, x, y, G.tile_w, G.tile_h);
          cairo_clip (cr);
          cairo_translate (cr, x, y);
          cairo_scale (cr, G.tile_w / net->grid.width, G.tile_h / net->grid.height);
          cairo_set_source_surface (cr, cache->network->maps[m], 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
          cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
          cairo_paint (cr);
          cairo_restore (cr);
          cairo_rectangle (cr, x + 0.5, y + 0.5, G.tile_w - 1, G.tile_h - 1);
          mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.35);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          if (label != NULL && l == 0)
            mlr_draw_text (cr, palette, &palette->foreground, label, x - 3, y + G.tile_h / 2,
                           1, 0.5, TEXT_SCALE);
          else if (label != NULL)
            mlr_draw_text (cr, palette, &palette->foreground, label, x + G.tile_w + 3,
                           y + G.tile_h / 2, 0, 0.5, TEXT_SCALE);
        }
      if (net->sizes[l] > net->shown[l])
        {
          guint more = net->sizes[l] - net->shown[l];
          g_autofree char *s = g_strdup_printf (ngettext ("+%u more", "+%u more", more), more);
          mlr_draw_text_fit (cr, palette, &palette->dim, s, cx, G.col_bottom[l] + 3, col_w,
                             0.5, 0, TEXT_SCALE);
        }
    }
  draw_legend (cr, palette, R, G.key_y);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------- words */

static char *
unit_name (const MlrMlpNetwork *net,
           guint                layer,
           guint                unit)
{
  if (layer == 0)
    return g_strdup (unit == 0 ? "x1" : "x2");
  if (layer + 1 == net->n_layers)
    return net->n_classes == 2 ? g_strdup (_("the output"))
                               /* Translators: the output unit of class %u */
                               : g_strdup_printf (_("output %u"), unit);
  /* Translators: a unit of the network, e.g. "unit 4 of hidden layer 1" */
  return g_strdup_printf (_("unit %u of hidden layer %u"), unit + 1, layer);
}

/**
 * mlr_boundary_network_describe:
 * The network view in words, for the screen reader: its layers and units and its strongest
 * weights, e.g. "Network: 2 inputs, hidden layers of 16, 16 units, 3 outputs. Strongest
 * weights: x1 to unit 4 of hidden layer 1, +2.41; …".
 */
char *
mlr_boundary_network_describe (const MlrMlpNetwork *net)
{
  GString *s = g_string_new (NULL);
  GString *hidden = g_string_new (NULL);
  guint n_out;

  g_return_val_if_fail (net != NULL, NULL);
  for (guint l = 1; l + 1 < net->n_layers; l++)
    g_string_append_printf (hidden, "%s%u", l > 1 ? ", " : "", net->sizes[l]);
  n_out = net->sizes[net->n_layers - 1];
  /* Translators: the network view for a screen reader: hidden layer sizes ("16, 16"), then
   * the number of output units */
  g_string_append_printf (s, ngettext ("Network: 2 inputs, hidden layers of %s units, %u output",
                                       "Network: 2 inputs, hidden layers of %s units, %u outputs",
                                       n_out), hidden->str, n_out);
  for (guint k = 0; k < net->n_strongest; k++)
    {
      const MlrMlpEdge *e = &net->strongest[k];
      g_autofree char *from = unit_name (net, e->layer, e->from);
      g_autofree char *to = unit_name (net, e->layer + 1, e->to);

      g_string_append (s, k == 0 ? _(". Strongest weights: ") : "; ");
      /* Translators: one weight of the network: from a unit to a unit, its value */
      g_string_append_printf (s, _("%s to %s, %+.2f"), from, to, e->weight);
    }
  g_string_free (hidden, TRUE);
  return g_string_free (s, FALSE);
}

static double
segment_distance (const Edge *e,
                  double      x,
                  double      y)
{
  double dx = e->x1 - e->x0, dy = e->y1 - e->y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((x - e->x0) * dx + (y - e->y0) * dy) / len2, 0, 1) : 0;

  return hypot (x - (e->x0 + t * dx), y - (e->y0 + t * dy));
}

/**
 * mlr_boundary_network_text_at:
 * @L: the layout the picture was painted with
 *
 * What is under (@x, @y) in the network view, in words for a tooltip: a unit with the range
 * of its output over the plane, or a weight with its value.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL over nothing of the network
 */
char *
mlr_boundary_network_text_at (const MlrBoundaryLayout *L,
                              const MlrPalette        *palette,
                              const MlrBoundaryResult *r,
                              double                   x,
                              double                   y)
{
  const MlrMlpNetwork *net = r ? r->network : NULL;
  const MlrBoundaryRect *R = &L->network;
  MlrBoundaryNetworkGeometry G;
  cairo_surface_t *s;
  cairo_t *cr;
  double best = 4;
  gboolean found = FALSE;
  MlrMlpEdge hit = { 0 };

  if (net == NULL || R->w <= 0 || x < R->x || y < R->y || x > R->x + R->w || y > R->y + R->h)
    return NULL;
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (s);
  mlr_boundary_network_geometry (cr, palette, net, R, &G);
  cairo_destroy (cr);
  cairo_surface_destroy (s);

  for (guint l = 0; l < net->n_layers; l++)
    for (guint u = 0; u < net->shown[l]; u++)
      if (x >= G.col_x[l] && x < G.col_x[l] + G.tile_w && y >= G.tile_y[l][u] &&
          y < G.tile_y[l][u] + G.tile_h)
        {
          const float *map = mlr_mlp_network_map (net, l, u, NULL);
          g_autofree char *name = unit_name (net, l, u);
          float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;

          for (gsize c = 0; c < (gsize) net->grid.width * net->grid.height; c++)
            {
              lo = MIN (lo, map[c]);
              hi = MAX (hi, map[c]);
            }
          if (l + 1 == net->n_layers)
            /* Translators: a tooltip over an output unit of the network view */
            return g_strdup_printf (_("%s, the probability of class %u: from %.2f to %.2f "
                                      "over the plane"), name,
                                    net->n_classes == 2 ? 1 : u, lo, hi);
          if (l == 0)
            /* Translators: a tooltip over an input of the network view */
            return g_strdup_printf (_("%s, standardized: from %.2f to %.2f over the plane"),
                                    name, lo, hi);
          /* Translators: a tooltip over a hidden unit of the network view */
          return g_strdup_printf (_("%s: output from %.2f to %.2f over the plane"), name, lo,
                                  hi);
        }

  for (guint l = 0; l + 1 < net->n_layers; l++)
    for (guint i = 0; i < net->shown[l]; i++)
      for (guint j = 0; j < net->shown[l + 1]; j++)
        {
          double w = mlr_mlp_network_weight (net, l, i, j);
          Edge e = { G.col_x[l] + G.tile_w, G.tile_y[l][i] + G.tile_h / 2,
                     G.col_x[l + 1], G.tile_y[l + 1][j] + G.tile_h / 2, w };
          double d = segment_distance (&e, x, y);
          double reach = MAX (4, mlr_boundary_network_edge_width (w, net->max_abs_weight) / 2 + 2);

          /* the nearest line in reach; of equally near ones the stronger (drawn on top) */
          if (d <= reach && (!found || d < best || (d == best && fabs (w) > fabs (hit.weight))))
            {
              best = d;
              found = TRUE;
              hit = (MlrMlpEdge) { l, i, j, w };
            }
        }
  if (found)
    {
      g_autofree char *from = unit_name (net, hit.layer, hit.from);
      g_autofree char *to = unit_name (net, hit.layer + 1, hit.to);
      /* Translators: a tooltip over a weight of the network view */
      return g_strdup_printf (_("weight from %s to %s: %+.3f"), from, to, hit.weight);
    }
  return NULL;
}
