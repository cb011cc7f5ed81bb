/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-mlp-network.h"

#include <math.h>
#include <string.h>

#include "mlr-classifier-private.h"

/* Grid cells x weights of the whole network: above this the maps get coarser (down to 8
 * cells a side), so a 4 x 1024 network does not stall the fitting thread for its picture. */
#define NETWORK_BUDGET 2e7
#define MIN_SIDE       8

static void
keep_strongest (MlrMlpNetwork *net,
                guint          layer,
                guint          from,
                guint          to,
                double         w)
{
  guint pos = net->n_strongest;

  if (pos == MLR_MLP_NETWORK_N_STRONGEST &&
      fabs (w) <= fabs (net->strongest[pos - 1].weight))
    return;
  if (pos == MLR_MLP_NETWORK_N_STRONGEST)
    pos--;
  else
    net->n_strongest++;
  while (pos > 0 && fabs (net->strongest[pos - 1].weight) < fabs (w))
    {
      net->strongest[pos] = net->strongest[pos - 1];
      pos--;
    }
  net->strongest[pos] = (MlrMlpEdge) { layer, from, to, w };
}

/* The maps' raster: the plane's range, @side cells along its longer side. */
static void
map_grid (const MlrGrid *plane,
          guint          side,
          MlrGrid       *grid)
{
  double ax = fabs (plane->x1 - plane->x0), ay = fabs (plane->y1 - plane->y0);

  *grid = *plane;
  if (!(ax > 0) || !(ay > 0) || !isfinite (ax / ay))
    ax = ay = 1;
  if (ax >= ay)
    {
      grid->width = side;
      grid->height = (guint) CLAMP (round (side * ay / ax), 2, side);
    }
  else
    {
      grid->height = side;
      grid->width = (guint) CLAMP (round (side * ax / ay), 2, side);
    }
}

/**
 * mlr_mlp_network_new:
 * @clf: a fitted (or started) mlp classifier
 * @plane: the plane's raster (its range is used; rows top-down when y0 > y1)
 * @max_side: cells along the longer side of each map (MLR_MLP_NETWORK_GRID); fewer for a
 *   network so large that the maps would cost more than the budget
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL when @clf holds no network
 */
MlrMlpNetwork *
mlr_mlp_network_new (const MlrClassifier *clf,
                     const MlrGrid       *plane,
                     guint                max_side)
{
  g_autoptr(MlrMlpNetwork) net = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  const MlrMlp *mlp;
  guint L, side;
  gsize cells, off = 0, boff = 0;
  double total = 0;

  g_return_val_if_fail (plane != NULL, NULL);
  if (clf == NULL || clf->kind != MLR_MODEL_MLP || clf->mlp == NULL)
    return NULL;
  mlp = clf->mlp;
  L = mlr_mlp_get_n_layers (mlp);
  net = g_new0 (MlrMlpNetwork, 1);
  net->n_layers = L + 1;
  net->n_classes = clf->n_classes;
  net->activation = mlr_mlp_get_activation (mlp);
  for (guint l = 0; l <= L; l++)
    {
      net->sizes[l] = mlr_mlp_get_layer_size (mlp, l);
      net->shown[l] = MIN (net->sizes[l], MLR_MLP_NETWORK_MAX_SHOWN);
      net->n_maps += net->shown[l];
    }
  for (guint l = 0; l < L; l++)
    total += (double) net->sizes[l] * net->sizes[l + 1];
  net->n_weights = (guint) total;

  side = CLAMP (max_side, 2, 256);
  if ((double) side * side * total > NETWORK_BUDGET)
    side = (guint) MAX (MIN_SIDE, floor (sqrt (NETWORK_BUDGET / total)));
  side = MIN (side, CLAMP (max_side, 2, 256));
  map_grid (plane, side, &net->grid);
  cells = (gsize) net->grid.width * net->grid.height;

  /* the cell centres in the model's (standardized) coordinates, in the grid's order */
  xs = g_new (double, net->grid.width);
  ys = g_new (double, net->grid.height);
  for (guint i = 0; i < net->grid.width; i++)
    {
      double x, y;
      mlr_grid_cell_center (&net->grid, i, 0, &x, &y);
      xs[i] = (x - clf->mean[0]) / clf->scale[0];
    }
  for (guint j = 0; j < net->grid.height; j++)
    {
      double x, y;
      mlr_grid_cell_center (&net->grid, 0, j, &x, &y);
      ys[j] = (y - clf->mean[1]) / clf->scale[1];
    }
  net->maps = g_new (float, net->n_maps * cells);
  mlr_mlp_eval_units (mlp, xs, net->grid.width, ys, net->grid.height,
                      MLR_MLP_NETWORK_MAX_SHOWN, net->maps);
  net->max_abs = g_new0 (float, net->n_maps);
  for (guint m = 0; m < net->n_maps; m++)
    for (gsize c = 0; c < cells; c++)
      {
        float *v = &net->maps[m * cells + c];
        if (!isfinite (*v))
          *v = 0;
        net->max_abs[m] = MAX (net->max_abs[m], fabsf (*v));
      }

  /* the shown edges, and the strongest of all */
  for (guint l = 0; l < L; l++)
    {
      net->w_off[l] = off;
      net->b_off[l] = boff;
      off += (gsize) net->shown[l] * net->shown[l + 1];
      boff += net->shown[l + 1];
    }
  net->weights = g_new (double, MAX (off, 1));
  net->bias = g_new (double, MAX (boff, 1));
  for (guint l = 0; l < L; l++)
    {
      const double *b;
      const double *W = mlr_mlp_get_weights (mlp, l, &b);
      guint out = net->sizes[l + 1];

      for (guint i = 0; i < net->sizes[l]; i++)
        for (guint j = 0; j < out; j++)
          {
            double w = W[(gsize) i * out + j];
            if (!isfinite (w))
              w = 0;
            keep_strongest (net, l, i, j, w);
            if (i < net->shown[l] && j < net->shown[l + 1])
              {
                net->weights[net->w_off[l] + (gsize) i * net->shown[l + 1] + j] = w;
                net->max_abs_weight = MAX (net->max_abs_weight, fabs (w));
              }
          }
      for (guint j = 0; j < net->shown[l + 1]; j++)
        net->bias[net->b_off[l] + j] = isfinite (b[j]) ? b[j] : 0;
    }
  return g_steal_pointer (&net);
}

void
mlr_mlp_network_free (MlrMlpNetwork *net)
{
  if (net == NULL)
    return;
  g_free (net->maps);
  g_free (net->max_abs);
  g_free (net->weights);
  g_free (net->bias);
  g_free (net);
}

/* Which map (0 .. n_maps - 1) shows unit @unit of layer @layer (both shown). */
guint
mlr_mlp_network_map_index (const MlrMlpNetwork *net,
                           guint                layer,
                           guint                unit)
{
  guint m = 0;

  g_return_val_if_fail (layer < net->n_layers && unit < net->shown[layer], 0);
  for (guint l = 0; l < layer; l++)
    m += net->shown[l];
  return m + unit;
}

/**
 * mlr_mlp_network_map:
 * @max_abs: (out) (optional): the largest |value| on the map
 *
 * The map of unit @unit of layer @layer (a shown one): grid.width x grid.height values, rows
 * as the grid's (top-down for the plane's raster).
 */
const float *
mlr_mlp_network_map (const MlrMlpNetwork *net,
                     guint                layer,
                     guint                unit,
                     float               *max_abs)
{
  guint m = mlr_mlp_network_map_index (net, layer, unit);

  if (max_abs != NULL)
    *max_abs = net->max_abs[m];
  return net->maps + (gsize) m * net->grid.width * net->grid.height;
}

/* The weight from shown unit @from of layer @layer to shown unit @to of layer @layer + 1. */
double
mlr_mlp_network_weight (const MlrMlpNetwork *net,
                        guint                layer,
                        guint                from,
                        guint                to)
{
  g_return_val_if_fail (layer + 1 < net->n_layers, 0);
  g_return_val_if_fail (from < net->shown[layer] && to < net->shown[layer + 1], 0);
  return net->weights[net->w_off[layer] + (gsize) from * net->shown[layer + 1] + to];
}
