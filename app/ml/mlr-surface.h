/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-surface: the 2-D loss surfaces of the gradient-descent demo, each with an analytic
 * gradient, its known minima, a default view rectangle and start point, and a fast grid
 * evaluation for the heatmap painter.
 */
#pragma once

#include <glib.h>

#include "mlr-mat2.h"

G_BEGIN_DECLS

#define MLR_SURFACE_ERROR (mlr_surface_error_quark ())

typedef enum {
  MLR_SURFACE_ERROR_UNKNOWN,
} MlrSurfaceError;

typedef enum {
  MLR_SURFACE_BOWL,        /* 0.5 (x² + 10 y²): condition number 10, GD zig-zags across y */
  MLR_SURFACE_ROSENBROCK,  /* (1 - x)² + 100 (y - x²)²: a curved, flat-bottomed valley */
  MLR_SURFACE_HIMMELBLAU,  /* (x² + y - 11)² + (x + y² - 7)²: four minima */
  MLR_SURFACE_BOOTH,       /* (x + 2y - 7)² + (2x + y - 5)²: a tilted quadratic */
  MLR_SURFACE_BEALE,       /* sum of (c_i - x + x y^i)², c = 1.5, 2.25, 2.625: sharp ridges */
  MLR_SURFACE_SADDLE,      /* x² - y²: no minimum, a saddle point at the origin */
  MLR_N_SURFACES
} MlrSurfaceId;

/* A rectangle in surface coordinates (x to the right, y up). */
typedef struct {
  double x_min;
  double x_max;
  double y_min;
  double y_max;
} MlrViewRect;

#define MLR_SURFACE_MAX_POINTS 4

typedef struct {
  const char  *name;          /* id used by lessons and the CLI, e.g. "rosenbrock" */
  const char  *title;         /* English display name, e.g. "Rosenbrock valley" */
  const char  *formula;       /* UTF-8, e.g. "f(x, y) = (1 − x)² + 100 (y − x²)²" */
  MlrViewRect  view;          /* default view for the heatmap */
  MlrVec2      start;         /* default start point, inside the view */
  double       suggested_lr;  /* plain GD learning rate at which the surface's lesson shows */
  guint        n_minima;      /* the global minima (all of them, for marking) */
  MlrVec2      minima[MLR_SURFACE_MAX_POINTS];
  double       min_value;     /* f at each of minima[] */
  guint        n_saddles;     /* saddle points worth marking (only the saddle surface) */
  MlrVec2      saddles[MLR_SURFACE_MAX_POINTS];
} MlrSurfaceInfo;

GQuark                mlr_surface_error_quark (void);

const MlrSurfaceInfo *mlr_surface_get_info    (MlrSurfaceId        id);
const char * const   *mlr_surface_names       (void);
gboolean              mlr_surface_lookup      (const char         *name,
                                               MlrSurfaceId       *id,
                                               GError            **error);
double                mlr_surface_eval        (MlrSurfaceId        id,
                                               double              x,
                                               double              y);
double                mlr_surface_eval_grad   (MlrSurfaceId        id,
                                               double              x,
                                               double              y,
                                               MlrVec2            *grad);
void                  mlr_surface_eval_grid   (MlrSurfaceId        id,
                                               const MlrViewRect  *view,
                                               guint               width,
                                               guint               height,
                                               double             *values,
                                               double             *min_value,
                                               double             *max_value);

G_END_DECLS
