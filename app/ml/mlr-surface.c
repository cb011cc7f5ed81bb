/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-surface.h"

#include <math.h>

G_DEFINE_QUARK (mlr-surface-error-quark, mlr_surface_error)

/* Minima found by Newton's method to full double precision; the tests check that the
 * gradient vanishes there. */
static const MlrSurfaceInfo surfaces[MLR_N_SURFACES] = {
  [MLR_SURFACE_BOWL] = {
    .name = "bowl",
    .title = "Elongated bowl",
    .formula = "f(x, y) = ½ (x² + 10 y²)",
    .view = { -5, 5, -3, 3 },
    .start = { -4.5, 2.0 },
    /* 10 lr = 1.8: y flips sign each step (zig-zag) while x creeps along the valley. */
    .suggested_lr = 0.18,
    .n_minima = 1,
    .minima = { { 0, 0 } },
    .min_value = 0,
  },
  [MLR_SURFACE_ROSENBROCK] = {
    .name = "rosenbrock",
    .title = "Rosenbrock valley",
    .formula = "f(x, y) = (1 − x)² + 100 (y − x²)²",
    .view = { -2, 2, -1, 3 },
    .start = { -1.2, 1.0 },
    .suggested_lr = 0.001,
    .n_minima = 1,
    .minima = { { 1, 1 } },
    .min_value = 0,
  },
  [MLR_SURFACE_HIMMELBLAU] = {
    .name = "himmelblau",
    .title = "Himmelblau's function",
    .formula = "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
    .view = { -5, 5, -5, 5 },
    .start = { -0.5, -0.5 },
    .suggested_lr = 0.01,
    .n_minima = 4,
    .minima = {
      { 3, 2 },
      { -2.8051180869527448, 3.131312518250573 },
      { -3.779310253377747, -3.2831859912861696 },
      { 3.5844283403304917, -1.8481265269644036 },
    },
    .min_value = 0,
  },
  [MLR_SURFACE_BOOTH] = {
    .name = "booth",
    .title = "Booth's function",
    .formula = "f(x, y) = (x + 2y − 7)² + (2x + y − 5)²",
    .view = { -10, 10, -10, 10 },
    .start = { -8, -6 },
    .suggested_lr = 0.05,
    .n_minima = 1,
    .minima = { { 1, 3 } },
    .min_value = 0,
  },
  [MLR_SURFACE_BEALE] = {
    .name = "beale",
    .title = "Beale's function",
    .formula = "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
    .view = { -4.5, 4.5, -4.5, 4.5 },
    .start = { 1, 1.5 },
    .suggested_lr = 0.001,
    .n_minima = 1,
    .minima = { { 3, 0.5 } },
    .min_value = 0,
  },
  [MLR_SURFACE_SADDLE] = {
    .name = "saddle",
    .title = "Saddle",
    .formula = "f(x, y) = x² − y²",
    .view = { -2, 2, -2, 2 },
    .start = { -1.8, 0.05 },
    .suggested_lr = 0.05,
    .n_minima = 0,
    .min_value = 0,
    .n_saddles = 1,
    .saddles = { { 0, 0 } },
  },
};

static const char * const surface_names[] = {
  "bowl", "rosenbrock", "himmelblau", "booth", "beale", "saddle", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (surface_names) == MLR_N_SURFACES + 1);

/**
 * mlr_surface_get_info:
 * Returns the static description of surface @id.
 */
const MlrSurfaceInfo *
mlr_surface_get_info (MlrSurfaceId id)
{
  g_return_val_if_fail ((guint) id < MLR_N_SURFACES, &surfaces[0]);
  return &surfaces[id];
}

/**
 * mlr_surface_names:
 * Returns the surface names in #MlrSurfaceId order, %NULL-terminated (usable as the choices
 * of an #MlrParamSpec).
 */
const char * const *
mlr_surface_names (void)
{
  return surface_names;
}

/**
 * mlr_surface_lookup:
 * Finds the surface called @name (case-insensitive). On failure the error lists the valid
 * names.
 */
gboolean
mlr_surface_lookup (const char   *name,
                    MlrSurfaceId *id,
                    GError      **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MLR_N_SURFACES; i++)
    if (g_ascii_strcasecmp (surface_names[i], name) == 0)
      {
        *id = (MlrSurfaceId) i;
        return TRUE;
      }
  {
    g_autofree char *valid = g_strjoinv (", ", (char **) surface_names);
    g_set_error (error, MLR_SURFACE_ERROR, MLR_SURFACE_ERROR_UNKNOWN,
                 "unknown surface “%s” (surfaces: %s)", name, valid);
  }
  return FALSE;
}

/* The value-only forms are written separately from the gradients so the grid loops below
 * inline and vectorize them. */
static inline double
f_bowl (double x, double y)
{
  return 0.5 * (x * x + 10.0 * y * y);
}

static inline double
f_rosenbrock (double x, double y)
{
  double u = 1.0 - x, v = y - x * x;
  return u * u + 100.0 * v * v;
}

static inline double
f_himmelblau (double x, double y)
{
  double a = x * x + y - 11.0, b = x + y * y - 7.0;
  return a * a + b * b;
}

static inline double
f_booth (double x, double y)
{
  double a = x + 2.0 * y - 7.0, b = 2.0 * x + y - 5.0;
  return a * a + b * b;
}

static inline double
f_beale (double x, double y)
{
  double y2 = y * y, y3 = y2 * y;
  double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
  return t1 * t1 + t2 * t2 + t3 * t3;
}

static inline double
f_saddle (double x, double y)
{
  return x * x - y * y;
}

/**
 * mlr_surface_eval:
 * Returns f(@x, @y) for surface @id.
 */
double
mlr_surface_eval (MlrSurfaceId id,
                  double       x,
                  double       y)
{
  switch (id)
    {
    case MLR_SURFACE_BOWL:       return f_bowl (x, y);
    case MLR_SURFACE_ROSENBROCK: return f_rosenbrock (x, y);
    case MLR_SURFACE_HIMMELBLAU: return f_himmelblau (x, y);
    case MLR_SURFACE_BOOTH:      return f_booth (x, y);
    case MLR_SURFACE_BEALE:      return f_beale (x, y);
    case MLR_SURFACE_SADDLE:     return f_saddle (x, y);
    case MLR_N_SURFACES:
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * mlr_surface_eval_grad:
 * Returns f(@x, @y) and stores the analytic gradient (∂f/∂x, ∂f/∂y) in @grad.
 */
double
mlr_surface_eval_grad (MlrSurfaceId id,
                       double       x,
                       double       y,
                       MlrVec2     *grad)
{
  switch (id)
    {
    case MLR_SURFACE_BOWL:
      grad->x = x;
      grad->y = 10.0 * y;
      return f_bowl (x, y);

    case MLR_SURFACE_ROSENBROCK:
      {
        double u = 1.0 - x, v = y - x * x;
        grad->x = -2.0 * u - 400.0 * x * v;
        grad->y = 200.0 * v;
        return u * u + 100.0 * v * v;
      }

    case MLR_SURFACE_HIMMELBLAU:
      {
        double a = x * x + y - 11.0, b = x + y * y - 7.0;
        grad->x = 4.0 * x * a + 2.0 * b;
        grad->y = 2.0 * a + 4.0 * y * b;
        return a * a + b * b;
      }

    case MLR_SURFACE_BOOTH:
      {
        double a = x + 2.0 * y - 7.0, b = 2.0 * x + y - 5.0;
        grad->x = 2.0 * a + 4.0 * b;
        grad->y = 4.0 * a + 2.0 * b;
        return a * a + b * b;
      }

    case MLR_SURFACE_BEALE:
      {
        double y2 = y * y, y3 = y2 * y;
        double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
        grad->x = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0));
        grad->y = 2.0 * x * (t1 + 2.0 * y * t2 + 3.0 * y2 * t3);
        return t1 * t1 + t2 * t2 + t3 * t3;
      }

    case MLR_SURFACE_SADDLE:
      grad->x = 2.0 * x;
      grad->y = -2.0 * y;
      return f_saddle (x, y);

    case MLR_N_SURFACES:
    default:
      grad->x = grad->y = 0;
      g_return_val_if_reached (0);
    }
}

/* xs holds the column abscissas, computed once per grid; the inner loop is then a plain
 * map the compiler can vectorise. */
#define DEFINE_GRID(fn)                                                         \
  static void                                                                   \
  grid_##fn (const MlrViewRect *view, guint width, guint height,                \
             const double *xs, double *values)                                  \
  {                                                                             \
    double dy = (view->y_max - view->y_min) / height;                           \
    for (guint j = 0; j < height; j++)                                          \
      {                                                                         \
        const double y = view->y_max - (j + 0.5) * dy;                          \
        double *row = values + (gsize) j * width;                               \
        for (guint i = 0; i < width; i++)                                       \
          row[i] = fn (xs[i], y);                                               \
      }                                                                         \
  }

DEFINE_GRID (f_bowl)
DEFINE_GRID (f_rosenbrock)
DEFINE_GRID (f_himmelblau)
DEFINE_GRID (f_booth)
DEFINE_GRID (f_beale)
DEFINE_GRID (f_saddle)

/**
 * mlr_surface_eval_grid:
 * Evaluates surface @id on a @width x @height grid over @view, into @values (row-major,
 * width * height doubles). Samples are pixel centres: column i is at
 * x = x_min + (i + ½) (x_max − x_min) / width, and row j at y = y_max − (j + ½) (y_max −
 * y_min) / height, so row 0 is the top of the view as on screen. The smallest and largest
 * values go to @min_value and @max_value when those are not %NULL (for the colour scale).
 */
void
mlr_surface_eval_grid (MlrSurfaceId       id,
                       const MlrViewRect *view,
                       guint              width,
                       guint              height,
                       double            *values,
                       double            *min_value,
                       double            *max_value)
{
  gsize n = (gsize) width * height;
  double lo = INFINITY, hi = -INFINITY;
  g_autofree double *xs = NULL;

  g_return_if_fail ((guint) id < MLR_N_SURFACES);
  g_return_if_fail (view != NULL);
  g_return_if_fail (values != NULL || n == 0);

  xs = g_new (double, MAX (width, 1));
  for (guint i = 0; i < width; i++)
    xs[i] = view->x_min + (i + 0.5) * (view->x_max - view->x_min) / width;

  switch (id)
    {
    case MLR_SURFACE_BOWL:       grid_f_bowl (view, width, height, xs, values); break;
    case MLR_SURFACE_ROSENBROCK: grid_f_rosenbrock (view, width, height, xs, values); break;
    case MLR_SURFACE_HIMMELBLAU: grid_f_himmelblau (view, width, height, xs, values); break;
    case MLR_SURFACE_BOOTH:      grid_f_booth (view, width, height, xs, values); break;
    case MLR_SURFACE_BEALE:      grid_f_beale (view, width, height, xs, values); break;
    case MLR_SURFACE_SADDLE:     grid_f_saddle (view, width, height, xs, values); break;
    case MLR_N_SURFACES:
    default:
      g_assert_not_reached ();
    }

  if (min_value == NULL && max_value == NULL)
    return;
  for (gsize k = 0; k < n; k++)
    {
      lo = MIN (lo, values[k]);
      hi = MAX (hi, values[k]);
    }
  if (n == 0)
    lo = hi = 0;
  if (min_value)
    *min_value = lo;
  if (max_value)
    *max_value = hi;
}
