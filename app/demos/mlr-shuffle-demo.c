/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mlr-shuffle-demo.h"

#include <glib/gi18n.h>

#include "painters/mlr-shuffle-painter.h"

struct _MlrShuffleDemo
{
  MlrDemo parent_instance;
};

G_DEFINE_FINAL_TYPE (MlrShuffleDemo, mlr_shuffle_demo, MLR_TYPE_DEMO)

/**
 * mlr_shuffle_demo_describe_state:
 * The picture in words: "groupBy + collect_list of 1 G rows on 80 task slots: the reduce
 * stage takes 2 min 13 s. Its longest task, partition 17, takes 2 min 10 s while the median
 * task takes 0.41 s. 44.7 GiB shuffled; the largest partition holds 72.1 M records; the
 * hottest key has 7.21% of the rows."
 */
char *
mlr_shuffle_demo_describe_state (const MlrShuffleState *state)
{
  static const char * const ops[] = {
    N_("groupBy + count"), N_("groupBy + collect_list"), N_("Join"),
  };
  guint n;
  const MlrShuffleTask *tasks = mlr_shuffle_state_get_tasks (state, &n);
  const MlrShuffleTask *straggler = &tasks[mlr_shuffle_state_get_straggler (state)];
  g_autofree char *rows = mlr_shuffle_format_count (mlr_shuffle_state_get_rows (state));
  g_autofree char *stage = mlr_shuffle_format_seconds (mlr_shuffle_state_get_stage_seconds (state));
  g_autofree char *max = mlr_shuffle_format_seconds (mlr_shuffle_state_get_max_task_seconds (state));
  g_autofree char *median = mlr_shuffle_format_seconds (
    mlr_shuffle_state_get_median_task_seconds (state));
  g_autofree char *shuffled = mlr_shuffle_format_mib (mlr_shuffle_state_get_shuffled_mb (state));
  g_autofree char *largest = mlr_shuffle_format_count (
    mlr_shuffle_state_get_largest_partition_rows (state));
  GString *s = g_string_new (NULL);

  if (mlr_shuffle_state_is_broadcast (state))
    g_string_append_printf (s, _("Broadcast join of %s rows on %u task slots, with no "
                                 "shuffle: the join stage takes %s. Its longest task takes %s, "
                                 "the median task %s; each task reads %s rows."),
                            rows, mlr_shuffle_state_get_slots (state), stage, max, median,
                            largest);
  else
    {
      guint salt = mlr_shuffle_state_get_salt (state);
      g_autofree char *salting = salt > 1
        ? g_strdup_printf (_("keys salted over %u buckets"), salt) : g_strdup (_("no salt"));

      g_string_append_printf (s, _("%s of %s rows on %u task slots, %s: the reduce stage takes "
                                   "%s. Its longest task, partition %u, takes %s while the "
                                   "median task takes %s. %s shuffled; the largest partition "
                                   "holds %s records; the hottest key has %.3g%% of the rows."),
                              _(ops[mlr_shuffle_state_get_operation (state)]), rows,
                              mlr_shuffle_state_get_slots (state), salting, stage,
                              straggler->index, max, median, shuffled, largest,
                              100 * mlr_shuffle_state_get_hot_share (state));
    }
  return g_string_free (s, FALSE);
}

static char *
mlr_shuffle_demo_describe (MlrDemo *demo)
{
  return mlr_shuffle_demo_describe_state (mlr_demo_get_state (demo));
}

static void
mlr_shuffle_demo_draw (MlrDemo          *demo,
                       cairo_t          *cr,
                       int               width,
                       int               height,
                       const MlrPalette *palette)
{
  mlr_shuffle_painter_draw (cr, width, height, palette, mlr_demo_get_state (demo));
}

/* 1, 2, 3: groupby-count, groupby-collect, join. */
static void
operation_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  static const char * const ops[] = { "groupby-count", "groupby-collect", "join" };
  int i = CLAMP (g_variant_get_int32 (parameter), 0, 2);

  mlr_demo_set_param (MLR_DEMO (widget), "operation", ops[i], NULL);
}

/* + and −: double or halve the salt buckets, within 1 … 64. */
static void
salt_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const MlrShuffleState *state = mlr_demo_get_state (MLR_DEMO (widget));
  guint salt = mlr_shuffle_state_get_salt (state);
  g_autofree char *value = NULL;

  salt = g_variant_get_int32 (parameter) > 0 ? MIN (salt * 2, MLR_SHUFFLE_MAX_SALT)
                                             : MAX (salt / 2, 1);
  value = g_strdup_printf ("%u", salt);
  mlr_demo_set_param (MLR_DEMO (widget), "salt", value, NULL);
}

/* The timeline needs height for its slots; on a narrow canvas the three parts stack. */
static int
mlr_shuffle_demo_canvas_height (MlrDemo *demo,
                                int      width)
{
  if (width < 560)
    return CLAMP (width + 400, 760, 1000);
  return CLAMP (width * 3 / 4, 500, 660);
}

static void
mlr_shuffle_demo_class_init (MlrShuffleDemoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MlrDemoClass *demo_class = MLR_DEMO_CLASS (klass);

  demo_class->describe = mlr_shuffle_demo_describe;
  demo_class->draw = mlr_shuffle_demo_draw;
  demo_class->canvas_height = mlr_shuffle_demo_canvas_height;
  mlr_demo_class_set_keys_help (demo_class,
    N_("Keys (click the picture first): 1 count, 2 collect, 3 join; + and − double or halve "
       "the salt buckets."));
  gtk_widget_class_install_action (widget_class, "shuffle.operation", "i", operation_action);
  gtk_widget_class_install_action (widget_class, "shuffle.salt", "i", salt_action);
  for (int k = 0; k < 3; k++)
    mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_1 + k, 0, "shuffle.operation", "i",
                                       k);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, 0, "shuffle.salt", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_plus, GDK_SHIFT_MASK, "shuffle.salt",
                                     "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_equal, 0, "shuffle.salt", "i", 1);
  mlr_demo_class_add_canvas_binding (demo_class, GDK_KEY_minus, 0, "shuffle.salt", "i", -1);
  gtk_widget_class_set_css_name (widget_class, "shuffledemo");
}

static void
mlr_shuffle_demo_init (MlrShuffleDemo *self)
{
}
