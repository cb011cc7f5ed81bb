/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-diagnostic: a problem found in a content file, with its location, in words a content
 * author can act on. Printed as FILE:LINE:COL: message (the format editors and compilers use).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  /* The file cannot be shown at all (not well-formed, wrong structure). */
  MLR_SEVERITY_ERROR,
  /* One part is broken (a missing image, a bad demo parameter); the rest of the page is fine
   * and the app shows a placeholder for that part. `validate` still fails on it. */
  MLR_SEVERITY_PART,
} MlrSeverity;

typedef struct {
  char        *file;
  guint        line;     /* 1-based; 0 when unknown */
  guint        column;   /* 1-based, in characters; 0 when unknown */
  MlrSeverity  severity;
  char        *message;
} MlrDiagnostic;

typedef struct {
  GPtrArray *items;  /* MlrDiagnostic* */
} MlrDiagnostics;

MlrDiagnostics *mlr_diagnostics_new       (void);
void            mlr_diagnostics_free      (MlrDiagnostics *diags);
void            mlr_diagnostics_add       (MlrDiagnostics *diags,
                                           const char     *file,
                                           guint           line,
                                           guint           column,
                                           MlrSeverity     severity,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (6, 7);
void            mlr_diagnostics_take_all  (MlrDiagnostics *diags,
                                           MlrDiagnostics *from);
guint           mlr_diagnostics_count     (const MlrDiagnostics *diags);
gboolean        mlr_diagnostics_has_errors (const MlrDiagnostics *diags);
const MlrDiagnostic *mlr_diagnostics_get  (const MlrDiagnostics *diags,
                                           guint           index);
char           *mlr_diagnostic_format     (const MlrDiagnostic *diag);
char           *mlr_diagnostics_format    (const MlrDiagnostics *diags,
                                           guint           max_items);
void            mlr_diagnostics_sort      (MlrDiagnostics *diags);

guint           mlr_edit_distance         (const char     *a,
                                           const char     *b,
                                           guint           cap);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrDiagnostics, mlr_diagnostics_free)

G_END_DECLS
