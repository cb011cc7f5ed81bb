/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-params: typed KEY=VALUE parameters with ranges, shared by lesson <demo> attributes,
 * `ml-roadmap-cli --set KEY=VALUE` and the demos. A table of MlrParamSpec describes what a
 * consumer accepts; MlrParams holds the values that were given and answers typed lookups,
 * falling back to the table's defaults.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MLR_PARAMS_ERROR (mlr_params_error_quark ())

typedef enum {
  MLR_PARAMS_ERROR_UNKNOWN_KEY,
  MLR_PARAMS_ERROR_INVALID_VALUE,
} MlrParamsError;

typedef enum {
  MLR_PARAM_NUMBER,       /* a finite double within [min, max] */
  MLR_PARAM_INT,          /* an integer within [min, max] */
  MLR_PARAM_BOOL,         /* true/false, yes/no, on/off, 1/0 */
  MLR_PARAM_CHOICE,       /* one of choices[] */
  MLR_PARAM_CHOICE_LIST,  /* comma-separated, each one of choices[], min_count..max_count items */
  MLR_PARAM_NUMBER_LIST,  /* comma-separated doubles, each within [min, max] */
  MLR_PARAM_INT_LIST,     /* comma-separated integers, each within [min, max] */
  MLR_PARAM_TEXT,         /* free text (UTF-8, no control characters but tab), kept as given: a
                           * sentence the learner types; no generic control */
} MlrParamType;

/* How a demo shows a parameter as a control (see demos/mlr-demo-controls.c). */
typedef enum {
  MLR_PARAM_UI_AUTO,     /* choice: a drop-down; int/number: a spin button; bool: a switch;
                          * choice list: a toggle button per choice; other lists: none */
  MLR_PARAM_UI_SLIDER,   /* a scale over [ui_min, ui_max] with the value beside it */
  MLR_PARAM_UI_LOG,      /* a scale over log10 of the value, [ui_min, ui_max] > 0; what it
                          * sets is rounded to two significant digits */
  MLR_PARAM_UI_LOG1M,    /* a scale over −log10 (1 − value), for decay rates near 1 (Adam's
                          * β₂ from 0.9 to 0.99999), [ui_min, ui_max] in [0, 1) */
  MLR_PARAM_UI_NONE,     /* no control: set by the lesson, the command line or the canvas */
} MlrParamUi;

/* One accepted key. `default_value` is a string in the same syntax as a given value, or NULL
 * when the default depends on other parameters (the consumer documents and computes it).
 * `special` is an extra literal word accepted besides the typed value (e.g. "scale" for SVM
 * gamma, "none" for an unlimited tree depth), or NULL.
 *
 * The rest says how a demo shows the key as a control (all optional; words are marked N_()
 * and translated where they are shown): `label` is short, `help` doubles as its tooltip;
 * `choice_titles` are what a drop-down or toggle shows for each of `choices`, `choice_help`
 * their tooltips; `ui`, with `ui_min`/`ui_max`/`ui_step` when the control covers less than
 * the valid range (0, 0: [min, max]); `digits` of the value shown beside a slider (0: three
 * significant digits); `special_label` names a check button that selects the special word
 * (gamma's “Auto”), or, when NULL, the special word shows as the control's minimum
 * (max_depth 0 = “none”); `row` is the line of the control panel the control goes on (0
 * first) and `more` puts it in the demo's “More settings” menu instead. */
typedef struct {
  const char         *key;
  MlrParamType        type;
  const char         *default_value;
  double              min;
  double              max;
  const char * const *choices;
  guint               min_count;
  guint               max_count;
  const char         *special;
  const char         *help;
  const char         *label;
  const char * const *choice_titles;
  const char * const *choice_help;
  MlrParamUi          ui;
  double              ui_min;
  double              ui_max;
  double              ui_step;
  int                 digits;
  const char         *special_label;
  guint               row;
  gboolean            more;
} MlrParamSpec;

GQuark              mlr_params_error_quark   (void);

const MlrParamSpec *mlr_param_spec_lookup    (const MlrParamSpec *specs,
                                              guint               n_specs,
                                              const char         *key);
gboolean            mlr_param_spec_check     (const MlrParamSpec *spec,
                                              const char         *value,
                                              GError            **error);
char               *mlr_param_spec_describe  (const MlrParamSpec *spec);
char               *mlr_param_spec_list_keys (const MlrParamSpec *specs,
                                              guint               n_specs);

typedef struct _MlrParams MlrParams;

MlrParams          *mlr_params_new           (const MlrParamSpec *specs,
                                              guint               n_specs);
void                mlr_params_free          (MlrParams          *params);
MlrParams          *mlr_params_copy          (const MlrParams    *params);
gboolean            mlr_params_set           (MlrParams          *params,
                                              const char         *key,
                                              const char         *value,
                                              GError            **error);
void                mlr_params_unset         (MlrParams          *params,
                                              const char         *key);
gboolean            mlr_params_equal_value   (const MlrParams    *a,
                                              const MlrParams    *b,
                                              const char         *key);
char               *mlr_params_to_string     (const MlrParams    *params);
gboolean            mlr_params_parse_assignment (MlrParams       *params,
                                              const char         *key_equals_value,
                                              GError            **error);
gboolean            mlr_params_has           (const MlrParams    *params,
                                              const char         *key);
const char         *mlr_params_get_string    (const MlrParams    *params,
                                              const char         *key);
gboolean            mlr_params_is_special    (const MlrParams    *params,
                                              const char         *key);
double              mlr_params_get_double    (const MlrParams    *params,
                                              const char         *key);
gint64              mlr_params_get_int       (const MlrParams    *params,
                                              const char         *key);
gboolean            mlr_params_get_bool      (const MlrParams    *params,
                                              const char         *key);
guint               mlr_params_get_doubles   (const MlrParams    *params,
                                              const char         *key,
                                              double             *out,
                                              guint               max_out);
gboolean            mlr_params_list_contains (const MlrParams    *params,
                                              const char         *key,
                                              const char         *choice);
const MlrParamSpec *mlr_params_get_specs     (const MlrParams    *params,
                                              guint              *n_specs);
const MlrParamSpec *mlr_params_lookup_spec   (const MlrParams    *params,
                                              const char         *key);
int                 mlr_param_spec_choice_index (const MlrParamSpec *spec,
                                              const char         *value);
double              mlr_param_round_significant (double             value,
                                              int                digits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrParams, mlr_params_free)

G_END_DECLS
