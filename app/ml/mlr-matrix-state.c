/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-matrix-state.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "mlr-rng.h"

G_DEFINE_QUARK (mlr-matrix-state-error-quark, mlr_matrix_state_error)

/* The cloud is the same for everyone: a seeded standard normal blob scaled to sit inside the
 * unit square's neighbourhood, so A's action on it (and its principal axes, A's singular
 * vectors) is easy to see. */
#define POINTS_SEED 20240605
#define POINTS_SIGMA 0.45
/* The smallest view: the identity's grid from -2 to 2 with room around it. */
#define MIN_VIEW_RADIUS 2.2
#define VIEW_MARGIN 1.12

struct _MlrMatrixState
{
  MlrMat2          initial;      /* the lesson's matrix: R comes back here */
  MlrMat2          target;       /* A */
  MlrMat2PathKind  path_kind;    /* how the animation travels from I to A */
  double           progress;     /* 0 = identity, 1 = A (linear in time) */
  gboolean         animate;      /* the lesson asked for the animation on appearing */
  guint            show;         /* MlrMatrixShow bits */
  MlrMatrixVector  selected;
  gboolean         snap;
  gboolean         highlight;    /* draw the selection ring (the canvas has focus) */
  double           view_radius;
  gboolean         view_locked;  /* frozen while a tip is dragged, so the pointer stays put */
  MlrVec2          points[MLR_MATRIX_N_POINTS];
};

static gboolean
entry_ok (double v)
{
  return isfinite (v) && fabs (v) <= MLR_MATRIX_ENTRY_MAX;
}

static double
clamp_entry (double v)
{
  return CLAMP (v, -MLR_MATRIX_ENTRY_MAX, MLR_MATRIX_ENTRY_MAX);
}

/* Rounds away the noise of repeated 0.1 steps and of cos(90°), so entries read as typed. */
static double
tidy (double v)
{
  double r = round (v * 1e9) / 1e9;

  return r == 0 ? 0.0 : r;
}

static double
det_of_linear_path (const MlrMat2 *a,
                    double         t)
{
  MlrMat2 m = mlr_mat2_path (a, MLR_MAT2_PATH_LINEAR, t);

  return mlr_mat2_det (&m);
}

/* The straight path (1 - t) I + t A is the classic picture: every grid point slides along a
 * line, a shear keeps î fixed, a reflection visibly passes through det = 0. But it shrinks a
 * rotation through a small, sometimes singular, middle; when the area dips well below both
 * ends on an orientation-preserving A, turn instead (polar path). */
static MlrMat2PathKind
choose_path (const MlrMat2 *a)
{
  double det = mlr_mat2_det (a);
  double lowest = G_MAXDOUBLE;

  if (!(det > 0))
    return MLR_MAT2_PATH_LINEAR;
  for (int i = 1; i < 64; i++)
    lowest = MIN (lowest, det_of_linear_path (a, i / 64.0));
  return lowest < 0.95 * MIN (1.0, det) ? MLR_MAT2_PATH_ROTATION : MLR_MAT2_PATH_LINEAR;
}

static double
norm (MlrVec2 v)
{
  return hypot (v.x, v.y);
}

/* The largest distance from the origin anything drawn for @m reaches. */
static double
extent_for (const MlrMatrixState *self,
            const MlrMat2        *m)
{
  MlrVec2 e1 = { 1, 0 }, e2 = { 0, 1 }, e12 = { 1, 1 };
  double r = 0;

  r = MAX (r, norm (mlr_mat2_apply (m, e1)));
  r = MAX (r, norm (mlr_mat2_apply (m, e2)));
  r = MAX (r, norm (mlr_mat2_apply (m, e12)));
  if (self->show & MLR_MATRIX_SHOW_SVD)
    {
      MlrMat2Svd svd;
      mlr_mat2_svd (m, &svd);
      r = MAX (r, svd.sigma[0]);
    }
  if (self->show & MLR_MATRIX_SHOW_EIGEN)
    {
      MlrMat2Eigen eigen;
      mlr_mat2_eigen (m, &eigen);
      for (guint i = 0; i < eigen.n_vectors; i++)
        r = MAX (r, MAX (1.0, fabs (eigen.values[MIN (i, 1)].re)));
    }
  if (self->show & MLR_MATRIX_SHOW_POINTS)
    for (guint i = 0; i < MLR_MATRIX_N_POINTS; i++)
      r = MAX (r, norm (mlr_mat2_apply (m, self->points[i])));
  return r;
}

/* Both ends of the animation fit, and every matrix on either path does too: the linear
 * path's images are convex combinations of the ends' and the polar path's norms lie between
 * them, so the view never moves while the picture plays. */
static void
update_view (MlrMatrixState *self)
{
  MlrMat2 id = mlr_mat2_identity ();
  double r;

  if (self->view_locked)
    return;
  r = MAX (extent_for (self, &id), extent_for (self, &self->target));
  self->view_radius = MAX (MIN_VIEW_RADIUS, r * VIEW_MARGIN);
}

static void
target_changed (MlrMatrixState *self)
{
  self->path_kind = choose_path (&self->target);
  update_view (self);
}

/* ---- the parameters a lesson, `--set` and the demo's controls use */

/* In the order the demo's toggles show them; the bit of each is show_bits[i]. */
static const char * const show_choices[] = {
  "grid", "det", "eigen", "svd", "points", "inverse", NULL
};
static const MlrMatrixShow show_bits[] = {
  MLR_MATRIX_SHOW_GRID, MLR_MATRIX_SHOW_DET, MLR_MATRIX_SHOW_EIGEN, MLR_MATRIX_SHOW_SVD,
  MLR_MATRIX_SHOW_POINTS, MLR_MATRIX_SHOW_INVERSE,
};
G_STATIC_ASSERT (G_N_ELEMENTS (show_bits) == MLR_MATRIX_N_SHOW);
static const char * const show_titles[] = {
  N_("Grid"), N_("Area"), N_("Eigen"), N_("SVD"), N_("Points"), N_("Inverse"), NULL
};
static const char * const show_help[] = {
  N_("The original grid (faint) and its image under A (strong): lines stay straight, "
     "parallel and evenly spaced, and the origin stays put — that is what linear means"),
  N_("Shade the image of the unit square: its signed area is det A. Blue keeps the "
     "orientation, orange flips it, and a flat square means A is singular"),
  N_("Real eigenvectors: lines through the origin that A only stretches, each by its "
     "eigenvalue λ"),
  N_("The unit circle and its image, an ellipse whose semi-axes are the singular values "
     "σ₁ ≥ σ₂: A is a rotation, a stretch along two axes, and a rotation"),
  N_("Transform a seeded cloud of 150 random points: its spread follows the ellipse, "
     "which is what PCA finds in data"),
  N_("Show A⁻¹, the matrix that undoes A; it exists only when det A ≠ 0"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "matrix", .type = MLR_PARAM_NUMBER_LIST, .default_value = "1,0,0,1",
    .min = -MLR_MATRIX_ENTRY_MAX, .max = MLR_MATRIX_ENTRY_MAX, .min_count = 4, .max_count = 4,
    .help = N_("The matrix a,b,c,d = [[a, b], [c, d]]; its columns are where i-hat and j-hat "
               "land"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "show", .type = MLR_PARAM_CHOICE_LIST, .default_value = "grid,det",
    .choices = show_choices, .min_count = 0, .max_count = MLR_MATRIX_N_SHOW,
    .help = N_("What to draw: the warped grid, the determinant area, eigenvectors, singular "
               "values, a point cloud, the inverse"),
    .label = N_("Show"), .choice_titles = show_titles, .choice_help = show_help },
  { .key = "animate", .type = MLR_PARAM_BOOL, .default_value = "true",
    .help = N_("Animate from the identity to the matrix when the demo appears"),
    .ui = MLR_PARAM_UI_NONE },
};

/**
 * mlr_matrix_state_param_specs:
 * The keys a <demo kind="matrix"> and `--set` accept, with how the demo shows each.
 */
const MlrParamSpec *
mlr_matrix_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

/* The overlay of choice @i of the "show" parameter. */
MlrMatrixShow
mlr_matrix_show_bit (guint i)
{
  g_return_val_if_fail (i < MLR_MATRIX_N_SHOW, MLR_MATRIX_SHOW_GRID);
  return show_bits[i];
}

static const char * const metric_names[] = {
  "a", "b", "c", "d", "det", "sigma1", "sigma2", "real_eigenvalues", NULL
};

/* Every name mlr_matrix_state_collect_metrics() reports, NULL-terminated. */
const char * const *
mlr_matrix_state_metric_names (void)
{
  return metric_names;
}

/**
 * mlr_matrix_state_new:
 * A state from the demo's parameters (the `matrix` table of lessons/mlr-demo-spec.c): A from
 * `matrix`, overlays from `show`, and the animation at its start when `animate` is true (at
 * its end otherwise). Fails when the matrix is not four finite entries within ±100.
 */
MlrMatrixState *
mlr_matrix_state_new (const MlrParams  *params,
                      GError          **error)
{
  g_autoptr(MlrMatrixState) self = g_new0 (MlrMatrixState, 1);
  double v[4] = { 1, 0, 0, 1 };
  MlrRng rng;

  if (mlr_params_get_doubles (params, "matrix", v, 4) != 4)
    {
      g_set_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID,
                   "matrix needs four numbers a,b,c,d");
      return NULL;
    }
  for (guint i = 0; i < 4; i++)
    if (!entry_ok (v[i]))
      {
        g_set_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID,
                     "matrix entry %c must be a finite number within ±%g", 'a' + i,
                     MLR_MATRIX_ENTRY_MAX);
        return NULL;
      }
  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    if (mlr_params_list_contains (params, "show", show_choices[i]))
      self->show |= show_bits[i];
  self->animate = mlr_params_get_bool (params, "animate");

  mlr_rng_init (&rng, POINTS_SEED);
  for (guint i = 0; i < MLR_MATRIX_N_POINTS; i++)
    {
      self->points[i].x = POINTS_SIGMA * mlr_rng_normal (&rng);
      self->points[i].y = POINTS_SIGMA * mlr_rng_normal (&rng);
    }

  self->initial = (MlrMat2) { v[0], v[1], v[2], v[3] };
  self->target = self->initial;
  self->progress = self->animate ? 0.0 : 1.0;
  self->selected = MLR_MATRIX_IHAT;
  target_changed (self);
  return g_steal_pointer (&self);
}

void
mlr_matrix_state_free (MlrMatrixState *self)
{
  g_free (self);
}

/**
 * mlr_matrix_state_set_matrix:
 * Makes @m the matrix shown (at once, no animation). Refuses non-finite entries and entries
 * beyond ±MLR_MATRIX_ENTRY_MAX with %MLR_MATRIX_STATE_ERROR_INVALID, leaving A as it was.
 */
gboolean
mlr_matrix_state_set_matrix (MlrMatrixState  *self,
                             const MlrMat2   *m,
                             GError         **error)
{
  const double v[4] = { m->a, m->b, m->c, m->d };

  for (guint i = 0; i < 4; i++)
    if (!entry_ok (v[i]))
      {
        if (isfinite (v[i]))
          g_set_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID,
                       "entry %c must be between −%g and %g", 'a' + i, MLR_MATRIX_ENTRY_MAX,
                       MLR_MATRIX_ENTRY_MAX);
        else
          g_set_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID,
                       "entry %c must be a finite number", 'a' + i);
        return FALSE;
      }
  self->target = *m;
  self->progress = 1.0;
  target_changed (self);
  return TRUE;
}

/* @index: 0..3 for a, b, c, d of [[a, b], [c, d]]. */
gboolean
mlr_matrix_state_set_entry (MlrMatrixState  *self,
                            guint            index,
                            double           value,
                            GError         **error)
{
  MlrMat2 m = self->target;

  g_return_val_if_fail (index < 4, FALSE);
  switch (index)
    {
    case 0: m.a = value; break;
    case 1: m.b = value; break;
    case 2: m.c = value; break;
    default: m.d = value; break;
    }
  return mlr_matrix_state_set_matrix (self, &m, error);
}

static double
snap_value (double v)
{
  return round (v / MLR_MATRIX_SNAP_STEP) * MLR_MATRIX_SNAP_STEP;
}

/**
 * mlr_matrix_state_set_column:
 * Moves the tip of î (column 1: a, c) or ĵ (column 2: b, d) to (@x, @y), as a drag does:
 * snapped to multiples of 0.5 when snapping is on, clamped to the entries' range, ignored
 * when not finite. Returns whether A changed.
 */
gboolean
mlr_matrix_state_set_column (MlrMatrixState  *self,
                             MlrMatrixVector  which,
                             double           x,
                             double           y)
{
  MlrMat2 m = self->target;

  if (!isfinite (x) || !isfinite (y))
    return FALSE;
  if (self->snap)
    {
      x = snap_value (x);
      y = snap_value (y);
    }
  x = tidy (clamp_entry (x));
  y = tidy (clamp_entry (y));
  if (which == MLR_MATRIX_IHAT)
    {
      m.a = x;
      m.c = y;
    }
  else
    {
      m.b = x;
      m.d = y;
    }
  if (memcmp (&m, &self->target, sizeof m) == 0 && self->progress >= 1.0)
    return FALSE;
  return mlr_matrix_state_set_matrix (self, &m, NULL);
}

/**
 * mlr_matrix_state_nudge:
 * Moves the selected tip by (@dx, @dy) steps of 0.1, or of 0.5 with snapping on (landing on
 * the 0.5 grid), as the arrow keys do. Returns whether A changed.
 */
gboolean
mlr_matrix_state_nudge (MlrMatrixState *self,
                        int             dx,
                        int             dy)
{
  const MlrMat2 *m = &self->target;
  double step = self->snap ? MLR_MATRIX_SNAP_STEP : MLR_MATRIX_NUDGE_STEP;
  double x = self->selected == MLR_MATRIX_IHAT ? m->a : m->b;
  double y = self->selected == MLR_MATRIX_IHAT ? m->c : m->d;

  if (self->snap)
    {
      /* From off the grid, the first step lands on the next grid line in that direction. */
      x = dx > 0 ? floor (x / step + 1e-9) * step + dx * step :
          dx < 0 ? ceil (x / step - 1e-9) * step + dx * step : x;
      y = dy > 0 ? floor (y / step + 1e-9) * step + dy * step :
          dy < 0 ? ceil (y / step - 1e-9) * step + dy * step : y;
      /* set_column would snap the untouched coordinate too; that is what snapping means */
    }
  else
    {
      x += dx * step;
      y += dy * step;
    }
  return mlr_matrix_state_set_column (self, self->selected, x, y);
}

void
mlr_matrix_state_apply_preset (MlrMatrixState  *self,
                               MlrMatrixPreset  preset,
                               double           angle_degrees)
{
  MlrMat2 m = mlr_matrix_preset (preset, angle_degrees);

  mlr_matrix_state_set_matrix (self, &m, NULL);
}

/* Back to the lesson's matrix, shown at once, with î selected. */
void
mlr_matrix_state_reset (MlrMatrixState *self)
{
  self->target = self->initial;
  self->progress = 1.0;
  self->selected = MLR_MATRIX_IHAT;
  self->view_locked = FALSE;
  target_changed (self);
}

const MlrMat2 *
mlr_matrix_state_get_matrix (const MlrMatrixState *self)
{
  return &self->target;
}

const MlrMat2 *
mlr_matrix_state_get_initial (const MlrMatrixState *self)
{
  return &self->initial;
}

void
mlr_matrix_state_rewind (MlrMatrixState *self)
{
  self->progress = 0.0;
}

/**
 * mlr_matrix_state_step:
 * Advances the animation by @seconds of wall time. Returns %TRUE while it has further to go.
 */
gboolean
mlr_matrix_state_step (MlrMatrixState *self,
                       double          seconds)
{
  if (isfinite (seconds) && seconds > 0)
    self->progress = MIN (1.0, self->progress + seconds / MLR_MATRIX_ANIMATION_SECONDS);
  return self->progress < 1.0;
}

void
mlr_matrix_state_finish (MlrMatrixState *self)
{
  self->progress = 1.0;
}

double
mlr_matrix_state_get_progress (const MlrMatrixState *self)
{
  return self->progress;
}

gboolean
mlr_matrix_state_get_animate (const MlrMatrixState *self)
{
  return self->animate;
}

MlrMat2PathKind
mlr_matrix_state_get_path_kind (const MlrMatrixState *self)
{
  return self->path_kind;
}

/**
 * mlr_matrix_state_get_current:
 * The matrix on screen: A once the animation is over, M(t) on the way (eased so the motion
 * starts and stops gently).
 */
MlrMat2
mlr_matrix_state_get_current (const MlrMatrixState *self)
{
  double t = self->progress;

  if (t >= 1.0)
    return self->target;
  t = t * t * (3 - 2 * t);
  return mlr_mat2_path (&self->target, self->path_kind, t);
}

guint
mlr_matrix_state_get_show (const MlrMatrixState *self)
{
  return self->show;
}

void
mlr_matrix_state_set_show (MlrMatrixState *self,
                           MlrMatrixShow   item,
                           gboolean        on)
{
  if (on)
    self->show |= item;
  else
    self->show &= ~(guint) item;
  update_view (self);
}

gboolean
mlr_matrix_state_shows (const MlrMatrixState *self,
                        MlrMatrixShow         item)
{
  return (self->show & item) != 0;
}

MlrMatrixVector
mlr_matrix_state_get_selected (const MlrMatrixState *self)
{
  return self->selected;
}

void
mlr_matrix_state_select (MlrMatrixState  *self,
                         MlrMatrixVector  which)
{
  self->selected = which == MLR_MATRIX_JHAT ? MLR_MATRIX_JHAT : MLR_MATRIX_IHAT;
}

gboolean
mlr_matrix_state_get_snap (const MlrMatrixState *self)
{
  return self->snap;
}

void
mlr_matrix_state_set_snap (MlrMatrixState *self,
                           gboolean        snap)
{
  self->snap = !!snap;
}

gboolean
mlr_matrix_state_get_highlight (const MlrMatrixState *self)
{
  return self->highlight;
}

void
mlr_matrix_state_set_highlight (MlrMatrixState *self,
                                gboolean        highlight)
{
  self->highlight = !!highlight;
}

double
mlr_matrix_state_get_view_radius (const MlrMatrixState *self)
{
  return self->view_radius;
}

/* While locked, the view keeps its radius whatever A does; unlocking refits it. */
void
mlr_matrix_state_lock_view (MlrMatrixState *self,
                            gboolean        locked)
{
  self->view_locked = !!locked;
  update_view (self);
}

const MlrVec2 *
mlr_matrix_state_get_points (const MlrMatrixState *self,
                             guint                *n_points)
{
  if (n_points)
    *n_points = MLR_MATRIX_N_POINTS;
  return self->points;
}

/* ---- presets */

static double
clean (double v)
{
  return fabs (v) < 1e-12 ? 0.0 : v;
}

/**
 * mlr_matrix_preset:
 * The matrix of a preset; @angle_degrees is θ for the rotation, the reflection (across the
 * line at θ) and the projection (onto the line at θ), and is ignored by the others.
 */
MlrMat2
mlr_matrix_preset (MlrMatrixPreset preset,
                   double          angle_degrees)
{
  double th = (isfinite (angle_degrees) ? angle_degrees : 0) * G_PI / 180;
  double c = cos (th), s = sin (th);

  switch (preset)
    {
    case MLR_MATRIX_PRESET_ROTATION:
      return (MlrMat2) { clean (c), clean (-s), clean (s), clean (c) };
    case MLR_MATRIX_PRESET_SCALE:
      return (MlrMat2) { 1.5, 0, 0, 0.5 };
    case MLR_MATRIX_PRESET_SHEAR:
      return (MlrMat2) { 1, 1, 0, 1 };
    case MLR_MATRIX_PRESET_REFLECTION:
      return (MlrMat2) { clean (cos (2 * th)), clean (sin (2 * th)),
                         clean (sin (2 * th)), clean (-cos (2 * th)) };
    case MLR_MATRIX_PRESET_PROJECTION:
      return (MlrMat2) { clean (c * c), clean (c * s), clean (c * s), clean (s * s) };
    case MLR_MATRIX_PRESET_IDENTITY:
    case MLR_MATRIX_N_PRESETS:
    default:
      return mlr_mat2_identity ();
    }
}

gboolean
mlr_matrix_preset_uses_angle (MlrMatrixPreset preset)
{
  return preset == MLR_MATRIX_PRESET_ROTATION || preset == MLR_MATRIX_PRESET_REFLECTION ||
         preset == MLR_MATRIX_PRESET_PROJECTION;
}

static gboolean
near (double x,
      double y)
{
  return fabs (x - y) < 1e-6;
}

/**
 * mlr_matrix_preset_match:
 * Whether @m is one of the presets (to within 1e-6), and which, with its angle in degrees
 * for the ones that have one, so a lesson's 30° rotation shows up as “Rotation, 30°”.
 */
gboolean
mlr_matrix_preset_match (const MlrMat2   *m,
                         MlrMatrixPreset *preset,
                         double          *angle_degrees)
{
  MlrMatrixPreset p;
  double angle = 0;
  MlrMat2 scale = mlr_matrix_preset (MLR_MATRIX_PRESET_SCALE, 0);

  if (near (m->a, 1) && near (m->b, 0) && near (m->c, 0) && near (m->d, 1))
    p = MLR_MATRIX_PRESET_IDENTITY;
  else if (near (m->a, 1) && near (m->b, 1) && near (m->c, 0) && near (m->d, 1))
    p = MLR_MATRIX_PRESET_SHEAR;
  else if (near (m->a, scale.a) && near (m->b, 0) && near (m->c, 0) && near (m->d, scale.d))
    p = MLR_MATRIX_PRESET_SCALE;
  else if (near (m->a, m->d) && near (m->b, -m->c) && near (m->a * m->a + m->c * m->c, 1))
    {
      p = MLR_MATRIX_PRESET_ROTATION;
      angle = atan2 (m->c, m->a) * 180 / G_PI;
    }
  else if (near (m->a, -m->d) && near (m->b, m->c) && near (m->a * m->a + m->b * m->b, 1))
    {
      p = MLR_MATRIX_PRESET_REFLECTION;
      angle = atan2 (m->b, m->a) * 90 / G_PI;
    }
  else if (near (m->a + m->d, 1) && near (m->b, m->c) && near (m->a * m->d - m->b * m->c, 0) &&
           m->a > -1e-6 && m->d > -1e-6)
    {
      p = MLR_MATRIX_PRESET_PROJECTION;
      angle = atan2 (2 * m->b, m->a - m->d) * 90 / G_PI;
    }
  else
    return FALSE;
  if (preset)
    *preset = p;
  if (angle_degrees)
    *angle_degrees = angle;
  return TRUE;
}

/* ---- text */

/**
 * mlr_matrix_format_number:
 * A short, readable number: two decimals with trailing zeros dropped (1.62, 0.5, 3), two
 * significant digits for tiny values, 0 for rounding noise, and never “-0”. With
 * @unicode_minus the sign is U+2212, as typeset text wants; screen-reader text uses “-”.
 */
void
mlr_matrix_format_number (double    value,
                          gboolean  unicode_minus,
                          char     *buf,
                          gsize     size)
{
  char tmp[64];
  const char *digits = tmp;

  if (!isfinite (value))
    {
      g_strlcpy (buf, isnan (value) ? "NaN" : value > 0 ? "∞" : "−∞", size);
      return;
    }
  if (fabs (value) < 5e-10)
    value = 0;
  if (value == 0 || fabs (value) >= 0.01)
    {
      char *end;
      g_ascii_formatd (tmp, sizeof tmp, "%.2f", value);
      end = tmp + strlen (tmp);
      if (strchr (tmp, '.'))
        {
          while (end > tmp && end[-1] == '0')
            *--end = '\0';
          if (end > tmp && end[-1] == '.')
            *--end = '\0';
        }
    }
  else
    g_ascii_formatd (tmp, sizeof tmp, "%.2g", value);
  if (strcmp (tmp, "-0") == 0)
    digits = "0";
  if (digits[0] == '-')
    g_snprintf (buf, size, "%s%s", unicode_minus ? "−" : "-", digits + 1);
  else
    g_strlcpy (buf, digits, size);
}

/* "[[1, 1], [0, 1]]" */
char *
mlr_matrix_format_matrix (const MlrMat2 *m,
                          gboolean       unicode_minus)
{
  char a[32], b[32], c[32], d[32];

  mlr_matrix_format_number (m->a, unicode_minus, a, sizeof a);
  mlr_matrix_format_number (m->b, unicode_minus, b, sizeof b);
  mlr_matrix_format_number (m->c, unicode_minus, c, sizeof c);
  mlr_matrix_format_number (m->d, unicode_minus, d, sizeof d);
  return g_strdup_printf ("[[%s, %s], [%s, %s]]", a, b, c, d);
}

/* "3 and 1", "1 (repeated)" or "0.87 ± 0.5i" */
char *
mlr_matrix_format_eigenvalues (const MlrMat2Eigen *eigen,
                               gboolean            unicode_minus)
{
  char l1[32], l2[32];

  mlr_matrix_format_number (eigen->values[0].re, unicode_minus, l1, sizeof l1);
  if (eigen->is_complex)
    {
      mlr_matrix_format_number (fabs (eigen->values[0].im), unicode_minus, l2, sizeof l2);
      return g_strdup_printf ("%s ± %si", l1, l2);
    }
  mlr_matrix_format_number (eigen->values[1].re, unicode_minus, l2, sizeof l2);
  if (eigen->is_repeated || strcmp (l1, l2) == 0)
    return g_strdup_printf ("%s (repeated)", l1);
  return g_strdup_printf ("%s and %s", l1, l2);
}

/**
 * mlr_matrix_state_collect_metrics:
 * Reports the matrix A (a, b, c, d), its determinant, singular values and how many real
 * eigenvalues it has, for challenges.
 */
void
mlr_matrix_state_collect_metrics (const MlrMatrixState *self,
                                  MlrMetricFunc         func,
                                  gpointer              user_data)
{
  const MlrMat2 *m = mlr_matrix_state_get_matrix (self);
  MlrMat2Svd svd;
  MlrMat2Eigen eigen;

  func ("a", g_variant_new_double (m->a), user_data);
  func ("b", g_variant_new_double (m->b), user_data);
  func ("c", g_variant_new_double (m->c), user_data);
  func ("d", g_variant_new_double (m->d), user_data);
  func ("det", g_variant_new_double (mlr_mat2_det (m)), user_data);
  mlr_mat2_svd (m, &svd);
  func ("sigma1", g_variant_new_double (svd.sigma[0]), user_data);
  func ("sigma2", g_variant_new_double (svd.sigma[1]), user_data);
  mlr_mat2_eigen (m, &eigen);
  func ("real_eigenvalues", g_variant_new_double (eigen.is_complex ? 0 : eigen.is_repeated ? 1 : 2),
        user_data);
}

/* ---- the state as parameters, for the demo's controls */

/**
 * mlr_matrix_state_read_params:
 * Writes A and what is shown into @params (a table of mlr_matrix_state_param_specs()).
 */
void
mlr_matrix_state_read_params (const MlrMatrixState *self,
                              MlrParams            *params)
{
  GString *show = g_string_new (NULL);
  char v[4][G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *matrix = NULL;

  for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
    if (self->show & show_bits[i])
      g_string_append_printf (show, "%s%s", show->len ? "," : "", show_choices[i]);
  mlr_params_set (params, "show", show->str, NULL);
  g_string_free (show, TRUE);
  matrix = g_strdup_printf ("%s,%s,%s,%s",
                            g_ascii_formatd (v[0], sizeof v[0], "%.17g", self->target.a),
                            g_ascii_formatd (v[1], sizeof v[1], "%.17g", self->target.b),
                            g_ascii_formatd (v[2], sizeof v[2], "%.17g", self->target.c),
                            g_ascii_formatd (v[3], sizeof v[3], "%.17g", self->target.d));
  mlr_params_set (params, "matrix", matrix, NULL);
}

/**
 * mlr_matrix_state_apply_param:
 * Applies the new value of @key: “matrix” shows the new A at once, “show” turns overlays on
 * and off. “animate” is the lesson's and cannot change.
 */
gboolean
mlr_matrix_state_apply_param (MlrMatrixState   *self,
                              const MlrParams  *params,
                              const char       *key,
                              GError          **error)
{
  if (g_str_equal (key, "show"))
    {
      for (guint i = 0; i < MLR_MATRIX_N_SHOW; i++)
        mlr_matrix_state_set_show (self, show_bits[i],
                                   mlr_params_list_contains (params, key, show_choices[i]));
      return TRUE;
    }
  if (g_str_equal (key, "matrix"))
    {
      double v[4];
      if (mlr_params_get_doubles (params, key, v, 4) != 4)
        {
          g_set_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID,
                       "matrix needs four numbers a,b,c,d");
          return FALSE;
        }
      return mlr_matrix_state_set_matrix (self, &(MlrMat2) { v[0], v[1], v[2], v[3] }, error);
    }
  g_set_error (error, MLR_MATRIX_STATE_ERROR, MLR_MATRIX_STATE_ERROR_INVALID,
               "“%s” is set by the lesson and cannot change in the demo", key);
  return FALSE;
}
