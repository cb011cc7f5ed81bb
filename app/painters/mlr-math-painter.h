/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-math-painter: lays out a formula (lessons/mlr-math.h) as TeX does, in simplified form,
 * and draws it with Pango and cairo, so the app, `render` and export share one picture.
 *
 * Boxes have a width, a height above the baseline and a depth below it. Atoms are spaced by
 * TeX's table of classes (thin, medium and thick spaces of 3, 4 and 5 mu; 1 mu = 1/18 em);
 * scripts are set at 70 % and 50 % of the size; fractions and big operators' limits stack in
 * display style; delimiters, radicals and matrices' brackets grow with what they hold. Glyphs
 * come from a math font (MLR_MATH_FONT_FAMILY: DejaVu Math TeX Gyre, Debian's
 * fonts-dejavu-extra) with Latin letters and lowercase Greek in math italic.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lessons/mlr-math.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

#define MLR_MATH_FONT_FAMILY "DejaVu Math TeX Gyre"

typedef struct _MlrMathBox MlrMathBox;

MlrMathBox *mlr_math_layout     (cairo_t           *cr,
                                 const MlrMathNode *formula,
                                 double             size,
                                 gboolean           display);
void        mlr_math_box_extents (const MlrMathBox *box,
                                  double           *width,
                                  double           *height,
                                  double           *depth);
void        mlr_math_box_draw   (cairo_t           *cr,
                                 const MlrMathBox  *box,
                                 double             x,
                                 double             baseline,
                                 const MlrColor    *color);
void        mlr_math_box_free   (MlrMathBox        *box);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrMathBox, mlr_math_box_free)

G_END_DECLS
