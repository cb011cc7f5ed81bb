/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shuffle demo widget in a real window (Xvfb in CI), driven through the keys a person
 * presses: 2 makes it a collect and the metrics become the collect's; + doubles the salt up
 * to 64 and − halves it back to 1, each step's largest partition as a new state of the same
 * parameters computes it; 1 turns it into a count, whose longest task is no longer a
 * straggler; and the screen reader's sentence names the straggler's partition and times.
 */
#include "config.h"

#include "demo-fixture.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "demos/mlr-shuffle-demo.h"
#include "painters/mlr-demo-registry.h"
#include "painters/mlr-shuffle-painter.h"
#include "ui-test-init.h"

typedef DemoFixture Fixture;

static void
fixture_open (Fixture    *f,
              const char *first_key,
              ...)
{
  va_list ap;

  va_start (ap, first_key);
  demo_fixture_open_valist (f, "shuffle", MLR_TYPE_SHUFFLE_DEMO, 1000, 900, first_key, ap);
  va_end (ap);
}

static MlrShuffleState *
state_of (Fixture *f)
{
  return mlr_demo_get_state (MLR_DEMO (f->demo));
}

static const char *
param (Fixture    *f,
       const char *key)
{
  return mlr_params_get_string (mlr_demo_get_params (MLR_DEMO (f->demo)), key);
}

/* A fresh state for the lesson's parameters with @salt and @op, computed apart from the
 * widget. */
static MlrShuffleState *
expected (const char *op,
          const char *salt)
{
  g_autoptr(MlrParams) p = mlr_demo_kind_new_params (mlr_demo_registry_lookup ("shuffle"));

  g_assert_true (mlr_params_set (p, "operation", op, NULL));
  g_assert_true (mlr_params_set (p, "salt", salt, NULL));
  return mlr_shuffle_state_new (p, NULL);
}

static void
test_keys (void)
{
  Fixture f = { 0 };
  static const char * const salts[] = { "2", "4", "8", "16", "32", "64" };

  fixture_open (&f, NULL);
  g_assert_cmpstr (param (&f, "operation"), ==, "groupby-count");

  /* 2: collect; the hot key's partition makes a straggler */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_2, 0));
  g_assert_cmpstr (param (&f, "operation"), ==, "groupby-collect");
  {
    g_autoptr(MlrShuffleState) want = expected ("groupby-collect", "1");
    demo_fixture_assert_metric (&f, "max_task_seconds", mlr_shuffle_state_get_max_task_seconds (want));
    demo_fixture_assert_metric (&f, "largest_partition_rows",
                   mlr_shuffle_state_get_largest_partition_rows (want));
    g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (want), >,
                       10 * mlr_shuffle_state_get_median_task_seconds (want));
  }

  /* + doubles the salt to its maximum and stops there; − halves it back */
  for (guint i = 0; i < G_N_ELEMENTS (salts); i++)
    {
      g_autoptr(MlrShuffleState) want = expected ("groupby-collect", salts[i]);
      g_assert_true (demo_fixture_press_key (&f, GDK_KEY_plus, 0));
      g_assert_cmpstr (param (&f, "salt"), ==, salts[i]);
      demo_fixture_assert_metric (&f, "largest_partition_rows",
                     mlr_shuffle_state_get_largest_partition_rows (want));
    }
  demo_fixture_press_key (&f, GDK_KEY_plus, 0);
  g_assert_cmpstr (param (&f, "salt"), ==, "64");
  for (guint i = 0; i < 8; i++)
    demo_fixture_press_key (&f, GDK_KEY_minus, 0);
  g_assert_cmpstr (param (&f, "salt"), ==, "1");

  /* 3: join; 1: count, where the combine leaves no straggler */
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_3, 0));
  g_assert_cmpstr (param (&f, "operation"), ==, "join");
  g_assert_true (demo_fixture_press_key (&f, GDK_KEY_1, 0));
  g_assert_cmpstr (param (&f, "operation"), ==, "groupby-count");
  g_assert_cmpfloat (mlr_shuffle_state_get_max_task_seconds (state_of (&f)), <,
                     1.5 * mlr_shuffle_state_get_median_task_seconds (state_of (&f)));
  demo_fixture_close (&f);
}

static void
test_description (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *bcast = NULL;

  fixture_open (&f, "operation", "groupby-collect", NULL);
  text = mlr_shuffle_demo_describe_state (state_of (&f));
  g_assert_true (g_str_has_prefix (text, "groupBy + collect_list of 1 G rows on 80 task slots, "
                                         "no salt: the reduce stage takes 2 min 04 s. "
                                         "Its longest task, partition "));
  g_assert_nonnull (strstr (text, "the hottest key has 6.95% of the rows."));
  demo_fixture_close (&f);

  fixture_open (&f, "operation", "join", "broadcast_mb", "100", NULL);
  bcast = mlr_shuffle_demo_describe_state (state_of (&f));
  g_assert_true (g_str_has_prefix (bcast, "Broadcast join of 1 G rows on 80 task slots, with "
                                          "no shuffle: the join stage takes 19.1 s."));
  demo_fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  int exit_status;

  g_test_init (&argc, &argv, NULL);
  if (!ui_test_init_display (&exit_status))
    return exit_status;

  g_test_add_func ("/ui/shuffle-demo/keys", test_keys);
  g_test_add_func ("/ui/shuffle-demo/description", test_description);
  return g_test_run ();
}
