/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decision-boundary painter's words and numbers: the title strip, the train and test
 * accuracy, the confusion matrix, an mlp's loss per epoch, the legend, and the notes.
 */
#include "config.h"

#include "mlr-boundary-painter-private.h"

#include <glib/gi18n.h>
#include <math.h>

void
mlr_boundary_draw_header (cairo_t                         *cr,
                          const MlrPalette                *palette,
                          const MlrBoundaryState          *state,
                          const MlrBoundaryLayout         *L,
                          const MlrBoundaryPainterOptions *options,
                          int                              width)
{
  g_autofree char *model = mlr_boundary_state_model_title (state);
  /* Translators: the title of the decision-boundary demo: a model on a dataset, e.g.
   * "SVM (rbf) on circles" */
  g_autofree char *title = g_strdup_printf (_("%s on %s"), model,
                                            mlr_boundary_state_data_title (state));
  g_autofree char *right = NULL;
  guint n = mlr_boundary_state_get_n_points (state), n_test = 0;
  double rw, rh;

  for (guint i = 0; i < n; i++)
    n_test += mlr_boundary_state_is_test (state, i);
  if (options->busy)
    right = g_strdup_printf (_("updating…  %u points"), n);
  else
    right = g_strdup_printf (_("%u points: %u train, %u test"), n, n - n_test, n_test);
  mlr_text_size (cr, palette, right, 0.85, &rw, &rh);
  mlr_draw_text_fit (cr, palette, &palette->foreground, title, PAD, L->header_h / 2,
                     width - 3 * PAD - rw, 0, 0.5, 1.0);
  mlr_draw_text (cr, palette, &palette->dim, right, width - PAD, L->header_h / 2, 1, 0.5, 0.85);
}

void
mlr_boundary_draw_scores (cairo_t                 *cr,
                          const MlrPalette        *palette,
                          const MlrBoundaryResult *r,
                          const MlrBoundaryRect   *R)
{
  static const char * const names[2] = { N_("Train accuracy"), N_("Test accuracy") };
  double lh = mlr_text_line_height (palette, 0.85);

  for (int k = 0; k < 2; k++)
    {
      double x = R->x + k * R->w / 2;
      guint correct = r ? (k == 0 ? r->train_correct : r->test_correct) : 0;
      guint total = r ? (k == 0 ? r->n_train : r->n_test) : 0;
      g_autofree char *pct = r ? mlr_boundary_format_percent (correct, total) : g_strdup ("…");
      g_autofree char *counts = NULL;

      if (r == NULL)
        counts = g_strdup ("");
      else if (total == 0)
        counts = g_strdup (k == 0 ? _("no training points") : _("no test points"));
      else
        /* Translators: how many points of a set the model gets right, e.g. "125 of 140" */
        counts = g_strdup_printf (_("%u of %u"), correct, total);
      mlr_draw_text_fit (cr, palette, &palette->dim, _(names[k]), x, R->y, R->w / 2 - 4, 0, 0,
                         0.85);
      mlr_draw_text (cr, palette, &palette->foreground, pct, x, R->y + lh, 0, 0, 1.55);
      mlr_draw_text_fit (cr, palette, &palette->dim, counts, x,
                         R->y + lh + mlr_text_line_height (palette, 1.55) - 2, R->w / 2 - 4, 0, 0,
                         0.8);
    }
}

void
mlr_boundary_draw_confusion (cairo_t                 *cr,
                             const MlrPalette        *palette,
                             const MlrBoundaryResult *r,
                             guint                    K,
                             const MlrBoundaryRect   *R)
{
  double lh = mlr_text_line_height (palette, 0.9), cell;
  double size = mlr_boundary_confusion_size (palette, K, MIN (R->w, R->h - 2 * lh), &cell);
  double gx = R->x + (size - K * cell), gy = R->y + 2 * lh + (size - K * cell);
  MlrColor good = mlr_boundary_opaque (palette->success);
  MlrColor bad = mlr_boundary_opaque (palette->error);
  MlrColor bg = mlr_boundary_opaque (palette->background);
  double font = CLAMP (cell / 26, 0.6, 0.85);

  mlr_draw_text_fit (cr, palette, &palette->dim,
                     r && !r->confusion_is_test ? _("Confusion matrix (train set: no test points)")
                                                : _("Confusion matrix (test set)"),
                     R->x, R->y, R->w, 0, 0, 0.85);
  mlr_draw_text_fit (cr, palette, &palette->dim, _("rows: true class · columns: predicted"),
                     R->x, R->y + lh - 2, R->w, 0, 0, 0.75);
  /* class swatches along the top (predicted) and the left (true) */
  for (guint c = 0; c < K; c++)
    {
      MlrColor col = mlr_boundary_opaque (mlr_boundary_class_color (palette, c));
      mlr_cairo_set_color (cr, &col);
      cairo_rectangle (cr, gx + c * cell + cell / 2 - 4, gy - 12, 8, 8);
      cairo_rectangle (cr, gx - 12, gy + c * cell + cell / 2 - 4, 8, 8);
      cairo_fill (cr);
    }
  for (guint t = 0; t < K; t++)
    {
      guint row = 0;
      for (guint p = 0; p < K; p++)
        row += r ? r->confusion[t * K + p] : 0;
      for (guint p = 0; p < K; p++)
        {
          guint count = r ? r->confusion[t * K + p] : 0;
          double frac = row > 0 ? (double) count / row : 0;
          MlrColor fill = mlr_color_mix (&bg, t == p ? &good : &bad,
                                         count > 0 ? 0.15 + 0.6 * frac : 0.03);
          char buf[16];
          MlrColor text;

          mlr_cairo_set_color (cr, &fill);
          cairo_rectangle (cr, gx + p * cell + 1, gy + t * cell + 1, cell - 2, cell - 2);
          cairo_fill (cr);
          if (r == NULL)
            continue;
          g_snprintf (buf, sizeof buf, "%u", count);
          text = mlr_color_luminance (&fill) > 0.45 ? (MlrColor) { 0, 0, 0, 0.87 }
                                                    : (MlrColor) { 1, 1, 1, 1 };
          mlr_draw_text (cr, palette, &text, buf, gx + (p + 0.5) * cell, gy + (t + 0.5) * cell,
                         0.5, 0.5, font);
        }
    }
}

void
mlr_boundary_draw_loss_chart (cairo_t                 *cr,
                              const MlrPalette        *palette,
                              const MlrBoundaryResult *r,
                              const MlrPlot           *frame)
{
  MlrPlot chart = *frame;
  double lo = G_MAXDOUBLE, hi = 0;
  guint n_max;
  g_autofree char *epoch = NULL;
  MlrColor test_color = mlr_boundary_opaque (palette->classes[5]);
  const double *series[2];
  guint lens[2];

  if (r == NULL || r->model != MLR_MODEL_MLP)
    {
      mlr_draw_text (cr, palette, &palette->dim, _("Training…"), chart.x0, chart.y0 - 4, 0, 1,
                     0.85);
      return;
    }
  series[0] = r->loss;
  series[1] = r->val_loss;
  lens[0] = r->n_loss;
  lens[1] = r->n_val_loss;
  for (int s = 0; s < 2; s++)
    for (guint i = 0; i < lens[s]; i++)
      if (isfinite (series[s][i]) && series[s][i] > 0)
        {
          lo = MIN (lo, series[s][i]);
          hi = MAX (hi, series[s][i]);
        }
  n_max = MAX (MAX (r->max_epochs, r->n_loss), 1);
  if (r->training_done && r->epoch < r->max_epochs)
    epoch = g_strdup_printf (_("Epoch %u of %u (the loss settled)"), r->epoch, r->max_epochs);
  else
    epoch = g_strdup_printf (_("Epoch %u of %u"), r->epoch, r->max_epochs);
  mlr_draw_text (cr, palette, &palette->foreground, epoch, chart.x0 - 30, chart.y0 - 4, 0, 1,
                 0.85);
  if (hi <= 0)
    {
      lo = 0.1;
      hi = 1;
    }
  if (hi / lo < 1.5)
    {
      hi *= 1.2;
      lo /= 1.2;
    }
  chart.xmin = 0;
  chart.xmax = n_max;
  chart.ymin = lo;
  chart.ymax = hi;
  chart.log_y = TRUE;

  cairo_save (cr);
  mlr_cairo_set_color_alpha (cr, &palette->dim, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, round (chart.x0) + 0.5, round (chart.y0) + 0.5, round (chart.w),
                   round (chart.h));
  cairo_stroke (cr);
  {
    char buf[32];
    g_snprintf (buf, sizeof buf, "%.2g", hi);
    mlr_draw_text (cr, palette, &palette->dim, buf, chart.x0 - 3, chart.y0, 1, 0, 0.75);
    g_snprintf (buf, sizeof buf, "%.2g", lo);
    mlr_draw_text (cr, palette, &palette->dim, buf, chart.x0 - 3, chart.y0 + chart.h, 1, 1,
                   0.75);
    mlr_draw_text (cr, palette, &palette->dim, "0", chart.x0, chart.y0 + chart.h + 2, 0, 0,
                   0.75);
    g_snprintf (buf, sizeof buf, "%u", n_max);
    mlr_draw_text (cr, palette, &palette->dim, buf, chart.x0 + chart.w, chart.y0 + chart.h + 2,
                   1, 0, 0.75);
    /* Translators: the x axis of the loss chart */
    mlr_draw_text (cr, palette, &palette->dim, _("epoch"), chart.x0 + chart.w / 2,
                   chart.y0 + chart.h + 2, 0.5, 0, 0.75);
  }
  mlr_plot_clip (cr, &chart);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int s = 0; s < 2; s++)
    {
      gboolean started = FALSE;
      if (s == 0)
        {
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          double dash[] = { 5, 3 };
          mlr_cairo_set_color (cr, &test_color);
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_set_line_width (cr, 1.8);
      for (guint i = 0; i < lens[s]; i++)
        {
          double v = series[s][i];
          if (!isfinite (v) || v <= 0)
            {
              started = FALSE;
              continue;
            }
          if (started)
            cairo_line_to (cr, mlr_plot_x (&chart, i + 1), mlr_plot_y (&chart, v));
          else
            cairo_move_to (cr, mlr_plot_x (&chart, i + 1), mlr_plot_y (&chart, v));
          started = TRUE;
        }
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  /* the series' names, top right inside the chart */
  {
    double x = chart.x0 + chart.w - 6, y = chart.y0 + 4;
    double tw, th;
    mlr_text_size (cr, palette, _("test loss"), 0.75, &tw, &th);
    mlr_draw_text (cr, palette, &palette->foreground, _("train loss"), x, y, 1, 0, 0.75);
    mlr_draw_text (cr, palette, &test_color, _("test loss"), x, y + th, 1, 0, 0.75);
  }
  cairo_restore (cr);
}

/* The point markers of the plane as legend symbols: a test point when the item's data is
 * non-zero, else a training point. */
static void
legend_marker (cairo_t             *cr,
               const MlrPalette    *palette,
               const MlrLegendItem *item,
               double               x,
               double               cy,
               double               width,
               double               height)
{
  if (GPOINTER_TO_INT (item->user_data))
    mlr_boundary_test_marker (cr, palette, &item->color, x + width / 2, cy);
  else
    mlr_boundary_train_marker (cr, palette, &item->color, x + width / 2, cy);
}

/* A legend row that is a remark (the item's data), not a symbol. */
static void
legend_remark (cairo_t             *cr,
               const MlrPalette    *palette,
               const MlrLegendItem *item,
               double               x,
               double               cy,
               double               width,
               double               height)
{
  mlr_draw_text_fit (cr, palette, &palette->dim, item->user_data, x, cy, width, 0, 0.5, 0.8);
}

void
mlr_boundary_draw_legend (cairo_t                 *cr,
                          const MlrPalette        *palette,
                          const MlrBoundaryState  *state,
                          const MlrBoundaryResult *r,
                          const MlrBoundaryRect   *R,
                          gboolean                 two_columns)
{
  MlrModelKind model = mlr_boundary_state_get_model (state);
  const MlrDataset *pts = mlr_boundary_state_get_points (state);
  guint K = mlr_boundary_state_get_n_classes (state);
  double lh = mlr_text_line_height (palette, 0.9), y;
  MlrColor neutral = mlr_color_mix (&palette->background, &palette->foreground, 0.45);
  MlrColor fg = palette->foreground, faint = palette->foreground;
  g_autofree char *sv = NULL;
  g_autofree char *splits = NULL;
  g_autofree MlrLegendItem *classes = g_new0 (MlrLegendItem, MAX (K, 1));
  g_autoptr(GPtrArray) class_texts = g_ptr_array_new_with_free_func (g_free);
  MlrLegendItem items[6];
  MlrLegendStyle style = {
    .text_scale = 0.85, .row_height = lh, .symbol_width = 18, .text_x = 24, .fit = TRUE,
    .columns = 1,
  };
  guint n = 0;

  neutral.a = 1;
  faint.a *= 0.6;
  items[n++] = (MlrLegendItem) { MLR_LEGEND_CUSTOM, neutral, 0, _("training point (filled)"),
                                 .draw = legend_marker, .user_data = GINT_TO_POINTER (0) };
  items[n++] = (MlrLegendItem) { MLR_LEGEND_CUSTOM, neutral, 0, _("test point (hollow)"),
                                 .draw = legend_marker, .user_data = GINT_TO_POINTER (1) };
  items[n++] = (MlrLegendItem) { MLR_LEGEND_LINE, fg, 2, _("decision boundary") };
  if (model == MLR_MODEL_SVM)
    {
      /* Translators: a legend row; %u is how many support vectors there are */
      sv = g_strdup_printf (_("support vector (%u)"), r ? r->n_support : 0);
      items[n++] = (MlrLegendItem) { MLR_LEGEND_RING, fg, lh - 2, sv };
      if (r == NULL || mlr_boundary_svm_two_classes (r))
        items[n++] = (MlrLegendItem) { MLR_LEGEND_DASHED, fg, 1.4, _("margin: f(x) = ±1") };
      else
        items[n++] = (MlrLegendItem) {
          MLR_LEGEND_CUSTOM, .draw = legend_remark,
          .user_data = (gpointer) _("margins: one per pair of classes, not drawn") };
    }
  if ((model == MLR_MODEL_TREE || model == MLR_MODEL_FOREST) &&
      mlr_boundary_state_get_show_splits (state))
    {
      if (r != NULL && (r->model == MLR_MODEL_TREE || r->model == MLR_MODEL_FOREST))
        splits = g_strdup_printf (model == MLR_MODEL_FOREST
                                    ? _("first tree's splits: depth %u, %u leaves")
                                    : _("splits: depth %u, %u leaves"),
                                  r->tree_depth, r->tree_leaves);
      else
        splits = g_strdup (_("splits"));
      items[n++] = (MlrLegendItem) { MLR_LEGEND_LINE, faint, 1.4, splits };
    }
  y = mlr_legend_draw (cr, palette, &style, items, n, R->x, R->y, R->w);

  for (guint c = 0; c < K; c++)
    {
      /* Translators: a legend row: the class number, then how many points it has */
      char *text = g_strdup_printf (_("class %u (%u)"), c, mlr_dataset_count_label (pts, c));

      g_ptr_array_add (class_texts, text);
      classes[c] = (MlrLegendItem) {
        MLR_LEGEND_SWATCH, mlr_boundary_opaque (mlr_boundary_class_color (palette, c)), 12, text };
    }
  style.columns = two_columns ? 2 : 1;
  mlr_legend_draw (cr, palette, &style, classes, K, R->x, y, R->w);
}

/* Clamps and warnings: in the panel when it has room for two lines, else over the foot of
 * the plane, where they cannot be missed. */
void
mlr_boundary_draw_notes (cairo_t                 *cr,
                         const MlrPalette        *palette,
                         const char              *notes,
                         const MlrBoundaryLayout *L)
{
  double lh = mlr_text_line_height (palette, 0.8);

  if (L->notes.h >= 2 * lh)
    {
      mlr_draw_text_wrapped (cr, palette, &palette->warning, notes, L->notes.x, L->notes.y,
                             L->notes.w, (int) (L->notes.h / lh), 0.8);
      return;
    }
  {
    const MlrPlot *p = &L->plot;
    MlrTextStyle style = { .scale = 0.8, .max_width = p->w - 24, .max_lines = 3 };
    double tw, th;

    mlr_text_measure (cr, palette, notes, &style, &tw, &th);
    mlr_cairo_set_color_alpha (cr, &palette->background, 0.88);
    cairo_rectangle (cr, p->x0 + 6, p->y0 + p->h - th - 14, tw + 12, th + 8);
    cairo_fill (cr);
    mlr_draw_text_wrapped (cr, palette, &palette->warning, notes, p->x0 + 12,
                           p->y0 + p->h - th - 10, p->w - 24, 3, 0.8);
  }
}
