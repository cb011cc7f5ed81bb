/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-conv: 2-D convolution as deep learning means it — cross-correlation, the kernel not
 * flipped, as torch.nn.functional.conv2d — with zero padding and a stride, then an optional
 * ReLU and 2×2 max pooling (stride 2, as torch.nn.functional.max_pool2d(x, 2)). The output of
 * an n-pixel side with a k×k kernel, padding p and stride s has floor((n + 2p − k) / s) + 1
 * pixels; when that is less than 1 the functions fail with a message saying so.
 *
 * Also what the demo and the command line need around it: the kernel presets, the built-in
 * images (drawn here from formulas, so they are original and need no file), the grey scale
 * of an RGBA picture scaled down by area averaging, and a numeric matrix read from CSV.
 * Plain C + GLib; the caller decodes image files (gdk-pixbuf) and hands over the pixels.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_CONV_ERROR (mlr_conv_error_quark ())

typedef enum {
  MLR_CONV_ERROR_EMPTY,    /* the output (or the pooled output) would have no pixel */
  MLR_CONV_ERROR_INVALID,  /* a kernel, stride, padding or value out of its range */
  MLR_CONV_ERROR_LIMIT,    /* an input or output larger than the bounds below */
  MLR_CONV_ERROR_SYNTAX,   /* a CSV field that is not a number, or ragged rows */
} MlrConvError;

#define MLR_CONV_MAX_KERNEL   5        /* kernels are 3×3 or 5×5 */
#define MLR_CONV_MAX_STRIDE   64
#define MLR_CONV_MAX_PADDING  64
#define MLR_CONV_MAX_SIDE     4096     /* of an input matrix */
#define MLR_CONV_MAX_CELLS    (2048 * 2048)  /* of an input, and of an output */
#define MLR_CONV_MAX_WEIGHT   1000.0   /* |kernel weight| */
#define MLR_CONV_MAX_VALUE    1e12     /* |input value| (a CSV matrix) */
#define MLR_CONV_IMAGE_SIDE   64       /* the built-in images are 64×64 */
#define MLR_CONV_OPEN_SIDE    128      /* an opened picture is scaled to fit 128×128 */
#define MLR_CONV_MAX_DECODE   (16 * 1024 * 1024)  /* pixels of a picture file, at most */

/* A matrix of doubles, row-major: values[y * width + x], y down as in an image. */
typedef struct {
  guint   width;
  guint   height;
  double *values;
} MlrConvGrid;

/* A kernel preset, 3×3 or 5×5, weights row-major. */
typedef struct {
  const char *id;
  guint       size;
  double      weights[MLR_CONV_MAX_KERNEL * MLR_CONV_MAX_KERNEL];
} MlrConvKernel;

GQuark         mlr_conv_error_quark   (void);

MlrConvGrid       *mlr_conv_grid_new           (guint            width,
                                       guint            height);
MlrConvGrid       *mlr_conv_grid_copy          (const MlrConvGrid   *grid);
void           mlr_conv_grid_free          (MlrConvGrid         *grid);
void           mlr_conv_grid_range         (const MlrConvGrid   *grid,
                                       double          *min,
                                       double          *max,
                                       double          *mean);

gint64         mlr_conv_output_side   (gint64           n,
                                       gint64           k,
                                       gint64           stride,
                                       gint64           padding);
gboolean       mlr_conv_check         (guint            width,
                                       guint            height,
                                       guint            k,
                                       gint64           stride,
                                       gint64           padding,
                                       gboolean         pool,
                                       guint           *out_width,
                                       guint           *out_height,
                                       GError         **error);
gboolean       mlr_conv_check_kernel  (const double    *weights,
                                       guint            n_weights,
                                       guint           *size,
                                       GError         **error);
MlrConvGrid       *mlr_conv_correlate     (const MlrConvGrid   *input,
                                       const double    *kernel,
                                       guint            k,
                                       guint            stride,
                                       guint            padding,
                                       GError         **error);
double         mlr_conv_window        (const MlrConvGrid   *input,
                                       const double    *kernel,
                                       guint            k,
                                       guint            stride,
                                       guint            padding,
                                       guint            ox,
                                       guint            oy,
                                       double          *patch,
                                       double          *products);
void           mlr_conv_relu          (MlrConvGrid         *grid);
MlrConvGrid       *mlr_conv_max_pool2     (const MlrConvGrid   *input,
                                       GError         **error);
MlrConvGrid       *mlr_conv_run           (const MlrConvGrid   *input,
                                       const double    *kernel,
                                       guint            k,
                                       guint            stride,
                                       guint            padding,
                                       gboolean         relu,
                                       gboolean         pool,
                                       GError         **error);

const MlrConvKernel *mlr_conv_kernel_lookup (const char *id);
const char * const  *mlr_conv_kernel_ids    (void);

const char * const  *mlr_conv_image_ids     (void);
MlrConvGrid       *mlr_conv_image_new     (const char      *id);

double         mlr_conv_luminance     (double           r,
                                       double           g,
                                       double           b);
MlrConvGrid       *mlr_conv_grid_from_rgba     (const guint8    *pixels,
                                       guint            width,
                                       guint            height,
                                       gsize            rowstride,
                                       guint            n_channels,
                                       guint            max_side,
                                       GError         **error);
MlrConvGrid       *mlr_conv_grid_parse_csv     (const char      *name,
                                       const char      *text,
                                       gsize            length,
                                       GError         **error);
char          *mlr_conv_grid_format_csv    (const MlrConvGrid   *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrConvGrid, mlr_conv_grid_free)

G_END_DECLS
