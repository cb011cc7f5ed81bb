/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-cost-painter: the "training-cost" demo's picture. Memory one GPU needs for training at
 * each ZeRO stage, as stacked bars (weights, gradients, optimizer state, activations in
 * Okabe-Ito colours) against a line at the GPU's memory, the state's stage drawn in full;
 * the compute (6·N·D) and the days it takes; and one serving replica's memory, weights plus
 * KV cache, against the same line. GB are 10⁹ bytes.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-cost-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

typedef struct {
  double bar_x0, bar_x1;   /* the bars' scale: 0 GB at bar_x0 */
  double max_gb;           /* ... and this at bar_x1 */
  double row_y[4];         /* top of the bar of ZeRO stage k */
  double row_h;
  double infer_y;          /* top of the inference bar */
} MlrCostLayout;

void     mlr_cost_painter_layout   (int                 width,
                                    int                 height,
                                    const MlrCostState *state,
                                    MlrCostLayout      *layout);
int      mlr_cost_painter_hit_stage (const MlrCostLayout *layout,
                                     double               x,
                                     double               y);
MlrColor mlr_cost_part_color       (const MlrPalette   *palette,
                                    MlrCostPart         part);
void     mlr_cost_painter_draw     (cairo_t            *cr,
                                    int                 width,
                                    int                 height,
                                    const MlrPalette   *palette,
                                    const MlrCostState *state,
                                    gboolean            focused);
char    *mlr_cost_format_bytes     (double              gb);
char    *mlr_cost_format_days      (double              days);
char    *mlr_cost_format_power     (double              value);
char    *mlr_cost_format_count     (double              n);
const char *mlr_cost_optimizer_title (const char       *id);

G_END_DECLS
