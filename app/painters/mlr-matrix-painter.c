/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix painter's entry points: the colours it gives meaning to, the layout, and the
 * frame, which paints the layers of the plane (mlr-matrix-painter-layers.c) and the read-out
 * card and notes (mlr-matrix-painter-card.c).
 */
#include "config.h"

#include "mlr-matrix-painter.h"
#include "mlr-matrix-painter-private.h"

#include <math.h>
#include <string.h>

#define PAD 10.0
#define CARD_MIN_WIDTH 640

/* ---- colours */

MlrColor
mlr_matrix_painter_area_color (const MlrPalette *palette,
                               double            det)
{
  /* Orientation kept: the accent; flipped: Okabe-Ito orange, which stays distinct from the
   * accent blue for every common colour-vision deficiency. */
  if (det > 0)
    return palette->accent;
  if (det < 0)
    return palette->classes[1];
  return palette->dim;
}

MlrColor
mlr_matrix_painter_ihat_color (const MlrPalette *palette)
{
  return palette->classes[2];   /* bluish green */
}

MlrColor
mlr_matrix_painter_jhat_color (const MlrPalette *palette)
{
  return palette->classes[5];   /* vermillion */
}

/* ---- layout */

/**
 * mlr_matrix_painter_layout:
 * Where the plane goes in a @width x @height picture: the square [-r, r]² of the state's view
 * radius, centred, equal aspect (a wide picture shows more of the plane sideways, and gives
 * its left strip to the read-out card).
 */
void
mlr_matrix_painter_layout (int                   width,
                           int                   height,
                           const MlrMatrixState *state,
                           MlrMatrixLayout      *layout)
{
  double r = mlr_matrix_state_get_view_radius (state);
  double x0 = PAD, w = width - 2 * PAD, h = height - 2 * PAD;

  memset (layout, 0, sizeof *layout);
  if (width >= CARD_MIN_WIDTH && width >= 1.3 * height)
    {
      layout->has_card = TRUE;
      layout->card_x = PAD;
      layout->card_y = PAD;
      layout->card_w = CLAMP (width * 0.2, 210, 260);
      layout->card_h = h;
      x0 = layout->card_x + layout->card_w + PAD;
      w = width - x0 - PAD;
    }
  mlr_plot_init (&layout->plot, x0, PAD, MAX (w, 1), MAX (h, 1), -r, r, -r, r, TRUE);
}

/* Grid spacing in data units: 1 while it leaves room, else 2, 5, 10... so no more than about
 * a dozen lines each side of the origin. */
static double
grid_step (const MlrPlot *plot)
{
  static const double steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };
  double extent = MAX (plot->xmax - plot->xmin, plot->ymax - plot->ymin) / 2;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (extent / steps[i] <= 12)
      return steps[i];
  return 1000;
}

/* ---- entry points */

/**
 * mlr_matrix_painter_draw:
 * Paints the plane under the state's current matrix (A, or M(t) while animating) into a
 * @width x @height area of @cr, over a background the caller has painted.
 */
void
mlr_matrix_painter_draw (cairo_t              *cr,
                         int                   width,
                         int                   height,
                         const MlrPalette     *palette,
                         const MlrMatrixState *state)
{
  MlrMatrixLayout layout;
  const MlrPlot *plot = &layout.plot;
  MlrMat2 m = mlr_matrix_state_get_current (state);
  gboolean singular = mlr_mat2_is_singular (&m);
  gboolean highlight = mlr_matrix_state_get_highlight (state);
  MlrMatrixVector selected = mlr_matrix_state_get_selected (state);
  MlrColor ihat = mlr_matrix_painter_ihat_color (palette);
  MlrColor jhat = mlr_matrix_painter_jhat_color (palette);
  MlrVec2 col1 = { m.a, m.c }, col2 = { m.b, m.d };
  g_autoptr(MlrLabels) labels = mlr_labels_new (LABEL_SCALE);
  double g;

  if (width < 16 || height < 16)
    return;
  mlr_matrix_painter_layout (width, height, state, &layout);
  g = grid_step (plot);

  cairo_save (cr);
  mlr_plot_clip (cr, plot);
  mlr_matrix_draw_original_grid (cr, plot, palette, g,
                                 mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_GRID));
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_DET))
    mlr_matrix_draw_area (cr, plot, palette, &m, singular, FALSE);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_GRID))
    mlr_matrix_draw_warped_grid (cr, plot, palette, &m, g);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_DET))
    mlr_matrix_draw_area (cr, plot, palette, &m, singular, TRUE);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_POINTS))
    mlr_matrix_draw_points (cr, plot, palette, state, &m);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_SVD))
    mlr_matrix_draw_svd (NULL, cr, plot, palette, &m);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN))
    mlr_matrix_draw_eigen (NULL, cr, plot, palette, &m);
  /* the selected vector last, so it is on top where the two cross */
  for (int i = 0; i < 2; i++)
    {
      gboolean is_i = (i == 1) == (selected == MLR_MATRIX_IHAT);
      mlr_matrix_draw_basis_vector (NULL, cr, plot, palette, is_i ? col1 : col2,
                                    is_i ? &ihat : &jhat, is_i ? "î" : "ĵ", highlight && i == 1);
    }

  /* Labels by importance: notes, then î and ĵ, the area, eigenvalues, singular values; a
   * later one moves aside for an earlier one. */
  for (int i = 0; i < 2; i++)
    {
      double x, y;
      mlr_matrix_to_px (plot, i == 0 ? col1 : col2, &x, &y);
      mlr_labels_avoid (labels, x, y, 8);
    }
  mlr_matrix_draw_notes (labels, cr, plot, palette, state, &m, singular, layout.has_card);
  mlr_matrix_draw_basis_vector (labels, cr, plot, palette, col1, &ihat, "î", FALSE);
  mlr_matrix_draw_basis_vector (labels, cr, plot, palette, col2, &jhat, "ĵ", FALSE);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_DET))
    mlr_matrix_label_area (labels, cr, plot, palette, &m, singular);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN))
    mlr_matrix_draw_eigen (labels, cr, plot, palette, &m);
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_SVD))
    mlr_matrix_draw_svd (labels, cr, plot, palette, &m);
  mlr_labels_draw (labels, cr, palette);
  cairo_restore (cr);

  if (layout.has_card)
    mlr_matrix_draw_card (cr, &layout, palette, state, &m);
}

/**
 * mlr_matrix_render:
 * The MlrRenderFunc of `ml-roadmap-cli render matrix`: the state from @params, shown at the
 * end of its animation (t = 1, the matrix itself), as the app shows it once it has played.
 */
gboolean
mlr_matrix_render (cairo_t           *cr,
                   int                width,
                   int                height,
                   const MlrPalette  *palette,
                   const MlrParams   *params,
                   GError           **error)
{
  g_autoptr(MlrMatrixState) state = mlr_matrix_state_new (params, error);

  if (state == NULL)
    return FALSE;
  mlr_matrix_state_finish (state);
  mlr_matrix_painter_draw (cr, width, height, palette, state);
  return TRUE;
}
