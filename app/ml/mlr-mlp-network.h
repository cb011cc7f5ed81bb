/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-mlp-network: a snapshot of a fitted (or training) MLP classifier as the decision-boundary
 * demo's network view draws it — every unit's output over a coarse raster of the plane, and
 * the weights between the units — as plain data, so the painter never touches the model and
 * the snapshot can be made on the fitting thread.
 *
 * A layer with more than MLR_MLP_NETWORK_MAX_SHOWN units shows its first ones; the weights
 * are kept between shown units only, and the strongest weights of the whole network are kept
 * apart (for the screen-reader sentence). Maps are in the model's terms: the inputs are the
 * standardized features, a hidden unit's map is its activation f(w . a + b), an output's the
 * probability of its class (of class 1 with two classes).
 */
#pragma once

#include "mlr-classifier.h"
#include "mlr-mlp.h"

G_BEGIN_DECLS

#define MLR_MLP_NETWORK_MAX_SHOWN   8    /* units per layer drawn */
#define MLR_MLP_NETWORK_GRID        24   /* cells along the longer side of a unit's map */
#define MLR_MLP_NETWORK_N_STRONGEST 3
#define MLR_MLP_NETWORK_MAX_LAYERS  (MLR_MLP_MAX_LAYERS + 2)

/* Weight @weight from unit @from of unit layer @layer to unit @to of layer @layer + 1. */
typedef struct {
  guint  layer;
  guint  from;
  guint  to;
  double weight;
} MlrMlpEdge;

typedef struct {
  guint          n_layers;                              /* unit layers: inputs .. outputs */
  guint          sizes[MLR_MLP_NETWORK_MAX_LAYERS];     /* units per layer */
  guint          shown[MLR_MLP_NETWORK_MAX_LAYERS];     /* min (size, MAX_SHOWN) */
  guint          n_classes;
  MlrActivation  activation;
  MlrGrid        grid;          /* the maps' raster, data coordinates, as the plane's */
  guint          n_maps;        /* sum of shown[] */
  float         *maps;          /* n_maps x grid cells, layer by layer, unit by unit */
  float         *max_abs;       /* per map: the largest |value| on it */
  double        *weights;       /* per weight layer l (offsets w_off): shown[l] x shown[l+1] */
  double        *bias;          /* per shown non-input unit, layer by layer (offsets b_off) */
  gsize          w_off[MLR_MLP_NETWORK_MAX_LAYERS];
  gsize          b_off[MLR_MLP_NETWORK_MAX_LAYERS];
  double         max_abs_weight;                        /* over the shown edges */
  guint          n_weights;                             /* weights in the whole network */
  MlrMlpEdge     strongest[MLR_MLP_NETWORK_N_STRONGEST]; /* over the whole network */
  guint          n_strongest;
} MlrMlpNetwork;

MlrMlpNetwork *mlr_mlp_network_new        (const MlrClassifier *clf,
                                           const MlrGrid       *plane,
                                           guint                max_side);
void           mlr_mlp_network_free       (MlrMlpNetwork       *net);
const float   *mlr_mlp_network_map        (const MlrMlpNetwork *net,
                                           guint                layer,
                                           guint                unit,
                                           float               *max_abs);
double         mlr_mlp_network_weight     (const MlrMlpNetwork *net,
                                           guint                layer,
                                           guint                from,
                                           guint                to);
guint          mlr_mlp_network_map_index  (const MlrMlpNetwork *net,
                                           guint                layer,
                                           guint                unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrMlpNetwork, mlr_mlp_network_free)

G_END_DECLS
