/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-clustering-demo.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml/mlr-csv.h"
#include "painters/mlr-clustering-painter.h"

struct _MlrClusteringDemo
{
  MlrDemo parent_instance;

  int      selected;   /* the centroid chosen by keyboard or pointer, or -1 */
  gboolean dragging;
  double   drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (MlrClusteringDemo, mlr_clustering_demo, MLR_TYPE_DEMO)

static const double speeds[] = { 1, 2, 4 };
static const char * const speed_titles[] = { N_("Slow"), N_("Normal"), N_("Fast") };

static MlrClusteringState *
state_of (MlrClusteringDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

/**
 * mlr_clustering_demo_describe_state:
 * The picture in words: the status line, then the size of each cluster.
 */
char *
mlr_clustering_demo_describe_state (const MlrClusteringState *state)
{
  g_autofree char *status = mlr_clustering_status (state);
  const int *labels = mlr_clustering_state_get_labels (state);
  guint n = mlr_clustering_state_get_n_points (state);
  guint sizes[64] = { 0 };
  guint clusters = MIN (mlr_clustering_state_get_clusters (state), 64);
  GString *s = g_string_new (NULL);

  if (mlr_clustering_state_get_algorithm (state) == MLR_CLUSTERING_KMEANS)
    g_string_append_printf (s, _("k-means with k = %u on %u points. "),
                            mlr_kmeans_get_k (mlr_clustering_state_get_kmeans (state)), n);
  else
    g_string_append_printf (s, _("DBSCAN with eps = %.2f on %u points. "),
                            mlr_clustering_state_get_eps (state), n);
  g_string_append (s, status);
  g_string_append (s, ".");
  for (guint i = 0; i < n; i++)
    if (labels[i] >= 0 && labels[i] < 64)
      sizes[labels[i]]++;
  if (clusters > 0)
    {
      g_string_append (s, _(" Points per cluster:"));
      for (guint c = 0, shown = 0; c < 64 && shown < clusters; c++)
        if (sizes[c] > 0)
          {
            g_string_append_printf (s, shown ? ", %u" : " %u", sizes[c]);
            shown++;
          }
      g_string_append (s, ".");
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_clustering_demo_describe (MlrDemo *demo)
{
  return mlr_clustering_demo_describe_state (mlr_demo_get_state (demo));
}

static void
mlr_clustering_demo_draw (MlrDemo          *demo,
                          cairo_t          *cr,
                          int               width,
                          int               height,
                          const MlrPalette *palette)
{
  mlr_clustering_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo),
                               MLR_CLUSTERING_DEMO (demo)->selected);
}

static gboolean
mlr_clustering_demo_step (MlrDemo *demo)
{
  return mlr_clustering_state_step (mlr_demo_get_state (demo));
}

static void
mlr_clustering_demo_rewind (MlrDemo *demo)
{
  mlr_clustering_state_rewind (mlr_demo_get_state (demo));
}

static void
mlr_clustering_demo_finish (MlrDemo *demo)
{
  mlr_clustering_state_finish (mlr_demo_get_state (demo));
}

static gboolean
mlr_clustering_demo_is_finished (MlrDemo *demo)
{
  return mlr_clustering_state_is_finished (mlr_demo_get_state (demo));
}

static gboolean
mlr_clustering_demo_can_play (MlrDemo *demo)
{
  return mlr_clustering_state_get_algorithm (mlr_demo_get_state (demo)) ==
         MLR_CLUSTERING_KMEANS;
}

static void
layout_of (MlrClusteringDemo   *self,
           MlrClusteringLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_clustering_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                                 state_of (self), layout);
}

static void
move_selected_to (MlrClusteringDemo *self,
                  double             x,
                  double             y)
{
  if (self->selected < 0)
    return;
  mlr_clustering_state_move_centroid (state_of (self), (guint) self->selected, x, y);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               MlrClusteringDemo *self)
{
  MlrClusteringLayout L;
  int hit;

  layout_of (self, &L);
  hit = mlr_clustering_painter_hit_centroid (&L, state_of (self), x, y);
  if (hit < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  self->selected = hit;
  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_y = y;
  mlr_demo_queue_draw (MLR_DEMO (self));
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                MlrClusteringDemo *self)
{
  MlrClusteringLayout L;
  double x, y;

  if (!self->dragging)
    return;
  layout_of (self, &L);
  mlr_plot_to_data (&L.scatter,
                    CLAMP (self->drag_x + dx, L.scatter.x0, L.scatter.x0 + L.scatter.w),
                    CLAMP (self->drag_y + dy, L.scatter.y0, L.scatter.y0 + L.scatter.h), &x, &y);
  move_selected_to (self, x, y);
}

static void
drag_end_cb (GtkGestureDrag    *gesture,
             double             dx,
             double             dy,
             MlrClusteringDemo *self)
{
  self->dragging = FALSE;
}

/* Page Down / Page Up: the next or previous centroid. */
static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MlrClusteringDemo *self = MLR_CLUSTERING_DEMO (widget);
  MlrClusteringState *state = state_of (self);
  int k, by = g_variant_get_int32 (parameter);

  if (mlr_clustering_state_get_algorithm (state) != MLR_CLUSTERING_KMEANS)
    return;
  k = (int) mlr_kmeans_get_k (mlr_clustering_state_get_kmeans (state));
  self->selected = self->selected < 0 ? (by > 0 ? 0 : k - 1)
                                      : ((self->selected + by) % k + k) % k;
  mlr_demo_queue_draw (MLR_DEMO (self));
}

/* Arrows: move the chosen centroid by 2% of the view. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrClusteringDemo *self = MLR_CLUSTERING_DEMO (widget);
  MlrClusteringState *state = state_of (self);
  const double *c;
  double xmin, xmax, ymin, ymax, step;
  int dx, dy;

  if (mlr_clustering_state_get_algorithm (state) != MLR_CLUSTERING_KMEANS)
    return;
  if (self->selected < 0)
    self->selected = 0;
  g_variant_get (parameter, "(ii)", &dx, &dy);
  mlr_clustering_state_get_bounds (state, &xmin, &xmax, &ymin, &ymax);
  step = 0.02 * MAX (xmax - xmin, ymax - ymin);
  c = mlr_kmeans_get_centroids (mlr_clustering_state_get_kmeans (state));
  move_selected_to (self, c[2 * self->selected] + dx * step,
                    c[2 * self->selected + 1] + dy * step);
}

/* + / −: one more or one fewer cluster (k-means), or eps ± 0.02 (DBSCAN). */
static void
more_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);
  const MlrParams *params = mlr_demo_get_params (demo);
  int by = g_variant_get_int32 (parameter);
  g_autofree char *value = NULL;

  if (mlr_clustering_state_get_algorithm (mlr_demo_get_state (demo)) == MLR_CLUSTERING_KMEANS)
    {
      gint64 k = CLAMP (mlr_params_get_int (params, "k") + by, 1, MLR_CLUSTERING_MAX_K);
      value = g_strdup_printf ("%" G_GINT64_FORMAT, k);
      MLR_CLUSTERING_DEMO (widget)->selected = -1;
      mlr_demo_set_param (demo, "k", value, NULL);
    }
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double eps = CLAMP (mlr_params_get_double (params, "eps") + 0.02 * by, 0.02, 5);
      value = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", eps));
      mlr_demo_set_param (demo, "eps", value, NULL);
    }
}

/* D: k-means or DBSCAN. */
static void
algorithm_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MlrDemo *demo = MLR_DEMO (widget);
  gboolean km = mlr_clustering_state_get_algorithm (mlr_demo_get_state (demo)) ==
                MLR_CLUSTERING_KMEANS;

  MLR_CLUSTERING_DEMO (widget)->selected = -1;
  mlr_demo_set_param (demo, "algorithm", km ? "dbscan" : "kmeans", NULL);
}

/**
 * mlr_clustering_demo_import_file:
 * Clusters the points of a CSV file (columns x,y or x1,x2; other columns ignored). On any
 * problem the points stay as they were and a toast says what is wrong, with FILE:LINE where
 * the reader found it.
 */
gboolean
mlr_clustering_demo_import_file (MlrClusteringDemo *self,
                                 const char        *path)
{
  g_autoptr(MlrDataset) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *msg = NULL;

  points = mlr_csv_load (path, MLR_CSV_POINTS, &error);
  if (points == NULL || !mlr_clustering_state_set_points (state_of (self), points, &error))
    {
      msg = g_strdup_printf (_("Could not import: %s"), error->message);
      mlr_demo_toast (MLR_DEMO (self), msg);
      return FALSE;
    }
  mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  self->selected = -1;
  mlr_demo_changed (MLR_DEMO (self));
  msg = g_strdup_printf (_("Imported %u points from “%s”"), points->n_points, base);
  mlr_demo_toast (MLR_DEMO (self), msg);
  return TRUE;
}

static void
import_path (MlrDemo    *demo,
             const char *path)
{
  mlr_clustering_demo_import_file (MLR_CLUSTERING_DEMO (demo), path);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), FALSE, _("Import Points"),
                       _("CSV with columns x, y"), NULL, import_path);
}

static void
mlr_clustering_demo_changed (MlrDemo    *demo,
                             const char *key)
{
  MlrClusteringDemo *self = MLR_CLUSTERING_DEMO (demo);
  MlrClusteringState *state = mlr_demo_get_state (demo);

  if (state == NULL || mlr_clustering_state_get_algorithm (state) != MLR_CLUSTERING_KMEANS ||
      self->selected >= (int) mlr_kmeans_get_k (mlr_clustering_state_get_kmeans (state)))
    self->selected = -1;
}

static void
mlr_clustering_demo_setup (MlrDemo *demo)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), demo);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), demo);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), demo);
  gtk_widget_add_controller (GTK_WIDGET (mlr_demo_get_canvas (demo)),
                             GTK_EVENT_CONTROLLER (drag));
  mlr_demo_add_menu_item (demo, _("_Import CSV…"),
                          _("Cluster your own points: a CSV file with columns x and y (or x1 "
                            "and x2), at most 1500 rows; other columns are ignored"),
                          "clustering.import");
}

static int
mlr_clustering_demo_canvas_height (MlrDemo *demo,
                                   int      width)
{
  if (width < 560)
    return CLAMP (width * 5 / 4, 420, 720);
  return CLAMP (width * 5 / 8, 360, 640);
}

static void
mlr_clustering_demo_class_init (MlrClusteringDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, 1 }, { GDK_KEY_Down, GDK_KEY_KP_Down, 0, -1 },
  };

  demo_class->describe = mlr_clustering_demo_describe;
  demo_class->draw = mlr_clustering_demo_draw;
  demo_class->setup = mlr_clustering_demo_setup;
  demo_class->changed = mlr_clustering_demo_changed;
  demo_class->canvas_height = mlr_clustering_demo_canvas_height;
  demo_class->advance = mlr_demo_default_advance;
  demo_class->step = mlr_clustering_demo_step;
  demo_class->rewind = mlr_clustering_demo_rewind;
  demo_class->finish = mlr_clustering_demo_finish;
  demo_class->is_finished = mlr_clustering_demo_is_finished;
  demo_class->can_play = mlr_clustering_demo_can_play;
  mlr_demo_class_set_speeds (demo_class, speeds, speed_titles, G_N_ELEMENTS (speeds), 1);
  mlr_demo_class_set_transport_tips (demo_class,
                                     N_("Back to the k-means++ start, no point assigned (R)"),
                                     N_("Play: assign, move the centroids, and again (Space)"),
                                     N_("Run k-means again from its start (Space)"),
                                     N_("One half-step: assign the points, or move the "
                                        "centroids (Enter)"));
  mlr_demo_class_set_keys_help (demo_class,
    N_("Drag a centroid (a diamond) to start k-means from elsewhere. Keys (click the picture "
       "first): Space play/pause, Enter one half-step, R back to the start, End to the end; "
       "Page Up/Page Down choose a centroid and the arrows move it; + and − change k (or eps "
       "for DBSCAN); D switches between k-means and DBSCAN."));

  gtk_widget_class_install_action (widget_class, "clustering.select", "i", select_action);
  gtk_widget_class_install_action (widget_class, "clustering.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "clustering.more", "i", more_action);
  gtk_widget_class_install_action (widget_class, "clustering.algorithm", NULL, algorithm_action);
  gtk_widget_class_install_action (widget_class, "clustering.import", NULL, import_action);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "clustering.select", "i",
                                     1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "clustering.select", "i",
                                     -1);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, "clustering.move", "(ii)",
                                         arrows[i].dx, arrows[i].dy);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, "clustering.move", "(ii)",
                                         arrows[i].dx, arrows[i].dy);
    }
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "clustering.more", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK, "clustering.more",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "clustering.more", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Add, 0, "clustering.more", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "clustering.more", "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Subtract, 0, "clustering.more", "i",
                                     -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_d, 0, "clustering.algorithm", NULL);
  gtk_widget_class_set_css_name (widget_class, "clusteringdemo");
}

static void
mlr_clustering_demo_init (MlrClusteringDemo *self)
{
  self->selected = -1;
}
