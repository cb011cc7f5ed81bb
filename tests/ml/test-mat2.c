/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 2x2 linear algebra: hand cases (rotation, shear, projection, reflection, scalar), then
 * identities (A A⁻¹ = I, A v = λ v, U Σ Vᵀ = A) on many random matrices.
 */
#include <glib.h>
#include <math.h>

#include "ml/mlr-mat2.h"
#include "ml/mlr-rng.h"

/* |a - b| <= tol, printing both values on failure (tol may be 0 for exact results). */
#define assert_close(a, b, tol)                                                   \
  G_STMT_START {                                                                  \
    double a_ = (a), b_ = (b), t_ = (tol);                                        \
    if (!(fabs (a_ - b_) <= t_))                                                  \
      g_error ("%s:%d: %s = %.17g, expected %s = %.17g (tolerance %g)",           \
               __FILE__, __LINE__, #a, a_, #b, b_, t_);                           \
  } G_STMT_END

static void
assert_mat (const MlrMat2 *m,
            double a, double b, double c, double d,
            double tol)
{
  assert_close (m->a, a, tol);
  assert_close (m->b, b, tol);
  assert_close (m->c, c, tol);
  assert_close (m->d, d, tol);
}

static double
mat_norm (const MlrMat2 *m)
{
  return sqrt (m->a * m->a + m->b * m->b + m->c * m->c + m->d * m->d);
}

static MlrMat2
transpose (const MlrMat2 *m)
{
  MlrMat2 t = { m->a, m->c, m->b, m->d };
  return t;
}

/* U diag(σ) Vᵀ rebuilds A; U and V orthogonal; σ1 >= σ2 >= 0. */
static void
check_svd (const MlrMat2 *m)
{
  MlrMat2Svd svd;
  MlrMat2 s, us, back, utu, vvt;
  double scale = MAX (mat_norm (m), 1e-300);

  mlr_mat2_svd (m, &svd);
  g_assert_cmpfloat (svd.sigma[0], >=, svd.sigma[1]);
  g_assert_cmpfloat (svd.sigma[1], >=, 0);
  s = (MlrMat2) { svd.sigma[0], 0, 0, svd.sigma[1] };
  us = mlr_mat2_mul (&svd.u, &s);
  back = mlr_mat2_mul (&us, &svd.vt);
  assert_mat (&back, m->a, m->b, m->c, m->d, 1e-14 * scale);
  {
    MlrMat2 ut = transpose (&svd.u), v = transpose (&svd.vt);
    utu = mlr_mat2_mul (&ut, &svd.u);
    vvt = mlr_mat2_mul (&svd.vt, &v);
  }
  assert_mat (&utu, 1, 0, 0, 1, 1e-14);
  assert_mat (&vvt, 1, 0, 0, 1, 1e-14);
  assert_close (svd.sigma[0] * svd.sigma[1], fabs (mlr_mat2_det (m)), 1e-14 * scale * scale);
}

static void
test_rotation (void)
{
  MlrMat2 r = { 0, -1, 1, 0 };  /* 90° counter-clockwise */
  MlrMat2 inv;
  MlrMat2Eigen e;
  MlrMat2Svd svd;
  double t = G_PI / 6;
  MlrMat2 r30 = { cos (t), -sin (t), sin (t), cos (t) };

  g_assert_cmpfloat (mlr_mat2_det (&r), ==, 1);
  g_assert_false (mlr_mat2_is_singular (&r));
  g_assert_true (mlr_mat2_inverse (&r, &inv, NULL));
  assert_mat (&inv, 0, 1, -1, 0, 0);

  mlr_mat2_eigen (&r, &e);
  g_assert_true (e.is_complex);
  g_assert_false (e.is_repeated);
  g_assert_cmpuint (e.n_vectors, ==, 0);
  g_assert_cmpfloat (e.values[0].re, ==, 0);
  g_assert_cmpfloat (e.values[0].im, ==, 1);
  g_assert_cmpfloat (e.values[1].re, ==, 0);
  g_assert_cmpfloat (e.values[1].im, ==, -1);

  mlr_mat2_eigen (&r30, &e);
  g_assert_true (e.is_complex);
  assert_close (e.values[0].re, cos (t), 1e-15);
  assert_close (e.values[0].im, sin (t), 1e-15);

  mlr_mat2_svd (&r, &svd);
  assert_close (svd.sigma[0], 1, 1e-15);
  assert_close (svd.sigma[1], 1, 1e-15);
  check_svd (&r);
  check_svd (&r30);
}

static void
test_shear (void)
{
  MlrMat2 s = { 1, 1, 0, 1 };
  MlrMat2 lower = { 2, 0, -3, 2 };
  MlrMat2 inv;
  MlrMat2Eigen e;

  g_assert_cmpfloat (mlr_mat2_det (&s), ==, 1);
  g_assert_true (mlr_mat2_inverse (&s, &inv, NULL));
  assert_mat (&inv, 1, -1, 0, 1, 0);

  mlr_mat2_eigen (&s, &e);
  g_assert_false (e.is_complex);
  g_assert_true (e.is_repeated);
  g_assert_cmpfloat (e.values[0].re, ==, 1);
  g_assert_cmpfloat (e.values[1].re, ==, 1);
  g_assert_cmpuint (e.n_vectors, ==, 1);          /* defective: one direction only */
  g_assert_cmpfloat (e.vectors[0].x, ==, 1);
  g_assert_cmpfloat (e.vectors[0].y, ==, 0);

  mlr_mat2_eigen (&lower, &e);
  g_assert_true (e.is_repeated);
  g_assert_cmpfloat (e.values[0].re, ==, 2);
  g_assert_cmpuint (e.n_vectors, ==, 1);
  g_assert_cmpfloat (e.vectors[0].x, ==, 0);
  g_assert_cmpfloat (e.vectors[0].y, ==, 1);

  check_svd (&s);
  /* The shear's singular values: the golden ratio and its reciprocal. */
  {
    MlrMat2Svd svd;
    double phi = (1 + sqrt (5)) / 2;
    mlr_mat2_svd (&s, &svd);
    assert_close (svd.sigma[0], phi, 1e-15);
    assert_close (svd.sigma[1], 1 / phi, 1e-15);
  }
}

static void
test_scalar (void)
{
  MlrMat2 m = { 2, 0, 0, 2 };
  MlrMat2 zero = { 0, 0, 0, 0 };
  MlrMat2Eigen e;
  MlrMat2Svd svd;

  mlr_mat2_eigen (&m, &e);
  g_assert_true (e.is_repeated);
  g_assert_cmpfloat (e.values[0].re, ==, 2);
  g_assert_cmpuint (e.n_vectors, ==, 2);
  g_assert_cmpfloat (e.vectors[0].x, ==, 1);
  g_assert_cmpfloat (e.vectors[1].y, ==, 1);

  g_assert_true (mlr_mat2_is_singular (&zero));
  mlr_mat2_eigen (&zero, &e);
  g_assert_true (e.is_repeated);
  g_assert_cmpuint (e.n_vectors, ==, 2);
  g_assert_cmpfloat (e.values[0].re, ==, 0);
  mlr_mat2_svd (&zero, &svd);
  g_assert_cmpfloat (svd.sigma[0], ==, 0);
  g_assert_cmpfloat (svd.sigma[1], ==, 0);
  assert_mat (&svd.u, 1, 0, 0, 1, 0);
  assert_mat (&svd.vt, 1, 0, 0, 1, 0);
}

static void
test_singular_projection (void)
{
  MlrMat2 p = { 1, 0, 0, 0 };
  MlrMat2 rank1 = { 1, 2, 2, 4 };
  MlrMat2 rounded = { 0.1, 0.2, 0.3, 0.6 };
  MlrMat2 inv = { 7, 7, 7, 7 };
  g_autoptr(GError) error = NULL;
  MlrMat2Eigen e;
  MlrMat2Svd svd;

  g_assert_cmpfloat (mlr_mat2_det (&p), ==, 0);
  g_assert_true (mlr_mat2_is_singular (&p));
  g_assert_false (mlr_mat2_inverse (&p, &inv, &error));
  g_assert_error (error, MLR_MAT2_ERROR, MLR_MAT2_ERROR_SINGULAR);
  assert_mat (&inv, 7, 7, 7, 7, 0);   /* untouched */

  mlr_mat2_eigen (&p, &e);
  g_assert_false (e.is_complex);
  g_assert_false (e.is_repeated);
  g_assert_cmpfloat (e.values[0].re, ==, 1);
  g_assert_cmpfloat (e.values[1].re, ==, 0);
  g_assert_cmpuint (e.n_vectors, ==, 2);
  assert_close (e.vectors[0].x, 1, 0);
  assert_close (e.vectors[1].y, 1, 0);
  mlr_mat2_svd (&p, &svd);
  g_assert_cmpfloat (svd.sigma[0], ==, 1);
  g_assert_cmpfloat (svd.sigma[1], ==, 0);

  /* Exactly singular: the determinant is exactly 0 (one rounding, no cancellation). */
  g_assert_cmpfloat (mlr_mat2_det (&rank1), ==, 0);
  g_assert_true (mlr_mat2_is_singular (&rank1));
  mlr_mat2_eigen (&rank1, &e);
  assert_close (e.values[0].re, 5, 1e-15);
  g_assert_cmpfloat (e.values[1].re, ==, 0);
  assert_close (e.vectors[0].x, 1 / sqrt (5), 1e-15);
  assert_close (e.vectors[0].y, 2 / sqrt (5), 1e-15);
  check_svd (&rank1);

  /* Singular up to the rounding of its decimal entries: caught by the relative test. */
  g_assert_true (mlr_mat2_is_singular (&rounded));
  g_assert_false (mlr_mat2_inverse (&rounded, &inv, NULL));
}

static void
test_scale_invariance (void)
{
  MlrMat2 tiny = { 1e-100, 0, 0, 1e-100 };
  MlrMat2 huge = { 1e150, 2e149, -3e149, 1e150 };
  MlrMat2 cancel = { 1e8 + 1, 1e8, 1e8, 1e8 - 1 };
  MlrMat2 inv;
  MlrMat2Eigen e;

  /* Singularity is relative: a tiny scaled identity is perfectly conditioned. */
  g_assert_false (mlr_mat2_is_singular (&tiny));
  g_assert_true (mlr_mat2_inverse (&tiny, &inv, NULL));
  assert_close (inv.a, 1e100, 1e86);
  /* 1e-320 is subnormal: its inverse does not fit in a double. */
  {
    MlrMat2 denormal = { 1e-320, 0, 0, 1e-320 };
    g_assert_false (mlr_mat2_inverse (&denormal, &inv, NULL));
  }

  g_assert_true (isfinite (mlr_mat2_det (&huge)));
  mlr_mat2_eigen (&huge, &e);
  g_assert_true (isfinite (e.values[0].re) && isfinite (e.values[0].im));
  check_svd (&huge);

  /* (1e8 + 1)(1e8 - 1) - 1e16 = -1 exactly; naive a d - b c gives 0. Yet with condition
   * number 4e16 the matrix is singular to working precision. */
  g_assert_cmpfloat (mlr_mat2_det (&cancel), ==, -1);
  g_assert_true (mlr_mat2_is_singular (&cancel));
}

static void
test_reflection (void)
{
  MlrMat2 flip = { 1, 0, 0, -1 };
  MlrMat2 swap = { 0, 1, 1, 0 };
  MlrMat2Eigen e;
  MlrMat2Svd svd;
  MlrMat2 inv;

  g_assert_cmpfloat (mlr_mat2_det (&flip), ==, -1);
  g_assert_cmpfloat (mlr_mat2_det (&swap), ==, -1);
  g_assert_true (mlr_mat2_inverse (&swap, &inv, NULL));
  assert_mat (&inv, 0, 1, 1, 0, 0);

  mlr_mat2_eigen (&flip, &e);
  g_assert_cmpfloat (e.values[0].re, ==, 1);
  g_assert_cmpfloat (e.values[1].re, ==, -1);
  assert_close (e.vectors[0].x, 1, 0);
  assert_close (e.vectors[1].y, 1, 0);

  mlr_mat2_eigen (&swap, &e);
  g_assert_cmpfloat (e.values[0].re, ==, 1);
  g_assert_cmpfloat (e.values[1].re, ==, -1);
  assert_close (e.vectors[0].x, M_SQRT1_2, 1e-15);
  assert_close (e.vectors[0].y, M_SQRT1_2, 1e-15);
  assert_close (e.vectors[1].x, M_SQRT1_2, 1e-15);   /* sign: x positive on a tie */
  assert_close (e.vectors[1].y, -M_SQRT1_2, 1e-15);

  /* A reflection has σ = (1, 1) and exactly one of U, V improper. */
  mlr_mat2_svd (&swap, &svd);
  assert_close (svd.sigma[0], 1, 1e-15);
  assert_close (svd.sigma[1], 1, 1e-15);
  assert_close (mlr_mat2_det (&svd.u) * mlr_mat2_det (&svd.vt), -1, 1e-15);
  check_svd (&flip);
  check_svd (&swap);
}

static void
test_diagonal_order (void)
{
  MlrMat2 m = { 2, 0, 0, 3 };
  MlrMat2Eigen e;
  MlrMat2Svd svd;

  mlr_mat2_eigen (&m, &e);
  g_assert_cmpfloat (e.values[0].re, ==, 3);     /* decreasing */
  g_assert_cmpfloat (e.values[1].re, ==, 2);
  assert_close (e.vectors[0].y, 1, 0);
  assert_close (e.vectors[1].x, 1, 0);
  mlr_mat2_svd (&m, &svd);
  assert_close (svd.sigma[0], 3, 1e-15);
  assert_close (svd.sigma[1], 2, 1e-15);
}

static void
test_random_identities (void)
{
  MlrRng rng;

  mlr_rng_init (&rng, 99);
  for (int k = 0; k < 20000; k++)
    {
      double scale = pow (10, mlr_rng_range (&rng, -5, 5));
      MlrMat2 m = {
        scale * mlr_rng_normal (&rng), scale * mlr_rng_normal (&rng),
        scale * mlr_rng_normal (&rng), scale * mlr_rng_normal (&rng),
      };
      double norm = mat_norm (&m);
      MlrMat2 inv;
      MlrMat2Eigen e;

      /* Now and then an integer matrix, where repeated and defective cases happen. */
      if (k % 4 == 0)
        m = (MlrMat2) {
          (double) mlr_rng_below (&rng, 5) - 2, (double) mlr_rng_below (&rng, 5) - 2,
          (double) mlr_rng_below (&rng, 5) - 2, (double) mlr_rng_below (&rng, 5) - 2,
        };
      norm = mat_norm (&m);

      check_svd (&m);

      if (mlr_mat2_inverse (&m, &inv, NULL))
        {
          MlrMat2 id = mlr_mat2_mul (&m, &inv);
          MlrMat2Svd svd;
          mlr_mat2_svd (&m, &svd);
          /* Error bound: condition number times rounding. */
          assert_mat (&id, 1, 0, 0, 1, 1e-13 * svd.sigma[0] / svd.sigma[1]);
        }
      else
        {
          MlrMat2Svd svd;
          mlr_mat2_svd (&m, &svd);
          g_assert_cmpfloat (svd.sigma[1], <=, 1e-14 * svd.sigma[0]);
        }

      mlr_mat2_eigen (&m, &e);
      /* Vieta: λ1 + λ2 = trace, λ1 λ2 = det */
      assert_close (e.values[0].re + e.values[1].re, mlr_mat2_trace (&m), 1e-14 * norm);
      assert_close (e.values[0].re * e.values[1].re - e.values[0].im * e.values[1].im,
                    mlr_mat2_det (&m), 1e-13 * norm * norm);
      for (guint i = 0; i < e.n_vectors; i++)
        {
          MlrVec2 v = e.vectors[i];
          MlrVec2 av = mlr_mat2_apply (&m, v);
          double lambda = e.is_repeated && e.n_vectors == 2 ? e.values[0].re : e.values[i].re;

          assert_close (hypot (v.x, v.y), 1, 1e-15);
          /* Residual small relative to |A|; looser near a repeated eigenvalue, where
           * eigenvectors are ill-conditioned. */
          assert_close (av.x, lambda * v.x, 1e-7 * norm);
          assert_close (av.y, lambda * v.y, 1e-7 * norm);
        }
      if (!e.is_complex && !e.is_repeated)
        g_assert_cmpfloat (e.values[0].re, >, e.values[1].re);
    }
}

static void
test_path (void)
{
  MlrMat2 a = { 0, -1, 1, 0 };   /* quarter turn */
  MlrMat2 shear = { 1, 1.5, 0, 1 };
  MlrMat2 flip = { -1, 0, 0, 1 };
  MlrMat2 m;

  m = mlr_mat2_path (&a, MLR_MAT2_PATH_LINEAR, 0);
  assert_mat (&m, 1, 0, 0, 1, 0);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_LINEAR, 1);
  assert_mat (&m, 0, -1, 1, 0, 0);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_LINEAR, 0.5);
  assert_mat (&m, 0.5, -0.5, 0.5, 0.5, 1e-16);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_LINEAR, -3);   /* clamped */
  assert_mat (&m, 1, 0, 0, 1, 0);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_LINEAR, NAN);
  assert_mat (&m, 1, 0, 0, 1, 0);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_LINEAR, 7);
  assert_mat (&m, 0, -1, 1, 0, 0);

  /* Rotation-aware: halfway through a quarter turn is the eighth turn, not a shrink. */
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_ROTATION, 0);
  assert_mat (&m, 1, 0, 0, 1, 1e-15);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_ROTATION, 0.5);
  assert_mat (&m, M_SQRT1_2, -M_SQRT1_2, M_SQRT1_2, M_SQRT1_2, 1e-15);
  m = mlr_mat2_path (&a, MLR_MAT2_PATH_ROTATION, 1);
  assert_mat (&m, 0, -1, 1, 0, 0);
  /* A shear has no rotation to undo at t = 0 and ends on A. */
  for (double t = 0; t <= 1.0; t += 0.125)
    {
      MlrMat2 lin = mlr_mat2_path (&shear, MLR_MAT2_PATH_LINEAR, t);
      MlrMat2 rot = mlr_mat2_path (&shear, MLR_MAT2_PATH_ROTATION, t);
      g_assert_true (isfinite (rot.a) && isfinite (rot.b) && isfinite (rot.c) && isfinite (rot.d));
      assert_mat (&lin, 1, 1.5 * t, 0, 1, 1e-15);
    }
  m = mlr_mat2_path (&shear, MLR_MAT2_PATH_ROTATION, 1);
  assert_mat (&m, 1, 1.5, 0, 1, 0);
  /* A reflection passes through a singular matrix halfway on the linear path. */
  m = mlr_mat2_path (&flip, MLR_MAT2_PATH_LINEAR, 0.5);
  g_assert_cmpfloat (mlr_mat2_det (&m), ==, 0);
  m = mlr_mat2_path (&flip, MLR_MAT2_PATH_ROTATION, 1);
  assert_mat (&m, -1, 0, 0, 1, 0);
}

static void
test_basics (void)
{
  MlrMat2 m = { 1, 2, 3, 4 };
  MlrMat2 id = mlr_mat2_identity ();
  MlrMat2 p = mlr_mat2_mul (&m, &m);
  MlrVec2 v = mlr_mat2_apply (&m, (MlrVec2) { 1, -1 });
  MlrMat2 inv;

  assert_mat (&id, 1, 0, 0, 1, 0);
  assert_mat (&p, 7, 10, 15, 22, 0);
  g_assert_cmpfloat (v.x, ==, -1);
  g_assert_cmpfloat (v.y, ==, -1);
  g_assert_cmpfloat (mlr_mat2_trace (&m), ==, 5);
  g_assert_cmpfloat (mlr_mat2_det (&m), ==, -2);
  g_assert_true (mlr_mat2_inverse (&m, &inv, NULL));
  assert_mat (&inv, -2, 1, 1.5, -0.5, 1e-15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/mat2/basics", test_basics);
  g_test_add_func ("/ml/mat2/rotation-complex-eigenvalues", test_rotation);
  g_test_add_func ("/ml/mat2/shear-defective", test_shear);
  g_test_add_func ("/ml/mat2/scalar-and-zero", test_scalar);
  g_test_add_func ("/ml/mat2/singular-projection", test_singular_projection);
  g_test_add_func ("/ml/mat2/scale-invariance", test_scale_invariance);
  g_test_add_func ("/ml/mat2/reflection", test_reflection);
  g_test_add_func ("/ml/mat2/diagonal-order", test_diagonal_order);
  g_test_add_func ("/ml/mat2/random-identities", test_random_identities);
  g_test_add_func ("/ml/mat2/path", test_path);
  return g_test_run ();
}
