/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-regression: least-squares line and polynomial fits y ≈ p(x) for the regression and
 * overfitting lessons. The fit centres and scales x to t = (x − center) / scale ∈ [−1, 1]
 * and solves the Vandermonde least-squares problem in t by Householder QR (no normal
 * equations, whose condition number is the square of the design matrix's).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_REGRESSION_ERROR (mlr_regression_error_quark ())

typedef enum {
  MLR_REGRESSION_ERROR_INVALID,       /* bad arguments: degree too high, non-finite data */
  MLR_REGRESSION_ERROR_TOO_FEW,       /* fewer distinct x values than coefficients */
} MlrRegressionError;

#define MLR_POLY_MAX_DEGREE 15

typedef struct {
  guint    degree;
  gsize    n_points;
  double   center;    /* t = (x − center) / scale; the midpoint of the x range */
  double   scale;     /* half the x range (1 when all x are equal) */
  double   coef_t[MLR_POLY_MAX_DEGREE + 1];  /* y = Σ coef_t[k] t^k: what predict uses */
  /* y = Σ coef[k] x^k, the same polynomial expanded in x for display. It can lose digits
   * when |center| is large relative to scale; coef_valid is FALSE (and coef all 0) when it
   * would not even be finite. */
  double   coef[MLR_POLY_MAX_DEGREE + 1];
  gboolean coef_valid;
  double   r2;        /* 1 − RSS / TSS on the training data (1 when y is constant and fitted) */
  double   rmse;      /* √(RSS / n) */
} MlrPolyFit;

GQuark   mlr_regression_error_quark (void);

gboolean mlr_poly_fit               (const double     *x,
                                     const double     *y,
                                     gsize             n,
                                     guint             degree,
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

G_END_DECLS
