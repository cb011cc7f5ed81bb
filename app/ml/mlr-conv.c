/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-conv.h"

#include <math.h>
#include <string.h>

#include "mlr-csv.h"
#include "mlr-strtod.h"

G_DEFINE_QUARK (mlr-conv-error-quark, mlr_conv_error)

/* ---- grids */

/* A zeroed @width × @height grid (both at least 1, at most MLR_CONV_MAX_CELLS cells). */
MlrConvGrid *
mlr_conv_grid_new (guint width,
              guint height)
{
  MlrConvGrid *grid;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail ((guint64) width * height <= MLR_CONV_MAX_CELLS, NULL);
  grid = g_new0 (MlrConvGrid, 1);
  grid->width = width;
  grid->height = height;
  grid->values = g_new0 (double, (gsize) width * height);
  return grid;
}

MlrConvGrid *
mlr_conv_grid_copy (const MlrConvGrid *grid)
{
  MlrConvGrid *copy = mlr_conv_grid_new (grid->width, grid->height);

  memcpy (copy->values, grid->values, sizeof (double) * grid->width * grid->height);
  return copy;
}

void
mlr_conv_grid_free (MlrConvGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->values);
  g_free (grid);
}

/* The smallest, largest and mean value of @grid. */
void
mlr_conv_grid_range (const MlrConvGrid *grid,
                double        *min,
                double        *max,
                double        *mean)
{
  gsize n = (gsize) grid->width * grid->height;
  double lo = grid->values[0], hi = grid->values[0], sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      double v = grid->values[i];
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      sum += v;
    }
  if (min)
    *min = lo;
  if (max)
    *max = hi;
  if (mean)
    *mean = sum / (double) n;
}

/* ---- sizes and checks */

/**
 * mlr_conv_output_side:
 * floor((n + 2p − k) / s) + 1, the output side of an n-pixel input side; less than 1 when
 * the kernel does not fit in the padded input. @stride is at least 1.
 */
gint64
mlr_conv_output_side (gint64 n,
                      gint64 k,
                      gint64 stride,
                      gint64 padding)
{
  gint64 span = n + 2 * padding - k;

  g_return_val_if_fail (stride >= 1, 0);
  if (span < 0)
    return 0;  /* floor of a negative fraction, plus one, is at most 0 */
  return span / stride + 1;
}

/**
 * mlr_conv_check:
 * Whether a @width × @height input, a @k × @k kernel, @stride and @padding (and 2×2 pooling
 * when @pool) give a non-empty output of at most MLR_CONV_MAX_CELLS pixels; the output's
 * size before pooling in @out_width × @out_height. The error names the valid range or why
 * the output is empty.
 */
gboolean
mlr_conv_check (guint    width,
                guint    height,
                guint    k,
                gint64   stride,
                gint64   padding,
                gboolean pool,
                guint   *out_width,
                guint   *out_height,
                GError **error)
{
  gint64 ow, oh;

  if (stride < 1 || stride > MLR_CONV_MAX_STRIDE)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "stride %" G_GINT64_FORMAT " is out of range: it must be an integer from 1 "
                   "to %d", stride, MLR_CONV_MAX_STRIDE);
      return FALSE;
    }
  if (padding < 0 || padding > MLR_CONV_MAX_PADDING)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "padding %" G_GINT64_FORMAT " is out of range: it must be an integer from "
                   "0 to %d", padding, MLR_CONV_MAX_PADDING);
      return FALSE;
    }
  if (k != 3 && k != 5)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "the kernel is %u×%u: it must be 3×3 or 5×5", k, k);
      return FALSE;
    }
  ow = mlr_conv_output_side (width, k, stride, padding);
  oh = mlr_conv_output_side (height, k, stride, padding);
  if (ow < 1 || oh < 1)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY,
                   "the output would be empty: a %u×%u input (width × height) padded by %"
                   G_GINT64_FORMAT " on each side is %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                   ", smaller than the %u×%u kernel (the output side is floor((n + 2p − k) / s)"
                   " + 1; pad by at least %" G_GINT64_FORMAT ")", width, height, padding,
                   width + 2 * padding, height + 2 * padding, k, k,
                   ((gint64) k - MIN (width, height) + 1) / 2);
      return FALSE;
    }
  if (ow * oh > MLR_CONV_MAX_CELLS)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_LIMIT,
                   "the output would be %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT " pixels, more "
                   "than %d in all", ow, oh, MLR_CONV_MAX_CELLS);
      return FALSE;
    }
  if (pool && (ow < 2 || oh < 2))
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY,
                   "the pooled output would be empty: 2×2 max pooling needs a feature map of at "
                   "least 2×2, and this one is %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT, ow, oh);
      return FALSE;
    }
  if (out_width)
    *out_width = (guint) ow;
  if (out_height)
    *out_height = (guint) oh;
  return TRUE;
}

/**
 * mlr_conv_check_kernel:
 * Whether @n_weights weights make a kernel: 9 (3×3) or 25 (5×5), each finite with
 * |w| ≤ MLR_CONV_MAX_WEIGHT. Its side in @size.
 */
gboolean
mlr_conv_check_kernel (const double *weights,
                       guint         n_weights,
                       guint        *size,
                       GError      **error)
{
  if (n_weights != 9 && n_weights != 25)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                   "the kernel has %u weights: it needs 9 (3×3) or 25 (5×5), row by row",
                   n_weights);
      return FALSE;
    }
  for (guint i = 0; i < n_weights; i++)
    if (!isfinite (weights[i]) || fabs (weights[i]) > MLR_CONV_MAX_WEIGHT)
      {
        g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                     "kernel weight %u (row %u, column %u) is %s: each weight must be a finite "
                     "number from −%g to %g", i + 1, i / (n_weights == 9 ? 3 : 5) + 1,
                     i % (n_weights == 9 ? 3 : 5) + 1,
                     isfinite (weights[i]) ? "too large" : "not finite", MLR_CONV_MAX_WEIGHT,
                     MLR_CONV_MAX_WEIGHT);
        return FALSE;
      }
  if (size)
    *size = n_weights == 9 ? 3 : 5;
  return TRUE;
}

/* ---- the operations */

/**
 * mlr_conv_correlate:
 * The cross-correlation of @input with the @k × @k @kernel (row-major, not flipped) over the
 * input padded with @padding zeros, every @stride-th position:
 * out[y][x] = Σᵢ Σⱼ kernel[i][j] · in[y·s + i − p][x·s + j − p], terms summed row by row.
 */
MlrConvGrid *
mlr_conv_correlate (const MlrConvGrid *input,
                    const double  *kernel,
                    guint          k,
                    guint          stride,
                    guint          padding,
                    GError       **error)
{
  guint ow, oh;
  MlrConvGrid *out;
  const gint64 w = input->width, h = input->height;

  if (!mlr_conv_check (input->width, input->height, k, stride, padding, FALSE, &ow, &oh,
                       error))
    return NULL;
  out = mlr_conv_grid_new (ow, oh);
  for (guint oy = 0; oy < oh; oy++)
    for (guint ox = 0; ox < ow; ox++)
      {
        gint64 y0 = (gint64) oy * stride - padding, x0 = (gint64) ox * stride - padding;
        double sum = 0;

        for (guint i = 0; i < k; i++)
          {
            gint64 y = y0 + i;
            const double *row, *wrow = kernel + i * k;

            if (y < 0 || y >= h)
              continue;
            row = input->values + y * w;
            if (x0 >= 0 && x0 + k <= w)
              {
                for (guint j = 0; j < k; j++)
                  sum += wrow[j] * row[x0 + j];
              }
            else
              for (guint j = 0; j < k; j++)
                {
                  gint64 x = x0 + j;
                  if (x >= 0 && x < w)
                    sum += wrow[j] * row[x];
                }
          }
        out->values[(gsize) oy * ow + ox] = sum;
      }
  return out;
}

/**
 * mlr_conv_window:
 * The multiply–add behind output pixel (@ox, @oy): the @k × @k input values under the kernel
 * (zeros where it hangs over the padding) in @patch, each times its weight in @products
 * (both k·k, row-major; either may be NULL). Returns their sum, the same number
 * mlr_conv_correlate() gives for that pixel.
 */
double
mlr_conv_window (const MlrConvGrid *input,
                 const double  *kernel,
                 guint          k,
                 guint          stride,
                 guint          padding,
                 guint          ox,
                 guint          oy,
                 double        *patch,
                 double        *products)
{
  gint64 y0 = (gint64) oy * stride - padding, x0 = (gint64) ox * stride - padding;
  double sum = 0;

  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      {
        gint64 y = y0 + i, x = x0 + j;
        gboolean inside = y >= 0 && y < input->height && x >= 0 && x < input->width;
        double v = inside ? input->values[y * input->width + x] : 0;
        double p = kernel[i * k + j] * v;

        if (patch)
          patch[i * k + j] = v;
        if (products)
          products[i * k + j] = p;
        if (inside)
          sum += p;  /* as mlr_conv_correlate() adds them, so the sums agree exactly */
      }
  return sum;
}

/* max(0, v) in place. */
void
mlr_conv_relu (MlrConvGrid *grid)
{
  gsize n = (gsize) grid->width * grid->height;

  for (gsize i = 0; i < n; i++)
    if (!(grid->values[i] > 0))
      grid->values[i] = 0;
}

/**
 * mlr_conv_max_pool2:
 * 2×2 max pooling with stride 2: floor(w / 2) × floor(h / 2), a last odd row or column
 * dropped (torch.nn.functional.max_pool2d(x, 2)).
 */
MlrConvGrid *
mlr_conv_max_pool2 (const MlrConvGrid *input,
                    GError       **error)
{
  guint w = input->width / 2, h = input->height / 2;
  MlrConvGrid *out;

  if (w < 1 || h < 1)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY,
                   "the pooled output would be empty: 2×2 max pooling needs a feature map of at "
                   "least 2×2, and this one is %u×%u", input->width, input->height);
      return NULL;
    }
  out = mlr_conv_grid_new (w, h);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        const double *a = input->values + (gsize) (2 * y) * input->width + 2 * x;
        const double *b = a + input->width;
        out->values[(gsize) y * w + x] = MAX (MAX (a[0], a[1]), MAX (b[0], b[1]));
      }
  return out;
}

/* Correlate, then ReLU and pooling when asked: the whole layer. */
MlrConvGrid *
mlr_conv_run (const MlrConvGrid *input,
              const double  *kernel,
              guint          k,
              guint          stride,
              guint          padding,
              gboolean       relu,
              gboolean       pool,
              GError       **error)
{
  g_autoptr(MlrConvGrid) out = NULL;

  if (!mlr_conv_check (input->width, input->height, k, stride, padding, pool, NULL, NULL,
                       error))
    return NULL;
  out = mlr_conv_correlate (input, kernel, k, stride, padding, error);
  if (out == NULL)
    return NULL;
  if (relu)
    mlr_conv_relu (out);
  if (pool)
    return mlr_conv_max_pool2 (out, error);
  return g_steal_pointer (&out);
}

/* ---- kernel presets */

static const MlrConvKernel kernels[] = {
  { "identity", 3, { 0, 0, 0,  0, 1, 0,  0, 0, 0 } },
  { "box", 3, { 1 / 9., 1 / 9., 1 / 9.,  1 / 9., 1 / 9., 1 / 9.,  1 / 9., 1 / 9., 1 / 9. } },
  { "gaussian", 3, { 1 / 16., 2 / 16., 1 / 16.,  2 / 16., 4 / 16., 2 / 16.,
                     1 / 16., 2 / 16., 1 / 16. } },
  { "gaussian5", 5, { 1 / 256., 4 / 256., 6 / 256., 4 / 256., 1 / 256.,
                      4 / 256., 16 / 256., 24 / 256., 16 / 256., 4 / 256.,
                      6 / 256., 24 / 256., 36 / 256., 24 / 256., 6 / 256.,
                      4 / 256., 16 / 256., 24 / 256., 16 / 256., 4 / 256.,
                      1 / 256., 4 / 256., 6 / 256., 4 / 256., 1 / 256. } },
  { "sharpen", 3, { 0, -1, 0,  -1, 5, -1,  0, -1, 0 } },
  { "laplacian", 3, { 0, -1, 0,  -1, 4, -1,  0, -1, 0 } },
  { "sobel-x", 3, { -1, 0, 1,  -2, 0, 2,  -1, 0, 1 } },
  { "sobel-y", 3, { -1, -2, -1,  0, 0, 0,  1, 2, 1 } },
  { "emboss", 3, { -2, -1, 0,  -1, 1, 1,  0, 1, 2 } },
};

static const char * const kernel_ids[] = {
  "identity", "box", "gaussian", "gaussian5", "sharpen", "laplacian", "sobel-x", "sobel-y",
  "emboss", NULL
};

/* The preset called @id, or NULL. */
const MlrConvKernel *
mlr_conv_kernel_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if (g_strcmp0 (kernels[i].id, id) == 0)
      return &kernels[i];
  return NULL;
}

/* The presets' ids, NULL-terminated. */
const char * const *
mlr_conv_kernel_ids (void)
{
  return kernel_ids;
}

/* ---- the built-in images: 64×64 in [0, 1], drawn from formulas */

static const char * const image_ids[] = {
  "digit", "shapes", "checkerboard", "stripes", "gradient", NULL
};

const char * const *
mlr_conv_image_ids (void)
{
  return image_ids;
}

/* Distance from (px, py) to the segment (ax, ay)–(bx, by). */
static double
segment_distance (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);

  t = CLAMP (t, 0, 1);
  return hypot (px - ax - t * dx, py - ay - t * dy);
}

/* A handwritten-looking "4", white strokes on black as in MNIST. */
static double
digit_value (double x, double y)
{
  static const double strokes[][4] = {
    { 34, 10, 12, 42 }, { 12, 42, 52, 42 }, { 36, 12, 36, 56 },
  };
  double d = G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (strokes); i++)
    d = MIN (d, segment_distance (x, y, strokes[i][0], strokes[i][1], strokes[i][2],
                                  strokes[i][3]));
  return CLAMP (3.5 - d, 0, 1);  /* a stroke 7 px wide with a one-pixel soft edge */
}

/* A disc, a square and a triangle of three greys on a dark ground. */
static double
shapes_value (double x, double y)
{
  if (hypot (x - 20, y - 20) <= 12)
    return 0.95;
  if (x >= 36 && x <= 56 && y >= 8 && y <= 28)
    return 0.6;
  /* triangle: apex (32, 36), base from (10, 58) to (54, 58) */
  if (y <= 58 && y >= 36 && fabs (x - 32) <= (y - 36))
    return 0.8;
  return 0.15;
}

/* The mean of @f over the pixel (x, y), on a 4×4 grid of samples: soft, anti-aliased edges. */
static double
supersample (double (*f) (double, double), guint x, guint y)
{
  double sum = 0;

  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      sum += f (x + (j + 0.5) / 4, y + (i + 0.5) / 4);
  return sum / 16;
}

/**
 * mlr_conv_image_new:
 * The built-in image @id (see mlr_conv_image_ids()), 64×64 with values in [0, 1], 0 black:
 * digit (a "4" as MNIST draws them), shapes (a disc, a square, a triangle), checkerboard
 * (8-pixel squares), stripes (vertical, finer to the right), gradient (0 at the left edge to
 * 1 at the right, by 1/63 a column). NULL for an unknown id.
 */
MlrConvGrid *
mlr_conv_image_new (const char *id)
{
  const guint n = MLR_CONV_IMAGE_SIDE;
  MlrConvGrid *grid;

  if (id == NULL || !g_strv_contains (image_ids, id))
    return NULL;
  grid = mlr_conv_grid_new (n, n);
  for (guint y = 0; y < n; y++)
    for (guint x = 0; x < n; x++)
      {
        double v;

        if (g_str_equal (id, "digit"))
          v = supersample (digit_value, x, y);
        else if (g_str_equal (id, "shapes"))
          v = supersample (shapes_value, x, y);
        else if (g_str_equal (id, "checkerboard"))
          v = ((x / 8) + (y / 8)) % 2 ? 1 : 0;
        else if (g_str_equal (id, "stripes"))
          {
            /* the phase grows as x², so the stripes' frequency grows along x */
            double u = (x + 0.5) / n;
            v = 0.5 + 0.5 * cos (2 * G_PI * 10 * u * u);
          }
        else
          v = x / (double) (n - 1);
        grid->values[y * n + x] = CLAMP (v, 0, 1);
      }
  return grid;
}

/* ---- pictures: grey scale and scaling down */

/**
 * mlr_conv_luminance:
 * 0.2126 R + 0.7152 G + 0.0722 B (ITU-R BT.709 weights), applied to the sRGB values as they
 * are (in [0, 1], not linearised): what the demo calls grey.
 */
double
mlr_conv_luminance (double r,
                    double g,
                    double b)
{
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/* For an n → m reduction: which source pixels cover target pixel i, and how much of each:
 * area averaging, the weights of a target adding up to 1. */
static void
area_weights (guint   n,
              guint   m,
              guint   i,
              guint  *first,
              guint  *last,
              double *weights)
{
  double a = (double) i * n / m, b = (double) (i + 1) * n / m;
  guint j0 = (guint) floor (a), j1 = MIN ((guint) ceil (b), n);

  *first = j0;
  *last = j1;
  for (guint j = j0; j < j1; j++)
    weights[j - j0] = (MIN (b, j + 1.0) - MAX (a, (double) j)) / (b - a);
}

/**
 * mlr_conv_grid_from_rgba:
 * The grey scale (mlr_conv_luminance(); a transparent pixel is composited over white) of
 * 8-bit RGB or RGBA @pixels, scaled down by area averaging so its longer side is at most
 * @max_side (0: not scaled), keeping the aspect ratio (each side at least 1 pixel). Fails
 * for an empty picture or one of more than MLR_CONV_MAX_DECODE pixels.
 */
MlrConvGrid *
mlr_conv_grid_from_rgba (const guint8 *pixels,
                    guint         width,
                    guint         height,
                    gsize         rowstride,
                    guint         n_channels,
                    guint         max_side,
                    GError      **error)
{
  guint tw = width, th = height, longest = MAX (width, height);
  g_autofree double *wide = NULL;
  g_autofree double *weights = NULL;
  g_autofree double *row = NULL;
  MlrConvGrid *out;

  g_return_val_if_fail (n_channels == 3 || n_channels == 4, NULL);
  if (width == 0 || height == 0)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY, "the picture has no pixels");
      return NULL;
    }
  if ((guint64) width * height > MLR_CONV_MAX_DECODE)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_LIMIT,
                   "the picture is %u×%u pixels: at most %d pixels in all are read", width,
                   height, MLR_CONV_MAX_DECODE);
      return NULL;
    }
  if (max_side > 0 && longest > max_side)
    {
      tw = MAX (1, (guint) round ((double) width * max_side / longest));
      th = MAX (1, (guint) round ((double) height * max_side / longest));
    }
  if ((guint64) tw * th > MLR_CONV_MAX_CELLS)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_LIMIT,
                   "the picture is %u×%u pixels: at most %d are used (scale it down)", width,
                   height, MLR_CONV_MAX_CELLS);
      return NULL;
    }

  /* rows first: each source row in grey, reduced to tw columns */
  wide = g_new (double, (gsize) tw * height);
  row = g_new (double, width);
  weights = g_new (double, MAX (width, height) / MIN (tw, th) + 3);
  for (guint y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * rowstride;

      for (guint x = 0; x < width; x++, p += n_channels)
        {
          double grey = mlr_conv_luminance (p[0] / 255.0, p[1] / 255.0, p[2] / 255.0);
          if (n_channels == 4)
            {
              double a = p[3] / 255.0;
              grey = a * grey + (1 - a);
            }
          row[x] = grey;
        }
      for (guint i = 0; i < tw; i++)
        {
          guint j0, j1;
          double sum = 0;

          if (tw == width)
            {
              wide[(gsize) y * tw + i] = row[i];
              continue;
            }
          area_weights (width, tw, i, &j0, &j1, weights);
          for (guint j = j0; j < j1; j++)
            sum += weights[j - j0] * row[j];
          wide[(gsize) y * tw + i] = sum;
        }
    }

  /* then columns */
  out = mlr_conv_grid_new (tw, th);
  for (guint i = 0; i < th; i++)
    {
      guint j0, j1;

      if (th == height)
        {
          memcpy (out->values + (gsize) i * tw, wide + (gsize) i * tw, sizeof (double) * tw);
          continue;
        }
      area_weights (height, th, i, &j0, &j1, weights);
      for (guint x = 0; x < tw; x++)
        {
          double sum = 0;
          for (guint j = j0; j < j1; j++)
            sum += weights[j - j0] * wide[(gsize) j * tw + x];
          out->values[(gsize) i * tw + x] = CLAMP (sum, 0, 1);
        }
    }
  return out;
}

/* ---- CSV */

/**
 * mlr_conv_grid_parse_csv:
 * A numeric matrix: one row per line, fields separated by commas, no header; blank lines
 * and a byte-order mark are skipped, \r\n works. Every field a finite number with
 * |v| ≤ MLR_CONV_MAX_VALUE, every row as long as the first, at most MLR_CONV_MAX_SIDE
 * per side and MLR_CONV_MAX_CELLS in all. Errors read `NAME:LINE: ...` (with the column).
 */
MlrConvGrid *
mlr_conv_grid_parse_csv (const char  *name,
                         const char  *text,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (double), length / 8 + 1);
  const char *p = text, *end = text + length;
  guint width = 0, height = 0, line = 0;
  MlrConvGrid *grid;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (memchr (p, '\0', end - p) != NULL)
    {
      const char *nul = memchr (p, '\0', end - p);
      guint at = 1;
      for (const char *q = text; q < nul; q++)
        at += *q == '\n';
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_SYNTAX,
                   "%s:%u: a NUL byte: this is not a text file", name, at);
      return NULL;
    }
  {
    const char *bad = NULL;

    if (!g_utf8_validate (p, end - p, &bad))
      {
        guint at = 1;
        for (const char *q = text; q < bad; q++)
          at += *q == '\n';
        g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_SYNTAX,
                     "%s:%u: invalid UTF-8 (byte 0x%02X): this is not a text file", name, at,
                     (guint) (guchar) *bad);
        return NULL;
      }
  }
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *stop = eol ? eol : end, *f = p;
      guint n = 0;
      gboolean blank = TRUE;

      line++;
      if (stop > p && stop[-1] == '\r')
        stop--;
      for (const char *q = p; q < stop && blank; q++)
        blank = g_ascii_isspace (*q);
      p = eol ? eol + 1 : end;
      if (blank)
        continue;
      if (height >= MLR_CONV_MAX_SIDE ||
          (guint64) (height + 1) * MAX (width, 1) > MLR_CONV_MAX_CELLS)
        {
          g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_LIMIT,
                       "%s:%u: more than %d rows or %d numbers in all", name, line,
                       MLR_CONV_MAX_SIDE, MLR_CONV_MAX_CELLS);
          return NULL;
        }
      /* the fields of this line, each copied into a small buffer to read it */
      for (;;)
        {
          const char *comma = memchr (f, ',', stop - f);
          const char *fend = comma ? comma : stop, *a = f, *b = fend;
          char buf[72], *tail = NULL;
          double v;

          while (a < b && g_ascii_isspace (*a))
            a++;
          while (b > a && g_ascii_isspace (b[-1]))
            b--;
          n++;
          if ((height == 0 && n > MLR_CONV_MAX_SIDE) || (height > 0 && n > width))
            {
              if (height == 0)
                g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_LIMIT,
                             "%s:%u: more than the %d columns a matrix may have", name, line,
                             MLR_CONV_MAX_SIDE);
              else
                g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_SYNTAX,
                             "%s:%u: more fields than the first row's %u (a matrix has rows of "
                             "one length)", name, line, width);
              return NULL;
            }
          if (b - a >= (gssize) sizeof buf)
            {
              g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_SYNTAX,
                           "%s:%u: column %u: “%.40s…” is too long to be a number", name, line,
                           n, a);
              return NULL;
            }
          memcpy (buf, a, b - a);
          buf[b - a] = '\0';
          /* strtod's double, through its fast twin for a plain decimal */
          if (buf[0] != '\0' && mlr_strtod_fast (buf, &v))
            tail = buf + (b - a);
          else
            v = buf[0] ? g_ascii_strtod (buf, &tail) : 0;
          if (buf[0] == '\0' || tail == buf || *tail != '\0')
            {
              g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_SYNTAX,
                           "%s:%u: column %u: “%s” is not a number", name, line, n, buf);
              return NULL;
            }
          if (!isfinite (v) || fabs (v) > MLR_CONV_MAX_VALUE)
            {
              g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_INVALID,
                           "%s:%u: column %u: “%s” is not a finite number from −1e12 to 1e12",
                           name, line, n, buf);
              return NULL;
            }
          g_array_append_val (values, v);
          if (comma == NULL)
            break;
          f = comma + 1;
        }
      if (height == 0)
        width = n;
      else if (n != width)
        {
          g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_SYNTAX,
                       "%s:%u: %u fields, but the first row has %u (a matrix has rows of one "
                       "length)", name, line, n, width);
          return NULL;
        }
      height++;
    }
  if (height == 0)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY,
                   "%s: no numbers: the matrix is empty", name);
      return NULL;
    }
  grid = mlr_conv_grid_new (width, height);
  memcpy (grid->values, values->data, sizeof (double) * width * height);
  return grid;
}

/* The grid as CSV: one line per row, numbers that read back as the same doubles. */
char *
mlr_conv_grid_format_csv (const MlrConvGrid *grid)
{
  GString *out = g_string_sized_new ((gsize) grid->width * grid->height * 12 + 16);

  for (guint y = 0; y < grid->height; y++)
    {
      for (guint x = 0; x < grid->width; x++)
        {
          if (x > 0)
            g_string_append_c (out, ',');
          mlr_csv_append_number (out, grid->values[(gsize) y * grid->width + x] + 0.0);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
