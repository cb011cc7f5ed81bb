/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-abtest-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MARGIN 16
#define TITLE_H 30
#define AXIS_H 50        /* tick labels and the axis title under the plot */
#define KEY_H 56         /* the key above the plot */
#define TEXT 1.0         /* text scales: 12 px × 0.95 ≥ 11 px, the smallest on the canvas */
#define SMALL 0.95
#define NARROW 640       /* below this width the panel goes under the plot */

/* ---------------------------------------------------------------- words and numbers */

/* "47.4%": three significant digits, never "100%" for less than all nor "0%" for more than
 * none. */
char *
mlr_abtest_format_percent (double share)
{
  double x = 100 * share;

  for (int digits = 3; digits <= 10; digits++)
    {
      char format[8], buf[G_ASCII_DTOSTR_BUF_SIZE];
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, x);
      back = g_ascii_strtod (buf, NULL);
      if ((share >= 1 || back < 100) && (share <= 0 || back > 0) && !strchr (buf, 'e'))
        return g_strdup_printf ("%s%%", buf);
    }
  return share < 1e-6 ? g_strdup ("< 0.0001%") : g_strdup ("> 99.9999%");
}

/* A difference in percentage points: 0.006 -> "+0.60 pp" (@sign), "0.60 pp". Two decimals
 * down to 0.1 point, then three significant digits. */
char *
mlr_abtest_format_points (double   difference,
                          gboolean sign)
{
  double pp = 100 * difference;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *prefix = "";

  if (fabs (pp) < 5e-13)
    pp = 0;
  if (fabs (pp) >= 0.1 || pp == 0)
    g_ascii_formatd (buf, sizeof buf, "%.2f", fabs (pp));
  else
    g_ascii_formatd (buf, sizeof buf, "%.3g", fabs (pp));
  if (pp < 0)
    prefix = "−";
  else if (sign && pp > 0)
    prefix = "+";
  /* TRANSLATORS: a difference in percentage points, e.g. "+0.60 pp" */
  return g_strdup_printf (_("%s%s pp"), prefix, buf);
}

/* 21882 -> "21,882" */
char *
mlr_abtest_format_count (double n)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", round (fabs (n)));
  GString *s = g_string_new (n < 0 ? "−" : NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------- layout */

/* The x range of the distributions: both curves to ±4.2 standard errors, widened to
 * multiples of a round unit so that it moves in steps — between steps a larger n visibly
 * narrows the curves. */
static void
x_range (const MlrAbtestState *state,
         double               *xmin,
         double               *xmax)
{
  double se = mlr_abtest_state_get_se (state), lift = mlr_abtest_state_get_lift (state);
  double lo = MIN (0, lift) - 4.2 * se, hi = MAX (0, lift) + 4.2 * se;
  double raw = (hi - lo) / 10, mag = pow (10, floor (log10 (raw))), unit;

  unit = raw / mag > 5 ? 10 * mag : raw / mag > 2 ? 5 * mag : raw / mag > 1 ? 2 * mag : mag;
  *xmin = floor (lo / unit) * unit;
  *xmax = ceil (hi / unit) * unit;
}

/**
 * mlr_abtest_painter_layout:
 * Where the plot and the panel go on a @width × @height canvas; the plot's x range follows
 * the state unless @options locks it.
 */
void
mlr_abtest_painter_layout (int                            width,
                           int                            height,
                           const MlrAbtestState          *state,
                           const MlrAbtestPainterOptions *options,
                           MlrAbtestLayout               *layout)
{
  double xmin, xmax, px, pw, ph;

  if (options != NULL && options->lock_view && options->xmax > options->xmin)
    {
      xmin = options->xmin;
      xmax = options->xmax;
    }
  else
    x_range (state, &xmin, &xmax);

  layout->stacked = width < NARROW;
  px = MARGIN + 4;
  if (layout->stacked)
    {
      pw = width - 2 * px;
      ph = MAX (80, height * 0.5 - TITLE_H - KEY_H - AXIS_H);
      layout->panel_x = MARGIN;
      layout->panel_y = TITLE_H + KEY_H + ph + AXIS_H + 12;
      layout->panel_w = width - 2 * MARGIN;
      layout->panel_h = height - layout->panel_y - MARGIN / 2;
    }
  else
    {
      pw = floor (width * 0.6) - px;
      ph = MAX (80, height - TITLE_H - KEY_H - AXIS_H - 8);
      layout->panel_x = px + pw + 2.5 * MARGIN;
      layout->panel_y = TITLE_H + 4;
      layout->panel_w = width - layout->panel_x - MARGIN;
      layout->panel_h = height - layout->panel_y - MARGIN / 2;
    }
  mlr_plot_init (&layout->plot, px, TITLE_H + KEY_H, pw, ph, xmin, xmax, 0, 1.25, FALSE);
}

/* ---------------------------------------------------------------- the distributions */

static double
bell (double x,
      double mean,
      double se)
{
  double u = (x - mean) / se;

  return exp (-0.5 * u * u);
}

/* The area under the bell centred on @mean between @a and @b (clipped to the plot), or its
 * outline when @outline. */
static void
bell_path (cairo_t       *cr,
           const MlrPlot *plot,
           double         mean,
           double         se,
           double         a,
           double         b,
           gboolean       outline)
{
  int steps;

  a = MAX (a, plot->xmin);
  b = MIN (b, plot->xmax);
  if (b <= a)
    return;
  /* a vertex every 3 px: a bell is at least 40 px wide, and cairo's cost is in the vertices */
  steps = MAX (8, (int) ((mlr_plot_x (plot, b) - mlr_plot_x (plot, a)) / 3));
  if (outline)
    cairo_move_to (cr, mlr_plot_x (plot, a), mlr_plot_y (plot, bell (a, mean, se)));
  else
    {
      cairo_move_to (cr, mlr_plot_x (plot, a), mlr_plot_y (plot, 0));
      cairo_line_to (cr, mlr_plot_x (plot, a), mlr_plot_y (plot, bell (a, mean, se)));
    }
  for (int i = 1; i <= steps; i++)
    {
      double x = a + (b - a) * i / steps;
      cairo_line_to (cr, mlr_plot_x (plot, x), mlr_plot_y (plot, bell (x, mean, se)));
    }
  if (!outline)
    {
      cairo_line_to (cr, mlr_plot_x (plot, b), mlr_plot_y (plot, 0));
      cairo_close_path (cr);
    }
}

/* The rejection region [lo, hi] pieces of the x axis: two for a two-sided test. */
static guint
rejection_region (const MlrAbtestState *state,
                  double                lo[2],
                  double                hi[2])
{
  double c = mlr_abtest_state_get_critical_z (state) * mlr_abtest_state_get_se (state);

  lo[0] = c;
  hi[0] = INFINITY;
  if (mlr_abtest_state_get_tails (state) == 1)
    return 1;
  lo[1] = -INFINITY;
  hi[1] = -c;
  return 2;
}

static MlrColor
h0_color (const MlrPalette *palette)
{
  return palette->classes[5];   /* vermillion: the false positives */
}

static MlrColor
h1_color (const MlrPalette *palette)
{
  return palette->classes[0];   /* blue: the power */
}

/* H₁'s blue as text: lighter on a dark background, where the fill colour is too dim to read. */
static MlrColor
h1_text_color (const MlrPalette *palette)
{
  MlrColor white = { 1, 1, 1, 1 };

  return palette->dark ? mlr_color_mix (&palette->classes[0], &white, 0.4) : palette->classes[0];
}

/* "= 47.4%", or "> 99.9999%" where the share rounds to all: for "power %s". */
static char *
format_relation (double share)
{
  g_autofree char *pct = mlr_abtest_format_percent (share);

  return pct[0] == '<' || pct[0] == '>' ? g_strdup (pct) : g_strdup_printf ("= %s", pct);
}

/* Text on the plot over a patch of background, so the curves and lines under it do not
 * cross it; kept inside the plot's width. */
static void
halo_text (cairo_t          *cr,
           const MlrPalette *palette,
           const MlrPlot    *plot,
           const MlrColor   *color,
           const char       *text,
           double            x,
           double            y,
           double            halign,
           double            valign)
{
  double w, h, left;

  mlr_text_size (cr, palette, text, 0.95, &w, &h);
  left = CLAMP (x - halign * w, plot->x0, MAX (plot->x0, plot->x0 + plot->w - w));
  mlr_cairo_set_color_alpha (cr, &palette->background, 0.85);
  cairo_rectangle (cr, round (left) - 2, round (y - valign * h), w + 4, h);
  cairo_fill (cr);
  mlr_draw_text (cr, palette, color, text, left, y, 0, valign, 0.95);
}

/* @text at (@x, @y), broken between words into lines no wider than @width (a word longer
 * than that gets a line of its own). Returns the height drawn. Measuring costs a layout per
 * word added, so it is for the panel's few sentences, not for labels drawn by the dozen. */
static double
draw_wrapped (cairo_t          *cr,
              const MlrPalette *palette,
              const MlrColor   *color,
              const char       *text,
              double            x,
              double            y,
              double            width,
              double            scale)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double line_h = ceil (mlr_text_pixels (palette, scale) * 1.35), top = y, w, h;
  GString *line = g_string_new (NULL);

  mlr_text_size (cr, palette, text, scale, &w, &h);
  if (w <= width)
    {
      mlr_draw_text (cr, palette, color, text, x, y, 0, 0, scale);
      g_string_free (line, TRUE);
      return line_h;
    }
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize before = line->len;

      g_string_append_printf (line, "%s%s", before ? " " : "", words[i]);
      mlr_text_size (cr, palette, line->str, scale, &w, &h);
      if (w > width && before > 0)
        {
          g_string_truncate (line, before);
          mlr_draw_text (cr, palette, color, line->str, x, y, 0, 0, scale);
          y += line_h;
          g_string_assign (line, words[i]);
        }
    }
  if (line->len > 0)
    {
      mlr_draw_text (cr, palette, color, line->str, x, y, 0, 0, scale);
      y += line_h;
    }
  g_string_free (line, TRUE);
  return y - top;
}

/* "−1.177": three decimals and a true minus sign. */
static char *
format_signed (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3f", fabs (v));
  return g_strdup_printf ("%s%s", v < 0 && g_ascii_strtod (buf, NULL) > 0 ? "−" : "", buf);
}

/* The x axis in percentage points, with ticks at least 11 px tall. */
static void
draw_x_axis (cairo_t          *cr,
             const MlrPlot    *plot,
             const MlrPalette *palette)
{
  double ticks[32], base = plot->y0 + plot->h;
  guint n = mlr_nice_ticks (100 * plot->xmin, 100 * plot->xmax, MAX (2, (guint) (plot->w / 80)),
                            ticks, 32);
  char buf[32];

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  mlr_cairo_set_color (cr, &palette->dim);
  cairo_move_to (cr, plot->x0, round (base) + 0.5);
  cairo_line_to (cr, plot->x0 + plot->w, round (base) + 0.5);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      double px = round (mlr_plot_x (plot, ticks[i] / 100)) + 0.5;

      cairo_move_to (cr, px, base);
      cairo_line_to (cr, px, base + 4);
      cairo_stroke (cr);
      mlr_format_tick (ticks[i], n > 1 ? ticks[1] - ticks[0] : 1, buf, sizeof buf);
      mlr_draw_text (cr, palette, &palette->dim, buf, px, base + 6, 0.5, 0, SMALL);
    }
  mlr_draw_text (cr, palette, &palette->dim,
                 _("observed difference B − A (percentage points)"),
                 plot->x0 + plot->w / 2, base + 25, 0.5, 0, SMALL);
  cairo_restore (cr);
}

/* A swatch, a label: one line of the plot's key. Returns the line's height. */
static double
key_row (cairo_t          *cr,
         const MlrPalette *palette,
         double            x,
         double            y,
         const MlrColor   *color,
         double            alpha,
         const char       *text)
{
  /* a line's height from the font size: measuring each line would cost a layout apiece */
  double th = ceil (mlr_text_pixels (palette, SMALL) * 1.35);

  mlr_cairo_set_color_alpha (cr, color, alpha);
  cairo_rectangle (cr, x, y + th / 2 - 6, 12, 12);
  cairo_fill (cr);
  mlr_draw_text (cr, palette, &palette->foreground, text, x + 18, y, 0, 0, SMALL);
  return th + 2;
}

static void
draw_distributions (cairo_t              *cr,
                    const MlrPalette     *palette,
                    const MlrAbtestState *state,
                    const MlrPlot        *plot)
{
  double se = mlr_abtest_state_get_se (state), lift = mlr_abtest_state_get_lift (state);
  double crit = mlr_abtest_state_get_critical_z (state);
  double alpha = mlr_abtest_state_get_alpha (state), power = mlr_abtest_state_get_power (state);
  MlrColor c0 = h0_color (palette), c1 = h1_color (palette);
  double lo[2], hi[2];
  guint n_regions = rejection_region (state, lo, hi);
  double top = plot->y0;
  gboolean right = lift >= 0;

  cairo_save (cr);
  mlr_plot_clip (cr, plot);

  /* H₁: what is missed (β) faintly, the power strongly; with no lift H₁ is H₀ */
  if (lift != 0)
    {
      bell_path (cr, plot, lift, se, plot->xmin, plot->xmax, FALSE);
      mlr_cairo_set_color_alpha (cr, &c1, 0.10);
      cairo_fill (cr);
      for (guint r = 0; r < n_regions; r++)
        bell_path (cr, plot, lift, se, lo[r], hi[r], FALSE);
      mlr_cairo_set_color_alpha (cr, &c1, 0.45);
      cairo_fill (cr);
    }
  /* H₀'s tails beyond the critical values: α, hatched over the blue so both show */
  for (guint r = 0; r < n_regions; r++)
    bell_path (cr, plot, 0, se, lo[r], hi[r], FALSE);
  mlr_cairo_set_color_alpha (cr, &c0, 0.55);
  cairo_fill (cr);

  cairo_set_line_width (cr, 2);
  bell_path (cr, plot, 0, se, plot->xmin, plot->xmax, TRUE);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_stroke (cr);
  if (lift != 0)
    {
      bell_path (cr, plot, lift, se, plot->xmin, plot->xmax, TRUE);
      mlr_cairo_set_color (cr, &c1);
      cairo_stroke (cr);
    }

  /* the critical values */
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
  mlr_cairo_set_color (cr, &palette->foreground);
  for (guint r = 0; r < n_regions; r++)
    {
      double x = round (mlr_plot_x (plot, r == 0 ? lo[0] : hi[1])) + 0.5;
      cairo_move_to (cr, x, mlr_plot_y (plot, 1.14));
      cairo_line_to (cr, x, plot->y0 + plot->h);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* words on the picture */
  {
    g_autofree char *cv = mlr_abtest_format_points (crit * se, FALSE);
    g_autofree char *cv_text = NULL;
    double x = mlr_plot_x (plot, crit * se);
    g_autofree char *h1 = NULL;
    g_autofree char *lift_text = mlr_abtest_format_points (lift, TRUE);
    MlrColor t1 = h1_text_color (palette);

    if (n_regions == 2)
      cv_text = g_strdup_printf (_("critical values ±%s"), cv);
    else
      cv_text = g_strdup_printf (_("critical value %s"), cv);
    if (x > plot->x0 + 40 && x < plot->x0 + plot->w - 20)
      halo_text (cr, palette, plot, &palette->foreground, cv_text,
                 MIN (x + 4, plot->x0 + plot->w - 4), mlr_plot_y (plot, 1.14),
                 x + 8 > plot->x0 + plot->w * 0.7 ? 1 : 0, 1);

    /* H₀ on the side away from H₁, H₁ beyond its peak; one label when they coincide */
    if (lift == 0)
      halo_text (cr, palette, plot, &palette->foreground, _("H₀ = H₁: no lift (an A/A test)"),
                 mlr_plot_x (plot, 0), mlr_plot_y (plot, 1.02), 0.5, 1);
    else
      {
        h1 = g_strdup_printf (_("H₁: lift %s"), lift_text);
        halo_text (cr, palette, plot, &palette->foreground, _("H₀: no difference"),
                   mlr_plot_x (plot, 0) + (right ? -6 : 6), mlr_plot_y (plot, 1.02),
                   right ? 1 : 0, 1);
        halo_text (cr, palette, plot, &t1, h1, mlr_plot_x (plot, lift) + (right ? 6 : -6),
                   mlr_plot_y (plot, 1.02) - (fabs (lift) < 0.3 * se ? 16 : 0),
                   right ? 0 : 1, 1);
      }
  }

  /* the key, top left */
  {
    g_autofree char *a = format_relation (alpha);
    g_autofree char *p = format_relation (power);
    g_autofree char *b = format_relation (1 - power);
    /* TRANSLATORS: %s is "= 5%" (or "< 0.0001%") */
    g_autofree char *ka = g_strdup_printf (_("α %s: false positives under H₀"), a);
    g_autofree char *kp = g_strdup_printf (_("power %s: detected under H₁"), p);
    g_autofree char *kb = g_strdup_printf (_("β %s: missed under H₁"), b);
    double y = top - KEY_H + 2, x = plot->x0 + 6;

    y += key_row (cr, palette, x, y, &c0, 0.75, ka);
    if (lift == 0)
      /* no lift: every rejection is a false positive, and "power" is α */
      mlr_draw_text (cr, palette, &palette->dim, _("no lift: every “winner” is a false "
                                                   "positive"), x, y, 0, 0, SMALL);
    else
      {
        y += key_row (cr, palette, x, y, &c1, 0.6, kp);
        key_row (cr, palette, x, y, &c1, 0.15, kb);
      }
  }
  draw_x_axis (cr, plot, palette);
}

/* ---------------------------------------------------------------- the panel */

/* A label on the left, a value on the right of the panel (on a line of its own under the
 * label when both do not fit). Returns the height used. */
static double
panel_row (cairo_t               *cr,
           const MlrPalette      *palette,
           const MlrAbtestLayout *L,
           double                 y,
           const char            *label,
           const char            *value)
{
  double th = ceil (mlr_text_pixels (palette, TEXT) * 1.35), lw, vw, h;

  mlr_text_size (cr, palette, label, TEXT, &lw, &h);
  mlr_text_size (cr, palette, value, TEXT, &vw, &h);
  mlr_draw_text (cr, palette, &palette->dim, label, L->panel_x, y, 0, 0, TEXT);
  if (lw + vw + 12 <= L->panel_w)
    {
      mlr_draw_text (cr, palette, &palette->foreground, value, L->panel_x + L->panel_w, y, 1,
                     0, TEXT);
      return th + 5;
    }
  return th + draw_wrapped (cr, palette, &palette->foreground, value, L->panel_x + 12, y + th,
                            L->panel_w - 12, TEXT) + 5;
}

/* Power against users per arm, log x: the 80% line, this n, and the n 80% needs. */
static void
draw_power_curve (cairo_t              *cr,
                  const MlrPalette     *palette,
                  const MlrAbtestState *state,
                  double                x0,
                  double                y0,
                  double                w,
                  double                h)
{
  double n = mlr_abtest_state_get_n (state), n80 = mlr_abtest_state_get_n_for_80 (state);
  double lo_n = isfinite (n80) ? MIN (n, n80) : n, hi_n = isfinite (n80) ? MAX (n, n80) : n;
  double e0 = floor (log10 (lo_n)) - 1, e1 = ceil (log10 (hi_n)) + 1;
  MlrColor c1 = h1_color (palette);
  MlrPlot plot;
  int steps;

  e0 = MAX (0, e0);
  e1 = MAX (e1, e0 + 2);
  mlr_draw_text (cr, palette, &palette->dim, _("Power against users per arm"), x0, y0, 0, 0,
                 SMALL);
  y0 += 22;
  h -= 22 + 40;
  if (h < 40 || w < 120)
    return;
  mlr_plot_init (&plot, x0 + 34, y0, w - 40, h, e0, e1, 0, 1, FALSE);

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  /* y: 0, 50%, 100%, and the 80% goal dashed */
  for (int i = 0; i <= 2; i++)
    {
      double py = round (mlr_plot_y (&plot, i / 2.0)) + 0.5;
      char label[8];
      mlr_cairo_set_color_alpha (cr, &palette->grid, 0.8);
      cairo_move_to (cr, plot.x0, py);
      cairo_line_to (cr, plot.x0 + plot.w, py);
      cairo_stroke (cr);
      g_snprintf (label, sizeof label, "%d%%", i * 50);
      mlr_draw_text (cr, palette, &palette->dim, label, plot.x0 - 4, py, 1, 0.5, SMALL);
    }
  /* decades along x */
  for (double e = e0; e <= e1 + 1e-9; e += e1 - e0 > 6 ? 2 : 1)
    {
      double px = round (mlr_plot_x (&plot, e)) + 0.5;
      g_autofree char *label = e < 3 ? mlr_abtest_format_count (pow (10, e))
                                     : g_strdup_printf ("10%s", (const char *[]) {
                                         "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
                                         "¹⁰", "¹¹", "¹²", "¹³", "¹⁴", "¹⁵", "¹⁶", "¹⁷",
                                         "¹⁸" }[(int) CLAMP (e, 0, 18)]);
      mlr_cairo_set_color (cr, &palette->dim);
      cairo_move_to (cr, px, plot.y0 + plot.h);
      cairo_line_to (cr, px, plot.y0 + plot.h + 4);
      cairo_stroke (cr);
      mlr_draw_text (cr, palette, &palette->dim, label, px, plot.y0 + plot.h + 5, 0.5, 0,
                     SMALL);
    }
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  mlr_cairo_set_color (cr, &palette->dim);
  cairo_move_to (cr, plot.x0, round (mlr_plot_y (&plot, MLR_ABTEST_POWER_GOAL)) + 0.5);
  cairo_line_to (cr, plot.x0 + plot.w, round (mlr_plot_y (&plot, MLR_ABTEST_POWER_GOAL)) + 0.5);
  cairo_stroke (cr);
  if (isfinite (n80))
    {
      double px = round (mlr_plot_x (&plot, log10 (n80))) + 0.5;
      cairo_move_to (cr, px, plot.y0);
      cairo_line_to (cr, px, plot.y0 + plot.h);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  /* the curve */
  steps = MAX (16, (int) (plot.w / 3));
  cairo_set_line_width (cr, 2);
  mlr_cairo_set_color (cr, &c1);
  for (int i = 0; i <= steps; i++)
    {
      double e = e0 + (e1 - e0) * i / steps;
      double y = mlr_abtest_state_power_at (state, pow (10, e));
      if (i == 0)
        cairo_move_to (cr, mlr_plot_x (&plot, e), mlr_plot_y (&plot, y));
      else
        cairo_line_to (cr, mlr_plot_x (&plot, e), mlr_plot_y (&plot, y));
    }
  cairo_stroke (cr);
  /* this n */
  cairo_arc (cr, mlr_plot_x (&plot, log10 (n)),
             mlr_plot_y (&plot, mlr_abtest_state_get_power (state)), 5, 0, 2 * G_PI);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_fill (cr);
  cairo_restore (cr);
  mlr_draw_text (cr, palette, &palette->dim, _("users per arm (log scale)"),
                 plot.x0 + plot.w / 2, plot.y0 + plot.h + 22, 0.5, 0, SMALL);
}

/* What 80% power needs, in words. */
static char *
n_for_80_text (const MlrAbtestState *state)
{
  double n80 = mlr_abtest_state_get_n_for_80 (state);

  if (isfinite (n80))
    {
      g_autofree char *count = mlr_abtest_format_count (n80);
      return g_strdup_printf (_("%s per arm"), count);
    }
  if (mlr_abtest_state_get_lift (state) == 0)
    return g_strdup (_("none: there is no lift"));
  if (mlr_abtest_state_get_tails (state) == 1 && mlr_abtest_state_get_lift (state) < 0)
    return g_strdup (_("none: B is worse, the test looks for better"));
  return g_strdup (_("more than 10¹⁵ per arm"));
}

static void
draw_power_panel (cairo_t               *cr,
                  const MlrPalette      *palette,
                  const MlrAbtestState  *state,
                  const MlrAbtestLayout *L)
{
  double y = L->panel_y, se = mlr_abtest_state_get_se (state);
  double crit = mlr_abtest_state_get_critical_z (state);
  g_autofree char *power = mlr_abtest_format_percent (mlr_abtest_state_get_power (state));
  g_autofree char *lift = mlr_abtest_format_points (mlr_abtest_state_get_lift (state), TRUE);
  g_autofree char *detect = g_strdup_printf (_("chance to detect a lift of %s"), lift);
  g_autofree char *crit_text = NULL;
  g_autofree char *se_text = mlr_abtest_format_points (se, FALSE);
  g_autofree char *crit_pp = mlr_abtest_format_points (crit * se, FALSE);
  g_autofree char *n80 = n_for_80_text (state);

  crit_text = g_strdup_printf (mlr_abtest_state_get_tails (state) == 2 ? "±%.3f SE = ±%s"
                                                                        : "%.3f SE = %s",
                               crit, crit_pp);
  mlr_draw_text (cr, palette, &palette->dim, _("Power"), L->panel_x, y, 0, 0, TEXT);
  y += 18;
  mlr_draw_text (cr, palette, &palette->foreground, power, L->panel_x, y, 0, 0, 2.4);
  y += 44;
  y += draw_wrapped (cr, palette, &palette->dim, detect, L->panel_x, y, L->panel_w, SMALL) + 8;
  y += panel_row (cr, palette, L, y, _("standard error"), se_text);
  y += panel_row (cr, palette, L, y, _("critical value"), crit_text);
  y += panel_row (cr, palette, L, y, _("80% power needs"), n80);
  y += 10;
  if (L->panel_y + L->panel_h - y >= 110)
    draw_power_curve (cr, palette, state, L->panel_x, y, L->panel_w,
                      MIN (L->panel_y + L->panel_h - y, 340));
}

/* Cumulative share of experiments declared significant by each look, as bars, with the
 * level a single look at the end would have (α, or the power) dashed across. */
static void
draw_look_bars (cairo_t              *cr,
                const MlrPalette     *palette,
                const MlrAbtestState *state,
                const MlrAbtestSim   *sim,
                double                fade,
                double                x0,
                double                y0,
                double                w,
                double                h)
{
  gboolean aa = mlr_abtest_state_get_lift (state) == 0;
  double reference = aa ? mlr_abtest_state_get_alpha (state) : mlr_abtest_state_get_power (state);
  double top = 0, cum = 0, bw, gap;
  MlrColor bar = aa ? h0_color (palette) : h1_color (palette);
  MlrPlot plot;
  char label[16];

  mlr_draw_text (cr, palette, &palette->dim, _("Declared significant by look"), x0, y0, 0, 0,
                 SMALL);
  {
    g_autofree char *ref = mlr_abtest_format_percent (reference);
    g_autofree char *text = aa ? g_strdup_printf (_("one look at the end: α = %s"), ref)
                               : g_strdup_printf (_("one look at the end: power %s"), ref);
    double ly = y0 + 18 + round (mlr_text_pixels (palette, SMALL) * 0.7) + 0.5;

    cairo_save (cr);
    cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
    cairo_set_line_width (cr, 1.5);
    mlr_cairo_set_color (cr, &palette->foreground);
    cairo_move_to (cr, x0, ly);
    cairo_line_to (cr, x0 + 22, ly);
    cairo_stroke (cr);
    cairo_restore (cr);
    mlr_draw_text (cr, palette, &palette->foreground, text, x0 + 28, y0 + 18, 0, 0, SMALL);
  }
  y0 += 42;
  h -= 42 + 40;
  if (h < 40 || w < 120)
    return;
  for (guint k = 0; k < sim->peeks; k++)
    {
      cum += sim->stopped_at[k];
      top = MAX (top, cum / sim->runs);
    }
  top = MAX (top, reference);
  top = top <= 0.1 ? 0.1 : top <= 0.25 ? 0.25 : top <= 0.5 ? 0.5 : 1;
  mlr_plot_init (&plot, x0 + 40, y0, w - 46, h, 0, sim->peeks, 0, top, FALSE);

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i <= 2; i++)
    {
      double py = round (mlr_plot_y (&plot, top * i / 2)) + 0.5;
      g_autofree char *pct = mlr_abtest_format_percent (top * i / 2);
      mlr_cairo_set_color_alpha (cr, &palette->grid, 0.8);
      cairo_move_to (cr, plot.x0, py);
      cairo_line_to (cr, plot.x0 + plot.w, py);
      cairo_stroke (cr);
      mlr_draw_text (cr, palette, &palette->dim, pct, plot.x0 - 4, py, 1, 0.5, SMALL);
    }
  bw = plot.w / sim->peeks;
  gap = bw > 6 ? MIN (bw * 0.2, 6) : 0;
  cum = 0;
  mlr_cairo_set_color_alpha (cr, &bar, 0.85 * fade);
  for (guint k = 0; k < sim->peeks; k++)
    {
      double y;
      cum += sim->stopped_at[k];
      y = mlr_plot_y (&plot, cum / sim->runs);
      cairo_rectangle (cr, plot.x0 + k * bw + gap / 2, y, MAX (bw - gap, 1), plot.y0 + plot.h - y);
    }
  cairo_fill (cr);
  /* one look at the end */
  cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
  cairo_set_line_width (cr, 1.5);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_move_to (cr, plot.x0, round (mlr_plot_y (&plot, reference)) + 0.5);
  cairo_line_to (cr, plot.x0 + plot.w, round (mlr_plot_y (&plot, reference)) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
  /* looks along x: the first, the last and a few between */
  for (guint k = 1; k <= sim->peeks; k++)
    if (k == 1 || k == sim->peeks || (sim->peeks > 12 ? k % 10 == 0 : sim->peeks <= 12))
      {
        g_snprintf (label, sizeof label, "%u", k);
        mlr_draw_text (cr, palette, &palette->dim, label, plot.x0 + (k - 0.5) * bw,
                       plot.y0 + plot.h + 4, 0.5, 0, SMALL);
      }
  mlr_draw_text (cr, palette, &palette->dim, _("look"), plot.x0 + plot.w / 2,
                 plot.y0 + plot.h + 22, 0.5, 0, SMALL);
}

static void
draw_sim_panel (cairo_t                       *cr,
                const MlrPalette              *palette,
                const MlrAbtestState          *state,
                const MlrAbtestLayout         *L,
                const MlrAbtestPainterOptions *options)
{
  const MlrAbtestSim *sim = mlr_abtest_state_get_sim (state);
  gboolean current = mlr_abtest_state_sim_is_current (state);
  gboolean aa = mlr_abtest_state_get_lift (state) == 0;
  guint runs = mlr_abtest_state_effective_runs (state);
  guint peeks = mlr_abtest_state_get_peeks (state);
  double y = L->panel_y, fade = current ? 1 : 0.35;
  g_autofree char *count = mlr_abtest_format_count (runs);
  g_autofree char *head = NULL;

  head = peeks == 1
         ? g_strdup_printf (aa ? _("%s simulated A/A tests, one look each")
                               : _("%s simulated A/B tests, one look each"), count)
         : g_strdup_printf (aa ? _("%s simulated A/A tests, %u looks each")
                               : _("%s simulated A/B tests, %u looks each"), count, peeks);
  y += draw_wrapped (cr, palette, &palette->dim, head, L->panel_x, y, L->panel_w, TEXT) + 2;
  if (runs < mlr_abtest_state_get_runs (state))
    {
      g_autofree char *asked = mlr_abtest_format_count (mlr_abtest_state_get_runs (state));
      g_autofree char *note = g_strdup_printf (_("(of %s asked: at most 10⁸ users per arm in "
                                                 "all)"), asked);
      y += draw_wrapped (cr, palette, &palette->warning, note, L->panel_x, y, L->panel_w, SMALL);
    }
  if (sim == NULL)
    {
      mlr_draw_text (cr, palette, &palette->dim, _("simulating…"), L->panel_x, y + 8, 0, 0,
                     1.6);
      return;
    }
  {
    g_autofree char *rate = mlr_abtest_format_percent ((double) sim->positives / sim->runs);
    g_autofree char *once = mlr_abtest_format_percent ((double) sim->final_positives /
                                                       sim->runs);
    g_autofree char *once_text = g_strdup_printf (_("looked at only at the end: %s"),
                                                  once);
    MlrColor big = palette->foreground;

    big.a *= fade;
    mlr_draw_text (cr, palette, &big, rate, L->panel_x, y, 0, 0, 2.4);
    if (!current)
      mlr_draw_text (cr, palette, &palette->dim, options && options->busy ? _("simulating…")
                                                                         : _("out of date"),
                     L->panel_x + L->panel_w, y + 14, 1, 0, TEXT);
    y += 44;
    y += draw_wrapped (cr, palette, &palette->dim,
                       peeks == 1 ? _("declared significant")
                                  : _("declared significant at some look"),
                       L->panel_x, y, L->panel_w, SMALL);
    if (peeks > 1)
      y += draw_wrapped (cr, palette, &palette->dim, once_text, L->panel_x, y, L->panel_w,
                         SMALL);
  }
  {
    g_autofree char *z = format_signed (sim->first_z);
    g_autofree char *p = sim->first_p < 0.0001 ? g_strdup ("< 0.0001")
                                               : g_strdup_printf ("%.4f", sim->first_p);
    g_autofree char *run1 = sim->first_significant
                            ? g_strdup_printf (_("Test 1 stopped at look %u:"), sim->first_look)
                            : g_strdup (_("Test 1 never significant; at the end:"));
    g_autofree char *zp = g_strdup_printf (_("z = %s, p = %s"), z, p);
    y += 4;
    y += draw_wrapped (cr, palette, &palette->foreground, run1, L->panel_x, y, L->panel_w,
                       SMALL);
    y += draw_wrapped (cr, palette, &palette->foreground, zp, L->panel_x, y, L->panel_w, SMALL);
    y += 8;
  }
  if (L->panel_y + L->panel_h - y >= 100)
    draw_look_bars (cr, palette, state, sim, fade, L->panel_x, y, L->panel_w,
                    MIN (L->panel_y + L->panel_h - y, 340));
}

/**
 * mlr_abtest_painter_draw:
 * Paints the demo on a @width × @height canvas (@options NULL: a still picture).
 */
void
mlr_abtest_painter_draw (cairo_t                       *cr,
                         int                            width,
                         int                            height,
                         const MlrPalette              *palette,
                         const MlrAbtestState          *state,
                         const MlrAbtestPainterOptions *options)
{
  MlrAbtestLayout L;
  g_autofree char *a = mlr_abtest_format_percent (mlr_abtest_state_get_baseline (state));
  g_autofree char *b = mlr_abtest_format_percent (mlr_abtest_state_get_rate_b (state));
  g_autofree char *n = mlr_abtest_format_count (mlr_abtest_state_get_n (state));
  g_autofree char *title = NULL;

  title = g_strdup_printf (mlr_abtest_state_get_tails (state) == 2
                           ? _("A converts %s, B %s; %s users per arm; α = %g, two-sided")
                           : _("A converts %s, B %s; %s users per arm; α = %g, one-sided"),
                           a, b, n, mlr_abtest_state_get_alpha (state));
  mlr_abtest_painter_layout (width, height, state, options, &L);
  mlr_draw_text (cr, palette, &palette->foreground, title, MARGIN, 8, 0, 0, TEXT);
  draw_distributions (cr, palette, state, &L.plot);
  if (mlr_abtest_state_get_mode (state) == MLR_ABTEST_MODE_SIMULATE)
    draw_sim_panel (cr, palette, state, &L, options);
  else
    draw_power_panel (cr, palette, state, &L);
}
