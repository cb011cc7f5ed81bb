/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-serving-painter: the "serving" demo's picture. A line of numbers (p50, p95, p99, mean,
 * throughput, utilisation, rejected); the latency histogram with its p50, p95 and p99
 * marked; p99 against offered load (log scale, the sweep of the state) with the capacity line
 * and the run's own point; and the live queue: at the playhead, the requests waiting and each
 * replica's batch (its slots and how far its service has got), over the queue length along
 * the traced window. Everything it draws is computed in the state, never here.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-serving-state.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

typedef struct {
  double  header_y;      /* the numbers line */
  gboolean stacked;      /* narrow: one panel under another */
  guint   header_lines;  /* the numbers on 2 lines, or 3 below 1000 px */
  MlrPlot hist;          /* latency (ms) × share of requests */
  MlrPlot sweep;         /* offered load × p99 (ms, log) */
  MlrPlot timeline;      /* time (ms) × requests waiting */
  double  live_x, live_y, live_w, live_h;  /* the queue and the replicas at the playhead */
} MlrServingLayout;

void     mlr_serving_painter_layout   (int                    width,
                                       int                    height,
                                       const MlrServingState *state,
                                       MlrServingLayout      *layout);
gboolean mlr_serving_painter_sweep_hit (const MlrServingLayout *layout,
                                        double                 x,
                                        double                 y,
                                        double                *load);
gboolean mlr_serving_painter_timeline_hit (const MlrServingLayout *layout,
                                           double                 x,
                                           double                 y,
                                           double                *time_ms);
void     mlr_serving_painter_draw     (cairo_t               *cr,
                                       int                    width,
                                       int                    height,
                                       const MlrPalette      *palette,
                                       const MlrServingState *state,
                                       gboolean               focused);
char    *mlr_serving_format_ms        (double                 ms);

#define MLR_SERVING_SWEEP_MAX_LOAD 1.15

G_END_DECLS
