/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-conv-picture: a picture file (any format gdk-pixbuf reads) as the grey grid the
 * convolution demo and `ml-roadmap-cli convolve` work on. Decoding is gdk-pixbuf's; the grey
 * scale and the scaling down are ml/mlr-conv.c's (mlr_conv_grid_from_rgba()). No GTK.
 */
#pragma once

#include <glib.h>

#include "ml/mlr-conv.h"

G_BEGIN_DECLS

MlrConvGrid *mlr_conv_picture_load (const char  *path,
                                guint        max_side,
                                GError     **error);

G_END_DECLS
