/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView's blocks: the widgets for a lesson's header, sections and their blocks
 * (paragraphs, lists, code, formulas, callouts, figures, tables), its key takeaways and its
 * terms. Demos are built in mlr-lesson-view-demo.c.
 */
#include "config.h"

#include "mlr-lesson-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mlr-code-block.h"
#include "mlr-column-layout.h"
#include "mlr-figure-cache.h"
#include "mlr-figure-paintable.h"
#include "mlr-markup.h"
#include "mlr-math-view.h"
#include "mlr-text.h"

static void add_blocks (MlrLessonView *self, GtkBox *box, const GPtrArray *blocks);

/* Labels ----------------------------------------------------------------------------------- */

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
    _mlr_lesson_view_follow_links (self, label);
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
/* Running text keeps to a readable measure, however wide the window: figures, code and demos
 * use the page's whole width. */
#define READING_MEASURE 76

GtkWidget *
_mlr_lesson_view_text_label (MlrLessonView   *self,
                             const GPtrArray *inlines)
{
  GtkWidget *text = mlr_text_new (raw_text_label (self, inlines));

  mlr_text_set_measure (MLR_TEXT (text), READING_MEASURE);
  return text;
}

GtkWidget *
_mlr_lesson_view_plain_label (const char *text,
                              const char *css_class)
{
  return mlr_text_new (raw_plain_label (text, css_class));
}

GtkLabel *
_mlr_lesson_view_label_of (GtkWidget *text)
{
  return mlr_text_get_label (MLR_TEXT (text));
}

GtkWidget *
_mlr_lesson_view_heading_label (const char *text,
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

/* Blocks ----------------------------------------------------------------------------------- */

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
      GtkWidget *text = _mlr_lesson_view_text_label (self, g_ptr_array_index (b->items, i));

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
  /* The title and blocks beside the icon: see mlr-column-layout.c. */
  mlr_column_layout_install (inner);
  gtk_box_append (GTK_BOX (inner), _mlr_lesson_view_plain_label (title, "callout-title"));
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
  GtkWidget *msg = _mlr_lesson_view_plain_label (message, NULL);

  gtk_widget_add_css_class (box, "callout");
  gtk_widget_add_css_class (box, "callout-warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  mlr_column_layout_install (inner);
  gtk_box_append (GTK_BOX (inner), _mlr_lesson_view_plain_label (title, "callout-title"));
  gtk_label_set_selectable (_mlr_lesson_view_label_of (msg), TRUE);
  gtk_box_append (GTK_BOX (inner), msg);
  gtk_box_append (GTK_BOX (box), inner);
  return box;
}

/* A display formula, typeset; one that did not parse shows its TeX in monospace under the
 * error, so the page still says what the author meant. */
static GtkWidget *
build_math (MlrLessonView  *self,
            const MlrBlock *b)
{
  GtkWidget *box, *source;

  if (b->math != NULL)
    {
      GtkWidget *math = mlr_math_view_new_scrolled (b->text, NULL);
      gtk_widget_add_css_class (math, "math");
      return math;
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  source = _mlr_lesson_view_plain_label (b->text, "monospace");
  gtk_label_set_selectable (_mlr_lesson_view_label_of (source), TRUE);
  gtk_box_append (GTK_BOX (box), broken_part ("dialog-warning-symbolic",
                                              _("This formula could not be typeset"),
                                              b->error ? b->error : ""));
  gtk_box_append (GTK_BOX (box), source);
  return box;
}

/* Figures decode off the UI thread: the first SVG costs librsvg ~20 ms to start, which would
 * otherwise land on the frame that shows the lesson. A later start reads the decoded pixels from
 * the figures' cache (mlr-figure-cache.c) instead of rendering the SVG again. */
typedef struct {
  char     *path;
  char     *cache_dir;
  guint     width;     /* as the author asked, 0 = natural */
  int       scale;     /* the scale factor it is shown at */
  int       shown_w;
  gboolean  dark;      /* recolour a diagram (SVG) for the dark style */
} FigureJob;

static void
figure_job_free (gpointer data)
{
  FigureJob *job = data;

  g_free (job->path);
  g_free (job->cache_dir);
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
  g_autoptr(GdkTexture) texture = NULL;

  texture = mlr_figure_load (job->cache_dir, job->path, job->width, job->scale, job->dark,
                             &job->shown_w, NULL, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else  /* converted here, not in the frame that first shows it */
    g_task_return_pointer (task, mlr_figure_paintable_new (texture), g_object_unref);
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
  g_autoptr(MlrFigurePaintable) paintable = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (paintable == NULL)
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
  mlr_figure_paintable_follow (paintable, picture);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (paintable));
  /* The clamp caps the width at the intended size; the picture keeps its aspect ratio. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), job->shown_w);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), job->shown_w);
}

/* A figure that arrived before its window was realized learns the renderer now. */
static void
figure_realized (GtkWidget *picture)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));

  if (MLR_IS_FIGURE_PAINTABLE (paintable))
    mlr_figure_paintable_follow (MLR_FIGURE_PAINTABLE (paintable), picture);
}

/* Decodes the figure of @clamp (its file, width and page's cancellable are set on it) in a
 * thread, for the style and the scale factor of now: pixel for pixel, so a screen of scale 1
 * decodes, keeps and draws a quarter of the pixels a HiDPI one needs. */
static void
start_figure (GtkWidget *clamp)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (clamp), "mlr-figure-cancellable");
  FigureJob *job = g_new0 (FigureJob, 1);
  g_autoptr(GTask) task = NULL;

  job->path = g_strdup (g_object_get_data (G_OBJECT (clamp), "mlr-figure-path"));
  job->width = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (clamp), "mlr-figure-width"));
  job->scale = gtk_widget_get_scale_factor (clamp);
  g_object_set_data (G_OBJECT (clamp), "mlr-figure-scale", GINT_TO_POINTER (job->scale));
  job->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  job->cache_dir = mlr_figure_cache_default_dir ();
  task = g_task_new (clamp, cancellable, figure_decoded_cb, NULL);
  g_task_set_task_data (task, job, figure_job_free);
  g_task_run_in_thread (task, decode_figure_thread);
}

static void
figure_scale_changed (GtkWidget  *clamp,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  int decoded = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (clamp), "mlr-figure-scale"));

  if (gtk_widget_get_scale_factor (clamp) != decoded)
    start_figure (clamp);
}

static GtkWidget *
build_figure (MlrLessonView  *self,
              const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture, *clamp;

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
  mlr_widget_set_tooltip (picture, b->alt);
  g_signal_connect (picture, "realize", G_CALLBACK (figure_realized), NULL);
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);
  gtk_box_append (GTK_BOX (box), clamp);

  g_object_set_data_full (G_OBJECT (clamp), "mlr-figure-path", g_strdup (b->path), g_free);
  g_object_set_data (G_OBJECT (clamp), "mlr-figure-width", GUINT_TO_POINTER (b->width));
  g_object_set_data_full (G_OBJECT (clamp), "mlr-figure-cancellable",
                          g_object_ref (self->page_cancellable), g_object_unref);
  start_figure (clamp);
  /* A change of style decodes it again, in the new colours; a new scale factor (the window
   * moved to a screen of another density, or the guess made before it was shown was wrong)
   * at the new size. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (start_figure), clamp, G_CONNECT_SWAPPED);
  g_signal_connect (clamp, "notify::scale-factor", G_CALLBACK (figure_scale_changed), NULL);

  if (b->caption)
    {
      GtkWidget *caption = _mlr_lesson_view_text_label (self, b->caption);
      gtk_label_set_xalign (_mlr_lesson_view_label_of (caption), 0.5);
      gtk_label_set_justify (_mlr_lesson_view_label_of (caption), GTK_JUSTIFY_CENTER);
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
      GtkWidget *caption = _mlr_lesson_view_text_label (self, b->caption);
      gtk_widget_add_css_class (caption, "table-caption");
      gtk_widget_add_css_class (caption, "heading");
      gtk_box_append (GTK_BOX (box), caption);
    }
  if (b->header)
    {
      for (guint c = 0; c < b->header->len; c++)
        {
          GtkWidget *cell = _mlr_lesson_view_text_label (self, g_ptr_array_index (b->header, c));
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
          GtkWidget *cell = _mlr_lesson_view_text_label (self, g_ptr_array_index (cells, c));
          gtk_widget_add_css_class (cell, "table-cell");
          gtk_widget_set_hexpand (cell, TRUE);
          gtk_widget_set_valign (cell, GTK_ALIGN_FILL);
          gtk_label_set_yalign (_mlr_lesson_view_label_of (cell), 0);
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

/* A section's box with its heading, for its blocks to go into. */
GtkWidget *
_mlr_lesson_view_section_box (const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = _mlr_lesson_view_heading_label (b->title,
                                                     b->level <= 1 ? "title-2" : "title-4");

  gtk_widget_add_css_class (title, "lesson-section-title");
  gtk_box_append (GTK_BOX (box), title);
  if (b->id)
    gtk_widget_set_name (box, b->id);
  return box;
}

static GtkWidget *
build_section (MlrLessonView  *self,
               const MlrBlock *b)
{
  GtkWidget *box = _mlr_lesson_view_section_box (b);

  add_blocks (self, GTK_BOX (box), b->children);
  return box;
}

GtkWidget *
_mlr_lesson_view_build_block (MlrLessonView  *self,
                              const MlrBlock *b)
{
  switch (b->kind)
    {
    case MLR_BLOCK_SECTION:
      return build_section (self, b);
    case MLR_BLOCK_PARAGRAPH:
      return _mlr_lesson_view_text_label (self, b->inlines);
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
      return _mlr_lesson_view_build_demo (self, b);
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
    gtk_box_append (box, _mlr_lesson_view_build_block (self, g_ptr_array_index (blocks, i)));
}

/* The parts around the sections ----------------------------------------------------------- */

GtkWidget *
_mlr_lesson_view_build_takeaways (MlrLessonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "takeaways");
  gtk_box_append (GTK_BOX (box), _mlr_lesson_view_heading_label (_("Key takeaways"), "title-4"));
  for (guint i = 0; i < self->lesson->takeaways->len; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      const GPtrArray *item = g_ptr_array_index (self->lesson->takeaways, i);
      GtkWidget *text = _mlr_lesson_view_text_label (self, item);

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

GtkWidget *
_mlr_lesson_view_build_glossary (MlrLessonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_box_append (GTK_BOX (box),
                  _mlr_lesson_view_heading_label (_("Terms in This Lesson"), "title-2"));
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
      mlr_label_open_lesson_links (label);
      gtk_box_append (GTK_BOX (box), mlr_text_new (label));
    }
  return box;
}

GtkWidget *
_mlr_lesson_view_build_header (MlrLessonView *self,
                               const char    *step_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = _mlr_lesson_view_heading_label (self->lesson->title, "title-1");
  g_autofree char *meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                        "%u minutes", self->lesson->minutes),
                                           self->lesson->minutes);
  GtkWidget *summary = _mlr_lesson_view_text_label (self, self->lesson->summary);

  gtk_box_append (GTK_BOX (box), _mlr_lesson_view_plain_label (step_label, "lesson-step"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), _mlr_lesson_view_plain_label (meta, "dim-label"));
  gtk_widget_add_css_class (summary, "lesson-summary");
  gtk_box_append (GTK_BOX (box), summary);
  return box;
}

GtkWidget *
_mlr_lesson_view_build_problems_banner (const MlrDiagnostics *diags)
{
  g_autofree char *text = mlr_diagnostics_format (diags, MAX_SHOWN_DIAGNOSTICS);

  return broken_part ("dialog-warning-symbolic",
                      _("Parts of this lesson have problems and are shown as placeholders"),
                      text);
}
