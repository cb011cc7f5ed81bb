/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-search-hit.h"

#include <glib/gi18n.h>

struct _MlrSearchHit
{
  GObject  parent_instance;

  char    *lesson_id;
  char    *title;
  char    *step_label;
  char    *snippet;     /* Pango markup, or NULL */
  int      section;     /* top-level section of the match, or -1 */
};

G_DEFINE_FINAL_TYPE (MlrSearchHit, mlr_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LESSON_ID,
  PROP_TITLE,
  PROP_STEP_LABEL,
  PROP_SNIPPET,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A hit for @result; it copies what it needs, so the result may go. A glossary term shows as
 * the term, "Glossary · <its lesson>" and its definition. */
MlrSearchHit *
mlr_search_hit_new (const MlrSearchResult *result)
{
  g_autofree char *step = NULL;

  if (result->term != NULL)
    /* Translators: where a glossary term in the search results comes from */
    step = g_strdup_printf (_("Glossary · %s"), result->entry->title);
  else
    step = mlr_roadmap_step_label (result->entry->step);
  return g_object_new (MLR_TYPE_SEARCH_HIT,
                       "lesson-id", result->entry->id,
                       "title", result->term != NULL ? result->term : result->entry->title,
                       "step-label", step,
                       "snippet", result->snippet && *result->snippet ? result->snippet : NULL,
                       "section", result->section,
                       NULL);
}

const char *
mlr_search_hit_get_lesson_id (MlrSearchHit *self)
{
  g_return_val_if_fail (MLR_IS_SEARCH_HIT (self), NULL);
  return self->lesson_id;
}

const char *
mlr_search_hit_get_title (MlrSearchHit *self)
{
  g_return_val_if_fail (MLR_IS_SEARCH_HIT (self), NULL);
  return self->title;
}

const char *
mlr_search_hit_get_step_label (MlrSearchHit *self)
{
  g_return_val_if_fail (MLR_IS_SEARCH_HIT (self), NULL);
  return self->step_label;
}

/* The matching text, Pango markup with the match in bold; NULL when the title matched. */
const char *
mlr_search_hit_get_snippet (MlrSearchHit *self)
{
  g_return_val_if_fail (MLR_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}

int
mlr_search_hit_get_section (MlrSearchHit *self)
{
  g_return_val_if_fail (MLR_IS_SEARCH_HIT (self), -1);
  return self->section;
}

static void
mlr_search_hit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlrSearchHit *self = MLR_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_LESSON_ID:
      g_value_set_string (value, self->lesson_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STEP_LABEL:
      g_value_set_string (value, self->step_label);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case PROP_SECTION:
      g_value_set_int (value, self->section);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_search_hit_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlrSearchHit *self = MLR_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_LESSON_ID:
      self->lesson_id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_STEP_LABEL:
      self->step_label = g_value_dup_string (value);
      break;
    case PROP_SNIPPET:
      self->snippet = g_value_dup_string (value);
      break;
    case PROP_SECTION:
      self->section = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_search_hit_finalize (GObject *object)
{
  MlrSearchHit *self = MLR_SEARCH_HIT (object);

  g_free (self->lesson_id);
  g_free (self->title);
  g_free (self->step_label);
  g_free (self->snippet);
  G_OBJECT_CLASS (mlr_search_hit_parent_class)->finalize (object);
}

static void
mlr_search_hit_class_init (MlrSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mlr_search_hit_get_property;
  object_class->set_property = mlr_search_hit_set_property;
  object_class->finalize = mlr_search_hit_finalize;

  properties[PROP_LESSON_ID] = g_param_spec_string ("lesson-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_STEP_LABEL] = g_param_spec_string ("step-label", NULL, NULL, NULL, flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  properties[PROP_SECTION] = g_param_spec_int ("section", NULL, NULL, -1, G_MAXINT, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlr_search_hit_init (MlrSearchHit *self)
{
  self->section = -1;
}
