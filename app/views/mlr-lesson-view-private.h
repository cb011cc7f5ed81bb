/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of MlrLessonView share: its instance struct and the builders each file
 * contributes to the page. mlr-lesson-view.c builds the page in slices and owns the type;
 * -blocks.c builds the blocks, -links.c web links, glossary popovers and resources, -demo.c
 * demos and their challenges, -quiz.c the quiz and the end of the page, -scroll.c the reader's
 * place. Not installed; only these files include it.
 */
#pragma once

#include <adwaita.h>

#include "demos/mlr-tooltip.h"
#include "mlr-lesson-view.h"

G_BEGIN_DECLS

#define MAX_SHOWN_DIAGNOSTICS 20

struct _MlrLessonView
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkWidget             *scroller;
  AdwClamp              *clamp;

  /* Owned state */
  MlrLesson             *lesson;
  char                  *lesson_id;
  GtkWidget             *page;
  GtkWidget             *term_popover;
  guint                  focus_idle;     /* keeping the focused widget in view */
  gint64                 last_press_us;  /* the last pointer press on the page */
  GtkWidget             *pressed_widget; /* weak: what it was on */

  /* The page is built in slices: what fits the first frame now, the rest at idle priority,
   * so a lesson appears at once and the window stays responsive while the rest arrives. */
  GQueue                 pending;        /* PendingPart* */
  guint                  build_source;
  /* Once the first screen is full, what is built below it is kept hidden (held) and shown
   * all at once when the page is complete, so the slices do not each cost a frame. */
  gboolean               holding;
  GPtrArray             *held;           /* GtkWidget*, borrowed from the page */
  int                    page_width;     /* the last page's, if on screen when this one came */
  int                    page_max_width; /* the clamp's maximum size (its layout is wrapped) */
  const MlrRoadmapLesson *next;          /* borrowed from the roadmap */
  double                 restore_fraction; /* < 0: none; else 0..1 of the page */
  guint                  restore_tick;
  int                    scroll_section; /* < 0: none; else a top-level section to show */
  char                  *highlight;      /* text to select in that section (a search) */
  GtkWidget             *highlighted;    /* the label it was selected in, once found (weak) */
  char                  *scroll_to_id;   /* or a section, at any level, by its id (a link) */
  double                 scroll_set;     /* the value the restore last gave the scrollbar; NAN: none */
  int                    scroll_frames;  /* frames the restore has run */
  int                    scroll_settled; /* frames in a row the place has held */

  /* Progress */
  MlrLessonState         state;
  gboolean               updating_state;
  GtkWidget             *done_button;
  GtkWidget             *skip_button;
  GPtrArray             *quiz_questions;  /* MlrQuizQuestion*, borrowed from the page */
  GtkWidget             *quiz_result;
  GtkWidget             *quiz_score;      /* the running score above the questions */
  GtkWidget             *quiz_offer;
  GtkWidget             *body;            /* the box of top-level sections */
  GCancellable          *page_cancellable; /* work for the current page (figure decoding) */

  /* Pages replaced by the one shown, with their lessons (their widgets point into them):
   * freed after the new page's first frame, not before it */
  GPtrArray             *old_pages;
  GPtrArray             *old_lessons;
  GdkFrameClock         *old_pages_clock;
  gulong                 old_pages_paint;
  guint                  old_pages_idle;
  GPtrArray             *warm_langs;     /* code languages still to parse, one per idle */
  guint                  warm_idle;
  gboolean               warmed_index;   /* every language of the content index is kept */

  /* Borrowed: the window owns the index and outlives the view */
  const MlrContentIndex *index;
  MlrProgress           *progress;   /* borrowed from the application; may be NULL */
};

enum {
  SIGNAL_TOAST,
  SIGNAL_SET_STATE,
  SIGNAL_QUIZ_FINISHED,
  SIGNAL_CHALLENGE_MET,
  N_SIGNALS
};

extern guint _mlr_lesson_view_signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

extern GParamSpec *_mlr_lesson_view_properties[N_PROPS];

/* mlr-lesson-view-blocks.c */
GtkWidget *_mlr_lesson_view_text_label            (MlrLessonView          *self,
                                                   const GPtrArray        *inlines);
GtkWidget *_mlr_lesson_view_plain_label           (const char             *text,
                                                   const char             *css_class);
GtkLabel  *_mlr_lesson_view_label_of              (GtkWidget              *text);
GtkWidget *_mlr_lesson_view_heading_label         (const char             *text,
                                                   const char             *css_class);
GtkWidget *_mlr_lesson_view_section_box           (const MlrBlock         *b);
GtkWidget *_mlr_lesson_view_build_block           (MlrLessonView          *self,
                                                   const MlrBlock         *b);
GtkWidget *_mlr_lesson_view_build_takeaways       (MlrLessonView          *self);
GtkWidget *_mlr_lesson_view_build_glossary        (MlrLessonView          *self);
GtkWidget *_mlr_lesson_view_build_header          (MlrLessonView          *self,
                                                   const char             *step_label);
GtkWidget *_mlr_lesson_view_build_problems_banner (const MlrDiagnostics   *diags);

/* mlr-lesson-view-links.c */
void       _mlr_lesson_view_follow_links          (MlrLessonView          *self,
                                                   GtkWidget              *label);
GtkWidget *_mlr_lesson_view_build_resources       (MlrLessonView          *self);
void       _mlr_lesson_view_class_links_init      (GtkWidgetClass         *widget_class);

/* mlr-lesson-view-demo.c */
GtkWidget *_mlr_lesson_view_build_demo            (MlrLessonView          *self,
                                                   const MlrBlock         *b);

/* mlr-lesson-view-quiz.c */
GtkWidget *_mlr_lesson_view_build_quiz            (MlrLessonView          *self);
GtkWidget *_mlr_lesson_view_build_next            (MlrLessonView          *self,
                                                   const MlrRoadmapLesson *next);

/* mlr-lesson-view-scroll.c */
void       _mlr_lesson_view_finish_page           (MlrLessonView          *self);
void       _mlr_lesson_view_reading_init          (MlrLessonView          *self);
void       _mlr_lesson_view_watch_focus           (MlrLessonView          *self,
                                                   gboolean                watch);

G_END_DECLS
