/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-curve: 1-D functions with analytic derivatives for the calculus lesson (slope, tangent
 * line, gradient descent along a curve with local minima).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_CURVE_ERROR (mlr_curve_error_quark ())

typedef enum {
  MLR_CURVE_ERROR_UNKNOWN,
} MlrCurveError;

typedef enum {
  MLR_CURVE_PARABOLA,     /* x² */
  MLR_CURVE_DOUBLE_WELL,  /* x⁴ − 3x² + x: a global and a local minimum */
  MLR_CURVE_WAVY,         /* 0.1x² + sin(2x): many local minima */
  MLR_N_CURVES
} MlrCurveId;

#define MLR_CURVE_MAX_MINIMA 4

typedef struct {
  double   x;
  double   value;
  gboolean global;
} MlrCurveMinimum;

typedef struct {
  const char      *name;          /* id used by lessons and the CLI, e.g. "double-well" */
  const char      *title;         /* English display name */
  const char      *formula;       /* UTF-8, e.g. "f(x) = x⁴ − 3x² + x" */
  double           x_min;         /* default horizontal view */
  double           x_max;
  double           y_min;         /* default vertical view (covers f over [x_min, x_max]) */
  double           y_max;
  double           start;         /* default start point */
  double           suggested_lr;
  guint            n_minima;      /* the minima inside [x_min, x_max], global ones flagged */
  MlrCurveMinimum  minima[MLR_CURVE_MAX_MINIMA];
} MlrCurveInfo;

GQuark              mlr_curve_error_quark (void);

const MlrCurveInfo *mlr_curve_get_info    (MlrCurveId  id);
const char * const *mlr_curve_names       (void);
gboolean            mlr_curve_lookup      (const char *name,
                                           MlrCurveId *id,
                                           GError    **error);
double              mlr_curve_eval        (MlrCurveId  id,
                                           double      x,
                                           double     *derivative);
void                mlr_curve_tangent     (MlrCurveId  id,
                                           double      x0,
                                           double     *slope,
                                           double     *intercept);
void                mlr_curve_sample      (MlrCurveId  id,
                                           double      x_min,
                                           double      x_max,
                                           guint       n,
                                           double     *values);

G_END_DECLS
