/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo framework, over every row of the registry (so a new demo is checked by adding it):
 * the row is complete and its widget type exists; the parameter table's control hints are
 * usable; the metrics a demo reports are the ones it lists; every generated control drives its
 * parameter and follows it back; the kind paints headless; and every key a demo's canvas
 * binds is in the shortcuts window.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-demo.h"
#include "ui-test-init.h"

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}


/* ---- the rows */

static void
test_rows_complete (void)
{
  guint n;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, >=, 3);
  mlr_demo_ensure_types ();
  for (guint i = 0; i < n; i++)
    {
      const MlrDemoKind *k = &kinds[i];
      GType type = g_type_from_name (k->widget_type);
      g_autoptr(GTypeClass) klass = NULL;

      g_test_message ("%s", k->id);
      g_assert_true (g_hash_table_add (ids, (gpointer) k->id));
      g_assert_true (g_type_is_a (type, MLR_TYPE_DEMO));
      g_assert_false (G_TYPE_IS_ABSTRACT (type));
      klass = g_type_class_ref (type);
      g_assert_nonnull (MLR_DEMO_CLASS (klass)->describe);
      /* a demo that animates can do all of it */
      if (MLR_DEMO_CLASS (klass)->advance != NULL)
        {
          g_assert_nonnull (MLR_DEMO_CLASS (klass)->step);
          g_assert_nonnull (MLR_DEMO_CLASS (klass)->rewind);
          g_assert_nonnull (MLR_DEMO_CLASS (klass)->finish);
          g_assert_nonnull (MLR_DEMO_CLASS (klass)->is_finished);
        }
      /* the lesson layer sees the same row */
      g_assert_true (mlr_demo_spec_lookup (k->id) == k->spec);
      g_assert_true (k->cache_new == NULL || k->cache_free != NULL);
    }
}

/* Every spec's control hints make a usable control, and its default is valid. */
static void
test_param_specs (void)
{
  guint n;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < kinds[i].spec->n_params; j++)
      {
        const MlrParamSpec *p = &kinds[i].spec->params[j];
        double lo = p->ui_min != 0 || p->ui_max != 0 ? MAX (p->ui_min, p->min) : p->min;
        double hi = p->ui_max != 0 ? MIN (p->ui_max, p->max) : p->max;

        g_test_message ("%s %s", kinds[i].id, p->key);
        g_assert_nonnull (p->help);
        if (p->default_value != NULL)
          g_assert_true (mlr_param_spec_check (p, p->default_value, NULL));
        if (p->ui == MLR_PARAM_UI_NONE)
          continue;
        g_assert_nonnull (p->label);
        if (p->choices != NULL && p->choice_titles != NULL)
          g_assert_cmpuint (g_strv_length ((char **) p->choices), ==,
                            g_strv_length ((char **) p->choice_titles));
        if (p->choices != NULL && p->choice_help != NULL)
          g_assert_cmpuint (g_strv_length ((char **) p->choices), ==,
                            g_strv_length ((char **) p->choice_help));
        if (p->choice_titles != NULL)
          g_assert_cmpstr (p->choice_titles[0], !=, "");  /* an alias needs a choice before */
        if (p->type == MLR_PARAM_NUMBER || p->type == MLR_PARAM_INT)
          {
            /* the control's range lies within the valid one */
            g_assert_cmpfloat (lo, <, hi);
            g_assert_cmpfloat (p->ui_min == 0 || p->ui_min >= p->min, ==, TRUE);
            g_assert_cmpfloat (p->ui_max == 0 || p->ui_max <= p->max, ==, TRUE);
          }
        if (p->ui == MLR_PARAM_UI_LOG)
          g_assert_cmpfloat (lo, >, 0);
        if (p->ui == MLR_PARAM_UI_LOG1M)
          g_assert_true (lo >= 0 && hi < 1);
        if (p->special_label != NULL)
          g_assert_nonnull (p->special);
      }
}

/* The Interactive demos page's settings are valid parameters that combine, so the page never
 * shows "This demo's parameters do not work". */
static void
test_showcases (void)
{
  guint n, n_showcases = 0;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) params = mlr_demo_kind_showcase (&kinds[i]);
      g_autoptr(GString) problems = g_string_new (NULL);
      MlrBlock block = { .kind = MLR_BLOCK_DEMO, .demo_kind = (char *) kinds[i].id,
                         .params = params };
      MlrParams *values;
      gpointer state;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) words = NULL;

      if (kinds[i].showcase == NULL)
        continue;
      words = g_strsplit (kinds[i].showcase, " ", -1);
      g_test_message ("%s: %s", kinds[i].id, kinds[i].showcase);
      n_showcases++;
      /* every space-separated word became a pair */
      g_assert_cmpuint (params->len, ==, g_strv_length (words));
      values = mlr_demo_spec_params_from_block (kinds[i].spec, &block, problems);
      g_assert_cmpstr (problems->str, ==, "");
      state = mlr_demo_kind_new_state (&kinds[i], values, &error);
      g_assert_no_error (error);
      kinds[i].state_free (state);
      mlr_params_free (values);
    }
  g_assert_cmpuint (n_showcases, >=, 1);
}

static void
collect_cb (const char *name,
            GVariant   *value,
            gpointer    user_data)
{
  g_hash_table_add (user_data, g_strdup (name));
  g_variant_unref (g_variant_ref_sink (value));
}

/* What a demo reports is what it lists; challenges are checked against the list. */
static void
test_metric_names (void)
{
  guint n;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MlrParams) params = mlr_demo_kind_new_params (&kinds[i]);
      gpointer state = mlr_demo_kind_new_state (&kinds[i], params, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char * const *names = kinds[i].metric_names ();
      GHashTableIter iter;
      gpointer name;

      g_assert_nonnull (state);
      kinds[i].collect_metrics (state, collect_cb, seen);
      g_hash_table_iter_init (&iter, seen);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_assert_true (g_strv_contains (names, name));
      g_assert_cmpuint (g_hash_table_size (seen), >, 0);
      kinds[i].state_free (state);
    }
}

/* Each kind paints a picture headless, with more than one colour in it. */
static void
test_renders (void)
{
  guint n;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);

  for (guint i = 0; i < n; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 320);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(MlrParams) params = mlr_demo_kind_new_params (&kinds[i]);
      g_autoptr(GError) error = NULL;
      MlrPalette palette;
      const guint32 *px;
      gboolean varied = FALSE;

      mlr_palette_init_default (&palette, FALSE);
      mlr_cairo_set_color (cr, &palette.background);
      cairo_paint (cr);
      g_assert_true (mlr_demo_kind_render (&kinds[i], params, cr, 480, 320, &palette, &error));
      g_assert_no_error (error);
      cairo_surface_flush (surface);
      px = (const guint32 *) cairo_image_surface_get_data (surface);
      for (int p = 1; p < 480 * 320 && !varied; p++)
        varied = px[p] != px[0];
      g_assert_true (varied);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* ---- the widgets */

/* Every generated control drives its parameter, and follows it when the parameter changes
 * elsewhere (the state, another control). */
static void
test_generated_controls (void)
{
  guint n;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *widget = mlr_demo_new (kinds[i].id, NULL, NULL);
      MlrDemo *demo = MLR_DEMO (widget);
      const MlrParamSpec *specs = kinds[i].spec->params;

      g_object_ref_sink (widget);
      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      ui_test_wait_ms (100);
      for (guint j = 0; j < kinds[i].spec->n_params; j++)
        {
          const MlrParamSpec *p = &specs[j];
          GtkWidget *control = mlr_demo_get_control (demo, p->key);
          MlrDemoSetting *setting = mlr_demo_get_setting (demo, p->key);

          g_test_message ("%s %s", kinds[i].id, p->key);
          g_assert_nonnull (setting);
          if (control == NULL)
            continue;  /* a hand-laid panel, or a key with no control */
          if (GTK_IS_DROP_DOWN (control))
            {
              guint last = mlr_demo_setting_get_n_titled (setting) - 1;
              guint choice;
              mlr_demo_setting_get_titled (setting, last, &choice);
              gtk_drop_down_set_selected (GTK_DROP_DOWN (control), last);
              g_assert_cmpstr (mlr_params_get_string (mlr_demo_get_params (demo), p->key), ==,
                               p->choices[choice]);
              g_assert_true (mlr_demo_set_param (demo, p->key, p->choices[0], NULL));
              g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (control)), ==, 0);
            }
          else if (GTK_IS_SPIN_BUTTON (control) || GTK_IS_SCALE (control))
            {
              GtkAdjustment *adj = GTK_IS_SPIN_BUTTON (control)
                                   ? gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (control))
                                   : gtk_range_get_adjustment (GTK_RANGE (control));
              double before = mlr_demo_setting_get_number (setting);
              double upper = gtk_adjustment_get_upper (adj);

              gtk_adjustment_set_value (adj, upper);
              /* the parameter moved to the control's end (log scales round to two digits) */
              g_assert_cmpfloat (mlr_demo_setting_get_number (setting), !=, before);
              g_assert_true (mlr_params_has (mlr_demo_get_params (demo), p->key));
              /* and back, from the parameter to the control */
              {
                g_autofree char *text = g_strdup_printf ("%.17g", before);
                g_assert_true (mlr_demo_set_param (demo, p->key, text, NULL));
              }
              g_assert_cmpfloat (gtk_adjustment_get_value (adj), !=, upper);
            }
          else if (GTK_IS_SWITCH (control))
            {
              gboolean was = gtk_switch_get_active (GTK_SWITCH (control));
              gtk_switch_set_active (GTK_SWITCH (control), !was);
              g_assert_cmpint (mlr_params_get_bool (mlr_demo_get_params (demo), p->key), ==, !was);
              g_assert_true (mlr_demo_set_param (demo, p->key, was ? "true" : "false", NULL));
              g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (control)), ==, was);
            }
          else if (p->type == MLR_PARAM_CHOICE_LIST)
            {
              g_autofree char *name = g_strconcat ("choice-", p->choices[1], NULL);
              GtkWidget *check = find_named (control, name);
              gboolean was;

              g_assert_nonnull (check);
              was = gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
              gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !was);
              g_assert_cmpint (mlr_params_list_contains (mlr_demo_get_params (demo), p->key,
                                                         p->choices[1]), ==, !was);
            }
        }
      gtk_window_destroy (GTK_WINDOW (window));
      ui_test_wait_ms (20);
      g_assert_finalize_object (widget);
    }
}

/* The CSV file chooser of a demo that imports or exports: it opens over the demo's window with
 * its title, and cancelling it closes it and lets the demo go. (The test runs on a private
 * session bus: without one GTK warns that it cannot ask a portal.) */
static GtkWidget *
find_toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (w), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static void
test_csv_dialogs (void)
{
  static const struct { const char *kind, *action, *title; } cases[] = {
    { "decision-boundary", "boundary.import", "Import Points" },
    { "decision-boundary", "boundary.export-csv", "Export Points" },
    { "threshold", "threshold.import", "Import Scores" },
    { "threshold", "threshold.export-csv", "Export Scores" },
    { "clustering", "clustering.import", "Import Points" },
    { "convolution", "conv.open", "Open Image" },
  };

#ifdef __SANITIZE_ADDRESS__
  /* GTK's file chooser loads libcloudproviders, which leaks a path it builds; in the stack
   * LeakSanitizer records, only GLib's frames show, so no suppression can name it. */
  g_test_skip ("GTK's file chooser leaks through libcloudproviders under LeakSanitizer");
  return;
#endif
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *widget = g_object_ref_sink (mlr_demo_new (cases[i].kind, NULL, NULL));
      GtkWidget *dialog;

      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      ui_test_wait_ms (50);
      g_assert_true (gtk_widget_activate_action (widget, cases[i].action, NULL));
      ui_test_wait_ms (200);
      dialog = find_toplevel_titled (cases[i].title);
      g_assert_nonnull (dialog);
      g_assert_true (GTK_IS_DIALOG (dialog));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      ui_test_wait_ms (100);
      g_assert_null (find_toplevel_titled (cases[i].title));
      gtk_window_destroy (GTK_WINDOW (window));
      ui_test_wait_ms (20);
      g_assert_finalize_object (widget);
    }
}

/* A refused value leaves the parameter and the state as they were. */
static void
test_refused_value (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *widget = g_object_ref_sink (mlr_demo_new ("gradient-descent", NULL, NULL));
  MlrDemo *demo = MLR_DEMO (widget);
  g_autofree char *before = mlr_params_to_string (mlr_demo_get_params (demo));
  g_autofree char *after = NULL;

  g_assert_false (mlr_demo_set_param (demo, "lr", "NaN", &error));
  g_assert_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (mlr_demo_set_param (demo, "optimizer", "", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (mlr_demo_set_param (demo, "no-such-key", "1", &error));
  g_assert_error (error, MLR_PARAMS_ERROR, MLR_PARAMS_ERROR_UNKNOWN_KEY);
  after = mlr_params_to_string (mlr_demo_get_params (demo));
  g_assert_cmpstr (before, ==, after);
  g_assert_finalize_object (widget);
}

/* ---- keys */

static gboolean
listed (GPtrArray          *accels,
        GtkShortcutTrigger *trigger)
{
  for (guint i = 0; i < accels->len; i++)
    if (gtk_shortcut_trigger_equal (g_ptr_array_index (accels, i), trigger))
      return TRUE;
  return FALSE;
}

/* Every key a demo's canvas takes is in the shortcuts window (keypad twins and the Shift
 * spelling of a listed key aside). */
static void
test_shortcuts_window_lists_keys (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/mlroadmap/MLRoadmap/mlr-shortcuts-window.ui");
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *objects = gtk_builder_get_objects (builder);
  guint n;
  const MlrDemoKind *kinds = mlr_demo_registry_get (&n);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accel = NULL;
        g_auto(GStrv) parts = NULL;
        g_object_get (l->data, "accelerator", &accel, NULL);
        parts = g_strsplit (accel ? accel : "", " ", -1);
        for (guint i = 0; parts[i]; i++)
          if (*parts[i])
            g_ptr_array_add (accels, gtk_shortcut_trigger_parse_string (parts[i]));
      }
  g_slist_free (objects);

  mlr_demo_ensure_types ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (g_type_from_name (kinds[i].widget_type));
      GListModel *bindings = mlr_demo_class_get_canvas_bindings (MLR_DEMO_CLASS (klass));

      for (guint b = 0; b < g_list_model_get_n_items (bindings); b++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (bindings, b);
          GtkShortcutTrigger *t = gtk_shortcut_get_trigger (s);
          guint keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (t));
          GdkModifierType mods = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (t));
          g_autofree char *name = gtk_shortcut_trigger_to_string (t);
          const char *keyname = gdk_keyval_name (keyval);

          if (g_str_has_prefix (keyname, "KP_"))
            continue;
          if ((mods & GDK_SHIFT_MASK) && !listed (accels, t))
            {
              /* Shift+R is R, Shift+plus is plus, Shift+underscore is minus */
              guint lower = gdk_keyval_to_lower (keyval);
              g_autoptr(GtkShortcutTrigger) unshifted =
                gtk_keyval_trigger_new (lower != keyval ? lower
                                        : keyval == GDK_KEY_underscore ? GDK_KEY_minus : keyval,
                                        mods & ~GDK_SHIFT_MASK);
              if (listed (accels, unshifted))
                continue;
            }
          if (!listed (accels, t))
            g_error ("%s: the key %s is not in ui/gtk/help-overlay.ui", kinds[i].widget_type,
                     name);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int exit_status;

  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  if (!ui_test_init_display (&exit_status))
    return exit_status;

  g_test_add_func ("/demos/registry/rows-complete", test_rows_complete);
  g_test_add_func ("/demos/registry/param-specs", test_param_specs);
  g_test_add_func ("/demos/registry/showcases", test_showcases);
  g_test_add_func ("/demos/registry/metric-names", test_metric_names);
  g_test_add_func ("/demos/registry/renders", test_renders);
  g_test_add_func ("/demos/framework/generated-controls", test_generated_controls);
  g_test_add_func ("/demos/framework/refused-value", test_refused_value);
  g_test_add_func ("/demos/framework/csv-dialogs", test_csv_dialogs);
  g_test_add_func ("/demos/framework/shortcuts-window-lists-keys",
                   test_shortcuts_window_lists_keys);
  return g_test_run ();
}
