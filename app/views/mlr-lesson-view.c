/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView: one lesson as a native page, built from the lesson model block by block, or
 * an error page that says exactly what is wrong and where. Links open only when clicked and
 * only for http(s); glossary terms show their definition in a popover.
 */
#include "config.h"

#include "mlr-lesson-view.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "demos/mlr-demo-canvas.h"
#include "demos/mlr-demo.h"
#include "lessons/mlr-expr.h"
#include "mlr-code-block.h"
#include "mlr-markup.h"
#include "mlr-quiz-question.h"
#include "mlr-text.h"

/* Figures are decoded at up to twice their shown size for HiDPI, and never larger than this,
 * whatever an image claims its size is. */
#define MAX_FIGURE_PIXELS 2048
#define MAX_SHOWN_DIAGNOSTICS 20

struct _MlrLessonView
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkWidget             *scroller;
  AdwClamp              *clamp;

  /* Owned state */
  MlrLesson             *lesson;
  char                  *lesson_id;
  GtkWidget             *page;
  GtkWidget             *term_popover;

  /* The page is built in slices: what fits the first frame now, the rest at idle priority,
   * so a lesson appears at once and the window stays responsive while the rest arrives. */
  GQueue                 pending;        /* PendingPart* */
  guint                  build_source;
  const MlrRoadmapLesson *next;          /* borrowed from the roadmap */
  double                 restore_fraction; /* < 0: none; else 0..1 of the page */
  guint                  restore_tick;
  int                    scroll_section; /* < 0: none; else a top-level section to show */

  /* Progress */
  MlrLessonState         state;
  gboolean               updating_state;
  GtkWidget             *done_button;
  GtkWidget             *skip_button;
  GPtrArray             *quiz_questions;  /* MlrQuizQuestion*, borrowed from the page */
  GtkWidget             *quiz_result;
  GtkWidget             *quiz_offer;
  GtkWidget             *body;            /* the box of top-level sections */
  GCancellable          *page_cancellable; /* work for the current page (figure decoding) */

  /* Borrowed: the window owns the index and outlives the view */
  const MlrContentIndex *index;
  MlrProgress           *progress;   /* borrowed from the application; may be NULL */
};

enum {
  SIGNAL_OPEN_LESSON,
  SIGNAL_TOAST,
  SIGNAL_SET_STATE,
  SIGNAL_QUIZ_FINISHED,
  SIGNAL_CHALLENGE_MET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlrLessonView, mlr_lesson_view, GTK_TYPE_WIDGET)

static void add_blocks (MlrLessonView *self, GtkBox *box, const GPtrArray *blocks);

/* Links and terms ------------------------------------------------------------------------- */

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
      g_signal_emit (data->view, signals[SIGNAL_TOAST], 0, msg);
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
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, uri);
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
open_term_lesson_cb (GtkButton     *button,
                     MlrLessonView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "lesson-id");

  if (self->term_popover)
    gtk_popover_popdown (GTK_POPOVER (self->term_popover));
  g_signal_emit (self, signals[SIGNAL_OPEN_LESSON], 0, id);
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
      g_object_set_data_full (G_OBJECT (button), "lesson-id", g_strdup (defined_in->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (open_term_lesson_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (self->term_popover), box);
  gtk_popover_popup (GTK_POPOVER (self->term_popover));
}

static gboolean
activate_link_cb (GtkLabel      *label,
                  const char    *uri,
                  MlrLessonView *self)
{
  if (g_str_has_prefix (uri, MLR_TERM_URI_PREFIX))
    show_term (self, GTK_WIDGET (label), uri + strlen (MLR_TERM_URI_PREFIX));
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

/* Building blocks -------------------------------------------------------------------------- */

static GtkWidget *
raw_text_label (MlrLessonView   *self,
                const GPtrArray *inlines)
{
  g_autofree char *markup = mlr_inlines_to_markup (inlines, self->index);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean links = mlr_inlines_have_links (inlines);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Text stays selectable with the mouse, but only labels with links take keyboard focus,
   * so Tab moves between things that do something. */
  gtk_widget_set_focusable (label, links);
  if (links)
    {
      GtkGesture *click = gtk_gesture_click_new ();
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click),
                                                  GTK_PHASE_CAPTURE);
      g_signal_connect (click, "pressed", G_CALLBACK (label_pressed_cb), NULL);
      gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
      g_signal_connect_object (label, "activate-link", G_CALLBACK (activate_link_cb), self, 0);
    }
  return label;
}

static GtkWidget *
raw_plain_label (const char *text,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Labels of running text go into the page wrapped in MlrText (see mlr-text.c for why). */
static GtkWidget *
text_label (MlrLessonView   *self,
            const GPtrArray *inlines)
{
  return mlr_text_new (raw_text_label (self, inlines));
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  return mlr_text_new (raw_plain_label (text, css_class));
}

static GtkLabel *
label_of (GtkWidget *text)
{
  return mlr_text_get_label (MLR_TEXT (text));
}

static GtkWidget *
heading_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = raw_plain_label (text, css_class);

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                  g_str_equal (css_class, "title-1") ? 1 :
                                  g_str_equal (css_class, "title-2") ? 2 : 3, -1);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  return mlr_text_new (label);
}

/* GTK 4.8 sets a widget's accessible role only at construction. */
static GtkWidget *
box_with_role (GtkOrientation        orientation,
               int                   spacing,
               GtkAccessibleRole     role)
{
  return g_object_new (GTK_TYPE_BOX, "orientation", orientation, "spacing", spacing,
                       "accessible-role", role, NULL);
}

static GtkWidget *
build_list (MlrLessonView  *self,
            const MlrBlock *b)
{
  GtkWidget *box = box_with_role (GTK_ORIENTATION_VERTICAL, 6, GTK_ACCESSIBLE_ROLE_LIST);
  for (guint i = 0; i < b->items->len; i++)
    {
      GtkWidget *row = box_with_role (GTK_ORIENTATION_HORIZONTAL, 8,
                                      GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      g_autofree char *marker = b->kind == MLR_BLOCK_NUMBERED_LIST
                                ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      GtkWidget *m = gtk_label_new (marker);
      GtkWidget *text = text_label (self, g_ptr_array_index (b->items, i));

      gtk_label_set_xalign (GTK_LABEL (m), 1);
      gtk_label_set_width_chars (GTK_LABEL (m), 3);
      gtk_widget_set_valign (m, GTK_ALIGN_START);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (row), m);
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (box), row);
    }
  return box;
}

static GtkWidget *
build_math (MlrLessonView  *self,
            const MlrBlock *b)
{
  g_autofree char *markup = mlr_inlines_to_markup (b->inlines, NULL);
  g_autofree char *plain = mlr_inlines_to_plain (b->inlines);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  plain, -1);
  {
    GtkWidget *text = mlr_text_new (label);
    gtk_widget_add_css_class (text, "math");  /* it pads: on the wrapper, see mlr-text.c */
    return text;
  }
}

static GtkWidget *
build_callout (MlrLessonView  *self,
               const MlrBlock *b)
{
  static const char * const classes[] = { "callout-tip", "callout-note", "callout-warning" };
  static const char * const icons[] = {
    "starred-symbolic", "dialog-information-symbolic", "dialog-warning-symbolic"
  };
  const char * const names[] = { _("Tip"), _("Note"), _("Warning") };
  GtkWidget *box = box_with_role (GTK_ORIENTATION_HORIZONTAL, 12, GTK_ACCESSIBLE_ROLE_NOTE);
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[b->callout_type]);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  const char *title = b->title ? b->title : names[b->callout_type];

  gtk_widget_add_css_class (box, "callout");
  gtk_widget_add_css_class (box, classes[b->callout_type]);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (inner), plain_label (title, "callout-title"));
  add_blocks (self, GTK_BOX (inner), b->children);
  gtk_widget_set_hexpand (inner, TRUE);
  gtk_box_append (GTK_BOX (box), inner);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return box;
}

static GtkWidget *
broken_part (const char *icon_name,
             const char *title,
             const char *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *msg = plain_label (message, NULL);

  gtk_widget_add_css_class (box, "callout");
  gtk_widget_add_css_class (box, "callout-warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (inner), plain_label (title, "callout-title"));
  gtk_label_set_selectable (label_of (msg), TRUE);
  gtk_box_append (GTK_BOX (inner), msg);
  gtk_box_append (GTK_BOX (box), inner);
  return box;
}

/* Figures decode off the UI thread: the first SVG costs librsvg ~20 ms to start, which would
 * otherwise land on the frame that shows the lesson. */
typedef struct {
  char   *path;
  guint   width;     /* as the author asked, 0 = natural */
  int     shown_w;
} FigureJob;

static void
figure_job_free (gpointer data)
{
  FigureJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
decode_figure_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FigureJob *job = task_data;
  GError *error = NULL;
  GdkPixbuf *pixbuf;
  int w = 0, h = 0;

  if (gdk_pixbuf_get_file_info (job->path, &w, &h) == NULL || w <= 0 || h <= 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("not an image this app can read"));
      return;
    }
  job->shown_w = job->width > 0 ? (int) job->width : w;
  pixbuf = gdk_pixbuf_new_from_file_at_scale (job->path,
                                              MIN (MAX_FIGURE_PIXELS, job->shown_w * 2),
                                              MAX_FIGURE_PIXELS, TRUE, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
figure_decoded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GtkWidget *clamp = GTK_WIDGET (source);
  GtkWidget *picture = adw_clamp_get_child (ADW_CLAMP (clamp));
  FigureJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pixbuf == NULL)
    {
      GtkWidget *box = gtk_widget_get_parent (clamp);
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *msg = g_strdup_printf ("“%s”: %s", base, error->message);
      if (box != NULL)
        gtk_box_insert_child_after (GTK_BOX (box),
                                    broken_part ("image-missing-symbolic",
                                                 _("This figure cannot be shown"), msg),
                                    clamp);
      gtk_widget_set_visible (clamp, FALSE);
      return;
    }
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
    gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
    /* The clamp caps the width at the intended size; the picture keeps its aspect ratio. */
    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), job->shown_w);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), job->shown_w);
  }
}

static GtkWidget *
build_figure (MlrLessonView  *self,
              const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture, *clamp;
  g_autoptr(GTask) task = NULL;
  FigureJob *job;

  if (b->error != NULL || b->path == NULL)
    {
      gtk_box_append (GTK_BOX (box), broken_part ("image-missing-symbolic",
                                                  _("This figure cannot be shown"),
                                                  b->error ? b->error : b->src));
      return box;
    }

  picture = gtk_picture_new ();
  clamp = adw_clamp_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), b->alt);
  gtk_widget_set_tooltip_text (picture, b->alt);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  gtk_box_append (GTK_BOX (box), clamp);

  job = g_new0 (FigureJob, 1);
  job->path = g_strdup (b->path);
  job->width = b->width;
  task = g_task_new (clamp, self->page_cancellable, figure_decoded_cb, NULL);
  g_task_set_task_data (task, job, figure_job_free);
  g_task_run_in_thread (task, decode_figure_thread);

  if (b->caption)
    {
      GtkWidget *caption = text_label (self, b->caption);
      gtk_label_set_xalign (label_of (caption), 0.5);
      gtk_label_set_justify (label_of (caption), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (caption, "figure-caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (box), caption);
    }
  return box;
}

static GtkWidget *
build_table (MlrLessonView  *self,
             const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *grid = g_object_new (GTK_TYPE_GRID, "accessible-role", GTK_ACCESSIBLE_ROLE_TABLE,
                                  NULL);
  guint row = 0;

  if (b->caption)
    {
      GtkWidget *caption = text_label (self, b->caption);
      gtk_widget_add_css_class (caption, "table-caption");
      gtk_widget_add_css_class (caption, "heading");
      gtk_box_append (GTK_BOX (box), caption);
    }
  if (b->header)
    {
      for (guint c = 0; c < b->header->len; c++)
        {
          GtkWidget *cell = text_label (self, g_ptr_array_index (b->header, c));
          gtk_widget_add_css_class (cell, "table-cell");
          gtk_widget_add_css_class (cell, "table-header");
          gtk_widget_set_hexpand (cell, TRUE);
          gtk_grid_attach (GTK_GRID (grid), cell, c, row, 1, 1);
        }
      row++;
    }
  for (guint r = 0; r < b->rows->len; r++, row++)
    {
      GPtrArray *cells = g_ptr_array_index (b->rows, r);
      for (guint c = 0; c < cells->len; c++)
        {
          GtkWidget *cell = text_label (self, g_ptr_array_index (cells, c));
          gtk_widget_add_css_class (cell, "table-cell");
          gtk_widget_set_hexpand (cell, TRUE);
          gtk_widget_set_valign (cell, GTK_ALIGN_FILL);
          gtk_label_set_yalign (label_of (cell), 0);
          gtk_grid_attach (GTK_GRID (grid), cell, c, row, 1, 1);
        }
    }
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_add_css_class (frame, "lesson-table");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (frame), grid);
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

/* Challenges ------------------------------------------------------------------------------ */

typedef struct {
  MlrLessonView      *view;      /* unowned: the row dies with the page */
  const MlrChallenge *challenge; /* borrowed from the lesson, which the view keeps */
  MlrDemo            *demo;
  GtkWidget          *icon;
  gboolean            met;
} ChallengeRow;

static void
show_met (ChallengeRow *row)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), "object-select-symbolic");
  gtk_widget_add_css_class (row->icon, "success");
  gtk_widget_set_tooltip_text (row->icon, _("Challenge met"));
}

static GVariant *
lookup_metric (const char *name,
               gpointer    user_data)
{
  return mlr_demo_lookup_metric (user_data, name);
}

static void
metrics_changed_cb (MlrDemo   *demo,
                    GtkWidget *line)
{
  ChallengeRow *row = g_object_get_data (G_OBJECT (line), "challenge-row");
  g_autofree char *text = NULL;
  g_autofree char *msg = NULL;

  if (row->met || row->challenge->goal == NULL ||
      !mlr_expr_eval (row->challenge->goal, lookup_metric, demo))
    return;
  row->met = TRUE;
  show_met (row);
  text = mlr_inlines_to_plain (row->challenge->text);
  msg = g_strdup_printf (_("Challenge met: %s"), text);
  g_signal_emit (row->view, signals[SIGNAL_CHALLENGE_MET], 0, row->challenge->id, msg);
}

static GtkWidget *
build_challenges (MlrLessonView  *self,
                  const MlrBlock *b,
                  MlrDemo        *demo)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "challenges");
  gtk_box_append (GTK_BOX (box), plain_label (_("Challenges"), "heading"));
  for (guint i = 0; i < b->challenges->len; i++)
    {
      const MlrChallenge *c = g_ptr_array_index (b->challenges, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *text = text_label (self, c->text);
      ChallengeRow *row = g_new0 (ChallengeRow, 1);

      row->view = self;
      row->challenge = c;
      row->demo = demo;
      row->icon = gtk_image_new_from_icon_name ("radio-symbolic");
      gtk_widget_set_tooltip_text (row->icon, _("Not met yet"));
      gtk_widget_set_valign (row->icon, GTK_ALIGN_START);
      gtk_widget_set_margin_top (row->icon, 2);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (line), row->icon);
      gtk_box_append (GTK_BOX (line), text);
      gtk_box_append (GTK_BOX (box), line);
      if (self->progress && self->lesson &&
          mlr_progress_has_challenge (self->progress, self->lesson->id, c->id))
        {
          row->met = TRUE;
          show_met (row);
        }
      g_object_set_data_full (G_OBJECT (line), "challenge-row", row, g_free);
      if (demo != NULL)
        {
          /* The row lives in the line's data; the handler goes when the line goes. */
          g_signal_connect_object (demo, "metrics-changed", G_CALLBACK (metrics_changed_cb),
                                   line, 0);
          /* The demo may have reported before we listened. */
          metrics_changed_cb (demo, line);
        }
    }
  return box;
}

static GtkWidget *
build_demo (MlrLessonView  *self,
            const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *demo = mlr_demo_new_for_block (b);

  gtk_box_append (GTK_BOX (box), demo);
  if (b->caption)
    {
      GtkWidget *caption = text_label (self, b->caption);
      gtk_widget_add_css_class (caption, "demo-caption");
      gtk_widget_add_css_class (caption, "dim-label");
      if (MLR_IS_DEMO (demo))
        mlr_demo_set_caption (MLR_DEMO (demo), caption);
      else
        gtk_box_append (GTK_BOX (box), caption);
    }
  if (b->challenges != NULL && b->challenges->len > 0)
    gtk_box_append (GTK_BOX (box),
                    build_challenges (self, b, MLR_IS_DEMO (demo) ? MLR_DEMO (demo) : NULL));
  return box;
}

static GtkWidget *
build_section (MlrLessonView  *self,
               const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = heading_label (b->title, b->level <= 1 ? "title-2" : "title-4");

  gtk_widget_add_css_class (title, "lesson-section-title");
  gtk_box_append (GTK_BOX (box), title);
  if (b->id)
    gtk_widget_set_name (box, b->id);
  add_blocks (self, GTK_BOX (box), b->children);
  return box;
}

static GtkWidget *
build_block (MlrLessonView  *self,
             const MlrBlock *b)
{
  switch (b->kind)
    {
    case MLR_BLOCK_SECTION:
      return build_section (self, b);
    case MLR_BLOCK_PARAGRAPH:
      return text_label (self, b->inlines);
    case MLR_BLOCK_BULLET_LIST:
    case MLR_BLOCK_NUMBERED_LIST:
      return build_list (self, b);
    case MLR_BLOCK_CODE:
      return mlr_code_block_new (b->text, b->lang, b->title);
    case MLR_BLOCK_MATH:
      return build_math (self, b);
    case MLR_BLOCK_CALLOUT:
      return build_callout (self, b);
    case MLR_BLOCK_FIGURE:
      return build_figure (self, b);
    case MLR_BLOCK_TABLE:
      return build_table (self, b);
    case MLR_BLOCK_DEMO:
      return build_demo (self, b);
    default:
      g_assert_not_reached ();
    }
}

static void
add_blocks (MlrLessonView   *self,
            GtkBox          *box,
            const GPtrArray *blocks)
{
  for (guint i = 0; blocks && i < blocks->len; i++)
    gtk_box_append (box, build_block (self, g_ptr_array_index (blocks, i)));
}

/* The parts after the sections ----------------------------------------------------------- */

static GtkWidget *
build_takeaways (MlrLessonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "takeaways");
  gtk_box_append (GTK_BOX (box), heading_label (_("Key Takeaways"), "title-4"));
  for (guint i = 0; i < self->lesson->takeaways->len; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *text = text_label (self, g_ptr_array_index (self->lesson->takeaways, i));

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_margin_top (icon, 2);
      gtk_widget_add_css_class (icon, "accent");
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (box), row);
    }
  return box;
}

static void
resource_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       MlrLessonView *self)
{
  const char *href = g_object_get_data (G_OBJECT (row), "href");

  if (href != NULL)
    open_web_link (self, href);
}

static GtkWidget *
build_resources (MlrLessonView *self)
{
  static const char * const icons[] = {
    "text-x-generic-symbolic", "help-browser-symbolic", "video-x-generic-symbolic",
    "x-office-presentation-symbolic", "accessories-dictionary-symbolic"
  };
  const char * const kinds[] = { _("Article"), _("Documentation"), _("Video"), _("Course"),
                                 _("Book") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();

  gtk_box_append (GTK_BOX (box), heading_label (_("Further Resources"), "title-2"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < self->lesson->resources->len; i++)
    {
      const MlrResource *r = g_ptr_array_index (self->lesson->resources, i);
      GtkWidget *row = adw_action_row_new ();
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
      gtk_widget_set_tooltip_text (row, r->href);
      g_object_set_data_full (G_OBJECT (row), "href", g_strdup (r->href), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (resource_activated_cb), self, 0);
  gtk_box_append (GTK_BOX (box), list);
  return box;
}

/* A quiz is passed with at least this share of right answers. */
#define QUIZ_PASS 0.8

static void
mark_done_clicked_cb (GtkButton     *button,
                      MlrLessonView *self)
{
  g_signal_emit (self, signals[SIGNAL_SET_STATE], 0, (int) MLR_LESSON_DONE);
}

static void
question_checked_cb (MlrQuizQuestion *question,
                     MlrLessonView   *self)
{
  guint answered = 0, right = 0, total = self->quiz_questions->len;
  g_autofree char *text = NULL;

  for (guint i = 0; i < total; i++)
    {
      MlrQuizQuestion *q = g_ptr_array_index (self->quiz_questions, i);
      answered += mlr_quiz_question_is_answered (q);
      right += mlr_quiz_question_is_correct (q);
    }
  if (answered < total)
    return;
  /* Every question has an answer: that is a result worth keeping. */
  g_signal_emit (self, signals[SIGNAL_QUIZ_FINISHED], 0, right, total);
  text = g_strdup_printf (_("You answered %u of %u questions correctly."), right, total);
  gtk_label_set_text (GTK_LABEL (self->quiz_result), text);
  gtk_widget_set_visible (self->quiz_result, TRUE);
  gtk_widget_set_visible (self->quiz_offer,
                          right >= QUIZ_PASS * total && self->state != MLR_LESSON_DONE);
}

static GtkWidget *
build_quiz (MlrLessonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *offer_label, *offer_button;

  gtk_box_append (GTK_BOX (box), heading_label (_("Check Your Understanding"), "title-2"));
  for (guint i = 0; i < self->lesson->questions->len; i++)
    {
      GtkWidget *q = mlr_quiz_question_new (g_ptr_array_index (self->lesson->questions, i),
                                            i + 1, self->index);
      g_ptr_array_add (self->quiz_questions, q);
      g_signal_connect_object (q, "checked", G_CALLBACK (question_checked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), q);
    }

  self->quiz_result = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->quiz_result), 0);
  gtk_widget_add_css_class (self->quiz_result, "heading");
  gtk_widget_set_visible (self->quiz_result, FALSE);
  gtk_box_append (GTK_BOX (box), self->quiz_result);

  self->quiz_offer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->quiz_offer, "callout");
  gtk_widget_add_css_class (self->quiz_offer, "callout-tip");
  offer_label = gtk_label_new (_("You passed the quiz. Mark this lesson as done?"));
  gtk_label_set_wrap (GTK_LABEL (offer_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (offer_label), 0);
  gtk_widget_set_hexpand (offer_label, TRUE);
  offer_button = gtk_button_new_with_mnemonic (_("Mark as _Done"));
  gtk_widget_add_css_class (offer_button, "pill");
  gtk_widget_set_valign (offer_button, GTK_ALIGN_CENTER);
  g_signal_connect (offer_button, "clicked", G_CALLBACK (mark_done_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->quiz_offer), offer_label);
  gtk_box_append (GTK_BOX (self->quiz_offer), offer_button);
  gtk_widget_set_visible (self->quiz_offer, FALSE);
  gtk_box_append (GTK_BOX (box), self->quiz_offer);
  return box;
}

static GtkWidget *
build_glossary (MlrLessonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_box_append (GTK_BOX (box), heading_label (_("Terms in This Lesson"), "title-2"));
  for (guint i = 0; i < self->lesson->glossary->len; i++)
    {
      const MlrGlossaryEntry *e = g_ptr_array_index (self->lesson->glossary, i);
      g_autofree char *term = g_markup_escape_text (e->term, -1);
      g_autofree char *def = mlr_inlines_to_markup (e->definition, NULL);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b> — %s", term, def);
      GtkWidget *label = raw_plain_label (NULL, NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_focusable (label, FALSE);
      gtk_box_append (GTK_BOX (box), mlr_text_new (label));
    }
  return box;
}

static void
next_clicked_cb (GtkButton     *button,
                 MlrLessonView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "lesson-id");

  g_signal_emit (self, signals[SIGNAL_OPEN_LESSON], 0, id);
}

static void
state_toggled_cb (GtkToggleButton *button,
                  MlrLessonView   *self)
{
  MlrLessonState target;

  if (self->updating_state)
    return;
  if (GTK_WIDGET (button) == self->done_button)
    target = gtk_toggle_button_get_active (button) ? MLR_LESSON_DONE : MLR_LESSON_IN_PROGRESS;
  else
    target = gtk_toggle_button_get_active (button) ? MLR_LESSON_SKIPPED : MLR_LESSON_IN_PROGRESS;
  g_signal_emit (self, signals[SIGNAL_SET_STATE], 0, (int) target);
}

static void
sync_state_buttons (MlrLessonView *self)
{
  if (self->done_button == NULL)
    return;
  self->updating_state = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->done_button),
                                self->state == MLR_LESSON_DONE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->skip_button),
                                self->state == MLR_LESSON_SKIPPED);
  gtk_button_set_label (GTK_BUTTON (self->done_button),
                        self->state == MLR_LESSON_DONE ? _("Done") : _("Mark as _Done"));
  gtk_button_set_label (GTK_BUTTON (self->skip_button),
                        self->state == MLR_LESSON_SKIPPED ? _("Skipped") : _("_Skip"));
  self->updating_state = FALSE;
  if (self->quiz_offer && self->state == MLR_LESSON_DONE)
    gtk_widget_set_visible (self->quiz_offer, FALSE);
}

static GtkWidget *
build_next (MlrLessonView          *self,
            const MlrRoadmapLesson *next)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button;
  g_autofree char *label = NULL;

  /* How the learner leaves this lesson: done, skipped, or just onwards. */
  self->done_button = gtk_toggle_button_new_with_mnemonic (_("Mark as _Done"));
  gtk_widget_add_css_class (self->done_button, "pill");
  gtk_widget_set_tooltip_text (self->done_button, _("Count this lesson as done (Ctrl+D)"));
  self->skip_button = gtk_toggle_button_new_with_mnemonic (_("_Skip"));
  gtk_widget_add_css_class (self->skip_button, "pill");
  gtk_widget_set_tooltip_text (self->skip_button,
                               _("You know this already: count it as covered"));
  g_signal_connect (self->done_button, "toggled", G_CALLBACK (state_toggled_cb), self);
  g_signal_connect (self->skip_button, "toggled", G_CALLBACK (state_toggled_cb), self);
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (row, 12);
  gtk_box_append (GTK_BOX (row), self->done_button);
  gtk_box_append (GTK_BOX (row), self->skip_button);
  gtk_box_append (GTK_BOX (box), row);
  sync_state_buttons (self);

  if (next == NULL)
    {
      GtkWidget *end = plain_label (_("You have reached the end of the roadmap."), "dim-label");
      gtk_label_set_xalign (label_of (end), 0.5);
      gtk_box_append (GTK_BOX (box), end);
      return box;
    }
  label = g_strdup_printf (_("Next: %s"), next->title);
  button = gtk_button_new_with_label (label);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Open the next lesson (Alt+→)"));
  g_object_set_data_full (G_OBJECT (button), "lesson-id", g_strdup (next->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (next_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/**
 * mlr_lesson_view_set_state:
 * Shows @state on the page (the done and skip buttons, the offer after a passed quiz).
 */
void
mlr_lesson_view_set_state (MlrLessonView  *self,
                           MlrLessonState  state)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->state = state;
  sync_state_buttons (self);
}

static GtkWidget *
build_header (MlrLessonView *self,
              const char    *step_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = heading_label (self->lesson->title, "title-1");
  g_autofree char *meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                        "%u minutes", self->lesson->minutes),
                                           self->lesson->minutes);
  GtkWidget *summary = text_label (self, self->lesson->summary);

  gtk_box_append (GTK_BOX (box), plain_label (step_label, "lesson-step"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), plain_label (meta, "dim-label"));
  gtk_widget_add_css_class (summary, "lesson-summary");
  gtk_box_append (GTK_BOX (box), summary);
  return box;
}

static GtkWidget *
build_problems_banner (const MlrDiagnostics *diags)
{
  g_autofree char *text = mlr_diagnostics_format (diags, MAX_SHOWN_DIAGNOSTICS);

  return broken_part ("dialog-warning-symbolic",
                      _("Parts of this lesson have problems and are shown as placeholders"),
                      text);
}

typedef enum {
  PART_BLOCK,
  PART_TAKEAWAYS,
  PART_RESOURCES,
  PART_QUIZ,
  PART_GLOSSARY,
  PART_NEXT,
} PartKind;

typedef struct {
  PartKind        kind;
  GtkWidget      *parent;   /* borrowed: a box inside the page */
  const MlrBlock *block;    /* PART_BLOCK */
} PendingPart;

/* Time one slice of page building may take: within a 60 Hz frame with room to paint. */
#define SLICE_USEC 6000
/* The first slice fills the first screen; a little longer is fine before the first frame. */
#define FIRST_SLICE_USEC 3000

static void
queue_part (MlrLessonView  *self,
            PartKind        kind,
            GtkWidget      *parent,
            const MlrBlock *block)
{
  PendingPart *part = g_new0 (PendingPart, 1);

  part->kind = kind;
  part->parent = parent;
  part->block = block;
  g_queue_push_tail (&self->pending, part);
}

static void
build_part (MlrLessonView *self,
            PendingPart   *part)
{
  GtkWidget *w = NULL;

  switch (part->kind)
    {
    case PART_BLOCK:
      if (part->block->kind == MLR_BLOCK_SECTION)
        {
          /* The section's heading now; its blocks go to the front of the queue, in order. */
          const MlrBlock *b = part->block;
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
          GtkWidget *title = heading_label (b->title, b->level <= 1 ? "title-2" : "title-4");

          gtk_widget_add_css_class (title, "lesson-section-title");
          gtk_box_append (GTK_BOX (box), title);
          if (b->id)
            gtk_widget_set_name (box, b->id);
          gtk_box_append (GTK_BOX (part->parent), box);
          for (guint i = b->children->len; i > 0; i--)
            {
              PendingPart *child = g_new0 (PendingPart, 1);
              child->kind = PART_BLOCK;
              child->parent = box;
              child->block = g_ptr_array_index (b->children, i - 1);
              g_queue_push_head (&self->pending, child);
            }
          return;
        }
      w = build_block (self, part->block);
      break;
    case PART_TAKEAWAYS:
      w = build_takeaways (self);
      break;
    case PART_RESOURCES:
      w = build_resources (self);
      break;
    case PART_QUIZ:
      w = build_quiz (self);
      break;
    case PART_GLOSSARY:
      w = build_glossary (self);
      break;
    case PART_NEXT:
      w = build_next (self, self->next);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_box_append (GTK_BOX (part->parent), w);
}

static gboolean
restore_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  MlrLessonView *self = MLR_LESSON_VIEW (widget);
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double range = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
  GtkWidget *target = NULL;

  /* Wait for the layout of the complete page. */
  if (gtk_widget_get_height (self->page) <= 0)
    return G_SOURCE_CONTINUE;
  if (self->scroll_section >= 0 && self->body != NULL)
    {
      int i = 0;
      for (GtkWidget *c = gtk_widget_get_first_child (self->body); c;
           c = gtk_widget_get_next_sibling (c), i++)
        if (i == self->scroll_section)
          target = c;
    }
  if (target != NULL)
    {
      graphene_point_t p;
      if (gtk_widget_compute_point (target, self->page, &GRAPHENE_POINT_INIT (0, 0), &p))
        gtk_adjustment_set_value (vadj, MAX (0, p.y - 12));
    }
  else if (self->restore_fraction >= 0 && range > 0)
    gtk_adjustment_set_value (vadj, self->restore_fraction * range);
  self->restore_fraction = -1;
  self->scroll_section = -1;
  self->restore_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
finish_page (MlrLessonView *self)
{
  if ((self->restore_fraction >= 0 || self->scroll_section >= 0) && self->restore_tick == 0)
    self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_tick_cb,
                                                       NULL, NULL);
}

/* Builds queued parts until @budget_usec has passed; TRUE when the page is complete. */
static gboolean
build_slice (MlrLessonView *self,
             gint64         budget_usec)
{
  gint64 end = g_get_monotonic_time () + budget_usec;

  while (!g_queue_is_empty (&self->pending))
    {
      PendingPart *part = g_queue_pop_head (&self->pending);
      build_part (self, part);
      g_free (part);
      if (g_get_monotonic_time () >= end)
        break;
    }
  if (g_queue_is_empty (&self->pending))
    {
      finish_page (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
build_idle_cb (gpointer user_data)
{
  MlrLessonView *self = user_data;

  if (build_slice (self, SLICE_USEC))
    {
      self->build_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
cancel_build (MlrLessonView *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  g_queue_clear_full (&self->pending, g_free);
}

static GtkWidget *
build_lesson_page (MlrLessonView          *self,
                   const char             *step_label,
                   const MlrDiagnostics   *diags)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_add_css_class (page, "lesson-body");
  gtk_box_append (GTK_BOX (page), build_header (self, step_label));
  if (mlr_diagnostics_count (diags) > 0)
    gtk_box_append (GTK_BOX (page), build_problems_banner (diags));
  gtk_box_append (GTK_BOX (page), body);
  self->body = body;

  for (guint i = 0; i < self->lesson->sections->len; i++)
    queue_part (self, PART_BLOCK, body, g_ptr_array_index (self->lesson->sections, i));
  if (self->lesson->takeaways->len > 0)
    queue_part (self, PART_TAKEAWAYS, page, NULL);
  if (self->lesson->resources->len > 0)
    queue_part (self, PART_RESOURCES, page, NULL);
  if (self->lesson->questions->len > 0)
    queue_part (self, PART_QUIZ, page, NULL);
  if (self->lesson->glossary->len > 0)
    queue_part (self, PART_GLOSSARY, page, NULL);
  queue_part (self, PART_NEXT, page, NULL);
  return page;
}

static GtkWidget *
build_error_page (MlrLessonView          *self,
                  const MlrRoadmapLesson *entry,
                  const char             *step_label,
                  const MlrDiagnostics   *diags,
                  const MlrRoadmapLesson *next)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  g_autofree char *title = g_strdup_printf (_("“%s” Cannot Be Shown"), entry->title);
  g_autofree char *details = mlr_diagnostics_format (diags, MAX_SHOWN_DIAGNOSTICS);
  GtkWidget *details_label = plain_label (details, "error-details");
  GtkWidget *hint;

  gtk_widget_add_css_class (page, "lesson-body");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_margin_top (icon, 24);
  gtk_box_append (GTK_BOX (page), icon);
  gtk_box_append (GTK_BOX (page), plain_label (step_label, "lesson-step"));
  gtk_box_append (GTK_BOX (page), heading_label (title, "title-1"));
  hint = plain_label (_("The lesson file has problems. The rest of the roadmap works; fix the "
                        "file and press Ctrl+R to reload this page."), NULL);
  gtk_box_append (GTK_BOX (page), hint);
  gtk_label_set_selectable (label_of (details_label), TRUE);
  gtk_label_set_wrap_mode (label_of (details_label), PANGO_WRAP_CHAR);
  gtk_widget_set_margin_top (details_label, 12);
  gtk_widget_set_margin_bottom (details_label, 12);
  gtk_widget_set_margin_start (details_label, 12);
  gtk_widget_set_margin_end (details_label, 12);
  {
    GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_widget_add_css_class (frame, "card");
    gtk_box_append (GTK_BOX (frame), details_label);
    gtk_box_append (GTK_BOX (page), frame);
  }
  gtk_box_append (GTK_BOX (page), build_next (self, next));
  return page;
}

/**
 * mlr_lesson_view_show:
 * Replaces the page with @lesson, or with an error page listing @diags when @lesson is NULL.
 */
void
mlr_lesson_view_show (MlrLessonView          *self,
                      const MlrRoadmapLesson *entry,
                      const char             *step_label,
                      MlrLesson              *lesson,
                      const MlrDiagnostics   *diags,
                      const MlrRoadmapLesson *next)
{
  GtkAdjustment *vadj;
  gboolean same;

  g_return_if_fail (MLR_IS_LESSON_VIEW (self));

  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  same = g_strcmp0 (self->lesson_id, entry->id) == 0;
  /* A reload keeps the reader's place once the page is long enough again; a new lesson starts
   * at the top unless mlr_lesson_view_set_position() says otherwise. */
  self->restore_fraction = same ? mlr_lesson_view_get_position (self) : -1;
  self->scroll_section = -1;

  cancel_build (self);
  if (self->restore_tick)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick);
      self->restore_tick = 0;
    }
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  self->page_cancellable = g_cancellable_new ();
  if (self->term_popover != NULL)
    g_clear_pointer (&self->term_popover, gtk_widget_unparent);
  g_clear_pointer (&self->lesson, mlr_lesson_unref);
  self->lesson = lesson ? mlr_lesson_ref (lesson) : NULL;
  g_free (self->lesson_id);
  self->lesson_id = g_strdup (entry->id);
  self->next = next;
  self->done_button = self->skip_button = NULL;
  self->quiz_result = self->quiz_offer = self->body = NULL;
  g_ptr_array_set_size (self->quiz_questions, 0);

  if (lesson != NULL)
    self->page = build_lesson_page (self, step_label, diags);
  else
    self->page = build_error_page (self, entry, step_label, diags, next);
  adw_clamp_set_child (self->clamp, self->page);
  gtk_adjustment_set_value (vadj, 0);

  if (!build_slice (self, FIRST_SLICE_USEC))
    self->build_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_idle_cb, self, NULL);
}

/**
 * mlr_lesson_view_get_position:
 * How far down the page the reader is, 0 (top) to 1 (end).
 */
double
mlr_lesson_view_get_position (MlrLessonView *self)
{
  GtkAdjustment *vadj =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double range = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);

  if (range <= 0)
    return 0;
  return CLAMP (gtk_adjustment_get_value (vadj) / range, 0.0, 1.0);
}

/**
 * mlr_lesson_view_set_position:
 * Scrolls to @fraction of the page once the page is complete.
 */
void
mlr_lesson_view_set_position (MlrLessonView *self,
                              double         fraction)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->restore_fraction = CLAMP (fraction, 0.0, 1.0);
  if (g_queue_is_empty (&self->pending))
    finish_page (self);
}

/**
 * mlr_lesson_view_scroll_to_section:
 * Brings the @index-th top-level section into view once the page is complete.
 */
void
mlr_lesson_view_scroll_to_section (MlrLessonView *self,
                                   int            index)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->scroll_section = index;
  if (g_queue_is_empty (&self->pending))
    finish_page (self);
}

/**
 * mlr_lesson_view_is_complete:
 * Whether every part of the page has been built (parts after the first screen arrive at idle
 * priority).
 */
gboolean
mlr_lesson_view_is_complete (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), FALSE);
  return g_queue_is_empty (&self->pending);
}

/* Where the page reads which challenges were met before (the window writes them). */
void
mlr_lesson_view_set_progress (MlrLessonView *self,
                              MlrProgress   *progress)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->progress = progress;
}

void
mlr_lesson_view_set_index (MlrLessonView         *self,
                           const MlrContentIndex *index)
{
  g_return_if_fail (MLR_IS_LESSON_VIEW (self));
  self->index = index;
}

MlrLesson *
mlr_lesson_view_get_lesson (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), NULL);
  return self->lesson;
}

GtkWidget *
mlr_lesson_view_get_page (MlrLessonView *self)
{
  g_return_val_if_fail (MLR_IS_LESSON_VIEW (self), NULL);
  return self->page;
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_TOAST], 0, g_variant_get_string (parameter, NULL));
}

static void
mlr_lesson_view_dispose (GObject *object)
{
  MlrLessonView *self = MLR_LESSON_VIEW (object);

  cancel_build (self);
  if (self->restore_tick)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick);
      self->restore_tick = 0;
    }
  g_clear_pointer (&self->term_popover, gtk_widget_unparent);
  if (self->page_cancellable)
    g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MLR_TYPE_LESSON_VIEW);
  G_OBJECT_CLASS (mlr_lesson_view_parent_class)->dispose (object);
}

static void
mlr_lesson_view_finalize (GObject *object)
{
  MlrLessonView *self = MLR_LESSON_VIEW (object);

  g_clear_pointer (&self->lesson, mlr_lesson_unref);
  g_clear_pointer (&self->quiz_questions, g_ptr_array_unref);
  g_free (self->lesson_id);
  G_OBJECT_CLASS (mlr_lesson_view_parent_class)->finalize (object);
}

static void
mlr_lesson_view_class_init (MlrLessonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_lesson_view_dispose;
  object_class->finalize = mlr_lesson_view_finalize;

  /**
   * MlrLessonView::open-lesson:
   * The reader asked for another lesson (the Next button, a glossary link).
   */
  signals[SIGNAL_OPEN_LESSON] = g_signal_new ("open-lesson", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MlrLessonView::toast:
   * A short, non-blocking message for the reader ("Code copied").
   */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MlrLessonView::set-state:
   * The learner marked the lesson (an MlrLessonState: done, skipped, or back in progress).
   */
  signals[SIGNAL_SET_STATE] = g_signal_new ("set-state", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * MlrLessonView::quiz-finished:
   * Every quiz question has been answered: (right, total).
   */
  /**
   * MlrLessonView::challenge-met:
   * A demo met one of its challenges: (challenge id, a sentence to show).
   */
  signals[SIGNAL_CHALLENGE_MET] = g_signal_new ("challenge-met", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_QUIZ_FINISHED] = g_signal_new ("quiz-finished", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "lesson.toast", "s", toast_action);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "mlr-lesson-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MlrLessonView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MlrLessonView, clamp);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonview");
}

static void
mlr_lesson_view_init (MlrLessonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_queue_init (&self->pending);
  self->restore_fraction = -1;
  self->scroll_section = -1;
  self->quiz_questions = g_ptr_array_new ();
}
