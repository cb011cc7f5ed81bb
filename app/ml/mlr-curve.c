/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-curve.h"

#include <math.h>

G_DEFINE_QUARK (mlr-curve-error-quark, mlr_curve_error)

/* Minima by Newton's method on f' to full double precision (the tests check f' = 0). */
static const MlrCurveInfo curves[MLR_N_CURVES] = {
  [MLR_CURVE_PARABOLA] = {
    .name = "parabola",
    .title = "Parabola",
    .formula = "f(x) = x²",
    .x_min = -3, .x_max = 3,
    .y_min = -1, .y_max = 10,
    .start = -2.5,
    .suggested_lr = 0.1,
    .n_minima = 1,
    .minima = { { 0, 0, TRUE } },
  },
  [MLR_CURVE_DOUBLE_WELL] = {
    .name = "double-well",
    .title = "Double well",
    .formula = "f(x) = x⁴ − 3x² + x",
    .x_min = -2.2, .x_max = 2.2,
    .y_min = -4, .y_max = 12,
    .start = 2.0,
    .suggested_lr = 0.01,
    .n_minima = 2,
    .minima = {
      { -1.3008395659415772, -3.5139050389347899, TRUE },
      { 1.1309011226299859, -1.0702301817761541, FALSE },
    },
  },
  [MLR_CURVE_WAVY] = {
    .name = "wavy",
    .title = "Wavy bowl",
    .formula = "f(x) = 0.1x² + sin(2x)",
    .x_min = -6, .x_max = 6,
    .y_min = -1.5, .y_max = 5,
    .start = 4.5,
    .suggested_lr = 0.05,
    .n_minima = 4,
    .minima = {
      { -3.7355704568666113, 0.46784145512919795, FALSE },
      { -0.74796495663587903, -0.94125366117466314, TRUE },
      { 2.2430781436053815, -0.47137838900136764, FALSE },
      { 5.2230134318363088, 1.8752259404200933, FALSE },
    },
  },
};

static const char * const curve_names[] = { "parabola", "double-well", "wavy", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (curve_names) == MLR_N_CURVES + 1);

/**
 * mlr_curve_get_info:
 * Returns the static description of curve @id.
 */
const MlrCurveInfo *
mlr_curve_get_info (MlrCurveId id)
{
  g_return_val_if_fail ((guint) id < MLR_N_CURVES, &curves[0]);
  return &curves[id];
}

/**
 * mlr_curve_names:
 * Returns the curve names in #MlrCurveId order, %NULL-terminated.
 */
const char * const *
mlr_curve_names (void)
{
  return curve_names;
}

/**
 * mlr_curve_lookup:
 * Finds the curve called @name (case-insensitive); the error lists the valid names.
 */
gboolean
mlr_curve_lookup (const char *name,
                  MlrCurveId *id,
                  GError    **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MLR_N_CURVES; i++)
    if (g_ascii_strcasecmp (curve_names[i], name) == 0)
      {
        *id = (MlrCurveId) i;
        return TRUE;
      }
  {
    g_autofree char *valid = g_strjoinv (", ", (char **) curve_names);
    g_set_error (error, MLR_CURVE_ERROR, MLR_CURVE_ERROR_UNKNOWN,
                 "unknown curve “%s” (curves: %s)", name, valid);
  }
  return FALSE;
}

/**
 * mlr_curve_eval:
 * Returns f(@x) for curve @id, and f'(@x) in @derivative when that is not %NULL.
 */
double
mlr_curve_eval (MlrCurveId id,
                double     x,
                double    *derivative)
{
  double f, df;

  switch (id)
    {
    case MLR_CURVE_PARABOLA:
      f = x * x;
      df = 2.0 * x;
      break;

    case MLR_CURVE_DOUBLE_WELL:
      {
        double x2 = x * x;
        f = x2 * x2 - 3.0 * x2 + x;
        df = 4.0 * x2 * x - 6.0 * x + 1.0;
      }
      break;

    case MLR_CURVE_WAVY:
      f = 0.1 * x * x + sin (2.0 * x);
      df = 0.2 * x + 2.0 * cos (2.0 * x);
      break;

    case MLR_N_CURVES:
    default:
      f = df = 0;
      g_return_val_if_reached (0);
    }

  if (derivative)
    *derivative = df;
  return f;
}

/**
 * mlr_curve_tangent:
 * The tangent line to curve @id at @x0: y = @slope x + @intercept, with slope f'(x0) and
 * intercept f(x0) − f'(x0) x0.
 */
void
mlr_curve_tangent (MlrCurveId id,
                   double     x0,
                   double    *slope,
                   double    *intercept)
{
  double df;
  double f = mlr_curve_eval (id, x0, &df);

  if (slope)
    *slope = df;
  if (intercept)
    *intercept = f - df * x0;
}

/**
 * mlr_curve_sample:
 * Evaluates curve @id at @n evenly spaced points from @x_min to @x_max inclusive (one point,
 * at @x_min, when @n is 1), into @values, for the painter's polyline.
 */
void
mlr_curve_sample (MlrCurveId id,
                  double     x_min,
                  double     x_max,
                  guint      n,
                  double    *values)
{
  g_return_if_fail ((guint) id < MLR_N_CURVES);
  g_return_if_fail (values != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    {
      double x = n > 1 ? x_min + (x_max - x_min) * i / (n - 1) : x_min;
      values[i] = mlr_curve_eval (id, x, NULL);
    }
}
