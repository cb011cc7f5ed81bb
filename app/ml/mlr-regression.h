/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-regression: least-squares and ridge polynomial fits y ≈ p(x) for the regression and
 * overfitting lessons, the `regression` demo and `ml-roadmap-cli fit poly`.
 *
 * The model is scikit-learn's PolynomialFeatures(degree, include_bias=False) followed by
 * Ridge(alpha) (LinearRegression when alpha = 0): it minimizes
 *
 *     Σᵢ (yᵢ − b − Σₖ wₖ xᵢᵏ)²  +  alpha · Σₖ wₖ²,      k = 1 … degree,
 *
 * with the intercept b not penalized (what Ridge's centring of X and y does), and the
 * penalty on the coefficients of the raw powers x, x², … (not standardized).
 *
 * How, so that degree 15 stays accurate where the raw powers are hopeless:
 *  1. x is centred and scaled, t = (x − center) / scale ∈ [−1, 1], and the matrix of the
 *     Chebyshev polynomials T_k(t) at the points (far better conditioned than powers of x or
 *     of t) is factored by Householder QR (no normal equations, whose condition number is the
 *     square of the design matrix's): T = Q R, z = Qᵀ y.
 *  2. The raw coefficients are w = N φ for the polynomial's Chebyshev coefficients φ (N from
 *     the binomial expansion of ((x − center) / scale)^m), so the fit is the small problem
 *     [√alpha N; R] φ ≈ [0; z]. Its rows can differ in size by hundreds of orders of magnitude
 *     (x far from 0 relative to its spread, high degree), so it is solved by Householder QR in
 *     double-double arithmetic (about 32 digits) with power-of-two column scaling. With
 *     alpha = 0 it is R φ = z, solved in double.
 * Measured against 120-digit arithmetic (tests/ml/sklearn_compare.py) the predictions agree
 * to about 1e-10 of the data's scale, where scikit-learn's own answers can be off by orders
 * of magnitude once the raw powers are ill-conditioned.
 *
 * Step 1 depends on x only (MlrPolyDesign, for every degree up to its maximum at once), step
 * 2 on x, the degree and alpha (MlrPolySolver): refitting other y on the same x — the
 * bias–variance resamples, the noiseless truth — costs O(n · degree) each.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_REGRESSION_ERROR (mlr_regression_error_quark ())

typedef enum {
  MLR_REGRESSION_ERROR_INVALID,       /* bad arguments: degree too high, non-finite data */
  MLR_REGRESSION_ERROR_TOO_FEW,       /* fewer distinct x values than coefficients, or a
                                       * penalty too small to make up for them */
} MlrRegressionError;

#define MLR_POLY_MAX_DEGREE 15
/* Larger penalties change nothing visible (every coefficient is ~0) and only invite overflow. */
#define MLR_POLY_MAX_ALPHA 1e10

typedef struct {
  guint    degree;
  double   alpha;     /* the ridge penalty (0: least squares) */
  gsize    n_points;
  double   center;    /* t = (x − center) / scale; the midpoint of the x range */
  double   scale;     /* half the x range (1 when all x are equal) */
  /* y = Σ coef_cheb[k] T_k(t) with the Chebyshev polynomials T_k: what predict uses */
  double   coef_cheb[MLR_POLY_MAX_DEGREE + 1];
  /* y = Σ coef[k] x^k, the same polynomial expanded in x for display. It can lose digits
   * when |center| is large relative to scale; coef_valid is FALSE (and coef all 0) when it
   * would not even be finite. */
  double   coef[MLR_POLY_MAX_DEGREE + 1];
  gboolean coef_valid;
  double   r2;        /* 1 − RSS / TSS on the training data (1 when y is constant and fitted) */
  double   rmse;      /* √(RSS / n) */
} MlrPolyFit;

typedef struct _MlrPolyDesign MlrPolyDesign;
typedef struct _MlrPolySolver MlrPolySolver;

GQuark   mlr_regression_error_quark (void);

gboolean mlr_poly_fit               (const double     *x,
                                     const double     *y,
                                     gsize             n,
                                     guint             degree,
                                     MlrPolyFit       *fit,
                                     GError          **error);
gboolean mlr_poly_ridge_fit         (const double     *x,
                                     const double     *y,
                                     gsize             n,
                                     guint             degree,
                                     double            alpha,
                                     MlrPolyFit       *fit,
                                     GError          **error);
gboolean mlr_linear_fit             (const double     *x,
                                     const double     *y,
                                     gsize             n,
                                     MlrPolyFit       *fit,
                                     GError          **error);
double   mlr_poly_fit_predict       (const MlrPolyFit *fit,
                                     double            x);
void     mlr_poly_fit_predict_many  (const MlrPolyFit *fit,
                                     const double     *x,
                                     gsize             n,
                                     double           *out);
double   mlr_poly_fit_score         (const MlrPolyFit *fit,
                                     const double     *x,
                                     const double     *y,
                                     gsize             n);
double   mlr_poly_fit_rmse          (const MlrPolyFit *fit,
                                     const double     *x,
                                     const double     *y,
                                     gsize             n);

/* x fixed, y to come */
MlrPolyDesign *mlr_poly_design_new          (const double        *x,
                                             gsize                n,
                                             guint                max_degree,
                                             GError             **error);
MlrPolyDesign *mlr_poly_design_ref          (MlrPolyDesign       *design);
void           mlr_poly_design_unref        (MlrPolyDesign       *design);
gsize          mlr_poly_design_get_n        (const MlrPolyDesign *design);
gsize          mlr_poly_design_get_distinct (const MlrPolyDesign *design);

MlrPolySolver *mlr_poly_solver_new          (MlrPolyDesign       *design,
                                             guint                degree,
                                             double               alpha,
                                             GError             **error);
void           mlr_poly_solver_free         (MlrPolySolver       *solver);
void           mlr_poly_solver_fit          (const MlrPolySolver *solver,
                                             const double        *y,
                                             MlrPolyFit          *fit);
void           mlr_poly_solver_fit_coefficients (MlrPolySolver   *solver,
                                                 const double    *y,
                                                 MlrPolyFit      *fit);
double         mlr_poly_solver_variance     (MlrPolySolver       *solver,
                                             double               x);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrPolyDesign, mlr_poly_design_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrPolySolver, mlr_poly_solver_free)

G_END_DECLS
