/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's quiz: questions with a prompt, two to six choices (each with the
 * feedback a learner sees) and an explanation; single-choice questions have one right answer.
 */
#include "mlr-lesson-loader-private.h"

#define MIN_CHOICES 2
#define MAX_CHOICES 6

static void
choice_free (gpointer data)
{
  MlrChoice *c = data;

  g_clear_pointer (&c->answer, g_ptr_array_unref);
  g_clear_pointer (&c->feedback, g_ptr_array_unref);
  g_free (c);
}

void
mlr_loader_question_free (gpointer data)
{
  MlrQuestion *q = data;

  g_clear_pointer (&q->prompt, g_ptr_array_unref);
  g_clear_pointer (&q->choices, g_ptr_array_unref);
  g_clear_pointer (&q->explanation, g_ptr_array_unref);
  g_free (q);
}

static gboolean
parse_bool (const char *s,
            gboolean   *out)
{
  if (g_str_equal (s, "true") || g_str_equal (s, "1"))
    *out = TRUE;
  else if (g_str_equal (s, "false") || g_str_equal (s, "0"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
add_choice (Loader      *l,
            xmlNode     *c,
            MlrQuestion *q)
{
  static const char * const attrs[] = { "correct", NULL };
  static const char * const inner[] = { "answer", "feedback", NULL };
  g_autofree char *correct = NULL;
  MlrChoice *choice;
  gboolean ok = TRUE;

  if (!mlr_loader_check_attributes (l, c, attrs))
    return FALSE;
  choice = g_new0 (MlrChoice, 1);
  correct = mlr_loader_get_attr (c, "correct");
  if (correct != NULL && !parse_bool (correct, &choice->correct))
    {
      error_at (l, c, "correct=\"%s\" must be true or false", correct);
      ok = FALSE;
    }
  for (xmlNode *k = c->children; k && ok; k = k->next)
    {
      if (is_element (k, "answer") && choice->answer == NULL && choice->feedback == NULL)
        ok = (choice->answer = mlr_loader_parse_text_block (l, k, NULL)) != NULL;
      else if (is_element (k, "feedback") && choice->answer != NULL && choice->feedback == NULL)
        ok = (choice->feedback = mlr_loader_parse_text_block (l, k, NULL)) != NULL;
      else
        ok = mlr_loader_check_order (l, k, c, inner, "a <choice> holds one <answer> and then "
                                     "one <feedback>");
    }
  if (ok && (choice->answer == NULL || choice->feedback == NULL))
    {
      error_at (l, c, "a <choice> needs an <answer> and then a <feedback> that explains why "
                "it is right or wrong");
      ok = FALSE;
    }
  if (!ok)
    {
      choice_free (choice);
      return FALSE;
    }
  g_ptr_array_add (q->choices, choice);
  return TRUE;
}

gboolean
mlr_loader_add_question (Loader  *l,
                         xmlNode *c,
                         gpointer data)
{
  static const char * const attrs[] = { "type", NULL };
  static const char * const inner[] = { "prompt", "choice", "explanation", NULL };
  g_autofree char *type = NULL;
  MlrQuestion *q;
  guint column, n_correct = 0;
  gboolean ok = TRUE;

  if (!mlr_loader_check_attributes (l, c, attrs))
    return FALSE;
  type = mlr_loader_require_attr (l, c, "type");
  if (type == NULL)
    return FALSE;
  if (!g_str_equal (type, "single") && !g_str_equal (type, "multiple"))
    {
      error_at (l, c, "type=\"%s\" is not a question type (use single or multiple)", type);
      return FALSE;
    }
  q = g_new0 (MlrQuestion, 1);
  q->multiple = g_str_equal (type, "multiple");
  q->choices = g_ptr_array_new_with_free_func (choice_free);
  mlr_xml_node_position (l->xdoc, c, &q->line, &column);

  for (xmlNode *k = c->children; k && ok; k = k->next)
    {
      if (is_element (k, "prompt") && q->prompt == NULL)
        ok = (q->prompt = mlr_loader_parse_text_block (l, k, NULL)) != NULL;
      else if (is_element (k, "choice") && q->prompt != NULL && q->explanation == NULL)
        ok = add_choice (l, k, q);
      else if (is_element (k, "explanation") && q->choices->len > 0 && q->explanation == NULL)
        ok = (q->explanation = mlr_loader_parse_text_block (l, k, NULL)) != NULL;
      else
        ok = mlr_loader_check_order (l, k, c, inner, "a <question> holds a <prompt>, then its "
                                     "<choice>s, then one <explanation>");
    }
  if (ok && q->prompt == NULL)
    {
      error_at (l, c, "<question> needs a <prompt>");
      ok = FALSE;
    }
  if (ok && q->explanation == NULL)
    {
      error_at (l, c, "<question> needs an <explanation> after its choices");
      ok = FALSE;
    }
  if (ok && (q->choices->len < MIN_CHOICES || q->choices->len > MAX_CHOICES))
    {
      error_at (l, c, "a question needs %d to %d choices; this one has %u", MIN_CHOICES,
                MAX_CHOICES, q->choices->len);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < q->choices->len; i++)
    n_correct += ((MlrChoice *) q->choices->pdata[i])->correct ? 1 : 0;
  if (ok && !q->multiple && n_correct != 1)
    {
      error_at (l, c, "a single-choice question needs exactly one choice with "
                "correct=\"true\"; this one has %u", n_correct);
      ok = FALSE;
    }
  if (ok && q->multiple && n_correct == 0)
    {
      error_at (l, c, "a multiple-choice question needs at least one choice with "
                "correct=\"true\"");
      ok = FALSE;
    }
  if (!ok)
    {
      mlr_loader_question_free (q);
      return FALSE;
    }
  g_ptr_array_add (l->lesson->questions, q);
  return TRUE;
}
