/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-cost-demo.h"

#include <glib/gi18n.h>

#include "painters/mlr-cost-painter.h"

struct _MlrCostDemo
{
  MlrDemo parent_instance;
};

G_DEFINE_FINAL_TYPE (MlrCostDemo, mlr_cost_demo, MLR_TYPE_DEMO)

/**
 * mlr_cost_demo_describe_state:
 * The picture in words: "7 billion parameters in bf16 with Adam at ZeRO stage 0 need 124 GB
 * per GPU: weights 14 GB, gradients 14 GB, optimizer state 84 GB, activations 11.7 GB. That
 * is more than the 80 GB of one H100 SXM 80 GB: it does not fit. ..."
 */
char *
mlr_cost_demo_describe_state (const MlrCostState *state)
{
  const MlrCostGpu *gpu = mlr_cost_state_get_gpu (state);
  guint zero = mlr_cost_state_get_zero (state);
  g_autofree char *n = mlr_cost_format_count (mlr_cost_state_get_params (state));
  g_autofree char *per_gpu = mlr_cost_format_bytes (mlr_cost_state_per_gpu_gb (state, zero));
  g_autofree char *w = mlr_cost_format_bytes (mlr_cost_state_part_gb (state, MLR_COST_WEIGHTS,
                                                                      zero));
  g_autofree char *g = mlr_cost_format_bytes (mlr_cost_state_part_gb (state,
                                                                      MLR_COST_GRADIENTS, zero));
  g_autofree char *o = mlr_cost_format_bytes (mlr_cost_state_part_gb (state,
                                                                      MLR_COST_OPTIMIZER, zero));
  g_autofree char *a = mlr_cost_format_bytes (mlr_cost_state_part_gb (state,
                                                                      MLR_COST_ACTIVATIONS,
                                                                      zero));
  g_autofree char *mem = mlr_cost_format_bytes (gpu->memory_gb);
  g_autofree char *days = mlr_cost_format_days (mlr_cost_state_train_days (state));
  g_autofree char *tokens = mlr_cost_format_power (mlr_cost_state_get_tokens (state));
  g_autofree char *infer = mlr_cost_format_bytes (mlr_cost_state_inference_gb (state));
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("%s parameters in %s with %s at ZeRO stage %u need %s per GPU: "
                               "weights %s, gradients %s, optimizer state %s, activations "
                               "%s. "), n, mlr_cost_state_get_dtype (state),
                          mlr_cost_optimizer_title (mlr_cost_state_get_optimizer (state)), zero,
                          per_gpu, w, g, o, a);
  if (mlr_cost_state_fits (state))
    g_string_append_printf (s, _("That fits in the %s of one %s. "), mem, _(gpu->name));
  else
    g_string_append_printf (s, _("That is more than the %s of one %s: it does not fit. "), mem,
                            _(gpu->name));
  g_string_append_printf (s, _("Training on %s tokens takes %s on %u GPUs at %.0f%% MFU. "
                               "Serving one copy needs %s with its KV cache."),
                          tokens, days, mlr_cost_state_get_gpus (state),
                          100 * mlr_cost_state_get_mfu (state), infer);
  return g_string_free (s, FALSE);
}

static char *
mlr_cost_demo_describe (MlrDemo *demo)
{
  return mlr_cost_demo_describe_state (mlr_demo_get_state (demo));
}

static void
mlr_cost_demo_draw (MlrDemo          *demo,
                    cairo_t          *cr,
                    int               width,
                    int               height,
                    const MlrPalette *palette)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));

  mlr_cost_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo),
                         gtk_widget_has_focus (canvas));
}

static void
set_zero (MlrDemo *demo,
          int      stage)
{
  g_autofree char *value = g_strdup_printf ("%d", CLAMP (stage, 0, 3));

  mlr_demo_set_param (demo, "zero", value, NULL);
}

/* 0–3: the ZeRO stage. */
static void
zero_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_zero (MLR_DEMO (widget), g_variant_get_int32 (parameter));
}

/* + / −: twice or half the GPUs, within 1 to 100,000. */
static void
gpus_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrCostState *state = mlr_demo_get_state (MLR_DEMO (widget));
  guint gpus = mlr_cost_state_get_gpus (state);
  g_autofree char *value = NULL;

  gpus = g_variant_get_int32 (parameter) > 0 ? MIN (gpus * 2, 100000) : MAX (gpus / 2, 1);
  value = g_strdup_printf ("%u", gpus);
  mlr_demo_set_param (MLR_DEMO (widget), "gpus", value, NULL);
}

static void
pressed_cb (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            MlrCostDemo     *self)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrCostLayout layout;
  int stage;

  mlr_cost_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                           mlr_demo_get_state (MLR_DEMO (self)), &layout);
  stage = mlr_cost_painter_hit_stage (&layout, x, y);
  gtk_widget_grab_focus (canvas);
  if (stage >= 0)
    set_zero (MLR_DEMO (self), stage);
}

static void
mlr_cost_demo_setup (MlrDemo *demo)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), demo);
  gtk_widget_add_controller (GTK_WIDGET (mlr_demo_get_canvas (demo)),
                             GTK_EVENT_CONTROLLER (click));
}

/* Bars, three lines of numbers and the inference bar take about 370 px (the painter's rows
 * grow past 20 px from a height of 540); a narrow canvas wraps the legend. */
static int
mlr_cost_demo_canvas_height (MlrDemo *demo,
                             int      width)
{
  return width < 560 ? 420 : CLAMP (width * 2 / 5, 390, 520);
}

static void
mlr_cost_demo_class_init (MlrCostDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_cost_demo_describe;
  demo_class->draw = mlr_cost_demo_draw;
  demo_class->setup = mlr_cost_demo_setup;
  demo_class->canvas_height = mlr_cost_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Click a ZeRO row to pick that stage. Keys (click the picture first): 0, 1, 2 or 3 "
       "pick the ZeRO stage; + and − double or halve the GPUs."));
  gtk_widget_class_install_action (widget_class, "cost.zero", "i", zero_action);
  gtk_widget_class_install_action (widget_class, "cost.gpus", "i", gpus_action);
  for (int k = 0; k <= 3; k++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0 + k, 0, "cost.zero", "i", k);
      mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_0 + k, 0, "cost.zero", "i", k);
    }
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "cost.gpus", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK, "cost.gpus",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "cost.gpus", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Add, 0, "cost.gpus", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "cost.gpus", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Subtract, 0, "cost.gpus", "i", -1);
  gtk_widget_class_set_css_name (widget_class, "costdemo");
}

static void
mlr_cost_demo_init (MlrCostDemo *self)
{
}
