/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What mlr-demo.c and mlr-demo-controls.c share of MlrDemo.
 */
#pragma once

#include "mlr-demo.h"

G_BEGIN_DECLS

typedef struct
{
  /* what it is and holds */
  const MlrDemoKind *kind;
  gpointer           state;
  MlrParams         *params;        /* current values, the state's own read back */
  MlrParams         *initial;       /* as the lesson gave them */
  GHashTable        *param_objects; /* key -> MlrDemoSetting */
  gpointer           paint_cache;
  char              *problems;

  /* children */
  GtkWidget         *problems_label;
  GtkWidget         *canvas;
  GtkWidget         *panel;         /* generated or the subclass's */
  GtkWidget         *caption;

  /* the generated panel (mlr-demo-controls.c) */
  GPtrArray         *rows;          /* MlrWrapBox per spec row */
  GtkWidget         *bar;           /* transport, the subclass's extras, the menu button */
  GtkWidget         *bar_extras;
  GtkWidget         *menu_box;      /* the More popover's content */
  GtkWidget         *menu_grid;     /* controls with `more` */
  GtkWidget         *menu_items;
  GtkWidget         *menu_button;
  GHashTable        *controls;      /* key -> the control's group (label + widget) */
  GPtrArray         *swatches;
  GPtrArray         *transports;    /* boxes from mlr_demo_create_transport() */
  GPtrArray         *pending;       /* (row, widget) added before the panel existed */
  guint              speed;

  /* animation */
  gboolean           playing;
  guint              tick_id;
  gint64             last_frame_us;
  double             step_debt;
  gboolean           autoplay;
  GtkAdjustment     *scroll_adj;
  gulong             scroll_handler;

  /* description and metrics */
  gint64             last_description_us;
  guint              description_id;
  GHashTable        *metrics;       /* name -> GVariant */
} MlrDemoPrivate;

MlrDemoPrivate *mlr_demo_get_private          (MlrDemo    *self);

/* mlr-demo-controls.c */
GtkWidget      *mlr_demo_controls_build       (MlrDemo    *self);
void            mlr_demo_controls_sync        (MlrDemo    *self);
void            mlr_demo_controls_sync_transport (MlrDemo *self);
void            mlr_demo_controls_palette_changed (MlrDemo *self);
void            mlr_demo_controls_init        (MlrDemo    *self);
void            mlr_demo_controls_dispose     (MlrDemo    *self);

/* Speeds of the default advance, from the class (mlr-demo.c). */
guint           mlr_demo_class_get_n_speeds   (MlrDemoClass *klass);
const char     *mlr_demo_class_get_speed_title (MlrDemoClass *klass,
                                               guint         i);
guint           mlr_demo_class_get_default_speed (MlrDemoClass *klass);
const char     *mlr_demo_class_get_keys_help  (MlrDemoClass *klass);
const char     *mlr_demo_class_get_transport_tip (MlrDemoClass *klass,
                                                 guint         i);

G_END_DECLS
