/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's glossary: the terms a lesson defines (<define term="…">), each under a
 * key that <term> uses in the text refer to.
 */
#include "mlr-lesson-loader-private.h"

void
mlr_loader_glossary_entry_free (gpointer data)
{
  MlrGlossaryEntry *e = data;

  g_free (e->key);
  g_free (e->term);
  g_clear_pointer (&e->definition, g_ptr_array_unref);
  g_free (e);
}

void
mlr_loader_term_use_free (gpointer data)
{
  MlrTermUse *u = data;

  g_free (u->key);
  g_free (u);
}

gboolean
mlr_loader_add_definition (Loader  *l,
                           xmlNode *c,
                           gpointer data)
{
  static const char * const attrs[] = { "term", "key", NULL };
  g_autofree char *term = NULL;
  g_autofree char *key = NULL;
  MlrGlossaryEntry *e;
  GPtrArray *definition;

  if (!mlr_loader_check_attributes (l, c, attrs))
    return FALSE;
  term = mlr_loader_require_attr (l, c, "term");
  if (term == NULL)
    return FALSE;
  g_strstrip (term);
  if (*term == '\0')
    {
      error_at (l, c, "<define> needs a non-empty term");
      return FALSE;
    }
  key = mlr_loader_get_attr (c, "key");
  if (key != NULL && !mlr_loader_check_ident (l, c, "key", key))
    return FALSE;
  if (key == NULL)
    key = mlr_glossary_key_for (term);
  if (*key == '\0')
    {
      error_at (l, c, "term=\"%s\" has no letters or digits to make a key; add key=\"…\"", term);
      return FALSE;
    }
  if (g_hash_table_contains (l->glossary_keys, key))
    {
      error_at (l, c, "the glossary key “%s” is defined twice in this lesson", key);
      return FALSE;
    }
  definition = mlr_loader_parse_text_block (l, c, attrs);
  if (definition == NULL)
    return FALSE;
  g_hash_table_add (l->glossary_keys, g_strdup (key));
  e = g_new0 (MlrGlossaryEntry, 1);
  e->key = g_steal_pointer (&key);
  e->term = g_steal_pointer (&term);
  e->definition = definition;
  mlr_xml_node_position (l->xdoc, c, &e->line, &e->column);
  g_ptr_array_add (l->lesson->glossary, e);
  return TRUE;
}
