/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader's further resources: articles, documentation, videos, courses and books,
 * each a titled http(s) link with an optional note.
 */
#include "mlr-lesson-loader-private.h"

void
mlr_loader_resource_free (gpointer data)
{
  MlrResource *r = data;

  g_free (r->title);
  g_free (r->href);
  g_clear_pointer (&r->note, g_ptr_array_unref);
  g_free (r);
}

gboolean
mlr_loader_add_resource (Loader  *l,
                         xmlNode *c,
                         gpointer data)
{
  static const char * const attrs[] = { "type", "href", "title", NULL };
  static const char * const types[] = { "article", "docs", "video", "course", "book", NULL };
  g_autofree char *type = NULL;
  g_autofree char *href = NULL;
  g_autofree char *title = NULL;
  GPtrArray *note;
  MlrResource *r;

  if (!mlr_loader_check_attributes (l, c, attrs))
    return FALSE;
  type = mlr_loader_require_attr (l, c, "type");
  href = mlr_loader_require_attr (l, c, "href");
  title = mlr_loader_require_attr (l, c, "title");
  if (type == NULL || href == NULL || title == NULL)
    return FALSE;
  if (!in_names (types, type))
    {
      error_at (l, c, "type=\"%s\" is not a resource type (use article, docs, video, course or "
                "book)", type);
      return FALSE;
    }
  if (!mlr_loader_check_web_url (l, c, href))
    return FALSE;
  if (*g_strstrip (title) == '\0')
    {
      error_at (l, c, "<resource> needs a non-empty title");
      return FALSE;
    }
  note = mlr_loader_parse_inlines (l, c, INLINE_FULL, 0);
  if (note == NULL)
    return FALSE;
  r = g_new0 (MlrResource, 1);
  for (guint i = 0; types[i]; i++)
    if (g_str_equal (types[i], type))
      r->type = (MlrResourceType) i;
  r->href = g_steal_pointer (&href);
  r->title = g_steal_pointer (&title);
  r->note = note;
  g_ptr_array_add (l->lesson->resources, r);
  return TRUE;
}
