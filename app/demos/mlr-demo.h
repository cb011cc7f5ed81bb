/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrDemo: what every interactive demo shares. A demo is a row of the registry
 * (painters/mlr-demo-registry.h: its parameters, state, painter) plus a subclass of this
 * widget that adds only what is its own — input on the canvas, a special control, the
 * sentence a screen reader speaks (describe, required).
 *
 * MlrDemo owns:
 *  - the kind, the current parameters and the state, and the one way to change a parameter
 *    (mlr_demo_set_param(): checked, applied to the state, reflected everywhere);
 *  - the canvas (MlrDemoCanvas: the kind's painter, theme colours, a focus ring) and the
 *    layout — a line naming lesson parameters that could not be used, the canvas, the controls
 *    below it or beside it, a caption — that reflows at narrow widths;
 *  - controls generated from the parameter specs (mlr-demo-controls.c), each bound to an
 *    MlrDemoSetting, or a hand-laid panel from a .ui template (mlr_demo_set_panel());
 *  - actions (demo.play, demo.step, demo.reset, demo.finish, demo.export) and keys on the
 *    canvas bound to actions (mlr_demo_class_add_canvas_binding());
 *  - play/pause/step/reset for demos that animate (a subclass that implements `advance`),
 *    with reduced motion (adw_get_enable_animations()) jumping to the end;
 *  - the accessible description kept in step with the state, and the metrics challenges
 *    test, announced together (::metrics-changed).
 */
#pragma once

#include <gtk/gtk.h>

#include "lessons/mlr-lesson.h"
#include "mlr-demo-canvas.h"
#include "mlr-demo-setting.h"
#include "painters/mlr-demo-registry.h"

G_BEGIN_DECLS

#define MLR_TYPE_DEMO (mlr_demo_get_type ())

G_DECLARE_DERIVABLE_TYPE (MlrDemo, mlr_demo, MLR, DEMO, GtkWidget)

typedef enum {
  MLR_DEMO_PANEL_BELOW,   /* the controls under the canvas */
  MLR_DEMO_PANEL_BESIDE,  /* right of the canvas where there is room, else under it */
} MlrDemoPanelPosition;

#define MLR_TYPE_DEMO_PANEL_POSITION (mlr_demo_panel_position_get_type ())
GType mlr_demo_panel_position_get_type (void);

struct _MlrDemoClass
{
  GtkWidgetClass parent_class;

  /* Required: the state in a sentence or two, for screen readers (translated). */
  char     *(*describe)      (MlrDemo          *self);
  /* The canvas's accessible name; default: the demo's title. */
  char     *(*get_label)     (MlrDemo          *self);
  /* Called once the state exists: build what is the subclass's own (extra controls, menu
   * items, gestures on the canvas). */
  void      (*setup)         (MlrDemo          *self);
  /* A parameter (@key) or, with @key NULL, the state as a whole changed; the base has
   * repainted and updated the controls. */
  void      (*changed)       (MlrDemo          *self,
                              const char       *key);
  /* Paints the canvas; default: the kind's painter. */
  void      (*draw)          (MlrDemo          *self,
                              cairo_t          *cr,
                              int               width,
                              int               height,
                              const MlrPalette *palette);
  /* Applies a changed parameter to the state; default: the kind's apply_param, else a new
   * state. @params holds the new values. */
  gboolean  (*apply_param)   (MlrDemo          *self,
                              const MlrParams  *params,
                              const char       *key,
                              GError          **error);
  /* The canvas height for @width; default: 62% of it, 300 to 600 px. */
  int       (*canvas_height) (MlrDemo          *self,
                              int               width);

  /* Animation. A subclass that implements advance animates: advance moves on by @seconds of
   * playing time and returns FALSE when there is nothing more to show; the default advance
   * takes steps at the speed chosen (mlr_demo_class_set_speeds()). step takes one step,
   * rewind goes back to the start, finish to the end, is_finished says whether play would
   * rewind first; can_play whether playing means anything now. */
  gboolean  (*advance)       (MlrDemo          *self,
                              double            seconds);
  gboolean  (*step)          (MlrDemo          *self);
  void      (*rewind)        (MlrDemo          *self);
  void      (*finish)        (MlrDemo          *self);
  gboolean  (*is_finished)   (MlrDemo          *self);
  gboolean  (*can_play)      (MlrDemo          *self);

  /* A widget shown before choice @choice of the choice list @key in its generated control
   * (the colour of an optimizer's path), or NULL. */
  GtkWidget *(*decorate_choice) (MlrDemo        *self,
                                 const char     *key,
                                 guint           choice);

  /*< private >*/
  gpointer padding[7];
};

/* Class set-up, in a subclass's class_init. */
void          mlr_demo_class_set_panel_position (MlrDemoClass         *klass,
                                                 MlrDemoPanelPosition  position);
void          mlr_demo_class_set_speeds      (MlrDemoClass         *klass,
                                              const double         *steps_per_second,
                                              const char * const   *titles,
                                              guint                 n_speeds,
                                              guint                 default_speed);
void          mlr_demo_class_set_keys_help   (MlrDemoClass         *klass,
                                              const char           *help);
void          mlr_demo_class_set_transport_tips (MlrDemoClass      *klass,
                                                 const char        *reset,
                                                 const char        *play,
                                                 const char        *replay,
                                                 const char        *step);
void          mlr_demo_class_add_canvas_binding (MlrDemoClass      *klass,
                                                 guint              keyval,
                                                 GdkModifierType    mods,
                                                 const char        *action_name,
                                                 const char        *format_string,
                                                 ...);
GListModel   *mlr_demo_class_get_canvas_bindings (MlrDemoClass     *klass);
gboolean      mlr_demo_activate_canvas_key   (MlrDemo              *self,
                                              guint                 keyval,
                                              GdkModifierType       mods);

/* Making one. */
GtkWidget    *mlr_demo_new_for_block         (const MlrBlock       *block);
GtkWidget    *mlr_demo_new                   (const char           *kind,
                                              const MlrParams      *params,
                                              GError              **error);
void          mlr_demo_ensure_types          (void);

/* What it is and holds. */
const MlrDemoKind *mlr_demo_get_kind         (MlrDemo              *self);
gpointer      mlr_demo_get_state             (MlrDemo              *self);
const MlrParams *mlr_demo_get_params         (MlrDemo              *self);
gboolean      mlr_demo_set_param             (MlrDemo              *self,
                                              const char           *key,
                                              const char           *value,
                                              GError              **error);
MlrDemoSetting *mlr_demo_get_setting             (MlrDemo              *self,
                                              const char           *key);
void          mlr_demo_changed               (MlrDemo              *self);
void          mlr_demo_queue_draw            (MlrDemo              *self);
const char   *mlr_demo_get_problems          (MlrDemo              *self);
void          mlr_demo_set_caption           (MlrDemo              *self,
                                              GtkWidget            *caption);
void          mlr_demo_toast                 (MlrDemo              *self,
                                              const char           *message);

/* Import and export of the learner's data (mlr-demo-files.c). */
typedef void (*MlrDemoFileFunc) (MlrDemo    *demo,
                                 const char *path);
void          mlr_demo_choose_csv            (MlrDemo              *self,
                                              gboolean              saving,
                                              const char           *title,
                                              const char           *filter_name,
                                              const char           *suggested_name,
                                              MlrDemoFileFunc       func);
void          mlr_demo_choose_image          (MlrDemo              *self,
                                              const char           *title,
                                              MlrDemoFileFunc       func);
/* Reading a chosen file off the UI thread: @read runs in a worker thread and returns what it
 * read, or NULL with an error; @done runs on the UI thread with that (freed with @data_free
 * after it returns) or the error, and the file's base name. */
typedef gpointer (*MlrDemoFileReader) (const char    *path,
                                       GError       **error);
typedef void     (*MlrDemoFileRead)   (MlrDemo       *demo,
                                       const char    *basename,
                                       gpointer       data,
                                       const GError  *error);
void          mlr_demo_read_file_async       (MlrDemo              *self,
                                              const char           *path,
                                              MlrDemoFileReader     read,
                                              GDestroyNotify        data_free,
                                              MlrDemoFileRead       done);

/* Work off the UI thread (mlr-demo-worker.c): @work runs on a worker with @data, then
 * @done on the UI thread if the demo still exists; @data_free frees @data in the end. */
typedef void     (*MlrDemoWorkFunc)   (gpointer       data);
typedef void     (*MlrDemoWorkDone)   (MlrDemo       *demo,
                                       gpointer       data);
void          mlr_demo_run_in_thread         (MlrDemo              *self,
                                              gpointer              data,
                                              GDestroyNotify        data_free,
                                              MlrDemoWorkFunc       work,
                                              MlrDemoWorkDone       done);

/* The canvas. */
MlrDemoCanvas *mlr_demo_get_canvas           (MlrDemo              *self);
const MlrPalette *mlr_demo_get_palette       (MlrDemo              *self);
gpointer      mlr_demo_get_paint_cache       (MlrDemo              *self);
gboolean      mlr_demo_export                (MlrDemo              *self,
                                              const char           *path,
                                              GError              **error);

/* Playing. */
gboolean      mlr_demo_get_playing           (MlrDemo              *self);
void          mlr_demo_set_playing           (MlrDemo              *self,
                                              gboolean              playing);
void          mlr_demo_step                  (MlrDemo              *self);
void          mlr_demo_reset                 (MlrDemo              *self);
void          mlr_demo_set_autoplay          (MlrDemo              *self,
                                              gboolean              autoplay);
gboolean      mlr_demo_reduce_motion         (MlrDemo              *self);
gboolean      mlr_demo_default_advance       (MlrDemo              *self,
                                              double                seconds);

/* Challenges. */
GVariant     *mlr_demo_lookup_metric         (MlrDemo              *self,
                                              const char           *name);

/* The controls (mlr-demo-controls.c). */
GtkWidget    *mlr_demo_get_control           (MlrDemo              *self,
                                              const char           *key);
void          mlr_demo_add_control           (MlrDemo              *self,
                                              guint                 row,
                                              GtkWidget            *widget);
void          mlr_demo_add_control_after     (MlrDemo              *self,
                                              const char           *key,
                                              GtkWidget            *widget);
void          mlr_demo_add_to_bar            (MlrDemo              *self,
                                              GtkWidget            *widget);
void          mlr_demo_add_menu_item         (MlrDemo              *self,
                                              const char           *label,
                                              const char           *tooltip,
                                              const char           *detailed_action);
void          mlr_demo_add_menu_widget       (MlrDemo              *self,
                                              GtkWidget            *widget);
void          mlr_demo_set_panel             (MlrDemo              *self,
                                              GtkWidget            *panel);
GtkWidget    *mlr_demo_create_transport      (MlrDemo              *self);

typedef MlrColor (*MlrDemoSwatchFunc)        (MlrDemo              *self,
                                              const MlrPalette     *palette,
                                              gpointer              user_data);
GtkWidget    *mlr_demo_swatch_new            (MlrDemo              *self,
                                              MlrDemoSwatchFunc     func,
                                              gpointer              user_data);

G_END_DECLS
