/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-sidebar-item.h"

#include "lessons/mlr-lessons-enums.h"
#include "mlr-views-enums.h"

struct _MlrSidebarItem
{
  GObject                 parent_instance;

  MlrSidebarItemKind      kind;
  char                   *lesson_id;
  char                   *title;
  char                   *icon_name;
  char                   *tooltip;
  MlrLessonState          state;

  /* Borrowed: the roadmap outlives the sidebar's model */
  const MlrRoadmapLesson *entry;
};

G_DEFINE_FINAL_TYPE (MlrSidebarItem, mlr_sidebar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_LESSON_ID,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_TOOLTIP,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mlr_sidebar_item_new_lesson:
 * An item for the roadmap lesson @entry, not started until told otherwise.
 */
MlrSidebarItem *
mlr_sidebar_item_new_lesson (const MlrRoadmapLesson *entry)
{
  MlrSidebarItem *self = g_object_new (MLR_TYPE_SIDEBAR_ITEM,
                                       "kind", MLR_SIDEBAR_ITEM_LESSON,
                                       "lesson-id", entry->id,
                                       "title", entry->title,
                                       NULL);

  self->entry = entry;
  return self;
}

/**
 * mlr_sidebar_item_new_page:
 * An item for a page to explore (the demos, the glossary).
 */
MlrSidebarItem *
mlr_sidebar_item_new_page (MlrSidebarItemKind  kind,
                           const char         *icon_name,
                           const char         *title,
                           const char         *tooltip)
{
  g_return_val_if_fail (kind != MLR_SIDEBAR_ITEM_LESSON, NULL);
  return g_object_new (MLR_TYPE_SIDEBAR_ITEM,
                       "kind", kind,
                       "icon-name", icon_name,
                       "title", title,
                       "tooltip", tooltip,
                       NULL);
}

MlrSidebarItemKind
mlr_sidebar_item_get_kind (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), MLR_SIDEBAR_ITEM_LESSON);
  return self->kind;
}

/* The roadmap lesson, or NULL for a page. */
const MlrRoadmapLesson *
mlr_sidebar_item_get_entry (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), NULL);
  return self->entry;
}

const char *
mlr_sidebar_item_get_lesson_id (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), NULL);
  return self->lesson_id;
}

const char *
mlr_sidebar_item_get_title (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), NULL);
  return self->title;
}

const char *
mlr_sidebar_item_get_icon_name (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), NULL);
  return self->icon_name;
}

const char *
mlr_sidebar_item_get_tooltip (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), NULL);
  return self->tooltip;
}

MlrLessonState
mlr_sidebar_item_get_state (MlrSidebarItem *self)
{
  g_return_val_if_fail (MLR_IS_SIDEBAR_ITEM (self), MLR_LESSON_NOT_STARTED);
  return self->state;
}

/**
 * mlr_sidebar_item_set_state:
 * The learner's progress on the lesson; rows showing the item follow it.
 */
void
mlr_sidebar_item_set_state (MlrSidebarItem *self,
                            MlrLessonState  state)
{
  g_return_if_fail (MLR_IS_SIDEBAR_ITEM (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
mlr_sidebar_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MlrSidebarItem *self = MLR_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_LESSON_ID:
      g_value_set_string (value, self->lesson_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;
    case PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_sidebar_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MlrSidebarItem *self = MLR_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_LESSON_ID:
      self->lesson_id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_ICON_NAME:
      self->icon_name = g_value_dup_string (value);
      break;
    case PROP_TOOLTIP:
      self->tooltip = g_value_dup_string (value);
      break;
    case PROP_STATE:
      mlr_sidebar_item_set_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_sidebar_item_finalize (GObject *object)
{
  MlrSidebarItem *self = MLR_SIDEBAR_ITEM (object);

  g_free (self->lesson_id);
  g_free (self->title);
  g_free (self->icon_name);
  g_free (self->tooltip);
  G_OBJECT_CLASS (mlr_sidebar_item_parent_class)->finalize (object);
}

static void
mlr_sidebar_item_class_init (MlrSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mlr_sidebar_item_get_property;
  object_class->set_property = mlr_sidebar_item_set_property;
  object_class->finalize = mlr_sidebar_item_finalize;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MLR_TYPE_SIDEBAR_ITEM_KIND, MLR_SIDEBAR_ITEM_LESSON,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LESSON_ID] =
    g_param_spec_string ("lesson-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * MlrSidebarItem:state:
   * The learner's progress on the lesson.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MLR_TYPE_LESSON_STATE, MLR_LESSON_NOT_STARTED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlr_sidebar_item_init (MlrSidebarItem *self)
{
}
