/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-conv-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MAX_WEIGHTS (MLR_CONV_MAX_KERNEL * MLR_CONV_MAX_KERNEL)
#define MAX_DEMO_STRIDE 8
#define MAX_DEMO_PADDING 8

struct _MlrConvState
{
  /* the input */
  char    *image_id;       /* the built-in image, or the one shown before an opened picture */
  char    *own_name;       /* the opened picture's file name, or NULL */
  MlrConvGrid *input;
  /* the layer */
  char    *kernel_id;      /* a preset's id, or "custom" */
  guint    k;
  double   weights[MAX_WEIGHTS];
  guint    stride;
  guint    padding;
  gboolean relu;
  gboolean pool;
  /* what it makes */
  MlrConvGrid *feature;        /* the correlation, after the ReLU when on */
  MlrConvGrid *pooled;         /* its 2×2 max pooling, or NULL when off */
  gint64   want_x, want_y; /* the selection asked for (−1: the centre) */
  guint    sel_x, sel_y;   /* ... and where it is, inside the feature map */
};

static const char * const image_titles[] = {
  N_("Digit 4"), N_("Shapes"), N_("Checkerboard"), N_("Stripes"), N_("Gradient"), NULL
};

static const char * const kernel_choices[] = {
  "identity", "box", "gaussian", "gaussian5", "sharpen", "laplacian", "sobel-x", "sobel-y",
  "emboss", "custom", NULL
};
static const char * const kernel_titles[] = {
  N_("Identity"), N_("Box blur"), N_("Gaussian blur"), N_("Gaussian blur 5×5"), N_("Sharpen"),
  N_("Edges (Laplacian)"), N_("Sobel x"), N_("Sobel y"), N_("Emboss"), N_("Your own"), NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "image", .type = MLR_PARAM_CHOICE, .default_value = "digit",
    .choices = (const char * const[]) { "digit", "shapes", "checkerboard", "stripes",
                                        "gradient", NULL },
    .help = N_("The built-in 64×64 grey image the kernel slides over (“Open image…” in the "
               "menu takes your own)"),
    .label = N_("Image"), .choice_titles = image_titles },
  { .key = "kernel", .type = MLR_PARAM_CHOICE, .default_value = "sobel-x",
    .choices = kernel_choices,
    .help = N_("The weights the window multiplies the pixels by; “Your own” keeps the current "
               "weights for you to edit in the grid"),
    .label = N_("Kernel"), .choice_titles = kernel_titles },
  { .key = "weights", .type = MLR_PARAM_NUMBER_LIST, .default_value = "0,0,0,0,1,0,0,0,0",
    .min = -MLR_CONV_MAX_WEIGHT, .max = MLR_CONV_MAX_WEIGHT, .min_count = 9, .max_count = 25,
    .help = N_("The kernel's weights row by row, 9 (3×3) or 25 (5×5); used when the kernel is "
               "“Your own”"),
    .label = N_("Weights"), .ui = MLR_PARAM_UI_NONE },
  { .key = "stride", .type = MLR_PARAM_INT, .default_value = "1", .min = 1,
    .max = MAX_DEMO_STRIDE,
    .help = N_("How many pixels the window moves between outputs; stride 2 halves each side"),
    .label = N_("Stride"), .row = 1 },
  { .key = "padding", .type = MLR_PARAM_INT, .default_value = "0", .min = 0,
    .max = MAX_DEMO_PADDING,
    .help = N_("Rings of zeros added around the image, so the window can centre on the edge "
               "pixels; padding (k − 1) / 2 keeps the size"),
    .label = N_("Padding"), .row = 1 },
  { .key = "relu", .type = MLR_PARAM_BOOL, .default_value = "false",
    .help = N_("Set negative outputs to 0, as a CNN's ReLU does after a convolution"),
    .label = N_("ReLU"), .row = 1 },
  { .key = "pool", .type = MLR_PARAM_BOOL, .default_value = "false",
    .help = N_("2×2 max pooling with stride 2: keep the largest of each 2×2 block"),
    .label = N_("Max pool"), .row = 1 },
  { .key = "x", .type = MLR_PARAM_INT, .default_value = "-1", .min = -1, .max = 4095,
    .help = N_("Column of the selected output pixel (before pooling), from 0; −1 = the centre"),
    .label = N_("Column"), .ui = MLR_PARAM_UI_NONE },
  { .key = "y", .type = MLR_PARAM_INT, .default_value = "-1", .min = -1, .max = 4095,
    .help = N_("Row of the selected output pixel (before pooling), from 0; −1 = the centre"),
    .label = N_("Row"), .ui = MLR_PARAM_UI_NONE },
};

static const char * const metric_names[] = {
  "out_width", "out_height", "min", "max", "mean", NULL
};

const MlrParamSpec *
mlr_conv_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_conv_state_metric_names (void)
{
  return metric_names;
}

/* The weights of @params (a preset's, or the list for "custom") into @weights, checked. */
static gboolean
read_kernel (const MlrParams  *params,
             guint            *k,
             double           *weights,
             GError          **error)
{
  const char *id = mlr_params_get_string (params, "kernel");
  const MlrConvKernel *preset = mlr_conv_kernel_lookup (id);
  double w[MAX_WEIGHTS + 1];
  guint n;

  if (preset != NULL)
    {
      *k = preset->size;
      memcpy (weights, preset->weights, sizeof (double) * preset->size * preset->size);
      return TRUE;
    }
  n = mlr_params_get_doubles (params, "weights", w, G_N_ELEMENTS (w));
  if (!mlr_conv_check_kernel (w, n, k, error))
    {
      g_prefix_error (error, "weights: ");
      return FALSE;
    }
  memcpy (weights, w, sizeof (double) * n);
  return TRUE;
}

/* The feature map (and pooled map) for the current input and layer, the selection kept
 * inside it. The parameter ranges and the opened pictures' minimum size (5×5) keep the
 * output at least 2×2, so this does not fail for a state that exists. */
static gboolean
recompute (MlrConvState  *self,
           GError       **error)
{
  g_autoptr(MlrConvGrid) feature = NULL;
  g_autoptr(MlrConvGrid) pooled = NULL;

  feature = mlr_conv_correlate (self->input, self->weights, self->k, self->stride,
                                self->padding, error);
  if (feature == NULL)
    return FALSE;
  if (self->relu)
    mlr_conv_relu (feature);
  if (self->pool && (pooled = mlr_conv_max_pool2 (feature, error)) == NULL)
    return FALSE;
  g_clear_pointer (&self->feature, mlr_conv_grid_free);
  g_clear_pointer (&self->pooled, mlr_conv_grid_free);
  self->feature = g_steal_pointer (&feature);
  self->pooled = g_steal_pointer (&pooled);
  return TRUE;
}

static void
place_selection (MlrConvState *self)
{
  guint w = self->feature->width, h = self->feature->height;

  self->sel_x = self->want_x < 0 ? w / 2 : (guint) MIN (self->want_x, (gint64) w - 1);
  self->sel_y = self->want_y < 0 ? h / 2 : (guint) MIN (self->want_y, (gint64) h - 1);
}

/**
 * mlr_conv_state_new:
 * The demo for @params: the built-in image, the kernel (a preset, or the weights when kernel
 * is "custom"), stride, padding, ReLU, pooling and the selected pixel.
 */
MlrConvState *
mlr_conv_state_new (const MlrParams  *params,
                    GError          **error)
{
  g_autoptr(MlrConvState) self = g_new0 (MlrConvState, 1);

  if (!read_kernel (params, &self->k, self->weights, error))
    return NULL;
  self->image_id = g_strdup (mlr_params_get_string (params, "image"));
  self->input = mlr_conv_image_new (self->image_id);
  self->kernel_id = g_strdup (mlr_params_get_string (params, "kernel"));
  self->stride = (guint) CLAMP (mlr_params_get_int (params, "stride"), 1, MAX_DEMO_STRIDE);
  self->padding = (guint) CLAMP (mlr_params_get_int (params, "padding"), 0, MAX_DEMO_PADDING);
  self->relu = mlr_params_get_bool (params, "relu");
  self->pool = mlr_params_get_bool (params, "pool");
  self->want_x = mlr_params_get_int (params, "x");
  self->want_y = mlr_params_get_int (params, "y");
  if (self->input == NULL)
    {
      g_set_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE,
                   "image: unknown image “%s”", self->image_id);
      return NULL;
    }
  if (!recompute (self, error))
    return NULL;
  place_selection (self);
  return g_steal_pointer (&self);
}

/* The weights of a custom kernel are 9 or 25; every other combination the table takes
 * works on a 64×64 image. */
gboolean
mlr_conv_state_check (const MlrParams  *params,
                      GError          **error)
{
  double weights[MAX_WEIGHTS];
  guint k;

  return read_kernel (params, &k, weights, error);
}

void
mlr_conv_state_free (MlrConvState *self)
{
  if (self == NULL)
    return;
  g_free (self->image_id);
  g_free (self->own_name);
  g_free (self->kernel_id);
  mlr_conv_grid_free (self->input);
  mlr_conv_grid_free (self->feature);
  mlr_conv_grid_free (self->pooled);
  g_free (self);
}

static char *
format_weights (const MlrConvState *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->k * self->k; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* the shortest form that reads back: 0.0625, not 0.062500000000000000 */
      for (int d = 1; d <= 17; d++)
        {
          char f[8];
          g_snprintf (f, sizeof f, "%%.%dg", d);
          g_ascii_formatd (buf, sizeof buf, f, self->weights[i] + 0.0);
          if (g_ascii_strtod (buf, NULL) == self->weights[i])
            break;
        }
      g_string_append_printf (s, "%s%s", i ? "," : "", buf);
    }
  return g_string_free (s, FALSE);
}

/* The kernel, its weights and the selection as the state holds them (a preset's weights, the
 * selection clamped to the map). */
void
mlr_conv_state_read_params (const MlrConvState *self,
                            MlrParams          *params)
{
  g_autofree char *weights = format_weights (self);
  g_autofree char *x = g_strdup_printf ("%u", self->sel_x);
  g_autofree char *y = g_strdup_printf ("%u", self->sel_y);

  mlr_params_set (params, "kernel", self->kernel_id, NULL);
  mlr_params_set (params, "weights", weights, NULL);
  if (self->want_x >= 0 || mlr_params_get_int (params, "x") >= 0)
    mlr_params_set (params, "x", x, NULL);
  if (self->want_y >= 0 || mlr_params_get_int (params, "y") >= 0)
    mlr_params_set (params, "y", y, NULL);
}

/**
 * mlr_conv_state_apply_param:
 * Applies @key of @params. A preset kernel brings its weights; "custom" keeps the weights the
 * kernel has; new weights make the kernel "custom". A built-in image replaces an opened one.
 */
gboolean
mlr_conv_state_apply_param (MlrConvState     *self,
                            const MlrParams  *params,
                            const char       *key,
                            GError          **error)
{
  if (g_str_equal (key, "x") || g_str_equal (key, "y"))
    {
      self->want_x = mlr_params_get_int (params, "x");
      self->want_y = mlr_params_get_int (params, "y");
      place_selection (self);
      return TRUE;
    }
  if (g_str_equal (key, "image"))
    {
      MlrConvGrid *input = mlr_conv_image_new (mlr_params_get_string (params, "image"));

      if (input == NULL)
        return FALSE;
      g_free (self->image_id);
      self->image_id = g_strdup (mlr_params_get_string (params, "image"));
      g_clear_pointer (&self->own_name, g_free);
      mlr_conv_grid_free (self->input);
      self->input = input;
    }
  else if (g_str_equal (key, "kernel"))
    {
      const char *id = mlr_params_get_string (params, "kernel");
      const MlrConvKernel *preset = mlr_conv_kernel_lookup (id);

      if (preset != NULL)
        {
          self->k = preset->size;
          memcpy (self->weights, preset->weights, sizeof (double) * self->k * self->k);
        }
      g_free (self->kernel_id);
      self->kernel_id = g_strdup (id);
    }
  else if (g_str_equal (key, "weights"))
    {
      double w[MAX_WEIGHTS + 1];
      guint n = mlr_params_get_doubles (params, "weights", w, G_N_ELEMENTS (w)), k;

      if (!mlr_conv_check_kernel (w, n, &k, error))
        {
          g_prefix_error (error, "weights: ");
          return FALSE;
        }
      self->k = k;
      memcpy (self->weights, w, sizeof (double) * n);
      g_free (self->kernel_id);
      self->kernel_id = g_strdup ("custom");
    }
  else if (g_str_equal (key, "stride"))
    self->stride = (guint) CLAMP (mlr_params_get_int (params, "stride"), 1, MAX_DEMO_STRIDE);
  else if (g_str_equal (key, "padding"))
    self->padding = (guint) CLAMP (mlr_params_get_int (params, "padding"), 0,
                                   MAX_DEMO_PADDING);
  else if (g_str_equal (key, "relu"))
    self->relu = mlr_params_get_bool (params, "relu");
  else if (g_str_equal (key, "pool"))
    self->pool = mlr_params_get_bool (params, "pool");
  else
    return FALSE;
  if (!recompute (self, error))
    return FALSE;
  place_selection (self);
  return TRUE;
}

/**
 * mlr_conv_state_set_image:
 * Shows @image (a copy; values in [0, 1], at least 5×5 so every kernel fits) in place of the
 * built-in one; @name is what the picture calls it (the file's name).
 */
gboolean
mlr_conv_state_set_image (MlrConvState   *self,
                          const MlrConvGrid  *image,
                          const char     *name,
                          GError        **error)
{
  MlrConvGrid *old = self->input;

  if (image->width < MLR_CONV_MAX_KERNEL || image->height < MLR_CONV_MAX_KERNEL)
    {
      g_set_error (error, MLR_CONV_ERROR, MLR_CONV_ERROR_EMPTY,
                   _("the picture is %u×%u pixels, and the demo needs at least %d×%d"),
                   image->width, image->height, MLR_CONV_MAX_KERNEL, MLR_CONV_MAX_KERNEL);
      return FALSE;
    }
  self->input = mlr_conv_grid_copy (image);
  if (!recompute (self, error))
    {
      mlr_conv_grid_free (self->input);
      self->input = old;
      return FALSE;
    }
  mlr_conv_grid_free (old);
  g_free (self->own_name);
  self->own_name = g_strdup (name);
  place_selection (self);
  return TRUE;
}

const MlrConvGrid *
mlr_conv_state_get_input (const MlrConvState *self)
{
  return self->input;
}

const char *
mlr_conv_state_get_image_id (const MlrConvState *self)
{
  return self->image_id;
}

/* The opened picture's name, or NULL while a built-in image shows. */
const char *
mlr_conv_state_get_own_name (const MlrConvState *self)
{
  return self->own_name;
}

/* The feature map: the correlation, after the ReLU when it is on, before pooling. */
const MlrConvGrid *
mlr_conv_state_get_feature (const MlrConvState *self)
{
  return self->feature;
}

/* The pooled map, or NULL when pooling is off. */
const MlrConvGrid *
mlr_conv_state_get_pooled (const MlrConvState *self)
{
  return self->pooled;
}

/* What the layer outputs: the pooled map when pooling is on, else the feature map. */
const MlrConvGrid *
mlr_conv_state_get_output (const MlrConvState *self)
{
  return self->pooled ? self->pooled : self->feature;
}

const char *
mlr_conv_state_get_kernel_id (const MlrConvState *self)
{
  return self->kernel_id;
}

const double *
mlr_conv_state_get_weights (const MlrConvState *self,
                            guint              *size)
{
  *size = self->k;
  return self->weights;
}

guint
mlr_conv_state_get_stride (const MlrConvState *self)
{
  return self->stride;
}

guint
mlr_conv_state_get_padding (const MlrConvState *self)
{
  return self->padding;
}

gboolean
mlr_conv_state_get_relu (const MlrConvState *self)
{
  return self->relu;
}

gboolean
mlr_conv_state_get_pool (const MlrConvState *self)
{
  return self->pool;
}

/* The selected pixel of the feature map (column @x, row @y, from 0). */
void
mlr_conv_state_get_selection (const MlrConvState *self,
                              guint              *x,
                              guint              *y)
{
  *x = self->sel_x;
  *y = self->sel_y;
}

/* The multiply–add of the selected pixel (see mlr_conv_window()); the sum before the ReLU. */
double
mlr_conv_state_window (const MlrConvState *self,
                       double             *patch,
                       double             *products)
{
  return mlr_conv_window (self->input, self->weights, self->k, self->stride, self->padding,
                          self->sel_x, self->sel_y, patch, products);
}

/**
 * mlr_conv_state_collect_metrics:
 * The size of the layer's output (pooled when pooling is on) and its smallest, largest and
 * mean value.
 */
void
mlr_conv_state_collect_metrics (const MlrConvState *self,
                                MlrMetricFunc       func,
                                gpointer            user_data)
{
  const MlrConvGrid *out = mlr_conv_state_get_output (self);
  double lo, hi, mean;

  mlr_conv_grid_range (out, &lo, &hi, &mean);
  func ("out_width", g_variant_new_double (out->width), user_data);
  func ("out_height", g_variant_new_double (out->height), user_data);
  func ("min", g_variant_new_double (lo), user_data);
  func ("max", g_variant_new_double (hi), user_data);
  func ("mean", g_variant_new_double (mean), user_data);
}
