/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-bayes-demo.h"

#include <glib/gi18n.h>

#include "painters/mlr-bayes-painter.h"

struct _MlrBayesDemo
{
  MlrDemo parent_instance;

  int     hover;   /* the cell of the 2×2 table under the pointer, or -1 */
};

G_DEFINE_FINAL_TYPE (MlrBayesDemo, mlr_bayes_demo, MLR_TYPE_DEMO)

/**
 * mlr_bayes_demo_describe_state:
 * The picture in words: "Of 10,000 people, 100 are sick. The test finds 90 of them and flags
 * 495 healthy people too, so of the 585 who test positive 90 are sick: 15.4%. After 2
 * positive tests: 76.6%."
 */
char *
mlr_bayes_demo_describe_state (const MlrBayesState *state)
{
  guint tp = mlr_bayes_state_get_people (state, MLR_BAYES_TRUE_POSITIVE);
  guint fp = mlr_bayes_state_get_people (state, MLR_BAYES_FALSE_POSITIVE);
  guint fn = mlr_bayes_state_get_people (state, MLR_BAYES_FALSE_NEGATIVE);
  guint k = mlr_bayes_state_get_tests (state);
  g_autofree char *ppv = mlr_bayes_format_percent (mlr_bayes_state_posterior (state, 1));
  g_autofree char *post = mlr_bayes_format_percent (mlr_bayes_state_posterior (state, k));
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Of 10,000 people, %u are sick. The test finds %u of them and "
                               "flags %u healthy people too, so of the %u who test positive %u "
                               "are sick: %s."), tp + fn, tp, fp, tp + fp, tp, ppv);
  if (k > 1)
    g_string_append_printf (s, _(" After %u positive tests: %s."), k, post);
  return g_string_free (s, FALSE);
}

static char *
mlr_bayes_demo_describe (MlrDemo *demo)
{
  return mlr_bayes_demo_describe_state (mlr_demo_get_state (demo));
}

static void
mlr_bayes_demo_draw (MlrDemo          *demo,
                     cairo_t          *cr,
                     int               width,
                     int               height,
                     const MlrPalette *palette)
{
  mlr_bayes_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo),
                          MLR_BAYES_DEMO (demo)->hover);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MlrBayesDemo             *self)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrBayesLayout layout;
  int hover;

  mlr_bayes_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                            mlr_demo_get_state (MLR_DEMO (self)), &layout);
  hover = mlr_bayes_painter_hit (&layout, mlr_demo_get_state (MLR_DEMO (self)), x, y);
  if (hover != self->hover)
    {
      self->hover = hover;
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          MlrBayesDemo             *self)
{
  motion_cb (motion, -1, -1, self);
}

/* 1, 2, 3: how many positive tests the posterior counts. */
static void
tests_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autofree char *value = g_strdup_printf ("%d", g_variant_get_int32 (parameter));

  mlr_demo_set_param (MLR_DEMO (widget), "tests", value, NULL);
}

static void
mlr_bayes_demo_setup (MlrDemo *demo)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), demo);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), demo);
  gtk_widget_add_controller (GTK_WIDGET (mlr_demo_get_canvas (demo)), motion);
}

/* The grid is the picture: tall enough for squares of four pixels at a lesson's width; on a
 * narrow canvas the numbers go under the grid. */
static int
mlr_bayes_demo_canvas_height (MlrDemo *demo,
                              int      width)
{
  if (width < 560)
    return CLAMP (width + 480, 760, 1040);
  return CLAMP (width * 3 / 4, 420, 640);
}

static void
mlr_bayes_demo_class_init (MlrBayesDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_bayes_demo_describe;
  demo_class->draw = mlr_bayes_demo_draw;
  demo_class->setup = mlr_bayes_demo_setup;
  demo_class->canvas_height = mlr_bayes_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Point at a square to pick out its cell of the table. Keys (click the picture first): "
       "1, 2 or 3 positive tests in a row."));
  gtk_widget_class_install_action (widget_class, "bayes.tests", "i", tests_action);
  for (int k = 1; k <= MLR_BAYES_MAX_TESTS; k++)
    mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0 + k, 0, "bayes.tests", "i", k);
  gtk_widget_class_set_css_name (widget_class, "bayesdemo");
}

static void
mlr_bayes_demo_init (MlrBayesDemo *self)
{
  self->hover = -1;
}
