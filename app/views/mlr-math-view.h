/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrMathView: one display formula, typeset by painters/mlr-math-painter at the size of the
 * text around it (so it follows the text-size preference) in the text's colour (so it follows
 * the dark style). It is focusable, reads as its spoken form to screen readers, and copies as
 * LaTeX (context menu, Shift+F10 or the Menu key, Ctrl+C). Its natural width is the formula's:
 * put it in a horizontal GtkScrolledWindow (mlr_math_view_new_scrolled) so a long one
 * scrolls instead of widening the page.
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-math.h"

G_BEGIN_DECLS

#define MLR_TYPE_MATH_VIEW (mlr_math_view_get_type ())
G_DECLARE_FINAL_TYPE (MlrMathView, mlr_math_view, MLR, MATH_VIEW, GtkWidget)

GtkWidget   *mlr_math_view_new          (const char  *tex);
GtkWidget   *mlr_math_view_new_scrolled (const char  *tex,
                                         MlrMathView **view);
const char  *mlr_math_view_get_tex      (MlrMathView *self);
const char  *mlr_math_view_get_spoken   (MlrMathView *self);
gboolean     mlr_math_view_is_valid     (MlrMathView *self);
void         mlr_math_view_copy         (MlrMathView *self);

G_END_DECLS
