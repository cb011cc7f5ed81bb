/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-regression-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mlr-rng.h"

G_DEFINE_QUARK (mlr-regression-state-error-quark, mlr_regression_state_error)

/* The split and the resamples are seeded apart from the data, so one seed makes the whole
 * picture but a new split does not move the points. */
#define SPLIT_SEED_SALT    G_GUINT64_CONSTANT (0x5851f42d4c957f2d)
#define RESAMPLE_SEED_SALT G_GUINT64_CONSTANT (0x14057b7ef767814f)

/* The plane: x a little wider than the data's [0, 1]; y from the data, at least ±1.5. */
#define VIEW_X0 (-0.05)
#define VIEW_X1 1.05
#define VIEW_Y_MIN 1.5
#define VIEW_Y_LIMIT 6.0

static const char * const truth_names[] = { "linear", "quadratic", "sine", "step", NULL };
static const char * const truth_titles[] = {
  N_("Line"), N_("Parabola"), N_("Sine wave"), N_("Step"), NULL
};
static const char * const truth_help[] = {
  N_("f(x) = 2x − 1: a degree-1 model is already right"),
  N_("f(x) = 8(x − ½)² − 1: needs degree 2"),
  N_("f(x) = sin 2πx: no polynomial is exact; degree 3 to 5 comes close"),
  N_("f(x) = −¾ left of ½, ¾ from there: every polynomial overshoots the jump"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "truth", .type = MLR_PARAM_CHOICE, .default_value = "sine", .choices = truth_names,
    .help = N_("The true function f the points are drawn from (dashed): y = f(x) + noise"),
    .label = N_("Truth"), .choice_titles = truth_titles, .choice_help = truth_help },
  { .key = "noise", .type = MLR_PARAM_NUMBER, .default_value = "0.3", .min = 0, .max = 1,
    .help = N_("σ, the standard deviation of the Gaussian noise on y. No model can predict "
               "it: σ² is the floor of the expected test error"),
    .label = N_("Noise σ"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2 },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "40", .min = 2,
    .max = MLR_REGRESSION_MAX_POINTS,
    .help = N_("How many points to draw, training and test together. More training data "
               "tames a flexible model's variance"),
    .label = N_("Points"), .ui_min = 5, .ui_step = 5 },
  { .key = "test_share", .type = MLR_PARAM_NUMBER, .default_value = "0.5", .min = 0,
    .max = 0.9,
    .help = N_("Share of the points held out as the test set (hollow squares). The fit never "
               "sees them; their error is the honest score"),
    .label = N_("Test share"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 2,
    .more = TRUE },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "16", .min = 0, .max = 4294967295.0,
    .help = N_("Random seed of the points, the split and the resampled training sets"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "degree", .type = MLR_PARAM_INT, .default_value = "3", .min = 0,
    .max = MLR_POLY_MAX_DEGREE,
    .help = N_("Degree of the polynomial: the fit uses x, x², …, x^degree and an intercept. "
               "Too low underfits, too high chases the noise"),
    .label = N_("Degree"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 1, .digits = 0, .row = 1 },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "0", .min = 0,
    .max = MLR_POLY_MAX_ALPHA,
    .help = N_("Ridge penalty α: the fit minimizes the sum of squared errors plus α times the "
               "sum of the squared coefficients of x, x², … (not the intercept), as "
               "scikit-learn's Ridge. 0 is ordinary least squares; more shrinks the wiggles "
               "(log scale)"),
    .label = N_("Penalty α"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e-12, .ui_max = 10,
    .row = 1 },
  { .key = "residuals", .type = MLR_PARAM_BOOL, .default_value = "false",
    .help = N_("Draw each point's residual, the vertical gap between it and the fitted curve: "
               "what least squares makes small on the training points"),
    .label = N_("Residuals"), .row = 1 },
  { .key = "points", .type = MLR_PARAM_NUMBER_LIST, .min = -VIEW_Y_LIMIT, .max = VIEW_Y_LIMIT,
    .min_count = 0, .max_count = 2 * MLR_REGRESSION_MAX_POINTS,
    .help = N_("Your own training points instead of drawn ones: x,y,x,y,… with x in 0 to 1 "
               "and y in −6 to 6 (n and the test share then do not apply)"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "test_points", .type = MLR_PARAM_NUMBER_LIST, .min = -VIEW_Y_LIMIT,
    .max = VIEW_Y_LIMIT, .min_count = 0, .max_count = 2 * MLR_REGRESSION_MAX_POINTS,
    .help = N_("Your own test points, x,y,x,y,… as for points (used with points)"),
    .ui = MLR_PARAM_UI_NONE },
};

static const char * const metric_names[] = {
  "train_rmse", "test_rmse", "r2_test", "bias2", "variance", "noise", NULL
};

struct _MlrRegressionState
{
  /* from the parameters */
  MlrRegressionTruth truth;
  double             sigma;
  guint              n;
  double             test_share;
  guint64            seed;
  guint              degree;
  double             alpha;
  gboolean           residuals;
  GArray            *given;        /* MlrRegressionPoint: from points / test_points, or NULL */

  /* the points */
  GArray            *points;       /* MlrRegressionPoint */
  gboolean           edited;
  int                selected;
  double             cursor_x, cursor_y;
  double             view_y0, view_y1;

  /* what the fit made of them */
  MlrRegressionFitStatus status;
  MlrPolyFit         fit;
  guint              n_train, n_test, distinct_train;
  double             train_rmse, test_rmse, r2_test;
  gboolean           curve_ok[MLR_POLY_MAX_DEGREE + 1];
  double             curve_train[MLR_POLY_MAX_DEGREE + 1];
  double             curve_test[MLR_POLY_MAX_DEGREE + 1];
  gboolean           has_bias_variance;
  double             bias2, variance;

  /* caches: the factored training x's, their solvers at alpha, the noiseless and resampled
   * fits (all depend on the training x's, not their y: a vertical drag reuses them) */
  double            *design_x;
  guint              design_n;
  MlrPolyDesign     *design;
  double             solvers_alpha;
  MlrPolySolver     *solvers[MLR_POLY_MAX_DEGREE + 1];
  GError            *solver_errors[MLR_POLY_MAX_DEGREE + 1];
  gboolean           resampled;
  guint              resampled_degree;
  MlrRegressionTruth resampled_truth;
  double             resampled_sigma;
  guint64            resampled_seed;
  guint64            resample_serial;
  MlrPolyFit         mean_fit;
  MlrPolyFit         resamples[MLR_REGRESSION_RESAMPLES];
};

const MlrParamSpec *
mlr_regression_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_regression_state_metric_names (void)
{
  return metric_names;
}

/**
 * mlr_regression_truth_eval:
 * The true function @truth at @x (defined for every x; the data lie in [0, 1]).
 */
double
mlr_regression_truth_eval (MlrRegressionTruth truth,
                           double             x)
{
  switch (truth)
    {
    case MLR_REGRESSION_TRUTH_LINEAR:
      return 2 * x - 1;
    case MLR_REGRESSION_TRUTH_QUADRATIC:
      return 8 * (x - 0.5) * (x - 0.5) - 1;
    case MLR_REGRESSION_TRUTH_STEP:
      return x < 0.5 ? -0.75 : 0.75;
    case MLR_REGRESSION_TRUTH_SINE:
    default:
      return sin (2 * G_PI * x);
    }
}

/* ---------------------------------------------------------------- parameters */

/* The pairs of a points list into @out (test or not); FALSE with @error when they do not
 * make points of the plane. */
static gboolean
read_given (const MlrParams  *params,
            const char       *key,
            gboolean          test,
            GArray           *out,
            GError          **error)
{
  double values[2 * MLR_REGRESSION_MAX_POINTS];
  guint n;

  if (!mlr_params_has (params, key))
    return TRUE;
  n = mlr_params_get_doubles (params, key, values, G_N_ELEMENTS (values));
  if (n % 2 != 0)
    {
      g_set_error (error, MLR_REGRESSION_STATE_ERROR, MLR_REGRESSION_STATE_ERROR_INVALID,
                   "%s: expected x,y pairs, got an odd number of values (%u)", key, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i += 2)
    {
      MlrRegressionPoint p = { values[i], values[i + 1], test };

      if (p.x < MLR_REGRESSION_X_MIN || p.x > MLR_REGRESSION_X_MAX)
        {
          g_set_error (error, MLR_REGRESSION_STATE_ERROR, MLR_REGRESSION_STATE_ERROR_INVALID,
                       "%s: x = %g is outside 0 to 1 (point %u)", key, p.x, i / 2 + 1);
          return FALSE;
        }
      g_array_append_val (out, p);
    }
  if (out->len > MLR_REGRESSION_MAX_POINTS)
    {
      g_set_error (error, MLR_REGRESSION_STATE_ERROR, MLR_REGRESSION_STATE_ERROR_INVALID,
                   "points, test_points: at most %d points together",
                   MLR_REGRESSION_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

/* The given points of @params, or NULL (and no error) when it has none. */
static GArray *
given_points (const MlrParams  *params,
              GError          **error)
{
  g_autoptr(GArray) given = g_array_new (FALSE, FALSE, sizeof (MlrRegressionPoint));

  if (!mlr_params_has (params, "points") && !mlr_params_has (params, "test_points"))
    return NULL;
  if (!read_given (params, "points", FALSE, given, error) ||
      !read_given (params, "test_points", TRUE, given, error))
    return NULL;
  return g_steal_pointer (&given);
}

/* Whether @params work together: points lists of x,y pairs in the plane. */
gboolean
mlr_regression_state_check (const MlrParams  *params,
                            GError          **error)
{
  g_autoptr(GError) local = NULL;
  GArray *given = given_points (params, &local);

  g_clear_pointer (&given, g_array_unref);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static void
read_params (MlrRegressionState *self,
             const MlrParams    *params)
{
  const MlrParamSpec *truth_spec =
    mlr_param_spec_lookup (param_specs, G_N_ELEMENTS (param_specs), "truth");

  self->truth = MAX (0, mlr_param_spec_choice_index (truth_spec,
                                                     mlr_params_get_string (params, "truth")));
  self->sigma = mlr_params_get_double (params, "noise");
  self->n = (guint) mlr_params_get_int (params, "n");
  self->test_share = mlr_params_get_double (params, "test_share");
  self->seed = (guint64) mlr_params_get_int (params, "seed");
  self->degree = (guint) mlr_params_get_int (params, "degree");
  self->alpha = mlr_params_get_double (params, "alpha");
  self->residuals = mlr_params_get_bool (params, "residuals");
}

/* ---------------------------------------------------------------- the data */

/* y view: the data's range with a margin, at least ±1.5, in halves. */
static void
fit_view (MlrRegressionState *self)
{
  double lo = -VIEW_Y_MIN, hi = VIEW_Y_MIN;

  for (guint i = 0; i < self->points->len; i++)
    {
      const MlrRegressionPoint *p = &g_array_index (self->points, MlrRegressionPoint, i);
      lo = MIN (lo, p->y - 0.2);
      hi = MAX (hi, p->y + 0.2);
    }
  self->view_y0 = MAX (floor (lo * 2) / 2, -VIEW_Y_LIMIT);
  self->view_y1 = MIN (ceil (hi * 2) / 2, VIEW_Y_LIMIT);
}

/* The points as the parameters say: the given ones, or n drawn ones — x uniform on [0, 1),
 * then y = f(x) + σ ε with ε standard normal, then round(n · test_share) of them (at most
 * n − 1) held out at random. The same seed keeps x and ε when only truth or σ change. */
static void
generate (MlrRegressionState *self)
{
  g_array_set_size (self->points, 0);
  if (self->given != NULL)
    g_array_append_vals (self->points, self->given->data, self->given->len);
  else
    {
      g_autofree guint *order = g_new (guint, self->n);
      guint n_test = (guint) MIN (round (self->n * self->test_share), self->n - 1.0);
      MlrRng rng;

      g_array_set_size (self->points, self->n);
      mlr_rng_init (&rng, self->seed);
      for (guint i = 0; i < self->n; i++)
        g_array_index (self->points, MlrRegressionPoint, i).x = mlr_rng_uniform (&rng);
      for (guint i = 0; i < self->n; i++)
        {
          MlrRegressionPoint *p = &g_array_index (self->points, MlrRegressionPoint, i);
          p->y = mlr_regression_truth_eval (self->truth, p->x) +
                 self->sigma * mlr_rng_normal (&rng);
          p->test = FALSE;
        }
      mlr_rng_init (&rng, self->seed ^ SPLIT_SEED_SALT);
      for (guint i = 0; i < self->n; i++)
        order[i] = i;
      mlr_rng_shuffle (&rng, order, self->n);
      for (guint i = 0; i < n_test; i++)
        g_array_index (self->points, MlrRegressionPoint, order[i]).test = TRUE;
    }
  self->edited = FALSE;
  self->selected = -1;
  fit_view (self);
  self->cursor_x = 0.5;
  self->cursor_y = 0.5 * (self->view_y0 + self->view_y1);
}

/* ---------------------------------------------------------------- fitting */

static void
drop_solvers (MlrRegressionState *self)
{
  for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
    {
      g_clear_pointer (&self->solvers[d], mlr_poly_solver_free);
      g_clear_error (&self->solver_errors[d]);
    }
  self->resampled = FALSE;
}

/* The design for these training x's (reused when they are the same as last time). */
static gboolean
ensure_design (MlrRegressionState *self,
               const double       *x,
               guint               n)
{
  if (self->design != NULL && self->design_n == n &&
      memcmp (self->design_x, x, n * sizeof (double)) == 0)
    return TRUE;
  drop_solvers (self);
  g_clear_pointer (&self->design, mlr_poly_design_unref);
  g_free (self->design_x);
  self->design_x = g_memdup2 (x, n * sizeof (double));
  self->design_n = n;
  /* the x's are finite and in the plane: this cannot fail */
  self->design = mlr_poly_design_new (x, n, MLR_POLY_MAX_DEGREE, NULL);
  self->solvers_alpha = -1;
  return self->design != NULL;
}

static MlrPolySolver *
ensure_solver (MlrRegressionState *self,
               guint               degree)
{
  if (self->solvers_alpha != self->alpha)
    {
      drop_solvers (self);
      self->solvers_alpha = self->alpha;
    }
  if (self->solvers[degree] == NULL && self->solver_errors[degree] == NULL)
    self->solvers[degree] = mlr_poly_solver_new (self->design, degree, self->alpha,
                                                 &self->solver_errors[degree]);
  return self->solvers[degree];
}

/* Fits to the noiseless truth at the training x's (E[f̂]) and to MLR_REGRESSION_RESAMPLES
 * training sets with fresh noise (coefficients only, through the solver's map: they are only
 * drawn); kept while the training x's, degree, alpha, truth, σ and seed stay. */
static void
ensure_resamples (MlrRegressionState *self,
                  MlrPolySolver      *solver)
{
  guint n = self->design_n;
  g_autofree double *y = NULL;
  MlrRng rng;

  if (self->resampled && self->resampled_degree == self->degree &&
      self->resampled_truth == self->truth && self->resampled_sigma == self->sigma &&
      self->resampled_seed == self->seed)
    return;
  y = g_new (double, n);
  for (guint i = 0; i < n; i++)
    y[i] = mlr_regression_truth_eval (self->truth, self->design_x[i]);
  mlr_poly_solver_fit (solver, y, &self->mean_fit);
  mlr_rng_init (&rng, self->seed ^ RESAMPLE_SEED_SALT);
  for (guint r = 0; r < MLR_REGRESSION_RESAMPLES; r++)
    {
      for (guint i = 0; i < n; i++)
        y[i] = mlr_regression_truth_eval (self->truth, self->design_x[i]) +
               self->sigma * mlr_rng_normal (&rng);
      mlr_poly_solver_fit_coefficients (solver, y, &self->resamples[r]);
    }
  self->resampled = TRUE;
  self->resampled_degree = self->degree;
  self->resampled_truth = self->truth;
  self->resampled_sigma = self->sigma;
  self->resampled_seed = self->seed;
  self->resample_serial++;
}

/* An error too large for a double (a curve shooting off far from its training x's) is
 * reported as 1e300: astronomically wrong, and still a number. */
static double
finite_or_huge (double v)
{
  return isfinite (v) ? v : (v < 0 ? -1e300 : 1e300);
}

/* Refits everything from the points. */
static void
refresh (MlrRegressionState *self)
{
  guint n = self->points->len;
  g_autofree double *tx = g_new (double, MAX (n, 1));
  g_autofree double *ty = g_new (double, MAX (n, 1));
  g_autofree double *vx = g_new (double, MAX (n, 1));
  g_autofree double *vy = g_new (double, MAX (n, 1));
  guint nt = 0, nv = 0;
  MlrPolySolver *solver;

  for (guint i = 0; i < n; i++)
    {
      const MlrRegressionPoint *p = &g_array_index (self->points, MlrRegressionPoint, i);
      if (p->test)
        {
          vx[nv] = p->x;
          vy[nv++] = p->y;
        }
      else
        {
          tx[nt] = p->x;
          ty[nt++] = p->y;
        }
    }
  self->n_train = nt;
  self->n_test = nv;
  self->has_bias_variance = FALSE;
  memset (self->curve_ok, 0, sizeof self->curve_ok);
  memset (&self->fit, 0, sizeof self->fit);
  self->train_rmse = self->test_rmse = self->r2_test = 0;
  self->distinct_train = 0;

  if (nt == 0)
    {
      self->status = MLR_REGRESSION_FIT_NO_TRAIN;
      return;
    }
  ensure_design (self, tx, nt);
  self->distinct_train = (guint) mlr_poly_design_get_distinct (self->design);

  /* the error curve: every degree at this alpha */
  for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
    {
      MlrPolySolver *s = ensure_solver (self, d);
      MlrPolyFit fit;

      if (s == NULL)
        continue;
      mlr_poly_solver_fit (s, ty, &fit);
      self->curve_ok[d] = TRUE;
      self->curve_train[d] = finite_or_huge (fit.rmse);
      self->curve_test[d] = nv > 0 ? finite_or_huge (mlr_poly_fit_rmse (&fit, vx, vy, nv)) : 0;
      if (d == self->degree)
        self->fit = fit;
    }

  solver = ensure_solver (self, self->degree);
  if (solver == NULL)
    {
      self->status = self->alpha > 0 && self->degree > 0 ? MLR_REGRESSION_FIT_ALPHA_TOO_SMALL
                                                         : MLR_REGRESSION_FIT_TOO_FEW;
      return;
    }
  self->status = MLR_REGRESSION_FIT_OK;
  self->train_rmse = self->curve_train[self->degree];
  self->test_rmse = self->curve_test[self->degree];
  if (nv >= 2)
    self->r2_test = finite_or_huge (mlr_poly_fit_score (&self->fit, vx, vy, nv));

  ensure_resamples (self, solver);
  if (nv > 0)
    {
      double b = 0, v = 0;
      for (guint i = 0; i < nv; i++)
        {
          double e = mlr_poly_fit_predict (&self->mean_fit, vx[i]) -
                     mlr_regression_truth_eval (self->truth, vx[i]);
          b += e * e;
          v += mlr_poly_solver_variance (solver, vx[i]);
        }
      self->bias2 = finite_or_huge (b / nv);
      self->variance = finite_or_huge (self->sigma * self->sigma * v / nv);
      self->has_bias_variance = TRUE;
    }
}

/* ---------------------------------------------------------------- life cycle */

/**
 * mlr_regression_state_new:
 * The picture for @params (keys in mlr_regression_state_param_specs()): the points drawn or
 * given, fitted. Fails only for points lists that do not make points of the plane; a fit
 * that cannot be made is a status, not an error.
 */
MlrRegressionState *
mlr_regression_state_new (const MlrParams  *params,
                          GError          **error)
{
  g_autoptr(MlrRegressionState) self = g_new0 (MlrRegressionState, 1);
  g_autoptr(GError) local = NULL;

  self->points = g_array_new (FALSE, FALSE, sizeof (MlrRegressionPoint));
  self->solvers_alpha = -1;
  self->given = given_points (params, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  read_params (self, params);
  generate (self);
  refresh (self);
  return g_steal_pointer (&self);
}

void
mlr_regression_state_free (MlrRegressionState *self)
{
  if (self == NULL)
    return;
  drop_solvers (self);
  g_clear_pointer (&self->design, mlr_poly_design_unref);
  g_free (self->design_x);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->given, g_array_unref);
  g_free (self);
}

/**
 * mlr_regression_state_apply_param:
 * Applies @key of @params: the model's keys (degree, alpha) and the residuals refit the
 * points as they are, edits included; the data's keys draw the points again.
 */
gboolean
mlr_regression_state_apply_param (MlrRegressionState  *self,
                                  const MlrParams     *params,
                                  const char          *key,
                                  GError             **error)
{
  if (g_str_equal (key, "points") || g_str_equal (key, "test_points"))
    {
      g_autoptr(GError) local = NULL;
      GArray *given = given_points (params, &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_clear_pointer (&self->given, g_array_unref);
      self->given = given;
    }
  read_params (self, params);
  if (!g_str_equal (key, "degree") && !g_str_equal (key, "alpha") &&
      !g_str_equal (key, "residuals"))
    generate (self);
  refresh (self);
  return TRUE;
}

/* n and the test share make the points only when none are given. */
gboolean
mlr_regression_state_param_relevant (const MlrRegressionState *self,
                                     const char               *key)
{
  if (g_str_equal (key, "n") || g_str_equal (key, "test_share"))
    return self->given == NULL;
  return TRUE;
}

/* ---------------------------------------------------------------- getters */

MlrRegressionTruth
mlr_regression_state_get_truth (const MlrRegressionState *self)
{
  return self->truth;
}

/* σ, the noise's standard deviation. */
double
mlr_regression_state_get_sigma (const MlrRegressionState *self)
{
  return self->sigma;
}

guint
mlr_regression_state_get_degree (const MlrRegressionState *self)
{
  return self->degree;
}

double
mlr_regression_state_get_alpha (const MlrRegressionState *self)
{
  return self->alpha;
}

gboolean
mlr_regression_state_get_show_residuals (const MlrRegressionState *self)
{
  return self->residuals;
}

guint64
mlr_regression_state_get_seed (const MlrRegressionState *self)
{
  return self->seed;
}

/* Whether the points came from the points / test_points parameters. */
gboolean
mlr_regression_state_is_given (const MlrRegressionState *self)
{
  return self->given != NULL;
}

/* ---------------------------------------------------------------- points */

guint
mlr_regression_state_get_n_points (const MlrRegressionState *self)
{
  return self->points->len;
}

const MlrRegressionPoint *
mlr_regression_state_get_point (const MlrRegressionState *self,
                                guint                     i)
{
  g_return_val_if_fail (i < self->points->len, NULL);
  return &g_array_index (self->points, MlrRegressionPoint, i);
}

static void
clamp_to_view (const MlrRegressionState *self,
               double                   *x,
               double                   *y)
{
  *x = CLAMP (isfinite (*x) ? *x : 0.5, MLR_REGRESSION_X_MIN, MLR_REGRESSION_X_MAX);
  *y = CLAMP (isfinite (*y) ? *y : 0, self->view_y0, self->view_y1);
}

/**
 * mlr_regression_state_add_point:
 * Adds a point (a test point when @test), clamped to the data's x range and the view; refits.
 * Returns its index, or -1 when the demo already holds MLR_REGRESSION_MAX_POINTS.
 */
int
mlr_regression_state_add_point (MlrRegressionState *self,
                                double              x,
                                double              y,
                                gboolean            test)
{
  MlrRegressionPoint p = { 0, 0, test };

  if (self->points->len >= MLR_REGRESSION_MAX_POINTS)
    return -1;
  p.x = x;
  p.y = y;
  clamp_to_view (self, &p.x, &p.y);
  g_array_append_val (self->points, p);
  self->edited = TRUE;
  refresh (self);
  return (int) self->points->len - 1;
}

gboolean
mlr_regression_state_remove_point (MlrRegressionState *self,
                                   guint               i)
{
  if (i >= self->points->len)
    return FALSE;
  g_array_remove_index (self->points, i);
  if (self->selected == (int) i)
    self->selected = -1;
  else if (self->selected > (int) i)
    self->selected--;
  self->edited = TRUE;
  refresh (self);
  return TRUE;
}

/* Moves point @i (clamped as add_point does) and refits. */
void
mlr_regression_state_move_point (MlrRegressionState *self,
                                 guint               i,
                                 double              x,
                                 double              y)
{
  MlrRegressionPoint *p;

  g_return_if_fail (i < self->points->len);
  p = &g_array_index (self->points, MlrRegressionPoint, i);
  clamp_to_view (self, &x, &y);
  if (p->x == x && p->y == y)
    return;
  p->x = x;
  p->y = y;
  self->edited = TRUE;
  refresh (self);
}

/* Moves point @i into the test set (@test) or the training set, and refits. */
void
mlr_regression_state_set_test (MlrRegressionState *self,
                               guint               i,
                               gboolean            test)
{
  MlrRegressionPoint *p;

  g_return_if_fail (i < self->points->len);
  p = &g_array_index (self->points, MlrRegressionPoint, i);
  if (p->test == !!test)
    return;
  p->test = !!test;
  self->edited = TRUE;
  refresh (self);
}

/**
 * mlr_regression_state_find_point:
 * The point nearest (@x, @y) within the ellipse of radii @rx, @ry (the axes have different
 * scales), or -1.
 */
int
mlr_regression_state_find_point (const MlrRegressionState *self,
                                 double                    x,
                                 double                    y,
                                 double                    rx,
                                 double                    ry)
{
  double best = 1;
  int found = -1;

  for (guint i = 0; i < self->points->len; i++)
    {
      const MlrRegressionPoint *p = &g_array_index (self->points, MlrRegressionPoint, i);
      double dx = (p->x - x) / rx, dy = (p->y - y) / ry, d = dx * dx + dy * dy;
      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

/* Back to the points as drawn or given (undoes edits). */
void
mlr_regression_state_restore (MlrRegressionState *self)
{
  generate (self);
  refresh (self);
}

gboolean
mlr_regression_state_is_edited (const MlrRegressionState *self)
{
  return self->edited;
}

int
mlr_regression_state_get_selected (const MlrRegressionState *self)
{
  return self->selected;
}

void
mlr_regression_state_set_selected (MlrRegressionState *self,
                                   int                 i)
{
  self->selected = i >= 0 && (guint) i < self->points->len ? i : -1;
}

/* The keyboard's cursor: where Enter adds a point when none is selected. */
void
mlr_regression_state_get_cursor (const MlrRegressionState *self,
                                 double                   *x,
                                 double                   *y)
{
  *x = self->cursor_x;
  *y = self->cursor_y;
}

void
mlr_regression_state_set_cursor (MlrRegressionState *self,
                                 double              x,
                                 double              y)
{
  clamp_to_view (self, &x, &y);
  self->cursor_x = x;
  self->cursor_y = y;
}

/* The plane shown: x from −0.05 to 1.05, y around the data (kept while points are edited). */
void
mlr_regression_state_get_view (const MlrRegressionState *self,
                               double                   *x0,
                               double                   *x1,
                               double                   *y0,
                               double                   *y1)
{
  *x0 = VIEW_X0;
  *x1 = VIEW_X1;
  *y0 = self->view_y0;
  *y1 = self->view_y1;
}

/* ---------------------------------------------------------------- results */

MlrRegressionFitStatus
mlr_regression_state_get_status (const MlrRegressionState *self)
{
  return self->status;
}

/* The fit of the chosen degree and alpha (NULL unless the status is OK). */
const MlrPolyFit *
mlr_regression_state_get_fit (const MlrRegressionState *self)
{
  return self->status == MLR_REGRESSION_FIT_OK ? &self->fit : NULL;
}

guint
mlr_regression_state_get_n_train (const MlrRegressionState *self)
{
  return self->n_train;
}

guint
mlr_regression_state_get_n_test (const MlrRegressionState *self)
{
  return self->n_test;
}

/* Distinct x values among the training points (least squares of degree d needs d + 1). */
guint
mlr_regression_state_get_distinct_train (const MlrRegressionState *self)
{
  return self->distinct_train;
}

gboolean
mlr_regression_state_get_train_rmse (const MlrRegressionState *self,
                                     double                   *rmse)
{
  if (self->status != MLR_REGRESSION_FIT_OK)
    return FALSE;
  *rmse = self->train_rmse;
  return TRUE;
}

/* FALSE without test points. */
gboolean
mlr_regression_state_get_test_rmse (const MlrRegressionState *self,
                                    double                   *rmse)
{
  if (self->status != MLR_REGRESSION_FIT_OK || self->n_test == 0)
    return FALSE;
  *rmse = self->test_rmse;
  return TRUE;
}

/* FALSE with fewer than two test points, where R² is not defined. */
gboolean
mlr_regression_state_get_r2_test (const MlrRegressionState *self,
                                  double                   *r2)
{
  if (self->status != MLR_REGRESSION_FIT_OK || self->n_test < 2)
    return FALSE;
  *r2 = self->r2_test;
  return TRUE;
}

/* Train and test RMSE of the fit of @degree at the same alpha (test 0 without test points);
 * FALSE when that degree cannot be fitted. */
gboolean
mlr_regression_state_get_curve (const MlrRegressionState *self,
                                guint                     degree,
                                double                   *train_rmse,
                                double                   *test_rmse)
{
  if (degree > MLR_POLY_MAX_DEGREE || !self->curve_ok[degree])
    return FALSE;
  *train_rmse = self->curve_train[degree];
  *test_rmse = self->curve_test[degree];
  return TRUE;
}

/* The degree with the lowest test RMSE at this alpha, or -1 (no test points, no fit). */
int
mlr_regression_state_get_best_degree (const MlrRegressionState *self)
{
  int best = -1;

  if (self->n_test == 0)
    return -1;
  for (guint d = 0; d <= MLR_POLY_MAX_DEGREE; d++)
    if (self->curve_ok[d] && (best < 0 || self->curve_test[d] < self->curve_test[best]))
      best = (int) d;
  return best;
}

/* bias², variance (at the test x's) and noise σ²; FALSE without test points or a fit. */
gboolean
mlr_regression_state_get_bias_variance (const MlrRegressionState *self,
                                        double                   *bias2,
                                        double                   *variance,
                                        double                   *noise)
{
  *noise = self->sigma * self->sigma;
  if (!self->has_bias_variance || self->status != MLR_REGRESSION_FIT_OK)
    return FALSE;
  *bias2 = self->bias2;
  *variance = self->variance;
  return TRUE;
}

/* E[f̂]: the fit to the noiseless truth at the training x's (NULL without a fit). */
const MlrPolyFit *
mlr_regression_state_get_mean_fit (const MlrRegressionState *self)
{
  return self->status == MLR_REGRESSION_FIT_OK ? &self->mean_fit : NULL;
}

guint
mlr_regression_state_get_n_resamples (const MlrRegressionState *self)
{
  return self->status == MLR_REGRESSION_FIT_OK ? MLR_REGRESSION_RESAMPLES : 0;
}

/* The fit to resampled training set @i: the same x, fresh noise. */
const MlrPolyFit *
mlr_regression_state_get_resample (const MlrRegressionState *self,
                                   guint                     i)
{
  g_return_val_if_fail (i < mlr_regression_state_get_n_resamples (self), NULL);
  return &self->resamples[i];
}

/* Changes whenever the resampled fits (and the noiseless one) do: for caches of them. */
guint64
mlr_regression_state_get_resample_serial (const MlrRegressionState *self)
{
  return self->resample_serial;
}

/**
 * mlr_regression_state_collect_metrics:
 * train_rmse (with a fit), test_rmse, bias2 and variance (with a fit and test points),
 * r2_test (with two test points or more) and noise (σ², always).
 */
void
mlr_regression_state_collect_metrics (const MlrRegressionState *self,
                                      MlrMetricFunc             func,
                                      gpointer                  user_data)
{
  double v, b, var, noise;

  if (mlr_regression_state_get_train_rmse (self, &v))
    func ("train_rmse", g_variant_new_double (v), user_data);
  if (mlr_regression_state_get_test_rmse (self, &v))
    func ("test_rmse", g_variant_new_double (v), user_data);
  if (mlr_regression_state_get_r2_test (self, &v))
    func ("r2_test", g_variant_new_double (v), user_data);
  if (mlr_regression_state_get_bias_variance (self, &b, &var, &noise))
    {
      func ("bias2", g_variant_new_double (b), user_data);
      func ("variance", g_variant_new_double (var), user_data);
    }
  func ("noise", g_variant_new_double (noise), user_data);
}
