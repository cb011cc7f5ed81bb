/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-lesson.h"

#include "mlr-math-linear.h"

#include <string.h>

/* Freeing. Every GPtrArray in the model owns its elements through a free func set by the
 * loader, so freeing the top-level arrays frees the tree. */

MlrLesson *
mlr_lesson_ref (MlrLesson *lesson)
{
  g_return_val_if_fail (lesson != NULL, NULL);
  g_atomic_int_inc (&lesson->ref_count);
  return lesson;
}

void
mlr_lesson_unref (MlrLesson *lesson)
{
  if (lesson == NULL || !g_atomic_int_dec_and_test (&lesson->ref_count))
    return;
  g_free (lesson->path);
  g_free (lesson->id);
  g_free (lesson->step);
  g_free (lesson->lang);
  g_free (lesson->title);
  g_clear_pointer (&lesson->summary, g_ptr_array_unref);
  g_strfreev (lesson->keywords);
  g_clear_pointer (&lesson->sections, g_ptr_array_unref);
  g_clear_pointer (&lesson->takeaways, g_ptr_array_unref);
  g_clear_pointer (&lesson->resources, g_ptr_array_unref);
  g_clear_pointer (&lesson->questions, g_ptr_array_unref);
  g_clear_pointer (&lesson->glossary, g_ptr_array_unref);
  g_clear_pointer (&lesson->term_uses, g_ptr_array_unref);
  g_clear_pointer (&lesson->link_uses, g_ptr_array_unref);
  g_free (lesson);
}

/* A formula as one line of plain text (∂L/∂w = 2x_(i+1) …): what a reader would type, so
 * search finds its symbols and names and word counts see it as a few words, not the many of
 * its spoken form. One that did not parse counts as its TeX. */
static void
append_formula (GString           *s,
                const MlrMathNode *math,
                const char        *tex)
{
  if (math != NULL)
    {
      g_autofree char *plain = mlr_math_to_plain (math);
      g_string_append (s, plain);
    }
  else if (tex != NULL)
    g_string_append (s, tex);
}

static void
append_plain (GString         *s,
              const GPtrArray *inlines)
{
  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->kind == MLR_INLINE_MATH)
        append_formula (s, in->math, in->text);
      else if (in->children)
        append_plain (s, in->children);
      else if (in->text)
        g_string_append (s, in->text);
    }
}

/* The text of running text with the markup dropped. */
char *
mlr_inlines_to_plain (const GPtrArray *inlines)
{
  GString *s = g_string_new (NULL);

  append_plain (s, inlines);
  return g_string_free (s, FALSE);
}

static void
append_block_plain (GString        *s,
                    const MlrBlock *b)
{
  #define SEP() G_STMT_START { if (s->len > 0) g_string_append_c (s, '\n'); } G_STMT_END
  switch (b->kind)
    {
    case MLR_BLOCK_SECTION:
    case MLR_BLOCK_CALLOUT:
      if (b->title)
        {
          SEP ();
          g_string_append (s, b->title);
        }
      for (guint i = 0; b->children && i < b->children->len; i++)
        append_block_plain (s, g_ptr_array_index (b->children, i));
      break;
    case MLR_BLOCK_PARAGRAPH:
      SEP ();
      append_plain (s, b->inlines);
      break;
    case MLR_BLOCK_MATH:
      SEP ();
      append_formula (s, b->math, b->text);
      break;
    case MLR_BLOCK_BULLET_LIST:
    case MLR_BLOCK_NUMBERED_LIST:
      for (guint i = 0; i < b->items->len; i++)
        {
          SEP ();
          append_plain (s, g_ptr_array_index (b->items, i));
        }
      break;
    case MLR_BLOCK_CODE:
      SEP ();
      g_string_append (s, b->text);
      break;
    case MLR_BLOCK_FIGURE:
      SEP ();
      g_string_append (s, b->alt);
      if (b->caption)
        {
          g_string_append_c (s, ' ');
          append_plain (s, b->caption);
        }
      break;
    case MLR_BLOCK_TABLE:
      if (b->caption)
        {
          SEP ();
          append_plain (s, b->caption);
        }
      if (b->header)
        for (guint j = 0; j < b->header->len; j++)
          {
            SEP ();
            append_plain (s, g_ptr_array_index (b->header, j));
          }
      for (guint i = 0; i < b->rows->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (b->rows, i);
          for (guint j = 0; j < row->len; j++)
            {
              SEP ();
              append_plain (s, g_ptr_array_index (row, j));
            }
        }
      break;
    case MLR_BLOCK_DEMO:
      if (b->caption)
        {
          SEP ();
          append_plain (s, b->caption);
        }
      break;
    default:
      break;
    }
  #undef SEP
}

char *
mlr_block_to_plain (const MlrBlock *block)
{
  GString *s = g_string_new (NULL);

  append_block_plain (s, block);
  return g_string_free (s, FALSE);
}

/* All the readable text of a lesson, one block per line: for search and word counts. */
char *
mlr_lesson_to_plain (const MlrLesson *lesson)
{
  GString *s = g_string_new (lesson->title);

  g_string_append_c (s, '\n');
  append_plain (s, lesson->summary);
  for (guint i = 0; i < lesson->sections->len; i++)
    {
      g_string_append_c (s, '\n');
      append_block_plain (s, g_ptr_array_index (lesson->sections, i));
    }
  for (guint i = 0; i < lesson->takeaways->len; i++)
    {
      g_string_append_c (s, '\n');
      append_plain (s, g_ptr_array_index (lesson->takeaways, i));
    }
  for (guint i = 0; i < lesson->questions->len; i++)
    {
      const MlrQuestion *q = g_ptr_array_index (lesson->questions, i);
      g_string_append_c (s, '\n');
      append_plain (s, q->prompt);
      for (guint j = 0; j < q->choices->len; j++)
        {
          const MlrChoice *c = g_ptr_array_index (q->choices, j);
          g_string_append_c (s, '\n');
          append_plain (s, c->answer);
          g_string_append_c (s, ' ');
          append_plain (s, c->feedback);
        }
      g_string_append_c (s, '\n');
      append_plain (s, q->explanation);
    }
  for (guint i = 0; i < lesson->glossary->len; i++)
    {
      const MlrGlossaryEntry *e = g_ptr_array_index (lesson->glossary, i);
      g_string_append_printf (s, "\n%s ", e->term);
      append_plain (s, e->definition);
    }
  return g_string_free (s, FALSE);
}

/* Runs of non-space characters in @text. */
guint
mlr_count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));
      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

guint
mlr_lesson_count_words (const MlrLesson *lesson)
{
  g_autofree char *text = mlr_lesson_to_plain (lesson);

  return mlr_count_words (text);
}

/* "Learning rate" -> "learning-rate", "Bayes' theorem" -> "bayes-theorem". Non-ASCII letters
 * are kept (lower-cased) so translated terms still get distinct keys. */
char *
mlr_glossary_key_for (const char *text)
{
  GString *key = g_string_new (NULL);
  gboolean pending_dash = FALSE;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        {
          if (pending_dash && key->len > 0)
            g_string_append_c (key, '-');
          pending_dash = FALSE;
          g_string_append_unichar (key, g_unichar_tolower (c));
        }
      else
        pending_dash = TRUE;
    }
  return g_string_free (key, FALSE);
}

const char *
mlr_resource_type_name (MlrResourceType type)
{
  static const char * const names[] = { "article", "docs", "video", "course", "book" };

  g_return_val_if_fail (type <= MLR_RESOURCE_BOOK, "article");
  return names[type];
}

const char *
mlr_demo_param_lookup (const MlrBlock *demo,
                       const char     *key)
{
  for (guint i = 0; demo->params && i < demo->params->len; i++)
    {
      const MlrDemoParam *p = g_ptr_array_index (demo->params, i);
      if (g_str_equal (p->key, key))
        return p->value;
    }
  return NULL;
}

/**
 * mlr_lesson_link_parse:
 * Splits a link to a lesson, "lesson:LESSON-ID" or "lesson:LESSON-ID#SECTION-ID", into its
 * ids (@section_id NULL when there is none). FALSE, and both left NULL, for anything else:
 * another scheme, an id that is not lower-case words joined by hyphens, a second "#".
 */
gboolean
mlr_lesson_link_parse (const char  *href,
                       char       **lesson_id,
                       char       **section_id)
{
  const char *rest, *hash;
  g_autofree char *id = NULL;

  g_return_val_if_fail (lesson_id != NULL && section_id != NULL, FALSE);
  *lesson_id = *section_id = NULL;
  if (href == NULL || !g_str_has_prefix (href, MLR_LESSON_LINK_PREFIX))
    return FALSE;
  rest = href + strlen (MLR_LESSON_LINK_PREFIX);
  hash = strchr (rest, '#');
  id = hash ? g_strndup (rest, hash - rest) : g_strdup (rest);
  if (!mlr_is_ident (id) || (hash != NULL && !mlr_is_ident (hash + 1)))
    return FALSE;
  *lesson_id = g_steal_pointer (&id);
  *section_id = hash ? g_strdup (hash + 1) : NULL;
  return TRUE;
}

static const MlrBlock *
find_section_in (const GPtrArray *blocks,
                 const char      *section_id)
{
  for (guint i = 0; blocks && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);
      const MlrBlock *found;

      if (b->kind != MLR_BLOCK_SECTION)
        continue;
      if (g_strcmp0 (b->id, section_id) == 0)
        return b;
      if ((found = find_section_in (b->children, section_id)) != NULL)
        return found;
    }
  return NULL;
}

/**
 * mlr_lesson_find_section:
 * The section (top-level or nested) whose id is @section_id, or NULL.
 */
const MlrBlock *
mlr_lesson_find_section (const MlrLesson *lesson,
                         const char      *section_id)
{
  g_return_val_if_fail (lesson != NULL, NULL);
  return section_id ? find_section_in (lesson->sections, section_id) : NULL;
}
