/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The home page: the roadmap at a glance. How far the learner is, "Continue" where they left
 * off, each step with its summary, its lessons done and a button into it, and the demos. It is
 * what the app opens to on first launch and the first row of the sidebar. Buttons open what
 * they name through the window's actions (win.open-lesson, win.show-demos).
 */
#include "config.h"

#include "mlr-home-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _MlrHomePage
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *clamp;
  GtkWidget *primary;   /* Start / Continue, when there is one */
};

G_DEFINE_FINAL_TYPE (MlrHomePage, mlr_home_page, GTK_TYPE_WIDGET)

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static gboolean
is_finished (MlrProgress *progress,
             const char  *lesson_id)
{
  MlrLessonState s = progress ? mlr_progress_get_state (progress, lesson_id)
                              : MLR_LESSON_NOT_STARTED;

  return s == MLR_LESSON_DONE || s == MLR_LESSON_SKIPPED;
}

static GtkWidget *
open_button (const char *label,
             const char *lesson_id,
             gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-lesson");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", lesson_id);
  return button;
}

/* A card for @step: its name, summary, lessons finished and a way in. */
static GtkWidget *
step_card (const MlrRoadmapStep *step,
           MlrProgress          *progress)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *name = mlr_roadmap_step_label (step);
  g_autofree char *count = NULL;
  const MlrRoadmapLesson *next = NULL;
  guint finished = 0, total = step->lessons->len;
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *title;

  for (guint i = 0; i < total; i++)
    {
      const MlrRoadmapLesson *e = g_ptr_array_index (step->lessons, i);
      if (is_finished (progress, e->id))
        finished++;
      else if (next == NULL)
        next = e;
    }
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "home-step");
  title = label_new (name, "title-4");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (head), title);
  /* Translators: lessons finished in a step of the roadmap */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u lesson", "%u of %u lessons",
                                        total), finished, total);
  if (finished == total && total > 0)
    {
      GtkWidget *done = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *text = label_new (_("Done"), "heading");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Step done"), -1);
      gtk_box_append (GTK_BOX (done), icon);
      gtk_box_append (GTK_BOX (done), text);
      gtk_widget_add_css_class (done, "success");
      gtk_box_append (GTK_BOX (head), done);
    }
  else
    gtk_box_append (GTK_BOX (head), label_new (count, "dim-label"));
  gtk_box_append (GTK_BOX (card), head);
  if (step->summary && *step->summary)
    gtk_box_append (GTK_BOX (card), label_new (step->summary, NULL));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), total ? (double) finished / total : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, count, -1);
  gtk_box_append (GTK_BOX (card), bar);
  if (next != NULL)
    {
      /* Translators: a button into the first lesson of a step not finished yet */
      g_autofree char *text = g_strdup_printf (finished == 0 ? _("Start: %s") : _("Next: %s"),
                                               next->title);
      gtk_box_append (GTK_BOX (card), open_button (text, next->id, FALSE));
    }
  return card;
}

/**
 * mlr_home_page_update:
 * Shows @roadmap with the learner's @progress (may be NULL); @last_id, the lesson read last
 * (may be NULL), is where "Continue" goes unless it is finished.
 */
void
mlr_home_page_update (MlrHomePage      *self,
                      const MlrRoadmap *roadmap,
                      MlrProgress      *progress,
                      const char       *last_id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  const MlrRoadmapLesson *resume = NULL;
  guint finished = 0, total = roadmap->lessons->len;
  g_autofree char *overall = NULL;
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *demos;

  g_return_if_fail (MLR_IS_HOME_PAGE (self));

  for (guint i = 0; i < total; i++)
    {
      const MlrRoadmapLesson *e = g_ptr_array_index (roadmap->lessons, i);
      if (is_finished (progress, e->id))
        finished++;
      else if (resume == NULL)
        resume = e;
    }
  /* Where the learner left off, unless that one is finished: then the first one that is not. */
  if (last_id != NULL)
    {
      const MlrRoadmapLesson *last = mlr_roadmap_find (roadmap, last_id);
      if (last != NULL && !is_finished (progress, last->id))
        resume = last;
    }

  self->primary = NULL;
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 36);
  gtk_box_append (GTK_BOX (box), label_new (roadmap->title, "title-1"));
  gtk_box_append (GTK_BOX (box),
                  label_new (_("Who a machine-learning engineer is, then the steps from "
                               "programming and mathematics to algorithms, projects, "
                               "deployment, big data and the job. Each lesson has a picture "
                               "you can change, a quiz, and the terms it teaches."), NULL));

  overall = g_strdup_printf (_("%u of %u lessons done or skipped (%u%%)"), finished, total,
                             total ? (guint) (100.0 * finished / total + 0.5) : 0);
  gtk_box_append (GTK_BOX (box), label_new (overall, "heading"));
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), total ? (double) finished / total : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, overall,
                                  -1);
  gtk_box_append (GTK_BOX (box), bar);

  if (total > 0 && finished == total)
    {
      GtkWidget *done = label_new (_("You have finished the roadmap. Build a project of your "
                                     "own with what it taught, and write about it: that is "
                                     "the portfolio step in practice."), "heading");
      gtk_widget_add_css_class (done, "callout");
      gtk_widget_add_css_class (done, "callout-tip");
      gtk_box_append (GTK_BOX (box), done);
    }
  else if (resume != NULL)
    {
      g_autofree char *text = g_strdup_printf (finished == 0 && last_id == NULL
                                                 ? _("Start: %s") : _("Continue: %s"),
                                               resume->title);
      self->primary = open_button (text, resume->id, TRUE);
      gtk_box_append (GTK_BOX (box), self->primary);
    }

  for (guint i = 0; i < roadmap->steps->len; i++)
    gtk_box_append (GTK_BOX (box), step_card (g_ptr_array_index (roadmap->steps, i), progress));

  demos = gtk_button_new_with_label (_("Open every interactive demo"));
  gtk_widget_add_css_class (demos, "pill");
  gtk_widget_set_halign (demos, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (demos), "win.show-demos");
  gtk_box_append (GTK_BOX (box), demos);

  adw_clamp_set_child (ADW_CLAMP (self->clamp), box);
}

/**
 * mlr_home_page_focus_primary:
 * Gives keyboard focus to Start / Continue (Enter then opens the lesson); FALSE when the page
 * has none (the roadmap is finished).
 */
gboolean
mlr_home_page_focus_primary (MlrHomePage *self)
{
  g_return_val_if_fail (MLR_IS_HOME_PAGE (self), FALSE);
  return self->primary != NULL && gtk_widget_grab_focus (self->primary);
}

GtkWidget *
mlr_home_page_new (void)
{
  return g_object_new (MLR_TYPE_HOME_PAGE, NULL);
}

static void
mlr_home_page_dispose (GObject *object)
{
  MlrHomePage *self = MLR_HOME_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (mlr_home_page_parent_class)->dispose (object);
}

static void
mlr_home_page_class_init (MlrHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_home_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "homepage");
}

static void
mlr_home_page_init (MlrHomePage *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 780);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}
