/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network view's numbers (ml/mlr-mlp-network.h): every unit's map comes from the forward
 * pass the predictions use, so an output unit's map is predict_proba on the same grid; a
 * hidden unit's map is f(w . a + b), checked against a double-precision forward pass written
 * here from the weights of record; the inputs are the standardized features; the strongest
 * weights are the largest |w| of the whole network; a huge network gets a coarser raster, a
 * model that is not an mlp no network.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "ml/mlr-boundary-state.h"
#include "ml/mlr-classifier.h"
#include "ml/mlr-mlp.h"
#include "ml/mlr-mlp-network.h"

static MlrClassifier *
make_classifier (const char *first,
                 ...)
{
  guint n_specs;
  const MlrParamSpec *specs = mlr_model_param_specs (&n_specs);
  g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
  g_autoptr(GError) error = NULL;
  MlrClassifier *clf;
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    {
      mlr_params_parse_assignment (params, a, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  clf = mlr_classifier_new (MLR_MODEL_MLP, params, &error);
  g_assert_no_error (error);
  return clf;
}

static double
act (MlrActivation f,
     double        z)
{
  switch (f)
    {
    case MLR_ACTIVATION_RELU:
      return MAX (z, 0);
    case MLR_ACTIVATION_TANH:
      return tanh (z);
    case MLR_ACTIVATION_LOGISTIC:
      return 1 / (1 + exp (-z));
    case MLR_ACTIVATION_IDENTITY:
    default:
      return z;
    }
}

/* A forward pass in double precision from the weights of record: a[l][u] for the point. */
static void
forward_double (const MlrMlp *mlp,
                double        x1,
                double        x2,
                double        a[][64])
{
  guint L = mlr_mlp_get_n_layers (mlp);

  a[0][0] = x1;
  a[0][1] = x2;
  for (guint l = 0; l < L; l++)
    {
      const double *b;
      const double *W = mlr_mlp_get_weights (mlp, l, &b);
      guint in = mlr_mlp_get_layer_size (mlp, l), out = mlr_mlp_get_layer_size (mlp, l + 1);

      g_assert_cmpuint (out, <=, 64);
      for (guint j = 0; j < out; j++)
        {
          double z = b[j];
          for (guint i = 0; i < in; i++)
            z += W[i * out + j] * a[l][i];
          a[l + 1][j] = l + 1 < L ? act (mlr_mlp_get_activation (mlp), z) : z;
        }
      if (l + 1 == L)
        {
          if (out == 1)
            a[L][0] = 1 / (1 + exp (-a[L][0]));
          else
            {
              double m = a[L][0], s = 0;
              for (guint j = 1; j < out; j++)
                m = MAX (m, a[L][j]);
              for (guint j = 0; j < out; j++)
                s += (a[L][j] = exp (a[L][j] - m));
              for (guint j = 0; j < out; j++)
                a[L][j] /= s;
            }
        }
    }
}

/* mlr_mlp_eval_units() against predict_proba (the same pass: equal) and against the double
 * forward pass (single-precision rounding only), for each activation, two and three classes,
 * one and two hidden layers. */
static void
test_units (void)
{
  const struct {
    MlrActivation f;
    guint         classes;
    guint         n_hidden;
    guint         hidden[2];
  } cases[] = {
    { MLR_ACTIVATION_RELU, 2, 1, { 6 } },
    { MLR_ACTIVATION_TANH, 2, 2, { 5, 4 } },
    { MLR_ACTIVATION_LOGISTIC, 3, 2, { 4, 7 } },
    { MLR_ACTIVATION_IDENTITY, 3, 1, { 3 } },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      MlrMlpOptions opt = { .n_hidden = cases[k].n_hidden, .activation = cases[k].f,
                            .solver = MLR_SOLVER_ADAM, .alpha = 1e-4, .learning_rate = 0.01,
                            .max_epochs = 40, .seed = 7 + k };
      g_autoptr(MlrDataset) ds = mlr_dataset_generate (cases[k].classes == 2 ? MLR_DATASET_MOONS
                                                                             : MLR_DATASET_GAUSSIAN,
                                                       90, 0.2, k + 1, cases[k].classes, NULL);
      g_autoptr(MlrMlp) mlp = NULL;
      const double xs[] = { -2.5, -1, -0.1, 0, 0.3, 1.7, 3 };
      const double ys[] = { 2, 0.5, 0, -0.25, -3 };
      guint w = G_N_ELEMENTS (xs), h = G_N_ELEMENTS (ys), cells = w * h, L, n_units = 0;
      g_autofree float *units = NULL;
      double pts[2 * G_N_ELEMENTS (xs) * G_N_ELEMENTS (ys)];
      double proba[G_N_ELEMENTS (xs) * G_N_ELEMENTS (ys) * 3];

      memcpy (opt.hidden, cases[k].hidden, sizeof cases[k].hidden);
      mlp = mlr_mlp_fit (&opt, ds);
      L = mlr_mlp_get_n_layers (mlp);
      g_assert_cmpuint (L, ==, cases[k].n_hidden + 1);
      g_assert_cmpuint (mlr_mlp_get_layer_size (mlp, 0), ==, 2);
      g_assert_cmpuint (mlr_mlp_get_layer_size (mlp, L), ==,
                        cases[k].classes == 2 ? 1 : cases[k].classes);
      for (guint l = 0; l <= L; l++)
        n_units += mlr_mlp_get_layer_size (mlp, l);
      units = g_new (float, (gsize) n_units * cells);
      mlr_mlp_eval_units (mlp, xs, w, ys, h, G_MAXUINT, units);

      for (guint c = 0; c < cells; c++)
        {
          pts[2 * c] = xs[c % w];
          pts[2 * c + 1] = ys[c / w];
        }
      mlr_mlp_predict_proba (mlp, pts, cells, proba);

      for (guint c = 0; c < cells; c++)
        {
          double a[MLR_MLP_MAX_LAYERS + 2][64];
          guint base = 0;

          forward_double (mlp, pts[2 * c], pts[2 * c + 1], a);
          for (guint l = 0; l <= L; l++)
            {
              guint size = mlr_mlp_get_layer_size (mlp, l);
              for (guint u = 0; u < size; u++)
                {
                  double v = units[(gsize) (base + u) * cells + c];
                  g_assert_cmpfloat_with_epsilon (v, a[l][u], 2e-5 * (1 + fabs (a[l][u])));
                }
              base += size;
            }
          /* the output units are the probabilities predict_proba returns */
          base -= mlr_mlp_get_layer_size (mlp, L);
          if (cases[k].classes == 2)
            g_assert_cmpfloat_with_epsilon (units[(gsize) base * cells + c],
                                            proba[2 * c + 1], 1e-12);
          else
            for (guint j = 0; j < cases[k].classes; j++)
              g_assert_cmpfloat_with_epsilon (units[(gsize) (base + j) * cells + c],
                                              proba[3 * c + j], 1e-12);
        }

      /* the first units only: the same numbers, packed */
      {
        g_autofree float *few = g_new (float, (gsize) n_units * cells);
        guint base = 0, packed = 0;

        mlr_mlp_eval_units (mlp, xs, w, ys, h, 2, few);
        for (guint l = 0; l <= L; l++)
          {
            guint size = mlr_mlp_get_layer_size (mlp, l);
            for (guint u = 0; u < MIN (size, 2); u++)
              g_assert_cmpmem (few + (gsize) (packed + u) * cells, cells * sizeof (float),
                               units + (gsize) (base + u) * cells, cells * sizeof (float));
            packed += MIN (size, 2);
            base += size;
          }
      }
    }
}

/* Population mean and standard deviation of coordinate @f, as the classifier's scaler. */
static void
moments (const MlrDataset *ds,
         guint             f,
         double           *mean,
         double           *sd)
{
  double m = 0, v = 0;

  for (guint i = 0; i < ds->n_points; i++)
    m += ds->x[2 * i + f];
  m /= ds->n_points;
  for (guint i = 0; i < ds->n_points; i++)
    v += (ds->x[2 * i + f] - m) * (ds->x[2 * i + f] - m);
  *mean = m;
  *sd = sqrt (v / ds->n_points);
}

static void
check_network (guint       classes,
               const char *hidden,
               const char *activation)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (classes == 2 ? MLR_DATASET_CIRCLES
                                                                : MLR_DATASET_GAUSSIAN,
                                                   150, 0.15, 3, classes, NULL);
  g_autofree char *h = g_strdup_printf ("hidden=%s", hidden);
  g_autofree char *a = g_strdup_printf ("activation=%s", activation);
  g_autoptr(MlrClassifier) clf = make_classifier (h, a, "epochs=60", "lr=0.01", "seed=5", NULL);
  /* a plane wider than tall, rows top-down as the painter's raster */
  MlrGrid plane = { 300, 200, -2.0, 2.5, 1.6, -1.4 };
  g_autoptr(MlrMlpNetwork) net = NULL;
  g_autoptr(GError) error = NULL;
  guint gw, gh, cells, out_layer;
  double m0, s0, m1, s1;
  g_autofree double *pts = NULL;
  g_autofree double *proba = NULL;

  g_assert_true (mlr_classifier_fit (clf, ds, &error));
  g_assert_no_error (error);
  net = mlr_mlp_network_new (clf, &plane, MLR_MLP_NETWORK_GRID);
  g_assert_nonnull (net);
  gw = net->grid.width;
  gh = net->grid.height;
  cells = gw * gh;
  /* the plane's range and aspect, on the coarse raster */
  g_assert_cmpuint (gw, ==, MLR_MLP_NETWORK_GRID);
  g_assert_cmpuint (gh, ==, 16);   /* 24 x 3.0 / 4.5 */
  g_assert_cmpfloat (net->grid.x0, ==, plane.x0);
  g_assert_cmpfloat (net->grid.y0, ==, plane.y0);
  g_assert_cmpfloat (net->grid.y1, ==, plane.y1);
  out_layer = net->n_layers - 1;
  g_assert_cmpuint (net->sizes[0], ==, 2);
  g_assert_cmpuint (net->sizes[out_layer], ==, classes == 2 ? 1 : classes);

  /* outputs: the classifier's probabilities at the cell centres */
  pts = g_new (double, 2 * cells);
  proba = g_new (double, (gsize) cells * classes);
  for (guint j = 0; j < gh; j++)
    for (guint i = 0; i < gw; i++)
      mlr_grid_cell_center (&net->grid, i, j, &pts[2 * (j * gw + i)], &pts[2 * (j * gw + i) + 1]);
  mlr_classifier_predict_proba (clf, pts, cells, proba);
  for (guint u = 0; u < net->shown[out_layer]; u++)
    {
      const float *map = mlr_mlp_network_map (net, out_layer, u, NULL);
      guint cls = classes == 2 ? 1 : u;
      /* with more classes predict_proba renormalises the single-precision softmax */
      double tol = classes == 2 ? 1e-12 : 1e-6;
      for (guint c = 0; c < cells; c++)
        g_assert_cmpfloat_with_epsilon (map[c], proba[(gsize) c * classes + cls], tol);
    }

  /* inputs: the standardized coordinates */
  moments (ds, 0, &m0, &s0);
  moments (ds, 1, &m1, &s1);
  for (guint c = 0; c < cells; c++)
    {
      g_assert_cmpfloat_with_epsilon (mlr_mlp_network_map (net, 0, 0, NULL)[c],
                                      (pts[2 * c] - m0) / s0, 1e-6);
      g_assert_cmpfloat_with_epsilon (mlr_mlp_network_map (net, 0, 1, NULL)[c],
                                      (pts[2 * c + 1] - m1) / s1, 1e-6);
    }

  /* the first hidden layer: f(w . x + b) from the snapshot's own weights */
  for (guint u = 0; u < net->shown[1]; u++)
    {
      float max_abs, seen = 0;
      const float *map = mlr_mlp_network_map (net, 1, u, &max_abs);
      for (guint c = 0; c < cells; c++)
        {
          double x1 = (pts[2 * c] - m0) / s0, x2 = (pts[2 * c + 1] - m1) / s1;
          double z = net->bias[net->b_off[0] + u] + mlr_mlp_network_weight (net, 0, 0, u) * x1 +
                     mlr_mlp_network_weight (net, 0, 1, u) * x2;
          double want = act (net->activation, z);
          g_assert_cmpfloat_with_epsilon (map[c], want, 2e-5 * (1 + fabs (want)));
          seen = MAX (seen, fabsf (map[c]));
        }
      g_assert_cmpfloat (max_abs, ==, seen);
    }

  /* edges: the largest |w| of the shown ones bounds them all; the strongest are sorted and
   * at least as strong as any shown edge */
  {
    double top = 0;
    g_assert_cmpuint (net->n_strongest, ==, MIN (MLR_MLP_NETWORK_N_STRONGEST, net->n_weights));
    for (guint l = 0; l + 1 < net->n_layers; l++)
      for (guint i = 0; i < net->shown[l]; i++)
        for (guint j = 0; j < net->shown[l + 1]; j++)
          top = MAX (top, fabs (mlr_mlp_network_weight (net, l, i, j)));
    g_assert_cmpfloat (net->max_abs_weight, ==, top);
    g_assert_cmpfloat (fabs (net->strongest[0].weight), >=, top);
    for (guint s = 1; s < net->n_strongest; s++)
      g_assert_cmpfloat (fabs (net->strongest[s - 1].weight), >=, fabs (net->strongest[s].weight));
    for (guint s = 0; s < net->n_strongest; s++)
      {
        const MlrMlpEdge *e = &net->strongest[s];
        g_assert_cmpuint (e->layer + 1, <, net->n_layers);
        g_assert_cmpuint (e->from, <, net->sizes[e->layer]);
        g_assert_cmpuint (e->to, <, net->sizes[e->layer + 1]);
        if (e->from < net->shown[e->layer] && e->to < net->shown[e->layer + 1])
          g_assert_cmpfloat (mlr_mlp_network_weight (net, e->layer, e->from, e->to), ==,
                             e->weight);
      }
  }
}

static void
test_network_binary (void)
{
  check_network (2, "6,5", "tanh");
  check_network (2, "4", "relu");
}

static void
test_network_multiclass (void)
{
  check_network (3, "5", "logistic");
}

/* A layer wider than the view shows its first units; the strongest weights are those of
 * the whole network: with every weight shown, exactly the three largest |w|. */
static void
test_network_truncated (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 80, 0.2, 2, 2, NULL);
  g_autoptr(MlrClassifier) wide = make_classifier ("hidden=20", "epochs=5", NULL);
  g_autoptr(MlrClassifier) small = make_classifier ("hidden=3", "epochs=5", NULL);
  MlrGrid plane = { 100, 100, -1, 1, 1, -1 };
  g_autoptr(MlrMlpNetwork) net = NULL;
  g_autoptr(MlrMlpNetwork) all = NULL;
  double w[9];
  guint n = 0;

  g_assert_true (mlr_classifier_fit (wide, ds, NULL));
  net = mlr_mlp_network_new (wide, &plane, MLR_MLP_NETWORK_GRID);
  g_assert_cmpuint (net->sizes[1], ==, 20);
  g_assert_cmpuint (net->shown[1], ==, MLR_MLP_NETWORK_MAX_SHOWN);
  g_assert_cmpuint (net->n_maps, ==, 2 + MLR_MLP_NETWORK_MAX_SHOWN + 1);
  g_assert_cmpuint (net->n_weights, ==, 2 * 20 + 20);
  g_assert_cmpuint (net->grid.width, ==, MLR_MLP_NETWORK_GRID);
  g_assert_cmpuint (net->grid.height, ==, MLR_MLP_NETWORK_GRID);

  g_assert_true (mlr_classifier_fit (small, ds, NULL));
  all = mlr_mlp_network_new (small, &plane, MLR_MLP_NETWORK_GRID);
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < all->shown[l]; i++)
      for (guint j = 0; j < all->shown[l + 1]; j++)
        w[n++] = fabs (mlr_mlp_network_weight (all, l, i, j));
  g_assert_cmpuint (n, ==, 9);
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      if (w[b] > w[a])
        {
          double t = w[a];
          w[a] = w[b];
          w[b] = t;
        }
  for (guint s = 0; s < 3; s++)
    g_assert_cmpfloat (fabs (all->strongest[s].weight), ==, w[s]);
}

/* 2 x 1024 hidden units: the maps get coarser than 24 (but not below 8) and stay finite;
 * an untrained network already has a picture. */
static void
test_network_huge (void)
{
  g_autoptr(MlrDataset) ds = mlr_dataset_generate (MLR_DATASET_MOONS, 40, 0.2, 2, 2, NULL);
  g_autoptr(MlrClassifier) clf = make_classifier ("hidden=1024,1024", NULL);
  MlrGrid plane = { 100, 100, -3, 3, 3, -3 };
  g_autoptr(MlrMlpNetwork) net = NULL;
  gint64 t0;

  g_assert_true (mlr_classifier_mlp_start (clf, ds, NULL));
  t0 = g_get_monotonic_time ();
  net = mlr_mlp_network_new (clf, &plane, MLR_MLP_NETWORK_GRID);
  g_assert_cmpuint (net->grid.width, <, MLR_MLP_NETWORK_GRID);
  g_assert_cmpuint (net->grid.width, >=, 8);
  g_assert_cmpuint (net->n_weights, ==, 2 * 1024 + 1024 * 1024 + 1024);
  for (gsize c = 0; c < (gsize) net->n_maps * net->grid.width * net->grid.height; c++)
    g_assert_true (isfinite (net->maps[c]));
  g_test_message ("2 x 1024 units: %ux%u maps in %.1f ms", net->grid.width, net->grid.height,
                  (g_get_monotonic_time () - t0) / 1000.0);
}

/* Only an mlp has a network; the demo's result carries one for an mlp and none otherwise. */
static void
test_network_in_result (void)
{
  const char *models[] = { "mlp", "logreg" };

  g_assert_null (mlr_mlp_network_new (NULL, &(MlrGrid) { 4, 4, 0, 1, 1, 0 }, 24));
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint n_specs;
      const MlrParamSpec *specs = mlr_boundary_state_param_specs (&n_specs);
      g_autoptr(MlrParams) params = mlr_params_new (specs, n_specs);
      g_autoptr(MlrBoundaryState) state = NULL;
      g_autofree char *model = g_strdup_printf ("model=%s", models[m]);
      MlrGrid grid = { 60, 40, -2, 3, 1.5, -1 };
      const MlrBoundaryResult *r;

      g_assert_true (mlr_params_parse_assignment (params, model, NULL));
      g_assert_true (mlr_params_parse_assignment (params, "hidden=4", NULL));
      g_assert_true (mlr_params_parse_assignment (params, "epochs=20", NULL));
      g_assert_true (mlr_params_parse_assignment (params, "view=network", NULL));
      state = mlr_boundary_state_new (params, NULL);
      g_assert_nonnull (state);
      g_assert_true (mlr_boundary_state_fit_sync (state, &grid, NULL));
      r = mlr_boundary_state_get_result (state);
      g_assert_cmpint (mlr_boundary_state_get_show_network (state), ==, m == 0);
      if (m == 0)
        {
          g_assert_nonnull (r->network);
          g_assert_cmpfloat (r->network->grid.x0, ==, r->grid.x0);
          g_assert_cmpfloat (r->network->grid.y1, ==, r->grid.y1);
          g_assert_cmpuint (r->network->shown[1], ==, 4);
        }
      else
        g_assert_null (r->network);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ml/mlp-network/units", test_units);
  g_test_add_func ("/ml/mlp-network/binary", test_network_binary);
  g_test_add_func ("/ml/mlp-network/multiclass", test_network_multiclass);
  g_test_add_func ("/ml/mlp-network/truncated", test_network_truncated);
  g_test_add_func ("/ml/mlp-network/huge", test_network_huge);
  g_test_add_func ("/ml/mlp-network/in-result", test_network_in_result);
  return g_test_run ();
}
