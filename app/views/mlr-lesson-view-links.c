/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView's links and terms: web links open in the browser only when clicked and only
 * for http(s); a link to a lesson opens it in this window (at its section, if it names one);
 * a glossary term shows its definition in a popover, with the lesson that teaches it; the
 * further resources at the end of a lesson.
 */
#include "config.h"

#include "mlr-lesson-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlr-column-layout.h"
#include "mlr-markup.h"
#include "mlr-text.h"

typedef struct {
  MlrLessonView *view;
  char          *uri;
} ShowUriData;

static void
show_uri_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ShowUriData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open %s"), data->uri);
      g_signal_emit (data->view, _mlr_lesson_view_signals[SIGNAL_TOAST], 0, msg);
    }
  g_object_unref (data->view);
  g_free (data->uri);
  g_free (data);
}

static void
open_web_link (MlrLessonView *self,
               const char    *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ShowUriData *data;

  /* The loader already refuses anything else; this is the last line of defence. */
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return;
  if (g_getenv ("MLR_NO_BROWSER") != NULL)
    {
      g_signal_emit (self, _mlr_lesson_view_signals[SIGNAL_TOAST], 0, uri);
      return;
    }
  data = g_new0 (ShowUriData, 1);
  data->view = g_object_ref (self);
  data->uri = g_strdup (uri);
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                     NULL, show_uri_done, data);
}

static const MlrGlossaryEntry *
find_definition (MlrLessonView  *self,
                 const char     *key,
                 MlrLesson     **defined_in)
{
  const MlrGlossaryRef *ref;

  *defined_in = NULL;
  for (guint i = 0; self->lesson && i < self->lesson->glossary->len; i++)
    {
      const MlrGlossaryEntry *e = g_ptr_array_index (self->lesson->glossary, i);
      if (g_str_equal (e->key, key))
        {
          *defined_in = self->lesson;
          return e;
        }
    }
  ref = self->index ? mlr_content_index_lookup_term (self->index, key) : NULL;
  if (ref != NULL)
    {
      *defined_in = ref->lesson;
      return ref->entry;
    }
  return NULL;
}

static void
restore_tooltip (GtkPopover *popover,
                 GtkWidget  *label)
{
  gtk_widget_set_has_tooltip (label, TRUE);
}

static void
show_term (MlrLessonView *self,
           GtkWidget     *label,
           const char    *key)
{
  MlrLesson *defined_in = NULL;
  const MlrGlossaryEntry *entry = find_definition (self, key, &defined_in);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading, *body;
  double *pos = g_object_get_data (G_OBJECT (label), "click-pos");

  if (self->term_popover != NULL)
    gtk_widget_unparent (self->term_popover);
  self->term_popover = gtk_popover_new ();
  gtk_widget_set_parent (self->term_popover, label);
  if (pos != NULL)
    {
      GdkRectangle rect = { (int) pos[0], (int) pos[1], 1, 1 };
      gtk_popover_set_pointing_to (GTK_POPOVER (self->term_popover), &rect);
    }

  heading = gtk_label_new (entry ? entry->term : key);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  if (entry != NULL)
    {
      g_autofree char *markup = mlr_inlines_to_markup (entry->definition, NULL);
      body = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (body), markup);
    }
  else if (self->index == NULL)
    body = gtk_label_new (_("The glossary is still loading; try again in a moment."));
  else
    body = gtk_label_new (_("This term has no definition yet."));
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 48);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_box_append (GTK_BOX (box), body);
  if (defined_in != NULL && defined_in != self->lesson)
    {
      g_autofree char *text = g_strdup_printf (_("Read “%s”"), defined_in->title);
      GtkWidget *button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      /* The window opens it; the new page closes this popover. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-lesson");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", defined_in->id);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (self->term_popover), box);
  /* The term's hover tooltip says what the popover says: not both at once. */
  if (gtk_widget_get_has_tooltip (label))
    {
      gtk_widget_set_has_tooltip (label, FALSE);
      g_signal_connect_object (self->term_popover, "closed", G_CALLBACK (restore_tooltip),
                               label, 0);
    }
  gtk_popover_popup (GTK_POPOVER (self->term_popover));
}

static gboolean
activate_link_cb (GtkLabel      *label,
                  const char    *uri,
                  MlrLessonView *self)
{
  if (g_str_has_prefix (uri, MLR_TERM_URI_PREFIX))
    show_term (self, GTK_WIDGET (label), uri + strlen (MLR_TERM_URI_PREFIX));
  else if (g_str_has_prefix (uri, MLR_LESSON_LINK_PREFIX))
    /* The window opens it as the sidebar does; the new page replaces this label. */
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-lesson-link", "s", uri);
  else
    open_web_link (self, uri);
  return TRUE;  /* never let GTK open anything on its own */
}

static void
label_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  gpointer         user_data)
{
  GtkWidget *label = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  double *pos = g_new (double, 2);

  pos[0] = x;
  pos[1] = y;
  g_object_set_data_full (G_OBJECT (label), "click-pos", pos, g_free);
}

/* Links and glossary terms in @label open when clicked, and only as this file decides. */
void
_mlr_lesson_view_follow_links (MlrLessonView *self,
                               GtkWidget     *label)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (label_pressed_cb), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (label, "activate-link", G_CALLBACK (activate_link_cb), self, 0);
}

/* lesson.open-link: a further resource's row (its web address is the parameter). */
static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_web_link (MLR_LESSON_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* An AdwActionRow's column of title and subtitle: in libadwaita 1.2 a vertical GtkBox with the
 * style class "title". NULL if the row is built differently. */
static GtkWidget *
find_title_column (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BOX (c) && gtk_widget_has_css_class (c, "title") &&
          GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (c)) &&
          gtk_orientable_get_orientation (GTK_ORIENTABLE (c)) == GTK_ORIENTATION_VERTICAL)
        return c;
      if ((found = find_title_column (c)) != NULL)
        return found;
    }
  return NULL;
}

/* Puts each GtkLabel of @column (an AdwActionRow's title and subtitle) inside an MlrText, in
 * its place. Asked for its width, a wrapping GtkLabel lays its text out twice (on one line and
 * as narrow as it goes); counted on spark-and-hadoop, that was four of the seven layouts of each
 * resource's title and subtitle an open. The width does not decide anything here: the column is
 * the only child of its row that expands (see mlr-column-layout.c). The labels stay the row's
 * (its accessible name and description, its mnemonic); their style classes stay on them, and
 * the rules that address them as the column's children set only what they have anyway. */
static void
wrap_column_labels (GtkWidget *column)
{
  GtkWidget *c = gtk_widget_get_first_child (column);

  while (c != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (c);

      if (GTK_IS_LABEL (c))
        {
          GtkWidget *prev = gtk_widget_get_prev_sibling (c);
          GtkWidget *text;

          g_object_ref (c);
          gtk_box_remove (GTK_BOX (column), c);
          text = mlr_text_new (c);
          g_object_bind_property (c, "visible", text, "visible", G_BINDING_SYNC_CREATE);
          gtk_box_insert_child_after (GTK_BOX (column), text, prev);
          g_object_unref (c);
        }
      c = next;
    }
}

GtkWidget *
_mlr_lesson_view_build_resources (MlrLessonView *self)
{
  static const char * const icons[] = {
    "text-x-generic-symbolic", "help-browser-symbolic", "video-x-generic-symbolic",
    "x-office-presentation-symbolic", "accessories-dictionary-symbolic"
  };
  const char * const kinds[] = { _("Article"), _("Documentation"), _("Video"), _("Course"),
                                 _("Book") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();

  gtk_box_append (GTK_BOX (box),
                  _mlr_lesson_view_heading_label (_("Further resources"), "title-2"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < self->lesson->resources->len; i++)
    {
      const MlrResource *r = g_ptr_array_index (self->lesson->resources, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *column;
      g_autofree char *note = mlr_inlines_to_plain (r->note);
      g_autofree char *subtitle = *note ? g_strdup_printf ("%s · %s", kinds[r->type], note)
                                        : g_strdup (kinds[r->type]);
      g_autofree char *title = g_markup_escape_text (r->title, -1);
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (icons[r->type]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      mlr_widget_set_tooltip (row, r->href);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "lesson.open-link");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", r->href);
      /* The wrapping title and subtitle beside the icons: see mlr-column-layout.c. */
      column = find_title_column (row);
      if (column != NULL)
        {
          wrap_column_labels (column);
          mlr_column_layout_install (column);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
  return box;
}

void
_mlr_lesson_view_class_links_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "lesson.open-link", "s", open_link_action);
}
