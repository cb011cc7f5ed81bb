/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-bayes-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-plot.h"

#define ROWS 100
#define MARGIN 16

static guint
positives (const MlrBayesState *state)
{
  return mlr_bayes_state_get_people (state, MLR_BAYES_TRUE_POSITIVE) +
         mlr_bayes_state_get_people (state, MLR_BAYES_FALSE_POSITIVE);
}

/* Columns a block of @n people takes when the grid is ROWS tall. */
static guint
columns_for (guint n)
{
  return MAX (1, (n + ROWS - 1) / ROWS);
}

/**
 * mlr_bayes_painter_layout:
 * Where the grid and the text panel go on a @width × @height canvas: the grid as large as
 * leaves the panel 38% of the width, each person a whole number of pixels where there is
 * room.
 */
void
mlr_bayes_painter_layout (int                  width,
                          int                  height,
                          const MlrBayesState *state,
                          MlrBayesLayout      *layout)
{
  guint pos = positives (state);
  guint cols = columns_for (pos) + columns_for (MLR_BAYES_POPULATION - pos);
  double title = 58;
  /* narrow: the panel goes under the grid */
  gboolean stacked = width < 560;
  double side = stacked ? MIN (width - 2 * MARGIN, height * 0.5 - title)
                        : MIN (height - title - MARGIN, width * 0.62 - MARGIN);
  double cell = MAX (side, 50) / MAX (cols + 0.6, ROWS);

  if (cell >= 2)
    cell = floor (cell);
  layout->cell = cell;
  layout->gap = 0.6 * cell;
  layout->pos_columns = columns_for (pos);
  layout->x0 = MARGIN;
  layout->y0 = title;
  layout->panel_x = stacked ? MARGIN : layout->x0 + cols * cell + layout->gap + 2 * MARGIN;
  layout->panel_y = stacked ? layout->y0 + ROWS * cell + 2 * MARGIN : layout->y0;
}

/* Block @block (0 positive, 1 negative) and the person's place in it -> the cell's corner. */
static void
cell_origin (const MlrBayesLayout *layout,
             guint                 block,
             guint                 columns,
             guint                 index,
             double               *x,
             double               *y)
{
  double left = layout->x0 + (block ? layout->pos_columns * layout->cell + layout->gap : 0);

  *x = left + (index % columns) * layout->cell;
  *y = layout->y0 + (index / columns) * layout->cell;
}

/* The cell of the 2×2 table the person at (@x, @y) is in, or -1 off the grid. */
int
mlr_bayes_painter_hit (const MlrBayesLayout *layout,
                       const MlrBayesState  *state,
                       double                x,
                       double                y)
{
  guint pos = positives (state);
  guint neg = MLR_BAYES_POPULATION - pos;
  guint tp = mlr_bayes_state_get_people (state, MLR_BAYES_TRUE_POSITIVE);
  guint fn = mlr_bayes_state_get_people (state, MLR_BAYES_FALSE_NEGATIVE);
  double pos_right = layout->x0 + layout->pos_columns * layout->cell;
  double neg_left = pos_right + layout->gap;
  guint block, columns, col, row, index;

  if (y < layout->y0 || y >= layout->y0 + ROWS * layout->cell)
    return -1;
  row = (guint) ((y - layout->y0) / layout->cell);
  if (x >= layout->x0 && x < pos_right)
    {
      block = 0;
      columns = layout->pos_columns;
      col = (guint) ((x - layout->x0) / layout->cell);
    }
  else if (x >= neg_left && x < neg_left + columns_for (neg) * layout->cell)
    {
      block = 1;
      columns = columns_for (neg);
      col = (guint) ((x - neg_left) / layout->cell);
    }
  else
    return -1;
  index = row * columns + col;
  if (block == 0)
    return index >= pos ? -1 : index < tp ? MLR_BAYES_TRUE_POSITIVE : MLR_BAYES_FALSE_POSITIVE;
  return index >= neg ? -1 : index < fn ? MLR_BAYES_FALSE_NEGATIVE : MLR_BAYES_TRUE_NEGATIVE;
}

/* Sick people are blue, false alarms orange (Okabe-Ito: told apart with any colour vision);
 * who tests negative is drawn light. */
MlrColor
mlr_bayes_cell_color (const MlrPalette *palette,
                      MlrBayesCell      cell)
{
  MlrColor c;

  switch (cell)
    {
    case MLR_BAYES_TRUE_POSITIVE:
      return palette->classes[0];
    case MLR_BAYES_FALSE_POSITIVE:
      return palette->classes[1];
    case MLR_BAYES_FALSE_NEGATIVE:
      return mlr_color_mix (&palette->background, &palette->classes[0], 0.4);
    case MLR_BAYES_TRUE_NEGATIVE:
    case MLR_BAYES_N_CELLS:
    default:
      c = palette->grid;
      c.a = 1;
      return c;
    }
}

/* "15.4%": three significant digits, and never "100%" for less than all or "0%" for more
 * than none. */
char *
mlr_bayes_format_percent (double share)
{
  double x = 100 * share;

  for (int digits = 3; digits <= 8; digits++)
    {
      char format[8], buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, x);
      if ((share >= 1 || g_ascii_strtod (buf, NULL) < 100) &&
          (share <= 0 || g_ascii_strtod (buf, NULL) > 0))
        return g_strdup_printf ("%s%%", buf);
    }
  return g_strdup_printf ("%g%%", x);
}

/* 9405 -> "9,405" */
static char *
format_count (double n)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", round (n));
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

/* "1 : 99" or "18 : 1": odds as the smaller side to one. */
static char *
format_odds (double odds)
{
  if (!isfinite (odds))
    return g_strdup ("∞ : 1");
  if (odds >= 1)
    return g_strdup_printf ("%.3g : 1", odds);
  return g_strdup_printf ("1 : %.3g", 1 / odds);
}

static void
draw_grid (cairo_t              *cr,
           const MlrPalette     *palette,
           const MlrBayesState  *state,
           const MlrBayesLayout *L,
           int                   hover)
{
  guint pos = positives (state);
  guint neg = MLR_BAYES_POPULATION - pos;
  guint first[2][2] = {
    { MLR_BAYES_TRUE_POSITIVE, MLR_BAYES_FALSE_POSITIVE },
    { MLR_BAYES_FALSE_NEGATIVE, MLR_BAYES_TRUE_NEGATIVE },
  };
  double inset = L->cell >= 4 ? 0.5 : 0;

  for (guint block = 0; block < 2; block++)
    {
      guint columns = block ? columns_for (neg) : L->pos_columns;
      guint index = 0;

      for (guint part = 0; part < 2; part++)
        {
          MlrBayesCell cell = first[block][part];
          guint n = mlr_bayes_state_get_people (state, cell);
          MlrColor c = mlr_bayes_cell_color (palette, cell);

          /* one path a colour: 10,000 squares in four fills */
          for (guint i = 0; i < n; i++, index++)
            {
              double x, y;
              cell_origin (L, block, columns, index, &x, &y);
              cairo_rectangle (cr, x + inset, y + inset, L->cell - 2 * inset,
                               L->cell - 2 * inset);
            }
          mlr_cairo_set_color_alpha (cr, &c, hover < 0 || hover == (int) cell ? 1.0 : 0.3);
          cairo_fill (cr);
        }
    }
}

static void
draw_blocks (cairo_t              *cr,
             const MlrPalette     *palette,
             const MlrBayesState  *state,
             const MlrBayesLayout *L)
{
  guint pos = positives (state);
  double h = ceil ((double) pos / L->pos_columns) * L->cell;
  double w = L->pos_columns * L->cell;
  g_autofree char *count = format_count (pos);
  g_autofree char *label = g_strdup_printf (_("tested positive: %s"), count);
  g_autofree char *neg = format_count (MLR_BAYES_POPULATION - pos);
  g_autofree char *neg_label = g_strdup_printf (_("tested negative: %s"), neg);

  /* the positive column: everyone the test flags */
  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_rectangle (cr, L->x0 - 2, L->y0 - 2, w + 4, h + 4);
  cairo_stroke (cr);
  cairo_restore (cr);
  mlr_draw_text (cr, palette, &palette->foreground, label, L->x0 - 2, L->y0 - 6, 0, 1, 0.9);
  {
    double tw, th;
    mlr_text_size (cr, palette, label, 0.9, &tw, &th);
    /* the negative block's label sits over its block, clear of the positive one's */
    mlr_draw_text (cr, palette, &palette->dim, neg_label,
                   MAX (L->x0 + w + L->gap, L->x0 + tw + 24), L->y0 - 6, 0, 1, 0.9);
  }
}

/* A row of the panel: a swatch, a label and a number. */
static double
legend_row (cairo_t          *cr,
            const MlrPalette *palette,
            double            x,
            double            y,
            double            w,
            const MlrColor   *swatch,
            const char       *label,
            const char       *value,
            gboolean          strong)
{
  double tw, th;

  mlr_text_size (cr, palette, label, 1, &tw, &th);
  if (swatch != NULL)
    {
      mlr_cairo_set_color (cr, swatch);
      cairo_rectangle (cr, x, y + th / 2 - 6, 12, 12);
      cairo_fill (cr);
    }
  mlr_draw_text (cr, palette, strong ? &palette->foreground : &palette->dim, label, x + 20, y, 0,
                 0, 1);
  mlr_draw_text (cr, palette, &palette->foreground, value, x + MIN (250, w), y, 1, 0, 1);
  return th + 4;
}

/* The posterior after one, two and three positive tests, as bars. */
static void
draw_bars (cairo_t             *cr,
           const MlrPalette    *palette,
           const MlrBayesState *state,
           double               x,
           double               y,
           double               w,
           double               h)
{
  double bw = w / (MLR_BAYES_MAX_TESTS * 1.6);

  mlr_draw_text (cr, palette, &palette->dim, _("P(sick) after k positive tests"), x, y, 0, 0,
                 0.85);
  y += 20;
  h -= 40;
  cairo_save (cr);
  mlr_cairo_set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, y + h + 0.5);
  cairo_line_to (cr, x + w, y + h + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint k = 1; k <= MLR_BAYES_MAX_TESTS; k++)
    {
      double post = mlr_bayes_state_posterior (state, k);
      double bx = x + (k - 1) * bw * 1.6 + bw * 0.3;
      double bh = MAX (post * h, 1);
      gboolean current = k == mlr_bayes_state_get_tests (state);
      g_autofree char *pct = mlr_bayes_format_percent (post);
      g_autofree char *name = g_strdup_printf ("k = %u", k);

      mlr_cairo_set_color_alpha (cr, &palette->classes[0], current ? 1.0 : 0.35);
      cairo_rectangle (cr, bx, y + h - bh, bw, bh);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, current ? &palette->foreground : &palette->dim, pct,
                     bx + bw / 2, y + h - bh - 2, 0.5, 1, 0.85);
      mlr_draw_text (cr, palette, current ? &palette->foreground : &palette->dim, name,
                     bx + bw / 2, y + h + 4, 0.5, 0, 0.85);
    }
}

static void
draw_panel (cairo_t              *cr,
            const MlrPalette     *palette,
            const MlrBayesState  *state,
            const MlrBayesLayout *L,
            int                   width,
            int                   height)
{
  guint k = mlr_bayes_state_get_tests (state);
  double post = mlr_bayes_state_posterior (state, k);
  double p = mlr_bayes_state_get_prior (state);
  double lr = mlr_bayes_state_get_likelihood_ratio (state);
  double x = L->panel_x, y = L->panel_y, w = width - L->panel_x - MARGIN;
  g_autofree char *big = mlr_bayes_format_percent (post);
  g_autofree char *headline = NULL;
  g_autofree char *npv = mlr_bayes_format_percent (mlr_bayes_state_get_npv (state));
  g_autofree char *npv_line = g_strdup_printf (_("P(healthy | −) = %s"), npv);
  g_autofree char *prior_odds = format_odds (p / (1 - p));
  g_autofree char *post_odds = format_odds (p / (1 - p) * pow (lr, k));
  g_autofree char *lr_text = isfinite (lr) ? g_strdup_printf ("%.3g", lr) : g_strdup ("∞");
  g_autofree char *odds = NULL;
  static const char * const names[MLR_BAYES_N_CELLS] = {
    N_("sick, test +"), N_("healthy, test +"), N_("sick, test −"), N_("healthy, test −"),
  };

  if (w < 120)
    return;
  headline = k == 1 ? g_strdup (_("P(sick | +)"))
                    : g_strdup_printf (_("P(sick | %u positive tests)"), k);
  mlr_draw_text (cr, palette, &palette->dim, headline, x, y, 0, 0, 1);
  y += 20;
  mlr_draw_text (cr, palette, &palette->foreground, big, x, y, 0, 0, 2.6);
  y += 50;
  mlr_draw_text (cr, palette, &palette->dim, npv_line, x, y, 0, 0, 0.9);
  y += 28;

  for (guint c = 0; c < MLR_BAYES_N_CELLS; c++)
    {
      MlrColor color = mlr_bayes_cell_color (palette, c);
      g_autofree char *n = format_count (mlr_bayes_state_get_expected (state, c));
      y += legend_row (cr, palette, x, y, w, &color, _(names[c]), n,
                       c == MLR_BAYES_TRUE_POSITIVE || c == MLR_BAYES_FALSE_POSITIVE);
    }
  y += 12;

  /* the odds form: prior odds × likelihood ratio^k = posterior odds */
  mlr_draw_text (cr, palette, &palette->dim, _("Odds form"), x, y, 0, 0, 0.85);
  y += 18;
  if (k == 1)
    odds = g_strdup_printf ("%s × %s = %s", prior_odds, lr_text, post_odds);
  else
    odds = g_strdup_printf ("%s × %s%s = %s", prior_odds, lr_text, k == 2 ? "²" : "³",
                            post_odds);
  mlr_draw_text (cr, palette, &palette->foreground, odds, x, y, 0, 0, 1);
  y += 20;
  mlr_draw_text (cr, palette, &palette->dim,
                 _("prior odds × likelihood ratio = posterior odds"), x, y, 0, 0, 0.8);
  y += 30;

  if (height - y > 90)
    draw_bars (cr, palette, state, x, y, MIN (w, 260), MIN (height - y - MARGIN, 170));
}

/**
 * mlr_bayes_painter_draw:
 * Paints the demo; @hover is the cell of the 2×2 table under the pointer (drawn in full, the
 * others faded), or -1.
 */
void
mlr_bayes_painter_draw (cairo_t             *cr,
                        int                  width,
                        int                  height,
                        const MlrPalette    *palette,
                        const MlrBayesState *state,
                        int                  hover)
{
  MlrBayesLayout L;
  g_autofree char *prior = mlr_bayes_format_percent (mlr_bayes_state_get_prior (state));
  g_autofree char *title = g_strdup_printf (_("10,000 people, %s of them sick: who tests "
                                              "positive?"), prior);

  mlr_bayes_painter_layout (width, height, state, &L);
  mlr_draw_text (cr, palette, &palette->foreground, title, MARGIN, 8, 0, 0, 1.05);
  draw_grid (cr, palette, state, &L, hover);
  draw_blocks (cr, palette, state, &L);
  draw_panel (cr, palette, state, &L, width, height);
}
