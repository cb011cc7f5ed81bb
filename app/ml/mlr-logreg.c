/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-logreg.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mlr-model-math.h"

#define LBFGS_MEMORY 10
#define MAX_ITER     1000
/* Cap on n * rows * features * iterations, so a huge problem stops in seconds. */
#define MAX_WORK     2e9
#define MAX_FEATURES (MLR_LOGREG_MAX_DEGREE * (MLR_LOGREG_MAX_DEGREE + 3) / 2)

struct _MlrLogreg
{
  guint   n_classes;
  guint   n_rows;        /* 1 for two classes (one sigmoid), else n_classes */
  guint   degree;
  guint   n_features;
  double *coef;          /* n_rows x n_features */
  double *intercept;     /* n_rows */
  guint   n_iter;
  gboolean converged;
  double  objective;
};

/* The objective over theta = for each row: n_features weights, then the intercept. */
typedef struct {
  const double *phi;     /* n x p features */
  const guint8 *y;
  guint         n;
  guint         p;
  guint         n_rows;
  guint         n_classes;
  double        C;
  double       *z;       /* scratch: n_classes */
} Problem;

static guint
n_poly_features (guint degree)
{
  return degree * (degree + 3) / 2;
}

/* All monomials x1^a x2^b with 1 <= a + b <= degree: by degree, then by falling a. */
static void
poly_features (guint   degree,
               double  x1,
               double  x2,
               double *phi)
{
  double px[MLR_LOGREG_MAX_DEGREE + 1], py[MLR_LOGREG_MAX_DEGREE + 1];
  guint m = 0;

  px[0] = py[0] = 1;
  for (guint d = 1; d <= degree; d++)
    {
      px[d] = px[d - 1] * x1;
      py[d] = py[d - 1] * x2;
    }
  for (guint d = 1; d <= degree; d++)
    for (guint a = d + 1; a-- > 0;)
      phi[m++] = px[a] * py[d - a];
}

static double
dot (const double *a,
     const double *b,
     guint         n)
{
  double s = 0;

  for (guint i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

/* f(theta) and its gradient. */
static double
objective (const Problem *pb,
           const double  *theta,
           double        *grad)
{
  guint stride = pb->p + 1;
  double f = 0;

  for (guint r = 0; r < pb->n_rows; r++)
    {
      const double *w = theta + r * stride;
      f += 0.5 * dot (w, w, pb->p);
      memcpy (grad + r * stride, w, pb->p * sizeof (double));
      grad[r * stride + pb->p] = 0;
    }

  for (guint i = 0; i < pb->n; i++)
    {
      const double *phi = pb->phi + (gsize) i * pb->p;

      if (pb->n_rows == 1)
        {
          double z = dot (theta, phi, pb->p) + theta[pb->p];
          double t = pb->y[i] == 1 ? 1 : 0;
          double res = pb->C * (mlr_sigmoid (z) - t);

          f += pb->C * mlr_log1pexp (t > 0 ? -z : z);
          for (guint j = 0; j < pb->p; j++)
            grad[j] += res * phi[j];
          grad[pb->p] += res;
        }
      else
        {
          double zmax = -G_MAXDOUBLE, sum = 0, lse;

          for (guint r = 0; r < pb->n_rows; r++)
            {
              pb->z[r] = dot (theta + r * stride, phi, pb->p) + theta[r * stride + pb->p];
              zmax = MAX (zmax, pb->z[r]);
            }
          for (guint r = 0; r < pb->n_rows; r++)
            sum += exp (pb->z[r] - zmax);
          lse = zmax + log (sum);
          f += pb->C * (lse - pb->z[pb->y[i]]);
          for (guint r = 0; r < pb->n_rows; r++)
            {
              double res = pb->C * (exp (pb->z[r] - lse) - (r == pb->y[i] ? 1 : 0));
              double *g = grad + r * stride;
              for (guint j = 0; j < pb->p; j++)
                g[j] += res * phi[j];
              g[pb->p] += res;
            }
        }
    }
  return f;
}

static double
norm_inf (const double *v,
          guint         n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, fabs (v[i]));
  return m;
}

/* Limited-memory BFGS with a backtracking (Armijo) line search. The objective is strictly
 * convex in the weights, so s.y > 0 holds for every accepted step up to rounding; pairs
 * that break it are skipped. Stops when the gradient has shrunk by 1e-10 relative to the
 * start, when the objective stops moving in double precision, or at the iteration cap. */
static guint
lbfgs_minimize (const Problem *pb,
                double        *x,
                guint          dim,
                guint          max_iter,
                gboolean      *converged,
                double        *f_out)
{
  g_autofree double *g = g_new (double, dim);
  g_autofree double *gn = g_new (double, dim);
  g_autofree double *xn = g_new (double, dim);
  g_autofree double *d = g_new (double, dim);
  g_autofree double *s = g_new (double, LBFGS_MEMORY * dim);
  g_autofree double *yv = g_new (double, LBFGS_MEMORY * dim);
  double rho[LBFGS_MEMORY], alpha[LBFGS_MEMORY];
  guint n_pairs = 0, newest = 0, stalled = 0, iter;
  double f, gtol;

  f = objective (pb, x, g);
  gtol = 1e-10 * norm_inf (g, dim);
  *converged = FALSE;

  for (iter = 0; iter < max_iter; iter++)
    {
      double gd, t = 1, fn = f;
      gboolean accepted = FALSE;

      if (norm_inf (g, dim) <= gtol)
        {
          *converged = TRUE;
          break;
        }

      /* Two-loop recursion: d = -H g. */
      memcpy (d, g, dim * sizeof (double));
      for (guint m = 0; m < n_pairs; m++)
        {
          guint slot = (newest + LBFGS_MEMORY - m) % LBFGS_MEMORY;
          alpha[slot] = rho[slot] * dot (s + slot * dim, d, dim);
          for (guint i = 0; i < dim; i++)
            d[i] -= alpha[slot] * yv[slot * dim + i];
        }
      if (n_pairs > 0)
        {
          const double *ys = yv + newest * dim;
          double scale = dot (s + newest * dim, ys, dim) / dot (ys, ys, dim);
          for (guint i = 0; i < dim; i++)
            d[i] *= scale;
        }
      else
        {
          double scale = 1.0 / MAX (1.0, norm_inf (g, dim));
          for (guint i = 0; i < dim; i++)
            d[i] *= scale;
        }
      for (guint m = n_pairs; m-- > 0;)
        {
          guint slot = (newest + LBFGS_MEMORY - m) % LBFGS_MEMORY;
          double beta = rho[slot] * dot (yv + slot * dim, d, dim);
          for (guint i = 0; i < dim; i++)
            d[i] += (alpha[slot] - beta) * s[slot * dim + i];
        }
      for (guint i = 0; i < dim; i++)
        d[i] = -d[i];

      gd = dot (g, d, dim);
      if (!(gd < 0))
        {
          /* Not a descent direction (rounding): restart from steepest descent. */
          double scale = 1.0 / MAX (1.0, norm_inf (g, dim));
          for (guint i = 0; i < dim; i++)
            d[i] = -g[i] * scale;
          gd = dot (g, d, dim);
          n_pairs = 0;
        }

      for (guint ls = 0; ls < 60; ls++)
        {
          for (guint i = 0; i < dim; i++)
            xn[i] = x[i] + t * d[i];
          fn = objective (pb, xn, gn);
          if (isfinite (fn) && fn <= f + 1e-4 * t * gd)
            {
              accepted = TRUE;
              break;
            }
          t *= 0.5;
        }
      if (!accepted)
        {
          /* No decrease representable in double: as converged as it gets. */
          *converged = norm_inf (g, dim) <= 1e-6 * MAX (1.0, fabs (f));
          break;
        }

      {
        guint slot = n_pairs == 0 ? 0 : (newest + 1) % LBFGS_MEMORY;
        double *sv = s + slot * dim, *yy = yv + slot * dim;
        double sy;

        for (guint i = 0; i < dim; i++)
          {
            sv[i] = xn[i] - x[i];
            yy[i] = gn[i] - g[i];
          }
        sy = dot (sv, yy, dim);
        if (sy > 1e-300 && sy > 1e-12 * sqrt (dot (sv, sv, dim) * dot (yy, yy, dim)))
          {
            rho[slot] = 1.0 / sy;
            newest = slot;
            n_pairs = MIN (n_pairs + 1, LBFGS_MEMORY);
          }
        else if (n_pairs == LBFGS_MEMORY)
          n_pairs--;  /* the oldest pair's slot was overwritten */
      }

      memcpy (x, xn, dim * sizeof (double));
      memcpy (g, gn, dim * sizeof (double));
      stalled = f - fn <= DBL_EPSILON * MAX (1.0, fabs (f)) ? stalled + 1 : 0;
      f = fn;
      if (stalled == 3)
        {
          *converged = TRUE;
          iter++;
          break;
        }
    }
  *f_out = f;
  return iter;
}

/**
 * mlr_logreg_fit:
 * @options: C and the feature degree
 * @train: standardized training points with labels 0..K-1, K >= 2, every class present
 *
 * Returns: (transfer full): the fitted model
 */
MlrLogreg *
mlr_logreg_fit (const MlrLogregOptions *options,
                const MlrDataset       *train)
{
  MlrLogreg *self = g_new0 (MlrLogreg, 1);
  g_autofree double *phi = NULL;
  g_autofree double *theta = NULL;
  g_autofree double *z = NULL;
  Problem pb = { 0 };
  guint dim, max_iter;
  double work;

  g_return_val_if_fail (train->n_classes >= 2, NULL);

  self->n_classes = train->n_classes;
  self->n_rows = train->n_classes == 2 ? 1 : train->n_classes;
  self->degree = CLAMP (options->degree, 1, MLR_LOGREG_MAX_DEGREE);
  self->n_features = n_poly_features (self->degree);

  phi = g_new (double, (gsize) train->n_points * self->n_features);
  for (guint i = 0; i < train->n_points; i++)
    poly_features (self->degree, train->x[2 * i], train->x[2 * i + 1],
                   phi + (gsize) i * self->n_features);

  dim = self->n_rows * (self->n_features + 1);
  theta = g_new0 (double, dim);
  z = g_new (double, self->n_classes);
  pb.phi = phi;
  pb.y = train->y;
  pb.n = train->n_points;
  pb.p = self->n_features;
  pb.n_rows = self->n_rows;
  pb.n_classes = self->n_classes;
  pb.C = options->C;
  pb.z = z;

  work = (double) pb.n * dim;
  max_iter = (guint) CLAMP (MAX_WORK / MAX (work, 1.0), 100, MAX_ITER);
  self->n_iter = lbfgs_minimize (&pb, theta, dim, max_iter, &self->converged, &self->objective);

  self->coef = g_new (double, self->n_rows * self->n_features);
  self->intercept = g_new (double, self->n_rows);
  for (guint r = 0; r < self->n_rows; r++)
    {
      memcpy (self->coef + r * self->n_features, theta + r * (self->n_features + 1),
              self->n_features * sizeof (double));
      self->intercept[r] = theta[r * (self->n_features + 1) + self->n_features];
    }
  return self;
}

/* Frees @self (NULL is fine). */
void
mlr_logreg_free (MlrLogreg *self)
{
  if (self == NULL)
    return;
  g_free (self->coef);
  g_free (self->intercept);
  g_free (self);
}

static void
scores_to_proba (const MlrLogreg *self,
                 double          *z,
                 double          *proba)
{
  if (self->n_rows == 1)
    {
      proba[1] = mlr_sigmoid (z[0]);
      proba[0] = 1.0 - proba[1];
    }
  else
    {
      memcpy (proba, z, self->n_classes * sizeof (double));
      mlr_softmax_inplace (proba, self->n_classes);
    }
}

/* Class probabilities of @n_points standardized points (n_points x K). */
void
mlr_logreg_predict_proba (const MlrLogreg *self,
                          const double    *x,
                          guint            n_points,
                          double          *proba)
{
  double phi[MAX_FEATURES];
  double z[MLR_DATASET_MAX_CLASSES];

  for (guint i = 0; i < n_points; i++)
    {
      poly_features (self->degree, x[2 * i], x[2 * i + 1], phi);
      for (guint r = 0; r < self->n_rows; r++)
        z[r] = dot (self->coef + r * self->n_features, phi, self->n_features) +
               self->intercept[r];
      scores_to_proba (self, z, proba + (gsize) i * self->n_classes);
    }
}

/* Each class score is a polynomial in x1 whose coefficients depend on x2 only, so a grid row
 * costs one Horner evaluation per class and cell. */
void
mlr_logreg_eval_grid (const MlrLogreg *self,
                      const double    *xs,
                      guint            w,
                      const double    *ys,
                      guint            h,
                      guint8          *labels,
                      float           *conf)
{
  guint D = self->degree, K = self->n_classes;
  double coeff[MLR_DATASET_MAX_CLASSES][MLR_LOGREG_MAX_DEGREE + 1];
  double z[MLR_DATASET_MAX_CLASSES], p[MLR_DATASET_MAX_CLASSES];

  for (guint j = 0; j < h; j++)
    {
      double py[MLR_LOGREG_MAX_DEGREE + 1];

      py[0] = 1;
      for (guint d = 1; d <= D; d++)
        py[d] = py[d - 1] * ys[j];
      for (guint r = 0; r < self->n_rows; r++)
        {
          const double *c = self->coef + r * self->n_features;
          guint m = 0;

          memset (coeff[r], 0, sizeof coeff[r]);
          coeff[r][0] = self->intercept[r];
          for (guint d = 1; d <= D; d++)
            for (guint a = d + 1; a-- > 0;)
              coeff[r][a] += c[m++] * py[d - a];
        }

      for (guint i = 0; i < w; i++)
        {
          gsize cell = (gsize) j * w + i;

          for (guint r = 0; r < self->n_rows; r++)
            {
              double acc = coeff[r][D];
              for (guint a = D; a-- > 0;)
                acc = acc * xs[i] + coeff[r][a];
              z[r] = acc;
            }
          scores_to_proba (self, z, p);
          mlr_proba_to_label (p, K, &labels[cell], &conf[cell]);
        }
    }
}

/* The weights, one row per class (a single row, for class 1, when there are two classes). */
const double *
mlr_logreg_get_coef (const MlrLogreg *self,
                     guint           *n_rows,
                     guint           *n_features)
{
  *n_rows = self->n_rows;
  *n_features = self->n_features;
  return self->coef;
}

/* The intercepts, one per coefficient row. */
const double *
mlr_logreg_get_intercept (const MlrLogreg *self)
{
  return self->intercept;
}

/* L-BFGS iterations the fit took. */
guint
mlr_logreg_get_n_iter (const MlrLogreg *self)
{
  return self->n_iter;
}

/* FALSE when L-BFGS stopped at its iteration cap. */
gboolean
mlr_logreg_get_converged (const MlrLogreg *self)
{
  return self->converged;
}

/* C * sum(log-loss) + 0.5 * ||w||^2 at the solution. */
double
mlr_logreg_get_objective (const MlrLogreg *self)
{
  return self->objective;
}
