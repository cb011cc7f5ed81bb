/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix demo widget in a real window (Xvfb in CI): dragging the î tip changes a and c
 * (snapped when snapping is on), typing an entry updates the matrix and the picture, text
 * that is not a number is refused with a message and never becomes NaN, presets set their
 * matrices, the keyboard selects and moves the tips, Space plays, R resets, the accessible
 * description follows, and reduced motion jumps to the end.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-matrix-demo.h"
#include "ui-test-init.h"

typedef struct {
  GtkWidget     *window;
  MlrMatrixDemo *demo;
  MlrBlock       block;
  GPtrArray     *params;
} Fixture;

static void
wait_for_draw (MlrMatrixDemo *demo)
{
  MlrDemoCanvas *canvas = mlr_demo_get_canvas (MLR_DEMO (demo));
  guint before = mlr_demo_canvas_get_draw_count (canvas);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  while (mlr_demo_canvas_get_draw_count (canvas) == before)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the canvas was never drawn");
    }
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
add_param (Fixture    *f,
           const char *key,
           const char *value)
{
  MlrDemoParam *p = g_new0 (MlrDemoParam, 1);

  p->key = g_strdup (key);
  p->value = g_strdup (value);
  g_ptr_array_add (f->params, p);
}

/* A window holding the demo for <demo kind="matrix" matrix=@matrix show=@show
 * animate="false">, built through the registry as a lesson page builds it. */
static void
fixture_open (Fixture    *f,
              const char *matrix,
              const char *show)
{
  GtkWidget *widget;

  memset (f, 0, sizeof *f);
  f->params = g_ptr_array_new_with_free_func (param_free);
  add_param (f, "matrix", matrix);
  add_param (f, "show", show);
  add_param (f, "animate", "false");
  f->block.kind = MLR_BLOCK_DEMO;
  f->block.demo_kind = (char *) "matrix";
  f->block.params = f->params;
  widget = mlr_demo_new_for_block (&f->block);
  g_assert_true (MLR_IS_MATRIX_DEMO (widget));
  f->demo = MLR_MATRIX_DEMO (widget);
  g_object_ref_sink (f->demo);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 780, 560);
  gtk_window_set_child (GTK_WINDOW (f->window), widget);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_draw (f->demo);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f->demo)))), >, 200);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->demo);
  g_ptr_array_unref (f->params);
}

static const MlrMat2 *
matrix_of (Fixture *f)
{
  return mlr_matrix_state_get_matrix (mlr_demo_get_state (MLR_DEMO (f->demo)));
}

static void
assert_matrix (Fixture *f,
               double   a,
               double   b,
               double   c,
               double   d,
               double   eps)
{
  const MlrMat2 *m = matrix_of (f);

  g_assert_cmpfloat_with_epsilon (m->a, a, eps);
  g_assert_cmpfloat_with_epsilon (m->b, b, eps);
  g_assert_cmpfloat_with_epsilon (m->c, c, eps);
  g_assert_cmpfloat_with_epsilon (m->d, d, eps);
}

static void
assert_description_contains (Fixture    *f,
                             const char *part)
{
  g_autofree char *text = mlr_matrix_demo_describe_state (mlr_demo_get_state (MLR_DEMO (f->demo)));

  GtkAccessible *canvas = GTK_ACCESSIBLE (mlr_demo_get_canvas (MLR_DEMO (f->demo)));
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  g_assert_nonnull (strstr (text, part));
  /* the description follows the state within DESCRIPTION_US (300 ms): screen readers get at
   * most one sentence a few times a second, always the last one */
  for (char *diff; (diff = gtk_test_accessible_check_property (canvas,
                                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                text)) != NULL &&
                   g_get_monotonic_time () < deadline;)
    {
      g_free (diff);
      g_main_context_iteration (NULL, FALSE);
    }
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
}

static void
test_drag_ihat (void)
{
  Fixture f;
  double px, py, tx, ty;
  guint draws;

  fixture_open (&f, "1,1,0,1", "grid,det");
  /* press on î's tip at A(1, 0) = (1, 0) and drag it to where (2, 1) is drawn */
  mlr_matrix_demo_data_to_canvas (f.demo, 1, 0, &px, &py);
  mlr_matrix_demo_data_to_canvas (f.demo, 2, 1, &tx, &ty);
  g_assert_true (mlr_matrix_demo_drag_begin (f.demo, px + 3, py - 2));
  draws = mlr_demo_canvas_get_draw_count (mlr_demo_get_canvas (MLR_DEMO (f.demo)));
  mlr_matrix_demo_drag_update (f.demo, tx - px, ty - py);
  wait_for_draw (f.demo);
  g_assert_cmpuint (mlr_demo_canvas_get_draw_count (
                      mlr_demo_get_canvas (MLR_DEMO (f.demo))), >, draws);
  mlr_matrix_demo_drag_end (f.demo);
  /* a and c follow (to within the 3 px the press was off the tip); b and d do not move */
  assert_matrix (&f, 2, 1, 1, 1, 0.05);
  g_assert_cmpfloat (gtk_spin_button_get_value (mlr_matrix_demo_get_entry (f.demo, 0)), ==,
                     matrix_of (&f)->a);
  g_assert_cmpfloat (gtk_spin_button_get_value (mlr_matrix_demo_get_entry (f.demo, 2)), ==,
                     matrix_of (&f)->c);
  g_assert_cmpint (mlr_matrix_state_get_selected (mlr_demo_get_state (MLR_DEMO (f.demo))), ==,
                   MLR_MATRIX_IHAT);

  fixture_close (&f);
}

static GtkToggleButton *
find_snap (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkToggleButton *found;
      if (GTK_IS_TOGGLE_BUTTON (c) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), "Snap") == 0)
        return GTK_TOGGLE_BUTTON (c);
      if ((found = find_snap (c)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_drag_snaps (void)
{
  Fixture f;
  GtkToggleButton *snap;
  double px, py, tx, ty;

  fixture_open (&f, "1,0,0,1", "grid");
  snap = find_snap (GTK_WIDGET (f.demo));
  g_assert_nonnull (snap);
  gtk_toggle_button_set_active (snap, TRUE);
  /* ĵ's tip, dragged to about (-1.1, 1.6): it lands on (-1, 1.5) */
  mlr_matrix_demo_data_to_canvas (f.demo, 0, 1, &px, &py);
  mlr_matrix_demo_data_to_canvas (f.demo, -1.1, 1.6, &tx, &ty);
  g_assert_true (mlr_matrix_demo_drag_begin (f.demo, px, py));
  mlr_matrix_demo_drag_update (f.demo, (tx - px) / 2, (ty - py) / 2);
  mlr_matrix_demo_drag_update (f.demo, tx - px, ty - py);
  mlr_matrix_demo_drag_end (f.demo);
  assert_matrix (&f, 1, -1, 0, 1.5, 1e-12);
  g_assert_cmpint (mlr_matrix_state_get_selected (mlr_demo_get_state (MLR_DEMO (f.demo))), ==,
                   MLR_MATRIX_JHAT);
  assert_description_contains (&f, "Matrix [[1, -1], [0, 1.5]]: determinant 1.5");
  /* and the arrow keys now move by 0.5 */
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Left, 0));
  assert_matrix (&f, 1, -1.5, 0, 1.5, 1e-12);

  /* a press away from both tips grabs nothing and changes nothing */
  mlr_matrix_demo_data_to_canvas (f.demo, -2, -2, &px, &py);
  g_assert_false (mlr_matrix_demo_drag_begin (f.demo, px, py));
  mlr_matrix_demo_drag_update (f.demo, 50, 50);
  mlr_matrix_demo_drag_end (f.demo);
  assert_matrix (&f, 1, -1.5, 0, 1.5, 1e-12);
  fixture_close (&f);
}

static void
type_into (GtkSpinButton *spin,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
}

static void
test_typed_entries (void)
{
  Fixture f;
  GtkSpinButton *b;
  guint draws;
  MlrDemoCanvas *canvas;
  const char *bad[] = { "abc", "", "nan", "inf", "1e999", "2..5", "500", "-100.5" };

  fixture_open (&f, "1,1,0,1", "grid,det,inverse");
  canvas = mlr_demo_get_canvas (MLR_DEMO (f.demo));
  b = mlr_matrix_demo_get_entry (f.demo, 1);
  draws = mlr_demo_canvas_get_draw_count (canvas);
  type_into (b, "2.5");
  assert_matrix (&f, 1, 2.5, 0, 1, 1e-12);
  wait_for_draw (f.demo);
  g_assert_cmpuint (mlr_demo_canvas_get_draw_count (canvas), >, draws);
  g_assert_null (mlr_matrix_demo_get_message (f.demo));
  /* the read-out and the description follow */
  g_assert_cmpstr (mlr_matrix_demo_get_info (f.demo, 0), ==, "1");
  g_assert_cmpstr (mlr_matrix_demo_get_info (f.demo, 3), ==, "[[1, −2.5], [0, 1]]");
  assert_description_contains (&f, "Matrix [[1, 2.5], [0, 1]]");

  /* the typographic minus and a decimal comma are fine */
  type_into (mlr_matrix_demo_get_entry (f.demo, 2), "−0,5");
  assert_matrix (&f, 1, 2.5, -0.5, 1, 1e-12);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type_into (b, bad[i]);
      /* refused: a message says why, the entry shows the old value, the matrix is intact */
      g_assert_nonnull (mlr_matrix_demo_get_message (f.demo));
      assert_matrix (&f, 1, 2.5, -0.5, 1, 1e-12);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (b)), ==, "2.5");
      g_assert_true (isfinite (gtk_spin_button_get_value (b)));
    }
  g_assert_nonnull (strstr (mlr_matrix_demo_get_message (f.demo), "out of range"));
  type_into (b, "abc");
  g_assert_nonnull (strstr (mlr_matrix_demo_get_message (f.demo), "not a number"));
  type_into (b, "-3");
  g_assert_null (mlr_matrix_demo_get_message (f.demo));
  assert_matrix (&f, 1, -3, -0.5, 1, 1e-12);

  /* focus leaving an entry re-reads its (rounded) text: the exact value must survive */
  gtk_spin_button_set_value (mlr_matrix_demo_get_entry (f.demo, 3), 0.8660254);
  gtk_spin_button_update (mlr_matrix_demo_get_entry (f.demo, 3));
  g_assert_cmpfloat (matrix_of (&f)->d, ==, 0.8660254);

  /* a singular matrix: the read-out says so */
  type_into (mlr_matrix_demo_get_entry (f.demo, 0), "2");
  type_into (mlr_matrix_demo_get_entry (f.demo, 1), "4");
  type_into (mlr_matrix_demo_get_entry (f.demo, 2), "1");
  type_into (mlr_matrix_demo_get_entry (f.demo, 3), "2");
  g_assert_nonnull (strstr (mlr_matrix_demo_get_info (f.demo, 0), "singular"));
  g_assert_cmpstr (mlr_matrix_demo_get_info (f.demo, 3), ==, "none (det = 0)");
  assert_description_contains (&f, "no inverse");
  fixture_close (&f);
}

static void
test_presets (void)
{
  Fixture f;
  GtkDropDown *preset;
  GtkSpinButton *angle;

  fixture_open (&f, "0.8660254,-0.5,0.5,0.8660254", "grid,det");
  preset = mlr_matrix_demo_get_preset (f.demo);
  angle = mlr_matrix_demo_get_angle (f.demo);
  /* the lesson's matrix is recognised as a 30° rotation */
  g_assert_cmpuint (gtk_drop_down_get_selected (preset), ==, 1 + MLR_MATRIX_PRESET_ROTATION);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (angle), 30, 1e-4);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (angle)));
  /* ...and recognising it did not change it */
  assert_matrix (&f, 0.8660254, -0.5, 0.5, 0.8660254, 1e-12);

  gtk_drop_down_set_selected (preset, 1 + MLR_MATRIX_PRESET_SHEAR);
  assert_matrix (&f, 1, 1, 0, 1, 1e-12);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (angle)));
  gtk_drop_down_set_selected (preset, 1 + MLR_MATRIX_PRESET_SCALE);
  assert_matrix (&f, 1.5, 0, 0, 0.5, 1e-12);
  gtk_drop_down_set_selected (preset, 1 + MLR_MATRIX_PRESET_IDENTITY);
  assert_matrix (&f, 1, 0, 0, 1, 1e-12);
  gtk_spin_button_set_value (angle, 90);
  gtk_drop_down_set_selected (preset, 1 + MLR_MATRIX_PRESET_ROTATION);
  assert_matrix (&f, 0, -1, 1, 0, 1e-12);
  /* the angle drives the angled presets */
  gtk_spin_button_set_value (angle, 45);
  assert_matrix (&f, G_SQRT2 / 2, -G_SQRT2 / 2, G_SQRT2 / 2, G_SQRT2 / 2, 1e-12);
  gtk_drop_down_set_selected (preset, 1 + MLR_MATRIX_PRESET_REFLECTION);
  assert_matrix (&f, 0, 1, 1, 0, 1e-12);
  gtk_drop_down_set_selected (preset, 1 + MLR_MATRIX_PRESET_PROJECTION);
  assert_matrix (&f, 0.5, 0.5, 0.5, 0.5, 1e-12);
  g_assert_true (mlr_mat2_is_singular (matrix_of (&f)));
  /* the entries show the preset */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mlr_matrix_demo_get_entry (f.demo, 0))),
                   ==, "0.5");
  /* editing by hand makes it a custom matrix */
  type_into (mlr_matrix_demo_get_entry (f.demo, 0), "3");
  g_assert_cmpuint (gtk_drop_down_get_selected (preset), ==, 0);
  fixture_close (&f);
}

static void
test_keyboard (void)
{
  Fixture f;

  fixture_open (&f, "1,1,0,1", "grid,det");
  gtk_widget_grab_focus (GTK_WIDGET (mlr_demo_get_canvas (MLR_DEMO (f.demo))));
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Right, 0));
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Up, 0));
  assert_matrix (&f, 1.1, 1, 0.1, 1, 1e-12);
  assert_description_contains (&f, "i-hat selected at (1.1, 0.1)");

  /* 2 selects ĵ, 1 selects î; Tab goes î -> ĵ, and from ĵ lets focus move on */
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_2, 0));
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Down, 0));
  assert_matrix (&f, 1.1, 1, 0.1, 0.9, 1e-12);
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_1, 0));
  g_assert_cmpint (mlr_matrix_state_get_selected (mlr_demo_get_state (MLR_DEMO (f.demo))), ==,
                   MLR_MATRIX_IHAT);
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Tab, 0));
  g_assert_cmpint (mlr_matrix_state_get_selected (mlr_demo_get_state (MLR_DEMO (f.demo))), ==,
                   MLR_MATRIX_JHAT);
  g_assert_false (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Tab, 0));
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpint (mlr_matrix_state_get_selected (mlr_demo_get_state (MLR_DEMO (f.demo))), ==,
                   MLR_MATRIX_IHAT);
  g_assert_false (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  /* shortcuts with Ctrl belong to the window */
  g_assert_false (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Left, GDK_CONTROL_MASK));

  /* R: back to the lesson's matrix */
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_r, 0));
  assert_matrix (&f, 1, 1, 0, 1, 1e-12);
  assert_description_contains (&f, "Matrix [[1, 1], [0, 1]]: determinant 1, eigenvalue 1 "
                                   "(repeated), singular values 1.62 and 0.62");

  /* Space plays from the identity, and again pauses */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_space, 0));
  g_assert_true (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (mlr_demo_get_state (MLR_DEMO (f.demo))), <, 1);
  wait_for_draw (f.demo);
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_space, 0));
  g_assert_false (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  /* an arrow key ends the animation: the edit applies to A */
  g_assert_true (mlr_demo_activate_canvas_key (MLR_DEMO (f.demo), GDK_KEY_Right, 0));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (mlr_demo_get_state (MLR_DEMO (f.demo))), ==, 1);
  assert_matrix (&f, 1.1, 1, 0, 1, 1e-12);
  fixture_close (&f);
}

static void
test_animation_runs_to_the_end (void)
{
  Fixture f;
  gint64 deadline;

  fixture_open (&f, "0,-1,1,0", "grid,det");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  mlr_demo_set_playing (MLR_DEMO (f.demo), TRUE);
  g_assert_true (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (mlr_demo_get_playing (MLR_DEMO (f.demo)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (mlr_demo_get_state (MLR_DEMO (f.demo))), ==, 1);

  /* reduced motion: playing jumps straight to A */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  mlr_demo_set_playing (MLR_DEMO (f.demo), TRUE);
  g_assert_false (mlr_demo_get_playing (MLR_DEMO (f.demo)));
  g_assert_cmpfloat (mlr_matrix_state_get_progress (mlr_demo_get_state (MLR_DEMO (f.demo))), ==, 1);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  fixture_close (&f);
}

static void
test_show_toggles (void)
{
  Fixture f;
  GtkToggleButton *eigen, *grid;
  const MlrMatrixState *state;

  fixture_open (&f, "2,1,1,2", "grid,det");
  state = mlr_demo_get_state (MLR_DEMO (f.demo));
  eigen = mlr_matrix_demo_get_show_toggle (f.demo, MLR_MATRIX_SHOW_EIGEN);
  grid = mlr_matrix_demo_get_show_toggle (f.demo, MLR_MATRIX_SHOW_GRID);
  /* the toggles start as the lesson's show= says */
  g_assert_true (gtk_toggle_button_get_active (grid));
  g_assert_false (gtk_toggle_button_get_active (eigen));
  gtk_toggle_button_set_active (eigen, TRUE);
  g_assert_true (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN));
  gtk_toggle_button_set_active (grid, FALSE);
  g_assert_false (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_GRID));
  wait_for_draw (f.demo);
  g_assert_cmpstr (mlr_matrix_demo_get_info (f.demo, 1), ==, "3 and 1");
  g_assert_cmpstr (mlr_matrix_demo_get_info (f.demo, 2), ==, "3, 1");
  fixture_close (&f);
}

static void
test_picture_matches_painter (void)
{
  Fixture f;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "mlr-test-matrix-demo.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png;
  MlrDemoCanvas *canvas;
  double px, py;
  const guint8 *data;
  guint32 v;

  fixture_open (&f, "0,1,1,0", "det");
  canvas = mlr_demo_get_canvas (MLR_DEMO (f.demo));
  /* what the canvas exports is what it paints: the flipped square in orange */
  g_assert_true (mlr_demo_canvas_export (canvas, path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  mlr_matrix_demo_data_to_canvas (f.demo, 0.75, 0.25, &px, &py);
  data = cairo_image_surface_get_data (png);
  v = *(const guint32 *) (data + (int) py * cairo_image_surface_get_stride (png) + (int) px * 4);
  g_assert_cmpint ((v >> 16) & 0xff, >, (v & 0xff) + 20);   /* red over blue: orange */
  cairo_surface_destroy (png);
  g_unlink (path);
  fixture_close (&f);
}

int
main (int    argc,
      char **argv)
{
  int exit_status;
  /* GTK's in-process test accessibility backend, so the description can be read back */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&exit_status))
    return exit_status;
  g_test_add_func ("/demos/matrix/drag-ihat", test_drag_ihat);
  g_test_add_func ("/demos/matrix/drag-snaps", test_drag_snaps);
  g_test_add_func ("/demos/matrix/typed-entries", test_typed_entries);
  g_test_add_func ("/demos/matrix/presets", test_presets);
  g_test_add_func ("/demos/matrix/keyboard", test_keyboard);
  g_test_add_func ("/demos/matrix/animation-runs-to-the-end", test_animation_runs_to_the_end);
  g_test_add_func ("/demos/matrix/show-toggles", test_show_toggles);
  g_test_add_func ("/demos/matrix/picture-matches-painter", test_picture_matches_painter);
  return g_test_run ();
}
