/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-boundary-demo.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lessons/mlr-demo-spec.h"
#include "mlr-demo-layout.h"
#include "ml/mlr-csv.h"
#include "mlr-wrap-box.h"

#define SPACING 6
/* Hit radius for grabbing a point, in pixels. */
#define HIT_PX 9
/* A fit running this long when a newer request arrives is cancelled rather than waited for. */
#define SUPERSEDE_US (120 * 1000)
/* Screen readers get the sentence at most this often. */
#define DESCRIPTION_US (300 * 1000)

typedef enum {
  CTRL_CHOICE,   /* a drop-down of values */
  CTRL_INT,      /* a spin button */
  CTRL_LINEAR,   /* a slider */
  CTRL_LOG,      /* a slider over log10 of the value */
  CTRL_BOOL,     /* a check button */
} ControlKind;

#define ALL_MODELS ((1u << MLR_N_MODELS) - 1)
#define M(kind) (1u << (kind))

typedef struct {
  const char         *key;
  const char         *label;
  const char         *tooltip;
  ControlKind         kind;
  double              lo, hi, step;
  guint               models;       /* where it shows; 0: the data row */
  const char * const *values;       /* CTRL_CHOICE: the parameter values */
  const char * const *titles;       /* CTRL_CHOICE: what the drop-down shows */
} ControlDef;

static const char * const dataset_values[] = {
  "moons", "circles", "linear", "xor", "spiral", "gaussian", NULL
};
static const char * const dataset_titles[] = {
  N_("Moons"), N_("Circles"), N_("Linear"), N_("XOR"), N_("Spiral"), N_("Gaussian blobs"), NULL
};
static const char * const model_values[] = {
  "logreg", "knn", "tree", "forest", "svm", "mlp", "nb", NULL
};
static const char * const model_titles[] = {
  N_("Logistic regression"), N_("k-nearest neighbours"), N_("Decision tree"),
  N_("Random forest"), N_("SVM"), N_("Neural network (MLP)"), N_("Naive Bayes"), NULL
};
static const char * const criterion_values[] = { "gini", "entropy", NULL };
static const char * const criterion_titles[] = { N_("Gini"), N_("Entropy"), NULL };
static const char * const max_features_values[] = { "sqrt", "all", NULL };
static const char * const max_features_titles[] = {
  N_("1 of 2 per split"), N_("both per split"), NULL
};
static const char * const kernel_values[] = { "rbf", "linear", "poly", NULL };
static const char * const kernel_titles[] = { N_("RBF"), N_("Linear"), N_("Polynomial"), NULL };
static const char * const activation_values[] = { "relu", "tanh", "logistic", NULL };
static const char * const activation_titles[] = { N_("ReLU"), N_("tanh"), N_("Logistic"), NULL };

/* The controls, in the order they appear. Ranges are what a slider sensibly covers; the
 * parameter table (and so a lesson) may go further, and the control then shows its end. */
static const ControlDef control_defs[] = {
  /* data */
  { "dataset", N_("Data"), N_("Which toy dataset to classify. Moons and spirals need a curved "
    "boundary; linear data does not; xor defeats any single line"), CTRL_CHOICE, 0, 0, 0, 0,
    dataset_values, dataset_titles },
  { "n", N_("n"), N_("Number of points. More data makes a flexible model's boundary steadier"),
    CTRL_INT, 10, 2000, 10, 0, NULL, NULL },
  { "noise", N_("Noise"), N_("How much the classes blur into each other; with more noise, "
    "boundaries that chase single points stop generalizing"), CTRL_LINEAR, 0, 1, 0.01, 0,
    NULL, NULL },
  { "classes", N_("Classes"), N_("Number of classes (gaussian blobs and spiral arms)"),
    CTRL_INT, 2, 8, 1, 0, NULL, NULL },
  { "split", N_("Test share"), N_("Share of the points held out as the test set (hollow "
    "squares). The model never sees them; their accuracy is the honest score"), CTRL_LINEAR,
    0, 0.9, 0.05, 0, NULL, NULL },
  /* model */
  { "model", N_("Model"), N_("The classifier. Its own hyper-parameters appear beside it"),
    CTRL_CHOICE, 0, 0, 0, ALL_MODELS, model_values, model_titles },
  { "degree", N_("Degree"), N_("Degree of the polynomial features (logistic regression) or of "
    "the polynomial kernel (SVM). Higher degrees bend the boundary more"), CTRL_INT, 1, 6, 1,
    M (MLR_MODEL_LOGREG) | M (MLR_MODEL_SVM), NULL, NULL },
  { "C", N_("C"), N_("Inverse regularization strength, log scale 0.001 to 10000. Large C fits "
    "the training points harder (a wigglier boundary, overfitting); small C keeps it simple"),
    CTRL_LOG, -3, 4, 0.05, M (MLR_MODEL_LOGREG) | M (MLR_MODEL_SVM), NULL, NULL },
  { "k", N_("k"), N_("How many nearest training points vote. k = 1 wraps single noisy "
    "points; a large k smooths the boundary towards the majority"), CTRL_INT, 1, 200, 1,
    M (MLR_MODEL_KNN), NULL, NULL },
  { "max_depth", N_("Max depth"), N_("How many questions deep a tree may grow (0: no limit). "
    "Deep trees carve boxes around single points"), CTRL_INT, 0, 30, 1,
    M (MLR_MODEL_TREE) | M (MLR_MODEL_FOREST), NULL, NULL },
  { "min_samples_leaf", N_("Min leaf"), N_("Fewest training points a leaf may hold; larger "
    "leaves mean fewer, bigger boxes"), CTRL_INT, 1, 50, 1,
    M (MLR_MODEL_TREE) | M (MLR_MODEL_FOREST), NULL, NULL },
  { "criterion", N_("Criterion"), N_("The impurity a split minimizes; the two rarely differ "
    "much"), CTRL_CHOICE, 0, 0, 0, M (MLR_MODEL_TREE), criterion_values, criterion_titles },
  { "n_trees", N_("Trees"), N_("Number of trees averaged. More trees smooth the staircase and "
    "vote down noise"), CTRL_INT, 1, 300, 1, M (MLR_MODEL_FOREST), NULL, NULL },
  { "max_features", N_("Features"), N_("Features each split may choose from. Trying only one "
    "at random makes the trees differ, which is what averaging needs"), CTRL_CHOICE, 0, 0, 0,
    M (MLR_MODEL_FOREST), max_features_values, max_features_titles },
  { "kernel", N_("Kernel"), N_("How the SVM measures similarity: linear draws a straight "
    "boundary, RBF and polynomial bend it"), CTRL_CHOICE, 0, 0, 0, M (MLR_MODEL_SVM),
    kernel_values, kernel_titles },
  { "gamma", N_("γ"), N_("RBF/polynomial kernel width, log scale 0.001 to 1000. Large γ: each "
    "point's influence is local and islands form around single points; small γ: the boundary "
    "blurs. Untick Auto to set it"), CTRL_LOG, -3, 3, 0.05, M (MLR_MODEL_SVM), NULL, NULL },
  { "layers", N_("Layers"), N_("Hidden layers of the network"), CTRL_INT, 1, 4, 1,
    M (MLR_MODEL_MLP), NULL, NULL },
  { "units", N_("Units"), N_("Units in each hidden layer. More units can follow more "
    "complicated boundaries"), CTRL_INT, 1, 256, 1, M (MLR_MODEL_MLP), NULL, NULL },
  { "activation", N_("Activation"), N_("The hidden units' non-linearity"), CTRL_CHOICE, 0, 0,
    0, M (MLR_MODEL_MLP), activation_values, activation_titles },
  { "lr", N_("lr"), N_("Learning rate of the optimizer, log scale 0.0001 to 1. Too small "
    "crawls; too large diverges"), CTRL_LOG, -4, 0, 0.05, M (MLR_MODEL_MLP), NULL, NULL },
  { "alpha", N_("α"), N_("L2 penalty on the weights, log scale 0.000001 to 10: larger α "
    "smooths the boundary"), CTRL_LOG, -6, 1, 0.05, M (MLR_MODEL_MLP), NULL, NULL },
  { "epochs", N_("Epochs"), N_("Most passes over the training data (training also stops when "
    "the loss settles)"), CTRL_INT, 1, 5000, 10, M (MLR_MODEL_MLP), NULL, NULL },
  { "var_smoothing", N_("Smoothing"), N_("Share of the largest variance added to every "
    "variance, log scale; it keeps a very narrow class from dominating"), CTRL_LOG, -12, 0,
    0.1, M (MLR_MODEL_NB), NULL, NULL },
  { "standardize", N_("Standardize"), N_("Scale both features to mean 0 and variance 1 before "
    "fitting. Distance-based models (k-NN, SVM) depend on it"), CTRL_BOOL, 0, 0, 0, ALL_MODELS,
    NULL, NULL },
};

typedef struct {
  const ControlDef *def;
  GtkWidget        *group;    /* what is shown or hidden */
  GtkWidget        *widget;   /* the spin, scale, drop-down or check */
  GtkWidget        *value;    /* the number beside a slider */
} Control;

typedef enum {
  DRAG_NONE,
  DRAG_POINT,
} DragMode;

struct _MlrBoundaryDemo
{
  GtkWidget                parent_instance;

  /* Children */
  GtkWidget               *error_label;
  MlrDemoCanvas           *canvas;
  GtkWidget               *controls;
  GtkWidget               *data_row;
  GtkWidget               *model_row;
  Control                  ctl[G_N_ELEMENTS (control_defs)];
  GtkWidget               *gamma_auto;
  GtkWidget               *splits_check;
  GtkWidget               *splits_group;
  GtkWidget               *class_dropdown;
  GtkWidget               *class_swatch;
  GtkWidget               *mlp_box;
  GtkWidget               *play_button;
  GtkWidget               *step_button;
  GtkWidget               *reset_button;
  GtkWidget               *epoch_label;
  GtkWidget               *menu_popover;

  /* Owned state */
  MlrBoundaryState        *state;
  MlrBoundaryPainterCache *cache;
  gboolean                 syncing;
  guint                    add_class;
  guint                    class_list_size;

  /* Fitting */
  GTask                   *task;          /* the fit in flight, or NULL */
  MlrBoundaryJob          *task_job;      /* its job (owned by the task) */
  GCancellable            *task_cancellable;
  gint64                   task_started_us;
  gboolean                 pending;
  guint                    pending_extra;
  guint                    fit_count;     /* results installed (tests wait on it) */
  MlrGrid                  last_grid;

  /* MLP animation */
  gboolean                 playing;
  guint                    tick_id;

  /* Pointer */
  DragMode                 drag;
  double                   drag_x, drag_y;
  int                      hover;

  /* Accessibility */
  gint64                   last_description_us;
  guint                    description_id;
};

G_DEFINE_FINAL_TYPE (MlrBoundaryDemo, mlr_boundary_demo, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void request_fit       (MlrBoundaryDemo *self,
                               guint            extra_epochs);
static void sync_controls     (MlrBoundaryDemo *self);
static void update_after_data (MlrBoundaryDemo *self);

/* ---------------------------------------------------------------- small helpers */

static void
toast (MlrBoundaryDemo *self,
       const char      *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lesson.toast", "s", message);
}

static Control *
find_control (MlrBoundaryDemo *self,
              const char      *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (control_defs); i++)
    if (g_str_equal (control_defs[i].key, key))
      return &self->ctl[i];
  return NULL;
}

/* 10^v with two significant digits, so what the label shows is what is used. */
static double
log_value (double v)
{
  double x = pow (10, v);
  double mag = pow (10, floor (log10 (x)) - 1);

  return round (x / mag) * mag;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v != 0 && (fabs (v) >= 1e5 || fabs (v) < 1e-3))
    g_ascii_formatd (buf, sizeof buf, "%.2g", v);
  else
    g_ascii_formatd (buf, sizeof buf, "%.4g", v);
  return g_strdup (buf);
}

static void
current_layout (MlrBoundaryDemo   *self,
                MlrBoundaryLayout *layout)
{
  mlr_boundary_painter_layout (gtk_widget_get_width (GTK_WIDGET (self->canvas)),
                               gtk_widget_get_height (GTK_WIDGET (self->canvas)),
                               mlr_demo_canvas_get_palette (self->canvas), self->state, layout);
}

/* ---------------------------------------------------------------- state -> screen */

static void
metric_cb (const char *name,
           GVariant   *value,
           gpointer    user_data)
{
  mlr_demo_canvas_set_metric (user_data, name, value);
}

static void
update_description_now (MlrBoundaryDemo *self)
{
  g_autofree char *text = mlr_boundary_state_describe (self->state);

  mlr_demo_canvas_set_description (self->canvas, text);
  /* The same moment the description changes, challenges get to look. */
  mlr_boundary_state_collect_metrics (self->state, metric_cb, self->canvas);
  mlr_demo_canvas_commit_metrics (self->canvas);
  self->last_description_us = g_get_monotonic_time ();
}

static gboolean
description_timeout_cb (gpointer user_data)
{
  MlrBoundaryDemo *self = user_data;

  self->description_id = 0;
  update_description_now (self);
  return G_SOURCE_REMOVE;
}

/* The sentence follows the state, but a drag (sixty results a second) must not flood a
 * screen reader: at most one update per DESCRIPTION_US, and always the last one. */
static void
update_description (MlrBoundaryDemo *self)
{
  gint64 since = g_get_monotonic_time () - self->last_description_us;

  if (since >= DESCRIPTION_US)
    {
      g_clear_handle_id (&self->description_id, g_source_remove);
      update_description_now (self);
    }
  else if (self->description_id == 0)
    self->description_id = g_timeout_add ((DESCRIPTION_US - since) / 1000 + 1,
                                          description_timeout_cb, self);
}

static void
update_transport (MlrBoundaryDemo *self)
{
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (self->state);
  gboolean mlp = mlr_boundary_state_get_model (self->state) == MLR_MODEL_MLP;
  gboolean have = r != NULL && r->model == MLR_MODEL_MLP;
  g_autofree char *epoch = NULL;

  gtk_widget_set_visible (self->mlp_box, mlp);
  if (!mlp)
    return;
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            self->playing ? "media-playback-pause-symbolic"
                                          : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               self->playing ? _("Pause training (Space)")
                               : have && r->training_done
                               ? _("Replay the training from epoch 0 (Space)")
                               : _("Train epoch after epoch and watch the boundary form "
                                   "(Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->playing ? _("Pause") : _("Play"), -1);
  gtk_widget_set_sensitive (self->step_button, mlr_boundary_state_mlp_can_step (self->state));
  gtk_widget_set_sensitive (self->reset_button, have && r->epoch > 0);
  epoch = have ? g_strdup_printf (_("Epoch %u"), r->epoch) : g_strdup (_("Epoch …"));
  gtk_label_set_text (GTK_LABEL (self->epoch_label), epoch);
}

/* Repaint, buttons and the sentence after anything changed. */
static void
changed (MlrBoundaryDemo *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  update_transport (self);
  update_description (self);
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

  if (self == NULL || self->state == NULL)
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
  if (mlr_boundary_state_take_result (self->state, result))
    {
      const MlrBoundaryResult *r = mlr_boundary_state_get_result (self->state);
      self->fit_count++;
      if (self->playing && (r == NULL || r->training_done ||
                            mlr_boundary_state_get_error (self->state) != NULL))
        mlr_boundary_demo_set_playing (self, FALSE);
      changed (self);
    }
  if (self->pending && self->task == NULL)
    launch_fit (self);
  else if (self->task == NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));  /* "updating…" goes away */
}

static gboolean
grid_for_canvas (MlrBoundaryDemo *self,
                 MlrGrid         *grid)
{
  MlrBoundaryLayout layout;

  if (gtk_widget_get_width (GTK_WIDGET (self->canvas)) < 32 ||
      gtk_widget_get_height (GTK_WIDGET (self->canvas)) < 32)
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
  req->job = mlr_boundary_state_new_job (self->state, &grid, self->pending_extra);
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
       mlr_boundary_state_get_config (self->state) ||
       g_get_monotonic_time () - self->task_started_us > SUPERSEDE_US))
    cancel_fit (self);
  if (self->task == NULL)
    launch_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
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
  changed (self);
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
  const MlrBoundaryResult *r = mlr_boundary_state_get_result (self->state);
  guint max = r && r->max_epochs ? r->max_epochs : 200;

  return MAX (1, (guint) round (max / 240.0));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  MlrBoundaryDemo *self = user_data;

  /* one training chunk per frame, and only when the last one is in: the worker never
   * queues up more epochs than the screen can show */
  if (self->task == NULL && !self->pending)
    {
      if (!mlr_boundary_state_mlp_can_step (self->state))
        {
          self->tick_id = 0;
          mlr_boundary_demo_set_playing (self, FALSE);
          return G_SOURCE_REMOVE;
        }
      request_fit (self, epochs_per_frame (self));
    }
  return G_SOURCE_CONTINUE;
}

gboolean
mlr_boundary_demo_get_playing (MlrBoundaryDemo *self)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), FALSE);
  return self->playing;
}

/**
 * mlr_boundary_demo_set_playing:
 * Starts or stops live training of an mlp, epoch by epoch (other models: nothing to play).
 * Playing a finished run replays it from epoch 0; with reduced motion it trains to the end
 * at once.
 */
void
mlr_boundary_demo_set_playing (MlrBoundaryDemo *self,
                               gboolean         playing)
{
  const MlrBoundaryResult *r;

  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));

  playing = !!playing && mlr_boundary_state_get_model (self->state) == MLR_MODEL_MLP;
  r = mlr_boundary_state_get_result (self->state);
  if (playing && !self->playing)
    {
      if (r != NULL && r->model == MLR_MODEL_MLP && r->training_done)
        {
          mlr_boundary_state_mlp_reset (self->state);
          request_fit (self, 0);
        }
      if (mlr_demo_reduce_motion ())
        {
          request_fit (self, 1000000);
          playing = FALSE;
        }
      else if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, self, NULL);
    }
  if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->playing != playing)
    {
      self->playing = playing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
  changed (self);
}

/* One more epoch of mlp training (pauses first). */
void
mlr_boundary_demo_step (MlrBoundaryDemo *self)
{
  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));

  mlr_boundary_demo_set_playing (self, FALSE);
  if (mlr_boundary_state_mlp_can_step (self->state))
    request_fit (self, 1);
}

/**
 * mlr_boundary_demo_reset:
 * R: an mlp goes back to its untrained network (epoch 0); other models get the data as
 * generated or imported back (undoing hand edits).
 */
void
mlr_boundary_demo_reset (MlrBoundaryDemo *self)
{
  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));

  mlr_boundary_demo_set_playing (self, FALSE);
  if (mlr_boundary_state_get_model (self->state) == MLR_MODEL_MLP)
    mlr_boundary_state_mlp_reset (self->state);
  else
    mlr_boundary_state_restore (self->state);
  request_fit (self, 0);
  changed (self);
}

/* ---------------------------------------------------------------- parameters */

static void
update_visibility (MlrBoundaryDemo *self)
{
  MlrModelKind model = mlr_boundary_state_get_model (self->state);
  const MlrParams *params = mlr_boundary_state_get_params (self->state);
  MlrDatasetKind dataset = mlr_boundary_state_get_dataset (self->state);
  gboolean imported = mlr_boundary_state_is_imported (self->state);

  for (guint i = 0; i < G_N_ELEMENTS (control_defs); i++)
    {
      const ControlDef *def = &control_defs[i];
      gboolean visible;

      if (def->models == 0)
        visible = !imported || g_str_equal (def->key, "dataset") || g_str_equal (def->key,
                                                                                 "split");
      else
        visible = (def->models & M (model)) != 0;
      if (g_str_equal (def->key, "classes"))
        visible = visible && (dataset == MLR_DATASET_GAUSSIAN || dataset == MLR_DATASET_SPIRAL);
      if (g_str_equal (def->key, "degree") && model == MLR_MODEL_SVM)
        visible = g_ascii_strcasecmp (mlr_params_get_string (params, "kernel"), "poly") == 0;
      if (g_str_equal (def->key, "gamma") && model == MLR_MODEL_SVM)
        visible = g_ascii_strcasecmp (mlr_params_get_string (params, "kernel"), "linear") != 0;
      if (g_str_equal (def->key, "criterion"))
        visible = model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST;
      gtk_widget_set_visible (self->ctl[i].group, visible);
    }
  gtk_widget_set_visible (self->splits_group,
                          model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST);
}

/* The value a control shows for @key, as a string the parameter table accepts. */
static char *
control_value (MlrBoundaryDemo *self,
               Control         *c)
{
  const ControlDef *def = c->def;

  if (g_str_equal (def->key, "layers") || g_str_equal (def->key, "units"))
    {
      Control *layers = find_control (self, "layers"), *units = find_control (self, "units");
      guint n = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (layers->widget));
      guint u = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (units->widget));
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (s, "%s%u", i ? "," : "", u);
      return g_string_free (s, FALSE);
    }
  switch (def->kind)
    {
    case CTRL_CHOICE:
      {
        guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (c->widget));
        return g_strdup (def->values[MIN (i, g_strv_length ((char **) def->values) - 1)]);
      }
    case CTRL_INT:
      {
        int v = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (c->widget));
        if (g_str_equal (def->key, "max_depth") && v == 0)
          return g_strdup ("none");
        return g_strdup_printf ("%d", v);
      }
    case CTRL_LINEAR:
      return format_number (gtk_range_get_value (GTK_RANGE (c->widget)));
    case CTRL_LOG:
      return format_number (log_value (gtk_range_get_value (GTK_RANGE (c->widget))));
    case CTRL_BOOL:
      return g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (c->widget)) ? "true"
                                                                                  : "false");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
show_value (Control *c)
{
  if (c->value != NULL)
    {
      double v = gtk_range_get_value (GTK_RANGE (c->widget));
      g_autofree char *text = format_number (c->def->kind == CTRL_LOG ? log_value (v) : v);
      gtk_label_set_text (GTK_LABEL (c->value), text);
    }
}

/* Everything that follows a change of the data (new sample, import, a dataset key). */
static void
update_after_data (MlrBoundaryDemo *self)
{
  guint K = mlr_boundary_state_get_n_classes (self->state);
  guint size = MIN (K + 1, MLR_DATASET_MAX_CLASSES);

  if (size != self->class_list_size)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      for (guint c = 0; c < size; c++)
        {
          g_autofree char *name = c < K ? g_strdup_printf (_("Class %u"), c)
                                        : g_strdup_printf (_("New class %u"), c);
          gtk_string_list_append (list, name);
        }
      self->syncing = TRUE;
      gtk_drop_down_set_model (GTK_DROP_DOWN (self->class_dropdown), G_LIST_MODEL (list));
      self->class_list_size = size;
      self->add_class = MIN (self->add_class, size - 1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->class_dropdown), self->add_class);
      self->syncing = FALSE;
    }
  gtk_widget_queue_draw (self->class_swatch);
}

static gboolean
apply_param (MlrBoundaryDemo  *self,
             const char       *key,
             const char       *value,
             GError          **error)
{
  gboolean data_key = g_str_equal (key, "dataset") || g_str_equal (key, "n") ||
                      g_str_equal (key, "noise") || g_str_equal (key, "seed") ||
                      g_str_equal (key, "classes");

  if (!mlr_boundary_state_set_param (self->state, key, value, error))
    return FALSE;
  mlr_boundary_demo_set_playing (self, FALSE);
  if (data_key || g_str_equal (key, "model") || g_str_equal (key, "kernel"))
    {
      update_visibility (self);
      update_after_data (self);
    }
  if (g_str_equal (key, "model"))
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      self->syncing = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->splits_check),
                                   mlr_boundary_state_get_show_splits (self->state));
      self->syncing = FALSE;
      {
        g_autofree char *label = g_strdup_printf (_("Decision boundary of %s"),
                                                  _(model_titles[mlr_boundary_state_get_model (
                                                                   self->state)]));
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
    }
  request_fit (self, 0);
  changed (self);
  return TRUE;
}

static void
control_changed (MlrBoundaryDemo *self,
                 Control         *c)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  const char *key = c->def->key;

  show_value (c);
  if (self->syncing)
    return;
  value = control_value (self, c);
  if (g_str_equal (key, "layers") || g_str_equal (key, "units"))
    key = "hidden";
  if (!apply_param (self, key, value, &error))
    {
      toast (self, error->message);
      sync_controls (self);
    }
}

static void
control_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  MlrBoundaryDemo *self = g_object_get_data (object, "demo");

  control_changed (self, user_data);
}

static void
control_value_cb (GtkWidget *widget,
                  gpointer   user_data)
{
  MlrBoundaryDemo *self = g_object_get_data (G_OBJECT (widget), "demo");

  control_changed (self, user_data);
}

static void
gamma_auto_toggled_cb (GtkCheckButton  *check,
                       MlrBoundaryDemo *self)
{
  Control *c = find_control (self, "gamma");
  gboolean autom = gtk_check_button_get_active (check);
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (c->widget, !autom);
  if (self->syncing)
    return;
  value = autom ? g_strdup ("scale") : control_value (self, c);
  if (!apply_param (self, "gamma", value, &error))
    toast (self, error->message);
}

static void
splits_toggled_cb (GtkCheckButton  *check,
                   MlrBoundaryDemo *self)
{
  if (self->syncing)
    return;
  mlr_boundary_state_set_show_splits (self->state, gtk_check_button_get_active (check));
  changed (self);
}

/* Sets the control of @key to what the state holds. */
static void
sync_control (MlrBoundaryDemo *self,
              Control         *c)
{
  const MlrParams *params = mlr_boundary_state_get_params (self->state);
  const ControlDef *def = c->def;
  const char *v;

  if (g_str_equal (def->key, "layers") || g_str_equal (def->key, "units"))
    {
      double units[8];
      guint n = mlr_params_get_doubles (params, "hidden", units, G_N_ELEMENTS (units));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->widget),
                                 g_str_equal (def->key, "layers") ? n : (n ? units[0] : 100));
      return;
    }
  v = mlr_params_get_string (params, def->key);
  switch (def->kind)
    {
    case CTRL_CHOICE:
      for (guint i = 0; v != NULL && def->values[i]; i++)
        if (g_ascii_strcasecmp (def->values[i], v) == 0)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (c->widget), i);
      /* values with no entry of their own (log2, 1, 2, log_loss, identity) */
      if (g_str_equal (def->key, "max_features") && v != NULL)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (c->widget),
                                    g_ascii_strcasecmp (v, "all") == 0 ||
                                    g_str_equal (v, "2") ? 1 : 0);
      break;
    case CTRL_INT:
      if (g_str_equal (def->key, "degree") && v == NULL)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->widget),
                                   mlr_boundary_state_get_model (self->state) == MLR_MODEL_SVM
                                   ? 3 : 1);
      else if (g_str_equal (def->key, "max_depth") &&
               (v == NULL || mlr_params_is_special (params, "max_depth")))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->widget), 0);
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->widget),
                                   (double) mlr_params_get_int (params, def->key));
      break;
    case CTRL_LINEAR:
      gtk_range_set_value (GTK_RANGE (c->widget), mlr_params_get_double (params, def->key));
      break;
    case CTRL_LOG:
      if (g_str_equal (def->key, "gamma"))
        {
          gboolean autom = mlr_params_is_special (params, "gamma");
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->gamma_auto), autom);
          gtk_widget_set_sensitive (c->widget, !autom);
          if (autom)
            break;
        }
      {
        double x = mlr_params_get_double (params, def->key);
        gtk_range_set_value (GTK_RANGE (c->widget), x > 0 ? log10 (x) : def->lo);
      }
      break;
    case CTRL_BOOL:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (c->widget),
                                   mlr_params_get_bool (params, def->key));
      break;
    default:
      break;
    }
  show_value (c);
}

static void
sync_controls (MlrBoundaryDemo *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (control_defs); i++)
    sync_control (self, &self->ctl[i]);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->splits_check),
                               mlr_boundary_state_get_show_splits (self->state));
  self->syncing = FALSE;
  update_visibility (self);
  update_after_data (self);
}

/**
 * mlr_boundary_demo_set_param:
 * Sets a parameter as its control would (the control follows), and refits.
 */
gboolean
mlr_boundary_demo_set_param (MlrBoundaryDemo  *self,
                             const char       *key,
                             const char       *value,
                             GError          **error)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), FALSE);

  if (!apply_param (self, key, value, error))
    return FALSE;
  sync_controls (self);
  return TRUE;
}

/* ---------------------------------------------------------------- data edits */

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
  self->syncing = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->class_dropdown), self->add_class);
  self->syncing = FALSE;
  gtk_widget_queue_draw (self->class_swatch);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A point was added, moved or removed. */
static void
data_edited (MlrBoundaryDemo *self)
{
  mlr_boundary_demo_set_playing (self, FALSE);
  update_after_data (self);
  request_fit (self, 0);
  changed (self);
}

static int
add_point_at (MlrBoundaryDemo *self,
              double           x,
              double           y)
{
  int i = mlr_boundary_state_add_point (self->state, x, y, self->add_class);

  if (i < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The demo holds at most %d points"),
                                              MLR_BOUNDARY_MAX_POINTS);
      toast (self, msg);
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
  if (points == NULL || !mlr_boundary_state_set_points (self->state, points, base, &error))
    {
      msg = g_strdup_printf (_("Could not import: %s"), error->message);
      toast (self, msg);
      return FALSE;
    }
  mlr_boundary_demo_set_playing (self, FALSE);
  sync_controls (self);
  request_fit (self, 0);
  changed (self);
  msg = g_strdup_printf (_("Imported %u points from “%s”"), points->n_points, base);
  toast (self, msg);
  return TRUE;
}

/* Writes the current points (train and test, with labels) as CSV. */
gboolean
mlr_boundary_demo_export_csv (MlrBoundaryDemo  *self,
                              const char       *path,
                              GError          **error)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), FALSE);
  return mlr_csv_save (mlr_boundary_state_get_points (self->state), path, error);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    MlrBoundaryDemo *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        toast (self, _("Only local files can be imported"));
      else
        mlr_boundary_demo_import_file (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    MlrBoundaryDemo *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *msg = NULL;

      if (path == NULL)
        msg = g_strdup (_("Only local files can be exported to"));
      else if (!mlr_boundary_demo_export_csv (self, path, &error))
        msg = g_strdup_printf (_("Could not export the points: %s"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          msg = g_strdup_printf (_("Saved %u points to “%s”"),
                                 mlr_boundary_state_get_n_points (self->state), base);
        }
      toast (self, msg);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static GtkFileChooserNative *
file_dialog (MlrBoundaryDemo      *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        action, accept, NULL);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV with columns x1, x2, label"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  return dialog;
}

static void
import_clicked_cb (MlrBoundaryDemo *self)
{
  GtkFileChooserNative *dialog = file_dialog (self, _("Import Points"),
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));

  gtk_popover_popdown (GTK_POPOVER (self->menu_popover));
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_csv_clicked_cb (MlrBoundaryDemo *self)
{
  GtkFileChooserNative *dialog = file_dialog (self, _("Export Points"),
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));

  gtk_popover_popdown (GTK_POPOVER (self->menu_popover));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "points.csv");
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_figure_clicked_cb (MlrBoundaryDemo *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->menu_popover));
  mlr_demo_canvas_export_dialog (self->canvas);
}

static void
restore_clicked_cb (MlrBoundaryDemo *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->menu_popover));
  mlr_boundary_state_restore (self->state);
  data_edited (self);
}

static void
new_sample_clicked_cb (MlrBoundaryDemo *self)
{
  mlr_boundary_demo_set_playing (self, FALSE);
  mlr_boundary_state_new_sample (self->state);
  sync_controls (self);
  request_fit (self, 0);
  changed (self);
}

static void
class_selected_cb (GtkDropDown     *dropdown,
                   GParamSpec      *pspec,
                   MlrBoundaryDemo *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || i == GTK_INVALID_LIST_POSITION)
    return;
  self->add_class = i;
  gtk_widget_queue_draw (self->class_swatch);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
play_clicked_cb (MlrBoundaryDemo *self)
{
  mlr_boundary_demo_set_playing (self, !self->playing);
}

/* ---------------------------------------------------------------- canvas */

static void
draw_cb (cairo_t          *cr,
         int               width,
         int               height,
         const MlrPalette *palette,
         gpointer          user_data)
{
  MlrBoundaryDemo *self = user_data;
  MlrBoundaryPainterOptions options = {
    .focused = gtk_widget_has_focus (GTK_WIDGET (self->canvas)),
    .busy = self->task != NULL || self->pending || !mlr_boundary_state_is_current (self->state),
    .hover = self->drag == DRAG_NONE ? self->hover : -1,
    .add_class = (int) self->add_class,
    .scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->canvas)),
  };

  mlr_boundary_painter_draw (cr, width, height, palette, self->state, &options, self->cache);
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
  double dx, dy, radius;
  int i;

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  self->drag = DRAG_NONE;
  if (!to_data (self, x, y, &dx, &dy, &radius))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
  i = mlr_boundary_state_find_point (self->state, dx, dy, radius);
  if (i < 0)
    i = add_point_at (self, dx, dy);
  mlr_boundary_state_set_selected (self->state, i);
  if (i >= 0)
    {
      self->drag = DRAG_POINT;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "grabbing");
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  changed (self);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           ox,
                double           oy,
                MlrBoundaryDemo *self)
{
  int i = mlr_boundary_state_get_selected (self->state);
  double dx, dy;

  if (self->drag != DRAG_POINT || i < 0)
    return;
  to_data (self, self->drag_x + ox, self->drag_y + oy, &dx, &dy, NULL);
  mlr_boundary_state_move_point (self->state, (guint) i, dx, dy);
  data_edited (self);
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           ox,
             double           oy,
             MlrBoundaryDemo *self)
{
  if (self->drag == DRAG_POINT)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "grab");
  self->drag = DRAG_NONE;
  changed (self);
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

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  if (!to_data (self, x, y, &dx, &dy, &radius))
    return;
  i = mlr_boundary_state_find_point (self->state, dx, dy, radius);
  if (i >= 0)
    {
      mlr_boundary_state_remove_point (self->state, (guint) i);
      self->hover = -1;
      data_edited (self);
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
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
      hover = mlr_boundary_state_find_point (self->state, dx, dy, radius);
      cursor = hover >= 0 ? "grab" : "crosshair";
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), cursor);
  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          MlrBoundaryDemo          *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
}

static void
select_relative (MlrBoundaryDemo *self,
                 int              delta)
{
  guint n = mlr_boundary_state_get_n_points (self->state);
  int i = mlr_boundary_state_get_selected (self->state);

  if (n == 0)
    return;
  if (i < 0)
    i = delta > 0 ? 0 : (int) n - 1;
  else
    i = (int) ((i + delta + (int) n) % (int) n);
  mlr_boundary_state_set_selected (self->state, i);
  changed (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        mods,
                MlrBoundaryDemo       *self)
{
  double x0, x1, y0, y1, step, mx = 0, my = 0;
  int selected = mlr_boundary_state_get_selected (self->state);

  if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  mlr_boundary_state_get_view (self->state, &x0, &x1, &y0, &y1);
  step = MAX (x1 - x0, y1 - y0) / ((mods & GDK_SHIFT_MASK) ? 200 : 40);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      mx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      mx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      my = 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      my = -1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      {
        double cx, cy;
        mlr_boundary_state_get_cursor (self->state, &cx, &cy);
        add_point_at (self, cx, cy);
        return TRUE;
      }
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (selected < 0)
        return FALSE;
      mlr_boundary_state_remove_point (self->state, (guint) selected);
      data_edited (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (selected < 0)
        return FALSE;
      mlr_boundary_state_set_selected (self->state, -1);
      changed (self);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      select_relative (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      select_relative (self, 1);
      return TRUE;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (mlr_boundary_state_get_model (self->state) != MLR_MODEL_MLP)
        return FALSE;
      mlr_boundary_demo_set_playing (self, !self->playing);
      return TRUE;
    case GDK_KEY_r:
    case GDK_KEY_R:
      mlr_boundary_demo_reset (self);
      return TRUE;
    case GDK_KEY_n:
    case GDK_KEY_N:
      new_sample_clicked_cb (self);
      return TRUE;
    default:
      if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
        {
          mlr_boundary_demo_set_add_class (self, keyval - GDK_KEY_0);
          return TRUE;
        }
      return FALSE;
    }

  if (selected >= 0)
    {
      const MlrDataset *pts = mlr_boundary_state_get_points (self->state);
      mlr_boundary_state_move_point (self->state, (guint) selected,
                                     pts->x[2 * selected] + mx * step,
                                     pts->x[2 * selected + 1] + my * step);
      data_edited (self);
    }
  else
    {
      double cx, cy;
      mlr_boundary_state_get_cursor (self->state, &cx, &cy);
      mlr_boundary_state_set_cursor (self->state, cx + mx * step, cy + my * step);
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
  return TRUE;
}

static void
focus_changed_cb (GtkEventControllerFocus *controller,
                  MlrBoundaryDemo         *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  MlrBoundaryDemo *self = user_data;
  MlrColor c;

  if (self->canvas == NULL)
    return;
  c = mlr_boundary_class_color (mlr_demo_canvas_get_palette (self->canvas), self->add_class);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_fill (cr);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1.8, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
  cairo_fill (cr);
}

/* ---------------------------------------------------------------- construction */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *a11y_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
flow_row (void)
{
  return mlr_wrap_box_new (14, 4);
}

static void
flow_append (GtkWidget *flow,
             GtkWidget *child)
{
  mlr_wrap_box_append (MLR_WRAP_BOX (flow), child);
}

static void
build_control (MlrBoundaryDemo *self,
               Control         *c,
               const ControlDef *def)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (_(def->label));
  g_autofree char *name = g_strconcat ("param-", def->key, NULL);
  const char *tip = _(def->tooltip);

  c->def = def;
  c->group = box;
  gtk_widget_set_tooltip_text (label, tip);
  gtk_box_append (GTK_BOX (box), label);
  switch (def->kind)
    {
    case CTRL_CHOICE:
      {
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
        for (guint i = 0; def->titles[i]; i++)
          gtk_string_list_append (list, _(def->titles[i]));
        c->widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
        g_signal_connect (c->widget, "notify::selected", G_CALLBACK (control_notify_cb), c);
      }
      break;
    case CTRL_INT:
      c->widget = gtk_spin_button_new_with_range (def->lo, def->hi, def->step);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (c->widget), TRUE);
      g_signal_connect (c->widget, "value-changed", G_CALLBACK (control_value_cb), c);
      break;
    case CTRL_LINEAR:
    case CTRL_LOG:
      c->widget = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, def->lo, def->hi,
                                            def->step);
      gtk_scale_set_draw_value (GTK_SCALE (c->widget), FALSE);
      gtk_widget_set_size_request (c->widget, 96, -1);
      if (def->kind == CTRL_LOG)
        for (double e = ceil (def->lo); e <= def->hi; e += 1)
          gtk_scale_add_mark (GTK_SCALE (c->widget), e, GTK_POS_BOTTOM, NULL);
      c->value = gtk_label_new ("");
      gtk_label_set_width_chars (GTK_LABEL (c->value), 6);
      gtk_label_set_xalign (GTK_LABEL (c->value), 0);
      gtk_widget_add_css_class (c->value, "numeric");
      gtk_widget_add_css_class (c->value, "dim-label");
      g_signal_connect (c->widget, "value-changed", G_CALLBACK (control_value_cb), c);
      break;
    case CTRL_BOOL:
      c->widget = gtk_check_button_new ();
      g_signal_connect (c->widget, "toggled", G_CALLBACK (control_value_cb), c);
      break;
    default:
      g_assert_not_reached ();
    }
  g_object_set_data (G_OBJECT (c->widget), "demo", self);
  gtk_widget_set_name (c->widget, name);
  gtk_widget_set_valign (c->widget, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (c->widget, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(def->label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
  gtk_box_append (GTK_BOX (box), c->widget);
  if (c->value)
    gtk_box_append (GTK_BOX (box), c->value);
  if (g_str_equal (def->key, "gamma"))
    {
      self->gamma_auto = gtk_check_button_new_with_label (_("Auto"));
      gtk_widget_set_name (self->gamma_auto, "param-gamma-auto");
      gtk_widget_set_tooltip_text (self->gamma_auto,
                                   _("γ = scale: 1 / (2 × the variance of the features), "
                                     "scikit-learn's default"));
      g_signal_connect (self->gamma_auto, "toggled", G_CALLBACK (gamma_auto_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), self->gamma_auto);
    }
}

static GtkWidget *
build_menu (MlrBoundaryDemo *self)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  struct {
    const char *label;
    const char *tooltip;
    GCallback   callback;
  } items[] = {
    { N_("_Import CSV…"), N_("Load your own points: a CSV with the columns x1, x2 and label "
                             "(0, 1, …). Errors name the file and line; the data stays as it "
                             "was"), G_CALLBACK (import_clicked_cb) },
    { N_("Export _CSV…"), N_("Save the current points (with your edits) as x1,x2,label"),
      G_CALLBACK (export_csv_clicked_cb) },
    { N_("Export _Figure…"), N_("Save the picture as PNG, SVG or PDF, e.g. for slides"),
      G_CALLBACK (export_figure_clicked_cb) },
    { N_("_Undo Edits"), N_("Back to the points as generated or imported"),
      G_CALLBACK (restore_clicked_cb) },
  };

  self->menu_popover = gtk_popover_new ();
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(items[i].label));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _(items[i].tooltip));
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_signal_connect_swapped (button, "clicked", items[i].callback, self);
      gtk_box_append (GTK_BOX (box), button);
    }
  label = gtk_label_new (_("Click on the plane to add a point of the chosen class, drag a "
                           "point to move it, right-click one to remove it. Keys (click the "
                           "plane first): arrows move the selected point, or the cursor when "
                           "none is selected (Shift: finer); Enter adds a point at the "
                           "cursor; Delete removes the selected point; Page Up/Down select "
                           "another; Escape deselects; 0–9 choose the class; N new sample; "
                           "R resets (network: epoch 0, other models: undo edits); Space "
                           "plays or pauses network training."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_popover_set_child (GTK_POPOVER (self->menu_popover), box);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), self->menu_popover);
  gtk_widget_set_tooltip_text (menu, _("Import or export points (CSV), export the figure, undo "
                                       "edits, and the keys"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More"), -1);
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  return menu;
}

static void
build_controls (MlrBoundaryDemo *self)
{
  GtkWidget *row3 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, SPACING);
  GtkWidget *box, *button, *label, *spacer;

  self->controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->data_row = flow_row ();
  self->model_row = flow_row ();
  gtk_widget_set_name (self->model_row, "model-row");

  for (guint i = 0; i < G_N_ELEMENTS (control_defs); i++)
    {
      build_control (self, &self->ctl[i], &control_defs[i]);
      flow_append (control_defs[i].models == 0 ? self->data_row : self->model_row,
                   self->ctl[i].group);
      if (g_str_equal (control_defs[i].key, "dataset"))
        {
          button = icon_button ("view-refresh-symbolic",
                                _("New sample: the same kind of data drawn with the next seed "
                                  "(N). A model that only fits its sample changes a lot"),
                                _("New sample"));
          gtk_widget_set_name (button, "new-sample");
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (new_sample_clicked_cb), self);
          gtk_box_append (GTK_BOX (self->ctl[i].group), button);
        }
    }
  self->splits_group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->splits_check = gtk_check_button_new_with_label (_("Show splits"));
  gtk_widget_set_name (self->splits_check, "show-splits");
  gtk_widget_set_tooltip_text (self->splits_check,
                               _("Draw the split lines of the tree (of the forest's first "
                                 "tree): each question the tree asks cuts a box in two"));
  g_signal_connect (self->splits_check, "toggled", G_CALLBACK (splits_toggled_cb), self);
  gtk_box_append (GTK_BOX (self->splits_group), self->splits_check);
  flow_append (self->model_row, self->splits_group);

  /* row 3: the class a click adds, mlp training, more */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  label = gtk_label_new (_("Add"));
  gtk_widget_set_tooltip_text (label, _("The class a click (or Enter) adds; keys 0–9 choose "
                                        "it too"));
  gtk_box_append (GTK_BOX (box), label);
  self->class_swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->class_swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->class_swatch), 14);
  gtk_widget_set_valign (self->class_swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->class_swatch), swatch_draw_cb, self,
                                  NULL);
  gtk_box_append (GTK_BOX (box), self->class_swatch);
  self->class_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_name (self->class_dropdown, "add-class");
  gtk_widget_set_valign (self->class_dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->class_dropdown,
                               _("The class a click on empty ground (or Enter) adds as a "
                                 "training point; the last entry starts a new class"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->class_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Class to add"), -1);
  g_signal_connect (self->class_dropdown, "notify::selected", G_CALLBACK (class_selected_cb),
                    self);
  gtk_box_append (GTK_BOX (box), self->class_dropdown);
  gtk_box_append (GTK_BOX (row3), box);

  self->mlp_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  self->reset_button = icon_button ("media-skip-backward-symbolic",
                                    _("Back to the untrained network, epoch 0 (R)"),
                                    _("Reset training"));
  self->play_button = icon_button ("media-playback-start-symbolic", _("Play (Space)"),
                                   _("Play"));
  self->step_button = icon_button ("media-skip-forward-symbolic", _("Train one more epoch"),
                                   _("One epoch"));
  gtk_widget_set_name (self->play_button, "play");
  gtk_widget_set_name (self->step_button, "step");
  gtk_widget_set_name (self->reset_button, "reset");
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (mlr_boundary_demo_reset),
                            self);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (play_clicked_cb), self);
  g_signal_connect_swapped (self->step_button, "clicked", G_CALLBACK (mlr_boundary_demo_step),
                            self);
  gtk_box_append (GTK_BOX (box), self->reset_button);
  gtk_box_append (GTK_BOX (box), self->play_button);
  gtk_box_append (GTK_BOX (box), self->step_button);
  gtk_box_append (GTK_BOX (self->mlp_box), box);
  self->epoch_label = gtk_label_new ("");
  gtk_label_set_width_chars (GTK_LABEL (self->epoch_label), 11);
  gtk_label_set_xalign (GTK_LABEL (self->epoch_label), 0);
  gtk_widget_add_css_class (self->epoch_label, "numeric");
  gtk_widget_set_tooltip_text (self->epoch_label, _("Epochs trained so far"));
  gtk_box_append (GTK_BOX (self->mlp_box), self->epoch_label);
  gtk_box_append (GTK_BOX (row3), self->mlp_box);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (row3), spacer);
  gtk_box_append (GTK_BOX (row3), build_menu (self));

  gtk_box_append (GTK_BOX (self->controls), self->data_row);
  gtk_box_append (GTK_BOX (self->controls), self->model_row);
  gtk_box_append (GTK_BOX (self->controls), row3);
}

static void
style_changed_cb (MlrBoundaryDemo *self)
{
  if (self->class_swatch)
    gtk_widget_queue_draw (self->class_swatch);
}

static void
build (MlrBoundaryDemo  *self,
       MlrBoundaryState *state)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  g_autofree char *label = NULL;

  self->state = state;
  self->hover = -1;

  self->error_label = mlr_demo_problems_label_new (GTK_WIDGET (self));

  self->canvas = MLR_DEMO_CANVAS (mlr_demo_canvas_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->canvas), "card");
  mlr_demo_canvas_set_draw_func (self->canvas, draw_cb, self, NULL);
  label = g_strdup_printf (_("Decision boundary of %s"),
                           _(model_titles[mlr_boundary_state_get_model (state)]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_parent (GTK_WIDGET (self->canvas), GTK_WIDGET (self));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  build_controls (self);
  gtk_widget_set_parent (self->controls, GTK_WIDGET (self));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  sync_controls (self);
  /* the first fit starts once the canvas has a size (size_allocate) */
  self->pending = TRUE;
  changed (self);
}

/**
 * mlr_boundary_demo_new_from_params:
 * The demo for @params (a table from the "decision-boundary" spec; %NULL: all defaults).
 * Returns %NULL with @error set when they do not fit together.
 */
GtkWidget *
mlr_boundary_demo_new_from_params (const MlrParams  *params,
                                   GError          **error)
{
  g_autoptr(MlrParams) defaults = NULL;
  MlrBoundaryState *state;
  MlrBoundaryDemo *self;

  if (params == NULL)
    params = defaults = mlr_demo_spec_params (mlr_demo_spec_lookup ("decision-boundary"));
  state = mlr_boundary_state_new (params, error);
  if (state == NULL)
    return NULL;
  self = g_object_new (MLR_TYPE_BOUNDARY_DEMO, NULL);
  build (self, state);
  return GTK_WIDGET (self);
}

/**
 * mlr_boundary_demo_new:
 * The demo for a lesson's <demo kind="decision-boundary" ...>. Parameters that cannot be used
 * together give the defaults and a line saying why, rather than no demo at all. (The loader
 * checks the combination too and gives a lesson's block a placeholder instead, so only a
 * hand-built block gets here with one.)
 */
GtkWidget *
mlr_boundary_demo_new (const MlrBlock *block)
{
  const MlrDemoSpec *spec = mlr_demo_spec_lookup ("decision-boundary");
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(MlrParams) params = mlr_demo_spec_params_from_block (spec, block, problems);
  g_autoptr(GError) error = NULL;
  MlrBoundaryState *state;
  MlrBoundaryDemo *self;

  state = mlr_boundary_state_new (params, &error);
  if (state == NULL)
    {
      g_autoptr(MlrParams) defaults = mlr_demo_spec_params (spec);
      mlr_demo_problems_add (problems, error->message);
      state = mlr_boundary_state_new (defaults, NULL);
    }
  self = g_object_new (MLR_TYPE_BOUNDARY_DEMO, NULL);
  build (self, state);
  if (problems->len > 0)
    mlr_demo_problems_label_show (self->error_label, problems->str);
  return GTK_WIDGET (self);
}

/* The demo's state, for tests and the Demos page; changes made to it directly need
 * mlr_boundary_demo_refit(). */
MlrBoundaryState *
mlr_boundary_demo_get_state (MlrBoundaryDemo *self)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), NULL);
  return self->state;
}

MlrDemoCanvas *
mlr_boundary_demo_get_canvas (MlrBoundaryDemo *self)
{
  g_return_val_if_fail (MLR_IS_BOUNDARY_DEMO (self), NULL);
  return self->canvas;
}

/* Where the painter puts things at the canvas's current size. */
void
mlr_boundary_demo_get_layout (MlrBoundaryDemo   *self,
                              MlrBoundaryLayout *layout)
{
  g_return_if_fail (MLR_IS_BOUNDARY_DEMO (self));
  current_layout (self, layout);
}

/* ---------------------------------------------------------------- GtkWidget */

/* The canvas grows with the width (bigger on the Demos page than in a lesson), within bounds
 * that keep the plane readable and the controls on screen; a narrow canvas stacks the panel
 * under the plane and needs more height. */
static int
canvas_height_for_width (GtkWidget *widget,
                         int        width)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);
  gboolean mlp = self->state && mlr_boundary_state_get_model (self->state) == MLR_MODEL_MLP;

  if (width < 600)
    return CLAMP ((int) round (width * (mlp ? 1.3 : 1.15)), 420, 760);
  /* the loss chart needs the panel taller */
  return CLAMP ((int) round (width * (mlp ? 0.72 : 0.64)), mlp ? 460 : 400, 680);
}

static GtkSizeRequestMode
mlr_boundary_demo_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mlr_boundary_demo_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);

  if (self->controls == NULL)
    return;
  mlr_demo_layout_measure (widget, self->error_label, self->controls, canvas_height_for_width,
                           orientation, for_size, minimum, natural);
}

static void
mlr_boundary_demo_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (widget);
  MlrGrid grid;

  mlr_demo_layout_allocate (self->error_label, GTK_WIDGET (self->canvas), self->controls, width,
                            height);

  /* points may go anywhere on the plane as shown */
  {
    MlrBoundaryLayout layout;
    current_layout (self, &layout);
    mlr_boundary_state_set_bounds (self->state, layout.plot.xmin, layout.plot.xmax,
                                   layout.plot.ymin, layout.plot.ymax);
  }
  /* a new size wants a raster of its own: re-evaluate (the fitted model is reused) */
  if (grid_for_canvas (self, &grid) &&
      (self->pending || grid.width != self->last_grid.width ||
       grid.height != self->last_grid.height || grid.x0 != self->last_grid.x0 ||
       grid.y0 != self->last_grid.y0))
    {
      if (self->task == NULL)
        {
          self->pending = TRUE;
          launch_fit (self);
        }
      else
        self->pending = TRUE;
    }
}

static void
mlr_boundary_demo_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_boundary_demo_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      if (self->state)
        mlr_boundary_demo_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mlr_boundary_demo_dispose (GObject *object)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (object);
  GtkWidget *child;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->description_id, g_source_remove);
  /* a fit still running finishes on its own; its answer finds no demo and is dropped */
  cancel_fit (self);
  self->pending = FALSE;
  if (self->canvas)
    mlr_demo_canvas_set_draw_func (self->canvas, NULL, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->error_label = NULL;
  self->canvas = NULL;
  self->controls = NULL;
  self->class_swatch = NULL;
  G_OBJECT_CLASS (mlr_boundary_demo_parent_class)->dispose (object);
}

static void
mlr_boundary_demo_finalize (GObject *object)
{
  MlrBoundaryDemo *self = MLR_BOUNDARY_DEMO (object);

  g_clear_pointer (&self->state, mlr_boundary_state_free);
  g_clear_pointer (&self->cache, mlr_boundary_painter_cache_free);
  G_OBJECT_CLASS (mlr_boundary_demo_parent_class)->finalize (object);
}

static void
mlr_boundary_demo_class_init (MlrBoundaryDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mlr_boundary_demo_dispose;
  object_class->finalize = mlr_boundary_demo_finalize;
  object_class->get_property = mlr_boundary_demo_get_property;
  object_class->set_property = mlr_boundary_demo_set_property;
  widget_class->get_request_mode = mlr_boundary_demo_get_request_mode;
  widget_class->measure = mlr_boundary_demo_measure;
  widget_class->size_allocate = mlr_boundary_demo_size_allocate;

  /**
   * MlrBoundaryDemo:playing:
   * Whether the network is training live.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "boundarydemo");
}

static void
mlr_boundary_demo_init (MlrBoundaryDemo *self)
{
  self->cache = mlr_boundary_painter_cache_new ();
}
