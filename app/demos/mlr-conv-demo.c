/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-conv-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "painters/mlr-conv-painter.h"
#include "painters/mlr-conv-picture.h"

struct _MlrConvDemo
{
  MlrDemo       parent_instance;

  int           edit_cell;  /* the kernel weight the keys change, row-major */
};

G_DEFINE_FINAL_TYPE (MlrConvDemo, mlr_conv_demo, MLR_TYPE_DEMO)

static MlrConvState *
state_of (MlrConvDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

static const char *
image_name (const char *id)
{
  static const struct { const char *id, *name; } names[] = {
    { "digit", N_("the digit 4") }, { "shapes", N_("the shapes") },
    { "checkerboard", N_("the checkerboard") }, { "stripes", N_("the stripes") },
    { "gradient", N_("the gradient") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, id) == 0)
      return _(names[i].name);
  return id;
}

static const char *
kernel_name (const char *id)
{
  static const struct { const char *id, *name; } names[] = {
    { "identity", N_("The identity kernel") }, { "box", N_("A box blur") },
    { "gaussian", N_("A Gaussian blur") }, { "gaussian5", N_("A 5×5 Gaussian blur") },
    { "sharpen", N_("A sharpening kernel") }, { "laplacian", N_("A Laplacian edge kernel") },
    { "sobel-x", N_("A Sobel x kernel") }, { "sobel-y", N_("A Sobel y kernel") },
    { "emboss", N_("An emboss kernel") }, { "custom", N_("Your own kernel") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, id) == 0)
      return _(names[i].name);
  return id;
}

/**
 * mlr_conv_demo_describe_state:
 * The picture in words: "A Sobel x kernel (3×3) slides over the digit 4, 64×64 pixels, with
 * stride 1 and padding 0: a 62×62 feature map from −3.67 to 3.68, mean 0.00. Output pixel
 * column 31, row 31 is 4.00, the sum of the 9 pixels under the window times the weights."
 */
char *
mlr_conv_demo_describe_state (const MlrConvState *state)
{
  const MlrConvGrid *in = mlr_conv_state_get_input (state);
  const MlrConvGrid *feat = mlr_conv_state_get_feature (state);
  const MlrConvGrid *out = mlr_conv_state_get_output (state);
  const char *own = mlr_conv_state_get_own_name (state);
  g_autofree char *picture = own ? g_strdup_printf (_("your picture “%s”"), own)
                                 : g_strdup (image_name (mlr_conv_state_get_image_id (state)));
  g_autofree char *lo = NULL, *hi = NULL, *mean = NULL, *value = NULL;
  double l, h, m;
  guint k, x, y;
  GString *s = g_string_new (NULL);

  mlr_conv_state_get_weights (state, &k);
  mlr_conv_state_get_selection (state, &x, &y);
  mlr_conv_grid_range (feat, &l, &h, &m);
  lo = mlr_conv_format_value (l);
  hi = mlr_conv_format_value (h);
  mean = mlr_conv_format_value (m);
  value = mlr_conv_format_value (feat->values[(gsize) y * feat->width + x]);
  g_string_append_printf (s, _("%s (%u×%u) slides over %s, %u×%u pixels, with stride %u and "
                               "padding %u: a %u×%u feature map from %s to %s, mean %s%s."),
                          kernel_name (mlr_conv_state_get_kernel_id (state)), k, k, picture,
                          in->width, in->height, mlr_conv_state_get_stride (state),
                          mlr_conv_state_get_padding (state), feat->width, feat->height, lo,
                          hi, mean,
                          mlr_conv_state_get_relu (state) ? _(" after the ReLU") : "");
  if (mlr_conv_state_get_pool (state))
    g_string_append_printf (s, _(" Max pooling makes it %u×%u."), out->width, out->height);
  g_string_append_printf (s, _(" Output pixel column %u, row %u is %s, the sum of the %u "
                               "pixels under the window times the weights."), x, y, value,
                          k * k);
  return g_string_free (s, FALSE);
}

static char *
mlr_conv_demo_describe (MlrDemo *demo)
{
  return mlr_conv_demo_describe_state (mlr_demo_get_state (demo));
}

/* The kernel weight the keys change, or -1 before the state exists. */
int
mlr_conv_demo_get_edit_cell (MlrConvDemo *self)
{
  return self->edit_cell;
}

static void
mlr_conv_demo_draw (MlrDemo          *demo,
                    cairo_t          *cr,
                    int               width,
                    int               height,
                    const MlrPalette *palette)
{
  MlrConvDemo *self = MLR_CONV_DEMO (demo);
  MlrConvPaintOptions options = {
    .focused = gtk_widget_has_focus (GTK_WIDGET (mlr_demo_get_canvas (demo))),
    .edit_cell = self->edit_cell,
  };

  mlr_conv_painter_draw (cr, width, height, palette, state_of (self), &options);
}

static void
select_output (MlrConvDemo *self,
               guint        x,
               guint        y)
{
  guint sx, sy;

  mlr_conv_state_get_selection (state_of (self), &sx, &sy);
  if (sx != x)
    {
      g_autofree char *v = g_strdup_printf ("%u", x);
      mlr_demo_set_param (MLR_DEMO (self), "x", v, NULL);
    }
  if (sy != y)
    {
      g_autofree char *v = g_strdup_printf ("%u", y);
      mlr_demo_set_param (MLR_DEMO (self), "y", v, NULL);
    }
}

static MlrConvHit
hit (MlrConvDemo *self,
     double       x,
     double       y,
     guint       *a,
     guint       *b)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrConvLayout layout;

  mlr_conv_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                           mlr_demo_get_palette (MLR_DEMO (self)), state_of (self), &layout);
  return mlr_conv_painter_hit (&layout, state_of (self), x, y, a, b);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MlrConvDemo              *self)
{
  guint a, b;

  if (hit (self, x, y, &a, &b) == MLR_CONV_HIT_OUTPUT)
    select_output (self, a, b);
}

static void
pressed_cb (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            MlrConvDemo     *self)
{
  guint a, b;
  MlrConvHit what = hit (self, x, y, &a, &b);

  if (what == MLR_CONV_HIT_KERNEL)
    {
      self->edit_cell = (int) a;
      gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
  else if (what == MLR_CONV_HIT_OUTPUT)
    select_output (self, a, b);
}

/* Arrows: the output pixel one step along. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrConvDemo *self = MLR_CONV_DEMO (widget);
  const MlrConvGrid *feat = mlr_conv_state_get_feature (state_of (self));
  int dx, dy;
  guint x, y;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  mlr_conv_state_get_selection (state_of (self), &x, &y);
  select_output (self, (guint) CLAMP ((int) x + dx, 0, (int) feat->width - 1),
                 (guint) CLAMP ((int) y + dy, 0, (int) feat->height - 1));
}

/* Page Down / Page Up: the next or previous weight of the kernel. */
static void
cell_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrConvDemo *self = MLR_CONV_DEMO (widget);
  guint k;
  int n;

  mlr_conv_state_get_weights (state_of (self), &k);
  n = (int) (k * k);
  self->edit_cell = ((self->edit_cell + g_variant_get_int32 (parameter)) % n + n) % n;
  mlr_demo_queue_draw (MLR_DEMO (self));
}

/* Sets the kernel to @w (k × k weights): it becomes "Your own". */
static void
set_weights (MlrConvDemo  *self,
             const double *w,
             guint         k)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < k * k; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (s, "%s%s", i ? "," : "",
                              g_ascii_formatd (buf, sizeof buf, "%.17g", w[i] + 0.0));
    }
  if (!mlr_demo_set_param (MLR_DEMO (self), "weights", s->str, &error))
    mlr_demo_toast (MLR_DEMO (self), error->message);
  g_string_free (s, TRUE);
}

/* + and −: the chosen weight one more or one less (within ±1000). */
static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MlrConvDemo *self = MLR_CONV_DEMO (widget);
  guint k;
  const double *weights = mlr_conv_state_get_weights (state_of (self), &k);
  double w[25];

  memcpy (w, weights, sizeof (double) * k * k);
  self->edit_cell = CLAMP (self->edit_cell, 0, (int) (k * k) - 1);
  w[self->edit_cell] = CLAMP (round (w[self->edit_cell] + g_variant_get_int32 (parameter)),
                              -MLR_CONV_MAX_WEIGHT, MLR_CONV_MAX_WEIGHT);
  set_weights (self, w, k);
}

/* 0 and 1: the chosen weight set to that value. */
static void
set_cell_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MlrConvDemo *self = MLR_CONV_DEMO (widget);
  guint k;
  const double *weights = mlr_conv_state_get_weights (state_of (self), &k);
  double w[25];

  memcpy (w, weights, sizeof (double) * k * k);
  self->edit_cell = CLAMP (self->edit_cell, 0, (int) (k * k) - 1);
  w[self->edit_cell] = g_variant_get_int32 (parameter);
  set_weights (self, w, k);
}

/* N: every weight divided by their sum, so a flat patch keeps its brightness. */
static void
normalize_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrConvDemo *self = MLR_CONV_DEMO (widget);
  guint k;
  const double *weights = mlr_conv_state_get_weights (state_of (self), &k);
  double w[25], sum = 0;

  for (guint i = 0; i < k * k; i++)
    sum += weights[i];
  if (fabs (sum) < 1e-12)
    {
      mlr_demo_toast (MLR_DEMO (self), _("The weights add up to 0: there is nothing to "
                                         "divide by (an edge kernel is meant to)"));
      return;
    }
  for (guint i = 0; i < k * k; i++)
    w[i] = weights[i] / sum;
  set_weights (self, w, k);
}

/* K: a 3×3 kernel into the middle of a 5×5 one of zeros, or a 5×5 one cut to its middle. */
static void
size_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrConvDemo *self = MLR_CONV_DEMO (widget);
  guint k;
  const double *weights = mlr_conv_state_get_weights (state_of (self), &k);
  double w[25] = { 0 };

  if (k == 3)
    {
      for (guint i = 0; i < 9; i++)
        w[(i / 3 + 1) * 5 + i % 3 + 1] = weights[i];
      self->edit_cell = (self->edit_cell / 3 + 1) * 5 + self->edit_cell % 3 + 1;
    }
  else
    {
      for (guint i = 0; i < 9; i++)
        w[i] = weights[(i / 3 + 1) * 5 + i % 3 + 1];
      self->edit_cell = 4;
    }
  set_weights (self, w, k == 3 ? 5 : 3);
}

/* ---- Open image… */

static gpointer
read_picture (const char  *path,
              GError     **error)
{
  return mlr_conv_picture_load (path, MLR_CONV_OPEN_SIDE, error);
}

static void
picture_read (MlrDemo      *demo,
              const char   *base,
              gpointer      data,
              const GError *read_error)
{
  MlrConvGrid *grid = data;
  g_autoptr(GError) error = read_error ? g_error_copy (read_error) : NULL;
  g_autofree char *msg = NULL;

  if (grid == NULL || !mlr_conv_state_set_image (state_of (MLR_CONV_DEMO (demo)), grid, base,
                                                 &error))
    {
      msg = g_strdup_printf (_("Could not open the picture: %s"), error->message);
      mlr_demo_toast (demo, msg);
      return;
    }
  mlr_demo_changed (demo);
  msg = g_strdup_printf (_("Opened “%s” as %u×%u grey pixels"), base, grid->width,
                         grid->height);
  mlr_demo_toast (demo, msg);
}

/**
 * mlr_conv_demo_open_file:
 * Reads the picture at @path off the UI thread (grey, scaled to fit 128×128) and shows it in
 * place of the built-in image; a toast says what came of it.
 */
void
mlr_conv_demo_open_file (MlrConvDemo *self,
                         const char  *path)
{
  mlr_demo_read_file_async (MLR_DEMO (self), path, read_picture,
                            (GDestroyNotify) mlr_conv_grid_free, picture_read);
}

static void
open_path (MlrDemo    *demo,
           const char *path)
{
  mlr_conv_demo_open_file (MLR_CONV_DEMO (demo), path);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mlr_demo_choose_image (MLR_DEMO (widget), _("Open Image"), open_path);
}

/* Back from an opened picture to the built-in image the Image control names (choosing that
 * same image in the control changes nothing, so this is the way back to it). */
static void
builtin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);

  if (mlr_conv_state_get_own_name (mlr_demo_get_state (demo)) == NULL)
    return;
  if (mlr_conv_state_apply_param (mlr_demo_get_state (demo), mlr_demo_get_params (demo),
                                  "image", NULL))
    mlr_demo_changed (demo);
}

static void
mlr_conv_demo_changed (MlrDemo    *demo,
                       const char *key)
{
  MlrConvDemo *self = MLR_CONV_DEMO (demo);
  guint k;

  if (mlr_demo_get_state (demo) == NULL)
    return;
  mlr_conv_state_get_weights (state_of (self), &k);
  self->edit_cell = CLAMP (self->edit_cell, 0, (int) (k * k) - 1);
  /* the picture's height follows the image's shape, pooling and the kernel's size */
  gtk_widget_queue_resize (GTK_WIDGET (demo));
}

static void
mlr_conv_demo_setup (MlrDemo *demo)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), demo);
  gtk_widget_add_controller (canvas, motion);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), demo);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (click));
  mlr_demo_add_menu_item (demo, _("_Open Image…"),
                          _("Slide the kernel over your own picture (PNG, JPEG, …): its grey "
                            "scale, scaled down to fit 128×128 pixels"),
                          "conv.open");
  mlr_demo_add_menu_item (demo, _("_Built-in Image"),
                          _("Back from your picture to the built-in image the Image control "
                            "shows"),
                          "conv.builtin");
}

static int
mlr_conv_demo_canvas_height (MlrDemo *demo,
                             int      width)
{
  if (mlr_demo_get_state (demo) == NULL)
    return CLAMP (width * 3 / 4, 300, 800);
  return mlr_conv_painter_preferred_height (width, mlr_demo_get_palette (demo),
                                            mlr_demo_get_state (demo));
}

static void
mlr_conv_demo_class_init (MlrConvDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1 },
  };

  demo_class->describe = mlr_conv_demo_describe;
  demo_class->draw = mlr_conv_demo_draw;
  demo_class->setup = mlr_conv_demo_setup;
  demo_class->changed = mlr_conv_demo_changed;
  demo_class->canvas_height = mlr_conv_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Point at the input or the feature map to pick an output pixel; click a weight of the "
       "kernel to edit it. Keys (click the picture first): the arrows move the output pixel; "
       "Page Up/Page Down pick a weight, + and − change it by 1, 0 and 1 set it; N divides "
       "the weights by their sum; K switches between 3×3 and 5×5."));

  gtk_widget_class_install_action (widget_class, "conv.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "conv.cell", "i", cell_action);
  gtk_widget_class_install_action (widget_class, "conv.nudge", "i", nudge_action);
  gtk_widget_class_install_action (widget_class, "conv.set-cell", "i", set_cell_action);
  gtk_widget_class_install_action (widget_class, "conv.normalize", NULL, normalize_action);
  gtk_widget_class_install_action (widget_class, "conv.size", NULL, size_action);
  gtk_widget_class_install_action (widget_class, "conv.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "conv.builtin", NULL, builtin_action);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, "conv.move", "(ii)",
                                         arrows[i].dx, arrows[i].dy);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, "conv.move", "(ii)",
                                         arrows[i].dx, arrows[i].dy);
    }
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "conv.cell", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "conv.cell", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "conv.nudge", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK, "conv.nudge",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "conv.nudge", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Add, 0, "conv.nudge", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "conv.nudge", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Subtract, 0, "conv.nudge", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0, 0, "conv.set-cell", "i", 0);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_1, 0, "conv.set-cell", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_n, 0, "conv.normalize", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_k, 0, "conv.size", NULL);
  gtk_widget_class_set_css_name (widget_class, "convdemo");
}

static void
mlr_conv_demo_init (MlrConvDemo *self)
{
  self->edit_cell = 4;
}
