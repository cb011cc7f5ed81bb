/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-text-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-conv-painter.h"
#include "mlr-plot-text.h"
#include "mlr-plot.h"

#define MARGIN 12.0
#define GAP 6.0
#define CHIP_PAD 7.0
#define MAX_WORD_ROWS 3
#define MAX_PAIR_ROWS 2
#define MAX_TOP 8
#define BAR_HEIGHT 22.0

/* A log-odds with its sign, a true minus: "+0.92", "−1.30". */
char *
mlr_text_format_log_odds (double value)
{
  char buf[32];

  if (!isfinite (value))
    return g_strdup ("—");
  if (fabs (value) < 0.005)
    value = 0;
  g_snprintf (buf, sizeof buf, "%.2f", fabs (value));
  return g_strdup_printf ("%s%s", value < 0 ? "−" : "+", buf);
}

/* A share as a percentage that never rounds to a claim it is not: 0.996 is "99.6%", not
 * "100%"; 0.003 is "0.3%", not "0%". */
char *
mlr_text_format_percent (double share)
{
  double pct = 100 * share;

  if (!isfinite (pct))
    return g_strdup ("—");
  if ((pct >= 99.5 && pct < 100) || (pct > 0 && pct < 0.5))
    return g_strdup_printf ("%.1f%%", pct);
  return g_strdup_printf ("%.0f%%", pct);
}

static double
chip_height (const MlrPalette *palette)
{
  return mlr_text_line_height (palette, 1) + mlr_text_line_height (palette, 0.9) + 6;
}

/* Lays out the chips of one kind (@bigram) from (MARGIN, *y) over at most @max_rows rows;
 * returns how many of them did not fit. */
static guint
flow_chips (cairo_t            *cr,
            int                 width,
            const MlrPalette   *palette,
            const MlrTextChip  *chips,
            guint               n_chips,
            gboolean            bigram,
            guint               max_rows,
            double             *y,
            MlrTextLayout      *layout)
{
  double x = MARGIN, h = chip_height (palette), right = width - MARGIN;
  guint rows = 0, left_out = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < n_chips; i++)
    {
      double tw, th, vw, cw;
      g_autofree char *value = NULL;
      MlrTextRect *r;

      if (chips[i].bigram != bigram)
        continue;
      if (layout->n_chips >= MLR_TEXT_PAINTER_MAX_CHIPS || rows >= max_rows)
        {
          left_out++;
          continue;
        }
      mlr_text_size (cr, palette, chips[i].feature, 1, &tw, &th);
      value = chips[i].index < 0 ? g_strdup (_("unseen"))
                                 : mlr_text_format_log_odds (chips[i].log_odds);
      mlr_text_size (cr, palette, value, 0.9, &vw, &th);
      cw = MIN (MAX (tw, vw) + 2 * CHIP_PAD, right - MARGIN);
      if (any && x + cw > right)
        {
          rows++;
          x = MARGIN;
          if (rows >= max_rows)
            {
              left_out++;
              continue;
            }
        }
          any = TRUE;
      layout->chip_of[layout->n_chips] = i;
      r = &layout->chips[layout->n_chips++];
      r->x = x;
      r->y = *y + rows * (h + GAP);
      r->width = cw;
      r->height = h;
      x += cw + GAP;
    }
  if (any)
    *y += (MIN (rows, max_rows - 1) + 1) * (h + GAP);
  return left_out;
}

/* Where things go; shared by the layout (for the pointer) and the drawing. */
typedef struct {
  MlrTextLayout chips;
  guint  n_words, n_pairs;          /* chips of each kind laid out */
  guint  words_left, pairs_left;    /* ... and not */
  double words_title_y, words_y;
  double pairs_title_y, pairs_y;
  double sum_y, bar_y, top_y, note_y, corpus_y;
  guint  n_top;
} Frame;

static void
frame_layout (cairo_t            *cr,
              int                 width,
              int                 height,
              const MlrPalette   *palette,
              const MlrTextState *state,
              Frame              *f)
{
  const MlrTextChip *chips;
  guint n_chips, before;
  double lh = mlr_text_line_height (palette, 1), y = MARGIN;

  memset (f, 0, sizeof *f);
  chips = mlr_text_state_get_chips (state, &n_chips);
  f->words_title_y = y;
  y += lh + 4;
  f->words_y = y;
  f->words_left = flow_chips (cr, width, palette, chips, n_chips, FALSE, MAX_WORD_ROWS, &y,
                              &f->chips);
  f->n_words = f->chips.n_chips;
  if (f->n_words == 0)
    y += chip_height (palette) + GAP;
  if (mlr_text_nb_get_ngrams (mlr_text_state_get_model (state)) == 2)
    {
      f->pairs_title_y = y;
      y += lh + 4;
      f->pairs_y = y;
      before = f->chips.n_chips;
      f->pairs_left = flow_chips (cr, width, palette, chips, n_chips, TRUE, MAX_PAIR_ROWS, &y,
                                  &f->chips);
      f->n_pairs = f->chips.n_chips - before;
      if (f->n_pairs == 0)
        y += chip_height (palette) + GAP;
    }
  f->sum_y = y + 2;
  f->bar_y = f->sum_y + lh + 4;
  f->top_y = f->bar_y + BAR_HEIGHT + lh + 14;
  /* the bottom: a note of up to three lines and the corpus, two lines on a narrow canvas */
  f->corpus_y = height - MARGIN - 2 * lh;
  f->note_y = f->corpus_y - 3 * lh - 6;
  /* the top words: a heading and as many rows as fit above the note */
  f->n_top = (guint) CLAMP (floor ((f->note_y - 8 - f->top_y - lh - 4) / (lh + 4)), 0, MAX_TOP);
}

void
mlr_text_painter_layout (cairo_t            *cr,
                         int                 width,
                         int                 height,
                         const MlrPalette   *palette,
                         const MlrTextState *state,
                         MlrTextLayout      *layout)
{
  Frame f;

  frame_layout (cr, width, height, palette, state, &f);
  *layout = f.chips;
}

/* The chip at (@x, @y), or -1. */
int
mlr_text_painter_hit (const MlrTextLayout *layout,
                      double               x,
                      double               y)
{
  for (guint i = 0; i < layout->n_chips; i++)
    {
      const MlrTextRect *r = &layout->chips[i];

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return (int) layout->chip_of[i];
    }
  return -1;
}

static MlrColor
scale_color (const MlrPalette *palette,
             double            log_odds)
{
  MlrColor c;

  mlr_conv_diverging (log_odds / MLR_TEXT_PAINTER_SATURATION, palette->dark, &c);
  return c;
}

/* Text that reads on @fill. */
static MlrColor
ink_on (const MlrPalette *palette,
        const MlrColor   *fill)
{
  static const MlrColor black = { 0.1, 0.1, 0.1, 1 }, white = { 1, 1, 1, 1 };

  return mlr_color_luminance (fill) > 0.4 ? black : white;
}

static void
draw_chip (cairo_t           *cr,
           const MlrPalette  *palette,
           const MlrTextChip *chip,
           const MlrTextRect *r,
           gboolean           selected)
{
  double lh = mlr_text_line_height (palette, 1);
  g_autofree char *value = NULL;

  mlr_rounded_rect_path (cr, r->x, r->y, r->width, r->height, 6);
  if (chip->index < 0)
    {
      static const double dash[] = { 4, 3 };

      mlr_cairo_set_color (cr, &palette->background);
      cairo_fill_preserve (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.5);
      mlr_cairo_set_color (cr, &palette->dim);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      mlr_draw_text_fit (cr, palette, &palette->foreground, chip->feature, r->x + CHIP_PAD,
                         r->y + 3, r->width - 2 * CHIP_PAD, 0, 0, 1);
      mlr_draw_text (cr, palette, &palette->dim, _("unseen"), r->x + CHIP_PAD, r->y + 3 + lh,
                     0, 0, 0.9);
    }
  else
    {
      MlrColor fill = scale_color (palette, chip->log_odds), ink = ink_on (palette, &fill);

      mlr_cairo_set_color (cr, &fill);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1);
      mlr_cairo_set_color_alpha (cr, &palette->foreground, 0.25);
      cairo_stroke (cr);
      value = mlr_text_format_log_odds (chip->log_odds);
      mlr_draw_text_fit (cr, palette, &ink, chip->feature, r->x + CHIP_PAD, r->y + 3,
                         r->width - 2 * CHIP_PAD, 0, 0, 1);
      mlr_draw_text (cr, palette, &ink, value, r->x + CHIP_PAD, r->y + 3 + lh, 0, 0, 0.9);
    }
  if (selected)
    {
      mlr_rounded_rect_path (cr, r->x - 3, r->y - 3, r->width + 6, r->height + 6, 8);
      cairo_set_line_width (cr, 2.5);
      mlr_cairo_set_color (cr, &palette->accent);
      cairo_stroke (cr);
    }
}

/**
 * mlr_text_painter_note:
 * The picture's note: the counts of chip @selected (≥ 0), else what a negation in the
 * sentence does with these features, else NULL.
 */
char *
mlr_text_painter_note (const MlrTextState *state,
                       int                 selected)
{
  const MlrTextNB *model = mlr_text_state_get_model (state);
  int neg = mlr_text_state_get_negation (state);
  guint n_chips;
  const MlrTextChip *chips = mlr_text_state_get_chips (state, &n_chips);

  if (selected >= 0 && (guint) selected < n_chips)
    {
      const MlrTextChip *c = &chips[selected];
      g_autofree char *lo = mlr_text_format_log_odds (c->log_odds);

      if (c->index < 0)
        return g_strdup_printf (_("“%s” never occurs in the training sentences: it adds "
                                  "nothing either way."), c->feature);
      return g_strdup_printf (_("“%s” occurs %.0f times in positive and %.0f times in "
                                "negative training sentences: log P(w | positive) − "
                                "log P(w | negative) = %s."), c->feature,
                              mlr_text_nb_feature_count (model, 1, c->index),
                              mlr_text_nb_feature_count (model, 0, c->index), lo);
    }
  if (neg >= 0 && (guint) neg + 1 < n_chips)
    {
      const MlrTextChip *a = &chips[neg], *b = &chips[neg + 1];
      g_autofree char *va = mlr_text_format_log_odds (a->log_odds);
      g_autofree char *vb = mlr_text_format_log_odds (b->log_odds);

      if (mlr_text_nb_get_ngrams (model) == 1)
        return g_strdup_printf (_("Negation: a bag of words counts “%s” (%s) and “%s” (%s) "
                                  "apart and cannot see that one turns the other around. "
                                  "Try N-grams 2."), a->feature, va, b->feature, vb);
      for (guint i = 0; i < n_chips; i++)
        if (chips[i].bigram && chips[i].start == a->start && chips[i].end == b->end)
          {
            g_autofree char *vp = mlr_text_format_log_odds (chips[i].log_odds);

            if (chips[i].index < 0)
              return g_strdup_printf (_("Negation: the pair “%s” never occurs in training, so "
                                        "it adds nothing; “%s” (%s) and “%s” (%s) still count "
                                        "apart."), chips[i].feature, a->feature, va,
                                      b->feature, vb);
            return g_strdup_printf (_("Negation: the pair “%s” is a feature of its own and adds "
                                      "%s (%.0f times in positive, %.0f in negative training "
                                      "sentences), besides “%s” (%s) and “%s” (%s)."),
                                    chips[i].feature, vp,
                                    mlr_text_nb_feature_count (model, 1, chips[i].index),
                                    mlr_text_nb_feature_count (model, 0, chips[i].index),
                                    a->feature, va, b->feature, vb);
          }
    }
  return NULL;
}

static void
draw_top_words (cairo_t            *cr,
                const MlrPalette   *palette,
                const MlrTextState *state,
                double              x,
                double              y,
                double              width,
                guint               n_rows,
                guint               klass)
{
  const MlrTextNB *model = mlr_text_state_get_model (state);
  double lh = mlr_text_line_height (palette, 1), label_w = width * 0.5, max = 0;
  guint idx[MAX_TOP], n;

  mlr_draw_text_fit (cr, palette, &palette->dim,
                     klass == 1 ? _("Strongest for positive") : _("Strongest for negative"),
                     x, y, width, 0, 0, 1);
  y += lh + 4;
  n = mlr_text_state_top_words (state, klass, idx, MIN (n_rows, MAX_TOP));
  for (guint i = 0; i < n; i++)
    max = MAX (max, fabs (mlr_text_state_log_odds_of (state, idx[i])));
  if (n == 0 && n_rows > 0)
    mlr_draw_text_fit (cr, palette, &palette->dim, _("(no word seen 3 times leans this way)"),
                       x, y, width, 0, 0, 1);
  for (guint i = 0; i < n; i++)
    {
      double lo = mlr_text_state_log_odds_of (state, idx[i]);
      double bar_w = (width - label_w - 48) * fabs (lo) / (max > 0 ? max : 1);
      MlrColor c = scale_color (palette, lo);
      g_autofree char *v = mlr_text_format_log_odds (lo);

      mlr_draw_text_fit (cr, palette, &palette->foreground, mlr_text_nb_get_feature (model,
                                                                                     idx[i]),
                         x, y, label_w - 6, 0, 0, 1);
      cairo_rectangle (cr, x + label_w, y + 3, MAX (bar_w, 1), lh - 6);
      mlr_cairo_set_color (cr, &c);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, &palette->dim, v, x + label_w + bar_w + 4, y, 0, 0, 0.9);
      y += lh + 4;
    }
}

void
mlr_text_painter_draw (cairo_t                   *cr,
                       int                        width,
                       int                        height,
                       const MlrPalette          *palette,
                       const MlrTextState        *state,
                       const MlrTextPaintOptions *options)
{
  const MlrTextChip *chips;
  guint n_chips, n_train, n_test;
  double p = mlr_text_state_get_p_positive (state);
  double bar_w = width - 2 * MARGIN, col_w;
  int selected = options ? options->selected : -1;
  g_autofree char *note = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *line = NULL;
  Frame f;

  chips = mlr_text_state_get_chips (state, &n_chips);
  frame_layout (cr, width, height, palette, state, &f);
  mlr_cairo_set_color (cr, &palette->background);
  cairo_paint (cr);

  /* the chips */
  /* the title shortens on a narrow canvas, and leaves room for "+N more" */
  mlr_draw_text_fit (cr, palette, &palette->dim, _("Words of your sentence, and what each adds "
                                                   "to the log-odds of positive"),
                     MARGIN, f.words_title_y, bar_w - (f.words_left > 0 ? 80 : 0), 0, 0, 1);
  if (n_chips == 0)
    mlr_draw_text_fit (cr, palette, &palette->dim,
                       *mlr_text_state_get_text (state) == '\0'
                       ? _("Type a sentence: its words appear here.")
                       : _("No words: a word is two or more letters or digits."),
                       MARGIN, f.words_y + 4, bar_w, 0, 0, 1);
  for (guint k = 0; k < f.chips.n_chips; k++)
    draw_chip (cr, palette, &chips[f.chips.chip_of[k]], &f.chips.chips[k],
               selected == (int) f.chips.chip_of[k]);
  if (f.words_left > 0)
    {
      g_autofree char *more = g_strdup_printf (_("+%u more"), f.words_left);
      mlr_draw_text (cr, palette, &palette->dim, more, width - MARGIN, f.words_title_y, 1, 0, 1);
    }
  if (f.pairs_title_y > 0)
    {
      mlr_draw_text_fit (cr, palette, &palette->dim, _("Pairs of consecutive words (bigrams)"),
                         MARGIN, f.pairs_title_y, bar_w - (f.pairs_left > 0 ? 80 : 0), 0, 0, 1);
      if (f.n_pairs == 0)
        mlr_draw_text (cr, palette, &palette->dim, _("(a pair needs two words)"), MARGIN,
                       f.pairs_y + 4, 0, 0, 1);
      if (f.pairs_left > 0)
        {
          g_autofree char *more = g_strdup_printf (_("+%u more"), f.pairs_left);
          mlr_draw_text (cr, palette, &palette->dim, more, width - MARGIN, f.pairs_title_y, 1,
                         0, 1);
        }
    }

  /* the sum and the probability */
  {
    g_autofree char *prior = mlr_text_format_log_odds (mlr_text_state_get_prior_log_odds (state));
    g_autofree char *words = mlr_text_format_log_odds (mlr_text_state_get_log_odds (state) -
                                                       mlr_text_state_get_prior_log_odds (state));
    g_autofree char *total = mlr_text_format_log_odds (mlr_text_state_get_log_odds (state));
    sum = g_strdup_printf (_("prior %s + features %s = log-odds %s"), prior, words, total);
  }
  mlr_draw_text_fit (cr, palette, &palette->foreground, sum, MARGIN, f.sum_y, bar_w, 0, 0, 1);
  {
    MlrColor neg = scale_color (palette, -2.4), pos = scale_color (palette, 2.4);
    double split = MARGIN + bar_w * (1 - p);
    g_autofree char *pn = mlr_text_format_percent (1 - p);
    g_autofree char *pp = mlr_text_format_percent (p);
    g_autofree char *left = g_strdup_printf (_("negative %s"), pn);
    g_autofree char *right = g_strdup_printf (_("positive %s"), pp);

    cairo_rectangle (cr, MARGIN, f.bar_y, split - MARGIN, BAR_HEIGHT);
    mlr_cairo_set_color (cr, &neg);
    cairo_fill (cr);
    cairo_rectangle (cr, split, f.bar_y, MARGIN + bar_w - split, BAR_HEIGHT);
    mlr_cairo_set_color (cr, &pos);
    cairo_fill (cr);
    /* the even odds, a tick at the middle */
    cairo_move_to (cr, MARGIN + bar_w / 2, f.bar_y - 3);
    cairo_line_to (cr, MARGIN + bar_w / 2, f.bar_y + BAR_HEIGHT + 3);
    cairo_set_line_width (cr, 1.5);
    mlr_cairo_set_color (cr, &palette->foreground);
    cairo_stroke (cr);
    mlr_draw_text (cr, palette, &palette->foreground, left, MARGIN, f.bar_y + BAR_HEIGHT + 2,
                   0, 0, 1);
    mlr_draw_text (cr, palette, &palette->foreground, right, MARGIN + bar_w,
                   f.bar_y + BAR_HEIGHT + 2, 1, 0, 1);
  }

  /* the words that speak most for each class */
  col_w = (bar_w - 16) / 2;
  if (f.n_top > 0)
    {
      draw_top_words (cr, palette, state, MARGIN, f.top_y, col_w, f.n_top, 0);
      draw_top_words (cr, palette, state, MARGIN + col_w + 16, f.top_y, col_w, f.n_top, 1);
    }

  /* the note and the corpus */
  note = mlr_text_painter_note (state, selected);
  if (note != NULL)
    mlr_draw_text_wrapped (cr, palette, &palette->foreground, note, MARGIN, f.note_y, bar_w, 3,
                           1);
  mlr_text_state_get_n_rows (state, &n_train, &n_test);
  {
    g_autofree char *train = mlr_text_format_percent (mlr_text_state_get_train_accuracy (state));
    g_autofree char *test = mlr_text_format_percent (mlr_text_state_get_test_accuracy (state));

    line = g_strdup_printf (_("%s · trained on %u sentences, %s right · tested on %u, %s right"),
                            mlr_text_state_get_own_name (state)
                            ? mlr_text_state_get_own_name (state) : _("Built-in reviews"),
                            n_train, train, n_test, test);
  }
  mlr_draw_text_wrapped (cr, palette, &palette->dim, line, MARGIN, f.corpus_y, bar_w, 2, 1);
}

/**
 * mlr_text_painter_preferred_height:
 * Room for two rows of word chips (and two of pairs with bigrams), the probability, six top
 * words a class and the note: it does not change while the learner types, so the page does not
 * jump (a longer sentence takes rows from the top words).
 */
int
mlr_text_painter_preferred_height (int                 width,
                                   const MlrPalette   *palette,
                                   const MlrTextState *state)
{
  double lh = mlr_text_line_height (palette, 1), chips = 2 * (chip_height (palette) + GAP);
  double h = MARGIN + lh + 4 + chips;

  if (mlr_text_nb_get_ngrams (mlr_text_state_get_model (state)) == 2)
    h += lh + 4 + chips;
  h += 2 + lh + 4 + BAR_HEIGHT + lh + 14;   /* the sum and the bar */
  h += lh + 4 + 6 * (lh + 4) + 8;           /* the top words */
  h += 3 * lh + 6 + 2 * lh + MARGIN;        /* the note and the corpus */
  return (int) ceil (h);
}
