/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of MlrWindow share: its instance struct and the helpers each file offers the
 * others. mlr-window.c opens lessons, keeps progress and the window's own state;
 * mlr-window-actions.c has the win.* actions and their shortcuts; mlr-window-sidebar.c the
 * roadmap list and the progress it shows; mlr-window-search.c reading every lesson in the
 * background (glossary, search) and the search results. Not installed.
 */
#pragma once

#include "mlr-window.h"

#include "lessons/mlr-content.h"
#include "lessons/mlr-roadmap.h"
#include "lessons/mlr-search.h"
#include "views/mlr-lesson-view.h"
#include "views/mlr-sidebar-item.h"

G_BEGIN_DECLS

/* What the progress changes not yet written hold, least important first: which problem toast
 * a failed background write gets (a reading position alone gets none). */
typedef enum {
  MLR_WINDOW_UNSAVED_NOTHING,
  MLR_WINDOW_UNSAVED_QUIZ,
  MLR_WINDOW_UNSAVED_PROGRESS,
} MlrWindowUnsaved;

struct _MlrWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwToast             *problem_toast; /* unowned; the one shown, until dismissed */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *sidebar_pane;
  GtkWidget            *sidebar_scroller;
  GtkWidget            *content_pane;
  AdwWindowTitle       *lesson_title;
  GtkStack             *content_stack;
  MlrLessonView        *lesson_view;
  AdwStatusPage        *roadmap_error_page;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *progress_box;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListBox           *results_list;
  GtkLabel             *results_label;
  GListStore           *sidebar_model; /* MlrSidebarItem: the pages, then the lessons */
  GListStore           *results_model; /* MlrSearchHit */
  GtkWidget            *demos_page;   /* built the first time it is shown */
  GtkWidget            *home_page;
  GtkWidget            *glossary_page;
  MlrSearchIndex       *search_index; /* built with the content index */
  guint                 index_source;
  guint                 index_tick;   /* waits for the first frame before index_source */

  /* Owned state */
  char                 *content_dir;
  MlrRoadmap           *roadmap;
  MlrContentIndex      *index;        /* built off-thread after start-up; NULL until then */
  GCancellable         *cancellable;
  char                 *lesson_id;    /* the lesson shown */
  gboolean              selecting;    /* we are moving the sidebar selection ourselves */
  guint                 reveal_tick;  /* scrolls the selected row into view once laid out */
  guint                 reveal_frames;
  MlrWindowUnsaved      unsaved;      /* since the last background write of the progress */
  guint                 last_lesson_source; /* "last-lesson" waiting to be written */
  gboolean              passing;      /* the sidebar's arrow keys are opening a lesson */
  guint                 settle_source; /* a lesson passed by, started if the reader stays */
};

/* mlr-window.c */
GSettings      *_mlr_window_get_settings        (MlrWindow            *self);
MlrProgress    *_mlr_window_get_progress        (MlrWindow            *self);
MlrLessonState  _mlr_window_lesson_state        (MlrWindow            *self,
                                                 const char           *lesson_id);
void            _mlr_window_add_problem_toast   (MlrWindow            *self,
                                                 const char           *message);
void            _mlr_window_set_lesson_state    (MlrWindow            *self,
                                                 const char           *lesson_id,
                                                 MlrLessonState        state);
gboolean        _mlr_window_show_lesson         (MlrWindow            *self,
                                                 const char           *lesson_id,
                                                 int                   section);

/* mlr-window-actions.c */
void            _mlr_window_class_actions_init  (GtkWidgetClass       *widget_class);
void            _mlr_window_actions_init        (MlrWindow            *self);

/* mlr-window-sidebar.c */
void            _mlr_window_class_sidebar_init  (GtkWidgetClass       *widget_class);
void            _mlr_window_populate_sidebar    (MlrWindow            *self);
void            _mlr_window_update_home         (MlrWindow            *self);
void            _mlr_window_select_row          (MlrWindow            *self,
                                                 MlrSidebarItemKind    kind,
                                                 const char           *lesson_id);
void            _mlr_window_update_progress_ui  (MlrWindow            *self);

/* mlr-window-search.c */
void            _mlr_window_class_search_init   (GtkWidgetClass       *widget_class);
void            _mlr_window_search_init         (MlrWindow            *self);
void            _mlr_window_start_index_later   (MlrWindow            *self);

G_END_DECLS
