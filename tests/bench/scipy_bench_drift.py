#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli drift` against SciPy/NumPy on the same files: two columns of 100,000
(and of 10,000) normal values, the second shifted by 0.02 SD.

 - end to end: the CLI as a process (start-up, reading and checking both CSV files, sorting,
   PSI, KS with its p-value, Wasserstein, JSON) against numpy.loadtxt of both files +
   ks_2samp(method="asymp") + wasserstein_distance + the NumPy PSI of test-cli-drift.py in
   this interpreter (already started);
 - the statistics alone in Python, the files already loaded (compare bench-drift's
   "sort + mlr_drift_compare" line).
Medians of 7 runs, in ms.

usage: scipy_bench_drift.py PATH/TO/ml-roadmap-cli
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import stats

CLI = sys.argv[1]


def timed(func, repeat=7):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return 1000 * statistics.median(samples)


def psi_numpy(ref, cur, bins=10):
    edges = np.quantile(ref, np.arange(1, bins) / bins)
    def shares(x):
        counts = np.bincount(np.searchsorted(edges, x, side="left"), minlength=bins)
        s = counts / len(x)
        s[counts == 0] = 1e-4
        return s
    r, c = shares(ref), shares(cur)
    return float(np.sum((c - r) * np.log(c / r)))


def python_stats(a, b):
    ks = stats.ks_2samp(a, b, method="asymp")
    return psi_numpy(a, b), ks.statistic, ks.pvalue, stats.wasserstein_distance(a, b)


tmp = tempfile.mkdtemp(prefix="drift-bench-")
rng = np.random.default_rng(3)
for n in (10000, 100000):
    a, b = rng.normal(size=n), rng.normal(0.02, 1, size=n)
    pa, pb = os.path.join(tmp, "a.csv"), os.path.join(tmp, "b.csv")
    np.savetxt(pa, a, fmt="%.17g")
    np.savetxt(pb, b, fmt="%.17g")
    out = json.loads(subprocess.run([CLI, "drift", "--reference", pa, "--current", pb],
                                    capture_output=True, text=True, check=True).stdout)
    want = python_stats(a, b)
    cli_ms = timed(lambda: subprocess.run([CLI, "drift", "--reference", pa, "--current", pb],
                                          capture_output=True, check=True))
    py_ms = timed(lambda: python_stats(np.loadtxt(pa), np.loadtxt(pb)))
    stats_ms = timed(lambda: python_stats(a, b))
    print("2 x %6d: ml-roadmap-cli drift %7.1f ms | numpy.loadtxt + SciPy/NumPy %7.1f ms | "
          "SciPy/NumPy statistics alone %6.1f ms" % (n, cli_ms, py_ms, stats_ms))
    print("           agree: psi %.3g, ks %.3g, p %.3g, wasserstein %.3g" % (
        abs(out["psi"] - want[0]), abs(out["ks_statistic"] - want[1]),
        abs(out["ks_p_value"] - want[2]), abs(out["wasserstein"] - want[3])))
    os.unlink(pa)
    os.unlink(pb)
