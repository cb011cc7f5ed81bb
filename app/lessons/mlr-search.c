/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-search.h"

#include <string.h>

#define SNIPPET_CONTEXT 50   /* characters either side of a body match */
#define MAX_QUERY_WORDS 8

/* A glossary entry, found by its term. */
typedef struct {
  const MlrRoadmapLesson *entry;      /* the lesson that defines it */
  char                   *term;
  char                   *lowered;
  char                   *definition; /* plain text */
  int                     section;    /* where the lesson first uses it, or -1 */
} TermDoc;

typedef struct {
  const MlrRoadmapLesson *entry;
  char                   *title;      /* lower-cased */
  char                   *keywords;   /* lower-cased, joined */
  char                   *glossary;   /* lower-cased terms, joined */
  GPtrArray              *sections;   /* plain text per top-level section */
  GPtrArray              *lowered;    /* lower-cased, same order */
} Doc;

struct _MlrSearchIndex
{
  GPtrArray *docs;   /* Doc*, in roadmap order */
  GPtrArray *terms;  /* TermDoc*, in roadmap order */
};

static void
term_doc_free (gpointer data)
{
  TermDoc *t = data;

  g_free (t->term);
  g_free (t->lowered);
  g_free (t->definition);
  g_free (t);
}

static void
doc_free (gpointer data)
{
  Doc *d = data;

  g_free (d->title);
  g_free (d->keywords);
  g_free (d->glossary);
  g_ptr_array_unref (d->sections);
  g_ptr_array_unref (d->lowered);
  g_free (d);
}

/* Lower case keeps the number of characters (unlike case folding, which turns ß into ss), so
 * a match's character offset in the lowered text is its offset in the original. */
static char *
lower (const char *s)
{
  return g_utf8_strdown (s ? s : "", -1);
}

MlrSearchIndex *
mlr_search_index_new (const MlrContentIndex *content)
{
  MlrSearchIndex *index = g_new0 (MlrSearchIndex, 1);

  index->docs = g_ptr_array_new_with_free_func (doc_free);
  index->terms = g_ptr_array_new_with_free_func (term_doc_free);
  for (guint i = 0; i < content->roadmap->lessons->len; i++)
    {
      const MlrRoadmapLesson *entry = g_ptr_array_index (content->roadmap->lessons, i);
      MlrLesson *lesson = g_hash_table_lookup (content->lessons, entry->id);
      g_autofree char *keywords = NULL;
      GString *glossary = g_string_new (NULL);
      Doc *d;

      if (lesson == NULL)
        continue;
      d = g_new0 (Doc, 1);
      d->entry = entry;
      d->title = lower (lesson->title);
      keywords = g_strjoinv ("\n", lesson->keywords);
      d->keywords = lower (keywords);
      for (guint j = 0; j < lesson->glossary->len; j++)
        {
          const MlrGlossaryEntry *e = g_ptr_array_index (lesson->glossary, j);
          TermDoc *td = g_new0 (TermDoc, 1);

          g_string_append_printf (glossary, "%s\n", e->term);
          td->entry = entry;
          td->term = g_strdup (e->term);
          td->lowered = lower (e->term);
          td->definition = mlr_inlines_to_plain (e->definition);
          td->section = mlr_lesson_find_term_section (lesson, e->key);
          g_ptr_array_add (index->terms, td);
        }
      d->glossary = lower (glossary->str);
      g_string_free (glossary, TRUE);
      d->sections = g_ptr_array_new_with_free_func (g_free);
      d->lowered = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < lesson->sections->len; j++)
        {
          char *text = mlr_block_to_plain (g_ptr_array_index (lesson->sections, j));
          g_ptr_array_add (d->sections, text);
          g_ptr_array_add (d->lowered, lower (text));
        }
      g_ptr_array_add (index->docs, d);
    }
  return index;
}

void
mlr_search_index_free (MlrSearchIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->docs);
  g_ptr_array_unref (index->terms);
  g_free (index);
}

static void
result_free (gpointer data)
{
  MlrSearchResult *r = data;

  g_free (r->snippet);
  g_free (r->term);
  g_free (r);
}

/* @text escaped for markup on one line: a line break (between a heading and its paragraph,
 * or two paragraphs) reads as " · ", so a heading does not run into the text after it. */
static char *
snippet_part (const char *text)
{
  static GRegex *breaks;
  g_autofree char *joined = NULL;

  if (g_once_init_enter (&breaks))
    g_once_init_leave (&breaks, g_regex_new ("[ \\t]*\\n\\s*", G_REGEX_OPTIMIZE, 0, NULL));
  joined = g_regex_replace_literal (breaks, text, -1, 0, " · ", 0, NULL);
  g_strdelimit (joined, "\t", ' ');
  return g_markup_escape_text (joined, -1);
}

/* Escaped text of @text around the character offset of a match, the match in bold. */
static char *
make_snippet (const char *text,
              glong       match_start,
              glong       match_chars)
{
  glong total = g_utf8_strlen (text, -1);
  glong from = MAX (0, match_start - SNIPPET_CONTEXT);
  glong to = MIN (total, match_start + match_chars + SNIPPET_CONTEXT);
  const char *p_from = g_utf8_offset_to_pointer (text, from);
  const char *p_match = g_utf8_offset_to_pointer (text, MIN (match_start, total));
  const char *p_end = g_utf8_offset_to_pointer (text, MIN (match_start + match_chars, total));
  const char *p_to = g_utf8_offset_to_pointer (text, to);
  g_autofree char *before = g_strndup (p_from, p_match - p_from);
  g_autofree char *match = g_strndup (p_match, p_end - p_match);
  g_autofree char *after = g_strndup (p_end, p_to - p_end);
  g_autofree char *eb = NULL;
  g_autofree char *em = NULL;
  g_autofree char *ea = NULL;

  eb = snippet_part (before);
  em = snippet_part (match);
  ea = snippet_part (after);
  return g_strdup_printf ("%s%s<b>%s</b>%s%s", from > 0 ? "…" : "", eb, em, ea,
                          to < total ? "…" : "");
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const MlrSearchResult *ra = *(MlrSearchResult **) a;
  const MlrSearchResult *rb = *(MlrSearchResult **) b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  return ra->entry->index < rb->entry->index ? -1 : ra->entry->index > rb->entry->index;
}

/* Whether @p (inside @text) starts a word. */
static gboolean
at_word_start (const char *text,
               const char *p)
{
  gunichar prev;

  if (p == text)
    return TRUE;
  prev = g_utf8_get_char (g_utf8_prev_char (p));
  return !g_unichar_isalnum (prev);
}

/* Occurrences of @needle in @haystack, up to @cap; one inside a word counts a third. */
static double
count_weighted (const char *haystack,
                const char *needle,
                guint       cap)
{
  double n = 0;
  guint seen = 0;
  gsize len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p && seen < cap; p = strstr (p + len, needle))
    {
      n += at_word_start (haystack, p) ? 1 : 1.0 / 3;
      seen++;
    }
  return n;
}

/* Glossary terms whose name holds the query (as a phrase), as results of their own: an exact
 * name first, then names that start with it, then the rest. */
static void
search_terms (const MlrSearchIndex *index,
              const char           *phrase,
              GPtrArray            *results)
{
  for (guint i = 0; i < index->terms->len; i++)
    {
      const TermDoc *td = g_ptr_array_index (index->terms, i);
      const char *at = strstr (td->lowered, phrase);
      MlrSearchResult *r;
      g_autofree char *def = NULL;

      if (at == NULL || !at_word_start (td->lowered, at))
        continue;
      r = g_new0 (MlrSearchResult, 1);
      r->entry = td->entry;
      r->field = MLR_SEARCH_FIELD_TERM;
      r->term = g_strdup (td->term);
      r->section = td->section;
      r->score = g_str_equal (td->lowered, phrase) ? 1000 : at == td->lowered ? 600 : 300;
      def = g_markup_escape_text (td->definition, -1);
      r->snippet = g_steal_pointer (&def);
      g_ptr_array_add (results, r);
    }
}

/**
 * mlr_search:
 * Lessons matching every word of @query (case-insensitive), best first, with the glossary
 * terms whose name holds the query. The query as a phrase counts most (so "learning rate"
 * finds the lessons about learning rates before one that says "learning" in its title), then
 * each word, in the title, keywords, glossary and body, in that order; a word counts fully at
 * the start of a word and a third inside one. Returns a GPtrArray of MlrSearchResult*
 * (possibly empty; empty for a blank query).
 */
GPtrArray *
mlr_search (const MlrSearchIndex *index,
            const char           *query,
            guint                 max_results)
{
  GPtrArray *results = g_ptr_array_new_with_free_func (result_free);
  g_autofree char *q = lower (query);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (q), " \t\n", -1);
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  g_autofree char *phrase = NULL;

  for (guint i = 0; words[i] && terms->len < MAX_QUERY_WORDS; i++)
    if (*words[i])
      g_ptr_array_add (terms, words[i]);
  if (terms->len == 0)
    return results;
  g_ptr_array_add (terms, NULL);
  phrase = g_strjoinv (" ", (char **) terms->pdata);
  g_ptr_array_set_size (terms, terms->len - 1);

  search_terms (index, phrase, results);
  for (guint d = 0; d < index->docs->len; d++)
    {
      const Doc *doc = g_ptr_array_index (index->docs, d);
      double score = 0;
      gboolean all = TRUE, title_all = TRUE;
      MlrSearchField best = MLR_SEARCH_FIELD_BODY;
      int section = -1;
      glong match_at = -1, match_chars = 0;
      const char *snippet_source = NULL;

      /* The phrase, where the query has more than one word. */
      if (terms->len > 1)
        {
          if (strstr (doc->title, phrase))
            score += 300;
          if (strstr (doc->keywords, phrase))
            {
              score += 150;
              best = MIN (best, MLR_SEARCH_FIELD_KEYWORD);
            }
          if (strstr (doc->glossary, phrase))
            {
              score += 150;
              best = MIN (best, MLR_SEARCH_FIELD_GLOSSARY);
            }
          for (guint s = 0; s < doc->lowered->len; s++)
            {
              const char *text = g_ptr_array_index (doc->lowered, s);
              double n = count_weighted (text, phrase, 10);
              if (n == 0)
                continue;
              score += 60 + 15 * n;
              if (section < 0)
                {
                  section = (int) s;
                  match_at = g_utf8_pointer_to_offset (text, strstr (text, phrase));
                  match_chars = g_utf8_strlen (phrase, -1);
                  snippet_source = g_ptr_array_index (doc->sections, s);
                }
            }
        }

      for (guint t = 0; t < terms->len && all; t++)
        {
          const char *term = g_ptr_array_index (terms, t);
          gboolean found = FALSE;
          double in_title = count_weighted (doc->title, term, 1);

          if (in_title > 0)
            {
              score += 100 * in_title / terms->len;
              found = TRUE;
            }
          else
            title_all = FALSE;
          if (strstr (doc->keywords, term))
            {
              score += 40;
              best = MIN (best, MLR_SEARCH_FIELD_KEYWORD);
              found = TRUE;
            }
          if (strstr (doc->glossary, term))
            {
              score += 30;
              best = MIN (best, MLR_SEARCH_FIELD_GLOSSARY);
              found = TRUE;
            }
          for (guint s = 0; s < doc->lowered->len; s++)
            {
              const char *text = g_ptr_array_index (doc->lowered, s);
              double n = count_weighted (text, term, 20);
              if (n == 0)
                continue;
              /* Body matches add up, but many of them never outrank a title match. */
              score += 1 + 0.25 * n;
              found = TRUE;
              if (section < 0)
                {
                  section = (int) s;
                  match_at = g_utf8_pointer_to_offset (text, strstr (text, term));
                  match_chars = g_utf8_strlen (term, -1);
                  snippet_source = g_ptr_array_index (doc->sections, s);
                }
            }
          all = found;
        }
      if (!all)
        continue;
      if (title_all)
        best = MLR_SEARCH_FIELD_TITLE;
      {
        MlrSearchResult *r = g_new0 (MlrSearchResult, 1);
        r->entry = doc->entry;
        r->field = best;
        r->score = score;
        r->section = best == MLR_SEARCH_FIELD_TITLE ? -1 : section;
        if (snippet_source != NULL)
          r->snippet = make_snippet (snippet_source, match_at, match_chars);
        else
          r->snippet = g_strdup ("");
        g_ptr_array_add (results, r);
      }
    }
  g_ptr_array_sort (results, compare_results);
  if (max_results > 0 && results->len > max_results)
    g_ptr_array_set_size (results, max_results);
  return results;
}

static gboolean
inlines_use_term (const GPtrArray *inlines,
                  const char      *key)
{
  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->kind == MLR_INLINE_TERM && g_strcmp0 (in->target, key) == 0)
        return TRUE;
      if (in->children && inlines_use_term (in->children, key))
        return TRUE;
    }
  return FALSE;
}

static gboolean
block_uses_term (const MlrBlock *b,
                 const char     *key)
{
  if (inlines_use_term (b->inlines, key) || inlines_use_term (b->caption, key))
    return TRUE;
  for (guint i = 0; b->items && i < b->items->len; i++)
    if (inlines_use_term (g_ptr_array_index (b->items, i), key))
      return TRUE;
  for (guint i = 0; b->rows && i < b->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (b->rows, i);
      for (guint j = 0; j < row->len; j++)
        if (inlines_use_term (g_ptr_array_index (row, j), key))
          return TRUE;
    }
  for (guint i = 0; b->children && i < b->children->len; i++)
    if (block_uses_term (g_ptr_array_index (b->children, i), key))
      return TRUE;
  return FALSE;
}

/* The top-level section where @key is first used as a <term>, or -1. */
int
mlr_lesson_find_term_section (const MlrLesson *lesson,
                              const char      *key)
{
  for (guint i = 0; i < lesson->sections->len; i++)
    if (block_uses_term (g_ptr_array_index (lesson->sections, i), key))
      return (int) i;
  return -1;
}
