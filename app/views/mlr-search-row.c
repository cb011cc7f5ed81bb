/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrSearchRow: how the search results show an MlrSearchHit: the lesson's title, its step,
 * and the text that matched, all said to screen readers in one sentence.
 */
#include "config.h"

#include "mlr-search-row.h"

struct _MlrSearchRow
{
  GtkListBoxRow  parent_instance;

  /* Owned state */
  MlrSearchHit  *hit;
};

G_DEFINE_FINAL_TYPE (MlrSearchRow, mlr_search_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_HIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
label_new (const char *text,
           gboolean    wrap,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
    }
  return label;
}

static void
mlr_search_row_constructed (GObject *object)
{
  MlrSearchRow *self = MLR_SEARCH_ROW (object);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = label_new (mlr_search_hit_get_title (self->hit), TRUE, "heading");
  const char *step = mlr_search_hit_get_step_label (self->hit);
  GtkWidget *where = label_new (step, FALSE, "caption");
  const char *snippet = mlr_search_hit_get_snippet (self->hit);
  g_autofree char *a11y = NULL;

  G_OBJECT_CLASS (mlr_search_row_parent_class)->constructed (object);

  gtk_widget_add_css_class (where, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), where);
  if (snippet != NULL)
    {
      GtkWidget *label = label_new (NULL, TRUE, "caption");

      gtk_label_set_markup (GTK_LABEL (label), snippet);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
      a11y = g_strdup_printf ("%s, %s: %s", mlr_search_hit_get_title (self->hit), step,
                              gtk_label_get_text (GTK_LABEL (label)));
    }
  else
    a11y = g_strdup_printf ("%s, %s", mlr_search_hit_get_title (self->hit), step);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

static void
mlr_search_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MlrSearchRow *self = MLR_SEARCH_ROW (object);

  switch (prop_id)
    {
    case PROP_HIT:
      g_value_set_object (value, self->hit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_search_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MlrSearchRow *self = MLR_SEARCH_ROW (object);

  switch (prop_id)
    {
    case PROP_HIT:
      self->hit = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_search_row_dispose (GObject *object)
{
  MlrSearchRow *self = MLR_SEARCH_ROW (object);

  g_clear_object (&self->hit);
  G_OBJECT_CLASS (mlr_search_row_parent_class)->dispose (object);
}

static void
mlr_search_row_class_init (MlrSearchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mlr_search_row_constructed;
  object_class->get_property = mlr_search_row_get_property;
  object_class->set_property = mlr_search_row_set_property;
  object_class->dispose = mlr_search_row_dispose;

  properties[PROP_HIT] =
    g_param_spec_object ("hit", NULL, NULL, MLR_TYPE_SEARCH_HIT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mlr_search_row_init (MlrSearchRow *self)
{
}

GtkWidget *
mlr_search_row_new (MlrSearchHit *hit)
{
  g_return_val_if_fail (MLR_IS_SEARCH_HIT (hit), NULL);
  return g_object_new (MLR_TYPE_SEARCH_ROW, "hit", hit, NULL);
}

MlrSearchHit *
mlr_search_row_get_hit (MlrSearchRow *self)
{
  g_return_val_if_fail (MLR_IS_SEARCH_ROW (self), NULL);
  return self->hit;
}
