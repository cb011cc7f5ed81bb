/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ml-roadmap-cli is two executables, as git is a command and its libexec helpers. The one on
 * PATH links only the numeric core (app/ml, the lessons layer's formula parser, GLib, libm), so
 * the commands people time against NumPy start in a millisecond or two. What draws (cairo,
 * Pango, gdk-pixbuf) or reads the demo registry (which holds the painters) is in
 * ml-roadmap-cli-draw, installed in libexecdir: the commands validate, demos, render and
 * metrics, and the two steps below. ml-roadmap-cli-draw is built from every command's source
 * and behaves as ml-roadmap-cli does.
 *
 * In ml-roadmap-cli-draw these functions draw (mlr-cli-draw.c). In ml-roadmap-cli
 * (mlr-cli-exec.c) each of them, and each of those four commands, runs the whole command line
 * again in ml-roadmap-cli-draw, which parses and checks it with the same code and so prints the
 * same output, messages and exit status; they return only when it could not be started.
 */
#pragma once

#include <glib.h>

#include "lessons/mlr-math.h"
#include "ml/mlr-conv.h"

G_BEGIN_DECLS

/* `math -o FILE.png`: @formula drawn as the app draws it, @size pixels, on the light or dark
 * style's background. */
gboolean     mlr_cli_math_write_png (const MlrMathNode  *formula,
                                     const char         *path,
                                     double              size,
                                     gboolean            display,
                                     gboolean            dark,
                                     GError            **error);

/* `convolve --input IMAGE`: the picture's grey levels (mlr_conv_picture_load()). */
MlrConvGrid *mlr_cli_read_picture   (const char         *path,
                                     guint               max_side,
                                     GError            **error);

G_END_DECLS
