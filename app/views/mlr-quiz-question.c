/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One quiz question: pick (radio buttons for single choice, check boxes for multiple), check,
 * and see the feedback for every choice and the explanation; then try again.
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
  GPtrArray         *feedback;   /* GtkLabel*, one per choice */
  GtkWidget         *check_button;
  GtkWidget         *retry_button;
  GtkWidget         *result;
  GtkWidget         *explanation;
  gboolean           answered;
  gboolean           correct;
};

G_DEFINE_FINAL_TYPE (MlrQuizQuestion, mlr_quiz_question, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  return mlr_text_new (label);
}

static void
update_check_sensitivity (MlrQuizQuestion *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->buttons->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->buttons, i));
  gtk_widget_set_sensitive (self->check_button, any && !self->answered);
}

/**
 * mlr_quiz_question_check:
 * Reveals feedback for every choice and the explanation; returns whether the selection was
 * exactly the set of correct choices.
 */
gboolean
mlr_quiz_question_check (MlrQuizQuestion *self)
{
  guint right = 0, n_correct = 0;
  gboolean all_right = TRUE;

  g_return_val_if_fail (MLR_IS_QUIZ_QUESTION (self), FALSE);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      const MlrChoice *choice = g_ptr_array_index (self->question->choices, i);
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      GtkWidget *fb = g_ptr_array_index (self->feedback, i);
      gboolean chosen = gtk_check_button_get_active (GTK_CHECK_BUTTON (button));

      n_correct += choice->correct;
      right += choice->correct && chosen;
      if (chosen != choice->correct)
        all_right = FALSE;
      /* Show the feedback for what was chosen and for every right answer. */
      gtk_widget_set_visible (fb, chosen || choice->correct);
      gtk_widget_remove_css_class (fb, "correct");
      gtk_widget_remove_css_class (fb, "wrong");
      gtk_widget_add_css_class (fb, choice->correct ? "correct" : "wrong");
      gtk_widget_set_sensitive (button, FALSE);
    }

  self->answered = TRUE;
  self->correct = all_right;
  if (all_right)
    gtk_label_set_text (GTK_LABEL (self->result), _("Correct!"));
  else if (self->question->multiple)
    {
      g_autofree char *text = g_strdup_printf (_("Not quite: you found %u of the %u right "
                                                 "answers."), right, n_correct);
      gtk_label_set_text (GTK_LABEL (self->result), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->result), _("Not quite."));
  gtk_widget_remove_css_class (self->result, all_right ? "wrong" : "correct");
  gtk_widget_add_css_class (self->result, all_right ? "correct" : "wrong");
  gtk_widget_set_visible (self->result, TRUE);
  gtk_widget_set_visible (self->explanation, TRUE);
  gtk_widget_set_visible (self->check_button, FALSE);
  gtk_widget_set_visible (self->retry_button, TRUE);
  gtk_widget_grab_focus (self->retry_button);
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0);
  return all_right;
}

void
mlr_quiz_question_reset (MlrQuizQuestion *self)
{
  g_return_if_fail (MLR_IS_QUIZ_QUESTION (self));

  self->answered = FALSE;
  self->correct = FALSE;
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

gboolean
mlr_quiz_question_is_answered (MlrQuizQuestion *self)
{
  return self->answered;
}

gboolean
mlr_quiz_question_is_correct (MlrQuizQuestion *self)
{
  return self->answered && self->correct;
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
      GtkWidget *fb = markup_label (choice->feedback, index);
      g_autofree char *answer_plain = mlr_inlines_to_plain (choice->answer);

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
      g_signal_connect_object (button, "toggled", G_CALLBACK (update_check_sensitivity), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_parent (button, box);

      gtk_widget_add_css_class (fb, "quiz-feedback");
      gtk_widget_set_margin_start (fb, 30);
      gtk_widget_set_visible (fb, FALSE);
      gtk_widget_set_parent (fb, box);

      g_ptr_array_add (self->buttons, button);
      g_ptr_array_add (self->feedback, fb);
    }

  self->result = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->result), 0);
  gtk_widget_add_css_class (self->result, "heading");
  gtk_widget_add_css_class (self->result, "quiz-feedback");
  gtk_widget_set_visible (self->result, FALSE);
  gtk_widget_set_parent (self->result, box);

  self->explanation = markup_label (question->explanation, index);
  gtk_widget_set_visible (self->explanation, FALSE);
  gtk_widget_set_parent (self->explanation, box);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->check_button = gtk_button_new_with_mnemonic (_("_Check"));
  gtk_widget_add_css_class (self->check_button, "suggested-action");
  gtk_widget_add_css_class (self->check_button, "pill");
  gtk_widget_set_sensitive (self->check_button, FALSE);
  g_signal_connect_object (self->check_button, "clicked", G_CALLBACK (mlr_quiz_question_check),
                           self, G_CONNECT_SWAPPED);
  self->retry_button = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_add_css_class (self->retry_button, "pill");
  gtk_widget_set_visible (self->retry_button, FALSE);
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (mlr_quiz_question_reset),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->check_button);
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
}
