/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One quiz question, as a good exercise works: pick (radio buttons for single choice, check
 * boxes for multiple) and check. A right answer is confirmed with its feedback and the
 * explanation. A first wrong answer gets a hint, the feedback of what was chosen and nothing
 * about the right answer, and the learner tries again (or asks for the answer). A second miss,
 * or "Show Answer", reveals every right answer and the explanation; "Try Again" then lets the
 * learner practise, without changing the score. The score counts a question right when its
 * first answer was right. Right and wrong are marked by an icon and words, not colour alone.
 */
#include "config.h"

#include "mlr-quiz-question.h"

#include <glib/gi18n.h>

#include "mlr-markup.h"
#include "mlr-text.h"

struct _MlrQuizQuestion
{
  GtkWidget          parent_instance;

  const MlrQuestion *question;   /* borrowed; the lesson view keeps the lesson alive */
  GPtrArray         *buttons;    /* GtkCheckButton*, one per choice */
  GPtrArray         *feedback;   /* GtkBox* (mark + text), one per choice */
  GPtrArray         *marks;      /* GtkImage*, the mark in each feedback */
  GtkWidget         *check_button;
  GtkWidget         *answer_button;
  GtkWidget         *retry_button;
  GtkWidget         *result;
  GtkWidget         *result_icon;
  GtkWidget         *result_label;
  GtkWidget         *explanation;
  guint              attempts;   /* checks since the question was shown or reset */
  guint64            hinted;     /* the choices (bits) the hint was about */
  gboolean           finished;   /* right, or the answer shown (the UI, until Try Again) */
  gboolean           scored;     /* finished at least once: the first result is the score */
  gboolean           correct;    /* the first answer was right */
};

G_DEFINE_FINAL_TYPE (MlrQuizQuestion, mlr_quiz_question, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ICON_RIGHT "object-select-symbolic"
#define ICON_WRONG "window-close-symbolic"

static GtkWidget *
markup_label (const GPtrArray       *inlines,
              const MlrContentIndex *index)
{
  g_autofree char *markup = mlr_inlines_to_markup (inlines, index);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  mlr_label_open_lesson_links (label);
  return mlr_text_new (label);
}

/* The choices made, one bit each (a question has at most a few). */
static guint64
chosen_mask (MlrQuizQuestion *self)
{
  guint64 mask = 0;

  for (guint i = 0; i < self->buttons->len && i < 64; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
      mask |= G_GUINT64_CONSTANT (1) << i;
  return mask;
}

/* Check needs a choice, and after a hint a different one: the same answer again would only
 * use up the second try. */
static void
update_check_sensitivity (MlrQuizQuestion *self)
{
  guint64 mask = chosen_mask (self);

  gtk_widget_set_sensitive (self->check_button, mask != 0 && !self->finished &&
                                                !(self->attempts > 0 && mask == self->hinted));
}

/* Shows choice @i's feedback marked right or wrong, or hides it. */
static void
show_feedback (MlrQuizQuestion *self,
               guint            i,
               gboolean         visible,
               gboolean         right)
{
  GtkWidget *fb = g_ptr_array_index (self->feedback, i);
  GtkWidget *mark = g_ptr_array_index (self->marks, i);

  gtk_widget_set_visible (fb, visible);
  gtk_widget_remove_css_class (fb, right ? "wrong" : "correct");
  gtk_widget_add_css_class (fb, right ? "correct" : "wrong");
  gtk_image_set_from_icon_name (GTK_IMAGE (mark), right ? ICON_RIGHT : ICON_WRONG);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  right ? _("Right answer") : _("Wrong answer"), -1);
}

static void
show_result (MlrQuizQuestion *self,
             gboolean         right,
             const char      *text)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->result_icon), right ? ICON_RIGHT : ICON_WRONG);
  gtk_label_set_text (GTK_LABEL (self->result_label), text);
  gtk_widget_remove_css_class (self->result, right ? "wrong" : "correct");
  gtk_widget_add_css_class (self->result, right ? "correct" : "wrong");
  gtk_widget_set_visible (self->result, TRUE);
}

/* The end of the question: feedback for what was chosen and for every right answer, the
 * explanation, and no more changes until Try Again. */
static void
finish (MlrQuizQuestion *self,
        gboolean         right)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      const MlrChoice *choice = g_ptr_array_index (self->question->choices, i);
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      gboolean chosen = gtk_check_button_get_active (GTK_CHECK_BUTTON (button));

      show_feedback (self, i, chosen || (!right && choice->correct), choice->correct);
      gtk_widget_set_sensitive (button, FALSE);
    }
  gtk_widget_set_visible (self->explanation, TRUE);
  gtk_widget_set_visible (self->check_button, FALSE);
  gtk_widget_set_visible (self->answer_button, FALSE);
  /* Practice is offered after a miss; a right answer is simply done. */
  gtk_widget_set_visible (self->retry_button, !right);
  self->finished = TRUE;
  if (!self->scored)
    {
      self->scored = TRUE;
      self->correct = right && self->attempts == 1;
    }
  if (!right)
    gtk_widget_grab_focus (self->retry_button);
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0);
}

/**
 * mlr_quiz_question_check:
 * Checks the choices: right finishes the question; a first miss shows a hint (the feedback of
 * what was chosen) and lets the learner try again; a second miss shows the answer. Returns
 * whether the selection was exactly the set of correct choices.
 */
gboolean
mlr_quiz_question_check (MlrQuizQuestion *self)
{
  guint found = 0, n_correct = 0;
  gboolean all_right = TRUE;

  g_return_val_if_fail (MLR_IS_QUIZ_QUESTION (self), FALSE);

  if (self->finished)
    return FALSE;
  for (guint i = 0; i < self->buttons->len; i++)
    {
      const MlrChoice *choice = g_ptr_array_index (self->question->choices, i);
      gboolean chosen = gtk_check_button_get_active (g_ptr_array_index (self->buttons, i));

      n_correct += choice->correct;
      found += choice->correct && chosen;
      if (chosen != choice->correct)
        all_right = FALSE;
    }
  self->attempts++;

  if (all_right)
    {
      show_result (self, TRUE, self->attempts == 1 ? _("Correct!")
                                                   : _("Correct on the second try."));
      finish (self, TRUE);
      return TRUE;
    }
  if (self->attempts == 1)
    {
      g_autofree char *text = NULL;

      /* A hint: what the chosen answers get wrong, and nothing about the right ones. */
      for (guint i = 0; i < self->buttons->len; i++)
        {
          const MlrChoice *choice = g_ptr_array_index (self->question->choices, i);
          gboolean chosen = gtk_check_button_get_active (g_ptr_array_index (self->buttons, i));
          show_feedback (self, i, chosen && !choice->correct, FALSE);
        }
      if (self->question->multiple)
        text = g_strdup_printf (_("Not quite: you found %u of the %u right answers. Read the "
                                  "hint and try again."), found, n_correct);
      else
        text = g_strdup (_("Not quite. Read the hint and try again."));
      show_result (self, FALSE, text);
      gtk_widget_set_visible (self->answer_button, TRUE);
      self->hinted = chosen_mask (self);
      update_check_sensitivity (self);
      return FALSE;
    }
  show_result (self, FALSE, self->question->multiple
                              ? _("Not quite. The right answers are marked below.")
                              : _("Not quite. The right answer is marked below."));
  finish (self, FALSE);
  return FALSE;
}

/* "Show Answer" after a first miss: the answer, and the question counts as missed. */
static void
show_answer (MlrQuizQuestion *self)
{
  if (self->finished)
    return;
  show_result (self, FALSE, self->question->multiple ? _("The right answers are marked below.")
                                                     : _("The right answer is marked below."));
  finish (self, FALSE);
}

/* A choice changed after a hint: the hint was about the old choice. */
static void
choice_toggled (MlrQuizQuestion *self)
{
  update_check_sensitivity (self);
}

/**
 * mlr_quiz_question_reset:
 * Clears the choices and the feedback for another go. The score stays the first answer's.
 */
void
mlr_quiz_question_reset (MlrQuizQuestion *self)
{
  g_return_if_fail (MLR_IS_QUIZ_QUESTION (self));

  self->finished = FALSE;
  self->attempts = 0;
  self->hinted = 0;
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      gtk_widget_set_sensitive (button, TRUE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), FALSE);
      gtk_widget_set_visible (g_ptr_array_index (self->feedback, i), FALSE);
    }
  gtk_widget_set_visible (self->result, FALSE);
  gtk_widget_set_visible (self->explanation, FALSE);
  gtk_widget_set_visible (self->retry_button, FALSE);
  gtk_widget_set_visible (self->answer_button, FALSE);
  gtk_widget_set_visible (self->check_button, TRUE);
  update_check_sensitivity (self);
  if (self->buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->buttons, 0));
}

void
mlr_quiz_question_set_chosen (MlrQuizQuestion *self,
                              guint            choice,
                              gboolean         chosen)
{
  g_return_if_fail (MLR_IS_QUIZ_QUESTION (self));
  g_return_if_fail (choice < self->buttons->len);
  gtk_check_button_set_active (g_ptr_array_index (self->buttons, choice), chosen);
}

/* Whether the question has a score: answered right, or its answer shown. */
gboolean
mlr_quiz_question_is_answered (MlrQuizQuestion *self)
{
  return self->scored;
}

/* Whether its first answer was right (what the score counts). */
gboolean
mlr_quiz_question_is_correct (MlrQuizQuestion *self)
{
  return self->scored && self->correct;
}

/* Whether a hint is showing: the first answer was wrong and the learner may try again. */
gboolean
mlr_quiz_question_is_hinting (MlrQuizQuestion *self)
{
  return !self->finished && self->attempts > 0;
}

static GtkWidget *
pill_button (const char *mnemonic,
             const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_add_css_class (button, "pill");
  if (css_class)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

GtkWidget *
mlr_quiz_question_new (const MlrQuestion     *question,
                       guint                  number,
                       const MlrContentIndex *index)
{
  MlrQuizQuestion *self = g_object_new (MLR_TYPE_QUIZ_QUESTION, NULL);
  GtkWidget *box = GTK_WIDGET (self);
  GtkWidget *heading, *prompt, *buttons;
  GtkCheckButton *group = NULL;
  g_autofree char *heading_text = NULL;
  g_autofree char *prompt_plain = mlr_inlines_to_plain (question->prompt);

  self->question = question;

  heading_text = g_strdup_printf (question->multiple ? _("Question %u · choose all that apply")
                                                     : _("Question %u · choose one"), number);
  heading = gtk_label_new (heading_text);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_parent (heading, box);

  prompt = markup_label (question->prompt, index);
  gtk_widget_add_css_class (prompt, "heading");
  gtk_widget_set_parent (prompt, box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  prompt_plain, -1);

  for (guint i = 0; i < question->choices->len; i++)
    {
      const MlrChoice *choice = g_ptr_array_index (question->choices, i);
      GtkWidget *button = gtk_check_button_new ();
      GtkWidget *answer = markup_label (choice->answer, index);
      GtkWidget *fb = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *mark = gtk_image_new ();
      GtkWidget *fb_text = markup_label (choice->feedback, index);
      g_autofree char *answer_plain = mlr_inlines_to_plain (choice->answer);

      /* The answer takes the card's whole width. */
      gtk_widget_set_hexpand (answer, TRUE);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), answer);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      answer_plain, -1);
      if (!question->multiple)
        {
          if (group == NULL)
            group = GTK_CHECK_BUTTON (button);
          else
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
        }
      g_signal_connect_object (button, "toggled", G_CALLBACK (choice_toggled), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_parent (button, box);

      gtk_widget_set_valign (mark, GTK_ALIGN_START);
      gtk_widget_set_hexpand (fb_text, TRUE);
      gtk_box_append (GTK_BOX (fb), mark);
      gtk_box_append (GTK_BOX (fb), fb_text);
      gtk_widget_add_css_class (fb, "quiz-feedback");
      gtk_widget_set_margin_start (fb, 30);
      gtk_widget_set_visible (fb, FALSE);
      gtk_widget_set_parent (fb, box);

      g_ptr_array_add (self->buttons, button);
      g_ptr_array_add (self->feedback, fb);
      g_ptr_array_add (self->marks, mark);
    }

  self->result = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->result_icon = gtk_image_new ();
  self->result_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->result_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->result_label), TRUE);
  gtk_widget_set_hexpand (self->result_label, TRUE);
  gtk_box_append (GTK_BOX (self->result), self->result_icon);
  gtk_box_append (GTK_BOX (self->result), self->result_label);
  gtk_widget_add_css_class (self->result, "heading");
  gtk_widget_add_css_class (self->result, "quiz-feedback");
  gtk_widget_set_visible (self->result, FALSE);
  gtk_widget_set_parent (self->result, box);

  self->explanation = markup_label (question->explanation, index);
  gtk_widget_set_visible (self->explanation, FALSE);
  gtk_widget_set_parent (self->explanation, box);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->check_button = pill_button (_("_Check"), "suggested-action");
  gtk_widget_set_sensitive (self->check_button, FALSE);
  g_signal_connect_object (self->check_button, "clicked", G_CALLBACK (mlr_quiz_question_check),
                           self, G_CONNECT_SWAPPED);
  self->answer_button = pill_button (_("Show _Answer"), NULL);
  gtk_widget_set_visible (self->answer_button, FALSE);
  g_signal_connect_object (self->answer_button, "clicked", G_CALLBACK (show_answer), self,
                           G_CONNECT_SWAPPED);
  self->retry_button = pill_button (_("_Try Again"), NULL);
  gtk_widget_set_visible (self->retry_button, FALSE);
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (mlr_quiz_question_reset),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->check_button);
  gtk_box_append (GTK_BOX (buttons), self->answer_button);
  gtk_box_append (GTK_BOX (buttons), self->retry_button);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_parent (buttons, box);
  return box;
}

static void
mlr_quiz_question_dispose (GObject *object)
{
  MlrQuizQuestion *self = MLR_QUIZ_QUESTION (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->feedback, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  G_OBJECT_CLASS (mlr_quiz_question_parent_class)->dispose (object);
}

static void
mlr_quiz_question_class_init (MlrQuizQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_quiz_question_dispose;

  /**
   * MlrQuizQuestion::checked:
   * The learner checked an answer (see mlr_quiz_question_is_correct()).
   */
  signals[SIGNAL_CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quizquestion");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mlr_quiz_question_init (MlrQuizQuestion *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "quiz-question");
  self->buttons = g_ptr_array_new ();
  self->feedback = g_ptr_array_new ();
  self->marks = g_ptr_array_new ();
}
