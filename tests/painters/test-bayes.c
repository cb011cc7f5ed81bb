/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "bayes" demo's state and picture: whole people that add up to 10,000 and stay within
 * one of the expected counts; a grid in which the pointer finds, square by square, exactly
 * as many people of each kind as the state holds; and a picture whose positive block is
 * painted in the colours of its two kinds.
 */
#include "config.h"

#include <math.h>

#include "painters/mlr-bayes-painter.h"
#include "painters/mlr-demo-registry.h"

static MlrBayesState *
state_for (const char *prior,
           const char *sens,
           const char *spec)
{
  g_autoptr(MlrParams) params = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("bayes"));

  g_assert_true (mlr_params_set (params, "prior", prior, NULL));
  g_assert_true (mlr_params_set (params, "sensitivity", sens, NULL));
  g_assert_true (mlr_params_set (params, "specificity", spec, NULL));
  return mlr_bayes_state_new (params, NULL);
}

static void
test_people_add_up (void)
{
  static const char * const cases[][3] = {
    { "0.01", "0.9", "0.95" }, { "0.0001", "0.333", "0.777" }, { "0.9999", "1", "1" },
    { "0.1234", "0.5555", "0.6666" }, { "0.5", "0.5", "0.5" }, { "0.0001", "0.01", "0.01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MlrBayesState) s = state_for (cases[i][0], cases[i][1], cases[i][2]);
      guint total = 0;

      for (guint c = 0; c < MLR_BAYES_N_CELLS; c++)
        {
          double expected = mlr_bayes_state_get_expected (s, c);
          guint people = mlr_bayes_state_get_people (s, c);
          g_assert_cmpfloat (fabs (people - expected), <, 1.0);
          total += people;
        }
      g_assert_cmpuint (total, ==, MLR_BAYES_POPULATION);
    }
}

/* Every square the pointer can land on belongs to the right kind, as many as there are. */
static void
test_grid_hits_count_people (void)
{
  g_autoptr(MlrBayesState) s = state_for ("0.02", "0.85", "0.9");
  MlrBayesLayout L;
  guint seen[MLR_BAYES_N_CELLS] = { 0 };

  guint pos = mlr_bayes_state_get_people (s, MLR_BAYES_TRUE_POSITIVE) +
              mlr_bayes_state_get_people (s, MLR_BAYES_FALSE_POSITIVE);
  guint neg_columns = (MLR_BAYES_POPULATION - pos + 99) / 100;

  mlr_bayes_painter_layout (1280, 800, s, &L);
  g_assert_cmpfloat (L.cell, >=, 2);
  /* the centre of every square of both blocks */
  for (guint row = 0; row < 100; row++)
    {
      for (guint col = 0; col < L.pos_columns; col++)
        {
          int hit = mlr_bayes_painter_hit (&L, s, L.x0 + (col + 0.5) * L.cell,
                                           L.y0 + (row + 0.5) * L.cell);
          if (hit >= 0)
            seen[hit]++;
        }
      for (guint col = 0; col < neg_columns; col++)
        {
          int hit = mlr_bayes_painter_hit (&L, s,
                                           L.x0 + L.pos_columns * L.cell + L.gap +
                                           (col + 0.5) * L.cell,
                                           L.y0 + (row + 0.5) * L.cell);
          if (hit >= 0)
            seen[hit]++;
        }
    }
  for (guint c = 0; c < MLR_BAYES_N_CELLS; c++)
    g_assert_cmpuint (seen[c], ==, mlr_bayes_state_get_people (s, c));
  /* the gap between the blocks and the panel are nobody */
  g_assert_cmpint (mlr_bayes_painter_hit (&L, s, L.x0 + L.pos_columns * L.cell + L.gap / 2,
                                          L.y0 + 5), ==, -1);
  g_assert_cmpint (mlr_bayes_painter_hit (&L, s, L.panel_x + 10, L.y0 + 5), ==, -1);
}

/* The first positive square is a true positive, painted in its colour. */
static void
test_picture (void)
{
  g_autoptr(MlrBayesState) s = state_for ("0.01", "0.9", "0.95");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  MlrPalette palette;
  MlrBayesLayout L;
  MlrColor want = { 0 };
  const guint8 *data;
  guint32 px;
  int x, y;

  mlr_palette_init_default (&palette, FALSE);
  mlr_cairo_set_color (cr, &palette.background);
  cairo_paint (cr);
  mlr_bayes_painter_draw (cr, 1280, 800, &palette, s, -1);
  cairo_surface_flush (surface);
  mlr_bayes_painter_layout (1280, 800, s, &L);
  want = mlr_bayes_cell_color (&palette, MLR_BAYES_TRUE_POSITIVE);
  x = (int) (L.x0 + L.cell / 2);
  y = (int) (L.y0 + L.cell / 2);
  data = cairo_image_surface_get_data (surface);
  px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  g_assert_cmpint (abs ((int) ((px >> 16) & 0xff) - (int) round (want.r * 255)), <=, 1);
  g_assert_cmpint (abs ((int) ((px >> 8) & 0xff) - (int) round (want.g * 255)), <=, 1);
  g_assert_cmpint (abs ((int) (px & 0xff) - (int) round (want.b * 255)), <=, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_percent_format (void)
{
  const struct { double v; const char *text; } cases[] = {
    { 0.153846, "15.4%" }, { 0.0177, "1.77%" }, { 0.99999, "99.999%" }, { 1, "100%" },
    { 0.999, "99.9%" }, { 1e-7, "1e-05%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mlr_bayes_format_percent (cases[i].v);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  g_test_add_func ("/painters/bayes/people-add-up", test_people_add_up);
  g_test_add_func ("/painters/bayes/grid-hits-count-people", test_grid_hits_count_people);
  g_test_add_func ("/painters/bayes/picture", test_picture);
  g_test_add_func ("/painters/bayes/percent-format", test_percent_format);
  return g_test_run ();
}
