/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-text-painter: the "text" demo's picture. The typed sentence as chips, one per word (and,
 * with bigrams, one per pair), each coloured by what it adds to the log-odds of "positive"
 * (a diverging scale: blue for negative, red for positive, saturating at ±3); a word training
 * never saw is outlined and adds nothing. Under them the sum (prior + features = log-odds) and
 * the probability bar; then the words that speak most for each class; and a note on negation
 * when the sentence has one — honest about what a bag of words can and cannot see.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-text-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

#define MLR_TEXT_PAINTER_MAX_CHIPS 64   /* chips drawn; the rest are counted ("+N more") */
#define MLR_TEXT_PAINTER_SATURATION 3.0 /* |log-odds| at which a chip's colour is fullest */

typedef struct {
  int selected;   /* the chip whose counts are shown, or -1 */
} MlrTextPaintOptions;

typedef struct {
  double x, y, width, height;
} MlrTextRect;

typedef struct {
  guint       n_chips;                           /* laid out (≤ MLR_TEXT_PAINTER_MAX_CHIPS) */
  MlrTextRect chips[MLR_TEXT_PAINTER_MAX_CHIPS];
  guint       chip_of[MLR_TEXT_PAINTER_MAX_CHIPS]; /* the state's chip each one shows */
} MlrTextLayout;

void  mlr_text_painter_layout (cairo_t                   *cr,
                               int                        width,
                               int                        height,
                               const MlrPalette          *palette,
                               const MlrTextState        *state,
                               MlrTextLayout             *layout);
/* The state's chip at (x, y), or -1. */
int   mlr_text_painter_hit    (const MlrTextLayout       *layout,
                               double                     x,
                               double                     y);
void  mlr_text_painter_draw   (cairo_t                   *cr,
                               int                        width,
                               int                        height,
                               const MlrPalette          *palette,
                               const MlrTextState        *state,
                               const MlrTextPaintOptions *options);
char *mlr_text_format_log_odds (double                    value);
char *mlr_text_format_percent (double                     share);
char *mlr_text_painter_note   (const MlrTextState        *state,
                               int                        selected);
int   mlr_text_painter_preferred_height (int               width,
                               const MlrPalette          *palette,
                               const MlrTextState        *state);

G_END_DECLS
