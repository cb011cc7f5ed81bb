/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-contour.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct _MlrContour
{
  GArray *xy;        /* float x, y pairs of every line, one line after the other */
  GArray *starts;    /* guint: the first point of each line */
  guint   first_segment;  /* lines from here on are segments not stitched yet */
};

/**
 * mlr_contour_new:
 * An empty set of lines.
 */
MlrContour *
mlr_contour_new (void)
{
  MlrContour *self = g_new0 (MlrContour, 1);

  self->xy = g_array_new (FALSE, FALSE, sizeof (float));
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
mlr_contour_free (MlrContour *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->xy);
  g_array_unref (self->starts);
  g_free (self);
}

/* Drops every line, keeping the memory for the next trace. */
void
mlr_contour_clear (MlrContour *self)
{
  g_array_set_size (self->xy, 0);
  g_array_set_size (self->starts, 0);
  self->first_segment = 0;
}

static inline void
push_segment (MlrContour *self,
              float       x0,
              float       y0,
              float       x1,
              float       y1)
{
  const float s[4] = { x0, y0, x1, y1 };
  guint start = self->xy->len / 2;

  g_array_append_vals (self->xy, s, 4);
  g_array_append_val (self->starts, start);
}

/* Where along an edge from value @v0 to @v1 the level is crossed, in [0, 1]. */
static inline float
crossing (float v0,
          float v1,
          float level)
{
  float d = v1 - v0;

  return fabsf (d) < 1e-12f ? 0.5f : CLAMP ((level - v0) / d, 0.f, 1.f);
}

/* Which corners of a cell are above @level: a (top left), b (top right), c (bottom right),
 * d (bottom left) as bits 3 to 0. 0 and 15 (all on one side, most cells) carry no line. */
static inline guint
cell_case (float a,
           float b,
           float c,
           float d,
           float level)
{
  return (a > level) << 3 | (b > level) << 2 | (c > level) << 1 | (d > level);
}

/* The segments of cell (i, j) of case @idx (neither 0 nor 15) for @level. */
static void
march_cell (MlrContour *out,
            guint       idx,
            guint       i,
            guint       j,
            float       a,
            float       b,
            float       c,
            float       d,
            float       level)
{
  float cx = i + 0.5f, cy = j + 0.5f;
  float tx, ty, rx, ry, bx, by, lx, ly;

  /* no line through a cell with a non-finite corner */
  if (!isfinite (a + b + c + d))
    return;
  /* the crossings on the top (a-b), right (b-c), bottom (d-c) and left (a-d) edges */
  tx = cx + crossing (a, b, level);
  ty = cy;
  rx = cx + 1;
  ry = cy + crossing (b, c, level);
  bx = cx + crossing (d, c, level);
  by = cy + 1;
  lx = cx;
  ly = cy + crossing (a, d, level);
  switch (idx)
    {
    case 1: case 14: push_segment (out, lx, ly, bx, by); break;
    case 2: case 13: push_segment (out, bx, by, rx, ry); break;
    case 3: case 12: push_segment (out, lx, ly, rx, ry); break;
    case 4: case 11: push_segment (out, tx, ty, rx, ry); break;
    case 6: case 9:  push_segment (out, tx, ty, bx, by); break;
    case 7: case 8:  push_segment (out, tx, ty, lx, ly); break;
    case 5:
    case 10:
      /* A saddle: b and d above (5) or a and c above (10). When the centre is on the side of
       * the pair above, that pair connects through it and the lines cut off the other two
       * corners; otherwise the lines cut off the pair above. */
      if ((idx == 5) == ((a + b + c + d) / 4 > level))
        {
          push_segment (out, tx, ty, lx, ly);   /* cuts off a */
          push_segment (out, bx, by, rx, ry);   /* cuts off c */
        }
      else
        {
          push_segment (out, tx, ty, rx, ry);   /* cuts off b */
          push_segment (out, lx, ly, bx, by);   /* cuts off d */
        }
      break;
    default:
      break;
    }
}

/**
 * mlr_contour_add_level:
 * @values: (array): @width x @height values (see the header for the coordinates)
 *
 * Adds the @level line of @values as segments (one two-point line per grid cell it crosses);
 * mlr_contour_stitch() joins them.
 */
void
mlr_contour_add_level (MlrContour  *self,
                       const float *values,
                       guint        width,
                       guint        height,
                       float        level)
{
  for (guint j = 0; j + 1 < height; j++)
    {
      const float *r0 = values + (gsize) j * width, *r1 = r0 + width;

      for (guint i = 0; i + 1 < width; i++)
        {
          guint idx = cell_case (r0[i], r0[i + 1], r1[i + 1], r1[i], level);

          if (idx != 0 && idx != 15)
            march_cell (self, idx, i, j, r0[i], r0[i + 1], r1[i + 1], r1[i], level);
        }
    }
}

/* The first of the ascending @levels that is >= @v. */
static guint
first_at_least (const float *levels,
                guint        n,
                float        v)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (levels[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * mlr_contour_add_levels:
 * @sets: (array length=n_levels): where each level's segments go
 * @levels: (array length=n_levels): the levels, ascending
 *
 * mlr_contour_add_level() for many levels in one pass over the grid: each cell only visits
 * the levels between its lowest and highest corner.
 */
void
mlr_contour_add_levels (MlrContour * const *sets,
                        const float        *values,
                        guint               width,
                        guint               height,
                        const float        *levels,
                        guint               n_levels)
{
  gboolean ascending = TRUE;

  for (guint k = 1; k < n_levels; k++)
    ascending = ascending && levels[k - 1] <= levels[k];
  g_return_if_fail (ascending);

  if (n_levels <= 2)
    {
      /* a pass per level is quicker than sorting out the levels of each cell */
      for (guint k = 0; k < n_levels; k++)
        mlr_contour_add_level (sets[k], values, width, height, levels[k]);
      return;
    }
  for (guint j = 0; j + 1 < height; j++)
    for (guint i = 0; i + 1 < width; i++)
      {
        float a = values[j * width + i], b = values[j * width + i + 1];
        float c = values[(j + 1) * width + i + 1], d = values[(j + 1) * width + i];
        /* a cell visits only the levels in [lo, hi), which have corners on both sides */
        float lo = MIN (MIN (a, b), MIN (c, d)), hi = MAX (MAX (a, b), MAX (c, d));

        for (guint k = first_at_least (levels, n_levels, lo); k < n_levels && levels[k] < hi; k++)
          {
            guint idx = cell_case (a, b, c, d, levels[k]);
            if (idx != 0 && idx != 15)
              march_cell (sets[k], idx, i, j, a, b, c, d, levels[k]);
          }
      }
}

typedef struct {
  guint64 key;
  guint   end;   /* 2 * segment + which end */
} EndPoint;

static guint64
point_key (const float *p)
{
  guint32 a, b;

  memcpy (&a, &p[0], sizeof a);
  memcpy (&b, &p[1], sizeof b);
  return (guint64) a << 32 | b;
}

static int
compare_ends (const void *a,
              const void *b)
{
  guint64 x = ((const EndPoint *) a)->key, y = ((const EndPoint *) b)->key;

  return x < y ? -1 : x > y;
}

/**
 * mlr_contour_stitch:
 * Joins the segments added since the last stitch into polylines wherever two of them end at
 * the same point, so dashes run along a whole line and corners get joins. A closed line
 * ends at its first point. Lines stitched before are kept as they are.
 */
void
mlr_contour_stitch (MlrContour *self)
{
  guint first = self->first_segment;
  guint n = self->starts->len - first;
  guint base = first < self->starts->len ? g_array_index (self->starts, guint, first)
                                         : self->xy->len / 2;
  /* nothing added (and perhaps nothing ever: then the array's data is NULL) */
  g_autofree float *s = n == 0 ? NULL
                               : g_memdup2 ((const float *) self->xy->data + 2 * (gsize) base,
                                            4 * (gsize) n * sizeof (float));
  g_autofree EndPoint *ends = g_new (EndPoint, 2 * (gsize) MAX (n, 1));
  g_autofree guint *partner = g_new (guint, 2 * (gsize) MAX (n, 1));
  g_autofree guint8 *used = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) head = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tail = g_array_new (FALSE, FALSE, sizeof (guint));

  /* partner[e]: the other segment end at the same point as end e, or G_MAXUINT */
  for (guint e = 0; e < 2 * n; e++)
    {
      ends[e].key = point_key (s + 2 * e);
      ends[e].end = e;
      partner[e] = G_MAXUINT;
    }
  qsort (ends, 2 * (gsize) n, sizeof (EndPoint), compare_ends);
  for (guint e = 0; e + 1 < 2 * n; e++)
    if (ends[e].key == ends[e + 1].key && partner[ends[e].end] == G_MAXUINT &&
        partner[ends[e + 1].end] == G_MAXUINT)
      {
        partner[ends[e].end] = ends[e + 1].end;
        partner[ends[e + 1].end] = ends[e].end;
      }

  g_array_set_size (self->xy, 2 * (gsize) base);
  g_array_set_size (self->starts, first);
  for (guint k = 0; k < n; k++)
    {
      guint start = self->xy->len / 2;

      if (used[k])
        continue;
      used[k] = 1;
      /* grow from end 1 forwards, then from end 0 backwards (a closed line is all found by
       * the first) */
      for (guint dir = 0; dir < 2; dir++)
        {
          GArray *found = dir == 0 ? tail : head;

          g_array_set_size (found, 0);
          for (guint e = 2 * k + (dir == 0 ? 1 : 0);;)
            {
              guint p = partner[e], m = p / 2;
              if (p == G_MAXUINT || used[m])
                break;
              used[m] = 1;
              e = 2 * m + (1 - p % 2);
              g_array_append_val (found, e);
            }
        }
      for (guint h = head->len; h-- > 0;)
        g_array_append_vals (self->xy, s + 2 * g_array_index (head, guint, h), 2);
      g_array_append_vals (self->xy, s + 4 * k, 4);
      for (guint t = 0; t < tail->len; t++)
        g_array_append_vals (self->xy, s + 2 * g_array_index (tail, guint, t), 2);
      g_array_append_val (self->starts, start);
    }
  self->first_segment = self->starts->len;
}

/* TRUE when there is no line at all. */
gboolean
mlr_contour_is_empty (const MlrContour *self)
{
  return self->starts->len == 0;
}

/* The number of lines: the polylines stitched so far, then the segments added since. */
guint
mlr_contour_get_n_lines (const MlrContour *self)
{
  return self->starts->len;
}

/**
 * mlr_contour_get_line:
 * @n_points: (out): the number of points of the line
 *
 * Returns: (array): the line's points as x, y pairs, in grid coordinates
 */
const float *
mlr_contour_get_line (const MlrContour *self,
                      guint             line,
                      guint            *n_points)
{
  guint start, end;

  g_return_val_if_fail (line < self->starts->len, NULL);
  start = g_array_index (self->starts, guint, line);
  end = line + 1 < self->starts->len ? g_array_index (self->starts, guint, line + 1)
                                     : self->xy->len / 2;
  *n_points = end - start;
  return (const float *) self->xy->data + 2 * (gsize) start;
}

/**
 * mlr_contour_path:
 * Adds every line to the current path of @cr, grid point (u, v) going to
 * (@x0 + u @sx, @y0 + v @sy): for a grid sampled at the cell centres of a raster, @sx and
 * @sy are the raster cell's size in user units.
 */
void
mlr_contour_path (const MlrContour *self,
                  cairo_t          *cr,
                  double            x0,
                  double            y0,
                  double            sx,
                  double            sy)
{
  for (guint line = 0; line < self->starts->len; line++)
    {
      guint n;
      const float *p = mlr_contour_get_line (self, line, &n);

      for (guint k = 0; k < n; k++)
        if (k == 0)
          cairo_move_to (cr, x0 + p[2 * k] * sx, y0 + p[2 * k + 1] * sy);
        else
          cairo_line_to (cr, x0 + p[2 * k] * sx, y0 + p[2 * k + 1] * sy);
    }
}

/**
 * mlr_contour_bake:
 * @image: an RGB24 or ARGB32 image surface (opaque), the grid stretched over all of it
 * @values: (array): @width x @height values in [0, 1], nodes at the cell centres
 * @n_levels: draw the levels k / (@n_levels + 1), k = 1 .. @n_levels
 * @inks: (array length=n_levels): how to draw each level
 * @half_width: half the line width, in the image's pixels (antialiasing adds half a pixel)
 *
 * Paints contour lines into the pixels of @image as a distance field: a pixel's distance to
 * the nearest level is |t L − k| / |∇(t L)| (t interpolated bilinearly from the grid), so
 * every line is as wide however steep the values, and antialiased. Only pixels in grid cells
 * near a level pay for it. This is several times faster than stroking the marching-squares
 * segments, and is what raster heatmaps use; vector output keeps vector lines.
 */
void
mlr_contour_bake (cairo_surface_t     *image,
                  const float         *values,
                  guint                width,
                  guint                height,
                  guint                n_levels,
                  const MlrContourInk *inks,
                  float                half_width)
{
  const float *t = values;
  guint gw = width, gh = height;
  int iw = cairo_image_surface_get_width (image), ih = cairo_image_surface_get_height (image);
  guint32 *pixels;
  int stride;
  const float levels = n_levels + 1;
  /* pixels per grid cell, and the half width of a line in pixels */
  const float sx = (float) iw / gw, sy = (float) ih / gh;
  const float half = half_width + 0.5f;
  g_autofree int *i0s = NULL;
  g_autofree float *fxs = NULL;
  g_autofree guint8 *near = NULL;

  g_return_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE);
  if (gw < 2 || gh < 2 || iw <= 0 || ih <= 0 || n_levels == 0)
    return;
  i0s = g_new (int, iw);
  fxs = g_new (float, iw);
  near = g_new0 (guint8, (gsize) gw * gh);

  cairo_surface_flush (image);
  pixels = (guint32 *) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;

  for (int x = 0; x < iw; x++)
    {
      float u = CLAMP ((x + 0.5f) / sx - 0.5f, 0.0f, (float) gw - 1.001f);
      i0s[x] = MIN ((int) u, (int) gw - 2);
      fxs[x] = u - i0s[x];
    }

  /* Most cells are nowhere near a contour: mark the ones whose t range, widened by what a
   * line's half width can reach into a neighbour, holds a level. */
  for (guint j = 0; j + 1 < gh; j++)
    for (guint i = 0; i + 1 < gw; i++)
      {
        float a = t[j * gw + i], b = t[j * gw + i + 1];
        float c = t[(j + 1) * gw + i + 1], d = t[(j + 1) * gw + i];
        float lo = MIN (MIN (a, b), MIN (c, d)), hi = MAX (MAX (a, b), MAX (c, d));
        float reach = (hi - lo) * (half + 1) + 1e-6f;
        int k0 = (int) ceilf ((lo - reach) * levels), k1 = (int) floorf ((hi + reach) * levels);

        near[j * gw + i] = k1 >= MAX (k0, 1) && k0 <= (int) n_levels;
      }

  for (int y = 0; y < ih; y++)
    {
      float v = CLAMP ((y + 0.5f) / sy - 0.5f, 0.0f, (float) gh - 1.001f);
      int j0 = MIN ((int) v, (int) gh - 2);
      float fy = v - j0;
      const float *r0 = t + (gsize) j0 * gw, *r1 = r0 + gw;
      guint32 *out = pixels + (gsize) y * stride;
      const guint8 *near_row = near + (gsize) j0 * gw;

      for (int x = 0; x < iw; x++)
        {
          int i = i0s[x];
          float fx, a, b, c, d, top, bottom, tt, gx, gy, grad, sl, k, alpha;

          if (!near_row[i])
            continue;
          fx = fxs[x];
          a = r0[i];
          b = r0[i + 1];
          d = r1[i];
          c = r1[i + 1];
          top = a + (b - a) * fx;
          bottom = d + (c - d) * fx;
          tt = top + (bottom - top) * fy;
          gx = ((b - a) + ((c - d) - (b - a)) * fy) / sx;
          gy = (bottom - top) / sy;
          grad = sqrtf (gx * gx + gy * gy) * levels;
          sl = tt * levels;
          k = (float) (int) (sl + 0.5f);
          if (k < 1 || k > n_levels || grad < 1e-6f)
            continue;
          alpha = CLAMP (half - fabsf (sl - k) / grad, 0.0f, 1.0f);
          if (alpha > 0)
            {
              const MlrContourInk *ink = &inks[(int) k - 1];
              float strength = alpha * ink->strength;
              guint32 base = out[x];
              int r = (base >> 16) & 0xff, g = (base >> 8) & 0xff, bl = base & 0xff;

              r = (int) (r + (ink->target[0] - r) * strength + 0.5f);
              g = (int) (g + (ink->target[1] - g) * strength + 0.5f);
              bl = (int) (bl + (ink->target[2] - bl) * strength + 0.5f);
              out[x] = 0xff000000u | (guint32) r << 16 | (guint32) g << 8 | (guint32) bl;
            }
        }
    }
  cairo_surface_mark_dirty (image);
}
