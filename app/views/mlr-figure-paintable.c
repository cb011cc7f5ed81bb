/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A figure's pixels, drawn the way the window's renderer draws them fastest.
 *
 * With the GL renderer a texture node is right: the texture is uploaded once and kept. GSK 4.8's
 * cairo renderer, though, turns a texture node into a new image surface on every frame that
 * draws it: it allocates the surface, converts the texture's pixels into it and frees it.
 * Replaying a lesson's first frame, its 560 x 300 figure drawn that way took 4.7 ms the first
 * time and 0.55 ms after; painting a surface kept for it takes 0.05 ms. So the pixels are
 * converted once, in the worker thread that decodes the figure, into a cairo surface, and
 * with cairo the figure paints that surface through a cairo node (issue 19).
 *
 * Which renderer draws the widget is known once it is realized: mlr_figure_paintable_follow()
 * asks then, and until it knows, the paintable draws a texture node (right for either).
 */
#include "config.h"

#include "mlr-figure-paintable.h"

struct _MlrFigurePaintable
{
  GObject          parent_instance;
  GdkTexture      *texture;
  cairo_surface_t *surface;     /* the same pixels as a cairo surface; NULL if none */
  gboolean         for_cairo;
};

static void mlr_figure_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MlrFigurePaintable, mlr_figure_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      mlr_figure_paintable_iface_init))

static void
mlr_figure_paintable_snapshot (GdkPaintable *paintable,
                               GdkSnapshot  *snapshot,
                               double        width,
                               double        height)
{
  MlrFigurePaintable *self = MLR_FIGURE_PAINTABLE (paintable);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_surface_t *surface;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (!self->for_cairo || (surface = self->surface) == NULL)
    {
      gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->texture, &bounds);
      return;
    }
  /* As GSK draws a texture node with cairo: stretched to the bounds, edges padded. */
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &bounds);
  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_matrix_init_scale (&matrix, gdk_texture_get_width (self->texture) / width,
                           gdk_texture_get_height (self->texture) / height);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_destroy (cr);
}

static GdkPaintable *
mlr_figure_paintable_get_current_image (GdkPaintable *paintable)
{
  return GDK_PAINTABLE (g_object_ref (MLR_FIGURE_PAINTABLE (paintable)->texture));
}

static GdkPaintableFlags
mlr_figure_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE;
}

static int
mlr_figure_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return gdk_texture_get_width (MLR_FIGURE_PAINTABLE (paintable)->texture);
}

static int
mlr_figure_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return gdk_texture_get_height (MLR_FIGURE_PAINTABLE (paintable)->texture);
}

static void
mlr_figure_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = mlr_figure_paintable_snapshot;
  iface->get_current_image = mlr_figure_paintable_get_current_image;
  iface->get_flags = mlr_figure_paintable_get_flags;
  iface->get_intrinsic_width = mlr_figure_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = mlr_figure_paintable_get_intrinsic_height;
}

static void
mlr_figure_paintable_finalize (GObject *object)
{
  MlrFigurePaintable *self = MLR_FIGURE_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  G_OBJECT_CLASS (mlr_figure_paintable_parent_class)->finalize (object);
}

static void
mlr_figure_paintable_class_init (MlrFigurePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mlr_figure_paintable_finalize;
}

static void
mlr_figure_paintable_init (MlrFigurePaintable *self)
{
}

/**
 * mlr_figure_paintable_new:
 * @texture: the figure's pixels
 *
 * Converts @texture's pixels, once, into a cairo image surface (premultiplied ARGB32, what
 * gdk_texture_download() writes) and a texture in the same format that shares its memory: a
 * GL renderer uploads that without converting it, and cairo paints the surface. When cairo cannot
 * make the surface (out of memory), it keeps @texture as it is. Safe to call from a worker
 * thread, which is where the conversion belongs: not in the frame that first shows the figure.
 *
 * Returns: (transfer full): a paintable that draws with a texture node until it is told the
 * renderer is cairo.
 */
MlrFigurePaintable *
mlr_figure_paintable_new (GdkTexture *texture)
{
  MlrFigurePaintable *self;
  cairo_surface_t *surface;
  int w, h, stride;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);
  self = g_object_new (MLR_TYPE_FIGURE_PAINTABLE, NULL);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      self->texture = g_object_ref (texture);
      return self;
    }
  stride = cairo_image_surface_get_stride (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), (gsize) stride);
  cairo_surface_mark_dirty (surface);
  {
    g_autoptr(GBytes) bytes =
      g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * h,
                                  (GDestroyNotify) cairo_surface_destroy,
                                  cairo_surface_reference (surface));

    self->texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
  }
  self->surface = surface;
  return self;
}

GdkTexture *
mlr_figure_paintable_get_texture (MlrFigurePaintable *self)
{
  g_return_val_if_fail (MLR_IS_FIGURE_PAINTABLE (self), NULL);
  return self->texture;
}

gboolean
mlr_figure_paintable_get_for_cairo (MlrFigurePaintable *self)
{
  g_return_val_if_fail (MLR_IS_FIGURE_PAINTABLE (self), FALSE);
  return self->for_cairo;
}

/* Draws its surface through a cairo node (TRUE) or its texture through a texture node (FALSE). */
void
mlr_figure_paintable_set_for_cairo (MlrFigurePaintable *self,
                                    gboolean            for_cairo)
{
  g_return_if_fail (MLR_IS_FIGURE_PAINTABLE (self));
  if (self->for_cairo == !!for_cairo)
    return;
  self->for_cairo = !!for_cairo;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/* Draws the way the renderer of @widget's window draws best, when it is realized; otherwise
 * leaves it as it is. */
void
mlr_figure_paintable_follow (MlrFigurePaintable *self,
                             GtkWidget          *widget)
{
  GtkNative *native;
  GskRenderer *renderer;

  g_return_if_fail (MLR_IS_FIGURE_PAINTABLE (self));
  if ((native = gtk_widget_get_native (widget)) != NULL &&
      (renderer = gtk_native_get_renderer (native)) != NULL)
    mlr_figure_paintable_set_for_cairo (self, GSK_IS_CAIRO_RENDERER (renderer));
}
