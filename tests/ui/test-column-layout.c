/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MlrColumnLayout (issue 19): a column of wrapping text beside an icon is measured at a few
 * widths, not at the dozen a GtkBoxLayout tries while it searches for the width that fits a
 * height; and the column, its title and its subtitle get the same places as with the plain
 * GtkBoxLayout, in an AdwActionRow as the lesson's resources use it, at several widths. The
 * sidebar's lesson rows: their wrapping titles are laid out at a few widths, not searched
 * through every time the row is allocated, and keep their places.
 */
#include "config.h"

#include <adwaita.h>
#include <dlfcn.h>

#include "ui-test-init.h"
#include "views/mlr-column-layout.h"
#include "views/mlr-sidebar-row.h"

/* Every width a GtkLabel lays its text out at: GTK sets a measuring layout's width once for
 * each width it has not laid the text out at last (this definition takes the place of
 * Pango's for GTK's calls, and passes them on). */
static guint label_layouts;

void
pango_layout_set_width (PangoLayout *layout,
                        int          width)
{
  static void (*real) (PangoLayout *, int);

  if (real == NULL)
    real = (void (*) (PangoLayout *, int)) dlsym (RTLD_NEXT, "pango_layout_set_width");
  g_assert_nonnull (real);
  label_layouts++;
  real (layout, width);
}

/* A stand-in for a paragraph: 8 px a character, 20 px a line; counts the widths it is laid out
 * at (GTK caches each width's answer, so every call is a width not seen before). */
#define PARA_TYPE (para_get_type ())
G_DECLARE_FINAL_TYPE (Para, para, PARA, WIDGET, GtkWidget)

struct _Para
{
  GtkWidget parent_instance;
  int       chars;
  guint     layouts;
};

G_DEFINE_FINAL_TYPE (Para, para, GTK_TYPE_WIDGET)

static void
para_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  Para *self = PARA_WIDGET (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* like MlrText: an estimate, whatever the height */
      *minimum = 32;
      *natural = MIN (self->chars, 72) * 8;
      return;
    }
  self->layouts++;
  if (for_size < 0)
    for_size = MIN (self->chars, 72) * 8;
  *minimum = *natural = 20 * ((self->chars * 8 + MAX (for_size, 8) - 1) / MAX (for_size, 8));
}

static GtkSizeRequestMode
para_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
para_class_init (ParaClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = para_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = para_get_request_mode;
}

static void
para_init (Para *self)
{
}

static Para *
para_new (int chars)
{
  Para *p = g_object_new (PARA_TYPE, NULL);

  p->chars = chars;
  return p;
}

/* Runs the main loop until @widget is @width wide (the window was resized), or 5 s passed. */
static void
wait_for_width (GtkWidget *widget,
                int        width)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end &&
         !(gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) == width))
    g_main_context_iteration (NULL, FALSE);
  /* and one more frame's worth of work */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A callout: an icon, then a column of a title and a paragraph; the column alone expands. */
static GtkWidget *
callout (Para **title,
         Para **text,
         gboolean column_layout)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

  if (column_layout)
    mlr_column_layout_install (inner);
  *title = para_new (30);
  *text = para_new (400);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (inner, TRUE);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (*title));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (*text));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), inner);
  return box;
}

static void
test_few_widths (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  Para *title, *text, *plain_title, *plain_text;
  GtkWidget *with = callout (&title, &text, TRUE);
  GtkWidget *without = callout (&plain_title, &plain_text, FALSE);
  GtkWidget *column = gtk_widget_get_last_child (with);
  GtkWidget *plain_column = gtk_widget_get_last_child (without);
  graphene_rect_t a, b;

  gtk_box_append (GTK_BOX (page), with);
  gtk_box_append (GTK_BOX (page), without);
  /* in a page that scrolls, as the lesson's does */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), page);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_width (page, 600);

  /* The searching box lays its paragraphs out at many widths; the column at the width shown
   * and, once, for no width (the minimum height its row asks first). */
  g_test_message ("widths laid out: title %u, paragraph %u; with GtkBoxLayout's own search "
                  "%u and %u", title->layouts, text->layouts, plain_title->layouts,
                  plain_text->layouts);
  g_assert_cmpuint (title->layouts, <=, 3);
  g_assert_cmpuint (text->layouts, <=, 3);

  /* and everything is where it was */
  g_assert_true (gtk_widget_compute_bounds (column, with, &a));
  g_assert_true (gtk_widget_compute_bounds (plain_column, without, &b));
  g_assert_true (graphene_rect_equal (&a, &b));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (text)), ==,
                   gtk_widget_get_height (GTK_WIDGET (plain_text)));
  g_assert_cmpint (gtk_widget_get_height (with), ==, gtk_widget_get_height (without));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The lesson's resources: the same places for the icon, title, subtitle and suffix. */
static GtkWidget *
resource_row (gboolean column_layout)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 "Spark SQL performance tuning and the adaptive query "
                                 "execution that replans joins at run time");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               "Documentation · Shuffle partitions, broadcast joins and "
                               "adaptive query execution, with the settings that matter "
                               "when a job spills to disk.");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("help-browser-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
  if (column_layout)
    {
      /* as _mlr_lesson_view_build_resources() finds it */
      GtkWidget *found = NULL;
      GPtrArray *todo = g_ptr_array_new ();

      g_ptr_array_add (todo, row);
      while (todo->len > 0 && found == NULL)
        {
          GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);
          for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
            {
              if (GTK_IS_BOX (c) && gtk_widget_has_css_class (c, "title"))
                found = c;
              g_ptr_array_add (todo, c);
            }
        }
      g_ptr_array_unref (todo);
      g_assert_nonnull (found);
      mlr_column_layout_install (found);
    }
  return row;
}

static void
collect_bounds (GtkWidget *root,
                GtkWidget *widget,
                GArray    *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t r;

      if (!gtk_widget_get_visible (c))
        continue;
      g_assert_true (gtk_widget_compute_bounds (c, root, &r));
      g_array_append_val (out, r);
      collect_bounds (root, c, out);
    }
}

static void
test_resource_row (void)
{
  static const int widths[] = { 360, 600, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      GtkWidget *window = gtk_window_new ();
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *with = resource_row (TRUE);
      GtkWidget *without = resource_row (FALSE);

      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_append (GTK_LIST_BOX (list), with);
      gtk_list_box_append (GTK_LIST_BOX (list), without);
      gtk_window_set_child (GTK_WINDOW (window), list);
      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 200);
      gtk_window_present (GTK_WINDOW (window));
      wait_for_width (list, widths[i]);
      g_assert_cmpint (gtk_widget_get_width (list), ==, widths[i]);
      collect_bounds (with, with, a);
      collect_bounds (without, without, b);
      g_assert_cmpuint (a->len, ==, b->len);
      g_assert_cmpuint (a->len, >=, 5);   /* header, icons, title column, title, subtitle */
      for (guint k = 0; k < a->len; k++)
        g_assert_true (graphene_rect_equal (&g_array_index (a, graphene_rect_t, k),
                                            &g_array_index (b, graphene_rect_t, k)));
      g_assert_cmpint (gtk_widget_get_height (with), ==, gtk_widget_get_height (without));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* A sidebar row as it was built before: the wrapping title straight in the horizontal box. */
static GtkWidget *
plain_sidebar_row (const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *icon = gtk_image_new ();   /* a lesson not started: no icon */

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* The first GtkLabel under @widget. */
static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows @row alone in a sidebar of @width px (a list in a scroller, as the window's) and
 * returns the widths its labels were laid out at until it was shown and allocated again. */
static guint
show_in_sidebar (GtkWidget *row,
                 int        width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  guint layouts;

  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_AUTOMATIC);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 300);
  label_layouts = 0;
  gtk_window_present (GTK_WINDOW (window));
  wait_for_width (list, width);
  g_assert_cmpint (gtk_widget_get_width (list), ==, width);
  /* and allocated again, as the sidebar's rows are whenever a heading or state changes */
  gtk_widget_queue_allocate (row);
  gtk_widget_queue_resize (gtk_widget_get_first_child (row));
  wait_for_width (list, width);
  layouts = label_layouts;
  return layouts;
}

static void
test_sidebar_row (void)
{
  static MlrRoadmapStep step = { .id = (char *) "algorithms", .number = 3,
                                 .title = (char *) "Machine-learning algorithms" };
  static MlrRoadmapLesson entry = { .id = (char *) "supervised",
                                    .title = (char *) "Supervised and unsupervised learning",
                                    .step = &step };
  static const int widths[] = { 300, 240 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(MlrSidebarItem) item = mlr_sidebar_item_new_lesson (&entry);
      GtkWidget *row = mlr_sidebar_row_new (item);
      GtkWidget *plain = plain_sidebar_row (entry.title);
      guint with = show_in_sidebar (row, widths[i]);
      guint without = show_in_sidebar (plain, widths[i]);
      GtkWidget *label = find_label (row), *plain_label = find_label (plain);
      graphene_rect_t a, b;
      int x, y, plain_x, plain_y;

      g_test_message ("%d px: title laid out at %u widths; straight in the box, %u",
                      widths[i], with, without);
      g_assert_cmpuint (with, <=, 10);
      g_assert_cmpuint (with * 2, <, without);
      /* and its lines are where they were: the same width, and the text at the same place */
      g_assert_true (gtk_widget_compute_bounds (label, row, &a));
      g_assert_true (gtk_widget_compute_bounds (plain_label, plain, &b));
      gtk_label_get_layout_offsets (GTK_LABEL (label), &x, &y);
      gtk_label_get_layout_offsets (GTK_LABEL (plain_label), &plain_x, &plain_y);
      g_test_message ("text at %g,%g, %g wide; straight in the box %g,%g, %g wide",
                      a.origin.x + x, a.origin.y + y, a.size.width,
                      b.origin.x + plain_x, b.origin.y + plain_y, b.size.width);
      g_assert_cmpfloat (a.origin.x + x, ==, b.origin.x + plain_x);
      g_assert_cmpfloat (a.origin.y + y, ==, b.origin.y + plain_y);
      g_assert_cmpfloat (a.size.width, ==, b.size.width);
      g_assert_cmpint (gtk_widget_get_height (row), ==, gtk_widget_get_height (plain));
      gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (row)));
      gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (plain)));
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&status))
    return status;
  g_test_add_func ("/column-layout/few-widths", test_few_widths);
  g_test_add_func ("/column-layout/resource-row", test_resource_row);
  g_test_add_func ("/column-layout/sidebar-row", test_sidebar_row);
  return g_test_run ();
}
