#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SciPy and NumPy on the work of bench-abtest, and the ratio peer time / C time.

usage: scipy_bench_abtest.py PATH/TO/bench-abtest PATH/TO/ml-roadmap-cli

Runs the C benchmark (reading its RESULT lines, and the t-test's samples it writes), then:
 - scipy.stats.ttest_ind(a, b, equal_var=False) and ttest_rel(a, b) on the same 2 x 100,000
   values, the two-proportion z-test written out with scipy.stats.norm;
 - `ml-roadmap-cli ttest a.csv b.csv` end to end (a process reading both files) against
   numpy.loadtxt + ttest_ind in this interpreter;
 - the simulation of the A/A test with ten looks in NumPy, the same way (every user a
   Bernoulli draw, in chunks of runs), and with NumPy's binomial draws of the users between
   looks, a shortcut the C does not take.
Medians, in the units shown.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import stats

BENCH, CLI = sys.argv[1], sys.argv[2]


def timed(func, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def aa_bernoulli(n, runs, peeks, p=0.05, alpha=0.05, seed=1):
    g = np.random.default_rng(seed)
    looks = np.array([-(-k * n // peeks) for k in range(1, peeks + 1)])
    crit = stats.norm.isf(alpha / 2)
    chunk = max(1, 20_000_000 // (2 * n))
    positives = 0
    for start in range(0, runs, chunk):
        m = min(chunk, runs - start)
        ca = np.cumsum(g.random((m, n), dtype=np.float64) < p, axis=1)[:, looks - 1]
        cb = np.cumsum(g.random((m, n), dtype=np.float64) < p, axis=1)[:, looks - 1]
        pooled = (ca + cb) / (2 * looks)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where((pooled > 0) & (pooled < 1),
                         (cb - ca) / np.sqrt(2 * looks * pooled * (1 - pooled)), 0.0)
        positives += int((np.abs(z) >= crit).any(axis=1).sum())
    return positives / runs


def aa_binomial(n, runs, peeks, p=0.05, alpha=0.05, seed=1):
    g = np.random.default_rng(seed)
    looks = np.array([-(-k * n // peeks) for k in range(1, peeks + 1)])
    inc = np.diff(np.r_[0, looks])
    ca = np.cumsum(g.binomial(inc, p, size=(runs, peeks)), axis=1)
    cb = np.cumsum(g.binomial(inc, p, size=(runs, peeks)), axis=1)
    pooled = (ca + cb) / (2 * looks)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where((pooled > 0) & (pooled < 1),
                     (cb - ca) / np.sqrt(2 * looks * pooled * (1 - pooled)), 0.0)
    return (np.abs(z) >= stats.norm.isf(alpha / 2)).any(axis=1).mean()


def main():
    tmp = tempfile.mkdtemp(prefix="mlr-bench-abtest-")
    out = subprocess.run([BENCH, "--quick", "--data", tmp], capture_output=True, text=True,
                         check=True).stdout
    print(out)
    c = {}
    for line in out.splitlines():
        if line.startswith("RESULT "):
            _, name, value = line.split()
            c[name] = float(value)
    a = np.loadtxt(os.path.join(tmp, "a.csv"), skiprows=1)
    b = np.loadtxt(os.path.join(tmp, "b.csv"), skiprows=1)

    rows = []
    t = timed(lambda: stats.ttest_ind(a, b, equal_var=False), 21) * 1e6
    rows.append(("Welch t-test, 2 x 100,000 values (us)", c["welch_100000"], t))
    t = timed(lambda: stats.ttest_rel(a, b), 21) * 1e6
    rows.append(("paired t-test, 100,000 pairs (us)", c["paired_100000"], t))

    def proportions():
        pa, pb = 500 / 10000, 560 / 10000
        pooled = 1060 / 20000
        z = (pb - pa) / np.sqrt(pooled * (1 - pooled) * (2 / 10000))
        se = np.sqrt(pa * (1 - pa) / 10000 + pb * (1 - pb) / 10000)
        half = stats.norm.ppf(0.975) * se
        return z, 2 * stats.norm.sf(abs(z)), pb - pa - half, pb - pa + half
    t = timed(lambda: [proportions() for _ in range(1000)], 5) * 1e6 / 1000
    rows.append(("two-proportion z-test (us)", c["proportions"], t))

    cli = timed(lambda: subprocess.run([CLI, "ttest", os.path.join(tmp, "a.csv"),
                                        os.path.join(tmp, "b.csv")], capture_output=True,
                                       check=True), 7) * 1e3
    py = timed(lambda: stats.ttest_ind(np.loadtxt(os.path.join(tmp, "a.csv"), skiprows=1),
                                       np.loadtxt(os.path.join(tmp, "b.csv"), skiprows=1),
                                       equal_var=False), 5) * 1e3
    rows.append(("ttest end to end: read 2 CSVs + test (ms)", cli, py))

    sim = c["sim_10000_2000_10"] / 1000
    t = timed(lambda: aa_bernoulli(10000, 2000, 10), 3) * 1e3
    rows.append(("A/A 2,000 x 10,000, 10 looks, Bernoulli users (ms)", sim, t))
    t = timed(lambda: aa_binomial(10000, 2000, 10), 5) * 1e3
    rows.append(("  NumPy with binomial draws between looks (ms)", sim, t))

    print("%-52s %10s %10s %8s" % ("work", "C", "peer", "peer/C"))
    for name, ours, theirs in rows:
        print("%-52s %10.2f %10.2f %7.1fx" % (name, ours, theirs, theirs / ours))
    print("\nsimulated A/A rate, 2,000 x 10,000 with 10 looks: NumPy Bernoulli %.4f, binomial "
          "%.4f (Monte-Carlo sd about 0.009)" % (aa_bernoulli(10000, 2000, 10),
                                                 aa_binomial(10000, 2000, 10)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
