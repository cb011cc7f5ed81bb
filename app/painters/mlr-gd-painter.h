/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-gd-painter: draws the gradient-descent demo (ml/mlr-gd-state.h).
 *
 * 2-D: the surface as a viridis heatmap of t = log(1 + f − f_lo) / log(1 + f_hi − f_lo) (f_lo,
 * f_hi: the lowest and highest value in view), so the valley floor keeps its contrast next to
 * the walls, with contour lines at evenly spaced t, a colour bar saying so, the minima
 * (or saddle point) marked, axes with ticks at equal aspect (so the gradient meets the
 * contours at right angles, as on paper), each optimizer's path in its own colour, and a
 * legend that says "diverged at step K" for a run that blew up.
 * 1-D: the curve, each optimizer's steps along it as dots and arrows, and the tangent line
 * at the first runner's position labelled "slope f′(x) = …".
 * Both: a loss-per-step chart (log scale of f − f* when the objective has a minimum).
 *
 * The heatmap and its contours are baked into an image kept in an MlrGdPainterCache and
 * rebuilt only when the surface, the view or the size change, never per frame.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ml/mlr-gd-state.h"
#include "ml/mlr-params.h"
#include "mlr-palette.h"
#include "mlr-plot.h"

G_BEGIN_DECLS

/* Where things are, in the canvas's units; the widget uses it to map pointer positions. */
typedef struct {
  MlrPlot  main;           /* heatmap (2-D, equal aspect) or curve (1-D) */
  MlrPlot  chart;          /* loss per step: x is the step, y log-scaled when log_y */
  gboolean chart_beside;   /* the chart sits right of the main plot (wide canvases) */
  double   header_h;       /* height of the title strip at the top */
  double   bar_x, bar_y, bar_w, bar_h;  /* the colour bar (2-D only; bar_w is 0 in 1-D) */
  gboolean legend_below;   /* narrow canvases: the legend under the plot, not over it */
  double   legend_x, legend_y;
} MlrGdLayout;

typedef struct {
  gboolean focused;        /* the canvas has keyboard focus: ring the start point */
  gboolean dragging;       /* the start point is being dragged */
  double   scale;          /* device pixels per unit for the cached heatmap (HiDPI); 0 = 1 */
  /* The view is moving (zoom or pan gesture): the cached heatmap may be shown scaled and
   * shifted to the new view, or rebuilt on a coarser grid where it does not cover it; the
   * caller draws again with this FALSE when the view rests, which rebuilds it in full. */
  gboolean view_moving;
  /* Never rebuild a picture of the same surface and size on this thread: show the cached
   * one scaled and shifted to the view, and leave the rebuild to a job
   * (mlr_gd_painter_cache_new_job()) the caller runs on another thread. */
  gboolean defer_rebuild;
} MlrGdPainterOptions;

typedef struct _MlrGdPainterCache MlrGdPainterCache;
typedef struct _MlrGdHeatJob MlrGdHeatJob;

MlrGdPainterCache *mlr_gd_painter_cache_new        (void);
void               mlr_gd_painter_cache_free       (MlrGdPainterCache         *cache);
guint              mlr_gd_painter_cache_get_builds (const MlrGdPainterCache   *cache);
MlrGdHeatJob      *mlr_gd_painter_cache_new_job    (MlrGdPainterCache         *cache);
gboolean           mlr_gd_painter_cache_want_full  (MlrGdPainterCache         *cache,
                                                    double                     scale);
gboolean           mlr_gd_painter_cache_take_job   (MlrGdPainterCache         *cache,
                                                    MlrGdHeatJob              *job);
void               mlr_gd_heat_job_run             (MlrGdHeatJob              *job);
void               mlr_gd_heat_job_free            (MlrGdHeatJob              *job);

void               mlr_gd_painter_layout           (int                        width,
                                                    int                        height,
                                                    const MlrPalette          *palette,
                                                    const MlrGdState          *state,
                                                    MlrGdLayout               *layout);
void               mlr_gd_painter_draw             (cairo_t                   *cr,
                                                    int                        width,
                                                    int                        height,
                                                    const MlrPalette          *palette,
                                                    const MlrGdState          *state,
                                                    const MlrGdPainterOptions *options,
                                                    MlrGdPainterCache         *cache);
gboolean           mlr_gd_render                   (cairo_t                   *cr,
                                                    int                        width,
                                                    int                        height,
                                                    const MlrPalette          *palette,
                                                    const MlrParams           *params,
                                                    GError                   **error);

MlrColor           mlr_gd_painter_run_color        (const MlrPalette          *palette,
                                                    MlrGdMode                  mode,
                                                    MlrOptimizerKind           kind);
double             mlr_gd_heat_t                   (double                     f,
                                                    double                     lo,
                                                    double                     hi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrGdPainterCache, mlr_gd_painter_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrGdHeatJob, mlr_gd_heat_job_free)

G_END_DECLS
