/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mlr-shuffle-state.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MIB (1024.0 * 1024.0)
#define TAIL_BUCKETS 256

struct _MlrShuffleState
{
  /* the parameters */
  MlrShuffleOperation operation;
  double rows;
  double keys;            /* whole, ≥ 1 */
  double zipf;
  guint  partitions;
  guint  executors;
  guint  cores;
  guint  salt;
  double broadcast_mb;

  /* the data */
  double  hot_share;      /* the most frequent key's share of the rows */
  double  small_mb;       /* the join's small side: one row per key */
  gboolean broadcast;
  guint   map_tasks;      /* splits of the big table */
  double  split_rows;
  double *partition_rows;    /* rows whose key hashes to each partition (sum: rows) */
  double *partition_records; /* what each reduce task fetches: rows, or partial counts */
  double *small_rows;        /* the join's small side, per partition (salted: replicated) */
  guint   largest;

  /* the job */
  MlrShuffleTask *tasks;
  guint   n_tasks;
  guint   first_stage_task;  /* the tasks of the stage the metrics are about start here */
  guint  *slot_order;        /* task indices by slot, each slot's in time order */
  guint  *slot_start;        /* slots + 1 offsets into slot_order */
  guint   straggler;
  double  stage_start;
  double  broadcast_seconds;
  double  job_seconds;
  double  stage_seconds;
  double  max_task;
  double  median_task;
  double  shuffled_mb;
  double  spilled_mb;
};

static const char * const operations[] = {
  "groupby-count", "groupby-collect", "join", NULL
};
static const char * const operation_titles[] = {
  N_("groupBy + count"), N_("groupBy + collect_list"), N_("join"), NULL
};
static const char * const operation_help[] = {
  N_("Counts rows per key; each map task first counts its own split (map-side combine), so "
     "at most one partial count per key and split crosses the network"),
  N_("Collects every row of a key into a list: no combine is possible, every row is shuffled "
     "and a hot key's rows all land in one task"),
  N_("Joins with a table of one 100-byte row per key: sort-merge (both sides shuffled by "
     "key), or broadcast when that table is under the broadcast threshold"),
  NULL
};

static const MlrParamSpec param_specs[] = {
  { .key = "operation", .type = MLR_PARAM_CHOICE, .default_value = "groupby-count",
    .choices = operations, .choice_titles = operation_titles, .choice_help = operation_help,
    .help = N_("What the stage after the shuffle does with each key's rows"),
    .label = N_("Operation") },
  { .key = "zipf", .type = MLR_PARAM_NUMBER, .default_value = "1", .min = 0, .max = 3,
    .help = N_("Skew: the key of rank k holds a share proportional to 1/k^s (Zipf's law). "
               "0 = every key equally often; from 0 to 3"),
    .label = N_("Zipf exponent s"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 0.05, .digits = 2 },
  { .key = "salt", .type = MLR_PARAM_INT, .default_value = "1", .min = 1,
    .max = MLR_SHUFFLE_MAX_SALT,
    .help = N_("Salting: each row's key gets a random suffix 0 … salt − 1, so a key's rows "
               "spread over that many partitions (a join copies each row of the small side "
               "once per suffix). 1 = no salt; at most 64"),
    .label = N_("Salt buckets"), .ui = MLR_PARAM_UI_SLIDER, .ui_step = 1 },
  { .key = "partitions", .type = MLR_PARAM_INT, .default_value = "200", .min = 1,
    .max = MLR_SHUFFLE_MAX_PARTITIONS,
    .help = N_("spark.sql.shuffle.partitions: how many reduce tasks the shuffle feeds "
               "(keys go to partitions by hash); 1 to 20,000"),
    .label = N_("Shuffle partitions"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1, .ui_max = 20000,
    .row = 1 },
  { .key = "executors", .type = MLR_PARAM_INT, .default_value = "20", .min = 1,
    .max = MLR_SHUFFLE_MAX_EXECUTORS,
    .help = N_("Executors, each with its own 10 Gbit/s network, local SSD and 8 GiB of "
               "memory; 1 to 200"),
    .label = N_("Executors"), .row = 1 },
  { .key = "cores", .type = MLR_PARAM_INT, .default_value = "4", .min = 1,
    .max = MLR_SHUFFLE_MAX_CORES,
    .help = N_("Cores per executor: task slots that share the executor's network, disk and "
               "memory; 1 to 16"),
    .label = N_("Cores each"), .row = 1 },
  { .key = "rows", .type = MLR_PARAM_NUMBER, .default_value = "1e9", .min = 1000,
    .max = MLR_SHUFFLE_MAX_ROWS,
    .help = N_("Rows of the big table, 100 bytes each (1,000 to 10¹¹, that is up to 9.1 TiB)"),
    .label = N_("Rows"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1e6, .ui_max = 1e11, .more = TRUE },
  { .key = "keys", .type = MLR_PARAM_NUMBER, .default_value = "1e6", .min = 1,
    .max = MLR_SHUFFLE_MAX_KEYS,
    .help = N_("Distinct keys (rounded down to a whole number; 1 to 10⁹). The join's small "
               "side has one 100-byte row per key"),
    .label = N_("Distinct keys"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1, .ui_max = 1e9,
    .more = TRUE },
  { .key = "broadcast_mb", .type = MLR_PARAM_NUMBER, .default_value = "10", .min = 0,
    .max = 2048,
    .help = N_("spark.sql.autoBroadcastJoinThreshold in MiB: a join whose small side is "
               "smaller is a broadcast join (0 = never); 0 to 2048, a quarter of an "
               "executor's memory"),
    .label = N_("Broadcast threshold (MiB)"), .ui = MLR_PARAM_UI_LOG, .ui_min = 1,
    .ui_max = 2048, .more = TRUE },
};

static const char * const metric_names[] = {
  "stage_seconds", "max_task_seconds", "median_task_seconds", "shuffled_mb",
  "largest_partition_rows", NULL
};

const MlrParamSpec *
mlr_shuffle_state_param_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (param_specs);
  return param_specs;
}

const char * const *
mlr_shuffle_state_metric_names (void)
{
  return metric_names;
}

/* SplitMix64's finalizer: a well-mixed 64-bit hash, easy to reproduce in a test. */
static guint64
splitmix64 (guint64 x)
{
  guint64 z = x + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/**
 * mlr_shuffle_partition_of:
 * The hash partition of the key of rank @key (1 = the most frequent) with salt suffix @salt
 * (0 when not salted): splitmix64 (key × 256 + salt) mod @partitions.
 */
guint
mlr_shuffle_partition_of (guint64 key,
                          guint   salt,
                          guint   partitions)
{
  return (guint) (splitmix64 ((key << 8) | (salt & 0xff)) % partitions);
}

/* ∫_a^b x^−s dx */
static double
power_integral (double a,
                double b,
                double s)
{
  if (fabs (1 - s) < 1e-9)
    return log (b / a);
  return (pow (b, 1 - s) - pow (a, 1 - s)) / (1 - s);
}

/* 1 − (1 − q)^n: the chance that a sub-key of share q shows up among n rows. */
static double
seen_in (double q,
         double n)
{
  if (q >= 1)
    return n > 0 ? 1 : 0;
  return -expm1 (n * log1p (-q));
}

/* How the rows fall into the partitions: Zipf shares, hashing, salting and, for a count,
 * the map-side combine. */
static void
distribute (MlrShuffleState *self)
{
  guint P = self->partitions;
  guint s = self->salt;
  guint K = (guint) MIN (self->keys, MLR_SHUFFLE_EXPLICIT_KEYS);
  double tail_keys = self->keys - K;
  guint B = tail_keys > 0 ? (guint) MIN (TAIL_BUCKETS, tail_keys) : 0;
  double w[MLR_SHUFFLE_EXPLICIT_KEYS] = { 0 };
  double bucket_mass[TAIL_BUCKETS] = { 0 }, bucket_keys[TAIL_BUCKETS] = { 0 };
  double Z = 0, tail_mass = 0, tail_seen = 0, n = self->split_rows;
  double *seen = g_new0 (double, P);

  /* The explicit keys' weights k^−s, and the tail's as integrals over geometric buckets of
   * ranks (the midpoint rule for sums: within 1e-7 of the sum for ranks over 1,024). */
  for (guint k = 1; k <= K; k++)
    Z += w[k - 1] = exp (-self->zipf * log ((double) k));
  if (B > 0)
    {
      double lo = K + 0.5, hi = self->keys + 0.5;
      double r = log (hi / lo) / B;

      for (guint i = 0; i < B; i++)
        {
          double a = lo * exp (r * i), b = i + 1 == B ? hi : lo * exp (r * (i + 1));
          bucket_keys[i] = b - a;
          bucket_mass[i] = power_integral (a, b, self->zipf);
          Z += bucket_mass[i];
        }
    }
  self->hot_share = w[0] / Z;

  for (guint k = 1; k <= K; k++)
    {
      double q = w[k - 1] / Z / s;
      double d = seen_in (q, n);
      for (guint t = 0; t < s; t++)
        {
          guint j = mlr_shuffle_partition_of (k, s > 1 ? t : 0, P);
          self->partition_rows[j] += q;
          seen[j] += d;
          self->small_rows[j] += 1;
        }
    }
  for (guint i = 0; i < B; i++)
    {
      double m = bucket_mass[i] / Z;
      tail_mass += m;
      tail_seen += bucket_keys[i] * s * seen_in (m / bucket_keys[i] / s, n);
    }

  self->largest = 0;
  for (guint j = 0; j < P; j++)
    {
      self->partition_rows[j] = self->rows * (self->partition_rows[j] + tail_mass / P);
      self->small_rows[j] += tail_keys * s / P;
      if (self->operation == MLR_SHUFFLE_GROUPBY_COUNT)
        self->partition_records[j] = MIN (self->partition_rows[j],
                                          self->map_tasks * (seen[j] + tail_seen / P));
      else
        self->partition_records[j] = self->partition_rows[j];
      if (self->partition_records[j] > self->partition_records[self->largest])
        self->largest = j;
    }
  g_free (seen);
}

/* Spark's scheduling, simplified: the tasks in order, each taken by the slot that is free
 * first (ties: the lowest slot), all slots free at @t0. Returns when the last one ends. */
static double
schedule (MlrShuffleState *self,
          guint            first,
          guint            end,
          double           t0)
{
  guint S = self->executors * self->cores;
  double *free_at = g_new (double, S);
  guint *heap = g_new (guint, S);
  double last = t0;

#define BEFORE(a, b) (free_at[a] < free_at[b] || (free_at[a] == free_at[b] && (a) < (b)))
  for (guint i = 0; i < S; i++)
    {
      free_at[i] = t0;
      heap[i] = i;    /* equal times in id order: already a heap */
    }
  /* Whole waves of equal tasks (a stage's splits) while every slot is free at the same time:
   * the heap would hand them to slots 0 … S − 1 in turn, and leave the slots equal again. */
  for (double t = t0; first + S <= end; )
    {
      double d = self->tasks[first].end;
      guint i;

      for (i = first + 1; i < first + S && self->tasks[i].end == d; i++)
        ;
      if (i < first + S)
        break;
      for (i = 0; i < S; i++)
        {
          MlrShuffleTask *task = &self->tasks[first + i];
          task->slot = i;
          task->start = t;
          task->end = t + d;
          free_at[i] = task->end;
        }
      t = t + d;
      last = MAX (last, t);
      first += S;
    }
  for (guint i = first; i < end; i++)
    {
      MlrShuffleTask *task = &self->tasks[i];
      guint slot = heap[0], pos = 0;
      double duration = task->end;   /* holds the duration until now */

      task->slot = slot;
      task->start = free_at[slot];
      task->end = task->start + duration;
      free_at[slot] = task->end;
      last = MAX (last, task->end);
      /* sift the root down */
      for (;;)
        {
          guint l = 2 * pos + 1, r = l + 1, m = pos;
          if (l < S && BEFORE (heap[l], heap[m]))
            m = l;
          if (r < S && BEFORE (heap[r], heap[m]))
            m = r;
          if (m == pos)
            break;
          heap[pos] = heap[m];
          heap[m] = slot;
          pos = m;
        }
    }
#undef BEFORE
  g_free (free_at);
  g_free (heap);
  return last;
}

/* The k-th smallest of @v (k < n), leaving the smaller ones before it (Wirth's select). */
static double
select_kth (double *v,
            int     n,
            int     k)
{
  int lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[k];
      int i = lo, j = hi;
      do
        {
          while (v[i] < pivot)
            i++;
          while (pivot < v[j])
            j--;
          if (i <= j)
            {
              double t = v[i];
              v[i] = v[j];
              v[j] = t;
              i++;
              j--;
            }
        }
      while (i <= j);
      if (j < k)
        lo = i;
      if (k < i)
        hi = j;
    }
  return v[k];
}

static void
add_task (MlrShuffleState   *self,
          MlrShuffleTaskKind kind,
          guint              index,
          double             duration)
{
  MlrShuffleTask *t = &self->tasks[self->n_tasks++];

  t->kind = kind;
  t->index = index;
  t->end = duration;
}

static void
run_job (MlrShuffleState *self)
{
  double disk = MLR_SHUFFLE_DISK_MBPS * MIB / self->cores;   /* bytes/s per slot */
  double net = MLR_SHUFFLE_NET_MBPS * MIB / self->cores;
  double task_memory = 0.6 * MLR_SHUFFLE_EXECUTOR_MB * MIB / self->cores;
  double n = self->split_rows;
  double input = n * MLR_SHUFFLE_ROW_BYTES;
  guint small_tasks = 0, P = self->partitions;
  double *durations;
  guint n_stage;

  if (!self->broadcast && self->operation == MLR_SHUFFLE_JOIN)
    small_tasks = (guint) MAX (1, ceil (self->keys * MLR_SHUFFLE_ROW_BYTES /
                                        MLR_SHUFFLE_SPLIT_BYTES));
  self->tasks = g_new0 (MlrShuffleTask, self->map_tasks + small_tasks +
                        (self->broadcast ? 0 : P));

  if (self->broadcast)
    {
      double bytes = self->keys * MLR_SHUFFLE_ROW_BYTES;

      /* collected to the driver, sent to every executor, a hash table built on each */
      self->broadcast_seconds = 2 * bytes / (MLR_SHUFFLE_NET_MBPS * MIB) +
                                self->keys * MLR_SHUFFLE_PROBE_CPU;
      for (guint i = 0; i < self->map_tasks; i++)
        add_task (self, MLR_SHUFFLE_TASK_BROADCAST_JOIN, i,
                  MLR_SHUFFLE_TASK_OVERHEAD + input / disk +
                  n * (MLR_SHUFFLE_MAP_CPU + MLR_SHUFFLE_PROBE_CPU));
      self->first_stage_task = 0;
      self->stage_start = 0;
      self->job_seconds = schedule (self, 0, self->n_tasks, self->broadcast_seconds);
      self->stage_seconds = self->job_seconds;
      self->shuffled_mb = 0;
    }
  else
    {
      double out_per_task, shuffled = 0, spilled = 0;
      double records = 0;

      for (guint j = 0; j < P; j++)
        records += self->partition_records[j];
      out_per_task = (self->operation == MLR_SHUFFLE_GROUPBY_COUNT
                      ? records / self->map_tasks * MLR_SHUFFLE_PARTIAL_BYTES
                      : n * MLR_SHUFFLE_RECORD_BYTES);
      for (guint i = 0; i < self->map_tasks; i++)
        add_task (self, MLR_SHUFFLE_TASK_MAP, i,
                  MLR_SHUFFLE_TASK_OVERHEAD + n * MLR_SHUFFLE_MAP_CPU +
                  (input + out_per_task) / disk);
      if (small_tasks > 0)
        {
          double ns = self->keys / small_tasks;
          for (guint i = 0; i < small_tasks; i++)
            add_task (self, MLR_SHUFFLE_TASK_MAP_SMALL, i,
                      MLR_SHUFFLE_TASK_OVERHEAD + ns * MLR_SHUFFLE_MAP_CPU +
                      ns * (MLR_SHUFFLE_ROW_BYTES + self->salt * MLR_SHUFFLE_RECORD_BYTES) /
                      disk);
        }
      self->stage_start = schedule (self, 0, self->n_tasks, 0);
      self->first_stage_task = self->n_tasks;

      for (guint j = 0; j < P; j++)
        {
          double rec = self->partition_records[j];
          double bytes, cpu, spill = 0;

          switch (self->operation)
            {
            case MLR_SHUFFLE_GROUPBY_COUNT:
              bytes = rec * MLR_SHUFFLE_PARTIAL_BYTES;
              cpu = rec * MLR_SHUFFLE_COUNT_CPU;
              break;
            case MLR_SHUFFLE_GROUPBY_COLLECT:
              bytes = rec * MLR_SHUFFLE_RECORD_BYTES;
              cpu = rec * MLR_SHUFFLE_COLLECT_CPU;
              spill = MAX (0, bytes * MLR_SHUFFLE_EXPANSION - task_memory);
              break;
            case MLR_SHUFFLE_JOIN:
            default:
              bytes = (rec + self->small_rows[j]) * MLR_SHUFFLE_RECORD_BYTES;
              cpu = (rec + self->small_rows[j]) * MLR_SHUFFLE_JOIN_CPU;
              spill = MAX (0, bytes * MLR_SHUFFLE_EXPANSION - task_memory);
              break;
            }
          shuffled += bytes;
          spilled += spill;
          /* a spilled byte is written and read back once */
          add_task (self, MLR_SHUFFLE_TASK_REDUCE, j,
                    MLR_SHUFFLE_TASK_OVERHEAD + bytes / net + cpu + 2 * spill / disk);
        }
      self->job_seconds = schedule (self, self->first_stage_task, self->n_tasks,
                                    self->stage_start);
      self->stage_seconds = self->job_seconds - self->stage_start;
      self->shuffled_mb = shuffled / MIB;
      self->spilled_mb = spilled / MIB;
    }

  /* the stage's task times: the longest, and the median as NumPy takes it */
  n_stage = self->n_tasks - self->first_stage_task;
  durations = g_new (double, n_stage);
  self->max_task = 0;
  self->straggler = self->first_stage_task;
  for (guint i = 0; i < n_stage; i++)
    {
      const MlrShuffleTask *t = &self->tasks[self->first_stage_task + i];
      durations[i] = t->end - t->start;
      if (durations[i] > self->max_task)
        {
          self->max_task = durations[i];
          self->straggler = self->first_stage_task + i;
        }
    }
  self->median_task = select_kth (durations, (int) n_stage, (int) (n_stage / 2));
  if (n_stage % 2 == 0)
    {
      /* the lower middle is the largest of those before */
      double lo = durations[0];
      for (guint i = 1; i < n_stage / 2; i++)
        lo = MAX (lo, durations[i]);
      self->median_task = (lo + self->median_task) / 2;
    }
  g_free (durations);
}

/* Task indices grouped by slot (a counting sort; each slot's tasks stay in time order). */
static void
order_by_slot (MlrShuffleState *self)
{
  guint S = self->executors * self->cores;
  guint *fill = g_new0 (guint, S);

  self->slot_start = g_new0 (guint, S + 1);
  self->slot_order = g_new (guint, MAX (1, self->n_tasks));
  for (guint i = 0; i < self->n_tasks; i++)
    self->slot_start[self->tasks[i].slot + 1]++;
  for (guint s = 0; s < S; s++)
    self->slot_start[s + 1] += self->slot_start[s];
  for (guint i = 0; i < self->n_tasks; i++)
    {
      guint s = self->tasks[i].slot;
      self->slot_order[self->slot_start[s] + fill[s]++] = i;
    }
  g_free (fill);
}

/**
 * mlr_shuffle_state_new:
 * The job for @params (keys operation, zipf, salt, partitions, executors, cores, rows, keys,
 * broadcast_mb; the table's ranges bound every loop: at most 75,000 map tasks, 20,000
 * partitions, 3,200 slots and 65,536 hashed sub-keys). Does not fail.
 */
MlrShuffleState *
mlr_shuffle_state_new (const MlrParams  *params,
                       GError          **error)
{
  MlrShuffleState *self = g_new0 (MlrShuffleState, 1);
  int op = mlr_param_spec_choice_index (mlr_params_lookup_spec (params, "operation"),
                                        mlr_params_get_string (params, "operation"));

  self->operation = CLAMP (op, 0, MLR_SHUFFLE_JOIN);
  self->rows = CLAMP (mlr_params_get_double (params, "rows"), 1000, MLR_SHUFFLE_MAX_ROWS);
  self->keys = floor (CLAMP (mlr_params_get_double (params, "keys"), 1,
                             MLR_SHUFFLE_MAX_KEYS));
  self->zipf = CLAMP (mlr_params_get_double (params, "zipf"), 0, 3);
  self->partitions = CLAMP (mlr_params_get_int (params, "partitions"), 1,
                            MLR_SHUFFLE_MAX_PARTITIONS);
  self->executors = CLAMP (mlr_params_get_int (params, "executors"), 1,
                           MLR_SHUFFLE_MAX_EXECUTORS);
  self->cores = CLAMP (mlr_params_get_int (params, "cores"), 1, MLR_SHUFFLE_MAX_CORES);
  self->salt = CLAMP (mlr_params_get_int (params, "salt"), 1, MLR_SHUFFLE_MAX_SALT);
  self->broadcast_mb = CLAMP (mlr_params_get_double (params, "broadcast_mb"), 0, 2048);

  self->small_mb = self->keys * MLR_SHUFFLE_ROW_BYTES / MIB;
  self->broadcast = self->operation == MLR_SHUFFLE_JOIN && self->small_mb < self->broadcast_mb;
  self->map_tasks = (guint) MAX (1, ceil (self->rows * MLR_SHUFFLE_ROW_BYTES /
                                          MLR_SHUFFLE_SPLIT_BYTES));
  self->split_rows = self->rows / self->map_tasks;
  self->partition_rows = g_new0 (double, self->partitions);
  self->partition_records = g_new0 (double, self->partitions);
  self->small_rows = g_new0 (double, self->partitions);

  distribute (self);
  run_job (self);
  order_by_slot (self);
  return self;
}

/* Every value the table takes works together. */
gboolean
mlr_shuffle_state_check (const MlrParams  *params,
                         GError          **error)
{
  return TRUE;
}

void
mlr_shuffle_state_free (MlrShuffleState *self)
{
  if (self == NULL)
    return;
  g_free (self->partition_rows);
  g_free (self->partition_records);
  g_free (self->small_rows);
  g_free (self->tasks);
  g_free (self->slot_order);
  g_free (self->slot_start);
  g_free (self);
}

MlrShuffleOperation
mlr_shuffle_state_get_operation (const MlrShuffleState *self)
{
  return self->operation;
}

/* Whether the join is a broadcast join (no shuffle). */
gboolean
mlr_shuffle_state_is_broadcast (const MlrShuffleState *self)
{
  return self->broadcast;
}

double
mlr_shuffle_state_get_rows (const MlrShuffleState *self)
{
  return self->rows;
}

double
mlr_shuffle_state_get_keys (const MlrShuffleState *self)
{
  return self->keys;
}

double
mlr_shuffle_state_get_zipf (const MlrShuffleState *self)
{
  return self->zipf;
}

guint
mlr_shuffle_state_get_partitions (const MlrShuffleState *self)
{
  return self->partitions;
}

guint
mlr_shuffle_state_get_slots (const MlrShuffleState *self)
{
  return self->executors * self->cores;
}

guint
mlr_shuffle_state_get_executors (const MlrShuffleState *self)
{
  return self->executors;
}

guint
mlr_shuffle_state_get_cores (const MlrShuffleState *self)
{
  return self->cores;
}

guint
mlr_shuffle_state_get_salt (const MlrShuffleState *self)
{
  return self->salt;
}

/* The join's small side in MiB (one 100-byte row per key), before salting copies it. */
double
mlr_shuffle_state_get_small_mb (const MlrShuffleState *self)
{
  return self->small_mb;
}

/* The most frequent key's share of the rows: 1 / H(keys, s). */
double
mlr_shuffle_state_get_hot_share (const MlrShuffleState *self)
{
  return self->hot_share;
}

/* How many 128 MiB splits (map tasks) the big table has. */
guint
mlr_shuffle_state_get_map_tasks (const MlrShuffleState *self)
{
  return self->map_tasks;
}

double
mlr_shuffle_state_get_split_rows (const MlrShuffleState *self)
{
  return self->split_rows;
}

/* Rows of the big table whose (salted) key hashes to each partition; they add up to rows. */
const double *
mlr_shuffle_state_get_partition_rows (const MlrShuffleState *self,
                                      guint                 *n)
{
  *n = self->partitions;
  return self->partition_rows;
}

/* What each reduce task fetches of the big side: its rows, or with a count its partial
 * counts (expected number of distinct sub-keys per split, summed over the splits). */
const double *
mlr_shuffle_state_get_partition_records (const MlrShuffleState *self,
                                         guint                 *n)
{
  *n = self->partitions;
  return self->partition_records;
}

guint
mlr_shuffle_state_get_largest_partition (const MlrShuffleState *self)
{
  return self->largest;
}

/* Every task of the job: map tasks first, then the reduce tasks in partition order. */
const MlrShuffleTask *
mlr_shuffle_state_get_tasks (const MlrShuffleState *self,
                             guint                 *n)
{
  *n = self->n_tasks;
  return self->tasks;
}

/* Task indices by slot: slot s's are slot_order[slot_start[s] .. slot_start[s + 1]). */
const guint *
mlr_shuffle_state_get_slot_order (const MlrShuffleState *self,
                                  const guint          **slot_start)
{
  *slot_start = self->slot_start;
  return self->slot_order;
}

/* The longest task of the measured stage (reduce, or broadcast join). */
guint
mlr_shuffle_state_get_straggler (const MlrShuffleState *self)
{
  return self->straggler;
}

double
mlr_shuffle_state_get_job_seconds (const MlrShuffleState *self)
{
  return self->job_seconds;
}

/* When the measured stage starts: the end of the map stage (0 for a broadcast join). */
double
mlr_shuffle_state_get_stage_start (const MlrShuffleState *self)
{
  return self->stage_start;
}

double
mlr_shuffle_state_get_broadcast_seconds (const MlrShuffleState *self)
{
  return self->broadcast_seconds;
}

/* The reduce stage's wall time; for a broadcast join, the broadcast and the join stage. */
double
mlr_shuffle_state_get_stage_seconds (const MlrShuffleState *self)
{
  return self->stage_seconds;
}

double
mlr_shuffle_state_get_max_task_seconds (const MlrShuffleState *self)
{
  return self->max_task;
}

double
mlr_shuffle_state_get_median_task_seconds (const MlrShuffleState *self)
{
  return self->median_task;
}

/* MiB the reduce tasks fetch (both sides of a sort-merge join); 0 for a broadcast join. */
double
mlr_shuffle_state_get_shuffled_mb (const MlrShuffleState *self)
{
  return self->shuffled_mb;
}

/* The most records one task reads: a reduce task's fetched rows or partial counts, or for a
 * broadcast join a split's rows. */
double
mlr_shuffle_state_get_largest_partition_rows (const MlrShuffleState *self)
{
  if (self->broadcast)
    return self->split_rows;
  return self->partition_records[self->largest];
}

/* MiB the reduce tasks spill to disk (beyond their share of executor memory). */
double
mlr_shuffle_state_get_spilled_mb (const MlrShuffleState *self)
{
  return self->spilled_mb;
}

/**
 * mlr_shuffle_state_collect_metrics:
 * stage_seconds, max_task_seconds, median_task_seconds (the reduce stage, or the broadcast
 * join's one stage), shuffled_mb (MiB fetched) and largest_partition_rows.
 */
void
mlr_shuffle_state_collect_metrics (const MlrShuffleState *self,
                                   MlrMetricFunc          func,
                                   gpointer               user_data)
{
  func ("stage_seconds", g_variant_new_double (self->stage_seconds), user_data);
  func ("max_task_seconds", g_variant_new_double (self->max_task), user_data);
  func ("median_task_seconds", g_variant_new_double (self->median_task), user_data);
  func ("shuffled_mb", g_variant_new_double (self->shuffled_mb), user_data);
  func ("largest_partition_rows",
        g_variant_new_double (mlr_shuffle_state_get_largest_partition_rows (self)), user_data);
}
