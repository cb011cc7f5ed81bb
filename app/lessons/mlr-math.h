/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-math: the LaTeX subset lessons write formulas in (issue 13), parsed into a tree that the
 * painters lay out and draw and the views read aloud. No GTK, no Pango: the tree says what a
 * formula is, not where its parts go.
 *
 *   \frac{\partial L}{\partial w} = \sum_{i=1}^{n} (\hat y_i - y_i)\, x_i
 *
 * The subset: letters, digits and operators; Greek and the usual symbols, relations and
 * arrows as commands (\alpha, \le, \to, \nabla, \partial, \infty, \top, \cdot ...) or typed
 * as Unicode; groups { }; sub- and superscripts _ ^ and primes '; \frac \dfrac \tfrac \sqrt[n];
 * big operators with limits (\sum \prod \int \min \max \argmin \argmax \lim ...); accents
 * (\hat \bar \tilde \vec \dot \ddot \widehat \overline); fonts (\mathbb \mathbf \mathrm
 * \mathcal \boldsymbol); \text{} and \operatorname{}; delimiters that grow (\left( ... \right),
 * norms \| and \lVert ...\rVert); environments matrix, pmatrix, bmatrix, vmatrix, cases and
 * aligned with & and \\; spacing \, \: \; \! \quad \qquad.
 *
 * A formula that is not in the subset is an error with the byte offset it starts at and a
 * sentence an author understands ("unknown command \frc — did you mean \frac?"). Parsing is
 * linear in the formula's length and nests at most MLR_MATH_MAX_DEPTH deep.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_MATH_ERROR (mlr_math_error_quark ())
#define MLR_MATH_MAX_DEPTH 64
#define MLR_MATH_MAX_LENGTH (256 * 1024)

typedef enum {
  MLR_MATH_ERROR_SYNTAX,           /* unbalanced braces, a script with nothing to attach ... */
  MLR_MATH_ERROR_UNKNOWN_COMMAND,  /* \frc */
  MLR_MATH_ERROR_TOO_DEEP,
  MLR_MATH_ERROR_TOO_LONG,
  MLR_MATH_ERROR_ENCODING,
} MlrMathError;

typedef enum {
  MLR_MATH_ROW,       /* kids: the items in order */
  MLR_MATH_SYMBOL,    /* text: a letter, a number, an operator, a Greek letter ... */
  MLR_MATH_TEXT,      /* text: upright words (\text, \operatorname) */
  MLR_MATH_FRAC,      /* kids: numerator, denominator */
  MLR_MATH_SQRT,      /* kids: radicand, index (or NULL) */
  MLR_MATH_SCRIPTS,   /* kids: base, subscript (or NULL), superscript (or NULL) */
  MLR_MATH_ACCENT,    /* text: the accent mark (ˆ ¯ ˜ → ˙ ¨); kids: the body */
  MLR_MATH_FENCED,    /* text, text2: the delimiters ("" for \left. or \right.); kids: body */
  MLR_MATH_FONT,      /* font; kids: the body */
  MLR_MATH_TABLE,     /* env; n_rows × n_cols cells, row-major in kids (ROWs, short rows
                       * padded with empty ROWs) */
  MLR_MATH_SPACE,     /* space: the width in mu (1/18 em); negative for \! */
} MlrMathKind;

/* TeX's atom classes, which decide the spacing between neighbours. */
typedef enum {
  MLR_MATH_ORD,
  MLR_MATH_OP,      /* big operators and function names: \sum, \log */
  MLR_MATH_BIN,     /* + − · × ± */
  MLR_MATH_REL,     /* = < ≤ → ∈ */
  MLR_MATH_OPEN,
  MLR_MATH_CLOSE,
  MLR_MATH_PUNCT,
  MLR_MATH_INNER,   /* fractions and fenced groups */
} MlrMathClass;

typedef enum {
  MLR_MATH_FONT_DEFAULT,   /* letters italic, the rest upright */
  MLR_MATH_FONT_ROMAN,     /* \mathrm */
  MLR_MATH_FONT_BOLD,      /* \mathbf, \boldsymbol, \bm */
  MLR_MATH_FONT_BLACKBOARD,/* \mathbb */
  MLR_MATH_FONT_CALLIGRAPHIC,
} MlrMathFont;

typedef enum {
  MLR_MATH_ENV_MATRIX,
  MLR_MATH_ENV_PMATRIX,
  MLR_MATH_ENV_BMATRIX,
  MLR_MATH_ENV_VMATRIX,
  MLR_MATH_ENV_CASES,
  MLR_MATH_ENV_ALIGNED,
} MlrMathEnv;

typedef enum {
  MLR_MATH_FRAC_AUTO,      /* \frac: the style of where it is */
  MLR_MATH_FRAC_DISPLAY,   /* \dfrac */
  MLR_MATH_FRAC_TEXT,      /* \tfrac */
} MlrMathFracStyle;

typedef struct _MlrMathNode MlrMathNode;

struct _MlrMathNode
{
  MlrMathKind   kind;
  MlrMathClass  cls;
  char         *text;
  char         *text2;
  GPtrArray    *kids;       /* MlrMathNode*, entries may be NULL where the kind says */
  MlrMathFont   font;
  MlrMathEnv    env;
  MlrMathFracStyle frac_style;
  guint         n_rows, n_cols;
  int           space;      /* SPACE: mu */
  gboolean      limits;     /* SYMBOL or TEXT of class OP: limits above and below in display */
  gboolean      number;     /* SYMBOL: digits (upright, one unit) */
  gboolean      braced;     /* ROW: written as { }, which TeX sets as one ordinary atom:
                             * 21{,}900 has no space after the comma */
  gsize         offset;     /* where it starts in the source, in bytes */
};

GQuark        mlr_math_error_quark (void);
MlrMathNode  *mlr_math_parse       (const char         *tex,
                                    gsize              *error_offset,
                                    GError            **error);
void          mlr_math_node_free   (MlrMathNode        *node);
char         *mlr_math_speak       (const MlrMathNode  *node);
char         *mlr_math_dump        (const MlrMathNode  *node);
const char   *mlr_math_suggest_command (const char     *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrMathNode, mlr_math_node_free)

G_END_DECLS
