/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-demo-registry: THE table of demos, one row per demo kind. A row says what the demo is
 * (id, title, one-line description, what it simplifies), its parameters and metrics, how to
 * make and change its state (ml), how to paint it (painters), and which MlrDemo subclass runs
 * it in the app (by GType name, resolved in demos/). Everything that needs to know the demos
 * reads this table: the lesson validator (through lessons/mlr-demo-spec.h), `render`,
 * `metrics` and `demos` of ml-roadmap-cli, the Interactive demos page, the challenges.
 *
 * Adding a demo: a state in ml/, a painter here, an MlrDemo subclass in demos/, one row in
 * mlr-demo-registry.c (see HACKING.md).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lessons/mlr-demo-spec.h"
#include "ml/mlr-metrics.h"
#include "ml/mlr-params.h"
#include "mlr-palette.h"

G_BEGIN_DECLS

/* What a widget adds to a paint; NULL means a still picture as `render` makes it. */
typedef struct {
  gboolean focused;   /* the canvas has keyboard focus */
  int      scale;     /* device pixels per unit for cached rasters (HiDPI); 0 = 1 */
} MlrPaintContext;

typedef struct _MlrDemoKind MlrDemoKind;

/* The state functions of a row take the state as a gpointer; a row casts its typed functions
 * with these (as GLib code casts to GDestroyNotify). */
typedef gpointer (*MlrDemoStateNew)      (const MlrParams *params,
                                          GError         **error);
typedef void     (*MlrDemoCollectFunc)   (gconstpointer    state,
                                          MlrMetricFunc    func,
                                          gpointer         user_data);
typedef void     (*MlrDemoReadFunc)      (gconstpointer    state,
                                          MlrParams       *params);
typedef gboolean (*MlrDemoApplyFunc)     (gpointer         state,
                                          const MlrParams *params,
                                          const char      *key,
                                          GError         **error);
typedef gboolean (*MlrDemoRelevantFunc)  (gconstpointer    state,
                                          const char      *key);
typedef gpointer (*MlrDemoCacheNew)      (void);

struct _MlrDemoKind
{
  /* What it is; words are N_() and translated where shown. */
  const char          *id;
  const char          *title;
  const char          *description;
  const char          *model;        /* what the demo leaves out of the world, or NULL */
  /* What the Interactive demos page sets where the defaults (which `metrics` and lessons start
   * from) show the idea less well: "key=value" pairs separated by spaces, or NULL. */
  const char          *showcase;
  const MlrParamSpec *(*param_specs)  (guint           *n_specs);
  const char * const *(*metric_names) (void);

  /* The state (ml): made from parameters, checked cheaply, changed one key at a time. */
  MlrDemoStateNew state_new;
  GDestroyNotify state_free;
  gboolean  (*check)           (const MlrParams   *params,
                                GError           **error);
  MlrDemoCollectFunc collect_metrics;
  /* Writes what the state holds into a table of param_specs (NULL: the state never changes
   * its parameters itself, the widget's copy is the truth). */
  MlrDemoReadFunc read_params;
  /* Applies one changed key (NULL: the widget makes a new state from the parameters). */
  MlrDemoApplyFunc apply_param;
  /* Whether a key matters now, so its control shows (NULL: every key does). */
  MlrDemoRelevantFunc param_relevant;

  /* The picture (painters). settle brings a new state to what a still picture of that size
   * shows (a race run to its end, a model fitted): `render`, `metrics` and <expect> use it;
   * NULL when a new state already is that picture. */
  gboolean  (*settle)          (gpointer           state,
                                int                width,
                                int                height,
                                const MlrPalette  *palette,
                                GError           **error);
  /* @cache is the kind's cache_new (kept by a widget between paints), or NULL without one */
  void      (*paint)           (cairo_t                *cr,
                                int                     width,
                                int                     height,
                                const MlrPalette       *palette,
                                gconstpointer           state,
                                gpointer                cache,
                                const MlrPaintContext  *context);
  MlrDemoCacheNew cache_new;
  GDestroyNotify cache_free;

  /* The widget: the GType name of the MlrDemo subclass (demos/mlr-demo-types.c lists them). */
  const char          *widget_type;

  /*< private >*/
  const MlrDemoSpec   *spec;
};

void               mlr_demo_registry_init      (void);
const MlrDemoKind *mlr_demo_registry_get       (guint              *n_kinds);
const MlrDemoKind *mlr_demo_registry_lookup    (const char         *id);
char              *mlr_demo_registry_ids       (void);

MlrParams         *mlr_demo_kind_new_params    (const MlrDemoKind  *kind);
GPtrArray         *mlr_demo_kind_showcase      (const MlrDemoKind  *kind);
gpointer           mlr_demo_kind_new_state     (const MlrDemoKind  *kind,
                                                const MlrParams    *params,
                                                GError            **error);
gboolean           mlr_demo_kind_render        (const MlrDemoKind  *kind,
                                                const MlrParams    *params,
                                                cairo_t            *cr,
                                                int                 width,
                                                int                 height,
                                                const MlrPalette   *palette,
                                                GError            **error);
GVariant          *mlr_demo_kind_metrics       (const MlrDemoKind  *kind,
                                                const MlrParams    *params,
                                                GError            **error);

G_END_DECLS
