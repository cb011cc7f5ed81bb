/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: CSV datasets as people export them, read with and without labels, and as
 * x,y regression data. What the reader accepts must survive a round trip: formatting it and
 * reading it back gives the same points, bit for bit, and every value is within the
 * documented limits. The same bytes are read as one numeric column too (ttest's reader):
 * within the limits, or refused with FILE:LINE.
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ml/mlr-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_round_trip (const MlrDataset *ds,
                  MlrCsvMode        mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MlrDataset) again = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_assert_cmpuint (ds->n_points, >, 0);
  g_assert_cmpuint (ds->n_points, <=, MLR_DATASET_MAX_POINTS);
  for (guint i = 0; i < 2 * ds->n_points; i++)
    g_assert_true (isfinite (ds->x[i]) && fabs (ds->x[i]) <= MLR_DATASET_MAX_ABS);
  for (guint i = 0; mode == MLR_CSV_LABELED && i < ds->n_points; i++)
    g_assert_cmpuint (ds->y[i], <, MLR_DATASET_MAX_CLASSES);

  text = mlr_csv_format (ds, &len);
  again = mlr_csv_parse ("round-trip.csv", text, len, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_points, ==, ds->n_points);
  g_assert_true (memcmp (again->x, ds->x, 2 * sizeof (double) * ds->n_points) == 0);
  if (mode == MLR_CSV_LABELED)
    g_assert_true (memcmp (again->y, ds->y, ds->n_points) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (int m = 0; m < 2; m++)
    {
      MlrCsvMode mode = m == 0 ? MLR_CSV_LABELED : MLR_CSV_POINTS;
      g_autoptr(GError) error = NULL;
      g_autoptr(MlrDataset) ds = mlr_csv_parse ("fuzz.csv", (const char *) data, size, mode,
                                                &error);

      if (ds == NULL)
        {
          /* Every refusal says where: "fuzz.csv:LINE: ..." (or "fuzz.csv: ..."). */
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "fuzz.csv:"));
          continue;
        }
      g_assert_no_error (error);
      check_round_trip (ds, mode);
    }
  {
    g_autoptr(GError) error = NULL;
    gsize n = 0;
    g_autofree double *v = mlr_csv_parse_column ("fuzz.csv", (const char *) data, size, &n,
                                                 &error);

    if (v == NULL)
      {
        g_assert_nonnull (error);
        g_assert_true (g_str_has_prefix (error->message, "fuzz.csv:"));
      }
    else
      {
        g_assert_no_error (error);
        g_assert_cmpuint (n, >, 0);
        g_assert_cmpuint (n, <=, MLR_DATASET_MAX_POINTS);
        for (gsize i = 0; i < n; i++)
          g_assert_true (isfinite (v[i]) && fabs (v[i]) <= MLR_DATASET_MAX_ABS);
      }
  }
  /* the x,y reader of regression data: the same rules of refusal and the same limits */
  for (int m = 0; m < 2; m++)
    {
      MlrCsvXYMode mode = m == 0 ? MLR_CSV_XY : MLR_CSV_X;
      g_autoptr(GError) error = NULL;
      g_autoptr(MlrXYData) xy = mlr_csv_parse_xy ("fuzz.csv", (const char *) data, size, mode,
                                                  &error);

      if (xy == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "fuzz.csv:"));
          continue;
        }
      g_assert_cmpuint (xy->n_points, >, 0);
      g_assert_cmpuint (xy->n_points, <=, MLR_DATASET_MAX_POINTS);
      g_assert_true ((xy->y != NULL) == (mode == MLR_CSV_XY));
      for (guint i = 0; i < xy->n_points; i++)
        g_assert_true (isfinite (xy->x[i]) && fabs (xy->x[i]) <= MLR_DATASET_MAX_ABS &&
                       (xy->y == NULL ||
                        (isfinite (xy->y[i]) && fabs (xy->y[i]) <= MLR_DATASET_MAX_ABS)));
    }
  return 0;
}
