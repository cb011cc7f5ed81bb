/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-expr: the small language of challenge goals, e.g.
 *
 *   dataset == 'spiral' and hidden_units <= 8 and test_accuracy >= 0.9
 *   det ~= -2 and a ~= 1 and c ~= 1
 *
 * Numbers, 'strings', names of the demo's metrics, comparisons (< <= > >= == != and ~=, which
 * allows a difference of 0.01), `and`, `or`, `not` and parentheses. Parsed once when the lesson
 * loads (so a typo is a FILE:LINE:COL error), evaluated whenever the demo's metrics change.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_EXPR_ERROR (mlr_expr_error_quark ())

typedef enum {
  MLR_EXPR_ERROR_SYNTAX,
  MLR_EXPR_ERROR_UNKNOWN_NAME,
  MLR_EXPR_ERROR_TYPE,
} MlrExprError;

typedef struct _MlrExpr MlrExpr;

/* Looks up a metric: returns a number, a string, or NULL when the demo has no value (yet). */
typedef GVariant *(*MlrExprLookup) (const char *name,
                                    gpointer    user_data);

GQuark    mlr_expr_error_quark (void);
MlrExpr  *mlr_expr_parse       (const char         *text,
                                const char * const *names,
                                GError            **error);
void      mlr_expr_free        (MlrExpr            *expr);
gboolean  mlr_expr_eval        (const MlrExpr      *expr,
                                MlrExprLookup       lookup,
                                gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrExpr, mlr_expr_free)

G_END_DECLS
