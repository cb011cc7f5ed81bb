/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-gd-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mlr-gd-state-error-quark, mlr_gd_state_error)

/* The lesson parameter table allows coordinates up to 1e4; zooming stays within that too, so
 * every transform the painter builds stays far from cairo's fixed-point limits. */
#define COORD_LIMIT 1e4
/* How far a view may be zoomed relative to its default extent. */
#define ZOOM_IN_LIMIT  1e-5
#define ZOOM_OUT_LIMIT 100.0

struct _MlrGdState
{
  /* The problem */
  MlrGdMode         mode;
  MlrSurfaceId      surface;
  MlrCurveId        curve;
  MlrVec2           start;     /* y is 0 in 1-D mode */

  /* Hyper-parameters shared by every racing optimizer */
  double            lr;
  double            momentum;
  double            beta1;
  double            beta2;
  double            alpha;   /* RMSprop */
  double            eps;     /* 0: each optimizer's own default */
  gboolean          enabled[MLR_N_OPTIMIZERS];

  /* The race: one run per enabled optimizer, in MlrOptimizerKind order */
  MlrDescent       *runs[MLR_N_OPTIMIZERS];
  MlrOptimizerKind  kinds[MLR_N_OPTIMIZERS];
  guint             n_runs;
  guint             clock;     /* steps taken by the runs that have not diverged */
  guint             max_steps;

  /* What is visible */
  MlrViewRect       view;
  MlrViewRect       default_view;
};

static const char * const optimizer_titles[MLR_N_OPTIMIZERS] = {
  [MLR_OPTIMIZER_GD] = "GD",
  [MLR_OPTIMIZER_MOMENTUM] = "Momentum",
  [MLR_OPTIMIZER_NESTEROV] = "Nesterov",
  [MLR_OPTIMIZER_RMSPROP] = "RMSprop",
  [MLR_OPTIMIZER_ADAM] = "Adam",
  [MLR_OPTIMIZER_ADAGRAD] = "Adagrad",
};

/**
 * mlr_gd_optimizer_title:
 * The display name of optimizer @kind ("GD", "Momentum", "Adam", ...).
 */
const char *
mlr_gd_optimizer_title (MlrOptimizerKind kind)
{
  g_return_val_if_fail ((guint) kind < MLR_N_OPTIMIZERS, "");
  return optimizer_titles[kind];
}

/**
 * mlr_gd_format_number:
 * @value with three significant digits and true minus signs, as the legend and the
 * accessible description show it ("0.00313", "−1.2", "4.2e−09").
 */
char *
mlr_gd_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *s = g_string_new (NULL);

  if (!isfinite (value))
    return g_strdup (isnan (value) ? "NaN" : value > 0 ? "∞" : "−∞");
  g_ascii_formatd (buf, sizeof buf, "%.3g", value + 0.0);
  for (const char *p = buf; *p; p++)
    {
      if (*p == '-')
        g_string_append (s, "−");
      else if (*p == '+')
        continue;
      else if (*p == '0' && p > buf + 1 && (p[-1] == '-' || p[-1] == '+') && p[-2] == 'e')
        continue;  /* e-09 -> e−9 */
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/**
 * mlr_gd_format_coordinate:
 * Like mlr_gd_format_number() for positions and slopes, where 2e−19 says nothing a learner
 * can use: magnitudes below 1e−6 read "≈ 0".
 */
char *
mlr_gd_format_coordinate (double value)
{
  if (value != 0 && fabs (value) < 1e-6)
    return g_strdup ("≈ 0");
  return mlr_gd_format_number (value);
}

/* ---- the parameters a lesson, `--set` and the demo's controls use */

static const char * const modes[] = { "2d", "1d", NULL };

static const char * const optimizer_help[MLR_N_OPTIMIZERS + 1] = {
  N_("Plain gradient descent: step −η ∇f. Its step is as long as the slope is steep"),
  N_("Momentum: keeps a velocity v = μ v + ∇f and steps −η v, so it speeds up along "
     "consistent slopes and overshoots in narrow valleys"),
  N_("Nesterov momentum: like momentum, but looks ahead along the velocity before "
     "stepping, which damps the overshoot"),
  N_("RMSprop: divides each coordinate's step by a running average of its squared "
     "gradient, so steep and flat directions move at similar speeds"),
  N_("Adam: momentum plus RMSprop's per-coordinate scaling, with bias correction; its steps "
     "are about η long whatever the gradient"),
  N_("Adagrad: divides by the sum of all squared gradients so far, so its steps keep "
     "shrinking"),
  NULL
};

/* Choices and their titles come from the surface, curve and optimizer tables when the table
 * is first used (param_specs_init), so each name is written once. */
static MlrParamSpec param_specs[] = {
  { .key = "mode", .type = MLR_PARAM_CHOICE, .default_value = "2d", .choices = modes,
    .help = N_("2d: a loss surface seen from above; 1d: a curve with its tangent line"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "surface", .type = MLR_PARAM_CHOICE, .default_value = "rosenbrock",
    .help = N_("The loss surface to descend; its start, view and learning rate reset to ones "
               "that show it well"),
    .label = N_("Surface"), .more = TRUE },
  { .key = "function", .type = MLR_PARAM_CHOICE, .default_value = "parabola",
    .help = N_("The curve to descend (mode=1d); its start, view and learning rate reset to "
               "ones that show it well"),
    .label = N_("Curve"), .more = TRUE },
  { .key = "optimizer", .type = MLR_PARAM_CHOICE_LIST, .default_value = "gd",
    .min_count = 1, .max_count = MLR_N_OPTIMIZERS,
    .help = N_("One optimizer, or several to race from the same start"),
    .label = N_("Optimizers"), .choice_help = optimizer_help, .row = 1 },
  { .key = "lr", .type = MLR_PARAM_NUMBER, .min = 1e-5, .max = 10,
    .help = N_("Learning rate η, the step size, on a log scale from 0.00001 to 10 (ticks at "
               "each power of ten). Too small crawls; too large overshoots and diverges. "
               "Default: the surface's (1d: the curve's) suggested rate"),
    .label = N_("Learning rate η"), .ui = MLR_PARAM_UI_LOG },
  { .key = "momentum", .type = MLR_PARAM_NUMBER, .default_value = "0.9", .min = 0,
    .max = 0.999,
    .help = N_("Momentum and Nesterov: how much of the last step carries into the next. 0 is "
               "plain gradient descent; 0.9 is usual"),
    .label = N_("Momentum μ"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.01, .digits = 3,
    .more = TRUE },
  { .key = "beta1", .type = MLR_PARAM_NUMBER, .default_value = "0.9", .min = 0, .max = 0.999,
    .help = N_("Adam: decay of the running mean of the gradient (its momentum); 0.9 is usual"),
    .label = N_("Adam β₁"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.001, .digits = 3,
    .more = TRUE },
  { .key = "beta2", .type = MLR_PARAM_NUMBER, .default_value = "0.999", .min = 0,
    .max = 0.99999,
    .help = N_("Adam: decay of the running mean of the squared gradient, which sets each "
               "coordinate's step scale; 0.999 is usual. Log scale from 0.9 to 0.99999"),
    .label = N_("Adam β₂"), .ui = MLR_PARAM_UI_LOG1M, .ui_min = 0.9, .ui_max = 0.99999,
    .digits = 5, .more = TRUE },
  { .key = "alpha", .type = MLR_PARAM_NUMBER, .default_value = "0.99", .min = 0,
    .max = 0.9999,
    .help = N_("RMSprop's decay rate for the mean of the squared gradient"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "eps", .type = MLR_PARAM_NUMBER, .min = 1e-12, .max = 1,
    .help = N_("The small constant that keeps RMSprop, Adam and Adagrad from dividing by "
               "zero; default 1e-8 (Adagrad 1e-10, as in PyTorch)"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "start", .type = MLR_PARAM_NUMBER_LIST, .min = -1e4, .max = 1e4, .min_count = 1,
    .max_count = 2,
    .help = N_("Start point x,y (x alone in 1d); default: the surface's (1d: the curve's) "
               "usual start. In the demo, click or drag on the map"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "steps", .type = MLR_PARAM_INT, .default_value = "200", .min = 1,
    .max = MLR_GD_MAX_STEPS, .help = N_("How many steps a run takes"), .label = N_("Steps"),
    .ui_step = 10, .more = TRUE },
  { .key = "view", .type = MLR_PARAM_NUMBER_LIST, .min = -1e4, .max = 1e4, .min_count = 4,
    .max_count = 4,
    .help = N_("Visible region xmin,xmax,ymin,ymax; default: the surface's (1d: the curve's) "
               "usual view. In the demo, zoom and pan"),
    .ui = MLR_PARAM_UI_NONE },
};

static const char *surface_titles[MLR_N_SURFACES + 1];
static const char *curve_titles[MLR_N_CURVES + 1];
static const char *optimizer_title_list[MLR_N_OPTIMIZERS + 1];

static gpointer
param_specs_init (gpointer data)
{
  for (guint i = 0; i < MLR_N_SURFACES; i++)
    surface_titles[i] = mlr_surface_get_info (i)->title;
  for (guint i = 0; i < MLR_N_CURVES; i++)
    curve_titles[i] = mlr_curve_get_info (i)->title;
  for (guint i = 0; i < MLR_N_OPTIMIZERS; i++)
    optimizer_title_list[i] = optimizer_titles[i];
  for (guint i = 0; i < G_N_ELEMENTS (param_specs); i++)
    {
      MlrParamSpec *p = &param_specs[i];
      if (g_str_equal (p->key, "surface"))
        {
          p->choices = mlr_surface_names ();
          p->choice_titles = surface_titles;
        }
      else if (g_str_equal (p->key, "function"))
        {
          p->choices = mlr_curve_names ();
          p->choice_titles = curve_titles;
        }
      else if (g_str_equal (p->key, "optimizer"))
        {
          p->choices = mlr_optimizer_names ();
          p->choice_titles = optimizer_title_list;
        }
    }
  return param_specs;
}

/**
 * mlr_gd_state_param_specs:
 * The keys a <demo kind="gradient-descent"> and `--set` accept, with how the demo shows each.
 */
const MlrParamSpec *
mlr_gd_state_param_specs (guint *n_specs)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, param_specs_init, NULL);
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

static const char * const metric_names[] = {
  "mode", "surface", "function", "lr", "step", "steps",
  "gd_loss", "gd_converged_step", "gd_diverged",
  "momentum_loss", "momentum_converged_step", "momentum_diverged",
  "nesterov_loss", "nesterov_converged_step", "nesterov_diverged",
  "rmsprop_loss", "rmsprop_converged_step", "rmsprop_diverged",
  "adam_loss", "adam_converged_step", "adam_diverged",
  "adagrad_loss", "adagrad_converged_step", "adagrad_diverged",
  NULL
};

/* Every name mlr_gd_state_collect_metrics() may report, NULL-terminated. */
const char * const *
mlr_gd_state_metric_names (void)
{
  return metric_names;
}

/* A key of the gradient-descent table: the given value or the table's default. Keys the
 * caller's table lacks (a test may pass another table) read as "not given". */
static const char *
param_string (const MlrParams *params,
              const char      *key)
{
  const MlrParamSpec *specs;
  guint n_specs;

  if (params == NULL)
    return NULL;
  specs = mlr_params_get_specs (params, &n_specs);
  if (mlr_param_spec_lookup (specs, n_specs, key) == NULL)
    return NULL;
  return mlr_params_get_string (params, key);
}

static MlrVec2
clamp_point (const MlrGdState *self,
             MlrVec2           p)
{
  if (!isfinite (p.x))
    p.x = 0;
  if (!isfinite (p.y))
    p.y = 0;
  p.x = CLAMP (p.x, -COORD_LIMIT, COORD_LIMIT);
  p.y = self->mode == MLR_GD_MODE_2D ? CLAMP (p.y, -COORD_LIMIT, COORD_LIMIT) : 0;
  return p;
}

static void
config_for (const MlrGdState   *self,
            MlrOptimizerKind    kind,
            MlrOptimizerConfig *config)
{
  mlr_optimizer_config_init (config, kind);
  config->lr = self->lr;
  config->momentum = self->momentum;
  config->beta1 = self->beta1;
  config->beta2 = self->beta2;
  config->alpha = self->alpha;
  if (self->eps > 0)
    config->eps = self->eps;
}

/* Steps every run that has not diverged from its current step up to @clock. */
static void
advance_runs (MlrGdState *self,
              guint       clock)
{
  for (guint i = 0; i < self->n_runs; i++)
    {
      guint at = mlr_descent_get_step (self->runs[i]);
      if (clock > at)
        mlr_descent_run (self->runs[i], clock - at);
    }
}

/* Replays every run from its start to the clock: a parameter changed, so the history of the
 * race is a different one. Even 6 runs of 10000 steps take about a millisecond. */
static void
replay (MlrGdState *self)
{
  for (guint i = 0; i < self->n_runs; i++)
    mlr_descent_reset (self->runs[i]);
  advance_runs (self, self->clock);
}

static void
rebuild_runs (MlrGdState *self)
{
  for (guint i = 0; i < self->n_runs; i++)
    g_clear_pointer (&self->runs[i], mlr_descent_free);
  self->n_runs = 0;
  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    {
      MlrOptimizerConfig config;

      if (!self->enabled[k])
        continue;
      config_for (self, k, &config);
      if (self->mode == MLR_GD_MODE_2D)
        self->runs[self->n_runs] = mlr_descent_new_surface (self->surface, &config, &self->start);
      else
        self->runs[self->n_runs] = mlr_descent_new_curve (self->curve, &config, self->start.x);
      self->kinds[self->n_runs] = k;
      self->n_runs++;
    }
  advance_runs (self, self->clock);
}

static void
apply_config (MlrGdState *self)
{
  for (guint i = 0; i < self->n_runs; i++)
    {
      MlrOptimizerConfig config;
      config_for (self, self->kinds[i], &config);
      mlr_descent_set_config (self->runs[i], &config);
    }
  advance_runs (self, self->clock);
}

static MlrViewRect
objective_view (const MlrGdState *self)
{
  if (self->mode == MLR_GD_MODE_2D)
    return mlr_surface_get_info (self->surface)->view;
  else
    {
      const MlrCurveInfo *info = mlr_curve_get_info (self->curve);
      MlrViewRect v = { info->x_min, info->x_max, info->y_min, info->y_max };
      return v;
    }
}

static MlrVec2
objective_start (const MlrGdState *self)
{
  if (self->mode == MLR_GD_MODE_2D)
    return mlr_surface_get_info (self->surface)->start;
  return (MlrVec2) { mlr_curve_get_info (self->curve)->start, 0 };
}

/**
 * mlr_gd_state_new:
 * The demo described by @params, a table from the "gradient-descent" demo spec (keys mode,
 * surface, function, optimizer, lr, momentum, beta1, beta2, start, steps, view). Keys not
 * given take the table's defaults; lr, start and view default to the surface's (1-D: the
 * curve's) suggested values. The race starts at step 0. Fails with #MLR_GD_STATE_ERROR when
 * values that passed their own range checks do not fit together (start has the wrong
 * number of coordinates for the mode, or the view is empty).
 */
MlrGdState *
mlr_gd_state_new (const MlrParams  *params,
                  GError          **error)
{
  g_autoptr(MlrGdState) self = g_new0 (MlrGdState, 1);
  const char *v;

  self->mode = g_strcmp0 (param_string (params, "mode"), "1d") == 0 ? MLR_GD_MODE_1D
                                                                     : MLR_GD_MODE_2D;
  self->surface = MLR_SURFACE_ROSENBROCK;
  if ((v = param_string (params, "surface")) != NULL &&
      !mlr_surface_lookup (v, &self->surface, error))
    return NULL;
  self->curve = MLR_CURVE_PARABOLA;
  if ((v = param_string (params, "function")) != NULL &&
      !mlr_curve_lookup (v, &self->curve, error))
    return NULL;

  v = param_string (params, "optimizer");
  if (v == NULL)
    self->enabled[MLR_OPTIMIZER_GD] = TRUE;
  else
    {
      g_auto(GStrv) names = g_strsplit (v, ",", -1);
      gboolean any = FALSE;

      for (guint i = 0; names[i] != NULL; i++)
        {
          MlrOptimizerKind kind;
          if (!mlr_optimizer_kind_from_string (g_strstrip (names[i]), &kind, error))
            return NULL;
          self->enabled[kind] = any = TRUE;
        }
      if (!any)
        self->enabled[MLR_OPTIMIZER_GD] = TRUE;
    }

  self->lr = param_string (params, "lr") ? mlr_params_get_double (params, "lr")
                                         : mlr_gd_state_get_suggested_lr (self);
  self->momentum = param_string (params, "momentum") ? mlr_params_get_double (params, "momentum")
                                                     : MLR_OPTIMIZER_DEFAULT_MOMENTUM;
  self->beta1 = param_string (params, "beta1") ? mlr_params_get_double (params, "beta1")
                                               : MLR_OPTIMIZER_DEFAULT_BETA1;
  self->beta2 = param_string (params, "beta2") ? mlr_params_get_double (params, "beta2")
                                               : MLR_OPTIMIZER_DEFAULT_BETA2;
  self->alpha = param_string (params, "alpha") ? mlr_params_get_double (params, "alpha")
                                               : MLR_OPTIMIZER_DEFAULT_ALPHA;
  self->eps = param_string (params, "eps") ? mlr_params_get_double (params, "eps") : 0;
  if (!(self->lr > 0) || !isfinite (self->lr))
    {
      g_set_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID,
                   "the learning rate must be positive");
      return NULL;
    }

  self->max_steps = 200;
  if (param_string (params, "steps"))
    self->max_steps = (guint) CLAMP (mlr_params_get_int (params, "steps"), 1, MLR_GD_MAX_STEPS);

  self->start = objective_start (self);
  if (param_string (params, "start"))
    {
      double xy[3];
      guint n = mlr_params_get_doubles (params, "start", xy, 3);
      guint want = self->mode == MLR_GD_MODE_2D ? 2 : 1;

      if (n != want)
        {
          g_set_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID,
                       want == 2 ? "start must be two numbers x,y for a 2-D surface"
                                 : "start must be one number x in 1-D mode");
          return NULL;
        }
      self->start = clamp_point (self, (MlrVec2) { xy[0], n > 1 ? xy[1] : 0 });
    }

  self->default_view = objective_view (self);
  if (param_string (params, "view"))
    {
      double r[5];
      guint n = mlr_params_get_doubles (params, "view", r, 5);

      if (n != 4 || !(r[1] > r[0]) || !(r[3] > r[2]))
        {
          g_set_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID,
                       "view must be xmin,xmax,ymin,ymax with xmin < xmax and ymin < ymax");
          return NULL;
        }
      self->default_view = (MlrViewRect) { r[0], r[1], r[2], r[3] };
    }
  self->view = self->default_view;

  rebuild_runs (self);
  return g_steal_pointer (&self);
}

/* Frees the state and its runs; %NULL is allowed. */
void
mlr_gd_state_free (MlrGdState *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_runs; i++)
    mlr_descent_free (self->runs[i]);
  g_free (self);
}

MlrGdMode
mlr_gd_state_get_mode (const MlrGdState *self)
{
  return self->mode;
}

MlrSurfaceId
mlr_gd_state_get_surface (const MlrGdState *self)
{
  return self->surface;
}

/**
 * mlr_gd_state_set_surface:
 * Switches to another surface (2-D mode) with its own view, start and suggested learning
 * rate, as a lesson naming only the surface would show it. The clock is kept.
 */
void
mlr_gd_state_set_surface (MlrGdState   *self,
                          MlrSurfaceId  surface)
{
  g_return_if_fail ((guint) surface < MLR_N_SURFACES);

  self->surface = surface;
  if (self->mode != MLR_GD_MODE_2D)
    return;
  self->default_view = self->view = objective_view (self);
  self->start = objective_start (self);
  self->lr = mlr_gd_state_get_suggested_lr (self);
  rebuild_runs (self);
}

MlrCurveId
mlr_gd_state_get_curve (const MlrGdState *self)
{
  return self->curve;
}

/**
 * mlr_gd_state_set_curve:
 * The 1-D counterpart of mlr_gd_state_set_surface().
 */
void
mlr_gd_state_set_curve (MlrGdState *self,
                        MlrCurveId  curve)
{
  g_return_if_fail ((guint) curve < MLR_N_CURVES);

  self->curve = curve;
  if (self->mode != MLR_GD_MODE_1D)
    return;
  self->default_view = self->view = objective_view (self);
  self->start = objective_start (self);
  self->lr = mlr_gd_state_get_suggested_lr (self);
  rebuild_runs (self);
}

/* The objective's display name, e.g. "Rosenbrock valley". */
const char *
mlr_gd_state_get_title (const MlrGdState *self)
{
  if (self->mode == MLR_GD_MODE_2D)
    return mlr_surface_get_info (self->surface)->title;
  return mlr_curve_get_info (self->curve)->title;
}

/* The objective's formula in UTF-8, e.g. "f(x) = x²". */
const char *
mlr_gd_state_get_formula (const MlrGdState *self)
{
  if (self->mode == MLR_GD_MODE_2D)
    return mlr_surface_get_info (self->surface)->formula;
  return mlr_curve_get_info (self->curve)->formula;
}

double
mlr_gd_state_get_lr (const MlrGdState *self)
{
  return self->lr;
}

/**
 * mlr_gd_state_set_lr:
 * Sets every optimizer's learning rate (clamped to the lesson range 1e-5 to 10) and replays
 * the race up to the current step.
 */
void
mlr_gd_state_set_lr (MlrGdState *self,
                     double      lr)
{
  if (!isfinite (lr))
    return;
  lr = CLAMP (lr, 1e-5, 10.0);
  if (lr == self->lr)
    return;
  self->lr = lr;
  apply_config (self);
}

/* The rate the current surface or curve is best shown at (its lesson default). */
double
mlr_gd_state_get_suggested_lr (const MlrGdState *self)
{
  if (self->mode == MLR_GD_MODE_2D)
    return mlr_surface_get_info (self->surface)->suggested_lr;
  return mlr_curve_get_info (self->curve)->suggested_lr;
}

double
mlr_gd_state_get_momentum (const MlrGdState *self)
{
  return self->momentum;
}

/* μ of momentum and Nesterov, clamped to [0, 0.999]; replays the race. */
void
mlr_gd_state_set_momentum (MlrGdState *self,
                           double      momentum)
{
  if (!isfinite (momentum))
    return;
  momentum = CLAMP (momentum, 0.0, 0.999);
  if (momentum == self->momentum)
    return;
  self->momentum = momentum;
  apply_config (self);
}

double
mlr_gd_state_get_beta1 (const MlrGdState *self)
{
  return self->beta1;
}

/* Adam's β1, clamped to [0, 0.999]; replays the race. */
void
mlr_gd_state_set_beta1 (MlrGdState *self,
                        double      beta1)
{
  if (!isfinite (beta1))
    return;
  beta1 = CLAMP (beta1, 0.0, 0.999);
  if (beta1 == self->beta1)
    return;
  self->beta1 = beta1;
  apply_config (self);
}

double
mlr_gd_state_get_beta2 (const MlrGdState *self)
{
  return self->beta2;
}

/* Adam's β2, clamped to [0, 0.99999]; replays the race. */
void
mlr_gd_state_set_beta2 (MlrGdState *self,
                        double      beta2)
{
  if (!isfinite (beta2))
    return;
  beta2 = CLAMP (beta2, 0.0, 0.99999);
  if (beta2 == self->beta2)
    return;
  self->beta2 = beta2;
  apply_config (self);
}

gboolean
mlr_gd_state_get_optimizer_enabled (const MlrGdState *self,
                                    MlrOptimizerKind  kind)
{
  g_return_val_if_fail ((guint) kind < MLR_N_OPTIMIZERS, FALSE);
  return self->enabled[kind];
}

/**
 * mlr_gd_state_set_optimizer_enabled:
 * Adds optimizer @kind to the race or takes it out; a new runner catches up to the current
 * step. The last optimizer cannot be taken out: returns %FALSE then and changes nothing.
 */
gboolean
mlr_gd_state_set_optimizer_enabled (MlrGdState       *self,
                                    MlrOptimizerKind  kind,
                                    gboolean          enabled)
{
  g_return_val_if_fail ((guint) kind < MLR_N_OPTIMIZERS, FALSE);

  enabled = !!enabled;
  if (self->enabled[kind] == enabled)
    return TRUE;
  if (!enabled && self->n_runs <= 1)
    return FALSE;
  self->enabled[kind] = enabled;
  rebuild_runs (self);
  return TRUE;
}

/* Whether some optimizer in the race reads hyper-parameter @key ("momentum", "beta1", ...). */
gboolean
mlr_gd_state_uses_param (const MlrGdState *self,
                         const char       *key)
{
  for (guint i = 0; i < self->n_runs; i++)
    if (mlr_optimizer_uses_param (self->kinds[i], key))
      return TRUE;
  return FALSE;
}

MlrVec2
mlr_gd_state_get_start (const MlrGdState *self)
{
  return self->start;
}

/**
 * mlr_gd_state_set_start:
 * Moves the common start point (y is ignored in 1-D mode; coordinates are clamped to ±1e4)
 * and replays every run from it up to the current step.
 */
void
mlr_gd_state_set_start (MlrGdState *self,
                        MlrVec2     start)
{
  start = clamp_point (self, start);
  self->start = start;
  for (guint i = 0; i < self->n_runs; i++)
    mlr_descent_set_start (self->runs[i], &start);
  advance_runs (self, self->clock);
}

guint
mlr_gd_state_get_max_steps (const MlrGdState *self)
{
  return self->max_steps;
}

/**
 * mlr_gd_state_set_max_steps:
 * How many steps a run takes (1 to MLR_GD_MAX_STEPS); a clock past the new end is moved back.
 */
void
mlr_gd_state_set_max_steps (MlrGdState *self,
                            guint       steps)
{
  self->max_steps = CLAMP (steps, 1, MLR_GD_MAX_STEPS);
  if (self->clock > self->max_steps)
    mlr_gd_state_run_to (self, self->max_steps);
}

/* The race's clock: how many steps the runs that have not diverged have taken. */
guint
mlr_gd_state_get_step (const MlrGdState *self)
{
  return self->clock;
}

/* Whether stepping can go on: not at the last step, and some run has not diverged. */
gboolean
mlr_gd_state_is_finished (const MlrGdState *self)
{
  if (self->clock >= self->max_steps)
    return TRUE;
  for (guint i = 0; i < self->n_runs; i++)
    if (!mlr_descent_is_diverged (self->runs[i], NULL))
      return FALSE;
  return TRUE;
}

/* Back to step 0 at the start point. */
void
mlr_gd_state_reset (MlrGdState *self)
{
  self->clock = 0;
  for (guint i = 0; i < self->n_runs; i++)
    mlr_descent_reset (self->runs[i]);
}

/**
 * mlr_gd_state_step:
 * Advances the clock by one: every run that has not diverged takes a step (and may diverge
 * doing so). Returns %FALSE, changing nothing, when the race is finished.
 */
gboolean
mlr_gd_state_step (MlrGdState *self)
{
  if (mlr_gd_state_is_finished (self))
    return FALSE;
  for (guint i = 0; i < self->n_runs; i++)
    mlr_descent_step (self->runs[i]);
  self->clock++;
  return TRUE;
}

/**
 * mlr_gd_state_run_to:
 * Sets the clock to @step (at most the step count): forward by stepping, backward by
 * replaying from the start.
 */
void
mlr_gd_state_run_to (MlrGdState *self,
                     guint       step)
{
  step = MIN (step, self->max_steps);
  if (step < self->clock)
    {
      self->clock = step;
      replay (self);
      return;
    }
  self->clock = step;
  advance_runs (self, step);
}

/* How many optimizers race. */
guint
mlr_gd_state_get_n_runs (const MlrGdState *self)
{
  return self->n_runs;
}

/* Run @i (0 to n_runs − 1, in MlrOptimizerKind order). */
const MlrDescent *
mlr_gd_state_get_run (const MlrGdState *self,
                      guint             i)
{
  g_return_val_if_fail (i < self->n_runs, NULL);
  return self->runs[i];
}

/* The optimizer of run @i; its colour in the painter follows this kind. */
MlrOptimizerKind
mlr_gd_state_get_run_kind (const MlrGdState *self,
                           guint             i)
{
  g_return_val_if_fail (i < self->n_runs, MLR_OPTIMIZER_GD);
  return self->kinds[i];
}

/**
 * mlr_gd_state_get_loss_reference:
 * The lowest value of the objective (the global minimum's f*), so the loss chart can show
 * f − f* on a log scale. %FALSE when there is none (the saddle is unbounded below).
 */
gboolean
mlr_gd_state_get_loss_reference (const MlrGdState *self,
                                 double           *reference)
{
  if (self->mode == MLR_GD_MODE_2D)
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (self->surface);
      if (info->n_minima == 0)
        return FALSE;
      *reference = info->min_value;
      return TRUE;
    }
  else
    {
      const MlrCurveInfo *info = mlr_curve_get_info (self->curve);
      double best = INFINITY;

      for (guint i = 0; i < info->n_minima; i++)
        if (info->minima[i].global)
          best = MIN (best, info->minima[i].value);
      if (!isfinite (best))
        return FALSE;
      *reference = best;
      return TRUE;
    }
}

/* The visible region (zoom and pan applied). */
const MlrViewRect *
mlr_gd_state_get_view (const MlrGdState *self)
{
  return &self->view;
}

static MlrViewRect
clamp_view (const MlrGdState *self,
            MlrViewRect       v)
{
  double dw = self->default_view.x_max - self->default_view.x_min;
  double dh = self->default_view.y_max - self->default_view.y_min;
  double w = v.x_max - v.x_min, h = v.y_max - v.y_min;
  double cx = (v.x_min + v.x_max) / 2, cy = (v.y_min + v.y_max) / 2;
  double s = 1;

  /* Keep the aspect the caller asked for; bound the zoom and the position. */
  if (w < dw * ZOOM_IN_LIMIT)
    s = dw * ZOOM_IN_LIMIT / w;
  if (w * s > dw * ZOOM_OUT_LIMIT)
    s = dw * ZOOM_OUT_LIMIT / w;
  if (h * s < dh * ZOOM_IN_LIMIT)
    s = dh * ZOOM_IN_LIMIT / h;
  if (h * s > dh * ZOOM_OUT_LIMIT)
    s = dh * ZOOM_OUT_LIMIT / h;
  w *= s;
  h *= s;
  cx = CLAMP (cx, -COORD_LIMIT, COORD_LIMIT);
  cy = CLAMP (cy, -COORD_LIMIT, COORD_LIMIT);
  return (MlrViewRect) { cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2 };
}

/**
 * mlr_gd_state_set_view:
 * Shows @view (ignored unless non-empty and finite); zoom is bounded to between 1e-5 and 100
 * times the default extent.
 */
void
mlr_gd_state_set_view (MlrGdState        *self,
                       const MlrViewRect *view)
{
  if (!isfinite (view->x_min) || !isfinite (view->x_max) || !isfinite (view->y_min) ||
      !isfinite (view->y_max) || !(view->x_max > view->x_min) || !(view->y_max > view->y_min))
    return;
  self->view = clamp_view (self, *view);
}

/* The view the demo opened with (the view parameter, else the objective's own). */
const MlrViewRect *
mlr_gd_state_get_default_view (const MlrGdState *self)
{
  return &self->default_view;
}

void
mlr_gd_state_reset_view (MlrGdState *self)
{
  self->view = self->default_view;
}

/**
 * mlr_gd_state_zoom:
 * Scales the view by @factor (< 1 zooms in) about the data point (@cx, @cy), which stays
 * where it is on screen.
 */
void
mlr_gd_state_zoom (MlrGdState *self,
                   double      factor,
                   double      cx,
                   double      cy)
{
  MlrViewRect v = self->view;

  if (!(factor > 0) || !isfinite (factor) || !isfinite (cx) || !isfinite (cy))
    return;
  v.x_min = cx + (v.x_min - cx) * factor;
  v.x_max = cx + (v.x_max - cx) * factor;
  v.y_min = cy + (v.y_min - cy) * factor;
  v.y_max = cy + (v.y_max - cy) * factor;
  mlr_gd_state_set_view (self, &v);
}

/* Moves the view by (@dx, @dy) data units. */
void
mlr_gd_state_pan (MlrGdState *self,
                  double      dx,
                  double      dy)
{
  MlrViewRect v = self->view;

  if (!isfinite (dx) || !isfinite (dy))
    return;
  v.x_min += dx;
  v.x_max += dx;
  v.y_min += dy;
  v.y_max += dy;
  mlr_gd_state_set_view (self, &v);
}

/* The lowest value the objective reaches, or NAN when it has none (the saddle). */
static double
objective_min (const MlrGdState *self)
{
  if (self->mode == MLR_GD_MODE_2D)
    {
      const MlrSurfaceInfo *info = mlr_surface_get_info (self->surface);
      return info->n_minima > 0 ? info->min_value : NAN;
    }
  else
    {
      const MlrCurveInfo *info = mlr_curve_get_info (self->curve);
      for (guint i = 0; i < info->n_minima; i++)
        if (info->minima[i].global)
          return info->minima[i].value;
      return NAN;
    }
}

/**
 * mlr_gd_state_collect_metrics:
 * Reports what challenges can test: the objective, the learning rate, the step reached, and
 * for every racing optimizer NAME its current loss (NAME_loss), whether it diverged
 * (NAME_diverged) and the first step at which its loss came within MLR_CONVERGED_LOSS_GAP of
 * the objective's minimum (NAME_converged_step, -1 until then).
 */
void
mlr_gd_state_collect_metrics (const MlrGdState *self,
                              MlrMetricFunc     func,
                              gpointer          user_data)
{
  double fmin = objective_min (self);

  func ("mode", g_variant_new_string (self->mode == MLR_GD_MODE_2D ? "2d" : "1d"), user_data);
  if (self->mode == MLR_GD_MODE_2D)
    func ("surface", g_variant_new_string (mlr_surface_get_info (self->surface)->name),
          user_data);
  else
    func ("function", g_variant_new_string (mlr_curve_get_info (self->curve)->name), user_data);
  func ("lr", g_variant_new_double (self->lr), user_data);
  func ("step", g_variant_new_double (mlr_gd_state_get_step (self)), user_data);
  func ("steps", g_variant_new_double (self->max_steps), user_data);

  for (guint r = 0; r < mlr_gd_state_get_n_runs (self); r++)
    {
      const MlrDescent *run = mlr_gd_state_get_run (self, r);
      const char *name = mlr_optimizer_kind_to_string (mlr_gd_state_get_run_kind (self, r));
      g_autofree char *loss_key = g_strconcat (name, "_loss", NULL);
      g_autofree char *diverged_key = g_strconcat (name, "_diverged", NULL);
      g_autofree char *converged_key = g_strconcat (name, "_converged_step", NULL);
      guint n = 0;
      const double *losses = mlr_descent_get_losses (run, &n);
      double converged = -1;

      for (guint i = 0; isfinite (fmin) && i < n; i++)
        if (isfinite (losses[i]) && losses[i] - fmin <= MLR_CONVERGED_LOSS_GAP)
          {
            converged = (double) i;
            break;
          }
      func (loss_key, g_variant_new_double (mlr_descent_get_loss (run)), user_data);
      func (diverged_key, g_variant_new_boolean (mlr_descent_is_diverged (run, NULL)), user_data);
      func (converged_key, g_variant_new_double (converged), user_data);
    }
}

/* ---- the state as parameters, for the demo's controls */

static void
set_number (MlrParams  *params,
            const char *key,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  mlr_params_set (params, key, buf, NULL);
}

/**
 * mlr_gd_state_read_params:
 * Writes what the state holds now into @params (a table of mlr_gd_state_param_specs()): the
 * objective, the racing optimizers, the hyper-parameters, the step count and the start. Values
 * the state chose itself (a surface's suggested learning rate) become explicit.
 */
void
mlr_gd_state_read_params (const MlrGdState *self,
                          MlrParams        *params)
{
  GString *list = g_string_new (NULL);

  mlr_params_set (params, "mode", self->mode == MLR_GD_MODE_2D ? "2d" : "1d", NULL);
  mlr_params_set (params, "surface", mlr_surface_get_info (self->surface)->name, NULL);
  mlr_params_set (params, "function", mlr_curve_get_info (self->curve)->name, NULL);
  for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
    if (self->enabled[k])
      g_string_append_printf (list, "%s%s", list->len ? "," : "",
                              mlr_optimizer_kind_to_string (k));
  mlr_params_set (params, "optimizer", list->str, NULL);
  g_string_free (list, TRUE);
  set_number (params, "lr", self->lr);
  set_number (params, "momentum", self->momentum);
  set_number (params, "beta1", self->beta1);
  set_number (params, "beta2", self->beta2);
  {
    g_autofree char *steps = g_strdup_printf ("%u", self->max_steps);
    mlr_params_set (params, "steps", steps, NULL);
  }
  if (self->mode == MLR_GD_MODE_2D)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *start = g_strdup_printf ("%s,%s",
                                                g_ascii_formatd (x, sizeof x, "%.17g",
                                                                 self->start.x),
                                                g_ascii_formatd (y, sizeof y, "%.17g",
                                                                 self->start.y));
      mlr_params_set (params, "start", start, NULL);
    }
  else
    set_number (params, "start", self->start.x);
}

/**
 * mlr_gd_state_apply_param:
 * Applies the new value of @key in @params (checked against the table already) as the demo's
 * control does: a new surface brings its own start, view and learning rate; optimizers join
 * or leave the race (the last one cannot leave); a race shown to its end stays at its end
 * when the step count moves. Fails, changing nothing, for the mode (fixed by the lesson) and
 * an empty race.
 */
gboolean
mlr_gd_state_apply_param (MlrGdState       *self,
                          const MlrParams  *params,
                          const char       *key,
                          GError          **error)
{
  const char *v = mlr_params_get_string (params, key);

  if (g_str_equal (key, "surface"))
    {
      MlrSurfaceId surface;
      if (!mlr_surface_lookup (v, &surface, error))
        return FALSE;
      mlr_gd_state_set_surface (self, surface);
    }
  else if (g_str_equal (key, "function"))
    {
      MlrCurveId curve;
      if (!mlr_curve_lookup (v, &curve, error))
        return FALSE;
      mlr_gd_state_set_curve (self, curve);
    }
  else if (g_str_equal (key, "optimizer"))
    {
      gboolean want[MLR_N_OPTIMIZERS] = { FALSE };
      gboolean any = FALSE;

      for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
        any |= want[k] = mlr_params_list_contains (params, key,
                                                   mlr_optimizer_kind_to_string (k));
      if (!any)
        {
          g_set_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID,
                       "at least one optimizer has to run");
          return FALSE;
        }
      /* join first, then leave, so the race is never empty on the way */
      for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
        if (want[k])
          mlr_gd_state_set_optimizer_enabled (self, k, TRUE);
      for (guint k = 0; k < MLR_N_OPTIMIZERS; k++)
        if (!want[k])
          mlr_gd_state_set_optimizer_enabled (self, k, FALSE);
    }
  else if (g_str_equal (key, "lr"))
    mlr_gd_state_set_lr (self, v ? mlr_params_get_double (params, key)
                                 : mlr_gd_state_get_suggested_lr (self));
  else if (g_str_equal (key, "momentum"))
    mlr_gd_state_set_momentum (self, mlr_params_get_double (params, key));
  else if (g_str_equal (key, "beta1"))
    mlr_gd_state_set_beta1 (self, mlr_params_get_double (params, key));
  else if (g_str_equal (key, "beta2"))
    mlr_gd_state_set_beta2 (self, mlr_params_get_double (params, key));
  else if (g_str_equal (key, "steps"))
    {
      gboolean at_end = self->clock == self->max_steps;
      mlr_gd_state_set_max_steps (self, (guint) mlr_params_get_int (params, key));
      if (at_end)
        mlr_gd_state_run_to (self, self->max_steps);
    }
  else if (g_str_equal (key, "start") && v != NULL)
    {
      double xy[2] = { 0, 0 };
      guint n = mlr_params_get_doubles (params, key, xy, 2);
      if (n != (self->mode == MLR_GD_MODE_2D ? 2u : 1u))
        {
          g_set_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID,
                       self->mode == MLR_GD_MODE_2D
                       ? "start must be two numbers x,y for a 2-D surface"
                       : "start must be one number x in 1-D mode");
          return FALSE;
        }
      mlr_gd_state_set_start (self, (MlrVec2) { xy[0], xy[1] });
    }
  else
    {
      g_set_error (error, MLR_GD_STATE_ERROR, MLR_GD_STATE_ERROR_INVALID,
                   "“%s” is set by the lesson and cannot change in the demo", key);
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_gd_state_param_relevant:
 * Whether @key matters for the picture now: the surface in 2-D, the curve in 1-D, momentum
 * while Momentum or Nesterov race, Adam's betas while Adam does.
 */
gboolean
mlr_gd_state_param_relevant (const MlrGdState *self,
                             const char       *key)
{
  if (g_str_equal (key, "surface"))
    return self->mode == MLR_GD_MODE_2D;
  if (g_str_equal (key, "function"))
    return self->mode == MLR_GD_MODE_1D;
  if (g_str_equal (key, "momentum") || g_str_equal (key, "beta1") ||
      g_str_equal (key, "beta2") || g_str_equal (key, "alpha"))
    return mlr_gd_state_uses_param (self, key);
  return TRUE;
}
