/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-dataset.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "mlr-rng.h"

G_DEFINE_QUARK (mlr-dataset-error-quark, mlr_dataset_error)

static const char * const dataset_names[] = {
  "moons", "circles", "linear", "xor", "spiral", "gaussian", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (dataset_names) == MLR_N_DATASETS + 1);

/**
 * mlr_dataset_new:
 * @n_points: number of points (all at the origin with label 0)
 * @n_classes: the number of classes, or 0 for an unlabelled set
 *
 * Returns: (transfer full): a zeroed dataset.
 */
MlrDataset *
mlr_dataset_new (guint n_points,
                 guint n_classes)
{
  MlrDataset *self = g_new0 (MlrDataset, 1);

  self->n_points = n_points;
  self->n_classes = n_classes;
  self->n_alloc = MAX (n_points, 16);
  self->x = g_new0 (double, 2 * (gsize) self->n_alloc);
  self->y = g_new0 (guint8, self->n_alloc);
  return self;
}

/* A deep copy of @dataset. */
MlrDataset *
mlr_dataset_copy (const MlrDataset *dataset)
{
  MlrDataset *copy;

  g_return_val_if_fail (dataset != NULL, NULL);

  copy = mlr_dataset_new (dataset->n_points, dataset->n_classes);
  memcpy (copy->x, dataset->x, 2 * sizeof (double) * dataset->n_points);
  memcpy (copy->y, dataset->y, dataset->n_points);
  return copy;
}

/* Frees @dataset (NULL is fine). */
void
mlr_dataset_free (MlrDataset *dataset)
{
  if (dataset == NULL)
    return;
  g_free (dataset->x);
  g_free (dataset->y);
  g_free (dataset);
}

/**
 * mlr_dataset_append:
 * Adds one labelled point, growing n_classes to cover @label.
 */
void
mlr_dataset_append (MlrDataset *dataset,
                    double      x1,
                    double      x2,
                    guint       label)
{
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (label < MLR_DATASET_MAX_CLASSES);

  if (dataset->n_points == dataset->n_alloc)
    {
      dataset->n_alloc = MAX (16, 2 * dataset->n_alloc);
      dataset->x = g_renew (double, dataset->x, 2 * (gsize) dataset->n_alloc);
      dataset->y = g_renew (guint8, dataset->y, dataset->n_alloc);
    }
  dataset->x[2 * dataset->n_points] = x1;
  dataset->x[2 * dataset->n_points + 1] = x2;
  dataset->y[dataset->n_points] = (guint8) label;
  dataset->n_points++;
  dataset->n_classes = MAX (dataset->n_classes, label + 1);
}

/* How many points of @dataset have @label. */
guint
mlr_dataset_count_label (const MlrDataset *dataset,
                         guint             label)
{
  guint count = 0;

  for (guint i = 0; i < dataset->n_points; i++)
    count += dataset->y[i] == label;
  return count;
}

/**
 * mlr_dataset_check_training:
 * Checks that @dataset can train a classifier: 1..MLR_DATASET_MAX_POINTS points with finite
 * coordinates within ±MLR_DATASET_MAX_ABS, labels 0..K-1 with every one of them used (no
 * gaps) and K >= 2. The message says what is wrong in words a user can act on.
 */
gboolean
mlr_dataset_check_training (const MlrDataset  *dataset,
                            GError           **error)
{
  guint counts[256] = { 0 };
  guint max_label = 0;

  g_return_val_if_fail (dataset != NULL, FALSE);

  if (dataset->n_points == 0)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_EMPTY,
                   "no training points");
      return FALSE;
    }
  if (dataset->n_points > MLR_DATASET_MAX_POINTS)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_TOO_LARGE,
                   "%u training points is more than the limit of %u",
                   dataset->n_points, MLR_DATASET_MAX_POINTS);
      return FALSE;
    }
  for (guint i = 0; i < dataset->n_points; i++)
    {
      for (guint f = 0; f < 2; f++)
        {
          double v = dataset->x[2 * i + f];
          if (!isfinite (v) || fabs (v) > MLR_DATASET_MAX_ABS)
            {
              g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_VALUES,
                           "point %u: x%u is %s (coordinates must be finite and within ±1e12)",
                           i + 1, f + 1, isfinite (v) ? "too large" : "not finite");
              return FALSE;
            }
        }
      counts[dataset->y[i]]++;
      max_label = MAX (max_label, dataset->y[i]);
    }
  if (max_label >= MLR_DATASET_MAX_CLASSES)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_LABELS,
                   "label %u is too large (at most %d classes: labels 0 to %d)",
                   max_label, MLR_DATASET_MAX_CLASSES, MLR_DATASET_MAX_CLASSES - 1);
      return FALSE;
    }
  if (max_label == 0)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_ONE_CLASS,
                   "all %u training points have label 0; fitting needs at least two classes",
                   dataset->n_points);
      return FALSE;
    }
  for (guint k = 0; k < max_label; k++)
    if (counts[k] == 0)
      {
        GString *present = g_string_new (NULL);
        for (guint c = 0; c <= max_label; c++)
          if (counts[c] > 0)
            g_string_append_printf (present, "%s%u", present->len ? ", " : "", c);
        g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_LABELS,
                     "class %u has no training points (labels present: %s); labels must be "
                     "0 to K-1 with every class present", k, present->str);
        g_string_free (present, TRUE);
        return FALSE;
      }
  return TRUE;
}

/**
 * mlr_dataset_get_bounds:
 * The bounding box of the points, grown by @margin on each side (a unit box around the
 * origin for an empty set).
 */
void
mlr_dataset_get_bounds (const MlrDataset *dataset,
                        double            margin,
                        double           *x0,
                        double           *x1,
                        double           *y0,
                        double           *y1)
{
  double lo[2] = { -1, -1 }, hi[2] = { 1, 1 };

  for (guint i = 0; i < dataset->n_points; i++)
    for (guint f = 0; f < 2; f++)
      {
        double v = dataset->x[2 * i + f];
        if (i == 0 || v < lo[f])
          lo[f] = v;
        if (i == 0 || v > hi[f])
          hi[f] = v;
      }
  *x0 = lo[0] - margin;
  *x1 = hi[0] + margin;
  *y0 = lo[1] - margin;
  *y1 = hi[1] + margin;
}

/* The dataset's name as the CLI and lesson attributes spell it ("moons", ...). */
const char *
mlr_dataset_kind_to_string (MlrDatasetKind kind)
{
  g_return_val_if_fail (kind < MLR_N_DATASETS, NULL);
  return dataset_names[kind];
}

/* Parses a dataset name (case-insensitive); FALSE when unknown. */
gboolean
mlr_dataset_kind_from_string (const char     *name,
                              MlrDatasetKind *kind)
{
  for (guint i = 0; i < MLR_N_DATASETS; i++)
    if (g_ascii_strcasecmp (name, dataset_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* "moons, circles, ..." for messages. */
const char *
mlr_dataset_kind_names (void)
{
  return "moons, circles, linear, xor, spiral, gaussian";
}

/* ---- generators ----------------------------------------------------------------------- */

/* How many of @n points class @c of @k gets: as even as possible, earlier classes first. */
static guint
class_size (guint n,
            guint k,
            guint c)
{
  return n / k + (c < n % k ? 1 : 0);
}

static void
add_noise_and_shuffle (MlrDataset *ds,
                       MlrRng     *rng,
                       double      noise)
{
  g_autofree guint *order = g_new (guint, ds->n_points);
  g_autofree double *x = g_memdup2 (ds->x, 2 * sizeof (double) * ds->n_points);
  g_autofree guint8 *y = g_memdup2 (ds->y, ds->n_points);

  if (noise > 0)
    for (guint i = 0; i < 2 * ds->n_points; i++)
      x[i] += noise * mlr_rng_normal (rng);

  for (guint i = 0; i < ds->n_points; i++)
    order[i] = i;
  mlr_rng_shuffle (rng, order, ds->n_points);
  for (guint i = 0; i < ds->n_points; i++)
    {
      ds->x[2 * i] = x[2 * order[i]];
      ds->x[2 * i + 1] = x[2 * order[i] + 1];
      ds->y[i] = y[order[i]];
    }
}

static void
set_point (MlrDataset *ds,
           guint       i,
           double      x1,
           double      x2,
           guint       label)
{
  ds->x[2 * i] = x1;
  ds->x[2 * i + 1] = x2;
  ds->y[i] = (guint8) label;
}

/* Like scikit-learn's make_moons: two interleaving half circles, class 0 on top. */
static void
gen_moons (MlrDataset *ds)
{
  guint n_out = ds->n_points / 2, n_in = ds->n_points - n_out, i = 0;

  for (guint j = 0; j < n_out; j++)
    {
      double t = n_out > 1 ? G_PI * j / (n_out - 1) : 0;
      set_point (ds, i++, cos (t), sin (t), 0);
    }
  for (guint j = 0; j < n_in; j++)
    {
      double t = n_in > 1 ? G_PI * j / (n_in - 1) : 0;
      set_point (ds, i++, 1 - cos (t), 1 - sin (t) - 0.5, 1);
    }
}

/* Like make_circles with factor 0.5: class 0 on the unit circle, class 1 inside. */
static void
gen_circles (MlrDataset *ds)
{
  guint n_out = ds->n_points / 2, n_in = ds->n_points - n_out, i = 0;

  for (guint j = 0; j < n_out; j++)
    {
      double t = 2 * G_PI * j / n_out;
      set_point (ds, i++, cos (t), sin (t), 0);
    }
  for (guint j = 0; j < n_in; j++)
    {
      double t = 2 * G_PI * j / n_in;
      set_point (ds, i++, 0.5 * cos (t), 0.5 * sin (t), 1);
    }
}

/* Uniform in the disk of radius @r. */
static void
disk_point (MlrRng *rng,
            double  r,
            double *dx,
            double *dy)
{
  double rho = r * sqrt (mlr_rng_uniform (rng));
  double t = 2 * G_PI * mlr_rng_uniform (rng);

  *dx = rho * cos (t);
  *dy = rho * sin (t);
}

/* Two disks of radius 0.8 around (-1,-1) and (1,1): separable by x1 + x2 = 0 at noise 0. */
static void
gen_linear (MlrDataset *ds,
            MlrRng     *rng)
{
  guint i = 0;

  for (guint c = 0; c < 2; c++)
    for (guint j = 0; j < class_size (ds->n_points, 2, c); j++)
      {
        double dx, dy, center = c == 0 ? -1 : 1;
        disk_point (rng, 0.8, &dx, &dy);
        set_point (ds, i++, center + dx, center + dy, c);
      }
}

/* Points in [-1,1]^2 at least 0.1 from both axes; class 1 where the signs differ. */
static void
gen_xor (MlrDataset *ds,
         MlrRng     *rng)
{
  guint i = 0;

  for (guint c = 0; c < 2; c++)
    for (guint j = 0; j < class_size (ds->n_points, 2, c); j++)
      {
        double a = mlr_rng_range (rng, 0.1, 1.0);
        double b = mlr_rng_range (rng, 0.1, 1.0);
        double sx = mlr_rng_uniform (rng) < 0.5 ? -1 : 1;
        double sy = c == 0 ? sx : -sx;
        set_point (ds, i++, sx * a, sy * b, c);
      }
}

/* K arms winding out from the origin, each turning through 4 radians. */
static void
gen_spiral (MlrDataset *ds,
            MlrRng     *rng,
            guint       k)
{
  guint i = 0;

  for (guint c = 0; c < k; c++)
    {
      guint m = class_size (ds->n_points, k, c);
      for (guint j = 0; j < m; j++)
        {
          double r = (j + 0.5) / m;
          double t = 2 * G_PI * c / k + 4 * r;
          set_point (ds, i++, r * cos (t), r * sin (t), c);
        }
    }
}

/* K round blobs with standard deviation 0.5 (plus the noise) centred on a circle of radius 2. */
static void
gen_gaussian (MlrDataset *ds,
              MlrRng     *rng,
              guint       k)
{
  guint i = 0;

  for (guint c = 0; c < k; c++)
    {
      double t = 2 * G_PI * c / k;
      for (guint j = 0; j < class_size (ds->n_points, k, c); j++)
        set_point (ds, i++, 2 * cos (t) + 0.5 * mlr_rng_normal (rng),
                   2 * sin (t) + 0.5 * mlr_rng_normal (rng), c);
    }
}

/**
 * mlr_dataset_check_args:
 * Whether mlr_dataset_generate() accepts these arguments, with the same message when not, but
 * without generating anything.
 */
gboolean
mlr_dataset_check_args (MlrDatasetKind   kind,
                        guint            n_points,
                        double           noise,
                        guint            n_classes,
                        GError         **error)
{
  gboolean multi = kind == MLR_DATASET_GAUSSIAN || kind == MLR_DATASET_SPIRAL;

  g_return_val_if_fail (kind < MLR_N_DATASETS, FALSE);

  if (!multi && n_classes != 2)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID,
                   "classes: %s has exactly 2 classes, not %u", dataset_names[kind], n_classes);
      return FALSE;
    }
  if (n_classes < 2 || n_classes > MLR_DATASET_MAX_CLASSES)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID,
                   "classes: %u is out of range (allowed: 2 to %d)",
                   n_classes, MLR_DATASET_MAX_CLASSES);
      return FALSE;
    }
  if (n_points < n_classes || n_points > MLR_DATASET_MAX_POINTS)
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID,
                   "n: %u is out of range (allowed: %u to %u)",
                   n_points, n_classes, MLR_DATASET_MAX_POINTS);
      return FALSE;
    }
  if (!(noise >= 0 && noise <= 5))
    {
      g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID,
                   "noise: %g is out of range (allowed: 0 to 5)", noise);
      return FALSE;
    }
  return TRUE;
}

/**
 * mlr_dataset_generate:
 * @kind: which dataset
 * @n_points: 2 .. MLR_DATASET_MAX_POINTS, and at least @n_classes
 * @noise: standard deviation of Gaussian noise added to each coordinate, 0 .. 5
 * @seed: the MlrRng seed; the same arguments always give the same points
 * @n_classes: number of classes for gaussian and spiral (2 .. 16); must be 2 for the others
 * @error: return location for a #MLR_DATASET_ERROR
 *
 * Classes are as balanced as possible; the points are shuffled.
 *
 * Returns: (transfer full) (nullable): the dataset
 */
MlrDataset *
mlr_dataset_generate (MlrDatasetKind   kind,
                      guint            n_points,
                      double           noise,
                      guint64          seed,
                      guint            n_classes,
                      GError         **error)
{
  g_autoptr(MlrDataset) ds = NULL;
  MlrRng rng;

  g_return_val_if_fail (kind < MLR_N_DATASETS, NULL);

  if (!mlr_dataset_check_args (kind, n_points, noise, n_classes, error))
    return NULL;

  mlr_rng_init (&rng, seed);
  ds = mlr_dataset_new (n_points, n_classes);
  switch (kind)
    {
    case MLR_DATASET_MOONS:
      gen_moons (ds);
      break;
    case MLR_DATASET_CIRCLES:
      gen_circles (ds);
      break;
    case MLR_DATASET_LINEAR:
      gen_linear (ds, &rng);
      break;
    case MLR_DATASET_XOR:
      gen_xor (ds, &rng);
      break;
    case MLR_DATASET_SPIRAL:
      gen_spiral (ds, &rng, n_classes);
      break;
    case MLR_DATASET_GAUSSIAN:
      gen_gaussian (ds, &rng, n_classes);
      break;
    case MLR_N_DATASETS:
    default:
      g_assert_not_reached ();
    }
  add_noise_and_shuffle (ds, &rng, noise);
  return g_steal_pointer (&ds);
}

/* ---- parameters ----------------------------------------------------------------------- */

static const char * const dataset_titles[] = {
  N_("Moons"), N_("Circles"), N_("Linear"), N_("XOR"), N_("Spiral"), N_("Gaussian blobs"), NULL
};

static const MlrParamSpec dataset_specs[] = {
  { .key = "dataset", .type = MLR_PARAM_CHOICE, .default_value = "moons",
    .choices = dataset_names,
    .help = N_("Which toy dataset to classify: moons, circles, linear (two separable "
               "clusters), xor, spiral or gaussian (K blobs). Moons and spirals need a curved "
               "boundary; linear data does not; xor defeats any single line"),
    .label = N_("Data"), .choice_titles = dataset_titles },
  { .key = "n", .type = MLR_PARAM_INT, .default_value = "200", .min = 2,
    .max = MLR_DATASET_MAX_POINTS,
    .help = N_("Number of points (at least the number of classes). More data makes a "
               "flexible model's boundary steadier"),
    .label = N_("n"), .ui_min = 10, .ui_max = 2000, .ui_step = 10 },
  { .key = "noise", .type = MLR_PARAM_NUMBER, .default_value = "0.2", .min = 0, .max = 5,
    .help = N_("Standard deviation of the Gaussian noise added to each coordinate: how much "
               "the classes blur into each other. With more noise, boundaries that chase "
               "single points stop generalizing"),
    .label = N_("Noise"), .ui = MLR_PARAM_UI_SLIDER, .ui_min = 0, .ui_max = 1, .ui_step = 0.01 },
  { .key = "seed", .type = MLR_PARAM_INT, .default_value = "0", .min = 0, .max = 4294967295.0,
    .help = N_("Random seed; the same seed always gives the same points"),
    .ui = MLR_PARAM_UI_NONE },
  { .key = "classes", .type = MLR_PARAM_INT, .default_value = "3", .min = 2,
    .max = MLR_DATASET_MAX_CLASSES,
    .help = N_("Number of classes, for gaussian blobs and spiral arms only (the others have "
               "2)"),
    .label = N_("Classes"), .ui_max = 8 },
};

/**
 * mlr_dataset_param_specs:
 * The keys a dataset accepts (dataset, n, noise, seed, classes), for lesson <demo>
 * attributes and the CLI.
 */
const MlrParamSpec *
mlr_dataset_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (dataset_specs);
  return dataset_specs;
}

static const char *
lookup_value (const MlrParams *params,
              const char      *key)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_params_get_specs (params, &n_specs);

  if (mlr_param_spec_lookup (specs, n_specs, key) != NULL && mlr_params_has (params, key))
    return mlr_params_get_string (params, key);
  return mlr_param_spec_lookup (dataset_specs, G_N_ELEMENTS (dataset_specs), key)->default_value;
}

/**
 * mlr_dataset_generate_from_params:
 * Generates the dataset described by the dataset keys of @params (keys it does not know are
 * left alone; values are checked against mlr_dataset_param_specs()). `classes` set for a
 * two-class dataset is an error.
 */
MlrDataset *
mlr_dataset_generate_from_params (const MlrParams  *params,
                                  GError          **error)
{
  const char *keys[] = { "dataset", "n", "noise", "seed", "classes" };
  const char *values[G_N_ELEMENTS (keys)];
  MlrDatasetKind kind = MLR_DATASET_MOONS;
  guint n_classes;
  gboolean multi;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const MlrParamSpec *spec = mlr_param_spec_lookup (dataset_specs,
                                                        G_N_ELEMENTS (dataset_specs), keys[i]);
      values[i] = lookup_value (params, keys[i]);
      if (!mlr_param_spec_check (spec, values[i], error))
        return NULL;
    }
  mlr_dataset_kind_from_string (values[0], &kind);
  multi = kind == MLR_DATASET_GAUSSIAN || kind == MLR_DATASET_SPIRAL;
  {
    guint n_specs;
    const MlrParamSpec *specs = mlr_params_get_specs (params, &n_specs);
    gboolean has_classes = mlr_param_spec_lookup (specs, n_specs, "classes") != NULL &&
                           mlr_params_has (params, "classes");
    if (!multi && has_classes && g_ascii_strtoull (values[4], NULL, 10) != 2)
      {
        g_set_error (error, MLR_DATASET_ERROR, MLR_DATASET_ERROR_INVALID,
                     "classes: only gaussian and spiral take a number of classes (%s has 2)",
                     values[0]);
        return NULL;
      }
    n_classes = multi ? (guint) g_ascii_strtoull (values[4], NULL, 10) : 2;
  }
  return mlr_dataset_generate (kind, (guint) g_ascii_strtoull (values[1], NULL, 10),
                               g_ascii_strtod (values[2], NULL),
                               g_ascii_strtoull (values[3], NULL, 10), n_classes, error);
}
