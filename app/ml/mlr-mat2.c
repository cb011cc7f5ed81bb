/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-mat2.h"

#include <float.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mlr-mat2-error-quark, mlr_mat2_error)

/* A matrix is treated as singular when its reciprocal condition number sigma2 / sigma1 is at
 * most this: the smallest singular value is then within a few roundings of the largest, so
 * the matrix is indistinguishable from a singular one given its (rounded) entries.
 * numpy.linalg.matrix_rank uses the same kind of tolerance (2 eps sigma1 for 2x2). */
#define SINGULAR_RCOND (8.0 * DBL_EPSILON)

/* a*b - c*d with one rounding (Kahan's algorithm with fused multiply-add), so a determinant
 * does not lose its digits to cancellation. */
static double
diff_of_products (double a,
                  double b,
                  double c,
                  double d)
{
  double w = c * d;
  double e = fma (-c, d, w);
  double f = fma (a, b, -w);

  return f + e;
}

/* The power of two that brings the largest entry into [0.5, 1); scaling by it is exact and
 * keeps the closed forms away from overflow and underflow. */
static int
scale_exponent (const MlrMat2 *m)
{
  double mx = MAX (MAX (fabs (m->a), fabs (m->b)), MAX (fabs (m->c), fabs (m->d)));
  int e = 0;

  if (mx == 0 || !isfinite (mx))
    return 0;
  frexp (mx, &e);
  return e;
}

static MlrMat2
scaled (const MlrMat2 *m,
        int            e)
{
  MlrMat2 s = {
    ldexp (m->a, -e), ldexp (m->b, -e),
    ldexp (m->c, -e), ldexp (m->d, -e),
  };
  return s;
}

static MlrMat2
rotation (double angle)
{
  MlrMat2 r = { cos (angle), -sin (angle), sin (angle), cos (angle) };
  return r;
}

/* The largest singular value of @m (no scaling applied). */
static double
sigma_max (const MlrMat2 *m)
{
  double e = 0.5 * (m->a + m->d);
  double f = 0.5 * (m->a - m->d);
  double g = 0.5 * (m->b + m->c);
  double h = 0.5 * (m->c - m->b);

  return hypot (e, h) + hypot (f, g);
}

/* The identity matrix [[1, 0], [0, 1]]. */
MlrMat2
mlr_mat2_identity (void)
{
  MlrMat2 i = { 1, 0, 0, 1 };
  return i;
}

/**
 * mlr_mat2_mul:
 * Returns the product @m @n (apply @n first, then @m).
 */
MlrMat2
mlr_mat2_mul (const MlrMat2 *m,
              const MlrMat2 *n)
{
  MlrMat2 p = {
    m->a * n->a + m->b * n->c, m->a * n->b + m->b * n->d,
    m->c * n->a + m->d * n->c, m->c * n->b + m->d * n->d,
  };
  return p;
}

/**
 * mlr_mat2_apply:
 * Returns @m @v.
 */
MlrVec2
mlr_mat2_apply (const MlrMat2 *m,
                MlrVec2        v)
{
  MlrVec2 r = { m->a * v.x + m->b * v.y, m->c * v.x + m->d * v.y };
  return r;
}

/* a + d, the sum of the eigenvalues. */
double
mlr_mat2_trace (const MlrMat2 *m)
{
  return m->a + m->d;
}

/**
 * mlr_mat2_det:
 * Returns a d - b c, computed with a single rounding (no cancellation), so an exactly
 * singular matrix such as [[1, 2], [2, 4]] gives exactly 0. Finite whenever the entries are
 * at most MLR_MAT2_MAX_ENTRY in magnitude.
 */
double
mlr_mat2_det (const MlrMat2 *m)
{
  int e = scale_exponent (m);
  MlrMat2 s = scaled (m, e);

  return ldexp (diff_of_products (s.a, s.d, s.b, s.c), 2 * e);
}

/**
 * mlr_mat2_is_singular:
 * Returns %TRUE when @m is singular to working precision: its smallest singular value is at
 * most 8 DBL_EPSILON times its largest (a relative test, so it does not depend on the
 * matrix's scale). The zero matrix and matrices with non-finite entries are singular.
 */
gboolean
mlr_mat2_is_singular (const MlrMat2 *m)
{
  int e = scale_exponent (m);
  MlrMat2 s = scaled (m, e);
  double s1, det;

  if (!isfinite (m->a) || !isfinite (m->b) || !isfinite (m->c) || !isfinite (m->d))
    return TRUE;
  s1 = sigma_max (&s);
  if (s1 == 0)
    return TRUE;
  det = diff_of_products (s.a, s.d, s.b, s.c);
  /* sigma2 = |det| / sigma1 */
  return fabs (det) <= SINGULAR_RCOND * s1 * s1;
}

/**
 * mlr_mat2_inverse:
 * Stores the inverse of @m in @inverse. Fails with %MLR_MAT2_ERROR_SINGULAR (leaving
 * @inverse untouched) when @m is singular per mlr_mat2_is_singular() or when the inverse
 * would overflow.
 */
gboolean
mlr_mat2_inverse (const MlrMat2 *m,
                  MlrMat2       *inverse,
                  GError       **error)
{
  int e = scale_exponent (m);
  MlrMat2 s = scaled (m, e);
  MlrMat2 r;
  double det;

  if (mlr_mat2_is_singular (m))
    {
      g_set_error_literal (error, MLR_MAT2_ERROR, MLR_MAT2_ERROR_SINGULAR,
                           "the matrix is singular (its determinant is zero to working "
                           "precision), so it has no inverse");
      return FALSE;
    }
  det = diff_of_products (s.a, s.d, s.b, s.c);
  /* inv(A) = inv(S) / 2^e */
  r.a = ldexp (s.d / det, -e);
  r.b = ldexp (-s.b / det, -e);
  r.c = ldexp (-s.c / det, -e);
  r.d = ldexp (s.a / det, -e);
  if (!isfinite (r.a) || !isfinite (r.b) || !isfinite (r.c) || !isfinite (r.d))
    {
      g_set_error_literal (error, MLR_MAT2_ERROR, MLR_MAT2_ERROR_SINGULAR,
                           "the inverse is too large to represent");
      return FALSE;
    }
  *inverse = r;
  return TRUE;
}

/* Unit vector along @v with its largest-magnitude component positive (x wins a tie). */
static MlrVec2
normalize_sign (MlrVec2 v)
{
  double n = hypot (v.x, v.y);

  v.x /= n;
  v.y /= n;
  if ((fabs (v.x) >= fabs (v.y) && v.x < 0) || (fabs (v.y) > fabs (v.x) && v.y < 0))
    {
      v.x = -v.x;
      v.y = -v.y;
    }
  /* Avoid printing -0. */
  v.x += 0.0;
  v.y += 0.0;
  return v;
}

/* A null vector of the rank-one 2x2 matrix with rows (r11, r12) and (r21, r22): orthogonal to
 * whichever row is larger, which is the better determined one. */
static MlrVec2
null_vector (double r11,
             double r12,
             double r21,
             double r22)
{
  MlrVec2 v;

  if (hypot (r11, r12) >= hypot (r21, r22))
    {
      v.x = -r12;
      v.y = r11;
    }
  else
    {
      v.x = -r22;
      v.y = r21;
    }
  return normalize_sign (v);
}

/**
 * mlr_mat2_eigen:
 * Eigenvalues and real eigenvectors of @m; see #MlrMat2Eigen for the order and the repeated,
 * defective and complex cases. With m = (a + d) / 2 and the traceless part
 * B = A − mI = [[p, b], [c, −p]] (p = (a − d) / 2), the eigenvalues are m ± √(p² + bc).
 * B is rescaled by a power of two before the discriminant is formed (with fused
 * multiply-adds), so it neither underflows nor overflows; the discriminant is taken as zero
 * (a repeated eigenvalue) when it is within 4 DBL_EPSILON (p² + |bc|) of zero. A repeated
 * eigenvalue is defective unless B is exactly zero (a scalar matrix).
 */
void
mlr_mat2_eigen (const MlrMat2 *mat,
                MlrMat2Eigen  *eigen)
{
  int e = scale_exponent (mat);
  MlrMat2 s = scaled (mat, e);
  double m = 0.5 * (s.a + s.d);
  double p = 0.5 * (s.a - s.d);
  double b = s.b, c = s.c;
  double bmax = MAX (fabs (p), MAX (fabs (b), fabs (c)));
  double w, disc, tol;
  int f = 0;

  memset (eigen, 0, sizeof *eigen);

  if (bmax == 0)
    {
      /* λI: every vector is an eigenvector; report the standard basis. */
      eigen->is_repeated = TRUE;
      eigen->values[0].re = eigen->values[1].re = ldexp (m, e);
      eigen->n_vectors = 2;
      eigen->vectors[0] = (MlrVec2) { 1, 0 };
      eigen->vectors[1] = (MlrVec2) { 0, 1 };
      return;
    }

  frexp (bmax, &f);
  p = ldexp (p, -f);
  b = ldexp (b, -f);
  c = ldexp (c, -f);
  w = b * c;
  disc = fma (p, p, w) + fma (b, c, -w);
  tol = 4.0 * DBL_EPSILON * (p * p + fabs (w));

  if (disc < -tol)
    {
      double im = sqrt (-disc);

      eigen->is_complex = TRUE;
      eigen->values[0].re = eigen->values[1].re = ldexp (m, e);
      eigen->values[0].im = ldexp (im, e + f);
      eigen->values[1].im = -ldexp (im, e + f);
      eigen->n_vectors = 0;
      return;
    }

  if (disc <= tol)
    {
      /* Defective: B has rank one, its null space is the only eigen-direction. */
      eigen->is_repeated = TRUE;
      eigen->values[0].re = eigen->values[1].re = ldexp (m, e);
      eigen->n_vectors = 1;
      eigen->vectors[0] = null_vector (p, b, c, -p);
      return;
    }

  {
    double r = sqrt (disc);
    double rs = ldexp (r, f);
    /* The root without cancellation first, the other through the product of the roots. */
    double big = m + copysign (rs, m);
    double small = diff_of_products (s.a, s.d, s.b, s.c) / big;
    double hi = MAX (big, small), lo = MIN (big, small);

    eigen->values[0].re = ldexp (hi, e);
    eigen->values[1].re = ldexp (lo, e);
    eigen->n_vectors = 2;
    /* B − (±r) I for the eigenvalues m + r (the larger) and m − r. */
    eigen->vectors[0] = null_vector (p - r, b, c, -p - r);
    eigen->vectors[1] = null_vector (p + r, b, c, -p + r);
  }
}

/**
 * mlr_mat2_svd:
 * Singular value decomposition of @m in closed form. Writing A = Q Rot(α) + R Refl(β)
 * (E = (a+d)/2, H = (c-b)/2, F = (a-d)/2, G = (b+c)/2, Q = |(E, H)|, R = |(F, G)|) gives
 * A = Rot(φ) diag(Q + R, Q - R) Rot(-θ) with φ = (α+β)/2, θ = (β-α)/2. sigma1 = Q + R,
 * sigma2 = |det| / sigma1 (accurate even when tiny); when det < 0 the second column of U
 * takes the sign, so U is a reflection and V a rotation. The zero matrix gives U = V = I.
 */
void
mlr_mat2_svd (const MlrMat2 *m,
              MlrMat2Svd    *svd)
{
  int ex = scale_exponent (m);
  MlrMat2 s = scaled (m, ex);
  double e = 0.5 * (s.a + s.d);
  double f = 0.5 * (s.a - s.d);
  double g = 0.5 * (s.b + s.c);
  double h = 0.5 * (s.c - s.b);
  double q = hypot (e, h);
  double r = hypot (f, g);
  double alpha = atan2 (h, e);
  double beta = atan2 (g, f);
  double phi = 0.5 * (alpha + beta);
  double theta = 0.5 * (beta - alpha);
  double det = diff_of_products (s.a, s.d, s.b, s.c);
  double s1 = q + r;
  double s2 = s1 > 0 ? fabs (det) / s1 : 0;
  double sgn = det < 0 ? -1.0 : 1.0;
  double cp = cos (phi), sp = sin (phi);
  double ct = cos (theta), st = sin (theta);

  /* Rounding can leave sigma2 a hair above sigma1 for a scaled rotation. */
  s2 = MIN (s2, s1);

  svd->u = (MlrMat2) { cp, -sgn * sp, sp, sgn * cp };
  svd->vt = (MlrMat2) { ct, st, -st, ct };
  svd->sigma[0] = ldexp (s1, ex);
  svd->sigma[1] = ldexp (s2, ex);
}

/**
 * mlr_mat2_path:
 * A matrix M(t) on a smooth path from the identity (t = 0) to @a (t = 1); @t is clamped to
 * [0, 1]. The transformation demo draws the grid mapped by M(t) while t runs from 0 to 1.
 *
 * %MLR_MAT2_PATH_LINEAR is (1 - t) I + t A, the straight interpolation 3Blue1Brown-style
 * animations use: every grid point moves on a straight line to its image. It passes through
 * a singular matrix on the way when A's eigen-structure requires it (e.g. a rotation by
 * 180° or a reflection collapses the plane at t = 0.5).
 *
 * %MLR_MAT2_PATH_ROTATION splits A = Rot(θ) P with Rot(θ) the rotation nearest to the
 * orthogonal polar factor U V^T (θ in (-π, π]) and P = Rot(-θ) A (symmetric positive
 * semi-definite when det A >= 0), and returns Rot(t θ) ((1 - t) I + t P): rotations turn
 * instead of shrinking through the origin, and the stretch grows linearly.
 */
MlrMat2
mlr_mat2_path (const MlrMat2  *a,
               MlrMat2PathKind kind,
               double          t)
{
  MlrMat2 m;

  if (!(t >= 0))
    t = 0;
  if (t > 1)
    t = 1;

  if (kind == MLR_MAT2_PATH_ROTATION)
    {
      MlrMat2Svd svd;
      MlrMat2 r, p, blend, rot_back;
      double theta;

      mlr_mat2_svd (a, &svd);
      /* The orthogonal polar factor U Vᵀ */
      r = mlr_mat2_mul (&svd.u, &svd.vt);
      theta = atan2 (r.c, r.a);
      rot_back = rotation (-theta);
      p = mlr_mat2_mul (&rot_back, a);
      blend = (MlrMat2) {
        (1 - t) + t * p.a, t * p.b,
        t * p.c, (1 - t) + t * p.d,
      };
      if (t == 1)
        return *a;
      r = rotation (t * theta);
      return mlr_mat2_mul (&r, &blend);
    }

  m.a = (1 - t) + t * a->a;
  m.b = t * a->b;
  m.c = t * a->c;
  m.d = (1 - t) + t * a->d;
  return m;
}
