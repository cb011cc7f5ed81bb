/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-vec: the few dense loops the classifiers spend their time in (dot products, sums,
 * linear combinations of rows: double for the SVM grid, single precision with four lanes for
 * the MLP's passes), written with GCC/Clang vector extensions. The app is
 * built for baseline x86-64 at -O2, where GCC vectorizes neither loops of unknown length nor
 * floating-point reductions; 16-byte vector types (one SSE2 register, so no ABI questions
 * for the baseline target) make them SIMD here, unrolled for a few independent chains.
 * Private to app/ml.
 *
 * Reductions sum in several lanes and then across them, so results can differ from a plain
 * loop in the last bits; every caller tolerates that.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef double MlrV2 __attribute__ ((vector_size (2 * sizeof (double))));
typedef gint64 MlrV2Mask __attribute__ ((vector_size (2 * sizeof (double))));

static inline MlrV2
mlr_v2_load (const double *p)
{
  MlrV2 v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
mlr_v2_store (double *p,
              MlrV2   v)
{
  memcpy (p, &v, sizeof v);
}

static inline MlrV2
mlr_v2_splat (double a)
{
  return (MlrV2) { a, a };
}

static inline double
mlr_v2_hsum (MlrV2 v)
{
  return v[0] + v[1];
}




static inline double
mlr_vec_dot (gsize         n,
             const double *x,
             const double *y)
{
  MlrV2 acc0 = mlr_v2_splat (0), acc1 = mlr_v2_splat (0);
  MlrV2 acc2 = mlr_v2_splat (0), acc3 = mlr_v2_splat (0);
  double tail = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      acc0 += mlr_v2_load (x + i) * mlr_v2_load (y + i);
      acc1 += mlr_v2_load (x + i + 2) * mlr_v2_load (y + i + 2);
      acc2 += mlr_v2_load (x + i + 4) * mlr_v2_load (y + i + 4);
      acc3 += mlr_v2_load (x + i + 6) * mlr_v2_load (y + i + 6);
    }
  for (; i + 2 <= n; i += 2)
    acc0 += mlr_v2_load (x + i) * mlr_v2_load (y + i);
  for (; i < n; i++)
    tail += x[i] * y[i];
  return mlr_v2_hsum ((acc0 + acc1) + (acc2 + acc3)) + tail;
}


/* y[s] = bias + sum_i w[i] * x[i * stride + s] for s < n: a linear combination of @m rows
 * (m >= 1). The first pass takes up to four rows and the bias, later passes four rows each
 * (the remainder of m / 4 first), so y is stored about m / 4 times. */
static inline void
mlr_vec_lincomb (gsize         n,
                 double        bias,
                 const double *w,
                 guint         m,
                 const double *x,
                 gsize         stride,
                 double       *y)
{
  guint first = m % 4 == 0 ? 4 : m % 4;
  const double *x0 = x, *x1 = x + stride, *x2 = x + 2 * stride, *x3 = x + 3 * stride;
  MlrV2 vb = mlr_v2_splat (bias), w0 = mlr_v2_splat (w[0]);
  gsize s = 0;

  switch (first)
    {
    case 1:
      for (; s + 2 <= n; s += 2)
        mlr_v2_store (y + s, vb + w0 * mlr_v2_load (x0 + s));
      for (; s < n; s++)
        y[s] = bias + w[0] * x0[s];
      break;
    case 2:
      {
        MlrV2 w1 = mlr_v2_splat (w[1]);
        for (; s + 2 <= n; s += 2)
          mlr_v2_store (y + s, vb + (w0 * mlr_v2_load (x0 + s) + w1 * mlr_v2_load (x1 + s)));
        for (; s < n; s++)
          y[s] = bias + (w[0] * x0[s] + w[1] * x1[s]);
      }
      break;
    case 3:
      {
        MlrV2 w1 = mlr_v2_splat (w[1]), w2 = mlr_v2_splat (w[2]);
        for (; s + 2 <= n; s += 2)
          mlr_v2_store (y + s, vb + (w0 * mlr_v2_load (x0 + s) + w1 * mlr_v2_load (x1 + s)) +
                               w2 * mlr_v2_load (x2 + s));
        for (; s < n; s++)
          y[s] = bias + (w[0] * x0[s] + w[1] * x1[s]) + w[2] * x2[s];
      }
      break;
    default:
      {
        MlrV2 w1 = mlr_v2_splat (w[1]), w2 = mlr_v2_splat (w[2]), w3 = mlr_v2_splat (w[3]);
        for (; s + 2 <= n; s += 2)
          mlr_v2_store (y + s, vb + (w0 * mlr_v2_load (x0 + s) + w1 * mlr_v2_load (x1 + s)) +
                               (w2 * mlr_v2_load (x2 + s) + w3 * mlr_v2_load (x3 + s)));
        for (; s < n; s++)
          y[s] = bias + (w[0] * x0[s] + w[1] * x1[s]) + (w[2] * x2[s] + w[3] * x3[s]);
      }
      break;
    }

  for (guint i = first; i + 4 <= m; i += 4)
    {
      MlrV2 v0 = mlr_v2_splat (w[i]), v1 = mlr_v2_splat (w[i + 1]);
      MlrV2 v2 = mlr_v2_splat (w[i + 2]), v3 = mlr_v2_splat (w[i + 3]);

      x0 = x + i * stride;
      x1 = x0 + stride;
      x2 = x1 + stride;
      x3 = x2 + stride;
      for (s = 0; s + 2 <= n; s += 2)
        mlr_v2_store (y + s, mlr_v2_load (y + s) +
                             (v0 * mlr_v2_load (x0 + s) + v1 * mlr_v2_load (x1 + s)) +
                             (v2 * mlr_v2_load (x2 + s) + v3 * mlr_v2_load (x3 + s)));
      for (; s < n; s++)
        y[s] += (w[i] * x0[s] + w[i + 1] * x1[s]) + (w[i + 2] * x2[s] + w[i + 3] * x3[s]);
    }
}

/* ---- single precision: four lanes per register ---------------------------------------- */

typedef float MlrV4f __attribute__ ((vector_size (4 * sizeof (float))));
typedef gint32 MlrV4fMask __attribute__ ((vector_size (4 * sizeof (float))));

static inline MlrV4f
mlr_v4f_load (const float *p)
{
  MlrV4f v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
mlr_v4f_store (float  *p,
               MlrV4f  v)
{
  memcpy (p, &v, sizeof v);
}

static inline MlrV4f
mlr_v4f_splat (float a)
{
  return (MlrV4f) { a, a, a, a };
}

static inline double
mlr_v4f_hsum (MlrV4f v)
{
  return ((double) v[0] + v[1]) + ((double) v[2] + v[3]);
}

static inline double
mlr_vecf_dot (gsize        n,
              const float *x,
              const float *y)
{
  MlrV4f acc0 = mlr_v4f_splat (0), acc1 = mlr_v4f_splat (0);
  double tail = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      acc0 += mlr_v4f_load (x + i) * mlr_v4f_load (y + i);
      acc1 += mlr_v4f_load (x + i + 4) * mlr_v4f_load (y + i + 4);
    }
  for (; i + 4 <= n; i += 4)
    acc0 += mlr_v4f_load (x + i) * mlr_v4f_load (y + i);
  for (; i < n; i++)
    tail += (double) x[i] * y[i];
  return mlr_v4f_hsum (acc0 + acc1) + tail;
}

static inline double
mlr_vecf_sum (gsize        n,
              const float *x)
{
  MlrV4f acc0 = mlr_v4f_splat (0), acc1 = mlr_v4f_splat (0);
  double tail = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      acc0 += mlr_v4f_load (x + i);
      acc1 += mlr_v4f_load (x + i + 4);
    }
  for (; i + 4 <= n; i += 4)
    acc0 += mlr_v4f_load (x + i);
  for (; i < n; i++)
    tail += x[i];
  return mlr_v4f_hsum (acc0 + acc1) + tail;
}

/* In one pass over d: *da = a.d, *db = b.d, *sum = sum of d. */
static inline void
mlr_vecf_dot2_sum (gsize        n,
                   const float *a,
                   const float *b,
                   const float *d,
                   double      *da,
                   double      *db,
                   double      *sum)
{
  MlrV4f aa = mlr_v4f_splat (0), bb = mlr_v4f_splat (0), ss = mlr_v4f_splat (0);
  double ta = 0, tb = 0, ts = 0;
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      MlrV4f dv = mlr_v4f_load (d + i);
      aa += mlr_v4f_load (a + i) * dv;
      bb += mlr_v4f_load (b + i) * dv;
      ss += dv;
    }
  for (; i < n; i++)
    {
      ta += (double) a[i] * d[i];
      tb += (double) b[i] * d[i];
      ts += d[i];
    }
  *da = mlr_v4f_hsum (aa) + ta;
  *db = mlr_v4f_hsum (bb) + tb;
  *sum = mlr_v4f_hsum (ss) + ts;
}

typedef enum {
  MLR_VEC_PLAIN,   /* store the combination as it is */
  MLR_VEC_RELU,    /* store max (combination, 0) */
  MLR_VEC_GATE,    /* store the combination where gate > 0, else 0 */
} MlrVecFinish;

G_ALWAYS_INLINE static inline MlrV4f
finish_v4f (MlrV4f        v,
            MlrVecFinish  finish,
            const float  *gate,
            gsize         s)
{
  if (finish == MLR_VEC_RELU)
    return (MlrV4f) ((MlrV4fMask) v & (v > mlr_v4f_splat (0)));
  if (finish == MLR_VEC_GATE)
    return (MlrV4f) ((MlrV4fMask) v & (mlr_v4f_load (gate + s) > mlr_v4f_splat (0)));
  return v;
}

G_ALWAYS_INLINE static inline float
finish_f (float         v,
          MlrVecFinish  finish,
          const float  *gate,
          gsize         s)
{
  if (finish == MLR_VEC_RELU)
    return v > 0 ? v : 0;
  if (finish == MLR_VEC_GATE)
    return gate[s] > 0 ? v : 0;
  return v;
}

/* y = bias + the first @count (1..4) rows, finished. */
G_ALWAYS_INLINE static inline void
lincomb_first_f (gsize         n,
                 float         bias,
                 const float  *w,
                 guint         count,
                 const float  *x,
                 gsize         stride,
                 float        *y,
                 MlrVecFinish  finish,
                 const float  *gate)
{
  MlrV4f vb = mlr_v4f_splat (bias), v0 = mlr_v4f_splat (w[0]);
  const float *x0 = x;
  gsize s = 0;

  if (count == 1)
    {
      for (; s + 4 <= n; s += 4)
        mlr_v4f_store (y + s, finish_v4f (vb + v0 * mlr_v4f_load (x0 + s), finish, gate, s));
    }
  else if (count == 2)
    {
      const float *x1 = x + stride;
      MlrV4f v1 = mlr_v4f_splat (w[1]);
      for (; s + 4 <= n; s += 4)
        mlr_v4f_store (y + s, finish_v4f (vb + (v0 * mlr_v4f_load (x0 + s) +
                                                v1 * mlr_v4f_load (x1 + s)), finish, gate, s));
    }
  else if (count == 3)
    {
      const float *x1 = x + stride, *x2 = x + 2 * stride;
      MlrV4f v1 = mlr_v4f_splat (w[1]), v2 = mlr_v4f_splat (w[2]);
      for (; s + 4 <= n; s += 4)
        mlr_v4f_store (y + s, finish_v4f (vb + (v0 * mlr_v4f_load (x0 + s) +
                                                v1 * mlr_v4f_load (x1 + s)) +
                                          v2 * mlr_v4f_load (x2 + s), finish, gate, s));
    }
  else
    {
      const float *x1 = x + stride, *x2 = x + 2 * stride, *x3 = x + 3 * stride;
      MlrV4f v1 = mlr_v4f_splat (w[1]), v2 = mlr_v4f_splat (w[2]), v3 = mlr_v4f_splat (w[3]);
      for (; s + 4 <= n; s += 4)
        mlr_v4f_store (y + s, finish_v4f (vb + (v0 * mlr_v4f_load (x0 + s) +
                                                v1 * mlr_v4f_load (x1 + s)) +
                                          (v2 * mlr_v4f_load (x2 + s) +
                                           v3 * mlr_v4f_load (x3 + s)), finish, gate, s));
    }
  for (; s < n; s++)
    {
      float acc = bias;
      for (guint r = 0; r < count; r++)
        acc += w[r] * x[r * stride + s];
      y[s] = finish_f (acc, finish, gate, s);
    }
}

/* y += four rows, finished. */
G_ALWAYS_INLINE static inline void
lincomb_add4_f (gsize         n,
                const float  *w,
                const float  *x,
                gsize         stride,
                float        *y,
                MlrVecFinish  finish,
                const float  *gate)
{
  const float *x0 = x, *x1 = x + stride, *x2 = x + 2 * stride, *x3 = x + 3 * stride;
  MlrV4f v0 = mlr_v4f_splat (w[0]), v1 = mlr_v4f_splat (w[1]);
  MlrV4f v2 = mlr_v4f_splat (w[2]), v3 = mlr_v4f_splat (w[3]);
  gsize s = 0;

  for (; s + 4 <= n; s += 4)
    mlr_v4f_store (y + s, finish_v4f (mlr_v4f_load (y + s) +
                                      (v0 * mlr_v4f_load (x0 + s) + v1 * mlr_v4f_load (x1 + s)) +
                                      (v2 * mlr_v4f_load (x2 + s) + v3 * mlr_v4f_load (x3 + s)),
                                      finish, gate, s));
  for (; s < n; s++)
    y[s] = finish_f (y[s] + (w[0] * x0[s] + w[1] * x1[s]) + (w[2] * x2[s] + w[3] * x3[s]),
                     finish, gate, s);
}

/* The single-precision mlr_vec_lincomb(), finishing each value as @finish says (with @gate,
 * n values, for MLR_VEC_GATE) in the last pass. Call it with a constant @finish so the
 * choice folds away. */
G_ALWAYS_INLINE static inline void
mlr_vecf_lincomb (gsize         n,
                  float         bias,
                  const float  *w,
                  guint         m,
                  const float  *x,
                  gsize         stride,
                  float        *y,
                  MlrVecFinish  finish,
                  const float  *gate)
{
  guint first = m % 4 == 0 ? 4 : m % 4;

  if (first == m)
    {
      lincomb_first_f (n, bias, w, first, x, stride, y, finish, gate);
      return;
    }
  lincomb_first_f (n, bias, w, first, x, stride, y, MLR_VEC_PLAIN, NULL);
  for (guint i = first; i + 4 < m; i += 4)
    lincomb_add4_f (n, w + i, x + i * stride, stride, y, MLR_VEC_PLAIN, NULL);
  lincomb_add4_f (n, w + m - 4, x + (m - 4) * stride, stride, y, finish, gate);
}

G_END_DECLS
