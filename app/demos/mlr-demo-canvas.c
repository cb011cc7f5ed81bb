/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-demo-canvas.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "painters/mlr-render.h"

struct _MlrDemoCanvas
{
  GtkWidget        parent_instance;

  MlrDemoDrawFunc  func;
  gpointer         user_data;
  GDestroyNotify   destroy;
  MlrPalette       palette;
  guint            draw_count;
  gint64           last_draw_us;
};

enum {
  SIGNAL_PALETTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MlrDemoCanvas, mlr_demo_canvas, GTK_TYPE_WIDGET)

static MlrColor
to_color (const GdkRGBA *rgba)
{
  MlrColor c = { rgba->red, rgba->green, rgba->blue, rgba->alpha };
  return c;
}

static void
lookup (GtkWidget  *widget,
        const char *name,
        MlrColor   *out)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba))
    *out = to_color (&rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A font description's size in points, whether it was given in points or pixels (at
 * 96 dpi); 0 when it has none. */
static double
font_points (const PangoFontDescription *desc)
{
  double size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;

  if (!(pango_font_description_get_set_fields (desc) & PANGO_FONT_MASK_SIZE) || !(size > 0))
    return 0;
  return pango_font_description_get_size_is_absolute (desc) ? size * 72 / 96 : size;
}

/**
 * mlr_palette_from_widget:
 * The painter palette for the theme @widget is drawn with: libadwaita's named colours over
 * the built-in defaults, so a theme missing a colour still gives a usable picture.
 */
void
mlr_palette_from_widget (GtkWidget  *widget,
                         MlrPalette *palette)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autofree char *font = NULL;

  mlr_palette_init_default (palette, dark);
  lookup (widget, "view_bg_color", &palette->background);
  lookup (widget, "view_fg_color", &palette->foreground);
  lookup (widget, "accent_color", &palette->accent);
  lookup (widget, "success_color", &palette->success);
  lookup (widget, "warning_color", &palette->warning);
  lookup (widget, "error_color", &palette->error);
  {
    MlrColor fg = palette->foreground;
    fg.a = 1;
    palette->dim = mlr_color_mix (&palette->background, &fg, 0.62);
    palette->grid = mlr_color_mix (&palette->background, &fg, 0.16);
  }
  g_object_get (gtk_widget_get_settings (widget), "gtk-font-name", &font, NULL);
  if (font != NULL)
    {
      PangoFontDescription *desc = pango_font_description_from_string (font);
      const PangoFontDescription *own =
        pango_context_get_font_description (gtk_widget_get_pango_context (widget));
      const char *family = pango_font_description_get_family (desc);
      double base = font_points (desc), size = own != NULL ? font_points (own) : 0;

      if (family != NULL)
        g_strlcpy (palette->font_family, family, sizeof palette->font_family);
      /* Canvas text follows the lesson text size: the page's font (the Lesson Text Size
       * preference scales it in CSS) against the desktop's. */
      if (base > 0 && size > 0)
        palette->font_size *= CLAMP (round (size / base * 100) / 100, 0.5, 3.0);  /* whole % */
      pango_font_description_free (desc);
    }
}

GtkWidget *
mlr_demo_canvas_new (void)
{
  return g_object_new (MLR_TYPE_DEMO_CANVAS, NULL);
}

void
mlr_demo_canvas_set_draw_func (MlrDemoCanvas   *self,
                               MlrDemoDrawFunc  func,
                               gpointer         user_data,
                               GDestroyNotify   destroy)
{
  g_return_if_fail (MLR_IS_DEMO_CANVAS (self));

  if (self->destroy)
    self->destroy (self->user_data);
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const MlrPalette *
mlr_demo_canvas_get_palette (MlrDemoCanvas *self)
{
  g_return_val_if_fail (MLR_IS_DEMO_CANVAS (self), NULL);
  return &self->palette;
}

guint
mlr_demo_canvas_get_draw_count (MlrDemoCanvas *self)
{
  return self->draw_count;
}

/* How long the last paint took, in microseconds (for the frame-time benchmark and tests). */
gint64
mlr_demo_canvas_get_last_draw_us (MlrDemoCanvas *self)
{
  return self->last_draw_us;
}

static gboolean
render_cb (cairo_t          *cr,
           int               width,
           int               height,
           const MlrPalette *palette,
           gpointer          user_data,
           GError          **error)
{
  MlrDemoCanvas *self = user_data;

  self->func (cr, width, height, palette, self->user_data);
  return TRUE;
}

/**
 * mlr_demo_canvas_export:
 * Paints the current picture, at the canvas's current size and colours, to @path (.png, .svg or
 * .pdf).
 */
gboolean
mlr_demo_canvas_export (MlrDemoCanvas *self,
                        const char    *path,
                        GError       **error)
{
  int w = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 320);
  int h = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 240);

  g_return_val_if_fail (MLR_IS_DEMO_CANVAS (self), FALSE);
  if (self->func == NULL)
    {
      g_set_error (error, MLR_RENDER_ERROR, MLR_RENDER_ERROR_FAILED, "nothing to export");
      return FALSE;
    }
  return mlr_render_to_file (path, w, h, &self->palette, render_cb, self, error);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    MlrDemoCanvas   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *msg = NULL;

      if (path != NULL && !g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".svg") &&
          !g_str_has_suffix (path, ".pdf"))
        {
          char *with_ext = g_strconcat (path, ".png", NULL);
          g_free (path);
          path = with_ext;
        }
      if (path == NULL)
        msg = g_strdup (_("Only local files can be exported to"));
      else if (!mlr_demo_canvas_export (self, path, &error))
        msg = g_strdup_printf (_("Could not export the figure: %s"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          msg = g_strdup_printf (_("Saved “%s”"), base);
        }
      gtk_widget_activate_action (GTK_WIDGET (self), "lesson.toast", "s", msg);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
mlr_demo_canvas_export_dialog (MlrDemoCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  dialog = gtk_file_chooser_native_new (_("Export Figure"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "figure.png");
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG, SVG or PDF"));
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
mlr_demo_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  MlrDemoCanvas *self = MLR_DEMO_CANVAS (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  cairo_t *cr;
  gint64 start;

  if (self->func == NULL || w <= 0 || h <= 0)
    return;
  start = g_get_monotonic_time ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  mlr_cairo_set_color (cr, &self->palette.background);
  cairo_paint (cr);
  self->func (cr, w, h, &self->palette, self->user_data);
  cairo_destroy (cr);
  self->last_draw_us = g_get_monotonic_time () - start;
  self->draw_count++;
}

static void
mlr_demo_canvas_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  MlrDemoCanvas *self = MLR_DEMO_CANVAS (widget);

  GTK_WIDGET_CLASS (mlr_demo_canvas_parent_class)->css_changed (widget, change);
  mlr_palette_from_widget (widget, &self->palette);
  gtk_widget_queue_draw (widget);
  g_signal_emit (self, signals[SIGNAL_PALETTE_CHANGED], 0);
}

static void
mlr_demo_canvas_finalize (GObject *object)
{
  MlrDemoCanvas *self = MLR_DEMO_CANVAS (object);

  if (self->destroy)
    self->destroy (self->user_data);
  G_OBJECT_CLASS (mlr_demo_canvas_parent_class)->finalize (object);
}

static void
mlr_demo_canvas_class_init (MlrDemoCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mlr_demo_canvas_finalize;
  widget_class->snapshot = mlr_demo_canvas_snapshot;

  /**
   * MlrDemoCanvas::palette-changed:
   * The theme changed the colours the canvas paints with (light, dark, accent).
   */
  signals[SIGNAL_PALETTE_CHANGED] = g_signal_new ("palette-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);
  widget_class->css_changed = mlr_demo_canvas_css_changed;
  gtk_widget_class_set_css_name (widget_class, "democanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mlr_demo_canvas_init (MlrDemoCanvas *self)
{
  mlr_palette_init_default (&self->palette, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}
