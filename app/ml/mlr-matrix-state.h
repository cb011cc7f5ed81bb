/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-matrix-state: what the matrix-transformation demo shows, with no drawing — the matrix A
 * (and the lesson's original, for reset), where the animation from the identity to A stands,
 * which overlays are on, which basis vector the keyboard moves, the seeded point cloud, and
 * a view radius that keeps the transformed unit square, eigenvectors and singular-value
 * ellipse on screen. Every way in (lesson params, typed entries, dragged arrow tips, arrow
 * keys, presets) validates, so nothing non-finite ever reaches the picture.
 */
#pragma once

#include <glib.h>

#include "mlr-mat2.h"
#include "mlr-params.h"

#include "mlr-metrics.h"

G_BEGIN_DECLS

#define MLR_MATRIX_STATE_ERROR (mlr_matrix_state_error_quark ())

typedef enum {
  MLR_MATRIX_STATE_ERROR_INVALID,
} MlrMatrixStateError;

/* Entries stay within ±MLR_MATRIX_ENTRY_MAX, the lesson parameter's range. */
#define MLR_MATRIX_ENTRY_MAX 100.0
#define MLR_MATRIX_N_POINTS 150
/* Arrow keys move a tip by this much, or by MLR_MATRIX_SNAP_STEP with snapping on. */
#define MLR_MATRIX_NUDGE_STEP 0.1
#define MLR_MATRIX_SNAP_STEP 0.5
/* Seconds the identity-to-A animation takes. */
#define MLR_MATRIX_ANIMATION_SECONDS 1.6

typedef enum {
  MLR_MATRIX_SHOW_GRID    = 1 << 0,
  MLR_MATRIX_SHOW_EIGEN   = 1 << 1,
  MLR_MATRIX_SHOW_SVD     = 1 << 2,
  MLR_MATRIX_SHOW_DET     = 1 << 3,
  MLR_MATRIX_SHOW_POINTS  = 1 << 4,
  MLR_MATRIX_SHOW_INVERSE = 1 << 5,
} MlrMatrixShow;

#define MLR_MATRIX_N_SHOW 6

typedef enum {
  MLR_MATRIX_IHAT,   /* column 1: where (1, 0) lands */
  MLR_MATRIX_JHAT,   /* column 2: where (0, 1) lands */
} MlrMatrixVector;

typedef enum {
  MLR_MATRIX_PRESET_IDENTITY,
  MLR_MATRIX_PRESET_ROTATION,    /* by θ */
  MLR_MATRIX_PRESET_SCALE,       /* x by 1.5, y by 0.5 */
  MLR_MATRIX_PRESET_SHEAR,       /* [[1, 1], [0, 1]] */
  MLR_MATRIX_PRESET_REFLECTION,  /* across the line at angle θ */
  MLR_MATRIX_PRESET_PROJECTION,  /* onto the line at angle θ (singular) */
  MLR_MATRIX_N_PRESETS,
} MlrMatrixPreset;

typedef struct _MlrMatrixState MlrMatrixState;

GQuark           mlr_matrix_state_error_quark   (void);

const MlrParamSpec *mlr_matrix_state_param_specs  (guint               *n_specs);
const char * const *mlr_matrix_state_metric_names (void);
MlrMatrixShow       mlr_matrix_show_bit           (guint                i);

MlrMatrixState  *mlr_matrix_state_new           (const MlrParams       *params,
                                                 GError               **error);
void             mlr_matrix_state_free          (MlrMatrixState        *self);

/* Editing A. Each sets the animation to its end (the picture shows A at once). */
gboolean         mlr_matrix_state_set_matrix    (MlrMatrixState        *self,
                                                 const MlrMat2         *m,
                                                 GError               **error);
gboolean         mlr_matrix_state_set_entry     (MlrMatrixState        *self,
                                                 guint                  index,
                                                 double                 value,
                                                 GError               **error);
gboolean         mlr_matrix_state_set_column    (MlrMatrixState        *self,
                                                 MlrMatrixVector        which,
                                                 double                 x,
                                                 double                 y);
gboolean         mlr_matrix_state_nudge         (MlrMatrixState        *self,
                                                 int                    dx,
                                                 int                    dy);
void             mlr_matrix_state_apply_preset  (MlrMatrixState        *self,
                                                 MlrMatrixPreset        preset,
                                                 double                 angle_degrees);
void             mlr_matrix_state_reset         (MlrMatrixState        *self);

const MlrMat2   *mlr_matrix_state_get_matrix    (const MlrMatrixState  *self);
void             mlr_matrix_state_collect_metrics (const MlrMatrixState *self,
                                                   MlrMetricFunc         func,
                                                   gpointer              user_data);
const MlrMat2   *mlr_matrix_state_get_initial   (const MlrMatrixState  *self);

/* Animation from the identity (t = 0) to A (t = 1). */
void             mlr_matrix_state_rewind        (MlrMatrixState        *self);
gboolean         mlr_matrix_state_step          (MlrMatrixState        *self,
                                                 double                 seconds);
void             mlr_matrix_state_finish        (MlrMatrixState        *self);
double           mlr_matrix_state_get_progress  (const MlrMatrixState  *self);
gboolean         mlr_matrix_state_get_animate   (const MlrMatrixState  *self);
MlrMat2PathKind  mlr_matrix_state_get_path_kind (const MlrMatrixState  *self);
MlrMat2          mlr_matrix_state_get_current   (const MlrMatrixState  *self);

/* What is drawn and what the keyboard moves. */
guint            mlr_matrix_state_get_show      (const MlrMatrixState  *self);
void             mlr_matrix_state_set_show      (MlrMatrixState        *self,
                                                 MlrMatrixShow          item,
                                                 gboolean               on);
gboolean         mlr_matrix_state_shows         (const MlrMatrixState  *self,
                                                 MlrMatrixShow          item);
MlrMatrixVector  mlr_matrix_state_get_selected  (const MlrMatrixState  *self);
void             mlr_matrix_state_select        (MlrMatrixState        *self,
                                                 MlrMatrixVector        which);
gboolean         mlr_matrix_state_get_snap      (const MlrMatrixState  *self);
void             mlr_matrix_state_set_snap      (MlrMatrixState        *self,
                                                 gboolean               snap);
gboolean         mlr_matrix_state_get_highlight (const MlrMatrixState  *self);
void             mlr_matrix_state_set_highlight (MlrMatrixState        *self,
                                                 gboolean               highlight);

/* The picture's extent: the square [-r, r]² (at least) around the origin. */
double           mlr_matrix_state_get_view_radius (const MlrMatrixState *self);
void             mlr_matrix_state_lock_view     (MlrMatrixState        *self,
                                                 gboolean               locked);

const MlrVec2   *mlr_matrix_state_get_points    (const MlrMatrixState  *self,
                                                 guint                 *n_points);

void             mlr_matrix_state_read_params   (const MlrMatrixState  *self,
                                                 MlrParams             *params);
gboolean         mlr_matrix_state_apply_param   (MlrMatrixState        *self,
                                                 const MlrParams       *params,
                                                 const char            *key,
                                                 GError               **error);

/* Presets and text, shared by the painter, the widget and the tests. */
MlrMat2          mlr_matrix_preset              (MlrMatrixPreset        preset,
                                                 double                 angle_degrees);
gboolean         mlr_matrix_preset_uses_angle   (MlrMatrixPreset        preset);
gboolean         mlr_matrix_preset_match        (const MlrMat2         *m,
                                                 MlrMatrixPreset       *preset,
                                                 double                *angle_degrees);
void             mlr_matrix_format_number       (double                 value,
                                                 gboolean               unicode_minus,
                                                 char                  *buf,
                                                 gsize                  size);
char            *mlr_matrix_format_matrix       (const MlrMat2         *m,
                                                 gboolean               unicode_minus);
char            *mlr_matrix_format_eigenvalues  (const MlrMat2Eigen    *eigen,
                                                 gboolean               unicode_minus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrMatrixState, mlr_matrix_state_free)

G_END_DECLS
