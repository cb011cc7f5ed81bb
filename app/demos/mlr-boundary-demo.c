/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-boundary-demo.h"
#include "mlr-scroll-forward.h"
#include "mlr-tooltip.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ml/mlr-csv.h"
#include "ml/mlr-mlp.h"

/* Hit radius for grabbing a point, in pixels. */
#define HIT_PX 9
/* A fit running this long when a newer request arrives is cancelled rather than waited for. */
#define SUPERSEDE_US (120 * 1000)

typedef enum {
  DRAG_NONE,
  DRAG_POINT,
} DragMode;

struct _MlrBoundaryDemo
{
  MlrDemo          parent_instance;

  /* the subclass's own controls */
  GtkWidget       *layers;
  GtkWidget       *units;
  GtkWidget       *splits_check;
  GtkWidget       *class_dropdown;
  GtkWidget       *class_swatch;
  GtkWidget       *epoch_label;
  guint            add_class;
  guint            class_list_size;

  /* fitting */
  GTask           *task;          /* the fit in flight, or NULL */
  MlrBoundaryJob  *task_job;      /* its job (owned by the task) */
  GCancellable    *task_cancellable;
  gint64           task_started_us;
  gboolean         pending;
  guint            pending_extra;
  guint            fit_count;     /* results installed (tests wait on it) */
  MlrGrid          last_grid;

  /* pointer */
  DragMode         drag;
  double           drag_x, drag_y;
  int              hover;
};

G_DEFINE_FINAL_TYPE (MlrBoundaryDemo, mlr_boundary_demo, MLR_TYPE_DEMO)

static void request_fit (MlrBoundaryDemo *self,
                         guint            extra_epochs);

static MlrBoundaryState *
state_of (MlrBoundaryDemo *self)
{
  return mlr_demo_get_state (MLR_DEMO (self));
}

static gboolean
is_mlp (MlrBoundaryDemo *self)
{
  return mlr_boundary_state_get_model (state_of (self)) == MLR_MODEL_MLP;
}

static gboolean
is_gb (MlrBoundaryDemo *self)
{
  return mlr_boundary_state_get_model (state_of (self)) == MLR_MODEL_GB;
}

/* ---------------------------------------------------------------- words */

/**
 * mlr_boundary_demo_describe_state:
 * The sentence a screen reader speaks: "SVM (rbf) on moons, 200 points: train accuracy
 * 97%, test 95%", plus the epoch of an mlp and the selected point.
 */
char *
mlr_boundary_demo_describe_state (const MlrBoundaryState *state)
{
  g_autofree char *model = mlr_boundary_state_model_title (state);
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (state);
  const char *error = mlr_boundary_state_get_error (state);
  int selected = mlr_boundary_state_get_selected (state);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("%s on %s, %u points"), model,
                          mlr_boundary_state_data_title (state),
                          mlr_boundary_state_get_n_points (state));
  if (error != NULL)
    g_string_append_printf (s, _(": cannot fit (%s)"), error);
  else if (r == NULL)
    g_string_append (s, _(": fitting"));
  else
    {
      g_autofree char *train = mlr_boundary_format_percent (r->train_correct, r->n_train);
      g_autofree char *test = mlr_boundary_format_percent (r->test_correct, r->n_test);
      g_string_append_printf (s, _(": train accuracy %s, test %s"), train,
                              r->n_test > 0 ? test : _("(no test points)"));
      if (r->model == MLR_MODEL_MLP)
        g_string_append_printf (s, _(", epoch %u of %u"), r->epoch, r->max_epochs);
      if (r->model == MLR_MODEL_GB && !mlr_boundary_state_is_current (state))
        g_string_append (s, _(" (updating)"));
      if (r->network != NULL && mlr_boundary_state_get_show_network (state))
        {
          g_autofree char *net = mlr_boundary_network_describe (r->network);
          g_string_append_printf (s, ". %s", net);
        }
    }
  if (selected >= 0)
    {
      const MlrDataset *points = mlr_boundary_state_get_points (state);
      g_string_append_printf (s, mlr_boundary_state_is_test (state, (guint) selected)
                                 ? _(". Selected: a test point of class %u at (%.2f, %.2f)")
                                 : _(". Selected: a training point of class %u at (%.2f, %.2f)"),
                              points->y[selected], points->x[2 * selected],
                              points->x[2 * selected + 1]);
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_boundary_demo_describe (MlrDemo *demo)
{
  return mlr_boundary_demo_describe_state (mlr_demo_get_state (demo));
}

static char *
mlr_boundary_demo_get_label (MlrDemo *demo)
{
  MlrDemoSetting *model = mlr_demo_get_setting (demo, "model");
  const char *title = mlr_demo_setting_get_titled (model, mlr_demo_setting_get_selected (model),
                                                 NULL);

  return g_strdup_printf (_("Decision boundary of %s"), title ? _(title) : "");
}

/* ---------------------------------------------------------------- fitting */

typedef struct {
  GWeakRef        demo;
  MlrBoundaryJob *job;
} FitRequest;

static void
fit_request_free (gpointer data)
{
  FitRequest *req = data;

  g_weak_ref_clear (&req->demo);
  mlr_boundary_job_free (req->job);
  g_free (req);
}

static void
fit_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FitRequest *req = task_data;
  MlrBoundaryResult *result = mlr_boundary_job_run (req->job);

  if (result == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "superseded");
  else
    g_task_return_pointer (task, result, (GDestroyNotify) mlr_boundary_result_free);
}

static void launch_fit (MlrBoundaryDemo *self);

static void
fit_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  GTask *task = G_TASK (res);
  FitRequest *req = g_task_get_task_data (task);
  g_autoptr(MlrBoundaryDemo) self = g_weak_ref_get (&req->demo);
  MlrBoundaryResult *result = g_task_propagate_pointer (task, NULL);

  if (self == NULL || state_of (self) == NULL)
    {
      mlr_boundary_result_free (result);
      return;
    }
  if (self->task == task)
    {
      g_clear_object (&self->task);
      g_clear_object (&self->task_cancellable);
      self->task_job = NULL;
    }
  if (mlr_boundary_state_take_result (state_of (self), result))
    {
      const MlrBoundaryResult *r = mlr_boundary_state_get_result (state_of (self));
      self->fit_count++;
      if (mlr_demo_get_playing (MLR_DEMO (self)) &&
          (r == NULL || r->training_done || mlr_boundary_state_get_error (state_of (self))))
        mlr_demo_set_playing (MLR_DEMO (self), FALSE);
      mlr_demo_changed (MLR_DEMO (self));
    }
  if (self->pending && self->task == NULL)
    launch_fit (self);
  else if (self->task == NULL)
    mlr_demo_queue_draw (MLR_DEMO (self));  /* "updating…" goes away */
}

static void
current_layout (MlrBoundaryDemo   *self,
                MlrBoundaryLayout *layout)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));

  mlr_boundary_painter_layout (gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                               mlr_demo_get_palette (MLR_DEMO (self)), state_of (self), layout);
}

static gboolean
grid_for_canvas (MlrBoundaryDemo *self,
                 MlrGrid         *grid)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  MlrBoundaryLayout layout;

  if (gtk_widget_get_width (canvas) < 32 || gtk_widget_get_height (canvas) < 32)
    return FALSE;
  current_layout (self, &layout);
  mlr_boundary_painter_grid (&layout, grid);
  return TRUE;
}

static void
launch_fit (MlrBoundaryDemo *self)
{
  FitRequest *req;
  MlrGrid grid;

  if (!grid_for_canvas (self, &grid))
    return;  /* size_allocate launches it once the canvas has a size */
  req = g_new0 (FitRequest, 1);
  g_weak_ref_init (&req->demo, self);
  req->job = mlr_boundary_state_new_job (state_of (self), &grid, self->pending_extra);
  self->pending = FALSE;
  self->pending_extra = 0;
  self->last_grid = grid;
  self->task_cancellable = g_cancellable_new ();
  self->task = g_task_new (NULL, self->task_cancellable, fit_done_cb, NULL);
  g_task_set_source_tag (self->task, launch_fit);
  g_task_set_task_data (self->task, req, fit_request_free);
  /* the job, not the GTask, decides what a cancelled fit returns */
  g_task_set_return_on_cancel (self->task, FALSE);
  self->task_job = req->job;
  self->task_started_us = g_get_monotonic_time ();
  g_task_run_in_thread (self->task, fit_thread);
}

/* Cancels the fit in flight (its answer is dropped; an mlp stops between epochs). */
static void
cancel_fit (MlrBoundaryDemo *self)
{
  if (self->task == NULL)
    return;
  mlr_boundary_job_cancel (self->task_job);
  g_cancellable_cancel (self->task_cancellable);
  g_clear_object (&self->task);
  g_clear_object (&self->task_cancellable);
  self->task_job = NULL;
}

/* Asks for a fit of the current state (@extra_epochs: mlp epochs to train on). Newest wins:
 * while a fit runs, requests coalesce into one that runs when it returns; a fit for an older
 * configuration, or one that has run for long, is cancelled so the new one starts now. */
static void
request_fit (MlrBoundaryDemo *self,
             guint            extra_epochs)
{
  /* two quick steps are two epochs */
  self->pending_extra = self->pending ? MIN (self->pending_extra + extra_epochs, 1000000)
                                      : extra_epochs;
  self->pending = TRUE;
  if (self->task != NULL &&
      (mlr_boundary_job_get_config (self->task_job) !=
       mlr_boundary_state_get_config (state_of (self)) ||
       g_get_monotonic_time () - self->task_started_us > SUPERSEDE_US))
    cancel_fit (self);
  if (self->task == NULL)
    launch_fit (self);
  mlr_demo_queue_draw (MLR_DEMO (self));
}

/**
 * mlr_boundary_demo_refit:
 * Fits the current state again (after changing it directly, e.g. in tests).
 */
void
mlr_boundary_demo_refit (MlrBoundaryDemo *self)
{
  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));

  request_fit (self, 0);
  mlr_demo_changed (MLR_DEMO (self));
}

/* TRUE while a fit runs or waits. */
gboolean
mlr_boundary_demo_is_busy (MlrBoundaryDemo *self)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), FALSE);
  return self->task != NULL || self->pending;
}

/* How many results have been installed so far (tests wait for it to move). */
guint
mlr_boundary_demo_get_fit_count (MlrBoundaryDemo *self)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), 0);
  return self->fit_count;
}

/* ---------------------------------------------------------------- mlp training */

/* Epochs per animation frame: the whole run in about four seconds at 60 Hz. */
static guint
epochs_per_frame (MlrBoundaryDemo *self)
{
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (state_of (self));
  guint max = r && r->max_epochs ? r->max_epochs : 200;

  return MAX (1, (guint) round (max / 240.0));
}

/* gb: the stage shown; n_estimators and beyond is "all". */
static void
set_gb_stage (MlrBoundaryDemo *self,
              guint            stage)
{
  char buf[32] = "all";

  if (stage < mlr_boundary_state_get_gb_n_estimators (state_of (self)))
    g_snprintf (buf, sizeof buf, "%u", stage);
  mlr_demo_set_param (MLR_DEMO (self), "stage", buf, NULL);
}

/* gb: whether a later stage can be shown. */
static gboolean
gb_can_step (MlrBoundaryDemo *self)
{
  return is_gb (self) && mlr_boundary_state_get_error (state_of (self)) == NULL &&
         mlr_boundary_state_get_gb_stage (state_of (self)) <
         mlr_boundary_state_get_gb_n_estimators (state_of (self));
}

/* gb: @stages more stages (playing: one per frame, more for runs over 240 stages). */
static void
gb_step (MlrBoundaryDemo *self,
         guint            stages)
{
  set_gb_stage (self, mlr_boundary_state_get_gb_stage (state_of (self)) + stages);
}

/* One training chunk per frame, and only when the last one is in: the worker never queues
 * up more epochs than the screen can show. */
static gboolean
mlr_boundary_demo_advance (MlrDemo *demo,
                           double   seconds)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);

  if (is_gb (self))
    {
      if (self->task == NULL && !self->pending)
        {
          if (!gb_can_step (self))
            return FALSE;
          gb_step (self, MAX (1, mlr_boundary_state_get_gb_n_estimators (state_of (self)) / 240));
        }
      return TRUE;
    }
  if (self->task == NULL && !self->pending)
    {
      if (!mlr_boundary_state_mlp_can_step (state_of (self)))
        return FALSE;
      request_fit (self, epochs_per_frame (self));
    }
  return TRUE;
}

static gboolean
mlr_boundary_demo_step (MlrDemo *demo)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);

  if (is_gb (self))
    {
      if (!gb_can_step (self))
        return FALSE;
      gb_step (self, 1);
      return TRUE;
    }
  if (!mlr_boundary_state_mlp_can_step (state_of (self)))
    return FALSE;
  request_fit (self, 1);
  return TRUE;
}

/* R: an mlp goes back to its untrained network (epoch 0); other models get the data as
 * generated or imported back (undoing hand edits). */
static void
mlr_boundary_demo_rewind (MlrDemo *demo)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);

  if (is_gb (self))
    {
      set_gb_stage (self, 0);  /* the class prior alone */
      return;
    }
  if (is_mlp (self))
    mlr_boundary_state_mlp_reset (state_of (self));
  else
    mlr_boundary_state_restore (state_of (self));
  request_fit (self, 0);
}

static void
mlr_boundary_demo_finish (MlrDemo *demo)
{
  if (is_gb (MLR_BOUNDARY_DEMO (demo)))
    set_gb_stage (MLR_BOUNDARY_DEMO (demo), G_MAXUINT);
  else
    request_fit (MLR_BOUNDARY_DEMO (demo), 1000000);
}

static gboolean
mlr_boundary_demo_is_finished (MlrDemo *demo)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (mlr_demo_get_state (demo));

  if (is_gb (self))
    return !gb_can_step (self);
  return r != NULL && r->model == MLR_MODEL_MLP && r->training_done;
}

static gboolean
mlr_boundary_demo_can_play (MlrDemo *demo)
{
  return is_mlp (MLR_BOUNDARY_DEMO (demo)) || is_gb (MLR_BOUNDARY_DEMO (demo));
}

/* ---------------------------------------------------------------- the panel follows */

static MlrColor
add_class_color (MlrDemo          *demo,
                 const MlrPalette *palette,
                 gpointer          user_data)
{
  return mlr_boundary_class_color (palette, MLR_BOUNDARY_DEMO (demo)->add_class);
}

/* The classes a click can add: those there are, and one more to start a new class. */
static void
sync_class_list (MlrBoundaryDemo *self)
{
  guint K = mlr_boundary_state_get_n_classes (state_of (self));
  guint size = MIN (K + 1, MLR_DATASET_MAX_CLASSES);
  g_autoptr(GtkStringList) list = NULL;

  if (size == self->class_list_size)
    return;
  list = gtk_string_list_new (NULL);
  for (guint c = 0; c < size; c++)
    {
      g_autofree char *name = c < K ? g_strdup_printf (_("Class %u"), c)
                                    : g_strdup_printf (_("New class %u"), c);
      gtk_string_list_append (list, name);
    }
  self->class_list_size = size;
  self->add_class = MIN (self->add_class, size - 1);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->class_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->class_dropdown), self->add_class);
  gtk_widget_queue_draw (self->class_swatch);
}

/* layers × units, from "hidden" (an mlp of equal layers) */
static void
sync_hidden (MlrBoundaryDemo *self)
{
  double units[8];
  guint n = mlr_params_get_doubles (mlr_demo_get_params (MLR_DEMO (self)), "hidden", units,
                                    G_N_ELEMENTS (units));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->layers), n);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->units), n ? units[0] : 100);
}

static void
mlr_boundary_demo_changed (MlrDemo    *demo,
                           const char *key)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);
  MlrModelKind model = mlr_boundary_state_get_model (state_of (self));
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (state_of (self));
  gboolean mlp = model == MLR_MODEL_MLP, gb = model == MLR_MODEL_GB;
  g_autofree char *epoch = NULL;

  sync_class_list (self);
  sync_hidden (self);
  gtk_widget_set_visible (gtk_widget_get_parent (self->splits_check),
                          model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->splits_check),
                               mlr_boundary_state_get_show_splits (state_of (self)));
  gtk_widget_set_visible (self->epoch_label, mlp || gb);
  if (gb)
    epoch = g_strdup_printf (_("Stage %u of %u"), mlr_boundary_state_get_gb_stage (state_of (self)),
                             mlr_boundary_state_get_gb_n_estimators (state_of (self)));
  else
    epoch = r && r->model == MLR_MODEL_MLP ? g_strdup_printf (_("Epoch %u"), r->epoch)
                                           : g_strdup (_("Epoch …"));
  gtk_label_set_text (GTK_LABEL (self->epoch_label), epoch);

  if (key != NULL)
    {
      /* a parameter changed: the model to show is another one */
      if (g_str_equal (key, "model") || g_str_equal (key, "view"))
        gtk_widget_queue_resize (GTK_WIDGET (self));
      /* the network view needs no fit: its new layout's raster refits (size_allocate) */
      if (g_str_equal (key, "view"))
        return;
      request_fit (self, 0);
      /* playing gb moves the stage itself; any other change stops it */
      if (mlr_demo_get_playing (demo) && !(gb && g_str_equal (key, "stage")))
        mlr_demo_set_playing (demo, FALSE);
    }
}

/* ---------------------------------------------------------------- the subclass's controls */

static void
hidden_changed_cb (GtkSpinButton   *spin,
                   MlrBoundaryDemo *self)
{
  guint n = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->layers));
  guint u = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->units));
  GString *s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%u", i ? "," : "", u);
  /* equal to what it holds, the demo changes nothing */
  if (!mlr_demo_set_param (MLR_DEMO (self), "hidden", s->str, &error))
    {
      mlr_demo_toast (MLR_DEMO (self), error->message);
      sync_hidden (self);
    }
  g_string_free (s, TRUE);
}

static GtkWidget *
labelled_spin (const char *label_text,
               const char *tooltip,
               const char *name,
               double      lo,
               double      hi,
               GtkWidget **spin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (label_text);

  *spin = gtk_spin_button_new_with_range (lo, hi, 1);
  mlr_scroll_forward_vertical (*spin, TRUE);
  gtk_widget_set_name (*spin, name);
  gtk_widget_set_valign (*spin, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (label, tooltip);
  mlr_widget_set_tooltip (*spin, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label_text, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), *spin);
  return box;
}

static void
splits_toggled_cb (GtkCheckButton  *check,
                   MlrBoundaryDemo *self)
{
  gboolean on = gtk_check_button_get_active (check);

  if (on == mlr_boundary_state_get_show_splits (state_of (self)))
    return;
  mlr_boundary_state_set_show_splits (state_of (self), on);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
class_selected_cb (GtkDropDown     *dropdown,
                   GParamSpec      *pspec,
                   MlrBoundaryDemo *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i == GTK_INVALID_LIST_POSITION || i == self->add_class)
    return;
  self->add_class = i;
  gtk_widget_queue_draw (self->class_swatch);
  mlr_demo_queue_draw (MLR_DEMO (self));
}

guint
mlr_boundary_demo_get_add_class (MlrBoundaryDemo *self)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), 0);
  return self->add_class;
}

/* The class that clicks and Enter add (one past the last class starts a new one). */
void
mlr_boundary_demo_set_add_class (MlrBoundaryDemo *self,
                                 guint            label)
{
  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));

  self->add_class = MIN (label, self->class_list_size - 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->class_dropdown), self->add_class);
  gtk_widget_queue_draw (self->class_swatch);
  mlr_demo_queue_draw (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- data edits */

/* A point was added, moved or removed. */
static void
data_edited (MlrBoundaryDemo *self)
{
  mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  request_fit (self, 0);
  mlr_demo_changed (MLR_DEMO (self));
}

static int
add_point_at (MlrBoundaryDemo *self,
              double           x,
              double           y)
{
  int i = mlr_boundary_state_add_point (state_of (self), x, y, self->add_class);

  if (i < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The demo holds at most %d points"),
                                              MLR_BOUNDARY_MAX_POINTS);
      mlr_demo_toast (MLR_DEMO (self), msg);
      return -1;
    }
  data_edited (self);
  return i;
}

/**
 * mlr_boundary_demo_import_file:
 * Replaces the points with a CSV file's (`x1,x2,label`). On any problem the data stays as
 * it was and a toast says what is wrong, with FILE:LINE where the reader found it.
 */
gboolean
mlr_boundary_demo_import_file (MlrBoundaryDemo *self,
                               const char      *path)
{
  g_autoptr(MlrDataset) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;

  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), FALSE);

  points = mlr_csv_load (path, MLR_CSV_LABELED, &error);
  base = g_path_get_basename (path);
  if (points == NULL ||
      !mlr_boundary_state_set_points (state_of (self), points, base, &error))
    {
      msg = g_strdup_printf (_("Could not import: %s"), error->message);
      mlr_demo_toast (MLR_DEMO (self), msg);
      return FALSE;
    }
  mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  request_fit (self, 0);
  mlr_demo_changed (MLR_DEMO (self));
  msg = g_strdup_printf (_("Imported %u points from “%s”"), points->n_points, base);
  mlr_demo_toast (MLR_DEMO (self), msg);
  return TRUE;
}

/* Writes the current points (train and test, with labels) as CSV. */
gboolean
mlr_boundary_demo_export_csv (MlrBoundaryDemo  *self,
                              const char       *path,
                              GError          **error)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), FALSE);
  return mlr_csv_save (mlr_boundary_state_get_points (state_of (self)), path, error);
}

static void
import_path (MlrDemo    *demo,
             const char *path)
{
  mlr_boundary_demo_import_file (MLR_BOUNDARY_DEMO (demo), path);
}

static void
export_path (MlrDemo    *demo,
             const char *path)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;

  if (!mlr_boundary_demo_export_csv (self, path, &error))
    msg = g_strdup_printf (_("Could not export the points: %s"), error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      msg = g_strdup_printf (_("Saved %u points to “%s”"),
                             mlr_boundary_state_get_n_points (state_of (self)), base);
    }
  mlr_demo_toast (demo, msg);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), FALSE, _("Import Points"),
                       _("CSV with columns x1, x2, label"), NULL, import_path);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  mlr_demo_choose_csv (MLR_DEMO (widget), TRUE, _("Export Points"),
                       _("CSV with columns x1, x2, label"), "points.csv", export_path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);

  mlr_boundary_state_restore (state_of (self));
  data_edited (self);
}

/* N: the same kind of data drawn with the next seed. */
static void
new_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);

  mlr_demo_set_playing (MLR_DEMO (self), FALSE);
  mlr_boundary_state_new_sample (state_of (self));
  request_fit (self, 0);
  mlr_demo_changed (MLR_DEMO (self));
}

/* ---------------------------------------------------------------- canvas */

static void
mlr_boundary_demo_draw (MlrDemo          *demo,
                        cairo_t          *cr,
                        int               width,
                        int               height,
                        const MlrPalette *palette)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  MlrBoundaryPainterOptions options = {
    .focused = gtk_widget_has_focus (canvas),
    .busy = self->task != NULL || self->pending || !mlr_boundary_state_is_current (state_of (self)),
    .hover = self->drag == DRAG_NONE ? self->hover : -1,
    .add_class = (int) self->add_class,
    .scale = gtk_widget_get_scale_factor (canvas),
  };

  mlr_boundary_painter_draw (cr, width, height, palette, state_of (self), &options,
                             mlr_demo_get_paint_cache (demo));
}

/* Where the painter puts things at the canvas's current size. */
void
mlr_boundary_demo_get_layout (MlrBoundaryDemo   *self,
                              MlrBoundaryLayout *layout)
{
  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));
  current_layout (self, layout);
}

static gboolean
to_data (MlrBoundaryDemo *self,
         double           x,
         double           y,
         double          *dx,
         double          *dy,
         double          *radius)
{
  MlrBoundaryLayout layout;
  const MlrPlot *p;

  current_layout (self, &layout);
  p = &layout.plot;
  mlr_plot_to_data (p, x, y, dx, dy);
  if (radius)
    *radius = HIT_PX * (p->xmax - p->xmin) / p->w;
  return x >= p->x0 && x <= p->x0 + p->w && y >= p->y0 && y <= p->y0 + p->h;
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               MlrBoundaryDemo *self)
{
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self)));
  double dx, dy, radius;
  int i;

  gtk_widget_grab_focus (canvas);
  self->drag = DRAG_NONE;
  if (!to_data (self, x, y, &dx, &dy, &radius))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
  i = mlr_boundary_state_find_point (state_of (self), dx, dy, radius);
  if (i < 0)
    i = add_point_at (self, dx, dy);
  mlr_boundary_state_set_selected (state_of (self), i);
  if (i >= 0)
    {
      self->drag = DRAG_POINT;
      gtk_widget_set_cursor_from_name (canvas, "grabbing");
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           ox,
                double           oy,
                MlrBoundaryDemo *self)
{
  int i = mlr_boundary_state_get_selected (state_of (self));
  double dx, dy;

  if (self->drag != DRAG_POINT || i < 0)
    return;
  to_data (self, self->drag_x + ox, self->drag_y + oy, &dx, &dy, NULL);
  mlr_boundary_state_move_point (state_of (self), (guint) i, dx, dy);
  data_edited (self);
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           ox,
             double           oy,
             MlrBoundaryDemo *self)
{
  if (self->drag == DRAG_POINT)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))),
                                     "grab");
  self->drag = DRAG_NONE;
  mlr_demo_changed (MLR_DEMO (self));
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      MlrBoundaryDemo *self)
{
  double dx, dy, radius;
  int i;

  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))));
  if (!to_data (self, x, y, &dx, &dy, &radius))
    return;
  i = mlr_boundary_state_find_point (state_of (self), dx, dy, radius);
  if (i >= 0)
    {
      mlr_boundary_state_remove_point (state_of (self), (guint) i);
      self->hover = -1;
      data_edited (self);
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Over the network view: the unit or the weight under the pointer, with its value. */
static gboolean
query_tooltip_cb (GtkWidget       *canvas,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  MlrBoundaryDemo *self)
{
  g_autofree char *text = NULL;
  MlrBoundaryLayout layout;

  if (keyboard || !mlr_boundary_state_get_show_network (state_of (self)))
    return FALSE;
  current_layout (self, &layout);
  text = mlr_boundary_network_text_at (&layout, mlr_demo_get_palette (MLR_DEMO (self)),
                                       mlr_boundary_state_get_result (state_of (self)), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MlrBoundaryDemo          *self)
{
  double dx, dy, radius;
  int hover = -1;
  const char *cursor = NULL;

  if (self->drag != DRAG_NONE)
    return;
  if (to_data (self, x, y, &dx, &dy, &radius))
    {
      hover = mlr_boundary_state_find_point (state_of (self), dx, dy, radius);
      cursor = hover >= 0 ? "grab" : "crosshair";
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (self))), cursor);
  if (hover != self->hover)
    {
      self->hover = hover;
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          MlrBoundaryDemo          *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

/* ---------------------------------------------------------------- keys (actions) */

/* Arrows move the selected point, or the keyboard cursor when none is selected: a fortieth
 * of the view, a two-hundredth with Shift. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);
  MlrBoundaryState *state = state_of (self);
  int selected = mlr_boundary_state_get_selected (state);
  double x0, x1, y0, y1, step;
  int mx, my, fine;

  g_variant_get (parameter, "(iib)", &mx, &my, &fine);
  mlr_boundary_state_get_view (state, &x0, &x1, &y0, &y1);
  step = MAX (x1 - x0, y1 - y0) / (fine ? 200 : 40);
  if (selected >= 0)
    {
      const MlrDataset *pts = mlr_boundary_state_get_points (state);
      mlr_boundary_state_move_point (state, (guint) selected, pts->x[2 * selected] + mx * step,
                                     pts->x[2 * selected + 1] + my * step);
      data_edited (self);
    }
  else
    {
      double cx, cy;
      mlr_boundary_state_get_cursor (state, &cx, &cy);
      mlr_boundary_state_set_cursor (state, cx + mx * step, cy + my * step);
      mlr_demo_queue_draw (MLR_DEMO (self));
    }
}

static void
add_at_cursor_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);
  double cx, cy;

  mlr_boundary_state_get_cursor (state_of (self), &cx, &cy);
  add_point_at (self, cx, cy);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);

  mlr_boundary_state_remove_point (state_of (self),
                                   (guint) mlr_boundary_state_get_selected (state_of (self)));
  data_edited (self);
}

static void
deselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);

  mlr_boundary_state_set_selected (state_of (self), -1);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);
  int n = (int) mlr_boundary_state_get_n_points (state_of (self));
  int i = mlr_boundary_state_get_selected (state_of (self));
  int delta = g_variant_get_int32 (parameter);

  if (n == 0)
    return;
  i = i < 0 ? (delta > 0 ? 0 : n - 1) : (i + delta + n) % n;
  mlr_boundary_state_set_selected (state_of (self), i);
  mlr_demo_changed (MLR_DEMO (self));
}

static void
add_class_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  mlr_boundary_demo_set_add_class (MLR_BOUNDARY_DEMO (widget),
                                   (guint) g_variant_get_int32 (parameter));
}

/* Delete and Escape act on a selected point; without one they let the key go on. */
static void
update_selection_actions (MlrBoundaryDemo *self)
{
  gboolean selected = mlr_boundary_state_get_selected (state_of (self)) >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boundary.remove-selected", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "boundary.deselect", selected);
}

/* ---------------------------------------------------------------- construction */

static void
mlr_boundary_demo_setup (MlrDemo *demo)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (demo);
  GtkWidget *canvas = GTK_WIDGET (mlr_demo_get_canvas (demo));
  GtkWidget *box, *button, *label;
  GtkEventController *controller;
  GtkGesture *gesture;

  /* the data: a new sample beside the dataset */
  button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_name (button, "new-sample");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (button, _("New sample: the same kind of data drawn with the next "
                                    "seed (N). A model that only fits its sample changes a "
                                    "lot"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New sample"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "boundary.new-sample");
  mlr_demo_add_control_after (demo, "dataset", button);

  /* the model: an mlp's layers × units (an mlp of equal layers), a tree's splits */
  box = labelled_spin (_("Layers"), _("Hidden layers of the network"), "param-layers", 1,
                       MLR_MLP_MAX_LAYERS, &self->layers);
  g_object_bind_property (mlr_demo_get_setting (demo, "hidden"), "relevant", box, "visible",
                          G_BINDING_SYNC_CREATE);
  mlr_demo_add_control_after (demo, "model", box);
  box = labelled_spin (_("Units"), _("Units in each hidden layer. More units can follow more "
                                     "complicated boundaries"), "param-units", 1, 256,
                       &self->units);
  g_object_bind_property (mlr_demo_get_setting (demo, "hidden"), "relevant", box, "visible",
                          G_BINDING_SYNC_CREATE);
  mlr_demo_add_control_after (demo, "model", box);
  g_signal_connect (self->layers, "value-changed", G_CALLBACK (hidden_changed_cb), self);
  g_signal_connect (self->units, "value-changed", G_CALLBACK (hidden_changed_cb), self);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->splits_check = gtk_check_button_new_with_label (_("Show splits"));
  gtk_widget_set_name (self->splits_check, "show-splits");
  mlr_widget_set_tooltip (self->splits_check,
                          _("Draw the split lines of the tree (of the forest's first "
                            "tree): each question the tree asks cuts a box in two"));
  g_signal_connect (self->splits_check, "toggled", G_CALLBACK (splits_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), self->splits_check);
  mlr_demo_add_control (demo, 1, box);

  /* the bar: the class a click adds, the mlp's epoch */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  label = gtk_label_new (_("Add"));
  mlr_widget_set_tooltip (label, _("The class a click (or Enter) adds; keys 0–9 choose "
                                   "it too"));
  gtk_box_append (GTK_BOX (box), label);
  self->class_swatch = mlr_demo_swatch_new (demo, add_class_color, NULL);
  gtk_box_append (GTK_BOX (box), self->class_swatch);
  self->class_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->class_dropdown, "add-class");
  gtk_widget_set_valign (self->class_dropdown, GTK_ALIGN_CENTER);
  mlr_widget_set_tooltip (self->class_dropdown,
                          _("The class a click on empty ground (or Enter) adds as a "
                            "training point; the last entry starts a new class"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->class_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Class to add"), -1);
  g_signal_connect (self->class_dropdown, "notify::selected", G_CALLBACK (class_selected_cb),
                    self);
  gtk_box_append (GTK_BOX (box), self->class_dropdown);
  mlr_demo_add_to_bar (demo, box);
  self->epoch_label = gtk_label_new ("");
  gtk_label_set_width_chars (GTK_LABEL (self->epoch_label), 11);
  gtk_label_set_xalign (GTK_LABEL (self->epoch_label), 0);
  gtk_widget_add_css_class (self->epoch_label, "numeric");
  mlr_widget_set_tooltip (self->epoch_label, _("Epochs trained so far"));
  mlr_demo_add_to_bar (demo, self->epoch_label);

  mlr_demo_add_menu_item (demo, _("_Import CSV…"),
                          _("Load your own points: a CSV with the columns x1, x2 and label (0, "
                            "1, …). Errors name the file and line; the data stays as it was"),
                          "boundary.import");
  mlr_demo_add_menu_item (demo, _("Export _CSV…"),
                          _("Save the current points (with your edits) as x1,x2,label"),
                          "boundary.export-csv");
  mlr_demo_add_menu_item (demo, _("_Undo Edits"),
                          _("Back to the points as generated or imported"), "boundary.restore");

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (canvas, GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_set_has_tooltip (canvas, TRUE);
  g_signal_connect (canvas, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (canvas, controller);

  /* the first fit starts once the canvas has a size (size_allocate) */
  self->pending = TRUE;
}

/* Selection-dependent keys follow every change. */
static void
mlr_boundary_demo_changed_full (MlrDemo    *demo,
                                const char *key)
{
  mlr_boundary_demo_changed (demo, key);
  update_selection_actions (MLR_BOUNDARY_DEMO (demo));
}

/* The canvas grows with the width (bigger on the Demos page than in a lesson), within bounds
 * that keep the plane readable and the controls on screen; a narrow canvas stacks the panel
 * under the plane and needs more height. */
static int
mlr_boundary_demo_canvas_height (MlrDemo *demo,
                                 int      width)
{
  gboolean mlp = is_mlp (MLR_BOUNDARY_DEMO (demo));

  /* the network view takes room beside (wide) or below (narrow) the plane */
  if (mlr_boundary_state_get_show_network (state_of (MLR_BOUNDARY_DEMO (demo))))
    return width < 600 ? CLAMP ((int) round (width * 2.1), 640, 1040)
                       : CLAMP ((int) round (width * 1.08), 560, 900);
  if (width < 600)
    return CLAMP ((int) round (width * (mlp ? 1.3 : 1.15)), 420, 760);
  /* the loss chart needs the panel taller */
  return CLAMP ((int) round (width * (mlp ? 0.72 : 0.64)), mlp ? 460 : 400, 680);
}

static void
mlr_boundary_demo_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);
  MlrBoundaryLayout layout;
  MlrGrid grid;

  GTK_WIDGET_CLASS (mlr_boundary_demo_parent_class)->size_allocate (widget, width, height,
                                                                    baseline);
  /* points may go anywhere on the plane as shown */
  current_layout (self, &layout);
  mlr_boundary_state_set_bounds (state_of (self), layout.plot.xmin, layout.plot.xmax,
                                 layout.plot.ymin, layout.plot.ymax);
  /* a new size wants a raster of its own: re-evaluate (the fitted model is reused) */
  if (grid_for_canvas (self, &grid) &&
      (self->pending || grid.width != self->last_grid.width ||
       grid.height != self->last_grid.height || grid.x0 != self->last_grid.x0 ||
       grid.y0 != self->last_grid.y0))
    {
      self->pending = TRUE;
      if (self->task == NULL)
        launch_fit (self);
    }
}

static void
mlr_boundary_demo_dispose (GObject *object)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (object);

  /* a fit still running finishes on its own; its answer finds no demo and is dropped */
  cancel_fit (self);
  self->pending = FALSE;
  G_OBJECT_CLASS (mlr_boundary_demo_parent_class)->dispose (object);
}

static void
mlr_boundary_demo_class_init (MlrBoundaryDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);
  static const struct { guint key, kp; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, 1 }, { GDK_KEY_Down, GDK_KEY_KP_Down, 0, -1 },
  };

  object_class->dispose = mlr_boundary_demo_dispose;
  widget_class->size_allocate = mlr_boundary_demo_size_allocate;
  demo_class->describe = mlr_boundary_demo_describe;
  demo_class->get_label = mlr_boundary_demo_get_label;
  demo_class->setup = mlr_boundary_demo_setup;
  demo_class->changed = mlr_boundary_demo_changed_full;
  demo_class->draw = mlr_boundary_demo_draw;
  demo_class->canvas_height = mlr_boundary_demo_canvas_height;
  demo_class->advance = mlr_boundary_demo_advance;
  demo_class->step = mlr_boundary_demo_step;
  demo_class->rewind = mlr_boundary_demo_rewind;
  demo_class->finish = mlr_boundary_demo_finish;
  demo_class->is_finished = mlr_boundary_demo_is_finished;
  demo_class->can_play = mlr_boundary_demo_can_play;
  mlr_demo_class_set_transport_tips (demo_class,
                                     N_("Back to the start: the untrained network (epoch 0), "
                                        "or boosting's stage 0 (R)"),
                                     N_("Train epoch after epoch, or add boosting stage after "
                                        "stage, and watch the boundary form (Space)"),
                                     N_("Replay the training from the start (Space)"),
                                     N_("Train one more epoch, or add one more boosting stage"));
  mlr_demo_class_set_keys_help (demo_class,
    N_("Click on the plane to add a point of the chosen class, drag a point to move it, "
       "right-click one to remove it. Keys (click the plane first): arrows move the selected "
       "point, or the cursor when none is selected (Shift: finer); Enter adds a point at the "
       "cursor; Delete removes the selected point; Page Up/Down select another; Escape "
       "deselects; 0–9 choose the class; N new sample; R resets (network: epoch 0, "
       "boosting: stage 0, other models: undo edits); Space plays or pauses network training or "
       "boosting's stages."));

  gtk_widget_class_install_action (widget_class, "boundary.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "boundary.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "boundary.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "boundary.new-sample", NULL, new_sample_action);
  gtk_widget_class_install_action (widget_class, "boundary.move", "(iib)", move_action);
  gtk_widget_class_install_action (widget_class, "boundary.add-at-cursor", NULL,
                                   add_at_cursor_action);
  gtk_widget_class_install_action (widget_class, "boundary.remove-selected", NULL,
                                   remove_selected_action);
  gtk_widget_class_install_action (widget_class, "boundary.deselect", NULL, deselect_action);
  gtk_widget_class_install_action (widget_class, "boundary.select-next", "i",
                                   select_next_action);
  gtk_widget_class_install_action (widget_class, "boundary.add-class", "i", add_class_action);

  /* Enter adds a point here: the mlp's one epoch is the step button (and Space plays) */
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Return, 0, "boundary.add-at-cursor",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Enter, 0, "boundary.add-at-cursor",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Delete, 0, "boundary.remove-selected",
                                     NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Delete, 0,
                                     "boundary.remove-selected", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_BackSpace, 0,
                                     "boundary.remove-selected", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Escape, 0, "boundary.deselect", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Up, 0, "boundary.select-next",
                                     "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Page_Up, 0, "boundary.select-next",
                                     "i", -1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_Page_Down, 0, "boundary.select-next",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_KP_Page_Down, 0,
                                     "boundary.select-next", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_n, 0, "boundary.new-sample", NULL);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_N, GDK_SHIFT_MASK,
                                     "boundary.new-sample", NULL);
  for (int c = 0; c <= 9; c++)
    mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_0 + c, 0, "boundary.add-class", "i",
                                       c);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, 0, "boundary.move", "(iib)",
                                         arrows[i].dx, arrows[i].dy, FALSE);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].kp, 0, "boundary.move", "(iib)",
                                         arrows[i].dx, arrows[i].dy, FALSE);
      mlr_demo_class_add_canvas_binding (demo_class, arrows[i].key, GDK_SHIFT_MASK,
                                         "boundary.move", "(iib)", arrows[i].dx, arrows[i].dy,
                                         TRUE);
    }
  gtk_widget_class_set_css_name (widget_class, "boundarydemo");
}

static void
mlr_boundary_demo_init (MlrBoundaryDemo *self)
{
  self->hover = -1;
}
