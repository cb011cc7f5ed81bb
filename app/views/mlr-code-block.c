/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A code block: GtkSourceView highlighting in the style scheme that matches the light or dark
 * style, selectable but not editable, with a copy button. Long lines scroll sideways instead
 * of wrapping, as code must.
 */
#include "config.h"

#include "mlr-code-block.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "demos/mlr-scroll-forward.h"
#include "demos/mlr-tooltip.h"

/* Room below the last line for a horizontal scroll bar, in pixels. */
#define SCROLLBAR_ROOM 14

struct _MlrCodeBlock
{
  GtkWidget        parent_instance;

  GtkWidget       *header;
  GtkSourceBuffer *buffer;
  GtkWidget       *view;
  char            *code;
  guint            overflow_idle;
};

G_DEFINE_FINAL_TYPE (MlrCodeBlock, mlr_code_block, GTK_TYPE_WIDGET)

static const char *
source_language_id (const char *lang)
{
  static const struct { const char *lang, *id; } map[] = {
    { "python", "python3" }, { "sql", "sql" }, { "bash", "sh" }, { "sh", "sh" },
    { "dockerfile", "dockerfile" }, { "yaml", "yaml" }, { "json", "json" }, { "toml", "toml" },
    { "c", "c" }, { "scala", "scala" }, { "r", "r" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (map[i].lang, lang) == 0)
      return map[i].id;
  return NULL;
}

static const char *
language_display_name (const char *lang)
{
  static const struct { const char *lang, *name; } map[] = {
    { "python", "Python" }, { "sql", "SQL" }, { "bash", "Bash" }, { "sh", "Shell" },
    { "dockerfile", "Dockerfile" }, { "yaml", "YAML" }, { "json", "JSON" }, { "toml", "TOML" },
    { "c", "C" }, { "scala", "Scala" }, { "r", "R" }, { "text", "Text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (map[i].lang, lang) == 0)
      return map[i].name;
  return lang;
}

static void
update_scheme (MlrCodeBlock *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
copy_clicked_cb (MlrCodeBlock *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  gdk_clipboard_set_text (clipboard, self->code);
  gtk_widget_activate_action (GTK_WIDGET (self), "lesson.toast", "s",
                              _("Code copied to the clipboard"));
}

/* Lines longer than the block: a fade at the edge says so (see style.css), and room below the
 * last line keeps a scroll bar, overlay or classic, from covering it. Applied after the layout
 * that changed the adjustment: a text view must not change its margins while it is laid out. */
static gboolean
apply_overflow_cb (gpointer user_data)
{
  MlrCodeBlock *self = user_data;
  GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->view));
  gboolean overflowing = gtk_adjustment_get_upper (hadj) - gtk_adjustment_get_lower (hadj) >
                         gtk_adjustment_get_page_size (hadj) + 0.5;

  self->overflow_idle = 0;
  if (overflowing != gtk_widget_has_css_class (GTK_WIDGET (self), "overflowing"))
    {
      if (overflowing)
        gtk_widget_add_css_class (GTK_WIDGET (self), "overflowing");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "overflowing");
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view),
                                       overflowing ? SCROLLBAR_ROOM : 0);
    }
  return G_SOURCE_REMOVE;
}

static void
update_overflow (MlrCodeBlock *self)
{
  if (self->overflow_idle == 0)
    self->overflow_idle = g_idle_add (apply_overflow_cb, self);
}

/* GtkSourceView parses a language's definitions when a buffer first highlights in it, and
 * frees the parsed form with the last buffer that uses it: with a page's code blocks, so the
 * next page parsed them again (~20 ms for Python). One empty buffer per language, never
 * freed, keeps them. */
static void
keep_language (GtkSourceLanguage *language)
{
  static GHashTable *keepers;  /* language id -> GtkSourceBuffer */
  const char *id = gtk_source_language_get_id (language);
  GtkSourceBuffer *buffer;

  if (keepers == NULL)
    keepers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (g_hash_table_contains (keepers, id))
    return;
  buffer = gtk_source_buffer_new_with_language (language);
  gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
  g_hash_table_insert (keepers, g_strdup (id), buffer);
}

/**
 * mlr_code_block_warm_language:
 * Parses the highlighting definitions of @lang (a lesson's `lang`, as for
 * mlr_code_block_new()) now, and keeps them for every code block after: call it in an idle,
 * for the languages the content uses. Unknown languages are ignored.
 */
void
mlr_code_block_warm_language (const char *lang)
{
  const char *lang_id = source_language_id (lang);
  GtkSourceLanguage *language;

  if (lang_id == NULL)
    return;
  language = gtk_source_language_manager_get_language (
    gtk_source_language_manager_get_default (), lang_id);
  if (language != NULL)
    keep_language (language);
}

GtkWidget *
mlr_code_block_new (const char *code,
                    const char *lang,
                    const char *title)
{
  MlrCodeBlock *self = g_object_new (MLR_TYPE_CODE_BLOCK, NULL);
  GtkSourceLanguageManager *langs = gtk_source_language_manager_get_default ();
  const char *lang_id = source_language_id (lang);
  GtkSourceLanguage *language = lang_id ? gtk_source_language_manager_get_language (langs,
                                                                                    lang_id)
                                        : NULL;
  GtkWidget *caption, *copy, *scroller;
  g_autofree char *accessible = NULL;

  self->code = g_strdup (code);
  self->buffer = gtk_source_buffer_new (NULL);
  if (language != NULL)
    {
      keep_language (language);
      gtk_source_buffer_set_language (self->buffer, language);
    }
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), code, -1);
  update_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->header, "code-header");
  caption = gtk_label_new (title ? title : language_display_name (lang));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_add_css_class (copy, "flat");
  mlr_widget_set_tooltip (copy, _("Copy Code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy code"), -1);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->header), caption);
  gtk_box_append (GTK_BOX (self->header), copy);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->view = gtk_source_view_new_with_buffer (self->buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->view), GTK_WRAP_NONE);
  accessible = g_strdup_printf (_("%s code"), language_display_name (lang));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  scroller = gtk_scrolled_window_new ();
  /* The page scrolls with the wheel over code; sideways scrolling stays with the block. */
  mlr_scroll_forward_vertical (scroller, FALSE);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)),
                           "changed", G_CALLBACK (update_overflow), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->view);
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

const char *
mlr_code_block_get_code (MlrCodeBlock *self)
{
  g_return_val_if_fail (MLR_IS_CODE_BLOCK (self), NULL);
  return self->code;
}

static void
mlr_code_block_dispose (GObject *object)
{
  MlrCodeBlock *self = MLR_CODE_BLOCK (object);
  GtkWidget *child;

  g_clear_handle_id (&self->overflow_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->buffer);
  G_OBJECT_CLASS (mlr_code_block_parent_class)->dispose (object);
}

static void
mlr_code_block_finalize (GObject *object)
{
  MlrCodeBlock *self = MLR_CODE_BLOCK (object);

  g_free (self->code);
  G_OBJECT_CLASS (mlr_code_block_parent_class)->finalize (object);
}

static void
mlr_code_block_class_init (MlrCodeBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_code_block_dispose;
  object_class->finalize = mlr_code_block_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codeblock");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mlr_code_block_init (MlrCodeBlock *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "code-block");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}
