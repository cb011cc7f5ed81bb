/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-markup.h"

#include <glib/gi18n.h>

#include "lessons/mlr-math-linear.h"

static void
append_escaped (GString    *s,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (s, escaped);
}

/* Inline code up to this many characters never breaks across lines: a short statement such as
 * `b[0] = 99` reads as one piece. Longer code may break at its spaces. */
#define UNBROKEN_CODE_CHARS 40

/* Inline code as it reads in running text: runs of white space (indentation, line breaks
 * from the XML) collapse to one space, and short code keeps its spaces from breaking. */
static void
append_code (GString    *s,
             const char *text)
{
  g_autoptr(GString) code = g_string_new (NULL);
  gboolean space = FALSE;
  const char *sep;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = code->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (code, ' ');
      space = FALSE;
      g_string_append_c (code, *p);
    }
  sep = g_utf8_strlen (code->str, -1) <= UNBROKEN_CODE_CHARS ? "\u00a0" : " ";
  g_string_replace (code, " ", sep, 0);
  append_escaped (s, code->str);
}

/* What a link to a lesson says when the pointer rests on it: which lesson (and section) it
 * opens, and that it opens here rather than in the browser. */
static char *
lesson_link_tooltip (const char            *href,
                     const MlrContentIndex *index)
{
  g_autofree char *lesson_id = NULL;
  g_autofree char *section_id = NULL;
  MlrLesson *lesson = NULL;
  const MlrBlock *section = NULL;

  if (index != NULL && mlr_lesson_link_parse (href, &lesson_id, &section_id))
    lesson = g_hash_table_lookup (index->lessons, lesson_id);
  if (lesson != NULL && section_id != NULL)
    section = mlr_lesson_find_section (lesson, section_id);
  if (section != NULL)
    /* Translators: the tooltip of a link to another lesson's section */
    return g_strdup_printf (_("Opens the lesson “%s” at “%s”"), lesson->title, section->title);
  if (lesson != NULL)
    /* Translators: the tooltip of a link to another lesson */
    return g_strdup_printf (_("Opens the lesson “%s”"), lesson->title);
  return g_strdup (_("Opens another lesson"));
}

static void
append_markup (GString               *s,
               const GPtrArray       *inlines,
               const MlrContentIndex *index)
{
  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);

      switch (in->kind)
        {
        case MLR_INLINE_TEXT:
          append_escaped (s, in->text);
          break;
        case MLR_INLINE_EM:
          g_string_append (s, "<i>");
          append_markup (s, in->children, index);
          g_string_append (s, "</i>");
          break;
        case MLR_INLINE_STRONG:
          g_string_append (s, "<b>");
          append_markup (s, in->children, index);
          g_string_append (s, "</b>");
          break;
        case MLR_INLINE_CODE:
          /* A light tint behind inline code reads in both light and dark styles; narrow
           * no-break spaces pad it without letting a line break next to it. */
          g_string_append (s, "<span font_family=\"monospace\" background=\"#808080\" "
                              "bgalpha=\"18%\">\u202f");
          append_code (s, in->text);
          g_string_append (s, "\u202f</span>");
          break;
        case MLR_INLINE_SUB:
        case MLR_INLINE_SUP:
          g_string_append (s, in->kind == MLR_INLINE_SUB ? "<sub>" : "<sup>");
          if (in->children)
            append_markup (s, in->children, index);
          else
            append_escaped (s, in->text);
          g_string_append (s, in->kind == MLR_INLINE_SUB ? "</sub>" : "</sup>");
          break;
        case MLR_INLINE_TERM:
          {
            const MlrGlossaryRef *ref = index ? mlr_content_index_lookup_term (index, in->target)
                                              : NULL;
            g_string_append (s, "<a href=\"" MLR_TERM_URI_PREFIX);
            append_escaped (s, in->target);
            g_string_append_c (s, '"');
            if (ref != NULL)
              {
                g_autofree char *def = mlr_inlines_to_plain (ref->entry->definition);
                g_string_append (s, " title=\"");
                append_escaped (s, def);
                g_string_append_c (s, '"');
              }
            g_string_append (s, ">");
            append_escaped (s, in->text);
            g_string_append (s, "</a>");
          }
          break;
        case MLR_INLINE_LINK:
          g_string_append (s, "<a href=\"");
          append_escaped (s, in->target);
          g_string_append (s, "\" title=\"");
          if (g_str_has_prefix (in->target, MLR_LESSON_LINK_PREFIX))
            {
              g_autofree char *tip = lesson_link_tooltip (in->target, index);
              append_escaped (s, tip);
            }
          else
            append_escaped (s, in->target);
          g_string_append (s, "\">");
          append_escaped (s, in->text);
          g_string_append (s, "</a>");
          break;
        case MLR_INLINE_MATH:
          if (in->math != NULL)
            {
              g_autofree char *math = mlr_math_to_markup (in->math);
              g_string_append (s, math);
            }
          else
            {
              /* Did not parse (the loader said why): the TeX as written, marked as an error. */
              g_string_append (s, "<span font_family=\"monospace\" underline=\"error\">");
              append_escaped (s, in->text);
              g_string_append (s, "</span>");
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

char *
mlr_inlines_to_markup (const GPtrArray       *inlines,
                       const MlrContentIndex *index)
{
  GString *s = g_string_new (NULL);

  append_markup (s, inlines, index);
  return g_string_free (s, FALSE);
}

gboolean
mlr_inlines_have_links (const GPtrArray *inlines)
{
  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->kind == MLR_INLINE_TERM || in->kind == MLR_INLINE_LINK)
        return TRUE;
      if (in->children && mlr_inlines_have_links (in->children))
        return TRUE;
    }
  return FALSE;
}

static gboolean
open_lesson_link_cb (GtkLabel   *label,
                     const char *uri,
                     gpointer    user_data)
{
  if (!g_str_has_prefix (uri, MLR_LESSON_LINK_PREFIX))
    return FALSE;  /* GTK's own handling, as before */
  gtk_widget_activate_action (GTK_WIDGET (label), "win.open-lesson-link", "s", uri);
  return TRUE;
}

/**
 * mlr_label_open_lesson_links:
 * Makes the links to lessons in @label (a label with markup from mlr_inlines_to_markup() that
 * the lesson page does not handle itself: quiz text, glossary definitions) open the lesson in
 * the window rather than go to the browser.
 */
void
mlr_label_open_lesson_links (GtkWidget *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_signal_connect (label, "activate-link", G_CALLBACK (open_lesson_link_cb), NULL);
}
