/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix painter's words: the read-out card of a wide picture (the matrix, where î and
 * ĵ land, the determinant, eigenvalues, singular values, the inverse) and the notes over the
 * plane (singular, no real eigenvectors, the inverse when there is no card).
 */
#include "config.h"

#include "mlr-matrix-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>

/* A 2×2 matrix in brackets at (x, y); returns its height. */
static double
draw_bracketed (cairo_t          *cr,
                const MlrPalette *palette,
                const MlrMat2    *m,
                double            x,
                double            y,
                double            scale)
{
  char cells[4][32];
  const double v[4] = { m->a, m->b, m->c, m->d };
  double cw[2] = { 0, 0 }, rh = 0, gap = 14;

  for (int i = 0; i < 4; i++)
    {
      double w, h;
      mlr_matrix_format_number (v[i], TRUE, cells[i], sizeof cells[i]);
      mlr_text_size (cr, palette, cells[i], scale, &w, &h);
      cw[i % 2] = MAX (cw[i % 2], w);
      rh = MAX (rh, h);
    }
  for (int i = 0; i < 4; i++)
    {
      double cx = x + 8 + (i % 2 ? cw[0] + gap : 0) + (i % 2 ? cw[1] : cw[0]);
      mlr_draw_text (cr, palette, &palette->foreground, cells[i], cx, y + (i / 2) * rh, 1, 0,
                     scale);
    }
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  mlr_cairo_set_color (cr, &palette->foreground);
  {
    double right = x + 16 + cw[0] + gap + cw[1], bottom = y + 2 * rh;
    cairo_move_to (cr, x + 5, y);
    cairo_line_to (cr, x + 1, y);
    cairo_line_to (cr, x + 1, bottom);
    cairo_line_to (cr, x + 5, bottom);
    cairo_move_to (cr, right - 4, y);
    cairo_line_to (cr, right, y);
    cairo_line_to (cr, right, bottom);
    cairo_line_to (cr, right - 4, bottom);
    cairo_stroke (cr);
  }
  cairo_restore (cr);
  return 2 * rh;
}

static double
card_row (cairo_t          *cr,
          const MlrPalette *palette,
          const char       *key,
          const char       *value,
          double            x,
          double            y)
{
  double w, h, h2;

  mlr_draw_text (cr, palette, &palette->dim, key, x, y, 0, 0, 0.85);
  mlr_text_size (cr, palette, key, 0.85, &w, &h);
  mlr_draw_text (cr, palette, &palette->foreground, value, x, y + h, 0, 0, 1.0);
  mlr_text_size (cr, palette, value, 1.0, &w, &h2);
  return h + h2 + 8;
}

void
mlr_matrix_draw_card (cairo_t               *cr,
                      const MlrMatrixLayout *layout,
                      const MlrPalette      *palette,
                      const MlrMatrixState  *state,
                      const MlrMat2         *m)
{
  gboolean singular = mlr_mat2_is_singular (m);
  MlrColor fg = palette->foreground, panel, area;
  MlrColor ihat = mlr_matrix_painter_ihat_color (palette);
  MlrColor jhat = mlr_matrix_painter_jhat_color (palette);
  MlrMat2Eigen eigen;
  MlrMat2Svd svd;
  g_autofree char *values = NULL;
  char num[32], num2[32], text[256];
  double x = layout->card_x + 14, y = layout->card_y + 14, h;
  double progress = mlr_matrix_state_get_progress (state);

  fg.a = 1;
  panel = mlr_color_mix (&palette->background, &fg, 0.04);
  cairo_save (cr);
  mlr_rounded_rect_path (cr, layout->card_x + 0.5, layout->card_y + 0.5, layout->card_w,
                         layout->card_h, 12);
  mlr_cairo_set_color (cr, &panel);
  cairo_fill_preserve (cr);
  mlr_cairo_set_color (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (progress < 1)
    {
      mlr_matrix_format_number (progress, FALSE, num, sizeof num);
      /* Translators: the card while the picture animates from the identity I to the
       * matrix A; %s is the time t, from 0 to 1 */
      g_snprintf (text, sizeof text, _("on the way from I to A: t = %s"), num);
    }
  else
    g_strlcpy (text, "A =", sizeof text);
  mlr_draw_text (cr, palette, &palette->dim, text, x, y, 0, 0, 0.85);
  y += 20;
  h = draw_bracketed (cr, palette, m, x, y, 1.15);
  y += h + 14;

  /* î and ĵ: the columns */
  for (int i = 0; i < 2; i++)
    {
      MlrColor *c = i == 0 ? &ihat : &jhat;
      mlr_matrix_format_number (i == 0 ? m->a : m->b, TRUE, num, sizeof num);
      mlr_matrix_format_number (i == 0 ? m->c : m->d, TRUE, num2, sizeof num2);
      /* Translators: where a basis vector (î or ĵ) goes: the matrix's column (x, y) */
      g_snprintf (text, sizeof text, _("%s lands on (%s, %s)"), i == 0 ? "î" : "ĵ", num, num2);
      cairo_save (cr);
      mlr_cairo_set_color (cr, c);
      cairo_set_line_width (cr, 3.5);
      cairo_move_to (cr, x, y + 9);
      cairo_line_to (cr, x + 18, y + 9);
      cairo_stroke (cr);
      cairo_restore (cr);
      mlr_draw_text (cr, palette, &palette->foreground, text, x + 26, y, 0, 0, 0.9);
      y += 22;
    }
  y += 8;

  area = mlr_matrix_painter_area_color (palette, singular ? 0 : mlr_mat2_det (m));
  mlr_matrix_format_number (singular ? 0 : mlr_mat2_det (m), TRUE, num, sizeof num);
  /* Translators: the determinant's value, and what its sign or zero means */
  g_snprintf (text, sizeof text,
              singular ? _("%s (singular)") : mlr_mat2_det (m) < 0 ? _("%s (flipped)") : "%s",
              num);
  cairo_save (cr);
  mlr_cairo_set_color (cr, &area);
  cairo_rectangle (cr, x - 8, y + 2, 3, 34);
  cairo_fill (cr);
  cairo_restore (cr);
  y += card_row (cr, palette, _("determinant"), text, x, y);

  mlr_mat2_eigen (m, &eigen);
  values = mlr_matrix_format_eigenvalues (&eigen, TRUE);
  y += card_row (cr, palette, eigen.is_complex ? _("eigenvalues (no real eigenvectors)")
                                               : _("eigenvalues"), values, x, y);
  mlr_mat2_svd (m, &svd);
  mlr_matrix_format_number (svd.sigma[0], TRUE, num, sizeof num);
  mlr_matrix_format_number (svd.sigma[1], TRUE, num2, sizeof num2);
  /* Translators: the two singular values */
  g_snprintf (text, sizeof text, _("%s and %s"), num, num2);
  y += card_row (cr, palette, _("singular values σ₁, σ₂"), text, x, y);

  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_INVERSE))
    {
      MlrMat2 inv;
      if (mlr_mat2_inverse (m, &inv, NULL))
        {
          mlr_draw_text (cr, palette, &palette->dim, _("inverse A⁻¹"), x, y, 0, 0, 0.85);
          y += 18;
          if (y + 40 < layout->card_y + layout->card_h)
            draw_bracketed (cr, palette, &inv, x, y, 1.0);
        }
      else
        card_row (cr, palette, _("inverse A⁻¹"), _("none: det = 0"), x, y);
    }
}

void
mlr_matrix_draw_notes (MlrLabels            *labels,
                       cairo_t              *cr,
                       const MlrPlot        *plot,
                       const MlrPalette     *palette,
                       const MlrMatrixState *state,
                       const MlrMat2        *m,
                       gboolean              singular,
                       gboolean              has_card)
{
  const char *notes[3];
  char *owned[3] = { NULL, NULL, NULL };
  guint n = 0;
  double y = plot->y0 + plot->h - 6;

  if (singular)
    {
      MlrMat2Svd svd;
      mlr_mat2_svd (m, &svd);
      notes[n++] = svd.sigma[0] > 0 ? _("singular: squashes the plane onto a line")
                                    : _("singular: squashes the plane onto a point");
    }
  if (mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_EIGEN))
    {
      MlrMat2Eigen eigen;
      mlr_mat2_eigen (m, &eigen);
      if (eigen.is_complex)
        {
          g_autofree char *values = mlr_matrix_format_eigenvalues (&eigen, TRUE);
          /* Translators: %s is the pair of complex eigenvalues, e.g. "0.4 ± 1.2i" */
          owned[n] = g_strdup_printf (_("no real eigenvectors: eigenvalues %s"), values);
          notes[n] = owned[n];
          n++;
        }
    }
  if (!has_card && mlr_matrix_state_shows (state, MLR_MATRIX_SHOW_INVERSE))
    {
      MlrMat2 inv;
      if (mlr_mat2_inverse (m, &inv, NULL))
        {
          g_autofree char *text = mlr_matrix_format_matrix (&inv, TRUE);
          owned[n] = g_strdup_printf ("A⁻¹ = %s", text);
        }
      else
        owned[n] = g_strdup (_("no inverse (det = 0)"));
      notes[n] = owned[n];
      n++;
    }
  for (guint i = n; i-- > 0;)
    {
      double tw, th;
      mlr_text_size (cr, palette, notes[i], LABEL_SCALE, &tw, &th);
      mlr_labels_add (labels, cr, palette,
                      i == 0 && singular ? &palette->warning : &palette->dim, notes[i],
                      plot->x0 + 8, y, 0, 1, plot);
      y -= th + 10;
    }
  for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
    g_free (owned[i]);
}
