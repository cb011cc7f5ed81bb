/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli convolve --input IMAGE|M.csv --kernel NAME|v1,v2,... [--stride S]
 *     [--padding P] [--relu] [--pool max2] [--max-side N] [-o OUT.csv]
 *
 * One convolution layer as the convolution demo computes it: cross-correlation (the kernel
 * not flipped, as torch.nn.functional.conv2d) over zero padding with a stride, then an
 * optional ReLU and 2×2 max pooling. Writes the output matrix as CSV.
 */
#include "config.h"

#include "mlr-cli.h"

#include <math.h>
#include <string.h>

#include "ml/mlr-conv.h"

#include "mlr-cli-draw.h"

#define COMMAND "convolve"

static char *
kernel_list (void)
{
  return g_strjoinv (", ", (char **) mlr_conv_kernel_ids ());
}

/* A preset's name or 9 / 25 comma-separated numbers. */
static gboolean
parse_kernel (const char *text,
              double     *weights,
              guint      *k,
              int        *exit_code)
{
  const MlrConvKernel *preset = mlr_conv_kernel_lookup (text);
  g_auto(GStrv) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = kernel_list ();
  guint n;

  if (preset != NULL)
    {
      *k = preset->size;
      memcpy (weights, preset->weights, sizeof (double) * preset->size * preset->size);
      return TRUE;
    }
  items = g_strsplit (text, ",", -1);
  n = g_strv_length (items);
  if (n != 9 && n != 25)
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "--kernel “%s”: not a preset (%s) and not 9 "
                                        "(3×3) or 25 (5×5) comma-separated weights (%u given)",
                                        text, names, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      char *item = g_strstrip (items[i]), *end = NULL;
      weights[i] = g_ascii_strtod (item, &end);
      if (*item == '\0' || end == item || *end != '\0')
        {
          *exit_code = mlr_cli_usage_error (COMMAND, "--kernel: weight %u “%s” is not a "
                                            "number", i + 1, item);
          return FALSE;
        }
    }
  if (!mlr_conv_check_kernel (weights, n, k, &error))
    {
      *exit_code = mlr_cli_usage_error (COMMAND, "--kernel: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
mlr_cli_convolve (int    argc,
                  char **argv)
{
  g_autofree char *input = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *pool = NULL;
  g_autofree char *output = NULL;
  gint64 stride = 1, padding = 0, max_side = 0;
  gboolean relu = FALSE;
  GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input,
      "A picture (PNG, JPEG, any format gdk-pixbuf reads; grey = 0.2126 R + 0.7152 G + "
      "0.0722 B of the sRGB values in [0, 1]) or a numeric matrix as CSV (.csv, no header)",
      "IMAGE|M.csv" },
    { "kernel", 0, 0, G_OPTION_ARG_STRING, &kernel,
      "A preset (identity, box, gaussian, gaussian5, sharpen, laplacian, sobel-x, sobel-y, "
      "emboss) or 9 / 25 weights row by row", "NAME|v1,v2,..." },
    { "stride", 0, 0, G_OPTION_ARG_INT64, &stride, "Step of the window, 1 to 64 (default 1)",
      "S" },
    { "padding", 0, 0, G_OPTION_ARG_INT64, &padding,
      "Rings of zeros around the input, 0 to 64 (default 0)", "P" },
    { "relu", 0, 0, G_OPTION_ARG_NONE, &relu, "Set negative outputs to 0", NULL },
    { "pool", 0, 0, G_OPTION_ARG_STRING, &pool,
      "max2: 2×2 max pooling with stride 2 after the ReLU", "max2" },
    { "max-side", 0, 0, G_OPTION_ARG_INT64, &max_side,
      "Scale a picture down (area averaging) so its longer side is at most N pixels; the "
      "app uses 128 (default 0: full size, at most 2048×2048 pixels)", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the CSV here (atomically) instead of to standard output", "OUT.csv" },
    { NULL }
  };
  g_autoptr(MlrConvGrid) grid = NULL;
  g_autoptr(MlrConvGrid) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  double weights[25];
  guint k = 0;
  int exit_code;

  if (!mlr_cli_parse_options (COMMAND, NULL,
                              "Slide a kernel over a picture or a matrix (cross-correlation, "
                              "as torch.nn.functional.conv2d)\nand write the output matrix as "
                              "CSV: out[y][x] = sum_ij w[i][j] in[y*s+i-p][x*s+j-p],\n"
                              "floor((n + 2p - k) / s) + 1 values per side.",
                              entries, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return mlr_cli_usage_error (COMMAND, "unexpected argument “%s” (see --help)", argv[1]);
  if (input == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --input IMAGE or --input M.csv");
  if (kernel == NULL)
    return mlr_cli_usage_error (COMMAND, "missing --kernel NAME or --kernel v1,v2,... (9 or "
                                "25 weights)");
  if (!parse_kernel (kernel, weights, &k, &exit_code))
    return exit_code;
  if (stride < 1 || stride > MLR_CONV_MAX_STRIDE)
    return mlr_cli_usage_error (COMMAND, "--stride %" G_GINT64_FORMAT ": it must be an integer "
                                "from 1 to %d", stride, MLR_CONV_MAX_STRIDE);
  if (padding < 0 || padding > MLR_CONV_MAX_PADDING)
    return mlr_cli_usage_error (COMMAND, "--padding %" G_GINT64_FORMAT ": it must be an "
                                "integer from 0 to %d", padding, MLR_CONV_MAX_PADDING);
  if (pool != NULL && !g_str_equal (pool, "max2"))
    return mlr_cli_usage_error (COMMAND, "--pool “%s”: the only pooling is max2 (2×2 max "
                                "pooling, stride 2)", pool);
  if (max_side < 0 || max_side > MLR_CONV_MAX_SIDE)
    return mlr_cli_usage_error (COMMAND, "--max-side %" G_GINT64_FORMAT ": it must be from 0 "
                                "(full size) to %d", max_side, MLR_CONV_MAX_SIDE);

  if (g_str_has_suffix (input, ".csv") || g_str_has_suffix (input, ".CSV"))
    {
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autofree char *name = g_filename_display_name (input);

      if (!g_file_get_contents (input, &text, &len, &error))
        return mlr_cli_data_error (COMMAND, "%s", error->message);
      grid = mlr_conv_grid_parse_csv (name, text, len, &error);
    }
  else
    grid = mlr_cli_read_picture (input, (guint) max_side, &error);
  if (grid == NULL)
    return mlr_cli_data_error (COMMAND, "%s", error->message);

  result = mlr_conv_run (grid, weights, k, (guint) stride, (guint) padding, relu, pool != NULL,
                         &error);
  if (result == NULL)
    return mlr_cli_usage_error (COMMAND, "%s", error->message);
  csv = mlr_conv_grid_format_csv (result);
  if (!mlr_cli_write_output (output, csv, strlen (csv), &error))
    return mlr_cli_data_error (COMMAND, "%s", error->message);
  return MLR_CLI_EXIT_OK;
}
