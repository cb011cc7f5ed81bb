/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrLessonView's demos: each <demo> block becomes the registry's widget for it, with its
 * caption and its challenges, which are checked live against the demo's metrics. Every call
 * into the demos layer from the lesson page is in this file.
 */
#include "config.h"

#include "mlr-lesson-view-private.h"

#include <glib/gi18n.h>

#include "demos/mlr-demo.h"
#include "lessons/mlr-expr.h"
#include "mlr-markup.h"

typedef struct {
  MlrLessonView      *view;      /* unowned: the row dies with the page */
  const MlrChallenge *challenge; /* borrowed from the lesson, which the view keeps */
  MlrDemo            *demo;
  GtkWidget          *page;      /* the page it is on: a replaced one reports nothing */
  GtkWidget          *icon;
  gboolean            met;
} ChallengeRow;

static void
show_met (ChallengeRow *row)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), "object-select-symbolic");
  gtk_widget_add_css_class (row->icon, "success");
  mlr_widget_set_tooltip (row->icon, _("Challenge met"));
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

  if (row->page != row->view->page || row->met || row->challenge->goal == NULL ||
      !mlr_expr_eval (row->challenge->goal, lookup_metric, demo))
    return;
  row->met = TRUE;
  show_met (row);
  text = mlr_inlines_to_plain (row->challenge->text);
  msg = g_strdup_printf (_("Challenge met: %s"), text);
  g_signal_emit (row->view, _mlr_lesson_view_signals[SIGNAL_CHALLENGE_MET], 0,
                 row->challenge->id, msg);
}

static GtkWidget *
build_challenges (MlrLessonView  *self,
                  const MlrBlock *b,
                  MlrDemo        *demo)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "challenges");
  gtk_box_append (GTK_BOX (box), _mlr_lesson_view_plain_label (_("Challenges"), "heading"));
  for (guint i = 0; i < b->challenges->len; i++)
    {
      const MlrChallenge *c = g_ptr_array_index (b->challenges, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *text = _mlr_lesson_view_text_label (self, c->text);
      ChallengeRow *row = g_new0 (ChallengeRow, 1);

      row->view = self;
      row->challenge = c;
      row->demo = demo;
      row->page = self->page;
      row->icon = gtk_image_new_from_icon_name ("radio-symbolic");
      mlr_widget_set_tooltip (row->icon, _("Not met yet"));
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

GtkWidget *
_mlr_lesson_view_build_demo (MlrLessonView  *self,
                             const MlrBlock *b)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *demo = mlr_demo_new_for_block (b);

  gtk_box_append (GTK_BOX (box), demo);
  if (b->caption)
    {
      GtkWidget *caption = _mlr_lesson_view_text_label (self, b->caption);
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
