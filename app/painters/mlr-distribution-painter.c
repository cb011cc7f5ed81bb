/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-distribution-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ml/mlr-special.h"

#define MARGIN       12
#define AXIS_LEFT    56
#define AXIS_BOTTOM  40
#define TEXT_SCALE   0.92   /* 11 px labels with the 12 px default font */
#define HEADER_LINES 4       /* under the title; one more in mode clt */
/* Density samples are this many pixels apart. */
#define DENSITY_STEP 1.5

/* ---------------------------------------------------------------- numbers in words */

static char *
with_minus (char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '-')
        g_string_append (s, "−");
      else
        g_string_append_c (s, *p);
    }
  g_free (text);
  return g_string_free (s, FALSE);
}

/**
 * mlr_distribution_format_number:
 * @value with @digits significant digits, without trailing zeros: "0.242", "29.1", "1.5e−7",
 * "1200000" (plain up to 10^7), with a true minus sign.
 */
char *
mlr_distribution_format_number (double value,
                                int    digits)
{
  double a = fabs (value);
  char buf[64];

  if (!isfinite (value))
    return g_strdup (isnan (value) ? "?" : value > 0 ? "∞" : "−∞");
  if (value == 0)
    return g_strdup ("0");
  if (a >= 1e-4 && a < 1e7)
    {
      int decimals = MIN (MAX (0, digits - 1 - (int) floor (log10 (a))), 20);
      char format[16], *dot;

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_ascii_formatd (buf, sizeof buf, format, value);
      dot = strchr (buf, '.');
      if (dot != NULL)
        {
          char *end = buf + strlen (buf) - 1;
          while (end > dot && *end == '0')
            *end-- = '\0';
          if (end == dot)
            *end = '\0';
        }
      /* rounding may have lost the value altogether ("−0") */
      if (g_str_equal (buf, "-0"))
        g_strlcpy (buf, "0", sizeof buf);
    }
  else
    {
      int e = (int) floor (log10 (a));
      double m = value / pow (10, e);
      if (fabs (m) >= 9.9999999)
        {
          m /= 10;
          e += 1;
        }
      char format[16], mant[G_ASCII_DTOSTR_BUF_SIZE];

      g_snprintf (format, sizeof format, "%%.%df", MAX (digits - 1, 0));
      g_ascii_formatd (mant, sizeof mant, format, m);
      g_snprintf (buf, sizeof buf, "%se%d", mant, e);
      /* 1.50e-7 -> 1.5e-7 */
      {
        char *epos = strchr (buf, 'e'), *end = epos - 1;
        char tail[16];
        g_strlcpy (tail, epos, sizeof tail);
        while (end > buf && *end == '0')
          end--;
        if (*end == '.')
          end--;
        g_strlcpy (end + 1, tail, sizeof buf - (end + 1 - buf));
      }
    }
  return with_minus (g_strdup (buf));
}

/**
 * mlr_distribution_format_near:
 * @value with three digits below @scale (a standard deviation, x's step) and at least four
 * significant ones: a mean of 10^6 with a sd of 10^−6 reads "1000000.00000003", not "1000000".
 */
char *
mlr_distribution_format_near (double value,
                              double scale)
{
  int digits = 4;

  if (scale > 0 && value != 0 && isfinite (value))
    digits = CLAMP ((int) ceil (log10 (fabs (value) / scale)) + 3, 4, 15);
  return mlr_distribution_format_number (value, digits);
}

/* A probability with four significant digits, and never "1" for less than 1 or "0" for more
 * than 0: as many more digits as that takes, or "> 0.99999999" / "< 1e−300". */
char *
mlr_distribution_format_probability (double p)
{
  if (!isfinite (p))
    return g_strdup ("?");
  if (p <= 0)
    return g_strdup ("0");
  if (p >= 1)
    return g_strdup ("1");
  for (int digits = 4; digits <= 10; digits++)
    {
      char *text = mlr_distribution_format_number (p, digits);
      if (!g_str_equal (text, "1") && !g_str_equal (text, "0"))
        return text;
      g_free (text);
    }
  return g_strdup (p > 0.5 ? "> 0.9999999999" : "< 1e−300");
}

/* 12345 -> "12,345" */
char *
mlr_distribution_format_count (guint n)
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

/**
 * mlr_distribution_describe_params:
 * The distribution with its parameters: "Normal(μ = 0, σ = 1)", "Binomial(1,000 trials,
 * p = 0.03)".
 */
char *
mlr_distribution_describe_params (const MlrDistributionState *state)
{
  const MlrDistribution *d = mlr_distribution_state_get_distribution (state);
  g_autofree char *p0 = mlr_distribution_format_number (d->p[0], 4);
  g_autofree char *p1 = mlr_distribution_format_number (d->p[1], 4);
  g_autofree char *trials = NULL;

  switch (d->kind)
    {
    case MLR_DIST_NORMAL:
      return g_strdup_printf (_("Normal(μ = %s, σ = %s)"), p0, p1);
    case MLR_DIST_UNIFORM:
      return g_strdup_printf (_("Uniform(a = %s, b = %s)"), p0, p1);
    case MLR_DIST_EXPONENTIAL:
      return g_strdup_printf (_("Exponential(λ = %s)"), p0);
    case MLR_DIST_BINOMIAL:
      trials = mlr_distribution_format_count ((guint) d->p[0]);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Binomial(%s trial, p = %s)",
                                           "Binomial(%s trials, p = %s)", (gulong) d->p[0]),
                              trials, p1);
    case MLR_DIST_POISSON:
      return g_strdup_printf (_("Poisson(λ = %s)"), p0);
    case MLR_DIST_BETA:
      return g_strdup_printf (_("Beta(α = %s, β = %s)"), p0, p1);
    case MLR_DIST_LOGNORMAL:
      return g_strdup_printf (_("Log-normal(μ = %s, σ = %s)"), p0, p1);
    case MLR_N_DISTS:
    default:
      return g_strdup ("?");
    }
}

/* Okabe-Ito: the density blue, the draws orange, the normal of the CLT reddish purple. */
MlrColor
mlr_distribution_density_color (const MlrPalette *palette)
{
  return palette->classes[0];
}

MlrColor
mlr_distribution_samples_color (const MlrPalette *palette)
{
  return palette->classes[1];
}

MlrColor
mlr_distribution_normal_color (const MlrPalette *palette)
{
  return palette->classes[3];
}

/* ---------------------------------------------------------------- the density, sampled */

typedef struct {
  double x, y;
} Point;

struct _MlrDistributionPainterCache
{
  /* what the samples are of */
  gboolean        valid;
  MlrDistribution dist;
  double          lo, hi;
  int             width;

  /* the samples: points of the curve, or (k, P(X = k)) for stems */
  GArray         *points;
  gboolean        stems;
  double          top;      /* the largest value worth showing (an infinite end left out) */
  guint           builds;
};

MlrDistributionPainterCache *
mlr_distribution_painter_cache_new (void)
{
  MlrDistributionPainterCache *cache = g_new0 (MlrDistributionPainterCache, 1);

  cache->points = g_array_new (FALSE, FALSE, sizeof (Point));
  return cache;
}

void
mlr_distribution_painter_cache_free (MlrDistributionPainterCache *cache)
{
  if (cache == NULL)
    return;
  g_array_unref (cache->points);
  g_free (cache);
}

/* How many times the density was sampled (benchmarks: once per parameter change). */
guint
mlr_distribution_painter_cache_get_builds (MlrDistributionPainterCache *cache)
{
  return cache->builds;
}

static void
push (GArray *points,
      double  x,
      double  y)
{
  Point p = { x, y };

  g_array_append_val (points, p);
}

/* Whether the density goes to infinity at an end of its support (a beta shape below 1). */
static gboolean
unbounded (const MlrDistribution *d)
{
  return d->kind == MLR_DIST_BETA && (d->p[0] < 1 || d->p[1] < 1);
}

/* Samples the density over [lo, hi] for a plot @width pixels wide: a point every 1.5 px and
 * the exact corners at the support's ends; for a discrete kind, each whole number as a stem
 * when there is room for them, else the probability of the nearest whole number per
 * column. */
static void
build_density (MlrDistributionPainterCache *cache,
               const MlrDistribution       *d,
               double                       lo,
               double                       hi,
               int                          width)
{
  GArray *pts = cache->points;
  guint n = MAX (8, (guint) (width / DENSITY_STEP));
  double L, U, top = 0;

  g_array_set_size (pts, 0);
  mlr_distribution_support (d, &L, &U);
  cache->stems = FALSE;
  if (mlr_distribution_is_discrete (d) && (hi - lo) <= width / 3.0)
    {
      cache->stems = TRUE;
      for (double k = MAX (ceil (lo), L); k <= MIN (floor (hi), U); k++)
        push (pts, k, mlr_distribution_pdf (d, k));
    }
  else if (mlr_distribution_is_discrete (d))
    {
      for (guint i = 0; i < n; i++)
        {
          double x = lo + (hi - lo) * i / (n - 1);
          push (pts, x, mlr_distribution_pdf (d, round (x)));
        }
    }
  else
    {
      gboolean past_l = !(L > lo), past_u = !(U < hi);

      for (guint i = 0; i < n; i++)
        {
          double x = lo + (hi - lo) * i / (n - 1);
          if (!past_l && x >= L)
            {
              push (pts, L, 0);
              push (pts, L, mlr_distribution_pdf (d, L));
              past_l = TRUE;
              if (x == L)
                continue;
            }
          if (!past_u && x > U)
            {
              push (pts, U, mlr_distribution_pdf (d, U));
              push (pts, U, 0);
              past_u = TRUE;
            }
          push (pts, x, mlr_distribution_pdf (d, x));
        }
    }
  for (guint i = 0; i < pts->len; i++)
    {
      double y = g_array_index (pts, Point, i).y;
      if (isfinite (y))
        top = MAX (top, y);
    }
  /* an infinite end would flatten everything else: show up to 2.5 times the density at the
   * median, and let the curve run off the top */
  if (unbounded (d))
    top = MIN (top, 2.5 * mlr_distribution_pdf (d, mlr_distribution_quantile (d, 0.5)));
  cache->top = top;
  cache->dist = *d;
  cache->lo = lo;
  cache->hi = hi;
  cache->width = width;
  cache->valid = TRUE;
  cache->builds++;
}

static void
ensure_density (MlrDistributionPainterCache *cache,
                const MlrDistribution       *d,
                double                       lo,
                double                       hi,
                int                          width)
{
  if (cache->valid && cache->width == width && cache->lo == lo && cache->hi == hi &&
      memcmp (&cache->dist, d, sizeof *d) == 0)
    return;
  build_density (cache, d, lo, hi, width);
}

/* ---------------------------------------------------------------- layout */

static double
line_height (const MlrPalette *palette)
{
  return ceil (mlr_text_pixels (palette, TEXT_SCALE) * 1.45);
}

/**
 * mlr_distribution_painter_layout:
 * Where the lines of numbers and the plots go on a @width × @height canvas. The plots' x
 * ranges are final (the widget maps the pointer with them); their y ranges are set when
 * painting.
 */
void
mlr_distribution_painter_layout (int                          width,
                                 int                          height,
                                 const MlrPalette            *palette,
                                 const MlrDistributionState  *state,
                                 MlrDistributionLayout       *layout)
{
  double lh = line_height (palette);
  gboolean clt = mlr_distribution_state_get_mode (state) == MLR_DISTRIBUTION_MODE_CLT;
  double top = MARGIN + lh * 1.1 + (HEADER_LINES + clt) * lh + 8;
  double x0 = AXIS_LEFT, w = MAX (width - AXIS_LEFT - MARGIN - 4, 40);
  double h = MAX (height - top - AXIS_BOTTOM, 60);
  double lo, hi;

  memset (layout, 0, sizeof *layout);
  layout->header_y = MARGIN;
  mlr_distribution_state_get_view (state, &lo, &hi);
  if (clt)
    {
      /* the distribution as a strip, the means under it with their own axis */
      double strip = MAX (floor (h * 0.3), 50);
      double mlo, mhi;

      layout->has_source = TRUE;
      mlr_plot_init (&layout->source, x0, top, w, strip, lo, hi, 0, 1, FALSE);
      mlr_distribution_state_get_means_view (state, &mlo, &mhi);
      mlr_plot_init (&layout->main, x0, top + strip + AXIS_BOTTOM, w,
                     MAX (h - strip - AXIS_BOTTOM, 50), mlo, mhi, 0, 1, FALSE);
    }
  else
    mlr_plot_init (&layout->main, x0, top, w, h, lo, hi, 0, 1, FALSE);
}

/* The plot in which x lives (and is dragged): the main one, or the strip in mode clt. */
const MlrPlot *
mlr_distribution_painter_x_plot (const MlrDistributionLayout *layout)
{
  return layout->has_source ? &layout->source : &layout->main;
}

/* ---------------------------------------------------------------- pieces */

static double
clamp_y (const MlrPlot *plot,
         double         y)
{
  /* off the top by a little is enough: the plot is clipped */
  if (!isfinite (y) || y > plot->ymax * 1.5)
    y = plot->ymax * 1.5;
  return mlr_plot_y (plot, y);
}

/* The area P(X <= x) under a sampled curve: from the left end to x. */
static void
shade_to_x (cairo_t          *cr,
            const MlrPlot    *plot,
            const GArray     *pts,
            const MlrDistribution *d,
            double            x,
            const MlrColor   *color)
{
  double x_end = MIN (x, plot->xmax);
  gboolean any = FALSE;

  if (x_end <= plot->xmin)
    return;
  cairo_move_to (cr, mlr_plot_x (plot, plot->xmin), mlr_plot_y (plot, 0));
  for (guint i = 0; i < pts->len; i++)
    {
      const Point *p = &g_array_index (pts, Point, i);
      if (p->x > x_end)
        break;
      cairo_line_to (cr, mlr_plot_x (plot, p->x), clamp_y (plot, p->y));
      any = TRUE;
    }
  if (!any)
    cairo_line_to (cr, mlr_plot_x (plot, plot->xmin), mlr_plot_y (plot, 0));
  {
    double y = mlr_distribution_is_discrete (d) ? mlr_distribution_pdf (d, round (x_end))
                                                : mlr_distribution_pdf (d, x_end);
    /* at a jump (the uniform's end) the point itself belongs to the left side */
    cairo_line_to (cr, mlr_plot_x (plot, x_end), clamp_y (plot, y));
  }
  cairo_line_to (cr, mlr_plot_x (plot, x_end), mlr_plot_y (plot, 0));
  cairo_close_path (cr);
  /* a light fill and diagonal hatching, so the histogram's bars stay readable through it:
   * one 8 px tile of both, repeated (one fill; far cheaper than lines across the plot) */
  {
    cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
    cairo_t *tc = cairo_create (tile);
    cairo_pattern_t *pattern;

    mlr_cairo_set_color_alpha (tc, color, 0.14);
    cairo_paint (tc);
    cairo_set_line_width (tc, 1);
    mlr_cairo_set_color_alpha (tc, color, 0.55);
    for (int off = -8; off <= 8; off += 8)
      {
        cairo_move_to (tc, off, 8);
        cairo_line_to (tc, off + 8, 0);
      }
    cairo_stroke (tc);
    cairo_destroy (tc);
    pattern = cairo_pattern_create_for_surface (tile);
    cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
    cairo_set_source (cr, pattern);
    cairo_fill (cr);
    cairo_pattern_destroy (pattern);
    cairo_surface_destroy (tile);
  }
}

/* The density as a curve (or stems), P(X <= x) shaded under it. */
static void
draw_density (cairo_t                           *cr,
              const MlrPlot                     *plot,
              const MlrPalette                  *palette,
              const MlrDistributionPainterCache *cache,
              double                             x)
{
  MlrColor c = mlr_distribution_density_color (palette);
  const GArray *pts = cache->points;

  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  if (cache->stems)
    {
      double r = CLAMP (plot->w / (plot->xmax - plot->xmin) / 6, 2, 4);

      cairo_set_line_width (cr, CLAMP (plot->w / (plot->xmax - plot->xmin) / 12, 1.5, 3));
      for (guint i = 0; i < pts->len; i++)
        {
          const Point *p = &g_array_index (pts, Point, i);
          double px = round (mlr_plot_x (plot, p->x)) + 0.5, py = clamp_y (plot, p->y);

          /* the stems P(X <= x) adds up: full colour; the rest light */
          MlrColor stem = p->x <= x ? c : mlr_color_mix (&palette->background, &c, 0.45);
          mlr_cairo_set_color (cr, &stem);
          cairo_move_to (cr, px, mlr_plot_y (plot, 0));
          cairo_line_to (cr, px, py);
          cairo_stroke (cr);
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, r, 0, 2 * G_PI);
          cairo_fill_preserve (cr);
          cairo_save (cr);
          cairo_set_line_width (cr, 1);
          mlr_cairo_set_color (cr, &palette->background);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
  else
    {
      shade_to_x (cr, plot, pts, &cache->dist, x, &c);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < pts->len; i++)
        {
          const Point *p = &g_array_index (pts, Point, i);
          if (i == 0)
            cairo_move_to (cr, mlr_plot_x (plot, p->x), clamp_y (plot, p->y));
          else
            cairo_line_to (cr, mlr_plot_x (plot, p->x), clamp_y (plot, p->y));
        }
      mlr_cairo_set_color (cr, &c);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The largest bar of the histogram, as a density. */
static double
histogram_top (const MlrDistributionState *state)
{
  const guint *counts = mlr_distribution_state_get_counts (state);
  guint n = mlr_distribution_state_get_drawn (state), most = 0;
  double lo, w;

  if (n == 0)
    return 0;
  mlr_distribution_state_get_bins (state, &lo, &w);
  for (guint i = 0; i < mlr_distribution_state_get_n_bins (state); i++)
    most = MAX (most, counts[i]);
  return most / (n * w);
}

/* The draws (or means) as a density: each bar's area is its share of them. */
static void
draw_histogram (cairo_t                    *cr,
                const MlrPlot              *plot,
                const MlrPalette           *palette,
                const MlrDistributionState *state)
{
  const guint *counts = mlr_distribution_state_get_counts (state);
  guint n = mlr_distribution_state_get_drawn (state);
  MlrColor c = mlr_distribution_samples_color (palette);
  double lo, w;

  if (n == 0)
    return;
  mlr_distribution_state_get_bins (state, &lo, &w);
  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  for (guint i = 0; i < mlr_distribution_state_get_n_bins (state); i++)
    {
      double x0, x1, y;
      if (counts[i] == 0)
        continue;
      x0 = mlr_plot_x (plot, lo + i * w);
      x1 = mlr_plot_x (plot, lo + (i + 1) * w);
      y = clamp_y (plot, counts[i] / (n * w));
      /* a hairline gap between bars wide enough to show one */
      if (x1 - x0 > 4)
        x1 -= 1;
      cairo_rectangle (cr, x0, y, MAX (x1 - x0, 1), mlr_plot_y (plot, 0) - y);
    }
  mlr_cairo_set_color_alpha (cr, &c, palette->dark ? 0.75 : 0.55);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Vertical dashed lines at the mean and the mean ± 1, 2, 3 sd (those in view, and apart
 * enough to tell), labelled at the top where the label fits clear of the edges and of x's
 * handle at @x. */
static void
draw_sigma_marks (cairo_t          *cr,
                  const MlrPlot    *plot,
                  const MlrPalette *palette,
                  double            mean,
                  double            sd,
                  int               max_k,
                  double            x)
{
  static const char * const labels[] = { "−3σ", "−2σ", "−σ", "μ", "+σ", "+2σ", "+3σ" };
  double spacing = sd / (plot->xmax - plot->xmin) * plot->w;
  double dashes[] = { 4, 3 };
  double x_px = mlr_plot_x (plot, x);

  if (spacing < 10)
    max_k = 0;
  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dashes, 2, 0);
  for (int k = -max_k; k <= max_k; k++)
    {
      double v = mean + k * sd, px;
      if (v < plot->xmin || v > plot->xmax)
        continue;
      px = round (mlr_plot_x (plot, v)) + 0.5;
      mlr_cairo_set_color_alpha (cr, &palette->foreground, k == 0 ? 0.75 : 0.35);
      cairo_move_to (cr, px, plot->y0 + 16);
      cairo_line_to (cr, px, plot->y0 + plot->h);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  for (int k = -max_k; k <= max_k; k++)
    {
      double v = mean + k * sd, px, tw, th;
      if (v < plot->xmin || v > plot->xmax || (k != 0 && spacing < 30))
        continue;
      px = mlr_plot_x (plot, v);
      mlr_text_size (cr, palette, labels[k + 3], TEXT_SCALE, &tw, &th);
      if (px - tw / 2 < plot->x0 + 2 || px + tw / 2 > plot->x0 + plot->w - 2 ||
          fabs (px - x_px) < tw / 2 + 10)
        continue;
      mlr_draw_text (cr, palette, &palette->dim, labels[k + 3], px, plot->y0 + 1, 0.5, 0,
                     TEXT_SCALE);
    }
}

/* x's line across the plot, under the density (a stem at x stays visible). */
static void
draw_x_line (cairo_t                             *cr,
             const MlrPlot                       *plot,
             const MlrPalette                    *palette,
             const MlrDistributionState          *state,
             const MlrDistributionPainterOptions *options)
{
  double x = mlr_distribution_state_get_x (state), px;
  gboolean strong = options != NULL && (options->focused || options->dragging);

  if (x < plot->xmin || x > plot->xmax)
    return;
  px = round (mlr_plot_x (plot, x)) + 0.5;
  cairo_save (cr);
  cairo_set_line_width (cr, strong ? 2.5 : 1.5);
  mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.85);
  cairo_move_to (cr, px, plot->y0);
  cairo_line_to (cr, px, plot->y0 + plot->h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* x's handle: a dot where its line meets the density, a tab with "x" at the top. */
static void
draw_x (cairo_t                             *cr,
        const MlrPlot                       *plot,
        const MlrPalette                    *palette,
        const MlrDistributionState          *state,
        const MlrDistributionPainterOptions *options)
{
  double x = mlr_distribution_state_get_x (state);
  double pdf = mlr_distribution_state_get_pdf (state);
  gboolean strong = options != NULL && (options->focused || options->dragging);
  double px, py;

  if (x < plot->xmin || x > plot->xmax)
    {
      /* off the picture: an arrow at the edge it lies beyond */
      gboolean right = x > plot->xmax;
      const char *text = right ? "x →" : "← x";
      mlr_draw_text (cr, palette, &palette->foreground, text,
                     right ? plot->x0 + plot->w - 4 : plot->x0 + 4, plot->y0 + 18,
                     right ? 1 : 0, 0, TEXT_SCALE);
      return;
    }
  px = round (mlr_plot_x (plot, x)) + 0.5;
  cairo_save (cr);
  py = clamp_y (plot, pdf);
  if (py >= plot->y0)
    {
      cairo_new_path (cr);  /* text leaves a current point behind */
      cairo_arc (cr, px, py, strong ? 6 : 5, 0, 2 * G_PI);
      mlr_cairo_set_color (cr, &palette->background);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.5);
      mlr_cairo_set_color (cr, &palette->foreground);
      cairo_stroke (cr);
    }
  /* the handle: a tab at the top that says what to drag */
  {
    double tw, th;
    mlr_text_size (cr, palette, "x", TEXT_SCALE, &tw, &th);
    cairo_rectangle (cr, px - tw / 2 - 5, plot->y0, tw + 10, th + 2);
    mlr_cairo_set_color (cr, &palette->foreground);
    cairo_fill (cr);
    mlr_draw_text (cr, palette, &palette->background, "x", px, plot->y0 + 1, 0.5, 0,
                   TEXT_SCALE);
  }
  cairo_restore (cr);
}

/* The newest draw as a small triangle on the axis, while samples are still coming. */
static void
draw_last (cairo_t                    *cr,
           const MlrPlot              *plot,
           const MlrPalette           *palette,
           const MlrDistributionState *state)
{
  double v = mlr_distribution_state_get_last (state), px, py;
  MlrColor c = mlr_distribution_samples_color (palette);

  if (mlr_distribution_state_is_finished (state) || !isfinite (v) || v < plot->xmin ||
      v > plot->xmax)
    return;
  px = mlr_plot_x (plot, v);
  py = plot->y0 + plot->h;
  cairo_new_path (cr);
  cairo_move_to (cr, px, py - 11);
  cairo_line_to (cr, px - 6, py - 1);
  cairo_line_to (cr, px + 6, py - 1);
  cairo_close_path (cr);
  mlr_cairo_set_color (cr, &c);
  cairo_fill_preserve (cr);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* How many draws fell off either side of the picture. */
static void
draw_outside (cairo_t                    *cr,
              const MlrPlot              *plot,
              const MlrPalette           *palette,
              const MlrDistributionState *state)
{
  guint below, above;

  mlr_distribution_state_get_outside (state, &below, &above);
  if (below > 0)
    {
      g_autofree char *n = mlr_distribution_format_count (below);
      g_autofree char *text = g_strdup_printf ("← %s", n);
      mlr_draw_text (cr, palette, &palette->dim, text, plot->x0 + 4, plot->y0 + plot->h - 4,
                     0, 1, TEXT_SCALE);
    }
  if (above > 0)
    {
      g_autofree char *n = mlr_distribution_format_count (above);
      g_autofree char *text = g_strdup_printf ("%s →", n);
      mlr_draw_text (cr, palette, &palette->dim, text, plot->x0 + plot->w - 4,
                     plot->y0 + plot->h - 4, 1, 1, TEXT_SCALE);
    }
}

/* The normal N(mean, sd) the central limit theorem gives the means. */
static void
draw_normal (cairo_t          *cr,
             const MlrPlot    *plot,
             const MlrPalette *palette,
             double            mean,
             double            sd)
{
  MlrColor c = mlr_distribution_normal_color (palette);
  guint n = MAX (8, (guint) (plot->w / DENSITY_STEP));

  if (!(sd > 0))
    return;
  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  for (guint i = 0; i < n; i++)
    {
      double x = plot->xmin + (plot->xmax - plot->xmin) * i / (n - 1);
      double y = mlr_normal_pdf ((x - mean) / sd) / sd;
      if (i == 0)
        cairo_move_to (cr, mlr_plot_x (plot, x), clamp_y (plot, y));
      else
        cairo_line_to (cr, mlr_plot_x (plot, x), clamp_y (plot, y));
    }
  cairo_set_line_width (cr, 2.5);
  mlr_cairo_set_color (cr, &c);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The legend: on the title's line, right-aligned, where there is room beside the title
 * (@title_w wide); else in the top right corner of @plot. Curves get a line, bars a box. */
static void
draw_legend (cairo_t            *cr,
             const MlrPalette   *palette,
             int                 width,
             double              title_w,
             const MlrPlot      *plot,
             const char * const *labels,
             const MlrColor     *colors,
             const gboolean     *boxes,
             guint               n)
{
  double widths[4], total = 0, th = 0, x, y;

  g_return_if_fail (n <= G_N_ELEMENTS (widths));
  for (guint i = 0; i < n; i++)
    {
      mlr_text_size (cr, palette, labels[i], TEXT_SCALE, &widths[i], &th);
      total += 22 + widths[i] + (i + 1 < n ? 14 : 0);
    }
  if (MARGIN + title_w + 24 + total <= width - MARGIN)
    {
      x = width - MARGIN - total;
      y = MARGIN + 2;
    }
  else
    {
      /* a backing so the plot under it stays apart */
      x = plot->x0 + plot->w - total - 8;
      y = plot->y0 + 22;
      mlr_cairo_set_color_alpha (cr, &palette->background, 0.85);
      cairo_rectangle (cr, x - 4, y - 2, total + 8, th + 4);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n; i++)
    {
      double cy = y + th / 2;

      mlr_cairo_set_color (cr, &colors[i]);
      if (boxes[i])
        {
          cairo_rectangle (cr, x + 2, cy - 6, 14, 12);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, 3);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + 18, cy);
          cairo_stroke (cr);
        }
      mlr_draw_text (cr, palette, &palette->foreground, labels[i], x + 22, y, 0, 0, TEXT_SCALE);
      x += 22 + widths[i] + 14;
    }
}

/* How an axis over [lo, hi] is labelled so every tick reads true: shifted by @offset when
 * its values share their leading digits (a mean of 10^6 with a sd of 10^-6), and in units
 * of 10^@exponent when they are beyond 10^5 or below 10^-3 (the shared tick labels have one
 * significant digit there, and would repeat). */
static void
axis_units (double  lo,
            double  hi,
            double *offset,
            int    *exponent)
{
  double span = hi - lo, mag;

  *offset = 0;
  *exponent = 0;
  if (!(span > 0) || !isfinite (span))
    return;
  mag = MAX (fabs (lo), fabs (hi));
  if (mag / span >= 1000)
    {
      double step = pow (10, floor (log10 (span)));
      *offset = round ((lo / 2 + hi / 2) / step) * step;
      mag = MAX (fabs (lo - *offset), fabs (hi - *offset));
    }
  if (mag >= 1e5 || mag < 1e-3)
    *exponent = (int) floor (log10 (mag));
}

/* "×10⁻⁶" */
static void
append_power (GString *s,
              int      exponent)
{
  static const char * const digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char buf[16];

  g_string_append (s, "×10");
  if (exponent < 0)
    g_string_append (s, "⁻");
  g_snprintf (buf, sizeof buf, "%d", ABS (exponent));
  for (const char *c = buf; *c; c++)
    g_string_append (s, digits[*c - '0']);
}

/* The plot's axes with labels that read true at any scale (see axis_units). @x_label and
 * @y_label may be NULL (no label, unless the units need one). */
static void
draw_axes (cairo_t          *cr,
           const MlrPlot    *plot,
           const MlrPalette *palette,
           const char       *x_label,
           const char       *y_label)
{
  MlrPlot scaled = *plot;
  double x_off, y_off;
  int x_exp, y_exp;
  g_autoptr(GString) xl = g_string_new (x_label);
  g_autoptr(GString) yl = g_string_new (y_label);

  axis_units (plot->xmin, plot->xmax, &x_off, &x_exp);
  axis_units (plot->ymin, plot->ymax, &y_off, &y_exp);
  scaled.xmin = (plot->xmin - x_off) / pow (10, x_exp);
  scaled.xmax = (plot->xmax - x_off) / pow (10, x_exp);
  scaled.ymin = (plot->ymin - y_off) / pow (10, y_exp);
  scaled.ymax = (plot->ymax - y_off) / pow (10, y_exp);
  if (x_off != 0 || x_exp != 0)
    {
      if (xl->len == 0)
        g_string_append (xl, "x");
      if (x_off != 0)
        {
          g_autofree char *o = mlr_distribution_format_number (fabs (x_off), 15);
          g_string_append_printf (xl, " %s %s", x_off > 0 ? "−" : "+", o);
        }
      if (x_exp != 0)
        {
          g_string_append (xl, " (");
          append_power (xl, x_exp);
          g_string_append (xl, ")");
        }
    }
  if (y_exp != 0 && yl->len > 0)
    {
      g_string_append (yl, " (");
      append_power (yl, y_exp);
      g_string_append (yl, ")");
    }
  mlr_plot_draw_axes (cr, &scaled, palette, xl->len ? xl->str : NULL,
                      yl->len ? yl->str : NULL, TRUE);
}

/* A line of text, shrunk (not below 11 px) to fit @width. */
static void
draw_line (cairo_t          *cr,
           const MlrPalette *palette,
           const MlrColor   *color,
           const char       *text,
           double            x,
           double            y,
           double            width,
           double            scale)
{
  double tw, th;

  mlr_text_size (cr, palette, text, scale, &tw, &th);
  if (tw > width && tw > 0)
    scale = MAX (scale * width / tw, 11.0 / palette->font_size);
  mlr_draw_text (cr, palette, color, text, x, y, 0, 0, scale);
}

static double
title_width (cairo_t          *cr,
             const MlrPalette *palette,
             const char       *title)
{
  double tw, th;

  mlr_text_size (cr, palette, title, 1.1, &tw, &th);
  return tw;
}

/* The lines of numbers; returns the width of the title (the legend goes right of it). */
static double
draw_header (cairo_t                    *cr,
             const MlrPalette           *palette,
             const MlrDistributionState *state,
             const MlrDistributionLayout *L,
             int                         width)
{
  const MlrDistribution *d = mlr_distribution_state_get_distribution (state);
  gboolean discrete = mlr_distribution_is_discrete (d);
  double lh = line_height (palette), y = L->header_y, w = width - 2 * MARGIN;
  double mean = mlr_distribution_state_get_mean (state);
  double var = mlr_distribution_state_get_variance (state);
  guint drawn = mlr_distribution_state_get_drawn (state);
  guint samples = mlr_distribution_state_get_samples (state);
  g_autofree char *title = mlr_distribution_describe_params (state);
  g_autofree char *m = mlr_distribution_format_near (mean, sqrt (var));
  g_autofree char *v = mlr_distribution_format_number (var, 4);
  g_autofree char *s = mlr_distribution_format_number (sqrt (var), 4);
  g_autofree char *x = mlr_distribution_format_near (mlr_distribution_state_get_x (state),
                                                     mlr_distribution_state_x_step (state) / 50);
  g_autofree char *f = mlr_distribution_format_number (mlr_distribution_state_get_pdf (state),
                                                       4);
  g_autofree char *F = mlr_distribution_format_probability (mlr_distribution_state_get_cdf (state));
  g_autofree char *line1 = g_strdup_printf (_("mean %s · variance %s · sd %s"), m, v, s);
  g_autofree char *line2 = discrete
    ? g_strdup_printf (_("x = %s:  P(X = x) = %s · P(X ≤ x) = %s"), x, f, F)
    : g_strdup_printf (_("x = %s:  density f(x) = %s · P(X ≤ x) = %s"), x, f, F);
  g_autofree char *line3 = NULL;
  g_autofree char *line4 = NULL;
  g_autofree char *of = NULL;
  g_autofree char *total = mlr_distribution_format_count (samples);
  g_autofree char *done = mlr_distribution_format_count (drawn);
  double sm, sv;

  of = drawn == samples ? g_strdup (total) : g_strdup_printf (_("%s of %s"), done, total);
  if (mlr_distribution_state_get_mode (state) == MLR_DISTRIBUTION_MODE_CLT)
    {
      guint n = mlr_distribution_state_get_n (state);
      double clt_sd = mlr_distribution_state_get_clt_sd (state), sk;
      g_autofree char *se = mlr_distribution_format_number (clt_sd, 4);
      g_autofree char *skew = NULL;

      if (mlr_distribution_state_get_means_stats (state, &sm, &sv))
        {
          g_autofree char *a = mlr_distribution_format_near (sm, clt_sd);
          g_autofree char *b = mlr_distribution_format_number (sv, 4);
          line3 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s means of n = %u draw: their mean %s · sd %s",
                                                "%s means of n = %u draws: their mean %s · sd %s",
                                                n),
                                   of, n, a, b);
        }
      else
        line3 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s means of n = %u draw",
                                              "%s means of n = %u draws", n), of, n);
      if (mlr_distribution_state_get_means_skewness (state, &sk))
        {
          skew = mlr_distribution_format_number (sk, 3);
          line4 = g_strdup_printf (_("the CLT's sd σ/√n = %s · the means' skewness %s (0 for a "
                                     "normal)"), se, skew);
        }
      else
        line4 = g_strdup_printf (_("the CLT's sd σ/√n = %s"), se);
    }
  else if (mlr_distribution_state_get_sample_stats (state, &sm, &sv))
    {
      g_autofree char *a = mlr_distribution_format_near (sm, sqrt (var));
      g_autofree char *b = mlr_distribution_format_number (sv, 4);
      line3 = g_strdup_printf (_("%s samples: mean %s · variance %s (divided by n − 1)"), of,
                               a, b);
    }
  else
    line3 = g_strdup_printf (_("%s samples drawn"), of);

  draw_line (cr, palette, &palette->foreground, title, MARGIN, y, w, 1.1);
  y += lh * 1.1 + 2;
  draw_line (cr, palette, &palette->foreground, line1, MARGIN, y, w, TEXT_SCALE);
  y += lh;
  draw_line (cr, palette, &palette->foreground, line2, MARGIN, y, w, TEXT_SCALE);
  y += lh;
  draw_line (cr, palette, &palette->dim, line3, MARGIN, y, w, TEXT_SCALE);
  if (line4 != NULL)
    {
      y += lh;
      draw_line (cr, palette, &palette->dim, line4, MARGIN, y, w, TEXT_SCALE);
    }
  return title_width (cr, palette, title);
}

/* ---------------------------------------------------------------- the whole */

/**
 * mlr_distribution_painter_draw:
 * Paints the demo. @options may be NULL (a still picture); @cache may be NULL (the density
 * is sampled for this paint only).
 */
void
mlr_distribution_painter_draw (cairo_t                             *cr,
                               int                                  width,
                               int                                  height,
                               const MlrPalette                    *palette,
                               const MlrDistributionState          *state,
                               const MlrDistributionPainterOptions *options,
                               MlrDistributionPainterCache         *cache)
{
  g_autoptr(MlrDistributionPainterCache) own = NULL;
  const MlrDistribution *d = mlr_distribution_state_get_distribution (state);
  gboolean clt = mlr_distribution_state_get_mode (state) == MLR_DISTRIBUTION_MODE_CLT;
  gboolean discrete = mlr_distribution_is_discrete (d);
  double mean = mlr_distribution_state_get_mean (state);
  double sd = sqrt (mlr_distribution_state_get_variance (state));
  MlrDistributionLayout L;
  MlrPlot *xp;
  MlrColor colors[2];
  const char *labels[2];
  const gboolean boxes[2] = { FALSE, TRUE };
  double title_w;

  if (cache == NULL)
    cache = own = mlr_distribution_painter_cache_new ();
  mlr_distribution_painter_layout (width, height, palette, state, &L);
  xp = L.has_source ? &L.source : &L.main;
  ensure_density (cache, d, xp->xmin, xp->xmax, (int) xp->w);

  title_w = draw_header (cr, palette, state, &L, width);

  /* the distribution: alone, or as the strip above the means */
  xp->ymin = 0;
  xp->ymax = MAX (cache->top, clt ? 0 : MIN (histogram_top (state),
                                             unbounded (d) ? cache->top : G_MAXDOUBLE)) * 1.12;
  if (!(xp->ymax > 0))
    xp->ymax = 1;
  draw_axes (cr, xp, palette, clt ? NULL : _("x"),
             clt ? NULL : discrete ? _("probability") : _("density"));
  if (!clt)
    draw_histogram (cr, xp, palette, state);
  draw_x_line (cr, xp, palette, state, options);
  draw_density (cr, xp, palette, cache, mlr_distribution_state_get_x (state));
  draw_sigma_marks (cr, xp, palette, mean, sd, 3, mlr_distribution_state_get_x (state));
  draw_x (cr, xp, palette, state, options);

  if (clt)
    {
      double se = mlr_distribution_state_get_clt_sd (state);
      guint n = mlr_distribution_state_get_n (state);
      g_autofree char *axis = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "mean of %u draw",
                                                            "mean of %u draws", n), n);

      L.main.ymin = 0;
      L.main.ymax = MAX (se > 0 ? mlr_normal_pdf (0) / se : 0, histogram_top (state)) * 1.12;
      if (!(L.main.ymax > 0))
        L.main.ymax = 1;
      draw_axes (cr, &L.main, palette, axis, _("density"));
      draw_histogram (cr, &L.main, palette, state);
      draw_normal (cr, &L.main, palette, mean, se);
      draw_sigma_marks (cr, &L.main, palette, mean, 0, 0, G_MAXDOUBLE);
      draw_last (cr, &L.main, palette, state);
      draw_outside (cr, &L.main, palette, state);
      colors[0] = mlr_distribution_normal_color (palette);
      colors[1] = mlr_distribution_samples_color (palette);
      labels[0] = _("normal, sd σ/√n");
      labels[1] = _("sample means");
      draw_legend (cr, palette, width, title_w, &L.main, labels, colors, boxes, 2);
    }
  else
    {
      draw_last (cr, xp, palette, state);
      draw_outside (cr, xp, palette, state);
      colors[0] = mlr_distribution_density_color (palette);
      colors[1] = mlr_distribution_samples_color (palette);
      labels[0] = discrete ? _("P(X = k)") : _("density");
      labels[1] = _("samples");
      draw_legend (cr, palette, width, title_w, xp, labels, colors, boxes, 2);
    }
}
