/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-mat2: 2-vectors and 2x2 matrices for the linear-algebra lessons: determinant, inverse,
 * eigen-decomposition, SVD, and the path from the identity to a matrix that the
 * transformation demo animates. Closed forms throughout, written so that nothing non-finite
 * comes out for finite input of moderate size (|entries| <= MLR_MAT2_MAX_ENTRY).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_MAT2_ERROR (mlr_mat2_error_quark ())

typedef enum {
  MLR_MAT2_ERROR_SINGULAR,
} MlrMat2Error;

/* Largest entry magnitude the closed forms are guaranteed to handle without overflow
 * (the determinant of such a matrix is at most 2e300). */
#define MLR_MAT2_MAX_ENTRY 1e150

typedef struct {
  double x;
  double y;
} MlrVec2;

/* [[a, b], [c, d]]: a row-major 2x2 matrix; it maps (x, y) to (a x + b y, c x + d y). */
typedef struct {
  double a;
  double b;
  double c;
  double d;
} MlrMat2;

typedef struct {
  double re;
  double im;
} MlrComplex;

/* Eigen-decomposition of a 2x2 matrix.
 *
 * values[] always holds both eigenvalues (with algebraic multiplicity, like numpy.linalg.eigvals):
 * real ones in decreasing order, a complex pair as (re, +im) then (re, -im).
 * vectors[] holds n_vectors real unit eigenvectors, each with its largest-magnitude component
 * positive:
 *  - two distinct real eigenvalues: 2 vectors, vectors[i] belongs to values[i];
 *  - a repeated eigenvalue of a scalar matrix (λI): 2 vectors, (1, 0) and (0, 1);
 *  - a repeated eigenvalue of a defective matrix (a shear): 1 vector;
 *  - a complex pair: no real eigenvectors, n_vectors = 0. */
typedef struct {
  MlrComplex values[2];
  gboolean   is_complex;
  gboolean   is_repeated;
  guint      n_vectors;
  MlrVec2    vectors[2];
} MlrMat2Eigen;

/* A = U diag(sigma) V^T with U, V orthogonal and sigma[0] >= sigma[1] >= 0.
 * V^T is stored as a matrix, so `mlr_mat2_mul (u, mul (diag (s), vt))` rebuilds A. */
typedef struct {
  MlrMat2 u;
  double  sigma[2];
  MlrMat2 vt;
} MlrMat2Svd;

typedef enum {
  MLR_MAT2_PATH_LINEAR,   /* M(t) = (1 - t) I + t A */
  MLR_MAT2_PATH_ROTATION, /* polar: M(t) = Rot(t θ) ((1 - t) I + t P), A = Rot(θ) P */
} MlrMat2PathKind;

GQuark   mlr_mat2_error_quark   (void);

MlrMat2  mlr_mat2_identity      (void);
MlrMat2  mlr_mat2_mul           (const MlrMat2 *m,
                                 const MlrMat2 *n);
MlrVec2  mlr_mat2_apply         (const MlrMat2 *m,
                                 MlrVec2        v);
double   mlr_mat2_trace         (const MlrMat2 *m);
double   mlr_mat2_det           (const MlrMat2 *m);
gboolean mlr_mat2_is_singular   (const MlrMat2 *m);
gboolean mlr_mat2_inverse       (const MlrMat2 *m,
                                 MlrMat2       *inverse,
                                 GError       **error);
void     mlr_mat2_eigen         (const MlrMat2 *m,
                                 MlrMat2Eigen  *eigen);
void     mlr_mat2_svd           (const MlrMat2 *m,
                                 MlrMat2Svd    *svd);
MlrMat2  mlr_mat2_path          (const MlrMat2  *a,
                                 MlrMat2PathKind kind,
                                 double          t);

G_END_DECLS
