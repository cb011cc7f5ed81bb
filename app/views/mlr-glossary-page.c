/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The glossary: every term the lessons define, A to Z, with its definition and a link back to
 * the lesson that teaches it (win.open-lesson, at the section where the term is first used).
 * A filter narrows it to the terms whose name or definition holds the text typed; a row of
 * letters jumps to each letter's terms.
 */
#include "config.h"

#include "mlr-glossary-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lessons/mlr-roadmap.h"
#include "lessons/mlr-search.h"
#include "mlr-markup.h"
#include "mlr-text.h"

struct _MlrGlossaryPage
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *viewport;
  GtkWidget *box;
  GtkWidget *filter;      /* GtkSearchEntry */
  GtkWidget *letters;     /* the A–Z buttons */
  GtkWidget *none;        /* "No terms match" */
  GPtrArray *entries;     /* GtkWidget*, one per term */
  GPtrArray *haystacks;   /* char*, lower-cased term and definition, same order */
  GPtrArray *headings;    /* GtkWidget*, the letter heading above each term, same order */
  guint      n_terms;
};

G_DEFINE_FINAL_TYPE (MlrGlossaryPage, mlr_glossary_page, GTK_TYPE_WIDGET)

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const MlrGlossaryRef *ra = *(const MlrGlossaryRef **) a;
  const MlrGlossaryRef *rb = *(const MlrGlossaryRef **) b;
  g_autofree char *la = g_utf8_strdown (ra->entry->term, -1);
  g_autofree char *lb = g_utf8_strdown (rb->entry->term, -1);

  return g_utf8_collate (la, lb);
}

static GtkWidget *
text (const char *markup,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  mlr_label_open_lesson_links (label);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return mlr_text_new (label);
}

/* Shows the terms that hold the filter's text (all of them for none), each letter heading that
 * has a term left, and says so when none is. */
static void
apply_filter (MlrGlossaryPage *self)
{
  const char *query = self->filter ? gtk_editable_get_text (GTK_EDITABLE (self->filter)) : "";
  g_autofree char *needle = g_utf8_strdown (query, -1);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  guint n = 0;

  g_strstrip (needle);
  for (guint i = 0; i < self->entries->len; i++)
    {
      gboolean match = *needle == '\0' || strstr (self->haystacks->pdata[i], needle) != NULL;

      gtk_widget_set_visible (self->entries->pdata[i], match);
      if (match)
        {
          g_hash_table_add (shown, self->headings->pdata[i]);
          n++;
        }
    }
  for (guint i = 0; i < self->headings->len; i++)
    gtk_widget_set_visible (self->headings->pdata[i],
                            g_hash_table_contains (shown, self->headings->pdata[i]));
  if (self->none != NULL)
    gtk_widget_set_visible (self->none, n == 0 && self->entries->len > 0);
  if (self->letters != NULL)
    gtk_widget_set_visible (self->letters, *needle == '\0');
}

/* Scrolls to @heading (a letter). */
static void
letter_clicked_cb (GtkButton *button,
                   GtkWidget *heading)
{
  GtkWidget *page = gtk_widget_get_ancestor (heading, MLR_TYPE_GLOSSARY_PAGE);
  MlrGlossaryPage *self = MLR_GLOSSARY_PAGE (page);
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_point_t p;

  if (gtk_widget_compute_point (heading, self->box, &GRAPHENE_POINT_INIT (0, 0), &p))
    gtk_adjustment_set_value (vadj, p.y);
}

/**
 * mlr_glossary_page_set_index:
 * Fills the page from @index (all loaded lessons); NULL shows that it is still loading.
 */
void
mlr_glossary_page_set_index (MlrGlossaryPage       *self,
                             const MlrContentIndex *index)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gunichar letter = 0;
  GtkWidget *heading = NULL;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  gtk_box_append (GTK_BOX (self->box), text (_("Glossary"), "title-1"));
  self->n_terms = 0;
  self->filter = self->letters = self->none = NULL;
  g_ptr_array_set_size (self->entries, 0);
  g_ptr_array_set_size (self->haystacks, 0);
  g_ptr_array_set_size (self->headings, 0);
  if (index == NULL)
    {
      gtk_box_append (GTK_BOX (self->box), text (_("Reading the lessons…"), "dim-label"));
      return;
    }

  g_hash_table_iter_init (&iter, index->glossary);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (refs, value);
  g_ptr_array_sort (refs, compare_terms);
  {
    g_autofree char *intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u term defined in the lessons.",
                                                           "%u terms defined in the lessons.",
                                                           refs->len), refs->len);
    gtk_box_append (GTK_BOX (self->box), text (intro, "dim-label"));
  }
  self->filter = gtk_search_entry_new ();
  g_object_set (self->filter, "placeholder-text", _("Filter terms"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter the glossary"), -1);
  g_signal_connect_object (self->filter, "search-changed", G_CALLBACK (apply_filter), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), self->filter);
  self->letters = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->letters), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->letters), 30);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->letters), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->letters), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Jump to a letter"), -1);
  gtk_box_append (GTK_BOX (self->box), self->letters);
  self->none = text (_("No terms match."), "dim-label");
  gtk_widget_set_visible (self->none, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->none);

  for (guint i = 0; i < refs->len; i++)
    {
      const MlrGlossaryRef *ref = g_ptr_array_index (refs, i);
      gunichar first = g_unichar_toupper (g_utf8_get_char (ref->entry->term));
      GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *term = g_markup_escape_text (ref->entry->term, -1);
      g_autofree char *def = mlr_inlines_to_markup (ref->entry->definition, NULL);
      /* the lesson's name as the sidebar says it */
      const MlrRoadmapLesson *where = mlr_roadmap_find (index->roadmap, ref->lesson->id);
      g_autofree char *link = g_strdup_printf (_("Taught in “%s”"),
                                               where ? where->title : ref->lesson->title);
      GtkWidget *button = gtk_button_new_with_label (link);
      g_autofree char *place = NULL;
      g_autofree char *plain = mlr_inlines_to_plain (ref->entry->definition);
      g_autofree char *hay = g_strdup_printf ("%s\n%s", ref->entry->term, plain);

      if (first != letter || heading == NULL)
        {
          char buf[8] = { 0 };
          GtkWidget *jump;
          letter = first;
          g_unichar_to_utf8 (letter, buf);
          heading = text (buf, "title-3");
          gtk_box_append (GTK_BOX (self->box), heading);
          jump = gtk_button_new_with_label (buf);
          gtk_widget_add_css_class (jump, "flat");
          g_signal_connect_object (jump, "clicked", G_CALLBACK (letter_clicked_cb), heading, 0);
          gtk_flow_box_append (GTK_FLOW_BOX (self->letters), jump);
        }
      gtk_box_append (GTK_BOX (entry), text (term, "heading"));
      gtk_box_append (GTK_BOX (entry), text (def, NULL));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "link");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      place = mlr_roadmap_place (ref->lesson->id,
                                 mlr_lesson_find_term_section (ref->lesson, ref->entry->key));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-lesson");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", place);
      gtk_box_append (GTK_BOX (entry), button);
      gtk_box_append (GTK_BOX (self->box), entry);
      g_ptr_array_add (self->entries, entry);
      g_ptr_array_add (self->haystacks, g_utf8_strdown (hay, -1));
      g_ptr_array_add (self->headings, heading);
      self->n_terms++;
    }
  apply_filter (self);
}

/**
 * mlr_glossary_page_filter:
 * Shows only the terms whose name or definition holds @text, as typing it into the page's
 * filter does; returns how many show.
 */
guint
mlr_glossary_page_filter (MlrGlossaryPage *self,
                          const char      *text)
{
  guint n = 0;

  g_return_val_if_fail (MLR_IS_GLOSSARY_PAGE (self), 0);
  if (self->filter == NULL)
    return 0;
  gtk_editable_set_text (GTK_EDITABLE (self->filter), text);
  apply_filter (self);
  for (guint i = 0; i < self->entries->len; i++)
    n += gtk_widget_get_visible (self->entries->pdata[i]);
  return n;
}

guint
mlr_glossary_page_get_n_terms (MlrGlossaryPage *self)
{
  return self->n_terms;
}

GtkWidget *
mlr_glossary_page_new (void)
{
  return g_object_new (MLR_TYPE_GLOSSARY_PAGE, NULL);
}

static void
mlr_glossary_page_dispose (GObject *object)
{
  MlrGlossaryPage *self = MLR_GLOSSARY_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->haystacks, g_ptr_array_unref);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  G_OBJECT_CLASS (mlr_glossary_page_parent_class)->dispose (object);
}

static void
mlr_glossary_page_class_init (MlrGlossaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_glossary_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "glossarypage");
}

static void
mlr_glossary_page_init (MlrGlossaryPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->entries = g_ptr_array_new ();
  self->haystacks = g_ptr_array_new_with_free_func (g_free);
  self->headings = g_ptr_array_new ();
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->viewport = gtk_viewport_new (NULL, NULL);
  gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (self->viewport), GTK_SCROLL_NATURAL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 18);
  gtk_widget_set_margin_end (self->box, 18);
  gtk_widget_set_margin_top (self->box, 24);
  gtk_widget_set_margin_bottom (self->box, 36);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 780);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  gtk_viewport_set_child (GTK_VIEWPORT (self->viewport), clamp);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->viewport);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  mlr_glossary_page_set_index (self, NULL);
}
