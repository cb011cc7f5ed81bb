/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-attention-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-attention-painter.h"
#include "painters/mlr-conv-painter.h"

#define STEP 0.25   /* what + and − add to a component */
#define DRAG_PX 40  /* pixels of vertical drag for a change of 1 */

struct _MlrAttentionDemo
{
  MlrDemo  parent_instance;

  int      component;   /* the component of the selected vector the keys change */
  int      drag_component;  /* the component being dragged, or -1 */
  double   drag_start;  /* its value when the drag began */
};

G_DEFINE_FINAL_TYPE (MlrAttentionDemo, mlr_attention_demo, MLR_TYPE_DEMO)

static MlrAttentionState *
state_of (MlrAttentionDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/**
 * mlr_attention_demo_describe_state:
 * The picture in words: "Head 1, temperature 1, no causal mask. “it” attends most to “cat”,
 * weight 0.31, then to “tired”, 0.18. Mean row entropy 1.92 nats; 2.30 would be even
 * attention over the 10 tokens."
 */
char *
mlr_attention_demo_describe_state (const MlrAttentionState *state)
{
  guint n = mlr_attention_state_get_n_tokens (state), s = mlr_attention_state_get_selected (state);
  guint head = mlr_attention_state_get_head (state), best, second = G_MAXUINT;
  const double *w = mlr_attention_state_get_weights (state, head);
  const double *row = w + (gsize) s * n;
  GString *out = g_string_new (NULL);
  g_autofree char *t = g_strdup_printf ("%.3g", mlr_attention_state_get_temperature (state));

  best = mlr_attention_state_strongest (state, s);
  for (guint j = 0; j < n; j++)
    if (j != best && row[j] > 0 && (second == G_MAXUINT || row[j] > row[second]))
      second = j;
  g_string_append_printf (out, mlr_attention_state_get_causal (state)
                                 ? _("Head %u, temperature %s, causal mask on.")
                                 : _("Head %u, temperature %s, no causal mask."),
                          head + 1, t);
  g_string_append_printf (out, _(" Token %u, “%s”, attends most to token %u, “%s”, with "
                                 "weight %.2f"),
                          s + 1, mlr_attention_state_get_token (state, s), best + 1,
                          mlr_attention_state_get_token (state, best), row[best]);
  if (second != G_MAXUINT)
    g_string_append_printf (out, _(", then to “%s”, %.2f."),
                            mlr_attention_state_get_token (state, second), row[second]);
  else
    g_string_append (out, _(", the only token it may see."));
  g_string_append_printf (out, _(" Mean row entropy %.2f nats; %.2f would be even attention "
                                 "over all %u tokens."),
                          mlr_attention_mean_entropy (w, n, n), log ((double) n), n);
  if (mlr_attention_state_is_edited (state))
    g_string_append (out, _(" Some word vectors are edited."));
  return g_string_free (out, FALSE);
}

static char *
mlr_attention_demo_describe (MlrDemo *demo)
{
  return mlr_attention_demo_describe_state (mlr_demo_get_state (demo));
}

/* The component of the selected vector the keys change. */
int
mlr_attention_demo_get_component (MlrAttentionDemo *self)
{
  return self->component;
}

static void
mlr_attention_demo_draw (MlrDemo          *demo,
                         cairo_t          *cr,
                         int               width,
                         int               height,
                         const MlrPalette *palette)
{
  MlrAttentionDemo *self = MLR_ATTENTION_DEMO (demo);
  MlrAttentionPaintOptions options = {
    .focused = gtk_widget_has_focus (GTK_WIDGET (mlr_demo_get_canvas (demo))),
    .component = self->component,
  };

  mlr_attention_painter_draw (cr, width, height, palette, state_of (self), &options);
}

static void
select_token (MlrAttentionDemo *self,
              guint             i)
{
  g_autofree char *v = g_strdup_printf ("%u", i);

  if (mlr_attention_state_get_selected (state_of (self)) != i ||
      mlr_params_get_int (mlr_demo_get_params (MLR_DEMO (self)), "token") < 0)
    mlr_demo_set_param (MLR_DEMO (self), "token", v, NULL);
}

/* Component @c of the selected token's vector set to @value (rounded to 0.05). */
static void
set_component (MlrAttentionDemo *self,
               int               c,
               double            value)
{
  MlrAttentionState *state = state_of (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *vectors =
    mlr_attention_state_format_vectors (state, mlr_attention_state_get_selected (state),
                                        (guint) c, round (value * 20) / 20);

  if (!mlr_demo_set_param (MLR_DEMO (self), "vectors", vectors, &error))
    mlr_demo_toast (MLR_DEMO (self), error->message);
}

static MlrAttentionHit
hit (MlrAttentionDemo *self,
     double            x,
     double            y,
     guint            *index)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrAttentionLayout layout;

  mlr_attention_painter_layout (NULL, gtk_widget_get_width (canvas),
                                gtk_widget_get_height (canvas),
                                mlr_demo_get_palette (MLR_DEMO (self)), state_of (self),
                                &layout);
  return mlr_attention_painter_hit (&layout, state_of (self), x, y, index);
}

static void
drag_begin_cb (GtkGestureDrag   *drag,
               double            x,
               double            y,
               MlrAttentionDemo *self)
{
  guint i;
  MlrAttentionHit what = hit (self, x, y, &i);

  self->drag_component = -1;
  if (what == MLR_ATTENTION_HIT_TOKEN)
    select_token (self, i);
  else if (what == MLR_ATTENTION_HIT_COMPONENT)
    {
      MlrAttentionState *state = state_of (self);

      self->component = (int) i;
      self->drag_component = (int) i;
      self->drag_start =
        mlr_attention_state_get_embedding (state, mlr_attention_state_get_selected (state))[i];
      gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

static void
drag_update_cb (GtkGestureDrag   *drag,
                double            dx,
                double            dy,
                MlrAttentionDemo *self)
{
  if (self->drag_component < 0)
    return;
  set_component (self, self->drag_component, self->drag_start - dy / DRAG_PX);
}

/* Left / Right: the previous or next token. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrAttentionDemo *self = MLR_ATTENTION_DEMO (widget);
  int n = (int) mlr_attention_state_get_n_tokens (state_of (self));
  int s = (int) mlr_attention_state_get_selected (state_of (self));

  select_token (self, (guint) CLAMP (s + g_variant_get_int32 (parameter), 0, n - 1));
}

/* Page Down / Page Up: the next or previous component of the vector. */
static void
component_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrAttentionDemo *self = MLR_ATTENTION_DEMO (widget);
  int d = MLR_ATTENTION_D_MODEL;

  self->component = ((self->component + g_variant_get_int32 (parameter)) % d + d) % d;
  mlr_demo_queue_draw (MLR_DEMO (self));
}

/* + and −: the chosen component 0.25 more or less (within ±5). */
static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MlrAttentionDemo *self = MLR_ATTENTION_DEMO (widget);
  MlrAttentionState *state = state_of (self);
  const double *e = mlr_attention_state_get_embedding (state,
                                                       mlr_attention_state_get_selected (state));

  set_component (self, self->component,
                 e[self->component] + STEP * g_variant_get_int32 (parameter));
}

/* 0: the chosen component set to 0. */
static void
zero_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrAttentionDemo *self = MLR_ATTENTION_DEMO (widget);

  set_component (self, self->component, 0);
}

/* C: the causal mask on or off. */
static void
causal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);

  mlr_demo_set_param (demo, "causal",
                      mlr_attention_state_get_causal (mlr_demo_get_state (demo)) ? "false"
                                                                               : "true",
                      NULL);
}

/* B: every word vector back to the built-in embedding. */
static void
builtin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mlr_demo_set_param (MLR_DEMO (widget), "vectors", "", NULL);
}

static void
mlr_attention_demo_changed (MlrDemo    *demo,
                            const char *key)
{
  if (mlr_demo_get_state (demo) == NULL)
    return;
  /* the picture's height follows the sentence's length */
  if (key == NULL || g_strcmp0 (key, "sentence") == 0)
    gtk_widget_queue_resize (GTK_WIDGET (demo));
}

static void
mlr_attention_demo_setup (MlrDemo *demo)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), demo);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), demo);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (drag));
  mlr_demo_add_menu_item (demo, _("_Built-in Vectors"),
                          _("Undo your edits: every word vector back to its built-in "
                            "embedding"),
                          "attention.builtin");
}

static int
mlr_attention_demo_canvas_height (MlrDemo *demo,
                                  int      width)
{
  if (mlr_demo_get_state (demo) == NULL)
    return CLAMP (width * 3 / 4, 300, 800);
  return mlr_attention_painter_preferred_height (width, mlr_demo_get_palette (demo),
                                                 mlr_demo_get_state (demo));
}

static void
mlr_attention_demo_class_init (MlrAttentionDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_attention_demo_describe;
  demo_class->draw = mlr_attention_demo_draw;
  demo_class->setup = mlr_attention_demo_setup;
  demo_class->changed = mlr_attention_demo_changed;
  demo_class->canvas_height = mlr_attention_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Click a token, or its row of the heatmap, to select it; click a cell of its word "
       "vector and drag up or down to change it. Keys (click the picture first): Left and "
       "Right select the previous or next token; Page Up/Page Down pick a component of its "
       "vector, + and − change it by 0.25, 0 sets it to 0; B brings back the built-in "
       "vectors; C turns the causal mask on or off."));

  gtk_widget_class_install_action (widget_class, "attention.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "attention.component", "i",
                                   component_action);
  gtk_widget_class_install_action (widget_class, "attention.nudge", "i", nudge_action);
  gtk_widget_class_install_action (widget_class, "attention.zero", NULL, zero_action);
  gtk_widget_class_install_action (widget_class, "attention.causal", NULL, causal_action);
  gtk_widget_class_install_action (widget_class, "attention.builtin", NULL, builtin_action);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Left, 0, "attention.move", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Left, 0, "attention.move", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Right, 0, "attention.move", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Right, 0, "attention.move", "i",
                                     1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "attention.component",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "attention.component",
                                     "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "attention.nudge", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK,
                                     "attention.nudge", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "attention.nudge", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Add, 0, "attention.nudge", "i",
                                     1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "attention.nudge", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Subtract, 0, "attention.nudge",
                                     "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0, 0, "attention.zero", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_c, 0, "attention.causal", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_b, 0, "attention.builtin", NULL);
  gtk_widget_class_set_css_name (widget_class, "attentiondemo");
}

static void
mlr_attention_demo_init (MlrAttentionDemo *self)
{
  self->component = 0;
  self->drag_component = -1;
}
