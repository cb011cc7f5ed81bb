/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-math-linear: a formula (mlr-math.h) written on one line, as a person types it in plain
 * text: ∂L/∂w = ∑_(i=1)^n (ŷ_i − y_i) x_i. Two forms from one walk:
 *
 *  - plain text, for search, word counts and `validate --stats`: Unicode symbols, scripts as
 *    _ and ^ (parenthesised when longer than one character), fractions as a/b;
 *  - Pango markup, for formulas inside running text (<m> in a label): letters in italic,
 *    <sub>/<sup> for scripts, fractions as a/b with parentheses where the reading needs them,
 *    √, accents as combining marks, \mathbb as double-struck letters, \text upright and
 *    matrices as rows separated by semicolons.
 *
 * No GTK and no Pango: the markup is only a string.
 */
#pragma once

#include <glib.h>

#include "mlr-math.h"

G_BEGIN_DECLS

char *mlr_math_to_plain  (const MlrMathNode *node);
char *mlr_math_to_markup (const MlrMathNode *node);

G_END_DECLS
