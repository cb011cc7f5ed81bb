/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-text-demo.h"
#include "mlr-tooltip.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-text-painter.h"

#define MAX_TYPED_CHARS 250   /* the entry's limit: 250 characters stay within 1024 bytes */

struct _MlrTextDemo
{
  MlrDemo       parent_instance;

  GtkWidget    *entry;      /* the sentence */
  int           selected;   /* the chip whose counts show, or -1 */
};

G_DEFINE_FINAL_TYPE (MlrTextDemo, mlr_text_demo, MLR_TYPE_DEMO)

static MlrTextState *
state_of (MlrTextDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/**
 * mlr_text_demo_describe_state:
 * The picture in words: "“The service was not good”: 58% positive, so positive. Words: the
 * −0.07, service −0.21, … Negation: … Built-in reviews: trained on 496 of 662 sentences,
 * 67% right on the 166 held out."
 */
char *
mlr_text_demo_describe_state (const MlrTextState *state,
                              int                 selected)
{
  GString *s = g_string_new (NULL);
  const MlrTextChip *chips;
  guint n_chips, n_rows, n_train, n_test;
  double p = mlr_text_state_get_p_positive (state);
  g_autofree char *note = mlr_text_painter_note (state, selected);
  g_autofree char *pp = mlr_text_format_percent (p);
  g_autofree char *test = mlr_text_format_percent (mlr_text_state_get_test_accuracy (state));

  chips = mlr_text_state_get_chips (state, &n_chips);
  if (*mlr_text_state_get_text (state) == '\0')
    g_string_append_printf (s, _("No sentence yet: the prior alone gives %s positive."), pp);
  else
    g_string_append_printf (s, _("“%s”: %s positive, so %s."),
                            mlr_text_state_get_text (state), pp,
                            p > 0.5 ? _("positive") : _("negative"));
  for (guint i = 0; i < n_chips && i < 24; i++)
    {
      g_autofree char *v = chips[i].index < 0 ? g_strdup (_("unseen"))
                                              : mlr_text_format_log_odds (chips[i].log_odds);

      g_string_append (s, i == 0 ? _(" Features: ") : ", ");
      g_string_append_printf (s, "%s %s", chips[i].feature, v);
      if (i + 1 == n_chips || i + 1 == 24)
        g_string_append_c (s, '.');
    }
  if (note != NULL)
    g_string_append_printf (s, " %s", note);
  n_rows = mlr_text_state_get_n_rows (state, &n_train, &n_test);
  g_string_append_printf (s, _(" %s: trained on %u of %u sentences, %s right on the %u "
                               "held out."),
                          mlr_text_state_get_own_name (state)
                          ? mlr_text_state_get_own_name (state) : _("Built-in reviews"),
                          n_train, n_rows, test, n_test);
  return g_string_free (s, FALSE);
}

static char *
mlr_text_demo_describe (MlrDemo *demo)
{
  return mlr_text_demo_describe_state (mlr_demo_get_state (demo),
                                       MLR_TEXT_DEMO (demo)->selected);
}

static void
mlr_text_demo_draw (MlrDemo          *demo,
                    cairo_t          *cr,
                    int               width,
                    int               height,
                    const MlrPalette *palette)
{
  MlrTextPaintOptions options = { MLR_TEXT_DEMO (demo)->selected };

  mlr_text_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo), &options);
}

static void
select_chip (MlrTextDemo *self,
             int          chip)
{
  if (chip == self->selected)
    return;
  self->selected = chip;
  mlr_demo_changed (MLR_DEMO (self));
}

static void
pressed_cb (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            MlrTextDemo     *self)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  MlrTextLayout layout;
  int chip;

  mlr_text_painter_layout (cr, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                           mlr_demo_get_palette (MLR_DEMO (self)), state_of (self), &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  chip = mlr_text_painter_hit (&layout, x, y);
  gtk_widget_grab_focus (canvas);
  select_chip (self, chip == self->selected ? -1 : chip);
}

/* Left/Right: the previous or next chip (from none, the first or the last). */
static void
chip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrTextDemo *self = MLR_TEXT_DEMO (widget);
  int step = g_variant_get_int32 (parameter);
  guint n;

  mlr_text_state_get_chips (state_of (self), &n);
  if (n == 0)
    return;
  if (self->selected < 0)
    select_chip (self, step > 0 ? 0 : (int) n - 1);
  else
    select_chip (self, CLAMP (self->selected + step, 0, (int) n - 1));
}

static void
unselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  select_chip (MLR_TEXT_DEMO (widget), -1);
}

static void
bigrams_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);

  mlr_demo_set_param (demo, "ngrams",
                      mlr_params_get_int (mlr_demo_get_params (demo), "ngrams") == 2 ? "1" : "2",
                      NULL);
}

static void
entry_changed_cb (GtkEditable *editable,
                  MlrTextDemo *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (editable);

  if (g_strcmp0 (text, mlr_text_state_get_text (state_of (self))) == 0)
    return;
  if (!mlr_demo_set_param (MLR_DEMO (self), "text", text, &error))
    mlr_demo_toast (MLR_DEMO (self), error->message);
}

/* ---- the learner's sentences */

static gpointer
read_sentences (const char  *path,
                GError     **error)
{
  return mlr_text_data_load (path, TRUE, error);
}

static void
sentences_read (MlrDemo      *demo,
                const char   *base,
                gpointer      user_data,
                const GError *read_error)
{
  MlrTextDemo *self = MLR_TEXT_DEMO (demo);
  MlrTextData *data = user_data;
  g_autoptr(GError) error = read_error ? g_error_copy (read_error) : NULL;
  g_autofree char *msg = NULL;

  if (data == NULL || !mlr_text_state_set_corpus (state_of (self), data, base, &error))
    {
      msg = g_strdup_printf (_("Could not import the sentences: %s"), error->message);
      mlr_demo_toast (demo, msg);
      return;
    }
  self->selected = -1;
  mlr_demo_changed (demo);
  msg = g_strdup_printf (_("Learning from the %u sentences of “%s”"), data->n_rows, base);
  mlr_demo_toast (demo, msg);
}

/**
 * mlr_text_demo_import_file:
 * Reads the CSV at @path (text,label with labels 0 and 1) off the UI thread and learns from it
 * in place of the built-in reviews; a toast says what came of it.
 */
void
mlr_text_demo_import_file (MlrTextDemo *self,
                           const char  *path)
{
  mlr_demo_read_file_async (MLR_DEMO (self), path, read_sentences,
                            (GDestroyNotify) mlr_text_data_free, sentences_read);
}

static void
import_path (MlrDemo    *demo,
             const char *path)
{
  mlr_text_demo_import_file (MLR_TEXT_DEMO (demo), path);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), FALSE, _("Import Sentences"),
                       _("CSV files (text,label)"), NULL, import_path);
}

static void
builtin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrTextDemo *self = MLR_TEXT_DEMO (widget);

  if (mlr_text_state_get_own_name (state_of (self)) == NULL)
    return;
  if (mlr_text_state_set_corpus (state_of (self), NULL, NULL, NULL))
    {
      self->selected = -1;
      mlr_demo_changed (MLR_DEMO (self));
    }
}

/* ---- the widget */

static void
mlr_text_demo_changed (MlrDemo    *demo,
                       const char *key)
{
  MlrTextDemo *self = MLR_TEXT_DEMO (demo);
  guint n;

  if (state_of (self) == NULL)
    return;
  mlr_text_state_get_chips (state_of (self), &n);
  if (self->selected >= (int) n)
    self->selected = -1;
  if (self->entry != NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                 mlr_text_state_get_text (state_of (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), mlr_text_state_get_text (state_of (self)));
  if (key == NULL || g_str_equal (key, "ngrams"))
    gtk_widget_queue_resize (GTK_WIDGET (demo));
}

static void
mlr_text_demo_setup (MlrDemo *demo)
{
  MlrTextDemo *self = MLR_TEXT_DEMO (demo);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Sentence"));
  const char *tip = _("Type a sentence: the classifier reads it as you type");

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), demo);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (click));

  self->entry = gtk_entry_new ();
  gtk_widget_set_name (self->entry, "param-text");
  gtk_entry_set_max_length (GTK_ENTRY (self->entry), MAX_TYPED_CHARS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Type a review…"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 28);
  gtk_widget_set_hexpand (self->entry, TRUE);
  mlr_widget_set_tooltip (self->entry, tip);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), mlr_text_state_get_text (state_of (self)));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), self->entry);
  gtk_widget_set_hexpand (box, TRUE);
  mlr_demo_add_control (demo, 0, box);

  mlr_demo_add_menu_item (demo, _("_Import Sentences…"),
                          _("Learn from your own CSV: the columns text and label, label 1 "
                            "for positive and 0 for negative"),
                          "text.import");
  mlr_demo_add_menu_item (demo, _("_Built-in Reviews"),
                          _("Back from your sentences to the built-in reviews"),
                          "text.builtin");
}

static int
mlr_text_demo_canvas_height (MlrDemo *demo,
                             int      width)
{
  if (mlr_demo_get_state (demo) == NULL)
    return 420;
  return mlr_text_painter_preferred_height (width, mlr_demo_get_palette (demo),
                                            mlr_demo_get_state (demo));
}

static void
mlr_text_demo_class_init (MlrTextDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_text_demo_describe;
  demo_class->draw = mlr_text_demo_draw;
  demo_class->setup = mlr_text_demo_setup;
  demo_class->changed = mlr_text_demo_changed;
  demo_class->canvas_height = mlr_text_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Type in the Sentence box. Click a word to see its counts. Keys (click the picture "
       "first): Left and Right pick a word, Escape lets it go; B switches word pairs "
       "(bigrams) on and off."));

  gtk_widget_class_install_action (widget_class, "text.chip", "i", chip_action);
  gtk_widget_class_install_action (widget_class, "text.unselect", NULL, unselect_action);
  gtk_widget_class_install_action (widget_class, "text.bigrams", NULL, bigrams_action);
  gtk_widget_class_install_action (widget_class, "text.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "text.builtin", NULL, builtin_action);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Left, 0, "text.chip", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Left, 0, "text.chip", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Right, 0, "text.chip", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Right, 0, "text.chip", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Escape, 0, "text.unselect", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_b, 0, "text.bigrams", NULL);
  gtk_widget_class_set_css_name (widget_class, "textdemo");
}

static void
mlr_text_demo_init (MlrTextDemo *self)
{
  self->selected = -1;
}

int
mlr_text_demo_get_selected (MlrTextDemo *self)
{
  return self->selected;
}

GtkWidget *
mlr_text_demo_get_entry (MlrTextDemo *self)
{
  return self->entry;
}
