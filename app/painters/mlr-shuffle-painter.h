/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-shuffle-painter: the "shuffle" demo's picture. On top the job's task timeline, one row
 * per task slot (a Gantt chart): the map stage's tasks, the shuffle barrier, the reduce
 * stage's tasks and its straggler picked out; for a broadcast join the broadcast and the one
 * join stage. Below, the histogram of the shuffle partitions' sizes, and the numbers: the
 * stage's time, its longest and median task, the bytes shuffled and spilled, the largest
 * partition and the hot key's share.
 */
#pragma once

#include <cairo.h>

#include "ml/mlr-shuffle-state.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

typedef struct {
  double gantt_x, gantt_y, gantt_w, gantt_h;   /* the timeline's plot area */
  double hist_x, hist_y, hist_w, hist_h;       /* the histogram's plot area */
  double panel_x, panel_y, panel_w;            /* the numbers */
  gboolean stacked;                            /* narrow: everything in one column */
} MlrShuffleLayout;

void  mlr_shuffle_painter_layout (int                    width,
                                  int                    height,
                                  MlrShuffleLayout      *layout);
void  mlr_shuffle_painter_draw   (cairo_t               *cr,
                                  int                    width,
                                  int                    height,
                                  const MlrPalette      *palette,
                                  const MlrShuffleState *state);
char *mlr_shuffle_format_seconds (double                 seconds);
char *mlr_shuffle_format_mib     (double                 mib);
char *mlr_shuffle_format_count   (double                 n);

G_END_DECLS
