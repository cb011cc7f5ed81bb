/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mlr-shuffle-state: the state of the "shuffle" demo — one Spark job that groups or joins a
 * table of `rows` rows whose `keys` distinct keys follow a Zipf law, on `executors` × `cores`
 * task slots. A map stage reads the table in 128 MiB splits and writes the shuffle; a reduce
 * stage of `partitions` tasks fetches it by hash partition and groups or joins. A broadcast
 * join has no shuffle: the small side goes to every executor and one map-side stage joins.
 *
 * Nothing is simulated row by row: a partition's rows are the Zipf masses of the keys hashed
 * to it, times `rows`. The 1,024 most frequent keys (and their salted sub-keys) are hashed
 * one by one; the rest of the keys, each under 1/1024 of the rows, are spread evenly over
 * the partitions. A map-side combine (groupby-count) sends one partial count per distinct
 * key seen in a split: the expected number, 1 − (1 − p)^n per key. So the work is bounded by
 * the number of tasks, whatever `rows` is. The costs are fixed, illustrative figures for a
 * cluster of 2020s machines (see the MLR_SHUFFLE_* constants and the registry's `.model`).
 *
 * Plain C + GLib.
 */
#pragma once

#include <glib.h>

#include "mlr-metrics.h"
#include "mlr-params.h"

G_BEGIN_DECLS

/* The illustrative cost model (per task slot unless said otherwise). */
#define MLR_SHUFFLE_ROW_BYTES      100.0      /* a row of either table in storage */
#define MLR_SHUFFLE_SPLIT_BYTES    (128.0 * 1024 * 1024)  /* one map task's input */
#define MLR_SHUFFLE_RECORD_BYTES   48.0       /* a shuffled row: key + value, serialized */
#define MLR_SHUFFLE_PARTIAL_BYTES  24.0       /* a partial count: key + long */
#define MLR_SHUFFLE_MAP_CPU        0.4e-6     /* s per row: read, parse, hash, serialize */
#define MLR_SHUFFLE_COUNT_CPU      0.1e-6     /* s per record merged into a count */
#define MLR_SHUFFLE_COLLECT_CPU    0.3e-6     /* s per row appended to a key's list */
#define MLR_SHUFFLE_JOIN_CPU       0.6e-6     /* s per row sorted and merged */
#define MLR_SHUFFLE_PROBE_CPU      0.2e-6     /* s per row looked up in a broadcast table */
#define MLR_SHUFFLE_TASK_OVERHEAD  0.05       /* s to schedule, launch and commit a task */
#define MLR_SHUFFLE_NET_MBPS       1250.0     /* MB/s per executor (10 Gbit/s), shared by its cores */
#define MLR_SHUFFLE_DISK_MBPS      500.0      /* MB/s per executor (local SSD), shared */
#define MLR_SHUFFLE_EXECUTOR_MB    8192.0     /* executor memory; 60% for tasks, shared */
#define MLR_SHUFFLE_EXPANSION      2.0        /* bytes in memory per shuffled byte */

#define MLR_SHUFFLE_EXPLICIT_KEYS  1024       /* keys hashed one by one; the rest spread */
#define MLR_SHUFFLE_MAX_ROWS       1e11
#define MLR_SHUFFLE_MAX_KEYS       1e9
#define MLR_SHUFFLE_MAX_PARTITIONS 20000
#define MLR_SHUFFLE_MAX_EXECUTORS  200
#define MLR_SHUFFLE_MAX_CORES      16
#define MLR_SHUFFLE_MAX_SALT       64

typedef enum {
  MLR_SHUFFLE_GROUPBY_COUNT,
  MLR_SHUFFLE_GROUPBY_COLLECT,
  MLR_SHUFFLE_JOIN,
} MlrShuffleOperation;

typedef enum {
  MLR_SHUFFLE_TASK_MAP,      /* reads a split of the big table, writes the shuffle */
  MLR_SHUFFLE_TASK_MAP_SMALL, /* the same for the small side of a sort-merge join */
  MLR_SHUFFLE_TASK_REDUCE,   /* fetches one partition and groups or joins it */
  MLR_SHUFFLE_TASK_BROADCAST_JOIN, /* joins one split against the broadcast table */
} MlrShuffleTaskKind;

typedef struct {
  double             start;  /* s from the job's start */
  double             end;
  guint              slot;   /* executor × cores + core */
  guint              index;  /* partition of a reduce task, split of a map task */
  MlrShuffleTaskKind kind;
} MlrShuffleTask;

typedef struct _MlrShuffleState MlrShuffleState;

const MlrParamSpec *mlr_shuffle_state_param_specs  (guint                 *n_specs);
const char * const *mlr_shuffle_state_metric_names (void);

MlrShuffleState    *mlr_shuffle_state_new          (const MlrParams       *params,
                                                    GError               **error);
gboolean            mlr_shuffle_state_check        (const MlrParams       *params,
                                                    GError               **error);
void                mlr_shuffle_state_free         (MlrShuffleState       *self);

MlrShuffleOperation mlr_shuffle_state_get_operation (const MlrShuffleState *self);
gboolean            mlr_shuffle_state_is_broadcast (const MlrShuffleState *self);
double              mlr_shuffle_state_get_rows     (const MlrShuffleState *self);
double              mlr_shuffle_state_get_keys     (const MlrShuffleState *self);
double              mlr_shuffle_state_get_zipf     (const MlrShuffleState *self);
guint               mlr_shuffle_state_get_partitions (const MlrShuffleState *self);
guint               mlr_shuffle_state_get_slots    (const MlrShuffleState *self);
guint               mlr_shuffle_state_get_executors (const MlrShuffleState *self);
guint               mlr_shuffle_state_get_cores    (const MlrShuffleState *self);
guint               mlr_shuffle_state_get_salt     (const MlrShuffleState *self);
double              mlr_shuffle_state_get_small_mb (const MlrShuffleState *self);
double              mlr_shuffle_state_get_hot_share (const MlrShuffleState *self);

guint               mlr_shuffle_state_get_map_tasks (const MlrShuffleState *self);
double              mlr_shuffle_state_get_split_rows (const MlrShuffleState *self);
const double       *mlr_shuffle_state_get_partition_rows (const MlrShuffleState *self,
                                                    guint                 *n);
const double       *mlr_shuffle_state_get_partition_records (const MlrShuffleState *self,
                                                    guint                 *n);
guint               mlr_shuffle_state_get_largest_partition (const MlrShuffleState *self);

const MlrShuffleTask *mlr_shuffle_state_get_tasks  (const MlrShuffleState *self,
                                                    guint                 *n);
const guint        *mlr_shuffle_state_get_slot_order (const MlrShuffleState *self,
                                                    const guint          **slot_start);
guint               mlr_shuffle_state_get_straggler (const MlrShuffleState *self);

double              mlr_shuffle_state_get_job_seconds (const MlrShuffleState *self);
double              mlr_shuffle_state_get_stage_start (const MlrShuffleState *self);
double              mlr_shuffle_state_get_broadcast_seconds (const MlrShuffleState *self);
double              mlr_shuffle_state_get_stage_seconds (const MlrShuffleState *self);
double              mlr_shuffle_state_get_max_task_seconds (const MlrShuffleState *self);
double              mlr_shuffle_state_get_median_task_seconds (const MlrShuffleState *self);
double              mlr_shuffle_state_get_shuffled_mb (const MlrShuffleState *self);
double              mlr_shuffle_state_get_largest_partition_rows (const MlrShuffleState *self);
double              mlr_shuffle_state_get_spilled_mb (const MlrShuffleState *self);

guint               mlr_shuffle_partition_of       (guint64                key,
                                                    guint                  salt,
                                                    guint                  partitions);

void                mlr_shuffle_state_collect_metrics (const MlrShuffleState *self,
                                                    MlrMetricFunc          func,
                                                    gpointer               user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MlrShuffleState, mlr_shuffle_state_free)

G_END_DECLS
