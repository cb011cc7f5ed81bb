/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The glossary: every term the lessons define, A to Z, with its definition and a link back to
 * the lesson that teaches it (win.open-lesson, at the section where the term is first used).
 */
#include "config.h"

#include "mlr-glossary-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

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
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return mlr_text_new (label);
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

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  gtk_box_append (GTK_BOX (self->box), text (_("Glossary"), "title-1"));
  self->n_terms = 0;
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

  for (guint i = 0; i < refs->len; i++)
    {
      const MlrGlossaryRef *ref = g_ptr_array_index (refs, i);
      gunichar first = g_unichar_toupper (g_utf8_get_char (ref->entry->term));
      GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *term = g_markup_escape_text (ref->entry->term, -1);
      g_autofree char *def = mlr_inlines_to_markup (ref->entry->definition, NULL);
      g_autofree char *link = g_strdup_printf (_("Taught in “%s”"), ref->lesson->title);
      GtkWidget *button = gtk_button_new_with_label (link);
      g_autofree char *place = NULL;

      if (first != letter)
        {
          char buf[8] = { 0 };
          letter = first;
          g_unichar_to_utf8 (letter, buf);
          gtk_box_append (GTK_BOX (self->box), text (buf, "title-3"));
        }
      gtk_box_append (GTK_BOX (entry), text (term, "heading"));
      gtk_box_append (GTK_BOX (entry), text (def, NULL));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      place = mlr_roadmap_place (ref->lesson->id,
                                 mlr_lesson_find_term_section (ref->lesson, ref->entry->key));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-lesson");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", place);
      gtk_box_append (GTK_BOX (entry), button);
      gtk_box_append (GTK_BOX (self->box), entry);
      self->n_terms++;
    }
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
