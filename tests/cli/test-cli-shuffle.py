#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "shuffle" demo's numbers against independent answers (TAP):

- the Zipf shares against scipy.stats.zipfian and the hash partitioning redone here: the
  largest partition of a collect, exactly when every key is hashed one by one (≤ 1,024 keys),
  and within a stated tolerance of hashing all 10⁵ keys when the rarer ones are spread evenly;
- the map-side combine against rows drawn with NumPy: the partial counts a count shuffles,
  per partition, with and without salt;
- the documented cost model redone here (task durations, Spark-like list scheduling with a
  heap): stage_seconds, max_task_seconds and median_task_seconds;
- hostile values refused with exit 2 and the range named; the largest values finish fast.

usage: test-cli-shuffle.py PATH/TO/ml-roadmap-cli
"""
import heapq
import json
import math
import subprocess
import sys
import time

import numpy as np
from scipy import stats

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
MASK = (1 << 64) - 1
MIB = 1024.0 * 1024.0


def metrics(**params):
    args = [CLI, "metrics", "shuffle"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=60)
    got = None
    if p.returncode == 0:
        got = json.loads(p.stdout)
    return p.returncode, got, p.stderr


def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def partition(key, salt, partitions):
    return splitmix64((key << 8) | salt) % partitions


def pmf(keys, zipf):
    """scipy.stats.zipfian's pmf; above 2,000 keys k^-s / sum directly (scipy's pmf sums the
    normalising series once per point, which is quadratic)."""
    k = np.arange(1, keys + 1, dtype=float)
    if zipf == 0:
        return np.full(keys, 1.0 / keys)
    if keys > 2000:
        w = k ** -zipf
        return w / w[::-1].sum()
    return stats.zipfian(zipf, keys).pmf(k)


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


# 1. Largest partition of a collect: exact with every key hashed.
bad = []
rng = np.random.default_rng(3)
cases = [(1e9, 1000, 1.0, 200, 1), (1e9, 1000, 1.0, 200, 8), (5e7, 1024, 0.0, 64, 1),
         (1e8, 1, 1.0, 200, 1), (1e8, 7, 2.5, 3, 5), (3e10, 500, 0.7, 1000, 64)]
for _ in range(25):
    cases.append((float("%.4g" % 10 ** rng.uniform(4, 11)), int(rng.integers(1, 1025)),
                  round(float(rng.uniform(0, 3)), 3), int(rng.integers(1, 2001)),
                  int(rng.integers(1, 65))))
for rows, keys, zipf, parts, salt in cases:
    p = pmf(keys, zipf)
    mass = np.zeros(parts)
    for k in range(1, keys + 1):
        for t in range(salt):
            mass[partition(k, t if salt > 1 else 0, parts)] += p[k - 1] / salt
    want = rows * mass.max()
    rc, got, err = metrics(rows=rows, keys=keys, zipf=zipf, partitions=parts, salt=salt,
                           operation="groupby-collect")
    if rc != 0 or rel(got["largest_partition_rows"], want) > 1e-9:
        bad.append("%r: %r want %r %s" % ((rows, keys, zipf, parts, salt), got, want, err))
    elif rel(got["shuffled_mb"], rows * 48 / MIB) > 1e-9:
        bad.append("%r: shuffled %r want %r" % ((rows, keys, zipf, parts, salt),
                                                got["shuffled_mb"], rows * 48 / MIB))
check(not bad, "collect's largest partition and bytes equal scipy.stats.zipfian shares hashed "
      "key by key, %d cases" % len(cases), "\n".join(bad[:5]))

# 2. Many keys: the rarer ones spread evenly instead of hashed. Against hashing all of them.
worst = 0
for keys, zipf, parts in [(100000, 1.0, 200), (100000, 1.5, 50), (50000, 0.8, 200),
                          (100000, 1.2, 1000)]:
    p = pmf(keys, zipf)
    k = np.arange(1, keys + 1, dtype=np.uint64)
    z = k << np.uint64(8)
    with np.errstate(over="ignore"):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    mass = np.bincount((z % np.uint64(parts)).astype(np.int64), weights=p, minlength=parts)
    rc, got, err = metrics(rows=1e9, keys=keys, zipf=zipf, partitions=parts,
                           operation="groupby-collect")
    worst = max(worst, rel(got["largest_partition_rows"], 1e9 * mass.max()) if rc == 0 else 1)
check(worst < 0.01, "with 10^5 keys the largest partition is within 1%% of hashing every key "
      "(worst %.2g%%)" % (100 * worst))

# 3. Map-side combine: partial counts per partition against rows drawn with NumPy.
bad = []
for keys, zipf, parts, salt, rows in [(1000, 1.2, 50, 1, 3_000_000), (1000, 1.2, 50, 4, 3_000_000),
                                      (800, 0.0, 20, 1, 2_000_000), (300, 2.0, 7, 16, 1_500_000)]:
    split_bytes = 128 * MIB
    splits = max(1, math.ceil(rows * 100 / split_bytes))
    p = pmf(keys, zipf)
    part_of = np.array([[partition(k, t if salt > 1 else 0, parts) for t in range(salt)]
                        for k in range(1, keys + 1)])
    gen = np.random.default_rng(11)
    rec = np.zeros(parts)
    for i in range(splits):
        n = rows // splits
        key = gen.choice(keys, size=n, p=p)
        t = gen.integers(0, salt, size=n)
        seen = np.unique(key * salt + t)
        np.add.at(rec, part_of[seen // salt, seen % salt], 1)
    rc, got, err = metrics(rows=rows, keys=keys, zipf=zipf, partitions=parts, salt=salt,
                           operation="groupby-count")
    if rc != 0:
        bad.append(err)
        continue
    e1 = rel(got["largest_partition_rows"], rec.max())
    e2 = rel(got["shuffled_mb"], rec.sum() * 24 / MIB)
    if e1 > 0.02 or e2 > 0.01:
        bad.append("%r: largest %r vs drawn %r, MiB %r vs %r" %
                   ((keys, zipf, parts, salt), got["largest_partition_rows"], rec.max(),
                    got["shuffled_mb"], rec.sum() * 24 / MIB))
check(not bad, "a count's partial counts per partition match rows drawn with NumPy "
      "(largest within 2%, total within 1%)", "\n".join(bad))


# 4. The cost model, redone: durations and list scheduling.
def schedule(durations, slots, t0):
    heap = [(t0, s) for s in range(slots)]
    out = []
    for d in durations:
        free, s = heapq.heappop(heap)
        out.append((free, free + d))
        heapq.heappush(heap, (free + d, s))
    return out


def model(rows, keys, zipf, parts, executors, cores, salt, op, broadcast_mb):
    disk = 500 * MIB / cores
    net = 1250 * MIB / cores
    memory = 0.6 * 8192 * MIB / cores
    splits = max(1, math.ceil(rows * 100 / (128 * MIB)))
    n = rows / splits
    p = pmf(keys, zipf)
    mass, seen, small = np.zeros(parts), np.zeros(parts), np.zeros(parts)
    for k in range(1, keys + 1):
        q = p[k - 1] / salt
        for t in range(salt):
            j = partition(k, t if salt > 1 else 0, parts)
            mass[j] += q
            seen[j] += -math.expm1(n * math.log1p(-q)) if q < 1 else 1
            small[j] += 1
    part_rows = rows * mass
    slots = executors * cores
    if op == "join" and keys * 100 / MIB < broadcast_mb:
        bcast = 2 * keys * 100 / (1250 * MIB) + keys * 0.2e-6
        d = [0.05 + n * 100 / disk + n * 0.6e-6] * splits
        times = schedule(d, slots, bcast)
        return max(e for _, e in times), d
    rec = np.minimum(part_rows, splits * seen) if op == "groupby-count" else part_rows
    out = (rec.sum() / splits * 24) if op == "groupby-count" else n * 48
    maps = [0.05 + n * 0.4e-6 + (n * 100 + out) / disk] * splits
    if op == "join":
        sm = max(1, math.ceil(keys * 100 / (128 * MIB)))
        ns = keys / sm
        maps += [0.05 + ns * 0.4e-6 + ns * (100 + salt * 48) / disk] * sm
    start = max(e for _, e in schedule(maps, slots, 0))
    red = []
    for j in range(parts):
        if op == "groupby-count":
            b, cpu, spill = rec[j] * 24, rec[j] * 0.1e-6, 0
        elif op == "groupby-collect":
            b, cpu = rec[j] * 48, rec[j] * 0.3e-6
            spill = max(0, 2 * b - memory)
        else:
            b, cpu = (rec[j] + small[j]) * 48, (rec[j] + small[j]) * 0.6e-6
            spill = max(0, 2 * b - memory)
        red.append(0.05 + b / net + cpu + 2 * spill / disk)
    end = max(e for _, e in schedule(red, slots, start))
    return end - start, red


bad = []
rng = np.random.default_rng(8)
cases = [(1e9, 1000, 1.0, 200, 20, 4, 1, "groupby-collect", 10),
         (1e9, 1000, 1.0, 200, 20, 4, 16, "join", 10),
         (1e9, 1000, 1.0, 200, 20, 4, 1, "join", 100),
         (1e10, 1024, 1.3, 64, 5, 16, 2, "groupby-count", 10)]
ops = ["groupby-count", "groupby-collect", "join"]
for _ in range(20):
    cases.append((float("%.3g" % 10 ** rng.uniform(5, 10.5)), int(rng.integers(1, 1025)),
                  round(float(rng.uniform(0, 3)), 2), int(rng.integers(1, 600)),
                  int(rng.integers(1, 60)), int(rng.integers(1, 17)), int(rng.integers(1, 33)),
                  ops[int(rng.integers(0, 3))], [0, 0.05, 10][int(rng.integers(0, 3))]))
for c in cases:
    rows, keys, zipf, parts, ex, cores, salt, op, bmb = c
    stage, durations = model(*c)
    rc, got, err = metrics(rows=rows, keys=keys, zipf=zipf, partitions=parts, executors=ex,
                           cores=cores, salt=salt, operation=op, broadcast_mb=bmb)
    if rc != 0 or rel(got["stage_seconds"], stage) > 1e-9 or \
            rel(got["max_task_seconds"], max(durations)) > 1e-9 or \
            rel(got["median_task_seconds"], float(np.median(durations))) > 1e-9:
        bad.append("%r: got %r want %r %r %r %s" % (c, got, stage, max(durations),
                                                     float(np.median(durations)), err))
check(not bad, "stage, longest and median task equal the cost model redone with heapq and "
      "np.median, %d cases" % len(cases), "\n".join(bad[:4]))

# 5. Hostile values: refused with the range, exit 2; the largest finish in seconds.
for key, value in [("zipf", "50"), ("executors", "0"), ("rows", "nan"), ("rows", "1e20"),
                   ("keys", "-3"), ("cores", "100"), ("salt", "0"), ("partitions", "1e9"),
                   ("broadcast_mb", "inf"), ("operation", "sort")]:
    p = subprocess.run([CLI, "metrics", "shuffle", "--set", "%s=%s" % (key, value)],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 2 and key in p.stderr and p.stdout == "",
          "%s=%s is refused with exit 2" % (key, value), p.stderr)
t0 = time.monotonic()
for op in ops:
    rc, got, err = metrics(rows="1e11", keys="1e9", zipf=3, partitions=20000, executors=1,
                           cores=1, salt=64, operation=op, broadcast_mb=0)
    check(rc == 0 and all(math.isfinite(v) for v in got.values()),
          "the largest job (%s) gives finite numbers" % op, err)
check(time.monotonic() - t0 < 20, "the three largest jobs take under 20 s together (%.2f s)" %
      (time.monotonic() - t0))

finish()
