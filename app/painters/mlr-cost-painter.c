/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-cost-painter.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mlr-plot.h"

#define MARGIN 16
#define LABEL_W 78
#define VALUE_W 118

static const char * const part_names[MLR_COST_N_PARTS] = {
  N_("weights"), N_("gradients"), N_("optimizer state"), N_("activations"),
};

/**
 * mlr_cost_format_bytes:
 * @gb in SI units of bytes with three significant digits: "112 GB", "8.9 MB", "1.2 PB".
 */
char *
mlr_cost_format_bytes (double gb)
{
  static const char * const units[] = { "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
  double bytes = gb * 1e9;
  guint u = 0;

  if (!isfinite (bytes) || bytes <= 0)
    return g_strdup ("0 B");
  while (u + 1 < G_N_ELEMENTS (units) && bytes >= 999.5)
    {
      bytes /= 1000;
      u++;
    }
  return g_strdup_printf ("%.3g %s", bytes, units[u]);
}

/* Three significant digits of @value as "5.88 × 10²¹" (or plainly below 10,000: "7",
 * "9650"). */
char *
mlr_cost_format_power (double value)
{
  static const char * const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  GString *s;
  int e;
  double m;
  char digits[16];

  if (!isfinite (value) || value <= 0)
    return g_strdup ("0");
  if (value < 1000)
    return g_strdup_printf ("%.3g", value);
  if (value < 1e4)
    return g_strdup_printf ("%.0f", value);
  e = (int) floor (log10 (value));
  m = value / pow (10, e);
  if (m >= 9.995)
    {
      m /= 10;
      e++;
    }
  s = g_string_new (NULL);
  g_string_append_printf (s, "%.3g × 10", m);
  g_snprintf (digits, sizeof digits, "%d", e);
  for (const char *p = digits; *p; p++)
    g_string_append (s, sup[*p - '0']);
  return g_string_free (s, FALSE);
}

/* "7 billion", "1.2 trillion", "350 million": a parameter count in words. */
char *
mlr_cost_format_count (double n)
{
  if (n >= 1e12)
    return g_strdup_printf (_("%.3g trillion"), n / 1e12);
  if (n >= 1e9)
    return g_strdup_printf (_("%.3g billion"), n / 1e9);
  return g_strdup_printf (_("%.3g million"), n / 1e6);
}

/* The optimizer's name as the learner reads it. */
const char *
mlr_cost_optimizer_title (const char *id)
{
  if (g_strcmp0 (id, "sgd") == 0)
    return _("SGD with momentum");
  if (g_strcmp0 (id, "adafactor") == 0)
    return _("Adafactor");
  return _("Adam");
}

/* "21.5 days", "3.2 hours", "12 minutes", "4.11 years (1500 days)". */
char *
mlr_cost_format_days (double days)
{
  double s = days * 86400;

  if (s < 60)
    return g_strdup_printf (_("%.3g seconds"), s);
  if (s < 3600)
    return g_strdup_printf (_("%.3g minutes"), s / 60);
  if (days < 1)
    return g_strdup_printf (_("%.3g hours"), s / 3600);
  if (days < 365)
    return g_strdup_printf (_("%.3g days"), days);
  {
    g_autofree char *years = mlr_cost_format_power (days / 365.25);
    g_autofree char *all = mlr_cost_format_power (days);

    return g_strdup_printf (_("%s years (%s days)"), years, all);
  }
}

/* Weights blue, gradients orange, optimizer state green, activations reddish purple; the KV
 * cache is vermillion (Okabe-Ito). */
MlrColor
mlr_cost_part_color (const MlrPalette *palette,
                     MlrCostPart       part)
{
  static const guint index[MLR_COST_N_PARTS] = { 0, 1, 2, 3 };

  g_return_val_if_fail (part < MLR_COST_N_PARTS, palette->foreground);
  return palette->classes[index[part] % MLR_PALETTE_N_CLASSES];
}

static double
line_h (const MlrPalette *palette,
        double            scale)
{
  return mlr_text_line_height (palette, scale);
}

/**
 * mlr_cost_painter_layout:
 * Where the bars go on a @width × @height canvas: four rows for the ZeRO stages under a
 * header, then room for the legend and the compute lines, then the inference bar. The scale
 * shows the GPU's memory and the state's stage whole (other stages may run off the end).
 */
void
mlr_cost_painter_layout (int                 width,
                         int                 height,
                         const MlrCostState *state,
                         MlrCostLayout      *layout)
{
  const MlrCostGpu *gpu = mlr_cost_state_get_gpu (state);
  double mem = gpu->memory_gb;
  double current = mlr_cost_state_per_gpu_gb (state, mlr_cost_state_get_zero (state));
  double infer = mlr_cost_state_inference_gb (state);
  double y = 8 + 2 * 22 + 52;
  double row = CLAMP ((height - 360) / 9.0, 20, 40);

  layout->bar_x0 = MARGIN + LABEL_W;
  layout->bar_x1 = MAX (layout->bar_x0 + 60, width - MARGIN - VALUE_W);
  /* the memory line at 3/4 of the way at most, so an overflow is seen as one */
  layout->max_gb = MAX (mem / 0.75, MIN (MAX (current, infer) * 1.04, mem * 4));
  layout->row_h = row;
  for (guint k = 0; k < 4; k++)
    layout->row_y[k] = y + k * (row + 6);
  layout->infer_y = y + 4 * (row + 6) + 150;
}

/* The ZeRO stage whose row holds (@x, @y), or -1. */
int
mlr_cost_painter_hit_stage (const MlrCostLayout *layout,
                            double               x,
                            double               y)
{
  if (x < MARGIN || x > layout->bar_x1 + VALUE_W)
    return -1;
  for (guint k = 0; k < 4; k++)
    if (y >= layout->row_y[k] - 3 && y < layout->row_y[k] + layout->row_h + 3)
      return (int) k;
  return -1;
}

static double
gb_x (const MlrCostLayout *L,
      double               gb)
{
  return L->bar_x0 + (L->bar_x1 - L->bar_x0) * MIN (gb / L->max_gb, 1.0);
}

/* A stacked bar of @n parts from the left of the scale; an arrowhead where it runs off. */
static void
stacked_bar (cairo_t             *cr,
             const MlrPalette    *palette,
             const MlrCostLayout *L,
             double               y,
             double               h,
             const double        *gb,
             const MlrColor      *colors,
             guint                n,
             double               alpha)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double x0 = gb_x (L, sum), x1 = gb_x (L, sum + gb[i]);

      sum += gb[i];
      if (x1 - x0 <= 0)
        continue;
      mlr_cairo_set_color_alpha (cr, &colors[i], alpha);
      cairo_rectangle (cr, x0, y, MAX (x1 - x0, 0.5), h);
      cairo_fill (cr);
    }
  if (sum > L->max_gb)
    {
      /* the rest of the bar is off the scale */
      mlr_cairo_set_color (cr, &palette->background);
      cairo_move_to (cr, L->bar_x1 - h * 0.45, y);
      cairo_line_to (cr, L->bar_x1 + 0.5, y + h / 2);
      cairo_line_to (cr, L->bar_x1 - h * 0.45, y + h);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
memory_line (cairo_t             *cr,
             const MlrPalette    *palette,
             const MlrCostLayout *L,
             double               mem,
             double               y0,
             double               y1)
{
  double x = round (gb_x (L, mem)) + 0.5;

  cairo_save (cr);
  mlr_cairo_set_color (cr, &palette->foreground);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_training (cairo_t             *cr,
               const MlrPalette    *palette,
               const MlrCostState  *state,
               const MlrCostLayout *L,
               int                  width,
               gboolean             focused)
{
  const MlrCostGpu *gpu = mlr_cost_state_get_gpu (state);
  guint zero = mlr_cost_state_get_zero (state);
  MlrColor colors[MLR_COST_N_PARTS];
  g_autofree char *mem = mlr_cost_format_bytes (gpu->memory_gb);
  g_autofree char *mem_label = g_strdup_printf (_("%s of memory"), mem);
  double y = L->row_y[0];
  double mx = gb_x (L, gpu->memory_gb);

  for (guint p = 0; p < MLR_COST_N_PARTS; p++)
    colors[p] = mlr_cost_part_color (palette, p);
  mlr_draw_text (cr, palette, &palette->foreground,
                 _("Training memory per GPU, at each ZeRO stage"), MARGIN, y - 24, 0, 1, 1);
  mlr_draw_text (cr, palette, &palette->dim, mem_label, mx, y - 6, 0.5, 1, 0.85);

  for (guint k = 0; k < 4; k++)
    {
      double gb[MLR_COST_N_PARTS];
      double total = mlr_cost_state_per_gpu_gb (state, k);
      gboolean current = k == zero;
      gboolean fits = total <= gpu->memory_gb;
      const MlrColor *ink = current ? &palette->foreground : &palette->dim;
      g_autofree char *name = g_strdup_printf (_("ZeRO %u"), k);
      g_autofree char *value = mlr_cost_format_bytes (total);
      g_autofree char *verdict = g_strdup_printf ("%s %s", value, fits ? "✓" : "✗");
      double ry = L->row_y[k];

      for (guint p = 0; p < MLR_COST_N_PARTS; p++)
        gb[p] = mlr_cost_state_part_gb (state, p, k);
      stacked_bar (cr, palette, L, ry, L->row_h, gb, colors, MLR_COST_N_PARTS,
                   current ? 1.0 : 0.35);
      mlr_draw_text (cr, palette, ink, name, MARGIN, ry + L->row_h / 2, 0, 0.5,
                     current ? 1.0 : 0.9);
      mlr_draw_text (cr, palette, ink, verdict, L->bar_x1 + 8, ry + L->row_h / 2, 0, 0.5,
                     current ? 1.0 : 0.9);
      if (current)
        {
          cairo_save (cr);
          mlr_cairo_set_color (cr, &palette->foreground);
          cairo_set_line_width (cr, focused ? 2 : 1);
          cairo_rectangle (cr, MARGIN - 6.5, ry - 3.5, width - 2 * MARGIN + 13, L->row_h + 7);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
  memory_line (cr, palette, L, gpu->memory_gb, y - 4, L->row_y[3] + L->row_h + 4);
}

/* The parts of the state's stage with their sizes, as a wrapped row of swatches. */
static double
draw_legend (cairo_t             *cr,
             const MlrPalette    *palette,
             const MlrCostState  *state,
             double               y,
             int                  width)
{
  guint zero = mlr_cost_state_get_zero (state);
  double x = MARGIN, lh = line_h (palette, 0.9);

  for (guint p = 0; p < MLR_COST_N_PARTS; p++)
    {
      MlrColor c = mlr_cost_part_color (palette, p);
      g_autofree char *v = mlr_cost_format_bytes (mlr_cost_state_part_gb (state, p, zero));
      g_autofree char *text = g_strdup_printf ("%s %s", _(part_names[p]), v);
      double tw, th;

      mlr_text_size (cr, palette, text, 0.9, &tw, &th);
      if (x > MARGIN && x + 18 + tw > width - MARGIN)
        {
          x = MARGIN;
          y += lh + 4;
        }
      mlr_cairo_set_color (cr, &c);
      cairo_rectangle (cr, x, y + lh / 2 - 6, 12, 12);
      cairo_fill (cr);
      mlr_draw_text (cr, palette, &palette->foreground, text, x + 18, y, 0, 0, 0.9);
      x += 18 + tw + 18;
    }
  return y + lh + 8;
}

static double
draw_compute (cairo_t            *cr,
              const MlrPalette   *palette,
              const MlrCostState *state,
              double              y,
              int                 width)
{
  const MlrCostGpu *gpu = mlr_cost_state_get_gpu (state);
  double n = mlr_cost_state_get_params (state), d = mlr_cost_state_get_tokens (state);
  double rate = mlr_cost_state_get_gpus (state) * gpu->peak_tflops * 1e12 *
                mlr_cost_state_get_mfu (state);
  g_autofree char *flops = mlr_cost_format_power (mlr_cost_state_train_flops (state));
  g_autofree char *ns = mlr_cost_format_power (n);
  g_autofree char *ds = mlr_cost_format_power (d);
  g_autofree char *rs = mlr_cost_format_power (rate);
  g_autofree char *days = mlr_cost_format_days (mlr_cost_state_train_days (state));
  g_autofree char *line1 = g_strdup_printf (_("Compute 6·N·D = 6 × %s × %s tokens = %s FLOPs"),
                                            ns, ds, flops);
  g_autofree char *line2 = g_strdup_printf (_("%u × %.0f TFLOP/s (dense bf16) × %.0f%% MFU = "
                                              "%s FLOP/s → %s"),
                                            mlr_cost_state_get_gpus (state), gpu->peak_tflops,
                                            100 * mlr_cost_state_get_mfu (state), rs, days);
  double w = width - 2 * MARGIN;

  mlr_draw_text_fit (cr, palette, &palette->foreground, line1, MARGIN, y, w, 0, 0, 0.95);
  y += line_h (palette, 0.95) + 2;
  mlr_draw_text_fit (cr, palette, &palette->foreground, line2, MARGIN, y, w, 0, 0, 0.95);
  return y + line_h (palette, 0.95) + 14;
}

static void
draw_inference (cairo_t             *cr,
                const MlrPalette    *palette,
                const MlrCostState  *state,
                const MlrCostLayout *L,
                double               y,
                int                  width,
                int                  height)
{
  const MlrCostGpu *gpu = mlr_cost_state_get_gpu (state);
  double weights = mlr_cost_state_total_gb (state, MLR_COST_WEIGHTS);
  double kv = mlr_cost_state_kv_cache_gb (state);
  double total = mlr_cost_state_inference_gb (state);
  double gpus = mlr_cost_state_inference_gpus (state);
  double gb[2] = { weights, kv };
  MlrColor colors[2] = { mlr_cost_part_color (palette, MLR_COST_WEIGHTS), palette->classes[5] };
  g_autofree char *ws = mlr_cost_format_bytes (weights);
  g_autofree char *ks = mlr_cost_format_bytes (kv);
  g_autofree char *ts = mlr_cost_format_bytes (total);
  g_autofree char *head = g_strdup_printf (_("Serving one copy: batch %u × %u tokens, %u of %u "
                                             "heads keep K and V"),
                                           mlr_cost_state_get_batch (state),
                                           mlr_cost_state_get_context (state),
                                           mlr_cost_state_get_kv_heads (state),
                                           mlr_cost_state_get_heads (state));
  g_autofree char *verdict = g_strdup_printf ("%s %s", ts, total <= gpu->memory_gb ? "✓" : "✗");
  g_autofree char *detail = NULL;
  double row = L->row_h, tw, th;

  if (gpus <= 1)
    detail = g_strdup_printf (_("weights %s + KV cache %s: fits on one GPU"), ws, ks);
  else
    {
      g_autofree char *n = mlr_cost_format_power (gpus);

      detail = g_strdup_printf (_("weights %s + KV cache %s: needs %s GPUs, split by tensor or "
                                  "pipeline parallelism (not modelled)"), ws, ks, n);
    }
  mlr_draw_text_fit (cr, palette, &palette->foreground, head, MARGIN, y, width - 2 * MARGIN,
                     0, 0, 1);
  y += line_h (palette, 1) + 8;
  mlr_draw_text (cr, palette, &palette->foreground, _("Inference"), MARGIN, y + row / 2, 0, 0.5,
                 1);
  stacked_bar (cr, palette, L, y, row, gb, colors, 2, 1.0);
  mlr_draw_text (cr, palette, &palette->foreground, verdict, L->bar_x1 + 8, y + row / 2, 0, 0.5,
                 1);
  memory_line (cr, palette, L, gpu->memory_gb, y - 4, y + row + 4);
  y += row + 8;
  mlr_cairo_set_color (cr, &colors[1]);
  mlr_text_size (cr, palette, detail, 0.9, &tw, &th);
  cairo_rectangle (cr, MARGIN, y + th / 2 - 6, 12, 12);
  cairo_fill (cr);
  mlr_draw_text_wrapped (cr, palette, &palette->foreground, detail, MARGIN + 18, y,
                         width - 2 * MARGIN - 18, 2, 0.9);
}

/**
 * mlr_cost_painter_draw:
 * Paints the demo; @focused marks the state's ZeRO row more strongly (the keys 0–3 move it).
 */
void
mlr_cost_painter_draw (cairo_t            *cr,
                       int                 width,
                       int                 height,
                       const MlrPalette   *palette,
                       const MlrCostState *state,
                       gboolean            focused)
{
  const MlrCostGpu *gpu = mlr_cost_state_get_gpu (state);
  MlrCostLayout L;
  g_autofree char *n = mlr_cost_format_count (mlr_cost_state_get_params (state));
  g_autofree char *title = g_strdup_printf (_("%s parameters in %s with %s, on %u × %s"), n,
                                            mlr_cost_state_get_dtype (state),
                                            mlr_cost_optimizer_title (
                                              mlr_cost_state_get_optimizer (state)),
                                            mlr_cost_state_get_gpus (state), _(gpu->name));
  g_autofree char *shape = g_strdup_printf (_("Shape: %u layers, width %.0f, %u heads "
                                              "(N ≈ 12·L·h², h = 128·L) · GB = 10⁹ bytes"),
                                            mlr_cost_state_get_layers (state),
                                            mlr_cost_state_get_hidden (state),
                                            mlr_cost_state_get_heads (state));
  double y;

  mlr_cost_painter_layout (width, height, state, &L);
  mlr_draw_text_fit (cr, palette, &palette->foreground, title, MARGIN, 8, width - 2 * MARGIN,
                     0, 0, 1.05);
  mlr_draw_text_fit (cr, palette, &palette->dim, shape, MARGIN, 8 + line_h (palette, 1.05) + 2,
                     width - 2 * MARGIN, 0, 0, 0.85);
  draw_training (cr, palette, state, &L, width, focused);
  y = draw_legend (cr, palette, state, L.row_y[3] + L.row_h + 12, width);
  y = draw_compute (cr, palette, state, y + 4, width);
  L.infer_y = y;
  draw_inference (cr, palette, state, &L, y, width, height);
}
