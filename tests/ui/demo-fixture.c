/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "demo-fixture.h"

#include <math.h>

#include "demos/mlr-demo.h"
#include "demos/mlr-demo-canvas.h"

void
demo_fixture_wait_for_draw (DemoFixture *f)
{
  MlrDemoCanvas *canvas = mlr_demo_get_canvas (MLR_DEMO (f->demo));
  guint before = mlr_demo_canvas_get_draw_count (canvas);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (mlr_demo_canvas_get_draw_count (canvas) == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (mlr_demo_canvas_get_draw_count (canvas), >, before);
}

static void
param_free (gpointer data)
{
  MlrDemoParam *p = data;

  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

static void
toast_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  DemoFixture *f = user_data;

  g_string_append_printf (f->toasts, "%s\n", g_variant_get_string (parameter, NULL));
}

/**
 * demo_fixture_open_valist:
 * Builds the @kind demo (which must be a @type) for the NULL-terminated key, value pairs in @ap,
 * in a @width × @height window, and waits for its first drawing.
 */
void
demo_fixture_open_valist (DemoFixture *f,
                          const char  *kind,
                          GType        type,
                          int          width,
                          int          height,
                          const char  *first_key,
                          va_list      ap)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);

  f->toasts = g_string_new (NULL);
  f->block.kind = MLR_BLOCK_DEMO;
  f->block.demo_kind = (char *) kind;
  f->block.params = g_ptr_array_new_with_free_func (param_free);
  for (const char *k = first_key; k != NULL; k = va_arg (ap, const char *))
    {
      MlrDemoParam *p = g_new0 (MlrDemoParam, 1);
      p->key = g_strdup (k);
      p->value = g_strdup (va_arg (ap, const char *));
      g_ptr_array_add (f->block.params, p);
    }

  f->demo = mlr_demo_new_for_block (&f->block);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (f->demo, type));
  g_object_ref_sink (f->demo);
  f->window = gtk_window_new ();
  g_signal_connect (toast, "activate", G_CALLBACK (toast_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  gtk_widget_insert_action_group (f->window, "lesson", G_ACTION_GROUP (group));
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->demo));
  gtk_window_present (GTK_WINDOW (f->window));
  demo_fixture_wait_for_draw (f);
}

void
demo_fixture_close (DemoFixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_wait_ms (20);
  g_assert_finalize_object (f->demo);
  g_ptr_array_unref (f->block.params);
  g_string_free (f->toasts, TRUE);
}

/* Waits up to 10 s for a toast beyond the first @before bytes of f->toasts. */
void
demo_fixture_wait_for_toast (DemoFixture *f,
                             gsize        before)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (f->toasts->len == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->toasts->len, >, before);
}

/* A key as the focused canvas takes it: TRUE when a binding handled it. */
gboolean
demo_fixture_press_key (DemoFixture    *f,
                        guint           keyval,
                        GdkModifierType mods)
{
  return mlr_demo_activate_canvas_key (MLR_DEMO (f->demo), keyval, mods);
}

/* The metric as the demo reports it to challenges, once it has caught up (reports are
 * announced at most every 300 ms): it must become @want (to 1e-12, relative above 1)
 * within 2 s. */
void
demo_fixture_assert_metric (DemoFixture *f,
                            const char  *name,
                            double       want)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  double got = NAN;

  do
    {
      g_autoptr(GVariant) v = mlr_demo_lookup_metric (MLR_DEMO (f->demo), name);
      got = v ? g_variant_get_double (v) : NAN;
      if (fabs (got - want) <= 1e-12 * MAX (1, fabs (want)))
        return;
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_get_monotonic_time () < end);
  g_error ("metric %s is %.17g, not %.17g", name, got, want);
}

gpointer
demo_fixture_find_controller (GtkWidget *widget,
                              GType      type,
                              guint      button)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      gpointer c = g_list_model_get_item (controllers, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) &&
          (button == 0 || gtk_gesture_single_get_button (c) == button))
        found = c;
      g_object_unref (c);
    }
  g_object_unref (controllers);
  g_assert_nonnull (found);
  return found;
}

GtkWidget *
demo_fixture_find_named (GtkWidget  *widget,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = demo_fixture_find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}
