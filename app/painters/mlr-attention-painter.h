/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-attention-painter: the "attention" demo's picture. Top: the sentence, one chip a token,
 * and arcs from the selected token to every token it attends to, each as thick as its weight
 * (tokens a causal mask hides are greyed). Middle: the head's weights as a viridis heatmap
 * (row i: how token i attends to each token; masked cells hatched), the selected row framed,
 * and beside it the head's output vectors (weights × values) in a diverging colormap.
 * Bottom: the selected token's word vector, one cell a component, the one the keys edit
 * ringed while the canvas has focus.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-attention-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

typedef struct {
  gboolean focused;    /* the canvas has keyboard focus: ring the component being edited */
  int      component;  /* the component of the selected vector the keys change, or -1 */
} MlrAttentionPaintOptions;

typedef struct {
  double scale;                              /* of the token text */
  double chip_x[MLR_ATTENTION_MAX_WORDS];    /* each token chip's left edge */
  double chip_w[MLR_ATTENTION_MAX_WORDS];
  double chip_y, chip_h;
  double arc_top;                            /* the arcs rise no higher than this */
  double label_w;                            /* the heatmap's row labels */
  double heat_x, heat_y, cell;               /* the heatmap's top left and cell size */
  double out_x;                              /* the output vectors' left edge */
  double legend_y;
  double vec_x, vec_y, vec_cell;             /* the vector editor's cells */
  double height;                             /* what the picture needs */
} MlrAttentionLayout;

typedef enum {
  MLR_ATTENTION_HIT_NONE,
  MLR_ATTENTION_HIT_TOKEN,      /* a token: its chip, or its row of the heatmap or outputs */
  MLR_ATTENTION_HIT_COMPONENT,  /* a component of the selected token's vector */
} MlrAttentionHit;

void            mlr_attention_painter_layout (cairo_t                        *cr,
                                              int                             width,
                                              int                             height,
                                              const MlrPalette               *palette,
                                              const MlrAttentionState        *state,
                                              MlrAttentionLayout             *layout);
MlrAttentionHit mlr_attention_painter_hit    (const MlrAttentionLayout       *layout,
                                              const MlrAttentionState        *state,
                                              double                          x,
                                              double                          y,
                                              guint                          *index);
void            mlr_attention_painter_draw   (cairo_t                        *cr,
                                              int                             width,
                                              int                             height,
                                              const MlrPalette               *palette,
                                              const MlrAttentionState        *state,
                                              const MlrAttentionPaintOptions *options);
int             mlr_attention_painter_preferred_height (int                   width,
                                              const MlrPalette               *palette,
                                              const MlrAttentionState        *state);

G_END_DECLS
