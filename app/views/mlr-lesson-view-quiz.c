/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView's quiz and the end of the page: the questions, the result once every question
 * is answered (with an offer to mark the lesson done when passed), the done and skip buttons
 * and the way on to the next lesson.
 */
#include "config.h"

#include "mlr-lesson-view-private.h"

#include <glib/gi18n.h>

#include "mlr-quiz-question.h"


/* A quiz is passed with at least this share of right answers. */
#define QUIZ_PASS 0.8

static void
mark_done_clicked_cb (GtkButton     *button,
                      MlrLessonView *self)
{
  g_signal_emit (self, _mlr_lesson_view_signals[SIGNAL_SET_STATE], 0, (int) MLR_LESSON_DONE);
}

static void
show_score (MlrLessonView *self,
            guint          right,
            guint          answered,
            guint          total)
{
  g_autofree char *score = g_strdup_printf (
    /* Translators: the quiz's running score */
    _("Score: %u of %u right on the first try · %u to go"), right, total, total - answered);

  gtk_label_set_text (GTK_LABEL (self->quiz_score), score);
}

static void
question_checked_cb (MlrQuizQuestion *question,
                     MlrLessonView   *self)
{
  guint answered = 0, right = 0, total = self->quiz_questions->len;
  g_autofree char *text = NULL;

  for (guint i = 0; i < total; i++)
    {
      MlrQuizQuestion *q = g_ptr_array_index (self->quiz_questions, i);
      answered += mlr_quiz_question_is_answered (q);
      right += mlr_quiz_question_is_correct (q);
    }
  show_score (self, right, answered, total);
  if (answered < total)
    return;
  /* Every question has an answer: that is a result worth keeping. */
  g_signal_emit (self, _mlr_lesson_view_signals[SIGNAL_QUIZ_FINISHED], 0, right, total);
  text = g_strdup_printf (_("You answered %u of %u questions right on the first try."), right,
                          total);
  gtk_label_set_text (GTK_LABEL (self->quiz_result), text);
  gtk_widget_set_visible (self->quiz_result, TRUE);
  gtk_widget_set_visible (self->quiz_offer,
                          right >= QUIZ_PASS * total && self->state != MLR_LESSON_DONE);
}

GtkWidget *
_mlr_lesson_view_build_quiz (MlrLessonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *offer_label, *offer_button;

  gtk_box_append (GTK_BOX (box),
                  _mlr_lesson_view_heading_label (_("Check your understanding"), "title-2"));
  {
    self->quiz_score = gtk_label_new (NULL);
    show_score (self, 0, 0, self->lesson->questions->len);
    gtk_label_set_xalign (GTK_LABEL (self->quiz_score), 0);
    gtk_label_set_wrap (GTK_LABEL (self->quiz_score), TRUE);
    gtk_widget_add_css_class (self->quiz_score, "dim-label");
    gtk_widget_add_css_class (self->quiz_score, "numeric");
    gtk_box_append (GTK_BOX (box), self->quiz_score);
  }
  for (guint i = 0; i < self->lesson->questions->len; i++)
    {
      GtkWidget *q = mlr_quiz_question_new (g_ptr_array_index (self->lesson->questions, i),
                                            i + 1, self->index);
      g_ptr_array_add (self->quiz_questions, q);
      g_signal_connect_object (q, "checked", G_CALLBACK (question_checked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), q);
    }

  self->quiz_result = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->quiz_result), 0);
  gtk_widget_add_css_class (self->quiz_result, "heading");
  gtk_widget_set_visible (self->quiz_result, FALSE);
  gtk_box_append (GTK_BOX (box), self->quiz_result);

  self->quiz_offer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->quiz_offer, "callout");
  gtk_widget_add_css_class (self->quiz_offer, "callout-tip");
  offer_label = gtk_label_new (_("You passed the quiz. Mark this lesson as done?"));
  gtk_label_set_wrap (GTK_LABEL (offer_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (offer_label), 0);
  gtk_widget_set_hexpand (offer_label, TRUE);
  offer_button = gtk_button_new_with_mnemonic (_("Mark as _Done"));
  gtk_widget_add_css_class (offer_button, "pill");
  gtk_widget_set_valign (offer_button, GTK_ALIGN_CENTER);
  g_signal_connect (offer_button, "clicked", G_CALLBACK (mark_done_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->quiz_offer), offer_label);
  gtk_box_append (GTK_BOX (self->quiz_offer), offer_button);
  gtk_widget_set_visible (self->quiz_offer, FALSE);
  gtk_box_append (GTK_BOX (box), self->quiz_offer);
  return box;
}

static void
state_toggled_cb (GtkToggleButton *button,
                  MlrLessonView   *self)
{
  MlrLessonState target;

  if (self->updating_state)
    return;
  if (GTK_WIDGET (button) == self->done_button)
    target = gtk_toggle_button_get_active (button) ? MLR_LESSON_DONE : MLR_LESSON_IN_PROGRESS;
  else
    target = gtk_toggle_button_get_active (button) ? MLR_LESSON_SKIPPED : MLR_LESSON_IN_PROGRESS;
  g_signal_emit (self, _mlr_lesson_view_signals[SIGNAL_SET_STATE], 0, (int) target);
}

static void
sync_state_buttons (MlrLessonView *self)
{
  if (self->done_button == NULL)
    return;
  self->updating_state = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->done_button),
                                self->state == MLR_LESSON_DONE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->skip_button),
                                self->state == MLR_LESSON_SKIPPED);
  gtk_button_set_label (GTK_BUTTON (self->done_button),
                        self->state == MLR_LESSON_DONE ? _("Done") : _("Mark as _Done"));
  gtk_button_set_label (GTK_BUTTON (self->skip_button),
                        self->state == MLR_LESSON_SKIPPED ? _("Skipped") : _("_Skip"));
  self->updating_state = FALSE;
  if (self->quiz_offer && self->state == MLR_LESSON_DONE)
    gtk_widget_set_visible (self->quiz_offer, FALSE);
}

GtkWidget *
_mlr_lesson_view_build_next (MlrLessonView          *self,
                             const MlrRoadmapLesson *next)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button;
  g_autofree char *label = NULL;

  /* How the learner leaves this lesson: done, skipped, or just onwards. */
  self->done_button = gtk_toggle_button_new_with_mnemonic (_("Mark as _Done"));
  gtk_widget_add_css_class (self->done_button, "pill");
  mlr_widget_set_tooltip (self->done_button, _("Count this lesson as done (Ctrl+D)"));
  self->skip_button = gtk_toggle_button_new_with_mnemonic (_("_Skip"));
  gtk_widget_add_css_class (self->skip_button, "pill");
  mlr_widget_set_tooltip (self->skip_button,
                          _("You know this already: count it as covered"));
  g_signal_connect (self->done_button, "toggled", G_CALLBACK (state_toggled_cb), self);
  g_signal_connect (self->skip_button, "toggled", G_CALLBACK (state_toggled_cb), self);
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (row, 12);
  gtk_box_append (GTK_BOX (row), self->done_button);
  gtk_box_append (GTK_BOX (row), self->skip_button);
  gtk_box_append (GTK_BOX (box), row);
  sync_state_buttons (self);

  if (next == NULL)
    {
      GtkWidget *end = _mlr_lesson_view_plain_label (_("You have reached the end of the roadmap."),
                                                     "dim-label");
      gtk_label_set_xalign (_mlr_lesson_view_label_of (end), 0.5);
      gtk_box_append (GTK_BOX (box), end);
      return box;
    }
  label = g_strdup_printf (_("Next: %s"), next->title);
  button = gtk_button_new_with_label (label);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (button, _("Open the next lesson (Alt+→)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-lesson");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", next->id);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/**
 * mlr_lesson_view_set_state:
 * Shows @state on the page (the done and skip buttons, the offer after a passed quiz).
 */
void
mlr_lesson_view_set_state (MlrLessonView  *self,
                           MlrLessonState  state)
{
  gboolean changed;

  g_return_if_fail (MLR_IS_LESSON_VIEW (self));

  changed = self->state != state;
  self->state = state;
  /* Even unchanged: a click on a button may have asked for a state it did not get. */
  sync_state_buttons (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), _mlr_lesson_view_properties[PROP_STATE]);
}

MlrLessonState
mlr_lesson_view_get_state (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), MLR_LESSON_NOT_STARTED);
  return self->state;
}
