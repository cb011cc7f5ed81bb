/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formulas (issue 13): parse, layout, and the display widget's measure + snapshot, for the
 * largest formula in the content (the longest TeX of every <math> and <m>) and for a built-in
 * one of every construct, median of many runs in thread CPU time. The aim is under 1 ms per
 * formula. The widget part needs a display (run under Xvfb); without one it is skipped.
 *
 *   MLR_CONTENT_DIR=$PWD/content xvfb-run -a build/tests/bench/bench-math
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bench-common.h"
#include "lessons/mlr-lesson.h"
#include "lessons/mlr-math.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-math-painter.h"
#include "views/mlr-math-view.h"

#define RUNS 400

static const char builtin[] =
  "\\begin{aligned} \\frac{\\partial L}{\\partial w} &= \\frac{1}{n} \\sum_{i=1}^{n} "
  "2 (\\hat y_i - y_i)\\, x_i + \\lambda \\left\\lVert w \\right\\rVert_2 \\\\ "
  "&= \\frac{2}{n} X^\\top (X w - y) + \\begin{pmatrix} \\sigma(z_1) & 0 \\\\ 0 & "
  "\\sqrt[3]{\\tilde{z}_2^{\\,2}} \\end{pmatrix} \\mathbb{E}_{x \\sim p}\\left[ \\log "
  "\\frac{p(x)}{q(x)} \\right] \\\\ &= \\argmin_{\\theta \\in \\mathbb{R}^d} \\begin{cases} "
  "\\vec{v} \\cdot \\bar{u} & \\text{if } t > 0 \\\\ \\operatorname{softmax}(z)_k & "
  "\\text{otherwise} \\end{cases} \\end{aligned}";

static void
collect (GPtrArray       *out,
         const GPtrArray *inlines)
{
  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->kind == MLR_INLINE_MATH && in->math)
        g_ptr_array_add (out, in->text);
      collect (out, in->children);
    }
}

static void
collect_blocks (GPtrArray       *out,
                const GPtrArray *blocks)
{
  for (guint i = 0; blocks && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);
      if (b->kind == MLR_BLOCK_MATH && b->math)
        g_ptr_array_add (out, b->text);
      collect (out, b->inlines);
      collect (out, b->caption);
      collect_blocks (out, b->children);
      for (guint j = 0; b->items && j < b->items->len; j++)
        collect (out, g_ptr_array_index (b->items, j));
      for (guint r = 0; b->rows && r < b->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (b->rows, r);
          for (guint j = 0; j < row->len; j++)
            collect (out, g_ptr_array_index (row, j));
        }
    }
}

/* The longest formula of the content, copied; NULL when it has none in TeX. */
static char *
largest_in_content (const char *content,
                    guint      *n_formulas,
                    char      **heaviest,
                    guint      *heaviest_n)
{
  g_autofree char *dir_path = g_build_filename (content, "lessons", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  char *best = NULL;

  *n_formulas = 0;
  *heaviest_n = 0;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autoptr(MlrLesson) lesson = NULL;
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      lesson = mlr_lesson_load_file (path, content, NULL);
      if (lesson == NULL)
        continue;
      collect_blocks (all, lesson->sections);
      *n_formulas += all->len;
      if (all->len > *heaviest_n)
        {
          *heaviest_n = all->len;
          g_free (*heaviest);
          *heaviest = g_strdup (lesson->id);
        }
      for (guint i = 0; i < all->len; i++)
        if (best == NULL || strlen (all->pdata[i]) > strlen (best))
          {
            g_free (best);
            best = g_strdup (all->pdata[i]);
          }
    }
  return best;
}

static void
bench_core (const char *label,
            const char *tex)
{
  double parse[RUNS], layout[RUNS], both[RUNS];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double w = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      double t0 = bench_cpu_ms (), t1, t2;
      g_autoptr(MlrMathNode) n = mlr_math_parse (tex, NULL, NULL);
      g_autoptr(MlrMathBox) box = NULL;

      t1 = bench_cpu_ms ();
      g_assert_nonnull (n);
      box = mlr_math_layout (cr, n, 20, TRUE);
      t2 = bench_cpu_ms ();
      mlr_math_box_extents (box, &w, NULL, NULL);
      parse[i] = t1 - t0;
      layout[i] = t2 - t1;
      both[i] = t2 - t0;
    }
  qsort (parse, RUNS, sizeof (double), bench_compare);
  qsort (layout, RUNS, sizeof (double), bench_compare);
  qsort (both, RUNS, sizeof (double), bench_compare);
  g_print ("%-9s %5zu bytes, %4.0f px wide: parse median %.3f ms, layout median %.3f ms, "
           "parse+layout median %.3f p95 %.3f ms\n", label, strlen (tex), w, parse[RUNS / 2],
           layout[RUNS / 2], both[RUNS / 2], both[(guint) (RUNS * 0.95)]);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A new widget per run (its parse included), measured both ways and snapshotted; the
 * snapshot is the widget's own, into a render node, as GTK calls it in a frame. */
static void
bench_widget (const char *label,
              const char *tex)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  double ms[RUNS / 4], cpu[RUNS / 4];
  guint n = RUNS / 4;
  g_autofree char *summary = NULL;

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *view = mlr_math_view_new (tex);
      int min, nat, mh, nh;
      double t0, c0;
      GtkSnapshot *snapshot;
      GskRenderNode *node;

      gtk_box_append (GTK_BOX (box), view);
      t0 = g_get_monotonic_time () / 1000.0;
      c0 = bench_cpu_ms ();
      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, nat, &mh, &nh, NULL, NULL);
      gtk_widget_size_allocate (view, &(GtkAllocation) { 0, 0, nat, nh }, -1);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      ms[i] = g_get_monotonic_time () / 1000.0 - t0;
      cpu[i] = bench_cpu_ms () - c0;
      g_assert_nonnull (node);
      gsk_render_node_unref (node);
      gtk_box_remove (GTK_BOX (box), view);
    }
  summary = bench_frames_summary (ms, cpu, n);
  g_print ("%-9s widget new + measure + snapshot: %s\n", label, summary);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  const char *content = g_getenv ("MLR_CONTENT_DIR");
  g_autofree char *largest = NULL;
  g_autofree char *heaviest = NULL;
  guint n_formulas = 0, heaviest_n = 0;
  gboolean gui;

  mlr_demo_registry_init ();
  if (content != NULL)
    largest = largest_in_content (content, &n_formulas, &heaviest, &heaviest_n);
  g_print ("content: %u formulas in TeX", n_formulas);
  if (heaviest)
    g_print (", most in %s (%u)", heaviest, heaviest_n);
  g_print ("\n");
  if (largest)
    bench_core ("content", largest);
  bench_core ("built-in", builtin);

  gui = gtk_init_check ();
  if (!gui)
    {
      g_print ("no display: the widget part is skipped (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();
  if (largest)
    bench_widget ("content", largest);
  bench_widget ("built-in", builtin);
  return 0;
}
