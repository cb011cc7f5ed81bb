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
  GCancellable      *reading;       /* a file being read off the UI thread (mlr-demo-files.c) */

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
  GHashTable        *deferred;      /* key -> its spec's index: control built when relevant */
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

/* What a class says about itself beyond its vfuncs, kept per GType (a subclass's class
 * struct is a copy of its parent's, so a pointer there would be shared) and inherited. */
typedef struct {
  MlrDemoPanelPosition  position;
  const double         *speeds;
  const char * const   *speed_titles;
  guint                 n_speeds;
  guint                 default_speed;
  const char           *keys_help;
  const char           *tips[4];      /* reset, play, replay, step; N_() */
  GListStore           *bindings;     /* GtkShortcut on the canvas, the class's own first */
  guint                 n_own;        /* how many of them the class added itself */
} ClassData;

/* mlr-demo-class.c */
ClassData      *mlr_demo_class_data           (GType       type);

/* mlr-demo.c */
void            mlr_demo_after_change         (MlrDemo    *self,
                                               const char *key);
void            mlr_demo_notify_playing       (MlrDemo    *self);

/* mlr-demo-play.c */
void            mlr_demo_finish               (MlrDemo    *self);
void            mlr_demo_stop_ticking         (MlrDemo    *self);
void            mlr_demo_disconnect_scroll    (MlrDemo    *self);
gboolean        mlr_demo_autoplay_idle_cb     (gpointer    user_data);
void            mlr_demo_update_actions       (MlrDemo    *self);
void            mlr_demo_play_action          (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void            mlr_demo_step_action          (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void            mlr_demo_reset_action         (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void            mlr_demo_finish_action        (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void            mlr_demo_export_action        (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);

/* mlr-demo-layout.c */
int             mlr_demo_real_canvas_height   (MlrDemo    *self,
                                               int         width);
GtkSizeRequestMode mlr_demo_get_request_mode  (GtkWidget  *widget);
void            mlr_demo_measure              (GtkWidget      *widget,
                                               GtkOrientation  orientation,
                                               int             for_size,
                                               int            *minimum,
                                               int            *natural,
                                               int            *minimum_baseline,
                                               int            *natural_baseline);
void            mlr_demo_size_allocate        (GtkWidget  *widget,
                                               int         width,
                                               int         height,
                                               int         baseline);

static inline gboolean
mlr_demo_animates (MlrDemo *self)
{
  return MLR_DEMO_GET_CLASS (self)->advance != NULL;
}


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
